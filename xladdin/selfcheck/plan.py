"""One workbook's self-check laid out: the hidden 「自查」 sheet, the 自查 cells, the colours."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from xladdin.a1 import col_index, col_letter
from xladdin.selfcheck import formulas as fx
from xladdin.selfcheck.cells import PASSED, PREFIX, SHEET
from xladdin.selfcheck.checks import (
    F2_KEY,
    F2_TOTAL,
    F3_KEY,
    F3_PARENT,
    F3_PROJECT,
    ON,
    Book,
    FormAt,
    Probe,
    Refs,
    group_name,
    probes,
)

#: Fill colours of the marks by the rule's severity, and of the 自查 cell.
FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}
PASS_FILL = "C6EFCE"
#: The 自查 cell's column width (characters): beside the title, outside the print area.
WIDTH = 44


if TYPE_CHECKING:
    from xladdin.reader import Reading


@dataclass(frozen=True)
class Mark:
    """A conditional format: ``formula`` (for the first cell of ``ref``) colours ``ref``."""

    ref: str  # "E10:E25"
    formula: str  # without "="
    fill: str
    rule: str = ""  # the rule it mirrors ("" for the 自查 cell's own colour)


@dataclass
class SelfCheck:
    """What a writer puts into the workbook."""

    cells: list[tuple[int, int, str | None, str | None]] = field(default_factory=list)  # 自查 sheet
    names: dict[str, str] = field(default_factory=dict)  # defined name -> "=ref"
    summary: dict[str, tuple[str, str]] = field(default_factory=dict)  # form sheet -> (cell, formula)
    marks: dict[str, list[Mark]] = field(default_factory=dict)  # form sheet -> conditional formats
    flags: list[tuple[str, str, str, int]] = field(default_factory=list)  # (rule, sheet, cell, 自查 row)
    widths: dict[str, tuple[int, float]] = field(default_factory=dict)  # form sheet -> (column, width)


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def summary_cell(form: FormAt, last_col: str) -> str:
    """Beside the title, in the first column after the form: outside the print area."""
    title = form.place.cell("title") or "A2"
    row = int(title.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return f"{col_letter(col_index(last_col) + 1)}{row}"


def plan(book: Book, last_cols: dict[str, str]) -> SelfCheck:
    """The self-check of ``book``; ``last_cols``: each form kind's last printed column."""
    from xladdin.rules import CATALOGUE

    out = SelfCheck()
    cells = out.cells
    header = ("附表3 工作表", "所属专项（比较用）", "所属专项金额", "项目金额", "", "附表2 专项（比较用）")
    for c, text in enumerate(header, start=1):
        cells.append((1, c, text, None))
    form3s = book.of("form3")
    for i, f in enumerate(form3s, start=2):
        r = Refs(f.sheet, qualified=True)
        p = f.place
        cells.append((i, 1, f.sheet, None))
        if p.cell("parent_name") and p.cell("direction"):
            cells.append((i, 2, None, "=" + fx.key(group_name(r, p))))
        for col, key in ((3, "parent_amount"), (4, "project_amount")):
            if p.cell(key):
                cells.append((i, col, None, "=" + fx.num(r.cell(p.cell(key)))))
    last3 = max(2, len(form3s) + 1)
    out.names[F3_KEY] = f"={_quote(SHEET)}!$B$2:$B${last3}"
    out.names[F3_PARENT] = f"={_quote(SHEET)}!$C$2:$C${last3}"
    out.names[F3_PROJECT] = f"={_quote(SHEET)}!$D$2:$D${last3}"
    f2 = book.form2
    fund_rows = f2.place.rows.get("funds", []) if f2 else []
    name_col = f2.place.columns.get("funds", {}).get("name") if f2 else None
    if f2 is not None and name_col:
        r = Refs(f2.sheet, qualified=True)
        for i, row in enumerate(fund_rows, start=2):
            cells.append((i, 6, None, "=" + fx.key(r.row(name_col, row))))
    out.names[F2_KEY] = f"={_quote(SHEET)}!$F$2:$F${max(2, len(fund_rows) + 1)}"
    if f2 is not None and f2.place.cell("total.amount"):
        out.names[F2_TOTAL] = "=" + Refs(f2.sheet, qualified=True).cell(f2.place.cell("total.amount"))
    out.names[ON] = "=TRUE"

    # flags: one row per checked cell, sheet by sheet, rule by rule (H: rule, I: sheet, J: cell, K: flag)
    for c, text in enumerate(("规则", "工作表", "单元格", "有问题"), start=8):
        cells.append((1, c, text, None))
    row = 2
    blocks: dict[str, dict[str, tuple[int, int]]] = {}
    for probe in probes(book):
        first = row
        r = Refs(probe.sheet, qualified=True)
        for target in probe.rows:
            cells.append((row, 8, probe.rule, None))
            cells.append((row, 9, probe.sheet, None))
            cells.append((row, 10, f"{probe.col}{target}", None))
            cells.append((row, 11, None, f"=IFERROR({probe.expr(r, target)},FALSE)"))
            out.flags.append((probe.rule, probe.sheet, f"{probe.col}{target}", row))
            row += 1
        span = blocks.setdefault(probe.sheet, {}).get(probe.rule)
        blocks[probe.sheet][probe.rule] = (span[0] if span else first, row - 1)
        _mark(out, probe, CATALOGUE[probe.rule].severity.value)

    # counts and the 自查 text, one row per form (M: sheet, N: text; P..: rule, title, count)
    for c, text in enumerate(("工作表", "自查结果"), start=13):
        cells.append((1, c, text, None))
    counts_row = 2
    for i, f in enumerate(book.forms, start=2):
        cells.append((i, 13, f.sheet, None))
        pieces: list[str] = []
        count_cells: list[str] = []
        for rule, (a, b) in blocks.get(f.sheet, {}).items():
            cells.append((counts_row, 16, rule, None))
            cells.append((counts_row, 17, CATALOGUE[rule].title, None))
            cells.append((counts_row, 18, None, f"=COUNTIF($K${a}:$K${b},TRUE)"))
            n = f"$R${counts_row}"
            count_cells.append(n)
            pieces.append(f'IF({n}>0,"；"&$Q${counts_row}&" "&{n}&" 处","")')
            counts_row += 1
        if pieces:
            text = f'={fx.text(PREFIX)}&IF(SUM({",".join(count_cells)})=0,"通过",MID({"&".join(pieces)},2,999))'
        else:
            text = f"={fx.text(PASSED)}"
        cells.append((i, 14, None, text))
        ref = summary_cell(f, last_cols[f.kind])
        out.summary[f.sheet] = (ref, f"={_quote(SHEET)}!$N${i}")
        out.widths[f.sheet] = (col_index(ref.rstrip("0123456789")), WIDTH)
        marks = out.marks.setdefault(f.sheet, [])
        marks.insert(0, Mark(ref, f'AND({ON},{ref}<>"",{ref}<>{fx.text(PASSED)})', FILLS["error"]))
        marks.insert(0, Mark(ref, f"AND({ON},{ref}={fx.text(PASSED)})", PASS_FILL))
    for c, text in enumerate(("规则", "问题", "处数"), start=16):
        cells.append((1, c, text, None))
    return out


