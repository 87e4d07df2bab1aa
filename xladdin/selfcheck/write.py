"""Put a :class:`~xladdin.selfcheck.plan.SelfCheck` into a workbook (XlsxWriter while building,
openpyxl when editing a file), take it out again for export, and skip it when reading."""

from __future__ import annotations

from typing import Any

from xladdin.selfcheck.cells import SHEET, is_selfcheck_formula
from xladdin.selfcheck.checks import F2_KEY, F2_TOTAL, F3_KEY, F3_PARENT, F3_PROJECT, ON
from xladdin.selfcheck.plan import SelfCheck

#: The defined names the self-check owns (export removes them).
NAMES = (ON, F3_KEY, F3_PARENT, F3_PROJECT, F2_KEY, F2_TOTAL)
#: The 自查 cell's look: the forms' own 「附表N」 marker style (bold, left; no new cell format).
CELL_STYLE = "marker"


def is_ours(rule: Any) -> bool:
    """A conditional-format rule the self-check wrote (its formula tests the switch name)."""
    return any(ON in str(f) for f in (getattr(rule, "formula", None) or ()))


# --- XlsxWriter -----------------------------------------------------------------------------------


def _as_written(formula: str, expand_future_functions: bool = False) -> str:
    """XlsxWriter's formula preparation for formulas that call no newer function (the allow-list
    has none): its 60 regular-expression passes per formula made a 200-fund build ten times slower."""
    return formula[1:] if formula.startswith("=") else formula


def _plain(ws: Any) -> Any:
    """``ws`` writes formulas as they are (see :func:`_as_written`; conditional formats are
    prepared when the workbook closes, so this stays). The forms' own formulas are SUMs and
    references: the same either way."""
    ws._prepare_formula = _as_written
    return ws


def apply_xlsxwriter(
    wb: Any, sheets: dict[str, Any], sc: SelfCheck, formats: dict[str, Any], values: dict[str, str] | None = None
) -> None:
    """Write ``sc`` while building: ``sheets`` maps a form sheet's name to its worksheet; ``values``
    holds each 自查 cell's text as cached value (what the formulas compute, shown by viewers that
    do not recalculate)."""
    from xladdin.a1 import parse

    cell_format = formats[CELL_STYLE]
    fills = {}
    for name, ws in sheets.items():
        if name not in sc.summary:
            continue
        ref, formula = sc.summary[name]
        col, width = sc.widths[name]
        ws.set_column(col - 1, col - 1, width)
        row, c = parse(ref)
        ws.write_formula(row - 1, c - 1, formula, cell_format, (values or {}).get(name, ""))
        _plain(ws)
        for mark in sc.marks.get(name, []):
            if mark.fill not in fills:
                fills[mark.fill] = wb.add_format({"bg_color": "#" + mark.fill})
            first, _, last = mark.ref.partition(":")
            r1, c1 = parse(first)
            r2, c2 = parse(last or first)
            rule = {"type": "formula", "criteria": "=" + mark.formula, "format": fills[mark.fill]}
            ws.conditional_format(r1 - 1, c1 - 1, r2 - 1, c2 - 1, rule)
    helper = _plain(wb.add_worksheet(SHEET))
    for row, col, value, formula in sc.cells:
        if formula:
            helper.write_formula(row - 1, col - 1, formula, None, "")
        else:
            helper.write_string(row - 1, col - 1, str(value))
    helper.hide()
    for name, ref in sc.names.items():
        wb.define_name(name, ref)


# --- openpyxl ------------------------------------------------------------------------------------


def strip_openpyxl(wb: Any) -> None:
    """Take the self-check out of an openpyxl workbook: the 自查 sheet, its names, the 自查 cells
    and our conditional formats (export; and before a refresh)."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    if SHEET in wb.sheetnames:
        wb.remove(wb[SHEET])
    for name in NAMES:
        if name in wb.defined_names:
            del wb.defined_names[name]
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=min(ws.max_row, 8)):
            for cell in row:
                if cell.data_type == "f" and is_selfcheck_formula(cell.value):
                    cell.value = None
        old = ws.conditional_formatting
        if not any(is_ours(rule) for cf in old for rule in cf.rules):
            continue
        kept = ConditionalFormattingList()
        for cf in old:
            for rule in cf.rules:
                if not is_ours(rule):
                    kept.add(str(cf.sqref), rule)
        ws.conditional_formatting = kept
