"""Worksheet functions that help a clerk while typing, backed by the core.

In Excel they are called through VBA wrappers generated at build time (see ``excel/vba.py``), the
way xlwings' "Import Functions" would write them, so no "trust access to the VBA project" setting
is needed. On Linux the decorators leave the functions as they are: tests call them directly.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw


@xw.func
@xw.arg("text", doc="支出测算依据及过程说明的文字")
def XA_CALC(text: Any) -> Any:
    """测算依据中的算式得出的金额（万元）；没有可计算的算式时返回空。"""
    from xladdin.basis import evaluate

    if not isinstance(text, str) or not text.strip():
        return ""
    calc = evaluate(text)
    if calc is None:
        return ""
    return float(calc.computed_wan)


@xw.func
@xw.arg("caller", "range", doc="调用的单元格（自动传入）")
def XA_STATUS(caller: Any) -> str:
    """本工作表的校验结果，如「2 个错误，5 个警告」。"""
    from xladdin.excel.book import book_config, read_book
    from xladdin.reader import read_grid_model
    from xladdin.validate import check

    sheet = caller.sheet
    report = check(read_grid_model(read_book(sheet.book)), book_config(sheet.book))
    # a finding reported once for the workbook (a blank 填表人 on every form) counts on each sheet it names
    mine = [
        f
        for f in report.findings
        if f.waived is None and (f.sheet == sheet.name or any(c.startswith(f"{sheet.name}!") for c in f.cells))
    ]
    errors = sum(f.severity == "error" for f in mine)
    warnings = sum(f.severity == "warning" for f in mine)
    return f"{errors} 个错误，{warnings} 个警告"


#: The functions Excel sees, in the order their wrappers are written.
UDFS = (XA_CALC, XA_STATUS)
