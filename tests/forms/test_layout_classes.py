"""Classes of foreign layout recognised by vocabulary plus structure (issue 19), each pinned by a
synthetic variant spelt differently from the corpus form it was found in (tests/data/realforms/set2):
the recogniser must accept the class, not one form's cells."""

from __future__ import annotations

import re

import pytest
from helpers import error_lines as _errors
from helpers import rows_workbook as _workbook
from realforms import DATA, SET2, build_xlsx, load

from xladdin.commands.importer import import_file
from xladdin.commands.inspect_map import lines_of, map_book
from xladdin.formmap import CUES
from xladdin.io.grid import ReadError
from xladdin.layout.profiles import level_alias, standard_level_names
from xladdin.reader import read_workbook
from xladdin.validate import validate_file

# --- short level headers (一级 | 二级 | 三级 | 数值) and a county's own level names (山东临邑) ---------
COUNTY = [
    ["社区食堂补助项目目标申报表"],
    ["项目名称", "社区食堂补助"],
    ["一级", "二级", "三级", "目标数值", "说明"],
    ["产出类", "数量类", "补助食堂数", "≥12个"],
    ["", "时效类", "补助发放周期", "≤1个月"],
    ["效益类", "社会效益类", "老人就餐人次", "≥30000人次"],
    ["满意度类", "服务对象满意度类", "就餐老人满意度", "≥90%"],
]


def test_short_level_headers_and_own_level_names_are_a_form(tmp_path):
    path = _workbook(tmp_path / "county.xlsx", COUNTY, ("A4:A5",))
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert fmap.kind == "form3" and table.header_row == 3 and table.rows == [4, 5, 6, 7]
    assert table.keyed() == {"level1": "A", "level2": "B", "name": "C", "value": "D"}
    assert {c.key: c.cue for c in table.columns if c.key != "extra"} == dict.fromkeys(
        ("level1", "level2", "name", "value"), "synonym"
    )
    assert all(c.sure for c in table.columns)  # a row of four column words is a header beyond doubt
    assert fmap.profile == "county" and "产出类" in fmap.profile_cue
    form = read_workbook(path).submission.form3s[0]
    assert [i.level1 for i in form.indicators] == ["产出类", "产出类", "效益类", "满意度类"]  # as printed
    findings = validate_file(path).findings
    assert not [f for f in findings if f.rule == "I314"], "a family's own level names are standard in it"
    assert not _errors(path)
    assert any("表头近义词" in line for line in lines_of(fmap))


def test_own_spellings_are_standard_only_in_a_family_that_has_them():
    assert level_alias("产出值", 1) == "产出指标" and level_alias("经济效益值", 2) == "经济效益指标"
    assert level_alias("社会效益", 1) == "效益指标" and level_alias("社会效益", 2) == "社会效益指标"
    assert "产出值" in standard_level_names("county", 1) and "数量值" in standard_level_names("county", 2)
    assert "产出值" not in standard_level_names("ours", 1)  # our template: 「数量」 is still not 数量指标
    assert "数量" not in standard_level_names("ours", 2)
    # a score note is no part of a name, in every family (重庆 审批表 「成本指标(0-20)分」)
    assert "成本指标(0-20)分" in standard_level_names("national", 1)
    assert "产出指标(50分)" in standard_level_names("ours", 1)


def test_three_secondary_words_alone_are_no_confident_header(tmp_path):
    rows = [
        ["某项目目标申报表"],
        ["项目名称", "某项目"],
        ["一级", "三级", "数值"],
        ["产出指标", "培训人数", "提高"],
    ]
    path = _workbook(tmp_path / "thin.xlsx", rows)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert not [c for c in table.columns if c.key != "extra" and c.sure]
    assert not _errors(path), "findings resting on columns found by a weak cue are warnings at most"


# --- a 4-column table with 指标名称 under a prose heading; a name spanning 一级 and 二级 (浙江慈溪) ------
PROSE_HEADED = [
    ["老年助餐服务项目绩效目标"],
    ["（一）中长期绩效目标"],
    ["到2026年，全区建成老年助餐点40个，覆盖80%的社区。"],
    ["（二）具体指标"],
    ["一级指标", "二级指标", "绩效指标名称", "目标值"],
    ["产出指标", "数量指标", "新建助餐点", "10个"],
    ["", "时效指标", "建成时间", "2024年12月底前"],
    ["经济效益", "", "带动就业人数", "≥20人"],
    ["", "", "助餐点营收", "≥50万元"],
    ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"],
]


