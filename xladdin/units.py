"""Every unit a value on the forms may carry, in ONE table.

The 指标值 rules (what a value is, whether a 数量指标 counts something, whether a 计量单位
contradicts its value), the 测算依据 parser and the safe fixes all read this table; no other module
lists units. Texts are compared after NFKC normalisation, so the full-width ％ is the ASCII %.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: kind → the units of that kind, as real bureaus print them.
UNITS: dict[str, tuple[str, ...]] = {
    # percentages: 「95%」, Gansu's 「=100百分比」
    "percent": ("%", "百分比", "个百分点", "百分点", "‰"),
    # money, with its worth in 元 (MONEY_YUAN)
    "money": ("万元", "亿元", "千元", "元"),
    # things and people counted (a 数量指标 carries one of these or a time unit)
    "count": (
        "万人次",
        "人次",
        "户次",
        "批次",
        "万人",
        "千人",
        "人",
        "名",
        "户",
        "个",
        "次",
        "场",
        "篇",
        "台",
        "辆",
        "所",
        "处",
        "家",
        "项",
        "座",
        "件",
        "套",
        "张",
        "本",
        "册",
        "部",
        "批",
        "期",
        "份",
        "间",
        "栋",
        "株",
        "棵",
        "只",
        "头",
        "条",
        "块",
        "床",
        "村",
        "所学校",
        "类",
        "种",
        "宗",
        "起",
        "例",
        "支",
        "队",
        "组",
        "门",
        "幅",
        "届",
        "轮",
        "份次",
        "万户",
        "万件",
        "单",  # 订单, 业务单
    ),
    # durations and deadlines: 「=300天」, 「12个月」
    "time": ("个工作日", "工作日", "个月", "小时", "分钟", "季度", "天", "日", "月", "年", "周"),
    # physical measures
    "measure": (
        "万平方米",
        "万立方米",
        "万公顷",
        "万亩",
        "万吨",
        "万千瓦",
        "平方公里",
        "平方米",
        "立方米",
        "公里",
        "延米",
        "千米",
        "公顷",
        "亩",
        "米",
        "吨",
        "千瓦",
        "千克",
        "公斤",
        "斤",
        "升",
        "km",
        "KM",
        "m",
        "M",
    ),
}

#: What one unit of money is worth in 元.
MONEY_YUAN: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(10) ** 8,
}

#: Words in an indicator's name that say which count unit its value should carry (for a bare
#: number: 「烈士墓数量」 = 1 → 1座). Names containing a count unit itself use that unit.
NAME_HINTS: dict[str, str] = {"墓": "座", "名": "人", "人员": "人", "学生": "人", "对象": "人", "企业": "家"}

#: unit → kind; when a unit appears under two kinds the first listed wins.
UNIT_KIND: dict[str, str] = {}
for _kind, _units in UNITS.items():
    for _u in _units:
        UNIT_KIND.setdefault(_u, _kind)

#: Every unit, longest first (for matching a unit at the start of a text).
ALL_UNITS: tuple[str, ...] = tuple(sorted(UNIT_KIND, key=len, reverse=True))
#: The lengths units have, longest first: the longest unit a text starts with is found by looking up
#: its first characters, each length in turn (far cheaper than trying every unit).
UNIT_LENGTHS: tuple[int, ...] = tuple(sorted({len(u) for u in UNIT_KIND}, reverse=True))


def unit_at(text: str, start: int = 0) -> str:
    """The longest unit ``text`` has at ``start`` (the first of :data:`ALL_UNITS` it starts with
    there), or ''."""
    for n in UNIT_LENGTHS:
        if start + n <= len(text) and text[start : start + n] in UNIT_KIND:
            return text[start : start + n]
    return ""


#: Count units of people and things, the head counts a 测算依据 names (not 次/期: those count events).
HEAD_COUNT_UNITS: tuple[str, ...] = tuple(u for u in UNITS["count"] if u not in ("次", "期", "批次", "轮", "届"))

#: A unit at the start of a text, longest first, as a regular expression alternation.
UNIT_PATTERN = "|".join(re.escape(u) for u in ALL_UNITS)


def unit_kind(unit: str) -> str | None:
    """The kind of ``unit`` ('percent', 'money', 'count', 'time', 'measure'), or None.

    A compound unit is judged by its head: 「元/人/月」 is money, 「人/年」 a count."""
    unit = unit.strip()
    if not unit:
        return None
    if unit in UNIT_KIND:
        return UNIT_KIND[unit]
    head = unit.split("/")[0]
    if head in UNIT_KIND:
        return UNIT_KIND[head]
    u = unit_at(unit)  # 「人以上」, 「个（处）」
    return UNIT_KIND[u] if u else None


#: the unit in brackets; a template placeholder before it (「(≥**%)」「(≤××万元)」) still names the unit
_NAME_UNIT = re.compile(
    r"[(（]\s*(?:单位\s*[:：]?\s*)?(?:[≤≥<>=]=?\s*)?(?:[*＊×xX]+|…+)?\s*(" + UNIT_PATTERN + r")\s*[)）]"
)


def name_unit(name: str) -> str:
    """The unit an indicator's name carries in brackets (「造林面积(亩)」 → 亩, 「培训人次（人次）」 →
    人次, 「覆盖率(%)」 → %, a placeholder left in: 「成活率(≥**%)」 → %), or ''."""
    m = _NAME_UNIT.search(name)
    return m.group(1) if m else ""


def count_unit_for(name: str) -> str:
    """The count unit a bare number under the indicator ``name`` most likely means."""
    for u in sorted(UNITS["count"], key=len, reverse=True):
        if u in name and u not in ("个", "部", "门", "类", "种", "起", "支", "组", "名"):
            return u
    for hint, unit in NAME_HINTS.items():
        if hint in name:
            return unit
    return "个"
