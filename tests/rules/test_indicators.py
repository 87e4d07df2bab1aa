"""The indicator rules (I3xx) word for word: each case edits the clean base the way a clerk would and
names every finding the rule must give — its cell, message, fix and the cells folded into it.

The expected texts are the rules' documented messages with the case's cell contents filled in; the
cells are where the form has them (tests/fixtures/rules/clean-base.txt)."""

from __future__ import annotations

import pytest
from rulekit import F1, S, T, found, found_in_model

# ---------------------------------------------------------------- I301 a category without any indicator
SAT_FIX = "至少填写一项满意度指标的三级指标和指标值"


def test_i301_satisfaction_without_value():
    assert found("I301", {f"{S}!E18": ""}) == [
        ("I301", f"{S}!D18", "没有填写任何满意度指标（三级指标及指标值）", SAT_FIX, ()),
    ]


def test_i301_value_without_name_is_no_indicator():
    assert found("I301", {f"{S}!D18": ""}) == [
        ("I301", f"{S}!D18", "没有填写任何满意度指标（三级指标及指标值）", SAT_FIX, ()),
    ]


def test_i301_every_empty_category_after_a_filled_one():
    blank = {f"{S}!E{r}": "" for r in (14, 15, 16, 17, 18)}
    assert found("I301", blank) == [
        ("I301", f"{S}!D14", "没有填写任何效益指标（三级指标及指标值）", "至少填写一项效益指标的三级指标和指标值", ()),
        ("I301", f"{S}!D18", "没有填写任何满意度指标（三级指标及指标值）", SAT_FIX, ()),
    ]


def test_i301_output_missing_on_form1():
    blank = {f"{F1}!E{r}": "" for r in (14, 15, 16)}
    assert found("I301", blank) == [
        ("I301", f"{F1}!D14", "没有填写任何产出指标（三级指标及指标值）", "至少填写一项产出指标的三级指标和指标值", ()),
    ]


def test_i301_no_satisfaction_row_marks_the_table_head():
    # the 满意度 row renamed away: the finding goes to the table's first 一级指标 cell
    assert found("I301", {f"{S}!B18": "其他指标", f"{S}!C18": "其他"}) == [
        ("I301", f"{S}!B10", "没有填写任何满意度指标（三级指标及指标值）", SAT_FIX, ()),
    ]


# ---------------------------------------------------------------- I302 a name without a value
DEFAULT_VALUE_FIX = "填写指标值及单位（如 16人、≥95%、2023年度）"


def test_i302_quality_row_gets_the_general_fix():
    assert found("I302", {f"{S}!E11": ""}) == [
        ("I302", f"{S}!E11", "三级指标「覆盖率」没有填写指标值", DEFAULT_VALUE_FIX, ()),
    ]


def test_i302_quantity_row_gets_the_count_of_the_basis():
    # 测算依据 E20: 「132人×800元/人=105600元」
    assert found("I302", {f"{S}!E10": ""}) == [
        ("I302", f"{S}!E10", "三级指标「服务对象人数」没有填写指标值", "测算依据写明 132人，数量指标可填 132人", ()),
    ]


def test_i302_quantity_row_of_form1_has_no_basis():
    assert found("I302", {f"{F1}!E14": ""}) == [
        ("I302", f"{F1}!E14", "三级指标「服务对象人数」没有填写指标值", DEFAULT_VALUE_FIX, ()),
    ]


def test_i302_both_tables():
    assert found("I302", {f"{F1}!E15": "", f"{T}!E10": ""}) == [
        ("I302", f"{F1}!E15", "三级指标「覆盖率」没有填写指标值", DEFAULT_VALUE_FIX, ()),
        ("I302", f"{T}!E10", "三级指标「服务对象人数」没有填写指标值", "测算依据写明 251人，数量指标可填 251人", ()),
    ]


# ---------------------------------------------------------------- I303 a value without a name
def test_i303_value_without_name():
    assert found("I303", {f"{S}!D11": ""}) == [
        ("I303", f"{S}!D11", "指标值「≥95%」没有对应的三级指标名称", "填写三级指标名称，或清除该指标值", ()),
    ]


def test_i303_row_without_either_is_silent():
    assert found("I303", {f"{S}!D11": "", f"{S}!E11": ""}) == []


# ---------------------------------------------------------------- I304 prose as a value
PROSE_FIX = "改为数值+单位、百分比（如 ≥95%）、时间（2023年度）或等级（优/良/中/差）"
SENTENCE = "提高群众对优抚政策的知晓程度"


def test_i304_one_sentence():
    assert found("I304", {f"{S}!E15": SENTENCE}) == [
        ("I304", f"{S}!E15", f"指标值「{SENTENCE}」是文字描述，不是可衡量的值", PROSE_FIX, ()),
    ]


def test_i304_one_sentence_in_two_cells_is_one_finding():
    assert found("I304", {f"{S}!E15": SENTENCE, f"{S}!E16": SENTENCE}) == [
        ("I304", f"{S}!E15", f"指标值 E15、E16 都是文字描述「{SENTENCE}」，不是可衡量的值", PROSE_FIX, (f"{S}!E16",)),
    ]


def test_i304_own_name_copied():
    assert found("I304", {f"{S}!E10": "服务对象人数"}) == [
        ("I304", f"{S}!E10", "指标值 E10 照抄了指标名称（D10）「服务对象人数」，不是可衡量的值", PROSE_FIX, ()),
    ]


def test_i304_a_grade_that_is_another_rows_name():
    # 「明显」 is a fine grade, but here it is also the name of row 17: copied, not measured
    assert found("I304", {f"{S}!D17": "明显"}) == [
        ("I304", f"{S}!E16", "指标值 E16 照抄了指标名称（D17）「明显」，不是可衡量的值", PROSE_FIX, ()),
    ]


