"""Classes found on the eighth set (tests/data/realforms/set8: 重庆万盛 2025 区域, 安徽亳州 2023, 安徽金安 2023),
each pinned by a variant spelt differently from the form it was found in (other labels, other places, other
column orders), and a look-alike read the other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.io.grid import SheetGrid
from xladdin.recognise import identify
from xladdin.validate import validate_file


def _found(path, *codes: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.cell, f.severity) for f in validate_file(path).findings if f.rule in codes]


# --- a transfer's 绩效目标表 printed under the notice's allocation table (an earlier attachment) ---------------
def _notice(
    amount: object, name: str = "就业补助资金", allocated: tuple[float, float] = (36.5, 12)
) -> list[list[object]]:
    """万盛 2025 showed it (附件1 资金分配表 with a three-row header, then 附件2 「中央对地方转移支付区域绩效
    目标表」 below the top rows): here a 就业补助 notice whose 分配表 has a 合计 column first and two
    directions, and a 区域 table labelled 专项资金名称 / 资金总额 instead of 项目名称 / 下达资金总额."""
    total = allocated[0] + allocated[1]
    return [
        ["附件一"],
        ["某区2024年中央就业补助资金分配表"],
        ["金额单位：万元"],
        ["单位名称", "合计", "职业培训补贴", "公益性岗位补贴"],
        ["区人力资源和社会保障局", total, allocated[0], allocated[1]],
        ["合计", total, allocated[0], allocated[1]],
        [],
        ["附件二"],
        ["转移支付区域绩效目标表"],
        ["专项资金名称", name],
        ["省级主管部门", "某省人力资源和社会保障厅", "区县主管部门", "区人力资源和社会保障局"],
        ["资金情况", "资金总额", amount],
        ["", "其中：中央补助", amount],
        ["年度总体目标", "全年开展职业技能培训1200人次，开发公益性岗位80个，12月底前完成。"],
    ]


def test_a_transfer_form_under_an_earlier_attachment_is_read_as_a_project_form(tmp_path):
    rows = _notice(48.5)
    assert identify(SheetGrid("Sheet1", rows)) == "form3"
    path = _workbook(tmp_path / "notice.xlsx", rows)
    (fmap,) = map_book(path)
    # the 分配表's header (单位名称 │ 合计) is no field of the form: fields are looked for under 附件二
    assert fmap.fields["direction"].cell == "B10"
    assert fmap.fields["project_amount"].cell == "C12"
    assert "unit" not in fmap.fields or fmap.fields["unit"].cell != "B4"
    assert fmap.allocation is not None and fmap.allocation.total == 48.5 and fmap.allocation.unit == "万元"
    assert not [f for f in validate_file(path).findings if f.severity == "error"]


def test_a_transfer_amount_beyond_all_the_notice_allocates_is_an_error(tmp_path):
    # 万盛: the 区域 table says 1916 while the 分配表 passes down 11.7 (the level above's table, not decomposed)
    path = _workbook(tmp_path / "copied.xlsx", _notice(3200))
    assert _found(path, "F518") == [("F518", "C12", "error")]


def test_a_transfer_amount_that_is_part_of_the_allocation_is_no_error(tmp_path):
    # look-alike (四川南江 2024): the 区域 table covers some of the directions the 分配表 lists
    path = _workbook(tmp_path / "part.xlsx", _notice(36.5))
    assert _found(path, "F518") == []


def test_the_same_money_written_in_yuan_is_no_error(tmp_path):
    path = _workbook(tmp_path / "yuan.xlsx", _notice(485000))
    assert _found(path, "F518") == []


def test_a_transfer_form_with_no_allocation_above_it_is_not_compared(tmp_path):
    rows = _notice(3200)[7:]
    path = _workbook(tmp_path / "alone.xlsx", rows)
    (fmap,) = map_book(path)
    assert fmap.allocation is None
    assert _found(path, "F518") == []


# --- a name cut short on a word that wants what follows ----------------------------------------------------
def test_a_fund_name_ending_on_a_word_that_wants_an_object_is_cut_short(tmp_path):
    # 万盛 「中央专项彩票公益金支持」; here 「…补助资金用于」, and the 分配表's title holds the whole name
    rows = _notice(48.5, name="中央就业补助资金用于")
    rows[1] = ["2024年中央就业补助资金用于职业培训和公益性岗位资金分配表"]
    path = _workbook(tmp_path / "cut.xlsx", rows)
    found = [f for f in validate_file(path).findings if f.rule == "F519"]
    assert [(f.cell, f.severity) for f in found] == [("B10", "warning")]
    assert "中央就业补助资金用于职业培训和公益性岗位" in found[0].message


def test_a_whole_fund_name_is_not_cut_short(tmp_path):
    path = _workbook(tmp_path / "whole.xlsx", _notice(48.5, name="中央财政就业补助资金"))
    assert _found(path, "F519") == []


# --- a one-year project with a 中期 block holding more money than its year ----------------------------------
def _midterm(period: str, mid: object, year: object) -> list[list[object]]:
    """亳州 2023 showed it (项目期 「1年」 beside 中期资金总额 449.8万 │ 年度资金总额 189.8万 and
    中期目标(2023年—2025年)): here 实施期限 paired with 主管部门 on one row, the amounts one per row with the
    year's money first."""
    return [
        ["项目支出绩效目标申报表"],
        ["项目名称", "城区道路修缮"],
        ["主管部门", "某县住房和城乡建设局", "实施期限", period],
        ["年度预算资金总额(万元)", year],
        ["中期预算资金总额(万元)", mid],
        ["年度绩效目标", "全年修缮城区道路12公里，11月底前完工。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "修缮道路长度", "12公里"],
        ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
    ]


def test_a_one_year_project_with_more_midterm_money_than_its_year_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "oneyear.xlsx", _midterm("一年", 600, 200))
    (fmap,) = map_book(path)
    assert (fmap.fields["period"].cell, fmap.fields["info.period_amount"].cell) == ("D3", "B5")
    assert _found(path, "G612") == [("G612", "D3", "warning")]


