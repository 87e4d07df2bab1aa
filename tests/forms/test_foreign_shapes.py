"""Foreign forms' shapes, read in-process from a sheet built in the test: where an indicator table
ends, a header moved right, labels spelt another way, a goal standing alone or under its label, the
title a project name is read from. Each sheet is what a province prints, cut down to what the
behaviour needs; the map (:func:`xladdin.recognise.map_form`) is checked cell by cell."""

from __future__ import annotations

import pytest

from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.layout.profiles import has_column
from xladdin.reader import fill, read_grid_model
from xladdin.recognise import find_fields, identify, is_stop, map_form, split_forms, title_cell


def sheet(rows: list[list[object]], merges: tuple[tuple[int, int, int, int], ...] = ()) -> SheetGrid:
    return SheetGrid("项目", [list(r) for r in rows], merges=list(merges))


# A 项目 form printed one column to the right (column A left blank, as many bureaus print it).
SHIFTED = [
    ["", "2025年乡村道路养护项目绩效目标表"],
    ["", "预算部门", "某县交通运输局"],
    ["", "年度资金总额", 120],
    ["", "年度绩效目标", "养护农村公路120公里"],
    ["", "一级指标", "二级指标", "三级指标", "指标值", "度量单位"],
    ["", "产出指标", "数量指标", "养护里程", 120, "公里"],
]
LATER = ["", "效益指标", "社会效益指标", "群众出行条件", "明显改善", ""]


def indicator_rows(rows: list[list[object]]) -> list[int]:
    return map_form("form3", sheet(rows)).tables["indicators"].rows


def test_a_shifted_form_maps_its_fields_and_columns_by_their_labels():
    fmap = map_form("form3", sheet([*SHIFTED, LATER]))
    assert {k: (f.cell, f.cue, f.label, f.value) for k, f in fmap.fields.items()} == {
        "unit": ("C2", "label", "B2", "某县交通运输局"),
        "project_amount": ("C3", "label", "B3", 120),
        "annual_goal": ("C4", "label", "B4", "养护农村公路120公里"),
        "title": ("B1", "title", "", "2025年乡村道路养护项目绩效目标表"),
        "direction": ("B1", "title", "", "2025年乡村道路养护项目"),
    }
    table = fmap.tables["indicators"]
    assert table.header_row == 5 and table.rows == [6, 7]
    assert table.keyed() == {"level1": "B", "level2": "C", "name": "D", "value": "E", "unit": "F"}
    assert not fmap.fields["direction"].sure and fmap.notes == ["项目名称取自标题 B1：「2025年乡村道路养护项目」"]


@pytest.mark.parametrize(
    "line",
    [
        ["注：本表由项目单位填写"],  # a note, left of the table
        ["", "注：本表由项目单位填写"],  # a note in the table's first column
        ["", "附件：测算明细"],
        ["主管部门审核意见"],  # an opinion box
        ["", "财政部门审核意见：同意"],
        ["", "填表人：张三"],  # a signature line typed after its label, in the first column
        ["联系电话：13900000000"],
        ["", "联系电话：13900000000"],
        ["填报单位：某局"],  # a field typed after its label, below the table
        ["项目支出明细"],  # the next section
        ["单位负责人签字"],
        ["2025年专项资金绩效目标汇总表"],  # the next form's title, straight under the last row
    ],
)
def test_the_table_ends_at_a_note_an_opinion_a_signature_or_the_next_form(line):
    assert indicator_rows([*SHIFTED, line, LATER]) == [6]


def test_the_next_forms_marker_above_its_title_ends_the_table():
    assert indicator_rows([*SHIFTED, ["附表2"], ["2025年专项资金绩效目标汇总表"], LATER]) == [6]
    assert indicator_rows([*SHIFTED, ["", "附表2"], ["", "2025年专项资金绩效目标汇总表"], LATER]) == [6]
    marker = ["表十二", "", "", "", "", "单位：万元"]  # a unit note beside the marker
    assert indicator_rows([*SHIFTED, marker, ["2025年专项资金绩效目标汇总表"], LATER]) == [6]


def test_the_last_row_before_the_next_forms_title_is_an_indicator_not_a_marker():
    """A short 一级 text (「满意度指标」) on the row just above the next form's title is the table's last
    indicator, not a marker (「附表2」) standing alone above the title: it was dropped."""
    rows = [
        *SHIFTED,
        ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90", "%"],
        ["2025年专项资金绩效目标汇总表"],
    ]
    assert indicator_rows(rows) == [6, 7]


@pytest.mark.parametrize(
    "line",
    [
        ["", "", "", "", "注：以上为计划数"],  # a note right of the table's first column
        [2025],  # a number, not a line of text
        ["说明"],  # a word that ends nothing
    ],
)
def test_a_line_that_is_no_ending_leaves_the_rows_below_in_the_table(line):
    assert 8 in indicator_rows([*SHIFTED, line, LATER])


def test_is_stop_looks_at_the_row_asked_and_only_left_of_the_table():
    s = sheet([*SHIFTED, ["注：本表由项目单位填写"], LATER, ["", "", "注：x"]])
    assert [r for r in range(1, 11) if is_stop(s, r, "form3", 2)] == [1, 7]  # the title, the note
    assert not is_stop(s, 9, "form3", 2)  # a note right of the table's first column
    assert is_stop(s, 9, "form3", 3)  # … at the first column of a table starting at C
    assert not is_stop(s, 20, "form3", 2)  # past the sheet


def test_a_total_row_is_no_indicator_but_a_total_named_indicator_is():
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "养护里程", "120公里", 50],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善", 50],
        ["总分", "", "", "", 100],
    ]
    fmap = map_form("form3", sheet([["乡村道路养护项目绩效目标表"], *rows]))
    assert (fmap.tables["indicators"].rows, fmap.tables["indicators"].total_row) == ([3, 4], 5)
    rows[3] = ["合计", "", "合计", "", 100]  # its name column says the same word
    assert map_form("form3", sheet([["乡村道路养护项目绩效目标表"], *rows])).tables["indicators"].rows == [3, 4]
    rows[3] = ["小计", "数量指标", "小计完成率", "100%", 100]  # an indicator whose row starts with a total word
    assert map_form("form3", sheet([["乡村道路养护项目绩效目标表"], *rows])).tables["indicators"].rows == [3, 4, 5]


