"""Forms with no title our vocabulary knows (set2 of the real-forms corpus: 镇江 2024 项目绩效,
浮梁 2026 部门整体绩效目标, 阳泉 2021): recognised as the right form, their amount found under a
block label, and imported with our title so the new workbook adds no 表格结构缺项 (S002)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from openpyxl import Workbook

from xladdin.commands.importer import import_file
from xladdin.io.grid import SheetGrid
from xladdin.reader import read_workbook
from xladdin.recognise import identify, locate_fields
from xladdin.validate import validate_file

HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
INDICATORS = [
    ["产出指标", "数量指标", "保障人数", "116人"],
    ["效益指标", "社会效益指标", "群众知晓率", "≥90%"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
]

#: An untitled 项目 form (镇江's shape): 项目名称 first, then a funding block under a label merged
#: down over its rows, whose first line is the block's heading 「收入」, not an amount.
PROJECT = [
    ["2024年度"],
    ["项目名称", "公园运转经费"],
    ["实施部门", "某局", None, "预算单位", "某馆"],
    ["项目资金(万元)", "收入", None, None, "全年预算数"],
    [None, "资金总额", None, None, 80],
    [None, "财政拨款", "小计", None, 80],
    [None, None, "一般公共预算资金", None, 80],
    ["年度目标", "保障公园全年免费开放"],
    HEADER,
    *INDICATORS,
]
PROJECT_MERGES = ["A4:A7", "B4:D4", "B5:D5", "C6:D6", "C7:D7", "B2:E2", "B8:E8"]

#: A 整体 form whose title (「部门整体绩效目标」) names no 表: recognised by its labels, titled by us.
WHOLE = [
    ["部门整体绩效目标"],
    ["部门名称:", "某林业局"],
    ["部门职能职责概述", "负责全县林业资源保护。"],
    HEADER,
    *INDICATORS,
]

#: 阳泉's amount row: a group label, a blank 中期 total, then 年度预算资金总额 and its value.
YEAR_TOTAL = [
    ["某市项目支出绩效目标申报表"],
    ["项目名称", "农村公路工作经费"],
    ["项目预算资金(万元)", "中期预算资金总额", None, "年度预算资金总额", 25],
    ["年度目标", "完成巡查"],
    HEADER,
    *INDICATORS,
]


def _xlsx(path: Path, rows: list[list], merges: list[str] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def _errors(path: Path) -> Counter[str]:
    return Counter(f.rule for f in validate_file(path).findings if f.severity == "error")


def test_an_untitled_form_is_the_form_its_first_sign_names():
    # 项目名称 printed before a funding block that lists 财政拨款: a 项目 form, not a 整体 one
    assert identify(SheetGrid("s", rows=[list(r) for r in PROJECT])) == "form3"
    assert identify(SheetGrid("s", rows=[list(r) for r in WHOLE])) == "form1"


def test_an_amount_label_over_a_block_takes_the_amount_of_the_block(tmp_path):
    src = _xlsx(tmp_path / "project.xlsx", PROJECT, PROJECT_MERGES)
    sheet = read_workbook(src).grid.sheet("Sheet1")
    found, notes = locate_fields("form3", sheet, {"project_amount"}, set())
    assert found["project_amount"][:3] == (5, 5, 80)  # E5, beside 资金总额, not 「收入」 beside the block label
    assert any("收入" in n for n in notes)


def test_an_amount_labelled_as_the_years_budget_is_read(tmp_path):
    src = _xlsx(tmp_path / "year.xlsx", YEAR_TOTAL)
    assert read_workbook(src).submission.form3s[0].project_amount == 25


def test_importing_untitled_forms_adds_no_error(tmp_path):
    for name, rows, merges in (("project", PROJECT, PROJECT_MERGES), ("whole", WHOLE, [])):
        src = _xlsx(tmp_path / f"{name}.xlsx", rows, merges)
        dst = tmp_path / f"{name}-导入.xlsx"
        result = import_file(src, dst)
        assert _errors(dst) - _errors(src) == Counter(), name
        if name == "project":  # 「2024年度」 alone names no form: no title
            assert any("没有标题" in c for c in result.changes), name
        else:  # the sheet's first line naming 目标 is its title (a guess), completed and kept on 导入备注
            assert read_workbook(dst).submission.form1.title == "部门整体绩效目标表"
            assert ("Sheet1!A1", "部门整体绩效目标") in {(n.where, n.text) for n in result.notes}


def test_a_title_our_layout_would_not_find_is_completed_and_noted(tmp_path):
    rows = [["某局2026年部门整体支出绩效目标"], *WHOLE[1:]]  # a title, but with no 「表」
    src = _xlsx(tmp_path / "whole.xlsx", rows)
    dst = tmp_path / "whole-导入.xlsx"
    result = import_file(src, dst)
    assert _errors(dst) - _errors(src) == Counter()
    assert read_workbook(dst).submission.form1.title == "某局2026年部门整体支出绩效目标表"
    assert {(n.where, n.text) for n in result.notes} >= {("Sheet1!A1", "某局2026年部门整体支出绩效目标")}
