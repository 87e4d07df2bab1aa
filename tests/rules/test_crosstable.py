"""Cross-table rules (X201–X206) on the clean base (附表2 lists 培训保障专项001 10.56 in row 6 and
维护就业专项002 5.02 in row 7; each has one 附表3 whose 所属专项 is itself): the exact message, fix
and cell a clerk reads. Expected texts are the rules' templates filled by hand."""

from __future__ import annotations

import pytest
from rulekit import S1, S2, copy_sheet, findings, said

from xladdin.rules import CATALOGUE
from xladdin.rules.crosstable import differences

ONE_FUND = {f"{S2}!E4": "培训保障专项001"}  # both 附表3 are 子项 of the first fund


def _without(sheet: str, section: str):
    def tweak(reading):
        (form,) = [f for f in reading.submission.forms() if f.sheet == sheet]
        form.place.found.discard(section)

    return tweak


def test_rules_about_form2_stay_silent_without_it():
    edits = {f"{S1}!E5": 11, f"{S1}!B7": "别的目标", f"{S2}!E4": "其他专项"}
    assert findings(["X201", "X202", "X203", "X204", "X205"], drop=["附表2"], set=edits) == []
    no_rows = _without("附表2", "funds")
    assert findings(["X201", "X202", "X203", "X204", "X205"], tweak=no_rows, set={**edits, "附表2!B7": "新专项"}) == []


# --- X201 ------------------------------------------------------------------------------------


def test_x201_message():
    assert said(findings(["X201"], set={"附表2!B7": "新专项"})) == [
        ("X201", "附表2", "B7", "附表2 的专项「新专项」没有对应的附表3", "新增该专项的附表3，或使两表名称一致")
    ]


def test_x201_a_fund_row_without_a_name_is_not_a_fund():
    assert findings(["X201", "X203", "X205"], set={"附表2!B6": "", "附表2!B7": ""}) == []


# --- X202 ------------------------------------------------------------------------------------

X202_FIX = "运行「同步汇总」把它加入附表2，或更正名称"


def test_x202_messages():
    out = findings(["X202"], set={f"{S1}!E4": "", f"{S1}!B4": "", f"{S2}!E4": "其他专项"})
    assert said(out) == [
        ("X202", S1, "E4", "附表3 未填写所属专项名称", "填写所属专项名称"),
        ("X202", S2, "E4", "所属专项「其他专项」不在附表2 中", X202_FIX),
    ]


def test_x202_falls_back_to_the_direction():
    assert findings(["X202"], set={f"{S2}!E4": ""}) == []  # 支出方向 维护就业专项002 is listed
    out = findings(["X202"], set={f"{S2}!E4": "", f"{S2}!B4": "维护就业"})
    assert said(out) == [("X202", S2, "E4", "所属专项「维护就业」不在附表2 中", X202_FIX)]


def test_x202_points_at_the_direction_when_the_form_prints_no_parent():
    def no_parent_cell(reading):
        del reading.submission.form3s[1].place.fields["parent_name"]

    out = findings(["X202"], tweak=no_parent_cell, set={f"{S2}!E4": "其他专项"})
    assert [(f.sheet, f.cell, f.message) for f in out] == [(S2, "B4", "所属专项「其他专项」不在附表2 中")]


def test_x202_skips_a_sheet_without_its_direction_only():
    out = findings(["X202"], tweak=_without(S1, "direction"), set={f"{S1}!E4": "甲", f"{S2}!E4": "乙"})
    assert [(f.sheet, f.cell) for f in out] == [(S2, "E4")]


# --- X203 ------------------------------------------------------------------------------------

X203_FIX = "两表金额应一致（同步汇总以附表3 为准）"


def test_x203_message_and_tolerance():
    assert said(findings(["X203"], set={f"{S2}!E5": 5})) == [
        ("X203", "附表2", "C7", f"「维护就业专项002」在附表2 的金额 5.02 ≠ 附表3「{S2}」的所属专项金额 5", X203_FIX)
    ]
    assert findings(["X203"], set={f"{S2}!E5": 5.015}) == []
    assert len(findings(["X203"], set={f"{S2}!E5": 5.0149})) == 1
    out = findings(["X203"], set={"附表2!C6": "", f"{S1}!E5": 10.56})
    assert out[0].message == f"「培训保障专项001」在附表2 的金额 空 ≠ 附表3「{S1}」的所属专项金额 10.56"


