"""Excel copies of the award register and of a decision's annex (openpyxl, write-only: rows go straight to disk)."""

import tempfile

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from documents.spreadsheets import as_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def register_workbook(awards):
    """The register's rows, one per award, under Vietnamese headers."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Sổ khen thưởng"))
    columns = [
        (_("STT"), 6), (_("Họ và tên / Tập thể"), 34), (_("Đơn vị"), 42), (_("Hình thức khen thưởng"), 42),
        (_("Số quyết định"), 16), (_("Ngày quyết định"), 16), (_("Số vào sổ"), 14),
    ]
    _add_header(sheet, columns)
    for number, award in enumerate(awards, start=1):
        sheet.append([
            number, _cell(sheet, str(award.awardee)), _cell(sheet, unit_of(award)), _cell(sheet, award.award_form.name),
            _cell(sheet, award.decision.number_symbol), _date(sheet, award.decision.issue_date), _cell(sheet, award.register_number),
        ])
    return workbook


def annex_workbook(decision, collectives, individuals):
    """The decision's annex: a title, then the collectives and the individuals, as in the document."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Danh sách"))
    columns = [(_("STT"), 6), (_("Họ và tên / Tập thể"), 34), (_("Chức vụ, chức danh"), 30), (_("Đơn vị"), 42), (_("Số vào sổ"), 14)]
    _set_widths(sheet, columns)
    sheet.append([_cell(sheet, _("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG %(form)s") % {"form": decision.award_form.name.upper()}, bold=True, wrap=False)])
    if decision.is_signed:
        reference = _("(Kèm theo Quyết định số %(number)s ngày %(date)s)") % {
            "number": decision.number_symbol, "date": decision.issue_date.strftime("%d/%m/%Y"),
        }
    else:
        reference = _("(Kèm theo dự thảo Quyết định số %(number)s)") % {"number": decision.number_symbol}
    sheet.append([_cell(sheet, reference, wrap=False)])
    sheet.append([])
    sheet.append([_cell(sheet, header, bold=True) for header, _width in columns])
    sections = [(_("I. TẬP THỂ"), collectives), (_("II. CÁ NHÂN") if collectives else _("I. CÁ NHÂN"), individuals)]
    for title, awardees in sections:
        if not awardees:
            continue
        sheet.append([None, _cell(sheet, title, bold=True, wrap=False)])
        for number, awardee in enumerate(awardees, start=1):
            sheet.append([
                number, _cell(sheet, str(awardee.nominee)), _cell(sheet, position_of(awardee.person)),
                _cell(sheet, nominee_unit(awardee)),
                _cell(sheet, awardee.register_entry.register_number if awardee.register_entry else ""),
            ])
    return workbook


def xlsx_response(workbook, filename):
    """Save the workbook to a temporary file and stream it as an attachment."""
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def position_of(person):
    """"Trưởng phòng, Trợ giúp viên pháp lý": the position and the title, once each."""
    if person is None:
        return ""
    return ", ".join(dict.fromkeys(part for part in (person.position, person.title) if part))


def nominee_unit(awardee):
    """A person's organization; a collective's parent body."""
    if awardee.person:
        return awardee.person.organization.name
    parent = awardee.organization.parent
    return parent.name if parent else ""


def unit_of(award):
    if award.person:
        return award.person.organization.name
    return award.organization.parent.name if award.organization.parent else ""


def _set_widths(sheet, columns):
    for letter, (_header, width) in zip("ABCDEFGHIJ", columns, strict=False):
        sheet.column_dimensions[letter].width = width


def _add_header(sheet, columns):
    _set_widths(sheet, columns)
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, header, bold=True) for header, _width in columns])


def _cell(sheet, value, *, bold=False, wrap=True):
    """Every text of an export goes through here, as text: a name typed "=HYPERLINK(...)" is not a formula."""
    cell = WriteOnlyCell(sheet, value=as_text(value))
    if wrap:
        cell.alignment = WRAP
    if bold:
        cell.font = BOLD
    return cell


def _date(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    cell.alignment = WRAP
    return cell
