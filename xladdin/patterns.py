"""Regular expressions compiled on their first use.

``re.compile`` of a long pattern costs a millisecond or more; a module-level pattern that a command
never uses (the formula tokenizer when every formula has its cached value, the test for text Excel
would convert when nothing is written) should not cost every start of the program."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` (``match``, ``search``, ``sub``, … and its
    attributes), compiling it when first used."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
