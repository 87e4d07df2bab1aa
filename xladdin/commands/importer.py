"""``xladdin import``: last year's forms (Word or another bureau's workbook) → a workbook in our template.

Every source becomes a :class:`~xladdin.io.grid.BookGrid` (a .docx through ``io/docx.py``; .doc, .xls,
.ods … first converted by LibreOffice, ``io/convert.py``), the reader recognises the forms in it,
and the builder writes the model into the template (VBA and ribbon included). Nothing is dropped
silently: each non-empty source cell is either carried into the model, a label the template prints
itself, or listed on the visible 「导入备注」 sheet (source, cell, text, why), which validate ignores
and export leaves out. The same code runs for the CLI and the ribbon button 「导入旧表」.

An import counts as *last year's form* when a year is asked for (``--year``, the ribbon's question) and
it moves the budget year forward: the source names an earlier year, or names none (the clerk's year is
the only one there is, and 导入旧表 imports the form before it). Then, as ``rollover`` does, each
indicator's value as imported is kept on the 「上年指标值」 sheet keyed by sheet and value cell
(``xladdin.history``), so the next validate compares (I338 「目标值低于上年」). No year asked for, or
the same year, makes no 上年指标值 from the source's values, but keeps the 上年指标值 the source itself
holds (our sheet, with its 下调原因, or a foreign 上年指标值 column) at the new workbook's cells; a year
moved back keeps none.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from xladdin import model
from xladdin.a1 import col_letter, parse
from xladdin.formmap import MARKED_COLUMNS, NOT_GIVEN
from xladdin.formmap import FormMap as Recognised
from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.layout import LAYOUTS, FormLayout, Rows, Table, norm
from xladdin.layout.names import FIELD_NAMES, FORM_NAMES, INDICATOR_COLUMN_NAMES, TABLE_NAMES
from xladdin.layout.vocabulary import anchor_matches, header_key, operator
from xladdin.model import CellValue
from xladdin.values import plain_number

NOTES_SHEET = "导入备注"
NOTES_HEADER = ["位置（源文件）", "内容", "说明"]
NOTES_WIDTHS = (26, 50, 40)

WORD = {".docx", ".docm", ".dotx"}
WORKBOOK = {".xlsx", ".xlsm", ".xltx", ".xltm"}
#: What LibreOffice converts first (io/convert.py).
WORD_OLD = {".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt"}
WORKBOOK_OLD = {".xls", ".xlt", ".et", ".ett", ".ods", ".fods"}
SUPPORTED = WORD | WORKBOOK | WORD_OLD | WORKBOOK_OLD


#: Fields that hold amounts (万元): text such as 「1326.19」 in a Word cell becomes a number.
AMOUNT_FIELDS = {
    "form1": ("total", "general_budget", "gov_fund", "other_funds", "basic", "project"),
    "form2": ("total.amount",),
    "form3": ("project_amount", "parent_amount", "detail_total"),
}
AMOUNT_COLUMNS = {"funds": ("amount",), "details": ("amount",), "indicators": ("value",)}

#: 「标签：值」 written inside one cell (Word forms print the signature lines and 填报单位 this way).
INLINE = {
    "单位负责人签字": "signature.head",
    "单位负责人": "signature.head",
    "填表人": "signature.filler",
    "填报人": "signature.filler",
    "联系电话": "signature.phone",
    "填报单位": "unit",
    "预算单位": "unit",
    "预算部门": "unit",
    "资金总额": "total",
    "金额单位": None,
    "金额": None,
    "单位": None,
    "填报日期": None,
    "日期": None,
}
_INLINE = re.compile(
    r"(" + "|".join(sorted(INLINE, key=len, reverse=True)) + r")\s*(?:[（(]\s*盖\s*章\s*[）)])?\s*[:：]"
)
_STAMP = re.compile(r"[（(]\s*盖\s*章\s*[）)]")
_PUNCT = re.compile(r"[\s:：（）()、，,；;。·*★]+")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
NUMBER_TOLERANCE = Decimal("0.005")
#: 「金额单位：元」 / 「单位:元」 (the template's amounts are in 万元)
_YUAN = re.compile(r"^(?:金额)?单位[:：]?[(（]?元[)）]?$")


class ImportRefused(Exception):
    """Why nothing was written (Chinese, one line)."""


@dataclass
class Note:
    source: str  # source sheet / table
    cell: str
    text: str
    why: str
    word: bool = False  # the source is a Word document: its tables have rows and columns, no letters

    @property
    def where(self) -> str:
        """The cell in the source's own terms: 「Sheet1!E7」, or 「表格1 第3行第5列」 for Word."""
        if self.word:
            try:
                r, c = parse(self.cell)
            except ValueError:
                return f"{self.source} {self.cell}"
            return f"{self.source} 第{r}行第{c}列"
        return f"{self.source}!{self.cell}"


@dataclass
class FormMap:
    source: str  # source sheet / table
    target: str  # our sheet
    kind: str  # form1 / form2 / form3
    fields: list[str] = field(default_factory=list)  # 「部门名称 B4 → B4」
    tables: list[str] = field(default_factory=list)  # 「年度绩效指标 9 行：第14–22行 → 第14–22行」


@dataclass
class ImportResult:
    source: Path
    out: Path | None
    submission: model.Submission
    forms: list[FormMap] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # what the import did besides copying
    source_year: int | None = None  # the budget year the source names (its titles), if any
    #: 上年指标值 the source itself holds (our 「上年指标值」 sheet, a foreign column), kept when the
    #: import keeps the year: rows of that sheet, keyed by the new workbook's cells
    priors: list[tuple[CellValue, ...]] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        lines = [f"导入：{self.source.name}"]
        for m in self.forms:
            kind = "" if m.target.startswith(FORM_NAMES[m.kind]) else f"（{FORM_NAMES[m.kind]}）"
            lines.append(f"\n{m.source} → {m.target}{kind}")
            if m.fields:
                lines.append("  字段：" + "；".join(m.fields))
            lines += [f"  {t}" for t in m.tables]
        if self.changes:
            lines.append("\n说明：")
            lines += [f"  {c}" for c in self.changes]
        if self.notes:
            lines.append(f"\n未能放入表格的内容 {len(self.notes)} 处（已列在「{NOTES_SHEET}」工作表）：")
            for n in self.notes[:40]:
                text = n.text.replace("\n", " ")
                lines.append(f"  {n.where}  {text[:40]}{'…' if len(text) > 40 else ''}  —— {n.why}")
            if len(self.notes) > 40:
                lines.append(f"  …… 另有 {len(self.notes) - 40} 处，见「{NOTES_SHEET}」")
        else:
            lines.append("\n源文件中的内容已全部放入表格。")
        if self.out is not None:
            lines.append(f"\n已生成：{self.out}")
        return lines


# --- reading the source ----------------------------------------------------------------------------


