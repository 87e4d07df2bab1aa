"""Form-field rules (F5xx): header fields, signature lines and the budget year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from xladdin.model import Form1, Form3
from xladdin.rules.base import Context, Hit, Severity, rule
from xladdin.rules.indicators import tables
from xladdin.values import clean_text, is_blank

_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_PHONE = re.compile(r"^(?:\+?86[- ]?)?(?:1\d{10}|0\d{2,3}[- ]?\d{7,8}(?:[- ]?\d{1,4})?|\d{7,8})$")


@rule("F501", "填报单位或部门名称未填", Severity.WARNING)
def header_fields(ctx: Context) -> Iterator[Hit]:
    """填报单位 (on every form) or 部门名称 (附表1) is blank.

    Why it matters: the reviewer must know whose forms these are; it is filled (and stamped) before
    submission. While drafting this is a warning.

    Example: 「填报单位：（盖章）」 with nothing beside it.

    Fix: write the department's full name.
    """
    for form in ctx.submission.forms():
        if form.cell("unit") and is_blank(form.unit):
            yield ctx.hit(form, form.cell("unit"), "填报单位未填写", "填写单位全称（报送前加盖公章）")
        if isinstance(form, Form1) and form.cell("department") and is_blank(form.department):
            yield ctx.hit(form, form.cell("department"), "部门名称未填写", "填写部门全称")


@rule("F502", "签字栏未填", Severity.WARNING)
def signature_fields(ctx: Context) -> Iterator[Hit]:
    """单位负责人, 填表人 or 联系电话 is blank.

    Why it matters: the reviewer needs someone to call and someone who answers for the figures.
    While drafting this is a warning; set it to "error" in the configuration before submission.

    Example: 「填表人：」 and 「联系电话：」 empty.

    Fix: write the names and a telephone number (单位负责人 signs the printed form).
    """
    for form in ctx.submission.forms():
        for key, label in (
            ("signature.head", "单位负责人"),
            ("signature.filler", "填表人"),
            ("signature.phone", "联系电话"),
        ):
            if form.cell(key) and is_blank(form.get(key)):
                yield ctx.hit(form, form.cell(key), f"{label}未填写", f"填写{label}")


@rule("F503", "联系电话格式不对", Severity.INFO)
def phone_format(ctx: Context) -> Iterator[Hit]:
    """联系电话 does not look like a Chinese telephone number.

    Why it matters: the reviewer calls this number with questions.

    Example: 「0731-2288」.

    Fix: an 11-digit mobile number or an area code with the number (0731-22881234).
    """
    for form in ctx.submission.forms():
        phone = form.signature.phone
        if not is_blank(phone) and not _PHONE.match(clean_text(phone).replace(" ", "")):
            yield ctx.hit(
                form, form.cell("signature.phone"), f"联系电话「{phone}」格式不对", "填写手机号或「区号-号码」"
            )


@rule("F504", "年度与预算年度不一致", Severity.WARNING)
def budget_year(ctx: Context) -> Iterator[Hit]:
    """A title, a 项目实施期 or a 时效指标 value names another year than the budget year (the year
    in 附表1's title).

    Why it matters: a form copied from last year and not updated is a classic slip.

    Example: title 「2023年…」 with 时效指标 「2022年度」.

    Fix: write the budget year.
    """
    year = ctx.submission.year
    if year is None:
        return
    for form in ctx.submission.forms():
        places = [("title", form.title, "标题")]
        if isinstance(form, Form3):
            places.append(("period", form.period, "项目实施期"))
        for key, value, label in places:
            years = {int(y) for y in _YEAR.findall(clean_text(value))}
            if years and year not in years and form.cell(key):
                yield ctx.hit(form, form.cell(key), f"{label}「{value}」的年度不是预算年度 {year}", f"改为 {year} 年")
    for form, rows in tables(ctx):
        for r in rows:
            if "时效" not in clean_text(r.ind.level2) or not r.valued:
                continue
            years = {int(y) for y in _YEAR.findall(clean_text(r.ind.value))}
            if years and year not in years:
                yield ctx.hit(
                    form, r.cell("value"), f"时效指标「{r.ind.value}」的年度不是预算年度 {year}", f"改为 {year}年度"
                )
