"""Classes of foreign layout found on the southern forms of the held-out fourth set
(tests/data/realforms/set4: 海南, 湖北广水, 湖北青山, 宁夏, 四川昭化), each pinned by a synthetic variant
spelt differently from the form it was found in, with a look-alike that must stay as it was."""

from __future__ import annotations

from helpers import error_lines as _errors
from helpers import rows_workbook as _workbook

from xladdin.commands.importer import import_file
from xladdin.commands.inspect_map import map_book
from xladdin.layout.vocabulary import header_key
from xladdin.reader import read_workbook
from xladdin.validate import validate_file


def _rules(path, severity: str | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in validate_file(path).findings:
        if severity is None or f.severity == severity:
            out.setdefault(f.rule, []).append(f.cell)
    return out


# --- headers with a 「绩效」 prefix and 「*」 marks (海南 2022 琼财建〔2022〕429号) -----------------------
# Spelt differently: 「绩效计算符号」 for 绩效指标性质, 「*绩效计量单位」 for 绩效度量单位, the polarity column
# (指标方向性) BEFORE the operator column, a different fund and a different money unit.
PREFIXED = [
    ["项目绩效目标表"],
    ["主管部门:", "某省文化和旅游厅", "", "", "资金总额:", 800],
    ["总体目标", "目标1:全年接待游客不少于1200万人次\n目标2:旅游综合收入稳步增长"],
    ["一级指标*", "二级指标*", "三级指标*", "指标方向性*", "绩效计算符号*", "绩效指标值*", "*绩效计量单位", "权重*"],
    ["产出指标", "数量指标", "全年实现旅游综合收入", "正向指标", "≥", 150, "亿元", "30%"],
    ["", "", "举办推介活动场次", "正向指标", "≥", 12, "场", "20%"],
    ["效益指标", "社会效益指标", "游客投诉办结率", "正向指标", "=", 100, "%", "20%"],
    ["满意度指标", "服务对象满意度指标", "游客满意度", "正向指标", "≥", 90, "%", "20%"],
    ["填报人:张三", "", "", "联系电话:0898-12345678"],
]


def test_prefixed_and_marked_headers_name_the_operator_value_and_unit_columns(tmp_path):
    path = _workbook(tmp_path / "prefixed.xlsx", PREFIXED, ("A5:A6", "B5:B6"))
    (fmap,) = map_book(path)
    keyed = fmap.tables["indicators"].keyed()
    # the operator's column is the direction; the polarity column (正向指标) stays a further column
    assert (keyed["direction"], keyed["value"], keyed["unit"]) == ("E", "F", "G"), keyed
    assert "D" in [c.col for c in fmap.tables["indicators"].extra()]
    found = _rules(path)
    assert found.get("I307") == ["F5"], found  # revenue (亿元) under 数量: read, so seen
    assert "I302" not in found and "I304" not in found, found  # every value is read as ≥150亿元, not missing


def test_the_prefix_is_dropped_only_where_a_header_word_remains():
    assert header_key("绩效指标值*") == "value"
    assert header_key("绩效度量单位") == "unit"
    assert header_key("绩效指标性质*") == "direction"
    assert header_key("绩效目标值") == "value"  # a word of its own, as before
    # 「绩效指标」 keeps its place as the weak name word: the bare 「指标」 (a strong name) is not made of it
    assert header_key("绩效指标") is None
    assert header_key("绩效标准") == "standard"


# --- a 数量指标 whose only row is a rate (湖北青山 2020 转移支付表) ---------------------------------------
ONLY_RATE = [
    ["绩效目标表"],
    ["项目名称", "农村公路养护补助资金"],
    ["资金情况(万元)", "年度资金总额:", 40],
    ["总体目标", "年度目标"],
    ["", "2022年底前完成全镇农村公路日常养护，路况优良率达到80%"],
    ["绩效指标", "一级指标", "二级指标", "指标内容", "指标值"],
    ["", "产出指标", "数量指标", "农村公路养护覆盖率", "100%"],
    ["", "", "质量指标", "养护路段优良率", "≥80%"],
    ["", "", "时效指标", "养护完成时间", "2022年12月底前"],
    ["", "效益指标", "社会效益指标", "群众出行平均耗时缩短", "≥5分钟"],
    ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
    ["填报人:李四"],
]


def test_a_quantity_dimension_holding_only_a_rate_is_reported(tmp_path):
    path = _workbook(tmp_path / "rate.xlsx", ONLY_RATE, ("A6:A11", "B7:B9"))
    assert _rules(path, "warning").get("I370") == ["E7"]


def test_a_rate_beside_a_count_under_quantity_is_not(tmp_path):
    rows = [list(r) for r in ONLY_RATE]
    rows.insert(7, ["", "", "数量指标", "养护农村公路里程", "35公里"])
    path = _workbook(tmp_path / "counted.xlsx", rows, ("A6:A12", "B7:B10"))
    assert "I370" not in _rules(path)


# --- 「长期」 as a value (四川昭化 2021 可持续影响) ----------------------------------------------------------
def test_long_term_alone_is_a_direction_word_and_a_length_is_a_value(tmp_path):
    rows = [list(r) for r in ONLY_RATE]
    rows[9] = ["", "效益指标", "可持续影响指标", "公路养护长效机制", "长期"]
    path = _workbook(tmp_path / "long.xlsx", rows, ("A6:A11", "B7:B9"))
    assert _rules(path, "error").get("I317") == ["E10"]
    rows[9][4] = "≥3年"
    path = _workbook(tmp_path / "years.xlsx", rows, ("A6:A11", "B7:B9"))
    assert "I317" not in _rules(path) and "I304" not in _rules(path)


# --- a 部门整体 form whose copy holds no indicator table, 填报人 on its name row (湖北广水 2021) --------
# Spelt differently: 单位名称 / 经办人 / 联系人电话, a 收支 matrix with 上年 columns, no 占比.
NO_TABLE = [
    ["部门整体支出绩效目标申报表"],
    ["单位名称", "某县档案馆", "", "经办人", "王五", "联系人电话", "0710-1234567"],
    ["部门总体资金情况", "总体资金情况", "", "当年金额", "上年金额"],
    ["单位:万元", "收入构成", "财政拨款", 300, ""],
    ["", "", "其他资金", "", ""],
    ["", "", "合计", 300, ""],
    ["", "支出构成", "基本支出", 180, ""],
    ["", "", "项目支出", 120, ""],
    ["", "", "合计", 300, ""],
    ["部门职能概述", "(一)负责全县档案的收集、整理和保管。(二)提供档案查阅利用服务。"],
]
MERGES = ("A3:A9", "B4:B6", "B7:B9", "B10:G10")


def test_a_section_the_copy_lacks_is_a_note_when_the_signature_line_is_in_the_head(tmp_path):
    path = _workbook(tmp_path / "head.xlsx", NO_TABLE, MERGES)
    found = _rules(path)
    assert "S002" not in found, found  # not a confident error: the tool did not find the table
    assert found.get("S006") == ["A1"], found
    assert not _errors(path)


def test_an_earlier_years_funding_column_left_blank_is_reported(tmp_path):
    path = _workbook(tmp_path / "blank.xlsx", NO_TABLE, MERGES)
    assert _rules(path, "warning").get("A120") == ["E4"]
    rows = [list(r) for r in NO_TABLE]
    rows[3][4] = 280  # last year's 财政拨款 given: the comparison is there
    path = _workbook(tmp_path / "given.xlsx", rows, MERGES)
    assert "A120" not in _rules(path)


def test_a_section_missing_above_the_forms_own_end_is_a_warning_saying_what_was_assumed(tmp_path):
    rows = [list(r) for r in NO_TABLE]
    rows[1] = ["单位名称", "某县档案馆"]
    rows.append(["填表人：王五", "", "", "联系电话：0710-1234567"])  # the form ends here, with no table above
    path = _workbook(tmp_path / "signed.xlsx", rows, MERGES)
    # reported (S002), but a section not found on a form in another layout is no certain absence (session 8)
    assert _rules(path, "warning").get("S002") == ["A1"]
    assert "S002" not in _rules(path, "error")


def test_importing_a_department_form_alone_keeps_its_project_spending(tmp_path):
    src = _workbook(tmp_path / "dept.xlsx", NO_TABLE, MERGES)
    out = tmp_path / "dept.xlsm"
    import_file(src, out)
    assert not _errors(out)  # no A104 (项目支出 0), no S001 (附表2 without 附表3)
    sub = read_workbook(out).submission
    assert sub.form1 is not None and sub.form1.project == 120
    assert sub.form2 is not None and sub.form2.funds[0].name == "本次未提供"


# --- a family's own 一级 names on import (四川 申报表: 项目完成指标 / 项目效益指标) ------------------------
SICHUAN = [
    ["项目支出绩效目标申报表"],
    ["(2023年度)"],
    ["项目名称", "城乡居民医保参保补助"],
    ["预算单位", "某区医疗保障局"],
    ["项目资金(万元)", "年度资金总额", "金额(万元)"],
    ["", "(一)财政拨款小计", 12],
    ["总体目标", "年度目标"],
    ["", "2023年内为1200名困难群众代缴医保参保费，参保率达到100%"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值(包含数字及文字描述)"],
    ["", "项目完成\n指标", "数量指标", "代缴参保人数", "1200人"],
    ["", "", "时效指标", "代缴完成时间", "2023年6月底前"],
    ["", "项目效益\n指标", "社会效益指标", "困难群众参保率", "100%"],
    ["", "满意度指标", "满意度指标", "参保对象满意度", "≥90%"],
]


def test_a_familys_level1_names_are_written_as_ours_on_import_and_kept_on_the_notes(tmp_path):
    src = _workbook(tmp_path / "sichuan.xlsx", SICHUAN, ("A9:A13", "B10:B11"))
    assert not {"I301", "I314"} & set(_rules(src))  # standard in its own family
    out = tmp_path / "sichuan.xlsm"
    result = import_file(src, out)
    found = _rules(out)
    assert "I301" not in found and "I314" not in found, found
    kept = {(n.cell, n.text) for n in result.notes}
    assert ("B10", "项目完成\n指标") in kept and ("B12", "项目效益\n指标") in kept, kept


def test_a_name_of_ours_is_left_as_it_is_on_import(tmp_path):
    rows = [list(r) for r in SICHUAN]
    rows[9][1], rows[11][1] = "产出指标", "效益指标"
    src = _workbook(tmp_path / "ours.xlsx", rows, ("A9:A13", "B10:B11"))
    result = import_file(src, tmp_path / "ours.xlsm")
    assert not [n for n in result.notes if n.why.startswith("一级指标")]
