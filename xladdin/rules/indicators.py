"""Indicator rules (I3xx): 完整性 and 细化量化 of the 年度绩效指标 tables (附表1 and each 附表3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from xladdin.layout.base import norm
from xladdin.layout.profiles import category_of, standard_level_names
from xladdin.layout.skeleton import LEVEL1, LEVEL2, STANDARDS
from xladdin.layout.vocabulary import LEVEL1_ALSO, LEVEL2_ALSO
from xladdin.model import Form, Form1, Form3, Indicator
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.units import ALL_UNITS, UNIT_KIND, count_unit_for
from xladdin.values import (
    MONEY,
    clean_text,
    has_count_unit,
    is_blank,
    percent,
    quantity,
    same_text,
    value_kind,
)

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


def level_key(name: object) -> str:
    """A 一级/二级 name compared without spaces and without a bracketed alias: 「数量指标(或建筑规模指标)」
    is 数量指标."""
    return norm(_ALIAS.sub("", clean_text(name)))


#: Words of an indicator name that measure money spent rather than work done.
SPENDING_WORDS = ("资金", "经费", "预算", "支出", "拨付", "到位", "安排金额", "发放金额", "投入", "执行率")

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
        if "成本" in l1 or "成本" in l2 or "控制指标" in l2:  # Dongguan: 预算(或投资规模)控制指标
            return "cost"
        if "产出" in l1:
            return "output"
        if "效益" in l1 or "效果" in l1:  # Dongguan prints 效果指标
            return "benefit"
        return category_of(self.form, self.ind.level1) or "unknown"  # the form's profile: 项目完成指标

    @property
    def is_quantity(self) -> bool:
        return "数量" in norm(self.ind.level2)

    @property
    def level2_kind(self) -> str:
        """数量 / 质量 / 时效 / 成本 / other, from the 二级 name."""
        l2 = norm(self.ind.level2)
        for word in ("数量", "质量", "时效", "成本"):
            if word in l2:
                return word
        return ""

    @property
    def named(self) -> bool:
        return not is_blank(self.ind.name)

    @property
    def valued(self) -> bool:
        return not is_blank(self.ind.value)


def tables(ctx: Context) -> Iterator[tuple[Form, list[Row]]]:
    """Every indicator table the reader found (附表1 and each 附表3)."""
    sub = ctx.submission
    forms: list[Form1 | Form3] = [*([sub.form1] if sub.form1 else []), *sub.form3s]
    for form in forms:
        if ctx.found(form, "indicators"):
            yield form, [Row(form, i, ind) for i, ind in enumerate(form.indicators)]


def leveled(rows: list[Row]) -> bool:
    """Whether the table sorts its indicators under 一级/二级 names (a flat list of indicators, as
    重庆's 一般性项目绩效目标表 prints it, has none: rules by category do not apply)."""
    return any(not is_blank(r.ind.level1) or not is_blank(r.ind.level2) for r in rows)


def phrase_root(form: Form, text: object) -> str:
    """The root of every finding about one phrase pasted into several cells of a table."""
    return f"phrase:{form.sheet}:{norm(clean_text(text))}"


def value_root(form: Form, cell: str) -> str:
    """The root of the findings about one 指标值 that is not a value (prose, a direction word, not a
    cost): one wrong cell, one finding."""
    return f"value:{form.sheet}!{cell}"


def _cells(cells: list[str]) -> str:
    return "、".join(cells)


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


def category_present(ctx: Context) -> Iterator[Hit]:
    """问题：指标表中产出、效益或满意度某一类没有任何填了指标值的三级指标。

    为何要紧：完整性——绩效目标必须说明产出什么、达到什么效果、服务对象是否满意；缺一个维度是审核
    人首先扣分、退回的地方。

    示例：效益指标下各行全部空白。

    修改：在这三类中各至少填写一项三级指标和可衡量的指标值。
    """
    for form, rows in tables(ctx):
        if not leveled(rows):
            continue  # a flat list of indicators (no 一级/二级 names): nothing to sort by
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


rule("I301", "缺少产出、效益或满意度指标", Severity.ERROR, category_present)


def name_without_value(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标写了名称，但指标值为空。

    为何要紧：细化量化——没有指标值的指标到年底无法衡量和评价。

    示例：数量指标「奖励进疆进藏的入伍战士。」没有指标值，而测算依据写明 16人。

    修改：填写带单位的指标值（16人、100%、2023年度）；测算依据写明人数时，提示会给出该数。
    """
    for form, rows in tables(ctx):
        counts = head_counts(form)
        for r in rows:
            if r.named and not r.valued:
                fix = "填写指标值及单位（如 16人、≥95%、2023年度）"
                if r.is_quantity and counts:
                    fix = f"测算依据写明 {counts[0]}，数量指标可填 {counts[0]}"
                yield ctx.hit(form, r.cell("value"), f"三级指标「{r.ind.name}」没有填写指标值", fix)


rule("I302", "三级指标缺少指标值", Severity.ERROR, name_without_value)


def value_without_name(ctx: Context) -> Iterator[Hit]:
    """问题：填了指标值，但三级指标名称为空。

    为何要紧：只有数值，说不清衡量的是什么。

    示例：质量指标一行填了「100%」，没有指标名称。

    修改：写出指标名称（覆盖率、合格率……），或清除该指标值。
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


rule("I303", "指标值缺少三级指标名称", Severity.ERROR, value_without_name)


def prose_value(ctx: Context) -> Iterator[Hit]:
    """问题：指标值是一句话（常常是照抄某个指标名称），而不是可衡量的值。同一句话粘贴在几个单元格
    里时只报一次，列出所有单元格。

    为何要紧：细化量化——「辖区内享受待遇人员的获得感、幸福感」到年底无法核对；审核人会以「未量化」
    退回。

    示例：社会效益指标「辖区内享受待遇人员的获得感、幸福感」的指标值也是「辖区内享受待遇人员的获得
    感、幸福感」。

    修改：改为数值+单位、百分比（≥95%）、时间（2023年度）或等级（优/良/中/差、显著/明显）。
    """
    fix = "改为数值+单位、百分比（如 ≥95%）、时间（2023年度）或等级（优/良/中/差）"
    for form, rows in tables(ctx):
        names = {norm(clean_text(r.ind.name)) for r in rows if r.named}
        phrases: dict[str, list[Row]] = {}
        for r in rows:
            if not r.valued:
                continue
            copied = same_text(r.ind.value, r.ind.name) or norm(clean_text(r.ind.value)) in names
            if copied or value_kind(r.ind.value) in ("prose", "error"):
                phrases.setdefault(norm(clean_text(r.ind.value)), []).append(r)
        for key, group in phrases.items():
            first = group[0]
            values = [r.cell("value") for r in group]
            as_names = [r.cell("name") for r in rows if r.named and norm(clean_text(r.ind.name)) == key]
            text = first.ind.value
            if as_names:
                where = f"指标值 {_cells(values)} 照抄了指标名称（{_cells(as_names)}）「{text}」"
            elif len(group) > 1:
                where = f"指标值 {_cells(values)} 都是文字描述「{text}」"
            else:
                where = f"指标值「{text}」是文字描述"
            others = tuple(f"{form.sheet}!{c}" for c in values[1:])  # the names stay: they are fine names
            pasted = bool(as_names) or len(group) > 1
            yield ctx.hit(
                form,
                first.cell("value"),
                f"{where}，不是可衡量的值",
                fix,
                root=phrase_root(form, text) if pasted else value_root(form, first.cell("value")),
                cells=others,
            )


rule("I304", "指标值是文字描述而非可衡量的值", Severity.ERROR, prose_value)


def quantity_unit(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标的指标值只有数字，或带的单位不是计数或时间单位（人/个/次/项/座/件/户/天/月……）。

    为何要紧：990 是 990 什么？单位使目标可以核对；只写数字审核人会追问，但不至于退回。

    示例：「辖区内享受待遇人员数」= 990。

    修改：数字后写上单位：990人。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if not (r.is_quantity and r.valued):
                continue
            kind = value_kind(r.ind.value)
            if kind == "number":
                unit = count_unit_for(clean_text(r.ind.name))
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
                and percent(r.ind.value) is None
            ):
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"数量指标「{r.ind.name}」的指标值「{r.ind.value}」没有计数单位",
                    "数量指标应以人、个、次、项、座、件、户、天等计数",
                )


rule("I305", "数量指标缺少计数单位", Severity.WARNING, quantity_unit)


def _is_rate(name: str) -> bool:
    return ("率" in name and not any(w in name for w in ("频率", "效率", "功率", "利率"))) or "满意度" in name


def rate_value(ctx: Context) -> Iterator[Hit]:
    """问题：名称是比率（……率、覆盖率、满意度）的指标，指标值不是不超过 100% 的百分比。
    「95%」「≥95%」「不低于95%」「＝100百分比」「95％」都是百分比。

    为何要紧：覆盖率 120%、满意度「高」无从衡量。

    示例：覆盖率 = 120%；满意度 = 320万元。

    修改：写成 0 到 100 之间的百分比（≥95%、100%）。
    """
    for form, rows in tables(ctx):
        for r in rows:
            name = clean_text(r.ind.name)
            if not r.valued or not _is_rate(name):
                continue
            kind = value_kind(r.ind.value)
            if kind in ("prose", "error", "blank", "direction"):
                continue  # I304 / I317 report these
            p = percent(r.ind.value)
            if p is None and isinstance(r.ind.value, int | float) and 0 <= r.ind.value <= 1:
                continue  # a number cell formatted as a percentage (1 = 100%)
            if p is None:
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"「{name}」的指标值「{r.ind.value}」不是百分比",
                    "写成百分比，如 ≥95%",
                    root=f"unit:{form.sheet}!{r.cell('value')}",
                )
            elif p > 100 or p < 0:
                yield ctx.hit(
                    form, r.cell("value"), f"「{name}」的指标值 {r.ind.value} 超出 0–100%", "比率不能超过 100%"
                )


