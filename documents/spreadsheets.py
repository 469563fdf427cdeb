"""Spreadsheets (Excel, CSV): what a user typed stays text, never a formula; lists go out in one shared layout."""

import datetime
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

# A spreadsheet evaluates a cell that starts with these (OWASP "CSV injection"): `=HYPERLINK(...)` typed as a
# person's name would become a live link in the award register. Tab and CR also start a formula in some.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """Return a string a spreadsheet shows as typed: one that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    """One column of an exported list: its header, its width in characters, and how a row gives its value."""

    header: str
    width: int
    value: Callable[[Any], Any]


def list_workbook(sheet_title, columns, rows):
    """A list as one sheet (write-only: rows go straight to disk): a bold header, then "STT" and a line per row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_title)[:31])
    for letter, width in zip(_letters(), [6, *(column.width for column in columns)], strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, header, bold=True) for header in [_("STT"), *(str(column.header) for column in columns)]])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *(value_cell(sheet, column.value(row)) for column in columns)])
    return workbook


def value_cell(sheet, value):
    """A cell for any value of a list: text kept as text, a date dd/mm/yyyy, a moment dd/mm/yyyy hh:mm here."""
    if isinstance(value, datetime.datetime):
        return _formatted(sheet, timezone.localtime(value).replace(tzinfo=None), DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return _formatted(sheet, value, DATE_FORMAT)
    if value is None or isinstance(value, (int, float)):
        return value
    return text_cell(sheet, str(value))


def text_cell(sheet, value, *, bold=False, wrap=True):
    """Every text of an export goes through here, as text: a name typed "=HYPERLINK(...)" is not a formula."""
    cell = WriteOnlyCell(sheet, value=as_text(value))
    if wrap:
        cell.alignment = WRAP
    if bold:
        cell.font = BOLD
    return cell


def xlsx_response(workbook, filename):
    """Save the workbook to a temporary file and stream it as an attachment."""
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def _formatted(sheet, value, number_format):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    cell.alignment = WRAP
    return cell


def _letters():
    return [chr(code) for code in range(ord("A"), ord("Z") + 1)]
