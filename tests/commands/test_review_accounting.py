"""Reviewer mode accounts for every file: checked, or listed with its reason. A crashed worker loses
only its file; --summary is checked before the run; results are never thrown away. And the CLI's
one-line answers to usage and OS errors, a closed pipe included."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import require_soffice

from xladdin.cli import main
from xladdin.commands import review
from xladdin.validate import validate_file

CLI = "import sys; from xladdin.cli import main; sys.exit(main(sys.argv[1:]))"


def _folder(example_file: Path, root: Path) -> Path:
    folder = root / "收件"
    (folder / "二科").mkdir(parents=True)
    (folder / "空文件夹").mkdir()
    shutil.copy(example_file, folder / "a.xlsx")
    shutil.copy(example_file, folder / "二科" / "b.xlsm")
    shutil.copy(example_file, folder / "a.20230101-000000.bak.xlsx")
    (folder / "~$a.xlsx").write_bytes(b"owner")
    (folder / "说明.pdf").write_bytes(b"%PDF-1.4")
    (folder / "通知.docx").write_bytes(b"PK\x03\x04")
    (folder / "._a.xlsx").write_bytes(b"\x00\x05\x16\x07")  # macOS resource fork on a USB stick
    (folder / "断链.xlsx").symlink_to(folder / "不存在.xlsx")
    (folder / "环").symlink_to(folder)
    return folder


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_every_file_is_accounted_for(example_file, tmp_path, capsys):
    folder = _folder(example_file, tmp_path)
    assert main(["validate", str(folder), "--json", "--workers", "2"]) == 1
    data = _json(capsys)
    files = {str(Path(f["file"]).relative_to(folder)): f for f in data["files"]}
    on_disk = {
        str(Path(root, name).relative_to(folder))
        for root, dirs, names in os.walk(folder)
        for name in names + [d for d in dirs if Path(root, d).is_symlink()]
    }
    assert on_disk == set(files)
    expected = validate_file(example_file).summary()
    assert files["a.xlsx"]["summary"] == expected and files[str(Path("二科", "b.xlsm"))]["summary"] == expected
    assert "备份" in files["a.20230101-000000.bak.xlsx"]["skipped"]
    assert "锁文件" in files["~$a.xlsx"]["skipped"] and "macOS" in files["._a.xlsx"]["skipped"]
    assert "不是工作簿" in files["说明.pdf"]["skipped"] and "不是工作簿" in files["通知.docx"]["skipped"]
    assert "断开的链接" in files["断链.xlsx"]["error"]
    assert "链接" in files["环"]["skipped"]
    assert data["summary"]["checked"] == 2 and data["summary"]["unreadable"] == 1


def test_flat_stays_in_the_folder_and_says_so(example_file, tmp_path, capsys):
    folder = _folder(example_file, tmp_path)
    assert main(["validate", str(folder), "--json", "--flat", "--workers", "1"]) == 1
    files = {Path(f["file"]).name: f for f in _json(capsys)["files"]}
    assert "b.xlsm" not in files and "--flat" in files["二科"]["skipped"]


@pytest.mark.parametrize("content", [None, "说明.pdf"])
def test_a_folder_with_none_of_our_files_says_so(tmp_path, capsys, content):
    folder = tmp_path / "empty"
    folder.mkdir()
    if content:
        (folder / content).write_bytes(b"%PDF-1.4")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "没有可校验的工作簿" in err[0]
    if content:
        assert content in err[0]


def test_ods_is_converted_by_libreoffice(example_file, tmp_path, capsys):
    require_soffice()
    from xladdin.io.libreoffice import convert

    folder = tmp_path / "in"
    folder.mkdir()
    ods = convert(example_file, "ods", folder, recalc=False)
    assert main(["validate", str(folder), "--json", "--workers", "1"]) == 1
    [result] = _json(capsys)["files"]
    assert result["file"] == str(ods) and "summary" in result, result
    assert result["summary"]["error"] == validate_file(example_file).summary()["error"]


def test_without_libreoffice_a_convertible_file_is_listed_with_the_command(tmp_path, capsys, monkeypatch):
    from xladdin.io import libreoffice

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "表.et").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert main(["validate", str(folder), "--json", "--workers", "1"]) == 1
    for f in _json(capsys)["files"]:
        assert "LibreOffice" in f["error"] and "soffice --headless --convert-to xlsx" in f["error"]


def test_a_killed_worker_loses_only_its_file(example_file, tmp_path, capsys, monkeypatch):
    """A worker killed as the OOM killer would (SIGKILL): the others' results are kept, the file is
    tried again alone, then listed as not checked."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        shutil.copy(example_file, folder / f"f{i}.xlsx")
    real = review.check_one
    attempts = tmp_path / "attempts"
    attempts.mkdir()

    def deadly(path: str, config=None, only=None):
        if path.endswith("f3.xlsx"):
            (attempts / str(time.monotonic_ns())).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, config, only)

    monkeypatch.setattr(review, "check_one", deadly)  # workers are forked: they see it
    assert main(["validate", str(folder), "--json", "--workers", "2"]) == 1
    files = {Path(f["file"]).name: f for f in _json(capsys)["files"]}
    assert len(files) == 6
    expected = validate_file(example_file).summary()
    assert all(files[f"f{i}.xlsx"].get("summary") == expected for i in (0, 1, 2, 4, 5))
    assert "意外退出" in files["f3.xlsx"]["error"]
    assert len(list(attempts.iterdir())) == 1 + review.RETRIES


