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
    fill: str | None = None  # "#RRGGBB": a solid fill (suggestions are marked this way)


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


@dataclass(frozen=True)
class NoteSheet:
    """A plain list on a helper sheet (转年说明, 指标建议): ``rows`` from A1, the first row bold;
    the sheet is added at the end, or emptied and rewritten when it exists. Text stays text."""

    name: str
    rows: tuple[tuple[CellValue, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class RefreshSelfCheck:
    """Lay the self-check (``xladdin.selfcheck``) out afresh for the workbook as the other edits
    leave it: 自查 cells, colours and the hidden 自查 sheet follow the forms' rows and sheets."""


Edit = SetCell | InsertRows | AddSheet | NoteSheet | RefreshSelfCheck


def is_text_formula(value: object) -> bool:
    """A text that Excel would take for a formula if typed: it must be written as text."""
    return isinstance(value, str) and value.startswith("=")


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
