"""mutmut 3.8 with a test-time budget per mutant (scripts/mutation runs mutmut through this).

mutmut runs, for each mutant, every test that called the mutated function, fastest first, and stops
at the first failure. A killed mutant takes well under a second here, but a survivor runs them all:
for a function that the reading of a workbook passes through, some 280 tests and over two minutes.
With BUDGET=seconds (default 20), a mutant runs only the fastest of its tests whose recorded times add
up to the budget. A mutant that those tests do not kill counts as survived, even if a slower test
would have killed it: the score is a lower bound of mutmut's own, never higher. BUDGET=0 runs all.
The clean run (the unmutated code must pass the tests that will judge the mutants) runs the same
tests: each mutant's budgeted tests, together. The forced-fail check is unchanged.

mutmut links a function to the tests that called it; what a shared (session or module) fixture calls
would go to the first test that built it alone. The stats run here also loads
``scripts/mutmut_fixtures.py``, which links it to every test that uses the fixture (FIXTURES=0: off),
and empties the package's caches (the layout, built on first use) before each test; each mutant's
process empties them before its tests, so that a mutant of what fills them takes effect.
Stats recorded before this (``mutants/mutmut-stats.json``) keep the old links until they are
collected again: delete that file (or ``mutants/``) once.

TESTS="tests/core tests/forms …" (folders or files, space-separated) replaces the test selection of
``[tool.mutmut]`` (``pytest_add_cli_args_test_selection``) for the recording run and every mutant: a
mutant then runs only those of its tests that are in the selection, so the score is a lower bound of
the whole suite's. mutmut keys its recording to the selection: changing TESTS records again.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from typing import Any

import mutmut.__main__ as mutmut_main
import mutmut.configuration as mutmut_configuration
from mutmut.__main__ import (
    cli,
    copy_also_copy_files,
    copy_src_dir,
    create_mutants,
    set_mutant_under_test,
    setup_source_paths,
    store_lines_covered_by_tests,
)
from mutmut.runners.harness import PytestRunner
from mutmut.state import state
from mutmut.utils.format_utils import mangled_name_from_mutant_name
from mutmut_fixtures import FixtureCalls, FreshCaches, clear_caches

BUDGET = float(os.environ.get("BUDGET", "20"))
FIXTURES = os.environ.get("FIXTURES", "1") != "0"
TESTS = os.environ.get("TESTS", "").split()
_run_tests = PytestRunner.run_tests
_execute_pytest = PytestRunner.execute_pytest


def within_budget(tests: Iterable[str], durations: dict[str, float], budget: float) -> list[str]:
    """The first of ``tests`` (mutmut passes them fastest first) whose durations fit ``budget``;
    always at least one."""
    kept: list[str] = []
    spent = 0.0
    for test in tests:
        spent += durations.get(test, 0.0)
        if kept and spent > budget:
            break
        kept.append(test)
    return kept


def run_tests(self: PytestRunner, *, mutant_name: str | None, tests: Iterable[str]) -> int:
    if mutant_name:  # in the mutant's own process, forked from one whose caches hold unmutated results
        clear_caches()
    if mutant_name and BUDGET > 0:
        tests = within_budget(tests, state().duration_by_test, BUDGET)
    return _run_tests(self, mutant_name=mutant_name, tests=tests)


def tests_for_mutant_names(mutant_names: Iterable[str]) -> set[str]:
    """The tests of the clean run: those the mutants named (or matched by a glob) will run."""
    by_function = state().tests_by_mangled_function_name
    durations = state().duration_by_test
    functions: set[str] = set()
    for name in mutant_names:
        if "*" in name:
            functions.update(f for f in by_function if fnmatch.fnmatch(f, name))
        else:
            functions.add(mangled_name_from_mutant_name(name.replace("__init__.", "")))
    out: set[str] = set()
    for function in functions:
        tests = sorted(by_function.get(function, ()), key=lambda t: durations[t])
        out.update(within_budget(tests, durations, BUDGET) if BUDGET > 0 else tests)
    return out


@cli.command()
def generate() -> None:
    """Write every mutant into mutants/ and run nothing, so that a sample is drawn from the mutants
    of the code as it is now (a changed function gets new mutants)."""
    set_mutant_under_test("mutant_generation")
    os.makedirs("mutants", exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    store_lines_covered_by_tests()
    print(create_mutants(os.cpu_count() or 2))


def execute_pytest(self: PytestRunner, params: list[str], **kwargs: Any) -> int:
    """The stats run (the one pytest call given mutmut's StatsCollector) also gets FixtureCalls."""
    plugins = list(kwargs.get("plugins") or ())
    if any(type(p).__name__ == "StatsCollector" for p in plugins):
        extra = [FreshCaches(), FixtureCalls(lambda: state()._stats)] if FIXTURES else [FreshCaches()]
        kwargs["plugins"] = [*extra, *plugins]
    return _execute_pytest(self, params, **kwargs)


def load_config() -> Any:
    """mutmut's configuration, with the test selection of TESTS when it is set."""
    loaded = _load_config()
    if TESTS:
        loaded.pytest_add_cli_args_test_selection = list(TESTS)
    return loaded


_load_config = mutmut_configuration._load_config
mutmut_configuration._load_config = load_config  # type: ignore[assignment]
mutmut_configuration.reset_config()
PytestRunner.run_tests = run_tests  # type: ignore[method-assign]
PytestRunner.execute_pytest = execute_pytest  # type: ignore[method-assign]
mutmut_main.tests_for_mutant_names = tests_for_mutant_names  # type: ignore[assignment]

if __name__ == "__main__":
    cli()
