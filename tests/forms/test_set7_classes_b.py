"""Classes found on the seventh set (tests/data/realforms/set7: lists and 公示 pages, and the readable
forms' misses), each pinned by a variant spelt differently from the form that showed it, and where it
matters a look-alike read the other way."""

from __future__ import annotations

import pytest
from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.io.grid import ReadError
from xladdin.recognise import join_value
from xladdin.validate import validate_file
from xladdin.values import value_kind


def _found(path, code):
    return [(f.cell, f.severity) for f in validate_file(path).findings if f.rule == code]


# --- dates with an open dash or a range; 「-」 printed as the unit --------------------------------------
def test_a_deadline_with_an_open_dash_or_a_range_is_a_date():
    """湘西 2023 (一体化 publication list) prints 「2023年12月31日」 with 「-」 in 度量单位; here other dates"""
    assert value_kind("2024年11月30日—") == "date"
    assert value_kind("2025年6月底-") == "date"
    assert value_kind("2024年3月到10月") == "date"  # 大冶's 实施期限 wording 「…6月到12月」
    assert value_kind("2024年9月30日;") == "date"
    assert value_kind("按计划推进") == "prose"  # look-alike: words stay words


def test_a_dash_printed_as_the_unit_is_no_unit():
    """湘西: 「-」 in every 度量单位 cell; here an em dash and a slash"""
    assert join_value("2024年6月30日", "—", None) == "2024年6月30日"
    assert join_value("有所改善", "/", None) == "有所改善"
    assert join_value(95, "%", "≥") == "≥95%"


def _list_form(goal: object) -> list[list[object]]:
    """A publication list with a two-row header: the project's fields over the indicator header."""
    return [
        ["2024年部门项目绩效目标公开表"],
        ["部门:某县农业农村局", "", "", "", "", "", "", "", "单位:万元"],
        ["项目编码", "项目名称", "预算金额", "年度绩效目标", "绩效指标"],
        ["", "", "", "", "一级指标", "二级指标", "三级指标", "指标值", "度量单位"],
        ["430101", "耕地地力保护补贴", 120, goal, "产出指标", "数量指标", "补贴面积", 6000, "亩"],
        ["", "", "", "", "", "时效指标", "补贴发放时间", "2024年6月30日", "-"],
        ["", "", "", "", "效益指标", "经济效益指标", "户均增收", 200, "元"],
        ["", "", "", "", "满意度指标", "服务对象满意度指标", "农户满意度", "≥90", "%"],
    ]


_LIST_MERGES = ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:I3")


def test_fields_in_the_upper_row_of_a_two_row_header_are_read_and_a_blank_goal_is_an_error(tmp_path):
    """湘西 2023: 单位代码 │ 单位(专项)名称 │ 资金总额 │ 实施期绩效目标 over 一级 │ 二级 …; here 项目编码 │ 项目名称
    │ 预算金额 │ 年度绩效目标, the goal left blank"""
    path = _workbook(tmp_path / "list.xlsx", _list_form(""), _LIST_MERGES)
    (fmap,) = map_book(path)
    assert (fmap.fields["direction"].value, fmap.fields["project_amount"].value) == ("耕地地力保护补贴", 120)
    assert _found(path, "G601") == [("D5", "error")]
    assert not _found(path, "I304")  # 「2024年6月30日」 with 「-」 as its unit is a date


def test_a_filled_goal_in_the_upper_header_row_is_no_blank(tmp_path):
    """Look-alike of 湘西 2023's blank 实施期绩效目标: the goal filled, no G601."""
    path = _workbook(tmp_path / "filled.xlsx", _list_form("2024年6月底前为6000亩耕地发放补贴"), _LIST_MERGES)
    assert not _found(path, "G601")


