"""Indicator rules that need a column only some forms print (权重/分值, 计算公式, 中期 values,
上年指标值): each runs where the form has that column and is skipped elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from xladdin.history import reason_of
from xladdin.layout.base import norm
from xladdin.model import Form3
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
_ONE_YEAR = re.compile(r"^\D*(\d{4})\s*年度?\D*$")


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
            yield ctx.hit(
                form,
                first.cell("value"),
                f"年度指标的 {len(paired)} 个指标值与中期指标逐字相同，没有按年度分解",
                "把中期目标按年度分解，年度指标写今年要完成的部分",
                cells=tuple(f"{form.sheet}!{r.cell('value')}" for r, _ in paired[1:] if r.cell("value")),
            )


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
        now, before = quantity(r.reading), quantity(r.ind.prior)
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