def test_i304_folds_with_the_duplicate_name_of_the_same_phrase():
    # row 17 repeats the name of row 15 and pastes it as its value: one root cause
    assert found(["I304", "I309"], {f"{S}!D17": "政策知晓率", f"{S}!E17": "政策知晓率"}) == [
        (
            "I304",
            f"{S}!E17",
            "指标值 E17 照抄了指标名称（D15、D17）「政策知晓率」，不是可衡量的值（另见 I309 三级指标名称重复：D17）",
            PROSE_FIX,
            (f"{S}!D17",),
        ),
    ]


def test_i304_single_prose_folds_with_the_cost_rule_on_its_cell():
    assert found(["I304", "I316"], {f"{S}!E13": SENTENCE}) == [
        (
            "I304",
            f"{S}!E13",
            f"指标值「{SENTENCE}」是文字描述，不是可衡量的值（另见 I316 成本指标没有写明成本：E13）",
            PROSE_FIX,
            (f"{S}!E13",),
        ),
    ]


def test_i304_each_table_apart():
    assert found("I304", {f"{S}!E15": SENTENCE, f"{T}!E15": SENTENCE}) == [
        ("I304", f"{S}!E15", f"指标值「{SENTENCE}」是文字描述，不是可衡量的值", PROSE_FIX, ()),
        ("I304", f"{T}!E15", f"指标值「{SENTENCE}」是文字描述，不是可衡量的值", PROSE_FIX, ()),
    ]


# ---------------------------------------------------------------- I305 a count without a count unit
def test_i305_bare_number():
    assert found("I305", {f"{S}!E10": 132}) == [
        ("I305", f"{S}!E10", "数量指标「服务对象人数」的指标值 132 没有单位", "写明单位，如「132人」", ()),
    ]


def test_i305_comparison_without_unit():
    assert found("I305", {f"{S}!E10": "≥132"}) == [
        (
            "I305",
            f"{S}!E10",
            "数量指标「服务对象人数」的指标值「≥132」没有计数单位",
            "数量指标应以人、个、次、项、座、件、户、天等计数",
            (),
        ),
    ]


@pytest.mark.parametrize("value", ["132万元", "≥132人", "30天", "100%"])
def test_i305_money_counts_times_and_percentages_pass(value):
    assert found("I305", {f"{S}!E10": value}) == []


def test_i305_only_quantity_rows():
    assert found("I305", {f"{S}!E11": 95, f"{S}!E14": "≥42"}) == []


# ---------------------------------------------------------------- I306 a rate that is no percentage
def test_i306_above_100():
    assert found("I306", {f"{S}!E11": "≥120%"}) == [
        ("I306", f"{S}!E11", "「覆盖率」的指标值 ≥120% 超出 0–100%", "比率不能超过 100%", ()),
    ]


def test_i306_below_zero():
    assert found("I306", {f"{S}!E11": "-5%"}) == [
        ("I306", f"{S}!E11", "「覆盖率」的指标值 -5% 超出 0–100%", "比率不能超过 100%", ()),
    ]


@pytest.mark.parametrize("value", ["100%", "0%", 0, 1, 0.95, "提升", SENTENCE])
def test_i306_bounds_fractions_and_words_pass(value):
    assert found("I306", {f"{S}!E11": value}) == []


def test_i306_count_for_a_rate():
    assert found("I306", {f"{S}!E15": "90人"}) == [
        ("I306", f"{S}!E15", "「政策知晓率」的指标值「90人」不是百分比", "写成百分比，如 ≥95%", ()),
    ]


def test_i306_number_above_one_is_not_a_formatted_percentage():
    assert found("I306", {f"{S}!E11": 2}) == [
        ("I306", f"{S}!E11", "「覆盖率」的指标值「2」不是百分比", "写成百分比，如 ≥95%", ()),
    ]


def test_i306_negative_number_is_not_a_formatted_percentage():
    assert found("I306", {f"{S}!E11": -1}) == [
        ("I306", f"{S}!E11", "「覆盖率」的指标值「-1」不是百分比", "写成百分比，如 ≥95%", ()),
    ]


def test_i306_satisfaction_is_a_rate():
    assert found("I306", {f"{S}!E18": "90人"}) == [
        ("I306", f"{S}!E18", "「服务对象满意度」的指标值「90人」不是百分比", "写成百分比，如 ≥95%", ()),
    ]


@pytest.mark.parametrize("name", ["检查频率", "资金使用效率", "设备功率", "贷款利率"])
def test_i306_frequency_efficiency_power_interest_are_not_rates(name):
    assert found("I306", {f"{S}!D11": name, f"{S}!E11": "3次"}) == []


# ---------------------------------------------------------------- I307 money as an output or an effect
MONEY_FIX = "金额属于投入，可放在成本指标；此处填写产出或效果"


def test_i307_quantity_in_money():
    assert found("I307", {f"{S}!E10": "320万元"}) == [
        ("I307", f"{S}!E10", "「服务对象人数」的指标值「320万元」是金额", MONEY_FIX, ()),
    ]


def test_i307_social_effect_in_money_economic_effect_is_fine():
    assert found("I307", {f"{S}!E14": "5万元", f"{S}!E15": "5万元"}) == [
        ("I307", f"{S}!E15", "「政策知晓率」的指标值「5万元」是金额", MONEY_FIX, ()),
    ]


def test_i307_quality_and_cost_rows_may_hold_money():
    assert found("I307", {f"{S}!E11": "5万元", f"{S}!E13": "5万元", f"{S}!E18": "5万元"}) == []


def test_i307_folds_with_i319_on_the_same_row():
    edits = {f"{S}!D10": "资金拨付人数", f"{S}!E10": "320万元"}
    assert found(["I307", "I319"], edits) == [
        (
            "I307",
            f"{S}!E10",
            "「资金拨付人数」的指标值「320万元」是金额（另见 I319 产出指标衡量的是花了多少钱：D10）",
            MONEY_FIX,
            (f"{S}!D10",),
        ),
    ]


