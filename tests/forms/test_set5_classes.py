"""Classes found on the fifth set (tests/data/realforms/set5), each pinned by a variant spelt
differently from the form it was found in, and a look-alike read the other way."""

from __future__ import annotations

from helpers import rows_workbook as _workbook

from xladdin.commands.inspect_map import map_book
from xladdin.validate import validate_file


def _form(top: list[list[object]]) -> list[list[object]]:
    return [
        ["项目支出绩效目标申报表"],
        ["(2025年度)"],
        *top,
        ["项目名称", "城区绿化养护项目"],
        ["主管部门及代码", "[031]某市园林局", "", "实施单位", "某市园林绿化中心"],
        ["年度目标", "2025年完成城区绿地养护120万平方米，苗木成活率≥95%。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "绿地养护面积", "≥120万平方米"],
        ["", "", "质量指标", "苗木成活率", "≥95%"],
        ["", "效益指标", "生态效益指标", "城区绿化覆盖率", "≥42%"],
        ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
    ]


def test_two_signature_labels_on_one_line_are_each_filled_in_their_own_cell(tmp_path):
    # 「项目负责人(签字)： │ 单位(盖章)：」 above the table (安徽六安 2024 prints 项目责任人): the stamp label is
    # no name of the person; the person's line is blank
    rows = _form([["项目负责人(签字)：", "", "", "单位(盖章)："]])
    path = _workbook(tmp_path / "sign.xlsx", rows, ("A3:C3", "D3:E3"))
    (fmap,) = map_book(path)
    leader = fmap.fields["info.leader"]
    assert (leader.cell, leader.value) == ("A3", None)
    found = [(f.rule, f.cell, f.message) for f in validate_file(path).findings if f.rule == "F502"]
    assert found == [("F502", "A3", "项目负责人未填写")]


def test_a_filled_leader_beside_the_stamp_label_is_read(tmp_path):
    path = _workbook(tmp_path / "signed.xlsx", _form([["项目责任人", "王立新", "", "单位(盖章)："]]))
    (fmap,) = map_book(path)
    assert fmap.fields["info.leader"].value == "王立新"
    assert not [f for f in validate_file(path).findings if f.rule == "F502" and f.cell in ("A3", "B3")]
