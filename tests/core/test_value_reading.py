"""指标值 read the way a reviewer reads them: trailing punctuation, units in the name, area and
volume units, and one reading of 定性 grades (with or without a subject)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rulekit import S, found

from xladdin.units import count_unit_for, name_unit, unit_at, unit_kind
from xladdin.values import (
    MAX_AMOUNT,
    Amount,
    Quantity,
    amount,
    checked_amount,
    fmt,
    grade,
    has_count_unit,
    percent,
    period_years,
    plain_number,
    quantity,
    value_kind,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("95%以上。", "percent"),
        ("≥95%。", "percent"),
        ("100人；", "number_unit"),
        ("2023年度。", "date"),
        ("提升。", "direction"),
    ],
)
def test_trailing_punctuation_is_not_prose(text, kind):
    assert value_kind(text) == kind


@pytest.mark.parametrize("text", ["2021年12月底前", "2023年12月底之前", "2024年6月末以前", "2022年底前", "11月底前"])
def test_a_deadline_before_a_month_end_is_a_date(text):
    # 陕西清涧 and the I311 doc's own example: 「…年12月底前」 is a deadline, not prose
    assert value_kind(text) == "date"


def test_trailing_punctuation_keeps_the_number():
    assert percent("95%以上。") == 95
    assert quantity("≥500亩。").number == 500


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("亩", "measure"),
        ("万亩", "measure"),
        ("公顷", "measure"),
        ("平方米", "measure"),
        ("立方米", "measure"),
        ("万立方米", "measure"),
        ("公里", "measure"),
        ("万平方米", "measure"),
        ("单", "count"),
        ("宗", "count"),
        ("件", "count"),
        ("户", "count"),
    ],
)
def test_area_volume_and_case_units_are_known(unit, kind):
    assert unit_kind(unit) == kind
    assert quantity(f"≥3{unit}").kind == kind


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("造林面积(亩)", "亩"),
        ("培训人次（人次）", "人次"),
        ("覆盖率(%)", "%"),
        ("新增绿地（单位：平方米）", "平方米"),
        ("造林面积", ""),
        ("项目(一期)", ""),
    ],
)
def test_unit_in_the_name(name, unit):
    assert name_unit(name) == unit


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("明显", "明显"),
        ("影响程度明显", "明显"),
        ("效果显著", "显著"),
        ("显著提高", "显著"),
        ("服务质量良好", "良好"),
        ("得到明显改善", "明显"),
        ("优", "优"),
        ("质量优良。", "优良"),
    ],
)
def test_a_grade_with_or_without_a_subject_is_the_same_grade(text, level):
    assert grade(text) == level
    assert value_kind(text) == "qualitative"


@pytest.mark.parametrize(
    "text", ["高中低", "辖区内享受待遇人员的获得感、幸福感", "提升", "管理到位，环境整洁明显", "2023年明显"]
)
def test_not_a_grade(text):
    assert grade(text) is None


def test_grade_with_a_subject_is_no_error_where_the_bare_grade_is_none():
    """「影响程度明显」 and 「明显」 are read alike by every indicator rule: neither is prose."""
    for value in ("明显", "影响程度明显"):
        assert not [f for f in found(["I304", "I317"], {f"{S}!E16": value}) if f[1] == f"{S}!E16"]


def test_unit_in_the_name_is_a_unit():
    edits = {f"{S}!D10": "造林面积(亩)", f"{S}!E10": 500}
    assert not [f for f in found(["I305", "I312"], edits) if f[0] == "I305"]
    assert found("I305", {f"{S}!D10": "造林面积", f"{S}!E10": 500})  # without it: no unit


def test_unit_in_the_name_makes_a_rate_a_percentage():
    assert not found("I306", {f"{S}!D11": "覆盖率(%)", f"{S}!E11": 95})
    assert found("I306", {f"{S}!D11": "覆盖率(%)", f"{S}!E11": 120})  # 120% is still too much


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("培训人次", "人次"),  # the longest unit the name holds, not 「人」 or 「次」
        ("补助户次", "户次"),
        ("辖区内享受待遇人员数", "人"),
        ("帮扶企业个数", "家"),  # 个, 部, 门, 类, 种, 起, 支, 组, 名 in a name are not its unit
        ("慰问党支部数", "个"),
        ("覆盖部门数", "个"),
        ("宣传种类数", "个"),
        ("发生安全事故起数", "个"),
        ("培训班组数", "个"),
        ("表彰先进集体名数", "人"),  # 「名」 counts people
        ("烈士墓维修数量", "座"),
        ("资助困难学生名额", "人"),
        ("救助对象数", "人"),
        ("补助企业数", "家"),
        ("建设内容数", "个"),
        ("推广品种数", "个"),  # 「种」 of 品种/种植 is part of a word here, not the unit
    ],
)
def test_the_unit_suggested_for_a_bare_count_follows_the_name(name, unit):
    """I305's fix for a 数量指标 typed as a bare number: 「132」 under 「培训人次」 is 「132人次」."""
    assert count_unit_for(name) == unit


