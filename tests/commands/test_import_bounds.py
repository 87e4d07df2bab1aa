"""Every import answers within a bound: what is refused up front (too many tables or cells, a main
part too large, noise named .doc, a damaged OLE container, an encrypted file) is refused before the
expensive work, in one line, nothing written; a LibreOffice conversion has its own shorter timeout.
Text with XML entity references arrives whole or is refused, never cut."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from xladdin.cli import main
from xladdin.commands import importer
from xladdin.io import convert, libreoffice, xlsx
from xladdin.io import docx as docx_reader
from xladdin.io.docx import read_docx
from xladdin.io.grid import ReadError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOISE = random.Random(25).randbytes


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _no_libreoffice(monkeypatch) -> None:
    """LibreOffice must not even start: refusing up front is the point."""

    def started(*args, **kwargs):
        raise AssertionError("LibreOffice was started")

    monkeypatch.setattr(libreoffice, "run_bounded", started)
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")


def _refused(capsys, args: list[str], src: Path, out: Path, *fragments: str) -> str:
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("错误：") and "error:" in err, err
    assert all(f in err for f in fragments), err
    assert not out.exists() and hashlib.sha256(src.read_bytes()).hexdigest() == before
    return err


def _tables(path: Path, n: int, rows: int = 1, cols: int = 2) -> Path:
    document = docx.Document()
    for i in range(n):
        document.add_table(rows=rows, cols=cols).cell(0, 0).text = f"附表3 第{i}"
    document.save(str(path))
    return path


def test_ten_thousand_tables_are_refused_before_they_are_read(tmp_path):
    """In a child process with a generous timeout that only catches a hang (it took minutes before)."""
    src = _tables(tmp_path / "万表.docx", 10_000)
    out = tmp_path / "out.xlsm"
    proc = subprocess.run(
        [sys.executable, "-m", "xladdin", "import", str(src), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(importer.__file__).parents[2])},
    )
    assert proc.returncode == 2 and "表格超过 1,000 个" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_the_table_and_cell_limits_stop_the_parse_where_they_are_passed(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_TABLES", 3)
    with pytest.raises(ReadError, match="表格超过 3 个"):
        read_docx(_tables(tmp_path / "four.docx", 4))
    assert len(read_docx(_tables(tmp_path / "three.docx", 3)).sheets) >= 1
    monkeypatch.setattr(docx_reader, "MAX_CELLS", 10)
    with pytest.raises(ReadError, match="单元格超过 10 个"):
        read_docx(_tables(tmp_path / "cells.docx", 1, rows=4, cols=3))


def test_a_main_part_too_large_is_refused_from_its_declared_size(tmp_path, monkeypatch):
    src = _tables(tmp_path / "big.docx", 2)
    monkeypatch.setattr(docx_reader, "MAX_PART", 1000)
    with pytest.raises(ReadError, match="正文过大"):
        read_docx(src)


def test_a_result_with_too_many_sheets_is_refused_before_it_is_laid_out(example_file, tmp_path, capsys, monkeypatch):
    from xladdin.build import workbook

    monkeypatch.setattr(xlsx, "DEFAULT_LIMITS", xlsx.Limits(sheets=2))
    monkeypatch.setattr(workbook, "specs_for", lambda *a, **k: pytest.fail("laid out before refusing"))
    out = tmp_path / "导入.xlsx"
    _refused(capsys, ["import", str(example_file), "--out", str(out)], example_file, out, "超过校验能读取的 2 张")


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("noise.doc", NOISE(3 * 1024 * 1024), "不是可识别的"),
        ("noise.xls", NOISE(100_000), "不是可识别的"),
        ("empty.doc", b"", "不是可识别的"),
        ("ole-noise.doc", OLE + NOISE(200_000), "文件结构已损坏"),
        ("ole-noise.et", OLE + b"\xff" * 4096, "文件结构已损坏"),
        ("locked.doc", OLE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 2048, "密码"),
        ("text.rtf", "部门名称,金额\n".encode() * 100, "不是可识别的"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v else "",
)
def test_what_libreoffice_would_chew_on_is_refused_up_front(name, data, fragment, tmp_path, capsys, monkeypatch):
    _no_libreoffice(monkeypatch)
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out.xlsm"
    _refused(capsys, ["import", str(src), "--out", str(out)], src, out, fragment)


def test_a_file_too_large_is_not_handed_to_libreoffice(tmp_path, capsys, monkeypatch):
    _no_libreoffice(monkeypatch)
    monkeypatch.setattr(convert, "MAX_BYTES", 100)
    src = tmp_path / "big.doc"
    src.write_bytes(b"{\\rtf1 " + b"x" * 200 + b"}")
    out = tmp_path / "out.xlsm"
    _refused(capsys, ["import", str(src), "--out", str(out)], src, out, "文件过大")


@pytest.mark.parametrize(
    "head",
    [b"{\\rtf1 ", b"<html><body>", b"\xef\xbb\xbf<html>", b"MIME-Version: 1.0\r\n"],
    ids=["rtf", "html", "bom", "mht"],
)
def test_formats_libreoffice_reads_still_go_to_it(head, tmp_path, monkeypatch):
    """RTF, and a web page or MHT saved as .doc (as many bureaus publish them), are converted."""
    seen = []
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")

    def fake(cmd, timeout):
        seen.append(timeout)
        return "", "Error: source file could not be loaded"

    monkeypatch.setattr(libreoffice, "run_bounded", fake)
    src = tmp_path / "表.doc"
    src.write_bytes(head + b"x" * 100)
    with pytest.raises(ReadError, match="无法转换"):
        importer.load_grid(src, tmp_path / "work")
    assert seen == [convert.IMPORT_TIMEOUT]


@pytest.mark.skipif(os.name != "posix", reason="process groups")
def test_an_import_conversion_that_hangs_is_killed_at_its_own_bound(tmp_path, capsys, monkeypatch):
    """A soffice that never ends (and starts a child, as soffice starts soffice.bin): both killed."""
    pidfile = tmp_path / "child"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 120 & echo $! > {pidfile}; wait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: str(fake))
    monkeypatch.setattr(convert, "IMPORT_TIMEOUT", 1)
    src = tmp_path / "slow.rtf"
    src.write_bytes(b"{\\rtf1 hello}")
    out = tmp_path / "out.xlsm"
    _refused(capsys, ["import", str(src), "--out", str(out)], src, out, "超过 1 秒，已停止")
    child = int(pidfile.read_text())
    for _ in range(50):  # the kill is sent before the answer; the child is reaped a moment later
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)


def test_the_import_bound_is_shorter_than_the_general_one():
    assert convert.IMPORT_TIMEOUT < libreoffice.TIMEOUT < 60


# --- XML entity references: the text whole, or refused -----------------------------------------


def _docx_with(tmp_path: Path, text: bytes, dtd: bytes = b"") -> Path:
    base = tmp_path / "base.docx"
    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 0).text = "XNAMEX"
    document.save(str(base))
    with zipfile.ZipFile(base) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    body = parts["word/document.xml"].replace(b"XNAMEX", text)
    if dtd:
        at = body.index(b"?>") + 2
        body = body[:at] + dtd + body[at:]
    parts["word/document.xml"] = body
    out = tmp_path / "entities.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    return out


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"A&amp;B&lt;C&gt;D&quot;E&apos;F", "A&B<C>D\"E'F"),
        (b"\xe9\x80\x80&#x5F79;\xe5\x86\x9b&#20154;", "退役军人"),
        (b"&#x202E;abc", "\u202eabc"),
    ],
    ids=["predefined", "numeric", "bidi"],
)
def test_predefined_entities_and_character_references_arrive_whole(raw, text, tmp_path):
    assert read_docx(_docx_with(tmp_path, raw)).sheets[0].rows[0][0] == text


@pytest.mark.parametrize(
    ("raw", "dtd"),
    [
        (b"AB&custom;CD", b'<!DOCTYPE w:document [<!ENTITY custom "ZZ">]>'),
        (b"AB&amp;CD", b'<!DOCTYPE w:document [<!ENTITY custom "ZZ">]>'),
        (b"AB&nbsp;CD", b""),
        (b"AB&undeclared;CD", b""),
        (b"AB&#0;CD", b""),
        (b"AB&CD", b""),
    ],
    ids=["declared", "dtd-only", "html-entity", "undeclared", "nul-reference", "bare-ampersand"],
)
def test_custom_or_undeclared_entities_are_refused_not_cut(raw, dtd, tmp_path, capsys):
    """Before: a declared entity kept only the text before it (「AB」), silently."""
    src = _docx_with(tmp_path, raw, dtd)
    with pytest.raises(ReadError):
        read_docx(src)
    out = tmp_path / "out.xlsm"
    _refused(capsys, ["import", str(src), "--out", str(out)], src, out, "Word 文档")
