"""The formula form of each rule that can be mirrored exactly, keyed by rule code.

A check takes the workbook's forms (where each field and table row stands) and yields
:class:`Probe` s: the cells the rule would mark and, for each, a boolean expression that is TRUE
exactly when the Python rule (``xladdin.rules``) reports that cell. The same expression becomes the
conditional format that colours the cell and, on the hidden 「自查」 sheet, the flag that the
form's 自查 cell counts. ``tests/test_selfcheck*.py`` compare both with the Python findings.

What only Python can tell (indicator wording, 测算依据 arithmetic, years, names that differ only
by full-width characters) has no formula form here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from xladdin.model import Placement
from xladdin.selfcheck import formulas as fx

#: Workbook-level defined names the expressions use to reach the 自查 sheet and 附表2.
ON = "xladdin_on"  # TRUE: the self-check's switch, and the mark of our conditional formats
F3_KEY = "xladdin_f3_key"  # 自查: each 附表3's 所属专项 (or 支出方向) name, white space removed
F3_PARENT = "xladdin_f3_parent"  # 自查: each 附表3's 所属专项金额
F3_PROJECT = "xladdin_f3_project"  # 自查: each 附表3's 项目金额
F2_KEY = "xladdin_f2_key"  # 自查: each 附表2 fund row's name, white space removed
F2_TOTAL = "xladdin_f2_total"  # 附表2 合计金额


@dataclass
class FormAt:
    """One form of the workbook as the self-check sees it: its kind, sheet and placement."""

    kind: str  # "form1" | "form2" | "form3"
    sheet: str
    place: Placement
    number: int = 0  # 附表3: its place among the 附表3 sheets (1-based)


@dataclass
class Book:
    forms: list[FormAt] = field(default_factory=list)
    tolerance: Decimal = Decimal("0.005")

    def of(self, kind: str) -> list[FormAt]:
        return [f for f in self.forms if f.kind == kind]

    @property
    def form2(self) -> FormAt | None:
        return next(iter(self.of("form2")), None)


class Refs:
    """How an expression names a cell of its own sheet: relative rows for a conditional format
    (written for the first cell of its range), sheet-qualified absolute references on 自查."""

    def __init__(self, sheet: str, qualified: bool) -> None:
        self.prefix = "'" + sheet.replace("'", "''") + "'!" if qualified else ""
        self.qualified = qualified

    def row(self, col: str, row: int) -> str:
        """A cell in the probe's own row (moves with it down a conditional format's range)."""
        return f"{self.prefix}${col}${row}" if self.qualified else f"${col}{row}"

    def fixed(self, col: str, row: int) -> str:
        return f"{self.prefix}${col}${row}"

    def cell(self, ref: str) -> str:
        """A fixed cell given as "B5"."""
        letters = ref.rstrip("0123456789")
        return self.fixed(letters, int(ref[len(letters) :]))

    def span(self, col: str, rows: list[int]) -> str:
        return f"{self.prefix}${col}${rows[0]}:${col}${rows[-1]}"


Expr = Callable[[Refs, int], str]


@dataclass
class Probe:
    """Cells ``col`` × ``rows`` of ``sheet`` that rule ``rule`` marks when ``expr`` is TRUE."""

    rule: str
    sheet: str
    col: str
    rows: list[int]
    expr: Expr


def _split(ref: str) -> tuple[str, int]:
    letters = ref.rstrip("0123456789")
    return letters, int(ref[len(letters) :])


def _at(rule: str, form: FormAt, ref: str, expr: Expr) -> Probe:
    col, row = _split(ref)
    return Probe(rule, form.sheet, col, [row], expr)


def _rows(form: FormAt, table: str) -> list[int]:
    return list(form.place.rows.get(table, []))


def _col(form: FormAt, table: str, column: str) -> str | None:
    return form.place.columns.get(table, {}).get(column)


def _sum_rows(r: Refs, form: FormAt, table: str, column: str) -> str:
    rows, col = _rows(form, table), _col(form, table, column)
    return f"SUM({r.span(col, rows)})" if rows and col else "0"


# --- 金额 -------------------------------------------------------------------------------------


def _amount_places(book: Book) -> Iterator[tuple[FormAt, str | None, str | None]]:
    """(form, fixed cell, table column) of every amount cell (``rules.amounts._amount_cells``)."""
    for f in book.forms:
        keys = {
            "form1": ("total", "general_budget", "gov_fund", "other_funds", "basic", "project"),
            "form2": ("total.amount",),
            "form3": ("project_amount", "parent_amount", "detail_total"),
        }[f.kind]
        for k in keys:
            if f.place.cell(k):
                yield f, f.place.cell(k), None
        table = {"form2": "funds", "form3": "details"}.get(f.kind)
        if table:
            yield f, None, table


def _per_amount(rule: str, book: Book, test: Callable[[str], str]) -> Iterator[Probe]:
    for f, ref, table in _amount_places(book):
        if ref:
            yield _at(rule, f, ref, lambda r, _row, ref=ref: test(r.cell(ref)))
        elif table and (col := _col(f, table, "amount")) and _rows(f, table):
            yield Probe(rule, f.sheet, col, _rows(f, table), lambda r, row, col=col: test(r.row(col, row)))


def a101(book: Book) -> Iterator[Probe]:
    yield from _per_amount("A101", book, fx.not_amount)


def a102(book: Book) -> Iterator[Probe]:
    yield from _per_amount("A102", book, fx.negative)


def _fields_sum(r: Refs, form: FormAt, *keys: str) -> str:
    return "+".join(fx.num(r.cell(form.place.cell(k))) for k in keys)


def a103(book: Book) -> Iterator[Probe]:
    for f in book.of("form1"):
        p = f.place
        if all(p.cell(k) for k in ("total", "general_budget", "gov_fund", "other_funds")):
            yield _at(
                "A103",
                f,
                p.cell("total"),
                lambda r, _row, f=f: fx.differs(
                    fx.num(r.cell(f.place.cell("total"))),
                    _fields_sum(r, f, "general_budget", "gov_fund", "other_funds"),
                    book.tolerance,
                ),
            )


def a104(book: Book) -> Iterator[Probe]:
    for f in book.of("form1"):
        p = f.place
        if all(p.cell(k) for k in ("total", "basic", "project")):
            yield _at(
                "A104",
                f,
                p.cell("basic"),
                lambda r, _row, f=f: fx.differs(
                    fx.num(r.cell(f.place.cell("total"))), _fields_sum(r, f, "basic", "project"), book.tolerance
                ),
            )


def a105(book: Book) -> Iterator[Probe]:
    f2 = book.form2
    if f2 is None or not f2.place.cell("total.amount"):
        return
    for f in book.of("form1"):
        if f.place.cell("project"):
            yield _at(
                "A105",
                f,
                f.place.cell("project"),
                lambda r, _row, f=f: fx.differs(
                    fx.num(r.cell(f.place.cell("project"))), fx.num(F2_TOTAL), book.tolerance
                ),
            )


def a106(book: Book) -> Iterator[Probe]:
    for f in book.of("form2"):
        if f.place.cell("total.amount"):
            yield _at(
                "A106",
                f,
                f.place.cell("total.amount"),
                lambda r, _row, f=f: fx.differs(
                    fx.num(r.cell(f.place.cell("total.amount"))), _sum_rows(r, f, "funds", "amount"), book.tolerance
                ),
            )


def _details_check(rule: str, key: str) -> Callable[[Book], Iterator[Probe]]:
    def check(book: Book) -> Iterator[Probe]:
        for f in book.of("form3"):
            if f.place.cell(key) and _rows(f, "details"):
                yield _at(
                    rule,
                    f,
                    f.place.cell(key),
                    lambda r, _row, f=f: fx.differs(
                        fx.num(r.cell(f.place.cell(key))), _sum_rows(r, f, "details", "amount"), book.tolerance
                    ),
                )

    return check


a107 = _details_check("A107", "detail_total")
a108 = _details_check("A108", "project_amount")


def group_name(r: Refs, place: Placement) -> str:
    """The 所属专项 a 附表3 belongs to, as ``rules.amounts.parent_groups`` names it: the 所属专项名称,
    or the 支出方向 when that is empty."""
    parent, direction = r.cell(place.cell("parent_name")), r.cell(place.cell("direction"))
    return f"IF(LEN({parent})=0,{direction},{parent})"


def a109(book: Book) -> Iterator[Probe]:
    for f in book.of("form3"):
        if not (f.place.cell("parent_amount") and f.place.cell("parent_name") and f.place.cell("direction")):
            continue
        k = f.number

        def expr(r: Refs, _row: int, f: FormAt = f, k: int = k) -> str:
            me = f"INDEX({F3_KEY},{k})"
            first = f"MATCH({me},{F3_KEY},0)"
            parent = fx.num(r.cell(f.place.cell("parent_amount")))
            as_first = fx.differs(f"SUMIF({F3_KEY},{me},{F3_PROJECT})", parent, book.tolerance)
            as_other = fx.differs(parent, f"INDEX({F3_PARENT},{first})", book.tolerance)
            return f"IF(LEN({me})=0,FALSE,IF({first}={k},{as_first},{as_other}))"

        yield _at("A109", f, f.place.cell("parent_amount"), expr)


# --- 表间核对 -----------------------------------------------------------------------------------


def _fund_rows(book: Book) -> tuple[FormAt, list[int], dict[str, str]] | None:
    f2 = book.form2
    if f2 is None or not _rows(f2, "funds"):
        return None
    cols = f2.place.columns.get("funds", {})
    return f2, _rows(f2, "funds"), cols


def x201(book: Book) -> Iterator[Probe]:
    found = _fund_rows(book)
    if found is None or "name" not in found[2]:
        return
    f2, rows, cols = found
    name = cols["name"]
    yield Probe(
        "X201",
        f2.sheet,
        name,
        rows,
        lambda r, row: f"IF({fx.unlisted(r.row(name, row))},FALSE,COUNTIF({F3_KEY},{fx.key(r.row(name, row))})=0)",
    )


def x202(book: Book) -> Iterator[Probe]:
    if book.form2 is None or _fund_rows(book) is None:
        return
    for f in book.of("form3"):
        p = f.place
        if not (p.cell("parent_name") and p.cell("direction")):
            continue

        def expr(r: Refs, _row: int, p: Placement = p) -> str:
            parent, direction = r.cell(p.cell("parent_name")), r.cell(p.cell("direction"))
            name = f"IF({fx.blank(parent)},{direction},{parent})"
            return f"IF({fx.blank(name)},TRUE,COUNTIF({F2_KEY},{fx.key(name)})=0)"

        yield _at("X202", f, p.cell("parent_name"), expr)


def x203(book: Book) -> Iterator[Probe]:
    found = _fund_rows(book)
    if found is None or not {"name", "amount"} <= set(found[2]):
        return
    f2, rows, cols = found
    name, amount = cols["name"], cols["amount"]

    def expr(r: Refs, row: int) -> str:
        k = fx.key(r.row(name, row))
        first = f"INDEX({F3_PARENT},MATCH({k},{F3_KEY},0))"
        diff = fx.differs(first, fx.num(r.row(amount, row)), book.tolerance)
        return f"IF({fx.blank(r.row(name, row))},FALSE,IF(COUNTIF({F3_KEY},{k})=0,FALSE,{diff}))"

    yield Probe("X203", f2.sheet, amount, rows, expr)


# --- 绩效指标 -----------------------------------------------------------------------------------


def _indicator_pair(rule: str, mark: str, other: str) -> Callable[[Book], Iterator[Probe]]:
    """``mark`` is empty while ``other`` is filled, row by row of each indicator table."""

    def check(book: Book) -> Iterator[Probe]:
        for f in book.forms:
            rows = _rows(f, "indicators")
            here, there = _col(f, "indicators", mark), _col(f, "indicators", other)
            if f.kind in ("form1", "form3") and rows and here and there:
                yield Probe(
                    rule,
                    f.sheet,
                    here,
                    rows,
                    lambda r, row, here=here, there=there: (
                        f"AND({fx.filled(r.row(there, row))},{fx.blank(r.row(here, row))})"
                    ),
                )

    return check


i302 = _indicator_pair("I302", "value", "name")
i303 = _indicator_pair("I303", "name", "value")


# --- 表头与签字 ---------------------------------------------------------------------------------


def _blank_fields(rule: str, keys: Callable[[FormAt], tuple[str, ...]]) -> Callable[[Book], Iterator[Probe]]:
    def check(book: Book) -> Iterator[Probe]:
        for f in book.forms:
            for k in keys(f):
                if ref := f.place.cell(k):
                    yield _at(rule, f, ref, lambda r, _row, ref=ref: fx.blank(r.cell(ref)))

    return check


f501 = _blank_fields("F501", lambda f: ("unit", "department") if f.kind == "form1" else ("unit",))
f502 = _blank_fields("F502", lambda f: ("signature.head", "signature.filler", "signature.phone"))


# --- 绩效目标与职责 -----------------------------------------------------------------------------


def g601(book: Book) -> Iterator[Probe]:
    found = _fund_rows(book)
    if found is not None and "name" in found[2]:
        f2, rows, cols = found
        name = cols["name"]
        for goal in ("period_goal", "annual_goal"):
            if col := cols.get(goal):
                yield Probe(
                    "G601",
                    f2.sheet,
                    col,
                    rows,
                    lambda r, row, col=col: f"AND(NOT({fx.unlisted(r.row(name, row))}),{fx.blank(r.row(col, row))})",
                )
    yield from _blank_fields("G601", lambda f: ("period_goal", "annual_goal") if f.kind == "form3" else ())(book)


g603 = _blank_fields("G603", lambda f: ("duties",) if f.kind == "form1" else ())


def g604(book: Book) -> Iterator[Probe]:
    for f in book.of("form1"):
        rows = _rows(f, "work_plan")
        item, goal = _col(f, "work_plan", "item"), _col(f, "work_plan", "goal")
        if not (rows and item and goal):
            continue

        def expr(r: Refs, _row: int, rows: list[int] = rows, item: str = item, goal: str = goal) -> str:
            return "AND(" + ",".join(f"{fx.blank(r.fixed(c, x))}" for x in rows for c in (item, goal)) + ")"

        yield Probe("G604", f.sheet, item, [rows[0]], expr)


#: Rule code → its formula form. Every code here is a rule of the catalogue (a test checks).
CHECKS: dict[str, Callable[[Book], Iterator[Probe]]] = {
    "A101": a101,
    "A102": a102,
    "A103": a103,
    "A104": a104,
    "A105": a105,
    "A106": a106,
    "A107": a107,
    "A108": a108,
    "A109": a109,
    "X201": x201,
    "X202": x202,
    "X203": x203,
    "I302": i302,
    "I303": i303,
    "F501": f501,
    "F502": f502,
    "G601": g601,
    "G603": g603,
    "G604": g604,
}


def probes(book: Book) -> list[Probe]:
    """Every probe of the workbook, sheet by sheet in workbook order, then in catalogue order."""
    order = {f.sheet: i for i, f in enumerate(book.forms)}
    out = [p for check in CHECKS.values() for p in check(book)]
    codes = list(CHECKS)
    return sorted(out, key=lambda p: (order[p.sheet], codes.index(p.rule)))
