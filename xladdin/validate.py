"""Run the catalogue on a reading and report the findings, in sheet and cell order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from xladdin import a1
from xladdin.config import Config, default_config, load_config
from xladdin.reader import Reading, read_grid_model, read_workbook
from xladdin.rules import Context, Finding, run
from xladdin.rules.base import SEVERITY_RANK
from xladdin.selfcheck.cells import SHEET as SELFCHECK_SHEET
from xladdin.waivers import SHEET as WAIVER_SHEET
from xladdin.waivers import mark, read_waivers

#: The sheets whose cells a check leaves unread: the 自查 sheet holds the workbook's own flags, which
#: no rule reads (parsing them was a third of reading the example).
UNREAD = (SELFCHECK_SHEET,)


@dataclass
class Report:
    """The findings of one workbook, in report order."""

    file: str
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Findings by severity; waived ones (已确认) are counted apart, under "waived"."""
        out = {"error": 0, "warning": 0, "info": 0, "waived": 0}
        for f in self.findings:
            key = "waived" if f.waived is not None else f.severity
            out[key] = out.get(key, 0) + 1
        return out

    @property
    def errors(self) -> int:
        return self.summary()["error"]

    def as_json(self) -> dict:
        return {"file": self.file, "findings": [f.as_dict() for f in self.findings], "summary": self.summary()}

    def counts_zh(self) -> str:
        s = self.summary()
        text = f"{s['error']} 个错误，{s['warning']} 个警告"
        text += f"，{s['info']} 个提示" if s["info"] else ""
        return text + (f"（另有 {s['waived']} 项已确认）" if s["waived"] else "")


def _cell_key(cell: str) -> tuple[int, int]:
    try:
        return a1.parse(cell)
    except ValueError:
        return 0, 0


class Filter(NamedTuple):
    """Which findings to report: ``min_severity`` error|warning|info, ``select``/``ignore`` rule
    codes or prefixes (ruff's words)."""

    min_severity: str = "info"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None

    def keeps(self, f: Finding) -> bool:
        return SEVERITY_RANK.get(f.severity, 9) <= SEVERITY_RANK[self.min_severity]


def check(reading: Reading, config: Config | None = None, only: Filter | None = None) -> Report:
    """All findings for ``reading``: errors first, then warnings, then hints; within each, by sheet
    (workbook order), row, column."""
    only = only or Filter()
    config = config or default_config()
    if config.profile:
        force_profile(reading, config.profile)
    waivers = read_waivers(reading.grid)
    ctx = Context(reading.submission, reading.structure, config, waivers)
    order = {name: i for i, name in enumerate(reading.submission.sheet_names)}
    order[WAIVER_SHEET] = len(order)  # stale confirmations after the forms
    found = [f for f in run(ctx, select=only.select, ignore=only.ignore) if only.keeps(f)]
    findings = sorted(
        found, key=lambda f: (SEVERITY_RANK.get(f.severity, 9), order.get(f.sheet, -1), _cell_key(f.cell))
    )
    return Report(reading.submission.path, mark(findings, waivers))


def force_profile(reading: Reading, profile: str) -> None:
    """``[form] profile = "…"``: every form read from a sheet is of that family."""
    for form in reading.submission.forms():
        if form.sheet:
            form.profile = profile
    for fmap in reading.structure.maps:
        fmap.profile, fmap.profile_cue = profile, "配置文件 [form] profile"


def validate_file(path: str | Path, config: Config | None = None, only: Filter | None = None) -> Report:
    """Read and check one workbook file (it is never written); without ``config``, the settings
    for that file (``load_config(book=path)``). Raises ReadError, ConfigError."""
    report = check(read_workbook(path, unread=UNREAD), config or load_config(book=path), only)
    report.file = str(path)
    return report


__all__ = ["Filter", "Report", "check", "force_profile", "read_grid_model", "validate_file"]
