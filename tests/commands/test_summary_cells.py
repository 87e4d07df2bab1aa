"""The summary workbook and its rubric, cell by cell: results built by hand (no workbook is read), the
summary written in-process and read back with openpyxl and as XML (charts, widths, anchors). Every
expected value below is worked out by hand from the rubric of ``xladdin.commands.summary``."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from xladdin.commands import summary as S
from xladdin.commands.review import FileResult

SHEETS = ["汇总", "问题", "规则×单位", "无法读取或跳过", "图表", "评分说明"]


def top(*pairs: object) -> str:
    """主要问题 as written: each rule by code and title, with its count."""
    from xladdin.rules import CATALOGUE

    out = []
    for code, n in zip(pairs[::2], pairs[1::2], strict=True):
        rule = CATALOGUE.get(str(code))
        out.append(f"{code} {rule.title}（{n} 处）" if rule else f"{code}（{n} 处）")
    return "；".join(out)


SUMMARY_HEAD = ["文件", "部门", "年度", "资金总额", "项目支出", "专项数", "错误", "警告", "提示", "主要问题"]
SUMMARY_HEAD += ["完整性", "相关性", "适当性", "可行性", "得分", "预测等级（仅供参考）", "已确认（另计）"]
FINDING_HEAD = ["文件", "部门", "级别", "工作表", "单元格", "规则", "规则名称", "问题", "改法", "确认理由"]
RUBRIC = [
    "预测等级仅供参考，由校验发现的问题按以下规则计算，不代替审核人员的判断。",
    "按绩效目标审核的四个方面计分：完整性、相关性、适当性、可行性，各 25 分，合计 100 分。",
    "每条规则出现问题时扣分一次：错误扣 5 分、警告扣 1.5 分、提示扣 0.5 分；同一规则每多一处再扣 1 / 0.25 / 0 分，"
    "每条规则最多扣 8 / 3 / 0.5 分；每个方面最低 0 分。",
    "等级：优 ≥ 90 分，良 ≥ 75 分，中 ≥ 60 分，低于 60 分为差；有错误的最高为中（错误即审核会退回的问题），"
    "任一方面为 0 分的为差。",
    "",
    "规则所属方面：",
]
PAD = 0.7109375  # xlsxwriter stores a column width of w characters as w + 0.7109375


def f(rule: str, severity: str, sheet: str, cell: str, message: str = "问题", fix: str = "改法") -> dict[str, str]:
    return {"rule": rule, "severity": severity, "sheet": sheet, "cell": cell, "message": message, "fix": fix}


def results(root: Path) -> list[FileResult]:
    """Four submissions (two of 乙局), one unreadable file, one skipped file, in no particular order."""
    inn = root / "in"
    b = FileResult(
        str(inn / "sub" / "b.xlsx"),
        department="甲局",
        year=2024,
        total=1326.19,
        project=1184.26,
        funds=7,
        findings=[
            f("I304", "error", "附表3-1", "D12", "指标值「较好」是文字", "改为可衡量的值"),
            f("I304", "error", "附表3-1", "D13", "指标值「提升」是文字", "改为可衡量的值"),
            f("A103", "error", "附表1", "C6", "资金总额与收入来源合计不符", "核对金额"),
            f("F502", "warning", "附表1", "B20", "签字栏未填", "填写签字"),
            f("I321", "info", "附表3-1", "E12", "绩效标准含多余空格", "去掉空格"),
        ],
        summary={"error": 3, "warning": 1, "info": 1},
        label="sub/b.xlsx",
    )
    a = FileResult(
        str(inn / "a.xlsx"),
        department="乙局",
        funds=0,
        findings=[
            f("F502", "warning", "附表1", "B20", "签字栏未填", "填写签字"),
            f("X204", "warning", "附表2'", "C4", "目标文字不一致", "统一文字"),
            f("S004", "info", "其他", "", "无法识别的工作表", ""),
        ],
        summary={"error": 0, "warning": 2, "info": 1},
    )
    c = FileResult(str(inn / "c.xlsx"), department="乙局", year=2024, funds=3, summary={"error": 0, "warning": 0})
    d = FileResult(str(inn / "d.xlsx"), summary={"error": 0, "warning": 0, "info": 0})
    bad = FileResult(str(inn / "坏.xlsx"), error="不是 Excel 工作簿")
    skip = FileResult(str(inn / "说明.txt"), error="跳过：不是工作簿（.txt）", skipped=True)
    return [a, bad, b, c, skip, d]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill_summary")
    out = root / "out" / "汇总.xlsx"
    written = S.write_summary(results(root), out, [(str(root / "in" / "x" / "y z.pdf"), "跳过：隐藏文件")])
    assert written == out
    with zipfile.ZipFile(out) as zf:
        parts = {n: zf.read(n).decode() for n in zf.namelist()}
    return out, openpyxl.load_workbook(out), parts


def values(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def color(cell) -> str | None:
    """The cell's font colour when one is set (else the theme's default: None)."""
    c = cell.font.color
    return c.rgb if c is not None and c.type == "rgb" else None


def widths(parts: dict[str, str], n: int) -> dict[int, float]:
    """Column (1-based) → width as written in sheet ``n``'s XML."""
    out = {}
    for lo, hi, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', parts[f"xl/worksheets/sheet{n}.xml"]):
        for c in range(int(lo), int(hi) + 1):
            out[c] = round(float(w) - PAD, 4)
    return out


