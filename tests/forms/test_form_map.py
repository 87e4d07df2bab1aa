"""The form map (recognition as data), profiles, and what a guess may say (issue 19, items 1–3)."""

from __future__ import annotations

import json

import pytest
from helpers import rows_workbook as _workbook

from xladdin.build.workbook import counts
from xladdin.cli import main
from xladdin.commands.inspect_map import map_book
from xladdin.config import ConfigError, load_config
from xladdin.layout import LAYOUTS
from xladdin.layout.place import plan
from xladdin.layout.profiles import PROFILES, category_of, has_column, profile_of, standard_level_names
from xladdin.reader import read_workbook
from xladdin.validate import validate_file


# --- inspect on our own forms names exactly the layout's cells ------------------------------------
def test_inspect_on_our_forms_names_exactly_the_cells_the_layout_names(example_file):
    maps = {m.sheet: m for m in map_book(example_file)}
    sub = read_workbook(example_file).submission
    assert set(maps) == {f.sheet for f in sub.forms()}
    for form in sub.forms():
        fmap = maps[form.sheet]
        kind = fmap.kind
        laid = plan(LAYOUTS[kind], counts(form)).placement()
        assert fmap.template and fmap.profile == "ours" and fmap.missing == []
        assert {k: f.cell for k, f in fmap.fields.items()} == laid.fields, form.sheet
        assert all(f.cue == "layout" and f.sure for f in fmap.fields.values())
        for key, table in fmap.tables.items():
            assert table.rows == laid.rows[key], (form.sheet, key)
            assert table.keyed() == {k: c for k, c in laid.columns[key].items() if k != "standard" or kind == "form3"}
        assert set(fmap.tables) == {k for k, rows in laid.rows.items()}


