"""LibreOffice headless: convert a workbook to PDF or .xlsx, recalculating every formula on load.

Each call uses a private profile (parallel runs on one profile collide) in which
``OOXMLRecalcMode`` is 0 ("always recalculate"), so a converted .xlsx holds LibreOffice's own results.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 180

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class LibreOfficeMissing(Exception):
    """soffice is not installed."""


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: str | Path, fmt: str, outdir: str | Path, *, recalc: bool = True) -> Path:
    """Convert ``src`` to ``fmt`` ("pdf", "xlsx", "docx" or "ext:Filter") in ``outdir``; returns the new file's path."""
    exe = find_soffice()
    if exe is None:
        raise LibreOfficeMissing("LibreOffice (soffice) 未安装")
    src, outdir = Path(src).resolve(), Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xladdin-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        if recalc:
            (user / "registrymodifications.xcu").write_text(_XCU, "utf-8")
        target = {
            "pdf": "pdf:calc_pdf_Export",
            "xlsx": "xlsx:Calc MS Excel 2007 XML",
            "docx": "docx:MS Word 2007 XML",
        }.get(fmt, fmt)
        cmd = [
            exe,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(src),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    if not out.exists():
        raise RuntimeError(f"LibreOffice 转换失败：{proc.stderr.strip() or proc.stdout.strip()}")
    return out
