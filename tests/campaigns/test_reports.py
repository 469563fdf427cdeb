import base64
import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from campaigns.forms import ExtensionForm, RequestReportsForm
from campaigns.models import Campaign, Extension, Participation, Report
from core.uploads import validate_upload
from tests.factories import (
    CampaignFactory,
    CampaignPeriodFactory,
    ExtensionFactory,
    OfficeFactory,
    OrganizationFactory,
    ReportFactory,
    UserFactory,
)
from tests.files import ONE_PAGE_PDF

MINIMAL_PDF = ONE_PAGE_PDF
# A 1×1 pixel PNG image.
MINIMAL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def today():
    return timezone.localdate()


def days_ago(days):
    return today() - datetime.timedelta(days=days)


def pdf_file(name="bao-cao.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def submitted(report, *, days_after_due=0):
    """Mark the report sent, some days after its due date (submitted_at is now, the due date moves)."""
    report.due_date = days_ago(days_after_due)
    report.content, report.submitted_at, report.status = "Kết quả thực hiện năm 2024", timezone.now(), Report.Status.SUBMITTED
    report.save()
    return report


def tracking_page(client, campaign, **query):
    return client.get(reverse("campaigns:reports", args=[campaign.pk]), query)


# Tracking the reports of a campaign


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status", [(User.Role.STAFF, 200), (User.Role.LEADER, 200), (User.Role.ADMINISTRATOR, 200),
                    (User.Role.UNIT, 403), (User.Role.COUNCIL_MEMBER, 403)],
)
def test_report_tracking_is_for_the_office_and_leaders(client_of, role, status):
    report = ReportFactory()

    response = tracking_page(client_of(UserFactory(role=role, organization=OfficeFactory())), report.campaign)

    assert response.status_code == status


@pytest.mark.django_db
def test_report_tracking_lists_every_unit_report_of_the_campaign_only(client_of, office_user):
    report = ReportFactory(title="Báo cáo đánh giá năm 2023")
    ReportFactory(campaign=report.campaign, title="Báo cáo đánh giá năm 2024")
    ReportFactory(title="Báo cáo của phong trào khác")

    response = tracking_page(client_of(office_user), report.campaign)

    titles = sorted(r.title for r in response.context["page"])
    assert titles == ["Báo cáo đánh giá năm 2023", "Báo cáo đánh giá năm 2024"]
    assert report.organization.name in response.content.decode()


@pytest.mark.django_db
def test_report_due_today_is_not_overdue(client_of, office_user):
    report = ReportFactory(due_date=today())

    page = tracking_page(client_of(office_user), report.campaign).content.decode()

    assert report.days_overdue == 0
    assert "(hết hạn hôm nay)" in page
    assert '<span class="badge text-bg-secondary">Chưa đến hạn</span>' in page
    assert "(quá hạn" not in page


@pytest.mark.django_db
def test_report_due_yesterday_is_shown_overdue_by_one_day(client_of, office_user):
    report = ReportFactory(due_date=days_ago(1))

    page = tracking_page(client_of(office_user), report.campaign).content.decode()

    assert report.days_overdue == 1
    assert "quá hạn 1 ngày" in page


@pytest.mark.django_db
def test_report_not_yet_due_shows_the_days_left(client_of, office_user):
    report = ReportFactory(due_date=today() + datetime.timedelta(days=5))

    page = tracking_page(client_of(office_user), report.campaign).content.decode()

    assert "còn 5 ngày" in page
    assert "Chưa đến hạn" in page


@pytest.mark.django_db
def test_report_submitted_after_due_date_is_shown_late_by_days(client_of, office_user):
    report = submitted(ReportFactory(), days_after_due=3)

    page = tracking_page(client_of(office_user), report.campaign).content.decode()

    assert report.days_overdue == 3
    assert "Nộp muộn 3 ngày" in page
    assert f"Nộp ngày {today():%d/%m/%Y}" in page


@pytest.mark.django_db
def test_report_submitted_on_its_due_date_is_on_time(client_of, office_user):
    report = submitted(ReportFactory(), days_after_due=0)

    page = tracking_page(client_of(office_user), report.campaign).content.decode()

    assert report.days_overdue == 0
    assert '<span class="badge text-bg-success">Đã nộp đúng hạn</span>' in page


