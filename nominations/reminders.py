"""Reminders about dossiers: what is due today, and to whom; `notifications` delivers each once, by its key."""

from django.db.models import Q

from accounts.models import Organization, User
from campaigns.models import Campaign
from campaigns.workdays import working_days_between
from notifications.registry import reminder_finder, ship_texts
from notifications.services import notify_from_template

from .message_texts import TEXTS
from .models import Nomination, Status

# Warn the office this many working days before a statutory processing time runs out.
PROCESSING_WARNING_DAYS = 3

ship_texts(TEXTS)


@reminder_finder
def nomination_deadlines(today):
    """Units with drafts, or that take part and have submitted nothing, before their own deadline."""
    sent = 0
    campaigns = Campaign.objects.filter(status=Campaign.Status.LAUNCHED).exclude(nomination_deadline=None)
    for campaign in campaigns.prefetch_related("extensions"):
        units = _units_to_remind(campaign)
        for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization__in=units):
            deadline = campaign.nomination_deadline_for(user.organization_id)
            days_left = (deadline - today).days
            lead = campaign.reminder_lead(days_left)
            if lead is None:
                continue
            sent += notify_from_template(
                user, key=f"nomination_deadline:campaign={campaign.pk}:deadline={deadline}:lead={lead}:user={user.pk}",
                code="nomination_deadline", link=campaign.get_absolute_url(), scope=f"campaign:{campaign.pk}",
                context={"campaign": f"Kế hoạch số {campaign.number}", "deadline": f"{deadline:%d/%m/%Y}", "days_left": days_left},
            )
    return sent


def _units_to_remind(campaign):
    nominations = Nomination.objects.filter(campaign=campaign)
    with_drafts = nominations.filter(status__in=(Status.DRAFT, Status.RETURNED)).values("submitting_unit")
    submitted = nominations.exclude(status__in=(Status.DRAFT, Status.WITHDRAWN)).values("submitting_unit")
    taking_part = campaign.participations.values("organization")
    return Organization.objects.filter(Q(pk__in=with_drafts) | (Q(pk__in=taking_part) & ~Q(pk__in=submitted)))


@reminder_finder
def processing_times(today):
    """The office, when a dossier's statutory time runs out: to appraise it, or, found incomplete, to return it."""
    sent = 0
    nominations = Nomination.objects.filter(status=Status.SUBMITTED).select_related("campaign")
    staff = list(User.objects.filter(role=User.Role.STAFF, is_active=True))
    for nomination in nominations.prefetch_related("appraisals"):
        appraisal = nomination.appraisals.first()
        if appraisal is not None and appraisal.is_complete:
            continue  # appraised: nothing runs out any more
        return_by, appraise_by = nomination.processing_deadlines
        deadline = return_by if appraisal is not None else appraise_by
        days_left = working_days_between(today, deadline)
        if not 0 <= days_left <= PROCESSING_WARNING_DAYS:
            continue
        for user in staff:
            sent += notify_from_template(
                user, key=f"appraisal_due:nomination={nomination.pk}:deadline={deadline}:user={user.pk}",
                code="appraisal_due", link=nomination.get_absolute_url(), scope=f"campaign:{nomination.campaign_id}",
                context={"nomination": str(nomination), "campaign": f"Kế hoạch số {nomination.campaign.number}",
                         "deadline": f"{deadline:%d/%m/%Y}", "days_left": days_left},
            )
    return sent