def test_a_header_on_the_sheets_first_row_heads_the_table():
    fmap = map_form(
        "form3",
        sheet([["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "120公里"]]),
    )
    table = fmap.tables["indicators"]
    assert (table.header_row, table.rows, table.keyed()) == (
        1,
        [2],
        {"level1": "A", "level2": "B", "name": "C", "value": "D"},
    )


# --- the title: a project's name read from it --------------------------------------------------
@pytest.mark.parametrize(
    ("title", "direction"),
    [
        ("项目绩效目标表", None),  # names the form, not a project
        ("2025年度项目支出绩效目标表", None),
        ("2025年专项资金绩效目标表", None),
        ("1、某县2025年度农村公路养护专项资金绩效目标表", "某县2025年度农村公路养护专项资金"),
        ("关于乡村振兴项目绩效目标设定的公示", "乡村振兴项目"),
        ("2019年度宁晋县高中助学金项目绩效评价指标表", "2019年度宁晋县高中助学金项目"),
        ("某县农村公路养护项目项目绩效目标表", "某县农村公路养护项目"),
    ],
)
def test_a_form_printing_no_project_name_takes_it_from_the_title(title, direction):
    head = ["一级指标", "二级指标", "三级指标", "指标值"]
    fmap = map_form("form3", sheet([[title], head, ["产出指标", "数量指标", "养护里程", "120公里"]]))
    assert fmap.fields["title"].value == title and fmap.fields["title"].cell == "A1"
    got = fmap.fields.get("direction")
    assert (got.value if got else None) == direction
    if got:
        assert (got.cell, got.cue, got.sure) == ("A1", "title", False) and "direction" not in fmap.not_found
    else:
        assert "direction" in fmap.not_found


def test_a_title_is_at_most_80_characters():
    """A paragraph naming the form (a notice's first sentence) is not its title."""
    title = "某县" * 36 + "项目绩效目标表"  # 79
    assert title_cell(sheet([[title]])) == (1, 1, title)
    assert title_cell(sheet([["", "x" + title]])) == (1, 2, "x" + title)  # 80
    assert title_cell(sheet([["xx" + title]])) is None  # 81
    assert title_cell(sheet([["养护农村公路"], ["", "", "某县农村公路养护项目绩效目标表"]])) == (
        2,
        3,
        "某县农村公路养护项目绩效目标表",
    )


# --- goals: one goal alone, a goal under its label -----------------------------------------------
HEAD = ["一级指标", "二级指标", "三级指标", "指标值"]
ROW = ["产出指标", "数量指标", "养护里程", "120公里"]


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("总体目标", "annual_goal"),  # one goal, no 年度 goal beside it: the year's goal
        ("总目标", "annual_goal"),
        ("实施期目标", "period_goal"),  # a period's goal says so
        ("中期目标", "period_goal"),
        ("长期目标", "period_goal"),
        ("年度绩效目标", "annual_goal"),
    ],
)
def test_a_goal_standing_alone_is_the_years_goal_unless_it_names_a_period(label, key):
    fmap = map_form(
        "form3",
        sheet(
            [["乡村道路养护项目绩效目标表"], ["项目名称", "乡村道路养护"], [label, "养护农村公路120公里"], HEAD, ROW]
        ),
    )
    goals = {k: (f.cell, f.label, f.value) for k, f in fmap.fields.items() if k.endswith("goal")}
    assert goals == {key: ("B3", "A3", "养护农村公路120公里")}
    assert (key in fmap.found) and (f"只有一个目标（A3「{label}」）：作为年度绩效目标" in fmap.notes) == (
        label in ("总体目标", "总目标")
    )


def ours_with_one_goal(label: str, marker: str = "", annual: bool = False) -> SheetGrid:
    """Our 附表3's rows (a copy without the marker, or with it), the goal row labelled ``label``."""
    rows = [
        [marker],
        ["乡村道路养护专项资金支出方向绩效目标表"],
        ["填报单位：（盖章）", "", "某县交通运输局", "", "金额单位：万元"],
        ["支出方向（子项）", "乡村道路养护", "所属专项", "名称", "交通专项"],
        ["项目金额", 120, "", "金额", 500],
        ["项目实施期", "2025年"],
        [label, "养护农村公路120公里"],
        *([["年度绩效目标", "上半年养护60公里"]] if annual else []),
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"],
        ["", "产出指标", "数量指标", "养护里程", "120公里", "计划标准"],
    ]
    return sheet(rows)


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("总体目标", "annual_goal"),
        ("总目标", "annual_goal"),
        ("实施期绩效目标", "period_goal"),
        ("长期目标", "period_goal"),
    ],
)
def test_our_rows_without_the_marker_printing_one_goal_read_it_as_the_years_goal(label, key):
    """Found at our template's place with its label's text read there (cue 「label」, certain), the label is
    the one printed left of it."""
    fmap = map_form("form3", ours_with_one_goal(label))
    goals = {k: (f.cell, f.cue, f.label, f.value) for k, f in fmap.fields.items() if k.endswith("goal")}
    assert goals == {key: ("B7", "label", "A7", "养护农村公路120公里")}
    assert fmap.fields[key].key == key
    other = "period_goal" if key == "annual_goal" else "annual_goal"
    assert key in fmap.found and other not in fmap.found
    assert ("annual_goal" in fmap.not_found) == (key == "period_goal")
    assert (f"只有一个目标（A7「{label}」）：作为年度绩效目标" in fmap.notes) == (key == "annual_goal")


def test_our_own_form_or_two_goals_keep_the_templates_goal_rows():
    fmap = map_form("form3", ours_with_one_goal("总体目标", marker="附表3"))  # the template's own label
    assert {k: (f.cell, f.label) for k, f in fmap.fields.items() if k.endswith("goal")} == {"period_goal": ("B7", "")}
    fmap = map_form("form3", ours_with_one_goal("总体目标", annual=True))
    goals = {k: (f.cell, f.value) for k, f in fmap.fields.items() if k.endswith("goal")}
    assert goals == {"period_goal": ("B7", "养护农村公路120公里"), "annual_goal": ("B8", "上半年养护60公里")}
    assert not any("只有一个目标" in n for n in fmap.notes)


@pytest.mark.parametrize(("marker", "cue", "sure"), [("", "guess", False), ("附表3", "layout", True)])
def test_an_indicator_table_printed_without_its_header_is_read_by_our_columns(marker, cue, sure):
    """The header row of our table left out (the label alone on its row): the columns are ours, a guess
    said so on a copy without the marker, the template's own on our form."""
    rows = ours_with_one_goal("实施期绩效目标", marker=marker, annual=True)
    rows.rows[8] = ["年度绩效指标"]
    rows.rows[9:] = [
        ["", "产出指标", "数量指标", "养护里程", "120公里", "计划标准"],
        ["", "", "质量指标", "优良路率", "≥80%", "行业标准"],
    ]
    fmap = map_form("form3", rows)
    table = fmap.tables["indicators"]
    assert (table.header_row, table.rows) == (0, [10, 11])
    assert [(c.key, c.col, c.cue, c.sure) for c in table.columns] == [
        (k, col, cue, sure) for k, col in zip(("level1", "level2", "name", "value", "standard"), "BCDEF", strict=True)
    ]
    assert ("指标表没有可识别的表头：按本模板的列位置推测各列" in fmap.notes) == (not sure)
    form = fill(fmap, rows)
    assert [(i.level1, i.level2, i.name, i.value, i.standard) for i in form.indicators] == [
        ("产出指标", "数量指标", "养护里程", "120公里", "计划标准"),
        ("产出指标", "质量指标", "优良路率", "≥80%", "行业标准"),
    ]


@pytest.mark.parametrize("marker", ["", "附表3"])
def test_values_typed_into_our_printed_labels_cells_are_read_where_they_were_typed(marker):
    rows = ours_with_one_goal("实施期绩效目标", marker=marker, annual=True)
    rows.rows[2] = ["填报单位：（盖章）某县交通运输局", "", "", "", "金额单位：万元"]
    rows.rows[3] = ["支出方向（子项） 乡村道路养护", "", "所属专项", "名称", "交通专项"]
    rows.rows += [["单位负责人签字：", "王五"], ["填表人：李娜    联系电话：13900000000"]]
    fmap = map_form("form3", rows)
    assert {k: (f.cell, f.value) for k, f in fmap.fields.items() if k in ("unit", "direction") or "." in k} == {
        "unit": ("A3", "某县交通运输局"),
        "direction": ("A4", "乡村道路养护"),
        "signature.head": ("B11", "王五"),
        "signature.filler": ("A12", "李娜"),
        "signature.phone": ("A12", "13900000000"),
    }


def test_two_goals_keep_their_labels():
    fmap = map_form(
        "form3",
        sheet(
            [["乡村道路养护项目绩效目标表"], ["总体目标", "三年养护360公里"], ["年度目标", "养护120公里"], HEAD, ROW]
        ),
    )
    goals = {k: (f.cell, f.value) for k, f in fmap.fields.items() if k.endswith("goal")}
    assert goals == {"period_goal": ("B2", "三年养护360公里"), "annual_goal": ("B3", "养护120公里")}
    assert not any("只有一个目标" in n for n in fmap.notes)


def test_a_goal_under_its_label_and_two_labels_side_by_side():
    fmap = map_form(
        "form3",
        sheet(
            [
                ["乡村道路养护项目绩效目标表"],
                ["项目名称", "乡村道路养护"],
                ["年度绩效目标"],
                ["养护农村公路120公里，优良路率80%"],
                HEAD,
                ROW,
            ]
        ),
    )
    goal = fmap.fields["annual_goal"]
    assert (goal.cell, goal.cue, goal.label, goal.value) == ("A4", "below", "A3", "养护农村公路120公里，优良路率80%")
    assert fmap.tables["indicators"].rows == [6]
    fmap = map_form(
        "form3",
        sheet(
            [
                ["乡村道路养护项目绩效目标表"],
                ["项目名称", "乡村道路养护"],
                ["项目总目标", "年度总体目标"],
                ["三年内养护农村公路360公里", "养护农村公路120公里"],
                HEAD,
                ROW,
            ]
        ),
    )
    goals = {k: (f.cell, f.cue, f.label, f.value) for k, f in fmap.fields.items() if k.endswith("goal")}
    assert goals == {
        "period_goal": ("A4", "below", "A3", "三年内养护农村公路360公里"),
        "annual_goal": ("B4", "below", "B3", "养护农村公路120公里"),
    }


