"""Edit a workbook package in place, part by part: only the worksheet parts whose cells change (and
``styles.xml`` for a new fill, ``workbook.xml`` and the package's lists for a new sheet) are rewritten;
every other part — drawings, pictures, shapes and text boxes, comments, other sheets, the VBA
project, the ribbon — is copied byte for byte. openpyxl drops what it does not model (shapes, text
boxes, a value kept under a merge) and renumbers what it does: a write through it would lose them.

Every edit is supported: a cell (value, formula, fill, named style), a note sheet, a sheet rendered
from the layout (by XlsxWriter, as the template is built, its formats merged into ``styles.xml``),
inserted rows (cells, merges, validations, conditional formats and the print area move down), the
self-check laid out afresh after the other edits (by :mod:`xladdin.selfcheck.parts`, passed in). What
cannot be done this way (a Strict package, a shared formula across the insertion) raises
:class:`Unsupported` and goes through openpyxl (:mod:`xladdin.io.openpyxl_writer`). Texts are
written as inline strings, so the shared-string table is not touched either.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from xladdin import a1
from xladdin.edits import AddSheet, Edit, InsertRows, NoteSheet, RefreshSelfCheck, SetCell

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET_TYPE = REL + "/worksheet"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_M = f"{{{MAIN}}}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, huge_tree=False)
#: Characters XML 1.0 cannot carry (control characters but tab, LF, CR; lone surrogates; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Unsupported(Exception):
    """This edit or this package is for the openpyxl writer (nothing was written)."""


def xml_text(text: str) -> str:
    """``text`` without the characters a workbook cannot store (a vertical tab pasted from Word)."""
    return _NOT_XML.sub("", text)


def supports(edits: Iterable[Edit]) -> bool:
    return all(isinstance(e, NoteSheet | SetCell | AddSheet | InsertRows | RefreshSelfCheck) for e in edits)


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _dump(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _join(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


class Package:
    """The parts of a package (name → bytes, in their order), with the workbook's sheets by name."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as zf:
            self.infos = zf.infolist()
            self.parts = {i.filename: zf.read(i.filename) for i in self.infos}
        self.changed: dict[str, bytes] = {}
        rels = _parse(self.parts["_rels/.rels"])
        office = next(
            (r.get("Target") for r in rels if (r.get("Type") or "").endswith("/officeDocument")),
            "xl/workbook.xml",
        )
        self.workbook = _join("", office or "xl/workbook.xml")
        if self.workbook not in self.parts:
            raise Unsupported("no workbook part")
        self.book = _parse(self.parts[self.workbook])
        self.book_rels = _parse(self.parts[_rels_name(self.workbook)])
        targets = {r.get("Id"): _join(self.workbook, r.get("Target") or "") for r in self.book_rels}
        self._trees: dict[str, etree._Element] = {self.workbook: self.book, _rels_name(self.workbook): self.book_rels}
        self.sheets: dict[str, str] = {}
        for s in self.book.iter(f"{_M}sheet"):
            part = targets.get(s.get(f"{{{REL}}}id"))
            if part in self.parts:
                self.sheets[s.get("name") or ""] = part

    def tree(self, part: str) -> etree._Element:
        if part not in self._trees:
            self._trees[part] = _parse(self.changed[part] if part in self.changed else self.parts[part])
        return self._trees[part]

    def touch(self, part: str) -> None:
        self._trees.setdefault(part, self.tree(part))
        self.changed[part] = b""  # serialised in save()

    def save(self, out: Path) -> None:
        for part, root in self._trees.items():
            if part in self.changed:
                self.changed[part] = _dump(root)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            seen = set()
            for info in self.infos:
                seen.add(info.filename)
                data = self.changed.get(info.filename, self.parts[info.filename])
                zf.writestr(_copy_info(info), data)
            for name, data in self.changed.items():
                if name not in seen:
                    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, data)


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    out = zipfile.ZipInfo(info.filename, info.date_time)
    out.compress_type = info.compress_type
    out.external_attr = info.external_attr
    out.create_system = info.create_system
    return out


