"""The offline bundle's pieces, in-process and without the network (test_packaging.py builds the real
thing): the target's marker values, wheel metadata, the missing-requirement loop, the pip command lines
(subprocess.run is replaced by a recorder) and the zip that IT unpacks."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from xladdin import cli
from xladdin.commands import bundle
from xladdin.commands.bundle import BundleError

WIN_311 = {  # PEP 508 values of 64-bit Windows CPython 3.11 (from the PEP, not from the module)
    "implementation_name": "cpython",
    "implementation_version": "3.11.0",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Windows",
    "platform_version": "",
    "python_full_version": "3.11.0",
    "python_version": "3.11",
    "sys_platform": "win32",
}


@pytest.fixture(autouse=True)
def no_real_pip(monkeypatch):
    """No test here runs pip: a mutant that would reach the real subprocess fails at once instead."""

    def refuse(cmd, **kwargs):
        raise AssertionError(f"unexpected subprocess: {cmd}")

    monkeypatch.setattr(bundle.subprocess, "run", refuse)


def make_wheel(folder: Path, name: str, version: str, requires: list[str] = (), decoy: bool = False) -> Path:
    """A minimal wheel: just ``<name>-<version>.dist-info/METADATA``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as zf:
        if decoy:  # a vendored package's METADATA one level deeper comes first in the zip
            zf.writestr("pkg/vendored-9.9.dist-info/METADATA", "Metadata-Version: 2.1\nName: vendored\nVersion: 9.9\n")
        zf.writestr(f"{name.replace('-', '_')}-{version}.dist-info/METADATA", meta)
    return path


# --- target_environment ---------------------------------------------------------------------------


def test_target_environment_windows_x64():
    assert bundle.target_environment("win_amd64", "3.11") == WIN_311


def test_target_environment_takes_major_minor_of_a_full_version():
    env = bundle.target_environment("win_amd64", "3.12.4")
    assert env["python_version"] == "3.12"
    assert env["python_full_version"] == "3.12.0"
    assert env["implementation_version"] == "3.12.0"


@pytest.mark.parametrize(
    ("platform", "machine", "system", "sys_platform", "os_name"),
    [
        ("win32", "x86", "Windows", "win32", "nt"),
        ("win_arm64", "ARM64", "Windows", "win32", "nt"),
        ("macosx_11_0_x86_64", "x86_64", "Darwin", "darwin", "posix"),
        ("manylinux2014_x86_64", "x86_64", "Linux", "linux", "posix"),
    ],
)
def test_target_environment_other_platforms(platform, machine, system, sys_platform, os_name):
    env = bundle.target_environment(platform, "3.10")
    assert env["platform_machine"] == machine
    assert env["platform_system"] == system
    assert env["sys_platform"] == sys_platform
    assert env["os_name"] == os_name
    assert env["python_version"] == "3.10"


# --- wheel_metadata ---------------------------------------------------------------------------------


def test_wheel_metadata_reads_the_top_level_dist_info(tmp_path):
    w = make_wheel(tmp_path, "Foo_Bar", "1.2", ["six>=1.0", 'pywin32; platform_system == "Windows"'], decoy=True)
    assert bundle.wheel_metadata(w) == ("foo-bar", "1.2", ["six>=1.0", 'pywin32; platform_system == "Windows"'])


def test_wheel_metadata_without_requirements(tmp_path):
    assert bundle.wheel_metadata(make_wheel(tmp_path, "six", "1.16.0")) == ("six", "1.16.0", [])


# --- missing_requirements ---------------------------------------------------------------------------


def test_missing_requirements_for_windows(tmp_path):
    wheels = [
        make_wheel(
            tmp_path,
            "app",
            "1.0",
            [
                "lib>=2",  # lib 1.0 is there: too old
                "ok-pkg>=1",  # Ok_Pkg 1.5 is there (name normalized)
                'pywin32>=300; platform_system == "Windows"',
                'colorama; sys_platform == "linux"',  # not on Windows
                'pytest; extra == "test"',  # an extra nobody asked for
                "beta>=1",  # beta 2.0rc1 counts (prereleases)
            ],
        ),
        make_wheel(tmp_path, "lib", "1.0", ['pywin32>=300; os_name == "nt"', "tiny"]),
        make_wheel(tmp_path, "Ok_Pkg", "1.5"),
        make_wheel(tmp_path, "beta", "2.0rc1"),
    ]
    missing = bundle.missing_requirements(wheels, WIN_311)
    assert missing == ["lib>=2", "pywin32>=300", "tiny"]


