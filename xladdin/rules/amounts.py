"""Amount rules (A1xx): totals add up, within each form and across 附表1, 附表2 and 附表3."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from xladdin.layout import LAYOUTS
from xladdin.model import Form, Form3
from xladdin.patterns import lazy
from xladdin.rules.base import UNCOMPUTED, Context, Hit, Severity, rule
from xladdin.totals import details, expense, funds, income, num
from xladdin.values import amount, clean_text, fmt, is_blank, period_years

_PRINTED = lazy(r"\d\s*(?:万元|亿元|元)$")
#: A number as Word prints it (「30」, 「-2」, 「1,184.26」): no unit, no other character.
_PLAIN = lazy(r"^[-+]?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")


def show(value: object) -> str:
    """An amount cell for messages: the number, 「空」 for a blank, and a text amount as the text it
    is (「「250万」（文字）」), never 「空」."""
    if isinstance(value, str) and not is_blank(value) and amount(value).number is None:
        return f"「{value}」（文字）"
    return fmt(num(value))


def text_root(ctx: Context, *places: tuple[Form, str, object]) -> str:
    """The root cause among ``places`` (form, cell, value) of a total that fails: a formula we could
    not compute (:data:`~xladdin.rules.base.UNCOMPUTED`: its S003 is the one finding, the total is
    not judged) or else the first text amount (the A101 finding, this one folded into it as 「另见」)."""
    unknown = {(sheet, cell) for sheet, cell, _ in ctx.structure.uncomputed}
    for form, cell, _value in places:
        if (form.sheet, cell) in unknown:
            return f"{UNCOMPUTED}{form.sheet}!{cell}"
    for form, cell, value in places:
        if not is_blank(value) and amount(value).number is None:  # type: ignore[arg-type]
            return f"amount:{form.sheet}!{cell}"
    return ""


def rooted(ctx: Context, *places: tuple[Form, str, object]) -> dict[str, Any]:
    """The ``root`` (:func:`text_root`) and the ``rests`` of a hit judging the amounts at ``places``: a
    total or a comparison rests on every amount it adds or compares (one read by a guess makes it a
    warning, ``xladdin.rules.base``)."""
    return {"root": text_root(ctx, *places), "rests": tuple((form, cell) for form, cell, _ in places)}


def _fund_places(ctx: Context) -> Iterator[tuple[Form, str, object]]:
    f2 = ctx.submission.form2
    if f2 is not None:
        for i, fund in enumerate(f2.funds):
            yield f2, f2.place.row_cell("funds", i, "amount"), fund.amount


def _form1_places(f1: Form, *keys: str) -> Iterator[tuple[Form, str, object]]:
    for k in keys:
        yield f1, f1.cell(k), f1.get(k)


def differs(ctx: Context, a: Decimal | None, b: Decimal | None) -> bool:
    if a is None and b is None:
        return False
    return abs((a or Decimal(0)) - (b or Decimal(0))) > ctx.config.tolerance


def _amount_cells(ctx: Context) -> Iterator[tuple[Form, str, object, str]]:
    """(form, cell, value, label) for every amount cell of the submission."""
    sub = ctx.submission
    if f1 := sub.form1:
        for key, label in (
            ("total", "资金总额"),
            ("general_budget", "一般公共预算拨款"),
            ("gov_fund", "政府性基金拨款"),
            ("other_funds", "其他资金"),
            ("basic", "基本支出"),
            ("project", "项目支出"),
        ):
            yield f1, f1.cell(key), f1.get(key), label
    if f2 := sub.form2:
        yield f2, f2.cell("total.amount"), f2.total.amount, "合计金额"
        for i, fund in enumerate(f2.funds):
            yield (
                f2,
                f2.place.row_cell("funds", i, "amount"),
                fund.amount,
                f"「{fund.name or '第' + str(i + 1) + '行'}」的金额",
            )
    for f3 in sub.form3s:
        yield f3, f3.cell("project_amount"), f3.project_amount, "项目金额"
        yield f3, f3.cell("parent_amount"), f3.parent_amount, "所属专项金额"
        for i, d in enumerate(f3.details):
            yield f3, f3.place.row_cell("details", i, "amount"), d.amount, "支出明细金额"
        yield f3, f3.cell("detail_total"), f3.detail_total, "支出明细合计"


def amount_not_number(ctx: Context) -> Iterator[Hit]:
    """问题：金额单元格里是文字或错误值，而不是数字。

    为何要紧：Excel 的合计会跳过文字，「320万元」「1,184.26」若作为文字输入，会悄悄地不计入合计；
    #REF!、#VALUE! 说明公式坏了。审核人看到的是对不上的合计。因它而对不上的合计不再另报，写在本条
    的「另见」中。

    示例：项目金额输入为「320万元」「¥2」或全角的「１２３」。

    修改：输入以万元计的数字（320），或恢复公式；全角数字可用 `validate --fix` 自动改正。
    """
    for form, cell, value, label in _amount_cells(ctx):
        a = amount(value)  # type: ignore[arg-type]
        if a.problem is None:
            continue
        if a.parsed is not None and not ctx.found(form, "template") and _PRINTED.search(clean_text(value)):
            continue  # a printed form (another bureau's layout) writes 「20万元」: an amount with its unit
        if (ctx.untyped or not ctx.found(form, "template")) and _PLAIN.match(clean_text(value)):
            # a Word table holds every number as text, and so does a printed form of another bureau (a
            # system export, a copy of a published table: no formula of ours adds it up): 「30」 there
            # is a number, not a text amount
            continue
        fix = f"改为数字 {fmt(a.parsed)}（单位：万元）" if a.parsed is not None else "填写以万元计的数字"
        yield ctx.hit(form, cell, f"{label}：{a.problem}（现为「{value}」）", fix, root=f"amount:{form.sheet}!{cell}")


rule("A101", "金额不是数字", Severity.ERROR, amount_not_number)


def negative_amount(ctx: Context) -> Iterator[Hit]:
    """问题：金额小于零。

    为何要紧：预算申请或支出明细不可能为负，几乎总是输入失误或把减法结果粘贴成了数值。

    示例：支出明细金额 = -2。

    修改：以正数（万元）填写金额。
    """
    for form, cell, value, label in _amount_cells(ctx):
        n = num(value)
        if n is not None and n < 0:
            yield ctx.hit(form, cell, f"{label}为负数（{fmt(n)}）", "金额应为正数（万元）")


rule("A102", "金额为负数", Severity.ERROR, negative_amount)


def form1_income(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 资金总额不等于 一般公共预算拨款 + 政府性基金拨款 + 其他资金。

    为何要紧：资金总额必须全部由收入来源说明。

    示例：资金总额 1326.19，一般公共预算拨款 1300，其余为空。

    修改：更正各项收入，或恢复资金总额的公式（三项之和）。
    """
    f1 = ctx.submission.form1
    if f1 is None or not ctx.found(f1, "income"):
        return
    total, by_income = num(f1.total), income(f1)
    if differs(ctx, total, by_income):
        yield ctx.hit(
            f1,
            f1.cell("total"),
            f"资金总额 {show(f1.total)} ≠ 按收入性质分合计 {fmt(by_income)}",
            "核对一般公共预算拨款、政府性基金拨款、其他资金",
            **rooted(
                ctx, *((f1, f1.cell(k), f1.get(k)) for k in ("total", "general_budget", "gov_fund", "other_funds"))
            ),
        )


