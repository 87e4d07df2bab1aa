"""Classes found on the seventh set (tests/data/realforms/set7: 浙江临海 2024, 湖北广水 2023, 安徽芜湖 2019,
新疆昌吉 2019, 湖南湘阴 2022, 安徽蒙城 2024), each pinned by a variant spelt differently from the form it was
found in (other labels, other places, other column orders), and a look-alike read the other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.io.grid import SheetGrid
from xladdin.recognise import identify
from xladdin.validate import validate_file


def _rules(path, *codes: str) -> list[tuple[str, str]]:
    return [(f.rule, f.cell) for f in validate_file(path).findings if f.rule in codes]


# --- a project declaration whatever its title, even cut before its indicators ------------------------------
def _declaration(title: str) -> list[list[object]]:
    """芜湖's 「…申报明细表」 and 广水's 「项目申报表」 showed it: here a road fund's 「资金申请表」-style title."""
    return [
        [title],
        ["项目名称", "农村公路日常养护", "", "项目类型", "经常性项目"],
        ["项目负责人", "刘强", "", "联系电话", "13800001111"],
        ["项目期限", "2025年1月-12月", "", "项目属性", "延续项目"],
        ["项目当年预算(万元)", 120, "", "项目总预算(万元)", 360],
        ["项目绩效目标", "全年养护农村公路85公里，12月底前完成。"],
    ]


def test_a_sheet_of_project_fields_with_a_goal_is_a_project_form_whatever_its_title(tmp_path):
    # 芜湖 「…项目支出绩效目标申报明细表」 (a title no vocabulary holds); here 「…资金使用计划书」
    rows = _declaration("某县2025年农村公路养护资金使用计划书")
    assert identify(SheetGrid("Sheet1", rows)) == "form3"
    path = _workbook(tmp_path / "plan.xlsx", rows)
    (fmap,) = map_book(path)
    assert fmap.kind == "form3"
    assert fmap.fields["annual_goal"].cell == "B6"
    found = validate_file(path).findings
    # cut before its indicators: one structure note says so, nothing accuses the clerk of the cut
    assert [f.rule for f in found if f.rule.startswith("S")] == ["S006"]
    assert not [f for f in found if f.severity == "error"]


def test_a_declaration_cover_with_no_goal_yet_is_a_project_form_by_its_title(tmp_path):
    # 广水's 一体化 「…项目申报表」 cover page ends before any goal; here 「项目申报书」
    rows = _declaration("某县交通运输局项目申报书")[:-1]
    assert identify(SheetGrid("Sheet1", rows)) == "form3"


def test_a_list_of_projects_under_one_header_row_is_no_declaration():
    # look-alike: the same words as the column heads of a project list (大冶's 项目计划安排表)
    rows = [
        ["2025年项目计划安排表"],
        ["序号", "项目名称", "项目类型", "项目期限", "项目负责人", "资金规模", "绩效目标"],
        [1, "村道硬化", "基础设施", "2025年", "王某", 50, "硬化村道2公里"],
    ]
    # not a project form: a list with an amount and a goal per item is read as a fund list (附表2's kind)
    assert identify(SheetGrid("Sheet1", rows)) == "form2"
    assert identify(SheetGrid("Sheet1", [r[:5] for r in rows])) is None  # without them, nothing


# --- 指标名称 holding only the 二级 class; what is measured said in the description -------------------------
def _class_name_table(yes_name: str) -> tuple[list[list[object]], tuple[str, ...]]:
    """临海 prints 指标类型 │ 指标名称 │ 指标值 │ 指标描述; here the description stands BEFORE the value, and the
    form is a school canteen's."""
    rows = [
        ["学校食堂运转经费绩效目标表"],
        ["项目名称", "学校食堂运转经费", "项目负责人", "陈静"],
        ["项目当年预算(万元)", 40, "联系电话", "13900002222"],
        ["年度绩效目标", "全年保障1200名学生在校用餐，12月底前完成全部采购。"],
        ["指标类型", "指标名称", "指标描述", "指标值"],
        ["产出指标", "数量指标", "保障在校用餐学生1200人", "1200人"],
        ["", "质量指标", "食品安全抽检合格率达到98%", "98%"],
        ["", "时效指标", "全年", "全年"],
        ["效益指标", "社会效益指标", yes_name, "是"],
        ["满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥90%"],
    ]
    return rows, ("A6:A8",)


