"""Tests aimed at breakage that used to pass unnoticed (found by mutation testing, see
scripts/mutation): the atomic save, the VBA guard before an openpyxl save, the ribbon's
last-resort error handler, the 测算依据 parser's stated results, and the formula evaluator's
MIN/MAX and * and /. Expected values are worked out by hand from the text or the form."""

from __future__ import annotations

import os
import shutil
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from xladdin.basis import evaluate as basis
from xladdin.edits import SetCell
from xladdin.excel import handlers
from xladdin.io import openpyxl_writer
from xladdin.io.formula import UNSUPPORTED
from xladdin.io.formula import evaluate as formula
from xladdin.io.save import SaveRefused, atomic_write

# ---------------------------------------------------------------- atomic save


def _leftovers(folder, keep):
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_atomic_save_writes_a_temp_file_and_renames_it_over(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old contents")
    seen = {}

    def write(tmp):
        seen["tmp"] = tmp
        assert tmp != target and tmp.parent == target.parent  # beside it, never in place
        assert target.read_bytes() == b"old contents"  # the original untouched while writing
        tmp.write_bytes(b"new contents")
        seen["inode"] = os.stat(tmp).st_ino

    backup = atomic_write(target, write)
    # hidden from the clerk's folder view, with the workbook's extension (engines go by it)
    assert seen["tmp"].name.startswith(".xladdin-") and seen["tmp"].suffix == ".xlsx"
    assert target.read_bytes() == b"new contents"
    assert os.stat(target).st_ino == seen["inode"]  # renamed over, not copied into
    assert not seen["tmp"].exists()
    assert backup is not None and backup.read_bytes() == b"old contents"
    assert _leftovers(tmp_path, {target.name, backup.name}) == []


def test_a_failed_write_leaves_the_original_and_no_temp_file(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old contents")

    def write(tmp):
        tmp.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(SaveRefused, match="原文件未改动"):
        atomic_write(target, write)
    assert target.read_bytes() == b"old contents"
    assert _leftovers(tmp_path, {target.name}) == []


def test_without_a_backup_nothing_is_returned(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    assert atomic_write(target, lambda tmp: tmp.write_bytes(b"new"), backup=False) is None
    assert _leftovers(tmp_path, {target.name}) == []


def test_a_missing_workbook_is_refused_by_name(tmp_path):
    with pytest.raises(SaveRefused, match=r"找不到文件「.*book\.xlsx」"):
        atomic_write(tmp_path / "book.xlsx", lambda tmp: tmp.write_bytes(b"new"))


def test_excel_shortens_the_lock_of_a_long_name(tmp_path):
    """Excel's owner file drops the first two characters of the name: ~$部门.xlsm for ab部门.xlsm."""
    target = tmp_path / "ab部门.xlsm"
    target.write_bytes(b"old")
    (tmp_path / "~$部门.xlsm").write_bytes(b"owner")
    with pytest.raises(SaveRefused, match="正在 Excel 中打开"):
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))


def test_a_workbook_open_in_excel_is_not_written(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old contents")
    (tmp_path / "~$book.xlsx").write_bytes(b"owner")
    with pytest.raises(SaveRefused, match="正在 Excel 中打开"):
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"old contents"


def test_backups_are_named_by_the_time_and_never_overwrite_each_other(tmp_path, monkeypatch):
    from datetime import datetime

    from xladdin.io import save

    class Clock:
        @staticmethod
        def now():
            return datetime(2024, 3, 5, 9, 7, 2)

    monkeypatch.setattr(save, "datetime", Clock)
    target = tmp_path / "部门.xlsm"
    target.write_bytes(b"v1")
    names = []
    for _ in range(3):
        backup = atomic_write(target, lambda tmp: tmp.write_bytes(b"next"))
        names.append(backup.name)
    assert names == [
        "部门.20240305-090702.bak.xlsm",
        "部门.20240305-090702-2.bak.xlsm",
        "部门.20240305-090702-3.bak.xlsm",
    ]
    assert (tmp_path / names[0]).read_bytes() == b"v1"


def test_atomic_create_makes_a_new_file_and_never_replaces_one(tmp_path, monkeypatch):
    from xladdin.io.save import atomic_create

    seen = {}

    def write(tmp):
        seen["tmp"] = tmp
        tmp.write_bytes(b"new")

    out = atomic_create(tmp_path / "new.xlsx", write)
    assert out.read_bytes() == b"new" and _leftovers(tmp_path, {"new.xlsx"}) == []
    assert seen["tmp"].name.startswith(".xladdin-") and seen["tmp"].suffix == ".xlsx"
    assert seen["tmp"].parent == tmp_path  # beside the target: one file system, so the link is atomic
    for existing in (out, tmp_path / "link.xlsx"):
        if existing.name == "link.xlsx":
            existing.symlink_to(tmp_path / "nowhere.xlsx")  # a dangling link counts as existing
        with pytest.raises(SaveRefused, match=f"{existing.name}」已存在"):
            atomic_create(existing, write)
    assert out.read_bytes() == b"new"
    with pytest.raises(SaveRefused, match="不存在"):
        atomic_create(tmp_path / "no" / "x.xlsx", write)

    def racing(tmp):  # another process creates the target while we write
        tmp.write_bytes(b"ours")
        (tmp_path / "race.xlsx").write_bytes(b"theirs")

    with pytest.raises(SaveRefused, match=r"race\.xlsx」已存在"):
        atomic_create(tmp_path / "race.xlsx", racing)
    assert (tmp_path / "race.xlsx").read_bytes() == b"theirs"
    assert _leftovers(tmp_path, {"new.xlsx", "link.xlsx", "race.xlsx"}) == []

    def no_links(src, dst):
        raise OSError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)  # e.g. FAT or some network drives
    assert atomic_create(tmp_path / "fat.xlsx", write).read_bytes() == b"new"
    with pytest.raises(SaveRefused, match=r"race2\.xlsx」已存在"):
        atomic_create(tmp_path / "race2.xlsx", lambda tmp: (tmp_path / "race2.xlsx").write_bytes(b"theirs"))
    assert (tmp_path / "race2.xlsx").read_bytes() == b"theirs"
    assert _leftovers(tmp_path, {"new.xlsx", "link.xlsx", "race.xlsx", "fat.xlsx", "race2.xlsx"}) == []


# ---------------------------------------------------------------- the VBA guard


def test_an_openpyxl_save_that_loses_the_vba_project_is_refused(example_xlsm, tmp_path, monkeypatch):
    book = tmp_path / "book.xlsm"
    shutil.copy(example_xlsm, book)
    before = book.read_bytes()
    # what openpyxl does without keep_vba=True: the saved file has no VBA project (on the openpyxl
    # path, which a package the surgical writer cannot edit takes)
    from xladdin.io import surgical

    monkeypatch.setattr(surgical, "supports", lambda edits: False)
    monkeypatch.setattr(openpyxl_writer, "load", lambda path: openpyxl.load_workbook(path))
    with pytest.raises(RuntimeError, match="VBA"):
        openpyxl_writer.edit_file(book, [SetCell("附表1", 23, 2, "王主任")])
    assert book.read_bytes() == before  # nothing written
    with zipfile.ZipFile(book) as zf:
        assert "xl/vbaProject.bin" in zf.namelist()


# ---------------------------------------------------------------- the ribbon's last line of defence


class Recorder(handlers.Ui):
    def __init__(self):
        super().__init__(book=None)
        self.messages: list[str] = []

    def alert(self, text, title="绩效目标"):
        self.messages.append(text)


def test_an_unexpected_failure_in_a_handler_is_a_message(monkeypatch):
    def broken(book, ui):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(handlers.HANDLERS, "broken", broken)
    ui = Recorder()
    handlers.run("broken", object(), ui)  # no exception escapes to VBA
    assert ui.messages == ["操作未完成：ZeroDivisionError: division by zero"]


# ---------------------------------------------------------------- 测算依据: stated results


def test_a_product_reports_what_it_computes_and_what_the_text_states():
    calc = basis("16人×10000元/人=170000元")
    assert calc.computed_wan == Decimal(16)  # 16 × 10000 元 = 16 万元
    assert calc.stated_wan == Decimal(17)  # as written


def test_listed_parts_add_the_results_as_written():
    # 3人×1000元 = 3000 元, but the clerk wrote 3500 元 and summed that: 0.35 + 2 = 2.35 万元
    calc = basis("培训3人×1000元/人=3500元；资料费2万元")
    assert calc.kind == "parts"
    assert calc.computed_wan == Decimal("2.35")


# ---------------------------------------------------------------- the formula evaluator


CELLS = {(1, 1): 10, (2, 1): 4, (3, 1): 7, (5, 1): "#N/A", (1, 2): 1.5, (2, 2): "备注", (6, 1): " 3 "}
OTHER = {(1, 1): 100, (2, 1): 20, (3, 1): 3}  # the sheet 附表2


def _resolve(sheet, row, col):
    return (OTHER if sheet == "附表2" else CELLS).get((row, col))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("=MIN(A1:A3)", 4),
        ("=MAX(A1:A3)", 10),
        ("=MIN(A1,A3)", 7),
        ("=MAX(A2,A3)", 7),
        ("=A1/A2", 2.5),
        ("=A1*A2", 40),
        ("=A1-A2", 6),
        ("=A1+A2*A3", 38),  # * before +
        ("=(A1+A2)/A3*7", 14),
        ("=ROUND(A3/A2,1)", 1.8),  # 1.75 rounds half up
        ("=ABS(A2-A1)", 6),
        ("=SUM(A1:A3)-MAX(A1:A3)", 11),
        ('=A1&"人"', "10人"),
        ("=A1/0", "#DIV/0!"),
        ("=SUMPRODUCT(A1:A3)", UNSUPPORTED),
        # Excel's coercions: a blank is 0 (and "" in text), numeric text adds, other text is #VALUE!
        ("=A4+1", 1),
        ('=A4&"x"', "x"),
        ("=A6*2", 6),
        ('="3"+1', 4),
        ('="abc"+1', "#VALUE!"),
        ("=B2+1", "#VALUE!"),
        ('=A1&""', "10"),
        ('=B1&"万元"', "1.5万元"),
        # errors travel: through arithmetic and through SUM over a range
        ("=A5+1", "#N/A"),
        ("=SUM(A1:A5)", "#N/A"),
        ("=SUM(A1:A3,A5)", "#N/A"),
        # a range over two columns skips text; another sheet's range reads that sheet
        ("=SUM(A1:B3)", 22.5),
        ("=SUM('附表2'!A1:A3)", 123),
        ("=MAX(附表2!A1:A3)-MIN('附表2'!A2:A3)", 97),
        # the size bound: 200,000 cells are read (A5's error shows it), one more is not
        ("=SUM(A1:B100000)", "#N/A"),
        ("=SUM(A1:A200000)", "#N/A"),
        ("=SUM(A1:A200001)", UNSUPPORTED),
        ("=SUM(A1:C66667)", UNSUPPORTED),
    ],
)
def test_evaluator_arithmetic(text, value):
    assert formula(text, _resolve) == value


