"""Amount rules (A101–A110) on the clean base (附表1 资金总额 293.58 = 一般公共预算拨款 293.58 =
基本支出 278 + 项目支出 15.58; 附表2 合计 15.58 = 10.56 + 5.02; each 附表3 has one 支出明细 equal to
its 项目金额 and 所属专项金额): the exact message and fix a clerk reads, the cell, and which
findings fold into one root cause. Expected texts are the rules' templates filled by hand."""

from __future__ import annotations

import pytest
from rulekit import S1, S2, findings, said

from xladdin.rules import CATALOGUE

NOT_NUMBER = "金额不是数字"
TEXT = "金额是文字而不是数字，合计公式不会计入它"
FILL = "填写以万元计的数字"


def title(code: str) -> str:
    return CATALOGUE[code].title


# --- A101 金额不是数字 -----------------------------------------------------------------------


def test_a101_names_every_amount_cell_with_its_label_problem_and_fix():
    out = findings(
        ["A101"],
        set={
            "附表1!C5": "一百万",
            "附表1!C7": "293.58万元",
            "附表1!C8": "#REF!",
            "附表1!C9": True,
            "附表1!E7": "2,780元",
            "附表1!E8": "x",
            "附表2!C5": "合计",
            "附表2!C6": "十万",
            "附表2!B7": "",
            "附表2!C7": "五万",
            f"{S1}!B5": "甲",
            f"{S1}!E5": "乙",
            f"{S1}!D20": "丙",
            f"{S1}!D21": "丁",
        },
    )
    assert said(out) == [
        ("A101", "附表1", "C5", f"资金总额：{NOT_NUMBER}（现为「一百万」）", FILL),
        ("A101", "附表1", "C7", f"一般公共预算拨款：{TEXT}（现为「293.58万元」）", "改为数字 293.58（单位：万元）"),
        ("A101", "附表1", "C8", "政府性基金拨款：单元格显示错误值 #REF!（现为「#REF!」）", FILL),
        ("A101", "附表1", "C9", "其他资金：金额不能是逻辑值（现为「True」）", FILL),
        ("A101", "附表1", "E7", f"基本支出：{TEXT}（现为「2,780元」）", "改为数字 0.278（单位：万元）"),
        ("A101", "附表1", "E8", f"项目支出：{NOT_NUMBER}（现为「x」）", FILL),
        ("A101", "附表2", "C5", f"合计金额：{NOT_NUMBER}（现为「合计」）", FILL),
        ("A101", "附表2", "C6", f"「培训保障专项001」的金额：{NOT_NUMBER}（现为「十万」）", FILL),
        ("A101", "附表2", "C7", f"「第2行」的金额：{NOT_NUMBER}（现为「五万」）", FILL),
        ("A101", S1, "B5", f"项目金额：{NOT_NUMBER}（现为「甲」）", FILL),
        ("A101", S1, "E5", f"所属专项金额：{NOT_NUMBER}（现为「乙」）", FILL),
        ("A101", S1, "D20", f"支出明细金额：{NOT_NUMBER}（现为「丙」）", FILL),
        ("A101", S1, "D21", f"支出明细合计：{NOT_NUMBER}（现为「丁」）", FILL),
    ]


def _without(sheet: str, section: str):
    """The reader did not find ``section`` on ``sheet`` (a form printed without it); "template":
    the reader took the sheet for another bureau's printed layout, not our template."""

    def tweak(reading):
        (form,) = [f for f in reading.submission.forms() if f.sheet == sheet]
        form.place.found.discard(section)

    return tweak


def _printed(sheet: str):
    return _without(sheet, "template")


def test_a101_lets_a_printed_form_write_an_amount_with_its_unit():
    out = findings(
        ["A101"],
        tweak=_printed(S1),
        set={
            f"{S1}!D20": "10.56万元",  # a printed form's way of writing an amount
            f"{S1}!D21": "10.56 亿元",
            f"{S1}!B5": "10.56万",  # no 元: not the printed style
            f"{S1}!E5": "约10万元",  # cannot be read as an amount
            f"{S2}!D20": "5.02万元",  # our template: text all the same
        },
    )
    assert [(f.sheet, f.cell) for f in out] == [(S1, "B5"), (S1, "E5"), (S2, "D20")]
    assert out[0].fix == "改为数字 10.56（单位：万元）"
    assert out[1].fix == FILL