rule("I306", "比率类指标值不是 0–100% 的百分比", Severity.ERROR, rate_value)


def money_as_output(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标或社会、生态等效益指标的指标值是一笔金额（经济效益指标除外：增加的收入本来就是
    金额）。

    为何要紧：花掉的钱是投入，不是产出，也不是效果；审核人要看的是这笔钱换来了什么（服务多少人、
    维护多少处）或达到了什么效果。

    示例：数量指标「发放资金」=「320万元」。

    修改：写出产出（112人）或效果；金额放在成本指标。
    """
    for form, rows in tables(ctx):
        for r in rows:
            economic = "经济" in norm(r.ind.level2)  # income raised is an economic effect, in money
            if (
                r.valued
                and (r.is_quantity or (r.category == "benefit" and not economic))
                and MONEY.search(clean_text(r.ind.value))
            ):
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"「{r.ind.name}」的指标值「{r.ind.value}」是金额",
                    "金额属于投入，可放在成本指标；此处填写产出或效果",
                    root=f"money:{form.sheet}!{r.cell('value')}",
                )


rule("I307", "数量或效益指标填的是金额", Severity.WARNING, money_as_output)


def name_repeats_level(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标名称只是重复了一级或二级指标的名称。

    为何要紧：三级指标叫「数量指标」，说不出数的是什么。

    示例：二级数量指标下，三级指标写「数量指标」。

    修改：写出具体衡量的内容（辖区内享受待遇人员数）。
    """

    def bare(x: object) -> str:  # 「服务对象满意度%」 and 「服务对象满意度指标」 are the same name
        return level_key(x).rstrip("%").removesuffix("指标")

    levels = {bare(x) for x in (*ACCEPTED_LEVEL1, *ACCEPTED_LEVEL2)}
    for form, rows in tables(ctx):
        for r in rows:
            if r.named and (bare(r.ind.name) in levels or bare(r.ind.name) == bare(r.ind.level2)):
                yield ctx.hit(
                    form, r.cell("name"), f"三级指标名称「{r.ind.name}」只是重复了指标类别", "写出具体衡量的内容"
                )


rule("I308", "三级指标名称与一级/二级名称相同", Severity.WARNING, name_repeats_level)


def duplicate_names(ctx: Context) -> Iterator[Hit]:
    """问题：同一张指标表里，同一个三级指标名称出现两次。

    为何要紧：社会效益和可持续影响下填同一个指标，等于一件事量了两遍，另一个维度实际上是空的。

    示例：「辖区内享受待遇人员的获得感、幸福感」同时列在社会效益指标和可持续影响指标下。

    修改：每个维度设置各自的指标。
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
                    root=phrase_root(form, r.ind.name),
                )
            else:
                seen[k] = r


rule("I309", "三级指标名称重复", Severity.WARNING, duplicate_names)


def cost_empty(ctx: Context) -> Iterator[Hit]:
    """问题：没有一项成本指标同时填了名称和指标值。

    为何要紧：实务中「成本维度空洞」会被指出；财预〔2021〕101号把成本指标列为单独的一级指标（此处
    是否必填未经核实，所以是警告）。

    示例：成本指标一行空白。

    修改：如「人均补助标准」=「≤2380元/人/月」，或「项目总成本」=「≤320万元」。
    """
    for form, rows in tables(ctx):
        if not leveled(rows):
            continue  # a flat list of indicators: I310 cannot tell a cost row
        cost = [r for r in rows if r.category == "cost"]
        if any(r.named and r.valued for r in cost):
            continue
        where = cost[0].cell("name") if cost else form.place.row_cell("indicators", 0, "level1")
        yield ctx.hit(form, where or "A1", "成本指标未填写", "填写成本指标，如「人均补助标准」≤2380元/人/月")


rule("I310", "成本指标为空", Severity.WARNING, cost_empty)


def satisfaction_full(ctx: Context) -> Iterator[Hit]:
    """问题：满意度指标的目标是 100%（或配置的上限）。

    为何要紧：100% 的满意度很少切实可行，也无法超额完成；审核人常要求 ≥90% 或 ≥95%。没有文件规定
    界限，所以是警告，界限可配置（[indicators] satisfaction_max）。

    示例：对象满意度 = 100%。

    修改：设为切实可行的目标，如 ≥95%。
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


rule("I311", "满意度指标值为 100%", Severity.WARNING, satisfaction_full, config=("indicators.satisfaction_max",))


def quantity_vs_basis(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 的数量指标与其测算依据写明的人数（数量）不同。

    为何要紧：测算依据（「2380元/人/月*12个月*112人」）说明了这笔钱服务多少人，产出目标应是同一个数。

    示例：测算依据「16人×10000元/人」，数量指标却是「20人」。

    修改：使数量指标与测算依据一致，或更正测算依据。
    """
    from xladdin.values import _NUMBER

    for form, rows in tables(ctx):
        counts = head_counts(form)
        if not counts:
            continue
        numbers = {str(m.group()) for c in counts if (m := _NUMBER.search(c))}
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


rule("I312", "数量指标与测算依据的人数不一致", Severity.WARNING, quantity_vs_basis)


def standard_value(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 的绩效标准为空，或不是「计划标准、行业标准、历史标准、其他标准」之一。

    为何要紧：下拉列表中的选项是审核系统认得的值；没有标准就说不清指标值从何而来。

    示例：绩效标准写成「国家标准」或留空。

    修改：从下拉列表中选择。（只是多了空格的，见 I321，`validate --fix` 会自动改正。）
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
            if norm(clean_text(value)) not in wanted:
                yield ctx.hit(
                    form,
                    r.cell("standard"),
                    f"绩效标准「{value}」不是标准选项",
                    "从下拉列表中选择：" + "、".join(STANDARDS),
                )


rule("I313", "绩效标准未选或不是标准选项", Severity.WARNING, standard_value)


def level_names(ctx: Context) -> Iterator[Hit]:
    """问题：一级或二级指标名称不是标准框架中的名称。通常的框架、财预〔2021〕101号的框架（满意度指标、
    成本指标为一级，经济成本/社会成本/生态环境成本指标为二级）以及各省印制表中的名称（如湖南的
    「社会公众或服务对象满意度指标」）都认可。

    为何要紧：审核人和审核系统按这些名称归类指标。

    示例：二级指标写成「数量」而不是「数量指标」。一个一级名称合并了几行时，只报一次，其余行列在「另见」中。

    修改：从下拉列表中选择。
    """
    levels = (
        ("level1", "一级指标", {level_key(x) for x in ACCEPTED_LEVEL1}, "从下拉列表中选择：" + "、".join(LEVEL1[:3])),
        ("level2", "二级指标", {level_key(x) for x in ACCEPTED_LEVEL2}, "从下拉列表中选择标准的二级指标"),
    )
    for form, rows in tables(ctx):
        own = (standard_level_names(form, 1), standard_level_names(form, 2))  # names standard in its profile
        # a name stands for the rows below it (merged in the form, carried down by the reader): the
        # rows that repeat it are one finding, at its first cell
        first: dict[str, tuple[object, str]] = {}
        for r in rows:
            for column, label, accepted, fix in levels:
                value = getattr(r.ind, column)
                if is_blank(value) or level_key(value) in accepted or norm(value) in own[column == "level2"]:
                    first.pop(column, None)
                    continue
                if first.get(column, (None, ""))[0] != value:
                    first[column] = (value, r.cell(column))
                root = f"I314:{form.sheet}!{first[column][1]}"
                yield ctx.hit(form, r.cell(column), f"{label}「{value}」不是标准名称", fix, root=root)


rule("I314", "一级/二级指标名称不规范", Severity.WARNING, level_names)


def satisfaction_under_benefit(ctx: Context) -> Iterator[Hit]:
    """问题：衡量满意度的三级指标（名称含「满意」）列在效益指标（如社会效益指标）下。

    为何要紧：各维度应装它名称所说的内容；满意度有自己的一级指标，放在社会效益下既让效益维度名不
    副实，也让审核人以为满意度维度缺项。

    示例：社会效益指标「群众满意度」= ≥90%。

    修改：把该指标移到「满意度指标」（服务对象满意度指标）下，在社会效益下填写真正的社会效果。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if r.named and r.category == "benefit" and "满意" in clean_text(r.ind.name):
                yield ctx.hit(
                    form,
                    r.cell("name"),
                    f"「{r.ind.name}」衡量满意度，却列在{clean_text(r.ind.level2) or '效益指标'}下",
                    "移到满意度指标（服务对象满意度指标）下",
                )


rule("I315", "满意度指标填在了效益指标下", Severity.WARNING, satisfaction_under_benefit)


def _states_cost(value: object) -> bool:
    q = quantity(value)  # type: ignore[arg-type]
    text = clean_text(value)
    short = re.search(r"\d\s*万$", text)  # 「250万」: 万元 with the 元 left out
    return bool(MONEY.search(text) or short) or (q is not None and q.kind == "money")


def cost_not_a_cost(ctx: Context) -> Iterator[Hit]:
    """问题：成本指标的指标值不是成本（金额、单位成本或成本上限），而是比率、数量或文字。

    为何要紧：成本指标回答「花多少钱办这件事」；「资金使用效率 100%」这样的比率说明不了成本，
    成本维度实际上是空的。

    示例：成本指标「资金使用效率」=「100%」。

    修改：写明成本，如「人均补助标准」=「≤2380元/人/月」、「项目总成本」=「≤320万元」。
    """
    for form, rows in tables(ctx):
        for r in rows:
            named_cost = "成本" in norm(r.ind.level1) + norm(r.ind.level2)  # not Dongguan's 预算控制指标
            if r.category == "cost" and named_cost and r.named and r.valued and not _states_cost(r.ind.value):
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"成本指标「{r.ind.name}」的指标值「{r.ind.value}」不是成本（金额或单位成本）",
                    "写明金额或单位成本，如 ≤2380元/人/月、≤320万元",
                    root=value_root(form, r.cell("value")),
                )


rule("I316", "成本指标没有写明成本", Severity.WARNING, cost_not_a_cost)


def direction_value(ctx: Context) -> Iterator[Hit]:
    """问题：指标值只是一个方向词——提升、提高、增加、加强、改善、长远、持续、有效（或它们的组合，
    如「有效提升」）——只说往哪个方向，不说多少。

    为何要紧：细化量化——「提升」到年底怎么算完成？审核人会要求写出数值或等级。
    「显著」「明显」「优/良/中/差」是等级，可以接受。

    示例：社会效益指标「退役军人获得感」=「提升」。

    修改：写出数值（≥95%、较上年提高 5 个百分点）或等级（显著、明显、优）。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if r.valued and value_kind(r.ind.value) == "direction":
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"「{r.ind.name}」的指标值「{r.ind.value}」只说明方向，没有说明程度",
                    "写出数值（如 ≥95%）或等级（显著、明显、优）",
                    root=value_root(form, r.cell("value")),
                )


rule("I317", "指标值只写了方向词", Severity.ERROR, direction_value)


def _unit_kinds(unit: str) -> list[tuple[str, str]]:
    """(unit, kind) of each unit written one after another in ``unit`` (parts after '/' are a
    per-unit and ignored: 「元/人/月」 is money)."""
    head = unit.split("/")[0]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(head):
        for u in ALL_UNITS:
            if head.startswith(u, i):
                out.append((u, UNIT_KIND[u]))
                i += len(u)
                break
        else:
            i += 1
    return out


def unit_contradiction(ctx: Context) -> Iterator[Hit]:
    """问题：指标值自带的单位与计量单位（或同一格里的另一个单位）类别不同，例如金额配百分号。

    为何要紧：「28.8万元」配计量单位「%」，读作 28.8万元% 毫无意义；审核人无法知道目标到底是金额
    还是比率，会退回。

    示例：指标值「28.8万元」，计量单位「%」。

    修改：保留一个正确的单位：金额写在成本指标里（28.8万元），比率写百分比。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if not r.valued or isinstance(r.ind.value, bool):
                continue
            text = clean_text(r.ind.value)
            unit = clean_text(r.ind.unit)
            if unit and text.endswith(unit) and len(text) > len(unit):
                own = text[: -len(unit)]  # the value as written in its own column
            else:
                own, unit = text, ""
            q = quantity(own)
            found = _unit_kinds(q.unit) if q is not None else []
            if unit:
                found += _unit_kinds(unit)
            kinds = {k for _, k in found}
            if len(kinds) > 1:
                units = "、".join(f"「{u}」" for u, _ in found)
                where = f"，计量单位为「{r.ind.unit}」" if unit else ""
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"「{r.ind.name}」的指标值「{own}」{where}：单位 {units} 互相矛盾",
                    "只保留一个正确的单位",
                    root=f"unit:{form.sheet}!{r.cell('value')}",
                )