# --- cells ---------------------------------------------------------------------------------------------
def _row(sheet_data: etree._Element, r: int) -> etree._Element:
    last = 0
    for row in sheet_data.iterchildren(f"{_M}row"):
        n = _int(row.get("r"), last + 1)
        if n == r:
            return row
        if n > r:
            new = etree.Element(f"{_M}row", r=str(r))
            row.addprevious(new)
            return new
        last = n
    return etree.SubElement(sheet_data, f"{_M}row", r=str(r))


def _cell(row: etree._Element, r: int, c: int) -> etree._Element:
    last = 0
    ref = a1.ref(r, c)
    for cell in row.iterchildren(f"{_M}c"):
        n = _col(cell.get("r"), last + 1)
        if n == c:
            return cell
        if n > c:
            new = etree.Element(f"{_M}c", r=ref)
            cell.addprevious(new)
            return new
        last = n
    # after the last cell (an extLst, if any, stays last)
    new = etree.Element(f"{_M}c", r=ref)
    ext = row.find(f"{_M}extLst")
    if ext is not None:
        ext.addprevious(new)
    else:
        row.append(new)
    return new


def _int(text: str | None, default: int) -> int:
    if text is None:
        return default
    if not (text.isascii() and text.isdigit()) or len(text) > 9:  # int() of 5,000 digits raises ValueError
        raise Unsupported(f"number {text[:20]!r}")
    return int(text)


def _col(ref: str | None, default: int) -> int:
    if ref is None:
        return default
    try:
        return a1.parse(ref)[1]
    except ValueError:
        raise Unsupported(f"cell reference {ref!r}") from None


def _clear(cell: etree._Element) -> bool:
    """Empty the cell, keeping its style; True when it held a formula."""
    had_formula = False
    for child in list(cell):
        if child.tag == f"{_M}f":
            if child.get("t") in ("shared", "array") and child.get("ref"):
                raise Unsupported("the cell leads a shared or array formula")
            had_formula = True
        if child.tag in (f"{_M}f", f"{_M}v", f"{_M}is"):
            cell.remove(child)
    for attr in ("t", "cm", "vm"):
        cell.attrib.pop(attr, None)
    return had_formula


def _put(cell: etree._Element, value: object, formula: str | None) -> None:
    ext = cell.find(f"{_M}extLst")

    def add(tag: str) -> etree._Element:
        el = etree.Element(tag)
        if ext is not None:
            ext.addprevious(el)
        else:
            cell.append(el)
        return el

    if formula:
        add(f"{_M}f").text = xml_text(formula[1:] if formula.startswith("=") else formula)
        return
    if value is None:
        return
    if isinstance(value, bool):
        cell.set("t", "b")
        add(f"{_M}v").text = "1" if value else "0"
    elif isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("不能写入非有限的数字（NaN/Inf）")
        add(f"{_M}v").text = repr(value) if isinstance(value, float) else str(value)
    else:
        cell.set("t", "inlineStr")
        t = etree.SubElement(add(f"{_M}is"), f"{_M}t")
        text = xml_text(str(value))
        t.text = text
        if text != text.strip() or "\n" in text:
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


