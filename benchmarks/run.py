"""Benchmarks: print the figures of the README (inputs are generated, never committed, but for the
committed examples/2023-shifeng-veterans.xlsm of figure b's whole processes).

    python benchmarks/run.py [--quick] [--start-up] [--only LETTERS]
    (--start-up: only b's whole processes; --only bd: only figures b and d)

a. the rules alone on the example, in memory
b. `validate` of one file against a bare openpyxl.load_workbook of the same file (ratio), in process,
   and as whole processes timed alternately (see ``whole_process`` for how the rounds are paired)
c. scaling: synthetic workbooks of 7, 50 and 200 funds (time per fund)
d. a folder of 1,000 workbooks on all cores (workbooks/s), the CPU time a workbook takes (in the run, and
   in one process over the 20 distinct workbooks: the figure that does not move with the machine's load)
   and the peak memory
e. import time of the module a ribbon click loads, against `import xlwings` alone
f. a 校验 click on the example, as RunPython runs it: a new interpreter per click ("Use UDF
   Server" off, the template's setting) against a running one (on); the handler runs through
   xlwings' remote engine, so the figure is Python's side of the click, not Excel's COM calls
g. the reviewer's outputs for the folder of (d): the summary workbook and the --html page
h. 200 submissions in reviewer mode with --summary, then with --summary --opinions: what the
   审核意见 documents add to the run (target <= 50 %)
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Figure f runs the ribbon handler through xlwings' remote engine, which needs this key before
# xlwings is imported (PolyForm Noncommercial: government institutions, our users, are permitted).
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from xladdin.build.template import build_workbook
from xladdin.examples.shifeng2023 import submission
from xladdin.examples.synthetic import synthetic
from xladdin.io.xlsx import read_grid
from xladdin.reader import read_grid_model
from xladdin.validate import check, validate_file


def best(fn, repeat: int) -> float:
    """The median of ``repeat`` timings of ``fn()``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rules_in_memory(example: Path, repeat: int) -> None:
    reading = read_grid_model(read_grid(example))
    t = best(lambda: check(reading), repeat)
    print(f"a. rules alone on the example (in memory): {t * 1000:.1f} ms per run")


def validate_vs_openpyxl(example: Path, repeat: int) -> None:
    """``validate_file`` against a bare ``openpyxl.load_workbook`` of the same file, in this process,
    timed alternately (every round times both, back to back, the order swapping each round; the
    figure is the median of the rounds' ratios), after one untimed run of each (imports, first
    compilations of patterns)."""
    import openpyxl

    def ours() -> None:
        validate_file(example)

    def bare() -> None:
        openpyxl.load_workbook(example)

    ours()
    bare()
    pairs = []
    for i in range(repeat):
        first, second = (ours, bare) if i % 2 == 0 else (bare, ours)
        a, b = best(first, 1), best(second, 1)
        pairs.append((a, b) if first is ours else (b, a))
    ratio = statistics.median(o / b for o, b in pairs)
    print(
        f"b. validate {statistics.median(o for o, _ in pairs) * 1000:.1f} ms vs bare openpyxl.load_workbook "
        f"{statistics.median(b for _, b in pairs) * 1000:.1f} ms, in process, {repeat} rounds timed alternately: "
        f"ratio {ratio:.2f} (target <= 0.20)"
    )


#: The committed example (what the issue's start-up figure is measured on).
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "2023-shifeng-veterans.xlsm"


