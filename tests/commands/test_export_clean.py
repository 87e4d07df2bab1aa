"""The submission copy carries none of the tool's marks, whatever the workbook holds: every cell
marked as 校验 marks it, 建议指标's light blue, the tool's comments, conditional formats and own cells,
its helper sheets (校验结果, 导入备注, 转年说明, 已确认, 指标建议). The workbook itself keeps them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName

from xladdin.cli import main
from xladdin.commands import export as E
from xladdin.excel import handlers
from xladdin.io import libreoffice
from xladdin.marks import HELPER_SHEETS, SUGGESTION_FILL, TOOL_FILLS, strip_tool_marks

CLERK_FILL = "F2DCDB"  # a fill the clerk chose: it stays, under a mark and elsewhere
TOOL_SHEETS = ("校验结果", "导入备注", "转年说明", "已确认", "指标建议", "规则说明")


def style(cell) -> tuple:
    """What a cell looks like: fill, font, borders, alignment, number format."""
    fill = cell.fill
    colour = fill.fgColor.rgb[-6:] if fill.fill_type and isinstance(fill.fgColor.rgb, str) else None
    f, b, a = cell.font, cell.border, cell.alignment
    return (
        fill.fill_type,
        colour,
        (f.name, f.sz, f.b, f.i, f.color.rgb if f.color is not None else None),
        tuple(getattr(b, side).style for side in ("left", "right", "top", "bottom")),
        (a.horizontal, a.vertical, a.wrap_text),
        cell.number_format,
    )


def styles(path: Path, sheets: list[str]) -> dict[tuple[str, str], tuple]:
    wb = openpyxl.load_workbook(path)
    return {(name, c.coordinate): style(c) for name in sheets for row in wb[name].iter_rows() for c in row}


@pytest.fixture()
def no_pdf(monkeypatch):
    def missing(*a, **k):
        raise libreoffice.LibreOfficeMissing("no soffice")

    monkeypatch.setattr(libreoffice, "convert", missing)


def mark_everything(path: Path) -> list[str]:
    """Put on ``path`` every mark the tool makes, the way it makes them; the form sheets' names."""
    assert main(["suggest", str(path), "--write"]) == 0  # light blue on blank indicators, 指标建议
    wb = openpyxl.load_workbook(path, keep_vba=True)
    forms = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title not in HELPER_SHEETS]
    suggested = [
        c for ws in wb.worksheets for row in ws.iter_rows() for c in row if str(c.fill.fgColor.rgb).endswith("DDEBF7")
    ]
    assert suggested, "suggest --write marked nothing"
    # 校验 as the ribbon does it: every cell of every form red or yellow, the previous fill in the ledger
    ledger = wb.create_sheet(handlers.MARKS)
    ledger.sheet_state = "hidden"
    ledger.append(handlers.MARKS_HEADER)
    colours = list(handlers.FILL.values())
    for name in forms:
        ws = wb[name]
        for row in ws.iter_rows(max_col=max(ws.max_column, 8)):
            for cell in row:
                before = cell.fill.fgColor.rgb if cell.fill.fill_type else None
                ledger.append([name, cell.coordinate, f"#{before[-6:]}" if before else ""])
                colour = colours[(cell.row + cell.column) % 2].lstrip("#")
                cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        ws["A1"].comment = Comment("校验：这里有问题", "xladdin")
        ws.conditional_formatting.add(
            "B1:F40", CellIsRule(operator="equal", formula=['""'], fill=_fill(SUGGESTION_FILL))
        )
        ws.conditional_formatting.add("A1:A3", FormulaRule(formula=["XA_OWN_CHECK<>0"], fill=_fill("#00FF00")))
    first = wb[forms[0]]
    first["H2"], first["H3"] = "自查：合计不符", "=1+1"
    wb.defined_names["XA_OWN_CHECK"] = DefinedName("XA_OWN_CHECK", attr_text=f"'{forms[0]}'!$H$2:$H$3")
    for name in TOOL_SHEETS:
        if name not in wb.sheetnames:
            wb.create_sheet(name)["A1"] = name
    wb.save(path)
    return forms


def _fill(colour: str) -> PatternFill:
    return PatternFill(
        fill_type="solid", start_color=colour.lstrip("#"), end_color=colour.lstrip("#"), bgColor=colour.lstrip("#")
    )