def test_a_short_qualitative_phrase_is_a_grade_a_longer_one_prose():
    """Up to six characters after a grade word (「明显高于上年」) is a 定性 value; a longer sentence is prose."""
    assert value_kind("明显高于上年") == "qualitative"
    assert value_kind("良好以上") == "qualitative"
    assert value_kind("明显高于上年水平") == "prose"


def test_a_number_typed_as_a_number_has_no_unit():
    assert quantity(12) == Quantity("", Decimal(12), "", None)
    assert quantity(12.5) == Quantity("", Decimal("12.5"), "", None)
    assert value_kind(100) == value_kind("100") == "number" and value_kind("≥100") == "compare"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (True, Amount(None, None, "金额不能是逻辑值")),
        ("#N/A", Amount(None, None, "单元格显示错误值 #N/A")),
        (float("nan"), Amount(None, None, "金额不是有效数字（溢出或非数）")),
        ("5万元", Amount(None, Decimal("5"), "金额是文字而不是数字，合计公式不会计入它")),
        ("5000元", Amount(None, Decimal("0.5"), "金额是文字而不是数字，合计公式不会计入它")),
    ],
)
def test_an_amount_cell_that_is_not_a_number_says_why(typed, expected):
    """An amount (万元) typed as text is read for its worth (5000元 is 0.5 万元) but named as text the
    totals skip; TRUE, an error value or NaN is no amount at all."""
    assert amount(typed) == expected


@pytest.mark.parametrize(
    ("typed", "worth"),
    [
        ("1,234万元", "1234"),
        (" 320 ", "320"),
        ("0.00", "0"),
        ("1.50", "1.5"),
        ("1184.26", "1184.26"),
        ("-0", "0"),  # a minus zero is zero, never written as -0
        ("-0.00万元", "0"),
    ],
)
def test_an_amount_typed_as_an_argument_is_kept_as_typed(typed, worth):
    """「--amount 1,234万元」: separators and the unit 万元 dropped, trailing zeros too (Excel keeps 1.5)."""
    assert str(checked_amount(typed)) == worth


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "金额「abc」不是数字（单位：万元）"),
        ("5元", "金额「5元」不是数字（单位：万元）"),  # only 万元 is taken off: 元 is no amount here
        ("inf", "金额「inf」不是有限的数字（单位：万元）"),
        ("-1", "金额「-1」无效：应为不小于 0 的数字（万元）"),
        (str(MAX_AMOUNT + 1), f"金额「{MAX_AMOUNT + 1}」大得不合常理（上限 1,000,000,000 万元），请检查单位"),
        (
            "0.1234567890123456789",
            "金额「0.1234567890123456789」的位数超过 Excel 能保存的 15 位有效数字，请四舍五入后再填",
        ),
    ],
)
def test_an_amount_argument_excel_could_not_hold_is_refused_in_one_line(typed, message):
    with pytest.raises(ValueError) as err:
        checked_amount(typed)
    assert str(err.value) == message
    assert checked_amount(str(MAX_AMOUNT)) == MAX_AMOUNT  # the limit itself is an amount


