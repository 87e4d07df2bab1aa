"""Classes of print difference the metamorphic variants of the real corpus (tests/variants.py) showed the
reader losing, each pinned on a small form spelt differently from any corpus form, with a look-alike
read the other way where it matters."""

from __future__ import annotations

from helpers import rows_workbook as _workbook
from rulekit import findings as rule_findings

from xladdin.commands.inspect_map import map_book
from xladdin.validate import validate_file


def _rules(path, *codes):
    return [(f.rule, f.cell, f.severity) for f in validate_file(path).findings if f.rule in codes]


# --- numbers typed as text on a form of another bureau ----------------------------------------------------
def _costs(amount: object, parts: tuple[object, object, object], total: object) -> list[list[object]]:
    """A county's project form with its own 成本构成 table; amounts as the caller types them."""
    return [
        ["某区2025年项目支出绩效目标表"],
        ["项目名称", "社区养老服务站运营补助"],
        ["主管部门", "某区民政局"],
        ["资金总额(万元)", amount],
        ["成本构成", "金额", "测算依据"],
        ["场地租金", parts[0], "按租赁合同"],
        ["护理人员补助", parts[1], "8人×12月"],
        ["餐饮补贴", parts[2], "按就餐人次"],
        ["合计", total, ""],
        ["年度目标", "2025年底前运营养老服务站6个，服务老人3000人次，满意度90%以上"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "运营服务站数量", "6个"],
        ["", "时效指标", "补助拨付时间", "2025年10月底前"],
        ["效益指标", "社会效益指标", "服务老人人次", "≥3000人次"],
        ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"],
    ]


def test_a_number_typed_as_text_on_a_foreign_form_is_a_number(tmp_path):
    """A system export or a copy of a published table holds its numbers as text (「86.40」「1,184.26」):
    no formula of ours adds them, the reviewer reads the number. No A101, and the form's own total is
    checked on the text numbers as on typed ones."""
    path = _workbook(tmp_path / "text.xlsx", _costs("86.40", ("30", "41.4", "15.00"), "86.40"))
    assert not _rules(path, "A101", "A111", "A116")
    (fmap,) = map_book(path)
    assert [s.total for s in fmap.sums] == [("B9", 86.4)]
    # a wrong total typed as text is still found, as it is when typed as a number
    wrong = _workbook(tmp_path / "wrong.xlsx", _costs("86.40", ("30", "41.4", "15.00"), "96.40"))
    typed = _workbook(tmp_path / "typed.xlsx", _costs(86.4, (30, 41.4, 15), 96.4))
    assert _rules(wrong, "A111") == _rules(typed, "A111") == [("A111", "B9", "error")]
    wan = _workbook(tmp_path / "wan.xlsx", _costs(86.4, ("30万元", "41.4万元", "15万元"), "96.4万元"))
    assert _rules(wan, "A111") == [("A111", "B9", "error")]  # 「191万元」 printed in each cell of the column


def test_a_year_typed_as_text_heads_a_column_not_an_amount(tmp_path):
    """「2024」 over a column of a cost table is its header, not a number of the sum."""
    rows = _costs(86.4, (30, 41.4, 15), 86.4)
    rows[4] = ["成本构成", "2024", "测算依据"]
    (fmap,) = map_book(_workbook(tmp_path / "year.xlsx", rows))
    assert [(s.header, s.total) for s in fmap.sums] == [("2024", ("B9", 86.4))]


def test_a_number_typed_as_text_in_our_template_is_still_a101():
    """Look-alike: in our template a text amount is skipped by the 合计 formulas (A101 stays an error)."""
    out = rule_findings(["A101"], set={"附表1!C5": "293.58"})
    assert [(f.rule, f.cell, f.severity) for f in out] == [("A101", "C5", "error")]


def test_an_amount_typed_as_text_under_a_source_column_is_given(tmp_path):
    """「资金来源 │ 资金总额」 heading a column, 「其中:财政拨款 │ 「500」」 under it (typed as text): the amount is
    given, the 资金总额 cell beside the heading is no blank field (A116)."""
    rows = [
        ["2021年省级专项资金绩效目标表"],
        ["专项名称", "乡村学校少年宫建设"],
        ["主管部门", "某市教育局"],
        ["资金情况(万元)", "资金来源", "资金总额"],
        ["", "其中:财政拨款", "500"],
        ["", "其他资金", ""],
        ["总体目标", "2021年建成乡村学校少年宫10所，覆盖学生5000人"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "建成少年宫数量", "10所"],
        ["", "效益指标", "社会效益指标", "受益学生人数", "≥5000人"],
        ["", "满意度指标", "服务对象满意度指标", "学生满意度", "≥90%"],
    ]
    merges = ("A4:A6", "C4:E4", "C5:E5", "C6:E6", "B7:E7", "A8:A11")
    assert not _rules(_workbook(tmp_path / "source.xlsx", rows, merges), "A116", "A101")
    rows[4][2] = ""  # look-alike: no amount anywhere
    assert [r for r, *_ in _rules(_workbook(tmp_path / "blank.xlsx", rows, merges), "A116")] == ["A116"]


