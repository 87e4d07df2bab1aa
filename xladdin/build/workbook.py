"""Build a workbook from the model: every form laid out by its layout, written with XlsxWriter.

Totals are native formulas (with their values cached, computed by our evaluator, so that viewers
that do not recalculate still show them). The output is deterministic: same model, same bytes.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import xlsxwriter

from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.layout import LAYOUTS, SHEET1, SHEET2, fund_sheet_name
from xladdin.layout.place import plan
from xladdin.layout.render import Put, SheetSpec, render
from xladdin.layout.styles import LINE_HEIGHT, STYLES
from xladdin.model import Form, Form1, Form2, Form3, Placement, Submission

FIXED_TIME = datetime(2023, 1, 1, 0, 0, 0)
MIN_HEIGHT = 20.0


def counts(form: Form) -> dict[str, int]:
    """Rows each table of ``form`` needs."""
    out: dict[str, int] = {}
    for key in ("work_plan", "indicators", "details", "funds"):
        if hasattr(form, key):
            out[key] = len(getattr(form, key))
    return out


def sheet_names(sub: Submission) -> tuple[str, str, list[str]]:
    """Names of 附表1, 附表2 and each 附表3 sheet (附表3-<支出方向>, unique, ≤31 characters)."""
    taken: list[str] = [SHEET1, SHEET2]
    names = []
    for f3 in sub.form3s:
        name = fund_sheet_name(str(f3.direction or "专项"), taken)
        taken.append(name)
        names.append(name)
    return SHEET1, SHEET2, names


def specs_for(sub: Submission, *, declaration: bool = False) -> list[SheetSpec]:
    """Every sheet of the workbook as cells to write, with formulas' values filled in; with
    ``declaration`` (a project declaration), 附表1 and 附表2 only where ``sub`` holds them."""
    name1, name2, names3 = sheet_names(sub)
    form1 = sub.form1 or Form1()
    form2 = sub.form2 or Form2()
    plan1, plan2 = plan(LAYOUTS["form1"], counts(form1)), plan(LAYOUTS["form2"], counts(form2))
    refs: dict[str, tuple[str, Placement]] = {"form1": (name1, plan1.placement()), "form2": (name2, plan2.placement())}
    specs = [render(form1, plan1, name1, refs), render(form2, plan2, name2, refs)]
    if declaration:  # a project declaration: only the 附表3 it holds
        specs = [s for s, f in zip(specs, (sub.form1, sub.form2), strict=True) if f is not None]
    for f3, name in zip(sub.form3s, names3, strict=True):
        specs.append(render(f3, plan(LAYOUTS["form3"], counts(f3)), name, refs))
    fill_cached_values(specs)
    for spec in specs:
        size_rows(spec)
    return specs


def fill_cached_values(specs: list[SheetSpec]) -> None:
    """Compute every formula of ``specs`` (across sheets) and store the result as the put's value."""
    book = BookGrid()
    pending: dict[str, set[tuple[int, int]]] = {}
    formula_puts: dict[tuple[str, int, int], Put] = {}
    for spec in specs:
        grid = SheetGrid(spec.name)
        for put in spec.puts:
            if put.formula:
                grid.formulas[(put.row, put.col)] = put.formula
                pending.setdefault(spec.name, set()).add((put.row, put.col))
                formula_puts[(spec.name, put.row, put.col)] = put
            elif put.value is not None:
                grid.set(put.row, put.col, put.value)
        book.sheets.append(grid)
    book.compute_missing(pending)
    for (name, row, col), put in formula_puts.items():
        sheet = book.sheet(name)
        put.value = sheet.value(row, col) if sheet else None


def _width(spec: SheetSpec, put: Put) -> float:
    widths = spec.layout.widths
    return sum(widths[c - 1] for c in range(put.col, (put.last_col or put.col) + 1))


def size_rows(spec: SheetSpec) -> None:
    """Row heights that show long text whole (Excel does not auto-fit merged cells).

    Every body row gets at least ``MIN_HEIGHT``; a cell merged over several rows raises them
    evenly when its text needs more than they already give."""
    body = range(3, spec.last_row + 1)
    for row in body:
        spec.heights[row] = max(spec.heights.get(row, 0), MIN_HEIGHT)
    multi: list[tuple[Put, float]] = []
    for put in spec.puts:
        if not isinstance(put.value, str) or not put.value:
            continue
        chars_per_line = max(_width(spec, put) / 2.1, 1)
        lines = sum(max(1, math.ceil(len(line) / chars_per_line)) for line in put.value.split("\n"))
        need = lines * LINE_HEIGHT + 6
        last = put.last_row or put.row
        if last == put.row:
            spec.heights[put.row] = max(spec.heights.get(put.row, 0), round(need, 1))
        else:
            multi.append((put, need))
    for put, need in multi:
        rows = range(put.row, (put.last_row or put.row) + 1)
        have = sum(spec.heights.get(r, MIN_HEIGHT) for r in rows)
        if need > have:
            extra = (need - have) / len(rows)
            for r in rows:
                spec.heights[r] = round(spec.heights.get(r, MIN_HEIGHT) + extra, 1)
    spec.heights = {r: whole_pixels(h) for r, h in spec.heights.items()}


def whole_pixels(points: float) -> float:
    """A row height as Excel keeps it: whole pixels of 0.75 pt (96 dpi), so every engine agrees."""
    return int(points * 4 / 3 + 0.5) * 0.75


