"""Excel lists of collectives and people (openpyxl): read whole, refused whole with each bad row's number and column.

The award decisions read them as awardees; the units read them as draft dossiers of a plan.
"""

import datetime
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.models import Person
from core.exceptions import PortalError
from core.text import fold

from .models import Nomination, NominationError


class ListImportError(PortalError):
    """The list is refused; `errors` holds one Vietnamese line per problem, with the row's number."""

    def __init__(self, errors):
        super().__init__(" ".join(errors), code="bad_list")
        self.errors = errors


class Entry(NamedTuple):
    """A collective (with its parent body) or a person (with position and unit), typed or read from a list."""

    is_individual: bool
    name: str
    unit: str
    gender: str = ""
    date_of_birth: object = None
    position: str = ""


class RowError(ValueError):
    """What is wrong in one cell of a row: the column (a key of COLUMNS) and the message."""

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column


# Headers as offices write them, folded (no marks, lower case): the first row of the sheet.
COLUMNS = {
    "kind": ("loai", "tap the/ca nhan", "doi tuong"),
    "name": ("ho va ten / ten tap the", "ho va ten/ten tap the", "ho va ten", "ten tap the", "ten"),
    "unit": ("don vi", "co quan, don vi", "don vi cong tac", "co quan cap tren"),
    "gender": ("gioi tinh",),
    "birth": ("ngay sinh",),
    "position": ("chuc vu, chuc danh", "chuc vu", "chuc danh"),
}
LABELS = {
    "kind": gettext_lazy("Loại"), "name": gettext_lazy("Họ và tên / Tên tập thể"), "unit": gettext_lazy("Đơn vị"),
    "gender": gettext_lazy("Giới tính"), "birth": gettext_lazy("Ngày sinh"), "position": gettext_lazy("Chức vụ, chức danh"),
}
REQUIRED = ("kind", "name", "unit")
GENDERS = {"nu": Person.Gender.FEMALE, "nam": Person.Gender.MALE}
KINDS = {"ca nhan": True, "tap the": False}


@dataclass
class ListRow:
    number: int
    entry: Entry


def read_list(upload):
    """Return the rows of an uploaded .xlsx list, or raise ListImportError naming every bad row and column."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ListImportError([_("Tệp không phải bảng tính Excel (.xlsx) đọc được.")]) from None
    rows = workbook.active.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = _columns(header)
    missing = [str(LABELS[key]) for key in REQUIRED if key not in columns]
    if missing:
        raise ListImportError([_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)}])
    found, errors = [], []
    for number, row in enumerate(rows, start=2):
        values = {key: row[index] if index < len(row) else None for key, index in columns.items()}
        if all(value in (None, "") for value in values.values()):
            continue  # a blank line between parts of the list
        try:
            found.append(ListRow(number, _entry(values)))
        except RowError as error:
            errors.append(row_error(number, error, error.column))
    if errors:
        raise ListImportError(errors)
    if not found:
        raise ListImportError([_("Danh sách không có dòng nào.")])
    return found


def row_error(number, message, column=None):
    """"Dòng 3, cột Ngày sinh: …": the row as the spreadsheet numbers it, the column as the template names it."""
    if column is None:
        return _("Dòng %(row)s: %(error)s") % {"row": number, "error": message}
    return _("Dòng %(row)s, cột %(column)s: %(error)s") % {"row": number, "column": LABELS[column], "error": message}


def list_template():
    """An empty list to fill in: the columns in order, with the allowed answers offered in a drop-down."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách")
    sheet.append([str(LABELS[key]) for key in COLUMNS])
    for letter, width in zip("ABCDEF", [12, 34, 40, 10, 14, 30], strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    for column, choices in (("A", (_("Cá nhân"), _("Tập thể"))), ("D", (_("Nam"), _("Nữ")))):
        choice = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True)
        choice.add(f"{column}2:{column}1000")
        sheet.add_data_validation(choice)
    sheet["E2"].number_format = "DD/MM/YYYY"
    return workbook


def _columns(header):
    found = {}
    for index, title in enumerate(header):
        folded = fold(str(title or "")).strip()
        for key, names in COLUMNS.items():
            if folded in names and key not in found:
                found[key] = index
    return found


def _text(value):
    return unicodedata.normalize("NFC", str(value)).strip() if value not in (None, "") else ""


def _entry(values):
    kind = KINDS.get(fold(_text(values["kind"])))
    if kind is None:
        raise RowError("kind", _("phải là “Tập thể” hoặc “Cá nhân”."))
    name, unit = _text(values["name"]), _text(values["unit"])
    if not name:
        raise RowError("name", _("thiếu họ và tên hoặc tên tập thể."))
    if kind and not unit:
        raise RowError("unit", _("thiếu đơn vị của cá nhân."))
    gender = GENDERS.get(fold(_text(values.get("gender"))))
    if kind and gender is None:
        raise RowError("gender", _("giới tính của cá nhân phải là “Nam” hoặc “Nữ”."))
    return Entry(
        is_individual=kind, name=name, unit=unit, gender=gender or "",
        date_of_birth=_date(values.get("birth")) if kind else None, position=_text(values.get("position")),
    )


