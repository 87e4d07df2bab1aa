"""The template against the workbook xlwings itself generates (`xlwings quickstart NAME --standalone`,
known to work in Excel), part by part. When xlwings is upgraded, this is what says the template is
still sound: the embedded xlwings module, the Dictionary class, the config keys the VBA reads, the
kind of references, the ``_VBA_PROJECT`` stream, content types and relationships."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import olefile
import openpyxl
import pytest
from oletools.olevba import VBA_Parser, decompress_stream

from xladdin.build.template import CONF_SHEET, XLWINGS_CONF, build_template
from xladdin.excel.vba import VBA_PROJECT_STREAM, defined_names, dll_name, vba_texts

#: Registered type libraries every Office install has: OLE Automation (stdole), the Office object
#: library and Microsoft Forms 2.0 (which xlwings' reference carries).
WELL_KNOWN_LIBS = {
    "00020430-0000-0000-C000-000000000046",
    "2DF8D04C-5BFA-101B-BDE5-00AA0044DE52",
    "0D452EE1-E08F-101A-852E-02608C4D0BB4",
}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("reference")
    subprocess.run(
        [sys.executable, "-m", "xlwings.cli", "quickstart", "reference", "--standalone"],
        cwd=tmp,
        check=True,
        capture_output=True,
    )
    return tmp / "reference" / "reference.xlsm"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return build_template(tmp_path_factory.mktemp("tpl") / "template.xlsm")


def modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {stream.split("/")[-1]: code.replace("\r\n", "\n") for _f, stream, _n, code in parser.extract_macros()}
    finally:
        parser.close()


def attributes(code: str) -> list[str]:
    return [ln for ln in code.split("\n") if ln.startswith("Attribute ")]


def body(code: str) -> list[str]:
    """The code lines, case-folded: VBA is case-insensitive and the VBE re-cases an identifier
    project-wide (the reference, saved by Excel, has ``err.Raise`` where the source has ``Err``)."""
    return [ln.casefold() for ln in code.strip("\n").split("\n") if not ln.startswith("Attribute ")]


def project(path: Path) -> olefile.OleFileIO:
    with zipfile.ZipFile(path) as zf:
        return olefile.OleFileIO(io.BytesIO(zf.read("xl/vbaProject.bin")))


def references(path: Path) -> list[tuple[str, str]]:
    """(kind, GUID) of every LibId in the project's ``VBA/dir`` stream: kind G is a registered type
    library; C/D/H would be references to other VBA projects or files."""
    ole = project(path)
    raw = bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read())))
    return re.findall(r"\*\\([A-Z])(?:\{([0-9A-Fa-f-]{36})\})?", raw.decode("latin-1"))


def test_xlwings_module_is_the_reference_code(reference, template):
    ours, theirs = modules(template), modules(reference)
    assert body(ours["xlwings"]) == body(theirs["xlwings"])
    assert attributes(ours["xlwings"]) == attributes(theirs["xlwings"]) == ['Attribute VB_Name = "xlwings"']
    assert f'"{dll_name()}"' in ours["xlwings"]  # the DLL the VBA declares is the installed version's


def test_dictionary_class_has_the_reference_attributes_and_code(reference, template):
    ours, theirs = modules(template), modules(reference)
    assert body(ours["Dictionary"]) == body(theirs["Dictionary"])
    assert attributes(ours["Dictionary"]) == attributes(theirs["Dictionary"])
    assert "Attribute VB_Exposed = True" in attributes(ours["Dictionary"])
    assert "Attribute Item.VB_UserMemId = 0" in attributes(ours["Dictionary"])  # Item is the default member


def test_document_modules_agree_with_the_sheets(template):
    text = project(template).openstream("PROJECT").read().decode("latin-1")
    documents = re.findall(r"^Document=(\w+)/", text, re.M)
    sheets = openpyxl.load_workbook(template, keep_vba=True).sheetnames
    assert documents[0] == "ThisWorkbook"
    assert documents[1:] == [f"Sheet{i}" for i in range(1, len(sheets) + 1)]


def config_keys_read_by_vba(code: str) -> set[str]:
    return {k.upper() for k in re.findall(r'GetConfig\("([^"]+)"', code)}


def test_config_sheet_holds_only_keys_the_vba_reads_with_values(reference, template):
    read = config_keys_read_by_vba(modules(reference)["xlwings"])
    conf = openpyxl.load_workbook(template, keep_vba=True)[CONF_SHEET]
    rows = [r for r in conf.iter_rows(values_only=True) if any(v is not None for v in r)]
    assert rows == [tuple(r) for r in XLWINGS_CONF]
    for key, value in rows:
        assert key.upper() in read, key  # spelled as xlwings' GetConfig asks for it (UCase)
        assert value not in (None, ""), key  # an empty row would hide the user's and the folder's files
    ref = openpyxl.load_workbook(reference, keep_vba=True)["_xlwings.conf"]
    ref_keys = {str(r[0]).upper() for r in ref.iter_rows(values_only=True) if r[0] and r[1] is not None}
    assert {k.upper() for k, _ in rows} - {"UDF MODULES"} <= ref_keys


def test_use_udf_server_is_off_as_in_the_reference(reference, template):
    ours = dict(XLWINGS_CONF)
    ref = {r[0]: r[1] for r in openpyxl.load_workbook(reference)["_xlwings.conf"].iter_rows(values_only=True) if r[0]}
    assert ours["Use UDF Server"] is False and ref["Use UDF Server"] is False
    assert "Interpreter_Win" not in ours and "PYTHONPATH" not in ours


def test_references_are_registered_libraries_every_office_has(reference, template):
    for path in (template, reference):
        refs = references(path)
        kinds = {kind for kind, _ in refs}
        assert kinds <= {"G"}, (path.name, refs)  # registered type libraries, no project references
    ours = {guid.upper() for _, guid in references(template) if guid and set(guid) != {"0", "-"}}
    assert ours and ours <= WELL_KNOWN_LIBS


def test_vba_project_stream_is_written_as_the_spec_says(reference, template):
    ours = project(template).openstream("VBA/_VBA_PROJECT").read()
    theirs = project(reference).openstream("VBA/_VBA_PROJECT").read()
    assert ours == theirs == VBA_PROJECT_STREAM == bytes.fromhex("CC61FFFF000100")


def _content_type(types: bytes, part: str) -> str | None:
    text = types.decode()
    override = re.search(rf'<Override PartName="/{re.escape(part)}" ContentType="([^"]+)"', text)
    if override:
        return override.group(1)
    ext = part.rsplit(".", 1)[-1]
    default = re.search(rf'<Default Extension="{re.escape(ext)}" ContentType="([^"]+)"', text)
    return default.group(1) if default else None


def _relationships(zf: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(rels part, type, resolved target) of every internal relationship in the package."""
    out = []
    for name in zf.namelist():
        if not name.endswith(".rels"):
            continue
        base = PurePosixPath(name).parent.parent
        for m in re.finditer(rb"<Relationship ([^>]+)/>", zf.read(name)):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1).decode()))
            if attrs.get("TargetMode") == "External":
                continue
            target = attrs["Target"]
            resolved = target.lstrip("/") if target.startswith("/") else str(base / target)
            parts = []
            for piece in resolved.split("/"):
                if piece == "..":
                    parts.pop()
                elif piece not in ("", "."):
                    parts.append(piece)
            out.append((name, attrs["Type"], "/".join(parts)))
    return out


