"""Waiver rules (S010): a confirmation on the 「已确认」 sheet that no longer matches a finding."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from xladdin.rules.base import CATALOGUE, Context, Hit, Severity, rule
from xladdin.waivers import SHEET


@rule("S010", "已确认的问题已不再出现", Severity.WARNING)
def stale_waiver(ctx: Context) -> Iterator[Hit]:
    """A row of the 「已确认」 sheet names a rule and a cell where that rule no longer reports
    anything (the cell was corrected, moved, or the row names an unknown rule).

    Why it matters: a confirmation accepts one finding for a reason. Left behind after the cell
    changes, it would silently accept whatever problem appears there next; a reviewer wants to
    see only confirmations that still apply.

    Example: 「I311 附表3-优抚安置专项 E18 已与主管部门确认」 after E18 was changed to ≥95%.

    Fix: delete the row on 「已确认」 (or correct its rule, sheet or cell).
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
