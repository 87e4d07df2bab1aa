"""The per-workbook text memos (``xladdin.layout.base.TEXT_MEMOS``) written out in each function, against
one shared decorator doing the same: nanoseconds a call, on the texts of the 20 synthetic workbooks of
``benchmarks/run.py`` figure d, each function called as a run calls it (mostly memo hits).

    python benchmarks/memo.py [--rounds N]

The decorator (below, not in the package) keys on the text alone, for ``str`` values only (1 == 1.0 ==
True: other values are worked out afresh), and keeps None answers (a sentinel marks a miss)."""

from __future__ import annotations

import argparse
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from xladdin.build.template import build_workbook
from xladdin.examples.synthetic import synthetic
from xladdin.io.xlsx import read_grid
from xladdin.layout.base import MEMO_SIZE, TEXT_MEMOS, forget_texts, norm
from xladdin.values import clean_text

_MISS = object()


def per_text(fn: Callable[[object], object]) -> Callable[[object], object]:
    """The shared helper that was timed: ``fn`` once per distinct text of a workbook."""
    memo: dict[str, object] = {}
    TEXT_MEMOS.append(memo)
    get = memo.get

    def memoised(value: object) -> object:
        if type(value) is not str:
            return fn(value)
        out = get(value, _MISS)
        if out is _MISS:
            out = fn(value)
            if len(memo) < MEMO_SIZE:
                memo[value] = out
        return out

    return memoised


@per_text
def clean_text_decorated(value: object) -> str:
    return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()


@per_text
def norm_decorated(value: object) -> str:
    return "" if value is None else "".join(str(value).split())


def texts_of(folder: Path) -> list[object]:
    """Every cell value of the 20 workbooks, in reading order."""
    out: list[object] = []
    for i in range(20):
        grid = read_grid(build_workbook(synthetic(7 + i % 10, seed=i), folder / f"d{i}.xlsx"))
        out += [v for sheet in grid.sheets for line in sheet.rows for v in line]
    return out


def ns_per_call(fn: Callable[[object], object], values: list[object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        forget_texts()
        start = time.process_time()
        for _ in range(5):  # a run asks each text some times
            for v in values:
                fn(v)
        best = min(best, (time.process_time() - start) / (5 * len(values)))
    return best * 1e9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        values = texts_of(Path(tmp))
    texts = [v for v in values if type(v) is str]
    for name, inline, decorated in (
        ("clean_text", clean_text, clean_text_decorated),
        ("norm", norm, norm_decorated),
    ):
        for what, given in (("every cell value", values), ("the text cells", texts)):
            a = ns_per_call(inline, given, args.rounds)
            b = ns_per_call(decorated, given, args.rounds)
            print(
                f"{name}, {what} ({len(given)}): memo written out {a:.0f} ns a call, shared decorator {b:.0f} ns "
                f"({(b - a) / a * 100:+.0f} %)"
            )


if __name__ == "__main__":
    main()
