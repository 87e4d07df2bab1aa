"""What every indicator rule shares: the accepted 一级/二级 names, one indicator row with its place
(:class:`Row`), the tables of a submission and the roots that fold several hits into one finding."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, NamedTuple, TypeVar

from xladdin.formmap import NOT_GIVEN
from xladdin.layout.base import MEMO_SIZE, TEXT_MEMOS, is_han, norm
from xladdin.layout.profiles import category_of, level_alias, profile_of
from xladdin.layout.skeleton import LEVEL1, LEVEL2
from xladdin.layout.vocabulary import LEVEL1_ALSO, LEVEL2_ALSO
from xladdin.model import CellValue, Form, Form1, Form3, Indicator
from xladdin.patterns import lazy
from xladdin.rules.base import Context, Hit
from xladdin.units import UNIT_KIND, name_unit, unit_at
from xladdin.values import MONEY, Quantity, clean_text, is_blank, percent_of, quantity, value_kind, value_text

_T = TypeVar("_T")

#: 一级 names real forms print: the usual skeleton, the 2021 national guide (满意度指标, 成本指标 as
#: a 一级) and the provinces' printed forms.
ACCEPTED_LEVEL1 = (*LEVEL1, *LEVEL1_ALSO)
#: 二级 names likewise (Hunan: 社会公众或服务对象满意度指标).
ACCEPTED_LEVEL2 = (
    *LEVEL2,
    *LEVEL2_ALSO,
    "经济成本",
    "社会成本",
    "生态环境成本",
    # the 效益 二级 names printed without 「指标」 (内蒙古扎赉特 2025 system print: 「社会效益」「可持续影响」)
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
)
#: Provinces' printed names (Guangdong, Dongguan: 预期产出指标 / 效果指标, 二级 with an alias in brackets).
ACCEPTED_LEVEL1 = (*ACCEPTED_LEVEL1, "预期产出指标", "效果指标")
ACCEPTED_LEVEL2 = (
    *ACCEPTED_LEVEL2,
    "预算控制指标",
    "投资规模控制指标",
    "社会、经济、生态效益指标",
    "社会经济生态效益指标",
)
_ALIAS = re.compile(r"[(（][^)）]*[)）]")
#: A score printed after a level name: 「成本指标(0-20)分」, 「产出指标 50分」, 「效益指标（30分）」.
_SCORE = re.compile(r"\s*(?:[(（]\s*\d+(?:\s*[-~～—－至]\s*\d+)?\s*(?:分)?\s*[)）]\s*分?|\d+(?:\.\d+)?\s*分)\s*$")


_LEVEL_KEYS: dict[str, str] = {}
TEXT_MEMOS.append(_LEVEL_KEYS)


def level_key(name: object) -> str:
    """A 一级/二级 name compared without spaces, without a score printed after it and without a
    bracketed alias: 「数量指标(或建筑规模指标)」 is 数量指标, 「成本指标(0-20)分」 is 成本指标."""
    if type(name) is not str:
        return norm(_ALIAS.sub("", _SCORE.sub("", clean_text(name))))
    key = _LEVEL_KEYS.get(name)
    if key is None:
        key = norm(_ALIAS.sub("", _SCORE.sub("", clean_text(name))))
        if len(_LEVEL_KEYS) < MEMO_SIZE:
            _LEVEL_KEYS[name] = key
    return key


#: Words of an indicator name that measure money spent rather than work done.
SPENDING_WORDS = ("资金", "经费", "预算", "支出", "拨付", "到位", "安排金额", "发放金额", "投入", "执行率")

CATEGORY_ZH = {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标", "cost": "成本指标"}


#: A name that counts things (「建设项目个数(含续建)」, 「培训人数」).
_COUNT_NAME = lazy(r"(?:个数|数量|人数|户数|次数|场次|项数|处数|座数|家数)(?:\([^()]*\))?$")


class _once(Generic[_T]):
    """functools.cached_property without its lock (Python 3.11 takes one on every first reading; a
    run reads some thousand of them): the value is worked out on the first reading, then stands in
    the instance's ``__dict__``."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, instance: object, owner: type | None = None) -> _T:
        if instance is None:  # read on the class (documentation tools)
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class Row:
    """One indicator row of a table, with its place."""

    form: Form
    index: int
    ind: Indicator
    #: the table the row stands in: "indicators", or "period_indicators" (a 中期 set beside or above the year's)
    table: str = "indicators"

    def cell(self, column: str) -> str:
        return self.form.place.row_cell(self.table, self.index, column)

    def hit(self, ctx: Context, column: str, message: str, fix: str = "", *, root: str = "") -> Hit:
        """A finding about this row, placed at its ``column`` cell. On a form printing a 中期 set beside
        the year's, the same finding about the same indicator in both sets (the year's row copies the
        中期 one) is one root cause: one finding naming both cells."""
        cell = self.cell(column)
        if not root and self.form.place.read_only and (digits := "".join(ch for ch in cell if ch.isdigit())):
            root = f"side:{self.form.sheet}:{digits}:{message}"
        return ctx.hit(self.form, cell, message, fix, root=root, rests=self.rests, assumed=self.across(ctx))

    def across(self, ctx: Context) -> str:
        """What was assumed when this row was read past the end of its table: past the start of the next
        table recognition found (a 支出明细 row read as an indicator: ``FormMap.across``), or past a title
        line of a table it did not (:func:`title_line`), else ""."""
        fmap = ctx.map_of(self.form)
        if fmap is None:
            return ""
        rows = self.form.place.rows.get(self.table) or self.form.place.read_only.get(self.table, ([], {}))[0]
        if not 0 <= self.index < len(rows):
            return ""
        if note := ctx.once(("across", id(fmap), self.table), lambda: fmap.across(self.table)).get(rows[self.index]):
            return note
        if fmap.template or self.table != "indicators":
            return ""
        title = ctx.once(("title line", id(self.form)), lambda: title_line(_rows(ctx, self.form)))  # type: ignore[arg-type]
        if title is None or self.index < title.index:
            return ""
        return f"第{rows[title.index]}行「{clean_text(title.ind.level1)}」像是另一张表的标题，其下各行推测仍属于指标表"

    @property
    def rests(self) -> tuple[tuple[Form, str], ...]:
        """(form, cell) of what a finding about this row rests on: its name and its 指标值 (a finding at
        the name judges the value beside it, and the other way round), its unit, and the 一级/二级 that
        sort it (a rate, a 时效 or a 效益 row is judged as one)."""
        keys = ("level1", "level2", "name", "value", "unit")
        return tuple((self.form, c) for key in keys if (c := self.cell(key)))

    @_once
    def value_root(self) -> str:
        """The root of the findings about this row's 指标值 that is not a value (see :func:`value_root`)."""
        return f"value:{self.value_at}"

    @property
    def value_at(self) -> str:
        """「sheet!cell」 of this row's 指标值, with the row's index when other indicators share the cell
        (tagged lines in one cell, ``xladdin.outline``): one value, one root."""
        at = f"{self.form.sheet}!{self.cell('value')}"
        rows = self.form.place.rows.get("indicators", [])
        if 0 <= self.index < len(rows) and rows.count(rows[self.index]) > 1:
            at += f"#{self.index}"
        return at

    @_once
    def reading(self) -> CellValue:
        """The 指标值 as a reviewer reads it: a bare number takes the unit the name carries in
        brackets (「造林面积(亩)」 = 500 → 「500亩」); anything else as written. (A separate 计量单位
        column is joined to the value by the reader.)"""
        value = self.ind.value
        unit = name_unit(clean_text(self.ind.name))
        kind = self.kind
        if unit and kind == "compare" and (q := quantity(value)) is not None and not q.unit:
            return f"{value_text(value)}{unit}"  # 「开展修复工程(个)」 = 「≥1」 → 「≥1个」
        if not unit or kind != "number":
            return value
        number = value_text(value) if isinstance(value, str) else format(Decimal(repr(value)).normalize(), "f")
        return f"{number}{unit}"

    # What the value parsers make of this row's 指标值, worked out once a run for every rule (a rule
    # asks them of the row instead of parsing the value again: a run parsed each value some 13 times).

    @_once
    def kind(self) -> str:
        """:func:`xladdin.values.value_kind` of the 指标值 as written."""
        return value_kind(self.ind.value)

    @_once
    def reading_kind(self) -> str:
        """:func:`xladdin.values.value_kind` of :attr:`reading` (a bare number takes the name's unit)."""
        return self.kind if self.reading is self.ind.value else value_kind(self.reading)

    @_once
    def quantity(self) -> Quantity | None:
        """:func:`xladdin.values.quantity` of :attr:`reading`."""
        return quantity(self.reading)

    @_once
    def percent(self) -> Decimal | None:
        """:func:`xladdin.values.percent` of :attr:`reading` (its :attr:`quantity` in per cent)."""
        return percent_of(self.quantity) if isinstance(self.reading, str) else None

    @_once
    def category(self) -> str:
        l1, l2 = norm(self.ind.level1), norm(self.ind.level2)
        if "满意度" in l1 or "满意度" in l2:
            return "satisfaction"
        if "成本" in l1 or "成本" in l2 or "控制指标" in l2:  # Dongguan: 预算(或投资规模)控制指标
            return "cost"
        top = level_alias(l2, 2) if isinstance(self.ind.level2, str) else ""
        if top in ("产出指标", "效益指标") and level_alias(l1, 1) not in ("产出指标", "效益指标"):
            # a 一级 name printed as the 二级 under a container 一级 (中央预算内投资 「实施效果指标」)
            return "output" if top == "产出指标" else "benefit"
        if "产出" in l1 or (not l1 and self.level2_kind in ("数量", "质量", "时效")):
            return "output"  # no 一级 printed (湖北鄂州: 数量/质量/成本 are the top level): 数量 is 产出
        if "效益" in l1 or "效果" in l1 or (not l1 and "效益" in l2):  # Dongguan prints 效果指标
            return "benefit"
        return category_of(self.form, self.ind.level1) or "unknown"  # the form's profile: 项目完成指标

    @_once
    def is_quantity(self) -> bool:
        l2 = norm(self.ind.level2)
        if "数量" in l2:
            return True
        # no 数量/质量 split (「产出指标」 printed as the 二级, 中央预算内投资): a count by its name
        return level_alias(l2, 2) == "产出指标" and bool(_COUNT_NAME.search(clean_text(self.ind.name)))

    @_once
    def level2_kind(self) -> str:
        """数量 / 质量 / 时效 / 成本 / other, from the 二级 name."""
        l2 = norm(self.ind.level2)
        for word in ("数量", "质量", "时效", "成本"):
            if word in l2:
                return word
        return ""

    @_once
    def named(self) -> bool:
        return not is_blank(self.ind.name) and not self.not_given

    @_once
    def not_given(self) -> bool:
        """The row says 「本次未提供」: import marked a dimension its source copy did not hold."""
        return norm(clean_text(self.ind.name)) == NOT_GIVEN

    @_once
    def valued(self) -> bool:
        return not is_blank(self.ind.value)


