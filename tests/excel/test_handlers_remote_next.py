"""The 建议指标 and 转入下一年度 buttons, and 新增专项 with a 测算依据, through xlwings' remote engine
(the same handler code Excel runs through Book.caller())."""

from __future__ import annotations

import hashlib
import shutil

import openpyxl
from helpers import Recorder, actions, book_of, payload

from xladdin.commands.suggest import NOTES_SHEET, SUGGESTION_FILL
from xladdin.examples.shifeng2023 import submission
from xladdin.excel.handlers import run
from xladdin.io.package import part
from xladdin.io.xlsx import read_grid
from xladdin.reader import read_workbook

SEED_BASIS = next(f for f in submission().form3s if f.direction == "城镇军队退役人员就业援助资金").details[0].basis


def test_suggest_fills_blank_cells_marks_and_lists_them(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book)
    run("suggest", book, ui)
    names = [s.name for s in example_grid.sheets]
    pos = names.index("附表3-大学生应征入伍奖励")
    values = {
        (a["start_row"] + 1, a["start_column"] + 1): a["values"][0][0]
        for a in actions(book, "setValues")
        if a["sheet_position"] == pos
    }
    assert values[(10, 5)] == "16人"  # E10, from 「16人×10000元/人」
    assert values[(13, 5)] == "≤10000元/人"
    colours = [a for a in actions(book, "setRangeColor") if a["args"][0] == SUGGESTION_FILL]
    assert len(colours) == len([a for a in actions(book, "setValues") if a["row_count"] == 1])
    assert [a["args"][1] for a in actions(book, "addSheet")] == [NOTES_SHEET]
    assert ui.messages[0].startswith("已填入 8 项建议") and "未改动" in ui.messages[0]


def test_new_fund_with_a_basis_through_the_dialog(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book, {"name": "退役人员就业援助", "parent": "", "amount": "", "basis": SEED_BASIS})
    run("new_fund", book, ui)
    assert [a["args"][1] for a in actions(book, "addSheet")] == ["附表3-退役人员就业援助"]
    block = next(a for a in actions(book, "setValues") if a["row_count"] > 10)
    flat = [v for row in block["values"] for v in row]
    assert 320 in flat and SEED_BASIS in flat and "112人" in flat and "≤2380元/人/月" in flat
    assert any(a["args"][0] == SUGGESTION_FILL for a in actions(book, "setRangeColor"))
    assert any("测算依据算出 320 万元" in m for m in ui.messages)


def test_new_fund_dialog_refuses_a_disagreeing_amount(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book, {"name": "退役人员就业援助", "parent": "", "amount": "50", "basis": SEED_BASIS})
    run("new_fund", book, ui)
    assert "不一致" in ui.messages[0]
    assert not actions(book, "addSheet")


def test_rollover_writes_the_next_year_beside_the_file(example_xlsm, tmp_path):
    src = tmp_path / "石峰区2023年绩效目标表.xlsm"
    shutil.copy(example_xlsm, src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    grid = read_grid(src)
    import xlwings as xw

    book = xw.Book(json=payload(grid, name=str(src)))
    ui = Recorder(book)
    run("rollover", book, ui)
    target = tmp_path / "石峰区2024年绩效目标表.xlsm"
    assert target.exists(), ui.messages
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert read_workbook(target).submission.year == 2024
    assert "转年说明" in openpyxl.load_workbook(target).sheetnames
    assert part(target, "xl/vbaProject.bin") == part(src, "xl/vbaProject.bin")
    assert ui.messages[0].startswith("已生成 2024 年度工作簿") and "改动 36 处" in ui.messages[0]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".xladdin")]  # no temporary left
    assert ui.asked == [("转入下一年度", "本工作簿是 2023 年度。转入的预算年度：", 2024)]  # next year offered
    made = target.read_bytes()
    run("rollover", book, ui)  # a second click: the target exists, never overwritten: numbered, as 导入旧表
    assert target.read_bytes() == made
    again = tmp_path / "石峰区2024年绩效目标表(2).xlsm"
    assert again.exists() and ui.messages[1].startswith(f"已生成 2024 年度工作簿：{again.name}")


def test_rollover_needs_a_saved_file(example_grid):
    book = book_of(example_grid)
    ui = Recorder(book)
    run("rollover", book, ui)
    assert "请先把工作簿保存" in ui.messages[0]


def test_text_starting_with_equals_reaches_excel_as_text(example_grid):
    from xladdin.edits import NoteSheet, SetCell
    from xladdin.excel.book import apply

    book = book_of(example_grid)
    apply(book, [SetCell("附表1", 3, 3, "=100%"), NoteSheet(NOTES_SHEET, (("=1+1", "文字"),))])
    sent = [v for a in actions(book, "setValues") for row in a["values"] for v in row]
    assert "'=100%" in sent and "'=1+1" in sent  # Excel keeps a leading apostrophe as text
    assert "=100%" not in sent and "=1+1" not in sent
