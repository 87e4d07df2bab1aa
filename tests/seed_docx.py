"""The seed's forms as a Word document, built from the seed's table text (tests/data/seed/).

``shifeng2023.txt`` is a text dump of the Word tables of 株洲市石峰区退役军人事务局's 2023
预算绩效目标表: each cell on a line starting with a tab, rows separated by blank lines, a cell's
further lines without the tab. :func:`parse_seed` turns it back into tables (one per 附表) of rows
of cells; :func:`build_seed_docx` writes them with python-docx, one table per 附表, merged cells as
Word makes them: ``w:gridSpan`` where a row has fewer cells than the table has columns (the spans
below follow the template, which was drawn from these forms), ``w:vMerge`` where the dump shows an
empty cell continuing the label above it (the 年度预算申请, 年度重点工作计划, 年度绩效指标 and 支出明细
labels in column A, the 一级指标 of the indicator tables, 所属专项 on 附表3).

The dump's "[bookmark: _GoBack]" marker is written back as a Word bookmark, not as text.
With ``header_paragraphs`` the 附表N, title and 填报单位 rows are paragraphs above each table and
the signature lines paragraphs below it, as many bureaus lay out their documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SEED_TEXT = Path(__file__).resolve().parent / "data" / "seed" / "shifeng2023.txt"
BOOKMARK = "[bookmark: _GoBack]"
WIDTH = {"附表1": 5, "附表2": 5, "附表3": 6}
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def parse_seed(path: Path = SEED_TEXT) -> list[list[list[str]]]:
    """Tables (one per 附表) → rows → cell texts, as the dump holds them."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    blank = 0
    for line in path.read_text("utf-8").split("\n"):
        if line.startswith("\t"):
            if row is None or blank or re.fullmatch(r"附表\d", _norm(line)):
                row = []
                rows.append(row)
            row.append(line[1:])
            blank = 0
        elif not line.strip():
            blank += 1
        elif row is not None:
            row[-1] += "\n" * (blank + 1) + line
            blank = 0
    tables: list[list[list[str]]] = []
    for r in rows:
        r[:] = [c.strip("\n") for c in r]
        first = next((_norm(c) for c in r if c.strip()), "")
        if re.fullmatch(r"附表\d", first):
            tables.append([])
        tables[-1].append(r)
    return tables


def _spans(form: str, cells: list[str], width: int) -> list[int]:
    n = len(cells)
    if n >= width:
        return [1] * width
    first = _norm(cells[0])
    if n == 1:
        return [width]
    if form == "附表3":
        if first.startswith("填报单位"):
            return [4, 2]
        if n == 2:
            return [1, 5]
        if n == 5:
            return [1, 1, 1, 1, 2]
        if n == 4:  # 合计 of 支出明细: 合计 over 支出内容简介 and 支出明细
            return [1, 2, 1, 2]
    if n == 2:
        return [1, width - 1]
    if n == 3:
        return [1, 2, 2]
    if n == 4 and (first.startswith(("附表", "填报单位"))):
        return [2, 1, 1, 1]
    if n == 4:
        return [1, 1, 1, 2]
    raise ValueError(f"no spans for a row of {n} cells on {form}: {cells}")


def _merges_down(form: str, rows: list[list[str]]) -> list[tuple[int, int, int]]:
    """(column, first row, last row) of each vertical merge, 0-based."""
    out: list[tuple[int, int, int]] = []
    cols = [0, 1] if form != "附表2" else []
    if form == "附表3":
        cols.append(2)
    for col in cols:
        start = None
        for r, cells in enumerate(rows):
            continues = len(cells) > 1 and col < len(cells) and cells[col] == "" and start is not None
            if col == 1:  # 一级指标 only inside the indicator table
                continues = continues and _in_indicators(rows, r)
            if col == 2:  # 所属专项 over 名称 and 金额
                continues = continues and _norm(rows[r][0]) == "项目金额"
            if continues:
                continue
            if start is not None and r - 1 > start:
                out.append((col, start, r - 1))
            start = r if len(cells) > 1 and col < len(cells) and cells[col] != "" else None
        if start is not None and len(rows) - 1 > start:
            out.append((col, start, len(rows) - 1))
    return out


