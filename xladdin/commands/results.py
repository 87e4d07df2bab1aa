"""What reviewing one file gives: plain data that the folder review (``review``), the summary
workbook (``summary``) and the page (``html_report``) all take, so that none imports another back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    label: str = ""  # the path shown (relative to the folder reviewed)
    skipped: bool = False  # not a workbook of ours: listed with its reason, not an error
    year: int | None = None
    outline: dict = field(default_factory=dict)  # what --opinions needs (xladdin.commands.opinion_text)

    def __post_init__(self) -> None:
        self.label = self.label or Path(self.file).name
