"""Old formats in, modern ones out: .xls/.ods/.et → .xlsx and .doc → .docx through LibreOffice headless.

Each run uses its own private LibreOffice profile (``io/libreoffice.py``), so parallel conversions
never collide. Every failure is a :class:`~xladdin.io.grid.ReadError` with one Chinese line.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from xladdin.io.grid import ReadError

SHEET_SUFFIXES = frozenset({".xls", ".ods", ".et", ".ett", ".xlt", ".fods"})
WORD_SUFFIXES = frozenset({".doc", ".wps", ".odt", ".rtf", ".dot", ".wpt"})

_INSTALL = (
    "请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-calc libreoffice-writer；"
    "Windows：从 libreoffice.org 下载安装）"
)
_MISSING_ZH = "需要 LibreOffice 才能读取 {name}：" + _INSTALL
_MISSING_EN = "LibreOffice (soffice) is not installed; it converts {suffix} files"


#: Seconds an import's conversion may take: a form's .doc converts in a few seconds (under 10 on a
#: loaded machine), so an import answers well within a minute when LibreOffice hangs on a file.
IMPORT_TIMEOUT = 30


def to_xlsx(src: Path, workdir: Path) -> Path:
    """Convert a spreadsheet LibreOffice reads (.xls, .ods, .et …) to .xlsx in ``workdir``.

    Formulas keep LibreOffice's cached results; no formula is recalculated on the way.
    """
    return _convert(Path(src), Path(workdir), "xlsx", "calc")


def to_docx(src: Path, workdir: Path) -> Path:
    """Convert a Word document LibreOffice reads (.doc, .wps, .odt, .rtf …) to .docx in ``workdir``."""
    return _convert(Path(src), Path(workdir), "docx", "writer")


#: Largest file handed to LibreOffice (as the readers' own limit).
MAX_BYTES = 50 * 1024 * 1024
#: How the formats LibreOffice converts for us begin: an OLE compound file (.doc/.xls/.et/.wps), a zip
#: (.odt/.ods, or a .docx/.xlsx renamed), RTF, and markup (flat ODF, HTML or MHT saved as .doc/.xls).
_STARTS = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"{\\rtf", b"<", b"MIME-Version")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _check_before_converting(src: Path, module: str) -> None:
    """What LibreOffice would chew on for its whole timeout is refused in a moment: a file too large,
    an encrypted one, or one whose bytes are no format it converts (3 MB of noise named .doc)."""
    from xladdin.io.formats import OLE_MAGIC, ole_kind

    what = "Word 文档" if module == "writer" else "工作簿"
    try:
        size = src.stat().st_size
        with src.open("rb") as f:
            head = f.read(512)
    except OSError as exc:
        raise ReadError(f"无法打开文件：{src.name}（{exc.strerror or exc}）", f"cannot open {src.name}") from None
    if size > MAX_BYTES:
        raise ReadError(f"文件过大（{size // 1048576} MB，上限 {MAX_BYTES // 1048576} MB）", "file too large")
    text = head
    for bom in _BOMS:
        if text.startswith(bom):
            text = text[len(bom) :].replace(b"\0", b"")
            break
    if not text.lstrip().startswith(_STARTS):
        raise ReadError(
            f"「{src.name}」的内容不是可识别的{what}（文件可能已损坏或只是改了扩展名），未导入",
            f"{src.name} is no document or workbook LibreOffice converts (damaged or renamed?)",
        )
    if head.startswith(OLE_MAGIC):
        zh, en = ole_kind(src)
        if en.startswith("password"):
            raise ReadError(zh.replace("工作簿", "文件"), en)
        _check_ole(src, what)


def _check_ole(src: Path, what: str) -> None:
    """An OLE compound file whose directory does not even open (an OLE header over noise) would keep
    LibreOffice busy until its timeout: refused now."""
    import olefile

    try:
        with olefile.OleFileIO(str(src)) as ole:
            ole.listdir()
    except Exception:  # olefile raises many kinds on a damaged container; all mean the same here
        raise ReadError(
            f"「{src.name}」不是完好的{what}（文件结构已损坏），未导入",
            f"{src.name}: damaged OLE compound file",
        ) from None


def _convert(src: Path, workdir: Path, fmt: str, module: str) -> Path:
    from xladdin.io.libreoffice import LibreOfficeMissing, convert

    if not src.is_file():
        raise ReadError(f"找不到文件：{src}", f"no such file: {src}")
    from xladdin.io.libreoffice import find_soffice

    if find_soffice() is not None:  # without it, how to install it is the answer whatever the file
        _check_before_converting(src, module)
    try:
        out = convert(src, fmt, workdir, recalc=False, timeout=IMPORT_TIMEOUT)
    except LibreOfficeMissing:
        raise ReadError(_MISSING_ZH.format(name=src.name), _MISSING_EN.format(suffix=src.suffix or "these")) from None
    except subprocess.TimeoutExpired:
        raise ReadError(
            f"LibreOffice 转换 {src.name} 超过 {IMPORT_TIMEOUT} 秒，已停止（文件可能已损坏）",
            f"LibreOffice timed out converting {src.name}; stopped",
        ) from None
    except RuntimeError as exc:
        hint = "" if module == "calc" else "（Word 文档需要 LibreOffice Writer：apt-get install libreoffice-writer）"
        raise ReadError(
            f"LibreOffice 无法转换 {src.name}，文件可能已损坏或格式不受支持{hint}",
            f"LibreOffice could not convert {src.name}: {exc}",
        ) from None
    except OSError as exc:
        raise ReadError(f"无法运行 LibreOffice：{exc.strerror or exc}", f"cannot run LibreOffice: {exc}") from None
    if out.suffix.lower() != "." + fmt:
        raise ReadError(f"LibreOffice 未生成 .{fmt} 文件：{src.name}", f"LibreOffice wrote no .{fmt}")
    return out