def tables(ctx: Context) -> Iterator[tuple[Form, list[Row]]]:
    """Every indicator table the reader found (附表1 and each 附表3)."""
    for form, rows in ctx.once(("tables", ctx.needs), lambda: list(_tables(ctx))):
        yield form, list(rows)  # each rule its own list (of the run's rows)


def _tables(ctx: Context) -> Iterator[tuple[Form, list[Row]]]:
    sub = ctx.submission
    forms: list[Form1 | Form3] = [*([sub.form1] if sub.form1 else []), *sub.form3s]
    for form in forms:
        if ctx.found(form, "indicators"):
            yield form, _rows(ctx, form)


def _rows(ctx: Context, form: Form1 | Form3) -> list[Row]:
    """The rows of ``form``'s indicator table; in a run of the catalogue, the same rows for every rule
    (their readings, cached on them, are worked out once)."""
    if ctx.shared is None:
        return [Row(form, i, ind) for i, ind in enumerate(form.indicators)]
    rows = ctx.shared.get(("rows", id(form)))
    if rows is None:
        rows = ctx.shared[("rows", id(form))] = (form, [Row(form, i, ind) for i, ind in enumerate(form.indicators)])
    return list(rows[1])  # type: ignore[index]


def table_rests(rows: list[Row]) -> tuple[tuple[Form, str], ...]:
    """(form, cell) of the 一级, 二级, name and 指标值 cells of a table's first row: what a finding that a
    dimension is absent from the table rests on (the columns it sorted the rows by; a column found by a
    guess makes the finding a warning)."""
    if not rows:
        return ()
    first = rows[0]
    return tuple((first.form, c) for key in ("level1", "level2", "name", "value") if (c := first.cell(key)))


