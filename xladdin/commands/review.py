"""Reviewer mode: validate every workbook of a folder in worker processes and summarise.

``xladdin validate DIR --summary OUT.xlsx``: one row per file (部门, 资金总额, 项目支出, 专项数,
errors, warnings, an advisory 优/良/中/差), one sheet with every finding, one with the files that
could not be read. Unreadable files are listed, never fatal.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from xladdin.config import Config
from xladdin.rules import SEVERITY_ZH

SUFFIXES = (".xlsx", ".xlsm")
GRADE_NOTE = "预测等级（仅供参考）"


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

    @property
    def grade(self) -> str:
        """Advisory only: 优 no errors and few warnings, 良 no errors, 中 a few errors, 差 more."""
        if self.error:
            return ""
        errors, warnings = self.summary.get("error", 0), self.summary.get("warning", 0)
        if errors == 0:
            return "优" if warnings <= 5 else "良"
        return "中" if errors <= 5 else "差"


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
    """Results in the order of ``paths``; with a progress line on stderr."""
    workers = workers or os.cpu_count() or 1
    jobs = [(str(p), config) for p in paths]
    total = len(jobs)
    if workers == 1 or total < 4:
        results = map(_check, jobs)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_check, jobs, chunksize=max(1, min(16, total // (workers * 8) or 1)))
    try:
        for i, result in enumerate(results, start=1):
            if progress and (i == total or i % 10 == 0):
                bar = "#" * (30 * i // total)
                print(f"\r[{bar:<30}] {i}/{total}", end="", file=sys.stderr, flush=True)
            yield result
    finally:
        if pool is not None:
            pool.shutdown()
        if progress and total:
            print(file=sys.stderr)


def write_summary(results: list[FileResult], out: Path) -> Path:
    """The summary workbook (pandas): 汇总, 全部问题, 无法读取."""
    import pandas as pd

    rows = [
        {
            "文件": Path(r.file).name,
            "部门": r.department,
            "资金总额": r.total,
            "项目支出": r.project,
            "专项数": r.funds,
            "错误": r.summary.get("error", 0),
            "警告": r.summary.get("warning", 0),
            GRADE_NOTE: r.grade,
        }
        for r in results
        if not r.error
    ]
    findings = [
        {
            "文件": Path(r.file).name,
            "部门": r.department,
            "级别": SEVERITY_ZH.get(f["severity"], f["severity"]),
            "工作表": f["sheet"],
            "单元格": f["cell"],
            "规则": f["rule"],
            "问题": f["message"],
            "改法": f["fix"],
        }
        for r in results
        for f in r.findings
    ]
    failed = [{"文件": Path(r.file).name, "原因": r.error} for r in results if r.error]
    out.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        pd.DataFrame(
            rows, columns=["文件", "部门", "资金总额", "项目支出", "专项数", "错误", "警告", GRADE_NOTE]
        ).to_excel(writer, sheet_name="汇总", index=False)
        pd.DataFrame(findings, columns=["文件", "部门", "级别", "工作表", "单元格", "规则", "问题", "改法"]).to_excel(
            writer, sheet_name="全部问题", index=False
        )
        pd.DataFrame(failed, columns=["文件", "原因"]).to_excel(writer, sheet_name="无法读取", index=False)
        for name, widths in (
            ("汇总", [36, 30, 10, 10, 8, 6, 6, 18]),
            ("全部问题", [36, 30, 6, 30, 8, 6, 60, 40]),
            ("无法读取", [36, 80]),
        ):
            for i, w in enumerate(widths):
                writer.sheets[name].set_column(i, i, w)
    return out


def review_folder(
    folder: Path, config: Config | None, *, summary: str | None, as_json: bool, workers: int | None
) -> int:
    """The folder command; exit 1 when any file has errors or could not be read."""
    paths = workbooks(folder)
    results = list(run_all(paths, config, workers, progress=not as_json))
    if summary:
        write_summary(results, Path(summary))
    totals = {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.error),
        "error": sum(r.summary.get("error", 0) for r in results),
        "warning": sum(r.summary.get("warning", 0) for r in results),
        "info": sum(r.summary.get("info", 0) for r in results),
        "waived": sum(r.summary.get("waived", 0) for r in results),
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
                print(
                    f"  {name}：{r.summary['error']} 个错误，{r.summary['warning']} 个警告，预测 {r.grade}（仅供参考）"
                )
        print(
            f"共 {totals['files']} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，"
            f"{totals['unreadable']} 个无法读取。"
        )
        if summary:
            print(f"汇总工作簿：{summary}")
    return 1 if totals["error"] or totals["unreadable"] else 0
