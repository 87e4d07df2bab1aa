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


def to_xlsx(src: Path, workdir: Path) -> Path:
    """Convert a spreadsheet LibreOffice reads (.xls, .ods, .et …) to .xlsx in ``workdir``.

    Formulas keep LibreOffice's cached results; no formula is recalculated on the way.
    """
    return _convert(Path(src), Path(workdir), "xlsx", "calc")


def to_docx(src: Path, workdir: Path) -> Path:
    """Convert a Word document LibreOffice reads (.doc, .wps, .odt, .rtf …) to .docx in ``workdir``."""
    return _convert(Path(src), Path(workdir), "docx", "writer")


def _convert(src: Path, workdir: Path, fmt: str, module: str) -> Path:
    from xladdin.io.libreoffice import LibreOfficeMissing, convert

    if not src.is_file():
        raise ReadError(f"找不到文件：{src}", f"no such file: {src}")
    try:
        out = convert(src, fmt, workdir, recalc=False)
    except LibreOfficeMissing:
        raise ReadError(_MISSING_ZH.format(name=src.name), _MISSING_EN.format(suffix=src.suffix or "these")) from None
    except subprocess.TimeoutExpired:
        raise ReadError(f"LibreOffice 转换 {src.name} 超时", f"LibreOffice timed out converting {src.name}") from None
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
