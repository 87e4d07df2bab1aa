"""The self-check (自查) without LibreOffice: its formulas call only allowed functions, each mirrors a
rule of the catalogue, the reader never takes it for form content, export takes it out, and it
stays outside the printed form."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from xladdin.build.template import blank_submission, build_workbook
from xladdin.build.workbook import specs_for, write_xlsx
from xladdin.commands.export import export
from xladdin.examples.shifeng2023 import submission
from xladdin.reader import read_workbook
from xladdin.rules import CATALOGUE
from xladdin.selfcheck import CHECKS, SHEET, is_selfcheck_formula
from xladdin.selfcheck.formulas import ALLOWED, functions
from xladdin.selfcheck.write import NAMES
from xladdin.validate import validate_file


def every_formula(path: Path) -> list[str]:
    """Every formula of the self-check in ``path``: 自查 sheet, 自查 cells, colours, names."""
    wb = openpyxl.load_workbook(path)
    out = [str(c.value) for row in wb[SHEET].iter_rows() for c in row if c.data_type == "f"]
    for ws in wb.worksheets:
        out += [str(c.value) for row in ws.iter_rows(max_row=8) for c in row if is_selfcheck_formula(c.value)]
        out += [str(f) for cf in ws.conditional_formatting for rule in cf.rules for f in rule.formula]
    out += [str(wb.defined_names[n].attr_text) for n in NAMES if n in wb.defined_names]
    return out


def test_functions_come_from_the_allow_list(example_file: Path) -> None:
    formulas = every_formula(example_file)
    assert len(formulas) > 300
    used = set().union(*(functions(f) for f in formulas))
    assert used <= ALLOWED, used - ALLOWED
    assert {"SUMIF", "COUNTIF", "INDEX", "MATCH", "SUBSTITUTE"} <= used  # the list is what is checked


@pytest.mark.parametrize(
    ("formula", "names"),
    [
        ('=IF(LEN(A1)=0,"XLOOKUP(",INDIRECT("B"&1))', {"IF", "LEN", "INDIRECT"}),
        ("=_xlfn.LET(x,1,x)", {"_XLFN.LET"}),
        ("=SUM( A1:A3)+sumproduct (B1:B2)", {"SUM", "SUMPRODUCT"}),
    ],
)
def test_functions_are_read_outside_strings(formula: str, names: set[str]) -> None:
    assert functions(formula) == names
    assert not names <= ALLOWED


def test_every_check_mirrors_a_rule_of_the_catalogue() -> None:
    assert set(CHECKS) <= set(CATALOGUE)
    assert {"A103", "A106", "A109", "X201", "X203", "I302", "I303", "G601", "G604", "F501"} <= set(CHECKS)


def test_reader_findings_do_not_change(example_file: Path, tmp_path: Path) -> None:
    plain = write_xlsx(specs_for(submission()), tmp_path / "plain.xlsx", selfcheck=False)
    ours, theirs = validate_file(example_file), validate_file(plain)
    assert [f.as_dict() for f in ours.findings] == [f.as_dict() for f in theirs.findings]
    reading = read_workbook(example_file)
    assert SHEET not in reading.structure.unknown_sheets
    assert reading.structure.uncomputed == []
    for form in reading.submission.forms():
        assert not str(form.title).startswith("本表自查")


def test_the_check_cell_stands_beside_the_title_outside_the_print_area(example_file: Path) -> None:
    wb = openpyxl.load_workbook(example_file)
    reading = read_workbook(example_file)
    for form in reading.submission.forms():
        ws = wb[form.sheet]
        title_row = int(form.cell("title")[1:])
        cells = [c for row in ws.iter_rows(max_row=8) for c in row if is_selfcheck_formula(c.value)]
        assert [c.row for c in cells] == [title_row]
        area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
        last_col = openpyxl.utils.column_index_from_string(area.split(":")[1].lstrip("$").rstrip("0123456789$"))
        assert cells[0].column == last_col + 1


def test_export_carries_no_self_check(example_file: Path, tmp_path: Path) -> None:
    done = export(example_file, tmp_path / "out", force=True)
    wb = openpyxl.load_workbook(done.xlsx)
    assert SHEET not in wb.sheetnames
    assert not [n for n in wb.defined_names if n.startswith("xladdin")]
    for ws in wb.worksheets:
        assert not list(ws.conditional_formatting)
    with zipfile.ZipFile(done.xlsx) as zf:
        xml = "".join(zf.read(n).decode("utf-8", "ignore") for n in zf.namelist() if n.endswith(".xml"))
    assert "自查" not in xml and "xladdin_on" not in xml


def test_template_and_import_carry_it(tmp_path: Path) -> None:
    path = build_workbook(blank_submission(), tmp_path / "blank.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb[SHEET].sheet_state == "hidden"
    assert set(NAMES) <= set(wb.defined_names)


def test_a_clerks_own_colours_survive_a_refresh_and_export(example_file: Path, tmp_path: Path) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    from xladdin.edits import RefreshSelfCheck
    from xladdin.io.openpyxl_writer import edit_file

    path = tmp_path / "own.xlsx"
    wb = openpyxl.load_workbook(example_file)
    rule = CellIsRule(operator="greaterThan", formula=["100"], fill=PatternFill(bgColor="FF0000"))
    wb["附表2"].conditional_formatting.add("C6:C12", rule)
    wb.save(path)
    edit_file(path, [RefreshSelfCheck()])
    mine = [r for cf in openpyxl.load_workbook(path)["附表2"].conditional_formatting for r in cf.rules]
    assert sum(1 for r in mine if r.formula == ["100"]) == 1
    done = export(path, tmp_path / "out", force=True)
    kept = [r for cf in openpyxl.load_workbook(done.xlsx)["附表2"].conditional_formatting for r in cf.rules]
    assert [r.formula for r in kept] == [["100"]]


def test_sync_gives_an_older_workbook_its_self_check(tmp_path: Path, capsys) -> None:
    from xladdin.cli import main
    from xladdin.selfcheck.write import strip_openpyxl

    path = write_xlsx(specs_for(submission()), tmp_path / "old.xlsx", selfcheck=False)
    assert main(["sync", str(path)]) == 0  # 附表2 linked (and the self-check laid out with it)
    wb = openpyxl.load_workbook(path)
    strip_openpyxl(wb)  # a workbook as an older version left it
    wb.save(path)
    capsys.readouterr()
    assert main(["sync", str(path)]) == 0
    assert "自查公式已按各表现有的行和工作表重新排布" in capsys.readouterr().out
    assert main(["sync", str(path)]) == 0  # now current: nothing more to do
    assert capsys.readouterr().out == "附表2 已与各附表3 一致，无需修改。\n"
    wb = openpyxl.load_workbook(path)
    assert wb[SHEET].sheet_state == "hidden"
    assert is_selfcheck_formula(wb["附表2"]["F2"].value)


def test_the_package_names_load_on_first_use_and_plan_stays_the_function():
    """``xladdin.selfcheck`` loads its checks and plan on first use; once the submodule ``plan`` is
    imported, the package's ``plan`` is still the function (as when everything loaded at once)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import xladdin.selfcheck.cells\n"
        "assert 'xladdin.selfcheck.plan' not in sys.modules and 'xladdin.selfcheck.checks' not in sys.modules\n"
        "from xladdin.selfcheck.plan import SelfCheck\n"
        "import xladdin.selfcheck as package\n"
        "from xladdin.selfcheck import CHECKS, SHEET, plan\n"
        "assert callable(plan) and plan is package.plan and plan.__module__ == 'xladdin.selfcheck.plan'\n"
        "assert SHEET == '自查' and CHECKS and package.SelfCheck is SelfCheck\n"
        "try:\n    package.nothing\nexcept AttributeError:\n    print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
