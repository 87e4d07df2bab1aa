"""The .xlsx reader's edges, each from hand-written parts: the exact refusal (Chinese and English) of
every unreadable input, the limits at their boundary, and the cell kinds and merges the other tests do
not reach. Expected values are what the XML says (ECMA-376) or what the README states."""

from __future__ import annotations

import io
import zipfile

import pytest
from helpers import MAIN, PKG, REL, _book

from xladdin.io import xlsx
from xladdin.io.grid import ReadError
from xladdin.io.xlsx import DEFAULT_LIMITS, Limits, read_grid

MiB = 1024 * 1024


def refused(path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    with pytest.raises(ReadError) as err:
        read_grid(path, limits)
    return err.value.zh, err.value.en


def one_sheet(tmp_path, body: str, strings=None, name="book.xlsx"):
    return _book(tmp_path, [("附表1", None, body)], strings, name=name)


def cells(*xml: str) -> str:
    return f'<sheetData><row r="1">{"".join(xml)}</row></sheetData>'


def test_default_limits_are_the_readmes():
    # README: 50 MB file, 200 MB unpacked, 200:1, 500 sheets, 20,000 rows, 26 columns, 2,000,000 cells,
    # 32,767 characters per cell
    assert Limits(50 * MiB, 200 * MiB, 200, 500, 20_000, 26, 2_000_000, 32_767) == DEFAULT_LIMITS
    assert Limits() == DEFAULT_LIMITS


@pytest.mark.parametrize(("letters", "n"), [("A", 1), ("Z", 26), ("AA", 27), ("AZ", 52), ("XFD", 16384)])
def test_column_numbers(letters, n):
    assert xlsx._col_number(letters) == n


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head", [b'<?xml version="1.0"?><!DOCTYPE x>', b'<x><!ENTITY e "y"></x>'], ids=["dtd", "entity"]
)
def test_check_xml_refuses_a_dtd_or_an_entity(head):
    with pytest.raises(ReadError) as err:
        xlsx._check_xml(head, "xl/sharedStrings.xml")
    assert err.value.zh == "文件中的 xl/sharedStrings.xml 含有 DTD/实体定义，出于安全考虑不予读取"
    assert err.value.en == "xl/sharedStrings.xml contains a DTD or entity declarations; refused"
    xlsx._check_xml(b'<?xml version="1.0"?><x>DOCTYPE ENTITY</x>', "p")  # the words alone are fine


def test_missing_file(tmp_path):
    path = tmp_path / "none.xlsx"
    assert refused(path) == (
        f"无法打开文件：{path}（文件或文件夹不存在）",
        "cannot open file: No such file or directory",
    )


def test_a_folder(tmp_path):
    assert refused(tmp_path) == (f"「{tmp_path}」是文件夹，不是工作簿", "a folder, not a workbook")


def test_file_size_limit(tmp_path):
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (3 * MiB + 10))
    assert refused(big, Limits(file_bytes=2 * MiB)) == ("文件过大（3 MB，上限 2 MB）", "file too large")
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    size = path.stat().st_size
    assert read_grid(path, Limits(file_bytes=size)).sheet("附表1").value(1, 1) == 1  # exactly the limit
    assert refused(path, Limits(file_bytes=size - 1))[1] == "file too large"


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"hello world, plain text")
    assert refused(path) == ("不是 Excel 工作簿（.xlsx/.xlsm）", "not an .xlsx/.xlsm workbook")
    path.write_bytes(b"PK\x03\x04 but nothing else of a zip")
    assert refused(path) == ("文件已损坏或不完整（zip 结构无法读取）", "damaged or truncated zip")


def test_an_ole_file(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512)
    assert refused(path) == (
        "这是 Word 97-2003 文档（.doc），不是 Excel 工作簿；请把表格放进模板，或用 xladdin import 导入",
        "a Word .doc document, not a workbook",
    )


def test_a_foreign_zip(tmp_path):
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    assert refused(path) == (
        "这是 Word 文档（.docx），不是 Excel 工作簿；请把表格放进模板，或用 xladdin import 导入",
        "a Word .docx document, not a workbook",
    )


def _with_part(tmp_path, part: str, data: bytes, compress=zipfile.ZIP_DEFLATED, name="p.xlsx"):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'), name=name)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(part, data, compress_type=compress)
    return path


def test_zip_bomb_ratio(tmp_path):
    bomb = _with_part(tmp_path, "xl/media/zeros.bin", b"\0" * (2 * MiB), name="bomb.xlsx")
    assert refused(bomb) == (
        "文件中的 xl/media/zeros.bin 压缩比异常（疑似 zip 炸弹），不予读取",
        "suspicious compression ratio (zip bomb)",
    )
    assert read_grid(bomb, Limits(ratio=10**6)).sheet("附表1").value(1, 1) == 1
    # a part of exactly 1 MiB may compress as well as it likes
    ok = _with_part(tmp_path, "xl/media/zeros.bin", b"\0" * MiB, name="ok.xlsx")
    assert read_grid(ok).sheet("附表1").value(1, 1) == 1