def test_inspect_cli_prints_the_map_and_json(example_file, capsys):
    assert main(["inspect", str(example_file)]) == 0
    text = capsys.readouterr().out
    assert "附表1：部门整体支出绩效目标表" in text and "部门名称  B4（本模板位置）" in text
    assert main(["inspect", str(example_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["forms"][0]
    assert first["kind"] == "form1" and first["fields"]["department"]["cell"] == "B4"
    assert first["tables"]["indicators"]["header_row"] == 13


# --- a foreign form's map: cues, every column, what was not found --------------------------------
NATIONAL = [
    ["2025年项目支出绩效目标表"],
    ["项目名称", "乡村道路养护"],
    ["预算部门", "某县交通运输局"],
    ["年度资金总额", 120],
    ["年度绩效目标", "养护农村公路120公里，优良路率达到80%"],
    ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "度量单位", "权重", "指标解释", "评(扣)分标准"],
    ["产出指标", "数量指标", "养护里程", "≥", 120, "公里", 30, "年度养护的农村公路里程", "每少1公里扣1分"],
    ["", "质量指标", "优良路率", "≥", 80, "%", 20, "优良路段/总里程", "未达到不得分"],
    ["成本指标", "经济成本指标", "每公里养护成本", "≤", 1, "万元", 10, "资金/里程", "超出不得分"],
    ["效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "", 20, "", ""],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", 90, "%", 20, "问卷", "每少1%扣1分"],
]


def test_a_national_form_maps_every_column_and_fills_every_attribute(tmp_path):
    path = _workbook(tmp_path / "national.xlsx", NATIONAL)
    (fmap,) = map_book(path)
    assert fmap.profile == "national" and "计算符号" in fmap.profile_cue
    table = fmap.tables["indicators"]
    assert table.header_row == 6 and table.rows == [7, 8, 9, 10, 11]
    assert table.keyed() == {
        "level1": "A",
        "level2": "B",
        "name": "C",
        "direction": "D",
        "value": "E",
        "unit": "F",
        "weight": "G",
        "explanation": "H",
        "scoring": "I",
    }
    assert fmap.fields["unit"].cell == "B3" and fmap.fields["unit"].label == "A3"  # 预算部门 → 填报单位
    assert "period" in fmap.not_found
    form = read_workbook(path).submission.form3s[0]
    assert form.profile == "national"
    first = form.indicators[0]
    assert (first.operator, first.value, first.unit, first.weight) == ("≥", "≥120公里", "公里", 30)
    assert (first.explanation, first.scoring) == ("年度养护的农村公路里程", "每少1公里扣1分")
    assert form.indicators[2].level1 == "成本指标"
    report = validate_file(path)
    assert not [f for f in report.findings if f.rule == "I314"]


# --- Sichuan: its names are standard in its profile; a header text is never a value -----------------
SICHUAN = [
    ["项目支出绩效目标申报表"],
    ["项目名称", "农村饮水安全维修养护"],
    ["年度资金总额", "金额(万元)"],
    ["财政拨款", 80],
    ["自有资金", 0],
    ["其他", 0],
    ["年度目标", "维修供水设施45处，保障2.1万人饮水安全"],
    ["一级指标", "二级指标", "三级指标", "指标值(包含数字及文字描述)"],
    ["项目完成指标", "数量指标", "维修供水设施", "45处"],
    ["", "质量指标", "验收合格率", "≥95%"],
    ["", "时效指标", "完成时间", "2024年10月底前"],
    ["项目效益指标", "社会效益指标", "受益人口", "2.1万人"],
    ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%"],
]


def test_sichuan_names_are_standard_and_its_funding_header_is_no_amount(tmp_path):
    path = _workbook(tmp_path / "sichuan.xlsx", SICHUAN)
    (fmap,) = map_book(path)
    assert fmap.profile == "sichuan" and "项目完成指标" in fmap.profile_cue
    assert "project_amount" not in fmap.fields  # 「金额(万元)」 is the block's header, not the amount
    assert any("金额(万元)" in n for n in fmap.notes)
    form = read_workbook(path).submission.form3s[0]
    assert form.project_amount is None
    rules = {f.rule for f in validate_file(path).findings if f.severity in ("error", "warning")}
    assert not rules & {"I314", "I301", "A101"}, rules


def test_profiles_api():
    assert category_of("sichuan", "项目完成指标") == "output"
    assert category_of("ours", "项目完成指标") is None
    assert "项目效益指标" in standard_level_names("sichuan", 1)
    assert "项目完成指标" not in standard_level_names("ours", 1)
    assert has_column("national", "weight") and not has_column("ours", "weight")
    assert profile_of("nonsense").key == "ours"
    assert PROFILES["national"].cost_required and not PROFILES["ours"].cost_required


# --- one value column per place: every value read, none missing -------------------------------------
PLACES = [
    ["2024年项目绩效目标表"],
    ["项目名称", "乡镇垃圾转运"],
    ["年度目标", "三镇生活垃圾日产日清"],
    ["一级指标", "二级指标", "三级指标", "指标值", "", ""],
    ["", "", "", "城关镇", "河口镇", "龙山镇"],
    ["产出指标", "数量指标", "日转运量", "30吨", "12吨", "8吨"],
    ["", "质量指标", "清运率", "100%", "", "100%"],
    ["", "时效指标", "清运时限", "当日", "当日", "当日"],
    ["效益指标", "社会效益指标", "镇容整洁", "明显改善", "明显改善", "明显改善"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥90%", "≥90%"],
]


def test_one_value_column_per_place_is_read_whole(tmp_path):
    path = _workbook(tmp_path / "places.xlsx", PLACES, ("D4:F4",))
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert fmap.profile == "places" and table.sub_header_row == 5 and table.rows == [6, 7, 8, 9, 10]
    assert [c.header for c in table.extra()] == ["河口镇", "龙山镇"]
    form = read_workbook(path).submission.form3s[0]
    assert form.indicators[0].extra == {"河口镇": "12吨", "龙山镇": "8吨"} and form.indicators[0].value == "30吨"
    findings = validate_file(path).findings
    assert not [f for f in findings if f.rule in ("I302", "I303")]
    # the first column is taken as the value by position: an error about it says so, as a warning
    assert not [f for f in findings if f.severity == "error" and f.cell.startswith("D")]


def test_an_error_on_a_guessed_cell_is_a_warning_saying_what_was_assumed(tmp_path):
    rows = [
        ["2024年项目支出绩效目标申报表"],
        ["项目名称", "", "社区养老服务补助"],  # no merges known: the value two cells right is a guess
        ["预算申报数", "", "五十"],
        ["年度目标", "", "为辖区120名老人提供上门服务"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务老人数", "120人"],
        ["效益指标", "社会效益指标", "老人生活质量", "明显提升"],
        ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"],
    ]
    path = _workbook(tmp_path / "guess.xlsx", rows)
    (fmap,) = map_book(path)
    assert fmap.fields["project_amount"].cue == "guess" and not fmap.fields["project_amount"].sure
    on_amount = [f for f in validate_file(path).findings if f.cell == "C3"]
    assert on_amount and all(f.severity != "error" for f in on_amount)
    assert all("本工具推测" in f.message for f in on_amount if f.severity == "warning")


def test_a_profile_forced_in_the_settings(tmp_path):
    path = _workbook(tmp_path / "sichuan.xlsx", SICHUAN)
    (tmp_path / "xladdin.toml").write_text('[form]\nprofile = "ours"\n', encoding="utf-8")
    assert load_config(book=path).profile == "ours"
    (fmap,) = map_book(path)
    assert fmap.profile == "ours" and "配置" in fmap.profile_cue
    assert [f for f in validate_file(path).findings if f.rule == "I314"]  # 项目完成指标 not ours
    (tmp_path / "xladdin.toml").write_text('[form]\nprofile = "hunan"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"form\.profile"):
        load_config(book=path)


def test_a_lone_overall_goal_is_the_years_goal(tmp_path):
    rows = [
        ["2024年项目支出绩效目标申报表"],
        ["项目名称", "社区养老服务补助"],
        ["总体目标", "为辖区120名老人提供上门服务"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "服务老人数", "120人"],
    ]
    form = read_workbook(_workbook(tmp_path / "goal.xlsx", rows)).submission.form3s[0]
    assert form.annual_goal == "为辖区120名老人提供上门服务" and form.period_goal is None


# --- submission scope ------------------------------------------------------------------------------
def test_project_forms_alone_are_a_project_declaration(example_grid):
    import copy

    from helpers import SEED_FORM3_SHEETS, findings

    grid = copy.deepcopy(example_grid)
    grid.sheets = [s for s in grid.sheets if s.name in SEED_FORM3_SHEETS]
    assert not [f for f in findings(grid) if f.rule == "S001"]
    grid.sheets.insert(0, copy.deepcopy(example_grid.sheet("附表2")))
    assert [f.message for f in findings(grid) if f.rule == "S001"] == ["工作簿中没有附表1（部门整体支出绩效目标表）"]


def test_a_part_marked_not_given_is_not_judged(example_grid):
    import copy

    from helpers import SEED_FORM3_SHEETS, edit, findings

    from xladdin.formmap import NOT_GIVEN
    from xladdin.reader import read_grid_model

    sheet = SEED_FORM3_SHEETS[0]
    grid = copy.deepcopy(example_grid)
    edit(grid, sheet, "B7", "")  # 实施期绩效目标 blank: G601
    assert [f for f in findings(grid) if f.rule == "G601" and f.sheet == sheet]
    edit(grid, sheet, "B7", NOT_GIVEN)  # what import writes where the source has no such part
    assert not [f for f in findings(grid) if f.rule == "G601" and f.sheet == sheet]
    fmap = next(m for m in read_grid_model(grid).structure.maps if m.sheet == sheet)
    assert "period_goal" not in fmap.found and any(NOT_GIVEN in n for n in fmap.notes)


def test_two_forms_printed_one_under_another_on_one_sheet_are_read_apart(example_grid):
    """重庆 prints one 表十二 per project on one sheet: each form is read from its own rows (its marker
    row 「附表3」 included) with its own merges, and its cells are named where they stand."""
    import copy

    from xladdin.io.grid import BookGrid, SheetGrid
    from xladdin.reader import read_grid_model

    one = next(s for s in example_grid.sheets if s.name.startswith("附表3"))
    n = len(one.rows)
    second = copy.deepcopy([list(r) for r in one.rows])
    second[3][1] = second[3][4] = "烈士褒扬"  # 支出方向 and 所属专项 名称 (B4, E4)
    second[4][1] = second[4][4] = 3  # 项目金额 and 所属专项 金额 (B5, E5)
    merges = list(one.merges) + [(a + n, b, c + n, d) for a, b, c, d in one.merges]
    both = SheetGrid("附表3-两项", [list(r) for r in one.rows] + second, merges=merges)
    reading = read_grid_model(BookGrid(path="两项.xlsx", sheets=[*example_grid.sheets[:2], both]))
    forms = [f for f in reading.submission.form3s if f.sheet == "附表3-两项"]
    assert [(f.direction, f.parent_name, f.project_amount, f.parent_amount) for f in forms] == [
        (one.value(4, 2), one.value(4, 5), one.value(5, 2), one.value(5, 5)),
        ("烈士褒扬", "烈士褒扬", 3, 3),
    ]
    assert [m.rows for m in reading.structure.maps if m.sheet == "附表3-两项"] == [(1, n), (n + 1, 2 * n)]
    first, later = (f.place for f in forms)
    assert (first.fields["direction"], later.fields["direction"]) == ("B4", f"B{n + 4}")
    assert later.rows["indicators"] == [r + n for r in first.rows["indicators"]]
    table = [[(i.level1, i.level2, i.name, i.value) for i in f.indicators] for f in forms]
    assert table[1] == table[0] and table[0][1][0] == "产出指标"  # 一级 merged down over its rows
    assert later.fields["signature.phone"] == f"E{2 * n}"  # the last row is the second form's
