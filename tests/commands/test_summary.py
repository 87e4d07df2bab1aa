"""The reviewer's summary workbook, read back with openpyxl (an independent reader) and checked
against the findings: frozen panes, filter ranges, the sort, the links, the pivot, the charts."""

from __future__ import annotations

import csv
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path, PureWindowsPath

import openpyxl
import pytest

from xladdin.build.template import build_workbook
from xladdin.cli import main
from xladdin.commands.summary import score
from xladdin.examples.synthetic import synthetic
from xladdin.rules import CATALOGUE
from xladdin.validate import validate_file

SEED = "石峰区退役军人事务局.xlsx"


@pytest.fixture(scope="module")
def reviewed(example_file, tmp_path_factory):
    """A folder of submissions (the seed, three clean synthetic ones, one broken file) and its summary."""
    root = tmp_path_factory.mktemp("review")
    folder = root / "submissions"
    folder.mkdir()
    shutil.copy(example_file, folder / SEED)
    for i in range(3):
        build_workbook(synthetic(5 + i, seed=i), folder / f"clean{i}.xlsx")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    out = root / "out" / "汇总.xlsx"
    out.parent.mkdir()  # an existing folder: a missing one is refused as a likely typo
    assert main(["validate", str(folder), "--summary", str(out), "--workers", "1"]) == 1
    reports = {p.name: validate_file(p) for p in sorted(folder.glob("*.xlsx")) if p.name != "broken.xlsx"}
    return folder, out, openpyxl.load_workbook(out), reports


def _rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def _target(cell, base: Path) -> Path:
    return (base / Path(*PureWindowsPath(cell.hyperlink.target).parts)).resolve()


def test_sheets(reviewed):
    _, _, wb, _ = reviewed
    assert wb.sheetnames == ["汇总", "问题", "规则×单位", "无法读取或跳过", "图表", "评分说明"]


def test_summary_sheet_sorted_with_links_and_the_seed_figures(reviewed):
    folder, out, wb, reports = reviewed
    ws = wb["汇总"]
    rows = _rows(ws)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:Q{len(rows) + 1}"
    assert len(rows) == 4  # the broken file is not a submission row
    errors = [r["错误"] for r in rows]
    assert errors == sorted(errors, reverse=True) and rows[0]["文件"] == SEED
    seed = rows[0]
    expected = reports[SEED].summary()
    # figures from the seed as written (附表1 of the 2023 form)
    assert (seed["部门"], seed["年度"], seed["资金总额"], seed["项目支出"], seed["专项数"]) == (
        "株洲市石峰区退役军人事务局",
        2023,
        1326.19,
        1184.26,
        7,
    )
    assert (seed["错误"], seed["警告"], seed["提示"]) == (expected["error"], expected["warning"], expected["info"])
    top = seed["主要问题"].split("；")[0]  # the seed's most frequent error, by code and title
    assert top.startswith("I304 ") and top.endswith("（3 处）") and CATALOGUE["I304"].title in top
    for i, row in enumerate(ws.iter_rows(min_row=2), start=0):
        assert _target(row[0], out.parent) == (folder / rows[i]["文件"]).resolve()
    for r in rows:
        assert r["得分"] == pytest.approx(sum(r[d] for d in ("完整性", "相关性", "适当性", "可行性")))


def test_findings_sheet_errors_first_filter_and_cell_links(reviewed):
    folder, out, wb, reports = reviewed
    ws = wb["问题"]
    rows = _rows(ws)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:J{len(rows) + 1}"
    assert len(rows) == sum(len(r.findings) for r in reports.values())
    rank = {"错误": 0, "警告": 1, "提示": 2}
    levels = [rank[r["级别"]] for r in rows]
    assert levels == sorted(levels)
    cell = ws.cell(2, 5)  # 单元格 of the first error
    assert cell.hyperlink.location == f"'{rows[0]['工作表']}'!{rows[0]['单元格']}"
    assert _target(cell, out.parent) == (folder / rows[0]["文件"]).resolve()
    first = next(f for f in reports[rows[0]["文件"]].findings if f.severity == "error")
    assert (rows[0]["规则"], rows[0]["工作表"], rows[0]["单元格"]) == (first.rule, first.sheet, first.cell)


def test_pivot_equals_the_findings(reviewed):
    _, _, wb, reports = reviewed
    ws = wb["规则×单位"]
    header = [c.value for c in ws[1]]
    assert header[0] == "规则" and header[-1] == "合计"
    departments = {name: None for name in reports}
    for s in _rows(wb["汇总"]):
        departments[s["文件"]] = s["部门"]
    expected = Counter((f.rule, departments[name]) for name, report in reports.items() for f in report.findings)
    seen = Counter()
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0] == "合计":
            assert list(row[1:-1]) == [sum(n for (_, d), n in expected.items() if d == dep) for dep in header[1:-1]]
            assert row[-1] == sum(expected.values())
            continue
        code = row[0].split()[0]
        for dep, n in zip(header[1:-1], row[1:-1], strict=True):
            if n:
                seen[(code, dep)] = n
        assert row[-1] == sum(n for (r, _), n in expected.items() if r == code)
    assert seen == expected


