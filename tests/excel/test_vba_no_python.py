"""A button pressed on a PC without Python (or without xladdin) answers in Chinese and says what to do.

The dispatcher's check is VBA, which no Linux tool runs: its branches are read here from the template's
VBA project, its message from the template's defined names, and the one command it runs (``python -B
-c "import …"``) is run with a Python that has xladdin and with one that has not."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

from xladdin.build.template import TEMPLATE
from xladdin.excel.vba import vba_texts


def modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {stream.split("/")[-1]: code.replace("\r\n", "\n") for _f, stream, _n, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.fixture(scope="module")
def vba() -> dict[str, str]:
    return modules(TEMPLATE)


def procedure(source: str, name: str) -> str:
    m = re.search(rf"^(?:Public |Private )?(Sub|Function) {name}\b.*?^End \1", source, re.S | re.M)
    assert m, name
    return m.group(0)


def statements(body: str) -> list[str]:
    """The procedure's statements, comments and blank lines left out, continuation lines joined."""
    body = body.replace(" _\n", " ")
    return [line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith("'")]


def test_the_check_comes_before_xlwings(vba):
    dispatch = vba["XaDispatch"]
    assert dispatch.isascii()
    run = statements(procedure(dispatch, "XaRun"))
    assert run[1] == "If Not XaPythonReady() Then Exit Sub"
    assert run[2].startswith("RunPython ")


def test_the_interpreter_is_the_one_xlwings_will_start(vba):
    """The same settings, in the same order, as xlwings' own RunPython reads."""
    ours = statements(procedure(vba["XaDispatch"], "XaInterpreter"))
    assert ours[1:3] == [
        'XaInterpreter = GetConfig("INTERPRETER_WIN", "")',
        'If XaInterpreter = "" Then XaInterpreter = GetConfig("INTERPRETER", "python")',
    ]
    theirs = procedure(vba["xlwings"], "RunPython")
    windows = theirs.index('interpreter = GetConfig("INTERPRETER_WIN", "")')
    assert theirs.index('interpreter = GetConfig("INTERPRETER", "python")') > windows


def test_every_failure_shows_the_message(vba):
    ready = statements(procedure(vba["XaDispatch"], "XaPythonReady"))
    text = "\n".join(ready)
    # a configured interpreter that is not there
    missing = ready.index("If Not FileExists(interpreter) Then")
    assert ready[missing + 1 : missing + 3] == ["XaNoPython interpreter", "Exit Function"]
    # the interpreter runs but cannot import xlwings and xladdin (or is not on PATH: cmd's 9009)
    assert re.search(r'code = wsh\.Run\("cmd\.exe /C " & .*XA_CHECK.*, 0, True\)', text)
    failed = ready.index("If code <> 0 Then")
    assert ready[failed + 1 : failed + 3] == ["XaNoPython interpreter", "Exit Function"]
    # anything else going wrong on the way (no WScript.Shell)
    assert ready.index("On Error GoTo failed") < ready.index('Set wsh = CreateObject("WScript.Shell")')
    assert ready[-3:] == ["failed:", "XaNoPython interpreter", "End Function"]
    # True on a Mac (no check there), once checked in this session or with conda (xlwings activates it),
    # and after the check passed (remembered)
    assert [s for s in ready if s.startswith("XaPythonReady = True")] == ["XaPythonReady = True"] * 3
    assert ready[ready.index("#If Mac Then") + 1] == "XaPythonReady = True"
    assert 'If XaReady Or GetConfig("CONDA PATH") <> "" Then' in ready
    assert ready.index("XaReady = True") == ready.index("XaPythonReady = True", failed) - 1
    show = "\n".join(statements(procedure(vba["XaDispatch"], "XaNoPython")))
    assert 'XaMsg("XA_MSG_NO_PYTHON")' in show and 'XaMsg("XA_MSG_TITLE")' in show and "vbExclamation" in show


def test_the_message_is_in_the_workbook_and_says_what_to_do(vba):
    wb = openpyxl.load_workbook(TEMPLATE, keep_vba=True)
    used = set(re.findall(r'XaMsg\("(\w+)"\)', vba["XaDispatch"]))
    assert used == {"XA_MSG_NO_PYTHON", "XA_MSG_TITLE"}
    for name in used:
        stored = wb.defined_names[name].attr_text
        assert stored == '"' + vba_texts()[name].replace('"', '""') + '"'
    message = vba_texts()["XA_MSG_NO_PYTHON"]
    for what in ("install.cmd", "xladdin doctor", "xladdin doctor --setup-excel", "Interpreter_Win", "xlwings.conf"):
        assert what in message, what
    assert re.search(r"[\u4e00-\u9fff]", message) and len(message) <= 255


def check_command(vba: dict[str, str]) -> str:
    m = re.search(r'Private Const XA_CHECK As String = "([^"]+)"', vba["XaDispatch"])
    assert m
    return m.group(1)


def test_the_check_passes_with_xladdin_installed(vba):
    code = check_command(vba)
    assert "xladdin.excel.handlers" in code and "xlwings" in code  # what RunPython will import
    assert subprocess.run([sys.executable, "-B", "-c", code], capture_output=True).returncode == 0


def test_the_check_fails_without_xladdin(vba, tmp_path):
    """A Python of its own (a fresh venv: no xlwings, no xladdin) fails the check: the message shows."""
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    python = next(p for p in (bare / "bin" / "python", bare / "Scripts" / "python.exe") if p.exists())
    done = subprocess.run([str(python), "-I", "-B", "-c", check_command(vba)], capture_output=True, cwd=tmp_path)
    assert done.returncode != 0 and b"ModuleNotFoundError" in done.stderr
