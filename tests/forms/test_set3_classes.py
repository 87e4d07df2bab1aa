"""Classes of foreign layout found on the held-out third set (tests/data/realforms/set3), each pinned by a
synthetic variant spelt differently from the form it was found in: a notice's attachment number over a
项目 form, funding lines labelled in a second column, and the other classes below."""

from __future__ import annotations

from helpers import error_lines as _errors
from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.validate import validate_file

# --- a notice's 「附表1」 over a 项目 form, its funding lines labelled in column B (陕西清涧) ---------
ATTACHED = [
    ["附表1"],
    ["项目支出绩效目标表"],
    ["项目名称", "乡村道路养护", "", "项目负责人", "张三 0912-1234567"],
    ["主管部门", "某县交通局", "", "实施单位", "某县公路段"],
    ["资金情况(万元)", "资金总额：", "", 300],
    ["", "其中：财政资金", "", 300],
    ["", "其他资金", "", ""],
    ["总体目标", "年度目标"],
    ["", "养护农村公路30公里，路况优良率达到85%以上"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ["", "产出指标", "数量指标", "养护里程", "30公里"],
    ["", "", "质量指标", "路况优良率", "≥85%"],
    ["", "", "时效指标", "完成时间", "2021年12月底前"],
    ["", "效益指标", "社会效益指标", "群众出行条件", "明显改善"],
    ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
]


def test_an_attachment_number_over_a_project_form_is_no_department_form(tmp_path):
    path = _workbook(tmp_path / "attached.xlsx", ATTACHED, ("A5:A7", "A8:A9", "A10:A15"))
    (fmap,) = map_book(path)
    assert fmap.kind == "form3"
    findings = validate_file(path).findings
    assert not [f for f in findings if f.rule in ("S001", "S002", "A103", "A110")], findings
    assert not _errors(path)


# --- the 中央预算内投资 family: one container 一级 over 产出 / 效益 as its 二级 (天津宝坻) ---------------
INVESTMENT = [
    ["某省2023年中央预算内投资计划绩效目标表"],
    ["专项名称", "城乡冷链物流设施建设"],
    ["下达地方或单位", "某市人民政府"],
    ["下达中央预算内投资(万元)", 1800],
    ["总体目标", "建成冷库3座，2023年底前投入使用，果蔬产后损耗率降低5个百分点"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ["", "实施效果", "产出", "新建冷库数量", "3座"],
    ["", "", "", "工程验收合格率", "100%"],
    ["", "", "效益", "果蔬产后损耗率降低", "≥5个百分点"],
    ["", "", "", "带动农户数", "≥800户"],
    ["填报单位：某市发展和改革委员会"],
]


def test_a_container_level1_over_output_and_benefit_is_a_family_of_its_own(tmp_path):
    path = _workbook(tmp_path / "investment.xlsx", INVESTMENT, ("A6:A10", "B7:B10", "C7:C8", "C9:C10"))
    (fmap,) = map_book(path)
    assert fmap.profile == "investment"
    rules = {f.rule for f in validate_file(path).findings}
    # its names are standard in it, its 产出/效益 are there, and it has no 满意度 or 成本 level
    assert not rules & {"I314", "I301", "I320", "I310", "S007"}, rules
    assert not _errors(path)


def test_a_level1_name_printed_as_level2_under_our_own_level1_is_still_reported(tmp_path):
    rows = [list(r) for r in INVESTMENT]
    for r in rows[6:10]:
        if r[1] == "实施效果":
            r[1] = "产出指标"
    path = _workbook(tmp_path / "ours.xlsx", rows, ("A6:A10", "B7:B10", "C7:C8", "C9:C10"))
    (fmap,) = map_book(path)
    assert fmap.profile != "investment"  # 产出指标 over 「效益」: a misplaced name, not the family


def test_a_single_overall_goal_is_the_years_goal_wherever_it_stands(tmp_path):
    # 「总 体 目 标」 spaced (天津宝坻), 「总目标」 (another spelling): the form's one goal is its 年度 goal
    for label in ("总 体 目 标", "总目标"):
        rows = [list(r) for r in INVESTMENT]
        rows[4] = [label, "提升冷链物流服务能力和水平。"]
        path = _workbook(tmp_path / "goal.xlsx", rows, ("A6:A10", "B7:B10", "C7:C8", "C9:C10"))
        (fmap,) = map_book(path)
        assert "annual_goal" in fmap.fields and "period_goal" not in fmap.fields, label
        assert "annual_goal" not in fmap.not_found
        assert [f.cell for f in validate_file(path).findings if f.rule == "G602"] == ["B5"], label


# --- one value column per place: under a 「…目标值」 header (龙岩), or the places heading the columns (秀屿) ---
PLACES_UNDER = [
    ["专项资金绩效目标表"],
    ["项目名称", "农村饮水安全维修养护"],
    ["总目标", "维修养护农村供水工程40处，2024年底前完工"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标解释", "分地区目标值", "", ""],
    ["", "", "", "", "", "甲县", "乙区", "丙市"],
    ["", "产出指标", "数量指标", "维修养护工程数量", "反映维修养护工程数量", "12处", "15处", "13处"],
    ["", "", "质量指标", "工程验收合格率", "反映工程质量", "100%", "100%", "100%"],
    ["", "效益指标", "社会效益指标", "受益人口", "反映受益情况", "≥8000人", "≥9000人", "≥7000人"],
    ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "反映满意度", "≥90%", "≥90%", "≥90%"],
    ["填报单位：某市水利局"],
]
PLACES_HEADING = [
    ["专项资金绩效目标表"],
    ["项目名称", "农村饮水安全维修养护"],
    ["总体目标", "维修养护农村供水工程3处，2024年底前完工"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标方向", "东湖街道", "西山乡"],
    ["", "产出指标", "数量指标", "维修养护工程(处)", "≥", 1, 2],
    ["", "", "质量指标", "工程验收合格率(%)", "=", "100%", "100%"],
    ["", "效益指标", "社会效益指标", "受益人口(人)", "≥", 800, 900],
    ["", "满意度指标", "服务对象满意度指标", "受益群众满意度(%)", "≥", "90%", "90%"],
    ["填报单位：某区水利局"],
]


def test_one_value_column_per_place_is_read_as_values_not_as_an_indicator_row(tmp_path):
    under = _workbook(tmp_path / "under.xlsx", PLACES_UNDER, ("A4:A9", "F4:H4", "B4:B5", "C4:C5", "D4:D5", "E4:E5"))
    heading = _workbook(tmp_path / "heading.xlsx", PLACES_HEADING, ("A4:A8",))
    for path, first in ((under, "F"), (heading, "F")):
        (fmap,) = map_book(path)
        table = fmap.tables["indicators"]
        assert fmap.profile == "places", path.name
        assert table.col("value") == first and not next(c for c in table.columns if c.key == "value").sure
        assert [c.cue for c in table.columns if c.key == "extra"][-1] == "sub"
        findings = validate_file(path).findings
        assert not [f for f in findings if f.rule in ("I302", "I303", "I304", "I305")], findings  # values seen
        assert not _errors(path), path.name
    # the place names' row is the header, not an indicator
    (fmap,) = map_book(under)
    assert fmap.tables["indicators"].rows[0] == 6


# --- levels printed one column to the left, a 「绩效标准」 column of explanations (湖北鄂州) --------------
SHIFTED = [
    ["某市2024年部门预算项目支出绩效目标表"],
    ["项目名称", "机关食堂运行保障"],
    ["绩效目标", "保障机关食堂全年正常运行，2024年供餐250天以上"],
    ["一级指标", "二级指标", "绩效标准", "当年预期实现值"],
    ["数量指标", "全年供餐天数", "反映食堂供餐天数", "≥250天"],
    ["质量指标", "食品安全抽检合格率", "反映食品安全情况", "100%"],
    ["时效指标", "经费支付及时率", "反映支付及时情况", "100%"],
    ["成本指标", "人均餐费标准", "反映餐费成本", "≤15元/人/餐"],
    ["社会效益指标", "干部职工按时就餐率", "反映保障效果", "≥98%"],
    ["满意度指标", "就餐人员满意度", "反映就餐人员满意情况", "≥90%"],
    ["填报单位：某市机关事务中心"],
]


def test_levels_shifted_by_one_are_read_as_what_they_hold(tmp_path):
    path = _workbook(tmp_path / "shifted.xlsx", SHIFTED)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert table.keyed()["level2"] == "A" and table.keyed()["name"] == "B" and "level1" not in table.keyed()
    assert table.keyed()["explanation"] == "C" and "standard" not in table.keyed()
    findings = validate_file(path).findings
    assert not [f for f in findings if f.rule in ("I313", "I314", "I302", "I303")], findings
    assert not _errors(path)
    # the same table with a cost that is no cost: the finding now stands on the name's row
    rows = [list(r) for r in SHIFTED]
    rows[7] = ["成本指标", "成本控制率", "反映成本控制", "不超预算"]  # row 8
    bad = _workbook(tmp_path / "bad.xlsx", rows)
    assert "D8" in {f.cell for f in validate_file(bad).findings if f.severity in ("error", "warning")}


def test_a_bare_count_under_output_as_the_level2_gets_its_unit_check(tmp_path):
    rows = [list(r) for r in INVESTMENT]
    rows[6] = ["", "实施效果", "产出", "新建冷库个数(含改扩建)", 3]
    path = _workbook(tmp_path / "count.xlsx", rows, ("A6:A10", "B7:B10", "C7:C8", "C9:C10"))
    assert [f.cell for f in validate_file(path).findings if f.rule == "I305"] == ["E7"]
    rows[6][4] = "3座"
    path = _workbook(tmp_path / "count_ok.xlsx", rows, ("A6:A10", "B7:B10", "C7:C8", "C9:C10"))
    assert not [f for f in validate_file(path).findings if f.rule == "I305"]


# --- a foreign form's own cost table with a 合计 line (湖北鄂州 项目预算成本构成) ----------------------------
COSTS = [
    ["某县2024年项目支出绩效目标表"],
    ["项目名称", "乡镇卫生院设备购置"],
    ["支出明细", "预算金额", "测算依据", "上年执行数"],
    ["设备购置费", 120, "按采购计划", 100.5],
    ["安装调试费", 15.5, "按合同", 12],
    ["人员培训费", 4.5, "按培训计划", 3.25],
    ["合计", 140, "", 115.85],
    ["年度目标", "2024年底前为5所卫生院购置设备20台，验收合格率100%"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "购置设备数量", "20台"],
    ["", "质量指标", "设备验收合格率", "100%"],
    ["效益指标", "社会效益指标", "基层诊疗能力", "明显提升"],
    ["满意度指标", "服务对象满意度指标", "患者满意度", "≥90%"],
    ["填报单位：某县卫生健康局"],
]


def test_a_foreign_tables_total_is_added_up(tmp_path):
    path = _workbook(tmp_path / "costs.xlsx", COSTS)
    found = [(f.rule, f.cell) for f in validate_file(path).findings if f.rule == "A111"]
    assert found == [("A111", "D7")]  # 100.5 + 12 + 3.25 = 115.75, not 115.85; the 预算金额 column adds up
    rows = [list(r) for r in COSTS]
    rows[6][3] = 115.75
    assert not [f for f in validate_file(_workbook(tmp_path / "ok.xlsx", rows)).findings if f.rule == "A111"]
    rows[6][3] = 200
    rows[5][0] = "其中：人员培训费"  # a part of another line: no plain sum, nothing asserted
    assert not [f for f in validate_file(_workbook(tmp_path / "part.xlsx", rows)).findings if f.rule == "A111"]