# ---------------------------------------------------------------- I308 a name that repeats its level
# 「服务对象满意度」 under 「服务对象满意度指标」 repeats its level: the base's three are renamed
RENAMED = {f"{F1}!D22": "服务对象满意率", f"{S}!D18": "服务对象满意率", f"{T}!D18": "服务对象满意率"}


def test_i308_base_names_of_satisfaction():
    assert found("I308", {}) == [
        ("I308", f"{sheet}!{cell}", "三级指标名称「服务对象满意度」只是重复了指标类别", "写出具体衡量的内容", ())
        for sheet, cell in ((F1, "D22"), (S, "D18"), (T, "D18"))
    ]


def test_i308_name_is_a_level_name():
    assert found("I308", {**RENAMED, f"{S}!D10": "数量指标"}) == [
        ("I308", f"{S}!D10", "三级指标名称「数量指标」只是重复了指标类别", "写出具体衡量的内容", ()),
    ]


def test_i308_name_is_a_level_name_with_percent_sign_and_without_指标():
    assert found("I308", {**RENAMED, f"{S}!D18": "服务对象满意度%", f"{S}!D11": "质量"}) == [
        ("I308", f"{S}!D11", "三级指标名称「质量」只是重复了指标类别", "写出具体衡量的内容", ()),
        ("I308", f"{S}!D18", "三级指标名称「服务对象满意度%」只是重复了指标类别", "写出具体衡量的内容", ()),
    ]


def test_i308_name_repeats_its_own_unusual_level2():
    assert found("I308", {**RENAMED, f"{S}!C16": "绿化指标", f"{S}!D16": "绿化"}) == [
        ("I308", f"{S}!D16", "三级指标名称「绿化」只是重复了指标类别", "写出具体衡量的内容", ()),
    ]


def test_i308_blank_name_is_silent():
    assert found("I308", {**RENAMED, f"{S}!C16": "", f"{S}!D16": ""}) == []


# ---------------------------------------------------------------- I309 a name twice in a table
def test_i309_duplicate():
    assert found("I309", {f"{S}!D17": "政策知晓率"}) == [
        ("I309", f"{S}!D17", "三级指标「政策知晓率」与社会效益指标（D15）重复", "为每个维度设置不同的指标", ()),
    ]


def test_i309_three_times_is_one_finding_against_the_first():
    assert found("I309", {f"{S}!D16": "政策知晓率", f"{S}!D17": " 政策知晓率"}) == [
        (
            "I309",
            f"{S}!D16",
            "三级指标「政策知晓率」与社会效益指标（D15）重复（另见 D17）",
            "为每个维度设置不同的指标",
            (f"{S}!D17",),
        ),
    ]


def test_i309_blank_names_and_other_tables_do_not_count():
    assert found("I309", {f"{S}!D16": "", f"{S}!D17": "", f"{T}!D17": "覆盖率"}) == [
        ("I309", f"{T}!D17", "三级指标「覆盖率」与质量指标（D11）重复", "为每个维度设置不同的指标", ()),
    ]


# ---------------------------------------------------------------- I310 no cost indicator
COST_FIX = "填写成本指标，如「人均补助标准」≤2380元/人/月"


def test_i310_cost_row_without_value():
    assert found("I310", {f"{S}!E13": ""}) == [("I310", f"{S}!D13", "成本指标未填写", COST_FIX, ())]


def test_i310_cost_row_without_name():
    assert found("I310", {f"{F1}!D17": ""}) == [("I310", f"{F1}!D17", "成本指标未填写", COST_FIX, ())]


def test_i310_no_cost_row_marks_the_table_head():
    assert found("I310", {f"{S}!C13": "其他指标"}) == [("I310", f"{S}!B10", "成本指标未填写", COST_FIX, ())]


# ---------------------------------------------------------------- I311 satisfaction at 100 %
def test_i311_full_satisfaction():
    assert found("I311", {f"{S}!E18": "100%"}) == [
        ("I311", f"{S}!E18", "满意度指标「服务对象满意度」目标为 100%", "可设为 ≥95% 等切实可行的目标", ()),
    ]


def test_i311_just_below_the_bound_and_other_categories_pass():
    assert found("I311", {f"{S}!E18": "99.9%", f"{S}!E11": "100%", f"{T}!E18": ""}) == []


def test_i311_configured_bound_is_inclusive():
    settings = {"indicators.satisfaction_max": 95}
    assert found("I311", {}, settings=settings) == [
        ("I311", f"{F1}!E22", "满意度指标「服务对象满意度」目标为 ≥95%", "可设为 ≥95% 等切实可行的目标", ()),
        ("I311", f"{S}!E18", "满意度指标「服务对象满意度」目标为 ≥95%", "可设为 ≥95% 等切实可行的目标", ()),
        ("I311", f"{T}!E18", "满意度指标「服务对象满意度」目标为 ≥95%", "可设为 ≥95% 等切实可行的目标", ()),
    ]


# ---------------------------------------------------------------- I312 quantity against the basis
def test_i312_other_count_than_the_basis():
    assert found("I312", {f"{S}!E10": "130人"}) == [
        ("I312", f"{S}!E10", "数量指标 130人 与测算依据中的 132人 不一致", "核对数量指标（测算依据为 132人）", ()),
    ]


def test_i312_two_counts_in_the_basis():
    edits = {f"{S}!E20": "依据区政府文件，132人×800元/人+10人×200元/人=107600元", f"{S}!E10": "≥130人"}
    assert found("I312", edits) == [
        (
            "I312",
            f"{S}!E10",
            "数量指标 ≥130人 与测算依据中的 132人、10人 不一致",
            "核对数量指标（测算依据为 132人）",
            (),
        ),
    ]
    edits[f"{S}!E10"] = "10人"  # the second count of the basis is a count of the basis too
    assert found("I312", edits) == []


