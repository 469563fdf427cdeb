import datetime
import io
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from accounts.models import User
from awards.services import draft_decision, sign_decision
from campaigns.models import Campaign, Participation
from notifications.models import Notification, ReminderLog
from notifications.services import send_due_reminders
from tests.clock import TODAY
from tests.factories import (
    CampaignFactory,
    CouncilMemberFactory,
    MeetingFactory,
    NominationFactory,
    ReportFactory,
    UserFactory,
    approved_nomination,
)


@pytest.fixture
def campaign_due_in(db):
    """A launched campaign whose nomination deadline is `days` ahead, and a unit that takes part."""

    def make(days):
        campaign = CampaignFactory(nomination_deadline=TODAY + datetime.timedelta(days=days), award_deadline=TODAY + datetime.timedelta(days=days + 30))
        unit = UserFactory(role=User.Role.UNIT, email="donvi@example.gov.vn")
        Participation.objects.create(campaign=campaign, organization=unit.organization)
        return campaign, unit

    return make


@pytest.mark.django_db
@pytest.mark.parametrize("days,lead", [(7, 7), (5, 7), (3, 3), (1, 1), (0, 1)])
def test_reminder_nomination_deadline_is_sent_at_the_nearest_lead_time(campaign_due_in, days, lead):
    campaign, unit = campaign_due_in(days)

    sent = send_due_reminders(TODAY)

    assert sent == 1
    assert ReminderLog.objects.get().key.endswith(f":lead={lead}:user={unit.pk}")


@pytest.mark.django_db
@pytest.mark.parametrize("days", [8, -1])
def test_reminder_nomination_deadline_not_sent_before_the_first_lead_or_after_the_deadline(campaign_due_in, days):
    campaign_due_in(days)

    assert send_due_reminders(TODAY) == 0


