"""Read a Word document (.docx) into a :class:`BookGrid`: every table becomes one sheet grid.

Cells keep Word's merges as Excel would hold them: the text stands in the first cell of a merge
(``w:gridSpan`` horizontally, ``w:vMerge`` vertically), the cells it covers are empty, and the spans
are listed in ``SheetGrid.merges``. The paragraphs around a table (「附表1」, the title,
「填报单位：…」 above it, signature lines below it) become rows of its grid, so the reader finds them
as it finds them in a workbook, and nothing in the document is left out of the grids.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from xladdin.io.grid import BookGrid, ReadError, SheetGrid
from xladdin.model import CellValue

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # all parts unpacked (as the .xlsx reader)
MAX_RATIO = 200  # unpacked/packed size of one large part
MAX_CELLS = 200_000  # table cells in the whole document (a form's document holds a few thousand)
MAX_TABLES = 1_000  # tables (a form that goes on over a page break is two)
MAX_PART = 64 * 1024 * 1024  # the document's main part, unpacked
_MAIN_PART = "word/document.xml"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_UNZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
TABLE_SHEET = "表格{n}"
TEXT_SHEET = "正文"

#: A paragraph that opens a form (its 附表 marker, its title, its 填报单位 line) belongs to the
#: table after it; other paragraphs between two tables (signature lines) to the table before.
_OPENS_FORM = re.compile(r"^(附表|附件)\s*\d|绩效目标.{0,6}表|^(填报|编制|申报)单位")
_SPACE = re.compile(r"\s+")


@dataclass
class _Table:
    rows: list[list[CellValue]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    starts: set[int] = field(default_factory=set)  # grid columns where some cell begins
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def _text(el) -> str:
    """The text of a paragraph or run container: w:t, tabs and breaks; deleted text is not w:t."""
    out: list[str] = []
    for node in el.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = node.tag
        if tag == f"{W}t":
            out.append(node.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _blocks(parent) -> list:
    """Paragraphs and tables of a body or cell, in order (content controls opened)."""
    out = []
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            out.append(child)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out.extend(_blocks(content))
        elif child.tag in (f"{W}customXml", f"{W}ins"):
            out.extend(_blocks(child))
    return out


def _cell_text(tc) -> str:
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == f"{W}p":
            lines.append(_text(block).strip("\t"))  # a tab that only indents is layout, not text
        else:  # a table inside the cell: its rows as lines, cells separated by a tab
            for row in _parse_table(block).rows:
                lines.append("\t".join("" if v is None else str(v) for v in row).rstrip("\t"))
    return "\n".join(lines).strip("\n")


def _cells(tr) -> list:
    """The w:tc of a row in order, also those wrapped in content controls."""
    out = []
    for child in tr:
        if child.tag == f"{W}tc":
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent")
            out.extend(_cells(content if content is not None else child))
    return out


def _val(el, name: str) -> str | None:
    if el is None:
        return None
    tag = f"{W}{name}"
    for child in el:  # lxml's find() goes through ElementPath: several times slower on every cell
        if child.tag == tag:
            return child.get(f"{W}val", "")
    return None


def _parse_table(tbl) -> _Table:
    table = _Table()
    open_down: dict[int, int] = {}  # column -> index in merges of the vertical merge it continues
    for r, tr in enumerate(tbl.iterfind(f"{W}tr"), start=1):
        row: list[CellValue] = []
        before = _val(tr.find(f"{W}trPr"), "gridBefore")
        col = 1 + (int(before) if before and before.isdigit() else 0)
        row.extend([None] * (col - 1))
        for tc in _cells(tr):
            pr = tc.find(f"{W}tcPr")
            span_text = _val(pr, "gridSpan")
            span = int(span_text) if span_text and span_text.isdigit() and int(span_text) > 0 else 1
            vmerge = _val(pr, "vMerge")
            continues = vmerge is not None and vmerge in ("", "continue")
            table.starts.add(col)
            if continues and col in open_down:
                merge = table.merges[open_down[col]]
                table.merges[open_down[col]] = (merge[0], merge[1], r, merge[3])
                row.extend([None] * span)
            else:
                text = _cell_text(tc)
                row.append(text if text.strip() else None)
                row.extend([None] * (span - 1))
                for c in range(col, col + span):
                    open_down.pop(c, None)
                if vmerge == "restart" or span > 1:
                    table.merges.append((r, col, r, col + span - 1))
                    if vmerge == "restart":
                        open_down[col] = len(table.merges) - 1
            col += span
        for c in [c for c in open_down if c >= col]:  # a row ending early closes what it does not reach
            open_down.pop(c)
        table.rows.append(row)
    table.merges = [m for m in table.merges if (m[2], m[3]) != (m[0], m[1])]
    _collapse(table)
    return table


def _collapse(table: _Table) -> None:
    """Drop grid columns where no cell begins (Word adds them when borders do not line up): they
    only ever hold the inside of a merged cell, so the form's columns come out as printed."""
    width = max((len(r) for r in table.rows), default=0)
    keep = sorted(c for c in table.starts if c <= width)
    if len(keep) == width:
        return
    first = {c: i for i, c in enumerate(keep, start=1)}

    def last(col: int) -> int:
        return sum(1 for c in keep if c <= col)

    table.rows = [[row[c - 1] if c <= len(row) else None for c in keep] for row in table.rows]
    merges = [(r1, first.get(c1, last(c1)), r2, last(c2)) for r1, c1, r2, c2 in table.merges]
    table.merges = [m for m in merges if (m[2], m[3]) != (m[0], m[1])]
    table.starts = set(range(1, len(keep) + 1))


