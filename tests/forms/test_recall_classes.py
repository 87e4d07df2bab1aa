"""Classes of defect the corpus showed the tool missing (session 6, recall), each pinned by a synthetic
form spelt differently from the corpus form it was found in, and a negative case beside it."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.validate import validate_file


def _codes(path, code: str) -> list[tuple[str, str]]:
    return [(f.cell, f.message) for f in validate_file(path).findings if f.rule == code]


# --- a 整体 form's own goal field (湖南岳阳楼 *年度总体绩效目标, 江西浮梁 *年度绩效总目标) ---------------
def _zhengti(goal_label: str, goal: str, heading: bool = False) -> list[list[object]]:
    rows: list[list[object]] = [
        ["某县档案馆2024年度整体支出绩效目标表", "", "", "", ""],
        ["部门(单位)名称", "某县档案馆", "", "", ""],
        ["部门职责", "负责全县档案的收集、保管和利用", "", "", ""],
    ]
    if heading:
        rows.append(["年度绩效目标", "", "", "", ""])  # a heading across the form, its field below
    rows += [
        [goal_label, goal, "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"],
        ["产出指标", "数量指标", "接收进馆档案", "≥3000", "卷"],
        ["效益指标", "社会效益指标", "档案查阅服务", "≥500", "人次"],
        ["满意度指标", "服务对象满意度指标", "查档群众满意度", "≥90", "%"],
    ]
    return rows


def test_a_zhengti_goal_printed_as_a_field_is_read_and_a_vague_one_flagged(tmp_path):
    rows = _zhengti("★年度整体绩效目标:", "抓好档案管理工作。", heading=True)
    path = _workbook(tmp_path / "z.xlsx", rows, ("A4:E4",))
    (fmap,) = map_book(path)
    assert fmap.kind == "form1" and fmap.fields["goal"].cell == "B5"
    assert [c for c, _ in _codes(path, "G607")] == ["B5"]


def test_a_zhengti_goal_with_a_quantity_or_listing_tasks_is_not_flagged(tmp_path):
    fine = _workbook(tmp_path / "q.xlsx", _zhengti("年度总体目标", "2024年底前接收进馆档案3000卷。"))
    assert map_book(fine)[0].fields["goal"].value == "2024年底前接收进馆档案3000卷。"
    assert not _codes(fine, "G607")
    tasks = "完成档案接收进馆；开展档案数字化；组织档案法宣传；做好查档利用服务。"
    listed = _workbook(tmp_path / "t.xlsx", _zhengti("整体目标:", tasks))
    assert not _codes(listed, "G607"), "a goal listing the year's tasks is no catch-all phrase"


# --- a goal of words that name nothing (重庆潼南 「按时足额发放,保障权益」) -------------------------------
def _project(goal: str) -> list[list[object]]:
    return [
        ["2024年项目支出绩效目标申报表", "", "", "", ""],
        ["项目名称", "村民小组长误工补贴", "", "", ""],
        ["本年绩效目标", goal, "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"],
        ["产出指标", "数量指标", "补贴人数", "≥60", "人"],
        ["效益指标", "社会效益指标", "基层治理", "有效提升", ""],
        ["满意度指标", "服务对象满意度指标", "受助人员满意度", "≥90", "%"],
    ]


def test_a_catch_all_goal_is_flagged_though_it_says_on_time(tmp_path):
    path = _workbook(tmp_path / "c.xlsx", _project("确保按期足额兑现，切实维护权益。"))
    assert [c for c, _ in _codes(path, "G609")] == ["B3"]
    assert not _codes(path, "G602"), "one root cause, one finding"


def test_a_goal_naming_what_is_paid_is_no_catch_all(tmp_path):
    path = _workbook(tmp_path / "n.xlsx", _project("按时发放村民小组长误工补贴。"))
    assert not _codes(path, "G609") and not _codes(path, "G602")


# --- one field for a person and a phone (湖南岳阳县 项目负责人及电话, 江苏镇江 项目负责人/联系电话) ---------
def _contact(label: str, value: str) -> list[list[object]]:
    rows = _project("2024年底前为60名村民小组长发放误工补贴。")
    rows.insert(2, [label, value, "", "", ""])
    return rows


def test_a_person_and_phone_field_with_a_name_only_is_flagged(tmp_path):
    path = _workbook(tmp_path / "p.xlsx", _contact("联系人、联系方式", "张丽"), ("B3:E3",))
    assert [c for c, _ in _codes(path, "F505")] == ["B3"]
    assert not _codes(path, "F503"), "no number at all is F505's, not a wrong format"


def test_a_blank_person_and_phone_field_is_a_blank_phone(tmp_path):
    path = _workbook(tmp_path / "b.xlsx", _contact("负责人/联系方式", ""), ("B3:E3",))
    assert [c for c, _ in _codes(path, "F502")] == ["B3"]


def test_a_name_beside_the_number_is_a_phone(tmp_path):
    for i, value in enumerate(("李强0731-84561234", "李强 13907301234")):
        path = _workbook(tmp_path / f"n{i}.xlsx", _contact("负责人及联系电话", value))
        assert not _codes(path, "F505") and not _codes(path, "F503") and not _codes(path, "F502")
    wrong = _workbook(tmp_path / "w.xlsx", _contact("负责人及联系电话", "李强 0731-2288"))
    assert [c for c, _ in _codes(wrong, "F503")] == ["B3"]


# --- one value column per grade, two grades alike (河北邯郸 中 = 差) -----------------------------------
def _graded(worst: str) -> list[list[object]]:
    return [
        ["2024年养老服务补贴资金绩效目标表", "", "", "", "", "", ""],
        ["绩效目标", "2024年为1200名高龄老人发放养老服务补贴", "", "", "", "", ""],
        ["指标分类", "绩效指标", "指标描述", "评价标准", "", "", ""],
        ["", "", "", "优秀", "良好", "合格", "不合格"],
        ["产出指标", "补贴发放人数", "按月发放的老人人数", "1200人", "1100人", "1000人", worst],
        ["效果指标", "老人满意度(%)", "问卷调查", "95%", "90%", "80%", "<80%"],
    ]


def test_two_grades_with_one_standard_are_flagged_once(tmp_path):
    merges = ("A3:A4", "B3:B4", "C3:C4", "D3:G3")
    path = _workbook(tmp_path / "g.xlsx", _graded("1000人"), merges)
    assert map_book(path)[0].profile == "grades"
    hits = _codes(path, "I346")
    assert [c for c, _ in hits] == ["F5"] and "「合格」与「不合格」" in hits[0][1]
    fine = _workbook(tmp_path / "f.xlsx", _graded("<1000人"), merges)
    assert not _codes(fine, "I346")


# --- 中期 and 年度 column sets whose headers do not say which (广东东莞: the goal headings above say it) --
def _two_sets(midterm_value: str) -> list[list[object]]:
    return [
        ["某市财政项目支出绩效目标批复表", "", "", "", "", "", ""],
        ["项目名称", "城区排涝泵站改造", "", "", "", "", ""],
        ["总体目标", "实施期目标(2024年--2026年)", "", "", "年度目标", "", ""],
        ["", "改造泵站12座,新增排涝能力30立方米/秒", "", "", "2024年改造泵站4座", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "改造泵站数", midterm_value, "数量指标", "改造泵站数", "4座"],
        ["", "质量指标", "验收合格率", "100%", "质量指标", "验收合格率", "100%"],
    ]


def test_a_second_column_set_is_the_midterm_by_the_heading_above_it(tmp_path):
    merges = ("B3:D3", "E3:G3", "B4:D4", "E4:G4", "A3:A4")
    path = _workbook(tmp_path / "m.xlsx", _two_sets("4座"), merges)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert table.col("value") == "G"
    assert [(c.col, c.period) for c in table.columns if c.key == "extra"] == [(x, "实施期") for x in "BCD"]
    assert fmap.fields["period_goal"].cell == "B4"  # the text under 「实施期目标(…)」, not the heading
    hits = _codes(path, "I336")  # the 中期 side says nothing of the 中期 goal's 12 and 30: it is the copy
    assert [c for c, _ in hits] == ["D6"] and "12、30" in hits[0][1]
    apart = _workbook(tmp_path / "d.xlsx", _two_sets("12座"), merges)
    assert not _codes(apart, "I336")


def test_identical_sets_under_a_goal_the_midterm_reflects_blame_the_year(tmp_path):
    rows = _two_sets("4座")
    rows[3][1] = "改造泵站4座"  # the 实施期 goal is what the 中期 values say: the year copied it
    path = _workbook(tmp_path / "y.xlsx", rows, ("B3:D3", "E3:G3", "B4:D4", "E4:G4", "A3:A4"))
    assert [c for c, _ in _codes(path, "I336")] == ["G6"]


# --- a block of 长期/中期 indicators above the year's (湖南宁乡 长期绩效指标 | 年度绩效指标) -------------------
def _blocks(period_name: str) -> list[list[object]]:
    head = ["一级指标", "二级指标", "三级指标", "指标值"]
    return [
        ["乡村道路改造项目绩效目标表", "", "", "", ""],
        ["项目名称", "乡村道路改造", "", "", ""],
        ["项目实施期", "2024年—2026年", "", "", ""],
        ["中期绩效指标", *head],
        ["", "产出指标", "数量指标", period_name, "90"],
        ["", "", "质量指标", "", "80"],
        ["", "效益指标", "社会效益指标", "", "70"],
        ["年度绩效指标", *head],
        ["", "产出指标", "数量指标", "改造道路里程", "≥12公里"],
        ["", "", "质量指标", "验收合格率", "100%"],
        ["", "效益指标", "社会效益指标", "受益群众人数", "≥3000人"],
        ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
    ]


def test_a_period_block_with_no_indicator_names_is_an_error(tmp_path):
    path = _workbook(tmp_path / "p.xlsx", _blocks(""), ("A4:A7", "A8:A12"))
    (fmap,) = map_book(path)
    assert fmap.tables["indicators"].rows == [9, 10, 11, 12]
    assert fmap.tables["period_indicators"].rows == [5, 6, 7]
    hits = [f for f in validate_file(path).findings if f.rule == "I347"]
    assert [(f.cell, f.severity) for f in hits] == [("D5", "error")]


def test_a_period_block_with_names_is_fine(tmp_path):
    path = _workbook(tmp_path / "n.xlsx", _blocks("改造道路里程"), ("A4:A7", "A8:A12"))
    assert not _codes(path, "I347")


# --- a spending plan by period with nothing in the first half (江苏镇江 半年(程)计划执行数 0) ------------------
def _plan(half: object) -> list[list[object]]:
    rows = _project("2024年底前为60名村民小组长发放误工补贴。")
    rows[3:3] = [
        ["支出明细", "", "上半年预算执行数(万元)", "年度预算数(万元)", ""],
        ["", "误工补贴", half, 36, ""],
        ["", "培训", 1, 2, ""],
    ]
    return rows


def test_a_half_year_plan_of_zero_against_a_positive_year_is_flagged(tmp_path):
    path = _workbook(tmp_path / "h.xlsx", _plan(0))
    assert [c for c, _ in _codes(path, "A112")] == ["C5"]
    assert not _codes(_workbook(tmp_path / "f.xlsx", _plan(18)), "A112")


# --- an amount pasted twice into a funding line (湖南岳阳县 其中:财政拨款 「854万854万(…)」) -------------------
def _funding(line: str) -> list[list[object]]:
    rows = _project("2024年底前为60名村民小组长发放误工补贴。")
    rows[2:2] = [
        ["资金情况", "年度资金总额", "", 36, ""],
        ["", "其中：财政拨款", "", line, ""],
    ]
    return rows


def test_an_amount_pasted_twice_in_a_funding_line_is_flagged(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", _funding("36万元36万元（误工补贴）"), ("A3:A4", "B3:C3", "B4:C4"))
    assert [c for c, _ in _codes(path, "A113")] == ["D4"]
    for i, fine in enumerate(("36", "36万元（误工补贴 360人）")):
        path = _workbook(tmp_path / f"f{i}.xlsx", _funding(fine), ("A3:A4", "B3:C3", "B4:C4"))
        assert not _codes(path, "A113")
