"""Run chosen rules on the clean base workbook of the rule fixtures after a clerk's edits, and read
back exactly what a clerk would see (rule, sheet, cell, message, fix)."""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from helpers import recalc

from xladdin import a1
from xladdin.build.template import build_workbook
from xladdin.config import SETTINGS, Config
from xladdin.examples.shifeng2023 import submission
from xladdin.examples.synthetic import synthetic
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.io.xlsx import read_grid
from xladdin.reader import Reading, Structure, read_grid_model
from xladdin.rules import Context, Finding, run
from xladdin.waivers import HEADER as WAIVER_HEADER
from xladdin.waivers import SHEET as WAIVER_SHEET
from xladdin.waivers import read_waivers

#: the bases of the rule fixtures (tests/fixtures/rules): two synthetic funds, or the seed example
BASES = {"clean": lambda: synthetic(2, seed=1, year=2023), "example": submission}


#: a base named 「realform:<file>」 is a form of the real-forms corpus (tests/data/realforms, set2, set3;
#: set4 once tuned on; never set5, held out), in its own layout: for the rules about forms not laid out as our template;
#: 「realform:set2/<file>」 names the set
REALFORM = "realform:"


@cache
def base_grid(name: str) -> BookGrid:
    with tempfile.TemporaryDirectory() as tmp:
        if name.startswith(REALFORM):
            from realforms import DATA, SET2, SET3, build_xlsx, load

            folder, _, file = name.removeprefix(REALFORM).rpartition("/")  # 「set2/<file>」: the set named
            folders = (DATA / folder,) if folder else (DATA, SET2, SET3)
            case = next(c for f in folders for c in load(f) if c.name == file)
            return read_grid(build_xlsx(case, Path(tmp) / "realform.xlsx"))
        return read_grid(build_workbook(BASES[name](), Path(tmp) / f"{name}.xlsx"))


def _where(ref: str) -> tuple[str, int, int]:
    sheet, _, cell = ref.rpartition("!")
    row, col = a1.parse(cell)
    return sheet, row, col


def before_case(case: dict) -> BookGrid:
    """The base with the case's ``given`` cells: the state the edit starts from."""
    return apply_case({"base": case.get("base", "clean"), "set": case.get("given", {})})


def apply_case(case: dict) -> BookGrid:
    grid = copy.deepcopy(base_grid(case.get("base", "clean")))
    case = {**case, "set": {**case.get("given", {}), **case.get("set", {})}}
    grid.sheets = [s for s in grid.sheets if s.name not in case.get("drop", [])]
    for name, last in case.get("cut", {}).items():  # a stored copy that ends at row `last`
        sheet = grid.sheet(name)
        assert sheet is not None, name
        sheet.rows = sheet.rows[:last]
        sheet.merges = [m for m in sheet.merges if m[2] <= last]
        sheet.formulas = {k: f for k, f in sheet.formulas.items() if k[0] <= last}
        sheet._cover = None
    for old, new in case.get("rename", {}).items():
        sheet = grid.sheet(old)
        assert sheet is not None, old
        sheet.name = new
    for key, edits in (("set", False), ("formula", True)):
        for ref, value in case.get(key, {}).items():
            name, row, col = _where(ref)
            sheet = grid.sheet(name)
            assert sheet is not None, f"no sheet {name} in the base"
            sheet.formulas.pop((row, col), None)
            if edits:
                sheet.formulas[(row, col)] = value
                sheet.set(row, col, None)
            else:
                sheet.set(row, col, None if value == "" else value)
    if case.get("waive"):
        grid.sheets.append(SheetGrid(WAIVER_SHEET, rows=[list(WAIVER_HEADER), *map(list, case["waive"])]))
    recalc(grid)
    return grid



S = "附表3-培训保障专项001"
T = "附表3-维护就业专项002"
F1 = "附表1"


def found(codes, edits, *, settings=None, drop=(), base="clean"):
    """(rule, "sheet!cell", message, fix, folded cells) of each finding of ``codes`` after the edits
    ({"sheet!cell": value}) of the base."""
    grid = apply_case({"base": base, "set": edits, "drop": list(drop)})
    config = Config()
    for key, value in (settings or {}).items():
        setattr(config, SETTINGS[key].attr, SETTINGS[key].parse(value, "test"))
    reading = read_grid_model(grid)
    ctx = Context(reading.submission, reading.structure, config, read_waivers(grid))
    codes = [codes] if isinstance(codes, str) else codes
    return [(f.rule, f"{f.sheet}!{f.cell}", f.message, f.fix, f.cells) for f in run(ctx, codes)]


def found_in_model(codes, change):
    """The findings of ``codes`` on the clean base's submission as a model (no sheets, no cells),
    after ``change(submission)``."""
    sub = synthetic(2, seed=1, year=2023)
    change(sub)
    codes = [codes] if isinstance(codes, str) else codes
    return [(f.rule, f"{f.sheet}!{f.cell}", f.message, f.fix, f.cells) for f in run(Context(sub, Structure()), codes)]



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
