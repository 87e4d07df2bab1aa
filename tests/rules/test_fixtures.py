"""Every rule has data-file cases beside it (``tests/fixtures/rules/<CODE>.toml``, format in the
README there): edits of a base workbook that must raise the rule at given cells, and look-alikes
that must not. A rule of the catalogue without a firing and a passing case fails the suite."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from rulekit import apply_case, base_grid, before_case

from xladdin import a1
from xladdin.config import SETTINGS, Config
from xladdin.io.grid import BookGrid
from xladdin.model import Submission
from xladdin.reader import read_grid_model
from xladdin.rules import CATALOGUE, Context, Finding, run
from xladdin.waivers import read_waivers

FIXTURES = Path(__file__).parents[1] / "fixtures" / "rules"
CASE_KEYS = {
    "why",
    "base",
    "given",
    "set",
    "formula",
    "drop",
    "cut",
    "rename",
    "waive",
    "settings",
    "model",
    "at",
    "says",
    "fix",
}


def load_cases() -> dict[str, dict[str, list[dict]]]:
    out = {}
    for path in sorted(FIXTURES.glob("*.toml")):
        out[path.stem] = tomllib.loads(path.read_text("utf-8"))
    return out


CASES = load_cases()


def edit_model(sub: Submission, edits: dict[str, dict[str, object]]) -> None:
    """``model`` edits: a form by its sheet name, then dotted paths into it ("indicators.0.weight",
    "indicators.0.extra.中期指标值", "profile"), for what our template prints no column for (权重,
    计算公式, 中期 values, a foreign profile): the model as the reader of such a form fills it."""
    forms = {f.sheet: f for f in sub.forms()}
    for sheet, changes in edits.items():
        for path, value in changes.items():
            obj: object = forms[sheet]
            *parts, last = path.split(".")
            for part in parts:
                obj = (
                    obj[int(part)]
                    if isinstance(obj, list)
                    else obj[part]
                    if isinstance(obj, dict)
                    else getattr(obj, part)
                )
            if isinstance(obj, dict):
                obj[last] = value
            else:
                setattr(obj, last, value)


def findings(code: str, grid: BookGrid, settings: dict | None = None, model: dict | None = None) -> list[Finding]:
    config = Config()
    for key, value in (settings or {}).items():
        setattr(config, SETTINGS[key].attr, SETTINGS[key].parse(value, "fixture"))
    reading = read_grid_model(grid)
    edit_model(reading.submission, model or {})
    ctx = Context(reading.submission, reading.structure, config, read_waivers(grid))
    return list(run(ctx, [code]))


def hits(code: str, grid: BookGrid, settings: dict | None = None, model: dict | None = None) -> set[str]:
    # a finding names its own cell and, folded into it, the other cells of the same root cause
    return {ref for f in findings(code, grid, settings, model) for ref in (f"{f.sheet}!{f.cell}", *f.cells)}


def params(kind: str):
    for code, data in CASES.items():
        for i, case in enumerate(data.get(kind, []), start=1):
            yield pytest.param(code, case, id=f"{code}-{i}")


@pytest.mark.parametrize(("code", "case"), list(params("fires")))
def test_fires(code, case):
    assert set(case) <= CASE_KEYS, set(case) - CASE_KEYS
    assert case.get("at"), f"{code}: a firing case names the cells it must mark"
    before = hits(code, before_case(case))  # the edit includes the case's settings
    found = findings(code, apply_case(case), case.get("settings"), case.get("model"))
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
    after = hits(code, apply_case(case), case.get("settings"), case.get("model"))
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
    (regenerate: PYTHONPATH=tests python tests/rules/test_fixtures.py)."""
    assert (FIXTURES / "clean-base.txt").read_text("utf-8") == describe_clean_base()


if __name__ == "__main__":  # PYTHONPATH=tests python tests/rules/test_fixtures.py
    (FIXTURES / "clean-base.txt").write_text(describe_clean_base(), "utf-8")
