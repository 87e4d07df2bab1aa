"""The command line: ``xladdin validate``, ``xladdin rules`` and the write commands."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from xladdin.cli_base import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, UserError
from xladdin.cli_base import EXTRA_COMMANDS as _EXTRA_COMMANDS
from xladdin.cli_zh import chinese_argparse, command, name_placeholders
from xladdin.config import ConfigError, load_config
from xladdin.io.grid import ReadError

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a Unix tool killed by a closed pipe returns


def _print_report(report, out=None) -> None:
    """Errors first, then warnings, then hints; each group by sheet."""
    from xladdin.rules import SEVERITY_ZH

    out = out or sys.stdout
    from xladdin.cli_base import printable

    print(f"文件：{printable(report.file)}", file=out)
    severity = sheet = None
    for f in report.findings:
        if f.severity != severity:
            severity, sheet = f.severity, None
            n = sum(1 for g in report.findings if g.severity == severity)
            print(f"\n{SEVERITY_ZH[severity]}（{n}）", file=out)
        if f.sheet != sheet:
            sheet = f.sheet
            print(f"【{sheet}】", file=out)
        if f.waived is not None:
            why = f"（{SEVERITY_ZH[f.severity]}；理由：{f.waived}）"
            print(f"  {f.cell:<6} 已确认 {f.rule}  {f.message}{why}", file=out)
            continue
        fix = f"  → {f.fix}" if f.fix else ""
        print(f"  {f.cell:<6} {SEVERITY_ZH[f.severity]} {f.rule}  {f.message}{fix}", file=out)
    print(f"\n共 {report.counts_zh()}。", file=out)


def _codes(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    from xladdin.rules import CATALOGUE

    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    unknown = [c for c in codes if not any(k.startswith(c) for k in CATALOGUE)]
    if unknown:
        raise UserError(f"没有以 {'、'.join(unknown)} 开头的规则代码", f"unknown rule codes {', '.join(unknown)}")
    return codes


def cmd_validate(args: argparse.Namespace) -> int:
    from xladdin.rules.base import check_codes
    from xladdin.validate import Filter, validate_file

    path = Path(args.path)
    # reviewer mode: the folder's own xladdin.toml is the submitters', not the reviewer's (unless asked)
    folder_settings = path.is_dir() and not args.folder_config
    config = check_codes(load_config(args.config, book=None if folder_settings else path))  # before any read
    only = Filter(args.min_severity, _codes(args.select), _codes(args.ignore))
    if args.summary:  # the summary module only when asked: validate's start-up stays short
        from xladdin.commands.summary import SummaryError, check_target

        try:
            check_target(args.summary)
        except SummaryError as err:
            raise UserError(str(err), "the summary must end in .xlsx or .csv") from None
    if args.html and Path(args.html).suffix.lower() not in (".html", ".htm"):
        raise UserError(f"网页报告的文件名须以 .html 结尾：{args.html}", "the report must end in .html")
    if path.is_dir():
        if args.fix:
            raise UserError("--fix 只能用于单个工作簿，不能用于文件夹", "--fix works on one workbook, not a folder")
        import gc

        from xladdin.commands.review import review_folder

        gc.enable()  # many files, a long run (see main)
        return review_folder(
            path,
            config,
            summary=args.summary,
            as_json=args.json,
            workers=args.workers,
            recursive=not args.flat,
            force=args.force,
            html=args.html,
            only=only,
            opinions=args.opinions,
            folder_config=args.folder_config,
        )
    if args.opinions:
        from xladdin.commands.opinions import check_target as check_opinions
        from xladdin.io.save import SaveRefused

        try:
            check_opinions(Path(args.opinions), None, force=args.force)
        except SaveRefused as err:
            raise UserError(str(err), "opinions cannot be written") from None
    for out in filter(None, (args.summary, args.html)):  # one file: the reports never replace it
        target = Path(out)
        if target.exists() and target.resolve() == path.resolve():
            raise UserError(f"报告不能写到被校验的工作簿本身：{out}", "the report would replace the workbook")
        if target.exists() and not args.force:
            raise UserError(f"「{out}」已存在；如要替换它，请加 --force", "the report exists; use --force")
    if args.fix:
        from xladdin.commands.fix import fix_file
        from xladdin.io.save import SaveRefused, locked

        try:
            with locked(path):  # read, plan and write as one (a second writer waits)
                fix_file(path)
        except SaveRefused as err:
            raise UserError(str(err), "file cannot be written now") from None
    report = validate_file(path, config, only)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    if args.summary or args.html or args.opinions:
        _write_reports(path, config, report, args.summary, args.html, quiet=args.json, opinions=args.opinions)
    return EXIT_FINDINGS if report.errors else EXIT_OK


def _write_reports(
    path: Path, config, report, summary: str | None, html: str | None, quiet: bool, opinions: str | None = None
) -> None:
    """--summary / --html / --opinions for one file: the same writers as for a folder."""
    from xladdin.commands.review import check_one

    result = check_one(str(path), config)  # 部门, 年度, amounts
    result.findings, result.summary = [f.as_dict() for f in report.findings], report.summary()
    results = [result]
    if summary:
        from xladdin.commands.summary import write_summary

        write_summary(results, summary)
        if not quiet:
            print(f"汇总：{summary}")
    if html:
        from xladdin.commands.html_report import write_html

        write_html(results, html, title=path.name)
        if not quiet:
            print(f"网页报告：{html}")
    if opinions:
        from xladdin.commands.opinions import summary_line, write_opinions
        from xladdin.io.save import SaveRefused

        try:
            rows = write_opinions(results, Path(opinions), workers=1)
        except SaveRefused as err:
            raise UserError(str(err), "opinions not written") from None
        if not quiet:
            print(summary_line(rows, Path(opinions)))


def cmd_rules(args: argparse.Namespace) -> int:
    from xladdin.rules import CATALOGUE, FAMILIES, SEVERITY_ZH
    from xladdin.rules.base import SEVERITY_MEANING, check_codes

    if args.code:
        r = CATALOGUE.get(args.code.upper())
        if r is None:
            raise UserError(f"没有规则 {args.code}", f"no rule {args.code}")
        level = SEVERITY_ZH[r.severity]
        print(f"{r.code}  {r.title}  [{level}，{FAMILIES[r.code[0]]}]")
        print(f"级别「{level}」：{SEVERITY_MEANING[r.severity]}。\n")
        print(r.doc)
        settings = r.settings(check_codes(load_config(args.config)))
        if settings:
            print("\n设置（配置文件中可改）：")
            for key, value, doc in settings:
                print(f"  {key} = {value}    # {doc}")
        return EXIT_OK
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "title": r.title,
                        "severity": r.severity.value,
                        "family": r.family,
                        "doc": r.doc,
                        "config": list(r.config),
                    }
                    for r in CATALOGUE.values()
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    print("级别：")
    for key, zh in SEVERITY_ZH.items():
        print(f"  {zh}：{SEVERITY_MEANING[key]}")
    family = None
    for r in CATALOGUE.values():
        if r.family != family:
            family = r.family
            print(f"\n{family}")
        print(f"  {r.code}  {SEVERITY_ZH[r.severity]}  {r.title}")
    print("\n用 `xladdin rules 代码` 查看某条规则的说明。")
    return EXIT_OK


def cmd_build_example(args: argparse.Namespace) -> int:
    from xladdin.build.template import build_workbook
    from xladdin.examples.shifeng2023 import submission

    out = build_workbook(submission(), args.out)
    print(f"已生成示例工作簿：{out}")
    return EXIT_OK


def cmd_build_template(args: argparse.Namespace) -> int:
    from xladdin.build.template import TEMPLATE, build_template

    out = Path(args.out) if args.out else TEMPLATE
    if args.check:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            fresh = build_template(Path(tmp) / "template.xlsm")
            same = out.exists() and fresh.read_bytes() == out.read_bytes()
        print("模板与构建结果一致。" if same else f"模板 {out} 与构建结果不一致：请运行 xladdin build-template")
        return EXIT_OK if same else EXIT_FINDINGS
    print(f"已生成模板：{build_template(out)}")
    return EXIT_OK


class _Version(argparse.Action):
    """--version, with the installed version looked up only when asked (importlib.metadata is slow)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from xladdin import __version__

        print(f"xladdin {__version__}")
        parser.exit()


