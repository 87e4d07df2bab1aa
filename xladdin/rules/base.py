"""The rule catalogue: one small function per rule, registered with a code, a severity and a title.

A rule is a generator: it gets a :class:`Context` and yields findings through ``ctx.hit(...)``;
the catalogue stamps each with the rule's code and (configured) severity. The rule's docstring is
its documentation (what is wrong, why a reviewer cares, an example, the fix): ``xladdin rules``
prints it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from xladdin.config import Config
from xladdin.model import Form, Submission
from xladdin.reader import Structure


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    sheet: str
    cell: str
    message: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class Hit:
    sheet: str
    cell: str
    message: str
    fix: str = ""


@dataclass
class Context:
    submission: Submission
    structure: Structure
    config: Config = field(default_factory=Config)

    def found(self, form: Form, section_key: str) -> bool:
        """Whether the reader found ``section_key`` on ``form`` (a table key such as "indicators",
        "details", "funds", or a section of ``xladdin.layout.vocabulary``: "budget", "income",
        "expense", "parent", "template" …). True when the form was not read from a sheet. Rules
        that need a section skip a form without it: S002 has said once that it is missing."""
        if not form.sheet:
            return True
        return section_key in form.place.found

    def hit(self, form: Form | str, cell: str, message: str, fix: str = "") -> Hit:
        sheet = form if isinstance(form, str) else form.sheet
        return Hit(sheet, cell, message, fix)


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    family: str
    check: Check

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")


CATALOGUE: dict[str, Rule] = {}

FAMILIES = {
    "S": "结构",
    "A": "金额",
    "X": "表间核对",
    "I": "绩效指标",
    "B": "测算依据",
    "F": "表头与签字",
}


def rule(code: str, title: str, severity: Severity) -> Callable[[Check], Check]:
    """Register a rule function under ``code``."""

    def register(fn: Check) -> Check:
        if code in CATALOGUE:
            raise ValueError(f"duplicate rule code {code}")
        if not fn.__doc__:
            raise ValueError(f"rule {code} needs a docstring")
        CATALOGUE[code] = Rule(code, title, severity, FAMILIES[code[0]], fn)
        return fn

    return register


def run(ctx: Context, codes: Iterable[str] | None = None) -> Iterator[Finding]:
    """Every finding of the enabled rules, in catalogue order."""
    wanted = set(codes) if codes is not None else None
    for code, r in CATALOGUE.items():
        if wanted is not None and code not in wanted:
            continue
        severity = ctx.config.severity_of(code, r.severity.value)
        if severity == "off":
            continue
        for h in r.check(ctx):
            yield Finding(code, severity, h.sheet, h.cell, h.message, h.fix)
