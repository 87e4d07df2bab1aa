"""Label variants (metamorphic): the seed example with a label printed as another bureau prints it
gives exactly the findings it gives with our own labels. Only the label changes, so nothing else may.

The variants are the wordings of xladdin/layout/vocabulary.py (sources noted there): a failure here
means a real form printing that wording would lose a section and gain false errors."""

from __future__ import annotations

import copy

import pytest

from tests.helpers import findings
from xladdin.io.grid import BookGrid
from xladdin.layout.base import norm
from xladdin.layout.vocabulary import anchor_matches, clean, field_key, forms, header_key, title_kind
from xladdin.reader import read_grid_model
from xladdin.recognise import join_value, printed_value

F1, F2 = "附表1", "附表2"
F3 = "附表3-大学生应征入伍奖励"  # has 支出明细 with a 测算依据 and a blank 数量指标 value (I302)
F3B = "附表3-优抚安置专项"


def full(fs) -> list[tuple[str, str, str, str, str]]:
    return sorted((f.rule, f.severity, f.sheet, f.cell, f.message) for f in fs)


@pytest.fixture(scope="module")
def baseline(example_grid: BookGrid):
    return full(findings(example_grid))


def relabel(grid: BookGrid, sheet: str, old: str, new: str, col: int = 1) -> BookGrid:
    """A copy of ``grid`` with the label cell of ``sheet`` in column ``col`` that starts with
    ``old`` (spaces ignored) replaced by ``new``."""
    g = copy.deepcopy(grid)
    s = g.sheet(sheet)
    assert s is not None
    for r, row in enumerate(s.rows, start=1):
        if len(row) >= col and norm(row[col - 1]).startswith(norm(old)):
            s.set(r, col, new)
            return g
    raise AssertionError(f"no label {old} on {sheet}")


VARIANTS = [
    # (sheet, our label, the variant a bureau prints, column)
    (F1, "部门名称", "部门(单位)名称", 1),
    (F1, "部门名称", "* 部门（单位）名称", 1),
    (F1, "部门名称", "单位名称", 1),
    (F1, "部门职责概述", "部门职能概述", 1),
    (F1, "其中：一般公共预算拨款", "一般公共预算拨款", 2),
    (F1, "年度预算申请", "年度预算申请（单位：万元）", 1),
    (F1, "年度绩效指标", "绩效指标", 1),
    (F1, "年度绩效指标", "本年度 绩效指标", 1),
    (F1, "年度绩效指标", "★年度绩效指标", 1),
    (F1, "年度绩效指标", "年 度 绩 效 指 标", 1),
    (F1, "年度绩效指标", "年度绩效指标\u3000", 1),
    (F3, "支出方向", "项目支出名称", 1),
    (F3, "支出方向", "项目名称", 1),
    (F3, "支出方向", "*项目名称", 1),
    (F3, "项目金额", "预算申报数", 1),
    (F3, "项目金额", "年度本级 预算金额", 1),
    (F3, "项目金额", "项目金额（万元）", 1),
    (F3, "项目实施期", "项目支出实施期", 1),
    (F3, "项目实施期", "项目起止时间", 1),
    (F3, "实施期绩效目标", "总体目标", 1),
    (F3, "年度绩效目标", "本年度绩效目标", 1),
    (F3, "年度绩效目标", "年度目标", 1),
    (F3, "年度绩效指标", "本年度绩效指标", 1),
    (F3, "年度绩效指标", "绩效指标", 1),
    (F3B, "年度绩效指标", "* 绩效指标", 1),
    (F3, "三级指标", "指标内容", 4),
    (F3, "三级指标", "指标名称", 4),
    (F3, "指标值及单位", "指标值", 5),
    (F3, "指标值及单位", "当年预期实现值", 5),
    (F3, "支出明细", "项目支出明细及测算依据", 1),
    (F3, "单位负责人签字", "单位负责人：", 1),
    (F3, "填表人", "填报人：", 1),
    (F2, "填报单位", "填报单位（盖章）：", 1),
    (F2, "名称", "项目名称", 2),
    (F2, "金额", "预算金额", 3),
    (F3, "支出测算依据", "资金测算依据及说明", 5),
]


@pytest.mark.parametrize(("sheet", "old", "new", "col"), VARIANTS, ids=[f"{v[0]}:{v[2]}" for v in VARIANTS])
def test_a_label_variant_gives_the_same_findings(example_grid, baseline, sheet, old, new, col):
    assert full(findings(relabel(example_grid, sheet, old, new, col))) == baseline