def test_missing_requirements_none_missing(tmp_path):
    wheels = [make_wheel(tmp_path, "app", "1.0", ["lib"]), make_wheel(tmp_path, "lib", "3.0")]
    assert bundle.missing_requirements(wheels, WIN_311) == []


def test_missing_requirements_evaluates_markers_for_linux(tmp_path):
    wheels = [make_wheel(tmp_path, "app", "1.0", ['pywin32; platform_system == "Windows"', 'x; os_name == "posix"'])]
    assert bundle.missing_requirements(wheels, bundle.target_environment("manylinux2014_x86_64", "3.11")) == ["x"]


# --- the pip command lines --------------------------------------------------------------------------


class Recorder:
    def __init__(self, returncode: int = 0, stderr: str = "", make: list[str] = ()):
        self.calls: list[tuple[list[str], dict]] = []
        self.returncode, self.stderr, self.make = returncode, stderr, list(make)

    def __call__(self, cmd, **kwargs):
        self.calls.append((list(cmd), kwargs))
        if self.make:
            dest = Path(cmd[cmd.index("-w") + 1])
            dest.mkdir(parents=True, exist_ok=True)
            for name in self.make:
                (dest / name).write_bytes(b"PK")
        return subprocess.CompletedProcess(cmd, self.returncode, "", self.stderr)


def test_pip_download_command(monkeypatch, tmp_path):
    rec = Recorder()
    monkeypatch.setattr(bundle.subprocess, "run", rec)
    bundle._pip_download(["a>=1", "b"], tmp_path, "win32", "3.10")
    ((cmd, kwargs),) = rec.calls
    assert cmd == [
        bundle.sys.executable,
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "--platform",
        "win32",
        "--python-version",
        "3.10",
        "--implementation",
        "cp",
        "-d",
        str(tmp_path),
        "a>=1",
        "b",
    ]
    assert kwargs == {"capture_output": True, "text": True}


def test_pip_download_failure_gives_pips_last_line(monkeypatch, tmp_path):
    monkeypatch.setattr(bundle.subprocess, "run", Recorder(1, "Looking in indexes\nERROR: No matching distribution\n"))
    with pytest.raises(BundleError) as err:
        bundle._pip_download(["a"], tmp_path, "win_amd64", "3.11")
    assert str(err.value) == "pip download 失败（需要联网）：ERROR: No matching distribution"


def test_pip_download_failure_without_output(monkeypatch, tmp_path):
    monkeypatch.setattr(bundle.subprocess, "run", Recorder(2, "  \n"))
    with pytest.raises(BundleError) as err:
        bundle._pip_download(["a"], tmp_path, "win_amd64", "3.11")
    assert str(err.value) == "pip download 失败（需要联网）：?"


def test_build_own_wheel_when_installed(monkeypatch, tmp_path):
    import xladdin.resources

    monkeypatch.setattr(xladdin.resources, "checkout", lambda: None)
    with pytest.raises(BundleError) as err:
        bundle.build_own_wheel(tmp_path)
    assert str(err.value) == "当前 xladdin 不是从源代码运行：请用 --wheel 指定 xladdin 的 .whl 文件"


def test_build_own_wheel_from_checkout(monkeypatch, tmp_path):
    import xladdin.resources

    root = tmp_path / "src"
    monkeypatch.setattr(xladdin.resources, "checkout", lambda: root)
    rec = Recorder(
        make=[
            "xladdin-0.8-py3-none-any.whl",
            "xladdin-0.9-py3-none-any.whl",
            "xladdin-1.0-py3-none-any.whl",
            "other-5.0-py3-none-any.whl",
        ]
    )
    monkeypatch.setattr(bundle.subprocess, "run", rec)
    dest = tmp_path / "own"
    assert bundle.build_own_wheel(dest) == dest / "xladdin-1.0-py3-none-any.whl"
    ((cmd, kwargs),) = rec.calls
    assert cmd == [
        bundle.sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--disable-pip-version-check",
        "-w",
        str(dest),
        str(root),
    ]
    assert kwargs == {"capture_output": True, "text": True}


def test_build_own_wheel_pip_fails(monkeypatch, tmp_path):
    import xladdin.resources

    monkeypatch.setattr(xladdin.resources, "checkout", lambda: tmp_path)
    rec = Recorder(1, "x\nerror: invalid pyproject.toml\n", make=["xladdin-1.0-py3-none-any.whl"])
    monkeypatch.setattr(bundle.subprocess, "run", rec)
    with pytest.raises(BundleError) as err:
        bundle.build_own_wheel(tmp_path / "own")
    assert str(err.value) == "无法生成 xladdin 的 wheel：error: invalid pyproject.toml"


