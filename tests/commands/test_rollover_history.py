"""History for 适当性: rollover keeps each indicator's value on the 「上年指标值」 sheet, validate reads
it into Indicator.prior, export leaves it out, and I338 「目标值低于上年」 fires on a quantity that went
down (112人 → 100人) unless a reason is written beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from xladdin.cli import main
from xladdin.history import HEADER, REASON, SHEET
from xladdin.io.openpyxl_writer import set_value
from xladdin.reader import HELPER_SHEETS, read_workbook
from xladdin.validate import validate_file

JOBS = "附表3-城镇军队退役人员就业援助资金"  # its 数量指标 E10: 112 (辖区内享受待遇人员数)


@pytest.fixture()
def rolled(example_xlsm, tmp_path) -> Path:
    src = tmp_path / "2023-book.xlsm"
    shutil.copy(example_xlsm, src)
    out = tmp_path / "2024-book.xlsm"
    assert main(["rollover", str(src), "--year", "2024", "--out", str(out)]) == 0
    return out


def edit(path: Path, changes: dict[tuple[str, str], object]) -> None:
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for (sheet, cell), value in changes.items():
        set_value(wb[sheet][cell], value)
    wb.save(path)


def prior_row(path: Path, sheet: str, cell: str) -> int:
    ws = openpyxl.load_workbook(path)[SHEET]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == sheet and ws.cell(r, 2).value == cell)


def test_rollover_keeps_last_years_values_visibly(rolled):
    assert SHEET in HELPER_SHEETS
    rows = list(openpyxl.load_workbook(rolled)[SHEET].iter_rows(values_only=True))
    assert rows[1][:5] == HEADER
    listed = {(r[0], r[1]): (r[2], r[3]) for r in rows[2:]}
    assert listed[(JOBS, "E10")] == ("辖区内享受待遇人员数", 112)
    assert listed[("附表1", "E22")] == ("对象满意度", "100%")
    sub = read_workbook(rolled).submission
    jobs = next(f for f in sub.form3s if f.sheet == JOBS)
    assert jobs.indicators[0].prior == 112  # read back as it was written
    assert jobs.indicators[5].prior == "100%"  # the 社会效益 row, not its duplicate name under 可持续影响 only


def test_same_targets_raise_nothing_new(rolled):
    assert not [f for f in validate_file(rolled).findings if f.rule == "I338"]


def test_a_head_count_that_went_down_is_reported(rolled):
    edit(rolled, {(JOBS, "E10"): "100人"})
    found = [f for f in validate_file(rolled).findings if f.rule == "I338"]
    assert [(f.sheet, f.cell, f.severity) for f in found] == [(JOBS, "E10", "warning")]
    assert "低于上年的「112」" in found[0].message


def test_a_reason_written_beside_it_silences_it(rolled):
    row = prior_row(rolled, JOBS, "E10")
    edit(rolled, {(JOBS, "E10"): "100人", (SHEET, f"E{row}"): "2024年安置对象减少 12 人"})
    assert not [f for f in validate_file(rolled).findings if f.rule == "I338"]
    ind = next(f for f in read_workbook(rolled).submission.form3s if f.sheet == JOBS).indicators[0]
    assert ind.extra[REASON] == "2024年安置对象减少 12 人"


def test_export_leaves_the_history_out(rolled, tmp_path):
    from xladdin.commands.export import _clean_copy

    report = validate_file(rolled)
    assert SHEET not in {f.sheet for f in report.findings}
    copy = tmp_path / "submission.xlsx"
    _clean_copy(rolled, copy, report.counts_zh())
    assert SHEET not in openpyxl.load_workbook(copy).sheetnames
