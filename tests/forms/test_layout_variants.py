"""Label and layout variants of our own forms give the findings of their base form: the reader
recognises forms, not cells (issue 19). The base is the seed example with defects put in."""

from __future__ import annotations

import copy
import re

import pytest
from helpers import SEED_FORM3_SHEETS, edit, findings

from xladdin.io.grid import BookGrid

F3 = SEED_FORM3_SHEETS[0]


@pytest.fixture(scope="module")
def base(example_grid: BookGrid) -> BookGrid:
    grid = copy.deepcopy(example_grid)
    edit(grid, F3, "E11", "")  # a 三级指标 without its value (I302)
    edit(grid, F3, "D12", "")  # a value without its name
    edit(grid, "附表1", "B10", "")  # 部门职责概述 blank (G603)
    return grid


def _said(grid: BookGrid, shift: int = 0) -> set[tuple[str, str, str, str]]:
    """(rule, severity, sheet, message) of every finding, row numbers in messages and cells moved back
    by ``shift``."""

    def move(m: re.Match[str]) -> str:
        if len(m.group(1)) == 1 and len(m.group(2)) == 3:
            return m.group()  # a rule code (I309), not a cell
        return f"{m.group(1)}{int(m.group(2)) - shift}"

    def back(text: str) -> str:
        return _REF.sub(move, text)

    return {(f.rule, f.severity, f.sheet, back(f"{f.cell} {f.message}")) for f in findings(grid)}


_REF = re.compile(r"(?<![A-Za-z])([A-Z]{1,2})(\d+)(?!\d)")


def _relabel(grid: BookGrid, sheet: str, old: str, new: str) -> None:
    s = grid.sheet(sheet)
    assert s is not None
    hits = [(r, c) for r, row in enumerate(s.rows, 1) for c, v in enumerate(row, 1) if v == old]
    assert hits, (sheet, old)
    for r, c in hits:
        s.set(r, c, new)


def test_the_base_has_findings(base):
    rules = {f.rule for f in findings(base)}
    assert {"I302", "G603"} <= rules


def test_renamed_labels(base):
    grid = copy.deepcopy(base)
    _relabel(grid, "附表1", "部门名称", "单位名称")
    _relabel(grid, "附表1", "部门职责概述", "部门职能概述")
    for name in SEED_FORM3_SHEETS:
        _relabel(grid, name, "指标值及单位", "指标值")
        _relabel(grid, name, "项目实施期", "实施期限")
    assert _said(grid) == _said(base)


def test_unmerged_cells(base):
    grid = copy.deepcopy(base)
    for sheet in grid.sheets:
        sheet.merges = []
        sheet._cover = None
    assert _said(grid) == _said(base)


def test_moved_rows(base):
    """Every form one row lower (a clerk inserted a line above the title): same findings, one row
    down."""
    grid = copy.deepcopy(base)
    for sheet in grid.sheets:
        sheet.rows.insert(0, [])
        sheet.formulas = {(r + 1, c): f for (r, c), f in sheet.formulas.items()}
        sheet.merges = [(r1 + 1, c1, r2 + 1, c2) for r1, c1, r2, c2 in sheet.merges]
        sheet._cover = None
        sheet.uncomputed = {(r + 1, c) for r, c in sheet.uncomputed}
    assert _said(grid, shift=1) == _said(base)