def load_grid(src: Path, workdir: Path) -> BookGrid:
    """The source as sheet grids, whatever its format (converted by LibreOffice where needed)."""
    suffix = src.suffix.lower()
    if not src.is_file():
        if src.exists():  # a pipe or a device: opening it could wait for ever
            raise ReadError(f"「{src.name}」不是普通文件（是文件夹、管道或设备），不予读取", "not a regular file")
        raise ReadError(f"找不到文件：{src}", f"no such file: {src}")
    if suffix not in SUPPORTED:
        kinds = "Word（.docx/.doc）或工作簿（.xlsx/.xlsm/.xls/.ods）"
        what = suffix or "（无扩展名）"
        raise ReadError(f"不支持的文件类型 {what}：请选择 {kinds}", f"unsupported file type {suffix}")
    if suffix in WORD_OLD | WORKBOOK_OLD:
        from xladdin.io.convert import to_docx, to_xlsx

        converted = to_docx(src, workdir) if suffix in WORD_OLD else to_xlsx(src, workdir)
    else:
        converted = src
    if suffix in WORD | WORD_OLD:
        from xladdin.io.docx import read_docx

        grid = read_docx(converted)
    else:
        from xladdin.io.xlsx import read_grid

        grid = read_grid(converted)
    grid.path = str(src)
    return grid


# --- turning the reading into our model ------------------------------------------------------------


def _number(value: CellValue) -> CellValue:
    """「1,326.19」 → 1326.19, 「2」 → 2; anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
    number = plain_number(text)
    return value if number is None else number


def _get(obj: object, key: str) -> CellValue:
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[return-value]


def _set(obj: object, key: str, value: CellValue) -> None:
    parts = key.split(".")
    for part in parts[:-1]:
        obj = getattr(obj, part)
    setattr(obj, parts[-1], value)


def _to_wan(form: model.Form) -> int:
    """Amounts written in 元 → 万元 (the template's unit); 指标值 are left alone."""
    changed = 0

    def wan(value: CellValue) -> CellValue:
        nonlocal changed
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        changed += 1
        result = Decimal(repr(value)) / 10000
        return int(result) if result == result.to_integral_value() else float(result)

    for key in AMOUNT_FIELDS[_kind(form)]:
        _set(form, key, wan(_get(form, key)))
    for table in ("funds", "details"):
        for item in getattr(form, table, []):
            item.amount = wan(item.amount)
    return changed


def _in_wan(value: CellValue) -> CellValue:
    """A source amount in 元 as ``_to_wan`` holds it (万元); anything else unchanged."""
    number = _number(value)
    if isinstance(number, bool) or not isinstance(number, int | float):
        return value
    return float(Decimal(repr(number)) / 10000)


def _kind(form: model.Form) -> str:
    return {model.Form1: "form1", model.Form2: "form2", model.Form3: "form3"}[type(form)]


_AMOUNT_TEXT = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?)\s*(万元|万)?\s*(?:[(（].*[)）])?")


def _amount(value: CellValue) -> CellValue:
    """An amount written as text with its unit (「250万」「20万元」「854万(其中…)」「1,326.19」) → the
    number in 万元; anything else unchanged."""
    if not isinstance(value, str):
        return value
    m = _AMOUNT_TEXT.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if not m:
        return value
    number = plain_number(m.group(1).replace(",", ""))
    return value if number is None else number


def _amounts(form: model.Form, word: bool, sheet: SheetGrid | None = None) -> tuple[int, list[Note]]:
    """Amount fields written as text become numbers; where the number does not print as the text did
    (「250万」, 「6.30」), the original goes to 导入备注 with its source cell — the cell's whole text when
    the amount was read out of a 「标签：值」 cell (「年度资金总额:50万」)."""
    changed = 0
    notes: list[Note] = []
    for key in AMOUNT_FIELDS[_kind(form)]:
        before = _get(form, key)
        after = _amount(before)
        if after is before:
            continue
        _set(form, key, after)
        changed += 1
        if re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", str(before))) != str(after):
            why = f"{FIELD_NAMES.get(key, key)}：原文「{before}」，按 {after}（万元）填入"
            ref = form.cell(key)
            cell = sheet.value(*_rc(ref)) if sheet is not None and ref else None
            text = cell if isinstance(cell, str) and str(before) in cell else str(before)
            notes.append(Note(form.sheet, ref or "?", text, why, word))
    return changed, notes


def _numbers(form: model.Form) -> int:
    """指标值 and table amounts written as text become numbers; returns how many changed."""
    changed = 0
    for table, columns in AMOUNT_COLUMNS.items():
        for item in getattr(form, table, []):
            for col in columns:
                before = getattr(item, col)
                after = _number(before)
                if after is not before:
                    setattr(item, col, after)
                    changed += 1
    return changed


def _labels() -> tuple[set[str], list[str]]:
    """Every label the template or the vocabulary knows (cleaned), for telling labels from values."""
    from xladdin.layout.vocabulary import ANCHORS, FIELDS, HEADER, TABLE_HEADERS, clean

    words: set[str] = {"金额万元", "金额单位万元", "单位万元", "万元", "盖章", "合计", "审核意见"}
    for layout in LAYOUTS.values():
        words.add(layout.marker)
        words.update(cell.text for cell in layout.cells() if cell.text)
        words.update(section.anchor for section in layout.sections)
    for group in (ANCHORS, HEADER, *FIELDS.values(), *TABLE_HEADERS.values()):
        for wordings in group.values():
            words.update(wordings)
    texts = {_PUNCT.sub("", clean(w)) for w in words} - {""}
    return texts, sorted(texts, key=len, reverse=True)


#: A label numbered in the source (「4.其他资金」「(二)自有资金」): its numbering exists nowhere in our template.
_NUMBERED = re.compile(r"\s*(?:其中\s*[:：]?\s*)?[(（]?\d+[)）.、．]")


def _is_label(text: str, labels: tuple[set[str], list[str]]) -> bool:
    """Only label words (「本年度 绩效指标」, 「*指标值」, 「财政部门审核意见」), no value among them."""
    from xladdin.layout.vocabulary import forms

    exact, longest_first = labels
    if any(_PUNCT.sub("", f) in exact for f in forms(_STAMP.sub("", text))):
        return True
    rest = _PUNCT.sub("", _STAMP.sub("", text))
    for label in longest_first:
        if label in rest:
            rest = rest.replace(label, "")
            if not rest:
                return True
    return not rest


def _inline(form: model.Form, text: str) -> tuple[list[tuple[str, CellValue]], bool]:
    """「填表人：张三  联系电话：123」 → fields set (key, value); False when some part fits nowhere."""
    parts = _INLINE.split(text)
    if len(parts) < 3:
        return [], False
    ok = not parts[0].strip() or _PUNCT.sub("", parts[0]) == ""
    placed: list[tuple[str, CellValue]] = []
    for label, raw in zip(parts[1::2], parts[2::2], strict=True):
        value = _STAMP.sub("", raw).strip()
        key = "department" if label == "预算部门" and isinstance(form, model.Form1) else INLINE[label]
        if key is None:  # 金额单位：万元
            ok = ok and _PUNCT.sub("", value) in ("", "万元", "元")
            continue
        if not value:
            continue
        try:
            current = _get(form, key)
        except AttributeError:
            ok = False
            continue
        number = _number(value) if key == "total" else value
        if current in (None, ""):
            _set(form, key, number)
            placed.append((key, number))
        elif str(current).strip() != str(number).strip():
            ok = False
    return placed, ok


def _held_parts(form: model.Form, value: CellValue) -> list[str]:
    """The fields of a 「标签：值」 cell that ``form`` holds (with a value), in the cell's order."""
    if not isinstance(value, str):
        return []
    keys = [INLINE[label] for label in _INLINE.split(value)[1::2]]
    out = []
    for key in keys:
        try:
            have = _get(form, key) if key else None
        except AttributeError:
            continue
        if not _blank(have) and key not in out:
            out.append(key)
    return out


