"""建议指标 (xladdin/commands/suggest.py) on forms built in memory and on the example read in memory:
the exact proposals, cells, texts, notes and printed lines.

Expected values: the 测算依据 as written (「2380元/人/月×12个月×112人=320万元」 → 112人, 2380元/人/月,
320万元; 「10名×500元/名」 → 10人, 500元/名; 「5户×2000元/户」 → 5户) and the indicator library
(xladdin/data/indicator_library.toml: the 就业/公益性岗位 kind's names and values).
"""

from __future__ import annotations

import pytest
from helpers import edit

from xladdin.commands.suggest import (
    NOTES_HEADER,
    NOTES_SHEET,
    NOTES_WIDTHS,
    Proposal,
    Suggestions,
    _count_name,
    _dimension,
    basis_facts,
    describe,
    goal_text,
    kind_of,
    library,
    plan_suggest,
    print_proposals,
    propose,
)
from xladdin.edits import NoteSheet, SetCell
from xladdin.layout.skeleton import skeleton_rows
from xladdin.model import Detail, Form3, Indicator
from xladdin.reader import read_grid_model

BASIS = "2380元/人/月×12个月×112人=320万元"
FROM_BASIS = f"测算依据「{BASIS}」"
GOAL = "2023年度内完成退役军人就业援助：享受岗位补助人数112人，岗位补助标准2380元/人/月，资金320万元。"
FILL = "#DDEBF7"
F3 = "附表3-大学生应征入伍奖励"


def kind(key: str):
    return next(k for k in library() if k.key == key)


def skeleton(year: int | None = 2023, standard: str | None = None) -> list[Indicator]:
    return [Indicator(l1, l2, "实施时间" if v else None, v, standard) for l1, l2, v in skeleton_rows(year)]


def form(**kw) -> Form3:
    base = {
        "sheet": "附表3-甲",
        "direction": "退役军人就业援助",
        "project_amount": 320,
        "indicators": skeleton(),
        "details": [Detail("岗位补助", None, 320, BASIS)],
    }
    base.update(kw)
    return Form3(**base)


# --- kind_of, _count_name, _dimension ------------------------------------------------------------


def test_kind_from_the_names_before_the_texts():
    assert kind_of(form()).key == "employment"
    assert kind_of(form(direction="烈士纪念设施整修")).key == "maintenance"
    # the names decide even when the summary names another kind
    assert kind_of(form(direction="烈士墓", details=[Detail("就业援助")])).key == "maintenance"
    assert kind_of(form(direction="甲", parent_name="技能提升")).key == "training"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"details": [Detail("发放奖励金")]}, "reward"),
        ({"annual_goal": "做好慰问工作"}, "condolence"),
        ({"period_goal": "信息系统运维"}, "it"),
        ({}, "general"),
    ],
)
def test_kind_from_the_summary_and_goals(where, expected):
    assert kind_of(form(**{"direction": "某项目", "details": [Detail()], **where})).key == expected


def test_count_names():
    employment, maintenance, general = kind("employment"), kind("maintenance"), kind("general")
    assert _count_name(employment, "人") == "享受岗位补助人数"
    assert _count_name(employment, "名") == "享受岗位补助人数"
    assert _count_name(employment, "人次") == "享受岗位补助人数"
    assert _count_name(employment, "户") == "受益户数"
    assert _count_name(maintenance, "座") == "维护设施数量"  # a kind that counts things
    assert _count_name(general, "座") == "受益座数"


def test_dimension():
    assert _dimension(Indicator("产出指标", "数量指标"), "数量指标")
    assert not _dimension(Indicator("产出指标", "质量指标"), "数量指标")
    assert _dimension(Indicator(None, "可持续影响  指标"), "可持续影响指标")
    assert _dimension(Indicator(None, "可持续发展指标"), "可持续影响指标")
    assert not _dimension(Indicator(None, "可持续发展指标"), "社会效益指标")
    assert _dimension(Indicator("社会公众及服务对象满意度指标", None), "服务对象满意度指标")
    assert _dimension(Indicator("满意度指标", "受益对象满意度"), "服务对象满意度指标")
    assert not _dimension(Indicator("效益指标", "社会效益指标"), "服务对象满意度指标")