def test_build_own_wheel_no_wheel_made(monkeypatch, tmp_path):
    import xladdin.resources

    monkeypatch.setattr(xladdin.resources, "checkout", lambda: tmp_path)
    monkeypatch.setattr(bundle.subprocess, "run", Recorder(0, "", make=["other-1.0-py3-none-any.whl"]))
    with pytest.raises(BundleError) as err:
        bundle.build_own_wheel(tmp_path / "own")
    assert str(err.value) == "无法生成 xladdin 的 wheel：?"


# --- make_bundle ------------------------------------------------------------------------------------


class FakeIndex:
    """Stands in for ``pip download``: writes the wheels a call asks for into ``dest``."""

    def __init__(self, tmp: Path, never_complete: bool = False):
        self.calls: list[tuple[list[str], str, str, str]] = []
        self.tmp, self.never_complete = tmp, never_complete

    def __call__(self, args, dest, platform, python):
        self.calls.append((list(args), Path(dest).name, platform, python))
        if len(self.calls) == 1:  # xladdin itself and what pip resolved on this (Linux) machine
            make_wheel(dest, "xladdin", "1.0", ["openpyxl>=3", 'pywin32>=300; platform_system == "Windows"'])
            make_wheel(dest, "openpyxl", "3.1.2")
        elif not self.never_complete:
            make_wheel(dest, "pywin32", "306")


def test_make_bundle_fetches_the_windows_only_requirements(monkeypatch, tmp_path):
    from xladdin.resources import template_path

    index = FakeIndex(tmp_path)
    monkeypatch.setattr(bundle, "_pip_download", index)
    own = tmp_path / "xladdin-1.0-py3-none-any.whl"
    out = tmp_path / "new" / "dir" / "bundle.ZIP"
    assert bundle.make_bundle(out, "win_amd64", "3.12", wheel=own) == out
    assert index.calls == [
        ([str(own)], "wheels", "win_amd64", "3.12"),
        (["pywin32>=300"], "wheels", "win_amd64", "3.12"),
    ]
    assert not out.with_name("bundle.ZIP.part").exists()
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert names == [
            "install.cmd",
            "说明.txt",
            "template.xlsm",
            "wheels/openpyxl-3.1.2-py3-none-any.whl",
            "wheels/pywin32-306-py3-none-any.whl",
            "wheels/xladdin-1.0-py3-none-any.whl",
        ]
        assert zf.getinfo("install.cmd").compress_type == zipfile.ZIP_DEFLATED
        assert zf.getinfo("wheels/pywin32-306-py3-none-any.whl").compress_type == zipfile.ZIP_STORED
        assert zf.read("template.xlsm") == template_path().read_bytes()
        cmd = zf.read("install.cmd").decode("utf-8")
        readme = zf.read("说明.txt").decode("utf-8")
    lines = cmd.split("\r\n")
    assert "\n" not in cmd.replace("\r\n", "")  # cmd.exe wants CRLF everywhere
    assert lines[0] == "@echo off"
    assert lines[1] == "rem xladdin offline install: needs Python 3.12 (64-bit) on this PC, no network."
    assert 'where py >nul 2>nul && py -3.12 -c "import sys" >nul 2>nul && set PY=py -3.12' in lines
    assert "  echo 找不到 Python 3.12：请先安装 Python 3.12（64 位）再运行本文件。" in lines
    assert '%PY% -m pip install --no-index --find-links "%~dp0wheels" --upgrade xladdin' in lines
    assert "%PY% -m xladdin doctor --setup-excel" in lines
    rlines = readme.split("\r\n")
    assert "\n" not in readme.replace("\r\n", "")
    assert rlines[0] == "xladdin 离线安装包（win_amd64，Python 3.12）"
    assert "文件：install.cmd、wheels\\（3 个 wheel）、template.xlsm。" in rlines
    assert "1. 电脑上先装好 Python 3.12（64 位，python.org 安装包即可，不需要联网）。" in rlines


def test_make_bundle_for_linux_needs_no_second_download(monkeypatch, tmp_path):
    index = FakeIndex(tmp_path)
    monkeypatch.setattr(bundle, "_pip_download", index)
    out = bundle.make_bundle(tmp_path / "b.zip", "manylinux2014_x86_64", "3.11", wheel=tmp_path / "x.whl")
    assert len(index.calls) == 1
    with zipfile.ZipFile(out) as zf:
        assert [n for n in zf.namelist() if n.startswith("wheels/")] == [
            "wheels/openpyxl-3.1.2-py3-none-any.whl",
            "wheels/xladdin-1.0-py3-none-any.whl",
        ]
        assert "（manylinux2014_x86_64，Python 3.11）" in zf.read("说明.txt").decode("utf-8")


