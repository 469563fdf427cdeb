"""Acts that change several models at once: secret ballots and the council's results."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from nominations.models import QuotaCounter

from .models import BallotReceipt, CouncilError, Tally, VotingRound

Outcome = Tally.Outcome


class Choice:
    FOR = "for"
    AGAINST = "against"


def cast_ballot(member, voting_round, nomination, choice, *, written=False):
    """Record that the member voted, and add the choice to the tally, in one transaction.

    Nothing links the member to the choice: the receipt holds no choice and the tally no voter.
    """
    _check_can_vote(member, voting_round, nomination, written=written)
    field = {Choice.FOR: "votes_for", Choice.AGAINST: "votes_against"}.get(choice)
    if field is None:
        raise CouncilError(_("Hãy chọn đồng ý hoặc không đồng ý."), code="no_choice")
    try:
        with transaction.atomic():
            tally = Tally.objects.select_for_update().get(voting_round=voting_round, nomination=nomination)
            BallotReceipt.objects.create(voting_round=voting_round, member=member, nomination=nomination, is_written=written)
            Tally.objects.filter(pk=tally.pk).update(**{field: F(field) + 1})
    except IntegrityError:
        raise CouncilError(_("Thành viên đã biểu quyết hồ sơ này."), code="already_voted") from None
    except Tally.DoesNotExist:
        raise CouncilError(_("Hồ sơ không thuộc vòng biểu quyết này."), code="not_on_agenda") from None


@sensitive_variables()
def cast_ballots(member, voting_round, choices, *, written=False):
    """Cast the whole ballot or nothing: one refused dossier rolls back the others."""
    with transaction.atomic():
        for nomination, choice in choices:
            cast_ballot(member, voting_round, nomination, choice, written=written)


def _check_can_vote(member, voting_round, nomination, *, written):
    if voting_round.status != VotingRound.Status.OPEN:
        raise CouncilError(_("Vòng biểu quyết đã đóng."), code="round_closed")
    if voting_round.is_on_paper:
        raise CouncilError(_("Vòng này bỏ phiếu giấy: thư ký nhập kết quả kiểm phiếu."), code="on_paper")
    if member.council_id != voting_round.meeting.council_id or not member.is_voting:
        raise CouncilError(_("Người này không có quyền biểu quyết tại hội đồng."), code="not_a_voter")
    present = member.attendances.filter(meeting=voting_round.meeting_id, is_present=True).exists()
    if present == written:
        message = _("Thành viên vắng mặt chỉ gửi phiếu bằng văn bản.") if not present else _(
            "Thành viên có mặt bỏ phiếu trực tiếp."
        )
        raise CouncilError(message, code="written_mismatch")
    if member.is_recused_from(nomination):
        raise CouncilError(
            _("Thành viên cùng đơn vị với đối tượng được đề nghị không biểu quyết hồ sơ này."), code="recused"
        )


def enter_paper_counts(voting_round, nomination, *, votes_for, votes_against):
    """Enter the counted paper ballots of one nomination."""
    if voting_round.status != VotingRound.Status.OPEN or not voting_round.is_on_paper:
        raise CouncilError(_("Chỉ nhập kết quả kiểm phiếu của vòng bỏ phiếu giấy đang mở."), code="not_paper_round")
    voters = voting_round.meeting.council.voting_members().count()
    if votes_for < 0 or votes_against < 0 or votes_for + votes_against > voters:
        raise CouncilError(
            _("Tổng số phiếu không được vượt quá %(voters)s thành viên.") % {"voters": voters}, code="too_many_votes"
        )
    updated = Tally.objects.filter(voting_round=voting_round, nomination=nomination).update(
        votes_for=votes_for, votes_against=votes_against
    )
    if not updated:
        raise CouncilError(_("Hồ sơ không thuộc vòng biểu quyết này."), code="not_on_agenda")


def members_yet_to_vote(voting_round):
    """Names of the present voting members who have not voted on every dossier they may vote on."""
    present = voting_round.meeting.present_members().select_related("user")
    nominations = [tally.nomination for tally in voting_round.tallies.select_related("nomination__nominee_person")]
    voted = set(voting_round.receipts.values_list("member_id", "nomination_id"))
    return [
        member.user.get_full_name() for member in present
        if any((member.pk, nomination.pk) not in voted and not member.is_recused_from(nomination) for nomination in nominations)
    ]


def has_passed(tally, members):
    """Votes for reach the form's threshold, a share of ALL council members (not of those present)."""
    award_form = tally.nomination.award_form
    share = tally.votes_for * 100
    required = members * award_form.vote_threshold_percent
    return share > required if award_form.vote_threshold_exclusive else share >= required


