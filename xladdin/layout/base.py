"""Primitives for describing a form's layout.

A form is a sequence of sections. A :class:`Rows` section is a fixed group of rows; a
:class:`Table` is a header row, any number of data rows and an optional total row. Each section
starts with an *anchor*: a label in the form's label column (column A) that the reader looks for,
so that a clerk's added or deleted rows do not throw the reader off. The builder lays the
sections out one after another; the reader finds them again by their anchors. Both produce the
same :class:`~xladdin.model.Placement`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from xladdin import a1

Style = Literal[
    "marker", "title", "subtitle", "subtitle_field", "label", "header", "text", "amount", "long", "sign", "sign_field"
]


def is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs). Compared, not matched: a regex class of all of them
    costs some 3 ms to compile."""
    return "\u4e00" <= ch <= "\u9fff"


#: What the text functions of the reader and the rules have worked out, by the text they were given
#: (one dict each: ``norm``, ``xladdin.values.clean_text``…). The texts of a workbook repeat (level
#: names, labels, the same values on every sheet): each distinct text is worked out once. Emptied when
#: the reader starts on a workbook (:func:`forget_texts`): nothing is kept from one workbook to the next.
TEXT_MEMOS: list[dict] = []
#: A memo holds at most this many texts (a workbook of thousands of rows works out the rest afresh).
MEMO_SIZE = 20_000

_NORMED: dict[str, str] = {}
TEXT_MEMOS.append(_NORMED)


def forget_texts() -> None:
    """Empty every text memo (:data:`TEXT_MEMOS`)."""
    for memo in TEXT_MEMOS:
        memo.clear()


def norm(value: object) -> str:
    """Text with every kind of white space removed (labels are compared this way)."""
    if value is None:
        return ""
    if type(value) is str:
        out = _NORMED.get(value)
        if out is None:
            out = "".join(value.split())  # str.split() splits at exactly what a regex \s matches
            if len(_NORMED) < MEMO_SIZE:
                _NORMED[value] = out
        return out
    return "".join(str(value).split())


_COLUMNS: dict[str, int] = {}


def col_index(letters: str) -> int:
    """:func:`xladdin.a1.col_index` ('A' -> 1, 'AA' -> 27), each column's letters worked out once."""
    n = _COLUMNS.get(letters)
    if n is None:
        n = a1.col_index(letters)  # ValueError for letters that are none
        if len(_COLUMNS) < 1024:
            _COLUMNS[letters] = n
    return n


col_letter = a1.col_letter


@dataclass(frozen=True)
class SumColumn:
    """=SUM over a table column (the table's data rows)."""

    table: str
    column: str


@dataclass(frozen=True)
class SumFields:
    """=SUM of a few fields of the same form."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class FieldOf:
    """A field of another form (``form`` is 'form1', 'form2')."""

    form: str
    key: str


Formula = SumColumn | SumFields | FieldOf


@dataclass(frozen=True)
class Cell:
    """One cell of a row: static ``text`` or a model field ``key``; merged from ``col`` to ``to``."""

    col: str
    to: str | None = None
    text: str | None = None
    key: str | None = None
    style: Style = "text"
    formula: Formula | None = None
    down: int = 1  # rows the cell spans (a label merged over two rows)

    @property
    def last(self) -> str:
        return self.to or self.col


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Rows:
    """A fixed group of rows. ``anchor`` (normalised) starts the label column of the first row
    (or stands anywhere in it, with ``contains``). ``label_down`` merges the first row's label cell
    down over all rows of the section."""

    anchor: str
    rows: tuple[Row, ...]
    heights: tuple[float | None, ...] = ()
    label_down: bool = False
    contains: bool = False  # the anchor may stand anywhere in the label (titles)


@dataclass(frozen=True)
class Table:
    """A header row (found by ``anchor``), data rows, and optionally a total row.

    ``columns`` lays out one data row; their keys are attributes of ``item``'s class (named by
    ``item``). ``total`` is a row after the data rows (``total_first``: directly after the header,
    before the data rows, as on 附表2), recognised by ``total_label`` in ``total_label_col``.
    ``fill_down`` lists columns whose empty cells take the value above (vertically merged cells).
    """

    key: str
    anchor: str
    header: Row
    columns: Row
    item: str
    total: Row | None = None
    total_first: bool = False
    total_label: str = "合计"
    total_label_col: str = "B"
    fill_down: tuple[str, ...] = ()
    merge_down: tuple[str, ...] = ()  # columns the builder merges over equal runs
    label_down: bool = True  # merge the anchor label down over the whole table
    min_rows: int = 1
    height: float | None = None


Section = Rows | Table


@dataclass(frozen=True)
class FormLayout:
    """One form: its marker (附表1), its sections and its columns' widths (A4 print)."""

    form: str  # "form1" | "form2" | "form3"
    marker: str  # "附表1"
    title_words: str  # a fragment of the title that identifies the form
    widths: tuple[float, ...]
    sections: tuple[Section, ...]
    landscape: bool = False
    validations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # table col -> list

    @property
    def last_col(self) -> str:
        return col_letter(len(self.widths))

    def table(self, key: str) -> Table:
        for section in self.sections:
            if isinstance(section, Table) and section.key == key:
                return section
        raise KeyError(key)

    def table_columns(self, key: str) -> dict[str, str]:
        return {c.key: c.col for c in self.table(key).columns if c.key}

    def cells(self) -> list[Cell]:
        """Every cell spec of the form (fixed rows, headers, data columns, totals)."""
        out: list[Cell] = []
        for section in self.sections:
            if isinstance(section, Rows):
                for row in section.rows:
                    out.extend(row)
            else:
                out.extend(section.header)
                out.extend(section.columns)
                if section.total:
                    out.extend(section.total)
        return out

    def formula_cells(self) -> list[Cell]:
        return [c for c in self.cells() if c.formula is not None]
