"""测算依据 rules (B4xx): the arithmetic written in 支出测算依据及过程说明 matches the amount."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from xladdin.basis import evaluate, matches
from xladdin.rules.amounts import num
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.values import fmt, is_blank


@rule("B401", "测算依据的计算结果与金额不符", Severity.ERROR)
def basis_arithmetic(ctx: Context) -> Iterator[Hit]:
    """The calculation written in 支出测算依据及过程说明 does not give the row's 金额.

    Why it matters: 预算测算依据充分 — the reviewer redoes the arithmetic; a product or a list of
    parts that does not reach the amount means either the amount or the reasoning is wrong.
    元 are converted to 万元; "约" allows rounding to the amount's precision.

    Example: 「16人×10000元/人=160000元」 for 金额 20 (万元): the calculation gives 16.

    Fix: correct the amount or the calculation so that they agree.
    """
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "details"):
            continue
        for i, d in enumerate(f3.details):
            if is_blank(d.basis) or not isinstance(d.basis, str):
                continue
            calc = evaluate(d.basis)
            amount = num(d.amount)
            if calc is None or amount is None:
                continue
            if matches(calc, amount, ctx.config.tolerance):
                continue
            if calc.kind == "parts":
                said = " + ".join(fmt(p) for p in calc.parts) + f" = {fmt(calc.computed_wan)} 万元"
            else:
                said = f"{calc.expression} 得 {fmt(calc.computed_wan)} 万元"
                if calc.stated_wan is not None and calc.stated_wan != calc.computed_wan:
                    said += f"（文中写明 {fmt(calc.stated_wan)} 万元）"
            yield ctx.hit(
                f3,
                f3.place.row_cell("details", i, "basis"),
                f"测算依据 {said}，而金额为 {fmt(amount)} 万元",
                "更正金额或测算过程，使两者一致",
            )


@rule("B402", "支出明细缺少测算依据", Severity.WARNING)
def basis_missing(ctx: Context) -> Iterator[Hit]:
    """A 支出明细 row has an amount but no 支出测算依据及过程说明.

    Why it matters: 预算测算依据充分 — every amount needs its basis (a policy and a calculation).

    Example: 金额 93.3 with the 测算依据 cell empty.

    Fix: cite the policy and show the calculation (标准 × 数量).
    """
    for f3 in ctx.submission.form3s:
        for i, d in enumerate(f3.details):
            amount = num(d.amount)
            if amount is not None and amount != Decimal(0) and is_blank(d.basis):
                yield ctx.hit(
                    f3,
                    f3.place.row_cell("details", i, "basis"),
                    f"金额 {fmt(amount)} 万元没有测算依据",
                    "写明政策依据和测算过程",
                )
