"""Ribbon handlers. VBA's ``XaRun tag`` calls :func:`main` with the button's tag; each handler
reads what it needs (one call per sheet), runs the core, and writes back in few calls.

The handlers take the book and a :class:`Ui`, so the same code runs in Excel (``Book.caller()``,
dialogs) and under xlwings' remote engine in the tests (``xw.Book(json=...)``, answers given).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlwings as xw

from xladdin.excel.book import apply, read_book
from xladdin.io.grid import SheetGrid

RESULTS = "校验结果"
RULES_SHEET = "规则说明"
FILL = {"error": "#FFC7CE", "warning": "#FFEB9C"}
HEADER = ["级别", "工作表", "单元格", "规则", "问题", "改法"]
MARKS_COL = 8  # H: the marks of the last run (sheet, cell, previous fill), to restore them
MARKS_HEADER = ["标记的工作表", "标记的单元格", "原填充色"]
MAX_ROWS_CLEARED = 2000

Handler = Callable[[Any, "Ui"], None]
HANDLERS: dict[str, Handler] = {}


def handler(tag: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[tag] = fn
        return fn

    return register


@dataclass
class Ui:
    """How a handler talks to the clerk: an alert, and a small form for 新增专项."""

    book: Any
    ask_fund: Callable[[], dict[str, str] | None] | None = None

    def alert(self, text: str, title: str = "绩效目标") -> None:
        self.book.app.alert(text, title=title)

    def fund(self) -> dict[str, str] | None:
        return (self.ask_fund or _ask_fund_dialog)()


def _ask_fund_dialog() -> dict[str, str] | None:
    """名称 / 所属专项 / 金额, asked with Tk dialogs (part of the standard Windows Python)."""
    import tkinter
    from tkinter import simpledialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        name = simpledialog.askstring("新增专项", "支出方向（专项）名称：", parent=root)
        if not name:
            return None
        parent = simpledialog.askstring("新增专项", "所属专项（新专项请留空）：", parent=root) or ""
        amount = simpledialog.askstring("新增专项", "金额（万元）：", parent=root)
        if amount is None:
            return None
        return {"name": name, "parent": parent, "amount": amount}
    finally:
        root.destroy()


def _hyperlink(sheet: str, cell: str) -> str:
    target = "'" + sheet.replace("'", "''") + "'!" + cell
    label = f"{sheet}!{cell}".replace('"', '""')
    return f'=HYPERLINK("#{target.replace(chr(34), chr(34) * 2)}","{label}")'


def _previous_marks(results: SheetGrid | None) -> list[tuple[str, str, str | None]]:
    if results is None:
        return []
    out = []
    for row in results.rows[1:]:
        cells = (row + [None] * (MARKS_COL + 2))[MARKS_COL - 1 : MARKS_COL + 2]
        if cells[0] and cells[1]:
            out.append((str(cells[0]), str(cells[1]), str(cells[2]) if cells[2] else None))
    return out


def _fill_of(book: Any, sheet: str, cell: str) -> str | None:
    """A cell's fill before we mark it (Excel knows it; the remote engine cannot read it)."""
    try:
        color = book.sheets[sheet].range(cell).color
    except NotImplementedError:
        return None
    if color is None:
        return None
    if isinstance(color, tuple):
        return "#{:02X}{:02X}{:02X}".format(*color)
    return str(color)


def _restore(book: Any, marks: list[tuple[str, str, str | None]]) -> None:
    names = {s.name for s in book.sheets}
    for sheet, cell, fill in marks:
        if sheet in names:
            book.sheets[sheet].range(cell).color = fill


def _results_sheet(book: Any) -> Any:
    names = [s.name for s in book.sheets]
    if RESULTS in names:
        return book.sheets[RESULTS]
    return book.sheets.add(RESULTS, after=book.sheets[len(names) - 1])


@handler("validate")
def validate(book: Any, ui: Ui) -> None:
    """校验: findings sheet with links, marked cells (previous fills remembered), a count."""
    from xladdin.reader import read_grid_model
    from xladdin.validate import check

    grid = read_book(book)
    report = check(read_grid_model(grid))
    _restore(book, _previous_marks(grid.sheet(RESULTS)))
    marked: dict[tuple[str, str], str] = {}
    for f in report.findings:
        if f.severity in FILL and f.cell and (f.sheet, f.cell) not in marked:
            marked[(f.sheet, f.cell)] = f.severity
    marks = [(s, c, _fill_of(book, s, c)) for s, c in marked]
    from xladdin.rules import SEVERITY_ZH

    rows: list[list[Any]] = [[*HEADER, "", *MARKS_HEADER]]
    for i, f in enumerate(report.findings):
        mark = list(marks[i]) if i < len(marks) else ["", "", ""]
        rows.append(
            [
                SEVERITY_ZH[f.severity],
                f.sheet,
                _hyperlink(f.sheet, f.cell),
                f.rule,
                f.message,
                f.fix,
                "",
                *[m or "" for m in mark],
            ]
        )
    for i in range(len(report.findings), len(marks)):
        rows.append(["", "", "", "", "", "", "", *[m or "" for m in marks[i]]])
    sheet = _results_sheet(book)
    old = grid.sheet(RESULTS)
    stale = max(len(old.rows) if old else 0, 1)
    sheet.range((1, 1), (min(max(stale, len(rows)), MAX_ROWS_CLEARED), 10)).clear_contents()
    sheet.range((1, 1)).value = rows
    for (s, c), severity in marked.items():
        book.sheets[s].range(c).color = FILL[severity]
    sheet.activate()
    ui.alert(f"校验完成：{report.counts_zh()}。", "校验结果")