@pytest.mark.parametrize("value", ["132人", "+132人", "全部人员"])
def test_i312_same_count_signed_count_or_no_number_pass(value):
    assert found("I312", {f"{S}!E10": value}) == []


def test_i312_only_quantity_rows_and_only_forms_with_a_basis():
    assert found("I312", {f"{S}!E14": "40人", f"{F1}!E14": "130人", f"{S}!D10": ""}) == []


# ---------------------------------------------------------------- I313 绩效标准 blank or unknown
def test_i313_blank_standard_and_unknown_standard():
    assert found("I313", {f"{S}!F10": "", f"{S}!F11": "国家标准"}) == [
        ("I313", f"{S}!F10", "「服务对象人数」未选择绩效标准", "从下拉列表中选择，如 计划标准", ()),
        (
            "I313",
            f"{S}!F11",
            "绩效标准「国家标准」不是标准选项",
            "从下拉列表中选择：计划标准、行业标准、历史标准、其他标准",
            (),
        ),
    ]


def test_i313_unnamed_row_needs_no_standard_spaced_standard_is_i321s():
    assert found("I313", {f"{S}!D10": "", f"{S}!F10": "", f"{S}!F11": " 行业 标准", f"{T}!F12": "历史标准"}) == []


# ---------------------------------------------------------------- I314 level names
L1_FIX = "从下拉列表中选择：产出指标、效益指标、社会公众及服务对象满意度指标"


def test_i314_level1_and_level2():
    # the 一级 of B10 stands for rows 10-13 (merged in the form, carried down by the reader): one
    # wrong name is one finding, at B10, with the rows it stands for under 「另见」
    also = (f"{S}!B11", f"{S}!B12", f"{S}!B13")
    assert found("I314", {f"{S}!B10": "产出", f"{S}!C10": "数量"}) == [
        ("I314", f"{S}!B10", "一级指标「产出」不是标准名称（另见 B11；B12；B13）", L1_FIX, also),
        ("I314", f"{S}!C10", "二级指标「数量」不是标准名称", "从下拉列表中选择标准的二级指标", ()),
    ]


L2_FIX = "从下拉列表中选择标准的二级指标"


def test_i314_the_same_wrong_name_after_a_good_one_is_a_finding_of_its_own():
    edits = {f"{S}!C10": "数量", f"{S}!C11": "数量指标", f"{S}!C12": "数量", f"{S}!C13": "数量"}
    assert found("I314", edits) == [
        ("I314", f"{S}!C10", "二级指标「数量」不是标准名称", "从下拉列表中选择标准的二级指标", ()),
        (
            "I314",
            f"{S}!C12",
            "二级指标「数量」不是标准名称（另见 C13）",
            "从下拉列表中选择标准的二级指标",
            (f"{S}!C13",),
        ),
    ]


def test_i314_level2_alone():
    assert found("I314", {f"{T}!C16": "绿化"}) == [
        ("I314", f"{T}!C16", "二级指标「绿化」不是标准名称", "从下拉列表中选择标准的二级指标", ()),
    ]


def test_i314_aliases_in_brackets_and_provincial_names_pass():
    edits = {f"{S}!C10": "数量指标(或建筑规模指标)", f"{S}!B14": "效果指标", f"{S}!C13": "预算控制指标"}
    assert found("I314", edits) == []


# ---------------------------------------------------------------- I315 satisfaction under benefit
def test_i315_satisfaction_under_social_benefit():
    assert found("I315", {f"{S}!D15": "群众满意度"}) == [
        (
            "I315",
            f"{S}!D15",
            "「群众满意度」衡量满意度，却列在社会效益指标下",
            "移到满意度指标（服务对象满意度指标）下",
            (),
        ),
    ]


def test_i315_blank_level2_says_benefit():
    assert found("I315", {f"{S}!D15": "群众满意度", f"{S}!C15": ""}) == [
        (
            "I315",
            f"{S}!D15",
            "「群众满意度」衡量满意度，却列在效益指标下",
            "移到满意度指标（服务对象满意度指标）下",
            (),
        ),
    ]


def test_i315_satisfaction_under_output_too():
    # 河北 宁晋: 「资助对象满意度」 under 质量指标 — the satisfaction measure is misplaced, not missing
    assert found("I315", {f"{S}!D11": "群众满意度", f"{S}!C15": "社会效益指标"}) == [
        (
            "I315",
            f"{S}!D11",
            "「群众满意度」衡量满意度，却列在质量指标下",
            "移到满意度指标（服务对象满意度指标）下",
            (),
        ),
    ]


# ---------------------------------------------------------------- I316 a cost that is no cost
def test_i316_rate_as_cost():
    assert found("I316", {f"{S}!E13": "100%"}) == [
        (
            "I316",
            f"{S}!E13",
            "成本指标「人均标准」的指标值「100%」不是成本（金额或单位成本）",
            "写明金额或单位成本，如 ≤2380元/人/月、≤320万元",
            (),
        ),
    ]


@pytest.mark.parametrize("value", ["250万", "≤320万元", "8000元/人", "≤2380元/人/月", "250多万元"])
def test_i316_money_passes(value):
    assert found("I316", {f"{S}!E13": value}) == []


def test_i316_dongguan_budget_control_is_not_named_cost():
    assert found("I316", {f"{S}!C13": "预算控制指标", f"{S}!E13": "100%"}) == []


def test_i316_unnamed_cost_row_is_silent():
    assert found("I316", {f"{S}!D13": "", f"{S}!E13": "100%"}) == []


# ---------------------------------------------------------------- I317 a direction word
def test_i317_direction():
    assert found("I317", {f"{S}!E16": "提升"}) == [
        (
            "I317",
            f"{S}!E16",
            "「资源节约」的指标值「提升」只说明方向，没有说明程度",
            "写出数值（如 ≥95%）或等级（显著、明显、优）",
            (),
        ),
    ]