def test_a_table_with_no_labels_under_a_prose_heading(tmp_path):
    path = _workbook(tmp_path / "cixi.xlsx", PROSE_HEADED, ("A1:D1", "A2:D2", "A3:D3", "A6:A7", "A8:B9"))
    (fmap,) = map_book(path)
    assert fmap.kind == "form3"
    assert fmap.tables["indicators"].keyed() == {"level1": "A", "level2": "B", "name": "C", "value": "D"}
    goal = fmap.fields["period_goal"]
    assert goal.cell == "A3" and goal.cue == "below" and "2026年" in str(goal.value)  # 中长期 = the period goal
    name = fmap.fields["direction"]  # the title names the project: a guess, and said so
    assert name.value == "老年助餐服务项目" and name.cue == "title" and not name.sure
    form = read_workbook(path).submission.form3s[0]
    assert [(i.level1, i.level2) for i in form.indicators[2:4]] == [("经济效益", "经济效益")] * 2
    assert form.indicators[4].level2 == "服务对象满意度指标"
    assert not [f for f in validate_file(path).findings if f.rule in ("I314", "S002")]


# --- 评价内容 over two columns, 指标说明, 分值 and a 总分 row (河北宁晋 评价指标表) ---------------------
EVALUATION = [
    ["2020年度某县营养改善计划项目评价指标表"],
    ["指标分类", "", "指标名称", "指标说明", "目标值", "指标权重"],
    ["产出", "数量指标", "受益学生人数", "达到目标值", "≥5000人", 30],
    ["", "质量指标", "食品抽检合格率", "达到目标值", "100%", 30],
    ["效益", "社会效益指标", "学生贫血率", "达到目标值", "≤5%", 20],
    ["满意度", "服务对象满意度指标", "家长满意度", "达到目标值", "≥90%", 20],
    ["合计", "", "", "", "", 100],
]


def test_a_category_header_over_two_columns_and_a_total_row(tmp_path):
    # the category header is printed over two columns (A2:B2: the merge names both, no second header row)
    path = _workbook(tmp_path / "ningjin.xlsx", EVALUATION, ("A2:B2", "A3:A4", "A7:E7"))
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    keyed = table.keyed()
    assert (keyed["level1"], keyed["level2"], keyed["value"], keyed["weight"]) == ("A", "B", "E", "F")
    assert {c.key: c.cue for c in table.columns}["level2"] == "span"
    assert table.rows == [3, 4, 5, 6] and table.total_row == 7
    assert fmap.profile == "evaluation" and fmap.fields["direction"].value == "2020年度某县营养改善计划项目"
    form = read_workbook(path).submission.form3s[0]
    assert [i.weight for i in form.indicators] == [30, 30, 20, 20]
    assert form.indicators[0].explanation == "达到目标值" and form.indicators[0].value == "≥5000人"
    assert not [f for f in validate_file(path).findings if f.rule == "I314"]
    assert not _errors(path)


# --- one value column per grade (河北邯郸 优 | 良 | 中 | 差) -----------------------------------------
GRADED = [
    ["某市2020年就业补助资金绩效目标表"],
    ["绩效目标", "2020年完成职业技能培训3000人次，城镇新增就业5000人"],
    ["指标类别", "绩效指标名称", "指标描述", "评价标准", "", "", "", "依据"],
    ["", "", "", "优秀", "良好", "合格", "不合格", ""],
    ["产出指标", "培训人次", "全年完成培训人次", "≥3000人次", "≥2700人次", "≥2400人次", "<2400人次", "年度计划"],
    ["效果指标", "就业率", "培训后就业率", "≥80%", "≥70%", "≥60%", "<60%", "上年实际"],
    ["", "满意度", "学员满意度", "≥90%", "≥85%", "≥80%", "<80%", "问卷"],
]


