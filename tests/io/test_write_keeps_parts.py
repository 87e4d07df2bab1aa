"""Writes keep what they do not understand: rollover, suggest --write and validate --fix change the
worksheet parts whose cells they change (and the workbook's lists when they add a sheet), and leave
every other part of the package byte for byte: the stamp picture, the text box 「已盖章」, comments,
other sheets. Numbers shown as dates stay numbers; a value under a merge stays."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from stamped import DATE_CELLS, KEPT_UNDER_MERGE, TITLE_UNDER_MERGE, build_stamped

from xladdin.cli import main
from xladdin.edits import SetCell
from xladdin.io.openpyxl_writer import edit_file

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
#: Parts a command changing cells may change: the sheets it edits, the workbook (recalculate on
#: opening; a new sheet), its relationships and content types (a new sheet), styles (a fill).
BOOKKEEPING = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
#: What openpyxl used to drop or rewrite: must come out identical.
KEEP = (
    "xl/drawings/drawing1.xml",
    "xl/drawings/_rels/drawing1.xml.rels",
    "xl/media/image1.png",
    "xl/comments1.xml",
    "xl/comments2.xml",
    "xl/drawings/vmlDrawing1.vml",
    "xl/drawings/vmlDrawing2.vml",
    "xl/worksheets/_rels/sheet1.xml.rels",
    "xl/worksheets/_rels/sheet7.xml.rels",
    "xl/sharedStrings.xml",
    "xl/theme/theme1.xml",
    "docProps/core.xml",
    "docProps/app.xml",
    "_rels/.rels",
)


@pytest.fixture(scope="module")
def stamped(tmp_path_factory) -> Path:
    return build_stamped(tmp_path_factory.mktemp("stamped") / "盖章.xlsx")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → its part (from workbook.xml and its relationships)."""
    p = parts(path)
    book = etree.fromstring(p["xl/workbook.xml"])
    rels = etree.fromstring(p["xl/_rels/workbook.xml.rels"])
    target = {r.get("Id"): "xl/" + r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {s.get("name"): target[s.get(rid)] for s in book.iter(f"{MAIN}sheet")}


def cell_xml(path: Path, part: str, ref: str) -> str:
    root = etree.fromstring(parts(path)[part])
    found = root.find(f".//{MAIN}c[@r='{ref}']")
    return "" if found is None else etree.tostring(found, encoding="unicode")


def changed(before: Path, after: Path) -> set[str]:
    a, b = parts(before), parts(after)
    assert set(a) <= set(b), set(a) - set(b)  # nothing dropped
    return {n for n in a if a[n] != b[n]} | (set(b) - set(a))


def assert_kept(before: Path, after: Path, edited_sheets: set[str]) -> None:
    a, b = parts(before), parts(after)
    for name in KEEP:
        assert a[name] == b[name], name
    names = sheet_parts(before)
    allowed = BOOKKEEPING | {names[s] for s in edited_sheets} | (set(b) - set(a))
    assert changed(before, after) <= allowed, changed(before, after) - allowed


def only_results_dropped(before: Path, after: Path, sheet: str) -> bool:
    """Whether ``sheet`` differs only in formulas whose stored result was dropped (to be recalculated:
    its 自查 cell reads the 自查 sheet, which the edit changed), every formula and value kept."""
    part = sheet_parts(before)[sheet]
    a, b = (etree.fromstring(parts(p)[part]) for p in (before, after))
    old = {c.get("r"): c for c in a.iter(f"{MAIN}c")}
    new = {c.get("r"): c for c in b.iter(f"{MAIN}c")}
    if set(old) != set(new):
        return False
    for ref, c in old.items():
        d = new[ref]
        if etree.tostring(c) == etree.tostring(d):
            continue
        f_old, f_new = c.find(f"{MAIN}f"), d.find(f"{MAIN}f")
        if f_old is None or f_new is None or f_old.text != f_new.text or d.find(f"{MAIN}v") is not None:
            return False
    return True


def edited(before: Path, after: Path) -> set[str]:
    """The sheets whose part changed."""
    a, b = parts(before), parts(after)
    return {s for s, part in sheet_parts(before).items() if a[part] != b[part]}


def test_the_fixture_has_what_openpyxl_drops(stamped):
    p = parts(stamped)
    assert b"\xe5\xb7\xb2\xe7\x9b\x96\xe7\xab\xa0" in p["xl/drawings/drawing1.xml"]  # 已盖章, the text box
    assert b"<xdr:pic>" in p["xl/drawings/drawing1.xml"] and p["xl/media/image1.png"].startswith(b"\x89PNG")
    assert b'mergeCell ref="A2:E2"' in p["xl/worksheets/sheet1.xml"]


def test_rollover_keeps_every_part_it_has_no_reason_to_touch(stamped, tmp_path):
    out = tmp_path / "2024.xlsx"
    assert main(["rollover", str(stamped), "--year", "2024", "--out", str(out)]) == 0
    forms = set(sheet_parts(stamped))
    assert_kept(stamped, out, forms)
    sheet1 = sheet_parts(stamped)["附表1"]
    for ref in DATE_CELLS:  # numbers shown as dates: the same cell, the same number and format
        assert cell_xml(out, sheet1, ref) == cell_xml(stamped, sheet1, ref)
    assert cell_xml(out, sheet1, KEPT_UNDER_MERGE[0]) == cell_xml(stamped, sheet1, KEPT_UNDER_MERGE[0])
    # the merged title's second copy moved on too (openpyxl refused to write under a merge)
    assert "2024年部门整体支出绩效目标表" in cell_xml(out, sheet1, TITLE_UNDER_MERGE[0])
    assert "转年说明" in sheet_parts(out)
    assert main(["validate", str(out), "--json"]) == 1  # still a workbook we read


def test_rollover_clearing_amounts_drops_stale_results_only(stamped, tmp_path):
    out = tmp_path / "2024.xlsx"
    assert main(["rollover", str(stamped), "--year", "2024", "--out", str(out), "--clear-amounts"]) == 0
    assert_kept(stamped, out, set(sheet_parts(stamped)))
    sheet1 = sheet_parts(stamped)["附表1"]
    c5 = cell_xml(out, sheet1, "C5")  # =SUM(C7,C8,C9): its old result is gone, the formula stays
    assert "<f>" in c5 and "<v>" not in c5
    assert b'fullCalcOnLoad="1"' in parts(out)["xl/workbook.xml"]


def test_fix_keeps_every_part_it_has_no_reason_to_touch(stamped, tmp_path):
    book = tmp_path / "b.xlsx"
    shutil.copy(stamped, book)
    main(["validate", str(book), "--fix", "--json"])
    touched = edited(stamped, book)
    assert touched and "附表1" not in touched  # the fixes are on 附表3
    assert_kept(stamped, book, touched)
    assert not (changed(stamped, book) - {sheet_parts(stamped)[s] for s in touched} - {"xl/workbook.xml"})


def test_suggest_write_keeps_every_part_and_the_value_under_a_merge(stamped, tmp_path):
    book = tmp_path / "b.xlsx"
    shutil.copy(stamped, book)
    assert main(["suggest", str(book), "--write"]) == 0
    touched = edited(stamped, book)
    assert touched
    assert_kept(stamped, book, touched)
    sheet1 = sheet_parts(stamped)["附表1"]
    assert parts(book)[sheet1] == parts(stamped)[sheet1]  # the merge's kept value with it
    assert b"patternFill" in parts(book)["xl/styles.xml"]


def test_one_cell_changes_one_sheet_part(stamped, tmp_path):
    book = tmp_path / "b.xlsx"
    shutil.copy(stamped, book)
    edit_file(book, [SetCell("附表1", 4, 2, "新的部门名称\x0b（含竖线制表符）")])
    names = sheet_parts(stamped)
    assert changed(stamped, book) == {names["附表1"], "xl/workbook.xml"}
    assert "新的部门名称（含竖线制表符）" in cell_xml(book, names["附表1"], "B4")
    for ref in DATE_CELLS:
        assert cell_xml(book, names["附表1"], ref) == cell_xml(stamped, names["附表1"], ref)


def test_a_cell_past_the_last_and_a_new_row(stamped, tmp_path):
    import openpyxl

    book = tmp_path / "b.xlsx"
    shutil.copy(stamped, book)
    edit_file(book, [SetCell("附表1", 200, 30, 12.5), SetCell("附表1", 1, 1, None), SetCell("附表1", 3, 8, True)])
    ws = openpyxl.load_workbook(book)["附表1"]
    assert ws.cell(200, 30).value == 12.5 and ws["A1"].value is None and ws["H3"].value is True


def test_new_fund_keeps_every_part_it_has_no_reason_to_touch(stamped, tmp_path):
    book = tmp_path / "b.xlsx"
    shutil.copy(stamped, book)
    assert main(["new-fund", str(book), "--name", "新专项", "--amount", "10"]) == 0
    names = sheet_parts(book)
    forms = [n for n in names if n != "自查"]  # the hidden 自查 sheet stays after the forms
    assert forms[-1] == "附表3-新专项" and names["附表3-新专项"] not in parts(stamped)
    # 附表2 gets its row; 附表1's total reads 附表2, so its stored result is dropped (recalculated);
    # the other forms change only in stored results of formulas (their 自查 cell reads the 自查 sheet)
    touched = edited(stamped, book)
    others = touched - {"附表1", "附表2", "自查"}
    assert {"附表1", "附表2"} <= touched and all(only_results_dropped(stamped, book, s) for s in others), others
    assert_kept(stamped, book, touched)
    sheet1 = names["附表1"]
    for ref in (*DATE_CELLS, KEPT_UNDER_MERGE[0]):
        assert cell_xml(book, sheet1, ref) == cell_xml(stamped, sheet1, ref)
    # the new sheet is a form we read, with the same findings as a sheet openpyxl used to add
    code = main(["validate", str(book), "--json"])
    assert code == 1
    # the 自查 laid out afresh part by part: the new 附表3 has its 自查 cell and is listed on the hidden sheet
    wb = openpyxl.load_workbook(book)
    assert wb["自查"].sheet_state == "hidden"
    listed = [wb["自查"].cell(r, 13).value for r in range(2, len(forms) + 3)]
    assert listed == [*forms, None]
    new = wb["附表3-新专项"]
    assert [c.value for row in new.iter_rows(max_row=8) for c in row if str(c.value or "").startswith("='自查'!")]
    assert str(wb.defined_names["xladdin_f3_key"].attr_text).endswith(f"$B${len(forms) - 1}")


def test_sync_keeps_every_part_it_has_no_reason_to_touch(stamped, tmp_path):
    book = tmp_path / "b.xlsx"
    shutil.copy(stamped, book)
    assert main(["sync", str(book)]) == 0
    touched = edited(stamped, book)
    others = touched - {"附表1", "附表2", "自查"}  # stored results only (their 自查 cell reads 自查)
    assert "附表2" in touched and all(only_results_dropped(stamped, book, s) for s in others), others
    assert_kept(stamped, book, touched)


def test_inserted_rows_move_cells_merges_and_the_print_area(stamped, tmp_path):
    import openpyxl

    from xladdin.edits import InsertRows

    book = tmp_path / "b.xlsx"
    shutil.copy(stamped, book)
    before = openpyxl.load_workbook(stamped)["附表2"]
    edit_file(book, [InsertRows("附表2", 6, 2)])
    after = openpyxl.load_workbook(book)["附表2"]
    assert [c.value for c in after[8]] == [c.value for c in before[6]]
    assert after["A6"].value is None and after["B7"].value is None
    assert [c.value for c in after[5]] == [c.value for c in before[5]]

    def spans(ws) -> set[tuple[int, int, int, int]]:
        return {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}

    expected = {(r1 + 2, c1, r2 + 2, c2) if r1 >= 6 else (r1, c1, r2, c2) for r1, c1, r2, c2 in spans(before)}
    assert spans(after) == expected
    area = after.print_area if isinstance(after.print_area, str) else after.print_area[0]
    old = before.print_area if isinstance(before.print_area, str) else before.print_area[0]
    assert int(area.rsplit("$", 1)[1]) == int(old.rsplit("$", 1)[1]) + 2


def test_sync_lays_a_missing_self_check_out_part_by_part(tmp_path, monkeypatch):
    """A stamped workbook made before the 自查 existed: `sync` adds it (hidden sheet, names, a 自查 cell
    per form) and keeps the picture, the text box and the comments."""
    import functools

    from xladdin.build import template

    monkeypatch.setattr(template, "write_xlsx", functools.partial(template.write_xlsx, selfcheck=False))
    old = build_stamped(tmp_path / "旧.xlsx")
    monkeypatch.undo()
    assert "自查" not in sheet_parts(old)
    book = tmp_path / "b.xlsx"
    shutil.copy(old, book)
    assert main(["sync", str(book)]) == 0
    assert_kept(old, book, set(sheet_parts(old)))
    wb = openpyxl.load_workbook(book)
    assert wb["自查"].sheet_state == "hidden" and "xladdin_on" in wb.defined_names
    forms = [n for n in wb.sheetnames if n.startswith("附表")]
    for name in forms:
        cells = [c.value for row in wb[name].iter_rows(max_row=8) for c in row]
        assert any(str(v or "").startswith("='自查'!$N$") for v in cells), name
        assert any("xladdin_on" in str(r.formula) for cf in wb[name].conditional_formatting for r in cf.rules)
