"""The ribbon: its XML lives in ``macros/customUI14.xml``; this reads the buttons out of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree as SafeET

NS = "{http://schemas.microsoft.com/office/2009/07/customui}"


@dataclass(frozen=True)
class Button:
    id: str
    tag: str
    on_action: str
    label: str


def buttons(xml: bytes | str | Path) -> list[Button]:
    if isinstance(xml, Path):
        xml = xml.read_bytes()
    root = SafeET.fromstring(xml)
    return [
        Button(b.get("id", ""), b.get("tag", ""), b.get("onAction", ""), b.get("label", ""))
        for b in root.iter(f"{NS}button")
    ]