def test_graded_value_columns_read_the_best_grade_as_the_target(tmp_path):
    merges = ("A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:H4", "A6:A7")
    path = _workbook(tmp_path / "handan.xlsx", GRADED, merges)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert table.keyed()["value"] == "D" and table.sub_header_row == 4 and table.rows == [5, 6, 7]
    value = next(c for c in table.columns if c.key == "value")
    assert value.cue == "grade" and value.sure and "优秀" in value.header
    assert [c.header for c in table.extra()] == ["良好", "合格", "不合格"]
    assert table.keyed()["basis"] == "H" and "scoring" not in table.keyed()
    assert fmap.profile == "grades"
    form = read_workbook(path).submission.form3s[0]
    assert form.indicators[0].value == "≥3000人次"
    # the other grades under their headers, and the text of the column that explains the value
    grades = {"良好": "≥2700人次", "合格": "≥2400人次", "不合格": "<2400人次"}
    assert form.indicators[0].extra == {**grades, "依据": "年度计划"}
    assert not [f for f in validate_file(path).findings if f.rule in ("I302", "I314", "S002")]


def test_the_same_classes_with_merges_lost(tmp_path):
    """A copy that lost its merges (a page pasted as text, a CSV round trip): a blank header cell
    right of a category header over a column of names is its 二级; grade words under a header and
    the blank cells right of it are its grade columns."""
    path = _workbook(tmp_path / "ningjin-flat.xlsx", EVALUATION)
    (fmap,) = map_book(path)
    assert fmap.tables["indicators"].keyed()["level2"] == "B"
    path = _workbook(tmp_path / "handan-flat.xlsx", GRADED)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert table.keyed()["value"] == "D" and [c.header for c in table.extra()] == ["良好", "合格", "不合格"]


# --- two period value columns, the year's read (江苏镇江 半年(程) | 全年(程)) ---------------------------
def test_period_prefixed_value_columns_read_the_years(tmp_path):
    rows = [
        ["2024年度项目支出绩效目标表"],
        ["项目名称", "图书馆运转经费"],
        ["中长期目标", "保障图书馆全年免费开放"],
        ["一级指标", "二级指标", "三级指标", "上半年指标值", "全年指标值"],
        ["产出指标", "数量指标", "开放天数", "≥150天", "≥300天"],
        ["效益指标", "社会效益指标", "接待读者人次", "≥5万人次", "≥10万人次"],
        ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "≥90%"],
    ]
    path = _workbook(tmp_path / "periods.xlsx", rows)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert table.keyed()["value"] == "E" and [c.header for c in table.extra()] == ["上半年指标值"]
    assert fmap.fields["period_goal"].value == "保障图书馆全年免费开放" and "annual_goal" not in fmap.fields
    form = read_workbook(path).submission.form3s[0]
    assert form.indicators[0].value == "≥300天" and form.indicators[0].extra == {"上半年指标值": "≥150天"}


# --- a strong column word beats a secondary one in the same row ------------------------------------
def test_a_section_label_in_the_header_row_is_no_column(tmp_path):
    rows = [
        ["2024年项目支出绩效目标申报表"],
        ["项目名称", "", "某项目"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "培训人数", "≥300人"],
    ]
    path = _workbook(tmp_path / "label.xlsx", rows, ("A3:A4", "B2:C2"))
    (fmap,) = map_book(path)
    assert fmap.tables["indicators"].keyed()["name"] == "D"


