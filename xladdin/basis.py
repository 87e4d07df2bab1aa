"""Evaluate the arithmetic written in 支出测算依据及过程说明, safely (no eval, linear time).

Grammar, after NFKC normalisation (full-width digits and signs become ASCII):

    chain   := factor ("*" factor)+ ["=" factor]      ×, x, X, ＊ and 乘以 count as "*"
    factor  := number [unit]                          number: 2380, 1,000, 2.7
    unit    := money ["/" per]* | count | time        money: 元 千元 万元 亿元

A text with one product chain and no other sums of money is a *product* ("2380元/人/月*12个月
*112人=320万元"). Otherwise every sum of money outside a chain, and each chain's result, is a
*part*, and the parts are added ("春节慰问部队10万元，…2.7万元，…1.3万元"). Numbers without a money
unit outside a chain (〔2019〕65号, 第54次) never count. Amounts are converted to 万元. A sum written
again after 「=」 is the same sum, not another part: "5000元=0.5万元" is one part (the 0.5 万元 after
「=」), and "…=160000元=16万元" keeps the first result.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from xladdin.units import HEAD_COUNT_UNITS, MONEY_YUAN, UNITS

MAX_CHARS = 10_000
MAX_FACTORS = 50
MAX_DIGITS = 15

MONEY = MONEY_YUAN
WAN = Decimal(10000)
COUNT_UNITS = HEAD_COUNT_UNITS  # head counts a calculation names ("112人"); not 次/期/月
_PER = "|".join(re.escape(u) for u in sorted({*UNITS["count"], *UNITS["time"]}, key=len, reverse=True))
_MONEY_UNITS = "|".join(sorted(MONEY_YUAN, key=len, reverse=True))

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"\s*(?P<unit>(?:{_MONEY_UNITS})(?:/(?:{_PER}))*"
    rf"|{_PER})?"
    r"|(?P<mul>[*xX×]|乘以)"
    r"|(?P<eq>=)"
    r"|(?P<stop>[。；;\n])"
)
_APPROX = re.compile(r"约|大约|左右|近|大概|大致")


class Count(NamedTuple):
    """A count a 测算依据 names: 16人."""

    number: Decimal
    unit: str


class Calculation(NamedTuple):
    """What a 测算依据 works out to, in 万元, and how it was read."""

    kind: str  # "product" | "parts"
    computed_wan: Decimal
    stated_wan: Decimal | None
    approx: bool
    counts: tuple[Count, ...]
    parts: tuple[Decimal, ...]
    expression: str
    rates: tuple[Count, ...] = ()  # unit standards in the chains: 2380 元/人/月, 10000 元/人


class _Factor(NamedTuple):
    """One number of a product, with its unit and where it stands in the text."""

    value: Decimal
    unit: str
    start: int
    end: int

    @property
    def money(self) -> Decimal | None:
        base = self.unit.split("/")[0]
        return MONEY.get(base)


def _number(text: str) -> Decimal | None:
    digits = text.replace(",", "")
    if len(digits.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _tidy(d: Decimal) -> Decimal:
    """320 rather than 3.2E+2."""
    d = d.normalize()
    exponent = d.as_tuple().exponent
    return d.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else d


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    return text.replace("＊", "*").replace("✕", "*")


class _Chain(NamedTuple):
    """Factors multiplied one after another, and the result written after them."""

    factors: list[_Factor]
    result: _Factor | None
    approx: bool

    def value_yuan(self) -> Decimal | None:
        money = [f for f in self.factors if f.money is not None]
        if len(money) > 1:
            return None
        scale = money[0].money if money else (self.result.money if self.result else None)
        if scale is None:
            return None
        product = Decimal(1)
        for f in self.factors:
            product *= f.value
        return product * scale

    def stated_yuan(self) -> Decimal | None:
        if self.result is None or self.result.money is None:
            return None
        return self.result.value * self.result.money


def _scan(text: str) -> tuple[list[_Chain], list[_Factor]]:
    """Product chains and the lone sums of money outside them."""
    chains: list[_Chain] = []
    lone: list[_Factor] = []
    sentence_start = 0
    current: list[_Factor] = []
    pending_mul = False
    pending_eq = False
    result: _Factor | None = None
    # just after a result, 「=16万元」 restates it (16人×10000元/人=160000元=16万元): not another sum
    after_result = restating = False

    def close(end: int) -> None:
        nonlocal current, result, pending_mul, pending_eq, after_result, restating
        if len(current) >= 2:
            approx = bool(_APPROX.search(text, sentence_start, end))
            chains.append(_Chain(current[:MAX_FACTORS], result, approx))
        elif result is not None and result.money is not None:
            lone.append(result)  # one sum restated after 「=」 (5000元=0.5万元) counts once, as restated
        else:
            lone.extend(f for f in current if f.money is not None)
        current, result, pending_mul, pending_eq = [], None, False, False
        after_result = restating = False

    last_end = 0
    for m in _TOKEN.finditer(text):
        gap = text[last_end : m.start()]
        if gap.strip() and not pending_mul and not pending_eq and not restating:
            close(m.start())  # words between two numbers end a chain
        last_end = m.end()
        if m.group("num"):
            value = _number(m.group("num"))
            if value is None:
                continue
            if restating:
                restating = False
                continue
            after_result = False
            factor = _Factor(value, m.group("unit") or "", m.start(), m.end())
            if pending_eq:
                result = factor
                close(m.end())
                after_result = True
            elif pending_mul or not current:
                current.append(factor)
                pending_mul = False
            else:
                close(m.start())
                current.append(factor)
        elif m.group("mul"):
            pending_mul = bool(current)
        elif m.group("eq"):
            pending_eq = bool(current)
            restating = after_result
        else:  # end of a sentence
            close(m.start())
            sentence_start = m.end()
    close(len(text))
    return chains, lone


def evaluate(text: str) -> Calculation | None:
    """The calculation in ``text``, or None when it holds no sum of money to check."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        norm = _normalise(text)
        chains, lone = _scan(norm)
    except (InvalidOperation, ValueError, OverflowError):
        return None
    counts = tuple(Count(f.value, f.unit) for c in chains for f in c.factors if f.unit in COUNT_UNITS)
    rates = tuple(Count(f.value, f.unit) for c in chains for f in c.factors if f.money is not None and "/" in f.unit)
    valued = [(c, c.value_yuan()) for c in chains]
    valued = [(c, v) for c, v in valued if v is not None]
    if len(valued) == 1 and not lone:
        chain, yuan = valued[0]
        stated = chain.stated_yuan()
        end = chain.result.end if chain.result else chain.factors[-1].end
        return Calculation(
            "product",
            _tidy(yuan / WAN),
            _tidy(stated / WAN) if stated is not None else None,
            chain.approx,
            counts,
            (),
            norm[chain.factors[0].start : end],
            rates,
        )
    parts: list[tuple[int, Decimal]] = []
    for chain, yuan in valued:
        stated = chain.stated_yuan()
        parts.append((chain.factors[0].start, (stated if stated is not None else yuan) / WAN))
    for f in lone:
        parts.append((f.start, f.value * (f.money or Decimal(1)) / WAN))
    if not parts:
        return None
    parts.sort()
    values = tuple(_tidy(p) for _, p in parts)
    total = sum(values, Decimal(0))
    return Calculation(
        "parts",
        _tidy(total),
        None,
        any(c.approx for c, _ in valued),
        counts,
        values,
        "＋".join(f"{v:f}" for v in values),
        rates,
    )


def _places(amount: Decimal) -> int:
    exponent = amount.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def matches(calc: Calculation, amount_wan: Decimal, tolerance: Decimal, relative: Decimal) -> bool:
    """Whether the calculation gives ``amount_wan`` (万元) within ``tolerance`` (万元). With "约",
    the computed value may round to the amount at the amount's own precision, or differ from it by
    at most ``relative`` of it (settings ``amounts.tolerance`` and ``amounts.approx_relative``)."""
    if abs(calc.computed_wan - amount_wan) <= tolerance:
        return True
    if not calc.approx:
        return False
    quantum = Decimal(1).scaleb(-_places(amount_wan))
    if calc.computed_wan.quantize(quantum, rounding=ROUND_HALF_UP) == amount_wan:
        return True
    return amount_wan != 0 and abs(calc.computed_wan - amount_wan) / abs(amount_wan) <= relative
