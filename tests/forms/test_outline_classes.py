"""Two classes of layout whose indicators are an OUTLINE, not a table (found on the fifth set,
tests/data/realforms/set5, 宁夏石嘴山 and 安徽黄山), each pinned by synthetic variants spelt differently
from the form it was found in, and look-alikes that must not be read as one:

- an indicator TREE in one column: unit, project, 一级, 二级 and 三级 told apart only by indentation (any
  width, full-width spaces, tabs) or numbering (「一、」「(一)」「1.」), beside a value column;
- an indicator set as TAGGED LINES in one cell: 「【一级-二级】」 headings (〔〕, [一级][二级]) over
  「指标1:名称(值)」 lines (or 「名称:值」), the goal under 【总体目标】, one cell per project of a list.
"""

from __future__ import annotations

from collections import Counter

import pytest
from helpers import error_lines as _errors
from helpers import rows_workbook as _workbook

from xladdin.commands.importer import import_file
from xladdin.commands.inspect_map import map_book
from xladdin.reader import read_workbook
from xladdin.validate import validate_file


def _findings(path) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.cell) for f in validate_file(path).findings]


# --- a tree in one column --------------------------------------------------------------------------
#: (depth, name, value): depth 0 unit, 1 project, 2 一级, 3 二级, 4 三级
TREE = [
    (0, "某县疾病预防控制中心", None),
    (1, "免疫规划疫苗配送", None),
    (2, "产出指标", None),
    (3, "数量指标(必填)", None),
    (4, "疫苗接种率", "100%"),
    (4, "配送疫苗支数", "≥12000支"),
    (3, "成本指标(必填硬性指标)", None),
    (4, "按计划价格采购", "100%"),
    (2, "效益指标", None),
    (3, "社会效益指标", None),
    (4, "辖区传染病发病率", "持续提升"),
    (2, "满意度指标", None),
    (3, "服务对象满意度指标", None),
    (4, "接种群众满意度", "100%"),
]
_NUMBERS = {2: "一二三", 3: "(一)(二)(三)", 4: "123"}


def _indent(style: str, depth: int, name: str, counters: dict[int, int]) -> str:
    if style == "spaces2":
        return "  " * (depth + 1) + name
    if style == "fullwidth":
        return "\u3000" * depth + name
    if style == "tabs":
        return "\t" * depth + name
    if style == "numbered":  # no indentation: the numbering spells the tree
        if depth < 2:
            return name
        counters[depth] = counters.get(depth, 0) + 1
        for deeper in range(depth + 1, 5):
            counters[deeper] = 0
        n = counters[depth]
        if depth == 2:
            return f"{'一二三四'[n - 1]}、{name}"
        if depth == 3:
            return f"({'一二三四'[n - 1]}){name}"
        return f"{n}.{name}"
    raise AssertionError(style)


def _tree_rows(style: str, tree=TREE, header=("项目", "指标值", "绩效金额")) -> list[list[object]]:
    rows: list[list[object]] = [["某县疾病预防控制中心2021年项目绩效目标批复表"], ["单位:元"], list(header)]
    counters: dict[int, int] = {}
    for depth, name, value in tree:
        amount = 450000 if depth == 1 else ""
        rows.append([_indent(style, depth, name, counters), value or "", amount])
    return rows


