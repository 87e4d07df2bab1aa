"""Inputs that are merely odd get one line in Chinese and English (exit 2), never a traceback or a
hang: a settings file nested 5,000 deep or with a 5,000-digit number, a pipe or a device where a file
is expected, a symbolic-link loop in a reviewed folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import digest

from xladdin.cli import main

ROOT = Path(__file__).parents[2]


def _one_line(capsys, *fragments: str) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误：") and "error:" in err[0], err
    assert all(f in err[0] for f in fragments), err[0]
    return err[0]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[severity]\nA101 = " + "[" * 5000 + "]" * 5000 + "\n", "嵌套超过"),
        ("[amounts]\ntolerance = " + "9" * 5000 + "\n", "数字过长"),
        ("[amounts]\ntolerance = " + "9" * 4000 + "\n", "超出范围"),
        ("# it's a comment [[[[\n[amounts]\ntolerance = 0.01\n", ""),
    ],
    ids=["deep", "5000-digits", "4000-digits", "comment"],
)
def test_config_limits(text, fragment, example_file, tmp_path, capsys):
    cfg = tmp_path / "x.toml"
    cfg.write_text(text, encoding="utf-8")
    code = main(["validate", str(example_file), "--config", str(cfg), "--json"])
    if not fragment:
        assert code == 1
        return
    assert code == 2
    _one_line(capsys, fragment)


def test_a_huge_config_is_refused(example_file, tmp_path, capsys):
    cfg = tmp_path / "x.toml"
    cfg.write_text("# " + "x" * 300_000 + "\n", encoding="utf-8")
    assert main(["validate", str(example_file), "--config", str(cfg)]) == 2
    _one_line(capsys, "过大")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_is_never_opened(example_file, tmp_path):
    """Through a child process: a bug here would hang, the timeout turns that into a failure."""
    pipe = tmp_path / "book.xlsx"
    os.mkfifo(pipe)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for argv in (["validate", str(pipe)], ["validate", str(example_file), "--config", str(pipe)]):
        proc = subprocess.run(
            [sys.executable, "-m", "xladdin", *argv], capture_output=True, text=True, timeout=60, env=env, check=False
        )
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 2 and len(lines) == 1 and "不是普通文件" in lines[0], proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused(capsys):
    assert main(["validate", "/dev/zero"]) == 2
    _one_line(capsys)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_symlink_loop_in_a_reviewed_folder_is_listed(example_file, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(example_file, folder / "a.xlsx")
    os.symlink("b.xlsx", folder / "c.xlsx")
    os.symlink("c.xlsx", folder / "b.xlsx")
    before = digest(folder / "a.xlsx")
    assert main(["validate", str(folder), "--json"]) == 1
    files = {Path(f["file"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert "链接循环" in files["b.xlsx"]["error"] and "链接循环" in files["c.xlsx"]["error"]
    assert "summary" in files["a.xlsx"] and digest(folder / "a.xlsx") == before


def test_the_count_of_checked_files_is_never_negative(example_file, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(example_file, folder / "a.xlsx")
    for name in ("x.xlsx", "y.xlsx"):
        os.symlink(tmp_path / "gone" / name, folder / name)
    main(["validate", str(folder)])
    assert "共 3 个文件：校验 1 个" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv", [["sync"], ["new-fund", "--name", "新专项", "--amount", "5"]], ids=["sync", "new-fund"]
)
def test_a_form2_with_an_inserted_column_is_refused(argv, example_file, tmp_path, capsys):
    """Writing the template's columns into a 附表2 laid out otherwise would put a formula in the
    wrong cell: refused, nothing written."""
    import openpyxl

    book = tmp_path / "b.xlsx"
    wb = openpyxl.load_workbook(example_file)
    wb["附表2"].insert_cols(3)
    wb["附表2"]["C4"] = "备注"
    wb.save(book)
    before = digest(book)
    assert main([argv[0], str(book), *argv[1:]]) == 2
    _one_line(capsys, "附表2 的列与模板不同", "「金额」在 D 列", "未作任何修改")
    assert digest(book) == before


def test_a_vertical_tab_in_a_goal_reaches_no_writer(example_file, tmp_path, capsys):
    """A goal pasted from Word with a vertical tab (stored as _x000B_): rollover and --fix write
    the text without it, never 「意外问题」."""
    import io
    import zipfile

    with zipfile.ZipFile(example_file) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    goal = "做好烈士墓的日常维护。".encode()
    assert goal in parts["xl/sharedStrings.xml"]
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        goal, "做好烈士墓的_x000B_ 日常维护 。".encode()
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    book = tmp_path / "2023.xlsx"
    book.write_bytes(buf.getvalue())
    out = tmp_path / "2024.xlsx"
    assert main(["rollover", str(book), "--year", "2024", "--out", str(out)]) == 0
    assert main(["validate", str(book), "--fix", "--json"]) in (0, 1)
    text = capsys.readouterr()
    assert "意外问题" not in text.out + text.err
    from xladdin.reader import read_workbook

    values = [v for s in read_workbook(out).grid.sheets for row in s.rows for v in row if isinstance(v, str)]
    written = [v for v in values if "2024年度内" in v and "烈士墓" in v]
    assert written and not any("\x0b" in v for v in written)
