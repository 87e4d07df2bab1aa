"""导出报送: the submission copy — a macro-free .xlsx of the visible forms, and a PDF.

The copy has no VBA project, no ribbon, no hidden sheets, none of the tool's marks (helper sheets such
as 校验结果, 导入备注, 转年说明, 指标建议 and 已确认; 校验's and 建议's colours; the tool's names and
formats: :mod:`xladdin.marks`; the self-check's 自查 cells, colours, sheet and names:
``xladdin.selfcheck.write.strip_openpyxl``), no external links and no defined names that point
outside; the workbook itself keeps them all. Formulas are kept and carry their values
(computed by the core, so the file shows them in any viewer); the validation summary is recorded
in the document properties. The PDF comes from LibreOffice headless when it is installed.
"""

from __future__ import annotations

import contextlib
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl.packaging.custom import StringProperty

from xladdin import a1
from xladdin.config import Config, load_config
from xladdin.io.formats import os_reason
from xladdin.io.formula import is_own_formula
from xladdin.io.grid import BookGrid, ReadError
from xladdin.io.package import rewrite_zip
from xladdin.io.save import SaveRefused, atomic_write, same_file
from xladdin.io.xlsx import NS, read_grid
from xladdin.marks import strip_tool_marks
from xladdin.reader import read_grid_model
from xladdin.validate import check


class ExportRefused(Exception):
    """Errors remain (message in Chinese, lists them)."""


@dataclass
class Exported:
    xlsx: Path
    pdf: Path | None
    pdf_note: str
    summary: str


def export_name(year: int | None, department: object) -> str:
    dept = str(department).strip() if department else "未填部门"
    for ch in '\\/:*?"<>|':
        dept = dept.replace(ch, "")
    prefix = f"{year}年" if year else ""  # a year unknown is left out, not printed as a bare 「年」
    return f"{prefix}绩效目标表-{dept}.xlsx"


def _clean_copy(src: Path, dst: Path, summary: str, grid: BookGrid | None = None) -> None:
    from xladdin.io.openpyxl_writer import open_for_writing, set_value
    from xladdin.selfcheck.write import strip_openpyxl

    grid = grid if grid is not None else read_grid(src)
    wb = open_for_writing(src, keep_vba=False, keep_links=False)
    strip_openpyxl(wb)  # the 自查 sheet, cells, names and colours are the tool's, not the form's
    strip_tool_marks(wb)  # helper sheets, marks, suggestion colours, the tool's names and formats
    for ws in list(wb.worksheets):
        if ws.sheet_state != "visible":
            wb.remove(ws)
    for ws in wb.worksheets:  # a formula the project did not write travels as its value
        values = grid.sheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and not is_own_formula(cell.value):
                    value = values.value(cell.row, cell.column) if values else None
                    set_value(cell, value)
    for name in list(wb.defined_names):
        text = str(wb.defined_names[name].attr_text)
        if "[" in text or "#REF!" in text or not is_own_formula("=" + text):
            del wb.defined_names[name]
    wb.properties.subject = "预算绩效目标表（报送版）"
    wb.properties.description = f"xladdin 校验：{summary}"
    wb.custom_doc_props.append(StringProperty(name="xladdin校验结果", value=summary))
    wb.save(dst)


def _cached_values(path: Path, grid: BookGrid) -> None:
    """Write each formula's value (computed by the core) into the sheet XML, so that the copy shows
    its totals in viewers that do not recalculate."""
    sheets = {s.name: s for s in grid.sheets}

    def change(parts: dict[str, bytes]) -> dict[str, bytes]:
        wb = etree.fromstring(parts["xl/workbook.xml"])
        rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
        targets = {r.get("Id"): r.get("Target") for r in rels}
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for sheet in wb.iter(f"{NS}sheet"):
            target = targets.get(sheet.get(rid), "")
            name = "xl/" + target.lstrip("/").removeprefix("xl/")
            grid_sheet = sheets.get(sheet.get("name"))
            if grid_sheet is None or name not in parts:
                continue
            root = etree.fromstring(parts[name])
            for c in root.iter(f"{NS}c"):
                f = c.find(f"{NS}f")
                if f is None:
                    continue
                row, col = a1.parse(c.get("r"))
                value = grid_sheet.value(row, col)
                for old in c.findall(f"{NS}v"):
                    c.remove(old)
                if value is None:
                    continue
                v = etree.SubElement(c, f"{NS}v")
                if isinstance(value, str):
                    c.set("t", "e" if value.startswith("#") else "str")
                    v.text = value
                elif isinstance(value, bool):
                    c.set("t", "b")
                    v.text = "1" if value else "0"
                else:
                    c.attrib.pop("t", None)
                    v.text = repr(float(value)) if isinstance(value, float) else str(value)
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return parts

    rewrite_zip(path, change)


