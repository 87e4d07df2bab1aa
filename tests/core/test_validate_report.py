"""What ``xladdin validate`` reports (xladdin/validate.py): the counts line, the severity filter, a
finding confirmed on 已确认 counted apart, and a form family forced by the settings."""

from __future__ import annotations

import pytest

from xladdin import a1
from xladdin.config import Config
from xladdin.io.grid import SheetGrid
from xladdin.reader import read_grid_model
from xladdin.rules import Finding
from xladdin.validate import Filter, Report, check
from xladdin.waivers import HEADER, SHEET


def _finding(severity: str, waived: str | None = None) -> Finding:
    return Finding("X1", severity, "附表1", "B3", "…", waived=waived)


def test_the_counts_line_names_hints_and_confirmed_findings_only_when_there_are_some():
    report = Report("a.xlsx", [_finding(s) for s in ("error", "warning", "warning", "info")])
    assert report.summary() == {"error": 1, "warning": 2, "info": 1, "waived": 0}
    assert report.counts_zh() == "1 个错误，2 个警告，1 个提示"
    report.findings.append(_finding("error", waived="已核实"))
    assert report.summary() == {"error": 1, "warning": 2, "info": 1, "waived": 1} and report.errors == 1
    assert report.counts_zh() == "1 个错误，2 个警告，1 个提示（另有 1 项已确认）"
    assert Report("b.xlsx", [_finding("warning")]).counts_zh() == "0 个错误，1 个警告"
    assert report.as_json()["summary"] == report.summary()


@pytest.mark.parametrize(
    ("least", "kept"),
    [("error", ["error"]), ("warning", ["error", "warning"]), ("info", ["error", "warning", "info"])],
)
def test_the_severity_filter_keeps_what_is_at_least_as_grave(least, kept):
    only = Filter(min_severity=least)
    assert [s for s in ("error", "warning", "info", "odd") if only.keeps(_finding(s))] == kept


def test_a_confirmed_finding_keeps_its_reason_and_is_counted_apart(grid_copy):
    before = check(read_grid_model(grid_copy))
    first = before.findings[0]
    grid_copy.sheets.append(SheetGrid(SHEET, [list(HEADER), [first.rule, first.sheet, first.cell, "已与主管处室核实"]]))
    after = check(read_grid_model(grid_copy))
    assert [(f.rule, f.sheet, f.cell, f.waived) for f in after.findings if f.waived is not None] == [
        (first.rule, first.sheet, first.cell, "已与主管处室核实")
    ]
    assert after.summary()[first.severity] == before.summary()[first.severity] - 1
    assert after.counts_zh().endswith("（另有 1 项已确认）")


def test_findings_come_errors_first_then_by_sheet_and_cell(example_grid):
    report = check(read_grid_model(example_grid))
    rank = {"error": 0, "warning": 1, "info": 2}
    sheets = [s.name for s in example_grid.sheets]
    keys = [(rank[f.severity], sheets.index(f.sheet), a1.parse(f.cell)) for f in report.findings]
    assert len({k[1] for k in keys}) > 1 and keys == sorted(keys)


def test_a_family_forced_in_the_settings_is_named_as_the_reason(example_grid):
    reading = read_grid_model(example_grid)
    check(reading, Config(profile="sichuan"))
    assert {(m.profile, m.profile_cue) for m in reading.structure.maps} == {("sichuan", "配置文件 [form] profile")}
    assert {f.profile for f in reading.submission.forms() if f.sheet} == {"sichuan"}


def test_a_stale_confirmation_is_reported_after_the_forms_wherever_its_sheet_stands(grid_copy):
    """已确认 moved to the front of the book: its stale line (S010) still comes after every warning
    of the forms, as the sheet is read after them."""
    grid_copy.sheets.insert(0, SheetGrid(SHEET, [list(HEADER), ["A101", "附表1", "Z99", "旧的确认"]]))
    warnings = [f for f in check(read_grid_model(grid_copy)).findings if f.severity == "warning"]
    assert [(f.rule, f.sheet) for f in warnings][-1] == ("S010", SHEET)
    assert len({f.sheet for f in warnings}) > 2
