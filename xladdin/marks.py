"""What the tool puts into a clerk's workbook that is not the form, and how a submission copy loses it.

The workbook keeps the tool's marks (the clerk works with them); the copy sent to the finance
bureau (``export``) must look like the official form and nothing else. Whatever marks a workbook,
now or later, is recognised by one of these, and :func:`strip_tool_marks` removes all of them:

- a **helper sheet** (:data:`HELPER_SHEETS`: 校验结果, 导入备注, 转年说明, 指标建议, 已确认, …): dropped;
- a **fill** in one of :data:`TOOL_FILLS` (校验's red/yellow, 建议's light blue): the cell gets back
  the fill it had before 校验 marked it (the ledger sheet :data:`MARKS_SHEET` remembers it), else none;
- a **conditional format** whose style fills with a tool colour, or whose formula names one of the
  tool's defined names (prefix :data:`NAME_PREFIX`): dropped;
- a **defined name** starting with :data:`NAME_PREFIX` (``XA_MSG_…`` texts for VBA; ``XA_OWN_…`` for
  cells the tool writes on a form sheet, such as self-check cells): the name is dropped, and the cells of
  an ``XA_OWN_`` range are emptied and lose their style;
- a **comment** whose author is :data:`COMMENT_AUTHOR`: dropped.
- a cell holding import's mark **「本次未提供」** (a field, column or part its source did not have,
  :data:`xladdin.formmap.NOT_GIVEN`): emptied (a clerk who typed over the mark keeps what was typed).

To add a kind of marking: paint with a colour of :data:`TOOL_FILLS` (or add yours there), put
helper sheets in :data:`HELPER_SHEETS`, name the cells you own ``XA_OWN_…``, sign comments with
:data:`COMMENT_AUTHOR`. Nothing else needs to change for the export to stay clean.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xladdin.formmap import is_not_given
from xladdin.recognise import HELPER_SHEETS

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: 校验's marks by severity (the cell of an error red, of a warning yellow).
MARK_FILLS = {"error": "#FFC7CE", "warning": "#FFEB9C"}
#: 建议指标 / 新增专项: a value the tool proposed (light blue, not the colours of 校验).
SUGGESTION_FILL = "#DDEBF7"
#: Every colour the tool paints cells with.
TOOL_FILLS = frozenset({*MARK_FILLS.values(), SUGGESTION_FILL})
#: The hidden ledger of 校验's marks: sheet, cell, the fill the cell had before.
MARKS_SHEET = "_xladdin_marks"
#: Defined names the tool owns.
NAME_PREFIX = "XA_"
OWN_CELLS_PREFIX = "XA_OWN_"
COMMENT_AUTHOR = "xladdin"

__all__ = [
    "COMMENT_AUTHOR",
    "HELPER_SHEETS",
    "MARKS_SHEET",
    "MARK_FILLS",
    "NAME_PREFIX",
    "OWN_CELLS_PREFIX",
    "SUGGESTION_FILL",
    "TOOL_FILLS",
    "is_tool_colour",
    "strip_tool_marks",
]


def _rgb(colour: object) -> str | None:
    """``#RRGGBB`` of an openpyxl colour given as ARGB (theme and indexed colours are none of ours)."""
    rgb = getattr(colour, "rgb", None) if colour is not None else None
    if not isinstance(rgb, str) or len(rgb) not in (6, 8):
        return None
    return "#" + rgb[-6:].upper()


def is_tool_colour(fill: object) -> bool:
    """A solid fill in one of the tool's colours."""
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return False
    return _rgb(getattr(fill, "fgColor", None)) in TOOL_FILLS or _rgb(getattr(fill, "start_color", None)) in TOOL_FILLS


def _ledger(wb: Workbook) -> dict[tuple[str, str], str]:
    """(sheet, cell) → the fill 校验 found there before marking it (only the ones that had one)."""
    if MARKS_SHEET not in wb.sheetnames:
        return {}
    out = {}
    for row in wb[MARKS_SHEET].iter_rows(min_row=2, values_only=True):
        sheet, cell, fill = (*row, None, None, None)[:3]
        if sheet and cell and isinstance(fill, str) and fill.startswith("#") and fill.upper() not in TOOL_FILLS:
            out[(str(sheet), str(cell).replace("$", "").upper())] = fill.upper()
    return out


def _clear_fills(ws: Worksheet, before: dict[tuple[str, str], str]) -> int:
    from openpyxl.styles import PatternFill

    n = 0
    for row in ws.iter_rows():
        for cell in row:
            if is_tool_colour(cell.fill):
                old = before.get((ws.title, cell.coordinate))
                cell.fill = PatternFill(fill_type="solid", fgColor=old[1:]) if old else PatternFill(fill_type=None)
                n += 1
    return n


def _tool_names(wb: Workbook) -> set[str]:
    names = {n for n in wb.defined_names if n.upper().startswith(NAME_PREFIX)}
    for ws in wb.worksheets:
        names |= {n for n in ws.defined_names if n.upper().startswith(NAME_PREFIX)}
    return names


def _is_tool_rule(rule: object, names: set[str]) -> bool:
    dxf = getattr(rule, "dxf", None)
    if dxf is not None and dxf.fill is not None:
        fill = dxf.fill
        colours = (_rgb(getattr(fill, "bgColor", None)), _rgb(getattr(fill, "fgColor", None)))
        if any(c in TOOL_FILLS for c in colours):
            return True
    formulas = " ".join(str(f) for f in (getattr(rule, "formula", None) or ())).upper()
    return any(name.upper() in formulas for name in names) or NAME_PREFIX in formulas


def _clear_conditional_formats(ws: Worksheet, names: set[str]) -> int:
    from openpyxl.formatting.formatting import ConditionalFormattingList

    kept = ConditionalFormattingList()
    dropped = 0
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            if _is_tool_rule(rule, names):
                dropped += 1
            else:
                kept.add(str(cf.sqref), rule)
    ws.conditional_formatting = kept
    return dropped


def _clear_own_cells(wb: Workbook) -> None:
    """Empty the cells of every ``XA_OWN_`` name and drop every ``XA_`` name."""
    from openpyxl.styles.cell_style import StyleArray

    scopes = [(wb.defined_names, None), *((ws.defined_names, ws) for ws in wb.worksheets)]
    for names, _ws in scopes:
        for name in [n for n in names if n.upper().startswith(NAME_PREFIX)]:
            defined = names[name]
            if name.upper().startswith(OWN_CELLS_PREFIX):
                for title, ref in defined.destinations:
                    if title not in wb.sheetnames:
                        continue
                    target = wb[title][ref]
                    cells = target if isinstance(target, tuple) else ((target,),)
                    for line in cells:
                        for cell in line if isinstance(line, tuple) else (line,):
                            cell.value = None
                            cell._style = StyleArray()
            del names[name]


def strip_tool_marks(wb: Workbook) -> None:
    """Remove from ``wb`` (an openpyxl workbook about to be saved as a submission copy) everything
    the tool put there (see the module's doc). The forms' own styles, names and sheets stay."""
    before = _ledger(wb)
    names = _tool_names(wb)
    _clear_own_cells(wb)
    for ws in list(wb.worksheets):
        if ws.title in HELPER_SHEETS:
            wb.remove(ws)
    for ws in wb.worksheets:
        _clear_fills(ws, before)
        _clear_conditional_formats(ws, names)
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None and (cell.comment.author or "").strip() == COMMENT_AUTHOR:
                    cell.comment = None
                if cell.data_type != "f" and is_not_given(cell.value):
                    cell.value = None  # import's mark for what its source did not have