# --- a foreign form's own lines outside its indicator table: sums, a plan by period, funding -------
def test_a_project_forms_cost_sum_plan_by_period_and_funding_lines():
    """A 项目 form printing its funding lines, a cost table with its 合计, and a spending plan by
    half-year: each is read with its cells, for the rules that check them."""
    rows = [
        ["乡村道路养护项目绩效目标表"],
        ["项目名称", "乡村道路养护"],
        ["资金总额", 120],
        ["其中：财政拨款", 100],
        ["其他资金", 20],
        ["成本构成", "金额(万元)"],
        ["人工费", 40],
        ["材料费", 50],
        ["机械费", 30],
        ["合计", 120],
        ["支出内容", "上半年预算执行数", "全年预算数"],
        ["养护", 60, 120],
        ["检测", 5, 10],
        ["", "", ""],
        HEAD,
        ROW,
    ]
    fmap = map_form("form3", sheet(rows))
    assert [(s.header, s.total, s.parts) for s in fmap.sums] == [
        ("金额(万元)", ("B10", 120.0), [("B7", 40.0), ("B8", 50.0), ("B9", 30.0)])
    ]
    assert [(p.label, p.part, p.year, p.part_header, p.year_header) for p in fmap.plans] == [
        ("养护", ("B12", 60.0), ("C12", 120.0), "上半年预算执行数", "全年预算数"),
        ("检测", ("B13", 5.0), ("C13", 10.0), "上半年预算执行数", "全年预算数"),
    ]
    assert [(f.key, f.cell, f.cue, f.value, f.label) for f in fmap.lines] == [
        ("general_budget", "B4", "label", 100, "A4"),
        ("other_funds", "B5", "label", 20, "A5"),
    ]
    assert fmap.fields["project_amount"].cell == "B3" and fmap.tables["indicators"].rows == [16]


def test_a_sum_over_a_part_of_another_line_or_one_line_is_no_plain_sum():
    rows = [
        ["乡村道路养护项目绩效目标表"],
        ["成本构成", "金额(万元)"],
        ["人工费", 40],
        ["其中：临时工", 10],
        ["合计", 50],
        HEAD,
        ROW,
    ]
    assert map_form("form3", sheet(rows)).sums == []
    rows = [["乡村道路养护项目绩效目标表"], ["成本构成", "金额(万元)"], ["人工费", 40], ["合计", 40], HEAD, ROW]
    assert map_form("form3", sheet(rows)).sums == []
    rows = [["乡村道路养护项目绩效目标表"], ["支出内容", "上半年预算执行数", "年度目标"], ["养护", 60, 120], HEAD, ROW]
    assert map_form("form3", sheet(rows)).plans == []  # 「年度目标」 is no amount column
    rows = [["乡村道路养护项目绩效目标表"], ["支出内容", "上半年预算执行数", "全年预算数"], ["养护", 60, 120]]
    rows += [["检测", 5, None], ["宣传", 1, 2], HEAD, ROW]  # the plan ends at a line missing either number
    assert [p.label for p in map_form("form3", sheet(rows)).plans] == ["养护"]


def test_a_plan_line_is_named_by_its_text_nearest_the_amounts_and_read_part_year_first():
    """A numbered plan (序号 │ 支出内容 │ 上半年… │ 全年…): each line named by the text right before its
    amounts, not its number; the lines end at the indicator table's header. A whole-year column
    printed before the part-year one makes no plan (the pair is read left to right)."""
    title = ["乡村道路养护项目绩效目标表"]
    rows = [title, ["序号", "支出内容", "上半年预算执行数", "全年预算数"], ["1", "养护", 60, 120], ["2", "检测", 5, 10]]
    rows += [LEVELS, ["产出指标", "数量指标", 3, 4]]
    fmap = map_form("form3", sheet(rows))
    assert [(p.label, p.part, p.year) for p in fmap.plans] == [
        ("养护", ("C3", 60.0), ("D3", 120.0)),
        ("检测", ("C4", 5.0), ("D4", 10.0)),
    ]
    assert (fmap.tables["indicators"].header_row, fmap.tables["indicators"].rows) == (5, [6])
    rows = [title, ["支出内容", "全年预算数", "上半年预算执行数"], ["养护", 120, 60], HEAD, ROW]
    assert map_form("form3", sheet(rows)).plans == []


DEPARTMENT = [
    ["部门整体支出绩效目标表"],
    ["部门名称", "某县民政局"],
    ["收入", "当年金额", "近两年收支金额", "", "占比"],
    ["", "", "年", "年", ""],
    ["资金总额", 500, "", "", 1],
    ["一般公共预算", 400, "", "", 0.8],
    ["政府性基金", 100, "", "", 0.2],
    ["年度绩效目标", "保障困难群众基本生活"],
    HEAD,
    ROW,
]


def test_a_department_forms_earlier_years_left_blank_are_named_by_their_header():
    fmap = map_form("form1", sheet(DEPARTMENT, merges=((3, 3, 3, 4),)))
    assert fmap.blank_periods == [("C3", "近两年收支金额", "C4:D7")]
    assert {k: (f.cell, f.label, f.value) for k, f in fmap.fields.items() if f.cue == "label"} == {
        "department": ("B2", "A2", "某县民政局"),  # at our template's place, its label read there
        "total": ("B5", "A5", 500),
        "general_budget": ("B6", "A6", 400),
        "gov_fund": ("B7", "A7", 100),
        "goal": ("B8", "A8", "保障困难群众基本生活"),
    }
    filled = [list(r) for r in DEPARTMENT]
    filled[5][3] = 380  # one earlier year's amount is there
    assert map_form("form1", sheet(filled, merges=((3, 3, 3, 4),))).blank_periods == []


# --- a notice publishing its targets as paragraphs -------------------------------------------------
NOTICE = [
    ["关于公开2025年乡村振兴项目绩效目标的公告"],
    ["一、产出指标"],
    ["数量指标：种植面积>=500亩，培训人次>=300人次。"],
    ["质量指标：苗木成活率≥85%"],
    ["二、效益指标"],
    ["社会效益指标：带动农户增收"],
    ["附件：项目清单"],
    ["三、满意度指标"],
    ["满意度指标：群众满意度≥90%"],
]


def test_a_notice_lists_its_indicators_by_paragraph_up_to_its_attachment_line():
    fmap = map_form("form3", sheet(NOTICE))
    assert fmap.prose and fmap.missing == []
    table = fmap.tables["indicators"]
    assert (table.cue, table.rows) == ("prose", [3, 3, 4, 6])
    assert table.texts == [
        {"level1": "产出指标", "level2": "数量指标", "name": "种植面积", "value": ">=500亩"},
        {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "value": ">=300人次"},
        {"level1": "产出指标", "level2": "质量指标", "name": "苗木成活率", "value": "≥85%"},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "带动农户增收", "value": None},
    ]
    assert not any(c.sure for c in table.columns)
    assert fmap.structure_note() == (
        "本表的绩效目标以文字段落公布，不是表格：从段落中推测读出 4 个指标（名称与指标值的分界为推测，"
        "据此的问题最多为警告），请以附件中的绩效目标表核对"
    )


# --- the form family, from the 一级 names, the columns and how values are printed -----------------
LEVELS = ["一级指标", "二级指标", "三级指标", "指标值"]
TITLE = ["乡村道路养护项目绩效目标表"]


