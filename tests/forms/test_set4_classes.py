"""Classes of foreign layout found on the fourth set (tests/data/realforms/set4), each pinned by a
synthetic variant spelt differently from the form it was found in, and a look-alike that must still
be read the other way."""

from __future__ import annotations

from helpers import error_lines as _errors
from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.reader import read_workbook
from xladdin.validate import validate_file


def _rules(path) -> list[tuple[str, str]]:
    return [(f.rule, f.cell) for f in validate_file(path).findings]


# --- 区域绩效目标表: 「一级指标」 merged over a container column, a 单位 column before 指标值 (重庆 忠县) ------
REGION = [
    ["农机购置补贴资金区域绩效目标表"],
    ["资金名称", "农机购置与应用补贴"],
    ["中央主管部门", "财政部、农业农村部"],
    ["省级财政部门", "某省财政厅"],
    ["资金情况", "年度金额(万元):", 820],
    ["年度目标", "到2023年底补贴购置农机具1200台套，主要农作物耕种收综合机械化率达到70%"],
    ["一级指标", "", "二级指标", "三级指标", "单位", "指标值"],
    ["绩效指标", "产出指标", "数量指标", "补贴农机具数量", "台套", "≥1200台套"],
    ["", "", "质量指标", "补贴资金兑付率", "%", "100%"],
    ["", "效益指标", "社会效益指标", "耕种收综合机械化率", "%", "≥70%"],
    ["", "满意度指标", "服务对象满意度指标", "购机户满意度", "%", "≥90%"],
]
REGION_MERGES = ("A1:F1", "B2:F2", "B3:F3", "B4:F4", "C5:F5", "B6:F6", "A7:B7", "A8:A11", "B8:B9")


def test_a_level1_header_over_a_container_column_reads_the_next_column_as_level1(tmp_path):
    path = _workbook(tmp_path / "region.xlsx", REGION, REGION_MERGES)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert table.header_row == 7 and table.rows[0] == 8  # the first data row is read, not dropped
    assert (table.col("level1"), table.col("unit"), table.col("value")) == ("B", "E", "F")
    (form,) = read_workbook(path).submission.form3s
    assert [i.level1 for i in form.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert form.indicators[0].name == "补贴农机具数量"
    rules = {r for r, _ in _rules(path)}
    assert not rules & {"I304", "I313", "I314", "I301", "I320"}, rules
    assert not _errors(path)


def test_real_level1_names_in_the_left_column_keep_it_the_level1(tmp_path):
    # the look-alike: 产出指标 / 效益指标 in the column under the merged header, 二级 names right of it
    rows = [list(r) for r in REGION]
    rows[6] = ["一级指标", "", "二级指标", "三级指标", "单位", "指标值"]
    for r, top in zip(rows[7:], ("产出指标", "", "效益指标", "满意度指标"), strict=True):
        r[0] = top
        r[1] = ""
    path = _workbook(tmp_path / "plain.xlsx", rows, ("A1:F1", "B2:F2", "B3:F3", "B4:F4", "C5:F5", "B6:F6", "A7:B7"))
    (fmap,) = map_book(path)
    assert fmap.tables["indicators"].col("level1") == "A"


# --- the funding block in ONE cell: 「资金总额: 86.5」 over numbered lines (湖南 湘潭 2024) ------------------
def _funding(text: str) -> list[list[object]]:
    return [
        ["2024年项目绩效目标表"],
        ["填报单位(盖章):"],
        ["项目名称", "城区道路洒水服务", "", "项目实施单位", "某市环卫处"],
        ["项目资金申请(万元)", text],
        ["项目绩效目标", "年度目标"],
        ["", "2024年完成城区主干道洒水作业300天，道路扬尘达标率≥95%"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "绩效标准"],
        ["", "产出指标", "数量指标", "洒水作业天数", "300天", "计划标准"],
        ["", "", "质量指标", "道路扬尘达标率", "≥95%", "计划标准"],
        ["", "效益指标", "社会效益指标", "主干道积尘改善", "明显改善", "计划标准"],
        ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "计划标准"],
    ]


_FUNDING_MERGES = ("A1:F1", "A2:F2", "B4:F4", "A5:A6", "B6:F6", "A7:A11", "B8:B9")


def test_an_amount_read_out_of_a_label_value_cell_is_a_number(tmp_path):
    text = "资金总额：86.5\n一、财政拨款：80\n二、自有资金：6.5\n三、其他：0"
    path = _workbook(tmp_path / "funding.xlsx", _funding(text), _FUNDING_MERGES)
    (form,) = read_workbook(path).submission.form3s
    assert form.project_amount == 86.5
    assert "A101" not in {r for r, _ in _rules(path)}