def test_basis_facts_skip_what_is_not_a_calculation():
    f = form(details=[Detail(basis=None), Detail(basis=12), Detail(basis="按实际发放"), Detail(basis="10名×500元/名")])
    counts, rates = basis_facts(f)
    assert [(str(c.number), c.unit, e) for c, e in counts] == [("10", "名", "10名×500元/名")]
    assert [(str(r.number), r.unit) for r, _ in rates] == [("500", "元/名")]
    months = basis_facts(form(details=[Detail(basis="12个月×100元/月")]))[0]
    assert months == []  # months are no head count


# --- propose -------------------------------------------------------------------------------------


def test_propose_fills_a_blank_skeleton():
    got = propose(form(), 2023, sheet="附表3-甲")
    assert [(p.index, p.level2, p.cells, p.source, p.writable, p.reason) for p in got] == [
        (0, "数量指标", {"name": "享受岗位补助人数", "value": "112人", "standard": "计划标准"}, FROM_BASIS, True, ""),
        (
            3,
            "成本指标",
            {"name": "岗位补助标准", "value": "≤2380元/人/月", "standard": "计划标准"},
            FROM_BASIS,
            True,
            "",
        ),
        (
            1,
            "质量指标",
            {"name": "补贴发放准确率", "value": "100%", "standard": "计划标准"},
            lib_source("质量指标"),
            True,
            "",
        ),
        (
            5,
            "社会效益指标",
            {"name": "援助对象基本生活保障作用", "value": "显著", "standard": "计划标准"},
            lib_source("社会效益指标"),
            True,
            "",
        ),
        (
            7,
            "可持续影响指标",
            {"name": "维护社会和谐稳定", "value": "≥3年", "standard": "计划标准"},
            lib_source("可持续影响指标"),
            True,
            "",
        ),
        (
            8,
            "服务对象满意度指标",
            {"name": "援助对象满意度", "value": "≥90%", "standard": "计划标准"},
            lib_source("服务对象满意度指标"),
            True,
            "",
        ),
        (-1, "绩效目标", {"period_goal": GOAL, "annual_goal": GOAL}, "测算依据与项目金额", True, ""),
    ]
    assert all(p.sheet == "附表3-甲" and p.refs == {} for p in got)
    assert {p.sheet for p in propose(form(), 2023)} == {""}  # no sheet given: none named


def lib_source(level2: str) -> str:
    entry = next(i for i in kind("employment").indicators if i.level2 == level2)
    return f"指标库（就业/公益性岗位）：{entry.source} {entry.url}"


def test_propose_keeps_a_filled_name_and_standard():
    inds = skeleton(standard="计划标准")
    inds[0].name = "岗位人数"
    got = propose(form(indicators=inds), 2023)
    assert got[0].cells == {"value": "112人"}
    assert got[1].cells == {"name": "岗位补助标准", "value": "≤2380元/人/月"}


def test_propose_chooses_a_standard_over_imports_mark():
    """「本次未提供」 in 绩效标准 is import's mark (the source had no such column), nothing the clerk chose:
    a proposal for the row fills it as a blank one."""
    inds = skeleton(standard="本次未提供")
    inds[0].name = "岗位人数"
    got = propose(form(indicators=inds), 2023)
    assert got[0].cells == {"value": "112人", "standard": "计划标准"}


def test_propose_the_year_when_the_timely_row_is_blank():
    got = propose(form(indicators=skeleton(None), details=[Detail()], project_amount=None), 2024)
    timely = [p for p in got if p.level2 == "时效指标"]
    assert [(p.index, p.cells, p.source) for p in timely] == [
        (2, {"name": "实施时间", "value": "2024年度", "standard": "计划标准"}, "预算年度")
    ]
    assert not [p for p in propose(form(indicators=skeleton(None)), None) if p.level2 == "时效指标"]


def test_propose_without_a_basis_uses_the_project_amount():
    got = propose(form(details=[Detail()], project_amount=12.5), 2023)
    cost = next(p for p in got if p.level2 == "成本指标")
    assert (cost.cells, cost.source) == (
        {"name": "项目总成本", "value": "≤12.5万元", "standard": "计划标准"},
        "项目金额",
    )
    assert not [p for p in got if p.level2 == "数量指标"]
    goal = "2023年度内完成退役军人就业援助：资金12.5万元。"
    assert got[-1].cells == {"period_goal": goal, "annual_goal": goal}


