"""Any change to an amount, a fund name or a 测算依据, on any sheet, is caught by some rule.

Each case types a new value into one cell of the example (as a clerk would in Excel: formulas
recalculate) and checks that a finding appears that the unchanged example does not have."""

from __future__ import annotations

import copy
import re

import pytest
from helpers import edit, findings, keyset

from xladdin.reader import read_grid_model

AMOUNT_KEYS = (
    "total",
    "general_budget",
    "gov_fund",
    "other_funds",
    "basic",
    "project",
    "total.amount",
    "project_amount",
    "parent_amount",
    "detail_total",
)
NAME_KEYS = ("direction", "parent_name")


def cells(grid):
    """(sheet, cell, kind) of every amount, fund name and 测算依据 cell of the example."""
    sub = read_grid_model(grid).submission
    out = []
    for form in sub.forms():
        for key in (*AMOUNT_KEYS, *NAME_KEYS):
            if form.cell(key):
                out.append((form.sheet, form.cell(key), "name" if key in NAME_KEYS else "amount"))
        for table, column, kind in (
            ("funds", "amount", "amount"),
            ("funds", "name", "name"),
            ("details", "amount", "amount"),
            ("details", "basis", "basis"),
        ):
            for i in range(len(form.place.rows.get(table, []))):
                out.append((form.sheet, form.place.row_cell(table, i, column), kind))
    return out


def mutate(value, kind):
    if kind == "amount":
        return (value or 0) + 1.5 if isinstance(value, int | float) or value is None else 7
    if kind == "name":
        return f"{value}（调整）"
    text = str(value)
    money = re.search(r"(\d+(?:\.\d+)?)(万元|元)", text)
    if money:  # change the first sum of money named in the calculation
        doubled = float(money.group(1)) * 2
        return text[: money.start(1)] + f"{doubled:g}" + text[money.end(1) :]
    return text + "另需慰问品费用5万元。"


def test_every_cell_kind_is_covered(example_grid):
    kinds = [k for _, _, k in cells(example_grid)]
    assert kinds.count("basis") == 7 and kinds.count("name") >= 7 + 14
    assert kinds.count("amount") >= 6 + 1 + 7 + 7 * 4


def _targets():
    import tempfile
    from pathlib import Path

    from xladdin.build.template import build_workbook
    from xladdin.examples.shifeng2023 import submission
    from xladdin.io.xlsx import read_grid

    with tempfile.TemporaryDirectory() as tmp:
        return cells(read_grid(build_workbook(submission(), Path(tmp) / "e.xlsx")))


@pytest.mark.parametrize(("sheet", "cell", "kind"), _targets())
def test_a_change_is_caught(example_grid, sheet, cell, kind):
    before = keyset(findings(example_grid))
    grid = copy.deepcopy(example_grid)
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(cell)
    old = grid.sheet(sheet).value(row, column_index_from_string(letters))
    edit(grid, sheet, cell, mutate(old, kind))
    new = keyset(findings(grid)) - before
    assert new, f"changing {sheet}!{cell} ({kind}) from {old!r} went unnoticed"