#: Labels that begin a form's first section: a table starting with one is a form of its own.
_FIRST_LABELS = ("支出方向", "项目名称", "项目支出名称", "部门名称", "单位名称", "部门(单位)名称", "序号")


def _begins_form(table: _Table) -> bool:
    texts = [_SPACE.sub("", str(v)) for row in table.rows[:3] for v in row if isinstance(v, str)]
    if any(_opens_form(t) for t in texts):
        return True
    first = next((_SPACE.sub("", str(v)) for v in (table.rows[0] if table.rows else []) if v), "")
    first = first.replace("（", "(").replace("）", ")").lstrip("*★")
    return first.startswith(_FIRST_LABELS)


def _opens_form(text: str) -> bool:
    return bool(_OPENS_FORM.search(_SPACE.sub("", text)))


def _append(table: _Table, between: list[str], more: _Table) -> None:
    """``more`` continues ``table``: the paragraphs between them and its rows follow on."""
    table.rows.extend([t] for t in between)
    shift = len(table.rows)
    table.rows.extend(more.rows)
    table.merges.extend((r1 + shift, c1, r2 + shift, c2) for r1, c1, r2, c2 in more.merges)


def _main_part(zf: zipfile.ZipFile) -> str:
    """The document's main part, as the package's relationships name it (word/document.xml)."""
    from lxml import etree

    try:
        rels = etree.fromstring(zf.read("_rels/.rels")[:1_000_000], _parser())
    except (KeyError, etree.XMLSyntaxError, *_UNZIP_ERRORS):
        return _MAIN_PART
    for rel in rels:
        if rel.get("Type") == _OFFICE_DOC and rel.get("TargetMode") != "External":
            target = (rel.get("Target") or "").lstrip("/")
            if target in zf.NameToInfo:
                return target
    return _MAIN_PART


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _body(path: Path):
    """The document's w:body, parsed once with the limits checked on the way in: more tables or table
    cells than a form's document holds stop the parse where the limit is passed (10,000 tables are
    refused in a moment, not read for minutes); a DTD is refused (its entities would cut text)."""
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        name = _main_part(zf)
        part = zf.NameToInfo.get(name)
        if part is None:
            raise ReadError("Word 文档已损坏或无法解析：缺少正文部件（word/document.xml）", "no main document part")
        if part.file_size > MAX_PART:
            raise ReadError(
                f"Word 文档正文过大（解压后 {part.file_size // 1048576} MB，上限 {MAX_PART // 1048576} MB），不予读取",
                "document part too large",
            )
        tables = cells = 0
        body = None
        try:
            with zf.open(part) as stream:
                events = etree.iterparse(
                    stream,
                    events=("start",),
                    tag=(f"{W}tbl", f"{W}tc", f"{W}body"),
                    resolve_entities=False,
                    no_network=True,
                    huge_tree=False,
                    load_dtd=False,
                )
                for _, el in events:
                    if el.tag == f"{W}tc":
                        cells += 1
                        if cells > MAX_CELLS:
                            raise ReadError(
                                f"文档中的表格单元格超过 {MAX_CELLS:,} 个，不是一份绩效目标表文档，不予导入",
                                f"more than {MAX_CELLS:,} table cells",
                            )
                    elif el.tag == f"{W}tbl":
                        tables += 1
                        if tables > MAX_TABLES:
                            raise ReadError(
                                f"文档中的表格超过 {MAX_TABLES:,} 个，不是一份绩效目标表文档，不予导入",
                                f"more than {MAX_TABLES:,} tables",
                            )
                    elif body is None:
                        body = el
                        if el.getroottree().docinfo.doctype:
                            _refuse_dtd()
                root = events.root
        except etree.XMLSyntaxError as err:
            from xladdin.io.xlsx import has_doctype

            with zf.open(part) as stream:
                if has_doctype(stream):  # an external entity in an attribute stops lxml before the DTD is seen
                    _refuse_dtd()
            raise ReadError("Word 文档已损坏或无法解析", f"cannot parse the document: {err}") from None
        except _UNZIP_ERRORS as err:
            raise ReadError("Word 文档已损坏或无法解析", f"cannot unpack the document: {err}") from None
    if root is not None and root.getroottree().docinfo.doctype:
        _refuse_dtd()
    if body is None:
        raise ReadError("Word 文档已损坏或无法解析：没有正文（w:body）", "no w:body in the document")
    return body