@pytest.mark.parametrize("amount", [0, None, "", -5])
def test_no_cost_without_a_positive_amount(amount):
    got = propose(form(details=[Detail()], project_amount=amount), 2023)
    assert not [p for p in got if p.level2 == "成本指标"]
    assert not [p for p in got if p.index < 0]  # nothing to state in a goal either


def test_propose_a_count_in_ming_as_people():
    got = propose(form(details=[Detail(basis="10名×500元/名")]), 2023)
    assert got[0].cells["value"] == "10人" and got[0].cells["name"] == "享受岗位补助人数"
    assert got[1].cells["value"] == "≤500元/名"
    goal = "2023年度内完成退役军人就业援助：享受岗位补助人数10人，岗位补助标准500元/名，资金320万元。"
    assert got[-1].cells["annual_goal"] == goal


def test_a_row_the_clerk_filled_well_is_left_alone():
    inds = skeleton()
    inds[0].name, inds[0].value = "安置人数", "100人"
    got = propose(form(indicators=inds), 2023)
    assert not [p for p in got if p.level2 == "数量指标"]


def test_a_flagged_row_gets_a_proposal_that_is_not_written():
    inds = skeleton()
    inds[0].name, inds[0].value = "安置人数", "若干"
    got = propose(form(indicators=inds), 2023, flagged={(0, "value")})
    first = got[0]
    assert (first.index, first.cells, first.writable, first.reason) == (
        0,
        {"value": "112人"},
        False,
        "已填写的内容有问题，建议改为",
    )
    got = propose(form(indicators=inds), 2023, flagged={(0, "name")})
    assert got[0].cells == {"name": "享受岗位补助人数", "value": "112人"} and not got[0].writable


def test_a_row_with_a_value_but_no_name_is_not_proposed_unless_flagged():
    inds = skeleton()
    inds[0].value = "100人"
    assert not [p for p in propose(form(indicators=inds), 2023) if p.level2 == "数量指标"]


def test_a_table_without_the_dimension_gets_nothing_for_it():
    inds = [i for i in skeleton() if i.level2 not in ("成本指标", "质量指标")]
    got = propose(form(indicators=inds), 2023)
    assert {p.level2 for p in got} == {"数量指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标", "绩效目标"}


def test_two_blank_rows_of_one_dimension_get_the_first():
    inds = skeleton()
    inds.insert(1, Indicator(None, "数量指标"))
    got = propose(form(indicators=inds), 2023)
    assert got[0].index == 0 and got[0].level2 == "数量指标"
    assert [p.index for p in got if p.level2 == "数量指标"] == [0]


def test_only_blank_goals_are_proposed():
    got = propose(form(period_goal="已写好的目标"), 2023)
    assert got[-1].cells == {"annual_goal": GOAL}
    assert not [p for p in propose(form(period_goal="甲", annual_goal="乙"), 2023) if p.index < 0]


# --- goal_text -----------------------------------------------------------------------------------


def test_goal_text():
    assert goal_text(form(), 2023) == GOAL
    assert (
        goal_text(form(), None)
        == "完成退役军人就业援助：享受岗位补助人数112人，岗位补助标准2380元/人/月，资金320万元。"
    )
    assert goal_text(form(direction="  "), 2023) == ""
    assert goal_text(form(details=[Detail()], project_amount=None), 2023) == ""
    assert goal_text(form(details=[Detail(basis="5户×2000元/户")], project_amount=1), 2023) == (
        "2023年度内完成退役军人就业援助：受益户数5户，岗位补助标准2000元/户，资金1万元。"
    )


# --- Proposal.cell, describe, print_proposals -------------------------------------------------------


def test_proposal_cell():
    refs = {"name": "D10", "value": "E10"}
    assert Proposal("s", 0, "数量指标", {}, "", True, refs=refs).cell == "E10"
    assert Proposal("s", 0, "数量指标", {}, "", True, refs={"name": "D10"}).cell == "D10"
    assert Proposal("s", 0, "数量指标", {}, "", True).cell == ""
    assert Proposal("s", -1, "绩效目标", {}, "", True, refs={"annual_goal": "B8", "period_goal": "B7"}).cell == "B8"
    assert Proposal("s", -1, "绩效目标", {}, "", True).cell == ""


