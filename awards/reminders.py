"""Reminders about decisions: what is due today, and to whom; `notifications` delivers each once, by its key."""

from django.db.models import Exists, OuterRef

from accounts.models import User
from campaigns.models import Campaign
from nominations.models import Nomination
from notifications.registry import reminder_finder, ship_texts
from notifications.services import Reminder

from .message_texts import TEXTS
from .models import Decision

ship_texts(TEXTS)


@reminder_finder
def award_deadlines(today):
    """The office and leaders, while approved dossiers wait for a signed decision."""
    # The few plans whose award deadline is at a lead time today, before asking whether any dossier waits.
    campaigns = [
        campaign for campaign in Campaign.objects.filter(award_deadline__gte=today)
        if campaign.reminder_lead((campaign.award_deadline - today).days) is not None
    ]
    if not campaigns:
        return
    signed = Decision.objects.filter(status=Decision.Status.SIGNED, awardees__nomination=OuterRef("pk"))
    waiting = Nomination.objects.filter(status=Nomination.Status.APPROVED).exclude(Exists(signed))
    recipients = list(User.objects.filter(role__in=(User.Role.STAFF, User.Role.LEADER), is_active=True))
    for campaign in campaigns:
        if not waiting.filter(campaign=campaign).exists():
            continue
        days_left = (campaign.award_deadline - today).days
        lead = campaign.reminder_lead(days_left)
        for user in recipients:
            yield Reminder(
                user, key=f"award_deadline:campaign={campaign.pk}:deadline={campaign.award_deadline}:lead={lead}:user={user.pk}",
                code="award_deadline", link=campaign.get_absolute_url(), scope=f"campaign:{campaign.pk}",
                context={"campaign": f"Kế hoạch số {campaign.number}", "deadline": f"{campaign.award_deadline:%d/%m/%Y}",
                         "days_left": days_left},
            )
