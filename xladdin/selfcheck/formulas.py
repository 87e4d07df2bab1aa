"""Pieces of the self-check formulas, in the functions Excel, WPS 表格 and LibreOffice compute alike.

Every self-check formula is put together from these pieces, so the rules of the game live here:
only functions of :data:`ALLOWED` (a test reads every formula the workbook carries and checks), no
dynamic arrays, no volatile INDIRECT/OFFSET, no LET/LAMBDA/XLOOKUP; another sheet is reached through
a defined name (conditional formats in older engines may not point at another sheet directly).
"""

from __future__ import annotations

import re
from decimal import Decimal

from xladdin.formmap import NOT_GIVEN
from xladdin.values import MAX_AMOUNT

#: The functions a self-check formula may call.
ALLOWED = frozenset(
    {"AND", "OR", "NOT", "IF", "IFERROR", "ISERROR", "ISNUMBER", "N", "LEN", "TRIM", "SUBSTITUTE", "CHAR"}
    | {"SUM", "SUMIF", "COUNTIF", "INDEX", "MATCH", "ABS", "ROUND", "MID"}
)

_FUNC = re.compile(r'"(?:[^"]|"")*"|([A-Za-z_][A-Za-z0-9_.]*)\s*\(')


def functions(formula: str) -> set[str]:
    """The functions ``formula`` calls (names before a parenthesis, outside string literals)."""
    return {m.group(1).upper() for m in _FUNC.finditer(formula) if m.group(1)}


#: White space Python's ``str.strip`` removes and TRIM does not: full-width and no-break spaces,
#: line breaks, tabs (by CHAR code: the same in every code page below 128).
_WIDE_SPACES = ('"\u3000"', '"\u00a0"', "CHAR(10)", "CHAR(13)", "CHAR(9)")


def _spaces_to(ref: str, to: str) -> str:
    text = ref
    for space in _WIDE_SPACES:
        text = f'SUBSTITUTE({text},{space},"{to}")'
    return text


def blank(ref: str) -> str:
    """TRUE when the cell is empty or holds only white space (``values.is_blank``)."""
    return f"LEN(TRIM({_spaces_to(ref, ' ')}))=0"


def filled(ref: str) -> str:
    return f"LEN(TRIM({_spaces_to(ref, ' ')}))>0"


def unlisted(ref: str) -> str:
    """TRUE when a name cell is empty or says 「本次未提供」 (import's mark for a part its source did
    not hold: the reader counts it as not found, so no rule judges the row)."""
    return f'OR({blank(ref)},{key(ref)}="{NOT_GIVEN}")'


def key(ref: str) -> str:
    """A name for comparison with every kind of white space removed (``names.fund_key``, less its
    full-width folding: 「专项００２」 and 「专项002」 differ here)."""
    return _spaces_to(f'SUBSTITUTE({ref}," ","")', "")


def differs(a: str, b: str, tolerance: Decimal) -> str:
    """Two amounts differ by more than the tolerance (``rules.amounts.differs``)."""
    return f"ROUND(ABS(({a})-({b})),6)>{tolerance}"


def num(ref: str) -> str:
    """What Excel adds up: the number, 0 for text or an empty cell (``totals.num``)."""
    return f"N({ref})"


def not_amount(ref: str) -> str:
    """An error value, a text that is not blank, a logical value or a number past all reason
    (``values.amount`` reports a problem)."""
    return f"IF(ISERROR({ref}),TRUE,IF(ISNUMBER({ref}),ABS({ref})>{MAX_AMOUNT},LEN({ref})>0))"


def negative(ref: str) -> str:
    return f"IF(ISNUMBER({ref}),AND({ref}<0,ABS({ref})<={MAX_AMOUNT}),FALSE)"


def text(value: str) -> str:
    """A string literal."""
    return '"' + value.replace('"', '""') + '"'
