"""``--html``: the page rendered in-process from results built by hand and compared line by line with the
page written out by hand (scores from the rubric, worked out in the comments); then parsed with lxml."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from xladdin.commands import html_report as H
from xladdin.commands.review import FileResult

NOW = re.compile(r"生成时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}；")
LIST_HEAD = (
    '<table class="f"><colgroup><col style="width:14%"><col style="width:7%"><col style="width:18%">'
    '<col style="width:35%"><col style="width:26%"></colgroup>'
    "<tr><th>工作表</th><th>单元格</th><th>规则</th><th>问题</th><th>改法</th></tr>"
)
SHEET_HEAD = (
    '<table class="f"><colgroup><col style="width:7%"><col style="width:6%"><col style="width:18%">'
    '<col style="width:41%"><col style="width:28%"></colgroup>'
    "<tr><th>单元格</th><th>级别</th><th>规则</th><th>问题</th><th>改法</th></tr>"
)


def f(rule, severity, sheet, cell, message, fix):
    return {"rule": rule, "severity": severity, "sheet": sheet, "cell": cell, "message": message, "fix": fix}


def lines(text: str) -> list[str]:
    """The page's lines, the time and the style sheet (its own lines) stood in for."""
    return NOW.sub("NOW", text).replace(H.CSS, "CSS").split("\n")


def results() -> list[FileResult]:
    b = FileResult(
        "/in/sub/b.xlsx",
        department="甲局",
        label="sub/b.xlsx",
        findings=[
            f("I304", "error", "附表3-1", "D12", "指标值「较好」是文字", "改为可衡量的值"),
            f("I321", "info", "附表3-1", "E12", "绩效标准含多余空格", "去掉空格"),
            f("I304", "error", "附表3-1", "D13", "指标值「提升」是文字", "改为可衡量的值"),
            f("F502", "warning", "附表1", "B20", "签字栏未填", "填写签字"),
            f("A103", "error", "附表1", "C6", "合计不符", "核对金额"),
        ],
        summary={"error": 3, "warning": 1, "info": 1},
    )
    a = FileResult(
        "/in/a.xlsx",
        department="乙局",
        findings=[
            f("F502", "warning", "附表1", "B20", "<b>签字</b>", "填写签字"),
            f("X204", "warning", '附表2"', "C4", "目标文字不一致", "统一文字"),
            f("Z999", "odd", "其他", "A9", "未知", "无"),
            f("S004", "info", "其他", "", "无法识别的工作表", ""),
        ],
        summary={"error": 0, "warning": 2, "info": 1},
    )
    c = FileResult("/in/c.xlsx", summary={})
    bad = FileResult("/in/坏.xlsx", error="不是 <Excel> 工作簿")
    skip = FileResult("/in/说明.txt", error="跳过：不是工作簿", skipped=True)
    return [bad, c, a, skip, b]


def row(cls, cell, sev, title, rule, message, fix):
    """A finding's row: its rule by code and title (the code alone for a rule not in the catalogue)."""
    return (
        f'<tr class="{cls}"><td class="cell">{cell}</td><td class="sev">{sev}</td>'
        f"<td>{f'{rule} {title}'.strip()}</td><td>{message}</td><td>{fix}</td></tr>"
    )


