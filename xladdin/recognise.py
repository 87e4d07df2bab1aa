"""Recognition that does not depend on our layout: which form a sheet holds, whether its parts stand
where our template puts them, and, where they do not, the fields and the indicator table found by
their labels (``xladdin.layout.vocabulary``). Pure functions of a :class:`SheetGrid`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from xladdin.io.grid import SheetGrid
from xladdin.layout import LAYOUTS, Rows, norm
from xladdin.layout.base import col_index
from xladdin.layout.vocabulary import (
    FORM1_SIGNS,
    UNIT_WORDS,
    anchor_matches,
    annual_column,
    clean,
    field_key,
    forms,
    header_key,
    operator,
    title_kind,
)
from xladdin.model import CellValue

#: Sheets the tool itself adds; never forms, never reported.
HELPER_SHEETS = (
    "校验结果",
    "规则说明",
    "_xladdin_marks",
    "xlwings.conf",
    "_xlwings.conf",
    "导入备注",  # import's list of what it could not place
    "转年说明",  # rollover's list of changes
    "指标建议",  # suggest's list of what it wrote
    "已确认",  # waivers: findings a clerk accepted, with the reason
    "自查",  # the self-check's flags (xladdin.selfcheck), hidden
)

_TOP = 8  # rows searched for a marker or a title
_WIDE = 16  # columns searched for labels
_STOPS = ("附件", "审核意见", "主管部门审核", "财政部门审核", "填表说明", "填报说明", "注:", "备注:")
_OPINIONS = ("审核意见", "初审意见", "审批意见", "批复意见", "复核意见")
_BELOW = {"annual_goal", "period_goal"}  # long texts a form may print under their label
_SIGN_KEYS = {"signature.head", "signature.filler", "signature.phone"}
_FORM_ONLY = {"form1": {"department", "duties", "basic", "general_budget"}, "form3": {"direction", "period"}}


def _text(value: CellValue) -> str:
    return value if isinstance(value, str) else ""


def identify(sheet: SheetGrid) -> str | None:
    """Which form a sheet holds: its 附表N marker or its title (any cell of the top rows, any
    wording of the vocabulary), else its name, else its labels; None when it is no form."""
    if sheet.name in HELPER_SHEETS:
        return None
    top = [norm(row[0]) for row in sheet.rows[:6] if row and row[0] not in (None, "")]
    for text in top:
        for key, layout in LAYOUTS.items():
            if text == layout.marker:
                return key
    for row in sheet.rows[:_TOP]:
        for value in row[:_WIDE]:
            if isinstance(value, str) and len(value) <= 80 and (kind := title_kind(value)):
                return kind
    name = norm(sheet.name)
    for key, layout in LAYOUTS.items():
        if name.startswith(layout.marker):
            return key
    return _by_labels(sheet)


def _by_labels(sheet: SheetGrid) -> str | None:
    """A form with no title: 整体 when it prints 部门名称/部门职责…, 项目 when 项目名称/实施期…, and
    an indicator header either way."""
    if find_header(sheet, 1, min(len(sheet.rows), 200)) is None:
        return None
    for row in sheet.rows[:20]:
        for value in row[:_WIDE]:
            if isinstance(value, str) and clean(value).startswith(FORM1_SIGNS):
                return "form1"
    for kind in ("form1", "form3"):
        for row in sheet.rows[:60]:
            for value in row[:_WIDE]:
                if field_key(kind, value) in _FORM_ONLY[kind]:
                    return kind
    return None


# --- the indicator table ------------------------------------------------------------------------
@dataclass
class Header:
    row: int
    cols: dict[str, int]  # column key (level1, level2, name, value, unit, direction, standard) -> index


def _header_at(sheet: SheetGrid, r: int) -> Header | None:
    if r < 1 or r > len(sheet.rows):
        return None
    cols: dict[str, int] = {}
    annual: set[str] = set()
    for c, value in enumerate(sheet.rows[r - 1][:_WIDE], start=1):
        key = header_key(value)
        if not key or key in annual:
            continue  # a second set of columns (长期 | 年度 side by side): the year's, else the later
        cols[key] = c
        if annual_column(value):
            annual.add(key)
    if len(cols) >= 3 and ("level1" in cols or "level2" in cols) and ("name" in cols or "value" in cols):
        return Header(r, cols)
    return None


def find_header(sheet: SheetGrid, start: int, stop: int) -> Header | None:
    """The first indicator header row (一级指标/二级指标/三级指标/指标值…) in rows start..stop."""
    for r in range(max(start, 1), min(stop, len(sheet.rows)) + 1):
        if (h := _header_at(sheet, r)) is not None:
            return h
    return None


def is_stop(sheet: SheetGrid, r: int, kind: str, left: int) -> bool:
    """A row that ends a table on a foreign form: its first cell, at or left of the table's first
    column, is a note (注:, 附件), an opinion (…审核意见), the next section or a signature line."""
    line = sheet.rows[r - 1][:_WIDE] if r <= len(sheet.rows) else []
    first = next(((c, v) for c, v in enumerate(line, start=1) if not blank(v)), None)
    if first is None or first[0] > left or not isinstance(first[1], str):
        return False
    col, text = first
    c = clean(text)
    if c.startswith(_STOPS) or any(w in c for w in _OPINIONS):
        return True
    if col == left and ":" not in c:
        return False  # in the table's own first column only 「填表人：…」-style lines end it
    if field_key(kind, c.split(":")[0]) in _SIGN_KEYS:
        return True
    return anchor_matches("支出明细", text) or anchor_matches("单位负责人签字", text)


def blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def placeholder(value: CellValue) -> bool:
    """Blank, or only the 「…」/「……」 a model form prints for "more rows here"."""
    return blank(value) or (isinstance(value, str) and not value.strip(" .。…·\u3000"))


def _number_text(value: CellValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def printed_value(value: CellValue) -> CellValue:
    """A foreign form's 指标值 as a reviewer reads it: the 「=」 some systems print before every
    number adds nothing (「=300天」 → 「300天」), a unit word stands for its symbol (「100百分比」 →
    「100%」)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith(("=", "＝")) and len(text) > 1:
        text = text[1:].strip()
    for word, symbol in UNIT_WORDS.items():
        if text.endswith(word) and len(text) > len(word):
            text = text[: -len(word)] + symbol
    return text if text != value.strip() else value


