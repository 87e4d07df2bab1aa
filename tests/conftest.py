"""Shared fixtures: the example workbook built from the seed, and helpers to run the CLI."""

from __future__ import annotations

import copy
import inspect
import os
import shutil
from pathlib import Path

import pytest

from xladdin.build.template import build_workbook
from xladdin.examples.shifeng2023 import submission
from xladdin.io.grid import BookGrid
from xladdin.io.xlsx import read_grid

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2023-shifeng-veterans.xlsm"

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")


@pytest.fixture(scope="session")
def example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh build of the seed example (tests never touch the committed file)."""
    return build_workbook(submission(), tmp_path_factory.mktemp("example") / "example.xlsx")


@pytest.fixture(scope="session")
def example_xlsm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed example as clerks get it: with the template's VBA project and ribbon."""
    return build_workbook(submission(), tmp_path_factory.mktemp("xlsm") / "example.xlsm")


@pytest.fixture(scope="session")
def example_grid(example_file: Path) -> BookGrid:
    return read_grid(example_file)


@pytest.fixture()
def grid_copy(example_grid: BookGrid) -> BookGrid:
    return copy.deepcopy(example_grid)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that runs LibreOffice (it calls ``require_soffice``) carries the ``libreoffice`` marker,
    written or not: mutation runs leave such tests out (``-m "not libreoffice"``)."""
    for item in items:
        function = getattr(item, "function", None)
        if function is not None and "require_soffice(" in inspect.getsource(function):
            item.add_marker(pytest.mark.libreoffice)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """LibreOffice is part of the test setup (.ci/run installs it): fail loudly without it in CI."""
    path = soffice()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc libreoffice-writer")
    return path


@pytest.fixture()
def work(example_file: Path, tmp_path: Path) -> Path:
    """A copy of the example that a test may write."""
    target = tmp_path / "work.xlsx"
    shutil.copy(example_file, target)
    return target