def test_a_name_column_of_second_level_classes_reads_the_description_as_the_name(tmp_path):
    rows, merges = _class_name_table("保障学生营养健康")
    path = _workbook(tmp_path / "classes.xlsx", rows, merges)
    (fmap,) = map_book(path)
    cols = fmap.tables["indicators"].keyed()
    assert (cols["level2"], cols["name"], cols["value"]) == ("B", "C", "D")
    found = validate_file(path).findings
    assert [(f.rule, f.cell) for f in found if f.rule == "I388"] == [("I388", "B6")]
    # the description restating its value (「…达到98%」 │ 98%) is no copied value, no number in a name
    assert not [f for f in found if f.rule in ("I304", "I325") and f.cell in ("C6", "D6", "C7", "D7")]


def test_a_benefit_answered_with_a_bare_yes_is_an_error(tmp_path):
    # 临海's three 效益 rows 「是」; here a school's social benefit
    rows, merges = _class_name_table("保障学生营养健康")
    path = _workbook(tmp_path / "yes.xlsx", rows, merges)
    assert _rules(path, "I387") == [("I387", "D9")]
    assert [f.severity for f in validate_file(path).findings if f.rule == "I387"] == ["error"]


def test_a_benefit_question_answered_yes_is_no_error(tmp_path):
    # look-alike: the name asks the question 「是」 answers
    rows, merges = _class_name_table("是否带动周边就业")
    path = _workbook(tmp_path / "question.xlsx", rows, merges)
    assert _rules(path, "I387") == []


def test_a_timeliness_value_naming_the_whole_year_has_no_deadline(tmp_path):
    # 临海 时效 「全年」 │ 「全年」: a period, no deadline (a warning, not prose copied from its name)
    rows, merges = _class_name_table("保障学生营养健康")
    path = _workbook(tmp_path / "year.xlsx", rows, merges)
    found = [(f.rule, f.cell, f.severity) for f in validate_file(path).findings if f.cell == "D8"]
    assert found == [("I323", "D8", "warning")]


def test_a_side_label_merged_down_the_table_ends_it_at_the_next_section(tmp_path):
    # 临海 「项目绩效目标」 merged down the goal and indicators, then 「最近年度绩效评价情况」 with its boxes
    rows = [
        ["项目名称", "社区卫生服务", "", "项目负责人", "赵敏"],
        ["项目期限", "2025年", "", "联系电话", "13700003333"],
        ["绩效目标", "年度目标", "全年为辖区3000名老人提供健康体检，11月底前完成。"],
        ["", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "体检人数", "3000人"],
        ["", "效益指标", "社会效益指标", "慢病早发现率", "≥80%"],
        ["", "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"],
        ["上年度评价结果", "优秀□ 良好□ 合格□", "", "问题整改情况", "已整改"],
    ]
    path = _workbook(tmp_path / "side.xlsx", rows, ("A3:A7",))
    (fmap,) = map_book(path)
    assert max(fmap.tables["indicators"].rows) == 7


# --- printed tick boxes with nothing ticked -----------------------------------------------------------------
def _ticks(kind_cell: str, scope_cell: str) -> list[list[object]]:
    return [
        ["项目支出绩效目标表"],
        ["项目名称", "城区路灯维护", "项目负责人", "孙伟"],
        ["资金性质", kind_cell, "申报方式", scope_cell],
        ["年度绩效目标", "全年维护路灯2600盏，亮灯率98%以上。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维护路灯数", "2600盏"],
        ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
    ]


def test_tick_lists_with_no_box_ticked_are_one_warning_naming_each(tmp_path):
    # 临海 「新增□ 延续□ 往年备选□」 / 芜湖 「部门预算 □ 切块预算 □」; here ☐ boxes, fields side by side
    path = _workbook(tmp_path / "unticked.xlsx", _ticks("经常性 ☐ 一次性 ☐", "☐新增 ☐延续"))
    found = [f for f in validate_file(path).findings if f.rule == "F511"]
    assert [(f.cell, f.cells) for f in found] == [("B3", ("Sheet1!D3",))]
    assert "资金性质" in found[0].message and "申报方式" in found[0].message


def test_a_tick_list_with_a_box_ticked_is_filled(tmp_path):
    path = _workbook(tmp_path / "ticked.xlsx", _ticks("经常性 ■ 一次性 □", "☑新增 □延续"))
    assert _rules(path, "F511") == []


# --- a 公示 giving its targets as numbered label lines --------------------------------------------------------
def _notice(quantity_line: str) -> list[list[object]]:
    """昌吉's 「…计划公告公示」 with 「七、绩效目标」; here a 培训 fund's 公告, 「五、」 and 「(二)、」 numbering."""
    return [
        ["某县新型职业农民培训项目公告"],
        ["一、实施地点"],
        ["某县农业技术推广中心。"],
        ["五、绩效目标"],
        ["总体目标:全年培训新型职业农民320人次，11月底前完成。"],
        ["(二)、产出指标"],
        [quantity_line],
        ["2、质量指标:培训合格率95%以上。"],
        ["3、时效指标:全部培训11月底前完成。"],
    ]