def anchors(parts: dict[str, str]) -> list[tuple[int, int, int, int, int, int]]:
    """(from col, from row, to col, to col offset, to row, to row offset) of each chart."""
    xml = parts["xl/drawings/drawing1.xml"]
    pat = (
        r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>(\d+)</xdr:row>"
        r"<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff>"
        r"<xdr:row>(\d+)</xdr:row><xdr:rowOff>(\d+)</xdr:rowOff></xdr:to>"
    )
    return [tuple(int(x) for x in m) for m in re.findall(pat, xml)]


def span(col: int, row: int, width: int, height: int) -> tuple[int, int, int, int, int, int]:
    """Where a chart of width × height pixels placed at (col, row) ends, over default cells (64 × 20 px;
    9525 EMU a pixel)."""
    return (col, row, col + width // 64, width % 64 * 9525, row + height // 20, height % 20 * 9525)


# --- the rubric -----------------------------------------------------------------------------------------
def test_dimension_of_each_family_and_of_the_rules_that_override_it():
    assert [S.dimension(c) for c in ("A101", "B401", "X204", "I304", "F501", "S001", "G601")] == [
        "可行性",
        "可行性",
        "相关性",
        "适当性",
        "完整性",
        "完整性",
        "完整性",  # no family entry: 完整性
    ]
    assert [S.dimension(c) for c in ("I301", "I307", "I312", "X201", "X203", "F504")] == [
        "完整性",
        "相关性",
        "可行性",
        "完整性",
        "可行性",
        "相关性",
    ]


def test_score_deductions_by_hand():
    # I304 ×2 errors (适当性): 5 + 1 = 6; I321 info (适当性) 0.5; A103 error (可行性) 5; F502 warning (完整性) 1.5
    s = S.score(results(Path("/r"))[2].findings)
    assert s.dimensions == {"完整性": 23.5, "相关性": 25.0, "适当性": 18.5, "可行性": 20.0}
    assert (s.total, s.errors, s.grade) == (87.0, 3, "中")
    # a warning twice: 1.5 + 0.25 = 1.75 → 23.25, shown to one decimal (23.2, half to even)
    s = S.score([{"rule": "F502", "severity": "warning"}] * 2)
    assert s.dimensions["完整性"] == 23.2 and s.total == 98.2 and s.errors == 0
    # caps: 9 errors of one rule 5 + 8 = 13 → 8; 20 warnings 1.5 + 4.75 → 3; 4 hints 0.5 + 0 → 0.5
    s = S.score(
        [{"rule": "A101", "severity": "error"}] * 9
        + [{"rule": "X204", "severity": "warning"}] * 20
        + [{"rule": "F503", "severity": "info"}] * 4
    )
    assert s.dimensions == {"完整性": 24.5, "相关性": 22.0, "适当性": 25.0, "可行性": 17.0}
    assert s.errors == 9
    # error + 2 more of the same rule: 5 + 1 + 1 = 7 (not capped)
    assert S.score([{"rule": "A101", "severity": "error"}] * 3).dimensions["可行性"] == 18.0
    # a severity the rubric does not know counts as a hint
    assert S.score([{"rule": "A101", "severity": "waived"}] * 3).dimensions["可行性"] == 24.5
    # a dimension never goes below 0
    many = [{"rule": r, "severity": "error"} for r in ("A101", "A102", "A103", "A104", "A105", "A106")]
    s = S.score(many)
    assert s.dimensions["可行性"] == 0.0 and s.total == 75.0 and s.grade == "差"


@pytest.mark.parametrize(
    ("dims", "errors", "grade"),
    [
        ((25, 25, 25, 15), 0, "优"),  # 90: 优 from 90 on
        ((25, 25, 25, 14.9), 0, "良"),
        ((25, 25, 25, 0.1), 0, "良"),  # 75.1
        ((25, 25, 10, 15), 0, "良"),  # 75
        ((25, 25, 10, 14.9), 0, "中"),
        ((25, 25, 5, 5), 0, "中"),  # 60
        ((25, 25, 5, 4.9), 0, "差"),
        ((25, 25, 25, 25), 1, "中"),  # an error: at best 中
        ((25, 25, 10, 15), 2, "中"),
        ((25, 25, 5, 5), 1, "中"),
        ((25, 25, 5, 4.9), 1, "差"),
        ((25, 25, 25, 0), 0, "差"),  # a dimension at 0
        ((25, 25, 25, 0.1), 1, "中"),
    ],
)
def test_grade_boundaries(dims, errors, grade):
    s = S.Score(dict(zip(S.DIMENSIONS, map(float, dims), strict=True)), errors)
    assert s.grade == grade


def test_score_without_errors_defaults_to_none():
    assert S.Score(dict.fromkeys(S.DIMENSIONS, 25.0)).grade == "优"


def test_rubric_lines():
    lines = S.rubric_lines()
    assert lines[:6] == RUBRIC
    assert [line.split("：")[0] for line in lines[6:]] == ["完整性", "相关性", "适当性", "可行性"]
    assert lines[6].startswith("完整性：")  # in the catalogue's order (rules/__init__ imports its modules by name)
    assert "X201 附表2 的专项没有对应的附表3、X202 附表3 的所属专项不在附表2 中、I301 " in lines[6]
    assert "、F501 填报单位或部门名称未填、F502 签字栏未填、" in lines[6]
    assert "X201 附表2 的专项没有对应的附表3" in lines[6] and "I301 缺少产出、效益或满意度指标" in lines[6]
    assert "G601 绩效目标未填写" in lines[6] and "S001 缺少附表" in lines[6]
    assert lines[7].startswith("相关性：X204 附表2 与附表3 的绩效目标文字不一致、X205 专项名称重复")
    assert "F504 年度与预算年度不一致" in lines[7] and "I307" in lines[7] and "X201" not in lines[7]
    assert lines[8].startswith("适当性：I304 指标值是文字描述而非可衡量的值、I305 数量指标缺少计数单位")
    assert lines[9].startswith("可行性：A101 金额不是数字、A102 金额为负数、")
    assert "I312 数量指标与测算依据的人数不一致" in lines[9] and "X203" in lines[9]


# --- the pieces -----------------------------------------------------------------------------------------
def test_ordering_labels_and_top_rules():
    rs = results(Path("/r"))
    a, _, b, c, _, d = rs
    assert S.ordered(rs) == [b, a, c, d]
    assert S.ordered([d, c]) == [c, d]  # same counts: by file
    assert S._labels([b, a, c, d]) == {b.file: "甲局", a.file: "乙局（a.xlsx）", c.file: "乙局（c.xlsx）", d.file: "d"}
    assert S._top_rules(b.findings) == top("I304", 2, "A103", 1, "F502", 1)
    assert S._top_rules(b.findings, n=4) == top("I304", 2, "A103", 1, "F502", 1, "I321", 1)
    assert S._top_rules(a.findings) == top("F502", 1, "X204", 1, "S004", 1)
    assert S._top_rules([]) == ""
    # the worst severity of a rule decides its place: I305 has an error among its warnings
    mixed = [f("I305", "warning", "s", "A1"), f("I305", "error", "s", "A2"), f("A101", "error", "s", "A3")]
    mixed += [f("A101", "error", "s", "A4"), f("A101", "error", "s", "A5"), f("B402", "warning", "s", "A6")]
    assert S._severity(mixed, "I305") == "error"
    hints = [f("F503", "info", "s", "A1"), f("F503", "warning", "s", "A2"), f("F503", "odd", "s", "A3")]
    assert S._severity(hints, "F503") == "warning"  # by rank, not by name
    # a severity the rubric does not know ranks after the hints
    odd = [f("Z999", "odd", "s", "A1"), f("Z999", "odd", "s", "A2"), f("F503", "info", "s", "A3")]
    assert S._severity(odd, "Z999") == "odd"
    assert S._top_rules(odd) == top("F503", 1, "Z999", 2)  # Z999 is no rule: its code alone
    assert S._top_rules(mixed) == top("A101", 3, "I305", 2, "B402", 1)
    assert S._title("I304") == "指标值是文字描述而非可衡量的值" and S._title("Z999") == ""
    assert S.shown_name(FileResult("/x/y/名.xlsx")) == "名.xlsx"
    assert S.is_skipped(rs[4]) is True and S.is_skipped(rs[1]) is False
    # any object with a file will do: without a label (or with an empty one) its name is shown
    assert S.shown_name(SimpleNamespace(file="/x/y/名.xlsx")) == "名.xlsx"
    assert S.shown_name(SimpleNamespace(file="/x/y/名.xlsx", label="")) == "名.xlsx"
    assert S.is_skipped(SimpleNamespace(file="/x/y/名.xlsx")) is False
    # a missing count is 0: no errors sorts with the clean ones, by file
    bare = FileResult("/r/z.xlsx", summary={})
    clean = FileResult("/r/y.xlsx", summary={"error": 0, "warning": 0})
    no_warning_count = FileResult("/r/x.xlsx", summary={"error": 0})
    assert S.ordered([bare, clean, no_warning_count]) == [no_warning_count, clean, bare]
    warned = FileResult("/r/z.xlsx", summary={"error": 0, "warning": 1})
    assert S.ordered([clean, warned]) == [warned, clean]
    # no department, the same file name in two folders: the stem and the name
    twins = [FileResult("/p/甲.xlsx"), FileResult("/q/甲.xlsx"), FileResult("/q/乙.xlsx")]
    assert S._labels(twins) == {"/p/甲.xlsx": "甲（甲.xlsx）", "/q/甲.xlsx": "甲（甲.xlsx）", "/q/乙.xlsx": "乙"}


def test_finding_rows_errors_first_then_summary_order():
    rows = S.finding_rows(results(Path("/r")))
    got = [(r["文件"], r["级别"], r["单元格"], r["规则"]) for r in rows]
    assert got == [
        ("sub/b.xlsx", "错误", "D12", "I304"),
        ("sub/b.xlsx", "错误", "D13", "I304"),
        ("sub/b.xlsx", "错误", "C6", "A103"),
        ("sub/b.xlsx", "警告", "B20", "F502"),
        ("a.xlsx", "警告", "B20", "F502"),
        ("a.xlsx", "警告", "C4", "X204"),
        ("sub/b.xlsx", "提示", "E12", "I321"),
        ("a.xlsx", "提示", "", "S004"),
    ]
    assert rows[0] == {
        "文件": "sub/b.xlsx",
        "部门": "甲局",
        "级别": "错误",
        "工作表": "附表3-1",
        "单元格": "D12",
        "规则": "I304",
        "规则名称": "指标值是文字描述而非可衡量的值",
        "问题": "指标值「较好」是文字",
        "改法": "改为可衡量的值",
        "确认理由": "",
        "_path": str(Path("/r/in/sub/b.xlsx")),
    }
    odd = FileResult("/r/z.xlsx", findings=[f("Z999", "odd", "s", "A1"), f("F503", "info", "s", "A2")], summary={})
    rows = S.finding_rows([odd])
    assert [(r["级别"], r["规则名称"]) for r in rows] == [("提示", "联系电话格式不对"), ("odd", "")]


def test_check_target(tmp_path):
    assert S.check_target(tmp_path / "a.XLSX") == tmp_path / "a.XLSX"
    assert S.check_target(str(tmp_path / "a.csv")) == tmp_path / "a.csv"
    with pytest.raises(S.SummaryError) as err:
        S.check_target(tmp_path / "汇总.xls")
    assert str(err.value) == "汇总文件只能是 .xlsx（工作簿）或 .csv（问题清单）：汇总.xls"
    with pytest.raises(S.SummaryError):
        S.write_summary([], tmp_path / "汇总.txt")
    assert not (tmp_path / "汇总.txt").exists()


# --- the workbook ---------------------------------------------------------------------------------------
def test_sheets_and_headers_print_setup(book):
    _, wb, parts = book
    assert wb.sheetnames == SHEETS
    for name in SHEETS[:5]:
        ws = wb[name]
        head = ws["A1"]
        assert head.font.b is True and head.fill.fgColor.rgb == "FFDDEBF7", name
        assert head.border.left.style == "thin" and head.border.bottom.style == "thin"
        assert head.alignment.wrap_text is True and head.alignment.vertical == "top"
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape", name
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (None, 0)  # 1 (the default) × 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$1:$1"
    assert 'fitToHeight="0"' in parts["xl/worksheets/sheet1.xml"]
    assert [wb[n].freeze_panes for n in SHEETS] == ["A2", "A2", "B2", "A2", "A2", None]
    assert [c.value for c in wb["汇总"][1]] == SUMMARY_HEAD
    assert [c.value for c in wb["问题"][1]] == FINDING_HEAD
    assert [c.value for c in wb["无法读取或跳过"][1]] == ["文件", "情况", "原因"]
    assert [c.value for c in wb["图表"][1]] == ["规则", "错误", "警告", "提示", "合计"]
    assert widths(parts, 1) == dict(enumerate([34, 28, 6, 11, 11, 7, 6, 6, 6, 50, 7, 7, 7, 7, 7, 12, 9], start=1))
    assert widths(parts, 2) == dict(enumerate([30, 26, 6, 24, 8, 7, 26, 60, 40, 30], start=1))
    assert widths(parts, 3) == dict(enumerate([40, 14, 14, 14, 14, 8], start=1))
    assert widths(parts, 4) == {1: 36, 2: 10, 3: 80}
    assert widths(parts, 5) == {1: 40, 2: 6, 3: 6, 4: 6, 5: 6}
    assert widths(parts, 6) == {1: 110}


B_SCORES = (23.5, 25, 18.5, 20, 87, "中")  # see test_score_deductions_by_hand


def test_summary_sheet(book):
    _, wb, _ = book
    ws = wb["汇总"]
    assert ws.auto_filter.ref == "A1:Q5"
    rows = values(ws)[1:]
    A_SCORES = [23, 23.5, 25, 25, 96.5, "优"]
    assert rows == [
        ["sub/b.xlsx", "甲局", 2024, 1326.19, 1184.26, 7, 3, 1, 1, top("I304", 2, "A103", 1, "F502", 1), *B_SCORES, 0],
        ["a.xlsx", "乙局", None, None, None, 0, 0, 2, 1, top("F502", 1, "X204", 1, "S004", 1), *A_SCORES, 0],
        ["c.xlsx", "乙局", 2024, None, None, 3, 0, 0, 0, "", 25, 25, 25, 25, 100, "优", 0],
        ["d.xlsx", "", None, None, None, 0, 0, 0, 0, "", 25, 25, 25, 25, 100, "优", 0],
    ]
    links = [ws.cell(r, 1).hyperlink for r in range(2, 6)]
    assert [h.target for h in links] == ["../in/sub/b.xlsx", "../in/a.xlsx", "../in/c.xlsx", "../in/d.xlsx"]
    assert all(h.location is None for h in links)
    a2 = ws["A2"]
    assert color(a2) == "FF0563C1" and a2.font.u == "single"
    assert ws["D2"].number_format == "#,##0.00" and ws["E2"].number_format == "#,##0.00"
    assert color(ws["G2"]) == "FFC00000" and ws["G2"].font.b is True
    assert color(ws["G3"]) is None and not ws["G3"].font.b
    assert ws["F2"].number_format == "General" and color(ws["J2"]) is None


def test_findings_sheet(book):
    _, wb, _ = book
    ws = wb["问题"]
    assert ws.auto_filter.ref == "A1:J9"
    b = ["sub/b.xlsx", "甲局"]
    a = ["a.xlsx", "乙局"]
    i304 = ["I304", "指标值是文字描述而非可衡量的值"]
    assert [r[-1] for r in values(ws)[1:]] == [""] * 8  # 确认理由: none confirmed
    assert [r[:-1] for r in values(ws)[1:]] == [
        [*b, "错误", "附表3-1", "D12", *i304, "指标值「较好」是文字", "改为可衡量的值"],
        [*b, "错误", "附表3-1", "D13", *i304, "指标值「提升」是文字", "改为可衡量的值"],
        [
            *b,
            "错误",
            "附表1",
            "C6",
            "A103",
            "附表1 资金总额与收入来源合计不符",
            "资金总额与收入来源合计不符",
            "核对金额",
        ],
        [*b, "警告", "附表1", "B20", "F502", "签字栏未填", "签字栏未填", "填写签字"],
        [*a, "警告", "附表1", "B20", "F502", "签字栏未填", "签字栏未填", "填写签字"],
        [*a, "警告", "附表2'", "C4", "X204", "附表2 与附表3 的绩效目标文字不一致", "目标文字不一致", "统一文字"],
        [*b, "提示", "附表3-1", "E12", "I321", "绩效标准含多余空格", "绩效标准含多余空格", "去掉空格"],
        [*a, "提示", "其他", "", "S004", "无法识别的工作表", "无法识别的工作表", ""],
    ]
    cells = {r: ws.cell(r, 5).hyperlink for r in range(2, 10)}
    assert cells[9] is None  # no cell: no link
    assert [(h.target, h.location) for r, h in cells.items() if h] == [
        ("../in/sub/b.xlsx", "'附表3-1'!D12"),
        ("../in/sub/b.xlsx", "'附表3-1'!D13"),
        ("../in/sub/b.xlsx", "'附表1'!C6"),
        ("../in/sub/b.xlsx", "'附表1'!B20"),
        ("../in/a.xlsx", "'附表1'!B20"),
        ("../in/a.xlsx", "'附表2'''!C4"),  # a quote in a sheet name is doubled
        ("../in/sub/b.xlsx", "'附表3-1'!E12"),
    ]
    assert color(ws["E2"]) == "FF0563C1" and ws["E2"].font.u == "single"
    red = [r for r in range(2, 10) if color(ws.cell(r, 3)) is not None]
    assert red == [2, 3, 4] and all(color(ws.cell(r, 3)) == "FFC00000" for r in red)
    assert all(ws.cell(r, 3).font.b for r in red) and not ws["C5"].font.b
    assert all(color(ws.cell(r, c)) is None for r in range(2, 10) for c in (1, 2, 4, 6, 7, 8, 9))
    for c in (1, 2, 4, 7, 8, 9):  # the long texts wrap, at the top of their row
        assert ws.cell(2, c).alignment.wrap_text is True and ws.cell(2, c).alignment.vertical == "top"


def test_pivot_sheet(book):
    _, wb, _ = book
    assert values(wb["规则×单位"]) == [
        ["规则", "甲局", "乙局（a.xlsx）", "乙局（c.xlsx）", "d", "合计"],
        ["A103 附表1 资金总额与收入来源合计不符", 1, None, None, None, 1],
        ["F502 签字栏未填", 1, 1, None, None, 2],
        ["I304 指标值是文字描述而非可衡量的值", 2, None, None, None, 2],
        ["I321 绩效标准含多余空格", 1, None, None, None, 1],
        ["S004 无法识别的工作表", None, 1, None, None, 1],
        ["X204 附表2 与附表3 的绩效目标文字不一致", None, 1, None, None, 1],
        ["合计", 5, 3, 0, 0, 8],
    ]
    ws = wb["规则×单位"]
    assert ws["A8"].font.b is True and ws["F8"].fill.fgColor.rgb == "FFDDEBF7" and ws["C8"].font.b is True


def test_unreadable_and_skipped_sheet(book):
    _, wb, _ = book
    ws = wb["无法读取或跳过"]
    assert values(ws)[1:] == [
        ["坏.xlsx", "无法读取", "不是 Excel 工作簿"],
        ["说明.txt", "跳过", "跳过：不是工作簿（.txt）"],
        ["y z.pdf", "跳过", "跳过：隐藏文件"],
    ]
    assert [ws.cell(r, 1).hyperlink.target for r in (2, 3, 4)] == [
        "../in/坏.xlsx",
        "../in/说明.txt",
        "../in/x/y%20z.pdf",
    ]
    assert color(ws["A2"]) == "FF0563C1"
    assert ws["C2"].alignment.wrap_text is True and ws["C2"].alignment.vertical == "top"
    assert ws["B2"].alignment.wrap_text is not True


def test_charts_sheet_and_charts(book):
    _, wb, parts = book
    rows = values(wb["图表"])
    assert rows[1:7] == [
        ["F502 签字栏未填", 0, 2, 0, 2],
        ["I304 指标值是文字描述而非可衡量的值", 2, 0, 0, 2],
        ["A103 附表1 资金总额与收入来源合计不符", 1, 0, 0, 1],
        ["I321 绩效标准含多余空格", 0, 0, 1, 1],
        ["S004 无法识别的工作表", 0, 0, 1, 1],
        ["X204 附表2 与附表3 的绩效目标文字不一致", 0, 1, 0, 1],
    ]
    assert rows[7] == [None] * 5
    assert [r[:2] for r in rows[8:13]] == [
        ["单位", "错误"],
        ["甲局", 3],
        ["乙局（a.xlsx）", 0],
        ["乙局（c.xlsx）", 0],
        ["d", 0],
    ]
    bar, units = parts["xl/charts/chart1.xml"], parts["xl/charts/chart2.xml"]
    assert '<c:barDir val="bar"/><c:grouping val="stacked"/>' in bar
    assert re.findall(r"<c:tx><c:strRef><c:f>([^<]+)</c:f>", bar) == ["图表!$B$1", "图表!$C$1", "图表!$D$1"]
    assert re.findall(r"<c:cat><c:strRef><c:f>([^<]+)</c:f>", bar) == ["图表!$A$2:$A$7"] * 3
    assert re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", bar) == [
        "图表!$B$2:$B$7",
        "图表!$C$2:$C$7",
        "图表!$D$2:$D$7",
    ]
    assert re.findall(r'<a:srgbClr val="(\w+)"/>', bar) == ["C00000", "FFC000", "A5A5A5"]
    assert "<a:t>各规则的问题数</a:t>" in bar and '<c:orientation val="maxMin"/>' in bar
    assert "<c:legend>" in bar
    assert '<c:barDir val="bar"/>' in units and "<a:t>各单位的错误数</a:t>" in units  # long names fit on the left
    assert "<c:tx><c:v>错误</c:v></c:tx>" in units
    assert re.findall(r"<c:cat><c:strRef><c:f>([^<]+)</c:f>", units) == ["图表!$A$10:$A$13"]
    assert re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", units) == ["图表!$B$10:$B$13"]
    assert re.findall(r'<a:srgbClr val="(\w+)"/>', units) == ["C00000"]
    assert "<c:legend>" not in units and '<c:orientation val="maxMin"/>' in units
    # 6 rules: 240 px high (the floor), 12 rows from row 1; the second one row below, at row 14
    assert anchors(parts) == [span(6, 1, 720, 240), span(6, 14, 720, 240)]