rule("A103", "附表1 资金总额与收入来源合计不符", Severity.ERROR, form1_income, config=("amounts.tolerance",))


def form1_expense(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 资金总额不等于 基本支出 + 项目支出。

    为何要紧：申请的每一元钱不是基本支出就是项目支出；有差额说明其中一项错了。

    示例：资金总额 1326.19，基本支出 141.93，项目支出 1100。

    修改：更正基本支出，或更正附表2（项目支出取自附表2 合计）。
    """
    f1 = ctx.submission.form1
    if f1 is None or not ctx.found(f1, "expense"):
        return
    spend, total = expense(f1), num(f1.total)
    if differs(ctx, total, spend):
        gap = spend - (total or Decimal(0))
        more = f"支出比资金总额多 {fmt(gap)} 万元" if gap > 0 else f"支出比资金总额少 {fmt(-gap)} 万元"
        yield ctx.hit(
            f1,
            f1.cell("basic"),
            f"资金总额 {show(f1.total)} ≠ 基本支出 {show(f1.basic)} + 项目支出 {show(f1.project)}"
            f" = {fmt(spend)}（{more}）",
            "调整收入来源（如一般公共预算拨款）或基本支出；项目支出随附表2合计变化",
            # 项目支出 follows 附表2's 合计, which skips a fund amount typed as text
            **rooted(ctx, *_form1_places(f1, "total", "basic", "project"), *_fund_places(ctx)),
        )


rule("A104", "附表1 资金总额与支出性质合计不符", Severity.ERROR, form1_expense, config=("amounts.tolerance",))


def form1_project_vs_form2(ctx: Context) -> Iterator[Hit]:
    """问题：附表1 项目支出不等于附表2 合计。

    为何要紧：附表2 列的正是本部门的项目支出，两个数必须相同。

    示例：附表1 项目支出 1184.26，附表2 合计 1180。

    修改：恢复项目支出的公式（=附表2 合计），或更正附表2。
    """
    f1, f2 = ctx.submission.form1, ctx.submission.form2
    if f1 is None or f2 is None or not ctx.found(f1, "expense") or not ctx.found(f2, "funds"):
        return
    if differs(ctx, num(f1.project), num(f2.total.amount)):
        yield ctx.hit(
            f1,
            f1.cell("project"),
            f"项目支出 {show(f1.project)} ≠ 附表2 合计 {show(f2.total.amount)}",
            "项目支出应等于附表2合计",
            **rooted(
                ctx,
                (f1, f1.cell("project"), f1.project),
                (f2, f2.cell("total.amount"), f2.total.amount),
                *_fund_places(ctx),
            ),
        )


rule("A105", "附表1 项目支出与附表2 合计不符", Severity.ERROR, form1_project_vs_form2, config=("amounts.tolerance",))


def form2_total(ctx: Context) -> Iterator[Hit]:
    """问题：附表2 合计不等于各专项金额之和。

    为何要紧：附表1 的项目支出取自这个合计，合计错了会一路错下去。

    示例：各行 2 + 320 + 28，合计却输入 340。

    修改：恢复合计公式（=SUM(金额列)）。
    """
    f2 = ctx.submission.form2
    if f2 is None or not ctx.found(f2, "funds"):
        return
    if f2.sheet and not f2.cell("total.amount"):
        return  # another bureau's list printing no 合计 line: nothing to add up against
    rows = funds(f2)
    if differs(ctx, num(f2.total.amount), rows):
        yield ctx.hit(
            f2,
            f2.cell("total.amount"),
            f"合计 {show(f2.total.amount)} ≠ 各专项金额之和 {fmt(rows)}",
            "恢复合计公式（=SUM(金额列)）",
            **rooted(
                ctx,
                (f2, f2.cell("total.amount"), f2.total.amount),
                *((f2, f2.place.row_cell("funds", i, "amount"), f.amount) for i, f in enumerate(f2.funds)),
            ),
        )


rule("A106", "附表2 合计与各专项之和不符", Severity.ERROR, form2_total, config=("amounts.tolerance",))


def form3_detail_total(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 支出明细的合计不等于各明细金额之和。

    为何要紧：这个合计是该支出方向测算出的成本，必须加得对。

    示例：明细 80 + 60 + 150 + 55，合计 350。

    修改：恢复合计公式（=SUM(金额列)）。
    """
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "details"):
            continue
        rows = details(f3)
        if differs(ctx, num(f3.detail_total), rows):
            yield ctx.hit(
                f3,
                f3.cell("detail_total"),
                f"合计 {show(f3.detail_total)} ≠ 支出明细之和 {fmt(rows)}",
                "恢复合计公式（=SUM(金额列)）",
                **rooted(ctx, (f3, f3.cell("detail_total"), f3.detail_total), *_detail_places(f3)),
            )