@pytest.mark.parametrize(
    ("rows", "profile", "cue", "data"),
    [
        (
            [
                LEVELS,
                ["项目完成指标", "数量指标", "养护里程", "120公里"],
                ["项目效益指标", "社会效益指标", "出行", "改善"],
            ],
            "sichuan",
            "一级指标为「项目完成指标」「项目效益指标」",
            [3, 4],
        ),
        (  # either of Sichuan's 一级 names is enough
            [LEVELS, ["产出指标", "数量指标", "养护里程", "120公里"], ["项目效益指标", "社会效益指标", "出行", "改善"]],
            "sichuan",
            "一级指标为「项目完成指标」「项目效益指标」",
            [3, 4],
        ),
        (
            [LEVELS, ["项目完成指标", "数量指标", "养护里程", "120公里"], ["效益指标", "社会效益指标", "出行", "改善"]],
            "sichuan",
            "一级指标为「项目完成指标」「项目效益指标」",
            [3, 4],
        ),
        (
            [LEVELS, ["实施效果指标", "产出指标", "养护里程", "120公里"], ["", "效益指标", "出行", "改善"]],
            "investment",
            "「实施效果指标」下以「产出指标」为二级指标（中央预算内投资绩效目标表）",
            [3, 4],
        ),
        (
            [LEVELS, ["决策", "项目立项", "立项依据", "充分"], ["产出指标", "数量指标", "养护里程", "120公里"]],
            "evaluation",
            "按绩效评价指标体系排列：一级指标「决策」",
            [3, 4],
        ),
        (
            [["一级指标", "二级指标", "评价内容", "指标值"], ["产出指标", "数量指标", "养护里程", "120公里"]],
            "evaluation",
            "按绩效评价指标体系排列：表头「评价内容」",
            [3],
        ),
        (
            [
                ["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"],
                ["产出指标", "数量指标", "养护里程", "360公里", "120公里"],
            ],
            "periods",
            "中期（长期）与年度指标并列",
            [3],
        ),
        ([LEVELS, ["预期产出指标", "数量指标", "养护里程", "120公里"]], "periods", "中期（长期）与年度指标并列", [3]),
        (
            [
                LEVELS,
                ["产出指标", "数量指标", "养护里程", "=120公里"],
                ["产出指标", "质量指标", "优良率", "=100百分比"],
            ],
            "gansu",
            "指标值为系统打印格式（「=100百分比」）",
            [3, 4],
        ),
        (
            [[*LEVELS, "权重"], ["产出指标", "数量指标", "养护里程", "120公里", 50]],
            "national",
            "财预〔2021〕101号的栏目：权重",
            [3],
        ),
        (
            [[*LEVELS, "权重", "指标解释"], ["产出指标", "数量指标", "养护里程", "120公里", 50, "年度养护里程"]],
            "national",
            "财预〔2021〕101号的栏目：权重、指标解释",
            [3],
        ),
        (
            [
                LEVELS,
                ["产出指标", "数量指标", "养护里程", "120公里"],
                ["成本指标", "经济成本指标", "每公里成本", "≤1万元"],
            ],
            "national",
            "财预〔2021〕101号的栏目：「成本指标」为一级指标",
            [3, 4],
        ),
        (
            [LEVELS, ["产出", "数量指标", "养护里程", "120公里"], ["效益", "社会效益", "出行", "改善"]],
            "county",
            "层级名称为本地写法：「产出」（即「产出指标」）",
            [3, 4],
        ),
        (
            [LEVELS, ["产出指标", "数量指标", "养护里程", "120公里"], ["效益指标", "社会效益", "出行", "改善"]],
            "county",
            "层级名称为本地写法：「社会效益」（即「社会效益指标」）",
            [3, 4],
        ),
        (
            [
                [*LEVELS, "", ""],
                ["", "", "", "优", "良", "差"],
                ["产出指标", "数量指标", "养护里程", "≥120公里", "≥100公里", "<100公里"],
            ],
            "grades",
            "指标值按等级分列（指标值·优、良、差）",
            [4],
        ),
        ([LEVELS, ["产出指标", "数量指标", "养护里程", "120公里"]], "ours", "一级指标与栏目同本模板（湖南 2023）", [3]),
    ],
)
def test_the_family_is_named_with_its_reason(rows, profile, cue, data):
    fmap = map_form("form3", sheet([TITLE, *rows]))
    assert (fmap.profile, fmap.profile_cue) == (profile, cue)
    assert fmap.tables["indicators"].rows == data and fmap.tables["indicators"].header_row == 2


def test_a_title_naming_an_evaluation_table_names_the_family():
    fmap = map_form(
        "form3", sheet([["乡村道路养护项目绩效评价指标表"], LEVELS, ["产出指标", "数量指标", "养护里程", "120公里"]])
    )
    assert (fmap.profile, fmap.profile_cue) == ("evaluation", "按绩效评价指标体系排列：标题「评价指标表」")
    assert fmap.fields["direction"].value == "乡村道路养护项目"


def test_a_notice_reads_on_past_a_bare_label_and_a_line_of_two_cells():
    """A label written alone before its items (「数量指标：；培训人数100人；…」) and a stamp line of two
    cells between paragraphs end nothing: the items after them are read, each under its labels."""
    from xladdin.recognise import prose_indicators

    rows = [
        ["一、产出指标"],
        ["数量指标：；培训人数100人；发放资料500份"],
        ["（盖章）", "2024年1月"],
        ["质量指标：培训合格率≥95%"],
        ["二、效益指标"],
        ["社会效益指标：群众满意度提高"],
    ]
    assert [(r, t["level1"], t["level2"], t["name"], t["value"]) for r, t in prose_indicators(sheet(rows))] == [
        (2, "产出指标", "数量指标", "培训人数", "100人"),
        (2, "产出指标", "数量指标", "发放资料", "500份"),
        (4, "产出指标", "质量指标", "培训合格率", "≥95%"),
        (6, "效益指标", "社会效益指标", "群众满意度提高", None),
    ]


@pytest.mark.parametrize(
    ("header", "cols"),
    [
        (["指标名称", "计量单位", "指标性质", "指标值"], {"name": 1, "unit": 2, "direction": 3, "value": 4}),
        (["指标名称", "计量单位", "指标值"], None),  # a flat row needs four column words
        (["指标名称", "计量单位", "权重", "备注"], None),  # and a name and a value among them
        (["二级指标", "三级指标", "年度指标值", "长期指标值"], {"level2": 1, "name": 2, "value": 3}),
        (["二级指标", "三级指标", "长期指标值", "指标值"], {"level2": 1, "name": 2, "value": 4}),
    ],
)
def test_a_header_row_with_no_levels_or_two_value_columns(header, cols):
    """A flat header (no level columns) is one of at least four column words with a name and a value;
    of two value columns side by side, the year's is the value, else the later."""
    from xladdin.recognise import find_header

    found = find_header(sheet([header]), 1, 1)
    assert (found.cols if found else None) == cols


def test_no_indicator_table_and_a_notice_name_their_family():
    fmap = map_form("form3", sheet([TITLE, ["项目名称", "乡村道路养护"]]))
    assert (fmap.profile, fmap.profile_cue) == (
        "ours",
        "未找到指标表：按本模板同族",
    ) and "indicators" not in fmap.tables
    fmap = map_form("form3", sheet(NOTICE))
    assert (fmap.profile, fmap.profile_cue) == ("county", "指标以文字段落公布：层级名称按标准框架理解")


# --- the indicator table's columns: grades, places, levels one column off, two periods -----------
def columns(fmap, key: str = "indicators") -> list[tuple[str, str, str, str, bool, str]]:
    return [(c.key, c.col, c.header, c.cue, c.sure, c.period) for c in fmap.tables[key].columns]


def indicator_notes(fmap) -> list[str]:
    return [n for n in fmap.notes if not n.startswith("项目名称取自标题")]


def test_values_by_grade_read_the_best_grade_and_keep_the_others():
    rows = [TITLE, [*LEVELS[:3], "评价标准", "", ""], ["", "", "", "优", "良", "差"]]
    rows.append(["产出指标", "数量指标", "养护里程", "≥120公里", "≥100公里", "<100公里"])
    fmap = map_form("form3", sheet(rows, merges=((2, 4, 2, 6),)))
    table = fmap.tables["indicators"]
    assert (table.header_row, table.sub_header_row, table.rows) == (2, 3, [4])
    assert columns(fmap) == [
        ("level1", "A", "一级指标", "header", True, ""),
        ("level2", "B", "二级指标", "header", True, ""),
        ("name", "C", "三级指标", "header", True, ""),
        ("value", "D", "评价标准·优", "grade", True, ""),
        ("extra", "E", "良", "sub", True, ""),
        ("extra", "F", "差", "sub", True, ""),
    ]
    assert indicator_notes(fmap) == ["指标值按等级分列（D–F 列）：以最高等级「优」列为目标值，其余等级原样保留"]


@pytest.mark.parametrize(
    ("grades", "best"),
    [(["差", "中", "良", "优"], "G"), (["良", "优", "中", "差"], "E")],  # worst first; the best second
)
def test_grades_are_ranked_by_their_word_not_by_where_they_stand(grades, best):
    rows = [TITLE, [*LEVELS[:3], "评价标准", "", "", ""], ["", "", "", *grades]]
    rows.append(["产出指标", "数量指标", "养护里程", "<80公里", "≥80公里", "≥100公里", "≥120公里"])
    fmap = map_form("form3", sheet(rows, merges=((2, 4, 2, 7),)))
    by_rank = sorted(zip("DEFG", grades, strict=True), key=lambda x: ["优", "良", "中", "差"].index(x[1]))
    assert columns(fmap)[3:] == [("value", best, "优", "grade", True, "")] + [
        ("extra", col, word, "sub", True, "") for col, word in by_rank[1:]
    ]
    assert indicator_notes(fmap) == ["指标值按等级分列（D–G 列）：以最高等级「优」列为目标值，其余等级原样保留"]


