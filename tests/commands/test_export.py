"""导出报送 in-process: the copy's sheets, names, formulas and their values, properties; the refusals
with their messages; the PDF step with LibreOffice stood in for (missing, failing, refused, working)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from helpers import SEED_FORM3_SHEETS, recalc
from openpyxl.workbook.defined_name import DefinedName

from xladdin.commands import export as E
from xladdin.io import libreoffice
from xladdin.io.grid import ReadError
from xladdin.io.save import SaveRefused
from xladdin.io.xlsx import read_grid
from xladdin.layout.styles import AMOUNT_FORMAT

NAME = "2023年绩效目标表-株洲市石峰区退役军人事务局.xlsx"
SHEETS = ["附表1", "附表2", *SEED_FORM3_SHEETS]
NO_PDF = "本机未安装 LibreOffice，未生成 PDF。可在 Excel 中用「文件→导出→PDF」生成，或安装 LibreOffice 后重新导出。"


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch):
    def missing(*a, **k):
        raise libreoffice.LibreOfficeMissing("soffice not found")

    monkeypatch.setattr(libreoffice, "convert", missing)


def cell_xml(path: Path, sheet_no: int, ref: str) -> str | None:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(f"xl/worksheets/sheet{sheet_no}.xml").decode()
    m = re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml)
    return m.group(0) if m else None


def test_export_name():
    assert E.export_name(2023, "株洲市石峰区退役军人事务局") == NAME
    assert E.export_name(None, None) == "绩效目标表-未填部门.xlsx"  # no year: no bare 「年」
    assert E.export_name(2024, "") == "2024年绩效目标表-未填部门.xlsx"
    assert E.export_name(2024, ' 甲\\/:*?"<>|局 ') == "2024年绩效目标表-甲局.xlsx"
    assert E.export_name(0, 123) == "绩效目标表-123.xlsx"
    assert E.export_name(2024, "XX局") == "2024年绩效目标表-XX局.xlsx"  # only the characters Windows forbids go


@pytest.fixture()
def dressed(work):
    """The example with what a copy must lose or keep: hidden and helper sheets, names, foreign formulas."""
    wb = openpyxl.load_workbook(work)
    ws = wb["附表1"]
    ws["Z2"] = "=1/0"
    ws["Z3"] = '="文"&"字"'
    ws["Z4"] = "=IF(1,2,3)"  # not a formula the project writes: travels as its value
    ws["Z5"] = "=Z9"  # empty: no cached value
    ws["Z6"] = "=ROUND(2.5,0)"
    wb.create_sheet("藏").sheet_state = "hidden"
    wb.create_sheet("校验结果")
    wb.create_sheet("已确认")
    wb.create_sheet("xlwings.conf")
    wb.defined_names["好"] = DefinedName("好", attr_text="附表1!$A$1")
    wb.defined_names["外"] = DefinedName("外", attr_text="[1]Sheet1!$A$1")
    wb.defined_names["坏"] = DefinedName("坏", attr_text="#REF!")
    wb.defined_names["函"] = DefinedName("函", attr_text='INDIRECT("A1")')
    from openpyxl.packaging.relationship import Relationship
    from openpyxl.workbook.external_link.external import ExternalBook, ExternalLink

    link = ExternalLink(externalBook=ExternalBook())  # a link to another unit's file
    link.file_link = Relationship(type="externalLinkPath", Target="其他单位.xlsx", TargetMode="External")
    wb._external_links.append(link)
    wb.save(work)
    with zipfile.ZipFile(work) as zf:
        assert "xl/externalLinks/externalLink1.xml" in zf.namelist()
    return work


def test_the_copy(dressed, tmp_path):
    out = tmp_path / "报送"
    done = E.export(dressed, out, force=True)
    assert done.xlsx == out / NAME and done.pdf is None and done.pdf_note == NO_PDF
    from xladdin.validate import validate_file

    summary = validate_file(dressed).counts_zh()  # the source as checked (its hidden sheet is empty)
    assert done.summary == summary and summary.startswith("5 个错误，")
    wb = openpyxl.load_workbook(done.xlsx)
    assert wb.sheetnames == SHEETS  # 已确认 is the tool's: the workbook keeps it, the copy does not
    assert sorted(wb.defined_names) == ["好"]
    assert wb.properties.subject == "预算绩效目标表（报送版）"
    assert wb.properties.description == f"xladdin 校验：{summary}"
    assert [(p.name, p.value) for p in wb.custom_doc_props.props] == [("xladdin校验结果", summary)]
    ws = wb["附表1"]
    assert (ws["Z4"].value, ws["Z5"].value, ws["Z6"].value) == (None, "=Z9", "=ROUND(2.5,0)")
    assert cell_xml(done.xlsx, 1, "Z2") == '<c r="Z2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    assert cell_xml(done.xlsx, 1, "Z3") == '<c r="Z3" t="str"><f>"文"&amp;"字"</f><v>文字</v></c>'
    assert cell_xml(done.xlsx, 1, "Z5") == '<c r="Z5"><f>Z9</f></c>'
    assert cell_xml(done.xlsx, 1, "Z6") == '<c r="Z6"><f>ROUND(2.5,0)</f><v>3</v></c>'
    e8 = re.sub(r' s="\d+"', "", cell_xml(done.xlsx, 1, "E8") or "")  # the style's number, not its content
    assert e8 == '<c r="E8"><f>\'附表2\'!C5</f><v>1184.26</v></c>'
    assert ws["E8"].number_format == AMOUNT_FORMAT  # the copy prints a typed third decimal as the form does
    with zipfile.ZipFile(done.xlsx) as zf:
        assert not [n for n in zf.namelist() if "vbaProject" in n or n.startswith("customUI") or "external" in n]
    assert openpyxl.load_workbook(dressed)["藏"].sheet_state == "hidden"  # the source is untouched


def test_cached_values_of_a_plain_book(tmp_path):
    """Values (computed by the core) replace whatever the file cached; a sheet the grid lacks is left as is."""
    path = tmp_path / "b.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    other, ws = wb.add_worksheet("乙"), wb.add_worksheet("甲")  # 乙 first: the grid lacks it
    ws.write("A1", 1)
    ws.write("A2", "=A1+1")
    ws.write("A3", '="a"&"b"')
    ws.write("A4", "=1/0")
    ws.write("A5", "=A1/4")
    ws.write("A6", "=Z99")
    ws.write_formula("A7", "=A1+A1", None, "text")  # a cached text where a number belongs
    other.write("B1", "=1+1")
    wb.close()
    grid = read_grid(path)
    recalc(grid)
    grid.sheets = [s for s in grid.sheets if s.name != "乙"]
    E._cached_values(path, grid)
    assert [cell_xml(path, 2, f"A{i}") for i in range(1, 8)] == [
        '<c r="A1"><v>1</v></c>',
        '<c r="A2"><f>A1+1</f><v>2</v></c>',
        '<c r="A3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
        '<c r="A4" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        '<c r="A5"><f>A1/4</f><v>0.25</v></c>',
        '<c r="A6"><f>Z99</f></c>',
        '<c r="A7"><f>A1+A1</f><v>2</v></c>',
    ]
    assert cell_xml(path, 1, "B1") == '<c r="B1"><f>1+1</f><v>0</v></c>'
    with zipfile.ZipFile(path) as zf:
        assert zf.read("xl/worksheets/sheet2.xml").startswith(
            b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<worksheet "
        )


def test_cached_bool_and_float(tmp_path, monkeypatch):
    path = tmp_path / "b.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("甲")
    for ref in ("A1", "A2", "A3", "A4"):
        ws.write(ref, "=1+1")
    wb.close()
    grid = read_grid(path)
    sheet = grid.sheet("甲")
    for row, value in ((1, True), (2, False), (3, 2.5), (4, 7)):
        sheet.set(row, 1, value)
    E._cached_values(path, grid)
    assert [cell_xml(path, 1, f"A{i}") for i in range(1, 5)] == [
        '<c r="A1" t="b"><f>1+1</f><v>1</v></c>',
        '<c r="A2" t="b"><f>1+1</f><v>0</v></c>',
        '<c r="A3"><f>1+1</f><v>2.5</v></c>',
        '<c r="A4"><f>1+1</f><v>7</v></c>',
    ]


def test_errors_refuse_the_export(work, tmp_path):
    from xladdin.validate import validate_file

    out = tmp_path / "报送"
    with pytest.raises(E.ExportRefused) as err:
        E.export(work, out)
    errors = [f for f in validate_file(work).findings if f.severity == "error"]
    assert str(err.value).split("\n") == [
        f"仍有 {len(errors)} 个错误，未导出（加 --force 可强制导出）：",
        *[f"  {f.sheet}!{f.cell} {f.message}" for f in errors][:20],
    ]
    assert not out.exists()


def test_errors_listed_at_most_20(work, tmp_path, monkeypatch):
    from xladdin.rules import Finding
    from xladdin.validate import Report

    many = [Finding("A101", "error", "附表1", f"B{i}", f"第{i}个", "改") for i in range(1, 26)]
    monkeypatch.setattr(E, "check", lambda reading, config: Report(str(work), many))
    with pytest.raises(E.ExportRefused) as err:
        E.export(work, tmp_path / "o")
    lines = str(err.value).split("\n")
    assert lines[0] == "仍有 25 个错误，未导出（加 --force 可强制导出）：" and len(lines) == 21
    assert lines[1] == "  附表1!B1 第1个" and lines[20] == "  附表1!B20 第20个"


def test_the_settings_are_those_given_or_the_book_s(work, tmp_path, monkeypatch):
    from xladdin.config import Config

    seen = []
    real = E.check
    monkeypatch.setattr(E, "check", lambda reading, config: seen.append(config) or real(reading, config))
    mild = Config(severity={"I304": "off", "A103": "off", "A105": "off", "I306": "off", "I317": "off", "I302": "off"})
    done = E.export(work, tmp_path / "o", config=mild)
    assert seen == [mild] and "0 个错误" in done.summary
    E.export(work, tmp_path / "p", force=True)
    assert isinstance(seen[1], Config) and seen[1] is not mild


def test_the_settings_beside_the_book(work, tmp_path):
    (work.parent / "xladdin.toml").write_text('[severity]\nF502 = "off"\nI321 = "off"\n', "utf-8")
    done = E.export(work, tmp_path / "o", force=True)
    assert done.summary.startswith("5 个错误，") and "提示" not in done.summary  # the one hint is I321


def test_a_book_without_form1_is_named_without_a_department(work, tmp_path):
    wb = openpyxl.load_workbook(work)
    del wb["附表1"]
    wb.save(work)
    done = E.export(work, tmp_path / "o", force=True)
    assert done.xlsx.name == "2023年绩效目标表-未填部门.xlsx"


def test_out_is_a_file_or_cannot_be_made(work, tmp_path):
    from xladdin.io.formats import os_reason

    plain = tmp_path / "文件"
    plain.write_text("x")
    with pytest.raises(SaveRefused) as err:
        E.export(work, plain, force=True)
    assert str(err.value) == f"「{plain}」是一个文件，不是文件夹：--out 应指定输出文件夹"
    with pytest.raises(SaveRefused) as err:
        E.export(work, plain / "下", force=True)
    try:
        (plain / "下").mkdir(parents=True)
    except OSError as e:
        reason = os_reason(e)
    assert str(err.value) == f"无法创建输出文件夹「{plain / '下'}」：{reason}"


def test_strict_workbooks_are_refused(work, tmp_path, monkeypatch):
    from xladdin.io import formats

    monkeypatch.setattr(formats, "strict_workbook", lambda path: True)
    with pytest.raises(ReadError) as err:
        E.export(work, tmp_path / "o", force=True)
    assert err.value.zh == formats.STRICT_NO_WRITE
    assert err.value.en == "Strict Open XML workbook: save it as .xlsx/.xlsm before exporting"


def test_existing_exports(work, tmp_path):
    out = tmp_path / "o"
    first = E.export(work, out, force=True).xlsx
    before = first.read_bytes()
    with pytest.raises(SaveRefused) as err:
        E.export(work, out, force=True, overwrite=False)
    assert str(err.value) == f"「{first}」已存在；如要替换它，请加 --force（原工作簿不会被改动）"
    assert first.read_bytes() == before
    assert E.export(work, out, force=True).xlsx == first  # --force replaces, without a backup
    assert sorted(p.name for p in out.iterdir()) == [NAME]
    first.unlink()
    pdf = out / NAME.replace(".xlsx", ".pdf")
    pdf.write_bytes(b"%PDF")
    with pytest.raises(SaveRefused) as err:
        E.export(work, out, force=True, overwrite=False)
    assert str(err.value) == f"「{pdf}」已存在；如要替换它，请加 --force（原工作簿不会被改动）"
    assert not first.exists()


def test_the_source_is_never_the_target(work, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    target = out / NAME
    shutil.move(work, target)
    with pytest.raises(SaveRefused) as err:
        E.export(target, out, force=True)
    assert str(err.value) == f"导出文件「{target}」就是原工作簿，不能覆盖它；请换一个输出文件夹"
    # a dangling link where the copy goes counts as an earlier export
    other = tmp_path / "b.xlsx"
    target.rename(other)
    (out / NAME).symlink_to(tmp_path / "无.xlsx")
    with pytest.raises(SaveRefused) as err:
        E.export(other, out, force=True, overwrite=False)
    assert str(err.value) == f"「{out / NAME}」已存在；如要替换它，请加 --force（原工作簿不会被改动）"


def test_pdf_made_refused_or_failing(work, tmp_path, monkeypatch):
    calls = []

    def convert(xlsx, fmt, workdir, recalc):
        calls.append((xlsx.name, fmt, workdir.name.startswith("xladdin-pdf-"), recalc))
        made = workdir / "made.pdf"
        made.write_bytes(b"%PDF-1.4 made")
        return made

    monkeypatch.setattr(libreoffice, "convert", convert)
    done = E.export(work, tmp_path / "o" / "新", force=True)  # the folders are made
    assert done.pdf == tmp_path / "o" / "新" / NAME.replace(".xlsx", ".pdf") and done.pdf_note == ""
    assert done.pdf.read_bytes() == b"%PDF-1.4 made" and calls == [(NAME, "pdf", True, True)]
    E.export(work, tmp_path / "o" / "新", force=True)  # again: both replaced, no backups
    assert sorted(p.name for p in done.pdf.parent.iterdir()) == sorted([NAME, done.pdf.name])
    calls.clear()

    def failing(*a, **k):
        raise RuntimeError("转换超时")

    monkeypatch.setattr(libreoffice, "convert", failing)
    done = E.export(work, tmp_path / "p", force=True)
    assert (done.pdf, done.pdf_note) == (None, "PDF 生成失败：转换超时")
    for exc in (OSError("磁盘坏了"), __import__("subprocess").SubprocessError("崩溃")):

        def raising(*a, exc=exc, **k):
            raise exc

        monkeypatch.setattr(libreoffice, "convert", raising)
        done = E.export(work, tmp_path / f"q{len(calls)}", force=True)
        calls.append(1)
        assert done.pdf is None and done.pdf_note == f"PDF 生成失败：{exc}"

    def refused(*a, **k):
        raise SaveRefused("文件夹只读")

    monkeypatch.setattr(libreoffice, "convert", refused)
    done = E.export(work, tmp_path / "r", force=True)
    assert (done.pdf, done.pdf_note) == (None, "PDF 未保存：文件夹只读")


def test_an_xlsm_loses_its_macros(example_xlsm, tmp_path, monkeypatch):
    done = E.export(example_xlsm, tmp_path / "o", force=True)
    assert done.xlsx.suffix == ".xlsx"
    with zipfile.ZipFile(done.xlsx) as zf:
        assert not [n for n in zf.namelist() if n.endswith("vbaProject.bin") or n.startswith("customUI")]
    # and should a copy still hold them, nothing is exported
    monkeypatch.setattr(E, "_clean_copy", lambda src, dst, summary, grid: shutil.copyfile(src, dst))
    with pytest.raises(RuntimeError) as err:
        E.export(example_xlsm, tmp_path / "p", force=True)
    assert str(err.value) == "报送副本仍含宏，已取消导出"
    assert not (tmp_path / "p").exists()  # not even the folder it made for the export


def test_pdf_never_replaces_the_source(work, tmp_path, monkeypatch):
    def convert(xlsx, fmt, workdir, recalc):
        made = workdir / "made.pdf"
        made.write_bytes(b"%PDF")
        return made

    monkeypatch.setattr(libreoffice, "convert", convert)
    source = tmp_path / "src.pdf"  # a source named like the PDF target (protected)
    shutil.copy(work, source)
    xlsx, note = E._pdf(work, source, source)[0], E._pdf(work, source, source)[1]
    assert xlsx is None and note.startswith("PDF 未保存：")


def test_a_foreign_formula_travels_as_its_value(tmp_path):
    """HYPERLINK is not a formula the project writes: the copy holds the value the file shows."""
    src, dst = tmp_path / "src.xlsx", tmp_path / "dst.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("附表1")
    ws.write_formula("A1", '=HYPERLINK("https://example.org","点此")', None, "点此")
    ws.write_formula("A2", "=1+1", None, 2)
    ws.write_formula("A3", '=WEBSERVICE("https://example.org")', None, 7)
    wb.close()
    E._clean_copy(src, dst, "0 个错误，0 个警告")  # the grid read from the file itself
    copy = openpyxl.load_workbook(dst)["附表1"]
    assert (copy["A1"].value, copy["A2"].value, copy["A3"].value) == ("点此", "=1+1", 7)
    assert openpyxl.load_workbook(dst).properties.description == "xladdin 校验：0 个错误，0 个警告"


@pytest.mark.parametrize("part", ["xl/vbaProject.bin", "customUI/customUI14.xml"])
def test_either_macros_or_a_ribbon_cancel_the_export(work, tmp_path, monkeypatch, part):
    real = E._clean_copy

    def leaky(src, dst, summary, grid):
        real(src, dst, summary, grid)
        with zipfile.ZipFile(dst, "a") as zf:
            zf.writestr(part, b"x")

    monkeypatch.setattr(E, "_clean_copy", leaky)
    with pytest.raises(RuntimeError) as err:
        E.export(work, tmp_path / "o", force=True)
    assert str(err.value) == "报送副本仍含宏，已取消导出"
    assert not (tmp_path / "o").exists()  # not even the folder it made for the export
