"""Reminders about the plans' reports: what is due today, and to whom; `notifications` delivers each once, by its key."""

import datetime

from django.urls import reverse

from accounts.models import User
from notifications.registry import reminder_finder, ship_texts
from notifications.services import Reminder

from .message_texts import TEXTS
from .models import Campaign, Registration, Report

# An overdue report is reminded once, on the first daily run past its due date; a run missed for this long gives up.
OVERDUE_DAYS = 30

ship_texts(TEXTS)


@reminder_finder
def reports_due(today):
    """Units owing a report: before its due date, and once when it is overdue (within OVERDUE_DAYS)."""
    campaigns = Campaign.objects.exclude(status=Campaign.Status.DRAFT)
    longest_lead = max((max(leads, default=0) for leads in campaigns.values_list("reminder_days", flat=True)), default=0)
    # Due in SQL by date: owed and within the longest lead time, or overdue for less than OVERDUE_DAYS
    # (each overdue one is reminded once, normally the day after its due date), so the cost follows what is due.
    reports = Report.objects.filter(
        submitted_at=None, due_date__lte=today + datetime.timedelta(days=longest_lead),
        due_date__gte=today - datetime.timedelta(days=OVERDUE_DAYS),
    ).filter(campaign__in=campaigns).select_related("campaign")
    due = []
    for report in reports:
        days_left = (report.due_date - today).days
        lead = "overdue" if days_left < 0 else report.campaign.reminder_lead(days_left)
        if lead is not None:
            due.append((report, days_left, lead))
    users = {}
    for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization__in={r.organization_id for r, *_ in due}):
        users.setdefault(user.organization_id, []).append(user)
    for report, days_left, lead in due:
        code = "report_overdue" if lead == "overdue" else "report_due"
        context = {"report": report.title, "campaign": f"Kế hoạch số {report.campaign.number}",
                   "deadline": f"{report.due_date:%d/%m/%Y}", "days_left": days_left, "days_overdue": -days_left}
        for user in users.get(report.organization_id, []):
            yield Reminder(
                user, key=f"{code}:report={report.pk}:deadline={report.due_date}:lead={lead}:user={user.pk}",
                code=code, context=context, link=report.get_absolute_url(), scope=f"campaign:{report.campaign_id}",
            )


@reminder_finder
def registrations_due(today):
    """Units of a plan that asks a start-of-year registration and has not had theirs sent, at each lead time."""
    campaigns = [
        campaign for campaign in Campaign.objects.filter(status=Campaign.Status.LAUNCHED, registration_deadline__gte=today)
        .select_related("issuing_organization")
        if campaign.reminder_lead((campaign.registration_deadline - today).days) is not None
    ]
    for campaign in campaigns:
        days_left = (campaign.registration_deadline - today).days
        lead = campaign.reminder_lead(days_left)
        registered = campaign.registrations.filter(status__in=Registration.COUNTED).values("organization")
        recipients = User.objects.filter(role=User.Role.UNIT, is_active=True).exclude(organization__in=registered)
        if province := campaign.issuing_organization.province:
            recipients = recipients.filter(organization__province=province)
        context = {"campaign": f"Kế hoạch số {campaign.number}", "deadline": f"{campaign.registration_deadline:%d/%m/%Y}",
                   "days_left": days_left}
        for user in recipients:
            yield Reminder(
                user, key=f"registration_due:campaign={campaign.pk}:deadline={campaign.registration_deadline}:lead={lead}:user={user.pk}",
                code="registration_due", context=context, link=reverse("campaigns:registration", args=[campaign.pk]),
                scope=f"campaign:{campaign.pk}",
            )
