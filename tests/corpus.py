"""A corpus of bad inputs, generated from the example: each case is a function that writes a file
and says what must come of it (an exit code, and a finding or a message that names the problem)."""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path, Path], Path]  # (example .xlsx, output dir) -> the bad file
    exit_code: int  # 0/1 with findings, 2 unreadable
    expect: tuple[str, ...] = ()  # rule codes (exit 0/1) or message fragments (exit 2)
    cell: tuple[str, str] | None = None  # (sheet, cell) one finding must point at
    absent: tuple[str, ...] = ()  # rule codes that must not be reported (a right answer, not a guess)
    #: the command line, the file's path standing for ``{}`` and the output folder for ``{out}``
    #: (validate --json unless said otherwise); an exit code 2 must leave the folder as it was
    command: tuple[str, ...] = ("validate", "{}", "--json")


CASES: list[Case] = []


def case(
    name: str,
    exit_code: int,
    *expect: str,
    cell: tuple[str, str] | None = None,
    absent: tuple[str, ...] = (),
    command: tuple[str, ...] = ("validate", "{}", "--json"),
):
    def register(fn: Callable[[Path, Path], Path]) -> Callable[[Path, Path], Path]:
        CASES.append(Case(name, fn, exit_code, expect, cell, absent, command))
        return fn

    return register


def _edit(src: Path, out: Path, name: str, change: Callable[[openpyxl.Workbook], None]) -> Path:
    wb = openpyxl.load_workbook(src)
    change(wb)
    target = out / f"{name}.xlsx"
    wb.save(target)
    return target


def _bytes(out: Path, name: str, data: bytes, suffix: str = ".xlsx") -> Path:
    target = out / f"{name}{suffix}"
    target.write_bytes(data)
    return target