def test_x203_compares_the_first_subitem_only():
    # the second 子项 states another 所属专项金额: A109's finding, not X203's
    assert findings(["X203"], set={**ONE_FUND, f"{S1}!E5": 10.56, f"{S2}!E5": 99}) == []
    out = findings(["X203"], set={**ONE_FUND, f"{S1}!E5": 15.58, f"{S2}!E5": 10.56})
    assert [(f.cell, f.message) for f in out] == [
        ("C6", f"「培训保障专项001」在附表2 的金额 10.56 ≠ 附表3「{S1}」的所属专项金额 15.58")
    ]


@pytest.mark.parametrize(
    ("edits", "lead", "note"),
    [
        ({f"{S1}!E5": "10.56万元"}, (S1, "E5"), "附表2!C6"),
        ({"附表2!C6": "十万", "附表2!C5": 15.58}, ("附表2", "C6"), "C6"),
    ],
)
def test_x203_text_amount_is_folded_into_a101(edits, lead, note):
    (f,) = findings(["A101", "X203"], set=edits)
    assert (f.rule, f.sheet, f.cell) == ("A101", *lead)
    assert f.message.endswith(f"（另见 X203 {CATALOGUE['X203'].title}：{note}）")


# --- X204 ------------------------------------------------------------------------------------

X204_FIX = "两表文字应一致（同步汇总以附表3 为准）"


def test_x204_reworded_goals():
    out = findings(
        ["X204"],
        set={f"{S1}!B7": "做好2023年度培训保障专项001的全部补助工作。", f"{S2}!B8": "做好维护就业专项002的维护工作"},
    )
    assert said(out) == [
        (
            "X204",
            "附表2",
            "D6",
            f"「培训保障专项001」的实施期绩效目标在附表2（D6）与附表3（{S1}!B7）措辞有差异：附表3 多「全部」",
            X204_FIX,
        ),
        (
            "X204",
            "附表2",
            "E7",
            f"「维护就业专项002」的年度绩效目标在附表2（E7）与附表3（{S2}!B8）措辞有差异："
            "附表2 多「2023年度」；附表2 多「。」",
            X204_FIX,
        ),
    ]
    assert [f.cells for f in out] == [(f"{S1}!B7",), (f"{S2}!B8",)]


def test_x204_similarity_threshold_is_inclusive():
    # 「甲乙」 and 「甲丙」 share one of two characters: similarity exactly 0.5 (the default)
    out = findings(["X204"], set={"附表2!D6": "甲乙", f"{S1}!B7": "甲丙"})
    assert [f.message for f in out] == [
        f"「培训保障专项001」的实施期绩效目标在附表2（D6）与附表3（{S1}!B7）措辞有差异：附表2「乙」↔ 附表3「丙」"
    ]
    out = findings(["X204"], set={"附表2!D6": "甲乙丙", f"{S1}!B7": "甲丁戊"})
    assert [f.message for f in out] == [
        f"「培训保障专项001」的实施期绩效目标在附表2（D6）与附表3（{S1}!B7）内容不同：附表2「甲乙丙」，附表3「甲丁戊」"
    ]
    out = findings(
        ["X204"], settings={"indicators.drift_similarity": 0.6}, set={"附表2!D6": "甲乙", f"{S1}!B7": "甲丙"}
    )
    assert "内容不同" in out[0].message


def test_x204_silent_for_blank_or_space_only_differences_and_for_several_subitems():
    assert findings(["X204"], set={"附表2!D6": "", f"{S2}!B8": ""}) == []
    assert findings(["X204"], set={f"{S1}!B7": "做好 2023 年度培训保障专项001的补助工作。 "}) == []
    assert findings(["X204"], set={**ONE_FUND, f"{S1}!B7": "别的", f"{S2}!B7": "另一个"}) == []
    # a fund with several 子项 is skipped, the next fund still checked
    out = findings(
        ["X204"],
        set={f"{S2}!E4": "培训保障专项001", f"{S1}!B7": "别的"},
        then=copy_sheet(S2, "附表3-x", E4="维护就业专项002", B8="另一个目标"),
    )
    assert [(f.cell, f.cells) for f in out] == [("E7", ("附表3-x!B8",))]


