"""Indicator rules (I3xx): 完整性 and 细化量化 of the 年度绩效指标 tables (附表1 and each 附表3)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from xladdin.layout.base import norm
from xladdin.layout.skeleton import LEVEL1, LEVEL2, STANDARDS
from xladdin.model import Form, Form1, Form3, Indicator
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.values import (
    MONEY,
    clean_text,
    has_count_unit,
    is_blank,
    percent,
    same_text,
    value_kind,
)

CATEGORY_ZH = {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标", "cost": "成本指标"}


@dataclass
class Row:
    form: Form
    index: int
    ind: Indicator

    def cell(self, column: str) -> str:
        return self.form.place.row_cell("indicators", self.index, column)

    @property
    def category(self) -> str:
        l1, l2 = norm(self.ind.level1), norm(self.ind.level2)
        if "满意度" in l1 or "满意度" in l2:
            return "satisfaction"
        if "成本" in l1 or "成本" in l2:
            return "cost"
        if "产出" in l1:
            return "output"
        if "效益" in l1:
            return "benefit"
        return "unknown"

    @property
    def is_quantity(self) -> bool:
        return "数量" in norm(self.ind.level2)

    @property
    def named(self) -> bool:
        return not is_blank(self.ind.name)

    @property
    def valued(self) -> bool:
        return not is_blank(self.ind.value)


def tables(ctx: Context) -> Iterator[tuple[Form, list[Row]]]:
    sub = ctx.submission
    forms: list[Form1 | Form3] = [*([sub.form1] if sub.form1 else []), *sub.form3s]
    for form in forms:
        if ctx.found(form, "indicators"):
            yield form, [Row(form, i, ind) for i, ind in enumerate(form.indicators)]


def head_counts(form: Form) -> list[str]:
    """Counts the 测算依据 of a 附表3 names ("16人"), as text."""
    from xladdin.basis import evaluate

    if not isinstance(form, Form3):
        return []
    out: list[str] = []
    for d in form.details:
        calc = evaluate(str(d.basis)) if isinstance(d.basis, str) else None
        if calc is not None:
            out.extend(f"{c.number.normalize():f}{c.unit}" for c in calc.counts)
    return out


@rule("I301", "缺少产出、效益或满意度指标", Severity.ERROR)
def category_present(ctx: Context) -> Iterator[Hit]:
    """The indicator table has no 三级 indicator with a value under 产出, 效益 or 满意度.

    Why it matters: 完整性 — a target must say what is produced, what it achieves and how
    satisfied those served are; a missing dimension is the first thing a reviewer marks down.

    Example: every 效益指标 row left empty.

    Fix: fill at least one 三级 indicator with a measurable value in each of the three.
    """
    for form, rows in tables(ctx):
        for cat in ("output", "benefit", "satisfaction"):
            mine = [r for r in rows if r.category == cat]
            if any(r.named and r.valued for r in mine):
                continue
            where = mine[0].cell("name") if mine else form.place.row_cell("indicators", 0, "level1")
            yield ctx.hit(
                form,
                where or "A1",
                f"没有填写任何{CATEGORY_ZH[cat]}（三级指标及指标值）",
                f"至少填写一项{CATEGORY_ZH[cat]}的三级指标和指标值",
            )


@rule("I302", "三级指标缺少指标值", Severity.ERROR)
def name_without_value(ctx: Context) -> Iterator[Hit]:
    """A 三级 indicator is named but its 指标值 is blank.

    Why it matters: 细化量化 — an indicator without a value cannot be measured or evaluated later.

    Example: 数量指标 「奖励进疆进藏的入伍战士。」 with no value, while the 测算依据 says 16人.

    Fix: write the value with its unit (16人, 100%, 2023年度); when the 测算依据 names a count,
    the message suggests it.
    """
    for form, rows in tables(ctx):
        counts = head_counts(form)
        for r in rows:
            if r.named and not r.valued:
                fix = "填写指标值及单位（如 16人、≥95%、2023年度）"
                if r.is_quantity and counts:
                    fix = f"测算依据写明 {counts[0]}，数量指标可填 {counts[0]}"
                yield ctx.hit(form, r.cell("value"), f"三级指标「{r.ind.name}」没有填写指标值", fix)


@rule("I303", "指标值缺少三级指标名称", Severity.ERROR)
def value_without_name(ctx: Context) -> Iterator[Hit]:
    """A 指标值 is filled but the 三级 indicator's name is blank.

    Why it matters: a value alone says nothing about what is measured.

    Example: 质量指标 row with 「100%」 and no name.

    Fix: name the indicator (覆盖率, 合格率 …) or clear the value.
    """
    for form, rows in tables(ctx):
        for r in rows:
            if r.valued and not r.named:
                yield ctx.hit(
                    form,
                    r.cell("name"),
                    f"指标值「{r.ind.value}」没有对应的三级指标名称",
                    "填写三级指标名称，或清除该指标值",
                )


@rule("I304", "指标值是文字描述而非可衡量的值", Severity.ERROR)
def prose_value(ctx: Context) -> Iterator[Hit]:
    """A 指标值 is a sentence (often a copy of an indicator's text) instead of a value.

    Why it matters: 细化量化 — "辖区内享受待遇人员的获得感、幸福感" cannot be checked at year end;
    a reviewer grades such targets down as not quantified.

    Example: 社会效益指标 「辖区内享受待遇人员的获得感、幸福感」 = 「辖区内享受待遇人员的获得感、幸福感」.

    Fix: a number with its unit, a percentage (≥95%), a date (2023年度) or a grade (优/良/中/差,
    显著/明显).
    """
    for form, rows in tables(ctx):
        names = {norm(clean_text(r.ind.name)) for r in rows if r.named}
        for r in rows:
            if not r.valued:
                continue
            if same_text(r.ind.value, r.ind.name):
                msg = f"指标值照抄了三级指标名称「{r.ind.name}」"
            elif norm(clean_text(r.ind.value)) in names:
                msg = f"指标值「{r.ind.value}」是另一项指标的名称，不是可衡量的值"
            elif value_kind(r.ind.value) in ("prose", "error"):
                msg = f"指标值「{r.ind.value}」是文字描述，不是可衡量的值"
            else:
                continue
            yield ctx.hit(
                form, r.cell("value"), msg, "改为数值+单位、百分比（如 ≥95%）、时间（2023年度）或等级（优/良/中/差）"
            )


def _unit_for(name: object) -> str:
    text = clean_text(name)
    for hint, unit in (
        ("户", "户"),
        ("人次", "人次"),
        ("人", "人"),
        ("名", "人"),
        ("次", "次"),
        ("墓", "座"),
        ("座", "座"),
        ("项", "项"),
        ("件", "件"),
        ("家", "家"),
        ("所", "所"),
        ("处", "处"),
    ):
        if hint in text:
            return unit
    return "个"


@rule("I305", "数量指标缺少计数单位", Severity.WARNING)
def quantity_unit(ctx: Context) -> Iterator[Hit]:
    """A 数量指标 value is a bare number, or carries no count unit (人/个/次/项/座/件/户 …).

    Why it matters: 990 of what? The unit makes the target checkable; a bare number is accepted
    but a reviewer will ask.

    Example: 辖区内享受待遇人员数 = 990.

    Fix: write the unit with the number: 990人.
    """
    for form, rows in tables(ctx):
        for r in rows:
            if not (r.is_quantity and r.valued):
                continue
            kind = value_kind(r.ind.value)
            if kind == "number":
                unit = _unit_for(r.ind.name)
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"数量指标「{r.ind.name}」的指标值 {r.ind.value} 没有单位",
                    f"写明单位，如「{clean_text(r.ind.value)}{unit}」",
                )
            elif (
                kind in ("number_unit", "compare")
                and not has_count_unit(r.ind.value)
                and not MONEY.search(clean_text(r.ind.value))
            ):
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"数量指标「{r.ind.name}」的指标值「{r.ind.value}」没有计数单位",
                    "数量指标应以人、个、次、项、座、件、户等计数",
                )


@rule("I306", "比率类指标值不是 0–100% 的百分比", Severity.ERROR)
def rate_value(ctx: Context) -> Iterator[Hit]:
    """An indicator named as a rate (率, 覆盖率, 满意度) has a value that is not a percentage of at
    most 100%.

    Why it matters: 覆盖率 120% or 满意度 "高" cannot be measured against anything.

    Example: 覆盖率 = 120%.

    Fix: a percentage between 0 and 100 (≥95%, 100%).
    """
    for form, rows in tables(ctx):
        for r in rows:
            name = clean_text(r.ind.name)
            if not r.valued or not ("率" in name or "满意度" in name):
                continue
            kind = value_kind(r.ind.value)
            if kind in ("prose", "error", "blank"):
                continue  # I304 reports prose
            p = percent(r.ind.value)
            if p is None and isinstance(r.ind.value, int | float) and 0 <= r.ind.value <= 1:
                continue  # a number cell formatted as a percentage (1 = 100%)
            if p is None:
                yield ctx.hit(
                    form, r.cell("value"), f"「{name}」的指标值「{r.ind.value}」不是百分比", "写成百分比，如 ≥95%"
                )
            elif p > 100 or p < 0:
                yield ctx.hit(
                    form, r.cell("value"), f"「{name}」的指标值 {r.ind.value} 超出 0–100%", "比率不能超过 100%"
                )


@rule("I307", "数量或效益指标填的是金额", Severity.WARNING)
def money_as_output(ctx: Context) -> Iterator[Hit]:
    """A 数量 or 效益 indicator's value is an amount of money.

    Why it matters: money spent is an input, not an output or an effect; a reviewer expects what the
    money buys (people served, sites maintained) or achieves.

    Example: 数量指标 「发放资金」 = 「320万元」.

    Fix: state the output (112人) or the effect; amounts belong under 成本指标.
    """
    for form, rows in tables(ctx):
        for r in rows:
            if r.valued and (r.is_quantity or r.category == "benefit") and MONEY.search(clean_text(r.ind.value)):
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"「{r.ind.name}」的指标值「{r.ind.value}」是金额",
                    "金额属于投入，可放在成本指标；此处填写产出或效果",
                )


@rule("I308", "三级指标名称与一级/二级名称相同", Severity.WARNING)
def name_repeats_level(ctx: Context) -> Iterator[Hit]:
    """A 三级 indicator's name repeats a 一级 or 二级 name.

    Why it matters: "数量指标" as a 三级 name says nothing about what is counted.

    Example: 二级 数量指标, 三级 「数量指标」.

    Fix: name what is measured (辖区内享受待遇人员数).
    """
    levels = {norm(x) for x in (*LEVEL1, *LEVEL2)}
    for form, rows in tables(ctx):
        for r in rows:
            if r.named and (norm(clean_text(r.ind.name)) in levels or same_text(r.ind.name, r.ind.level2)):
                yield ctx.hit(
                    form, r.cell("name"), f"三级指标名称「{r.ind.name}」只是重复了指标类别", "写出具体衡量的内容"
                )


@rule("I309", "三级指标名称重复", Severity.WARNING)
def duplicate_names(ctx: Context) -> Iterator[Hit]:
    """The same 三级 name appears twice in one indicator table.

    Why it matters: the same indicator under 社会效益 and 可持续影响 measures one thing twice and
    leaves the other dimension empty in substance.

    Example: 「辖区内享受待遇人员的获得感、幸福感」 under both 社会效益指标 and 可持续影响指标.

    Fix: give each dimension its own indicator.
    """
    for form, rows in tables(ctx):
        seen: dict[str, Row] = {}
        for r in rows:
            if not r.named:
                continue
            k = norm(clean_text(r.ind.name))
            if k in seen:
                first = seen[k]
                yield ctx.hit(
                    form,
                    r.cell("name"),
                    f"三级指标「{r.ind.name}」与{clean_text(first.ind.level2)}（{first.cell('name')}）重复",
                    "为每个维度设置不同的指标",
                )
            else:
                seen[k] = r


@rule("I310", "成本指标为空", Severity.WARNING)
def cost_empty(ctx: Context) -> Iterator[Hit]:
    """No 成本指标 has a name and a value.

    Why it matters: practice flags an empty cost dimension (成本维度空洞); 财预〔2021〕101号 makes
    成本指标 a dimension of its own (whether it is mandatory here is unverified, hence a warning).

    Example: the 成本指标 row left blank.

    Fix: e.g. 「人均补助标准」 = 「≤2380元/人/月」, or 「项目总成本」 = 「≤320万元」.
    """
    for form, rows in tables(ctx):
        cost = [r for r in rows if r.category == "cost"]
        if any(r.named and r.valued for r in cost):
            continue
        where = cost[0].cell("name") if cost else form.place.row_cell("indicators", 0, "level1")
        yield ctx.hit(form, where or "A1", "成本指标未填写", "填写成本指标，如「人均补助标准」≤2380元/人/月")


@rule("I311", "满意度指标值为 100%", Severity.WARNING)
def satisfaction_full(ctx: Context) -> Iterator[Hit]:
    """A 满意度 indicator targets 100% (or the configured maximum).

    Why it matters: a 100% satisfaction target is rarely realistic (合理可行) and cannot be exceeded;
    reviewers often ask for ≥90% or ≥95%. No source fixes a threshold, so this is a warning and the
    threshold is configurable ([indicators] satisfaction_max).

    Example: 对象满意度 = 100%.

    Fix: a realistic target such as ≥95%.
    """
    for form, rows in tables(ctx):
        for r in rows:
            p = percent(r.ind.value) if r.valued else None
            if r.category == "satisfaction" and p is not None and p >= ctx.config.satisfaction_max:
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"满意度指标「{r.ind.name}」目标为 {r.ind.value}",
                    "可设为 ≥95% 等切实可行的目标",
                )


@rule("I312", "数量指标与测算依据的人数不一致", Severity.WARNING)
def quantity_vs_basis(ctx: Context) -> Iterator[Hit]:
    """A 附表3's 数量指标 value differs from the head count its 测算依据 names.

    Why it matters: the calculation ("2380元/人/月*12个月*112人") says how many people the money
    serves; the output target should be that number.

    Example: 测算依据 「16人×10000元/人」 with 数量指标 「20人」.

    Fix: align the 数量指标 with the calculation, or correct the calculation.
    """
    from xladdin.values import _NUMBER

    for form, rows in tables(ctx):
        counts = head_counts(form)
        if not counts:
            continue
        numbers = {str(_NUMBER.search(c).group()) for c in counts if _NUMBER.search(c)}
        for r in rows:
            if not (r.is_quantity and r.valued):
                continue
            m = _NUMBER.search(clean_text(r.ind.value))
            if m and str(m.group()).lstrip("+") not in numbers:
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"数量指标 {r.ind.value} 与测算依据中的 {'、'.join(counts)} 不一致",
                    f"核对数量指标（测算依据为 {counts[0]}）",
                )


@rule("I313", "绩效标准不是标准选项", Severity.WARNING)
def standard_value(ctx: Context) -> Iterator[Hit]:
    """A 绩效标准 is not one of 计划标准 · 行业标准 · 历史标准 · 其他标准 (or has stray spaces).

    Why it matters: the dropdown values are what the review system expects; stray spaces make an
    exact comparison fail.

    Example: 「 计划标准」 with a leading space.

    Fix: choose from the dropdown.
    """
    wanted = {norm(s) for s in STANDARDS}
    for form, rows in tables(ctx):
        if not isinstance(form, Form3) or not ctx.found(form, "standard"):
            continue  # a form with no 绩效标准 column
        for r in rows:
            value = r.ind.standard
            if is_blank(value):
                if r.named:
                    yield ctx.hit(
                        form, r.cell("standard"), f"「{r.ind.name}」未选择绩效标准", "从下拉列表中选择，如 计划标准"
                    )
                continue
            if str(value) in STANDARDS:
                continue
            if norm(value) in wanted:
                yield ctx.hit(form, r.cell("standard"), f"绩效标准「{value}」含多余空格", f"改为「{norm(value)}」")
            else:
                yield ctx.hit(
                    form,
                    r.cell("standard"),
                    f"绩效标准「{value}」不是标准选项",
                    "从下拉列表中选择：" + "、".join(STANDARDS),
                )


@rule("I314", "一级/二级指标名称不规范", Severity.WARNING)
def level_names(ctx: Context) -> Iterator[Hit]:
    """A 一级 or 二级 indicator name is not a name of the standard skeleton (either the usual one or
    the 2021 national shape with 成本指标 as a 一级).

    Why it matters: reviewers and their systems group indicators by these names.

    Example: 二级 「数量」 instead of 「数量指标」.

    Fix: choose from the dropdown.
    """
    from xladdin.layout.vocabulary import LEVEL1_ALSO, LEVEL2_ALSO

    l1s = {norm(x) for x in (*LEVEL1, *LEVEL1_ALSO)}
    l2s = {norm(x) for x in (*LEVEL2, *LEVEL2_ALSO)}
    for form, rows in tables(ctx):
        for r in rows:
            if not is_blank(r.ind.level1) and norm(r.ind.level1) not in l1s:
                yield ctx.hit(
                    form,
                    r.cell("level1"),
                    f"一级指标「{r.ind.level1}」不是标准名称",
                    "从下拉列表中选择：" + "、".join(LEVEL1[:3]),
                )
            if not is_blank(r.ind.level2) and norm(r.ind.level2) not in l2s:
                yield ctx.hit(
                    form, r.cell("level2"), f"二级指标「{r.ind.level2}」不是标准名称", "从下拉列表中选择标准的二级指标"
                )
