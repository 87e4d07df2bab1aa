"""The formula evaluator (xladdin/io/formula.py) against breakage found by mutation testing
(scripts/mutation). Expected values are Excel's (LibreOffice gives the same), worked out by hand:
e.g. ROUND rounds half away from zero, SUM over a range skips text and TRUE/FALSE, a blank is 0 in
arithmetic and "" in text, a multi-cell range used as one value is #VALUE!."""

from __future__ import annotations

import pytest

from xladdin.io.formula import MAX_FORMULA, UNSUPPORTED, evaluate, is_own_formula

# A1=10  A2=4  A3=TRUE  A4=""  B1=1.5  B2="备注"  C1=1E+300
CELLS = {(1, 1): 10, (2, 1): 4, (3, 1): True, (4, 1): "", (1, 2): 1.5, (2, 2): "备注", (1, 3): 1e300}


def _resolve(sheet, row, col):
    return CELLS.get((row, col))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("=-A1", -10),
        ("=+A1", 10),
        ("=--A2", 4),
        ("=-A1+A2", -6),
        ("=A1-A2-A2", 2),  # left to right: (10 - 4) - 4
        ("=A1/A2/2", 1.25),  # (10 / 4) / 2
        ("=A3+1", 2),  # TRUE is 1 in arithmetic
        ("=A4+1", 1),  # "" is 0
        ("=SUM(A1:A4)", 14),  # a range skips TRUE and ""
        ("=SUM(A3,1)", 1),  # a referenced TRUE is skipped too (only a typed-in TRUE counts)
        ("=SUM()", 0),
        ("=MIN(B2:B2)", 0),  # nothing numeric: 0, as Excel
        ("=MAX(B2)", 0),  # a referenced text is skipped
        ('=MAX("x")', "#VALUE!"),  # a typed-in text is no number
        ("=ROUND(-2.5,0)", -3),  # half away from zero
        ("=ROUND(1234.5,-2)", 1200),
        ("=ROUND(0,2)", 0),
        ("=ROUND(A1/3,15)", 3.33333333333333),  # 15 significant digits kept
        ("=ABS(-B1)", 1.5),
        ("=ABS(1,2)", UNSUPPORTED),
        ("=ROUND(1.5)", UNSUPPORTED),
        ("=A1:A2+1", "#VALUE!"),  # two cells where one value is wanted
        ("=A1:A2", "#VALUE!"),
        ('=B1&"万元"&A4', "1.5万元"),
        ('="a""b"', 'a"b'),
        ('=A2/2&"个"', "2个"),  # a whole result joins as "2", not "2.0"; & binds after /
        ('=1.5*2&"人"', "3人"),  # a doubled quote inside a string is one quote
        ("=#REF!+1", "#REF!"),
        ("=0.1+0.2", 0.3),  # 15 significant digits, as Excel shows
        ("=1.5*2", 3),
        ("=(A1", UNSUPPORTED),
        ("=A1)", UNSUPPORTED),
        ("=A1 A2", UNSUPPORTED),
        ("=SUM(A1;A2)", UNSUPPORTED),
        ("=SUM(A1,", UNSUPPORTED),
        ("=C1*C1", "#NUM!"),
        ("A1*2", 20),  # the leading = is optional
        ("=sum(A1:A2)", 14),  # function names in any case
        ("=A1:B2:C3", UNSUPPORTED),
        ("=IFERROR(1/0,0)", UNSUPPORTED),  # a function outside the grammar: never computed, even if
        ("=SUM(1/0)+N(A1)", UNSUPPORTED),  # an error comes first (the function may have caught it)
        ("=sum(A1)+substitute(B2)", UNSUPPORTED),
    ],
)
def test_excel_semantics(text, value):
    got = evaluate(text, _resolve)
    assert got == value and type(got) is type(value)


def test_a_whole_number_result_is_an_int_and_a_huge_one_stays_a_float():
    assert evaluate("=10000000000000000", _resolve) == 1e16
    assert isinstance(evaluate("=10000000000000000", _resolve), float)
    assert isinstance(evaluate("=4503599627370496", _resolve), int)  # 2**52


def test_a_range_on_another_sheet_reads_to_that_sheets_end():
    other = {(1, 1): 100, (2, 1): 20, (3, 1): 3}

    def resolve(sheet, row, col):
        return other.get((row, col)) if sheet == "附表2" else CELLS.get((row, col))

    def extent(sheet):  # 附表2 ends at row 3, this sheet at row 2
        return (3, 1) if sheet == "附表2" else (2, 3)

    assert evaluate("=SUM('附表2'!A1:A1048576)", resolve, extent) == 123
    assert evaluate("=SUM(A1:A1048576)", resolve, extent) == 14


def test_a_tall_range_right_of_a_sheets_last_column_is_empty_not_too_large():
    # the sheet holds 300,000 rows in A:C; D1:D300000 lies past its last column: nothing to read
    assert evaluate("=SUM(D1:D300000)", lambda *a: None, lambda sheet: (300_000, 3)) == 0


def test_a_value_of_no_known_kind_is_value_error():
    assert evaluate("=A1+1", lambda *a: object()) == "#VALUE!"


def test_the_length_bound():
    just = "=" + "+".join(["1"] * (MAX_FORMULA // 2)) + "0"  # exactly MAX_FORMULA characters after =
    assert len(just) - 1 == MAX_FORMULA
    assert evaluate(just, _resolve) != UNSUPPORTED
    assert evaluate(just + "0", _resolve) is UNSUPPORTED


def test_other_workbooks_are_never_followed():
    assert evaluate("='[book.xlsx]附表2'!A1", _resolve) is UNSUPPORTED
    assert evaluate("=[1]附表2!A1", _resolve) is UNSUPPORTED
    assert evaluate("='it''s'!A1", lambda s, r, c: 7 if s == "it's" else None) == 7


def test_own_formula_edges():
    assert is_own_formula("=ABS(MIN(A1,MAX(A2,A3)))")
    assert not is_own_formula("=A1" + "+1" * MAX_FORMULA)
    assert not is_own_formula("=A1 ?")
    assert not is_own_formula("A1+1")  # no leading =: text, not a formula
    assert not is_own_formula("='it]s'!A1")
    exactly = "=" + "+".join(["1"] * (MAX_FORMULA // 2)) + "0"  # MAX_FORMULA characters after =
    assert is_own_formula(exactly) and not is_own_formula(exactly + "0")
    assert not is_own_formula('="[1]"&A1')  # any bracket (another workbook's mark) is refused outright
