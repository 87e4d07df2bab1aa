"""A guess never makes a confident error: every rule of severity 错误, on a form in another bureau's layout.

For each error rule, two forms carry the same defect. In one (``weak``) the field the rule rests on is found
only by a weak cue — one value column per town (the first taken by position), a 支出明细 whose header names
none of our columns (columns by our template's position), an indicator table read past the start of the next
table, a blank beside a label where a foreign form writes its value further right, a copy pasted under a
notice one column in (our template's positions no longer hold), a header row by secondary words — and the
rule gives no error (a warning saying what was assumed, or nothing). In the other (``sure``) the same field is
found for certain (a header or label naming it, or our own template), and the error still fires: the guard
hides no real defect."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from realforms import RealForm, build_docx, check_any
from rulekit import apply_case

from xladdin import a1
from xladdin.config import Config
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.reader import read_grid_model
from xladdin.rules import CATALOGUE, Context, Finding, Severity, run

FIXTURES = Path(__file__).parents[1] / "fixtures" / "rules"

Rows = list[list[object]]
Merges = list[tuple[int, int, int, int]]

# --- a project form in another bureau's layout ------------------------------------------------------------

GOOD = [
    ["产出指标", "数量指标", "培训人数", "120人"],
    ["", "质量指标", "培训合格率", "≥95%"],
    ["", "时效指标", "完成时间", "2025年12月底前"],
    ["", "成本指标", "人均培训成本", "≤2500元/人"],
    ["效益指标", "社会效益指标", "培训后就业率", "≥80%"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
]


def _head(amount: object = 30, goal: object = "全年培训120人，就业率达到80%") -> Rows:
    return [
        ["2025年技能培训项目绩效目标表"],
        ["项目名称", "技能培训"],
        ["项目金额(万元)", amount],
        ["年度绩效目标", goal],
    ]


def project(rows: Rows, *, units: bool = False, head: Rows | None = None, foot: Rows = ()) -> tuple[Rows, Merges]:
    """A 项目 form: fields by their labels, the indicators under a header row naming each column."""
    header = ["一级指标", "二级指标", "三级指标", "指标值", *(["计量单位"] if units else [])]
    return [*(head or _head()), header, *rows, *foot], []


def by_town(rows: Rows, *, units: bool = False, head: Rows | None = None) -> tuple[Rows, Merges]:
    """The same form printing one value column per town under a merged 「指标值」 (福建's 区域 family): no
    column says which is the target, the first is taken by position. Each row's value stands in the first
    town's column, the second town's holds a good value."""
    top = head or _head()
    header = ["一级指标", "二级指标", "三级指标", "指标值", "", *(["计量单位"] if units else [])]
    sub = ["", "", "", "甲镇", "乙镇", *([""] if units else [])]
    body = [[*r[:4], "100%" if "率" in str(r[2]) else "10", *r[4:]] for r in rows]
    row = len(top) + 1
    return [*top, header, sub, *body], [(row, 4, row, 5)]


DETAIL_HEADER = ["支出明细", "支出内容", "支出明细", "金额", "测算依据"]


def with_details(details: Rows, *, header: list[object] | None = None) -> tuple[Rows, Merges]:
    """The good project form with a 支出明细 table under it: ``header`` None names our columns (sure);
    a foreign header names none of them, so its columns are our template's positions (weak)."""
    rows, merges = project(GOOD)
    block = [DETAIL_HEADER] if header is None else [["支出明细及测算说明"], header]
    return [*rows, *block, *details], merges


def one_sheet(name: str = "项目绩效目标表") -> Callable[[tuple[Rows, Merges]], BookGrid]:
    def build(form: tuple[Rows, Merges]) -> BookGrid:
        rows, merges = form
        return BookGrid([SheetGrid(name, [list(r) for r in rows], merges=list(merges))])

    return build


# --- our template's cases, shifted into another bureau's copy -------------------------------------------------


def fixture(code: str, index: int = 0) -> dict:
    return tomllib.loads((FIXTURES / f"{code}.toml").read_text("utf-8"))["fires"][index]


def template_case(code: str, index: int = 0) -> BookGrid:
    """The rule's own firing case on our template (every field where our layout puts it: certain)."""
    return apply_case(fixture(code, index))


def pasted_in(code: str, *sheets: str, index: int = 0) -> BookGrid:
    """The same case with ``sheets`` pasted (as values) one column in under a two-line notice, as a bureau
    republishes a form: the labels are still there, our template's positions are not."""
    grid = copy.deepcopy(template_case(code, index))
    for name in sheets:
        sheet = grid.sheet(name)
        assert sheet is not None, name
        notice = [["关于下达2025年预算绩效目标的通知"], ["各单位：现将绩效目标下达如下，请抓好落实。"], []]
        sheet.rows = [*notice, *([None, *r] for r in sheet.rows)]
        sheet.merges = [(a + 3, b + 1, c + 3, d + 1) for a, b, c, d in sheet.merges]
        sheet.formulas, sheet.uncomputed = {}, set()  # the copy holds values (pasted as values)
        sheet._cover = None
    return grid


def headless(grid: BookGrid, name: str) -> BookGrid:
    """``grid`` with sheet ``name``'s column header row (序号 │ 名称 │ 金额 …) left out, as a copy pasted
    without it: a list whose header names its columns is read by those names (for certain), one without
    it only by our template's positions."""
    sheet = grid.sheet(name)
    assert sheet is not None, name
    at = next(i for i, r in enumerate(sheet.rows) if r and "序号" in [str(v).strip() for v in r if v is not None])
    sheet.rows = [*sheet.rows[:at], *sheet.rows[at + 1 :]]
    sheet.merges = [(a - (a > at + 1), b, c - (c > at + 1), d) for a, b, c, d in sheet.merges if a != at + 1]
    sheet._cover = None
    return grid


def moved(grid: BookGrid, name: str, source: str, target: str) -> BookGrid:
    """``grid`` with the value at ``source`` written at ``target`` instead (merges lost in a copy: the value
    stands further right than beside its label)."""
    sheet = grid.sheet(name)
    assert sheet is not None, name
    (r1, c1), (r2, c2) = a1.parse(source), a1.parse(target)
    sheet.set(r2, c2, sheet.value(r1, c1))
    sheet.set(r1, c1, None)
    return grid


#: 宁乡 2021 (tests/data/realforms): a 长期 block of bare numbers above the year's indicators
NINGXIANG = "realform:hunan-ningxiang-2021-xiangmu"


# --- findings ---------------------------------------------------------------------------------------------


def findings(grid: BookGrid, code: str) -> list[Finding]:
    reading = read_grid_model(grid)
    return list(run(Context(reading.submission, reading.structure, Config()), [code]))


def errors(grid: BookGrid, code: str) -> list[Finding]:
    return [f for f in findings(grid, code) if f.severity == "error"]


F1, F2 = "附表1", "附表2"
S1, S2 = "附表3-培训保障专项001", "附表3-维护就业专项002"
PROJECT = one_sheet()
#: A goal whose area is not the project's (叶县 2020: 构树 918亩 in a 桑树 8060亩 project).
_CONTENT = "优质桑树种植8060亩"
_UNIT = ["实施单位", "某县林业局"]
_SHIFTED_GOAL = "在全县12个乡镇种植构树饲草918亩，带动农户增收。"


def _transfer(amount_line: list[object]) -> tuple[Rows, Merges]:
    """A transfer's 区域绩效目标表 printed under the notice's 资金分配表 (重庆万盛 2025), its amount line as given."""
    rows: Rows = [
        ["附件1"],
        ["某区2025年养老服务补助资金分配表"],
        ["单位:万元"],
        ["预算单位", "合计", "居家养老服务"],
        ["区民政局", 20, 20],
        ["附件2"],
        ["转移支付区域绩效目标表"],
        ["项目名称", "养老服务补助资金"],
        amount_line,
        ["年度总体目标", "全年为300名老人提供居家养老服务，12月底前完成。"],
    ]
    return rows, []


#: (rule, the weak cue, the form where the rule's field is found only by it, the form where it is certain)
CASES: list[tuple[str, str, Callable[[], BookGrid], Callable[[], BookGrid]]] = [
    # 金额 ---------------------------------------------------------------------------------------------------
    (
        "A101",
        "支出明细 columns by our template's position (a 数量 column read as 金额)",
        lambda: PROJECT(
            with_details([[1, "教材费", "100元/人", "120人", ""]], header=["序号", "内容", "单价", "数量", "备注"])
        ),
        lambda: PROJECT(with_details([["", "教材费", "120人", "待定", "100元/人"]])),
    ),
    (
        "A101",
        "the 项目金额 label's header 「金额(万元)」 read as its value",
        lambda: PROJECT(project(GOOD, head=[*_head()[:2], ["项目金额", "金额(万元)"], _head()[3]])),
        lambda: PROJECT(project(GOOD, head=_head(amount="三十"))),
    ),
    (
        "A102",
        "支出明细 columns by position (an 增减 column read as 金额)",
        lambda: PROJECT(
            with_details([[1, "教材费", 3, -2, 1]], header=["序号", "内容", "上年金额", "增减", "本年金额"])
        ),
        lambda: PROJECT(with_details([["", "教材费", "120人", -2, "100元/人"]])),
    ),
    (
        "A103",
        "附表1 pasted one column in (收入 lines beside their labels, blank)",
        lambda: pasted_in("A103", F1),
        lambda: template_case("A103"),
    ),
    (
        "A104",
        "附表1 pasted one column in, 基本支出 written two cells right of its label (blank beside it)",
        lambda: moved(pasted_in("A104", F1), F1, "F10", "H10"),
        lambda: template_case("A104"),
    ),
    (
        "A105",
        "附表2 pasted one column in without its header row (its 合计 by our position)",
        lambda: headless(pasted_in("A105", F2), F2),
        lambda: template_case("A105"),
    ),
    (
        "A106",
        "附表2 pasted one column in without its header row",
        lambda: headless(pasted_in("A106", F2), F2),
        lambda: template_case("A106"),
    ),
    (
        "A107",
        "支出明细 columns by position (a 单价 column summed as 金额)",
        lambda: PROJECT(
            with_details(
                [[1, "教材费", "120人", 100, ""], [2, "讲课费", "40课时", 500, ""], ["合计", "", "", 30, ""]],
                header=["序号", "内容", "数量", "单价(元)", "备注"],
            )
        ),
        lambda: PROJECT(
            with_details([["", "教材费", "120人", 10, ""], ["", "讲课费", "40课时", 20, ""], ["合计", "", "", 40, ""]])
        ),
    ),
    (
        "A108",
        "支出明细 columns by position (单价 in our 金额 column)",
        lambda: PROJECT(
            with_details(
                [[1, "教材费", "120人", 100, ""], [2, "讲课费", "40课时", 500, ""]],
                header=["序号", "内容", "数量", "单价(元)", "备注"],
            )
        ),
        lambda: PROJECT(with_details([["", "教材费", "120人", 10, ""], ["", "讲课费", "40课时", 10, ""]])),
    ),
    ("A109", "附表3 pasted one column in", lambda: pasted_in("A109", S1), lambda: template_case("A109")),
    (
        "A111",
        "a 合计 line inside a 支出明细 read by position",
        lambda: PROJECT(
            with_details(
                [[1, "教材费", "120人", 100, 1.2], [2, "讲课费", "40课时", 500, 2], ["合计", "", "", 601, 3.2]],
                header=["序号", "内容", "数量", "单价(元)", "金额(万元)"],
            )
        ),
        lambda: PROJECT(  # 湖北鄂州's 项目预算成本构成 between the fields and the indicators, its 合计 typed wrong
            project(
                GOOD,
                head=[
                    *_head(),
                    ["项目预算成本构成", "金额", "测算依据", "上年实际执行数"],
                    ["人员经费", 12, "据实", 10],
                    ["公用经费", 9, "据实", 8],
                    ["合计", 21, "", 19],
                ],
            )
        ),
    ),
    (
        "B401",
        "支出明细 columns by position (a 单价 read as the amount the 测算 must give)",
        lambda: PROJECT(
            with_details(
                [[1, "教材费", "120人", 100, "100元/人×120人=1.2万元"]],
                header=["序号", "内容", "数量", "单价(元)", "测算"],
            )
        ),
        lambda: PROJECT(with_details([["", "教材费", "120人", 5, "100元/人×120人=1.2万元"]])),
    ),
    # 表间核对 --------------------------------------------------------------------------------------------
    (
        "X201",
        "附表2 pasted without its header row",
        lambda: headless(pasted_in("X201", F2), F2),
        lambda: template_case("X201"),
    ),
    ("X202", "附表3 pasted one column in", lambda: pasted_in("X202", S2), lambda: template_case("X202")),
    (
        "X203",
        "附表2 pasted without its header row",
        lambda: headless(pasted_in("X203", F2), F2),
        lambda: template_case("X203"),
    ),
    (
        "X205",
        "附表2 pasted without its header row",
        lambda: headless(pasted_in("X205", F2), F2),
        lambda: template_case("X205"),
    ),
    # 绩效指标 -------------------------------------------------------------------------------------------
    (
        "I301",
        "one value column per town (the first, blank for every 效益 row, taken by position)",
        lambda: PROJECT(by_town([*GOOD[:4], ["效益指标", "社会效益指标", "培训后就业率", ""], GOOD[5]])),
        lambda: PROJECT(project([*GOOD[:4], ["效益指标", "社会效益指标", "培训后就业率", ""], GOOD[5]])),
    ),
    (
        "I302",
        "one value column per town (the first town's cell blank)",
        lambda: PROJECT(by_town([["产出指标", "数量指标", "培训人数", ""], *GOOD[1:]])),
        lambda: PROJECT(project([["产出指标", "数量指标", "培训人数", ""], *GOOD[1:]])),
    ),
    (
        "I302",
        "an indicator table read past the start of the next table (a 支出明细 row as an indicator)",
        lambda: PROJECT(with_details([["差旅费", "", "", ""]], header=["内容", "说明", "依据", "数量", "备注"])),
        lambda: PROJECT(project([*GOOD, ["", "", "差旅费", ""]])),
    ),
    (
        "I303",
        "one value column per town (a value in the first town's cell, the name beside it)",
        lambda: PROJECT(by_town([*GOOD, ["", "", "", "95%"]])),
        lambda: PROJECT(project([*GOOD, ["", "", "", "95%"]])),
    ),
    (
        "I304",
        "one value column per town",
        lambda: PROJECT(
            by_town([*GOOD[:4], ["效益指标", "社会效益指标", "培训后就业率", "让更多的人找到工作"], GOOD[5]])
        ),
        lambda: PROJECT(
            project([*GOOD[:4], ["效益指标", "社会效益指标", "培训后就业率", "让更多的人找到工作"], GOOD[5]])
        ),
    ),
    (
        "I387",
        "one value column per town",
        lambda: PROJECT(by_town([*GOOD[:4], ["效益指标", "社会效益指标", "带动周边群众就业", "是"], GOOD[5]])),
        lambda: PROJECT(project([*GOOD[:4], ["效益指标", "社会效益指标", "带动周边群众就业", "是"], GOOD[5]])),
    ),
    (
        "I306",
        "one value column per town",
        lambda: PROJECT(by_town([GOOD[0], ["", "质量指标", "培训合格率", "120%"], *GOOD[2:]])),
        lambda: PROJECT(project([GOOD[0], ["", "质量指标", "培训合格率", "120%"], *GOOD[2:]])),
    ),
    (
        "I317",
        "one value column per town",
        lambda: PROJECT(by_town([*GOOD[:4], ["效益指标", "社会效益指标", "培训后就业率", "提升"], GOOD[5]])),
        lambda: PROJECT(project([*GOOD[:4], ["效益指标", "社会效益指标", "培训后就业率", "提升"], GOOD[5]])),
    ),
    (
        "I318",
        "one value column per town (a separate 计量单位 column)",
        lambda: PROJECT(
            by_town(
                [
                    [*r, "%" if i == 3 else ""]
                    for i, r in enumerate([*GOOD[:3], ["", "成本指标", "培训经费", "28.8万元"], *GOOD[4:]])
                ],
                units=True,
            )
        ),
        lambda: PROJECT(
            project(
                [
                    [*r, "%" if i == 3 else ""]
                    for i, r in enumerate([*GOOD[:3], ["", "成本指标", "培训经费", "28.8万元"], *GOOD[4:]])
                ],
                units=True,
            )
        ),
    ),
    (
        "I320",
        "one value column per town (数量 and 质量 blank in the first town)",
        lambda: PROJECT(
            by_town([["产出指标", "数量指标", "培训人数", ""], ["", "质量指标", "培训合格率", ""], *GOOD[2:]])
        ),
        lambda: PROJECT(project([["产出指标", "数量指标", "", ""], ["", "质量指标", "", ""], *GOOD[2:]])),
    ),
    (
        "I329",
        "one value column per town",
        lambda: PROJECT(by_town([*GOOD[:4], ["效益指标", "经济效益指标", "带动周边群众就业", "无"], GOOD[5]])),
        lambda: PROJECT(project([*GOOD[:4], ["效益指标", "经济效益指标", "带动周边群众就业", "无"], GOOD[5]])),
    ),
    (
        "I337",
        "one value column per town (the 101号 family's 成本 row blank in the first town)",
        lambda: PROJECT(by_town([["成本指标", "经济成本指标", "人均培训成本", ""], *GOOD[:3], *GOOD[4:]])),
        lambda: PROJECT(project([["成本指标", "经济成本指标", "人均培训成本", ""], *GOOD[:3], *GOOD[4:]])),
    ),
    (
        "I342",
        "one value column per town",
        lambda: PROJECT(by_town([*GOOD[:2], ["", "时效指标", "资金到位时间", 44561], *GOOD[3:]])),
        lambda: PROJECT(project([*GOOD[:2], ["", "时效指标", "资金到位时间", 44561], *GOOD[3:]])),
    ),
    (
        "I347",
        "a 长期 block whose header names its columns by secondary words in a short row (「三级」「数值」)",
        lambda: apply_case(
            {
                "base": NINGXIANG,
                "set": {f"Sheet1!{c}22": v for c, v in zip("BCDE", ["一级指标", "", "三级", "数值"], strict=True)},
            }
        ),
        lambda: apply_case({"base": NINGXIANG}),  # 宁乡 2021: 长期绩效指标 │ 一级指标 │ 二级指标 │ 指标内容 │ 指标值
    ),
    # 绩效目标与职责 ------------------------------------------------------------------------------------
    (
        "G601",
        "a blank beside the label (the goal written further right, merges lost)",
        lambda: PROJECT(project(GOOD, head=[*_head()[:3], ["年度绩效目标", "", "", "全年培训120人，就业率达到80%"]])),
        lambda: template_case("G601"),
    ),
    (
        "G617",
        "the goal an unlabelled sentence above the indicator header (found by its place)",
        lambda: PROJECT(project(GOOD, head=[*_head()[:3], _UNIT, ["项目概况", _CONTENT], ["", _SHIFTED_GOAL]])),
        lambda: PROJECT(
            project(GOOD, head=[*_head()[:3], _UNIT, ["项目概况", _CONTENT], ["项目绩效目标", _SHIFTED_GOAL]])
        ),
    ),
    (
        "G603",
        "附表1 pasted one column in (a blank beside the label)",
        lambda: pasted_in("G603", F1),
        lambda: template_case("G603"),
    ),
    (
        "G604",
        "附表1 pasted one column in (the plan's columns by our position)",
        lambda: pasted_in("G604", F1),
        lambda: template_case("G604"),
    ),
    (
        "F518",
        "a transfer's amount two cells off its label, no merge (the blank beside the label read: not compared)",
        lambda: PROJECT(_transfer(["资金情况", "下达资金总额", "", 3200])),
        lambda: PROJECT(_transfer(["资金情况", "下达资金总额", 3200])),
    ),
    # 结构 -----------------------------------------------------------------------------------------------
    (
        "S001",
        "every form pasted one column in (no form in our template)",
        lambda: pasted_in("S001", F2, S1, S2),
        lambda: template_case("S001"),
    ),
    (
        "S002",
        "the sheet pasted one column in (a part not found on a form that is not ours)",
        lambda: pasted_in("S002", S1),
        lambda: template_case("S002"),
    ),
    (
        "S002",
        "a part not found on a foreign form that reaches its 签字栏 (its indicators printed in a way not read)",
        lambda: PROJECT(
            (
                [
                    *_head(),
                    ["绩效指标：培训120人，合格率95%以上，就业率80%以上，学员满意度90%以上。"],
                    ["单位负责人签字", "", "填表人", "张三", "联系电话", "13900000000"],
                ],
                [],
            )
        ),
        lambda: template_case("S002"),
    ),
]


def test_every_error_rule_has_a_case():
    errors_ = {code for code, r in CATALOGUE.items() if r.severity is Severity.ERROR}
    assert errors_ == {code for code, *_ in CASES}


@pytest.mark.parametrize(("code", "cue", "weak", "sure"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_an_error_needs_its_fields_found_for_certain(code, cue, weak, sure):
    assert errors(sure(), code), f"{code}: the defect on a form read for certain must stay an error"
    got = findings(weak(), code)
    assert not [f for f in got if f.severity == "error"], f"{code} from a weak cue ({cue}) is no error: {got}"
    # what is still said is a warning saying what the tool assumed, or nothing
    assert all("本工具推测" in f.message for f in got), got


def _project_cases() -> list[tuple[str, str, Callable[[], BookGrid], Callable[[], BookGrid]]]:
    """The cases built on one foreign project sheet (not our template's, not the corpus's)."""
    return [c for c in CASES if c[2]().sheets[0].name == "项目绩效目标表"]


def _as_word(grid: BookGrid, path: Path) -> Path:
    """``grid``'s one sheet as a Word table (as a bureau publishes the form: merges as Word merges them)."""
    sheet = grid.sheets[0]
    spans = [f"{a1.ref(r1, c1)}:{a1.ref(r2, c2)}" for r1, c1, r2, c2 in sheet.merges]
    data = {"source": {}, "sheets": [{"name": sheet.name, "rows": sheet.rows, "merges": spans}]}
    return build_docx(RealForm("word", data, {}), path)


@pytest.mark.parametrize(
    ("code", "cue", "weak", "sure"), _project_cases(), ids=[f"{c[0]}-{i}" for i, c in enumerate(_project_cases())]
)
def test_the_same_forms_as_word_tables(tmp_path, code, cue, weak, sure):
    """The foreign project forms published as a Word table (numbers become text, merges Word's): the weak
    reading still gives no error, and no number gives 「金额是文字」 (Word has no number type); the certain
    reading of an indicator still gives its error."""
    _, got, _ = check_any(_as_word(weak(), tmp_path / "weak.docx"))
    assert not [f for f in got if f["rule"] in (code, "A101") and f["severity"] == "error"], cue
    if code.startswith("I"):
        _, got, _ = check_any(_as_word(sure(), tmp_path / "sure.docx"))
        assert [f for f in got if f["rule"] == code and f["severity"] == "error"], code


# --- a label read at our template's place is a label, not a position ------------------------------------


def _copy_of_ours(label: object = "项目金额") -> BookGrid:
    """附表3 copied by a bureau as values, its 「附表3」 marker left off and the sheet renamed: shaped like
    ours but not ours. The 项目金额 typed 「待定」; ``label`` is what stands where our label does."""
    grid = template_case("A101", 1)
    sheet = grid.sheet(S1)
    assert sheet is not None
    sheet.name = "项目绩效目标表"
    sheet.set(1, 1, None)
    sheet.set(5, 1, label)
    sheet.set(5, 2, "待定")
    sheet.formulas, sheet.uncomputed = {}, set()
    sheet._cover = None
    return BookGrid([sheet])


def test_a_field_whose_label_is_read_at_our_place_is_certain():
    """Our template's position alone is a guess on a foreign form; the label's own text read there is not:
    the real error on a form shaped like ours stays an error."""
    grid = _copy_of_ours()
    reading = read_grid_model(grid)
    (fmap,) = reading.structure.maps
    amount = fmap.fields["project_amount"]
    assert (amount.cell, amount.cue, amount.label, amount.sure) == ("B5", "label", "A5", True)
    assert [(f.cell, f.severity) for f in findings(grid, "A101")] == [("B5", "error")]


def test_a_field_at_our_place_with_no_label_there_stays_a_guess():
    """Look-alike: the label cell left blank (the copy lost it): the 项目金额 is where our layout puts it,
    nothing more; 「待定」 there is at most a warning saying so."""
    grid = _copy_of_ours(None)
    (fmap,) = read_grid_model(grid).structure.maps
    assert fmap.fields["project_amount"].cue == "layout"
    got = findings(grid, "A101")
    assert [(f.cell, f.severity) for f in got] == [("B5", "warning")]
    assert all("本工具推测" in f.message for f in got)
