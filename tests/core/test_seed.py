"""The seed example: its real defects are found at the right cells, and nothing it gets right is an
error. Cell addresses follow the paper form's row order (see xladdin/layout)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xladdin.examples.shifeng2023 import WRITTEN_TOTALS, submission
from xladdin.reader import read_workbook
from xladdin.validate import validate_file

F3 = "附表3-"
KUNNAN, DAXUE = F3 + "困难帮扶-退役专项", F3 + "大学生应征入伍奖励"
YOUFU, KAIFA1, KAIFA2 = F3 + "优抚安置专项", F3 + "经开区-优军优抚专项", F3 + "经开区-对越参战人员社会公益性岗位补助"


@pytest.fixture(scope="module")
def report(example_file):
    return validate_file(example_file)


def at(report, rule: str) -> set[tuple[str, str]]:
    return {(f.sheet, f.cell) for f in report.findings if f.rule == rule}


def test_blank_quantity_values_are_errors_at_the_value_cell(report):
    found = {(f.sheet, f.cell): f for f in report.findings if f.rule == "I302"}
    assert set(found) == {(KUNNAN, "E10"), (DAXUE, "E10")}
    assert all(f.severity == "error" for f in found.values())
    assert "16人" in found[(DAXUE, "E10")].fix  # the calculation names 16人


def test_prose_values_are_errors(report):
    """One phrase pasted into E15, E17 and E18 (and the names D15, D17) of three sheets: one finding
    per sheet, at E15, naming every cell it sits in."""
    found = [f for f in report.findings if f.rule == "I304"]
    assert {(f.sheet, f.cell) for f in found} == {(s, "E15") for s in (YOUFU, KAIFA1, KAIFA2)}
    for f in found:
        cells = {f.cell, *(c.rsplit("!", 1)[1] for c in f.cells)}
        assert {"E15", "E17", "E18"} <= cells and f.severity == "error"
        assert "E17" in f.message and "E18" in f.message
    assert not [f for f in report.findings if f.rule == "I309" and f.sheet in (YOUFU, KAIFA1, KAIFA2)]


def test_goal_drift_is_a_warning_on_the_fund_row(report):
    drift = [f for f in report.findings if f.rule == "X204"]
    assert [(f.sheet, f.cell, f.severity) for f in drift] == [("附表2", "D8", "warning")]
    assert "困难帮扶-退役专项" in drift[0].message


def test_missing_cost_indicator_warns_on_every_table(report):
    cost = at(report, "I310")
    assert ("附表1", "D17") in cost
    assert {(s, c) for s, c in cost if s.startswith(F3)} == {(F3 + f3.direction, "D13") for f3 in submission().form3s}


def test_blank_signature_fields_warn_once_per_workbook(report):
    """The seed leaves 单位负责人, 填表人, 联系电话 and 填报单位 blank on all nine forms: one finding
    each for the whole workbook, at 附表1's cell, covering the other eight sheets."""
    sign = [f for f in report.findings if f.rule == "F502"]
    assert {(f.sheet, f.cell) for f in sign} == {("附表1", "B23"), ("附表1", "B24"), ("附表1", "D24")}
    assert all(f.severity == "warning" and len(f.cells) == 8 for f in sign)
    assert {c for f in sign for c in f.cells} >= {"附表2!C14", "附表2!E14"}
    unit = [f for f in report.findings if f.rule == "F501"]
    assert [(f.sheet, f.cell, len(f.cells)) for f in unit] == [("附表1", "C3", 8)]


def test_bare_count_suggests_a_unit(report):
    f = next(f for f in report.findings if f.rule == "I305" and f.sheet == "附表1")
    assert (f.cell, f.severity) == ("E14", "warning")
    assert "990人" in f.fix


def test_no_error_where_the_seed_is_right(report):
    errors = {(f.rule, f.sheet, f.cell) for f in report.findings if f.severity == "error"}
    expected = {("I302", KUNNAN, "E10"), ("I302", DAXUE, "E10")} | {("I304", s, "E15") for s in (YOUFU, KAIFA1, KAIFA2)}
    assert errors == expected
    assert not [f for f in report.findings if f.rule.startswith(("A", "B", "X2")) and f.severity == "error"]


def test_totals_are_formulas_that_reproduce_what_the_seed_wrote(example_file):
    sub = read_workbook(example_file).submission
    got = {"附表1 资金总额": sub.form1.total, "附表1 项目支出": sub.form1.project, "附表2 合计": sub.form2.total.amount}
    got.update({f.direction: f.detail_total for f in sub.form3s})
    for key, written in WRITTEN_TOTALS.items():
        if written is not None:
            assert Decimal(str(got[key])) == Decimal(str(written)), key
    # where the seed left 合计 blank, the formula fills it with the detail amount
    for f3 in sub.form3s:
        assert f3.place.formulas[f3.cell("detail_total")].startswith("=SUM(")
        assert Decimal(str(f3.detail_total)) == Decimal(str(f3.details[0].amount))


def test_calculations_in_the_seed_hold(report):
    assert not at(report, "B401")  # 28 = 2×(10+2.7+1.3), 345 = 80+60+150+55, 320 ≈ 319.872, 16


def test_round_trip_keeps_every_value_as_written(example_file):
    """The workbook reproduces the seed exactly: every field and table cell reads back."""
    want, got = submission(), read_workbook(example_file).submission
    formula_keys = {"total", "project", "detail_total"}
    for a, b in zip(want.forms(), got.forms(), strict=True):
        for key, cell in b.place.fields.items():
            if key.split(".")[-1] in formula_keys or key == "total.amount":
                continue
            assert b.get(key) == a.get(key), (b.sheet, key, cell)
        for table in ("indicators", "details", "funds", "work_plan"):
            if hasattr(a, table):
                assert getattr(b, table) == getattr(a, table), (b.sheet, table)
    assert [f.direction for f in got.form3s] == [f.name for f in want.form2.funds]


def test_committed_example_is_the_seed_built_by_code(example_xlsm):
    from conftest import EXAMPLE

    assert EXAMPLE.exists(), "run `xladdin build-example examples/2023-shifeng-veterans.xlsm`"
    assert EXAMPLE.read_bytes() == example_xlsm.read_bytes()


def test_aims_given_100_percent_and_the_vague_work_plan_goal_are_warnings(report):
    """What issue 20's checks add on the seed, each a reviewer's remark: 「获得感、幸福感」 or 「提高……的
    尊崇/获得感」 given 「100%」 (one finding per phrase and sheet), and 附表1's 工作目标 with neither a
    quantity nor a deadline. No new error."""
    aims = {(f.sheet, f.cell) for f in report.findings if f.rule == "I330"}
    assert aims == {
        ("附表1", "E19"),
        (F3 + "烈士纪念设施整修", "E15"),
        (F3 + "城镇军队退役人员就业援助资金", "E15"),
        (KUNNAN, "E15"),
        (KUNNAN, "E17"),
        (DAXUE, "E15"),
    }
    assert all(f.severity == "warning" for f in report.findings if f.rule in ("I330", "G607"))
    assert at(report, "G607") == {("附表1", "D12")}
    assert not at(report, "I338")  # no 上年指标值 sheet: nothing to compare with