@transaction.atomic
def close_round(voting_round, *, by, even_if_missing=False):
    """Close the round: count abstentions, rank and cut at each form's remaining quota; nothing is shown yet.

    Closing before every present member has voted would let the counts tell a few members' choices:
    it needs the secretary's explicit decision (`even_if_missing`), which the history records.
    """
    missing = [] if voting_round.is_on_paper else members_yet_to_vote(voting_round)
    if missing and not even_if_missing:
        raise CouncilError(
            _("Còn thành viên có mặt chưa biểu quyết: %(names)s.") % {"names": ", ".join(missing)}, code="votes_missing"
        )
    if not voting_round.can_move_to(VotingRound.Status.CLOSED):
        raise CouncilError(_("Vòng biểu quyết đã được đóng."), code="round_closed")
    meeting = voting_round.meeting
    members = meeting.council.voting_members().count()
    tallies = list(voting_round.tallies.select_related("nomination__award_form", "nomination__nominee_person",
                                                       "nomination__nominee_organization"))
    for tally in tallies:
        tally.abstentions = max(members - tally.votes_for - tally.votes_against, 0)
    for group in _by_award_form(tallies).values():
        _decide(group, members)
    Tally.objects.bulk_update(tallies, ["abstentions", "outcome", "rank"])
    note = ""
    if missing:
        note = _("Đóng khi còn %(count)s thành viên có mặt chưa biểu quyết") % {"count": len(missing)}
    voting_round._move_to(VotingRound.Status.CLOSED, by=by, note=note)


def _by_award_form(tallies):
    groups = {}
    for tally in tallies:
        groups.setdefault(tally.nomination.award_form, []).append(tally)
    return groups


def _preference(tally):
    """Decree 152/2025: on a tie, women and collectives with at least 70% women are preferred."""
    nomination = tally.nomination
    if nomination.is_individual:
        return nomination.nominee_person.gender == "female"
    share = nomination.nominee_organization.women_percent
    return share is not None and share >= 70


def _decide(tallies, members):
    """Rank one form's nominations by votes for; those that pass take places in order while every quota rule has room."""
    tallies.sort(key=lambda tally: (-tally.votes_for, not _preference(tally)))
    for rank, tally in enumerate(tallies, start=1):
        tally.rank = rank
    passing = [tally for tally in tallies if has_passed(tally, members)]
    for tally in tallies:
        if tally not in passing:
            tally.outcome = Outcome.BELOW_THRESHOLD
    if passing:
        _cut_at_quota(passing, QuotaCounter(passing[0].nomination.award_form))


def _cut_at_quota(passing, counter):
    """Within the places: passed; beyond: over quota; left out only by a tied dossier: both for the chair to decide."""
    placed = []
    for tally in passing:
        tally.outcome = Outcome.PASSED if counter.fits(tally.nomination, [p.nomination for p in placed]) else Outcome.OVER_QUOTA
        if tally.outcome == Outcome.PASSED:
            placed.append(tally)
    for tally in passing:
        if tally.outcome != Outcome.OVER_QUOTA:
            continue
        rivals = [
            other for other in placed
            if _ties(tally, other) and counter.fits(tally.nomination, [p.nomination for p in placed if p is not other])
        ]
        for other in [tally, *rivals] if rivals else []:
            other.outcome = Outcome.TIE_FOR_CHAIR


def _ties(tally, other):
    return tally.votes_for == other.votes_for and _preference(tally) == _preference(other)


@transaction.atomic
def publish_round(voting_round, *, by):
    """Announce the closed round: its counts are shown and its dossiers approved or rejected."""
    if not voting_round.can_move_to(VotingRound.Status.PUBLISHED):
        raise CouncilError(_("Chỉ công bố được vòng biểu quyết đã đóng."), code="not_closed")
    voting_round._move_to(VotingRound.Status.PUBLISHED, by=by)
    for tally in voting_round.tallies.select_related("nomination__award_form").order_by("rank"):
        if tally.outcome == Outcome.PASSED:
            tally.nomination.approve(by=by)
        elif tally.outcome in (Outcome.BELOW_THRESHOLD, Outcome.OVER_QUOTA):
            tally.nomination.reject(by=by, note=str(tally.get_outcome_display()))


@transaction.atomic
def chair_decides(tally, *, approve, by):
    """The chair settles a tie at the quota's edge (marked so in the history)."""
    if tally.outcome != Outcome.TIE_FOR_CHAIR:
        raise CouncilError(_("Hồ sơ này không chờ Chủ tịch Hội đồng quyết định."), code="not_tied")
    if tally.voting_round.status != VotingRound.Status.PUBLISHED:
        raise CouncilError(_("Hãy công bố kết quả vòng biểu quyết trước."), code="not_published")
    note = _("Chủ tịch Hội đồng quyết định khi bằng phiếu")
    if approve:
        tally.nomination.approve(by=by, note=note)
        tally.outcome = Outcome.PASSED
    else:
        tally.nomination.reject(by=by, note=note)
        tally.outcome = Outcome.OVER_QUOTA
    tally.save(update_fields=["outcome"])
