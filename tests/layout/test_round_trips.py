"""Round trips of random workbooks built from the layout (hypothesis): what the builder writes the
reader reads back; what new-fund writes keeps every value that was there."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xladdin.build.template import build_workbook
from xladdin.commands.funds import plan_new_fund
from xladdin.io.openpyxl_writer import edit_file
from xladdin.model import Detail, Form1, Form2, Form3, FundRow, Indicator, Submission, WorkItem
from xladdin.reader import read_workbook

# Text a clerk may type: Chinese, digits, punctuation, newlines, text that looks like a formula.
text = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.sampled_from(["=1+1", '=HYPERLINK("x")', "@SUM(A1)", "100%", "2023年度", "  ", "0", "第一行\n第二行"]),
)
number = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**9),
    st.floats(-1e6, 1e9, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
)
cell = st.one_of(text, number)


def _clean(value):
    """What a cell keeps: an empty string reads as an empty cell."""
    return None if value == "" else value


indicator = st.builds(Indicator, st.just("产出指标"), st.sampled_from(["数量指标", "质量指标"]), cell, cell, cell)
detail = st.builds(Detail, text, text, number, text)
fund_name = st.text(alphabet="甲乙丙丁戊己庚辛壬癸专项资金补助", min_size=2, max_size=12)


@st.composite
def submissions(draw):
    names = draw(st.lists(fund_name, min_size=1, max_size=5, unique=True))
    form3s = [
        Form3(
            title="2024年区级专项资金支出方向绩效目标表",
            direction=n,
            parent_name=n,
            project_amount=draw(number),
            parent_amount=draw(number),
            period=draw(text),
            period_goal=draw(text),
            annual_goal=draw(text),
            indicators=draw(st.lists(indicator, min_size=1, max_size=6)),
            details=draw(st.lists(detail, min_size=1, max_size=4)),
        )
        for n in names
    ]
    form2 = Form2(
        title="2024年区级专项资金绩效目标汇总表",
        total=FundRow(None, "合  计", None, draw(text), draw(text)),
        funds=[FundRow(draw(text), n, draw(number), draw(text), draw(text)) for n in names],
    )
    form1 = Form1(
        title="2024年部门整体支出绩效目标表",
        department=draw(text),
        general_budget=draw(number),
        basic=draw(number),
        duties=draw(text),
        work_plan=draw(st.lists(st.builds(WorkItem, text, text, text), min_size=1, max_size=3)),
        indicators=draw(st.lists(indicator, min_size=1, max_size=5)),
    )
    return Submission(form1=form1, form2=form2, form3s=form3s, year=2024)


def _same_tables(a, b):
    from xladdin.layout import LAYOUTS

    layout = LAYOUTS[{"Form1": "form1", "Form2": "form2", "Form3": "form3"}[type(a).__name__]]
    for table in ("indicators", "details", "funds", "work_plan"):
        if hasattr(a, table):
            columns = set(layout.table_columns(table))  # 附表1 has no 绩效标准 column
            want = [{k: _clean(v) for k, v in vars(x).items() if k in columns} for x in getattr(a, table)]
            got = [vars(x) for x in getattr(b, table)]
            # the reader fills an empty 一级 from the row above (a vertically merged cell)
            for w, g in zip(want, got, strict=True):
                for key in w:
                    if key != "level1" or w[key] is not None:
                        assert g[key] == w[key], (a.sheet, table, key)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions())
def test_build_then_read_round_trip(sub):
    with tempfile.TemporaryDirectory() as tmp:
        got = read_workbook(build_workbook(sub, Path(tmp) / "r.xlsx")).submission
    assert len(got.form3s) == len(sub.form3s)
    for a, b in zip(sub.forms(), got.forms(), strict=True):
        for key in ("title", "department", "direction", "period", "period_goal", "duties"):
            if hasattr(a, key):
                assert b.get(key) == _clean(a.get(key)), key
        _same_tables(a, b)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions(), st.integers(1, 10**6))
def test_new_fund_keeps_every_value(sub, amount):
    import openpyxl

    with tempfile.TemporaryDirectory() as tmp:
        path = build_workbook(sub, Path(tmp) / "w.xlsx")
        before = openpyxl.load_workbook(path)
        edit_file(path, plan_new_fund(read_workbook(path), "新增测试专项", str(amount)).edits)
        after = openpyxl.load_workbook(path)
        inserted = read_workbook(path).submission.form2.place.rows["funds"][-1]
        total = read_workbook(path).submission.form2.cell("total.amount")
        for ws in before.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.value in (None, "") or (ws.title == "附表2" and c.coordinate == total):
                        continue
                    # every random fund row is filled, so new-fund inserts a row on 附表2
                    moved = c.row + 1 if ws.title == "附表2" and c.row >= inserted else c.row
                    assert after[ws.title].cell(moved, c.column).value == c.value, (ws.title, c.coordinate)
