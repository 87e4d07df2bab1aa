"""测算依据 rules (B401, B402), structure rules (S001–S004) and stale waivers (S010) on the clean
base (each 附表3 has one 支出明细 in row 20: 10.56 万元 「132人×800元/人=105600元」 on the first,
5.02 万元 「251人×200元/人=50200元」 on the second): exact messages, fixes and cells, computed by
hand from the rules' templates."""

from __future__ import annotations

from rulekit import S1, S2, findings, said

from xladdin.io.grid import SheetGrid

B401_FIX = "更正金额或测算过程，使两者一致"


def _without(sheet: str, section: str):
    def tweak(reading):
        for form in reading.submission.forms():
            if form.sheet == sheet or sheet == "*":
                form.place.found.discard(section)

    return tweak


# --- B401 ------------------------------------------------------------------------------------


def test_b401_product_message():
    out = findings(["B401"], set={f"{S1}!E20": "依据区政府文件，132人×900元/人=118800元"})
    assert said(out) == [
        ("B401", S1, "E20", "测算依据 132人×900元/人=118800元 得 11.88 万元，而金额为 10.56 万元", B401_FIX)
    ]


def test_b401_product_with_a_wrong_stated_result():
    out = findings(["B401"], set={f"{S1}!E20": "132人×900元/人=100000元"})
    assert [f.message for f in out] == [
        "测算依据 132人×900元/人=100000元 得 11.88 万元（文中写明 10 万元），而金额为 10.56 万元"
    ]


def test_b401_parts_message():
    out = findings(["B401"], set={f"{S1}!E20": "培训费6万元，教材费4万元"})
    assert [f.message for f in out] == ["测算依据 6 + 4 = 10 万元，而金额为 10.56 万元"]


def test_b401_tolerance_and_approximation_settings():
    assert findings(["B401"], set={f"{S1}!E20": "132人×800元/人", f"{S1}!D20": 10.565, f"{S1}!B5": 10.565}) == []
    edits = {f"{S1}!E20": "约131人×800元/人"}  # 10.48: 0.76 % below 10.56
    assert findings(["B401"], set=edits) == []
    assert len(findings(["B401"], set=edits, settings={"amounts.approx_relative": 0.007})) == 1
    assert findings(["B401"], set={f"{S1}!E20": "131人×800元/人"}, settings={"amounts.tolerance": 0.08}) == []


def test_b401_skips_rows_it_cannot_judge_and_goes_on():
    wrong = {f"{S2}!E20": "251人×300元/人"}  # 7.53 万元, not 5.02
    expected = [(S2, "E20", "测算依据 251人×300元/人 得 7.53 万元，而金额为 5.02 万元")]
    for s1 in (
        {f"{S1}!E20": ""},  # no basis
        {f"{S1}!E20": 12},  # a number, not a text
        {f"{S1}!E20": "依据区政府文件"},  # no sum of money
        {f"{S1}!D20": "", f"{S1}!E20": "132人×900元/人"},  # no amount
    ):
        out = findings(["B401"], set={**s1, **wrong, f"{S1}!B5": ""})
        assert [(f.sheet, f.cell, f.message) for f in out] == expected, s1
    out = findings(["B401"], tweak=_without(S1, "details"), set={**wrong, f"{S1}!E20": "132人×900元/人"})
    assert [(f.sheet, f.cell) for f in out] == [(S2, "E20")]


# --- B402 ------------------------------------------------------------------------------------


def test_b402_message_and_what_needs_no_basis():
    out = findings(["B402"], set={f"{S1}!E20": " ", f"{S2}!E20": "", f"{S2}!D20": 1})
    assert said(out) == [
        ("B402", S1, "E20", "金额 10.56 万元没有测算依据", "写明政策依据和测算过程"),
        ("B402", S2, "E20", "金额 1 万元没有测算依据", "写明政策依据和测算过程"),
    ]
    assert findings(["B402"], set={f"{S1}!E20": "", f"{S1}!D20": "", f"{S2}!E20": "", f"{S2}!D20": 0}) == []
    assert findings(["B402"], set={f"{S1}!E20": "", f"{S1}!D20": "十万"}) == []


# --- S001 ------------------------------------------------------------------------------------


