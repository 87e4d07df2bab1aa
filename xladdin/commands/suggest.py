"""建议指标: indicators proposed from each 附表3's 测算依据 and from the indicator library.

For blank or defective indicator rows only: a 数量指标 with the count the calculation names
(「2380元/人/月×12个月×112人」 → 享受补助人数 112人), a 成本指标 with its unit standard (≤2380元/人/月;
without one, the project's total ≤N万元), the 时效指标 for the budget year, and for the other
dimensions (质量, 社会效益, 可持续影响, 满意度) the library's indicator for the fund's kind
(``xladdin/data/indicator_library.toml``, each with its published source).

A proposal is *writable* when every cell it fills is blank; only those are written (marked with a
light-blue fill and listed on a 「指标建议」 sheet). A defective cell the clerk filled is never
overwritten: its proposal is printed for the clerk to decide. No engine here: the result is a list
of proposals and a plan of edits.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from xladdin.basis import COUNT_UNITS, Count, evaluate
from xladdin.edits import NoteSheet, Plan, SetCell
from xladdin.formmap import is_not_given
from xladdin.layout.base import col_index, norm
from xladdin.layout.names import FIELD_NAMES, INDICATOR_COLUMN_NAMES
from xladdin.layout.skeleton import DEFAULT_STANDARD
from xladdin.marks import SUGGESTION_FILL
from xladdin.model import Form3, Indicator
from xladdin.reader import Reading
from xladdin.values import amount, clean_text, is_blank

LIBRARY = Path(__file__).resolve().parent.parent / "data" / "indicator_library.toml"
SUGGESTION_NOTE = "浅蓝色底纹为建议值，请核对后确认或修改"
NOTES_SHEET = "指标建议"
NOTES_HEADER = ("工作表", "单元格", "二级指标", "建议三级指标", "建议指标值", "依据/来源", "状态")
NOTES_WIDTHS = (30, 8, 14, 24, 16, 60, 10)


@dataclass(frozen=True)
class LibraryIndicator:
    level2: str
    name: str
    value: str
    source: str
    url: str


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    keywords: tuple[str, ...]
    count_name: str
    cost_name: str
    indicators: tuple[LibraryIndicator, ...]


@lru_cache(maxsize=1)
def library() -> tuple[Kind, ...]:
    data = tomllib.loads(LIBRARY.read_text("utf-8"))
    return tuple(
        Kind(
            k["key"],
            k["label"],
            tuple(k.get("keywords", ())),
            k["count_name"],
            k["cost_name"],
            tuple(LibraryIndicator(**i) for i in k.get("indicator", ())),
        )
        for k in data["kind"]
    )


def kind_of(form: Form3) -> Kind:
    """The fund's kind: keywords in its names first, then in its summary and goals."""
    kinds = library()
    texts = [
        " ".join(clean_text(x) for x in (form.direction, form.parent_name)),
        " ".join(clean_text(x) for x in (*(d.summary for d in form.details), form.annual_goal, form.period_goal)),
    ]
    for text in texts:
        for kind in kinds:
            if any(word in text for word in kind.keywords):
                return kind
    return next(k for k in kinds if k.key == "general")


@dataclass
class Proposal:
    sheet: str
    index: int  # row of the indicator table (0-based)
    level2: str
    cells: dict[str, str]  # column key (name / value / standard) -> text
    source: str
    writable: bool  # every cell it fills is blank
    reason: str = ""
    refs: dict[str, str] = field(default_factory=dict)  # column key -> A1 (read sheets only)

    @property
    def cell(self) -> str:
        return (
            next(iter(self.refs.values()), "")
            if self.index < 0
            else self.refs.get("value") or self.refs.get("name", "")
        )


def _number(d: Decimal) -> str:
    return f"{d.normalize():f}"


def basis_facts(form: Form3) -> tuple[list[tuple[Count, str]], list[tuple[Count, str]]]:
    """(counts, unit standards) the 附表3's 测算依据 name, each with the basis text it came from."""
    counts: list[tuple[Count, str]] = []
    rates: list[tuple[Count, str]] = []
    for d in form.details:
        if not isinstance(d.basis, str):
            continue
        calc = evaluate(d.basis)
        if calc is None:
            continue
        counts.extend((c, calc.expression) for c in calc.counts if c.unit in COUNT_UNITS)
        rates.extend((r, calc.expression) for r in calc.rates)
    return counts, rates


def _count_name(kind: Kind, unit: str) -> str:
    """「享受补助人数」 for people; for other units the kind's name when it counts things
    (「维护设施数量」 3座), else 「受益户数」."""
    if unit in ("人", "名", "人次") or kind.count_name.endswith("数量"):
        return kind.count_name
    return f"受益{unit}数"


