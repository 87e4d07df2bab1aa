"""Rule I396: a 项目支出明细 written as head counts × per-head amounts (重庆巴南 「村支部书记44人(311元/人)…」)
whose products, once, by month or by quarter, do not make the project's amount; rule I389: a count of people
each given a service or aid that the year's money cannot pay for (安徽金安 2023 康复: 80 万元, ≥18000人)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from xladdin.model import Form3
from xladdin.patterns import lazy
from xladdin.rules.amounts import differs
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators.helpers import Row, tables
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


#: A count of people each given something the money pays for (a service, aid, a device): 「签约康复人数」,
#: 「救助困难群众户数」, 「发放辅助器具人数」, 「资助学生人数」.
_PAID_FOR = lazy(r"康复|救助|救济|补助|补贴|资助|辅助器具|助学|慰问|安置|托养|护理|医疗|治疗|手术|适配")
#: ... and not a count the money only reaches: those covered, informed, trained in a group, brought along.
_REACHED = lazy(r"覆盖|受益|惠及|宣传|知晓|带动|参与|参加|培训|服务对象满意|满意|比例|率")
_PEOPLE = ("人", "名", "户", "位")
#: Yuan a head below which no such service or aid is paid for (a one-off 慰问 is some hundreds).
_PER_HEAD_FLOOR = Decimal(100)


def counts_beyond_money(ctx: Context) -> Iterator[Hit]:
    """问题：数量指标要为很多人各提供一项服务或补助（康复、救助、资助、辅助器具……），年度资金平摊到每人
    不到 100 元。

    为何要紧：人数和资金都是年底要核对的；80 万元要签约康复 18000 人，每人只有 44 元，连一次康复服务
    都不够，说明人数、资金或测算有一处不对（或另有资金来源没写），审核人会要求核实。

    示例：安徽金安 2023 残疾人精准康复：年度资金总额 80 万元，「签约康复人数」≥18000人，「发放辅助器具
    人数」≥4000人。

    修改：按实际测算核对人数和资金；还有其他资金来源的，写明来源和金额。只覆盖、惠及、宣传到的人数
    （受益人数、知晓率）不在此列。
    """
    for form, rows in tables(ctx):
        if not isinstance(form, Form3) or not form.cell("project_amount"):
            continue
        if not ctx.found(form, "amount") or not ctx.sure(form, "project_amount"):
            continue
        got = amount(form.project_amount)
        money = got.number if got.number is not None else got.parsed  # 「80」 as text (a Word source), 「80万」
        if money is None or money <= 0:
            continue
        worst: tuple[Decimal, Row] | None = None
        for r in rows:
            name = clean_text(r.ind.name)
            q = r.quantity
            if not (r.is_quantity and r.named and q is not None and q.op in ("", "=", "≥", ">")):
                continue
            if q.unit not in _PEOPLE or not _PAID_FOR.search(name) or _REACHED.search(name) or q.number <= 0:
                continue
            each = money * 10000 / q.number
            if each < _PER_HEAD_FLOOR and (worst is None or each < worst[0]):
                worst = (each, r)
        if worst is None:
            continue
        each, r = worst
        yield r.hit(
            ctx,
            "value",
            f"年度资金 {fmt(money)} 万元，「{clean_text(r.ind.name)}」却要 {r.ind.value}：平均每人不到 "
            f"{int(each) + 1} 元，数量与资金不匹配",
            "按实际测算核对人数和资金；另有资金来源的，写明来源和金额",
        )


rule("I389", "数量指标的人数与年度资金不匹配", Severity.WARNING, counts_beyond_money)
