"""Transfer-form rules (F518–F519): a 区域/转移支付 绩效目标表 against the allocation the same notice
prints, and a project name cut short."""

from __future__ import annotations

from collections.abc import Iterator

from xladdin.patterns import lazy
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.values import clean_text, plain_number


def _amount(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    number = plain_number(value.strip()) if isinstance(value, str) else None
    return float(number) if number is not None else None


def _shown(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def amount_not_allocated(ctx: Context) -> Iterator[Hit]:
    """问题：通知把资金分配表和区域（转移支付）绩效目标表作为附件印在一起，目标表的「下达资金总额」
    （年度金额）却比分配表下达的全部资金还多。

    为何要紧：区域绩效目标表要按本级实际分配的资金分解填写；金额超过本次下达的全部资金，说明是照搬了
    上级的目标表（上级下达给全省、全市的总额），目标和指标也就没有按本地的资金量设定，审核人会退回。

    示例：重庆万盛 2025 附件1 分配表下达卫生健康局 11.7 万元，附件2 区域绩效目标表「下达资金总额」写 1916。

    修改：按本次分配表下达的金额填写目标表的资金情况，并据此调整年度目标和指标值。分配表只列其中几个
    方向、目标表只写其中一部分的（金额不超过分配表），不提示。
    """
    for fmap in ctx.structure.maps:
        alloc = fmap.allocation
        at = fmap.fields.get("project_amount")
        if alloc is None or at is None or not at.cell or alloc.unit != "万元" or at.cell in fmap.weak_cells():
            continue  # an amount found by a guess, or at our template's place on this form, compares nothing
        amount = _amount(at.value)
        if amount is None or amount <= alloc.ceiling + 0.005:
            continue  # a part of what the table allocates (its lines, its sub-columns) may be this form's
        if any(abs(amount - x * 10000) < 0.5 for x in (alloc.total, alloc.ceiling)):
            continue  # the same money written in 元
        yield ctx.hit(
            fmap.sheet,
            at.cell,
            f"下达资金总额 {_shown(amount)} 超过同一通知资金分配表（{alloc.title[0]}）下达的全部资金 "
            f"{_shown(alloc.total)} 万元：目标表照搬了上级的金额，没有按本级分配的资金分解",
            "按分配表下达的金额填写资金情况，并据此调整年度目标和指标值",
            rests=(alloc.title[0],),
        )


rule("F518", "转移支付目标表的金额超过同页分配表下达的资金", Severity.ERROR, amount_not_allocated)


#: A word a name cannot end with: it wants what follows it (「…公益金支持」「…用于」「…及」).
_DANGLING = lazy(r"(?:支持|用于|关于|对于|及|和|与|的|对|为)$")
_YEAR_HEAD = lazy(r"^(?:19|20)\d{2}年度?")
_FORM_TAIL = lazy(r"(?:资金)?(?:分配|安排)(?:表|方案|明细表?|清单)(?:\(.{0,8}\))?$")


def name_cut_short(ctx: Context) -> Iterator[Hit]:
    """问题：项目（资金）名称停在一个要接宾语的词上（「中央专项彩票公益金支持」「…资金用于」「…及」），
    名称不完整。

    为何要紧：名称要与下达文件、分配表的资金名称一致，审核人靠它对上资金和目标；半截名称对不上，
    值得核对。

    示例：重庆万盛 2025 区域绩效目标表「项目名称: 中央专项彩票公益金支持」，同页分配表的名称是
    「中央专项彩票公益金支持居家和社区基本养老服务提升行动项目」。

    修改：按下达文件写全项目名称。
    """
    for fmap in ctx.structure.maps:
        at = fmap.fields.get("direction")
        if at is None or not at.cell or not isinstance(at.value, str) or at.cell in fmap.weak_cells():
            continue
        name = clean_text(at.value)
        if len(name) < 6 or not _DANGLING.search(name):
            continue
        full = ""
        if fmap.allocation is not None:
            title = _FORM_TAIL.sub("", _YEAR_HEAD.sub("", clean_text(fmap.allocation.title[1])))
            full = title if title.startswith(name) and len(title) > len(name) else ""
        said = f"，同页分配表为「{full}」" if full else ""
        yield ctx.hit(
            fmap.sheet,
            at.cell,
            f"项目名称「{name}」停在「{_DANGLING.search(name).group(0)}」上，名称不完整{said}",  # type: ignore[union-attr]
            "按下达文件写全项目名称",
        )


rule("F519", "项目名称不完整", Severity.WARNING, name_cut_short)