#: Commands defined in this module; any other needs the command modules registered.
_CORE_COMMANDS = ("validate", "rules")


class _Parser(argparse.ArgumentParser):
    """argparse whose error is one line, printed as our own lines are (a 5,000-digit --year cut with …,
    a right-to-left override or a control character in an argument shown escaped, not printed raw),
    pointing at ``--help`` instead of printing the usage lines."""

    def error(self, message: str):  # type: ignore[override]
        from xladdin.cli_base import one_line

        line = argparse._("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}
        self.exit(2, f"{one_line(line.strip())}（用法见 {self.prog} --help）\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser. For ``validate``/``rules`` (``argv`` starting with one of them) the other command
    modules are not imported: they would only lengthen a check's start-up."""
    p = _Parser(
        prog="xladdin",
        description="预算绩效目标表 校验与填报工具",
        epilog="用 xladdin 命令 --help 查看某个命令的说明与示例。",
    )
    p.add_argument("--version", action=_Version, nargs=0, help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", required=True, title="命令", metavar="命令")

    v = command(
        sub,
        "validate",
        "校验工作簿（或文件夹中的全部工作簿）",
        [
            ("xladdin validate 2024年绩效目标表.xlsm", "校验一个工作簿，列出错误、警告和提示"),
            ("xladdin validate 收到的表格 --summary 汇总.xlsx", "审核：校验文件夹中的全部工作簿，写出汇总工作簿"),
        ],
    )
    v.add_argument("path", metavar="工作簿或文件夹", help=".xlsx/.xlsm 文件，或文件夹（校验其中全部工作簿）")
    v.add_argument("--json", action="store_true", help="以 JSON 输出")
    v.add_argument("--config", help="TOML 配置文件")
    v.add_argument("--summary", help="汇总的输出路径：.xlsx 工作簿，或 .csv 问题清单")
    v.add_argument("--html", help="网页报告的输出路径 (.html)，可作邮件附件")
    v.add_argument(
        "--opinions", metavar="意见文件夹", help="审核意见的输出文件夹：每份报送一个「部门-绩效目标审核意见.docx」"
    )
    v.add_argument("--workers", type=positive_int, default=None, help="文件夹模式：并行进程数（≥1）")
    v.add_argument("--flat", action="store_true", help="文件夹模式：只查这一层，不进入子文件夹")
    v.add_argument("--force", action="store_true", help="替换已存在的汇总工作簿、网页报告或审核意见")
    v.add_argument(
        "--folder-config",
        action="store_true",
        help="文件夹模式：采用被校验文件夹中的 xladdin.toml（默认不采用：报送方不能改审核的设置）",
    )
    v.add_argument(
        "--min-severity",
        choices=("error", "warning", "info"),
        default="info",
        help="只显示该级别及以上的问题：error 错误、warning 警告、info 提示（默认）",
    )
    v.add_argument("--select", help="只运行这些规则（代码或前缀，逗号分隔，如 I3,A101）")
    v.add_argument("--ignore", help="不运行这些规则（代码或前缀，逗号分隔）")
    v.add_argument(
        "--fix", action="store_true", help="先自动修正不改变含义的问题（多余空格、百分比→%% 等），保存前备份"
    )
    v.set_defaults(func=cmd_validate)

    r = command(
        sub,
        "rules",
        "列出全部校验规则，或显示一条规则的说明",
        [("xladdin rules", "按类别列出全部规则"), ("xladdin rules A101", "显示规则 A101 的说明、示例和改法")],
    )
    r.add_argument("code", nargs="?", metavar="规则代码", help="规则代码，显示其说明")
    r.add_argument("--json", action="store_true", help="以 JSON 输出全部规则")
    r.add_argument("--config", help="TOML 配置文件（显示其中的设置值）")
    r.set_defaults(func=cmd_rules)

    if argv and argv[0] in _CORE_COMMANDS:
        name_placeholders(p)
        return p

    e = command(
        sub,
        "build-example",
        "生成示例工作簿（种子数据）",
        [("xladdin build-example 示例.xlsm", "生成已填写好的示例工作簿，可用来试用各项功能")],
    )
    e.add_argument("out", metavar="输出文件", help="输出文件 .xlsx/.xlsm")
    e.set_defaults(func=cmd_build_example)

    from xladdin.commands import cli_next, cli_write, inspect_map  # noqa: F401  (register the write commands, inspect)

    t = command(
        sub,
        "build-template",
        "由 layout 与 macros/ 生成 workbook/template.xlsm（开发用）",
        [
            ("xladdin build-template", "重新生成 workbook/template.xlsm"),
            ("xladdin build-template --check", "只检查已提交的模板是否与构建结果一致"),
        ],
    )
    t.add_argument("--out", help="输出路径（默认 workbook/template.xlsm）")
    t.add_argument("--check", action="store_true", help="只检查已提交的模板是否与构建结果一致")
    t.set_defaults(func=cmd_build_template)

    from xladdin.commands.importer import register as register_import

    register_import(sub)

    from xladdin.commands import cli_setup  # noqa: F401  (registers doctor and bundle)

    for extra in _EXTRA_COMMANDS:
        extra(sub)
    name_placeholders(p)
    return p


def positive_int(text: str) -> int:
    """--workers: a whole number ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是「{text}」") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为不小于 1 的整数，而不是 {value}")
    return value


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (the OOM killer's polite colleague, a closed terminal) unwinds like Ctrl-C: saves in
    progress clean up their temporary files."""
    raise KeyboardInterrupt


def _quiet_pipe() -> int:
    """stdout was closed by the reader (``| head``): stop quietly, as Unix tools do."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    import gc
    import signal

    # One command is one short run: its cyclic garbage is never collected (below), not dozens of times
    # while the modules load (about 10 ms of a validation on our machine). A folder review,
    # which runs long, turns collection back on (cmd_validate).
    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    previous = None
    with contextlib.suppress(ValueError, OSError):  # not the main thread
        previous = signal.signal(signal.SIGTERM, _terminate)
    # a library object closed during clean-up after a failure (a half-written zip on a full disk)
    # must not print "Exception ignored … Traceback": the failure itself is reported in one line
    hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None
    try:
        with warnings.catch_warnings():  # a library's warning is not a line for the clerk
            warnings.simplefilter("ignore")
            return _run(argv)
    finally:
        if argv is None:  # the program itself (not a caller in Python): what is left is only torn down,
            gc.freeze()  # so nothing is collected, neither here nor at the exit (10 ms of a validation)
        else:
            gc.collect()
        gc.enable()
        sys.unraisablehook = hook
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _error(line: str) -> None:
    """One line on stderr: user text in it cut with 「…」, bidi and control characters escaped."""
    from xladdin.cli_base import one_line

    print(one_line(line), file=sys.stderr)


def _run(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with chinese_argparse():
        args = build_parser(argv).parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _quiet_pipe()
    except ReadError as err:
        _error(f"错误：{err.zh}（error: {err.en}）")
    except ConfigError as err:
        _error(f"错误：{err}（error: invalid configuration）")
    except UserError as err:
        _error(f"错误：{err.zh}" + (f"（error: {err.en}）" if err.en else ""))
    except KeyboardInterrupt:
        _error("已中断（interrupted）")
    except MemoryError:
        _error("错误：内存不足，文件过大（error: out of memory）")
    except OSError as err:
        from xladdin.io.formats import os_reason

        where = f"：「{err.filename}」" if getattr(err, "filename", None) else ""
        _error(f"错误：{os_reason(err)}{where}（error: {err.strerror or err}）")
    except Exception as err:  # the last line of defence: never a traceback for a clerk
        _error(f"错误：处理时发生意外问题：{type(err).__name__}: 「{err}」（error: unexpected failure）")
    return EXIT_UNREADABLE


if __name__ == "__main__":
    raise SystemExit(main())
