"""History for 适当性 through ``import``: last year's form (our workbook, a Word form, a foreign workbook
with no year) imported into a later year keeps each indicator's value on 「上年指标值」 as ``rollover``
keys it, so the next validate compares (I338 「目标值低于上年」); no year asked for, the same year or an
earlier one makes none from the values, but keeps the 上年指标值 the source itself holds (with the
reason written beside it); export leaves the sheet out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from helpers import ImportRecorder, payload
from realforms import DATA, RealForm, build_xlsx
from seed_docx import build_seed_docx

from xladdin.cli import main
from xladdin.commands.importer import NOTES_SHEET, import_file
from xladdin.excel.handlers import run
from xladdin.history import HEADER, REASON, SHEET
from xladdin.io.openpyxl_writer import set_value
from xladdin.reader import read_workbook
from xladdin.validate import validate_file

JOBS = "附表3-城镇军队退役人员就业援助资金"  # its 数量指标 E10: 112 (辖区内享受待遇人员数)


def sheet_rows(path: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(path)
    return list(wb[SHEET].iter_rows(values_only=True)) if SHEET in wb.sheetnames else []


def edit(path: Path, changes: dict[tuple[str, str], object]) -> None:
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for (sheet, cell), value in changes.items():
        set_value(wb[sheet][cell], value)
    wb.save(path)


def lowered(path: Path) -> list[tuple[str, str]]:
    return [(f.sheet, f.cell) for f in validate_file(path).findings if f.rule == "I338"]


@pytest.fixture()
def source(example_xlsm, tmp_path) -> Path:
    src = tmp_path / "2023年绩效目标表.xlsm"
    shutil.copy(example_xlsm, src)
    return src


@pytest.fixture()
def imported(source, tmp_path) -> Path:
    out = tmp_path / "2024年绩效目标表.xlsm"
    assert main(["import", str(source), "--out", str(out), "--year", "2024"]) == 0
    return out


def test_last_years_workbook_keeps_its_values_keyed_as_rollover_keys_them(source, tmp_path, capsys):
    imported = tmp_path / "2024年绩效目标表.xlsm"
    assert main(["import", str(source), "--out", str(imported), "--year", "2024"]) == 0
    assert "原表的 46 个指标值保留在「上年指标值」工作表" in capsys.readouterr().out
    rolled = tmp_path / "rolled.xlsm"
    assert main(["rollover", str(source), "--year", "2024", "--out", str(rolled)]) == 0
    rows = sheet_rows(imported)
    assert rows[0][0].endswith("本表不随报送导出。导入自「2023年绩效目标表.xlsm」。")
    assert rows[1][:5] == HEADER and rows[1:] == sheet_rows(rolled)[1:]  # the same rows at the same cells
    assert (JOBS, "E10", "辖区内享受待遇人员数", 112, None) in rows
    jobs = next(f for f in read_workbook(imported).submission.form3s if f.sheet == JOBS)
    assert jobs.indicators[0].prior == 112
    assert lowered(imported) == []  # the same targets: nothing lower


def test_a_lowered_value_is_reported_unless_a_reason_is_written(imported):
    edit(imported, {(JOBS, "E10"): "100人"})
    assert lowered(imported) == [(JOBS, "E10")]
    row = next(i for i, r in enumerate(sheet_rows(imported), 1) if r[:2] == (JOBS, "E10"))
    edit(imported, {(SHEET, f"E{row}"): "2024年安置对象减少 12 人"})  # the note beside last year's value
    assert lowered(imported) == []


def test_no_year_the_same_year_or_an_earlier_one_keeps_no_history(source, tmp_path):
    for extra in ([], ["--year", "2023"], ["--year", "2022"]):
        out = tmp_path / f"out{len(extra)}{extra[-1] if extra else ''}.xlsm"
        assert main(["import", str(source), "--out", str(out), *extra]) == 0
        assert SHEET not in openpyxl.load_workbook(out).sheetnames, extra


def test_a_word_form_of_last_year(tmp_path):
    docx = build_seed_docx(tmp_path / "石峰区2023绩效目标表.docx")
    out = tmp_path / "2024.xlsm"
    import_file(docx, out, 2024)
    sub = read_workbook(out).submission
    assert sub.year == 2024
    jobs = next(f for f in sub.form3s if f.sheet == JOBS)
    assert (jobs.indicators[0].prior, jobs.indicators[0].value) == (112, 112)
    valued = [ind for f in sub.forms() for ind in getattr(f, "indicators", []) if ind.name and ind.value]
    assert valued and all(ind.prior is not None for ind in valued)


def test_a_foreign_form_naming_no_year_counts_as_last_years(tmp_path):
    case = RealForm("anhui", json.loads((DATA / "anhui-jinzhai-2021-xiangmu.json").read_text("utf-8")), {})
    src = build_xlsx(case, tmp_path / "物业管理.xlsx")
    out = tmp_path / "2022.xlsm"
    result = import_file(src, out, 2022)
    assert any(c.startswith("源文件没有写明预算年度：按 2022 年度的上一年的表导入") for c in result.changes)
    assert sheet_rows(out)[0][0].endswith("导入自「物业管理.xlsx」。") and sheet_rows(out)[1] == HEADER
    form = read_workbook(out).submission.form3s[0]
    valued = [ind for ind in form.indicators if ind.name and ind.value]
    assert len(valued) >= 5 and all(ind.prior == ind.value for ind in valued)
    # without a year the same form keeps none
    plain = tmp_path / "plain.xlsm"
    import_file(src, plain)
    assert SHEET not in openpyxl.load_workbook(plain).sheetnames


def _foreign_with_history(path: Path) -> Path:
    """湘潭's 2023 form with a 上年指标值 and a 指标值设定依据 column: 车辆数 12辆 → 10辆 with a reason,
    风炮射程 ≥100M → ≥80M without one."""
    data = json.loads((DATA / "hunan-xiangtan-2023-xiangmu.json").read_text("utf-8"))
    rows = data["sheets"][0]["rows"]
    for row in rows:
        row += ["", ""]
    rows[7][6:8] = ["上年指标值", "指标值设定依据"]
    rows[8][6:8] = ["12辆", "按服务合同减少2辆"]
    rows[9][6] = "≥100M"
    return build_xlsx(RealForm("xiangtan", data, {}), path)


def test_the_sources_own_history_and_reasons_stay_with_the_same_year(tmp_path):
    src = _foreign_with_history(tmp_path / "湘潭.xlsx")
    assert lowered(src) == [("Sheet1", "E10")]  # 指标值设定依据 is a reason written beside it
    out = tmp_path / "湘潭-导入.xlsm"
    result = import_file(src, out)
    assert any("源文件中的 2 个上年指标值保留在「上年指标值」工作表" in c for c in result.changes)
    rows = sheet_rows(out)
    name = result.forms[0].target
    assert rows[2:] == [
        (name, "E10", "雾炮车降尘抑尘服务配备车辆数", "12辆", "按服务合同减少2辆"),
        (name, "E11", "雾炮车风炮射程", "≥100M", None),
    ]
    assert lowered(out) == [(name, "E11")]  # what the source said, no more
    notes = {r[0]: r[2] for r in openpyxl.load_workbook(out)[NOTES_SHEET].iter_rows(values_only=True)}
    assert notes["Sheet1!G9"].startswith("上年指标值（「上年指标值」列）：记在新表的「上年指标值」工作表")
    ind = read_workbook(out).submission.form3s[0].indicators[0]
    assert ind.extra[REASON] == "按服务合同减少2辆"


def test_our_own_history_stays_through_an_import_without_a_year(imported, tmp_path):
    row = next(i for i, r in enumerate(sheet_rows(imported), 1) if r[:2] == (JOBS, "E10"))
    edit(imported, {(JOBS, "E10"): "100人", (SHEET, f"E{row}"): "安置对象减少"})
    again = tmp_path / "again.xlsm"
    import_file(imported, again)
    assert sheet_rows(again)[2:] == sheet_rows(imported)[2:]  # the same cells: our layout stays
    assert lowered(again) == []


def test_the_ribbon_button_keeps_them_too(source, example_grid):
    book = xw.Book(json=payload(example_grid))
    ui = ImportRecorder(book, str(source), year="2024")
    run("import_forms", book, ui)
    assert sheet_rows(ui.opened[0])[2:] and "上年指标值" in ui.asked[0][1]
    assert any("原表的 46 个指标值保留在「上年指标值」工作表" in m for m in ui.messages)


def test_export_leaves_the_history_out(imported, tmp_path):
    from xladdin.commands.export import _clean_copy

    report = validate_file(imported)
    copy = tmp_path / "submission.xlsx"
    _clean_copy(imported, copy, report.counts_zh())
    assert SHEET not in openpyxl.load_workbook(copy).sheetnames
    assert SHEET in openpyxl.load_workbook(imported).sheetnames


def test_help_says_when_an_import_is_last_years(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "源文件按上年的表导入：各指标的指标值保留在「上年指标值」工作表" in text.replace(" ", "")
