"""Apply edits to a workbook file with openpyxl, keeping its VBA project and its ribbon."""

from __future__ import annotations

import math
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from xladdin import a1
from xladdin.edits import AddSheet, Edit, InsertRows, NoteSheet, RefreshSelfCheck, SetCell
from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.io.package import part, restore_ribbon, ribbon_of
from xladdin.io.save import atomic_create, atomic_write
from xladdin.layout.render import Page, SheetSpec
from xladdin.layout.styles import STYLES, file_width

if TYPE_CHECKING:
    from xladdin.selfcheck.plan import SelfCheck

_THIN = Side(style="thin")
EDGES = ("left", "right", "top", "bottom")  # a style's single borders (XlsxWriter's property names)


def _apply_style(cell, name: str) -> None:
    props = STYLES.get(name, STYLES["text"])
    cell.font = Font(
        name=str(props.get("font_name")), size=float(props.get("font_size", 10)), bold=bool(props.get("bold", False))
    )
    cell.alignment = Alignment(
        horizontal=str(props.get("align", "left")),
        vertical="center" if props.get("valign") == "vcenter" else "top",
        wrap_text=bool(props.get("text_wrap", False)),
    )
    if props.get("border"):
        cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    elif any(props.get(edge) for edge in EDGES):
        cell.border = Border(**{edge: _THIN for edge in EDGES if props.get(edge)})
    if "num_format" in props:
        cell.number_format = str(props["num_format"])


def set_value(cell, value: object, formula: str | None = None) -> None:
    """Put ``formula`` (the project's own) or ``value`` into an openpyxl cell. A string stays a
    string cell whatever it starts with: openpyxl would make ``"=HYPERLINK(…)"`` a live formula.
    Import and rollover write cells through this too."""
    if formula:
        cell.value = formula
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("不能写入非有限的数字（NaN/Inf）")
    if isinstance(value, str):
        from xladdin.io.surgical import xml_text

        value = xml_text(value)  # a vertical tab pasted from Word: a workbook cannot store it
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def insert_rows(ws: Worksheet, before: int, count: int) -> None:
    """openpyxl's insert_rows moves cells only: move merges, heights and the print area too."""
    merges = [m for m in ws.merged_cells.ranges]
    for m in merges:
        ws.merged_cells.remove(m)
    heights = {r: copy(d) for r, d in ws.row_dimensions.items() if r >= before}
    ws.insert_rows(before, count)
    for m in merges:
        if m.min_row >= before:
            m.shift(row_shift=count)
        elif m.max_row >= before:
            m.expand(down=count)
        ws.merged_cells.add(m)
    for r in sorted(heights, reverse=True):
        ws.row_dimensions[r + count].height = heights[r].height
    for r in range(before, before + count):
        ws.row_dimensions[r].height = None
    for dv in ws.data_validations.dataValidation:
        ranges = []
        for rng in dv.sqref.ranges:
            if rng.min_row >= before:
                rng.shift(row_shift=count)
            ranges.append(rng.coord)
        dv.sqref = " ".join(ranges)
    if ws.print_area:
        area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
        r1, c1, r2, c2 = a1.parse_range(area.rpartition("!")[2])
        ws.print_area = f"{a1.ref(r1, c1)}:{a1.ref(r2 + count, c2)}"


def page_setup(ws: Worksheet, page: Page, print_area: str) -> None:
    ws.page_setup.paperSize = page.paper
    ws.page_setup.orientation = "landscape" if page.landscape else "portrait"
    ws.page_setup.fitToWidth = page.fit_width
    ws.page_setup.fitToHeight = page.fit_height
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(
        left=page.left, right=page.right, top=page.top, bottom=page.bottom, header=page.header, footer=page.footer
    )
    ws.print_options.horizontalCentered = page.center_horizontally
    ws.print_area = print_area
    ws.sheet_view.showGridLines = page.gridlines


