"""LibreOffice headless as the independent judge of the workbook file.

- It recalculates the example (recalc-on-load in a private profile): its totals equal the core's.
- A file saved by openpyxl keeps formulas without results; validating it gives the same findings as
  validating LibreOffice's recalculated copy of it.
- It renders every form to PDF (one page per form at least)."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from conftest import require_soffice

from xladdin.io.libreoffice import convert
from xladdin.reader import read_workbook
from xladdin.totals import totals
from xladdin.validate import validate_file

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def recalculated(example_file, tmp_path_factory):
    require_soffice()
    return convert(example_file, "xlsx", tmp_path_factory.mktemp("lo"))


def test_libreoffice_totals_equal_the_core_totals(example_file, recalculated):
    core = totals(read_workbook(example_file).submission)
    assert len(core) == 3 + 7  # 资金总额, 项目支出, 附表2 合计, seven 附表3 合计
    lo = openpyxl.load_workbook(recalculated, data_only=True)  # LibreOffice's own results
    for (sheet, cell), value in core.items():
        got = lo[sheet][cell].value
        assert got is not None, (sheet, cell)
        assert abs(Decimal(str(got)) - value) <= Decimal("0.005"), (sheet, cell, got, value)


def _strip_cached_values(src, dst):
    wb = openpyxl.load_workbook(src)
    wb.save(dst)
    with zipfile.ZipFile(dst) as zf:
        sheet = zf.read("xl/worksheets/sheet2.xml").decode()
    first_formula_cell = sheet.split("<f>")[1].split("</c>")[0]
    assert not re.search(r"<v>[^<]+</v>", first_formula_cell)  # no cached result


def test_uncached_formulas_give_the_same_findings_as_libreoffice(example_file, tmp_path):
    require_soffice()
    bare = tmp_path / "openpyxl-saved.xlsx"
    _strip_cached_values(example_file, bare)
    recalced = convert(bare, "xlsx", tmp_path / "lo")
    ours = [f.as_dict() for f in validate_file(bare).findings]
    theirs = [f.as_dict() for f in validate_file(recalced).findings]
    assert ours == theirs
    assert ours == [f.as_dict() for f in validate_file(example_file).findings]


def test_every_form_renders_to_pdf(example_file, tmp_path):
    require_soffice()
    pdf = convert(example_file, "pdf", tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= 9  # 附表1, 附表2 and seven 附表3, each at least one A4 page