def test_describe():
    p = Proposal("附表3-甲", 0, "数量指标", {"name": "人数", "value": "112人"}, "依据甲", True, refs={"value": "E10"})
    assert describe(p) == "附表3-甲!E10  数量指标 三级指标「人数」、指标值「112人」  [可写入]  依据：依据甲"
    q = Proposal("附表3-甲", -1, "绩效目标", {"period_goal": "甲", "annual_goal": "乙"}, "源", False, "原因")
    assert describe(q) == (
        "附表3-甲!  绩效目标 原因：实施期绩效目标「甲」、年度绩效目标「乙」"
        "  [未写入：已有填写内容，请自行决定]  依据：源"
    )
    r = Proposal("s", 1, "质量指标", {"standard": "计划标准"}, "x", True)
    assert describe(r) == "s!  质量指标 绩效标准「计划标准」  [可写入]  依据：x"


def test_print_proposals(capsys):
    print_proposals(Suggestions())
    assert capsys.readouterr().out == (
        "没有需要建议的指标：各附表3 的指标均已填写且未发现问题。\n共 0 项建议，其中 0 项可写入空白单元格。\n"
    )
    p = Proposal("s", 0, "数量指标", {"value": "1人"}, "x", True, refs={"value": "E10"})
    q = Proposal("s", 1, "质量指标", {"value": "100%"}, "y", False, refs={"value": "E11"})
    print_proposals(Suggestions([p, q], notes=["s：注意"]))
    assert capsys.readouterr().out == (
        "  s!E10  数量指标 指标值「1人」  [可写入]  依据：x\n"
        "  s!E11  质量指标 指标值「100%」  [未写入：已有填写内容，请自行决定]  依据：y\n"
        "  注：s：注意\n"
        "共 2 项建议，其中 1 项可写入空白单元格。\n"
    )


# --- plan_suggest on the example ---------------------------------------------------------------------


def test_plan_suggest_on_the_example(example_grid):
    result = plan_suggest(read_grid_model(example_grid))
    no_count = ["附表3-烈士纪念设施整修", "附表3-困难帮扶-退役专项", "附表3-优抚安置专项"]
    no_count += ["附表3-经开区-优军优抚专项", "附表3-经开区-对越参战人员社会公益性岗位补助"]
    assert result.notes == [f"{s}：测算依据未写明人数等数量，数量指标请按实际填写" for s in no_count]
    *edits, notes = result.plan.edits
    # 16人 into the blank 数量指标 value E10, the 成本指标 row 13 (D, E, F) from 16人×10000元/人
    assert [e for e in edits if e.sheet == F3] == [
        SetCell(F3, 10, 5, "16人", fill=FILL),
        SetCell(F3, 13, 4, "奖励标准", fill=FILL),
        SetCell(F3, 13, 5, "≤10000元/人", fill=FILL),
        SetCell(F3, 13, 6, "计划标准", fill=FILL),
    ]
    first = "附表3-烈士纪念设施整修"
    assert [e for e in edits if e.sheet == first] == [
        SetCell(first, 13, 4, "项目总成本", fill=FILL),
        SetCell(first, 13, 5, "≤2万元", fill=FILL),
        SetCell(first, 13, 6, "计划标准", fill=FILL),
    ]
    assert isinstance(notes, NoteSheet) and (notes.name, notes.widths) == (NOTES_SHEET, NOTES_WIDTHS)
    assert notes.rows[0] == ("建议指标（浅蓝色底纹为建议值，请核对后确认或修改）；本表不参加校验，导出报送时不包含",)
    assert notes.rows[1] == NOTES_HEADER
    assert notes.rows[2] == (first, "E13", "成本指标", "项目总成本", "≤2万元", "项目金额", "已写入")
    assert len(notes.rows) == 2 + len(result.proposals)
    ten = next(p for p in result.proposals if p.sheet == "附表3-城镇军队退役人员就业援助资金" and p.index == 0)
    assert (ten.cell, ten.cells, ten.writable) == ("E10", {"value": "112人"}, False)  # 「…人数」 flagged
    row = next(r for r in notes.rows[2:] if r[0] == ten.sheet and r[1] == "E10")
    assert row == (
        ten.sheet,
        "E10",
        "数量指标",
        "",
        "112人",
        "测算依据「2380元/人/月*12个月*112人=320万元」",
        "未写入（已有填写内容）",
    )
    assert len(result.writable) == 8
    # I304 on 附表3-优抚安置专项 names E15 and, among its other cells, E17, E18 and D17: proposed, not written
    care = [(p.cell, p.level2, p.cells, p.writable) for p in result.proposals if p.sheet == "附表3-优抚安置专项"]
    assert care == [
        ("E13", "成本指标", {"name": "项目总成本", "value": "≤345万元", "standard": "计划标准"}, True),
        ("E15", "社会效益指标", {"value": "显著"}, False),
        ("E17", "可持续影响指标", {"name": "优抚政策长效落实", "value": "≥3年"}, False),
        ("E18", "服务对象满意度指标", {"value": "≥90%"}, False),
    ]


