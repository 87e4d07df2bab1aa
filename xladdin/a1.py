"""A1 addresses: column letters and cell references (no dependency, used on every path)."""

from __future__ import annotations

import re

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def col_index(letters: str) -> int:
    """'A' -> 1, 'AA' -> 27."""
    n = 0
    for ch in letters.upper():
        if not "A" <= ch <= "Z":
            raise ValueError(letters)
        n = n * 26 + ord(ch) - 64
    return n


def col_letter(index: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    if index < 1:
        raise ValueError(index)
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def parse(ref: str) -> tuple[int, int]:
    """'E10' -> (10, 5) as (row, column); ValueError for anything else."""
    m = _REF.fullmatch(ref.strip())
    if not m:
        raise ValueError(ref)
    return int(m.group(2)), col_index(m.group(1))


def ref(row: int, col: int) -> str:
    """(10, 5) -> 'E10'."""
    return f"{col_letter(col)}{row}"


def parse_range(text: str) -> tuple[int, int, int, int]:
    """'A1:F30' (or one cell, '$' allowed) -> (first row, first column, last row, last column)."""
    first, _, last = text.partition(":")
    r1, c1 = parse(first)
    r2, c2 = parse(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)