# --- A102 金额为负数 -------------------------------------------------------------------------


def test_a102_message_and_fix():
    out = findings(["A102"], set={"附表1!E7": -1, "附表2!C6": -0.5, f"{S1}!D20": -10.56})
    fix = "金额应为正数（万元）"
    assert said(out) == [
        ("A102", "附表1", "E7", "基本支出为负数（-1）", fix),
        ("A102", "附表2", "C6", "「培训保障专项001」的金额为负数（-0.5）", fix),
        ("A102", S1, "D20", "支出明细金额为负数（-10.56）", fix),
        ("A102", S1, "D21", "支出明细合计为负数（-10.56）", fix),  # =SUM(D20:D20)
    ]


# --- A103 资金总额 ≠ 收入来源 ----------------------------------------------------------------

A103_FIX = "核对一般公共预算拨款、政府性基金拨款、其他资金"


@pytest.mark.parametrize(
    ("total", "shown"),
    [(300, "300"), (293.57, "293.57"), ("", "空"), (" ", "空")],
)
def test_a103_message(total, shown):
    out = findings(["A103"], set={"附表1!C5": total})
    assert said(out) == [("A103", "附表1", "C5", f"资金总额 {shown} ≠ 按收入性质分合计 293.58", A103_FIX)]


def test_a103_equal_at_exactly_the_tolerance():
    assert findings(["A103"], set={"附表1!C5": 293.585}) == []
    assert findings(["A103"], set={"附表1!C5": 293.575}) == []
    assert findings(["A103"], set={"附表1!C5": 293.5}, settings={"amounts.tolerance": 0.08}) == []
    assert len(findings(["A103"], set={"附表1!C5": 293.586})) == 1


def test_a103_blank_total_and_no_income_agree():
    assert findings(["A103"], set={"附表1!C7": ""}) == []  # 资金总额 =SUM(...) of nothing = 0


def test_a103_text_total_is_folded_into_a101():
    (f,) = findings(["A101", "A103"], set={"附表1!C5": "三百"})
    assert (f.rule, f.cell, f.message) == (
        "A101",
        "C5",
        f"资金总额：{NOT_NUMBER}（现为「三百」）（另见 A103 {title('A103')}：C5）",
    )


@pytest.mark.parametrize("cell", ["C7", "C8", "C9"])
def test_a103_text_income_line_is_folded_into_a101(cell):
    edits = {"附表1!C5": 293.58, "附表1!C7": "", f"附表1!{cell}": "293.58万元"}
    (f,) = findings(["A101", "A103"], set=edits)
    assert (f.rule, f.cell, f.cells) == ("A101", cell, ("附表1!C5",))
    assert f.message.endswith(f"（现为「293.58万元」）（另见 A103 {title('A103')}：C5）")


def test_a103_resting_on_an_uncomputed_formula_is_left_to_s003():
    out = findings(["A101", "A103"], set={"附表1!C5": 300, "附表1!C9": "十万"}, formula={"附表1!C8": "=SUMPRODUCT(C7)"})
    # the text in C9 stays its own A101 finding: the 资金总额 is not judged
    assert said(out) == [("A101", "附表1", "C9", f"其他资金：{NOT_NUMBER}（现为「十万」）", FILL)]


def test_a103_skips_a_form1_without_its_income_section_or_without_form1():
    assert findings(["A103"], tweak=_without("附表1", "income"), set={"附表1!C5": 300}) == []
    assert findings(["A103", "A104", "A105"], drop=["附表1"]) == []


# --- A104 资金总额 ≠ 基本支出 + 项目支出 -------------------------------------------------------