def test_rubric_sheet(book):
    _, wb, _ = book
    ws = wb["评分说明"]
    got = [c.value for c in ws["A"]]
    assert got[:6] == RUBRIC
    assert len(got) == 10 and got[6].startswith("完整性：") and got[9].startswith("可行性：")
    assert ws["A1"].alignment.wrap_text is True and ws["A1"].alignment.vertical == "top"
    assert ws["A1"].font.b is not True


def test_many_rules_and_submissions_grow_the_charts(tmp_path):
    """21 rules, 11 submissions: the charts grow past their floors, the second moves down."""
    codes = ["A101", "A102", "A103", "A104", "A105", "A106", "A107", "A108", "A109", "B401", "X201"]
    codes += ["X202", "X203", "X205", "I301", "I302", "I303", "I304", "I306", "I317", "I318"]
    subs = [
        FileResult(
            str(tmp_path / "in" / f"s{i:02}.xlsx"),
            department=f"单位{i:02}",
            findings=[f(codes[i], "error", "附表1", "A1")],
            summary={"error": 1},
        )
        for i in range(11)
    ]
    subs[0].findings = [f(c, "error", "附表1", "A1") for c in codes]
    subs[0].summary = {"error": 21}
    out = S.write_summary(subs, tmp_path / "汇总.xlsx")
    with zipfile.ZipFile(out) as zf:
        parts = {n: zf.read(n).decode() for n in zf.namelist() if n.endswith(".xml")}
    # 21 rules: 22 × 21 + 100 = 562 px high (29 rows from row 1); 11 submissions: 342 px, one row below
    assert anchors(parts) == [span(6, 1, 720, 562), span(6, 31, 720, 342)]
    wb = openpyxl.load_workbook(out)
    rows = values(wb["图表"])
    codes = [r[0].split()[0] for r in rows[1:22]]
    assert codes[:3] == ["A102", "A103", "A104"]  # 2 findings each first, then by code
    assert rows[10][1:] == [2, 0, 0, 2] and codes[9:12] == ["X201", "A101", "I301"] and rows[11][1:] == [1, 0, 0, 1]