def test_zip_bomb_ratio_boundary(tmp_path):
    path = _with_part(tmp_path, "xl/media/zeros.bin", b"\0" * (2 * MiB), name="bomb.xlsx")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/media/zeros.bin")
    ratio = info.file_size / info.compress_size
    assert read_grid(path, Limits(ratio=int(ratio) + 1)).sheets
    assert refused(path, Limits(ratio=int(ratio)))[1] == "suspicious compression ratio (zip bomb)"


def test_unpacked_size_limit(tmp_path):
    path = _with_part(tmp_path, "xl/media/blob.bin", b"\0" * (2 * MiB), compress=zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as zf:
        total = sum(i.file_size for i in zf.infolist())
    assert read_grid(path, Limits(unpacked_bytes=total)).sheets  # exactly the limit
    assert refused(path, Limits(unpacked_bytes=total - 1)) == (
        "文件解压后过大（2 MB），不予读取",
        "unpacked size too large",
    )


def _rewrite(path, part: str, data: bytes):
    """A copy of the zip at ``path`` with ``part`` replaced (or removed when data is None)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info, src.read(info))
        if data is not None:
            dst.writestr(part, data)
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
def test_missing_part(tmp_path, part):
    path = _rewrite(one_sheet(tmp_path, "<sheetData/>"), part, None)
    assert refused(path) == (f"工作簿缺少部件 {part}", f"missing part {part}")


@pytest.mark.parametrize(
    ("part", "short"), [("xl/workbook.xml", "workbook.xml"), ("xl/_rels/workbook.xml.rels", "workbook.xml.rels")]
)
def test_unparsable_part(tmp_path, part, short):
    path = _rewrite(one_sheet(tmp_path, "<sheetData/>"), part, b"<not xml")
    assert refused(path) == (f"工作簿部件 {short} 无法解析", f"cannot parse {short}")


def _corrupt(path, part: str):
    """Flip bytes inside ``part``'s compressed data: its CRC (or inflate) fails on reading."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(part)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 2, start + min(info.compress_size, 40) - 2):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_damaged_part(tmp_path, part):
    body = cells(*(f'<c r="{c}1"><v>{n}</v></c>' for n, c in enumerate("ABCDEFGHIJ")))
    path = _corrupt(one_sheet(tmp_path, body * 3), part)
    assert refused(path) == ("文件已损坏或不完整（无法解压）", "damaged or truncated zip")


def test_unparsable_shared_strings(tmp_path):
    path = one_sheet(tmp_path, "<sheetData/>", "<si><t>x</t>")  # not closed
    assert refused(path) == ("共享字符串表无法解析", "cannot parse sharedStrings.xml")


def test_unparsable_sheet(tmp_path):
    path = one_sheet(tmp_path, '<sheetData><row r="1"><c r="A1"><v>1</v></row>')
    assert refused(path) == ("工作表「附表1」的内容无法解析（文件可能已损坏）", "cannot parse sheet 附表1")


def test_no_worksheets(tmp_path):
    assert refused(_book(tmp_path, [])) == ("工作簿中没有工作表", "the workbook has no worksheets")


def test_too_many_sheets_english(tmp_path):
    two = [("甲", None, "<sheetData/>"), ("乙", None, "<sheetData/>")]
    assert refused(_book(tmp_path, two), Limits(sheets=1)) == ("工作表过多（2 个）", "too many sheets")


def test_too_many_cells_english(tmp_path):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>', '<c r="B1"><v>2</v></c>'))
    assert refused(path, Limits(cells=1)) == ("单元格数量超出上限，不予读取", "too many cells")


# --- workbook structure -----------------------------------------------------------------------------


def _workbook(tmp_path, sheets_xml: str, rels_xml: str, parts: dict[str, str], name="wb.xlsx"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(
            "xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sheets_xml}</sheets></workbook>'
        )
        zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels_xml}</Relationships>')
        for part, body in parts.items():
            zf.writestr(part, f'<worksheet xmlns="{MAIN}">{body}</worksheet>')
    return path


def test_sheet_targets_states_and_skips(tmp_path):
    body = cells('<c r="A1"><v>7</v></c>')
    sheets = (
        '<sheet name="绝对" sheetId="1" r:id="r1"/>'
        '<sheet name="相对" sheetId="2" r:id="r2" state="veryHidden"/>'
        '<sheet name="无关系" sheetId="3" r:id="r9"/>'  # no such relationship
        '<sheet name="无 id" sheetId="4"/>'
        '<sheet name="图表" sheetId="5" r:id="r5"/>'  # a chart sheet: its part is no worksheet here
        '<sheet sheetId="6" r:id="r6"/>'  # no name
        '<sheet name="空目标" sheetId="7" r:id="r7"/>'
    )
    rels = (
        '<Relationship Id="r1" Type="x" Target="/xl/worksheets/a.xml"/>'
        '<Relationship Id="r2" Type="x" Target="sub/../worksheets/b.xml"/>'
        '<Relationship Id="r5" Type="x" Target="chartsheets/sheet1.xml"/>'
        '<Relationship Id="r6" Type="x" Target="worksheets/c.xml"/>'
        '<Relationship Id="r7" Type="x"/>'
    )
    parts = {"xl/worksheets/a.xml": body, "xl/worksheets/b.xml": body, "xl/worksheets/c.xml": body}
    book = read_grid(_workbook(tmp_path, sheets, rels, parts))
    assert [(s.name, s.hidden, s.value(1, 1)) for s in book.sheets] == [
        ("绝对", False, 7),
        ("相对", True, 7),
        ("", False, 7),
    ]
    assert book.path == str(tmp_path / "wb.xlsx")


def test_read_grid_takes_a_string_path(tmp_path):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    book = read_grid(str(path))
    assert book.path == str(path) and book.sheet("附表1").value(1, 1) == 1


# --- shared strings and cells -----------------------------------------------------------------------


def test_shared_strings_escapes_empty_runs_and_length(tmp_path):
    strings = "<si><t>a_x000A_b</t></si><si><t/></si><si><r><t>长</t></r><r><t>文本内容</t></r></si>"
    body = cells('<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>', '<c r="C1" t="s"><v>2</v></c>')
    sheet = read_grid(one_sheet(tmp_path, body, strings), Limits(cell_chars=3)).sheet("附表1")
    assert [sheet.value(1, c) for c in (1, 2, 3)] == ["a\nb", "", "长文本"]  # <t/> is an empty string
    assert xlsx._shared_strings(zipfile.ZipFile(one_sheet(tmp_path, body, strings, name="s.xlsx")), DEFAULT_LIMITS) == [
        "a\nb",
        "",
        "长文本内容",
    ]


def test_shared_strings_are_cut_to_the_cell_limit(tmp_path):
    strings = "<si><t>一二三四</t></si><si><t>一二三</t></si>"
    with zipfile.ZipFile(one_sheet(tmp_path, "<sheetData/>", strings)) as zf:
        assert xlsx._shared_strings(zf, Limits(cell_chars=3)) == ["一二三", "一二三"]


def test_no_shared_strings_part(tmp_path):
    with zipfile.ZipFile(one_sheet(tmp_path, "<sheetData/>")) as zf:
        assert xlsx._shared_strings(zf, DEFAULT_LIMITS) == []


def test_more_cell_kinds(tmp_path):
    body = (
        "<sheetData>"
        '<row r="1">'
        '<c r="A1" t="s"/>'  # a shared string without its index
        '<c r="B1" t="s"><v>-1</v></c>'
        '<c r="C1" t="inlineStr"/>'  # no <is>
        '<c r="D1" t="inlineStr"><is><t>x_x005F_x000D_</t><t/></is></c>'
        '<c r="E1" t="b"><v> 1 </v></c>'
        '<c r="F1" t="b"/>'
        '<c r="G1" t="e"/>'
        '<c r="H1" t="str"><v>plain</v></c>'
        '<c r="I1"><v>0</v></c>'
        "</row>"
        '<row r="2">'
        '<c r="A2"><v>nan</v></c>'
        '<c r="B2"><v>-inf</v></c>'
        '<c r="C2"><v>9007199254740991</v></c>'
        '<c r="D2"><v>9007199254740992</v></c>'
        '<c r="E2"><v>-9007199254740992</v></c>'
        '<c r="F2"><v>-9007199254740991</v></c>'
        '<c r="G2"><v>1E3</v></c>'
        "</row>"
        "</sheetData>"
    )
    sheet = read_grid(one_sheet(tmp_path, body, "<si><t>甲</t></si>")).sheet("附表1")
    row1 = [sheet.value(1, c) for c in range(1, 10)]
    assert row1 == [None, None, None, "x_x000D_", True, None, None, "plain", 0]
    assert type(row1[4]) is bool  # TRUE, not the number 1 (True == 1 in Python)
    assert (1, 9) in {(r, c) for r, c in [(1, 9)] if sheet.value(r, c) == 0 and type(sheet.value(r, c)) is int}
    row2 = [sheet.value(2, c) for c in range(1, 8)]
    assert row2 == [
        "#NUM!",
        "#NUM!",
        9007199254740991,
        9007199254740992.0,
        -9007199254740992.0,
        -9007199254740991,
        1000,
    ]
    assert [type(v) for v in row2[2:]] == [int, float, float, int, int]


def test_long_values_of_each_kind_are_cut(tmp_path):
    body = cells(
        '<c r="A1" t="str"><v>abcdef</v></c>',
        '<c r="B1" t="e"><v>#VALUE!</v></c>',
        '<c r="C1"><v>not-a-number</v></c>',
        '<c r="D1" t="str"><v>abcd</v></c>',
    )
    sheet = read_grid(one_sheet(tmp_path, body), Limits(cell_chars=4)).sheet("附表1")
    assert [sheet.value(1, c) for c in range(1, 5)] == ["abcd", "#VAL", "not-", "abcd"]


def test_formulas_and_pending_results(tmp_path):
    body = cells(
        '<c r="A1"><v>2</v></c>',
        '<c r="B1"><f>A1*3</f><v/></c>',  # an empty saved result: computed
        '<c r="C1"><f>  A1+1 </f><v>3</v></c>',
        '<c r="D1"><f>   </f><v>5</v></c>',  # a blank formula is none
        '<c r="E1"><f t="shared" si="0"/><v>8</v></c>',
        '<c r="F1" t="str"><f>"x"&amp;"y"</f></c>',
    )
    sheet = read_grid(one_sheet(tmp_path, body)).sheet("附表1")
    assert sheet.formulas == {(1, 2): "=A1*3", (1, 3): "=A1+1", (1, 6): '="x"&"y"'}
    assert [sheet.value(1, c) for c in range(1, 7)] == [2, 6, 3, 5, 8, "xy"]


def test_cells_past_the_limits_mark_truncation_only_with_content(tmp_path):
    for i, cell in enumerate(
        ['<c r="AA1"><v>1</v></c>', '<c r="AA1"><f>1+1</f></c>', '<c r="AA1" t="inlineStr"><is><t>x</t></is></c>']
    ):
        sheet = read_grid(one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>', cell), name=f"t{i}.xlsx")).sheet("附表1")
        assert sheet.truncated, cell
        assert sheet.value(1, 27) is None and sheet.formulas == {}
    empty = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>', '<c r="AA1" s="3"/>'), name="e.xlsx")
    assert not read_grid(empty).sheet("附表1").truncated
    rows = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3" s="1"/></row></sheetData>'
    assert not read_grid(one_sheet(tmp_path, rows, name="r.xlsx"), Limits(rows=2)).sheet("附表1").truncated


def test_rows_and_columns_without_references(tmp_path):
    body = (
        "<sheetData>"
        '<row r="4"><c r="C4"><v>43</v></c><c><v>44</v></c></row>'  # after C4: D4
        "<row><c><v>51</v></c></row>"  # row 5, from column A
        '<row r="7"><c r="a7"><v>71</v></c><c r="B7:C7"><v>72</v></c><c r="AAAA7"><v>73</v></c></row>'
        '<row r="8"><c r="B8"><v>82</v></c><c r="A0"><v>0</v></c></row>'  # row 0 is no place
        '<row r="0"><c><v>0</v></c></row>'
        "</sheetData>"
    )
    sheet = read_grid(one_sheet(tmp_path, body)).sheet("附表1")
    assert (sheet.value(4, 3), sheet.value(4, 4), sheet.value(5, 1)) == (43, 44, 51)
    # references that are none (lower case, a range, four letters) count as the next cell
    assert [sheet.value(7, c) for c in (1, 2, 3)] == [71, 72, 73]
    assert sheet.rows[7] == [None, 82] and len(sheet.rows) == 8


# --- merges -----------------------------------------------------------------------------------------


def test_merge_clipping_and_refusals():
    from xladdin.io.grid import SheetGrid

    grid = SheetGrid("s")
    limits = Limits(rows=100, cols=26)
    for ref in [
        "B10:B12",
        "A1",
        "foo",
        "A1:zz",
        "B2:A1",
        "A2:A1",
        "A99:A200",
        "A101:A105",
        "AA1:AB2",
        "Z1:AB1",
        "",
        "C3:D3",
    ]:
        xlsx._merge(grid, ref, limits)
    assert grid.merges == [(10, 2, 12, 2), (99, 1, 100, 1), (3, 3, 3, 4)]


def test_at_most_ten_thousand_merges():
    from xladdin.io.grid import SheetGrid

    grid = SheetGrid("s")
    for r in range(1, 10_003):
        xlsx._merge(grid, f"A{r}:B{r}", DEFAULT_LIMITS)
    assert len(grid.merges) == 10_000 and grid.merges[-1] == (10_000, 1, 10_000, 2)


# --- unescape ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a_x000D_b", "a\rb"),
        ("_x005F_x000D_", "_x000D_"),
        ("caf_x00e9_", "café"),
        ("_x12_ and _xZZZZ_", "_x12_ and _xZZZZ_"),
        ("no escapes", "no escapes"),
        ("", ""),
    ],
)
def test_unescape(text, plain):
    assert xlsx.unescape(text) == plain