def test_i317_folds_the_cost_finding_of_the_same_cell():
    assert found(["I316", "I317"], {f"{S}!E13": "提升"}) == [
        (
            "I317",
            f"{S}!E13",
            "「人均标准」的指标值「提升」只说明方向，没有说明程度（另见 I316 成本指标没有写明成本：E13）",
            "写出数值（如 ≥95%）或等级（显著、明显、优）",
            (f"{S}!E13",),
        ),
    ]


# ---------------------------------------------------------------- I318 units that contradict
def test_i318_money_and_percent_in_one_value():
    assert found("I318", {f"{S}!E11": "≥95万元%"}) == [
        (
            "I318",
            f"{S}!E11",
            "「覆盖率」的指标值「≥95万元%」：单位 「万元」、「%」 互相矛盾",
            "只保留一个正确的单位",
            (),
        ),
    ]


def test_i318_folds_with_i306_on_the_same_cell():
    assert found(["I306", "I318"], {f"{S}!E11": "≥95万元%"}) == [
        (
            "I306",
            f"{S}!E11",
            "「覆盖率」的指标值「≥95万元%」不是百分比（另见 I318 计量单位与指标值矛盾：E11）",
            "写成百分比，如 ≥95%",
            (f"{S}!E11",),
        ),
    ]


@pytest.mark.parametrize("value", ["≥95%", "≤8000元/人/月", "3人次", True])
def test_i318_one_kind_of_unit_passes(value):
    assert found("I318", {f"{S}!E11": value}) == []


# ---------------------------------------------------------------- I319 an output that measures money
def test_i319_spending_word_in_an_output_name():
    assert found("I319", {f"{S}!D11": "资金到位率", f"{T}!D10": "安排金额"}) == [
        (
            "I319",
            f"{S}!D11",
            "产出指标「资金到位率」衡量的是资金，不是完成的工作",
            "改为完成的工作量或质量；金额放在成本指标",
            (),
        ),
        (
            "I319",
            f"{T}!D10",
            "产出指标「安排金额」衡量的是资金，不是完成的工作",
            "改为完成的工作量或质量；金额放在成本指标",
            (),
        ),
    ]


def test_i319_cost_and_benefit_rows_may_name_money():
    assert found("I319", {f"{S}!D13": "资金投入", f"{S}!D14": "带动社会资金投入"}) == []


def test_i319_output_row_after_a_cost_row():
    assert found("I319", {f"{S}!C11": "成本指标", f"{S}!D12": "资金拨付时间"}) == [
        (
            "I319",
            f"{S}!D12",
            "产出指标「资金拨付时间」衡量的是资金，不是完成的工作",
            "改为完成的工作量或质量；金额放在成本指标",
            (),
        ),
    ]


# ---------------------------------------------------------------- I320 an output of time alone
I320 = ("产出指标下的数量指标和质量指标都没有填写（只有时效或成本不算产出）", "至少填写一项数量指标或质量指标")


def test_i320_only_the_time_row_left():
    assert found("I320", {f"{S}!E10": "", f"{S}!E11": ""}) == [("I320", f"{S}!D10", *I320, ())]


def test_i320_names_without_values_do_not_count():
    assert found("I320", {f"{S}!D10": "", f"{S}!D11": ""}) == [("I320", f"{S}!D10", *I320, ())]


def test_i320_marks_the_first_blank_quantity_or_quality_row():
    assert found("I320", {f"{S}!C10": "其他指标", f"{S}!E11": ""}) == [("I320", f"{S}!D11", *I320, ())]


def test_i320_one_quality_row_is_enough_and_an_empty_output_is_i301s():
    assert found("I320", {f"{S}!E10": ""}) == []
    assert found("I320", {f"{S}!E10": "", f"{S}!E11": "", f"{S}!E12": ""}) == []


# ---------------------------------------------------------------- I321 a spaced 绩效标准
def test_i321_one_spaced_standard():
    assert found("I321", {f"{S}!F10": " 计划标准"}) == [
        ("I321", f"{S}!F10", "绩效标准「 计划标准」含多余空格", "改为「计划标准」", ()),
    ]


def test_i321_one_spelling_for_the_whole_workbook():
    edits = {f"{S}!F10": "计 划 标 准", f"{S}!F11": "计 划 标 准", f"{T}!F12": "计 划 标 准", f"{T}!F13": "行业标准 "}
    assert found("I321", edits) == [
        (
            "I321",
            f"{S}!F10",
            "绩效标准「计 划 标 准」含多余空格（3 处，2 张表）",
            "改为「计划标准」",
            (f"{S}!F11", f"{T}!F12"),
        ),
        ("I321", f"{T}!F13", "绩效标准「行业标准 」含多余空格", "改为「行业标准」", ()),
    ]


def test_i321_two_places_on_one_sheet():
    assert found("I321", {f"{S}!F10": "其他 标准", f"{S}!F14": "其他 标准"}) == [
        ("I321", f"{S}!F10", "绩效标准「其他 标准」含多余空格（2 处，1 张表）", "改为「其他标准」", (f"{S}!F14",)),
    ]


def test_i321_unknown_or_blank_standards_are_not_spacing():
    assert found("I321", {f"{S}!F10": "国家 标准", f"{S}!F11": ""}) == []


# ---------------------------------------------------------------- I322 template placeholders
def test_i322_placeholder_in_name_and_value():
    assert found("I322", {f"{S}!D13": "项目总成本(≤**万元)", f"{S}!E11": "≥××%"}) == [
        ("I322", f"{S}!E11", "「≥××%」中留着模板占位符", "删去占位符，填写实际的值", ()),
        ("I322", f"{S}!D13", "「项目总成本(≤**万元)」中留着模板占位符", "删去占位符，填写实际的值", ()),
    ]


