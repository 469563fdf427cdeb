"""Excel copies of the lists (dossiers, report tracking, meetings, award register): one shared layout, the
list's filters and search, formula-safe text, dates dd/mm/yyyy, and the list's own permission and scope."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from documents.spreadsheets import Column, list_workbook
from nominations.models import Nomination
from tests.factories import MeetingFactory, NominationFactory, OrganizationFactory, PersonFactory, ReportFactory

pytestmark = pytest.mark.django_db


def rows_of(response):
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def saved(workbook):
    handle = io.BytesIO()
    workbook.save(handle)
    return load_workbook(handle).active


def test_a_list_keeps_typed_formulas_as_text_and_shows_dates_day_first():
    columns = [Column("Họ và tên", 20, lambda row: row[0]), Column("Ngày", 12, lambda row: row[1]),
               Column("Lúc", 16, lambda row: row[2]), Column("Số", 6, lambda row: row[3])]
    moment = datetime.datetime(2026, 11, 23, 20, 30, tzinfo=datetime.UTC)  # 24/11/2026 03:30 in Hồ Chí Minh City

    sheet = saved(list_workbook("Danh sách", columns, [('=HYPERLINK("http://x","bấm")', datetime.date(2026, 11, 24), moment, 7)]))

    assert [cell.value for cell in sheet[1]] == ["STT", "Họ và tên", "Ngày", "Lúc", "Số"]
    number, name, day, at, count = sheet[2]
    assert name.value == '\'=HYPERLINK("http://x","bấm")' and name.data_type == "s"
    assert (day.value.date(), day.number_format) == (datetime.date(2026, 11, 24), "DD/MM/YYYY")
    assert (at.value, at.number_format) == (datetime.datetime(2026, 11, 24, 3, 30), "DD/MM/YYYY HH:MM")
    assert (number.value, count.value) == (1, 7)


def test_dossier_export_follows_the_lists_search_and_filters(client_of, unit_user):
    wanted = NominationFactory(submitting_unit=unit_user.organization, nominee_person__full_name="Nguyễn Thị Ngọc Hà")
    NominationFactory(submitting_unit=unit_user.organization, nominee_person__full_name="Trần Văn Đức")
    Nomination.objects.filter(pk=wanted.pk).update(status=Nomination.Status.SUBMITTED, submitted_at=datetime.datetime(2026, 11, 20, 2, tzinfo=datetime.UTC))

    response = client_of(unit_user).get(reverse("nominations:export"), {"q": "ngoc ha", "status": "submitted"})

    header, *rows = rows_of(response)
    assert response["Content-Disposition"] == 'attachment; filename="ho-so-de-nghi-khen-thuong.xlsx"'
    assert header == ["STT", "Đối tượng", "Cá nhân/Tập thể", "Hình thức khen thưởng", "Đơn vị đề nghị", "Phong trào", "Trạng thái", "Ngày nộp", "Cập nhật"]
    assert [row[:3] for row in rows] == [[1, "Nguyễn Thị Ngọc Hà", "Cá nhân"]]
    assert rows[0][6:8] == ["Đã nộp", datetime.datetime(2026, 11, 20)]


def test_dossier_export_holds_only_the_users_own_dossiers(client_of, unit_user, other_unit_user):
    NominationFactory(submitting_unit=other_unit_user.organization, nominee_person__full_name="Lê Văn Khác")

    header, *rows = rows_of(client_of(unit_user).get(reverse("nominations:export")))

    assert rows == []


@pytest.mark.parametrize("rows", [1, 6])
def test_dossier_export_query_count_does_not_grow_with_rows(client_of, office_user, django_assert_max_num_queries, rows):
    for _ in range(rows):
        NominationFactory(submitting_unit=OrganizationFactory(), nominee_person=PersonFactory())
    client = client_of(office_user)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("nominations:export"))
        b"".join(response.streaming_content)


def test_report_export_follows_the_tracking_filters(client_of, office_user):
    wanted = ReportFactory(organization=OrganizationFactory(name="Tòa án nhân dân thành phố Cần Thơ"), due_date=datetime.date(2026, 11, 20))
    ReportFactory(campaign=wanted.campaign, organization=OrganizationFactory(name="Công an thành phố Cần Thơ"))

    response = client_of(office_user).get(reverse("campaigns:report_export", args=[wanted.campaign.pk]), {"q": "toa an"})

    header, *rows = rows_of(response)
    assert header == ["STT", "Đơn vị", "Báo cáo", "Loại báo cáo", "Giai đoạn", "Nhiệm vụ", "Hạn báo cáo", "Ngày nộp", "Số ngày quá hạn", "Trạng thái"]
    assert len(rows) == 1
    assert rows[0][1] == "Tòa án nhân dân thành phố Cần Thơ" and rows[0][6:9] == [datetime.datetime(2026, 11, 20), None, 4]


def test_report_export_is_refused_to_a_unit(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    assert client_of(unit_user).get(reverse("campaigns:report_export", args=[report.campaign.pk])).status_code == 403


def test_meeting_export_follows_the_search_and_shows_local_time(client_of, office_user):
    MeetingFactory(title="Họp xét danh hiệu Chiến sĩ thi đua cơ sở", is_online=True)
    MeetingFactory(title="Họp xét Giấy khen tập thể")

    header, *rows = rows_of(client_of(office_user).get(reverse("councils:meeting_export"), {"q": "chien si"}))

    assert header == ["STT", "Thời gian", "Nội dung cuộc họp", "Hội đồng", "Phong trào", "Địa điểm", "Trạng thái"]
    assert [(row[1], row[2], row[5]) for row in rows] == [
        (datetime.datetime(2025, 11, 20, 15, 0), "Họp xét danh hiệu Chiến sĩ thi đua cơ sở", "Trực tuyến, Phòng họp Sở Tư pháp"),
    ]


def test_meeting_export_is_refused_to_a_unit(client_of, unit_user):
    assert client_of(unit_user).get(reverse("councils:meeting_export")).status_code == 403
