"""Reviewer mode: validate every workbook of a folder in worker processes and summarise.

``xladdin validate DIR --summary OUT.xlsx|OUT.csv [--html REPORT.html]``: every file of the folder is
checked or listed with its reason; the summary workbook is written by ``xladdin.commands.summary``
and the page by ``xladdin.commands.html_report``. Unreadable files are listed, never fatal.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from xladdin.commands.results import FileResult
from xladdin.commands.summary import score, write_summary
from xladdin.config import Config

if TYPE_CHECKING:
    from xladdin.validate import Filter

SUFFIXES = (".xlsx", ".xlsm")
#: How many times a file whose worker died (out of memory, killed) is tried again, alone.
RETRIES = 1


def _score_text(r: FileResult) -> str:
    """「63.5 分，中」: the rubric's score and grade (advisory, ``xladdin.commands.summary``)."""
    sc = score(r.findings)
    return f"{sc.total:g} 分，{sc.grade}"


@dataclass
class Inventory:
    """Every file under the folder: the ones to check (workbooks, and formats LibreOffice converts)
    and the ones listed as skipped, each with its reason."""

    check: list[Path] = field(default_factory=list)
    skipped: list[FileResult] = field(default_factory=list)


def _skip(path: Path, folder: Path, reason: str, *, error: bool = False) -> FileResult:
    return FileResult(str(path), error=reason, label=_label(path, folder), skipped=not error)


