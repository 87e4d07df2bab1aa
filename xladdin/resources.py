"""Where the template and the macros are: inside the installed wheel, or in the checkout.

The wheel carries ``workbook/template.xlsm`` and ``macros/`` as package data under ``xladdin/data/``
(``setup.py`` copies them in at build time); a checkout or an editable install uses the originals.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
DATA = PACKAGE / "data"


def template_path() -> Path:
    """The template workbook (.xlsm) this installation ships."""
    packaged = DATA / "template.xlsm"
    return packaged if packaged.is_file() else CHECKOUT / "workbook" / "template.xlsm"


def macros_dir() -> Path:
    """The folder with ``XaDispatch.bas`` and ``customUI14.xml``."""
    packaged = DATA / "macros"
    return packaged if packaged.is_dir() else CHECKOUT / "macros"


def checkout() -> Path | None:
    """The source checkout this package runs from (with pyproject.toml), or None when installed."""
    return CHECKOUT if (CHECKOUT / "pyproject.toml").is_file() and not (DATA / "template.xlsm").is_file() else None
