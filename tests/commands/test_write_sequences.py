"""Random sequences of new-fund / sync / export on random workbooks (hypothesis): every value the
clerk typed survives, text stays text (no formula the project did not write, whatever the text
starts with), new-fund stores the amount it reports, and the totals still agree."""

from __future__ import annotations

import hashlib
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xladdin.build.template import build_workbook
from xladdin.cli import main
from xladdin.examples.synthetic import synthetic
from xladdin.io.formula import is_own_formula
from xladdin.reader import read_workbook
from xladdin.selfcheck import SHEET as SELFCHECK
from xladdin.validate import validate_file

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","点击")',
    "=cmd|' /C calc'!A0",
    "+SUM(A1:A9)",
    "-2+3",
    "@NOW()",
    "'引号开头",
    "0012",
    "1/2",
    "100%",
    "TRUE",
    "#REF!",
    "第一行\r\n第二行",
    "_x000D_字面",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20).map(
        lambda t: "=" + t
    ),
)
fund_name = st.text(alphabet="甲乙丙丁戊己庚辛壬癸专项资金补助=+-@'", min_size=2, max_size=10).filter(
    lambda t: t.strip("'") == t  # Excel forbids a sheet name starting or ending with '
)
amount = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
operation = st.one_of(
    st.tuples(st.just("new-fund"), fund_name, amount),
    st.just(("sync",)),
    st.just(("export",)),
)


def _strings(path: Path) -> dict[tuple[str, str], str]:
    """Every string cell (the clerk's text) of the form sheets, by (sheet, cell)."""
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        if ws.title != SELFCHECK  # the self-check's own lists, laid out afresh by each write
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "s" and isinstance(c.value, str) and c.value
    }


def _foreign_formulas(path: Path) -> list[tuple[str, str, str]]:
    wb = openpyxl.load_workbook(path)
    return [
        (ws.title, c.coordinate, str(c.value))
        for ws in wb.worksheets
        if ws.title != SELFCHECK  # the self-check's formulas are the project's (xladdin.selfcheck)
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f" and not is_own_formula(c.value)
    ]


def _inject(path: Path, texts: list[str]) -> dict[tuple[str, str], str]:
    """Type hostile texts (as text) over text cells of the 附表3 sheets; returns where."""
    wb = openpyxl.load_workbook(path)
    targets = [
        (ws.title, c.coordinate)
        for ws in wb.worksheets
        if ws.title.startswith("附表3")
        for row in ws.iter_rows(min_row=9)
        for c in row
        if c.data_type == "s" and c.value and c.column == 5
    ]
    placed = {}
    for (sheet, ref), text in zip(targets[:: max(1, len(targets) // max(1, len(texts)))], texts, strict=False):
        cell = wb[sheet][ref]
        cell.value, cell.data_type = text, "s"
        placed[(sheet, ref)] = text
    wb.save(path)
    return placed


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 4),
    st.integers(0, 10_000),
    st.lists(hostile_text, min_size=1, max_size=6),
    st.lists(operation, min_size=1, max_size=4),
)
def test_random_write_sequences_keep_values_text_and_totals(funds, seed, texts, ops):
    with tempfile.TemporaryDirectory() as tmp, mock.patch("xladdin.io.libreoffice.find_soffice", lambda: None):
        path = build_workbook(synthetic(funds, seed=seed), Path(tmp) / "w.xlsx")
        placed = _inject(path, texts)
        added: dict[str, Decimal] = {}
        for op in ops:
            before = _strings(path)
            if op[0] == "new-fund":
                name, value = op[1], op[2]
                code = main(["new-fund", str(path), f"--name={name}", f"--amount={value}"])
                sub = read_workbook(path).submission
                if code == 0:
                    added[name] = value
                    f3 = next(f for f in sub.form3s if f.direction == name)
                    assert Decimal(repr(f3.project_amount)) == value  # stored exactly as reported
            elif op[0] == "sync":
                assert main(["sync", str(path)]) == 0
            else:
                digest = _digest(path)
                out = Path(tmp) / "out"
                main(["export", str(path), "--out", str(out), "--force"])
                assert _digest(path) == digest  # the source is never written
                for exported in out.glob("*.xlsx"):
                    assert not _foreign_formulas(exported)
                    kept = _strings(exported)
                    for key, text in placed.items():
                        assert kept.get(key) == text, key
            after = _strings(path)
            # every text on 附表1 and the 附表3 sheets survives, as text, where it was
            for key, text in before.items():
                if not key[0].startswith("附表2"):
                    assert after.get(key) == text, key
            assert not _foreign_formulas(path)
        for key, text in placed.items():
            assert _strings(path).get(key) == text, key
        # totals agree: 附表2 follows the 附表3 sheets after a sync
        main(["sync", str(path)])
        report = validate_file(path)
        rules = {f.rule for f in report.findings}
        assert not rules & {"A106", "X201", "X202", "X203", "S003"}, [
            (f.rule, f.sheet, f.cell, f.message) for f in report.findings if f.rule in {"A106", "X203", "S003"}
        ]
        sub = read_workbook(path).submission
        names = {f.name for f in sub.form2.funds}
        assert set(added) <= names
        parents = {x.parent_name for x in sub.form3s}
        assert all(f.name in parents for f in sub.form2.funds if isinstance(f.name, str) and f.name)
