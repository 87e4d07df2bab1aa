"""Reading cell values the way a reviewer does: amounts, 指标值 forms, names."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from xladdin.io.formula import ERRORS
from xladdin.layout.base import MEMO_SIZE, TEXT_MEMOS, norm
from xladdin.model import CellValue
from xladdin.patterns import lazy
from xladdin.units import UNITS, unit_kind

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
#: Comparison words and signs real forms print before a number (「≥95%」, 「不低于95%」, 「=300天」).
OPERATORS = (
    "大于等于",
    "小于等于",
    "不低于",
    "不高于",
    "不少于",
    "不多于",
    "不超过",
    "不大于",
    "不小于",
    "控制在",
    "大于",
    "小于",
    "高于",
    "低于",
    "达到",
    "超过",
    "约",
    "≥",
    "≤",
    "＞",
    "＜",
    ">=",
    "<=",
    ">",
    "<",
    "=",
    "≈",
    "±",
)
_OP = "|".join(re.escape(o) for o in OPERATORS)
_QUANTITY = re.compile(rf"^(?P<op>{_OP})?\s*(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s。，；,;]{{0,12}})$")
_UNIT_AFFIX = re.compile(r"^(?:余|多|左右)|(?:及以上|以上|以下|以内|左右|及以下)$")
_COMPARE = re.compile(rf"^(?:{_OP})")
_YEARISH = re.compile(
    r"^(?:\d{4}\s*年度?(?:底|末)?(?:前|之前|以前|内)?"
    r"|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?(?:前|之前|以前|内)?"
    r"|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末)?(?:前|之前|以前|内)?)"
    # a range (「2024年6月到12月」), or a dash left open by a system print (「2023年12月31日-」)
    r"(?:\s*[-—–至到~～]\s*\S*)?[。.;；,，、]?$"
)
#: Grades a reviewer accepts as a 定性 value.
QUALITATIVE = (
    "优",
    "良",
    "中",
    "差",
    "优良",
    "优秀",
    "良好",
    "合格",
    "达标",
    "显著",
    "明显",
    "大幅",
    "较好",
    "好",
    "较差",
    "一般",
    "是",
    "否",
    "按时",
    "及时",
    "按期",
    "按月",
    "按季",
    "按年",
    "每月",
    "每季度",
    "每年",
    "完成",
    "已完成",
    "全部",
    "全覆盖",
)
#: Direction words say which way, not how much: 「提升」, 「持续」, 「有效提高」 alone are not values.
#: 「长期」 alone is one too (四川昭化 2021 可持续影响 「实现社会稳定和谐发展」=「长期」): like 长远/持续 it says the
#: effect lasts, not for how long or how much (a duration with a number, 「≥3年」, is a value).
_DIRECTION = lazy(
    r"^(?:有所|逐步|稳步|不断|进一步|得到|持续|长远|长期|有效|切实|大力|积极|全面|一定|逐年|日益|巩固|继续)*"
    r"(?:提升|提高|增加|加强|改善|增强|降低|减少|促进|推进|增长|下降|优化|加大|扩大|保障)?(?:了)?$"
)
MONEY = re.compile(r"\d\s*(?:" + "|".join(UNITS["money"]) + ")")


class Quantity(NamedTuple):
    """A 指标值 read as 「operator number unit」: 「=100百分比」 → ('=', 100, '百分比', 'percent')."""

    op: str
    number: Decimal
    unit: str
    kind: str | None  # the unit's kind (see xladdin.units), None for no or an unknown unit


_QUANTITIES: dict[str, Quantity | None] = {}
TEXT_MEMOS.append(_QUANTITIES)


def quantity(value: CellValue) -> Quantity | None:
    """``value`` as operator + number + unit, or None when it is not of that shape."""
    if type(value) is not str:
        return _quantity(value)
    try:  # each distinct text of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
        return _QUANTITIES[value]
    except KeyError:
        q = _quantity(value)
        if len(_QUANTITIES) < MEMO_SIZE:
            _QUANTITIES[value] = q
        return q


def _quantity(value: CellValue) -> Quantity | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return Quantity("", Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "", None)
        except InvalidOperation:
            return None
    m = _QUANTITY.match(value_text(value))
    if not m:
        return None
    unit = m.group("unit")
    core = _UNIT_AFFIX.sub("", unit)
    try:
        number = Decimal(m.group("num"))
    except InvalidOperation:
        return None
    return Quantity(m.group("op") or "", number, unit, unit_kind(core) if core else None)


#: The largest amount (万元) taken as a number: 10 万亿元, above any department's budget. Beyond it a
#: cell is reported, an argument refused: such a figure is a typo or a unit error, and past 15
#: significant digits Excel would not even keep it.
MAX_AMOUNT = Decimal(10) ** 9
#: Significant digits Excel keeps in a number.
EXCEL_DIGITS = 15


def checked_amount(text: object) -> Decimal:
    """An amount typed as an argument (万元): a finite number within :data:`MAX_AMOUNT`, that Excel
    stores exactly as given; ValueError (Chinese) otherwise."""
    raw = clean_text(text).replace(",", "").removesuffix("万元").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"金额「{text}」不是数字（单位：万元）") from None
    if not value.is_finite():
        raise ValueError(f"金额「{text}」不是有限的数字（单位：万元）")
    if value < 0:
        raise ValueError(f"金额「{text}」无效：应为不小于 0 的数字（万元）")
    if value > MAX_AMOUNT:
        raise ValueError(f"金额「{text}」大得不合常理（上限 {MAX_AMOUNT:,} 万元），请检查单位")
    value = Decimal(format(value.normalize(), "f")) if value else Decimal(0)
    if Decimal(repr(float(value))) != value:
        raise ValueError(f"金额「{text}」的位数超过 Excel 能保存的 {EXCEL_DIGITS} 位有效数字，请四舍五入后再填")
    return value


#: A text Excel would not keep as typed when given as a cell's value: a formula (= + - @), a
#: number, a percentage, a date or time, a fraction, or a text already starting with ' .
_EXCEL_WOULD_CONVERT = lazy(
    r"""^\s*(?:[=+\-@'].*
    |[$¥€]?\(?[\d.,]+\)?\s*%?
    |\d[\d\s]*[-/.:]\s*\d.*
    |(?:TRUE|FALSE|true|false|True|False)
    |\#\w.*
    )\s*$""",
    re.VERBOSE | re.DOTALL,
)


def excel_literal(value: CellValue) -> CellValue:
    """A value to give Excel (xlwings ``range.value``) so that text stays the same text: such a
    string gets Excel's text prefix ``'`` (not part of the value), everything else is returned
    as is. For files use :func:`xladdin.io.openpyxl_writer.set_value` (a string cell, no prefix)."""
    if isinstance(value, str) and value and _EXCEL_WOULD_CONVERT.match(value):
        return "'" + value
    return value


class Amount(NamedTuple):
    """An amount cell read as a reviewer would: ``number`` is what Excel would add up (None for
    text); ``parsed`` is what a text amount says, when it can be read."""

    number: Decimal | None
    parsed: Decimal | None = None
    problem: str | None = None  # Chinese: why the cell is not a proper amount


_CLEANED: dict[str, str] = {}
TEXT_MEMOS.append(_CLEANED)


def clean_text(value: CellValue) -> str:
    if value is None:
        return ""
    if type(value) is str:  # each distinct text of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
        out = _CLEANED.get(value)
        if out is None:
            out = unicodedata.normalize("NFKC", value).strip()
            if len(_CLEANED) < MEMO_SIZE:
                _CLEANED[value] = out
        return out
    return unicodedata.normalize("NFKC", str(value)).strip()


#: Punctuation a clerk ends a cell with; a reviewer reads 「95%以上。」 as 「95%以上」.
_TRAILING = "。.，,；;、!！ "


#: Comparison signs of other fonts read as ours: 「≧95%」 (U+2267, 重庆巴南 2022) is 「≥95%」.
_SIGNS = str.maketrans({"≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤"})


_VALUE_TEXTS: dict[str, str] = {}
TEXT_MEMOS.append(_VALUE_TEXTS)


def value_text(value: CellValue) -> str:
    """A 指标值 as a reviewer reads it: :func:`clean_text` without trailing punctuation, the signs
    ≧ ≦ read as ≥ ≤."""
    if type(value) is not str:
        return clean_text(value).rstrip(_TRAILING).translate(_SIGNS)
    text = _VALUE_TEXTS.get(value)  # each distinct text of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
    if text is None:
        text = clean_text(value).rstrip(_TRAILING).translate(_SIGNS)
        if len(_VALUE_TEXTS) < MEMO_SIZE:
            _VALUE_TEXTS[value] = text
    return text


#: Grade words that make a 定性 value with or without a subject (「明显」, 「影响程度明显」,
#: 「效果显著」, 「服务质量良好」, 「明显提升」, 「得到显著改善」).
GRADE_WORDS = ("显著", "明显", "良好", "优良", "优秀", "较好", "合格", "达标", "大幅", "优")
_GRADE = re.compile(
    r"^(?P<subject>[^\d，。、；,;:：()（）]{0,8}?)(?:有|得到|取得|实现)?"
    r"(?P<grade>" + "|".join(GRADE_WORDS) + r")"
    r"(?:提升|提高|改善|增强|增加|加强|降低|减少|下降|增长|好转|改观|变化)?(?:以上)?$"
)


def grade(value: CellValue) -> str | None:
    """The 定性 grade a value states (显著/明显/良好/优…), with or without a subject: 「明显」,
    「影响程度明显」, 「显著提高」 → 明显 / 明显 / 显著; None for anything else. One reading for every
    rule (a grade with a subject is the same grade)."""
    if not isinstance(value, str):
        return None
    m = _GRADE.match(norm(value_text(value)))
    return m.group("grade") if m else None


_AMOUNTS: dict[tuple[type, str | int | float], Amount] = {}
TEXT_MEMOS.append(_AMOUNTS)


def amount(value: CellValue) -> Amount:
    """An amount cell (万元)."""
    kind = type(value)
    if not (kind is str or kind is int or (kind is float and value)) or value != value:
        return _amount(value)  # None, True, 0.0 (one key with -0.0), NaN (never found again)
    key = (kind, value)
    read = _AMOUNTS.get(key)  # each distinct value of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
    if read is None:
        read = _amount(value)
        if len(_AMOUNTS) < MEMO_SIZE:
            _AMOUNTS[key] = read
    return read


def _amount(value: CellValue) -> Amount:
    if value is None or value == "":
        return Amount(None)
    if isinstance(value, bool):
        return Amount(None, None, "金额不能是逻辑值")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return Amount(None, None, "金额不是有效数字（溢出或非数）")
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            return Amount(None, None, "金额不是有效数字")
        if abs(number) > MAX_AMOUNT:
            return Amount(None, None, f"金额大得不合常理（超过 {MAX_AMOUNT:,} 万元），请检查单位和数字")
        return Amount(number)
    text = str(value)
    if text in ERRORS:
        return Amount(None, None, f"单元格显示错误值 {text}")
    cleaned = clean_text(text).replace(",", "").replace("¥", "").replace(" ", "")
    unit = Decimal(1)
    for suffix, factor in (
        ("万元", Decimal(1)),
        ("亿元", Decimal(10000)),
        ("元", Decimal("0.0001")),
        ("万", Decimal(1)),
    ):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            unit = factor
            break
    try:
        parsed = Decimal(cleaned) * unit if _NUMBER.fullmatch(cleaned) else None
    except InvalidOperation:
        parsed = None
    if parsed is not None and abs(parsed) > MAX_AMOUNT:
        return Amount(None, None, "金额是文字而不是数字，且大得不合常理")
    if parsed is not None:
        return Amount(None, parsed.normalize(), "金额是文字而不是数字，合计公式不会计入它")
    return Amount(None, None, "金额不是数字")


def fmt(d: object) -> str:
    """An amount for messages: 1184.26, 320, -2.5; any other value as it reads ("#REF!")."""
    if d is None or d == "":
        return "空"
    if isinstance(d, bool) or not isinstance(d, Decimal | float | int):
        return f"「{d}」"
    try:
        return format(Decimal(str(d)).quantize(Decimal("0.0001")).normalize(), "f")
    except (InvalidOperation, ValueError):
        return str(d)


def is_blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def percent(value: CellValue) -> Decimal | None:
    """The number of a percentage value (「100%」, 「≥95%」, 「=100百分比」, 「不低于95%」)."""
    if not isinstance(value, str):
        return None
    return percent_of(quantity(value))


def percent_of(q: Quantity | None) -> Decimal | None:
    """:func:`percent` of a value already parsed by :func:`quantity`."""
    if q is not None and q.unit in _RATIO_UNITS and 0 <= q.number <= 1:
        return q.number * 100  # the budget system's ratio notation: 「≥0.97比例」 is ≥97%
    return q.number if q is not None and q.kind == "percent" else None


#: Units the budget system prints after a ratio written as a fraction of one (「≥0.97比例」).
_RATIO_UNITS = ("比例", "比率")


def is_direction(value: CellValue) -> bool:
    """A direction word alone (「提升」, 「持续」, 「有效提高」): which way, not how much."""
    if not isinstance(value, str):
        return False
    text = norm(value_text(value))
    return bool(text) and len(text) <= 10 and bool(_DIRECTION.match(text))


_KINDS: dict[str, str] = {}
TEXT_MEMOS.append(_KINDS)


def value_kind(value: CellValue) -> str:
    """What a 指标值 is: 'blank', 'number' (bare), 'number_unit', 'percent', 'compare', 'date',
    'qualitative', 'direction', 'error' or 'prose'."""
    if type(value) is not str:
        return _value_kind(value)
    kind = _KINDS.get(value)  # each distinct text of a workbook once (``xladdin.layout.base.TEXT_MEMOS``)
    if kind is None:
        kind = _value_kind(value)
        if len(_KINDS) < MEMO_SIZE:
            _KINDS[value] = kind
    return kind


def _value_kind(value: CellValue) -> str:
    if is_blank(value):
        return "blank"
    if isinstance(value, bool):
        return "prose"
    if isinstance(value, int | float):
        return "number"
    text = value_text(value)
    if clean_text(value) in ERRORS:
        return "error"
    q = quantity(text)  # read once: a percentage is a quantity in per cent (:func:`percent`)
    if q is not None and q.kind == "percent":
        return "percent"
    if _NUMBER.fullmatch(text):
        return "number"
    if _YEARISH.match(text):
        return "date"
    if q is not None:
        return "compare" if q.op and not q.unit else "number_unit" if q.unit else "number"
    if is_direction(text):
        return "direction"
    if _COMPARE.match(text) and len(text) <= 20:
        return "compare"
    if text in QUALITATIVE or (len(text) <= 6 and any(text.startswith(q) for q in QUALITATIVE)) or grade(text):
        return "qualitative"
    return "prose"


def has_count_unit(value: CellValue) -> bool:
    """The value counts something: a count, time or measure unit after its number (「=300天」)."""
    q = quantity(value)
    return q is not None and q.kind in ("count", "time", "measure")


def same_text(a: CellValue, b: CellValue) -> bool:
    """Equal once white space and full-width forms are ignored."""
    return norm(clean_text(a)) == norm(clean_text(b))


_PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def plain_number(text: str) -> int | float | None:
    """「2」 → 2, 「1326.19」 → 1326.19, 「-3」 → -3; None for anything that is not just a number
    (no separators, units or exponents: callers strip what they accept first)."""
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        d = Decimal(text)
    except InvalidOperation:
        return None
    return int(d) if d == d.to_integral_value() and "." not in text else float(d)


_CN_YEARS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_N_YEARS = re.compile(r"^(?:共|为期)?(\d{1,2}|[一两二三四五])\s*(?:个)?年(?:期)?$")
_ONE_YEAR_TEXT = re.compile(r"^(20\d{2})\s*年度?$")
_YEAR_SPAN = re.compile(r"^(20\d{2})\s*年?\s*(?:-|—|–|~|～|至|到)\s*(20\d{2})\s*年?$")


def period_years(value: CellValue) -> int | None:
    """How many years a 项目期/实施期 text says the project runs: 「3年」 → 3, 「一年」 → 1, 「2021年」
    → 1, 「2019-2021年」 → 3; None when it does not say so plainly (months, dates, words)."""
    text = norm(clean_text(value))
    if not text:
        return None
    if m := _N_YEARS.match(text):
        n = m.group(1)
        return int(n) if n.isdigit() else _CN_YEARS[n]
    if _ONE_YEAR_TEXT.match(text):
        return 1
    if m := _YEAR_SPAN.match(text):
        first, last = int(m.group(1)), int(m.group(2))
        return last - first + 1 if last >= first else None
    return None
