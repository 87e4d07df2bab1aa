"""Names compared the way a reviewer reads them: one normaliser for fund (专项) names."""

from __future__ import annotations

from xladdin.layout.base import norm
from xladdin.values import clean_text


def fund_key(name: object) -> str:
    """A fund name for comparison: full-width forms folded (NFKC), every kind of white space removed
    (「维护就业专项 002」 and 「维护就业专项００２」 are one fund)."""
    return norm(clean_text(name))


#: Characters a reader cannot see, with what to call them.
INVISIBLE = {
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u2060": "零宽词连接符",
    "\ufeff": "零宽不换行空格（BOM）",
    "\u00ad": "软连字符",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u202a": "方向控制符",
    "\u202b": "方向控制符",
    "\u202c": "方向控制符",
    "\u202d": "方向控制符",
    "\u202e": "从右到左覆盖符",
    "\u2066": "方向隔离符",
    "\u2067": "方向隔离符",
    "\u2068": "方向隔离符",
    "\u2069": "方向隔离符",
}
#: Characters that look like another one (after NFKC), and the one they look like.
LOOKALIKE = {
    "\u2010": ("-", "连字符 U+2010"),
    "\u2011": ("-", "不换行连字符 U+2011"),
    "\u2012": ("-", "数字横线 U+2012"),
    "\u2013": ("-", "短破折号 U+2013"),
    "\u2014": ("-", "长破折号 U+2014"),
    "\u2015": ("-", "横线 U+2015"),
    "\u2212": ("-", "减号 U+2212"),
    "\u30fc": ("-", "长音符 U+30FC"),
    "\u2500": ("-", "制表线 U+2500"),
    "\u00b7": ("·", "间隔号 U+00B7"),
    "\u30fb": ("·", "片假名中点 U+30FB"),
    "\u2027": ("·", "连字点 U+2027"),
}


def lookalike_key(name: object) -> str:
    """:func:`fund_key` with invisible characters dropped and look-alikes folded: two names with the
    same look-alike key look the same to a reader."""
    from xladdin.values import clean_text

    text = "".join(LOOKALIKE[ch][0] if ch in LOOKALIKE else ch for ch in clean_text(name) if ch not in INVISIBLE)
    return fund_key(text)


def explain_lookalike(name: object) -> str:
    """Where ``name`` holds invisible or look-alike characters: 「第5个字符是零宽空格（U+200B）」;
    empty when it holds none."""
    from xladdin.values import clean_text

    parts = []
    for i, ch in enumerate(clean_text(name), start=1):
        if ch in INVISIBLE:
            parts.append(f"第{i}个字符是{INVISIBLE[ch]}（U+{ord(ch):04X}）")
        elif ch in LOOKALIKE:
            parts.append(f"第{i}个字符是{LOOKALIKE[ch][1]}，不是「{LOOKALIKE[ch][0]}」")
    return "，".join(parts[:3]) + ("等" if len(parts) > 3 else "")


def lookalike_note(name: object, other: object) -> str:
    """「与「Y」看起来相同，但……」 for two names that differ only by what a reader cannot see; empty
    when they differ visibly."""
    if lookalike_key(name) != lookalike_key(other) or fund_key(name) == fund_key(other):
        return ""
    where = [f"本处{w}" for w in [explain_lookalike(name)] if w]
    where += [f"「{other}」中{w}" for w in [explain_lookalike(other)] if w]
    return f"与「{other}」看起来相同，但字符不同：" + "；".join(where)