A104_FIX = "调整收入来源（如一般公共预算拨款）或基本支出；项目支出随附表2合计变化"


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({"附表1!E7": 279}, "资金总额 293.58 ≠ 基本支出 279 + 项目支出 15.58 = 294.58（支出比资金总额多 1 万元）"),
        ({"附表1!E7": 277}, "资金总额 293.58 ≠ 基本支出 277 + 项目支出 15.58 = 292.58（支出比资金总额少 1 万元）"),
        ({"附表1!C5": ""}, "资金总额 空 ≠ 基本支出 278 + 项目支出 15.58 = 293.58（支出比资金总额多 293.58 万元）"),
        (
            {"附表1!C5": 293.58, "附表1!E7": "278万元"},
            "资金总额 293.58 ≠ 基本支出 「278万元」（文字） + 项目支出 15.58 = 15.58（支出比资金总额少 278 万元）",
        ),
    ],
)
def test_a104_message(edits, message):
    assert said(findings(["A104"], set=edits)) == [("A104", "附表1", "E7", message, A104_FIX)]


def test_a104_tolerance_and_a_missing_form2():
    assert findings(["A104"], set={"附表1!E7": 278.005}) == []
    assert len(findings(["A104"], set={"附表1!E7": 278.006})) == 1
    # without 附表2 the sum is still checked (no 附表2 rows to blame)
    (f,) = findings(["A104"], drop=["附表2"], set={"附表1!E7": 279, "附表1!E8": 15.58})
    assert f.cell == "E7"


def test_a104_blames_a_text_fund_amount_of_form2():
    edits = {"附表1!C5": 293.58, "附表1!E8": 15.58, "附表2!C5": 15.58, "附表2!C7": "5.02万元", "附表1!C7": 293.58}
    out = findings(["A101", "A104"], set={**edits, "附表1!E7": 279})
    assert [(f.rule, f.sheet, f.cell) for f in out] == [("A101", "附表2", "C7")]
    assert out[0].message.endswith(f"（另见 A104 {title('A104')}：附表1!E7）")


def test_a104_skips_a_form1_without_its_expense_section():
    edits = {"附表1!E7": 279, "附表1!E8": 16}
    assert findings(["A104", "A105"], tweak=_without("附表1", "expense"), set=edits) == []


# --- A105 项目支出 ≠ 附表2 合计 ---------------------------------------------------------------


def test_a105_message():
    assert said(findings(["A105"], set={"附表1!E8": 16})) == [
        ("A105", "附表1", "E8", "项目支出 16 ≠ 附表2 合计 15.58", "项目支出应等于附表2合计")
    ]
    assert said(findings(["A105"], set={"附表1!E8": 15.58, "附表2!C5": ""}))[0][3] == "项目支出 15.58 ≠ 附表2 合计 空"
    assert findings(["A105"], set={"附表1!E8": 15.585}) == []
    assert findings(["A105"], set={"附表1!E8": "", "附表2!C5": ""}) == []  # both blank
    assert findings(["A105"], set={"附表1!E8": 0, "附表2!C5": ""}) == []  # 0 and blank
    assert findings(["A105"], set={"附表1!E8": "", "附表2!C5": 0}) == []


@pytest.mark.parametrize(
    ("edits", "lead", "note"),
    [
        ({"附表1!E8": "16万元"}, ("附表1", "E8"), "E8"),
        ({"附表1!E8": 15.58, "附表2!C5": "合计"}, ("附表2", "C5"), "附表1!E8"),
        ({"附表1!E8": 16, "附表2!C5": 15.58, "附表2!C7": "5.02万元"}, ("附表2", "C7"), "附表1!E8"),
    ],
)
def test_a105_text_amount_is_folded_into_a101(edits, lead, note):
    (f,) = findings(["A101", "A105"], set=edits)
    assert (f.rule, f.sheet, f.cell) == ("A101", *lead)
    assert f.message.endswith(f"（另见 A105 {title('A105')}：{note}）")


def test_a105_skips_without_form2_or_its_fund_rows():
    assert findings(["A105"], drop=["附表2"], set={"附表1!E8": 16}) == []
    assert findings(["A105"], tweak=_without("附表2", "funds"), set={"附表1!E8": 16}) == []


# --- A106 附表2 合计 ≠ 各行之和 --------------------------------------------------------------


