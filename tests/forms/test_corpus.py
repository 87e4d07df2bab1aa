"""The real-forms corpus is well formed, every set of it (tests/data/realforms, set2/, set3/): every form
builds (as a workbook and as a Word document), its key points inside the form and is consistent, its
source is noted; the first set spans at least four provinces and the sets hold different forms.
(Targets on the validator's score are asserted elsewhere.)"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl
import pytest
from openpyxl.utils import range_boundaries
from realforms import (
    DATA,
    SET2,
    SET3,
    SET4,
    SET5,
    SET6,
    SET7,
    SET8,
    SETS,
    RealForm,
    build_docx,
    build_xlsx,
    cell_cells,
    cell_position,
    load,
    score,
    score_corpus,
    sheet_size,
    validate_in_process,
)

CASES = load()
IDS = [c.name for c in CASES]
#: Every form of every set, as (set name, form).
ALL = [(name, case) for name, folder in SETS.items() for case in load(folder)]
ALL_IDS = [f"{name}/{case.name}" for name, case in ALL]
#: The first set predates the 2019–2026 rule of the later sets (湖南 南岳 2018).
MIN_YEAR = {"old": 2018}


def test_corpus_size_and_provinces() -> None:
    assert len(CASES) >= 3
    assert len({c.source["province"] for c in CASES}) >= 4


def test_the_sets_are_registered() -> None:
    assert SETS == {
        "old": DATA,
        "new": SET2,
        "set3": SET3,
        "set4": SET4,
        "set5": SET5,
        "set6": SET6,
        "set7": SET7,
        "set8": SET8,
    }
    for name, folder in SETS.items():
        assert load(folder), f"set {name} is empty"


@pytest.mark.parametrize("folder", list(SETS.values()), ids=list(SETS))
def test_every_form_has_a_key(folder: Path) -> None:
    for path in folder.glob("*.json"):
        if not path.name.endswith(".key.json"):
            assert (folder / f"{path.name.removesuffix('.json')}.key.json").exists(), path.name


@pytest.mark.parametrize(("set_name", "case"), ALL, ids=ALL_IDS)
def test_source_is_noted(set_name: str, case: RealForm) -> None:
    src = case.source
    assert src["url"].startswith("http")
    for field in ("title", "publisher", "province", "year", "found_via", "notes"):
        assert src.get(field), field
    assert MIN_YEAR.get(set_name, 2019) <= int(src["year"]) <= 2026
    assert re.fullmatch(r"[a-z]+-[a-z]+-\d{4}-[a-z]+", case.name), "<province>-<place>-<year>-<kind>"
    assert str(src["year"]) in case.name
    assert src.get("complete", True) in (True, False)


@pytest.mark.parametrize(("set_name", "case"), ALL, ids=ALL_IDS)
def test_merges_cover_only_empty_cells(set_name: str, case: RealForm) -> None:
    """Rows are printed rectangular; a merge's anchor holds the value; the cells it covers are empty
    (nothing is lost when merged)."""
    for sheet in case.data["sheets"]:
        rows, cols = sheet_size(sheet)
        assert all(len(r) == cols for r in sheet["rows"]), sheet["name"]
        for merge in sheet.get("merges", []):
            c1, r1, c2, r2 = range_boundaries(merge)
            assert r2 <= rows and c2 <= cols, (sheet["name"], merge)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        assert sheet["rows"][r - 1][c - 1] in ("", None), (sheet["name"], merge, r, c)


@pytest.mark.parametrize(("set_name", "case"), ALL, ids=ALL_IDS)
def test_key_cells_inside_used_range(set_name: str, case: RealForm) -> None:
    ids = set()
    for entry in case.key["defects"] + case.key["correct"]:
        sheet = case.sheet(entry["sheet"])
        rows, cols = sheet_size(sheet)
        assert entry["cells"], entry
        assert entry["what"], entry
        for ref in entry["cells"]:
            r, c = cell_position(ref)
            assert 1 <= r <= rows and 1 <= c <= cols, (case.name, entry.get("id"), ref)
    for d in case.key["defects"]:
        assert d["severity"] in ("error", "warning"), d
        assert d["id"] not in ids, d["id"]
        ids.add(d["id"])


@pytest.mark.parametrize(("set_name", "case"), ALL, ids=ALL_IDS)
def test_builds_with_text_kept_as_text(set_name: str, case: RealForm, tmp_path: Path) -> None:
    """The workbook build keeps every value (text stays text) and every merge; the Word build has one table
    per sheet with every cell's text (numbers without a trailing .0) and the merges as printed."""
    path = build_xlsx(case, tmp_path / f"{case.name}.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [s["name"] for s in case.data["sheets"]]
    document = docx.Document(str(build_docx(case, tmp_path / f"{case.name}.docx")))
    assert len(document.tables) == len(case.data["sheets"])
    for sheet, table in zip(case.data["sheets"], document.tables, strict=True):
        ws = wb[sheet["name"]]
        assert {str(m) for m in ws.merged_cells.ranges} == set(sheet.get("merges", []))
        rows, cols = sheet_size(sheet)
        assert (len(table.rows), len(table.columns)) == (rows, cols)
        for r, row in enumerate(sheet["rows"], start=1):
            for c, value in enumerate(row, start=1):
                got = ws.cell(row=r, column=c).value
                assert got == (None if value == "" else value), (sheet["name"], r, c)
                if isinstance(value, str) and value:
                    assert ws.cell(row=r, column=c).data_type == "s"
                if value not in ("", None):
                    want = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                    assert table.cell(r - 1, c - 1).text == want, (sheet["name"], r, c)
        for merge in sheet.get("merges", []):
            c1, r1, c2, r2 = range_boundaries(merge)
            assert table.cell(r1 - 1, c1 - 1)._tc is table.cell(r2 - 1, c2 - 1)._tc, merge


def test_score_counts() -> None:
    key = {
        "defects": [
            {"id": "a", "sheet": "S", "cells": ["E5", "D5"], "severity": "error", "what": "x"},
            {"id": "b", "sheet": "S", "cells": ["B2"], "severity": "warning", "what": "y"},
        ],
        "correct": [{"sheet": "S", "cells": ["F9"], "what": "z"}],
    }
    findings = [
        {"rule": "X1", "severity": "error", "sheet": "S", "cell": "D5"},
        {"rule": "X2", "severity": "warning", "sheet": "S", "cell": "E5"},
        {"rule": "X3", "severity": "error", "sheet": "S", "cell": "F9"},
        {"rule": "X4", "severity": "error", "sheet": "T", "cell": "B2"},
        {"rule": "X5", "severity": "info", "sheet": "S", "cell": "B2"},
    ]
    s = score(findings, key)
    assert (s["findings"], s["tp"], s["fp"], s["fn"]) == (4, 2, 2, 1)
    assert s["precision"] == 0.5 and s["recall"] == 0.5
    assert s["errors_on_correct"] == 1
    assert [d["matched"] for d in s["per_defect"]] == [True, False]
    assert score([{"severity": "warning", "sheet": "S", "cell": "A1:B2"}], key)["tp"] == 1
    assert score([], key)["recall"] == 0.0
    inside = {"rule": "X6", "severity": "warning", "sheet": "S", "cell": "C2"}
    assert score([inside], key)["tp"] == 0
    assert score([inside], key, {"S": ["A2:F2"]})["tp"] == 1  # C2 and the key cell B2 share the merge A2:F2


@pytest.mark.parametrize(("set_name", "case"), ALL, ids=ALL_IDS)
def test_no_cell_is_both_defect_and_correct(set_name: str, case: RealForm) -> None:
    """Also through merged ranges: a finding inside a merge matches every key cell of that merge."""
    anchor = {}
    for sheet in case.data["sheets"]:
        for rng in sheet.get("merges", []):
            cells = cell_cells(rng)
            anchor |= {(sheet["name"], c): cells[0] for c in cells}
    defects = {(e["sheet"], anchor.get((e["sheet"], c), c)) for e in case.key["defects"] for c in e["cells"]}
    correct = {(e["sheet"], anchor.get((e["sheet"], c), c)) for e in case.key["correct"] for c in e["cells"]}
    assert not defects & correct, defects & correct


@pytest.mark.parametrize("folder", list(SETS.values()), ids=list(SETS))
def test_score_corpus_with_an_oracle(folder: Path) -> None:
    """A validator that reports exactly the key's defects scores 100% on every form of every set (the
    plumbing and the keys agree); one that cannot read anything scores recall 0."""
    cases = load(folder)
    by_file = {f"{c.name}.xlsx": c for c in cases}

    def oracle(path: Path) -> tuple[int, list[dict], str]:
        key = by_file[path.name].key
        found = [
            {"rule": "K", "severity": d["severity"], "sheet": d["sheet"], "cell": d["cells"][0]} for d in key["defects"]
        ]
        return (1 if found else 0), found, ""

    result = score_corpus(cases, oracle)
    assert result["total"]["recall"] == 1.0 and result["total"]["precision"] == 1.0
    assert result["total"]["errors_on_correct"] == 0
    blind = score_corpus(cases, lambda path: (2, [], "unreadable"))
    assert blind["total"]["recall"] == 0.0 and blind["total"]["findings"] == 0


def test_in_process_validator_agrees_with_the_cli() -> None:
    """The in-process hook (for fast tests) scores like the CLI on the corpus."""
    fast = score_corpus(CASES[:3], validate_in_process)
    slow = score_corpus(CASES[:3])
    for a, b in zip(fast["forms"], slow["forms"], strict=True):
        assert (a["exit"], a["score"]["tp"], a["score"]["fp"], a["score"]["fn"]) == (
            b["exit"],
            b["score"]["tp"],
            b["score"]["fp"],
            b["score"]["fn"],
        )
