"""Run chosen rules on the clean base workbook of the rule fixtures after a clerk's edits, and read
back exactly what a clerk would see (rule, sheet, cell, message, fix)."""

from __future__ import annotations

import copy
from collections.abc import Callable

from test_rule_fixtures import apply_case

from xladdin.config import SETTINGS, Config
from xladdin.io.grid import BookGrid
from xladdin.reader import Reading, read_grid_model
from xladdin.rules import Context, Finding, run
from xladdin.waivers import read_waivers

#: the two 附表3 of the clean base (one per fund of 附表2)
S1 = "附表3-培训保障专项001"
S2 = "附表3-维护就业专项002"


def findings(
    codes: list[str] | None,
    *,
    tweak: Callable[[Reading], None] | None = None,
    then: Callable[[BookGrid], None] | None = None,
    settings: dict | None = None,
    **case,
) -> list[Finding]:
    """The findings of ``codes`` after the edits of ``case`` (the keys of a fixture case: ``set``,
    ``formula``, ``drop``, ``rename``, ``waive``, ``base``); ``then`` may alter the grid after them
    and ``tweak`` the reading."""
    grid = apply_case(case)
    if then is not None:
        then(grid)
    reading = read_grid_model(grid)
    if tweak is not None:
        tweak(reading)
    config = Config()
    for key, value in (settings or {}).items():
        setattr(config, SETTINGS[key].attr, SETTINGS[key].parse(value, "test"))
    ctx = Context(reading.submission, reading.structure, config, read_waivers(grid))
    return list(run(ctx, codes))


def said(fs: list[Finding]) -> list[tuple[str, str, str, str, str]]:
    return [(f.rule, f.sheet, f.cell, f.message, f.fix) for f in fs]


def copy_sheet(source: str, name: str, **cells: object) -> Callable[[BookGrid], None]:
    """A copy of sheet ``source`` added as ``name``, with ``cells`` ("B4"=value) typed on it."""

    def edit(grid: BookGrid) -> None:
        from xladdin import a1

        sheet = copy.deepcopy(grid.sheet(source))
        assert sheet is not None, source
        sheet.name = name
        for ref, value in cells.items():
            sheet.set(*a1.parse(ref), value)
        grid.sheets.append(sheet)

    return edit