def test_a_target_printed_before_last_years_value_is_the_value_and_the_note_names_each():
    """湖北黄石's two value sub-columns in the other order: 本年目标值 | 上年完成值."""
    rows = [TITLE, [*LEVELS, ""], ["", "", "", "本年目标值", "上年完成值"]]
    rows.append(["产出指标", "数量指标", "养护里程", "120公里", "100公里"])
    fmap = map_form("form3", sheet(rows, merges=((2, 4, 2, 5),)))
    assert columns(fmap)[3:] == [
        ("value", "D", "本年目标值", "sub", True, ""),
        ("prior", "E", "上年完成值", "sub", True, ""),
    ]
    assert indicator_notes(fmap) == [
        "「指标值」分为往年实际值与本年预期值两列（D–E 列）：以「本年目标值」列为指标值，「上年完成值」列为往年实际值"
    ]


def test_values_by_place_read_the_total_column_or_the_first_as_a_guess():
    rows = [
        TITLE,
        [*LEVELS, "", ""],
        ["", "", "", "甲镇", "乙镇", "合计"],
        ["产出指标", "数量指标", "养护里程", 50, 70, 120],
    ]
    fmap = map_form("form3", sheet(rows, merges=((2, 4, 2, 6),)))
    assert (fmap.tables["indicators"].sub_header_row, fmap.tables["indicators"].rows) == (3, [4])
    assert [(c.key, c.col, c.cue, c.sure) for c in fmap.tables["indicators"].columns][3:] == [
        ("value", "F", "header", True),
        ("extra", "D", "sub", True),
        ("extra", "E", "sub", True),
    ]
    assert indicator_notes(fmap) == ["指标值按地区或子项分列（D–F 列）：以「合计」列为指标值，其余各列原样保留"]
    rows = [TITLE, [*LEVELS, ""], ["", "", "", "甲镇", "乙镇"], ["产出指标", "数量指标", "养护里程", 50, 70]]
    fmap = map_form("form3", sheet(rows, merges=((2, 4, 2, 5),)))
    assert columns(fmap)[3:] == [("value", "D", "指标值", "header", False, ""), ("extra", "E", "乙镇", "sub", True, "")]
    assert indicator_notes(fmap) == [
        "指标值按地区或子项分列（D–E 列）：以「甲镇」列（第一列，按位置推测）为指标值，其余各列原样保留"
    ]
    rows = [
        TITLE,
        [*LEVELS[:3], "指标方向", "笏石街道办", "埭头镇"],
        ["产出指标", "数量指标", "养护里程", "正向", 50, 70],
    ]
    fmap = map_form("form3", sheet(rows))  # no 指标值 header: the places head the columns themselves
    assert columns(fmap)[3:] == [
        ("direction", "D", "指标方向", "header", True, ""),
        ("value", "E", "笏石街道办", "header", False, ""),
        ("extra", "F", "埭头镇", "sub", True, ""),
    ]
    assert (fmap.profile, fmap.tables["indicators"].sub_header_row) == ("places", 2)


def test_levels_printed_one_column_to_the_left_are_read_as_what_they_hold():
    rows = [
        TITLE,
        ["一级指标", "二级指标", "指标值"],
        ["数量指标", "养护里程", "120公里"],
        ["质量指标", "优良率", "80%"],
    ]
    fmap = map_form("form3", sheet(rows))
    assert columns(fmap) == [
        ("level2", "A", "一级指标", "header", True, ""),
        ("name", "B", "二级指标", "header", True, ""),
        ("value", "C", "指标值", "header", True, ""),
    ]
    assert indicator_notes(fmap) == [
        "「一级指标」列（A）写的是二级指标名称、「二级指标」列（B）写的是指标名称：按所写内容读取"
    ]
    rows[3] = ["产出指标", "优良率", "80%"]  # a 一级 name among them: the columns are as headed
    assert [c.key for c in map_form("form3", sheet(rows)).tables["indicators"].columns] == ["level1", "level2", "value"]


def test_a_level1_header_over_a_container_column_reads_the_next_column():
    rows = [TITLE, ["一级指标", "", "二级指标", "三级指标", "指标值"]]
    rows += [
        ["绩效指标", "产出指标", "数量指标", "养护里程", "120公里"],
        ["绩效指标", "效益指标", "社会效益指标", "出行", "改善"],
    ]
    fmap = map_form("form3", sheet(rows, merges=((2, 1, 2, 2),)))
    assert [(c.key, c.col) for c in fmap.tables["indicators"].columns] == [
        ("level1", "B"),
        ("level2", "C"),
        ("name", "D"),
        ("value", "E"),
        ("extra", "A"),
    ]
    assert indicator_notes(fmap) == ["「一级指标」表头跨 A–B 两列：B 列为一级指标，A 列「绩效指标」原样保留"]


def test_a_standard_column_that_only_explains_is_the_explanation():
    rows = [TITLE, [*LEVELS, "绩效标准"], ["产出指标", "数量指标", "养护里程", "120公里", "反映养护里程"]]
    rows.append(["产出指标", "质量指标", "优良率", "80%", "反映质量"])
    fmap = map_form("form3", sheet(rows))
    assert columns(fmap)[-1] == ("explanation", "E", "绩效标准", "header", True, "")
    assert indicator_notes(fmap) == ["「绩效标准」列写的是指标解释（「反映…」）：作为指标解释读取"]
    rows[3][4] = "≥120公里为优"  # a standard, not an explanation
    fmap = map_form("form3", sheet(rows))
    assert columns(fmap)[-1][:3] == ("standard", "E", "绩效标准") and indicator_notes(fmap) == []


def test_a_period_block_above_the_years_table():
    rows = [
        TITLE,
        ["长期绩效指标", *LEVELS],
        ["", "产出指标", "数量指标", "养护里程", "360公里"],
        ["", "…", "", "", ""],
        ["年度绩效指标", *LEVELS],
        ["", "产出指标", "数量指标", "养护里程", "120公里"],
    ]
    fmap = map_form("form3", sheet(rows))
    assert (fmap.tables["indicators"].header_row, fmap.tables["indicators"].rows) == (5, [6])
    period = fmap.tables["period_indicators"]
    assert (period.header_row, period.rows) == (2, [3])
    assert columns(fmap, "period_indicators") == [
        ("level1", "B", "一级指标", "header", True, ""),
        ("level2", "C", "二级指标", "header", True, ""),
        ("name", "D", "三级指标", "header", True, ""),
        ("value", "E", "指标值", "header", True, ""),
    ]
    assert indicator_notes(fmap) == ["第2行起是「长期绩效指标」（实施期指标），第5行起是年度指标"]


def test_a_period_blocks_rows_are_those_with_an_indicator_of_their_own():
    """A period block's row counts when its own cells (name, value …) hold something; levels carried
    over a 「…」 row are no indicator. The block's label may stand merged down from the row above."""
    rows = [
        TITLE,
        ["长期绩效指标", "", "", "", ""],
        ["", *LEVELS],
        ["", "产出指标", "数量指标", "养护里程", "360公里"],
        ["", "效益指标", "社会效益指标", "…", "…"],
        ["", "", "", "通行时间", ""],
        ["年度绩效指标", *LEVELS],
        ["", "产出指标", "数量指标", "养护里程", "120公里"],
    ]
    fmap = map_form("form3", sheet(rows, merges=((2, 1, 6, 1),)))
    period = fmap.tables["period_indicators"]
    assert (period.header_row, period.rows) == (3, [4, 6])
    assert (fmap.tables["indicators"].header_row, fmap.tables["indicators"].rows) == (7, [8])
    assert indicator_notes(fmap) == ["第3行起是「长期绩效指标」（实施期指标），第7行起是年度指标"]


def test_two_sets_of_columns_read_the_years_and_keep_the_periods():
    rows = [TITLE, ["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"]]
    rows.append(["产出指标", "数量指标", "养护里程", "360公里", "120公里"])
    fmap = map_form("form3", sheet(rows))
    assert columns(fmap)[3:] == [
        ("value", "E", "年度指标值", "header", True, ""),
        ("extra", "D", "中期指标值", "header", True, ""),
    ]
    assert indicator_notes(fmap) == ["中期（长期）与年度指标并列：读年度各列，中期各列原样保留"]
    rows = [
        TITLE,
        ["", "", "中期滚动目标", "", "年度目标", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "三级指标", "指标值"],
    ]
    rows.append(["产出指标", "数量指标", "养护里程", "360公里", "养护里程", "120公里"])
    fmap = map_form("form3", sheet(rows, merges=((2, 3, 2, 4), (2, 5, 2, 6))))
    assert columns(fmap)[2:] == [
        ("name", "E", "三级指标", "header", True, ""),
        ("value", "F", "指标值", "header", True, ""),
        ("extra", "C", "三级指标", "header", True, "中期"),
        ("extra", "D", "指标值", "header", True, "中期"),
    ]
    # the 中期 set has its own 三级 and 值 columns: it is read as a set of its own, not only kept
    assert indicator_notes(fmap) == ["两套指标并列：C–D 列读作中期指标，与年度指标分别检查"]


