"""Recognition of forms in other bureaus' layouts: the real published forms of tests/data/realforms
(five forms, four provinces) are read as the right form, their indicator rows classified through
merged cells, value and unit columns joined, header rows never read as data; a section that is
really missing is said once and the rules that need it stay silent.

Expected values are read off the published forms (the corpus JSON), not from the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import rows_workbook as _workbook

from tests.realforms import build_xlsx, load
from xladdin.io.xlsx import read_grid
from xladdin.reader import read_grid_model, read_workbook
from xladdin.validate import validate_file

CASES = {c.name: c for c in load()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("realforms")
    return {name: build_xlsx(case, folder / f"{name}.xlsx") for name, case in CASES.items()}


def form3(built, name):
    sub = read_workbook(built[name]).submission
    assert sub.form1 is None and sub.form2 is None
    assert len(sub.form3s) == 1, name
    return sub.form3s[0]


def test_every_corpus_form_is_read_as_the_right_form(built):
    for name in CASES:
        sub = read_workbook(built[name]).submission
        if name.endswith("-zhengti"):  # 整体 forms: titled 整体绩效目标表, or printing 整体目标
            assert sub.form1 is not None and not sub.form3s, name
            f = sub.form1
        else:
            f = form3(built, name)
        assert f.indicators, name
        for ind in f.indicators:
            assert ind.level1 not in ("一级指标", None), (name, ind)  # header rows are no data
            assert ind.level2 != "二级指标", (name, ind)


def test_merges_read_in_every_cell(built):
    """Merge spans come from the file (openpyxl wrote them as the form prints them)."""
    sheet = read_grid(built["hunan-xiangtan-2023-xiangmu"]).sheets[0]
    assert (9, 3, 10, 3) in sheet.merges  # C9:C10 数量指标 over two rows
    assert (8, 1, 18, 1) in sheet.merges


def test_hunan_xiangtan_labels_merges_and_signature_in_one_cell(built):
    f = form3(built, "hunan-xiangtan-2023-xiangmu")
    assert f.sheet == "Sheet1"
    assert (f.direction, f.cell("direction")) == ("雾炮车降尘抑尘服务", "B3")  # 项目支出名称
    assert (f.project_amount, f.cell("project_amount")) == ("250万", "B4")  # 年度本级 预算金额
    assert f.period == "2023.07-2024.01"  # 项目支出实施期
    assert f.cell("annual_goal") == "B7"  # 本年度绩效目标
    rows = f.place.rows["indicators"]
    assert rows == list(range(9, 19))  # header in the label row (本年度 绩效指标): data from row 9
    by_row = dict(zip(rows, f.indicators, strict=True))
    # C9:C10 merges 数量指标 over two rows: the second row is a 数量指标 too
    assert (by_row[10].level1, by_row[10].level2, by_row[10].name) == ("产出指标", "数量指标", "雾炮车风炮射程")
    assert by_row[15].level1 == "效益指标" and by_row[15].level2 == "社会效益指标"
    assert by_row[18].level1 == "社会公众或服务对象满意度指标"
    assert f.indicators[0].standard == "计划标准"
    # 「填表人: 宋云花 联系电话:16607326331 填报日期: 单位负责人签字:」 in one cell
    assert (f.signature.filler, f.signature.phone, f.signature.head) == ("宋云花", "16607326331", None)
    assert f.cell("signature.head") == "A20"


def test_sichuan_list_form_joins_operator_value_and_unit(built):
    f = form3(built, "sichuan-majing-2023-xiangmu")
    rows = f.place.rows["indicators"]
    assert rows == list(range(5, 13))  # found by its header (no label to its left); row 4 is a total
    by_row = dict(zip(rows, f.indicators, strict=True))
    assert (by_row[5].value, by_row[5].unit) == ("≥95%", "%")
    assert (by_row[9].name, by_row[9].value, by_row[9].unit) == ("村组干部230人", "≥230个", "个")
    assert (by_row[7].value, by_row[7].unit) == ("≥1人/年", "人/年")
    assert f.place.columns["indicators"]["value"] == "I"
    assert f.direction == "村组干部报酬" and f.project_amount == 3309840
    assert f.annual_goal == "按时发放村组干部报酬"


def test_gansu_form_on_a_sheet_named_after_the_project(built):
    f = form3(built, "gansu-jiayuguan-2023-xiangmu")
    assert f.sheet == "博物馆纪念馆市级免费开放补助资金"
    assert f.direction == "博物馆纪念馆市级免费开放补助资金"  # 二级项目名称
    assert f.parent_name == "文化事业发展专项资金"  # 一*级项目名称
    assert (f.project_amount, f.cell("project_amount")) == ("20万元", "B10")  # 预算申报数
    assert f.place.rows["indicators"] == list(range(20, 30))
    levels = [(i.level1, i.level2) for i in f.indicators]
    assert levels[1] == ("产出指标", "质量指标")
    assert levels[4] == ("成本指标", "社会成本指标")  # 财预〔2021〕101号: 成本指标 as a 一级
    assert levels[9] == ("满意度指标", "服务对象满意度")


def test_anhui_group_label_and_placeholder_notes(built):
    f = form3(built, "anhui-jinzhai-2021-xiangmu")
    assert (f.project_amount, f.cell("project_amount")) == (1125, "D5")  # 项目资金(万元) › 年度资金总额:
    assert f.place.rows["indicators"] == list(range(10, 19))  # 注: rows after the table are no data
    assert f.indicators[1].level1 == "产出指标"  # A/B merged down


def test_ningxiang_annual_table_and_placeholder_row(built):
    f = form3(built, "hunan-ningxiang-2021-xiangmu")
    rows = f.place.rows["indicators"]
    assert rows[0] == 34 and 38 not in rows  # 「…」 is a placeholder, not an indicator
    assert f.cell("signature.phone") == "B8" and f.signature.phone is None


def test_no_cascade_on_the_corpus(built):
    for name in CASES:
        report = validate_file(built[name])
        rules = {f.rule for f in report.findings}
        assert not rules & {"S001", "S002", "A107", "A108", "A109", "A110", "I313"}, (name, rules)
        assert not [f for f in report.findings if f.cell == "A1"], name


# --- sections that stand elsewhere, or nowhere ---------------------------------------------------


HEAD = [
    ["2024年项目支出绩效目标申报表"],
    ["项目名称", "社区养老服务补助"],
    ["预算申报数", 50],
    ["本年度绩效目标", "为辖区120名老人提供上门服务"],
]


def test_header_on_its_own_row_under_the_label_is_not_data(tmp_path):
    rows = [
        *HEAD,
        ["绩效指标"],
        ["", "一级指标", "二级指标", "三级指标", "指标值", "计量单位"],
        ["", "产出指标", "数量指标", "服务老人数", 120, "人"],
        ["", "", "", "服务次数", 2400, "次"],
        ["", "", "质量指标", "服务合格率", 95, "%"],
        ["", "效益指标", "社会效益指标", "老人生活质量", "明显提升", ""],
        ["", "满意度指标", "服务对象满意度指标", "老人满意度", 90, "%"],
        ["填表人：李华", "", "联系电话：0731-22881234"],
    ]
    path = _workbook(tmp_path / "own-row.xlsx", rows, ("A5:A11", "B7:B9", "C7:C8"))
    f = read_workbook(path).submission.form3s[0]
    assert f.place.rows["indicators"] == [7, 8, 9, 10, 11]
    second = f.indicators[1]
    assert (second.level1, second.level2, second.name, second.value, second.unit) == (
        "产出指标",
        "数量指标",
        "服务次数",
        "2400次",
        "次",
    )
    assert f.indicators[2].value == "95%"
    assert f.indicators[3].value == "明显提升" and f.indicators[3].unit is None
    assert (f.signature.filler, f.signature.phone) == ("李华", "0731-22881234")
    report = validate_file(path)
    assert not [x for x in report.findings if x.rule in ("I306", "I303", "S002")]


def test_a_missing_indicator_table_is_said_once_and_its_rules_stay_silent(tmp_path):
    path = _workbook(tmp_path / "no-table.xlsx", [*HEAD, ["填表人：李华"]])
    report = validate_file(path)
    s002 = [f for f in report.findings if f.rule == "S002"]
    assert len(s002) == 1 and s002[0].sheet == "Sheet1" and "年度绩效指标" in s002[0].message
    assert not [f for f in report.findings if f.rule.startswith("I3")]


def test_a_form_without_details_has_no_structure_error(tmp_path):
    rows = [
        *HEAD,
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "服务老人数", "120人"],
        ["", "效益指标", "社会效益指标", "老人生活质量", "明显提升"],
        ["", "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"],
    ]
    report = validate_file(_workbook(tmp_path / "no-details.xlsx", rows, ("A5:A8",)))
    assert not [f for f in report.findings if f.rule in ("S001", "S002", "A107", "A108", "B401", "B402")]


def test_a_department_form_in_another_layout_on_sheet1(tmp_path):
    """A 整体 form as a city bureau prints it: title only (no 附表1), label|value pairs in one row,
    the table header in the label row, a separate 计量单位 column."""
    rows = [
        ["湘潭市城市管理局2023年度整体绩效目标表"],
        ["部门（单位）名称", "湘潭市城市管理局"],
        ["年度本级预算金额", 500, "基本支出", 300, "项目支出", 150],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "计量单位"],
        ["", "产出指标", "数量指标", "道路清扫面积", 120, "万平方米"],
        ["", "", "质量指标", "清扫合格率", 95, "%"],
        ["", "效益指标", "社会效益指标", "市容改善", "明显", ""],
        ["", "满意度指标", "服务对象满意度指标", "市民满意度", 90, "%"],
        ["填表人：", "", "联系电话："],
    ]
    path = _workbook(tmp_path / "dept.xlsx", rows, ("A4:A8", "B5:B6"))
    f1 = read_workbook(path).submission.form1
    assert f1 is not None and f1.sheet == "Sheet1"
    assert (f1.department, f1.total, f1.basic, f1.project) == ("湘潭市城市管理局", 500, 300, 150)
    assert [i.value for i in f1.indicators] == ["120万平方米", "95%", "明显", "90%"]
    assert f1.indicators[1].level1 == "产出指标"
    findings = {(f.rule, f.cell) for f in validate_file(path).findings}
    # 500 ≠ 300 + 150 is the form's real defect; no 收入 lines are printed, so A103 does not run
    assert ("A104", "D3") in findings
    assert not {r for r, _ in findings} & {"A103", "S001", "S002", "A110", "I301"}
    assert {("F502", "B9"), ("F502", "D9")} <= findings


def test_a_foreign_project_sheet_beside_our_forms(example_file, tmp_path):
    """Our workbook with one more sheet holding a 项目 form in another layout: it is read as a 附表3
    (its fields found by their labels, not at our template's addresses), and sync copies its values."""
    import shutil

    import openpyxl

    from xladdin.cli import main

    path = tmp_path / "mixed.xlsx"
    shutil.copy(example_file, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("社区养老")
    for r, row in enumerate([*HEAD, ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]], start=1):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                ws.cell(r, c, value)
    ws.cell(6, 2, "产出指标"), ws.cell(6, 3, "数量指标"), ws.cell(6, 4, "服务老人数"), ws.cell(6, 5, "120人")
    wb.save(path)
    f3 = next(f for f in read_workbook(path).submission.form3s if f.sheet == "社区养老")
    assert (f3.direction, f3.project_amount, f3.parent_name) == ("社区养老服务补助", 50, None)
    assert f3.cell("parent_amount") == "" and f3.cell("project_amount") == "B3"
    report = validate_file(path)
    mine = [f for f in report.findings if f.sheet == "社区养老"]
    assert not [f for f in mine if f.rule in ("A109", "X203", "S002")]
    assert [f.cell for f in mine if f.rule == "X202"] == ["B2"]  # not on 附表2 yet
    assert main(["sync", str(path)]) == 0
    assert not [f for f in validate_file(path).findings if f.rule == "X202"]


def test_long_term_and_annual_columns_side_by_side_read_the_years(built):
    """青山 prints 二级指标(长期) … 指标值(年度); 东莞 prints 中期 then 年度 columns without saying so."""
    qs = form3(built, "hubei-qingshan-2020-xiangmu")
    assert qs.place.columns["indicators"] == {"level1": "A", "level2": "E", "name": "F", "value": "G"}
    assert qs.place.rows["indicators"] == list(range(13, 20))  # 附件: ends the table
    assert (qs.indicators[0].name, qs.indicators[0].value) == ("重点建设工程安排数量", 2)
    assert qs.cell("annual_goal") == "E10"  # 年度目标 over its text
    dg = form3(built, "guangdong-dongguan-2019-xiangmu")
    assert {k: dg.place.columns["indicators"][k] for k in ("level2", "name", "value")} == {
        "level2": "F",
        "name": "G",
        "value": "H",
    }
    assert dg.project_amount == 919  # 本年度申请市财政预算资金(万元)


@pytest.mark.parametrize("text", ["0绩效目标表", "参照2024年专项资金支出方向绩效目标表测算"])
@pytest.mark.parametrize("column", ["detail", "basis", "summary"])
def test_a_title_typed_into_a_data_cell_starts_no_second_form(grid_copy, text, column):
    """Only a row printing a title as titles are printed (its first text, in the first column or merged
    across the form) starts another form on the same sheet; 「…绩效目标表」 typed into a 支出明细 cell
    is data (found by the build-then-read round trip)."""
    from helpers import edit, findings

    before = read_grid_model(grid_copy).submission
    f3 = before.form3s[0]
    row = f3.place.rows["details"][-1]
    cell = f"{f3.place.columns['details'][column]}{row}"
    edit(grid_copy, f3.sheet, cell, text)
    after = read_grid_model(grid_copy).submission
    assert [f.sheet for f in after.form3s] == [f.sheet for f in before.form3s]
    assert getattr(after.form3s[0].details[-1], column) == text
    assert not [f for f in findings(grid_copy) if f.rule.startswith("S")]