def _mark(out: SelfCheck, probe: Probe, severity: str) -> None:
    fill = FILLS.get(severity)
    if fill is None:
        return
    r = Refs(probe.sheet, qualified=False)
    ref = f"{probe.col}{probe.rows[0]}" + (f":{probe.col}{probe.rows[-1]}" if len(probe.rows) > 1 else "")
    out.marks.setdefault(probe.sheet, []).append(
        Mark(ref, f"AND({ON},{probe.expr(r, probe.rows[0])})", fill, probe.rule)
    )


def book_of_reading(reading: Reading) -> Book:
    """The forms of a workbook as read, for a refresh after an edit: our template's forms only."""
    from xladdin.config import default_config

    book = Book(tolerance=default_config().tolerance)
    sub = reading.submission
    n = 0
    kinds = {"Form1": "form1", "Form2": "form2", "Form3": "form3"}
    by_sheet = {f.sheet: f for f in sub.forms()}
    for name in sub.sheet_names:
        form = by_sheet.get(name)
        if form is None or "template" not in form.place.found:
            continue
        kind = kinds[type(form).__name__]
        if kind == "form3":
            n += 1
        book.forms.append(FormAt(kind, form.sheet, form.place, n if kind == "form3" else 0))
    return book


def stale(reading: Reading) -> bool:
    """Whether the workbook's 自查 sheet is missing or no longer fits its forms (a sheet or a row
    added by hand, a workbook made before the self-check existed)."""
    from xladdin.layout import LAYOUTS

    book = book_of_reading(reading)
    if not book.forms:
        return False
    helper = reading.grid.sheet(SHEET)
    if helper is None:
        return True
    wanted = plan(book, {k: layout.last_col for k, layout in LAYOUTS.items()})
    return {(r, c): f for r, c, _, f in wanted.cells if f} != helper.formulas
