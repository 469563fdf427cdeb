"""The report tracking list's columns in Excel (documents.spreadsheets lays them out)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.spreadsheets import Column

REPORT_COLUMNS = [
    Column(_("Đơn vị"), 40, lambda report: report.organization.name),
    Column(_("Báo cáo"), 40, lambda report: report.title),
    Column(_("Loại báo cáo"), 18, lambda report: report.get_kind_display()),
    Column(_("Giai đoạn"), 24, lambda report: report.period and report.period.name),
    Column(_("Nhiệm vụ"), 30, lambda report: report.task and str(report.task)),
    Column(_("Hạn báo cáo"), 14, lambda report: report.due_date),
    Column(_("Ngày nộp"), 14, lambda report: report.submitted_at and timezone.localdate(report.submitted_at)),
    Column(_("Số ngày quá hạn"), 12, lambda report: report.days_overdue),
    Column(_("Trạng thái"), 18, lambda report: report.get_status_display()),
]
