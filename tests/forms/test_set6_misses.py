"""The misses the tuning of set6 left (tests/data/realforms/set6: 安徽淮北 2025, 河北成安 2020, 重庆巴南 2022),
each fixed as a class and pinned by a variant spelt differently from the form, with a look-alike read the
other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.rules.base import Severity
from xladdin.rules.goals import is_vague
from xladdin.validate import validate_file


def _found(path, code):
    return [(f.cell, f.severity) for f in validate_file(path).findings if f.rule == code]


# --- 淮北: a goal under a label cut short, copying a numbered preamble's 项目内容 -------------------------
def _preamble_form(goal_label: str, goal: str) -> list[list[object]]:
    return [
        ["某县农业农村局2024年“村级河道保洁经费”项目情况"],
        ["1、项目概述：保持全县村级河道常年清洁。"],
        ["2、立项依据：农村人居环境整治实施方案"],
        ["3、项目主要内容：村级河道保洁，按照全年任务120公里，每公里补助2000元，县级承担一半。"],
        ["4、绩效目标："],
        ["项目支出绩效目标表"],
        ["(2024年度)"],
        ["项目名称", "村级河道保洁经费", "", "实施单位", "某县农业农村局"],
        ["项目资金", "年度资金总额:", 12, "", ""],
        [goal_label, goal, "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "保洁河道长度", "≥120公里"],
        ["", "", "时效指标", "完成时限", "2024年12月底前"],
        ["", "效益指标", "生态效益指标", "河道水质达标率", "≥90%"],
        ["", "满意度指标", "服务对象满意度指标", "村民满意度", "≥90%"],
    ]


_PREAMBLE_MERGES = ("A1:E1", "A2:E2", "A3:E3", "A4:E4", "A5:E5", "A6:E6", "A7:E7", "B8:C8", "B10:E10", "A11:A15")
_CONTENT = "村级河道保洁，按照全年任务120公里，每公里补助2000元，县级承担一半。"


def test_a_goal_under_a_cut_label_copying_the_preamble_content(tmp_path):
    # 淮北 prints 「年度」 for 年度绩效目标 and 「(5)项目内容。…」 above the form;
    # here 「当年」 and 「3、项目主要内容：」
    path = _workbook(tmp_path / "cut.xlsx", _preamble_form("当年", _CONTENT), _PREAMBLE_MERGES)
    (fmap,) = map_book(path)
    goal = fmap.fields["annual_goal"]
    assert (goal.cell, goal.sure) == ("B10", False)  # found by its place: a guess
    assert fmap.fields["info.content"].cell == "A4" and fmap.fields["info.overview"].cell == "A2"
    found = [f for f in validate_file(path).findings if f.rule == "G611"]
    assert [(f.cell, f.severity) for f in found] == [("B10", Severity.WARNING)]
    assert "项目内容" in found[0].message and found[0].cells == ("Sheet1!A4",)


def test_a_goal_of_its_own_under_a_cut_label_is_read_and_passes(tmp_path):
    goal = "2024年12月底前完成全县120公里村级河道保洁，河道水质达标率90%以上。"
    path = _workbook(tmp_path / "own.xlsx", _preamble_form("年度绩", goal), _PREAMBLE_MERGES)
    (fmap,) = map_book(path)
    assert fmap.fields["annual_goal"].value == goal
    assert not [f for f in validate_file(path).findings if f.rule.startswith("G6")]


def test_a_line_above_the_table_under_another_label_is_no_goal(tmp_path):
    # look-alike: 「备注」 (or a 中期 label) over the table names no year's goal
    for label in ("备注", "中期"):
        path = _workbook(tmp_path / f"{label}.xlsx", _preamble_form(label, _CONTENT), _PREAMBLE_MERGES)
        (fmap,) = map_book(path)
        assert "annual_goal" not in fmap.fields, label


# --- 成安: a slogan's numbers are no quantities ----------------------------------------------------------
def test_a_slogan_goal_is_vague_whatever_numbers_name_it():
    # 成安 「坚持“156”的总体思路…围绕一个核心(…),打赢五个攻坚战(…五项…)」; here “1335” and 两个/三项
    slogan = (
        "2024年,全市卫生健康工作的总体要求是:坚持“1335”工作思路,即:围绕两个中心(医疗服务、公共卫生),"
        "推进三项改革(医保支付、医疗服务价格、药品采购),努力建设健康城市。"
    )
    assert is_vague(slogan)
    # look-alikes: a count whose list does not match it, a year as a deadline, a number outside quotes
    assert not is_vague("新建三所幼儿园(城东、城西),改善办园条件")
    assert not is_vague("全面提高教育质量,2024年完成校舍改造")
    assert not is_vague("坚持“156”思路,义务教育巩固率达到98%")


def test_a_zhengti_prose_slogan_goal_gets_g607(tmp_path):
    rows = [
        ["某市卫生健康委员会部门预算绩效目标公开说明"],
        ["一、部门整体支出绩效目标"],
        ["(一)总体目标"],
        [
            "2024年,全市卫生健康工作的总体要求是:坚持“1335”工作思路,围绕两个中心(医疗服务、公共卫生),"
            "推进三项改革(医保支付、医疗服务价格、药品采购),努力建设健康城市。"
        ],
        ["(二)分项目标"],
        ["妇幼健康工作绩效目标:孕产妇系统管理率达90%以上,2024年底前完成全部产前筛查。"],
    ]
    path = _workbook(tmp_path / "slogan.xlsx", rows)
    assert _found(path, "G607") == [("A4", Severity.WARNING)]


# --- 巴南: blank fields the tool does not know, and head counts × per-head amounts -------------------------
def _town_form(fields: list[list[object]], amount: object, detail: str) -> list[list[object]]:
    return [
        ["项目支出绩效目标表"],
        ["(2024年度)"],
        ["项目名称", "网格员补贴", "项目负责人及电话", "赵红13800000000"],
        ["主管部门", "某街道办事处", "实施单位", "综治办"],
        *fields,
        ["资金情况\n(单位:万元)", "年度资金总额:", amount, ""],
        ["", "其中:财政拨款", amount, ""],
        ["", "其他资金", "", ""],
        ["项目支出明细", detail, "", ""],
        ["当年绩效目标", "2024年按月为30名网格员发放补贴，12月底前发放完毕。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补贴发放人数", "30人"],
        ["", "时效指标", "按月发放率", "100%"],
        ["效益指标", "社会效益指标", "网格事件办结率", "≥90%"],
        ["满意度指标", "服务对象满意度指标", "网格员满意度", "≥90%"],
    ]


def test_blank_printed_fields_one_warning_whatever_the_labels(tmp_path):
    # 巴南 归口业务科室 / 是否政府采购 / 项目属性; here 业务主管科室 / 是否涉及采购 / 项目类型, and a filled one
    fields = [["业务主管科室", "", "是否涉及采购", ""], ["项目类型", "", "项目口径", "延续"]]
    path = _workbook(tmp_path / "blank.xlsx", _town_form(fields, 11.88, "网格员30人×330元"))
    (fmap,) = map_book(path)
    # 项目类型 is a classification field: F514 says it is blank, so S012 leaves it (one blank, one finding)
    assert [c for _, _, c in fmap.blank_fields] == ["B5", "D5"]
    findings = validate_file(path).findings
    found = [f for f in findings if f.rule == "S012"]
    assert [(f.cell, f.severity, f.cells) for f in found] == [("B5", Severity.WARNING, ("Sheet1!D5",))]
    assert all(w in found[0].message for w in ("业务主管科室", "是否涉及采购"))
    assert [(f.rule, f.cell) for f in findings if f.cell == "B6" or "Sheet1!B6" in f.cells] == [("F514", "B6")]


def test_blank_optional_stamp_and_amount_lines_are_not_asked(tmp_path):
    # look-alike: 「备注(选填)」, a stamp and a blank 其他资金 line say nothing; filled fields neither
    fields = [["业务主管科室", "综治科", "备注(选填)", ""], ["项目类型", "一般", "单位(盖章)", ""]]
    path = _workbook(tmp_path / "optional.xlsx", _town_form(fields, 11.88, "网格员30人×330元"))
    (fmap,) = map_book(path)
    assert fmap.blank_fields == []
    assert _found(path, "S012") == []


def test_head_counts_times_per_head_amounts_that_miss_the_amount(tmp_path):
    # 巴南 「村支部书记44人(311元/人),社区4人(191元/人)」 vs 20 万元; here 30人×330元 and 6户(500元/户) vs 13 万元
    fields = [["业务主管科室", "综治科", "项目口径", "延续"]]
    path = _workbook(tmp_path / "miss.xlsx", _town_form(fields, 13, "网格员30人×330元,困难户6户(500元/户)"))
    found = [f for f in validate_file(path).findings if f.rule == "I396"]
    assert [(f.cell, f.severity) for f in found] == [("B9", Severity.WARNING)]
    assert "一次 1.29 万元；按月全年 15.48 万元" in found[0].message and found[0].cells == ("Sheet1!C6",)


def test_head_counts_that_add_up_by_month_or_as_stated_pass(tmp_path):
    fields = [["业务主管科室", "综治科", "项目口径", "延续"]]
    # 30 × 330 元 × 12 months = 11.88 万元: the period not written, but one period fits
    path = _workbook(tmp_path / "month.xlsx", _town_form(fields, 11.88, "网格员30人×330元"))
    assert _found(path, "I396") == []
    # a stated period is the only one tried: 每人每年 330 元 is 0.99 万元, not 11.88
    path = _workbook(tmp_path / "year.xlsx", _town_form(fields, 11.88, "网格员30人×330元,每人每年发放一次"))
    assert _found(path, "I396") == [("B9", Severity.WARNING)]


def test_a_detail_label_followed_by_a_sentence_is_a_text_not_a_table():
    """巴南 「项目支出明细 │ 网格员30人×330元」: one text of more than 8 characters after the label, alone
    on its row, is the detail itself (a field), not the head of a 支出明细 table; a short text or a
    third cell on the row leave the section a table."""
    from xladdin.io.grid import SheetGrid
    from xladdin.recognise import map_form

    def mapped(detail_row: list[object]):
        rows = _town_form([], 11.88, "")
        rows[7] = detail_row
        return map_form("form3", SheetGrid("Sheet1", rows))

    fmap = mapped(["项目支出明细", "网格员30人×3元", "", ""])  # 9 characters
    detail = fmap.fields["info.detail"]
    assert (detail.cell, detail.cue, detail.value, detail.label) == ("B8", "label", "网格员30人×3元", "A8")
    assert "details" not in fmap.found and "detail" in fmap.found
    assert fmap.notes.count("第8行「项目支出明细」后是一段文字，不是明细表：不作表格读取") == 1
    for row in (["项目支出明细", "网格员3人×3元", "", ""], ["项目支出明细", "网格员30人×330元", "另附", ""]):
        fmap = mapped(row)
        assert "details" in fmap.found and "info.detail" not in fmap.fields
        assert not [n for n in fmap.notes if "不是明细表" in n]