# ---------------------------------------------------------------- I323 a time indicator without a time
DEADLINE_FIX = "写出期限（如 2023年12月底前、≤30天）或及时率（≥95%）"


@pytest.mark.parametrize("value", ["1", 1, "及时", "按期 完成"])
def test_i323_bare_number_or_vague_word(value):
    assert found("I323", {f"{S}!E12": value}) == [
        ("I323", f"{S}!E12", f"时效指标「实施时间」的指标值「{value}」没有写明时限", DEADLINE_FIX, ()),
    ]


@pytest.mark.parametrize("name", ["项目维持时效", "完成时限", "服务期限", "使用年限"])
def test_i323_a_term_given_as_a_rate(name):
    # on a quality row: the name alone makes it a term; the next row is still checked
    edits = {f"{S}!D11": name, f"{S}!E11": "95%", f"{S}!E12": "1"}
    assert found("I323", edits) == [
        ("I323", f"{S}!E11", f"「{name}」是时限，指标值「95%」却是比率", "写出期限（如 ≥5年、2023年12月底前）", ()),
        ("I323", f"{S}!E12", "时效指标「实施时间」的指标值「1」没有写明时限", DEADLINE_FIX, ()),
    ]


def test_i323_a_term_given_as_a_rate_is_reported_once_on_a_time_row():
    assert found("I323", {f"{S}!D12": "完成时限", f"{S}!E12": "100%"}) == [
        ("I323", f"{S}!E12", "「完成时限」是时限，指标值「100%」却是比率", "写出期限（如 ≥5年、2023年12月底前）", ()),
    ]


@pytest.mark.parametrize(
    "edits",
    [
        {f"{S}!D12": "完成时限及时率", f"{S}!E12": "100%"},
        {f"{S}!E12": "2023年12月底前"},
        {f"{S}!E11": "1"},
        {f"{S}!D12": "完成时限", f"{S}!E12": ""},
    ],
)
def test_i323_timeliness_rates_dates_other_rows_and_blanks_pass(edits):
    assert found("I323", edits) == []


# ---------------------------------------------------------------- I324 a rate of at least 100 %
@pytest.mark.parametrize("value", ["≥100%", ">=100%", ">100%", "＞100%", "不低于100%"])
def test_i324_at_least_full(value):
    assert found("I324", {f"{S}!E11": value}) == [
        ("I324", f"{S}!E11", f"「覆盖率」的目标「{value}」要求超过 100%，比率做不到", "写成 =100% 或 ≥95% 等", ()),
    ]


@pytest.mark.parametrize(
    "edits",
    [
        {f"{S}!E11": "=100%"},
        {f"{S}!E11": "≥99%"},
        {f"{S}!E11": "≥100人"},
        {f"{S}!E10": "≥100%"},
        {f"{S}!D11": "资金使用效率", f"{S}!E11": "≥100%"},
    ],
)
def test_i324_exact_full_lower_bounds_counts_and_non_rates_pass(edits):
    assert found("I324", edits) == []


# ---------------------------------------------------------------- I325 a value in the name
VALUE_IN_NAME_FIX = "名称只写衡量的内容，数值写在指标值一栏"


def test_i325_percent_in_the_name():
    assert found("I325", {f"{S}!D11": "覆盖率100%"}) == [
        ("I325", f"{S}!D11", "三级指标名称「覆盖率100%」里写了「100%」，指标值却是「≥95%」", VALUE_IN_NAME_FIX, ()),
    ]


def test_i325_first_value_only():
    assert found("I325", {f"{S}!D10": "村组干部230人5个村"}) == [
        (
            "I325",
            f"{S}!D10",
            "三级指标名称「村组干部230人5个村」里写了「230人」，指标值却是「132人」",
            VALUE_IN_NAME_FIX,
            (),
        ),
    ]


def test_i325_skips_a_time_to_reach_a_count():
    assert found("I325", {f"{S}!D10": "3天内服务230人"}) == [
        (
            "I325",
            f"{S}!D10",
            "三级指标名称「3天内服务230人」里写了「230人」，指标值却是「132人」",
            VALUE_IN_NAME_FIX,
            (),
        ),
    ]


@pytest.mark.parametrize(
    "edits",
    [
        {f"{S}!D11": "覆盖率95%", f"{S}!E11": "95%"},
        {f"{S}!D11": "覆盖率95%", f"{S}!E11": ""},
        {f"{S}!D12": "2023年度实施"},
        {f"{S}!D10": "3天内服务"},
    ],
)
def test_i325_same_value_blank_value_years_and_times_pass(edits):
    assert found("I325", edits) == []


def test_i325_same_value_ends_the_search():
    assert found("I325", {f"{S}!D10": "服务132人 共5个村"}) == []


# ---------------------------------------------------------------- I326 a count as quality
def test_i326_count_as_quality():
    assert found("I326", {f"{S}!E11": "≥1人", f"{S}!E10": "≥1人"}) == [
        (
            "I326",
            f"{S}!E11",
            "质量指标「覆盖率」的指标值「≥1人」是计数，不是质量要求",
            "写成比率（如 合格率 ≥95%）、等级或标准；计数放在数量指标",
            (),
        ),
    ]


def test_i326_rates_and_blanks_pass():
    assert found("I326", {f"{S}!E11": "", f"{T}!E11": "100%"}) == []


# ---------------------------------------------------------------- a 计量单位 column (Guangdong's layout)
UNIT_COLUMN = {f"{S}!G9": "计量单位"}


def test_i318_value_against_its_unit_column():
    # the docstring's case: 「28.8万元」 with 计量单位 「%」
    assert found("I318", {**UNIT_COLUMN, f"{S}!G11": "%", f"{S}!E11": "28.8万元"}) == [
        (
            "I318",
            f"{S}!E11",
            "「覆盖率」的指标值「28.8万元」，计量单位为「%」：单位 「万元」、「%」 互相矛盾",
            "只保留一个正确的单位",
            (),
        ),
    ]


