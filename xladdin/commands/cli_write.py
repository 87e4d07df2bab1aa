"""CLI for the write commands: new-fund, sync, export (the ribbon buttons call the same planners)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from xladdin.cli_base import EXIT_FINDINGS, EXIT_OK, EXTRA_COMMANDS, UserError
from xladdin.cli_zh import command
from xladdin.config import load_config
from xladdin.io.save import SaveRefused, locked

if TYPE_CHECKING:
    from xladdin.edits import Plan


def _print_changes(plan: Plan) -> None:
    for c in plan.changes:
        mark = "（覆盖了手工填写的值）" if c.overwrote_typed else ""
        print(f"  {c.sheet}!{c.cell}  {c.text}{mark}")


def _write(path: Path, plan: Plan) -> None:
    from xladdin.edits import RefreshSelfCheck
    from xladdin.io.openpyxl_writer import edit_file

    try:  # new rows and sheets: the 自查 formulas follow them
        refresh = [] if RefreshSelfCheck() in plan.edits else [RefreshSelfCheck()]
        backup = edit_file(path, [*plan.edits, *refresh])
    except SaveRefused as err:
        raise UserError(str(err), "file cannot be written now") from None
    if backup:
        print(f"已保存。原文件备份为：{backup.name}")


SELFCHECK_REDONE = "自查公式已按各表现有的行和工作表重新排布"


def _selfcheck_stale(reading: object) -> bool:
    from xladdin.reader import Reading
    from xladdin.selfcheck.plan import stale

    return isinstance(reading, Reading) and reading.submission.form2 is not None and stale(reading)


def _read(path: Path):
    from xladdin.reader import read_workbook

    return read_workbook(path)


def _locked(path: Path):
    """The workbook's exclusive lock around read, plan and write: a second command waits."""
    try:
        path.stat()
    except OSError as err:
        from xladdin.io.formats import os_reason
        from xladdin.io.grid import ReadError

        raise ReadError(f"无法打开文件：{path}（{os_reason(err)}）", f"cannot open file: {err.strerror}") from None
    return locked(path)


def cmd_new_fund(args: argparse.Namespace) -> int:
    from xladdin.commands.funds import CommandError, plan_new_fund  # off the start-up path of validate

    path = Path(args.path)
    try:
        config = load_config(getattr(args, "config", None), book=path)
        with _locked(path):
            plan = plan_new_fund(_read(path), args.name, args.amount, args.parent, args.basis, config)
            _write(path, plan)
    except CommandError as err:
        raise UserError(str(err), "refused, nothing changed") from None
    except SaveRefused as err:
        raise UserError(str(err), "file cannot be written now") from None
    print("新增专项：")
    _print_changes(plan)
    if args.basis:
        print("请核对浅蓝色底纹的建议内容（指标与绩效目标），按实际修改后运行校验。")
    else:
        print("请在新工作表中填写三级指标、指标值和支出明细，然后运行校验。")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from xladdin.commands.funds import CommandError, plan_sync

    path = Path(args.path)
    try:
        with _locked(path):
            reading = _read(path)
            plan = plan_sync(reading, load_config(getattr(args, "config", None), book=path))
            if not plan and _selfcheck_stale(reading):  # rows or sheets added by hand
                from xladdin.edits import Change, Plan, RefreshSelfCheck

                plan = Plan([RefreshSelfCheck()], [Change(reading.submission.form2.sheet, "A1", SELFCHECK_REDONE)])
            if plan:
                _write(path, plan)
    except CommandError as err:
        raise UserError(str(err), "refused, nothing changed") from None
    except SaveRefused as err:
        raise UserError(str(err), "file cannot be written now") from None
    if not plan:
        print("附表2 已与各附表3 一致，无需修改。")
        return EXIT_OK
    print("同步汇总，附表2 的修改：")
    _print_changes(plan)
    overwrote = sum(c.overwrote_typed for c in plan.changes)
    if overwrote:
        print(f"注意：{overwrote} 处手工填写的值被替换（原文件已备份）。")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from xladdin.commands.export import ExportRefused, export

    try:
        path = Path(args.path)
        result = export(path, Path(args.out), force=args.force, config=load_config(args.config, book=path))
    except ExportRefused as err:
        print(str(err))
        return EXIT_FINDINGS
    except SaveRefused as err:
        raise UserError(str(err), "export not written") from None
    print(f"报送文件：{result.xlsx}")
    if result.pdf:
        print(f"PDF：{result.pdf}")
    else:
        print(f"未生成 PDF：{result.pdf_note}")
    print(f"校验结果：{result.summary}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    n = command(
        sub,
        "new-fund",
        "新增专项：添加附表3（标准指标框架）并在附表2 中增加一行",
        [
            ("xladdin new-fund 表.xlsm --name 优抚对象生活补助 --amount 320", "新增一个 320 万元的专项"),
            (
                "xladdin new-fund 表.xlsm --name 优抚对象生活补助 --basis 2380元/人/月×12个月×112人=320万元",
                "由测算依据算出金额，并建议指标",
            ),
        ],
    )
    n.add_argument("path", metavar="工作簿", help=".xlsx/.xlsm 工作簿")
    n.add_argument("--name", required=True, help="支出方向（专项）名称")
    n.add_argument("--amount", help="金额（万元）；给出 --basis 时可省略（由测算依据算出）")
    n.add_argument("--basis", help="支出测算依据，如「2380元/人/月×12个月×112人=320万元」：填入支出明细并建议指标")
    n.add_argument("--parent", help="所属专项名称（为已有专项新增子项时）")
    n.add_argument("--config", help="TOML 配置文件")
    n.set_defaults(func=cmd_new_fund)

    s = command(
        sub,
        "sync",
        "同步汇总：使附表2 与各附表3 一致",
        [("xladdin sync 2024年绩效目标表.xlsm", "按各附表3 改写附表2 的专项名称与金额（先备份）")],
    )
    s.add_argument("path", metavar="工作簿", help=".xlsx/.xlsm 工作簿")
    s.add_argument("--config", help="TOML 配置文件")
    s.set_defaults(func=cmd_sync)

    e = command(
        sub,
        "export",
        "导出报送：无宏的 .xlsx 和 PDF",
        [
            ("xladdin export 2024年绩效目标表.xlsm --out 报送", "在「报送」文件夹中生成报送用的 .xlsx 和 PDF"),
            ("xladdin export 2024年绩效目标表.xlsm --out 报送 --force", "仍有错误时也导出"),
        ],
        "导出报送：无宏、无校验标记和底纹、无辅助工作表的 .xlsx 和 PDF（原工作簿不动）",
    )
    e.add_argument("path", metavar="工作簿", help=".xlsx/.xlsm 工作簿")
    e.add_argument("--out", required=True, help="输出文件夹")
    e.add_argument("--force", action="store_true", help="仍有错误时也导出，并替换同名的旧导出文件（原工作簿始终不动）")
    e.add_argument("--config", help="TOML 配置文件")
    e.set_defaults(func=cmd_export)


EXTRA_COMMANDS.append(register)
