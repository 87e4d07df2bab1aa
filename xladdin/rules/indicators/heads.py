"""Rule I396: a 项目支出明细 written as head counts × per-head amounts (重庆巴南 「村支部书记44人(311元/人)…」)
whose products, once, by month or by quarter, do not make the project's amount."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from xladdin.patterns import lazy
from xladdin.rules.amounts import differs
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.values import amount, clean_text, fmt

#: A head count and its per-head amount: 「村支部书记44人(311元/人)」, 「网格员30人×330元」, 「70个村，每村704元」
#: is not matched (no count beside its rate).
_HEADS = lazy(
    r"(\d+(?:\.\d+)?)\s*([人户名个村所校座处])\s*(?:[(（]\s*(\d+(?:\.\d+)?)\s*元\s*/\s*\2\s*[)）]"
    r"|[×xX*＊]\s*(\d+(?:\.\d+)?)\s*元(?:\s*/\s*\2)?(?!\s*[×xX*＊]))"
)
#: A period the detail states: then only that one is tried.
_DETAIL_PERIOD = {"月": 12, "季": 4, "年": 1}
_STATED = lazy(r"每(?:人|户|名)?每?([月季年])|按([月季年])|/\s*([月季年])")


def detail_heads(ctx: Context) -> Iterator[Hit]:
    """问题：项目支出明细写成一段文字，按「人数 × 每人标准」列出（「村支部书记44人(311元/人),社区4人(191元/人)」），
    各项相乘再相加，不论按一次、按月（×12）还是按季（×4）算，都不等于项目金额；明细写明了期间（每月、每年）
    时只按那个期间算。

    为何要紧：支出明细是预算金额的来由；人数乘标准对不上金额，说明人数、标准、期间或金额有一处不对，
    审核人会要求写明期间并核对测算。

    示例：项目金额 20 万元，支出明细「村支部书记44人(311元/人),社区4人(191元/人)」：一次 1.4448 万元，按月全年
    17.3376 万元，都不是 20 万元。

    修改：写明标准的期间（每人每月311元）和月数，使人数×标准×期间等于项目金额；或改正金额。
    """
    for f3 in ctx.submission.form3s:
        cell, budget_cell = f3.cell("info.detail"), f3.cell("project_amount")
        if not cell or not budget_cell or not ctx.found(f3, "amount") or not ctx.sure(f3, "project_amount"):
            continue
        text = clean_text(f3.info.detail)
        budget = amount(f3.project_amount).number
        heads = _HEADS.findall(text)
        if budget is None or budget <= 0 or len(heads) < 1:
            continue
        once = sum(Decimal(n) * Decimal(a or b) for n, _unit, a, b in heads) / 10000  # 元 → 万元
        stated = {p for m in _STATED.finditer(text) for p in m.groups() if p}
        periods = [_DETAIL_PERIOD[p] for p in stated] if len(stated) == 1 else [1, 12, 4]
        if any(not differs(ctx, once * k, budget) for k in periods):
            continue
        tried = "；".join(
            f"{'一次' if k == 1 else '按月全年' if k == 12 else '按季全年'} {fmt(once * k)} 万元" for k in periods
        )
        yield ctx.hit(
            f3,
            cell,
            f"支出明细按人数×标准算得 {tried}，与项目金额 {fmt(budget)} 万元（{budget_cell}）对不上"
            + ("（明细没有写期间）" if len(stated) != 1 else ""),
            "写明标准的期间（每人每月/每年多少元）和月数，使人数×标准×期间等于项目金额；或改正金额",
            cells=(f"{f3.sheet}!{budget_cell}",),
        )


rule(
    "I396",
    "支出明细的人数×标准与项目金额对不上",
    Severity.WARNING,
    detail_heads,
    config=("amounts.tolerance",),
    needs=(),
)
