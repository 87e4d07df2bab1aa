"""A small evaluator for the formulas the forms use: SUM/ROUND/ABS/MIN/MAX, + - * /, cell and range
references (also on other sheets), numbers and strings.

Files saved by openpyxl keep formulas without their results; Excel and LibreOffice recompute them
on opening, and so do we, so that a check gives the same findings either way. Anything outside this
grammar evaluates to :data:`UNSUPPORTED` (the reader then reports the cell as not computed). No
``eval``: a tokenizer and a recursive-descent parser.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import NamedTuple

from xladdin import a1
from xladdin.model import CellValue
from xladdin.patterns import lazy

UNSUPPORTED = object()
ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!")

_TOKEN = lazy(
    r"""\s*(?:
      (?P<sheetref>(?:'(?:[^']|'')+'|[^\s'!:,()+\-*/&=<>^"]+)!\$?[A-Za-z]{1,3}\$?\d+
                   (?::\$?[A-Za-z]{1,3}\$?\d+)?)
    | (?P<ref>\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)
    | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
    | (?P<string>"(?:[^"]|"")*")
    | (?P<error>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A))
    | (?P<func>[A-Za-z][A-Za-z0-9.]*)\s*\(
    | (?P<op>[-+*/&(),])
    )""",
    re.VERBOSE,
)
MAX_FORMULA = 2000
#: The functions the evaluator computes (:meth:`_Parser.call`); a formula calling any other is not computed.
OWN_FUNCTIONS = frozenset({"SUM", "ROUND", "ABS", "MIN", "MAX"})
MAX_RANGE_CELLS = 200_000


class _Unsupported(Exception):
    pass


class Uncomputable(Exception):
    """Raised by a resolver for a cell whose value cannot be known (its formula failed)."""


class ExcelError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Ref(NamedTuple):
    """A cell or range reference of a formula (1-based rows and columns)."""

    sheet: str | None
    row1: int
    col1: int
    row2: int
    col2: int


Resolver = Callable[[str | None, int, int], CellValue]
#: The last row and column holding anything on a sheet (None: unknown, e.g. the sheet was cut at the
#: reader's limits); a range reaching past it (SUM(C6:C1048576)) reads only up to it.
Extent = Callable[[str | None], tuple[int, int] | None]


def _parse_ref(text: str) -> Ref:
    sheet = None
    if "!" in text:
        sheet_part, text = text.rsplit("!", 1)
        sheet = sheet_part[1:-1].replace("''", "'") if sheet_part.startswith("'") else sheet_part
        if sheet.startswith("[") or "]" in sheet:
            raise _Unsupported  # another workbook: never followed
    if text.count(":") > 1:
        raise _Unsupported
    try:
        return Ref(sheet, *a1.parse_range(text))
    except ValueError:
        raise _Unsupported from None


def _tokens(formula: str, functions: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """The tokens of ``formula``; with ``functions``, a call of any other function stops it at once
    (:class:`_Unsupported`): the formula is outside the grammar whatever follows."""
    out: list[tuple[str, str]] = []
    pos = 0
    text = formula.strip()
    match = _TOKEN.match  # looked up once: a lazy pattern's attribute costs a call each time
    while pos < len(text):
        m = match(text, pos)
        if not m or m.end() == pos:
            raise _Unsupported
        kind = m.lastgroup or ""
        token = m.group(kind)
        if functions is not None and kind == "func" and token.upper() not in functions:
            raise _Unsupported
        out.append((kind, token))
        pos = m.end()
    return out


def _number(value: CellValue) -> float:
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            raise ExcelError("#NUM!")
        return number
    if isinstance(value, str):
        if value in ERRORS:
            raise ExcelError(value)
        try:
            number = float(value.strip())
        except ValueError:
            raise ExcelError("#VALUE!") from None
        if not math.isfinite(number):  # "nan", "inf", "1e400" typed as text
            raise ExcelError("#VALUE!")
        return number
    raise ExcelError("#VALUE!")


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], resolve: Resolver, extent: Extent | None = None) -> None:
        self.tokens = tokens
        self.i = 0
        self.resolve = resolve
        self.extent = extent

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise _Unsupported
        self.i += 1
        return tok

    def expect(self, op: str) -> None:
        if self.take() != ("op", op):
            raise _Unsupported

    # expression := concat ; concat := sum ('&' sum)* ; sum := term (('+'|'-') term)* ...
    def expression(self) -> object:
        left = self.additive()
        while self.peek() == ("op", "&"):
            self.take()
            right = self.additive()
            left = self.text(left) + self.text(right)
        return left

    def text(self, value: object) -> str:
        """A value joined by ``&``: an error in a referenced cell propagates (as in arithmetic); a typed-in
        string that reads like one ("#N/A") is text."""
        cell = isinstance(value, Ref)
        value = self.scalar(value)
        if cell and isinstance(value, str) and value in ERRORS:
            raise ExcelError(value)
        return _text(value)

    def additive(self) -> object:
        left = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            right = self.term()
            a, b = _number(self.scalar(left)), _number(self.scalar(right))
            left = a + b if op == "+" else a - b
        return left

    def term(self) -> object:
        left = self.unary()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            right = self.unary()
            a, b = _number(self.scalar(left)), _number(self.scalar(right))
            if op == "/" and b == 0:
                raise ExcelError("#DIV/0!")
            left = a * b if op == "*" else a / b
        return left

    def unary(self) -> object:
        if self.peek() in (("op", "-"), ("op", "+")):
            op = self.take()[1]
            value = _number(self.scalar(self.unary()))
            return -value if op == "-" else value
        return self.primary()

    def primary(self) -> object:
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "error":
            raise ExcelError(text)
        if kind in ("ref", "sheetref"):
            return _parse_ref(text)
        if kind == "func":
            return self.call(text.upper())
        if (kind, text) == ("op", "("):
            value = self.expression()
            self.expect(")")
            return value
        raise _Unsupported

    def call(self, name: str) -> object:
        args: list[object] = []
        if self.peek() == ("op", ")"):
            self.take()
        else:
            while True:
                args.append(self.expression())
                tok = self.take()
                if tok == ("op", ")"):
                    break
                if tok != ("op", ","):
                    raise _Unsupported
        if name in ("SUM", "MIN", "MAX"):
            numbers = [n for a in args for n in self.numbers(a)]
            if name == "SUM":
                return float(sum(numbers))
            return float((min if name == "MIN" else max)(numbers)) if numbers else 0.0
        if name == "ABS" and len(args) == 1:
            return abs(_number(self.scalar(args[0])))
        if name == "ROUND" and len(args) == 2:
            value, digits = _number(self.scalar(args[0])), int(_number(self.scalar(args[1])))
            return _excel_round(value, digits)
        raise _Unsupported

    def cells(self, ref: Ref) -> list[CellValue]:
        row2, col2 = ref.row2, ref.col2
        known = self.extent(ref.sheet) if self.extent else None
        if known is not None:  # cells past the sheet's last row/column are empty
            row2, col2 = min(row2, known[0]), min(col2, known[1])
        count = max(0, row2 - ref.row1 + 1) * max(0, col2 - ref.col1 + 1)
        if count > MAX_RANGE_CELLS:
            raise _Unsupported
        return [self.resolve(ref.sheet, r, c) for r in range(ref.row1, row2 + 1) for c in range(ref.col1, col2 + 1)]

    def numbers(self, arg: object) -> list[float]:
        """SUM semantics: a range skips text and blanks; a direct value must be a number."""
        if isinstance(arg, Ref):
            out = []
            for v in self.cells(arg):
                if isinstance(v, str) and v in ERRORS:
                    raise ExcelError(v)
                if isinstance(v, int | float) and not isinstance(v, bool):
                    out.append(_number(v))
            return out
        return [_number(arg)]  # type: ignore[arg-type]

    def scalar(self, value: object) -> CellValue:
        if isinstance(value, Ref):
            if (value.row1, value.col1) != (value.row2, value.col2):
                raise ExcelError("#VALUE!")
            return self.resolve(value.sheet, value.row1, value.col1)
        return value  # type: ignore[return-value]


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _excel_round(value: float, digits: int) -> float:
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

    if not math.isfinite(value):
        raise ExcelError("#NUM!")
    if digits > 15 or value == 0:
        return value  # Excel keeps 15 significant digits: nothing left to round
    if digits < -308:
        return 0.0
    try:
        return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    except InvalidOperation:  # more digits than the context holds: a huge number, already whole
        return value


def evaluate(formula: str, resolve: Resolver, extent: Extent | None = None) -> object:
    """The value of ``formula`` ("=SUM(C6:C12)"); an Excel error as its code ("#DIV/0!"), or
    :data:`UNSUPPORTED` when the formula is outside the small grammar (or too deep, or over too
    large a range). A resolver raises :class:`Uncomputable` for a cell whose value is unknown:
    the formula is then unknown too, never computed as if the cell were empty."""
    text = formula[1:] if formula.startswith("=") else formula
    if len(text) > MAX_FORMULA:
        return UNSUPPORTED
    try:
        parser = _Parser(_tokens(text, OWN_FUNCTIONS), resolve, extent)
        value = parser.expression()
        if parser.peek() is not None:
            return UNSUPPORTED
        value = parser.scalar(value)
    except ExcelError as err:
        return err.code
    except (_Unsupported, Uncomputable, RecursionError, ValueError, OverflowError):
        return UNSUPPORTED
    if isinstance(value, float) and not math.isfinite(value):
        return "#NUM!"  # Excel's answer to an overflow
    if isinstance(value, float):
        value = float(f"{value:.15g}")  # Excel keeps 15 significant digits
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def is_own_formula(formula: object) -> bool:
    """Whether ``formula`` is of the kind the project writes (references inside the workbook,
    arithmetic, ``&``, SUM/ROUND/ABS/MIN/MAX): the export keeps those and turns every other formula
    (HYPERLINK, DDE ``=cmd|…``, WEBSERVICE, links to other files) into its value."""
    if not isinstance(formula, str) or not formula.startswith("="):
        return False
    text = formula[1:]
    if len(text) > MAX_FORMULA or "[" in text:
        return False
    try:
        tokens = _tokens(text)
    except _Unsupported:
        return False
    for kind, value in tokens:
        if kind == "func" and value.upper() not in OWN_FUNCTIONS:
            return False
        if kind == "sheetref":
            try:
                _parse_ref(value)
            except _Unsupported:
                return False
    return True