def _dimension(ind: Indicator, level2: str) -> bool:
    l1, l2 = norm(ind.level1), norm(ind.level2)
    if "满意度" in level2:
        return "满意度" in l1 or "满意度" in l2
    return l2 == norm(level2) or (level2 == "可持续影响指标" and "可持续" in l2)


def propose(
    form: Form3, year: int | None, flagged: set[tuple[int, str]] | None = None, sheet: str = ""
) -> list[Proposal]:
    """Proposals for one 附表3 (``flagged``: (row index, column key) the rules found defective)."""
    flagged = flagged or set()
    kind = kind_of(form)
    counts, rates = basis_facts(form)
    rows = list(enumerate(form.indicators))
    taken: set[int] = set()
    out: list[Proposal] = []

    def good(i: int, ind: Indicator) -> bool:
        return (
            not is_blank(ind.name)
            and not is_blank(ind.value)
            and (i, "name") not in flagged
            and (i, "value") not in flagged
        )

    def offer(level2: str, name: str, value: str, source: str, reason: str = "") -> None:
        mine = [(i, ind) for i, ind in rows if _dimension(ind, level2) and i not in taken]
        if not mine and not any(_dimension(ind, level2) for _, ind in rows):
            return  # the table has no row for this dimension: nothing to fill
        if any(good(i, ind) for i, ind in rows if _dimension(ind, level2)):
            return
        blank = [(i, ind) for i, ind in mine if is_blank(ind.value)]
        defective = [(i, ind) for i, ind in mine if (i, "value") in flagged or (i, "name") in flagged]
        if blank:
            i, ind = blank[0]
            cells = {"name": name} if is_blank(ind.name) else {}
            cells["value"] = value
            if is_blank(ind.standard) or is_not_given(ind.standard):  # import's mark: nothing the clerk chose
                cells["standard"] = DEFAULT_STANDARD
            out.append(Proposal(sheet, i, level2, cells, source, True, reason))
        elif defective:
            i, ind = defective[0]
            cells = {"value": value} if (i, "name") not in flagged else {"name": name, "value": value}
            out.append(Proposal(sheet, i, level2, cells, source, False, reason or "已填写的内容有问题，建议改为"))
        else:
            return
        taken.add(out[-1].index)

    if counts:
        count, expr = counts[0]
        offer(
            "数量指标",
            _count_name(kind, count.unit),
            f"{_number(count.number)}{'人' if count.unit == '名' else count.unit}",
            f"测算依据「{expr}」",
        )
    if rates:
        rate, expr = rates[0]
        offer("成本指标", kind.cost_name, f"≤{_number(rate.number)}{rate.unit}", f"测算依据「{expr}」")
    else:
        total = amount(form.project_amount).number
        if total is not None and total > 0:
            offer("成本指标", "项目总成本", f"≤{_number(total)}万元", "项目金额")
    if year:
        offer("时效指标", "实施时间", f"{year}年度", "预算年度")
    for entry in kind.indicators:
        offer(entry.level2, entry.name, entry.value, f"指标库（{kind.label}）：{entry.source} {entry.url}")
    goals = {k: goal_text(form, year) for k in GOALS if is_blank(getattr(form, k))}
    if goals and all(goals.values()):
        out.append(Proposal(sheet, -1, "绩效目标", goals, "测算依据与项目金额", True))
    return out


GOALS = ("period_goal", "annual_goal")


def goal_text(form: Form3, year: int | None) -> str:
    """A measurable goal from what the form states: what, how many, at what standard, how much
    money, by when (「2023年度内完成…：享受岗位补助人数112人，岗位补助标准2380元/人/月，资金320万元。」)."""
    kind = kind_of(form)
    counts, rates = basis_facts(form)
    facts: list[str] = []
    if counts:
        count = counts[0][0]
        unit = "人" if count.unit == "名" else count.unit
        facts.append(f"{_count_name(kind, count.unit)}{_number(count.number)}{unit}")
    if rates:
        facts.append(f"{kind.cost_name}{_number(rates[0][0].number)}{rates[0][0].unit}")
    total = amount(form.project_amount).number
    if total is not None and total > 0:
        facts.append(f"资金{_number(total)}万元")
    name = clean_text(form.direction)
    if not facts or not name:
        return ""
    when = f"{year}年度内" if year else ""
    return f"{when}完成{name}：" + "，".join(facts) + "。"


@dataclass
class Suggestions:
    proposals: list[Proposal] = field(default_factory=list)
    plan: Plan = field(default_factory=Plan)
    notes: list[str] = field(default_factory=list)  # sheets with nothing to build on

    @property
    def writable(self) -> list[Proposal]:
        return [p for p in self.proposals if p.writable]