def test_damage_past_the_first_block_of_a_sheet(tmp_path):
    body = (
        "<sheetData>"
        + "".join(f'<row r="{r}"><c r="A{r}"><v>{r * 7919 % 10007}</v></c></row>' for r in range(1, 800))
        + "</sheetData>"
    )
    path = one_sheet(tmp_path, body)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    end = start + info.compress_size
    for i in range(end - 12, end - 4):  # the head (4096 bytes) inflates; the rest does not
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    assert refused(path) == ("文件已损坏或不完整（无法解压）", "damaged or truncated zip")


def test_a_file_that_cannot_be_opened(tmp_path, monkeypatch):
    import pathlib

    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    real_open = pathlib.Path.open

    def denied(self, *a, **k):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)

    monkeypatch.setattr(pathlib.Path, "open", denied)
    assert refused(path) == (f"无法打开文件：{path}（没有访问权限）", "cannot open file: Permission denied")


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_a_dtd_in_any_part_is_refused_by_name(tmp_path, part):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'), "<si><t>x</t></si>")
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(part)
    _rewrite(path, part, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "y">]>' + xml)
    assert refused(path) == (
        f"文件中的 {part} 含有 DTD/实体定义，出于安全考虑不予读取",
        f"{part} contains a DTD or entity declarations; refused",
    )


