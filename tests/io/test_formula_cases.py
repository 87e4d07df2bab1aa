"""More of the formula evaluator, case by case: the number of each cell kind, errors from cells and
ranges, precedence, the tokens Excel writes ($, quoted sheet names, number forms), the range bound and
exactly which cells a range reads. Expected values are Excel's, worked out by hand."""

from __future__ import annotations

import pytest

from xladdin.io import formula
from xladdin.io.formula import MAX_RANGE_CELLS, UNSUPPORTED, Uncomputable, evaluate, is_own_formula

# A1=10  A2=4  A3=TRUE  A4=""  A5="#N/A"  A6=" 3 "  A7="abc"  A8=inf  A9="nan"  B1=2.5  B2=FALSE  C1=-7
CELLS = {
    (1, 1): 10,
    (2, 1): 4,
    (3, 1): True,
    (4, 1): "",
    (5, 1): "#N/A",
    (6, 1): " 3 ",
    (7, 1): "abc",
    (8, 1): float("inf"),
    (9, 1): "nan",
    (1, 2): 2.5,
    (2, 2): False,
    (1, 3): -7,
}


def _resolve(sheet, row, col):
    return CELLS.get((row, col))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("=2+3*4", 14),
        ("=(2+3)*4", 20),
        ("=2*3-4/2", 4),
        ("=8/2/2", 2),
        ("=-2*3", -6),
        ("=2-+3", -1),
        ("=1+2&3+4", "37"),  # & binds after + and -
        ('="a"&"b"&"c"', "abc"),
        ("=A1&B1", "102.5"),
        ("=A99&A1", "10"),  # an empty cell joins as ""
        ('=A5&"x"', "#N/A"),  # an error in a cell propagates through &, as in Excel
        ('="x"&A5', "#N/A"),
        ('="#N/A"&"x"', "#N/Ax"),  # a typed-in string is text
        ("=A7&B2&A3", "abcFALSETRUE"),  # as Excel writes TRUE and FALSE
        ("=1/0", "#DIV/0!"),
        ("=A1/A4", "#DIV/0!"),  # "" is 0
        ("=A1/A99", "#DIV/0!"),  # an empty cell is 0
        ("=0/A1", 0),
        ("=A2*A3", 4),  # TRUE is 1
        ("=A1*B2", 0),  # FALSE is 0
        ("=A6*2", 6),  # a number typed as text, spaces around
        ("=A7+1", "#VALUE!"),
        ("=A9+1", "#VALUE!"),  # "nan" typed as text is no number
        ("=A8+1", "#NUM!"),  # an infinite cell value
        ("=A5+1", "#N/A"),  # an error in a cell propagates
        ("=-A5", "#N/A"),
        ("=SUM(A1:A5)", "#N/A"),  # and out of a range
        ("=SUM(A6:A7)", 0),  # text in a range is skipped, even if it looks like a number
        ("=SUM(A1,A6)", 10),  # a referenced text is skipped, even one cell
        ('=SUM(A1,"3")', 13),  # a typed-in text is read as a number
        ('=SUM(A1,"x")', "#VALUE!"),
        ("=SUM(A2:C2,C1)", -3),  # FALSE skipped in a range
        ("=MIN(A1:A2,C1)", -7),
        ("=MAX(A1:A2,C1)", 10),
        ("=MIN(A1:A2)", 4),
        ("=MAX(B1,A2)", 4),
        ("=MAX(B1:B1,1)", 2.5),
        ("=min(7,3,5)", 3),
        ("=ABS(C1)", 7),
        ("=ABS(A5)", "#N/A"),
        ("=ROUND(1.005,2)", 1.01),  # the decimal value typed, half away from zero
        ("=ROUND(2.345,2)", 2.35),
        ("=ROUND(-1.25,1)", -1.3),
        ("=ROUND(1.2345,2.7)", 1.23),  # digits are truncated to 2
        ("=ROUND(1.23456789,20)", 1.23456789),
        ("=ROUND(123456,-400)", 0),
        ("=ROUND(1,-1)", 0),  # 1 itself is rounded too
        ("=ROUND(5,-1)", 10),
        ("=ROUND(1E+300,-2)", 1e300),
        ("=ROUND(A5,1)", "#N/A"),
        ("=ROUND(1,A7)", "#VALUE!"),
        ("=#NULL!", "#NULL!"),
        ("=#NAME?", "#NAME?"),
        ("=1+#N/A", "#N/A"),
        ("=#DIV/0!*0", "#DIV/0!"),
        ("=.5+1.", 1.5),
        ("=1E+2+1e-2+2E1", 120.01),
        ("=$A$1+A$2+$A2", 18),
        ("=a1+b1", 12.5),
        ("=A1:A1+1", 11),  # a one-cell range is one value
        ("=A1:B1", "#VALUE!"),  # two cells side by side
        ("=SUM (A1:A2)", 14),
        ("= A1 + A2 ", 14),
        ("=SUM(1,2,)", UNSUPPORTED),
        ("=SUM(1 2)", UNSUPPORTED),
        ("=SUM(,1)", UNSUPPORTED),
        ("=*2", UNSUPPORTED),
        ("=FOO(1)", UNSUPPORTED),
        ("=ABS()", UNSUPPORTED),
        ("=ROUND(1,2,3)", UNSUPPORTED),
        ("=A1^2", UNSUPPORTED),
        ("=A1=1", UNSUPPORTED),
        ("=1+", UNSUPPORTED),
        ("=", UNSUPPORTED),
        ("=1e308*10", "#NUM!"),
        ("=-1e308*10", "#NUM!"),
        ('="x"', "x"),
        ('=""', ""),
        ("=-10000000000000000", -1e16),  # past 2**53: stays a float
        ("=-4503599627370496", -4503599627370500),  # 15 significant digits, then whole
        ("=2.5", 2.5),
        ("=1/3", 0.333333333333333),
    ],
)
def test_values(text, value):
    got = evaluate(text, _resolve)
    if value is UNSUPPORTED:
        assert got is UNSUPPORTED
    else:
        assert got == value and type(got) is type(value), got


