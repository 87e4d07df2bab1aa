"""附表3 专项资金支出方向绩效目标表 (columns A–F), one sheet per 支出方向."""

from __future__ import annotations

from xladdin.layout.base import Cell, FormLayout, Rows, SumColumn, Table
from xladdin.layout.indicators import indicator_table, indicator_validations
from xladdin.layout.signature import signature_rows


def form3() -> FormLayout:
    """附表3's description (``xladdin.layout.LAYOUTS`` builds it on first use)."""
    return FormLayout(
        form="form3",
        marker="附表3",
        title_words="专项资金支出方向绩效目标表",
        widths=(12, 16, 12, 26, 14, 10),
        sections=(
            Rows("附表3", ((Cell("A", text="附表3", style="marker"),),)),
            Rows("绩效目标表", ((Cell("A", "F", key="title", style="title"),),), heights=(36,), contains=True),
            Rows(
                "填报单位",
                (
                    (
                        Cell("A", "B", text="填报单位：（盖章）", style="subtitle"),
                        Cell("C", "D", key="unit", style="subtitle_field"),
                        Cell("E", "F", text="金额单位：万元", style="subtitle"),
                    ),
                ),
            ),
            Rows(
                "支出方向",
                (
                    (
                        Cell("A", text="支出方向（子项）", style="label"),
                        Cell("B", key="direction", style="text"),
                        Cell("C", text="所属专项", style="label", down=2),
                        Cell("D", text="名称", style="label"),
                        Cell("E", "F", key="parent_name", style="text"),
                    ),
                    (
                        Cell("A", text="项目金额", style="label"),
                        Cell("B", key="project_amount", style="amount"),
                        Cell("D", text="金额", style="label"),
                        Cell("E", "F", key="parent_amount", style="amount"),
                    ),
                ),
            ),
            Rows(
                "项目实施期",
                (
                    (
                        Cell("A", text="项目实施期", style="label"),
                        Cell("B", "F", key="period", style="text"),
                    ),
                ),
            ),
            Rows(
                "实施期绩效目标",
                (
                    (
                        Cell("A", text="实施期绩效目标", style="label"),
                        Cell("B", "F", key="period_goal", style="long"),
                    ),
                ),
            ),
            Rows(
                "年度绩效目标",
                (
                    (
                        Cell("A", text="年度绩效目标", style="label"),
                        Cell("B", "F", key="annual_goal", style="long"),
                    ),
                ),
            ),
            indicator_table(standard=True),
            Table(
                key="details",
                anchor="支出明细",
                item="Detail",
                header=(
                    Cell("A", text="支出明细及测算说明", style="label"),
                    Cell("B", text="支出内容简介", style="header"),
                    Cell("C", text="支出明细", style="header"),
                    Cell("D", text="金额", style="header"),
                    Cell("E", "F", text="支出测算依据及过程说明", style="header"),
                ),
                columns=(
                    Cell("B", key="summary", style="long"),
                    Cell("C", key="detail", style="long"),
                    Cell("D", key="amount", style="amount"),
                    Cell("E", "F", key="basis", style="long"),
                ),
                total=(
                    Cell("B", text="合  计", style="header"),
                    Cell("C"),
                    Cell("D", key="detail_total", style="amount", formula=SumColumn("details", "amount")),
                    Cell("E", "F"),
                ),
            ),
            signature_rows(label_to=None, value="B", value_to=None, second=("D", None, "E", "F")),
        ),
        validations=indicator_validations(standard=True),
    )
