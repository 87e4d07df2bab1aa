"""``xladdin validate FOLDER_OR_BOOK --opinions DIR``: one 绩效目标审核意见 (Word) per submission.

Takes plain results (``FileResult``: the label, the findings as dicts, the outline computed where
the file was read) and writes 「<部门>-绩效目标审核意见.docx」 into ``DIR`` for every file that was
read, plus 「审核意见清单.csv」 accounting for every file (the document written, or why none was).
Two submissions of one 部门 get the file name in brackets; ``DIR`` may not lie inside the folder
reviewed, and documents already there are replaced only with ``--force``. Each document is
written to a temporary file beside it and renamed into place. Many documents are written by a
few processes at once (the writing is CPU-bound, like the checks).

The ribbon's 「预审意见」 writes the same document for the open workbook
(:func:`write_opinion`): one code path for the reviewer and the clerk.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xladdin.io.save import TEMP_PREFIX, SaveRefused, _sweep

SUFFIX = "-绩效目标审核意见.docx"
PREVIEW_SUFFIX = "-绩效目标审核意见（预审）.docx"  # the ribbon's preview, beside the workbook
INDEX = "审核意见清单.csv"
INDEX_COLUMNS = ["文件", "部门", "审核意见", "预测等级", "审核结论（草拟）", "说明"]
#: Below this many documents the pool costs more than it saves.
POOL_FROM = 12
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class OpinionsRefused(SaveRefused):
    """The documents cannot be written where asked (Chinese, one line)."""


def safe_name(text: str, limit: int = 60) -> str:
    """A file-name part: no path separators or characters Windows refuses, not too long."""
    name = _UNSAFE.sub("_", text).strip().strip(".")
    return name[:limit] or "未命名"


def check_target(out: Path, folder: Path | None, *, force: bool) -> None:
    """Before any file is checked: ``out`` is a folder (or can be made one), is not inside the
    folder reviewed, and holds no earlier document unless ``force``."""
    from xladdin.commands.opinion_text import PhraseError, phrases

    out = Path(out)
    try:
        phrases()  # a bureau's phrase file with a mistake is refused before any work
    except PhraseError as err:
        raise OpinionsRefused(str(err)) from None
    if out.exists() and not out.is_dir():
        raise OpinionsRefused(f"「{out}」不是文件夹：--opinions 应为存放审核意见的文件夹")
    if folder is not None:
        base = Path(os.path.abspath(folder.resolve()))
        real = Path(os.path.abspath(out.resolve() if out.exists() else out))
        if base == real or base in real.parents:
            raise OpinionsRefused(
                f"审核意见文件夹「{out}」不能在被校验的文件夹里（会被当作报送文件），请放到文件夹之外"
            )
    if out.is_dir() and not force:
        earlier = sorted(p.name for p in out.iterdir() if p.name.endswith(SUFFIX) or p.name == INDEX)
        if earlier:
            more = f"等 {len(earlier)} 个" if len(earlier) > 1 else ""
            raise OpinionsRefused(f"「{out}」中已有审核意见（{earlier[0]}{more}）；如要替换，请加 --force")
    existing = out
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OpinionsRefused(f"文件夹「{existing}」是只读的或没有写入权限，无法写入审核意见")


def document_names(results: Sequence[Any]) -> dict[int, str]:
    """Index in ``results`` → the document's file name, for each file that was read. Two
    submissions of one 部门 are told apart by their file names."""
    readable = [(i, r) for i, r in enumerate(results) if not r.error]
    who = {i: safe_name(r.department or Path(r.file).stem) for i, r in readable}
    count = Counter(who.values())
    names: dict[int, str] = {}
    taken: set[str] = set()
    for i, r in readable:
        base = who[i] if count[who[i]] == 1 else f"{who[i]}（{safe_name(Path(r.file).stem, 40)}）"
        name, n = base + SUFFIX, 2
        while name.lower() in taken:  # the same 部门 and file name in two sub-folders
            name, n = f"{base}（{n}）{SUFFIX}", n + 1
        taken.add(name.lower())
        names[i] = name
    return names


def _label(r: Any) -> str:
    return getattr(r, "label", "") or Path(r.file).name


@dataclass
class Written:
    grade: str = ""
    conclusion: str = ""
    problem: str = ""  # why no document was written


def _write_one(job: tuple[str, list[dict[str, str]], dict[str, Any], str]) -> Written:
    """Compose and write one document (in a worker or in this process)."""
    from xladdin.commands.opinion_docx import write_docx
    from xladdin.commands.opinion_text import compose

    label, findings, plan, target = job
    from xladdin.io.save import open_in_excel

    path = Path(target)
    if open_in_excel(path):  # Word keeps the same ~$ owner file
        return Written(problem=f"「{path.name}」正在 Word 中打开，未写入；请关闭后再运行")
    opinion = compose(label, findings, plan)
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".docx", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write_docx(opinion, tmp)
        _public(tmp)
        os.replace(tmp, path)
    except OSError as err:
        from xladdin.io.formats import os_reason

        return Written(problem=f"写入失败：{os_reason(err)}")
    finally:
        tmp.unlink(missing_ok=True)
    return Written(opinion.grade, opinion.conclusion)


def _public(path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)  # as a plain new file would be, not mkstemp's 0600


def _write_all(
    jobs: dict[int, tuple[str, list[dict[str, str]], dict[str, Any], str]], workers: int
) -> dict[int, Written]:
    done: dict[int, Written] = {}
    if workers > 1 and len(jobs) >= POOL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork (Windows): one process does it
            context = None
        if context is not None:
            keys = list(jobs)
            try:
                with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                    size = max(1, len(keys) // (workers * 4))
                    for i, written in zip(
                        keys, pool.map(_write_one, [jobs[k] for k in keys], chunksize=size), strict=True
                    ):
                        done[i] = written
            except Exception:  # a worker died: what is missing is written here
                pass
    for i, job in jobs.items():
        if i not in done:
            done[i] = _write_one(job)
    return done


def write_opinions(results: Sequence[Any], out: Path, *, workers: int | None = None) -> list[dict[str, str]]:
    """Write the document of every file that was read into ``out`` and the index of all files;
    returns the index rows (one per result, in order)."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        from xladdin.io.formats import os_reason

        raise OpinionsRefused(f"无法创建审核意见文件夹「{out}」：{os_reason(err)}") from None
    _sweep(out)  # what a killed earlier run left
    names = document_names(results)
    jobs = {
        i: (
            _label(results[i]),
            list(results[i].findings),
            dict(getattr(results[i], "outline", None) or {}),
            str(out / name),
        )
        for i, name in names.items()
    }
    done = _write_all(jobs, max(1, min(workers or os.cpu_count() or 1, os.cpu_count() or 1)))
    rows = []
    for i, r in enumerate(results):
        written = done.get(i)
        if written is None:
            note = r.error if getattr(r, "skipped", False) else f"无法读取，未生成：{r.error or '未检查'}"
            rows.append(dict(zip(INDEX_COLUMNS, [_label(r), r.department or "", "", "", "", note], strict=True)))
        else:
            rows.append(
                dict(
                    zip(
                        INDEX_COLUMNS,
                        [
                            _label(r),
                            r.department or "",
                            "" if written.problem else names[i],
                            written.grade,
                            written.conclusion,
                            written.problem,
                        ],
                        strict=True,
                    )
                )
            )
    _write_index(rows, out / INDEX)
    return rows


def _write_index(rows: list[dict[str, str]], path: Path) -> None:
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".csv", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=INDEX_COLUMNS)
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        _public(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _cell(value: str) -> str:
    """A CSV field Excel shows as text: one starting with = + - @ gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def summary_line(rows: list[dict[str, str]], out: Path) -> str:
    """「审核意见：N 份，写入 DIR；M 个文件未生成（见 审核意见清单.csv）」."""
    made = sum(1 for r in rows if r["审核意见"])
    missing = len(rows) - made
    line = f"审核意见：{made} 份，写入「{out}」"
    if missing:
        line += f"；{missing} 个文件未生成（原因见 {INDEX}）"
    return line + "。"


def preview_name(who: str) -> str:
    """The ribbon preview's file name: 「<部门>-绩效目标审核意见（预审）.docx」."""
    return safe_name(who) + PREVIEW_SUFFIX


def write_opinion(label: str, findings: list[dict[str, str]], plan: dict[str, Any], target: Path) -> Written:
    """One document (the ribbon's 预审意见): the same composing and writing as reviewer mode."""
    return _write_one((label, findings, plan, str(target)))
