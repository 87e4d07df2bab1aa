"""``xladdin validate … --html REPORT.html``: one self-contained page a reviewer can attach to an e-mail.

No script, no font, no image, no link to the network: inline CSS only. One section per file (most
errors first), its findings by sheet (in the order the findings come: sheets with errors first), errors
first within a sheet, each with its
cell, severity, rule, message and fix, after a list of the file's errors; files that could not be read
are listed with the reason.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from xladdin.commands.summary import (
    SEVERITY_ORDER,
    _top_rules,
    is_skipped,
    is_waived,
    level_zh,
    ordered,
    rule_name,
    score,
    shown_name,
)
from xladdin.rules import SEVERITY_ZH

if TYPE_CHECKING:
    from xladdin.commands.results import FileResult

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px;border-bottom:2px solid #4472C4}
h3{font-size:15px;margin:16px 0 4px;color:#333}h3.errors{color:#C00000}.meta{color:#666;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0 8px}table.f{table-layout:fixed}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#DDEBF7}
td.cell{font-family:Consolas,monospace;white-space:nowrap}td.sev{white-space:nowrap;font-weight:bold}
tr.error td.sev{color:#C00000}tr.waived td.sev{color:#666}tr.warning td.sev{color:#B07800}tr.info td.sev{color:#666}
.ok{color:#2E7D32}.bad{color:#C00000}
@media print{body{margin:8mm}h2{page-break-before:auto}}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def render(results: Sequence[FileResult], title: str = "") -> str:
    """The page's HTML text."""
    readable = ordered(results)
    unreadable = [r for r in results if r.error and not is_skipped(r)]
    skipped = [r for r in results if r.error and is_skipped(r)]
    totals = {k: sum(r.summary.get(k, 0) for r in readable) for k in ("error", "warning", "info", "waived")}
    now = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>校验报告 {_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>预算绩效目标表 校验报告：{_e(title)}</h1>",
        f'<p class="meta">生成时间 {now}；共 {len(results)} 个文件：{totals["error"]} 个错误，'
        f"{totals['warning']} 个警告，{totals['info']} 个提示，"
        + (f"{totals['waived']} 项已确认（另计），" if totals["waived"] else "")
        + f"{len(unreadable)} 个无法读取"
        + (f"，{len(skipped)} 个跳过" if skipped else "")
        + "。</p>",
    ]
    if len(results) > 1:
        out.append(
            "<table><tr><th>文件</th><th>部门</th><th>错误</th><th>警告</th><th>提示</th><th>主要问题</th>"
            "<th>得分</th></tr>"
        )
        for r in readable:
            sc = score(r.findings)
            out.append(
                f"<tr><td>{_e(shown_name(r))}</td><td>{_e(r.department)}</td>"
                f"<td>{r.summary.get('error', 0)}</td><td>{r.summary.get('warning', 0)}</td>"
                f"<td>{r.summary.get('info', 0)}</td><td>{_e(_top_rules(r.findings))}</td>"
                f"<td>{sc.total:g}（{sc.grade}，仅供参考）</td></tr>"
            )
        out.append("</table>")
    for r in readable:
        out.extend(_file_section(r))
    if unreadable:
        out.append("<h2>无法读取的文件</h2><table><tr><th>文件</th><th>原因</th></tr>")
        out.extend(f"<tr><td>{_e(shown_name(r))}</td><td>{_e(r.error)}</td></tr>" for r in unreadable)
        out.append("</table>")
    if skipped:
        out.append("<h2>跳过的文件</h2><table><tr><th>文件</th><th>原因</th></tr>")
        out.extend(f"<tr><td>{_e(shown_name(r))}</td><td>{_e(r.error)}</td></tr>" for r in skipped)
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def _file_section(r: FileResult) -> list[str]:
    s = r.summary
    counts = f"{s.get('error', 0)} 个错误，{s.get('warning', 0)} 个警告，{s.get('info', 0)} 个提示"
    counts += f"，{s['waived']} 项已确认（另计）" if s.get("waived") else ""
    cls = "bad" if s.get("error") else "ok"
    out = [
        f"<h2>{_e(shown_name(r))}</h2>",
        f'<p class="meta">{_e(r.department)}{"，" if r.department else ""}<span class="{cls}">{counts}</span></p>',
    ]
    if not r.findings:
        out.append('<p class="ok">未发现问题。</p>')
        return out
    errors = [f for f in r.findings if f["severity"] == "error" and not is_waived(f)]
    if errors:  # errors first: the list a reviewer sends back, then every finding sheet by sheet
        out.append(f'<h3 class="errors">错误一览（{len(errors)} 个，另见下面各表）</h3>')
        out.append(
            '<table class="f"><colgroup><col style="width:14%"><col style="width:7%"><col style="width:18%">'
            '<col style="width:35%"><col style="width:26%"></colgroup>'
            "<tr><th>工作表</th><th>单元格</th><th>规则</th><th>问题</th><th>改法</th></tr>"
        )
        out.extend(
            f'<tr class="error"><td>{_e(f["sheet"])}</td><td class="cell">{_e(f["cell"])}</td>'
            f"<td>{_e(rule_name(f['rule']))}</td><td>{_e(f['message'])}</td><td>{_e(f['fix'])}</td></tr>"
            for f in errors
        )
        out.append("</table>")
    sheets: dict[str, list[dict[str, str]]] = {}
    for f in r.findings:  # keep the order the findings come in (errors first, then by sheet)
        sheets.setdefault(f["sheet"], []).append(f)
    for sheet, items in sheets.items():
        items = sorted(items, key=lambda f: SEVERITY_ORDER.get(f["severity"], 3))  # stable: cell order kept
        n = {k: sum(1 for f in items if f["severity"] == k and not is_waived(f)) for k in ("error", "warning", "info")}
        parts = [f"{n[k]} 个{SEVERITY_ZH[k]}" for k in ("error", "warning", "info") if n[k]]
        parts += [f"{w} 项已确认"] if (w := sum(1 for f in items if is_waived(f))) else []
        out.append(f'<h3>【{_e(sheet)}】<span class="meta"> {"，".join(parts)}</span></h3>')
        out.append(
            '<table class="f"><colgroup><col style="width:7%"><col style="width:6%"><col style="width:18%">'
            '<col style="width:41%"><col style="width:28%"></colgroup>'
            "<tr><th>单元格</th><th>级别</th><th>规则</th><th>问题</th><th>改法</th></tr>"
        )
        for f in items:  # the rule by code and title: the page is read on paper too, with no tooltip
            out.append(
                f'<tr class="{"waived" if is_waived(f) else _e(f["severity"])}"><td class="cell">{_e(f["cell"])}</td>'
                f'<td class="sev">{_e(level_zh(f))}</td>'
                f"<td>{_e(rule_name(f['rule']))}</td>"
                f"<td>{_e(f['message'])}{_waiver(f)}</td><td>{_e(f['fix'])}</td></tr>"
            )
        out.append("</table>")
    return out


def _waiver(f: dict[str, str]) -> str:
    """The reason a confirmed finding carries, under its message."""
    return f'<br><span class="meta">已确认，理由：{_e(f["waived"])}</span>' if is_waived(f) else ""


def write_html(results: Sequence[FileResult], out: str | Path, title: str = "") -> Path:
    from xladdin.commands.summary import replacing

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render(results, title)
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
