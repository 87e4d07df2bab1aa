"""A write touches only the file it was asked to write; text stays text; a failed write leaves the
original intact and no temporary file; concurrent writers are serialised."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import digest

from xladdin.cli import main
from xladdin.io import save
from xladdin.io.save import SaveRefused, atomic_write, locked
from xladdin.reader import read_workbook

HOSTILE = '=HYPERLINK("#A1","点我")'
CLI = "import sys; from xladdin.cli import main; sys.exit(main(sys.argv[1:]))"


def _cell_xml(path: Path, sheet_name: str, ref: str) -> str:
    """The raw <c> element of a cell (to see whether it is a string or a formula)."""
    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(sheet_name) + 1
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(f"xl/worksheets/sheet{index}.xml").decode()
    start = xml.index(f'<c r="{ref}"')
    return xml[start : xml.index("</c>", start) + 4]


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith((".xladdin-tmp-", ".tmp-")) or p.suffix == ".tmp"]


# --- text stays text ---------------------------------------------------------------------------
def test_new_fund_writes_a_formula_looking_name_as_text(work):
    assert main(["new-fund", str(work), "--name", HOSTILE, "--amount", "5"]) == 0
    sheet = f"附表3-{HOSTILE}"
    xml = _cell_xml(work, sheet, "E4")
    assert "<f>" not in xml and ('t="inlineStr"' in xml or 't="s"' in xml), xml
    f3 = next(f for f in read_workbook(work).submission.form3s if f.sheet == sheet)
    assert f3.direction == HOSTILE


def test_sync_moves_a_typed_formula_looking_text_as_text(work):
    """An orphan row of 附表2 (no 附表3) moves below the linked ones: its text stays text."""
    wb = openpyxl.load_workbook(work)
    ws = wb["附表2"]
    ws["B6"].value, ws["B6"].data_type = "=cmd|' /C calc'!A0", "s"
    wb.save(work)
    assert main(["sync", str(work)]) == 0
    wb = openpyxl.load_workbook(work)
    moved = [c for row in wb["附表2"].iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0"]
    assert moved and all(c.data_type == "s" for c in moved)


def test_export_carries_no_formula_the_project_did_not_write(work, tmp_path):
    wb = openpyxl.load_workbook(work)
    wb["附表2"]["E7"] = '=HYPERLINK("http://example.invalid","点击")'  # a live foreign formula
    ws = wb["附表2"]
    ws["D7"].value, ws["D7"].data_type = "=WEBSERVICE(1)", "s"  # text that looks like one
    wb.save(work)
    out = tmp_path / "out"
    assert main(["export", str(work), "--out", str(out), "--force"]) == 0
    [xlsx] = out.glob("*.xlsx")
    formulas = []
    with zipfile.ZipFile(xlsx) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = zf.read(name).decode()
                formulas += [xml[i : xml.index("</f>", i)] for i in range(len(xml)) if xml.startswith("<f>", i)]
    assert formulas and not [f for f in formulas if "HYPERLINK" in f or "WEBSERVICE" in f or "|" in f]
    copy = openpyxl.load_workbook(xlsx)["附表2"]
    assert copy["D7"].value == "=WEBSERVICE(1)" and copy["D7"].data_type == "s"
    assert copy["C5"].data_type == "f"  # our own total stays a formula


def test_summary_workbook_keeps_a_formula_looking_file_name_as_text(example_file, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(example_file, folder / "=1+1.xlsx")
    out = tmp_path / "汇总.xlsx"
    assert main(["validate", str(folder), "--summary", str(out), "--workers", "1"]) == 1
    ws = openpyxl.load_workbook(out)["汇总"]
    assert ws["A2"].value == "=1+1.xlsx" and ws["A2"].data_type == "s"


def test_excel_literal_and_set_value():
    from openpyxl import Workbook

    from xladdin.io.openpyxl_writer import set_value
    from xladdin.values import excel_literal

    for text in ("=1+1", "+1", "-x", "@SUM(A1)", "'quoted", "0012", "1/2", "50%", "2023-01-01", "TRUE", "#REF!"):
        assert excel_literal(text) == "'" + text
    for text in ("数量指标", "2023年度", "≥95%", "abc=1", ""):
        assert excel_literal(text) == text
    assert excel_literal(12.5) == 12.5
    cell = Workbook().active["A1"]
    set_value(cell, "=1+1")
    assert cell.data_type == "s" and cell.value == "=1+1"
    set_value(cell, None, "=SUM(B1:B2)")
    assert cell.data_type == "f"
    with pytest.raises(ValueError):
        set_value(cell, float("nan"))


# --- numbers --------------------------------------------------------------------------------
@pytest.mark.parametrize("amount", ["1e400", "NaN", "inf", "-1", "1e10", "0.1234567890123456789", "五十"])
def test_new_fund_refuses_an_amount_it_could_not_store(work, amount, capsys):
    before = digest(work)
    assert main(["new-fund", str(work), "--name", "新专项", "--amount", amount]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "金额" in err[0] and "Traceback" not in err[0]
    assert digest(work) == before


def test_new_fund_stores_exactly_the_amount_it_reports(work, capsys):
    assert main(["new-fund", str(work), "--name", "新专项", "--amount", "1,234.56万元"]) == 0
    assert "增加 1234.56 万元" in capsys.readouterr().out
    f3 = next(f for f in read_workbook(work).submission.form3s if f.direction == "新专项")
    assert f3.project_amount == 1234.56 and f3.parent_amount == 1234.56


# --- where a write lands ------------------------------------------------------------------------
def test_a_symlink_is_written_through_and_permission_bits_are_kept(work, tmp_path):
    os.chmod(work, 0o640)
    link = tmp_path / "link.xlsx"
    link.symlink_to(work.name)
    assert main(["new-fund", str(link), "--name", "新专项", "--amount", "5"]) == 0
    assert link.is_symlink() and os.readlink(link) == work.name
    assert any(f.direction == "新专项" for f in read_workbook(work).submission.form3s)
    assert oct(work.stat().st_mode & 0o777) == oct(0o640)
    assert _no_temp_files(tmp_path)


def test_export_never_replaces_the_source(work, capsys):
    name = "2023年绩效目标表-株洲市石峰区退役军人事务局.xlsx"
    source = work.rename(work.with_name(name))
    before = digest(source)
    assert main(["export", str(source), "--out", str(source.parent), "--force"]) == 2
    assert "原工作簿" in capsys.readouterr().err
    assert digest(source) == before


def test_export_replaces_an_earlier_export_only_with_force(work, tmp_path, capsys, monkeypatch):
    from xladdin.io import libreoffice

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)  # the PDF is not the point here
    out = tmp_path / "out"
    out.mkdir()
    target = out / "2023年绩效目标表-株洲市石峰区退役军人事务局.xlsx"
    target.write_bytes(b"someone else's file")
    assert main(["export", str(work), "--out", str(out), "--force"]) == 0  # --force: replaced
    assert zipfile.is_zipfile(target)
    monkeypatch.setattr("xladdin.commands.export.check", lambda reading, *args: _NoErrors())
    target.write_bytes(b"keep me")
    assert main(["export", str(work), "--out", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_bytes() == b"keep me"


class _NoErrors:
    errors = 0
    findings = ()

    def counts_zh(self) -> str:
        return "0 个错误，0 个警告"


def test_export_refuses_while_the_target_is_open_in_excel(work, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "2023年绩效目标表-株洲市石峰区退役军人事务局.xlsx"
    target.write_bytes(b"open in Excel")
    (out / ("~$" + target.name)).write_bytes(b"owner")
    assert main(["export", str(work), "--out", str(out), "--force"]) == 2
    assert "Excel 中打开" in capsys.readouterr().err and target.read_bytes() == b"open in Excel"


def test_export_out_naming_a_file_is_one_line(work, capsys):
    assert main(["export", str(work), "--out", str(work), "--force"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "不是文件夹" in err[0]


# --- failures leave the original and no temporary file ------------------------------------------
def test_disk_full_leaves_the_original_and_no_temp_file(work):
    before = digest(work)

    def full(tmp: Path) -> None:
        tmp.write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(SaveRefused, match="磁盘空间不足"):
        atomic_write(work, full)
    assert digest(work) == before and _no_temp_files(work.parent)
    assert [p.name for p in work.parent.iterdir()] == [work.name]  # no backup left either


def test_a_file_size_limit_mid_save_is_one_line(work):
    """A real failing write (RLIMIT_FSIZE, as a full quota does): one line, original intact."""
    before = digest(work)
    code = (
        "import resource, signal, sys;"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000));"
        "from xladdin.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "new-fund", str(work), "--name", "新专项", "--amount", "5"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "原文件未改动" in lines[0], proc.stderr
    assert digest(work) == before and _no_temp_files(work.parent)
    assert [p.name for p in work.parent.iterdir()] == [work.name]


def test_a_killed_save_leaves_the_original_and_the_next_save_sweeps_its_temp_file(work):
    before = digest(work)
    code = (
        "import os, signal, sys, time\n"
        "from pathlib import Path\n"
        "from xladdin.io.save import atomic_write\n"
        "def write(tmp):\n"
        "    tmp.write_bytes(b'half a workbook')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "atomic_write(Path(sys.argv[1]), write)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(work)], timeout=60, check=False)
    assert proc.returncode == -signal.SIGKILL
    assert digest(work) == before
    assert not _no_temp_files(work.parent)  # SIGKILL: nothing can clean up at that moment
    assert main(["new-fund", str(work), "--name", "新专项", "--amount", "5"]) == 0
    assert _no_temp_files(work.parent)  # the next save in the folder swept it


def test_sigterm_mid_save_cleans_up(work):
    before = digest(work)
    code = (
        "import os, signal, sys, time\n"
        "from pathlib import Path\n"
        "import xladdin.io.surgical as w\n"
        "from xladdin.cli import main\n"
        "real = w.Package.save\n"
        "def slow(pkg, out):\n"
        "    real(pkg, out); open(sys.argv[2], 'w').close(); time.sleep(30)\n"
        "w.Package.save = slow\n"
        "from openpyxl.workbook.workbook import Workbook\n"
        "real_wb = Workbook.save\n"
        "def slow_wb(wb, out):\n"
        "    real_wb(wb, out); open(sys.argv[2], 'w').close(); time.sleep(30)\n"
        "Workbook.save = slow_wb\n"
        "sys.exit(main(['new-fund', sys.argv[1], '--name', '新专项', '--amount', '5']))\n"
    )
    flag = work.parent.parent / "started"
    proc = subprocess.Popen([sys.executable, "-c", code, str(work), str(flag)], stderr=subprocess.PIPE, text=True)
    for _ in range(600):
        if flag.exists():
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "Traceback" not in err and "已中断" in err
    assert digest(work) == before and _no_temp_files(work.parent)


# --- one writer at a time -----------------------------------------------------------------------
def test_concurrent_new_funds_are_all_kept(work):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLI, "new-fund", str(work), "--name", f"并发专项{i}", "--amount", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "XLADDIN_LOCK_WAIT": "100"},  # a loaded machine: all kept, not a wait bound
        )
        for i in range(3)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    sub = read_workbook(work).submission
    assert {f"并发专项{i}" for i in range(3)} <= {f.direction for f in sub.form3s}
    assert {f"并发专项{i}" for i in range(3)} <= {f.name for f in sub.form2.funds}


def test_a_second_writer_waits_then_refuses_in_one_line(work, monkeypatch, capsys):
    before = digest(work)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from xladdin.io.save import locked\n"
            "with locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(20)",
            str(work),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(save, "LOCK_WAIT", 0.5)
        start = time.monotonic()
        assert main(["new-fund", str(work), "--name", "新专项", "--amount", "5"]) == 2
        assert 0.4 < time.monotonic() - start < 15
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "正被另一个 xladdin 命令修改" in err[0]
        assert digest(work) == before
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_reentrant_and_follows_a_replaced_file(work):
    with locked(work), locked(work):
        atomic_write(work, lambda tmp: shutil.copyfile(work, tmp), backup=False)
    with locked(work, wait=0):
        pass


@pytest.mark.parametrize(
    "command", [["new-fund", "--name", "新专项", "--amount", "5"], ["sync"], ["export", "--out", "OUT", "--force"]]
)
def test_a_strict_ooxml_workbook_is_read_but_not_written(example_file, tmp_path, capsys, command):
    from corpus import CASES

    strict = next(c for c in CASES if c.name == "strict_ooxml").make(example_file, tmp_path)
    before = digest(strict)
    args = [a if a != "OUT" else str(tmp_path / "out") for a in command]
    assert main([args[0], str(strict), *args[1:]]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Strict Open XML" in err[0]
    assert digest(strict) == before and not (tmp_path / "out").exists()


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_is_never_opened_to_be_locked(kind, tmp_path):
    """Opening a FIFO waits for a writer and hashing /dev/zero never ends: both hung rollover and sync."""
    path = tmp_path / "book.xlsm"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(SaveRefused, match="不是普通文件"), locked(path):
        pass
    assert save.fingerprint(path) is None


def test_a_read_only_file_is_refused_even_to_an_administrator(work, capsys):
    """os.access says yes to root; the file's own read-only mark is what the clerk set."""
    before = digest(work)
    work.chmod(0o444)
    try:
        assert main(["validate", str(work), "--fix"]) == 2
        assert "只读" in capsys.readouterr().err and digest(work) == before
        assert not list(work.parent.glob("*.bak*"))
    finally:
        work.chmod(0o644)
