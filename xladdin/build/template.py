"""Build ``workbook/template.xlsm`` from the layout and ``macros/``, deterministically.

Sheets: XlsxWriter (附表1, 附表2 with one blank fund row, the hidden ``xlwings.conf``). VBA project:
pyOpenVBA, holding ``macros/*.bas``, the generated UDF wrappers and xlwings' standalone modules.
Ribbon: ``macros/customUI14.xml`` added to the package with its relationship.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from xladdin.build.workbook import specs_for, write_xlsx
from xladdin.excel.vba import defined_names
from xladdin.io.package import add_custom_ui, rewrite_zip
from xladdin.layout.skeleton import skeleton_rows
from xladdin.model import Form1, Form2, FundRow, Indicator, Submission, WorkItem
from xladdin.resources import macros_dir

#: The budget year the template's titles carry (fixed so that every build is the same file).
TEMPLATE_YEAR = 2027
ROOT = Path(__file__).resolve().parents[2]
MACROS = macros_dir()
TEMPLATE = ROOT / "workbook" / "template.xlsm"
CONF_SHEET = "xlwings.conf"

#: xlwings settings for the template (the hidden xlwings.conf sheet: key in A, value in B).
#: Only keys with a value: xlwings' GetConfig takes a key from the sheet as soon as it exists, even
#: empty, so an empty Interpreter_Win or PYTHONPATH row would hide the user's
#: %USERPROFILE%\.xlwings\xlwings.conf and an xlwings.conf beside the workbook (README, "Use in
#: Excel"). "Use UDF Server" is off, as in xlwings' own standalone quickstart: RunPython then
#: starts the interpreter through cmd and the buttons need no xlwings DLL; only the worksheet
#: functions do (they say so in the cell when it is missing).
XLWINGS_CONF: tuple[tuple[str, str | bool], ...] = (
    ("UDF Modules", "xladdin.excel.udfs"),
    ("Use UDF Server", False),
    ("Show Console", False),
    ("Debug UDFs", False),
)


def blank_submission(year: int = TEMPLATE_YEAR) -> Submission:
    """附表1 with the indicator skeleton and 附表2 with one empty fund row; no 附表3 yet."""
    indicators = [
        Indicator(l1, l2, "实施时间" if value else None, value, None) for l1, l2, value in skeleton_rows(year)
    ]
    form1 = Form1(title=f"{year}年部门整体支出绩效目标表", indicators=indicators, work_plan=[WorkItem()])
    form2 = Form2(title=f"{year}年区级专项资金绩效目标汇总表", total=FundRow(None, "合  计"), funds=[FundRow()])
    return Submission(form1=form1, form2=form2, year=year)


def vba_project_stream(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Store ``VBA/_VBA_PROJECT`` as [MS-OVBA] says a writer should (no performance cache), instead
    of the blank project's version-0xB5 stream with its zeroed cache."""
    from pyopenvba.cfb import CFB

    from xladdin.excel.vba import VBA_PROJECT_STREAM

    cfb = CFB.from_bytes(parts["xl/vbaProject.bin"])
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", VBA_PROJECT_STREAM)
    parts["xl/vbaProject.bin"] = cfb.to_bytes()
    return parts


def vba_project(xlsm: Path, macros: Path = MACROS) -> None:
    """Give ``xlsm`` its VBA project (pyOpenVBA)."""
    from pyopenvba import ExcelFile, VBAModuleKind

    from xladdin.excel.vba import project_modules

    with ExcelFile(xlsm) as wb:
        project = wb.add_vba_project()
        for module in project_modules(macros):
            kind = VBAModuleKind.other if module.is_class else VBAModuleKind.standard
            project.add_module(module.name, module.source, kind=kind)
        wb.save()


XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def _macro_enabled(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Excel opens a .xlsm only when its workbook part says it is macro-enabled."""
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(XLSX_MAIN, XLSM_MAIN)
    return parts


def build_template(out: Path = TEMPLATE, macros: Path = MACROS) -> Path:
    """The empty template: 附表1 and 附表2, the VBA project and the ribbon."""
    return write_xlsm(specs_for(blank_submission()), out, "预算绩效目标表模板", macros)


def write_xlsm(specs: list, out: Path, title: str, macros: Path = MACROS, *, extra_sheets: list | None = None) -> Path:
    """Sheets, ``extra_sheets`` (see ``write_xlsx``), the hidden xlwings.conf, the VBA project and the
    ribbon, as one .xlsm."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "book.xlsm"
        conf = (CONF_SHEET, [list(row) for row in XLWINGS_CONF], True)
        write_xlsx(specs, work, title=title, extra_sheets=[*(extra_sheets or []), conf], names=defined_names())
        vba_project(work, macros)
        add_custom_ui(work, (macros / "customUI14.xml").read_bytes())
        rewrite_zip(work, lambda parts: vba_project_stream(_macro_enabled(parts)))  # one timestamp and order
        out.write_bytes(work.read_bytes())
    return out


def build_workbook(sub: Submission, path: str | Path) -> Path:
    """The whole submission as a workbook file; a .xlsm gets the template's VBA and ribbon."""
    dept = str(sub.form1.department) if sub.form1 and sub.form1.department else ""
    title = f"{sub.year or ''}年预算绩效目标表 {dept}".strip()
    if Path(path).suffix.lower() == ".xlsm":
        return write_xlsm(specs_for(sub), Path(path), title)
    return write_xlsx(specs_for(sub), path, title=title)
