"""The meeting list's columns in Excel (documents.spreadsheets lays them out)."""

from django.utils.translation import gettext_lazy as _

from documents.spreadsheets import Column


def _place(meeting):
    return ", ".join(part for part in (str(_("Trực tuyến")) if meeting.is_online else "", meeting.place) if part)


MEETING_COLUMNS = [
    Column(_("Thời gian"), 18, lambda meeting: meeting.starts_at),
    Column(_("Nội dung cuộc họp"), 44, lambda meeting: meeting.title),
    Column(_("Hội đồng"), 40, lambda meeting: meeting.council.name),
    Column(_("Phong trào"), 20, lambda meeting: meeting.campaign.number),
    Column(_("Địa điểm"), 30, _place),
    Column(_("Trạng thái"), 16, lambda meeting: meeting.get_status_display()),
]
