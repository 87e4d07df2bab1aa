"""The reviewer's summary: a workbook to work in (or the 问题 table as CSV).

``xladdin validate DIR --summary OUT.xlsx`` (or one file). Sheets:

- 汇总: one row per submission, most errors first: 文件 (a link that opens it), 部门, 年度, 资金总额,
  项目支出, 专项数, counts by severity, the top rules, the rubric's four dimension scores, the score
  and the advisory grade.
- 问题: every finding, errors first, header frozen, autofilter; 单元格 links to the cell in the file.
- 规则×单位: rules down, submissions across, the number of findings in each (a pivot of 问题).
- 无法读取/跳过: files that could not be read, and files passed over, with the reason.
- 图表: native Excel charts, findings per rule by severity and errors per submission.
- 评分说明: the rubric below, so that whoever reads the grade can see where it comes from.

The rubric (advisory, 仅供参考): the four dimensions of 绩效目标审核 — 完整性, 相关性, 适当性,
可行性 — start at 25 points each. Each rule belongs to one dimension (``DIMENSION``). A rule that fails
takes off, once per rule, 5 points for an error, 1.5 for a warning, 0.5 for a hint, plus 1 / 0.25 / 0
for every further finding of the same rule, at most 8 / 3 / 0.5 per rule; a dimension never goes below 0.
Score = the sum (0–100). Grade: 优 ≥ 90, 良 ≥ 75, 中 ≥ 60, 差 below; a submission with any error is at
best 中 (an error is what a reviewer sends back), and one with a dimension at 0 is 差. Counting each rule once first
keeps one systematic slip (a blank unit in 30 rows) from outweighing several distinct problems, so
the grade spreads real submissions instead of marking them all 差.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from xladdin.rules import CATALOGUE, SEVERITY_ZH

if TYPE_CHECKING:
    from xladdin.commands.results import FileResult

FORMATS = (".xlsx", ".csv")
DIMENSIONS = ("完整性", "相关性", "适当性", "可行性")
GRADE_NOTE = "预测等级（仅供参考）"
#: Family (first letter of the code) → dimension; ``DIMENSION`` overrides single rules.
FAMILY_DIMENSION = {"A": "可行性", "B": "可行性", "X": "相关性", "I": "适当性", "F": "完整性", "S": "完整性"}
DIMENSION = {
    "I301": "完整性",  # 缺少产出、效益或满意度指标
    "I302": "完整性",  # 三级指标缺少指标值
    "I303": "完整性",  # 指标值缺少三级指标名称
    "I310": "完整性",  # 成本指标为空
    "I337": "完整性",  # 成本指标为空（101号表式必填）
    "I333": "相关性",  # 指标名称与绩效目标字句差一两个字
    "I307": "相关性",  # 数量或效益指标填的是金额
    "I308": "相关性",  # 三级指标名称与一级/二级名称相同
    "I314": "相关性",  # 一级/二级指标名称不规范
    "I312": "可行性",  # 数量指标与测算依据的人数不一致
    "X201": "完整性",  # 附表2 的专项没有对应的附表3
    "X202": "完整性",  # 附表3 的所属专项不在附表2 中
    "X203": "可行性",  # 所属专项金额与附表2 不符
    "F504": "相关性",  # 年度与预算年度不一致
}
#: severity → (first finding of a rule, each further one, cap per rule)
DEDUCTION = {"error": (5.0, 1.0, 8.0), "warning": (1.5, 0.25, 3.0), "info": (0.5, 0.0, 0.5)}
GRADES = ((90.0, "优"), (75.0, "良"), (60.0, "中"), (0.0, "差"))
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FINDING_COLUMNS = ["文件", "部门", "级别", "工作表", "单元格", "规则", "规则名称", "问题", "改法", "确认理由"]
#: What a finding confirmed on the workbook's 「已确认」 sheet shows instead of its severity.
WAIVED_ZH = "已确认"
#: Excel keeps at most 65,530 hyperlinks per worksheet; cells past this budget are written as text.
MAX_LINKS = 65_000


class SummaryError(ValueError):
    """The summary path cannot be used (wrong extension); nothing was written."""


def check_target(out: str | Path) -> Path:
    """The summary path, refused unless it ends in .xlsx or .csv (checked before any work)."""
    path = Path(out)
    if path.suffix.lower() not in FORMATS:
        raise SummaryError(f"汇总文件只能是 .xlsx（工作簿）或 .csv（问题清单）：{path.name}")
    return path


def dimension(rule: str) -> str:
    return DIMENSION.get(rule) or FAMILY_DIMENSION.get(rule[:1], "完整性")


@dataclass(frozen=True)
class Score:
    dimensions: dict[str, float]
    errors: int = 0

    @property
    def total(self) -> float:
        return round(sum(self.dimensions.values()), 1)

    @property
    def grade(self) -> str:
        grade = next(g for floor, g in GRADES if self.total >= floor)
        if min(self.dimensions.values()) <= 0:
            return "差"  # a dimension with nothing left fails the review on its own
        if self.errors and grade in ("优", "良"):
            return "中"  # an error is what a reviewer sends back: never 优/良
        return grade


def is_waived(f: dict[str, str]) -> bool:
    """Confirmed on the 「已确认」 sheet (with its reason under ``waived``): counted apart."""
    return f.get("waived") is not None


def level_zh(f: dict[str, str]) -> str:
    """「错误」, or 「已确认（错误）」 for a finding the submission confirmed."""
    level = SEVERITY_ZH.get(f["severity"], f["severity"])
    return f"{WAIVED_ZH}（{level}）" if is_waived(f) else level


def score(findings: Iterable[dict[str, str]]) -> Score:
    """The rubric of the module docstring applied to one submission's findings (confirmed ones,
    counted apart, take nothing off)."""
    per_rule: Counter[tuple[str, str]] = Counter((f["rule"], f["severity"]) for f in findings if not is_waived(f))
    lost = dict.fromkeys(DIMENSIONS, 0.0)
    for (rule, severity), n in per_rule.items():
        first, more, cap = DEDUCTION.get(severity, DEDUCTION["info"])
        lost[dimension(rule)] += min(cap, first + more * (n - 1))
    errors = sum(n for (_, severity), n in per_rule.items() if severity == "error")
    return Score({d: round(max(0.0, 25.0 - lost[d]), 1) for d in DIMENSIONS}, errors)


def _top_rules(findings: list[dict[str, str]], n: int = 3) -> str:
    """The submission's main problems: the worst rules, each by code and title, with their count
    (waived findings are counted apart)."""
    findings = [f for f in findings if not is_waived(f)]
    counts = Counter(f["rule"] for f in findings)
    worst = sorted(counts, key=lambda r: (SEVERITY_ORDER.get(_severity(findings, r), 3), -counts[r], r))
    return "；".join(f"{rule_name(r)}（{counts[r]} 处）" for r in worst[:n])


def _severity(findings: list[dict[str, str]], rule: str) -> str:
    return min((f["severity"] for f in findings if f["rule"] == rule), key=lambda s: SEVERITY_ORDER.get(s, 3))


def _title(rule: str) -> str:
    r = CATALOGUE.get(rule)
    return r.title if r else ""


def rule_name(rule: str) -> str:
    """「I304 指标值缺少计量单位」: a rule by code and title (the code alone when it is not in the catalogue)."""
    return f"{rule} {_title(rule)}".strip()


@lru_cache(maxsize=65_536)
def _link(target: Path, base: Path) -> str:
    """A link from the summary's folder to ``target``: relative when they share a drive, else absolute;
    forward slashes (a URI: Excel, LibreOffice and WPS follow it on Windows, macOS and Linux). The file
    itself is not followed through a symbolic link (the link opens the submission where the reviewer saw
    it, inside the folder), and 「#」 and 「%」 in a name are escaped: Excel would take what follows a #
    for a place inside the file, and %41 for 「A」."""
    here = Path(os.path.realpath(target.parent)) / target.name
    try:
        rel = os.path.relpath(here, base.resolve())
    except ValueError:  # another drive on Windows
        rel = str(here)
    return rel.replace(os.sep, "/").replace("%", "%25").replace("#", "%23")


def shown_name(r: FileResult) -> str:
    """The file as the reviewer sees it: its path under the folder reviewed when known, else its name."""
    return getattr(r, "label", "") or Path(r.file).name


def is_skipped(r: FileResult) -> bool:
    """Passed over on purpose (not a workbook of ours), as opposed to unreadable."""
    return bool(getattr(r, "skipped", False))


def ordered(results: Sequence[FileResult]) -> list[FileResult]:
    """Readable submissions, most errors first, then most warnings, then by file name."""
    readable = [r for r in results if not r.error]
    return sorted(readable, key=lambda r: (-r.summary.get("error", 0), -r.summary.get("warning", 0), r.file))


def _labels(results: list[FileResult]) -> dict[str, str]:
    """Column label per submission for the pivot: the department, made unique with the file name."""
    names = Counter(r.department or Path(r.file).stem for r in results)
    return {
        r.file: (r.department or Path(r.file).stem)
        if names[r.department or Path(r.file).stem] == 1
        else f"{r.department or Path(r.file).stem}（{Path(r.file).name}）"
        for r in results
    }


def finding_rows(results: Sequence[FileResult]) -> list[dict[str, str]]:
    """Every finding, errors first, then warnings, then hints; within a severity in 汇总's order."""
    rows = []
    for rank, r in enumerate(ordered(results)):
        for i, f in enumerate(r.findings):
            rows.append(
                (
                    SEVERITY_ORDER.get(f["severity"], 3),
                    rank,
                    i,
                    {
                        "文件": shown_name(r),
                        "部门": r.department,
                        "级别": level_zh(f),
                        "工作表": f["sheet"],
                        "单元格": f["cell"],
                        "规则": f["rule"],
                        "规则名称": _title(f["rule"]),
                        "问题": f["message"],
                        "改法": f["fix"],
                        "确认理由": f.get("waived") or "",
                        "_path": r.file,
                    },
                )
            )
    return [row for *_, row in sorted(rows, key=lambda t: t[:3])]


