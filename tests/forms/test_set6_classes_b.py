"""Classes found on the sixth set (tests/data/realforms/set6: 成安, 淮北, 天津河北区, 扎赉特, 濮阳, 青山),
each pinned by a variant spelt differently from the form it was found in, and a look-alike read the
other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.io.xlsx import read_grid
from xladdin.recognise import identify, overall_prose
from xladdin.rules.base import Severity
from xladdin.validate import validate_file


def _project(goal: str, indicators: list[list[object]], head: list[list[object]] | None = None) -> list[list[object]]:
    return [
        ["项目支出绩效目标表"],
        ["(2024年度)"],
        ["项目名称", "办公楼屋面防水改造"],
        ["主管部门及代码", "[101]某县司法局", "", "实施单位", "某县司法局"],
        ["项目期", "2024.1-2024.12"],
        ["总体目标", "中期目标", "", "年度目标"],
        ["", "完成办公楼屋面防水改造1200平方米", "", goal],
        ["一级指标", "二级指标", "三级指标", *(head or [["指标值"]])[0]],
        *indicators,
    ]


def _found(path, code):
    return [(f.cell, f.severity) for f in validate_file(path).findings if f.rule == code]


def test_a_zhengti_target_published_as_prose_is_read_as_goals_with_one_note(tmp_path):
    # 承德/成安 family, spelt otherwise: 「(一)总体目标」「(二)分项目标」, 「…工作绩效目标：」 paragraphs
    rows = [
        ["某县卫生健康局部门预算绩效目标公开说明"],
        ["发布日期：2023-05-10"],
        ["一、部门整体支出绩效目标"],
        ["(一)总体目标"],
        ["全县卫生健康工作坚持以人民健康为中心，深化医药卫生体制改革，全面提升服务能力。"],
        ["(二)分项目标"],
        ["公共卫生工作绩效目标：加强疾病预防控制，持续做好健康教育，进一步提高群众健康素养。"],
        ["妇幼健康工作绩效目标：孕产妇系统管理率达90%以上，2023年底前完成全部产前筛查。"],
        ["二、工作保障措施"],
    ]
    path = _workbook(tmp_path / "prose1.xlsx", rows)
    (fmap,) = map_book(path)
    assert fmap.kind == "form1" and fmap.prose
    assert fmap.fields["goal"].cell == "A5" and not fmap.fields["goal"].sure
    assert fmap.tables["work_plan"].rows == [7, 8]
    findings = validate_file(path).findings
    assert all(f.severity != Severity.ERROR for f in findings), findings
    assert [f.cell for f in findings if f.rule == "G607"] == ["A5", "A7"]  # the rate-and-deadline one passes
    notes = [f for f in findings if f.rule == "S005"]
    assert len(notes) == 1 and "2 段分项目标" in notes[0].message


def test_a_notice_without_the_zhengti_heading_is_no_form(tmp_path):
    rows = [["某县卫生健康局部门预算绩效目标公开说明"], ["(一)总体目标"], ["全县卫生健康工作坚持以人民健康为中心。"]]
    sheet = read_grid(_workbook(tmp_path / "notzhengti.xlsx", rows)).sheets[0]
    assert overall_prose(sheet) is None and identify(sheet) is None


def test_benefit_level2_names_without_zhibiao_are_standard(tmp_path):
    rows = _project(
        "2024年10月底前完成屋面防水改造1200平方米",
        [
            ["产出指标", "数量指标", "防水改造面积", "1200平方米"],
            ["", "时效指标", "完工时间", "2024年10月底前"],
            ["效益指标", "经济效益", "减少维修支出", "≥3万元"],
            ["", "生态效益", "雨水渗漏点", "0处"],
            ["满意度指标", "服务对象满意度指标", "职工满意度", "≥90%"],
        ],
    )
    path = _workbook(tmp_path / "l2.xlsx", rows)
    assert not [f for f in validate_file(path).findings if f.rule == "I314"]


def _works(time_rows, explain=False):
    name_rows = [
        ["产出指标", "数量指标", "防水改造面积", "1200平方米"],
        ["", "质量指标", "工程验收合格率", "100%"],
        *time_rows,
        ["效益指标", "社会效益指标", "渗漏投诉次数", "0次"],
        ["满意度指标", "服务对象满意度指标", "职工满意度", "≥90%"],
    ]
    if explain:  # an explanation column copying the 三级 name
        return [[*r[:3], r[2], r[3]] for r in name_rows], [["指标说明", "指标值"]]
    return name_rows, None


def test_a_works_project_timed_only_by_payment(tmp_path):
    rows, _ = _works([["", "时效指标", "工程款支付及时率", "100%"]])
    path = _workbook(tmp_path / "paid.xlsx", _project("2024年10月底前完成屋面防水改造1200平方米", rows))
    assert _found(path, "I319") == [("C11", Severity.WARNING)]
    # the same row beside the work's own deadline asks only when the work is paid for
    rows, _ = _works([["", "时效指标", "工程款支付及时率", "100%"], ["", "", "完工时间", "2024年10月底前"]])
    path = _workbook(tmp_path / "timed.xlsx", _project("2024年10月底前完成屋面防水改造1200平方米", rows))
    assert _found(path, "I319") == []


def test_an_explanation_column_repeating_the_name(tmp_path):
    rows, head = _works([["", "时效指标", "完工时间", "2024年10月底前"]], explain=True)
    path = _workbook(tmp_path / "explain.xlsx", _project("2024年10月底前完成屋面防水改造1200平方米", rows, head))
    assert _found(path, "I393") == [("D9", Severity.WARNING)]
    rows[0][3] = "本年完成防水改造的屋面面积，以竣工验收单为准"
    path = _workbook(tmp_path / "explained.xlsx", _project("2024年10月底前完成屋面防水改造1200平方米", rows, head))
    assert _found(path, "I393") == []


def test_batch_counts_validity_periods_and_a_yes_no_benefit_answered_no(tmp_path):
    rows = [
        ["产出指标", "数量指标", "防水卷材", "一批"],
        ["", "", "屋面排水管", "≥40米"],
        ["", "时效指标", "防水质保期限", "5年"],
        ["", "", "按时保质完成防水施工", "2024年全年"],  # a year, not a span: no validity
        ["效益指标", "经济效益指标", "是否带动相关产业收入", "否"],
        ["", "生态效益指标", "是否产生建筑垃圾污染", "否"],
        ["满意度指标", "服务对象满意度指标", "职工满意度", "≥90%"],
    ]
    path = _workbook(tmp_path / "mixed.xlsx", _project("2024年10月底前完成屋面防水改造1200平方米", rows))
    assert _found(path, "I394") == [("D9", Severity.WARNING)]
    assert _found(path, "I395") == [("D11", Severity.WARNING)]
    assert [c for c, _ in _found(path, "I329")] == ["D13"]  # the harm question answered 否 is the target


def test_a_mid_term_goal_that_is_one_direction(tmp_path):
    rows = _project(
        "2024年10月底前完成屋面防水改造1200平方米",
        [["产出指标", "数量指标", "防水改造面积", "1200平方米"]],
    )
    rows[6][1] = "加快推进司法行政建设"
    path = _workbook(tmp_path / "mid.xlsx", rows)
    assert _found(path, "G602") == [("B7", Severity.WARNING)]
    rows[6][1] = "到2026年底完成全县6处司法所办公用房的屋面防水与外墙改造，渗漏点清零"
    path = _workbook(tmp_path / "mid2.xlsx", rows)
    assert _found(path, "G602") == []