def test_the_export_of_a_marked_workbook_looks_like_the_unmarked_one(example_xlsm, tmp_path, no_pdf):
    clean = tmp_path / "clean.xlsm"
    shutil.copy(example_xlsm, clean)
    wb = openpyxl.load_workbook(clean, keep_vba=True)  # the clerk's own colour and comment
    form1 = wb["附表1"]
    form1["B5"].fill = PatternFill(fill_type="solid", start_color=CLERK_FILL, end_color=CLERK_FILL)
    form1["B6"].comment = Comment("请财务核对", "李娜")
    form1.conditional_formatting.add("E8", CellIsRule(operator="lessThan", formula=["0"], fill=_fill("#FF0000")))
    wb.save(clean)
    marked = tmp_path / "marked.xlsm"
    shutil.copy(clean, marked)
    forms = mark_everything(marked)

    reference = E.export(clean, tmp_path / "参照", force=True).xlsx
    done = E.export(marked, tmp_path / "报送", force=True).xlsx

    got, want = styles(done, forms), styles(reference, forms)
    assert got == {k: want.get(k, got[k]) for k in got}  # every cell as in the unmarked export
    assert set(want) <= set(got)
    assert not any(s[1] and f"#{s[1]}" in TOOL_FILLS for s in got.values())
    assert got[("附表1", "B5")][1] == CLERK_FILL  # restored from the ledger under its red mark
    wb = openpyxl.load_workbook(done)
    assert wb.sheetnames == forms  # no helper sheet, no ledger
    assert list(wb.defined_names) == []
    assert (wb[forms[0]]["H2"].value, wb[forms[0]]["H3"].value) == (None, None)  # the tool's own cells
    comments = [(ws.title, c.coordinate) for ws in wb for row in ws.iter_rows() for c in row if c.comment]
    assert comments == [("附表1", "B6")]
    rules = [(str(cf.sqref), r.operator) for ws in wb for cf in ws.conditional_formatting for r in cf.rules]
    assert rules == [("E8", "lessThan")]
    source = openpyxl.load_workbook(marked)  # the workbook keeps its marks
    assert set(TOOL_SHEETS) <= set(source.sheetnames)
    assert source["附表1"]["B5"].fill.fgColor.rgb[-6:] in {c.lstrip("#") for c in handlers.FILL.values()}


def test_a_suggestion_is_removed_from_the_copy_only(example_file, tmp_path, no_pdf):
    """建议指标 without 校验: no ledger; the light blue goes, the suggested text stays (it is the clerk's now)."""
    book = tmp_path / "book.xlsx"
    shutil.copy(example_file, book)
    assert main(["suggest", str(book), "--write"]) == 0
    src = openpyxl.load_workbook(book)
    blue = [
        (ws.title, c.coordinate, c.value)
        for ws in src
        for row in ws.iter_rows()
        for c in row
        if str(c.fill.fgColor.rgb).endswith("DDEBF7")
    ]
    assert blue
    out = openpyxl.load_workbook(E.export(book, tmp_path / "o", force=True).xlsx)
    for sheet, ref, value in blue:
        assert out[sheet][ref].fill.fill_type is None and out[sheet][ref].value == value
    assert "指标建议" not in out.sheetnames


def test_strip_keeps_a_workbook_without_marks():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "x"
    ws["A1"].fill = PatternFill(fill_type="solid", start_color="FFC000", end_color="FFC000")
    strip_tool_marks(wb)
    assert ws["A1"].fill.fgColor.rgb == "00FFC000" and wb.sheetnames == ["Sheet"]


def test_the_pdf_shows_no_tool_colour(example_xlsm, tmp_path):
    from conftest import require_soffice

    require_soffice()
    marked = tmp_path / "marked.xlsm"
    shutil.copy(example_xlsm, marked)
    mark_everything(marked)
    done = E.export(marked, tmp_path / "报送", force=True)
    assert done.pdf is not None, done.pdf_note
    subprocess.run(["pdftoppm", "-r", "40", str(done.pdf), str(tmp_path / "page")], check=True)  # .ppm pages
    pages = sorted(tmp_path.glob("page*.ppm"))
    assert pages
    tool = [bytes(int(c.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)) for c in TOOL_FILLS]
    for page in pages:
        pixels = ppm_pixels(page.read_bytes())
        assert sum(pixels.count(t) for t in tool) == 0, page.name
        assert len(set(pixels)) > 2  # the page shows something (text in black on white)


def ppm_pixels(data: bytes) -> list[bytes]:
    """The RGB triples of a binary PPM (P6, 8 bits) as pdftoppm writes it."""
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P6" and fields[3] == b"255"
    raster = fields[4]
    return [raster[i : i + 3] for i in range(0, len(raster), 3)]
