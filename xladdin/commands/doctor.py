"""``xladdin doctor``: one screen saying what this machine has and lacks for xladdin, each with its fix.

Checks: Python against the package's ``Requires-Python``; xlwings against the version of the xlwings
VBA module embedded in the template (or in BOOK); where the Python interpreter and xlwings' DLL are and
whether the workbook's VBA will find them; the user-level xlwings.conf; LibreOffice (PDF export); the
template this installation ships; write access to the workbook's folder.

``--setup-excel`` writes ``INTERPRETER_WIN`` (this Python) into the user-level
``%USERPROFILE%\\.xlwings\\xlwings.conf``, keeping the file's other entries. That file is read by the
xlwings VBA (``GetConfig``: the workbook's xlwings.conf sheet first, then an ``xlwings.conf`` beside the
workbook, then the user file); its lines are ``"KEY","VALUE"``, read by VBA's ``Input #`` in the ANSI code
page, which is why it is written in that encoding on Windows.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

OK, MISSING, NOTE = "通过", "缺少", "注意"


@dataclass
class Check:
    name: str
    state: str  # OK / MISSING / NOTE
    detail: str
    fix: str = ""


# ---------------------------------------------------------------- facts -----------------------------------


def user_conf_path(home: Path | None = None) -> Path:
    """``%USERPROFILE%\\.xlwings\\xlwings.conf`` (``~/.xlwings/xlwings.conf`` elsewhere), as xlwings' VBA."""
    if home is None:
        home = Path(os.environ.get("USERPROFILE") or Path.home()) if os.name == "nt" else Path.home()
    return home / ".xlwings" / "xlwings.conf"


def conf_encoding() -> str:
    """VBA's ``Input #`` reads the ANSI code page on Windows."""
    return "mbcs" if os.name == "nt" else "utf-8"


def read_conf(path: Path) -> dict[str, str]:
    """Keys (as written) → values of an xlwings.conf file, parsed as xlwings does (quoted pairs)."""
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding=conf_encoding(), errors="replace").splitlines():
        values = re.findall(r'"([^"]*)"', line)
        if len(values) >= 2:
            out[values[0]] = values[1]
    return out