rule("I318", "计量单位与指标值矛盾", Severity.ERROR, unit_contradiction)


def output_measures_spending(ctx: Context) -> Iterator[Hit]:
    """问题：产出指标（数量、质量、时效）衡量的是资金：安排金额、支出到位率、资金拨付率之类。

    为何要紧：产出指标衡量做了多少事（办结的案件、服务的人数、维护的场所），不是花了多少钱；
    资金到位、支出进度是预算执行的事，不是绩效产出。

    示例：质量指标「资金到位率」= 100%；数量指标「安排金额」= 320万元。

    修改：换成这笔钱完成的工作量或质量（如 慰问 356人、维护烈士墓 1座）；金额放在成本指标。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if r.category != "output" or r.level2_kind == "成本" or not r.named:
                continue
            name = clean_text(r.ind.name)
            if any(w in name for w in SPENDING_WORDS):
                yield ctx.hit(
                    form,
                    r.cell("name"),
                    f"产出指标「{name}」衡量的是资金，不是完成的工作",
                    "改为完成的工作量或质量；金额放在成本指标",
                    root=f"money:{form.sheet}!{r.cell('value')}",
                )


rule("I319", "产出指标衡量的是花了多少钱", Severity.WARNING, output_measures_spending)


def output_without_quantity_or_quality(ctx: Context) -> Iterator[Hit]:
    """问题：产出指标下的数量指标和质量指标都没有填写，只有时效（或成本）行有内容——新增专项时预先
    填好的「实施时间 2023年度」不算产出。

    为何要紧：完整性——产出指标要说明做多少、做到什么程度；只有完成时间等于没有产出目标。

    示例：新建的附表3 只保留了时效指标「实施时间」=「2023年度」，数量、质量两行空白。

    修改：至少填写一项数量指标或质量指标（如 慰问对象 356人、覆盖率 100%）。
    """
    for form, rows in tables(ctx):
        output = [r for r in rows if r.category == "output"]
        if not any(r.named and r.valued for r in output):
            continue  # I301 reports an empty 产出
        if any(r.named and r.valued and r.level2_kind in ("数量", "质量") for r in output):
            continue
        blank = [r for r in output if r.level2_kind in ("数量", "质量")]
        where = (blank[0] if blank else output[0]).cell("name")
        yield ctx.hit(
            form,
            where or "A1",
            "产出指标下的数量指标和质量指标都没有填写（只有时效或成本不算产出）",
            "至少填写一项数量指标或质量指标",
        )


rule("I320", "产出指标只有时效，数量和质量都空", Severity.ERROR, output_without_quantity_or_quality)


def standard_spacing(ctx: Context) -> Iterator[Hit]:
    """问题：绩效标准是标准选项，但前后或中间多了空格（「 计划标准」「计 划 标 准」）。

    为何要紧：意思没变，但与下拉选项逐字比对时对不上；属于书写格式。

    示例：「 计划标准」（前面有一个空格）。

    修改：`xladdin validate 文件 --fix` 会自动改为「计划标准」，或从下拉列表重新选择。
    """
    spaced: dict[str, list[tuple[Form, str]]] = {}
    for form, rows in tables(ctx):
        if not isinstance(form, Form3) or not ctx.found(form, "standard"):
            continue
        for r in rows:
            value = r.ind.standard
            if is_blank(value) or str(value) in STANDARDS:
                continue
            if norm(clean_text(value)) in STANDARDS:
                spaced.setdefault(str(value), []).append((form, r.cell("standard")))
    for value, places in spaced.items():  # one finding per spelling for the whole workbook
        form, cell = places[0]
        sheets = list(dict.fromkeys(f.sheet for f, _ in places))
        where = f"（{len(places)} 处，{len(sheets)} 张表）" if len(places) > 1 else ""
        yield ctx.hit(
            form,
            cell,
            f"绩效标准「{value}」含多余空格{where}",
            f"改为「{norm(clean_text(value))}」",
            cells=tuple(f"{f.sheet}!{c}" for f, c in places[1:]),
        )


rule("I321", "绩效标准含多余空格", Severity.INFO, standard_spacing)


_PLACEHOLDER = re.compile(r"\*\*|＊＊|××|XX|xx|…{2,}|\.{3,}万元|\(\s*[≤≥<>]?\s*\*")


def placeholders(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标名称或指标值里还留着模板的占位符，如「(≤**万元)」「(≥**%)」「××」。

    为何要紧：占位符说明这一项是照模板填的、没有改完；打印出来很显眼，审核人会要求改正。

    示例：成本指标「项目总成本(≤**万元)」。

    修改：删去占位符，把实际的值写在指标值一栏（≤1125万元）。
    """
    for form, rows in tables(ctx):
        for r in rows:
            for column in ("name", "value"):
                text = clean_text(getattr(r.ind, column))
                if text and _PLACEHOLDER.search(text):
                    yield ctx.hit(form, r.cell(column), f"「{text}」中留着模板占位符", "删去占位符，填写实际的值")


