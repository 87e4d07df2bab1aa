"""``xladdin import`` and the ribbon button 导入旧表.

The seed's forms as a Word document (tests/seed_docx.py, built from the seed's own table text) must
come out as the bundled example: same findings at the same cells (11 errors), same totals
(1326.19 / 1184.26), seven funds; LibreOffice recalculates the result to the same totals. A .doc
(made by LibreOffice from the .docx) imports the same. A foreign workbook's unplaced cells are listed
on 「导入备注」, which validate ignores and export leaves out.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import realforms
import xlwings as xw
from conftest import require_soffice
from helpers import ImportRecorder, payload
from seed_docx import build_seed_docx, grid_to_docx, parse_seed

from xladdin.build.template import build_workbook
from xladdin.cli import main
from xladdin.commands.export import export
from xladdin.commands.importer import _INLINE, _STAMP, NOTES_SHEET, _is_label, _labels, _number, import_file
from xladdin.examples.shifeng2023 import submission
from xladdin.excel.handlers import run
from xladdin.io.docx import read_docx
from xladdin.io.grid import ReadError
from xladdin.io.libreoffice import convert
from xladdin.io.xlsx import read_grid
from xladdin.reader import read_workbook
from xladdin.totals import totals
from xladdin.validate import validate_file


def _keys(path: Path) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.sheet, f.cell, f.message) for f in validate_file(path).findings]


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> Path:
    return build_seed_docx(tmp_path_factory.mktemp("docx") / "石峰区2023绩效目标表.docx")


@pytest.fixture(scope="module")
def imported(seed_docx, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("imported") / "导入.xlsm"
    assert main(["import", str(seed_docx), "--out", str(out)]) == 0
    return out


def test_seed_text_has_one_table_per_form():
    tables = parse_seed()
    assert [t[0][0].strip() for t in tables] == ["附表1", "附表2"] + ["附表3"] * 7


def test_word_merges_are_read_as_spans(seed_docx):
    grid = read_docx(seed_docx)
    assert [s.name for s in grid.sheets] == [f"表格{n}" for n in range(1, 10)]
    form1 = grid.sheets[0]
    # 年度预算申请 over its five rows (vMerge), 部门名称's value over B:E (gridSpan), 产出指标 over four
    assert (5, 1, 9, 1) in form1.merges
    assert (4, 2, 4, 5) in form1.merges
    assert (14, 2, 17, 2) in form1.merges
    assert form1.value(5, 1) == "年度预算申请\n（万元）"
    assert form1.value(6, 1) is None and form1.value(15, 2) is None  # covered cells are empty
    fund = grid.sheets[2]
    assert (4, 3, 5, 3) in fund.merges  # 所属专项 over 名称 and 金额
    assert fund.value(6, 2) == "2023年度"  # the _GoBack bookmark is not text


def test_import_of_the_seed_docx_is_the_example(imported, example_xlsm):
    ours, example = _keys(imported), _keys(example_xlsm)
    assert ours == example
    # the seed's errors: 2 blank 数量指标 values + 1 pasted phrase on each of 3 sheets (one finding per root cause)
    assert sum(1 for k in ours if validate_file(imported).findings[ours.index(k)].severity == "error") == 5
    reading = read_workbook(imported)
    sub = reading.submission
    assert len(sub.form3s) == 7 and len(sub.form2.funds) == 7
    core = totals(sub)
    assert core[("附表1", "C5")] == Decimal("1326.19")
    assert core[("附表1", "E8")] == Decimal("1184.26")
    assert core[("附表2", "C5")] == Decimal("1184.26")
    assert NOTES_SHEET not in sub.sheet_names  # everything was placed
    # the same builder from the same values: the very same file as the example
    assert imported.read_bytes() == example_xlsm.read_bytes()


def test_imported_workbook_keeps_vba_and_ribbon(imported):
    with zipfile.ZipFile(imported) as zf:
        names = set(zf.namelist())
        types = zf.read("[Content_Types].xml")
        rels = zf.read("_rels/.rels")
    assert "xl/vbaProject.bin" in names
    assert "customUI/customUI14.xml" in names and b"customUI14.xml" in rels
    assert b"macroEnabled.main+xml" in types


def test_paragraphs_above_the_tables_give_the_same_workbook(tmp_path, example_xlsm):
    """附表N, the title and 填报单位 as paragraphs above each table, signatures below it."""
    src = build_seed_docx(tmp_path / "paragraphs.docx", header_paragraphs=True)
    grid = read_docx(src)
    assert grid.sheets[0].rows[0] == ["附表1"]
    out = tmp_path / "out.xlsm"
    import_file(src, out)
    assert _keys(out) == _keys(example_xlsm)


@pytest.mark.parametrize("variant", ["phantom", "split"])
def test_word_layout_variants_give_the_same_workbook(variant, tmp_path, example_xlsm):
    """phantom: a grid column no cell begins in (dropped); split: each 附表3 goes on in a second
    table after a page break (joined to the first)."""
    src = build_seed_docx(tmp_path / f"{variant}.docx", **{variant: True})
    grid = read_docx(src)
    assert len(grid.sheets) == 9
    assert max(len(r) for r in grid.sheets[0].rows) == 5
    import_file(src, tmp_path / "out.xlsm")
    assert _keys(tmp_path / "out.xlsm") == _keys(example_xlsm)


def test_imported_workbook_recalculates_in_libreoffice(imported, tmp_path):
    require_soffice()
    recalculated = convert(imported, "xlsx", tmp_path)
    lo = openpyxl.load_workbook(recalculated, data_only=True)
    assert lo["附表1"]["C5"].value == pytest.approx(1326.19)
    assert lo["附表1"]["E8"].value == pytest.approx(1184.26)
    assert lo["附表2"]["C5"].value == pytest.approx(1184.26)
    for (sheet, cell), value in totals(read_workbook(imported).submission).items():
        assert lo[sheet][cell].value == pytest.approx(float(value)), (sheet, cell)


def test_doc_made_by_libreoffice_imports_the_same(seed_docx, tmp_path, example_xlsm):
    require_soffice()
    doc = convert(seed_docx, "doc", tmp_path / "doc")
    assert doc.suffix == ".doc" and doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # Word 97 (OLE)
    out = tmp_path / "from-doc.xlsm"
    result = import_file(doc, out)
    assert len(result.forms) == 9
    assert _keys(out) == _keys(example_xlsm)


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_old_workbook_formats_import_through_libreoffice(fmt, example_file, tmp_path):
    require_soffice()
    old = convert(example_file, fmt, tmp_path / fmt)
    assert old.suffix == f".{fmt}"
    out = tmp_path / f"from-{fmt}.xlsm"
    import_file(old, out)
    assert _keys(out) == _keys(example_file)


def _foreign(example_file: Path, path: Path) -> Path:
    """The seed in another bureau's workbook: sheets named Sheet1…, a remarks column, an approval
    line under the forms, a sheet of instructions, amounts typed as text, values instead of formulas
    (one total typed wrong)."""
    wb = openpyxl.load_workbook(example_file, data_only=True)
    wb.remove(wb["自查"])  # another bureau's workbook has none of our self-check
    for i, ws in enumerate(wb.worksheets, start=1):
        ws.title = f"Sheet{i}"
    form1 = wb["Sheet1"]
    form1["C7"] = "1,326.19"  # text with a thousands separator
    form1["C5"] = 1300  # 资金总额 typed wrong: our template computes it
    form1["G4"] = "备注：与上年一致"
    form1["A30"] = "审核意见：同意上报"
    notes = wb.create_sheet("填表说明")
    notes["A1"] = "金额单位为万元，保留两位小数"
    wb.save(path)
    return path


def test_foreign_workbook_imports_with_unplaced_cells_listed(example_file, tmp_path):
    src = _foreign(example_file, tmp_path / "外单位.xlsx")
    out = tmp_path / "out.xlsm"
    result = import_file(src, out)
    assert [m.source for m in result.forms][:2] == ["Sheet1", "Sheet2"]
    listed = {(n.source, n.cell, n.text) for n in result.notes}
    assert listed == {
        ("Sheet1", "G4", "备注：与上年一致"),
        ("Sheet1", "A30", "审核意见：同意上报"),
        ("填表说明", "A1", "金额单位为万元，保留两位小数"),
        ("Sheet1", "C5", "1300"),
    }
    total = next(n for n in result.notes if n.cell == "C5")
    assert total.why.startswith("附表1!C5（资金总额）在新表中是公式，计算结果为 1326.19")
    wb = openpyxl.load_workbook(out)
    assert NOTES_SHEET in wb.sheetnames and wb[NOTES_SHEET].sheet_state == "visible"
    rows = [[c.value for c in row] for row in wb[NOTES_SHEET].iter_rows()]
    assert rows[0] == ["位置（源文件）", "内容", "说明"]
    assert {(r[0], r[1]) for r in rows[1:]} == {(f"{s}!{c}", t) for s, c, t in listed}
    assert wb["附表1"]["C7"].value == 1326.19  # the text amount became a number
    assert _keys(out) == _keys(example_file)  # 导入备注 is not a form: validate ignores it
    exported = export(out, tmp_path / "报送", force=True)
    assert NOTES_SHEET not in openpyxl.load_workbook(exported.xlsx).sheetnames


def test_refuses_to_overwrite(seed_docx, tmp_path, capsys):
    out = tmp_path / "已有.xlsm"
    out.write_bytes(b"keep me")
    assert main(["import", str(seed_docx), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "已存在" in err and "不会覆盖" in err
    assert out.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["已有.xlsm"]  # no temporary file left


def test_year_moves_what_rollover_moves(seed_docx, tmp_path, capsys):
    """--year moves every mention of the budget year, as 转入下一年度 does: the same workbook as a plain
    import rolled over, and no 「年度与预算年度不一致」 left behind."""
    out = tmp_path / "2024.xlsm"
    assert main(["import", str(seed_docx), "--out", str(out), "--year", "2024"]) == 0
    assert "各表中的年度由 2023 顺延到 2024（与「转入下一年度」相同）：改动 36 处" in capsys.readouterr().out
    sub = read_workbook(out).submission
    assert sub.year == 2024
    assert {str(f.title)[:5] for f in sub.forms()} == {"2024年"}
    assert "F504" not in {f.rule for f in validate_file(out).findings}
    plain, rolled = tmp_path / "2023.xlsm", tmp_path / "rolled.xlsm"
    assert main(["import", str(seed_docx), "--out", str(plain)]) == 0
    assert main(["rollover", str(plain), "--year", "2024", "--out", str(rolled)]) == 0
    ours, theirs = read_grid(out), read_grid(rolled)
    assert [s.name for s in ours.sheets] == [s.name for s in theirs.sheets] and "转年说明" in [
        s.name for s in ours.sheets
    ]
    for a, b in zip(ours.sheets, theirs.sheets, strict=True):
        if a.name == "上年指标值":  # its note says where the values came from
            assert a.rows[0][0] == b.rows[0][0] + f"导入自「{seed_docx.name}」。" and a.rows[1:] == b.rows[1:]
        elif a.name != "转年说明":  # its first line carries the date
            assert a.rows == b.rows, a.name


def test_report_lists_what_went_where(seed_docx, tmp_path, capsys):
    assert main(["import", str(seed_docx), "--out", str(tmp_path / "r.xlsm")]) == 0
    out = capsys.readouterr().out
    assert "表格1 → 附表1" in out
    assert "部门名称 B4→B4" in out
    assert re.search(r"资金总额 B5(（「标签：值」）)?→C5", out)  # 「资金总额：1326.19」 in one Word cell
    assert "年度绩效指标 9 行：第14–22行 → 第14–22行" in out
    assert "表格9 → 附表3-经开区-优军优抚专项" in out
    assert "源文件中的内容已全部放入表格" in out


def test_unreadable_sources_are_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert main(["import", str(bad), "--out", str(tmp_path / "o.xlsm")]) == 2
    assert "不是 Word 文档" in capsys.readouterr().err
    txt = tmp_path / "forms.txt"
    txt.write_text("附表1")
    assert main(["import", str(txt), "--out", str(tmp_path / "o.xlsm")]) == 2
    assert "不支持的文件类型 .txt" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsm").exists()


def test_conversion_without_libreoffice_says_how_to_install(tmp_path, monkeypatch):
    from xladdin.io import convert as conv
    from xladdin.io import libreoffice

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    src = tmp_path / "old.doc"
    src.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError) as err:
        conv.to_docx(src, tmp_path)
    assert "LibreOffice" in err.value.zh and "apt-get install" in err.value.zh and "Windows" in err.value.zh


def test_ribbon_button_imports_beside_the_source_and_opens_it(seed_docx, example_grid, tmp_path, example_xlsm):
    src = tmp_path / seed_docx.name
    shutil.copy(seed_docx, src)
    book = xw.Book(json=payload(example_grid))
    ui = ImportRecorder(book, str(src))
    run("import_forms", book, ui)
    target = tmp_path / "石峰区2023绩效目标表-导入.xlsm"
    assert ui.opened == [target]
    assert ui.messages[0].startswith("已导入 9 张表")
    assert _keys(target) == _keys(example_xlsm)
    run("import_forms", book, ui)  # a second import never overwrites the first
    assert ui.opened[-1] == tmp_path / "石峰区2023绩效目标表-导入(2).xlsm"
    ui2 = ImportRecorder(book, None)  # the clerk cancels the dialog: nothing happens
    run("import_forms", book, ui2)
    assert ui2.messages == [] and ui2.opened == []


def test_ribbon_button_reports_an_unreadable_file(example_grid, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("no")
    book = xw.Book(json=payload(example_grid))
    ui = ImportRecorder(book, str(bad))
    run("import_forms", book, ui)
    assert ui.opened == [] and ui.messages[0].startswith("无法读取")


def test_example_built_in_the_test_is_an_xlsm(example_xlsm):
    """The comparison above is against a fresh build of the seed, not the committed file."""
    assert example_xlsm.suffix == ".xlsm"
    assert build_workbook(submission(), example_xlsm.with_name("again.xlsm")).read_bytes() == example_xlsm.read_bytes()


# --- the real-forms corpus (tests/data/realforms): other bureaus' layouts ---------------------------

REAL = realforms.load()


def _texts(path: Path) -> set[str]:
    return {str(v).strip() for s in read_grid(path).sheets for row in s.rows for v in row if v not in (None, "")}


def _accounted(text: str, out: set[str], blob: str, yuan: bool = False) -> bool:
    """A source cell is in the new workbook: whole, as a number (in 万元 when the form was in 元),
    or (「标签：值」 cells) value by value."""
    if text in out or text in blob or _is_label(text, LABELS):
        return True
    number = _number(text)
    if isinstance(number, int | float) and any(_number(t) == number for t in out):
        return True
    if yuan and isinstance(number, int | float):
        wan = Decimal(repr(number)) / 10000
        if any(isinstance(_number(t), int | float) and Decimal(repr(_number(t))) == wan for t in out):
            return True
    parts = _INLINE.split(text)
    values = [_STAMP.sub("", v).strip() for v in parts[2::2]]
    return len(parts) > 1 and all(v in blob or v in ("", "元", "万元") for v in values)


LABELS = _labels()


@pytest.mark.parametrize("case", REAL, ids=[c.name for c in REAL])
def test_real_forms_import_and_nothing_is_dropped(case, tmp_path):
    """Every non-empty cell of a published form in its own layout is in the new workbook: in a form,
    on 导入备注, or it is a label the template prints itself."""
    src = realforms.build_xlsx(case, tmp_path / "src.xlsx")
    out = tmp_path / "out.xlsm"
    result = import_file(src, out)
    assert result.forms
    texts = _texts(out)
    blob = "\n".join(texts)
    yuan = any("÷10000" in c for c in result.changes)
    missing = [
        (s.name, r, c, str(v))
        for s in read_grid(src).sheets
        for r, row in enumerate(s.rows, start=1)
        for c, v in enumerate(row, start=1)
        if v not in (None, "") and str(v).strip() and not _accounted(str(v).strip(), texts, blob, yuan)
    ]
    assert missing == []
    assert validate_file(out).findings is not None  # the result reads as our template


def test_amounts_in_yuan_become_wan_yuan(tmp_path):
    case = next(c for c in REAL if c.name == "sichuan-majing-2023-xiangmu")
    src = realforms.build_xlsx(case, tmp_path / "src.xlsx")
    grid = read_grid(src)
    assert any("金额单位:元" in str(v) for row in grid.sheets[0].rows for v in row)
    result = import_file(src, tmp_path / "out.xlsm")
    f3 = read_workbook(tmp_path / "out.xlsm").submission.form3s[0]
    source_amount = grid.sheets[0].value(5, 3)  # C5: the project's amount, printed in 元
    assert source_amount == pytest.approx(3309840)
    assert f3.project_amount == pytest.approx(source_amount / 10000)
    assert any("÷10000" in c for c in result.changes)
    # imported (in 万元), the original kept once with what it became
    assert [n.why for n in result.notes if n.cell == "C5"] == ["项目金额：原文 3309840（元），按 330.984（万元）填入"]


def test_tabs_that_indent_a_cell_are_not_text(tmp_path):
    """LibreOffice's RTF (and some Word files) start cell paragraphs with a tab: layout, not text."""
    import docx

    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    run = cell.paragraphs[0].add_run()
    run.add_tab()
    run.add_text("计划标准")
    cell.add_paragraph("第二行")
    document.add_paragraph()
    document.save(str(tmp_path / "tab.docx"))
    assert read_docx(tmp_path / "tab.docx").sheets[0].rows == [["计划标准\n第二行", None]]


