"""Acts that change several models at once: secret ballots and the council's results."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from documents.signatures import signed_copy
from documents.storing import save_pdf
from nominations.models import QuotaCounter

from . import crypto
from .models import BallotReceipt, CouncilError, CouncilMember, EncryptedBallot, Tally, Trustee, VotingRound
from .verification import ballot_box, box_hash

Outcome = Tally.Outcome


class Choice:
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


def ballot_nominations(member, voting_round):
    """The round's dossiers this member votes on (not those of the member's own organization), by id."""
    tallies = voting_round.tallies.select_related("nomination__nominee_person").order_by("nomination_id")
    return [tally.nomination for tally in tallies if not member.is_recused_from(tally.nomination)]


def cast_ballot(member, voting_round, ballot):
    """Check an encrypted ballot's proofs and keep it; an earlier ballot of the member is marked replaced.

    The server never sees the choices: the ballot holds ciphertexts and proofs only. Returns the receipt code.
    """
    _check_can_vote(member, voting_round, written=False)
    if not voting_round.public_key:
        raise CouncilError(_("Người giữ khóa chưa tạo xong khóa của vòng biểu quyết."), code="no_round_key")
    nominations = ballot_nominations(member, voting_round)
    reason = crypto.check_ballot(ballot, voting_round.pk, voting_round.public_key, [n.pk for n in nominations])
    if reason:
        raise CouncilError(_("Phiếu không hợp lệ: %(reason)s.") % {"reason": reason}, code="invalid_ballot")
    receipt = crypto.receipt_code(ballot)
    try:
        with transaction.atomic():
            EncryptedBallot.objects.filter(voting_round=voting_round, member=member, is_replaced=False).update(
                is_replaced=True
            )
            EncryptedBallot.objects.create(voting_round=voting_round, member=member, receipt=receipt, content=ballot)
            BallotReceipt.objects.bulk_create(
                [BallotReceipt(voting_round=voting_round, member=member, nomination=n) for n in nominations],
                ignore_conflicts=True,
            )
    except IntegrityError:
        raise CouncilError(_("Phiếu này đã được gửi."), code="duplicate_ballot") from None
    return receipt


@sensitive_variables()
def record_written_ballot(member, voting_round, choices, *, entered_by=None):
    """Record the written ballot of an absent member as written: it is secret from nobody who receives it.

    The round's history keeps who entered whose written ballot, never the choices.
    """
    _check_can_vote(member, voting_round, written=True)
    try:
        with transaction.atomic():
            for nomination, choice in choices:
                if choice not in (Choice.FOR, Choice.AGAINST):
                    raise CouncilError(_("Hãy chọn đồng ý hoặc không đồng ý."), code="no_choice")
                if not voting_round.tallies.filter(nomination=nomination).exists():
                    raise CouncilError(_("Hồ sơ không thuộc vòng biểu quyết này."), code="not_on_agenda")
                if member.is_recused_from(nomination):
                    raise CouncilError(
                        _("Thành viên cùng đơn vị với đối tượng được đề nghị không biểu quyết hồ sơ này."), code="recused"
                    )
                BallotReceipt.objects.create(
                    voting_round=voting_round, member=member, nomination=nomination, is_written=True, written_choice=choice
                )
            _record_entry(voting_round, entered_by, _("Nhập phiếu bằng văn bản của %(member)s") % {"member": member.user})
    except IntegrityError:
        raise CouncilError(_("Thành viên đã biểu quyết hồ sơ này."), code="already_voted") from None


def _record_entry(voting_round, by, note):
    voting_round.history.create(from_status=voting_round.status, to_status=voting_round.status, actor=by, note=note)


def _check_can_vote(member, voting_round, *, written):
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


# The trustees' keys and partial decryptions (councils/BALLOT_SPEC.md).


def register_transport_key(trustee, key_hex):
    """Step 1 of the round key: the trustee's browser publishes the key its shares are sent to."""
    _check_keying(trustee)
    try:
        crypto.parse_point(key_hex)
    except crypto.ProofError:
        raise CouncilError(_("Khóa không hợp lệ."), code="invalid_key") from None
    Trustee.objects.filter(pk=trustee.pk).update(transport_key=key_hex)


def submit_key_share(trustee, key_share):
    """Step 2: the trustee's commitments and encrypted shares; the last one makes the round key."""
    _check_keying(trustee)
    voting_round = trustee.voting_round
    trustees = list(voting_round.trustees.all())
    if any(not other.transport_key for other in trustees):
        raise CouncilError(_("Chờ mọi người giữ khóa hoàn thành bước 1."), code="keys_pending")
    reason = crypto.check_key_share(
        voting_round.pk, trustee.index, voting_round.threshold, key_share, [other.index for other in trustees]
    )
    if reason:
        raise CouncilError(_("Phần khóa không hợp lệ: %(reason)s.") % {"reason": reason}, code="invalid_key")
    with transaction.atomic():
        VotingRound.objects.select_for_update().get(pk=voting_round.pk)  # the last share makes the key, once
        Trustee.objects.filter(pk=trustee.pk).update(key_share=key_share)
        shares = list(voting_round.trustees.values_list("key_share", flat=True))
        if all(shares):
            public_key = crypto.point_hex(crypto.public_key(shares))
            VotingRound.objects.filter(pk=voting_round.pk).update(public_key=public_key)