def test_content_types_and_relationships_are_valid(reference, template):
    with zipfile.ZipFile(template) as ours, zipfile.ZipFile(reference) as theirs:
        names = set(ours.namelist())
        types = ours.read("[Content_Types].xml")
        for part in names - {"[Content_Types].xml"}:
            assert _content_type(types, part), f"{part} has no content type"
        for rels, _type, target in _relationships(ours):
            assert target in names, f"{rels} points at a missing part {target}"
        ref_types = theirs.read("[Content_Types].xml")
        for part in ("xl/workbook.xml", "xl/vbaProject.bin"):
            assert _content_type(types, part) == _content_type(ref_types, part), part
        rel_types = {t for _, t, target in _relationships(ours) if target == "xl/vbaProject.bin"}
        ref_rel_types = {t for _, t, target in _relationships(theirs) if target == "xl/vbaProject.bin"}
        assert rel_types == ref_rel_types and rel_types


def test_vba_texts_are_defined_names_under_excels_limit(template):
    wb = openpyxl.load_workbook(template, keep_vba=True)
    for name, text in vba_texts().items():
        assert len(text) <= 255  # a string constant in a formula
        assert wb.defined_names[name].attr_text == defined_names()[name].lstrip("=")
    udfs = modules(template)["xladdin_udfs"]
    assert udfs.isascii() and 'XaText("XA_MSG_NO_DLL")' in udfs
    for err in ("number = 48", "number = 53"):
        assert err in udfs
