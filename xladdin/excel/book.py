"""The xlwings adapter: an open workbook → :class:`BookGrid` (one read per sheet), and edits →
the workbook (few calls). The same code runs on Windows through COM (``Book.caller()``) and on
Linux through xlwings' remote engine (``xw.Book(json=...)``), which cannot read formulas or fills.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xladdin.edits import AddSheet, Edit, InsertRows, NoteSheet, SetCell
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.layout.base import col_letter
from xladdin.layout.render import Page, SheetSpec, Validation
from xladdin.layout.styles import STYLES
from xladdin.model import CellValue
from xladdin.values import excel_literal


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


def _try(fn: Any, *args: Any) -> bool:
    """Formatting an engine may not support (alignment on a VBA client of the remote engine):
    best effort; False when the engine refused."""
    try:
        fn(*args)
    except (NotImplementedError, AttributeError, TypeError):
        return False
    return True


def cell_input(value: CellValue, formula: str | None) -> Any:
    """What to put in a cell so that Excel stores exactly this: a formula, or a value that stays
    what it is (a string Excel would parse, 「=1+1」 or 「2023」, gets Excel's text prefix ')."""
    if formula:
        return formula
    if value is None:
        return ""
    if isinstance(value, str) and value and (value[0] in "=+-@'" or _looks_numeric(value)):
        return "'" + value
    return value


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def as_excel_value(value: Any) -> Any:
    """A value as Excel must receive it: "" for empty, a leading apostrophe for a text Excel would
    turn into a formula, a number or a date (Excel keeps it as text and does not show the
    apostrophe; see values.excel_literal)."""
    if value is None:
        return ""
    return excel_literal(value)


def apply(book: Any, edits: list[Edit]) -> None:
    """Apply edits to the open workbook; values go in one block per added sheet."""
    for e in edits:
        if isinstance(e, InsertRows):
            book.sheets[e.sheet].range(f"{e.before}:{e.before + e.count - 1}").insert("down")
        elif isinstance(e, SetCell):
            cell = book.sheets[e.sheet].range((e.row, e.col))
            cell.value = cell_input(e.value, e.formula)
            if e.style and "num_format" in STYLES.get(e.style, {}):
                cell.number_format = str(STYLES[e.style]["num_format"])
            if e.fill:
                cell.color = e.fill
        elif isinstance(e, AddSheet):
            add_sheet(book, e.spec, e.after)
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


def add_sheet(book: Any, spec: SheetSpec, after_name: str | None) -> Any:
    """The sheet described by ``spec``: values and formulas in one call, then merges, styles,
    widths and heights, validations and the print setup."""
    after = book.sheets[after_name] if after_name else book.sheets[len(book.sheets) - 1]
    ws = book.sheets.add(spec.name, after=after)
    ncols = len(spec.widths)
    block: list[list[Any]] = [["" for _ in range(ncols)] for _ in range(spec.last_row)]
    for put in spec.puts:
        block[put.row - 1][put.col - 1] = cell_input(put.value, put.formula)
    ws.range((1, 1)).value = block  # one call for every value and formula
    for i, width in enumerate(spec.widths, start=1):
        ws.range(f"{col_letter(i)}:{col_letter(i)}").column_width = width
    for first, last, height in _height_runs(spec.heights):
        ws.range(f"{first}:{last}").row_height = height
    for put in spec.puts:
        if put.merged:
            ws.range((put.row, put.col), (put.last_row or put.row, put.last_col or put.col)).merge()
    for style, row, col, last_row, last_col in spec.style_blocks():
        _style(ws.range((row, col), (last_row, last_col)), STYLES.get(style, STYLES["text"]))
    for v in spec.validations:
        _validation(ws.range((v.first_row, v.col), (v.last_row, v.col)), v)
    page_setup(ws, spec.page, spec.print_area)
    return ws


def _height_runs(heights: dict[int, float]) -> list[tuple[int, int, float]]:
    """Consecutive rows of one height as (first, last, height): one call each."""
    out: list[list] = []
    for row in sorted(heights):
        if out and out[-1][1] + 1 == row and out[-1][2] == heights[row]:
            out[-1][1] = row
        else:
            out.append([row, row, heights[row]])
    return [tuple(r) for r in out]  # type: ignore[misc]


_ALIGN = {"left": "left", "center": "center", "right": "right"}
_VALIGN = {"vcenter": "center", "top": "top", "bottom": "bottom"}


def _style(rng: Any, props: dict[str, object]) -> None:
    font = rng.font
    _try(setattr, font, "name", props.get("font_name"))
    _try(setattr, font, "size", props.get("font_size", 10))
    _try(setattr, font, "bold", bool(props.get("bold", False)))
    _try(setattr, rng, "horizontal_alignment", _ALIGN.get(str(props.get("align", "left")), "left"))
    _try(setattr, rng, "vertical_alignment", _VALIGN.get(str(props.get("valign", "vcenter")), "center"))
    _try(setattr, rng, "wrap_text", bool(props.get("text_wrap", False)))
    if props.get("border"):
        _try(setattr, rng.borders, "line_style", "continuous")
    elif (api := com_api(rng)) is not None:
        for edge, index in (("left", 7), ("top", 8), ("bottom", 9), ("right", 10)):  # xlEdgeLeft …
            if props.get(edge):
                api.Borders(index).LineStyle = 1  # xlContinuous: the line a field is typed on
    if "num_format" in props:
        rng.number_format = str(props["num_format"])


def _validation(rng: Any, v: Validation) -> None:
    """A list that warns (Excel: alert style 2, xlValidAlertWarning) with the spec's message."""
    api = com_api(rng)
    if api is not None:
        api.Validation.Delete()
        api.Validation.Add(Type=3, AlertStyle=2, Operator=1, Formula1=",".join(v.values))
        api.Validation.ErrorTitle = v.error_title
        api.Validation.ErrorMessage = v.error_message
        return
    _try(rng.data_validation.set_list, list(v.values))


