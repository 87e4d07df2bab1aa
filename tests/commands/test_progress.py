"""Progress bars in-process: only on a terminal (a pty here, sized by hand), never on a pipe or a file."""

from __future__ import annotations

import fcntl
import io
import os
import struct
import sys
import termios

import pytest

from xladdin.commands import progress as P


@pytest.fixture()
def tty():
    """A terminal (the far side of a pty) of a size set per test: tty(columns, lines) → stream."""
    opened = []

    def make(columns: int, lines: int):
        main, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        stream = os.fdopen(child, "w")
        opened.append((main, stream))
        return stream

    yield make
    for main, stream in opened:
        stream.close()
        os.close(main)


@pytest.mark.parametrize(
    ("columns", "lines", "size"),
    [(100, 30, (100, 30)), (20, 1, (20, 1)), (19, 5, (80, 5)), (0, 0, (80, 24)), (120, 0, (120, 24))],
)
def test_size_of_a_terminal(tty, columns, lines, size):
    assert P._size(tty(columns, lines)) == size


def test_size_without_a_terminal(tmp_path):
    assert P._size(io.StringIO()) == (80, 24)  # no fileno
    assert P._size(object()) == (80, 24)
    with (tmp_path / "log").open("w") as fh:
        assert P._size(fh) == (80, 24)  # a file: not a terminal
    closed = open(tmp_path / "log2", "w")  # noqa: SIM115
    closed.close()
    assert P._size(closed) == (80, 24)  # ValueError from a closed file


class Fake:
    def __init__(self, isatty):
        self.isatty = isatty


def test_no_bar_off_a_terminal(tty):
    assert P.progress_bar(5, "校验", io.StringIO()) is None
    assert P.progress_bar(5, "校验", Fake(True)) is None  # isatty that cannot be called
    assert P.progress_bar(5, "校验", object()) is None
    assert P.progress_bar(0, "校验", tty(100, 30)) is None  # nothing to count


def test_bar_on_a_terminal(tty):
    stream = tty(100, 30)
    bar = P.progress_bar(6, "校验", stream)
    try:
        assert (bar.total, bar.desc, bar.unit, bar.leave) == (6, "校验", "个", False)
        assert (bar.ncols, bar.nrows, bar.mininterval) == (100, 30, 0.2)
        assert bar.fp == stream  # tqdm wraps the stream it draws on
    finally:
        bar.close()


def test_bar_goes_to_stderr_by_default(tty, monkeypatch):
    stream = tty(90, 10)
    monkeypatch.setattr(sys, "stderr", stream)
    bar = P.progress_bar(3, "导入")
    try:
        assert (bar.total, bar.desc, bar.ncols, bar.nrows) == (3, "导入", 90, 10) and bar.fp == stream
    finally:
        bar.close()
    assert P.progress_bar(3, "导入", io.StringIO()) is None  # a stream given wins over stderr
