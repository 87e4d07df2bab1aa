"""What the Python rules say about the cells the self-check watches: the 自查 text a workbook
should show, computed by the rules themselves (cached values of a built workbook; the tests'
reference)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xladdin.selfcheck.cells import PASSED, PREFIX
from xladdin.selfcheck.checks import CHECKS

if TYPE_CHECKING:
    from xladdin.reader import Reading


def python_marks(reading: Reading) -> dict[str, set[tuple[str, str]]]:
    """Rule code → every (sheet, cell) its findings name (a finding's own cell and its 「另见」)."""
    from xladdin.config import default_config
    from xladdin.rules import Context, run

    ctx = Context(reading.submission, reading.structure, default_config())
    out: dict[str, set[tuple[str, str]]] = {code: set() for code in CHECKS}
    for code in CHECKS:
        for f in run(ctx, codes=[code]):
            out[code].add((f.sheet, f.cell))
            for other in f.cells:
                sheet, _, cell = other.rpartition("!")
                out[code].add((sheet, cell))
    return out


def summary_text(marks: dict[str, set[tuple[str, str]]], sheet: str) -> str:
    """The 自查 cell's text for ``sheet`` given each rule's marked cells (the formula's wording)."""
    from xladdin.rules import CATALOGUE

    pieces = []
    for code in CHECKS:
        n = sum(1 for s, _ in marks.get(code, ()) if s == sheet)
        if n:
            pieces.append(f"{CATALOGUE[code].title} {n} 处")
    return PREFIX + "；".join(pieces) if pieces else PASSED