@pytest.mark.django_db
def test_report_tracking_counts_owed_submitted_late_and_overdue(client_of, office_user):
    campaign = CampaignFactory()
    submitted(ReportFactory(campaign=campaign), days_after_due=0)
    submitted(ReportFactory(campaign=campaign), days_after_due=2)
    ReportFactory(campaign=campaign, due_date=days_ago(1))
    ReportFactory(campaign=campaign, due_date=today())

    response = tracking_page(client_of(office_user), campaign)

    assert response.context["counts"] == {"owed": 4, "submitted": 2, "late": 1, "overdue": 1, "to_evaluate": 2}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state,expected", [("on_time", "đúng hạn"), ("late", "muộn"), ("pending", "chưa đến hạn"), ("overdue", "quá hạn")]
)
def test_report_tracking_filters_by_state(client_of, office_user, state, expected):
    campaign = CampaignFactory()
    submitted(ReportFactory(campaign=campaign, title="đúng hạn"), days_after_due=0)
    submitted(ReportFactory(campaign=campaign, title="muộn"), days_after_due=2)
    ReportFactory(campaign=campaign, title="quá hạn", due_date=days_ago(1))
    ReportFactory(campaign=campaign, title="chưa đến hạn", due_date=today())

    response = tracking_page(client_of(office_user), campaign, state=state)

    assert [r.title for r in response.context["page"]] == [expected]


@pytest.mark.django_db
def test_report_tracking_filters_by_unit_and_kind(client_of, office_user):
    wanted = ReportFactory(kind=Report.Kind.TASK)
    ReportFactory(campaign=wanted.campaign, organization=wanted.organization, kind=Report.Kind.YEARLY)
    ReportFactory(campaign=wanted.campaign, kind=Report.Kind.TASK)

    response = tracking_page(
        client_of(office_user), wanted.campaign, organization=wanted.organization_id, kind=Report.Kind.TASK
    )

    assert list(response.context["page"]) == [wanted]


@pytest.mark.django_db
def test_report_tracking_search_on_unit_name_ignores_diacritics(client_of, office_user):
    wanted = ReportFactory(organization=OrganizationFactory(name="Tòa án nhân dân thành phố Cần Thơ"))
    ReportFactory(campaign=wanted.campaign, organization=OrganizationFactory(name="Công an thành phố Cần Thơ"))

    response = tracking_page(client_of(office_user), wanted.campaign, q="toa an can tho")

    assert list(response.context["page"]) == [wanted]


@pytest.mark.django_db
def test_report_tracking_search_finds_a_report_title(client_of, office_user):
    wanted = ReportFactory(title="Báo cáo tiến độ tuyên truyền")
    ReportFactory(campaign=wanted.campaign, title="Báo cáo đánh giá năm 2024")

    response = tracking_page(client_of(office_user), wanted.campaign, q="tuyên truyền")

    assert list(response.context["page"]) == [wanted]


@pytest.mark.django_db
def test_report_tracking_ignores_an_unknown_filter_value(client_of, office_user):
    report = ReportFactory()

    response = tracking_page(client_of(office_user), report.campaign, state="bogus", kind="bogus")

    assert list(response.context["page"]) == [report]


@pytest.mark.django_db
def test_report_tracking_paginates_twenty_a_page_and_keeps_the_filter(client_of, office_user):
    campaign = CampaignFactory()
    for _ in range(25):
        ReportFactory(campaign=campaign, due_date=days_ago(1))

    response = tracking_page(client_of(office_user), campaign, state="overdue")

    assert len(response.context["page"]) == 20
    assert "state=overdue&amp;page=2" in response.content.decode()


@pytest.mark.django_db
def test_report_tracking_htmx_request_renders_only_the_rows(client_of, office_user):
    report = ReportFactory()

    response = client_of(office_user).get(
        reverse("campaigns:reports", args=[report.campaign.pk]), HTTP_HX_REQUEST="true"
    )

    assert [t.name for t in response.templates][0] == "campaigns/_report_rows.html"


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_report_tracking_query_count_does_not_grow_with_rows(
    client_of, office_user, django_assert_num_queries, rows
):
    campaign = CampaignFactory()
    period, task = CampaignPeriodFactory(campaign=campaign), campaign.tasks.create(number="1", title="Tuyên truyền")
    for index in range(rows):
        report = ReportFactory(campaign=campaign, period=period, task=task)
        if index % 2:
            submitted(report, days_after_due=1)
    client = client_of(office_user)

    with django_assert_num_queries(10):
        response = tracking_page(client, campaign)

    assert len(response.context["page"]) == rows


