"""Metamorphic variants of the real forms (tests/data/realforms): the ways one province's print differs
from another's, applied to every corpus form, so that the reader is measured on forms it has not been
tuned on.

A variant is a function ``RealForm -> Varied | None`` (None: the variant does not apply to that form, e.g.
no 计量单位 column to swap). :class:`Varied` holds the new form (same JSON shape as the corpus) and how each
cell moved, so the answer key can be moved with it (:func:`moved_key`). Each variant belongs to one class
of difference (``Variant.cls``): origin, column, merge, label, header, number, sheet.

``python tests/variants.py`` scores every corpus form (all sets) against its key under each variant, as
.xlsx (and as .docx where the variant makes sense, ``--docx``), and prints a matrix: variant × the forms
whose keyed findings, false findings, errors on a correct cell or exit status differ from the base form.

A variant changes how the form is printed, never what it says: a keyed defect of the base form is a
defect of the variant, a correct cell stays correct. Where a variant does change what a reviewer would
flag (an amount typed 「500万元」 under a header that already says 万元 is itself a key warning), the
variant does not apply to that form.
"""

from __future__ import annotations

import copy
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries
from realforms import (
    SETS,
    RealForm,
    build_docx,
    build_xlsx,
    cell_position,
    check_any,
    load,
    score,
    validate_in_process,
)

Cell = tuple[int, int]  # (row, column), 1-based
Merge = tuple[int, int, int, int]  # r1, c1, r2, c2


# --- a sheet as rows and merges, edited in place -------------------------------------------------------


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    merges: list[Merge]
    #: old (row, column) -> new cells, composed over every edit (identity when absent)
    moves: dict[Cell, list[Cell]] = field(default_factory=dict)
    gone: set[Cell] = field(default_factory=set)

    @classmethod
    def of(cls, sheet: dict[str, Any]) -> Sheet:
        rows = [list(r) for r in sheet["rows"]]
        width = max((len(r) for r in rows), default=0)
        for r in rows:
            r.extend([""] * (width - len(r)))
        merges = []
        for m in sheet.get("merges", []):
            c1, r1, c2, r2 = range_boundaries(m)
            merges.append((r1, c1, r2, c2))
        return cls(sheet["name"], rows, merges)

    def as_json(self) -> dict[str, Any]:
        merges = [f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}" for r1, c1, r2, c2 in self.merges]
        return {"name": self.name, "rows": self.rows, "merges": merges}

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def get(self, r: int, c: int) -> Any:
        if 1 <= r <= len(self.rows) and 1 <= c <= len(self.rows[r - 1]):
            return self.rows[r - 1][c - 1]
        return ""

    def set(self, r: int, c: int, value: Any) -> None:
        self.rows[r - 1][c - 1] = value

    def where(self, cell: Cell) -> list[Cell]:
        """Where an original cell is now."""
        if cell in self.gone:
            return []
        return self.moves.get(cell, [cell])

    def _remap(self, fn: Callable[[Cell], list[Cell]]) -> None:
        """Compose a further move onto every original cell (cells of the original grid not yet in
        ``moves`` are added first)."""
        for r in range(1, len(self.rows) + 1):
            for c in range(1, self.width + 1):
                self.moves.setdefault((r, c), [(r, c)])
        self.moves = {k: [n for cell in v for n in fn(cell)] for k, v in self.moves.items()}

    def insert_rows(self, at: int, new: list[list[Any]]) -> None:
        """Insert rows before row ``at`` (a merge spanning the gap grows)."""
        n = len(new)
        width = self.width
        self._remap(lambda cell: [(cell[0] + n, cell[1]) if cell[0] >= at else cell])
        self.rows[at - 1 : at - 1] = [list(r) + [""] * (width - len(r)) for r in new]
        self.merges = [
            (r1 + n if r1 >= at else r1, c1, r2 + n if r2 >= at else r2, c2) for r1, c1, r2, c2 in self.merges
        ]

    def delete_row(self, at: int) -> None:
        self._remap(lambda cell: [] if cell[0] == at else [(cell[0] - 1, cell[1]) if cell[0] > at else cell])
        del self.rows[at - 1]
        merges = []
        for r1, c1, r2, c2 in self.merges:
            if r1 == r2 == at:
                continue
            r1 = r1 - 1 if r1 > at else r1
            r2 = r2 - 1 if r2 >= at else r2
            if (r1, c1) != (r2, c2):
                merges.append((r1, c1, r2, c2))
        self.merges = merges

    def insert_column(self, at: int, values: dict[int, Any], rows: range | None = None) -> None:
        """Insert a column before column ``at`` in ``rows`` (all rows by default); the other rows get a
        blank cell at their end, so they do not move. ``values`` by row number. A merge that spans the
        gap grows; a merge ending in the last column grows with the table."""
        width = self.width
        rows = rows or range(1, len(self.rows) + 1)
        inside = set(rows)

        def move(cell: Cell) -> list[Cell]:
            r, c = cell
            return [(r, c + 1)] if r in inside and c >= at else [cell]

        self._remap(move)
        for r in range(1, len(self.rows) + 1):
            row = self.rows[r - 1]
            if r in inside:
                row.insert(at - 1, values.get(r, ""))
            else:
                row.append("")
        merges = []
        for r1, c1, r2, c2 in self.merges:
            if r1 in inside and r2 in inside:
                merges.append((r1, c1 + 1 if c1 >= at else c1, r2, c2 + 1 if c2 >= at else c2))
            elif c2 == width:
                merges.append((r1, c1, r2, c2 + 1))
            else:
                merges.append((r1, c1, r2, c2))
        self.merges = merges
        del width

    def merge_at(self, r: int, c: int) -> Merge | None:
        for m in self.merges:
            if m[0] <= r <= m[2] and m[1] <= c <= m[3]:
                return m
        return None


