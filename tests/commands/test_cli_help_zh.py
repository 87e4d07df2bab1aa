"""Every sub-command's --help works and speaks Chinese: argparse's own words translated, a
description, the positional named for what it is, examples; argparse's errors in Chinese too."""

from __future__ import annotations

import argparse
import re

import pytest

from xladdin.cli import build_parser, main
from xladdin.cli_zh import MESSAGES, PLURALS


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


#: argparse's English, as it would print it (message ids, less their placeholders).
ENGLISH = [
    re.split(r"%\(?\w*\)?[sr]", msg)[0].strip(" :")
    for msg in [*MESSAGES, *(s for pair in PLURALS for s in pair)]
    if re.split(r"%\(?\w*\)?[sr]", msg)[0].strip(" :")
]


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(argv)
    out, err = capsys.readouterr()
    return done.value.code, out, err


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def test_every_command_is_listed():
    assert set(commands()) >= {"validate", "rules", "import", "rollover", "suggest", "new-fund", "sync", "export"}


@pytest.mark.parametrize("command", commands())
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_of_every_command(command, flag, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    code, out, err = run(capsys, [command, flag])
    assert code == 0, err
    assert "Traceback" not in out + err and not err
    assert not english_in(out), english_in(out)
    assert out.startswith("用法：xladdin " + command)
    assert "显示本帮助并退出" in out and "选项:" in out
    usage, _, rest = out.partition("\n\n")
    description = rest.splitlines()[0]
    assert re.search(r"[\u4e00-\u9fff]", description), description  # a one-line description in Chinese
    examples = out.split("示例：\n")[1].splitlines()
    commands_shown = [line for line in examples if line.startswith(f"  xladdin {command}")]
    assert 1 <= len(commands_shown) <= 2
    assert not re.search(r"\b[A-Z]{3,}\b", usage), usage  # no OUT, CONFIG, PATH placeholders
    for positional in ("path", "source", "book", "out"):
        assert not re.search(rf"\s{positional}\s*$", usage), usage


def test_positionals_are_named_for_what_they_are(capsys):
    named = {"validate": "工作簿或文件夹", "import": "源文件", "export": "工作簿", "doctor": "[工作簿]"}
    for command, name in named.items():
        _, out, _ = run(capsys, [command, "--help"])
        assert out.partition("\n\n")[0].split()[-1] == name, command


def test_top_level_help(capsys):
    code, out, _err = run(capsys, ["--help"])
    assert code == 0 and not english_in(out)
    assert out.startswith("用法：xladdin")


@pytest.mark.parametrize(
    ("argv", "chinese"),
    [
        (["export", "a.xlsm"], "缺少必需的参数：--out"),
        ([], "缺少必需的参数：命令"),
        (["validate", "a.xlsm", "--min-severity", "all"], "无效的选项 'all'"),
        (["nonsense"], "无效的选项 'nonsense'"),
        (["rollover", "a", "--year", "二〇二四", "--out", "b"], "'二〇二四' 不是有效的数值"),
        (["validate", "a.xlsm", "--json=yes"], "此选项不带值"),
        (["validate", "a.xlsm", "--config"], "需要一个值"),
        (["validate", "a.xlsm", "extra"], "无法识别的参数：extra"),
    ],
)
def test_argparse_errors_in_chinese(argv, chinese, capsys):
    code, _out, err = run(capsys, argv)
    assert code == 2 and chinese in err, err
    assert "：错误：" in err and "--help" in err
    assert len(err.strip().splitlines()) == 1, err  # one line, as every failure of ours
    assert not english_in(err), err


def test_argparse_keeps_its_english_outside_the_command_line():
    """The translation is scoped to xladdin's own parsing (pytest's parser, a library's, keep theirs)."""
    main(["rules", "A101"])
    assert argparse._("usage: ") == "usage: "


def test_argparse_error_lines_quote_user_text_as_ours_do(capsys):
    """A 5,000-digit --year is cut, a right-to-left override in an argument is shown escaped."""
    code, _out, err = run(capsys, ["rollover", "a.xlsm", "--year", "9" * 5000, "--out", "b.xlsm"])
    assert code == 2 and "9" * 5000 not in err and len(err.splitlines()[-1]) < 1500
    code, _out, err = run(capsys, ["validate", "a.xlsm", "ex\u202etra"])
    assert code == 2 and "\u202e" not in err and "\\u202e" in err
