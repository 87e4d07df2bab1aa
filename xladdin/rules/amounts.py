"""Amount rules (A1xx): totals add up, within each form and across 附表1, 附表2 and 附表3."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from xladdin.layout import LAYOUTS
from xladdin.model import Form, Form3
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.totals import details, expense, funds, income, num
from xladdin.values import amount, fmt, is_blank


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


@rule("A101", "金额不是数字", Severity.ERROR)
def amount_not_number(ctx: Context) -> Iterator[Hit]:
    """An amount cell holds text or an error value instead of a number.

    Why it matters: Excel's totals skip text, so "320万元" or "1,184.26" typed as text silently drops
    out of 合计, and #REF!/#VALUE! means a formula broke. A reviewer sees totals that do not add up.

    Example: 项目金额 typed as "320万元", "¥2" or the full-width "１２３".

    Fix: type the plain number in 万元 (320), or restore the formula.
    """
    for form, cell, value, label in _amount_cells(ctx):
        a = amount(value)  # type: ignore[arg-type]
        if a.problem is None:
            continue
        fix = f"改为数字 {fmt(a.parsed)}（单位：万元）" if a.parsed is not None else "填写以万元计的数字"
        yield ctx.hit(form, cell, f"{label}：{a.problem}（现为「{value}」）", fix)


@rule("A102", "金额为负数", Severity.ERROR)
def negative_amount(ctx: Context) -> Iterator[Hit]:
    """An amount is below zero.

    Why it matters: a budget request or an expense line cannot be negative; it is almost always a
    typing slip or a subtraction pasted as a value.

    Example: 支出明细金额 = -2.

    Fix: enter the amount as a positive number in 万元.
    """
    for form, cell, value, label in _amount_cells(ctx):
        n = num(value)
        if n is not None and n < 0:
            yield ctx.hit(form, cell, f"{label}为负数（{fmt(n)}）", "金额应为正数（万元）")


@rule("A103", "附表1 资金总额与收入来源合计不符", Severity.ERROR)
def form1_income(ctx: Context) -> Iterator[Hit]:
    """附表1 资金总额 differs from 一般公共预算拨款 + 政府性基金拨款 + 其他资金.

    Why it matters: the 资金总额 must be fully explained by its sources of income.

    Example: 资金总额 1326.19 with 一般公共预算 1300 and nothing else.

    Fix: correct the income lines, or restore 资金总额's formula (=SUM of the three).
    """
    f1 = ctx.submission.form1
    if f1 is None or not ctx.found(f1, "income"):
        return
    total, by_income = num(f1.total), income(f1)
    if differs(ctx, total, by_income):
        yield ctx.hit(
            f1,
            f1.cell("total"),
            f"资金总额 {fmt(total)} ≠ 按收入性质分合计 {fmt(by_income)}",
            "核对一般公共预算拨款、政府性基金拨款、其他资金",
        )


@rule("A104", "附表1 资金总额与支出性质合计不符", Severity.ERROR)
def form1_expense(ctx: Context) -> Iterator[Hit]:
    """附表1 资金总额 differs from 基本支出 + 项目支出.

    Why it matters: every yuan requested is either 基本支出 or 项目支出; a gap means one of them is wrong.

    Example: 资金总额 1326.19, 基本支出 141.93, 项目支出 1100.

    Fix: correct 基本支出, or 附表2 (项目支出 follows 附表2's 合计).
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
            f"资金总额 {fmt(total)} ≠ 基本支出 {fmt(f1.basic)} + 项目支出 {fmt(f1.project)} = {fmt(spend)}（{more}）",
            "调整收入来源（如一般公共预算拨款）或基本支出；项目支出随附表2合计变化",
        )


@rule("A105", "附表1 项目支出与附表2 合计不符", Severity.ERROR)
def form1_project_vs_form2(ctx: Context) -> Iterator[Hit]:
    """附表1 项目支出 differs from 附表2 合计.

    Why it matters: 附表2 lists exactly the department's 项目支出; the two must be the same number.

    Example: 项目支出 1184.26 on 附表1, 合计 1180 on 附表2.

    Fix: restore 项目支出's formula (='附表2'!合计) or correct 附表2.
    """
    f1, f2 = ctx.submission.form1, ctx.submission.form2
    if f1 is None or f2 is None or not ctx.found(f1, "expense") or not ctx.found(f2, "funds"):
        return
    if differs(ctx, num(f1.project), num(f2.total.amount)):
        yield ctx.hit(
            f1,
            f1.cell("project"),
            f"项目支出 {fmt(num(f1.project))} ≠ 附表2 合计 {fmt(num(f2.total.amount))}",
            "项目支出应等于附表2合计",
        )


