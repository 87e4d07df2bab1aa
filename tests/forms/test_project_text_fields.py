"""A 项目 form's text fields (项目概况, 立项依据, 必要性, 保障措施, 实施计划, 主管部门, 中期预算, 项目负责人)
and the goal labels other provinces print (当年绩效目标, 项目总目标 beside 年度总体目标, 项目期): recognised by
their labels, each with its cell in the form map, read into ``Form3.info`` and kept by import (导入备注).
Each class is pinned by a synthetic variant spelt differently from the corpus form it was found in
(山西阳泉 2021, 重庆潼南 2023, 山东临邑 2025, 江苏镇江 2024, 新疆阿拉尔 2021), with the look-alikes that
must not be read."""

from __future__ import annotations

from helpers import error_lines as _errors
from helpers import rows_workbook as _workbook

from xladdin.commands.importer import import_file
from xladdin.commands.inspect_map import lines_of, map_book
from xladdin.reader import read_workbook

# --- 山西's 申报表: label | text rows, two label/value pairs a row, 中期 | 年度 budget side by side -------
DECLARATION = [
    ["某市市级项目支出绩效目标申报表"],
    ["项目名称", "城区公厕改造经费"],
    ["业务主管部门", "某市城市管理局", "", "实施单位", "某市环卫服务中心"],
    ["项目属性", "延续性项目", "", "项目期限", "两年"],
    ["项目资金(万元)", "中期预算", "", "年度预算资金", 40],
    ["项目基本情况", "改造城区旱厕12座，新建水冲式公厕3座，配套建设化粪池与管网。"],
    ["政策依据", "某市人民政府关于推进城乡环境整治的实施意见（某政发〔2022〕8号）"],
    ["项目必要性说明", "城区旱厕卫生条件差、群众投诉多，改造后可消除污染源、改善市容。"],
    ["实施保障措施", "成立改造工作专班，实行周调度、月通报，竣工验收合格后拨付尾款。"],
    ["项目实施方案", "3月完成设计招标，6月前完成12座改造，9月前完成3座新建，合计80万元。"],
    ["项目负责人", "王某"],
    ["", "中期目标", "", "年度目标", ""],
    ["总体目标", "两年内完成城区公厕改造15座。", "", "2023年完成旱厕改造12座。", ""],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "改造旱厕数量", "12座"],
    ["效益指标", "社会效益指标", "群众如厕条件", "明显改善"],
    ["满意度指标", "服务对象满意度指标", "周边居民满意度", "≥90%"],
]
MERGES = ("B2:E2", "B3:C3", "B4:C4", "B6:E6", "B7:E7", "B8:E8", "B9:E9", "B10:E10", "B11:E11")
MERGES += ("B12:C12", "D12:E12", "B13:C13", "D13:E13")


def test_a_declarations_text_fields_are_read_with_their_cells(tmp_path):
    path = _workbook(tmp_path / "declaration.xlsx", DECLARATION, MERGES)
    (fmap,) = map_book(path)
    cells = {k: (f.cell, f.label, f.cue) for k, f in fmap.fields.items() if k.startswith("info.")}
    assert cells == {
        "info.supervisor": ("B3", "A3", "label"),
        "info.period_amount": ("C5", "B5", "label"),
        "info.overview": ("B6", "A6", "label"),
        "info.basis": ("B7", "A7", "label"),
        "info.necessity": ("B8", "A8", "label"),
        "info.measures": ("B9", "A9", "label"),
        "info.plan": ("B10", "A10", "label"),
        "info.leader": ("B11", "A11", "label"),
    }
    assert fmap.fields["period"].cell == "E4" and fmap.fields["unit"].cell == "E3"
    assert fmap.fields["period_goal"].cell == "B13" and fmap.fields["annual_goal"].cell == "D13"
    text = "\n".join(lines_of(fmap))
    assert "项目概况  B6" in text and "保障措施  B9" in text  # inspect names each with its cell
    form = read_workbook(path).submission.form3s[0]
    assert form.info.supervisor == "某市城市管理局" and form.info.period_amount is None
    assert form.info.plan.startswith("3月完成设计招标") and form.info.leader == "王某"
    assert form.project_amount == 40 and form.period == "两年"
    assert not _errors(path)


