"""A filled workbook as a clerk's office returns it, built by code: the seed example with a stamp
picture and a text box 「已盖章」 on 附表1, comments, date-formatted numbers, and a value kept under a
merged cell — everything openpyxl does not carry across a save."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

#: Cells of 附表1 holding numbers shown as dates (outside the form's own cells).
DATE_CELLS = {"G5": 45292, "G6": 45000.5, "G7": 2958465}
#: A value under the merge B4:E4 (the department's row), which Excel keeps but does not show.
KEPT_UNDER_MERGE = ("C4", "保留在合并单元格下的值")
#: The title's text again under its merge A2:E2 (some offices' templates carry it there).
TITLE_UNDER_MERGE = ("C2", "2023年部门整体支出绩效目标表")
_DATE = "stamped-date"


def png(width: int = 40, height: int = 40) -> bytes:
    """A small red square as PNG bytes (a stamp)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\0" + b"\xcc\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def build_stamped(path: Path) -> Path:
    """The seed example at ``path`` (.xlsx or .xlsm), decorated as above."""
    from xladdin.build import workbook as builder
    from xladdin.examples.shifeng2023 import submission

    real = builder._write_sheet

    def decorated(ws, spec, formats) -> None:
        real(ws, spec, formats)
        if spec.name == "附表1":
            ws.insert_image("G10", "stamp.png", {"image_data": BytesIO(png())})
            ws.insert_textbox("G2", "已盖章", {"width": 120, "height": 40})
            ws.write_comment("B4", "请核对部门全称")
            ws.write_comment("C7", "含上年结转")
            for ref, number in DATE_CELLS.items():
                ws.write_number(ref, number, formats[_DATE])
            ws.write_string(*KEPT_UNDER_MERGE)
            ws.write_string(*TITLE_UNDER_MERGE)
        elif spec.name.startswith("附表3-优抚"):
            ws.write_comment("A1", "经办人：张三")

    builder._write_sheet = decorated
    builder.STYLES[_DATE] = {"num_format": "yyyy-mm-dd"}
    try:
        from xladdin.build.template import build_workbook

        return build_workbook(submission(), path)
    finally:
        builder._write_sheet = real
        del builder.STYLES[_DATE]
