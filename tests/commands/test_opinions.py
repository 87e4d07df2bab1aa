"""The reviewer's 绩效目标审核意见 (``validate … --opinions DIR``): one Word document per submission,
every finding written once (by cell), accepted ones as accepted, the summary's grade, no rule code
in the prose; the phrases are data, one per rule."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest

from xladdin.build.template import build_workbook
from xladdin.cli import main
from xladdin.commands.opinion_docx import APPENDIX, CITE_STYLE, PROSE_END
from xladdin.commands.opinion_text import (
    FIELDS,
    PHRASES_FILE,
    PhraseError,
    compose,
    load_phrases,
    missing_phrases,
    outline,
)
from xladdin.commands.opinions import INDEX, SUFFIX, document_names
from xladdin.examples.synthetic import synthetic
from xladdin.reader import read_workbook
from xladdin.rules import CATALOGUE
from xladdin.validate import validate_file
from xladdin.waivers import HEADER, SHEET

DEPT = "株洲市石峰区退役军人事务局"
PART_STYLE = "意见二级标题"


@pytest.fixture(autouse=True)
def _own_settings(tmp_path, monkeypatch):
    """No user configuration or phrase file of this machine leaks into the tests."""
    monkeypatch.setenv("XLADDIN_CONFIG", "")
    monkeypatch.delenv("XLADDIN_OPINION_PHRASES", raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))


def read_opinion(path: Path) -> dict:
    """The document as python-docx reads it back: prose paragraphs (before 需补充完善事项), the
    cells cited in the prose as (sheet, cell), the items, the grade line, the appendix."""
    doc = docx.Document(str(path))
    prose: list[str] = []
    items: list[str] = []
    cited: list[tuple[str, str]] = []
    accepted: list[str] = []
    where = "prose"
    sheet = ""
    grade = conclusion = ""
    for p in doc.paragraphs:
        text = p.text
        if text.endswith(PROSE_END):
            where = "items"
            continue
        if text.startswith("四、审核结论"):
            where = "conclusion"
        if text == APPENDIX:
            where = "appendix"
        if where == "prose":
            prose.append(text)
            if p.style.name == PART_STYLE:
                inside = text[text.rindex("（") + 1 :]
                sheet = re.split(r"[，）]", inside)[0]
            for run in p.runs:
                if run.style is not None and run.style.name == CITE_STYLE:
                    main_cite = run.text.split("；")[0]
                    cited.append(tuple(main_cite.split(" ")) if " " in main_cite else (sheet, main_cite))
            if "经单位确认保留" in text:
                accepted.append(text)
        elif where == "items" and text:
            items.append(text)
        elif where == "conclusion":
            if text.startswith("预测等级："):
                grade = text.removeprefix("预测等级：")[0]
            if text.startswith("审核结论："):
                conclusion = text.removeprefix("审核结论：").split("。")[0]
    tables = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    return {
        "doc": doc,
        "prose": prose,
        "items": items,
        "cited": cited,
        "accepted": accepted,
        "grade": grade,
        "conclusion": conclusion,
        "tables": tables,
    }


def _with_waivers(src: Path, dst: Path, rows: list[list[str]]) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb.create_sheet(SHEET)
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(dst)
    return dst


@pytest.fixture()
def reviewed(example_file, tmp_path, capsys):
    """A folder as a reviewer gets it: the example, the same 部门 again under another name, a
    clean synthetic submission, a broken file and an Excel lock file; reviewed with --summary and
    --opinions in one run."""
    folder = tmp_path / "报送"
    folder.mkdir()
    shutil.copy(example_file, folder / "石峰区.xlsx")
    shutil.copy(example_file, folder / "石峰区-第二次报送.xlsx")
    build_workbook(synthetic(5, seed=4), folder / "clean.xlsx")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    (folder / "~$clean.xlsx").write_bytes(b"lock")
    before = sorted(p.name for p in folder.iterdir())
    out = tmp_path / "意见"
    summary = tmp_path / "汇总.xlsx"
    code = main(["validate", str(folder), "--summary", str(summary), "--opinions", str(out), "--workers", "2"])
    assert code == 1
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written inside the folder
    assert "审核意见：3 份" in capsys.readouterr().out
    return folder, out, summary


def test_one_document_per_file_read_and_every_file_accounted_for(reviewed):
    _, out, _ = reviewed
    with (out / INDEX).open(encoding="utf-8-sig") as fh:
        index = {row["文件"]: row for row in csv.DictReader(fh)}
    assert set(index) == {"石峰区.xlsx", "石峰区-第二次报送.xlsx", "clean.xlsx", "broken.xlsx", "~$clean.xlsx"}
    made = sorted(p.name for p in out.glob("*.docx"))
    assert made == sorted(row["审核意见"] for row in index.values() if row["审核意见"])
    assert len(made) == 3  # the two readable 石峰区 files and clean.xlsx; none for broken or the lock file
    assert f"{DEPT}（石峰区）{SUFFIX}" in made and f"{DEPT}（石峰区-第二次报送）{SUFFIX}" in made  # name clash
    assert index["broken.xlsx"]["审核意见"] == "" and "无法读取" in index["broken.xlsx"]["说明"]
    assert "锁文件" in index["~$clean.xlsx"]["说明"]


def test_every_finding_once_by_cell_and_no_rule_code_in_the_prose(reviewed, example_file):
    _, out, _ = reviewed
    findings = [f.as_dict() for f in validate_file(example_file).findings]
    doc = read_opinion(out / f"{DEPT}（石峰区）{SUFFIX}")
    assert Counter(doc["cited"]) == Counter((f["sheet"], f["cell"]) for f in findings)  # each once, nothing else
    errors = [f for f in findings if f["severity"] == "error"]
    assert len(errors) == 5 and all(Counter(doc["cited"])[(f["sheet"], f["cell"])] == 1 for f in errors)
    prose = "\n".join(doc["prose"])
    assert not [code for code in CATALOGUE if re.search(rf"(?<![A-Za-z]){code}(?!\d)", prose)]
    for title in ("总体目标审核意见", "产出指标审核意见", "效益指标审核意见", "满意度指标审核意见"):
        assert len(re.findall(rf"\d\. {title}：", prose)) == 8  # 部门整体 and each of the seven 专项
    assert "产出指标审核意见：数量指标“辖区内享受待遇人员数”的指标值「112」未写明计量单位（E10）" in prose
    # the phrase copied into a 效益 and a 满意度 row is one finding, told once; 满意度 says where
    assert prose.count("满意度指标审核意见：E18 的问题已在效益指标审核意见中一并说明") == 3
    assert doc["items"][0].startswith("1.（须修改）")  # errors first
    tags = [re.match(r"\d+\.（(.+?)）", item).group(1) for item in doc["items"]]
    assert tags == sorted(tags, key=["须修改", "建议完善", "规范书写"].index)
    appendix = {row[0].split(" ")[0] for row in doc["tables"]}
    assert {f["rule"] for f in findings} <= appendix  # the codes live in the appendix only


def test_the_grade_is_the_summarys_and_implies_the_conclusion(reviewed):
    _, out, summary = reviewed
    with (out / INDEX).open(encoding="utf-8-sig") as fh:
        index = {row["文件"]: row for row in csv.DictReader(fh)}
    table = pd.read_excel(summary, sheet_name="汇总").set_index("文件")
    for name in ("石峰区.xlsx", "clean.xlsx"):
        doc = read_opinion(out / index[name]["审核意见"])
        assert doc["grade"] == table.loc[name, "预测等级（仅供参考）"] == index[name]["预测等级"]
        errors = table.loc[name, "错误"]
        assert doc["conclusion"] == index[name]["审核结论（草拟）"]
        if errors:
            assert doc["conclusion"] in ("修改后再报", "退回")
        else:
            assert doc["conclusion"] == ("通过" if doc["grade"] == "优" else "修改后通过")
    seed = read_opinion(out / index["石峰区.xlsx"]["审核意见"])
    assert (seed["grade"], seed["conclusion"]) == ("中", "修改后再报")


def test_the_document_is_a4_in_fangsong_marked_as_a_draft_with_signature_lines(reviewed):
    _, out, _ = reviewed
    doc = read_opinion(out / f"{DEPT}（石峰区）{SUFFIX}")["doc"]
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    styles = doc.styles.element.xml
    assert 'w:eastAsia="仿宋"' in styles and 'w:eastAsia="宋体"' in styles
    assert "草拟稿" in section.header.paragraphs[0].text
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "审核人：" in text and "复核人：" in text and "日  期：" in text
    header = {row[0]: row[1] for row in read_opinion(out / f"{DEPT}（石峰区）{SUFFIX}")["tables"][:6]}
    assert header["部门"] == DEPT and header["年度"] == "2023年度"
    assert header["资金总额"] == "1,326.19 万元" and header["项目支出"] == "1,184.26 万元"
    assert "城镇军队退役人员就业援助资金：320.00 万元" in header["专项资金"]


def test_accepted_findings_appear_as_accepted_with_their_reason(example_file, tmp_path):
    (tmp_path / "in").mkdir()
    rows = [["I302", "附表3-大学生应征入伍奖励", "E10", "人数待征兵结束后确定"]]
    book = _with_waivers(example_file, tmp_path / "in" / "waived.xlsx", rows)
    out = tmp_path / "意见"
    assert main(["validate", str(book), "--opinions", str(out)]) == 1  # four errors remain
    doc = read_opinion(out / f"{DEPT}{SUFFIX}")
    findings = [f.as_dict() for f in validate_file(book).findings]
    assert Counter(doc["cited"]) == Counter((f["sheet"], f["cell"]) for f in findings)
    [accepted] = doc["accepted"]
    assert "奖励进疆进藏的入伍战士" in accepted and "确认理由：人数待征兵结束后确定" in accepted
    assert not [item for item in doc["items"] if "奖励进疆进藏的入伍战士。”填写指标值" in item]  # no demand
    # I302 on 困难帮扶 and the one change asked of the three copied I304 phrases
    assert sum(item.startswith(f"{i}.（须修改）") for i, item in enumerate(doc["items"], 1)) == 2
    open_ = Counter(f["severity"] for f in findings if "waived" not in f)
    assert open_["error"] == 4  # the example's five errors, one of them confirmed
    said = f"须修改的问题 {open_['error']} 处，建议完善的问题 {open_['warning']} 处，经单位确认保留 1 处"
    assert said in "\n".join(
        p.text for p in doc["doc"].paragraphs
    )


def test_refused_before_any_work_inside_the_folder_or_over_earlier_documents(example_file, tmp_path, capsys):
    folder = tmp_path / "报送"
    folder.mkdir()
    shutil.copy(example_file, folder / "a.xlsx")
    assert main(["validate", str(folder), "--opinions", str(folder / "意见")]) == 2
    assert "不能在被校验的文件夹里" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["a.xlsx"]
    out = tmp_path / "意见"
    assert main(["validate", str(folder), "--opinions", str(out)]) == 1
    first = (out / f"{DEPT}{SUFFIX}").read_bytes()
    assert main(["validate", str(folder), "--opinions", str(out)]) == 2
    assert "已有审核意见" in capsys.readouterr().err
    assert main(["validate", str(folder), "--opinions", str(out), "--force"]) == 1
    assert (out / f"{DEPT}{SUFFIX}").read_bytes() != b"" and len(first) > 0
    (tmp_path / "file").write_text("x")
    assert main(["validate", str(folder), "--opinions", str(tmp_path / "file")]) == 2
    assert "不是文件夹" in capsys.readouterr().err
    assert not [p for p in out.iterdir() if p.name.startswith(".xladdin")]  # no temporary left


def test_document_names_tell_clashes_apart_and_are_safe():
    class R:
        def __init__(self, file, department, error=""):
            self.file, self.department, self.error = file, department, error

    names = document_names(
        [R("a/x.xlsx", "局"), R("b/x.xlsx", "局"), R("c.xlsx", 'A/B:"C"'), R("d.xlsx", ""), R("e.xlsx", "局", "坏")]
    )
    assert names == {
        0: f"局（x）{SUFFIX}",
        1: f"局（x）（2）{SUFFIX}",
        2: f"A_B_C_{SUFFIX}",
        3: f"d{SUFFIX}",
    }


def test_every_rule_has_a_phrase():
    missing = missing_phrases(CATALOGUE)
    assert not missing, (
        f"rules without a phrase in {PHRASES_FILE.relative_to(PHRASES_FILE.parents[2])}: {', '.join(missing)} "
        "(add [CODE] with section and opinion)"
    )
    known = load_phrases([PHRASES_FILE])
    assert not [code for code in known if code not in CATALOGUE]  # no phrase for a rule that is gone


def test_a_bureau_rewords_a_rule_without_code(example_file, tmp_path, monkeypatch):
    own = tmp_path / "措辞.toml"
    own.write_text('[I305]\nsection = "指标"\nopinion = "“{指标}”缺少计量单位，值为{指标值}"\n', encoding="utf-8")
    reading = read_workbook(example_file)
    findings = [f.as_dict() for f in validate_file(example_file).findings]
    phrases = load_phrases([PHRASES_FILE, own])
    opinion = compose("x", findings, outline(reading.submission), phrases)
    texts = [s.text for s in opinion.sentences if s.rule == "I305"]
    assert "“辖区内享受待遇人员数”缺少计量单位，值为112" in texts
    assert phrases["I302"] == load_phrases([PHRASES_FILE])["I302"]  # the others stay
    own.write_text('[I305]\nopinion = "{单位}不对"\n', encoding="utf-8")
    with pytest.raises(PhraseError, match=r"\[I305\].*\{单位\}"):
        load_phrases([PHRASES_FILE, own])
    own.write_text('[I305]\nsection = "别处"\nopinion = "x"\n', encoding="utf-8")
    with pytest.raises(PhraseError, match="section"):
        load_phrases([own])
    assert "问题" in FIELDS and "指标" in FIELDS


def test_a_phrase_whose_field_is_empty_falls_back_to_the_finding(example_file):
    reading = read_workbook(example_file)
    plan = outline(reading.submission)
    finding = {"rule": "I305", "severity": "warning", "sheet": "附表1", "cell": "Z99", "message": "原话", "fix": "改"}
    opinion = compose("x", [finding], plan)
    [sentence] = opinion.sentences
    assert (sentence.text, sentence.cite) == ("原话", "Z99")


def test_one_file_gets_the_same_document_as_a_folder(example_file, tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(example_file, folder / "石峰区.xlsx")
    assert main(["validate", str(folder), "--opinions", str(tmp_path / "a"), "--workers", "1"]) == 1
    assert main(["validate", str(folder / "石峰区.xlsx"), "--opinions", str(tmp_path / "b"), "--json"]) == 1
    one = [p.text for p in docx.Document(str(tmp_path / "a" / f"{DEPT}{SUFFIX}")).paragraphs]
    two = [p.text for p in docx.Document(str(tmp_path / "b" / f"{DEPT}{SUFFIX}")).paragraphs]
    assert one == two


def test_json_mode_prints_only_json(example_file, tmp_path, capsys):
    assert main(["validate", str(example_file), "--json", "--opinions", str(tmp_path / "o")]) == 1
    json.loads(capsys.readouterr().out)


def test_the_examples_document_renders_in_libreoffice_writer(example_file, tmp_path):
    """LibreOffice Writer lays the document out (A4, every page); the PDF's text holds each error
    of the example once, in the order of the forms."""
    import subprocess

    from conftest import require_soffice

    from xladdin.io.libreoffice import convert

    require_soffice()
    out = tmp_path / "意见"
    assert main(["validate", str(example_file), "--opinions", str(out), "--json"]) == 1
    pdf = convert(out / f"{DEPT}{SUFFIX}", "pdf", tmp_path / "pdf", recalc=False)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert flat.count("未填写指标值，无法衡量完成情况") == 2  # the two blank 数量指标 values
    assert flat.count("照抄了指标名称") == 3  # the phrase copied on three sheets
    order = [flat.index(f"专项“{name}”（") for name in ("烈士纪念设施整修", "困难帮扶-退役专项", "优抚安置专项")]
    assert order == sorted(order) and flat.index("需补充完善事项") > order[-1]
    assert "审核人：" in flat and "草拟稿" in flat


def test_a_broken_phrase_file_is_refused_before_any_work(example_file, tmp_path, monkeypatch, capsys):
    from xladdin.commands.opinion_text import phrases

    own = tmp_path / "措辞.toml"
    own.write_text('[I305]\nopinion = "{单位}不对"\n', encoding="utf-8")
    monkeypatch.setenv("XLADDIN_OPINION_PHRASES", str(own))
    phrases.cache_clear()
    try:
        assert main(["validate", str(example_file), "--opinions", str(tmp_path / "o")]) == 2
    finally:
        phrases.cache_clear()
    err = capsys.readouterr().err
    assert "[I305]" in err and "{单位}" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_a_temporary_file_left_by_a_killed_run_is_swept(example_file, tmp_path):
    out = tmp_path / "意见"
    out.mkdir()
    stale = out / ".xladdin-tmp-999999999-x.docx"  # no such process
    stale.write_bytes(b"half a document")
    assert main(["validate", str(example_file), "--opinions", str(out), "--json"]) == 1
    assert not stale.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{DEPT}{SUFFIX}", INDEX])