def test_a_merge_cell_without_a_reference_is_no_merge(tmp_path):
    body = cells('<c r="A1"><v>1</v></c>') + '<mergeCells count="2"><mergeCell/><mergeCell ref="A2:B2"/></mergeCells>'
    sheet = read_grid(one_sheet(tmp_path, body)).sheet("附表1")
    assert sheet.merges == [(2, 1, 2, 2)] and sheet.value(1, 1) == 1


# --- a DTD hidden behind a long comment ----------------------------------------------------------
# The first check looks at a part's first 4 KB; a DTD may come later, after a long comment. It is
# refused all the same, with the same message, and its entity never expands.
PADDED_DTD = '<?xml version="1.0"?><!--' + " " * 5000 + '--><!DOCTYPE x [<!ENTITY e "BOOM">]>'


def test_a_dtd_behind_a_long_comment_is_refused_in_a_sheet(tmp_path):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        f'{PADDED_DTD}<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>a&e;b</t></is></c></row></sheetData></worksheet>'.encode(),
    )
    assert refused(path) == (
        "文件中的 附表1 含有 DTD/实体定义，出于安全考虑不予读取",
        "附表1 contains a DTD or entity declarations; refused",
    )


def test_a_dtd_behind_a_long_comment_is_refused_in_shared_strings(tmp_path):
    path = one_sheet(tmp_path, cells('<c r="A1" t="s"><v>0</v></c>'), "<si><t>甲</t></si>")
    _rewrite(path, "xl/sharedStrings.xml", f'{PADDED_DTD}<sst xmlns="{MAIN}"><si><t>a&e;b</t></si></sst>'.encode())
    assert refused(path) == (
        "文件中的 xl/sharedStrings.xml 含有 DTD/实体定义，出于安全考虑不予读取",
        "xl/sharedStrings.xml contains a DTD or entity declarations; refused",
    )