def test_an_amount_that_is_not_a_bare_number_stays_text(tmp_path):
    path = _workbook(tmp_path / "funding.xlsx", _funding("资金总额：约86万\n一、财政拨款：80"), _FUNDING_MERGES)
    (form,) = read_workbook(path).submission.form3s
    assert form.project_amount == "约86万"
    assert "A101" in {r for r, _ in _rules(path)}


def test_a_blank_label_across_the_form_is_reported_at_its_own_cell(tmp_path):
    # 「填报单位(盖章):」 merged over the whole width: the clerk fills it in after the label, in that cell
    path = _workbook(tmp_path / "funding.xlsx", _funding("资金总额：86.5"), _FUNDING_MERGES)
    assert ("F501", "A2") in _rules(path)


def test_a_blank_label_with_a_value_cell_right_of_it_is_reported_there(tmp_path):
    rows = _funding("资金总额：86.5")
    rows[1] = ["填报单位(盖章):", "", "", "", "", ""]
    path = _workbook(tmp_path / "funding.xlsx", rows, ("A1:F1", "B2:F2", *_FUNDING_MERGES[2:]))
    assert ("F501", "B2") in _rules(path)


# --- an import loses no text: numbered funding lines, an amount read out of a 「标签：值」 cell -------------
NUMBERED = [
    ["附件3"],
    ["项目绩效目标表"],
    ["申报单位", "某区水利局", "项目(专项)名称", "白沙镇清溪村山塘整治"],
    ["资金情况(万元)", "年度资金总额:", 88.25],
    ["", "其中:1.中央资金", ""],
    ["", "2.市级资金", 88.25],
    ["", "3.其他资金", ""],
    ["项目总体目标", "整治白沙镇清溪村山塘4口，恢复灌溉面积300亩。"],
    ["项目年度目标", "2023年底前完成白沙镇清溪村山塘4口清淤护坡。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "计量单位", "指标性质", "指标值"],
    ["", "产出指标", "数量指标", "整治山塘", "口", "=", 4],
    ["", "", "质量指标", "验收合格率", "%", "=", 100],
    ["", "效益指标", "社会效益指标", "恢复灌溉面积", "亩", "≥", 300],
    ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "%", "≥", 90],
]
NUMBERED_MERGES = ("A4:A7", "C4:G4", "C5:G5", "C6:G6", "C7:G7", "B8:G8", "B9:G9", "A10:A14", "B11:B12")


def test_project_prefixed_labels_name_the_project_and_its_goals(tmp_path):
    path = _workbook(tmp_path / "numbered.xlsx", NUMBERED, NUMBERED_MERGES)
    (form,) = read_workbook(path).submission.form3s
    assert form.direction == "白沙镇清溪村山塘整治"
    assert form.period_goal.startswith("整治白沙镇") and form.annual_goal.startswith("2023年底前")


def test_an_import_keeps_numbered_labels_and_whole_label_value_texts(tmp_path):
    from xladdin.commands.importer import import_file

    path = _workbook(tmp_path / "numbered.xlsx", NUMBERED, NUMBERED_MERGES)
    notes = {n.cell: n.text for n in import_file(path, tmp_path / "out.xlsx").notes}
    assert notes.get("B7") == "3.其他资金"  # a label of our vocabulary, but its numbering is the source's
    rows = [list(r) for r in NUMBERED]
    rows[3] = ["资金情况(万元)", "年度资金总额:88.25万", ""]
    path = _workbook(tmp_path / "inline.xlsx", rows, NUMBERED_MERGES)
    notes = {n.cell: n.text for n in import_file(path, tmp_path / "out2.xlsx").notes}
    assert notes.get("B4") == "年度资金总额:88.25万"  # the cell as it was, not only the 「88.25万」 read from it


def test_an_unnumbered_label_of_our_vocabulary_is_not_listed(tmp_path):
    from xladdin.commands.importer import import_file

    rows = [list(r) for r in NUMBERED]
    rows[6] = ["", "其他资金", ""]
    path = _workbook(tmp_path / "plain.xlsx", rows, NUMBERED_MERGES)
    notes = {n.cell: n.text for n in import_file(path, tmp_path / "out.xlsx").notes}
    assert "B7" not in notes


def test_a_blank_column_under_a_merged_level1_header_is_passed_over(tmp_path):
    rows = [list(r) for r in REGION]
    for r in rows[7:]:
        r[0] = ""
    path = _workbook(tmp_path / "blank.xlsx", rows, REGION_MERGES)
    (fmap,) = map_book(path)
    assert fmap.tables["indicators"].col("level1") == "B"
    assert not _errors(path)