def _drop_label_values(form: model.Form) -> None:
    """A field read from a cell that is itself 「标签：…」 (「金额单位：万元」 next to 「填报单位」) holds
    no value: the field is emptied and the cell is read as label text (split by ``_inline``)."""
    for key in list(form.place.fields):
        try:
            value = _get(form, key)
        except AttributeError:
            continue
        if isinstance(value, str) and _INLINE.match(value.strip()):
            _set(form, key, None)
            del form.place.fields[key]


def _consumed(form: model.Form) -> dict[tuple[int, int], str]:
    """Source cells the reader took into ``form`` → what they became (field or table name)."""
    out: dict[tuple[int, int], str] = {}
    place = form.place
    for key, ref in place.fields.items():
        m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        if m:
            out[(int(m.group(2)), _col(m.group(1)))] = key
    for table, rows in place.rows.items():
        for col in place.columns.get(table, {}).values():
            for row in rows:
                out[(row, _col(col))] = table
    return out


def _layout_fields(kind: str) -> set[str]:
    """The fields our template prints for ``kind`` (its fixed rows and its tables' totals)."""
    layout = LAYOUTS[kind]
    fields = {c.key for sec in layout.sections if isinstance(sec, Rows) for row in sec.rows for c in row if c.key}
    return fields | {c.key for sec in layout.sections if isinstance(sec, Table) for c in sec.total or () if c.key}


def _carried(form: model.Form, what: str, row: int, value: CellValue) -> bool:
    """Whether the model holds ``value`` (read from ``row``) under ``what`` (a field or a table):
    the reader may join columns (「≥」「95」「%」 → 「≥95%」) or read a column it then drops (「定量」)."""
    if what in form.place.rows:
        rows = form.place.rows[what]
        items = getattr(form, what, [])
        index = rows.index(row) if row in rows else -1
        if not 0 <= index < len(items):
            return True  # a row the reader kept out of the table (a blank or header row)
        written = [c.key for c in LAYOUTS[_kind(form)].table(what).columns if c.key]  # what the template prints
        held = [getattr(items[index], a) for a in written]
    elif what.startswith("info."):
        return False  # a project text field (项目概况, 立项依据 …) our template has no place for
    else:
        if _kind(form) != "form2" and what not in _layout_fields(_kind(form)):
            return False  # read from the source (a 整体 form's own goal) but our template prints no such field
        try:
            held = [_get(form, what)]
        except AttributeError:
            return False
    text = norm(unicodedata.normalize("NFKC", str(value)))
    for have in held:
        if have is None:
            continue
        if _same_number(_number(value), have) or text in norm(unicodedata.normalize("NFKC", str(have))):
            return True
    return False


#: Indicator columns our template has no place for, and why (the reason printed on 导入备注).
NO_COLUMN = {
    k: INDICATOR_COLUMN_NAMES[k] for k in ("weight", "explanation", "scoring", "formula", "basis", "prior", "direction")
}


def _unplaced_columns(fmap: Recognised | None, form: model.Form, carry: bool = False) -> dict[tuple[int, int], str]:
    """Source cells of indicator columns our template does not print → why (per column): 权重,
    指标解释 …, a 中期 column beside the year's, one value column per place or sub-item. ``carry``:
    the import keeps the source's 上年指标值 (on our 「上年指标值」 sheet)."""
    out: dict[tuple[int, int], str] = {}
    table = fmap.tables.get("indicators") if fmap else None
    if table is None:
        return out
    for col in table.columns:
        if col.key == "prior" and carry:
            why = f"上年指标值（「{col.header or col.key}」列）：记在新表的「上年指标值」工作表，原文记录在此"
        elif col.key in NO_COLUMN:
            why = f"{NO_COLUMN[col.key]}（「{col.header or col.key}」列）：本模板没有此栏，原文记录在此"
        elif col.key != "extra":
            continue
        elif col.cue == "sub":
            why = f"指标值（「{col.header}」列）：本模板每个指标只有一个指标值栏，此列原文记录在此"
        elif header_key(col.header) == "standard":
            why = f"绩效标准（「{col.header}」列）：{FORM_NAMES[_kind(form)]}没有此栏，原文记录在此"
        elif header_key(col.header) in ("level1", "level2", "name", "value") or "期" in col.header:
            why = f"「{col.header}」列（中期或长期指标）：本模板只填年度指标，原文记录在此"
        else:
            why = f"「{col.header}」列：本模板没有此栏，原文记录在此"
        c = _col(col.col)
        out.update({(r, c): why for r in table.rows})
    return out


def _joined_into_value(
    form: model.Form, r: int, c: int, value: CellValue, fmap: Recognised | None
) -> set[tuple[int, int]]:
    """{(r, c)} when the cell is a 计算符号 whose symbol the imported 指标值 carries (「≥」 in 「≥95%」)."""
    table = fmap.tables.get("indicators") if fmap else None
    if table is None or table.col("direction") is None or _col(table.col("direction") or "A") != c:
        return set()
    rows = form.place.rows.get("indicators", [])
    items = getattr(form, "indicators", [])
    if r not in rows or rows.index(r) >= len(items):
        return set()
    symbol = operator(value)
    held = str(items[rows.index(r)].value or "")
    joined = symbol is not None and ((symbol in ("", "=") and "定" not in str(value)) or symbol in held)
    return {(r, c)} if joined else set()


