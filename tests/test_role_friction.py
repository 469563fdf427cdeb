"""A good admin product's day, per role (issue 21): what a user notices once the friction is gone."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Organization, User
from campaigns.forms import RequestReportsForm
from campaigns.models import CampaignError, Report
from councils.models import CouncilError
from councils.services import publish_round
from nominations.models import Nomination
from notifications.models import MessageTemplate, Notification
from tests.councils.ballots import close_and_open, open_online_round, vote
from tests.factories import (
    CouncilMemberFactory,
    MeetingFactory,
    NominationFactory,
    OrganizationFactory,
    ReportFactory,
    UserFactory,
)
from tests.files import ONE_PAGE_PDF

Status = Nomination.Status
PDF = ONE_PAGE_PDF


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(unit_user):
    return NominationFactory(submitting_unit=unit_user.organization, award_form__required_documents=["Tờ trình", "Biên bản"])


def attach(nomination, *documents):
    for document in documents:
        nomination.attachments.create(document_type=document, file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1)


def notices_to(user):
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def texts(response):
    return [str(message) for message in response.context["messages"]]


# Notifications to the office.

@pytest.mark.django_db
def test_office_is_told_when_a_dossier_arrives_and_when_it_comes_back_revised(office_user, unit_user, draft):
    attach(draft, "Tờ trình", "Biên bản")
    elsewhere = UserFactory(role=User.Role.STAFF, organization=OrganizationFactory(province="An Giang"))

    draft.submit(by=unit_user)
    draft.return_for_revision(by=office_user, reasons="Thiếu chữ ký")
    draft.submit(by=unit_user)

    assert notices_to(office_user) == [
        f"Hồ sơ đã bổ sung, nộp lại: {draft}", f"Hồ sơ mới nộp: {draft}",
    ]
    assert notices_to(elsewhere) == []


@pytest.mark.django_db
def test_office_is_told_when_a_report_arrives_and_when_it_comes_back_revised(office_user, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    report.submit(by=unit_user, content="Kết quả năm 2024")
    report.return_for_revision(by=office_user, reasons="Bổ sung số liệu hộ nghèo")
    report.submit(by=unit_user, content="Kết quả năm 2024, có số liệu")

    unit = unit_user.organization
    assert notices_to(office_user) == [
        f"Báo cáo đã bổ sung, nộp lại: {report.title} – {unit}", f"Báo cáo mới nộp: {report.title} – {unit}",
    ]
    assert notices_to(unit_user) == [f"Báo cáo cần bổ sung: {report.title}"]


# Report evaluation.

@pytest.mark.django_db
def test_report_returned_then_resubmitted_then_taken_in_keeps_its_first_submission_day(client_of, office_user, unit_user):
    report = ReportFactory(organization=unit_user.organization)
    report.submit(by=unit_user, content="Kết quả năm 2024")
    first_sent = report.submitted_at
    evaluate = reverse("campaigns:report_evaluate", args=[report.pk])

    client_of(office_user).post(evaluate, {"action": "return", "text": "Bổ sung số liệu"})
    page = client_of(unit_user).get(reverse("campaigns:report_submit", args=[report.pk])).content.decode()
    report.refresh_from_db()
    report.submit(by=unit_user, content="Kết quả năm 2024, có số liệu")
    client_of(office_user).post(evaluate, {"action": "accept", "text": "Đạt"})

    report.refresh_from_db()
    assert "Bổ sung số liệu" in page and "Kết quả năm 2024</textarea>" in page
    assert (report.status, report.evaluation, report.submitted_at) == (Report.Status.ACCEPTED, "Đạt", first_sent)
    assert [entry.to_status for entry in report.history.order_by("pk")] == ["submitted", "returned", "submitted", "accepted"]


@pytest.mark.django_db
def test_report_returned_without_reasons_or_before_submission_is_refused(office_user, unit_user):
    report = ReportFactory(organization=unit_user.organization)

    with pytest.raises(CampaignError) as before:
        report.return_for_revision(by=office_user, reasons="Thiếu số liệu")
    report.submit(by=unit_user, content="Kết quả")
    with pytest.raises(CampaignError) as blank:
        report.return_for_revision(by=office_user, reasons="  ")

    assert (before.value.code, blank.value.code) == ("not_returnable", "no_reasons")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["unit_user", "other_unit_user", "leader", "council_member"])
def test_report_evaluation_is_the_offices_alone(request, client_of, unit_user, role):
    report = ReportFactory(organization=unit_user.organization)
    report.submit(by=unit_user, content="Kết quả")

    response = client_of(request.getfixturevalue(role)).post(reverse("campaigns:report_evaluate", args=[report.pk]), {"action": "accept"})

    assert response.status_code == 403
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED


@pytest.mark.django_db
def test_report_request_offers_the_plans_province_without_councils(office_user):
    report = ReportFactory()
    campaign = report.campaign
    council = OrganizationFactory(kind=Organization.Kind.COUNCIL)
    far_away = OrganizationFactory(province="Cao Bằng")

    offered = set(RequestReportsForm(campaign=campaign).fields["organizations"].queryset)

    assert report.organization in offered
    assert council not in offered and far_away not in offered


# Dossiers: appraisal and bulk actions.

@pytest.mark.django_db
def test_appraisal_checklist_is_ticked_from_what_the_dossier_holds(client_of, office_user, unit_user, draft):
    attach(draft, "Tờ trình", "Biên bản")
    draft.submit(by=unit_user)
    draft.attachments.filter(document_type="Biên bản").delete()

    form = client_of(office_user).get(reverse("nominations:appraise", args=[draft.pk])).context["form"]

    ticked = {field.label: field.initial for field in form.fields.values() if field.label != "Nhận xét"}
    assert ticked["Có Tờ trình"] is True
    assert ticked["Có Biên bản"] is False
    assert ticked["Đối tượng thuộc diện được khen theo kế hoạch"] is True
    assert ticked["Thành tích phù hợp tiêu chuẩn khen thưởng"] is False  # the office judges it


@pytest.mark.django_db
def test_bulk_accept_appraises_unappraised_dossiers_and_keeps_an_incomplete_one_with_its_reason(
    client_of, office_user, unit_user, draft
):
    complete = draft
    attach(complete, "Tờ trình", "Biên bản")
    complete.submit(by=unit_user)
    incomplete = NominationFactory(campaign=draft.campaign, award_form=draft.award_form, submitting_unit=unit_user.organization)
    attach(incomplete, "Tờ trình", "Biên bản")
    incomplete.submit(by=unit_user)
    incomplete.attachments.filter(document_type="Biên bản").delete()

    response = client_of(office_user).post(
        reverse("nominations:bulk"), {"selected": [complete.pk, incomplete.pk], "action": "accept"}, follow=True
    )

    complete.refresh_from_db()
    incomplete.refresh_from_db()
    assert complete.status == Status.IN_REVIEW and complete.appraisals.get().is_complete
    assert incomplete.status == Status.SUBMITTED and not incomplete.appraisals.exists()
    assert "Đã thẩm định và đưa 1 hồ sơ vào xét." in texts(response)
    assert any("Có Biên bản" in text for text in texts(response))


@pytest.mark.django_db
def test_bulk_accept_respects_an_appraisal_that_found_the_dossier_incomplete(client_of, office_user, unit_user, draft):
    attach(draft, "Tờ trình", "Biên bản")
    draft.submit(by=unit_user)
    draft.appraise(by=office_user, checklist={"Có Biên bản": False})

    client_of(office_user).post(reverse("nominations:bulk"), {"selected": [draft.pk], "action": "accept"})

    assert Nomination.objects.get(pk=draft.pk).status == Status.SUBMITTED


@pytest.mark.django_db
def test_dossier_list_offers_select_all_and_detail_offers_review_only_once_appraised(client_of, office_user, unit_user, draft):
    attach(draft, "Tờ trình", "Biên bản")
    draft.submit(by=unit_user)
    client = client_of(office_user)

    listing = client.get(reverse("nominations:list")).content.decode()
    before = client.get(draft.get_absolute_url()).content.decode()
    draft.appraise(by=office_user, checklist={"Có Tờ trình": True})
    after = client.get(draft.get_absolute_url()).content.decode()

    assert 'data-select-all="selected"' in listing
    assert "Đưa vào xét" not in before
    assert "Đưa vào xét" in after


# Dossiers: the unit's uploads.

@pytest.mark.django_db
def test_upload_of_the_same_file_twice_warns_and_the_type_starts_at_what_is_missing(client_of, unit_user, draft):
    client = client_of(unit_user)
    first_type = client.get(draft.get_absolute_url()).context["attachment_form"]["document_type"].value()
    upload = reverse("nominations:upload", args=[draft.pk])

    client.post(upload, {"document_type": "Tờ trình", "file": SimpleUploadedFile("to-trinh.pdf", PDF)})
    second_type = client.get(draft.get_absolute_url()).context["attachment_form"]["document_type"].value()
    response = client.post(upload, {"document_type": "Biên bản", "file": SimpleUploadedFile("bien-ban.pdf", PDF)}, follow=True)

    assert (first_type, second_type) == ("Tờ trình", "Biên bản")
    assert draft.attachments.count() == 2
    assert any("trùng với tệp “to-trinh.pdf”" in text for text in texts(response))


@pytest.mark.django_db
def test_upload_of_a_different_file_gives_no_warning(client_of, unit_user, draft):
    client = client_of(unit_user)
    upload = reverse("nominations:upload", args=[draft.pk])

    client.post(upload, {"document_type": "Tờ trình", "file": SimpleUploadedFile("to-trinh.pdf", PDF)}, follow=True)
    response = client.post(upload, {"document_type": "Biên bản", "file": SimpleUploadedFile("b.pdf", PDF + b"%")}, follow=True)

    assert texts(response) == ["Đã đính kèm tệp."]


@pytest.mark.django_db
def test_new_draft_message_and_edit_page_point_to_where_attachments_are(client_of, unit_user, draft):
    page = client_of(unit_user).get(reverse("nominations:edit", args=[draft.pk])).content.decode()

    assert f'href="{draft.get_absolute_url()}#attachments"' in page
    assert 'id="attachments"' in client_of(unit_user).get(draft.get_absolute_url()).content.decode()


# Council: attendance and minutes.

@pytest.fixture
def published_meeting(db):
    meeting = MeetingFactory()
    seats = [CouncilMemberFactory(council=meeting.council) for _ in range(3)]
    nomination = NominationFactory(campaign=meeting.campaign)
    nomination.submit(by=None)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    meeting.agenda.add(nomination)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_online_round(meeting, trustees=seats[:2])
    vote(voting_round, seats, {nomination: 3})
    close_and_open(voting_round)
    publish_round(voting_round, by=None)
    return meeting, seats


def test_attendance_is_locked_once_results_are_published(published_meeting):
    meeting, seats = published_meeting

    with pytest.raises(CouncilError) as refused:
        meeting.record_attendance(by=None, present_members=seats[:1])

    assert refused.value.code == "results_published"
    assert meeting.present_members().count() == 3


def test_attendance_of_a_published_meeting_shows_no_save_button(client_of, published_meeting):
    meeting, _seats = published_meeting
    secretary = CouncilMemberFactory(council=meeting.council, role="secretary", is_voting=False).user

    page = client_of(secretary).get(meeting.get_absolute_url()).content.decode()

    assert "Lưu điểm danh" not in page
    assert "điểm danh được giữ như khi biểu quyết" in page


def test_minutes_panel_updates_itself_until_the_minutes_are_ready(client_of, published_meeting):
    meeting, seats = published_meeting
    meeting.close(by=None)
    meeting.refresh_from_db()
    type(meeting).objects.filter(pk=meeting.pk).update(minutes_pdf="")  # as while the worker renders
    client = client_of(seats[0].user)

    pending = client.get(meeting.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "minutes-panel"})
    type(meeting).objects.filter(pk=meeting.pk).update(minutes_pdf="minutes/bien-ban.pdf")
    ready = client.get(meeting.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "minutes-panel"})

    assert 'hx-trigger="every 2s"' in pending.content.decode() and "tải lại trang" not in pending.content.decode()
    assert "hx-trigger" not in ready.content.decode() and "Tải biên bản họp (PDF)" in ready.content.decode()


# The office's message templates.

@pytest.mark.django_db
def test_message_templates_read_as_names_vietnamese_first_with_the_placeholders_explained(client_of, office_user):
    client = client_of(office_user)
    page = client.get(reverse("notifications:template_list"), {"q": "han nop ho so"})
    template = MessageTemplate.objects.get(code="nomination_deadline", language="vi")
    edit = client.get(reverse("notifications:template_edit", args=[template.pk])).content.decode()

    languages = [row.language for row in page.context["page"]]
    assert languages == sorted(languages, key=lambda language: language != "vi")
    assert ">Nhắc đơn vị nộp hồ sơ đề nghị khen thưởng trước hạn</a>" in page.content.decode()
    assert "<code>{days_left}</code>" in edit and "số ngày còn lại" in edit


# The newcomer.

@pytest.mark.django_db
def test_pages_are_vietnamese_with_a_favicon_and_the_menu_names_templates_once(client_of, office_user):
    page = client_of(office_user).get(reverse("campaigns:list")).content.decode()

    assert '<html lang="vi">' in page
    assert 'rel="icon" href="/static/img/favicon.svg"' in page
    assert "Thư nhắc" not in page and "Mẫu thông báo" in page
    assert 'data-msg-required="Hãy nhập mục này."' in page


@pytest.mark.django_db
def test_reminders_run_by_hand_say_what_was_sent_in_a_sentence():
    output = io.StringIO()

    call_command("send_reminders", stdout=output)

    assert output.getvalue().strip() == "Không có thư nhắc nào đến hạn hôm nay (thư đã gửi trước đó không gửi lại)."
