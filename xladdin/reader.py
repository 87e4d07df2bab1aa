"""Plain values (sheet → rows of cells) → the typed model, by the layouts. No engine here."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from xladdin import model
from xladdin.formmap import ColumnAt, FormMap, TableAt
from xladdin.history import REASON_HEADER, read_priors
from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.layout import LAYOUTS, Table
from xladdin.layout.base import col_index, col_letter, forget_texts
from xladdin.layout.vocabulary import header_key, polarity_header
from xladdin.model import CellValue
from xladdin.recognise import (
    HELPER_SHEETS,
    blank,
    cell_value,
    header_text,
    identify,
    join_value,
    level_value,
    map_form,
    printed_value,
    split_forms,
)

_YEAR = re.compile(r"(20\d{2})\s*年")
_FORMS = {"form1": model.Form1, "form2": model.Form2, "form3": model.Form3}


@dataclass
class Structure:
    """What the reader noticed about the workbook's shape (rules turn these into findings)."""

    missing: list[tuple[str, str, str]] = field(default_factory=list)  # (sheet, form, anchor)
    unknown_sheets: list[str] = field(default_factory=list)
    uncomputed: list[tuple[str, str, str]] = field(default_factory=list)  # (sheet, cell, formula)
    hidden: list[str] = field(default_factory=list)
    formulas_known: bool = True
    maps: list[FormMap] = field(default_factory=list)  # what recognition understood, one per form
    #: (sheet, cell, note): a form recognition could not read as a table (a prose notice), said once
    notices: list[tuple[str, str, str]] = field(default_factory=list)
    #: (sheet, cell, note): a form whose indicators are an outline read with levels or values not certain
    outlines: list[tuple[str, str, str]] = field(default_factory=list)


class Reading(NamedTuple):
    """What reading a workbook gives: the model, what recognition understood, the cells."""

    submission: model.Submission
    structure: Structure
    grid: BookGrid


_EXTRA_FIELDS = {"direction": "operator", "weight": "weight", "explanation": "explanation", "scoring": "scoring"}
_EXTRA_FIELDS.update({"formula": "formula", "prior": "prior"})


def _is_reason_column(c: ColumnAt) -> bool:
    """指标值设定依据, or another column whose header says it explains (备注, 说明 …), not a value column."""
    header = c.header or ""
    return c.key == "basis" or (c.key == "extra" and header_key(header) is None and bool(REASON_HEADER.search(header)))


def fill(fmap: FormMap, sheet: SheetGrid) -> model.Form:
    """The model of the form ``fmap`` maps, read from ``sheet`` in one pass over the map."""
    layout = LAYOUTS[fmap.kind]
    form = _FORMS[fmap.kind]()
    place = model.Placement()
    for key, f in fmap.fields.items():
        _set(form, key, f.value if fmap.template else _typed_amount(key, f.value))
        place.fields[key] = f.cell
    for key, t in fmap.tables.items():
        if key == "period_indicators":  # a foreign form's 长期 block: read for the rules, in no table of ours
            scratch = model.Form3()
            _fill_indicators(scratch, t, sheet)
            form.period_indicators = scratch.indicators  # type: ignore[attr-defined]
            place.read_only[key] = (list(t.rows), t.keyed())
            continue
        if key == "indicators":
            _fill_indicators(form, t, sheet)  # type: ignore[arg-type]
        else:
            _fill_table(form, layout.table(key), t, sheet, typed=not fmap.template)
        place.rows[key] = list(t.rows)
        place.columns[key] = t.keyed()
    place.formulas = {f"{_letter(c)}{r}": f for (r, c), f in sheet.formulas.items()}
    place.found = set(fmap.found)
    form.place = place
    form.sheet = sheet.name
    form.profile = fmap.profile
    return form


#: The amount fields of the model (万元).
_AMOUNT_FIELDS = frozenset(
    {"total", "general_budget", "gov_fund", "other_funds", "basic", "project", "project_amount", "parent_amount"}
    | {"period_amount", "detail_total", "total.amount"}
)
_PLAIN_AMOUNT = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _typed_amount(key: str, value: CellValue) -> CellValue:
    """An amount of a form not laid out as our template that is a number typed as text (「500」「500.00」
    「1,184.26」: a system export, a copy of a published table, a Word table hold numbers as text) is
    read as the number it is: no formula of ours adds it up, the reviewer reads 500."""
    return _number_typed(value) if key in _AMOUNT_FIELDS else value


def _number_typed(value: CellValue) -> CellValue:
    if isinstance(value, str) and _PLAIN_AMOUNT.fullmatch(value.strip()):
        text = value.strip().replace(",", "")
        return float(text) if "." in text else int(text)
    return value