def _check_keying(trustee):
    voting_round = trustee.voting_round
    if voting_round.status != VotingRound.Status.OPEN or voting_round.public_key:
        raise CouncilError(_("Khóa của vòng biểu quyết đã được tạo."), code="keys_done")
    if trustee.key_share:
        raise CouncilError(_("Bạn đã gửi phần khóa."), code="key_share_sent")


def submit_partials(trustee, partials):
    """A trustee's partial decryptions of the closed round's totals, each with its proof; k of them open the totals.

    `partials` is {nomination id: {option: {"d", "proof"}}} for every encrypted total.
    """
    voting_round = trustee.voting_round
    if voting_round.status != VotingRound.Status.CLOSED or voting_round.is_opened:
        raise CouncilError(_("Chỉ giải mã khi vòng biểu quyết đã đóng và chưa có kết quả."), code="not_decrypting")
    key_shares = list(voting_round.trustees.values_list("key_share", flat=True))
    verification = crypto.verification_key(trustee.index, key_shares)
    for tally in voting_round.tallies.exclude(encrypted_totals=None):
        for option in crypto.OPTIONS:
            context = crypto.partial_context(voting_round.pk, tally.nomination_id, option, trustee.index)
            a = crypto.parse_point(tally.encrypted_totals[option]["a"])
            partial = (partials.get(str(tally.nomination_id)) or {}).get(option)
            if not partial or not crypto.check_partial(context, verification, a, partial):
                raise CouncilError(
                    _("Giải mã từng phần không hợp lệ (hồ sơ %(id)s).") % {"id": tally.nomination_id}, code="invalid_partial"
                )
    with transaction.atomic():
        VotingRound.objects.select_for_update().get(pk=voting_round.pk)  # the k-th partial opens the totals, once
        Trustee.objects.filter(pk=trustee.pk).update(partials=partials)
        opened = [t for t in voting_round.trustees.order_by("index") if t.partials]
        if len(opened) >= voting_round.threshold:
            _open_totals(voting_round, opened[: voting_round.threshold])


def decrypted_counts(voting_round, tally, trustees):
    """{option: t} for one tally from the trustees' partials; None for an option no t fits."""
    if tally.encrypted_totals is None:
        return dict.fromkeys(crypto.OPTIONS, 0)
    most = voting_round.meeting.council.members.count()
    counts = {}
    for option in crypto.OPTIONS:
        shares = {t.index: t.partials[str(tally.nomination_id)][option]["d"] for t in trustees}
        counts[option] = crypto.combine(crypto.parse_point(tally.encrypted_totals[option]["b"]), shares, most)
    return counts


def written_counts(voting_round):
    """{(nomination id, choice): count} of the written ballots of absent members."""
    counts = {}
    for nomination_id, choice in voting_round.receipts.filter(is_written=True).values_list("nomination_id", "written_choice"):
        counts[nomination_id, choice] = counts.get((nomination_id, choice), 0) + 1
    return counts


def _open_totals(voting_round, trustees):
    written = written_counts(voting_round)
    tallies = list(voting_round.tallies.all())
    for tally in tallies:
        counts = decrypted_counts(voting_round, tally, trustees)
        if None in counts.values():
            raise CouncilError(_("Không giải mã được tổng phiếu."), code="no_total")
        tally.votes_for = counts[Choice.FOR] + written.get((tally.nomination_id, Choice.FOR), 0)
        tally.votes_against = counts[Choice.AGAINST] + written.get((tally.nomination_id, Choice.AGAINST), 0)
    Tally.objects.bulk_update(tallies, ["votes_for", "votes_against"])
    _decide_round(voting_round)


