"""Excel copies of the dashboard's figures and the statistics form (openpyxl)."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from documents.spreadsheets import as_text

BOLD = Font(bold=True)


def figure_workbook(figure, scope_text):
    """One figure as a sheet: its title, the filters it was read with, then its table."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(figure.title)[:31]
    sheet.append([str(figure.title)])
    sheet["A1"].font = BOLD
    sheet.append([as_text(scope_text)])
    sheet.append([])
    sheet.append([_("Nội dung"), *[str(column) for column in figure.columns], *([_("Ghi chú")] if _has_notes(figure) else [])])
    for cell in sheet[4]:
        cell.font = BOLD
    for row in figure.rows:
        notes = [as_text(str(row.note))] if _has_notes(figure) else []
        sheet.append([as_text(str(row.label)), *[cell.value for cell in row.cells], *notes])
    sheet.column_dimensions["A"].width = 60
    for letter in "BCDEFG":
        sheet.column_dimensions[letter].width = 18
    sheet.freeze_panes = "B5"
    return workbook


def _has_notes(figure):
    return any(row.note for row in figure.rows)