@pytest.mark.parametrize(
    ("sheet", "title"),
    [
        (F1, "株洲市石峰区退役军人事务局2023年度整体绩效目标表"),
        (F1, "2023年度部门整体支出绩效目标申报表"),
        (F3, "2023年项目支出绩效目标申报表"),
        (F3, "2023年度项目支出绩效目标表"),
    ],
)
def test_a_title_variant_gives_the_same_findings(example_grid, baseline, sheet, title):
    g = copy.deepcopy(example_grid)
    s = g.sheet(sheet)
    assert s is not None
    s.set(2, 1, title)
    got = [f for f in full(findings(g)) if not (f[2] == sheet and f[3] == "A2")]  # F504 quotes the title
    assert got == [f for f in baseline if not (f[2] == sheet and f[3] == "A2")]


def test_a_form_on_a_sheet_named_sheet1_without_its_marker_is_recognised_by_its_title(example_grid):
    g = copy.deepcopy(example_grid)
    s = g.sheet(F1)
    assert s is not None
    s.name = "Sheet1"
    s.set(1, 1, None)  # no 附表1 marker
    s.set(2, 1, "株洲市石峰区退役军人事务局2023年度整体绩效目标表")
    sub = read_grid_model(g).submission
    assert sub.form1 is not None and sub.form1.sheet == "Sheet1"
    assert sub.form1.department == "株洲市石峰区退役军人事务局"
    assert [i.name for i in sub.form1.indicators][:1] == ["辖区内享受待遇人员数"]


def test_a_project_form_on_a_sheet_named_after_the_project_is_read(example_grid):
    g = copy.deepcopy(example_grid)
    s = g.sheet(F3)
    assert s is not None
    s.name = "大学生应征入伍奖励"
    s.set(1, 1, None)
    s.set(2, 1, "2023年项目支出绩效目标申报表")
    sub = read_grid_model(g).submission
    f3 = next(f for f in sub.form3s if f.sheet == "大学生应征入伍奖励")
    assert f3.direction == "大学生应征入伍奖励"
    assert len(f3.details) >= 1 and f3.indicators


# --- the normalisation itself -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("printed", "ours"),
    [
        ("名  称", "名称"),
        ("部门（单位）名称", "部门(单位)名称"),
        ("* 项目名称：", "项目名称"),
        ("★年度绩效指标", "年度绩效指标"),
        ("年度\u3000绩效指标", "年度绩效指标"),
        ("ＡＢ１２", "AB12"),
    ],
)
def test_clean(printed, ours):
    assert clean(printed) == ours


def test_prefixes_are_rewritten():
    assert "年度绩效目标" in forms("本年度绩效目标")
    assert "项目名称" in forms("项目支出名称")
    assert "项目实施期" in forms("项目支出实施期")
    assert "部门名称" in forms("部门(单位)名称")
    assert "年度预算申请" in forms("年度预算申请（万元）")


@pytest.mark.parametrize(
    ("printed", "bare"),
    [
        ("项目（专项）名称", "项目名称"),  # one label naming two: the alternative in brackets dropped
        ("(专项)名称", "名称"),
        ("项目(专)名称", "项目名称"),  # one character
        ("项目(一二三四)名称", "项目名称"),  # four
        ("项目(专项)资金(经费)总额", "项目资金总额"),  # two alternatives
        ("项目(一二三四五)名称", None),  # five: a note, not an alternative word
        ("项目()名称", None),
        ("项目(ab)名称", None),  # not Chinese
        ("项目名称(专项)", None),  # at the end: a note on the label (unit notes are dropped elsewhere)
        ("项目(专项)1", None),  # no Chinese after it
    ],
)
def test_an_alternative_word_in_brackets_inside_a_label_is_dropped(printed, bare):
    variants = forms(printed)
    assert variants[0] == clean(printed)
    dropped = [v for v in variants if "(" not in v and v != clean(printed)]
    assert dropped[:1] == ([bare] if bare else []), variants


def test_field_and_header_words():
    assert field_key("form3", "年度本级 预算金额") == "project_amount"
    assert field_key("form3", "预算申报数") == "project_amount"
    assert field_key("form1", "部门（单位）名称") == "department"
    assert field_key("form3", "二级项目名称") == "direction"
    assert header_key("计量单位") == "unit" and header_key("度量单位") == "unit"
    assert header_key("指标方向") == "direction" and header_key("指标性质") == "direction"
    assert header_key("指标内容") == "name"
    assert anchor_matches("年度绩效指标", "本年度 绩效指标")
    assert not anchor_matches("年度绩效目标", "绩效目标表")  # 「绩效目标」 is matched whole


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2023年项目支出绩效目标申报表", "form3"),
        ("湘潭市城管局2023年度整体绩效目标表", "form1"),
        ("部门整体支出绩效目标表", "form1"),
        ("2023年区级专项资金绩效目标汇总表", "form2"),
        ("省级部门预算项目支出绩效目标表", "form3"),
        ("部门预算项目绩效目标申报表(2023年度)", "form3"),
        ("收入支出决算总表", None),
    ],
)
def test_titles(title, kind):
    assert title_kind(title) == kind