def test_nothing_readable(tmp_path):
    """Only an unreadable file: headers, empty filters, a pivot of totals only, no chart."""
    bad = FileResult(str(tmp_path / "in" / "坏.xlsx"), error="不是 Excel 工作簿")
    out = S.write_summary([bad], tmp_path / "o" / "汇总.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb["汇总"].auto_filter.ref == "A1:Q2" and wb["汇总"].max_row == 1
    assert wb["问题"].auto_filter.ref == "A1:J2"
    assert values(wb["规则×单位"]) == [["规则", "合计"], ["合计", 0]]
    assert values(wb["图表"]) == [["规则", "错误", "警告", "提示", "合计"]]
    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist() if "chart" in n or "drawing" in n]
    assert values(wb["无法读取或跳过"])[1:] == [["坏.xlsx", "无法读取", "不是 Excel 工作簿"]]


def test_one_submission_without_findings(tmp_path):
    one = FileResult(str(tmp_path / "a.xlsx"), department="甲局", summary={})  # no counts at all: 0
    out = S.write_summary([one], tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb["汇总"].auto_filter.ref == "A1:Q2"
    assert values(wb["汇总"])[1][6:9] == [0, 0, 0]
    assert wb["汇总"]["A2"].hyperlink.target == "a.xlsx"
    assert values(wb["规则×单位"]) == [["规则", "甲局", "合计"], ["合计", 0, 0]]
    with zipfile.ZipFile(out) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/")]
    assert charts == ["xl/charts/chart1.xml"]  # errors per submission only


def test_links_stop_at_the_budget(tmp_path, monkeypatch):
    """Past MAX_LINKS a cell is plain text (Excel's limit on links per sheet)."""
    monkeypatch.setattr(S, "MAX_LINKS", 2)
    subs = [
        FileResult(
            str(tmp_path / f"s{i}.xlsx"),
            department="甲局",
            findings=[f("F502", "warning", "附表1", f"B{i}")],
            summary={"error": 0, "warning": 1},
        )
        for i in range(1, 4)
    ]
    bad = [FileResult(str(tmp_path / f"坏{i}.xlsx"), error="坏") for i in range(1, 4)]
    out = S.write_summary(subs + bad, tmp_path / "o" / "汇总.xlsx")
    wb = openpyxl.load_workbook(out)
    for name, col in (("汇总", 1), ("问题", 5), ("无法读取或跳过", 1)):
        ws = wb[name]
        assert [ws.cell(r, col).hyperlink is not None for r in (2, 3, 4)] == [True, True, False], name
    assert [wb["汇总"].cell(r, 1).value for r in (2, 3, 4)] == ["s1.xlsx", "s2.xlsx", "s3.xlsx"]
    assert [wb["问题"].cell(r, 5).value for r in (2, 3, 4)] == ["B1", "B2", "B3"]
    assert not wb["问题"]["E4"].font.u
    assert [wb["无法读取或跳过"].cell(r, 1).value for r in (2, 3, 4)] == ["坏1.xlsx", "坏2.xlsx", "坏3.xlsx"]


def test_csv_is_the_findings_table(tmp_path):
    out = S.write_summary(results(tmp_path), tmp_path / "o" / "p" / "问题.CSV")  # folders made
    assert out == tmp_path / "o" / "p" / "问题.CSV"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + "文件,部门,级别".encode())
    assert b"\r\n" in raw and b"\r\r\n" not in raw
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == FINDING_HEAD
    first = ["sub/b.xlsx", "甲局", "错误", "附表3-1", "D12", "I304", "指标值是文字描述而非可衡量的值"]
    assert rows[1] == [*first, "指标值「较好」是文字", "改为可衡量的值", ""]
    assert rows[-1] == ["a.xlsx", "乙局", "提示", "其他", "", "S004", "无法识别的工作表", "无法识别的工作表", "", ""]
    assert len(rows) == 9


def test_replacing_keeps_the_old_file_on_failure_and_sets_plain_mode(tmp_path):
    import os

    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), S.replacing(out) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["汇总.xlsx"]
    with S.replacing(out) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".xlsx" and tmp.name.startswith(".xladdin-")
        tmp.write_bytes(b"new")
    umask = os.umask(0)
    os.umask(umask)
    assert out.read_bytes() == b"new" and (out.stat().st_mode & 0o777) == 0o666 & ~umask