@pytest.mark.parametrize("case", REAL, ids=[c.name for c in REAL])
def test_real_forms_in_word_import_as_from_excel(case, tmp_path):
    """The same published form pasted into Word (one table per sheet, its merges as Word merges)
    imports to the same findings and the same unplaced cells as from the workbook."""
    src = realforms.build_xlsx(case, tmp_path / "src.xlsx")
    word = grid_to_docx(read_grid(src), tmp_path / "src.docx")
    from_excel = import_file(src, tmp_path / "x.xlsm")
    from_word = import_file(word, tmp_path / "d.xlsm")
    assert _keys(tmp_path / "d.xlsm") == _keys(tmp_path / "x.xlsm")
    assert [(n.cell, n.text) for n in from_word.notes] == [(n.cell, n.text) for n in from_excel.notes]


def test_hostile_word_files_are_refused_in_one_line(tmp_path):
    """A zip bomb and a zip that is no Word document: one Chinese line, never a hang or a traceback."""
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "0" * (250 * 1024 * 1024))
    with pytest.raises(ReadError) as err:
        read_docx(bomb)
    assert "压缩炸弹" in err.value.zh
    not_word = tmp_path / "book.docx"
    with zipfile.ZipFile(not_word, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError) as err:
        read_docx(not_word)
    assert "Word 文档已损坏" in err.value.zh