def write_summary(results: Sequence[FileResult], out: str | Path, skipped: Sequence[tuple[str, str]] = ()) -> Path:
    """Write the summary to ``out`` (.xlsx workbook or .csv of 问题); ``skipped``: (file, reason)."""
    out = check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:  # whole or not at all: a reviewer may have the old one open
        if out.suffix.lower() == ".csv":
            _write_csv(results, tmp)
        else:
            _write_xlsx(results, tmp, skipped)
    return out


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A temporary file beside ``out`` (same suffix) that replaces ``out`` when the block succeeds."""
    fd, name = tempfile.mkstemp(prefix=".xladdin-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~umask)  # as a plain new file would be, not mkstemp's 0600
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


#: What makes a spreadsheet take a CSV field for a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_safe(value: object) -> object:
    """A CSV field that no spreadsheet runs: a text starting with ``= + - @``, a tab or a carriage
    return gets a leading ``'`` (OWASP's advice); numbers, and texts that are plain numbers such
    as ``-12.5``, stay as they are."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def _write_csv(results: Sequence[FileResult], out: Path) -> Path:
    # utf-8 with BOM: Excel opens it with the Chinese intact
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([csv_safe(c) for c in FINDING_COLUMNS])
        for row in finding_rows(results):
            writer.writerow([csv_safe(row[c]) for c in FINDING_COLUMNS])
    return out


