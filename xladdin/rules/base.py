"""The rule catalogue: one small function per rule, registered with a code, a severity and a title.

A rule is a generator: it gets a :class:`Context` and yields findings through ``ctx.hit(...)``;
the catalogue stamps each with the rule's code and (configured) severity. The rule's docstring is
its documentation (what is wrong, why a reviewer cares, an example, the fix): ``xladdin rules``
prints it.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from xladdin.config import SETTINGS, Config, default_config
from xladdin.model import Form, Submission
from xladdin.reader import Structure
from xladdin.waivers import Waiver


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
    waived: str | None = None  # the reason on the 已确认 sheet, when a clerk accepted it

    def as_dict(self) -> dict[str, str]:
        out = {
            "rule": self.rule,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
            "fix": self.fix,
        }
        if self.waived is not None:
            out["waived"] = self.waived
        return out


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
    config: Config = field(default_factory=default_config)
    waivers: list[Waiver] = field(default_factory=list)  # the 已确认 sheet

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
    config: tuple[str, ...] = ()  # the settings it reads (sqlfluff's config_keywords)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def settings(self, config: Config | None = None) -> list[tuple[str, object, str]]:
        """(key, current value, Chinese description) of each setting the rule reads."""
        cfg = config or default_config()
        return [(key, cfg.value(key), SETTINGS[key].doc) for key in self.config]


CATALOGUE: dict[str, Rule] = {}

FAMILIES = {
    "S": "结构",
    "A": "金额",
    "X": "表间核对",
    "I": "绩效指标",
    "B": "测算依据",
    "F": "表头与签字",
}


def rule(code: str, title: str, severity: Severity, *, config: tuple[str, ...] = ()) -> Callable[[Check], Check]:
    """Register a rule function under ``code``; ``config`` names the settings it reads."""

    def register(fn: Check) -> Check:
        if code in CATALOGUE:
            raise ValueError(f"duplicate rule code {code}")
        if not fn.__doc__:
            raise ValueError(f"rule {code} needs a docstring")
        unknown = [k for k in config if k not in SETTINGS]
        if unknown:
            raise ValueError(f"rule {code} declares unknown settings {unknown}")
        CATALOGUE[code] = Rule(code, title, severity, FAMILIES[code[0]], fn, tuple(config))
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
        view = dataclasses.replace(ctx, config=ctx.config.for_rule(code, r.config))  # type: ignore[arg-type]
        for h in r.check(view):
            yield Finding(code, severity, h.sheet, h.cell, h.message, h.fix)