def test_plan_suggest_without_notes(example_grid):
    result = plan_suggest(read_grid_model(example_grid), write_notes=False)
    assert not [e for e in result.plan.edits if isinstance(e, NoteSheet)]
    assert len(result.plan.edits) == 7 * 3 + 1


def test_a_blank_goal_takes_form2s_text_unless_the_fund_has_several_sheets(grid_copy):
    sheet = "附表3-城镇军队退役人员就业援助资金"
    edit(grid_copy, sheet, "B7", None)
    edit(grid_copy, sheet, "B8", None)
    result = plan_suggest(read_grid_model(grid_copy))
    [goals] = [p for p in result.proposals if p.sheet == sheet and p.index < 0]
    assert goals.cells == {
        "period_goal": "做好2023年度内城镇军队退役人员的就业援助工作。",
        "annual_goal": "合理使用城镇军队退役人员就业援助岗位资金，做好城镇军队退役人员的就业援助工作。",
    }
    assert goals.source == "附表2 中该专项的目标" and goals.refs == {"period_goal": "B7", "annual_goal": "B8"}
    assert SetCell(sheet, 7, 2, goals.cells["period_goal"], fill=FILL) in result.plan.edits
    row = next(r for r in result.plan.edits[-1].rows[2:] if r[0] == sheet and r[1] == "B7")
    assert row[2:5] == ("绩效目标", "", goals.cells["period_goal"] + "；" + goals.cells["annual_goal"])
    # a second 附表3 of the same 专项: 附表2's goals are the 专项's, not this sheet's
    edit(grid_copy, "附表3-大学生应征入伍奖励", "E4", "城镇军队退役人员就业援助资金")
    result = plan_suggest(read_grid_model(grid_copy))
    [goals] = [p for p in result.proposals if p.sheet == sheet and p.index < 0]
    assert goals.source == "测算依据与项目金额"
    assert goals.cells["annual_goal"].startswith("2023年度内完成城镇军队退役人员就业援助资金：享受岗位补助人数112人")


def test_a_row_is_proposed_for_one_dimension_only():
    # a row that reads as both 质量指标 and 满意度: taken by the first proposal
    inds = [Indicator("满意度指标", "质量指标")]
    got = propose(form(indicators=inds, details=[Detail()], project_amount=None), None)
    assert [(p.index, p.level2) for p in got] == [(0, "质量指标")]


def test_form2_goal_text_is_trimmed(grid_copy):
    sheet = "附表3-城镇军队退役人员就业援助资金"
    edit(grid_copy, sheet, "B7", None)
    edit(grid_copy, "附表2", "D7", "  做好就业援助。 ")
    result = plan_suggest(read_grid_model(grid_copy))
    [goals] = [p for p in result.proposals if p.sheet == sheet and p.index < 0]
    assert goals.cells == {"period_goal": "做好就业援助。"}


def test_nothing_writable_adds_no_notes_sheet(grid_copy):
    first = plan_suggest(read_grid_model(grid_copy))
    for e in first.plan.edits:
        if isinstance(e, SetCell):
            grid_copy.sheet(e.sheet).set(e.row, e.col, e.value)
    again = plan_suggest(read_grid_model(grid_copy))
    assert again.writable == [] and again.plan.edits == []
    assert len(again.proposals) == len(first.proposals) - len(first.writable)


def test_plan_suggest_without_form2(example_grid):
    reading = read_grid_model(example_grid)
    reading.submission.form2 = None
    result = plan_suggest(reading)
    assert len(result.writable) == 8


def test_at():
    from xladdin.commands.suggest import _at

    assert _at("E10") == (10, 5) and _at("AB12") == (12, 28)


def test_a_cost_and_a_goal_from_an_amount_under_one():
    got = propose(form(details=[Detail()], project_amount=0.5), 2023)
    assert next(p for p in got if p.level2 == "成本指标").cells["value"] == "≤0.5万元"
    assert (
        goal_text(form(details=[Detail()], project_amount=0.5), 2023) == "2023年度内完成退役军人就业援助：资金0.5万元。"
    )