class _Styles:
    """New cell formats appended to ``styles.xml`` (the existing ones keep their numbers)."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        rel = next((r for r in pkg.book_rels if (r.get("Type") or "").endswith("/styles")), None)
        self.part = _join(pkg.workbook, rel.get("Target") or "") if rel is not None else None
        self.cache: dict[tuple, int] = {}

    def _root(self) -> etree._Element:
        if self.part is None or self.part not in self.pkg.parts:
            raise Unsupported("no styles part")
        self.pkg.touch(self.part)
        return self.pkg.tree(self.part)

    def _append(self, root: etree._Element, list_tag: str, el: etree._Element) -> int:
        holder = root.find(f"{_M}{list_tag}")
        if holder is None:
            raise Unsupported(f"styles without {list_tag}")
        holder.append(el)
        n = len(holder.findall("*"))
        holder.set("count", str(n))
        return n - 1

    def _xf(self, root: etree._Element, base: int) -> etree._Element:
        xfs = root.find(f"{_M}cellXfs")
        items = xfs.findall(f"{_M}xf") if xfs is not None else []
        if not items:
            raise Unsupported("styles without cell formats")
        return etree.fromstring(etree.tostring(items[base if base < len(items) else 0]))

    def filled(self, base: int, colour: str) -> int:
        key = ("fill", base, colour)
        if key not in self.cache:
            root = self._root()
            fill = etree.Element(f"{_M}fill")
            pattern = etree.SubElement(fill, f"{_M}patternFill", patternType="solid")
            etree.SubElement(pattern, f"{_M}fgColor", rgb="FF" + colour.lstrip("#").upper())
            etree.SubElement(pattern, f"{_M}bgColor", indexed="64")
            fill_id = self._append(root, "fills", fill)
            xf = self._xf(root, base)
            xf.set("fillId", str(fill_id))
            xf.set("applyFill", "1")
            self.cache[key] = self._append(root, "cellXfs", xf)
        return self.cache[key]

    def dxf(self, colour: str) -> int:
        """A conditional format's fill (``dxfs``): an equal one is reused."""
        rgb = "FF" + colour.lstrip("#").upper()
        key = ("dxf", rgb)
        if key not in self.cache:
            root = self._root()
            dxfs = root.find(f"{_M}dxfs")
            if dxfs is None:
                dxfs = etree.Element(f"{_M}dxfs", count="0")
                after = root.find(f"{_M}cellStyles")
                after = after if after is not None else root.find(f"{_M}cellXfs")
                if after is None:
                    raise Unsupported("styles without cell formats")
                after.addnext(dxfs)
            dxf = etree.Element(f"{_M}dxf")
            pattern = etree.SubElement(etree.SubElement(dxf, f"{_M}fill"), f"{_M}patternFill")
            etree.SubElement(pattern, f"{_M}bgColor", rgb=rgb)
            text = etree.tostring(dxf)
            found = next((i for i, d in enumerate(dxfs.findall(f"{_M}dxf")) if etree.tostring(d) == text), None)
            self.cache[key] = found if found is not None else self._append(root, "dxfs", dxf)
        return self.cache[key]

    def note(self, bold: bool) -> int:
        """Text at the top of the cell, wrapped; bold for a header."""
        key = ("note", bold)
        if key not in self.cache:
            root = self._root()
            xf = self._xf(root, 0)
            for attr in ("numFmtId", "fillId", "borderId"):
                xf.set(attr, "0")
            if bold:
                fonts = root.find(f"{_M}fonts")
                first = fonts.find(f"{_M}font") if fonts is not None else None
                font = etree.fromstring(etree.tostring(first)) if first is not None else etree.Element(f"{_M}font")
                for b in font.findall(f"{_M}b"):
                    font.remove(b)
                font.insert(0, etree.Element(f"{_M}b"))
                xf.set("fontId", str(self._append(root, "fonts", font)))
                xf.set("applyFont", "1")
            for child in list(xf):
                xf.remove(child)
            etree.SubElement(xf, f"{_M}alignment", vertical="top", wrapText="1")
            xf.set("applyAlignment", "1")
            self.cache[key] = self._append(root, "cellXfs", xf)
        return self.cache[key]


