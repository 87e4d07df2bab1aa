"""Indicator rules (I3xx): 完整性 and 细化量化 of the 年度绩效指标 tables (附表1 and each 附表3).

One room per kind of rule: ``values`` (the 指标值 is there and is a value), ``units`` (counts,
rates, money), ``names`` (三级/一级/二级 names and 绩效标准), ``dimensions`` (each dimension is
there and holds what it names), ``columns`` (rules needing a column only some forms print:
权重, 计算公式, 中期 values, 上年指标值), ``heads`` (a 支出明细 of head counts × per-head amounts);
``helpers`` holds what they share. Importing the package
registers every rule; the catalogue lists them in code order."""

from xladdin.rules.base import in_code_order
from xladdin.rules.indicators import columns, dimensions, heads, names, units, values  # noqa: F401
from xladdin.rules.indicators.helpers import Row, level_key, tables

in_code_order("I3")

__all__ = ["Row", "level_key", "tables"]
