"""导入旧表 (xladdin/commands/importer.py): its helpers on values and forms built in memory, and
plan_import on the example's grid changed by hand (load_grid replaced by the grid itself, so no file
is read): the exact notes, changes, report lines and refusals.

Expected values come from the seed example (its cells, typed amounts and titles) and from hand
arithmetic (元 ÷ 10000).
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

import pytest

from xladdin import model
from xladdin.cli import main
from xladdin.commands import importer
from xladdin.commands.importer import (
    FormMap,
    ImportRefused,
    ImportResult,
    Note,
    _amount,
    _amounts,
    _blank,
    _carried,
    _cells,
    _col,
    _consumed,
    _drop_label_values,
    _form2_of,
    _get,
    _in_wan,
    _inline,
    _is_label,
    _labels,
    _number,
    _numbers,
    _order_funds,
    _rc,
    _ref,
    _same_number,
    _set,
    _set_year,
    _span,
    _to_wan,
    _undated,
    default_target,
    import_file,
    load_grid,
    notes_rows,
    plan_import,
)
from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.model import Detail, FundRow, Indicator, Placement

LABELS = _labels()
F3 = "附表3-烈士纪念设施整修"
NOT_FORM = "未能识别为附表1、附表2或附表3，未导入"


def put(grid: BookGrid, sheet: str, ref: str, value: object) -> None:
    """A value typed into a source cell (as another bureau's workbook holds it: no recalculation)."""
    row, col = _rc(ref)
    grid.sheet(sheet).set(row, col, value)


@pytest.fixture()
def planned(monkeypatch):
    """plan_import on an in-memory grid: (result, specs, title)."""

    def run(grid: BookGrid, year: int | None = None, name: str = "源.xlsx"):
        monkeypatch.setattr(importer, "load_grid", lambda src, workdir: grid)
        return plan_import(Path(name), year)

    return run


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,326.19", 1326.19),
        (" 2 ", 2),
        ("１２", 12),
        ("0.50", 0.5),
        ("100%", "100%"),
        ("约5", "约5"),
        (5, 5),
        (None, None),
    ],
)
def test_number(value, expected):
    got = _number(value)
    assert got == expected and type(got) is type(expected)


def test_number_keeps_the_very_object_when_not_a_number():
    text = "一百"
    assert _number(text) is text


def test_get_and_set_reach_nested_fields():
    form = model.Form3()
    _set(form, "signature.phone", "123")
    _set(form, "direction", "甲")
    assert form.signature.phone == "123" and _get(form, "signature.phone") == "123"
    assert _get(form, "direction") == "甲"


def test_to_wan_divides_amounts_only():
    form = model.Form3(
        project_amount=3309840,
        parent_amount="三百万",
        detail_total=20000.0,
        details=[Detail(amount=15), Detail(amount=True), Detail(amount=None)],
        indicators=[Indicator(value=5000)],
    )
    assert _to_wan(form) == 3
    assert form.project_amount == 330.984 and isinstance(form.project_amount, float)
    assert form.parent_amount == "三百万"
    assert form.detail_total == 2 and type(form.detail_total) is int
    assert [d.amount for d in form.details] == [0.0015, True, None]
    assert form.indicators[0].value == 5000  # 指标值 are not amounts
    form2 = model.Form2(funds=[FundRow(amount=10000)])
    form2.total.amount = 30000
    assert _to_wan(form2) == 2 and form2.funds[0].amount == 1 and form2.total.amount == 3
    form1 = model.Form1(total=10000, basic=5000, project=None)
    assert _to_wan(form1) == 2 and (form1.total, form1.basic) == (1, 0.5)


def test_in_wan():
    assert _in_wan("3,309,840") == 330.984 and _in_wan(20000) == 2 and isinstance(_in_wan(20000), float)
    assert _in_wan("甲") == "甲" and _in_wan(True) is True and _in_wan(None) is None


def test_numbers_turns_text_amounts_and_values_into_numbers():
    form = model.Form3(
        project_amount="1,326.19",
        parent_amount=2,
        detail_total="合计",
        details=[Detail(amount="15")],
        indicators=[Indicator(value="112"), Indicator(value="100%"), Indicator(name="12")],
    )
    assert _numbers(form) == 2  # 指标值 and table amounts
    form.sheet, form.place.fields["project_amount"] = "Sheet1", "C5"
    assert _amounts(form, False) == (1, [])  # 「1,326.19」 prints as 1326.19: nothing to note
    assert (form.project_amount, form.parent_amount, form.detail_total) == (1326.19, 2, "合计")
    assert form.details[0].amount == 15 and [i.value for i in form.indicators] == [112, "100%", None]
    assert form.indicators[2].name == "12"
    form1 = model.Form1(total="５", gov_fund=" 3 ")
    assert _amounts(form1, False) == (2, []) and (form1.total, form1.gov_fund) == (5, 3)
    form2 = model.Form2(funds=[FundRow(amount="7", name="8")])
    assert _numbers(form2) == 1 and form2.funds[0].amount == 7 and form2.funds[0].name == "8"


# --- labels and 「标签：值」 cells ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "*指标值",
        "审核意见",
        "金额单位：万元",
        "单位：万元",
        "（盖章）",
        "本年度 绩效指标",
        "合  计",
        "部门职责概述",
        "万元",
        "盖章",
        "金额单位：万元 年度绩效指标",
    ],
)
def test_labels(text):
    assert _is_label(text, LABELS)


@pytest.mark.parametrize("text", ["张三", "审核意见：同意上报", "合计 100", "备注：与上年一致", "指标值 95%"])
def test_not_labels(text):
    assert not _is_label(text, LABELS)


def test_inline_places_each_part():
    form = model.Form3()
    assert _inline(form, "填表人：张三  联系电话：123") == (
        [("signature.filler", "张三"), ("signature.phone", "123")],
        True,
    )
    assert (form.signature.filler, form.signature.phone) == ("张三", "123")
    # what is held already agrees: nothing more to place, every part accounted for
    assert _inline(form, " 填表人: 张三 ") == ([], True)
    assert _inline(form, "填表人：李四") == ([], False)


def test_inline_labels_with_a_stamp_and_values_with_one():
    form = model.Form3()
    assert _inline(form, "单位负责人签字（盖章）：李四") == ([("signature.head", "李四")], True)
    assert _inline(form, "填报单位：石峰区（ 盖 章 ）") == ([("unit", "石峰区")], True)
    form = model.Form3()
    assert _inline(form, "单位负责人（盖章）:王五") == ([("signature.head", "王五")], True)


