"""The ribbon handlers run through xlwings' remote engine (xw.Book(json=...)) on the example: the
same code Excel runs through Book.caller(). Assertions are on the actions it would apply."""

from __future__ import annotations

import os

import pytest
import xlwings as xw
from helpers import payload

from xladdin.excel.handlers import FILL, MARKS, RESULTS, RULES_SHEET, Ui, run
from xladdin.excel.udfs import XA_CALC, XA_STATUS
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.rules import CATALOGUE
from xladdin.validate import validate_file

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")


class Recorder(Ui):
    def __init__(self, book, fund=None, year: str | None = ""):
        """``year``: the answer to a year question ("": the year offered)."""
        self.asked: list[tuple[str, str, int]] = []

        def ask_year(title: str, prompt: str, default: int) -> str | None:
            self.asked.append((title, prompt, default))
            return str(default) if year == "" else year

        super().__init__(book, ask_fund=lambda: fund, ask_year=ask_year)
        self.messages: list[str] = []

    def alert(self, text, title="绩效目标"):
        self.messages.append(text)
        super().alert(text, title)


def book_of(grid: BookGrid):
    return xw.Book(json=payload(grid))


def actions(book, func=None):
    acts = book.json()["actions"]
    return [a for a in acts if func is None or a["func"] == func]


def test_validate_writes_findings_marks_and_count(example_grid, example_file):
    book = book_of(example_grid)
    ui = Recorder(book)
    run("validate", book, ui)
    report = validate_file(example_file)
    assert ui.messages == [f"校验完成：{report.counts_zh()}。"]
    assert [a["args"][1] for a in actions(book, "addSheet")] == [RESULTS, MARKS]
    assert [a["args"] for a in actions(book, "setSheetVisibility")] == [["Hidden"]]
    table, marks = _tables(book)
    rows = table["values"]
    assert rows[0][:6] == ["级别", "工作表", "单元格", "规则", "问题", "改法"]
    levels = [r[0] for r in rows[1:]]  # the same order as the text output: errors first
    assert levels == sorted(levels, key=["错误", "警告", "提示"].index) and levels[0] == "错误"
    assert len(rows) == 1 + len(report.findings)
    first = report.findings[0]
    assert rows[1][2] == f'=HYPERLINK("#\'{first.sheet}\'!{first.cell}","{first.sheet}!{first.cell}")'
    colours = [a for a in actions(book, "setRangeColor") if a["args"][0] is not None]
    marked: dict = {}
    for f in report.findings:  # every cell of a finding is marked (a folded root cause names several)
        for place in [(f.sheet, f.cell), *(tuple(c.rsplit("!", 1)) for c in f.cells)]:
            if f.severity in FILL:
                marked.setdefault(place, f.severity)
    assert len(colours) == len(marked) == len(marks["values"]) - 1
    names = [s["name"] for s in payload(example_grid)["sheets"]]
    errors = {
        (names[a["sheet_position"]], a["start_row"], a["start_column"])
        for a in colours
        if a["args"][0] == FILL["error"]
    }
    assert ("附表3-大学生应征入伍奖励", 9, 4) in errors  # E10, 0-based
    assert actions(book, "activateSheet")


def _tables(book):
    """The findings table and the hidden marks table that a 校验 run wrote."""
    blocks = [a for a in actions(book, "setValues") if a["row_count"] > 1]
    table = next(a for a in blocks if a["values"][0][0] == "级别")
    marks = next(a for a in blocks if a["values"][0][0] == "工作表")
    return table, marks


def _after_first_run(example_grid) -> BookGrid:
    """The workbook as Excel holds it after a first 校验: the findings and marks sheets filled."""
    book = book_of(example_grid)
    run("validate", book, Recorder(book))
    table, marks = _tables(book)
    return BookGrid(
        sheets=[*example_grid.sheets, SheetGrid(RESULTS, rows=table["values"]), SheetGrid(MARKS, rows=marks["values"])]
    )


def test_second_run_restores_the_first_runs_marks(example_grid):
    grid = _after_first_run(example_grid)
    book = book_of(grid)
    run("validate", book, Recorder(book))
    colours = actions(book, "setRangeColor")
    restored = [a for a in colours if a["args"][0] is None]
    marked_again = [a for a in colours if a["args"][0] is not None]
    assert restored and len(restored) == len(marked_again)
    assert colours.index(restored[-1]) < colours.index(marked_again[0])  # restore first
    assert not actions(book, "addSheet")  # the findings sheet is reused


def test_clear_restores_marks_and_empties_the_sheet(example_grid):
    grid = _after_first_run(example_grid)
    book = book_of(grid)
    ui = Recorder(book)
    run("clear", book, ui)
    restored = actions(book, "setRangeColor")
    assert restored and all(a["args"][0] is None for a in restored)
    assert actions(book, "rangeClearContents")
    assert ui.messages[0].startswith(f"已清除 {len(restored)} 处")


def test_new_fund_adds_the_skeleton_sheet_and_a_row(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book, {"name": "退役军人技能培训", "parent": "", "amount": "50"})
    run("new_fund", book, ui)
    assert [a["args"][1] for a in actions(book, "addSheet")] == ["附表3-退役军人技能培训"]
    blocks = [a for a in actions(book, "setValues") if a["row_count"] > 10]
    flat = [v for row in blocks[0]["values"] for v in row]
    for word in ("数量指标", "质量指标", "时效指标", "成本指标", "2023年度", "计划标准"):
        assert word in flat
    assert actions(book, "rangeMerge")
    links = [a["values"][0][0] for a in actions(book, "setValues") if a["sheet_position"] == 1]
    assert "='附表3-退役军人技能培训'!E5" in links
    assert any("附表2 新增第八行" in m for m in ui.messages)


def test_new_fund_refusal_is_a_message(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book, {"name": "优抚安置专项", "parent": "", "amount": "5"})
    run("new_fund", book, ui)
    assert "已有支出方向" in ui.messages[0]
    assert not actions(book, "addSheet")


def test_sync_links_form2_and_reports(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book)
    run("sync", book, ui)
    writes = {
        (a["start_row"], a["start_column"]): a["values"][0][0]
        for a in actions(book, "setValues")
        if a["sheet_position"] == 1
    }
    assert writes[(7, 3)].startswith("=\"\"&'附表3-困难帮扶-退役专项'!")  # D8
    assert "覆盖了手工填写的值" in ui.messages[0]


def test_rules_sheet_lists_the_catalogue(example_grid):
    book = book_of(example_grid)
    run("rules", book, Recorder(book))
    assert [a["args"][1] for a in actions(book, "addSheet")] == [RULES_SHEET]
    [table] = actions(book, "setValues")
    assert [r[0] for r in table["values"][1:]] == list(CATALOGUE)


def test_unknown_button_and_export_without_file_are_messages(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book)
    run("no_such_button", book, ui)
    run("export", book, ui)
    assert "未知的按钮" in ui.messages[0] and "请先把工作簿保存" in ui.messages[1]


def test_udfs_use_the_core(example_grid):
    assert XA_CALC("16人×10000元/人=160000元") == pytest.approx(16)
    assert XA_CALC("经开区移交事项") == ""
    book = book_of(example_grid)
    status = XA_STATUS(book.sheets["附表3-大学生应征入伍奖励"]["A1"])
    assert status.startswith("1 个错误")
