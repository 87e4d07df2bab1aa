"""The indicator rules (I3xx) word for word: each case edits the clean base the way a clerk would and
names every finding the rule must give — its cell, message, fix and the cells folded into it.

The expected texts are the rules' documented messages with the case's cell contents filled in; the
cells are where the form has them (tests/fixtures/rules/clean-base.txt)."""

from __future__ import annotations

import pytest
from test_rule_fixtures import apply_case

from xladdin.config import SETTINGS, Config
from xladdin.reader import read_grid_model
from xladdin.rules import Context, run
from xladdin.waivers import read_waivers

S = "附表3-培训保障专项001"
T = "附表3-维护就业专项002"
F1 = "附表1"


def found(codes, edits, *, settings=None, drop=(), base="clean"):
    """(rule, "sheet!cell", message, fix, folded cells) of each finding of ``codes`` after the edits
    ({"sheet!cell": value}) of the base."""
    grid = apply_case({"base": base, "set": edits, "drop": list(drop)})
    config = Config()
    for key, value in (settings or {}).items():
        setattr(config, SETTINGS[key].attr, SETTINGS[key].parse(value, "test"))
    reading = read_grid_model(grid)
    ctx = Context(reading.submission, reading.structure, config, read_waivers(grid))
    codes = [codes] if isinstance(codes, str) else codes
    return [(f.rule, f"{f.sheet}!{f.cell}", f.message, f.fix, f.cells) for f in run(ctx, codes)]


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
        ("I312", f"{S}!E10", "数量指标 ≥130人 与测算依据中的 132人、10人 不一致", "核对数量指标（测算依据为 132人）", ()),
    ]
    edits[f"{S}!E10"] = "10人"  # the second count of the basis is a count of the basis too
    assert found("I312", edits) == []


@pytest.mark.parametrize("value", ["132人", "+132人", "全部人员"])
def test_i312_same_count_signed_count_or_no_number_pass(value):
    assert found("I312", {f"{S}!E10": value}) == []


def test_i312_only_quantity_rows_and_only_forms_with_a_basis():
    assert found("I312", {f"{S}!E14": "40人", f"{F1}!E14": "130人", f"{S}!D10": ""}) == []
