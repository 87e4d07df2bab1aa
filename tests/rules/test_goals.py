"""The goal and duty rules (G6xx) word for word: each case edits the clean base and names every
finding, with its cell, message, fix and the cells folded into it (root: one fund, one finding)."""

from __future__ import annotations

import pytest
from rulekit import F1, S, T, found, found_in_model

F2 = "附表2"
ANNUAL = ("年度绩效目标未填写", "填写年度绩效目标（做多少、做到什么程度、何时完成）")
PERIOD = ("实施期绩效目标未填写", "填写实施期绩效目标（做多少、做到什么程度、何时完成）")


# ---------------------------------------------------------------- G601 a blank goal
def test_g601_blank_annual_goal_of_a_form3():
    assert found("G601", {f"{S}!B8": ""}) == [("G601", f"{S}!B8", *ANNUAL, ())]


def test_g601_blank_period_goal_on_form2():
    assert found("G601", {f"{F2}!D7": ""}) == [("G601", f"{F2}!D7", *PERIOD, ())]


def test_g601_one_fund_blank_on_both_forms_is_one_finding():
    assert found("G601", {f"{F2}!E6": "", f"{S}!B8": "", f"{T}!B7": ""}) == [
        ("G601", f"{F2}!E6", "年度绩效目标未填写（另见 附表3-培训保障专项001!B8）", ANNUAL[1], (f"{S}!B8",)),
        ("G601", f"{T}!B7", *PERIOD, ()),
    ]


def test_g601_form3_without_its_parent_name_goes_by_its_direction():
    edits = {f"{S}!E4": "", f"{F2}!E6": "", f"{S}!B8": ""}
    assert found("G601", edits) == [
        ("G601", f"{F2}!E6", "年度绩效目标未填写（另见 附表3-培训保障专项001!B8）", ANNUAL[1], (f"{S}!B8",)),
    ]


def test_g601_period_and_annual_goals_of_one_fund_are_two_findings():
    assert found("G601", {f"{S}!B7": "", f"{S}!B8": ""}) == [
        ("G601", f"{S}!B7", *PERIOD, ()),
        ("G601", f"{S}!B8", *ANNUAL, ()),
    ]


def test_g601_the_total_row_of_form2_is_no_fund():
    assert found("G601", {f"{F2}!D5": "", f"{F2}!E5": ""}) == []


# ---------------------------------------------------------------- G602 a vague annual goal
VAGUE = "做好烈士墓的日常维护。"
VAGUE_FIX = "写明做多少（人数、处数、比例）和何时完成"


def test_g602_vague_goal():
    assert found("G602", {f"{S}!B8": VAGUE}) == [
        ("G602", f"{S}!B8", f"年度绩效目标「{VAGUE}」既没有数量，也没有完成时限", VAGUE_FIX, ()),
    ]


def test_g602_the_same_goal_on_form2_and_form3_is_one_finding():
    assert found("G602", {f"{F2}!E6": VAGUE, f"{S}!B8": f" {VAGUE}"}) == [
        (
            "G602",
            f"{F2}!E6",
            f"年度绩效目标「{VAGUE}」既没有数量，也没有完成时限（另见 附表3-培训保障专项001!B8）",
            VAGUE_FIX,
            (f"{S}!B8",),
        ),
    ]


def test_g602_two_different_vague_goals_are_two_findings():
    assert found("G602", {f"{S}!B8": VAGUE, f"{T}!B8": "做好就业维护。"}) == [
        ("G602", f"{S}!B8", f"年度绩效目标「{VAGUE}」既没有数量，也没有完成时限", VAGUE_FIX, ()),
        ("G602", f"{T}!B8", "年度绩效目标「做好就业维护。」既没有数量，也没有完成时限", VAGUE_FIX, ()),
    ]


def test_g602_an_enumerator_is_no_quantity():
    assert found("G602", {f"{S}!B8": "目标1：做好维护"}) == [
        ("G602", f"{S}!B8", "年度绩效目标「目标1：做好维护」既没有数量，也没有完成时限", VAGUE_FIX, ()),
    ]


@pytest.mark.parametrize(
    "edits",
    [
        {f"{S}!B7": VAGUE},  # a period goal may be general
        {f"{S}!B8": "维护烈士墓十六座"},
        {f"{S}!B8": "年底前做好维护"},
        {f"{S}!B8": "目标1："},  # nothing but the enumerator: nothing vague is said
        {f"{S}!B8": ""},
    ],
)
def test_g602_period_goals_quantities_deadlines_and_blanks_pass(edits):
    assert found("G602", edits) == []


