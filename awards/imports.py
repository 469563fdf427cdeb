"""An Excel list of collectives and people to award (openpyxl): read whole, refused whole with each bad row's number."""

import datetime
import unicodedata
import zipfile

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from accounts.models import Person
from core.exceptions import PortalError
from core.text import fold

from .services import Entry


class ListImportError(PortalError):
    """The list is refused; `errors` holds one Vietnamese line per problem, with the row's number."""

    def __init__(self, errors):
        super().__init__(" ".join(errors), code="bad_list")
        self.errors = errors


# Headers as offices write them, folded (no marks, lower case): the first row of the sheet.
COLUMNS = {
    "kind": ("loai", "tap the/ca nhan", "doi tuong"),
    "name": ("ho va ten / ten tap the", "ho va ten/ten tap the", "ho va ten", "ten tap the", "ten"),
    "unit": ("don vi", "co quan, don vi", "don vi cong tac", "co quan cap tren"),
    "gender": ("gioi tinh",),
    "birth": ("ngay sinh",),
    "position": ("chuc vu, chuc danh", "chuc vu", "chuc danh"),
}
REQUIRED = {"kind": gettext_lazy("Loại"), "name": gettext_lazy("Họ và tên / Tên tập thể"), "unit": gettext_lazy("Đơn vị")}
GENDERS = {"nu": Person.Gender.FEMALE, "nam": Person.Gender.MALE}
KINDS = {"ca nhan": True, "tap the": False}


def read_awardee_list(upload):
    """Return the entries of an uploaded .xlsx list, or raise ListImportError naming every bad row."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ListImportError([_("Tệp không phải bảng tính Excel (.xlsx) đọc được.")]) from None
    rows = workbook.active.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = _columns(header)
    missing = [label for key, label in REQUIRED.items() if key not in columns]
    if missing:
        raise ListImportError([_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(str(label) for label in missing)}])
    entries, errors = [], []
    for number, row in enumerate(rows, start=2):
        values = {key: row[index] if index < len(row) else None for key, index in columns.items()}
        if all(value in (None, "") for value in values.values()):
            continue  # a blank line between parts of the list
        try:
            entries.append(_entry(values))
        except ValueError as error:
            errors.append(_("Dòng %(row)s: %(error)s") % {"row": number, "error": error})
    if errors:
        raise ListImportError(errors)
    if not entries:
        raise ListImportError([_("Danh sách không có dòng nào.")])
    return entries


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
        raise ValueError(_("cột Loại phải là “Tập thể” hoặc “Cá nhân”."))
    name, unit = _text(values["name"]), _text(values["unit"])
    if not name:
        raise ValueError(_("thiếu họ và tên hoặc tên tập thể."))
    if kind and not unit:
        raise ValueError(_("thiếu đơn vị của cá nhân."))
    gender = GENDERS.get(fold(_text(values.get("gender"))))
    if kind and gender is None:
        raise ValueError(_("giới tính của cá nhân phải là “Nam” hoặc “Nữ”."))
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
        raise ValueError(_("ngày sinh “%(value)s” không hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 05/01/1980).")
                         % {"value": _text(value)}) from None
