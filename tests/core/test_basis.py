"""The 测算依据 parser: the seed's six texts, variants, and properties (hypothesis)."""

from __future__ import annotations

import time
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xladdin import basis
from xladdin.basis import Count, evaluate


def matches(calc, amount: Decimal) -> bool:
    """With the documented defaults (default_config.toml): 0.005 万元, 1% with 「约」."""
    return basis.matches(calc, amount, Decimal("0.005"), Decimal("0.01"))


SEED = {
    "城镇": "依据区第五届人民政府第54次常务会议精神，资金由区财政保障。工资、社保约2380元/人/月*12个月*112人=320万元",
    "大学生": "依据《中共株洲市委 株洲市人民政府 株洲军分区 关于进一步加强征兵工作的实施意见》"
    "（株发〔2011〕19号）文件精神，16人×10000元/人=160000元",
    "困难": "春节慰问部队10万元，慰问部分需褒扬或困难退役军人2.7万元，慰问企业军转干部1.3万元。\n"
    "八一慰问部队10万元，慰问部分需褒扬或困难退役军人2.7万元，慰问企业军转干部1.3万元。",
    "优抚": "依据《湖南省实施〈军人抚恤优待条例〉》、《关于进一步加强征兵工作的通知》株石办〔2019〕65号"
    "等文件精神发放抚恤、补助金。抚恤、补助对象身份不同，标准不同，区级财政负担比例也不相同。"
    "义务兵优待、大学生入伍奖励、征兵奖励80万元；军休人员经费60万元；退役士兵一次性经济补偿150万元；"
    "抚恤、精神伤残军人护理费、退役安置、社保接续等55万元",
}


def test_product_with_approximation():
    c = evaluate(SEED["城镇"])
    assert (c.kind, c.computed_wan, c.stated_wan, c.approx) == ("product", Decimal("319.872"), Decimal(320), True)
    assert c.counts == (Count(Decimal(112), "人"),)
    assert matches(c, Decimal(320)) and not matches(c, Decimal(330))


def test_product_in_yuan_ignores_document_numbers():
    c = evaluate(SEED["大学生"])
    assert (c.kind, c.computed_wan, c.stated_wan, c.approx) == ("product", Decimal(16), Decimal(16), False)
    assert c.counts == (Count(Decimal(16), "人"),)
    assert matches(c, Decimal(16)) and not matches(c, Decimal(20))


def test_listed_parts():
    c = evaluate(SEED["困难"])
    assert c.kind == "parts" and c.computed_wan == Decimal(28)
    assert c.parts == tuple(Decimal(x) for x in ("10", "2.7", "1.3", "10", "2.7", "1.3"))
    c = evaluate(SEED["优抚"])
    assert c.parts == (Decimal(80), Decimal(60), Decimal(150), Decimal(55))
    assert matches(c, Decimal(345)) and not matches(c, Decimal(340))


def test_no_arithmetic():
    assert evaluate("依据《中华人民共和国烈士褒扬条例》文件精神，资金由区财政保障。") is None
    assert evaluate("经开区移交事项") is None
    assert evaluate("") is None


def test_variants():
    assert evaluate("１６人×１０，０００元").computed_wan == Decimal("16")  # full width
    assert evaluate("3x4x1000元").computed_wan == Decimal("1.2")
    assert evaluate("5人＊2000元").computed_wan == Decimal(1)
    assert evaluate("专项经费2亿元").computed_wan == Decimal(20000)
    assert evaluate("1,000元").computed_wan == Decimal("0.1")
    wrong = evaluate("10人*1000元/人=12000元")  # the stated result disagrees with the product
    assert wrong.computed_wan == Decimal(1) and wrong.stated_wan == Decimal("1.2")
    assert not matches(wrong, Decimal("1.2"))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text):
    evaluate(text)


def test_long_input_is_bounded():
    text = "慰问10万元，" * 5000 + "9" * 100000
    start = time.perf_counter()
    c = evaluate(text)
    assert time.perf_counter() - start < 5
    assert c is not None and c.kind == "parts"


@given(st.integers(1, 10**5), st.integers(1, 10**5), st.integers(1, 10**5))
def test_product_property(a, b, c):
    calc = evaluate(f"{a}元/人/月*{b}个月*{c}人")
    assert calc.kind == "product"
    assert calc.computed_wan == Decimal(a * b * c) / 10000
    assert Count(Decimal(c), "人") in calc.counts


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100000), places=2)


@given(st.lists(amounts, min_size=1, max_size=8))
def test_parts_property(values):
    text = "，".join(f"项目{'甲乙丙丁戊己庚辛'[i]}经费{v}万元" for i, v in enumerate(values))
    calc = evaluate(text)
    assert calc.kind == "parts"
    assert calc.computed_wan == sum(values, Decimal(0))


@given(st.integers(1990, 2099), st.integers(1, 999), amounts)
def test_document_numbers_never_count(year, number, value):
    calc = evaluate(f"依据株发〔{year}〕{number}号文件，第{number}次会议，经费{value}万元")
    assert calc.kind == "parts" and calc.computed_wan == value
