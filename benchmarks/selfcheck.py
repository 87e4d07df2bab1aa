"""Benchmark: what the self-check (自查) costs LibreOffice headless on a 200-fund workbook.

    python benchmarks/selfcheck.py [--funds 200] [--repeat 3]

The same synthetic workbook is written twice, with and without the self-check, and LibreOffice
opens, recalculates every formula (OOXMLRecalcMode "always") and saves each. Printed: the median
time of each, their ratio (the goal: at most 2×), the number of formulas each file carries, and a
run without recalculation (what opening alone costs, LibreOffice's start-up included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from xladdin.build.workbook import specs_for, write_xlsx
from xladdin.examples.synthetic import synthetic
from xladdin.io.libreoffice import convert, find_soffice


def formulas(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return sum(zf.read(n).count(b"<f>") for n in zf.namelist() if n.startswith("xl/worksheets/"))


def timed(path: Path, out: Path, repeat: int, recalc: bool) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        convert(path, "xlsx", out / f"{path.stem}-{recalc}-{i}", recalc=recalc)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--funds", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if find_soffice() is None:
        sys.exit("LibreOffice (soffice) is not installed")
    specs = specs_for(synthetic(args.funds))
    with tempfile.TemporaryDirectory(prefix="xladdin-bench-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        plain = write_xlsx(specs, work / "plain.xlsx", selfcheck=False)
        t_plain_write = time.perf_counter() - start
        start = time.perf_counter()
        checked = write_xlsx(specs, work / "checked.xlsx")
        t_checked_write = time.perf_counter() - start
        print(f"workbook of {args.funds} funds ({len(specs)} sheets)")
        print(f"  formulas: {formulas(plain)} without the self-check, {formulas(checked)} with it")
        print(f"  writing (XlsxWriter): {t_plain_write:.2f} s without, {t_checked_write:.2f} s with")
        opened = timed(plain, work, args.repeat, recalc=False)
        base = timed(plain, work, args.repeat, recalc=True)
        with_checks = timed(checked, work, args.repeat, recalc=True)
        print(f"  LibreOffice open+save, no recalculation (plain): {opened:.2f} s")
        print(f"  LibreOffice open+recalculate+save: {base:.2f} s without, {with_checks:.2f} s with the self-check")
        print(f"  ratio: {with_checks / base:.2f}× (goal ≤ 2×)")
        new_fund(checked, work)


def new_fund(book: Path, work: Path) -> None:
    """新增专项 on the big workbook (openpyxl), with and without laying the self-check out afresh."""
    import shutil

    from xladdin.commands.funds import plan_new_fund
    from xladdin.edits import RefreshSelfCheck
    from xladdin.io.openpyxl_writer import edit_file
    from xladdin.reader import read_workbook

    for refresh in (False, True):
        target = work / f"new-fund-{refresh}.xlsx"
        shutil.copy(book, target)
        start = time.perf_counter()
        plan = plan_new_fund(read_workbook(target), "新增测试专项", "50")
        edit_file(target, [*plan.edits, *([RefreshSelfCheck()] if refresh else [])])
        took = time.perf_counter() - start
        print(f"  new-fund (read, plan, write): {took:.2f} s {'with' if refresh else 'without'} the self-check refresh")


if __name__ == "__main__":
    main()
