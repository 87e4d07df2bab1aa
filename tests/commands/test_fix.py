"""``validate --fix`` in-process: each safe fix of one cell (from the rules of xladdin.commands.fix's
docstring), then a copy of the example with a clerk's slips typed in, fixed and read back."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from helpers import SEED_FORM3_SHEETS

from xladdin.commands import fix as F

SHEET = "附表3-烈士纪念设施整修"


@pytest.mark.parametrize(
    ("column", "value", "fixed"),
    [
        ("amount", 5, None),  # not a text
        ("value", None, None),
        ("value", "  ", None),
        ("value", "", None),
        ("name", " 文本 ", ("文本", "去掉多余空格")),
        ("name", "\u3000文本\u3000", ("文本", "去掉多余空格")),
        ("name", "文本", None),
        ("name", "第１期", None),  # full-width digits only in values and amounts
        ("name", "百分比", None),
        ("standard", "计 划 标 准", ("计划标准", "去掉多余空格")),
        ("standard", " 计 划 标 准 ", ("计划标准", "去掉多余空格")),
        ("standard", " 计划标准", ("计划标准", "去掉多余空格")),
        ("standard", "计划标准", None),
        ("standard", "随 便", None),  # not one of the standards: spaces inside kept
        ("name", "计 划 标 准", None),  # only in the 绩效标准 column
        ("amount", "１２３", (123, "金额改为数字（全角数字改为半角）")),
        ("amount", "123", (123, "金额改为数字")),
        ("amount", " 1 234 ", (1234, "金额改为数字")),
        ("amount", "１２３.５", (123.5, "金额改为数字（全角数字改为半角）")),
        ("project_amount", "7", (7, "金额改为数字")),
        ("parent_amount", "7", (7, "金额改为数字")),
        ("general_budget", "7", (7, "金额改为数字")),
        ("gov_fund", "-5", (-5, "金额改为数字")),
        ("other_funds", "7", (7, "金额改为数字")),
        ("basic", "7", (7, "金额改为数字")),
        ("name", "7", None),  # a text number elsewhere stays a text
        ("amount", "abc", None),
        ("amount", " abc ", ("abc", "去掉多余空格")),
        ("unit", "百分比", ("%", "「百分比」改为 %")),
        ("unit", " 百分比 ", ("%", "「百分比」改为 %")),
        ("unit", "个", None),
        ("value", "百分比", None),
        ("value", "１座", ("1座", "全角数字改为半角")),
        ("value", "９５％", ("95%", "全角数字改为半角")),
        ("value", " 95百分比", ("95%", "去掉多余空格，「百分比」改为 %")),
        ("value", "=100百分比", ("=100%", "「百分比」改为 %")),
        ("value", "95 百分比", ("95%", "「百分比」改为 %")),
        ("value", "≥９５百分比", ("≥95%", "全角数字改为半角，「百分比」改为 %")),
        ("value", "100百分比以上", ("100%以上", "「百分比」改为 %")),
        ("value", "95%", None),
        ("value", "１２个", ("12个", "全角数字改为半角")),
    ],
)
def test_fix_value(column, value, fixed):
    assert F.fix_value(column, value) == fixed


def test_fix_line():
    fx = F.Fix("附表1", "B5", " a", "a", "去掉多余空格")
    assert fx.line() == "附表1!B5  去掉多余空格：「 a」→「a」"


@pytest.fixture()
def slips(work):
    wb = openpyxl.load_workbook(work)
    ws = wb[SHEET]
    ws["B5"] = "２"  # 项目金额 typed full-width
    ws["E11"] = "=100百分比"  # 覆盖率, the Gansu way
    ws["E11"].data_type = "s"
    ws["D20"] = "２"  # the detail's amount
    ws["D15"] = " 提高社会群体对烈士的尊崇 "
    ws["F11"] = "计 划 标 准"
    ws["E10"] = "１座"
    ws["A2"] = " 标题 "  # not a cell the reader places: left alone
    wb.save(work)
    return work


def test_plan_fixes_on_the_example(slips):
    from xladdin.reader import read_workbook

    fixes = F.plan_fixes(read_workbook(slips))
    mine = {(x.cell, x.before, x.after, x.why) for x in fixes if x.sheet == SHEET}
    assert mine == {
        ("B5", "２", 2, "金额改为数字（全角数字改为半角）"),
        ("D20", "２", 2, "金额改为数字（全角数字改为半角）"),
        ("E11", "=100百分比", "=100%", "「百分比」改为 %"),
        ("E10", "１座", "1座", "全角数字改为半角"),
        ("D15", " 提高社会群体对烈士的尊崇 ", "提高社会群体对烈士的尊崇", "去掉多余空格"),
        ("F11", "计 划 标 准", "计划标准", "去掉多余空格"),
        ("F18", " 计划标准", "计划标准", "去掉多余空格"),  # the seed's own slip, in every 附表3
    }
    others = [(x.sheet, x.cell, x.before, x.after) for x in fixes if x.sheet != SHEET]
    assert others == [(s, "F18", " 计划标准", "计划标准") for s in SEED_FORM3_SHEETS[1:]]
    assert [x.sheet for x in fixes][:7] == [SHEET] * 7  # in sheet order


def test_fix_file_writes_prints_and_keeps_a_backup(slips):
    out = io.StringIO()
    fixes = F.fix_file(slips, out=out)
    assert len(fixes) == 13
    lines = out.getvalue().splitlines()
    assert lines[0] == "已自动修正 13 处（只改不影响含义的书写问题）："
    assert lines[1:14] == [f"  {x.line()}" for x in fixes]
    assert f"  {SHEET}!B5  金额改为数字（全角数字改为半角）：「２」→「2」" in lines
    assert re.fullmatch(r"已保存。原文件备份为：work\..+\.bak\.xlsx", lines[14]) and len(lines) == 15
    backup = slips.parent / lines[14].split("：")[1]
    assert openpyxl.load_workbook(backup)[SHEET]["B5"].value == "２"
    ws = openpyxl.load_workbook(slips)[SHEET]
    assert (ws["B5"].value, ws["D20"].value, ws["E11"].value, ws["E10"].value) == (2, 2, "=100%", "1座")
    assert (ws["F11"].value, ws["F18"].value, ws["A2"].value) == ("计划标准", "计划标准", " 标题 ")
    again = io.StringIO()
    assert F.fix_file(slips, out=again) == []
    assert again.getvalue() == "没有可以安全自动修正的问题。\n"


def test_fix_file_prints_to_stdout_by_default(work, capsys):
    assert len(F.fix_file(work)) == 7
    assert capsys.readouterr().out.splitlines()[0] == "已自动修正 7 处（只改不影响含义的书写问题）："


def test_fix_file_refused(slips, monkeypatch):
    from xladdin.cli_base import UserError
    from xladdin.io import openpyxl_writer
    from xladdin.io.save import SaveRefused

    def refused(path, edits):
        raise SaveRefused("文件正在 Excel 中打开")

    monkeypatch.setattr(openpyxl_writer, "edit_file", refused)
    out = io.StringIO()
    with pytest.raises(UserError) as err:
        F.fix_file(slips, out=out)
    assert (err.value.zh, err.value.en) == ("文件正在 Excel 中打开", "file cannot be written now")
    assert out.getvalue() == ""


def test_fix_file_without_backup_says_nothing_of_one(slips, monkeypatch):
    from xladdin.io import openpyxl_writer

    edits = []
    monkeypatch.setattr(openpyxl_writer, "edit_file", lambda path, e: edits.extend(e))
    out = io.StringIO()
    F.fix_file(slips, out=out)
    assert "备份" not in out.getvalue()
    got = {(e.sheet, e.row, e.col, e.value) for e in edits}
    assert (SHEET, 5, 2, 2) in got and (SHEET, 11, 5, "=100%") in got and len(got) == 13


def test_a_dotted_field_is_judged_by_its_last_part(work):
    """附表2's 合计 金额 (field 「total.amount」) typed as full-width text becomes the number."""
    from xladdin.reader import read_workbook

    wb = openpyxl.load_workbook(work)
    wb["附表2"]["C5"] = "１１８４.２６"
    wb.save(work)
    fixes = [(x.sheet, x.cell, x.before, x.after, x.why) for x in F.plan_fixes(read_workbook(work))]
    assert ("附表2", "C5", "１１８４.２６", 1184.26, "金额改为数字（全角数字改为半角）") in fixes
    assert len(fixes) == 8  # and the seven F18


def test_cells_holding_formulas_are_left_alone(work):
    """A formula whose value a fix would change (a text amount with spaces) is not touched."""
    from xladdin.reader import read_workbook

    wb = openpyxl.load_workbook(work)
    wb["附表2"]["C5"] = '=" 12"'
    wb[SHEET]["D21"] = '=" 3 "'
    wb.save(work)
    fixes = F.plan_fixes(read_workbook(work))
    assert [(x.sheet, x.cell) for x in fixes] == [(s, "F18") for s in SEED_FORM3_SHEETS]