def test_a_row_without_its_number_is_the_next_row(tmp_path):
    # ECMA-376: r is optional; a row without it follows the previous one (here: the first, row 1)
    path = one_sheet(tmp_path, "<sheetData><row><c><v>7</v></c></row><row><c><v>8</v></c></row></sheetData>")
    sheet = read_grid(path).sheet("附表1")
    assert [sheet.value(1, 1), sheet.value(2, 1), sheet.value(3, 1)] == [7, 8, None]


# The workbook part and its relationships are parsed whole (defusedxml): a DTD behind a long comment
# there, declaring an external entity (or nothing), is refused as a DTD, not reported as unparsable.
EXTERNAL_DTD = '<?xml version="1.0"?><!--' + " " * 5000 + '--><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
BARE_DTD = '<?xml version="1.0"?><!--' + " " * 5000 + "--><!DOCTYPE x>"


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
@pytest.mark.parametrize("dtd", [EXTERNAL_DTD, BARE_DTD], ids=["external-entity", "bare"])
def test_a_dtd_behind_a_long_comment_is_refused_in_the_workbook_parts(tmp_path, part, dtd):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(part)
    _rewrite(path, part, dtd.encode() + xml.split(b"?>", 1)[-1])  # after our own declaration
    name = part.rpartition("/")[2]
    assert refused(path) == (
        f"文件中的 {name} 含有 DTD/实体定义，出于安全考虑不予读取",
        f"{name} contains a DTD or entity declarations; refused",
    )


