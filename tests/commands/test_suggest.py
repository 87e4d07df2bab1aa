"""建议指标 (xladdin suggest) and new-fund --basis on the seed example.

Expected values come from the seed's 测算依据 as written: 城镇军队退役人员就业援助资金
「…约2380元/人/月*12个月*112人=320万元」 (112人, 2380元/人/月, 320万元) and 大学生应征入伍奖励
「16人×10000元/人=160000元」 (16人, 10000元/人); the other five 附表3 name no count.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import digest

from xladdin.cli import main
from xladdin.commands.suggest import SUGGESTION_FILL, library
from xladdin.edits import NoteSheet, SetCell
from xladdin.examples.shifeng2023 import submission
from xladdin.io.openpyxl_writer import edit_file
from xladdin.reader import read_workbook
from xladdin.validate import validate_file
from xladdin.values import value_kind

WITH_COUNT = {
    "附表3-城镇军队退役人员就业援助资金": ("112", "2380元/人/月"),
    "附表3-大学生应征入伍奖励": ("16", "10000元/人"),
}
SEED_BASIS = next(f for f in submission().form3s if f.direction == "城镇军队退役人员就业援助资金").details[0].basis


@pytest.fixture()
def work(example_xlsm, tmp_path) -> Path:
    target = tmp_path / "book.xlsm"
    shutil.copy(example_xlsm, target)
    return target


def _cells(path: Path) -> dict[str, dict[str, object]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate: c for row in ws.iter_rows() for c in row} for ws in wb.worksheets}


def test_without_write_only_prints(work, capsys):
    before = digest(work)
    assert main(["suggest", str(work)]) == 0
    out = capsys.readouterr().out
    assert before == digest(work)
    assert "附表3-大学生应征入伍奖励!E10  数量指标 指标值「16人」  [可写入]" in out
    assert "≤2380元/人/月" in out and "--write" in out


def test_write_fills_counts_and_unit_standards_and_clears_those_errors(work, capsys):
    before_findings = validate_file(work).findings
    before = _cells(work)
    assert main(["suggest", str(work), "--write"]) == 0
    assert "已写入" in capsys.readouterr().out
    sub = read_workbook(work).submission
    for form in sub.form3s:
        if form.sheet not in WITH_COUNT:
            continue
        count, rate = WITH_COUNT[form.sheet]
        quantity = [i for i in form.indicators if i.level2 == "数量指标"]
        numbers = [re.match(r"\d+", str(i.value)).group() for i in quantity if i.value is not None]
        assert numbers == [count], form.sheet  # the number the 测算依据 names
        cost = [i for i in form.indicators if i.level2 == "成本指标"]
        assert [str(i.value) for i in cost] == [f"≤{rate}"] and cost[0].name, form.sheet
    after_findings = validate_file(work).findings
    for sheet in WITH_COUNT:
        old = {f.rule for f in before_findings if f.sheet == sheet}
        new = {f.rule for f in after_findings if f.sheet == sheet}
        assert "I310" in old and "I310" not in new
        assert not {"I302", "I301"} & new
    assert "I302" in {f.rule for f in before_findings if f.sheet == "附表3-大学生应征入伍奖励"}
    assert len([f for f in after_findings if f.severity == "error"]) < len(
        [f for f in before_findings if f.severity == "error"]
    )
    # no cell the clerk filled changed; every written cell was blank and carries the suggestion fill
    after = _cells(work)
    written = 0
    for sheet, cells in before.items():
        for ref, cell in cells.items():
            new = after[sheet][ref]
            if cell.value not in (None, ""):
                assert new.value == cell.value, (sheet, ref)
            elif new.value not in (None, ""):
                written += 1
                assert new.fill.fgColor.rgb.endswith(SUGGESTION_FILL[1:]), (sheet, ref)
    assert written >= 2 * 3 + 1  # two 成本指标 rows (name, value, standard) and the 16人
    assert "指标建议" in after and "指标建议" not in {f.sheet for f in after_findings}


def test_write_twice_changes_nothing_more(work, capsys):
    main(["suggest", str(work), "--write"])
    first = {s: {r: c.value for r, c in cells.items()} for s, cells in _cells(work).items() if s != "指标建议"}
    main(["suggest", str(work), "--write"])
    second = {s: {r: c.value for r, c in cells.items()} for s, cells in _cells(work).items() if s != "指标建议"}
    assert first == second
    assert "没有可写入的空白单元格" in capsys.readouterr().out


def test_library_values_are_measurable_and_sourced():
    kinds = library()
    labels = {k.label for k in kinds}
    assert {"补助/抚恤", "慰问", "奖励", "设施维护", "就业/公益性岗位", "培训", "信息化"} <= labels
    for kind in kinds:
        assert kind.indicators, kind.key
        for ind in kind.indicators:
            assert value_kind(ind.value) in ("percent", "qualitative", "compare", "number_unit"), ind
            assert ind.source and ind.url.startswith("http"), ind
            assert ind.level2 in ("质量指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"), ind


def test_text_starting_with_equals_stays_text(work):
    edit_file(
        work,
        [
            SetCell("附表3-大学生应征入伍奖励", 11, 5, "=100%", fill=SUGGESTION_FILL),
            NoteSheet("指标建议", (("=1+1", "=SUM(A1)"),)),
        ],
    )
    wb = openpyxl.load_workbook(work)
    assert wb["附表3-大学生应征入伍奖励"]["E11"].value == "=100%"
    assert wb["附表3-大学生应征入伍奖励"]["E11"].data_type == "s"
    with zipfile.ZipFile(work) as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
    assert b"<f>100%" not in xml and b"<f>1+1" not in xml and b"<f>SUM(A1)" not in xml
    assert not [f for f in validate_file(work).findings if f.rule == "S003"]


def test_new_fund_with_the_seed_basis_starts_complete(work, capsys):
    before = {(f.rule, f.sheet, f.cell) for f in validate_file(work).findings}
    assert main(["new-fund", str(work), "--name", "退役人员就业援助", "--basis", SEED_BASIS]) == 0
    assert "320 万元" in capsys.readouterr().out
    sub = read_workbook(work).submission
    form = next(f for f in sub.form3s if f.direction == "退役人员就业援助")
    assert form.project_amount == 320 and form.details[0].amount == 320
    assert form.details[0].basis == SEED_BASIS
    values = {i.level2: i.value for i in form.indicators if i.value is not None}
    assert values["数量指标"] == "112人" and values["成本指标"] == "≤2380元/人/月"
    assert values["时效指标"] == "2023年度"
    assert {"质量指标", "社会效益指标", "服务对象满意度指标"} <= set(values)
    goal = "2023年度内完成退役人员就业援助：享受岗位补助人数112人，岗位补助标准2380元/人/月，资金320万元。"
    assert form.annual_goal == form.period_goal == goal  # measurable: count, standard, money, year
    new = [f for f in validate_file(work).findings if (f.rule, f.sheet, f.cell) not in before]
    on_sheet = [f for f in new if f.sheet == form.sheet]
    assert not [f for f in on_sheet if f.severity == "error"], on_sheet
    assert not [f for f in on_sheet if f.rule.startswith(("I", "A", "B"))], on_sheet
    wb = openpyxl.load_workbook(work)
    assert wb[form.sheet][form.place.row_cell("indicators", 0, "value")].fill.fgColor.rgb.endswith("DDEBF7")


def test_new_fund_refuses_an_amount_the_basis_does_not_give(work, capsys):
    before = digest(work)
    args = ["new-fund", str(work), "--name", "退役人员就业援助", "--basis", SEED_BASIS, "--amount", "50"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "与测算依据算出的 320 万元不一致" in err and err.count("\n") == 1
    assert digest(work) == before
    assert main([*args[:-1], "320"]) == 0  # the stated amount agrees


def test_new_fund_refuses_a_basis_without_arithmetic(work, capsys):
    before = digest(work)
    assert main(["new-fund", str(work), "--name", "移交事项", "--basis", "经开区移交事项"]) == 2
    assert "没有可计算的金额" in capsys.readouterr().err
    assert digest(work) == before


def test_a_filled_but_defective_cell_is_proposed_not_overwritten(work):
    from xladdin.commands.suggest import plan_suggest

    edit_file(work, [SetCell("附表3-烈士纪念设施整修", 12, 5, "2022年度")])  # 时效 of another year
    result = plan_suggest(read_workbook(work))
    [timely] = [p for p in result.proposals if p.sheet == "附表3-烈士纪念设施整修" and p.level2 == "时效指标"]
    assert timely.cells == {"value": "2023年度"} and not timely.writable and timely.cell == "E12"
    assert not [
        e for e in result.plan.edits if isinstance(e, SetCell) and (e.sheet, e.row, e.col) == (timely.sheet, 12, 5)
    ]


def test_new_fund_writes_a_library_value_starting_with_equals_as_text(work):
    assert main(["new-fund", str(work), "--name", "烈士陵园维护", "--basis", "3座×20000元/座=6万元"]) == 0
    sub = read_workbook(work).submission
    form = next(f for f in sub.form3s if f.direction == "烈士陵园维护")
    values = {i.level2: i.value for i in form.indicators}
    assert values["数量指标"] == "3座" and values["成本指标"] == "≤20000元/座"
    assert values["质量指标"] == "=100%"  # the library writes 「=100%」 as published: text, not a formula
    ref = form.place.row_cell("indicators", 1, "value")
    assert openpyxl.load_workbook(work)[form.sheet][ref].data_type == "s"
    findings = [f for f in validate_file(work).findings if f.sheet == form.sheet]
    assert not [f for f in findings if f.rule == "S003" or f.cell == ref]


def test_a_blank_goal_takes_the_text_form2_shows(work):
    sheet = "附表3-城镇军队退役人员就业援助资金"
    edit_file(work, [SetCell(sheet, 7, 2, None), SetCell(sheet, 8, 2, None)])  # B7, B8 emptied
    assert main(["suggest", str(work), "--write"]) == 0
    sub = read_workbook(work).submission
    form = next(f for f in sub.form3s if f.sheet == sheet)
    fund = next(f for f in sub.form2.funds if f.name == form.direction)
    assert (form.period_goal, form.annual_goal) == (fund.period_goal, fund.annual_goal)
    assert not [
        f for f in validate_file(work).findings if f.sheet == "附表2" and f.rule.startswith("X") and f.cell == "D7"
    ]
