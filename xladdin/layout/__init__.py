"""One description of each form's layout, used by the builder, the reader and every writer."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

from xladdin.layout.base import Cell, FormLayout, Rows, Table, norm
from xladdin.layout.form1 import form1
from xladdin.layout.form2 import form2
from xladdin.layout.form3 import form3


def _layouts() -> dict[str, FormLayout]:
    return {"form1": form1(), "form2": form2(), "form3": form3()}


#: Built once, on first use (not when the package is imported): a command that reads no form does not
#: pay for it, and a mutation run, whose children are forked from a process that has built it, clears
#: this cache so that a mutant of the layout's functions takes effect (``scripts/mutmut_fixtures.py``).
_built = cache(_layouts)


class _Layouts(Mapping[str, FormLayout]):
    """The forms' descriptions by kind (form1, form2, form3), built when first read."""

    def __getitem__(self, kind: str) -> FormLayout:
        return _built()[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(_built())

    def __len__(self) -> int:
        return len(_built())


LAYOUTS: Mapping[str, FormLayout] = _Layouts()


def __getattr__(name: str) -> FormLayout:
    """``FORM1``, ``FORM2``, ``FORM3``: ``LAYOUTS``' forms (an import by name builds the layout then)."""
    if name in ("FORM1", "FORM2", "FORM3"):
        return LAYOUTS["form" + name[-1]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
