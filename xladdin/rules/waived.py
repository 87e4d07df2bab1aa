"""Waiver rules (S010): a confirmation on the 「已确认」 sheet that no longer matches a finding."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from xladdin.rules.base import CATALOGUE, Context, Hit, Severity, rule
from xladdin.waivers import SHEET


def stale_waiver(ctx: Context) -> Iterator[Hit]:
    """问题：「已确认」工作表中的一行确认了某条规则在某个单元格的问题，但该规则在那里已不再报告
    任何问题（单元格已改正、已移动，或写的规则代码不存在）。

    为何要紧：确认是为了一个具体问题、一个理由。单元格改过之后还留着它，就会悄悄放过那里以后出现的
    新问题；审核人只想看到仍然适用的确认。

    示例：「I311 附表3-优抚安置专项 E18 已与主管部门确认」，而 E18 已改为 ≥95%。

    修改：删除「已确认」中的这一行（或更正其中的规则、工作表、单元格）。
    """
    found: dict[str, set[tuple[str, str]]] = {}
    for w in ctx.waivers:
        r = CATALOGUE.get(w.rule)
        if r is None or w.rule == "S010":
            yield ctx.hit(SHEET, f"A{w.row}", f"已确认的规则代码「{w.rule}」不存在", "删除这一行，或更正规则代码")
            continue
        if w.rule not in found:
            view = dataclasses.replace(ctx, config=ctx.config.for_rule(w.rule, r.config))  # type: ignore[arg-type]
            found[w.rule] = {(h.sheet, h.cell) for h in r.check(view)}
        if (w.sheet, w.cell) not in found[w.rule]:
            yield ctx.hit(
                SHEET,
                f"A{w.row}",
                f"已确认的 {w.rule}「{w.sheet}!{w.cell}」已不再出现（理由：{w.reason}）",
                "该问题已不存在：删除「已确认」中的这一行",
            )


rule("S010", "已确认的问题已不再出现", Severity.WARNING, stale_waiver)
