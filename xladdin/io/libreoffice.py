"""LibreOffice headless: convert a workbook to PDF or .xlsx, recalculating every formula on load.

Each call uses a private profile (parallel runs on one profile collide) in which
``OOXMLRecalcMode`` is 0 ("always recalculate"), so a converted .xlsx holds LibreOffice's own results.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: Seconds one conversion may take; then LibreOffice (its whole process group) is killed.
TIMEOUT = 50

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


def convert(
    src: str | Path, fmt: str, outdir: str | Path, *, recalc: bool = True, timeout: float | None = None
) -> Path:
    """Convert ``src`` to ``fmt`` ("pdf", "xlsx", "docx" or "ext:Filter") in ``outdir``; returns the new file's path.
    Past ``timeout`` seconds (default :data:`TIMEOUT`) LibreOffice's process group is killed."""
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
        stdout, stderr = run_bounded(cmd, TIMEOUT if timeout is None else timeout)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    if not out.exists():
        raise RuntimeError(f"LibreOffice 转换失败：{first_line(stderr) or first_line(stdout) or '未生成文件'}")
    return out


def first_line(text: str, limit: int = 200) -> str:
    """The first non-blank line of a program's output, cut to ``limit`` characters (a crash's
    40-line backtrace is not an error line)."""
    line = next((x.strip() for x in (text or "").splitlines() if x.strip()), "")
    return line if len(line) <= limit else line[:limit] + "…"


def run_bounded(cmd: list[str], timeout: float) -> tuple[str, str]:
    """Run ``cmd`` in its own process group; past ``timeout`` seconds (or on Ctrl-C) the whole group
    is killed — soffice is a script whose soffice.bin would otherwise go on at full CPU — and
    :class:`subprocess.TimeoutExpired` is raised."""
    import os
    import signal

    posix = os.name == "posix"
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=posix
    )

    def kill() -> None:
        try:
            if posix:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass

    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill()
        proc.communicate()
        raise
    except BaseException:
        kill()
        proc.wait()
        raise
    if posix:  # a child left behind by a crash is not left running either
        kill()
    return stdout, stderr