def _flagged(reading: Reading) -> dict[str, set[tuple[int, str]]]:
    """Per sheet: the indicator cells (row index, column) a rule found defective."""
    from xladdin.validate import check

    report = check(reading)
    cells: dict[str, set[str]] = {}
    for f in report.findings:
        if f.waived is not None:  # confirmed on the 已确认 sheet: the cell is accepted as it is
            continue
        if f.cell:  # any rule: I-family, and e.g. a 时效 value that is not the budget year
            cells.setdefault(f.sheet, set()).add(f.cell)
        for ref in f.cells:  # the other cells of one root cause (a phrase pasted into several)
            sheet, _, cell = ref.rpartition("!")
            cells.setdefault(sheet, set()).add(cell)
    out: dict[str, set[tuple[int, str]]] = {}
    for form in reading.submission.form3s:
        mine = cells.get(form.sheet, set())
        for i in range(len(form.indicators)):
            for column in ("name", "value"):
                if form.place.row_cell("indicators", i, column) in mine:
                    out.setdefault(form.sheet, set()).add((i, column))
    return out


def _at(ref: str) -> tuple[int, int]:
    letters = "".join(ch for ch in ref if ch.isalpha())
    return int(ref[len(letters) :]), col_index(letters)


def form_siblings(sub, form: Form3) -> list[Form3]:
    """The 附表3 sheets of the same 所属专项 (one: the 附表2 row's goals are this sheet's goals)."""
    key = norm(clean_text(form.parent_name or form.direction))
    return [f for f in sub.form3s if norm(clean_text(f.parent_name or f.direction)) == key]


def plan_suggest(reading: Reading, *, write_notes: bool = True) -> Suggestions:
    sub = reading.submission
    flagged = _flagged(reading)
    funds = {norm(clean_text(f.name)): f for f in (sub.form2.funds if sub.form2 else [])}
    result = Suggestions()
    for form in sub.form3s:
        props = propose(form, sub.year, flagged.get(form.sheet, set()), form.sheet)
        fund = funds.get(norm(clean_text(form.parent_name or form.direction)))
        for p in props:
            if p.index < 0:  # a form field (the goals): 附表2's text for this fund, when it has one
                for key in p.cells:
                    typed = getattr(fund, key, None) if fund is not None else None
                    if not is_blank(typed) and len(form_siblings(sub, form)) == 1:
                        p.cells[key] = str(typed).strip()
                        p.source = "附表2 中该专项的目标"
                p.refs = {k: form.place.cell(k) for k in p.cells}
            else:
                p.refs = {k: form.place.row_cell("indicators", p.index, k) for k in p.cells}
        result.proposals.extend(props)
        if not basis_facts(form)[0]:
            result.notes.append(f"{form.sheet}：测算依据未写明人数等数量，数量指标请按实际填写")
    lines: list[tuple[str, ...]] = []
    for p in result.proposals:
        if p.writable:
            for key, text in p.cells.items():
                ref = p.refs.get(key)
                if ref:
                    row, col = _at(ref)
                    result.plan.edits.append(SetCell(p.sheet, row, col, text, fill=SUGGESTION_FILL))
        lines.append(
            (
                p.sheet,
                p.cell,
                p.level2,
                p.cells.get("name", ""),
                p.cells.get("value", "") or "；".join(p.cells.get(k, "") for k in GOALS if k in p.cells),
                p.source,
                "已写入" if p.writable else "未写入（已有填写内容）",
            )
        )
    if write_notes and result.writable:
        head = (f"建议指标（{SUGGESTION_NOTE}）；本表不参加校验，导出报送时不包含",)
        result.plan.edits.append(NoteSheet(NOTES_SHEET, (head, NOTES_HEADER, *lines), NOTES_WIDTHS))
    return result


def _name(key: str) -> str:
    return INDICATOR_COLUMN_NAMES.get(key) or FIELD_NAMES[key]


def describe(p: Proposal) -> str:
    what = "、".join(f"{_name(k)}「{v}」" for k, v in p.cells.items())
    state = "可写入" if p.writable else "未写入：已有填写内容，请自行决定"
    reason = f"{p.reason}：" if p.reason else ""
    return f"{p.sheet}!{p.cell}  {p.level2} {reason}{what}  [{state}]  依据：{p.source}"


def print_proposals(result: Suggestions) -> None:
    if not result.proposals:
        print("没有需要建议的指标：各附表3 的指标均已填写且未发现问题。")
    for p in result.proposals:
        print("  " + describe(p))
    for note in result.notes:
        print("  注：" + note)
    print(f"共 {len(result.proposals)} 项建议，其中 {len(result.writable)} 项可写入空白单元格。")
