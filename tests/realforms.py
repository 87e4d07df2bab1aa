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
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "realforms"
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


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _total(results: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("findings", "tp", "fp", "fn", "defects", "found", "errors_on_correct")
    t: dict[str, Any] = {k: sum(r["score"][k] for r in results) for k in keys}
    t["precision"] = t["tp"] / t["findings"] if t["findings"] else None
    t["recall"] = t["found"] / t["defects"] if t["defects"] else None
    return t


Validate = Callable[[Path], tuple[int, list[dict[str, Any]], str]]


def score_corpus(
    cases: list[RealForm] | None = None, validate: Validate = run_validator, rename: bool = False
) -> dict[str, Any]:
    """Build every form into a temporary workbook, validate it and score it against its key.

    ``validate(path) -> (exit code, findings, message)``; by default the CLI (``xladdin validate --json``).
    Returns {"forms": [{name, complete, exit, message, score}], "total": ..., "total_complete": ...};
    an unreadable form (exit 2) has no findings, so its recall is 0."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in load() if cases is None else cases:
            path = build_xlsx(case, Path(tmp) / f"{case.name}.xlsx", rename=rename)
            code, findings, message = validate(path)
            key = renamed_key(case) if rename else case.key
            complete = case.source.get("complete", True) is not False
            results.append(
                {
                    "name": case.name,
                    "complete": complete,
                    "exit": code,
                    "message": message,
                    "score": score(findings, key, merges(case, rename)),
                }
            )
    return {
        "forms": results,
        "total": _total(results),
        "total_complete": _total([r for r in results if r["complete"]]),
    }


def _row(name: str, code: object, s: dict[str, Any]) -> str:
    cols = (code, s["findings"], s["tp"], s["fp"], s["fn"], _pct(s["precision"]), _pct(s["recall"]))
    return f"{name:44} " + " ".join(f"{c!s:>6}" for c in (*cols, s["errors_on_correct"]))


def _describe(f: dict[str, Any]) -> str:
    return f"{f.get('rule')} {f.get('severity')} {f.get('sheet')}!{f.get('cell')} {f.get('message')}"


def main(argv: list[str]) -> int:
    """Print precision/recall per form and in total (always exit 0). -v: per-defect detail; --json;
    --as-ours: diagnostic, sheets named as our template names them (附表1 / 附表3-<name>)."""
    result = score_corpus(rename="--as-ours" in argv)
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return 0
    head = ("form", "exit", "find", "tp", "fp", "fn", "prec", "recall", "err@ok")
    lines = [f"{head[0]:44} " + " ".join(f"{h:>6}" for h in head[1:])]
    details = []
    for r in result["forms"]:
        s = r["score"]
        lines.append(_row(r["name"] + ("" if r["complete"] else " (cut)"), r["exit"], s))
        if r["exit"] == 2:
            details.append(f"{r['name']}: exit 2 — {r['message'].splitlines()[-1] if r['message'] else ''}")
        if "-v" in argv:
            for d in s["per_defect"]:
                mark = "+" if d["matched"] else "-"
                details.append(f"  {r['name']} {mark} {d['id']} ({d['severity']}) {d['by']}")
            details += [f"  {r['name']} FP {_describe(f)}" for f in s["false_positives"]]
            details += [f"  {r['name']} ERROR ON CORRECT {_describe(f)}" for f in s["errors_on_correct_list"]]
    t, tc = result["total"], result["total_complete"]
    n_complete = sum(r["complete"] for r in result["forms"])
    lines.append(_row(f"TOTAL ({len(result['forms'])} forms, {t['defects']} defects)", "", t))
    lines.append(_row(f"TOTAL complete forms ({n_complete})", "", tc))
    lines.append("(cut) = the stored copy ends before the form does (see source.notes); exit 2 = unreadable.")
    with contextlib.suppress(BrokenPipeError):  # `| head`
        print("\n".join(lines + details))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