def test_i318_a_unit_column_of_two_kinds():
    assert found("I318", {**UNIT_COLUMN, f"{S}!G10": "万元%", f"{S}!E10": "≥95"}) == [
        (
            "I318",
            f"{S}!E10",
            "「服务对象人数」的指标值「≥95」，计量单位为「万元%」：单位 「万元」、「%」 互相矛盾",
            "只保留一个正确的单位",
            (),
        ),
    ]


@pytest.mark.parametrize(("value", "unit"), [("132人", "人"), (95, "%"), ("万元%", "万元%"), ("", "人")])
def test_i318_value_agreeing_with_its_unit_column_passes(value, unit):
    # 「万元%」 in both columns: no number at all, so nothing to contradict
    assert found("I318", {**UNIT_COLUMN, f"{S}!G10": unit, f"{S}!E10": value}) == []


# ---------------------------------------------------------------- tables and rows
def test_rows_after_a_blank_value_are_still_read():
    assert found("I304", {f"{S}!E10": "", f"{S}!E15": SENTENCE}) == [
        ("I304", f"{S}!E15", f"指标值「{SENTENCE}」是文字描述，不是可衡量的值", PROSE_FIX, ()),
    ]


def test_workbook_without_form1_reads_the_form3_tables():
    assert found("I301", {f"{S}!E18": ""}, drop=[F1]) == [
        ("I301", f"{S}!D18", "没有填写任何满意度指标（三级指标及指标值）", SAT_FIX, ()),
    ]


def test_i302_basis_without_a_count():
    assert found("I302", {f"{S}!E10": "", f"{S}!E20": "依据区政府文件，按实际支出"}) == [
        ("I302", f"{S}!E10", "三级指标「服务对象人数」没有填写指标值", DEFAULT_VALUE_FIX, ()),
    ]


def test_i302_basis_that_is_a_number():
    assert found("I302", {f"{S}!E10": "", f"{S}!E20": 105600}) == [
        ("I302", f"{S}!E10", "三级指标「服务对象人数」没有填写指标值", DEFAULT_VALUE_FIX, ()),
    ]


# ---------------------------------------------------------------- which category a row belongs to
def test_dongguan_effect_indicators_are_benefits():
    assert found("I301", {f"{S}!B14": "效果指标"}) == []


def test_budget_control_is_a_cost():
    assert found("I310", {f"{S}!C13": "预算控制指标"}) == []


def test_cost_as_a_level1_of_the_2021_guide():
    assert found("I310", {f"{S}!B13": "成本指标", f"{S}!C13": "其他"}) == []


@pytest.mark.parametrize(
    "edits",
    [{f"{S}!C18": "其他"}, {f"{S}!B18": "其他指标"}],
    ids=["satisfaction-by-level1", "satisfaction-by-level2"],
)
def test_satisfaction_by_either_level(edits):
    assert found("I301", edits) == []


# ---------------------------------------------------------------- an Excel error as a value
def test_i304_error_value_is_no_value_and_no_rate():
    assert found(["I304", "I306"], {f"{S}!E15": "#DIV/0!"}) == [
        ("I304", f"{S}!E15", "指标值「#DIV/0!」是文字描述，不是可衡量的值", PROSE_FIX, ()),
    ]


def test_i305_ten_thousand_is_no_count_unit():
    assert found("I305", {f"{S}!E10": "132万"}) == [
        (
            "I305",
            f"{S}!E10",
            "数量指标「服务对象人数」的指标值「132万」没有计数单位",
            "数量指标应以人、个、次、项、座、件、户、天等计数",
            (),
        ),
    ]


def test_i320_one_quantity_row_is_enough():
    assert found("I320", {f"{S}!E11": ""}) == []


@pytest.mark.parametrize("value", ["按时", "按期", "准时", "及时完成", "按时完成", "按期完成"])
def test_i323_every_vague_word(value):
    assert found("I323", {f"{S}!E12": value}) == [
        ("I323", f"{S}!E12", f"时效指标「实施时间」的指标值「{value}」没有写明时限", DEADLINE_FIX, ()),
    ]


@pytest.mark.parametrize(
    ("name", "written"),
    [("人均补助5万元", "5万元"), ("修缮道路3公里", "3公里")],
)
def test_i325_money_and_measures_in_the_name(name, written):
    assert found("I325", {f"{S}!D10": name}) == [
        ("I325", f"{S}!D10", f"三级指标名称「{name}」里写了「{written}」，指标值却是「132人」", VALUE_IN_NAME_FIX, ()),
    ]


def test_i306_just_above_100():
    assert found("I306", {f"{S}!E11": "101%"}) == [
        ("I306", f"{S}!E11", "「覆盖率」的指标值 101% 超出 0–100%", "比率不能超过 100%", ()),
    ]


def test_i325_a_unit_after_a_word():
    # 「230余人」: 余 is no unit, 人 after it is
    assert found("I325", {f"{S}!D10": "服务约230余人"}) == [
        (
            "I325",
            f"{S}!D10",
            "三级指标名称「服务约230余人」里写了「230余人」，指标值却是「132人」",
            VALUE_IN_NAME_FIX,
            (),
        ),
    ]


def test_i325_a_standard_number_is_no_value():
    assert found("I325", {f"{S}!D11": "符合GB50300标准的比例"}) == []


# ---------------------------------------------------------------- a submission with no sheet: findings at A1
def _blank_values(*names):
    def change(sub):
        for ind in sub.form1.indicators:
            if ind.name in names:
                ind.value = None

    return change


def test_model_without_satisfaction_cost_or_quantity_and_quality():
    change = _blank_values("服务对象满意度", "人均标准", "服务对象人数", "覆盖率")
    assert found_in_model(["I301", "I310", "I320"], change) == [
        ("I301", "!A1", "没有填写任何满意度指标（三级指标及指标值）", SAT_FIX, ()),
        ("I310", "!A1", "成本指标未填写", COST_FIX, ()),
        ("I320", "!A1", *I320, ()),
    ]