EXPECTED = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    f"<title>校验报告 收件 &amp; &lt;审&gt;</title><style>{H.CSS}</style></head><body>",
    "<h1>预算绩效目标表 校验报告：收件 &amp; &lt;审&gt;</h1>",
    '<p class="meta">NOW共 5 个文件：3 个错误，3 个警告，2 个提示，1 个无法读取，1 个跳过。</p>',
    "<table><tr><th>文件</th><th>部门</th><th>错误</th><th>警告</th><th>提示</th><th>主要问题</th><th>得分</th></tr>",
    # b: I304 ×2 errors 6 + I321 0.5 (适当性), A103 5 (可行性), F502 1.5 (完整性): 87, errors → 中
    "<tr><td>sub/b.xlsx</td><td>甲局</td><td>3</td><td>1</td><td>1</td>"
    "<td>I304 指标值是文字描述而非可衡量的值（2 处）；A103 附表1 资金总额与收入来源合计不符（1 处）；"
    "F502 签字栏未填（1 处）</td><td>87（中，仅供参考）</td></tr>",
    # a: F502 1.5 + S004 0.5 + Z999 (unknown severity: a hint) 0.5 (完整性), X204 1.5 (相关性): 96
    "<tr><td>a.xlsx</td><td>乙局</td><td>0</td><td>2</td><td>1</td><td>F502 签字栏未填（1 处）；"
    "X204 附表2 与附表3 的绩效目标文字不一致（1 处）；S004 无法识别的工作表（1 处）</td>"
    "<td>96（优，仅供参考）</td></tr>",
    "<tr><td>c.xlsx</td><td></td><td>0</td><td>0</td><td>0</td><td></td><td>100（优，仅供参考）</td></tr>",
    "</table>",
    "<h2>sub/b.xlsx</h2>",
    '<p class="meta">甲局，<span class="bad">3 个错误，1 个警告，1 个提示</span></p>',
    '<h3 class="errors">错误一览（3 个，另见下面各表）</h3>',
    LIST_HEAD,
    '<tr class="error"><td>附表3-1</td><td class="cell">D12</td><td>I304 指标值是文字描述而非可衡量的值</td>'
    "<td>指标值「较好」是文字</td>"
    "<td>改为可衡量的值</td></tr>",
    '<tr class="error"><td>附表3-1</td><td class="cell">D13</td><td>I304 指标值是文字描述而非可衡量的值</td>'
    "<td>指标值「提升」是文字</td>"
    "<td>改为可衡量的值</td></tr>",
    '<tr class="error"><td>附表1</td><td class="cell">C6</td><td>A103 附表1 资金总额与收入来源合计不符</td>'
    "<td>合计不符</td>"
    "<td>核对金额</td></tr>",
    "</table>",
    '<h3>【附表3-1】<span class="meta"> 2 个错误，1 个提示</span></h3>',
    SHEET_HEAD,
    row("error", "D12", "错误", "指标值是文字描述而非可衡量的值", "I304", "指标值「较好」是文字", "改为可衡量的值"),
    row("error", "D13", "错误", "指标值是文字描述而非可衡量的值", "I304", "指标值「提升」是文字", "改为可衡量的值"),
    row("info", "E12", "提示", "绩效标准含多余空格", "I321", "绩效标准含多余空格", "去掉空格"),
    "</table>",
    '<h3>【附表1】<span class="meta"> 1 个错误，1 个警告</span></h3>',
    SHEET_HEAD,
    row("error", "C6", "错误", "附表1 资金总额与收入来源合计不符", "A103", "合计不符", "核对金额"),
    row("warning", "B20", "警告", "签字栏未填", "F502", "签字栏未填", "填写签字"),
    "</table>",
    "<h2>a.xlsx</h2>",
    '<p class="meta">乙局，<span class="ok">0 个错误，2 个警告，1 个提示</span></p>',
    '<h3>【附表1】<span class="meta"> 1 个警告</span></h3>',
    SHEET_HEAD,
    row("warning", "B20", "警告", "签字栏未填", "F502", "&lt;b&gt;签字&lt;/b&gt;", "填写签字"),
    "</table>",
    '<h3>【附表2&quot;】<span class="meta"> 1 个警告</span></h3>',
    SHEET_HEAD,
    row("warning", "C4", "警告", "附表2 与附表3 的绩效目标文字不一致", "X204", "目标文字不一致", "统一文字"),
    "</table>",
    '<h3>【其他】<span class="meta"> 1 个提示</span></h3>',
    SHEET_HEAD,
    row("info", "", "提示", "无法识别的工作表", "S004", "无法识别的工作表", ""),
    row("odd", "A9", "odd", "", "Z999", "未知", "无"),
    "</table>",
    "<h2>c.xlsx</h2>",
    '<p class="meta"><span class="ok">0 个错误，0 个警告，0 个提示</span></p>',
    '<p class="ok">未发现问题。</p>',
    "<h2>无法读取的文件</h2><table><tr><th>文件</th><th>原因</th></tr>",
    "<tr><td>坏.xlsx</td><td>不是 &lt;Excel&gt; 工作簿</td></tr>",
    "</table>",
    "<h2>跳过的文件</h2><table><tr><th>文件</th><th>原因</th></tr>",
    "<tr><td>说明.txt</td><td>跳过：不是工作簿</td></tr>",
    "</table>",
    "</body></html>",
]


