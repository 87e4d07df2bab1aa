"""Run chosen rules on the clean base workbook of the rule fixtures after a clerk's edits, and read
back exactly what a clerk would see (rule, sheet, cell, message, fix)."""

from __future__ import annotations

from collections.abc import Callable

from test_rule_fixtures import apply_case

from xladdin.config import SETTINGS, Config
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
    settings: dict | None = None,
    **case,
) -> list[Finding]:
    """The findings of ``codes`` after the edits of ``case`` (the keys of a fixture case: ``set``,
    ``formula``, ``drop``, ``rename``, ``waive``, ``base``); ``tweak`` may alter the reading."""
    grid = apply_case(case)
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
