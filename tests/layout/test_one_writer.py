"""One writer: a new 附表3 rendered once (layout → SheetSpec) and applied by XlsxWriter, openpyxl and
xlwings (through the remote engine's actions) sets the same cells, merges, widths, heights,
validations and print setup. The expected page comes from the forms as printed (A4, one page wide,
margins 0.5"/0.6"), the expected cells from the new fund's answers, not from the writers."""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

import openpyxl
import pytest
import xlwings as xw
from helpers import payload
from openpyxl.utils import get_column_letter

from xladdin import a1
from xladdin.build.workbook import write_xlsx
from xladdin.commands.funds import plan_new_fund
from xladdin.edits import AddSheet
from xladdin.excel import book as xlbook
from xladdin.io.openpyxl_writer import apply as op_apply
from xladdin.io.openpyxl_writer import edit_file, file_width
from xladdin.reader import read_grid_model

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

NAME = "=2+3 退役军人培训"  # text that starts with "=": it must stay text on every path
SHEET = "附表3-=2+3 退役军人培训"
A4 = 9
MARGINS = (0.5, 0.5, 0.6, 0.6)  # left, right, top, bottom (inches)


@pytest.fixture(scope="module")
def new_sheet(example_grid):
    plan = plan_new_fund(read_grid_model(example_grid), NAME, "50")
    [add] = [e for e in plan.edits if isinstance(e, AddSheet)]
    return add


def _from_file(path, sheet: str) -> dict:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None or c.value == "":
                continue
            kind = "f" if c.data_type == "f" else "v"
            cells[c.coordinate] = (kind, c.value)
    area = ws.print_area
    area = area[0] if isinstance(area, list) else area
    validations = {
        str(dv.sqref): (dv.formula1.strip('"').split(","), dv.errorStyle) for dv in ws.data_validations.dataValidation
    }
    last = max(a1.parse(ref)[1] for ref in cells)
    return {
        "cells": cells,
        "merges": {str(m) for m in ws.merged_cells.ranges},
        "widths": [ws.column_dimensions[get_column_letter(i)].width for i in range(1, last + 1)],
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height is not None},
        "validations": validations,
        "paper": int(ws.page_setup.paperSize),
        "landscape": ws.page_setup.orientation == "landscape",
        "margins": (ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom),
        "fit": (
            _ooxml(ws.page_setup.fitToWidth),
            _ooxml(ws.page_setup.fitToHeight),
            ws.sheet_properties.pageSetUpPr.fitToPage,
        ),
        "centered": bool(ws.print_options.horizontalCentered),
        "print_area": area.split("!")[-1].replace("$", ""),
    }


def _ooxml(fit) -> int:
    return 1 if fit is None else int(fit)  # an absent fitTo… attribute means 1 (ECMA-376)


class _PageSetup(SimpleNamespace):
    """Excel's PageSetup as COM would receive it (the remote engine has no action for it)."""


def _from_actions(grid, spec, monkeypatch) -> dict:
    page = _PageSetup()
    real = xlbook.com_api

    def com_api(obj):  # a sheet gets a COM-like PageSetup; ranges stay remote
        return SimpleNamespace(PageSetup=page) if isinstance(obj, xw.Sheet) else real(obj)

    monkeypatch.setattr(xlbook, "com_api", com_api)
    data = payload(grid)
    data["client"] = "Office.js"  # the client that replays validations and alignment
    book = xw.Book(json=data)
    xlbook.apply(book, [AddSheet(spec)])
    acts = book.json()["actions"]
    position = len(grid.sheets)
    mine = [a for a in acts if a.get("sheet_position") == position]

    def ref(a, rows=1, cols=1):
        first = f"{a1.col_letter(a['start_column'] + 1)}{a['start_row'] + 1}"
        if rows == 1 and cols == 1:
            return first
        return f"{first}:{a1.col_letter(a['start_column'] + cols)}{a['start_row'] + rows}"

    [block] = [a for a in mine if a["func"] == "setValues"]
    cells = {}
    for r, row in enumerate(block["values"], start=1):
        for c, v in enumerate(row, start=1):
            if v == "" or v is None:
                continue
            if isinstance(v, str) and v.startswith("'"):
                cells[f"{a1.col_letter(c)}{r}"] = ("v", v[1:])  # Excel's text prefix
            elif isinstance(v, str) and v.startswith("="):
                cells[f"{a1.col_letter(c)}{r}"] = ("f", v)
            else:
                cells[f"{a1.col_letter(c)}{r}"] = ("v", v)
    widths = {a["start_column"]: a["args"][0] for a in mine if a["func"] == "setColumnWidth"}
    heights = {}
    for a in mine:
        if a["func"] == "setRowHeight":
            for r in range(a["start_row"] + 1, a["start_row"] + a["row_count"] + 1):
                heights[r] = a["args"][0]
    validations = {
        ref(a, a["row_count"], a["column_count"]): (a["args"][0]["values"], "warning")
        for a in mine
        if a["func"] == "setDataValidationList"
    }
    [area] = [a["args"][0] for a in acts if a["func"] == "setPrintArea"]
    return {
        "cells": cells,
        "merges": {ref(a, a["row_count"], a["column_count"]) for a in mine if a["func"] == "rangeMerge"},
        "widths": [file_width(widths[i]) for i in sorted(widths)],  # as a file would store them
        "heights": heights,
        "validations": validations,
        "paper": page.PaperSize,
        "landscape": page.Orientation == 2,
        "margins": tuple(m / 72 for m in (page.LeftMargin, page.RightMargin, page.TopMargin, page.BottomMargin)),
        "fit": (page.FitToPagesWide, page.FitToPagesTall or 0, page.Zoom is False),
        "centered": page.CenterHorizontally,
        "print_area": area,
        "sheet": [a["args"][1] for a in acts if a["func"] == "addSheet"],
    }


