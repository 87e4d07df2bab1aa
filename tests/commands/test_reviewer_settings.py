"""The reviewer's settings are the reviewer's: an xladdin.toml inside the folder under review is
listed, not obeyed (unless --folder-config); a finding the submission confirmed on 「已确认」 carries
已确认 and its reason in every output, and 汇总 counts it apart."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from xladdin.cli import main
from xladdin.commands.review import FOLDER_CONFIG_IGNORED, FOLDER_CONFIG_USED
from xladdin.rules import CATALOGUE
from xladdin.validate import validate_file

REASON = "已与主管部门确认：该项目按上年数填报"


def _all_off() -> str:
    return "[severity]\n" + "".join(f'{code} = "off"\n' for code in CATALOGUE)


@pytest.fixture()
def folder(example_file, tmp_path) -> Path:
    root = tmp_path / "报送"
    (root / "二科").mkdir(parents=True)
    shutil.copy(example_file, root / "a.xlsx")
    (root / "xladdin.toml").write_text(_all_off(), encoding="utf-8")
    (root / "二科" / "xladdin.toml").write_text(_all_off(), encoding="utf-8")
    return root


def _files(capsys) -> dict[str, dict]:
    data = json.loads(capsys.readouterr().out)
    return {Path(f["file"]).relative_to(data["folder"]).as_posix(): f for f in data["files"]}


def test_a_settings_file_in_the_folder_is_listed_not_obeyed(folder, example_file, capsys):
    assert main(["validate", str(folder), "--json"]) == 1
    files = _files(capsys)
    assert files["a.xlsx"]["summary"] == validate_file(example_file).summary()  # every rule still ran
    assert files["xladdin.toml"] == {"file": str(folder / "xladdin.toml"), "skipped": FOLDER_CONFIG_IGNORED}
    assert files["二科/xladdin.toml"]["skipped"] == FOLDER_CONFIG_IGNORED
    assert "不是工作簿" not in FOLDER_CONFIG_IGNORED


def test_folder_config_when_asked(folder, capsys):
    assert main(["validate", str(folder), "--json", "--folder-config"]) == 0
    files = _files(capsys)
    assert files["a.xlsx"]["findings"] == []
    assert files["xladdin.toml"]["skipped"] == FOLDER_CONFIG_USED
    assert files["二科/xladdin.toml"]["skipped"] == FOLDER_CONFIG_IGNORED  # only the folder's own


def test_the_reviewers_own_config_still_applies(folder, tmp_path, capsys):
    mine = tmp_path / "mine.toml"
    mine.write_text(_all_off(), encoding="utf-8")
    assert main(["validate", str(folder), "--json", "--config", str(mine)]) == 0


@pytest.fixture()
def waived(example_file, tmp_path) -> tuple[Path, dict]:
    root = tmp_path / "收件"
    root.mkdir()
    book = root / "b.xlsx"
    shutil.copy(example_file, book)
    error = next(f for f in validate_file(example_file).findings if f.severity == "error")
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("已确认")
    ws.append(["规则", "工作表", "单元格", "理由"])
    ws.append([error.rule, error.sheet, error.cell, REASON])
    wb.save(book)
    return root, error.as_dict()


def test_a_waived_finding_carries_its_reason_in_every_output(waived, tmp_path, capsys):
    root, error = waived
    errors = validate_file(root / "b.xlsx").summary()
    assert errors["waived"] == 1
    out_csv, out_xlsx, page = tmp_path / "问题.csv", tmp_path / "汇总.xlsx", tmp_path / "r.html"
    main(["validate", str(root), "--json", "--summary", str(out_csv)])
    data = json.loads(capsys.readouterr().out)
    [finding] = [f for f in data["files"][0]["findings"] if "waived" in f]
    assert (finding["rule"], finding["cell"], finding["waived"]) == (error["rule"], error["cell"], REASON)
    assert data["summary"]["waived"] == 1
    with out_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["确认理由"]]
    assert [(r["级别"], r["规则"], r["单元格"], r["确认理由"]) for r in rows] == [
        ("已确认（错误）", error["rule"], error["cell"], REASON)
    ]
    main(["validate", str(root), "--json", "--summary", str(out_xlsx), "--html", str(page)])
    wb = openpyxl.load_workbook(out_xlsx)
    head = [c.value for c in wb["汇总"][1]]
    row = dict(zip(head, [c.value for c in wb["汇总"][2]], strict=True))
    assert row["错误"] == errors["error"] and row["已确认（另计）"] == 1
    problems = list(wb["问题"].iter_rows(values_only=True))
    cols = problems[0]
    confirmed = [dict(zip(cols, r, strict=True)) for r in problems[1:] if r[cols.index("确认理由")]]
    assert [(r["级别"], r["确认理由"]) for r in confirmed] == [("已确认（错误）", REASON)]
    text = page.read_text(encoding="utf-8")
    assert f"已确认，理由：{REASON}" in text and "1 项已确认（另计）" in text
    assert f"错误一览（{errors['error']} 个" in text  # the confirmed error is not in the list sent back


def test_a_waived_error_takes_nothing_off_the_score():
    from xladdin.commands.summary import score

    error = {"rule": "A101", "severity": "error", "sheet": "附表1", "cell": "C6", "message": "", "fix": ""}
    assert score([{**error, "waived": "理由"}]).total == 100 and score([error]).total < 100
