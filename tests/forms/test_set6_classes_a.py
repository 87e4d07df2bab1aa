"""Classes found on the sixth set (tests/data/realforms/set6: 重庆巴南 2022, 湖北黄石 2022), each pinned by
a variant spelt differently from the form it was found in, and a look-alike read the other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.validate import validate_file
from xladdin.values import value_kind


def _split_value_form(sub: tuple[str, str], foot: list[list[object]]) -> list[list[object]]:
    """A 批复表 whose 「指标值」 header stands over two sub-columns (``sub``), the values in the second."""
    return [
        ["项目支出绩效目标批复表"],
        ["(2024年度)"],
        ["项目名称", "干部轮训", "", "项目负责人", "李平"],
        ["项目金额", "90万元", "", "实施单位", "某县委党校"],
        ["年度绩效目标(文字)", "全年轮训干部600人次，开设课程120门。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "指标标准或依据"],
        ["", "", "", "", sub[0], sub[1], ""],
        ["", "产出指标", "数量指标", "轮训干部人次", "", "600人次", ""],
        ["", "", "质量指标", "课程合格率", "", "≥98%", ""],
        ["", "效益指标", "社会效益指标", "学员履职能力提升度", "", "显著", ""],
        ["", "满意度指标", "服务对象满意度指标", "学员满意度", "", "≥95%", ""],
        *foot,
    ]


_SPLIT_MERGES = ("E6:F6",)


def test_a_value_header_split_into_past_actual_and_expected_reads_the_expected_column(tmp_path):
    # 黄石 prints 2021年实际实现值 │ 预期2022年实现值; here 上年完成值 │ 本年目标值: the target is the value,
    # the past column its 上年指标值, not the value
    rows = _split_value_form(("2023年完成值", "2024年目标值"), [])
    path = _workbook(tmp_path / "split.xlsx", rows, _SPLIT_MERGES)
    (fmap,) = map_book(path)
    cols = fmap.tables["indicators"].keyed()
    assert (cols["value"], cols["prior"]) == ("F", "E")
    found = validate_file(path).findings
    assert not [f for f in found if f.rule == "I302"]  # the blank past column is no missing value


def test_a_split_into_places_still_reads_as_places(tmp_path):
    # look-alike: two towns under 「指标值」 are places, not past and target
    rows = _split_value_form(("甲镇", "乙镇"), [])
    path = _workbook(tmp_path / "places.xlsx", rows, _SPLIT_MERGES)
    (fmap,) = map_book(path)
    assert "prior" not in fmap.tables["indicators"].keyed()


def test_stamp_and_date_lines_under_the_table_are_no_indicator(tmp_path):
    # 黄石 「财政绩效管理科室(盖章)  年 月 日」 under the last row; here 主管部门(签章) and a bare date
    foot = [["主管部门(签章)", "", "", "县财政局(盖章)"], ["", "", "", "", "", "年    月    日"]]
    path = _workbook(tmp_path / "stamp.xlsx", _split_value_form(("上年实际值", "本年预期值"), foot), _SPLIT_MERGES)
    (fmap,) = map_book(path)
    rows = fmap.tables["indicators"].rows
    assert max(rows) == 11
    assert not [f for f in validate_file(path).findings if f.cell.endswith(("12", "13"))]


def _detail_line_form(detail: list[object], foot: list[list[object]]) -> list[list[object]]:
    return [
        ["项目支出绩效目标表"],
        ["(2024年度)"],
        ["项目名称", "村级网格员补贴", "项目负责人及电话", "赵红13800000000"],
        ["主管部门", "某街道办事处", "实施单位", "综治办"],
        ["资金情况\n(单位:万元)", "年度资金总额:", 12, ""],
        ["", "其中:财政拨款", 12, ""],
        detail,
        ["当年绩效目标", "全年为30名网格员按月发放补贴，12月底前发放完毕。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "补贴发放人数", "30人"],
        ["", "时效指标", "按月发放率", "100%"],
        ["效益指标", "社会效益\n指标", "网格事件办结率", "⩾90%"],
        ["满意度指标", "服务对象\n满意度指标", "网格员满意度", "≧90%"],
        *foot,
    ]


def test_a_detail_label_with_its_text_is_no_table_running_into_the_indicators(tmp_path):
    # 巴南 「项目支出明细 │ 村支部书记44人(311元/人)…」: a text, so no amount check runs on the
    # indicator values below, and the goal under it is read
    detail = ["支出明细", "网格员30人，每人每月330元，按12个月计"]
    foot = [["填报人:孙丽"], ["填报日期:2023年11月2日"]]
    path = _workbook(tmp_path / "line.xlsx", _detail_line_form(detail, foot))
    (fmap,) = map_book(path)
    assert "details" not in fmap.tables
    assert fmap.fields["annual_goal"].cell == "B8"
    assert max(fmap.tables["indicators"].rows) == 13  # the 填报人 / 填报日期 lines end the table
    found = validate_file(path).findings
    assert not [f for f in found if f.rule.startswith("A1")]
    assert not [f for f in found if f.rule in ("I304", "I314")]


def test_a_clerk_and_phone_line_under_the_table_is_the_filler(tmp_path):
    # 巴南 「经办人及联系电话:王舜177…」: the 填表人 line, so the import has it too (no F502 it adds)
    foot = [["经办人及联系电话:钱明13900000000"]]
    path = _workbook(tmp_path / "clerk.xlsx", _detail_line_form(["项目概况", "为网格员发放补贴"], foot))
    (fmap,) = map_book(path)
    assert fmap.fields["signature.filler"].value == "钱明13900000000"
    assert max(fmap.tables["indicators"].rows) == 13


def test_a_detail_table_with_its_header_words_is_still_a_table(tmp_path):
    # look-alike: 「支出明细 │ 支出内容 │ 金额」 names its columns: a table
    rows = _detail_line_form(["支出明细", "支出内容", "金额", "测算依据"], [])
    rows.insert(7, ["", "网格员补贴", 12, "30人×330元×12月"])
    path = _workbook(tmp_path / "table.xlsx", rows)
    (fmap,) = map_book(path)
    assert "details" in fmap.tables


def test_full_width_signs_read_as_comparisons():
    assert value_kind("≧95%") == value_kind("≥95%") == "percent"
    assert value_kind("≦3天") == value_kind("≤3天")


def test_a_service_slogan_valued_100_percent_is_an_aspiration(tmp_path):
    # 巴南 「为民众办好事,办实事 100%」 as a quality indicator; here 「切实为群众办实事」
    rows = _detail_line_form(["项目概况", "为网格员发放补贴"], [])
    rows.insert(10, ["", "质量指标", "切实为群众办实事", "100%"])
    path = _workbook(tmp_path / "slogan.xlsx", rows)
    found = [(f.rule, f.cell) for f in validate_file(path).findings if f.rule == "I330"]
    assert found == [("I330", "D11")]


def test_a_past_value_column_left_blank_throughout_is_one_warning(tmp_path):
    # 黄石 leaves 「2021年实际实现值」 blank on every row: one I390 for the table, none once it is filled
    path = _workbook(tmp_path / "blank.xlsx", _split_value_form(("上年实际值", "本年预期值"), []), _SPLIT_MERGES)
    assert [(f.rule, f.cell) for f in validate_file(path).findings if f.rule == "I390"] == [("I390", "E8")]
    rows = _split_value_form(("上年实际值", "本年预期值"), [])
    for row, past in zip(rows[7:11], ("560人次", "97%", "显著", "96%"), strict=True):
        row[4] = past
    path = _workbook(tmp_path / "filled.xlsx", rows, _SPLIT_MERGES)
    assert not [f for f in validate_file(path).findings if f.rule == "I390"]