@pytest.mark.django_db
def test_reminder_rerun_sends_nothing_twice(campaign_due_in, django_capture_on_commit_callbacks):
    campaign_due_in(3)

    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_reminders(TODAY)
        second = send_due_reminders(TODAY)

    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_reminder_email_is_vietnamese_with_the_link_to_act_on(campaign_due_in, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://thidua.example.gov.vn"
    campaign, unit = campaign_due_in(3)

    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(TODAY)

    message = mail.outbox[0]
    assert message.to == ["donvi@example.gov.vn"]
    assert campaign.number in message.subject
    assert "còn 3 ngày" in message.body
    assert f"https://thidua.example.gov.vn{campaign.get_absolute_url()}" in message.body


@pytest.mark.django_db
def test_reminder_unit_that_submitted_and_has_no_draft_is_not_reminded(campaign_due_in):
    campaign, unit = campaign_due_in(3)
    nomination = NominationFactory(campaign=campaign, submitting_unit=unit.organization)
    nomination.submit(by=unit)

    assert send_due_reminders(TODAY) == 0


@pytest.mark.django_db
def test_reminder_lead_times_are_a_setting_of_the_campaign(campaign_due_in):
    campaign, unit = campaign_due_in(10)
    Campaign.objects.filter(pk=campaign.pk).update(reminder_days=[14, 10])

    send_due_reminders(TODAY)

    assert ReminderLog.objects.get().key.endswith(f":lead=10:user={unit.pk}")


@pytest.mark.django_db
def test_reminder_day_is_counted_in_vietnam_time(campaign_due_in):
    campaign_due_in(7)

    # 18:00 UTC on 23/11 is already 01:00 on 24/11 in Hà Nội: 7 days left, not 8.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 18, 0, tzinfo=datetime.UTC)):
        assert send_due_reminders() == 1


@pytest.mark.django_db
def test_reminder_report_due_then_overdue_once(db):
    unit = UserFactory(role=User.Role.UNIT)
    report = ReportFactory(organization=unit.organization, due_date=TODAY + datetime.timedelta(days=3))

    before = send_due_reminders(TODAY)
    overdue = send_due_reminders(TODAY + datetime.timedelta(days=4))
    again = send_due_reminders(TODAY + datetime.timedelta(days=5))

    assert (before, overdue, again) == (1, 1, 0)
    assert Notification.objects.order_by("pk").last().subject.startswith("Báo cáo quá hạn")
    assert report.title in Notification.objects.order_by("pk").last().subject


@pytest.mark.django_db
def test_reminder_award_deadline_goes_to_the_office_and_leaders_while_approved_dossiers_wait(office_user, leader, unit_user):
    nomination = approved_nomination()
    Campaign.objects.filter(pk=nomination.campaign_id).update(award_deadline=TODAY + datetime.timedelta(days=3))

    send_due_reminders(TODAY)

    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {office_user.username, leader.username}


@pytest.mark.django_db
def test_reminder_meeting_the_day_before_to_every_member():
    meeting = MeetingFactory(starts_at=timezone.make_aware(datetime.datetime(2026, 11, 25, 8, 0)))
    members = [CouncilMemberFactory(council=meeting.council) for _ in range(3)]

    send_due_reminders(TODAY)

    assert set(Notification.objects.values_list("recipient", flat=True)) == {member.user_id for member in members}


@pytest.mark.django_db
def test_event_returned_dossier_tells_its_unit(unit_user, office_user):
    nomination = NominationFactory(submitting_unit=unit_user.organization)
    nomination.submit(by=unit_user)

    nomination.return_for_revision(by=office_user, reasons="Thiếu biên bản họp xét")

    notification = Notification.objects.get(recipient=unit_user)
    assert "Thiếu biên bản họp xét" in notification.body


@pytest.mark.django_db
def test_event_signed_decision_tells_the_units_of_the_awardees(unit_user, office_user, leader, other_unit_user):
    nomination = approved_nomination(submitting_unit=unit_user.organization)
    decision = draft_decision(nomination.award_form, by=office_user)
    decision.signer_name = "Phạm Văn Lộc"

    sign_decision(decision, by=leader)

    signed_notices = Notification.objects.filter(subject__startswith="Quyết định khen thưởng đã ký")
    assert list(signed_notices.values_list("recipient", flat=True)) == [unit_user.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent runs need PostgreSQL (set DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
def test_reminder_two_concurrent_runs_send_each_once(campaign_due_in):
    for _ in range(5):
        campaign_due_in(3)
    barrier, results = threading.Barrier(2), []

    def run():
        barrier.wait()
        results.append(send_due_reminders(TODAY))
        connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(results) == 5
    assert Notification.objects.count() == 5
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_demo_deadline_moved_three_days_ahead_sends_trungtam_one_email_and_one_notification(
    django_capture_on_commit_callbacks,
):
    call_command("seed_demo", stdout=io.StringIO())
    User.objects.filter(username="trungtam").update(email="trungtam@example.gov.vn")
    Campaign.objects.filter(number="67/KH-UBND").update(nomination_deadline=timezone.localdate() + datetime.timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_reminders()
        second = send_due_reminders()

    trungtam = User.objects.get(username="trungtam")
    assert Notification.objects.filter(recipient=trungtam).count() == 1
    assert [message.to for message in mail.outbox] == [["trungtam@example.gov.vn"]]
    assert second == 0
    assert first >= 1


@pytest.mark.django_db
def test_event_unit_learns_when_its_dossier_goes_to_the_council_and_the_result(unit_user):
    approved_nomination(submitting_unit=unit_user.organization)

    subjects = list(Notification.objects.filter(recipient=unit_user).order_by("pk").values_list("subject", flat=True))

    assert subjects[0].startswith("Hồ sơ đã được đưa vào xét")
    assert subjects[1].startswith("Kết quả xét hồ sơ")
    assert "Được đề nghị khen" in Notification.objects.get(subject=subjects[1]).body


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_reminder_daily_run_with_nothing_due_takes_the_same_queries_whatever_the_data(rows, office_user, django_assert_num_queries):
    campaign = CampaignFactory(nomination_deadline=TODAY + datetime.timedelta(days=60), award_deadline=TODAY + datetime.timedelta(days=90))
    for _ in range(rows):
        # Submitted long ago (their statutory times ran out) and reports due in two months: nothing falls due today.
        NominationFactory(campaign=campaign, status="submitted", submitted_at=timezone.now() - datetime.timedelta(days=200))
        approved_nomination(campaign=campaign)
        ReportFactory(campaign=campaign, organization=UserFactory(role=User.Role.UNIT).organization, due_date=TODAY + datetime.timedelta(days=60))

    with django_assert_num_queries(13):
        sent = send_due_reminders(TODAY)

    assert sent == 0
