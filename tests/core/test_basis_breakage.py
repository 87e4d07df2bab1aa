"""The 测算依据 parser (xladdin/basis.py) against breakage found by mutation testing (scripts/mutation).

Every expected value is worked out by hand from the text: 1 万元 = 10,000 元, 1 千元 = 1,000 元,
1 亿元 = 10,000 万元; the tolerances are the documented defaults (0.005 万元; 1 % with 「约」).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from xladdin import basis
from xladdin.basis import Count, evaluate

TOL, REL = Decimal("0.005"), Decimal("0.01")


def test_the_seed_product_names_its_expression_rates_and_counts():
    c = evaluate("资金由区财政保障。工资、社保约2380元/人/月*12个月*112人=320万元")
    # 2380 × 12 × 112 = 3,198,720 元 = 319.872 万元; the stated 320 万元 kept apart
    assert c.expression == "2380元/人/月*12个月*112人=320万元"
    assert c.rates == (Count(Decimal(2380), "元/人/月"),)
    assert c.counts == (Count(Decimal(112), "人"),)  # 12个月 is a time, not a head count
    assert str(c.computed_wan) == "319.872" and str(c.stated_wan) == "320"  # never 3.2E+2
    assert c.parts == ()


def test_a_product_without_a_stated_result():
    c = evaluate("16人×10000元/人")
    assert (c.kind, c.computed_wan, c.stated_wan, c.approx) == ("product", Decimal(16), None, False)
    assert c.expression == "16人×10000元/人"


@pytest.mark.parametrize(
    ("text", "wan"),
    [
        ("3乘以1000元", Decimal("0.3")),  # 乘以 is a times sign
        ("4X2500元", Decimal(1)),
        ("2✕5000元", Decimal(1)),
        ("3千元", Decimal("0.3")),
        ("0.5亿元", Decimal(5000)),
        ("3*4=12万元", Decimal(12)),  # only the result names the money: 3 × 4 = 12, in 万元
        ("123456789012345元", Decimal("12345678901.2345")),  # 15 digits still count
    ],
)
def test_units_and_signs(text, wan):
    assert evaluate(text).computed_wan == wan


def test_too_many_digits_or_no_money_is_nothing_to_check():
    assert evaluate("1234567890123456元") is None  # 16 digits: not read as an amount
    assert evaluate("10元*20元") is None  # two sums of money multiplied mean nothing
    assert evaluate("3人*4个月") is None  # a product with no money at all
    assert evaluate("   ") is None
    assert evaluate(None) is None  # type: ignore[arg-type]


def test_parts_keep_the_order_of_the_text_and_use_stated_results():
    # 2人×1000元 = 2000 元 (0.2 万元) but 2500 元 written: 0.25; then 10 万元 and 3 千元 (0.3 万元)
    c = evaluate("培训2人×1000元=2500元；资料费10万元；印刷3千元")
    assert c.kind == "parts"
    assert c.parts == (Decimal("0.25"), Decimal(10), Decimal("0.3"))
    assert c.computed_wan == Decimal("10.55")
    assert c.expression == "0.25＋10＋0.3"
    assert c.stated_wan is None and c.approx is False
    assert c.counts == (Count(Decimal(2), "人"),)


def test_approximation_is_read_per_sentence():
    assert evaluate("约有10人参加。5人*1000元=5000元").approx is False  # 约 belongs to the first sentence
    assert evaluate("大约5人*1000元").approx is True
    two = evaluate("甲：大约5人*1000元；乙：6人*1000元")
    assert (two.kind, two.approx, two.computed_wan) == ("parts", True, Decimal("1.1"))


def test_words_between_numbers_end_a_chain():
    # "3人 共计 1000元" is no product: only the sum of money counts
    c = evaluate("3人共计1000元")
    assert (c.kind, c.computed_wan) == ("parts", Decimal("0.1"))


@pytest.mark.parametrize(
    ("text", "amount", "ok"),
    [
        ("5人*1000元", Decimal("0.5"), True),  # 0.5 万元
        ("5人*1000元", Decimal("0.505"), True),  # exactly the tolerance away
        ("5人*1000元", Decimal("0.506"), False),
        ("5人*1000元", Decimal("0.494"), False),
        ("1000人*1000元", Decimal("99.1"), False),  # 100 万元: 0.9 away, no 「约」
        ("约1000人*1000元", Decimal("99.1"), True),  # 0.9 / 99.1 = 0.91 % ≤ 1 %
        ("约1000人*1000元", Decimal("98.9"), False),  # 1.1 / 98.9 = 1.11 % > 1 %
        ("约102人*1000元", Decimal(10), True),  # 10.2 rounds to 10 at whole 万元
        ("约104人*1000元", Decimal("10.3"), True),  # 10.4 vs 10.3: 0.1 / 10.3 = 0.97 %
        ("约106人*1000元", Decimal("10.4"), False),  # 10.6 vs 10.4: 1.9 %, and 10.6 ≠ 10.4 at one place
        ("约104人*1000元", Decimal(10), True),  # 10.4 (4 % off) still rounds to 10
        ("约105人*1000元", Decimal(10), False),  # 10.5 rounds half up to 11; 5 % off
        ("约95人*1000元", Decimal(10), True),  # 9.5 rounds half up to 10
    ],
)
def test_matches_with_the_default_tolerances(text, amount, ok):
    assert basis.matches(evaluate(text), amount, TOL, REL) is ok


def test_matches_with_a_zero_amount():
    calc = evaluate("约1人*100元")  # 0.01 万元
    assert basis.matches(calc, Decimal(0), TOL, REL) is True  # rounds to 0 at whole 万元
    calc = evaluate("约1人*10000元")  # 1 万元
    assert basis.matches(calc, Decimal(0), TOL, REL) is False  # and never divides by zero
