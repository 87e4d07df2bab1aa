"""Test helpers: edit a grid as a clerk would in Excel (the formulas recalculate), then check it."""

from __future__ import annotations

from xladdin.config import Config
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
