"""Edit a workbook package in place, part by part: only the worksheet parts whose cells change (and
``styles.xml`` for a new fill, ``workbook.xml`` and the package's lists for a new sheet) are rewritten;
every other part — drawings, pictures, shapes and text boxes, comments, other sheets, the VBA
project, the ribbon — is copied byte for byte. openpyxl drops what it does not model (shapes, text
boxes, a value kept under a merge) and renumbers what it does: a write through it would lose them.

Supported here: :class:`~xladdin.edits.SetCell` without a named style (a value, a formula, a fill)
and :class:`~xladdin.edits.NoteSheet`. Other edits (new sheets from the layout, inserted rows) go
through openpyxl (:mod:`xladdin.io.openpyxl_writer`). Texts are written as inline strings, so the
shared-string table is not touched either.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from xladdin import a1
from xladdin.edits import Edit, NoteSheet, SetCell

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
    return all(isinstance(e, NoteSheet) or (isinstance(e, SetCell) and e.style is None) for e in edits)


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
            self._trees[part] = _parse(self.changed.get(part, self.parts[part]))
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
    if not text.isdigit():
        raise Unsupported(f"row number {text!r}")
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


def _add_sheet(pkg: Package, name: str, xml: bytes) -> None:
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
        int(s.get("sheetId") or 0) for s in sheets.iterchildren(f"{_M}sheet") if (s.get("sheetId") or "").isdigit()
    ]
    el = etree.SubElement(sheets, f"{_M}sheet", name=name, sheetId=str(max(ids_used, default=0) + 1))
    el.set(f"{{{REL}}}id", f"rId{k}")
    pkg.touch("[Content_Types].xml")
    types = pkg.tree("[Content_Types].xml")
    etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + part, ContentType=WORKSHEET_CT)
    pkg.sheets[name] = part


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


def _stale_results(pkg: Package) -> None:
    """Formulas keep the result they had when saved: after a number changed, those results are
    dropped (so that no reader takes an old total for the new one) and Excel recalculates on load."""
    for part in set(pkg.sheets.values()):
        data = pkg.changed.get(part) or pkg.parts.get(part, b"")
        if part not in pkg._trees and b"<f" not in data and b":f" not in data:
            continue
        root = pkg.tree(part)
        touched = False
        for cell in root.iter(f"{_M}c"):
            if cell.find(f"{_M}f") is not None:
                for v in cell.findall(f"{_M}v"):
                    cell.remove(v)
                    touched = True
                if cell.get("t") in ("str", "e", "b", "n"):
                    cell.attrib.pop("t")
        if touched:
            pkg.touch(part)


def write(src: Path, out: Path, edits: list[Edit]) -> None:
    """Write ``src`` with ``edits`` applied to ``out``, touching only the parts the edits change.
    Raises :class:`Unsupported` (nothing written) for what is the openpyxl writer's."""
    if not supports(edits):
        raise Unsupported("edits")
    try:
        pkg = Package(src)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile) as err:
        raise Unsupported(str(err)) from None
    styles = _Styles(pkg)
    numbers = formulas = cells = False
    for e in edits:
        if isinstance(e, NoteSheet):
            xml = _note_xml(pkg, styles, e)
            if e.name in pkg.sheets:
                pkg.changed[pkg.sheets[e.name]] = xml
                pkg._trees.pop(pkg.sheets[e.name], None)
            else:
                _add_sheet(pkg, e.name, xml)
            continue
        part = pkg.sheets.get(e.sheet)
        if part is None:
            raise Unsupported(f"no sheet {e.sheet}")
        root = pkg.tree(part)
        data = root.find(f"{_M}sheetData")
        if data is None:
            raise Unsupported("sheet without sheetData")
        pkg.touch(part)
        cells = True
        cell = _cell(_row(data, e.row), e.row, e.col)
        old_value = cell.find(f"{_M}v")
        was_number = old_value is not None and cell.get("t") in (None, "n")
        formulas |= _clear(cell)
        _put(cell, e.value, e.formula)
        formulas |= bool(e.formula)
        numbers |= was_number or isinstance(e.value, int | float) or bool(e.formula)
        if e.fill:
            cell.set("s", str(styles.filled(_int(cell.get("s"), 0), e.fill)))
    if formulas:
        _drop_calc_chain(pkg)
    if numbers or formulas:
        _stale_results(pkg)
    if cells:  # formulas reading a changed text (the in-workbook checks) are recalculated on opening
        _recalc_on_load(pkg)
    pkg.save(out)
