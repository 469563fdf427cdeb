"""Start-of-year registration (đăng ký thi đua): units register titles and targets, the office reviews them."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from campaigns.models import Registration
from notifications.models import ReminderLog
from notifications.services import send_due_reminders
from tests.clock import TODAY
from tests.factories import AwardFormFactory, CampaignFactory, NominationFactory, OrganizationFactory, UserFactory

DEADLINE = TODAY + datetime.timedelta(days=3)


@pytest.fixture
def campaign(db):
    """A launched plan of Cần Thơ that asks units to register by DEADLINE, with two award forms."""
    campaign = CampaignFactory(registration_deadline=DEADLINE, nomination_deadline=datetime.date(2099, 12, 31))
    AwardFormFactory(campaign=campaign, name="Tập thể lao động xuất sắc")
    AwardFormFactory(campaign=campaign, name="Chiến sĩ thi đua cơ sở")
    return campaign


def forms_of(campaign):
    return list(campaign.award_forms.order_by("pk"))


def register(client, campaign, *, award_forms=(), targets="", action="submit"):
    data = {"award_forms": [form.pk for form in award_forms], "targets": targets, "action": action}
    return client.post(reverse("campaigns:registration", args=[campaign.pk]), data)


def submitted_registration(campaign, unit, award_forms):
    registration = Registration(campaign=campaign, organization=unit.organization)
    registration.fill(by=unit, award_forms=award_forms, targets="", submit=True)
    return registration


# The unit registers


@pytest.mark.django_db
def test_unit_registers_titles_and_targets_and_the_history_says_who(client_of, unit_user, campaign):
    titles = forms_of(campaign)[:1]

    response = register(client_of(unit_user), campaign, award_forms=titles, targets="100% vụ việc đúng hạn")

    assert response.status_code == 302
    registration = Registration.objects.get(campaign=campaign, organization=unit_user.organization)
    assert registration.status == Registration.Status.SUBMITTED
    assert list(registration.award_forms.all()) == titles
    assert registration.targets == "100% vụ việc đúng hạn"
    assert registration.history.get().actor == unit_user
    page = client_of(unit_user).get(reverse("campaigns:registration", args=[campaign.pk])).content.decode()
    assert "Đã gửi" in page and "Tập thể lao động xuất sắc" in page


@pytest.mark.django_db
def test_unit_saves_a_draft_then_sends_it(client_of, unit_user, campaign):
    client = client_of(unit_user)

    register(client, campaign, action="save", targets="Nháp")
    assert Registration.objects.get().status == Registration.Status.DRAFT
    register(client, campaign, award_forms=forms_of(campaign), targets="Chỉ tiêu")

    registration = Registration.objects.get()
    assert registration.status == Registration.Status.SUBMITTED
    assert registration.award_forms.count() == 2


@pytest.mark.django_db
def test_sending_without_a_title_is_refused_and_keeps_the_targets(client_of, unit_user, campaign):
    response = register(client_of(unit_user), campaign, targets="Chỉ tiêu đã gõ")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Hãy chọn ít nhất một danh hiệu, hình thức đăng ký." in page
    assert "Chỉ tiêu đã gõ" in page
    assert not Registration.objects.exclude(status=Registration.Status.DRAFT).exists()


@pytest.mark.django_db
def test_registration_after_the_deadline_is_refused_in_vietnamese_and_keeps_what_was_typed(client_of, unit_user, campaign):
    with time_machine.travel(datetime.datetime(2026, 11, 28, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))):
        response = register(client_of(unit_user), campaign, award_forms=forms_of(campaign), targets="Phấn đấu 100%")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Đã hết hạn đăng ký thi đua (ngày 27/11/2026)." in page
    assert "Phấn đấu 100%" in page
    assert not Registration.objects.exclude(status=Registration.Status.DRAFT).exists()


@pytest.mark.django_db
def test_an_award_form_of_another_plan_is_refused(client_of, unit_user, campaign):
    other = AwardFormFactory()

    response = register(client_of(unit_user), campaign, award_forms=[other])

    assert response.status_code == 200
    assert "Hình thức khen thưởng không thuộc kế hoạch này." in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_plan_without_a_registration_deadline_asks_none(client_of, unit_user):
    campaign = CampaignFactory()

    response = client_of(unit_user).get(reverse("campaigns:registration", args=[campaign.pk]), follow=True)

    assert "Kế hoạch này không yêu cầu đăng ký thi đua." in response.content.decode()
    assert "Đăng ký thi đua" not in client_of(unit_user).get(campaign.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_sent_registration_cannot_be_changed(unit_user, campaign):
    registration = submitted_registration(campaign, unit_user, forms_of(campaign))

    with pytest.raises(Exception, match="chỉ sửa được khi còn nháp hoặc bị trả lại"):
        registration.fill(by=unit_user, award_forms=[], targets="", submit=False)


# The office reviews


@pytest.mark.django_db
def test_office_approves_and_returns_with_a_reason(client_of, office_user, unit_user, other_unit_user, campaign):
    approved = submitted_registration(campaign, unit_user, forms_of(campaign))
    returned = submitted_registration(campaign, other_unit_user, forms_of(campaign))
    client = client_of(office_user)

    client.post(reverse("campaigns:registration_review", args=[approved.pk]), {"action": "approve"})
    client.post(reverse("campaigns:registration_review", args=[returned.pk]), {"action": "return", "text": "Bổ sung chỉ tiêu"})

    approved.refresh_from_db()
    returned.refresh_from_db()
    assert approved.status == Registration.Status.APPROVED
    assert (returned.status, returned.review_note) == (Registration.Status.RETURNED, "Bổ sung chỉ tiêu")
    assert returned.history.last().actor == office_user


@pytest.mark.django_db
def test_returning_without_a_reason_is_refused(client_of, office_user, unit_user, campaign):
    registration = submitted_registration(campaign, unit_user, forms_of(campaign))

    response = client_of(office_user).post(
        reverse("campaigns:registration_review", args=[registration.pk]), {"action": "return", "text": " "}, follow=True
    )

    assert "Hãy ghi rõ lý do trả lại." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.SUBMITTED


@pytest.mark.django_db
def test_a_returned_registration_is_revised_and_sent_again(client_of, office_user, unit_user, campaign):
    registration = submitted_registration(campaign, unit_user, forms_of(campaign)[:1])
    registration.return_for_revision(by=office_user, reasons="Thiếu danh hiệu")

    register(client_of(unit_user), campaign, award_forms=forms_of(campaign))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.SUBMITTED
    assert registration.award_forms.count() == 2


@pytest.mark.django_db
def test_office_list_is_searched_without_diacritics(client_of, office_user, campaign):
    for name in ("Trung tâm Trợ giúp pháp lý Cần Thơ", "Phòng Công chứng số 1"):
        unit = UserFactory(role=User.Role.UNIT, organization=OrganizationFactory(name=name))
        submitted_registration(campaign, unit, forms_of(campaign))

    page = client_of(office_user).get(reverse("campaigns:registrations", args=[campaign.pk]), {"q": "cong chung"}).content.decode()

    assert "Phòng Công chứng số 1" in page
    assert "Trung tâm Trợ giúp pháp lý Cần Thơ" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("units", [1, 12])
def test_office_list_takes_the_same_queries_for_few_or_many_registrations(
    client_of, office_user, campaign, units, django_assert_max_num_queries
):
    for _ in range(units):
        submitted_registration(campaign, UserFactory(role=User.Role.UNIT), forms_of(campaign))
    client = client_of(office_user)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("campaigns:registrations", args=[campaign.pk]))

    assert response.content.decode().count("Chiến sĩ thi đua cơ sở") == units


# The reminder


@pytest.mark.django_db
def test_units_that_have_not_registered_are_reminded_at_the_lead_time(unit_user, other_unit_user, campaign, django_capture_on_commit_callbacks):
    unit_user.email = "donvi@example.gov.vn"
    unit_user.save()
    submitted_registration(campaign, other_unit_user, forms_of(campaign))

    with django_capture_on_commit_callbacks(execute=True):
        sent = send_due_reminders(TODAY)

    assert sent == 1
    assert ReminderLog.objects.get().key.endswith(f":lead=3:user={unit_user.pk}")
    assert "Hạn đăng ký là ngày 27/11/2026, còn 3 ngày" in mail.outbox[0].body


@pytest.mark.django_db
def test_no_reminder_before_the_first_lead_time_or_for_a_plan_without_registration(unit_user):
    CampaignFactory(registration_deadline=TODAY + datetime.timedelta(days=8))
    CampaignFactory()

    assert send_due_reminders(TODAY) == 0


# The end-of-year dossier is checked against the registration


@pytest.mark.django_db
def test_a_dossier_for_an_unregistered_title_is_warned_not_refused(client_of, unit_user, campaign):
    registered, unregistered = forms_of(campaign)
    submitted_registration(campaign, unit_user, [registered])
    warning = "Đơn vị chưa đăng ký danh hiệu này khi đăng ký thi đua đầu năm"

    warned = NominationFactory(campaign=campaign, award_form=unregistered, submitting_unit=unit_user.organization)
    fine = NominationFactory(campaign=campaign, award_form=registered, submitting_unit=unit_user.organization)

    client = client_of(unit_user)
    assert warning in client.get(warned.get_absolute_url()).content.decode()
    assert warning not in client.get(fine.get_absolute_url()).content.decode()
    warned.submit(by=unit_user)  # a warning only: the dossier is still sent


@pytest.mark.django_db
def test_no_warning_when_the_plan_asks_no_registration(client_of, unit_user):
    nomination = NominationFactory(submitting_unit=unit_user.organization)

    assert "chưa đăng ký danh hiệu" not in client_of(unit_user).get(nomination.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_registration_deadline_after_the_nomination_deadline_is_refused(campaign):
    campaign.nomination_deadline = DEADLINE - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refusal:
        campaign.full_clean()

    assert refusal.value.message_dict["registration_deadline"] == ["Hạn đăng ký thi đua phải trước hạn nộp hồ sơ."]
