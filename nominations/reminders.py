"""Reminders about dossiers: what is due today, and to whom; `notifications` delivers each once, by its key."""

import datetime

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from accounts.models import Organization, User
from campaigns.models import Campaign
from campaigns.workdays import WorkCalendar, span_of
from notifications.registry import reminder_finder, ship_texts
from notifications.services import Reminder

from .message_texts import TEXTS
from .models import Appraisal, Nomination, Status, processing_deadlines, statutory_days

# Warn the office this many working days before a statutory processing time runs out.
PROCESSING_WARNING_DAYS = 3

ship_texts(TEXTS)


@reminder_finder
def nomination_deadlines(today):
    """Units with drafts, or that take part and have submitted nothing, before their own deadline."""
    campaigns = Campaign.objects.filter(status=Campaign.Status.LAUNCHED).exclude(nomination_deadline=None)
    for campaign in campaigns.prefetch_related("extensions"):
        deadlines = {campaign.nomination_deadline, *(extension.deadline for extension in campaign.extensions.all())}
        if all(campaign.reminder_lead((deadline - today).days) is None for deadline in deadlines):
            continue  # no deadline of this plan, extended or not, is at a lead time today
        for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization__in=_units_to_remind(campaign)):
            deadline = campaign.nomination_deadline_for(user.organization_id)
            days_left = (deadline - today).days
            lead = campaign.reminder_lead(days_left)
            if lead is None:
                continue
            yield Reminder(
                user, key=f"nomination_deadline:campaign={campaign.pk}:deadline={deadline}:lead={lead}:user={user.pk}",
                code="nomination_deadline", link=campaign.get_absolute_url(), scope=f"campaign:{campaign.pk}",
                context={"campaign": f"Kế hoạch số {campaign.number}", "deadline": f"{deadline:%d/%m/%Y}", "days_left": days_left},
            )


def _units_to_remind(campaign):
    nominations = Nomination.objects.filter(campaign=campaign)
    with_drafts = nominations.filter(status__in=(Status.DRAFT, Status.RETURNED)).values("submitting_unit")
    submitted = nominations.exclude(status__in=(Status.DRAFT, Status.WITHDRAWN)).values("submitting_unit")
    taking_part = campaign.participations.values("organization")
    return Organization.objects.filter(Q(pk__in=with_drafts) | (Q(pk__in=taking_part) & ~Q(pk__in=submitted)))


@reminder_finder
def processing_times(today):
    """The office, when a dossier's statutory time runs out: to appraise it, or, found incomplete, to return it."""
    longest = max(statutory_days())
    calendar = WorkCalendar(today - span_of(longest), today + span_of(longest))
    # Only dossiers received on a day whose deadlines fall in the warning window can be due: select those in SQL.
    received_days = [
        today - datetime.timedelta(days=n) for n in range(span_of(longest).days)
        if any(_days_left(today, deadline, calendar) is not None
               for deadline in processing_deadlines(today - datetime.timedelta(days=n), calendar))
    ]
    if not received_days:
        return
    start = timezone.make_aware(datetime.datetime.combine(min(received_days), datetime.time()))
    end = timezone.make_aware(datetime.datetime.combine(max(received_days) + datetime.timedelta(days=1), datetime.time()))
    latest_appraisal = Appraisal.objects.filter(nomination=OuterRef("pk")).order_by("-appraised_at", "-pk")
    nominations = (
        Nomination.objects.filter(status=Status.SUBMITTED, submitted_at__gte=start, submitted_at__lt=end)
        .annotate(appraised_complete=Subquery(latest_appraisal.values("is_complete")[:1]))
        # Appraised complete: nothing runs out any more.
        .filter(Q(appraised_complete__isnull=True) | Q(appraised_complete=False))
        .select_related("campaign", "award_form", "nominee_person", "nominee_organization")
    )
    staff = list(User.objects.filter(role=User.Role.STAFF, is_active=True))
    for nomination in nominations:
        return_by, appraise_by = processing_deadlines(timezone.localtime(nomination.submitted_at).date(), calendar)
        # Found incomplete, it must be returned; not appraised yet, it must be appraised.
        deadline = return_by if nomination.appraised_complete is False else appraise_by
        days_left = _days_left(today, deadline, calendar)
        if days_left is None:
            continue
        for user in staff:
            yield Reminder(
                user, key=f"appraisal_due:nomination={nomination.pk}:deadline={deadline}:user={user.pk}",
                code="appraisal_due", link=nomination.get_absolute_url(), scope=f"campaign:{nomination.campaign_id}",
                context={"nomination": str(nomination), "campaign": f"Kế hoạch số {nomination.campaign.number}",
                         "deadline": f"{deadline:%d/%m/%Y}", "days_left": days_left},
            )


def _days_left(today, deadline, calendar):
    """Working days left until the deadline when within the warning window, else None."""
    if not today <= deadline <= today + span_of(PROCESSING_WARNING_DAYS):
        return None
    days_left = calendar.working_days_between(today, deadline)
    return days_left if 0 <= days_left <= PROCESSING_WARNING_DAYS else None
