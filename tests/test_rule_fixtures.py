"""Every rule has data-file cases beside it (``tests/fixtures/rules/<CODE>.toml``, format in the
README there): edits of a base workbook that must raise the rule at given cells, and look-alikes
that must not. A rule of the catalogue without a firing and a passing case fails the suite."""

from __future__ import annotations

import copy
import tempfile
import tomllib
from functools import cache
from pathlib import Path

import pytest
from helpers import recalc

from xladdin import a1
from xladdin.build.workbook import build_workbook
from xladdin.config import SETTINGS, Config
from xladdin.examples.shifeng2023 import submission
from xladdin.examples.synthetic import synthetic
from xladdin.io.grid import BookGrid, SheetGrid
from xladdin.io.xlsx import read_grid
from xladdin.reader import read_grid_model
from xladdin.rules import CATALOGUE, Context, Finding, run
from xladdin.waivers import HEADER as WAIVER_HEADER
from xladdin.waivers import SHEET as WAIVER_SHEET
from xladdin.waivers import read_waivers

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
BASES = {"clean": lambda: synthetic(2, seed=1, year=2023), "example": submission}
CASE_KEYS = {"why", "base", "given", "set", "formula", "drop", "rename", "waive", "settings", "at", "says", "fix"}


@cache
def base_grid(name: str) -> BookGrid:
    with tempfile.TemporaryDirectory() as tmp:
        return read_grid(build_workbook(BASES[name](), Path(tmp) / f"{name}.xlsx"))


def load_cases() -> dict[str, dict[str, list[dict]]]:
    out = {}
    for path in sorted(FIXTURES.glob("*.toml")):
        out[path.stem] = tomllib.loads(path.read_text("utf-8"))
    return out


CASES = load_cases()


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


def findings(code: str, grid: BookGrid, settings: dict | None = None) -> list[Finding]:
    config = Config()
    for key, value in (settings or {}).items():
        setattr(config, SETTINGS[key].attr, SETTINGS[key].parse(value, "fixture"))
    reading = read_grid_model(grid)
    ctx = Context(reading.submission, reading.structure, config, read_waivers(grid))
    return list(run(ctx, [code]))


def hits(code: str, grid: BookGrid, settings: dict | None = None) -> set[str]:
    # a finding names its own cell and, folded into it, the other cells of the same root cause
    return {ref for f in findings(code, grid, settings) for ref in (f"{f.sheet}!{f.cell}", *f.cells)}


def params(kind: str):
    for code, data in CASES.items():
        for i, case in enumerate(data.get(kind, []), start=1):
            yield pytest.param(code, case, id=f"{code}-{i}")


@pytest.mark.parametrize(("code", "case"), list(params("fires")))
def test_fires(code, case):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    assert case.get("at"), f"{code}: a firing case names the cells it must mark"
    before = hits(code, before_case(case))  # the edit includes the case's settings
    found = findings(code, apply_case(case), case.get("settings"))
    after = {ref for f in found for ref in (f"{f.sheet}!{f.cell}", *f.cells)}
    for ref in case["at"]:
        assert ref not in before, f"{code} already reports {ref} before the edit: the case proves nothing"
        assert ref in after, f"{code} should report {ref} ({case.get('why', '')}); it reports {sorted(after)}"
    # `says` / `fix`: the exact message / fix text of the finding placed at a cell
    for key, attr in (("says", "message"), ("fix", "fix")):
        for ref, text in case.get(key, {}).items():
            got = [getattr(f, attr) for f in found if f"{f.sheet}!{f.cell}" == ref]
            assert text in got, f"{code} at {ref}: {attr} should be {text!r}; it is {got}"


@pytest.mark.parametrize(("code", "case"), list(params("passes")))
def test_passes(code, case):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    after = hits(code, apply_case(case), case.get("settings"))
    wrong = after & set(case["at"]) if case.get("at") else after
    assert not wrong, f"{code} should stay silent ({case.get('why', '')}); it reports {sorted(wrong)}"


def test_every_rule_has_a_firing_and_a_passing_case():
    missing = [
        f"{code}: {kind}" for code in CATALOGUE for kind in ("fires", "passes") if not CASES.get(code, {}).get(kind)
    ]
    assert not missing, "add cases in tests/fixtures/rules/<CODE>.toml for: " + ", ".join(missing)
    assert set(CASES) <= set(CATALOGUE), f"cases for unknown rules: {sorted(set(CASES) - set(CATALOGUE))}"


def describe_clean_base() -> str:
    """The clean base's cells, one line each, for writing cases."""
    lines = []
    from xladdin.selfcheck import SHEET, is_selfcheck_formula

    for sheet in base_grid("clean").sheets:
        if sheet.name == SHEET:
            continue  # the self-check is the tool's, not the form's
        lines.append(f"== {sheet.name}")
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if is_selfcheck_formula(sheet.formulas.get((r, c))):
                    continue
                if value is not None or (r, c) in sheet.formulas:
                    f = sheet.formulas.get((r, c))
                    lines.append(f"{a1.col_letter(c)}{r}\t{value!r}" + (f"\t{f}" if f else ""))
    return "\n".join(lines) + "\n"


def test_the_clean_base_description_is_current():
    """clean-base.txt is what case writers read to find a cell: it must show the base as built now
    (regenerate: python tests/test_rule_fixtures.py)."""
    assert (FIXTURES / "clean-base.txt").read_text("utf-8") == describe_clean_base()


if __name__ == "__main__":
    (FIXTURES / "clean-base.txt").write_text(describe_clean_base(), "utf-8")