rule("I322", "指标中留着模板占位符", Severity.WARNING, placeholders)


def deadline_value(ctx: Context) -> Iterator[Hit]:
    """问题：时效指标的指标值既不是日期或期限（2023年12月底前、≤30天），也不是及时率，而是一个不带
    单位的数字（「1」）或一个词（「及时」「按时」）；或名称是时限（「项目维持时效」「使用年限」），
    值却是百分比。

    为何要紧：「完成时限 1」是 1 年、1 个月还是 1 日？「及时」到年底无法判断是否做到。

    示例：时效指标「完成时限」=「1」；「结算款支付及时性」=「及时」。

    修改：写出期限（2023年12月底前、≤30个工作日）或及时率（≥95%）。
    """
    vague = {"及时", "按时", "按期", "准时", "及时完成", "按时完成", "按期完成"}
    for form, rows in tables(ctx):
        for r in rows:
            name = clean_text(r.ind.name)
            timed = any(w in name for w in ("时效", "时限", "期限", "年限")) and "率" not in name
            if timed and r.valued and percent(r.ind.value) is not None:
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"「{name}」是时限，指标值「{r.ind.value}」却是比率",
                    "写出期限（如 ≥5年、2023年12月底前）",
                )
                continue
            if r.level2_kind != "时效" or not r.valued:
                continue
            text = norm(clean_text(r.ind.value))
            if value_kind(r.ind.value) == "number" or text in vague:
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"时效指标「{r.ind.name}」的指标值「{r.ind.value}」没有写明时限",
                    "写出期限（如 2023年12月底前、≤30天）或及时率（≥95%）",
                )


