"""Where a form's sections stand: laid out from counts (builder) or found by anchors (reader)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from xladdin.layout.base import Cell, FormLayout, Rows, Section, Table, col_index, norm
from xladdin.layout.vocabulary import anchor_matches
from xladdin.model import CellValue, Placement


@dataclass
class SectionAt:
    """Where a section of a form was found on its sheet."""

    section: Section
    start: int  # first row (the anchor row)
    data: list[int] = field(default_factory=list)  # tables: the data rows
    total: int | None = None  # tables: the total row

    @property
    def end(self) -> int:
        rows = [self.start, *self.data]
        if self.total is not None:
            rows.append(self.total)
        if isinstance(self.section, Rows):
            rows.append(self.start + len(self.section.rows) - 1)
        return max(rows)


@dataclass
class Plan:
    """A form's layout with its sections placed on a sheet."""

    layout: FormLayout
    sections: list[SectionAt]
    missing: list[str] = field(default_factory=list)  # anchors not found (reader only)

    def at(self, key: str) -> SectionAt | None:
        for s in self.sections:
            if isinstance(s.section, Table) and s.section.key == key:
                return s
        return None

    def fixed_cells(self) -> list[tuple[int, Cell]]:
        """(row, cell) for every cell that is not a table data cell."""
        out: list[tuple[int, Cell]] = []
        for s in self.sections:
            sec = s.section
            if isinstance(sec, Rows):
                for i, row in enumerate(sec.rows):
                    out.extend((s.start + i, c) for c in row)
            else:
                out.extend((s.start, c) for c in sec.header)
                if sec.total is not None and s.total is not None:
                    out.extend((s.total, c) for c in sec.total)
        return out

    def placement(self) -> Placement:
        p = Placement()
        for row, cell in self.fixed_cells():
            if cell.key:
                p.fields[cell.key] = f"{cell.col}{row}"
        for s in self.sections:
            if isinstance(s.section, Table):
                p.rows[s.section.key] = list(s.data)
                p.columns[s.section.key] = {c.key: c.col for c in s.section.columns if c.key}
        return p

    @property
    def last_row(self) -> int:
        return max((s.end for s in self.sections), default=0)


def plan(layout: FormLayout, counts: dict[str, int]) -> Plan:
    """Lay the sections out one after another; tables get ``counts[key]`` data rows."""
    row = 1
    placed: list[SectionAt] = []
    for sec in layout.sections:
        if isinstance(sec, Rows):
            placed.append(SectionAt(sec, row))
            row += len(sec.rows)
            continue
        n = max(counts.get(sec.key, 0), sec.min_rows)
        at = SectionAt(sec, row)
        row += 1
        if sec.total is not None and sec.total_first:
            at.total = row
            row += 1
        at.data = list(range(row, row + n))
        row += n
        if sec.total is not None and not sec.total_first:
            at.total = row
            row += 1
        placed.append(at)
    return Plan(layout, placed)


def _label(rows: Sequence[Sequence[CellValue]], r: int, col: int) -> str:
    if r - 1 >= len(rows):
        return ""
    line = rows[r - 1]
    return norm(line[col - 1]) if col - 1 < len(line) else ""


def _matches(value: CellValue, sec: Section) -> bool:
    """Whether a label cell starts ``sec``: any wording of the vocabulary for its anchor."""
    return anchor_matches(sec.anchor, value, contains=isinstance(sec, Rows) and sec.contains)


def _find(rows: Sequence[Sequence[CellValue]], sec: Section, start: int, stop: int) -> int | None:
    for r in range(start, stop + 1):
        line = rows[r - 1] if r - 1 < len(rows) else ()
        if line and _matches(line[0], sec):
            return r
    return None


def locate(layout: FormLayout, rows: Sequence[Sequence[CellValue]]) -> Plan:
    """Find the sections of ``layout`` in a sheet's values (rows of cells, 1-based A1 at [0][0]).

    Sections are searched in order; a section that is not found is listed in ``missing`` and the
    search goes on from where it stood. A table runs from its header to the row before the next
    section found (its total row, for a table that has one, is recognised by its label)."""
    nrows = len(rows)
    found: list[tuple[Section, int]] = []
    missing: list[str] = []
    r = 1
    for sec in layout.sections:
        at = _find(rows, sec, r, nrows)
        if at is None:
            missing.append(sec.anchor)
            continue
        found.append((sec, at))
        r = at + (len(sec.rows) if isinstance(sec, Rows) else 1)
    placed: list[SectionAt] = []
    for i, (sec, start) in enumerate(found):
        if isinstance(sec, Rows):
            placed.append(SectionAt(sec, start))
            continue
        stop = found[i + 1][1] - 1 if i + 1 < len(found) else _last_filled(rows, start)
        at = SectionAt(sec, start)
        body = list(range(start + 1, stop + 1))
        total_col = col_index(sec.total_label_col)
        if sec.total is not None:
            label = norm(sec.total_label)
            totals = [x for x in body if label in (_label(rows, x, total_col), _label(rows, x, 1))]
            if totals:
                at.total = totals[0] if sec.total_first else totals[-1]
                body = [x for x in body if x > at.total] if sec.total_first else [x for x in body if x < at.total]
        at.data = body
        placed.append(at)
    return Plan(layout, placed, missing)


def _last_filled(rows: Sequence[Sequence[CellValue]], start: int) -> int:
    last = start
    for r in range(start, len(rows) + 1):
        if any(v not in (None, "") for v in rows[r - 1]):
            last = r
    return last
