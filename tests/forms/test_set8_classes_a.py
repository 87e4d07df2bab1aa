"""Classes found on the eighth set (tests/data/realforms/set8: 广东肇庆 2024 项目表, 安徽舒城 2023 中央预算内投资,
四川南江 2024 省对下区域表), each pinned by a variant spelt differently from the form it was found in (other
labels, other places, other column orders), and a look-alike read the other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.importer import import_file
from xladdin.commands.inspect_map import map_book
from xladdin.validate import validate_file


def _rules(path, *codes: str) -> list[tuple[str, str]]:
    return [(f.rule, f.cell) for f in validate_file(path).findings if f.rule in codes]


def _errors(path) -> list[str]:
    return [f"{f.rule} {f.cell}" for f in validate_file(path).findings if f.severity == "error"]


# --- a label whose value is a row of sub-label │ value pairs --------------------------------------------------
def _pairs(amount_row: list[object], period_row: list[object]) -> list[list[object]]:
    """肇庆 prints 「预算金额 │ 总金额 │ 50万元 │ 当年度金额 │ 50万元」 and 「实施期限 │ 起始年度 │ 2024 │ 到期年度 │
    2024」; here a 社区养老 form with the YEAR's pair first, other sub-labels, and the pairs above the unit line."""
    return [
        ["某区2025年社区养老服务站运营补助绩效目标表", "", "", "", ""],
        ["项目名称", "社区养老服务站运营补助", "", "", ""],
        amount_row,
        period_row,
        ["预算单位", "某区民政局", "项目属性", "延续项目", ""],
        ["年度绩效目标", "2025年12月底前为辖区1200名老人提供助餐服务30000人次。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", ""],
        ["产出指标", "数量指标", "助餐服务人次", "≥30000人次", ""],
        ["效益指标", "社会效益指标", "老人就餐困难缓解率", "≥90%", ""],
        ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", ""],
    ]


_MERGES = ("A1:E1", "B2:E2", "B6:E6")


def test_sub_label_pairs_right_of_a_label_give_the_values_not_the_words(tmp_path):
    """广东肇庆 2024 showed it: 「总金额」 read as the 项目金额 (a false A101 error, carried by both imports)."""
    rows = _pairs(
        ["项目资金", "本年度经费", "80万元", "项目总投资", "240万元"],
        ["项目期限", "开始时间", "2025年1月", "结束时间", "2027年12月"],
    )
    path = _workbook(tmp_path / "pairs.xlsx", rows, _MERGES)
    (fmap,) = map_book(path)
    amount, period = fmap.fields["project_amount"], fmap.fields["period"]
    assert (amount.cell, amount.value) == ("C3", "80万元")  # the year's amount, not 「本年度经费」
    assert (period.cell, period.value) == ("C4", "2025年1月-2027年12月")
    # a header or label word is never a value: no 「金额不是数字（现为「本年度经费」）」
    assert _errors(path) == []
    out = tmp_path / "导入.xlsx"
    import_file(path, out)
    assert _errors(out) == []  # the import adds no error either


def test_sub_label_pairs_with_the_total_first_read_the_years_amount(tmp_path):
    """the order 肇庆 prints: the total's pair, then the year's; numbers typed as numbers"""
    rows = _pairs(["预算资金", "项目总金额", 240, "当年预算", 80], ["实施周期", "起始年份", 2025, "终止年份", 2027])
    path = _workbook(tmp_path / "total_first.xlsx", rows, _MERGES)
    (fmap,) = map_book(path)
    assert (fmap.fields["project_amount"].cell, fmap.fields["project_amount"].value) == ("E3", 80)
    assert fmap.fields["period"].value == "2025-2027"
    assert _errors(path) == []


def test_a_value_beside_its_label_is_read_as_it_stands_even_with_pairs_after_it(tmp_path):
    """look-alike: 「项目期限 │ 3年 │ 项目资金 │ 80」 is two plain label │ value pairs, no sub-labels"""
    rows = _pairs(["项目资金", 80, "资金性质", "一般公共预算", ""], ["项目期限", "3年", "开始时间", "2025年1月", ""])
    path = _workbook(tmp_path / "plain.xlsx", rows, _MERGES)
    (fmap,) = map_book(path)
    assert (fmap.fields["project_amount"].cell, fmap.fields["project_amount"].value) == ("B3", 80)
    assert (fmap.fields["period"].cell, fmap.fields["period"].value) == ("B4", "3年")


