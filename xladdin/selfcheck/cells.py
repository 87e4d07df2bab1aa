"""The 自查 cells as a reader meets them: the helper sheet's name, the text they show, and how a
reader forgets them (no dependency on the plan, so the reader can use it)."""

from __future__ import annotations

import re

from xladdin.io.grid import BookGrid

#: The hidden sheet holding the flags (a helper sheet: never read as a form, never exported).
SHEET = "自查"
PASSED = "本表自查：通过"
PREFIX = "本表自查："

_QUOTED = re.compile(r"^=\s*'?" + SHEET + r"'?!")


def is_selfcheck_formula(formula: object) -> bool:
    """A 自查 cell's formula (it shows a result of the 自查 sheet): readers skip such cells."""
    return isinstance(formula, str) and bool(_QUOTED.match(formula))


def strip_grid(book: BookGrid) -> None:
    """Forget the 自查 cells of a workbook as read: they are no form content (and our evaluator
    does not compute them). A text starting 「本表自查：」 in the top rows is one whose formula was
    lost (formulas unreadable, or the workbook saved as values)."""
    for sheet in book.sheets:
        if sheet.name == SHEET:
            continue
        for (r, c), formula in list(sheet.formulas.items()):
            if is_selfcheck_formula(formula):
                del sheet.formulas[(r, c)]
                sheet.uncomputed.discard((r, c))
                sheet.set(r, c, None)
        for r, line in enumerate(sheet.rows[:8], start=1):
            for c, value in enumerate(line, start=1):
                if isinstance(value, str) and value.startswith(PREFIX):
                    sheet.set(r, c, None)
