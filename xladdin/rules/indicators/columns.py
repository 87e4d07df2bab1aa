"""Indicator rules that need a column only some forms print (权重/分值, 计算公式, 中期 values,
上年指标值): each runs where the form has that column and is skipped elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from xladdin.history import reason_of
from xladdin.layout.base import norm
from xladdin.layout.vocabulary import header_key
from xladdin.model import Form, Form3
from xladdin.patterns import lazy
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators.helpers import Row, all_rows, cut_short, has_column, is_rate, tables
from xladdin.values import clean_text, is_blank, quantity, same_text, value_text

#: What the weights of one table add up to: 100, or 90 where 预算执行率 takes the other 10 points
#: outside the table (四川: 「权重合计 90 分」).
WEIGHT_TOTALS = (Decimal(100), Decimal(90))


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or is_blank(value):  # type: ignore[arg-type]
        return None
    try:
        return Decimal(value_text(value).rstrip("%分").strip())  # type: ignore[arg-type]
    except InvalidOperation:
        return None


def weights_total(ctx: Context) -> Iterator[Hit]:
    """问题：指标表有权重（分值）一列，各指标的权重加起来不是 100（四川等表式把预算执行率的 10 分放在
    表外，合计 90 也对）。只在表中有权重列时检查。

    为何要紧：权重决定年底评价时每个指标占多少分；合计不对，评分就算不出来，审核人会要求改正。

    示例：八个指标的权重合计 95。

    修改：调整各指标的权重，使合计为 100（或表外另有预算执行率 10 分时为 90）。
    """
    for form, rows in tables(ctx):
        if not has_column(form, "weight") or cut_short(ctx, form, rows):
            continue  # no 权重 column, or a table that may be cut short (S007): its total says nothing
        weighted = [(r, n) for r in rows if (n := _number(r.ind.weight)) is not None]
        if not weighted:
            continue
        total = sum((n for _, n in weighted), Decimal(0))
        if total not in WEIGHT_TOTALS:
            first = weighted[0][0]
            yield first.hit(
                ctx,
                "weight" if first.cell("weight") else "value",
                f"各指标权重合计 {total.normalize():f}，不是 100",
                "调整权重使合计为 100（表外另有预算执行率 10 分时为 90）",
            )


rule("I334", "指标权重合计不是 100", Severity.WARNING, weights_total)


def rate_without_formula(ctx: Context) -> Iterator[Hit]:
    """问题：表中有「计算公式」一列，比率类指标（……率）却没有填计算公式。只在表中有这一列时检查。

    为何要紧：比率要说明分子和分母（「发放及时率 = 按时发放人数 ÷ 应发放人数 × 100%」），否则年底
    各算各的，目标无法核对。

    示例：「验收合格率」≥95%，计算公式一栏空白。

    修改：写出计算公式，如「合格率 = 验收合格项目数 ÷ 验收项目总数 × 100%」。
    """
    for form, rows in tables(ctx):
        if not has_column(form, "formula"):
            continue
        for r in rows:
            name = clean_text(r.ind.name)
            if r.named and r.valued and "率" in name and is_rate(name) and is_blank(r.ind.formula):
                yield r.hit(
                    ctx,
                    "formula" if r.cell("formula") else "value",
                    f"比率指标「{name}」没有填写计算公式",
                    f"写出分子和分母，如「{name} = 完成数 ÷ 应完成数 × 100%」",
                )


rule("I335", "比率指标缺少计算公式", Severity.WARNING, rate_without_formula)

_MIDTERM = lazy(r"中期|实施期|长期|总体|滚动")
_ONE_YEAR = lazy(r"^\D*(\d{4})\s*年度?\D*$")


def _midterm_value(r: Row) -> object:
    return next((v for k, v in r.ind.extra.items() if _MIDTERM.search(str(k))), None)


def annual_copies_midterm(ctx: Context) -> Iterator[Hit]:
    """问题：中期（实施期）指标与年度指标并列的表中，年度指标的值逐字照抄中期指标。只在表中有中期
    一列时检查；实施期只有一年的项目两者相同是正常的，不报。

    为何要紧：中期指标说明几年内要做成什么，年度指标说明今年做到哪一步；两者一字不差，说明年度目标
    没有分解，审核人会要求改写。

    示例：中期指标「完成结算项目数 3个」，年度指标也是「3个」，而项目实施期为 2019—2021 年。

    修改：把中期目标按年度分解，年度指标写今年要完成的部分。
    """
    for form, rows in tables(ctx):
        period = clean_text(getattr(form, "period", None))
        if isinstance(form, Form3) and period and _ONE_YEAR.match(period):
            continue  # a one-year project: the same targets are right
        paired = [(r, m) for r in rows if r.valued and not is_blank(m := _midterm_value(r))]
        if len(paired) >= 2 and all(same_text(r.ind.value, m) for r, m in paired):
            first = paired[0][0]
            annual = [f"{form.sheet}!{r.cell('value')}" for r, _ in paired if r.cell("value")]
            midterm = _midterm_cells(ctx, form, [r for r, _ in paired])
            missed = _goal_numbers_missed(getattr(form, "period_goal", None), [m for _, m in paired])
            held = _goal_numbers_held(getattr(form, "annual_goal", None), [m for _, m in paired])
            if missed and held and midterm:  # the values say the year's goal, not the 中期 one: 中期 is the copy
                yield ctx.hit(
                    form,
                    midterm[0].split("!")[-1],
                    f"中期指标的 {len(paired)} 个指标值与年度指标逐字相同，没有反映实施期目标"
                    f"（目标中的 {'、'.join(missed)} 在中期指标里都找不到）",
                    "按实施期目标写中期指标（整个实施期要完成的数量、质量和效果）",
                    cells=tuple(midterm[1:] + annual),
                )
                continue
            yield ctx.hit(
                form,
                first.cell("value"),
                f"年度指标的 {len(paired)} 个指标值与中期指标逐字相同，没有按年度分解",
                "把中期目标按年度分解，年度指标写今年要完成的部分",
                cells=tuple(annual[1:] + midterm),
            )


_GOAL_NUMBER = lazy(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def _goal_numbers_missed(goal: object, values: list[object]) -> list[str]:
    """The numbers of a 实施期 goal (years aside) that no 中期 value holds; [] when the goal has none,
    or any of them is found."""
    numbers = [n for n in _GOAL_NUMBER.findall(clean_text(goal)) if not re.fullmatch(r"(?:19|20)\d\d", n)]
    held = {n for v in values for n in _GOAL_NUMBER.findall(clean_text(v))}
    return [] if not numbers or any(n in held for n in numbers) else list(dict.fromkeys(numbers))


def _goal_numbers_held(goal: object, values: list[object]) -> bool:
    """Whether some number of the year's goal (years aside) stands in the values (东莞: 「3个项目」)."""
    numbers = [n for n in _GOAL_NUMBER.findall(clean_text(goal)) if not re.fullmatch(r"(?:19|20)\d\d", n)]
    held = {n for v in values for n in _GOAL_NUMBER.findall(clean_text(v))}
    return any(n in held for n in numbers)