def _in_indicators(rows: list[list[str]], r: int) -> bool:
    for above in range(r - 1, -1, -1):
        label = _norm(rows[above][0])
        if label:
            return label.startswith("年度绩效指标")
    return False


def _write(cell, text: str) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        para = first if i == 0 else cell.add_paragraph()
        if BOOKMARK in line:
            line = line.replace(BOOKMARK, "")
            start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
            start.set(qn("w:id"), "0")
            start.set(qn("w:name"), "_GoBack")
            end.set(qn("w:id"), "0")
            para._p.append(start)
            para._p.append(end)
        para.add_run(line)


def _add_table(document, form: str, rows: list[list[str]], width: int, *, phantom: bool) -> None:
    """One Word table; with ``phantom`` the grid has an extra column after A that no cell begins in
    (every cell starting in A spans it), as Word makes when borders do not line up."""
    grid = width + 1 if phantom else width
    table = document.add_table(rows=len(rows), cols=grid)
    table.style = "Table Grid"
    spans = [_spans(form, cells, width) for cells in rows]
    if phantom:
        spans = [[row[0] + 1, *row[1:]] for row in spans]
    for r, row_spans in enumerate(spans):
        col = 0
        for span in row_spans:
            if span > 1:
                table.cell(r, col).merge(table.cell(r, col + span - 1))
            col += span
    for col, first, last in _merges_down(form, rows):
        at = col + 1 if phantom and col >= 1 else col
        table.cell(first, at).merge(table.cell(last, at))
    for r, (cells, row_spans) in enumerate(zip(rows, spans, strict=True)):
        col = 0
        for text, span in zip(cells, row_spans, strict=False):
            if text:
                _write(table.cell(r, col), text)
            col += span


def build_seed_docx(out: Path, *, header_paragraphs: bool = False, phantom: bool = False, split: bool = False) -> Path:
    """The seed as a .docx. ``phantom``: grids with a column no cell begins in. ``split``: each 附表3
    continues in a second table from its 年度绩效指标 row on (a page break between them)."""
    document = docx.Document()
    for n, rows in enumerate(parse_seed()):
        form = _norm(rows[0][0])
        width = WIDTH[form]
        if n:
            document.add_page_break()
        above: list[str] = []
        below: list[str] = []
        if header_paragraphs:
            above = [" ".join(c for c in r if c.strip()) for r in rows[:3]]
            rows = rows[3:]
            while rows and _norm(rows[-1][0]).startswith(("单位负责人", "填表人")):
                below.insert(0, rows.pop()[0])
        for text in above:
            document.add_paragraph(text)
        cut = next((i for i, r in enumerate(rows) if _norm(r[0]) == "年度绩效指标"), 0)
        if split and form == "附表3" and cut:
            _add_table(document, form, rows[:cut], width, phantom=phantom)
            document.add_page_break()
            _add_table(document, form, rows[cut:], width, phantom=phantom)
        else:
            _add_table(document, form, rows, width, phantom=phantom)
        for text in below:
            for line in text.split("\n"):
                document.add_paragraph(line)
    document.add_paragraph()  # Word ends a document with a paragraph, never with a table
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def grid_to_docx(grid, out: Path) -> Path:
    """Each sheet of a BookGrid as one Word table (values as text, merged ranges merged), a page
    break between them: a workbook's forms as a bureau would paste them into Word."""
    document = docx.Document()
    shown = [s for s in grid.sheets if not getattr(s, "hidden", False)]  # hidden sheets (自查) are not pasted
    for n, sheet in enumerate(shown):
        if n:
            document.add_page_break()
        width = max((len(r) for r in sheet.rows), default=1)
        table = document.add_table(rows=max(len(sheet.rows), 1), cols=width)
        table.style = "Table Grid"
        for r1, c1, r2, c2 in sheet.merges:
            if r2 <= len(sheet.rows) and c2 <= width:
                table.cell(r1 - 1, c1 - 1).merge(table.cell(r2 - 1, c2 - 1))
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                text = str(value)
                cell = table.cell(r, c)
                if cell.text:  # inside a merged range: Word keeps one text
                    continue
                _write(cell, text)
    document.add_paragraph()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out
