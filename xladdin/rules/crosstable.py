"""Cross-table rules (X2xx): every 附表2 fund has its 附表3 sheets and the other way round."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from xladdin.layout.base import norm
from xladdin.model import Form3, FundRow
from xladdin.rules.amounts import differs, num, parent_groups
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.values import clean_text, fmt, is_blank


def key(name: object) -> str:
    return norm(clean_text(name))


def funds(ctx: Context) -> list[tuple[int, FundRow]]:
    f2 = ctx.submission.form2
    if f2 is None or not ctx.found(f2, "funds"):
        return []
    return [(i, f) for i, f in enumerate(f2.funds) if not is_blank(f.name)]


def sheets_by_fund(ctx: Context) -> dict[str, list[Form3]]:
    return {key(name): forms for name, forms in parent_groups(ctx).items()}


@rule("X201", "附表2 的专项没有对应的附表3", Severity.ERROR)
def fund_without_sheet(ctx: Context) -> Iterator[Hit]:
    """A fund listed on 附表2 has no 附表3 whose 所属专项 名称 is that fund.

    Why it matters: every 专项 must show its 支出方向, indicators and calculation on a 附表3; a
    reviewer cannot judge a fund that has only a line on the summary.

    Example: 附表2 lists 「优抚安置专项」, but no 附表3 names it as 所属专项.

    Fix: add the 附表3 (ribbon 新增专项 or `xladdin new-fund`), or correct the name so that both agree.
    """
    f2 = ctx.submission.form2
    sheets = sheets_by_fund(ctx)
    for i, fund in funds(ctx):
        if key(fund.name) not in sheets:
            yield ctx.hit(
                f2,
                f2.place.row_cell("funds", i, "name"),  # type: ignore[union-attr]
                f"附表2 的专项「{fund.name}」没有对应的附表3",
                "新增该专项的附表3，或使两表名称一致",
            )


@rule("X202", "附表3 的所属专项不在附表2 中", Severity.ERROR)
def sheet_without_fund(ctx: Context) -> Iterator[Hit]:
    """A 附表3's 所属专项 名称 is not a fund on 附表2.

    Why it matters: money on a 附表3 that 附表2 does not list is missing from 附表2 合计 and from
    附表1 项目支出.

    Example: 附表3 「经开区-优军优抚专项」 while 附表2 spells it 「经开区优军优抚专项」.

    Fix: run 同步汇总 to add it to 附表2, or correct the name so that both agree.
    """
    if ctx.submission.form2 is None or not ctx.found(ctx.submission.form2, "funds"):
        return
    listed = {key(f.name) for _, f in funds(ctx)}
    for f3 in ctx.submission.form3s:
        if not ctx.found(f3, "direction"):
            continue
        name = f3.parent_name if not is_blank(f3.parent_name) else f3.direction
        where = f3.cell("parent_name") or f3.cell("direction")  # a form may print no 所属专项
        if is_blank(name):
            yield ctx.hit(f3, where, "附表3 未填写所属专项名称", "填写所属专项名称")
        elif key(name) not in listed:
            yield ctx.hit(
                f3,
                where,
                f"所属专项「{name}」不在附表2 中",
                "运行「同步汇总」把它加入附表2，或更正名称",
            )


@rule("X203", "附表3 所属专项金额与附表2 不符", Severity.ERROR)
def parent_amount_vs_form2(ctx: Context) -> Iterator[Hit]:
    """The 所属专项 金额 on a 附表3 differs from that fund's 金额 on 附表2.

    Why it matters: the same fund cannot have two amounts; one of the forms is wrong.

    Example: 附表2 says 320, the 附表3 says 所属专项 金额 300.

    Fix: correct one of them; `xladdin sync` brings 附表2 in line with the 附表3 sheets.
    """
    sheets = sheets_by_fund(ctx)
    f2 = ctx.submission.form2
    for i, fund in funds(ctx):
        for f3 in sheets.get(key(fund.name), [])[:1]:
            if differs(ctx, num(f3.parent_amount), num(fund.amount)):
                yield ctx.hit(
                    f2,
                    f2.place.row_cell("funds", i, "amount"),  # type: ignore[union-attr]
                    f"「{fund.name}」在附表2 的金额 {fmt(num(fund.amount))} ≠ "
                    f"附表3「{f3.sheet}」的所属专项金额 {fmt(num(f3.parent_amount))}",
                    "两表金额应一致（同步汇总以附表3 为准）",
                )


@rule("X204", "附表2 与附表3 的绩效目标文字不一致", Severity.WARNING)
def goal_drift(ctx: Context) -> Iterator[Hit]:
    """The 实施期/年度绩效目标 of a fund reads differently on 附表2 and on its 附表3.

    Why it matters: the two forms describe the same target; when their wording drifts apart a
    reviewer cannot tell which one the department commits to.

    Example: 附表2 「2023年度内做好驻区部队……慰问工作。」, 附表3 「做好驻区部队……慰问工作。」.

    Fix: make the texts identical (同步汇总 copies the 附表3 text to 附表2).
    """
    sheets = sheets_by_fund(ctx)
    f2 = ctx.submission.form2
    for i, fund in funds(ctx):
        forms = sheets.get(key(fund.name), [])
        if len(forms) != 1:
            continue  # several 子项: each has its own goals
        f3 = forms[0]
        for attr, label in (("period_goal", "实施期绩效目标"), ("annual_goal", "年度绩效目标")):
            a, b = getattr(fund, attr), getattr(f3, attr)
            if is_blank(a) or is_blank(b) or key(a) == key(b):
                continue
            ratio = SequenceMatcher(None, key(a), key(b)).ratio()
            how = "措辞有差异" if ratio >= ctx.config.drift_similarity else "内容不同"
            yield ctx.hit(
                f2,
                f2.place.row_cell("funds", i, attr),  # type: ignore[union-attr]
                f"「{fund.name}」的{label}{how}：附表2「{a}」，附表3「{b}」",
                "两表文字应一致（同步汇总以附表3 为准）",
            )


@rule("X205", "专项名称重复", Severity.ERROR)
def duplicate_names(ctx: Context) -> Iterator[Hit]:
    """Two 附表2 rows carry the same fund name, or two 附表3 sheets the same 支出方向.

    Why it matters: funds are matched by name; a duplicate makes the match ambiguous and usually
    means a row was pasted twice (its amount counted twice in 合计).

    Example: 「大学生应征入伍奖励」 on 附表2 rows 四 and 八.

    Fix: delete the duplicate or give each fund its own name.
    """
    f2 = ctx.submission.form2
    seen: dict[str, int] = {}
    for i, fund in funds(ctx):
        k = key(fund.name)
        if k in seen:
            yield ctx.hit(
                f2,
                f2.place.row_cell("funds", i, "name"),  # type: ignore[union-attr]
                f"专项名称「{fund.name}」与第 {seen[k] + 1} 个专项重复",
                "删除重复行或更正名称",
            )
        else:
            seen[k] = i
    directions: dict[str, str] = {}
    for f3 in ctx.submission.form3s:
        k = key(f3.direction)
        if not k:
            continue
        if k in directions:
            yield ctx.hit(
                f3,
                f3.cell("direction"),
                f"支出方向「{f3.direction}」与工作表「{directions[k]}」重复",
                "删除重复的附表3 或更正名称",
            )
        else:
            directions[k] = f3.sheet


@rule("X206", "附表3 工作表名称与支出方向不符", Severity.WARNING)
def sheet_name_vs_direction(ctx: Context) -> Iterator[Hit]:
    """A 附表3 sheet's name does not match its 支出方向 (the sheet is named 附表3-<支出方向>).

    Why it matters: the sheet tab is how the clerk and the reviewer find a fund; when the 支出方向 on
    the form was changed but the tab was not, the tab points to the wrong fund.

    Example: tab 「附表3-优抚安置专项」, 支出方向 「优抚安置」.

    Fix: rename the tab (or correct the 支出方向).
    """
    from xladdin.layout import FUND_PREFIX, fund_sheet_name

    for f3 in ctx.submission.form3s:
        if is_blank(f3.direction) or not f3.sheet.startswith(FUND_PREFIX):
            continue
        others = [s for s in ctx.submission.sheet_names if s != f3.sheet]
        expected = fund_sheet_name(str(f3.direction), others)
        if key(f3.sheet) != key(expected):
            yield ctx.hit(
                f3,
                f3.cell("direction"),
                f"工作表名「{f3.sheet}」与支出方向「{f3.direction}」不符",
                f"把工作表改名为「{expected}」",
            )
