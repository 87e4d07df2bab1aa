"""LibreOffice is bounded: past its time its whole process group is killed (soffice.bin included),
and a crash's output becomes one short line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xladdin.io import libreoffice

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def test_a_timeout_kills_the_whole_group(tmp_path):
    """A script that starts a grandchild (as soffice starts soffice.bin) and both sleep."""
    pidfile = tmp_path / "grandchild"
    script = f"sleep 60 & echo $! > {pidfile}; wait"
    start = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        libreoffice.run_bounded(["sh", "-c", script], 1.0)
    assert time.monotonic() - start < 10
    grandchild = int(pidfile.read_text())
    time.sleep(0.2)
    assert not _alive(grandchild)


def test_a_crash_is_one_line(monkeypatch, tmp_path):
    trace = "\n".join(["", "Fatal exception: Signal 6", *(f"  frame {i} in soffice.bin" for i in range(40))])
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\ncat >&2 <<'EOF'\n{trace}\nEOF\nexit 134\n")
    fake.chmod(0o755)
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: str(fake))
    src = tmp_path / "a.xlsx"
    src.write_bytes(b"PK")
    with pytest.raises(RuntimeError) as err:
        libreoffice.convert(src, "pdf", tmp_path / "out")
    assert str(err.value) == "LibreOffice 转换失败：Fatal exception: Signal 6"


def test_first_line():
    assert libreoffice.first_line("\n\n  a  \nb") == "a"
    assert libreoffice.first_line("x" * 300) == "x" * 200 + "…"
    assert libreoffice.first_line("") == ""


def test_the_bound_is_under_a_minute():
    assert libreoffice.TIMEOUT < 60


def test_ctrl_c_kills_the_group_too(tmp_path):
    pidfile = tmp_path / "grandchild"
    code = (
        "import sys, signal, threading, os\n"
        "from xladdin.io import libreoffice\n"
        "threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()\n"
        f"try:\n    libreoffice.run_bounded(['sh', '-c', 'sleep 60 & echo $! > {pidfile}; wait'], 30)\n"
        "except KeyboardInterrupt:\n    sys.exit(3)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(libreoffice.__file__).parents[2])}
    proc = subprocess.run([sys.executable, "-c", code], timeout=30, env=env, check=False)
    assert proc.returncode == 3
    time.sleep(0.2)
    assert not _alive(int(pidfile.read_text()))