def test_a106_message():
    fix = "恢复合计公式（=SUM(金额列)）"
    assert said(findings(["A106"], set={"附表2!C5": ""})) == [
        ("A106", "附表2", "C5", "合计 空 ≠ 各专项金额之和 15.58", fix)
    ]
    assert said(findings(["A106"], set={"附表2!C5": 15.575, "附表2!C6": 10.5})) == [
        ("A106", "附表2", "C5", "合计 15.575 ≠ 各专项金额之和 15.52", fix)
    ]
    assert findings(["A106"], set={"附表2!C5": 15.585}) == []
    assert findings(["A106"], set={"附表2!C5": "", "附表2!C6": 0, "附表2!C7": 0}) == []
    assert findings(["A106"], tweak=_without("附表2", "funds"), set={"附表2!C5": 16}) == []


def test_a106_text_row_is_folded_into_a101():
    (f,) = findings(["A101", "A106"], set={"附表2!C5": 15.58, "附表2!C6": "10.56万元"})
    assert (f.rule, f.cell, f.cells) == ("A101", "C6", ("附表2!C5",))
    assert f.message == f"「培训保障专项001」的金额：{TEXT}（现为「10.56万元」）（另见 A106 {title('A106')}：C5）"


# --- A107 / A108 附表3 合计 and 项目金额 --------------------------------------------------------


def test_a107_a108_messages():
    out = findings(["A107", "A108"], set={f"{S1}!D21": 11, f"{S2}!B5": 5.5})
    assert said(out) == [
        ("A107", S1, "D21", "合计 11 ≠ 支出明细之和 10.56", "恢复合计公式（=SUM(金额列)）"),
        ("A108", S2, "B5", "项目金额 5.5 ≠ 支出明细合计 5.02", "补全支出明细或更正项目金额"),
    ]
    assert findings(["A107", "A108"], set={f"{S1}!D21": 10.565, f"{S2}!B5": 5.015}) == []


def test_a107_a108_skip_a_sheet_without_its_details_only():
    out = findings(
        ["A107", "A108"],
        set={f"{S1}!A19": "", f"{S1}!D21": 11, f"{S1}!B5": 11, f"{S2}!D21": 6, f"{S2}!B5": 6},
    )
    assert [(f.rule, f.sheet, f.cell) for f in out] == [("A107", S2, "D21"), ("A108", S2, "B5")]


def test_a107_a108_text_detail_is_folded_into_a101():
    (f,) = findings(["A101", "A107", "A108"], set={f"{S1}!D20": "10.56万元", f"{S1}!D21": 10.56})
    assert (f.rule, f.sheet, f.cell) == ("A101", S1, "D20")
    assert f.message == (
        f"支出明细金额：{TEXT}（现为「10.56万元」）（另见 A107 {title('A107')}：D21；A108 {title('A108')}：B5）"
    )
    assert f.cells == (f"{S1}!D21", f"{S1}!B5")


def test_a108_text_project_amount_is_folded_into_a101():
    (f,) = findings(["A101", "A108"], set={f"{S2}!B5": "五万"})
    assert (f.rule, f.sheet, f.cell) == ("A101", S2, "B5")
    assert f.message.endswith(f"（另见 A108 {title('A108')}：B5）")


# --- A109 子项之和 ≠ 所属专项 -----------------------------------------------------------------

A109_SUM_FIX = "核对各子项项目金额与所属专项金额"
A109_SAME_FIX = "同一专项的各子项应填写相同的所属专项金额"
ONE_FUND = {f"{S2}!E4": "培训保障专项001"}


def test_a109_messages():
    assert said(findings(["A109"], set={f"{S1}!E5": 12})) == [
        ("A109", S1, "E5", "所属专项「培训保障专项001」金额 12 ≠ 子项项目金额之和 10.56 = 10.56", A109_SUM_FIX)
    ]
    out = findings(["A109"], set={**ONE_FUND, f"{S1}!E5": 16, f"{S2}!E5": 15})
    assert said(out) == [
        ("A109", S2, "E5", f"所属专项「培训保障专项001」金额 15 与「{S1}」所填 16 不一致", A109_SAME_FIX),
        ("A109", S1, "E5", "所属专项「培训保障专项001」金额 16 ≠ 子项项目金额之和 10.56 + 5.02 = 15.58", A109_SUM_FIX),
    ]


