"""The self-check laid out part by part (``xladdin.io.surgical``): for a workbook openpyxl would damage
(pictures, shapes, text boxes, comments), after the other edits. The plan is the one the other writers
apply (:func:`xladdin.selfcheck.plan.plan` on the workbook as the edits leave it); only what it changes
is rewritten: the hidden 自查 sheet, the 自查 cell and our conditional formats of a form sheet whose
plan differs, the ``xladdin_*`` names (``workbook.xml``) and the colours' formats (``styles.xml``).
Every other part stays byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from xladdin import a1
from xladdin.selfcheck.cells import SHEET, is_selfcheck_formula
from xladdin.selfcheck.checks import ON
from xladdin.selfcheck.write import CELL_STYLE, NAMES

if TYPE_CHECKING:
    from xladdin.io.surgical import Package, _Styles
    from xladdin.selfcheck.plan import Mark, SelfCheck

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_M = f"{{{MAIN}}}"
#: Worksheet elements that come after ``conditionalFormatting`` (ECMA-376 CT_Worksheet order).
_AFTER_CF = {
    f"{_M}{t}"
    for t in (
        *("dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter"),
        *("rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags"),
        *("drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls"),
        *("webPublishItems", "tableParts", "extLst"),
    )
}
_SUMMARY_ROWS = 8  # the 自查 cell stands beside the title, in the first rows


def refresh(pkg: Package, styles: _Styles, named: dict[str, int], work: Path, suffix: str) -> set[str]:
    """Lay the self-check out afresh in ``pkg`` for its forms as they now stand. Returns the sheets
    whose formulas' stored results are stale (the 自查 sheet, when it changed)."""
    from xladdin.io.grid import ReadError
    from xladdin.layout import LAYOUTS
    from xladdin.reader import read_workbook
    from xladdin.selfcheck.plan import book_of_reading, plan

    stage = work / f"stage{suffix}"
    pkg.save(stage)
    try:
        reading = read_workbook(stage)
    except ReadError:
        return set()
    book = book_of_reading(reading)
    if not book.forms:
        return set()
    sc = plan(book, {k: layout.last_col for k, layout in LAYOUTS.items()})
    for name, part in list(pkg.sheets.items()):
        if name != SHEET:
            _form_sheet(pkg, styles, part, sc, name, named.get(CELL_STYLE, 0))
    changed = _helper(pkg, sc)
    _names(pkg, sc.names)
    return {SHEET} if changed else set()


# --- a form sheet: its 自查 cell and our colours ---------------------------------------------------------


def _ours(rule: etree._Element) -> bool:
    return any(ON in (f.text or "") for f in rule.iter(f"{_M}formula"))


def _summary_cells(root: etree._Element) -> list[etree._Element]:
    data = root.find(f"{_M}sheetData")
    out = []
    for row in data.iterchildren(f"{_M}row") if data is not None else ():
        if int(row.get("r") or 0) > _SUMMARY_ROWS:
            break
        for cell in row.iterchildren(f"{_M}c"):
            f = cell.find(f"{_M}f")
            if f is not None and is_selfcheck_formula("=" + (f.text or "")):
                out.append(cell)
    return out


def _form_sheet(pkg: Package, styles: _Styles, part: str, sc: SelfCheck, name: str, marker: int) -> None:
    from xladdin.io.surgical import _cell, _clear, _put, _row

    root = pkg.tree(part)
    summary = sc.summary.get(name)
    marks = sc.marks.get(name, [])
    have_cells = _summary_cells(root)
    have = {(c.get("r"), "=" + (c.find(f"{_M}f").text or "")) for c in have_cells}
    have_marks = [
        (cf.get("sqref"), f.text)
        for cf in root.iterchildren(f"{_M}conditionalFormatting")
        for rule in cf.iterchildren(f"{_M}cfRule")
        if _ours(rule)
        for f in rule.iterchildren(f"{_M}formula")
    ]
    want = {summary} if summary else set()
    if have == want and sorted(have_marks) == sorted((m.ref, m.formula) for m in marks):
        return  # as planned: the part stays as it is
    pkg.touch(part)
    for cell in have_cells:
        _clear(cell)
    for cf in list(root.iterchildren(f"{_M}conditionalFormatting")):
        for rule in list(cf.iterchildren(f"{_M}cfRule")):
            if _ours(rule):
                cf.remove(rule)
        if cf.find(f"{_M}cfRule") is None:
            root.remove(cf)
    if summary:
        ref, formula = summary
        r, c = a1.parse(ref)
        data = root.find(f"{_M}sheetData")
        cell = _cell(_row(data, r), r, c)
        _clear(cell)
        _put(cell, None, formula)
        cell.set("s", str(marker))
        col, width = sc.widths[name]
        _width(root, col, width)
    _marks(root, styles, marks)


def _marks(root: etree._Element, styles: _Styles, marks: list[Mark]) -> None:
    """Our conditional formats, after the sheet's own (a clerk's keep their place and priority)."""
    priorities = [int(p) for p in (r.get("priority") for r in root.iter(f"{_M}cfRule")) if p and p.isdigit()]
    priority = max(priorities, default=0)
    anchor = next((el for el in root if el.tag in _AFTER_CF), None)
    for mark in marks:
        priority += 1
        cf = etree.Element(f"{_M}conditionalFormatting", sqref=mark.ref)
        rule = etree.SubElement(
            cf, f"{_M}cfRule", type="expression", dxfId=str(styles.dxf(mark.fill)), priority=str(priority)
        )
        etree.SubElement(rule, f"{_M}formula").text = mark.formula
        if anchor is not None:
            anchor.addprevious(cf)
        else:
            root.append(cf)


