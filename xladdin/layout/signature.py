"""Signature lines shared by the forms (单位负责人签字 / 填表人 / 联系电话)."""

from __future__ import annotations

from xladdin.layout.base import Cell, Rows

ANCHOR = "单位负责人签字"


def signature_rows(
    *, label_to: str | None, value: str, value_to: str | None, second: tuple[str, str | None, str, str | None]
) -> Rows:
    """Two rows: 单位负责人签字 on the first, 填表人 and 联系电话 on the second.

    ``second`` gives (联系电话 label column, its merge end, value column, its merge end)."""
    phone_label, phone_label_to, phone_value, phone_value_to = second
    return Rows(
        anchor=ANCHOR,
        rows=(
            (
                Cell("A", label_to, text="单位负责人签字：", style="sign"),
                Cell(value, value_to, key="signature.head", style="sign_field"),
            ),
            (
                Cell("A", label_to, text="填表人：", style="sign"),
                Cell(value, value_to, key="signature.filler", style="sign_field"),
                Cell(phone_label, phone_label_to, text="联系电话：", style="sign"),
                Cell(phone_value, phone_value_to, key="signature.phone", style="sign_field"),
            ),
        ),
        heights=(36, 24),
    )