def test_inline_units_and_empty_values():
    form = model.Form3()
    assert _inline(form, "金额单位：万元") == ([], True)
    assert _inline(form, "金额单位：元") == ([], True)
    assert _inline(form, "单位：（万元）") == ([], True)
    assert _inline(form, "金额单位：美元") == ([], False)
    assert _inline(form, "填表人：") == ([], True)
    assert _inline(form, "张三") == ([], False)
    assert _inline(form, "说明 填表人：张三") == ([("signature.filler", "张三")], False)
    assert _inline(form, "、：填表人：赵六") == ([], False)  # held 张三 already: 赵六 differs


def test_inline_total_is_a_number_and_fields_the_form_lacks_do_not_fit():
    form1 = model.Form1()
    assert _inline(form1, "资金总额：1,326.19") == ([("total", 1326.19)], True)
    assert _inline(form1, "资金总额：1326.190") == ([], True)  # the same amount, written longer: agrees
    assert _inline(model.Form3(), "资金总额：5") == ([], False)  # 附表3 has no 资金总额


def test_drop_label_values():
    form = model.Form3(unit="金额单位：万元", direction="甲", title="填表人：张三")
    form.place = Placement(fields={"unit": "C3", "direction": "B4", "title": "A2", "nothing.here": "Z9"})
    _drop_label_values(form)
    assert form.unit is None and form.title is None and form.direction == "甲"
    assert form.place.fields == {"direction": "B4", "nothing.here": "Z9"}


# --- cells -------------------------------------------------------------------------------------


def test_consumed_and_carried():
    form = model.Form3(
        direction="烈士墓", project_amount=1326.19, indicators=[Indicator("产出指标", None, "率", "≥95%")]
    )
    form.place = Placement(
        fields={"direction": "B4", "project_amount": "AB5", "bad": "5B"},
        rows={"indicators": [10, 11]},
        columns={"indicators": {"name": "D", "value": "E"}},
    )
    assert _consumed(form) == {
        (4, 2): "direction",
        (5, 28): "project_amount",
        (10, 4): "indicators",
        (10, 5): "indicators",
        (11, 4): "indicators",
        (11, 5): "indicators",
    }
    assert _carried(form, "indicators", 10, "95")  # the reader joined 「≥」「95」「%」
    assert _carried(form, "indicators", 10, "产出指标")
    assert not _carried(form, "indicators", 10, "定量")
    assert _carried(form, "indicators", 11, "anything")  # a row the reader kept out of the table
    assert _carried(form, "indicators", 99, "anything")
    assert _carried(form, "project_amount", 5, "1,326.19")
    assert _carried(form, "project_amount", 5, "1326.194")
    assert not _carried(form, "project_amount", 5, "1326.2")
    assert _carried(form, "direction", 4, "烈士 墓")
    assert not _carried(form, "direction", 4, "烈士墓维护")
    assert not _carried(form, "period", 6, "2023年度")  # held None
    assert not _carried(form, "no_such_field", 6, "x")


def test_small_helpers():
    assert [_col(x) for x in ("A", "Z", "AA", "AZ", "BA")] == [1, 26, 27, 52, 53]
    assert _ref(3, 28) == "AB3" and _rc("AB3") == (3, 28) and _rc("3AB") == (0, 0) and _rc("b3") == (0, 0)
    sheet = SheetGrid("s", [["甲", None, "  "], [None, 0, "\n"], [" 乙 "]])
    assert list(_cells(sheet)) == [(1, 1, "甲"), (2, 2, 0), (3, 1, " 乙 ")]
    assert _span([]) == "无" and _span([5]) == "第5行" and _span([14, 15, 22]) == "第14–22行"
    assert _blank(None) and _blank(" ") and _blank("") and not _blank(0) and not _blank("x")
    assert _same_number(1, "1.005") and not _same_number(1, 1.0051) and _same_number(None, None)
    assert _same_number("甲 ", " 甲") and not _same_number("甲", "乙") and not _same_number("1", "甲")


def test_order_funds():
    sub = model.Submission(form2=model.Form2(funds=[FundRow(name="乙"), FundRow(name=None), FundRow(name="甲")]))
    a, b, c = model.Form3(direction="甲"), model.Form3(direction="丙", parent_name="乙"), model.Form3(direction="丁")
    sub.form3s = [a, b, c]
    assert _order_funds(sub) is True and sub.form3s == [b, a, c]
    assert _order_funds(sub) is False
    sub.form3s = [a]
    assert _order_funds(sub) is False
    sub.form2, sub.form3s = None, [c, a]
    assert _order_funds(sub) is False and sub.form3s == [c, a]


def test_undated_and_form2_of():
    from xladdin.build.template import blank_submission

    blank = _undated(blank_submission(2027))
    assert blank.form1.title == "部门整体支出绩效目标表" and blank.form2.title == "区级专项资金绩效目标汇总表"
    assert all(i.name is None and i.value is None for i in blank.form1.indicators)
    assert [i.level2 for i in blank.form1.indicators][:2] == ["数量指标", "质量指标"]
    f3s = [
        model.Form3(direction="甲", project_amount=2, period_goal="p", annual_goal="a"),
        model.Form3(direction="乙", parent_name="丙", project_amount=3),
    ]
    form2 = _form2_of(f3s, None)
    assert form2.funds == [FundRow("一", "甲", 2, "p", "a"), FundRow("二", "丙", 3, None, None)]
    given = model.Form2(title="T")
    assert _form2_of(f3s, given) is given and given.title == "T" and len(given.funds) == 2


def test_set_year():
    sub = model.Submission(
        form1=model.Form1(sheet="附表1", title="2023年部门整体支出绩效目标表"),
        form2=model.Form2(title=None),
        form3s=[model.Form3(sheet="表格3", title="专项资金表"), model.Form3(sheet="表格4", title="2024年某表")],
    )
    assert _set_year(sub, 2024) == [
        "附表1 标题：「2023年部门整体支出绩效目标表」→「2024年部门整体支出绩效目标表」",
        "附表2 标题：「空」→「2024年区级专项资金绩效目标汇总表」",
    ]
    assert sub.year == 2024 and sub.form3s[0].title == "专项资金表"
    assert sub.form1.title == "2024年部门整体支出绩效目标表" and sub.form2.title == "2024年区级专项资金绩效目标汇总表"
    assert sub.form3s[1].title == "2024年某表"  # already the year: unchanged
    sub.form3s[0].title = ""
    sub.form3s[0].sheet = ""
    assert _set_year(sub, 2025)[-2:] == [
        "附表3 标题：「空」→「2025年区级专项资金支出方向绩效目标表」",
        "表格4 标题：「2024年某表」→「2025年某表」",
    ]


