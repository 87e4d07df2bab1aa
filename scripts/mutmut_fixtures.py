"""Link the functions a shared fixture calls to every test that uses the fixture (mutmut's stats run).

mutmut records which functions each test calls: it collects the trampolines hit until a test's
teardown and gives them all to that test. A session- or module-scoped fixture (the example workbook
read once, ``example_grid``) runs in the setup of the first test that asks for it; the tests after it
get the cached value and call nothing, so mutmut links the functions the fixture called to that first
test alone, and a mutant of them is never run against the later tests, even those that check exactly
what the fixture produced. A mutant of the reader then survives when its first test happens not to
look at the mutated value.

This plugin, added to the stats run by ``scripts/mutmut_budget.py``, records what each fixture's
setup calls, apart from the test being set up, and at every test's teardown adds the calls of each
fixture that test uses (directly or through other fixtures) before mutmut hands out the calls. A
mutant run builds its fixtures afresh (a new process), so the later tests do see the mutated value.
It needs no mutmut import (the set of hits is passed in), so that it can be tested without mutmut.

Calls made while pytest imports the test files (a module that builds a table or a layout when it is
imported: ``xladdin.layout``'s form descriptions) would likewise all go to the first test that ends;
they are linked to every test instead.

The package builds its layout and word tables on first use and keeps them (and every label it has
compared) in ``functools`` caches. mutmut forks each mutant's process from one that has already run
the tests with the original code, so a cache filled there would hide a mutant of the functions that
fill it, and in the stats run only the first test that fills a cache would be linked to them.
:func:`clear_caches` empties them: ``FreshCaches`` before every test of the stats run, and
``scripts/mutmut_budget.py`` in each mutant's process before its tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator
from typing import Any

import pytest


class FixtureCalls:
    """A pytest plugin; ``hits()`` returns the set the trampolines add the current test's calls to."""

    def __init__(self, hits: Callable[[], set[str]]) -> None:
        self.hits = hits
        self.by_fixture: dict[tuple[str, str], set[str]] = {}
        self.at_import: set[str] = set()

    def pytest_collection_finish(self, session: Any) -> None:
        hits = self.hits()
        self.at_import = set(hits)  # what importing the test files called (layout built at import…)
        hits.clear()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Generator[None, Any, None]:
        hits = self.hits()
        before = set(hits)
        hits.clear()  # what the fixture calls, alone (the same set object: the trampolines hold it)
        try:
            yield
        finally:
            key = (fixturedef.argname, fixturedef.baseid)
            self.by_fixture.setdefault(key, set()).update(hits)
            hits.update(before)

    @pytest.hookimpl(tryfirst=True)  # before mutmut's own teardown hands the calls to the test
    def pytest_runtest_teardown(self, item: Any, nextitem: Any) -> None:
        hits = self.hits()
        hits.update(self.at_import)
        for name in getattr(item, "fixturenames", ()):
            for fixturedef in item._fixtureinfo.name2fixturedefs.get(name, ()):
                hits.update(self.by_fixture.get((name, fixturedef.baseid), ()))


def clear_caches(package: str = "xladdin") -> int:
    """Empty every ``functools`` cache a module of ``package`` holds (``cache``, ``lru_cache``); the
    number emptied."""
    done: set[int] = set()
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        for value in list(vars(module).values()):
            if id(value) not in done and hasattr(value, "cache_info") and callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
                done.add(id(value))
    return len(done)


class FreshCaches:
    """A pytest plugin for the stats run: the package's caches emptied before each test, so that what
    fills them (the layout, the word tables, a label compared) is linked to every test that uses it."""

    def __init__(self, package: str = "xladdin") -> None:
        self.package = package

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: Any) -> None:
        clear_caches(self.package)
