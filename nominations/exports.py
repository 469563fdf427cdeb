"""The dossier list's columns in Excel (documents.spreadsheets lays them out)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.spreadsheets import Column


def _kind(nomination):
    return _("Cá nhân") if nomination.is_individual else _("Tập thể")


NOMINATION_COLUMNS = [
    Column(_("Đối tượng"), 34, lambda nomination: nomination.nominee),
    Column(_("Cá nhân/Tập thể"), 12, _kind),
    Column(_("Hình thức khen thưởng"), 40, lambda nomination: nomination.award_form.name),
    Column(_("Đơn vị đề nghị"), 40, lambda nomination: nomination.submitting_unit.name),
    Column(_("Phong trào"), 20, lambda nomination: nomination.campaign.number),
    Column(_("Trạng thái"), 18, lambda nomination: nomination.get_status_display()),
    Column(_("Ngày nộp"), 14, lambda nomination: nomination.submitted_at and timezone.localdate(nomination.submitted_at)),
    Column(_("Cập nhật"), 18, lambda nomination: nomination.updated_at),
]
