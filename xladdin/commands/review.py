"""Reviewer mode: validate every workbook of a folder in worker processes and summarise.

``xladdin validate DIR --summary OUT.xlsx``: the summary workbook is written by
``xladdin.commands.summary``. Unreadable files are listed, never fatal.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from xladdin.config import Config

SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class FileResult:
    file: str
    department: str = ""
    total: float | None = None
    project: float | None = None
    funds: int = 0
    findings: list[dict[str, str]] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)
    error: str = ""

    year: int | None = None

    @property
    def grade(self) -> str:
        """Advisory only: the rubric of ``xladdin.commands.summary`` (score and 优/良/中/差)."""
        from xladdin.commands.summary import score

        return "" if self.error else score(self.findings).grade

    @property
    def score_text(self) -> str:
        """「63.5 分，中」: the rubric's score and grade."""
        from xladdin.commands.summary import score

        sc = score(self.findings)
        return f"{sc.total:g} 分，{sc.grade}"


def workbooks(folder: Path) -> list[Path]:
    """The workbooks of ``folder`` (not Excel's ~$ lock files, not our backups)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")) and ".bak." not in p.name
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def check_one(path: str, config: Config | None = None) -> FileResult:
    """Validate one file; any failure becomes the result's ``error`` (a worker never dies)."""
    from xladdin.io.grid import ReadError
    from xladdin.reader import read_workbook
    from xladdin.validate import check

    try:
        reading = read_workbook(path)
        report = check(reading, config)
    except ReadError as err:
        return FileResult(path, error=err.zh)
    except Exception as err:  # a reviewer's batch goes on
        return FileResult(path, error=f"意外问题：{type(err).__name__}: {err}")
    sub = reading.submission
    f1, f2 = sub.form1, sub.form2
    return FileResult(
        path,
        department=str(f1.department or "") if f1 else "",
        year=sub.year,
        total=_number(f1.total) if f1 else None,
        project=_number(f1.project) if f1 else None,
        funds=sum(1 for f in f2.funds if f.name) if f2 else len(sub.form3s),
        findings=[f.as_dict() for f in report.findings],
        summary=report.summary(),
    )


def _check(args: tuple[str, Config | None]) -> FileResult:
    return check_one(*args)


def run_all(
    paths: list[Path], config: Config | None = None, workers: int | None = None, progress: bool = True
) -> Iterator[FileResult]:
    """Results in the order of ``paths``; a progress bar on stderr when it is a terminal."""
    workers = workers or os.cpu_count() or 1
    jobs = [(str(p), config) for p in paths]
    total = len(jobs)
    if workers == 1 or total < 4:
        results = map(_check, jobs)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_check, jobs, chunksize=max(1, min(16, total // (workers * 8) or 1)))
    from xladdin.commands.progress import progress_bar

    bar = progress_bar(total, "校验") if progress else None
    try:
        for result in results:
            if bar is not None:
                bar.update(1)
            yield result
    finally:
        if pool is not None:
            pool.shutdown()
        if bar is not None:
            bar.close()


def review_folder(
    folder: Path,
    config: Config | None,
    *,
    summary: str | None,
    as_json: bool,
    workers: int | None,
    html: str | None = None,
) -> int:
    """The folder command; exit 1 when any file has errors or could not be read."""
    paths = workbooks(folder)
    results = list(run_all(paths, config, workers, progress=not as_json))
    if summary:
        from xladdin.commands.summary import write_summary

        write_summary(results, summary)
    if html:
        from xladdin.commands.html_report import write_html

        write_html(results, html, title=str(folder))
    totals = {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error),
        "error": sum(r.summary.get("error", 0) for r in results),
        "warning": sum(r.summary.get("warning", 0) for r in results),
        "info": sum(r.summary.get("info", 0) for r in results),
    }
    if as_json:
        files = [
            {"file": r.file, "error": r.error}
            if r.error
            else {"file": r.file, "findings": r.findings, "summary": r.summary}
            for r in results
        ]
        print(json.dumps({"folder": str(folder), "files": files, "summary": totals}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            name = Path(r.file).name
            if r.error:
                print(f"  {name}：无法读取（{r.error}）")
            else:
                s = r.summary
                print(f"  {name}：{s['error']} 个错误，{s['warning']} 个警告，预测 {r.score_text}（仅供参考）")
        print(
            f"共 {totals['files']} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，"
            f"{totals['unreadable']} 个无法读取。"
        )
        if summary:
            print(f"汇总：{summary}")
        if html:
            print(f"网页报告：{html}")
    return 1 if totals["error"] or totals["unreadable"] else 0