# --- a score note after a label or a level name (重庆奉节 审批表) ------------------------------------
def test_score_notes_are_no_part_of_labels_and_names(tmp_path):
    rows = [
        ["2023年某项目支出绩效目标审批表"],
        ["项目名称", "某道路建设项目"],
        ["年度主要目标和成果", "新建道路2公里"],
        ["年度绩效目标(90分)", "一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["", "成本指标(0-20)分", "经济成本指标", "建设成本", "≤200万元", 20],
        ["", "产出指标(0-50)分", "数量指标", "新建道路", "2公里", 50],
        ["", "效益指标(0-20)分", "社会效益指标", "通行时间缩短", "≥30分钟", 10],
        ["", "满意度指标(0-10)分", "服务对象满意度指标", "群众满意度", "≥90%", 10],
    ]
    path = _workbook(tmp_path / "scores.xlsx", rows, ("B1:F1", "A4:A8"))
    (fmap,) = map_book(path)
    assert fmap.fields["annual_goal"].value == "新建道路2公里"  # not the header 「一级指标」
    findings = validate_file(path).findings
    assert not [f for f in findings if f.rule == "I314"]
    assert not [f for f in findings if "一级指标」" in f.message and f.rule.startswith("G")]


# --- targets published as prose: recognised, said once, never a confident error (宁夏同心) -------------
NOTICE = [
    ["关于某村道路硬化项目绩效目标的公告"],
    ["根据……安排资金80万元，实施某村道路硬化项目。现将绩效目标公告如下："],
    ["（一）产出指标"],
    ["数量指标：硬化道路长度(≥**公里)≥3公里；质量指标：验收合格率(≥**%)≥100%。"],
    ["（二）效益指标"],
    ["社会效益指标：方便群众出行(≥**人)≥1200人。"],
    ["某镇人民政府"],
]


def test_a_prose_notice_is_recognised_and_said_once(tmp_path):
    path = _workbook(tmp_path / "notice.xlsx", NOTICE, name="公告")
    (fmap,) = map_book(path)
    assert fmap.kind == "form3" and fmap.prose and fmap.missing == []
    assert any("文字段落" in line for line in lines_of(fmap))
    table = fmap.tables["indicators"]
    assert table.cue == "prose" and not any(c.sure for c in table.columns) and table.rows == [4, 4, 6]
    form = read_workbook(path).submission.form3s[0]
    got = [(i.level1, i.level2, i.name, i.value) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "硬化道路长度(≥**公里)", "≥3公里"),
        ("产出指标", "质量指标", "验收合格率(≥**%)", "≥100%"),
        ("效益指标", "社会效益指标", "方便群众出行(≥**人)", "≥1200人"),
    ]
    result = validate_file(path)
    assert [f.rule for f in result.findings if f.rule.startswith("S")] == ["S005"]
    assert not [f for f in result.findings if f.severity == "error"], "a reading of prose is a guess"
    assert any(f.rule == "I322" and f.cell == "A4" for f in result.findings)  # the placeholders, at the paragraph
    with pytest.raises(ReadError, match="文字段落"):  # pieces cut out of a paragraph are never written as values
        import_file(path, tmp_path / "导入.xlsx")


def test_a_workbook_with_no_target_table_nor_notice_is_still_no_form(tmp_path):
    rows = [["关于某村道路硬化项目的说明"], ["本项目安排资金80万元。"], ["某镇人民政府"]]
    path = _workbook(tmp_path / "memo.xlsx", rows)
    with pytest.raises(ReadError, match="不是绩效目标表"):
        read_workbook(path)


# --- every corpus form: read, its family named, every field and column with its cell and cue ---------
FAMILIES = {
    "chongqing-fengjie-2023-xiangmu": "national",
    "hebei-handan-2019-xiangmu": "grades",
    "hebei-ningjin-2019-xiangmu": "evaluation",
    "jiangsu-zhenjiang-2024-xiangmu": "evaluation",
    "ningxia-tongxin-2022-xiangmu": "county",
    "ningxia-tongxin-2023-xiangmu": "county",
    "shandong-linyi-2025-xiangmu": "county",
    "zhejiang-cixi-2023-xiangmu": "county",
    "gansu-jiayuguan-2023-xiangmu": "gansu",  # a county spelling never hides a family's own cue
}


@pytest.mark.parametrize("case", [*load(DATA), *load(SET2)], ids=lambda c: c.name)
def test_every_corpus_form_says_where_each_field_and_column_was_found(case, tmp_path):
    maps = map_book(build_xlsx(case, tmp_path / f"{case.name}.xlsx"))
    assert maps, case.name
    for fmap in maps:
        text = "\n".join(lines_of(fmap))
        for f in fmap.fields.values():
            assert f.cell and f.cue in CUES and f.cell in text, (case.name, f.key)
        for table in fmap.tables.values():
            for c in table.columns:
                assert c.cue in CUES and re.fullmatch(r"[A-Z]{1,2}", c.col), (case.name, c.key)
                assert f" {c.col}" in text
        if case.name in FAMILIES:
            assert fmap.profile == FAMILIES[case.name], (case.name, fmap.profile_cue)
        if case.name != "shanxi-yangquan-2021-xiangmu":  # its stored copy ends before the indicators
            assert {"name", "value"} <= set(fmap.tables["indicators"].keyed()), case.name
