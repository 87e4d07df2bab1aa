"""What the command line's modules share (exit codes, the one-line user error, the registry of
sub-commands), so that ``cli.py`` imports its command modules and none of them imports ``cli.py``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""

    def __init__(self, zh: str, en: str = "") -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


#: Other modules add their sub-commands here (write commands, ...): ``EXTRA_COMMANDS.append(register)``.
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


#: Characters that reorder or hide text on a terminal (bidi overrides and isolates, marks).
BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: A quoted piece of user text in a message is cut to this many characters, with 「…」.
QUOTE_CHARS = 80
LINE_CHARS = 1000


def printable(text: str) -> str:
    """``text`` safe to print on one line: bidi controls and other control characters shown
    escaped (``\\u202e``), line breaks and tabs as a space."""
    out = []
    for ch in str(text):
        if ch in "\r\n\t":
            out.append(" ")
        elif ch in BIDI or (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(text: str) -> str:
    """An error line for the clerk: printable, every 「quoted」 piece of user text cut to
    :data:`QUOTE_CHARS` characters with 「…」, the whole line to :data:`LINE_CHARS`."""
    import re

    def cut(m: re.Match[str]) -> str:
        inner = m.group(1)
        return f"「{inner[:QUOTE_CHARS]}…」" if len(inner) > QUOTE_CHARS else m.group(0)

    line = re.sub(r"「([^「」]*)」", cut, printable(text))
    if len(line) <= LINE_CHARS:
        return line
    at = line.rfind("（error:")  # the English part stays whole at the end
    tail = line[at:] if at >= 0 and len(line) - at < 300 else ""
    return line[: LINE_CHARS - len(tail)] + "…" + tail
