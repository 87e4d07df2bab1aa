"""A form and its plan → one engine-neutral description of the sheet; used by every writer.

:class:`SheetSpec` is the whole description: cells (a value *or* a formula, never a string that
happens to start with "="), merges, styles by name (``layout/styles.py``), row heights, column
widths, list validations and the print setup (:class:`Page`). XlsxWriter (``build/workbook.py``),
openpyxl (``io/openpyxl_writer.py``) and xlwings (``excel/book.py``) each apply it as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xladdin.layout.base import (
    Cell,
    FieldOf,
    FormLayout,
    Formula,
    SumColumn,
    SumFields,
    Table,
    col_index,
    col_letter,
)
from xladdin.layout.place import Plan
from xladdin.model import CellValue, Form, Placement


@dataclass
class Put:
    """One cell (or merged range) to write. ``formula`` wins over ``value``."""

    row: int
    col: int
    value: CellValue = None
    formula: str | None = None
    style: str = "text"
    last_row: int | None = None
    last_col: int | None = None

    @property
    def ref(self) -> str:
        return f"{col_letter(self.col)}{self.row}"

    @property
    def merged(self) -> bool:
        return (self.last_row or self.row) != self.row or (self.last_col or self.col) != self.col


@dataclass
class Validation:
    """A drop-down list on ``col`` over rows ``first_row``..``last_row``; other values only warn."""

    first_row: int
    last_row: int
    col: int
    values: tuple[str, ...]
    error_title: str = "不在标准列表中"
    error_message: str = "建议从下拉列表中选择标准名称。"


@dataclass(frozen=True)
class Page:
    """Print setup: A4, one page wide, centred, no grid lines (margins in inches, as Excel shows them)."""

    paper: int = 9  # Excel's xlPaperA4 and OOXML's paperSize 9
    landscape: bool = False
    left: float = 0.5
    right: float = 0.5
    top: float = 0.6
    bottom: float = 0.6
    header: float = 0.3
    footer: float = 0.3
    center_horizontally: bool = True
    fit_width: int = 1
    fit_height: int = 0  # 0: as many pages down as needed
    gridlines: bool = False


@dataclass
class SheetSpec:
    name: str
    layout: FormLayout
    puts: list[Put] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    validations: list[Validation] = field(default_factory=list)
    last_row: int = 0
    page: Page = field(default_factory=Page)
    place: Placement | None = None  # where the form's fields and rows stand (the self-check's cells)

    @property
    def print_area(self) -> str:
        return f"A1:{self.layout.last_col}{self.last_row}"

    @property
    def widths(self) -> tuple[float, ...]:
        return self.layout.widths

    def style_blocks(self) -> list[tuple[str, int, int, int, int]]:
        """The puts' styles as few rectangles ``(style, row, col, last_row, last_col)``: runs of one
        style along a row, stacked when the next rows repeat them (for engines that pay per call)."""
        by_row: dict[int, list[tuple[int, int, int, str]]] = {}
        for p in self.puts:
            by_row.setdefault(p.row, []).append((p.col, p.last_col or p.col, p.last_row or p.row, p.style))
        runs: list[list] = []  # [style, row, col, last_row, last_col]
        for row in sorted(by_row):
            cur: list | None = None
            for col, last_col, last_row, style in sorted(by_row[row]):
                if cur and cur[0] == style and cur[4] + 1 == col and cur[3] == last_row:
                    cur[4] = last_col
                    continue
                cur = [style, row, col, last_row, last_col]
                runs.append(cur)
        out: list[list] = []
        open_: dict[tuple[str, int, int], list] = {}
        for style, row, col, last_row, last_col in runs:
            prev = open_.get((style, col, last_col))
            if prev is not None and prev[3] + 1 == row:
                prev[3] = last_row
                continue
            block = [style, row, col, last_row, last_col]
            out.append(block)
            open_[(style, col, last_col)] = block
        return [tuple(b) for b in out]  # type: ignore[misc]


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def formula_text(f: Formula, plan: Plan, refs: dict[str, tuple[str, Placement]]) -> str:
    """The Excel formula for a layout formula on this plan (``refs``: other forms' sheets)."""
    if isinstance(f, SumColumn):
        at = plan.at(f.table)
        col = plan.layout.table_columns(f.table)[f.column]
        if at is None or not at.data:
            return "=0"
        return f"=SUM({col}{at.data[0]}:{col}{at.data[-1]})"
    if isinstance(f, SumFields):
        p = plan.placement()
        return "=SUM(" + ",".join(p.fields[k] for k in f.keys) + ")"
    if isinstance(f, FieldOf):
        sheet, place = refs[f.form]
        return f"={quote_sheet(sheet)}!{place.fields[f.key]}"
    raise TypeError(f)


def _cell_put(row: int, cell: Cell, value: CellValue, formula: str | None) -> Put:
    last_col = col_index(cell.last)
    return Put(row, col_index(cell.col), value, formula, cell.style, row + cell.down - 1, last_col)


def render(form: Form, plan: Plan, sheet: str, refs: dict[str, tuple[str, Placement]] | None = None) -> SheetSpec:
    """Every cell of ``form`` laid out on ``plan``: labels, values, formulas, merges."""
    refs = refs or {}
    layout = plan.layout
    spec = SheetSpec(
        sheet, layout, last_row=plan.last_row, page=Page(landscape=layout.landscape), place=plan.placement()
    )
    for row, cell in plan.fixed_cells():
        formula = formula_text(cell.formula, plan, refs) if cell.formula else None
        value = cell.text if cell.text is not None else (form.get(cell.key) if cell.key else None)
        spec.puts.append(_cell_put(row, cell, value, formula))
    for at in plan.sections:
        sec = at.section
        if isinstance(sec, Table):
            _render_table(form, sec, at.data, spec)
            if sec.label_down:
                label = next(p for p in spec.puts if p.row == at.start and p.col == 1)
                label.last_row = at.end
        else:
            for i, height in enumerate(sec.heights):
                if height:
                    spec.heights[at.start + i] = height
            if sec.label_down:
                label = next(p for p in spec.puts if p.row == at.start and p.col == 1)
                label.last_row = at.end
    for key, values in layout.validations.items():
        table, column = key.split(".")
        at = plan.at(table)
        if at is not None and at.data:
            col = col_index(layout.table_columns(table)[column])
            spec.validations.append(Validation(at.data[0], at.data[-1], col, values))
    return spec


def _render_table(form: Form, sec: Table, rows: list[int], spec: SheetSpec) -> None:
    items = list(form.get(sec.key))
    for i, row in enumerate(rows):
        item = items[i] if i < len(items) else None
        for cell in sec.columns:
            value = getattr(item, cell.key) if item is not None and cell.key else None
            spec.puts.append(_cell_put(row, cell, value, None))
        if sec.height:
            spec.heights[row] = sec.height
    for key in sec.merge_down:
        col = col_index(next(c.col for c in sec.columns if c.key == key))
        puts = {p.row: p for p in spec.puts if p.col == col and p.row in rows}
        covered: set[int] = set()
        start: Put | None = None
        for row in rows:
            cur = puts[row]
            if start is not None and cur.value not in (None, "") and cur.value == start.value:
                start.last_row = row
                covered.add(id(cur))
                continue
            start = cur
        spec.puts = [p for p in spec.puts if id(p) not in covered]
