"""Test helpers shared by every folder: edit a grid as a clerk would in Excel (the formulas recalculate),
then check it; workbooks written part by part; the ribbon handlers through xlwings' remote engine."""

from __future__ import annotations

import zipfile
from pathlib import Path

import xlwings as xw

from xladdin.config import Config
from xladdin.excel.handlers import Ui
from xladdin.io.grid import BookGrid
from xladdin.reader import read_grid_model
from xladdin.rules import Finding
from xladdin.validate import check

#: The 附表3 sheets of the seed example, in the order of the seed (tests/data/seed/).
SEED_FORM3_SHEETS = [
    "附表3-烈士纪念设施整修",
    "附表3-城镇军队退役人员就业援助资金",
    "附表3-困难帮扶-退役专项",
    "附表3-大学生应征入伍奖励",
    "附表3-优抚安置专项",
    "附表3-经开区-优军优抚专项",
    "附表3-经开区-对越参战人员社会公益性岗位补助",
]


def recalc(grid: BookGrid) -> None:
    """Recompute every formula of ``grid`` the way Excel does after an edit."""
    pending = {s.name: set(s.formulas) for s in grid.sheets}
    for s in grid.sheets:
        for r, c in s.formulas:
            s.set(r, c, None)
    grid.compute_missing(pending)


def edit(grid: BookGrid, sheet: str, cell: str, value: object) -> None:
    """Type ``value`` into ``cell`` (replacing any formula there) and recalculate."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(cell)
    col = column_index_from_string(letters)
    s = grid.sheet(sheet)
    assert s is not None, sheet
    s.formulas.pop((row, col), None)
    s.set(row, col, value)
    recalc(grid)


def findings(grid: BookGrid, config: Config | None = None) -> list[Finding]:
    return check(read_grid_model(grid), config).findings


def keyset(fs: list[Finding]) -> set[tuple[str, str, str]]:
    return {(f.rule, f.sheet, f.cell) for f in fs}


def payload(grid: BookGrid, name: str = "example.xlsm") -> dict:
    """What xlwings' VBA client sends for a workbook (values from A1, "" for empty)."""
    import xlwings as xw

    sheets = []
    for s in grid.sheets:
        width = max((len(r) for r in s.rows), default=1) or 1
        values = [["" if v is None else v for v in (*r, *[None] * (width - len(r)))] for r in s.rows] or [[""]]
        sheets.append({"name": s.name, "values": values, "pictures": [], "tables": []})
    return {
        "client": "VBA",
        "version": xw.__version__,
        "book": {"name": name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def digest(path) -> str:
    """The file's bytes as a SHA-256 (a file that must not change keeps its digest)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- workbooks written part by part

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)


def _book(tmp_path, sheets, strings=None, main=MAIN, rel=REL, name="book.xlsx"):
    """sheets: (name, state, sheetData and more XML); strings: the shared strings' <si> XML."""
    wb = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"{f" state={chr(34)}{s}{chr(34)}" if s else ""}/>'
        for i, (n, s, _) in enumerate(sheets, 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="x" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1)
    )
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="r" Type="x" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>{wb}</sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
        if strings is not None:
            zf.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{strings}</sst>')
        for i, (_, _, body) in enumerate(sheets, 1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", f'<worksheet xmlns="{main}">{body}</worksheet>')
    return path


# ---------------------------------------------------------------- the ribbon handlers through xlwings' remote engine

class Recorder(Ui):
    def __init__(self, book, fund=None, year: str | None = ""):
        """``year``: the answer to a year question ("": the year offered)."""
        self.asked: list[tuple[str, str, int]] = []

        def ask_year(title: str, prompt: str, default: int) -> str | None:
            self.asked.append((title, prompt, default))
            return str(default) if year == "" else year

        super().__init__(book, ask_fund=lambda: fund, ask_year=ask_year)
        self.messages: list[str] = []

    def alert(self, text, title="绩效目标"):
        self.messages.append(text)
        super().alert(text, title)


def book_of(grid: BookGrid):
    return xw.Book(json=payload(grid))


def actions(book, func=None):
    acts = book.json()["actions"]
    return [a for a in acts if func is None or a["func"] == func]


class ImportRecorder(Ui):
    """The 导入旧表 button's questions answered: the file to import, the year ("" keeps the source's)."""

    def __init__(self, book, answer, year: str | None = ""):
        self.opened: list[Path] = []
        self.asked: list[tuple[str, str, int]] = []

        def ask_year(title: str, prompt: str, default: int) -> str | None:
            self.asked.append((title, prompt, default))
            return year  # "": keep the source's year

        super().__init__(book, ask_file=lambda: answer, open_book=self.opened.append, ask_year=ask_year)
        self.messages: list[str] = []

    def alert(self, text, title="绩效目标"):
        self.messages.append(text)


def rows_workbook(path: Path, rows: list[list[object]], merges: tuple[str, ...] = (), name: str = "Sheet1") -> Path:
    """A one-sheet .xlsx holding ``rows`` (blank cells left empty) with ``merges``: a form in another
    bureau's layout, written out as printed."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = name
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                ws.cell(r, c, value)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def error_lines(path: Path) -> list[str]:
    """「rule cell message」 of every error ``validate`` gives on ``path``."""
    from xladdin.validate import validate_file

    return [f"{f.rule} {f.cell} {f.message}" for f in validate_file(path).findings if f.severity == "error"]
