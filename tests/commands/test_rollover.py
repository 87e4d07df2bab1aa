"""转入下一年度 (xladdin rollover) on the seed example: every mention of the budget year moves on,
other years and every amount stay (or the amounts are cleared, formulas intact), the source is never
written, VBA and ribbon are kept, and LibreOffice recalculates the new file to the same totals.

The oracle for the example: in the seed every 「2023」 denotes the budget year (and 「2021年入伍」
is history), so the new workbook's cells are the old ones with 2023 replaced by 2024, and nothing else.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import require_soffice
from helpers import digest

from xladdin.cli import main
from xladdin.commands.rollover import NOTES_SHEET, shift_years
from xladdin.history import SHEET as PRIOR_SHEET
from xladdin.io.libreoffice import convert
from xladdin.io.package import part, ribbon_of
from xladdin.reader import HELPER_SHEETS, read_workbook
from xladdin.totals import totals
from xladdin.validate import validate_file


def cells(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
        for ws in wb.worksheets
    }


@pytest.fixture()
def src(example_xlsm, tmp_path) -> Path:
    target = tmp_path / "2023-book.xlsm"
    shutil.copy(example_xlsm, target)
    return target


def roll(src: Path, *extra: str) -> Path:
    out = src.with_name("2024-book.xlsm")
    assert main(["rollover", str(src), "--year", "2024", "--out", str(out), *extra]) == 0
    return out


def test_every_budget_year_moves_on_and_nothing_else_changes(src, capsys):
    before_digest = digest(src)
    before = cells(src)
    out = roll(src)
    printed = capsys.readouterr().out
    assert digest(src) == before_digest  # the source is never written
    after = cells(out)
    assert set(after) == set(before) | {NOTES_SHEET, PRIOR_SHEET}
    changed = []
    for sheet, values in before.items():
        assert set(after[sheet]) == set(values), sheet
        for key, old in values.items():
            new = after[sheet][key]
            expected = old.replace("2023", "2024") if isinstance(old, str) and not old.startswith("=") else old
            assert new == expected, (sheet, key, old, new)
            if new != old:
                changed.append((sheet, key))
    assert len(changed) == 36  # 9 titles, 8 时效, 7 实施期, 12 goals (附表2 and 附表3)
    assert f"改动 {len(changed)} 处" in printed
    sub = read_workbook(out).submission
    assert sub.year == 2024
    assert {f.period for f in sub.form3s} == {"2024年度"}
    assert all(str(f.title).startswith("2024年") for f in sub.forms())
    timely = [i.value for f in [sub.form1, *sub.form3s] for i in f.indicators if i.level2 == "时效指标"]
    assert timely == ["2024年度"] * 8
    history = "用于发放我区2021年入伍16名新战士进疆进藏一次性奖励。"
    assert sub.form2.funds[3].period_goal == history
    assert next(f for f in sub.form3s if f.direction == "大学生应征入伍奖励").period_goal == history


def test_the_list_of_changes_is_a_helper_sheet_validate_and_export_skip(src, tmp_path):
    out = roll(src)
    assert NOTES_SHEET in HELPER_SHEETS
    wb = openpyxl.load_workbook(out)
    rows = list(wb[NOTES_SHEET].iter_rows(values_only=True))
    assert rows[1][:5] == ("工作表", "单元格", "原内容", "新内容", "说明")
    listed = {(r[0], r[1]): (r[2], r[3]) for r in rows[2:]}
    assert ("附表2", "D9") not in listed  # 「2021年入伍」 is history: not touched
    assert listed[("附表1", "A2")] == ("2023年部门整体支出绩效目标表", "2024年部门整体支出绩效目标表")
    assert len(listed) == 36
    report = validate_file(out)
    assert NOTES_SHEET not in {f.sheet for f in report.findings}
    assert not [f for f in report.findings if f.rule == "S001"]  # not an unknown sheet either
    from xladdin.commands.export import _clean_copy

    copy = tmp_path / "submission.xlsx"
    _clean_copy(out, copy, report.counts_zh())
    assert NOTES_SHEET not in openpyxl.load_workbook(copy).sheetnames


def test_amounts_totals_findings_vba_and_ribbon_are_kept(src):
    out = roll(src)
    assert totals(read_workbook(out).submission) == totals(read_workbook(src).submission)
    key = lambda f: (f.rule, f.severity, f.sheet, f.cell)  # noqa: E731
    assert sorted(map(key, validate_file(out).findings)) == sorted(map(key, validate_file(src).findings))
    assert part(out, "xl/vbaProject.bin") == part(src, "xl/vbaProject.bin") is not None
    assert ribbon_of(out) == ribbon_of(src) is not None


def test_clear_amounts_keeps_formulas_and_bases(src):
    before = cells(src)
    out = roll(src, "--clear-amounts")
    after = cells(out)
    sub = read_workbook(src).submission
    amount_cells = {(f.sheet, f.cell(k)) for f in sub.form3s for k in ("project_amount", "parent_amount")}
    amount_cells |= {(f.sheet, f.place.row_cell("details", 0, "amount")) for f in sub.form3s}
    amount_cells |= {("附表2", f"C{r}") for r in sub.form2.place.rows["funds"]}
    amount_cells |= {("附表1", sub.form1.cell(k)) for k in ("general_budget", "basic")}
    cleared = 0
    for sheet, values in before.items():
        for (r, c), old in values.items():
            ref = f"{openpyxl.utils.get_column_letter(c)}{r}"
            new = after[sheet].get((r, c))
            if (sheet, ref) in amount_cells:
                assert isinstance(old, int | float) and new is None, (sheet, ref)
                cleared += 1
            elif isinstance(old, str) and old.startswith("="):
                assert new == old  # every total stays a formula
            elif isinstance(old, int | float):
                assert new == old  # counts in indicators are not amounts
    assert cleared == 2 + 7 + 7 * 3
    new_sub = read_workbook(out).submission
    assert [d.basis for f in new_sub.form3s for d in f.details] == [d.basis for f in sub.form3s for d in f.details]
    assert all(v == 0 for v in totals(new_sub).values())
    old_errors = {(f.rule, f.sheet, f.cell) for f in validate_file(src).findings if f.severity == "error"}
    new_errors = [
        f for f in validate_file(out).findings if f.severity == "error" and (f.rule, f.sheet, f.cell) not in old_errors
    ]
    # only what clearing implies: amount rules at amount cells
    assert all(f.rule.startswith("A") and (f.sheet, f.cell) in amount_cells for f in new_errors), new_errors


def test_libreoffice_recalculates_the_new_year_to_the_same_totals(src, tmp_path):
    require_soffice()
    out = roll(src)
    lo = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / "lo"), data_only=True)
    core = totals(read_workbook(src).submission)
    assert len(core) == 10
    for (sheet, cell), value in core.items():
        assert abs(Decimal(str(lo[sheet][cell].value)) - value) <= Decimal("0.005"), (sheet, cell)
    assert str(lo["附表2"]["A2"].value).startswith("2024年")


def test_libreoffice_totals_are_zero_after_clearing(src, tmp_path):
    require_soffice()
    out = roll(src, "--clear-amounts")
    lo = openpyxl.load_workbook(convert(out, "xlsx", tmp_path / "lo"), data_only=True)
    for sheet, cell in totals(read_workbook(src).submission):
        assert lo[sheet][cell].value in (0, None), (sheet, cell)


def test_refuses_an_existing_target_and_writes_nothing(src, capsys):
    out = src.with_name("2024-book.xlsm")
    out.write_bytes(b"keep me")
    assert main(["rollover", str(src), "--year", "2024", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "Traceback" not in err and err.count("\n") == 1
    assert out.read_bytes() == b"keep me"
    assert sorted(p.name for p in src.parent.iterdir()) == ["2023-book.xlsm", "2024-book.xlsm"]


@pytest.mark.parametrize(
    ("year", "suffix", "message"), [("2023", ".xlsm", "已是 2023 年度"), ("2024", ".xlsx", "扩展名")]
)
def test_refusals_are_one_line(src, capsys, year, suffix, message):
    out = src.with_name("next" + suffix)
    assert main(["rollover", str(src), "--year", year, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize(
    "text, moved, kept",
    [
        ("2023年区级专项资金绩效目标汇总表", "2024年区级专项资金绩效目标汇总表", 0),
        ("做好2023年度内全区优抚工作", "做好2024年度内全区优抚工作", 0),
        ("用于发放我区2021年入伍16名新战士", "用于发放我区2021年入伍16名新战士", 0),
        ("2023年12月31日前", "2024年12月31日前", 0),
        ("2023.07-2024.01", "2024.07-2025.01", 0),
        ("2023年7月至2024年1月", "2024年7月至2025年1月", 0),
        ("2023年1月-2023年12月", "2024年1月-2024年12月", 0),
        ("2023-2025年", "2023-2025年", 1),  # a multi-year period: the clerk decides
        ("2022-2023年", "2022-2023年", 1),
        ("株石办〔2023〕65号", "株石办〔2023〕65号", 1),  # a document number
        ("2023年入伍新兵", "2023年入伍新兵", 1),  # an event
        ("2023年第5次常务会议", "2023年第5次常务会议", 1),
        ("经费2023元", "经费2023元", 0),  # a number, not a year
        ("2023年第四季度前完成", "2024年第四季度前完成", 0),  # a deadline, not a meeting
        ("2023年底前", "2024年底前", 0),
    ],
)
def test_shift_years(text, moved, kept):
    new, notes = shift_years(text, 2023, 2024)
    assert new == moved
    assert len(notes) == kept


def test_shift_years_is_linear_on_a_huge_cell():
    import time

    text = "2023年度-2023.07-2024.01，〔2023〕" * 1200  # ~32,000 characters of year mentions
    start = time.perf_counter()
    new, _kept = shift_years(text, 2023, 2024)
    assert time.perf_counter() - start < 2
    assert len(new) == len(text)


@pytest.mark.parametrize("text", ["", "无年份", "2021年入伍", "20230", "12023年", "2022年度结余"])
def test_text_without_the_budget_year_is_unchanged(text):
    assert shift_years(text, 2023, 2024) == (text, [])
