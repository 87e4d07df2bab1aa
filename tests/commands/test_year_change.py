"""One meaning for a year change: 导入旧表 and 转入下一年度 both ask for the year (next year offered), move
every mention of the budget year the same way (rollover's code), and number their file when it exists."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import xlwings as xw
from helpers import ImportRecorder, Recorder, payload
from seed_docx import build_seed_docx

from xladdin.excel.handlers import run
from xladdin.io.xlsx import read_grid
from xladdin.reader import read_workbook
from xladdin.validate import validate_file


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory):
    return build_seed_docx(tmp_path_factory.mktemp("docx") / "石峰区2023绩效目标表.docx")


def test_rollover_asks_the_year_and_takes_another_one(example_xlsm, tmp_path):
    src = tmp_path / "2023年表.xlsm"
    shutil.copy(example_xlsm, src)
    book = xw.Book(json=payload(read_grid(src), name=str(src)))
    ui = Recorder(book, year="2025")
    run("rollover", book, ui)
    target = tmp_path / "2025年表.xlsm"
    assert read_workbook(target).submission.year == 2025, ui.messages
    assert ui.messages[0].startswith("已生成 2025 年度工作簿")


def test_rollover_cancelled_or_not_a_year(example_xlsm, tmp_path):
    src = tmp_path / "2023年表.xlsm"
    shutil.copy(example_xlsm, src)
    book = xw.Book(json=payload(read_grid(src), name=str(src)))
    for answer, said in (
        (None, []),
        ("明年", ["年度应为四位数字（2000–2100），如 2024，而不是「明年」。未做任何改动。"]),
    ):
        ui = Recorder(book, year=answer)
        run("rollover", book, ui)
        assert ui.messages == said
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]  # nothing written


def test_import_asks_the_year_and_moves_it_like_rollover(seed_docx, example_grid, tmp_path):
    src = tmp_path / seed_docx.name
    shutil.copy(seed_docx, src)
    book = xw.Book(json=payload(example_grid))
    ui = ImportRecorder(book, str(src), year="2024")
    run("import_forms", book, ui)
    title, prompt, default = ui.asked[0]
    assert (title, default) == ("导入旧表", date.today().year + 1) and "留空则保持原表的年度" in prompt
    out = ui.opened[0]
    assert read_workbook(out).submission.year == 2024
    assert "F504" not in {f.rule for f in validate_file(out).findings}
    assert any("各表中的年度由 2023 顺延到 2024" in m for m in ui.messages)
    kept = ImportRecorder(book, str(src), year="")  # blank: the source's year stays
    run("import_forms", book, kept)
    assert read_workbook(kept.opened[0]).submission.year == 2023 and kept.opened[0].name.endswith("(2).xlsm")
    cancelled = ImportRecorder(book, str(src), year=None)
    run("import_forms", book, cancelled)
    assert cancelled.opened == [] and cancelled.messages == []
