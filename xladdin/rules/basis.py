"""测算依据 rules (B4xx): the arithmetic written in 支出测算依据及过程说明 matches the amount."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from xladdin.basis import Calculation, evaluate, matches
from xladdin.rules.amounts import num
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.values import clean_text, fmt, is_blank


def basis_of(ctx: Context | None, text: str) -> Calculation | None:
    """:func:`xladdin.basis.evaluate` of a 测算依据: in a run of the catalogue (``ctx``) once for all
    its rules (B401 and the indicator rules that read its head counts)."""
    return evaluate(text) if ctx is None else ctx.once(("basis", text), partial(evaluate, text))


def basis_arithmetic(ctx: Context) -> Iterator[Hit]:
    """问题：支出测算依据及过程说明中写的算式，算出来不等于该行金额。

    为何要紧：预算测算依据充分——审核人会重算一遍；乘积或分项加总对不上金额，说明金额或算式有一个
    错了。元会换算为万元；写了「约」的允许按金额的精度四舍五入。

    示例：金额 20（万元），测算依据「16人×10000元/人=160000元」，算得 16 万元。

    修改：更正金额或测算过程，使两者一致。
    """
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "details"):
            continue
        for i, d in enumerate(f3.details):
            if is_blank(d.basis) or not isinstance(d.basis, str):
                continue
            calc = basis_of(ctx, d.basis)
            amount = num(d.amount)
            if calc is None or amount is None:
                continue
            if matches(calc, amount, ctx.config.tolerance, ctx.config.approx_relative):
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
                rests=[(f3, f3.place.row_cell("details", i, "amount"))],
            )


rule(
    "B401",
    "测算依据的计算结果与金额不符",
    Severity.ERROR,
    basis_arithmetic,
    config=(
        "amounts.tolerance",
        "amounts.approx_relative",
    ),
)


#: What a 测算依据 may hold with no quantity in it: a document number (湘财教〔2019〕24号) and years.
_NO_QUANTITY = re.compile(r"[〔\[(（﹝【]\s*\d{4}\s*[〕\]）)﹞】]\s*第?\s*\d+\s*号|\d{4}\s*年度?|\d+\s*号")


#: A 测算依据 saying that the amount was worked out (「按照…数据实测算」「据实核算」).
_WORKED_OUT = re.compile(r"测算|计算|核算|测定|算出|匡算")


def _states_nothing(text: str) -> bool:
    """A 测算依据 that says the amount was worked out (「按照…数据实测算」) and names no number at all once
    document numbers and years are set aside: not from what. (A policy note with no calculation word,
    「依据…文件精神」, is left to the reviewer.)"""
    cleaned = clean_text(text)
    return bool(_WORKED_OUT.search(cleaned)) and not any(ch.isdigit() for ch in _NO_QUANTITY.sub("", cleaned))


def basis_missing(ctx: Context) -> Iterator[Hit]:
    """问题：支出明细有金额，但没有支出测算依据及过程说明；或测算依据只说「按实际数据测算」「据实核算」，
    没有一个数量、标准或算式（文号、年份不算）。

    为何要紧：预算测算依据充分——每笔金额都要有依据（政策和算式）；只说「据实测算」，审核人无法核对
    金额从何而来（多少人、每人多少）。

    示例：金额 93.3，测算依据一栏空白；或 259 万元的测算依据只写「根据湘财教〔2019〕24号文件精神，按照全县
    幼儿园数据实测算」。

    修改：写明政策依据和测算过程（标准 × 数量，如「500元/生/年 × 5180生 = 259万元」）。
    """
    for f3 in ctx.submission.form3s:
        if isinstance(f3.detail_basis, str) and not is_blank(f3.detail_basis):
            # the 测算依据 printed on the 合计 line is the whole table's (湖南湘阴 2022)
            if _states_nothing(f3.detail_basis) and ctx.found(f3, "details"):
                yield ctx.hit(
                    f3,
                    f3.cell("detail_basis"),
                    f"测算依据「{clean_text(f3.detail_basis)}」没有写出数量、标准或算式",
                    "写明测算过程（标准 × 数量）",
                )
            continue
        for i, d in enumerate(f3.details):
            if isinstance(d.basis, str) and not is_blank(d.basis) and _states_nothing(d.basis):
                if (amount := num(d.amount)) is not None and amount != Decimal(0):
                    yield ctx.hit(
                        f3,
                        f3.place.row_cell("details", i, "basis"),
                        f"测算依据「{clean_text(d.basis)}」没有写出数量、标准或算式",
                        "写明测算过程（标准 × 数量）",
                    )
                continue
            amount = num(d.amount)
            if amount is not None and amount != Decimal(0) and is_blank(d.basis):
                yield ctx.hit(
                    f3,
                    f3.place.row_cell("details", i, "basis"),
                    f"金额 {fmt(amount)} 万元没有测算依据",
                    "写明政策依据和测算过程",
                )


rule("B402", "支出明细缺少测算依据", Severity.WARNING, basis_missing)