rule("I323", "时效指标没有写明时限", Severity.WARNING, deadline_value)


def rate_at_least_full(ctx: Context) -> Iterator[Hit]:
    """问题：比率类指标写成「≥100%」「>100%」：比率不可能超过 100%，这样的目标只能理解为「=100%」。

    为何要紧：目标写得自相矛盾，审核人会要求改写；意思大致清楚，所以是警告。

    示例：时效指标「项目完成及时率」=「≥100%」。

    修改：写成「=100%」或切实可行的「≥95%」。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if not r.valued or not _is_rate(clean_text(r.ind.name)):
                continue
            q = quantity(r.ind.value)
            if q is not None and q.kind == "percent" and q.number == 100 and q.op in ("≥", ">=", ">", "＞", "不低于"):
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"「{r.ind.name}」的目标「{r.ind.value}」要求超过 100%，比率做不到",
                    "写成 =100% 或 ≥95% 等",
                )


rule("I324", "比率目标写成「≥100%」", Severity.WARNING, rate_at_least_full)


_VALUE_IN_NAME = re.compile(r"(?<![\d年.])\d+(?:\.\d+)?\s*(%|[^\d\s，。、；:：()（）]{1,3})")


def value_in_name(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标名称里带着一个数值（「……质量达标率100%」「村组干部230人」），而指标值一栏又写了
    另一个值或另一个单位。

    为何要紧：名称说的是衡量什么，值说的是目标多少；数值写在名称里，两处一改就对不上，审核人不知道
    以哪个为准。

    示例：名称「工程质量达标率100%」，指标值「>=98%」；名称「村组干部230人」，度量单位「个」。

    修改：名称只写衡量的内容（工程质量达标率），数值写在指标值一栏。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if not (r.named and r.valued):
                continue
            name = clean_text(r.ind.name)
            for m in _VALUE_IN_NAME.finditer(name):
                unit = m.group(1)
                kind = "percent" if unit == "%" else next((k for u, k in _unit_kinds(unit)), None)
                if kind not in ("percent", "count", "money", "measure"):
                    continue
                written = f"{m.group(0).strip()}"
                if same_text(written, r.ind.value):
                    break  # the same value twice: I304 territory, not a contradiction
                yield ctx.hit(
                    form,
                    r.cell("name"),
                    f"三级指标名称「{name}」里写了「{written}」，指标值却是「{r.ind.value}」",
                    "名称只写衡量的内容，数值写在指标值一栏",
                )
                break


rule("I325", "三级指标名称里写了指标值", Severity.WARNING, value_in_name)


def quality_as_count(ctx: Context) -> Iterator[Hit]:
    """问题：质量指标的指标值是一个计数（人、个、次……），而质量指标衡量的是做得好不好：合格率、
    达标率、及时率、等级或标准。

    为何要紧：「按时发放」=「≥1 人/年」读不出质量要求，审核人会要求改写成比率或等级。

    示例：质量指标「按时发放」=「≥1 人/年」。

    修改：写成比率（发放及时率 =100%）、等级（优良）或执行的标准；人数、件数放在数量指标。
    """
    for form, rows in tables(ctx):
        for r in rows:
            if r.level2_kind != "质量" or not r.valued:
                continue
            q = quantity(r.ind.value)
            if q is not None and q.kind == "count":
                yield ctx.hit(
                    form,
                    r.cell("value"),
                    f"质量指标「{r.ind.name}」的指标值「{r.ind.value}」是计数，不是质量要求",
                    "写成比率（如 合格率 ≥95%）、等级或标准；计数放在数量指标",
                )


rule("I326", "质量指标填的是人数或件数", Severity.WARNING, quality_as_count)
