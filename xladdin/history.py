"""Last year's indicator values, kept where a clerk sees them: the 「上年指标值」 sheet.

``rollover`` writes it, and so does ``import`` of last year's form (``import --year`` to a later
year than the source's, or a source that names no year: ``xladdin.commands.importer``): one row
per indicator with a value (工作表, 单元格, 三级指标, 上年指标值, 下调原因). The reader puts each
value into ``Indicator.prior`` (and a 下调原因 written beside it into ``Indicator.extra``), so the
适当性 rule 「目标值低于上年」 can compare; export leaves the sheet out (it is a helper sheet, like
转年说明). No engine here.
"""

from __future__ import annotations

from xladdin.io.grid import BookGrid
from xladdin.layout.base import norm
from xladdin.model import CellValue, Indicator, Submission
from xladdin.patterns import lazy
from xladdin.values import clean_text, is_blank

SHEET = "上年指标值"
HEADER = ("工作表", "单元格", "三级指标", "上年指标值", "下调原因")
WIDTHS = (30, 8, 40, 16, 40)
#: The ``Indicator.extra`` key of a reason written on the sheet for a lower target.
REASON = "下调原因"
NOTE = "上年的指标值，供核对目标是否低于上年；指标值低于上年时请在「下调原因」中写明理由。本表不随报送导出。{origin}"


def prior_rows(sub: Submission, origin: str = "") -> tuple[tuple[CellValue, ...], ...]:
    """The sheet's rows for ``sub`` (the year being rolled over): see :func:`sheet_rows`, one row per
    indicator that has a name and a value, keyed by its sheet and the cell of its value."""
    rows: list[tuple[CellValue, ...]] = []
    for form in sub.forms():
        for i, ind in enumerate(getattr(form, "indicators", [])):
            if is_blank(ind.name) or is_blank(ind.value):
                continue
            rows.append((form.sheet, form.place.row_cell("indicators", i, "value"), ind.name, ind.value, ""))
    return sheet_rows(rows, origin)


def sheet_rows(rows: list[tuple[CellValue, ...]], origin: str = "") -> tuple[tuple[CellValue, ...], ...]:
    """The whole sheet: a note (``origin``, at its end, says where the values came from: 「导入自「…」。」), the
    header, then ``rows`` (工作表, 单元格, 三级指标, 上年指标值, 下调原因)."""
    return ((NOTE.format(origin=origin),), HEADER, *rows)


#: Columns whose text beside a value explains it (指标值设定依据, 说明, 备注, 下调原因 …).
REASON_HEADER = lazy(r"依据|说明|备注|原因|理由")


def reason_of(ind: Indicator) -> CellValue:
    """The reason written beside ``ind``'s value, if any: its 下调原因 on this sheet, its 指标解释, or
    a column such as 指标值设定依据 or 备注 (what 「目标值低于上年」 accepts as a reason)."""
    if not is_blank(ind.extra.get(REASON)):
        return ind.extra[REASON]
    if not is_blank(ind.explanation):
        return ind.explanation
    return next((v for k, v in ind.extra.items() if REASON_HEADER.search(str(k)) and not is_blank(v)), None)


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
