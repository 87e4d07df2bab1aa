"""new-fund, sync and export on a copy of the example: what they add, what they keep, what they
refuse. Every refusal leaves the file's bytes unchanged."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import require_soffice
from helpers import digest

from xladdin.cli import main
from xladdin.io.libreoffice import convert
from xladdin.reader import read_workbook
from xladdin.selfcheck import is_selfcheck_formula
from xladdin.validate import validate_file

NEW = "附表3-退役军人技能培训"


def cells(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    """Every non-empty cell (value or formula text) of every sheet."""
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
        for ws in wb.worksheets
    }


def test_new_fund_adds_only_what_the_clerk_must_fill(work, capsys):
    before = {(f.rule, f.sheet, f.message) for f in validate_file(work).findings}
    assert main(["new-fund", str(work), "--name", "退役军人技能培训", "--amount", "50"]) == 0
    assert "调整收入来源" in capsys.readouterr().out
    after = validate_file(work).findings
    new = [f for f in after if (f.rule, f.sheet, f.message) not in before]
    # the new sheet's blanks, and 附表1's income, which must now cover 50 more
    # (the blank goals of the new fund are one finding on 附表2's row naming the new sheet's cells;
    # blank signature lines are one finding per workbook, whose sheet count grows by one)
    outside = [
        f
        for f in new
        if f.sheet != NEW
        and not f.rule.startswith("F5")
        and not (f.rule == "G601" and all(c.startswith(NEW) for c in f.cells))
    ]
    assert [(f.rule, f.sheet) for f in outside] == [("A104", "附表1")]
    assert "多 50" in outside[0].message
    rules = {f.rule for f in new}
    assert {"I301", "A108"} <= rules  # indicators and 支出明细 still to write
    assert not rules & {"X201", "X202", "X203", "A105", "A106", "S002", "S003"}
    sub = read_workbook(work).submission
    f3 = next(f for f in sub.form3s if f.sheet == NEW)
    assert [i.level2 for i in f3.indicators][:4] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert {i.standard for i in f3.indicators} == {"计划标准"}
    assert any(i.value == "2023年度" for i in f3.indicators)
    assert sub.form2.funds[-1].name == "退役军人技能培训" and sub.form2.funds[-1].seq == "八"


def test_new_fund_totals_grow_by_the_amount_in_libreoffice(work, tmp_path):
    require_soffice()
    main(["new-fund", str(work), "--name", "退役军人技能培训", "--amount", "50.5"])
    lo = openpyxl.load_workbook(convert(work, "xlsx", tmp_path / "lo"), data_only=True)
    base = read_workbook(work.with_name("x") if False else work).submission
    total_cell, project_cell = base.form2.cell("total.amount"), base.form1.cell("project")
    assert Decimal(str(lo["附表2"][total_cell].value)) == Decimal("1184.26") + Decimal("50.5")
    assert Decimal(str(lo["附表1"][project_cell].value)) == Decimal("1234.76")


def test_new_fund_keeps_every_value(work):
    before = cells(work)
    main(["new-fund", str(work), "--name", "退役军人技能培训", "--amount", "50"])
    after = cells(work)
    assert set(after) == set(before) | {NEW}
    inserted = read_workbook(work).submission.form2.place.rows["funds"][-1]
    total = read_workbook(work).submission.form2.cell("total.amount")
    for sheet, values in before.items():
        if sheet == "自查":
            continue  # the self-check is laid out afresh (tests/test_selfcheck_libreoffice.py)
        for (row, col), value in values.items():
            moved = row + 1 if sheet == "附表2" and row >= inserted else row
            if sheet == "附表2" and f"C{row}" == total:
                continue  # the 合计 formula now covers the new row (intended)
            assert after[sheet].get((moved, col)) == value, (sheet, row, col)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--name", "优抚安置专项", "--amount", "5"], "已有支出方向"),
        (["--name", "培训[一期]", "--amount", "5"], "不能用作工作表名称"),
        (["--name", "培训", "--amount", "五万"], "不是数字"),
        (["--name", "培训", "--amount", "5", "--parent", "没有这个专项"], "没有所属专项"),
    ],
)
def test_new_fund_refuses_and_changes_nothing(work, capsys, args, message):
    digest_before = digest(work)
    assert main(["new-fund", str(work), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert digest(work) == digest_before
    assert list(work.parent.glob("*.bak*")) == []


def test_write_refuses_while_excel_has_the_file_open(work, capsys):
    (work.parent / ("~$" + work.name)).write_bytes(b"owner")
    digest_before = digest(work)
    assert main(["new-fund", str(work), "--name", "培训", "--amount", "5"]) == 2
    assert "正在 Excel 中打开" in capsys.readouterr().err
    assert digest(work) == digest_before


def test_write_refuses_a_read_only_file(work, capsys, monkeypatch):
    import os

    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK and Path(p) == work else real_access(p, mode)
    )  # root ignores chmod
    digest_before = digest(work)
    assert main(["sync", str(work)]) == 2
    assert "只读" in capsys.readouterr().err
    assert digest(work) == digest_before


def test_sync_aligns_form2_and_reports_overwritten_text(work, capsys):
    before = cells(work)
    assert main(["sync", str(work)]) == 0
    out = capsys.readouterr().out
    assert "附表2!D8" in out and "覆盖了手工填写的值" in out
    assert list(work.parent.glob("work.*.bak.xlsx"))  # the original was backed up
    findings = validate_file(work).findings
    assert not [f for f in findings if f.rule == "X204"]
    sub = read_workbook(work).submission
    assert [f.name for f in sub.form2.funds] == [f.direction for f in sub.form3s]
    assert sub.form2.funds[2].period_goal == sub.form3s[2].period_goal
    after = cells(work)
    for sheet, values in before.items():
        if sheet != "附表2":
            assert after[sheet] == values
    # on 附表2 typed values became links: what each cell shows is the same, but for D8 (intended)
    from xladdin.io.xlsx import read_grid

    shown_before = read_grid(backup := next(work.parent.glob("work.*.bak.xlsx"))).sheet("附表2")
    shown_after = read_grid(work).sheet("附表2")
    assert backup.exists()
    for r, row in enumerate(shown_before.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and (r, c) != (8, 4) and not is_selfcheck_formula(shown_before.formulas.get((r, c))):
                assert shown_after.value(r, c) == value, (r, c)
    assert main(["sync", str(work)]) == 0
    assert "无需修改" in capsys.readouterr().out


def test_export_refuses_with_errors_then_forces(work, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(work), "--out", str(out)]) == 1
    assert "仍有" in capsys.readouterr().out
    assert not list(out.glob("*.xlsx")) if out.exists() else True
    assert main(["export", str(work), "--out", str(out), "--force"]) == 0
    [xlsx] = out.glob("*.xlsx")
    assert xlsx.name == "2023年绩效目标表-株洲市石峰区退役军人事务局.xlsx"
    with zipfile.ZipFile(xlsx) as zf:
        names = zf.namelist()
    assert not [n for n in names if "vbaProject" in n or n.startswith("customUI")]
    assert not [n for n in names if "externalLink" in n]
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    assert "个错误" in wb.properties.description
    assert wb["附表2"]["C5"].value == pytest.approx(1184.26)  # formulas carry their values
    assert validate_file(xlsx).summary() == validate_file(work).summary()


def test_export_pdf_and_libreoffice_totals(work, tmp_path):
    require_soffice()
    out = tmp_path / "out"
    assert main(["export", str(work), "--out", str(out), "--force"]) == 0
    [pdf] = out.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    [xlsx] = out.glob("*.xlsx")
    lo = openpyxl.load_workbook(convert(xlsx, "xlsx", tmp_path / "lo"), data_only=True)
    assert lo["附表1"]["E8"].value == pytest.approx(1184.26)


def _vba_modules(path: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {stream: code for _f, stream, _n, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.mark.parametrize("command", [["new-fund", "--name", "培训", "--amount", "5"], ["sync"]])
def test_writes_keep_the_vba_project_and_the_ribbon(example_xlsm, tmp_path, command):
    work = tmp_path / "book.xlsm"
    shutil.copy(example_xlsm, work)
    modules_before = _vba_modules(work)
    with zipfile.ZipFile(work) as zf:
        vba_before, ribbon_before = zf.read("xl/vbaProject.bin"), zf.read("customUI/customUI14.xml")
    assert main([command[0], str(work), *command[1:]]) == 0
    assert _vba_modules(work) == modules_before
    with zipfile.ZipFile(work) as zf:
        assert zf.read("xl/vbaProject.bin") == vba_before
        assert zf.read("customUI/customUI14.xml") == ribbon_before
        rels = zf.read("_rels/.rels").decode()
    assert "ui/extensibility" in rels and "customUI/customUI14.xml" in rels
    assert read_workbook(work).submission.form2 is not None