def _midterm_cells(ctx: Context, form: Form, rows: list[Row]) -> list[str]:
    """The 中期 value cells of ``rows`` (the same root cause, shown on both sides)."""
    fmap = ctx.map_of(form)
    table = fmap.tables.get("indicators") if fmap else None
    sheet_rows = form.place.rows.get("indicators", [])
    if table is None:
        return []
    cols = [c.col for c in table.columns if c.key == "extra" and _MIDTERM.search(c.period + c.header)]
    cols = [c for c in cols if header_key(next(x.header for x in table.columns if x.col == c)) == "value"]
    return [f"{form.sheet}!{c}{sheet_rows[r.index]}" for c in cols[:1] for r in rows if r.index < len(sheet_rows)]


rule("I336", "年度指标照抄中期指标", Severity.WARNING, annual_copies_midterm)

#: Names where a lower value is better (a ceiling, not a target to reach).
_LOWER_IS_BETTER = lazy(r"投诉|事故|差错|误差|失误|违规|成本|费用|单价|标准|时间|时限|天数|周期|发生率|下降|降低|减少")


def _reason(r: Row) -> bool:
    return not is_blank(reason_of(r.ind))


def lower_than_last_year(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标或比率指标的目标值比上年的同一指标低（上年指标值见「上年指标值」表，由「转入下一
    年度」保留），旁边没有写明理由（指标值设定依据、指标解释、备注，或「上年指标值」表的「下调原因」）。

    为何要紧：适当性——目标一般不应低于上年已经达到的水平；目标下调要有理由（对象减少、政策调整），
    否则审核人会认为目标定得保守。

    示例：上年「辖区内享受待遇人员数」112人，今年 100人，没有说明。

    修改：核对目标值；确需下调的，在「上年指标值」表的「下调原因」（或指标值设定依据）中写明理由。
    """
    for r in all_rows(ctx):
        if is_blank(r.ind.prior) or not (r.named and r.valued) or r.category == "cost":
            continue
        name = clean_text(r.ind.name)
        if not (r.is_quantity or is_rate(name)) or _LOWER_IS_BETTER.search(name) or _reason(r):
            continue
        now, before = r.quantity, quantity(r.ind.prior)
        if now is None or before is None or now.op in ("≤", "<=", "<", "＜", "不高于", "不超过", "小于"):
            continue
        if now.unit and before.unit and norm(now.unit) != norm(before.unit) and now.kind != before.kind:
            continue  # 人 against %: not the same measure
        if now.number < before.number:
            yield r.hit(
                ctx,
                "value",
                f"「{name}」的目标值「{r.ind.value}」低于上年的「{r.ind.prior}」，没有写明理由",
                "核对目标值；确需下调的，在「上年指标值」表的「下调原因」中写明理由",
            )


rule("I338", "目标值低于上年", Severity.WARNING, lower_than_last_year)


def prior_column_blank(ctx: Context) -> Iterator[Hit]:
    """问题：表中印有往年实际值一栏（「2021年实际实现值」「上年完成值」），每个指标的这一栏都空着。
    只在表中有这一栏时检查；一张表只报一次。

    为何要紧：持续性项目的批复要对比往年已经达到的水平，才能看出目标定得是否合适；整栏空着，审核人
    无从比较。新增项目没有往年数据的，写「新增项目」或「无」即可。

    示例：湖北黄石 2022 批复表「2021年实际实现值」一栏十三个指标全部空着。

    修改：填写各指标往年的实际完成值；新增项目在这一栏注明「新增项目」。
    """
    for form, rows in tables(ctx):
        if "prior" not in form.place.columns.get("indicators", {}):
            continue
        named = [r for r in rows if r.named and r.valued]
        if len(named) < 3 or any(not is_blank(r.ind.prior) for r in rows):
            continue
        fmap = ctx.map_of(form)
        table = fmap.tables.get("indicators") if fmap else None
        heads = [c.header for c in table.columns if c.key == "prior" and c.header] if table else []
        head = heads[0] if heads else "上年指标值"
        yield named[0].hit(
            ctx,
            "prior",
            f"「{head}」一栏 {len(named)} 个指标全部空着：无从对比往年水平",
            "填写各指标往年的实际完成值；新增项目在这一栏注明「新增项目」",
            root=f"prior-blank:{form.sheet}",
        )


rule("I390", "往年实际值一栏全部空着", Severity.WARNING, prior_column_blank)


def _grade_columns(ctx: Context, form: Form) -> list[tuple[str, str, str]]:
    """(grade, column letter, ``Indicator.extra`` key or "" for the value) of a table printing one value
    column per grade (河北邯郸 优 | 良 | 中 | 差), best first; [] for any other table."""
    fmap = ctx.map_of(form)
    table = fmap.tables.get("indicators") if fmap else None
    if table is None:
        return []
    best = next((c for c in table.columns if c.key == "value" and c.cue == "grade"), None)
    if best is None:
        return []
    out = [(best.header.split("·")[-1], best.col, "")]
    out += [(c.header, c.col, c.header) for c in table.columns if c.key == "extra" and c.cue == "sub"]
    return out


def grades_overlap(ctx: Context) -> Iterator[Hit]:
    """问题：按等级分列的指标表（优 | 良 | 中 | 差 各一列标准）里，相邻两个等级的标准写成了同一个值，
    例如「中」与「差」都是 85%。一对等级只报一次，列出所有这样写的指标。

    为何要紧：等级标准用来年底评定完成得好坏；两个等级的标准相同，达到 85% 既是「中」又是「差」，
    评价时无法区分，审核人会要求重新划分。

    示例：救助覆盖率 优 100%、良 90%、中 85%、差 85%。

    修改：让每个等级有自己的区间，如 中 ≥80%、差 <80%。
    """
    for form, rows in tables(ctx):
        grades = _grade_columns(ctx, form)
        sheet_rows = form.place.rows.get("indicators", [])
        for (upper, col_a, key_a), (lower, col_b, key_b) in pairwise(grades):
            same = []
            for r in rows:
                a = r.ind.value if not key_a else r.ind.extra.get(key_a)
                b = r.ind.value if not key_b else r.ind.extra.get(key_b)
                if not is_blank(a) and not is_blank(b) and same_text(a, b) and r.index < len(sheet_rows):
                    same.append((r, sheet_rows[r.index], a))
            if not same:
                continue
            _, row, value = same[0]
            names = "、".join(f"「{clean_text(r.ind.name)}」" for r, _, _ in same[:3]) + ("等" if len(same) > 3 else "")
            yield ctx.hit(
                form,
                f"{col_a}{row}",
                f"{names}的「{upper}」与「{lower}」两级标准相同（如 {clean_text(value)}），等级无法区分",
                f"为「{upper}」「{lower}」各定一个区间（如 {upper} ≥某值、{lower} <某值）",
                cells=tuple(f"{form.sheet}!{c}{n}" for _, n, _ in same for c in (col_a, col_b)),
            )


rule("I346", "等级标准相同，等级无法区分", Severity.WARNING, grades_overlap)


def period_block_unnamed(ctx: Context) -> Iterator[Hit]:
    """问题：表上印有一块长期（中期、实施期）绩效指标，却没有填写任何具体指标：指标名称（三级指标、
    指标内容）一栏全空，只有光秃秃的数字，或整块空白。只在表头认得出指标名称一栏时检查。

    为何要紧：实施期指标说明几年内要做成什么；没有指标名称，「88」是 88 什么无从知道，实施期目标
    无法考核，审核人会退回。

    示例：「长期绩效指标」下数量指标、质量指标……各行的指标内容都空着，指标值写 88、68、20。

    修改：在每个二级指标下写出具体指标和带单位的指标值，如「改造集镇立面 ≥12000平方米」。
    """
    for form in ctx.submission.form3s:
        fmap = ctx.map_of(form)
        table = fmap.tables.get("period_indicators") if fmap else None
        if table is None or not form.sheet:
            continue
        name = next((c for c in table.columns if c.key == "name"), None)
        if name is None or not name.sure or any(not is_blank(i.name) for i in form.period_indicators):
            continue
        valued = [i for i in form.period_indicators if not is_blank(i.value)]
        row = table.rows[0] if table.rows else table.header_row + 1
        what = f"只有 {len(valued)} 个没有名称的指标值" if valued else "整块空白"
        yield ctx.hit(
            form,
            f"{name.col}{row}",
            f"实施期（长期）绩效指标没有填写任何具体指标：指标名称全空，{what}",
            "在每个二级指标下写出具体指标和带单位的指标值",
            cells=tuple(f"{form.sheet}!{name.col}{r}" for r in table.rows[1:]),
        )


rule("I347", "实施期（长期）绩效指标没有任何具体指标", Severity.ERROR, period_block_unnamed)


#: The standard options of a 指标值设定依据 column (计划标准 …): the same option on every row is right.
_STANDARD_BASIS = lazy(r"^(?:(?:计划|行业|历史|其他|预算支出|国家|地方|相关)(?:标准)?|参考|依据|[、,，/和及或\s])+$")
#: Shorter than this, a repeated text is a short category word, not a copied explanation.
_COPIED_MIN = 6


def _reason_columns(ctx: Context, form: Form) -> list[tuple[str, str]]:
    """(column key, header) of the indicator table's explanation and 设定依据 columns."""
    fmap = ctx.map_of(form)
    table = fmap.tables.get("indicators") if fmap else None
    if table is None:
        return [("explanation", "指标解释")] if not form.sheet else []
    return [(c.key, c.header or c.key) for c in table.columns if c.key in ("explanation", "basis")]


def explanation_copied(ctx: Context) -> Iterator[Hit]:
    """问题：指标解释（指标值说明）或指标值设定依据一列，不同指标的行写着一字不差的同一句话（「该指标值
    数据合理」「按临时救助标准评价」）：说明是逐行照抄的，说不出各自指标值的来由。只对 6 字以上的说明
    检查；「计划标准」「历史标准」这类标准选项各行相同是正常的。

    为何要紧：这一列要说明每个指标值从哪里来、为什么定这个数；同一句套话放在每一行，等于没有说明，照抄
    上一行还可能与本行指标不符（低保指标写「按临时救助标准评价」），审核人会要求逐条写明。

    示例：13 个指标的「指标值说明」都是「该指标值数据合理」。

    修改：逐条写明依据：人数来自花名册、面积来自规划、比率来自文件要求或上年实际。
    """
    for form, rows in tables(ctx):
        for key, header in _reason_columns(ctx, form):
            first: dict[str, Row] = {}
            copies: dict[str, list[Row]] = {}
            said: dict[str, str] = {}
            for r in rows:
                text = clean_text(r.ind.explanation if key == "explanation" else r.ind.extra.get(header))
                bare = norm(text)
                if len(bare) < _COPIED_MIN or _STANDARD_BASIS.match(bare) or not r.cell(key):
                    continue
                if bare not in first:
                    first[bare], said[bare] = r, text
                elif norm(clean_text(r.ind.name)) != norm(clean_text(first[bare].ind.name)):
                    copies.setdefault(bare, []).append(r)
            for bare, rows_copied in copies.items():
                origin, lead = first[bare], rows_copied[0]
                count = len(rows_copied) + 1
                yield ctx.hit(
                    form,
                    lead.cell(key),
                    f"「{header}」{count} 行写着同一句「{said[bare]}」"
                    f"（首见 {origin.cell(key)}「{clean_text(origin.ind.name)}」）：逐行照抄，没有说明本行指标值的依据",
                    "逐条写明各指标值的来由（文件要求、上年实际、测算过程）",
                    cells=tuple(f"{form.sheet}!{r.cell(key)}" for r in rows_copied[1:]),
                )


rule("I355", "指标解释或设定依据逐行照抄", Severity.WARNING, explanation_copied, needs=("name",))


def explanation_repeats_name(ctx: Context) -> Iterator[Hit]:
    """问题：指标解释（绩效指标描述、指标说明）一列每行都只照抄本行的三级指标名称（「维修面积 │ 维修面积」），
    没有说明指标的口径或计算方法。三行以上、填了的每一行都是如此才提示，一次列出全部行。

    为何要紧：这一列要说明指标量什么、怎么算（「验收合格率 = 验收合格的维修项目数 ÷ 维修项目总数」）；
    重复名称等于没有填，年底无法按同一口径核对。

    示例：「绩效指标描述」一列写着「维修面积」「验收合格率」「资金支付及时率」，与三级指标一字不差。

    修改：逐条写明口径和算法，如「维修面积：本年完成维修的玻璃幕墙面积，以验收单为准」。
    """
    for form, rows in tables(ctx):
        if not any(key == "explanation" for key, _ in _reason_columns(ctx, form)):
            continue
        header = dict(_reason_columns(ctx, form)).get("explanation", "指标解释")
        filled = [r for r in rows if r.named and not is_blank(r.ind.explanation) and r.cell("explanation")]
        same = [r for r in filled if norm(clean_text(r.ind.explanation)) == norm(clean_text(r.ind.name))]
        if len(same) >= 3 and len(same) == len(filled):
            yield ctx.hit(
                form,
                same[0].cell("explanation"),
                f"「{header}」{len(same)} 行都只重复本行的三级指标名称（如「{clean_text(same[0].ind.name)}」），"
                "没有说明指标口径或计算方法",
                "逐条写明指标量什么、怎么算（分子、分母、数据来源）",
                cells=tuple(f"{form.sheet}!{r.cell('explanation')}" for r in same[1:]),
            )


rule("I393", "指标解释只重复三级指标名称", Severity.WARNING, explanation_repeats_name, needs=("name",))


#: What a value typed 定性 should not be: a number, a rate or a comparison a reviewer reads as 定量.
_QUANTITATIVE = frozenset({"number", "number_unit", "percent", "compare"})


def qualitative_typed_number(ctx: Context) -> Iterator[Hit]:
    """问题：表中有「指标值类型」（或「指标性质」）一列，某行标为「定性」，指标值却是数值目标（「95%以上」
    「≥90%」「168人」）。只在表中印有这一列、且该行写了「定性」时检查。

    为何要紧：定性指标年底按等级（好、较好、一般）评价，定量指标按数值核对；类型与指标值不符，
    评价时不知道按哪种口径打分，审核人会要求改正其一。

    示例：满意度指标「学生对学校伙食的满意度」指标值「95%以上」，指标值类型「定性」。

    修改：指标值是数值的，把类型改为「定量」；确属定性的，把指标值改为等级（如「好」「较好」）。
    """
    for r in all_rows(ctx):
        if r.ind.value_type == "定性" and r.valued and r.kind in _QUANTITATIVE:
            at = f"（{r.cell('direction')}）" if clean_text(r.ind.operator).startswith("定性") else ""
            yield r.hit(
                ctx,
                "value",
                f"「{clean_text(r.ind.name)}」的指标值「{clean_text(r.ind.value)}」是数值目标，指标值类型却标为「定性」{at}",
                "数值目标把类型改为「定量」；确属定性的，指标值写等级",
            )


rule("I397", "数值目标标为定性", Severity.WARNING, qualitative_typed_number)