def test_a109_blank_project_amount_counts_as_zero():
    out = findings(["A109"], set={**ONE_FUND, f"{S1}!E5": 15.58, f"{S2}!E5": 15.58, f"{S2}!B5": ""})
    assert said(out) == [
        ("A109", S1, "E5", "所属专项「培训保障专项001」金额 15.58 ≠ 子项项目金额之和 10.56 + 空 = 10.56", A109_SUM_FIX)
    ]


def test_a109_tolerance():
    assert findings(["A109"], set={**ONE_FUND, f"{S1}!E5": 15.585, f"{S2}!E5": 15.58}) == []
    assert len(findings(["A109"], set={**ONE_FUND, f"{S1}!E5": 15.58, f"{S2}!E5": 15.5851})) == 1


def test_a109_names_the_fund_as_first_written_and_falls_back_to_the_direction():
    out = findings(["A109"], set={f"{S1}!E4": "", f"{S1}!E5": 12, f"{S2}!E4": "培训保障专项 001", f"{S2}!E5": 12})
    assert [f.message for f in out] == ["所属专项「培训保障专项001」金额 12 ≠ 子项项目金额之和 10.56 + 5.02 = 15.58"]


def test_a109_leaves_out_a_sheet_without_its_parent_section():
    out = findings(["A109"], set={f"{S1}!C4": "", f"{S1}!D4": "", f"{S1}!D5": "", f"{S1}!E5": 12, f"{S2}!E5": 6})
    assert [(f.sheet, f.cell) for f in out] == [(S2, "E5")]


def test_a109_text_parent_amount_is_folded_into_a101():
    (f,) = findings(["A101", "A109"], set={**ONE_FUND, f"{S1}!E5": "15.58万元", f"{S2}!E5": 15.58})
    assert (f.rule, f.sheet, f.cell) == ("A101", S1, "E5")
    assert f.message.endswith(f"（另见 A109 {title('A109')}：{S2}!E5；A109 {title('A109')}：E5）")
    (f,) = findings(["A101", "A109"], set={**ONE_FUND, f"{S1}!E5": 15.58, f"{S2}!E5": 15.58, f"{S2}!B5": "五"})
    assert (f.rule, f.sheet, f.cell) == ("A101", S2, "B5")
    assert f.message.endswith(f"（另见 A109 {title('A109')}：{S1}!E5）")


# --- sums that are wrong by a number are separate findings, never folded ------------------------


def test_numeric_gaps_are_not_folded_together():
    out = findings(
        ["A103", "A104", "A105", "A106", "A107", "A108", "A109"],
        set={"附表1!C5": 300, "附表1!E8": 15.58, "附表2!C5": 16, f"{S1}!D21": 11, f"{S1}!B5": 11, f"{S1}!E5": 11},
    )
    assert [(f.rule, f.sheet, f.cell, f.cells) for f in out] == [
        ("A103", "附表1", "C5", ()),
        ("A104", "附表1", "E7", ()),
        ("A105", "附表1", "E8", ()),
        ("A106", "附表2", "C5", ()),
        ("A107", S1, "D21", ()),
        ("A108", S1, "B5", ()),
    ]
    assert "另见" not in "".join(f.message for f in out)


# --- A110 合计公式被改成了数值 ----------------------------------------------------------------

A110_FIX = "恢复公式，或运行「同步汇总」"


def test_a110_every_total_formula_of_every_form():
    out = findings(
        ["A110"],
        set={"附表1!C5": 293.58, "附表1!E8": "", "附表2!C5": 15.58, f"{S1}!D21": 10.56, f"{S2}!D21": ""},
    )
    assert said(out) == [
        ("A110", "附表1", "C5", "此处应为合计公式，现在是手工填写的数值 293.58", A110_FIX),
        ("A110", "附表1", "E8", "此处应为合计公式，现在为空", A110_FIX),
        ("A110", "附表2", "C5", "此处应为合计公式，现在是手工填写的数值 15.58", A110_FIX),
        ("A110", S1, "D21", "此处应为合计公式，现在是手工填写的数值 10.56", A110_FIX),
        ("A110", S2, "D21", "此处应为合计公式，现在为空", A110_FIX),
    ]


