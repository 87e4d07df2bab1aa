"""The xlwings adapter: an open workbook → :class:`BookGrid` (one read per sheet), and edits →
the workbook (few calls). The same code runs on Windows through COM (``Book.caller()``) and on
Linux through xlwings' remote engine (``xw.Book(json=...)``), which cannot read formulas or fills.
"""

from __future__ import annotations

import contextlib
from typing import Any

from xladdin.edits import AddSheet, Edit, InsertRows, NoteSheet, SetCell, is_text_formula
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.layout.base import col_letter
from xladdin.layout.styles import STYLES
from xladdin.model import CellValue


def _plain(value: Any) -> CellValue:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def read_sheet(sheet: Any, *, with_formulas: bool = True) -> SheetGrid:
    """One sheet: its values in one call (and its formulas in one more, where the engine can)."""
    grid = SheetGrid(sheet.name)
    used = sheet.used_range
    last = used.last_cell
    rng = sheet.range((1, 1), (max(last.row, 1), max(last.column, 1)))
    values = rng.options(ndim=2).value or []
    grid.rows = [[_plain(v) for v in row] for row in values]
    if with_formulas:
        formulas = rng.formula  # NotImplementedError on the remote engine
        if isinstance(formulas, str):
            formulas = ((formulas,),)
        for r, row in enumerate(formulas, start=1):
            for c, text in enumerate(row, start=1):
                if isinstance(text, str) and text.startswith("="):
                    grid.formulas[(r, c)] = text
    return grid


def read_book(book: Any) -> BookGrid:
    """Every sheet of an open workbook."""
    out = BookGrid(path=str(getattr(book, "fullname", "") or book.name))
    with_formulas = True
    for sheet in book.sheets:
        try:
            grid = read_sheet(sheet, with_formulas=with_formulas)
        except NotImplementedError:
            with_formulas = False
            out.formulas_known = False
            grid = read_sheet(sheet, with_formulas=False)
        try:
            grid.hidden = not sheet.visible
        except (NotImplementedError, AttributeError, KeyError):  # older remote payloads
            grid.hidden = False
        out.sheets.append(grid)
    return out


def _try(fn: Any, *args: Any) -> None:
    """Formatting an engine may not support (borders on the remote engine): best effort."""
    with contextlib.suppress(NotImplementedError, AttributeError):
        fn(*args)


def as_excel_value(value: Any) -> Any:
    """A value as Excel must receive it: "" for empty, a leading apostrophe for a text starting
    with "=" (Excel keeps it as text and does not show the apostrophe)."""
    if value is None:
        return ""
    return "'" + value if is_text_formula(value) else value


def apply(book: Any, edits: list[Edit]) -> None:
    """Apply edits to the open workbook; values go in one block per added sheet."""
    for e in edits:
        if isinstance(e, InsertRows):
            book.sheets[e.sheet].range(f"{e.before}:{e.before + e.count - 1}").insert("down")
        elif isinstance(e, SetCell):
            cell = book.sheets[e.sheet].range((e.row, e.col))
            cell.value = e.formula if e.formula else as_excel_value(e.value)
            if e.style and "num_format" in STYLES.get(e.style, {}):
                cell.number_format = str(STYLES[e.style]["num_format"])
            if e.fill:
                cell.color = e.fill
        elif isinstance(e, AddSheet):
            _add_sheet(book, e)
        elif isinstance(e, NoteSheet):
            _note_sheet(book, e)


def _note_sheet(book: Any, e: NoteSheet) -> None:
    names = [s.name for s in book.sheets]
    if e.name in names:
        ws = book.sheets[e.name]
        old = read_sheet(ws, with_formulas=False)
        if old.rows:
            ws.range((1, 1), (len(old.rows), max(len(r) for r in old.rows) or 1)).clear_contents()
    else:
        ws = book.sheets.add(e.name, after=book.sheets[len(names) - 1])
    width = max((len(r) for r in e.rows), default=1)
    block = [[as_excel_value(v) for v in (*r, *[None] * (width - len(r)))] for r in e.rows]
    if block:
        ws.range((1, 1)).value = block  # one call
        _try(lambda: setattr(ws.range((1, 1), (1, width)).font, "bold", True))
    for i, w in enumerate(e.widths, start=1):
        _try(lambda i=i, w=w: setattr(ws.range((1, i)), "column_width", w))


def _add_sheet(book: Any, e: AddSheet) -> None:
    spec = e.spec
    after = book.sheets[e.after] if e.after else book.sheets[len(book.sheets) - 1]
    ws = book.sheets.add(spec.name, after=after)
    ncols = len(spec.layout.widths)
    block: list[list[Any]] = [["" for _ in range(ncols)] for _ in range(spec.last_row)]
    for put in spec.puts:
        block[put.row - 1][put.col - 1] = put.formula or as_excel_value(put.value)
    ws.range((1, 1)).value = block  # one call for every value and formula
    for i, width in enumerate(spec.layout.widths, start=1):
        ws.range(f"{col_letter(i)}:{col_letter(i)}").column_width = width
    for put in spec.puts:
        if put.merged:
            ws.range((put.row, put.col), (put.last_row or put.row, put.last_col or put.col)).merge()
        if put.style == "amount":
            ws.range((put.row, put.col)).number_format = str(STYLES["amount"]["num_format"])
    body = ws.range((3, 1), (spec.last_row, ncols))
    _try(lambda: setattr(body.api.Borders, "LineStyle", 1))
    _try(lambda: setattr(body.api, "WrapText", True))