@handler("clear")
def clear(book: Any, ui: Ui) -> None:
    """清除标记: restore the marked cells' fills and empty the findings sheet."""
    names = [s.name for s in book.sheets]
    if RESULTS not in names:
        ui.alert("没有需要清除的校验标记。")
        return
    from xladdin.excel.book import read_sheet

    results = read_sheet(book.sheets[RESULTS], with_formulas=False)
    marks = _previous_marks(results)
    _restore(book, marks)
    book.sheets[RESULTS].range((1, 1), (max(len(results.rows), 1), 10)).clear_contents()
    ui.alert(f"已清除 {len(marks)} 处标记。")


@handler("rules")
def rules(book: Any, ui: Ui) -> None:
    """规则说明: the catalogue on a sheet of its own."""
    from xladdin.rules import CATALOGUE, SEVERITY_ZH

    rows: list[list[Any]] = [["代码", "级别", "类别", "规则", "说明"]]
    rows += [[r.code, SEVERITY_ZH[r.severity], r.family, r.title, r.doc] for r in CATALOGUE.values()]
    names = [s.name for s in book.sheets]
    sheet = (
        book.sheets[RULES_SHEET]
        if RULES_SHEET in names
        else book.sheets.add(RULES_SHEET, after=book.sheets[len(names) - 1])
    )
    sheet.range((1, 1)).value = rows
    sheet.activate()


@handler("new_fund")
def new_fund(book: Any, ui: Ui) -> None:
    """新增专项: ask name, 所属专项 and amount; add the 附表3 and its 附表2 row."""
    from xladdin.commands.funds import plan_new_fund
    from xladdin.reader import read_grid_model

    answer = ui.fund()
    if not answer:
        return
    reading = read_grid_model(read_book(book))
    plan = plan_new_fund(reading, answer["name"], answer["amount"], answer.get("parent") or None)
    apply(book, plan.edits)
    ui.alert("\n".join(c.text for c in plan.changes), "新增专项")


@handler("sync")
def sync(book: Any, ui: Ui) -> None:
    """同步汇总: 附表2 follows the 附表3 sheets; report what changed."""
    from xladdin.commands.funds import plan_sync
    from xladdin.reader import read_grid_model

    plan = plan_sync(read_grid_model(read_book(book)))
    if not plan:
        ui.alert("附表2 已与各附表3 一致，无需修改。", "同步汇总")
        return
    apply(book, plan.edits)
    lines = [
        f"{c.sheet}!{c.cell} {c.text}" + ("（覆盖了手工填写的值）" if c.overwrote_typed else "") for c in plan.changes
    ]
    ui.alert("同步汇总完成：\n" + "\n".join(lines[:30]), "同步汇总")


@handler("export")
def export(book: Any, ui: Ui) -> None:
    """导出报送: save, then write the macro-free copy and the PDF beside the workbook."""
    from xladdin.commands.export import ExportRefused
    from xladdin.commands.export import export as do_export

    path = Path(str(getattr(book, "fullname", "") or ""))
    if not path.is_file():
        ui.alert("请先把工作簿保存到磁盘，再导出报送。", "导出报送")
        return
    book.save()
    try:
        result = do_export(path, path.parent / "报送")
    except ExportRefused as err:
        ui.alert(str(err), "导出报送")
        return
    pdf = result.pdf or _excel_pdf(book, result.xlsx.with_suffix(".pdf"))
    note = f"PDF：{pdf.name}" if pdf else result.pdf_note
    ui.alert(f"已导出：{result.xlsx.name}\n{note}\n校验：{result.summary}", "导出报送")


def _excel_pdf(book: Any, target: Path) -> Path | None:
    """Without LibreOffice, Excel prints the forms to PDF itself (COM only; not the helper sheets)."""
    from xladdin.reader import HELPER_SHEETS

    forms = [s.name for s in book.sheets if s.name not in HELPER_SHEETS and s.visible]
    try:
        book.to_pdf(str(target), include=forms)
    except Exception:  # the remote engine, or Excel refused: the note says how to do it by hand
        return None
    return target if target.exists() else None


def run(tag: str, book: Any, ui: Ui | None = None) -> None:
    """Run the handler for ``tag``; problems become a message to the clerk, never a traceback."""
    from xladdin.commands.funds import CommandError
    from xladdin.io.grid import ReadError
    from xladdin.io.save import SaveRefused

    ui = ui or Ui(book)
    fn = HANDLERS.get(tag)
    if fn is None:
        ui.alert(f"未知的按钮：{tag}")
        return
    try:
        fn(book, ui)
    except ReadError as err:
        ui.alert(f"无法读取：{err.zh}")
    except (CommandError, SaveRefused) as err:
        ui.alert(str(err))
    except Exception as err:  # the clerk sees a message, the developer the type
        ui.alert(f"操作未完成：{type(err).__name__}: {err}")


def main(tag: str) -> None:
    """Entry point for RunPython (``XaRun``)."""
    run(tag, xw.Book.caller())