def title_line(rows: list[Row]) -> Row | None:
    """The first row of a foreign form's indicator table that reads as the title of another table printed
    straight under it (「项目预算成本构成」 alone in the 一级 column, nothing else on the row, below the
    indicators): a 一级 text that is no 一级 name of the form's family, with no name or value (the 二级
    above is carried down onto it)."""
    seen = False
    for r in rows:
        if r.named or r.valued:
            seen = True
            continue
        text = r.ind.level1
        if (
            seen
            and isinstance(text, str)
            and not is_blank(text)
            and level_key(text) not in _STANDARD_LEVEL1
            and not category_of(r.form, text)
        ):
            return r
    return None


def leveled(rows: list[Row]) -> bool:
    """Whether the table sorts its indicators under 一级/二级 names (a flat list of indicators, as
    重庆's 一般性项目绩效目标表 prints it, has none: rules by category do not apply). A row an import
    marked 「本次未提供」 under a 一级 name is the tool's, not the clerk's: it sorts nothing."""
    return any((not is_blank(r.ind.level1) or not is_blank(r.ind.level2)) and not r.not_given for r in rows)


def unlabelled(rows: list[Row]) -> list[Row]:
    """The named rows at the head of a table that sorts its indicators under 一级/二级 names, before
    any row carries one (内蒙古 武川: four indicators straight under the header, 时效指标 further
    down): their dimension is unknown, not absent."""
    if not leveled(rows):
        return []
    head: list[Row] = []
    for r in rows:
        if not is_blank(r.ind.level1) or not is_blank(r.ind.level2):
            break
        if r.named:
            head.append(r)
    return head


