"""Plain values (sheet → rows of cells) → the typed model, by the layouts. No engine here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from xladdin import model
from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.layout import LAYOUTS, FormLayout, Table, norm
from xladdin.layout.base import col_index, col_letter
from xladdin.layout.place import Plan, locate

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


#: Sheets the tool itself adds; never forms, never reported.
HELPER_SHEETS = (
    "校验结果",
    "规则说明",
    "_xladdin_marks",
    "xlwings.conf",
    "_xlwings.conf",
    "转年说明",  # rollover's list of changes
    "指标建议",  # suggest's list of what it wrote
)


def identify(sheet: SheetGrid) -> str | None:
    """Which form a sheet holds: by its 附表N marker or its title in column A, else its name."""
    if sheet.name in HELPER_SHEETS:
        return None
    top = [norm(row[0]) for row in sheet.rows[:6] if row and row[0] not in (None, "")]
    for text in top:
        for key, layout in LAYOUTS.items():
            if text == layout.marker:
                return key
    for text in top:
        for key, layout in LAYOUTS.items():
            if layout.title_words in text:
                return key
    name = norm(sheet.name)
    for key, layout in LAYOUTS.items():
        if name.startswith(layout.marker):
            return key
    return None


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
        for row in at.data:
            item = cls()
            for cell in sec.columns:
                if not cell.key:
                    continue
                value = sheet.value(row, col_index(cell.col))
                if cell.key in sec.fill_down and value in (None, ""):
                    value = previous.get(cell.key)
                previous[cell.key] = value
                setattr(item, cell.key, value)
            items.append(item)
        setattr(form, sec.key, items)
    place.formulas = {f"{_letter(c)}{r}": f for (r, c), f in sheet.formulas.items()}
    form.place = place
    form.sheet = sheet.name


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
        layout = LAYOUTS[kind]
        plan = locate(layout, sheet.rows)
        form = _FORMS[kind]()
        _fill(form, layout, plan, sheet)
        for anchor in plan.missing:
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
