"""``xladdin bundle --platform win_amd64 --python 3.11 OUT.zip``: an offline installer for IT.

The zip holds ``wheels/`` (xladdin and every dependency, binary wheels for the target platform, fetched
by ``pip download --only-binary=:all:``), ``install.cmd`` (``pip install --no-index --find-links``: no
network), the template and a short 说明.txt. pip evaluates environment markers such as
``platform_system == "Windows"`` for the machine it runs on, not for ``--platform``; the bundle
therefore re-reads every wheel's ``Requires-Dist`` for the target and fetches what a Windows install
needs and pip left out (pywin32 for xlwings, colorama for tqdm), until nothing is missing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

INSTALL_CMD = r"""@echo off
rem xladdin offline install: needs Python {python} (64-bit) on this PC, no network.
chcp 65001 >nul
cd /d "%~dp0"
set PY=
where py >nul 2>nul && py -{python} -c "import sys" >nul 2>nul && set PY=py -{python}
if not defined PY where python >nul 2>nul && set PY=python
if not defined PY (
  echo 找不到 Python {python}：请先安装 Python {python}（64 位）再运行本文件。
  pause
  exit /b 2
)
%PY% -m pip install --no-index --find-links "%~dp0wheels" --upgrade xladdin
if errorlevel 1 (
  echo 安装失败：请把上面的信息发给 IT。
  pause
  exit /b 1
)
rem Point the workbook's VBA (xlwings) at this Python: user-level %USERPROFILE%\.xlwings\xlwings.conf
%PY% -m xladdin doctor --setup-excel
pause
"""

README_TXT = """xladdin 离线安装包（{platform}，Python {python}）

1. 电脑上先装好 Python {python}（64 位，python.org 安装包即可，不需要联网）。
2. 双击 install.cmd：从 wheels 文件夹安装 xladdin 及其全部依赖，不访问网络；
   然后运行 xladdin doctor --setup-excel，把本机 Python 写入 %USERPROFILE%\\.xlwings\\xlwings.conf，
   并逐项列出本机还缺什么、怎么补。
3. 打开 template.xlsm（或各单位据此填写的工作簿），功能区出现「绩效目标」选项卡。

文件：install.cmd、wheels\\（{count} 个 wheel）、template.xlsm。
"""


class BundleError(RuntimeError):
    """The bundle could not be made (pip failed, no wheel); one Chinese line."""


def target_environment(platform: str, python: str) -> dict[str, str]:
    """PEP 508 marker values for the target (Windows x64 or 32-bit, CPython ``python``)."""
    major_minor = ".".join(python.split(".")[:2])
    windows = platform.startswith("win")
    return {
        "implementation_name": "cpython",
        "implementation_version": major_minor + ".0",
        "os_name": "nt" if windows else "posix",
        "platform_machine": {"win_amd64": "AMD64", "win32": "x86", "win_arm64": "ARM64"}.get(platform, "x86_64"),
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_system": "Windows" if windows else ("Darwin" if platform.startswith("macosx") else "Linux"),
        "platform_version": "",
        "python_full_version": major_minor + ".0",
        "python_version": major_minor,
        "sys_platform": "win32" if windows else ("darwin" if platform.startswith("macosx") else "linux"),
    }


def wheel_metadata(wheel: Path) -> tuple[str, str, list[str]]:
    """(normalized name, version, Requires-Dist lines) of a wheel."""
    from packaging.utils import canonicalize_name

    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        msg = Parser().parsestr(zf.read(meta).decode("utf-8"))
    return canonicalize_name(msg["Name"]), msg["Version"], msg.get_all("Requires-Dist") or []


def missing_requirements(wheels: list[Path], env: dict[str, str]) -> list[str]:
    """Requirements of the wheels, evaluated for ``env``, that no wheel in the list satisfies."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    have = {}
    metas = []
    for w in wheels:
        name, version, reqs = wheel_metadata(w)
        have[name] = Version(version)
        metas.append(reqs)
    missing: list[str] = []
    for reqs in metas:
        for line in reqs:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
                continue
            from packaging.utils import canonicalize_name

            name = canonicalize_name(req.name)
            if name not in have or not req.specifier.contains(have[name], prereleases=True):
                text = f"{req.name}{req.specifier}"
                if text not in missing:
                    missing.append(text)
    return missing


def _pip_download(args: list[str], dest: Path, platform: str, python: str) -> None:
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "--platform",
        platform,
        "--python-version",
        python,
        "--implementation",
        "cp",
        "-d",
        str(dest),
        *args,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise BundleError(f"pip download 失败（需要联网）：{tail}")


def build_own_wheel(dest: Path) -> Path:
    """This checkout's wheel (pip wheel); installed from a wheel, ``--wheel`` must name it."""
    from xladdin.resources import checkout

    root = checkout()
    if root is None:
        raise BundleError("当前 xladdin 不是从源代码运行：请用 --wheel 指定 xladdin 的 .whl 文件")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-w", str(dest), str(root)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    wheels = sorted(dest.glob("xladdin-*.whl"))
    if done.returncode or not wheels:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise BundleError(f"无法生成 xladdin 的 wheel：{tail}")
    return wheels[-1]


def make_bundle(out: Path, platform: str = "win_amd64", python: str = "3.11", wheel: Path | None = None) -> Path:
    """Write the offline bundle to ``out`` (a .zip) and return it."""
    from xladdin.resources import template_path

    if out.suffix.lower() != ".zip":
        raise BundleError(f"安装包的文件名须以 .zip 结尾：{out.name}")
    env = target_environment(platform, python)
    with tempfile.TemporaryDirectory(prefix="xladdin-bundle-") as tmp:
        wheels_dir = Path(tmp) / "wheels"
        wheels_dir.mkdir()
        own = wheel if wheel is not None else build_own_wheel(Path(tmp) / "own")
        _pip_download([str(own)], wheels_dir, platform, python)
        for _ in range(10):  # the markers pip did not evaluate for the target
            missing = missing_requirements(sorted(wheels_dir.glob("*.whl")), env)
            if not missing:
                break
            _pip_download(missing, wheels_dir, platform, python)
        else:
            raise BundleError("依赖无法补全：" + "，".join(missing))
        wheels = sorted(wheels_dir.glob("*.whl"))
        out.parent.mkdir(parents=True, exist_ok=True)
        part = out.with_name(out.name + ".part")
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("install.cmd", INSTALL_CMD.format(python=python).replace("\n", "\r\n"))
            zf.writestr(
                "说明.txt",
                README_TXT.format(platform=platform, python=python, count=len(wheels)).replace("\n", "\r\n"),
            )
            template = template_path()
            if template.is_file():
                zf.write(template, "template.xlsm")
            for w in wheels:
                zf.write(w, f"wheels/{w.name}", compress_type=zipfile.ZIP_STORED)
        part.replace(out)
    return out