def _label(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return path.name


#: How a settings file found inside the folder under review is listed (it is not obeyed).
FOLDER_CONFIG_IGNORED = (
    "跳过：被校验文件夹中的设置文件（未采用：按审核人自己的设置校验；如要采用，请加 --folder-config）"
)
FOLDER_CONFIG_USED = "设置文件：已按 --folder-config 采用"


def inventory(
    folder: Path, *, recursive: bool = True, exclude: tuple[Path, ...] = (), folder_config: bool = False
) -> Inventory:
    """Walk ``folder`` (its sub-folders too unless ``recursive`` is False) and account for every
    file: workbooks and convertible formats to check, everything else skipped with a reason. An
    ``xladdin.toml`` is listed as settings not obeyed, or (``folder_config``, the folder's own)
    as obeyed."""
    from xladdin.config import BESIDE
    from xladdin.io.convert import SHEET_SUFFIXES as CONVERTIBLE
    from xladdin.io.formats import os_reason

    out = Inventory()
    excluded = {os.path.abspath(p) for p in exclude}

    def walk_error(err: OSError) -> None:
        where = Path(err.filename) if err.filename else folder
        if where != folder:
            out.skipped.append(_skip(where, folder, f"无法进入文件夹：{os_reason(err)}", error=True))
        else:
            raise err

    entries: list[Path] = []
    if recursive:
        for root, dirs, files in os.walk(folder, onerror=walk_error, followlinks=False):
            dirs.sort()
            base = Path(root)
            for d in list(dirs):
                if (base / d).is_symlink():
                    dirs.remove(d)
                    out.skipped.append(_skip(base / d, folder, "跳过：指向文件夹的链接（未进入，以免重复或循环）"))
            entries.extend(base / f for f in files)
    else:
        for p in folder.iterdir():
            if p.is_dir() and not p.is_symlink():
                out.skipped.append(_skip(p, folder, "跳过：子文件夹（--flat 只查这一层）"))
            else:
                entries.append(p)
    for p in sorted(entries):
        name, suffix = p.name, p.suffix.lower()
        if os.path.abspath(p) in excluded:
            continue
        if p.is_symlink() and not p.exists():
            out.skipped.append(_skip(p, folder, _dangling(p), error=True))
        elif p.is_dir():
            out.skipped.append(_skip(p, folder, "跳过：指向文件夹的链接（未进入，以免重复或循环）"))
        elif name == BESIDE:
            used = folder_config and p.parent == folder
            out.skipped.append(_skip(p, folder, FOLDER_CONFIG_USED if used else FOLDER_CONFIG_IGNORED))
        elif name.startswith("~$"):
            out.skipped.append(_skip(p, folder, f"跳过：Excel 的锁文件（有人正打开「{name[2:]}」）"))
        elif name.startswith("._"):
            out.skipped.append(_skip(p, folder, "跳过：macOS 的附属文件（._ 开头，不是工作簿）"))
        elif name.startswith(".xladdin-tmp-") or name.startswith(".tmp-"):
            out.skipped.append(_skip(p, folder, "跳过：xladdin 保存时的临时文件"))
        elif ".bak." in name and suffix in SUFFIXES:
            out.skipped.append(_skip(p, folder, "跳过：xladdin 保存前留下的备份"))
        elif suffix in SUFFIXES or suffix in CONVERTIBLE:
            out.check.append(p)
        elif name.startswith("."):
            out.skipped.append(_skip(p, folder, "跳过：隐藏文件"))
        elif suffix in (".xltx", ".xltm"):
            out.skipped.append(_skip(p, folder, "跳过：Excel 模板（不是报送的工作簿）"))
        else:
            out.skipped.append(_skip(p, folder, f"跳过：不是工作簿（{suffix or '无扩展名'}）"))
    return out


def _dangling(link: Path) -> str:
    """Why a symbolic link leads nowhere: a loop, or a target that is gone."""
    import errno

    try:
        os.stat(link)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "链接循环（链接最终又指回自己），未读取"
    return "链接指向的文件不存在（断开的链接）"


def workbooks(folder: Path) -> list[Path]:
    """The workbooks of ``folder`` and its sub-folders (not Excel's ~$ lock files, not our backups)."""
    return [p for p in inventory(folder).check if p.suffix.lower() in SUFFIXES]


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _converted(path: Path, workdir: Path) -> Path:
    """An .xls/.ods/.et converted to .xlsx by LibreOffice (ReadError naming the command when it is
    not installed)."""
    from xladdin.io.formats import convert_command
    from xladdin.io.grid import ReadError
    from xladdin.io.libreoffice import find_soffice

    if find_soffice() is None:
        raise ReadError(
            f"本机未安装 LibreOffice，无法转换 {path.suffix} 文件；请转换后再查：{convert_command(path)}",
            "LibreOffice is not installed; convert the file to .xlsx",
        )
    from xladdin.io.convert import to_xlsx  # the import command's converter (ReadError on failure)

    return to_xlsx(path, workdir)


@dataclass(frozen=True)
class Checking:
    """What every worker applies to its files: the settings and the report filter
    (``--min-severity/--select/--ignore``)."""

    config: Config | None = None
    only: Filter | None = None


def check_one(path: str, config: Config | None = None, only: Filter | None = None) -> FileResult:
    """Validate one file; any failure becomes the result's ``error`` (a worker never dies of an
    exception; being killed is handled by :func:`run_all`)."""
    import tempfile

    from xladdin.commands.opinion_text import outline
    from xladdin.department import department_of
    from xladdin.io.grid import ReadError
    from xladdin.reader import read_workbook
    from xladdin.validate import UNREAD, check

    try:
        if Path(path).suffix.lower() in SUFFIXES:
            reading = read_workbook(path, unread=UNREAD)
        else:
            with tempfile.TemporaryDirectory(prefix="xladdin-conv-") as work:
                reading = read_workbook(_converted(Path(path), Path(work)), unread=UNREAD)
                reading.submission.path = path
        report = check(reading, config, only)
    except ReadError as err:
        return FileResult(path, error=err.zh)
    except MemoryError:
        return FileResult(path, error="内存不足，文件过大")
    except Exception as err:  # a reviewer's batch goes on
        return FileResult(path, error=f"意外问题：{type(err).__name__}: {err}")
    sub = reading.submission
    f1, f2 = sub.form1, sub.form2
    return FileResult(
        path,
        department=department_of(reading),
        total=_number(f1.total) if f1 else None,
        project=_number(f1.project) if f1 else None,
        funds=sum(1 for f in f2.funds if f.name) if f2 else len(sub.form3s),
        findings=[f.as_dict() for f in report.findings],
        summary=report.summary(),
        year=sub.year,
        outline=outline(sub),
    )


def _serve(conn, checking: Checking, parent: int) -> None:
    """A worker process: check the files the parent sends, one at a time, and send each result back.
    SIGTERM kills it (the CLI's Ctrl-C handler is not inherited: the parent must be able to stop it),
    Ctrl-C is the parent's to handle, and it ends when the parent is gone."""
    import signal

    with contextlib.suppress(ValueError, OSError, AttributeError):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while True:
            while not conn.poll(1.0):
                if os.getppid() != parent:
                    return
            job = conn.recv()
            if job is None:
                return
            i, path = job
            conn.send((i, check_one(path, checking.config, checking.only)))
    except (EOFError, OSError):
        return


def _context():
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows)
        return multiprocessing.get_context()


