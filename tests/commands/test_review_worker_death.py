"""Reviewer mode survives any worker death: a worker killed at any moment costs at most its file
(tried again alone, then listed); the run always ends and accounts for every file."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from xladdin.cli import main
from xladdin.commands import review
from xladdin.validate import validate_file

FILES = 8
BOUND = 60.0  # seconds one run may take, kills included (it takes about two alone)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return out


@pytest.fixture(scope="module")
def folder(example_file, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reviewed")
    for i in range(FILES):
        shutil.copy(example_file, root / f"f{i}.xlsx")
    return root


def _workers_life(folder: Path) -> float:
    """Seconds from the first worker's start to the end of one run of the folder, nothing killed."""
    seen: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set() and not _children(os.getpid()):
            time.sleep(0.002)
        seen.append(time.monotonic())

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    main(["validate", str(folder), "--json", "--workers", "2"])
    end = time.monotonic()
    done.set()
    thread.join()
    return max(end - seen[0], 0.05)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_worker_killed_at_random_moments(folder, example_file, capsys):
    """Through the command (whose SIGTERM handler the workers must not keep), in-process."""
    expected = validate_file(example_file).summary()
    paths = sorted(folder.iterdir())
    rng = random.Random(25)
    life = _workers_life(folder)
    capsys.readouterr()
    kills = 0
    for _ in range(20):
        # a random moment of the workers' life, from their start (while they import) to near its end, as
        # measured on this machine just before: a faster check (or a slower machine) still gets hit
        delay = rng.uniform(0.0, 0.9 * life)
        killed: list[int] = []

        def killer(delay: float = delay, killed: list[int] = killed) -> None:
            deadline = time.monotonic() + 10
            while not _children(os.getpid()) and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(delay)
            workers = _children(os.getpid())
            if workers:
                victim = rng.choice(workers)
                try:
                    os.kill(victim, signal.SIGKILL)
                    killed.append(victim)
                except ProcessLookupError:
                    pass

        thread = threading.Thread(target=killer, daemon=True)
        start = time.monotonic()
        thread.start()
        code = main(["validate", str(folder), "--json", "--workers", "2"])
        elapsed = time.monotonic() - start
        thread.join()
        kills += len(killed)
        assert elapsed < BOUND and code == 1
        files = json.loads(capsys.readouterr().out)["files"]
        assert [f["file"] for f in files] == [str(p) for p in paths]  # every file, in order
        # one kill, and a killed file is tried again alone: every file is checked in full
        assert all(f.get("summary") == expected for f in files), files
        assert _children(os.getpid()) == []  # no worker left behind
    assert kills >= 10  # most tries did hit a worker


def test_a_file_whose_worker_dies_twice_is_listed(tmp_path, example_file, monkeypatch):
    for i in range(4):
        shutil.copy(example_file, tmp_path / f"f{i}.xlsx")
    real = review.check_one

    def deadly(path: str, config=None, only=None):
        if path.endswith("f2.xlsx"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, config, only)

    monkeypatch.setattr(review, "check_one", deadly)
    paths = sorted(tmp_path.glob("*.xlsx"))
    results = list(review.run_all(paths, workers=2, progress=False))
    assert [bool(r.error) for r in results] == [False, False, True, False]
    assert "意外退出" in results[2].error and "重试 1 次" in results[2].error


def test_a_file_that_hangs_is_stopped_and_listed(tmp_path, example_file, monkeypatch):
    for i in range(3):
        shutil.copy(example_file, tmp_path / f"f{i}.xlsx")
    real = review.check_one

    def stuck(path: str, config=None, only=None):
        if path.endswith("f1.xlsx"):
            time.sleep(3600)
        return real(path, config, only)

    monkeypatch.setattr(review, "check_one", stuck)
    monkeypatch.setattr(review, "FILE_TIME_LIMIT", 1.0)
    start = time.monotonic()
    results = list(review.run_all(sorted(tmp_path.glob("*.xlsx")), workers=2, progress=False))
    assert time.monotonic() - start < 20
    assert [bool(r.error) for r in results] == [False, True, False]
    assert "1 秒" in results[1].error and "未能检查" in results[1].error
    assert _children(os.getpid()) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_the_command_survives_a_sigkilled_worker(tmp_path, example_file):
    """The issue's case through the command line: SIGTERM is the CLI's Ctrl-C, yet a worker killed
    with SIGKILL mid-run does not hang the parent; every file is in the JSON."""
    for i in range(12):
        shutil.copy(example_file, tmp_path / f"f{i:02}.xlsx")
    env = {**os.environ, "PYTHONPATH": str(Path(review.__file__).parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "xladdin", "validate", str(tmp_path), "--json", "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 30
    victim = None
    while victim is None and time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if workers:
            time.sleep(0.3)
            victim = workers[0]
            os.kill(victim, signal.SIGKILL)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=BOUND)
    data = json.loads(out)
    assert len(data["files"]) == 12 and data["summary"]["unreadable"] == 0, err
    assert b"Traceback" not in err


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigterm_to_the_command_ends_it_and_its_workers(tmp_path, example_file):
    for i in range(40):
        shutil.copy(example_file, tmp_path / f"f{i:02}.xlsx")
    env = {**os.environ, "PYTHONPATH": str(Path(review.__file__).parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "xladdin", "validate", str(tmp_path), "--json", "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=BOUND)
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and _zombie(w) is False]


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except OSError:
        return True
