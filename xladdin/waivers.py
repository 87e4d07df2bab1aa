"""Waivers (「已确认」): a clerk or reviewer accepts a finding with a reason, the way ``# noqa: CODE``
works in ruff. The workbook's 「已确认」 sheet lists 规则, 工作表, 单元格, 理由; validation still
reports each waived finding, in its place, marked with its reason and counted apart (a waived
error does not fail the check), and a waiver whose cell no longer shows the finding is itself
reported (rule S010), so a stale confirmation cannot hide a later problem. No engine here."""

from __future__ import annotations

from typing import NamedTuple, Protocol, Self, TypeVar

from xladdin import a1
from xladdin.io.grid import BookGrid


class _Marked(Protocol):
    """What :func:`mark` reads of a finding (``xladdin.rules.base.Finding``, which imports this module)."""

    @property
    def rule(self) -> str: ...
    @property
    def sheet(self) -> str: ...
    @property
    def cell(self) -> str: ...
    def _replace(self, **changes: object) -> Self: ...


Finding = TypeVar("Finding", bound=_Marked)

SHEET = "已确认"
HEADER = ["规则", "工作表", "单元格", "理由"]
WIDTHS = (8, 30, 10, 60)
NO_REASON = "（未写理由）"


class Waiver(NamedTuple):
    """A finding a clerk confirmed on the 已确认 sheet, with the reason."""

    rule: str
    sheet: str
    cell: str
    reason: str
    row: int  # its row on the 已确认 sheet (where a stale waiver is reported)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.sheet, self.cell)


def normal_cell(cell: object) -> str:
    """'$e$10 ' → 'E10' (text that is no A1 address is kept as written)."""
    text = str(cell or "").strip().replace("$", "").upper()
    try:
        row, col = a1.parse(text)
    except ValueError:
        return text
    return f"{a1.col_letter(col)}{row}"


def read_waivers(grid: BookGrid) -> list[Waiver]:
    """The rows of the 「已确认」 sheet (its header row and blank rows skipped)."""
    sheet = grid.sheet(SHEET)
    if sheet is None:
        return []
    out = []
    for r, row in enumerate(sheet.rows, start=1):
        rule, name, cell, reason = (*row, None, None, None, None)[:4]
        if not rule or str(rule).strip() == HEADER[0]:
            continue
        out.append(
            Waiver(
                str(rule).strip().upper(),
                str(name or "").strip(),
                normal_cell(cell),
                str(reason).strip() if reason not in (None, "") else NO_REASON,
                r,
            )
        )
    return out


def mark(findings: list[Finding], waivers: list[Waiver]) -> list[Finding]:
    """Each finding a waiver names, marked ``waived`` with its reason (order kept)."""
    reasons = {w.key: w.reason for w in waivers}
    return [
        f._replace(waived=reasons[(f.rule, f.sheet, f.cell)]) if (f.rule, f.sheet, f.cell) in reasons else f
        for f in findings
    ]
