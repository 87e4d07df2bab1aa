"""scripts/mutmut_fixtures.py: in a stats run, what a shared fixture calls is linked to every test that
uses it, not only to the first (mutmut's own collector, imitated here, gives it all to the first)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"

RUN = textwrap.dedent(
    """
    import json, sys
    sys.path[:0] = [sys.argv[1], sys.argv[2]]
    import pytest
    import hits
    from mutmut_fixtures import FixtureCalls

    links = {}

    class Mutmut:  # what mutmut's StatsCollector does at each teardown
        def pytest_runtest_teardown(self, item, nextitem):
            for f in hits.HITS:
                links.setdefault(f, set()).add(item.name)
            hits.HITS.clear()

    plugins = [Mutmut()] + ([FixtureCalls(lambda: hits.HITS)] if sys.argv[3] == "on" else [])
    code = pytest.main(["-q", "-p", "no:cacheprovider", "-p", "no:randomly", sys.argv[2]], plugins=plugins)
    print(json.dumps({"code": int(code), "links": {k: sorted(v) for k, v in links.items()}}))
    """
)

TESTS = textwrap.dedent(
    """
    import pytest
    from hits import call

    call("at_import")  # as a module builds a layout when the test file imports it

    @pytest.fixture(scope="session")
    def grid():
        call("read_grid")
        return "grid"

    @pytest.fixture(scope="session")
    def model(grid):
        call("read_model")
        return grid + "+model"

    @pytest.fixture()
    def dynamic(request):
        return request.getfixturevalue("model")

    def test_a(model):
        call("own_a")

    def test_b(grid):
        assert grid == "grid"

    def test_c(model):
        assert model.endswith("model")

    def test_d(dynamic):
        assert dynamic

    def test_e():
        call("own_e")
    """
)


def links(tmp_path: Path, plugin: str) -> dict[str, list[str]]:
    (tmp_path / "hits.py").write_text("HITS = set()\n\ndef call(name):\n    HITS.add(name)\n", "utf-8")
    (tmp_path / "t").mkdir(exist_ok=True)
    (tmp_path / "t" / "test_shared.py").write_text(TESTS, "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(SCRIPTS), str(tmp_path), plugin],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["code"] == 0, done.stdout
    return out["links"]


def test_mutmuts_own_collector_links_a_shared_fixture_to_its_first_test_only(tmp_path):
    got = links(tmp_path, "off")
    assert got["read_grid"] == ["test_a"] and got["read_model"] == ["test_a"]
    assert got["own_a"] == ["test_a"] and got["own_e"] == ["test_e"]
    assert got["at_import"] == ["test_a"]


def test_with_the_plugin_every_test_using_the_fixture_is_linked(tmp_path):
    got = links(tmp_path, "on")
    assert got["read_grid"] == ["test_a", "test_b", "test_c"]  # test_d asks for it at run time only
    assert got["read_model"] == ["test_a", "test_c"]
    assert got["own_a"] == ["test_a"] and got["own_e"] == ["test_e"]  # a test's own calls stay its own
    assert got["at_import"] == ["test_a", "test_b", "test_c", "test_d", "test_e"]  # what importing called


def test_clear_caches_empties_the_caches_of_one_package_only(monkeypatch):
    import types
    from functools import cache, lru_cache

    sys.path.insert(0, str(SCRIPTS))
    try:
        from mutmut_fixtures import clear_caches
    finally:
        sys.path.remove(str(SCRIPTS))
    built: list[int] = []

    def build() -> int:
        built.append(1)
        return len(built)

    pkg, other = types.ModuleType("fakepkg.layout"), types.ModuleType("fakepkg2")
    pkg.tables, pkg.words, pkg.plain = cache(build), lru_cache(maxsize=8)(build), build
    other.tables = cache(build)
    monkeypatch.setitem(sys.modules, "fakepkg.layout", pkg)
    monkeypatch.setitem(sys.modules, "fakepkg2", other)
    assert (pkg.tables(), pkg.tables(), other.tables()) == (1, 1, 2)
    assert clear_caches("fakepkg") == 2
    assert pkg.tables() == 3 and other.tables() == 2  # fakepkg2 is another package: kept
