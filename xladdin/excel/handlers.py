"""Ribbon handlers. VBA's ``XaRun tag`` calls :func:`main` with the button's tag; each handler
reads what it needs (one call per sheet), runs the core, and writes back in few calls.

The handlers take the book and a :class:`Ui`, so the same code runs in Excel (``Book.caller()``,
dialogs) and under xlwings' remote engine in the tests (``xw.Book(json=...)``, answers given).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlwings as xw

from xladdin.excel.book import apply, book_config, book_path, read_book
from xladdin.excel.results_sheet import HEADER, RESULTS, WAIVED
from xladdin.io.grid import SheetGrid
from xladdin.marks import MARK_FILLS, MARKS_SHEET
from xladdin.values import excel_literal

RULES_SHEET = "规则说明"
FILL = MARK_FILLS
MARKS = MARKS_SHEET  # hidden: the cells the last run marked and their previous fills
MARKS_HEADER = ["工作表", "单元格", "原填充色"]
WIDTHS = (6, 28, 30, 6, 60, 40)

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
    ask_text: Callable[[str, str], str | None] | None = None

    def text(self, title: str, prompt: str) -> str | None:
        """One line of text from the clerk (None: cancelled)."""
        return (self.ask_text or _ask_text_dialog)(title, prompt)

    ask_file: Callable[[], str | None] | None = None  # 导入旧表: the file to import
    open_book: Callable[[Path], None] | None = None  # 导入旧表: open the new workbook
    show_file: Callable[[Path], None] | None = None  # 预审意见: open the document (Word)
    #: 导入旧表 / 转入下一年度: the budget year, (title, prompt, default) → the text typed (None: cancelled)
    ask_year: Callable[[str, str, int], str | None] | None = None

    def year(self, title: str, prompt: str, default: int, *, keep: bool = False) -> int | bool | None:
        """The budget year the clerk gives (``default`` offered); None when cancelled, or when the answer is
        no year (said in a message); with ``keep``, a blank answer is False: keep the year as it is."""
        text = (self.ask_year or _ask_year_dialog)(title, prompt, default)
        if text is None:
            return None
        text = text.strip()
        if not text and keep:
            return False
        if not (text.isdigit() and 2000 <= int(text) <= 2100):
            self.alert(f"年度应为四位数字（2000–2100），如 {default}，而不是「{text}」。未做任何改动。", title)
            return None
        return int(text)

    def alert(self, text: str, title: str = "绩效目标") -> None:
        self.book.app.alert(text, title=title)

    def fund(self) -> dict[str, str] | None:
        return (self.ask_fund or _ask_fund_dialog)()

    def source_file(self) -> str | None:
        return (self.ask_file or (lambda: _ask_file_dialog(self.book)))()

    def show(self, path: Path) -> None:
        """Open a document with its program (Word for .docx); where that cannot be done, nothing."""
        if self.show_file is not None:
            self.show_file(path)
            return
        import os

        starter = getattr(os, "startfile", None)  # Windows only
        if starter is not None:
            with contextlib.suppress(OSError):
                starter(str(path))

    def open(self, path: Path) -> None:
        if self.open_book is not None:
            self.open_book(path)
        else:
            self.book.app.books.open(str(path))


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
        basis = simpledialog.askstring(
            "新增专项", "支出测算依据（可留空），如 2380元/人/月×12个月×112人=320万元：", parent=root
        )
        amount = simpledialog.askstring("新增专项", "金额（万元；填了测算依据可留空）：", parent=root)
        if amount is None:
            return None
        return {"name": name, "parent": parent, "amount": amount, "basis": basis or ""}
    finally:
        root.destroy()


def _ask_text_dialog(title: str, prompt: str) -> str | None:
    import tkinter
    from tkinter import simpledialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        return simpledialog.askstring(title, prompt, parent=root)
    finally:
        root.destroy()


def _ask_year_dialog(title: str, prompt: str, default: int) -> str | None:
    import tkinter
    from tkinter import simpledialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        return simpledialog.askstring(title, prompt, initialvalue=str(default), parent=root)
    finally:
        root.destroy()


def _ask_file_dialog(book: Any) -> str | None:
    """The Word document or workbook to import (Tk file dialog, in the current book's folder)."""
    import tkinter
    from tkinter import filedialog

    folder = Path(str(getattr(book, "fullname", "") or "")).parent
    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        name = filedialog.askopenfilename(
            parent=root,
            title="导入旧表：选择 Word 文档或工作簿",
            initialdir=str(folder) if folder.is_dir() else None,
            filetypes=[
                ("Word 文档或工作簿", "*.docx *.doc *.wps *.xlsx *.xlsm *.xls *.et *.ods"),
                ("所有文件", "*.*"),
            ],
        )
        return name or None
    finally:
        root.destroy()


def _hyperlink(sheet: str, cell: str) -> str:
    target = "'" + sheet.replace("'", "''") + "'!" + cell
    label = f"{sheet}!{cell}".replace('"', '""')
    return f'=HYPERLINK("#{target.replace(chr(34), chr(34) * 2)}","{label}")'


def _previous_marks(marks: SheetGrid | None) -> list[tuple[str, str, str | None]]:
    if marks is None:
        return []
    out = []
    for row in marks.rows[1:]:
        sheet, cell, fill = (*row, None, None, None)[:3]
        if sheet and cell:
            out.append((str(sheet), str(cell), str(fill) if fill else None))
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


def _sheet(book: Any, name: str, *, hidden: bool = False) -> Any:
    """The helper sheet ``name``, added at the end when missing."""
    names = [s.name for s in book.sheets]
    if name in names:
        return book.sheets[name]
    sheet = book.sheets.add(name, after=book.sheets[len(names) - 1])
    if hidden:
        sheet.visible = False
    return sheet


def _replace(sheet: Any, old: SheetGrid | None, rows: list[list[Any]], width: int, links: int = -1) -> None:
    """Write ``rows`` from A1 in one call, after clearing what the last run left below them. Column
    ``links`` holds our HYPERLINK formulas; every other text stays text."""
    stale = len(old.rows) if old else 0
    if stale > len(rows):
        sheet.range((len(rows) + 1, 1), (stale, width)).clear_contents()
    sheet.range((1, 1)).value = [
        [v if i == links and r else excel_literal(v) for i, v in enumerate(row)] for r, row in enumerate(rows)
    ]


@handler("validate")
def validate(book: Any, ui: Ui) -> None:
    """校验: findings sheet with links, marked cells (previous fills remembered), a count."""
    from xladdin.reader import read_grid_model
    from xladdin.validate import check

    grid = read_book(book)
    report = check(read_grid_model(grid), book_config(book))
    _restore(book, _previous_marks(grid.sheet(MARKS)))
    marked: dict[tuple[str, str], str] = {}
    for f in report.findings:  # errors first: a cell keeps the colour of its most severe finding
        places = [(f.sheet, f.cell), *(tuple(c.rsplit("!", 1)) for c in f.cells)]
        for s, c in places:
            if f.severity in FILL and f.waived is None and c and (s, c) not in marked:
                marked[(s, c)] = f.severity
    marks = [(s, c, _fill_of(book, s, c)) for s, c in marked]
    from xladdin.rules import SEVERITY_ZH

    rows: list[list[Any]] = [HEADER]
    rows += [
        [
            SEVERITY_ZH[f.severity] if f.waived is None else WAIVED,
            f.sheet,
            _hyperlink(f.sheet, f.cell),
            f.rule,
            f.message,
            f.fix if f.waived is None else f"理由：{f.waived}",
        ]
        for f in report.findings
    ]
    sheet = _sheet(book, RESULTS)
    _replace(sheet, grid.sheet(RESULTS), rows, len(HEADER), links=2)
    if grid.sheet(RESULTS) is None:  # a new findings sheet: readable widths, a bold header
        for i, width in enumerate(WIDTHS, start=1):
            sheet.range((1, i)).column_width = width
        sheet.range((1, 1), (1, len(HEADER))).font.bold = True
    saved = [MARKS_HEADER, *[[s, c, fill or ""] for s, c, fill in marks]]
    _replace(_sheet(book, MARKS, hidden=True), grid.sheet(MARKS), saved, len(MARKS_HEADER))
    for (s, c), severity in marked.items():
        book.sheets[s].range(c).color = FILL[severity]
    sheet.activate()
    ui.alert(f"校验完成：{report.counts_zh()}。", "校验结果")


@handler("clear")
def clear(book: Any, ui: Ui) -> None:
    """清除标记: restore the marked cells' fills and empty the findings sheet."""
    from xladdin.excel.book import read_sheet

    names = [s.name for s in book.sheets]
    if MARKS not in names:
        ui.alert("没有需要清除的校验标记。")
        return
    saved = read_sheet(book.sheets[MARKS], with_formulas=False)
    marks = _previous_marks(saved)
    _restore(book, marks)
    book.sheets[MARKS].range((1, 1), (max(len(saved.rows), 1), len(MARKS_HEADER))).clear_contents()
    if RESULTS in names:
        results = read_sheet(book.sheets[RESULTS], with_formulas=False)
        book.sheets[RESULTS].range((1, 1), (max(len(results.rows), 1), len(HEADER))).clear_contents()
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
    sheet.range((1, 1)).value = [[excel_literal(v) for v in row] for row in rows]
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
    plan = plan_new_fund(
        reading,
        answer["name"],
        answer.get("amount"),
        answer.get("parent") or None,
        answer.get("basis") or None,
        book_config(book),
    )
    apply(book, plan.edits)
    ui.alert("\n".join(c.text for c in plan.changes), "新增专项")


@handler("sync")
def sync(book: Any, ui: Ui) -> None:
    """同步汇总: 附表2 follows the 附表3 sheets; report what changed."""
    from xladdin.commands.funds import plan_sync
    from xladdin.reader import read_grid_model

    plan = plan_sync(read_grid_model(read_book(book)), book_config(book))
    if not plan:
        ui.alert("附表2 已与各附表3 一致，无需修改。", "同步汇总")
        return
    apply(book, plan.edits)
    lines = [
        f"{c.sheet}!{c.cell} {c.text}" + ("（覆盖了手工填写的值）" if c.overwrote_typed else "") for c in plan.changes
    ]
    ui.alert("同步汇总完成：\n" + "\n".join(lines[:30]), "同步汇总")


@handler("suggest")
def suggest(book: Any, ui: Ui) -> None:
    """建议指标: fill blank indicator cells from the 测算依据 and the library (marked, listed)."""
    from xladdin.commands.suggest import NOTES_SHEET, SUGGESTION_NOTE, describe, plan_suggest
    from xladdin.reader import read_grid_model

    result = plan_suggest(read_grid_model(read_book(book)))
    if not result.proposals:
        ui.alert("没有需要建议的指标：各附表3 的指标均已填写且未发现问题。", "建议指标")
        return
    apply(book, result.plan.edits)
    lines = [describe(p) for p in result.proposals if not p.writable][:15]
    text = f"已填入 {len(result.writable)} 项建议（{SUGGESTION_NOTE}），清单见「{NOTES_SHEET}」工作表。"
    if lines:
        text += f"\n另有 {len(result.proposals) - len(result.writable)} 项涉及已填写的单元格，未改动，供参考：\n"
        text += "\n".join(lines)
    ui.alert(text, "建议指标")


@handler("rollover")
def rollover(book: Any, ui: Ui) -> None:
    """转入下一年度: the next year's workbook beside this one (this one is not written)."""
    import os
    import tempfile

    from xladdin.commands.rollover import RolloverError, default_target, rollover_file
    from xladdin.reader import read_grid_model

    path = Path(str(getattr(book, "fullname", "") or ""))
    if not path.is_file():
        ui.alert("请先把工作簿保存到磁盘，再转入下一年度。", "转入下一年度")
        return
    year = read_grid_model(read_book(book)).submission.year
    if year is None:
        ui.alert("找不到预算年度：表头标题中没有「XXXX年」。", "转入下一年度")
        return
    new = ui.year("转入下一年度", f"本工作簿是 {year} 年度。转入的预算年度：", year + 1)
    if not new:
        return
    target = next_free(default_target(path, year, new))  # an earlier one is never replaced: numbered
    fd, name = tempfile.mkstemp(prefix=".xladdin-copy-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    copy = Path(name)
    try:
        try:  # Excel: the workbook as shown, unsaved edits included; the file itself is not touched
            book.api.SaveCopyAs(str(copy))
            source = copy
        except Exception:  # the remote engine: the file as saved
            source = path
        try:
            result = rollover_file(source, target, new)
        except RolloverError as err:
            ui.alert(str(err), "转入下一年度")
            return
    finally:
        if copy.exists():
            copy.unlink()
    with contextlib.suppress(Exception):  # Excel opens the new workbook; other engines cannot
        book.app.books.open(str(target))
    ui.alert(
        f"已生成 {new} 年度工作簿：{target.name}（与本文件在同一文件夹，本文件未改动）。\n"
        f"改动 {len(result.changed)} 处，"
        f"另有 {len(result.lines) - len(result.changed)} 处年份未改动请核对；清单见新工作簿的「转年说明」工作表。",
        "转入下一年度",
    )


@handler("export")
def export(book: Any, ui: Ui) -> None:
    """导出报送: save, then write the macro-free copy and the PDF beside the workbook."""
    from xladdin.commands.export import ExportRefused
    from xladdin.commands.export import export as do_export

    path = book_path(book)
    if path is None:
        ui.alert("请先把工作簿保存到磁盘，再导出报送。", "导出报送")
        return
    book.save()
    try:
        result = do_export(
            path, path.parent / "报送", overwrite=True, config=book_config(book)
        )  # 报送: the button's folder
    except ExportRefused as err:
        ui.alert(str(err), "导出报送")
        return
    pdf = result.pdf or _excel_pdf(book, result.xlsx.with_suffix(".pdf"))
    note = f"PDF：{pdf.name}" if pdf else result.pdf_note
    ui.alert(f"已导出：{result.xlsx.name}\n{note}\n校验：{result.summary}", "导出报送")


@handler("opinions")
def opinions(book: Any, ui: Ui) -> None:
    """预审意见: the 绩效目标审核意见 a reviewer's ``--opinions`` writes for this workbook, written beside
    it (the workbook itself is not touched) and opened, so the clerk reads it before submitting."""
    import tempfile

    from xladdin.commands.opinion_text import outline
    from xladdin.commands.opinions import preview_name, write_opinion
    from xladdin.reader import read_grid_model
    from xladdin.validate import check

    reading = read_grid_model(read_book(book))
    report = check(reading, book_config(book))
    path = book_path(book)
    label = path.name if path else str(getattr(book, "name", "") or "工作簿")
    plan = outline(reading.submission)
    folder = path.parent if path else Path(tempfile.gettempdir())
    target = folder / preview_name(plan.get("department") or Path(label).stem)
    written = write_opinion(label, [f.as_dict() for f in report.findings], plan, target)
    if written.problem:
        ui.alert(written.problem, "预审意见")
        return
    ui.show(target)
    ui.alert(
        f"已生成预审意见：{target}\n预测等级 {written.grade}，审核结论（草拟）：{written.conclusion}。\n"
        f"这是审核人用同一规则生成的意见草稿；{report.counts_zh()}。",
        "预审意见",
    )


@handler("waive")
def waive(book: Any, ui: Ui) -> None:
    """确认此项: accept the finding on the selected row of 校验结果, with a reason (已确认 sheet)."""
    from xladdin.excel.waive import waive_selected

    waive_selected(book, ui)


@handler("import_forms")
def import_forms(book: Any, ui: Ui) -> None:
    """导入旧表: ask for last year's Word/workbook forms, write them into a new workbook in our
    template beside the source (never over a file), open it, and say what could not be placed."""
    from xladdin.commands.importer import NOTES_SHEET, ImportRefused, default_target, import_file

    chosen = ui.source_file()
    if not chosen:
        return
    source = Path(chosen)
    from datetime import date

    year = ui.year(
        "导入旧表",
        "导入后的预算年度（各表中的年度随之顺延，与「转入下一年度」相同，原表的指标值保留在「上年指标值」表；"
        "留空则保持原表的年度）：",
        date.today().year + 1,
        keep=True,
    )
    if year is None:
        return
    try:
        result = import_file(source, default_target(source), year or None)
    except ImportRefused as err:
        ui.alert(str(err), "导入旧表")
        return
    assert result.out is not None
    forms = "、".join(m.target for m in result.forms)
    lines = [f"已导入 {len(result.forms)} 张表（{forms}）到新工作簿：", str(result.out)]
    try:
        ui.open(result.out)
    except Exception:  # Excel could not open it: the clerk opens it by hand
        lines.append("（未能自动打开，请在文件夹中双击打开）")
    if result.notes:
        lines.append(f"有 {len(result.notes)} 处内容未能放入表格，已列在「{NOTES_SHEET}」工作表，请逐条处理。")
    else:
        lines.append("源文件中的内容已全部放入表格。")
    lines += result.changes
    lines.append("请在新工作簿中点「校验」。")
    ui.alert("\n".join(lines), "导入旧表")


def next_free(path: Path) -> Path:
    """``path``, or 「name(2).xlsm」, 「name(3).xlsm」 … when taken: what both 导入旧表 and 转入下一年度 do
    when their file exists (never replaced)."""
    from xladdin.io.save import unused_name

    return unused_name(lambda n: path if n == 1 else path.with_name(f"{path.stem}({n}){path.suffix}"))


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
    from xladdin.config import ConfigError
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
    except (CommandError, SaveRefused, ConfigError) as err:
        ui.alert(str(err))
    except Exception as err:  # the clerk sees a message, the developer the type
        ui.alert(f"操作未完成：{type(err).__name__}: {err}")


def main(tag: str) -> None:
    """Entry point for RunPython (``XaRun``)."""
    run(tag, xw.Book.caller())