def test_notes_rows():
    result = ImportResult(Path("x"), None, model.Submission(), notes=[Note("s", "A1", "t", "w")])
    assert notes_rows(result) == [["位置（源文件）", "内容", "说明"], ["s!A1", "t", "w"]]
    result.notes = [Note("表格1", "E3", "t", "w", word=True), Note("表格2", "?", "t", "w", word=True)]
    assert [row[0] for row in notes_rows(result)[1:]] == ["表格1 第3行第5列", "表格2 ?"]


def test_amounts_written_with_their_unit_become_numbers_the_original_noted():
    form = model.Form3(sheet="Sheet1", project_amount="250万", parent_amount="6.30", detail_total="854万(其中…)")
    form.place.fields.update(project_amount="C5", parent_amount="E5", detail_total="D30")
    n, notes = _amounts(form, False)
    assert n == 3 and (form.project_amount, form.parent_amount, form.detail_total) == (250, 6.3, 854)
    where = [("Sheet1!C5", "250万"), ("Sheet1!E5", "6.30"), ("Sheet1!D30", "854万(其中…)")]
    assert [(x.where, x.text) for x in notes] == where
    assert notes[0].why == "项目金额：原文「250万」，按 250（万元）填入"
    assert _amount("二百五十万") == "二百五十万" and _amount("250元") == "250元" and _amount(3) == 3


# --- report_lines --------------------------------------------------------------------------------


def test_report_lines():
    forms = [
        FormMap("表格1", "附表1", "form1", ["部门名称 B4→B4"], ["年度绩效指标 9 行：第14–22行 → 第14–22行"]),
        FormMap("表格3", "专项甲", "form3"),
    ]
    notes = [Note("s", "A1", "一二三四五六七八九十" * 4, "w"), Note("s", "A2", "甲\n乙" + "丙" * 40, "v")]
    result = ImportResult(Path("/d/源.docx"), Path("/d/新.xlsm"), model.Submission(), forms, notes, ["改了"])
    assert result.report_lines() == [
        "导入：源.docx",
        "\n表格1 → 附表1",
        "  字段：部门名称 B4→B4",
        "  年度绩效指标 9 行：第14–22行 → 第14–22行",
        "\n表格3 → 专项甲（附表3）",
        "\n说明：",
        "  改了",
        "\n未能放入表格的内容 2 处（已列在「导入备注」工作表）：",
        "  s!A1  " + "一二三四五六七八九十" * 4 + "  —— w",
        "  s!A2  甲 乙" + "丙" * 37 + "…  —— v",
        "\n已生成：/d/新.xlsm",
    ]


def test_report_lines_without_notes_and_with_many():
    result = ImportResult(Path("源.xlsx"), None, model.Submission())
    assert result.report_lines() == ["导入：源.xlsx", "\n源文件中的内容已全部放入表格。"]
    result.notes = [Note("s", f"A{n}", str(n), "w") for n in range(1, 43)]
    lines = result.report_lines()
    assert lines[1] == "\n未能放入表格的内容 42 处（已列在「导入备注」工作表）："
    assert lines[2] == "  s!A1  1  —— w" and lines[41] == "  s!A40  40  —— w"
    assert lines[42:] == ["  …… 另有 2 处，见「导入备注」"]
    result.notes = result.notes[:40]
    assert result.report_lines()[-1] == "  s!A40  40  —— w"


# --- plan_import on the example's grid -----------------------------------------------------------


def test_the_example_imports_as_it_is(example_grid, planned):
    result, specs, title = planned(copy.deepcopy(example_grid))
    assert result.notes == [] and result.changes == []
    assert title == "2023年预算绩效目标表 株洲市石峰区退役军人事务局"
    assert [s.name for s in specs] == [s.name for s in example_grid.sheets if s.name != "自查"]  # forms only
    lines = result.report_lines()
    assert lines[:5] == [
        "导入：源.xlsx",
        "\n附表1 → 附表1",
        "  字段：标题 A2→A2；部门名称 B4→B4；资金总额 C5→C5；一般公共预算拨款 C7→C7；基本支出 E7→E7；"
        "项目支出 E8→E8；部门职责概述 B10→B10",
        "  年度重点工作计划 1 行：第12行 → 第12行",
        "  年度绩效指标 9 行：第14–22行 → 第14–22行",
    ]
    assert lines[-1] == "\n源文件中的内容已全部放入表格。"
    assert [(m.source, m.target, m.kind) for m in result.forms][:3] == [
        ("附表1", "附表1", "form1"),
        ("附表2", "附表2", "form2"),
        (F3, F3, "form3"),
    ]
    assert result.forms[2].tables == ["年度绩效指标 9 行：第10–18行 → 第10–18行", "支出明细 1 行：第20行 → 第20行"]


def test_text_amounts_become_numbers(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, "附表1", "C7", "1,326.19")
    put(grid, "附表2", "C6", "2")
    put(grid, F3, "D20", " 2 ")
    result, _, _ = planned(grid)
    assert result.changes == ["3 个以文字写成的金额/指标值已转为数字"]
    sub = result.submission
    assert sub.form1.general_budget == 1326.19 and sub.form2.funds[0].amount == 2
    assert sub.form3s[0].details[0].amount == 2
    assert result.notes == []


def test_amounts_in_yuan_are_divided(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, F3, "E3", "金额单位：元")
    for ref in ("B5", "E5", "D20", "D21"):
        put(grid, F3, ref, 20000)
    result, _, _ = planned(grid)
    assert result.changes == [f"{F3} 的金额单位为「元」：4 个金额已换算为万元（÷10000），请核对"]
    form = result.submission.form3s[0]
    assert (form.project_amount, form.parent_amount, form.details[0].amount, form.detail_total) == (2, 2, 2, 2)
    assert result.submission.form2.funds[0].amount == 2  # 附表2 says 万元: its amounts stay
    # the amounts were imported (in 万元): each field is listed once with its original, none as left out
    assert [(n.cell, n.text, n.why) for n in result.notes] == [
        ("B5", "20000", "项目金额：原文 20000（元），按 2（万元）填入"),
        ("E5", "20000", "所属专项金额：原文 20000（元），按 2（万元）填入"),
        ("D21", "20000", "支出明细合计：原文 20000（元），按 2（万元）填入"),
        ("D20", "20000", "支出明细金额：原文 20000（元），按 2（万元）填入"),
    ]


