"""Write the surviving mutants of each module, with their diffs, one file per module (scripts/mutation).

    .venv/bin/python scripts/mutation_survivors.py OUT_DIR [TARGET ...]

A survivor is a mutant whose tests all passed (or that no test reaches); its diff is worked out from
the mutated copy in mutants/, the same text ``mutmut show NAME`` prints, without a process per mutant.
"""

from __future__ import annotations

import ast
import difflib
import json
import sys
from pathlib import Path

from mutation_score import ROOT, SURVIVED, files

NO_TEST = {33}


def functions(source: str) -> dict[str, str]:
    """Each function's text by name (whole lines: ast.get_source_segment re-splits the file per call)."""
    lines = source.splitlines()
    return {
        node.name: "\n".join(lines[node.lineno - 1 : node.end_lineno])
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef)
    }


def main(out_dir: str, targets: list[str]) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for path in files(targets):
        rel = path.relative_to(ROOT)
        meta = ROOT / "mutants" / f"{rel}.meta"
        if not meta.exists():
            continue
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        bad = sorted(k for k, v in codes.items() if v in SURVIVED or v in NO_TEST)
        ran = sum(1 for v in codes.values() if v is not None)
        funcs = functions((ROOT / "mutants" / rel).read_text("utf-8")) if bad else {}
        lines = [f"# {rel}: {len(bad)} survivors of {ran} mutants run ({len(codes)} in all)\n"]
        for name in bad:
            local = name.rsplit(".", 1)[1]
            orig = funcs.get(local.rsplit("_", 1)[0] + "_orig", "")
            mutant = funcs.get(local, "")
            why = "no test calls it" if codes[name] in NO_TEST else "survived"
            diff = difflib.unified_diff(orig.splitlines(), mutant.splitlines(), "original", "mutant", lineterm="", n=1)
            lines.append(f"## {name} ({why})\n" + "\n".join(list(diff)[2:]) + "\n")
        (out / f"{str(rel).replace('/', '_')}.txt").write_text("\n".join(lines), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2:]))
