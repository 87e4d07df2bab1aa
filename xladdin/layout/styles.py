"""Cell styles of the forms, engine-neutral (XlsxWriter's property names; openpyxl maps them)."""

from __future__ import annotations

FONT = "宋体"  # what the paper forms use; LibreOffice substitutes a CJK font when it is missing

#: The number format of an amount cell (万元): two decimals at least, up to four when typed.
AMOUNT_FORMAT = "0.00##"

_BASE = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "text_wrap": True}
_BOX = {**_BASE, "border": 1}

STYLES: dict[str, dict[str, object]] = {
    "marker": {**_BASE, "font_size": 11, "bold": True, "align": "left"},
    "title": {**_BASE, "font_size": 16, "bold": True, "align": "center"},
    "subtitle": {**_BASE, "font_size": 10, "align": "left"},
    "label": {**_BOX, "bold": True, "align": "center"},
    "header": {**_BOX, "bold": True, "align": "center"},
    "text": {**_BOX, "align": "left"},
    "long": {**_BOX, "align": "left"},
    # two decimals as the forms print amounts, but a third or fourth decimal the clerk typed shows
    # (24.998 万元 is not 「25.00」): "0.00##" prints 25 as 25.00 and 24.998 as 24.998, in Excel, WPS and
    # LibreOffice alike
    "amount": {**_BOX, "align": "right", "num_format": AMOUNT_FORMAT},
    "sign": {**_BASE, "align": "left", "valign": "top"},
    # where a header or signature field is typed: a line under the blank, as on the paper form; 填报单位
    # stands on the table's top edge, so its blank is marked off at both ends too
    "subtitle_field": {**_BASE, "font_size": 10, "align": "left", "bottom": 1, "left": 1, "right": 1},
    "sign_field": {**_BASE, "align": "left", "valign": "top", "bottom": 1},
}

#: Characters per line and the height of one line, to size rows holding long text.
LINE_HEIGHT = 13.5


def file_width(chars: float) -> float:
    """A column width as the file stores it: Excel shows ``chars`` characters of the default font
    (7 px each, plus 5 px of padding) for a stored width of ``pixels / 7`` rounded down to 1/256
    (what Excel and XlsxWriter write; openpyxl would store ``chars`` as it is, a narrower column)."""
    pixels = int(chars * 12 + 0.5) if chars < 1 else int(chars * 7 + 0.5) + 5
    return (pixels * 256 // 7) / 256
