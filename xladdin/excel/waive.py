"""确认此项: the clerk selects finding rows on 校验结果 and gives a reason; each becomes a row of
the 「已确认」 sheet, and its 级别 on 校验结果 turns to 已确认 until the next 校验 recounts."""

from __future__ import annotations

from typing import Any

from xladdin.excel.book import read_sheet
from xladdin.excel.results_sheet import RESULTS, WAIVED
from xladdin.waivers import HEADER, SHEET, WIDTHS, normal_cell

# The columns of 校验结果 (results_sheet.HEADER): 级别, 工作表, 单元格 (a link showing sheet!cell), 规则
SELECT_FIRST = "请先在「校验结果」工作表中选中要确认的问题所在的行，再点「确认此项」。"


def selected_rows(book: Any) -> tuple[Any, list[int]] | None:
    """The 校验结果 sheet and the finding rows (2 and below) the selection covers."""
    sel = book.selection
    if sel is None or sel.sheet.name != RESULTS:
        return None
    first = max(sel.row, 2)
    last = sel.row + sel.shape[0] - 1
    rows = list(range(first, last + 1))
    return (sel.sheet, rows) if rows else None


def finding_of(values: list[Any]) -> tuple[str, str, str, str] | None:
    """(级别, rule, sheet, cell) of one 校验结果 row, or None for a row that holds no finding."""
    level, sheet, link, rule = (*values, None, None, None, None)[:4]
    if not rule or not sheet or not link:
        return None
    cell = normal_cell(str(link).rpartition("!")[2])
    return str(level or ""), str(rule), str(sheet), cell


def waive_selected(book: Any, ui: Any) -> None:
    picked = selected_rows(book)
    if picked is None:
        ui.alert(SELECT_FIRST, "确认此项")
        return
    results, rows = picked
    values = results.range((rows[0], 1), (rows[-1], 4)).options(ndim=2).value or []
    found = [(row, finding_of(v)) for row, v in zip(rows, values, strict=False)]
    todo = [(row, f) for row, f in found if f is not None and f[0] != WAIVED]
    if not todo:
        already = any(f is not None for _, f in found)
        ui.alert("所选的问题已确认过。" if already else SELECT_FIRST, "确认此项")
        return
    names = ", ".join(f"{f[1]} {f[2]}!{f[3]}" for _, f in todo[:5]) + ("……" if len(todo) > 5 else "")
    reason = ui.text("确认此项", f"确认 {names} 不需修改的理由：")
    if reason is None or not reason.strip():
        ui.alert("未填写理由，未确认。", "确认此项")
        return
    sheet, start = _waiver_sheet(book)
    sheet.range((start, 1)).value = [[f[1], f[2], f[3], reason.strip()] for _, f in todo]
    for row, _ in todo:
        results.range((row, 1)).value = WAIVED
        results.range((row, 6)).value = f"理由：{reason.strip()}"
    ui.alert(f"已确认 {len(todo)} 项（记录在「{SHEET}」工作表）。再次校验时它们单独计数，不算作错误。", "确认此项")


def _waiver_sheet(book: Any) -> tuple[Any, int]:
    """The 已确认 sheet (added with its header when missing) and its first free row."""
    names = [s.name for s in book.sheets]
    if SHEET in names:
        sheet = book.sheets[SHEET]
        rows = read_sheet(sheet, with_formulas=False).rows
        filled = [i for i, r in enumerate(rows, start=1) if any(v not in (None, "") for v in r)]
        return sheet, max(filled, default=1) + 1
    sheet = book.sheets.add(SHEET, after=book.sheets[len(names) - 1])
    sheet.range((1, 1)).value = [HEADER]
    for i, width in enumerate(WIDTHS, start=1):
        sheet.range((1, i)).column_width = width
    sheet.range((1, 1), (1, len(HEADER))).font.bold = True
    return sheet, 2
