"""Progress bars (tqdm) on a terminal only: nothing on a pipe, a log file or under --json."""

from __future__ import annotations

import sys
from typing import Any


def progress_bar(total: int, desc: str, stream: Any = None) -> Any | None:
    """A tqdm bar on ``stream`` (stderr) when it is an interactive terminal, else None."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    if not total or not (callable(isatty) and isatty()):
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="个", file=stream, leave=False, dynamic_ncols=True)