# --- what a variant returns ------------------------------------------------------------------------------


@dataclass
class Varied:
    data: dict[str, Any]
    #: (old sheet name, 'B5') -> [(new sheet name, 'B6'), …]; a cell that is gone maps to []
    move: Callable[[str, str], list[tuple[str, str]]]
    #: how many copies of the form the variant holds (two forms on one sheet: 2)
    copies: int = 1


def _sheets(case: RealForm) -> list[Sheet]:
    return [Sheet.of(s) for s in case.data["sheets"]]


def _varied(case: RealForm, sheets: list[Sheet], names: dict[str, str] | None = None, copies: int = 1) -> Varied:
    by_name = {s.name: s for s in sheets}
    names = names or {}

    def move(sheet: str, ref: str) -> list[tuple[str, str]]:
        s = by_name.get(sheet)
        if s is None:
            return [(sheet, ref)]
        r, c = cell_position(ref)
        return [(names.get(sheet, sheet), f"{get_column_letter(cc)}{rr}") for rr, cc in s.where((r, c))]

    data = copy.deepcopy(case.data)
    data["sheets"] = [{**s.as_json(), "name": names.get(s.name, s.name)} for s in sheets]
    return Varied(data, move, copies)


def moved_key(key: dict[str, Any], varied: Varied) -> dict[str, Any]:
    """The answer key with its cells moved as the variant moved them; an entry all of whose cells are
    gone is left out."""
    out: dict[str, Any] = {}
    for part in ("defects", "correct"):
        entries = []
        for e in key.get(part, []):
            by_sheet: dict[str, list[str]] = {}
            for ref in e["cells"]:
                for sheet, cell in varied.move(e["sheet"], ref):
                    by_sheet.setdefault(sheet, []).append(cell)
            for sheet, cells in by_sheet.items():
                entries.append({**e, "sheet": sheet, "cells": list(dict.fromkeys(cells))})
        out[part] = entries
    return out


def moved_merges(varied: Varied) -> dict[str, list[str]]:
    return {s["name"]: list(s.get("merges", [])) for s in varied.data["sheets"]}


# --- finding the indicator table --------------------------------------------------------------------------

_NOISE = re.compile(r"[\s*:：]")


def clean(text: Any) -> str:
    return _NOISE.sub("", str(text)) if isinstance(text, str) else ""


_LEVEL_WORDS = ("一级指标", "二级指标", "三级指标", "指标名称", "指标内容", "绩效指标分类")
_VALUE_WORDS = ("指标值", "目标值", "指标值及单位", "年度指标值", "当年预期实现值")


def header_row(sheet: Sheet) -> int | None:
    """The row of the indicator table's header: a level word and a value word in one row."""
    for r, row in enumerate(sheet.rows, 1):
        words = [clean(v) for v in row]
        if any(any(w.startswith(x) for x in _LEVEL_WORDS) for w in words) and any(
            any(w.startswith(x) for x in _VALUE_WORDS) for w in words
        ):
            return r
    return None


def header_columns(sheet: Sheet, r: int) -> dict[str, int]:
    """Column of each header word found in row ``r`` (cleaned text -> column; first wins)."""
    out: dict[str, int] = {}
    for c, v in enumerate(sheet.rows[r - 1], 1):
        w = clean(v)
        if w and w not in out:
            out[w] = c
    return out


def _first_col(sheet: Sheet, r: int, words: Iterable[str]) -> int | None:
    cols = header_columns(sheet, r)
    for w in words:
        for text, c in cols.items():
            if text == w or text.startswith(w):
                return c
    return None


def _vertical_merge_across(sheet: Sheet, r: int) -> bool:
    """A merge that starts above row ``r`` and reaches it or below."""
    return any(r1 < r <= r2 for r1, _, r2, _ in sheet.merges)


# --- the variants -----------------------------------------------------------------------------------------


def origin_blank_rows(case: RealForm) -> Varied:
    sheets = _sheets(case)
    for s in sheets:
        s.insert_rows(1, [[], []])
    return _varied(case, sheets)


def origin_blank_column(case: RealForm) -> Varied:
    sheets = _sheets(case)
    for s in sheets:
        s.insert_column(1, {})
    return _varied(case, sheets)


