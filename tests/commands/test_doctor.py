"""``xladdin doctor``: facts checked against xlwings' own code (its VBA's DLL search and config-file
path, its Python reader of xlwings.conf) and against where pip's install schemes put the DLL."""

from __future__ import annotations

import re
import sysconfig
from pathlib import Path

import xlwings
import xlwings.utils

from xladdin.cli import main
from xladdin.commands import doctor
from xladdin.commands.doctor import MISSING, NOTE, OK

XLWINGS_BAS = (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="utf-8", errors="replace")


def test_conf_written_is_read_by_xlwings(tmp_path, monkeypatch):
    conf = tmp_path / ".xlwings" / "xlwings.conf"
    conf.parent.mkdir()
    conf.write_text('"LICENSE_KEY","noncommercial"\n"interpreter_win","C:\\old\\python.exe"\n', encoding="utf-8")
    doctor.write_conf(conf, {"INTERPRETER_WIN": r"C:\Users\张三\AppData\Local\Programs\Python\Python311\python.exe"})
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(conf))
    assert xlwings.utils.read_user_config() == {
        "license_key": "noncommercial",
        "interpreter_win": r"C:\Users\张三\AppData\Local\Programs\Python\Python311\python.exe",
    }


def test_paths_and_names_match_xlwings_vba():
    # GetConfigFilePath: Environ("USERPROFILE") & "\." & PROJECT_NAME & "\" & PROJECT_NAME & ".conf"
    assert 'Environ("USERPROFILE") & "\\." & PROJECT_NAME & "\\" & PROJECT_NAME & ".conf"' in XLWINGS_BAS
    assert doctor.user_conf_path(Path("/home/u")) == Path("/home/u/.xlwings/xlwings.conf")
    declared = re.search(r'XLPyDLLName As String = "(xlwings64-[^"]+\.dll)"', XLWINGS_BAS).group(1)
    assert doctor.dll_name(xlwings.__version__, 64) == declared
    # XLPyLoadDLL: beside the interpreter (standard install), then one folder up (virtualenv)
    assert "LoadLibrary(ParentFolder(PYTHON_WIN)" in XLWINGS_BAS
    assert "LoadLibrary(ParentFolder(ParentFolder(PYTHON_WIN))" in XLWINGS_BAS
    interp = Path("/p/venv/Scripts/python.exe")
    assert doctor.dll_search_dirs(interp) == [interp.parent, interp.parent.parent]


def _link_checks(monkeypatch, tmp_path, python: Path, dll_dir: Path):
    dll = dll_dir / doctor.dll_name(xlwings.__version__)
    monkeypatch.setattr(doctor, "interpreter", lambda: python)
    monkeypatch.setattr(doctor, "installed_dlls", lambda: [dll])
    conf = tmp_path / "xlwings.conf"
    doctor.write_conf(conf, {"INTERPRETER_WIN": str(python)})
    checks = doctor.check_excel_link({"conf:Use UDF Server": "False"}, conf, on_windows=False)
    assert checks[-1].state == NOTE  # off Windows the DLL is not judged
    return {c.name: c for c in doctor.check_excel_link({}, conf, on_windows=True)}


def test_dll_for_each_kind_of_python_install(monkeypatch, tmp_path):
    """Where pip puts the wheel's ``.data/data`` files: the install scheme's ``data`` path."""
    base, user = tmp_path / "Python311", tmp_path / "AppData" / "Roaming" / "Python"
    (base).mkdir()
    python = base / "python.exe"
    python.write_bytes(b"")
    # all users / just me from python.org: data = {base}, python.exe in {base}
    data = Path(sysconfig.get_path("data", "nt", vars={"base": str(base)}))
    assert _link_checks(monkeypatch, tmp_path, python, data)["xlwings DLL"].state == OK
    # a venv: data = the venv root, python.exe in Scripts
    venv = tmp_path / "venv"
    (venv / "Scripts").mkdir(parents=True)
    vpy = venv / "Scripts" / "python.exe"
    vpy.write_bytes(b"")
    data = Path(sysconfig.get_path("data", "nt", vars={"base": str(venv)}))
    assert _link_checks(monkeypatch, tmp_path, vpy, data)["xlwings DLL"].state == OK
    # pip install --user: data = {userbase}\Python311, not beside python.exe: IT gets the exact copy
    data = Path(sysconfig.get_path("data", "nt_user", vars={"userbase": str(user)}))
    check = _link_checks(monkeypatch, tmp_path, python, data)["xlwings DLL"]
    assert check.state == NOTE and "XA_CALC" in check.detail
    assert check.fix == f'由 IT 复制：copy "{data / doctor.dll_name(xlwings.__version__)}" "{base}"'


def test_empty_sheet_interpreter_row_is_reported(tmp_path):
    checks = doctor.check_excel_link({"conf:Interpreter_Win": ""}, tmp_path / "none.conf", on_windows=True)
    sheet = next(c for c in checks if c.name == "xlwings.conf 工作表")
    assert "忽略用户级" in sheet.detail
    user = next(c for c in checks if c.name == "用户级 xlwings.conf")
    assert user.state == MISSING and '"INTERPRETER_WIN"' in user.fix


def test_xlwings_version_against_the_books_vba(tmp_path):
    book = tmp_path / "b.xlsm"
    assert doctor.check_xlwings(book, {"xlwings_vba": xlwings.__version__}).state == OK
    old = doctor.check_xlwings(book, {"xlwings_vba": "0.30.0"})
    assert old.state == MISSING and "pip install xlwings==0.30.0" in old.fix


def test_template_facts_read_from_the_template():
    from xladdin.resources import template_path

    facts = doctor.template_facts(template_path())
    assert facts["xlwings_vba"] == xlwings.__version__  # the VBA embedded at build time
    assert facts["conf:UDF Modules"] == "xladdin.excel.udfs"


def test_folder_write_access(tmp_path):
    assert doctor.check_folder(tmp_path).state == OK
    missing = doctor.check_folder(tmp_path / "gone")
    assert missing.state == MISSING and missing.fix


def test_cli_setup_excel(example_xlsm, tmp_path, capsys):
    conf = tmp_path / "u" / ".xlwings" / "xlwings.conf"
    code = main(["doctor", str(example_xlsm), "--setup-excel", "--conf", str(conf)])
    out = capsys.readouterr().out
    assert code in (0, 1) and f"已写入 {conf}" in out
    assert doctor.read_conf(conf) == {"INTERPRETER_WIN": str(doctor.interpreter())}
    for name in ("Python", "xlwings", "LibreOffice", "模板", "写入权限"):
        assert f"] {name}：" in out
    assert main(["doctor", str(tmp_path / "nope.xlsm")]) == 2