def test_make_bundle_builds_its_own_wheel_by_default(monkeypatch, tmp_path):
    index = FakeIndex(tmp_path)
    monkeypatch.setattr(bundle, "_pip_download", index)
    built: list[Path] = []

    def fake_build(dest: Path) -> Path:
        built.append(dest)
        return dest / "xladdin-1.0-py3-none-any.whl"

    monkeypatch.setattr(bundle, "build_own_wheel", fake_build)
    bundle.make_bundle(tmp_path / "b.zip")  # defaults: win_amd64, 3.11
    (dest,) = built
    assert dest.name == "own" and dest.parent.name.startswith("xladdin-bundle-")
    assert index.calls[0] == ([str(dest / "xladdin-1.0-py3-none-any.whl")], "wheels", "win_amd64", "3.11")
    assert index.calls[1] == (["pywin32>=300"], "wheels", "win_amd64", "3.11")


def test_make_bundle_gives_up_after_ten_rounds(monkeypatch, tmp_path):
    index = FakeIndex(tmp_path, never_complete=True)
    monkeypatch.setattr(bundle, "_pip_download", index)
    out = tmp_path / "b.zip"
    with pytest.raises(BundleError) as err:
        bundle.make_bundle(out, wheel=tmp_path / "x.whl")
    assert str(err.value) == "依赖无法补全：pywin32>=300"
    assert len(index.calls) == 11
    assert not out.exists()


def test_make_bundle_refuses_a_name_without_zip(monkeypatch, tmp_path):
    index = FakeIndex(tmp_path)
    monkeypatch.setattr(bundle, "_pip_download", index)
    with pytest.raises(BundleError) as err:
        bundle.make_bundle(tmp_path / "bundle.tar", wheel=tmp_path / "x.whl")
    assert str(err.value) == "安装包的文件名须以 .zip 结尾：bundle.tar"
    assert index.calls == []


# --- xladdin bundle (cli_setup) ---------------------------------------------------------------------


def test_cli_bundle_passes_its_options(monkeypatch, tmp_path, capsys):
    seen = []

    def fake(out, platform, python, wheel):
        seen.append((out, platform, python, wheel))
        return out

    monkeypatch.setattr(bundle, "make_bundle", fake)
    out = tmp_path / "b.zip"
    code = cli.main(["bundle", str(out), "--platform", "win32", "--python", "3.10", "--wheel", "w.whl"])
    assert code == 0
    assert seen == [(out, "win32", "3.10", Path("w.whl"))]
    assert capsys.readouterr().out == f"离线安装包：{out}（解压后双击 install.cmd）\n"


def test_cli_bundle_defaults(monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(bundle, "make_bundle", lambda *a: seen.append(a) or a[0])
    assert cli.main(["bundle", str(tmp_path / "b.zip")]) == 0
    assert seen == [(tmp_path / "b.zip", "win_amd64", "3.11", None)]


def test_cli_bundle_error_is_one_line(monkeypatch, tmp_path, capsys):
    def fail(*a):
        raise BundleError("pip download 失败（需要联网）：boom")

    monkeypatch.setattr(bundle, "make_bundle", fail)
    assert cli.main(["bundle", str(tmp_path / "b.zip")]) == 2
    captured = capsys.readouterr()
    assert captured.err == "错误：pip download 失败（需要联网）：boom（error: bundle not made）\n"
    assert captured.out == ""


def test_make_bundle_without_a_template(monkeypatch, tmp_path):
    import xladdin.resources

    monkeypatch.setattr(bundle, "_pip_download", FakeIndex(tmp_path))
    monkeypatch.setattr(xladdin.resources, "template_path", lambda: tmp_path / "none.xlsm")
    out = bundle.make_bundle(tmp_path / "b.zip", "manylinux2014_x86_64", wheel=tmp_path / "x.whl")
    with zipfile.ZipFile(out) as zf:
        assert "template.xlsm" not in zf.namelist()
        assert zf.namelist()[:2] == ["install.cmd", "说明.txt"]


def test_make_bundle_names_every_requirement_it_could_not_get(monkeypatch, tmp_path):
    def index(args, dest, platform, python):
        make_wheel(dest, "xladdin", "1.0", ['pywin32>=300; os_name == "nt"', 'colorama; sys_platform == "win32"'])

    monkeypatch.setattr(bundle, "_pip_download", index)
    with pytest.raises(BundleError) as err:
        bundle.make_bundle(tmp_path / "b.zip", wheel=tmp_path / "x.whl")
    assert str(err.value) == "依赖无法补全：pywin32>=300，colorama"
