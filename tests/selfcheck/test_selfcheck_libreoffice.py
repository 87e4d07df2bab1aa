"""The self-check's formulas, recalculated by LibreOffice, agree with the Python rules cell for cell:
on the example, on a clean copy (通过 everywhere), on a copy with every mirrored rule broken, and
after new-fund, sync and rollover rewrote the workbook (new-fund also on a workbook with a stamp
picture and comments, whose 自查 is laid out part by part)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import require_soffice
from selfcheck_kit import by_rule, file_marks, libreoffice_side, planned, python_side
from stamped import build_stamped

from xladdin.cli import main
from xladdin.reader import read_workbook
from xladdin.selfcheck.cells import PASSED


def agree(path: Path, work: Path) -> dict[str, str]:
    """Assert the formulas' and the rules' answers are the same; return the 自查 texts."""
    flags, coloured, texts, odd = libreoffice_side(path, work)
    found, expected = python_side(path)
    assert odd == []
    assert by_rule(flags) == by_rule(found)
    assert by_rule(coloured) == by_rule(found)
    assert texts == expected
    return texts


def _set(wb, sheet: str, ref: str, value: object) -> None:
    wb[sheet][ref].value = value


def _number(wb, sheet: str, ref: str, reading) -> float:
    """The value a cell shows (formulas as the reader computed them)."""
    grid = reading.grid.sheet(sheet)
    from xladdin.a1 import parse

    value = grid.value(*parse(ref))
    return float(value or 0)


def test_example_agrees(example_file: Path, tmp_path: Path) -> None:
    require_soffice()
    texts = agree(example_file, tmp_path)
    assert any(t != PASSED for t in texts.values())  # the seed has findings the formulas show


def test_clean_copy_passes(example_file: Path, tmp_path: Path) -> None:
    require_soffice()
    reading = read_workbook(example_file)
    wb = openpyxl.load_workbook(example_file)
    sub = reading.submission
    for form in sub.forms():
        for key in ("unit", "department", "signature.head", "signature.filler", "signature.phone"):
            if form.cell(key):
                _set(wb, form.sheet, form.cell(key), "0731-22881234" if key.endswith("phone") else "某单位")
        for i, ind in enumerate(getattr(form, "indicators", [])):
            if ind.name and not ind.value:
                _set(wb, form.sheet, form.place.row_cell("indicators", i, "value"), "16人")
    path = tmp_path / "clean.xlsx"
    wb.save(path)
    texts = agree(path, tmp_path / "w")
    assert set(texts.values()) == {PASSED}


def test_every_rule_broken_once(example_file: Path, tmp_path: Path) -> None:
    require_soffice()
    reading = read_workbook(example_file)
    sub = reading.submission
    f1, f2, f3s = sub.form1, sub.form2, sub.form3s
    wb = openpyxl.load_workbook(example_file)

    def bump(form, ref: str, by: float = 1) -> None:
        _set(wb, form.sheet, ref, _number(wb, form.sheet, ref, reading) + by)

    bump(f1, f1.cell("total"))  # A103, A104
    bump(f1, f1.cell("project"), 3)  # A105
    bump(f2, f2.cell("total.amount"), 7)  # A106
    bump(f3s[0], f3s[0].cell("detail_total"))  # A107
    bump(f3s[1], f3s[1].cell("project_amount"))  # A108
    bump(f3s[2], f3s[2].cell("parent_amount"))  # A109, X203
    _set(wb, f2.sheet, f2.place.row_cell("funds", 3, "name"), "不存在的专项")  # X201 (and X202 on its 附表3)
    _set(wb, f3s[4].sheet, f3s[4].cell("parent_name"), "另一个专项")  # X202
    bump(f2, f2.place.row_cell("funds", 5, "amount"))  # X203
    full = [i for i, ind in enumerate(f3s[3].indicators) if ind.name and ind.value]
    _set(wb, f3s[3].sheet, f3s[3].place.row_cell("indicators", full[0], "value"), None)  # I302
    _set(wb, f3s[3].sheet, f3s[3].place.row_cell("indicators", full[1], "name"), "\u3000")  # I303: a wide space
    _set(wb, f3s[5].sheet, f3s[5].cell("annual_goal"), "  ")  # G601
    _set(wb, f2.sheet, f2.place.row_cell("funds", 0, "period_goal"), None)  # G601 on 附表2
    _set(wb, f1.sheet, f1.cell("duties"), None)  # G603
    for i in range(len(f1.work_plan)):
        for key in ("item", "unit", "goal"):
            _set(wb, f1.sheet, f1.place.row_cell("work_plan", i, key), None)  # G604
    _set(wb, f3s[6].sheet, f3s[6].place.row_cell("details", 0, "amount"), "80万元")  # A101
    _set(wb, f3s[0].sheet, f3s[0].place.row_cell("details", 0, "amount"), -5)  # A102
    _set(wb, f1.sheet, f1.cell("unit"), "某单位")  # F501 on the other sheets only
    _set(wb, f1.sheet, f1.cell("signature.head"), "张三")  # F502 less one cell
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    found, _ = python_side(path)
    assert {r for r, _, _ in found} >= {
        "A101", "A102", "A103", "A104", "A105", "A106", "A107", "A108", "A109",
        "X201", "X202", "X203", "I302", "I303", "F501", "F502", "G601", "G603", "G604",
    }  # fmt: skip
    agree(path, tmp_path / "w")


@pytest.mark.parametrize("command", ["new-fund+sync", "rollover", "new-fund on a stamped workbook"])
def test_rewritten_workbooks_agree(example_xlsm: Path, tmp_path: Path, command: str) -> None:
    require_soffice()
    src = tmp_path / "book.xlsm"
    src.write_bytes(example_xlsm.read_bytes())
    if command.endswith("stamped workbook"):  # pictures and comments: written part by part, 自查 as well
        build_stamped(src.with_name("stamped.xlsm")).replace(src)
        assert main(["new-fund", str(src), "--name", "测试专项", "--amount", "50"]) == 0
        assert "xl/media/image1.png" in zipfile.ZipFile(src).namelist()
        target = src
    elif command == "rollover":
        target = tmp_path / "next.xlsm"
        assert main(["rollover", str(src), "--year", "2024", "--out", str(target)]) == 0
    else:
        assert main(["new-fund", str(src), "--name", "测试专项", "--amount", "50"]) == 0
        assert main(["sync", str(src)]) == 0
        target = src
    _, sc = planned(target)
    wanted = {(s, m.ref, m.formula) for s, marks in sc.marks.items() for m in marks}
    assert file_marks(target) == wanted  # the colours are laid out afresh, none twice, none stale
    texts = agree(target, tmp_path / "w")
    if command != "rollover":
        assert "附表3-测试专项" in texts


def test_exported_pdf_has_no_self_check_text(example_file: Path, tmp_path: Path) -> None:
    require_soffice()
    import shutil
    import subprocess

    from xladdin.commands.export import export

    done = export(example_file, tmp_path / "out", force=True)
    assert done.pdf is not None
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(done.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "附表3" in text and "自查" not in text
