"""Dates as plans give them: a period that ends on an event, and a month without a day ("tháng 4/2026")."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignPeriod, Report
from campaigns.reminders import reports_due
from nominations.models import Nomination
from tests.factories import CampaignFactory, NominationFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def period_row(**fields):
    data = {"part-TOTAL_FORMS": "1", "part-INITIAL_FORMS": "0", "part-MIN_NUM_FORMS": "0", "part-MAX_NUM_FORMS": "1000"}
    return data | {f"part-0-{name}": value for name, value in fields.items()}


@pytest.fixture
def campaign():
    return CampaignFactory(status=Campaign.Status.DRAFT)


def post_period(client_of, office_user, campaign, **fields):
    return client_of(office_user).post(reverse("campaigns:parts", args=[campaign.pk, "giai-doan"]), period_row(**fields))


def test_dates_period_ending_on_an_event_has_no_end_date_and_shows_the_event(client_of, office_user, campaign):
    post_period(client_of, office_user, campaign, name="Giai đoạn 2", starts_on="01/01/2026", ends_on_event="khi Đại hội được tổ chức")

    period = campaign.periods.get()
    page = client_of(office_user).get(campaign.get_absolute_url()).content.decode()
    assert period.ends_on is None and period.is_open_ended
    assert "khi Đại hội được tổ chức" in page


def test_dates_period_with_neither_end_date_nor_event_is_refused_and_keeps_what_was_typed(client_of, office_user, campaign):
    response = post_period(client_of, office_user, campaign, name="Giai đoạn 2", starts_on="01/01/2026")

    form = response.context["formset"].forms[0]
    assert form.has_error("ends_on", code="no_end")
    assert "ghi sự kiện kết thúc giai đoạn" in response.content.decode()
    assert 'value="Giai đoạn 2"' in response.content.decode()
    assert not campaign.periods.exists()


def test_dates_period_with_both_an_end_date_and_an_event_is_refused(client_of, office_user, campaign):
    response = post_period(
        client_of, office_user, campaign, name="Giai đoạn 2", starts_on="01/01/2026", ends_on="30/06/2026",
        ends_on_event="khi Đại hội được tổ chức",
    )

    assert response.context["formset"].forms[0].has_error("ends_on_event", code="two_ends")


@pytest.mark.parametrize("typed", ["4/2026", "tháng 4/2026", "Tháng 04/2026"])
def test_dates_period_given_as_a_month_ends_on_its_last_day_and_shows_the_month(client_of, office_user, campaign, typed):
    post_period(client_of, office_user, campaign, name="Đợt 1", starts_on="01/2026", ends_on=typed)

    period = campaign.periods.get()
    page = client_of(office_user).get(campaign.get_absolute_url()).content.decode()
    assert (period.starts_on, period.ends_on) == (datetime.date(2026, 1, 1), datetime.date(2026, 4, 30))
    assert (period.starts_label, period.ends_label) == ("tháng 01/2026", "tháng 04/2026")
    assert "tháng 04/2026" in page


def test_dates_month_is_shown_back_as_a_month_when_editing(client_of, office_user, campaign):
    CampaignPeriod.objects.create(
        campaign=campaign, name="Đợt 1", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 2, 28), ends_on_month=True,
    )

    page = client_of(office_user).get(reverse("campaigns:parts", args=[campaign.pk, "giai-doan"])).content.decode()

    assert 'value="02/2026"' in page and 'value="01/01/2026"' in page


def test_dates_month_thirteen_is_refused(client_of, office_user, campaign):
    response = post_period(client_of, office_user, campaign, name="Đợt 1", starts_on="01/01/2026", ends_on="13/2026")

    assert "Tháng phải từ 1 đến 12." in response.content.decode()


def test_dates_task_due_in_a_month_is_due_on_its_last_day(client_of, office_user, campaign):
    data = period_row(number="1", title="Tổng kết phong trào", due_date="tháng 2/2028")

    client_of(office_user).post(reverse("campaigns:parts", args=[campaign.pk, "nhiem-vu"]), data)

    task = campaign.tasks.get()
    assert (task.due_date, task.due_date_month, task.due_label) == (datetime.date(2028, 2, 29), True, "tháng 02/2028")


def test_dates_report_due_in_a_month_is_reminded_before_the_months_last_day(client_of, office_user):
    campaign = CampaignFactory(issuing_organization=office_user.organization.parent, reminder_days=[7])
    unit = OrganizationFactory()
    UserFactory(role="unit", organization=unit)
    period = CampaignPeriod.objects.create(
        campaign=campaign, name="Giai đoạn 2", starts_on=datetime.date(2026, 1, 1), ends_on_event="khi Đại hội được tổ chức",
    )
    data = {"title": "Báo cáo giai đoạn 2", "kind": Report.Kind.PERIOD, "due_date": "11/2026", "period": period.pk, "organizations": [unit.pk]}

    client_of(office_user).post(reverse("campaigns:request_reports", args=[campaign.pk]), data)

    report = campaign.reports.get()
    reminders = list(reports_due(datetime.date(2026, 11, 23)))
    assert report.due_date == datetime.date(2026, 11, 30)
    assert [reminder.context["deadline"] for reminder in reminders] == ["30/11/2026"]


def test_dates_dossier_of_an_open_ended_period_counts_in_the_plans_year():
    nomination = NominationFactory(status=Nomination.Status.SUBMITTED)
    nomination.period = CampaignPeriod.objects.create(
        campaign=nomination.campaign, name="Giai đoạn 2", starts_on=datetime.date(2025, 1, 1), ends_on_event="khi Đại hội được tổ chức",
    )

    assert nomination.award_year == nomination.campaign.ends_on.year