def write_conf(path: Path, updates: dict[str, str]) -> Path:
    """Set ``updates`` in the conf file (case-insensitive keys), keeping every other entry; atomic."""
    current = read_conf(path)
    lowered = {k.lower(): k for k in current}
    for key, value in updates.items():
        current.pop(lowered.get(key.lower(), key), None)
        current[key] = value
    for key, value in current.items():
        if '"' in key or '"' in value:
            raise ValueError(f"xlwings.conf 的值不能含双引号：{key}={value}")
    text = "".join(f'"{k}","{v}"\r\n' for k, v in current.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".xlwings.conf.")
    try:
        with os.fdopen(fd, "w", encoding=conf_encoding(), newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def interpreter() -> Path:
    """The interpreter for Excel to start: this Python (``pythonw.exe`` is beside it on Windows)."""
    return Path(sys.executable)


def dll_name(version: str, bits: int = 64) -> str:
    return f"xlwings{bits}-{version}.dll"


def installed_dlls() -> list[Path]:
    """xlwings' DLLs as pip installed them (the wheel puts them in the scheme's data folder)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("xlwings")
    except PackageNotFoundError:
        return []
    return [Path(str(dist.locate_file(f))).resolve() for f in dist.files or () if str(f).lower().endswith(".dll")]


def dll_search_dirs(interp: Path) -> list[Path]:
    """Where xlwings' VBA looks for its DLL when Interpreter_Win is set (XLPyLoadDLL): beside the
    interpreter (a standard install), then one folder up (a virtualenv's Scripts folder)."""
    return [interp.parent, interp.parent.parent]


def template_facts(book: Path) -> dict[str, str]:
    """The xlwings VBA version and the xlwings.conf sheet of a workbook (the template or a copy of it)."""
    facts: dict[str, str] = {}
    try:
        from pyopenvba import ExcelFile

        with ExcelFile(book) as wb:
            src = wb.get_module("xlwings") if "xlwings" in wb.module_names() else ""
        m = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', src or "")
        facts["xlwings_vba"] = m.group(1) if m else ""
    except Exception as err:  # a workbook without a VBA project, or an unreadable one
        facts["xlwings_vba"] = ""
        facts["vba_error"] = f"{type(err).__name__}: {err}"
    try:
        from openpyxl import load_workbook

        wb = load_workbook(book, read_only=True, keep_vba=False)
        try:
            if "xlwings.conf" in wb.sheetnames:
                for row in wb["xlwings.conf"].iter_rows(min_col=1, max_col=2, values_only=True):
                    if row and row[0] is not None:
                        facts["conf:" + str(row[0])] = "" if row[1] is None else str(row[1])
        finally:
            wb.close()
    except Exception as err:
        facts["conf_error"] = f"{type(err).__name__}: {err}"
    return facts


def find_soffice() -> str | None:
    from xladdin.io.libreoffice import find_soffice as which

    found = which()
    if found or os.name != "nt":
        return found
    for base in (os.environ.get("PROGRAMFILES", r"C:\Program Files"), os.environ.get("PROGRAMFILES(X86)", "")):
        exe = Path(base) / "LibreOffice" / "program" / "soffice.exe"
        if base and exe.is_file():
            return str(exe)
    return None


def writable(folder: Path) -> str:
    """ "" when a file can be created (and removed) in ``folder``, else the reason."""
    if not folder.is_dir():
        return "文件夹不存在"
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".xladdin-doctor-")
        os.close(fd)
        os.unlink(name)
    except OSError as err:
        return err.strerror or type(err).__name__
    return ""


# ---------------------------------------------------------------- checks ----------------------------------


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def check_python() -> Check:
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        need = metadata("xladdin").get("Requires-Python") or ">=3.11"
    except PackageNotFoundError:
        need = ">=3.11"
    minimum = _version_tuple(need)
    have = sys.version_info[:3]
    text = f"Python {'.'.join(map(str, have))}（{sys.executable}），需要 {need}"
    if have >= minimum:
        return Check("Python", OK, text)
    return Check("Python", MISSING, text, f"安装 Python {'.'.join(map(str, minimum))} 或更新版本（64 位）")


def check_xlwings(book: Path, facts: dict[str, str]) -> Check:
    try:
        import xlwings

        have = xlwings.__version__
    except ImportError:
        return Check("xlwings", MISSING, "未安装", "pip install --no-index --find-links wheels xladdin（离线安装包）")
    want = facts.get("xlwings_vba", "")
    if not want:
        detail = f"已安装 {have}；{book.name} 中没有 xlwings 的 VBA 模块"
        return Check("xlwings", NOTE, detail, "用模板新建的工作簿才有按钮")
    if have == want:
        return Check("xlwings", OK, f"已安装 {have}，与 {book.name} 中的 VBA（{want}）一致")
    return Check(
        "xlwings",
        MISSING,
        f"已安装 {have}，但 {book.name} 中的 VBA 是 {want}：按钮和函数会失败",
        f"pip install xlwings=={want}（或用本版本 xladdin 自带的模板重新生成工作簿）",
    )


def check_excel_link(facts: dict[str, str], conf: Path, on_windows: bool) -> list[Check]:
    """The interpreter, the DLL and the user-level xlwings.conf, as the workbook's VBA will see them."""
    import xlwings

    interp = interpreter()
    checks: list[Check] = []
    sheet_interp = facts.get("conf:Interpreter_Win")
    user = read_conf(conf)
    user_interp = next((v for k, v in user.items() if k.lower() == "interpreter_win"), None)
    if sheet_interp is not None and sheet_interp == "":
        checks.append(
            Check(
                "xlwings.conf 工作表",
                NOTE,
                "工作簿的 xlwings.conf 工作表有空的 Interpreter_Win 行：xlwings 会忽略用户级 xlwings.conf",
                "使用新版模板（空行已去除），或在该隐藏工作表中删除 Interpreter_Win 这一行",
            )
        )
    elif sheet_interp:
        detail = f"工作簿自带 Interpreter_Win = {sheet_interp}（优先于用户设置）"
        checks.append(Check("xlwings.conf 工作表", NOTE, detail))
    if user_interp:
        exists = Path(user_interp).is_file() if on_windows else True
        state = OK if exists else MISSING
        fix = "" if exists else "运行 xladdin doctor --setup-excel 改为当前 Python"
        checks.append(Check("用户级 xlwings.conf", state, f"{conf}：INTERPRETER_WIN = {user_interp}", fix))
    else:
        checks.append(
            Check(
                "用户级 xlwings.conf",
                MISSING if on_windows else NOTE,
                f"{conf} 中没有 INTERPRETER_WIN：Excel 只能在 PATH 上找 python",
                f'运行 xladdin doctor --setup-excel，或由 IT 写入一行 "INTERPRETER_WIN","{interp}"',
            )
        )
    if not on_windows:
        checks.append(Check("xlwings DLL", NOTE, "本机不是 Windows：DLL 与 Excel 按钮只在 Windows 上检查"))
        return checks
    name = dll_name(xlwings.__version__, 64)
    dlls = [p for p in installed_dlls() if p.name.lower() == name.lower()]
    target = Path(user_interp) if user_interp else interp
    dirs = dll_search_dirs(target)
    if not dlls:
        checks.append(
            Check("xlwings DLL", MISSING, f"没有找到 {name}", "重新安装 xlwings：pip install --force-reinstall xlwings")
        )
    elif any(d.parent == s.resolve() for d in dlls for s in dirs):
        checks.append(Check("xlwings DLL", OK, f"{dlls[0]}（xlwings 的 VBA 能找到它）"))
    else:
        checks.append(
            Check(
                "xlwings DLL",
                NOTE,
                f"{dlls[0]} 不在 {dirs[0]} 或 {dirs[1]}：按钮不受影响（不用 UDF Server），"
                "但 XA_CALC/XA_STATUS 等工作表函数需要它",
                f'由 IT 复制：copy "{dlls[0]}" "{dirs[0]}"',
            )
        )
    return checks


def check_libreoffice() -> Check:
    exe = find_soffice()
    if exe:
        return Check("LibreOffice", OK, f"{exe}（导出报送时生成 PDF）")
    return Check(
        "LibreOffice",
        NOTE,
        "未安装：「导出报送」在 Excel 中由 Excel 打印 PDF；命令行 xladdin export 不生成 PDF",
        "如需命令行生成 PDF，安装 LibreOffice（https://www.libreoffice.org/ 或单位软件库）",
    )


def check_template(template: Path, facts: dict[str, str]) -> Check:
    from xladdin import __version__

    if not template.is_file():
        return Check("模板", MISSING, f"找不到 {template}", "重新安装 xladdin（安装包中带有模板）")
    udf = facts.get("conf:Use UDF Server", "")
    vba = facts.get("xlwings_vba") or "无"
    detail = f"{template}（xladdin {__version__}，xlwings VBA {vba}，Use UDF Server = {udf or '未设置'}）"
    return Check("模板", OK, detail)


def check_folder(folder: Path) -> Check:
    why = writable(folder)
    if not why:
        return Check("写入权限", OK, f"可以在 {folder} 中保存（备份、校验结果、报送文件夹都写在这里）")
    return Check(
        "写入权限",
        MISSING,
        f"不能在 {folder} 中保存：{why}",
        "把工作簿复制到「我的文档」等可写的文件夹，或请 IT 开放该文件夹的写权限",
    )


def run_doctor(book: Path | None, *, setup_excel: bool = False, conf: Path | None = None) -> tuple[list[Check], str]:
    """All checks; with ``setup_excel`` the user-level xlwings.conf is written first. Returns (checks, note)."""
    from xladdin.resources import template_path

    on_windows = os.name == "nt"
    conf = conf or user_conf_path()
    note = ""
    if setup_excel:
        write_conf(conf, {"INTERPRETER_WIN": str(interpreter())})
        note = f"已写入 {conf}：INTERPRETER_WIN = {interpreter()}"
    template = template_path()
    subject = book if book is not None else template
    facts = template_facts(subject) if subject.is_file() else {}
    checks = [check_python(), check_xlwings(subject, facts)]
    checks += check_excel_link(facts, conf, on_windows)
    checks.append(check_libreoffice())
    checks.append(check_template(template, template_facts(template) if book is not None else facts))
    checks.append(check_folder((book.parent if book is not None else Path.cwd()).resolve()))
    return checks, note


def print_checks(checks: list[Check], note: str = "", out=None) -> int:
    out = out or sys.stdout
    from xladdin import __version__

    print(f"xladdin {__version__} 环境检查", file=out)
    if note:
        print(note, file=out)
    for c in checks:
        print(f"[{c.state}] {c.name}：{c.detail}", file=out)
        if c.fix and c.state != OK:
            print(f"       → {c.fix}", file=out)
    lacking = sum(c.state == MISSING for c in checks)
    print(f"\n{'一切就绪。' if not lacking else f'{lacking} 项缺少，请按 → 后的方法处理。'}", file=out)
    return 1 if lacking else 0