def test_a_one_year_project_whose_midterm_money_is_its_year_is_consistent(tmp_path):
    path = _workbook(tmp_path / "same.xlsx", _midterm("一年", 200, 200))
    assert _found(path, "G612") == []


def test_a_three_year_project_may_hold_more_midterm_money(tmp_path):
    path = _workbook(tmp_path / "three.xlsx", _midterm("2024-2026年", 600, 200))
    assert _found(path, "G612") == []


# --- people each given aid the year's money cannot pay for --------------------------------------------------
def _aid(name: str, value: str, money: object) -> list[list[object]]:
    """金安 2023 showed it (年度资金 80 万元, 「签约康复人数」 ≥18000人): here a 救助 project counting 户, the
    count in a 指标值 column after a separate 计量单位, the amount labelled 项目金额."""
    return [
        ["项目绩效目标表"],
        ["项目名称", "困难群众临时救助"],
        ["项目金额(万元)", money],
        ["年度目标", "全年对3000户困难家庭实施临时救助，12月底前发放到位。"],
        ["一级指标", "二级指标", "三级指标", "计量单位", "指标值"],
        ["产出指标", "数量指标", name, "户", value],
        ["", "质量指标", "救助资金发放准确率", "%", "100"],
        ["满意度指标", "服务对象满意度指标", "救助对象满意度", "%", "≥90"],
    ]


def test_a_count_of_households_aided_beyond_the_money_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "aid.xlsx", _aid("临时救助困难家庭数", "≥3000", 15))
    assert _found(path, "I389") == [("I389", "E6", "warning")]


def test_a_count_the_money_can_pay_for_is_consistent(tmp_path):
    path = _workbook(tmp_path / "enough.xlsx", _aid("临时救助困难家庭数", "≥3000", 150))
    assert _found(path, "I389") == []


def test_a_count_of_people_reached_is_not_a_count_paid_for(tmp_path):
    # look-alike: those the project reaches (受益, 宣传) cost nothing each
    path = _workbook(tmp_path / "reached.xlsx", _aid("救助政策宣传覆盖户数", "≥3000", 15))
    assert _found(path, "I389") == []