# --- 填报人 / 联系电话 in the head rows end nothing: a copy cut after the duties is no missing section -------
HEAD_SIGNED = [
    ["部门整体支出绩效目标申报表"],
    ["部门(单位)名称", "某县农业农村局", "", "填报人", "李明", "联系电话", "0719-6231234"],
    ["部门总体资金情况", "收入构成", "财政拨款", 520.5],
    ["", "", "其他资金", ""],
    ["", "", "合计", 520.5],
    ["部门职能概述", "(一)负责全县农业农村发展规划。(二)负责农田建设管理。"],
]


def test_signature_fields_in_the_head_rows_do_not_end_a_cut_copy(tmp_path):
    path = _workbook(tmp_path / "head.xlsx", HEAD_SIGNED, ("A3:A5", "B3:B5", "B6:G6"))
    rules = _rules(path)
    assert "S002" not in {r for r, _ in rules}
    assert "S006" in {r for r, _ in rules}


def test_a_signature_line_below_the_content_ends_the_form(tmp_path):
    rows = [list(r) for r in HEAD_SIGNED]
    rows[1] = ["部门(单位)名称", "某县农业农村局"]
    rows.append(["填表人：李明", "", "", "联系电话：0719-6231234"])
    path = _workbook(tmp_path / "end.xlsx", rows, ("A3:A5", "B3:B5", "B6:G6"))
    assert "S002" in {r for r, _ in _rules(path)}


# --- headers with a 「绩效」 prefix and 「*」 marks, a title naming only the form (海南) ---------------------------
STARRED = [
    ["项目绩效目标表"],
    ["主管部门:", "省文旅厅", "", "", "资金总额:", 860.5],
    ["总体目标", "目标1:全年举办文化惠民演出不少于120场\n目标2:观众满意度不低于90%"],
    ["一级指标*", "二级指标*", "三级指标*", "绩效指标性质*", "绩效指标值*", "绩效度量单位", "权重*"],
    ["产出指标", "数量指标", "惠民演出场次", "≥", 120, "场", "30%"],
    ["满意度指标", "服务对象满意度指标", "观众满意度", "≥", 90, "%", "20%"],
]


def test_performance_prefixed_headers_name_their_columns(tmp_path):
    path = _workbook(tmp_path / "starred.xlsx", STARRED, ("B2:D2", "B3:G3"))
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert (table.col("direction"), table.col("value"), table.col("unit")) == ("D", "E", "F")
    (form,) = read_workbook(path).submission.form3s
    assert form.indicators[0].value == "≥120场"
    assert "direction" not in fmap.fields  # 「项目绩效目标表」 names the form, not a project


def test_a_title_that_names_a_project_still_gives_its_name(tmp_path):
    rows = [list(r) for r in STARRED]
    rows[0] = ["2022年文化惠民演出项目绩效目标表"]
    path = _workbook(tmp_path / "named.xlsx", rows, ("B2:D2", "B3:G3"))
    (fmap,) = map_book(path)
    assert fmap.fields["direction"].value == "2022年文化惠民演出项目"


# --- a family's own 一级 names are written as ours by import, the original noted (四川 昭化) -----------------
SICHUAN = [
    ["项目支出绩效目标申报表"],
    ["项目名称", "农村公路养护补助"],
    ["预算单位", "某县交通运输局"],
    ["总体\n目标", "年度目标"],
    ["", "2021年底前完成农村公路养护120公里"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值(包含数字及文字描述)"],
    ["", "项目完成\n指标", "数量指标", "养护里程", "120公里"],
    ["", "", "质量指标", "路况优良率", "≥85%"],
    ["", "项目效益\n指标", "社会效益\n指标", "群众出行条件改善", "明显改善"],
    ["", "满意度指标", "满意度指标", "沿线群众满意度", "≥90%"],
]
SICHUAN_MERGES = ("B2:E2", "B3:E3", "A4:A5", "B4:E4", "B5:E5", "A6:A10", "B7:B8")


def test_a_label_merged_down_over_its_text_does_not_read_the_next_section(tmp_path):
    path = _workbook(tmp_path / "sichuan.xlsx", SICHUAN, SICHUAN_MERGES)
    (form,) = read_workbook(path).submission.form3s
    assert form.period_goal in (None, "")  # not 「绩效指标」, the label of the next section
    assert form.annual_goal.startswith("2021年底前")


def test_an_import_writes_a_familys_level1_names_as_ours_and_notes_them(tmp_path):
    from xladdin.commands.importer import import_file

    path = _workbook(tmp_path / "sichuan.xlsx", SICHUAN, SICHUAN_MERGES)
    out = tmp_path / "out.xlsx"
    notes = [n for n in import_file(path, out).notes if n.why.startswith("一级指标")]
    assert [n.text for n in notes] == ["项目完成\n指标", "项目效益\n指标"]
    (form,) = read_workbook(out).submission.form3s
    assert {i.level1 for i in form.indicators if i.name == "养护里程"} == {"产出指标"}
    assert not [e for e in _errors(out) if e.startswith(("I301", "I314"))]