def _date(value):
    """A date cell, or "dd/mm/yyyy" typed as text."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(_text(value), "%d/%m/%Y").date()
    except ValueError:
        raise RowError("birth", _("ngày sinh “%(value)s” không hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 05/01/1980).")
                       % {"value": _text(value)}) from None


def kept_list(campaign, rows, *, award_form, period):
    """The read rows and the choices, as the session keeps them (JSON) between the preview and the confirmation."""
    return {
        "campaign": campaign.pk, "award_form": award_form.pk, "period": period and period.pk,
        "rows": [[row.number, *row.entry._replace(date_of_birth=row.entry.date_of_birth and row.entry.date_of_birth.isoformat())]
                 for row in rows],
    }


def kept_rows(kept):
    """The rows a kept list holds, as read."""
    rows = []
    for number, *fields in kept["rows"]:
        entry = Entry(*fields)
        rows.append(ListRow(number, entry._replace(date_of_birth=entry.date_of_birth and datetime.date.fromisoformat(entry.date_of_birth))))
    return rows


# Draft dossiers from a list.


@dataclass
class PlannedDossier:
    """A row of the list and the draft dossier it makes (unsaved; a new person is saved with it)."""

    number: int
    nomination: Nomination

    @property
    def adds_person(self):
        return self.nomination.nominee_person is not None and self.nomination.nominee_person.pk is None


def plan_dossiers(rows, *, award_form, period, unit, by, on_row=None):
    """The draft dossiers the rows make for the unit, or ListImportError naming each row that cannot be one.

    on_row, if given, is told how many rows are checked so far.
    """
    units = {fold(organization.name): organization for organization in [unit, *unit.children.all()]}
    planned, errors, seen = [], [], {}
    for count, row in enumerate(rows, start=1):
        nomination = Nomination(campaign=award_form.campaign, period=period, award_form=award_form, submitting_unit=unit, created_by=by)
        key = (row.entry.is_individual, fold(row.entry.name), fold(row.entry.unit), row.entry.date_of_birth)
        try:
            if key in seen:
                raise NominationError(_("trùng với dòng %(row)s.") % {"row": seen[key]})
            seen[key] = row.number
            _set_nominee(nomination, row.entry, units)
            _check(nomination)
            planned.append(PlannedDossier(row.number, nomination))
        except RowError as error:
            errors.append(row_error(row.number, error, error.column))
        except PortalError as error:
            errors.append(row_error(row.number, error.message))
        if on_row:
            on_row(count)
    if errors:
        raise ListImportError(errors)
    return planned


def _set_nominee(nomination, entry, units):
    if not entry.is_individual:
        collective = units.get(fold(entry.name))
        if collective is None:
            raise RowError("name", _("không có tập thể “%(name)s” thuộc đơn vị.") % {"name": entry.name})
        nomination.nominee_organization = collective
        return
    organization = units.get(fold(entry.unit))
    if organization is None:
        raise RowError("unit", _("“%(name)s” không phải đơn vị của mình hay đơn vị trực thuộc.") % {"name": entry.unit})
    people = [person for person in organization.people.all() if fold(person.full_name) == fold(entry.name)]
    if entry.date_of_birth:
        people = [person for person in people if person.date_of_birth in (None, entry.date_of_birth)]
    nomination.nominee_person = people[0] if people else Person(
        full_name=entry.name, gender=entry.gender, date_of_birth=entry.date_of_birth, position=entry.position,
        organization=organization,
    )


def _check(nomination):
    nomination.check_window()
    nomination.check_eligibility()
    nomination.check_not_duplicate()
    nomination.check_title_rules()
    if nomination.nominee.pk is None:
        return
    drafts = Nomination.objects.filter(
        status=Nomination.Status.DRAFT, award_form=nomination.award_form, period=nomination.period,
        submitting_unit=nomination.submitting_unit, nominee_person=nomination.nominee_person,
        nominee_organization=nomination.nominee_organization,
    )
    if drafts.exists():  # the same list imported twice
        raise NominationError(_("đơn vị đã có hồ sơ nháp đề nghị hình thức này cho đối tượng này."), code="draft_exists")


@transaction.atomic
def create_dossiers(planned, *, on_row=None):
    """Save every planned draft dossier, or none; on_row, if given, is told how many are saved so far."""
    for count, dossier in enumerate(planned, start=1):
        nomination = dossier.nomination
        if dossier.adds_person:
            nomination.nominee_person.save()
        nomination.save()
        nomination.add_missing_assessments()
        if on_row:
            on_row(count)
    return [dossier.nomination for dossier in planned]
