"""The 测算依据 parser (xladdin/basis.py): where chains start and end, what counts as a stated result,
the approximation word, and the edges of ``matches``. Expected values are worked out by hand
(1 万元 = 10,000 元; defaults 0.005 万元 and 1 % with 「约」)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xladdin.basis import Count, evaluate, matches

TOL, REL = Decimal("0.005"), Decimal("0.01")


def test_two_numbers_with_only_a_space_between_are_no_product():
    c = evaluate("3人 1000元")  # no times sign: 3 people, and 1000 元 on its own
    assert (c.kind, c.computed_wan, c.parts, c.counts) == ("parts", Decimal("0.1"), (Decimal("0.1"),), ())


def test_a_number_after_a_finished_product_starts_anew():
    c = evaluate("5人*1000元 2人")
    assert (c.kind, c.computed_wan, c.expression) == ("product", Decimal("0.5"), "5人*1000元")
    assert c.counts == (Count(Decimal(5), "人"),)


def test_words_after_a_times_or_equals_sign_keep_the_chain():
    c = evaluate("5人×每人1000元")
    assert (c.kind, c.computed_wan, c.expression) == ("product", Decimal("0.5"), "5人×每人1000元")
    c = evaluate("5人*1000元=共5000元")
    assert (c.kind, c.computed_wan, c.stated_wan) == ("product", Decimal("0.5"), Decimal("0.5"))
    assert c.expression == "5人*1000元=共5000元"


def test_a_result_without_money_is_no_stated_amount():
    c = evaluate("5人*1000元=5000")
    assert (c.kind, c.computed_wan, c.stated_wan, c.expression) == ("product", Decimal("0.5"), None, "5人*1000元=5000")


def test_a_rate_is_kept_when_the_text_is_parts():
    # a product and a lone sum: the calculation is its parts, 0.5 + 0.2 万元, and keeps the rate
    c = evaluate("5人*1000元/人；资料费2000元")
    assert (c.kind, c.parts, c.rates) == ("parts", (Decimal("0.5"), Decimal("0.2")), (Count(Decimal(1000), "元/人"),))


def test_the_multiplication_x_of_word_processors_is_a_times_sign():
    c = evaluate("5人✕1000元")
    assert (c.kind, c.computed_wan, c.expression) == ("product", Decimal("0.5"), "5人*1000元")


def test_a_rate_is_money_per_something():
    assert evaluate("5人*1000元").rates == ()
    assert evaluate("5人*1000元/人").rates == (Count(Decimal(1000), "元/人"),)


def test_parts_in_the_order_of_the_text():
    c = evaluate("资料费10万元；培训2人×1000元")
    assert c.parts == (Decimal(10), Decimal("0.2"))
    assert c.expression == "10＋0.2"
    assert c.computed_wan == Decimal("10.2")


def test_approximation_at_the_very_start():
    assert evaluate("约5人*1000元").approx is True
    assert evaluate("5人*1000元").approx is False


def test_fifteen_digits_with_a_decimal_point():
    assert evaluate("1234567890123.45元").computed_wan == Decimal("123456789.012345")


@pytest.mark.parametrize(
    ("text", "amount", "ok"),
    [
        # an amount read from a float cell (10.0) is 10 at whole 万元: 10.4 rounds to it
        ("约104人*1000元", Decimal("10.0"), True),
        # 10.605 vs 10.5: rounds to 10.6, but exactly 1 % off: still agrees
        ("约10605人*10元", Decimal("10.5"), True),
        ("约10606人*10元", Decimal("10.5"), False),
        # 1.54 rounds to 1.5 at the amount's one decimal place, though 2.7 % off
        ("约154人*100元", Decimal("1.5"), True),
        ("约156人*100元", Decimal("1.5"), False),
    ],
)
def test_matches_edges(text, amount, ok):
    assert matches(evaluate(text), amount, TOL, REL) is ok


def test_a_sum_restated_in_another_unit_counts_once():
    # 「5000元=0.5万元」 writes one sum twice (a product needs two factors): 0.5 万元, not 1
    c = evaluate("资料费5000元=0.5万元")
    assert (c.kind, c.parts, c.computed_wan) == ("parts", (Decimal("0.5"),), Decimal("0.5"))
    c = evaluate("印刷费3千元；资料费5000元=0.5万元")
    assert (c.parts, c.computed_wan, c.expression) == ((Decimal("0.3"), Decimal("0.5")), Decimal("0.8"), "0.3＋0.5")
    # as with a product, the sum written after 「=」 is the one that counts
    assert evaluate("资料费5000元=0.6万元").computed_wan == Decimal("0.6")
    # a count restated as money: the money
    assert evaluate("10人=5000元").computed_wan == Decimal("0.5")
    assert evaluate("5000元=10人").computed_wan == Decimal("0.5")


def test_a_result_restated_in_another_unit_counts_once():
    c = evaluate("依据区政府文件，16人×10000元/人=160000元=16万元")
    assert (c.kind, c.computed_wan, c.stated_wan) == ("product", Decimal(16), Decimal(16))
    assert c.expression == "16人×10000元/人=160000元"
    c = evaluate("培训2人×1000元=2000元=0.2万元；资料费10万元")
    assert (c.parts, c.computed_wan) == ((Decimal("0.2"), Decimal(10)), Decimal("10.2"))
    c = evaluate("资料费5000元=0.5万元=伍仟元整")  # words after the second 「=」: still the same sum
    assert (c.parts, c.computed_wan) == ((Decimal("0.5"),), Decimal("0.5"))
    c = evaluate("资料费5000元=0.5万元=共0.5万元；印刷3千元")
    assert (c.parts, c.computed_wan) == ((Decimal("0.5"), Decimal("0.3")), Decimal("0.8"))
    # a sum after words, a sentence end or a times sign is a sum of its own
    assert evaluate("资料费5000元=0.5万元，另有印刷3千元").computed_wan == Decimal("0.8")
    assert evaluate("资料费5000元=0.5万元。3千元").computed_wan == Decimal("0.8")
    assert evaluate("资料费5000元=0.5万元 3千元").computed_wan == Decimal("0.8")


def test_only_the_sign_right_after_a_result_restates_it():
    # after another sum, 「=」 gives that sum's result (the sum written after 「=」 counts)
    assert evaluate("资料费5000元=0.5万元 3千元=0.4万元").computed_wan == Decimal("0.9")
    # one restatement swallowed, the next sum counts again
    assert evaluate("资料费5000元=0.5万元=0.5万元 3千元").computed_wan == Decimal("0.8")
    # words, then 「=」: a new sum
    assert evaluate("资料费5000元=0.5万元，印刷=3千元").computed_wan == Decimal("0.8")


def test_an_approximation_word_after_a_closed_product_is_not_its_own():
    c = evaluate("5人*1000元=5000元，其他约3千元")
    assert (c.kind, c.parts, c.approx) == ("parts", (Decimal("0.5"), Decimal("0.3")), False)


def test_a_number_too_long_to_read_is_skipped_and_reading_goes_on():
    c = evaluate("1234567890123456元，资料费10万元")
    assert (c.kind, c.parts) == ("parts", (Decimal(10),))
