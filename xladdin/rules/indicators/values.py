"""Indicator rules about the 指标值 itself: there is one, it is a value (not prose or a direction
word), and what it promises can be checked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xladdin.layout.base import norm
from xladdin.patterns import LazyPattern, lazy
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators.helpers import (
    Row,
    all_rows,
    answers_name,
    bare_no,
    bare_yes,
    cells_text,
    head_counts,
    is_rate,
    names_described,
    phrase_root,
    tables,
)
from xladdin.units import ALL_UNITS
from xladdin.values import clean_text, percent, quantity, same_text


def name_without_value(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标写了名称，但指标值为空。

    为何要紧：细化量化——没有指标值的指标到年底无法衡量和评价。

    示例：数量指标「奖励进疆进藏的入伍战士。」没有指标值，而测算依据写明 16人。

    修改：填写带单位的指标值（16人、100%、2023年度）；测算依据写明人数时，提示会给出该数。
    """
    for form, rows in tables(ctx):
        counts = head_counts(form, ctx)
        for r in rows:
            if r.named and not r.valued:
                fix = "填写指标值及单位（如 16人、≥95%、2023年度）"
                if r.is_quantity and counts:
                    fix = f"测算依据写明 {counts[0]}，数量指标可填 {counts[0]}"
                yield r.hit(ctx, "value", f"三级指标「{r.ind.name}」没有填写指标值", fix)


rule("I302", "三级指标缺少指标值", Severity.ERROR, name_without_value)


def value_without_name(ctx: Context) -> Iterator[Hit]:
    """问题：填了指标值，但三级指标名称为空。

    为何要紧：只有数值，说不清衡量的是什么。

    示例：质量指标一行填了「100%」，没有指标名称。

    修改：写出指标名称（覆盖率、合格率……），或清除该指标值。
    """
    for r in all_rows(ctx):
        if r.valued and not r.named:
            yield r.hit(
                ctx, "name", f"指标值「{r.ind.value}」没有对应的三级指标名称", "填写三级指标名称，或清除该指标值"
            )


rule("I303", "指标值缺少三级指标名称", Severity.ERROR, value_without_name)


def prose_value(ctx: Context) -> Iterator[Hit]:
    """问题：指标值是一句话（常常是照抄某个指标名称），而不是可衡量的值。同一句话粘贴在几个单元格
    里时只报一次，列出所有单元格；只有单位没有数值（「公里」「≧ %」，模板的单位留着、数没填）是各行
    自己漏填，每行各报一次。

    为何要紧：细化量化——「辖区内享受待遇人员的获得感、幸福感」到年底无法核对；审核人会以「未量化」
    退回。

    示例：社会效益指标「辖区内享受待遇人员的获得感、幸福感」的指标值也是「辖区内享受待遇人员的获得
    感、幸福感」。

    修改：改为数值+单位、百分比（≥95%）、时间（2023年度）或等级（优/良/中/差、显著/明显）。
    """
    fix = "改为数值+单位、百分比（如 ≥95%）、时间（2023年度）或等级（优/良/中/差）"
    for form, rows in tables(ctx):
        described = names_described(ctx, form)  # a description restating the value copies nothing
        names = {norm(clean_text(r.ind.name)) for r in rows if r.named} if not described else set()
        phrases: dict[str, list[Row]] = {}
        for r in rows:
            if not r.valued:
                continue
            copied = not described and (same_text(r.ind.value, r.ind.name) or norm(clean_text(r.ind.value)) in names)
            prose = r.kind in ("prose", "error") and not answers_name(r)  # 规范性 = 规范
            if r.level2_kind == "时效" and norm(clean_text(r.ind.value)) in _PERIOD_ONLY:
                continue  # 「全年」 under 时效 (even named 「全年」) is no deadline: I323 says so, once
            if (copied or prose) and not bare_no(r) and not bare_yes(r):  # I329, I387
                # a bare unit (「公里」 left by the template) is each row's own missing number, not one phrase
                key = norm(clean_text(r.ind.value))
                phrases.setdefault(f"{key}@{r.index}" if _unit_only(r.ind.value) else key, []).append(r)
        for key, group in phrases.items():
            first = group[0]
            values = [r.cell("value") for r in group]
            as_names = [r.cell("name") for r in rows if r.named and norm(clean_text(r.ind.name)) == key]
            text = first.ind.value
            if _unit_only(text):
                where = f"指标值「{text}」只有单位，没有填写数值"
            elif as_names:
                where = f"指标值 {cells_text(values)} 照抄了指标名称（{cells_text(as_names)}）「{text}」"
            elif len(group) > 1 and len(set(values)) < len(values):  # indicators sharing one cell (tagged lines)
                named = "、".join(f"「{clean_text(r.ind.name)}」" for r in group)
                where = f"{values[0]} 中指标 {named} 的指标值都是文字描述「{text}」"
            elif len(group) > 1:
                where = f"指标值 {cells_text(values)} 都是文字描述「{text}」"
            else:
                where = f"指标值「{text}」是文字描述"
            others = tuple(f"{form.sheet}!{c}" for c in values[1:])  # the names stay: they are fine names
            pasted = bool(as_names) or len(group) > 1
            yield ctx.hit(
                form,
                first.cell("value"),
                where if _unit_only(text) else f"{where}，不是可衡量的值",
                fix,
                root=phrase_root(form, text) if pasted else first.value_root,
                cells=others,
                rests=(*first.rests, *((form, c) for c in as_names)),
                assumed=next((a for r in group if (a := r.across(ctx))), ""),
            )