def com_api(obj: Any) -> Any | None:
    """The Excel COM object behind ``obj``, or None on the remote engine (whose api is its JSON)."""
    try:
        api = obj.api
    except (NotImplementedError, AttributeError):
        return None
    return None if isinstance(api, dict | list | tuple) else api


def page_setup(ws: Any, page: Page, print_area: str) -> None:
    """Print area through xlwings (both engines); paper, orientation, margins and fitting through
    Excel's PageSetup (COM only: the remote engine has no action for them)."""
    ws.page_setup.print_area = print_area
    _try(setattr, ws, "show_gridlines", page.gridlines)
    api = com_api(ws)
    if api is not None:
        apply_page(api.PageSetup, page)


def apply_page(ps: Any, page: Page) -> None:
    """Excel's PageSetup object ← ``page`` (margins in points)."""
    ps.PaperSize = page.paper
    ps.Orientation = 2 if page.landscape else 1  # xlLandscape / xlPortrait
    ps.LeftMargin, ps.RightMargin = page.left * 72, page.right * 72
    ps.TopMargin, ps.BottomMargin = page.top * 72, page.bottom * 72
    ps.HeaderMargin, ps.FooterMargin = page.header * 72, page.footer * 72
    ps.CenterHorizontally = page.center_horizontally
    ps.Zoom = False
    ps.FitToPagesWide = page.fit_width
    ps.FitToPagesTall = page.fit_height or False


def book_path(book: Any) -> Path | None:
    """The workbook's file, when it has been saved to disk."""
    path = Path(str(getattr(book, "fullname", "") or ""))
    return path if path.is_file() else None


def book_config(book: Any) -> Any:
    """The settings for this workbook (defaults, the user's file, xladdin.toml beside it)."""
    from xladdin.config import load_config

    return load_config(book=book_path(book))
