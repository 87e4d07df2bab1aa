"""转入下一年度 planned on the example read in memory (xladdin/commands/rollover.py): the exact lines
of 「转年说明」, the edits, the refusals, and shift_years at the edges of its patterns.

The oracle: the seed example's texts (every 「2023」 in them is the budget year), its typed amounts
(附表2 C6:C12 = 2, 320, 28, 16, 345, 379.96, 93.3; each 附表3's B5, E5 and D20; 附表1 C7 and E7), and
the cells changed by hand below.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from helpers import edit

from xladdin.commands.rollover import (
    NOTES_HEADER,
    NOTES_SHEET,
    NOTES_WIDTHS,
    Kept,
    Rollover,
    RolloverError,
    default_target,
    plan_rollover,
    rollover_file,
    shift_years,
)
from xladdin.edits import NoteSheet, SetCell
from xladdin.history import HEADER as HISTORY_HEADER
from xladdin.io.grid import SheetGrid
from xladdin.reader import read_grid_model

F3 = "附表3-大学生应征入伍奖励"
DOC = "文号中的年份"
RANGE = "跨年度实施期，请核对"
HISTORY = "指已发生的事（如入伍年份、会议届次），请核对"


# --- shift_years -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "moved", "kept"),
    [
        ("株石办〔2023〕65号", "株石办〔2023〕65号", [Kept("株石办〔2023〕65号", DOC)]),
        ("（2023年度）", "（2023年度）", [Kept("（2023年度）", DOC)]),
        ("2023〕", "2023〕", [Kept("2023〕", DOC)]),
        ("2023号文", "2023号文", [Kept("2023号文", DOC)]),
        ("2023-2025年", "2023-2025年", [Kept("2023-2025年", RANGE)]),
        ("2022-2023年", "2022-2023年", [Kept("2022-2023年", RANGE)]),
        ("2023年入伍新兵", "2023年入伍新兵", [Kept("2023年入伍新兵", HISTORY)]),
        ("2023年度 退役", "2023年度 退役", [Kept("2023年度 退役", HISTORY)]),
        ("2023.07前入伍", "2024.07前入伍", []),  # a date: the word after it is no event
        ("2023年第一季度", "2024年第一季度", []),
        ("2023年第5次会议", "2023年第5次会议", [Kept("2023年第5次会议", HISTORY)]),
        ("2023年", "2024年", []),
        ("2023/12", "2024/12", []),
        ("2023年7月", "2024年7月", []),
        ("2023", "2023", []),  # a bare number
        ("2024年度", "2024年度", []),  # the next year on its own is left alone
        ("2023年12月31日至2024年", "2024年12月31日至2025年", []),
        ("2023年度，2024年", "2024年度，2024年", []),  # not a range: no connector between them
        ("x-2024年", "x-2024年", []),  # no budget year moved before it
        ("2023年度工作（", "2024年度工作（", []),
        ("2023）x", "2023）x", [Kept("2023）x", DOC)]),
        # a kept mention does not stop the rest of the cell
        ("〔2023〕，2023年度", "〔2023〕，2024年度", [Kept("〔2023〕，2023年度", DOC)]),
        ("2023-2025年，2023年度", "2023-2025年，2024年度", [Kept("2023-2025年，2", RANGE)]),
        ("2022-2023年，2023年度", "2022-2023年，2024年度", [Kept("2022-2023年，2023年度", RANGE)]),
        ("经费2023元，2023年度", "经费2023元，2024年度", []),
        ("2023年入伍，2023年度", "2023年入伍，2024年度", [Kept("2023年入伍，2023", HISTORY)]),
    ],
)
def test_shift_years_exactly(text, moved, kept):
    assert shift_years(text, 2023, 2024) == (moved, kept)


def test_kept_text_is_six_characters_before_and_eight_after():
    text = "一二三四五六七八2023年入伍九十一二三四五六七八"
    assert shift_years(text, 2023, 2024) == (text, [Kept("三四五六七八2023年入伍九十一二三", HISTORY)])


def test_a_range_end_moves_within_sixteen_characters():
    # between the shifted 2023 and 2024: 「年12月31日」 (7) + spaces + 「至」
    near = "2023年12月31日    至    2024年"  # 16 characters between
    far = "2023年12月31日    至     2024年"  # 17
    assert shift_years(near, 2023, 2024)[0] == "2024年12月31日    至    2025年"
    assert shift_years(far, 2023, 2024)[0] == "2024年12月31日    至     2024年"


def test_a_range_start_is_looked_for_sixteen_characters_back():
    near = "2022" + " " * 10 + "- 2023年"  # the range's start 16 characters before
    far = "2022" + " " * 11 + "- 2023年"  # 17: not seen, the year moves
    assert shift_years(near, 2023, 2024) == (near, [Kept("    - 2023年", RANGE)])  # six before the year
    assert shift_years(far, 2023, 2024) == ("2022" + " " * 11 + "- 2024年", [])


def test_a_range_to_the_same_year_is_kept_once_at_its_end():
    text = "一二三四五六七八九2023-2023年甲乙丙丁戊己庚辛"
    assert shift_years(text, 2023, 2024) == (text, [Kept("九2023-2023年甲乙丙丁戊己庚", RANGE)])


def test_shift_by_more_than_one_year():
    assert shift_years("2023年7月至2024年1月", 2023, 2026) == ("2026年7月至2027年1月", [])
    assert shift_years("2023年度", 2023, 2022) == ("2022年度", [])


# --- plan_rollover -----------------------------------------------------------------------------


def test_rollover_lines_and_edits_of_the_example(example_grid):
    result = plan_rollover(read_grid_model(example_grid), 2024)
    assert (result.old_year, result.new_year, result.target) == (2023, 2024, None)
    assert result.lines[:2] == [
        ("附表1", "A2", "2023年部门整体支出绩效目标表", "2024年部门整体支出绩效目标表", "年度顺延"),
        ("附表1", "E16", "2023年度", "2024年度", "年度顺延"),
    ]
    assert len(result.lines) == 36 and result.changed == result.lines
    assert ("附表2", "D9") not in {(s, c) for s, c, *_ in result.lines}  # 「2021年入伍」
    *cells, prior, notes = result.plan.edits
    assert cells[:2] == [SetCell("附表1", 2, 1, "2024年部门整体支出绩效目标表"), SetCell("附表1", 16, 5, "2024年度")]
    assert len(cells) == 36
    # last year's values, before the list of changes (xladdin.history)
    assert (prior.name, prior.rows[1], prior.widths) == ("上年指标值", HISTORY_HEADER, (30, 8, 40, 16, 40))
    assert prior.rows[2] == ("附表1", "E14", "辖区内享受待遇人员数", 990, "")
    # 6 named rows with a value on 附表1 and on five 附表3s; 5 on the two whose 数量指标 is blank
    assert len(prior.rows) == 2 + 6 + 5 * 6 + 2 * 5
    head = f"由 2023 年度转入 2024 年度（{date.today():%Y-%m-%d}）；本表不参加校验，导出报送时不包含"
    assert notes == NoteSheet(NOTES_SHEET, ((head,), NOTES_HEADER, *result.lines), NOTES_WIDTHS)
    assert NOTES_SHEET == "转年说明" and NOTES_HEADER == ("工作表", "单元格", "原内容", "新内容", "说明")
    assert NOTES_WIDTHS == (30, 8, 50, 50, 30)


def test_clear_amounts_lists_every_typed_amount(example_grid):
    result = plan_rollover(read_grid_model(example_grid), 2024, clear_amounts=True)
    cleared = [line for line in result.lines if line[4] == "金额已清空"]
    assert cleared[:2] == [("附表1", "C7", "1326.19", "", "金额已清空"), ("附表1", "E7", "141.93", "", "金额已清空")]
    form2 = [(c, old) for s, c, old, _, _ in cleared if s == "附表2"]
    assert form2 == [
        ("C6", "2"),
        ("C7", "320"),
        ("C8", "28"),
        ("C9", "16"),
        ("C10", "345"),
        ("C11", "379.96"),
        ("C12", "93.3"),
    ]
    assert [(c, old) for s, c, old, _, _ in cleared if s == F3] == [("B5", "16"), ("E5", "16"), ("D20", "16")]
    assert len(cleared) == 2 + 7 + 7 * 3
    assert SetCell("附表2", 6, 3, None) in result.plan.edits and SetCell(F3, 20, 4, None) in result.plan.edits
    assert SetCell("附表2", 5, 3, None) not in result.plan.edits  # 合计 is a formula
    assert len(result.changed) == 36 + 30


def test_kept_years_and_bases_are_listed_not_changed(grid_copy):
    edit(grid_copy, F3, "B8", "奖励2023年入伍的新战士，2023年度内发放")
    edit(grid_copy, F3, "E20", "2023年标准：16人×10000元/人=160000元")
    edit(grid_copy, F3, "B20", "按株发〔2023〕19号")
    result = plan_rollover(read_grid_model(grid_copy), 2024)
    mine = [line for line in result.lines if line[0] == F3]
    assert (F3, "B8", "奖励2023年入伍的新战士，2023年度内发放", "（未改动）", HISTORY) in mine
    assert (
        F3,
        "B8",
        "奖励2023年入伍的新战士，2023年度内发放",
        "奖励2023年入伍的新战士，2024年度内发放",
        "年度顺延",
    ) in mine
    assert (F3, "E20", "2023年标准：16人×10000元/人=160000元", "（未改动）", "测算依据中的年份，请核对") in mine
    assert (F3, "B20", "按株发〔2023〕19号", "（未改动）", DOC) in mine
    edits = {(e.sheet, e.row, e.col): e.value for e in result.plan.edits if isinstance(e, SetCell)}
    assert edits[(F3, 8, 2)] == "奖励2023年入伍的新战士，2024年度内发放"
    assert (F3, 20, 5) not in edits and (F3, 20, 2) not in edits
    assert len(result.changed) == 37  # the 36 of the example and B8
    # the basis of the seed names 〔2011〕 only: no line for it
    assert not [line for line in plan_rollover(read_grid_model(grid_copy), 2024).lines if line[1] == "E21"]


def test_formulas_and_sheets_that_are_no_form_are_left_alone(grid_copy):
    grid_copy.sheets.insert(0, SheetGrid("说明", [["2023年填表说明"]]))  # before the forms: they still move
    grid_copy.sheet(F3).formulas[(7, 2)] = '=""&"2023年"'  # a formula whose value names the year
    result = plan_rollover(read_grid_model(grid_copy), 2024)
    sheets = {line[0] for line in result.lines}
    assert "说明" not in sheets
    assert (F3, "B7") not in {(s, c) for s, c, *_ in result.lines}
    assert (F3, "B6") in {(s, c) for s, c, *_ in result.lines}
    assert len(result.lines) == 36  # the example's (its B7 names 2021 only)


@pytest.mark.parametrize("year", [2000, 2100])
def test_years_at_the_bounds_are_accepted(example_grid, year):
    assert plan_rollover(read_grid_model(example_grid), year).new_year == year


@pytest.mark.parametrize(
    ("year", "message"),
    [(1999, "年度 1999 无效"), (2101, "年度 2101 无效"), (2023, "工作簿已是 2023 年度，请指定另一个年度")],
)
def test_rollover_refusals(example_grid, year, message):
    with pytest.raises(RolloverError) as err:
        plan_rollover(read_grid_model(example_grid), year)
    assert str(err.value) == message


def test_rollover_without_a_year_is_refused(example_grid):
    reading = read_grid_model(example_grid)
    reading.submission.year = None
    with pytest.raises(RolloverError) as err:
        plan_rollover(reading, 2024)
    assert str(err.value) == "找不到预算年度：表头标题中没有「XXXX年」"


def test_changed_keeps_only_moves_and_clearings():
    r = Rollover(2023, 2024)
    r.lines = [
        ("a", "A1", "x", "y", "年度顺延"),
        ("a", "A2", "x", "（未改动）", DOC),
        ("a", "A3", "1", "", "金额已清空"),
    ]
    assert r.changed == [r.lines[0], r.lines[2]]
    assert Rollover(2023, 2024).lines == [] and Rollover(2023, 2024).plan.edits == []


# --- files -------------------------------------------------------------------------------------


def test_default_target(tmp_path):
    assert default_target(tmp_path / "石峰2023绩效.xlsm", 2023, 2024) == tmp_path / "石峰2024绩效.xlsm"
    assert default_target(tmp_path / "绩效.xlsx", 2023, 2024) == tmp_path / "绩效-2024年度.xlsx"


def test_rollover_file_writes_beside_the_source(work):
    result = rollover_file(work, None, 2024)
    assert result.target == work.with_name("work-2024年度.xlsx") and result.target.exists()


def test_rollover_file_refusals(work, tmp_path):
    with pytest.raises(RolloverError) as err:
        rollover_file(work, tmp_path / "next.xlsm", 2024)
    assert str(err.value) == "输出文件的扩展名应与原文件相同（.xlsx）"
    src = tmp_path / "2023.xlsx"
    shutil.copy(work, src)
    with pytest.raises(RolloverError) as err:
        rollover_file(src, tmp_path / "sub" / ".." / "2023.xlsx", 2024)
    assert str(err.value) == "输出文件不能是原文件"


def test_a_next_year_alone_does_not_stop_the_rest():
    assert shift_years("2024年与2023年度", 2023, 2024) == ("2024年与2024年度", [])


def test_a_duplicate_form_sheet_is_not_rolled(grid_copy):
    import copy

    twice = copy.deepcopy(grid_copy.sheet("附表2"))
    twice.name = "附表2 (2)"
    grid_copy.sheets.append(twice)
    result = plan_rollover(read_grid_model(grid_copy), 2024)
    assert "附表2 (2)" not in {line[0] for line in result.lines}
    assert len(result.lines) == 36


def test_a_basis_cell_does_not_stop_its_row(grid_copy):
    edit(grid_copy, F3, "E20", "株发〔2023〕19号")  # a document number only: listed all the same
    edit(grid_copy, F3, "F20", "2023年备注")
    lines = plan_rollover(read_grid_model(grid_copy), 2024).lines
    assert (F3, "E20", "株发〔2023〕19号", "（未改动）", "测算依据中的年份，请核对") in lines
    assert (F3, "F20", "2023年备注", "2024年备注", "年度顺延") in lines


def test_rollover_file_takes_the_suffix_in_any_case(work, tmp_path):
    result = rollover_file(work, tmp_path / "next.XLSX", 2024)
    assert result.target == tmp_path / "next.XLSX" and result.target.exists()


def test_rollover_file_clears_amounts_when_asked(work, tmp_path):
    result = rollover_file(work, tmp_path / "cleared.xlsx", 2024, clear_amounts=True)
    assert len([line for line in result.lines if line[4] == "金额已清空"]) == 30