def join_value(value: CellValue, unit: CellValue, op: CellValue) -> CellValue:
    """指标值 as a reviewer reads it: operator + value + unit («≥» «95» «%» → «≥95%»); the unit is not
    appended when the value already ends with it, nor the operator when the value starts with one.
    「=」 and 定量/定性 add nothing. A blank value stays blank."""
    if blank(value):
        return value
    symbol = operator(op) if not blank(op) else ""
    unit_text = clean(str(unit)) if not blank(unit) else ""
    if not unit_text and not symbol:
        return value
    text = _number_text(value)
    unit_text = UNIT_WORDS.get(unit_text, unit_text)
    if unit_text and not clean(text).endswith(unit_text):
        text += unit_text
    if symbol and symbol != "=" and not text.startswith(("≥", "≤", ">", "<", "=", "＞", "＜")):
        text = symbol + text
    return text


def cell_value(sheet: SheetGrid, r: int, c: int) -> CellValue:
    """A data cell's value; a cell inside a merged range that starts in its own column (a vertical
    merge) shows the range's value."""
    value = sheet.value(r, c)
    if value is None:
        span = sheet.merge_at(r, c)
        if span is not None and span[1] == c:
            return sheet.value(span[0], span[1])
    return value


@dataclass
class IndicatorTable:
    header: Header | None
    rows: list[int]
    cols: dict[str, int]


def indicator_rows(
    sheet: SheetGrid, kind: str, start: int | None, data: list[int], layout_cols: dict[str, int], own: bool = False
) -> IndicatorTable | None:
    """The indicator table: below its label (``start`` and the located ``data`` rows), its header
    recognised in the label row or the next rows; or, with no label, found by its header alone."""
    if start is not None:
        stop = max(data) if data else start
        header = find_header(sheet, start, min(start + 3, stop))
        if header is None:
            return IndicatorTable(None, [r for r in data if _header_at(sheet, r) is None], layout_cols)
        rows = [r for r in data if r > header.row]
    else:
        header = find_header(sheet, 1, len(sheet.rows))
        if header is None:
            return None
        rows = list(range(header.row + 1, len(sheet.rows) + 1))
    kept: list[int] = []
    for r in rows:
        if not (own and start is not None) and is_stop(sheet, r, kind, min(header.cols.values())):
            break  # our template's table ends where the next section starts
        if _header_at(sheet, r) is not None:
            continue
        kept.append(r)
    if start is None:
        while kept and all(blank(cell_value(sheet, kept[-1], c)) for c in header.cols.values()):
            kept.pop()
    return IndicatorTable(header, kept, header.cols)


# --- our layout's fixed rows, verified; fields found by their labels ----------------------------
def _same_label(kind: str, want: str, got: CellValue) -> bool:
    if not isinstance(got, str):
        return False
    if clean(want) in forms(got):
        return True
    a, b = field_key(kind, want), field_key(kind, got)
    return a is not None and a == b


