"""Last year's indicator values, kept where a clerk sees them: the 「上年指标值」 sheet.

``rollover`` writes it (one row per indicator with a value: 工作表, 单元格, 三级指标, 上年指标值,
下调原因); the reader puts each value into ``Indicator.prior`` (and a 下调原因 written beside it into
``Indicator.extra``), so the 适当性 rule 「目标值低于上年」 can compare; export leaves the sheet out
(it is a helper sheet, like 转年说明). No engine here.
"""

from __future__ import annotations

from xladdin.io.grid import BookGrid
from xladdin.layout.base import norm
from xladdin.model import CellValue, Indicator, Submission
from xladdin.values import clean_text, is_blank

SHEET = "上年指标值"
HEADER = ("工作表", "单元格", "三级指标", "上年指标值", "下调原因")
WIDTHS = (30, 8, 40, 16, 40)
#: The ``Indicator.extra`` key of a reason written on the sheet for a lower target.
REASON = "下调原因"
NOTE = "上年的指标值，供核对目标是否低于上年；指标值低于上年时请在「下调原因」中写明理由。本表不随报送导出。"


def prior_rows(sub: Submission) -> tuple[tuple[CellValue, ...], ...]:
    """The sheet's rows for ``sub`` (the year being rolled over): a note, the header, then one row per
    indicator that has a name and a value."""
    rows: list[tuple[CellValue, ...]] = [(NOTE,), HEADER]
    for form in sub.forms():
        for i, ind in enumerate(getattr(form, "indicators", [])):
            if is_blank(ind.name) or is_blank(ind.value):
                continue
            rows.append((form.sheet, form.place.row_cell("indicators", i, "value"), ind.name, ind.value, ""))
    return tuple(rows)


def read_priors(grid: BookGrid, sub: Submission) -> None:
    """Put the values of the 「上年指标值」 sheet into the indicators they belong to: the row at
    the cell written when the name still matches, else the first row of that name."""
    sheet = grid.sheet(SHEET)
    if sheet is None:
        return
    forms = {f.sheet: f for f in sub.forms() if getattr(f, "indicators", None)}
    taken: set[int] = set()
    for line in sheet.rows:
        name_of_sheet, cell, name, prior, reason = (*line, None, None, None, None, None)[:5]
        form = forms.get(clean_text(name_of_sheet))
        if form is None or is_blank(name) or is_blank(prior) or clean_text(name_of_sheet) == HEADER[0]:
            continue
        ind = _match(form.indicators, form, clean_text(cell).upper(), norm(clean_text(name)), taken)
        if ind is None:
            continue
        taken.add(id(ind))
        ind.prior = prior
        if not is_blank(reason):
            ind.extra[REASON] = reason


def _match(indicators: list[Indicator], form: object, cell: str, key: str, taken: set[int]) -> Indicator | None:
    place = form.place  # type: ignore[attr-defined]
    same = [(i, ind) for i, ind in enumerate(indicators) if norm(clean_text(ind.name)) == key and id(ind) not in taken]
    for i, ind in same:
        if place.row_cell("indicators", i, "value") == cell:
            return ind
    return same[0][1] if same else None