def _write_xlsx(results: Sequence[FileResult], out: Path, skipped: Sequence[tuple[str, str]]) -> Path:
    import pandas as pd
    import xlsxwriter

    base = out.parent
    subs = ordered(results)
    findings = finding_rows(results)
    labels = _labels(subs)
    wb = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    link = wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top", "text_wrap": True})
    money = wb.add_format({"num_format": "#,##0.00", "valign": "top"})
    red = wb.add_format({"font_color": "#C00000", "bold": True, "valign": "top"})
    top = wb.add_format({"valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    red_top = wb.add_format({"font_color": "#C00000", "bold": True, "valign": "top"})

    def header(ws, columns: list[str], widths: list[int]) -> None:
        for c, (name, w) in enumerate(zip(columns, widths, strict=True)):
            ws.write_string(0, c, name, head)
            ws.set_column(c, c, w)
        ws.set_row(0, header_height(columns, widths))  # every header whole (a long 部门 wraps)
        ws.freeze_panes(1, 0)
        ws.set_paper(9)  # A4, landscape, all columns on one page width, the header on every page
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)

    # 汇总
    ws = wb.add_worksheet("汇总")
    cols = ["文件", "部门", "年度", "资金总额", "项目支出", "专项数", "错误", "警告", "提示", "主要问题"]
    cols += [*DIMENSIONS, "得分", GRADE_NOTE, "已确认（另计）"]
    widths = [34, 28, 6, 11, 11, 7, 6, 6, 6, 50, 7, 7, 7, 7, 7, 12, 9]
    header(ws, cols, widths)
    for i, r in enumerate(subs, start=1):
        sc = score(r.findings)
        shown = [shown_name(r), r.department or "", _top_rules(r.findings)]
        ws.set_row(i, text_height(shown, [widths[0], widths[1], widths[9]]))
        if i <= MAX_LINKS:
            ws.write_url(i, 0, "external:" + _link(Path(r.file), base), link, shown_name(r))
        else:
            ws.write_string(i, 0, shown_name(r), top)
        ws.write_string(i, 1, r.department or "", wrap)
        _number(ws, i, 2, r.year, top)
        _number(ws, i, 3, r.total, money)
        _number(ws, i, 4, r.project, money)
        ws.write_number(i, 5, r.funds, top)
        ws.write_number(i, 6, r.summary.get("error", 0), red if r.summary.get("error") else top)
        ws.write_number(i, 7, r.summary.get("warning", 0), top)
        ws.write_number(i, 8, r.summary.get("info", 0), top)
        ws.write_string(i, 9, _top_rules(r.findings), wrap)
        for j, d in enumerate(DIMENSIONS):
            ws.write_number(i, 10 + j, sc.dimensions[d], top)
        ws.write_number(i, 14, sc.total, top)
        ws.write_string(i, 15, sc.grade, top)
        ws.write_number(i, 16, r.summary.get("waived", 0), top)
    ws.autofilter(0, 0, max(1, len(subs)), len(cols) - 1)

    # 问题
    ws = wb.add_worksheet("问题")
    widths = [30, 26, 6, 24, 8, 7, 26, 60, 40, 30]
    header(ws, FINDING_COLUMNS, widths)
    wrapped = [c for c, name in enumerate(FINDING_COLUMNS) if name not in ("单元格", "级别", "规则")]
    for i, row in enumerate(findings, start=1):
        ws.set_row(i, text_height([row[FINDING_COLUMNS[c]] or "" for c in wrapped], [widths[c] for c in wrapped]))
        for c, name in enumerate(FINDING_COLUMNS):
            if name == "单元格" and row["单元格"] and i <= MAX_LINKS:
                sheet = row["工作表"].replace("'", "''")
                target = f"external:{_link(Path(row['_path']), base)}#'{sheet}'!{row['单元格']}"
                ws.write_url(i, c, target, link, row["单元格"])
            else:
                ws.write_string(i, c, row[name] or "", red_top if name == "级别" and row["级别"] == "错误" else wrap)
    ws.autofilter(0, 0, max(1, len(findings)), len(FINDING_COLUMNS) - 1)

    # 规则×单位
    ws = wb.add_worksheet("规则×单位")
    columns = [labels[r.file] for r in subs]
    frame = pd.DataFrame(
        [{"规则": f"{f['规则']} {f['规则名称']}".strip(), "单位": labels[f["_path"]]} for f in findings],
        columns=["规则", "单位"],
    )
    pivot = (
        pd.crosstab(frame["规则"], frame["单位"]).reindex(columns=columns, fill_value=0)
        if len(frame)
        else pd.DataFrame(columns=columns)
    )
    header(ws, ["规则", *columns, "合计"], [40] + [14] * len(columns) + [8])
    ws.freeze_panes(1, 1)
    for i, (rule, counts) in enumerate(pivot.iterrows(), start=1):
        ws.set_row(i, text_height([str(rule)], [40]))
        ws.write_string(i, 0, str(rule), wrap)
        for j, n in enumerate(counts, start=1):
            if n:
                ws.write_number(i, j, int(n))
        ws.write_number(i, len(columns) + 1, int(counts.sum()))
    total_row = len(pivot) + 1
    ws.write_string(total_row, 0, "合计", head)
    for j, col in enumerate(columns, start=1):
        ws.write_number(total_row, j, int(pivot[col].sum()) if len(pivot) else 0, head)
    ws.write_number(total_row, len(columns) + 1, int(pivot.to_numpy().sum()) if len(pivot) else 0, head)

    # 无法读取/跳过
    ws = wb.add_worksheet("无法读取或跳过")
    header(ws, ["文件", "情况", "原因"], [36, 10, 80])
    rows = [(r.file, shown_name(r), "跳过" if is_skipped(r) else "无法读取", r.error) for r in results if r.error]
    rows += [(f, Path(f).name, "跳过", why) for f, why in skipped]
    for i, (file, shown, state, why) in enumerate(rows, start=1):
        if i <= MAX_LINKS:
            ws.write_url(i, 0, "external:" + _link(Path(file), base), link, shown)
        else:
            ws.write_string(i, 0, shown)
        ws.write_string(i, 1, state)
        ws.write_string(i, 2, why, wrap)

    # 图表: two small tables (per rule and severity; errors per submission) and a chart of each,
    # the charts one under the other, each placed below where the one above ends (computed from sizes)
    ws = wb.add_worksheet("图表")
    by_rule: dict[str, Counter[str]] = {}
    for f in findings:
        by_rule.setdefault(f["规则"], Counter())[f["级别"]] += 1
    rules = sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r))
    levels = [SEVERITY_ZH[s] for s in ("error", "warning", "info")]
    header(ws, ["规则", *levels, "合计"], [CHART_LABEL_WIDTH, 6, 6, 6, 6])
    for i, rule in enumerate(rules, start=1):
        ws.write_string(i, 0, rule_name(rule))
        for j, level in enumerate(levels, start=1):
            ws.write_number(i, j, by_rule[rule][level])
        ws.write_number(i, 4, sum(by_rule[rule].values()))
    units_at = len(rules) + 2  # the second table, under the first
    if subs:
        ws.write_string(units_at, 0, "单位", head)
        ws.write_string(units_at, 1, "错误", head)
        for i, r in enumerate(subs, start=units_at + 1):
            ws.write_string(i, 0, labels[r.file])
            ws.write_number(i, 1, r.summary.get("error", 0))
    row = 1
    if rules:
        chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
        for j in range(1, len(levels) + 1):
            chart.add_series(
                {
                    "name": ["图表", 0, j],
                    "categories": ["图表", 1, 0, len(rules), 0],
                    "values": ["图表", 1, j, len(rules), j],
                    "fill": {"color": ("#C00000", "#FFC000", "#A5A5A5")[j - 1]},
                }
            )
        chart.set_title({"name": "各规则的问题数"})
        chart.set_y_axis({"reverse": True, "num_font": {"size": 9}})
        chart.set_legend({"position": "top"})
        height = bar_chart_height(len(rules))
        chart.set_size({"width": CHART_WIDTH, "height": height})
        ws.insert_chart(row, CHART_COL, chart)
        row += rows_for(height) + 1
    if subs:
        chart = wb.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": "错误",
                "categories": ["图表", units_at + 1, 0, units_at + len(subs), 0],
                "values": ["图表", units_at + 1, 1, units_at + len(subs), 1],
                "fill": {"color": "#C00000"},
            }
        )
        chart.set_title({"name": "各单位的错误数"})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True, "num_font": {"size": 9}})
        chart.set_size({"width": CHART_WIDTH, "height": bar_chart_height(len(subs))})
        ws.insert_chart(row, CHART_COL, chart)

    # 评分说明
    ws = wb.add_worksheet("评分说明")
    ws.set_column(0, 0, 110)
    for i, line in enumerate(rubric_lines()):
        ws.write_string(i, 0, line, wrap)
    wb.close()
    portable_links(out)
    return out