_KIND_TITLES = {
    "zhengti": "部门整体支出绩效目标表",
    "zhuanxiang": "专项资金绩效目标表",
    "xiangmu": "项目支出绩效目标表",
}


def _has_title(sheet: Sheet) -> bool:
    return any(_is_title(sheet, r) for r in range(1, min(len(sheet.rows), 3) + 1))


def origin_title_added(case: RealForm) -> Varied | None:
    """A title line above a form printed without one (the title of the form's kind)."""
    title = _KIND_TITLES.get(case.name.rsplit("-", 1)[-1])
    sheets = _sheets(case)
    if title is None or any(_has_title(s) for s in sheets):
        return None
    s = sheets[0]
    s.insert_rows(1, [[title]])
    s.merges.insert(0, (1, 1, 1, max(s.width, 2)))
    return _varied(case, sheets)


def origin_date_line(case: RealForm) -> Varied | None:
    """A 填报日期 line under the title (at the top where there is none). Not a 「填报单位:」 line: a blank
    one is itself a defect a reviewer flags (F501), a filled one names a unit the form may not."""
    sheets = _sheets(case)
    for s in sheets:
        at = next((r + 1 for r in range(1, min(len(s.rows), 3) + 1) if _is_title(s, r)), 1)
        if _vertical_merge_across(s, at):
            return None
        s.insert_rows(at, [["", "", "填报日期:2024年1月10日"]])
    return _varied(case, sheets)


def _is_title(sheet: Sheet, r: int) -> bool:
    texts = [v for v in sheet.rows[r - 1] if v not in ("", None)]
    return len(texts) == 1 and isinstance(texts[0], str) and "绩效目标" in texts[0] and len(texts[0]) <= 40


def origin_title_removed(case: RealForm) -> Varied | None:
    """The title line (a row holding only 「…绩效目标表」) left out, on a sheet with an indicator table (a
    page written as prose, or cut before its table, has nothing but its title to say what it is)."""
    sheets = _sheets(case)
    done = False
    for s in sheets:
        if s.rows and header_row(s) and _is_title(s, 1) and not _vertical_merge_across(s, 2):
            s.delete_row(1)
            done = True
    return _varied(case, sheets) if done else None


def _table_rows(sheet: Sheet, r: int) -> range:
    return range(r, len(sheet.rows) + 1)


def _insert_table_column(
    case: RealForm, where: Callable[[Sheet, int], int | None], head: str, fill: Callable[[int], Any]
) -> Varied | None:
    sheets = _sheets(case)
    done = False
    for s in sheets:
        r = header_row(s)
        if r is None or _vertical_merge_across(s, r):
            continue
        at = where(s, r)
        if at is None:
            continue
        n = len(s.rows)
        # a row of the table holds several cells (a lone 「附件:」 or 「填表人:」 line under it gets no number)
        rows = [rr for rr in range(r + 1, n + 1) if sum(v not in ("", None) for v in s.rows[rr - 1]) >= 2]
        values = {r: head, **{rr: fill(i) for i, rr in enumerate(rows, 1)}}
        s.insert_column(at, values, _table_rows(s, r))
        done = True
    return _varied(case, sheets) if done else None


def column_seq_first(case: RealForm) -> Varied | None:
    """序号 before the table's first column."""

    def first(s: Sheet, r: int) -> int | None:
        return next((c for c, v in enumerate(s.rows[r - 1], 1) if clean(v)), None)

    return _insert_table_column(case, first, "序号", lambda i: i)


def column_spacer(case: RealForm) -> Varied | None:
    """A blank spacer column before the value column."""
    return _insert_table_column(case, lambda s, r: _first_col(s, r, _VALUE_WORDS), "", lambda i: "")


def column_remark_last(case: RealForm) -> Varied | None:
    """A trailing 备注 column after the table's last header."""

    def after(s: Sheet, r: int) -> int | None:
        cols = [c for c, v in enumerate(s.rows[r - 1], 1) if clean(v)]
        if any(clean(s.get(r, c)).startswith("备注") for c in cols):
            return None
        last = max(cols)
        m = s.merge_at(r, last)
        return (m[3] if m else last) + 1

    return _insert_table_column(case, after, "备注", lambda i: "")


def _swap(case: RealForm, pick: Callable[[Sheet, int], tuple[int, int] | None]) -> Varied | None:
    """Swap two columns in the table's rows (neither in a merge there)."""
    sheets = _sheets(case)
    done = False
    for s in sheets:
        r = header_row(s)
        if r is None or _vertical_merge_across(s, r):
            continue
        pair = pick(s, r)
        if pair is None:
            continue
        a, b = pair
        rows = _table_rows(s, r)
        if any(s.merge_at(rr, c) for rr in rows for c in (a, b)):
            continue
        inside = set(rows)
        for rr in rows:
            row = s.rows[rr - 1]
            row[a - 1], row[b - 1] = row[b - 1], row[a - 1]

        def move(cell: Cell, a: int = a, b: int = b, inside: set[int] = inside) -> list[Cell]:
            rr, c = cell
            if rr not in inside or c not in (a, b):
                return [cell]
            return [(rr, b if c == a else a)]

        s._remap(move)
        done = True
    return _varied(case, sheets) if done else None