def test_import_keeps_every_text_field_in_its_notes(tmp_path):
    path = _workbook(tmp_path / "declaration.xlsx", DECLARATION, MERGES)
    result = import_file(path, tmp_path / "导入.xlsx")
    noted = {n.cell: n.why for n in result.notes}
    for cell, name in (("B6", "项目概况"), ("B7", "立项依据"), ("B8", "项目设立必要性"), ("B9", "保障措施")):
        assert cell in noted and noted[cell].startswith(name), (cell, noted.get(cell))
    assert "B10" in noted and "B11" in noted and "B3" in noted  # 实施计划, 项目负责人, 主管部门
    assert not _errors(tmp_path / "导入.xlsx")


# --- 重庆潼南 表十二: 当年绩效目标; 山东临邑: 项目总体情况 as the only text; 江苏镇江: 项目负责人/联系电话 --------
def test_the_years_goal_under_other_words_and_an_overall_situation(tmp_path):
    rows = [
        ["2024年一般性项目绩效目标表"],
        ["项目名称", "村级活动场所运转补助"],
        ["当年预算", 12.5],
        ["项目总体情况", "补助全镇15个村级活动场所的水电与维修支出。"],
        ["当年目标", "2024年12月底前完成15个村级活动场所运转补助发放。"],
        ["项目负责人/联系电话", ""],
        ["指标", "指标权重", "计量单位", "指标性质", "指标值"],
        ["补助村数", 30, "个", "≥", 15],
    ]
    path = _workbook(tmp_path / "annual.xlsx", rows, ("B2:E2", "B4:E4", "B5:E5", "B6:E6"))
    (fmap,) = map_book(path)
    assert fmap.fields["annual_goal"].cell == "B5" and fmap.fields["annual_goal"].cue == "label"
    assert fmap.fields["info.overview"].cell == "B4"
    # a person-and-phone label is the 联系电话 (F502 asks for it when blank), not the 项目负责人 text
    assert fmap.fields["signature.phone"].cell == "B6" and "info.leader" not in fmap.fields
    form = read_workbook(path).submission.form3s[0]
    assert str(form.annual_goal).startswith("2024年12月底前") and form.info.overview.startswith("补助全镇")


# --- 新疆阿拉尔: 项目总目标 | 年度总体目标 side by side over their texts; 项目期 ---------------------------
def test_two_goal_labels_side_by_side_read_the_texts_under_them(tmp_path):
    rows = [
        ["衔接资金项目绩效目标申报表"],
        ["项目名称", "某村蔬菜大棚建设项目"],
        ["主管部门", "某区农业农村局", "项目期", "1年"],
        ["项目绩效目标", "项目总目标", "", "年度总体目标"],
        ["", "新建蔬菜大棚20座，面积8000平方米。", "", "2024年完成大棚钢架安装。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "新建大棚数量", "20座"],
    ]
    path = _workbook(tmp_path / "side.xlsx", rows, ("A4:A5", "B4:C4", "D4:E4", "B5:C5", "D5:E5"))
    (fmap,) = map_book(path)
    assert (fmap.fields["period_goal"].cell, fmap.fields["period_goal"].cue) == ("B5", "below")
    assert (fmap.fields["annual_goal"].cell, fmap.fields["annual_goal"].cue) == ("D5", "below")
    assert fmap.fields["period"].cell == "D3" and fmap.fields["period"].value == "1年"


def test_a_label_merged_down_beside_its_sub_labels_reads_no_section_as_its_text(tmp_path):
    rows = [
        ["绩效目标申报表(基础设施建设类)"],
        ["项目名称", "某县农田建设项目"],
        ["项目实施进度计划", "项目实施内容", "", "开始时间", "完成时间"],
        ["", "渠道清淤", "", "2024年3月", "2024年5月"],
        ["总体目标", "年度目标"],
        ["", "完成项目主体工程70%"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "新增灌溉面积", "≥500亩"],
    ]
    path = _workbook(tmp_path / "down.xlsx", rows, ("A3:A4", "B3:C3", "B4:C4", "A5:A6", "B5:E5", "B6:E6"))
    (fmap,) = map_book(path)
    assert "period_goal" not in fmap.fields, "「绩效指标」 under a label merged down is no goal"
    assert fmap.fields["annual_goal"].cell == "B6"
    assert "info.plan" not in fmap.fields  # 「项目实施内容」 heads a sub-table, it is no plan text
    assert any("项目实施进度计划" in n and "栏目" in n for n in fmap.notes)
