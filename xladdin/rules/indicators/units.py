"""Indicator rules about units: a count carries a count unit, a rate is a percentage within
0–100 %, a value's units agree, money stays out of outputs and effects."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xladdin.layout.base import norm
from xladdin.patterns import lazy
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators.helpers import Row, all_rows, is_rate, unit_kinds
from xladdin.units import HEAD_COUNT_UNITS, count_unit_for
from xladdin.values import MONEY, clean_text, has_count_unit, quantity


def quantity_unit(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标的指标值只有数字，或带的单位不是计数或时间单位（人/个/次/项/座/件/户/天/月……）。

    为何要紧：990 是 990 什么？单位使目标可以核对；只写数字审核人会追问，但不至于退回。

    示例：「辖区内享受待遇人员数」= 990。

    修改：数字后写上单位：990人。
    """
    for r in all_rows(ctx):
        if not (r.is_quantity and r.valued):
            continue
        value = r.reading  # 「造林面积(亩)」 = 500 has its unit
        kind = r.reading_kind
        if kind == "number":
            unit = count_unit_for(clean_text(r.ind.name))
            yield r.hit(
                ctx,
                "value",
                f"数量指标「{r.ind.name}」的指标值 {r.ind.value} 没有单位",
                f"写明单位，如「{clean_text(r.ind.value)}{unit}」",
            )
        elif (
            kind in ("number_unit", "compare")
            and not has_count_unit(value)
            and not MONEY.search(clean_text(value))
            and r.percent is None
        ):
            yield r.hit(
                ctx,
                "value",
                f"数量指标「{r.ind.name}」的指标值「{r.ind.value}」没有计数单位",
                "数量指标应以人、个、次、项、座、件、户、天等计数",
            )


rule("I305", "数量指标缺少计数单位", Severity.WARNING, quantity_unit)


def rate_value(ctx: Context) -> Iterator[Hit]:
    """问题：名称是比率（……率、覆盖率、满意度）的指标，指标值不是不超过 100% 的百分比。
    「95%」「≥95%」「不低于95%」「＝100百分比」「95％」都是百分比。

    为何要紧：覆盖率 120%、满意度「高」无从衡量。

    示例：覆盖率 = 120%；满意度 = 320万元。

    修改：写成 0 到 100 之间的百分比（≥95%、100%）。
    """
    for r in all_rows(ctx):
        name = clean_text(r.ind.name)
        if not r.valued or not is_rate(name):
            continue
        kind = r.reading_kind
        if kind in ("prose", "error", "blank", "direction"):
            continue  # I304 / I317 report these
        p = r.percent  # 「覆盖率(%)」 = 95 is a percentage
        if p is None and isinstance(r.ind.value, int | float) and 0 <= r.ind.value <= 1:
            continue  # a number cell formatted as a percentage (1 = 100%)
        if p is None and deadline_for_rate(r):
            continue  # I385: a timeliness rate given its deadline (「检测及时率 ≤7工作日」)
        if p is None:
            yield r.hit(
                ctx,
                "value",
                f"「{name}」的指标值「{r.ind.value}」不是百分比",
                "写成百分比，如 ≥95%",
                root=f"unit:{r.value_at}",
            )
        elif p > 100 or p < 0:
            yield r.hit(ctx, "value", f"「{name}」的指标值 {r.ind.value} 超出 0–100%", "比率不能超过 100%")


rule("I306", "比率类指标值不是 0–100% 的百分比", Severity.ERROR, rate_value)


