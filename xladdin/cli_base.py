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
