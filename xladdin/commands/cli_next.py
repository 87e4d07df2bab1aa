"""CLI for 转入下一年度 and 建议指标 (the ribbon buttons call the same planners)."""

from __future__ import annotations

import argparse
from pathlib import Path

from xladdin.cli_base import EXIT_OK, EXTRA_COMMANDS, UserError
from xladdin.cli_zh import command
from xladdin.io.save import SaveRefused


def cmd_rollover(args: argparse.Namespace) -> int:
    from xladdin.commands.rollover import RolloverError, rollover_file

    try:
        result = rollover_file(Path(args.path), Path(args.out), args.year, clear_amounts=args.clear_amounts)
    except (RolloverError, SaveRefused) as err:
        raise UserError(str(err), "refused, nothing written") from None
    print(f"已生成 {result.new_year} 年度工作簿：{result.target}（原文件未改动）")
    changed = result.changed
    print(f"改动 {len(changed)} 处：")
    for sheet, cell, old, new, note in changed:
        print(f"  {sheet}!{cell}  「{old}」→「{new}」" if note == "年度顺延" else f"  {sheet}!{cell}  {note}：{old}")
    kept = [line for line in result.lines if line not in changed]
    if kept:
        print(f"未改动、请核对 {len(kept)} 处：")
        for sheet, cell, old, _new, note in kept:
            print(f"  {sheet}!{cell}  {note}：{old[:60]}")
    print("以上清单也写在新工作簿的「转年说明」工作表中（不参加校验，不随报送导出）。")
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if args.write and path.is_file():  # read, plan and write under the workbook's lock (no lost update)
        from xladdin.io.save import locked

        try:
            with locked(path):
                return _suggest(args, path)
        except SaveRefused as err:
            raise UserError(str(err), "file cannot be written now") from None
    return _suggest(args, path)


def _suggest(args: argparse.Namespace, path: Path) -> int:
    from xladdin.commands.suggest import SUGGESTION_NOTE, plan_suggest, print_proposals
    from xladdin.reader import read_workbook

    result = plan_suggest(read_workbook(path), write_notes=args.write)
    print_proposals(result)
    if not args.write:
        if result.writable:
            print("加 --write 写入标「可写入」的建议（只填空白单元格，不覆盖已填写的内容）。")
        return EXIT_OK
    if not result.writable:
        print("没有可写入的空白单元格，文件未改动。")
        return EXIT_OK
    from xladdin.io.openpyxl_writer import edit_file

    try:
        backup = edit_file(path, result.plan.edits)
    except SaveRefused as err:
        raise UserError(str(err), "file cannot be written now") from None
    print(f"已写入 {len(result.writable)} 项建议（{SUGGESTION_NOTE}）。")
    if backup:
        print(f"原文件备份为：{backup.name}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    r = command(
        sub,
        "rollover",
        "转入下一年度：生成新年度的工作簿（原文件不改动）",
        [
            ("xladdin rollover 2023年表.xlsm --year 2024 --out 2024年表.xlsm", "把各表中的 2023 年度改为 2024 年度"),
            ("xladdin rollover 2023年表.xlsm --year 2024 --out 2024年表.xlsm --clear-amounts", "同上，并清空金额"),
        ],
    )
    r.add_argument("path", metavar="工作簿", help="上一年度的工作簿 .xlsx/.xlsm")
    r.add_argument("--year", type=int, required=True, help="新的预算年度，如 2024")
    r.add_argument("--out", required=True, help="新工作簿的路径（不能已存在）")
    r.add_argument("--clear-amounts", action="store_true", help="清空填写的金额（合计公式与测算依据保留）")
    r.set_defaults(func=cmd_rollover)

    s = command(
        sub,
        "suggest",
        "建议指标：由测算依据和指标库建议空白或有问题的指标",
        [
            ("xladdin suggest 2024年绩效目标表.xlsm", "只列出建议，不改动文件"),
            ("xladdin suggest 2024年绩效目标表.xlsm --write", "把建议写入空白单元格（标浅蓝色，先备份）"),
        ],
    )
    s.add_argument("path", metavar="工作簿", help=".xlsx/.xlsm 工作簿")
    s.add_argument("--write", action="store_true", help="把建议写入空白单元格（标浅蓝色，不覆盖已填写内容）")
    s.set_defaults(func=cmd_suggest)


EXTRA_COMMANDS.append(register)
