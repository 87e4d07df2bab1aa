"""Plain values (sheet → rows of cells) → the typed model, by the layouts. No engine here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from xladdin import model
from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.layout import LAYOUTS, FormLayout, Rows, Table
from xladdin.layout.base import col_index, col_letter
from xladdin.layout.place import Plan, locate
from xladdin.layout.vocabulary import (
    FIELD_SECTIONS,
    FIELDS,
    REQUIRED,
    ROWS_SECTIONS,
    SECTION_KEYS,
    field_key,
    table_header_key,
)
from xladdin.model import CellValue
from xladdin.recognise import (
    HELPER_SHEETS,
    blank,
    cell_value,
    find_fields,
    identify,
    indicator_rows,
    join_value,
    placeholder,
    printed_value,
    title_cell,
    verified,
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


@dataclass
class Reading:
    submission: model.Submission
    structure: Structure
    grid: BookGrid


def _fill(form: model.Form, layout: FormLayout, plan: Plan, sheet: SheetGrid) -> None:
    place = plan.placement()
    for row, cell in plan.fixed_cells():
        if cell.key:
            _set(form, cell.key, sheet.value(row, col_index(cell.col)))
    for at in plan.sections:
        sec = at.section
        if not isinstance(sec, Table):
            continue
        cls = getattr(model, sec.item)
        items = []
        previous: dict[str, object] = {}
        cols = _table_columns(sec, sheet, at.start)
        place.columns[sec.key] = {k: _letter(c) for k, c in cols.items()}
        if at.total is not None and sec.total is not None:
            moved = {col_index(c.col): cols[c.key] for c in sec.columns if c.key in cols}
            for cell in sec.total:
                if cell.key and col_index(cell.col) in moved:
                    col = moved[col_index(cell.col)]
                    _set(form, cell.key, sheet.value(at.total, col))
                    place.fields[cell.key] = f"{_letter(col)}{at.total}"
        for row in at.data:
            item = cls()
            for cell in sec.columns:
                if not cell.key or cell.key not in cols:
                    continue
                value = sheet.value(row, cols[cell.key])
                if cell.key in sec.fill_down and value in (None, ""):
                    value = previous.get(cell.key)
                previous[cell.key] = value
                setattr(item, cell.key, value)
            items.append(item)
        setattr(form, sec.key, items)
    place.formulas = {f"{_letter(c)}{r}": f for (r, c), f in sheet.formulas.items()}
    form.place = place
    form.sheet = sheet.name


def _table_columns(sec: Table, sheet: SheetGrid, header_row: int) -> dict[str, int]:
    """Column of each key of a table: ours, or, when its header row names its columns otherwise
    (another bureau's 附表2 or 支出明细), where that header puts them."""
    ours = {c.key: col_index(c.col) for c in sec.columns if c.key}
    line = sheet.rows[header_row - 1] if 0 < header_row <= len(sheet.rows) else []
    named: dict[str, int] = {}
    for c, value in enumerate(line[:16], start=1):
        key = table_header_key(sec.key, value)
        if key in ours and key not in named:
            named[key] = c
    if len(named) < 2 or all(ours.get(k) == c for k, c in named.items()):
        return ours
    return named


def _read_indicators(
    form: model.Form1 | model.Form3, kind: str, layout: FormLayout, plan: Plan, sheet: SheetGrid, own: bool
) -> int | None:
    """Fill ``form.indicators`` from the table recognised by its label or its header (see
    :func:`xladdin.recognise.indicator_rows`). Returns the header row (0 when the table has no
    recognised header), None when the sheet has no indicator table."""
    at = plan.at("indicators")
    layout_cols = {k: col_index(c) for k, c in layout.table_columns("indicators").items()}
    table = indicator_rows(sheet, kind, at.start if at else None, at.data if at else [], layout_cols, own)
    place = form.place
    if table is None:
        place.rows.pop("indicators", None)
        form.indicators = []
        return None
    cols = dict(table.cols)
    if kind != "form3":
        cols.pop("standard", None)
    joined = "unit" in cols or "direction" in cols
    items: list[model.Indicator] = []
    prev: dict[str, CellValue] = {}
    rows = table.rows
    if not own:  # a foreign table: rows with nothing in any indicator column are no indicators
        rows = [r for r in rows if any(not placeholder(sheet.value(r, c)) for c in cols.values())]
    for r in rows:
        ind = model.Indicator()
        for key in ("level1", "level2", "name", "value", "standard"):
            if key in cols:
                setattr(ind, key, cell_value(sheet, r, cols[key]))
        for key in ("level1",) if own else ("level1", "level2"):
            if blank(getattr(ind, key)):
                setattr(ind, key, prev.get(key))
            prev[key] = getattr(ind, key)
        if not own:
            ind.value = printed_value(ind.value)
        if joined:
            ind.unit = cell_value(sheet, r, cols["unit"]) if "unit" in cols else None
            op = cell_value(sheet, r, cols["direction"]) if "direction" in cols else None
            ind.value = join_value(ind.value, ind.unit, op)
        items.append(ind)
    form.indicators = items
    place.rows["indicators"] = list(rows)
    place.columns["indicators"] = {k: _letter(c) for k, c in cols.items()}
    return table.header.row if table.header else 0


def _list_fields(
    kind: str, sheet: SheetGrid, header_row: int, form: model.Form, wanted: set[str]
) -> dict[str, tuple[int, int, CellValue]]:
    """A list-style form prints 项目名称 | 预算数 | 年度目标 as columns of the indicator header row:
    their values stand in the first indicator row."""
    rows = form.place.rows.get("indicators") or []
    out: dict[str, tuple[int, int, CellValue]] = {}
    if not rows:
        return out
    for c, value in enumerate(sheet.rows[header_row - 1][:16], start=1):
        key = field_key(kind, value)
        if key in wanted and key not in out:
            out[key] = (rows[0], c, cell_value(sheet, rows[0], c))
    return out


def _anchor_of(section: str, layout: FormLayout) -> str:
    for sec in layout.sections:
        if isinstance(sec, Table) and sec.key == section:
            return sec.anchor
        if isinstance(sec, Rows) and SECTION_KEYS.get(sec.anchor) == section:
            return sec.anchor
    return section


def _read_form(kind: str, sheet: SheetGrid) -> tuple[model.Form, list[str]]:
    """The form on ``sheet`` and the sections to report missing (anchors)."""
    layout = LAYOUTS[kind]
    plan = locate(layout, sheet.rows)
    found: set[str] = set()
    kept = []
    unverified = False
    for at in plan.sections:
        sec = at.section
        if isinstance(sec, Rows):
            if not verified(kind, sheet, sec, at.start):
                unverified = True
                continue
            key = SECTION_KEYS.get(sec.anchor, sec.anchor)
            found.add(key)
            found.update(ROWS_SECTIONS.get(key, ()))
        else:
            found.add(sec.key)
        kept.append(at)
    plan.sections = kept
    form = _FORMS[kind]()
    _fill(form, layout, plan, sheet)
    at = plan.at("indicators")
    own = "marker" in found and not unverified
    if isinstance(form, model.Form1 | model.Form3):
        header_row = _read_indicators(form, kind, layout, plan, sheet, own)
        if header_row is not None:
            found.add("indicators")
            own = own and at is not None and header_row == at.start
        else:
            found.discard("indicators")
            own = False
        if "standard" in form.place.columns.get("indicators", {}):
            found.add("standard")
        wanted = {k for k, sec in FIELD_SECTIONS.items() if k in FIELDS[kind] and sec not in found}
        if header_row:
            for key, (r, c, value) in _list_fields(kind, sheet, header_row, form, wanted).items():
                _set(form, key, value)
                form.place.fields[key] = f"{_letter(c)}{r}"
                found.add(FIELD_SECTIONS[key])
                wanted.discard(key)
        if wanted:
            skip = {r for rows in form.place.rows.values() for r in rows} | {header_row or 0}
            for key, (r, c, value) in find_fields(kind, sheet, wanted, skip).items():
                _set(form, key, value)
                form.place.fields[key] = f"{_letter(c)}{r}"
                found.add(FIELD_SECTIONS[key])
    if "title" not in found and (hit := title_cell(sheet)) is not None:
        r, c, value = hit
        form.title = value
        form.place.fields["title"] = f"{_letter(c)}{r}"
        found.add("title")
    if own:
        found.add("template")
        missing = list(plan.missing)
    else:
        missing = [_anchor_of(s, layout) for s in REQUIRED[kind] if s not in found]
    form.place.found = found
    return form, missing


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
    from xladdin.selfcheck.write import strip_grid

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
        form, missing = _read_form(kind, sheet)
        for anchor in dict.fromkeys(missing):
            structure.missing.append((sheet.name, kind, anchor))
        for r, c in sorted(sheet.uncomputed):
            structure.uncomputed.append((sheet.name, f"{_letter(c)}{r}", sheet.formulas[(r, c)]))
        if isinstance(form, model.Form1):
            if sub.form1 is None:
                sub.form1 = form
            else:
                structure.unknown_sheets.append(sheet.name)
        elif isinstance(form, model.Form2):
            if sub.form2 is None:
                sub.form2 = form
            else:
                structure.unknown_sheets.append(sheet.name)
        else:
            sub.form3s.append(form)  # type: ignore[arg-type]
    if sub.form1 is None and sub.form2 is None and not sub.form3s:
        raise ReadError(
            "工作簿中找不到附表1、附表2或附表3（不是绩效目标表）",
            "no 附表1/附表2/附表3 sheet found: not a performance-target workbook",
        )
    sub.year = _year(sub)
    return Reading(sub, structure, grid)


def _year(sub: model.Submission) -> int | None:
    for form in sub.forms():
        m = _YEAR.search(str(form.title or ""))
        if m:
            return int(m.group(1))
    return None


def read_workbook(path: str | Path) -> Reading:
    """Read an .xlsx/.xlsm file (never writes it)."""
    from xladdin.io.xlsx import read_grid

    return read_grid_model(read_grid(path))
