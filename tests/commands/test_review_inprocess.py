"""Reviewer mode in-process: the folder's inventory, the worker pool (threads of this process here, so
that every line runs where the test sees it), a crashed worker, Ctrl-C, the summary target, and what
the command prints. The per-file check is canned where only the accounting matters; check_one itself
runs on the seed example."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import ClassVar

import openpyxl
import pytest

from xladdin.cli_base import UserError
from xladdin.commands import review
from xladdin.commands.review import FileResult
from xladdin.io.save import SaveRefused

CRASHED = "校验进程意外退出（可能内存不足或被终止），已重试 1 次，未能检查"


def f(rule: str, severity: str, cell: str = "A1") -> dict[str, str]:
    return {"rule": rule, "severity": severity, "sheet": "附表1", "cell": cell, "message": "问题", "fix": "改法"}


class ThreadWorker:
    """review._Worker as a thread of this process (so that every line runs where the test sees it):
    same pipe protocol; a check raising BrokenProcessPool is the worker dying (its end of the pipe
    closes), one raising KeyboardInterrupt is Ctrl-C."""

    made: ClassVar[list[ThreadWorker]] = []

    def __init__(self, checking) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.checking, self.given, self.job, self.since = checking, [], None, 0.0
        self.thread = threading.Thread(target=self._run, args=(child,), daemon=True)
        self.thread.start()
        ThreadWorker.made.append(self)

    @property
    def waitables(self) -> list:
        return [self.conn]

    def _run(self, child) -> None:
        try:
            while (job := child.recv()) is not None:
                i, path = job
                try:
                    result = review.check_one(path, self.checking.config, self.checking.only)
                except BrokenProcessPool:
                    return
                except KeyboardInterrupt:
                    child.send(("interrupt", None))
                    return
                child.send((i, result))
        except (EOFError, OSError):
            return
        finally:
            child.close()

    def give(self, i: int, path: str) -> None:
        self.given.append(i)
        self.conn.send((i, path))
        self.job, self.since = i, time.monotonic()

    def receive(self):
        try:
            if not self.conn.poll():
                return None
            got = self.conn.recv()
        except (EOFError, OSError):
            return None
        if got[0] == "interrupt":
            raise KeyboardInterrupt
        return got

    def stop(self, *, kill: bool = False) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.conn.close()
        self.thread.join(5)


@pytest.fixture()
def pools(monkeypatch):
    """The workers as threads; returns the list of workers made (each records the files it was given)."""
    ThreadWorker.made = []
    monkeypatch.setattr(review, "_Worker", ThreadWorker)
    return ThreadWorker.made


@pytest.fixture()
def canned(monkeypatch):
    """check_one by file name: a.* has errors, c.* is unreadable, crash* kills its worker, the rest is
    clean. Returns the list of paths checked (in call order)."""
    calls: list[str] = []

    def check_one(path: str, config=None, only=None) -> FileResult:
        calls.append(path)
        name = Path(path).name
        if name.startswith("crash") or (name.startswith("flaky") and calls.count(path) == 1):
            raise BrokenProcessPool("worker died")
        if name.startswith("stop"):
            raise KeyboardInterrupt
        if name.startswith("a."):
            findings = [f("A103", "error", "C6"), f("A103", "error", "C7"), f("F502", "warning", "B20")]
            summary = {"error": 2, "warning": 1, "info": 0, "waived": 3}
            return FileResult(path, department="甲局", total=10.0, findings=findings, summary=summary, year=2024)
        if name.startswith("c."):
            return FileResult(path, error="不是 Excel 工作簿")
        return FileResult(path, department="乙局", summary={"error": 0, "warning": 0, "info": 1, "waived": 1})

    monkeypatch.setattr(review, "check_one", check_one)
    return calls


# --- inventory -----------------------------------------------------------------------------------------
def _mixed(root: Path) -> Path:
    folder = root / "收件"
    (folder / "二科" / "深").mkdir(parents=True)
    (folder / "空").mkdir()
    for name in ("a.xlsx", "B.XLSM", "旧.xls", "表.ods", "表.et", "二科/b.xlsm", "二科/深/c.xlsx"):
        (folder / name).write_bytes(b"x")
    for name in ("~$a.xlsx", "._a.xlsx", ".xladdin-tmp-1.xlsx", ".tmp-2.xlsx", "a.20230101-000000.bak.xlsx"):
        (folder / name).write_bytes(b"x")
    for name in (".隐藏", "模板.xltx", "模板.xltm", "说明.pdf", "无扩展名", "a.bak.txt", ".x.xlsx.bak"):
        (folder / name).write_bytes(b"x")
    (folder / "断链.xlsx").symlink_to(folder / "不存在.xlsx")
    (folder / "环").symlink_to(folder)
    (folder / "二科" / "回").symlink_to(folder / "空")
    (folder / "指向文件.xlsx").symlink_to(folder / "a.xlsx")
    return folder


def _skips(found) -> list[tuple[str, str, bool]]:
    return [(r.label, r.error, r.skipped) for r in found.skipped]


def test_inventory_accounts_for_every_kind_of_file(tmp_path):
    folder = _mixed(tmp_path)
    found = review.inventory(folder)
    rel = [str(p.relative_to(folder)) for p in found.check]
    # in path order (二 < 指 < 旧 < 表 in Unicode)
    assert rel == ["B.XLSM", "a.xlsx", "二科/b.xlsm", "二科/深/c.xlsx", "指向文件.xlsx", "旧.xls", "表.et", "表.ods"]
    assert _skips(found) == [
        ("环", "跳过：指向文件夹的链接（未进入，以免重复或循环）", True),
        ("二科/回", "跳过：指向文件夹的链接（未进入，以免重复或循环）", True),
        ("._a.xlsx", "跳过：macOS 的附属文件（._ 开头，不是工作簿）", True),
        (".tmp-2.xlsx", "跳过：xladdin 保存时的临时文件", True),
        (".x.xlsx.bak", "跳过：隐藏文件", True),
        (".xladdin-tmp-1.xlsx", "跳过：xladdin 保存时的临时文件", True),
        (".隐藏", "跳过：隐藏文件", True),
        ("a.20230101-000000.bak.xlsx", "跳过：xladdin 保存前留下的备份", True),
        ("a.bak.txt", "跳过：不是工作簿（.txt）", True),
        ("~$a.xlsx", "跳过：Excel 的锁文件（有人正打开「a.xlsx」）", True),
        ("断链.xlsx", "链接指向的文件不存在（断开的链接）", False),
        ("无扩展名", "跳过：不是工作簿（无扩展名）", True),
        ("模板.xltm", "跳过：Excel 模板（不是报送的工作簿）", True),
        ("模板.xltx", "跳过：Excel 模板（不是报送的工作簿）", True),
        ("说明.pdf", "跳过：不是工作簿（.pdf）", True),
    ]
    assert [r.file for r in found.skipped][:2] == [str(folder / "环"), str(folder / "二科" / "回")]
    assert review.workbooks(folder) == [
        folder / "B.XLSM",
        folder / "a.xlsx",
        folder / "二科" / "b.xlsm",
        folder / "二科" / "深" / "c.xlsx",
        folder / "指向文件.xlsx",
    ]


def test_inventory_flat_and_exclude(tmp_path):
    folder = _mixed(tmp_path)
    found = review.inventory(folder, recursive=False, exclude=(folder / "a.xlsx", folder / "说明.pdf"))
    assert [p.name for p in found.check] == ["B.XLSM", "指向文件.xlsx", "旧.xls", "表.et", "表.ods"]
    skips = _skips(found)
    assert ("二科", "跳过：子文件夹（--flat 只查这一层）", True) in skips
    assert ("空", "跳过：子文件夹（--flat 只查这一层）", True) in skips
    assert ("环", "跳过：指向文件夹的链接（未进入，以免重复或循环）", True) in skips
    assert not [s for s in skips if s[0] in ("a.xlsx", "说明.pdf") or s[0].startswith("二科/")]
    assert len(skips) == 2 + 15 - 1 - 1  # the two sub-folders; the others of the walk less 二科/回 and 说明.pdf


def test_inventory_reports_a_folder_it_cannot_enter(tmp_path, monkeypatch):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(b"x")
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(folder / "锁住")))
        yield from real_walk(top, onerror=onerror, followlinks=followlinks)

    monkeypatch.setattr(review.os, "walk", walk)
    found = review.inventory(folder)
    assert [p.name for p in found.check] == ["a.xlsx"]
    assert _skips(found) == [("锁住", "无法进入文件夹：没有访问权限", False)]

    def walk_top(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(folder)))
        yield from ()

    monkeypatch.setattr(review.os, "walk", walk_top)
    with pytest.raises(PermissionError):
        review.inventory(folder)

    def walk_anon(top, onerror=None, followlinks=False):
        onerror(OSError(5, "I/O error"))  # no file name: the folder itself
        yield from ()

    monkeypatch.setattr(review.os, "walk", walk_anon)
    with pytest.raises(OSError, match="I/O error"):
        review.inventory(folder)


def test_small_helpers(tmp_path):
    assert review._label(tmp_path / "a" / "b.xlsx", tmp_path) == "a/b.xlsx"
    assert review._label(Path("/elsewhere/c.xlsx"), tmp_path) == "c.xlsx"
    s = review._skip(tmp_path / "a" / "b.txt", tmp_path, "原因")
    assert (s.file, s.error, s.label, s.skipped) == (str(tmp_path / "a" / "b.txt"), "原因", "a/b.txt", True)
    e = review._skip(tmp_path / "c.xlsx", tmp_path, "坏", error=True)
    assert (e.error, e.label, e.skipped) == ("坏", "c.xlsx", False)
    assert [review._number(v) for v in (3, 2.5, True, "4", None)] == [3.0, 2.5, None, None, None]
    assert isinstance(review._number(3), float)
    assert FileResult("/x/y.xlsx").label == "y.xlsx" and FileResult("/x/y.xlsx", label="x/y.xlsx").label == "x/y.xlsx"
    r = FileResult("/x/y.xlsx", findings=[f("A103", "error"), f("F502", "warning")])
    assert review._score_text(r) == "93.5 分，中"


# --- check_one -----------------------------------------------------------------------------------------
def test_check_one_on_the_seed(example_file):
    from xladdin.validate import validate_file

    r = review.check_one(str(example_file))
    report = validate_file(example_file)
    assert (r.file, r.error, r.label, r.skipped) == (str(example_file), "", "example.xlsx", False)
    assert (r.department, r.total, r.project, r.funds, r.year) == (
        "株洲市石峰区退役军人事务局",
        1326.19,
        1184.26,
        7,
        2023,
    )
    assert r.findings == [x.as_dict() for x in report.findings] and r.summary == report.summary()


def test_check_one_applies_the_filter(example_file):
    from xladdin.validate import Filter

    r = review.check_one(str(example_file), None, Filter("error", None, None))
    assert r.findings and {x["severity"] for x in r.findings} == {"error"}
    assert r.summary["warning"] == 0


def test_check_one_without_form1_and_form2(work):
    """Only the 附表3 sheets: no 部门 or amounts, the number of 附表3 as 专项数."""
    wb = openpyxl.load_workbook(work)
    del wb["附表1"], wb["附表2"]
    wb.save(work)
    r = review.check_one(str(work))
    assert (r.error, r.department, r.total, r.project, r.funds) == ("", "", None, None, 7)
    assert r.summary["error"] > 0


def test_check_one_counts_the_funds_of_form2(work):
    """专项数 is what 附表2 lists, not how many 附表3 there are; an empty 部门 is shown empty."""
    wb = openpyxl.load_workbook(work)
    del wb["附表3-优抚安置专项"]
    wb["附表1"]["B4"] = None
    wb.save(work)
    r = review.check_one(str(work))
    assert (r.error, r.department, r.funds) == ("", "", 7)


def test_check_one_applies_the_settings(example_file):
    from xladdin.config import Config

    plain = review.check_one(str(example_file))
    milder = review.check_one(str(example_file), Config(severity={"I304": "info"}))
    moved = sum(1 for x in plain.findings if x["rule"] == "I304")
    assert moved and milder.summary["error"] == plain.summary["error"] - moved
    assert not [x for x in milder.findings if x["rule"] == "I304" and x["severity"] == "error"]


def test_check_one_failures_become_the_error(tmp_path, monkeypatch):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    r = review.check_one(str(bad))
    assert r.file == str(bad) and r.error and r.department == "" and r.findings == []
    import xladdin.reader

    def boom(exc):
        def read(path, unread=()):
            raise exc

        return read

    monkeypatch.setattr(xladdin.reader, "read_workbook", boom(MemoryError()))
    assert review.check_one(str(bad)).error == "内存不足，文件过大"
    monkeypatch.setattr(xladdin.reader, "read_workbook", boom(KeyError("附表9")))
    assert review.check_one(str(bad)).error == "意外问题：KeyError: '附表9'"


def test_a_convertible_file_is_converted_then_checked_under_its_own_name(example_file, tmp_path, monkeypatch):
    ods = tmp_path / "旧表.ods"
    ods.write_bytes(b"x")
    seen = []

    def converted(path, workdir):
        seen.append((path, workdir.is_dir(), workdir.name.startswith("xladdin-conv-")))
        return Path(shutil.copy(example_file, workdir / "c.xlsx"))

    monkeypatch.setattr(review, "_converted", converted)
    r = review.check_one(str(ods))
    assert seen == [(ods, True, True)]
    assert (r.file, r.error, r.department, r.funds) == (str(ods), "", "株洲市石峰区退役军人事务局", 7)
    assert {x["sheet"] for x in r.findings} and r.summary["error"] > 0


def test_converted_without_and_with_libreoffice(tmp_path, monkeypatch):
    from xladdin.io import convert, libreoffice
    from xladdin.io.formats import convert_command
    from xladdin.io.grid import ReadError

    xls = tmp_path / "旧.xls"
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    with pytest.raises(ReadError) as err:
        review._converted(xls, tmp_path)
    assert err.value.zh == f"本机未安装 LibreOffice，无法转换 .xls 文件；请转换后再查：{convert_command(xls)}"
    assert err.value.en == "LibreOffice is not installed; convert the file to .xlsx"
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(convert, "to_xlsx", lambda path, work: work / (path.stem + ".xlsx"))
    assert review._converted(xls, tmp_path / "w") == tmp_path / "w" / "旧.xlsx"


def _serve_in_thread(checking=None, parent=None):
    here, there = multiprocessing.Pipe()
    thread = threading.Thread(
        target=review._serve, args=(there, checking or review.Checking(), parent or os.getpid()), daemon=True
    )
    thread.start()
    return here, thread


def test_serve_checks_one_file_at_a_time_and_stops_when_asked(tmp_path, canned):
    conn, thread = _serve_in_thread()
    conn.send((4, str(tmp_path / "a.xlsx")))
    i, result = conn.recv()
    assert (i, result.file, result.department) == (4, str(tmp_path / "a.xlsx"), "甲局")
    conn.send((7, str(tmp_path / "b.xlsx")))
    assert conn.recv()[1].department == "乙局"
    conn.send(None)
    thread.join(5)
    assert not thread.is_alive()


def test_serve_passes_the_settings(monkeypatch):
    got = []
    monkeypatch.setattr(review, "check_one", lambda path, config, only: got.append((path, config, only)) or "r")
    conn, thread = _serve_in_thread(review.Checking("cfg", "flt"))
    conn.send((0, "p"))
    assert conn.recv() == (0, "r")
    conn.close()  # the parent's end gone: the worker ends
    thread.join(5)
    assert not thread.is_alive() and got == [("p", "cfg", "flt")]


def test_serve_ends_when_its_parent_is_gone(monkeypatch):
    conn, thread = _serve_in_thread(parent=-1)  # not this process: as if the parent had died
    thread.join(5)
    assert not thread.is_alive()
    conn.close()


# --- the workers -----------------------------------------------------------------------------------------
def test_a_real_worker_checks_a_file_and_stops(tmp_path):
    from multiprocessing.connection import wait

    w = review._Worker(review.Checking())
    try:
        w.give(3, str(tmp_path / "missing.xlsx"))
        assert w.job == 3
        assert wait(w.waitables, timeout=60)
        i, result = w.receive()
        assert i == 3 and result.error and not result.findings
    finally:
        w.stop()
    assert not w.process.is_alive() and w.process.exitcode == 0


def test_a_killed_real_worker_is_seen_at_once(tmp_path):
    from multiprocessing.connection import wait

    w = review._Worker(review.Checking())
    w.process.kill()
    assert wait(w.waitables, timeout=10)
    assert w.receive() is None
    w.stop(kill=True)


@pytest.mark.parametrize(("n", "workers"), [(40, 1), (3, 1), (7, 2), (17, 2), (2, 4)])
def test_files_go_one_at_a_time_to_at_most_the_workers_asked(tmp_path, pools, canned, n, workers):
    paths = [tmp_path / f"b{i:02}.xlsx" for i in range(n)]
    results = list(review.run_all(paths, workers=workers, progress=False))
    assert [r.file for r in results] == [str(p) for p in paths]
    assert len(pools) == min(workers, n)  # workers are reused, never more than the files
    assert sorted(i for w in pools for i in w.given) == list(range(n))
    assert all(w.given == sorted(w.given) for w in pools)  # in order


def test_workers_default_to_the_cores(tmp_path, pools, canned, monkeypatch):
    monkeypatch.setattr(review.os, "cpu_count", lambda: 3)
    list(review.run_all([tmp_path / f"b{i}.xlsx" for i in range(5)], progress=False))
    assert len(pools) == 3
    monkeypatch.setattr(review.os, "cpu_count", lambda: None)
    list(review.run_all([tmp_path / f"b{i}.xlsx" for i in range(5)], progress=False))
    assert len(pools) == 4
    list(review.run_all([tmp_path / "b.xlsx"], workers=4, progress=False))
    assert len(pools) == 5  # never more workers than files


def test_progress_bar_ticks_once_per_file(tmp_path, pools, canned, monkeypatch):
    from xladdin.commands import progress

    bars = []

    class Bar:
        def __init__(self, total, desc):
            self.total, self.desc, self.n, self.closed = total, desc, 0, 0
            bars.append(self)

        def update(self, k):
            self.n += k

        def close(self):
            self.closed += 1

    monkeypatch.setattr(progress, "progress_bar", Bar)
    paths = [tmp_path / "a.xlsx", tmp_path / "crash.xlsx", tmp_path / "b.xlsx"]
    results = list(review.run_all(paths, workers=1))
    assert [(b.total, b.desc, b.n, b.closed) for b in bars] == [(3, "校验", 3, 1)]
    assert results[1].error == CRASHED
    list(review.run_all(paths, workers=1, progress=False))
    assert len(bars) == 1


def test_a_file_that_passes_alone_ticks_once(tmp_path, pools, canned, monkeypatch):
    from xladdin.commands import progress

    ticks = []

    class Bar:
        def __init__(self, total, desc):
            pass

        def update(self, k):
            ticks.append(k)

        def close(self):
            pass

    monkeypatch.setattr(progress, "progress_bar", Bar)
    paths = [tmp_path / "flaky.xlsx", tmp_path / "b.xlsx"]
    results = list(review.run_all(paths, workers=1))
    assert [(r.error, r.department) for r in results] == [("", "乙局"), ("", "乙局")]
    assert ticks == [1, 1] and canned.count(str(paths[0])) == 2


def test_a_crashed_worker_loses_only_its_file(tmp_path, pools, canned):
    paths = [tmp_path / f"b{i}.xlsx" for i in range(3)] + [tmp_path / "crash.xlsx"]
    paths += [tmp_path / f"d{i}.xlsx" for i in range(3)]
    results = list(review.run_all(paths, workers=1, progress=False))
    assert [r.file for r in results] == [str(p) for p in paths]
    assert [r.error for r in results] == ["", "", "", CRASHED, "", "", ""]
    assert [r.department for r in results] == ["乙局"] * 3 + [""] + ["乙局"] * 3
    assert canned.count(str(tmp_path / "crash.xlsx")) == 1 + review.RETRIES + 0  # first run, then alone
    # the dead worker is replaced and the others go on; then the file is tried again alone
    assert [w.given for w in pools] == [[0, 1, 2, 3], [4, 5, 6], [3]]
    assert all(canned.count(str(p)) == 1 for p in paths if p.name != "crash.xlsx")


def test_ctrl_c_keeps_what_was_checked(tmp_path, pools, canned):
    paths = [tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "stop.xlsx", tmp_path / "d.xlsx"]
    results = list(review.run_all(paths, workers=1, progress=False))
    assert [r.file for r in results] == [str(p) for p in paths]
    assert [r.error for r in results] == ["", "", "已中断，未检查", "已中断，未检查"]
    assert [r.department for r in results] == ["甲局", "乙局", "", ""]


def test_run_pool_returns_only_the_file_whose_worker_died(tmp_path, pools, canned):
    jobs = {0: str(tmp_path / "b.xlsx"), 1: str(tmp_path / "crash.xlsx"), 2: str(tmp_path / "d.xlsx")}
    done: dict[int, FileResult] = {}
    ticks = []
    suspects = review._run_pool(jobs, review.Checking(), 2, done, lambda: ticks.append(1))
    assert sorted(done) == [0, 2] and len(ticks) == 2
    assert suspects == {1}
    assert review._run_pool({5: str(tmp_path / "e.xlsx")}, review.Checking(), 1, done, lambda: None) == set()
    assert done[5].department == "乙局"


def test_run_pool_stops_a_file_past_the_time_limit(tmp_path, pools, monkeypatch):
    import threading as th

    release = th.Event()

    def slow(path, config=None, only=None):
        if path.endswith("slow.xlsx"):
            release.wait(30)
        return FileResult(path, department="乙局")

    monkeypatch.setattr(review, "check_one", slow)
    monkeypatch.setattr(review, "FILE_TIME_LIMIT", 0.2)
    done: dict[int, FileResult] = {}
    try:
        suspects = review._run_pool(
            {0: str(tmp_path / "slow.xlsx"), 1: "b.xlsx"}, review.Checking(), 2, done, lambda: None
        )
    finally:
        release.set()
    assert suspects == set()
    assert done[0].error == "校验超过 0.2 秒未完成，已停止，未能检查" and done[1].department == "乙局"


# --- the summary target ---------------------------------------------------------------------------------
def test_summary_target_checks(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    check = review.check_summary_target
    with pytest.raises(SaveRefused) as err:
        check(tmp_path / "汇总.txt", folder, force=False)
    assert str(err.value) == "汇总文件只能是 .xlsx（工作簿）或 .csv（问题清单）：汇总.txt"
    check(tmp_path / "报告.html", folder, force=False)  # the page's name is cli's to check
    check(tmp_path / "报告.HTM", folder, force=False)
    (tmp_path / "d.xlsx").mkdir()
    with pytest.raises(SaveRefused) as err:
        check(tmp_path / "d.xlsx", folder, force=True)
    assert str(err.value) == f"「{tmp_path / 'd.xlsx'}」是文件夹：--summary 应为 .xlsx 或 .csv 文件的路径"
    for inside in (folder / "汇总.xlsx", folder / "sub" / "汇总.csv", folder):
        with pytest.raises(SaveRefused) as err:
            check(inside if inside != folder else folder / "x.xlsx", folder, force=True)
        assert "不能写在被校验的文件夹里" in str(err.value)
    assert str(err.value) == (
        f"汇总工作簿「{folder / 'x.xlsx'}」不能写在被校验的文件夹里（会被当作报送文件），请放到文件夹之外"
    )
    link = tmp_path / "link.xlsx"
    (folder / "real.xlsx").write_bytes(b"x")
    link.symlink_to(folder / "real.xlsx")
    with pytest.raises(SaveRefused, match="被校验的文件夹"):
        check(link, folder, force=True)
    (tmp_path / "已有.xlsx").write_bytes(b"keep")
    with pytest.raises(SaveRefused) as err:
        check(tmp_path / "已有.xlsx", folder, force=False)
    assert str(err.value) == f"「{tmp_path / '已有.xlsx'}」已存在；如要替换它，请加 --force"
    check(tmp_path / "已有.xlsx", folder, force=True)
    with pytest.raises(SaveRefused, match="不存在"):
        check(tmp_path / "无此" / "汇总.xlsx", folder, force=False)
    check(tmp_path / "inx.xlsx", folder, force=False)  # a sibling whose name starts like the folder
    (tmp_path / "捷径").symlink_to(folder)  # a link to the folder reviewed, then the summary's name
    with pytest.raises(SaveRefused, match="不能写在被校验的文件夹里"):
        check(tmp_path / "捷径" / "汇总.xlsx", folder, force=False)


def test_save_summary_and_its_fallback(tmp_path, monkeypatch):
    results = [FileResult(str(tmp_path / "a.xlsx"), department="甲局", summary={"error": 0})]
    target = tmp_path / "汇总.xlsx"
    assert review.save_summary(results, target, ()) == target
    assert openpyxl.load_workbook(target)["汇总"]["B2"].value == "甲局"
    assert review.save_summary(results, target, ()) == target  # replaced, without a backup
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.xlsx"]
    with pytest.raises(SaveRefused) as err:
        review.save_summary(results, target, (target,))  # protected: the source itself
    message = str(err.value)
    saved = Path(message.split("本次结果已另存为「")[1].rstrip("」"))
    assert message.startswith("「") and "就是要读取的原文件" in message
    assert saved.name.startswith("xladdin-汇总-") and saved.suffix == ".xlsx"
    assert openpyxl.load_workbook(saved)["汇总"]["B2"].value == "甲局"
    saved.unlink()
    real = review.write_summary

    def full(results, out):
        if Path(out).parent == tmp_path:
            raise OSError(28, "No space left on device")
        return real(results, out)

    monkeypatch.setattr(review, "write_summary", full)
    with pytest.raises(SaveRefused) as err:
        review.save_summary(results, tmp_path / "b.csv", ())
    saved = Path(str(err.value).split("本次结果已另存为「")[1].rstrip("」"))
    assert saved.suffix == ".csv" and saved.read_bytes().startswith(b"\xef\xbb\xbf")
    saved.unlink()


# --- the folder command -----------------------------------------------------------------------------------
def _folder(root: Path) -> Path:
    folder = root / "收件"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.xlsx", "c.xlsx", "sub/b.xlsm", "note.txt"):
        (folder / name).write_bytes(b"x")
    return folder


@pytest.fixture()
def bars(monkeypatch):
    """Progress bars asked for: (total, desc) each."""
    from xladdin.commands import progress

    made = []

    class Bar:
        def __init__(self, total, desc):
            made.append((total, desc))

        def update(self, k):
            pass

        def close(self):
            pass

    monkeypatch.setattr(progress, "progress_bar", Bar)
    return made


def test_folder_prints_each_file_and_the_totals(tmp_path, pools, canned, capsys, bars, monkeypatch):
    monkeypatch.setattr(review.os, "cpu_count", lambda: 4)
    folder = _folder(tmp_path)
    assert review.review_folder(folder, None, summary=None, as_json=False, workers=1) == 1
    assert len(pools) == 1 and bars == [(3, "校验")]  # the workers asked for; a bar
    assert capsys.readouterr().out.splitlines() == [
        "  a.xlsx：2 个错误，1 个警告，预测 92.5 分，中（仅供参考）",
        "  c.xlsx：无法读取（不是 Excel 工作簿）",
        "  sub/b.xlsm：0 个错误，0 个警告，预测 100 分，优（仅供参考）",
        "  note.txt：跳过：不是工作簿（.txt）",
        "共 4 个文件：校验 2 个，2 个错误，1 个警告，1 个无法读取，1 个跳过。",
    ]
    assert sorted(canned) == [str(folder / "a.xlsx"), str(folder / "c.xlsx"), str(folder / "sub" / "b.xlsm")]


def test_folder_json(tmp_path, pools, canned, capsys, bars):
    folder = _folder(tmp_path)
    assert review.review_folder(folder, None, summary=None, as_json=True, workers=1) == 1
    assert bars == []  # no progress under --json
    raw = capsys.readouterr().out
    assert raw.startswith('{\n  "folder": "') and '\n    {\n      "file": "' in raw  # indented by 2
    assert '"error": "不是 Excel 工作簿"' in raw  # the Chinese as it is, not escaped
    data = json.loads(raw)
    assert data["folder"] == str(folder)
    assert data["summary"] == {
        "files": 4,
        "checked": 3,
        "unreadable": 1,
        "skipped": 1,
        "error": 2,
        "warning": 1,
        "info": 1,
        "waived": 4,
    }
    a, c, b, note = data["files"]
    assert a == {
        "file": str(folder / "a.xlsx"),
        "findings": [f("A103", "error", "C6"), f("A103", "error", "C7"), f("F502", "warning", "B20")],
        "summary": {"error": 2, "warning": 1, "info": 0, "waived": 3},
    }
    assert c == {"file": str(folder / "c.xlsx"), "error": "不是 Excel 工作簿"}
    assert b == {
        "file": str(folder / "sub" / "b.xlsm"),
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 1, "waived": 1},
    }
    assert note == {"file": str(folder / "note.txt"), "skipped": "跳过：不是工作簿（.txt）"}


def test_folder_clean_is_0_and_writes_summary_and_page(tmp_path, pools, canned, capsys, monkeypatch):
    folder = tmp_path / "收件"
    (folder / "子").mkdir(parents=True)
    (folder / "b.xlsx").write_bytes(b"x")
    (folder / "子" / "d.xlsx").write_bytes(b"x")
    out, page = tmp_path / "汇总.xlsx", tmp_path / "页" / "报告.html"
    page.parent.mkdir()
    code = review.review_folder(folder, None, summary=str(out), as_json=False, workers=2, html=str(page))
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-3:] == [
        "共 2 个文件：校验 2 个，0 个错误，0 个警告，0 个无法读取，0 个跳过。",
        f"汇总：{out}",
        f"网页报告：{page}",
    ]
    rows = list(openpyxl.load_workbook(out)["汇总"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert rows == [("b.xlsx", "乙局"), ("子/d.xlsx", "乙局")]  # labels relative to the folder
    text = page.read_text(encoding="utf-8")
    assert f"<title>校验报告 {folder}</title>" in text and "<h2>子/d.xlsx</h2>" in text
    # quiet under --json: only the JSON on stdout, the files still written
    out.unlink()
    page.unlink()
    assert review.review_folder(folder, None, summary=str(out), as_json=True, workers=1, html=str(page)) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["checked"] == 2
    assert out.exists() and page.exists()


def test_folder_flat_and_filter_reach_the_workers(tmp_path, pools, monkeypatch, capsys):
    folder = _folder(tmp_path)
    seen = []
    monkeypatch.setattr(
        review,
        "check_one",
        lambda path, config=None, only=None: seen.append((Path(path).name, config, only)) or FileResult(path),
    )
    review.review_folder(folder, "cfg", summary=None, as_json=True, workers=1, recursive=False, only="flt")
    assert sorted(seen) == [("a.xlsx", "cfg", "flt"), ("c.xlsx", "cfg", "flt")]
    files = {Path(x["file"]).name: x for x in json.loads(capsys.readouterr().out)["files"]}
    assert files["sub"] == {"file": str(folder / "sub"), "skipped": "跳过：子文件夹（--flat 只查这一层）"}


def test_folder_report_targets_are_checked_first_and_left_out(tmp_path, pools, canned, capsys):
    folder = _folder(tmp_path)
    (tmp_path / "已有.html").write_text("keep")
    with pytest.raises(UserError) as err:
        review.review_folder(folder, None, summary=None, as_json=False, workers=1, html=str(tmp_path / "已有.html"))
    assert err.value.zh == f"「{tmp_path / '已有.html'}」已存在；如要替换它，请加 --force"
    assert err.value.en == "report cannot be written; nothing was checked"
    assert canned == []
    with pytest.raises(UserError) as err:
        review.review_folder(folder, None, summary=str(folder / "汇总.xlsx"), as_json=False, workers=1)
    assert "不能写在被校验的文件夹里" in err.value.zh and canned == []
    # --force: the existing page is replaced
    code = review.review_folder(
        folder, None, summary=None, as_json=True, workers=1, html=str(tmp_path / "已有.html"), force=True
    )
    assert code == 1 and "<!DOCTYPE html>" in (tmp_path / "已有.html").read_text(encoding="utf-8")


def test_folder_summary_that_cannot_be_written(tmp_path, pools, canned, capsys, monkeypatch):
    folder = _folder(tmp_path)

    def refused(results, target, protect):
        assert protect == (folder / "a.xlsx", folder / "c.xlsx", folder / "sub" / "b.xlsm")
        raise SaveRefused("磁盘满")

    monkeypatch.setattr(review, "save_summary", refused)
    with pytest.raises(UserError) as err:
        review.review_folder(folder, None, summary=str(tmp_path / "s.xlsx"), as_json=False, workers=1)
    assert (err.value.zh, err.value.en) == ("磁盘满", "summary not written")
    assert "汇总：" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("names", "tail"),
    [
        ((), "，文件夹是空的"),
        (("1.txt",), "：1 个其他文件：1.txt（跳过：不是工作簿（.txt））"),
        (
            ("1.txt", "2.txt", "3.txt", "4.txt", "5.txt"),
            "：5 个其他文件：" + "；".join(f"{i}.txt（跳过：不是工作簿（.txt））" for i in range(1, 6)),
        ),
        (
            ("1.txt", "2.txt", "3.txt", "4.txt", "5.txt", "6.pdf"),
            "：6 个其他文件："
            + "；".join(f"{i}.txt（跳过：不是工作簿（.txt））" for i in range(1, 6))
            + "（另有 1 个）",
        ),
        (
            ("1.txt", "2.txt", "3.txt", "4.txt", "5.txt", "6.pdf", "7.pdf"),
            "：7 个其他文件："
            + "；".join(f"{i}.txt（跳过：不是工作簿（.txt））" for i in range(1, 6))
            + "（另有 2 个）",
        ),
    ],
)
def test_folder_without_workbooks(tmp_path, names, tail):
    folder = tmp_path / "空"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"x")
    with pytest.raises(UserError) as err:
        review.review_folder(folder, None, summary=None, as_json=False, workers=1)
    assert err.value.zh == f"文件夹「{folder}」中没有可校验的工作簿（.xlsx/.xlsm/.xls/.ods/.et）" + tail
    assert err.value.en == "no workbooks in the folder"


@pytest.mark.parametrize(("names", "code"), [(("a.xlsx",), 1), (("c.xlsx",), 1), (("b.xlsx", "note.txt"), 0)])
def test_folder_exit_code(tmp_path, pools, canned, capsys, names, code):
    """1 when a file has errors, or when one could not be read; else 0 (skipped files do not count)."""
    folder = tmp_path / "f"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"x")
    assert review.review_folder(folder, None, summary=None, as_json=False, workers=1) == code