# --- a header split in two rows ------------------------------------------------------------------------------
def _split_header(merges: bool) -> tuple[list[list[object]], tuple[str, ...]]:
    rows = [
        ["专项资金绩效目标表"],
        ["项目名称", "城区道路照明维护"],
        ["年度目标", "2024年维护路灯1200盏，亮灯率98%以上"],
        ["考核指标", "", "", "目标值", "度量单位"],
        ["一级指标", "二级指标", "指标名称", "", ""],
        ["产出指标", "数量指标", "维护路灯数量", 1200, "盏"],
        ["", "质量指标", "亮灯率", "≥98", "%"],
        ["效益指标", "社会效益指标", "夜间出行安全", "持续改善", ""],
        ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90", "%"],
    ]
    return rows, (("A4:C4", "D4:D5", "E4:E5") if merges else ())


def test_a_header_split_in_two_rows_is_one_header(tmp_path):
    """「考核指标」 over 一级 │ 二级 │ 指标名称, 「目标值」 and 「度量单位」 merged down over both rows: the lower
    row is the header, with the value and unit columns of the cells merged onto it; the direction word
    under 社会效益 is found as on a one-row header."""
    rows, merges = _split_header(True)
    path = _workbook(tmp_path / "split.xlsx", rows, merges)
    (fmap,) = map_book(path)
    table = fmap.tables["indicators"]
    assert table.header_row == 5
    assert {k: table.keyed()[k] for k in ("level1", "level2", "name", "value", "unit")} == {
        "level1": "A",
        "level2": "B",
        "name": "C",
        "value": "D",
        "unit": "E",
    }
    assert ("I317", "D8", "error") in _rules(path, "I317")


def test_a_side_label_merged_down_the_table_is_no_header_of_the_lower_row(tmp_path):
    """Look-alike: 「绩效指标」 merged down the side of the whole table (not ending in the header row) does
    not head the first column."""
    rows = [
        ["项目支出绩效目标表"],
        ["项目名称", "城区道路照明维护"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "维护路灯数量", "1200盏"],
        ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
    ]
    (fmap,) = map_book(_workbook(tmp_path / "side.xlsx", rows, ("A3:A5",)))
    table = fmap.tables["indicators"]
    assert table.header_row == 3 and table.keyed()["level1"] == "B" and table.keyed()["value"] == "E"


# --- a copy without its merges ---------------------------------------------------------------------------------
def _fields(merged: bool) -> tuple[list[list[object]], tuple[str, ...]]:
    rows = [
        ["项目支出绩效目标表"],
        ["项目名称", "农村饮水工程维修养护", "", "项目负责人", ""],
        ["主管部门", "某县水利局", "", "实施单位", "某县农村供水站"],
        ["项目属性", "经常性项目", "", "项目期", "1年"],
        ["项目资金", "资金总额", 50, "其中:财政拨款", 50],
        ["年度目标", "2024年维修养护集中供水工程15处，保障3万人饮水安全"],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "维修养护工程处数", "15处", ""],
        ["效益指标", "社会效益指标", "保障饮水人口", "≥3万人", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", ""],
    ]
    return rows, (("B2:C2", "B3:C3", "B4:C4", "B6:E6") if merged else ())


def test_a_copy_without_its_merges_calls_no_value_a_blank_printed_field(tmp_path):
    """Pasted as values, the merges are gone: 「经常性项目」 right of its label with a blank after it (the
    merge's other half) is a value, not a printed field left blank (S012): the same is said with the
    merges and without them."""
    with_merges = _rules(_workbook(tmp_path / "merged.xlsx", *_fields(True)), "S012")
    without = _rules(_workbook(tmp_path / "flat.xlsx", *_fields(False)), "S012")
    assert without == with_merges
    values = ("农村饮水工程维修养护", "某县水利局", "经常性项目")
    assert not [f for f in validate_file(tmp_path / "flat.xlsx").findings if any(v in f.message for v in values)]
