"""What `xladdin validate` imports: only what the command uses (start-up is most of a validation
run as a process). A behaviour test, not a timing: the modules are looked up in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2023-shifeng-veterans.xlsm"

RUN = """
import json, sys
from xladdin.cli import main
code = main(["validate", sys.argv[1], "--json"])
print(json.dumps([code, sorted(sys.modules)]))
"""

#: Never needed to check one workbook: other engines and writers, the reviewer's outputs, the
#: self-check's plan (the reader knows the 自查 cells from ``selfcheck.cells`` alone), TOML (no user file).
NOT_IMPORTED = (
    "openpyxl",
    "xlsxwriter",
    "xlwings",
    "pandas",
    "docx",
    "tomllib",
    "importlib.resources",
    "defusedxml",
    "xladdin.build",
    "xladdin.excel",
    "xladdin.io.openpyxl_writer",
    "xladdin.io.save",
    "xladdin.commands.review",
    "xladdin.commands.summary",
    "xladdin.commands.html_report",
    "xladdin.commands.opinions",
    "xladdin.selfcheck.checks",
    "xladdin.selfcheck.plan",
    "xladdin.selfcheck.write",
    "datetime",  # only when a 时效 value is a date serial (I342): the example has none
)


def test_validate_imports_nothing_it_does_not_use(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", RUN, str(EXAMPLE)], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    code, modules = json.loads(out.stdout.splitlines()[-1])
    assert code == 1  # the seed has real errors: the check ran
    assert "xladdin.rules" in modules and "xladdin.selfcheck.cells" in modules  # it did import what it uses
    loaded = [m for m in NOT_IMPORTED if m in modules or any(x.startswith(m + ".") for x in modules)]
    assert loaded == []
