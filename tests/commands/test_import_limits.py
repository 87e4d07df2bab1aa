"""Import checks its result against our own limits before writing: a result validate would refuse is
refused up front (nothing written); a text longer than a cell holds is cut and listed where it was cut."""

from __future__ import annotations

import openpyxl
from helpers import edit
from seed_docx import grid_to_docx

from xladdin.cli import main
from xladdin.commands.importer import NOTES_SHEET
from xladdin.io import xlsx


def test_a_40000_character_cell_is_cut_and_listed(grid_copy, tmp_path, capsys):
    edit(grid_copy, "附表3-优抚安置专项", "B8", "长" * 40_000)
    src = grid_to_docx(grid_copy, tmp_path / "long.docx")
    out = tmp_path / "导入.xlsx"
    assert main(["import", str(src), "--out", str(out)]) == 0
    report = capsys.readouterr().out
    assert "已全部放入" not in report and "32,767" in report
    wb = openpyxl.load_workbook(out)
    cut = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == "长" * 32_767]
    assert len(cut) == 1
    # 导入备注: 位置, 内容, 说明 — the rest of the text, and why it is there
    notes = [row for row in wb[NOTES_SHEET].iter_rows(values_only=True) if row[2] and "32,767" in str(row[2])]
    assert notes and notes[0][1] == "长" * (40_000 - 32_767)


def test_a_result_past_our_sheet_limit_is_refused_before_writing(example_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(xlsx, "DEFAULT_LIMITS", xlsx.Limits(sheets=4))
    out = tmp_path / "导入.xlsx"
    assert main(["import", str(example_file), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "超过校验能读取的 4 张" in err and "未写入" in err
    assert not out.exists()


def test_a_result_past_our_row_limit_is_refused_before_writing(example_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(xlsx, "DEFAULT_LIMITS", xlsx.Limits(rows=10))
    out = tmp_path / "导入.xlsx"
    assert main(["import", str(example_file), "--out", str(out)]) == 2
    assert "超过校验能读取的 10 行" in capsys.readouterr().err and not out.exists()
