"""Two sets of indicators side by side in the same rows (安徽六安 2024: 一级 │ 二级 │ 三级 │ 指标值 │ 二级 │
三级 │ 指标值, the 中期 set beside the year's): the set beside the year's is read as its own period
(``period_indicators``, as a 长期 block above the year's is) and judged row by row; the same finding on
both copies of one indicator is one finding. Pinned by variants spelt differently from the form it was
found in: no period words, 中期指标 / 年度指标 printed over the groups, four columns per set, the year's
set printed first; and look-alikes that are not two sets."""

from __future__ import annotations

from helpers import error_lines as _errors
from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.reader import read_workbook
from xladdin.validate import validate_file


def _found(path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(f.rule, f.severity, f.cell, f.cells) for f in validate_file(path).findings]


def _head(over: tuple[str, str] | None) -> list[list[object]]:
    rows: list[list[object]] = [
        ["项目支出绩效目标申报表"],
        ["(2025年度)"],
        ["项目名称", "农村公路养护提升项目"],
        ["主管部门及代码", "[102]某县交通运输局", "", "", "实施单位", "某县公路事务中心"],
        ["项目属性", "延续项目", "", "", "项目期", "3年"],
        ["总体目标", "中期目标(2025年—2027年)", "", "", "年度目标"],
        [
            "",
            "三年完成农村公路养护1200公里，优良路率达到85%。",
            "",
            "",
            "2025年完成农村公路养护400公里，优良路率达到80%。",
        ],
    ]
    if over is not None:  # a row naming each group's period over its columns
        rows.append(["", over[0], "", "", "", over[1]])
    return rows


#: 二级 │ 三级 │ 指标值 of one set, per row: the 中期 set, then the year's (its own targets, not a copy)
_MID = [
    ("数量指标", "农村公路养护里程", "≥1200公里"),
    ("质量指标", "优良路率", "≥85%"),
    ("", "路况巡查", "≥36次"),
    ("时效指标", "病害处置及时率", "≤5个工作日"),
    ("社会效益指标", "群众出行时间缩短率", "≥10%"),
    ("满意度指标", "沿线群众满意度", "≥90%"),
]
_YEAR = [
    ("数量指标", "农村公路养护里程", "≥400公里"),
    ("质量指标", "优良路率", "≥80%"),
    ("", "路况巡查合格率", "≥95%"),
    ("时效指标", "病害处置及时率", "≥95%"),
    ("社会效益指标", "群众出行时间缩短率", "≥5%"),
    ("满意度指标", "沿线群众满意度", "≥90%"),
]
_LEVEL1 = ["产出指标", "", "", "", "效益指标", "满意度指标"]


def _form(tmp_path, name: str, *, over=None, header=None, units=False, year_first=False):
    rows = _head(over)
    first, second = (_YEAR, _MID) if year_first else (_MID, _YEAR)
    width = 4 if units else 3
    header = header or ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
    rows.append(["绩效指标", *header])
    for top, a, b in zip(_LEVEL1, first, second, strict=True):
        left, right = ([*a, ""], [*b, ""]) if units else (list(a), list(b))
        rows.append(["", top, *left[:width], *right[:width]])
    h = len(_head(over)) + 1
    merges = ("A1:H1", "A2:H2", "B3:H3", "A6:A7", "B6:D6", "E6:H6", "B7:D7", "E7:H7", f"A{h}:A{h + len(_LEVEL1)}")
    return _workbook(tmp_path / f"{name}.xlsx", rows, () if units or over else merges)


def _period(path):
    (fmap,) = map_book(path)
    (form,) = read_workbook(path).submission.form3s
    return fmap, form


def test_the_set_beside_the_years_is_read_as_its_own_period(tmp_path):
    path = _form(tmp_path, "plain")
    fmap, form = _period(path)
    table = fmap.tables["period_indicators"]
    assert table.key == "period_indicators"
    assert [c.col for c in table.columns] == ["B", "C", "D", "E"]  # the shared 一级, then the set's own
    assert fmap.tables["indicators"].keyed()["value"] == "H"  # the year's set, as before
    assert [i.name for i in form.period_indicators][:2] == ["农村公路养护里程", "优良路率"]
    assert form.period_indicators[3].level2 == "时效指标"  # carried down in the set's own 二级 column
    assert form.indicators[0].value == "≥400公里"
    assert form.period_goal.startswith("三年完成")  # the goal under the 中期 heading, not the heading


