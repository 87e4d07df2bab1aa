"""A header field typed after its printed label, in the label's own cell (「填报单位：（盖章）株洲市芦淞区…」
in A3, 「填表人：李娜」 in A24), reads as filled — every header field alike — and the template shows where
each field is typed (a line under it)."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from xladdin.layout import LAYOUTS
from xladdin.layout.base import Rows, col_index
from xladdin.reader import read_workbook
from xladdin.recognise import identify, typed_after_label
from xladdin.validate import validate_file


def header_fields() -> list[tuple[str, str, str, str]]:
    """(form, key, label text, label column) of every text field printed right after its label."""
    out = []
    for kind, layout in LAYOUTS.items():
        for sec in layout.sections:
            if not isinstance(sec, Rows):
                continue
            for row in sec.rows:
                label = None
                for cell in row:
                    if cell.text is not None:
                        label = cell
                    elif cell.key and label is not None and cell.style != "amount":
                        out.append((kind, cell.key, label.text, label.col))
    return out


FIELDS = header_fields()


def test_the_fields_cover_the_header_and_the_signature():
    keys = {(kind, key) for kind, key, _, _ in FIELDS}
    for kind in ("form1", "form2", "form3"):
        assert {(kind, "unit"), (kind, "signature.head"), (kind, "signature.filler"), (kind, "signature.phone")} <= keys
    assert ("form1", "department") in keys and ("form3", "direction") in keys


@pytest.mark.parametrize(("kind", "key", "label", "col"), FIELDS, ids=[f"{k}-{key}" for k, key, _, _ in FIELDS])
def test_a_field_typed_after_its_label(kind, key, label, col, example_file, tmp_path):
    book = tmp_path / "book.xlsx"
    shutil.copy(example_file, book)
    before = read_workbook(book).submission
    form = next(f for f in before.forms() if LAYOUTS_KIND[type(f).__name__] == kind)
    where = form.cell(key)
    label_ref = f"{col}{where.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"
    value = "0731-22881234" if key == "signature.phone" else "株洲市芦淞区退役军人事务局"
    wb = openpyxl.load_workbook(book)
    ws = wb[form.sheet]
    ws[where] = None
    ws[label_ref] = f"{label}{value}"
    wb.save(book)
    after = next(f for f in read_workbook(book).submission.forms() if f.sheet == form.sheet)
    assert after.get(key) == value
    assert after.cell(key) == label_ref  # findings about it point where it was typed


def test_the_unit_typed_in_a3_is_no_blank_unit(example_file, tmp_path):
    book = tmp_path / "book.xlsx"
    shutil.copy(example_file, book)
    assert "F501" in {f.rule for f in validate_file(book).findings}  # the example leaves 填报单位 blank
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            ws["A3"] = "填报单位：（盖章）株洲市芦淞区退役军人事务局"
    wb.save(book)
    assert "F501" not in {f.rule for f in validate_file(book).findings}
    units = {f.unit for f in read_workbook(book).submission.forms()}
    assert units == {"株洲市芦淞区退役军人事务局"}


def test_a_signature_line_typed_in_one_cell(example_file, tmp_path):
    """「填表人：李娜 联系电话：0731-22881234」 typed in A24: both fields read, where they were typed."""
    book = tmp_path / "book.xlsx"
    shutil.copy(example_file, book)
    wb = openpyxl.load_workbook(book)
    wb["附表1"]["A24"] = "填表人：李娜    联系电话：0731-22881234"
    wb.save(book)
    form1 = read_workbook(book).submission.form1
    assert (form1.signature.filler, form1.signature.phone) == ("李娜", "0731-22881234")
    assert form1.cell("signature.filler") == form1.cell("signature.phone") == "A24"


@pytest.mark.parametrize(
    ("label", "text", "typed"),
    [
        ("填报单位：（盖章）", "填报单位：（盖章）", None),
        ("填报单位：（盖章）", "填报单位（盖章）：", None),
        ("填报单位：（盖章）", "填报单位：株洲市芦淞区", "株洲市芦淞区"),  # worded otherwise
        ("填报单位：（盖章）", "填报单位: (盖章)  某局 ", "某局"),  # half-width, spaces
        ("部门名称", "部门名称 某局", "某局"),
        ("单位负责人签字：", "单位负责人签字：（签字）", None),
        ("项目实施期", "项目实施期（年）", None),  # a note on the label
        ("填表人：", "李娜", None),  # the label replaced: not read as typed after it
        ("填表人：", 42, None),
        ("填表人：", "填表人：          联系电话：", None),  # only other labels after it
        ("填表人：", "填表人：李娜  联系电话：", "李娜"),
        ("部门名称", "部 门 名 称  某局", "某局"),  # the label spaced out to fill its cell
        ("部门名称", "部门名", None),  # the label cut short: nothing typed
        ("部门名称", "部门名称某局：", "某局"),  # no space, a colon left at the end
        ("填表人：", "填表人：\t李娜\n", "李娜"),
    ],
)
def test_typed_after_label(label, text, typed):
    assert typed_after_label("form3", label, text) == typed


def test_the_template_shows_where_each_field_is_typed(tmp_path):
    from xladdin.build.template import TEMPLATE

    wb = openpyxl.load_workbook(TEMPLATE)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        kind = identify_kind(ws)
        fields = [(key, col) for k, key, _, col in FIELDS if k == kind and key in LINED]
        form = next(f for f in read_workbook(TEMPLATE).submission.forms() if f.sheet == ws.title)
        for key, _ in fields:
            ref = form.cell(key)
            cell = ws[ref]
            assert cell.border.bottom.style == "thin", (ws.title, key, ref)
            label = ws.cell(cell.row, col_index(ref.rstrip("0123456789")) - 1)
            assert label.border.bottom.style is None  # the line is under the blank, not the label


LINED = {"unit", "signature.head", "signature.filler", "signature.phone"}
LAYOUTS_KIND = {"Form1": "form1", "Form2": "form2", "Form3": "form3"}


def identify_kind(ws) -> str:
    from xladdin.io.grid import SheetGrid

    rows = [[c.value for c in row] for row in ws.iter_rows(max_row=10)]
    return identify(SheetGrid(ws.title, rows)) or ""


@pytest.mark.parametrize(
    ("text", "is_header"),
    [
        ("金额(万元)", True),
        ("指标值(包含数字及文字描述)", True),
        ("项目名称", True),  # a label
        ("资金名称", True),  # a 资金来源 table's column
        ("支出项目", True),  # a 支出明细 table's columns
        ("测算依据", True),
        ("金额" + " " * 38, True),  # 40 characters as typed
        ("金额" + " " * 39, False),  # longer: a sentence, not a header
        ("某局", False),
        ("", False),
        (None, False),
    ],
)
def test_a_header_or_label_in_a_value_cell_is_never_a_value(text, is_header):
    from xladdin.recognise import header_text

    assert header_text("form3", text) is is_header
