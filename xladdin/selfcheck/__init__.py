"""The workbook's self-check (自查): native formulas that mirror the arithmetic and blank-field
rules, for where macros cannot run (WPS 表格, blocked macros, LibreOffice).

``checks.CHECKS`` holds each mirrored rule's formula form, keyed by rule code; ``plan`` lays them
out for one workbook: a 自查 cell beside each form's title (outside the print area), conditional
formats on the offending cells, and a hidden 「自查」 sheet with one flag per checked cell. The
writers (XlsxWriter for built workbooks, openpyxl for edited ones, ``parts`` part by part for an
edited workbook openpyxl would damage) apply the same plan; export
removes it all (:func:`xladdin.selfcheck.write.strip_openpyxl`).
"""

from __future__ import annotations

import importlib
import sys
import types

# What each name is imported from, on first use (PEP 562): the reader needs only ``cells`` (it forgets
# the 自查 cells), and a validation should not pay for the checks and the plan it never lays out.
_HOMES = {
    "SHEET": "cells",
    "is_selfcheck_formula": "cells",
    "CHECKS": "checks",
    "Book": "checks",
    "FormAt": "checks",
    "SelfCheck": "plan",
    "book_of_reading": "plan",
    "plan": "plan",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package, whose submodule ``plan`` never hides the function ``plan`` it exports (the
    import system sets a submodule on its package when it loads it)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "plan" and isinstance(value, types.ModuleType):
            value = value.plan
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = ["CHECKS", "SHEET", "Book", "FormAt", "SelfCheck", "book_of_reading", "is_selfcheck_formula", "plan"]