@rule("A106", "附表2 合计与各专项之和不符", Severity.ERROR)
def form2_total(ctx: Context) -> Iterator[Hit]:
    """附表2 合计 differs from the sum of the fund rows.

    Why it matters: 合计 is what 附表1 takes as 项目支出; a wrong 合计 carries through.

    Example: rows 2 + 320 + 28, 合计 typed as 340.

    Fix: restore the 合计 formula (=SUM of the 金额 column).
    """
    f2 = ctx.submission.form2
    if f2 is None or not ctx.found(f2, "funds"):
        return
    rows = funds(f2)
    if differs(ctx, num(f2.total.amount), rows):
        yield ctx.hit(
            f2,
            f2.cell("total.amount"),
            f"合计 {fmt(num(f2.total.amount))} ≠ 各专项金额之和 {fmt(rows)}",
            "恢复合计公式（=SUM(金额列)）",
        )


@rule("A107", "附表3 支出明细合计与明细之和不符", Severity.ERROR)
def form3_detail_total(ctx: Context) -> Iterator[Hit]:
    """A 附表3's 支出明细 合计 differs from the sum of its 支出明细 金额.

    Why it matters: the 合计 is the fund's calculated cost; it must add up.

    Example: 明细 80 + 60 + 150 + 55, 合计 350.

    Fix: restore the 合计 formula (=SUM of the 金额 column).
    """
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "details"):
            continue
        rows = details(f3)
        if differs(ctx, num(f3.detail_total), rows):
            yield ctx.hit(
                f3,
                f3.cell("detail_total"),
                f"合计 {fmt(num(f3.detail_total))} ≠ 支出明细之和 {fmt(rows)}",
                "恢复合计公式（=SUM(金额列)）",
            )


@rule("A108", "附表3 项目金额与支出明细合计不符", Severity.ERROR)
def form3_amount_vs_details(ctx: Context) -> Iterator[Hit]:
    """A 附表3's 项目金额 differs from its 支出明细 合计.

    Why it matters: the expense lines must explain the whole project amount, no more, no less.

    Example: 项目金额 320, 支出明细 合计 300.

    Fix: complete the 支出明细 or correct 项目金额.
    """
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "details"):
            continue
        spent = details(f3)
        if differs(ctx, num(f3.project_amount), spent):
            yield ctx.hit(
                f3,
                f3.cell("project_amount"),
                f"项目金额 {fmt(num(f3.project_amount))} ≠ 支出明细合计 {fmt(spent)}",
                "补全支出明细或更正项目金额",
            )


def parent_groups(ctx: Context) -> dict[str, list[Form3]]:
    """附表3 sheets grouped by 所属专项 名称 (normalised); forms that print no 所属专项 are left out."""
    from xladdin.values import clean_text

    groups: dict[str, list[Form3]] = {}
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "parent"):
            continue
        name = clean_text(f3.parent_name or f3.direction)
        if name:
            groups.setdefault(name, []).append(f3)
    return groups


@rule("A109", "子项金额之和与所属专项金额不符", Severity.ERROR)
def parent_sum(ctx: Context) -> Iterator[Hit]:
    """The 项目金额 of a 专项's 支出方向 (子项) sheets do not add up to the 专项's own 金额.

    Why it matters: a 专项 is split into its 子项; together they must spend exactly the 专项's money.
    Every 子项 sheet must also state the same 所属专项 金额.

    Example: 专项 345 split into 子项 of 300 and 40.

    Fix: correct the 子项 项目金额 or the 所属专项 金额.
    """
    for name, forms in parent_groups(ctx).items():
        stated = [num(f.parent_amount) for f in forms]
        first = forms[0]
        for f, s in zip(forms[1:], stated[1:], strict=True):
            if differs(ctx, s, stated[0]):
                yield ctx.hit(
                    f,
                    f.cell("parent_amount"),
                    f"所属专项「{name}」金额 {fmt(s)} 与「{first.sheet}」所填 {fmt(stated[0])} 不一致",
                    "同一专项的各子项应填写相同的所属专项金额",
                )
        total = sum((num(f.project_amount) or Decimal(0) for f in forms), Decimal(0))
        if differs(ctx, total, stated[0]):
            parts = " + ".join(fmt(num(f.project_amount)) for f in forms)
            yield ctx.hit(
                first,
                first.cell("parent_amount"),
                f"所属专项「{name}」金额 {fmt(stated[0])} ≠ 子项项目金额之和 {parts} = {fmt(total)}",
                "核对各子项项目金额与所属专项金额",
            )


@rule("A110", "合计公式被改成了数值", Severity.WARNING)
def formula_overwritten(ctx: Context) -> Iterator[Hit]:
    """A total that the template computes by formula holds a typed number (or nothing).

    Why it matters: a typed total no longer follows the rows; the next change to a row makes it
    wrong without anyone noticing. (The amount rules still compare the numbers as they stand.)

    Example: 附表2 合计 shows 1184.26 but the cell holds the number, not =SUM(C6:C12).

    Fix: re-enter the formula, or run 同步汇总, which restores it.
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


def _kind(form: Form) -> str:
    return {"Form1": "form1", "Form2": "form2", "Form3": "form3"}[type(form).__name__]