rule("A107", "附表3 支出明细合计与明细之和不符", Severity.ERROR, form3_detail_total, config=("amounts.tolerance",))


def form3_amount_vs_details(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 项目金额不等于支出明细合计。

    为何要紧：支出明细必须把项目金额说清楚，不多也不少。

    示例：项目金额 320，支出明细合计 300。

    修改：补全支出明细，或更正项目金额。
    """
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "details") or not f3.cell("project_amount"):
            continue  # a foreign form printing no 项目金额 at all: nothing to compare the details with
        spent = details(f3)
        if differs(ctx, num(f3.project_amount), spent):
            yield ctx.hit(
                f3,
                f3.cell("project_amount"),
                f"项目金额 {show(f3.project_amount)} ≠ 支出明细合计 {fmt(spent)}",
                "补全支出明细或更正项目金额",
                **rooted(ctx, (f3, f3.cell("project_amount"), f3.project_amount), *_detail_places(f3)),
            )


rule("A108", "附表3 项目金额与支出明细合计不符", Severity.ERROR, form3_amount_vs_details, config=("amounts.tolerance",))


def _detail_places(f3: Form3) -> Iterator[tuple[Form, str, object]]:
    for i, d in enumerate(f3.details):
        yield f3, f3.place.row_cell("details", i, "amount"), d.amount


def parent_groups(ctx: Context) -> dict[str, list[Form3]]:
    """附表3 sheets grouped by 所属专项 名称 (normalised); forms that print no 所属专项 are left out."""
    from xladdin.names import fund_key
    from xladdin.values import clean_text

    groups: dict[str, list[Form3]] = {}
    keys: dict[str, str] = {}  # fund key -> the name as first written
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "parent"):
            continue
        name = clean_text(f3.parent_name or f3.direction)
        if name:
            groups.setdefault(keys.setdefault(fund_key(name), name), []).append(f3)
    return groups


def parent_sum(ctx: Context) -> Iterator[Hit]:
    """问题：同一专项下各支出方向（子项）附表3 的项目金额之和，不等于该专项自己的金额；或各子项填写
    的所属专项金额不一致。

    为何要紧：专项分解为子项，子项合起来必须正好花掉专项的钱。

    示例：专项 345，分成 300 和 40 两个子项。

    修改：更正子项的项目金额或所属专项金额。
    """
    for name, forms in parent_groups(ctx).items():
        stated = [num(f.parent_amount) for f in forms]
        first = forms[0]
        for f, s in zip(forms[1:], stated[1:], strict=True):
            if differs(ctx, s, stated[0]):
                yield ctx.hit(
                    f,
                    f.cell("parent_amount"),
                    f"所属专项「{name}」金额 {show(f.parent_amount)} 与「{first.sheet}」所填"
                    f" {show(first.parent_amount)} 不一致",
                    "同一专项的各子项应填写相同的所属专项金额",
                    **rooted(
                        ctx,
                        (f, f.cell("parent_amount"), f.parent_amount),
                        (first, first.cell("parent_amount"), first.parent_amount),
                    ),
                )
        total = sum((num(f.project_amount) or Decimal(0) for f in forms), Decimal(0))
        if differs(ctx, total, stated[0]):
            parts = " + ".join(show(f.project_amount) for f in forms)
            yield ctx.hit(
                first,
                first.cell("parent_amount"),
                f"所属专项「{name}」金额 {show(first.parent_amount)} ≠ 子项项目金额之和 {parts} = {fmt(total)}",
                "核对各子项项目金额与所属专项金额",
                **rooted(
                    ctx,
                    (first, first.cell("parent_amount"), first.parent_amount),
                    *((f, f.cell("project_amount"), f.project_amount) for f in forms),
                ),
            )


rule("A109", "子项金额之和与所属专项金额不符", Severity.ERROR, parent_sum, config=("amounts.tolerance",))


def formula_overwritten(ctx: Context) -> Iterator[Hit]:
    """问题：模板中用公式计算的合计，现在是手工输入的数字（或为空）。

    为何要紧：手工输入的合计不再随各行变化，下次改一行它就错了却没人发现。（金额规则仍按现有数字
    核对。）

    示例：附表2 合计显示 1184.26，但单元格里是数字而不是 =SUM(C6:C12)。

    修改：重新输入公式，或运行「同步汇总」恢复公式。
    """
    if not ctx.structure.formulas_known:
        return  # the engine could not tell formulas from values
    for form in ctx.submission.forms():
        if not form.place.fields or not ctx.found(form, "template"):
            continue  # a form in another bureau's layout has no formulas of ours
        layout = LAYOUTS[_kind(form)]
        for cell in layout.formula_cells():
            if not cell.key:
                continue
            ref = form.cell(cell.key)
            if ref and ref not in form.place.formulas:
                value = form.get(cell.key)
                what = "为空" if is_blank(value) else f"是手工填写的数值 {value}"
                yield ctx.hit(form, ref, f"此处应为合计公式，现在{what}", "恢复公式，或运行「同步汇总」")


rule("A110", "合计公式被改成了数值", Severity.WARNING, formula_overwritten)


def _kind(form: Form) -> str:
    return {"Form1": "form1", "Form2": "form2", "Form3": "form3"}[type(form).__name__]


def own_total(ctx: Context) -> Iterator[Hit]:
    """问题：外来表式中自带的表格（如「项目预算成本构成」）的合计行，与其上各行之和不符。

    为何要紧：合计是审核人核对金额的依据；合计与明细对不上，说明有一处数字写错，报表会被退回核实。

    示例：湖北鄂州 项目预算成本构成表「2020年实际执行数」191 + 99 + 372.88 = 662.88，合计却写 662.98。

    修改：核对各行与合计，改正写错的数字（合计最好用公式求和）。
    """
    for fmap in ctx.structure.maps:
        for s in fmap.sums:
            cell, total = s.total
            added = sum(Decimal(repr(v)) for _, v in s.parts)
            if abs(added - Decimal(repr(total))) < Decimal("0.005"):
                continue
            first, last = s.parts[0][0], s.parts[-1][0]
            yield ctx.hit(
                fmap.sheet,
                cell,
                f"「{s.header}」合计 {fmt(Decimal(repr(total)))} ≠ {first}:{last} 各行之和 {fmt(added)}",
                "核对各行与合计，改正写错的数字",
                rests=[(fmap.sheet, at) for at, _ in s.parts],
            )


rule("A111", "表中合计与各行之和不符", Severity.ERROR, own_total)


def part_year_zero(ctx: Context) -> Iterator[Hit]:
    """问题：外来表式的分期支出计划里，半年（或一季度）的计划执行数为 0，全年的预算数却大于 0。

    为何要紧：全年运转、按月支出的经费上半年一分不花不合理，说明执行进度计划没有测算，年中预算执行
    监控会亮红灯；审核人会要求按实际支出节奏重新填写。项目确实下半年才开工时，可在说明中写明后确认本条。

    示例：江苏镇江 公园运转经费：半年(程)计划执行数 0，全年(程)预算数 80（万元）。

    修改：按支出节奏测算上半年计划执行数（如按月均摊 80 ÷ 12 × 6 ≈ 40）。
    """
    for fmap in ctx.structure.maps:
        for p in fmap.plans:
            (cell, part), (_, year) = p.part, p.year
            if part == 0 and year > 0:
                what = f"「{p.label}」" if p.label else ""
                yield ctx.hit(
                    fmap.sheet,
                    cell,
                    f"{what}{p.part_header}为 0，{p.year_header}为 {fmt(Decimal(repr(year)))}：上半年计划不支出",
                    "按支出节奏重新测算上半年计划执行数；确实下半年才支出的，写明原因",
                )


rule("A112", "半年计划执行数为 0", Severity.WARNING, part_year_zero)


#: An amount pasted twice in one cell: 「854万854万(…)」, 「320万元320万元」.
_TWICE = lazy(r"^\s*(\d+(?:\.\d+)?)\s*(万元|亿元|万|元)\s*\1(?![\d.])")


def amount_pasted_twice(ctx: Context) -> Iterator[Hit]:
    """问题：金额单元格里同一个数字连着写了两遍（「854万854万(高标准农田建设400万元…)」），是粘贴时
    多粘了一次。外来表式里资金来源各行（其中:财政拨款、其他资金）也检查。

    为何要紧：这样的单元格读不出金额，合计和资金来源都无从核对；审核人会退回改正。

    示例：「其中:财政拨款」一栏为「854万854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)」。

    修改：只保留一个金额，写成数字（854），构成说明另起一栏或写在备注里。
    """
    cells = [(form, cell, value) for form, cell, value, _ in _amount_cells(ctx) if cell]
    for fmap in ctx.structure.maps:
        cells += [(fmap.sheet, f.cell, f.value) for f in fmap.lines]
    for form, cell, value in cells:
        if isinstance(value, str) and (m := _TWICE.match(clean_text(value))):
            sheet = form if isinstance(form, str) else form.sheet
            yield ctx.hit(
                form,
                cell,
                f"金额「{clean_text(value)}」把「{m.group(1)}{m.group(2)}」粘贴了两遍，读不出金额",
                f"只保留一个金额，写成数字 {m.group(1)}",
                root=f"amount:{sheet}!{cell}",
            )


rule("A113", "金额粘贴了两遍", Severity.WARNING, amount_pasted_twice)


#: The total a 项目实施计划 states: 「合计50万元」, 「共计 120,000元」, 「总投资300万元」.
_PLAN_TOTAL = lazy(r"(?:合计|共计|总计|总额|总投资|共需)\s*[:：为]?\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|万|元)")


def _plan_total(text: str) -> Decimal | None:
    """The last total a plan states, in 万元 (None when it states none)."""
    found = _PLAN_TOTAL.findall(text)
    if not found:
        return None
    number, unit = found[-1]
    value = Decimal(number.replace(",", ""))
    return value / 10000 if unit == "元" else value


def plan_vs_budget(ctx: Context) -> Iterator[Hit]:
    """问题：「项目实施计划」写明的测算合计（「合计50万元」）既不等于年度预算资金（项目金额），也不等于
    中期（项目）资金总额，表中也没有说明分年安排。

    为何要紧：实施计划的测算是预算金额的来由；两者对不上，说明测算、预算或分年安排有一处没写清，审核人
    会要求说明或改正。

    示例：实施计划「……需20万元；……需20万元；……需10万元，合计50万元」，年度预算资金总额 25万元，中期预算
    资金总额空着。

    修改：按年度预算重新测算，或填写中期预算资金总额并说明本年度安排哪些内容。
    """
    for f3 in ctx.submission.form3s:
        cell = f3.cell("info.plan")
        if not cell or not ctx.found(f3, "plan") or not ctx.found(f3, "amount"):
            continue
        total = _plan_total(clean_text(f3.info.plan))
        budget = amount(f3.project_amount).number
        if total is None or budget is None or not f3.cell("project_amount"):
            continue
        whole = amount(f3.info.period_amount).number if ctx.found(f3, "period_amount") else None
        if not differs(ctx, total, budget) or (whole is not None and not differs(ctx, total, whole)):
            continue
        mid = "" if whole is not None or not f3.cell("info.period_amount") else "，中期（项目）资金总额未填"
        also = f"、中期（项目）资金总额 {fmt(whole)} 万元" if whole is not None else ""
        yield ctx.hit(
            f3,
            cell,
            f"项目实施计划测算合计 {fmt(total)} 万元，与年度预算资金 {fmt(budget)} 万元（{f3.cell('project_amount')}）"
            f"{also}不一致{mid}",
            "按预算金额重新测算，或写明分年安排（本年度安排哪些内容、多少钱）",
            cells=(f"{f3.sheet}!{f3.cell('project_amount')}",),
        )


rule("A114", "项目实施计划的测算与预算金额不一致", Severity.WARNING, plan_vs_budget, config=("amounts.tolerance",))


def period_amount_blank(ctx: Context) -> Iterator[Hit]:
    """问题：表中印有「中期预算资金总额」（或项目资金总额）一栏，年度预算资金已填，这一栏却空着；项目期
    写明只有一年的除外。

    为何要紧：延续性、跨年度的项目要说明整个实施期共需多少钱，审核人据此看年度安排是否合理；空着就无法
    判断本年度预算占总盘子的多少，会要求补填。

    示例：项目期限「3年」，「中期预算资金总额」空白，「年度预算资金总额」25。

    修改：填写实施期（中期）内的预算资金总额；一年期项目填与年度预算相同的金额。
    """
    for f3 in ctx.submission.form3s:
        cell = f3.cell("info.period_amount")
        if not cell or not ctx.found(f3, "period_amount") or not ctx.sure(f3, "info.period_amount"):
            continue
        if not is_blank(f3.info.period_amount) or amount(f3.project_amount).number is None:
            continue
        if period_years(f3.period) == 1:
            continue  # a one-year project: the year's money is the whole
        years = period_years(f3.period)
        how = f"项目期「{clean_text(f3.period)}」，" if years else ""
        yield ctx.hit(
            f3,
            cell,
            f"{how}中期（项目）资金总额未填写，年度预算资金已填 {show(f3.project_amount)} 万元",
            "填写实施期内的预算资金总额（一年期项目填与年度预算相同的金额）",
        )


rule("A115", "中期（项目）资金总额未填", Severity.WARNING, period_amount_blank)


def earlier_years_blank(ctx: Context) -> Iterator[Hit]:
    """问题：部门整体表的资金情况按「当年金额」和「近两年收支金额」（或「上年金额」）分列，当年金额填了，
    近两年（上年）各列连年份带金额全部空着。

    为何要紧：近两年的收支是审核人判断当年预算是否合理的对照；表上印了这两列却不填，收支变化无从
    比较，审核人会要求补上。

    示例：湖北广水 部门整体支出绩效目标申报表：近两年收支金额两列只印了「年」，财政拨款、基本支出、
    项目支出各行全空。

    修改：写明两个年度（如 2019年、2020年），逐行填入当年的收支金额。
    """
    for fmap in ctx.structure.maps:
        for _cell, header, where in fmap.blank_periods:
            yield ctx.hit(
                fmap.sheet,
                where.split(":")[0],
                f"资金情况的「{header}」（{where}）没有填写：年度和金额都空着",
                "写明年度，逐行填入该年度的收支金额",
            )


rule("A120", "资金情况中近两年（上年）收支金额未填", Severity.WARNING, earlier_years_blank)


#: A funding cell that sends the reader elsewhere for the amount (「参见附件1具体金额」, 「详见分配表」).
_ELSEWHERE = lazy(r"^(?:参见|详见|见)|见附件|见附表|另附")


def project_amount_blank(ctx: Context) -> Iterator[Hit]:
    """问题：另一种表式的项目表印了资金总额（项目金额、下达资金总额）一栏，却空着没填，或只写「参见附件」
    之类的指引，表中没有这笔资金的金额。

    为何要紧：金额是审核人对照目标和指标的依据（钱多少、办多少事）；表上没有金额，就无法判断目标定得
    高低，也无法与分配文件核对，审核人会要求补上。

    示例：重庆巫溪 2025 农村危房改造补助资金绩效目标表：「下达资金总额」空白，「其中:中央财政补助」写
    「参见附件1具体金额」，484.45 万元只在来函正文里。

    修改：在资金总额一栏填入本项目（本笔资金）的金额（万元），其中各来源分行填写。
    """
    for f3 in ctx.submission.form3s:
        fmap = ctx.map_of(f3)
        at = fmap.fields.get("project_amount") if fmap else None
        if at is None or at.cue not in ("label", "header") or not at.sure or fmap is None or fmap.template:
            continue
        text = clean_text(f3.project_amount)
        if not (is_blank(f3.project_amount) or _ELSEWHERE.search(text)):
            continue
        if any(_given(line.value) for line in fmap.lines):
            continue  # 「资金来源 │ 资金总额」 heading its column, 「其中:财政拨款 │ 500」 under it: an amount is given
        how = "空着" if is_blank(f3.project_amount) else f"只写了「{text}」"
        yield ctx.hit(
            f3,
            f3.cell("project_amount") or at.cell,
            f"资金总额一栏（{at.cell}）{how}：表中没有这笔资金的金额",
            "填入本项目的资金总额（万元），其中各来源分行填写",
        )


def _given(value: object) -> bool:
    """An amount is written: a number, or a number typed as text (「500」「500万元」)."""
    a = amount(value)  # type: ignore[arg-type]
    return a.number is not None or a.parsed is not None


rule("A116", "资金总额未填，或只写「见附件」", Severity.WARNING, project_amount_blank)