def test_model_without_satisfaction_rows():
    def change(sub):
        sub.form1.indicators = [i for i in sub.form1.indicators if "满意度" not in i.level1]

    assert found_in_model("I301", change) == [
        ("I301", "!A1", "没有填写任何满意度指标（三级指标及指标值）", SAT_FIX, ()),
    ]


def test_i309_two_phrases_are_two_findings():
    assert found("I309", {f"{S}!D16": "政策知晓率", f"{S}!D17": "覆盖率"}) == [
        ("I309", f"{S}!D16", "三级指标「政策知晓率」与社会效益指标（D15）重复", "为每个维度设置不同的指标", ()),
        ("I309", f"{S}!D17", "三级指标「覆盖率」与质量指标（D11）重复", "为每个维度设置不同的指标", ()),
    ]


def test_i312_quantity_row_after_other_rows():
    assert found("I312", {f"{S}!C14": "数量指标", f"{S}!E14": "40人"}) == [
        ("I312", f"{S}!E14", "数量指标 40人 与测算依据中的 132人 不一致", "核对数量指标（测算依据为 132人）", ()),
    ]


def test_i320_after_a_table_with_an_empty_output():
    edits = {f"{F1}!E14": "", f"{F1}!E15": "", f"{F1}!E16": "", f"{S}!E10": "", f"{S}!E11": ""}
    assert found("I320", edits) == [("I320", f"{S}!D10", *I320, ())]


def test_i320_no_quantity_or_quality_row_marks_the_first_output_row():
    assert found("I320", {f"{S}!C10": "其他指标", f"{S}!C11": "其他指标"}) == [("I320", f"{S}!D10", *I320, ())]


def test_i325_after_a_blank_row_and_after_a_same_value_row():
    edits = {f"{S}!E10": "", f"{S}!D11": "覆盖率95%", f"{S}!E11": "95%", f"{S}!D15": "政策知晓率90%"}
    assert found("I325", edits) == [
        ("I325", f"{S}!D15", "三级指标名称「政策知晓率90%」里写了「90%」，指标值却是「≥90%」", VALUE_IN_NAME_FIX, ()),
    ]


def test_i325_every_row():
    assert found("I325", {f"{S}!D10": "村组干部230人", f"{S}!D11": "覆盖率100%"}) == [
        (
            "I325",
            f"{S}!D10",
            "三级指标名称「村组干部230人」里写了「230人」，指标值却是「132人」",
            VALUE_IN_NAME_FIX,
            (),
        ),
        ("I325", f"{S}!D11", "三级指标名称「覆盖率100%」里写了「100%」，指标值却是「≥95%」", VALUE_IN_NAME_FIX, ()),
    ]


def test_i304_a_pasted_phrase_is_its_own_root_beside_the_cost_finding():
    # one phrase in two cells is one finding; the cost row's own finding stays apart
    assert found(["I304", "I316"], {f"{S}!E13": SENTENCE, f"{S}!E15": SENTENCE}) == [
        ("I304", f"{S}!E13", f"指标值 E13、E15 都是文字描述「{SENTENCE}」，不是可衡量的值", PROSE_FIX, (f"{S}!E15",)),
        (
            "I316",
            f"{S}!E13",
            f"成本指标「人均标准」的指标值「{SENTENCE}」不是成本（金额或单位成本）",
            "写明金额或单位成本，如 ≤2380元/人/月、≤320万元",
            (),
        ),
    ]


def test_i305_quantity_row_after_other_rows():
    assert found("I305", {f"{S}!C14": "数量指标", f"{S}!E14": 42}) == [
        ("I305", f"{S}!E14", "数量指标「带动就业人数」的指标值 42 没有单位", "写明单位，如「42人」", ()),
    ]


@pytest.mark.parametrize("first", ["提升", 0.95], ids=["direction", "fraction"])
def test_i306_rows_after_a_skipped_rate(first):
    assert found("I306", {f"{S}!E11": first, f"{S}!E15": "90人"}) == [
        ("I306", f"{S}!E15", "「政策知晓率」的指标值「90人」不是百分比", "写成百分比，如 ≥95%", ()),
    ]


def test_i316_cost_as_a_level1_of_the_2021_guide():
    assert found("I316", {f"{S}!B13": "成本指标", f"{S}!C13": "其他", f"{S}!E13": "100%"}) == [
        (
            "I316",
            f"{S}!E13",
            "成本指标「人均标准」的指标值「100%」不是成本（金额或单位成本）",
            "写明金额或单位成本，如 ≤2380元/人/月、≤320万元",
            (),
        ),
    ]


# ---------------------------------------------------------------- I360 and import's 「本次未提供」 rows
def _flat(sub, extra=None):
    """附表3 #1 as a flat list (重庆's 一般性项目绩效目标表: no 一级, no 二级), with ``extra`` appended."""
    from xladdin.model import Indicator

    f3 = sub.form3s[0]
    for ind in f3.indicators:
        ind.level1 = ind.level2 = None
    if extra:
        f3.indicators.append(Indicator(**extra))


def test_i360_a_row_marked_not_provided_does_not_sort_a_flat_table():
    """Import appends 「本次未提供」 under 成本指标 for a dimension its source has none of: the tool's row,
    not a 一级 the clerk wrote, so the flat table stays flat (no rule by category, as on the source)."""
    assert found_in_model("I360", lambda s: _flat(s)) == []
    assert found_in_model("I360", lambda s: _flat(s, {"level1": "成本指标", "name": "本次未提供"})) == []
    written = {"level1": "成本指标", "level2": "成本指标", "name": "人均成本", "value": "≤1万元"}
    assert [f[0] for f in found_in_model("I360", lambda s: _flat(s, written))] == ["I360"]