# ---------------------------------------------------------------- tidy-ups


def test_export_counts_only_what_it_ships(example_file, tmp_path, monkeypatch):
    """A hidden 附表3 is left out of the copy, and so are its findings from the summary it records."""
    from xladdin.commands import export as export_mod
    from xladdin.validate import validate_file

    book = tmp_path / "book.xlsx"
    wb = openpyxl.load_workbook(example_file)
    wb["附表3-大学生应征入伍奖励"].sheet_state = "hidden"
    wb.save(book)
    monkeypatch.setattr(export_mod, "_pdf", lambda *args: (None, "no pdf in this test"))
    result = export_mod.export(book, tmp_path / "out", force=True)
    shipped = validate_file(result.xlsx)
    assert "附表3-大学生应征入伍奖励" not in openpyxl.load_workbook(result.xlsx).sheetnames
    assert result.summary == shipped.counts_zh()
    assert not [f for f in shipped.findings if f.sheet == "附表3-大学生应征入伍奖励"]
    assert validate_file(book).summary() != shipped.summary()  # the hidden sheet had findings


def test_cli_modules_do_not_import_cli():
    """cli.py registers the command modules; they take what they share from cli_base (no cycle)."""
    import ast
    from pathlib import Path

    import xladdin

    root = Path(xladdin.__file__).parent
    for path in root.rglob("*.py"):
        if path.name in ("cli.py", "__main__.py") and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "xladdin.cli", path
            if isinstance(node, ast.Import):
                assert all(a.name != "xladdin.cli" for a in node.names), path


def test_a1_addresses_beyond_column_z():
    from xladdin import a1

    assert a1.parse("AA12") == (12, 27)
    assert a1.parse("$e$10") == (10, 5)
    assert a1.parse_range("$B$3:A1") == (1, 1, 3, 2)
    assert a1.ref(12, 27) == "AA12"
    with pytest.raises(ValueError):
        a1.parse("附表1!E10")