@pytest.mark.parametrize(
    ("value", "unit", "op", "joined"),
    [
        (95, "%", "≥", "≥95%"),
        ("100", "%", "=", "100%"),
        (230, "个", "≥", "≥230个"),
        ("16人", "人", None, "16人"),  # the value already ends with its unit
        ("≥90%", "%", "≥", "≥90%"),
        (12.0, "月", "≤", "≤12月"),
        ("优", None, "定性", "优"),
        (None, "%", "≥", None),  # a blank value stays blank (I302 must still see it)
        (990, None, None, 990),
        (100, "百分比", "=", "100%"),  # a unit word stands for its symbol
        # a value typed with its own operator keeps it, ASCII or full-width (a foreign form's 「＞80」)
        ("＞80", "%", "≥", "＞80%"),
        ("＜3", "天", "≤", "＜3天"),
        ("≤5", "天", "≥", "≤5天"),
        (">1", "个", "≥", ">1个"),
        ("<2", "次", "≤", "<2次"),
        ("=100", "%", "≥", "=100%"),
        (80, "%", "＞", ">80%"),  # a full-width operator column is read as its symbol
        (80, None, "≥", "≥80"),  # an operator with no unit
        (12.5, "%", None, "12.5%"),  # a unit with no operator; a fraction keeps its decimals
    ],
)
def test_value_unit_and_operator_are_joined(value, unit, op, joined):
    assert join_value(value, unit, op) == joined


def test_fund_list_columns_in_another_order_are_read_by_their_header(example_grid, baseline):
    """附表2 with 金额 and 年度绩效目标 swapped (C ↔ E): the same findings, at the swapped cells."""
    g = copy.deepcopy(example_grid)
    s = g.sheet(F2)
    assert s is not None
    table = range(4, 13)  # header, 合计 and the seven funds
    for r in table:
        c, e = s.value(r, 3), s.value(r, 5)
        s.set(r, 3, e)
        s.set(r, 5, c)
        fc, fe = s.formulas.pop((r, 3), None), s.formulas.pop((r, 5), None)
        if fc:
            s.formulas[(r, 5)] = fc
        if fe:
            s.formulas[(r, 3)] = fe

    def swap(cell: str) -> str:
        col, row = cell[0], int(cell[1:])
        return {"C": "E", "E": "C"}.get(col, col) + str(row) if row in table else cell

    expected = sorted((f[0], f[1], f[2], swap(f[3]) if f[2] == F2 else f[3], f[4]) for f in baseline)
    assert full(findings(g)) == expected


def test_every_variant_at_once_gives_the_same_findings(example_grid, baseline):
    """One variant for each label, all swapped in together (the last variant listed for a label)."""
    g = example_grid
    chosen = {(sheet, old, col): new for sheet, old, new, col in VARIANTS}
    for (sheet, old, col), new in chosen.items():
        g = relabel(g, sheet, old, new, col)
    assert full(findings(g)) == baseline


def test_our_own_forms_have_no_unit_column(example_grid):
    sub = read_grid_model(example_grid).submission
    tables = [sub.form1.indicators, *(f.indicators for f in sub.form3s)]
    assert all(i.unit is None for t in tables for i in t)
    assert sub.form1.indicators[0].value == 990  # a bare number stays a number


@pytest.mark.parametrize(("sheet", "old", "col"), [(F3, "项目金额", 1), (F3, "所属专项", 3), (F1, "其他资金", 2)])
def test_a_deleted_inner_label_changes_nothing(example_grid, baseline, sheet, old, col):
    """A clerk clears a label inside a group of rows: the group still stands where our template puts it."""
    assert full(findings(relabel(example_grid, sheet, old, None, col))) == baseline


@pytest.mark.parametrize(
    ("printed", "read"),
    [("=300天", "300天"), ("=100百分比", "100%"), ("≥95%", "≥95%"), ("优", "优"), (300, 300), ("=", "=")],
)
def test_a_foreign_value_as_a_reviewer_reads_it(printed, read):
    assert printed_value(printed) == read


def test_chinese_characters_are_the_whole_unified_block():
    from xladdin.layout.base import is_han

    assert is_han("\u4e00") and is_han("\u9fff") and is_han("名")
    assert not is_han("\u4dff") and not is_han("\ua000") and not is_han("A") and not is_han("：")


def test_a_cell_that_is_no_text_names_no_form():
    assert title_kind(None) is None and title_kind(42) is None
    assert title_kind("专项资金支出方向绩效目标表") == "form3"


def test_columns_are_named_as_the_forms_print_them():
    from xladdin.layout.names import column_name

    assert column_name("indicators", "level1") == "一级指标" and column_name("funds", "amount") == "金额"
    assert column_name("period_indicators", "name") == "三级指标"  # a table without names of its own: the indicators'
    assert column_name("work_plan", "name") == "name"
    assert column_name("indicators", "weight_x") == "weight_x"  # an unnamed column keeps its key