def enter_paper_counts(voting_round, nomination, *, votes_for, votes_against, by=None):
    """Enter the counted paper ballots of one nomination; the round's history keeps who entered them."""
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
    _record_entry(voting_round, by, _("Nhập kết quả kiểm phiếu giấy: %(nominee)s") % {"nominee": nomination.nominee})


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
    """Close the round: on paper, count and decide at once; online, add the ciphertexts for the trustees.

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
    if not voting_round.is_ready:
        raise CouncilError(
            _("Người giữ khóa chưa tạo xong khóa: chưa có phiếu nào; hãy hủy vòng và mở lại."), code="no_round_key"
        )
    note = ""
    if missing:
        note = _("Đóng khi còn %(count)s thành viên có mặt chưa biểu quyết") % {"count": len(missing)}
    if voting_round.is_on_paper:
        voting_round._move_to(VotingRound.Status.CLOSED, by=by, note=note)
        _decide_round(voting_round)
        return
    _check_quota_limits(voting_round)
    _add_ballots(voting_round)
    voting_round.ballot_box_hash = box_hash(ballot_box(voting_round))
    voting_round._move_to(VotingRound.Status.CLOSED, by=by, note=note, ballot_box_hash=voting_round.ballot_box_hash)


def _check_quota_limits(voting_round):
    """Every quota the cut will apply can be computed (a share needs declared participants): else no closing yet."""
    counters = {}
    for tally in voting_round.tallies.select_related("nomination__award_form"):
        nomination = tally.nomination
        counter = counters.setdefault(nomination.award_form_id, QuotaCounter(nomination.award_form))
        for rule in counter.rules_for(nomination):
            counter.limit(rule, nomination)


def encrypted_totals(voting_round):
    """{nomination id: {option: (A, B)}}: the homomorphic sums of the members' last ballots."""
    pairs = {}
    for content in voting_round.ballots.filter(is_replaced=False).values_list("content", flat=True):
        for answer in content["answers"]:
            for option, choice in zip(crypto.OPTIONS, answer["choices"], strict=True):
                # Points of stored ballots were checked when cast: adding them needs no new check.
                pairs.setdefault(answer["nomination"], {}).setdefault(option, []).append(
                    (bytes.fromhex(choice["a"]), bytes.fromhex(choice["b"]))
                )
    return {
        nomination_id: {option: crypto.add_ciphertexts(sums) for option, sums in options.items()}
        for nomination_id, options in pairs.items()
    }


def _add_ballots(voting_round):
    totals = encrypted_totals(voting_round)
    tallies = list(voting_round.tallies.all())
    for tally in tallies:
        options = totals.get(tally.nomination_id)
        tally.encrypted_totals = options and {
            option: {"a": crypto.point_hex(a), "b": crypto.point_hex(b)} for option, (a, b) in options.items()
        }
    Tally.objects.bulk_update(tallies, ["encrypted_totals"])


def _decide_round(voting_round):
    """Count abstentions, rank and cut at each form's remaining quota, on the known totals; nothing is shown yet."""
    members = voting_round.meeting.council.voting_members().count()
    tallies = list(voting_round.tallies.select_related("nomination__award_form", "nomination__nominee_person",
                                                       "nomination__nominee_organization"))
    for tally in tallies:
        tally.abstentions = max(members - tally.votes_for - tally.votes_against, 0)
    for group in _by_award_form(tallies).values():
        _decide(group, members)
    Tally.objects.bulk_update(tallies, ["abstentions", "outcome", "rank"])


@transaction.atomic
def void_round(voting_round, *, by):
    """Void a round whose key cannot be made or whose totals cannot be opened (a share lost); the history says so."""
    if not voting_round.can_move_to(VotingRound.Status.VOIDED) or voting_round.is_on_paper or voting_round.is_opened:
        raise CouncilError(_("Chỉ hủy được vòng biểu quyết trực tuyến chưa có kết quả."), code="not_voidable")
    voting_round._move_to(VotingRound.Status.VOIDED, by=by, note=_("Hủy vòng: không đủ người giữ khóa"))


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
    if not voting_round.is_opened:
        raise CouncilError(_("Chờ người giữ khóa giải mã tổng phiếu."), code="not_decrypted")
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


# Where each seat signs the minutes (points): the secretary on the left, the chair on the right, as printed.
MINUTES_SIGNATURE_BOXES = {
    CouncilMember.Role.SECRETARY: ("ChuKySoThuKy", (40, 90, 290, 190)),
    CouncilMember.Role.CHAIR: ("ChuKySoChuTich", (310, 90, 560, 190)),
}


def sign_minutes(meeting, *, by, sign):
    """Put the chair's or the secretary's digital signature (PAdES) on the minutes PDF, in the meeting's history.

    `sign` is a certificate or token signer of documents.signatures; a refusal leaves the stored minutes as they were.
    """
    if not meeting.minutes_pdf:
        raise CouncilError(_("Biên bản chưa được lập: hãy chờ biên bản được tạo rồi ký số."), code="no_minutes")
    seat = meeting.council.members.filter(user=by, role__in=MINUTES_SIGNATURE_BOXES).first()
    if seat is None:
        raise CouncilError(_("Chỉ Chủ tịch hoặc Thư ký hội đồng ký số biên bản."), code="not_a_signer")
    field_name, box = MINUTES_SIGNATURE_BOXES[seat.role]
    signed = signed_copy(
        meeting.minutes_pdf, sign, box=box, field_name=field_name, location=meeting.campaign.issue_place,
        reason=_("Ký biên bản họp hội đồng %(council)s") % {"council": meeting.council.name},
    )
    with transaction.atomic():
        save_pdf(meeting.minutes_pdf, meeting.minutes_pdf.name.rsplit("/", 1)[-1], signed)
        meeting._record(by=by, note=_("%(role)s ký số biên bản") % {"role": seat.get_role_display()})
