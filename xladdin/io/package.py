"""Zip-level work on the .xlsx/.xlsm package: the ribbon part and its relationship, deterministically.

openpyxl keeps ``customUI/customUI14.xml`` on save but drops its relationship from ``_rels/.rels``,
so the ribbon silently disappears: :func:`restore_ribbon` puts it back after every save.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from defusedxml import ElementTree as SafeET

CUSTOM_UI = "customUI/customUI14.xml"
UI_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def rewrite_zip(path: Path, change: Callable[[dict[str, bytes]], dict[str, bytes]]) -> None:
    """Rewrite the package with ``change`` applied to its parts (name → bytes); fixed timestamps,
    the parts' order kept ([Content_Types].xml first), so the same input gives the same bytes."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    parts = change(parts)
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n.startswith("customUI"), n))
    tmp = path.with_name(path.name + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for name in order:
                info = zipfile.ZipInfo(name, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                out.writestr(info, parts[name])
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _rels_with_ui(rels: bytes) -> bytes:
    root = SafeET.fromstring(rels)
    for rel in root:
        if rel.get("Type") == UI_REL_TYPE:
            return rels
    ids = {rel.get("Id") for rel in root}
    n = 1
    while f"rIdUI{n}" in ids:
        n += 1
    entry = (f'<Relationship Id="rIdUI{n}" Type="{UI_REL_TYPE}" Target="{CUSTOM_UI}"/>').encode()
    return rels.replace(b"</Relationships>", entry + b"</Relationships>")


def add_custom_ui(path: Path, xml: bytes) -> None:
    """Put the ribbon XML into the package and reference it from ``_rels/.rels``."""

    def change(parts: dict[str, bytes]) -> dict[str, bytes]:
        parts[CUSTOM_UI] = xml
        parts["_rels/.rels"] = _rels_with_ui(parts["_rels/.rels"])
        return parts

    rewrite_zip(path, change)


def ribbon_of(path: Path) -> bytes | None:
    """The ribbon XML of a package, when it has one that its relationships reference."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if CUSTOM_UI not in names:
            return None
        rels = zf.read("_rels/.rels")
        if UI_REL_TYPE.encode() not in rels:
            return None
        return zf.read(CUSTOM_UI)


def restore_ribbon(original: bytes | None, path: Path) -> None:
    """After openpyxl saved ``path``: re-add the ribbon the original had."""
    if original is None:
        return
    with zipfile.ZipFile(path) as zf:
        present = CUSTOM_UI in zf.namelist() and UI_REL_TYPE.encode() in zf.read("_rels/.rels")
    if not present:
        add_custom_ui(path, original)


def part(path: Path, name: str) -> bytes | None:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name) if name in zf.namelist() else None