class _Imported:
    """Cell formats of another package (one XlsxWriter made) appended to ours, each once."""

    def __init__(self, styles: _Styles, src: etree._Element) -> None:
        self.styles, self.src = styles, src
        self.xfs: dict[int, int] = {}

    def _copy(self, root: etree._Element, list_tag: str, el: etree._Element) -> int:
        holder = root.find(f"{_M}{list_tag}")
        if holder is None:
            raise Unsupported(f"styles without {list_tag}")
        text = etree.tostring(el)
        for i, old in enumerate(holder.findall("*")):
            if etree.tostring(old) == text:
                return i
        return self.styles._append(root, list_tag, etree.fromstring(text))

    def _num_fmt(self, root: etree._Element, fmt_id: int) -> int:
        if fmt_id < 164:
            return fmt_id
        code = next(
            (n.get("formatCode") for n in self.src.iter(f"{_M}numFmt") if n.get("numFmtId") == str(fmt_id)), None
        )
        if code is None:
            return 0
        fmts = root.find(f"{_M}numFmts")
        if fmts is None:
            fmts = etree.Element(f"{_M}numFmts", count="0")
            root.insert(0, fmts)
        ids = []
        for n in fmts.iterchildren(f"{_M}numFmt"):
            if n.get("formatCode") == code:
                return _int(n.get("numFmtId"), 0)
            ids.append(_int(n.get("numFmtId"), 0))
        new = max([163, *ids]) + 1
        etree.SubElement(fmts, f"{_M}numFmt", numFmtId=str(new), formatCode=code)
        fmts.set("count", str(len(ids) + 1))
        return new

    def xf(self, i: int) -> int:
        if i not in self.xfs:
            root = self.styles._root()
            src_xfs = self.src.find(f"{_M}cellXfs")
            items = src_xfs.findall(f"{_M}xf") if src_xfs is not None else []
            if i >= len(items):
                raise Unsupported("format index")
            xf = etree.fromstring(etree.tostring(items[i]))
            for attr, tag, inner in (
                ("fontId", "fonts", "font"),
                ("fillId", "fills", "fill"),
                ("borderId", "borders", "border"),
            ):
                els = self.src.find(f"{_M}{tag}")
                options = els.findall(f"{_M}{inner}") if els is not None else []
                k = _int(xf.get(attr), 0)
                if k < len(options):
                    xf.set(attr, str(self._copy(root, tag, options[k])))
            xf.set("numFmtId", str(self._num_fmt(root, _int(xf.get("numFmtId"), 0))))
            xf.set("xfId", "0")
            self.xfs[i] = self._copy(root, "cellXfs", xf)
        return self.xfs[i]


def _named_styles(pkg: Package, styles: _Styles, work: Path) -> dict[str, int]:
    """Our named styles (``layout/styles.py``) as cell formats of this package, made by XlsxWriter."""
    import xlsxwriter

    from xladdin.layout.styles import STYLES

    sample = work / "styles.xlsx"
    wb = xlsxwriter.Workbook(str(sample))
    ws = wb.add_worksheet()
    names = list(STYLES)
    for r, name in enumerate(names):
        ws.write_blank(r, 0, None, wb.add_format(STYLES[name]))
    wb.close()
    src = Package(sample)
    imported = _Imported(styles, src.tree("xl/styles.xml"))
    sheet = src.tree(src.sheets["Sheet1"])
    by_ref = {c.get("r"): _int(c.get("s"), 0) for c in sheet.iter(f"{_M}c")}
    return {name: imported.xf(by_ref.get(f"A{r + 1}", 0)) for r, name in enumerate(names)}


def _restyle(root: etree._Element, imported: _Imported) -> None:
    for el, attr in (
        *((c, "s") for c in root.iter(f"{_M}c")),
        *((r, "s") for r in root.iter(f"{_M}row")),
        *((c, "style") for c in root.iter(f"{_M}col")),
    ):
        if el.get(attr) is not None:
            el.set(attr, str(imported.xf(_int(el.get(attr), 0))))