# --- fields found by their labels: in one cell, one cell further, past a header ----------------------
def fields(fmap) -> dict[str, tuple[str, str, str, object, bool]]:
    return {k: (f.cell, f.cue, f.label, f.value, f.sure) for k, f in fmap.fields.items() if k != "title"}


def test_labels_typed_with_their_values_in_one_cell():
    rows = [TITLE, ["项目名称：乡村道路养护", "", "资金总额：250"], HEAD, ROW]
    fmap = map_form("form3", sheet(rows))
    assert fields(fmap) == {
        "direction": ("A2", "inline", "A2", "乡村道路养护", True),
        "project_amount": ("C2", "inline", "C2", 250, True),  # the amount as the number it says
    }


def test_a_value_one_cell_further_is_a_guess_when_merges_are_unknown():
    fmap = map_form("form3", sheet([TITLE, ["项目名称", None, "乡村道路养护"], HEAD, ROW]))
    assert fields(fmap) == {"direction": ("C2", "guess", "A2", "乡村道路养护", False)}
    assert fmap.fields["direction"].note == "direction 取标签 A2 右侧隔一格的 C2（无合并信息）"
    fmap = map_form("form3", sheet([TITLE, ["项目名称", None, "乡村道路养护"], HEAD, ROW], merges=((2, 1, 2, 2),)))
    assert fields(fmap)["direction"] == ("C2", "label", "A2", "乡村道路养护", True)  # merged over A–B: its value


def test_a_header_right_of_a_label_is_no_value_and_the_label_is_looked_for_below():
    rows = [TITLE, ["项目名称", "乡村道路养护"], ["年度资金总额", "金额(万元)"], ["年度资金总额", 250], HEAD, ROW]
    fmap = map_form("form3", sheet(rows))
    assert fields(fmap)["project_amount"] == ("B4", "label", "A4", 250, True)
    assert fmap.notes == ["「年度资金总额」右侧 B3 是表头「金额(万元)」，不是它的值"]


def test_a_goal_under_a_period_heading_right_of_its_label():
    rows = [
        TITLE,
        ["项目名称", "乡村道路养护"],
        ["总体目标", "中期滚动目标(2019年--2021年)"],
        ["", "三年养护360公里"],
        HEAD,
        ROW,
    ]
    fmap = map_form("form3", sheet(rows))
    assert fields(fmap)["period_goal"] == ("B4", "below", "B3", "三年养护360公里", True)
    assert "annual_goal" not in fmap.fields  # a goal under a period's heading is the period's


def test_an_amount_label_over_a_block_does_not_take_the_blocks_first_heading():
    rows = [TITLE, ["项目名称", "乡村道路养护"], ["项目资金(万元)", "收入", "资金总额"], ["", "", 250], HEAD, ROW]
    fmap = map_form("form3", sheet(rows, merges=((3, 1, 4, 1),)))
    assert fmap.notes == ["「项目资金(万元)」跨多行，右侧 B3「收入」是栏目，不是金额"]
    assert fmap.fields["project_amount"].value != "收入"


# --- what the reader makes of it: the indicators of the model ---------------------------------------
def read(rows: list[list[object]], merges: tuple[tuple[int, int, int, int], ...] = ()):
    s = sheet(rows, merges)
    return fill(map_form("form3", s), s)


def test_a_national_table_reads_operator_value_and_unit_as_one_value_and_keeps_the_reasons():
    rows = [
        TITLE,
        ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "度量单位", "权重", "指标值设定依据", "备注"],
        ["产出指标", "数量指标", "养护里程", "≥", 120, "公里", 30, "按上年", ""],
        ["", "质量指标", "优良路率", "＞", "=80百分比", "", 20, "", "抽检"],
        ["", "", "路面平整度", "定性", "指标值", "", 10, "", ""],
        ["效益指标", "社会效益指标", "群众出行条件", "", "明显改善", "", 20, "", ""],
    ]
    form = read(rows)
    got = [(i.level1, i.level2, i.name, i.value, i.operator, i.unit, i.weight, i.extra) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "养护里程", "≥120公里", "≥", "公里", 30, {"指标值设定依据": "按上年"}),
        ("产出指标", "质量指标", "优良路率", ">80%", "＞", "", 20, {"备注": "抽检"}),  # 「=」 and 百分比 as printed
        ("产出指标", "质量指标", "路面平整度", None, "定性", "", 10, {}),  # a header text is no value
        ("效益指标", "社会效益指标", "群众出行条件", "明显改善", "", "", 20, {}),
    ]
    assert form.place.rows == {"indicators": [3, 4, 5, 6]}
    assert form.place.columns["indicators"] == {
        "level1": "A",
        "level2": "B",
        "name": "C",
        "direction": "D",
        "value": "E",
        "unit": "F",
        "weight": "G",
        "basis": "H",
    }
    assert (form.profile, form.sheet) == ("gansu", "项目")


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("form3", "项目实施期", None),  # a label of the 项目 form: no value there
        ("form3", "部门职责概述", "部门职责概述"),  # a 部门整体 label means nothing on a 项目 form
        ("form1", "部门职责概述", None),
        ("form1", "项目实施期", "项目实施期"),
    ],
)
def test_a_label_of_the_form_read_in_a_value_cell_is_no_value(kind, text, value):
    s = sheet(
        [
            ["2025年绩效目标表"],
            LEVELS,
            ["产出指标", "时效指标", "完成时间", text],
            ["", "数量指标", "养护里程", "120公里"],
        ]
    )
    form = fill(map_form(kind, s), s)
    assert [(i.name, i.value) for i in form.indicators] == [("完成时间", value), ("养护里程", "120公里")]


def test_values_by_place_read_the_total_or_any_place_and_a_merged_level_is_both_levels():
    rows = [
        TITLE,
        [*LEVELS, "", ""],
        ["", "", "", "甲镇", "乙镇", "合计"],
        ["产出指标", "数量指标", "养护里程", 50, 70, 120],
        ["社会效益", None, "出行改善", None, "改善", None],  # 「社会效益」 merged over 一级 and 二级
    ]
    form = read(rows, merges=((2, 4, 2, 6), (5, 1, 5, 2)))
    got = [(i.level1, i.level2, i.name, i.value, i.extra) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "养护里程", 120, {"甲镇": 50, "乙镇": 70}),
        ("社会效益", "社会效益", "出行改善", "改善", {"甲镇": None, "乙镇": "改善"}),
    ]


def test_a_notice_and_a_period_block_are_read_into_the_model():
    form = read(NOTICE)
    assert [(i.level1, i.level2, i.name, i.value) for i in form.indicators] == [
        ("产出指标", "数量指标", "种植面积", ">=500亩"),
        ("产出指标", "数量指标", "培训人次", ">=300人次"),
        ("产出指标", "质量指标", "苗木成活率", "≥85%"),
        ("效益指标", "社会效益指标", "带动农户增收", None),
    ]
    rows = [
        TITLE,
        ["长期绩效指标", *LEVELS],
        ["", "产出指标", "数量指标", "养护里程", "360公里"],
        ["年度绩效指标", *LEVELS],
        ["", "产出指标", "数量指标", "养护里程", "120公里"],
    ]
    form = read(rows)
    assert [(i.name, i.value) for i in form.indicators] == [("养护里程", "120公里")]
    assert [(i.name, i.value) for i in form.period_indicators] == [("养护里程", "360公里")]
    assert "period_indicators" not in form.place.rows


def test_a_form_read_from_a_sheet_has_the_columns_it_prints_not_its_familys():
    rows = [TITLE, [*LEVELS, "权重"], ["产出指标", "数量指标", "养护里程", "120公里", 50]]
    form = read(rows)
    assert form.profile == "national" and has_column("national", "explanation")
    assert has_column(form, "weight") and not has_column(form, "explanation")
    form.sheet = ""  # a form built in code, on no sheet: its family's columns
    assert has_column(form, "explanation")