def add_sheet(wb: Workbook, spec: SheetSpec, after: str | None) -> Worksheet:
    index = wb.sheetnames.index(after) + 1 if after in wb.sheetnames else len(wb.sheetnames)
    ws = wb.create_sheet(spec.name, index)
    for i, width in enumerate(spec.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = file_width(width)
    for row, height in spec.heights.items():
        ws.row_dimensions[row].height = height
    for put in spec.puts:
        last_row, last_col = put.last_row or put.row, put.last_col or put.col
        for r in range(put.row, last_row + 1):
            for c in range(put.col, last_col + 1):
                _apply_style(ws.cell(r, c), put.style)  # borders on every cell of a merge
        set_value(ws.cell(put.row, put.col), put.value, put.formula)
        if put.merged:
            ws.merge_cells(start_row=put.row, start_column=put.col, end_row=last_row, end_column=last_col)
    for v in spec.validations:
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(v.values) + '"',
            allow_blank=True,
            errorStyle="warning",
            showErrorMessage=True,
            errorTitle=v.error_title,
            error=v.error_message,
        )
        col = get_column_letter(v.col)
        dv.add(f"{col}{v.first_row}:{col}{v.last_row}")
        ws.add_data_validation(dv)
    page_setup(ws, spec.page, spec.print_area)
    return ws


def _put_value(cell, value: object) -> None:
    """A value into a cell; a text stays text whatever it starts with (never a formula)."""
    set_value(cell, value)