def all_rows(ctx: Context) -> Iterator[Row]:
    """Every indicator row of every table, for the rules that judge one row at a time: a 中期 set a
    foreign form prints beside or above the year's first (each set read as its own period)."""
    yield from ctx.once(("all_rows", ctx.needs), lambda: list(_all_rows(ctx)))


def _all_rows(ctx: Context) -> Iterator[Row]:
    for form, rows in tables(ctx):
        yield from period_rows(form)
        yield from rows


def period_rows(form: Form) -> list[Row]:
    """The rows of the 中期 (长期) set of indicators a foreign form prints beside or above the year's,
    when the set names its indicators (a set of bare numbers is one finding, I347, not one per row)."""
    inds: list[Indicator] = getattr(form, "period_indicators", [])
    if "period_indicators" not in form.place.read_only or not any(not is_blank(i.name) for i in inds):
        return []
    return [Row(form, i, ind, "period_indicators") for i, ind in enumerate(inds)]


def phrase_root(form: Form, text: object) -> str:
    """The root of every finding about one phrase pasted into several cells of a table."""
    return f"phrase:{form.sheet}:{norm(clean_text(text))}"


def value_root(form: Form, cell: str) -> str:
    """The root of the findings about one 指标值 that is not a value (prose, a direction word, not a
    cost): one wrong cell, one finding."""
    return f"value:{form.sheet}!{cell}"


def cells_text(cells: list[str]) -> str:
    return "、".join(cells)