def test_unreadable_and_charts(reviewed):
    _, out, wb, reports = reviewed
    rows = _rows(wb["无法读取或跳过"])
    assert [(r["文件"], r["情况"]) for r in rows] == [("broken.xlsx", "无法读取")]
    assert rows[0]["原因"]
    with zipfile.ZipFile(out) as zf:
        charts = sorted(n for n in zf.namelist() if n.startswith("xl/charts/chart"))
        xml = [zf.read(n).decode() for n in charts]
    assert len(charts) == 2
    assert "<c:barChart>" in xml[0] and "图表!$A$2:$A$" in xml[0]  # findings per rule, by severity
    assert xml[0].count("<c:ser>") == 3
    assert "<c:barChart>" in xml[1] and re.search(r"图表!\$B\$\d+:\$B\$\d+", xml[1])  # errors per submission
    assert len(wb["图表"]._charts) == 2
    counts = Counter(f.rule for r in reports.values() for f in r.findings)
    table = list(wb["图表"].iter_rows(min_row=2, max_row=len(counts) + 1, values_only=True))
    assert {row[0]: row[4] for row in table} == {f"{c} {CATALOGUE[c].title}": n for c, n in counts.items()}


def test_rubric_scores_by_hand():
    # 3 × I304 (error, 适当性): 5 + 1 + 1 = 7; 40 × F502 (warning, 完整性): capped at 3; 1 × A103: 5
    findings = [{"rule": "I304", "severity": "error"}] * 3 + [{"rule": "F502", "severity": "warning"}] * 40
    findings += [{"rule": "A103", "severity": "error"}]
    s = score(findings)
    assert s.dimensions == {"完整性": 22.0, "相关性": 25.0, "适当性": 18.0, "可行性": 20.0}
    assert (s.total, s.grade) == (85.0, "中")  # 85 points would be 良, but an error caps it at 中
    assert score([{"rule": "F502", "severity": "warning"}] * 40).grade == "优"  # 22 + 75 = 97
    # 8 warning rules, 4 findings each: 2.25 off per rule, 100 - 18 = 82
    warned = ("I305", "I309", "I311", "I313", "F501", "F502", "X204", "X206")
    assert score([{"rule": r, "severity": "warning"} for r in warned] * 4).total == 82.0
    assert score([{"rule": r, "severity": "warning"} for r in warned] * 4).grade == "良"
    broken = ("S001", "S002", "I301", "I302", "I303")  # 5 × 5 = 25: 完整性 at 0
    assert score([{"rule": r, "severity": "error"} for r in broken]).grade == "差"
    assert score([]).grade == "优"


def test_rubric_spreads_submissions(reviewed):
    _, _, wb, _ = reviewed
    grades = {r["文件"]: r["预测等级（仅供参考）"] for r in _rows(wb["汇总"])}
    assert grades[SEED] == "中"  # real errors (prose 指标值), but a complete form
    assert {grades[f"clean{i}.xlsx"] for i in range(3)} == {"优"}
    assert "四个方面计分" in "".join(str(c.value) for c in wb["评分说明"]["A"])


def test_one_file_xlsx_and_csv(example_file, tmp_path):
    out = tmp_path / "one.xlsx"
    assert main(["validate", str(example_file), "--summary", str(out)]) == 1
    wb = openpyxl.load_workbook(out)
    assert wb["汇总"].max_row == 2 and wb["汇总"]["B2"].value == "株洲市石峰区退役军人事务局"
    csv_out = tmp_path / "问题.csv"
    assert main(["validate", str(example_file), "--summary", str(csv_out)]) == 1
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    report = validate_file(example_file)
    assert len(rows) == len(report.findings)
    assert rows[0]["级别"] == "错误" and rows[-1]["级别"] != "错误"
    assert list(rows[0]) == ["文件", "部门", "级别", "工作表", "单元格", "规则", "规则名称", "问题", "改法", "确认理由"]


@pytest.mark.parametrize("name", ["汇总.txt", "汇总.xls", "汇总"])
def test_other_extensions_refused_before_any_work(example_file, tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["validate", str(example_file), "--summary", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert ".xlsx" in err and ".csv" in err and "Traceback" not in err


def test_skipped_files_listed_apart_from_unreadable(example_file, tmp_path):
    """Reviewer mode may pass results for files it skipped on purpose (``skipped``, with a ``label``)."""
    from xladdin.commands.review import FileResult, check_one
    from xladdin.commands.summary import write_summary

    skipped = FileResult(str(tmp_path / "sub" / "说明.txt"), error="跳过：不是工作簿")
    skipped.skipped, skipped.label = True, "sub/说明.txt"
    broken = FileResult(str(tmp_path / "坏.xlsx"), error="不是 Excel 工作簿")
    out = write_summary([check_one(str(example_file)), skipped, broken], tmp_path / "s.xlsx")
    rows = _rows(openpyxl.load_workbook(out)["无法读取或跳过"])
    assert [(r["文件"], r["情况"], r["原因"]) for r in rows] == [
        ("sub/说明.txt", "跳过", "跳过：不是工作簿"),
        ("坏.xlsx", "无法读取", "不是 Excel 工作簿"),
    ]


def test_one_file_summary_follows_the_filter(example_file, tmp_path):
    out = tmp_path / "errors.csv"
    assert main(["validate", str(example_file), "--min-severity", "error", "--summary", str(out)]) == 1
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["级别"] for r in rows} == {"错误"}
    assert len(rows) == validate_file(example_file).summary()["error"]