def test_the_page_line_by_line():
    text = H.render(results(), title="收件 & <审>")
    assert len(NOW.findall(text)) == 1
    assert NOW.sub("NOW", text) == "\n".join(EXPECTED)


def test_the_page_parses_into_sections():
    doc = lxml_html.fromstring(H.render(results(), title="t"))
    assert [h.text_content() for h in doc.xpath("//h2")] == [
        "sub/b.xlsx",
        "a.xlsx",
        "c.xlsx",
        "无法读取的文件",
        "跳过的文件",
    ]
    assert doc.xpath("//title")[0].text_content() == "校验报告 t"
    assert not doc.xpath("//script | //link | //img")


def test_one_file_no_overview_no_skipped_count():
    one = FileResult("/in/a.xlsx", department="甲局", summary={"error": 0, "warning": 0, "info": 0})
    page = lines(H.render([one]))
    assert page[3:5] == [
        "<title>校验报告 </title><style>CSS</style></head><body>",
        "<h1>预算绩效目标表 校验报告：</h1>",
    ]
    assert page[5:] == [
        '<p class="meta">NOW共 1 个文件：0 个错误，0 个警告，0 个提示，0 个无法读取。</p>',
        "<h2>a.xlsx</h2>",
        '<p class="meta">甲局，<span class="ok">0 个错误，0 个警告，0 个提示</span></p>',
        '<p class="ok">未发现问题。</p>',
        "</body></html>",
    ]


def test_two_files_get_the_overview_table():
    one = FileResult("/in/a.xlsx", summary={"error": 0, "warning": 0, "info": 0})
    bad = FileResult("/in/b.xlsx", error="坏")
    page = lines(H.render([one, bad]))
    assert page[5] == '<p class="meta">NOW共 2 个文件：0 个错误，0 个警告，0 个提示，1 个无法读取。</p>'
    assert page[6].startswith("<table><tr><th>文件</th>") and page[8] == "</table>"
    assert (
        page[7]
        == "<tr><td>a.xlsx</td><td></td><td>0</td><td>0</td><td>0</td><td></td><td>100（优，仅供参考）</td></tr>"
    )


def test_escape():
    assert H._e(None) == "" and H._e(3) == "3"
    assert H._e("a\"'<>&") == "a&quot;&#x27;&lt;&gt;&amp;"


def test_write_html(tmp_path):
    out = tmp_path / "新" / "层" / "报告.html"
    assert H.write_html(results(), out, title="收件") == out
    text = out.read_text(encoding="utf-8")
    assert lines(text)[4] == "<h1>预算绩效目标表 校验报告：收件</h1>"
    assert sorted(p.name for p in out.parent.iterdir()) == ["报告.html"]
    assert H.write_html([], str(tmp_path / "空.html")) == tmp_path / "空.html"
    assert lines((tmp_path / "空.html").read_text(encoding="utf-8"))[3:5] == [
        "<title>校验报告 </title><style>CSS</style></head><body>",
        "<h1>预算绩效目标表 校验报告：</h1>",
    ]