def note_sheet(wb: Workbook, e: NoteSheet) -> Worksheet:
    if e.name in wb.sheetnames:
        ws = wb[e.name]
        ws.delete_rows(1, ws.max_row)
    else:
        ws = wb.create_sheet(e.name)
    for r, row in enumerate(e.rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            _put_value(cell, value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if r == 1:
                cell.font = Font(bold=True)
    for i, width in enumerate(e.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return ws


def apply(wb: Workbook, edits: list[Edit]) -> None:
    for e in edits:
        if isinstance(e, InsertRows):
            insert_rows(wb[e.sheet], e.before, e.count)
        elif isinstance(e, AddSheet):
            add_sheet(wb, e.spec, e.after)
        elif isinstance(e, NoteSheet):
            note_sheet(wb, e)
        elif isinstance(e, RefreshSelfCheck):
            refresh_selfcheck(wb)
        elif isinstance(e, SetCell):
            cell = wb[e.sheet].cell(e.row, e.col)
            set_value(cell, e.value, e.formula)
            if e.style:
                _apply_style(cell, e.style)
            if e.fill:
                colour = e.fill.lstrip("#").upper()
                cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def grid_of(wb: Workbook) -> BookGrid:
    """The values and formulas of an openpyxl workbook (formulas' values unknown: None)."""
    book = BookGrid()
    for ws in wb.worksheets:
        sheet = SheetGrid(ws.title, hidden=ws.sheet_state != "visible")
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                if cell.data_type == "f":
                    sheet.formulas[(cell.row, cell.column)] = str(cell.value)
                else:
                    sheet.set(cell.row, cell.column, cell.value)
        book.sheets.append(sheet)
    return book


def refresh_selfcheck(wb: Workbook) -> None:
    """The self-check laid out afresh on the workbook's forms (our template's forms only)."""
    from xladdin.layout import LAYOUTS
    from xladdin.reader import read_grid_model
    from xladdin.selfcheck import book_of_reading, plan
    from xladdin.selfcheck.write import strip_openpyxl

    strip_openpyxl(wb)
    try:
        reading = read_grid_model(grid_of(wb))
    except ReadError:
        return
    book = book_of_reading(reading)
    if book.forms:
        apply_selfcheck(wb, plan(book, {k: layout.last_col for k, layout in LAYOUTS.items()}))


def apply_selfcheck(wb: Workbook, sc: SelfCheck) -> None:
    """Write the self-check ``sc`` into an openpyxl workbook (after ``strip_openpyxl``): the 自查 cells,
    their colour rules, the hidden 自查 sheet and its names."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.defined_name import DefinedName

    from xladdin.selfcheck.cells import SHEET
    from xladdin.selfcheck.write import CELL_STYLE

    for name, (ref, formula) in sc.summary.items():
        ws = wb[name]
        cell = ws[ref]
        set_value(cell, None, formula)
        _apply_style(cell, CELL_STYLE)
        col, width = sc.widths[name]
        ws.column_dimensions[get_column_letter(col)].width = file_width(width)
        for mark in sc.marks.get(name, []):
            fill = PatternFill(fill_type="solid", start_color=mark.fill, end_color=mark.fill, bgColor=mark.fill)
            ws.conditional_formatting.add(mark.ref, FormulaRule(formula=[mark.formula], fill=fill))
    helper = wb.create_sheet(SHEET)
    for row, col, value, formula in sc.cells:
        set_value(helper.cell(row, col), value, formula)
    helper.sheet_state = "hidden"
    for name, ref in sc.names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref.removeprefix("="))


def load(path: Path) -> Workbook:
    from xladdin.io.formats import STRICT_NO_WRITE, strict_workbook

    if strict_workbook(path):
        raise ReadError(STRICT_NO_WRITE, "Strict Open XML workbook: save it as .xlsx/.xlsm before writing")
    return open_for_writing(path, keep_vba=path.suffix.lower() == ".xlsm", keep_links=True, rich_text=False)


def open_for_writing(path: Path, **options) -> Workbook:
    """openpyxl's model of ``path``. A workbook our reader reads but openpyxl cannot load (a part it
    needs missing or damaged: no styles.xml, a style index past the table…) is one line, nothing
    written, not 「意外问题」."""
    try:
        return openpyxl.load_workbook(path, **options)
    except MemoryError:
        raise
    except OSError:
        raise
    except Exception as err:  # openpyxl raises IndexError, KeyError, TypeError … on a damaged part
        raise ReadError(
            f"工作簿「{Path(path).name}」的部件不完整或已损坏，无法改写（未改动）：请在 Excel 中打开后另存，再试",
            f"openpyxl cannot load the workbook for writing: {type(err).__name__}",
        ) from None


def _strict(path: Path) -> bool:
    from xladdin.io.formats import strict_workbook

    return strict_workbook(path)


def _writer(path: Path, edits: list[Edit]):
    """A function that writes ``path`` with ``edits`` applied to ``tmp`` (VBA and ribbon kept)."""
    ribbon = ribbon_of(path)
    vba = part(path, "xl/vbaProject.bin")

    def write(tmp: Path) -> None:
        from xladdin.io import surgical

        # The self-check is laid out again through openpyxl where openpyxl loses nothing of the file;
        # a file with pictures, shapes or comments keeps them: its self-check is laid out part by part.
        relayout = any(isinstance(e, RefreshSelfCheck) for e in edits) and not _drops_parts(path)
        if surgical.supports(edits) and not _strict(path) and not relayout:
            from xladdin.selfcheck.parts import refresh

            try:  # only the parts the edits change are rewritten: pictures, shapes, comments stay
                surgical.write(path, tmp, edits, refresh)
                return
            except surgical.Unsupported:
                pass
        wb = load(path)
        apply(wb, edits)
        wb.calculation.fullCalcOnLoad = True  # openpyxl stores formulas without results
        wb.save(tmp)
        restore_ribbon(ribbon, tmp)
        if vba is not None and part(tmp, "xl/vbaProject.bin") != vba:
            raise RuntimeError("VBA 工程未能原样保留，已取消保存")

    return write


def edit_file(path: str | Path, edits: list[Edit]) -> Path | None:
    """Apply ``edits`` to the file at ``path`` (atomic save, backup kept, VBA and ribbon kept).
    Returns the backup's path."""
    path = Path(path)
    return atomic_write(path, _writer(path, edits))


#: Parts openpyxl does not carry across a save (pictures, shapes, text boxes, comments, controls).
_DROPPED_BY_OPENPYXL = ("xl/drawings/", "xl/media/", "xl/comments", "xl/ctrlProps/", "xl/embeddings/")


def _drops_parts(path: Path) -> bool:
    """Whether saving ``path`` through openpyxl would lose a part of it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return any(n.startswith(_DROPPED_BY_OPENPYXL) for n in zf.namelist())
    except (OSError, zipfile.BadZipFile):
        return True


def copy_with_edits(src: str | Path, out: str | Path, edits: list[Edit]) -> Path:
    """A new file ``out``: ``src`` with ``edits`` applied (``src`` is only read; ``out`` must not
    exist; written atomically; VBA and ribbon kept)."""
    src, out = Path(src), Path(out)
    return atomic_create(out, _writer(src, edits), source=src)
