"""The checks a reviewer makes that the catalogue lacked (issue 20), word for word on the clean
base: each edit is wording seen on a published form; each look-alike is one a reviewer accepts."""

from __future__ import annotations

from rulekit import F1, S, T, found, found_in_model


def test_i327_cost_of_zero_is_one_finding_not_also_not_a_cost():
    assert found(["I316", "I327"], {f"{S}!E13": "0万元"}) == [
        (
            "I327",
            f"{S}!E13",
            "成本指标「人均标准」的指标值是「0万元」，成本为零",
            "写出成本上限或单位成本，如 ≤320万元、≤2380元/人/月",
            (),
        )
    ]
    assert not found("I327", {f"{S}!E13": "≤0.5万元"})


def test_i328_head_count_in_a_rate_unit():
    assert found("I328", {f"{S}!E10": "≥132人/次"}) == [
        (
            "I328",
            f"{S}!E10",
            "数量指标「服务对象人数」的指标值「≥132人/次」单位是比率「人/次」，不是人数",
            "写成人数「≥132人」或人次「≥132人次」",
            (),
        )
    ]
    assert not found("I328", {f"{S}!E10": "132人次", f"{T}!E10": "20元/人"})


def test_i329_bare_no_on_a_benefit_is_one_error():
    got = found(["I304", "I329"], {f"{S}!E14": "无"})
    assert [(g[0], g[1], g[2]) for g in got] == [
        ("I329", f"{S}!E14", "经济效益指标「带动就业人数」的指标值只写了「无」")
    ]
    assert not found("I329", {f"{S}!D15": "是否发生安全事故", f"{S}!E15": "否"})
    assert not found("I329", {f"{S}!E10": "无"}) and found("I304", {f"{S}!E10": "无"})  # an output: prose


def test_i330_aspiration_given_100_percent_once_per_phrase():
    phrase = "辖区内享受待遇人员的获得感、幸福感"
    got = found("I330", {f"{S}!D15": phrase, f"{S}!E15": "100%", f"{S}!D17": phrase, f"{S}!E17": "100%"})
    assert [(g[1], g[4]) for g in got] == [(f"{S}!E15", (f"{S}!E17",))]
    assert not found("I330", {f"{S}!D15": "促进城乡协调发展", f"{S}!E15": "显著"})
    assert not found("I330", {f"{S}!D15": "提高政策知晓率", f"{S}!E15": "100%"})


def test_i331_and_i332_dimensions_holding_a_feeling_or_a_change():
    assert [g[0] for g in found("I331", {f"{S}!D18": "群众幸福感", f"{S}!E18": "明显提升"})] == ["I331"]
    assert not found("I331", {f"{S}!D18": "群众幸福感", f"{S}!E18": "≥90%"})
    assert [g[2] for g in found("I332", {f"{S}!D11": "服务质量显著提升", f"{S}!E11": "优"})] == [
        "质量指标「服务质量显著提升」说的是变化，指标值「优」是等级"
    ]
    assert not found("I332", {f"{S}!D11": "合格率显著提升", f"{S}!E11": "≥95%"})  # a rate


def test_i333_typo_against_the_goal():
    goal = {f"{S}!B8": "2023年为辖区内享受待遇人员发放培训补助。"}
    assert [g[2] for g in found("I333", {**goal, f"{S}!D10": "辖区内享受代遇人员数"})] == [
        "三级指标「辖区内享受代遇人员数」与绩效目标中的「辖区内享受待遇人员」只差一两个字，可能是笔误"
    ]
    assert not found("I333", {**goal, f"{S}!D10": "辖区内享受待遇人员数"})
    assert not found("I333", {**goal, f"{S}!D10": "2024年享受待遇人员数"})


def test_g605_g606_g607_goals():
    assert [g[2] for g in found("G605", {f"{S}!B8": "安排培训补助资金10.56万元。"})] == [
        "年度绩效目标「安排培训补助资金10.56万元。」只写了金额，没有写这笔钱要达到的产出或效果"
    ]
    assert not found("G605", {f"{S}!B8": "安排资金10.56万元，培训132人。"})
    note = {f"{S}!B8": "2022年结转资金，用于2023年继续支付。"}
    assert [(g[0], g[1]) for g in found(["G602", "G606"], note)] == [("G606", f"{S}!B8")]
    assert not found("G606", {f"{S}!B8": "做好优抚工作。"})  # vague: G602's
    assert [(g[0], g[1]) for g in found("G607", {f"{F1}!D12": "做好各项优抚工作。"})] == [("G607", f"{F1}!D12")]
    assert not found("G607", {})


def test_g607_a_foreign_form1s_overall_goal():
    """Forms that print a 年度总体绩效目标 (岳阳楼区 2023): the reader puts it in Form1.goal."""

    def goal(text):
        return lambda sub: setattr(sub.form1, "goal", text)

    assert [g[2] for g in found_in_model("G607", goal("做好涉案、价格认定工作"))] == [
        "部门整体目标「做好涉案、价格认定工作」既没有数量，也没有完成时限"
    ]
    assert not found_in_model("G607", goal("2023年完成价格认定 300件"))