_UNIT_WORDS = ("计量单位", "度量单位", "单位")


def column_unit_before_value(case: RealForm) -> Varied | None:
    """计量单位 printed before 指标值 (where the form has both)."""

    def pick(s: Sheet, r: int) -> tuple[int, int] | None:
        v, u = _first_col(s, r, _VALUE_WORDS), _first_col(s, r, _UNIT_WORDS)
        return (v, u) if v and u and v != u else None

    return _swap(case, pick)


def column_explanation_moved(case: RealForm) -> Varied | None:
    """指标解释/指标说明 swapped with the value column."""

    def pick(s: Sheet, r: int) -> tuple[int, int] | None:
        v, e = _first_col(s, r, _VALUE_WORDS), _first_col(s, r, ("指标解释", "指标说明", "指标值说明"))
        return (v, e) if v and e and v != e else None

    return _swap(case, pick)


def _unmerge(case: RealForm, keep: Callable[[Sheet, Merge], bool], repeat: bool) -> Varied | None:
    sheets = _sheets(case)
    done = False
    for s in sheets:
        kept = []
        for m in s.merges:
            if keep(s, m):
                kept.append(m)
                continue
            r1, c1, r2, c2 = m
            value = s.get(r1, c1)
            if repeat:
                for rr in range(r1, r2 + 1):
                    for cc in range(c1, c2 + 1):
                        s.set(rr, cc, value)
            cells = [(rr, cc) for rr in range(r1, r2 + 1) for cc in range(c1, c2 + 1)]
            # a key cell of a merged range stood for the range: it now stands for every cell of it
            s._remap(lambda cell, cells=cells: cells if cell in cells else [cell])
            done = True
        s.merges = kept
    return _varied(case, sheets) if done else None


def _table_vertical(s: Sheet, m: Merge) -> bool:
    r = header_row(s)
    r1, c1, r2, c2 = m
    return r is not None and r1 > r and c1 == c2 and r2 > r1


def merge_repeated(case: RealForm) -> Varied | None:
    """一级/二级 printed on every row: the table's vertical merges undone, the value on each row."""
    return _unmerge(case, lambda s, m: not _table_vertical(s, m), repeat=True)


def merge_first_only(case: RealForm) -> Varied | None:
    """The table's vertical merges undone, the value left in the first row only."""
    return _unmerge(case, lambda s, m: not _table_vertical(s, m), repeat=False)


def merge_none(case: RealForm) -> Varied | None:
    """Every merge of the form undone (a copy pasted as values): the value in the top-left cell."""
    return _unmerge(case, lambda s, m: False, repeat=False)


# labels: the field labels and header words the corpus prints (tests/data/realforms), cleaned
LABELS = (
    "项目名称",
    "主管部门",
    "实施单位",
    "项目属性",
    "项目期",
    "资金总额",
    "年度资金总额",
    "项目资金",
    "其中:财政拨款",
    "财政拨款",
    "其他资金",
    "总体目标",
    "年度目标",
    "中期目标",
    "绩效目标",
    "年度绩效目标",
    "部门名称",
    "单位名称",
    "部门(单位)名称",
    "项目负责人",
    "联系电话",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "计量单位",
    "度量单位",
    "指标性质",
    "指标解释",
    "权重",
    "分值",
    "备注",
    "绩效指标",
    "实施期",
    "项目实施期",
    "指标方向",
    "预算单位",
    "项目支出名称",
    "专项名称",
    "专项资金名称",
    "指标名称",
    "目标值",
    "年度指标值",
    "指标内容",
)
_LABELS = {clean(x) for x in LABELS}


def _is_label(value: Any) -> bool:
    return isinstance(value, str) and clean(value) in _LABELS


def _relabel(case: RealForm, spell: Callable[[str], str]) -> Varied | None:
    sheets = _sheets(case)
    done = False
    for s in sheets:
        for r, row in enumerate(s.rows, 1):
            for c, v in enumerate(row, 1):
                if _is_label(v):
                    new = spell(v)
                    if new != v:
                        s.set(r, c, new)
                        done = True
    return _varied(case, sheets) if done else None


def _core(text: str) -> tuple[str, str, str]:
    """(leading marks, the word, trailing marks) of a label: 「*」 and colons kept apart."""
    m = re.fullmatch(r"([*\s]*)(.*?)([:：\s]*)", text, re.S)
    assert m
    return m.group(1), m.group(2), m.group(3)


def label_spaced(case: RealForm) -> Varied | None:
    """「项 目 名 称」: a space between the characters of every label (≤ 4 characters, as printed)."""

    def spell(v: str) -> str:
        a, w, z = _core(v)
        return a + (" ".join(w) if len(w) <= 4 and "(" not in w else w) + z

    return _relabel(case, spell)