def test_a_list_form_prints_its_fields_as_columns_of_the_indicator_header():
    rows = [
        ["2025年项目支出绩效目标表"],
        ["项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["乡村道路养护", 120, "养护农村公路120公里", "产出指标", "数量指标", "养护里程", "120公里"],
        ["", None, None, "效益指标", "社会效益指标", "出行", "改善"],
    ]
    fmap = map_form("form3", sheet(rows, merges=((3, 2, 4, 2),)))
    assert fields(fmap) == {
        "direction": ("A3", "header", "A2", "乡村道路养护", True),
        "project_amount": ("B3", "header", "B2", 120, True),
        "annual_goal": ("C3", "header", "C2", "养护农村公路120公里", True),
    }
    assert {"direction", "amount", "annual_goal", "indicators"} <= fmap.found and fmap.missing == []
    assert "annual_goal" not in fmap.not_found
    assert fmap.tables["indicators"].keyed() == {"level1": "D", "level2": "E", "name": "F", "value": "G"}
    # a label merged down from the header row beside the table heads its rows: no value of its own
    fmap = map_form("form3", sheet(rows, merges=((2, 2, 4, 2),)))
    assert "project_amount" not in fmap.fields and "project_amount" in fmap.not_found


def test_a_notices_goal_sentence_is_its_years_goal_as_a_guess():
    rows = [NOTICE[0], ["本项目绩效目标是：种植面积500亩，带动农户增收。"], *NOTICE[1:3]]
    fmap = map_form("form3", sheet(rows))
    goal = fmap.fields["annual_goal"]
    assert (goal.cell, goal.cue, goal.value, goal.sure) == ("A2", "prose", "种植面积500亩,带动农户增收", False)
    assert goal.note == "年度绩效目标取自 A2 段落中的「绩效目标是…」一句" and "annual_goal" not in fmap.not_found
    assert "annual_goal" in map_form("form3", sheet(NOTICE)).not_found


@pytest.mark.parametrize(
    ("title", "direction"),
    [
        ("2025年乡村道路养护项目绩效指标", "2025年乡村道路养护项目"),
        ("乡村道路养护项目项目绩效目标", "乡村道路养护项目"),
    ],
)
def test_a_title_not_known_by_its_words_is_the_first_line_as_a_guess(title, direction):
    fmap = map_form("form3", sheet([[title], LEVELS, ["产出指标", "数量指标", "养护里程", "120公里"]]))
    got = fmap.fields["title"]
    assert (got.cell, got.cue, got.value, got.sure, got.note) == (
        "A1",
        "title",
        title,
        False,
        "标题取自表格上方第一行 A1",
    )
    assert fmap.fields["direction"].value == direction
    fmap = map_form("form3", sheet([["乡村道路养护"], LEVELS, ["产出指标", "数量指标", "养护里程", "120公里"]]))
    assert "title" not in fmap.fields  # a first line naming no 目标 or 指标 is no title


@pytest.mark.parametrize(
    ("row", "merges", "level2"),
    [
        (["产出指标", "数量指标", "养护里程", "120公里"], ((2, 1, 2, 2),), True),  # 「评价内容」 merged over A–B
        (["产出指标", "数量指标", "养护里程", "120公里"], (), True),  # merges unknown: names under the blank B
        (["产出指标", None, "养护里程", "120公里"], (), False),  # nothing under B: one column
        (["产出指标", "数量指标", "养护里程", "120公里"], ((2, 1, 3, 1),), False),  # merged down, not across
    ],
)
def test_an_evaluation_header_over_two_columns_is_level1_and_level2(row, merges, level2):
    fmap = map_form("form3", sheet([TITLE, ["评价内容", None, "三级指标", "指标值"], row], merges=merges))
    got = [(c.key, c.col, c.header, c.cue, c.sure) for c in fmap.tables["indicators"].columns]
    assert got[:2] == [("name", "C", "三级指标", "header", True), ("value", "D", "指标值", "header", True)]
    # a secondary word is sure in a row of four keyed columns
    assert got[2:] == (
        [("level1", "A", "评价内容", "synonym", True), ("level2", "B", "", "span", True)]
        if level2
        else [("level1", "A", "评价内容", "synonym", False)]
    )
    assert fmap.profile_cue == "按绩效评价指标体系排列：表头「评价内容」"


def test_two_header_words_make_no_indicator_table():
    assert "indicators" not in map_form("form3", sheet([TITLE, ["评价内容", "指标值"], ["产出指标", "120公里"]])).tables


def test_forms_one_under_another_split_at_the_next_title_and_its_marker():
    """A title printed twice at the head of one form (a heading and the form's own) starts no second
    form; the next project's title, with its marker 「表十二」 above it, does."""
    title = "乡村道路养护项目绩效目标表"
    rows = [
        [title],
        ["项目名称", "乡村道路养护"],
        [title],
        LEVELS,
        ["产出指标", "数量指标", "养护里程", "120公里"],
        ["效益指标", "社会效益指标", "出行", "改善"],
        ["表十二"],
        ["农村饮水项目绩效目标表"],
        ["项目名称", "农村饮水"],
        LEVELS,
        ["产出指标", "数量指标", "供水人口", "5000人"],
    ]
    assert [(a, b) for _, a, b in split_forms(sheet(rows), "form3")] == [(1, 6), (7, 11)]
    assert [(a, b) for _, a, b in split_forms(sheet(rows), "form2")] == [(1, 11)]  # 附表2 is one list


def test_a_page_number_above_the_next_title_stays_with_the_form_before():
    """The row above the next form's title starts that form when it holds a short marker (「表十二」,
    「第2页」), not when it holds a number alone (a page number printed under the form before)."""
    title = "乡村道路养护项目绩效目标表"
    rows = [
        [title],
        ["项目名称", "乡村道路养护"],
        LEVELS,
        ["产出指标", "数量指标", "养护里程", "120公里"],
        ["效益指标", "社会效益指标", "出行", "改善"],
        [2],
        ["农村饮水项目绩效目标表"],
        ["项目名称", "农村饮水"],
        LEVELS,
        ["产出指标", "数量指标", "供水人口", "5000人"],
    ]
    assert [(a, b) for _, a, b in split_forms(sheet(rows), "form3")] == [(1, 6), (7, 10)]
    rows[5] = ["第2页"]
    assert [(a, b) for _, a, b in split_forms(sheet(rows), "form3")] == [(1, 5), (6, 10)]


def test_an_amount_typed_after_its_label_in_one_cell_is_read_without_its_separators():
    rows = [TITLE, ["项目名称：乡村道路养护"], ["年度资金总额：1,250"], LEVELS]
    rows.append(["产出指标", "数量指标", "养护里程", "120公里"])
    fields = map_form("form3", sheet(rows)).fields
    amount = fields["project_amount"]
    assert (amount.cell, amount.cue, amount.value) == ("A3", "inline", 1250)
    assert fields["direction"].value == "乡村道路养护"


def test_a_part_written_not_given_is_no_part_and_the_map_says_which():
    """「本次未提供」 (what import writes where its source printed nothing) in a field empties it and in
    the indicator table's first row drops the table, each named in a note; on a later row it is a value."""
    from xladdin.formmap import NOT_GIVEN

    rows = [TITLE, ["项目名称", "乡村道路养护"], ["年度资金总额", NOT_GIVEN], ["年度绩效目标", "养护公路"], LEVELS]
    rows.append(["产出指标", "数量指标", "养护里程", NOT_GIVEN])
    fmap = map_form("form3", sheet(rows))
    assert (fmap.fields["project_amount"].cell, fmap.fields["project_amount"].value) == ("B3", None)
    assert fmap.marked == {"project_amount"} and sorted(fmap.found) == ["annual_goal", "direction", "title"]
    assert fmap.notes == [f"project_amount（B3）：{NOT_GIVEN}", f"indicators（第6行）：{NOT_GIVEN}"]
    rows[2][1] = 120
    rows.insert(5, ["效益指标", "社会效益指标", "出行", "改善"])
    fmap = map_form("form3", sheet(rows))
    assert not fmap.marked and not fmap.notes and {"amount", "indicators"} <= fmap.found


def test_forms_one_under_another_keep_their_merged_labels():
    """Each form of a sheet holding several is read with its own merged ranges: a label merged over
    two columns has its value right of the merge, a label's value (sure), not a guess past a blank
    cell. (The split once dropped every merge of the forms it cut out.)"""

    def form(title: str, name: str, amount: int) -> list[list[object]]:
        return [
            [title],
            ["项目名称", None, name],
            ["年度资金总额", None, amount],
            LEVELS,
            ["产出指标", "数量指标", "养护里程", "120公里"],
            ["效益指标", "社会效益指标", "出行", "改善"],
        ]

    rows = [
        *form("乡村道路养护项目绩效目标表", "乡村道路养护", 120),
        ["表十二"],
        *form("农村饮水项目绩效目标表", "农村饮水", 80),
    ]
    merges = [(2, 1, 2, 2), (3, 1, 3, 2), (9, 1, 9, 2), (10, 1, 10, 2)]
    parts = split_forms(sheet(rows, merges), "form3")
    assert [(view.merges, a, b) for view, a, b in parts] == [(merges[:2], 1, 6), (merges[2:], 7, 13)]
    reading = read_grid_model(BookGrid(path="两项.xlsx", sheets=[sheet(rows, merges)]))
    assert [
        {k: (f.cell, f.cue, f.sure) for k, f in m.fields.items() if k in ("direction", "project_amount")}
        for m in reading.structure.maps
    ] == [
        {"direction": ("C2", "label", True), "project_amount": ("C3", "label", True)},
        {"direction": ("C9", "label", True), "project_amount": ("C10", "label", True)},
    ]
    forms = reading.submission.form3s
    assert [(f.direction, f.project_amount) for f in forms] == [("乡村道路养护", 120), ("农村饮水", 80)]


def test_a_notice_title_over_a_real_table_reads_the_table():
    rows = [NOTICE[0], NOTICE[1], NOTICE[2], ["二、效益指标"], LEVELS, ["产出指标", "数量指标", "种植面积", "500亩"]]
    fmap = map_form("form3", sheet(rows))
    assert not fmap.prose and fmap.tables["indicators"].header_row == 5 and fmap.tables["indicators"].rows == [6]


# --- a whole foreign workbook ----------------------------------------------------------------------
def test_a_foreign_book_reads_every_form_and_says_what_it_passed_over():
    two = [
        ["乡村道路养护项目绩效目标表"],
        ["项目名称", "乡村道路养护"],
        LEVELS,
        ["产出指标", "数量指标", "养护里程", "120公里"],
        ["效益指标", "社会效益指标", "出行", "改善"],
        [""],
        ["表十二"],
        ["2025年农村饮水项目绩效目标表"],
        ["项目名称", "农村饮水"],
        LEVELS,
        ["产出指标", "数量指标", "供水人口", "5000人"],
    ]
    book = BookGrid(
        [sheet(two), SheetGrid("公告", [list(r) for r in NOTICE]), SheetGrid("说明", [["填表说明"]])],
        path="book.xlsx",
    )
    book.sheets.append(SheetGrid("隐藏", [["x"]], hidden=True))
    reading = read_grid_model(book)
    sub, structure = reading.submission, reading.structure
    assert [(f.sheet, f.direction, [i.name for i in f.indicators]) for f in sub.form3s] == [
        ("项目", "乡村道路养护", ["养护里程", "出行"]),
        ("项目", "农村饮水", ["供水人口"]),
        ("公告", "公开2025年乡村振兴项目", ["种植面积", "培训人次", "苗木成活率", "带动农户增收"]),
    ]
    assert [(m.sheet, m.rows) for m in structure.maps] == [("项目", (1, 5)), ("项目", (6, 11)), ("公告", (1, 9))]
    assert (structure.unknown_sheets, structure.hidden) == (["说明"], ["隐藏"])
    assert structure.notices == [("公告", "A1", map_form("form3", sheet(NOTICE)).structure_note())]
    assert (sub.year, sub.sheet_names, sub.path) == (2025, ["项目", "公告", "说明", "隐藏"], "book.xlsx")


def test_a_book_with_no_form_is_refused_in_one_line():
    with pytest.raises(ReadError) as err:
        read_grid_model(BookGrid([SheetGrid("说明", [["填表说明"]])]))
    assert err.value.zh == "工作簿中找不到附表1、附表2或附表3（不是绩效目标表）"
    assert err.value.en == "no 附表1/附表2/附表3 sheet found: not a performance-target workbook"


# --- which form a sheet holds -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        ([["附表1"], ["绩效目标申报表"], ["项目名称", "乡村道路养护"], ["实施期", "3年"], LEVELS, ROW], "form3"),
        ([["附表1"], ["绩效目标申报表"], ["部门名称", "某县民政局"], LEVELS, ROW], "form1"),
        ([["附表1"], ["绩效目标申报表"], ["部门职责", "救助"], ["项目名称", "乡村道路养护"], LEVELS, ROW], "form1"),
        ([["附表2"], ["汇总"], LEVELS], "form2"),
        ([["", "", "2025年部门整体支出绩效目标表"], LEVELS, ROW], "form1"),
        ([["某某表"], ["部门名称", "某县民政局"], LEVELS, ROW], "form1"),  # labels: 整体 first
        ([["某某表"], ["项目名称", "乡村道路养护"], ["一般公共预算", 100], LEVELS, ROW], "form3"),  # 项目 first
        ([["某某表"], ["项目名称", "乡村道路养护"], ["部门职责", "救助"], LEVELS, ROW], "form1"),  # a 整体 sign
        ([["某某表"], LEVELS, ROW], "form3"),  # an indicator table and no labels at all
        ([["某某表"], ["一级指标", "二级指标", "指标值"], ["产出指标", "数量指标", "120"]], None),  # no names
        ([["某某表"], ["说明", "内容"]], None),
        (NOTICE, "form3"),
    ],
)
def test_the_form_a_foreign_sheet_holds(rows, kind):
    assert identify(sheet(rows)) == kind