def _fill_table(form: model.Form, sec: Table, t: TableAt, sheet: SheetGrid, typed: bool = False) -> None:
    """The items of table ``sec``; with ``typed`` (a form not laid out as ours) an amount typed as text
    is read as its number, as the form's amount fields are (its 合计 and its lines agree)."""
    cls = getattr(model, sec.item)
    cols = {c.key: col_index(c.col) for c in t.columns}
    items = []
    previous: dict[str, object] = {}
    for row in t.rows:
        item = cls()
        for cell in sec.columns:
            if not cell.key or cell.key not in cols:
                continue
            value = sheet.value(row, cols[cell.key])
            if value is None and sec.key == "funds" and t.cue == "header":
                value = _merged_down(sheet, t.header_row, row, cols[cell.key])  # one goal over many items
            if cell.key in sec.fill_down and value in (None, ""):
                value = previous.get(cell.key)
            previous[cell.key] = value
            setattr(item, cell.key, _number_typed(value) if typed and cell.key == "amount" else value)
        items.append(item)
    setattr(form, sec.key, items)


def _merged_down(sheet: SheetGrid, header_row: int, r: int, c: int) -> object:
    """The value of a merge down a foreign list's items that (r, c) lies in (not the header's)."""
    span = sheet.merge_at(r, c)
    return sheet.value(span[0], c) if span is not None and span[1] == c and span[0] > header_row else None


def _fill_indicators(form: model.Form1 | model.Form3, t: TableAt, sheet: SheetGrid) -> None:
    """Every indicator row with all its columns: 一级/二级/三级/指标值/绩效标准, the operator and the
    unit (joined into the value as a reviewer reads it), 权重, 指标解释, 评(扣)分标准 …, and each
    further value column (per period, place or sub-item) under its header in ``extra``. Other
    columns stay in the form map, where import and inspect find them; the text of one that explains a
    value (指标值设定依据, 备注, 说明 …) is also kept in ``extra`` under its header."""
    if t.texts:  # read from prose: the texts recognition cut out of each paragraph
        form.indicators = [
            model.Indicator(level1=x.get("level1"), level2=x.get("level2"), name=x.get("name"), value=x.get("value"))
            for x in t.texts
        ]
        return
    cols = {c.key: col_index(c.col) for c in t.columns if c.key != "extra"}
    extras: list[tuple[str, int, bool]] = []
    seen: set[str] = set()
    for c in t.columns:  # further value columns: one per place or sub-item, a 中期 value beside the year's
        if c.key == "extra" and (c.cue == "sub" or header_key(c.header) == "value"):
            name = c.header or c.col
            name = f"{c.period}{name}" if c.period else name  # 「中期」 over 「指标值(或计划水平)」
            name = f"{name}({c.col}列)" if name in seen else name
            seen.add(name)
            extras.append((name, col_index(c.col), c.cue == "sub"))
    reasons = [(c.header or "指标值设定依据", col_index(c.col)) for c in t.columns if _is_reason_column(c)]
    # where the form says whether a value is 定量 or 定性: its operator's column (指标性质 「定性」), or a
    # 指标值类型 column kept beside the operator's
    typed = [col_index(c.col) for c in t.columns if c.key == "direction"]
    typed += [col_index(c.col) for c in t.columns if c.key == "extra" and polarity_header(c.header)]
    joined = "unit" in cols or "direction" in cols
    items: list[model.Indicator] = []
    prev: dict[str, CellValue] = {}
    kind = "form3" if isinstance(form, model.Form3) else "form1"
    for r in t.rows:
        ind = model.Indicator()
        for key in ("level1", "level2", "name", "value", "standard"):
            if key in cols:
                setattr(ind, key, cell_value(sheet, r, cols[key]))
        if "level2" in cols and not t.ours:  # a name spanning 一级 and 二级 is both
            ind.level2 = level_value(sheet, r, cols["level2"], cols.get("level1"))
        for key in ("level1",) if t.ours else ("level1", "level2"):
            if blank(getattr(ind, key)):
                setattr(ind, key, prev.get(key))
            prev[key] = getattr(ind, key)
        for key, attr in _EXTRA_FIELDS.items():
            if key in cols:
                setattr(ind, attr, cell_value(sheet, r, cols[key]))
        for name, c, _ in extras:
            ind.extra[name] = cell_value(sheet, r, c)
        for name, c in reasons:  # 指标值设定依据, 备注 …: what explains a value (「目标值低于上年」 reads it)
            if not blank(reason := cell_value(sheet, r, c)):
                ind.extra.setdefault(name, reason)
        ind.value_type = next((k for c in typed if (k := _value_type(cell_value(sheet, r, c)))), None)
        if not t.ours:
            if header_text(kind, ind.value):
                ind.value = None  # a header text is never a value
            ind.value = printed_value(ind.value)
            if blank(ind.value):  # one value column per place or sub-item: any of them
                ind.value = next((ind.extra[n] for n, _, sub in extras if sub and not blank(ind.extra[n])), ind.value)
        if joined:
            ind.unit = cell_value(sheet, r, cols["unit"]) if "unit" in cols else None
            ind.value = join_value(ind.value, ind.unit, ind.operator if "direction" in cols else None)
        items.append(ind)
    form.indicators = items


