"""Reviewer mode: a folder in worker processes, a summary workbook, unreadable files listed."""

from __future__ import annotations

import json
import shutil

import pandas as pd

from xladdin.build.template import build_workbook
from xladdin.cli import main
from xladdin.examples.synthetic import synthetic
from xladdin.validate import validate_file


def test_folder_summary(example_file, tmp_path, capsys):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(example_file, folder / "石峰区退役军人事务局.xlsx")
    build_workbook(synthetic(9, seed=3), folder / "clean.xlsx")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    (folder / "~$clean.xlsx").write_bytes(b"excel lock file")  # listed as skipped
    out = tmp_path / "汇总.xlsx"
    code = main(["validate", str(folder), "--summary", str(out), "--workers", "2"])
    assert code == 1
    sheets = pd.read_excel(out, sheet_name=None)
    summary = sheets["汇总"].set_index("文件")
    assert list(summary.index) == ["石峰区退役军人事务局.xlsx", "clean.xlsx"]  # most errors first
    seed = summary.loc["石峰区退役军人事务局.xlsx"]
    expected = validate_file(example_file).summary()
    assert (seed["部门"], seed["专项数"], seed["错误"], seed["警告"]) == (
        "株洲市石峰区退役军人事务局",
        7,
        expected["error"],
        expected["warning"],
    )
    assert seed["资金总额"] == 1326.19 and seed["项目支出"] == 1184.26
    assert summary.loc["clean.xlsx", "错误"] == 0
    assert set(summary["预测等级（仅供参考）"]) <= {"优", "良", "中", "差"}
    assert len(sheets["问题"]) == sum(
        validate_file(p).summary()[k]
        for p in (example_file, folder / "clean.xlsx")
        for k in ("error", "warning", "info")
    )
    assert list(sheets["无法读取或跳过"]["文件"]) == ["broken.xlsx", "~$clean.xlsx"]
    assert list(sheets["无法读取或跳过"]["情况"]) == ["无法读取", "跳过"]
    assert "锁文件" in sheets["无法读取或跳过"]["原因"][1]
    assert "无法读取" in capsys.readouterr().out


def test_folder_json(example_file, tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(example_file, folder / "a.xlsx")
    (folder / "b.xlsm").write_bytes(b"PK\x03\x04 truncated")
    assert main(["validate", str(folder), "--json", "--workers", "1"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["file"].rsplit("/", 1)[-1] for f in data["files"]] == ["a.xlsx", "b.xlsm"]
    assert data["files"][0]["summary"] == validate_file(example_file).summary()
    assert "error" in data["files"][1] and data["summary"]["unreadable"] == 1


def _folder_of(example_file, path, n=6):
    path.mkdir()
    for i in range(n):
        shutil.copy(example_file, path / f"b{i}.xlsx")
    return path


def test_progress_only_on_a_terminal(example_file, tmp_path):
    """tqdm draws on a terminal; a pipe or a log file gets no progress at all."""
    import os
    import subprocess
    import sys

    folder = _folder_of(example_file, tmp_path / "f")
    cmd = [sys.executable, "-m", "xladdin", "validate", str(folder), "--workers", "1"]
    piped = subprocess.run(cmd, capture_output=True, text=True)
    assert piped.returncode == 1 and piped.stderr == ""
    main_fd, child_fd = os.openpty()
    with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=child_fd) as proc:
        os.close(child_fd)
        chunks = []
        while True:
            try:
                data = os.read(main_fd, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    os.close(main_fd)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "校验:" in drawn and "0/6 [" in drawn and "个/s" in drawn  # tqdm's bar: desc, count, rate
    assert drawn.endswith("\r")  # cleared when done (leave=False): the results start on a clean line


def test_folder_mode_applies_the_report_filters(example_file, tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(example_file, folder / "a.xlsx")
    full = validate_file(example_file)
    assert main(["validate", str(folder), "--json", "--workers", "1", "--min-severity", "error"]) == 1
    data = json.loads(capsys.readouterr().out)
    kept = data["files"][0]["findings"]
    assert kept and {f["severity"] for f in kept} == {"error"}
    assert len(kept) == full.summary()["error"]
    assert main(["validate", str(folder), "--json", "--workers", "1", "--select", "I302"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"I302"}
    assert main(["validate", str(folder), "--json", "--workers", "1", "--ignore", "I,F,G"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    assert not [f for f in data["files"][0]["findings"] if f["rule"][0] in "IFG"]
