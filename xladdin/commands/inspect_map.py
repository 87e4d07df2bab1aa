"""``xladdin inspect BOOK [--json]``: how each form of a workbook (or a Word document) was read.

Prints the form map recognition made of every form (``xladdin.formmap``): its kind and family
(profile) and why, every field with the cell it was read from, the label that named it and the cue,
the indicator table with every column it prints, and what was looked for and not found. A reviewer
or IT sees cell by cell how a form from another province was understood; nothing is written.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from xladdin.cli_base import EXIT_OK, EXTRA_COMMANDS, UserError
from xladdin.formmap import CUES, KIND_ZH, FormMap
from xladdin.layout.names import FIELD_NAMES, TABLE_NAMES, column_name
from xladdin.layout.profiles import profile_of


def map_book(path: Path) -> list[FormMap]:
    """The form maps of ``path`` (any format ``import`` reads), the family forced by
    ``[form] profile`` in the settings beside it."""
    from xladdin.commands.importer import load_grid
    from xladdin.config import load_config
    from xladdin.reader import read_grid_model
    from xladdin.validate import force_profile

    with tempfile.TemporaryDirectory(prefix="xladdin-inspect-") as tmp:
        grid = load_grid(path, Path(tmp))
    reading = read_grid_model(grid)
    profile = load_config(book=path).profile
    if profile:
        force_profile(reading, profile)
    return reading.structure.maps


def _short(value: object, width: int = 30) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"


def lines_of(fmap: FormMap) -> list[str]:
    """The map of one form as a reviewer reads it (Chinese)."""
    out = [f"{fmap.sheet}：{KIND_ZH[fmap.kind]}"]
    out.append(f"  版式：{profile_of(fmap.profile).name}（{fmap.profile}）——{fmap.profile_cue}")
    if fmap.fields:
        out.append("  字段：")
    for key, f in fmap.fields.items():
        where = f.cell or "—"
        label = f"，标签 {f.label}" if f.label and f.label != f.cell else ""
        sure = "" if f.sure else "，推测"
        cue = CUES.get(f.cue, f.cue)
        out.append(f"    {FIELD_NAMES.get(key, key)}  {where}（{cue}{label}{sure}）「{_short(f.value)}」")
    for key, t in fmap.tables.items():
        rows = f"第{t.rows[0]}–{t.rows[-1]}行，{len(t.rows)} 行" if t.rows else "无数据行"
        head = f"表头第{t.header_row}行" if t.header_row else "从文字段落读取" if t.cue == "prose" else "本模板列位置"
        head = f"{CUES[t.cue]}，{head}" if t.cue in ("outline", "tagged") and t.header_row else head
        head = CUES[t.cue] if t.cue == "tagged" else head
        sub = f"，第二行表头第{t.sub_header_row}行" if t.sub_header_row else ""
        out.append(f"  {TABLE_NAMES.get(key, key)}：{head}{sub}，{rows}")
        cols = []
        for c in t.columns:
            name = column_name(key, c.key)
            printed = f"「{c.header}」" if c.header and c.header != name else ""
            how = "" if c.cue in ("header", "layout") else f"（{CUES.get(c.cue, c.cue)}）"
            cols.append(f"{name} {c.col}{printed}{how}{'（推测）' if not c.sure else ''}")
        if cols:
            out.append("    列：" + "；".join(cols))
    if t_total := [f"第{t.total_row}行" for t in fmap.tables.values() if t.total_row]:
        out.append("  合计行：" + "、".join(t_total))
    if (note := fmap.structure_note()) is not None:
        out.append(f"  结构：{note}")
    if fmap.not_found:
        out.append("  未找到：" + "、".join(FIELD_NAMES.get(k, k) for k in fmap.not_found))
    if fmap.missing:
        out.append("  缺少（无法检查）：" + "、".join(fmap.missing))
    out += [f"  说明：{n}" for n in fmap.notes]
    return out


def cmd_inspect(args: argparse.Namespace) -> int:
    from xladdin.config import ConfigError
    from xladdin.io.grid import ReadError

    path = Path(args.path)
    try:
        maps = map_book(path)
    except (ReadError, ConfigError) as err:
        raise UserError(str(err.args[0]) if err.args else str(err), "cannot read") from None
    if args.json:
        print(json.dumps({"file": str(path), "forms": [m.as_dict() for m in maps]}, ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{path.name}：{len(maps)} 张表")
    for fmap in maps:
        print()
        print("\n".join(lines_of(fmap)))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    from xladdin.cli_zh import command

    p = command(
        sub,
        "inspect",
        "查看识别结果：每张表的版式、各栏所在单元格及依据（不改动文件）",
        [
            ("xladdin inspect 外省项目表.xlsx", "看外省表式的每一栏是从哪个单元格、按什么线索读出的"),
            ("xladdin inspect 去年的表.docx --json", "以 JSON 输出识别结果，供核对或程序使用"),
        ],
    )
    p.add_argument("path", metavar="工作簿或源文件", help=".xlsx/.xlsm 工作簿，或 .docx 等 import 能读的文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_inspect)


EXTRA_COMMANDS.append(register)