def export(
    path: Path, out_dir: Path, *, force: bool = False, overwrite: bool | None = None, config: Config | None = None
) -> Exported:
    """Write the submission copy into ``out_dir``. ``force``: even with errors; ``overwrite``
    (default: ``force``): replace an earlier export of the same name. The source is never
    replaced, whatever the options."""
    overwrite = force if overwrite is None else overwrite
    if out_dir.exists() and not out_dir.is_dir():
        raise SaveRefused(f"「{out_dir}」是一个文件，不是文件夹：--out 应指定输出文件夹")
    from xladdin.io.formats import STRICT_NO_WRITE, strict_workbook

    if strict_workbook(path):
        raise ReadError(STRICT_NO_WRITE, "Strict Open XML workbook: save it as .xlsx/.xlsm before exporting")
    grid = read_grid(path)
    # the summary describes the copy: hidden sheets are dropped from it, so are their findings
    grid.sheets = [s for s in grid.sheets if not s.hidden]
    reading = read_grid_model(grid)
    report = check(reading, config or load_config(book=path))
    summary = report.counts_zh()
    if report.errors and not force:
        lines = [f"仍有 {report.errors} 个错误，未导出（加 --force 可强制导出）："]
        lines += [f"  {f.sheet}!{f.cell} {f.message}" for f in report.findings if f.severity == "error"][:20]
        raise ExportRefused("\n".join(lines))
    sub = reading.submission
    made = [d for d in (out_dir, *out_dir.parents) if not d.exists()]  # deepest first
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SaveRefused(f"无法创建输出文件夹「{out_dir}」：{os_reason(err)}") from None
    try:
        return _write_export(path, out_dir, sub, summary, grid, overwrite)
    except BaseException:  # a refused or failed export leaves no empty folder of its own behind
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _write_export(path: Path, out_dir: Path, sub, summary: str, grid, overwrite: bool) -> Exported:
    target = out_dir / export_name(sub.year, sub.form1.department if sub.form1 else None)
    pdf_target = target.with_suffix(".pdf")
    for t in (target, pdf_target):
        if t.exists() or t.is_symlink():
            if same_file(t, path):
                raise SaveRefused(f"导出文件「{t}」就是原工作簿，不能覆盖它；请换一个输出文件夹")
            if not overwrite:
                raise SaveRefused(f"「{t}」已存在；如要替换它，请加 --force（原工作簿不会被改动）")

    def write(tmp: Path) -> None:
        _clean_copy(path, tmp, summary, grid)
        _cached_values(tmp, read_grid(tmp))
        with zipfile.ZipFile(tmp) as zf:
            names = zf.namelist()
        if any(n.endswith("vbaProject.bin") or n.startswith("customUI") for n in names):
            raise RuntimeError("报送副本仍含宏，已取消导出")

    atomic_write(target, write, backup=False, create=True, protect=(path,))
    pdf, note = _pdf(target, pdf_target, path)
    return Exported(target, pdf, note, summary)


def _pdf(xlsx: Path, target: Path, source: Path) -> tuple[Path | None, str]:
    """The PDF of ``xlsx``, made in a private folder and then saved as ``target`` like any write."""
    import shutil
    import tempfile

    from xladdin.io.libreoffice import LibreOfficeMissing, convert

    try:
        with tempfile.TemporaryDirectory(prefix="xladdin-pdf-") as work:
            made = convert(xlsx, "pdf", Path(work), recalc=True)
            atomic_write(target, lambda tmp: shutil.copyfile(made, tmp), backup=False, create=True, protect=(source,))
        return target, ""
    except LibreOfficeMissing:
        return None, (
            "本机未安装 LibreOffice，未生成 PDF。可在 Excel 中用「文件→导出→PDF」生成，或安装 LibreOffice 后重新导出。"
        )
    except SaveRefused as err:
        return None, f"PDF 未保存：{err}"
    except (RuntimeError, OSError, subprocess.SubprocessError) as err:
        return None, f"PDF 生成失败：{err}"