def _value_type(value: CellValue) -> str | None:
    """「定量」 or 「定性」 where a cell says which (「定性指标」 too), else None."""
    text = "".join(str(value).split()) if isinstance(value, str) else ""
    return text[:2] if text in ("定量", "定性", "定量指标", "定性指标") else None


def _letter(col: int) -> str:
    return col_letter(col)


def _set(form: model.Form, key: str, value: object) -> None:
    obj: object = form
    parts = key.split(".")
    for part in parts[:-1]:
        obj = getattr(obj, part)
    setattr(obj, parts[-1], value)


def read_grid_model(grid: BookGrid) -> Reading:
    """The submission in ``grid``. Raises :class:`ReadError` when it holds no 附表 at all."""
    from xladdin.selfcheck.cells import strip_grid

    forget_texts()  # a new workbook: nothing worked out on another one is kept
    strip_grid(grid)  # the 自查 cells beside the titles are no form content
    sub = model.Submission(path=grid.path, sheet_names=[s.name for s in grid.sheets])
    structure = Structure(formulas_known=grid.formulas_known)
    for sheet in grid.sheets:
        if sheet.hidden:
            structure.hidden.append(sheet.name)
        kind = identify(sheet)
        if kind is None:
            if not sheet.hidden and sheet.name not in HELPER_SHEETS:
                structure.unknown_sheets.append(sheet.name)
            continue
        for r, c in sorted(sheet.uncomputed):
            structure.uncomputed.append((sheet.name, f"{_letter(c)}{r}", sheet.formulas[(r, c)]))
        for part, first, last in split_forms(sheet, kind):
            fmap = map_form(kind, part)
            fmap.rows = (first, last)
            structure.maps.append(fmap)
            _add(sub, structure, fill(fmap, part))
            if (note := fmap.structure_note()) is not None:
                title = fmap.fields.get("title")
                structure.notices.append((sheet.name, title.cell if title else "A1", note))
            if fmap.outline_note:
                table = fmap.tables.get("indicators")
                first = f"{table.columns[0].col}{table.rows[0]}" if table and table.rows else "A1"
                structure.outlines.append((sheet.name, first, fmap.outline_note))
            for anchor in dict.fromkeys(fmap.missing):
                structure.missing.append((sheet.name, kind, anchor))
    if sub.form1 is None and sub.form2 is None and not sub.form3s:
        raise ReadError(
            "工作簿中找不到附表1、附表2或附表3（不是绩效目标表）",
            "no 附表1/附表2/附表3 sheet found: not a performance-target workbook",
        )
    sub.year = _year(sub)
    read_priors(grid, sub)  # last year's values, where rollover kept them
    return Reading(sub, structure, grid)


def _add(sub: model.Submission, structure: Structure, form: model.Form) -> None:
    """One more form read: the first 附表1/附表2 is the submission's, a second one an unknown sheet."""
    if isinstance(form, model.Form1):
        if sub.form1 is None:
            sub.form1 = form
        else:
            structure.unknown_sheets.append(form.sheet)
    elif isinstance(form, model.Form2):
        if sub.form2 is None:
            sub.form2 = form
        else:
            structure.unknown_sheets.append(form.sheet)
    else:
        sub.form3s.append(form)  # type: ignore[arg-type]


def _year(sub: model.Submission) -> int | None:
    for form in sub.forms():
        m = _YEAR.search(str(form.title or ""))
        if m:
            return int(m.group(1))
    return None


def read_workbook(path: str | Path, unread: Collection[str] = ()) -> Reading:
    """Read an .xlsx/.xlsm file (never writes it); the cells of the sheets named in ``unread`` are
    left unread (see :func:`xladdin.io.xlsx.read_grid`)."""
    from xladdin.io.xlsx import DEFAULT_LIMITS, read_grid

    grid = read_grid(path, unread=unread)
    for sheet in grid.sheets:
        if sheet.cut_row and not sheet.hidden:  # not silently: a form read in part misleads every rule
            limit = DEFAULT_LIMITS.rows
            raise ReadError(
                f"工作表「{sheet.name}」第 {sheet.cut_row:,} 行还有内容，超过读取上限 {limit:,} 行；"
                "请删除多余的行（或把数据移到另一个工作簿）后再校验",
                f"sheet has content past row {limit:,}",
            )
    return read_grid_model(grid)
