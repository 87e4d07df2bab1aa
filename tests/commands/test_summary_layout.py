"""The reviewer's summary as a reviewer reads it: charts that never overlap (placed by their sizes),
rules by code and title, whole headers, wrapped texts, links that work on any system, and the
department of a project form (预算部门 / 预算单位 / 主管部门)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import realforms

from xladdin.commands import summary as S
from xladdin.commands.review import FileResult, check_one
from xladdin.rules import CATALOGUE

LONG = [
    "株洲市石峰区人力资源和社会保障局（本级）",
    "嘉峪关市文化和旅游局机关服务中心",
    "坝塘镇",
    "湘潭市环境卫生管理处",
]
EMU = 9525  # a pixel


def finding(code: str, severity: str) -> dict[str, str]:
    text = (
        "三级指标「享受补助人数」的指标值「按实际」是文字描述，不是可以衡量的数值或比例，审核时会被要求改为具体的数值"
    )
    return {
        "rule": code,
        "severity": severity,
        "sheet": "附表1",
        "cell": "B7",
        "message": text,
        "fix": "改为「≥112人」",
    }


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("layout")
    codes = list(CATALOGUE)[:25]
    subs = []
    for i, dept in enumerate(LONG):
        findings = [finding(c, ("error", "warning", "info")[(i + j) % 3]) for j, c in enumerate(codes)]
        summary = {k: sum(1 for f in findings if f["severity"] == k) for k in ("error", "warning", "info")}
        subs.append(
            FileResult(
                str(tmp / "收到" / "子文件夹" / f"{dept}.xlsx"), department=dept, findings=findings, summary=summary
            )
        )
    return S.write_summary(subs, tmp / "审核" / "汇总.xlsx")


def rectangles(path: Path) -> list[tuple[tuple[int, int, int, int], tuple[int, int, int, int]]]:
    """Each chart's anchor: (from col, col offset, row, row offset), (to …)."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/drawings/drawing1.xml").decode()
    point = (
        r"<xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row><xdr:rowOff>(\d+)</xdr:rowOff>"
    )
    out = []
    for m in re.finditer(rf"<xdr:from>{point}</xdr:from><xdr:to>{point}</xdr:to>", xml):
        n = [int(x) for x in m.groups()]
        out.append((tuple(n[:4]), tuple(n[4:])))
    return out


def test_charts_never_overlap_with_25_rules(summary):
    wb = openpyxl.load_workbook(summary)
    rules = [r[0] for r in wb["图表"].iter_rows(min_row=2, max_row=26, values_only=True)]
    assert len(rules) == 25 and all(r == f"{r.split()[0]} {CATALOGUE[r.split()[0]].title}" for r in rules)
    (first_from, first_to), (second_from, _second_to) = rectangles(summary)
    # (row, offset) of where the first ends is above where the second starts: no overlap, whatever the widths
    assert (first_to[2], first_to[3]) < (second_from[2], second_from[3])
    assert first_from[0] == second_from[0] == S.CHART_COL
    assert S.CHART_COL > 4  # right of both tables (columns A–E)
    # the second chart's categories: the table of submissions under the rules' table, none hidden by a chart
    units = [r[:2] for r in wb["图表"].iter_rows(min_row=28, max_row=32, values_only=True)]
    assert units[0] == ("单位", "错误") and {u[0] for u in units[1:]} == set(LONG)


def test_headers_are_whole_and_long_texts_wrap(summary):
    wb = openpyxl.load_workbook(summary)
    pivot = wb["规则×单位"]
    assert {c.value for c in pivot[1]} >= set(LONG)  # full names, not cut to nine characters
    longest = max(len(d) for d in LONG)
    per_line = int(pivot.column_dimensions["B"].width // 1.8)
    assert pivot.row_dimensions[1].height >= 15 * -(-longest // per_line)
    issues = wb["问题"]
    text = issues["H2"]
    assert text.alignment.wrap_text and issues.row_dimensions[2].height >= 2 * 15  # two lines of 问题, shown whole
    top = wb["汇总"]["J2"].value
    assert len(top.split("；")) == 3
    for part in top.split("；"):
        code = part.split()[0]
        assert part.startswith(f"{code} {CATALOGUE[code].title}（") and part.endswith(" 处）")


def test_links_use_forward_slashes(summary):
    with zipfile.ZipFile(summary) as zf:
        rels = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/_rels/")]
    targets = [t for r in rels for t in re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', r)]
    assert targets and not [t for t in targets if "\\" in t]
    assert "../收到/子文件夹/坝塘镇.xlsx" in targets
    wb = openpyxl.load_workbook(summary)
    link = wb["问题"]["E2"].hyperlink
    assert link.target.startswith("../收到/子文件夹/") and link.location == "'附表1'!B7"


@pytest.mark.parametrize(
    ("name", "department"),
    [
        ("hunan-xiangtan-2023-xiangmu", "湘潭市环境卫生管理处"),  # 预算部门 beside its label
        ("guangdong-dongguan-2019-xiangmu", "东莞市交通运输局"),  # 「预算单位:东莞市交通运输局」 in one cell
        ("hubei-qingshan-2020-xiangmu", "武汉市青山区教育局"),  # 主管部门及编码, the code 「[015001]」 dropped
        ("anhui-jinzhai-2021-xiangmu", "县财政局"),  # 主管部门, not the 实施单位 beside it
        ("sichuan-majing-2023-xiangmu", "马踏镇部门"),  # a list: 单位名称 heads the column
        ("hunan-yueyanglou-2023-zhengti", "岳阳楼区价格认证鉴定中心"),  # 附表1's 部门名称 as before
    ],
)
def test_the_department_of_a_project_form(name, department, tmp_path):
    case = next(c for c in realforms.load() if c.name == name)
    path = realforms.build_xlsx(case, tmp_path / f"{name}.xlsx")
    assert check_one(str(path)).department == department
