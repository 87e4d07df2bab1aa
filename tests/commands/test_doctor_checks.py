"""``xladdin doctor`` line by line: every check's state, text and fix, the conf file's bytes, and what
``xladdin doctor`` prints. Windows-only branches run with ``doctor.os`` replaced by a proxy whose
``name`` is "nt" (pathlib keeps the real ``os``)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path, PurePosixPath
from typing import ClassVar

import openpyxl
import pytest
import xlwings

import xladdin
from xladdin.cli import main
from xladdin.commands import doctor
from xladdin.commands.doctor import MISSING, NOTE, OK, Check

V = xlwings.__version__


class NtOs:
    """``os`` as seen on Windows, for the module's own ``os.name`` tests."""

    name = "nt"

    def __init__(self, environ: dict[str, str] | None = None):
        self.environ = environ if environ is not None else {}

    def __getattr__(self, key):
        return getattr(os, key)


def test_state_words():
    assert (OK, MISSING, NOTE) == ("通过", "缺少", "注意")


# --- conf file --------------------------------------------------------------------------------------


def test_user_conf_path_default_is_home_off_windows(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "profile"))
    assert doctor.user_conf_path() == tmp_path / "home" / ".xlwings" / "xlwings.conf"


def test_user_conf_path_on_windows_uses_userprofile(monkeypatch, tmp_path):
    monkeypatch.setattr(doctor, "os", NtOs({"USERPROFILE": str(tmp_path / "profile")}))
    assert doctor.user_conf_path() == tmp_path / "profile" / ".xlwings" / "xlwings.conf"
    monkeypatch.setattr(doctor, "os", NtOs({"USERPROFILE": ""}))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert doctor.user_conf_path() == tmp_path / "home" / ".xlwings" / "xlwings.conf"


def test_conf_encoding(monkeypatch):
    assert doctor.conf_encoding() == "utf-8"
    monkeypatch.setattr(doctor, "os", NtOs())
    assert doctor.conf_encoding() == "mbcs"


def test_read_conf(tmp_path):
    assert doctor.read_conf(tmp_path / "none.conf") == {}
    conf = tmp_path / "x.conf"
    conf.write_bytes(
        '"INTERPRETER_WIN","C:\\Py\\python.exe"\r\n"ONLY_KEY"\r\n\r\n"A","1","extra"\n"EMPTY",""\n"名","张三"\n'.encode()
    )
    assert doctor.read_conf(conf) == {"INTERPRETER_WIN": "C:\\Py\\python.exe", "A": "1", "EMPTY": "", "名": "张三"}


def test_read_conf_replaces_undecodable_bytes(tmp_path):
    conf = tmp_path / "x.conf"
    conf.write_bytes(b'"K","a\xffb"\r\n')
    assert doctor.read_conf(conf) == {"K": "a\ufffdb"}