class _Worker:
    """One supervised worker process, given one file at a time. Its death (killed, out of memory)
    is seen at once through its pipe and its process sentinel, and costs only the file it held."""

    def __init__(self, checking: Checking) -> None:
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, checking, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.job: int | None = None
        self.since = 0.0

    @property
    def waitables(self) -> list:
        return [self.conn, self.process.sentinel]

    def give(self, i: int, path: str) -> None:
        self.conn.send((i, path))
        self.job, self.since = i, time.monotonic()

    def receive(self) -> tuple[int, FileResult] | None:
        """The result it sent, or None when it died without one."""
        try:
            if self.conn.poll():
                return self.conn.recv()
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            pass
        return None

    def stop(self, *, kill: bool = False) -> None:
        with contextlib.suppress(OSError, ValueError):
            if not kill:
                self.conn.send(None)
        self.conn.close()
        if kill:
            with contextlib.suppress(OSError, ValueError):
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.process.kill()
            self.process.join(timeout=5)


#: Seconds one file may take in a worker; past that the worker is killed and the file listed.
FILE_TIME_LIMIT = 600.0


def _run_pool(jobs: dict[int, str], checking: Checking, workers: int, done: dict[int, FileResult], tick) -> set[int]:
    """Check ``jobs`` (index → path) with ``workers`` supervised worker processes; results go to
    ``done``. Returns the files whose worker died while checking them (to be tried again alone);
    a dead worker is replaced and the others go on. A file that takes longer than
    :data:`FILE_TIME_LIMIT` has its worker killed and is listed (a run always ends)."""
    from collections import deque
    from multiprocessing.connection import wait

    queue = deque(jobs.items())
    crew: list[_Worker] = []
    suspects: set[int] = set()
    try:
        while queue or any(w.job is not None for w in crew):
            for w in list(crew):
                if w.job is None and queue:
                    job = queue.popleft()
                    try:
                        w.give(*job)
                    except (OSError, ValueError):  # it died while idle: the file goes back in line
                        queue.appendleft(job)
                        crew.remove(w)
                        w.stop(kill=True)
            while len(crew) < workers and queue:
                w = _Worker(checking)
                crew.append(w)
                w.give(*queue.popleft())
            busy = [w for w in crew if w.job is not None]
            ready = set(wait([x for w in busy for x in w.waitables], timeout=1.0))
            now = time.monotonic()
            for w in busy:
                i = w.job
                assert i is not None
                if not ready.intersection(w.waitables):
                    if now - w.since > FILE_TIME_LIMIT:
                        crew.remove(w)
                        w.stop(kill=True)
                        done[i] = FileResult(jobs[i], error=f"校验超过 {FILE_TIME_LIMIT:g} 秒未完成，已停止，未能检查")
                        tick()
                    continue
                got = w.receive()
                if got is None:  # died while checking it: the one suspect
                    crew.remove(w)
                    w.stop(kill=True)
                    suspects.add(i)
                    continue
                w.job = None
                k, result = got
                if k not in done:
                    done[k] = result
                    tick()
    finally:
        for w in crew:
            w.stop(kill=w.job is not None)
    return suspects


