"""The rule catalogue. Importing this package registers every rule."""

from xladdin.rules import allocation, amounts, basis, crosstable, fields, goals, indicators, structure, waived  # noqa: F401
from xladdin.rules.base import (
    CATALOGUE,
    FAMILIES,
    SEVERITY_ZH,
    Context,
    Finding,
    Rule,
    Severity,
    run,
)

__all__ = ["CATALOGUE", "FAMILIES", "SEVERITY_ZH", "Context", "Finding", "Rule", "Severity", "run"]
