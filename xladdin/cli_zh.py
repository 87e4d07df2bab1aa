"""argparse in Chinese: its own words (usage, options, 「show this help message and exit」, the error
lines) go through its gettext hooks (``argparse._`` and ``argparse.ngettext``), which
:func:`chinese_argparse` points at :data:`MESSAGES` while the command line builds and parses.
Also the helpers every command's parser uses: a one-line description and examples."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

#: argparse's message ids (Python 3.9–3.13) → Chinese. A message not listed stays as argparse has it.
MESSAGES: dict[str, str] = {
    "usage: ": "用法：",
    "options": "选项",
    "optional arguments": "选项",
    "positional arguments": "参数",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "ignored explicit argument %r": "此选项不带值，多余的 %r 被拒绝",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的数值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 至少需要一个",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开「%(filename)s」：%(error)s",
    "unexpected option string: %s": "意外的选项：%s",
}

#: ngettext's (singular, plural) → Chinese (one form).
PLURALS: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "需要 %s 个值",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return PLURALS.get((singular, plural), singular if n == 1 else plural)


@contextlib.contextmanager
def chinese_argparse() -> Iterator[None]:
    """argparse speaks Chinese inside the block (and only there: other users of argparse in the same
    process, pytest's own, keep theirs)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


#: An option's value placeholder in the usage line (argparse would print the option's name in capitals).
METAVARS: dict[str, str] = {
    "out": "输出",
    "config": "配置文件",
    "summary": "汇总文件",
    "html": "网页文件",
    "workers": "进程数",
    "select": "规则代码",
    "ignore": "规则代码",
    "min_severity": "级别",
    "year": "年度",
    "name": "名称",
    "amount": "金额",
    "basis": "测算依据",
    "parent": "所属专项",
    "platform": "平台",
    "python": "版本",
    "wheel": "文件",
    "conf": "文件",
}


def name_placeholders(parser: argparse.ArgumentParser) -> None:
    """Give every option of ``parser`` and its sub-commands a Chinese placeholder (:data:`METAVARS`)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                name_placeholders(child)
        elif action.option_strings and action.metavar is None and action.nargs != 0:
            action.metavar = METAVARS.get(action.dest)


def command(
    sub: argparse._SubParsersAction, name: str, help: str, examples: list[tuple[str, str]], description: str = ""
) -> argparse.ArgumentParser:
    """A sub-command: ``help`` is its line in ``xladdin --help`` and its description (unless a longer
    ``description`` is given); ``examples`` are (command line, what it does) shown under 示例."""
    lines = ["示例："]
    for line, what in examples:
        lines += [f"  {line}", f"      {what}"]
    return sub.add_parser(
        name,
        help=help,
        description=description or help,
        epilog="\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