def test_an_external_entity_in_an_attribute_behind_a_long_comment_is_refused_as_a_dtd(tmp_path):
    # lxml stops at the attribute (a syntax error) before any element is read: still the DTD message
    path = one_sheet(tmp_path, cells('<c r="A1" t="s"><v>0</v></c>'), "<si><t>甲</t></si>")
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/workbook.xml").split(b"?>", 1)[-1]
    _rewrite(path, "xl/workbook.xml", EXTERNAL_DTD.encode() + xml.replace(b"<workbook", b'<workbook x="&e;"', 1))
    assert refused(path) == (
        "文件中的 workbook.xml 含有 DTD/实体定义，出于安全考虑不予读取",
        "workbook.xml contains a DTD or entity declarations; refused",
    )
    path = one_sheet(tmp_path, cells('<c r="A1" t="s"><v>0</v></c>'), "<si><t>甲</t></si>", name="again.xlsx")
    _rewrite(
        path, "xl/sharedStrings.xml", f'{EXTERNAL_DTD}<sst xmlns="{MAIN}" count="&e;"><si><t>a</t></si></sst>'.encode()
    )
    assert refused(path) == (
        "文件中的 xl/sharedStrings.xml 含有 DTD/实体定义，出于安全考虑不予读取",
        "xl/sharedStrings.xml contains a DTD or entity declarations; refused",
    )


