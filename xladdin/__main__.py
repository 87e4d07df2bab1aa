"""``python -m xladdin``: the command line (install.cmd uses it; the Scripts folder may not be on PATH)."""

from xladdin.cli import main

raise SystemExit(main())
