"""The 年度绩效指标 table, shared by 附表1 and 附表3 (附表3 adds the 绩效标准 column F)."""

from __future__ import annotations

from xladdin.layout.base import Cell, Table
from xladdin.layout.skeleton import LEVEL1, LEVEL2, STANDARDS


def indicator_table(*, standard: bool) -> Table:
    header = [
        Cell("A", text="年度绩效指标", style="label"),
        Cell("B", text="一级指标", style="header"),
        Cell("C", text="二级指标", style="header"),
        Cell("D", text="三级指标", style="header"),
        Cell("E", text="指标值及单位", style="header"),
    ]
    columns = [Cell("B", key="level1"), Cell("C", key="level2"), Cell("D", key="name"), Cell("E", key="value")]
    if standard:
        header.append(Cell("F", text="绩效标准", style="header"))
        columns.append(Cell("F", key="standard"))
    return Table(
        key="indicators",
        anchor="年度绩效指标",
        item="Indicator",
        header=tuple(header),
        columns=tuple(columns),
        fill_down=("level1",),
        merge_down=("level1",),
    )


def indicator_validations(*, standard: bool) -> dict[str, tuple[str, ...]]:
    """Dropdown lists of the table's columns (一级, 二级, and 绩效标准 on 附表3)."""
    out = {"indicators.level1": LEVEL1, "indicators.level2": LEVEL2}
    if standard:
        out["indicators.standard"] = STANDARDS
    return out