rule("I304", "指标值是文字描述而非可衡量的值", Severity.ERROR, prose_value)

#: An operator or a sign a template prints before the number it leaves to fill (「≧ %」, 「≥ 个」).
_SIGNS = lazy(r"[≥≤≧≦><=＝＞＜\s]+")


def _unit_only(value: object) -> bool:
    """A value that is only a unit, with at most an operator (「公里」, 「万人」, 「≧ %」): the number left out."""
    rest = _SIGNS.sub("", clean_text(value))
    return bool(rest) and rest in ALL_UNITS


def satisfaction_full(ctx: Context) -> Iterator[Hit]:
    """问题：满意度指标的目标是 100%（或配置的上限）。

    为何要紧：100% 的满意度很少切实可行，也无法超额完成；审核人常要求 ≥90% 或 ≥95%。没有文件规定
    界限，所以是警告，界限可配置（[indicators] satisfaction_max）。

    示例：对象满意度 = 100%。

    修改：设为切实可行的目标，如 ≥95%。
    """
    for r in all_rows(ctx):
        p = r.percent if r.valued else None
        if r.category == "satisfaction" and p is not None and p >= ctx.config.satisfaction_max:
            yield r.hit(ctx, "value", f"满意度指标「{r.ind.name}」目标为 {r.ind.value}", "可设为 ≥95% 等切实可行的目标")


rule("I311", "满意度指标值为 100%", Severity.WARNING, satisfaction_full, config=("indicators.satisfaction_max",))