def _width(root: etree._Element, col: int, chars: float) -> None:
    """Column ``col`` as wide as the 自查 text (``chars`` characters), as the other writers set it."""
    from xladdin.layout.styles import file_width

    width = f"{file_width(chars):g}"
    cols = root.find(f"{_M}cols")
    if cols is None:
        cols = etree.Element(f"{_M}cols")
        root.find(f"{_M}sheetData").addprevious(cols)
    for el in list(cols.iterchildren(f"{_M}col")):
        lo, hi = int(el.get("min") or 0), int(el.get("max") or 0)
        if not lo <= col <= hi:
            continue
        pieces = [(lo, col - 1), (col + 1, hi)]
        for a, b in pieces:
            if a <= b:
                copy = etree.fromstring(etree.tostring(el))
                copy.set("min", str(a))
                copy.set("max", str(b))
                (el.addprevious if a < col else el.addnext)(copy)
        el.set("min", str(col))
        el.set("max", str(col))
        el.set("width", width)
        el.set("customWidth", "1")
        return
    new = etree.Element(f"{_M}col", min=str(col), max=str(col), width=width, customWidth="1")
    after = [el for el in cols.iterchildren(f"{_M}col") if int(el.get("min") or 0) > col]
    if after:
        after[0].addprevious(new)
    else:
        cols.append(new)


# --- the hidden 自查 sheet and the names -----------------------------------------------------------------


def _helper(pkg: Package, sc: SelfCheck) -> bool:
    """Write the 自查 sheet (hidden, after the forms) unless it already holds the plan. True if written."""
    from xladdin.io.surgical import _add_sheet, _dump, _put

    part = pkg.sheets.get(SHEET)
    wanted = {(r, c): formula if formula else ("v", value) for r, c, value, formula in sc.cells}
    if part is not None and _contents(pkg, pkg.tree(part)) == wanted:
        return False
    ws = etree.Element(f"{_M}worksheet", nsmap={None: MAIN})
    data = etree.SubElement(ws, f"{_M}sheetData")
    rows: dict[int, etree._Element] = {}
    for r, c, value, formula in sorted(sc.cells, key=lambda t: (t[0], t[1])):
        if r not in rows:
            rows[r] = etree.SubElement(data, f"{_M}row", r=str(r))
        cell = etree.SubElement(rows[r], f"{_M}c", r=a1.ref(r, c))
        _put(cell, value, formula)
    xml = _dump(ws)
    if part is not None:
        pkg.changed[part] = xml
        pkg._trees.pop(part, None)
    else:
        _add_sheet(pkg, SHEET, xml)
    for s in pkg.book.iter(f"{_M}sheet"):
        if s.get("name") == SHEET and s.get("state") != "hidden":
            s.set("state", "hidden")
            pkg.touch(pkg.workbook)
    return True


def _contents(pkg: Package, root: etree._Element) -> dict[tuple[int, int], object]:
    """The 自查 sheet's cells as the plan states them: formula text (with "="), or ("v", text)."""
    shared: list[str] = []
    rel = next((r for r in pkg.book_rels if (r.get("Type") or "").endswith("/sharedStrings")), None)
    if rel is not None:
        from xladdin.io.surgical import _join

        name = _join(pkg.workbook, rel.get("Target") or "")
        if name in pkg.parts:
            strings = pkg.tree(name)
            shared = ["".join(t.text or "" for t in si.iter(f"{_M}t")) for si in strings.iter(f"{_M}si")]
    out: dict[tuple[int, int], object] = {}
    for cell in root.iter(f"{_M}c"):
        r, c = a1.parse(cell.get("r") or "A1")
        f = cell.find(f"{_M}f")
        if f is not None:
            out[(r, c)] = "=" + (f.text or "")
            continue
        v = cell.find(f"{_M}v")
        if cell.get("t") == "s" and v is not None and (v.text or "").isdigit() and int(v.text) < len(shared):
            out[(r, c)] = ("v", shared[int(v.text)])
        elif cell.get("t") == "inlineStr":
            out[(r, c)] = ("v", "".join(t.text or "" for t in cell.iter(f"{_M}t")))
        elif v is not None:
            out[(r, c)] = ("v", v.text)
    return out


def _names(pkg: Package, names: dict[str, str]) -> None:
    """The ``xladdin_*`` names as planned (workbook-level); none left at a sheet's level."""
    book = pkg.book
    defined = book.find(f"{_M}definedNames")
    have = {}
    for n in list(defined) if defined is not None else []:
        if n.get("name") in NAMES:
            have.setdefault(n.get("name"), []).append(n)
    current = {k: v[0].text for k, v in have.items() if len(v) == 1 and v[0].get("localSheetId") is None}
    wanted = {k: v.removeprefix("=") for k, v in names.items()}
    if current == wanted:
        return
    pkg.touch(pkg.workbook)
    for group in have.values():
        for n in group:
            defined.remove(n)
    if defined is None:  # after the sheets (and any functionGroups, externalReferences)
        defined = etree.Element(f"{_M}definedNames")
        before = [book.find(f"{_M}{t}") for t in ("externalReferences", "functionGroups", "sheets")]
        next(el for el in before if el is not None).addnext(defined)
    for name, ref in wanted.items():
        etree.SubElement(defined, f"{_M}definedName", name=name).text = ref