def test_three_writers_set_the_same_sheet(new_sheet, example_grid, example_file, tmp_path, monkeypatch):
    spec = new_sheet.spec
    xw_path = write_xlsx([spec], tmp_path / "xlsxwriter.xlsx", selfcheck=False)  # the sheet alone
    wb = openpyxl.Workbook()
    op_apply(wb, [AddSheet(spec)])
    wb.save(tmp_path / "openpyxl.xlsx")
    # the openpyxl path as the CLI runs it: the example file, edited in place
    book = tmp_path / "book.xlsx"
    book.write_bytes(example_file.read_bytes())
    edit_file(book, [new_sheet])

    by_xlsxwriter = _from_file(xw_path, SHEET)
    by_openpyxl = _from_file(tmp_path / "openpyxl.xlsx", SHEET)
    by_cli = _from_file(book, SHEET)
    # the CLI's workbook carries the 自查 (issue 22): its cell beside the title, outside the form
    selfcheck = [ref for ref, (kind, text) in by_cli["cells"].items() if kind == "f" and "自查" in str(text)]
    for ref in selfcheck:
        del by_cli["cells"][ref]
    by_cli["widths"] = by_cli["widths"][: len(by_xlsxwriter["widths"])]  # the 自查 column past the form
    by_xlwings = _from_actions(example_grid, spec, monkeypatch)
    assert by_xlwings.pop("sheet") == [SHEET]

    # what the form says, independently of the writers
    expected_page = {
        "paper": A4,
        "landscape": False,
        "margins": MARGINS,
        "fit": (1, 0, True),
        "centered": True,
        "print_area": f"A1:F{spec.last_row}",
    }
    paths = [("xlsxwriter", by_xlsxwriter), ("openpyxl", by_openpyxl), ("cli", by_cli), ("xlwings", by_xlwings)]
    for name, got in paths:
        assert {k: got[k] for k in expected_page} == expected_page, name
        cells = got["cells"]
        assert cells["B4"] == ("v", NAME), name  # 支出方向（子项）, text whatever it starts with
        assert cells["E4"] == ("v", NAME), name  # 所属专项 名称: a new 专项 is its own
        assert cells["A5"] == ("v", "项目金额") and cells["B5"] == ("v", 50), name  # as typed in the dialog
        assert {"E4:F4", "C4:C5"} <= got["merges"], name
        assert len(got["validations"]) == 3, name

    keys = ["cells", "merges", "widths", "heights", "validations", *expected_page]
    for name, got in paths[1:]:
        for key in keys:
            want, have = by_xlsxwriter[key], got[key]
            assert have == want, f"{name}: {key} differs"