def verified(kind: str, sheet: SheetGrid, sec: Rows, start: int) -> bool:
    """Whether a fixed group of rows found by its anchor stands as in our layout (its labels where
    the template puts them), so its value cells can be read at the template's addresses."""
    labels = matched = 0
    for i, row in enumerate(sec.rows):
        for cell in row:
            if cell.key:
                span = sheet.merge_at(start + i, col_index(cell.col))
                if span is not None and span[1] < col_index(cell.col):
                    return False  # the value cell is merged into the label: another layout
            if cell.text is None or cell.style not in ("label", "sign") or (i == 0 and cell.col == "A"):
                continue
            got = sheet.value(start + i, col_index(cell.col))
            labels += 1
            if blank(got):
                continue  # a cleared label is no other layout ...
            if not _same_label(kind, cell.text, got):
                return False  # ... but another label standing there is
            matched += 1
    return 2 * matched >= labels  # ... as long as most of the labels stand where ours do


_PAIR = re.compile(r"([^\s:]+)\s*:")
_STAMP = re.compile(r"\((?:盖章|签字|签章)\)")


def inline_fields(kind: str, text: str) -> list[tuple[str, CellValue]]:
    """「填表人: 宋云花 联系电话:1660… 单位负责人签字:」 → [(key, value or None), …] for the labels of
    the vocabulary printed with their values in one cell."""
    text = unicodedata.normalize("NFKC", text)
    marks = list(_PAIR.finditer(text))
    out: list[tuple[str, CellValue]] = []
    for i, m in enumerate(marks):
        key = field_key(kind, m.group(1))
        if key is None:
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = _STAMP.sub("", text[m.end() : end]).strip()
        out.append((key, value or None))
    return out


def find_fields(kind: str, sheet: SheetGrid, keys: set[str], skip: set[int]) -> dict[str, tuple[int, int, CellValue]]:
    """key -> (row, col, value) for the fields in ``keys`` printed as 「label | value」 (or
    「label：value」 in one cell) anywhere on the sheet outside the rows in ``skip``. A label whose
    right-hand cell is another label heads a group (「项目资金(万元) | 年度资金总额: | 1125」): the
    inner label gives the value."""
    out: dict[str, tuple[int, int, CellValue]] = {}
    if not keys:
        return out
    for r, line in enumerate(sheet.rows, start=1):
        if r in skip:
            continue
        for c, value in enumerate(line[:_WIDE], start=1):
            if not isinstance(value, str) or not value.strip():
                continue
            key = field_key(kind, value)
            if key is None:
                if ":" in value or "：" in value:
                    for k, v in inline_fields(kind, value):
                        if k in keys and k not in out:
                            out[k] = (r, c, v)
                continue
            if key not in keys or key in out:
                continue
            hit = _value_right(kind, sheet, r, c)
            if hit is not None and hit[1] is None and key in _BELOW and (below := _value_below(kind, sheet, r, c)):
                out[key] = below
            elif hit is not None:
                out[key] = (r, *hit)
    return out


def _value_below(kind: str, sheet: SheetGrid, r: int, c: int) -> tuple[int, int, CellValue] | None:
    """A label heading a column (「年度目标」 over its text): the text in the row under it."""
    span = sheet.merge_at(r, c)
    row = (span[2] if span else r) + 1
    value = sheet.value(row, c)
    if isinstance(value, str) and value.strip() and field_key(kind, value) is None and header_key(value) is None:
        return row, c, value
    return None


def _value_right(kind: str, sheet: SheetGrid, r: int, c: int) -> tuple[int, CellValue] | None:
    """The value cell right of a label (past its merged range); a blank cell followed by a value
    that is no label (merges unknown) gives that value; None when the next cell is a label."""
    col = sheet.span_end(r, c) + 1
    value = sheet.value(r, col)
    if value is None and not sheet.merges:
        nxt = sheet.value(r, col + 1)
        if nxt is not None and field_key(kind, nxt) is None:
            return col + 1, nxt
    if isinstance(value, str) and field_key(kind, value) is not None:
        return None
    if isinstance(value, str):
        value = _STAMP.sub("", unicodedata.normalize("NFKC", value)).strip() or None
    return col, value


def title_cell(sheet: SheetGrid) -> tuple[int, int, CellValue] | None:
    for r, row in enumerate(sheet.rows[:_TOP], start=1):
        for c, value in enumerate(row[:_WIDE], start=1):
            if isinstance(value, str) and len(value) <= 80 and title_kind(value):
                return r, c, value
    return None


__all__ = [
    "HELPER_SHEETS",
    "Header",
    "IndicatorTable",
    "find_fields",
    "find_header",
    "identify",
    "indicator_rows",
    "join_value",
    "title_cell",
    "verified",
]