# --- the summary workbook's target, checked before the run -------------------------------------------
def _two(example_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(example_file, folder / "a.xlsx")
    return folder


def test_summary_inside_the_reviewed_folder_is_refused_before_the_run(example_file, tmp_path, capsys, monkeypatch):
    folder = _two(example_file, tmp_path)
    monkeypatch.setattr(review, "run_all", lambda *a, **k: pytest.fail("ran before the check"))
    for target in (folder / "a.xlsx", folder / "汇总.xlsx"):
        before = (folder / "a.xlsx").read_bytes()
        assert main(["validate", str(folder), "--summary", str(target), "--force"]) == 2
        assert "被校验的文件夹" in capsys.readouterr().err
        assert (folder / "a.xlsx").read_bytes() == before and not (folder / "汇总.xlsx").exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("无此文件夹/汇总.xlsx", "不存在"),
        ("汇总.txt", ".csv"),  # .xlsx and .csv are the two formats
        ("已有.xlsx", "--force"),
        ("~$open.xlsx", None),
    ],
)
def test_summary_target_problems_are_one_line_before_the_run(
    example_file, tmp_path, capsys, monkeypatch, target, message
):
    folder = _two(example_file, tmp_path)
    (tmp_path / "已有.xlsx").write_bytes(b"keep")
    (tmp_path / "open.xlsx").write_bytes(b"keep")
    (tmp_path / "~$open.xlsx").write_bytes(b"x")
    monkeypatch.setattr(review, "run_all", lambda *a, **k: pytest.fail("ran before the check"))
    path = tmp_path / (target if target != "~$open.xlsx" else "open.xlsx")
    assert main(["validate", str(folder), "--summary", str(path)] + (["--force"] if message is None else [])) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert (message or "Excel 中打开") in err[0]
    assert (tmp_path / "已有.xlsx").read_bytes() == b"keep"


def test_a_summary_that_fails_at_the_end_keeps_the_results(example_file, tmp_path, capsys, monkeypatch):
    folder = _two(example_file, tmp_path)
    target = tmp_path / "汇总.xlsx"
    real = review.write_summary
    calls = []

    def failing(results, out):
        calls.append(out)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        return real(results, out)

    monkeypatch.setattr(review, "write_summary", failing)
    assert main(["validate", str(folder), "--summary", str(target)]) == 2
    out, err = capsys.readouterr()
    errors = validate_file(example_file).summary()["error"]
    assert f"a.xlsx：{errors} 个错误" in out  # printed before the summary was attempted
    assert "磁盘空间不足" in err and "已另存为" in err
    saved = Path(calls[1])
    assert openpyxl.load_workbook(saved)["汇总"]["A2"].value == "a.xlsx"
    saved.unlink()
    assert not target.exists()


# --- CLI: usage and OS errors are one line; a closed pipe is quiet -----------------------------------
@pytest.mark.parametrize("workers", ["0", "-3", "two"])
def test_workers_must_be_positive(tmp_path, workers, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["validate", str(tmp_path), "--workers", workers])
    assert exit_.value.code == 2 and "--workers" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("path", "fragment"),
    [("x" * 300 + ".xlsx", "过长"), ("无此文件.xlsx", "不存在"), ("无此文件夹/a.xlsx", "不存在")],
)
def test_os_errors_are_one_line(tmp_path, capsys, path, fragment):
    for command in (["validate"], ["sync"], ["new-fund", "--name", "x", "--amount", "1"]):
        assert main([command[0], str(tmp_path / path), *command[1:]]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("错误：") and fragment in err[0], err


def test_permission_denied_is_one_line(example_file, tmp_path, capsys, monkeypatch):
    """(As root a chmod does not deny: the OS error is injected where the file is opened.)"""
    from pathlib import Path as P

    real_open = P.open

    def denied(self, *a, **k):
        if self.name == "locked.xlsx":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)

    shutil.copy(example_file, tmp_path / "locked.xlsx")
    monkeypatch.setattr(P, "open", denied)
    assert main(["validate", str(tmp_path / "locked.xlsx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "没有访问权限" in err[0]


def test_a_closed_pipe_exits_quietly(example_file):
    for args in (["rules"], ["validate", str(example_file)]):
        proc = subprocess.run(
            f"{sys.executable} -c '{CLI}' {' '.join(args)} | head -1",
            shell=True,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.stderr == "" and len(proc.stdout.splitlines()) == 1, proc.stderr


def test_ctrl_c_keeps_what_was_checked(example_file, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        shutil.copy(example_file, folder / f"f{i}.xlsx")
    real = review._run_pool

    def interrupted(jobs, config, workers, done, tick):
        real(dict(list(jobs.items())[:2]), config, workers, done, tick)
        raise KeyboardInterrupt

    monkeypatch.setattr(review, "_run_pool", interrupted)
    target = tmp_path / "汇总.xlsx"
    assert main(["validate", str(folder), "--summary", str(target), "--workers", "2"]) == 1
    out = capsys.readouterr().out
    errors = validate_file(example_file).summary()["error"]
    assert out.count(f"：{errors} 个错误") == 2 and out.count("已中断，未检查") == 3
    assert len(openpyxl.load_workbook(target)["无法读取或跳过"]["A"]) == 4  # header + the 3 not checked