def write_xlsx(
    specs: list[SheetSpec],
    path: str | Path,
    *,
    title: str = "",
    extra_sheets: list[tuple] | None = None,
    names: dict[str, str] | None = None,
    selfcheck: bool = True,
) -> Path:
    """Write ``specs`` to ``path``; ``extra_sheets`` are (name, rows, hidden[, column widths]) plain sheets
    (text and booleans); ``names`` are workbook-level defined names (name → ``=formula``). With
    ``selfcheck``, the forms carry their 自查 formulas and colours (``xladdin.selfcheck``)."""
    path = Path(path)
    wb = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    wb.set_properties({"title": title, "author": "xladdin", "created": FIXED_TIME})
    wb.set_calc_mode("auto")
    formats = {name: wb.add_format(props) for name, props in STYLES.items()}
    sheets = {}
    for spec in specs:
        ws = wb.add_worksheet(spec.name)
        _write_sheet(ws, spec, formats)
        sheets[spec.name] = ws
    if selfcheck and any(spec.place is not None for spec in specs):  # its hidden sheet after the forms
        from xladdin.selfcheck.write import apply_xlsxwriter

        sc, texts = selfcheck_of(specs)
        apply_xlsxwriter(wb, sheets, sc, formats, texts)
    for name, rows, hidden, *rest in extra_sheets or []:
        ws = wb.add_worksheet(name)
        listing = len(rest) > 1 and rest[1]
        head = wb.add_format(LIST_HEAD) if listing else None
        body = wb.add_format(LIST_BODY) if listing else None
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                else:
                    ws.write_string(r, c, str(value), (head if r == 0 else body) if listing else None)
        if rest:
            for c, width in enumerate(rest[0]):
                ws.set_column(c, c, width)
        else:
            ws.set_column(0, 1, 24)
        if listing:
            _print_as_list(ws, len(rows), len(rest[0]) if rest else 2)
        if hidden:
            ws.hide()
    for name, formula in (names or {}).items():
        wb.define_name(name, formula)
    wb.close()
    return path


#: A plain list sheet (导入备注): a bold header with a border, wrapped cells, printed on A4.
LIST_HEAD = {"bold": True, "border": 1, "bg_color": "#D9D9D9", "text_wrap": True, "valign": "vcenter", "font_size": 10}
LIST_BODY = {"border": 1, "text_wrap": True, "valign": "top", "font_size": 10}


def _print_as_list(ws, rows: int, cols: int) -> None:
    """A4 portrait, one page wide, the header row repeated on every page and frozen on screen."""
    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.freeze_panes(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.print_area(0, 0, max(rows - 1, 0), max(cols - 1, 0))


def selfcheck_of(specs: list[SheetSpec]):
    """The self-check of the forms in ``specs`` and each 自查 cell's text as the Python rules see it
    (the formulas' cached values)."""
    from xladdin.reader import read_grid_model
    from xladdin.selfcheck import Book, FormAt, plan
    from xladdin.selfcheck.verify import python_marks, summary_text

    book, n = Book(), 0
    for spec in specs:
        if spec.place is not None:
            n += spec.layout.form == "form3"
            book.forms.append(FormAt(spec.layout.form, spec.name, spec.place, n if spec.layout.form == "form3" else 0))
    sc = plan(book, {f.form: f.last_col for f in LAYOUTS.values()})
    grid = BookGrid()
    for spec in specs:
        sheet = SheetGrid(spec.name)
        for put in spec.puts:
            if put.value is not None:
                sheet.set(put.row, put.col, put.value)
            if put.formula:
                sheet.formulas[(put.row, put.col)] = put.formula
        grid.sheets.append(sheet)
    marks = python_marks(read_grid_model(grid))
    return sc, {f.sheet: summary_text(marks, f.sheet) for f in book.forms}


def _write_sheet(ws, spec: SheetSpec, formats: dict) -> None:
    for i, width in enumerate(spec.widths):
        ws.set_column(i, i, width)
    for row, height in sorted(spec.heights.items()):
        ws.set_row(row - 1, height)
    for put in spec.puts:
        fmt = formats.get(put.style, formats["text"])
        r, c = put.row - 1, put.col - 1
        if put.merged:
            ws.merge_range(r, c, (put.last_row or put.row) - 1, (put.last_col or put.col) - 1, "", fmt)
        if put.formula:
            ws.write_formula(r, c, put.formula, fmt, put.value if put.value is not None else 0)
        elif isinstance(put.value, bool):
            ws.write_boolean(r, c, put.value, fmt)
        elif isinstance(put.value, int | float):
            ws.write_number(r, c, put.value, fmt)
        elif put.value not in (None, ""):
            ws.write_string(r, c, str(put.value), fmt)
        elif not put.merged:
            ws.write_blank(r, c, None, fmt)
    for v in spec.validations:
        ws.data_validation(
            v.first_row - 1,
            v.col - 1,
            v.last_row - 1,
            v.col - 1,
            {
                "validate": "list",
                "source": list(v.values),
                "error_type": "warning",
                "error_title": v.error_title,
                "error_message": v.error_message,
                "input_title": "",
                "input_message": "",
            },
        )
    page = spec.page
    ws.set_paper(page.paper)
    if page.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(left=page.left, right=page.right, top=page.top, bottom=page.bottom)
    if (page.header, page.footer) != (0.3, 0.3):  # XlsxWriter's defaults; calls would change the bytes
        ws.set_header("", {"margin": page.header})
        ws.set_footer("", {"margin": page.footer})
    if page.center_horizontally:
        ws.center_horizontally()
    ws.fit_to_pages(page.fit_width, page.fit_height)
    ws.print_area(spec.print_area)
    if not page.gridlines:
        ws.hide_gridlines(2)


__all__ = ["Form3", "Put", "counts", "sheet_names", "specs_for", "write_xlsx"]
