"""Which department a submission belongs to, for the reviewer's summary (its 部门 column and pivot).

附表1 names it (部门名称). A project form (项目支出绩效目标申报表) has no 附表1: it names the department
beside a label of its own — 预算部门, 预算单位, 主管部门 (with or without 及编码, a colon, or the value
typed after the label in the same cell) — and failing those, the 填报单位 the reader found.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xladdin.layout.base import norm
from xladdin.reader import Reading

#: Labels that name the department on a project form, most specific first.
LABELS = ("预算部门", "预算单位", "主管部门", "部门名称", "单位名称")
_TAIL = re.compile(r"^(?:及(?:编码|代码)|名称|\(?盖章\)?|（盖章）)*[:：]?")
_LEADING_CODE = re.compile(r"^\[?\d{3,}\]?[-\s]*")  # 「[324001]」 or 「324001-」 before the name


@lru_cache(maxsize=1)
def _all_labels() -> tuple[str, ...]:
    """Every label wording the vocabulary knows (a header row of a list-style form is made of them)."""
    from xladdin.layout.vocabulary import ANCHORS, FIELDS

    words = {w for ws in ANCHORS.values() for w in ws}
    words |= {w for fields in FIELDS.values() for ws in fields.values() for w in ws}
    return tuple(sorted({norm(w) for w in words} | set(LABELS), key=len, reverse=True))


def _is_label(text: str) -> bool:
    return any(text.startswith(word) for word in _all_labels())


def _value_after(label: str, rows: list[list[object]], r: int, col: int) -> str:
    """The department written after ``label`` (cell ``col`` of row ``r``): in the same cell after the
    label, else in the next non-empty cell to the right, else (a list-style form, whose labels head
    the columns) in the cell below."""
    row = rows[r]
    rest = _TAIL.sub("", norm(row[col])[len(label) :], count=1)
    if rest:
        return rest
    right = next((norm(v) for v in row[col + 1 : col + 4] if isinstance(v, str) and norm(v)), "")
    if right and not _is_label(right):
        return right
    below = rows[r + 1][col] if r + 1 < len(rows) and col < len(rows[r + 1]) else None
    text = norm(below) if isinstance(below, str) else ""
    return "" if _is_label(text) else text


def department_of(reading: Reading) -> str:
    """The department's name, or "" when the workbook does not say."""
    sub = reading.submission
    if sub.form1 is not None and sub.form1.department not in (None, ""):
        return str(sub.form1.department).strip()
    forms = {f.sheet for f in sub.forms()}
    found: dict[str, str] = {}
    for sheet in reading.grid.sheets:
        if sheet.name not in forms:
            continue
        rows = [list(row) for row in sheet.rows[:13]]
        for r, row in enumerate(rows[:12]):  # the head of the form
            for col, value in enumerate(row):
                text = norm(value) if isinstance(value, str) else ""
                label = next((lb for lb in LABELS if text.startswith(lb)), None)
                if label and label not in found:
                    name = _LEADING_CODE.sub("", _value_after(label, rows, r, col))
                    if name:
                        found[label] = name
    for label in LABELS:
        if label in found:
            return found[label]
    units = [str(f.unit).strip() for f in sub.forms() if f.unit not in (None, "")]
    return units[0] if units else ""
