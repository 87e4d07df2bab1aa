"""The totals the forms carry, computed by the core from their rows (what the formulas should give)."""

from __future__ import annotations

from decimal import Decimal

from xladdin.model import Form1, Form2, Form3, Submission
from xladdin.values import amount


def num(value: object) -> Decimal | None:
    """What Excel adds up: a number, else nothing."""
    return amount(value).number  # type: ignore[arg-type]


def zero(value: object) -> Decimal:
    return num(value) or Decimal(0)


def income(f1: Form1) -> Decimal:
    """附表1 资金总额 by 收入性质: 一般公共预算 + 政府性基金 + 其他资金."""
    return zero(f1.general_budget) + zero(f1.gov_fund) + zero(f1.other_funds)


def expense(f1: Form1) -> Decimal:
    """附表1 资金总额 by 支出性质: 基本支出 + 项目支出."""
    return zero(f1.basic) + zero(f1.project)


def funds(f2: Form2) -> Decimal:
    """附表2 合计: the sum of the fund rows."""
    return sum((zero(f.amount) for f in f2.funds), Decimal(0))


def details(f3: Form3) -> Decimal:
    """附表3 合计: the sum of the 支出明细 amounts."""
    return sum((zero(d.amount) for d in f3.details), Decimal(0))


def totals(sub: Submission) -> dict[tuple[str, str], Decimal]:
    """(sheet, cell) of every total formula → the value the core computes for it."""
    out: dict[tuple[str, str], Decimal] = {}
    if sub.form2 is not None:
        out[(sub.form2.sheet, sub.form2.cell("total.amount"))] = funds(sub.form2)
    if sub.form1 is not None:
        out[(sub.form1.sheet, sub.form1.cell("total"))] = income(sub.form1)
        if sub.form2 is not None:
            out[(sub.form1.sheet, sub.form1.cell("project"))] = funds(sub.form2)
    for f3 in sub.form3s:
        out[(f3.sheet, f3.cell("detail_total"))] = details(f3)
    return out
