"""附表1 部门整体支出绩效目标表 (columns A–E)."""

from __future__ import annotations

from xladdin.layout.base import Cell, FieldOf, FormLayout, Rows, SumFields, Table
from xladdin.layout.indicators import indicator_table, indicator_validations
from xladdin.layout.signature import signature_rows


def form1() -> FormLayout:
    """附表1's description (``xladdin.layout.LAYOUTS`` builds it on first use)."""
    return FormLayout(
        form="form1",
        marker="附表1",
        title_words="部门整体支出绩效目标表",
        widths=(12, 24, 16, 22, 16),
        sections=(
            Rows("附表1", ((Cell("A", text="附表1", style="marker"),),)),
            Rows("绩效目标表", ((Cell("A", "E", key="title", style="title"),),), heights=(36,), contains=True),
            Rows(
                "填报单位",
                (
                    (
                        Cell("A", "B", text="填报单位：（盖章）", style="subtitle"),
                        Cell("C", "D", key="unit", style="subtitle_field"),
                        Cell("E", text="金额：万元", style="subtitle"),
                    ),
                ),
            ),
            Rows(
                "部门名称",
                (
                    (
                        Cell("A", text="部门名称", style="label"),
                        Cell("B", "E", key="department", style="text"),
                    ),
                ),
            ),
            Rows(
                "年度预算申请",
                (
                    (
                        Cell("A", text="年度预算申请（万元）", style="label"),
                        Cell("B", text="资金总额", style="header"),
                        Cell(
                            "C",
                            "E",
                            key="total",
                            style="amount",
                            formula=SumFields(("general_budget", "gov_fund", "other_funds")),
                        ),
                    ),
                    (
                        Cell("B", "C", text="按收入性质分", style="header"),
                        Cell("D", "E", text="按支出性质分", style="header"),
                    ),
                    (
                        Cell("B", text="其中：一般公共预算拨款", style="label"),
                        Cell("C", key="general_budget", style="amount"),
                        Cell("D", text="其中：基本支出", style="label"),
                        Cell("E", key="basic", style="amount"),
                    ),
                    (
                        Cell("B", text="政府性基金拨款", style="label"),
                        Cell("C", key="gov_fund", style="amount"),
                        Cell("D", text="项目支出", style="label"),
                        Cell("E", key="project", style="amount", formula=FieldOf("form2", "total.amount")),
                    ),
                    (
                        Cell("B", text="其他资金", style="label"),
                        Cell("C", key="other_funds", style="amount"),
                        Cell("D", style="label"),
                        Cell("E", style="amount"),
                    ),
                ),
                label_down=True,
            ),
            Rows(
                "部门职责概述",
                (
                    (
                        Cell("A", text="部门职责概述", style="label"),
                        Cell("B", "E", key="duties", style="long"),
                    ),
                ),
                heights=(None,),
            ),
            Table(
                key="work_plan",
                anchor="年度重点工作计划",
                item="WorkItem",
                header=(
                    Cell("A", text="年度重点工作计划", style="label"),
                    Cell("B", text="事项", style="header"),
                    Cell("C", text="责任单位/科室", style="header"),
                    Cell("D", "E", text="工作目标", style="header"),
                ),
                columns=(
                    Cell("B", key="item"),
                    Cell("C", key="unit"),
                    Cell("D", "E", key="goal", style="long"),
                ),
            ),
            indicator_table(standard=False),
            signature_rows(label_to=None, value="B", value_to=None, second=("C", None, "D", "E")),
        ),
        validations=indicator_validations(standard=False),
    )
