"""workbook/template.xlsm: built by code, deterministic, its VBA and ribbon proven by independent
tools (olevba, the ribbon schema, LibreOffice)."""

from __future__ import annotations

import inspect
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, require_soffice
from oletools.olevba import VBA_Parser

from xladdin.build.template import CONF_SHEET, TEMPLATE, build_template
from xladdin.excel.handlers import HANDLERS
from xladdin.excel.ribbon import buttons
from xladdin.excel.udfs import UDFS
from xladdin.excel.vba import MODULE_UDFS, macros_modules
from xladdin.io.libreoffice import convert
from xladdin.io.xlsx import read_grid
from xladdin.reader import read_workbook

MACROS = ROOT / "macros"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_template(tmp_path_factory.mktemp("tpl") / "template.xlsm")


@pytest.fixture(scope="module")
def modules(built) -> dict[str, str]:
    parser = VBA_Parser(str(built))
    try:
        return {stream.split("/")[-1]: code for _f, stream, _name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_committed_template_is_what_the_build_produces(built):
    assert TEMPLATE.exists(), "run `xladdin build-template` and commit workbook/template.xlsm"
    assert TEMPLATE.read_bytes() == built.read_bytes()


def test_build_is_deterministic(built, tmp_path):
    assert build_template(tmp_path / "again.xlsm").read_bytes() == built.read_bytes()


def _lines(code: str) -> list[str]:
    return [ln for ln in code.replace("\r\n", "\n").strip("\n").split("\n") if not ln.startswith("Attribute VB_")]


def test_olevba_reads_back_every_macros_module_exactly(modules):
    for module in macros_modules(MACROS):
        assert module.name in modules, module.name
        assert _lines(modules[module.name]) == _lines(module.source), module.name


def test_no_vba_module_holds_non_ascii(modules):
    for name, code in modules.items():
        assert code.isascii(), name
    for path in MACROS.glob("*.bas"):
        assert path.read_bytes().isascii(), path


def test_every_on_action_names_a_sub(modules):
    subs = {
        m.group(1)
        for code in modules.values()
        for m in re.finditer(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(\s*control\s+As\s+IRibbonControl", code, re.M | re.I)
    }
    actions = {b.on_action for b in buttons(MACROS / "customUI14.xml")}
    assert actions and actions <= subs


def test_every_button_has_a_python_handler():
    tags = [b.tag for b in buttons(MACROS / "customUI14.xml")]
    assert set(tags) == set(HANDLERS)
    assert {"validate", "clear", "new_fund", "sync", "export", "rules"} <= set(tags)
    labels = {b.label for b in buttons(MACROS / "customUI14.xml")}
    assert {"校验", "清除标记", "新增专项", "同步汇总", "导出报送", "规则说明"} <= labels


def test_every_udf_wrapper_calls_its_python_function(modules):
    code = modules[MODULE_UDFS]
    wrappers = {
        m.group(1): [p.strip() for p in m.group(2).split(",") if p.strip()]
        for m in re.finditer(r"^Function (\w+)\(([^)]*)\)", code, re.M)
    }
    assert set(wrappers) == {fn.__name__ for fn in UDFS}
    for fn in UDFS:
        params = [p for p in inspect.signature(fn).parameters if p != "caller"]
        assert wrappers[fn.__name__] == params
        assert f'CallUDF("xladdin.excel.udfs", "{fn.__name__}"' in code


def test_ribbon_part_and_relationship(built):
    with zipfile.ZipFile(built) as zf:
        assert zf.read("customUI/customUI14.xml") == (MACROS / "customUI14.xml").read_bytes()
        rels = zf.read("_rels/.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
    assert "relationships/ui/extensibility" in rels and "customUI/customUI14.xml" in rels
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types


def test_ribbon_validates_against_the_schema():
    schema_path = MACROS / "schema" / "customui14.xsd"  # Microsoft's customUI14 schema (see its SOURCE.md)
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(schema_path)))
    doc = etree.parse(str(MACROS / "customUI14.xml"))
    assert schema.validate(doc), schema.error_log


def test_template_reads_as_an_empty_submission(built):
    reading = read_workbook(built)
    assert reading.structure.missing == []
    sub = reading.submission
    assert sub.form1 and sub.form2 and not sub.form3s
    levels = [i.level2 for i in sub.form1.indicators]
    assert levels[:4] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    conf = read_grid(built).sheet(CONF_SHEET)
    assert conf.hidden
    assert ["UDF Modules", "xladdin.excel.udfs"] in conf.rows


def test_template_renders_in_libreoffice(built, tmp_path):
    require_soffice()
    pdf = convert(built, "pdf", tmp_path)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert pages == 2  # 附表1 and 附表2 on A4; the hidden xlwings.conf does not print