def _rendered_sheet(pkg: Package, styles: _Styles, e: AddSheet, work: Path) -> tuple[bytes, list[etree._Element]]:
    """The sheet XlsxWriter renders from the layout (as the template is built), its formats merged
    into ours; formulas without a stored result (computed on reading and on opening). Returns the
    sheet and its print area (a defined name, localSheetId to be set)."""
    from xladdin.build.workbook import write_xlsx

    made = write_xlsx([e.spec], work / "sheet.xlsx", selfcheck=False)  # the 自查 is laid out for the whole book
    src = Package(made)
    root = src.tree(src.sheets[e.spec.name])
    _restyle(root, _Imported(styles, src.tree("xl/styles.xml")))
    for view in root.iter(f"{_M}sheetView"):
        view.attrib.pop("tabSelected", None)  # two selected tabs would group the sheets in Excel
    shared = [
        "".join(t.text or "" for t in si.iter(f"{_M}t"))
        for si in (src.tree("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in src.parts else []).iter(f"{_M}si")
    ]
    for cell in root.iter(f"{_M}c"):  # its texts inline: our shared-string table stays as it is
        if cell.get("t") == "s":
            v = cell.find(f"{_M}v")
            k = _int(v.text if v is not None else None, -1)
            if v is not None:
                cell.remove(v)
            cell.attrib.pop("t")
            _put(cell, shared[k] if 0 <= k < len(shared) else "", None)
    for cell in root.iter(f"{_M}c"):
        if cell.find(f"{_M}f") is not None:
            for v in cell.findall(f"{_M}v"):
                cell.remove(v)
            cell.attrib.pop("t", None)
    names = src.book.find(f"{_M}definedNames")
    kept = [etree.fromstring(etree.tostring(n)) for n in names] if names is not None else []
    return _dump(root), kept


def _shift_ref(ref: str, before: int, count: int, *, expand: bool) -> str:
    """An A1 range moved down by ``count`` rows when it lies at or below ``before``; a range across
    it grows when ``expand``."""
    out = []
    for part in ref.split():
        try:
            r1, c1, r2, c2 = a1.parse_range(part) if ":" in part else (*a1.parse(part), *a1.parse(part))
        except ValueError:
            out.append(part)
            continue
        if r1 >= before:
            r1, r2 = r1 + count, r2 + count
        elif r2 >= before and expand:
            r2 += count
        out.append(a1.ref(r1, c1) if (r1, c1) == (r2, c2) and ":" not in part else f"{a1.ref(r1, c1)}:{a1.ref(r2, c2)}")
    return " ".join(out)


def _insert_rows(pkg: Package, sheet: str, part: str, before: int, count: int) -> None:
    root = pkg.tree(part)
    data = root.find(f"{_M}sheetData")
    if data is None:
        raise Unsupported("sheet without sheetData")
    pkg.touch(part)
    last = 0
    for row in data.iterchildren(f"{_M}row"):
        r = _int(row.get("r"), last + 1)
        last = r
        if r < before:
            for f in row.iter(f"{_M}f"):
                ref = f.get("ref") or ""
                if ":" in ref and _shift_ref(ref, before, count, expand=True) != ref:
                    raise Unsupported("a shared formula across the inserted rows")
            continue
        row.set("r", str(r + count))
        previous = 0
        for cell in row.iterchildren(f"{_M}c"):
            c = _col(cell.get("r"), previous + 1)
            previous = c
            cell.set("r", a1.ref(r + count, c))
            for f in cell.iterchildren(f"{_M}f"):
                if f.get("ref"):
                    f.set("ref", _shift_ref(f.get("ref"), before, count, expand=False))
    for merge in root.iter(f"{_M}mergeCell"):
        merge.set("ref", _shift_ref(merge.get("ref") or "", before, count, expand=True))
    for tag in ("dataValidation", "conditionalFormatting", "hyperlink"):
        for el in root.iter(f"{_M}{tag}"):
            attr = "ref" if tag == "hyperlink" else "sqref"
            if el.get(attr):
                el.set(attr, _shift_ref(el.get(attr), before, count, expand=False))
    dim = root.find(f"{_M}dimension")
    if dim is not None and dim.get("ref"):
        dim.set("ref", _shift_ref(dim.get("ref"), before, count, expand=True))
    # the print area grows with the sheet
    index = list(pkg.sheets).index(sheet)
    names = pkg.book.find(f"{_M}definedNames")
    for n in names if names is not None else []:
        if n.get("name") == "_xlnm.Print_Area" and n.get("localSheetId") == str(index) and n.text:
            sheet_part, _, area = n.text.rpartition("!")
            try:
                r1, c1, r2, c2 = a1.parse_range(area.replace("$", ""))
            except ValueError:
                continue
            n.text = f"{sheet_part}!${a1.col_letter(c1)}${r1}:${a1.col_letter(c2)}${r2 + count}"
            pkg.touch(pkg.workbook)


def _note_xml(pkg: Package, styles: _Styles, e: NoteSheet) -> bytes:
    ws = etree.Element(f"{_M}worksheet", nsmap={None: MAIN})
    if e.widths:
        cols = etree.SubElement(ws, f"{_M}cols")
        for i, width in enumerate(e.widths, start=1):
            etree.SubElement(cols, f"{_M}col", min=str(i), max=str(i), width=f"{width:g}", customWidth="1")
    data = etree.SubElement(ws, f"{_M}sheetData")
    head, body = styles.note(True), styles.note(False)
    for r, line in enumerate(e.rows, start=1):
        row = etree.SubElement(data, f"{_M}row", r=str(r))
        for c, value in enumerate(line, start=1):
            cell = etree.SubElement(row, f"{_M}c", r=a1.ref(r, c), s=str(head if r == 1 else body))
            _put(cell, value, None)
    return _dump(ws)


def _add_sheet(pkg: Package, name: str, xml: bytes, after: str | None = None, names: list[etree._Element] = ()) -> None:
    n = 1
    while f"xl/worksheets/sheet{n}.xml" in pkg.parts or f"xl/worksheets/sheet{n}.xml" in pkg.changed:
        n += 1
    part = f"xl/worksheets/sheet{n}.xml"
    pkg.changed[part] = xml
    rels_part = _rels_name(pkg.workbook)
    pkg.touch(rels_part)
    rels = pkg.tree(rels_part)
    ids = {r.get("Id") for r in rels}
    k = 1
    while f"rId{k}" in ids:
        k += 1
    etree.SubElement(
        rels,
        f"{{{PKG}}}Relationship",
        Id=f"rId{k}",
        Type=WORKSHEET_TYPE,
        Target=posixpath.relpath(part, posixpath.dirname(pkg.workbook)),
    )
    pkg.touch(pkg.workbook)
    sheets = pkg.book.find(f"{_M}sheets")
    if sheets is None:
        raise Unsupported("workbook without sheets")
    ids_used = [
        int(s.get("sheetId") or 0)
        for s in sheets.iterchildren(f"{_M}sheet")
        if (s.get("sheetId") or "").isdigit() and len(s.get("sheetId")) <= 9
    ]
    order = list(pkg.sheets)
    index = order.index(after) + 1 if after in order else len(order)
    el = etree.Element(f"{_M}sheet", name=name, sheetId=str(max(ids_used, default=0) + 1))
    el.set(f"{{{REL}}}id", f"rId{k}")
    existing = list(sheets.iterchildren(f"{_M}sheet"))
    if index < len(existing):
        existing[index].addprevious(el)
    else:
        sheets.append(el)
    defined = pkg.book.find(f"{_M}definedNames")
    if index < len(existing) and defined is not None:  # sheet-level names of the sheets after it move on
        for n in defined:
            local = n.get("localSheetId")
            if local is not None and local.isdigit() and len(local) <= 9 and int(local) >= index:
                n.set("localSheetId", str(int(local) + 1))
    for n in names:
        n.set("localSheetId", str(index))
        if defined is None:
            defined = etree.Element(f"{_M}definedNames")
            sheets.addnext(defined)
        defined.append(n)
    pkg.touch("[Content_Types].xml")
    types = pkg.tree("[Content_Types].xml")
    etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + part, ContentType=WORKSHEET_CT)
    order.insert(index, name)
    pkg.sheets = {n: part if n == name else pkg.sheets[n] for n in order}
    _fix_active_tab(pkg, index)


def _fix_active_tab(pkg: Package, index: int) -> None:
    """The workbook's active and first visible tab are positions: a sheet inserted before them moves them."""
    for view in pkg.book.iter(f"{_M}workbookView"):
        for attr in ("activeTab", "firstSheet"):
            value = view.get(attr)
            if value is not None and value.isdigit() and len(value) <= 9 and int(value) >= index:
                view.set(attr, str(int(value) + 1))


def _drop_calc_chain(pkg: Package) -> None:
    """The calculation chain lists formula cells: after formulas change Excel rebuilds it, and a
    stale one is a repair prompt. It goes, with its relationship and content type."""
    rels_part = _rels_name(pkg.workbook)
    rels = pkg.tree(rels_part)
    for r in list(rels):
        if (r.get("Type") or "").endswith("/calcChain"):
            part = _join(pkg.workbook, r.get("Target") or "")
            rels.remove(r)
            pkg.touch(rels_part)
            pkg.parts.pop(part, None)
            pkg.infos = [i for i in pkg.infos if i.filename != part]
            types = pkg.tree("[Content_Types].xml")
            for o in list(types):
                if o.get("PartName") == "/" + part:
                    types.remove(o)
                    pkg.touch("[Content_Types].xml")


def _recalc_on_load(pkg: Package) -> None:
    pkg.touch(pkg.workbook)
    calc = pkg.book.find(f"{_M}calcPr")
    if calc is None:
        calc = etree.SubElement(pkg.book, f"{_M}calcPr")
        ext = pkg.book.find(f"{_M}extLst")
        if ext is not None:  # calcPr comes before the later elements
            ext.addprevious(calc)
    calc.set("fullCalcOnLoad", "1")


def _stale_results(pkg: Package, edited: set[str]) -> None:
    """Formulas keep the result they had when saved: after a number changed, the results of the
    formulas on the edited sheets, and of those naming an edited sheet (and so on), are dropped (so
    that no reader takes an old total for the new one); Excel recalculates them on opening."""
    stale = set(edited)
    done: set[str] = set()
    while stale - done:
        for name in sorted(stale - done):
            done.add(name)
        for name, part in pkg.sheets.items():
            data = pkg.changed.get(part) or pkg.parts.get(part, b"")
            if part not in pkg._trees and b"<f" not in data and b":f" not in data:
                continue
            root = pkg.tree(part)
            touched = False
            for cell in root.iter(f"{_M}c"):
                f = cell.find(f"{_M}f")
                if f is None or cell.find(f"{_M}v") is None:
                    continue
                if name in stale or any(other in (f.text or "") for other in stale):
                    for v in cell.findall(f"{_M}v"):
                        cell.remove(v)
                    if cell.get("t") in ("str", "e", "b", "n"):
                        cell.attrib.pop("t")
                    touched = True
            if touched:
                pkg.touch(part)
                stale.add(name)


#: Lays the self-check out in a package after the other edits (``xladdin.selfcheck.parts.refresh``:
#: package, styles, named styles, a work folder, the file's suffix → the sheets whose results are stale).
Refresh = Callable[["Package", "_Styles", dict[str, int], Path, str], set[str]]


def write(src: Path, out: Path, edits: list[Edit], refresh: Refresh | None = None) -> None:
    """Write ``src`` with ``edits`` applied to ``out``, touching only the parts the edits change;
    a :class:`RefreshSelfCheck` among them is done by ``refresh``. Raises :class:`Unsupported`
    (nothing written) for what is the openpyxl writer's."""
    if not supports(edits):
        raise Unsupported("edits")
    if refresh is None and any(isinstance(e, RefreshSelfCheck) for e in edits):
        raise Unsupported("the self-check")
    try:
        pkg = Package(src)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile) as err:
        raise Unsupported(str(err)) from None
    styles = _Styles(pkg)
    numbers = formulas = cells = False
    named: dict[str, int] | None = None
    edited = {e.sheet for e in edits if isinstance(e, SetCell | InsertRows)}
    again = any(isinstance(e, RefreshSelfCheck) for e in edits)  # the self-check laid out afresh
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="xladdin-edit-"))
    try:
        for e in edits:
            if isinstance(e, RefreshSelfCheck):
                continue  # after the other edits, on the workbook as they leave it
            if isinstance(e, AddSheet):
                if e.spec.name in pkg.sheets:
                    raise Unsupported("the sheet exists")
                xml, names = _rendered_sheet(pkg, styles, e, work)
                _add_sheet(pkg, e.spec.name, xml, e.after, names)
                formulas = cells = True
                continue
            if isinstance(e, InsertRows):
                part = pkg.sheets.get(e.sheet)
                if part is None:
                    raise Unsupported(f"no sheet {e.sheet}")
                _insert_rows(pkg, e.sheet, part, e.before, e.count)
                numbers = cells = True
                continue
            if isinstance(e, SetCell) and e.style is not None and named is None:
                named = _named_styles(pkg, styles, work)
            numbers, formulas, cells = _apply(pkg, styles, e, named or {}, (numbers, formulas, cells))
        if again and refresh is not None:
            named = named if named is not None else _named_styles(pkg, styles, work)
            stale = refresh(pkg, styles, named, work, src.suffix)
            edited |= stale
            formulas |= bool(stale)
            cells |= bool(stale)
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    if formulas:
        _drop_calc_chain(pkg)
    if numbers or formulas:
        _stale_results(pkg, edited)
    if cells:  # formulas reading a changed text (the in-workbook checks) are recalculated on opening
        _recalc_on_load(pkg)
    pkg.save(out)


