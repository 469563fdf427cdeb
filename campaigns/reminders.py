"""Reminders about the plans' reports: what is due today, and to whom; `notifications` delivers each once, by its key."""

from accounts.models import User
from notifications.registry import reminder_finder, ship_texts
from notifications.services import notify_from_template

from .message_texts import TEXTS
from .models import Campaign, Report

ship_texts(TEXTS)


@reminder_finder
def reports_due(today):
    """Units owing a report: before its due date, and once when it is overdue."""
    sent = 0
    reports = Report.objects.filter(submitted_at=None).select_related("campaign")
    for report in reports.exclude(campaign__status=Campaign.Status.DRAFT):
        days_left = (report.due_date - today).days
        lead = "overdue" if days_left < 0 else report.campaign.reminder_lead(days_left)
        if lead is None:
            continue
        code = "report_overdue" if lead == "overdue" else "report_due"
        context = {"report": report.title, "campaign": f"Kế hoạch số {report.campaign.number}",
                   "deadline": f"{report.due_date:%d/%m/%Y}", "days_left": days_left, "days_overdue": -days_left}
        for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization=report.organization_id):
            sent += notify_from_template(
                user, key=f"{code}:report={report.pk}:deadline={report.due_date}:lead={lead}:user={user.pk}",
                code=code, context=context, link=report.get_absolute_url(), scope=f"campaign:{report.campaign_id}",
            )
    return sent
