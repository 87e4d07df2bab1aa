"""What the workbook's self-check computes in LibreOffice, next to what the Python rules find."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from openpyxl.formula.translate import Translator

from xladdin.a1 import col_letter, parse
from xladdin.io.libreoffice import convert
from xladdin.layout import LAYOUTS
from xladdin.reader import read_workbook
from xladdin.selfcheck import SHEET, book_of_reading, plan
from xladdin.selfcheck.checks import CHECKS
from xladdin.selfcheck.verify import python_marks, summary_text

SCRATCH = 60  # the first column of the scratch cells that evaluate each colour's formula

Marks = set[tuple[str, str, str]]  # (rule, sheet, cell)


def planned(path: Path):
    reading = read_workbook(path)
    return reading, plan(book_of_reading(reading), {k: v.last_col for k, v in LAYOUTS.items()})


def file_marks(path: Path) -> set[tuple[str, str, str]]:
    """(sheet, range, formula) of every conditional format of the file."""
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, str(cf.sqref), str(rule.formula[0]))
        for ws in wb.worksheets
        for cf in ws.conditional_formatting
        for rule in cf.rules
    }


def _cells(ref: str) -> list[str]:
    first, _, last = ref.partition(":")
    (r1, c1), (r2, c2) = parse(first), parse(last or first)
    return [f"{col_letter(c)}{r}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def libreoffice_side(path: Path, work: Path) -> tuple[Marks, Marks, dict[str, object], list[str]]:
    """LibreOffice's answers: the flags of the 自查 sheet, the cells each conditional format colours
    (its formula evaluated at every cell of its range, in scratch cells of the same sheet), each
    form's 自查 text; and any flag that is not TRUE/FALSE."""
    _, sc = planned(path)
    work.mkdir(parents=True, exist_ok=True)
    probe = work / "probe.xlsx"
    wb = openpyxl.load_workbook(path)
    where: list[tuple[str, str, str, str]] = []
    for sheet, marks in sc.marks.items():
        ws = wb[sheet]
        n = 0
        for mark in marks:
            if not mark.rule:
                continue
            origin = _cells(mark.ref)[0]
            for cell in _cells(mark.ref):
                formula = Translator("=" + mark.formula, origin=origin).translate_formula(cell)
                scratch = f"{col_letter(SCRATCH + n // 500)}{1 + n % 500}"
                ws[scratch] = formula
                where.append((mark.rule, sheet, cell, scratch))
                n += 1
    wb.save(probe)
    out = convert(probe, "xlsx", work / "lo")
    done = openpyxl.load_workbook(out, data_only=True)
    helper = done[SHEET]
    flags: Marks = set()
    odd: list[str] = []
    for r in range(2, helper.max_row + 1):
        value = helper.cell(r, 11).value
        if helper.cell(r, 8).value is None:
            continue
        if value is True:
            flags.add((helper.cell(r, 8).value, helper.cell(r, 9).value, helper.cell(r, 10).value))
        elif value is not False:
            odd.append(f"自查!K{r}={value!r}")
    coloured: Marks = set()
    for rule, sheet, cell, scratch in where:
        value = done[sheet][scratch].value
        if value is True or (isinstance(value, int | float) and value):
            coloured.add((rule, sheet, cell))
        elif value not in (False, 0):
            odd.append(f"{sheet}!{scratch}={value!r}")
    texts = {sheet: done[sheet][ref].value for sheet, (ref, _) in sc.summary.items()}
    return flags, coloured, texts, odd


def python_side(path: Path) -> tuple[Marks, dict[str, str]]:
    reading = read_workbook(path)
    marks = python_marks(reading)
    found = {(code, sheet, cell) for code, cells in marks.items() for sheet, cell in cells}
    sheets = [f.sheet for f in reading.submission.forms()]
    return found, {s: summary_text(marks, s) for s in sheets}


def by_rule(marks: Marks) -> dict[str, list[tuple[str, str]]]:
    return {code: sorted((s, c) for r, s, c in marks if r == code) for code in CHECKS}


def copy(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst
