"""Reading cell values the way a reviewer does: amounts, 指标值 forms, names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from xladdin.io.formula import ERRORS
from xladdin.layout.base import norm
from xladdin.model import CellValue
from xladdin.units import MONEY as MONEY_YUAN
from xladdin.units import QUANTITY_CHARS, QUANTITY_WORDS

_COUNT_UNIT = re.compile(rf"[{QUANTITY_CHARS}]|{'|'.join(QUANTITY_WORDS)}")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_PERCENT = re.compile(r"^(?:[≥≤=＞＜><]=?\s*)?([-+]?\d+(?:\.\d+)?)\s*[%％]$")
_COMPARE = re.compile(r"^(?:[≥≤=＞＜><]|不低于|不高于|不少于|不超过|大于|小于|高于|低于|达到|控制在)")
_YEARISH = re.compile(
    r"^(?:\d{4}\s*年(?:度|底|末|内)?"
    r"|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:前|底|末|内)?"
    r"|\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:前|底|末|内)?)"
    r"(?:\s*[-—至~]\s*\S+)?$"
)
_NUMBER_UNIT = re.compile(
    r"^(?:[≥≤=＞＜><]=?\s*|约|不少于|不低于|不超过|达到)?"
    r"[-+]?\d+(?:\.\d+)?\s*(?:[^\d\s。，；,;]{1,8})?$"
)
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
    "较好",
    "好",
    "较差",
    "一般",
    "有所提高",
    "有效提升",
    "逐步提高",
    "稳步提升",
    "持续",
    "长期",
    "是",
    "否",
    "提高",
    "提升",
    "改善",
    "降低",
    "按时",
    "及时",
    "按期",
    "完成",
    "已完成",
    "全部",
    "全覆盖",
)
MONEY = re.compile(r"\d\s*(?:万元|亿元|元)")


@dataclass(frozen=True)
class Amount:
    """An amount cell read as a reviewer would: ``number`` is what Excel would add up (None for
    text); ``parsed`` is what a text amount says, when it can be read."""

    number: Decimal | None
    parsed: Decimal | None = None
    problem: str | None = None  # Chinese: why the cell is not a proper amount


def clean_text(value: CellValue) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""


def amount(value: CellValue) -> Amount:
    """An amount cell (万元)."""
    if value is None or value == "":
        return Amount(None)
    if isinstance(value, bool):
        return Amount(None, None, "金额不能是逻辑值")
    if isinstance(value, int | float):
        try:
            return Amount(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
        except InvalidOperation:
            return Amount(None, None, "金额不是有效数字")
    text = str(value)
    if text in ERRORS:
        return Amount(None, None, f"单元格显示错误值 {text}")
    cleaned = clean_text(text).replace(",", "").replace("¥", "").replace(" ", "")
    unit = Decimal(1)
    for suffix in ("万元", "亿元", "元"):  # longest first: "万元" also ends with "元"
        factor = MONEY_YUAN[suffix] / MONEY_YUAN["万元"]
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            unit = factor
            break
    try:
        parsed = Decimal(cleaned) * unit if _NUMBER.fullmatch(cleaned) else None
    except InvalidOperation:
        parsed = None
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
    """The number of a percentage value ("100%", "≥95%"); a number cell formatted as % reads 1.0."""
    m = _PERCENT.match(clean_text(value))
    return Decimal(m.group(1)) if m else None


def value_kind(value: CellValue) -> str:
    """What a 指标值 is: 'blank', 'number' (bare), 'number_unit', 'percent', 'compare', 'date',
    'qualitative', 'error' or 'prose'."""
    if is_blank(value):
        return "blank"
    if isinstance(value, bool):
        return "prose"
    if isinstance(value, int | float):
        return "number"
    text = clean_text(value)
    if text in ERRORS:
        return "error"
    if percent(text) is not None:
        return "percent"
    if _NUMBER.fullmatch(text):
        return "number"
    if _YEARISH.match(text):
        return "date"
    if _COMPARE.match(text) and len(text) <= 20:
        return "compare"
    if _NUMBER_UNIT.match(text):
        return "number_unit"
    if text in QUALITATIVE or (len(text) <= 6 and any(text.startswith(q) for q in QUALITATIVE)):
        return "qualitative"
    return "prose"


def has_count_unit(value: CellValue) -> bool:
    text = clean_text(value)
    m = _NUMBER.search(text)
    return bool(m and _COUNT_UNIT.search(text[m.end() :]))


def same_text(a: CellValue, b: CellValue) -> bool:
    """Equal once white space and full-width forms are ignored."""
    return norm(clean_text(a)) == norm(clean_text(b))
