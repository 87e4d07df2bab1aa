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
from functools import partial
from typing import NamedTuple, TypeVar

from xladdin.config import SETTINGS, Config, ConfigError, default_config
from xladdin.formmap import FormMap
from xladdin.layout.profiles import has_column, has_field
from xladdin.layout.vocabulary import HEADER
from xladdin.model import Form, Submission
from xladdin.reader import Structure
from xladdin.waivers import Waiver

T = TypeVar("T")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

#: What each severity means (printed by ``xladdin rules`` and in the README).
SEVERITY_MEANING = {
    "error": "审核人会因此退回报表",
    "warning": "值得核实，可能需要修改",
    "info": "格式或书写习惯，不影响审核",
}

#: errors first, then warnings, then hints.
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


class Finding(NamedTuple):
    """One finding of a check, as reported."""

    rule: str
    severity: str
    sheet: str
    cell: str
    message: str
    fix: str = ""
    cells: tuple[str, ...] = ()  # every "sheet!cell" the same root cause sits in (marks in Excel)
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


class Hit(NamedTuple):
    """What a rule yields: a place and a message (the catalogue stamps code and severity)."""

    sheet: str
    cell: str
    message: str
    fix: str = ""
    # Hits with the same root are one root cause: the most severe (then first in the catalogue)
    # stays, the others are folded into it as 「另见」.
    root: str = ""
    cells: tuple[str, ...] = ()  # further "sheet!cell" places of this finding
    # What the finding assumes (Chinese) where the form does not show it for certain (a table that
    # may be cut short…): an error resting on an assumption is a warning that says it.
    assumed: str = ""
    #: every further cell ("cell" on this sheet, or "sheet!cell") the finding's judgement rests on (the
    #: parts of a sum, the other side of a comparison, an indicator's name beside its value): an error
    #: resting on a cell recognition did not find for certain is a warning (``FormMap.weak_cells``)
    rests: tuple[str, ...] = ()


#: Sources with no number type (``xladdin.commands.importer``'s WORD and WORD_OLD): Word and its kin.
UNTYPED_SOURCES = (".docx", ".docm", ".dotx", ".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt")


@dataclass
class Context:
    """What a rule sees: the submission, what recognition found, the settings."""

    submission: Submission
    structure: Structure
    config: Config = field(default_factory=default_config)
    waivers: list[Waiver] = field(default_factory=list)  # the 已确认 sheet
    #: what the running rule needs of a form (``Rule.needs``): a form without it is skipped
    needs: tuple[str, ...] = ()
    #: what one :func:`run` has already worked out, for all its rules (the rows of each indicator
    #: table: ``xladdin.rules.indicators.helpers.tables``); None outside a run
    shared: dict[object, object] | None = field(default=None, repr=False, compare=False)

    def found(self, form: Form, section_key: str) -> bool:
        """Whether the reader found ``section_key`` on ``form`` (a table key such as "indicators",
        "details", "funds", or a section of ``xladdin.layout.vocabulary``: "budget", "income",
        "expense", "parent", "template" …). True when the form was not read from a sheet. Rules
        that need a section skip a form without it: S002 has said once that it is missing.
        False too when the form lacks something the running rule needs (:meth:`lacks`)."""
        if self.lacks(form):
            return False
        if not form.sheet:
            return True
        return section_key in form.place.found

    def lacks(self, form: Form) -> str:
        """The first of the running rule's ``needs`` that ``form`` does not have ("" when it has
        them all): an indicator column (``xladdin.layout.vocabulary.HEADER`` key) the reader did not
        find on the form's sheet, or a field the form's profile does not print
        (``xladdin.layout.profiles``)."""
        if not self.needs:
            return ""
        return self.once(("lacks", id(form), self.needs), partial(self._first_lacking, form))

    def _first_lacking(self, form: Form) -> str:
        return next((key for key in self.needs if not form_has(form, key)), "")

    def once(self, key: object, make: Callable[[], T]) -> T:
        """``make()``, worked out once a run of the catalogue under ``key`` for all its rules
        (:attr:`shared`), and afresh on every call outside a run."""
        if self.shared is None:
            return make()
        try:
            return self.shared[key]  # type: ignore[return-value]
        except KeyError:
            value = self.shared[key] = make()
            return value

    def sure(self, form: Form, key: str) -> bool:
        """Whether recognition found field ``key`` of ``form`` for certain: not by a guess, and not
        by our template's position on a form that is not laid out as our template (a blank there says
        nothing about the form: its value may stand elsewhere), and not marked 「本次未提供」 by an import
        whose source did not have it. True for a form not read from a sheet."""
        fmap = self.map_of(form)
        at = fmap.fields.get(key) if fmap else None
        if fmap is None or at is None:
            return True
        if key in fmap.marked:
            return False
        return at.sure and not (at.cue == "layout" and not fmap.template)

    @property
    def untyped(self) -> bool:
        """Whether the source has no number type (a Word document, read by ``import`` and the corpus
        checks): every number in it is text, so a number written as text says nothing of the clerk."""
        return self.submission.path.lower().endswith(UNTYPED_SOURCES)

    def map_of(self, form: Form) -> FormMap | None:
        """What recognition understood of ``form`` (None for a form not read from a sheet); once a run
        for every rule."""
        if self.shared is None:
            return self._map_of(form)
        key = ("map_of", id(form))
        try:
            return self.shared[key]  # type: ignore[return-value]
        except KeyError:
            found = self.shared[key] = self._map_of(form)
            return found

    def _map_of(self, form: Form) -> FormMap | None:
        rows = [r for rows in form.place.rows.values() for r in rows]
        for fmap in self.structure.maps:
            if fmap.sheet != form.sheet:
                continue
            first, last = fmap.rows
            if not rows or last < first or any(first <= r <= last for r in rows):
                return fmap
        return None

    def hit(
        self,
        form: Form | str,
        cell: str,
        message: str,
        fix: str = "",
        *,
        root: str = "",
        cells: tuple[str, ...] = (),
        assumed: str = "",
        rests: Iterable[tuple[Form | str, str] | str] = (),
    ) -> Hit:
        """A finding at ``cell`` of ``form``; ``rests`` names the further cells its judgement rests on,
        each (form or sheet, cell) or 「sheet!cell」 (see :attr:`Hit.rests`)."""
        sheet = form if isinstance(form, str) else form.sheet
        on = tuple(_ref(where) for where in rests)
        return Hit(sheet, cell, message, fix, root, cells, assumed, tuple(r for r in on if r))


