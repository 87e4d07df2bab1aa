"""A write re-checks its source: the version read (size, time, SHA-256 when the lock was taken) must
still be the file on disk just before the rename; a file another program replaced meanwhile (Excel
saves by renaming) is refused in one line and nothing changes. Writers of one book take turns,
rollover included. XLADDIN_LOCK_WAIT must be a number of seconds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import digest

from xladdin.cli import main
from xladdin.io import save, surgical

TEMP = save.TEMP_PREFIX


def _replace_during_save(monkeypatch, victim: Path, other: bytes) -> None:
    """While the new file is being written, another program saves ``victim`` (by renaming)."""
    real = surgical.Package.save

    def save_and_race(pkg, out):
        real(pkg, out)
        fresh = victim.with_name("excel-save.tmp")
        fresh.write_bytes(other)
        os.replace(fresh, victim)

    monkeypatch.setattr(surgical.Package, "save", save_and_race)
    # a workbook whose 自查 is laid out again is written through openpyxl: the same race there
    from openpyxl.workbook.workbook import Workbook

    real_wb = Workbook.save

    def wb_save_and_race(wb, out):
        real_wb(wb, out)
        fresh = victim.with_name("excel-save.tmp")
        fresh.write_bytes(other)
        os.replace(fresh, victim)

    monkeypatch.setattr(Workbook, "save", wb_save_and_race)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP) or ".bak." in p.name)


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{book}", "--fix"],
        ["suggest", "{book}", "--write"],
        ["new-fund", "{book}", "--name", "新专项", "--amount", "5"],
        ["sync", "{book}"],
    ],
    ids=["fix", "suggest", "new-fund", "sync"],
)
def test_a_book_replaced_while_writing_is_refused(argv, example_file, tmp_path, monkeypatch, capsys):
    book = tmp_path / "b.xlsx"
    shutil.copy(example_file, book)
    theirs = tmp_path / "theirs.xlsx"
    shutil.copy(example_file, theirs)
    import openpyxl

    wb = openpyxl.load_workbook(theirs)
    wb["附表1"]["B4"].value = "另一个程序保存的版本"
    wb.save(theirs)
    other = theirs.read_bytes()
    _replace_during_save(monkeypatch, book, other)
    code = main([a.format(book=book) for a in argv])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "被另一个程序改动或替换" in err[0] and "未写入" in err[0]
    assert book.read_bytes() == other  # their version stays, ours was not written over it
    assert _leftovers(tmp_path) == []


def test_rollover_refuses_a_source_replaced_while_writing(example_file, tmp_path, monkeypatch, capsys):
    src = tmp_path / "2023.xlsx"
    shutil.copy(example_file, src)
    _replace_during_save(monkeypatch, src, example_file.read_bytes() + b"\0")
    out = tmp_path / "2024.xlsx"
    assert main(["rollover", str(src), "--year", "2024", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "被另一个程序改动或替换" in err and not out.exists() and _leftovers(tmp_path) == []


def test_an_unchanged_book_is_written(example_file, tmp_path):
    book = tmp_path / "b.xlsx"
    shutil.copy(example_file, book)
    before = digest(book)
    assert main(["validate", str(book), "--fix", "--json"]) == 1
    assert digest(book) != before


def test_rollover_waits_for_a_writer_of_its_source(example_file, tmp_path):
    """A command holding the book's lock (new-fund mid-write) makes rollover wait, not read half."""
    src = tmp_path / "2023.xlsx"
    shutil.copy(example_file, src)
    ready = tmp_path / "ready"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from xladdin.io.save import locked\n"
            "with locked(Path(sys.argv[1])):\n"
            "    Path(sys.argv[2]).touch(); time.sleep(1.5)\n",
            str(src),
            str(ready),
        ],
        env={**os.environ, "PYTHONPATH": str(Path(save.__file__).parents[2])},
    )
    try:
        for _ in range(400):
            if ready.exists():
                break
            time.sleep(0.025)
        start = time.monotonic()
        assert main(["rollover", str(src), "--year", "2024", "--out", str(tmp_path / "2024.xlsx")]) == 0
        assert time.monotonic() - start >= 0.8  # it waited for the lock
    finally:
        holder.wait(timeout=30)


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1", "1e9", "10秒"])
def test_lock_wait_must_be_seconds(value, example_file, tmp_path, capsys):
    book = tmp_path / "b.xlsx"
    shutil.copy(example_file, book)
    before = digest(book)
    proc = subprocess.run(
        [sys.executable, "-m", "xladdin", "sync", str(book)],
        env={**os.environ, "XLADDIN_LOCK_WAIT": value, "PYTHONPATH": str(Path(save.__file__).parents[2])},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "XLADDIN_LOCK_WAIT" in lines[0] and "error:" in lines[0]
    assert digest(book) == before


@pytest.mark.parametrize(("value", "seconds"), [("0", 0.0), ("2.5", 2.5), ("3600", 3600.0), (None, 10.0), ("", 10.0)])
def test_lock_wait_values(value, seconds):
    assert save._lock_wait(value) == seconds
