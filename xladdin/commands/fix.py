"""``xladdin validate BOOK --fix``: the fixes that cannot change what a form says.

Only these: stray spaces around a text (and inside a 绩效标准 such as 「计 划 标 准」), the word
百分比 after a number written as %, full-width digits in numbers (an amount typed as 「１２３」 or as the
text 「123」 becomes the number 123). Everything else stays a finding for the clerk. The file is saved
atomically with a backup (``xladdin.io.openpyxl_writer.edit_file``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from xladdin import a1
from xladdin.edits import SetCell
from xladdin.layout.base import norm
from xladdin.layout.skeleton import STANDARDS
from xladdin.model import CellValue, Form
from xladdin.reader import Reading, read_workbook
from xladdin.values import plain_number, quantity

#: Model keys of amount cells (万元): a text number there becomes a number.
AMOUNT_KEYS = {"amount", "project_amount", "parent_amount", "general_budget", "gov_fund", "other_funds", "basic"}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％＋－", "0123456789.%+-")
_EDGE_SPACE = re.compile(r"^[\s\u3000]+|[\s\u3000]+$")


@dataclass(frozen=True)
class Fix:
    sheet: str
    cell: str
    before: CellValue
    after: CellValue
    why: str  # Chinese

    def line(self) -> str:
        return f"{self.sheet}!{self.cell}  {self.why}：「{self.before}」→「{self.after}」"


def _cells(form: Form) -> Iterator[tuple[str, str, CellValue]]:
    """(column key, cell, value) of every field and table cell the reader took from ``form``."""
    place = form.place
    for key, cell in place.fields.items():
        yield key.split(".")[-1], cell, form.get(key)
    for table, rows in place.rows.items():
        items = getattr(form, table, None)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items[: len(rows)]):
            for column in place.columns.get(table, {}):
                cell = place.row_cell(table, i, column)
                if cell:
                    yield column, cell, getattr(item, column, None)


def fix_value(column: str, value: CellValue) -> tuple[CellValue, str] | None:
    """The fixed value of one cell and why (Chinese), or None when nothing safe applies."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = _EDGE_SPACE.sub("", value)
    reasons = ["去掉多余空格"] if text != value else []
    if column == "standard" and norm(text) in STANDARDS and text != norm(text):
        text = norm(text)
        reasons = ["去掉多余空格"]
    digits = text.translate(_FULL_WIDTH_DIGITS)
    if column in AMOUNT_KEYS:
        number = plain_number(unicodedata.normalize("NFKC", digits).replace(" ", ""))
        if number is not None:
            return number, "金额改为数字" + ("（全角数字改为半角）" if digits != text else "")
    if column == "unit" and text == "百分比":  # a separate 计量单位 column
        return "%", "「百分比」改为 %"
    if column == "value":
        if digits != text:
            text, reasons = digits, [*reasons, "全角数字改为半角"]
        q = quantity(text)
        if q is not None and q.unit.startswith("百分比"):
            text = text[: len(text) - len(q.unit)].rstrip() + "%" + q.unit[len("百分比") :]
            reasons.append("「百分比」改为 %")
    if text == value:
        return None
    return text, "，".join(reasons)


def plan_fixes(reading: Reading) -> list[Fix]:
    """Every safe fix in the workbook, in sheet order: the cells the reader placed (fields and table
    cells), judged on what each cell holds; cells holding formulas are left alone."""
    fixes: list[Fix] = []
    for form in reading.submission.forms():
        sheet = reading.grid.sheet(form.sheet)
        for column, cell, _value in _cells(form):
            if cell in form.place.formulas or sheet is None:
                continue
            try:
                row, col = a1.parse(cell)
            except ValueError:
                continue
            # the cell as it stands, not the model's reading of it: the reader joins 「≥」「95」「%」 into
            # one 指标值, normalises 「=100百分比」 and cuts 「填表人：张三 电话：…」 apart
            raw = sheet.value(row, col)
            fixed = fix_value(column, raw)
            if fixed is not None:
                fixes.append(Fix(form.sheet, cell, raw, fixed[0], fixed[1]))
    return fixes


def fix_file(path: Path, out=None) -> list[Fix]:
    """Apply the safe fixes to ``path`` (atomic save, backup kept) and print each one."""
    import sys

    from xladdin.cli_base import UserError
    from xladdin.io.openpyxl_writer import edit_file
    from xladdin.io.save import SaveRefused

    out = out or sys.stdout
    fixes = plan_fixes(read_workbook(path))
    if not fixes:
        print("没有可以安全自动修正的问题。", file=out)
        return fixes
    edits = []
    for f in fixes:
        row, col = a1.parse(f.cell)
        edits.append(SetCell(f.sheet, row, col, f.after))
    try:
        backup = edit_file(path, edits)
    except SaveRefused as err:
        raise UserError(str(err), "file cannot be written now") from None
    print(f"已自动修正 {len(fixes)} 处（只改不影响含义的书写问题）：", file=out)
    for f in fixes:
        print(f"  {f.line()}", file=out)
    if backup:
        print(f"已保存。原文件备份为：{backup.name}", file=out)
    return fixes