def run_all(
    paths: list[Path],
    config: Config | None = None,
    workers: int | None = None,
    progress: bool = True,
    only: Filter | None = None,
) -> Iterator[FileResult]:
    """Results in the order of ``paths``, each file checked in a worker process; with a progress
    line on stderr. A worker that dies (killed, out of memory) loses only the file it was checking:
    the other files go on, that file is tried again alone (:data:`RETRIES` times) and is then
    listed as not checked."""
    workers = max(1, workers or os.cpu_count() or 1)
    total = len(paths)
    done: dict[int, FileResult] = {}
    from xladdin.commands.progress import progress_bar

    bar = progress_bar(total, "校验") if progress else None

    def tick() -> None:
        if bar is not None:
            bar.update(1)

    checking = Checking(config, only)
    crashes: dict[int, int] = {}
    todo = {i: str(p) for i, p in enumerate(paths)}
    try:
        while todo:
            suspects = _run_pool(todo, checking, min(workers, len(todo)), done, tick)
            todo = {i: p for i, p in todo.items() if i not in done}
            # the suspects run alone, so that a second crash is pinned on the right file
            for i in sorted(suspects & set(todo)):
                while i not in done:
                    crashes[i] = crashes.get(i, 0) + 1
                    if crashes[i] > RETRIES:
                        done[i] = FileResult(
                            todo[i], error=f"校验进程意外退出（可能内存不足或被终止），已重试 {RETRIES} 次，未能检查"
                        )
                        tick()
                        break
                    _run_pool({i: todo[i]}, checking, 1, done, tick)
                todo.pop(i)
    except KeyboardInterrupt:  # Ctrl-C: what was checked is kept, the rest is listed
        for i, p in enumerate(paths):
            done.setdefault(i, FileResult(str(p), error="已中断，未检查"))
    if bar is not None:
        bar.close()
    for i in range(total):
        yield done[i]


def check_summary_target(summary: Path, folder: Path, *, force: bool) -> None:
    """Before any file is checked: the summary (or the --html page) can be written where asked, is
    not inside the folder reviewed, and replaces an existing file only with --force."""
    from xladdin.commands.summary import SummaryError, check_target
    from xladdin.io.save import SaveRefused, check_writable, target_of

    try:
        if summary.suffix.lower() not in (".html", ".htm"):  # the --html page is checked by cli
            check_target(summary)
    except SummaryError as err:
        raise SaveRefused(str(err)) from None
    if summary.is_dir():
        raise SaveRefused(f"「{summary}」是文件夹：--summary 应为 .xlsx 或 .csv 文件的路径")
    real = Path(os.path.abspath(target_of(summary)))
    base = Path(os.path.abspath(folder.resolve()))
    inside = real.resolve() if real.parent.exists() else real
    if base == inside or base in inside.parents:
        raise SaveRefused(f"汇总工作簿「{summary}」不能写在被校验的文件夹里（会被当作报送文件），请放到文件夹之外")
    if summary.exists() and not force:
        raise SaveRefused(f"「{summary}」已存在；如要替换它，请加 --force")
    check_writable(summary, create=True)


def save_summary(results: list[FileResult], summary: Path, protect: tuple[Path, ...]) -> Path:
    """Write the summary workbook atomically; when that fails after the run, the results are saved
    to a file in the temporary folder instead (and the error says where), never thrown away."""
    import tempfile

    from xladdin.io.save import SaveRefused, atomic_write

    try:
        atomic_write(summary, lambda tmp: write_summary(results, tmp), backup=False, create=True, protect=protect)
        return summary
    except (SaveRefused, OSError) as err:
        fd, name = tempfile.mkstemp(prefix="xladdin-汇总-", suffix=summary.suffix)
        os.close(fd)
        write_summary(results, Path(name))
        raise SaveRefused(f"{err}；本次结果已另存为「{name}」") from None