@pytest.mark.parametrize(
    ("text", "number"),
    [("2", 2), ("-3", -3), ("1326.19", 1326.19), ("2.0", 2.0), ("1e3", None), ("1,000", None), (" 2", None)],
)
def test_a_plain_number_keeps_its_decimal_point(text, number):
    """「2.0」 stays a decimal (a clerk who typed the point sees it again), 「2」 an integer."""
    got = plain_number(text)
    assert got == number and type(got) is type(number)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "空"),
        ("", "空"),
        (Decimal("1184.2600"), "1184.26"),
        (320, "320"),
        (-2.5, "-2.5"),
        (Decimal("0.00004"), "0"),
        (True, "「True」"),
        ("#REF!", "「#REF!」"),
    ],
)
def test_an_amount_in_a_message_reads_as_a_clerk_wrote_it(value, shown):
    """Messages show amounts to four decimals without trailing zeros; a blank is 「空」, anything that
    is not a number is quoted as it reads."""
    assert fmt(value) == shown


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (None, Amount(None)),
        ("", Amount(None)),
        (12, Amount(Decimal(12))),
        (1.5, Amount(Decimal("1.5"))),
        (1e20, Amount(None, None, "金额大得不合常理（超过 1,000,000,000 万元），请检查单位和数字")),
        ("1.5亿元", Amount(None, Decimal("15000"), "金额是文字而不是数字，合计公式不会计入它")),
        ("¥1,000", Amount(None, Decimal("1000"), "金额是文字而不是数字，合计公式不会计入它")),
        ("12万", Amount(None, Decimal("12"), "金额是文字而不是数字，合计公式不会计入它")),
        (" 3 万元 ", Amount(None, Decimal("3"), "金额是文字而不是数字，合计公式不会计入它")),
        ("-5", Amount(None, Decimal("-5"), "金额是文字而不是数字，合计公式不会计入它")),
        ("9" * 20, Amount(None, None, "金额是文字而不是数字，且大得不合常理")),
        ("abc", Amount(None, None, "金额不是数字")),
        ("1e3", Amount(None, None, "金额不是数字")),  # an exponent is no amount a clerk types
    ],
)
def test_an_amount_cell_is_read_for_its_worth_in_wan_yuan(typed, expected):
    """A foreign form's amounts, typed with their unit (亿元, 万, ¥) or as numbers: worth in 万元."""
    assert amount(typed) == expected
    assert amount(float(MAX_AMOUNT)).number == MAX_AMOUNT  # the limit itself is an amount


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("≥95%", "percent"),
        ("=100百分比", "percent"),  # a system's printing of 100%
        ("大于90%", "percent"),
        ("95", "number"),
        (95, "number"),
        ("约100", "compare"),
        (">=3", "compare"),
        ("100人", "number_unit"),
        ("≤12个月", "number_unit"),
        ("优", "qualitative"),
        ("明显提升", "qualitative"),
        ("正向", "prose"),
        ("", "blank"),
        (None, "blank"),
    ],
)
def test_what_kind_of_value_a_foreign_form_prints(typed, kind):
    assert value_kind(typed) == kind


@pytest.mark.parametrize(
    ("typed", "years"),
    [("3年", 3), ("一年", 1), ("2021年", 1), ("2019-2021年", 3), ("2021-2019年", None), ("6个月", None), ("", None)],
)
def test_how_many_years_a_period_says(typed, years):
    assert period_years(typed) == years


@pytest.mark.parametrize(
    ("typed", "counts"), [("12个月", True), ("100人", True), ("5公里", True), ("95%", False), ("优", False)]
)
def test_a_count_a_time_or_a_measure_counts_something(typed, counts):
    assert has_count_unit(typed) is counts


def test_a_worded_comparison_is_a_compare_up_to_twenty_characters():
    """「不低于上年水平」 compares without a number; past 20 characters it is a sentence (prose)."""
    twenty = "不低于" + "上" * 17
    assert len(twenty) == 20 and value_kind(twenty) == "compare"
    assert value_kind(twenty + "年") == "prose"


def test_a_unit_is_found_at_the_very_end_of_a_text():
    """The longest unit starting at a position, also when it ends the text (「12亩」, 「12万元」)."""
    assert unit_at("12亩", 2) == "亩"
    assert unit_at("12万元", 2) == "万元"
    assert unit_at("12万元", 3) == "元"
    assert unit_at("12万元", 4) == ""
    assert unit_kind("人以上") == "count"  # a unit found at the start of a longer word
