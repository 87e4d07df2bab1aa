"""Apply edits to a workbook file with openpyxl, keeping its VBA project and its ribbon."""

from __future__ import annotations

from copy import copy
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xladdin.edits import AddSheet, Edit, InsertRows, NoteSheet, SetCell, is_text_formula
from xladdin.io.package import part, restore_ribbon, ribbon_of
from xladdin.io.save import atomic_create, atomic_write
from xladdin.layout.render import SheetSpec
from xladdin.layout.styles import STYLES

_THIN = Side(style="thin")


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
    if "num_format" in props:
        cell.number_format = str(props["num_format"])


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
        last = area.split(":")[-1].replace("$", "")
        letters = "".join(ch for ch in last if ch.isalpha())
        row = int("".join(ch for ch in last if ch.isdigit()))
        ws.print_area = f"A1:{letters}{row + count}"


def add_sheet(wb: Workbook, spec: SheetSpec, after: str | None) -> Worksheet:
    index = wb.sheetnames.index(after) + 1 if after in wb.sheetnames else len(wb.sheetnames)
    ws = wb.create_sheet(spec.name, index)
    for i, width in enumerate(spec.layout.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row, height in spec.heights.items():
        ws.row_dimensions[row].height = height
    for put in spec.puts:
        last_row, last_col = put.last_row or put.row, put.last_col or put.col
        for r in range(put.row, last_row + 1):
            for c in range(put.col, last_col + 1):
                _apply_style(ws.cell(r, c), put.style)  # borders on every cell of a merge
        cell = ws.cell(put.row, put.col)
        if put.formula:
            cell.value = put.formula
        else:
            _put_value(cell, put.value)
        if put.merged:
            ws.merge_cells(start_row=put.row, start_column=put.col, end_row=last_row, end_column=last_col)
    for v in spec.validations:
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(v.values) + '"',
            allow_blank=True,
            errorStyle="warning",
            showErrorMessage=True,
            errorTitle="不在标准列表中",
            error="建议从下拉列表中选择标准名称。",
        )
        col = get_column_letter(v.col)
        dv.add(f"{col}{v.first_row}:{col}{v.last_row}")
        ws.add_data_validation(dv)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_area = spec.print_area
    ws.sheet_view.showGridLines = False
    return ws


def _put_value(cell, value: object) -> None:
    """A value into a cell; a text starting with "=" stays text (never a formula)."""
    cell.value = value
    if is_text_formula(value):
        cell.data_type = "s"


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
        elif isinstance(e, SetCell):
            cell = wb[e.sheet].cell(e.row, e.col)
            if e.formula:
                cell.value = e.formula
            else:
                _put_value(cell, e.value)
            if e.style:
                _apply_style(cell, e.style)
            if e.fill:
                colour = e.fill.lstrip("#").upper()
                cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def load(path: Path) -> Workbook:
    return openpyxl.load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", keep_links=True, rich_text=False)


def _writer(path: Path, edits: list[Edit]):
    """A function that writes ``path`` with ``edits`` applied to ``tmp`` (VBA and ribbon kept)."""
    ribbon = ribbon_of(path)
    vba = part(path, "xl/vbaProject.bin")

    def write(tmp: Path) -> None:
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


def copy_with_edits(src: str | Path, out: str | Path, edits: list[Edit]) -> Path:
    """A new file ``out``: ``src`` with ``edits`` applied (``src`` is only read; ``out`` must not
    exist; written atomically; VBA and ribbon kept)."""
    src, out = Path(src), Path(out)
    return atomic_create(out, _writer(src, edits))
