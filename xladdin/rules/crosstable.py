"""Cross-table rules (X2xx): every 附表2 fund has its 附表3 sheets and the other way round."""

from __future__ import annotations

from collections.abc import Iterator

from xladdin.model import Form3, FundRow
from xladdin.names import fund_key, lookalike_key, lookalike_note
from xladdin.rules.amounts import differs, num, parent_groups, rooted, show
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.values import clean_text, is_blank

key = fund_key


def funds(ctx: Context) -> list[tuple[int, FundRow]]:
    f2 = ctx.submission.form2
    if f2 is None or not ctx.found(f2, "funds"):
        return []
    return [(i, f) for i, f in enumerate(f2.funds) if not is_blank(f.name)]


def sheets_by_fund(ctx: Context) -> dict[str, list[Form3]]:
    return {key(name): forms for name, forms in parent_groups(ctx).items()}


def fund_without_sheet(ctx: Context) -> Iterator[Hit]:
    """问题：附表2 列出的专项，没有任何一张附表3 以它为所属专项。

    为何要紧：每个专项都要在附表3 上说明支出方向、指标和测算；只在汇总表上有一行，审核人无从判断。

    示例：附表2 列有「优抚安置专项」，但没有附表3 的所属专项是它。

    修改：新增该专项的附表3（功能区「新增专项」或 `xladdin new-fund`），或更正名称使两表一致。
    """
    f2 = ctx.submission.form2
    if f2 is not None and f2.sheet and not ctx.submission.form3s and not ctx.found(f2, "template"):
        return  # a list of projects published alone (another bureau's 分配方案, 项目计划表): no 附表3 asked for
    sheets = sheets_by_fund(ctx)
    names = [name for name in parent_groups(ctx)]
    unread = [f3.sheet for f3 in ctx.submission.form3s if not ctx.found(f3, "parent")]
    assumed = f"附表3「{'」「'.join(unread)}」未找到所属专项，按没有对应处理" if unread else ""
    for i, fund in funds(ctx):
        if key(fund.name) not in sheets:
            twin = _twin(fund.name, names)
            yield ctx.hit(
                f2,
                f2.place.row_cell("funds", i, "name"),  # type: ignore[union-attr]
                f"附表2 的专项「{fund.name}」没有对应的附表3" + (f"：{twin}" if twin else ""),
                "重新输入名称（删去看不见的字符、换成普通的字符），使两表一致"
                if twin
                else "新增该专项的附表3，或使两表名称一致",
                assumed=assumed,
                rests=_names_of_form3s(ctx),
            )


def _names_of_form3s(ctx: Context) -> list[tuple[Form3, str]]:
    """(form, cell) of every 附表3's 所属专项 (or 支出方向) name: what a fund was matched against."""
    return [(f3, f3.cell("parent_name") or f3.cell("direction")) for f3 in ctx.submission.form3s]


def _fund_names(ctx: Context) -> list[tuple[str, str]]:
    """(sheet, cell) of every fund name on 附表2: what a 附表3 was matched against."""
    f2 = ctx.submission.form2
    return [(f2.sheet, f2.place.row_cell("funds", i, "name")) for i, _ in funds(ctx)] if f2 else []


def _twin(name: object, others: list) -> str:
    """How ``name`` differs from one of ``others`` that looks the same (invisible or look-alike
    characters), or empty."""
    mine = lookalike_key(name)
    for other in others:
        if lookalike_key(other) == mine:
            note = lookalike_note(name, other)
            if note:
                return note
    return ""


rule("X201", "附表2 的专项没有对应的附表3", Severity.ERROR, fund_without_sheet)