def test_text_prefix_only_where_excel_would_parse():
    assert xlbook.cell_input("=1+1", None) == "'=1+1"
    assert xlbook.cell_input("2023", None) == "'2023"
    assert xlbook.cell_input("'quoted", None) == "''quoted"
    assert xlbook.cell_input("-", None) == "'-"
    assert xlbook.cell_input("数量指标", None) == "数量指标"
    assert xlbook.cell_input(None, "=SUM(A1:A2)") == "=SUM(A1:A2)"
    assert xlbook.cell_input(50, None) == 50
    assert re.fullmatch(r"'.*", xlbook.cell_input("+86 139", None))


@pytest.mark.parametrize("chars", [0.3, 0.5, 0.9, 1, 8.43, 12.5, 20])
def test_a_column_width_is_stored_as_xlsxwriter_stores_it(chars, tmp_path):
    """openpyxl stores the width it is given; Excel and XlsxWriter store the width that shows ``chars``
    characters (narrow columns below one character count 12 px each): the openpyxl writer must
    store the same, or a sheet added by import is narrower than the template's."""
    import zipfile

    import xlsxwriter

    path = tmp_path / "w.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.set_column(0, 0, chars)
    sheet.write(0, 0, "x")
    book.close()
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert float(re.search(r'<col min="1" max="1" width="([0-9.]+)"', xml).group(1)) == file_width(chars)


def test_a_new_sheet_is_styled_in_few_rectangles_each_cell_once(new_sheet):
    """Excel pays per call: the styles of a new 附表3 go out as rectangles (runs along a row, stacked
    down while rows repeat them), each cell in exactly one, with the style its cell was rendered with."""
    spec = new_sheet.spec
    painted: dict[tuple[int, int], str] = {}
    blocks = spec.style_blocks()
    for style, row, col, last_row, last_col in blocks:
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                assert (r, c) not in painted, (r, c)
                painted[(r, c)] = style
    wanted = {
        (r, c): p.style
        for p in spec.puts
        for r in range(p.row, (p.last_row or p.row) + 1)
        for c in range(p.col, (p.last_col or p.col) + 1)
    }
    assert painted == wanted
    assert len(blocks) * 2 < len(spec.puts)  # the indicator table's rows repeat: stacked, not one per cell
    header_rows = {p.row for p in spec.puts if p.style == "header"}
    assert len(header_rows) > 1
    for row in header_rows:  # a table's header is one run along its row
        assert len([b for b in blocks if b[0] == "header" and b[1] == row]) == 1, row


def test_a_fund_sheet_rendered_row_heights_merges_and_lists():
    """What every writer applies, for the example's first 附表3 (9 indicators, 4 产出 then 5 效益, one
    detail row): the heights the layout gives, labels merged down beside their tables, one merged 一级
    cell per run of one 一级指标, each cell put once, and the drop-down lists over the data rows."""
    from xladdin.build.workbook import counts
    from xladdin.examples.shifeng2023 import submission
    from xladdin.layout import LAYOUTS
    from xladdin.layout.place import plan
    from xladdin.layout.render import render

    form = submission().form3s[0]
    spec = render(form, plan(LAYOUTS["form3"], counts(form)), "附表3-x")
    assert spec.heights == {2: 36, 22: 36, 23: 24}  # the title, 单位负责人签字, 填表人
    column_a = {p.ref: (p.value, p.last_row, p.last_col) for p in spec.puts if p.col == 1}
    assert column_a["A9"] == ("年度绩效指标", 18, 1) and column_a["A19"] == ("支出明细及测算说明", 21, 1)
    assert column_a["A4"] == ("支出方向（子项）", 4, 1) and column_a["A2"][1:] == (2, 6)
    level1 = [(p.ref, p.value, p.last_row) for p in spec.puts if p.col == 2 and 10 <= p.row <= 18]
    assert level1 == [("B10", "产出指标", 13), ("B14", "效益指标", 18)]
    assert [(p.ref, p.value, p.last_row, p.last_col) for p in spec.puts if p.row == 12] == [
        ("C12", "时效指标", 12, 3),
        ("D12", "实施时间", 12, 4),
        ("E12", "2023年度", 12, 5),
        ("F12", "计划标准", 12, 6),
    ]
    covered = [
        (r, c)
        for p in spec.puts
        for r in range(p.row, (p.last_row or p.row) + 1)
        for c in range(p.col, (p.last_col or p.col) + 1)
    ]
    assert len(covered) == len(set(covered))
    assert [(v.first_row, v.last_row, v.col, v.values[0]) for v in spec.validations] == [
        (10, 18, 2, "产出指标"),
        (10, 18, 3, "数量指标"),
        (10, 18, 6, "计划标准"),
    ]