def test_an_external_entity_in_a_sheet_attribute_behind_a_long_comment_is_refused_as_a_dtd(tmp_path):
    # a sheet is read as a stream: lxml stops at the attribute before the first row; it was 「无法解析」
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        f'{EXTERNAL_DTD}<worksheet xmlns="{MAIN}" x="&e;"><sheetData><row r="1">'
        '<c r="A1"><v>1</v></c></row></sheetData></worksheet>'.encode(),
    )
    assert refused(path) == (
        "文件中的 附表1 含有 DTD/实体定义，出于安全考虑不予读取",
        "附表1 contains a DTD or entity declarations; refused",
    )
    # a sheet damaged without any DTD is still reported as unparsable
    _rewrite(path, "xl/worksheets/sheet1.xml", f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"></sheetData>'.encode())
    assert refused(path) == ("工作表「附表1」的内容无法解析（文件可能已损坏）", "cannot parse sheet 附表1")


# Numbers in the XML of more digits than int() takes (4,300): past every limit, never ValueError.
def test_numbers_of_thousands_of_digits_stand_past_every_limit(tmp_path):
    huge = "9" * 5000
    row = f'<row r="{huge}"><c r="A{huge}"><v>1</v></c></row>'
    body = f'<sheetData>{row}<row r="1"><c r="A1"><v>2</v></c></row></sheetData>'
    sheet = read_grid(one_sheet(tmp_path, body)).sheet("附表1")
    assert sheet.value(1, 1) == 2 and sheet.truncated and sheet.cut_row > DEFAULT_LIMITS.rows
    from xladdin.io.grid import SheetGrid

    grid = SheetGrid("s")
    xlsx._merge(grid, f"A1:B{huge}", DEFAULT_LIMITS)
    assert grid.merges == [(1, 1, DEFAULT_LIMITS.rows, 2)]


def test_a_shared_string_index_of_thousands_of_digits_is_out_of_range(tmp_path):
    path = one_sheet(
        tmp_path, cells(f'<c r="A1" t="s"><v>{"9" * 5000}</v></c><c r="B1" t="s"><v>0</v></c>'), "<si><t>甲</t></si>"
    )
    sheet = read_grid(path).sheet("附表1")
    assert sheet.value(1, 1) is None and sheet.value(1, 2) == "甲"


def test_zip_entries_with_a_zip_password_are_refused_before_they_are_read(tmp_path):
    """zipfile raises RuntimeError (not BadZipFile) on reading such an entry: it was 「意外问题」."""
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    zh, en = refused(path)
    assert "zip 密码" in zh and en == "encrypted zip entries"


# A sheet part is parsed whole and walked when small (faster), streamed when large (memory): the two
# give the same cells, merges, formulas, limits and refusals.
WHOLE_OR_STREAM = {
    "kinds": cells(
        '<c r="A1" t="s"><v>0</v></c>',
        '<c r="B1" t="inlineStr"><is><t>x_x005F_x000D_</t><t/></is></c>',
        '<c r="C1" t="b"><v> 1 </v></c>',
        '<c r="D1" t="e"><v>#N/A</v></c>',
        '<c r="E1"><v>nan</v></c>',
        '<c r="F1"><v>9007199254740992</v></c>',
        '<c r="G1"><f>A1*3</f><v/></c>',
        '<c r="H1" t="str"><f>"x"&amp;"y"</f></c>',
        '<c r="AA1"><v>1</v></c>',
    ),
    "references": (
        "<sheetData>"
        '<row r="4"><c r="C4"><v>43</v></c><c><v>44</v></c></row>'
        "<row><c><v>51</v></c></row>"
        '<row r="7"><c r="a7"><v>71</v></c><c r="B7:C7"><v>72</v></c><c r="AAAA7"><v>73</v></c></row>'
        '<row r="8"><c r="B8"><v>82</v></c><c r="A0"><v>0</v></c></row>'
        '<row r="0"><c><v>0</v></c></row>'
        '<row r="30"><c r="A30"><v>1</v></c></row>'
        "</sheetData>"
        '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="C4:D40"/><mergeCell/></mergeCells>'
    ),
    "nested": cells('<c r="A1"><v>1</v><c r="B1"><v>2</v></c></c>', "<c><v>3</v></c>"),
}


@pytest.mark.parametrize("body", WHOLE_OR_STREAM.values(), ids=WHOLE_OR_STREAM.keys())
def test_a_sheet_read_whole_or_as_a_stream_gives_the_same_grid(tmp_path, monkeypatch, body):
    path = one_sheet(tmp_path, body, "<si><t>甲</t></si>")
    ways: list[bool] = []
    events = xlsx._sheet_events
    monkeypatch.setattr(xlsx, "_sheet_events", lambda s, t, whole: ways.append(whole) or events(s, t, whole))
    whole = read_grid(path, Limits(rows=20)).sheet("附表1")
    monkeypatch.setattr(xlsx, "WHOLE_PART", 0)
    stream = read_grid(path, Limits(rows=20)).sheet("附表1")
    assert ways == [True, False]
    assert whole.rows and whole == stream  # values, formulas, merges, truncation (every compared field)


@pytest.mark.parametrize(
    "xml",
    [
        f'{PADDED_DTD}<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>a&e;b</t></is></c></row></sheetData></worksheet>',
        f'{EXTERNAL_DTD}<worksheet xmlns="{MAIN}" x="&e;"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        "</sheetData></worksheet>",
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"></sheetData>',
    ],
    ids=["dtd-behind-a-comment", "external-entity-in-an-attribute", "damaged"],
)
def test_a_sheet_read_whole_or_as_a_stream_is_refused_alike(tmp_path, monkeypatch, xml):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    _rewrite(path, "xl/worksheets/sheet1.xml", xml.encode())
    whole = refused(path)
    monkeypatch.setattr(xlsx, "WHOLE_PART", 0)
    assert refused(path) == whole
    assert whole[1] in ("附表1 contains a DTD or entity declarations; refused", "cannot parse sheet 附表1")


# A plain sheet part (each cell with its reference first, nothing but <f> and <v> in a cell) is read by
# patterns instead of a tree (speed): the grid is the one the general reader gives, and any part the
# patterns do not take exactly is left to the general reader.
PLAIN_OR_NOT = {
    "plain-kinds": (
        True,
        cells(
            '<c r="A1" s="3" t="s"><v>0</v></c>',
            '<c r="B1" t="s"><v> 0 </v></c>',
            '<c r="C1" t="b"><v> 1 </v></c>',
            '<c r="D1" t="e"><v>#N/A</v></c>',
            '<c r="E1"><v>nan</v></c>',
            '<c r="F1"><v>9007199254740992</v></c>',
            '<c r="G1"><f>A1*3</f><v/></c>',
            '<c r="H1" t="str"><f>"x"&amp;"y"</f></c>',
            '<c r="I1" t="str"><v>a&lt;b&#10;c&#x4E2D;_x000D_</v></c>',
            '<c r="J1" t="str"><v>one\r\ntwo\rthree</v></c>',
            '<c r="K1" s="1"/>',
            '<c r="L1"></c>',
            '<c r="M1"><v></v></c>',
            '<c r="N1" t="s"><v>7</v></c>',
            '<c r="O1" cm="1" t="str"><f t="shared" ref="O1:O2" si="0">A1</f><v>x</v></c>',
            '<c r="P1"><f t="shared" si="0"/><v>2</v></c>',
            '<c r="AA1"><v>1</v></c>',
            '<c r="A30"><v>1</v></c>',
            '<c r="B0"><v>1</v></c>',
        )
        + '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C4:D40"></mergeCell></mergeCells>',
    ),
    "strings-beyond-the-table": (
        True,
        cells('<c r="A1" t="s"><v>12345678901</v></c>', '<c r="B1" t="s"><v>-1</v></c>'),
    ),
    "reference-not-first": (False, cells('<c s="1" r="A1"><v>1</v></c>')),
    "no-reference": (False, cells('<c r="A1"><v>1</v></c><c><v>2</v></c>')),
    "lower-case-reference": (False, cells('<c r="a1"><v>1</v></c>')),
    "inline-string": (False, cells('<c r="A1" t="inlineStr"><is><t>x</t></is></c>')),
    "comment": (False, cells('<c r="A1"><v>1</v><!-- x --></c>')),
    "cdata": (False, cells('<c r="A1" t="str"><v><![CDATA[a<b]]></v></c>')),
    "value-before-formula": (False, cells('<c r="A1"><v>1</v><f>2</f></c>')),
    "entity-in-a-reference": (False, cells('<c r="A&#49;"><v>1</v></c>')),
    "another-default-namespace": (
        False,
        '<sheetData xmlns="urn:x"><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
    ),
    "a-prefix-for-the-main-namespace": (
        False,
        f'<sheetData xmlns:m="{MAIN}"><m:row r="1"><m:c r="A1"><m:v>1</m:v></m:c></m:row></sheetData>',
    ),
    "merge-without-ref": (False, cells('<c r="A1"><v>1</v></c>') + "<mergeCells><mergeCell/></mergeCells>"),
    "nested": (False, cells('<c r="A1"><v>1</v><c r="B1"><v>2</v></c></c>')),
}


@pytest.mark.parametrize(("plain", "body"), PLAIN_OR_NOT.values(), ids=PLAIN_OR_NOT.keys())
def test_a_plain_sheet_part_is_read_as_the_general_reader_reads_it(tmp_path, monkeypatch, plain, body):
    path = one_sheet(tmp_path, body, "".join(f"<si><t>{c}</t></si>" for c in "甲乙丙丁戊己庚辛"))
    taken: list[bool] = []
    read_plain = xlsx._read_plain
    monkeypatch.setattr(xlsx, "_read_plain", lambda *a: taken.append(r := read_plain(*a)) or r)
    fast = read_grid(path, Limits(rows=20, cols=26)).sheet("附表1")
    monkeypatch.setattr(xlsx, "_read_plain", lambda *a: None)
    general = read_grid(path, Limits(rows=20, cols=26)).sheet("附表1")
    assert [r is not None for r in taken] == [plain]
    assert fast == general  # values, formulas, merges, truncation (every compared field)


def test_a_plain_part_that_is_not_well_formed_is_refused_as_before(tmp_path):
    path = one_sheet(tmp_path, cells('<c r="A1"><v>1</v></c>'))
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>'.encode(),
    )
    assert refused(path) == ("工作表「附表1」的内容无法解析（文件可能已损坏）", "cannot parse sheet 附表1")


