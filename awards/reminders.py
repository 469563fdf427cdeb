"""What is due to be reminded today, and to whom. `notifications` delivers each reminder once, by its key.

Each finder sends what falls due and returns how many were sent now; run again, it sends nothing new.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Organization, User
from campaigns.models import Campaign, Report
from campaigns.workdays import working_days_between
from nominations.models import BallotReceipt, Meeting, Nomination, Status, VotingRound
from notifications.services import delivery_batch, notify_from_template

from .models import Decision

# Warn the office this many working days before a statutory processing time runs out.
PROCESSING_WARNING_DAYS = 3


def _date(value):
    return value.strftime("%d/%m/%Y")


def _send(user, *, key, code, context, link, scope):
    return notify_from_template(user, key=key, code=code, context=context, link=link, scope=scope)


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
            sent += _send(
                user, key=f"nomination_deadline:campaign={campaign.pk}:deadline={deadline}:lead={lead}:user={user.pk}",
                code="nomination_deadline", link=campaign.get_absolute_url(), scope=f"campaign:{campaign.pk}",
                context={"campaign": f"Kế hoạch số {campaign.number}", "deadline": _date(deadline), "days_left": days_left},
            )
    return sent


def _units_to_remind(campaign):
    nominations = Nomination.objects.filter(campaign=campaign)
    with_drafts = nominations.filter(status__in=(Status.DRAFT, Status.RETURNED)).values("submitting_unit")
    submitted = nominations.exclude(status__in=(Status.DRAFT, Status.WITHDRAWN)).values("submitting_unit")
    taking_part = campaign.participations.values("organization")
    return Organization.objects.filter(Q(pk__in=with_drafts) | (Q(pk__in=taking_part) & ~Q(pk__in=submitted)))


def award_deadlines(today):
    """The office and leaders, while approved dossiers wait for a signed decision."""
    sent = 0
    signed = Decision.objects.filter(status=Decision.Status.SIGNED, nominations=OuterRef("pk"))
    waiting = Nomination.objects.filter(status=Status.APPROVED).exclude(Exists(signed))
    campaigns = Campaign.objects.exclude(award_deadline=None).filter(pk__in=waiting.values("campaign"))
    recipients = list(User.objects.filter(role__in=(User.Role.STAFF, User.Role.LEADER), is_active=True))
    for campaign in campaigns:
        days_left = (campaign.award_deadline - today).days
        lead = campaign.reminder_lead(days_left)
        if lead is None:
            continue
        for user in recipients:
            sent += _send(
                user, key=f"award_deadline:campaign={campaign.pk}:deadline={campaign.award_deadline}:lead={lead}:user={user.pk}",
                code="award_deadline", link=campaign.get_absolute_url(), scope=f"campaign:{campaign.pk}",
                context={"campaign": f"Kế hoạch số {campaign.number}", "deadline": _date(campaign.award_deadline),
                         "days_left": days_left},
            )
    return sent


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
                   "deadline": _date(report.due_date), "days_left": days_left, "days_overdue": -days_left}
        for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization=report.organization_id):
            sent += _send(
                user, key=f"{code}:report={report.pk}:deadline={report.due_date}:lead={lead}:user={user.pk}",
                code=code, context=context, link=report.get_absolute_url(), scope=f"campaign:{report.campaign_id}",
            )
    return sent


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
            sent += _send(
                user, key=f"appraisal_due:nomination={nomination.pk}:deadline={deadline}:user={user.pk}",
                code="appraisal_due", link=nomination.get_absolute_url(), scope=f"campaign:{nomination.campaign_id}",
                context={"nomination": str(nomination), "campaign": f"Kế hoạch số {nomination.campaign.number}",
                         "deadline": _date(deadline), "days_left": days_left},
            )
    return sent


def meetings(today):
    """Members: the day before a meeting, and while a round is open and they have not voted."""
    sent = 0
    tomorrow = today + datetime.timedelta(days=1)
    upcoming = Meeting.objects.filter(status=Meeting.Status.SCHEDULED).select_related("council")
    for meeting in upcoming:
        starts_at = timezone.localtime(meeting.starts_at)
        if starts_at.date() != tomorrow:
            continue
        for member in meeting.council.members.select_related("user"):
            sent += _send(
                member.user, key=f"meeting_tomorrow:meeting={meeting.pk}:at={starts_at:%Y%m%d%H%M}:user={member.user_id}",
                code="meeting_tomorrow", link=meeting.get_absolute_url(), scope=f"campaign:{meeting.campaign_id}",
                context={"meeting": meeting.title, "council": meeting.council.name,
                         "time": starts_at.strftime("%H:%M %d/%m/%Y"), "place": meeting.place or "trực tuyến"},
            )
    for voting_round in VotingRound.objects.filter(status=VotingRound.Status.OPEN, is_on_paper=False).select_related("meeting"):
        voted = BallotReceipt.objects.filter(voting_round=voting_round).values("member")
        for member in voting_round.meeting.council.voting_members().exclude(pk__in=voted).select_related("user"):
            sent += _send(
                member.user, key=f"vote_pending:round={voting_round.pk}:user={member.user_id}",
                code="vote_pending", link=voting_round.meeting.get_absolute_url(),
                scope=f"campaign:{voting_round.meeting.campaign_id}", context={"meeting": voting_round.meeting.title},
            )
    return sent


FINDERS = [nomination_deadlines, award_deadlines, reports_due, processing_times, meetings]


def send_due_reminders(today=None):
    """Send every reminder due today (Asia/Ho_Chi_Minh); return how many were sent now."""
    today = today or timezone.localdate()
    with delivery_batch(), transaction.atomic():
        return sum(finder(today) for finder in FINDERS)