def whole_process(example: Path, rounds: int) -> None:
    """`xladdin validate FILE --json` as a process against a process that loads the same file with
    openpyxl (`python -c "import openpyxl; openpyxl.load_workbook(FILE)"`), timed alternately in
    one run: every round times both, one right after the other, the order swapping each round (so
    that neither always runs first, after the other has warmed the caches); a round's ratio is ours
    over openpyxl's, and the figure is the median of the rounds' ratios, printed with the median of
    each side. Our modules are byte-compiled first, as pip does for openpyxl when it installs a
    wheel (with PYTHONDONTWRITEBYTECODE set an editable checkout would otherwise compile every run)."""
    import xladdin

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(xladdin.__file__).parent)], check=True)
    ours_cmd = [str(Path(sys.executable).parent / "xladdin"), "validate", str(example), "--json"]
    bare_cmd = [sys.executable, "-c", f"import openpyxl; openpyxl.load_workbook({str(example)!r})"]

    def timed(cmd: list[str], wall: list[float], cpu: list[float]) -> None:
        """Append the wall-clock and the CPU time (user + system) of one run of ``cmd``."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):  # 1: the example has findings
            raise SystemExit(f"{cmd[0]} failed: {done.stderr.decode(errors='replace')}")

    ours: list[float] = []
    bare: list[float] = []
    ours_cpu: list[float] = []
    bare_cpu: list[float] = []
    for i in range(rounds):
        if i % 2:
            timed(bare_cmd, bare, bare_cpu)
            timed(ours_cmd, ours, ours_cpu)
        else:
            timed(ours_cmd, ours, ours_cpu)
            timed(bare_cmd, bare, bare_cpu)
    ratio = statistics.median(o / b for o, b in zip(ours, bare, strict=True))
    cpu_ratio = statistics.median(o / b for o, b in zip(ours_cpu, bare_cpu, strict=True))
    print(
        f"b. as whole processes, {example.name}, {rounds} rounds (each times both, back to back, the order "
        f"swapping every round; ratio = median of the rounds' ratios): xladdin validate --json "
        f"{statistics.median(ours) * 1000:.0f} ms vs python -c openpyxl.load_workbook "
        f"{statistics.median(bare) * 1000:.0f} ms: ratio {ratio:.2f} (target <= 0.35); in CPU time "
        f"{statistics.median(ours_cpu) * 1000:.0f} vs {statistics.median(bare_cpu) * 1000:.0f} ms: "
        f"ratio {cpu_ratio:.2f} (load average {os.getloadavg()[0]:.1f})"
    )


def scaling(tmp: Path, repeat: int) -> None:
    per = []
    for n in (7, 50, 200):
        path = build_workbook(synthetic(n, seed=n), tmp / f"synthetic-{n}.xlsx")
        t = best(lambda p=path: validate_file(p), repeat)
        per.append(t / n)
        print(f"c. {n:>3} funds: {t * 1000:7.1f} ms, {t / n * 1000:.2f} ms per fund")
    print(f"c. per-fund time, 200 funds vs 7 funds: {per[-1] / per[0]:.2f}x (flat is 1.0)")


def folder(tmp: Path, count: int, workers: int) -> None:
    from xladdin.commands.review import run_all, workbooks

    src = tmp / "folder"
    src.mkdir()
    distinct = [build_workbook(synthetic(7 + i % 10, seed=i), tmp / f"d{i}.xlsx") for i in range(20)]
    for i in range(count):
        shutil.copy(distinct[i % len(distinct)], src / f"dept-{i:04d}.xlsx")
    paths = workbooks(src)
    cpu_before = _cpu()
    start = time.perf_counter()
    results = list(run_all(paths, workers=workers, progress=False))
    elapsed = time.perf_counter() - start
    main_cpu, workers_cpu = (after - before for after, before in zip(_cpu(), cpu_before, strict=True))
    assert len(results) == count and not any(r.error for r in results)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"d. {count} workbooks on {workers} workers: {elapsed:.1f} s, {count / elapsed:.1f} workbooks/s (target >= 50; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    per = (main_cpu + workers_cpu) / count
    print(
        f"d. CPU time of that run: {workers_cpu / count * 1000:.1f} ms a workbook in the workers, "
        f"{main_cpu / count * 1000:.1f} ms in the main process: {per * 1000:.1f} ms a workbook, at most "
        f"{workers / per:.0f} workbooks/s on {workers} idle cores"
    )
    per_file = cpu_per_workbook(distinct, rounds=3)
    print(
        f"d. check_one on the {len(distinct)} distinct workbooks in this process (CPU time, the least of 3 passes): "
        f"{per_file * 1000:.1f} ms a workbook (load average {os.getloadavg()[0]:.1f})"
    )
    print(f"d. peak memory: main process {own:.0f} MB, largest worker {children:.0f} MB")
    reviewer_outputs(tmp, results)


def _cpu() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its finished children, in seconds."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def cpu_per_workbook(paths: list[Path], rounds: int) -> float:
    """The CPU time reviewer mode's ``check_one`` takes on a workbook of ``paths``, in this process (the
    least of ``rounds`` passes over all of them, after one untimed pass): what a file costs, whatever
    else the machine runs (CPU time, not wall time)."""
    from xladdin.commands.review import check_one

    for path in paths:
        check_one(str(path))
    passes = []
    for _ in range(rounds):
        start = time.process_time()
        for path in paths:
            check_one(str(path))
        passes.append((time.process_time() - start) / len(paths))
    return min(passes)


def reviewer_outputs(tmp: Path, results: list) -> None:
    from xladdin.commands.html_report import write_html
    from xladdin.commands.summary import write_summary

    findings = sum(len(r.findings) for r in results)
    start = time.perf_counter()
    write_summary(results, tmp / "summary.xlsx")
    xlsx = time.perf_counter() - start
    start = time.perf_counter()
    write_html(results, tmp / "report.html")
    html = time.perf_counter() - start
    print(f"g. {len(results)} workbooks, {findings} findings: summary .xlsx {xlsx:.1f} s, --html page {html:.1f} s")


def opinions_cost(tmp: Path, count: int, workers: int, repeat: int) -> None:
    """Reviewer mode as the command runs it, on ``count`` submissions: with --summary alone and with
    --summary --opinions (the best of ``repeat`` runs each)."""
    import contextlib
    import io

    from xladdin.commands.review import review_folder

    src = tmp / "opinions-folder"
    src.mkdir()
    distinct = [build_workbook(synthetic(7 + i % 10, seed=i), tmp / f"o{i}.xlsx") for i in range(20)]
    for i in range(count):
        shutil.copy(distinct[i % len(distinct)], src / f"dept-{i:04d}.xlsx")

    def run(opinions: bool, n: int) -> float:
        out = tmp / f"run-{n}"
        out.mkdir()
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            review_folder(
                src,
                None,
                summary=str(out / "summary.xlsx"),
                as_json=True,
                workers=workers,
                opinions=str(out / "opinions") if opinions else None,
            )
        return time.perf_counter() - start

    runs = iter(range(1000))
    plain = min(run(False, next(runs)) for _ in range(repeat))
    with_docs = min(run(True, next(runs)) for _ in range(repeat))
    print(
        f"h. {count} submissions on {workers} workers: --summary {plain:.1f} s, with --opinions {with_docs:.1f} s: "
        f"the documents add {(with_docs - plain) / plain * 100:.0f} % (target <= 50 %)"
    )


def import_time(repeat: int) -> None:
    def median_ms(code: str) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    base = median_ms("pass")
    xw = median_ms("import xlwings")
    click = median_ms("import xladdin.excel.handlers")
    print(
        f"e. import xladdin.excel.handlers {click:.0f} ms vs import xlwings {xw:.0f} ms "
        f"(python alone {base:.0f} ms): {click / xw:.2f}x (target <= 1.20)"
    )


CLICK = """
import json, sys
import xlwings as xw
import xladdin.excel.handlers as h
book = xw.Book(json=json.loads(open(sys.argv[1], encoding="utf-8").read()))
h.run("validate", book, h.Ui(book))
"""


def click_latency(example: Path, tmp: Path, repeat: int) -> None:
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from helpers import payload

    data = tmp / "payload.json"
    data.write_text(json.dumps(payload(read_grid(example))), encoding="utf-8")

    def new_interpreter() -> None:
        subprocess.run([sys.executable, "-c", CLICK, str(data)], check=True)

    namespace: dict = {}
    sys.argv[1:] = [str(data)]
    exec(compile(CLICK, "click", "exec"), namespace)  # warm up: what the UDF server has done once
    cold = best(new_interpreter, repeat)
    warm = best(lambda: exec(compile(CLICK, "click", "exec"), namespace), repeat)
    print(
        f"f. 校验 click: new interpreter {cold * 1000:.0f} ms, running UDF server {warm * 1000:.0f} ms "
        f"(the server saves {max(cold - warm, 0) * 1000:.0f} ms a click, after its first)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 200 workbooks")
    parser.add_argument("--start-up", action="store_true", help="only figure b as whole processes")
    parser.add_argument("--only", default="abcdefgh", help="the figures to run, by letter (--only bd)")
    args = parser.parse_args()
    repeat = 5 if args.quick else 20
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, load {load}")
    if args.start_up:
        whole_process(EXAMPLE, repeat)
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        example = build_workbook(submission(), tmp / "example.xlsx")
        only = set(args.only)
        if "a" in only:
            rules_in_memory(example, repeat * 5)
        if "b" in only:
            validate_vs_openpyxl(example, repeat)
            whole_process(EXAMPLE, repeat)
        if "c" in only:
            scaling(tmp, max(3, repeat // 4))
        if only & set("dg"):  # g reports on the results of d's folder
            folder(tmp, 200 if args.quick else 1000, os.cpu_count() or 1)
        if "h" in only:
            opinions_cost(tmp, 200, os.cpu_count() or 1, 2 if args.quick else 3)
        if "e" in only:
            import_time(5 if args.quick else 11)
        if "f" in only:
            click_latency(example, tmp, 5 if args.quick else 11)


if __name__ == "__main__":
    main()
