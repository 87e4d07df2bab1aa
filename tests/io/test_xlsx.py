"""The .xlsx reader (xladdin/io/xlsx.py) against breakage found by mutation testing
(scripts/mutation). Each workbook is written here by hand, part by part, so the expected values
are the ones its XML states (the ECMA-376 cell types: s shared string, inlineStr, b, e, str, n)."""

from __future__ import annotations

import zipfile

import pytest
from helpers import MAIN, _book

from xladdin.io.grid import ReadError
from xladdin.io.xlsx import Limits, read_grid

STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"


CELLS = (
    "<sheetData>"
    '<row r="1">'
    '<c r="A1" t="s"><v>0</v></c>'  # shared string 0
    '<c r="B1" t="s"><v>1</v></c>'  # with a phonetic run, which is not part of the text
    '<c r="C1" t="s"><v>7</v></c>'  # an index past the table: nothing
    '<c r="D1" t="inlineStr"><is><t>内联</t></is></c>'
    '<c r="E1" t="b"><v>1</v></c>'
    '<c r="F1" t="b"><v>0</v></c>'
    '<c r="G1" t="e"><v>#DIV/0!</v></c>'
    '<c r="H1" t="str"><v>a_x000D_b</v></c>'
    "</row>"
    '<row r="2">'
    '<c r="A2"><v>2.0</v></c>'
    '<c r="B2"><v>2.5</v></c>'
    '<c r="C2"><v>1e400</v></c>'
    '<c r="D2"><v>9007199254740993</v></c>'
    '<c r="E2"><v>-3</v></c>'
    '<c r="F2"><v></v></c>'
    '<c r="G2"><v>abc</v></c>'
    '<c r="H2"><f>A2+B2</f><v>4.5</v></c>'
    "</row>"
    "<row>"  # no r: the next row (3); cells without r: the next column
    "<c><v>31</v></c><c><v>32</v></c>"
    "</row>"
    '<row r="5"><c r="AA5"><v>1</v></c><c r="Z5"><v>26</v></c></row>'
    "</sheetData>"
    '<mergeCells count="3"><mergeCell ref="A7:B8"/><mergeCell ref="C7"/><mergeCell ref="Y9:AC9"/></mergeCells>'
)
STRINGS = '<si><t>项目</t></si><si><r><t>资</t></r><r><t>金</t></r><rPh sb="0" eb="1"><t>ZI</t></rPh></si>'


def test_every_cell_type_reads_as_its_xml_states(tmp_path):
    book = read_grid(_book(tmp_path, [("附表1", None, CELLS)], STRINGS))
    sheet = book.sheet("附表1")
    row1 = [sheet.value(1, c) for c in range(1, 9)]
    assert row1 == ["项目", "资金", None, "内联", True, False, "#DIV/0!", "a\rb"]
    row2 = [sheet.value(2, c) for c in range(1, 9)]
    assert row2 == [2, 2.5, "#NUM!", 9007199254740992.0, -3, None, "abc", 4.5]
    assert type(row2[0]) is int and type(row2[3]) is float  # 2**53 + 1 is past exact integers
    assert (sheet.value(3, 1), sheet.value(3, 2)) == (31, 32)
    assert sheet.value(5, 26) == 26 and sheet.truncated  # AA (27) is past the 26 columns kept
    assert sheet.formulas == {(2, 8): "=A2+B2"}
    assert sheet.merges == [(7, 1, 8, 2), (9, 25, 9, 26)]  # one cell is no merge; Y9:AC9 clipped to Z
    assert not sheet.hidden


def test_sheet_order_and_states(tmp_path):
    body = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    book = read_grid(_book(tmp_path, [("甲", None, body), ("乙", "hidden", body), ("丙", "visible", body)]))
    assert [(s.name, s.hidden) for s in book.sheets] == [("甲", False), ("乙", True), ("丙", False)]


def test_strict_ooxml_is_read(tmp_path):
    body = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row></sheetData>'
    path = _book(tmp_path, [("附表1", None, body)], "<si><t>严格</t></si>", main=STRICT, rel=STRICT_REL)
    sheet = read_grid(path).sheet("附表1")
    assert (sheet.value(1, 1), sheet.value(1, 2)) == ("严格", 5)


def test_a_formula_without_a_saved_result_is_computed(tmp_path):
    body = '<sheetData><row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*3</f></c></row></sheetData>'
    assert read_grid(_book(tmp_path, [("附表1", None, body)])).sheet("附表1").value(1, 2) == 6


def test_limits(tmp_path):
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 6))
    path = _book(tmp_path, [("附表1", None, f"<sheetData>{rows}</sheetData>")])
    sheet = read_grid(path, Limits(rows=3)).sheet("附表1")
    assert [sheet.value(r, 1) for r in range(1, 6)] == [1, 2, 3, None, None] and sheet.truncated
    assert not read_grid(path, Limits(rows=5)).sheet("附表1").truncated
    assert read_grid(path, Limits(cells=5)).sheet("附表1").value(5, 1) == 5  # exactly the budget
    with pytest.raises(ReadError, match="单元格数量超出上限"):
        read_grid(path, Limits(cells=4))
    long = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>一二三四五</t></is></c></row></sheetData>'
    assert (
        read_grid(_book(tmp_path, [("附表1", None, long)], name="long.xlsx"), Limits(cell_chars=3))
        .sheet("附表1")
        .value(1, 1)
        == "一二三"
    )
    two = [("甲", None, "<sheetData/>"), ("乙", None, "<sheetData/>")]
    assert len(read_grid(_book(tmp_path, two, name="two.xlsx"), Limits(sheets=2)).sheets) == 2
    with pytest.raises(ReadError, match="工作表过多（2 个）"):
        read_grid(_book(tmp_path, two, name="two.xlsx"), Limits(sheets=1))


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_dtd_is_refused(tmp_path):
    body = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    path = _book(tmp_path, [("附表1", None, body)], "<si><t>x</t></si>")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", '<!DOCTYPE sst [<!ENTITY e "x">]><sst xmlns="' + MAIN + '"/>')
    with pytest.raises(ReadError, match="DTD"):
        read_grid(path)


def test_a_sheet_left_unread_is_listed_empty_and_a_formula_using_it_is_not_computed(tmp_path):
    form = '<sheetData><row r="1"><c r="A1"><f>自查!A1+1</f></c><c r="B1"><f>1+1</f></c></row></sheetData>'
    flags = '<sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData>'
    path = _book(tmp_path, [("附表2", None, form), ("自查", "hidden", flags)])
    read = read_grid(path)
    assert read.sheet("附表2").rows == [[6, 2]] and read.sheet("自查").rows == [[5]]
    grid = read_grid(path, unread=("自查",))
    skipped = grid.sheet("自查")
    assert skipped.unread and skipped.hidden and skipped.rows == [] and not skipped.formulas
    assert not read.sheet("自查").unread
    sheet = grid.sheet("附表2")
    assert sheet.rows == [[None, 2]] and sheet.uncomputed == {(1, 1)}
