"""Excel copies of the award register and of a decision's annex (openpyxl, write-only: rows go straight to disk)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from documents.spreadsheets import Column, list_workbook, text_cell

REGISTER_COLUMNS = [
    Column(gettext_lazy("Họ và tên / Tập thể"), 34, lambda award: award.awardee_name),
    Column(gettext_lazy("Đơn vị"), 42, lambda award: unit_of(award)),
    Column(gettext_lazy("Hình thức khen thưởng"), 42, lambda award: award.award_form.name),
    Column(gettext_lazy("Số quyết định"), 16, lambda award: award.decision.number_symbol),
    Column(gettext_lazy("Ngày quyết định"), 16, lambda award: award.decision.issue_date),
    Column(gettext_lazy("Số vào sổ"), 14, lambda award: award.register_number),
]


def register_workbook(awards):
    """The register's rows, one per award, under Vietnamese headers."""
    return list_workbook(_("Sổ khen thưởng"), REGISTER_COLUMNS, awards)


def annex_workbook(decision, collectives, individuals):
    """The decision's annex: a title, then the collectives and the individuals, as in the document."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Danh sách"))
    columns = [(_("STT"), 6), (_("Họ và tên / Tập thể"), 34), (_("Chức vụ, chức danh"), 30), (_("Đơn vị"), 42), (_("Số vào sổ"), 14)]
    _set_widths(sheet, columns)
    sheet.append([text_cell(sheet, _("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG %(form)s") % {"form": decision.award_form.name.upper()}, bold=True, wrap=False)])
    if decision.is_signed:
        reference = _("(Kèm theo Quyết định số %(number)s ngày %(date)s)") % {
            "number": decision.number_symbol, "date": decision.issue_date.strftime("%d/%m/%Y"),
        }
    else:
        reference = _("(Kèm theo dự thảo Quyết định số %(number)s)") % {"number": decision.number_symbol}
    sheet.append([text_cell(sheet, reference, wrap=False)])
    sheet.append([])
    sheet.append([text_cell(sheet, header, bold=True) for header, _width in columns])
    sections = [(_("I. TẬP THỂ"), collectives), (_("II. CÁ NHÂN") if collectives else _("I. CÁ NHÂN"), individuals)]
    for title, awardees in sections:
        if not awardees:
            continue
        sheet.append([None, text_cell(sheet, title, bold=True, wrap=False)])
        for number, awardee in enumerate(awardees, start=1):
            sheet.append([
                number, text_cell(sheet, str(awardee.nominee)), text_cell(sheet, position_of(awardee.person)),
                text_cell(sheet, nominee_unit(awardee)),
                text_cell(sheet, awardee.register_entry.register_number if awardee.register_entry else ""),
            ])
    return workbook


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