# --- the 中央预算内投资 family's process block ------------------------------------------------------------------
def _investment(block: list[list[object]]) -> list[list[object]]:
    """舒城 prints 级指标 │ 二级 │ 三级 │ 指标值 with 「实施效果指标」 then 「过程管理指标」; here a 农村公路 plan, a
    备注 column after the value, the process block's 二级 spelt bare (「资金管理」) and in another order."""
    return [
        ["中央预算内投资计划绩效目标表", "", "", "", ""],
        ["专项名称", "2024年某县农村公路提档升级工程", "", "", ""],
        ["下达地方或单位", "某县交通运输局", "", "", ""],
        ["本次下达中央预算内投资(万元)", 1200, "", "", ""],
        ["总体目标", "2024年底前完成农村公路提档升级46公里，改善沿线群众出行条件。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["实施效果指标", "产出指标", "提档升级农村公路里程", "≥46公里", ""],
        ["", "效益指标", "沿线受益群众人数", "≥3.2万人", ""],
        ["", "满意度指标", "沿线群众满意度", "≥90%", ""],
        *block,
    ]


_PROCESS = [
    ["过程管理指标", "资金管理", "中央预算内投资支付率", "≥95%", ""],
    ["", "项目管理", "项目开工率", "100%", ""],
    ["", "监督检查", "审计发现问题项目比例", "≤1%", ""],
    ["", "计划管理", "投资计划转发用时", "≤15工作日", ""],
]


def test_the_investment_familys_process_block_names_are_standard_in_it(tmp_path):
    """安徽舒城 2023 showed it: four I314 on 计划管理 / 资金管理 / 项目管理 / 监督检查指标."""
    path = _workbook(tmp_path / "invest.xlsx", _investment(_PROCESS), ("A7:A9", "A10:A13"))
    (fmap,) = map_book(path)
    assert fmap.profile == "investment"
    found = validate_file(path).findings
    assert [f for f in found if f.rule in ("I314", "I313", "I301")] == []  # no 「不是标准名称」, nothing missing
    # the process block's rates are no 产出: no 「产出指标衡量的是资金」 on 支付率
    assert [(f.rule, f.cell) for f in found if f.rule == "I319"] == []


def test_process_block_names_stay_non_standard_in_a_form_of_another_family(tmp_path):
    """look-alike: the same 二级 under our own 一级 names in a project form of our family"""
    rows = [
        ["项目支出绩效目标表", "", "", ""],
        ["项目名称", "农村公路养护", "", ""],
        ["年度绩效目标", "2024年底前养护农村公路120公里。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "120公里"],
        ["", "资金管理指标", "资金支付率", "≥95%"],
        ["效益指标", "社会效益指标", "路况优良率", "≥85%"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]
    path = _workbook(tmp_path / "ours.xlsx", rows, ("A5:A6",))
    assert ("I314", "B6") in _rules(path, "I314")


def _works(output_name: str, output_value: str) -> list[list[object]]:
    """舒城's only 产出 is 「劳务报酬占中央投资比例 ≥32.68%」 under the investment family's 实施效果指标; here a
    township's 以工代赈 road in our own family, the share worded 「…工资…占…总投资比重」 under 数量指标."""
    return [
        ["项目支出绩效目标表", "", "", ""],
        ["项目名称", "某镇以工代赈村组道路工程", "", ""],
        ["年度绩效目标", "2024年11月底前建成村组道路8公里，带动当地群众务工120人。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", output_name, output_value],
        ["", "时效指标", "工程完工时间", "2024年11月底前"],
        ["效益指标", "社会效益指标", "带动当地群众务工人数", "≥120人"],
        ["满意度指标", "服务对象满意度指标", "务工群众满意度", "≥90%"],
    ]


def test_an_output_that_is_one_sum_of_money_as_a_share_of_another_is_a_spending_measure(tmp_path):
    """安徽舒城 2023 showed it: 产出 only 「劳务报酬占中央投资比例」 (missed: output-money-ratio-only)."""
    path = _workbook(tmp_path / "share.xlsx", _works("务工工资发放额占项目总投资比重", "≥15%"), ("A5:A6",))
    assert _rules(path, "I319") == [("I319", "C5")]
    assert [f.severity for f in validate_file(path).findings if f.rule == "I319"] == ["warning"]


def test_a_share_of_people_is_no_spending_measure(tmp_path):
    """look-alike: a share of heads, not of money"""
    path = _workbook(tmp_path / "heads.xlsx", _works("本地务工人员占用工总数比例", "≥60%"), ("A5:A6",))
    assert _rules(path, "I319") == []


# --- a later attachment of a notice, under the table of an earlier one ------------------------------------------
def _notice(title: str, amount_label: str, fund: str) -> list[list[object]]:
    """南江 prints 「附件1」 分配表(任务清单) (a two-row header, 预算单位 │ 合计 │ …), then 「附件2」 over the 区域
    绩效目标表 at row 8; here a 市 passing its own fund to three 区, a longer 分配表 (the title at row 11), the
    amount label before the 主管部门."""
    return [
        ["附件1", "", "", ""],
        [f"2025年{fund}分配表", "", "", ""],
        ["单位:万元", "", "", ""],
        ["预算单位", "合计", "城区养老服务", "农村养老服务"],
        ["", "", "小计", "小计"],
        ["东区民政局", 60, 40, 20],
        ["西区民政局", 50, 30, 20],
        ["北区民政局", 30, 10, 20],
        ["合计", 140, 80, 60],
        ["附件2", "", "", ""],
        [title, "", "", ""],
        ["资金名称", fund, "", ""],
        [amount_label, 140, "", ""],
        ["主管部门", "某市民政局", "", ""],
        ["年度目标", "2025年12月底前支持三个区建成社区助餐点18个，服务老年人3000人。", "", ""],
    ]


def test_a_form_titled_under_an_attachment_mark_below_another_table_is_read(tmp_path):
    """四川南江 2024 showed it: its Word copy (the title one row lower) was refused as no form."""
    rows = _notice("2025年市级养老服务补助资金区域绩效目标表", "市级补助年度金额(万元)", "市级养老服务补助资金")
    path = _workbook(tmp_path / "notice.xlsx", rows)
    (fmap,) = map_book(path)
    assert fmap.kind == "form3"
    assert fmap.fields["annual_goal"].cell == "B15"
    # the 分配表's header word 「合计」 right of 「预算单位」 is no unit name
    assert fmap.fields["unit"].value == "某市民政局"
    assert _rules(path, "F516") == []  # the label's level agrees with the fund's


def test_an_amount_label_naming_another_level_than_the_fund_is_a_warning(tmp_path):
    """南江: 「中央补助年度金额」 on 「省级财政…专项资金」; here 「省级补助资金」 on a 市级 fund"""
    rows = _notice("2025年市级养老服务补助资金区域绩效目标表", "省级补助资金(万元)", "市级养老服务补助资金")
    path = _workbook(tmp_path / "level.xlsx", rows)
    found = [f for f in validate_file(path).findings if f.rule == "F516"]
    assert [(f.cell, f.severity) for f in found] == [("A13", "warning")]


def test_a_part_of_the_money_from_another_level_is_no_wrong_label(tmp_path):
    """look-alike: 「其中:省级补助」 under the total names a part of the money, not the whole"""
    rows = _notice("2025年市级养老服务补助资金区域绩效目标表", "年度资金总额(万元)", "市级养老服务补助资金")
    rows.insert(13, ["其中:省级补助(万元)", 40, "", ""])
    path = _workbook(tmp_path / "part.xlsx", rows)
    assert _rules(path, "F516") == []


# --- a copy cut inside its goal --------------------------------------------------------------------------------
_CUT_HEAD = [
    ["2025年农村饮水安全巩固提升项目绩效目标表", ""],
    ["项目名称", "农村饮水安全巩固提升"],
    ["实施单位", "某县水利局"],
    ["项目资金(万元)", 300],
]


def test_a_goal_the_copy_stops_inside_is_not_judged_vague(tmp_path):
    """南江 「…林业草原有害生物无公害防治成效」 and 万盛 「…失能老年人建设」 end their copies mid-sentence, no
    indicator after them; here the goal is labelled 「绩效目标」 and stops after a comma-less clause"""
    rows = [*_CUT_HEAD, ["绩效目标", "巩固提升农村供水保障水平,加强水源地保护和水质检测"]]
    path = _workbook(tmp_path / "cut.xlsx", rows)
    found = validate_file(path).findings
    assert [f.rule for f in found if f.rule.startswith("G")] == []
    assert [f.rule for f in found if f.rule.startswith("S")] == ["S006"]  # the one note: no indicator was read


def test_a_vague_goal_over_indicators_is_judged_however_it_ends(tmp_path):
    """look-alike: the same words with the form going on into its indicators"""
    rows = [
        *_CUT_HEAD,
        ["绩效目标", "巩固提升农村供水保障水平,加强水源地保护和水质检测"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "水质检测次数", "≥12次"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]
    path = _workbook(tmp_path / "whole.xlsx", rows)
    assert _rules(path, "G602") == [("G602", "B5")]


def test_an_import_of_the_investment_family_adds_no_non_standard_name(tmp_path):
    """舒城's imports (.xlsx and Word) wrote its 二级 as printed into our template, where they read as
    non-standard (I314) though the source has none: the new workbook is read as the source's family"""
    path = _workbook(tmp_path / "invest.xlsx", _investment(_PROCESS), ("A7:A9", "A10:A13"))
    out = tmp_path / "导入.xlsx"
    import_file(path, out)
    (fmap,) = map_book(out)
    assert fmap.template and fmap.profile == "investment"
    assert _rules(out, "I314") == []


def test_a_clerks_bare_names_in_our_template_stay_non_standard(tmp_path):
    """look-alike: 「数量」「质量」 as 二级, imported into our template: spellings of ours, not another family's"""
    rows = [
        ["项目支出绩效目标表", "", "", ""],
        ["项目名称", "农村公路养护", "", ""],
        ["年度绩效目标", "2024年底前养护农村公路120公里。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量", "养护里程", "120公里"],
        ["", "质量", "路况优良率", "≥85%"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]
    path = _workbook(tmp_path / "bare.xlsx", rows, ("A5:A6",))
    out = tmp_path / "导入.xlsx"
    import_file(path, out)
    (fmap,) = map_book(out)
    assert fmap.profile == "ours"


def test_a_goal_over_a_table_of_bare_values_is_judged_however_it_ends(tmp_path):
    """look-alike: 宁乡 2021 (the first set) prints its goal over a table whose 指标内容 are empty and whose values
    are bare scores; a table is there, the goal above it is whole"""
    rows = [
        *_CUT_HEAD,
        ["绩效目标", "巩固提升农村供水保障水平,加强水源地保护和水质检测"],
        ["一级指标", "二级指标", "指标内容", "指标值"],
        ["产出指标", "数量指标", "", 88],
        ["效益指标", "社会效益指标", "", 90],
    ]
    path = _workbook(tmp_path / "scores.xlsx", rows)
    assert _rules(path, "G602") == [("G602", "B5")]


# --- one work's goal copied from its programme -----------------------------------------------------------------
def _one_work(name: str, goal: str) -> list[list[object]]:
    """舒城: 专项名称 「…清水河(…段)治理工程」, 总体目标 「…实施一批以工代赈中央预算内投资项目…」; here a 年度目标
    row of our own family's labels for a water works, the batch worded 「建设一批…工程」."""
    return [
        ["项目支出绩效目标表", "", "", ""],
        ["项目名称", name, "", ""],
        ["年度绩效目标", goal, "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "新建供水管网", "≥12公里"],
        ["效益指标", "社会效益指标", "受益人口", "≥8000人"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]


def test_one_works_goal_speaking_of_a_batch_of_projects_is_a_warning(tmp_path):
    """安徽舒城 2023 showed it: 「实施一批以工代赈中央预算内投资项目」 on one 治理工程
    (missed: vague-goal-programme-text)."""
    goal = "按照省级部署，建设一批农村供水保障工程，提升农村供水保障水平，2024年12月底前完成。"
    path = _workbook(tmp_path / "batch.xlsx", _one_work("某县城关镇农村供水管网延伸工程", goal))
    found = [f for f in validate_file(path).findings if f.rule == "F517"]
    assert [(f.cell, f.severity) for f in found] == [("B3", "warning")]


def test_a_programmes_goal_may_speak_of_a_batch(tmp_path):
    """look-alike: the form of the programme itself (海南 2022 专项 「培育一批…项目」 is one)"""
    goal = "按照省级部署，建设一批农村供水保障工程，提升农村供水保障水平，2024年12月底前完成。"
    path = _workbook(tmp_path / "programme.xlsx", _one_work("2024年农村供水保障专项资金", goal))
    assert _rules(path, "F517") == []