def head_counts(form: Form, ctx: Context | None = None) -> list[str]:
    """Counts the 测算依据 of a 附表3 names ("16人"), as text (in a run, ``ctx``, each 测算依据 is
    worked out once for every rule: :func:`xladdin.rules.basis.basis_of`)."""
    from xladdin.rules.basis import basis_of

    if not isinstance(form, Form3):
        return []
    out: list[str] = []
    for d in form.details:
        calc = basis_of(ctx, d.basis) if isinstance(d.basis, str) else None
        if calc is not None:
            out.extend(f"{c.number.normalize():f}{c.unit}" for c in calc.counts)
    return out


def is_rate(name: str) -> bool:
    return ("率" in name and not any(w in name for w in ("频率", "效率", "功率", "利率"))) or "满意度" in name


def unit_kinds(unit: str) -> list[tuple[str, str]]:
    """(unit, kind) of each unit written one after another in ``unit`` (parts after '/' are a
    per-unit and ignored: 「元/人/月」 is money)."""
    head = unit.split("/")[0]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(head):
        u = unit_at(head, i)
        if u:
            out.append((u, UNIT_KIND[u]))
            i += len(u)
        else:
            i += 1
    return out


def states_cost(value: object) -> bool:
    q = quantity(value)  # type: ignore[arg-type]
    text = clean_text(value)
    short = re.search(r"\d\s*万$", text)  # 「250万」: 万元 with the 元 left out
    return bool(MONEY.search(text) or short) or (q is not None and q.kind == "money")


#: A bare no: the value says nothing was or will be achieved.
NEGATIVE = frozenset({"否", "无", "没有", "暂无", "无此项"})
#: Names that ask a yes/no question or count a bad thing, where 「否」/「无」 is the target.
_YES_NO_NAME = lazy(r"是否|有无|有没有|事故|违规|违纪|违法|投诉|差错|纠纷|负面|风险|隐患|污染|问题|上访|安全")

#: A yes/no question whether a benefit comes (安徽淮北 2025: 「项目实施是否产生经济价值」), where 「否」 says none.
_BENEFIT_QUESTION = lazy(r"(?:是否|有无)(?:能够?|可以|将)?(?:产生|带动|增加|提高|提升|促进|实现|创造|形成|取得|获得)")
#: …unless it asks about a harm (「是否产生不良影响」 = 否 is the target).
_HARM = lazy(
    r"事故|违规|违纪|违法|投诉|差错|纠纷|负面|风险|隐患|污染|问题|上访|安全|不良|影响|负担|破坏|损害|浪费|损失|矛盾"
)


def bare_no(r: Row) -> bool:
    """A 效益 or 满意度 row answered with a bare 「否」/「无」 (not a yes/no question like 「是否发生
    安全事故」 = 否)."""
    if not (r.named and r.valued) or r.category not in ("benefit", "satisfaction"):
        return False
    if norm(value_text(r.ind.value)) not in NEGATIVE:
        return False
    name = clean_text(r.ind.name)
    # a question whether the benefit comes at all (「项目实施是否产生经济价值」 = 否) says it does not
    return not _YES_NO_NAME.search(name) or bool(_BENEFIT_QUESTION.search(name) and not _HARM.search(name))


#: A bare yes: the value says only that the benefit comes, not how much of it.
AFFIRMATIVE = frozenset({"是", "有", "是的"})


def bare_yes(r: Row) -> bool:
    """A 效益 row answered with a bare 「是」 (浙江临海 2024: 社会效益指标 「满足市民生存环境的需求」 = 是)
    whose name asks no yes/no question (「是否产生经济效益」 = 是 answers its question)."""
    if not r.valued or r.category != "benefit":
        return False
    if norm(value_text(r.ind.value)) not in AFFIRMATIVE:
        return False
    return not _YES_NO_NAME.search(clean_text(r.ind.name))


def names_described(ctx: Context, form: Form) -> bool:
    """Whether recognition read ``form``'s indicator names from a description column (the 「指标名称」
    column holding only 二级 classes, 浙江临海 2024): a name there is a sentence about the indicator,
    so it may restate the value; that is no copied value and no number written into a name."""
    fmap = ctx.map_of(form)
    table = fmap.tables.get("indicators") if fmap else None
    return table is not None and any(c.key == "name" and c.cue == "shifted" for c in table.columns)


