"""Every value the app writes out is inert: text, never a formula, a link or markup.

The one module every export and every page that shows a value from the log
goes through:
- CSV and XLSX (tables, the meeting's Excel, the templates): text that begins
  with =, +, -, @, a tab or a carriage return is prefixed with ' (OWASP's
  rule against CSV injection), so a spreadsheet shows it as text; a plain
  negative number ("-17") is left as the number it is. No XLSX cell is ever
  a formula (xlsx_book checks).
- PDF: values are escaped for ReportLab's paragraph markup, so "x<y",
  "<img …>" and "<a href=…>" print literally and never become links.
- Streamlit Markdown: values are escaped, so "![x](…)" or "[x](…)" in a topic
  shows as those characters, not as a picture or a link.
"""

from __future__ import annotations


import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

import pandas as pd

if TYPE_CHECKING:  # only named here; loading it costs 0,15 s at the app's start
    import openpyxl

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+([.,]\d+)?")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The characters that make Markdown out of text: emphasis, code, links and
# pictures ([...](...), ![...](...)), HTML, tables, maths, headings; and a
# list marker at the start of a line ("- ", "+ ", "1. ").
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!|~$#])")
_LIST = re.compile(r"(?m)^(\s*)([-+]|\d+(?=\.))(?=[\s.])")
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(://)|(?<=www)(\.)")  # a bare address would become a link


def cell(value):
    """A value for a spreadsheet cell: text that a spreadsheet would read as a
    formula gets a leading '; control characters (which no XLSX may hold)
    become U+FFFD; numbers and other values are kept."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("\ufffd", value)
    if value.startswith(DANGEROUS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def frame(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and header made inert."""
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(cell).astype(object)
    out.columns = [cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def xlsx_book(book: openpyxl.Workbook) -> openpyxl.Workbook:
    """Check a workbook before it is saved: every text cell inert and no cell
    a formula (openpyxl would write any text that starts with = as one)."""
    for sheet in book.worksheets:
        sheet.title = str(cell(sheet.title))
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    c.value = cell(c.value)
                    c.data_type = "s"
    return book


def pdf(text) -> str:
    """Text for a ReportLab Paragraph, printed as written."""
    return escape("" if text is None else str(text))


def html(text) -> str:
    """Text for an HTML page, shown as written."""
    return escape("" if text is None else str(text), {'"': "&quot;"})


def markdown(text) -> str:
    """Text for st.markdown and st.caption, shown as written."""
    escaped = _MARKDOWN.sub(r"\\\1", "" if text is None else str(text))
    escaped = _AUTOLINK.sub(lambda m: "\\" + m[0], escaped)
    return _LIST.sub(lambda m: m[1] + ("\\" + m[2] if m[2] in "-+" else m[2] + "\\"), escaped)
