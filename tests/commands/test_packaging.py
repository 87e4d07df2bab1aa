"""Packaging IT can use: ``python -m build`` makes a wheel that carries the template, the wheel installs
into a fresh venv and validates the example from there, and the offline bundle for Windows is complete
by pip's own resolver. Needs the package index (as ``pip install`` does)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from packaging.markers import Marker
from packaging.requirements import Requirement

from xladdin.validate import validate_file

WIN = {  # PEP 508 values of a 64-bit Windows CPython 3.11 (independent of xladdin.commands.bundle)
    "os_name": "nt",
    "sys_platform": "win32",
    "platform_system": "Windows",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "implementation_name": "cpython",
    "python_version": "3.11",
    "python_full_version": "3.11.9",
    "implementation_version": "3.11.9",
    "platform_release": "10",
    "platform_version": "10.0.19045",
    "extra": "",
}


def run(*cmd: str | Path, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)
    assert done.returncode in (0, 1), f"{cmd}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--outdir", dist, ROOT, cwd=ROOT)  # sdist, then the wheel from it
    (found,) = dist.glob("xladdin-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("venv") / "v"
    run(sys.executable, "-m", "venv", env)
    run(env / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel)
    return env


def test_wheel_carries_the_template_and_macros(wheel):
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("xladdin/data/template.xlsm") == (ROOT / "workbook" / "template.xlsm").read_bytes()
        for name in ("XaDispatch.bas", "customUI14.xml"):
            assert zf.read(f"xladdin/data/macros/{name}") == (ROOT / "macros" / name).read_bytes()
        assert "xladdin/default_config.toml" in zf.namelist()


def test_installed_wheel_validates_the_example(venv, tmp_path):
    py = venv / "bin" / "python"
    code = "import xladdin, xladdin.resources as r; print(xladdin.__file__); print(r.template_path())"
    where = run(py, "-c", code, cwd=tmp_path)  # not the checkout: the installed package
    module, template = where.stdout.splitlines()
    assert module.startswith(str(venv)) and template.startswith(str(venv)) and Path(template).is_file()
    done = run(venv / "bin" / "xladdin", "validate", EXAMPLE, "--json", cwd=tmp_path)
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"] == validate_file(EXAMPLE).summary()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert run(venv / "bin" / "xladdin", "--version", cwd=tmp_path).stdout.strip() == f"xladdin {version}"
    doctor = run(venv / "bin" / "xladdin", "doctor", "--conf", tmp_path / "xlwings.conf", cwd=tmp_path).stdout
    assert f"模板：{template}" in doctor


def _dry_run(bundle: Path, target: Path, *names: str) -> dict:
    report = target.parent / "report.json"
    run(
        sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", bundle / "wheels",
        "--platform", "win_amd64", "--python-version", "3.11", "--only-binary=:all:", "--target", target,
        "--disable-pip-version-check", "--report", report, *names,
    )  # fmt: skip
    return json.loads(report.read_text())


def test_bundle_resolves_for_windows_with_no_index(wheel, tmp_path):
    out = tmp_path / "xladdin-win.zip"
    done = run(sys.executable, "-m", "xladdin", "bundle", "--platform", "win_amd64", "--python", "3.11",
               "--wheel", wheel, out)  # fmt: skip
    assert done.returncode == 0
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(folder)
    cmd = (folder / "install.cmd").read_bytes().decode("utf-8")
    assert "pip install --no-index --find-links" in cmd and "\r\n" in cmd  # cmd.exe wants CRLF
    assert (folder / "template.xlsm").read_bytes() == (ROOT / "workbook" / "template.xlsm").read_bytes()
    # pip's resolver, offline, for win_amd64: xladdin and all it needs come from the bundle
    first = _dry_run(folder, tmp_path / "t1", "xladdin")
    got = {Requirement(i["metadata"]["name"]).name.lower() for i in first["install"]}
    assert "xladdin" in got and {"xlwings", "pandas", "numpy", "lxml", "openpyxl"} <= got
    # pip evaluates markers for this machine: the Windows-only requirements, found from the metadata
    windows_only = set()
    for item in first["install"]:
        for line in item["metadata"].get("requires_dist", []):
            req = Requirement(line)
            if req.marker and req.marker.evaluate(WIN) and not Marker(str(req.marker)).evaluate({"extra": ""}):
                windows_only.add(req.name.lower())
    assert {"pywin32", "colorama"} <= windows_only  # xlwings needs pywin32, tqdm colorama, on Windows
    second = _dry_run(folder, tmp_path / "t2", "xladdin", *sorted(windows_only))
    assert {i["metadata"]["name"].lower() for i in second["install"]} >= windows_only
    assert all(i["download_info"]["url"].startswith("file://") for i in second["install"])
