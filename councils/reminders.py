"""Reminders about council meetings and votes: what is due today, and to whom; `notifications` delivers each once, by its key."""

import datetime

from django.utils import timezone

from notifications.registry import reminder_finder, ship_texts
from notifications.services import Reminder

from .message_texts import TEXTS
from .models import BallotReceipt, Meeting, VotingRound

ship_texts(TEXTS)


@reminder_finder
def meetings(today):
    """Members: the day before a meeting, and while a round is open and they have not voted."""
    tomorrow = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time()))
    upcoming = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, starts_at__gte=tomorrow, starts_at__lt=tomorrow + datetime.timedelta(days=1)
    ).select_related("council")
    for meeting in upcoming:
        starts_at = timezone.localtime(meeting.starts_at)
        for member in meeting.council.members.select_related("user"):
            yield Reminder(
                member.user, key=f"meeting_tomorrow:meeting={meeting.pk}:at={starts_at:%Y%m%d%H%M}:user={member.user_id}",
                code="meeting_tomorrow", link=meeting.get_absolute_url(), scope=f"campaign:{meeting.campaign_id}",
                context={"meeting": meeting.title, "council": meeting.council.name,
                         "time": starts_at.strftime("%H:%M %d/%m/%Y"), "place": meeting.place or "trực tuyến"},
            )
    for voting_round in VotingRound.objects.filter(status=VotingRound.Status.OPEN, is_on_paper=False).select_related("meeting"):
        voted = BallotReceipt.objects.filter(voting_round=voting_round).values("member")
        for member in voting_round.meeting.council.voting_members().exclude(pk__in=voted).select_related("user"):
            yield Reminder(
                member.user, key=f"vote_pending:round={voting_round.pk}:user={member.user_id}",
                code="vote_pending", link=voting_round.meeting.get_absolute_url(),
                scope=f"campaign:{voting_round.meeting.campaign_id}", context={"meeting": voting_round.meeting.title},
            )
