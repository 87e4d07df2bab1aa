"""Rules that need a column only some forms print (权重/分值, 计算公式, 中期 values, 上年指标值) or
depend on the form's profile (a missing cost: an error under 101号, a warning under ours). They run
where the form has the column — placed by the reader (``Form.place.columns``) or, in a model built
without a sheet, some row holding a value for it — and are skipped elsewhere. Models are built here
the way the reader of such a form fills them (Indicator.weight/formula/extra/prior, Form.profile)."""

from __future__ import annotations

from rulekit import found_in_model

from xladdin.model import Submission


def weights(*values):
    def change(sub: Submission) -> None:
        for ind, w in zip(sub.form3s[0].indicators, values, strict=False):
            ind.weight = w

    return change


def test_weights_not_adding_up_to_100():
    found = found_in_model("I334", weights(15, 10, 10, 10, 10, 10, 10, 10, 10))
    assert [(f[0], f[2]) for f in found] == [("I334", "各指标权重合计 95，不是 100")]


def test_weights_of_100_or_90_and_no_weight_column_are_fine():
    assert not found_in_model("I334", weights(20, 10, 10, 10, 10, 10, 10, 10, 10))
    assert not found_in_model("I334", weights("30", "30分", "30%"))  # 四川: 预算执行率 10 outside
    assert not found_in_model("I334", lambda sub: None)  # our template: no 权重 column


def test_weight_column_placed_but_blank_says_nothing_about_the_total():
    def change(sub):
        sub.form3s[0].place.columns["indicators"] = {"weight": "G"}

    assert not found_in_model("I334", change)


def test_rate_without_formula_where_the_form_has_the_column():
    def change(sub):
        sub.form3s[0].indicators[5].formula = "知晓人数÷调查人数×100%"  # the column exists

    found = found_in_model("I335", change)
    assert [(f[0], f[2]) for f in found] == [("I335", "比率指标「覆盖率」没有填写计算公式")]


def test_rate_without_formula_is_skipped_without_the_column():
    assert not found_in_model("I335", lambda sub: None)

    def placed(sub):  # the reader placed the column: blank formulas are then missing
        sub.form3s[0].place.columns["indicators"] = {"formula": "H"}

    assert {f[2] for f in found_in_model("I335", placed)} == {
        "比率指标「覆盖率」没有填写计算公式",
        "比率指标「政策知晓率」没有填写计算公式",
    }


def midterm(period, *values):
    def change(sub):
        f = sub.form3s[0]
        f.period = period
        for ind, v in zip(f.indicators, values, strict=False):
            if v is not None:
                ind.extra["中期指标值"] = v

    return change


def test_annual_set_copying_the_midterm_set():
    f = found_in_model("I336", lambda sub: None)
    assert not f
    sub_values = ("132人", "≥95%", "2023年度")
    found = found_in_model("I336", midterm("2023-2025年", *sub_values))
    assert [(r[0], r[2]) for r in found] == [("I336", "年度指标的 3 个指标值与中期指标逐字相同，没有按年度分解")]


def test_annual_set_differing_or_one_year_project():
    assert not found_in_model("I336", midterm("2023年度", "132人", "≥95%"))  # one year: same is right
    assert not found_in_model("I336", midterm("2023-2025年", "400人", "≥95%"))
    assert not found_in_model("I336", midterm("2023-2025年", "132人"))  # one pair proves nothing


def no_cost(profile):
    def change(sub):
        f = sub.form3s[0]
        f.profile = profile
        f.indicators[3].name = f.indicators[3].value = None

    return change


def test_missing_cost_is_an_error_under_101_and_a_warning_under_ours():
    national = found_in_model(["I310", "I337"], no_cost("national"))
    assert [f[0] for f in national] == ["I337"]
    ours = found_in_model(["I310", "I337"], no_cost("ours"))
    assert [f[0] for f in ours] == ["I310"]
    assert not found_in_model("I337", lambda sub: setattr(sub.form3s[0], "profile", "national"))


def prior(index, before, value=None, **more):
    def change(sub):
        ind = sub.form3s[0].indicators[index]
        ind.prior = before
        if value is not None:
            ind.value = value
        for k, v in more.items():
            if k == "explanation":
                ind.explanation = v
            else:
                ind.extra[k] = v

    return change


def test_lower_than_last_year():
    found = found_in_model("I338", prior(0, "150人"))
    assert [(f[0], f[2]) for f in found] == [
        ("I338", "「服务对象人数」的目标值「132人」低于上年的「150人」，没有写明理由")
    ]
    assert found_in_model("I338", prior(1, "≥98%"))  # a rate went down
    assert found_in_model("I338", prior(0, 112, "100人"))  # a bare number last year, 人 this year


def test_not_lower_or_with_a_reason():
    assert not found_in_model("I338", prior(0, "120人"))
    assert not found_in_model("I338", prior(0, "150人", 下调原因="培训对象减少"))
    assert not found_in_model("I338", prior(0, "150人", 指标值设定依据="按在册人数"))
    assert not found_in_model("I338", prior(0, "150人", explanation="按在册人数"))
    assert not found_in_model("I338", prior(3, "≤9000元/人"))  # a cost ceiling: lower is better
    assert not found_in_model("I338", prior(0, "≥98%"))  # 人 against %: not the same measure
    assert not found_in_model("I338", prior(0, "150人", "≤120人"))  # a ceiling


def test_a_table_read_without_its_value_column_is_skipped_by_every_indicator_rule():
    """镇江's 半年(程)/全年(程)指标值 columns not recognised: no 「没有填写指标值」 for every row, no
    「没有填写任何产出指标」 (FAMILY_NEEDS: an indicator rule needs the name and value columns)."""
    from rulekit import S1, findings

    def no_value_column(reading):
        for form in reading.submission.form3s:
            form.place.columns["indicators"].pop("value")
            for ind in form.indicators:
                ind.value = None

    def values_blank(reading):
        for ind in reading.submission.form3s[0].indicators:
            ind.value = None

    assert {f.rule for f in findings(["I301", "I302"], tweak=values_blank) if f.sheet == S1} == {"I301", "I302"}
    assert not findings(["I301", "I302", "I314", "I337"], tweak=no_value_column)


def test_a_rule_needing_a_profile_field_skips_a_form_whose_profile_lacks_it():
    import dataclasses

    from rulekit import S1, findings

    from xladdin.rules import CATALOGUE

    def blank_goal(reading):
        reading.submission.form3s[0].period_goal = None

    def sichuan(reading):
        blank_goal(reading)
        reading.submission.form3s[0].profile = "sichuan"  # 四川 申报表 has no 实施期 goal at all

    rule = CATALOGUE["G601"]
    assert [(f.rule, f.sheet) for f in findings(["G601"], tweak=sichuan)] == [("G601", S1)]
    CATALOGUE["G601"] = dataclasses.replace(rule, needs=("period_goal",))
    try:
        assert not findings(["G601"], tweak=sichuan)
        assert [(f.rule, f.sheet) for f in findings(["G601"], tweak=blank_goal)] == [("G601", S1)]
    finally:
        CATALOGUE["G601"] = rule
