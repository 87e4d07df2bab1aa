"""Read an .xlsx/.xlsm file into a :class:`BookGrid`, fast and within limits.

The file is a zip of XML parts. We read only what the checks need (sheet names and states, shared
strings, cell values and formulas), streaming each sheet with lxml, which is several times faster than
building openpyxl's full object model. The reader never writes the file, never follows external
links or runs anything in it, refuses DTDs (entity expansion) and stops at the limits below.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Collection, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, NamedTuple, NoReturn

from lxml import etree

from xladdin.io.formats import OLE_MAGIC, STRICT_NS, STRICT_REL_NS, ole_kind, os_reason, other_kind, zip_kind
from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.model import CellValue

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_FAR = 10**9  # a row number of more digits stands past every limit (and int() of 5,000 digits raises)


class Limits(NamedTuple):
    """What the reader accepts; past these it stops with a clear message (exit code 2)."""

    file_bytes: int = 50 * 1024 * 1024  # the file on disk
    unpacked_bytes: int = 200 * 1024 * 1024  # all parts unpacked
    ratio: int = 200  # unpacked/packed size of one part (zip bombs)
    sheets: int = 500
    rows: int = 20_000  # rows kept per sheet
    cols: int = 26  # columns kept (A–Z)
    cells: int = 2_000_000  # cells read in the whole workbook
    cell_chars: int = 32_767  # Excel's own limit for one cell


DEFAULT_LIMITS = Limits()


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _cell_position(ref: str) -> tuple[int, int] | None:
    """(row, column) of a cell reference such as "B12"; None for text that is none."""
    m = _CELL_REF.fullmatch(ref)
    return (_row(m.group(2)), _col_number(m.group(1))) if m else None


def _row(digits: str) -> int:
    return int(digits) if len(digits) <= 9 else _FAR


#: The same references recur on every sheet of a form (the cache is bounded: a long-lived UDF server).
_position = lru_cache(maxsize=8192)(_cell_position)


@lru_cache(maxsize=8192)
def _position_bytes(ref: bytes) -> tuple[int, int]:
    """(row, column) of a reference the plain reader's pattern took ("B12" as bytes)."""
    return _row(ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ").decode()), _col_number(ref.rstrip(b"0123456789").decode())


#: What reading a part can raise when the zip is damaged, truncated or uses a method we cannot unpack.
_UNZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)


def _check_xml(head: bytes, part: str) -> None:
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        _refuse_dtd(part)


def _check_doctype(tree: etree._ElementTree, part: str) -> None:
    """A DTD further in than the head that ``_check_xml`` sees (after a long comment) is refused
    the same way; the parsers never expand its entities either way."""
    if tree.docinfo.doctype:
        _refuse_dtd(part)


def _refuse_dtd(part: str) -> NoReturn:
    raise ReadError(
        f"文件中的 {part} 含有 DTD/实体定义，出于安全考虑不予读取",
        f"{part} contains a DTD or entity declarations; refused",
    )


def _open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ReadError(f"无法打开文件：{path}（{os_reason(err)}）", f"cannot open file: {err.strerror}") from None
    if path.is_dir():
        raise ReadError(f"「{path}」是文件夹，不是工作簿", "a folder, not a workbook")
    if not path.is_file():  # a pipe, a device, a socket: opening it could wait for ever
        raise ReadError(f"「{path.name}」不是普通文件（是管道、设备或套接字），不予读取", "not a regular file")
    if size > limits.file_bytes:
        raise ReadError(f"文件过大（{size // 1048576} MB，上限 {limits.file_bytes // 1048576} MB）", "file too large")
    try:
        with path.open("rb") as fh:
            magic = fh.read(8)
    except OSError as err:
        raise ReadError(f"无法打开文件：{path}（{os_reason(err)}）", f"cannot open file: {err.strerror}") from None
    if magic.startswith(OLE_MAGIC):
        zh, en = ole_kind(path)
        raise ReadError(zh, en)
    if not magic.startswith(b"PK"):
        zh, en = other_kind(path, magic)
        raise ReadError(zh, en)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError("文件已损坏或不完整（zip 结构无法读取）", "damaged or truncated zip") from None
    if any(info.flag_bits & 1 for info in infos):  # zipfile would raise RuntimeError on reading one
        zf.close()
        raise ReadError(
            "文件中的部件设置了 zip 密码（不是 Excel 的加密方式），无法读取：请在 Excel 中打开后另存为 .xlsx/.xlsm",
            "encrypted zip entries",
        )
    foreign = zip_kind(zf, path)
    if foreign:
        zf.close()
        raise ReadError(*foreign)
    total = 0
    for info in infos:
        total += info.file_size
        if (
            info.compress_size
            and info.file_size / max(info.compress_size, 1) > limits.ratio
            and info.file_size > 1024 * 1024
        ):
            raise ReadError(
                f"文件中的 {info.filename} 压缩比异常（疑似 zip 炸弹），不予读取",
                "suspicious compression ratio (zip bomb)",
            )
    if total > limits.unpacked_bytes:
        raise ReadError(f"文件解压后过大（{total // 1048576} MB），不予读取", "unpacked size too large")
    return zf