# Reading one report


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reader,status",
    [("unit_user", 200), ("office_user", 200), ("leader", 200), ("other_unit_user", 403), ("council_member", 403)],
)
def test_report_detail_is_for_its_unit_the_office_and_leaders(request, client_of, unit_user, reader, status):
    report = ReportFactory(organization=unit_user.organization)

    response = client_of(request.getfixturevalue(reader)).get(reverse("campaigns:report_detail", args=[report.pk]))

    assert response.status_code == status


@pytest.mark.django_db
def test_report_detail_shows_content_figures_attachment_and_who_submitted(client_of, unit_user, office_user):
    report = ReportFactory(organization=unit_user.organization, due_date=days_ago(2))
    report.submit(
        by=unit_user, content="Đã thực hiện 45 vụ việc", attachment=pdf_file(),
        figures="Số vụ việc tham gia tố tụng: 45\nSố người được trợ giúp: 120",
    )

    page = client_of(office_user).get(reverse("campaigns:report_detail", args=[report.pk])).content.decode()

    assert "Đã thực hiện 45 vụ việc" in page
    assert "Số vụ việc tham gia tố tụng: 45\nSố người được trợ giúp: 120" in page
    assert reverse("campaigns:report_attachment", args=[report.pk]) in page
    assert f"Nộp bởi {unit_user}" in page
    assert "Nộp muộn 2 ngày" in page


