"""``validate --html``: the page rendered by real headless Chromium (Debian's ``chromium``, installed by
scripts/test); its text is read from Chromium's DOM, not from our own string."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from xladdin.cli import main
from xladdin.rules import CATALOGUE
from xladdin.validate import validate_file

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("headless Chromium is part of the test setup: scripts/test installs it (apt-get install chromium)")
    return path


def run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def page(example_file, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html") / "报送"
    folder.mkdir()
    shutil.copy(example_file, folder / "seed.xlsx")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    out = folder.parent / "报告.html"
    assert main(["validate", str(folder), "--html", str(out), "--workers", "1"]) == 1
    return out


@pytest.fixture(scope="module")
def dom(page, tmp_path_factory):
    done = run_chromium(page, tmp_path_factory.mktemp("profile"), "--dump-dom")
    return lxml_html.fromstring(done.stdout)


def test_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    doc = lxml_html.fromstring(text)
    assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed")
    assert not re.search(r"(?:src|href)\s*=|url\(|@import|https?://", text)


def test_chromium_renders_the_findings_by_sheet_errors_first(dom, example_file):
    report = validate_file(example_file)
    sections = dom.xpath("//h2")
    assert [h.text_content() for h in sections][:1] == ["seed.xlsx"]
    errors_head, *sheet_heads = dom.xpath("//h3")
    assert errors_head.text_content().startswith(f"错误一览（{report.summary()['error']} 个")
    listed = [[td.text_content() for td in tr.xpath("td")] for tr in errors_head.getnext().xpath(".//tr[td]")]
    named = {f.rule: f"{f.rule} {CATALOGUE[f.rule].title}" for f in report.findings}  # by code and title
    assert listed == [
        [f.sheet, f.cell, named[f.rule], f.message, f.fix] for f in report.findings if f.severity == "error"
    ]
    sheets = [re.match(r"【(.+)】", h.text_content()).group(1) for h in sheet_heads]
    expected_sheets = list(dict.fromkeys(f.sheet for f in report.findings))
    assert sheets == expected_sheets  # workbook order, one heading per sheet with findings
    for head, sheet in zip(sheet_heads, sheets, strict=True):
        table = head.getnext()
        rows = [[td.text_content() for td in tr.xpath("td")] for tr in table.xpath(".//tr[td]")]
        mine = [f for f in report.findings if f.sheet == sheet]
        assert len(rows) == len(mine)
        levels = [r[1] for r in rows]
        assert levels == sorted(levels, key=["错误", "警告", "提示"].index)  # errors first
        assert sorted((r[0], r[1], r[2], r[3], r[4]) for r in rows) == sorted(
            (f.cell, SEVERITY[f.severity], named[f.rule], f.message, f.fix) for f in mine
        )
    body = dom.text_content()
    assert f"{report.summary()['error']} 个错误" in body
    assert "无法读取的文件" in body and "broken.xlsx" in body


def test_chromium_screenshot(page, tmp_path):
    shot = tmp_path / "report.png"
    run_chromium(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,1600")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000  # text and tables, not a blank page


def test_one_file_html_and_wrong_extension(example_file, tmp_path, capsys):
    out = tmp_path / "one.html"
    assert main(["validate", str(example_file), "--html", str(out)]) == 1
    assert "【附表1】" in out.read_text(encoding="utf-8")
    assert main(["validate", str(example_file), "--html", str(tmp_path / "x.pdf")]) == 2
    assert ".html" in capsys.readouterr().err