# --- a goal printed with no label, right above the indicator header -----------------------------------
def _transfer(goal_row: list[object], total: object, part: object) -> list[list[object]]:
    return [
        ["附件2"],
        ["2025年城乡义务教育补助经费绩效目标表"],
        ["资金名称", "城乡义务教育补助经费"],
        ["省级主管部门", "某省教育厅"],
        ["资金情况(万元)", "年度资金总额", total],
        ["", "其中:财政拨款", part],
        goal_row,
        ["", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "补助学生人数", "≥3000人"],
        ["", "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%"],
    ]


def test_an_unlabelled_sentence_above_the_header_is_read_as_the_goal_by_position(tmp_path):
    """巫溪 2025: the goal's label lost in the copy, the sentence in B above 一级指标; here in C"""
    rows = _transfer(["", "", "落实城乡义务教育经费保障机制，保障学校正常运转。"], 860, 860)
    path = _workbook(tmp_path / "goal.xlsx", rows)
    (fmap,) = map_book(path)
    goal = fmap.fields["annual_goal"]
    assert (goal.cell, goal.cue, goal.sure) == ("C7", "position", False)
    assert _found(path, "G602") == [("C7", "warning")]  # a guess: at most a warning
    assert not _found(path, "G601")


def test_a_label_and_its_value_above_the_header_are_no_unlabelled_goal(tmp_path):
    """Look-alike of 巫溪 2025's unlabelled goal: a 备注 label and its text are no goal."""
    rows = _transfer(["备注", "本表金额为提前下达数，正式下达后另行调整。"], 860, 860)
    path = _workbook(tmp_path / "note.xlsx", rows)
    (fmap,) = map_book(path)
    assert "annual_goal" not in fmap.fields


def test_a_blank_funding_total_or_a_pointer_elsewhere_is_a_warning(tmp_path):
    """巫溪 2025: 下达资金总额 blank, 其中:中央财政补助 「参见附件1具体金额」; here 年度资金总额 blank with
    「详见分配表」, then a total that only points elsewhere"""
    path = _workbook(tmp_path / "blank.xlsx", _transfer(["", "", "保障学校正常运转。"], None, "详见分配表"))
    assert _found(path, "A116") == [("C5", "warning")]
    path = _workbook(tmp_path / "pointer.xlsx", _transfer(["", "", "保障学校正常运转。"], "见附件1", None))
    assert _found(path, "A116") == [("C5", "warning")]
    path = _workbook(tmp_path / "filled.xlsx", _transfer(["", "", "保障学校正常运转。"], 860, 860))
    assert not _found(path, "A116")


# --- a 部门整体 form's task table with its own amount columns and total line ----------------------------
def _overall(total: list[object]) -> list[list[object]]:
    return [
        ["部门整体支出绩效目标表"],
        ["(2023年度)"],
        ["部门名称", "某市图书馆"],
        ["重点工作计划", "任务名称", "工作内容", "预算金额(万元)", "", ""],
        ["", "", "", "合计", "财政拨款", "其他资金"],
        ["", "人员经费", "在编人员25人、编外人员8人的工资福利。", 820.5, 820.5, 0],
        ["", "日常公用经费", "含水电费、物业费、差旅费、邮电费等。", 96.3, 96.3, 0],
        ["", "阅读推广", "全年举办阅读推广活动60场以上。", 45, 45, 0],
        total,
        ["总体目标", "全年接待读者30万人次，新增馆藏图书2万册。"],
    ]


_OVERALL_MERGES = ("A4:A8", "D4:F4")


