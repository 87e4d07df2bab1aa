"""The ribbon handlers write text as text through xlwings: a value that Excel would turn into a
formula, a number or a date gets Excel's text prefix (') — only the project's own formulas and
links go in as formulas."""

from __future__ import annotations

import copy

from helpers import Recorder, actions, book_of

from xladdin.excel.handlers import run
from xladdin.io.formula import is_own_formula

HOSTILE = '=HYPERLINK("#A1","点我")'


def _written(book) -> list[object]:
    return [v for a in actions(book, "setValues") for row in a["values"] for v in row]


def test_new_fund_from_the_ribbon_writes_a_formula_looking_name_as_text(example_grid):
    book = book_of(example_grid)
    run("new_fund", book, Recorder(book, {"name": HOSTILE, "parent": "", "amount": "5"}))
    written = _written(book)
    assert "'" + HOSTILE in written
    formulas = [v for v in written if isinstance(v, str) and v.startswith("=")]
    assert formulas and all(is_own_formula(v) for v in formulas), [v for v in formulas if not is_own_formula(v)]


def test_validate_from_the_ribbon_keeps_sheet_texts_as_text(example_grid):
    grid = copy.deepcopy(example_grid)
    sheet = next(s for s in grid.sheets if s.name.startswith("附表3"))
    sheet.name = "=1+1"  # a sheet name that looks like a formula ends up in the findings table
    book = book_of(grid)
    run("validate", book, Recorder(book))
    written = _written(book)
    assert "'=1+1" in written and "=1+1" not in written
    links = [v for v in written if isinstance(v, str) and v.startswith("=")]
    assert links and all(v.startswith('=HYPERLINK("#') for v in links)
