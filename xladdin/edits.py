"""Edits: what a write command wants done, engine-neutral. The openpyxl adapter applies them to a
file, the xlwings adapter to the open workbook in Excel."""

from __future__ import annotations

from dataclasses import dataclass, field

from xladdin.layout.render import SheetSpec
from xladdin.model import CellValue


@dataclass(frozen=True)
class SetCell:
    """Write a value or a formula (``formula`` wins) into one cell; ``style`` for a new cell."""

    sheet: str
    row: int
    col: int
    value: CellValue = None
    formula: str | None = None
    style: str | None = None


@dataclass(frozen=True)
class InsertRows:
    """Insert ``count`` empty rows before ``before`` (what stood there moves down)."""

    sheet: str
    before: int
    count: int = 1


@dataclass(frozen=True)
class AddSheet:
    """Add a whole sheet (rendered from the layout) after ``after`` (None: at the end)."""

    spec: SheetSpec
    after: str | None = None


Edit = SetCell | InsertRows | AddSheet


@dataclass
class Change:
    """One line of what a command changed, for the clerk (Chinese)."""

    sheet: str
    cell: str
    text: str
    overwrote_typed: bool = False  # a value the clerk had typed was replaced


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.edits)