def _apply(
    pkg: Package, styles: _Styles, e: Edit, named: dict[str, int], flags: tuple[bool, bool, bool]
) -> tuple[bool, bool, bool]:
    numbers, formulas, cells = flags
    if isinstance(e, NoteSheet):
        xml = _note_xml(pkg, styles, e)
        if e.name in pkg.sheets:
            pkg.changed[pkg.sheets[e.name]] = xml
            pkg._trees.pop(pkg.sheets[e.name], None)
        else:
            _add_sheet(pkg, e.name, xml)
        return numbers, formulas, cells
    assert isinstance(e, SetCell)
    part = pkg.sheets.get(e.sheet)
    if part is None:
        raise Unsupported(f"no sheet {e.sheet}")
    root = pkg.tree(part)
    data = root.find(f"{_M}sheetData")
    if data is None:
        raise Unsupported("sheet without sheetData")
    pkg.touch(part)
    cell = _cell(_row(data, e.row), e.row, e.col)
    old_value = cell.find(f"{_M}v")
    was_number = old_value is not None and cell.get("t") in (None, "n")
    formulas |= _clear(cell)
    _put(cell, e.value, e.formula)
    formulas |= bool(e.formula)
    numbers |= was_number or isinstance(e.value, int | float) or bool(e.formula)
    if e.style is not None:
        cell.set("s", str(named.get(e.style, named.get("text", 0))))
    if e.fill:
        cell.set("s", str(styles.filled(_int(cell.get("s"), 0), e.fill)))
    return numbers, formulas, True