def _rezip(src: Path, out: Path, name: str, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(src) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    change(parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    return _bytes(out, name, buf.getvalue())


F3 = "附表3-城镇军队退役人员就业援助资金"


# --- not a workbook at all -------------------------------------------------------------------
@case("not_a_zip", 2, "不是 Excel 工作簿")
def not_a_zip(src: Path, out: Path) -> Path:
    return _bytes(out, "not_a_zip", "部门名称,金额\n退役军人事务局,1326.19\n".encode())


@case("truncated_zip", 2, "损坏或不完整")
def truncated_zip(src: Path, out: Path) -> Path:
    data = src.read_bytes()
    return _bytes(out, "truncated_zip", data[: len(data) // 2])


@case("legacy_xls", 2, ".xls")
def legacy_xls(src: Path, out: Path) -> Path:
    return _bytes(out, "legacy", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096, ".xls")


@case("password_protected", 2, "密码")
def password_protected(src: Path, out: Path) -> Path:
    # An encrypted .xlsx is an OLE container (EncryptionInfo + EncryptedPackage), not a zip.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    return _bytes(out, "password", header + "EncryptionInfo".encode("utf-16-le") + b"\0" * 2048)


@case("empty_file", 2, "不是 Excel 工作簿")
def empty_file(src: Path, out: Path) -> Path:
    return _bytes(out, "empty_file", b"")


@case("empty_workbook", 2, "找不到附表1")
def empty_workbook(src: Path, out: Path) -> Path:
    target = out / "empty_workbook.xlsx"
    openpyxl.Workbook().save(target)
    return target


@case("missing_workbook_part", 2, "缺少部件")
def missing_workbook_part(src: Path, out: Path) -> Path:
    return _rezip(src, out, "missing_part", lambda p: p.pop("xl/workbook.xml"))


@case("malformed_sheet_xml", 2, "无法解析")
def malformed_sheet_xml(src: Path, out: Path) -> Path:
    def change(p: dict[str, bytes]) -> None:
        p["xl/worksheets/sheet1.xml"] = p["xl/worksheets/sheet1.xml"][:-200]

    return _rezip(src, out, "malformed", change)


@case("zip_bomb", 2, "zip 炸弹")
def zip_bomb(src: Path, out: Path) -> Path:
    def change(p: dict[str, bytes]) -> None:
        p["xl/worksheets/sheet1.xml"] = b"<worksheet>" + b" " * (60 * 1024 * 1024) + b"</worksheet>"

    return _rezip(src, out, "zip_bomb", change)


@case("xml_entity_expansion", 2, "DTD")
def entity_expansion(src: Path, out: Path) -> Path:
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )

    def change(p: dict[str, bytes]) -> None:
        p["xl/worksheets/sheet1.xml"] = lol

    return _rezip(src, out, "entities", change)


# --- a workbook, but not shaped as expected --------------------------------------------------
@case("missing_form2", 1, "S001", cell=("附表1", "A1"))
def missing_form2(src: Path, out: Path) -> Path:
    return _edit(src, out, "missing_form2", lambda wb: wb.remove(wb["附表2"]))


@case("renamed_sheets", 1, "I305", cell=("Sheet4", "E10"))
def renamed_sheets(src: Path, out: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        for i, ws in enumerate(wb.worksheets):
            ws.title = f"Sheet{i + 1}"

    return _edit(src, out, "renamed", change)


@case("reordered_sheets", 1, "I305", cell=(F3, "E10"))
def reordered_sheets(src: Path, out: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        wb._sheets.reverse()

    return _edit(src, out, "reordered", change)


@case("indicator_row_added", 1, "I302", cell=(F3, "E11"))
def indicator_row_added(src: Path, out: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[F3]
        for rng in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(rng))
        ws.insert_rows(11)  # a second 数量指标 row, named, value left blank
        ws["B11"], ws["C11"], ws["D11"] = "产出指标", "数量指标", "培训人次"

    return _edit(src, out, "row_added", change)


@case("indicator_row_deleted", 1, "I301", cell=(F3, "B10"))
def indicator_row_deleted(src: Path, out: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[F3]
        for rng in list(ws.merged_cells.ranges):
            if rng.min_row >= 10:
                ws.unmerge_cells(str(rng))
        ws.delete_rows(18)  # the 满意度 row

    return _edit(src, out, "row_deleted", change)


@case("labels_unmerged", 1, "I305", cell=(F3, "E10"))
def labels_unmerged(src: Path, out: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        for ws in wb.worksheets:
            for rng in list(ws.merged_cells.ranges):
                ws.unmerge_cells(str(rng))

    return _edit(src, out, "unmerged", change)


@case("labels_remerged", 1, "I305", cell=(F3, "E10"))
def labels_remerged(src: Path, out: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[F3]
        ws.unmerge_cells("A9:A18")
        ws.merge_cells("A9:A12")  # the 年度绩效指标 label merged over fewer rows

    return _edit(src, out, "remerged", change)


def _amount_text(name: str, text: object, rule: str) -> None:
    @case(f"amount_{name}", 1, rule, cell=(F3, "B5"))
    def make(src: Path, out: Path) -> Path:
        return _edit(src, out, f"amount_{name}", lambda wb: wb[F3].__setitem__("B5", text))


_amount_text("thousands_comma", "1,184.26", "A101")
_amount_text("wan_suffix", "320万元", "A101")
_amount_text("full_width", "１２３", "A101")
_amount_text("spaces", " 2 ", "A101")
_amount_text("yuan_sign", "¥2", "A101")
_amount_text("negative", -320, "A102")


def _error_value(code: str) -> None:
    @case(f"error_{code}", 1, "A101", cell=("附表2", "C7"))
    def make(src: Path, out: Path) -> Path:
        def change(p: dict[str, bytes]) -> None:
            sheet = p["xl/worksheets/sheet2.xml"].decode()
            start = sheet.index('<c r="C7"')
            end = sheet.index("</c>", start) + 4
            p["xl/worksheets/sheet2.xml"] = (
                sheet[:start] + f'<c r="C7" t="e"><v>{code}</v></c>' + sheet[end:]
            ).encode()

        return _rezip(src, out, f"error_{code.strip('#!/').replace('/', '')}", change)


for _code in ("#REF!", "#DIV/0!", "#VALUE!"):
    _error_value(_code)


@case("total_overwritten", 1, "A110", "A106", cell=("附表2", "C5"))
def total_overwritten(src: Path, out: Path) -> Path:
    return _edit(src, out, "total_overwritten", lambda wb: wb["附表2"].__setitem__("C5", 1000))


@case("ten_thousand_rows", 1, "S004", cell=("明细草稿", "A1"))
def ten_thousand_rows(src: Path, out: Path) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb.create_sheet("明细草稿")
        for r in range(1, 10_001):
            ws.append([r, f"第{r}行", r * 1.5, "说明" * 5])

    return _edit(src, out, "ten_thousand_rows", change)


@case("huge_cell", 1, "X204", cell=("附表2", "E7"))
def huge_cell(src: Path, out: Path) -> Path:
    return _edit(src, out, "huge_cell", lambda wb: wb["附表2"].__setitem__("E7", "长" * 30_000))


@case("duplicate_fund_names", 1, "X205", cell=("附表2", "B7"))
def duplicate_fund_names(src: Path, out: Path) -> Path:
    return _edit(src, out, "duplicates", lambda wb: wb["附表2"].__setitem__("B7", "烈士纪念设施整修"))


@case("fund_without_sheet", 1, "X201", cell=("附表2", "B9"))
def fund_without_sheet(src: Path, out: Path) -> Path:
    return _edit(src, out, "no_sheet", lambda wb: wb.remove(wb["附表3-大学生应征入伍奖励"]))


@case("external_link_formula", 1, "S003", cell=(F3, "B5"))
def external_link(src: Path, out: Path) -> Path:
    return _edit(src, out, "external", lambda wb: wb[F3].__setitem__("B5", "='[budget.xlsx]Sheet1'!A1"))


@case("circular_total", 1, "A101", cell=("附表2", "C5"))
def circular_total(src: Path, out: Path) -> Path:
    return _edit(src, out, "circular", lambda wb: wb["附表2"].__setitem__("C5", "=C5+1"))


@case("formula_text_in_cell", 1, "I304", cell=(F3, "E15"))
def formula_text(src: Path, out: Path) -> Path:
    # text that looks like code is only ever text: never evaluated
    return _edit(src, out, "code_text", lambda wb: wb[F3].__setitem__("E15", "__import__('os').system('x')"))


@case("hidden_form_sheet", 1, "I305", cell=(F3, "E10"))
def hidden_sheet(src: Path, out: Path) -> Path:
    return _edit(src, out, "hidden", lambda wb: setattr(wb[F3], "sheet_state", "hidden"))


# --- numbers that are not finite or not sane ---------------------------------------------------
def _raw_value(name: str, raw: str) -> None:
    """A number cell whose stored value is not a finite number (written by a broken tool)."""

    @case(f"raw_{name}", 1, "A101", cell=("附表2", "C7"))
    def make(src: Path, out: Path) -> Path:
        def change(p: dict[str, bytes]) -> None:
            sheet = p["xl/worksheets/sheet2.xml"].decode()
            start = sheet.index('<c r="C7"')
            end = sheet.index("</c>", start) + 4
            p["xl/worksheets/sheet2.xml"] = (sheet[:start] + f'<c r="C7"><v>{raw}</v></c>' + sheet[end:]).encode()

        return _rezip(src, out, f"raw_{name}", change)


for _name, _raw in (("nan", "NaN"), ("inf", "INF"), ("minus_inf", "-inf"), ("overflow", "1e400")):
    _raw_value(_name, _raw)

_amount_text("nan_text", "NaN", "A101")
_amount_text("inf_text", "Infinity", "A101")
_amount_text("overflow_text", "1e400", "A101")
_amount_text("absurd_number", 1e300, "A101")
_amount_text("absurd_text", "1e20万元", "A101")


@case("round_over_huge_number", 1, "A101", cell=(F3, "B5"))
def round_huge(src: Path, out: Path) -> Path:
    return _edit(src, out, "round_huge", lambda wb: wb[F3].__setitem__("B5", "=ROUND(1E+300*10,2)"))


@case("overflowing_product", 1, "A101", cell=(F3, "B5"))
def overflow_product(src: Path, out: Path) -> Path:
    return _edit(src, out, "overflow_product", lambda wb: wb[F3].__setitem__("B5", "=1E+300*1E+300"))


# --- formulas the evaluator must get right, or say it cannot -------------------------------------
def _chain(depth: int) -> Callable[[openpyxl.Workbook], None]:
    """附表2 C7 reads a chain of ``depth`` formulas (no saved results) ending in its old value."""

    def change(wb: openpyxl.Workbook) -> None:
        ws = wb.create_sheet("链")
        old = wb["附表2"]["C7"].value
        for r in range(1, depth):
            ws.cell(r, 1).value = f"=A{r + 1}+0"
        ws.cell(depth, 1).value = old
        wb["附表2"]["C7"] = "='链'!A1"

    return change


@case("chain_300_deep", 1, cell=None, absent=("S003", "A106", "A105"))
def chain_300(src: Path, out: Path) -> Path:
    return _edit(src, out, "chain_300", _chain(300))


@case("chain_5000_deep", 1, cell=None, absent=("S003", "A106", "A105"))
def chain_5000(src: Path, out: Path) -> Path:
    return _edit(src, out, "chain_5000", _chain(5000))


@case("whole_column_sum", 1, cell=None, absent=("S003", "A106", "A110", "A105"))
def whole_column(src: Path, out: Path) -> Path:
    return _edit(src, out, "whole_column", lambda wb: wb["附表2"].__setitem__("C5", "=SUM(C6:C1048576)"))


@case("unknown_function_is_not_zero", 1, "S003", cell=("附表2", "C5"), absent=("A106",))
def unknown_function(src: Path, out: Path) -> Path:
    # C7 cannot be computed, so neither can the total over it: both say so, no total is "wrong"
    return _edit(src, out, "unknown_function", lambda wb: wb["附表2"].__setitem__("C7", "=XLOOKUP(1,A1:A2,B1:B2)"))


# --- formats we do not read, named -----------------------------------------------------------
def _zip_of(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    return buf.getvalue()


@case("opendocument_spreadsheet", 2, "OpenDocument 表格（.ods）", "soffice")
def ods(src: Path, out: Path) -> Path:
    data = _zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    return _bytes(out, "form", data, ".ods")


@case("ods_renamed_xlsx", 2, "OpenDocument 表格（.ods）")
def ods_renamed(src: Path, out: Path) -> Path:
    data = _zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    return _bytes(out, "renamed_ods", data, ".xlsx")


@case("word_docx", 2, "Word 文档（.docx）")
def docx(src: Path, out: Path) -> Path:
    return _bytes(out, "form", _zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), ".docx")


@case("legacy_xls_workbook_stream", 2, "Excel 97-2003", ".xls", "soffice")
def xls_stream(src: Path, out: Path) -> Path:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 2048
    return _bytes(out, "old", body, ".xls")


@case("wps_et", 2, "WPS 表格", ".et")
def wps(src: Path, out: Path) -> Path:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 2048
    return _bytes(out, "wps", body, ".et")


@case("word_doc", 2, "Word 97-2003")
def word_doc(src: Path, out: Path) -> Path:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 2048
    return _bytes(out, "old", body, ".doc")


@case("pdf_file", 2, "PDF")
def pdf(src: Path, out: Path) -> Path:
    return _bytes(out, "form", b"%PDF-1.7\n%...", ".pdf")


@case("plain_zip", 2, "zip 压缩包")
def plain_zip(src: Path, out: Path) -> Path:
    return _bytes(out, "archive", _zip_of({"a.txt": b"hello"}), ".xlsx")


@case("strict_ooxml", 1, "A101", cell=("附表2", "C7"))
def strict(src: Path, out: Path) -> Path:
    """Excel's 「Strict Open XML 电子表格」: other namespaces, same content (here with a text amount)."""
    edited = _edit(src, out, "strict_source", lambda wb: wb["附表2"].__setitem__("C7", "320万元"))

    def change(p: dict[str, bytes]) -> None:
        for n, data in p.items():
            if n.endswith(".xml"):
                p[n] = data.replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                ).replace(
                    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    b"http://purl.oclc.org/ooxml/officeDocument/relationships",
                )

    return _rezip(edited, out, "strict", change)


# --- numbers in the XML that are not numbers, content past the limits (issue 25) -------------------
@case("row_number_not_a_number", 1, absent=("S001", "S002"))
def row_not_a_number(src: Path, out: Path) -> Path:
    """<row r="x1">: no row number, so the row after the one before (here: row 1, as it was)."""

    def change(p: dict[str, bytes]) -> None:
        p["xl/worksheets/sheet1.xml"] = p["xl/worksheets/sheet1.xml"].replace(b'<row r="1"', b'<row r="x1"', 1)

    return _rezip(src, out, "row_x1", change)


@case("shared_string_index_not_a_number", 2, "共享字符串编号「abc」", "附表1")
def shared_string_abc(src: Path, out: Path) -> Path:
    def change(p: dict[str, bytes]) -> None:
        data = p["xl/worksheets/sheet1.xml"]
        at = data.index(b't="s"><v>')
        end = data.index(b"</v>", at)
        p["xl/worksheets/sheet1.xml"] = data[: at + 9] + b"abc" + data[end:]

    return _rezip(src, out, "sst_abc", change)


@case("content_past_row_20000", 2, "20,001", "20,000 行")
def past_row_limit(src: Path, out: Path) -> Path:
    """A value typed at row 20,001: not dropped in silence (the form would then miss rows)."""

    def change(p: dict[str, bytes]) -> None:
        row = b'<row r="20001"><c r="A20001" t="inlineStr"><is><t>x</t></is></c></row>'
        p["xl/worksheets/sheet1.xml"] = p["xl/worksheets/sheet1.xml"].replace(b"</sheetData>", row + b"</sheetData>")

    return _rezip(src, out, "past_20000", change)


# --- round three: other commands, odd files (issue 25, held-out style) --------------------------------
_NOISE = random.Random(25).randbytes
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _password_entries(src: Path, out: Path, name: str) -> Path:
    """Every entry flagged as encrypted with a zip password (zipfile raises RuntimeError on reading)."""
    data = bytearray(src.read_bytes())
    for sig, flag in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        while at >= 0:
            data[at + flag] |= 1
            at = data.find(sig, at + 4)
    return _bytes(out, name, bytes(data))


@case("zip_password_entries", 2, "zip 密码")
def zip_password(src: Path, out: Path) -> Path:
    return _password_entries(src, out, "zip_password")


@case("zip_password_entries_fix", 2, "zip 密码", command=("validate", "{}", "--fix"))
def zip_password_fix(src: Path, out: Path) -> Path:
    return _password_entries(src, out, "zip_password_fix")


def _shared_index(digits: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(p: dict[str, bytes]) -> None:
        data = p["xl/worksheets/sheet1.xml"]
        at = data.index(b't="s"><v>')
        end = data.index(b"</v>", at)
        p["xl/worksheets/sheet1.xml"] = data[: at + 9] + digits + data[end:]

    return change


@case("shared_string_index_5000_digits", 1)
def sst_5000_digits(src: Path, out: Path) -> Path:
    """int() of more than 4,300 digits raises ValueError: an index past every table, no 意外问题."""
    return _rezip(src, out, "sst_5000", _shared_index(b"9" * 5000))


@case(
    "row_number_5000_digits_rollover",
    2,
    "无法改写",
    command=("rollover", "{}", "--year", "2024", "--out", "{out}/b.xlsx"),
)
def row_5000_digits(src: Path, out: Path) -> Path:
    def change(p: dict[str, bytes]) -> None:
        row = b'<row r="' + b"9" * 5000 + b'"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        p["xl/worksheets/sheet1.xml"] = p["xl/worksheets/sheet1.xml"].replace(b"</sheetData>", row + b"</sheetData>")

    return _rezip(src, out, "row_5000", change)


def _no_styles(src: Path, out: Path, name: str) -> Path:
    """Our reader needs no styles.xml; openpyxl, which the writers load, fails on it (IndexError)."""
    return _rezip(src, out, name, lambda p: p.pop("xl/styles.xml"))


@case("no_styles_part_sync", 2, "无法改写", command=("sync", "{}"))
def no_styles_sync(src: Path, out: Path) -> Path:
    return _no_styles(src, out, "no_styles_sync")


@case("no_styles_part_new_fund", 2, "无法改写", command=("new-fund", "{}", "--name", "新增专项", "--amount", "3"))
def no_styles_new_fund(src: Path, out: Path) -> Path:
    return _no_styles(src, out, "no_styles_new_fund")


@case("no_styles_part_export", 2, "无法改写", command=("export", "{}", "--out", "{out}/报送", "--force"))
def no_styles_export(src: Path, out: Path) -> Path:
    return _no_styles(src, out, "no_styles_export")


@case(
    "source_is_a_fifo_rollover",
    2,
    "不是普通文件",
    command=("rollover", "{}", "--year", "2024", "--out", "{out}/b.xlsm"),
)
def fifo_rollover(src: Path, out: Path) -> Path:
    """Opening a pipe to lock it waited for a writer for ever."""
    target = out / "fifo.xlsm"
    os.mkfifo(target)
    return target


@case("source_is_dev_zero_sync", 2, "不是普通文件", command=("sync", "{}"))
def dev_zero_sync(src: Path, out: Path) -> Path:
    """Hashing /dev/zero (its version, for the re-check) never ended."""
    target = out / "zero.xlsm"
    target.symlink_to("/dev/zero")
    return target


@case("read_only_source_fix", 2, "只读", command=("validate", "{}", "--fix"))
def read_only_fix(src: Path, out: Path) -> Path:
    """A file marked read-only is not replaced by a rename, even when an administrator runs the tool."""
    target = out / "read_only.xlsx"
    target.write_bytes(src.read_bytes())
    target.chmod(0o444)
    return target


@case("import_random_bytes_doc", 2, "不是可识别的", command=("import", "{}", "--out", "{out}/b.xlsm"))
def random_doc(src: Path, out: Path) -> Path:
    """3 MB of noise named .doc: LibreOffice chewed on it for its whole timeout."""
    return _bytes(out, "noise", _NOISE(3 * 1024 * 1024), ".doc")


@case("import_ole_header_over_noise", 2, "文件结构已损坏", command=("import", "{}", "--out", "{out}/b.xlsm"))
def ole_noise_doc(src: Path, out: Path) -> Path:
    return _bytes(out, "ole_noise", OLE + _NOISE(500_000), ".doc")


@case("import_noise_xls", 2, "文件结构已损坏", command=("import", "{}", "--out", "{out}/b.xlsm"))
def ole_noise_xls(src: Path, out: Path) -> Path:
    return _bytes(out, "ole_noise", OLE + _NOISE(200_000), ".xls")


def _docx(body: bytes, prolog: bytes = b"") -> bytes:
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return _zip_of(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b'<?xml version="1.0"?>'
            + prolog
            + b"<w:document "
            + w
            + b"><w:body>"
            + body
            + b"</w:body></w:document>",
        }
    )


@case("import_10000_tables", 2, "表格超过 1,000 个", command=("import", "{}", "--out", "{out}/b.xlsm"))
def ten_thousand_tables(src: Path, out: Path) -> Path:
    """Each table was read in full before the cell count was looked at: minutes."""
    table = b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    return _bytes(out, "tables", _docx(table * 10_000), ".docx")


@case("import_docx_custom_entity", 2, "DTD", command=("import", "{}", "--out", "{out}/b.xlsm"))
def docx_custom_entity(src: Path, out: Path) -> Path:
    """A declared entity kept only the text before it (「退役军人事务」), silently."""
    body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>退役军人事务&ju;后文</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".encode()
    return _bytes(out, "entity", _docx(body, '<!DOCTYPE w:document [<!ENTITY ju "局">]>'.encode()), ".docx")


@case("import_docx_zip_password", 2, "zip 密码", command=("import", "{}", "--out", "{out}/b.xlsm"))
def docx_zip_password(src: Path, out: Path) -> Path:
    plain = _bytes(out, "plain", _docx(b"<w:p/>"), ".docx")
    return _password_entries(plain, out, "docx_password").rename(out / "docx_password.docx")


@case("import_fifo_docx", 2, "不是普通文件", command=("import", "{}", "--out", "{out}/b.xlsm"))
def fifo_docx(src: Path, out: Path) -> Path:
    target = out / "pipe.docx"
    os.mkfifo(target)
    return target