@pytest.mark.parametrize("style", ["spaces2", "fullwidth", "tabs", "numbered"])
def test_a_tree_in_one_column_is_read_by_depth_whatever_spells_it(tmp_path, style):
    path = _workbook(tmp_path / f"tree-{style}.xlsx", _tree_rows(style), ("A1:C1", "A2:C2"))
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert fmap.outline == "tree" and table.cue == "outline"
    assert (table.col("name"), table.col("value")) == ("A", "B")
    assert table.col("level1") == table.col("level2") == "A"  # the tree's levels stand in its one column
    assert all(c.sure for c in table.columns)
    assert fmap.fields["direction"].key == "direction"
    (form,) = read_workbook(path).submission.form3s
    got = [(i.level1, i.level2, i.name, i.value) for i in form.indicators]
    assert got[0] == ("产出指标", "数量指标", "疫苗接种率", "100%")
    assert got[2] == ("产出指标", "成本指标", "按计划价格采购", "100%")  # the note 「(必填硬性指标)」 is not the name
    assert [g[:2] for g in got[3:]] == [("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
    assert form.direction == "免疫规划疫苗配送"
    found = _findings(path)
    rows = {f"{i.name}": r for i, r in zip(form.indicators, table.rows, strict=True)}
    assert ("I316", "warning", f"B{rows['按计划价格采购']}") in found  # a rate is no cost
    assert ("I311", "warning", f"B{rows['接种群众满意度']}") in found  # satisfaction 100%
    direction = [f for f in found if f[0] in ("I304", "I317")]
    assert direction and all(f[1] == "error" and f[2] == f"B{rows['辖区传染病发病率']}" for f in direction)
    assert not any(f[0] in ("S005", "S011", "S006", "I301") for f in found), found
    assert not [f for f in found if f[1] == "error" and f[2] != f"B{rows['辖区传染病发病率']}"]


def test_a_tree_whose_levels_are_not_certain_gives_warnings_and_one_note(tmp_path):
    # the 社会效益指标 stands one step deeper than the other 二级 words: which depth is 二级 is a guess
    tree = [(d + (1 if name == "社会效益指标" else 0), name, v) for d, name, v in TREE]
    tree = [(d + (1 if name == "辖区传染病发病率" else 0), name, v) for d, name, v in tree]
    path = _workbook(tmp_path / "ragged.xlsx", _tree_rows("spaces2", tree), ("A1:C1", "A2:C2"))
    (fmap,) = map_book(path)
    assert fmap.outline == "tree" and not all(c.sure for c in fmap.tables["indicators"].columns)
    found = _findings(path)
    assert not _errors(path)  # the direction word is a warning saying what was assumed
    assert [f for f in found if f[0] in ("I304", "I317")]
    assert Counter(f[0] for f in found)["S011"] == 1


def test_a_value_column_found_by_position_when_no_header_names_it(tmp_path):
    rows = _tree_rows("spaces2", header=("名称", "目标", "金额"))
    path = _workbook(tmp_path / "noheader.xlsx", rows)
    (form,) = read_workbook(path).submission.form3s
    assert [i.value for i in form.indicators][:2] == ["100%", "≥12000支"]
    assert not _errors(path)  # the column is a guess: the direction word is a warning, said once
    assert Counter(f[0] for f in _findings(path))["S011"] == 1


def test_an_indented_list_with_no_level_words_is_no_tree(tmp_path):
    # a budget detail list, indented by class: no 产出/数量 words anchor a level, nothing is an indicator
    rows = [
        ["某局2021年项目支出预算表"],
        ["项目", "金额"],
        [" 某局", 1200000],
        ["  运转类", 300000],
        ["   办公设备购置", 100000],
        ["   房屋维修", 200000],
        ["  特定目标类", 900000],
        ["   信息系统运维", 900000],
    ]
    path = _workbook(tmp_path / "list.xlsx", rows)
    assert not any(m.outline for m in map_book(path)) if _readable(path) else True


def _readable(path) -> bool:
    from xladdin.io.grid import ReadError

    try:
        read_workbook(path)
    except ReadError:
        return False
    return True


def test_an_imported_tree_adds_no_error_and_keeps_every_value(tmp_path):
    src = _workbook(tmp_path / "tree.xlsx", _tree_rows("spaces2"), ("A1:C1", "A2:C2"))
    out = tmp_path / "imported.xlsx"
    import_file(src, out)
    source = Counter(r for r, s, _ in _findings(src) if s == "error")
    imported = Counter(r for r, s, _ in _findings(out) if s == "error")
    assert not imported - source, imported
    (form,) = read_workbook(out).submission.form3s
    assert [i.value for i in form.indicators if i.value] == [v for _, _, v in TREE if v]


# --- tagged lines in one cell ----------------------------------------------------------------------
def _tagged(open_: str, close: str, sep: str, item: str) -> str:
    def head(a: str, b: str) -> str:
        return f"[{a}][{b}]" if open_ == "[][" else f"{open_}{a}{sep}{b}{close}"

    def line(n: int, name: str, value: str) -> str:
        return f"指标{n}:{name}({value})" if item == "brackets" else f"指标{n}：{name}：{value}"

    return "\n".join(
        [
            f"{open_[0]}总体目标{close if open_ != '[][' else ']'}",
            "做好档案数字化，保障档案查阅服务",
            head("产出指标", "数量指标"),
            line(1, "数字化档案卷数", "≥5000卷"),
            line(2, "扫描设备数量", "≥3台"),
            head("产出指标", "质量指标"),
            line(1, "数字化差错率", "≤0.01比例"),
            head("效益指标", "社会效益指标"),
            line(1, "档案利用服务", "有力保障"),
            head("满意度指标", "服务对象满意度指标"),
            line(1, "查档群众满意度", "≥90%"),
        ]
    )


def _list_rows(cells: list[str]) -> list[list[object]]:
    rows: list[list[object]] = [
        ["某市档案馆2025年项目绩效目标和指标"],
        ["单位编码", "单位名称(项目类别\n/支出项目)", "年度预算安排", "项目内容", "绩效目标"],
        ["", "某市档案馆", 900000, "", ""],
        ["", "  其他运转类", 900000, "", ""],
    ]
    for i, cell in enumerate(cells, start=1):
        rows.append(["   041001", f"   档案数字化项目{i}", 300000 * i, "【项目概况】:扫描 5000 卷档案", cell])
    return rows


@pytest.mark.parametrize(
    ("open_", "close", "sep", "item"),
    [
        ("【", "】", "-", "brackets"),
        ("〔", "〕", "—", "brackets"),
        ("[][", "]", "", "brackets"),
        ("【", "】", "/", "colons"),
    ],
)
def test_tagged_lines_in_one_cell_are_the_indicator_set(tmp_path, open_, close, sep, item):
    path = _workbook(tmp_path / "tagged.xlsx", _list_rows([_tagged(open_, close, sep, item)]), ("A1:E1",))
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert fmap.outline == "tagged" and table.rows == [5] * 5 and all(c.sure for c in table.columns)
    (form,) = read_workbook(path).submission.form3s
    got = [(i.level1, i.level2, i.name, i.value) for i in form.indicators]
    assert got[0] == ("产出指标", "数量指标", "数字化档案卷数", "≥5000卷")
    assert got[3] == ("效益指标", "社会效益指标", "档案利用服务", "有力保障")
    assert form.annual_goal == "做好档案数字化，保障档案查阅服务" and form.place.fields["annual_goal"] == "E5"
    assert (form.direction, form.project_amount) == ("档案数字化项目1", 300000)
    found = _findings(path)
    assert all(cell == "E5" for rule, _, cell in found if rule.startswith(("I", "G")))
    assert ("I304", "error", "E5") in found or ("I317", "error", "E5") in found  # 「有力保障」 is no value
    assert ("G602", "warning", "E5") in found  # a goal with no quantity and no deadline
    assert not [f for f in found if f[0] == "I306"]  # 「≤0.01比例」 is the system's ratio notation


def test_a_list_of_projects_is_one_form_per_project(tmp_path):
    cells = [_tagged("【", "】", "-", "brackets"), _tagged("【", "】", "-", "colons")]
    path = _workbook(tmp_path / "list.xlsx", _list_rows(cells), ("A1:E1",))
    forms = read_workbook(path).submission.form3s
    assert [f.direction for f in forms] == ["档案数字化项目1", "档案数字化项目2"]
    assert [f.place.fields["annual_goal"] for f in forms] == ["E5", "E6"]
    assert [len(f.indicators) for f in forms] == [5, 5]
    cells_of = {f.cell for f in validate_file(path).findings if f.rule in ("I304", "I317")}
    assert cells_of == {"E5", "E6"}


def test_indicators_sharing_a_cell_are_each_one_finding(tmp_path):
    cell = _tagged("【", "】", "-", "brackets").replace("档案利用服务(有力保障)", "档案利用服务(持续保障)")
    cell += "\n【效益指标-可持续影响指标】\n指标1:长效机制(有力保障)"
    path = _workbook(tmp_path / "shared.xlsx", _list_rows([cell]), ("A1:E1",))
    errors = [f for f in validate_file(path).findings if f.severity == "error"]
    # two different values, two rows: neither is folded into the other for sharing the cell E5
    assert len(errors) == 2 and {f.cell for f in errors} == {"E5"}


def test_a_line_with_no_delimiter_is_a_guess_a_warning_and_one_note(tmp_path):
    cell = _tagged("【", "】", "-", "brackets").replace("指标1:档案利用服务(有力保障)", "指标1:档案利用服务持续提升")
    cell = cell.replace("指标2:扫描设备数量(≥3台)", "指标2:扫描设备数量≥3台")
    path = _workbook(tmp_path / "guess.xlsx", _list_rows([cell]), ("A1:E1",))
    (form,) = read_workbook(path).submission.form3s
    assert ("扫描设备数量", "≥3台") in [(i.name, i.value) for i in form.indicators]
    assert not _errors(path)  # nothing split with certainty: no confident error
    assert Counter(f[0] for f in _findings(path))["S011"] == 1


def test_a_cell_with_headings_but_no_indicator_lines_is_no_indicator_set(tmp_path):
    rows = _list_rows(["【项目概况】\n扫描 5000 卷档案\n【实施计划】\n2025年6月底前完成"])
    path = _workbook(tmp_path / "none.xlsx", rows, ("A1:E1",))
    assert not _readable(path) or not any(m.outline for m in map_book(path))


def test_an_imported_tagged_list_adds_no_error_and_keeps_every_value(tmp_path):
    cells = [_tagged("【", "】", "-", "brackets"), _tagged("〔", "〕", "—", "colons")]
    src = _workbook(tmp_path / "list.xlsx", _list_rows(cells), ("A1:E1",))
    out = tmp_path / "imported.xlsx"
    import_file(src, out)
    source = Counter(r for r, s, _ in _findings(src) if s == "error")
    imported = Counter(r for r, s, _ in _findings(out) if s == "error")
    assert not imported - source, imported
    got = [(i.name, i.value) for f in read_workbook(out).submission.form3s for i in f.indicators]
    want = [(i.name, i.value) for f in read_workbook(src).submission.form3s for i in f.indicators]
    assert got == want


def test_a_tree_of_several_projects_is_one_form_per_project(tmp_path):
    second = [(1, "慢性病监测", None), (2, "产出指标", None), (3, "数量指标", None), (4, "监测点数量", "12个")]
    second += [(2, "满意度指标", None), (3, "服务对象满意度指标", None), (4, "监测对象满意度", "≥90%")]
    path = _workbook(tmp_path / "two.xlsx", _tree_rows("fullwidth", TREE + second), ("A1:C1", "A2:C2"))
    forms = read_workbook(path).submission.form3s
    assert [f.direction for f in forms] == ["免疫规划疫苗配送", "慢性病监测"]
    assert [len(f.indicators) for f in forms] == [5, 2]
    assert not [f for f in validate_file(path).findings if f.rule == "I309"]  # no duplicates across projects


def test_one_level_per_heading_and_numbered_lines(tmp_path):
    # one level per heading, 「指标」 left off the tags, numbered lines with the value after 「：」
    cell = "\n".join(
        [
            "〔年度目标〕",
            "2025年底前培训基层干部300人次",
            "〔产出〕",
            "〔数量〕",
            "1.培训人次：≥300人次",
            "〔效益〕",
            "〔社会效益〕",
            "1.培训考核合格率：≥95%",
            "〔满意度指标〕",
            "〔服务对象满意度指标〕",
            "1.学员满意度：≥90%",
        ]
    )
    path = _workbook(tmp_path / "single.xlsx", _list_rows([cell]), ("A1:E1",))
    (form,) = read_workbook(path).submission.form3s
    got = [(i.level1, i.level2, i.name, i.value) for i in form.indicators]
    assert got == [
        ("产出", "数量", "培训人次", "≥300人次"),  # the tags as printed: a county's short names are standard
        ("效益", "社会效益", "培训考核合格率", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
    ]
    assert form.annual_goal == "2025年底前培训基层干部300人次"
    assert not [f for f in validate_file(path).findings if f.rule in ("G602", "I304", "I317", "S011", "I301")]


# --- the tree read in-process from a sheet: where its value column and header are looked for -------
_SHORT_TREE = [
    (2, "产出指标", None),
    (3, "数量指标", None),
    (4, "疫苗接种率", "100%"),
    (4, "配送疫苗支数", "≥12000支"),
    (2, "效益指标", None),
    (3, "社会效益指标", None),
    (4, "辖区传染病发病率", "持续提升"),
]


def _tree_sheet(value_col: int, header_row: int | None = None, gap: int = 0):
    """The short tree indented by spaces in column A, its values in ``value_col``; a header row
    (指标名称 | … | 指标值) at ``header_row``, ``gap`` blank rows between it and the tree."""
    from xladdin.io.grid import SheetGrid

    rows: list[list] = []
    if header_row is not None:
        rows += [[] for _ in range(header_row - 1)]
        rows.append(["指标名称"] + [None] * (value_col - 2) + ["指标值"])
        rows += [[] for _ in range(gap)]
    for depth, name, value in _SHORT_TREE:
        rows.append([" " * (2 * depth) + name] + [None] * (value_col - 2) + [value])
    return SheetGrid("批复表", rows)


def test_a_tree_finds_its_value_header_up_to_nine_rows_above_and_as_far_as_column_p():
    from xladdin.outline import outline_tree

    near = outline_tree(_tree_sheet(16, header_row=1, gap=8))  # the tree's first 一级 on row 10
    assert (near.col, near.value_col, near.header_row, near.sure, near.note) == (1, 16, 1, True, "")
    assert [(r, t["name"], t["value"]) for r, t in near.items] == [
        (12, "疫苗接种率", "100%"),
        (13, "配送疫苗支数", "≥12000支"),
        (16, "辖区传染病发病率", "持续提升"),
    ]
    far = outline_tree(_tree_sheet(16, header_row=1, gap=9))  # ten rows above: not its header
    assert (far.value_col, far.header_row) == (16, 0)
    assert far.note == "指标值取自P列（没有表头写明「指标值」，按位置推测）：据此的问题最多为警告"
    assert outline_tree(_tree_sheet(17, header_row=1)) is None  # column Q is past where a tree's values are looked for


def test_tagged_lines_keep_the_spaces_inside_names_values_and_the_goal():
    """A cell is cut into lines at its line breaks only: a name or goal typed with spaces stays whole."""
    from xladdin.outline import tagged_cell

    cell = "\n".join(
        [
            "【产出指标-数量指标】",
            "指标1:培训 农村 党员人数(≥500人)",
            "指标2:发放资料 份数:1000份",
            "【总体目标】",
            "完成 全年 培训任务",
        ]
    )
    got = tagged_cell(cell)
    names = [(x["name"], x["value"]) for x in got.items]
    assert names == [("培训 农村 党员人数", "≥500人"), ("发放资料 份数", "1000份")]
    assert (got.goal, got.sure) == ("完成 全年 培训任务", True)


def test_a_projects_name_in_column_a_of_a_list_is_its_parent():
    """The project's name left of its tagged cell, past a code and an amount, even in column A; a
    heading in brackets is no name."""
    from xladdin.io.grid import SheetGrid
    from xladdin.outline import outline_parent

    cell = "【产出指标-数量指标】\n指标1:道路(5公里)"
    assert outline_parent(SheetGrid("s", [["某村道路硬化", "037001", 12.5, cell]]), 1, 4) == 1
    assert outline_parent(SheetGrid("s", [["037001", "某村道路硬化", 12.5, cell]]), 1, 4) == 2
    assert outline_parent(SheetGrid("s", [["【产出】", "037001", "", cell]]), 1, 4) is None


@pytest.mark.parametrize(
    ("heading", "profile", "why"),
    [
        ("项目效益指标-社会效益指标", "sichuan", "一级指标为「项目完成指标」「项目效益指标」"),
        ("项目完成指标-质量指标", "sichuan", "一级指标为「项目完成指标」「项目效益指标」"),
        ("成本指标-经济成本指标", "national", "「成本指标」为一级指标"),
        ("效益指标-社会效益指标", "ours", "层级名称同标准框架"),
    ],
)
def test_a_tagged_set_names_its_family_by_its_top_levels(heading, profile, why):
    """Tagged lines in one cell: Sichuan's 一级 names (either one) or 成本指标 as a 一级 pick the family."""
    from xladdin.io.grid import SheetGrid
    from xladdin.recognise import map_form

    cell = f"【产出指标-数量指标】\n指标1:道路(5公里)\n【{heading}】\n指标2:出行(改善)"
    rows = [["乡村道路养护项目绩效目标表"], ["项目名称", "乡村道路养护"], ["绩效指标", cell]]
    fmap = map_form("form3", SheetGrid("项目", rows))
    assert fmap.tables["indicators"].cue == "tagged"
    assert (fmap.profile, fmap.profile_cue) == (profile, f"指标为一格中的「【一级-二级】」标签行，{why}")


@pytest.mark.parametrize(
    ("header_row", "uneven", "sure", "value_sure", "note"),
    [
        (1, False, True, True, ""),
        (None, False, True, False, "指标值取自B列（没有表头写明「指标值」，按位置推测）：据此的问题最多为警告"),
        (1, True, False, False, "指标层级按缩进推测（A列），层级不齐：据此的问题最多为警告"),
    ],
)
def test_a_trees_columns_are_sure_only_when_its_levels_and_value_header_are(
    header_row, uneven, sure, value_sure, note
):
    """The map of a tree: its level columns sure when the levels are even, its value column when a
    header names it too; one note otherwise (a finding on an unsure column is at most a warning)."""
    from xladdin.recognise import map_form

    tree = _tree_sheet(2, header_row=header_row)
    if uneven:  # 社会效益指标 (a 二级) printed at its indicators' depth
        r = 1 + len(_SHORT_TREE) - 2 + (1 if header_row else 0)
        tree.rows[r - 1][0] = " " * 8 + "社会效益指标"
    tree.rows.insert(0, ["某县疾病预防控制中心项目绩效目标表"])
    fmap = map_form("form3", tree)
    columns = [(c.key, c.col, c.header, c.cue, c.sure) for c in fmap.tables["indicators"].columns]
    assert columns == [
        ("level1", "A", "", "outline", sure),
        ("level2", "A", "", "outline", sure),
        ("name", "A", "", "outline", sure),
        ("value", "B", "指标值" if header_row else "", "outline", value_sure),
    ]
    assert fmap.outline_note == note
    assert fmap.notes == ["指标为A列中的层级树（按缩进分一级、二级、三级），指标值在B列"]
