"""The workbook's self-check (自查): native formulas that mirror the arithmetic and blank-field
rules, for where macros cannot run (WPS 表格, blocked macros, LibreOffice).

``checks.CHECKS`` holds each mirrored rule's formula form, keyed by rule code; ``plan`` lays them
out for one workbook: a 自查 cell beside each form's title (outside the print area), conditional
formats on the offending cells, and a hidden 「自查」 sheet with one flag per checked cell. The
writers (XlsxWriter for built workbooks, openpyxl for edited ones, ``parts`` part by part for an
edited workbook openpyxl would damage) apply the same plan; export
removes it all (:func:`xladdin.selfcheck.write.strip_openpyxl`).
"""

from xladdin.selfcheck.cells import SHEET, is_selfcheck_formula
from xladdin.selfcheck.checks import CHECKS, Book, FormAt
from xladdin.selfcheck.plan import SelfCheck, book_of_reading, plan

__all__ = ["CHECKS", "SHEET", "Book", "FormAt", "SelfCheck", "book_of_reading", "is_selfcheck_formula", "plan"]
