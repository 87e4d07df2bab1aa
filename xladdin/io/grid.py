"""Plain values of a workbook: sheet → rows of cells. What every adapter produces and the reader reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from xladdin.io.formula import UNSUPPORTED, Uncomputable, evaluate
from xladdin.model import CellValue


class ReadError(Exception):
    """The file cannot be read as a 绩效目标表 workbook (exit code 2)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh = zh
        self.en = en


@dataclass
class SheetGrid:
    """One sheet: ``rows[r-1][c-1]`` is the value of the cell at row r, column c."""

    name: str
    rows: list[list[CellValue]] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden: bool = False
    uncomputed: set[tuple[int, int]] = field(default_factory=set)  # formulas we could not compute
    truncated: bool = False  # rows or columns past the reader's limits were left out
    cut_row: int = 0  # the first row past the reader's limit that held something (0: none)
    #: its cells were left unread (a sheet the caller never looks at): a formula using one is not computed
    unread: bool = False
    #: merged ranges as (first row, first col, last row, last col), 1-based; empty when unknown
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    _cover: dict[tuple[int, int], tuple[int, int, int, int]] | None = field(default=None, repr=False, compare=False)

    def merge_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """The merged range covering (row, col), or None."""
        if not self.merges:
            return None
        if self._cover is None:
            cover: dict[tuple[int, int], tuple[int, int, int, int]] = {}
            for span in self.merges:
                r1, c1, r2, c2 = span
                if (r2 - r1 + 1) * (c2 - c1 + 1) > 4096:
                    continue  # a sheet-sized merge: nothing of a form's table
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        cover[(r, c)] = span
            self._cover = cover
        return self._cover.get((row, col))

    def shown(self, row: int, col: int) -> CellValue:
        """What the cell shows: its value, or the value of the merged range that covers it."""
        span = self.merge_at(row, col)
        if span is not None:
            return self.value(span[0], span[1])
        return self.value(row, col)

    def span_end(self, row: int, col: int) -> int:
        """The last column of the merged range starting at (row, col) (``col`` when none)."""
        span = self.merge_at(row, col)
        return span[3] if span is not None else col

    def value(self, row: int, col: int) -> CellValue:
        if row < 1 or col < 1 or row > len(self.rows):
            return None
        line = self.rows[row - 1]
        return line[col - 1] if col <= len(line) else None

    def set(self, row: int, col: int, value: CellValue) -> None:
        while len(self.rows) < row:
            self.rows.append([])
        line = self.rows[row - 1]
        if len(line) < col:
            line.extend([None] * (col - len(line)))
        line[col - 1] = value


@dataclass
class BookGrid:
    """The sheets of a workbook, in workbook order."""

    sheets: list[SheetGrid] = field(default_factory=list)
    path: str = ""
    formulas_known: bool = True  # False where the engine cannot read formulas (remote xlwings)

    def sheet(self, name: str) -> SheetGrid | None:
        for s in self.sheets:
            if s.name == name:
                return s
        folded = name.casefold()
        return next((s for s in self.sheets if s.name.casefold() == folded), None)

    def compute_missing(self, pending: dict[str, set[tuple[int, int]]]) -> None:
        """Evaluate the formula cells listed in ``pending`` (sheet → cells with no cached value).

        Chains of any depth are followed without deep recursion: past :data:`MAX_DEPTH` nested
        formulas the evaluation stops, computes the cell it needed first, and starts again. A cell
        that cannot be computed (unknown function, too large a range, a cycle through a long chain)
        is left empty and listed in ``uncomputed``, and so is every formula that depends on it."""
        done: set[tuple[str, int, int]] = set()
        busy: list[tuple[str, int, int]] = []
        for name, cells in pending.items():  # computed afresh (a recalculation after an edit)
            target = self.sheet(name)
            if target is not None:
                target.uncomputed -= cells

        def compute(sheet: SheetGrid, row: int, col: int) -> None:
            key = (sheet.name, row, col)
            busy.append(key)
            try:
                result = evaluate(sheet.formulas[(row, col)], resolver(sheet), extent_of(sheet))
            finally:
                busy.pop()
            done.add(key)
            if result is UNSUPPORTED:
                sheet.uncomputed.add((row, col))
                result = None
            sheet.set(row, col, result)  # type: ignore[arg-type]

        def value_of(sheet: SheetGrid, row: int, col: int) -> CellValue:
            if sheet.unread:
                raise Uncomputable
            key = (sheet.name, row, col)
            if (row, col) in pending.get(sheet.name, ()) and key not in done:
                if key in busy:
                    return "#REF!"  # a circular reference
                if len(busy) >= MAX_DEPTH:
                    raise _Need(sheet, row, col)
                compute(sheet, row, col)
            if (row, col) in sheet.uncomputed:
                raise Uncomputable
            return sheet.value(row, col)

        def resolver(current: SheetGrid):
            def resolve(name: str | None, row: int, col: int) -> CellValue:
                target = current if name is None else self.sheet(name)
                if target is None:
                    return "#REF!"
                return value_of(target, row, col)

            return resolve

        extents: dict[str, tuple[int, int] | None] = {}
        for s in self.sheets:
            if s.truncated:
                extents[s.name] = None
                continue
            rows = max([len(s.rows), *(r for r, _ in s.formulas)], default=0)
            cols = max([*(len(line) for line in s.rows), *(c for _, c in s.formulas)], default=0)
            extents[s.name] = (rows, cols)

        def extent_of(current: SheetGrid):
            def known(name: str | None) -> tuple[int, int] | None:
                target = current if name is None else self.sheet(name)
                return extents.get(target.name) if target is not None else None

            return known

        def run(sheet: SheetGrid, row: int, col: int) -> None:
            stack: list[tuple[SheetGrid, int, int]] = [(sheet, row, col)]
            while stack:
                s, r, c = stack[-1]
                if (s.name, r, c) in done:
                    stack.pop()
                    continue
                try:
                    compute(s, r, c)
                    stack.pop()
                except _Need as need:
                    if any(x[0].name == need.sheet.name and x[1:] == (need.row, need.col) for x in stack):
                        done.add((need.sheet.name, need.row, need.col))  # a cycle through a long chain
                        need.sheet.uncomputed.add((need.row, need.col))
                        continue
                    stack.append((need.sheet, need.row, need.col))

        for name, cells in pending.items():
            sheet = self.sheet(name)
            if sheet is None:
                continue
            for row, col in sorted(cells):
                run(sheet, row, col)


#: Nested formula evaluations before the evaluator computes the innermost cell first.
MAX_DEPTH = 40


class _Need(Exception):
    def __init__(self, sheet: SheetGrid, row: int, col: int) -> None:
        super().__init__()
        self.sheet, self.row, self.col = sheet, row, col
