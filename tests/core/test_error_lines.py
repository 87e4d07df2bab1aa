"""Error lines stay one readable line whatever the user typed: a quoted piece of user text is cut
with 「…」, bidi controls (a right-to-left override in a file name) and control characters are shown
escaped, line breaks become spaces."""

from __future__ import annotations

import shutil

from xladdin.cli import main
from xladdin.cli_base import QUOTE_CHARS, one_line, printable

RLO = "\u202e"


def test_printable_escapes_bidi_and_controls():
    assert printable(f"报送{RLO}xslx.exe") == "报送\\u202exslx.exe"
    assert printable("a\x0bb\x00c\u2066d") == "a\\x0bb\\x00c\\u2066d"
    assert printable("两行\n文字\t制表") == "两行 文字 制表"
    assert printable("株洲市石峰区") == "株洲市石峰区"


def test_one_line_cuts_quoted_user_text():
    long = "长" * 500
    line = one_line(f"错误：文件「{long}」无法读取")
    assert line == f"错误：文件「{'长' * QUOTE_CHARS}…」无法读取"
    assert one_line("错误：「短名」不存在") == "错误：「短名」不存在"
    assert len(one_line("x" * 5000)) == 1001
    cut = one_line("错误：" + "x" * 5000 + "（error: too long）")
    assert cut.endswith("…（error: too long）") and len(cut) == 1001


def test_a_long_file_name_is_cut_in_the_error_line(tmp_path, capsys):
    missing = tmp_path / ("报" * 120 + ".xlsx")
    assert main(["validate", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "…」" in err[0] and "报" * 121 not in err[0]


def test_a_right_to_left_override_is_shown_escaped(example_file, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(example_file, folder / f"报送{RLO}xslx.exe")
    shutil.copy(example_file, folder / f"单位{RLO}甲.xlsx")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert RLO not in out and "\\u202e" in out
    assert main(["validate", str(tmp_path / f"无{RLO}此文件.xlsx")]) == 2
    err = capsys.readouterr().err
    assert RLO not in err and "\\u202e" in err
