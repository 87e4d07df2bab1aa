"""转入下一年度: the next budget year's workbook, planned on the values read (no engine here).

What moves on: every mention *of the budget year* in the forms' texts — titles, 时效 values,
项目实施期, goals, indicator names — "2023年度" → "2024年度", "2023年12月底前" → "2024年12月底前",
a date range inside the year ("2023.07-2024.01") as a whole. What stays, and is listed for the
clerk to check: other years (「2021年入伍」 is history), document numbers (〔2023〕5号), a multi-year
period ("2023-2025年"), the budget year followed by an event (「2023年入伍」, 「2023年第3次会议」),
and any year inside a 测算依据 (the calculation is the clerk's to revise). Signature lines, phone
and 填报单位 are kept; amounts are kept, or cleared (typed amounts only: the totals' formulas stay).
Every change is listed (sheet, cell, old, new) on a 「转年说明」 sheet that validate and export skip.
Each indicator's value as it was is kept on a 「上年指标值」 sheet (``xladdin.history``) when the year
moves forward: validate reads it into ``Indicator.prior`` (rule I338 「目标值低于上年」), export leaves it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from xladdin.edits import NoteSheet, Plan, SetCell
from xladdin.history import SHEET as PRIOR_SHEET
from xladdin.history import WIDTHS as PRIOR_WIDTHS
from xladdin.history import prior_rows
from xladdin.layout import LAYOUTS
from xladdin.layout.base import Table, col_index, col_letter
from xladdin.layout.place import locate
from xladdin.model import Form
from xladdin.reader import Reading, identify
from xladdin.values import is_blank

NOTES_SHEET = "转年说明"
NOTES_HEADER = ("工作表", "单元格", "原内容", "新内容", "说明")
NOTES_WIDTHS = (30, 8, 50, 50, 30)

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DATE_AFTER = re.compile(r"\s*(?:[.\-/．]\s*\d{1,2}(?!\d)|年\s*\d{1,2}\s*月)")
_RANGE_AFTER = re.compile(r"\s*(?:年度?)?\s*[-—–~～至到]\s*(\d{4})(?!\d)")
_RANGE_BEFORE = re.compile(r"(?<!\d)\d{4}\s*(?:年度?)?\s*[-—–~～至到]\s*$")
_CONNECTOR = re.compile(
    r"^(?:[.\-/．]\s*\d{1,2}(?:[.\-/．]\s*\d{1,2})?|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|年度?)?\s*[-—–~～至到]\s*$"
)
#: After 「YYYY年」: the year names when something happened, not the budget year.
HISTORY = re.compile(r"入伍|退役|退伍|出生|成立|建成|竣工|印发|发布|参战|牺牲|开工|第(?![一二三四1-4]\s*季度)")
_DOC_OPEN = "〔[［【(（"
_DOC_CLOSE = "〕]］】)）"


class RolloverError(Exception):
    """Why the rollover is refused (Chinese); nothing was written."""


@dataclass(frozen=True)
class Kept:
    """A mention of the budget year that was left as it is, and why."""

    text: str
    reason: str


def shift_years(text: str, old: int, new: int) -> tuple[str, list[Kept]]:
    """``text`` with the mentions of the budget year ``old`` moved to ``new``, and the mentions of
    ``old`` that were kept (with the reason)."""
    delta = new - old
    out: list[str] = []
    kept: list[Kept] = []
    last = 0
    shifted_end = -1  # end of the last shifted year: a range's second year follows it
    skip_until = -1
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if m.start() < skip_until or year not in (old, old + 1):
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end() :]
        snippet = text[max(0, m.start() - 6) : m.end() + 8]
        is_date = bool(_DATE_AFTER.match(after))
        is_year = after.startswith("年") or is_date
        if year == old + 1:  # moves only as the end of a range whose start moved
            gap = m.start() - shifted_end
            if shifted_end >= 0 and is_year and gap <= 16 and _CONNECTOR.match(text[shifted_end : m.start()]):
                out.append(text[last : m.start()] + str(year + delta))
                last = m.end()
            continue
        if (before and before in _DOC_OPEN) or (after[:1] and after[:1] in _DOC_CLOSE) or after.startswith("号"):
            kept.append(Kept(snippet, "文号中的年份"))
            continue
        span = _RANGE_AFTER.match(after)
        if span and not is_date and int(span.group(1)) > old:
            kept.append(Kept(snippet, "跨年度实施期，请核对"))
            skip_until = m.end() + span.end()
            continue
        if _RANGE_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            kept.append(Kept(snippet, "跨年度实施期，请核对"))
            continue
        if not is_year:
            continue  # a bare number (an amount, a count), not a year
        word = after[1:].lstrip("度").lstrip()
        if not is_date and HISTORY.match(word):
            kept.append(Kept(snippet, "指已发生的事（如入伍年份、会议届次），请核对"))
            continue
        out.append(text[last : m.start()] + str(new))
        last = m.end()
        shifted_end = m.end()
    out.append(text[last:])
    return "".join(out), kept


@dataclass
class Rollover:
    """The planned rollover: edits, and the lines of 转年说明 (sheet, cell, old, new, note)."""

    old_year: int
    new_year: int
    plan: Plan = field(default_factory=Plan)
    lines: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    target: Path | None = None

    @property
    def changed(self) -> list[tuple[str, str, str, str, str]]:
        return [line for line in self.lines if line[4] in ("年度顺延", "金额已清空")]


def _amount_cells(layout_key: str, rows: list[list[object]]) -> list[tuple[int, int]]:
    """(row, col) of every amount cell of a form sheet (fixed cells and table columns)."""
    layout = LAYOUTS[layout_key]
    found = locate(layout, rows)
    out: list[tuple[int, int]] = []
    for row, cell in found.fixed_cells():
        if cell.key and cell.style == "amount":
            out.append((row, col_index(cell.col)))
    for at in found.sections:
        if isinstance(at.section, Table):
            for cell in at.section.columns:
                if cell.key and cell.style == "amount":
                    out.extend((r, col_index(cell.col)) for r in at.data)
    return out


def _basis_cells(form: Form) -> set[str]:
    details = getattr(form, "details", None) or []
    return {form.place.row_cell("details", i, "basis") for i in range(len(details))}


def plan_rollover(reading: Reading, new_year: int, *, clear_amounts: bool = False, origin: str = "") -> Rollover:
    """The edits that move ``reading`` on to ``new_year``. Moving forward, each indicator's value is kept
    on 「上年指标值」 (``origin`` says where from, on its first line); moving back, nothing is 上年."""
    sub = reading.submission
    old = sub.year
    if old is None:
        raise RolloverError("找不到预算年度：表头标题中没有「XXXX年」")
    if not 2000 <= new_year <= 2100:
        raise RolloverError(f"年度 {new_year} 无效")
    if new_year == old:
        raise RolloverError(f"工作簿已是 {old} 年度，请指定另一个年度")
    result = Rollover(old, new_year)
    forms = {f.sheet: f for f in sub.forms()}
    for sheet in reading.grid.sheets:
        form = forms.get(sheet.name)
        kind = identify(sheet)
        if form is None or kind is None:
            continue
        basis = _basis_cells(form)
        for r, line in enumerate(sheet.rows, start=1):
            for c, value in enumerate(line, start=1):
                if not isinstance(value, str) or (r, c) in sheet.formulas:
                    continue
                ref = f"{col_letter(c)}{r}"
                new_text, kept = shift_years(value, old, new_year)
                if ref in basis:
                    if new_text != value or kept:
                        result.lines.append((sheet.name, ref, value, "（未改动）", "测算依据中的年份，请核对"))
                    continue
                for k in kept:
                    result.lines.append((sheet.name, ref, value, "（未改动）", k.reason))
                if new_text != value:
                    result.plan.edits.append(SetCell(sheet.name, r, c, new_text))
                    result.lines.append((sheet.name, ref, value, new_text, "年度顺延"))
        if clear_amounts:
            for r, c in _amount_cells(kind, sheet.rows):
                value = sheet.value(r, c)
                if (r, c) in sheet.formulas or is_blank(value):
                    continue
                result.plan.edits.append(SetCell(sheet.name, r, c, None))
                result.lines.append((sheet.name, f"{col_letter(c)}{r}", str(value), "", "金额已清空"))
    if new_year > old:
        result.plan.edits.append(NoteSheet(PRIOR_SHEET, prior_rows(sub, origin), PRIOR_WIDTHS))
    head = (f"由 {old} 年度转入 {new_year} 年度（{date.today():%Y-%m-%d}）；本表不参加校验，导出报送时不包含",)
    rows = (head, NOTES_HEADER, *result.lines)
    result.plan.edits.append(NoteSheet(NOTES_SHEET, tuple(rows), NOTES_WIDTHS))
    return result


def default_target(src: Path, old: int, new: int) -> Path:
    """Beside the source: the year in the file name moved on, else 「-2024年度」 appended."""
    stem = src.stem
    name = stem.replace(str(old), str(new)) if str(old) in stem else f"{stem}-{new}年度"
    return src.with_name(name + src.suffix)


def rollover_file(
    src: str | Path, out: str | Path | None, new_year: int, *, clear_amounts: bool = False, origin: str = ""
) -> Rollover:
    """Read ``src`` (never written), write the next year's workbook to ``out`` (must not exist)."""
    from xladdin.edits import RefreshSelfCheck
    from xladdin.io.openpyxl_writer import copy_with_edits
    from xladdin.io.save import locked
    from xladdin.reader import read_workbook

    src = Path(src)
    with locked(src):  # a writer of the source (new-fund, sync …) finishes first, or waits for us
        reading = read_workbook(src)
        result = plan_rollover(reading, new_year, clear_amounts=clear_amounts, origin=origin)
        target = Path(out) if out else default_target(src, result.old_year, new_year)
        if target.suffix.lower() != src.suffix.lower():
            raise RolloverError(f"输出文件的扩展名应与原文件相同（{src.suffix}）")
        if target.resolve() == src.resolve():
            raise RolloverError("输出文件不能是原文件")
        copy_with_edits(src, target, [*result.plan.edits, RefreshSelfCheck()])  # the new year's 自查 as well
    result.target = target
    return result