# ---------------------------------------------------------------- G603 duties
def test_g603_blank_duties():
    assert found("G603", {f"{F1}!B10": ""}) == [
        ("G603", f"{F1}!B10", "部门职责概述未填写", "按三定方案概述部门的主要职责", ()),
    ]


def test_g603_without_form1():
    assert found("G603", {}, drop=[F1]) == []


# ---------------------------------------------------------------- G604 work plan
def test_g604_empty_plan_of_the_seed():
    edits = {f"{F1}!B12": "", f"{F1}!C12": "", f"{F1}!D12": ""}
    assert found("G604", edits, base="example") == [
        ("G604", f"{F1}!B12", "年度重点工作计划未填写任何事项", "列出重点工作的事项、责任单位和工作目标", ()),
    ]


@pytest.mark.parametrize("kept", ["B12", "D12"])
def test_g604_an_item_or_a_goal_is_a_plan(kept):
    edits = {f"{F1}!{c}": "" for c in ("B12", "C12", "D12") if c != kept}
    assert found("G604", edits, base="example") == []


def test_g604_clean_base_plan_emptied():
    # clean base row 12: 专项工作 | 业务股 | 2023年12月底前完成各专项工作。
    edits = {f"{F1}!B12": "", f"{F1}!C12": "", f"{F1}!D12": ""}
    assert found("G604", edits) == [
        ("G604", f"{F1}!B12", "年度重点工作计划未填写任何事项", "列出重点工作的事项、责任单位和工作目标", ()),
    ]
    assert found("G604", {}) == []


def test_g601_a_fund_row_without_a_name_is_skipped_not_the_rows_after_it():
    assert found("G601", {f"{F2}!B6": "", f"{F2}!E6": "", f"{F2}!E7": ""}) == [
        ("G601", f"{F2}!E7", *ANNUAL, ()),
    ]


def test_g603_g604_quiet_on_the_clean_base_and_without_form1():
    assert found(["G603", "G604"], {}) == []
    assert found(["G603", "G604"], {}, drop=[F1]) == []


def test_g601_without_form2_reads_the_form3s():
    assert found("G601", {f"{S}!B8": ""}, drop=[F2]) == [("G601", f"{S}!B8", *ANNUAL, ())]


def test_g603_g604_on_a_submission_without_sheets():
    def change(sub):
        sub.form1.duties = None
        sub.form1.work_plan = []

    # no cell to mark a blank 职责概述 on; an empty plan is still worth a finding, at A1
    assert found_in_model(["G603", "G604"], change) == [
        ("G604", "!A1", "年度重点工作计划未填写任何事项", "列出重点工作的事项、责任单位和工作目标", ()),
    ]


def test_g601_g602_need_a_cell():
    def change(sub):
        sub.form3s[0].annual_goal = None
        sub.form3s[1].annual_goal = VAGUE

    assert found_in_model(["G601", "G602"], change) == []


def test_g601_a_form3_goes_by_its_parent_fund_not_its_direction():
    # 支出方向 renamed: the 附表3 still belongs to 所属专项 培训保障专项001 (E4)
    edits = {f"{S}!B4": "培训子项A", f"{F2}!E6": "", f"{S}!B8": ""}
    assert found("G601", edits) == [
        ("G601", f"{F2}!E6", "年度绩效目标未填写（另见 附表3-培训保障专项001!B8）", ANNUAL[1], (f"{S}!B8",)),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "古昌镇大青冈村乡村振兴绿化美化项目",
        "石门街道社区建设",
        "某某县某某区",
        "大村",  # one character before the ending: no place
        "长江新区二期",
        "a1石门街道（一期）、新村镇",
        "幸福社区村级活动场所",
        "",
    ],
)
def test_place_names_are_what_the_pattern_finds(name):
    """G620 reads the place names of a project's name by comparing characters; what it finds is what
    ``[\\u4e00-\\u9fff]{2,4}?(?:街道|社区|村|镇|乡|县|区)`` finds (the pattern costs a start-up 2 ms)."""
    import re

    from xladdin.rules.goals import _place_names

    pattern = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:街道|社区|村|镇|乡|县|区)")
    assert _place_names(name) == [m.group(0) for m in pattern.finditer(name)]
