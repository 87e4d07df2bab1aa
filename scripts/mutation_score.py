"""Print the mutation score of modules from mutmut's results in mutants/ (scripts/mutation)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# mutmut 3's exit codes (mutmut/stats.py): 1 and 3 killed, 0 survived, None not run yet
KILLED, SURVIVED = {1, 3}, {0}
TIMEOUT = {36, 24, -24, 152, 255}


def files(targets: list[str]) -> list[Path]:
    out: list[Path] = []
    for t in targets:
        path = ROOT / t
        out.extend(sorted(p for p in path.rglob("*.py") if p.name != "__init__.py") if path.is_dir() else [path])
    return out


def reset_survivors(targets: list[str]) -> None:
    """Mark the survivors of ``targets`` as not run, so that the next run tries them again against
    tests added since (mutmut keeps a verdict until the mutated function changes)."""
    for path in files(targets):
        meta = ROOT / "mutants" / f"{path.relative_to(ROOT)}.meta"
        if not meta.exists():
            continue
        data = json.loads(meta.read_text("utf-8"))
        codes = data["exit_code_by_key"]
        again = [key for key, code in codes.items() if code in SURVIVED]
        for key in again:
            codes[key] = None
        meta.write_text(json.dumps(data, indent=4), "utf-8")
        print(f"{path.relative_to(ROOT)}: {len(again)} survivors to try again")


def main(targets: list[str]) -> int:
    total: Counter[str] = Counter()
    heads = ("mutants", 7), ("killed", 6), ("survived", 8), ("timeout", 7), ("no test", 7), ("unrun", 6), ("score", 6)
    print(f"{'module':<36} " + " ".join(f"{h:>{w}}" for h, w in heads))
    for path in files(targets):
        meta = ROOT / "mutants" / f"{path.relative_to(ROOT)}.meta"
        if not meta.exists():
            print(f"{path.relative_to(ROOT)!s:<36} (not run)")
            continue
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"].values()
        c: Counter[str] = Counter()
        for code in codes:
            c["mutants"] += 1
            if code in KILLED:
                c["killed"] += 1
            elif code in SURVIVED:
                c["survived"] += 1
            elif code in TIMEOUT:
                c["timeout"] += 1  # an endless loop is a kill too: counted with the killed in the score
            elif code is None:
                c["unrun"] += 1
            else:
                c["no test"] += 1
        total.update(c)
        _row(str(path.relative_to(ROOT)), c)
    _row("TOTAL", total)
    return 0


def _row(name: str, c: Counter[str]) -> None:
    checked = c["killed"] + c["timeout"] + c["survived"] + c["no test"]
    score = f"{100 * (c['killed'] + c['timeout']) / checked:.0f}%" if checked else "—"
    print(
        f"{name:<36} {c['mutants']:>7} {c['killed']:>6} {c['survived']:>8} {c['timeout']:>7}"
        f" {c['no test']:>7} {c['unrun']:>6} {score:>6}"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--reset-survivors"]:
        reset_survivors(sys.argv[2:])
        raise SystemExit(0)
    raise SystemExit(main(sys.argv[1:]))