def test_each_set_is_judged_row_by_row_at_its_own_cells(tmp_path):
    path = _form(tmp_path, "judged")
    found = _found(path)
    # 「路况巡查 ≥36次」 (a count under 质量) stands only in the 中期 set (E11); the year's row is a rate
    assert ("I326", "warning", "E11", ()) in found
    # 「病害处置及时率 ≤5个工作日」: a timeliness rate given its deadline, a warning, not I306's error
    assert ("I385", "warning", "E12", ()) in found
    assert not [f for f in found if f[0] == "I306"]
    assert not _errors(path)


def test_the_same_finding_on_both_copies_of_one_indicator_is_one_finding(tmp_path):
    rows = _head(None)
    rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"])
    rows.append(["", "产出指标", "质量指标", "设备维护", "≥4次", "质量指标", "设备维护", "≥4次"])
    rows.append(["", "满意度指标", "满意度指标", "群众满意度", "≥90%", "满意度指标", "群众满意度", "≥90%"])
    path = _workbook(tmp_path / "copied.xlsx", rows)
    found = [f for f in _found(path) if f[0] == "I326"]
    assert found == [("I326", "warning", "E9", ("Sheet1!H9",))]


def test_period_words_over_the_groups(tmp_path):
    path = _form(tmp_path, "over", over=("中期指标", "年度指标"))
    fmap, _ = _period(path)
    assert fmap.tables["period_indicators"].col("value") == "E"
    assert fmap.tables["indicators"].col("value") == "H"
    midterm = [c for c in fmap.tables["indicators"].columns if c.key == "extra" and c.col == "E"]
    assert midterm and midterm[0].period == "中期"
    assert ("I326", "warning", "E12", ()) in _found(path)


def test_period_words_in_the_header_cells_with_the_years_set_first(tmp_path):
    header = [
        "一级指标",
        "二级指标(年度)",
        "三级指标(年度)",
        "指标值(年度)",
        "二级指标(中期)",
        "三级指标(中期)",
        "指标值(中期)",
    ]
    path = _form(tmp_path, "yearfirst", header=header, year_first=True)
    fmap, form = _period(path)
    assert fmap.tables["indicators"].col("value") == "E"  # the header names the year's set
    assert fmap.tables["period_indicators"].col("value") == "H"
    assert form.indicators[0].value == "≥400公里" and form.period_indicators[0].value == "≥1200公里"
    assert ("I326", "warning", "H11", ()) in _found(path)


def test_four_columns_per_set(tmp_path):
    header = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "二级指标", "三级指标", "指标值", "计量单位"]
    path = _form(tmp_path, "units", header=header, units=True)
    fmap, form = _period(path)
    period = fmap.tables["period_indicators"]
    assert (period.col("name"), period.col("value"), period.col("unit")) == ("D", "E", "F")
    assert fmap.tables["indicators"].col("unit") == "J"
    assert form.period_indicators[0].name == "农村公路养护里程"


def test_a_blank_set_beside_the_years_is_no_period_set(tmp_path):
    # a one-year project leaves its 中期 side empty (湖北青山 2020): nothing to read, nothing to report
    rows = _head(None)
    rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"])
    for top, (l2, name, value) in zip(_LEVEL1, _YEAR, strict=True):
        rows.append(["", top, l2, "", "", l2, name, value])
    path = _workbook(tmp_path / "blank.xlsx", rows)
    fmap, form = _period(path)
    assert "period_indicators" not in fmap.tables and not form.period_indicators
    assert not {r for r, *_ in _found(path)} & {"I347", "I302", "I303"}


def test_two_value_columns_are_not_two_sets(tmp_path):
    # 半年指标值 │ 全年指标值 (江苏镇江): one set with two values, not a second set of indicators
    rows = _head(None)
    rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值"])
    for top, (l2, name, value) in zip(_LEVEL1, _YEAR, strict=True):
        rows.append(["", top, l2, name, value, value])
    path = _workbook(tmp_path / "halves.xlsx", rows)
    fmap, _ = _period(path)
    assert "period_indicators" not in fmap.tables
