"""Amounts print with two decimals but never hide a decimal the clerk typed: the amount cells of the
template, the example and every form the builder writes carry a format that shows 25 as 「25.00」 and
24.998 (濮阳's 项目资金, set4) as 「24.998」, on screen, in the export and in print."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import require_soffice

from xladdin.io.libreoffice import convert
from xladdin.io.xlsx import read_grid
from xladdin.layout import LAYOUTS, Table
from xladdin.layout.place import locate
from xladdin.layout.styles import AMOUNT_FORMAT, STYLES
from xladdin.recognise import identify

ROOT = Path(__file__).resolve().parents[2]


def _amount_cells(path: Path) -> list[tuple[str, str]]:
    """(sheet, cell) of every amount cell the layout puts on the book's forms: fields and table columns."""
    out = []
    for sheet in read_grid(path).sheets:
        kind = identify(sheet)
        if kind is None:
            continue
        plan = locate(LAYOUTS[kind], sheet.rows)
        out += [(sheet.name, f"{c.col}{r}") for r, c in plan.fixed_cells() if c.style == "amount"]
        for at in plan.sections:
            if isinstance(at.section, Table):
                cols = [c.col for c in at.section.columns if c.style == "amount"]
                out += [(sheet.name, f"{col}{r}") for col in cols for r in at.data]
    return out


def test_the_amount_style_keeps_up_to_four_decimals():
    assert STYLES["amount"]["num_format"] == AMOUNT_FORMAT
    # two decimals always, two more only where typed: no decimal a clerk typed is rounded away on screen
    assert re.fullmatch(r"0\.00#+", AMOUNT_FORMAT) and AMOUNT_FORMAT.count("#") >= 2


@pytest.mark.parametrize("book", ["workbook/template.xlsm", "examples/2023-shifeng-veterans.xlsm"])
def test_committed_books_format_every_amount_cell_so(book):
    path = ROOT / book
    cells = _amount_cells(path)
    assert len(cells) >= 3, cells  # 资金总额 and its lines at least
    wb = openpyxl.load_workbook(path)
    wrong = [(s, c, wb[s][c].number_format) for s, c in cells if wb[s][c].number_format != AMOUNT_FORMAT]
    assert not wrong, wrong


def test_a_built_book_formats_its_fund_forms_so(example_file):
    cells = _amount_cells(example_file)
    assert any(s.startswith("附表3") for s, _ in cells)
    wb = openpyxl.load_workbook(example_file)
    assert {wb[s][c].number_format for s, c in cells} == {AMOUNT_FORMAT}


@pytest.mark.libreoffice
def test_libreoffice_prints_a_third_decimal_and_pads_whole_amounts(example_file, tmp_path):
    require_soffice()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    book = tmp_path / "amounts.xlsx"
    wb = openpyxl.load_workbook(example_file)
    sheet = next(n for n in wb.sheetnames if n.startswith("附表3"))
    wb[sheet][_project_amount_cell(example_file, sheet)] = 24.998  # 濮阳's 项目资金
    wb["附表1"]["C5"].value = 1326  # a whole amount prints with two decimals
    for other in wb.sheetnames:
        if other != sheet and other != "附表1":
            del wb[other]
    wb.save(book)
    pdf = convert(book, "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "24.998" in text and "25.00" not in text
    assert "1326.00" in text


def _project_amount_cell(path: Path, name: str) -> str:
    sheet = next(s for s in read_grid(path).sheets if s.name == name)
    plan = locate(LAYOUTS["form3"], sheet.rows)
    (cell,) = [f"{c.col}{r}" for r, c in plan.fixed_cells() if c.key == "project_amount"]
    return cell