def money_as_output(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标或社会、生态等效益指标的指标值是一笔金额（经济效益指标除外：增加的收入本来就是
    金额）。

    为何要紧：花掉的钱是投入，不是产出，也不是效果；审核人要看的是这笔钱换来了什么（服务多少人、
    维护多少处）或达到了什么效果。

    示例：数量指标「发放资金」=「320万元」。

    修改：写出产出（112人）或效果；金额放在成本指标。
    """
    for r in all_rows(ctx):
        economic = "经济" in norm(r.ind.level2)  # income raised is an economic effect, in money
        if (
            r.valued
            and (r.is_quantity or (r.category == "benefit" and not economic))
            and MONEY.search(clean_text(r.ind.value))
        ):
            yield r.hit(
                ctx,
                "value",
                f"「{r.ind.name}」的指标值「{r.ind.value}」是金额",
                "金额属于投入，可放在成本指标；此处填写产出或效果",
                root=f"money:{r.value_at}",
            )


rule("I307", "数量或效益指标填的是金额", Severity.WARNING, money_as_output)


def unit_contradiction(ctx: Context) -> Iterator[Hit]:
    """问题：指标值自带的单位与计量单位（或同一格里的另一个单位）类别不同，例如金额配百分号。

    为何要紧：「28.8万元」配计量单位「%」，读作 28.8万元% 毫无意义；审核人无法知道目标到底是金额
    还是比率，会退回。

    示例：指标值「28.8万元」，计量单位「%」。

    修改：保留一个正确的单位：金额写在成本指标里（28.8万元），比率写百分比。
    """
    for r in all_rows(ctx):
        if not r.valued or isinstance(r.ind.value, bool):
            continue
        text = clean_text(r.ind.value)
        unit = clean_text(r.ind.unit)
        if unit and text.endswith(unit) and len(text) > len(unit):
            own = text[: -len(unit)]  # the value as written in its own column
        else:
            own, unit = text, ""
        q = quantity(own)
        found = unit_kinds(q.unit) if q is not None else []
        if unit:
            found += unit_kinds(unit)
        kinds = {k for _, k in found}
        if len(kinds) > 1:
            units = "、".join(f"「{u}」" for u, _ in found)
            where = f"，计量单位为「{r.ind.unit}」" if unit else ""
            yield r.hit(
                ctx,
                "value",
                f"「{r.ind.name}」的指标值「{own}」{where}：单位 {units} 互相矛盾",
                "只保留一个正确的单位",
                root=f"unit:{r.value_at}",
            )


rule("I318", "计量单位与指标值矛盾", Severity.ERROR, unit_contradiction)


def rate_at_least_full(ctx: Context) -> Iterator[Hit]:
    """问题：比率类指标写成「≥100%」「>100%」：比率不可能超过 100%，这样的目标只能理解为「=100%」。

    为何要紧：目标写得自相矛盾，审核人会要求改写；意思大致清楚，所以是警告。

    示例：时效指标「项目完成及时率」=「≥100%」。

    修改：写成「=100%」或切实可行的「≥95%」。
    """
    for r in all_rows(ctx):
        if not r.valued or not is_rate(clean_text(r.ind.name)):
            continue
        q = r.quantity
        if q is not None and q.kind == "percent" and q.number == 100 and q.op in ("≥", ">=", ">", "＞", "不低于"):
            yield r.hit(
                ctx,
                "value",
                f"「{r.ind.name}」的目标「{r.ind.value}」要求超过 100%，比率做不到",
                "写成 =100% 或 ≥95% 等",
            )


rule("I324", "比率目标写成「≥100%」", Severity.WARNING, rate_at_least_full)


def quality_as_count(ctx: Context) -> Iterator[Hit]:
    """问题：质量指标的指标值是一个计数（人、个、次……），而质量指标衡量的是做得好不好：合格率、
    达标率、及时率、等级或标准。

    为何要紧：「按时发放」=「≥1 人/年」读不出质量要求，审核人会要求改写成比率或等级。

    示例：质量指标「按时发放」=「≥1 人/年」。

    修改：写成比率（发放及时率 =100%）、等级（优良）或执行的标准；人数、件数放在数量指标。
    """
    for r in all_rows(ctx):
        if r.level2_kind != "质量" or not r.valued:
            continue
        q = r.quantity
        if q is not None and q.kind == "count":
            yield r.hit(
                ctx,
                "value",
                f"质量指标「{r.ind.name}」的指标值「{r.ind.value}」是计数，不是质量要求",
                "写成比率（如 合格率 ≥95%）、等级或标准；计数放在数量指标",
            )


rule("I326", "质量指标填的是人数或件数", Severity.WARNING, quality_as_count)


def head_count_rate_unit(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标数的是人（户、家），单位却写成比率「人/次」「人/年」「户/次」。

    为何要紧：「500人/次」读作每次 500 人，还是 500 人次？人数和人次是两个不同的量，审核人核对时
    对不上口径。

    示例：数量指标「培训人数」=「500人/次」。

    修改：写成人数「500人」，或人次「500人次」。
    """
    for r in all_rows(ctx):
        if not (r.is_quantity and r.valued):
            continue
        q = r.quantity
        if q is None or "/" not in q.unit:
            continue
        head, _, per = q.unit.partition("/")
        if head in HEAD_COUNT_UNITS and per and per[0] in "次年月天日期批":
            yield r.hit(
                ctx,
                "value",
                f"数量指标「{r.ind.name}」的指标值「{r.ind.value}」单位是比率「{q.unit}」，不是人数",
                f"写成人数「{q.op}{q.number.normalize():f}{head}」或人次「{q.op}{q.number.normalize():f}{head}次」",
                root=f"unit:{r.value_at}",
            )


rule("I328", "人数的单位写成了「人/次」", Severity.WARNING, head_count_rate_unit)


def yes_no_with_rate(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标是一个是非问句（「是否按时足额发放」「有无安全事故」），指标值却是百分比。

    为何要紧：是非问句的答案是「是」或「否」；「是否按时足额发放 ≥95%」读不出要求是什么，审核人会要求
    改写。

    示例：「是否按时足额发放」=「≥95%」（重庆 潼南 2023）。

    修改：写成比率（「按时足额发放率」=100%），或保留问句、指标值写「是」。
    """
    for r in all_rows(ctx):
        name = clean_text(r.ind.name)
        if r.valued and ("是否" in name or "有无" in name) and r.percent is not None:
            yield r.hit(
                ctx,
                "value",
                f"「{name}」是是非问句，指标值却是「{r.ind.value}」",
                f"写成比率（如「{name.replace('是否', '').replace('有无', '')}率」=100%），或指标值写「是」/「否」",
                root=f"unit:{r.value_at}",
            )


rule("I339", "是非问句指标填了百分比", Severity.WARNING, yes_no_with_rate)

#: Words of a name that counts time (a time unit is then its right unit).
_TIME_NAME = lazy(r"天|日|月|年|季|周|时|期|工期|时长|时间|次数|频次|轮")


def count_in_time_unit(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标数的是东西（横幅、宣传牌、设备），计量单位却是时间单位（年、月、天）。

    为何要紧：「制作宣传横幅、公益宣传牌等 =1年」读不出要制作多少条、多少块；年底无法核对做了多少。

    示例：数量指标「制作宣传横幅、公益宣传牌等(年)」=1，度量单位「年」。

    修改：写成件数，如「制作宣传横幅、公益宣传牌」≥20条（块）；时间要求放在时效指标。
    """
    alias = re.compile(r"[(（][^)）]*[)）]")
    for r in all_rows(ctx):
        if not (r.is_quantity and r.named and r.valued):
            continue
        q = r.quantity
        if q is None or q.kind != "time":
            continue
        name = alias.sub("", clean_text(r.ind.name))  # 「…(年)」: the unit repeated in the name
        if _TIME_NAME.search(name):
            continue
        yield r.hit(
            ctx,
            "value",
            f"数量指标「{name}」的单位是「{q.unit}」：数的是东西，应写多少条、块、个",
            "写成件数（条、块、个、台）；时间要求放在时效指标",
        )


rule("I344", "数量指标用时间单位数东西", Severity.WARNING, count_in_time_unit)

#: Names where a lower count is the target (complaints, accidents, costs…): 「≤」 is right there.
_FEWER_IS_BETTER = lazy(
    r"投诉|事故|差错|违规|违纪|纠纷|上访|案件|隐患|死亡|伤亡|污染|排放|超标|成本|费用|天数|时长|用时"
)


def count_at_most(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标（服务的人数、完成的件数）写成「≤」或「<」：产出越少越好，目标成了上限。

    为何要紧：产出数量是要完成的工作量，应写「≥」或「=」；「小学就读人数 ≤6962人」读来像是人数越少
    越达标，年底无法据此评价完成了多少。

    示例：数量指标「小学就读人数」=「<=6962人」。

    修改：写成「≥6962人」或「=6962人」；要控制上限的（投诉、事故、成本）放在对应指标中。
    """
    for r in all_rows(ctx):
        if not (r.is_quantity and r.named and r.valued):
            continue
        q = r.quantity
        if q is None or q.op not in ("≤", "<=", "<", "＜") or not has_count_unit(r.reading):
            continue
        name = clean_text(r.ind.name)
        if _FEWER_IS_BETTER.search(name):
            continue
        yield r.hit(
            ctx,
            "value",
            f"数量指标「{name}」写成「{r.ind.value}」：产出数量是要完成的量，不是上限",
            f"写成「≥{q.number.normalize():f}{q.unit}」或「={q.number.normalize():f}{q.unit}」",
            root=r.value_root,
        )


rule("I345", "数量指标写成了上限", Severity.WARNING, count_at_most)


#: A rate that measures timeliness: a deadline given in its place says the same thing in other words.
_TIMELY = lazy(r"及时|按时|准时|按期|如期|时效|时限|期限|周期|时长|时间")


def deadline_for_rate(r: Row) -> bool:
    """A timeliness rate (及时率, under 时效) whose value is a duration or a date (≤7工作日, 12月底前)."""
    if not (_TIMELY.search(clean_text(r.ind.name)) or r.level2_kind == "时效"):
        return False
    q = r.quantity
    return (q is not None and q.kind == "time") or r.reading_kind == "date"


def rate_given_deadline(ctx: Context) -> Iterator[Hit]:
    """问题：名称是及时率（或时效指标下的……率），指标值却是期限或天数（「检测及时率」=「≤7工作日」）。

    为何要紧：名称说的是比率，值说的是时限，两者口径不一致；年底核对时按哪个算说不清。意思大致清楚
    （7 个工作日内完成），所以是警告，不是退回的理由。

    示例：时效指标「检测及时率」=「≤7工作日」。

    修改：名称改为时限（「检测时限」≤7个工作日），或值改为及时率（「检测及时率」≥95%）。
    """
    for r in all_rows(ctx):
        name = clean_text(r.ind.name)
        if r.valued and is_rate(name) and "满意" not in name and deadline_for_rate(r):
            yield r.hit(
                ctx,
                "value",
                f"「{name}」是比率，指标值「{r.ind.value}」却是期限：名称与值的口径不一致",
                f"名称改为时限（如「{name.removesuffix('率')}时限」{clean_text(r.ind.value)}），"
                "或值写成及时率（如 ≥95%）",
            )


rule("I385", "及时率填的是期限", Severity.WARNING, rate_given_deadline)


#: A quantity counted in batches: 「1批」「一批」「若干批」 (河南濮阳 2021 「施工材料 │ 1批」).
_BATCH = lazy(r"^(?:[≥≧>=＞]|大于等于|不少于)?\s*(?:\d+(?:\.\d+)?|[一二两三几若干]+)\s*批$")


def batch_quantity(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标的指标值以「批」计（「施工材料」=「1批」）。

    为何要紧：一批有多少、是什么，年底无法核对；「批」说的是一次交付，不是完成的产出。材料、物资本身
    往往也不是产出，审核人会要求写出可清点的数量。

    示例：数量指标「施工材料」=「1批」。

    修改：写出可清点的数量和单位（如「消防管道 120米」「灭火器 30具」），或删去材料行，只保留完成的工作。
    """
    for r in all_rows(ctx):
        if r.is_quantity and r.valued and _BATCH.match(clean_text(r.ind.value).replace(" ", "")):
            yield r.hit(
                ctx,
                "value",
                f"数量指标「{clean_text(r.ind.name)}」的指标值「{clean_text(r.ind.value)}」以「批」计，一批有多少无法核对",
                "写出可清点的数量和单位（如 120米、30具），材料不是产出的删去该行",
            )


rule("I394", "数量指标以「批」计", Severity.WARNING, batch_quantity)