def test_sheets_that_are_no_form(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    grid.sheets.append(SheetGrid("隐藏", [["甲", None, "  "], [None, 5]], hidden=True))
    grid.sheets.append(SheetGrid("说明", [["金额单位为万元"]]))
    grid.sheets.append(SheetGrid("校验结果", [["旧的校验结果"]]))
    grid.sheets.append(SheetGrid("导入备注", [["来源"]]))
    duplicate = copy.deepcopy(grid.sheet("附表2"))
    duplicate.name = "附表2 (2)"
    grid.sheets.append(duplicate)
    result, _, _ = planned(grid)
    twice = "重复的附表，只导入了第一张，此表未导入"
    assert result.notes[:5] == [
        Note("隐藏", "A1", "甲", "隐藏的工作表，不是附表，未导入"),
        Note("隐藏", "B2", "5", "隐藏的工作表，不是附表，未导入"),
        Note("说明", "A1", "金额单位为万元", NOT_FORM),
        Note("导入备注", "A1", "来源", NOT_FORM),
        Note("附表2 (2)", "A1", "附表2", twice),
    ]
    assert {n.why for n in result.notes[4:]} == {twice}
    assert len(result.notes) == 4 + sum(1 for _ in _cells(duplicate))
    assert "\n未能放入表格的内容" in result.report_lines()[-1 - min(40, len(result.notes)) - 1]


def test_stray_cells_on_a_form_are_listed(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, "附表1", "G4", "备注：与上年一致")
    put(grid, "附表1", "A26", "审核意见")  # a label: nothing lost
    put(grid, "附表1", "A27", "说明 填表人：张三")  # only its 填表人 fits
    put(grid, "附表1", "A28", "填表人：张三")  # the same again: held
    result, _, _ = planned(grid)
    assert result.notes == [
        Note("附表1", "G4", "备注：与上年一致", "不在表格的标准位置"),
        Note("附表1", "A27", "说明 填表人：张三", "只导入了其中的 填表人"),
    ]
    assert result.submission.form1.signature.filler == "张三"
    assert "填表人 A27（「标签：值」）→B24" in result.forms[0].fields


def test_a_formula_cell_typed_otherwise_is_listed(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, "附表1", "C5", 1300)
    result, _, _ = planned(grid)
    assert result.notes == [
        Note(
            "附表1",
            "C5",
            "1300",
            "附表1!C5（资金总额）在新表中是公式，计算结果为 1326.19，与原表所填不同",
        )
    ]


def test_year_given_is_moved_after_the_plan(example_grid, planned):
    """A dated source keeps its year in the plan: import_file moves it on as rollover does (see
    tests/test_import.py::test_year_moves_what_rollover_moves); only an undated source takes it in its titles."""
    result, _, title = planned(copy.deepcopy(example_grid), year=2024)
    assert not [c for c in result.changes if "标题" in c] and result.submission.year == 2023
    assert title == "2023年预算绩效目标表 株洲市石峰区退役军人事务局"


def test_fund_sheets_follow_form2(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    grid.sheets[2], grid.sheets[3] = grid.sheets[3], grid.sheets[2]
    result, specs, _ = planned(grid)
    assert result.changes == ["附表3 按附表2 所列专项的顺序排列"]
    assert [s.name for s in specs][2:4] == [F3, "附表3-城镇军队退役人员就业援助资金"]


def test_one_fund_sheet_alone(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    grid.sheets = [s for s in grid.sheets if s.name == F3]
    put(grid, F3, "E4", None)
    put(grid, F3, "E5", None)
    result, specs, title = planned(grid)
    assert result.changes == [
        "1 张附表3 没有「所属专项」：按项目本身填写（名称、金额同支出方向）",
        "源文件只有项目表：作为项目申报导入，不生成附表1、附表2",
    ]
    sub = result.submission
    f3 = sub.form3s[0]
    assert (f3.parent_name, f3.parent_amount) == ("烈士纪念设施整修", 2)
    assert sub.form1 is None and sub.form2 is None  # a project declaration
    assert [m.source for m in result.forms] == [F3]
    assert title == "2023年预算绩效目标表"
    assert [s.name for s in specs] == [F3]


def test_form1_alone_and_no_year(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    grid.sheets = [grid.sheet("附表1")]
    put(grid, "附表1", "A2", "部门整体支出绩效目标表")
    result, specs, title = planned(grid)
    # no 附表2 in the source: marked 「本次未提供」, carrying 附表1's 项目支出 (=附表2 合计 in our template),
    # and so are its 填报单位 and signature lines (the form the import made has none of the source's)
    assert result.changes == [
        "源文件中没有附表2：新工作簿中附表2 标为「本次未提供」，"
        "金额为附表1 的项目支出 1184.26（附表1 项目支出取自附表2 合计）",
        "源文件没有的栏目标为「本次未提供」（校验不检查，填写后即照常检查）：附表2：填报单位、单位负责人签字、填表人、联系电话",
    ]
    assert [(f.name, f.amount) for f in result.submission.form2.funds] == [("本次未提供", 1184.26)]
    assert result.submission.year is None and result.submission.form2.title == "区级专项资金绩效目标汇总表"
    assert title == "年预算绩效目标表 株洲市石峰区退役军人事务局"
    assert [s.name for s in specs] == ["附表1", "附表2"]


def test_no_form_at_all_is_refused(planned):
    with pytest.raises(ReadError) as err:
        planned(BookGrid([SheetGrid("Sheet1", [["随便写的"]])]), name="随便.xlsx")
    assert err.value.zh == (
        "在「随便.xlsx」中找不到附表1、附表2或附表3（部门整体支出绩效目标表、专项资金绩效目标汇总表、"
        "专项资金支出方向绩效目标表），无法导入"
    )


# --- load_grid, import_file, default_target, CLI ----------------------------------------------------


def test_load_grid_reads_word_and_workbooks(tmp_path, example_file):
    import docx

    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 1).text = "附表3"
    src = tmp_path / "表.DOCX"
    document.save(str(src))
    grid = load_grid(src, tmp_path)
    assert grid.path == str(src) and grid.sheets[0].rows == [[None, "附表3"]]
    book = load_grid(example_file, tmp_path)
    assert [s.name for s in book.sheets][:2] == ["附表1", "附表2"] and book.path == str(example_file)


def test_load_grid_refusals(tmp_path):
    with pytest.raises(ReadError) as err:
        load_grid(tmp_path / "没有.docx", tmp_path)
    assert err.value.zh == f"找不到文件：{tmp_path / '没有.docx'}"
    for name, what in (("a.txt", ".txt"), ("noext", "（无扩展名）")):
        (tmp_path / name).write_text("x")
        with pytest.raises(ReadError) as err:
            load_grid(tmp_path / name, tmp_path)
        assert err.value.zh == (f"不支持的文件类型 {what}：请选择 Word（.docx/.doc）或工作簿（.xlsx/.xlsm/.xls/.ods）")


def test_import_file_refusals(tmp_path, example_file):
    with pytest.raises(ImportRefused) as err:
        import_file(example_file, tmp_path / "out.xls")
    assert str(err.value) == "输出文件须为 .xlsm（含宏和功能区）或 .xlsx：out.xls"
    taken = tmp_path / "taken.XLSX"
    taken.write_bytes(b"keep")
    with pytest.raises(ImportRefused) as err:
        import_file(example_file, taken)
    assert str(err.value) == f"文件「{taken}」已存在，不会覆盖：请换一个文件名，或先移走原文件"
    link = tmp_path / "link.xlsm"
    link.symlink_to(tmp_path / "nowhere.xlsm")
    with pytest.raises(ImportRefused) as err:
        import_file(example_file, link)
    assert "已存在" in str(err.value)
    with pytest.raises(ImportRefused) as err:
        import_file(tmp_path / "same.xlsx", tmp_path / "same.xlsx")
    assert str(err.value) == "输出文件不能与源文件相同"
    assert taken.read_bytes() == b"keep" and not (tmp_path / "out.xls").exists()


def test_import_file_writes_xlsx_with_the_notes_sheet(tmp_path, example_file):
    import openpyxl

    src = tmp_path / "src.xlsx"
    wb = openpyxl.load_workbook(example_file)
    wb["附表1"]["G4"] = "备注"
    wb.save(src)
    result = import_file(src, tmp_path / "out.xlsx")
    assert result.out == tmp_path / "out.xlsx"
    out = openpyxl.load_workbook(result.out)
    assert out.sheetnames[-1] == "导入备注"
    assert [[c.value for c in row] for row in out["导入备注"].iter_rows()] == [
        ["位置（源文件）", "内容", "说明"],
        ["附表1!G4", "备注", "不在表格的标准位置"],
    ]
    notes = out["导入备注"]
    assert [int(notes.column_dimensions[c].width) for c in "ABC"] == [26, 50, 40]
    assert notes["A1"].font.b and notes["B2"].alignment.wrap_text and notes["B2"].border.left.style == "thin"
    assert notes.page_setup.paperSize == 9 and notes.sheet_properties.pageSetUpPr.fitToPage
    assert notes.page_setup.fitToHeight == 0 and notes.print_title_rows == "$1:$1" and notes.freeze_panes == "A2"
    assert out["导入备注"].sheet_state == "visible"
    assert out.properties.title == "2023年预算绩效目标表 株洲市石峰区退役军人事务局"
    assert out["附表1"]["C5"].value == "=SUM(C7,C8,C9)"


def test_default_target(tmp_path):
    src = tmp_path / "旧表.docx"
    assert default_target(src) == tmp_path / "旧表-导入.xlsm"
    (tmp_path / "旧表-导入.xlsm").write_bytes(b"")
    assert default_target(src) == tmp_path / "旧表-导入(2).xlsm"


@pytest.mark.parametrize("year", ["1999", "2101"])
def test_cli_refuses_an_unreasonable_year(year, tmp_path, capsys, example_file):
    assert main(["import", str(example_file), "--out", str(tmp_path / "o.xlsm"), "--year", year]) == 2
    assert f"年度 {year} 不合理（应为 2000–2100）" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsm").exists()


def test_cli_import_prints_the_report(tmp_path, capsys, example_file):
    out = tmp_path / "o.xlsx"
    assert main(["import", str(example_file), "--out", str(out), "--year", "2100"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("导入：example.xlsx\n") and printed.endswith(f"\n已生成：{out}\n")
    import openpyxl

    assert "导入备注" not in openpyxl.load_workbook(out).sheetnames  # nothing to list
    assert "转年说明" in openpyxl.load_workbook(out).sheetnames  # the year moved on as rollover moves it
    assert "各表中的年度由 2023 顺延到 2100（与「转入下一年度」相同）" in printed


def test_cli_passes_a_refusal_on_in_one_line(tmp_path, capsys, example_file):
    assert main(["import", str(example_file), "--out", str(tmp_path / "o.csv")]) == 2
    assert (
        capsys.readouterr().err == "错误：输出文件须为 .xlsm（含宏和功能区）或 .xlsx：o.csv（error: nothing written）\n"
    )


def test_cli_help_texts(capsys):
    parser = argparse.ArgumentParser(prog="xladdin")
    importer.register(parser.add_subparsers())
    assert "导入旧表：Word 或其他格式的工作簿 → 本模板的工作簿" in parser.format_help()
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert ".docx/.doc（Word 表格）或 .xlsx/.xlsm/.xls/.ods 工作簿" in text
    assert "新工作簿 .xlsm（不会覆盖已有文件）" in text
    assert "转入的预算年度：各表中的年度与 rollover 一样顺延（清单见「转年说明」工作表）" in text
    args = parser.parse_args(["import", "a.docx", "--out", "b.xlsm"])
    assert (args.source, args.out, args.year, args.func) == ("a.docx", "b.xlsm", None, importer.cmd_import)
    assert parser.parse_args(["import", "a", "--out", "b", "--year", "2024"]).year == 2024
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "a.docx"])  # --out is required


# --- more edges ----------------------------------------------------------------------------------


def test_inline_more_labels_and_parts():
    form = model.Form3()
    assert _inline(form, "填报人：赵") == ([("signature.filler", "赵")], True)
    for unit in ("金额：万元", "填报日期：", "日期：", "金额单位：", "单位：元"):
        assert _inline(model.Form3(), unit) == ([], True), unit
    assert _inline(model.Form3(), "、填表人：赵六") == ([("signature.filler", "赵六")], True)
    assert _inline(model.Form3(), "说明 金额单位：万元") == ([], False)
    assert _inline(model.Form3(), "金额单位：万元 填表人：张三") == ([("signature.filler", "张三")], True)
    assert _inline(model.Form3(), "填表人： 联系电话：123") == ([("signature.phone", "123")], True)
    assert _inline(model.Form3(), "资金总额：5 填表人：张三") == ([("signature.filler", "张三")], False)
    form = model.Form3()
    form.signature.filler = ""
    assert _inline(form, "填表人：张三") == ([("signature.filler", "张三")], True)
    form.signature.filler = " 张三 "
    assert _inline(form, "填表人：张三") == ([], True)


def test_drop_label_values_reads_past_fields_the_form_lacks():
    form = model.Form3(unit=" 金额单位：万元")
    form.place = Placement(fields={"nothing.here": "Z9", "unit": "C3"})
    _drop_label_values(form)
    assert form.unit is None and form.place.fields == {"nothing.here": "Z9"}


def test_consumed_skips_a_table_without_columns():
    form = model.Form3(details=[Detail("甲")])
    form.place = Placement(rows={"details": [20]}, columns={})
    assert _consumed(form) == {}


def test_order_two_funds_and_undated_edges():
    sub = model.Submission(form2=model.Form2(funds=[FundRow(name="乙"), FundRow(name="甲")]))
    a, b = model.Form3(direction="甲"), model.Form3(direction="乙")
    sub.form3s = [a, b]
    assert _order_funds(sub) is True and sub.form3s == [b, a]
    blank = model.Submission(form1=None, form2=model.Form2(title="2027年甲（2027年版）"))
    blank.form3s = [model.Form3(title="2027年")]
    _undated(blank)
    assert blank.form2.title == "甲（2027年版）" and blank.form3s[0].title is None


def test_set_year_moves_the_first_year_only():
    sub = model.Submission(form1=model.Form1(sheet="附表1", title="2023年表（2023年版）"))
    assert _set_year(sub, 2024) == ["附表1 标题：「2023年表（2023年版）」→「2024年表（2023年版）」"]


def test_a_label_read_as_a_field_is_emptied(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, F3, "C3", "金额单位：万元")  # where 填报单位's value would be
    result, _, _ = planned(grid)
    assert result.submission.form3s[0].unit is None
    assert result.notes == []


def test_blank_formula_cells_are_not_compared(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, "附表1", "E8", None)
    put(grid, "附表2", "C5", "")
    result, _, _ = planned(grid)
    assert result.notes == []


def test_report_of_the_example_names_every_field_and_table(example_grid, planned):
    result, _, _ = planned(copy.deepcopy(example_grid))
    lines = result.report_lines()
    assert lines[5:8] == [
        "\n附表2 → 附表2",
        "  字段：标题 A2→A2；合计金额 C5→C5；合计行的实施期绩效目标 D5→D5；合计行的年度绩效目标 E5→E5",
        "  专项资金 7 行：第6–12行 → 第6–12行",
    ]
    assert lines[8:12] == [
        f"\n{F3} → {F3}",
        "  字段：标题 A2→A2；支出方向（子项） B4→B4；所属专项名称 E4→E4；项目金额 B5→B5；所属专项金额 E5→E5；"
        "项目实施期 B6→B6；实施期绩效目标 B7→B7；年度绩效目标 B8→B8；支出明细合计 D21→D21",
        "  年度绩效指标 9 行：第10–18行 → 第10–18行",
        "  支出明细 1 行：第20行 → 第20行",
    ]


def test_inline_cells_on_a_form_name_their_fields(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, "附表1", "A26", "单位负责人签字：李四 联系电话：123")
    put(grid, "附表1", "A27", "说明 填表人：张三 填报单位：石峰区")
    put(grid, "附表1", "C8", 0)
    put(grid, "附表1", "C9", 0)
    result, _, _ = planned(grid)
    assert result.notes == [
        Note("附表1", "A27", "说明 填表人：张三 填报单位：石峰区", "只导入了其中的 填表人、填报单位")
    ]
    fields = result.forms[0].fields
    assert "政府性基金拨款 C8→C8" in fields and "其他资金 C9→C9" in fields
    inline = [f for f in fields if "「标签：值」" in f]
    assert inline[:3] == [
        "单位负责人签字 A26（「标签：值」）→B23",
        "联系电话 A26（「标签：值」）→D24",
        "填表人 A27（「标签：值」）→B24",
    ]
    assert inline[3].startswith("填报单位 A27（「标签：值」）→")
    assert result.submission.form1.unit == "石峰区"


def test_a_fund_sheet_with_its_parent_amount_only(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    grid.sheets = [s for s in grid.sheets if s.name == F3]
    put(grid, F3, "E4", None)
    result, _, _ = planned(grid)
    assert not [c for c in result.changes if "所属专项" in c]
    assert result.submission.form3s[0].parent_name is None


def test_unreadable_and_missing_forms_say_so_in_english_too(tmp_path, planned):
    with pytest.raises(ReadError) as err:
        load_grid(tmp_path / "没有.docx", tmp_path)
    assert err.value.en == f"no such file: {tmp_path / '没有.docx'}"
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ReadError) as err:
        load_grid(tmp_path / "a.txt", tmp_path)
    assert err.value.en == "unsupported file type .txt"
    with pytest.raises(ReadError) as err:
        planned(BookGrid([SheetGrid("Sheet1", [["随便写的"]])]))
    assert err.value.en == "no 附表1/附表2/附表3 found in the source"


@pytest.mark.parametrize("suffix", [".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt"])
def test_old_word_formats_are_converted_first(suffix, tmp_path, monkeypatch):
    import docx

    from xladdin.io import convert

    converted = tmp_path / "converted.docx"
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "附表3"
    document.save(str(converted))
    calls = []
    monkeypatch.setattr(convert, "to_docx", lambda src, workdir: calls.append((src, workdir)) or converted)
    monkeypatch.setattr(convert, "to_xlsx", lambda src, workdir: pytest.fail("not a workbook"))
    src = tmp_path / f"旧{suffix.upper()}"
    src.write_bytes(b"old")
    grid = load_grid(src, tmp_path / "work")
    assert calls == [(src, tmp_path / "work")]
    assert grid.sheets[0].rows == [["附表3"]] and grid.path == str(src)


@pytest.mark.parametrize("suffix", [".xls", ".xlt", ".et", ".ett", ".ods", ".fods"])
def test_old_workbook_formats_are_converted_first(suffix, tmp_path, monkeypatch, example_file):
    from xladdin.io import convert

    calls = []
    monkeypatch.setattr(convert, "to_xlsx", lambda src, workdir: calls.append(src) or example_file)
    monkeypatch.setattr(convert, "to_docx", lambda src, workdir: pytest.fail("not a document"))
    src = tmp_path / f"旧{suffix}"
    src.write_bytes(b"old")
    grid = load_grid(src, tmp_path)
    assert calls == [src] and grid.sheets[0].name == "附表1" and grid.path == str(src)


@pytest.mark.parametrize("suffix", [".docm", ".dotx"])
def test_word_suffixes_read_as_word(suffix, tmp_path):
    import docx

    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "附表1"
    src = tmp_path / f"表{suffix}"
    document.save(str(src))
    assert load_grid(src, tmp_path).sheets[0].rows == [["附表1"]]


@pytest.mark.parametrize("suffix", [".xlsm", ".xltx", ".xltm"])
def test_workbook_suffixes_read_as_workbooks(suffix, tmp_path, example_file):
    import shutil

    src = tmp_path / f"表{suffix}"
    shutil.copy(example_file, src)
    assert load_grid(src, tmp_path).sheets[0].name == "附表1"


def _stub_import(monkeypatch, *, fail: Exception | None = None):
    calls = []

    def fake(src, out, year):
        calls.append((src, out, year))
        if fail is not None:
            raise fail
        return ImportResult(Path(src), Path(out), model.Submission())

    monkeypatch.setattr(importer, "import_file", fake)
    return calls


@pytest.mark.parametrize("year", [None, 2000, 2100])
def test_cmd_import_accepts_years_in_range(year, monkeypatch, capsys):
    calls = _stub_import(monkeypatch)
    args = argparse.Namespace(source="a.docx", out="b.xlsm", year=year)
    assert importer.cmd_import(args) == 0
    assert calls == [(Path("a.docx"), Path("b.xlsm"), year)]
    assert capsys.readouterr().out == "导入：a.docx\n\n源文件中的内容已全部放入表格。\n\n已生成：b.xlsm\n"


def test_cmd_import_refusals_become_user_errors(monkeypatch):
    from xladdin.cli_base import UserError
    from xladdin.io.save import SaveRefused

    for fail in (ImportRefused("不行"), SaveRefused("文件正被 Excel 打开")):
        _stub_import(monkeypatch, fail=fail)
        with pytest.raises(UserError) as err:
            importer.cmd_import(argparse.Namespace(source="a.docx", out="b.xlsm", year=None))
        assert (err.value.zh, err.value.en) == (str(fail), "nothing written")
    with pytest.raises(UserError) as err:
        importer.cmd_import(argparse.Namespace(source="a.docx", out="b.xlsm", year=1999))
    assert (err.value.zh, err.value.en) == ("年度 1999 不合理（应为 2000–2100）", "year out of range")


def test_an_empty_text_field_is_not_reported(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, "附表2", "C3", "")  # 填报单位's value cell, empty text
    result, _, _ = planned(grid)
    assert result.forms[1].fields == [
        "标题 A2→A2",
        "合计金额 C5→C5",
        "合计行的实施期绩效目标 D5→D5",
        "合计行的年度绩效目标 E5→E5",
    ]


def _word_signatures(grid: BookGrid, text: str) -> None:
    """附表3's signature lines as Word forms print them: one cell over the table's width."""
    sheet = grid.sheet(F3)
    sheet.rows = [*sheet.rows[:21], [text, None, None, None, None, None]]
    sheet.merges = [m for m in sheet.merges if m[0] < 22] + [(22, 1, 22, 6)]


def test_signature_lines_in_one_cell_are_read_whole(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    _word_signatures(grid, "单位负责人签字：李四\n\n填表人：张三   联系电话：123")
    result, _, _ = planned(grid)
    assert result.notes == []
    signature = result.submission.form3s[0].signature
    assert (signature.head, signature.filler, signature.phone) == ("李四", "张三", "123")
    assert result.forms[2].fields[-3:] == ["单位负责人签字 A22→B22", "填表人 A22→B23", "联系电话 A22→E23"]


def test_signature_cell_with_more_says_what_was_read(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    text = "单位负责人签字：李四\n\n填表人：张三   联系电话：123   日期：2023年1月"
    _word_signatures(grid, text)
    result, _, _ = planned(grid)
    assert result.notes == [Note(F3, "A22", text, "只导入了其中的 单位负责人签字、填表人、联系电话")]


def test_held_parts():
    from xladdin.commands.importer import _held_parts

    form = model.Form3()
    form.signature.head, form.signature.phone = "李四", "123"
    assert _held_parts(form, "联系电话：123 单位负责人：李四 单位负责人签字：李四 填表人：") == [
        "signature.phone",
        "signature.head",
    ]
    assert _held_parts(form, "资金总额：5 金额单位：元 填报单位：") == []
    assert _held_parts(form, 5) == []


def test_each_formula_cell_is_compared(example_grid, planned):
    grid = copy.deepcopy(example_grid)
    put(grid, "附表1", "C5", None)  # 资金总额 left blank: nothing to compare
    put(grid, "附表1", "E8", 1000)  # 项目支出 typed otherwise
    result, _, _ = planned(grid)
    assert result.notes == [
        Note("附表1", "E8", "1000", "附表1!E8（项目支出）在新表中是公式，计算结果为 1184.26，与原表所填不同")
    ]


def test_import_file_writes_an_xlsm_with_its_macros(tmp_path, example_file):
    import zipfile

    result = import_file(example_file, tmp_path / "out.xlsm")
    with zipfile.ZipFile(result.out) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()


def test_old_formats_are_converted_in_a_temporary_folder(tmp_path, monkeypatch, example_file):
    from xladdin.io import convert

    seen = []

    def to_xlsx(src, workdir):
        seen.append((src, workdir, workdir.is_dir()))
        return example_file

    monkeypatch.setattr(convert, "to_xlsx", to_xlsx)
    src = tmp_path / "旧.xls"
    src.write_bytes(b"old")
    result, _, _ = plan_import(src)
    [(given, workdir, existed)] = seen
    assert given == src and existed and workdir.name.startswith("xladdin-import-")
    assert not workdir.exists()  # removed once read
    assert result.source == src and [m.source for m in result.forms][:2] == ["附表1", "附表2"]


def test_a_source_copy_cut_short_imports_its_missing_dimensions_as_not_provided(tmp_path):
    """The 甘肃 print cut after its 成本指标 rows (效益, 满意度 not in the copy): the new workbook marks
    those dimensions 「本次未提供」 and gains no I301 the source does not give (S007 there)."""
    import sys

    from openpyxl import load_workbook

    sys.path.insert(0, str(Path(__file__).parents[1]))
    from realforms import build_xlsx, load

    from xladdin.reader import read_workbook
    from xladdin.validate import validate_file

    case = next(c for c in load() if c.name == "gansu-jiayuguan-2023-xiangmu")
    src = build_xlsx(case, tmp_path / "gansu.xlsx")
    wb = load_workbook(src)
    wb.worksheets[0].delete_rows(26, wb.worksheets[0].max_row)  # the copy ends after row 25
    wb.save(src)
    rules = {f.rule for f in validate_file(src).findings}
    assert "S007" in rules and "I301" not in rules
    dst = tmp_path / "gansu-导入.xlsx"
    result = importer.import_file(src, dst)
    assert any("效益指标、满意度指标（源表在此之前结束）" in c for c in result.changes)
    assert not [f for f in validate_file(dst).findings if f.rule == "I301"]
    marked = [i.level1 for i in read_workbook(dst).submission.form3s[0].indicators if i.name == "本次未提供"]
    assert marked == ["效益指标", "满意度指标"]


# --- what the source did not have: 「本次未提供」 -------------------------------------------------------


def _corpus_import(tmp_path: Path, name: str, folder: str = "old") -> tuple[Path, Path, ImportResult]:
    from realforms import SETS, build_xlsx, load

    case = next(c for c in load(SETS[folder]) if c.name == name)
    src = build_xlsx(case, tmp_path / f"{name}.xlsx")
    dst = tmp_path / f"{name}-导入.xlsx"
    return src, dst, importer.import_file(src, dst)


def _rules(path: Path) -> list[tuple[str, str]]:
    from xladdin.validate import validate_file

    return [(f.rule, f.cell) for f in validate_file(path).findings if f.rule in ("F501", "F502", "I313")]


def test_fields_and_the_standard_column_the_source_did_not_have_are_marked_not_provided(tmp_path):
    """安徽金寨's 项目 form prints 填报单位 but no signature line and no 绩效标准 column: the new workbook
    writes 「本次未提供」 in the three signature fields and in every named row's 绩效标准, keeps the
    填报单位, says so, and gives no F501/F502/I313 (the source gives none)."""
    from openpyxl import load_workbook

    src, dst, result = _corpus_import(tmp_path, "anhui-jinzhai-2021-xiangmu")
    assert _rules(src) == []
    said = "源文件没有的栏目标为「本次未提供」（校验不检查，填写后即照常检查）："
    assert said + "物业管理：单位负责人签字、填表人、联系电话、绩效标准栏（9 行）" in result.changes
    ws = load_workbook(dst)["附表3-物业管理"]
    assert [ws[c].value for c in ("B22", "B23", "E23")] == ["本次未提供"] * 3
    assert ws["C3"].value == "县财政局"
    assert [ws[f"F{r}"].value for r in range(10, 19)] == ["本次未提供"] * 9
    assert _rules(dst) == []


def test_a_clerk_typing_over_the_mark_is_checked_as_usual(tmp_path):
    """The mark is a cell's text: typed over, the cell is the clerk's (计划标准 passes, 国家标准 and a
    blank are reported); a 填表人 cleared is asked for again, one still marked is not."""
    from openpyxl import load_workbook

    _, dst, _ = _corpus_import(tmp_path, "anhui-jinzhai-2021-xiangmu")
    wb = load_workbook(dst)
    ws = wb["附表3-物业管理"]
    ws["F10"], ws["F11"], ws["F12"], ws["B23"] = "计划标准", "国家标准", None, None
    wb.save(dst)
    assert sorted(_rules(dst)) == [("F502", "B23"), ("I313", "F11"), ("I313", "F12")]


def test_a_field_the_source_printed_blank_stays_blank(tmp_path):
    """江苏镇江 prints 联系电话 and leaves it blank (F502 on the source): the import does not mark it,
    the new workbook reports it as the source does; 单位负责人 and 填表人, not printed, are marked. Its 4
    indicators get the 绩效标准 mark, the rows the import adds for dimensions the copy does not reach
    (named 「本次未提供」 themselves) do not."""
    from openpyxl import load_workbook

    src, dst, _ = _corpus_import(tmp_path, "jiangsu-zhenjiang-2024-xiangmu", "new")
    assert [r for r, _ in _rules(src)] == ["F502"]
    ws = load_workbook(dst)["附表3-赛珍珠文化公园运转经费"]
    assert [ws[c].value for c in ("B21", "B22", "E22")] == ["本次未提供", "本次未提供", None]
    assert [ws[f"F{r}"].value for r in range(10, 18)] == ["本次未提供"] * 4 + [None] * 4
    assert [ws[f"D{r}"].value for r in range(14, 18)] == ["本次未提供"] * 4
    assert _rules(dst) == [("F502", "E22")]


def test_a_made_form2_has_its_fields_marked(tmp_path):
    """A source with 附表1 and 附表3 and no 附表2: the 附表2 the import sums from the 附表3 has no 填报单位
    or signature of the source's: marked, so no F501/F502 stands on a form the import made."""
    from xladdin.build.template import blank_submission

    sub = blank_submission(2024)
    form2 = _form2_of(sub.form3s, model.Form2())
    sub.form2 = form2
    for form in sub.forms():
        form.place.found.add("template")
    form2.place.found.discard("template")
    said = importer._mark_fields_not_given(sub, None)
    assert said == ["附表2：填报单位、单位负责人签字、填表人、联系电话"]
    assert (form2.unit, form2.signature.head, form2.signature.filler, form2.signature.phone) == ("本次未提供",) * 4


def test_the_submission_copy_carries_no_mark(tmp_path):
    """export empties every 「本次未提供」 (the tool's mark, like its colours and helper sheets) and keeps
    what the clerk typed over one."""
    from openpyxl import load_workbook

    from xladdin.commands.export import export

    _, dst, _ = _corpus_import(tmp_path, "anhui-jinzhai-2021-xiangmu")
    wb = load_workbook(dst)
    wb["附表3-物业管理"]["F10"] = "计划标准"
    wb.save(dst)
    copy_ = load_workbook(export(dst, tmp_path / "报送", force=True).xlsx)
    texts = [c.value for ws in copy_.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert "本次未提供" not in texts and not any("本次未提供" in str(t) for t in texts)
    ws = copy_["附表3-物业管理"]
    assert ws["F10"].value == "计划标准" and ws["F11"].value is None and ws["B23"].value is None