def test_a110_silent_when_formulas_are_unknown_or_for_a_printed_form():
    def unknown(reading):
        reading.structure.formulas_known = False

    assert findings(["A110"], tweak=unknown, set={"附表2!C5": 15.58}) == []
    out = findings(["A110"], tweak=_printed(S1), set={f"{S1}!D21": 10.56, f"{S2}!D21": 5.02})
    assert [(f.sheet, f.cell) for f in out] == [(S2, "D21")]


def test_a101_without_form1_or_form2_still_checks_the_form3s():
    out = findings(["A101"], drop=["附表1", "附表2"], set={f"{S2}!D20": "五"})
    assert [(f.sheet, f.cell) for f in out] == [(S2, "D20")]


def test_a109_leaves_out_a_sheet_naming_no_fund():
    edits = {f"{S1}!E4": "", f"{S1}!B4": "", f"{S1}!E5": 12, f"{S2}!E5": 6}
    assert [(f.sheet, f.cell) for f in findings(["A109"], set=edits)] == [(S2, "E5")]


def test_a_blank_fund_amount_is_no_root_cause():
    # 附表2 row 7 has no amount: A104 and A105 both fail, each for its own reason
    out = findings(["A104", "A105"], set={"附表2!C7": "", "附表1!E8": 16})
    assert [(f.rule, f.cell, f.cells) for f in out] == [("A104", "E7", ()), ("A105", "E8", ())]


def test_a109_text_parent_amount_of_a_later_subitem_is_folded_into_a101():
    (f,) = findings(["A101", "A109"], set={**ONE_FUND, f"{S1}!E5": 15.58, f"{S2}!E5": "15.58万元"})
    assert (f.rule, f.sheet, f.cell) == ("A101", S2, "E5")
    assert f.message.endswith(f"（另见 A109 {title('A109')}：E5）")


# --- every place a total rests on can be the text amount it is blamed on ----------------------


def test_text_total_of_form1_folds_a103_and_a104_into_a101():
    (f,) = findings(["A101", "A103", "A104"], set={"附表1!C5": "三百"})
    assert (f.rule, f.cell, f.cells) == ("A101", "C5", ("附表1!C5", "附表1!E7"))
    assert (
        f.message
        == f"资金总额：{NOT_NUMBER}（现为「三百」）（另见 A103 {title('A103')}：C5；A104 {title('A104')}：E7）"
    )


def test_text_basic_expense_folds_a104_into_a101():
    (f,) = findings(["A101", "A104"], set={"附表1!C5": 293.58, "附表1!E7": "278万元"})
    assert (f.rule, f.cell, f.cells) == ("A101", "E7", ("附表1!E7",))
    assert f.message.endswith(f"（现为「278万元」）（另见 A104 {title('A104')}：E7）")


def test_text_project_expense_folds_a104_and_a105_into_a101():
    (f,) = findings(["A101", "A104", "A105"], set={"附表1!E8": "15.58万元"})
    assert (f.rule, f.cell) == ("A101", "E8")
    assert f.message.endswith(f"（另见 A104 {title('A104')}：E7；A105 {title('A105')}：E8）")


def test_text_total_of_form2_folds_a106_into_a101():
    (f,) = findings(["A101", "A106"], set={"附表2!C5": "合计", "附表1!E8": 15.58})
    assert (f.rule, f.sheet, f.cell) == ("A101", "附表2", "C5")
    assert f.message == f"合计金额：{NOT_NUMBER}（现为「合计」）（另见 A106 {title('A106')}：C5）"


def test_text_detail_total_folds_a107_into_a101():
    (f,) = findings(["A101", "A107"], set={f"{S2}!D21": "五"})
    assert (f.rule, f.sheet, f.cell) == ("A101", S2, "D21")
    assert f.message == f"支出明细合计：{NOT_NUMBER}（现为「五」）（另见 A107 {title('A107')}：D21）"