def sheet_without_fund(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 的所属专项名称不在附表2 中。

    为何要紧：附表3 上的钱附表2 没有列出，就没有计入附表2 合计和附表1 项目支出。

    示例：附表3 写「经开区-优军优抚专项」，附表2 写「经开区优军优抚专项」。

    修改：运行「同步汇总」把它加入附表2，或更正名称使两表一致。
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
            twin = _twin(name, [f.name for _, f in funds(ctx)])
            yield ctx.hit(
                f3,
                where,
                f"所属专项「{name}」不在附表2 中" + (f"：{twin}" if twin else ""),
                "重新输入名称（删去看不见的字符、换成普通的字符），使两表一致"
                if twin
                else "运行「同步汇总」把它加入附表2，或更正名称",
                rests=_fund_names(ctx),
            )


rule("X202", "附表3 的所属专项不在附表2 中", Severity.ERROR, sheet_without_fund)


def parent_amount_vs_form2(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 上的所属专项金额与附表2 上该专项的金额不同。

    为何要紧：同一个专项不能有两个金额，总有一张表是错的。

    示例：附表2 写 320，附表3 的所属专项金额写 300。

    修改：更正其中之一；`xladdin sync` 按附表3 更新附表2。
    """
    sheets = sheets_by_fund(ctx)
    f2 = ctx.submission.form2
    for i, fund in funds(ctx):
        for f3 in sheets.get(key(fund.name), [])[:1]:
            if differs(ctx, num(f3.parent_amount), num(fund.amount)):
                yield ctx.hit(
                    f2,
                    f2.place.row_cell("funds", i, "amount"),  # type: ignore[union-attr]
                    f"「{fund.name}」在附表2 的金额 {show(fund.amount)} ≠ "
                    f"附表3「{f3.sheet}」的所属专项金额 {show(f3.parent_amount)}",
                    "两表金额应一致（同步汇总以附表3 为准）",
                    **rooted(
                        ctx,
                        (f2, f2.place.row_cell("funds", i, "amount"), fund.amount),  # type: ignore[union-attr]
                        (f3, f3.cell("parent_amount"), f3.parent_amount),
                    ),
                )


rule("X203", "附表3 所属专项金额与附表2 不符", Severity.ERROR, parent_amount_vs_form2, config=("amounts.tolerance",))


def goal_drift(ctx: Context) -> Iterator[Hit]:
    """问题：同一专项的实施期/年度绩效目标，在附表2 和附表3 上写得不一样。提示列出不同的文字和
    两个单元格。

    为何要紧：两张表说的是同一个目标；措辞不一致，审核人不知道部门承诺的是哪一个。

    示例：附表2「2023年度内做好驻区部队……慰问工作。」，附表3「做好驻区部队……慰问工作。」（附表2
    多「2023年度内」）。

    修改：使两处文字一致（「同步汇总」以附表3 为准复制到附表2）。
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
            from difflib import SequenceMatcher  # only when two goal texts differ

            here = f2.place.row_cell("funds", i, attr)  # type: ignore[union-attr]
            there = f"{f3.sheet}!{f3.cell(attr)}"
            ratio = SequenceMatcher(None, key(a), key(b)).ratio()
            if ratio >= ctx.config.drift_similarity:
                what = f"措辞有差异：{differences(clean_text(a), clean_text(b))}"
            else:
                what = f"内容不同：附表2「{a}」，附表3「{b}」"
            yield ctx.hit(
                f2,
                here,
                f"「{fund.name}」的{label}在附表2（{here}）与附表3（{there}）{what}",
                "两表文字应一致（同步汇总以附表3 为准）",
                cells=(there,),
            )


rule(
    "X204", "附表2 与附表3 的绩效目标文字不一致", Severity.WARNING, goal_drift, config=("indicators.drift_similarity",)
)


def differences(a: str, b: str, limit: int = 4) -> str:
    """The characters that differ between two texts, in Chinese: 「附表2 多「2023年度内」」."""
    from difflib import SequenceMatcher

    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "delete":
            out.append(f"附表2 多「{a[i1:i2]}」")
        elif op == "insert":
            out.append(f"附表3 多「{b[j1:j2]}」")
        elif op == "replace":
            out.append(f"附表2「{a[i1:i2]}」↔ 附表3「{b[j1:j2]}」")
    more = f"等 {len(out)} 处" if len(out) > limit else ""
    return "；".join(out[:limit]) + more


def duplicate_names(ctx: Context) -> Iterator[Hit]:
    """问题：附表2 有两行专项名称相同，或两张附表3 的支出方向相同。

    为何要紧：专项按名称对应；名称重复使对应含糊，通常是一行被粘贴了两次（金额在合计中算了两遍）。

    示例：「大学生应征入伍奖励」同时出现在附表2 第四行和第八行。

    修改：删除重复行，或给每个专项各自的名称。
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
                rests=[(f2, f2.place.row_cell("funds", seen[k], "name"))],  # type: ignore[list-item,union-attr]
            )
        else:
            seen[k] = i
    directions: dict[str, str] = {}
    first: dict[str, tuple[Form3, str]] = {}
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
                rests=[first[k]],
            )
        else:
            directions[k] = f3.sheet
            first[k] = (f3, f3.cell("direction"))


rule("X205", "专项名称重复", Severity.ERROR, duplicate_names)


def sheet_name_vs_direction(ctx: Context) -> Iterator[Hit]:
    """问题：附表3 工作表的名称与其支出方向不符（工作表应命名为「附表3-支出方向」）。

    为何要紧：经办人和审核人靠工作表标签找专项；改了支出方向却没改标签，标签就指错了专项。打印稿上
    看不到标签，所以只是提示。

    示例：标签「附表3-优抚安置专项」，支出方向「优抚安置」。

    修改：重命名工作表（或更正支出方向）。
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


rule("X206", "附表3 工作表名称与支出方向不符", Severity.INFO, sheet_name_vs_direction)
