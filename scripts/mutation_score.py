"""Print the mutation score of modules from mutmut's results in mutants/ (scripts/mutation)."""

from __future__ import annotations

import json
import math
import random
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


def sample(targets: list[str], per_module: float, seed: int) -> list[str]:
    """A random sample of the mutants of ``targets``: ``per_module`` of each module's mutants (a
    fraction below 1, else a count), drawn with ``seed`` (the same seed draws the same mutants)."""
    rng = random.Random(seed)
    names: list[str] = []
    for path in files(targets):
        meta = ROOT / "mutants" / f"{path.relative_to(ROOT)}.meta"
        if not meta.exists():
            continue
        keys = sorted(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
        k = round(len(keys) * per_module) if per_module < 1 else int(per_module)
        names.extend(rng.sample(keys, min(len(keys), max(k, 1 if keys else 0))))
    return names


def verdicts() -> dict[str, object]:
    out: dict[str, object] = {}
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        out.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return out


def score_sample(names_files: str, targets: list[str]) -> int:
    """Score the mutants listed in ``names_files`` (comma-separated files, one name per line), per
    module and in total. Modules may be sampled at different rates, so the whole is estimated by
    strata: each module's score weighted by its number of mutants, with a 95 % interval from the
    modules' Agresti-Coull variances (finite-population corrected)."""
    names = list(dict.fromkeys(n for f in names_files.split(",") for n in Path(f).read_text("utf-8").split() if n))
    codes = verdicts()
    modules = {str(p.relative_to(ROOT))[:-3].replace("/", "."): p for p in files(targets)}
    by_module: dict[str, Counter[str]] = {}
    for name in names:
        module = next((str(modules[m].relative_to(ROOT)) for m in modules if name.startswith(m + ".")), "")
        if not module:
            continue  # a mutant of a module not asked for
        by_module.setdefault(module, Counter()).update([_kind(codes.get(name))])
        by_module[module]["mutants"] += 1
    total: Counter[str] = Counter()
    _head()
    estimate = variance = weight = 0.0
    for module in sorted(by_module):
        c = by_module[module]
        _row(module, c)
        total.update(c)
        n = c["killed"] + c["timeout"] + c["survived"] + c["no test"]
        meta = ROOT / "mutants" / f"{module}.meta"
        size = len(json.loads(meta.read_text("utf-8"))["exit_code_by_key"]) if meta.exists() else n
        if n == 0:
            continue
        k = c["killed"] + c["timeout"]
        adjusted = (k + 2) / (n + 4)
        estimate += size * k / n
        variance += size * size * adjusted * (1 - adjusted) / (n + 4) * max(0.0, 1 - n / max(size, 1))
        weight += size
    _row("TOTAL (sample)", total)
    if weight:
        p, half = estimate / weight, 1.96 * math.sqrt(variance) / weight
        print(
            f"estimated score of all {int(weight)} mutants of these modules (weighted by module):"
            f" {100 * p:.1f} %, 95 % interval {100 * max(0.0, p - half):.1f} % – {100 * min(1.0, p + half):.1f} %"
        )
    return 0


def _kind(code: object) -> str:
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "survived"
    if code in TIMEOUT:
        return "timeout"  # an endless loop is a kill too: counted with the killed in the score
    if code is None:
        return "unrun"
    return "no test"


def _head() -> None:
    heads = ("mutants", 7), ("killed", 6), ("survived", 8), ("timeout", 7), ("no test", 7), ("unrun", 6), ("score", 6)
    print(f"{'module':<36} " + " ".join(f"{h:>{w}}" for h, w in heads))


def main(targets: list[str]) -> int:
    total: Counter[str] = Counter()
    _head()
    for path in files(targets):
        meta = ROOT / "mutants" / f"{path.relative_to(ROOT)}.meta"
        if not meta.exists():
            print(f"{path.relative_to(ROOT)!s:<36} (not run)")
            continue
        c = Counter(_kind(code) for code in json.loads(meta.read_text("utf-8"))["exit_code_by_key"].values())
        c["mutants"] = sum(c.values())
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
    if sys.argv[1:2] == ["--sample"]:  # --sample FRACTION_OR_COUNT SEED TARGET...: print mutant names
        print("\n".join(sample(sys.argv[4:], float(sys.argv[2]), int(sys.argv[3]))))
        raise SystemExit(0)
    if sys.argv[1:2] == ["--unrun"]:  # --unrun FILE: keep the listed mutants that have no verdict yet
        codes = verdicts()
        print("\n".join(n for n in Path(sys.argv[2]).read_text("utf-8").split() if codes.get(n) is None))
        raise SystemExit(0)
    if sys.argv[1:2] == ["--names"]:  # --names FILE[,FILE] TARGET...: score the listed mutants
        raise SystemExit(score_sample(sys.argv[2], sys.argv[3:]))
    raise SystemExit(main(sys.argv[1:]))