def has_column(form: Form, key: str) -> bool:
    """Whether ``form``'s indicator table has the column ``key`` (weight, formula, prior …): the
    reader placed it, or (a form built without a sheet) some row holds a value for it."""
    if key in form.place.columns.get("indicators", {}):
        return True
    return any(getattr(ind, key, None) is not None for ind in getattr(form, "indicators", []))


_STANDARD_LEVEL1 = frozenset(level_key(n) for n in ACCEPTED_LEVEL1)


class CutShort(NamedTuple):
    """An indicator table that may be cut short, and what is not in it."""

    row: int  # the last row of the table (and of the form)
    cell: str  # that row's 一级 (or name) cell
    missing: tuple[str, ...]  # categories with no named and valued row (cost only where required)
    #: the table ends with a whole 效益 block (its last 二级 可持续影响) and lacks only 满意度, under 一级 names
    #: of the form's own: it ended where a family without 满意度 would, so the missing 满意度 is likely the
    #: clerk's (I301, a warning)
    at_boundary: bool = False

    @property
    def assumed(self) -> str:
        return f"指标表到第{self.row}行（表格末行）结束，后面也可能是副本缺失的部分"

    @property
    def missing_zh(self) -> str:
        return "、".join(CATEGORY_ZH[c] for c in self.missing)


def answers_name(r: Row) -> bool:
    """Whether the row's 指标值 is the grade word its name asks for: 「立项程序规范性」=「规范」,
    「立项依据充分性」=「充分」, 「绩效指标明确性」=「明确」 (the 决策/过程 rows of an evaluation
    framework): a 定性 value, not prose. A direction word stays one (「巩固提高情况」=「巩固提高」: I317)."""
    value = norm(clean_text(r.ind.value))
    if not value or len(value) > 4 or not all(map(is_han, value)):
        return False
    name = norm(clean_text(r.ind.name))
    return f"{value}性" in name and value_kind(value) != "direction"


def missing_categories(form: Form, rows: list[Row]) -> list[str]:
    """The categories (产出, 效益, 满意度, and 成本 where the profile requires it) no named and valued
    row of ``rows`` is under."""
    wanted = [*profile_of(form).required, *(["cost"] if cost_required(form) else [])]
    return [cat for cat in wanted if not any(r.category == cat and r.named and r.valued for r in rows)]


def cut_short(ctx: Context, form: Form, rows: list[Row]) -> CutShort | None:
    """The table when it may be a copy cut short: it runs to the last row of its form with nothing
    printed below (no 落款, 签字栏, 审核意见 or 注), its last row is not under 满意度 (the dimension every
    family prints last) and some category is missing. A reviewer of such a copy does not accuse the
    clerk of the parts the document simply does not hold; the rules say it once (S007). None for a form not read from a
    sheet, or one that does not end with its table."""
    fmap = ctx.map_of(form)
    table = fmap.tables.get("indicators") if fmap else None
    if fmap is None or table is None or not table.rows or not rows or table.rows[-1] < fmap.rows[1]:
        return None
    if any(not is_blank(form.get(key)) for key in ("signature.head", "signature.filler")):
        return None
    last = rows[-1]
    if last.category == "satisfaction":
        return None
    missing = missing_categories(form, rows)
    if not missing:
        return None
    cell = last.cell("level1") or last.cell("name") or last.cell("value")
    # a family printing the standard 一级 names prints 满意度指标 too, filled or not: a table of them that
    # stops at 可持续影响 is a cut copy (宁夏原州 2022); one printing its own names (山东临邑 2025 产出值 /
    # 效益值) may have no 满意度 at all
    own_names = any(level_key(r.ind.level1) not in _STANDARD_LEVEL1 for r in rows if not is_blank(r.ind.level1))
    boundary = missing == ["satisfaction"] and "可持续" in norm(last.ind.level2) and own_names
    return CutShort(table.rows[-1], cell, tuple(missing), boundary)


def cost_required(form: Form) -> bool:
    """Whether the form's profile makes a missing cost an error (财预〔2021〕101号: outputs and effects
    with their cost-control requirement)."""
    return profile_of(form).cost_required