def _written_value(form: model.Form, r: int, c: int) -> CellValue:
    """The 指标值 import writes for source cell (r, c) of the 指标值 column, or None for another cell."""
    rows = form.place.rows.get("indicators", [])
    col = form.place.columns.get("indicators", {}).get("value")
    items = getattr(form, "indicators", [])
    if col is None or _col(col) != c or r not in rows or rows.index(r) >= len(items):
        return None
    return items[rows.index(r)].value


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _cells(sheet: SheetGrid):
    for r, row in enumerate(sheet.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and not (isinstance(value, str) and not value.strip()):
                yield r, c, value


def _ref(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def _span(rows: list[int]) -> str:
    if not rows:
        return "无"
    return f"第{rows[0]}行" if len(rows) == 1 else f"第{rows[0]}–{rows[-1]}行"


def _order_funds(sub: model.Submission) -> bool:
    """附表3 in the order 附表2 lists the funds (as the template keeps them); True if it changed."""
    if sub.form2 is None or len(sub.form3s) < 2:
        return False
    order = {norm(f.name): i for i, f in enumerate(sub.form2.funds) if f.name}
    before = list(sub.form3s)
    sub.form3s.sort(key=lambda f3: order.get(norm(f3.direction), order.get(norm(f3.parent_name), len(order))))
    return sub.form3s != before


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


#: The sections of our forms a foreign form may not print at all (field or table, by form).
OPTIONAL_PARTS = {
    "form1": (("duties", "duties"), ("work_plan", "work_plan")),
    "form3": (
        ("period_goal", "period_goal"),
        ("annual_goal", "annual_goal"),
        ("details", "details"),
        ("parent_amount", "parent"),
    ),
}


def _mark_not_given(sub: model.Submission) -> list[str]:
    """Parts of our template a foreign source does not print at all are written 「本次未提供」, which
    the reader takes as "not provided": no rule fires on a part the clerk was never asked for."""
    said: list[str] = []
    for form in sub.forms():
        if not form.sheet or "template" in form.place.found:
            continue
        kind = _kind(form)
        parts = []
        for attr, section in OPTIONAL_PARTS.get(kind, ()):
            if section in form.place.found:
                continue
            current = getattr(form, attr)
            if isinstance(current, list):
                if any(any(not _blank(v) for v in vars(item).values()) for item in current):
                    continue
                first = model.Detail(summary=NOT_GIVEN) if attr == "details" else model.WorkItem(item=NOT_GIVEN)
                setattr(form, attr, [first])
            elif _blank(current):
                setattr(form, attr, NOT_GIVEN)
            else:
                continue
            parts.append(TABLE_NAMES.get(attr) or FIELD_NAMES.get(attr, attr))
        if parts:
            said.append(f"{form.sheet}：" + "、".join(parts))
    return said


#: Fields of our template a clerk types and a foreign form may not print (a rule warns when one is
#: blank: F501, F502): where the source did not have one, the import writes 「本次未提供」.
OPTIONAL_FIELDS = {
    "form1": ("unit", "department", "signature.head", "signature.filler", "signature.phone"),
    "form2": ("unit", "signature.head", "signature.filler", "signature.phone"),
    "form3": ("unit", "signature.head", "signature.filler", "signature.phone"),
}


def _labels_printed(form: model.Form, sheet: SheetGrid | None, fmap: Recognised | None) -> set[str]:
    """The signature fields whose label the source prints on ``form``'s rows (「单位负责人签字： 填表人：
    联系电话：」 in one cell, or below the table), read or not: such a field is the source's, blank or not."""
    from xladdin.layout.vocabulary import FIELDS

    if sheet is None:
        return set()
    words = FIELDS["form1"]  # the signature lines' labels (a 填报单位 is found by the reader or not printed)
    first, last = fmap.rows if fmap is not None else (1, 0)
    texts = [
        "".join(str(v).split())
        for r, _, v in _cells(sheet)
        if isinstance(v, str) and len(v) <= 80 and (last < first or first <= r <= last)
    ]
    keys = [k for k in OPTIONAL_FIELDS.get(_kind(form), ()) if k.startswith("signature.")]
    return {k for k in keys if any(w in t for w in words.get(k, ()) for t in texts)}


def _mark_fields_not_given(sub: model.Submission, structure: object, grid: BookGrid | None = None) -> list[str]:
    """Fields and indicator columns of our template the source did not have are written 「本次未提供」
    (the reader takes the mark as "not provided", so no rule warns about a blank the clerk did not
    leave): a field the source does not print (recognition did not find it; for a signature line, its
    label stands nowhere on the form), and
    a column its indicator table does not have; and the same fields of a form the import made (附表2
    summed from the 附表3, a blank 附表1). A field the source printed and left blank stays blank: the
    source's own finding stays the clerk's. Our own template's forms are left as they are."""
    from xladdin.rules.base import Context

    ctx = Context(sub, structure)  # type: ignore[arg-type]
    said: list[str] = []
    for form in sub.forms():
        if "template" in form.place.found:
            continue
        kind = _kind(form)
        parts = []
        printed = set()
        if form.sheet:
            sheet = grid.sheet(form.sheet) if grid is not None else None
            fmap = ctx.map_of(form)  # what recognition found (the import may have dropped a label read as a value)
            printed = set(form.place.fields) | set(fmap.fields if fmap else ()) | _labels_printed(form, sheet, fmap)
        for key in OPTIONAL_FIELDS.get(kind, ()):
            if key in printed or not _blank(form.get(key)):
                continue
            _set(form, key, NOT_GIVEN)
            parts.append(FIELD_NAMES.get(key, key))
        columns = form.place.columns.get("indicators", {}) if form.sheet else {}
        for key in MARKED_COLUMNS.get(kind, ()):
            if key in columns:
                continue
            rows = [ind for ind in form.indicators if not _blank(ind.name) and norm(str(ind.name)) != NOT_GIVEN]
            rows = [ind for ind in rows if _blank(getattr(ind, key))]
            for ind in rows:
                setattr(ind, key, NOT_GIVEN)
            if rows:
                parts.append(f"{INDICATOR_COLUMN_NAMES.get(key, key)}栏（{len(rows)} 行）")
        if parts:
            said.append(f"{form.sheet or FORM_NAMES[kind]}：" + "、".join(parts))
    return said


def _task_contents(sub: model.Submission, structure: object, word: bool) -> list[Note]:
    """A foreign 部门整体 form's task table prints what each task holds (主要内容: 「包括办公费、差旅费…」),
    not what it is to achieve: our 工作目标 column is no place for it (a rule would judge it as a goal the
    clerk never wrote). Each text goes to 导入备注 with its cell; the 工作目标 stays blank."""
    from xladdin.rules.base import Context
    from xladdin.rules.goals import content_column

    f1 = sub.form1
    if f1 is None or not f1.sheet or "template" in f1.place.found:
        return []
    if not content_column(Context(sub, structure), f1):  # type: ignore[arg-type]
        return []
    notes = []
    for i, item in enumerate(f1.work_plan):
        if not _blank(item.goal):
            what = f"任务「{item.item}」的主要内容" if item.item else "任务的主要内容"
            why = f"{what}（不是工作目标），本模板没有对应栏目"
            notes.append(Note(f1.sheet, f1.place.row_cell("work_plan", i, "goal"), str(item.goal), why, word))
            item.goal = None
    return notes


def _our_level_names(sub: model.Submission, word: bool) -> list[Note]:
    """A family's own 一级 names (四川 「项目完成指标」「项目效益指标」) are written as our template's
    (产出指标, 效益指标): the new workbook is our family, where its own names would read as a missing
    产出. The source's name goes to 导入备注 with its cell."""
    from xladdin.layout.profiles import category_of, profile_of, standard_level_names
    from xladdin.layout.skeleton import BENEFIT, OUTPUT

    ours = standard_level_names("ours", 1)
    notes: list[Note] = []
    for form in [*([sub.form1] if sub.form1 else []), *sub.form3s]:
        if form.profile == "ours":
            continue
        said: set[str] = set()
        for i, ind in enumerate(form.indicators):
            name = ind.level1
            if not isinstance(name, str) or name in ours or norm(name) in ours:
                continue
            to = {"output": OUTPUT, "benefit": BENEFIT}.get(category_of(form, name) or "")
            if to is None:
                continue
            ind.level1 = to
            cell = form.place.row_cell("indicators", i, "level1")
            if cell and name not in said:  # once per name (a 一级 merged over its rows)
                said.add(name)
                why = f"一级指标：原文「{name}」（{profile_of(form).name}的名称），按本模板写为「{to}」"
                notes.append(Note(form.sheet, cell, name, why, word))
    return notes


def _mark_cut_dimensions(sub: model.Submission, structure: object) -> list[str]:
    """A source table that may be a copy cut short (rule S007) does not hold some dimensions: each
    gets one row 「本次未提供」 in the new workbook, so that no rule asks the clerk for what the source
    copy simply did not hold (I301 and I310/I337 skip a dimension marked so)."""
    from xladdin.layout.profiles import has_field, profile_of
    from xladdin.rules.base import Context
    from xladdin.rules.indicators.helpers import CATEGORY_ZH, Row, cut_short

    ctx = Context(sub, structure)  # type: ignore[arg-type]
    said: list[str] = []
    for form in [*([sub.form1] if sub.form1 else []), *sub.form3s]:
        rows = [Row(form, i, ind) for i, ind in enumerate(form.indicators)]
        cut = cut_short(ctx, form, rows)
        # a dimension the source's family has no level for (中央预算内投资: no 满意度, no 成本) is not
        # the clerk's omission either: our template would ask for it
        family = profile_of(form)
        absent = [c for c in ("output", "benefit", "satisfaction") if c not in family.required]
        absent += [] if has_field(family, "cost") else ["cost"]
        absent = [c for c in absent if not (cut and c in cut.missing) and not any(r.category == c for r in rows)]
        if cut is None and not absent:
            continue
        missing = list(cut.missing if cut else ())
        # a copy cut short may end before its 成本 rows too (I310 is silent on such a copy: S007)
        costed = any(r.category == "cost" and r.named and r.valued for r in rows)
        if cut and "cost" not in [*missing, *absent] and has_field(family, "cost") and not costed:
            missing.append("cost")
        for cat in [*missing, *absent]:
            form.indicators.append(model.Indicator(level1=CATEGORY_ZH[cat], name=NOT_GIVEN))
        if cut:
            said.append(f"{form.sheet}：" + "、".join(CATEGORY_ZH[c] for c in missing) + "（源表在此之前结束）")
        if absent:
            said.append(f"{form.sheet}：" + "、".join(CATEGORY_ZH[c] for c in absent) + f"（{family.name}没有这一类）")
    return said


def _undated(blank: model.Submission) -> model.Submission:
    """The template's blank forms without its year (the source did not say which year)."""
    for form in blank.forms():
        form.title = _YEAR.sub("", str(form.title or ""), count=1).removeprefix("年") or None
    for indicator in blank.form1.indicators if blank.form1 else []:
        indicator.name = indicator.value = None
    return blank


def _standard_level1(form: model.Form, word: bool, sheet: SheetGrid | None = None) -> list[Note]:
    """A 一级 name standard in the source's own family but not in our template (四川 申报表 「项目完成指标」
    「项目效益指标」) is written as our template's name of the same category (产出指标, 效益指标): in the
    new workbook, read as our template, the family's name would be a 产出 the form lacks (I301). So is a
    二级 name the family spells its own way (山东 「数量值」, 慈溪 「社会效益」 → 数量指标, 社会效益指标): read
    as our template it would be a non-standard name (I314) the clerk did not write. The source's name goes
    to 导入备注 at its cell (a 一级 merged over its rows: at its first)."""
    from xladdin.layout.profiles import DEFAULT, PROFILES, category_of, level_alias, profile_of, standard_level_names
    from xladdin.layout.skeleton import BENEFIT, COST, OUTPUT, SATISFACTION

    family = profile_of(getattr(form, "profile", None))
    if family.key == DEFAULT:
        return []
    ours = PROFILES[DEFAULT]
    ours2, own2 = standard_level_names(ours, 2), standard_level_names(family, 2)
    standard = {"output": OUTPUT, "benefit": BENEFIT, "satisfaction": SATISFACTION, "cost": COST}
    notes: list[Note] = []
    seen: set[str] = set()
    for i, ind in enumerate(getattr(form, "indicators", []) or []):
        name = ind.level2
        if isinstance(name, str) and name.strip() and name not in ours2 and name in own2:
            to = level_alias(name, 2)
            if to in ours2:
                ind.level2 = to
                cell = form.place.row_cell("indicators", i, "level2")
                r, c = _rc(cell) if cell else (0, 0)
                if cell and (sheet is None or not _blank(sheet.value(r, c))):  # merged: at its first cell
                    why = f"二级指标：「{norm(name)}」是{family.name}的名称，新表中写为本模板的「{to}」"
                    notes.append(Note(form.sheet, cell, name, why, word))
        name = ind.level1
        if not isinstance(name, str) or category_of(ours, name) is not None:
            continue
        cat = category_of(family, name)
        if cat not in standard:
            continue
        ind.level1 = standard[cat]
        if name not in seen:
            seen.add(name)
            why = f"一级指标：「{norm(name)}」是{family.name}的名称，新表中写为本模板的「{standard[cat]}」"
            notes.append(Note(form.sheet, form.place.row_cell("indicators", i, "level1") or "?", name, why, word))
    return notes


def _form2_not_given(form2: model.Form2, form1: model.Form1 | None) -> str:
    """A 部门整体 source with no 附表2 and no 附表3 (湖北广水 部门整体支出绩效目标申报表): its funds are not
    listed, so 附表2 is marked 「本次未提供」 (no rule asks for its rows), and the row carries the
    项目支出 the source prints, so that 附表1's 项目支出 (a formula: =附表2 合计) keeps the source's
    amount and 资金总额 = 基本支出 + 项目支出 holds as it did there. Returns the change to report."""
    project = form1.project if form1 is not None else None
    amount = project if isinstance(project, int | float) and not isinstance(project, bool) else None
    form2.funds = [model.FundRow(name=NOT_GIVEN, amount=amount)]
    said = f"源文件中没有附表2：新工作簿中附表2 标为「{NOT_GIVEN}」"
    return said if amount is None else f"{said}，金额为附表1 的项目支出 {amount}（附表1 项目支出取自附表2 合计）"


def _form2_of(form3s: list[model.Form3], blank: model.Form2 | None) -> model.Form2:
    """附表2 as 同步汇总 makes it: one row per 附表3 (名称, 金额, 实施期/年度目标)."""
    from xladdin.commands.funds import numeral

    form2 = blank or model.Form2()
    form2.funds = [
        model.FundRow(numeral(n), f3.parent_name or f3.direction, f3.project_amount, f3.period_goal, f3.annual_goal)
        for n, f3 in enumerate(form3s, start=1)
    ]
    return form2


def _set_year(sub: model.Submission, year: int) -> list[str]:
    titles = {
        "form1": f"{year}年部门整体支出绩效目标表",
        "form2": f"{year}年区级专项资金绩效目标汇总表",
        "form3": f"{year}年区级专项资金支出方向绩效目标表",
    }
    changes = []
    for form in sub.forms():
        old = str(form.title or "")
        new = _YEAR.sub(str(year), old, count=1) if _YEAR.search(old) else (old or titles[_kind(form)])
        if new != old:
            form.title = new
            changes.append(f"{form.sheet or FORM_NAMES[_kind(form)]} 标题：「{old or '空'}」→「{new}」")
    sub.year = year
    return changes


# --- the import ---------------------------------------------------------------------------------


def plan_import(src: Path, year: int | None = None) -> tuple[ImportResult, list, str]:
    """Read ``src`` and lay it out in our template: (result, sheet specs, workbook title). Writes nothing."""
    from xladdin.build.template import blank_submission
    from xladdin.build.workbook import counts, sheet_names, specs_for
    from xladdin.layout.place import plan
    from xladdin.reader import HELPER_SHEETS, identify, read_grid_model

    src = Path(src)
    with tempfile.TemporaryDirectory(prefix="xladdin-import-") as tmp:
        grid = load_grid(src, Path(tmp))
    try:
        reading = read_grid_model(grid)
    except ReadError:
        raise ReadError(
            f"在「{src.name}」中找不到附表1、附表2或附表3（部门整体支出绩效目标表、专项资金绩效目标汇总表、"
            "专项资金支出方向绩效目标表），无法导入",
            "no 附表1/附表2/附表3 found in the source",
        ) from None
    prose = [m.sheet for m in reading.structure.maps if m.prose]
    if prose:  # names and values cut out of paragraphs are a guess: never written as a clerk's values
        raise ReadError(
            f"「{src.name}」的工作表「{prose[0]}」以文字段落公布绩效目标，不是表格，无法可靠导入"
            "（指标名称与指标值须从段落中推测分开）：请导入附件中的绩效目标表，或用 validate 检查原文",
            "targets published as prose: nothing imported",
        )
    sub = reading.submission
    if sub.form1 is None and not sub.form3s and sub.form2 is not None and "template" not in sub.form2.place.found:
        # a list of projects published alone (分配方案, 项目计划表): our 附表2 would stand with an empty 附表1
        # and no 附表3, a screen of errors the clerk did not make
        raise ReadError(
            f"「{src.name}」是一份项目（资金）清单，没有项目绩效目标表（附表3）和部门整体表（附表1），"
            "无法导入为一套绩效目标表：请用 validate 检查清单本身",
            "a list of projects alone: nothing imported",
        )
    _sheets_within_limit(len(sub.form3s))  # at least: before the layout work a refused result would waste
    result = ImportResult(src, None, sub, source_year=sub.year)
    carry = year is None or year == sub.year  # the year stays: the source's own 上年指标值 stay with it
    labels = _labels()

    word = src.suffix.lower() in WORD | WORD_OLD
    for form in sub.forms():
        _drop_label_values(form)
    converted = sum(_numbers(form) for form in sub.forms())
    for form in sub.forms():
        n, notes = _amounts(form, word, grid.sheet(form.sheet))
        converted += n
        result.notes += notes
    if converted:
        result.changes.append(f"{converted} 个以文字写成的金额/指标值已转为数字")
    result.notes += _task_contents(sub, reading.structure, word)
    for form in sub.forms():
        renamed = _standard_level1(form, word, grid.sheet(form.sheet))
        result.notes += renamed
        if renamed:
            names = "、".join(f"「{norm(n.text)}」" for n in renamed)
            result.changes.append(f"{form.sheet} 的指标层级名称 {names} 按本模板的名称写入（原名见「导入备注」）")
    in_yuan: set[int] = set()  # forms whose amounts were converted from 元
    for form in sub.forms():
        sheet = grid.sheet(form.sheet)
        if sheet is not None and any(_YUAN.match(norm(str(v))) for _, _, v in _cells(sheet)):
            before = {key: _get(form, key) for key in AMOUNT_FIELDS[_kind(form)]}
            rows_before = {t: [item.amount for item in getattr(form, t, [])] for t in ("funds", "details")}
            n = _to_wan(form)
            for key, was in before.items():
                if was != _get(form, key) and form.cell(key):
                    why = f"{FIELD_NAMES.get(key, key)}：原文 {was}（元），按 {_get(form, key)}（万元）填入"
                    result.notes.append(Note(form.sheet, form.cell(key), str(was), why, word))
            for table, amounts in rows_before.items():
                for i, (was, item) in enumerate(zip(amounts, getattr(form, table, []), strict=True)):
                    ref = form.place.row_cell(table, i, "amount")
                    if was != item.amount and ref:
                        why = f"{TABLE_NAMES[table]}金额：原文 {was}（元），按 {item.amount}（万元）填入"
                        result.notes.append(Note(form.sheet, ref, str(was), why, word))
            if n:
                in_yuan.add(id(form))
                result.changes.append(f"{form.sheet} 的金额单位为「元」：{n} 个金额已换算为万元（÷10000），请核对")

    maps: dict[str, list[Recognised]] = {}
    for m in reading.structure.maps:
        maps.setdefault(m.sheet, []).append(m)
    noted = {(n.source, n.cell) for n in result.notes}
    # Account for every source cell.
    inline: list[tuple[int, str, str]] = []  # (form, field, source cell) read from 「标签：值」 text
    by_sheet: dict[str, list[model.Form]] = {}
    for form in sub.forms():
        by_sheet.setdefault(form.sheet, []).append(form)
    for sheet in grid.sheets:
        if sheet.name in HELPER_SHEETS and sheet.name != NOTES_SHEET:
            continue  # our own helper sheets (校验结果, xlwings.conf …) are made again
        forms = by_sheet.get(sheet.name, [])
        if not forms:
            if sheet.hidden:
                why = "隐藏的工作表，不是附表，未导入"
            elif identify(sheet) is not None:
                why = "重复的附表，只导入了第一张，此表未导入"
            else:
                why = "未能识别为附表1、附表2或附表3，未导入"
            result.notes += [Note(sheet.name, _ref(r, c), str(v), why, word) for r, c, v in _cells(sheet)]
            continue
        # several forms may stand on one sheet, one under another: each cell belongs to the form above it
        stacked = [
            (fmap.rows[0], form, fmap, _consumed(form), _unplaced_columns(fmap, form, carry))
            for form, fmap in zip(forms, maps.get(sheet.name, []), strict=False)
        ]
        for r, c, value in _cells(sheet):
            _, form, fmap, consumed, unplaced = next((p for p in reversed(stacked) if p[0] <= r), stacked[0])
            if (r, c) in unplaced and (r, c) not in _joined_into_value(form, r, c, value, fmap):
                result.notes.append(Note(sheet.name, _ref(r, c), str(value), unplaced[(r, c)], word))
                continue
            if (r, c) in consumed:
                if isinstance(value, str) and _INLINE.search(value) and _inline(form, value)[1]:
                    continue  # 「填表人：张三 联系电话：…」 read by the reader, every part held
                what = consumed[(r, c)]
                held = _carried(form, what, r, value)
                if not held and id(form) in in_yuan:  # an amount in 元, held in 万元
                    held = _carried(form, what, r, _in_wan(value))
                if not held and (sheet.name, _ref(r, c)) in noted:
                    continue  # an amount with its unit, already listed with the number it became
                if not held:
                    name = FIELD_NAMES.get(what) or TABLE_NAMES.get(what, "")
                    why = f"{name}：本模板没有此栏，未导入"
                    if what == "indicators" and (written := _written_value(form, r, c)) is not None:
                        why = f"指标值：原文「{value}」，新表中写为「{written}」（系统打印格式的规范写法）"
                    parts = _held_parts(form, value)
                    if parts:  # 「单位负责人签字：… 日期：…」: some parts were read, not all
                        why = "只导入了其中的 " + "、".join(FIELD_NAMES[k] for k in parts)
                    result.notes.append(Note(sheet.name, _ref(r, c), str(value), why, word))
                continue
            text = str(value)
            placed, ok = _inline(form, text)
            inline.extend((id(form), key, _ref(r, c)) for key, _ in placed)
            if ok or (not placed and _is_label(text, labels) and not _NUMBERED.match(text)):
                continue  # a label of our vocabulary: the template prints its own
            why = "不在表格的标准位置"
            if placed:
                why = "只导入了其中的 " + "、".join(FIELD_NAMES.get(k, k) for k, _ in placed)
            result.notes.append(Note(sheet.name, _ref(r, c), text, why, word))

    if _order_funds(sub):
        result.changes.append("附表3 按附表2 所列专项的顺序排列")
    if year is not None and sub.year is None:  # no year to move on: the titles take it
        result.changes += _set_year(sub, year)
    own = [f3 for f3 in sub.form3s if _blank(f3.parent_name) and _blank(f3.parent_amount) and not _blank(f3.direction)]
    for f3 in own:  # a 项目 form has no 所属专项: the project is its own 专项, as on the seed's forms
        f3.parent_name, f3.parent_amount = f3.direction, f3.project_amount
    if own:
        result.changes.append(f"{len(own)} 张附表3 没有「所属专项」：按项目本身填写（名称、金额同支出方向）")
    result.notes += _our_level_names(sub, word)
    given = _mark_not_given(sub) + _mark_cut_dimensions(sub, reading.structure)
    if given:
        result.changes.append(f"源文件没有的部分标为「{NOT_GIVEN}」（校验不检查这些部分）：" + "；".join(given))
    declaration = sub.form1 is None and sub.form2 is None and bool(sub.form3s)
    blank = blank_submission(sub.year) if sub.year else _undated(blank_submission())
    if declaration:
        result.changes.append("源文件只有项目表：作为项目申报导入，不生成附表1、附表2")
    elif sub.form1 is None:
        sub.form1 = blank.form1
        result.changes.append("源文件中没有附表1：新工作簿中为空白附表1（标准指标框架）")
    if declaration:
        pass
    elif sub.form2 is None and sub.form3s:
        sub.form2 = _form2_of(sub.form3s, blank.form2)
        result.changes.append(f"源文件中没有附表2：按 {len(sub.form3s)} 张附表3 生成（与「同步汇总」相同）")
    elif sub.form2 is None:
        sub.form2 = blank.form2
        result.changes.append(_form2_not_given(sub.form2, sub.form1))
    fields = _mark_fields_not_given(sub, reading.structure, grid)
    if fields:
        said = f"源文件没有的栏目标为「{NOT_GIVEN}」（校验不检查，填写后即照常检查）："
        result.changes.append(said + "；".join(fields))

    titles = {  # the template's
        "form1": blank.form1.title,
        "form2": blank.form2.title,
        "form3": f"{sub.year or ''}年项目支出绩效目标表".lstrip("年"),
    }
    for form in sub.forms():  # our layout finds every form by its title
        kind, old = _kind(form), form.title
        if _blank(old):
            form.title = titles[kind]
            result.changes.append(f"{form.sheet or FORM_NAMES[kind]} 没有标题：新表标题为「{form.title}」")
        elif not _title_found(kind, old):  # 「…部门整体支出绩效目标」 with no 表: our layout would not find it
            new = f"{str(old).strip()}表"
            form.title = new if _title_found(kind, new) else titles[kind]
            why = f"标题：新表标题为「{form.title}」（本模板按标题找表）"
            result.notes.append(Note(form.sheet, form.place.cell("title") or "A1", str(old), why, word))
            result.changes.append(f"{form.sheet} 标题：「{old}」→「{form.title}」")
    specs = specs_for(sub, declaration=declaration)
    name1, name2, names3 = sheet_names(sub)
    targets = {id(sub.form1): name1, id(sub.form2): name2}
    targets.update({id(f3): n for f3, n in zip(sub.form3s, names3, strict=True)})
    cached = {(s.name, p.row, p.col): p.value for s in specs for p in s.puts if p.formula}
    for form in sub.forms():
        if not form.sheet:
            continue  # made here, not read
        kind = _kind(form)
        layout: FormLayout = LAYOUTS[kind]
        target = targets[id(form)]
        new_place = plan(layout, counts(form)).placement()
        fmap = FormMap(form.sheet, target, kind)
        if carry:
            result.priors += _carried_priors(form, target, new_place)
        source_grid = grid.sheet(form.sheet)
        for key, ref in form.place.fields.items():
            r, c = _rc(ref)
            if source_grid is None or source_grid.value(r, c) in (None, ""):
                continue
            fmap.fields.append(f"{FIELD_NAMES.get(key, key)} {ref}→{new_place.cell(key)}")
        for form_id, key, ref in inline:
            if form_id == id(form):
                fmap.fields.append(f"{FIELD_NAMES.get(key, key)} {ref}（「标签：值」）→{new_place.cell(key)}")
        for key, rows in form.place.rows.items():
            if rows:
                new_rows = new_place.rows.get(key, [])
                fmap.tables.append(f"{TABLE_NAMES.get(key, key)} {len(rows)} 行：{_span(rows)} → {_span(new_rows)}")
        for cell in layout.formula_cells():
            if not cell.key:
                continue
            written = _get(form, cell.key)
            new_ref = new_place.cell(cell.key)
            if written in (None, "") or not new_ref:
                continue
            r, c = _rc(new_ref)
            value = cached.get((target, r, c))
            if not _same_number(written, value):
                source_ref = form.place.cell(cell.key) or "?"
                result.notes.append(
                    Note(
                        form.sheet,
                        source_ref,
                        str(written),
                        f"{target}!{new_ref}（{FIELD_NAMES.get(cell.key, cell.key)}）在新表中是公式，"
                        f"计算结果为 {value}，与原表所填不同",
                        word,
                    )
                )
        result.forms.append(fmap)
    dept = str(sub.form1.department) if sub.form1 and sub.form1.department else ""
    title = f"{sub.year or ''}年预算绩效目标表 {dept}".strip()
    return result, specs, title


def _carried_priors(form: model.Form, target: str, place: model.Placement) -> list[tuple[CellValue, ...]]:
    """The 「上年指标值」 rows of the source's own 上年指标值 for ``form``, at its new cells; a reason
    written beside the value (下调原因, 指标值设定依据, 备注 … which our template has no column for) goes
    to 下调原因, so the new workbook reads as the source did."""
    from xladdin.history import reason_of

    rows: list[tuple[CellValue, ...]] = []
    for i, ind in enumerate(getattr(form, "indicators", [])):
        if not (_blank(ind.name) or _blank(ind.prior)):  # a reason beside it (设定依据 …) stays beside it
            reason = reason_of(ind)
            rows.append((target, place.row_cell("indicators", i, "value"), ind.name, ind.prior, reason or ""))
    return rows


def _title_found(kind: str, title: CellValue) -> bool:
    """Whether our layout finds a form by this title (its title anchor stands in it)."""
    for sec in LAYOUTS[kind].sections:
        if isinstance(sec, Rows) and any(cell.key == "title" for row in sec.rows for cell in row):
            return anchor_matches(sec.anchor, title, contains=sec.contains)
    return True


def _rc(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return (int(m.group(2)), _col(m.group(1))) if m else (0, 0)


def _same_number(a: CellValue, b: CellValue) -> bool:
    try:
        return abs(Decimal(str(a)) - Decimal(str(b))) <= NUMBER_TOLERANCE
    except (InvalidOperation, ValueError):
        return str(a).strip() == str(b).strip()


def notes_rows(result: ImportResult) -> list[list[str]]:
    from xladdin.io.xlsx import DEFAULT_LIMITS

    rows = [NOTES_HEADER]
    rows += [[n.where, n.text[: DEFAULT_LIMITS.cell_chars], n.why] for n in result.notes]
    return rows


def _sheets_within_limit(forms: int) -> None:
    """``forms`` sheets and 导入备注: more than ``validate`` reads is refused, nothing written."""
    from xladdin.io import xlsx

    sheets, limit = forms + 1, xlsx.DEFAULT_LIMITS.sheets
    if sheets > limit:
        raise ImportRefused(
            f"导入结果将有 {sheets:,} 张工作表，超过校验能读取的 {limit:,} 张；未写入，请分成几个文件导入"
        )


def _within_limits(specs: list, result: ImportResult) -> None:
    """Before anything is written: a result that ``validate`` would refuse (too many sheets or rows)
    is refused now; a text longer than a cell holds is cut and the rest listed where it was cut."""
    from xladdin.io.xlsx import DEFAULT_LIMITS as limits

    _sheets_within_limit(len(specs))
    for spec in specs:
        if spec.last_row > limits.rows:
            raise ImportRefused(
                f"导入后工作表「{spec.name}」将有 {spec.last_row:,} 行，超过校验能读取的 {limits.rows:,} 行；未写入"
            )
        for put in spec.puts:
            if isinstance(put.value, str) and len(put.value) > limits.cell_chars:
                rest = put.value[limits.cell_chars :]
                why = (
                    f"单元格最多 {limits.cell_chars:,} 个字符，原文 {len(put.value):,} 个："
                    f"从第 {limits.cell_chars + 1:,} 个字符起未放入（列在此处）"
                )
                result.notes.append(Note(spec.name, put.ref, rest, why))
                put.value = put.value[: limits.cell_chars]


def import_file(src: str | Path, out: str | Path, year: int | None = None) -> ImportResult:
    """Import ``src`` into a new workbook ``out`` (never overwritten; written atomically)."""
    from xladdin.build.template import write_xlsm
    from xladdin.build.workbook import write_xlsx
    from xladdin.io.save import atomic_create

    out = Path(out)
    if out.suffix.lower() not in (".xlsm", ".xlsx"):
        raise ImportRefused(f"输出文件须为 .xlsm（含宏和功能区）或 .xlsx：{out.name}")
    if out.exists() or out.is_symlink():
        raise ImportRefused(f"文件「{out}」已存在，不会覆盖：请换一个文件名，或先移走原文件")
    if Path(src).resolve() == out.resolve():
        raise ImportRefused("输出文件不能与源文件相同")
    result, specs, title = plan_import(Path(src), year)
    _within_limits(specs, result)
    extra = [(NOTES_SHEET, notes_rows(result), False, NOTES_WIDTHS, True)] if result.notes else []

    def write(tmp: Path) -> None:
        if out.suffix.lower() == ".xlsm":
            write_xlsm(specs, tmp, title, extra_sheets=extra)
        else:
            write_xlsx(specs, tmp, title=title, extra_sheets=extra)

    from xladdin.history import prior_rows, sheet_rows
    from xladdin.reader import read_workbook

    old = result.source_year
    origin = f"导入自「{Path(src).name}」。"
    if (year is None or old == year) and result.priors:  # the source's own 上年指标值, at the new cells
        own = f"取自源文件「{Path(src).name}」的上年指标值。"
        kept = _prior_sheet(out, write, lambda _: sheet_rows(result.priors, own))
        result.changes.append(f"源文件中的 {kept} 个上年指标值保留在「上年指标值」工作表（连同下调原因）")
    elif year is None or old == year:
        atomic_create(out, write)
    elif old is None:  # the titles took the year: last year's form, its values kept as 上年指标值
        kept = _prior_sheet(out, write, lambda staged: prior_rows(read_workbook(staged).submission, origin))
        result.changes.append(
            f"源文件没有写明预算年度：按 {year} 年度的上一年的表导入，{_kept_line(kept)}"
            "（若源文件不是上年的表，删除「上年指标值」工作表即可）"
        )
    else:  # another budget year: moved on as 转入下一年度 moves it, every mention, listed on 转年说明
        from xladdin.commands.rollover import RolloverError, rollover_file

        with tempfile.TemporaryDirectory(prefix="xladdin-import-") as tmp:
            staged = atomic_create(Path(tmp) / f"imported{out.suffix}", write)
            try:
                moved = rollover_file(staged, out, year, origin=origin)
            except RolloverError as err:
                raise ImportRefused(str(err)) from None
        result.changes.append(
            f"各表中的年度由 {old} 顺延到 {year}（与「转入下一年度」相同）：改动 {len(moved.changed)} 处，"
            f"另有 {len(moved.lines) - len(moved.changed)} 处年份未改动请核对，清单见「转年说明」工作表"
        )
        if year > old:
            result.changes.append(_kept_line(_prior_count(moved.plan.edits)))
    result.out = out
    return result


def _prior_sheet(out: Path, write: Callable[[Path], None], rows_of: Callable[[Path], tuple]) -> int:
    """Write the import to ``out`` with a 「上年指标值」 sheet as rollover writes it: ``rows_of(staged)``
    gives the sheet's rows (``history.sheet_rows``), keyed by the new workbook's cells. Returns how many
    values it holds."""
    from xladdin.edits import NoteSheet, RefreshSelfCheck
    from xladdin.history import SHEET, WIDTHS
    from xladdin.io.openpyxl_writer import copy_with_edits
    from xladdin.io.save import atomic_create

    with tempfile.TemporaryDirectory(prefix="xladdin-import-") as tmp:
        staged = atomic_create(Path(tmp) / f"imported{out.suffix}", write)
        rows = rows_of(staged)
        copy_with_edits(staged, out, [NoteSheet(SHEET, rows, WIDTHS), RefreshSelfCheck()])
    return len(rows) - 2


def _prior_count(edits: list) -> int:
    from xladdin.edits import NoteSheet
    from xladdin.history import SHEET

    return next((len(e.rows) - 2 for e in edits if isinstance(e, NoteSheet) and e.name == SHEET), 0)


def _kept_line(count: int) -> str:
    return f"原表的 {count} 个指标值保留在「上年指标值」工作表：校验时核对今年的目标是否低于上年"


def default_target(src: Path) -> Path:
    """Where the ribbon writes: beside the source, 「<name>-导入.xlsm」, numbered if taken."""
    from xladdin.io.save import unused_name

    return unused_name(lambda n: src.with_name(f"{src.stem}-导入{f'({n})' if n > 1 else ''}.xlsm"))


# --- CLI ----------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from xladdin.cli_base import EXIT_OK, UserError
    from xladdin.io.save import SaveRefused

    if args.year is not None and not 2000 <= args.year <= 2100:
        raise UserError(f"年度 {args.year} 不合理（应为 2000–2100）", "year out of range")
    try:
        result = import_file(Path(args.source), Path(args.out), args.year)
    except (ImportRefused, SaveRefused) as err:
        raise UserError(str(err), "nothing written") from None
    print("\n".join(result.report_lines()))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    from xladdin.cli_zh import command

    p = command(
        sub,
        "import",
        "导入旧表：Word 或其他格式的工作簿 → 本模板的工作簿",
        [
            ("xladdin import 2023年绩效目标表.docx --out 2023年绩效目标表.xlsm", "把 Word 表格转为本模板的工作簿"),
            (
                "xladdin import 2023年绩效目标表.xls --out 2024年绩效目标表.xlsm --year 2024",
                "导入上年的表，转入 2024 年度（原表的指标值保留为上年指标值）",
            ),
        ],
    )
    p.add_argument("source", metavar="源文件", help=".docx/.doc（Word 表格）或 .xlsx/.xlsm/.xls/.ods 工作簿")
    p.add_argument("--out", required=True, help="新工作簿 .xlsm（不会覆盖已有文件）")
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help="转入的预算年度：各表中的年度与 rollover 一样顺延（清单见「转年说明」工作表）。"
        "此年度晚于源文件的年度（或源文件没有写明年度）时，源文件按上年的表导入：各指标的指标值"
        "保留在「上年指标值」工作表，校验时核对目标是否低于上年；不给 --year、年度相同或更早时不保留"
        "（不给 --year 或年度相同时，源文件自带的上年指标值照原样保留）",
    )
    p.set_defaults(func=cmd_import)
