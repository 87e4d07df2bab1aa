"""CLI for the machine and the install: ``xladdin doctor`` and ``xladdin bundle``."""

from __future__ import annotations

import argparse
from pathlib import Path

from xladdin.cli_base import EXIT_OK, EXTRA_COMMANDS, UserError
from xladdin.cli_zh import command


def cmd_doctor(args: argparse.Namespace) -> int:
    from xladdin.commands.doctor import print_checks, run_doctor

    book = Path(args.book) if args.book else None
    if book is not None and not book.is_file():
        raise UserError(f"找不到工作簿：{book}", "no such workbook")
    try:
        checks, note = run_doctor(book, setup_excel=args.setup_excel, conf=Path(args.conf) if args.conf else None)
    except (OSError, ValueError) as err:
        raise UserError(f"无法写入 xlwings.conf：{err}", "cannot write xlwings.conf") from None
    return print_checks(checks, note)


def cmd_bundle(args: argparse.Namespace) -> int:
    from xladdin.commands.bundle import BundleError, make_bundle

    try:
        out = make_bundle(Path(args.out), args.platform, args.python, Path(args.wheel) if args.wheel else None)
    except BundleError as err:
        raise UserError(str(err), "bundle not made") from None
    print(f"离线安装包：{out}（解压后双击 install.cmd）")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    d = command(
        sub,
        "doctor",
        "检查本机环境（Python、xlwings、LibreOffice、模板、写权限），逐项给出修复方法",
        [
            ("xladdin doctor", "检查本机环境与安装包自带的模板"),
            ("xladdin doctor --setup-excel", "检查，并让 Excel 的按钮使用本机的 Python"),
        ],
    )
    d.add_argument("book", nargs="?", metavar="工作簿", help="要检查的工作簿（默认检查安装包自带的模板与当前文件夹）")
    d.add_argument(
        "--setup-excel",
        action="store_true",
        help="把本机 Python 写入用户级 xlwings.conf（%%USERPROFILE%%\\.xlwings\\xlwings.conf）",
    )
    d.add_argument("--conf", help=argparse.SUPPRESS)  # another user-level conf path (tests)
    d.set_defaults(func=cmd_doctor)

    b = command(
        sub,
        "bundle",
        "为无网络的电脑生成离线安装包（全部 wheel + install.cmd）",
        [("xladdin bundle xladdin-离线安装包.zip", "生成 Windows 64 位、Python 3.11 的离线安装包")],
    )
    b.add_argument("out", metavar="输出文件", help="输出 .zip")
    b.add_argument("--platform", default="win_amd64", help="目标平台（默认 win_amd64）")
    b.add_argument("--python", default="3.11", help="目标 Python 版本（默认 3.11）")
    b.add_argument("--wheel", help="xladdin 的 .whl（默认由源代码生成）")
    b.set_defaults(func=cmd_bundle)


EXTRA_COMMANDS.append(register)