def test_write_conf_replaces_a_key_whatever_its_case(tmp_path):
    conf = tmp_path / "x.conf"
    conf.write_text('"LICENSE_KEY","noncommercial"\n"interpreter_win","C:\\old.exe"\n"B","2"\n', encoding="utf-8")
    assert doctor.write_conf(conf, {"INTERPRETER_WIN": "C:\\新\\python.exe"}) == conf
    assert conf.read_bytes() == (
        '"LICENSE_KEY","noncommercial"\r\n"B","2"\r\n"INTERPRETER_WIN","C:\\新\\python.exe"\r\n'.encode()
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.conf"]  # no temporary file left


def test_write_conf_creates_the_folder(tmp_path):
    conf = tmp_path / "u" / ".xlwings" / "xlwings.conf"
    doctor.write_conf(conf, {"INTERPRETER_WIN": "/usr/bin/python3", "X": ""})
    assert conf.read_bytes() == b'"INTERPRETER_WIN","/usr/bin/python3"\r\n"X",""\r\n'


def test_write_conf_refuses_a_quote(tmp_path):
    conf = tmp_path / "x.conf"
    conf.write_bytes(b'"A","1"\r\n')
    with pytest.raises(ValueError) as err:
        doctor.write_conf(conf, {"INTERPRETER_WIN": 'C:\\a"b.exe'})
    assert str(err.value) == 'xlwings.conf 的值不能含双引号：INTERPRETER_WIN=C:\\a"b.exe'
    with pytest.raises(ValueError) as err:
        doctor.write_conf(conf, {'K"': "v"})
    assert str(err.value) == 'xlwings.conf 的值不能含双引号：K"=v'
    assert conf.read_bytes() == b'"A","1"\r\n'


def test_write_conf_failure_removes_its_temporary_file(monkeypatch, tmp_path):
    conf = tmp_path / "x.conf"

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(doctor.os, "replace", refuse)
    with pytest.raises(PermissionError):
        doctor.write_conf(conf, {"A": "1"})
    assert list(tmp_path.iterdir()) == []


# --- facts ------------------------------------------------------------------------------------------


def test_interpreter_and_dll_names():
    assert doctor.interpreter() == Path(sys.executable)
    assert doctor.dll_name("0.33.1") == "xlwings64-0.33.1.dll"
    assert doctor.dll_name("0.33.1", 32) == "xlwings32-0.33.1.dll"


def test_installed_dlls(monkeypatch, tmp_path):
    import importlib.metadata as md

    class Dist:
        files: ClassVar = [
            PurePosixPath("xlwings/__init__.py"),
            PurePosixPath("../../xlwings64-1.dll"),
            PurePosixPath("b/X.DLL"),
        ]

        def locate_file(self, f):
            return tmp_path / "site" / "pkgs" / f

    monkeypatch.setattr(md, "distribution", lambda name: Dist() if name == "xlwings" else None)
    real = tmp_path.resolve()
    assert doctor.installed_dlls() == [real / "xlwings64-1.dll", real / "site" / "pkgs" / "b" / "X.DLL"]
    Dist.files = None
    assert doctor.installed_dlls() == []

    def none(name):
        raise md.PackageNotFoundError(name)

    monkeypatch.setattr(md, "distribution", none)
    assert doctor.installed_dlls() == []


def test_template_facts_of_a_book_without_vba(tmp_path):
    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "附表1"
    ws = wb.create_sheet("xlwings.conf")
    ws.append(["Interpreter_Win", None])
    ws.append(["Use UDF Server", True])
    ws.append([None, "ignored"])
    ws.append(["UDF Modules", "xladdin.excel.udfs", "third column"])
    wb.save(book)
    facts = doctor.template_facts(book)
    error = facts.pop("vba_error")
    assert error.split(": ", 1)[0].isidentifier() and ": " in error
    assert facts == {
        "xlwings_vba": "",
        "conf:Interpreter_Win": "",
        "conf:Use UDF Server": "True",
        "conf:UDF Modules": "xladdin.excel.udfs",
    }


def test_template_facts_of_a_book_without_conf_sheet(tmp_path):
    book = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Interpreter_Win", "x"])
    wb.save(book)
    facts = doctor.template_facts(book)
    assert set(facts) == {"xlwings_vba", "vba_error"}


def test_template_facts_of_an_unreadable_file(tmp_path):
    book = tmp_path / "b.xlsm"
    book.write_bytes(b"not a zip")
    facts = doctor.template_facts(book)
    assert facts["xlwings_vba"] == ""
    assert facts["conf_error"].startswith("InvalidFileException: ") or facts["conf_error"].startswith("BadZipFile: ")
    assert set(facts) == {"xlwings_vba", "vba_error", "conf_error"}


def test_find_soffice(monkeypatch, tmp_path):
    import xladdin.io.libreoffice as lo

    monkeypatch.setattr(lo, "find_soffice", lambda: "/opt/lo/soffice")
    assert doctor.find_soffice() == "/opt/lo/soffice"
    monkeypatch.setattr(lo, "find_soffice", lambda: None)
    assert doctor.find_soffice() is None
    # Windows: not on PATH, but in Program Files (x86)
    exe = tmp_path / "x86" / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.setattr(
        doctor, "os", NtOs({"PROGRAMFILES": str(tmp_path / "pf"), "PROGRAMFILES(X86)": str(tmp_path / "x86")})
    )
    assert doctor.find_soffice() == str(exe)
    exe2 = tmp_path / "pf" / "LibreOffice" / "program" / "soffice.exe"
    exe2.parent.mkdir(parents=True)
    exe2.write_bytes(b"")
    assert doctor.find_soffice() == str(exe2)  # Program Files first
    monkeypatch.setattr(doctor, "os", NtOs({"PROGRAMFILES": str(tmp_path / "none")}))
    assert doctor.find_soffice() is None
    monkeypatch.setattr(lo, "find_soffice", lambda: "C:\\LO\\soffice.exe")
    assert doctor.find_soffice() == "C:\\LO\\soffice.exe"


def test_find_soffice_on_windows_skips_an_empty_x86_folder(monkeypatch, tmp_path):
    import xladdin.io.libreoffice as lo

    monkeypatch.setattr(lo, "find_soffice", lambda: None)
    monkeypatch.chdir(tmp_path)  # Path("") is the current folder: it must not be searched
    exe = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.setattr(doctor, "os", NtOs({"PROGRAMFILES": str(tmp_path / "none")}))
    assert doctor.find_soffice() is None


def test_writable(monkeypatch, tmp_path):
    assert doctor.writable(tmp_path) == ""
    assert list(tmp_path.iterdir()) == []
    assert doctor.writable(tmp_path / "gone") == "文件夹不存在"

    def denied(**kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(doctor.tempfile, "mkstemp", denied)
    assert doctor.writable(tmp_path) == "Permission denied"

    def bare(**kw):
        raise OSError()

    monkeypatch.setattr(doctor.tempfile, "mkstemp", bare)
    assert doctor.writable(tmp_path) == "OSError"


# --- checks -----------------------------------------------------------------------------------------


def test_version_tuple():
    assert doctor._version_tuple(">=3.11") == (3, 11)
    assert doctor._version_tuple("1.2.3.4") == (1, 2, 3)


def _have() -> str:
    return ".".join(map(str, sys.version_info[:3]))


def test_check_python_requirement_met_exactly(monkeypatch):
    import importlib.metadata as md

    need = f">={_have()}"
    monkeypatch.setattr(md, "metadata", lambda name: {"Requires-Python": need} if name == "xladdin" else {})
    assert doctor.check_python() == Check("Python", OK, f"Python {_have()}（{sys.executable}），需要 {need}")


def test_check_python_too_old(monkeypatch):
    import importlib.metadata as md

    monkeypatch.setattr(md, "metadata", lambda name: {"Requires-Python": ">=3.99"} if name == "xladdin" else {})
    assert doctor.check_python() == Check(
        "Python", MISSING, f"Python {_have()}（{sys.executable}），需要 >=3.99", "安装 Python 3.99 或更新版本（64 位）"
    )


def test_check_python_without_metadata(monkeypatch):
    import importlib.metadata as md

    monkeypatch.setattr(md, "metadata", lambda name: {})
    assert doctor.check_python().detail == f"Python {_have()}（{sys.executable}），需要 >=3.11"

    def none(name):
        raise md.PackageNotFoundError(name)

    monkeypatch.setattr(md, "metadata", none)
    assert doctor.check_python() == Check("Python", OK, f"Python {_have()}（{sys.executable}），需要 >=3.11")


def test_check_xlwings_each_case(monkeypatch):
    book = Path("/x/b.xlsm")
    assert doctor.check_xlwings(book, {"xlwings_vba": V}) == Check(
        "xlwings", OK, f"已安装 {V}，与 b.xlsm 中的 VBA（{V}）一致"
    )
    assert doctor.check_xlwings(book, {"xlwings_vba": "0.30.0"}) == Check(
        "xlwings",
        MISSING,
        f"已安装 {V}，但 b.xlsm 中的 VBA 是 0.30.0：按钮和函数会失败",
        "pip install xlwings==0.30.0（或用本版本 xladdin 自带的模板重新生成工作簿）",
    )
    no_vba = Check("xlwings", NOTE, f"已安装 {V}；b.xlsm 中没有 xlwings 的 VBA 模块", "用模板新建的工作簿才有按钮")
    assert doctor.check_xlwings(book, {}) == no_vba
    assert doctor.check_xlwings(book, {"xlwings_vba": ""}) == no_vba
    monkeypatch.setitem(sys.modules, "xlwings", None)  # import fails
    assert doctor.check_xlwings(book, {"xlwings_vba": V}) == Check(
        "xlwings", MISSING, "未安装", "pip install --no-index --find-links wheels xladdin（离线安装包）"
    )


def _conf(tmp_path: Path, interp: str | None, key: str = "INTERPRETER_WIN") -> Path:
    conf = tmp_path / "xlwings.conf"
    if interp is not None:
        conf.write_text(f'"LICENSE_KEY","noncommercial"\r\n"{key}","{interp}"\r\n', encoding="utf-8")
    return conf


OFF_WINDOWS_DLL = Check("xlwings DLL", NOTE, "本机不是 Windows：DLL 与 Excel 按钮只在 Windows 上检查")


def test_excel_link_off_windows_without_user_conf(monkeypatch, tmp_path):
    monkeypatch.setattr(doctor, "interpreter", lambda: Path("/venv/bin/python"))
    conf = _conf(tmp_path, None)
    assert doctor.check_excel_link({}, conf, on_windows=False) == [
        Check(
            "用户级 xlwings.conf",
            NOTE,
            f"{conf} 中没有 INTERPRETER_WIN：Excel 只能在 PATH 上找 python",
            '运行 xladdin doctor --setup-excel，或由 IT 写入一行 "INTERPRETER_WIN","/venv/bin/python"',
        ),
        OFF_WINDOWS_DLL,
    ]


def test_excel_link_sheet_rows(monkeypatch, tmp_path):
    conf = _conf(tmp_path, "/nowhere/python.exe", key="Interpreter_Win")
    user_ok = Check("用户级 xlwings.conf", OK, f"{conf}：INTERPRETER_WIN = /nowhere/python.exe")
    assert doctor.check_excel_link({"conf:Interpreter_Win": ""}, conf, on_windows=False) == [
        Check(
            "xlwings.conf 工作表",
            NOTE,
            "工作簿的 xlwings.conf 工作表有空的 Interpreter_Win 行：xlwings 会忽略用户级 xlwings.conf",
            "使用新版模板（空行已去除），或在该隐藏工作表中删除 Interpreter_Win 这一行",
        ),
        user_ok,  # off Windows the path is not judged
        OFF_WINDOWS_DLL,
    ]
    assert doctor.check_excel_link({"conf:Interpreter_Win": "D:\\py\\python.exe"}, conf, on_windows=False) == [
        Check("xlwings.conf 工作表", NOTE, "工作簿自带 Interpreter_Win = D:\\py\\python.exe（优先于用户设置）"),
        user_ok,
        OFF_WINDOWS_DLL,
    ]


def test_excel_link_on_windows(monkeypatch, tmp_path):
    base = tmp_path / "Python311"
    base.mkdir()
    python = base / "python.exe"
    python.write_bytes(b"")
    name = doctor.dll_name(V)
    monkeypatch.setattr(doctor, "interpreter", lambda: tmp_path / "other" / "python.exe")
    # the user's conf names an interpreter that is not there
    conf = _conf(tmp_path, str(tmp_path / "gone" / "python.exe"))
    monkeypatch.setattr(doctor, "installed_dlls", lambda: [])
    assert doctor.check_excel_link({}, conf, on_windows=True) == [
        Check(
            "用户级 xlwings.conf",
            MISSING,
            f"{conf}：INTERPRETER_WIN = {tmp_path / 'gone' / 'python.exe'}",
            "运行 xladdin doctor --setup-excel 改为当前 Python",
        ),
        Check("xlwings DLL", MISSING, f"没有找到 {name}", "重新安装 xlwings：pip install --force-reinstall xlwings"),
    ]
    # the conf names python.exe; the DLL (another name's DLL ignored) is beside it, or one folder up
    conf = _conf(tmp_path, str(python))
    for folder in (base, tmp_path):
        dll = folder / name.upper()
        monkeypatch.setattr(doctor, "installed_dlls", lambda dll=dll: [base / "xlwings32-0.1.dll", dll])
        assert doctor.check_excel_link({}, conf, on_windows=True) == [
            Check("用户级 xlwings.conf", OK, f"{conf}：INTERPRETER_WIN = {python}"),
            Check("xlwings DLL", OK, f"{dll}（xlwings 的 VBA 能找到它）"),
        ]
    # elsewhere: a note with the copy command
    dll = tmp_path / "user" / "Python311" / name
    monkeypatch.setattr(doctor, "installed_dlls", lambda: [dll])
    assert doctor.check_excel_link({}, conf, on_windows=True)[-1] == Check(
        "xlwings DLL",
        NOTE,
        f"{dll} 不在 {base} 或 {tmp_path}：按钮不受影响（不用 UDF Server），但 XA_CALC/XA_STATUS 等工作表函数需要它",
        f'由 IT 复制：copy "{dll}" "{base}"',
    )


def test_excel_link_on_windows_without_user_conf_uses_this_python(monkeypatch, tmp_path):
    python = tmp_path / "Python311" / "python.exe"
    monkeypatch.setattr(doctor, "interpreter", lambda: python)
    dll = tmp_path / "Python311" / doctor.dll_name(V)
    monkeypatch.setattr(doctor, "installed_dlls", lambda: [dll])
    conf = _conf(tmp_path, None)
    assert doctor.check_excel_link({}, conf, on_windows=True) == [
        Check(
            "用户级 xlwings.conf",
            MISSING,
            f"{conf} 中没有 INTERPRETER_WIN：Excel 只能在 PATH 上找 python",
            f'运行 xladdin doctor --setup-excel，或由 IT 写入一行 "INTERPRETER_WIN","{python}"',
        ),
        Check("xlwings DLL", OK, f"{dll}（xlwings 的 VBA 能找到它）"),
    ]


def test_check_libreoffice(monkeypatch):
    monkeypatch.setattr(doctor, "find_soffice", lambda: "/usr/bin/soffice")
    assert doctor.check_libreoffice() == Check("LibreOffice", OK, "/usr/bin/soffice（导出报送时生成 PDF）")
    monkeypatch.setattr(doctor, "find_soffice", lambda: None)
    assert doctor.check_libreoffice() == Check(
        "LibreOffice",
        NOTE,
        "未安装：「导出报送」在 Excel 中由 Excel 打印 PDF；命令行 xladdin export 不生成 PDF",
        "如需命令行生成 PDF，安装 LibreOffice（https://www.libreoffice.org/ 或单位软件库）",
    )


def test_check_template(tmp_path):
    missing = tmp_path / "t.xlsm"
    assert doctor.check_template(missing, {}) == Check(
        "模板", MISSING, f"找不到 {missing}", "重新安装 xladdin（安装包中带有模板）"
    )
    missing.write_bytes(b"")
    ver = xladdin.__version__
    assert doctor.check_template(missing, {}) == Check(
        "模板", OK, f"{missing}（xladdin {ver}，xlwings VBA 无，Use UDF Server = 未设置）"
    )
    facts = {"xlwings_vba": "0.33.1", "conf:Use UDF Server": "False"}
    assert doctor.check_template(missing, facts) == Check(
        "模板", OK, f"{missing}（xladdin {ver}，xlwings VBA 0.33.1，Use UDF Server = False）"
    )


def test_check_folder(tmp_path):
    assert doctor.check_folder(tmp_path) == Check(
        "写入权限", OK, f"可以在 {tmp_path} 中保存（备份、校验结果、报送文件夹都写在这里）"
    )
    gone = tmp_path / "gone"
    assert doctor.check_folder(gone) == Check(
        "写入权限",
        MISSING,
        f"不能在 {gone} 中保存：文件夹不存在",
        "把工作簿复制到「我的文档」等可写的文件夹，或请 IT 开放该文件夹的写权限",
    )


# --- run_doctor and print_checks --------------------------------------------------------------------


def test_run_doctor_on_the_template(monkeypatch, tmp_path):
    from xladdin.resources import template_path

    monkeypatch.chdir(tmp_path)
    conf = tmp_path / "u" / "xlwings.conf"
    checks, note = doctor.run_doctor(None, setup_excel=True, conf=conf)
    assert note == f"已写入 {conf}：INTERPRETER_WIN = {sys.executable}"
    assert doctor.read_conf(conf) == {"INTERPRETER_WIN": sys.executable}
    by = {c.name: c for c in checks}
    assert [c.name for c in checks] == [
        "Python",
        "xlwings",
        "用户级 xlwings.conf",
        "xlwings DLL",
        "LibreOffice",
        "模板",
        "写入权限",
    ]
    assert by["xlwings"] == Check("xlwings", OK, f"已安装 {V}，与 template.xlsm 中的 VBA（{V}）一致")
    assert by["用户级 xlwings.conf"].state == OK
    assert by["xlwings DLL"] == OFF_WINDOWS_DLL
    assert by["模板"].detail.startswith(f"{template_path()}（xladdin {xladdin.__version__}，xlwings VBA {V}，")
    assert by["写入权限"].detail == f"可以在 {tmp_path} 中保存（备份、校验结果、报送文件夹都写在这里）"


def test_run_doctor_on_a_book(monkeypatch, tmp_path):
    book = tmp_path / "book" / "b.xlsx"
    book.parent.mkdir()
    wb = openpyxl.Workbook()
    wb.create_sheet("xlwings.conf").append(["Interpreter_Win", "D:\\py.exe"])
    wb.save(book)
    conf = tmp_path / "none.conf"
    checks, note = doctor.run_doctor(book, conf=conf)
    assert note == ""
    assert not conf.exists()
    by = {c.name: c for c in checks}
    assert by["xlwings"].state == NOTE and by["xlwings"].detail == f"已安装 {V}；b.xlsx 中没有 xlwings 的 VBA 模块"
    assert by["xlwings.conf 工作表"].detail == "工作簿自带 Interpreter_Win = D:\\py.exe（优先于用户设置）"
    assert f"xlwings VBA {V}，" in by["模板"].detail  # the template's own facts, not the book's
    assert by["写入权限"].detail.startswith(f"可以在 {book.parent} 中保存")
    # a book that is not there: no facts
    checks, _ = doctor.run_doctor(tmp_path / "gone.xlsx", conf=conf)
    assert checks[1].detail == f"已安装 {V}；gone.xlsx 中没有 xlwings 的 VBA 模块"
    assert checks[-1].state == OK


def test_run_doctor_on_windows_judges_the_conf(monkeypatch, tmp_path):
    monkeypatch.setattr(doctor, "os", NtOs())
    monkeypatch.setattr(doctor, "template_facts", lambda p: {})
    monkeypatch.setattr(doctor, "find_soffice", lambda: None)
    monkeypatch.setattr(doctor, "installed_dlls", lambda: [])
    checks, _ = doctor.run_doctor(None, conf=tmp_path / "none.conf")
    by = {c.name: c for c in checks}
    assert by["用户级 xlwings.conf"].state == MISSING
    assert by["xlwings DLL"].state == MISSING


def test_run_doctor_default_conf_is_the_users(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(doctor, "template_facts", lambda p: {})
    _checks, note = doctor.run_doctor(None, setup_excel=True)
    conf = tmp_path / ".xlwings" / "xlwings.conf"
    assert note == f"已写入 {conf}：INTERPRETER_WIN = {sys.executable}"
    assert conf.is_file()


def test_print_checks(monkeypatch):
    monkeypatch.setattr(xladdin, "__version__", "9.8.7")
    out = io.StringIO()
    checks = [
        Check("A", OK, "好", "not shown"),
        Check("B", MISSING, "没有", "装上"),
        Check("C", NOTE, "看看"),
        Check("D", NOTE, "提示", "做法"),
        Check("E", MISSING, "也没有", "也装上"),
    ]
    assert doctor.print_checks(checks, "已写入 x", out=out) == 1
    assert out.getvalue() == (
        "xladdin 9.8.7 环境检查\n已写入 x\n[通过] A：好\n[缺少] B：没有\n       → 装上\n[注意] C：看看\n"
        "[注意] D：提示\n       → 做法\n[缺少] E：也没有\n       → 也装上\n\n2 项缺少，请按 → 后的方法处理。\n"
    )


def test_print_checks_all_ready(monkeypatch, capsys):
    monkeypatch.setattr(xladdin, "__version__", "9.8.7")
    assert doctor.print_checks([Check("A", OK, "好"), Check("C", NOTE, "看看")]) == 0
    assert capsys.readouterr().out == "xladdin 9.8.7 环境检查\n[通过] A：好\n[注意] C：看看\n\n一切就绪。\n"


# --- xladdin doctor (cli_setup) ---------------------------------------------------------------------


def test_cli_doctor_prints_and_returns_the_checks(monkeypatch, tmp_path, capsys):
    seen = []

    def fake_run(book, *, setup_excel, conf):
        seen.append((book, setup_excel, conf))
        return [Check("B", MISSING, "没有", "装上")], "已写入"

    monkeypatch.setattr(doctor, "run_doctor", fake_run)
    monkeypatch.setattr(xladdin, "__version__", "9.8.7")
    book = tmp_path / "b.xlsm"
    book.write_bytes(b"")
    assert main(["doctor", str(book), "--setup-excel", "--conf", str(tmp_path / "c.conf")]) == 1
    assert seen == [(book, True, tmp_path / "c.conf")]
    assert (
        capsys.readouterr().out
        == "xladdin 9.8.7 环境检查\n已写入\n[缺少] B：没有\n       → 装上\n\n1 项缺少，请按 → 后的方法处理。\n"
    )
    monkeypatch.setattr(doctor, "run_doctor", lambda *a, **k: seen.append((a, k)) or ([Check("A", OK, "好")], ""))
    assert main(["doctor"]) == 0
    assert seen[-1] == ((None,), {"setup_excel": False, "conf": None})


def test_cli_doctor_no_such_book(tmp_path, capsys):
    book = tmp_path / "nope.xlsm"
    assert main(["doctor", str(book)]) == 2
    assert capsys.readouterr().err == f"错误：找不到工作簿：{book}（error: no such workbook）\n"


def test_cli_doctor_conf_cannot_be_written(monkeypatch, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    monkeypatch.setattr(doctor, "template_facts", lambda p: {})
    assert main(["doctor", "--setup-excel", "--conf", str(blocker / "xlwings.conf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：无法写入 xlwings.conf：") and err.endswith("（error: cannot write xlwings.conf）\n")


def test_cli_doctor_quote_in_conf_path_is_refused(monkeypatch, tmp_path, capsys):
    def bad(book, *, setup_excel, conf):
        raise ValueError('xlwings.conf 的值不能含双引号：K="')

    monkeypatch.setattr(doctor, "run_doctor", bad)
    assert main(["doctor", "--setup-excel"]) == 2
    assert (
        capsys.readouterr().err
        == '错误：无法写入 xlwings.conf：xlwings.conf 的值不能含双引号：K="（error: cannot write xlwings.conf）\n'
    )


def test_write_conf_writes_its_temporary_file_beside_the_conf(monkeypatch, tmp_path):
    """The rename that replaces xlwings.conf is atomic only within one folder (one file system)."""
    real = doctor.tempfile.mkstemp
    seen = []

    def recording(**kwargs):
        seen.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(doctor.tempfile, "mkstemp", recording)
    conf = tmp_path / "u" / "xlwings.conf"
    doctor.write_conf(conf, {"A": "1"})
    assert [k.get("dir") for k in seen] == [conf.parent]
    assert seen[0]["prefix"] == ".xlwings.conf."
