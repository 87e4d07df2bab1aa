"""Progress bars (tqdm) on a terminal only: nothing on a pipe, a log file or under --json."""

from __future__ import annotations

import os
import sys
from typing import Any


def _size(stream: Any) -> tuple[int, int]:
    """(columns, lines) of the terminal; 80 × 24 when it reports none. A pty that was never sized says
    0 × 0, and tqdm then hangs (0 columns) or draws nothing (0 lines)."""
    try:
        columns, lines = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        columns = lines = 0
    return (columns if columns >= 20 else 80), (lines if lines >= 1 else 24)


def progress_bar(total: int, desc: str, stream: Any = None) -> Any | None:
    """A tqdm bar on ``stream`` (stderr) when it is an interactive terminal, else None."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    if not total or not (callable(isatty) and isatty()):
        return None
    from tqdm import tqdm

    columns, lines = _size(stream)
    return tqdm(
        total=total, desc=desc, unit="个", file=stream, leave=False, ncols=columns, nrows=lines, mininterval=0.2
    )