def _ref(where: tuple[Form | str, str] | str) -> str:
    """「sheet!cell」 of a place a finding rests on ("" for a place with no cell)."""
    if isinstance(where, str):
        return where
    form, cell = where
    if not cell:
        return ""
    return f"{form if isinstance(form, str) else form.sheet}!{cell}"


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue: its code, title, severity and check."""

    code: str
    title: str
    severity: Severity
    family: str
    check: Check
    config: tuple[str, ...] = ()  # the settings it reads (sqlfluff's config_keywords)
    #: what it needs of a form (indicator columns, profile fields): skipped on a form without them
    needs: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def settings(self, config: Config | None = None) -> list[tuple[str, object, str]]:
        """(key, current value, Chinese description) of each setting the rule reads."""
        cfg = config or default_config()
        return [(key, cfg.value(key), SETTINGS[key].doc) for key in self.config]


CATALOGUE: dict[str, Rule] = {}

#: The root of a hit whose inputs include a formula we could not compute: its S003 is the finding.
UNCOMPUTED = "uncomputed:"

FAMILIES = {
    "S": "结构",
    "A": "金额",
    "X": "表间核对",
    "I": "绩效指标",
    "B": "测算依据",
    "F": "表头与签字",
    "G": "绩效目标与职责",
}


#: What the rules of a family need of a form unless they say otherwise: an indicator rule judges
#: names and values, and says nothing of a table whose 指标值 column was not found.
FAMILY_NEEDS = {"I": ("name", "value")}


def rule(
    code: str,
    title: str,
    severity: Severity,
    check: Check,
    *,
    config: tuple[str, ...] = (),
    needs: tuple[str, ...] | None = None,
) -> Rule:
    """Register ``check`` as rule ``code``; ``config`` names the settings it reads, ``needs`` what it
    needs of a form (indicator columns or profile fields; default: its family's ``FAMILY_NEEDS``).
    A form without them is skipped for this rule, never failed: ``Context.found`` answers False for
    it, and the engine drops any hit that still lands on it.

    Each rule module calls this right after the rule's function, not as a decorator: mutmut
    (``scripts/mutation``) leaves decorated functions unmutated, and the rule bodies are what the
    mutation score must cover."""
    if code in CATALOGUE:
        raise ValueError(f"duplicate rule code {code}")
    if not check.__doc__:
        raise ValueError(f"rule {code} needs a docstring")
    unknown = [k for k in config if k not in SETTINGS]
    if unknown:
        raise ValueError(f"rule {code} declares unknown settings {unknown}")
    wanted = FAMILY_NEEDS.get(code[0], ()) if needs is None else needs
    CATALOGUE[code] = registered = Rule(code, title, severity, FAMILIES[code[0]], check, tuple(config), tuple(wanted))
    return registered


def in_code_order(prefix: str) -> None:
    """List the rules whose codes start with ``prefix`` in code order, where the first of them stands:
    a family whose rules live in several modules reads as one block, whatever the import order (the
    order decides which of two equally severe hits of one root leads)."""
    codes = [c for c in CATALOGUE if c.startswith(prefix)]
    if not codes:
        return
    items = list(CATALOGUE.items())
    at = next(i for i, (c, _) in enumerate(items) if c.startswith(prefix))
    rest = [(c, r) for c, r in items if not c.startswith(prefix)]
    mine = sorted(((c, CATALOGUE[c]) for c in codes), key=lambda item: item[0])
    CATALOGUE.clear()
    CATALOGUE.update(rest[:at] + mine + rest[at:])


def selected(code: str, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> bool:
    """ruff's words: ``select``/``ignore`` hold codes or prefixes (「I3」, 「F5」, 「A101」)."""
    code = code.upper()
    if select is not None and not any(code.startswith(p.upper()) for p in select):
        return False
    return not (ignore is not None and any(code.startswith(p.upper()) for p in ignore))


def check_codes(config: Config) -> Config:
    """``config`` itself when every rule code its [severity] sections name is in the catalogue; else
    ConfigError naming the file and the code (the config loader knows no rules: the check is here)."""
    for code, source in config.severity_from.items():
        if code not in CATALOGUE:
            raise ConfigError(f"配置文件 {source}：[severity] 中有未知的规则代码 {code}")
    return config


def run(
    ctx: Context,
    codes: Iterable[str] | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Iterator[Finding]:
    """Every finding of the enabled rules, in catalogue order; one finding per root cause."""
    check_codes(ctx.config)
    wanted = set(codes) if codes is not None else None
    # a formula we could not compute is reported once (S003), never judged as if it were empty
    unknown = {(sheet, cell) for sheet, cell, _ in ctx.structure.uncomputed}
    weak = _guessed(ctx)
    hits: list[tuple[int, str, str, Hit]] = []
    shared: dict[object, object] = {}  # one run's readings of the same rows, for every rule
    for index, (code, r) in enumerate(CATALOGUE.items()):
        if wanted is not None and code not in wanted:
            continue
        if not selected(code, select, ignore):
            continue
        severity = ctx.config.severity_of(code, r.severity.value)
        if severity == "off":
            continue
        view = _view(ctx, ctx.config.for_rule(code, r.config), r.needs, shared)
        skipped = _skipped_spans(view)
        hits.extend(
            _tempered(index, code, severity, h, weak)
            for h in r.check(view)
            if (code == "S003" or ((h.sheet, h.cell) not in unknown and not h.root.startswith(UNCOMPUTED)))
            and not _on(h, skipped)
        )
    yield from _fold(hits)


def _view(ctx: Context, config: object, needs: tuple[str, ...], shared: dict[object, object]) -> Context:
    """``dataclasses.replace(ctx, config=…, needs=…, shared=…)`` for one rule of a run, without going
    through ``__init__`` (a hundred times a workbook: Context has no ``__post_init__``)."""
    view = object.__new__(Context)
    view.__dict__.update(ctx.__dict__)
    view.config, view.needs, view.shared = config, needs, shared  # type: ignore[assignment]
    return view


def form_has(form: Form, key: str) -> bool:
    """Whether ``form`` has ``key``: an indicator column its sheet prints (the reader placed it, or,
    for a form not read from a sheet, its profile prints it or some row holds a value for it), or a
    field its profile does not lack."""
    if key in HEADER:
        if key in form.place.columns.get("indicators", {}):
            return True
        if form.sheet and form.place.columns.get("indicators"):
            return False  # the table was read and has no such column
        if any(getattr(ind, key, None) not in (None, "") for ind in getattr(form, "indicators", [])):
            return True
        return not form.sheet and has_column(form.profile, key)
    return has_field(form.profile, key)


def _skipped_spans(ctx: Context) -> list[tuple[str, int, int]]:
    """(sheet, first row, last row) of each form the running rule skips (it lacks a need); once a run
    for the rules with the same needs."""
    if not ctx.needs:
        return []
    return ctx.once(("skipped", ctx.needs), partial(_spans_lacking, ctx))


def _spans_lacking(ctx: Context) -> list[tuple[str, int, int]]:
    out = []
    for form in ctx.submission.forms():
        if form.sheet and ctx.lacks(form):
            fmap = ctx.map_of(form)
            out.append((form.sheet, *(fmap.rows if fmap else (1, 10**9))))
    return out


def _on(h: Hit, spans: list[tuple[str, int, int]]) -> bool:
    """Whether hit ``h`` lands on one of the skipped forms' rows (or on its sheet with no cell)."""
    if not spans:
        return False
    digits = "".join(ch for ch in h.cell if ch.isdigit())
    row = int(digits) if digits else None
    return any(sheet == h.sheet and (row is None or first <= row <= last) for sheet, first, last in spans)


class _Guessed:
    """(sheet, cell) → what recognition assumed, for every cell it found by a guess
    (``FormMap.weak_cells``); a sheet's cells are worked out when an error on that sheet first asks
    (most sheets have none: their labels and values were not looked up for nothing)."""

    def __init__(self, maps: list[FormMap]) -> None:
        self._maps = maps
        self._sheets: dict[str, dict[str, str]] = {}

    def get(self, key: tuple[str, str]) -> str | None:
        sheet, cell = key
        cells = self._sheets.get(sheet)
        if cells is None:
            cells = self._sheets[sheet] = {}
            for fmap in self._maps:  # in order: a later map's note stands, as in one dict of all
                if fmap.sheet == sheet:
                    cells.update(fmap.weak_cells())
        return cells.get(cell)


def _guessed(ctx: Context) -> _Guessed:
    """(sheet, cell) → what recognition assumed, for every cell it found by a guess (``FormMap``)."""
    return _Guessed(ctx.structure.maps)


def _tempered(index: int, code: str, severity: str, h: Hit, weak: _Guessed) -> tuple[int, str, str, Hit]:
    """A guess never makes a confident error: an error resting on a cell recognition did not find for
    certain (its own cell, a further cell of the finding, or a cell it rests on) is a warning that says
    what was assumed."""
    if severity != "error":
        return index, code, severity, h
    assumed = h.assumed or next(
        (
            note
            for sheet, cell in ((h.sheet, h.cell), *map(_split_ref(h.sheet), (*h.cells, *h.rests)))
            if (note := weak.get((sheet, cell)))
        ),
        "",
    )
    if not assumed:
        return index, code, severity, h
    # the hits of one rule resting on one assumption are one finding (one root cause: the tool's guess)
    root = h.root or f"assumed:{code}:{h.sheet}:{assumed}"
    return index, code, "warning", h._replace(message=f"{h.message}（本工具推测：{assumed}，请核对）", root=root)


def _split_ref(sheet: str) -> Callable[[str], tuple[str, str]]:
    """「sheet!cell」 → (sheet, cell); a bare cell is on ``sheet``."""

    def split(ref: str) -> tuple[str, str]:
        at, _, cell = ref.rpartition("!")
        return (at or sheet), cell

    return split


def _fold(hits: list[tuple[int, str, str, Hit]]) -> Iterator[Finding]:
    """Hits sharing a root become one finding: the most severe keeps its place and message, the
    others are named in it as 「另见」 (their cells added to ``cells``)."""
    groups: dict[str, list[tuple[int, str, str, Hit]]] = {}
    for item in hits:
        if item[3].root:
            groups.setdefault(item[3].root, []).append(item)
    leaders: dict[int, Finding] = {}
    folded: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        lead = min(members, key=lambda m: (SEVERITY_RANK.get(m[2], 9), m[0]))
        others = [m for m in members if m is not lead]
        _, code, severity, h = lead
        notes = "；".join(
            ("" if m[1] == code else f"{m[1]} {CATALOGUE[m[1]].title}：")
            + (m[3].cell if m[3].sheet == h.sheet else f"{m[3].sheet}!{m[3].cell}")
            for m in others
        )
        cells = tuple(
            dict.fromkeys(
                [*h.cells, *(f"{m[3].sheet}!{m[3].cell}" for m in others), *(c for m in others for c in m[3].cells)]
            )
        )
        leaders[id(lead)] = Finding(code, severity, h.sheet, h.cell, f"{h.message}（另见 {notes}）", h.fix, cells)
        folded.update(id(m) for m in others)
    for item in hits:
        if id(item) in folded:
            continue
        if id(item) in leaders:
            yield leaders[id(item)]
            continue
        _, code, severity, h = item
        yield Finding(code, severity, h.sheet, h.cell, h.message, h.fix, h.cells)