@pytest.mark.django_db
def test_report_attachment_downloads_for_its_unit(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)
    report.submit(by=unit_user, content="Nội dung", attachment=pdf_file())

    response = client_of(unit_user).get(reverse("campaigns:report_attachment", args=[report.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_report_attachment_is_forbidden_to_another_unit(client_of, unit_user, other_unit_user):
    report = ReportFactory(organization=unit_user.organization)
    report.submit(by=unit_user, content="Nội dung", attachment=pdf_file())

    response = client_of(other_unit_user).get(reverse("campaigns:report_attachment", args=[report.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_report_attachment_of_a_report_without_file_is_not_found(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    response = client_of(unit_user).get(reverse("campaigns:report_attachment", args=[report.pk]))

    assert response.status_code == 404


# A unit's own reports


@pytest.mark.django_db
def test_my_reports_lists_only_the_units_own_reports(client_of, unit_user):
    own = ReportFactory(organization=unit_user.organization)
    ReportFactory(campaign=own.campaign)

    response = client_of(unit_user).get(reverse("campaigns:my_reports"))

    assert list(response.context["page"]) == [own]


@pytest.mark.django_db
def test_my_reports_hides_reports_of_draft_campaigns(client_of, unit_user):
    ReportFactory(organization=unit_user.organization, campaign__status=Campaign.Status.DRAFT)

    response = client_of(unit_user).get(reverse("campaigns:my_reports"))

    assert list(response.context["page"]) == []


@pytest.mark.django_db
def test_my_reports_of_a_user_without_unit_is_empty(client_of, administrator):
    ReportFactory()

    response = client_of(administrator).get(reverse("campaigns:my_reports"))

    assert list(response.context["page"]) == []


@pytest.mark.django_db
def test_my_reports_lists_unsent_reports_first_by_due_date(client_of, unit_user):
    sent = submitted(ReportFactory(organization=unit_user.organization), days_after_due=0)
    later = ReportFactory(organization=unit_user.organization, due_date=today() + datetime.timedelta(days=9))
    sooner = ReportFactory(organization=unit_user.organization, due_date=days_ago(2))

    response = client_of(unit_user).get(reverse("campaigns:my_reports"))

    assert list(response.context["page"]) == [sooner, later, sent]


@pytest.mark.django_db
def test_my_reports_highlights_an_overdue_report_and_offers_to_submit_it(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization, due_date=days_ago(2))

    page = client_of(unit_user).get(reverse("campaigns:my_reports")).content.decode()

    assert '<tr class="table-danger">' in page
    assert "quá hạn 2 ngày" in page
    assert reverse("campaigns:report_submit", args=[report.pk]) in page


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_my_reports_query_count_does_not_grow_with_rows(client_of, unit_user, django_assert_num_queries, rows):
    for _ in range(rows):
        ReportFactory(organization=unit_user.organization, period=CampaignPeriodFactory())
    client = client_of(unit_user)

    with django_assert_num_queries(9):
        response = client.get(reverse("campaigns:my_reports"))

    assert len(response.context["page"]) == rows


# Submitting a report


def submit(client, report, **data):
    return client.post(reverse("campaigns:report_submit", args=[report.pk]), {"content": "Kết quả năm 2024"} | data)


@pytest.mark.django_db
def test_report_submit_by_its_unit_records_content_figures_attachment_and_who(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    response = submit(client_of(unit_user), report, figures="Số vụ việc: 45", attachment=pdf_file())

    report.refresh_from_db()
    assert response.url == reverse("campaigns:report_detail", args=[report.pk])
    assert (report.content, report.figures, report.submitted_by) == ("Kết quả năm 2024", "Số vụ việc: 45", unit_user)
    assert report.attachment.read() == MINIMAL_PDF


@pytest.mark.django_db
def test_report_submit_form_is_shown_to_its_unit(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    response = client_of(unit_user).get(reverse("campaigns:report_submit", args=[report.pk]))

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("submitter", ["other_unit_user", "office_user", "leader", "council_member"])
def test_report_submit_is_forbidden_to_anyone_but_its_unit(request, client_of, unit_user, submitter):
    report = ReportFactory(organization=unit_user.organization)

    response = submit(client_of(request.getfixturevalue(submitter)), report)

    report.refresh_from_db()
    assert response.status_code == 403
    assert not report.is_submitted


@pytest.mark.django_db
def test_report_submit_without_content_is_refused_with_the_message(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    response = submit(client_of(unit_user), report, content="  ")

    report.refresh_from_db()
    assert response.context["form"].has_error("content", code="required")
    assert "Hãy nhập nội dung báo cáo." in response.content.decode()
    assert not report.is_submitted


@pytest.mark.django_db
def test_report_submit_with_a_bad_file_shows_the_message_and_keeps_the_typed_text(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)
    fake_pdf = SimpleUploadedFile("bao-cao.pdf", b"day khong phai PDF", content_type="application/pdf")

    response = submit(
        client_of(unit_user), report, content="Nội dung đã gõ", figures="Chỉ số đã gõ: 7", attachment=fake_pdf
    )

    page = response.content.decode()
    report.refresh_from_db()
    assert response.context["form"].has_error("attachment", code="bad_type")
    assert "không đúng định dạng" in page
    assert "Nội dung đã gõ" in page
    assert "Chỉ số đã gõ: 7" in page
    assert not report.is_submitted


@pytest.mark.django_db
def test_report_submit_of_an_already_submitted_report_shows_a_message(client_of, unit_user):
    report = submitted(ReportFactory(organization=unit_user.organization))

    page = client_of(unit_user).get(reverse("campaigns:report_submit", args=[report.pk])).content.decode()

    assert "Báo cáo này đã được nộp lúc" in page
    assert "<textarea" not in page


@pytest.mark.django_db
def test_report_submission_is_in_the_report_history(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    submit(client_of(unit_user), report, content="Kết quả năm 2025")

    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert list(report.history.values_list("from_status", "to_status", "actor")) == [
        ("owed", "submitted", unit_user.pk)
    ]


@pytest.mark.django_db
def test_report_submitted_twice_keeps_the_first_content(client_of, unit_user):
    report = submitted(ReportFactory(organization=unit_user.organization))

    response = submit(client_of(unit_user), report, content="Nội dung lần hai")

    report.refresh_from_db()
    assert response.context["form"].has_error("__all__", code="already_submitted")
    assert report.content == "Kết quả thực hiện năm 2024"


@pytest.mark.django_db
def test_report_submit_after_due_date_is_accepted_and_shown_late(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization, due_date=days_ago(4))

    response = submit(client_of(unit_user), report, content="Báo cáo gửi muộn")
    page = client_of(unit_user).get(response.url).content.decode()

    assert "Nộp muộn 4 ngày" in page


# The upload validator


def test_upload_of_a_text_file_named_pdf_is_refused_as_bad_type():
    upload = SimpleUploadedFile("bao-cao.pdf", b"Day la van ban thuong, khong phai PDF.", "application/pdf")

    with pytest.raises(ValidationError) as refusal:
        validate_upload(upload)

    assert refusal.value.code == "bad_type"


def test_upload_of_a_png_named_pdf_is_refused_as_bad_type():
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile("bao-cao.pdf", MINIMAL_PNG))

    assert refusal.value.code == "bad_type"


def test_upload_of_an_executable_named_docx_is_refused_as_bad_type():
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile("bao-cao.docx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120))

    assert refusal.value.code == "bad_type"


def test_upload_over_the_size_limit_is_refused_as_too_large(settings):
    settings.UPLOAD_MAX_BYTES = 50

    with pytest.raises(ValidationError) as refusal:
        validate_upload(pdf_file())

    assert refusal.value.code == "too_large"


def test_upload_of_exactly_the_size_limit_is_accepted(settings):
    settings.UPLOAD_MAX_BYTES = len(MINIMAL_PDF)

    validate_upload(pdf_file())


def test_upload_of_a_real_pdf_is_accepted():
    validate_upload(pdf_file())


def test_upload_of_a_real_png_is_accepted():
    validate_upload(SimpleUploadedFile("anh-chup.PNG", MINIMAL_PNG))


def test_upload_of_a_real_xlsx_is_accepted():
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)

    validate_upload(SimpleUploadedFile("so-lieu.xlsx", workbook.getvalue()))


def test_upload_validation_leaves_the_file_to_be_read_from_its_start():
    upload = pdf_file()

    validate_upload(upload)

    assert upload.read() == MINIMAL_PDF


# Requesting reports from units


def request_data(**changes):
    return {"title": "Báo cáo kết quả thi đua năm 2024", "kind": Report.Kind.YEARLY, "due_date": "2025-01-15"} | changes


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status", [(User.Role.STAFF, 302), (User.Role.ADMINISTRATOR, 302), (User.Role.LEADER, 403),
                    (User.Role.UNIT, 403), (User.Role.COUNCIL_MEMBER, 403)],
)
def test_request_reports_is_for_the_office_only(client_of, role, status):
    campaign, unit = CampaignFactory(), OrganizationFactory()

    response = client_of(UserFactory(role=role, organization=OfficeFactory())).post(
        reverse("campaigns:request_reports", args=[campaign.pk]), request_data(organizations=[unit.pk])
    )

    assert response.status_code == status
    assert campaign.reports.exists() == (status == 302)


@pytest.mark.django_db
def test_request_reports_creates_one_report_per_chosen_unit(client_of, office_user):
    campaign = CampaignFactory()
    units = [OrganizationFactory(), OrganizationFactory()]

    response = client_of(office_user).post(
        reverse("campaigns:request_reports", args=[campaign.pk]),
        request_data(organizations=[unit.pk for unit in units]), follow=True,
    )

    assert {report.organization for report in campaign.reports.all()} == set(units)
    assert {report.due_date for report in campaign.reports.all()} == {datetime.date(2025, 1, 15)}
    assert "Đã tạo 2 báo cáo." in response.content.decode()


@pytest.mark.django_db
def test_request_reports_skips_units_that_already_owe_a_report_of_that_title(client_of, office_user):
    existing = ReportFactory(title="Báo cáo kết quả thi đua năm 2024", due_date=datetime.date(2024, 12, 1))
    new_unit = OrganizationFactory()

    response = client_of(office_user).post(
        reverse("campaigns:request_reports", args=[existing.campaign.pk]),
        request_data(organizations=[existing.organization_id, new_unit.pk]), follow=True,
    )

    page = response.content.decode()
    existing.refresh_from_db()
    assert existing.campaign.reports.count() == 2
    assert existing.due_date == datetime.date(2024, 12, 1)
    assert "Đã tạo 1 báo cáo." in page
    assert "Bỏ qua 1 đơn vị đã có báo cáo cùng tên." in page


@pytest.mark.django_db
def test_request_reports_of_all_participating_units():
    campaign = CampaignFactory()
    participants = [OrganizationFactory(), OrganizationFactory()]
    for unit in participants:
        Participation.objects.create(campaign=campaign, organization=unit)
    form = RequestReportsForm(request_data(all_participants="on"), campaign=campaign)

    assert form.is_valid(), form.errors
    campaign.request_reports(by=None, **form.report_request())

    assert {report.organization for report in campaign.reports.all()} == set(participants)
    assert campaign.history.get().note.startswith("Yêu cầu 2 đơn vị gửi")


@pytest.mark.django_db
def test_request_reports_without_any_unit_is_refused():
    form = RequestReportsForm(request_data(all_participants="on"), campaign=CampaignFactory())

    assert form.has_error("organizations", code="no_unit")


@pytest.mark.django_db
def test_request_reports_does_not_offer_the_issuing_body_itself():
    campaign = CampaignFactory()
    unit = OrganizationFactory()

    form = RequestReportsForm(request_data(organizations=[campaign.issuing_organization.pk]), campaign=campaign)

    assert unit in form.fields["organizations"].queryset
    assert campaign.issuing_organization not in form.fields["organizations"].queryset
    assert form.has_error("organizations", code="invalid_choice")


@pytest.mark.django_db
def test_request_reports_of_a_period_report_needs_a_period():
    form = RequestReportsForm(
        request_data(kind=Report.Kind.PERIOD, organizations=[OrganizationFactory().pk]), campaign=CampaignFactory()
    )

    assert form.has_error("period", code="period_required")


@pytest.mark.django_db
def test_request_reports_refuses_a_period_of_another_campaign():
    form = RequestReportsForm(
        request_data(
            kind=Report.Kind.PERIOD, period=CampaignPeriodFactory().pk, organizations=[OrganizationFactory().pk]
        ),
        campaign=CampaignFactory(),
    )

    assert form.has_error("period", code="invalid_choice")


@pytest.mark.django_db
def test_request_reports_of_a_period_report_records_the_period():
    period = CampaignPeriodFactory(name="Giai đoạn 2018–2024")
    form = RequestReportsForm(
        request_data(kind=Report.Kind.PERIOD, period=period.pk, organizations=[OrganizationFactory().pk]),
        campaign=period.campaign,
    )

    assert form.is_valid(), form.errors
    period.campaign.request_reports(by=None, **form.report_request())

    assert period.campaign.reports.get().period == period


# Extending a unit's nomination deadline


def extension_data(unit, **changes):
    return {"organization": unit.pk, "deadline": "2025-11-10", "reason": "Đơn vị bị ảnh hưởng bởi lũ lụt"} | changes


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status", [(User.Role.STAFF, 302), (User.Role.ADMINISTRATOR, 302), (User.Role.LEADER, 403),
                    (User.Role.UNIT, 403), (User.Role.COUNCIL_MEMBER, 403)],
)
def test_grant_extension_is_for_the_office_only(client_of, role, status):
    campaign, unit = CampaignFactory(), OrganizationFactory()

    response = client_of(UserFactory(role=role, organization=OfficeFactory())).post(
        reverse("campaigns:grant_extension", args=[campaign.pk]), extension_data(unit)
    )

    assert response.status_code == status
    assert campaign.extensions.exists() == (status == 302)


@pytest.mark.django_db
def test_grant_extension_records_the_new_deadline_and_who_granted_it(client_of, office_user):
    campaign, unit = CampaignFactory(nomination_deadline=datetime.date(2025, 10, 31)), OrganizationFactory()

    response = client_of(office_user).post(
        reverse("campaigns:grant_extension", args=[campaign.pk]), extension_data(unit), follow=True
    )

    extension = campaign.extensions.get()
    assert (extension.organization, extension.deadline, extension.granted_by) == (
        unit, datetime.date(2025, 11, 10), office_user
    )
    assert f"Đã gia hạn nộp hồ sơ cho {unit.name} đến ngày 10/11/2025." in response.content.decode()
    assert campaign.history.get().note == f"Gia hạn nộp hồ sơ cho {unit.name} đến ngày 10/11/2025. Đơn vị bị ảnh hưởng bởi lũ lụt"


@pytest.mark.django_db
@pytest.mark.parametrize("deadline", ["2025-10-31", "2025-10-01"])
def test_grant_extension_not_after_the_nomination_deadline_is_refused(client_of, office_user, deadline):
    campaign, unit = CampaignFactory(nomination_deadline=datetime.date(2025, 10, 31)), OrganizationFactory()

    response = client_of(office_user).post(
        reverse("campaigns:grant_extension", args=[campaign.pk]), extension_data(unit, deadline=deadline)
    )

    assert response.context["form"].has_error("deadline", code="not_after_deadline")
    assert "Ngày gia hạn phải sau hạn nộp hồ sơ của phong trào (31/10/2025)." in response.content.decode()
    assert not Extension.objects.exists()


@pytest.mark.django_db
def test_grant_extension_of_a_campaign_without_nomination_deadline_is_refused():
    form = ExtensionForm(extension_data(OrganizationFactory()), campaign=CampaignFactory(nomination_deadline=None))

    assert form.has_error("deadline", code="no_deadline")


@pytest.mark.django_db
def test_grant_extension_twice_to_a_unit_replaces_its_deadline(client_of, office_user):
    extension = ExtensionFactory(deadline=datetime.date(2025, 11, 5))

    client_of(office_user).post(
        reverse("campaigns:grant_extension", args=[extension.campaign.pk]),
        extension_data(extension.organization, deadline="2025-11-20"),
    )

    assert [e.deadline for e in extension.campaign.extensions.all()] == [datetime.date(2025, 11, 20)]


@pytest.mark.django_db
def test_campaign_detail_lists_extensions_for_the_office(client_of, office_user):
    extension = ExtensionFactory(deadline=datetime.date(2025, 11, 15))

    page = client_of(office_user).get(extension.campaign.get_absolute_url()).content.decode()

    assert "Các đơn vị được gia hạn" in page
    assert f"{extension.organization.name}</span>: đến 15/11/2025" in page


@pytest.mark.django_db
def test_campaign_detail_hides_extensions_from_units(client_of, unit_user):
    extension = ExtensionFactory()

    page = client_of(unit_user).get(extension.campaign.get_absolute_url()).content.decode()

    assert "Các đơn vị được gia hạn" not in page


# The report summary on the campaign page


@pytest.mark.django_db
def test_campaign_detail_summarises_reports_for_the_office_with_a_link_to_tracking(client_of, office_user):
    campaign = CampaignFactory()
    submitted(ReportFactory(campaign=campaign))
    ReportFactory(campaign=campaign, due_date=days_ago(1))

    page = client_of(office_user).get(campaign.get_absolute_url()).content.decode()

    assert "Phải gửi 2 báo cáo, đã nộp 1" in page
    assert "quá hạn chưa nộp 1" in page
    assert reverse("campaigns:reports", args=[campaign.pk]) in page


@pytest.mark.django_db
def test_campaign_detail_summarises_only_a_units_own_reports(client_of, unit_user):
    campaign = CampaignFactory()
    ReportFactory(campaign=campaign, organization=unit_user.organization)
    ReportFactory(campaign=campaign)

    page = client_of(unit_user).get(campaign.get_absolute_url()).content.decode()

    assert "Phải gửi 1 báo cáo, đã nộp 0" in page
    assert reverse("campaigns:reports", args=[campaign.pk]) not in page
    assert reverse("campaigns:my_reports") in page


@pytest.mark.django_db
def test_report_of_a_draft_campaign_is_hidden_from_its_unit(client_of, unit_user):
    report = ReportFactory(organization=unit_user.organization, campaign__status=Campaign.Status.DRAFT, title="Báo cáo dự thảo")
    client = client_of(unit_user)

    detail = client.get(reverse("campaigns:report_detail", args=[report.pk]))
    submit = client.get(reverse("campaigns:report_submit", args=[report.pk]))
    home = client.get(reverse("home")).content.decode()

    assert (detail.status_code, submit.status_code) == (403, 403)
    assert "Báo cáo dự thảo" not in home


@pytest.mark.django_db
def test_report_unit_picker_finds_the_units_owing_a_report_without_diacritics(client_of, office_user):
    report = ReportFactory(organization__name="Phòng Tư pháp huyện Thới Lai")
    ReportFactory(organization__name="Phòng Tư pháp huyện Cờ Đỏ")  # owes another plan

    response = client_of(office_user).get(
        reverse("campaigns:report_unit_picker", args=[report.campaign_id]), {"name": "organization", "id": "id_organization", "term": "thoi lai"}
    )

    assert "Phòng Tư pháp huyện Thới Lai" in response.content.decode()
    assert "Cờ Đỏ" not in response.content.decode()


@pytest.mark.django_db
def test_report_unit_picker_is_refused_to_a_unit(client_of, unit_user):
    report = ReportFactory()

    response = client_of(unit_user).get(
        reverse("campaigns:report_unit_picker", args=[report.campaign_id]), {"name": "organization", "id": "id_organization", "term": "a"}
    )

    assert response.status_code == 403
