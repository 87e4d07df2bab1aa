"""What a file is, when it is not an .xlsx/.xlsm we read: named for the clerk, with what to do.

Detection looks at the bytes (zip parts, OLE stream names, magic numbers), not only the suffix, so a
renamed file is still named correctly. Also: OS errors as one short Chinese reason.
"""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
STRICT_NS = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
STRICT_REL_NS = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"


def convert_command(path: Path) -> str:
    """The command that converts ``path`` to .xlsx beside it."""
    import shlex  # only for this message: not on every reader's start

    return f"soffice --headless --convert-to xlsx --outdir {shlex.quote(str(path.parent))} {shlex.quote(str(path))}"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def ole_kind(path: Path) -> tuple[str, str]:
    """An OLE compound file: an encrypted workbook, a legacy .xls/.et, or a Word .doc."""
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    suffix = path.suffix.lower()
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        return (
            "工作簿设置了打开密码（已加密），无法读取：请在 Excel 中打开，"
            "「文件→信息→保护工作簿→用密码进行加密」清空密码后另存",
            "password-protected (encrypted) workbook",
        )
    if _utf16("WordDocument") in data or suffix in (".doc", ".dot", ".wps"):
        return (
            f"这是 Word 97-2003 文档（{suffix or '.doc'}），不是 Excel 工作簿；"
            "请把表格放进模板，或用 xladdin import 导入",
            "a Word .doc document, not a workbook",
        )
    if suffix in (".et", ".ett"):
        return (
            f"这是 WPS 表格文件（{suffix}），请在 WPS 中另存为 .xlsx，或运行：{convert_command(path)}",
            "a WPS spreadsheet (.et); convert it to .xlsx",
        )
    return (
        f"这是旧版 Excel 97-2003 工作簿（.xls），请在 Excel 中另存为 .xlsx/.xlsm，或运行：{convert_command(path)}",
        "legacy .xls workbook; save it as .xlsx",
    )


def zip_kind(zf: zipfile.ZipFile, path: Path) -> tuple[str, str] | None:
    """A zip that is not a SpreadsheetML package: OpenDocument, Word, PowerPoint…; None when it is
    (or may be) a workbook."""
    names = set(zf.namelist())
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            mime = ""
        if "opendocument.spreadsheet" in mime:
            return (
                f"这是 OpenDocument 表格（.ods），不是 Excel 工作簿；请另存为 .xlsx，或运行：{convert_command(path)}",
                "an OpenDocument spreadsheet (.ods); convert it to .xlsx",
            )
        if "opendocument.text" in mime:
            return ("这是 OpenDocument 文本文档（.odt），不是 Excel 工作簿", "an OpenDocument text, not a workbook")
        if "opendocument" in mime:
            return ("这是 OpenDocument 文档，不是 Excel 工作簿", "an OpenDocument file, not a workbook")
    if "word/document.xml" in names:
        return (
            "这是 Word 文档（.docx），不是 Excel 工作簿；请把表格放进模板，或用 xladdin import 导入",
            "a Word .docx document, not a workbook",
        )
    if "ppt/presentation.xml" in names:
        return ("这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿", "a PowerPoint file, not a workbook")
    if any(n.startswith("xl/") for n in names) or "[Content_Types].xml" in names:
        return None
    return ("这是一个 zip 压缩包，不是 Excel 工作簿；请先解压", "a zip archive, not a workbook")


def strict_workbook(path: Path) -> bool:
    """Whether ``path`` is a Strict Open XML workbook (we read it; openpyxl cannot write it)."""
    try:
        with zipfile.ZipFile(path) as zf:
            head = zf.read("xl/workbook.xml")[:2000]
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, NotImplementedError):
        return False
    return b"purl.oclc.org/ooxml/spreadsheetml/main" in head


STRICT_NO_WRITE = (
    "这是「Strict Open XML 电子表格」格式的工作簿：可以校验，但修改或导出前请在 Excel 中"
    "「另存为 → Excel 工作簿（.xlsx）或启用宏的工作簿（.xlsm）」"
)


_MAGIC = (
    (b"%PDF", "这是 PDF 文件，不是 Excel 工作簿", "a PDF file"),
    (b"{\\rtf", "这是 RTF 文档，不是 Excel 工作簿", "an RTF document"),
    (b"\x89PNG", "这是图片（PNG），不是 Excel 工作簿", "a PNG image"),
    (b"\xff\xd8\xff", "这是图片（JPEG），不是 Excel 工作簿", "a JPEG image"),
    (b"Rar!", "这是 RAR 压缩包，不是 Excel 工作簿；请先解压", "a RAR archive"),
    (b"7z\xbc\xaf", "这是 7z 压缩包，不是 Excel 工作簿；请先解压", "a 7z archive"),
)


def other_kind(path: Path, magic: bytes) -> tuple[str, str]:
    for head, zh, en in _MAGIC:
        if magic.startswith(head):
            return zh, en
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "这是 CSV 文本文件，不是 Excel 工作簿（.xlsx/.xlsm）；请把内容放进模板", "a CSV text file"
    if magic.lstrip().startswith((b"<html", b"<!DOCTYPE html", b"<HTML")) or suffix in (".htm", ".html"):
        return "这是网页（HTML）文件，不是 Excel 工作簿；请在 Excel 中另存为 .xlsx", "an HTML file"
    if magic.lstrip().startswith(b"<?xml"):
        return (
            "这是 XML 文件（可能是 Excel 2003 XML 表格），不是 .xlsx 工作簿；请在 Excel 中另存为 .xlsx",
            "an XML file, not an .xlsx workbook",
        )
    return "不是 Excel 工作簿（.xlsx/.xlsm）", "not an .xlsx/.xlsm workbook"


_REASONS = {
    getattr(errno, name): text
    for name, text in (
        ("EACCES", "没有访问权限"),
        ("EPERM", "操作不被允许"),
        ("ENOENT", "文件或文件夹不存在"),
        ("ENOTDIR", "路径中有一段不是文件夹"),
        ("EISDIR", "这是文件夹"),
        ("ENAMETOOLONG", "路径或文件名过长"),
        ("ENOSPC", "磁盘空间不足"),
        ("EDQUOT", "磁盘配额已用完"),  # not on Windows
        ("EFBIG", "文件超过允许的大小（磁盘配额或文件大小限制）"),
        ("EROFS", "磁盘是只读的"),
        ("ELOOP", "符号链接循环"),
        ("EBUSY", "文件正被占用"),
        ("EMFILE", "打开的文件过多"),
        ("EIO", "磁盘读写错误"),
        ("EEXIST", "文件已存在"),
        ("EXDEV", "不能跨磁盘移动"),
    )
    if hasattr(errno, name)
}
#: Errors that mean the disk (or the quota) is full.
DISK_FULL = frozenset(getattr(errno, n) for n in ("ENOSPC", "EDQUOT") if hasattr(errno, n))


def os_reason(err: OSError) -> str:
    """One short Chinese reason for an OS error (its English text when we have none)."""
    return _REASONS.get(err.errno or -1, err.strerror or type(err).__name__)
