"""The seventh set's misses left after session 8 (tests/data/realforms/set7: 湖南湘阴 2022, 湖南湘西 2023,
广东和平 2020), each class pinned by a variant spelt differently from the form that showed it, and a
look-alike read the other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.reader import read_workbook
from xladdin.validate import validate_file


def _found(path, code):
    return [(f.cell, f.severity) for f in validate_file(path).findings if f.rule == code]


# --- a value typed 定性 that is a number ----------------------------------------------------------------
def _typed(head: list[object], rows: list[list[object]]) -> list[list[object]]:
    """湘西 2023 prints 指标值 │ … │ 度量单位 │ 指标值类型 at the right of an 一体化 list; here a 部门整体-like
    table with the 指标性质 column BEFORE the value and the unit after it (岳阳楼's order), or both an
    operator column and a type column."""
    return [
        ["某县文化馆2025年项目支出绩效目标表"],
        ["项目名称", "公共文化服务"],
        ["年度绩效目标", "全年举办群众文化活动24场，12月底前完成。"],
        head,
        *rows,
    ]


_HEAD = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"]


def test_a_number_typed_qualitative_is_a_warning(tmp_path):
    rows = [
        ["产出指标", "数量指标", "举办活动场次", "定量", 24, "场"],
        ["效益指标", "社会效益指标", "群众文化生活", "定性", "明显改善", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "定性", 90, "%"],
    ]
    path = _workbook(tmp_path / "typed.xlsx", _typed(_HEAD, rows))
    (form,) = read_workbook(path).submission.form3s
    assert [i.value_type for i in form.indicators] == ["定量", "定性", "定性"]  # kept as its own field
    assert _found(path, "I397") == [("E7", "warning")]


def test_a_type_column_beside_an_operator_column_is_read_too(tmp_path):
    head = ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "度量单位", "指标值类型"]
    rows = [
        ["产出指标", "数量指标", "举办活动场次", "≥", 24, "场", "定量"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", "定性指标"],
    ]
    path = _workbook(tmp_path / "both.xlsx", _typed(head, rows))
    (form,) = read_workbook(path).submission.form3s
    assert [(i.value, i.value_type) for i in form.indicators] == [("≥24场", "定量"), ("≥90%", "定性")]
    assert _found(path, "I397") == [("E6", "warning")]


def test_a_grade_typed_qualitative_and_a_rate_typed_quantitative_are_fine(tmp_path):
    rows = [
        ["产出指标", "数量指标", "举办活动场次", "定量", 24, "场"],
        ["效益指标", "社会效益指标", "群众文化生活", "定性", "良好", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "定量", 90, "%"],
    ]
    path = _workbook(tmp_path / "fine.xlsx", _typed(_HEAD, rows))
    assert _found(path, "I397") == []