def _read_part(zf: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    try:
        with zf.open(name) as fh:
            data = fh.read(limits.unpacked_bytes + 1)
    except KeyError:
        raise ReadError(f"工作簿缺少部件 {name}", f"missing part {name}") from None
    except _UNZIP_ERRORS:
        raise ReadError("文件已损坏或不完整（无法解压）", "damaged or truncated zip") from None
    _check_xml(data[:4096], name)
    return data


def _parse_small(data: bytes, name: str):
    """workbook.xml or its relationships, parsed whole by lxml as the other parts are (no entity
    resolved, no network); a DTD anywhere before the root is refused, not reported as unparsable."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except Exception:  # a syntax error, or anything else lxml raises on a damaged part
        if b"<!DOCTYPE" in data:  # an external entity in an attribute stops lxml before the root
            _refuse_dtd(name)
        raise ReadError(f"工作簿部件 {name} 无法解析", f"cannot parse {name}") from None
    _check_doctype(root.getroottree(), name)
    return root


def _sheets(zf: zipfile.ZipFile, limits: Limits) -> tuple[list[tuple[str, str, bool]], str]:
    """(name, part path, hidden) for every worksheet, in workbook order; and the namespace of the
    package (transitional, or Strict OOXML as Excel's 「Strict Open XML 电子表格」 writes it)."""
    wb = _parse_small(_read_part(zf, "xl/workbook.xml", limits), "workbook.xml")
    rels = _parse_small(_read_part(zf, "xl/_rels/workbook.xml.rels", limits), "workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
    ns, rel_ns = (STRICT_NS, STRICT_REL_NS) if wb.tag == f"{STRICT_NS}workbook" else (NS, REL_NS)
    out = []
    for sheet in wb.iter(f"{ns}sheet"):
        target = targets.get(sheet.get(f"{rel_ns}id"), "")
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((sheet.get("name", ""), part, sheet.get("state", "visible") != "visible"))
    if len(out) > limits.sheets:
        raise ReadError(f"工作表过多（{len(out)} 个）", "too many sheets")
    return out, ns


def _shared_strings(zf: zipfile.ZipFile, limits: Limits, ns: str = NS) -> list[str]:
    if "xl/sharedStrings.xml" not in zf.namelist():
        return []
    data = _read_part(zf, "xl/sharedStrings.xml", limits)
    plain = _plain_strings(data, limits, ns)
    if plain is not None:
        return plain
    out: list[str] = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        if b"<!DOCTYPE" in data:  # a DTD past the head (an external entity in an attribute stops lxml first)
            _refuse_dtd("xl/sharedStrings.xml")
        raise ReadError("共享字符串表无法解析", "cannot parse sharedStrings.xml") from None
    _check_doctype(root.getroottree(), "xl/sharedStrings.xml")
    t_tag, rph = f"{ns}t", f"{ns}rPh"
    for si in root.iter(f"{ns}si"):
        parts = [t.text or "" for t in si.iter(t_tag) if t.getparent().tag != rph]
        out.append(unescape("".join(parts))[: limits.cell_chars])
    return out


#: A shared string of one plain text (what Excel writes for a cell without rich text): its text (1).
_SI = re.compile(rb'<si>\s*<t(?:\s+xml:space\s*=\s*"preserve")?\s*(?:/>|>([^<]*)</t\s*>)\s*</si\s*>')


def _opened(data: bytes, tag: bytes) -> int:
    """How many elements ``tag`` (b"<c") opens in a well-formed part: the tag, then white space, "/" or
    ">" (the white space XML allows; any other would not be well-formed). One pass of a pattern (six
    ``bytes.count`` passes took twice as long)."""
    opening = _OPENING.get(tag)
    if opening is None:
        opening = _OPENING[tag] = re.compile(re.escape(tag) + rb"[ >/\n\r\t]")
    return len(opening.findall(data))


#: The pattern of each tag :func:`_opened` counts (a handful of tags, compiled on first use).
_OPENING: dict[bytes, re.Pattern[bytes]] = {}


def _plain_strings(data: bytes, limits: Limits, ns: str) -> list[str] | None:
    """The shared strings as :func:`_shared_strings` reads them, by patterns, when every one is a plain
    text (:func:`_plain_xml`, each <si> holding one <t>); None otherwise."""
    if not _plain_xml(data, ns):
        return None
    texts = _SI.findall(data)
    if len(texts) != _opened(data, b"<si") or len(texts) != _opened(data, b"<t"):
        return None  # rich text, phonetic runs, or what these patterns do not take
    return [unescape(_xml_text(t))[: limits.cell_chars] if t else "" for t in texts]


def _col_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters or "A"


#: A sheet part up to this size (unpacked, as its zip entry declares it) is parsed whole and then walked,
#: which is faster than parsing it as a stream; a larger one is streamed (memory).
WHOLE_PART = 8 * 1024 * 1024


def _sheet_events(stream: IO[bytes], tags: tuple[str, ...], whole: bool) -> Iterator[tuple[str, etree._Element]]:
    """The start and end events of ``tags`` in a sheet part: parsed whole and walked when ``whole``,
    else parsed as a stream; the same events in the same order either way."""
    if not whole:
        return etree.iterparse(
            stream,
            events=("start", "end"),
            tag=tags,
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    return etree.iterwalk(etree.fromstring(stream.read(), parser), events=("start", "end"), tag=tags)


class _Tags(NamedTuple):
    """The tags of a sheet part's cells, in its package's namespace."""

    v: str
    f: str
    inline: str
    t: str


def _store(
    grid: SheetGrid,
    pending: set[tuple[int, int]],
    el: etree._Element,
    row_no: int,
    col_no: int,
    name: str,
    strings: list[str],
    limits: Limits,
    tags: _Tags,
) -> None:
    """Put what cell ``el`` (at ``row_no``, ``col_no``; it has child elements) holds into ``grid``
    (:func:`_put`)."""
    v_tag, f_tag, is_tag = tags.v, tags.f, tags.inline
    f_el = v_el = is_el = None
    for child in el:  # the first <f>, <v> and <is> (lxml's find() goes through ElementPath: slower)
        tag = child.tag
        if tag == v_tag and v_el is None:
            v_el = child
        elif tag == f_tag and f_el is None:
            f_el = child
        elif tag == is_tag and is_el is None:
            is_el = child
    kind = el.get("t", "n")
    inline = None
    if kind == "inlineStr" and is_el is not None:
        inline = "".join(t.text or "" for t in is_el.iter(tags.t))
    _put(
        grid,
        pending,
        row_no,
        col_no,
        kind,
        v_el.text if v_el is not None else None,
        f_el.text if f_el is not None else None,
        v_el is not None or f_el is not None or is_el is not None,
        inline,
        name,
        strings,
        limits,
    )


def _put(
    grid: SheetGrid,
    pending: set[tuple[int, int]],
    row_no: int,
    col_no: int,
    kind: str,
    raw: str | None,
    formula: str | None,
    held: bool,
    inline: str | None,
    name: str,
    strings: list[str],
    limits: Limits,
) -> None:
    """Put what a cell holds into ``grid``: its value (``raw``: the text of its ``<v>``, of type
    ``kind``; ``inline``: the text of its ``<is>``), its formula (in ``pending`` when it has no cached
    value); past the limits, only the mark that the sheet was cut when it ``held`` anything."""
    if row_no > limits.rows or col_no > limits.cols:
        if held:
            grid.truncated = True
            if row_no > limits.rows and not grid.cut_row:
                grid.cut_row = row_no
        return
    value: CellValue = None
    if kind == "s" and raw is not None:
        text = raw.strip()
        if not (text.isascii() and text.removeprefix("-").isdigit()):
            ref = f"{_col_letters(col_no)}{row_no}"
            raise ReadError(
                f"工作表「{name}」{ref} 的共享字符串编号「{text[:20]}」不是数字（文件已损坏）",
                f"sheet {name} {ref}: shared-string index is not a number (damaged file)",
            )
        idx = int(text) if len(text) <= 9 else -1  # past any table: as an index out of range
        value = strings[idx] if 0 <= idx < len(strings) else None
    elif kind == "inlineStr":
        value = unescape(inline) if inline is not None else None
    elif kind == "b" and raw is not None:
        value = raw.strip() == "1"
    elif kind == "str" and raw is not None:
        value = unescape(raw)
    elif kind == "e" and raw is not None:
        value = raw
    elif raw not in (None, ""):
        try:
            number = float(raw)
        except ValueError:
            value = raw
        else:
            if not math.isfinite(number):
                value = "#NUM!"  # NaN/INF/1e400 written raw: no number Excel can hold
            else:
                value = int(number) if number.is_integer() and abs(number) < 2**53 else number
    if isinstance(value, str) and len(value) > limits.cell_chars:
        value = value[: limits.cell_chars]
    if formula and formula.strip():
        grid.formulas[(row_no, col_no)] = "=" + formula.strip()
        if raw is None:
            pending.add((row_no, col_no))
    if value is not None:
        grid.set(row_no, col_no, value)


# A plain sheet part (what Excel, WPS, LibreOffice and openpyxl write) is read without building a tree:
# expat (C, no handlers) proves it well-formed, and patterns take its cells and merged ranges. A part
# with anything these patterns do not take exactly (a comment, a DTD, CDATA, an inline string, a cell
# without its reference, another namespace binding...) is read by the general reader.
_ATTRS = rb'(?:\s+[A-Za-z_][-\w.:]*\s*=\s*"[^"<&]*")*'
#: A cell as Excel and openpyxl write it, its reference first: its reference (1), its type (2) and any
#: further attributes (3); "<f" (4) and the formula's text (5); "<v" for <v/> (6), or "<v" (7) and its text (8).
_CELL = re.compile(
    rb'<c\s+r="([A-Z]{1,3}[0-9]+)"(?:\s+s="[^"<&]*")?(?:\s+t="([^"<&]*)")?(' + _ATTRS + rb")\s*"
    rb"(?:/>|>\s*(?:(<f)" + _ATTRS + rb"\s*(?:/>|>([^<]*)</f\s*>)\s*)?(?:(<v)\s*/>|(<v)\s*>([^<]*)</v\s*>)?\s*</c\s*>)"
)
_ATTR = re.compile(rb'([A-Za-z_][-\w.:]*)\s*=\s*"([^"]*)"')
_MERGE_CELL = re.compile(rb'<mergeCell\s+ref\s*=\s*"([^"<&]*)"\s*(?:/>|>\s*</mergeCell\s*>)')
_XMLNS = re.compile(rb"xmlns\s*=")
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_XML_REF = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_ENTITY = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_ref(m: re.Match[str]) -> str:
    ref = m.group(1)
    if ref.startswith("#x"):
        return chr(int(ref[2:], 16))
    if ref.startswith("#"):
        return chr(int(ref[1:]))
    return _ENTITY[ref]


def _xml_text(raw: bytes) -> str:
    """The text of an element as an XML parser gives it: line ends read as LF, references replaced."""
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text = raw.decode("utf-8")
    return _XML_REF.sub(_xml_ref, text) if "&" in text else text


def _plain_xml(data: bytes, ns: str) -> bool:
    """Whether ``data`` is a well-formed part in UTF-8 with no DTD, comment or CDATA, whose elements
    without a prefix are in namespace ``ns`` (declared once, on its root, and never bound again)."""
    if b"<!" in data:  # a DTD, a comment or CDATA
        return False
    declared = _ENCODING.match(data)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return False
    uri = ns.strip("{}").encode()
    if data.count(uri) != 1 or len(_XMLNS.findall(data)) != 1 or f'xmlns="{ns[1:-1]}"'.encode() not in data:
        return False
    from xml.parsers import expat

    try:
        expat.ParserCreate(namespace_separator=" ").Parse(data, True)
    except expat.ExpatError:
        return False
    return True


def _read_plain(
    data: bytes, name: str, strings: list[str], limits: Limits, budget: list[int], ns: str
) -> tuple[SheetGrid, set[tuple[int, int]]] | None:
    """The grid of a plain sheet part, exactly as the general reader (:func:`_read_sheet`) reads it;
    None for a part that is not plain or not well-formed (the general reader then reads it, and says
    what is wrong)."""
    if not _plain_xml(data, ns):
        return None
    opened = _opened(data, b"<c")
    found = _CELL.findall(data)
    merges = _MERGE_CELL.findall(data)
    if len(found) != opened or len(merges) != _opened(data, b"<mergeCell"):
        return None  # a cell or a merged range these patterns do not take
    budget[0] -= opened
    if budget[0] < 0:
        raise ReadError("单元格数量超出上限，不予读取", "too many cells")
    grid = SheetGrid(name)
    pending: set[tuple[int, int]] = set()
    rows, cols = limits.rows, limits.cols
    n_strings = len(strings)
    lines = grid.rows
    line: list[CellValue] = []
    line_no = 0  # the row ``line`` is (cells come row by row: found once per row, as SheetGrid.set would)
    for ref, kind, more, f_tag, f_text, v_empty, v_tag, v_text in found:
        if not (f_tag or v_empty or v_tag):
            continue  # a formatted empty cell
        if more and b"t" in more:  # the type after another attribute
            kind = dict(_ATTR.findall(more)).get(b"t", kind)
        row_no, col_no = _position_bytes(ref)
        if row_no < 1:
            continue
        if not f_tag and v_text and row_no <= rows and col_no <= cols:  # what _put makes of the common cases
            value: CellValue
            if kind == b"s" and v_text.isdigit() and len(v_text) <= 9:
                idx = int(v_text)
                if idx >= n_strings:
                    continue
                value = strings[idx]
            elif not kind:
                try:
                    number = float(v_text)
                except ValueError:
                    number = math.nan  # for _put (a reference in the text, or no number)
                if math.isfinite(number):
                    value = int(number) if number.is_integer() and abs(number) < 2**53 else number
                else:
                    value = None  # for _put
            else:
                value = None
            if value is not None:  # SheetGrid.set, inline (_put's rows stay the same lists)
                if row_no != line_no:
                    while len(lines) < row_no:
                        lines.append([])
                    line, line_no = lines[row_no - 1], row_no
                if len(line) < col_no:
                    line.extend([None] * (col_no - len(line)))
                line[col_no - 1] = value
                continue
        _put(
            grid,
            pending,
            row_no,
            col_no,
            kind.decode("utf-8") if kind else "n",
            _xml_text(v_text) if v_text else None,
            _xml_text(f_text) if f_text else None,
            True,
            None,
            name,
            strings,
            limits,
        )
    for ref in merges:
        _merge(grid, ref.decode("utf-8"), limits)
    return grid, pending


def _read_sheet(
    stream: IO[bytes],
    name: str,
    strings: list[str],
    limits: Limits,
    budget: list[int],
    ns: str = NS,
    whole: bool = False,
) -> tuple[SheetGrid, set[tuple[int, int]]]:
    if whole:  # most parts are plain: read by the shorter way, else read again as below
        data = stream.read()
        plain = _read_plain(data, name, strings, limits, budget, ns)
        if plain is not None:
            return plain
        stream = io.BytesIO(data)
    grid = SheetGrid(name)
    pending: set[tuple[int, int]] = set()
    c_tag, v_tag, f_tag, is_tag, t_tag = (f"{ns}c", f"{ns}v", f"{ns}f", f"{ns}is", f"{ns}t")
    tags = _Tags(v_tag, f_tag, is_tag, t_tag)
    row_tag, merge_tag = f"{ns}row", f"{ns}mergeCell"
    row_no, col_no = 0, 0
    seen = False
    try:
        for event, el in _sheet_events(stream, (row_tag, c_tag, merge_tag), whole):
            if not seen:  # the prolog is behind us at the first element
                _check_doctype(el.getroottree(), name)
                seen = True
            tag = el.tag
            if event == "start":  # a row's number comes before its cells; other starts wait for the end
                if tag == row_tag:
                    r = el.get("r")  # a number, or none: the next row ("x7" is none)
                    row_no = _row(r) if r and r.isascii() and r.isdigit() else row_no + 1
                    col_no = 0
                continue
            if tag == row_tag:
                el.clear()
                continue
            if tag == merge_tag:
                _merge(grid, el.get("ref", ""), limits)
                continue
            at = _position(el.get("r") or "")
            if at is not None:
                row_no, col_no = at
            else:  # no reference, or one that is none ("a7", "A1:B2"): the next cell
                col_no += 1
            budget[0] -= 1
            if budget[0] < 0:
                raise ReadError("单元格数量超出上限，不予读取", "too many cells")
            if row_no < 1:  # row 0 (r="0", or a cell before any row) is no place on the sheet
                el.clear()
                continue
            if not len(el):  # no value, formula or text: a formatted empty cell
                el.clear()
                continue
            _store(grid, pending, el, row_no, col_no, name, strings, limits, tags)
            el.clear()
    except etree.XMLSyntaxError:
        if has_doctype(stream):  # an external entity in an attribute stops lxml before the DTD is seen
            _refuse_dtd(name)
        raise ReadError(f"工作表「{name}」的内容无法解析（文件可能已损坏）", f"cannot parse sheet {name}") from None
    return grid, pending


#: How far into a part that lxml could not parse a DTD is looked for (a prolog, comments included).
DOCTYPE_SCAN = 1 << 20


def has_doctype(stream: IO[bytes]) -> bool:
    """Whether a part's first MB, read again from its start, declares a DTD (text cannot hold
    ``<!DOCTYPE``: it would be escaped)."""
    stream.seek(0)
    return b"<!DOCTYPE" in stream.read(DOCTYPE_SCAN)


def _merge(grid: SheetGrid, ref: str, limits: Limits) -> None:
    """Record a merged range ("B10:B12"), clipped to the columns and rows we keep."""
    first, _, last = ref.partition(":")
    a, b = _position(first), _position(last or first)
    if a is None or b is None or len(grid.merges) >= 10_000:
        return
    r1, c1 = a
    r2, c2 = min(b[0], limits.rows), min(b[1], limits.cols)
    if r1 <= r2 and c1 <= c2 and (r1, c1) != (r2, c2):
        grid.merges.append((r1, c1, r2, c2))


def read_grid(path: str | Path, limits: Limits = DEFAULT_LIMITS, unread: Collection[str] = ()) -> BookGrid:
    """The values (and formulas) of every worksheet of an .xlsx/.xlsm file; a sheet named in
    ``unread`` is listed with no cells (:attr:`SheetGrid.unread`: its part is never parsed)."""
    path = Path(path)
    book = BookGrid(path=str(path))
    pending: dict[str, set[tuple[int, int]]] = {}
    with _open_zip(path, limits) as zf:
        sheets, ns = _sheets(zf, limits)
        strings = _shared_strings(zf, limits, ns)
        budget = [limits.cells]
        names = set(zf.namelist())
        for name, part, hidden in sheets:
            if part not in names:
                continue  # a chart sheet or a dangling relationship
            whole = zf.getinfo(part).file_size <= WHOLE_PART
            if whole and name not in unread:  # read once: its head is checked as below
                data = _read_part(zf, part, limits)
                grid, todo = _read_sheet(io.BytesIO(data), name, strings, limits, budget, ns, whole)
            else:
                head = _read_part_head(zf, part)
                _check_xml(head, part)
                if name in unread:
                    book.sheets.append(SheetGrid(name, hidden=hidden, unread=True))
                    continue
                try:
                    with zf.open(part) as stream:
                        grid, todo = _read_sheet(stream, name, strings, limits, budget, ns, whole)
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
                    raise ReadError("文件已损坏或不完整（无法解压）", "damaged or truncated zip") from None
            grid.hidden = hidden
            book.sheets.append(grid)
            if todo:
                pending[name] = todo
    if not book.sheets:
        raise ReadError("工作簿中没有工作表", "the workbook has no worksheets")
    book.compute_missing(pending)
    return book


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """OOXML's escapes for characters XML cannot hold: ``_x000D_`` is a carriage return,
    ``_x005F_`` a literal underscore (so ``_x005F_x000D_`` reads ``_x000D_``)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _read_part_head(zf: zipfile.ZipFile, part: str) -> bytes:
    try:
        with zf.open(part) as fh:
            return fh.read(4096)
    except _UNZIP_ERRORS:
        raise ReadError("文件已损坏或不完整（无法解压）", "damaged or truncated zip") from None
