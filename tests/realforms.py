"""Real published performance-target forms (tests/data/realforms), their answer keys, and a scorer.

Each case is a form transcribed from a public 部门预算公开 document in its own layout (``<name>.json``:
its source and its sheets as rows of cells with merges) and an answer key written by hand before any
validator ran on it (``<name>.key.json``: the defects a finance-bureau reviewer would flag, and correct
things a naive checker might wrongly flag).

``score(findings, key, merges)`` compares validator findings with a key: a finding matches a defect when it
is on the defect's sheet and its cell is one of the defect's cells (a cell inside a merged range stands for
the range); a finding matching no defect is a false positive; ``info`` findings are not scored.
Run ``scripts/score-realforms`` for the table over the corpus.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl import load_workbook as openpyxl_load
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "realforms"
#: The second set (issue 19): forms from provinces the first set never saw, keys written before any rule ran.
SET2 = DATA / "set2"
#: The third set: a HELD-OUT measure. Forms from provinces (and layouts) neither earlier set has, keys written
#: before any rule ran; nothing in rules or recognition is tuned on it. Scored only when asked for.
SET3 = DATA / "set3"
#: The fourth set (session 6): HELD OUT. Forms from provinces and layouts no earlier set has, keys written and
#: committed before any rule ran on them; scored once before anything is tuned on them.
SET4 = DATA / "set4"
#: The fifth set (session 6): held out for the session's final measure. Forms whose layouts no earlier set
#: has, keys committed with each form before any rule ran; nobody tunes on it.
SET5 = DATA / "set5"
#: The sixth set (session 7): held out for the session's final measure. Forms in layouts no earlier set has,
#: keys committed with each form before any rule ran; nobody tunes on it.
SET6 = DATA / "set6"
#: The seventh set (session 8): held out, scored once on the code at the session's start, then tuned on.
SET7 = DATA / "set7"
#: The eighth set (session 9): held out, scored once on the code at the session's start, then tuned on.
SET8 = DATA / "set8"
#: The corpus by set: "old" is the first eleven forms (the thresholds of tests/test_findings.py hold on
#: them), "new" the second set (scored, not yet held to thresholds), "set3" the third (held out, then tuned on),
#: "set4" the fourth (held out, then tuned on), "set5" the fifth (held out in session 6, then tuned on),
#: "set6" the sixth (held out in session 7, then tuned on), "set7" the seventh (session 8),
#: "set8" the eighth (session 9).
SETS = {"old": DATA, "new": SET2, "set3": SET3, "set4": SET4, "set5": SET5, "set6": SET6, "set7": SET7, "set8": SET8}
#: Other names `--set` accepts for a set.
SET_ALIASES = {"set1": "old", "set2": "new"}
#: The sets scored when no `--set` is given: the two the tool is developed on (the held-out set is not
#: shown unless asked for, `--set set3` or `--set all`).
DEFAULT_SETS = ("old", "new")


def set_names(wanted: str | None) -> list[str]:
    """The sets a `--set` value names: one set (by name or alias), `all`, or the default ones (None)."""
    if wanted is None:
        return list(DEFAULT_SETS)
    if wanted == "all":
        return list(SETS)
    name = SET_ALIASES.get(wanted, wanted)
    if name not in SETS:
        raise ValueError(f"unknown set {wanted!r}: one of {', '.join([*SETS, *SET_ALIASES, 'all'])}")
    return [name]


SCORED = ("error", "warning")


@dataclass(frozen=True)
class RealForm:
    name: str
    data: dict[str, Any]
    key: dict[str, Any]

    @property
    def source(self) -> dict[str, Any]:
        return self.data["source"]

    def sheet(self, name: str) -> dict[str, Any]:
        for sheet in self.data["sheets"]:
            if sheet["name"] == name:
                return sheet
        raise KeyError(name)


def load(folder: Path = DATA) -> list[RealForm]:
    """Every form of the corpus with its answer key, by file name."""
    cases = []
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(".key.json"):
            continue
        name = path.name.removesuffix(".json")
        key_path = folder / f"{name}.key.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        key = json.loads(key_path.read_text(encoding="utf-8")) if key_path.exists() else {"defects": [], "correct": []}
        cases.append(RealForm(name, data, key))
    return cases


def sheet_size(sheet: dict[str, Any]) -> tuple[int, int]:
    """(rows, columns) of a transcribed sheet: its used range starts at A1."""
    rows = sheet["rows"]
    return len(rows), max((len(r) for r in rows), default=0)


def cell_cells(ref: str) -> list[str]:
    """The cells of 'B5' or of a range 'B5:C7' (a finding may point at a range)."""
    ref = ref.replace("$", "").strip().upper()
    if ":" not in ref:
        return [ref]
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if (max_col - min_col + 1) * (max_row - min_row + 1) > 10_000:
        return [ref.split(":")[0]]
    return [f"{get_column_letter(c)}{r}" for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]


def cell_position(ref: str) -> tuple[int, int]:
    """(row, column) of 'B5', 1-based."""
    col, row = coordinate_from_string(ref)
    return row, column_index_from_string(col)


def our_sheet_name(case: RealForm, sheet: dict[str, Any]) -> str:
    """The name our template would give the sheet (附表1 for a 整体 form, 附表3-<name> for a 项目 form):
    a diagnostic, to see what the reader makes of a form once the sheet name is no obstacle."""
    if case.name.endswith("-zhengti"):
        return "附表1"
    return f"附表3-{sheet['name']}"[:31]


def build_xlsx(case: RealForm, path: Path, rename: bool = False) -> Path:
    """Write the transcribed form as a workbook: text stays text (a cell starting with '=' is not a
    formula), numbers stay numbers, empty cells stay empty, merges as printed. ``rename`` names the
    sheets as our template would (diagnostic only; the answer keys then use :func:`renamed_key`)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in case.data["sheets"]:
        ws = wb.create_sheet(our_sheet_name(case, sheet) if rename else sheet["name"])
        for r, row in enumerate(sheet["rows"], start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
        for merge in sheet.get("merges", []):
            ws.merge_cells(merge)
    path = Path(path)
    wb.save(path)
    return path


def _word_text(value: object) -> str:
    """A cell's text as Word prints it: numbers without a trailing 「.0」."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def build_docx(case: RealForm, path: Path) -> Path:
    """Write the transcribed form as a Word document: one table per sheet (the sheet's name as a
    paragraph above it), every cell's text as printed, merged cells merged as Word merges them
    (horizontal spans and vertical merges). Word has no number type: numbers become their text."""
    import docx

    document = docx.Document()
    for sheet in case.data["sheets"]:
        n_rows, n_cols = sheet_size(sheet)
        if not n_rows or not n_cols:
            continue
        document.add_paragraph(sheet["name"])
        table = document.add_table(rows=n_rows, cols=n_cols)
        table.style = "Table Grid"
        for r, row in enumerate(sheet["rows"]):
            for c, value in enumerate(row):
                text = _word_text(value)
                if text:
                    table.cell(r, c).text = text
        for merge in sheet.get("merges", []):
            c1, r1, c2, r2 = range_boundaries(merge)
            table.cell(r1 - 1, c1 - 1).merge(table.cell(r2 - 1, c2 - 1))
    path = Path(path)
    document.save(str(path))
    return path


def merges(case: RealForm, rename: bool = False) -> dict[str, list[str]]:
    """Merged ranges by sheet name (as built, see :func:`build_xlsx`)."""
    return {(our_sheet_name(case, s) if rename else s["name"]): list(s.get("merges", [])) for s in case.data["sheets"]}


def renamed_key(case: RealForm) -> dict[str, Any]:
    """The answer key with sheet names as :func:`build_xlsx` writes them with ``rename=True``."""
    names = {s["name"]: our_sheet_name(case, s) for s in case.data["sheets"]}
    return {
        part: [{**e, "sheet": names[e["sheet"]]} for e in case.key.get(part, [])] for part in ("defects", "correct")
    }


def _finding_cells(finding: dict[str, Any]) -> set[str]:
    refs = list(finding.get("cells") or []) + ([finding["cell"]] if finding.get("cell") else [])
    return {c for ref in refs for c in cell_cells(str(ref))}


def _finding_sheets(finding: dict[str, Any]) -> set[str]:
    sheets = set(finding.get("sheets") or [])
    if finding.get("sheet"):
        sheets.add(finding["sheet"])
    return sheets


def _anchors(merges: dict[str, list[str]] | None) -> dict[tuple[str, str], str]:
    """(sheet, cell) → the top-left cell of the merged range that covers it."""
    out: dict[tuple[str, str], str] = {}
    for sheet, ranges in (merges or {}).items():
        for rng in ranges:
            cells = cell_cells(rng)
            for c in cells:
                out[(sheet, c)] = cells[0]
    return out


def _hits(finding: dict[str, Any], entry: dict[str, Any], anchors: dict[tuple[str, str], str]) -> bool:
    """Same sheet, and a cell of the finding is one of the entry's cells; a cell inside a merged range
    stands for the whole range (Excel shows one cell), so it matches an entry naming any cell of it."""
    sheet = entry["sheet"]
    if sheet not in _finding_sheets(finding):
        return False
    wanted = {anchors.get((sheet, c), c) for c in entry["cells"]}
    return any(anchors.get((sheet, c), c) in wanted for c in _finding_cells(finding))


def score(
    findings: list[dict[str, Any]], key: dict[str, Any], merges: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Compare validator findings (dicts with severity, sheet, cell; optionally sheets/cells lists) with
    an answer key. tp/fp count scored findings, fn counts key defects no finding matched."""
    scored = [f for f in findings if f.get("severity") in SCORED]
    anchors = _anchors(merges)
    defects = key.get("defects", [])
    matched: dict[str, list[str]] = {d["id"]: [] for d in defects}
    tp = fp = 0
    false_positives = []
    for f in scored:
        hit = [d["id"] for d in defects if _hits(f, d, anchors)]
        if hit:
            tp += 1
            for i in hit:
                matched[i].append(f.get("rule", "?"))
        else:
            fp += 1
            false_positives.append(f)
    errors_on_correct = [
        f for f in scored if f.get("severity") == "error" and any(_hits(f, c, anchors) for c in key.get("correct", []))
    ]
    found = sum(1 for d in defects if matched[d["id"]])
    return {
        "findings": len(scored),
        "tp": tp,
        "fp": fp,
        "fn": len(defects) - found,
        "defects": len(defects),
        "found": found,
        "precision": tp / len(scored) if scored else None,
        "recall": found / len(defects) if defects else None,
        "errors_on_correct": len(errors_on_correct),
        "errors_on_correct_list": errors_on_correct,
        "false_positives": false_positives,
        "per_defect": [
            {"id": d["id"], "severity": d["severity"], "matched": bool(matched[d["id"]]), "by": matched[d["id"]]}
            for d in defects
        ],
    }


def run_validator(path: Path, xladdin: Path | None = None) -> tuple[int, list[dict[str, Any]], str]:
    """(exit code, findings, stderr) of ``xladdin validate PATH --json``."""
    exe = xladdin or ROOT / ".venv" / "bin" / "xladdin"
    proc = subprocess.run([str(exe), "validate", str(path), "--json"], capture_output=True, text=True, timeout=300)
    findings: list[dict[str, Any]] = []
    if proc.stdout.strip():
        try:
            findings = json.loads(proc.stdout).get("findings", [])
        except (json.JSONDecodeError, AttributeError):
            findings = []
    return proc.returncode, findings, proc.stderr.strip()


def validate_in_process(path: Path) -> tuple[int, list[dict[str, Any]], str]:
    """Like :func:`run_validator` without a subprocess (faster in tests): exit 2 when the workbook cannot be
    read as a performance-target workbook, else 1 with errors, 0 without."""
    from xladdin.io.grid import ReadError
    from xladdin.validate import validate_file

    try:
        report = validate_file(path)
    except ReadError as exc:
        return 2, [], str(exc)
    findings = report.as_json()["findings"]
    return (1 if any(f["severity"] == "error" for f in findings) else 0), findings, ""


# --- what an import adds: errors the source does not have, value texts it does not keep --------------


def check_any(path: Path) -> tuple[int, list[dict[str, Any]], str]:
    """Like :func:`validate_in_process`, for any source ``xladdin import`` reads (.xlsx or Word): the
    findings the rules give on the reader's model of it."""
    from xladdin.commands.importer import load_grid
    from xladdin.config import load_config
    from xladdin.io.grid import ReadError
    from xladdin.validate import check, read_grid_model

    try:
        with tempfile.TemporaryDirectory() as work:
            reading = read_grid_model(load_grid(Path(path), Path(work)))
        report = check(reading, load_config(book=path))
    except ReadError as exc:
        return 2, [], str(exc)
    findings = report.as_json()["findings"]
    return (1 if any(f["severity"] == "error" for f in findings) else 0), findings, ""


def run_import(src: Path, out: Path, xladdin: Path | None = None) -> tuple[int, str]:
    """(exit code, last line of stderr) of ``xladdin import SRC --out OUT``."""
    exe = xladdin or ROOT / ".venv" / "bin" / "xladdin"
    proc = subprocess.run(
        [str(exe), "import", str(src), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    return proc.returncode, (proc.stderr.strip().splitlines() or [""])[-1]


def import_in_process(src: Path, out: Path) -> tuple[int, str]:
    """Like :func:`run_import` without a subprocess."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from xladdin.cli import main as cli_main

    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        try:
            code = cli_main(["import", str(src), "--out", str(out)])
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return int(code or 0), (err.getvalue().strip().splitlines() or [""])[-1]


def _norm_text(value: object) -> str:
    return "".join(_word_text(value).split())


def indicator_rows(path: Path) -> list[dict[str, str]]:
    """Every indicator row the reader finds in a source or a workbook: its name, its value text (the
    reader joins a separate operator and unit column into it) and its further value columns
    (one per period, place or sub-item), whitespace removed. [] when the file cannot be read."""
    from xladdin.commands.importer import load_grid
    from xladdin.io.grid import ReadError
    from xladdin.validate import read_grid_model

    try:
        with tempfile.TemporaryDirectory() as work:
            sub = read_grid_model(load_grid(Path(path), Path(work))).submission
    except ReadError:
        return []
    out = []
    for form in sub.forms():
        for ind in getattr(form, "indicators", []) or []:
            row = {"name": _norm_text(ind.name), "value": _norm_text(ind.value)}
            for header, value in (getattr(ind, "extra", None) or {}).items():
                if _norm_text(value):
                    row[f"extra:{_norm_text(header)}"] = _norm_text(value)
            if any(v for k, v in row.items() if k != "name"):
                out.append(row)
    return out


def compare_values(source: list[dict[str, str]], imported: list[dict[str, str]]) -> list[dict[str, str]]:
    """The source's value texts the import does not keep: for each source indicator row with a value,
    an imported row of the same name must hold the same value text (and each further value column the
    same text, in a further column or as the value). Returns one entry per text changed or lost."""
    pool: dict[str, list[dict[str, str]]] = {}
    for row in imported:
        pool.setdefault(row["name"], []).append(row)
    changed = []
    for row in source:
        candidates = pool.get(row["name"], [])
        best = None
        for cand in candidates:
            if cand["value"] == row["value"]:
                best = cand
                break
        if best is None and candidates:
            best = candidates[0]
        if best is not None:
            candidates.remove(best)
        kept = set() if best is None else {v for v in best.values()}
        for key, text in row.items():
            if key == "name" or not text:
                continue
            got = "" if best is None else best.get(key, "")
            if got != text and not (key != "value" and text in kept):
                changed.append({"name": row["name"], "column": key, "source": text, "imported": got})
    return changed


def workbook_texts(path: Path) -> tuple[list[str], list[float]]:
    """Every non-empty cell text of a workbook (all sheets, 导入备注 included), whitespace removed, and
    every number among them."""
    wb = openpyxl_load(path)
    texts: list[str] = []
    numbers: list[float] = []
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for cell in row:
                    if cell is None or not _norm_text(cell):
                        continue
                    texts.append(_norm_text(cell))
                    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                        numbers.append(float(cell))
    finally:
        wb.close()
    return texts, numbers


_DIGIT = re.compile(r"\d")
_RUNS = re.compile(r"\d[\d.]*")
_SPLIT_AT = 20


def texts_lost(case: RealForm, imported: Path) -> list[str]:
    """The source's data texts (as transcribed: every cell holding a digit — values, amounts, dates,
    counts; labels are left out) that appear nowhere in the imported workbook, not even inside a joined
    value or on the 「导入备注」 sheet: what the import dropped. An amount counts as kept when the import
    holds it converted from 元 to 万元, and a long line of several fields (a signature line) counts as kept
    when each of its figures is. Reader-independent: a value column the reader never recognised
    still counts when its values vanish."""
    texts, numbers = workbook_texts(imported)
    haystack = "\n".join(texts)
    lost = []
    for sheet in case.data["sheets"]:
        for row in sheet["rows"]:
            for value in row:
                text = _norm_text(value)
                if not text or not _DIGIT.search(text) or text in haystack:
                    continue
                if isinstance(value, (int, float)) and any(
                    abs(n - v) <= 1e-6 * max(1.0, abs(v)) for n in numbers for v in (value, value / 10000)
                ):
                    continue
                if len(text) > _SPLIT_AT and all(run in haystack for run in _RUNS.findall(text)):
                    continue  # a line of several fields (填表人…联系电话…) the import splits: its figures are kept
                lost.append(text)
    return lost


#: One defect the rules report under two codes by the form's family: an import into our template reports
#: the source's defect under our family's code, not a new one. No cost indicator is I337 (an error) in the
#: 财预〔2021〕101号 family and I310 (a warning) in ours: an import's I310 is its source's I337.
SAME_DEFECT: dict[str, tuple[str, ...]] = {"I310": ("I337",)}


def added_findings(
    source: list[dict[str, Any]], imported: list[dict[str, Any]], severity: str = "error"
) -> dict[str, int]:
    """Findings of one ``severity`` the imported workbook has and the source does not, by rule: for each
    rule, how many more such findings the import gives than the source (sheets and cells differ between
    the two, so findings are compared by rule, not by place; a source finding of a rule's family twin,
    :data:`SAME_DEFECT`, counts as the source having it)."""

    def count(findings: list[dict[str, Any]]) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in findings:
            if f.get("severity") == severity:
                out[f.get("rule", "?")] = out.get(f.get("rule", "?"), 0) + 1
        return out

    before, after = count(source), count(imported)
    for rule, twins in SAME_DEFECT.items():
        before[rule] = before.get(rule, 0) + sum(1 for f in source if f.get("rule") in twins)
    return {rule: n - before.get(rule, 0) for rule, n in sorted(after.items()) if n > before.get(rule, 0)}


def added_errors(source: list[dict[str, Any]], imported: list[dict[str, Any]]) -> dict[str, int]:
    """Errors the imported workbook has and the source does not, by rule (:func:`added_findings`)."""
    return added_findings(source, imported, "error")


def added_warnings(source: list[dict[str, Any]], imported: list[dict[str, Any]]) -> dict[str, int]:
    """Warnings the imported workbook has and the source does not, by rule (:func:`added_findings`): what a
    clerk opening the new workbook is told to look at and did not cause."""
    return added_findings(source, imported, "warning")


Importer = Callable[[Path, Path], tuple[int, str]]
FORMATS = ("xlsx", "docx")


def import_check(
    case: RealForm, folder: Path, importer: Importer = run_import, formats: tuple[str, ...] = FORMATS
) -> dict[str, Any]:
    """Build the form in each format, import it, validate the import and the source, compare.

    Returns {fmt: {import_exit, message, source_exit, added_errors: {rule: n}, added, added_warnings:
    {rule: n}, added_w, values_changed: [...], changed, source_values}} and the totals "added", "added_w"
    and "changed" over the formats."""
    out: dict[str, Any] = {}
    builders = {"xlsx": build_xlsx, "docx": build_docx}
    for fmt in formats:
        src = builders[fmt](case, folder / f"{case.name}.src.{fmt}")
        dst = folder / f"{case.name}.{fmt}.imported.xlsm"
        code, message = importer(src, dst)
        s_code, s_findings, _ = check_any(src)
        entry: dict[str, Any] = {"import_exit": code, "message": message, "source_exit": s_code}
        source_values = indicator_rows(src)
        if code == 0 and dst.exists():
            _, i_findings, _ = check_any(dst)
            entry["added_errors"] = added_errors(s_findings, i_findings)
            entry["added_warnings"] = added_warnings(s_findings, i_findings)
            entry["values_changed"] = compare_values(source_values, indicator_rows(dst))
            entry["texts_lost"] = texts_lost(case, dst)
        else:
            entry["added_errors"] = {}
            entry["added_warnings"] = {}
            entry["values_changed"] = []
            entry["texts_lost"] = []
        entry["added"] = sum(entry["added_errors"].values())
        entry["added_w"] = sum(entry["added_warnings"].values())
        entry["changed"] = len(entry["values_changed"])
        entry["lost"] = len(entry["texts_lost"])
        entry["source_values"] = sum(1 for r in source_values for k, v in r.items() if k != "name" and v)
        out[fmt] = entry
    out["added"] = sum(out[f]["added"] for f in formats)
    out["added_w"] = sum(out[f]["added_w"] for f in formats)
    out["added_by_rule"] = _sum_rules(out[f]["added_errors"] for f in formats)
    out["added_w_by_rule"] = _sum_rules(out[f]["added_warnings"] for f in formats)
    out["changed"] = sum(out[f]["changed"] for f in formats)
    out["lost"] = sum(out[f]["lost"] for f in formats)
    out["failed"] = sum(1 for f in formats if out[f]["import_exit"] != 0)
    return out


def _sum_rules(counts: Any) -> dict[str, int]:
    """{rule: n} counts summed."""
    out: dict[str, int] = {}
    for c in counts:
        for rule, n in c.items():
            out[rule] = out.get(rule, 0) + n
    return dict(sorted(out.items()))


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _total(results: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("findings", "tp", "fp", "fn", "defects", "found", "errors_on_correct")
    t: dict[str, Any] = {k: sum(r["score"][k] for r in results) for k in keys}
    t["precision"] = t["tp"] / t["findings"] if t["findings"] else None
    t["recall"] = t["found"] / t["defects"] if t["defects"] else None
    t["error_findings"] = sum(r["score"].get("errors", 0) for r in results)
    t["true_errors"] = sum(r["score"].get("true_errors", 0) for r in results)
    t["error_precision"] = t["true_errors"] / t["error_findings"] if t["error_findings"] else None
    t["error_defects"] = sum(r["score"].get("error_defects", 0) for r in results)
    t["error_defects_found"] = sum(r["score"].get("error_defects_found", 0) for r in results)
    t["error_recall"] = t["error_defects_found"] / t["error_defects"] if t["error_defects"] else None
    imported = [r["imports"] for r in results if r.get("imports")]
    if imported:
        t["imports"] = {
            "added": sum(i["added"] for i in imported),
            "added_w": sum(i["added_w"] for i in imported),
            "added_by_rule": _sum_rules(i["added_by_rule"] for i in imported),
            "added_w_by_rule": _sum_rules(i["added_w_by_rule"] for i in imported),
            "changed": sum(i["changed"] for i in imported),
            "lost": sum(i["lost"] for i in imported),
            "failed": sum(i["failed"] for i in imported),
            "runs": sum(len([k for k in i if k in FORMATS]) for i in imported),
        }
    return t


Validate = Callable[[Path], tuple[int, list[dict[str, Any]], str]]


def _error_scores(findings: list[dict[str, Any]], key: dict[str, Any], merges: dict[str, list[str]]) -> dict[str, int]:
    """Error findings only: how many there are, how many point at a key defect (of any severity), and
    how many of the key's error defects an error finding points at."""
    anchors = _anchors(merges)
    errors = [f for f in findings if f.get("severity") == "error"]
    defects = key.get("defects", [])
    true_errors = sum(1 for f in errors if any(_hits(f, d, anchors) for d in defects))
    error_defects = [d for d in defects if d["severity"] == "error"]
    found = sum(1 for d in error_defects if any(_hits(f, d, anchors) for f in errors))
    return {
        "errors": len(errors),
        "true_errors": true_errors,
        "error_defects": len(error_defects),
        "error_defects_found": found,
    }


def score_corpus(
    cases: list[RealForm] | None = None,
    validate: Validate = run_validator,
    rename: bool = False,
    imports: bool = False,
    importer: Importer = run_import,
    formats: tuple[str, ...] = FORMATS,
) -> dict[str, Any]:
    """Build every form into a temporary workbook, validate it and score it against its key.

    ``validate(path) -> (exit code, findings, message)``; by default the CLI (``xladdin validate --json``).
    With ``imports``, also import each form (built as .xlsx and as .docx) and count what the import adds
    (:func:`import_check`). Returns {"forms": [{name, complete, exit, message, score[, imports]}],
    "total": ..., "total_complete": ...}; an unreadable form (exit 2) has no findings, so its recall is 0."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in load() if cases is None else cases:
            path = build_xlsx(case, Path(tmp) / f"{case.name}.xlsx", rename=rename)
            code, findings, message = validate(path)
            key = renamed_key(case) if rename else case.key
            complete = case.source.get("complete", True) is not False
            sheet_merges = merges(case, rename)
            result = {
                "name": case.name,
                "complete": complete,
                "exit": code,
                "message": message,
                "score": {**score(findings, key, sheet_merges), **_error_scores(findings, key, sheet_merges)},
            }
            if imports:
                result["imports"] = import_check(case, Path(tmp), importer, formats)
            results.append(result)
    return {
        "forms": results,
        "total": _total(results),
        "total_complete": _total([r for r in results if r["complete"]]),
    }


HEAD = (
    "form",
    "exit",
    "find",
    "tp",
    "fp",
    "fn",
    "prec",
    "recall",
    "err@ok",
    "E-prec",
    "E-rec",
    "imp+E",
    "imp+W",
    "val≠",
    "lost",
)


def _row(name: str, code: object, s: dict[str, Any], imports: dict[str, Any] | None = None) -> str:
    cols: tuple[object, ...] = (code, s["findings"], s["tp"], s["fp"], s["fn"], _pct(s["precision"]), _pct(s["recall"]))
    cols += (s["errors_on_correct"], _pct(s.get("error_precision")), _pct(s.get("error_recall")))
    if imports is not None:
        fail = f"({imports['failed']}✗)" if imports.get("failed") else ""
        cols += (f"{imports['added']}{fail}", imports["added_w"], imports["changed"], imports["lost"])
    return f"{name:44} " + " ".join(f"{c!s:>6}" for c in cols)


def _per_form_errors(s: dict[str, Any]) -> dict[str, Any]:
    e = s["errors"]
    return {
        "error_precision": s["true_errors"] / e if e else None,
        "error_recall": s["error_defects_found"] / s["error_defects"] if s["error_defects"] else None,
    }


def _describe(f: dict[str, Any]) -> str:
    return f"{f.get('rule')} {f.get('severity')} {f.get('sheet')}!{f.get('cell')} {f.get('message')}"


def _table(result: dict[str, Any], verbose: bool, imports: bool) -> list[str]:
    lines = [f"{HEAD[0]:44} " + " ".join(f"{h:>6}" for h in HEAD[1 : len(HEAD) if imports else -4])]
    details = []
    for r in result["forms"]:
        s = {**r["score"], **_per_form_errors(r["score"])}
        lines.append(_row(r["name"] + ("" if r["complete"] else " (cut)"), r["exit"], s, r.get("imports")))
        if r["exit"] == 2:
            details.append(f"{r['name']}: exit 2 — {r['message'].splitlines()[-1] if r['message'] else ''}")
        if verbose:
            for d in s["per_defect"]:
                mark = "+" if d["matched"] else "-"
                details.append(f"  {r['name']} {mark} {d['id']} ({d['severity']}) {d['by']}")
            details += [f"  {r['name']} FP {_describe(f)}" for f in s["false_positives"]]
            details += [f"  {r['name']} ERROR ON CORRECT {_describe(f)}" for f in s["errors_on_correct_list"]]
            for fmt in FORMATS:
                entry = (r.get("imports") or {}).get(fmt)
                if not entry:
                    continue
                if entry["import_exit"] != 0:
                    details.append(f"  {r['name']} IMPORT {fmt} exit {entry['import_exit']}: {entry['message']}")
                if entry["added_errors"]:
                    details.append(f"  {r['name']} IMPORT {fmt} adds errors {entry['added_errors']}")
                if entry["added_warnings"]:
                    details.append(f"  {r['name']} IMPORT {fmt} adds warnings {entry['added_warnings']}")
                if entry["texts_lost"]:
                    details.append(f"  {r['name']} IMPORT {fmt} texts lost {entry['texts_lost']}")
                for v in entry["values_changed"]:
                    details.append(
                        f"  {r['name']} IMPORT {fmt} value {v['name']}/{v['column']}: "
                        f"{v['source']!r} → {v['imported']!r}"
                    )
    t, tc = result["total"], result["total_complete"]
    n_complete = sum(r["complete"] for r in result["forms"])
    lines.append(_row(f"TOTAL ({len(result['forms'])} forms, {t['defects']} defects)", "", t, t.get("imports")))
    lines.append(_row(f"TOTAL complete forms ({n_complete})", "", tc, tc.get("imports")))
    if t.get("imports"):
        lines.append(f"imp+E by rule: {t['imports']['added_by_rule'] or '-'}")
        lines.append(f"imp+W by rule: {t['imports']['added_w_by_rule'] or '-'}")
    return lines + details


def main(argv: list[str]) -> int:
    """Print precision/recall per form and in total, for each set of the corpus (exit 0; 2 for an unknown set).
    -v: per-defect detail; --json; --set old|new|set3…set8|all (also set1, set2; default: old and new, the
    held-out sets only when asked for); --no-import: skip the import check;
    --as-ours: diagnostic, sheets named as our template names them (附表1 / 附表3-<name>)."""
    given = argv[argv.index("--set") + 1 : argv.index("--set") + 2] if "--set" in argv else [None]
    try:
        wanted = set_names(given[0] if given else "")
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    imports = "--no-import" not in argv and "--as-ours" not in argv
    results = {name: score_corpus(load(SETS[name]), rename="--as-ours" in argv, imports=imports) for name in wanted}
    if "--json" in argv:
        print(json.dumps(results if len(wanted) > 1 else results[wanted[0]], ensure_ascii=False, indent=1, default=str))
        return 0
    lines: list[str] = []
    for name, result in results.items():
        lines += [f"== set {name} ({SETS[name].relative_to(ROOT)}) ==", *_table(result, "-v" in argv, imports), ""]
    lines.append("(cut) = the stored copy ends before the form does (see source.notes); exit 2 = unreadable.")
    lines.append("E-prec / E-rec: error findings on a key defect / key error-defects an error finding points at.")
    if imports:
        lines.append(
            "imp+E / imp+W: errors / warnings the imports (.xlsx and .docx) have and the source does not, summed by"
            " rule; (n✗) imports that failed; val≠: indicator value texts (as the reader reads the source) the"
            " imports changed or lost;"
            " lost: source cell texts found nowhere in the imported workbooks (导入备注 included)."
        )
    with contextlib.suppress(BrokenPipeError):  # `| head`
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