def test_the_plain_reader_counts_every_cell_against_the_limit(tmp_path):
    path = one_sheet(tmp_path, cells(*(f'<c r="{c}1"/>' for c in "ABC")))
    assert refused(path, Limits(cells=2)) == ("单元格数量超出上限，不予读取", "too many cells")
    assert read_grid(path, Limits(cells=3)).sheet("附表1").rows == []


PLAIN_STRINGS = {
    "plain": (
        True,
        '<si><t>甲</t></si><si><t xml:space="preserve"> a&amp;b\r\n_x000D_ </t></si><si><t/></si><si><t></t></si>',
    ),
    "rich-text": (False, "<si><t>甲</t></si><si><r><t>乙</t></r><r><rPr><b/></rPr><t>丙</t></r></si>"),
    "phonetic": (False, "<si><t>甲</t><rPh sb='0' eb='1'><t>jia</t></rPh></si>"),
    "comment": (False, "<si><t>甲</t><!-- x --></si>"),
}


@pytest.mark.parametrize(("plain", "strings"), PLAIN_STRINGS.values(), ids=PLAIN_STRINGS.keys())
def test_plain_shared_strings_are_read_as_the_general_reader_reads_them(tmp_path, monkeypatch, plain, strings):
    body = cells(*(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCD")))
    path = one_sheet(tmp_path, body, strings)
    taken: list[bool] = []
    read_plain = xlsx._plain_strings
    monkeypatch.setattr(xlsx, "_plain_strings", lambda *a: taken.append(r := read_plain(*a)) or r)
    fast = read_grid(path).sheet("附表1")
    monkeypatch.setattr(xlsx, "_plain_strings", lambda *a: None)
    general = read_grid(path).sheet("附表1")
    assert [r is not None for r in taken] == [plain]
    assert fast == general and fast.rows