#: The 图表 sheet: the tables' label column (characters), where the charts stand, how wide they are (pixels).
CHART_LABEL_WIDTH = 40
CHART_COL = 6
CHART_WIDTH = 720
ROW_PX = 20  # a default row: 15 points
LINE_PT = 16.5  # a line of wrapped Chinese text (CJK fonts stand taller than Calibri's 15-point row)


def bar_chart_height(bars: int) -> int:
    """Pixels for a horizontal bar chart of ``bars`` bars: 22 a bar, title and axis around them."""
    return max(240, 22 * bars + 100)


def rows_for(height: int) -> int:
    """Default rows a chart ``height`` pixels high covers (the next chart starts below them)."""
    return -(-height // ROW_PX)


def _display_width(text: str) -> float:
    """Character widths ``text`` takes in a cell (a Chinese character about 1.8, anything else 1)."""
    return sum(1.8 if ord(ch) > 0x2E7F else 1.0 for ch in text)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide."""
    per_line = max(1.0, width - 1)
    return sum(max(1, -(-int(_display_width(part) * 10) // int(per_line * 10))) for part in text.split("\n"))


def text_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """Points for a row showing each text whole, wrapped in its column (Excel and LibreOffice do not
    grow a row to its wrapped text on their own)."""
    lines = max((_lines(t, w) for t, w in zip(texts, widths, strict=True) if t), default=1)
    return LINE_PT * lines if lines > 1 else 15.0


def header_height(columns: Sequence[str], widths: Sequence[float]) -> float:
    """Points for a header row showing every header whole, wrapped in its column."""
    return text_height(columns, widths) + 3


def portable_links(path: Path) -> None:
    """Links to other files with forward slashes (XlsxWriter writes Windows' backslashes, which
    LibreOffice and Excel on macOS do not follow)."""
    import re

    from xladdin.io.package import rewrite_zip

    target = re.compile(rb'(<Relationship [^>]*?Target=")([^"]*)("[^>]*TargetMode="External")')

    def change(parts: dict[str, bytes]) -> dict[str, bytes]:
        for name, data in parts.items():
            if name.startswith("xl/worksheets/_rels/"):
                parts[name] = target.sub(lambda m: m.group(1) + m.group(2).replace(b"\\", b"/") + m.group(3), data)
        return parts

    rewrite_zip(path, change)


def rubric_lines() -> list[str]:
    """The rubric in Chinese, as the 评分说明 sheet shows it."""
    e, w, h = DEDUCTION["error"], DEDUCTION["warning"], DEDUCTION["info"]
    lines = [
        "预测等级仅供参考，由校验发现的问题按以下规则计算，不代替审核人员的判断。",
        "按绩效目标审核的四个方面计分：完整性、相关性、适当性、可行性，各 25 分，合计 100 分。",
        f"每条规则出现问题时扣分一次：错误扣 {e[0]:g} 分、警告扣 {w[0]:g} 分、提示扣 {h[0]:g} 分；"
        f"同一规则每多一处再扣 {e[1]:g} / {w[1]:g} / {h[1]:g} 分，每条规则最多扣 {e[2]:g} / {w[2]:g} / {h[2]:g} 分；"
        "每个方面最低 0 分。",
        "等级：" + "，".join(f"{g} ≥ {floor:g} 分" for floor, g in GRADES[:-1]) + f"，低于 {GRADES[-2][0]:g} 分为差；"
        "有错误的最高为中（错误即审核会退回的问题），任一方面为 0 分的为差。",
        "",
        "规则所属方面：",
    ]
    for d in DIMENSIONS:
        codes = [c for c in CATALOGUE if dimension(c) == d]
        lines.append(f"{d}：" + "、".join(f"{c} {CATALOGUE[c].title}" for c in codes))
    return lines


def _number(ws, row: int, col: int, value: float | int | None, fmt=None) -> None:
    if value is None:
        ws.write_blank(row, col, None)
    else:
        ws.write_number(row, col, value, fmt)
