"""Waivers (「已确认」): accepted findings stay in place, marked and counted apart; waived errors do not
fail the check; a waiver whose cell no longer shows its finding is reported (S010); the ribbon's
「确认此项」 writes the 已确认 sheet from the selected rows of 校验结果."""

from __future__ import annotations

import json
import os
import re

import openpyxl
import pytest
import xlwings as xw
from helpers import payload

from xladdin import a1
from xladdin.cli import main
from xladdin.excel.handlers import RESULTS, Ui, run
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.waivers import HEADER, SHEET

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

CITY = "附表3-大学生应征入伍奖励"
LABEL = re.compile(r',"((?:[^"]|"")*)"\)$')


def _with_waivers(src, dst, rows):
    wb = openpyxl.load_workbook(src)
    ws = wb.create_sheet(SHEET)
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(dst)
    return dst


def _json(path, capsys) -> tuple[int, dict]:
    code = main(["validate", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture()
def plain(example_file, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XLADDIN_CONFIG", "")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    code, data = _json(example_file, capsys)
    assert code == 1 and data["summary"]["error"] > 0  # the seed has real errors
    return data


def test_waived_errors_keep_their_place_and_do_not_fail(plain, example_file, tmp_path, capsys):
    errors = [f for f in plain["findings"] if f["severity"] == "error"]
    rows = [[f["rule"], f["sheet"], f["cell"], f"已核实 {i}"] for i, f in enumerate(errors)]
    book = _with_waivers(example_file, tmp_path / "waived.xlsx", rows)
    code, data = _json(book, capsys)
    assert code == 0  # every error accepted
    assert data["summary"] == {**plain["summary"], "error": 0, "waived": len(errors)}
    assert [(f["rule"], f["sheet"], f["cell"]) for f in data["findings"]] == [
        (f["rule"], f["sheet"], f["cell"]) for f in plain["findings"]
    ]  # each keeps its place
    reasons = {(f["rule"], f["sheet"], f["cell"]): f.get("waived") for f in data["findings"]}
    for i, f in enumerate(errors):
        assert reasons[(f["rule"], f["sheet"], f["cell"])] == f"已核实 {i}"
    assert sum("waived" in f for f in data["findings"]) == len(errors)
    assert main(["validate", str(book)]) == 0
    out = capsys.readouterr().out
    assert f"（另有 {len(errors)} 项已确认）" in out and "已确认 " in out


def test_a_stale_waiver_is_reported_and_a_partial_one_still_fails(plain, example_file, tmp_path, capsys):
    errors = [f for f in plain["findings"] if f["severity"] == "error"]
    first = errors[0]
    rows = [
        [first["rule"], first["sheet"], first["cell"].lower(), "已核实"],
        ["B401", CITY, "A1", "这里没有问题"],  # no B401 at A1
    ]
    book = _with_waivers(example_file, tmp_path / "stale.xlsx", rows)
    code, data = _json(book, capsys)
    assert code == 1  # the other errors still count
    assert data["summary"]["error"] == len(errors) - 1 and data["summary"]["waived"] == 1
    stale = [f for f in data["findings"] if f["rule"] == "S010"]
    assert [(f["sheet"], f["cell"]) for f in stale] == [(SHEET, "A3")]
    assert not [f for f in data["findings"] if f["rule"] == "S004"]  # 已确认 is no unknown form


class Answers(Ui):
    def __init__(self, book, reason):
        super().__init__(book, ask_text=lambda title, prompt: reason)
        self.messages: list[str] = []

    def alert(self, text, title="绩效目标"):
        self.messages.append(text)


def _results_grid(example_grid) -> tuple[BookGrid, list[list]]:
    book = xw.Book(json=payload(example_grid))
    run("validate", book, Answers(book, None))
    [table] = [a for a in book.json()["actions"] if a["func"] == "setValues" and a["values"][0][0] == "级别"]
    # Excel shows a HYPERLINK's label: what the remote engine's VBA client sends back
    rows = [[r[0], r[1], LABEL.search(r[2]).group(1).replace('""', '"'), *r[3:]] for r in table["values"][1:]]
    return BookGrid(sheets=[*example_grid.sheets, SheetGrid(RESULTS, rows=[table["values"][0], *rows])]), rows


def _book_on(grid: BookGrid, sheet: str, selection: str):
    data = payload(grid)
    data["book"]["active_sheet_index"] = [s.name for s in grid.sheets].index(sheet)
    data["book"]["selection"] = selection
    return xw.Book(json=data)


def test_ribbon_waives_the_selected_rows(example_grid):
    grid, rows = _results_grid(example_grid)
    book = _book_on(grid, RESULTS, "B2:D3")
    ui = Answers(book, "主管部门已同意")
    run("waive", book, ui)
    acts = book.json()["actions"]
    assert [a["args"][1] for a in acts if a["func"] == "addSheet"] == [SHEET]
    writes = [a for a in acts if a["func"] == "setValues"]
    assert writes[0]["values"] == [HEADER]
    expected = [[r[3], r[1], r[2].rpartition("!")[2], "主管部门已同意"] for r in rows[:2]]
    assert writes[1]["values"] == expected and writes[1]["start_row"] == 1  # row 2 of 已确认
    levels = [a for a in writes if a["values"] == [["已确认"]]]
    assert [a["start_row"] for a in levels] == [1, 2]
    assert ui.messages == [f"已确认 2 项（记录在「{SHEET}」工作表）。再次校验时它们单独计数，不算作错误。"]


def test_ribbon_then_validate_counts_apart_and_leaves_the_cell_unmarked(example_grid):
    _, rows = _results_grid(example_grid)
    first = rows[0]
    waived = SheetGrid(SHEET, rows=[HEADER, [first[3], first[1], first[2].rpartition("!")[2], "已核实"]])
    book = xw.Book(json=payload(BookGrid(sheets=[*example_grid.sheets, waived])))
    ui = Answers(book, None)
    run("validate", book, ui)
    assert "（另有 1 项已确认）" in ui.messages[0]
    acts = book.json()["actions"]
    [table] = [a for a in acts if a["func"] == "setValues" and a["values"][0][0] == "级别"]
    assert table["values"][1][0] == "已确认" and table["values"][1][5] == "理由：已核实"
    sheet, _, cell = first[2].rpartition("!")
    assert not [r for r in rows[1:] if r[2] == first[2]]  # no other finding at that cell
    names = [s.name for s in example_grid.sheets]
    row, col = a1.parse(cell)
    marked = {
        (names[a["sheet_position"]], a["start_row"] + 1, a["start_column"] + 1)
        for a in acts
        if a["func"] == "setRangeColor" and a["args"][0] is not None
    }
    assert marked and (sheet, row, col) not in marked


def test_ribbon_waive_needs_a_selected_finding_and_a_reason(example_grid):
    grid, _ = _results_grid(example_grid)
    book = _book_on(grid, "附表1", "A1")
    ui = Answers(book, "x")
    run("waive", book, ui)
    assert "请先在「校验结果」" in ui.messages[0]
    book = _book_on(grid, RESULTS, "A2")
    ui = Answers(book, "  ")
    run("waive", book, ui)
    assert ui.messages == ["未填写理由，未确认。"]
    assert not [a for a in book.json()["actions"] if a["func"] == "addSheet"]


def test_export_leaves_the_confirmations_out_and_records_their_count(plain, example_file, tmp_path, monkeypatch):
    from xladdin.commands import export as export_mod
    from xladdin.validate import validate_file

    errors = [f for f in plain["findings"] if f["severity"] == "error"]
    rows = [[f["rule"], f["sheet"], f["cell"], "已核实"] for f in errors]
    book = _with_waivers(example_file, tmp_path / "waived.xlsx", rows)
    monkeypatch.setattr(export_mod, "_pdf", lambda *args: (None, "no pdf in this test"))
    result = export_mod.export(book, tmp_path / "out")  # no --force: every error is confirmed
    assert SHEET not in openpyxl.load_workbook(result.xlsx).sheetnames  # the tool's sheet stays home
    assert SHEET in openpyxl.load_workbook(book).sheetnames
    assert result.summary == validate_file(book).counts_zh()
    assert f"另有 {len(errors)} 项已确认" in result.summary
    props = openpyxl.load_workbook(result.xlsx).custom_doc_props.props
    assert [p.value for p in props if p.name == "xladdin校验结果"] == [result.summary]
