"""Reminders about decisions: what is due today, and to whom; `notifications` delivers each once, by its key."""

from django.db.models import Exists, OuterRef

from accounts.models import User
from campaigns.models import Campaign
from nominations.models import Nomination
from notifications.registry import reminder_finder, ship_texts
from notifications.services import notify_from_template

from .message_texts import TEXTS
from .models import Decision

ship_texts(TEXTS)


@reminder_finder
def award_deadlines(today):
    """The office and leaders, while approved dossiers wait for a signed decision."""
    sent = 0
    signed = Decision.objects.filter(status=Decision.Status.SIGNED, nominations=OuterRef("pk"))
    waiting = Nomination.objects.filter(status=Nomination.Status.APPROVED).exclude(Exists(signed))
    campaigns = Campaign.objects.exclude(award_deadline=None).filter(pk__in=waiting.values("campaign"))
    recipients = list(User.objects.filter(role__in=(User.Role.STAFF, User.Role.LEADER), is_active=True))
    for campaign in campaigns:
        days_left = (campaign.award_deadline - today).days
        lead = campaign.reminder_lead(days_left)
        if lead is None:
            continue
        for user in recipients:
            sent += notify_from_template(
                user, key=f"award_deadline:campaign={campaign.pk}:deadline={campaign.award_deadline}:lead={lead}:user={user.pk}",
                code="award_deadline", link=campaign.get_absolute_url(), scope=f"campaign:{campaign.pk}",
                context={"campaign": f"Kế hoạch số {campaign.number}", "deadline": f"{campaign.award_deadline:%d/%m/%Y}",
                         "days_left": days_left},
            )
    return sent