def test_a_task_tables_total_line_is_checked_and_its_content_column_is_no_goal(tmp_path):
    """东莞 2022 批复表: 年度主要任务 │ 任务名称 │ 主要内容 │ 小计 │ 市财政拨款 │ 其他资金, 「金额合计」 0 under
    tasks adding to 2377.15; here 重点工作计划 │ 工作内容 │ 合计 …, 「资金合计」 with a wrong sum"""
    path = _workbook(tmp_path / "wrong.xlsx", _overall(["资金合计", "", "", 900, 961.8, 0]), _OVERALL_MERGES)
    assert _found(path, "A111") == [("D9", "error")]
    assert not _found(path, "G607")  # 「含水电费、物业费…」 says what a task holds: no goal to judge
    path = _workbook(tmp_path / "right.xlsx", _overall(["资金合计", "", "", 961.8, 961.8, 0]), _OVERALL_MERGES)
    assert not _found(path, "A111")
    (fmap,) = map_book(path)
    assert fmap.tables["work_plan"].rows[-1] == 8  # the total line and 总体目标 are no tasks


# --- a cut copy whose 产出 block is whole; a 数量 value saying only how far ------------------------------
def _cut(rows: list[list[object]]) -> list[list[object]]:
    return [
        ["项目绩效目标表"],
        ["项目名称", "乡镇卫生院业务用房改造"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        *rows,
    ]


def test_no_cost_row_in_a_whole_output_block_of_a_cut_copy_is_a_warning(tmp_path):
    """和平 2020: 数量, 质量, 时效, then 经济效益 — cut in 社会效益; here 数量 and 质量, then 社会效益"""
    rows = [
        ["产出指标", "数量指标", "改造业务用房面积(平方米)", 860],
        ["", "质量指标", "竣工验收合格率", "100%"],
        ["效益指标", "社会效益指标", "群众就医条件改善", "显著改善"],
    ]
    path = _workbook(tmp_path / "whole.xlsx", _cut(rows))
    assert _found(path, "I310") == [("A4", "warning")]
    path = _workbook(tmp_path / "inside.xlsx", _cut(rows[:2]))  # cut inside 产出: 成本 may follow
    assert not _found(path, "I310")


def test_a_quantity_valued_only_as_completion_is_a_warning(tmp_path):
    """和平 2020 「设施设备采购 │ 全部完成」「室外市政附属工程 │ 完成90%」; here 基本完成 and 已完成80%"""
    rows = [
        ["产出指标", "数量指标", "医疗设备购置", "基本完成"],
        ["", "", "附属道路硬化", "已完成80%"],
        ["", "", "改造业务用房面积(平方米)", 860],
        ["", "质量指标", "竣工验收合格率", "100%"],
        ["", "成本指标", "改造单价", "≤1500元/平方米"],
        ["效益指标", "社会效益指标", "群众就医条件改善", "显著改善"],
        ["满意度指标", "服务对象满意度指标", "患者满意度", "≥90%"],
    ]
    path = _workbook(tmp_path / "done.xlsx", _cut(rows))
    assert _found(path, "I380") == [("D4", "warning"), ("D5", "warning")]


# --- a list of projects, each with its amount and its goal: a 汇总 form --------------------------------
def _projects(goals: list[object], total: object, merges_goal: bool = False) -> tuple[list[list[object]], tuple]:
    rows = [
        ["某县2024年衔接推进乡村振兴补助资金项目计划表"],
        ["序号", "项目名称", "实施地点", "资金规模(万元)", "绩效目标", "责任人"],
        [1, "甲村道路硬化", "甲村", 80, goals[0], "王某"],
        [2, "乙村灌溉渠修缮", "乙村", 45, goals[1], "李某"],
        [3, "丙村产业路", "丙村", 60, goals[2], "赵某"],
        ["合计", "", "", total, "", ""],
    ]
    return rows, ("E3:E5",) if merges_goal else ()


def test_a_list_of_projects_with_amounts_and_goals_is_read_as_a_summary_form(tmp_path):
    """大冶 2024 项目计划安排表 (合计 above the project) and 中山 2023 分配方案 (no total); here the 合计 below,
    other headers (资金规模(万元), 绩效目标), a wrong total"""
    goals = ["硬化道路1.2公里，2024年10月底前完工", "修缮灌渠800米，11月底前完工", "新建产业路1.5公里，年底前完工"]
    rows, merges = _projects(goals, 190)
    path = _workbook(tmp_path / "list.xlsx", rows, merges)
    (fmap,) = map_book(path)
    assert fmap.kind == "form2"
    assert fmap.tables["funds"].keyed() == {"name": "B", "amount": "D", "annual_goal": "E"}
    assert _found(path, "A106") == [("D6", "error")]  # 80 + 45 + 60 = 185
    assert not _found(path, "X201")  # a list published alone asks for no 附表3
    rows, merges = _projects(goals, 185)
    found = validate_file(_workbook(tmp_path / "ok.xlsx", rows, merges)).findings
    assert not [f for f in found if f.severity != "info"]


def test_one_goal_merged_over_the_list_is_one_warning(tmp_path):
    """中山 2023: one 绩效目标 merged down nine villages; here over three projects"""
    rows, merges = _projects(["完成三个村的基础设施建设，年底前完工", "", ""], 185, merges_goal=True)
    path = _workbook(tmp_path / "merged.xlsx", rows, merges)
    assert _found(path, "G615") == [("E3", "warning")]
    assert not _found(path, "G601")  # the merged cells are the same goal, not blanks


def test_a_list_goal_whose_effects_are_only_directions_is_a_warning(tmp_path):
    """大冶 2024 「建设180亩果蔬生产基地,带动人口就近就业,增加人均纯收入…」; here a road's effects"""
    goals = ["硬化道路1.2公里，改善群众出行条件，促进农产品外运。", "修缮灌渠800米，带动50户增收", "新建产业路1.5公里"]
    rows, merges = _projects(goals, 185)
    path = _workbook(tmp_path / "effects.xlsx", rows, merges)
    assert _found(path, "G616") == [("E3", "warning")]


def test_a_list_with_amounts_and_no_goals_is_no_form(tmp_path):
    """look-alike: 凤泉/巩留 project lists with amounts and no goal column are not target forms"""
    rows = [
        ["序号", "项目名称", "实施地点", "资金规模(万元)", "责任人"],
        [1, "甲村道路硬化", "甲村", 80, "王某"],
        [2, "乙村灌溉渠修缮", "乙村", 45, "李某"],
    ]
    with pytest.raises(ReadError):
        validate_file(_workbook(tmp_path / "nogoal.xlsx", rows))


# --- a 公示 page of label lines: a project with its fields and its goal ----------------------------------
def _notice(goal: str) -> list[list[object]]:
    return [
        ["某县2023年农村危房改造项目公告"],
        ["一、项目名称:某县2023年农村危房改造项目"],
        ["二、实施地点:甲镇、乙乡"],
        ["三、项目建设内容:对全县120户农村低收入群体危房实施改造,每户补助2万元。"],
        ["四、资金规模:240万元"],
        [f"五、项目绩效目标:{goal}"],
        ["监督电话:0000-1234567"],
    ]


def test_a_notice_of_label_lines_is_read_as_a_project_and_a_goal_of_other_quantities_is_an_error(tmp_path):
    """叶县 2020: 「3、项目建设内容:…桑树种植8060亩…」 and 「6、项目绩效目标:…种植构树饲草918亩…」; here houses"""
    path = _workbook(tmp_path / "other.xlsx", _notice("完成86户危房改造,年底前全部竣工。"))
    (fmap,) = map_book(path)
    assert (fmap.kind, fmap.fields["annual_goal"].cell, fmap.fields["info.overview"].cell) == ("form3", "A6", "A4")
    assert _found(path, "G617") == [("A6", "error")]


def test_a_goal_of_the_contents_quantities_is_no_mismatch(tmp_path):
    """Look-alike of 叶县 2020: a goal counting the content's own 120户 (as 昌宁 2024's 2000亩 does)."""
    path = _workbook(tmp_path / "same.xlsx", _notice("完成120户危房改造,年底前全部竣工。"))
    assert not _found(path, "G617")