def test_differences():
    assert differences("2023年度内做好工作", "做好工作") == "附表2 多「2023年度内」"
    assert differences("做好工作", "做好全部工作") == "附表3 多「全部」"
    assert differences("甲乙", "甲丙") == "附表2「乙」↔ 附表3「丙」"
    assert differences("同", "同") == ""
    four = differences("a1b2c3d4e", "aXbYcZdWe")
    assert four == "附表2「1」↔ 附表3「X」；附表2「2」↔ 附表3「Y」；附表2「3」↔ 附表3「Z」；附表2「4」↔ 附表3「W」"
    five = differences("a1b2c3d4e5f", "aXbYcZdWeVf")
    assert five == four + "等 5 处"
    assert differences("a1b2c3d4e5f", "aXbYcZdWeVf", limit=5) == four + "；附表2「5」↔ 附表3「V」"
    # no junk heuristic (difflib's autojunk would drop the popular 「好」 of a 250-character text
    # and see one replacement): the longest common run (150 「好」) is matched first
    a, b = "好" * 100 + "甲" + "好" * 150, "好" * 250
    assert differences(a, b) == f"附表2 多「{'好' * 100}甲」；附表3 多「{'好' * 100}」"


# --- X205 ------------------------------------------------------------------------------------


def test_x205_messages():
    out = findings(["X205"], set={"附表2!B7": "培训保障专项 001", f"{S2}!B4": "培训保障专项001"})
    assert said(out) == [
        ("X205", "附表2", "B7", "专项名称「培训保障专项 001」与第 1 个专项重复", "删除重复行或更正名称"),
        ("X205", S2, "B4", f"支出方向「培训保障专项001」与工作表「{S1}」重复", "删除重复的附表3 或更正名称"),
    ]


def test_x205_blank_direction_is_no_duplicate():
    assert findings(["X205"], set={f"{S1}!B4": "", f"{S2}!B4": ""}) == []
    out = findings(["X205"], set={f"{S1}!B4": ""}, then=copy_sheet(S2, "附表3-副本"))
    assert [(f.sheet, f.cell, f.message) for f in out] == [
        ("附表3-副本", "B4", f"支出方向「维护就业专项002」与工作表「{S2}」重复")
    ]


def test_x205_third_row_repeats_the_second():
    def third_fund(grid):
        sheet = grid.sheet("附表2")
        sheet.rows.insert(7, list(sheet.rows[6]))  # row 7 pasted again as row 8

    out = findings(["X205"], then=third_fund)
    assert [(f.cell, f.message) for f in out] == [("B8", "专项名称「维护就业专项002」与第 2 个专项重复")]


# --- X206 ------------------------------------------------------------------------------------


def test_x206_message():
    out = findings(["X206"], set={f"{S2}!B4": "维护就业专项003"})
    assert said(out) == [
        (
            "X206",
            S2,
            "B4",
            f"工作表名「{S2}」与支出方向「维护就业专项003」不符",
            "把工作表改名为「附表3-维护就业专项003」",
        )
    ]


def test_x206_skips_blank_directions_and_tabs_without_the_prefix():
    assert findings(["X206"], set={f"{S1}!B4": ""}) == []
    out = findings(["X206"], rename={S1: "培训"}, set={"培训!B4": "别的方向", f"{S2}!B4": "维护就业专项003"})
    assert [(f.sheet, f.cell) for f in out] == [(S2, "B4")]


def test_x206_expected_name_avoids_the_other_tabs():
    # the direction is already the name of the other tab: the sheet should be 「…(2)」
    out = findings(["X206"], set={f"{S2}!B4": "培训保障专项001"})
    assert out[0].fix == "把工作表改名为「附表3-培训保障专项001(2)」"