def test_flagged_cells_of_a_sheet_whose_name_has_an_exclamation_mark(monkeypatch):
    from types import SimpleNamespace

    from xladdin import validate
    from xladdin.commands.suggest import _flagged
    from xladdin.model import Placement, Submission

    sheet = "附表3-甲!乙"
    f3 = Form3(sheet=sheet, indicators=[Indicator(), Indicator()])
    f3.place = Placement(rows={"indicators": [10, 11]}, columns={"indicators": {"name": "D", "value": "E"}})
    other = Form3(sheet="附表3-丙", indicators=[Indicator()])
    other.place = Placement(rows={"indicators": [10]}, columns={"indicators": {"name": "D", "value": "E"}})
    findings = [
        SimpleNamespace(sheet=sheet, cell="E10", cells=(f"{sheet}!D11", "附表3-丙!E10"), waived=None),
        SimpleNamespace(sheet="附表1", cell="", cells=(), waived=None),
    ]
    monkeypatch.setattr(validate, "check", lambda reading: SimpleNamespace(findings=findings))
    reading = SimpleNamespace(submission=Submission(form3s=[f3, other]))
    assert _flagged(reading) == {sheet: {(0, "value"), (1, "name")}, "附表3-丙": {(0, "value")}}


def test_a_blank_goal_on_both_forms_is_written_from_the_basis(grid_copy):
    sheet = "附表3-城镇军队退役人员就业援助资金"
    edit(grid_copy, sheet, "B7", None)
    edit(grid_copy, "附表2", "D7", None)
    result = plan_suggest(read_grid_model(grid_copy))
    [goals] = [p for p in result.proposals if p.sheet == sheet and p.index < 0]
    assert goals.source == "测算依据与项目金额"
    assert goals.cells == {
        "period_goal": "2023年度内完成城镇军队退役人员就业援助资金："
        "享受岗位补助人数112人，岗位补助标准2380元/人/月，资金320万元。"
    }


# --- a dimension that already has a good indicator ------------------------------------------------


def test_a_blank_row_of_a_dimension_with_a_good_indicator_gets_nothing():
    # 数量指标 filled well in one row, a second 数量指标 row left blank: the dimension is covered
    for at in (1, 0):  # the blank row after the good one, then before it
        inds = skeleton()
        inds[0].name, inds[0].value = "安置人数", "100人"
        inds.insert(at, Indicator("产出指标", "数量指标"))
        assert not [p for p in propose(form(indicators=inds), 2023) if p.level2 == "数量指标"], at
    inds = skeleton()
    inds[0].name, inds[0].value = "安置人数", "若干"
    inds.insert(1, Indicator("产出指标", "数量指标"))  # the filled row is defective: the blank row is filled
    got = [p for p in propose(form(indicators=inds), 2023, flagged={(0, "value")}) if p.level2 == "数量指标"]
    assert [(p.index, p.writable) for p in got] == [(1, True)]


def test_an_indicator_whose_finding_was_waived_is_good(tmp_path):
    """The example's 就业援助 sheet with a second, blank 数量指标 row: I305 (112 without a unit) on the
    filled row makes it defective and the blank row gets the count; once a reviewer has confirmed that
    finding on the 已确认 sheet the filled row is accepted, and the blank row gets nothing."""
    from xladdin.build.template import build_workbook
    from xladdin.examples.shifeng2023 import submission
    from xladdin.io.grid import SheetGrid
    from xladdin.io.xlsx import read_grid
    from xladdin.waivers import HEADER, SHEET

    sub = submission()
    sub.form3s[1].indicators.insert(1, Indicator("产出指标", "数量指标"))
    grid = read_grid(build_workbook(sub, tmp_path / "两行数量.xlsx"))
    sheet = "附表3-城镇军队退役人员就业援助资金"

    def counts():
        result = plan_suggest(read_grid_model(grid))
        return [(p.cell, p.writable) for p in result.proposals if p.sheet == sheet and p.level2 == "数量指标"]

    assert counts() == [("E11", True)]
    grid.sheets.append(SheetGrid(SHEET, [list(HEADER), ["I305", sheet, "E10", "人数以人计，单位见三级指标"]]))
    assert counts() == []