def test_sheet_references():
    sheets = {"附表2": {(2, 2): 5}, "it's": {(1, 1): 7}, "Sheet 1": {(3, 3): 11}}

    def resolve(sheet, row, col):
        return sheets.get(sheet, {}).get((row, col)) if sheet else CELLS.get((row, col))

    assert evaluate("=附表2!B2*2", resolve) == 10
    assert evaluate("=附表2!$B$2+A1", resolve) == 15
    assert evaluate("='it''s'!A1", resolve) == 7
    assert evaluate("='Sheet 1'!C3", resolve) == 11
    assert evaluate("=SUM('Sheet 1'!A1:C3,附表2!B2)", resolve) == 16
    assert evaluate("='a]b'!A1", resolve) is UNSUPPORTED


def test_parse_ref():
    assert formula._parse_ref("B2") == formula.Ref(None, 2, 2, 2, 2)
    assert formula._parse_ref("$C$3:D10") == formula.Ref(None, 3, 3, 10, 4)
    assert formula._parse_ref("附表2!A1:B2") == formula.Ref("附表2", 1, 1, 2, 2)
    assert formula._parse_ref("'x''y'!A1") == formula.Ref("x'y", 1, 1, 1, 1)
    assert formula._parse_ref("'a!b'!A1") == formula.Ref("a!b", 1, 1, 1, 1)
    for bad in ("A1:B2:C3", "[1]S!A1", "'[b.xlsx]S'!A1", "'a]b'!A1", "Q", "S!1A"):
        with pytest.raises(formula._Unsupported):
            formula._parse_ref(bad)


def test_tokens():
    assert formula._tokens(" SUM( A1:B2 ,'x y'!$C$3)&\"s\"  ") == [
        ("func", "SUM"),
        ("ref", "A1:B2"),
        ("op", ","),
        ("sheetref", "'x y'!$C$3"),
        ("op", ")"),
        ("op", "&"),
        ("string", '"s"'),
    ]
    assert formula._tokens("1.5e3-.2/#N/A") == [
        ("number", "1.5e3"),
        ("op", "-"),
        ("number", ".2"),
        ("op", "/"),
        ("error", "#N/A"),
    ]
    with pytest.raises(formula._Unsupported):
        formula._tokens("1 ? 2")


