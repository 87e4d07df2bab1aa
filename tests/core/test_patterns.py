"""xladdin.patterns: a module-level pattern compiled when first used, and then the same as re.compile's."""

from __future__ import annotations

import re

import pytest

from xladdin.patterns import LazyPattern, lazy


def test_a_lazy_pattern_compiles_on_first_use_only(monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: calls.append(a) or real(*a))
    p = lazy(r"(\d+)\s*(人|户)", re.IGNORECASE)
    assert calls == [] and isinstance(p, LazyPattern)
    assert p.fullmatch("112 人").groups() == ("112", "人")
    assert p.sub("N", "共 3户、5人") == "共 N、N" and p.findall("1人2户") == [("1", "人"), ("2", "户")]
    assert (p.pattern, p.flags & re.IGNORECASE) == (r"(\d+)\s*(人|户)", re.IGNORECASE)
    assert calls == [(r"(\d+)\s*(人|户)", re.IGNORECASE)]


def test_a_lazy_pattern_raises_what_the_pattern_raises():
    with pytest.raises(AttributeError):
        _ = lazy("a").no_such_method
    with pytest.raises(re.error):
        lazy("(").match("x")
