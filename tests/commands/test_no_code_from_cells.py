"""No code from cells: nothing in the package evaluates text; the export strips what it must."""

from __future__ import annotations

import ast
import zipfile
from pathlib import Path

import openpyxl

import xladdin
from xladdin.cli import main

PACKAGE = Path(xladdin.__file__).parent


def test_no_eval_exec_or_compile_anywhere():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile", "__import__"}, path


def test_export_strips_hidden_sheets_helpers_and_links(example_file, tmp_path):
    work = tmp_path / "with_extras.xlsx"
    wb = openpyxl.load_workbook(example_file)
    wb.create_sheet("内部备注").sheet_state = "hidden"
    wb.create_sheet("校验结果")["A1"] = "级别"
    wb["附表1"]["H1"] = "='[其他单位.xlsx]Sheet1'!A1"
    wb.save(work)
    assert main(["export", str(work), "--out", str(tmp_path / "out"), "--force"]) == 0
    [xlsx] = (tmp_path / "out").glob("*.xlsx")
    names = openpyxl.load_workbook(xlsx).sheetnames
    assert "内部备注" not in names and "校验结果" not in names
    assert names[:2] == ["附表1", "附表2"]
    with zipfile.ZipFile(xlsx) as zf:
        assert not [n for n in zf.namelist() if "externalLink" in n or "vbaProject" in n]
