"""One table of the units the forms write: money, what a head count counts, what a 数量指标 may
carry, and the unit an indicator's name suggests."""

from __future__ import annotations

from decimal import Decimal

#: Money units, in 元 (the forms' amounts are in 万元: divide by ``MONEY["万元"]``).
MONEY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10) ** 8}

#: What a 测算依据 counts ("16人", "2户次"): longer units first.
COUNT_UNITS = (
    "人次",
    "户次",
    "人",
    "名",
    "户",
    "个",
    "件",
    "项",
    "座",
    "辆",
    "套",
    "所",
    "家",
    "处",
    "场",
    "批",
    "份",
    "间",
    "台",
    "张",
    "本",
)

#: Units a 数量指标 value may carry (counts and measures), one character each, plus the words.
QUANTITY_CHARS = "人名户个次项座件处所家辆台套张本册场批期份间公里亩平方米栋株棵只头吨"
QUANTITY_WORDS = ("人次", "户次", "平方米", "公里", "万人", "千人")

#: The count unit an indicator's name suggests (「走访户数」 → 户), first match wins; else 个.
NAME_HINTS = (
    ("户", "户"),
    ("人次", "人次"),
    ("人", "人"),
    ("名", "人"),
    ("次", "次"),
    ("墓", "座"),
    ("座", "座"),
    ("项", "项"),
    ("件", "件"),
    ("家", "家"),
    ("所", "所"),
    ("处", "处"),
)
DEFAULT_UNIT = "个"
