"""Every input of the corpus: findings that name the problem and the cell, or exit code 2 with one
clear line; never a traceback, always bounded, and the input's bytes unchanged."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import CASES, Case

from xladdin.cli import main
from xladdin.io.xlsx import DEFAULT_LIMITS


@pytest.fixture(scope="module")
def example_xlsx(example_file) -> Path:
    return example_file


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 55


def _digest(path: Path) -> str | None:
    """The bytes of a regular file (a pipe or a device is not read here either)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, example_xlsx, tmp_path, capsys):
    path = case.make(example_xlsx, tmp_path)
    before = _digest(path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    argv = [a.replace("{out}", str(tmp_path)) if a != "{}" else str(path) for a in case.command]
    start = time.perf_counter()
    code = main(argv)
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "意外问题" not in out + err, err
    assert elapsed < 30
    if code == 2 or (case.command[0] == "validate" and "--fix" not in case.command):
        assert _digest(path) == before  # never written
    assert code == case.exit_code, err
    if code == 2:
        assert sorted(p.name for p in tmp_path.iterdir()) == listing  # nothing written beside it either
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误："), err
        assert all(fragment in lines[0] for fragment in case.expect), lines[0]
        assert "error:" in lines[0]  # and in English
        return
    if case.command[0] != "validate" or "--json" not in case.command:
        return
    report = json.loads(out)
    rules = {f["rule"] for f in report["findings"]}
    assert set(case.expect) <= rules, rules
    assert not set(case.absent) & rules, [f for f in report["findings"] if f["rule"] in case.absent]
    if case.cell:
        sheet, cell = case.cell
        assert any(
            f["sheet"] == sheet and f["cell"] == cell and f["rule"] in case.expect for f in report["findings"]
        ), [f for f in report["findings"] if f["sheet"] == sheet]


def test_zip_bomb_stays_within_memory(example_xlsx, tmp_path):
    """In a child process limited to 1 GiB of address space, the bomb is refused, not unpacked."""
    bomb = next(c for c in CASES if c.name == "zip_bomb").make(example_xlsx, tmp_path)
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
        "from xladdin.cli import main; sys.exit(main(['validate', sys.argv[1]]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 2 and "zip 炸弹" in proc.stderr


def test_limits_are_what_the_readme_states():
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    assert f"{DEFAULT_LIMITS.file_bytes // 1048576} MB" in readme
    assert f"{DEFAULT_LIMITS.rows:,}" in readme
