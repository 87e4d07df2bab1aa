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


# --- money tables standing right of a side label: funding lines by level, a 支出明细 in column B ----------
def _money(central: object, county: object, basis: str, total: object = 120) -> tuple[list[list[object]], tuple]:
    """湘阴 2022 prints 「项目资金情况」 down A, 「项目资金申请(万元)」 and 「支出明细预算(万元)」 in B, each with a
    「项 目 │ 上年度安排资金 │ 本年度申请资金 (│ 测算依据及说明)」 header and its 合计 line FIRST; here other
    words (资金来源, 本年申请金额, 支出项目), the 小计 line LAST, two items, a central share."""
    rows: list[list[object]] = [
        ["项目支出绩效目标申报表"],
        ["基本情况", "项目名称", "农村义务教育学生营养改善计划"],
        ["", "项目概况", "按每生每天5元补助，其中中央财政补助80%，县级财政配套20%。"],
        ["资金情况", "资金来源(万元)", "资金来源", "上年预算", "本年申请金额"],
        ["", "", "合计", 110, 120],
        ["", "", "中央财政补助资金", "", central],
        ["", "", "县级配套资金", 110, county],
        ["", "支出明细(万元)", "支出项目", "上年预算", "本年申请金额", "测算依据"],
        ["", "", "学生营养餐", 100, 110, basis],
        ["", "", "食堂运转", 10, 10, "10所×1万元/所=10万元"],
        ["", "", "小计", 110, total, ""],
        ["保障措施", "", "建立营养餐管理制度"],
    ]
    return rows, ("A4:A11", "B4:B7", "B8:B11")


def test_a_detail_table_right_of_a_side_label_is_read_by_its_header(tmp_path):
    rows, merges = _money(96, 24, "5元/生/天×200天×1100生=110万元")
    path = _workbook(tmp_path / "money.xlsx", rows, merges)
    reading = read_workbook(path)
    (fmap,) = reading.structure.maps
    table = fmap.tables["details"]
    assert (table.header_row, table.rows, table.total_row, table.keyed()) == (
        8,
        [9, 10],
        11,
        {"summary": "C", "amount": "E", "basis": "F"},
    )
    assert (fmap.fields["project_amount"].cell, fmap.fields["detail_total"].cell) == ("E5", "E11")
    assert [(f.key, f.cell, f.value) for f in fmap.sources] == [("中央", "E6", 96), ("县", "E7", 24)]
    (form,) = reading.submission.form3s
    assert [(d.summary, d.amount) for d in form.details] == [("学生营养餐", 110), ("食堂运转", 10)]
    assert not [f for f in validate_file(path).findings if f.severity != "info"]
    rows, merges = _money(96, 24, "5元/生/天×200天×1100生=110万元", total=130)  # a 小计 that does not add
    assert _found(_workbook(tmp_path / "sum.xlsx", rows, merges), "A107") == [("E11", "error")]


def test_a_share_of_a_level_left_blank_in_the_funding_lines_is_a_warning(tmp_path):
    rows, merges = _money(None, 120, "5元/生/天×200天×1100生=110万元")
    path = _workbook(tmp_path / "share.xlsx", rows, merges)
    assert _found(path, "G618") == [("E6", "warning")]


def test_a_basis_saying_only_that_it_was_worked_out_is_a_warning(tmp_path):
    rows, merges = _money(96, 24, "根据财教〔2021〕10号文件，按照实际就餐人数据实核算")
    path = _workbook(tmp_path / "vague.xlsx", rows, merges)
    assert _found(path, "B402") == [("F9", "warning")]


# --- a social effect filed under 经济效益 -------------------------------------------------------------------
def _benefits(level2: str, name: str) -> list[list[object]]:
    """和平 2020 files 「提高县城初中学生就学率」 under 经济效益指标; here a clinic's 发病率, the table with a
    unit column."""
    return [
        ["乡镇卫生院能力提升项目绩效目标表"],
        ["项目名称", "乡镇卫生院能力提升"],
        ["年度绩效目标", "全年为辖区8000名居民提供基本医疗服务，12月底前完成设备采购。"],
        ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"],
        ["产出指标", "数量指标", "服务居民人数", 8000, "人"],
        ["效益指标", level2, name, "≤3", "%"],
        ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90", "%"],
    ]


def test_a_health_effect_under_economic_benefit_is_a_warning(tmp_path):
    path = _workbook(tmp_path / "health.xlsx", _benefits("经济效益", "辖区居民慢性病发病率"))
    assert _found(path, "I398") == [("C6", "warning")]


def test_an_economic_effect_or_a_social_level_is_fine(tmp_path):
    jobs = _workbook(tmp_path / "jobs.xlsx", _benefits("经济效益指标", "带动就业岗位"))
    social = _workbook(tmp_path / "social.xlsx", _benefits("社会效益指标", "辖区居民慢性病发病率"))
    assert _found(jobs, "I398") == [] and _found(social, "I398") == []