def quantity_vs_basis(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 的数量指标与其测算依据写明的人数（数量）不同。

    为何要紧：测算依据（「2380元/人/月*12个月*112人」）说明了这笔钱服务多少人，产出目标应是同一个数。

    示例：测算依据「16人×10000元/人」，数量指标却是「20人」。

    修改：使数量指标与测算依据一致，或更正测算依据。
    """
    from xladdin.values import _NUMBER

    for form, rows in tables(ctx):
        counts = head_counts(form, ctx)
        if not counts:
            continue
        numbers = {str(m.group()) for c in counts if (m := _NUMBER.search(c))}
        for r in rows:
            if not (r.is_quantity and r.valued):
                continue
            m = _NUMBER.search(clean_text(r.ind.value))
            if m and str(m.group()).lstrip("+") not in numbers:
                yield r.hit(
                    ctx,
                    "value",
                    f"数量指标 {r.ind.value} 与测算依据中的 {'、'.join(counts)} 不一致",
                    f"核对数量指标（测算依据为 {counts[0]}）",
                )


rule("I312", "数量指标与测算依据的人数不一致", Severity.WARNING, quantity_vs_basis)


def direction_value(ctx: Context) -> Iterator[Hit]:
    """问题：指标值只是一个方向词——提升、提高、增加、加强、改善、长远、持续、有效（或它们的组合，
    如「有效提升」）——只说往哪个方向，不说多少。

    为何要紧：细化量化——「提升」到年底怎么算完成？审核人会要求写出数值或等级。
    「显著」「明显」「优/良/中/差」是等级，可以接受。

    示例：社会效益指标「退役军人获得感」=「提升」。

    修改：写出数值（≥95%、较上年提高 5 个百分点）或等级（显著、明显、优）。
    """
    for r in all_rows(ctx):
        if r.valued and r.kind == "direction":
            yield r.hit(
                ctx,
                "value",
                f"「{r.ind.name}」的指标值「{r.ind.value}」只说明方向，没有说明程度",
                "写出数值（如 ≥95%）或等级（显著、明显、优）",
                root=r.value_root,
            )


rule("I317", "指标值只写了方向词", Severity.ERROR, direction_value)


_ON_TIME = ("及时", "按时", "按期", "准时")


def _restated(text: str) -> bool:
    """A 时效 value that only restates the name's word (「补助发放及时性」=「及时发放」): the word with at
    most four Chinese characters before or after it (compared: a regex class of every Chinese character
    costs 3 ms to compile)."""

    def chinese(part: str) -> bool:
        return len(part) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in part)

    return any(
        (text.startswith(w) and chinese(text[2:])) or (text.endswith(w) and chinese(text[:-2])) for w in _ON_TIME
    )


#: A 时效 value naming only the period the work lasts (浙江临海 2024 「全年」): no deadline.
_PERIOD_ONLY = frozenset({"全年", "全年度", "本年度", "年内", "常年"})


def deadline_value(ctx: Context) -> Iterator[Hit]:
    """问题：时效指标的指标值既不是日期或期限（2023年12月底前、≤30天），也不是及时率，而是一个不带
    单位的数字（「1」）或一个词（「及时」「按时」「及时发放」）；或名称是时限（「项目维持时效」「使用年限」），
    值却是百分比。

    为何要紧：「完成时限 1」是 1 年、1 个月还是 1 日？「及时」到年底无法判断是否做到。

    示例：时效指标「完成时限」=「1」；「结算款支付及时性」=「及时」。

    修改：写出期限（2023年12月底前、≤30个工作日）或及时率（≥95%）。
    """
    vague = {"及时", "按时", "按期", "准时", "及时完成", "按时完成", "按期完成", *_PERIOD_ONLY}
    for r in all_rows(ctx):
        name = clean_text(r.ind.name)
        timed = any(w in name for w in ("时效", "时限", "期限", "年限")) and "率" not in name
        if timed and r.valued and percent(r.ind.value) is not None:
            yield r.hit(
                ctx,
                "value",
                f"「{name}」是时限，指标值「{r.ind.value}」却是比率",
                "写出期限（如 ≥5年、2023年12月底前）",
            )
            continue
        if r.level2_kind != "时效" or not r.valued:
            continue
        text = norm(clean_text(r.ind.value))
        if r.reading_kind == "number" or text in vague or _restated(text):
            yield r.hit(
                ctx,
                "value",
                f"时效指标「{r.ind.name}」的指标值「{r.ind.value}」没有写明时限",
                "写出期限（如 2023年12月底前、≤30天）或及时率（≥95%）",
            )


rule("I323", "时效指标没有写明时限", Severity.WARNING, deadline_value)


def benefit_answered_no(ctx: Context) -> Iterator[Hit]:
    """问题：效益指标（或满意度指标）的指标值只写了「否」或「无」。

    为何要紧：效益指标说明这笔钱要达到什么效果；答一个「无」等于说没有效果，这个指标无法考核，审核人
    会退回。（「是否发生安全事故」=「否」这样的是非题不算。）

    示例：社会效益指标「带动周边群众就业」=「无」。

    修改：写出可衡量的效果（带动就业 ≥20人、知晓率 ≥90%）；确实没有这类效益的，删去该行。
    """
    for r in all_rows(ctx):
        if bare_no(r):
            yield r.hit(
                ctx,
                "value",
                f"{clean_text(r.ind.level2) or '效益指标'}「{r.ind.name}」的指标值只写了「{r.ind.value}」",
                "写出可衡量的效果（如 带动就业 ≥20人、知晓率 ≥90%），没有这类效益的删去该行",
                root=r.value_root,
            )


rule("I329", "效益指标只写了「否」或「无」", Severity.ERROR, benefit_answered_no)


def benefit_answered_yes(ctx: Context) -> Iterator[Hit]:
    """问题：效益指标的指标值只写了「是」（或「有」），而名称不是一个是非问句。

    为何要紧：效益指标说明这笔钱要达到什么效果、达到多少；「是」只说会有效果，没有数值也没有等级，
    年底无法核对，审核人会退回。（「是否产生经济效益」=「是」这样回答名称所问的是非题不算。）

    示例：社会效益指标「满足市民生存环境的需求」=「是」；生态效益指标「改善城市生态环境」=「是」。

    修改：写出可衡量的效果（如 绿化覆盖率 ≥40%、市民投诉量下降 ≥10%）或等级（显著/明显）。
    """
    for r in all_rows(ctx):
        if bare_yes(r):
            yield r.hit(
                ctx,
                "value",
                f"{clean_text(r.ind.level2) or '效益指标'}「{clean_text(r.ind.name)}」的指标值只写了「{r.ind.value}」，"
                "不是可衡量的值",
                "写出可衡量的效果（如 覆盖率 ≥40%、下降 ≥10%）或等级（显著/明显）",
                root=r.value_root,
            )


rule("I387", "效益指标只写了「是」", Severity.ERROR, benefit_answered_yes)

#: An aim rather than a measure: 「促进……协调发展」, 「推动……」, 「提高……的获得感」, a feeling.
_ASPIRATION = re.compile(
    r"^(?:进一步|有效|切实|持续|不断|全面|大力|积极)?"
    r"(?:促进|推动|推进|提高|提升|增强|改善|加强|助力|带动|巩固|保障|维护|弘扬|营造|激发|增进|促使)"
    r"|获得感|幸福感|安全感|认同感|荣誉感|归属感|尊崇"
    # a service slogan: 「为民众办好事,办实事」(重庆巴南 2022), 「为群众办实事、解难题」
    r"|办(?:好事|实事)"
    # a change or a state named at the end: 「教学质量提高、办学条件改善」, 「学生受益情况」
    r"|(?:提高|提升|改善|增强|加强|优化|完善|情况|状况)$"
)
#: Words that make a name a measure after all (a rate, a count, an index).
_MEASURE = re.compile(r"率|比例|占比|人数|次数|个数|数量|指数|人次|户数|面积|长度|天数")


def aspiration_as_percent(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标是一个愿望或方向（「促进……协调发展」「推动……」「提高……的获得感」「教学质量
    提高」）或一种状况（「学生受益情况」），指标值却是「100%」。同一句话在一张表里出现几次时只报一次。

    为何要紧：「提高社会群体对烈士的尊崇 100%」是 100% 的什么？没有分母的百分比无法核对，等于没有
    目标。

    示例：社会效益指标「提高社会群体对烈士的尊崇」=「100%」。

    修改：把名称改成可衡量的指标（如「烈士纪念活动参与人次」≥500人次、「政策知晓率」≥90%），或给
    一个等级（显著、明显）。
    """
    for r in all_rows(ctx):
        if r.category == "satisfaction" or not (r.named and r.valued):
            continue
        name = clean_text(r.ind.name)
        if is_rate(name) or _MEASURE.search(name) or not _ASPIRATION.search(name):
            continue
        if r.percent == 100:  # 「100%」 of nothing; 「≥95%」 may be a rate the name leaves out
            yield r.hit(
                ctx,
                "value",
                f"「{name}」是一个愿望，不是可衡量的量，指标值「{r.ind.value}」说不清是什么的百分比",
                "改成可衡量的指标（如 参与人次、知晓率 ≥90%），或写等级（显著、明显）",
                root=f"aspire:{r.form.sheet}:{norm(name)}",
            )


rule("I330", "愿望式指标填了「100%」", Severity.WARNING, aspiration_as_percent)

#: A name that prescribes how the work is done: 「按政策、法规乡镇申报、初审确认对象资格,县级复审」.
_PROCEDURE = lazy(r"^(?:严格)?(?:按照|按|依照|依据|根据|遵照)[^、,，;；]*[、,，;；]")


def procedure_as_percent(ctx: Context) -> Iterator[Hit]:
    """问题：三级指标的名称是一段工作程序（「按政策、法律、法规乡镇申报、初审确认对象资格,县级按要求
    复审」），指标值却是一个百分比。

    为何要紧：程序说的是怎么做，不是做到多少；「100%」量的是什么（审核准确率？复审覆盖率？）说不清，
    年底无法核对，审核人会要求改写。

    示例：质量指标「按政策、法律、法规乡镇申报、初审确认对象资格,县级按要求复审」=「100%」。

    修改：写出程序要保证的结果，如「对象资格审核准确率」=100%、「复审覆盖率」=100%。
    """
    for r in all_rows(ctx):
        if r.category == "satisfaction" or not (r.named and r.valued):
            continue
        name = clean_text(r.ind.name)
        if is_rate(name) or _MEASURE.search(name) or not _PROCEDURE.search(name):
            continue
        if percent(r.reading) is not None:
            yield r.hit(
                ctx,
                "name",
                f"三级指标「{name}」是一段工作程序，指标值「{r.ind.value}」说不清是什么的百分比",
                "写出程序要保证的结果，如「对象资格审核准确率」=100%",
            )


rule("I386", "指标名称是一段工作程序", Severity.WARNING, procedure_as_percent)

#: How often a name says something happens, and how many times that is in a year.
_FREQUENCY = (
    (lazy(r"按月|每月|逐月|月度"), 12, "按月"),
    (lazy(r"按季|每季|季度"), 4, "按季"),
    (lazy(r"每周|按周"), 52, "每周"),
)


def frequency_count(ctx: Context) -> Iterator[Hit]:
    """问题：名称说「按月」「每季」做的事，指标值却是一年里更少的次数（「按月发放」=「1次」）。

    为何要紧：按月发放一年应是 12 次；「1次」既考核不了是否每月都发，也和名称自相矛盾，年底无法
    评价。

    示例：「按月发放」=「1次」。

    修改：写成一年的次数（「按月发放」=12次），或写成时限（每月10日前发放）。
    """
    for r in all_rows(ctx):
        if not (r.named and r.valued):
            continue
        q = r.quantity
        if q is None or q.unit not in ("次", "期", "回") or q.op in ("≥", ">=", ">"):
            continue
        name = clean_text(r.ind.name)
        for pattern, times, word in _FREQUENCY:
            if pattern.search(name) and q.number < times:
                yield r.hit(
                    ctx,
                    "value",
                    f"「{name}」是{word}做的事，指标值「{r.ind.value}」却少于一年的{times}次",
                    f"写成一年的次数（{times}次），或写成每次的时限",
                    root=r.value_root,
                )
                break


rule("I341", "按月/按季的次数与频率不符", Severity.WARNING, frequency_count)

#: Excel's serial numbers of the dates a form of 2000–2049 names (36526 = 2000-01-01).
_SERIALS = range(36526, 54789)


def date_as_serial(ctx: Context) -> Iterator[Hit]:
    """问题：时效指标的指标值（或计量单位）是一个五位数，如 44561——这是 Excel 把日期存成的序列号
    （44561 即 2021年12月31日），打印出来看不出时限。

    为何要紧：审核人读到的是「44561」，不知道要在何时完成；时效指标没有时限，无法考核，会被退回。

    示例：时效指标「项目财政资金到位时间」= 44561，计量单位也是 44561。

    修改：写成日期文字，如「2021年12月31日前」（单元格设为文本，或写「≤2021年12月」）。
    """
    for r in all_rows(ctx):
        if r.level2_kind != "时效" or not r.valued:
            continue
        q = quantity(r.ind.value)
        if q is None or q.unit or q.number != q.number.to_integral_value() or int(q.number) not in _SERIALS:
            continue
        from datetime import date, timedelta  # only for a serial found (importing it is 5 ms of a start-up)

        day = date(1899, 12, 30) + timedelta(days=int(q.number))
        yield r.hit(
            ctx,
            "value",
            f"时效指标「{clean_text(r.ind.name)}」的指标值「{r.ind.value}」是日期的序列号"
            f"（即 {day.year}年{day.month}月{day.day}日），看不出时限",
            f"写成「{day.year}年{day.month}月{day.day}日前」",
            root=r.value_root,
        )


rule("I342", "时效指标值是日期序列号", Severity.ERROR, date_as_serial)

#: Names of paying out or of an accuracy, where anything below 100% allows money paid wrongly.
_MUST_BE_FULL = lazy(r"(?:发放|拨付|兑付|支付|核算|结算)[^，,。]*(?:准确|足额|到位)|准确(?:率|性|度)")


def accuracy_below_full(ctx: Context) -> Iterator[Hit]:
    """问题：发放、拨付的准确率（「工资发放准确性」「补助资金足额发放率」）定在 100% 以下。

    为何要紧：钱要一分不差地发给该发的人；「准确性 ≥95%」等于事先允许错发、漏发 5%，审核人会要求
    定为 100%。

    示例：质量指标「工资发放准确性」≥95%。

    修改：定为 100%（「工资发放准确率」=100%）。
    """
    yield from _below_full(ctx, _MUST_BE_FULL, "发放、拨付的准确率低于 100% 等于允许错发")


rule("I343", "发放准确率低于 100%", Severity.WARNING, accuracy_below_full)


def _below_full(ctx: Context, names: LazyPattern, why: str) -> Iterator[Hit]:
    """Rows whose name ``names`` matches (a 满意度 aside) given a rate below 100%."""
    for r in all_rows(ctx):
        if not (r.named and r.valued):
            continue
        name = clean_text(r.ind.name)
        rate = r.percent
        if rate is None or rate >= 100 or not names.search(name) or "满意" in name:
            continue
        if names is _COMPLIANCE and _PAYOUT.search(name):
            continue  # 「补贴发放合规率」: the share of payouts whose recipients met the conditions, a target
        yield r.hit(ctx, "value", f"「{name}」定为「{r.ind.value}」：{why}", "定为 100%", root=r.value_root)


#: Names of a rate that by its nature is all or nothing: money used as the rules say (合规), work that
#: passed its acceptance (验收合格). Below 100% they allow money used wrongly or work left unaccepted.
_COMPLIANCE = lazy(r"合规(?:率|性|度)|验收合格(?:率|性)")
#: Payouts to many recipients: their 合规率 counts the recipients that met the conditions (补贴发放合规率
#: ≥95%, 天津宁河 2020), a target like a coverage rate, not an allowance to misuse the money.
_PAYOUT = lazy(r"发放|兑付|兑现|申领|补贴对象|受助|救助对象")


def compliance_below_full(ctx: Context) -> Iterator[Hit]:
    """问题：资金使用合规性（合规率）或工程、采购的验收合格率定在 100% 以下。

    为何要紧：资金要按规定使用，完成的工程、设备要验收合格才能付款交付；「合规性 ≥95%」等于事先允许
    5% 的资金违规使用，审核人会要求定为 100%。

    示例：质量指标「项目资金使用合规性」>=95%；「办公大楼日常维修维护验收合格率」>92%。

    发放给众多对象的补贴的合规率（「补贴发放合规率」≥95%）数的是符合条件的领取对象，是一个目标值，
    不在此列。

    修改：定为 100%（「资金使用合规率」=100%、「验收合格率」=100%）。
    """
    yield from _below_full(ctx, _COMPLIANCE, "低于 100% 等于事先允许违规使用资金或验收不合格")


rule("I350", "合规率、验收合格率低于 100%", Severity.WARNING, compliance_below_full)


#: A cost named as a rate per unit (补助标准, 单价, 单位成本) …
_PER_UNIT_NAME = lazy(r"标准|单价|单位成本")
#: … unless the name itself says per what (人均, 每公里, 户均, 亩均, 元/人).
_BASE_IN_NAME = lazy(r"[人户亩床台]均|每|/|单位(?:面积|长度|工程)")


def standard_without_base(ctx: Context) -> Iterator[Hit]:
    """问题：成本指标的名称是一个标准（补助标准、单价），指标值却是一笔不带计量基准的金额（≤120万元）。

    为何要紧：标准是「每单位多少钱」：没有「/公里」「/人」，审核人无法用它核对总额（4公里路 500 万元，
    写成 ≤120万元 的标准对不上），也无从控制成本。

    示例：成本指标「硬化水泥砼公路补助标准」≤120万元。

    修改：写明计量基准（≤120万元/公里），或把名称改为总额（项目总成本 ≤500万元）。
    """
    for r in all_rows(ctx):
        if not (r.named and r.valued) or (r.category != "cost" and r.level2_kind != "成本"):
            continue
        name = clean_text(r.ind.name)
        if not _PER_UNIT_NAME.search(name) or _BASE_IN_NAME.search(name):
            continue
        q = r.quantity
        if q is None or q.kind != "money" or "/" in q.unit:
            continue
        yield r.hit(
            ctx,
            "value",
            f"成本指标「{name}」是标准，指标值「{r.ind.value}」却没有计量基准（每什么多少钱）",
            f"写明计量基准，如「{clean_text(r.ind.value)}/公里」，或把名称改为总额",
            root=r.value_root,
        )


rule("I351", "成本标准没有计量基准", Severity.WARNING, standard_without_base)


#: A 时效 name saying how long something stays valid or lasts, not when the work is done.
_LASTS = lazy(r"有效|保质期|质保|保修|寿命|使用年限|使用期")
#: A span of years as a value (「3年」「≥5年」「2年以上」), not a year (「2021年全年」).
_YEARS_LONG = lazy(r"^(?:[≥≧>=＞]|大于等于|不少于)?\d{1,2}(?:\.\d)?年(?:以上)?$")


def timeliness_is_validity(ctx: Context) -> Iterator[Hit]:
    """问题：时效指标写的是某种资格、物品能保持多久（「高企资格有效」=「3年」、「设备质保期」=「2年」），
    不是本年工作的完成时限。

    为何要紧：时效指标要说明今年的工作何时做完（认定、拨付、验收的期限）；资格有效期、质保期多年后才
    到期，年底无法据此判断项目是否按时完成。这类内容可放在可持续影响指标下。

    示例：时效指标「高企资格有效」=「3年」。

    修改：写出本年工作的完成时限（如「高企认定奖励兑现时间 2021年12月底前」）；有效期移到可持续影响指标。
    """
    for r in all_rows(ctx):
        if r.level2_kind != "时效" or not r.valued or not _LASTS.search(clean_text(r.ind.name)):
            continue
        if _YEARS_LONG.match(norm(clean_text(r.ind.value))):
            yield r.hit(
                ctx,
                "value",
                f"时效指标「{clean_text(r.ind.name)}」=「{clean_text(r.ind.value)}」是有效期，不是本年工作的完成时限",
                "写出本年工作的完成时限（如 2021年12月底前完成），有效期移到可持续影响指标",
            )


rule("I395", "时效指标写的是有效期", Severity.WARNING, timeliness_is_validity)