def test_a_notice_with_numbered_dimension_lines_reads_the_numbers_in_its_sentences(tmp_path):
    rows = _notice("1、数量指标:全年培训新型职业农民320人次。")
    assert identify(SheetGrid("公告", rows)) == "form3"
    path = _workbook(tmp_path / "notice.xlsx", rows, name="公告")
    (fmap,) = map_book(path)
    texts = fmap.tables["indicators"].texts
    assert [(t["name"], t["value"]) for t in texts][:2] == [("全年培训新型职业农民", "320人次"), ("培训合格率", "95%")]
    assert _rules(path, "I302") == []  # the value is in the sentence: nothing is 「没有填写指标值」


def test_a_notice_naming_money_in_its_quantity_line_is_told(tmp_path):
    # 昌吉 「…1606人次,资助金额160.77万元」: money under 数量 (a warning from a guessed reading)
    path = _workbook(tmp_path / "money.xlsx", _notice("1、数量指标:全年培训320人次,培训经费48万元。"), name="公告")
    found = [f for f in validate_file(path).findings if f.rule == "I307"]
    assert [(f.cell, f.severity) for f in found] == [("A7", "warning")]


# --- header fields of a 申报表 -------------------------------------------------------------------------------
def _header_form(supervisor: object, amount: object, phone: object) -> list[list[object]]:
    """湘阴 (填报单位 above, 主管部门 inside, masked phones) and 蒙城 (主管部门及代码 blank, 「2279.048 万元」
    under 项目金额(万元)); here the rows in another order and other spellings."""
    return [
        ["项目支出绩效目标申报表"],
        ["填报单位:某县文化馆"],
        ["项目名称", "群众文化活动", "主管单位", supervisor],
        ["项目负责人", "钱红", "联系电话", phone],
        ["资金情况(万元)", "年度资金总额", amount],
        ["", "其中:财政拨款", 18],
        ["年度绩效目标", "全年举办群众文化活动24场，12月底前完成。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "举办活动场次", "24场"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]


def test_a_blank_supervisor_beside_a_filled_unit_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "blank.xlsx", _header_form(None, 18, "13600004444"), ("A5:A6",))
    assert _rules(path, "F512") == [("F512", "D3")]
    filled = _workbook(tmp_path / "filled.xlsx", _header_form("某县文旅局", 18, "13600004444"), ("A5:A6",))
    assert _rules(filled, "F512") == []


def test_a_masked_phone_number_is_a_number(tmp_path):
    # 湘阴 「139****8136」; here a landline masked in its middle
    path = _workbook(tmp_path / "masked.xlsx", _header_form("某县文旅局", 18, "0731-****5678"), ("A5:A6",))
    assert _rules(path, "F503", "F505") == []
    named = _workbook(tmp_path / "name.xlsx", _header_form("某县文旅局", 18, "钱红"), ("A5:A6",))
    assert _rules(named, "F505") == [("F505", "D4")]  # look-alike: a name and no number is still reported


def test_an_amount_typed_with_its_unit_under_a_unit_label_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "unit.xlsx", _header_form("某县文旅局", "18.00万元", "13600004444"), ("A5:A6",))
    assert _rules(path, "F513") == [("F513", "C5")]
    assert not [f for f in validate_file(path).findings if f.rule == "A101"]  # no error: a warning says it


def test_an_amount_with_its_unit_under_a_label_with_no_unit_is_fine(tmp_path):
    rows = _header_form("某县文旅局", "18.00万元", "13600004444")
    rows[4][0] = "资金情况"
    path = _workbook(tmp_path / "nounit.xlsx", rows, ("A5:A6",))
    assert _rules(path, "F513") == []


# --- the 一体化 申报表 cover and its yes/no fields ---------------------------------------------------------
def _cover(name: str) -> list[list[object]]:
    """广水's cover (「部门(单位)分管领导签章: 年 月 日」, 项目性质 blank, 是否使用上级转移支付资金 否);
    here the fields in another order, the sign line on its own row."""
    return [
        ["某镇卫生院项目申报表"],
        [f"项目名称:{name}"],
        ["主管部门:某县卫生健康局"],
        ["分管领导签章:      年   月   日"],
        ["项目基本信息"],
        ["项目类别", "", "项目安排频度", "01-常年性项目"],
        ["是否使用上级转移支付资金", "否", "上级转移支付项目", ""],
        ["项目属性", "01-持续性项目", "项目期限", "1年"],
        ["负责人姓名", "吴刚", "负责人电话", "13500005555"],
    ]


