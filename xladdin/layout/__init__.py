"""One description of each form's layout, used by the builder, the reader and every writer."""

from __future__ import annotations

import re

from xladdin.layout.base import Cell, FormLayout, Rows, Table, norm
from xladdin.layout.form1 import FORM1
from xladdin.layout.form2 import FORM2
from xladdin.layout.form3 import FORM3

LAYOUTS: dict[str, FormLayout] = {"form1": FORM1, "form2": FORM2, "form3": FORM3}

SHEET1 = "附表1"
SHEET2 = "附表2"
FUND_PREFIX = "附表3-"
MAX_SHEET = 31
_ILLEGAL = re.compile(r"[\\/?*\[\]:]")


def sheet_name_problem(name: str) -> str | None:
    """Why Excel would refuse ``name`` as a sheet name (Chinese), or None."""
    if not name or not name.strip():
        return "工作表名称不能为空"
    if len(name) > MAX_SHEET:
        return f"工作表名称最多 {MAX_SHEET} 个字符（现有 {len(name)} 个）"
    if _ILLEGAL.search(name):
        return "工作表名称不能含有 \\ / ? * [ ] : 这些字符"
    if name.startswith("'") or name.endswith("'"):
        return "工作表名称不能以单引号开头或结尾"
    if name.casefold() == "history":
        return "“History” 是 Excel 保留的工作表名称"
    return None


def fund_sheet_name(fund: str, taken: list[str] | set[str]) -> str:
    """``附表3-<fund>``: illegal characters dropped, cut to 31 characters, unique in ``taken``."""
    clean = _ILLEGAL.sub("", fund).strip().strip("'") or "专项"
    used = {t.casefold() for t in taken}
    base = (FUND_PREFIX + clean)[:MAX_SHEET]
    name, n = base, 2
    while name.casefold() in used:
        suffix = f"({n})"
        name = base[: MAX_SHEET - len(suffix)] + suffix
        n += 1
    return name


__all__ = [
    "FORM1",
    "FORM2",
    "FORM3",
    "LAYOUTS",
    "Cell",
    "FormLayout",
    "Rows",
    "Table",
    "fund_sheet_name",
    "norm",
    "sheet_name_problem",
]
