"""The evaluator never guesses: deep chains are followed, whole columns are read up to the sheet's
end, overflow is #NUM!, and what it cannot compute is unknown (S003), never 0. The reader decodes
OOXML's _xHHHH_ escapes and refuses no finite number."""

from __future__ import annotations

import io
import zipfile

import pytest

from xladdin.io.formula import UNSUPPORTED, evaluate, is_own_formula
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.io.xlsx import read_grid, unescape


def _book(cells: dict[tuple[int, int], object], *, truncated: bool = False) -> tuple[BookGrid, SheetGrid]:
    sheet = SheetGrid("S", truncated=truncated)
    pending = set()
    for (r, c), v in cells.items():
        if isinstance(v, str) and v.startswith("="):
            sheet.formulas[(r, c)] = v
            pending.add((r, c))
        else:
            sheet.set(r, c, v)
    book = BookGrid([sheet])
    book.compute_missing({"S": pending})
    return book, sheet


@pytest.mark.parametrize("depth", [300, 5000])
def test_a_deep_chain_is_computed(depth):
    cells: dict[tuple[int, int], object] = {(r, 1): f"=A{r + 1}+1" for r in range(1, depth)}
    cells[(depth, 1)] = 7
    _, sheet = _book(cells)
    assert sheet.value(1, 1) == 7 + depth - 1 and not sheet.uncomputed


def test_a_long_cycle_is_unknown_not_zero():
    cells = {(r, 1): f"=A{r + 1}+1" for r in range(1, 200)}
    cells[(200, 1)] = "=A1+1"
    cells[(1, 2)] = "=A5*2"
    _, sheet = _book(cells)
    assert sheet.value(1, 2) != 0 and ((1, 2) in sheet.uncomputed or sheet.value(1, 2) == "#REF!")


def test_whole_column_sum_reads_to_the_sheet_end():
    _, sheet = _book({(1, 3): "=SUM(C2:C1048576)", (2, 3): 1.5, (3, 3): 2, (9, 3): "text", (10, 3): 4})
    assert sheet.value(1, 3) == 7.5 and not sheet.uncomputed


def test_whole_column_sum_on_a_cut_sheet_is_unknown():
    _, sheet = _book({(1, 3): "=SUM(C2:C1048576)", (2, 3): 1}, truncated=True)
    assert (1, 3) in sheet.uncomputed and sheet.value(1, 3) is None


def test_an_unknown_function_makes_its_dependents_unknown():
    _, sheet = _book({(1, 1): "=XLOOKUP(1,B1:B2,C1:C2)", (2, 1): "=A1+1", (3, 1): "=SUM(A1:A2)", (4, 1): 5})
    assert {(1, 1), (2, 1), (3, 1)} <= sheet.uncomputed
    assert sheet.value(2, 1) is None and sheet.value(3, 1) is None


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("=1E+300*1E+300", "#NUM!"),
        ("=ROUND(1E+300,2)", 1e300),
        ("=ROUND(2.345,2)", 2.35),
        ("=ROUND(1.5,400)", 1.5),
        ("=ROUND(123,-400)", 0),
        ('="inf"+1', "#VALUE!"),
        ('="nan"*1', "#VALUE!"),
    ],
)
def test_overflow_and_rounding(formula, value):
    assert evaluate(formula, lambda *a: None) == value


def test_a_raw_infinite_cell_is_num_error_in_sums():
    assert evaluate("=SUM(A1:A2)", lambda s, r, c: float("inf") if r == 1 else 1) == "#NUM!"


@pytest.mark.parametrize(
    ("formula", "own"),
    [
        ("=SUM(C6:C12)", True),
        ("=\"\"&'附表3-甲'!E4", True),
        ("=ROUND('附表1'!E8-E9,2)", True),
        ('=HYPERLINK("http://x","y")', False),
        ("=cmd|' /C calc'!A0", False),
        ("='[other.xlsx]Sheet1'!A1", False),
        ('=WEBSERVICE("http://x")', False),
        ("plain text", False),
        (None, False),
    ],
)
def test_own_formulas(formula, own):
    assert is_own_formula(formula) is own


def test_escapes_are_decoded():
    assert unescape("a_x000D_b") == "a\rb"
    assert unescape("_x005F_x000D_") == "_x000D_"
    assert unescape("no escapes") == "no escapes"


def test_the_reader_decodes_escapes_in_shared_and_inline_strings(example_file, tmp_path):
    with zipfile.ZipFile(example_file) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet2.xml"].decode()
    start = sheet.index('<c r="B7"')
    end = sheet.index("</c>", start) + 4
    cell = '<c r="B7" t="inlineStr"><is><t>就业援助_x000D_\n资金_x005F_x000D_</t></is></c>'
    parts["xl/worksheets/sheet2.xml"] = (sheet[:start] + cell + sheet[end:]).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    path = tmp_path / "escaped.xlsx"
    path.write_bytes(buf.getvalue())
    assert read_grid(path).sheet("附表2").value(7, 2) == "就业援助\r\n资金_x000D_"


def test_unsupported_is_never_a_number():
    assert evaluate("=FOO(1)", lambda *a: 0) is UNSUPPORTED


def test_a_total_we_cannot_compute_is_one_s003_not_an_empty_amount(example_file, tmp_path):
    """附表1 项目支出 as a formula the evaluator does not know (no saved result): one S003 at that cell;
    the totals that use it (A104 income vs expense, A105 vs 附表2) are not judged as if it were empty."""
    import openpyxl

    from xladdin.reader import read_workbook
    from xladdin.validate import validate_file

    cell = read_workbook(example_file).submission.form1.cell("project")
    wb = openpyxl.load_workbook(example_file)
    wb["附表1"][cell] = "=UNKNOWNFUNCTION(1184.26)"
    path = tmp_path / "uncomputed.xlsx"
    wb.save(path)  # openpyxl keeps no cached results: every formula is evaluated by ours
    findings = validate_file(path).findings
    assert [(f.rule, f.cell) for f in findings if f.rule == "S003"] == [("S003", cell)]
    assert not [f for f in findings if f.rule.startswith(("A1", "X2")) and "空" in f.message]
    assert not [f for f in findings if f.rule in ("A104", "A105")]
