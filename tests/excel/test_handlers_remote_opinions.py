"""The 「预审意见」 button through xlwings' remote engine: the clerk gets the document the reviewer's
``--opinions`` writes for the same workbook (one code path), beside the workbook, which stays as it was."""

from __future__ import annotations

import hashlib
import shutil

import docx
import xlwings as xw
from helpers import payload

from xladdin.cli import main
from xladdin.commands.opinions import PREVIEW_SUFFIX, SUFFIX
from xladdin.excel.handlers import Ui, run
from xladdin.io.xlsx import read_grid

DEPT = "株洲市石峰区退役军人事务局"


class Recorder(Ui):
    """The clerk's side: alerts kept, nothing opened."""

    def __init__(self, book):
        super().__init__(book, show_file=lambda path: None)
        self.messages: list[str] = []

    def alert(self, text, title="绩效目标"):
        self.messages.append(text)


def book_of(grid):
    return xw.Book(json=payload(grid))


def actions(book):
    return book.json()["actions"]


def _texts(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_preview_is_the_reviewers_document_beside_the_workbook(example_xlsm, tmp_path, monkeypatch):
    monkeypatch.setenv("XLADDIN_CONFIG", "")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    src = tmp_path / "石峰区.xlsm"
    shutil.copy(example_xlsm, src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    book = xw.Book(json=payload(read_grid(src), name=str(src)))
    shown = []
    ui = Recorder(book)
    ui.show_file = shown.append
    run("opinions", book, ui)
    preview = tmp_path / f"{DEPT}{PREVIEW_SUFFIX}"
    assert shown == [preview], ui.messages
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert not [a for a in actions(book) if a["func"] in ("setValues", "addSheet", "setRangeColor")]  # untouched
    assert ui.messages[0].startswith("已生成预审意见") and "预测等级 中" in ui.messages[0]
    assert "修改后再报" in ui.messages[0]
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(src, folder / src.name)
    assert main(["validate", str(folder), "--opinions", str(tmp_path / "意见"), "--workers", "1"]) == 1
    assert _texts(preview) == _texts(tmp_path / "意见" / f"{DEPT}{SUFFIX}")  # the same document
    run("opinions", book, ui)  # a second click replaces its own preview
    assert len(list(tmp_path.glob(f"*{PREVIEW_SUFFIX}"))) == 1 and len(ui.messages) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".xladdin")]


def test_preview_of_an_unsaved_workbook_goes_to_the_temporary_folder(example_grid, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    book = book_of(example_grid)
    ui = Recorder(book)
    run("opinions", book, ui)
    assert (tmp_path / f"{DEPT}{PREVIEW_SUFFIX}").exists(), ui.messages


def test_a_preview_open_in_word_is_a_message(example_xlsm, tmp_path):
    src = tmp_path / "石峰区.xlsm"
    shutil.copy(example_xlsm, src)
    (tmp_path / f"~${DEPT}{PREVIEW_SUFFIX}").write_bytes(b"owner")
    book = xw.Book(json=payload(read_grid(src), name=str(src)))
    ui = Ui(book, show_file=lambda path: None)
    messages = []
    ui.alert = lambda text, title="": messages.append(text)  # type: ignore[method-assign]
    run("opinions", book, ui)
    assert "正在 Word 中打开" in messages[0]