def _refuse_dtd() -> None:
    raise ReadError(
        "Word 文档中含有 DTD/实体定义，出于安全考虑不予读取（实体会截断文字）",
        "the document contains a DTD or entity declarations; refused",
    )


def read_docx(path: str | Path) -> BookGrid:
    """Every table of the document as a sheet grid named 表格1, 表格2 … (in document order)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ReadError(f"无法打开文件：{path}", f"cannot open file: {err.strerror}") from None
    if size > MAX_BYTES:
        raise ReadError(f"文件过大（{size // 1048576} MB，上限 {MAX_BYTES // 1048576} MB）", "file too large")
    if not zipfile.is_zipfile(path):
        raise ReadError(
            "不是 Word 文档（.docx）：旧版 .doc 请另存为 .docx，或安装 LibreOffice 后直接导入",
            "not a .docx document",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as err:
        raise ReadError("Word 文档已损坏或无法解析", f"bad zip: {err}") from None
    if any(i.flag_bits & 1 for i in infos):  # zipfile would raise RuntimeError on reading one
        raise ReadError(
            "Word 文档的部件设置了 zip 密码，无法读取：请在 Word 中打开后另存为 .docx", "encrypted zip entries"
        )
    if sum(i.file_size for i in infos) > MAX_UNPACKED or any(
        i.compress_size and i.file_size / i.compress_size > MAX_RATIO for i in infos if i.file_size > 1_000_000
    ):
        raise ReadError("Word 文档解压后过大（疑似压缩炸弹），不予读取", "document unpacks too large (zip bomb?)")
    body = _body(path)
    tables: list[_Table] = []
    loose: list[str] = []  # paragraphs since the last table
    for block in _blocks(body):
        if block.tag == f"{W}p":
            text = _text(block).strip()
            if text:
                loose.append(text)
            continue
        table = _parse_table(block)
        if tables and not any(_opens_form(t) for t in loose) and not _begins_form(table):
            _append(tables[-1], loose, table)  # the form goes on in a second table (a page break)
            loose = []
            continue
        if tables:
            split = next((i for i, t in enumerate(loose) if _opens_form(t)), len(loose))
            tables[-1].after, table.before = loose[:split], loose[split:]
        else:
            table.before = loose
        loose = []
        tables.append(table)
    grid = BookGrid(path=str(path))
    if not tables:
        sheet = SheetGrid(TEXT_SHEET)
        sheet.rows = [[t] for t in loose]
        grid.sheets.append(sheet)
        return grid
    tables[-1].after = loose
    for n, table in enumerate(tables, start=1):
        sheet = SheetGrid(TABLE_SHEET.format(n=n))
        sheet.rows = [[t] for t in table.before] + table.rows + [[t] for t in table.after]
        shift = len(table.before)
        sheet.merges = [(r1 + shift, c1, r2 + shift, c2) for r1, c1, r2, c2 in table.merges]
        grid.sheets.append(sheet)
    return grid