def review_folder(
    folder: Path,
    config: Config | None,
    *,
    summary: str | None,
    as_json: bool,
    workers: int | None,
    recursive: bool = True,
    force: bool = False,
    html: str | None = None,
    only: Filter | None = None,
    opinions: str | None = None,
    folder_config: bool = False,
) -> int:
    """The folder command; exit 1 when any file has errors or could not be read, 2 when the folder
    holds none of our files (or the summary cannot be written)."""
    from xladdin.cli_base import UserError
    from xladdin.io.save import SaveRefused

    target = Path(summary) if summary else None
    page = Path(html) if html else None
    try:
        for out in (target, page):
            if out is not None:
                check_summary_target(out, folder, force=force)
        if opinions:
            from xladdin.commands.opinions import check_target  # refuses with a SaveRefused

            check_target(Path(opinions), folder, force=force)
    except SaveRefused as err:
        raise UserError(str(err), "report cannot be written; nothing was checked") from None
    found = inventory(
        folder, recursive=recursive, exclude=tuple(p for p in (target, page) if p), folder_config=folder_config
    )
    if not found.check:
        listed = "；".join(f"{r.label}（{r.error}）" for r in found.skipped[:5])
        more = f"（另有 {len(found.skipped) - 5} 个）" if len(found.skipped) > 5 else ""
        raise UserError(
            f"文件夹「{folder}」中没有可校验的工作簿（.xlsx/.xlsm/.xls/.ods/.et）"
            + (f"：{len(found.skipped)} 个其他文件：{listed}{more}" if found.skipped else "，文件夹是空的"),
            "no workbooks in the folder",
        )
    results = list(run_all(found.check, config, workers, progress=not as_json, only=only))
    readable = sum(1 for r in results if not r.error)
    for r in results:
        r.label = _label(Path(r.file), folder)
    results += found.skipped
    unreadable = [r for r in results if r.error and not r.skipped]
    totals = {
        "files": len(results),
        "checked": len(results) - len(found.skipped),
        "unreadable": len(unreadable),
        "skipped": sum(1 for r in results if r.skipped),
        "error": sum(r.summary.get("error", 0) for r in results),
        "warning": sum(r.summary.get("warning", 0) for r in results),
        "info": sum(r.summary.get("info", 0) for r in results),
        "waived": sum(r.summary.get("waived", 0) for r in results),
    }
    if as_json:
        files = [
            {"file": r.file, ("skipped" if r.skipped else "error"): r.error}
            if r.error
            else {"file": r.file, "findings": r.findings, "summary": r.summary}
            for r in results
        ]
        print(json.dumps({"folder": str(folder), "files": files, "summary": totals}, ensure_ascii=False, indent=2))
    else:
        from xladdin.cli_base import printable

        for r in results:
            r.label = printable(r.label)  # a right-to-left override in a file name is shown, not obeyed
            if r.skipped:
                print(f"  {r.label}：{r.error}")
            elif r.error:
                print(f"  {r.label}：无法读取（{r.error}）")
            else:
                print(
                    f"  {r.label}：{r.summary['error']} 个错误，{r.summary['warning']} 个警告，"
                    f"预测 {_score_text(r)}（仅供参考）"
                )
        print(
            f"共 {totals['files']} 个文件：校验 {readable} 个，"
            f"{totals['error']} 个错误，{totals['warning']} 个警告，"
            f"{totals['unreadable']} 个无法读取，{totals['skipped']} 个跳过。"
        )
    sys.stdout.flush()
    if target is not None:
        try:
            save_summary(results, target, tuple(found.check))
        except SaveRefused as err:
            raise UserError(str(err), "summary not written") from None
        if not as_json:
            print(f"汇总：{target}")
    if page is not None:
        from xladdin.commands.html_report import write_html

        write_html(results, page, title=str(folder))
        if not as_json:
            print(f"网页报告：{page}")
    if opinions:
        from xladdin.commands.opinions import summary_line, write_opinions

        try:
            rows = write_opinions(results, Path(opinions), workers=workers)
        except SaveRefused as err:
            raise UserError(str(err), "opinions not written") from None
        if not as_json:
            print(summary_line(rows, Path(opinions)))
    return 1 if totals["error"] or totals["unreadable"] else 0