def test_s001_messages():
    assert said(findings(["S001"], drop=["附表1"])) == [
        ("S001", "附表2", "A1", "工作簿中没有附表1（部门整体支出绩效目标表）", "从模板复制附表1")
    ]
    assert said(findings(["S001"], drop=["附表2"])) == [
        ("S001", "附表1", "A1", "工作簿中没有附表2（专项资金绩效目标汇总表）", "从模板复制附表2")
    ]
    assert said(findings(["S001"], drop=[S1, S2])) == [
        ("S001", "附表2", "A1", "工作簿中没有任何附表3", "为每个专项新增附表3")
    ]
    assert said(findings(["S001"], drop=["附表2", S1, S2])) == [
        ("S001", "附表1", "A1", "工作簿中没有附表2（专项资金绩效目标汇总表）", "从模板复制附表2")
    ]


def test_s001_no_form3_needed_without_funds_and_nothing_for_printed_forms():
    assert findings(["S001"], drop=[S1, S2], set={"附表2!B6": "", "附表2!B7": ""}) == []
    assert [f.cell for f in findings(["S001"], drop=[S1, S2], set={"附表2!B6": ""})] == ["A1"]
    assert findings(["S001"], drop=["附表1"], tweak=_without("*", "template")) == []
    # one form in our template is enough to expect the whole set
    assert [f.cell for f in findings(["S001"], drop=["附表1"], tweak=_without(S1, "template"))] == ["A1"]


# --- S002 / S003 / S004 ----------------------------------------------------------------------


def test_s002_messages():
    out = findings(["S002"], set={f"{S1}!A19": "", f"{S2}!A2": ""})
    assert said(out) == [
        ("S002", S1, "A1", "找不到「支出明细」所在的行（A 列标签）", "按模板恢复该行及其标签"),
        ("S002", S2, "A1", "找不到标题所在的行（A 列标签）", "按模板恢复该行及其标签"),
    ]


def test_s003_message():
    out = findings(["S003"], formula={f"{S1}!D21": "=SUMPRODUCT(D20:D20)"})
    assert said(out) == [
        (
            "S003",
            S1,
            "D21",
            "公式 =SUMPRODUCT(D20:D20) 没有保存计算结果，无法核对",
            "在 Excel 中打开并保存后再校验",
        )
    ]


def test_s004_message():
    def notes(grid):
        grid.sheets.append(SheetGrid("Sheet1", rows=[["备注：内部说明"]]))

    assert said(findings(["S004"], then=notes)) == [
        ("S004", "Sheet1", "A1", "工作表「Sheet1」不是附表1/附表2/附表3", "报送前删除，或恢复 A1 的附表标记")
    ]


# --- S010 ------------------------------------------------------------------------------------


def test_s010_messages():
    waive = [
        ["I999", S1, "E18", "笔误"],
        ["S010", S1, "E18", "确认自己"],
        ["A106", "附表2", "C5", "合计含往年结转"],  # still reported: a valid confirmation
        ["A106", "附表2", "C6", "合计含往年结转"],  # A106 reports C5 only
        ["I311", S1, "E18", ""],
    ]
    out = findings(["S010"], set={"附表2!C5": 16.58}, waive=waive)
    assert said(out) == [
        ("S010", "已确认", "A2", "已确认的规则代码「I999」不存在", "删除这一行，或更正规则代码"),
        ("S010", "已确认", "A3", "已确认的规则代码「S010」不存在", "删除这一行，或更正规则代码"),
        (
            "S010",
            "已确认",
            "A5",
            "已确认的 A106「附表2!C6」已不再出现（理由：合计含往年结转）",
            "该问题已不存在：删除「已确认」中的这一行",
        ),
        (
            "S010",
            "已确认",
            "A6",
            f"已确认的 I311「{S1}!E18」已不再出现（理由：（未写理由））",
            "该问题已不存在：删除「已确认」中的这一行",
        ),
    ]


def test_s010_the_waived_rule_sees_its_own_settings():
    waive = [["A106", "附表2", "C5", "差 0.5 万元"]]
    assert [f.cell for f in findings(["S010"], set={"附表2!C5": 16.08}, waive=waive)] == []
    # with a tolerance of 1 万元 A106 no longer reports C5: the confirmation is stale
    out = findings(["S010"], set={"附表2!C5": 16.08}, waive=waive, settings={"amounts.tolerance": 1})
    assert [f.cell for f in out] == ["A2"]
