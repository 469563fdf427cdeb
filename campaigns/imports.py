"""Participation figures read from an Excel sheet the office fills in (openpyxl)."""

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accounts.models import Organization
from core.text import fold

from .models import CampaignError

# Columns of the sheet, left to right; the first row holds these headers.
COLUMNS = ("Đơn vị", "Giai đoạn", "Số tập thể tham gia", "Số cá nhân tham gia")


def import_participation(campaign, upload, *, by):
    """Declare every row of the sheet, or none: a wrong row names its line and what is wrong."""
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).active
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise CampaignError(_("Tệp không phải bảng tính Excel (.xlsx)."), code="not_excel") from None
    units = {fold(unit.name): unit for unit in Organization.objects.all()}
    periods = {fold(period.name): period for period in campaign.periods.all()}
    rows, errors = [], []
    for line, values in enumerate(sheet.iter_rows(min_row=2, max_col=len(COLUMNS), values_only=True), start=2):
        name, period_name, collectives, individuals = (*values, None, None, None, None)[:4]
        if not any(value not in (None, "") for value in values):
            continue
        unit = units.get(fold(str(name or "")))
        period = periods.get(fold(str(period_name))) if period_name else None
        if unit is None:
            errors.append(_("Dòng %(line)s: không có đơn vị “%(name)s”.") % {"line": line, "name": name or ""})
        elif period_name and period is None:
            errors.append(_("Dòng %(line)s: kế hoạch không có giai đoạn “%(name)s”.") % {"line": line, "name": period_name})
        elif not all(isinstance(count, int) and count >= 0 for count in (collectives or 0, individuals or 0)):
            errors.append(_("Dòng %(line)s: số tập thể, cá nhân phải là số nguyên không âm.") % {"line": line})
        else:
            rows.append({"organization": unit, "period": period, "collective_count": collectives or 0,
                         "individual_count": individuals or 0})
    if errors:
        raise CampaignError(" ".join(errors), code="bad_rows")
    with transaction.atomic():
        for row in rows:
            campaign.declare_participation(by=by, **row)
    return len(rows)