_HALF, _FULL = "():", "（）："


def label_width(case: RealForm) -> Varied | None:
    """Brackets and colons in the other width (half ↔ full), on labels and on the header row."""
    table = str.maketrans(_HALF + _FULL, _FULL + _HALF)

    def spell(v: str) -> str:
        return v.translate(table)

    sheets = _sheets(case)
    done = False
    for s in sheets:
        r = header_row(s)
        for rr, row in enumerate(s.rows, 1):
            for c, v in enumerate(row, 1):
                if isinstance(v, str) and (
                    _is_label(v) or rr == r or (len(v) <= 12 and re.search(r"[(（]万?元[)）]", v))
                ):
                    new = spell(v)
                    if new != v:
                        s.set(rr, c, new)
                        done = True
    return _varied(case, sheets) if done else None


def label_line_break(case: RealForm) -> Varied | None:
    """A line break in the middle of every label of four characters or more (「项目\\n名称」)."""

    def spell(v: str) -> str:
        a, w, z = _core(v)
        return a + (w[: len(w) // 2] + "\n" + w[len(w) // 2 :] if len(w) >= 4 else w) + z

    return _relabel(case, spell)


def label_star(case: RealForm) -> Varied | None:
    """A 「*」 required mark before every label."""

    def spell(v: str) -> str:
        a, w, z = _core(v)
        return "*" + w + z if "*" not in a else v

    return _relabel(case, spell)


def label_colon(case: RealForm) -> Varied | None:
    """A trailing 「:」 on field labels (not on the table's header words), or none where one was printed."""

    def spell(v: str) -> str:
        a, w, z = _core(v)
        if w in (
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "计量单位",
            "度量单位",
            "指标性质",
            "指标解释",
            "权重",
            "分值",
            "备注",
        ):
            return v
        return a + w + ("" if z.strip() else ":")

    return _relabel(case, spell)


#: synonyms the corpus and the vocabulary print, word -> its other spellings (one variant per column)
SYNONYMS = (
    {"指标值": "目标值", "计量单位": "度量单位", "三级指标": "指标名称", "项目名称": "项目支出名称"},
    {"指标值": "年度指标值", "计量单位": "单位", "三级指标": "指标内容", "项目名称": "专项资金名称"},
    {"指标值": "预期指标值", "度量单位": "计量单位", "指标名称": "三级指标", "项目支出名称": "项目名称"},
)


def _synonyms(table: dict[str, str]) -> Callable[[RealForm], Varied | None]:
    def variant(case: RealForm) -> Varied | None:
        def spell(v: str) -> str:
            a, w, z = _core(v)
            return a + table[w] + z if w in table else v

        return _relabel(case, spell)

    return variant


def header_split(case: RealForm) -> Varied | None:
    """The header row split in two: 「绩效指标」 over 一级/二级/三级, the other headers merged down."""
    sheets = _sheets(case)
    done = False
    for s in sheets:
        r = header_row(s)
        if r is None or _vertical_merge_across(s, r) or any(m[0] <= r <= m[2] and m[0] != m[2] for m in s.merges):
            continue
        cols = header_columns(s, r)
        levels = sorted(c for w, c in cols.items() if w in ("一级指标", "二级指标", "三级指标", "指标名称", "指标内容"))
        if len(levels) < 2 or levels != list(range(levels[0], levels[-1] + 1)):
            continue
        top = [""] * s.width
        top[levels[0] - 1] = "绩效指标"
        for c, v in enumerate(s.rows[r - 1], 1):
            if c not in levels:
                top[c - 1] = v
        s.insert_rows(r, [top])
        # the sub-headers stay on row r+1; the others move up to row r and merge down
        for c in range(1, s.width + 1):
            if c in levels or not clean(s.get(r + 1, c)):
                continue
            if s.merge_at(r + 1, c):
                continue
            s.set(r + 1, c, "")
            s.merges.append((r, c, r + 1, c))
        s.merges.append((r, levels[0], r, levels[-1]))
        # a key cell of a header that moved up: it is now the two-row merge's top cell
        moved_up = {c for c in range(1, s.width + 1) if c not in levels}
        s._remap(lambda cell, rr=r + 1, up=moved_up: [(rr - 1, cell[1])] if cell[0] == rr and cell[1] in up else [cell])
        done = True
    return _varied(case, sheets) if done else None


def header_collapsed(case: RealForm) -> Varied | None:
    """A two-row header (a group word over sub-headers) collapsed into one row of sub-headers."""
    sheets = _sheets(case)
    done = False
    for s in sheets:
        r = header_row(s)
        if r is None:
            continue
        top = r - 1 if any(m[0] == r - 1 and m[2] == r - 1 and m[3] > m[1] for m in s.merges) and r > 1 else None
        sub = r + 1 if any(m[0] == r and m[2] == r and m[3] > m[1] for m in s.merges) else None
        upper = top if top and all(not isinstance(v, (int, float)) for v in s.rows[top - 1]) else sub and r
        lower = upper + 1 if upper else None
        if not upper or not lower or lower > len(s.rows):
            continue
        if any(isinstance(v, (int, float)) for v in s.rows[lower - 1]) or not any(clean(v) for v in s.rows[lower - 1]):
            continue
        # every column gets its sub-header, or the group word where it has none
        merged = []
        for c in range(1, s.width + 1):
            below = s.get(lower, c)
            m = s.merge_at(upper, c)
            above = s.get(m[0], m[1]) if m else s.get(upper, c)
            merged.append(below if clean(below) else above)
        if not any(m[0] <= upper <= m[2] and m[0] != m[2] and m[2] > lower for m in s.merges):
            s.rows[lower - 1] = merged
            s.merges = [m for m in s.merges if not (m[0] <= lower and m[2] >= upper)]
            s.delete_row(upper)
            done = True
    return _varied(case, sheets) if done else None


def _numbers(case: RealForm, change: Callable[[Any, bool], Any], above_table_only: bool = False) -> Varied | None:
    sheets = _sheets(case)
    done = False
    for s in sheets:
        r = header_row(s)
        for rr, row in enumerate(s.rows, 1):
            if above_table_only and r is not None and rr >= r:
                break
            for c, v in enumerate(row, 1):
                new = change(v, r is not None and rr > r)
                if new is not None and new != v:
                    s.set(rr, c, new)
                    done = True
    return _varied(case, sheets) if done else None


def _num_text(v: float | int) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def number_as_text(case: RealForm) -> Varied | None:
    """Every number typed as text (500 → 「500」)."""
    return _numbers(
        case, lambda v, _: _num_text(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
    )


_PLAIN = re.compile(r"-?\d+(\.\d+)?")


def number_from_text(case: RealForm) -> Varied | None:
    """Every text that is a bare number typed as a number (「500」 → 500)."""

    def change(v: Any, _: bool) -> Any:
        if isinstance(v, str) and _PLAIN.fullmatch(v.strip()) and not v.strip().startswith("0"):
            f = float(v)
            return int(f) if f.is_integer() and "." not in v else f
        return None

    return _numbers(case, change)


def number_two_decimals(case: RealForm) -> Varied | None:
    """Amounts above the table typed as text with two decimals (500 → 「500.00」)."""

    def change(v: Any, _: bool) -> Any:
        number = isinstance(v, (int, float)) and not isinstance(v, bool)
        if number and v > 0 and not 1900 <= v <= 2100:  # a year is no amount
            return f"{v:.2f}"
        return None

    return _numbers(case, change, above_table_only=True)


def number_wan_in_cell(case: RealForm) -> Varied | None:
    """Amounts above the table with 万元 typed in the cell (500 → 「500万元」), where the form prints no 万元
    in a header (where it does, 「500万元」 is itself a defect a reviewer flags)."""
    text = "".join(str(v) for s in case.data["sheets"] for row in s["rows"] for v in row)
    if "万元" in text or "元" in text:
        return None

    def change(v: Any, _: bool) -> Any:
        if isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < 1_000_000 and not 1990 <= v <= 2100:
            return f"{_num_text(v)}万元"
        return None

    return _numbers(case, change, above_table_only=True)


def _project_name(case: RealForm) -> str | None:
    for s in case.data["sheets"]:
        for row in s["rows"]:
            for i, v in enumerate(row):
                if clean(v) in ("项目名称", "项目支出名称", "专项名称", "专项资金名称"):
                    rest = [x for x in row[i + 1 :] if isinstance(x, str) and x.strip()]
                    if rest:
                        return rest[0].strip()
    return None


def _renamed(names: Callable[[RealForm, int, str], str]) -> Callable[[RealForm], Varied | None]:
    def variant(case: RealForm) -> Varied | None:
        sheets = _sheets(case)
        new = {s.name: names(case, i, s.name) for i, s in enumerate(sheets)}
        if len(set(new.values())) != len(new) or all(k == v for k, v in new.items()):
            return None
        return _varied(case, sheets, new)

    return variant


def _safe_sheet(text: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", text)[:31]


sheet_sheet1 = _renamed(lambda case, i, name: f"Sheet{i + 1}")
sheet_fujian3 = _renamed(lambda case, i, name: "附件3" if i == 0 else f"附件3-{i + 1}")
sheet_project = _renamed(
    lambda case, i, name: _safe_sheet(f"{_project_name(case) or ''}{'' if i == 0 else i + 1}") or name
)


def sheet_stacked(case: RealForm) -> Varied | None:
    """Two forms on one sheet, one under the other: the form, two blank rows, then a second form (the same
    one under another project name, so that it is not a duplicate): every keyed defect is in both."""
    name = _project_name(case)
    if not name:
        return None
    other = f"{name}(二期)"
    sheets = _sheets(case)
    for s in sheets:
        n = len(s.rows)
        twin = Sheet.of(s.as_json())
        s._remap(lambda cell, n=n: [cell, (cell[0] + n + 2, cell[1])])
        copied = [[v.replace(name, other) if isinstance(v, str) else v for v in r] for r in twin.rows]
        s.rows += [[""] * s.width, [""] * s.width, *copied]
        s.merges += [(r1 + n + 2, c1, r2 + n + 2, c2) for r1, c1, r2, c2 in twin.merges]
    return _varied(case, sheets, copies=2)


@dataclass(frozen=True)
class Variant:
    name: str
    cls: str
    apply: Callable[[RealForm], Varied | None]
    #: whether a Word copy of the variant is a print a province makes (a sheet name or a number type
    #: means nothing in Word)
    docx: bool = True


VARIANTS: tuple[Variant, ...] = (
    Variant("blank-rows-above", "origin", origin_blank_rows),
    Variant("blank-column-before", "origin", origin_blank_column),
    Variant("title-added", "origin", origin_title_added),
    Variant("date-line-added", "origin", origin_date_line),
    Variant("title-removed", "origin", origin_title_removed),
    Variant("seq-column-first", "column", column_seq_first),
    Variant("spacer-before-value", "column", column_spacer),
    Variant("remark-column-last", "column", column_remark_last),
    Variant("unit-before-value", "column", column_unit_before_value),
    Variant("explanation-moved", "column", column_explanation_moved),
    Variant("levels-repeated", "merge", merge_repeated),
    Variant("levels-first-row-only", "merge", merge_first_only, docx=False),
    Variant("no-merges", "merge", merge_none, docx=False),
    Variant("labels-spaced", "label", label_spaced),
    Variant("brackets-other-width", "label", label_width),
    Variant("labels-line-break", "label", label_line_break),
    Variant("labels-starred", "label", label_star),
    Variant("labels-colon", "label", label_colon),
    Variant("synonyms-a", "label", _synonyms(SYNONYMS[0])),
    Variant("synonyms-b", "label", _synonyms(SYNONYMS[1])),
    Variant("synonyms-c", "label", _synonyms(SYNONYMS[2])),
    Variant("header-split", "header", header_split),
    Variant("header-collapsed", "header", header_collapsed),
    Variant("numbers-as-text", "number", number_as_text, docx=False),
    Variant("text-as-numbers", "number", number_from_text, docx=False),
    Variant("amounts-two-decimals", "number", number_two_decimals),
    Variant("amounts-with-wanyuan", "number", number_wan_in_cell),
    Variant("sheet-Sheet1", "sheet", sheet_sheet1, docx=False),
    Variant("sheet-fujian3", "sheet", sheet_fujian3, docx=False),
    Variant("sheet-project-name", "sheet", sheet_project, docx=False),
    Variant("two-forms-one-sheet", "sheet", sheet_stacked),
)
BY_NAME = {v.name: v for v in VARIANTS}
ORDER = {v.name: i for i, v in enumerate(VARIANTS)}


# --- scoring a variant against its base -----------------------------------------------------------------


def _docx_key(key: dict[str, Any], sheets: list[str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The key as the Word reader addresses it: sheet k is 表格k, one row lower (the sheet's name is a
    paragraph above its table)."""
    names = {s: f"表格{i}" for i, s in enumerate(sheets, 1)}

    def down(ref: str) -> str:
        r, c = cell_position(ref)
        return f"{get_column_letter(c)}{r + 1}"

    out = {
        part: [
            {**e, "sheet": names.get(e["sheet"], e["sheet"]), "cells": [down(c) for c in e["cells"]]}
            for e in key.get(part, [])
        ]
        for part in ("defects", "correct")
    }
    return out, {}


@dataclass
class Outcome:
    exit: int
    keyed: frozenset[str]  # defect ids a finding matched
    defects: frozenset[str]  # defect ids in the (moved) key
    fp: int
    err_ok: int


def outcome(data: dict[str, Any], key: dict[str, Any], fmt: str, folder: Path, name: str) -> Outcome:
    case = RealForm(name, data, key)
    sheet_merges = {s["name"]: list(s.get("merges", [])) for s in data["sheets"]}
    if fmt == "xlsx":
        code, findings, _ = validate_in_process(build_xlsx(case, folder / f"{name}.xlsx"))
    else:
        code, findings, _ = check_any(build_docx(case, folder / f"{name}.docx"))
        key, sheet_merges = _docx_key(key, [s["name"] for s in data["sheets"]])
    s = score(findings, key, sheet_merges)
    return Outcome(
        code,
        frozenset(d["id"] for d in s["per_defect"] if d["matched"]),
        frozenset(d["id"] for d in key.get("defects", [])),
        s["fp"],
        s["errors_on_correct"],
    )


@dataclass
class Diff:
    form: str
    variant: str
    fmt: str
    lost: frozenset[str]
    gained: frozenset[str]
    fp: int  # false findings beyond the base's (times the copies)
    err_ok: int
    exit: tuple[int, int] | None

    @property
    def worse(self) -> bool:
        """A keyed finding lost, a false finding or an error on a correct cell added, or a new exit."""
        return bool(self.lost) or self.fp > 0 or self.err_ok > 0 or self.exit is not None

    def __str__(self) -> str:
        parts = []
        if self.exit:
            parts.append(f"exit {self.exit[0]}→{self.exit[1]}")
        if self.lost:
            parts.append(f"lost {sorted(self.lost)}")
        if self.gained:
            parts.append(f"gained {sorted(self.gained)}")
        if self.fp:
            parts.append(f"fp {self.fp:+d}")
        if self.err_ok:
            parts.append(f"err@ok {self.err_ok:+d}")
        return f"{self.variant} {self.fmt} {self.form}: " + "; ".join(parts)


def compare(case: RealForm, variant: Variant, fmt: str, folder: Path, base: Outcome | None = None) -> Diff | None:
    """The variant's outcome against its base form's; None when the variant does not apply."""
    varied = variant.apply(case)
    if varied is None:
        return None
    base = base or outcome(case.data, case.key, fmt, folder, case.name)
    v = outcome(varied.data, moved_key(case.key, varied), fmt, folder, f"{case.name}.{variant.name}")
    keep = v.defects & base.defects
    return Diff(
        case.name,
        variant.name,
        fmt,
        (base.keyed & keep) - v.keyed,
        (v.keyed & keep) - base.keyed,
        v.fp - base.fp * varied.copies,
        v.err_ok - base.err_ok * varied.copies,
        None if v.exit == base.exit else (base.exit, v.exit),
    )


def all_cases(sets: Iterable[str] = tuple(SETS)) -> list[tuple[str, RealForm]]:
    return [(name, case) for name in sets for case in load(SETS[name])]


def sweep(
    cases: list[tuple[str, RealForm]], variants: Iterable[Variant] = VARIANTS, formats: tuple[str, ...] = ("xlsx",)
) -> dict[tuple[str, str], list[Diff]]:
    """(variant, fmt) -> the diff of every form it applies to."""
    out: dict[tuple[str, str], list[Diff]] = {}
    variants = list(variants)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fmt in formats:
            for _, case in cases:
                base = outcome(case.data, case.key, fmt, folder, case.name)
                for variant in variants:
                    if fmt == "docx" and not variant.docx:
                        continue
                    d = compare(case, variant, fmt, folder, base)
                    if d is not None:
                        out.setdefault((variant.name, fmt), []).append(d)
    return out


def matrix(result: dict[tuple[str, str], list[Diff]]) -> list[str]:
    words = ("forms", "keyed-", "keyed+", "false+", "false-", "err@ok")
    lines = [
        f"{'variant':24} {'class':7} {'fmt':4} " + " ".join(f"{w:>6}" for w in words) + f" {'exit':>5} {'worse':>5}"
    ]
    tot = [0] * 7
    for (name, fmt), diffs in sorted(result.items(), key=lambda kv: (kv[0][1], ORDER[kv[0][0]])):
        cols = (
            len(diffs),
            sum(1 for d in diffs if d.lost),
            sum(1 for d in diffs if d.gained),
            sum(1 for d in diffs if d.fp > 0),
            sum(1 for d in diffs if d.fp < 0),
            sum(1 for d in diffs if d.err_ok > 0),
            sum(1 for d in diffs if d.exit),
        )
        worse = sum(1 for d in diffs if d.worse)
        tot = [a + b for a, b in zip(tot, (*cols[1:], worse), strict=True)]
        lines.append(
            f"{name:24} {BY_NAME[name].cls:7} {fmt:4} "
            + " ".join(f"{c:>6}" for c in cols[:6])
            + f" {cols[6]:>5} {worse:>5}"
        )
    runs = sum(len(d) for d in result.values())
    lines.append(
        f"{'TOTAL':24} {'':7} {'':4} {runs:>5} " + " ".join(f"{c:>6}" for c in tot[:5]) + f" {tot[5]:>5} {tot[6]:>5}"
    )
    return lines


def main(argv: list[str]) -> int:
    """Print the variant × forms matrix: forms whose keyed findings are lost (keyed-) or gained (keyed+), whose
    false findings grow (false+) or shrink (false-), with more errors on a correct cell (err@ok), another exit
    status (exit), and any of keyed-/false+/err@ok+/exit (worse). ``--docx`` adds the Word builds, ``-v``
    lists every differing form, ``--set NAME`` one set, ``--variant NAME`` one variant."""
    sets = [argv[argv.index("--set") + 1]] if "--set" in argv else list(SETS)
    variants = [BY_NAME[argv[argv.index("--variant") + 1]]] if "--variant" in argv else list(VARIANTS)
    formats = ("xlsx", "docx") if "--docx" in argv else ("xlsx",)
    result = sweep(all_cases(sets), variants, formats)
    lines = matrix(result)
    if "-v" in argv:
        lines += [
            str(d) for diffs in result.values() for d in diffs if d.lost or d.gained or d.fp or d.err_ok or d.exit
        ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