def test_a_cover_left_at_its_blank_date_and_its_blank_kind_are_warnings(tmp_path):
    path = _workbook(tmp_path / "cover.xlsx", _cover("基本公共卫生服务中央补助资金"))
    found = {f.rule: (f.cell, f.severity) for f in validate_file(path).findings if f.rule.startswith("F5")}
    assert found["F502"] == ("A4", "warning")
    assert found["F514"] == ("B6", "warning")


def test_a_project_named_as_upper_level_money_denying_a_transfer_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "transfer.xlsx", _cover("基本公共卫生服务中央补助资金"))
    assert _rules(path, "F515") == [("F515", "B7")]
    own = _workbook(tmp_path / "own.xlsx", _cover("卫生院日常运转经费"))
    assert _rules(own, "F515") == []


# --- a copy cut inside its 数量 block ------------------------------------------------------------------------
def _rates(satisfaction: bool) -> list[list[object]]:
    rows: list[list[object]] = [
        ["项目支出绩效目标表"],
        ["项目名称", "妇幼健康服务", "项目负责人", "郑丽"],
        ["年度绩效目标", "全年为辖区孕产妇和儿童提供健康管理，12月底前完成。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "孕产妇系统管理率", "≥90%"],
        ["", "", "3岁以下儿童系统管理率", "≥85%"],
    ]
    if satisfaction:
        rows += [
            ["效益指标", "社会效益指标", "孕产妇死亡率", "≤10/10万"],
            ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"],
            ["填报人:冯某"],
        ]
    return rows


def test_rates_only_under_quantity_are_not_judged_on_a_copy_cut_inside_that_block(tmp_path):
    # 蒙城 ends in its third 数量 row: the counts may follow the rates
    path = _workbook(tmp_path / "cut.xlsx", _rates(False))
    assert _rules(path, "I370") == []
    assert [f.rule for f in validate_file(path).findings if f.rule == "S007"] == ["S007"]


def test_rates_only_under_quantity_are_judged_on_a_whole_table(tmp_path):
    path = _workbook(tmp_path / "whole.xlsx", _rates(True))
    assert _rules(path, "I370") == [("I370", "D5")]


def test_a_tick_list_running_over_two_rows_under_one_label_is_ticked_on_either(tmp_path):
    # look-alike (上海同舟 2019 项目类型 over two rows): here 资金性质's boxes on two rows, the tick on the second
    rows = _ticks("经常性 ☐ 一次性 ☐", "☑新增 □延续")
    rows.insert(3, ["", "阶段性 √ 其他 ☐"])
    path = _workbook(tmp_path / "tworows.xlsx", rows, ("A3:A4",))
    assert _rules(path, "F511") == []


def _satisfaction(name: str) -> list[list[object]]:
    return [
        ["项目支出绩效目标表"],
        ["项目名称", "学校食堂运转经费", "项目负责人", "陈静"],
        ["年度绩效目标", "全年保障1200名学生在校用餐，12月底前完成。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "保障用餐学生数", "1200人"],
        ["满意度指标", "服务对象满意度指标", name, "≥90%"],
    ]


def test_a_sentence_explaining_its_target_is_no_name_with_a_value_glued_on(tmp_path):
    # 临海's 指标描述 「服务对象对于…的维护满意率应该在95%以上」 │ ≥95%, as an import writes it into the name
    path = _workbook(tmp_path / "sentence.xlsx", _satisfaction("在校学生对学校食堂服务的满意率应达到90%"))
    assert _rules(path, "I325") == []
    # look-alike: a short name with its target glued on (重庆巴南 「满意度95%以上」) is still told
    glued = _workbook(tmp_path / "glued.xlsx", _satisfaction("学生满意度90%以上"))
    assert _rules(glued, "I325") == [("I325", "C6")]


def test_importing_a_table_whose_names_are_classes_adds_no_finding(tmp_path):
    # 临海: the import writes each description as the 三级 name; the workbook it makes says nothing the source
    # did not (no 「全年」 copied from its name, no value inside a name)
    import realforms

    rows, merges = _class_name_table("保障学生营养健康")
    rows[9][2] = "学生及家长对食堂服务的满意率应该在90%以上"
    src = _workbook(tmp_path / "src.xlsx", rows, merges)
    dst = tmp_path / "imported.xlsm"
    assert realforms.import_in_process(src, dst)[0] == 0
    _, source, _ = realforms.check_any(src)
    _, imported, _ = realforms.check_any(dst)
    assert realforms.added_errors(source, imported) == {}
    assert realforms.added_warnings(source, imported) == {}