def test_number_of_each_kind():
    assert formula._number(None) == 0.0 and formula._number("") == 0.0
    assert formula._number(True) == 1.0 and formula._number(False) == 0.0
    assert formula._number(3) == 3.0 and formula._number(" 2.5 ") == 2.5
    for value, code in [
        ("#REF!", "#REF!"),
        ("x", "#VALUE!"),
        ("inf", "#VALUE!"),
        (float("nan"), "#NUM!"),
        ([], "#VALUE!"),
    ]:
        with pytest.raises(formula.ExcelError) as err:
            formula._number(value)
        assert err.value.code == code


def test_text():
    assert formula._text(None) == ""
    assert formula._text(2.0) == "2"
    assert formula._text(2.5) == "2.5"
    assert formula._text(7) == "7"
    assert formula._text("a") == "a"
    assert formula._text(True) == "TRUE" and formula._text(False) == "FALSE"


def test_excel_round():
    assert formula._excel_round(2.5, 0) == 3.0
    assert formula._excel_round(0.0, 2) == 0.0
    assert formula._excel_round(1.5, 16) == 1.5
    assert formula._excel_round(1.5, 15) == 1.5
    assert formula._excel_round(123.0, -309) == 0.0
    assert formula._excel_round(123.0, -308) == 0.0
    assert formula._excel_round(1e300, -2) == 1e300
    with pytest.raises(formula.ExcelError) as err:
        formula._excel_round(float("inf"), 0)
    assert err.value.code == "#NUM!"


def test_a_range_reads_exactly_its_cells():
    seen = []

    def resolve(sheet, row, col):
        seen.append((sheet, row, col))
        return 1

    assert evaluate("=SUM(B2:C3)", resolve) == 4
    assert seen == [(None, 2, 2), (None, 2, 3), (None, 3, 2), (None, 3, 3)]
    seen.clear()
    extents = []

    def extent(sheet):
        extents.append(sheet)
        return (3, 2)

    assert evaluate("=SUM(附表2!A2:D1048576)", resolve, extent) == 4
    assert extents == ["附表2"]
    assert seen == [("附表2", 2, 1), ("附表2", 2, 2), ("附表2", 3, 1), ("附表2", 3, 2)]
    seen.clear()
    assert evaluate("=SUM(A5:B9)", resolve, extent) == 0  # below the sheet's last row
    assert seen == []
    assert evaluate("=SUM(A1:A2)", resolve, lambda sheet: None) == 2  # unknown extent: the range as written


def test_the_range_bound():
    calls = [0]

    def resolve(sheet, row, col):
        calls[0] += 1

    assert evaluate(f"=SUM(A1:A{MAX_RANGE_CELLS})", resolve) == 0
    assert calls[0] == MAX_RANGE_CELLS
    assert evaluate(f"=SUM(A1:B{MAX_RANGE_CELLS // 2 + 1})", resolve) is UNSUPPORTED
    assert calls[0] == MAX_RANGE_CELLS  # refused before reading


def test_an_uncomputable_cell_makes_the_formula_unknown():
    def resolve(sheet, row, col):
        if (row, col) == (2, 1):
            raise Uncomputable
        return 1

    assert evaluate("=A1+A2", resolve) is UNSUPPORTED
    assert evaluate("=SUM(A1:A3)", resolve) is UNSUPPORTED
    assert evaluate("=A1+A3", resolve) == 2


def test_too_deep_is_unsupported():
    assert evaluate("=" + "(" * 2000, _resolve) is UNSUPPORTED
    assert evaluate("=" + "-" * 1999 + "1", _resolve) is UNSUPPORTED


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("=SUM(A1:B2)+'附表2'!C3", True),
        ('=round(abs(A1),2)&"万元"', True),
        ("=min(1,2)-Max(3)", True),
        ("=附表2!A1", True),
        ('=HYPERLINK("http://x")', False),
        ("=Sum(A1)+NOW()", False),
        ("=cmd|' /C calc'!A0", False),
        ("='a]b'!A1", False),
        ("=1", True),
        ("=", True),
        ("SUM(A1)", False),
        (None, False),
        (3, False),
    ],
)
def test_is_own_formula(text, own):
    assert is_own_formula(text) is own