def test_a_sheet_named_for_its_form_and_a_helper_sheet():
    assert identify(SheetGrid("附表3 (2)", [["x"]])) == "form3"
    assert identify(SheetGrid("自查", [["附表1"]])) is None


# --- from the survivors of the seed 7 draw -------------------------------------------------------------
def test_an_amount_label_and_its_value_merged_over_the_same_rows_is_the_amount():
    rows = [TITLE, ["项目名称", "乡村道路养护"], ["资金总额", "待下达"], ["", None], HEAD, ROW]
    fmap = map_form("form3", sheet(rows, merges=((3, 1, 4, 1), (3, 2, 4, 2))))
    assert fields(fmap)["project_amount"] == ("B3", "label", "A3", "待下达", True) and fmap.notes == []


def test_a_stamp_note_after_a_value_is_no_part_of_it():
    rows = [TITLE, ["项目名称", "乡村道路养护"], ["主管部门", "某县交通运输局(盖章)"], HEAD, ROW]
    assert fields(map_form("form3", sheet(rows)))["unit"] == ("B3", "label", "A3", "某县交通运输局", True)


def test_find_fields_gives_each_fields_cell_and_value():
    s = sheet([TITLE, ["项目名称", "乡村道路养护"], ["资金总额：250"], HEAD, ROW])
    assert find_fields("form3", s, {"direction", "project_amount"}, set()) == {
        "direction": (2, 2, "乡村道路养护"),
        "project_amount": (3, 1, 250),
    }
    assert find_fields("form3", s, {"direction"}, {2}) == {}  # a skipped row is not looked at


def test_a_period_heading_two_rows_above_the_header_still_names_the_period():
    rows = [TITLE, ["", "", "中期滚动目标", "", "年度目标", ""], [""] * 6]
    rows += [["一级指标", "二级指标", "三级指标", "指标值", "三级指标", "指标值"]]
    rows += [["产出指标", "数量指标", "养护里程", "360公里", "养护里程", "120公里"]]
    fmap = map_form("form3", sheet(rows, merges=((2, 3, 2, 4), (2, 5, 2, 6))))
    assert [(c.key, c.col, c.period) for c in fmap.tables["indicators"].columns][2:] == [
        ("name", "E", ""),
        ("value", "F", ""),
        ("extra", "C", "中期"),
        ("extra", "D", "中期"),
    ]


def test_places_heading_their_columns_with_a_total_read_the_total():
    rows = [TITLE, [*LEVELS[:3], "指标方向", "笏石街道办", "埭头镇", "合计"]]
    rows.append(["产出指标", "数量指标", "养护里程", "正向", 50, 70, 120])
    fmap = map_form("form3", sheet(rows))
    assert [(c.key, c.col, c.header) for c in fmap.tables["indicators"].columns][4:] == [
        ("value", "G", "合计"),
        ("extra", "E", "笏石街道办"),
        ("extra", "F", "埭头镇"),
    ]
    rows[1][6] = "备注"  # a column that is neither a place nor a total: no place columns
    assert map_form("form3", sheet(rows)).tables["indicators"].sub_header_row == 0
