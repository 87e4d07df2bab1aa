"""Names compared the way a reviewer reads them: one normaliser for fund (专项) names."""

from __future__ import annotations

from xladdin.layout.base import norm
from xladdin.values import clean_text


def fund_key(name: object) -> str:
    """A fund name for comparison: full-width forms folded (NFKC), every kind of white space removed
    (「维护就业专项 002」 and 「维护就业专项００２」 are one fund)."""
    return norm(clean_text(name))
