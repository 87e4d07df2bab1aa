"""The VBA project of the template: our dispatcher from ``macros/``, xlwings' standalone modules
taken from the installed wheel at build time (BSD-3/MIT, notices kept as they are), and UDF
wrappers generated from ``excel/udfs.py``.

VBA source is ASCII (the project's code page cannot hold Chinese). The few texts VBA shows a clerk
live in the workbook as defined names holding string constants (:data:`VBA_TEXTS`, written by the
builder); the generated ``XaText`` reads them back, so Chinese never enters the VBA source.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

MODULE_UDFS = "xladdin_udfs"
UDF_PY_MODULE = "xladdin.excel.udfs"


#: [MS-OVBA] 2.3.4.1: what a writer should store in ``VBA/_VBA_PROJECT``: Reserved1 0x61CC,
#: Version 0xFFFF (so every Office version ignores the cache and compiles from source), Reserved2
#: 0x00, Reserved3 0x0001, and no performance cache. xlwings' own quickstart workbook has the same.
VBA_PROJECT_STREAM = bytes.fromhex("cc61ffff000100")

#: Class attributes the VBE writes that an exported .cls leaves out (xlwings' reference workbook has
#: them; without them pyOpenVBA leaves them to their defaults).
CLASS_ATTRIBUTES = ("Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False")


def dll_name() -> str:
    """The xlwings DLL the embedded VBA declares (64-bit Office)."""
    import xlwings

    return f"xlwings64-{xlwings.__version__}.dll"


def vba_texts() -> dict[str, str]:
    """Defined name → the Chinese text VBA shows for it (kept under Excel's 255-character limit)."""
    return {
        "XA_MSG_TITLE": "绩效目标：找不到 Python",
        "XA_MSG_NO_PYTHON": (
            "按钮需要本机的 Python 和 xladdin，但没有找到（或 xladdin 未安装）。\\n\\n"
            "1. 未安装：双击安装包中的 install.cmd。\\n"
            "2. 已安装：在命令提示符中运行 xladdin doctor，按提示修复；"
            "xladdin doctor --setup-excel 会自动设置。\\n"
            "3. 或在 %USERPROFILE%\\.xlwings\\xlwings.conf 中把 Interpreter_Win 设为 python.exe 的完整路径。"
        ),
        "XA_MSG_NO_DLL": (
            f"工作表函数需要 xlwings 组件 {dll_name()}，本机未找到（按钮不受影响）。"
            "请运行 xladdin doctor --setup-excel，或请 IT 在 %USERPROFILE%\\.xlwings\\xlwings.conf "
            "中把 Interpreter_Win 设为 python.exe 的完整路径。"
        ),
    }


def defined_names() -> dict[str, str]:
    """The workbook names holding :func:`vba_texts` as string constants (``="…"``)."""
    return {name: '="' + text.replace('"', '""') + '"' for name, text in vba_texts().items()}


@dataclass(frozen=True)
class Module:
    name: str
    source: str  # CRLF line ends; standard modules without Attribute lines, classes with their header
    is_class: bool = False


def strip_header(text: str) -> str:
    """Source as the VBA editor holds it: no class header block, no Attribute lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0].startswith("VERSION 1.0 CLASS"):
        end = lines.index("END")
        lines = lines[end + 1 :]
    body = [ln for ln in lines if not ln.startswith("Attribute VB_")]
    return "\r\n".join(body).strip("\r\n") + "\r\n"


def class_source(text: str) -> str:
    """A class module as an exported .cls holds it, every Attribute line kept (``VB_Exposed``,
    ``Item.VB_UserMemId`` — a default member — and the rest), plus the attributes the VBE adds."""
    lines = text.replace("\r\n", "\n").strip("\n").split("\n")
    present = {ln.split("=")[0].strip() for ln in lines if ln.startswith("Attribute VB_")}
    missing = [a for a in CLASS_ATTRIBUTES if a.split("=")[0].strip() not in present]
    if missing:
        at = max(i for i, ln in enumerate(lines) if ln.startswith("Attribute VB_Exposed")) + 1
        lines[at:at] = missing
    return "\r\n".join(lines) + "\r\n"


def _module(path: Path) -> Module:
    text = path.read_text("ascii")
    if path.suffix == ".cls":
        return Module(path.stem, class_source(text), is_class=True)
    return Module(path.stem, strip_header(text))


def macros_modules(folder: Path) -> list[Module]:
    return [_module(p) for p in sorted(folder.glob("*.bas")) + sorted(folder.glob("*.cls"))]


def xlwings_modules() -> list[Module]:
    """xlwings' standalone VBA (what `xlwings quickstart --standalone` embeds)."""
    import xlwings

    root = Path(xlwings.__file__).parent
    return [_module(root / "xlwings.bas"), _module(root / "addin" / "Dictionary.cls")]


def udf_params(fn) -> list[str]:
    return [p for p in inspect.signature(fn).parameters if p != "caller"]


def udf_wrapper(fn) -> str:
    """The VBA function that calls ``fn`` through xlwings' UDF server (which needs the xlwings DLL).
    In a cell, a failure is the cell's text, never a VBA dialog: :data:`UDF_HELPERS` turns a missing
    DLL into the Chinese message of ``XA_MSG_NO_DLL``."""
    name = fn.__name__
    params = list(inspect.signature(fn).parameters)
    args = ", ".join("Nothing" if p == "caller" else p for p in params)
    lines = [
        f"Function {name}({', '.join(udf_params(fn))})",
        "    If TypeOf Application.Caller Is Range Then On Error GoTo failed",
        f'    {name} = XLPy.CallUDF("{UDF_PY_MODULE}", "{name}", Array({args}), ThisWorkbook, Application.Caller)',
        "    Exit Function",
        "failed:",
        f"    {name} = XaUdfError(Err.Number, Err.Description)",
        "End Function",
    ]
    return "\r\n".join(lines)


#: Error 53 (file not found) and 48 (error loading DLL) come from the Declare of the DLL when it is
#: not on the DLL search path; xlwings raises 1 "Could not load xlwings64-….dll" when Interpreter_Win
#: names a Python whose folder lacks it.
UDF_HELPERS = """Private Function XaText(ByVal key As String) As String
    Dim r As String
    On Error GoTo missing
    r = ThisWorkbook.Names(key).RefersTo
    XaText = Replace(Mid(r, 3, Len(r) - 3), Chr(34) & Chr(34), Chr(34))
    Exit Function
missing:
    XaText = key
End Function

Private Function XaUdfError(ByVal number As Long, ByVal description As String) As String
    If number = 48 Or number = 53 Or (number = 1 And InStr(1, description, ".dll", vbTextCompare) > 0) Then
        XaUdfError = XaText("XA_MSG_NO_DLL") & " (" & description & ")"
    Else
        XaUdfError = description
    End If
End Function""".replace("\n", "\r\n")


def udf_module() -> Module:
    from xladdin.excel.udfs import UDFS

    head = ["' Generated by `xladdin build-template` from xladdin/excel/udfs.py: do not edit.", "Option Explicit", ""]
    body = "\r\n\r\n".join([*(udf_wrapper(fn) for fn in UDFS), UDF_HELPERS])
    return Module(MODULE_UDFS, "\r\n".join(head) + "\r\n" + body + "\r\n")


def project_modules(macros: Path) -> list[Module]:
    return [*macros_modules(macros), udf_module(), *xlwings_modules()]
