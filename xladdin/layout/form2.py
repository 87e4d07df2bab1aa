"""附表2 专项资金绩效目标汇总表 (columns A–E); the 合计 row stands above the funds."""

from __future__ import annotations

from xladdin.layout.base import Cell, FormLayout, Rows, SumColumn, Table
from xladdin.layout.signature import signature_rows


def form2() -> FormLayout:
    """附表2's description (``xladdin.layout.LAYOUTS`` builds it on first use)."""
    return FormLayout(
        form="form2",
        marker="附表2",
        title_words="专项资金绩效目标汇总表",
        widths=(6, 24, 11, 25, 25),
        sections=(
            Rows("附表2", ((Cell("A", "B", text="附表2", style="marker"),),)),
            Rows("绩效目标汇总表", ((Cell("A", "E", key="title", style="title"),),), heights=(36,), contains=True),
            Rows(
                "填报单位",
                (
                    (
                        Cell("A", "B", text="填报单位：（盖章）", style="subtitle"),
                        Cell("C", "D", key="unit", style="subtitle_field"),
                        Cell("E", text="金额单位：万元", style="subtitle"),
                    ),
                ),
            ),
            Table(
                key="funds",
                anchor="序号",
                item="FundRow",
                header=(
                    Cell("A", text="序号", style="header"),
                    Cell("B", text="名  称", style="header"),
                    Cell("C", text="金  额", style="header"),
                    Cell("D", text="实施期绩效目标", style="header"),
                    Cell("E", text="年度绩效目标", style="header"),
                ),
                columns=(
                    Cell("A", key="seq", style="header"),
                    Cell("B", key="name"),
                    Cell("C", key="amount", style="amount"),
                    Cell("D", key="period_goal", style="long"),
                    Cell("E", key="annual_goal", style="long"),
                ),
                total=(
                    Cell("A", style="header"),
                    Cell("B", text="合  计", style="header"),
                    Cell("C", key="total.amount", style="amount", formula=SumColumn("funds", "amount")),
                    Cell("D", key="total.period_goal", style="long"),
                    Cell("E", key="total.annual_goal", style="long"),
                ),
                total_first=True,
                label_down=False,
            ),
            signature_rows(label_to="B", value="C", value_to=None, second=("D", None, "E", None)),
        ),
    )
