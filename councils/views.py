"""The council's pages: councils and their members, meetings, attendance, voting rounds and secret ballots.

Secret ballot: a member's choices never reach the server. The voting page's script encrypts them in the
browser and posts ciphertexts with their proofs (councils/BALLOT_SPEC.md); only written ballots of absent
members, entered by the secretary, carry a choice, as written. Counts are shown only once a round is published.
"""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, Value, When
from django.db.models.deletion import ProtectedError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from core.exceptions import PortalError
from core.storage import file_response
from core.views import act_then_redirect, answer_picker
from documents.signatures import (
    DigitalSignatureForm,
    TokenSignatureForm,
    certificate_signer,
    stored_signature_checks,
    token_signer,
)
from documents.spreadsheets import list_workbook, xlsx_response
from nominations.models import Nomination, QuotaCounter

from .exports import MEETING_COLUMNS
from .forms import (
    BALLOT_CHOICES,
    AttendanceForm,
    CouncilForm,
    CouncilMemberChangeForm,
    CouncilMemberForm,
    CouncilQuorumForm,
    JsonPayloadForm,
    MeetingForm,
    PaperCountForm,
    RoundTrusteesForm,
    WrittenBallotForm,
)
from .models import Council, CouncilMember, EncryptedBallot, Meeting, Tally, VotingRound
from .services import (
    ballot_nominations,
    cast_ballot,
    chair_decides,
    close_round,
    enter_paper_counts,
    publish_round,
    record_written_ballot,
    register_transport_key,
    sign_minutes,
    submit_key_share,
    submit_partials,
    void_round,
)
from .tasks import enqueue_minutes
from .verification import ballot_box, box_hash, verify_round

PAGE_SIZE = 20
RoundStatus = VotingRound.Status


def _form_errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# Councils.


def _get_council(request, pk, perm):
    council = get_object_or_404(Council.objects.select_related("organization"), pk=pk)
    if not request.user.has_perm(perm, council):
        raise PermissionDenied
    return council


def _council_page(request, council, *, quorum_form=None, member_form=None):
    context = {
        "council": council,
        "members": council.members.select_related("user__organization"),
        "roles": CouncilMember.Role.choices,
        "quorum_form": quorum_form or CouncilQuorumForm(instance=council, prefix="quorum"),
        "member_form": member_form or CouncilMemberForm(council=council, prefix="member"),
        "meetings": council.meetings.select_related("campaign")[:10],
    }
    return render(request, "councils/council_detail.html", context)


@login_required
def council_list(request):
    if not request.user.has_perm("councils.view_council"):
        raise PermissionDenied
    councils = Council.objects.visible_to(request.user).select_related("organization").annotate(
        member_count=Count("members", distinct=True),
        voting_count=Count("members", filter=Q(members__is_voting=True), distinct=True),
    )
    return render(request, "councils/council_list.html", {"councils": councils})


@login_required
def council_create(request):
    if not request.user.has_perm("councils.change_council"):
        raise PermissionDenied
    form = CouncilForm(request.POST or None, user=request.user)
    if form.is_valid():
        council = form.save()
        messages.success(request, _("Đã tạo hội đồng. Hãy thêm các thành viên."))
        return redirect("councils:detail", council.pk)
    return render(request, "councils/council_form.html", {"form": form})


@login_required
def council_detail(request, pk):
    council = _get_council(request, pk, "councils.view_council")
    return _council_page(request, council)


@login_required
@require_POST
def council_quorum(request, pk):
    council = _get_council(request, pk, "councils.change_council")
    form = CouncilQuorumForm(request.POST, instance=council, prefix="quorum")
    if not form.is_valid():
        council.refresh_from_db()  # the bound form wrote the refused fraction on the instance
        messages.error(request, _("Chưa lưu được tỷ lệ có mặt tối thiểu: %(errors)s") % {"errors": _form_errors(form)})
        return _council_page(request, council, quorum_form=form)
    form.save()
    messages.success(request, _("Đã lưu tỷ lệ có mặt tối thiểu %(quorum)s.") % {"quorum": council.quorum_label})
    return redirect("councils:detail", council.pk)


@login_required
@require_POST
def council_member_add(request, pk):
    council = _get_council(request, pk, "councils.change_council")
    form = CouncilMemberForm(request.POST, council=council, prefix="member")
    if not form.is_valid():
        messages.error(request, _("Chưa thêm được thành viên: %(errors)s") % {"errors": _form_errors(form)})
        return _council_page(request, council, member_form=form)
    member = form.save()
    messages.success(request, _("Đã thêm %(member)s vào hội đồng.") % {"member": member})
    return redirect("councils:detail", council.pk)


@login_required
def organization_picker(request):
    """The new council's standing-office picker, searched as the user types."""
    if not request.user.has_perm("councils.change_council"):
        raise PermissionDenied
    return answer_picker(request, CouncilForm(user=request.user).fields["organization"])


@login_required
def member_picker(request, pk):
    """The member form's account picker, searched as the user types."""
    council = _get_council(request, pk, "councils.change_council")
    return answer_picker(request, CouncilMemberForm(council=council, prefix="member").fields["user"])


@login_required
@require_POST
def council_member_change(request, pk, member_pk):
    council = _get_council(request, pk, "councils.change_council")
    member = get_object_or_404(council.members.select_related("user"), pk=member_pk)
    form = CouncilMemberChangeForm(request.POST, instance=member)
    if form.is_valid():
        form.save()
        messages.success(request, _("Đã cập nhật %(member)s.") % {"member": member})
    else:
        messages.error(request, _form_errors(form))
    return redirect("councils:detail", council.pk)


@login_required
@require_POST
def council_member_remove(request, pk, member_pk):
    council = _get_council(request, pk, "councils.change_council")
    member = get_object_or_404(council.members.select_related("user"), pk=member_pk)
    try:
        council.check_seats_changeable()
        member.delete()
    except PortalError as error:
        messages.error(request, error.message)
    except ProtectedError:
        messages.error(request, _("Không thể xóa thành viên đã tham gia biểu quyết: hãy bỏ quyền biểu quyết thay vì xóa."))
    else:
        messages.success(request, _("Đã xóa %(member)s khỏi hội đồng.") % {"member": member})
    return redirect("councils:detail", council.pk)


# Meetings.


def _upcoming_first(meetings):
    """Meetings still to come, soonest first; then past ones, latest first."""
    now = timezone.now()
    return meetings.annotate(
        is_past=Case(When(starts_at__lt=now, then=Value(True)), default=Value(False), output_field=BooleanField()),
        upcoming_at=Case(When(starts_at__gte=now, then=F("starts_at"))),
    ).order_by("is_past", "upcoming_at", "-starts_at", "-pk")


def _listed_meetings(request):
    """The meetings the user may list, searched as the list's box says."""
    if not request.user.has_perm("councils.list_meetings"):
        raise PermissionDenied
    query = request.GET.get("q", "")
    return query, _upcoming_first(Meeting.objects.visible_to(request.user).search(query).select_related("council", "campaign"))


@login_required
def meeting_list(request):
    query, meetings = _listed_meetings(request)
    page = Paginator(meetings.with_open_ballot(), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "councils/_meeting_rows.html" if request.htmx else "councils/meeting_list.html"
    return render(request, template, {"page": page, "q": query})


@login_required
def meeting_export(request):
    """The meeting list, with its search, as an Excel file."""
    _query, meetings = _listed_meetings(request)
    return xlsx_response(list_workbook(_("Cuộc họp"), MEETING_COLUMNS, meetings.iterator(chunk_size=2000)), "cuoc-hop-hoi-dong.xlsx")


@login_required
def meeting_create(request):
    if not request.user.has_perm("councils.add_meeting"):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, initial=request.GET.dict(), user=request.user)
    if form.is_valid():
        meeting = form.save(commit=False)
        meeting.schedule(by=request.user, agenda=form.cleaned_data["agenda"])
        messages.success(request, _("Đã lên lịch cuộc họp và gửi giấy mời đến các thành viên hội đồng."))
        return redirect(meeting)
    # Choosing the campaign swaps in its dossiers in review (htmx); a link with ?campaign= opens the page with them.
    template = "councils/_meeting_agenda_choices.html" if request.htmx else "councils/meeting_form.html"
    return render(request, template, {"form": form})


def _get_meeting(request, pk, perm):
    meeting = get_object_or_404(Meeting.objects.select_related("council", "campaign"), pk=pk)
    if not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


def _round_nominations(voting_round):
    """The dossiers of a round, by award form, in agenda order."""
    if voting_round is None:
        return []
    tallies = voting_round.tallies.select_related(
        "nomination__award_form", "nomination__nominee_person", "nomination__nominee_organization",
        "nomination__submitting_unit",
    ).order_by("nomination__award_form", "nomination__pk")
    return [tally.nomination for tally in tallies]


def _voters(meeting, voting_round):
    """Each voting member and on how many dossiers of the open round they voted: who, never how."""
    if voting_round is None or voting_round.status != RoundStatus.OPEN or voting_round.is_on_paper:
        return []
    nominations = _round_nominations(voting_round)
    receipts = {
        row["member"]: row
        for row in voting_round.receipts.values("member").annotate(
            count=Count("pk"), written=Count("pk", filter=Q(is_written=True))
        )
    }
    present = set(meeting.attendances.filter(is_present=True).values_list("member_id", flat=True))
    voters = []
    for member in meeting.council.voting_members().select_related("user"):
        row = receipts.get(member.pk, {"count": 0, "written": 0})
        due = sum(1 for nomination in nominations if not member.is_recused_from(nomination))
        voters.append({
            "member": member, "is_present": member.pk in present, "voted": row["count"],
            "written": row["written"], "due": due, "is_done": row["count"] >= due,
        })
    return voters


def _voters_context(meeting, voting_round):
    voters = _voters(meeting, voting_round)
    return {
        "meeting": meeting, "voting_round": voting_round, "voters": voters,
        "done_count": sum(1 for voter in voters if voter["is_done"]),
    }


def _ballot_progress(seat, voting_round):
    """On how many dossiers of the open online round this member voted, of those they vote on; or None."""
    if seat is None or not seat.is_voting or voting_round is None:
        return None
    if voting_round.status != RoundStatus.OPEN or voting_round.is_on_paper:
        return None
    due = sum(1 for nomination in _round_nominations(voting_round) if not seat.is_recused_from(nomination))
    voted = voting_round.receipts.filter(member=seat).count()
    return {"voted": voted, "due": due, "is_done": voted >= due}


def _published_rounds(meeting):
    tallies = Tally.objects.select_related(
        "nomination__award_form", "nomination__nominee_person", "nomination__nominee_organization",
        "nomination__submitting_unit",
    ).order_by("nomination__award_form", "rank", "pk")
    return meeting.rounds.filter(status=RoundStatus.PUBLISHED).prefetch_related(Prefetch("tallies", tallies))


def _secretary_context(meeting, voting_round):
    """What the secretary and the office work with: attendance and quorum, the open round's entry forms."""
    members = list(meeting.council.members.select_related("user__organization"))
    present_ids = set(meeting.attendances.filter(is_present=True).values_list("member_id", flat=True))
    voting = [member for member in members if member.is_voting]
    is_open = voting_round is not None and voting_round.status == RoundStatus.OPEN
    nominations = _round_nominations(voting_round) if is_open else []
    return {
        "attendance_form": AttendanceForm(meeting=meeting),
        "attendance_taken": meeting.attendances.exists(),
        "present_ids": present_ids,
        "present_count": sum(1 for member in voting if member.pk in present_ids),
        "voting_count": len(voting),
        "has_quorum": meeting.has_quorum(),
        "written_form": WrittenBallotForm(meeting=meeting, nominations=nominations)
        if is_open and not voting_round.is_on_paper else None,
        "paper_form": PaperCountForm(nominations=nominations) if is_open and voting_round.is_on_paper else None,
        "trustees_form": RoundTrusteesForm(meeting=meeting),
        **_voters_context(meeting, voting_round),
    }


@login_required
def meeting_detail(request, pk):
    meeting = _get_meeting(request, pk, "councils.view_meeting")
    can_run = request.user.has_perm("councils.run_meeting", meeting)
    voting_round = meeting.rounds.last()
    if request.htmx and request.htmx.target == "minutes-panel":  # polled while the minutes are being made
        return render(request, "councils/_meeting_minutes.html", {"meeting": meeting})
    if request.htmx:  # the live panel of who has voted, polled by the secretary's page
        if not can_run:
            raise PermissionDenied
        return render(request, "councils/_meeting_voters.html", _voters_context(meeting, voting_round))
    return _meeting_page(request, meeting, can_run, voting_round)


def _meeting_page(request, meeting, can_run, voting_round, *, token_form=None, status=200):
    agenda = list(meeting.agenda.select_related(
        "award_form", "nominee_person", "nominee_organization", "submitting_unit",
    ).order_by("award_form", "pk"))
    seat = meeting.council.members.select_related("user").filter(user=request.user).first()
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "quota_counters": _quota_counters(agenda),
        "seat": seat,
        "recused_ids": {nomination.pk for nomination in agenda if seat and seat.is_recused_from(nomination)},
        "voting_round": voting_round,
        "results_pending": voting_round is not None and voting_round.status != RoundStatus.PUBLISHED,
        "has_undecided": any(nomination.status == Nomination.Status.IN_REVIEW for nomination in agenda),
        "published_rounds": _published_rounds(meeting),
        "can_run": can_run,
        "is_running": can_run and meeting.status != Meeting.Status.CLOSED,
        "ballot": _ballot_progress(seat, voting_round)
        if request.user.has_perm("councils.vote_in_meeting", meeting) else None,
    }
    trustee = voting_round and voting_round.trustees.filter(member__user=request.user).first()
    context["trustee_step"] = trustee and _trustee_step(voting_round, trustee, list(voting_round.trustees.all()))
    if context["trustee_step"] in (None, "done"):
        context["trustee_step"] = None
    if context["is_running"]:
        context.update(_secretary_context(meeting, voting_round))
    if meeting.minutes_pdf:
        context.update(_minutes_signing_context(request, meeting, token_form))
    return render(request, "councils/meeting_detail.html", context, status=status)


def _minutes_signing_context(request, meeting, token_form):
    can_sign = request.user.has_perm("councils.sign_minutes", meeting)
    return {
        "minutes_signatures": stored_signature_checks(meeting.minutes_pdf),
        "can_sign_minutes": can_sign,
        "signature_form": DigitalSignatureForm() if can_sign else None,
        "token_form": (token_form or TokenSignatureForm()) if can_sign and settings.PKCS11_MODULE else None,
    }


def _quota_counters(agenda):
    """Per award form on the agenda: its caps with the places already granted."""
    forms = {}
    for nomination in agenda:
        forms.setdefault(nomination.award_form, []).append(nomination)
    return {form: QuotaCounter(form).granted_counters(nominations) for form, nominations in forms.items()}


def _latest_round(meeting):
    voting_round = meeting.rounds.select_related("meeting__council").last()
    if voting_round is None:
        raise Http404
    return voting_round


def _open_round(meeting):
    return meeting.rounds.select_related("meeting__council").filter(status=RoundStatus.OPEN).first()


@login_required
@require_POST
def meeting_attendance(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    form = AttendanceForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(meeting)
    act = partial(meeting.record_attendance, by=request.user, present_members=form.cleaned_data["present"])
    return act_then_redirect(request, meeting, act, _("Đã lưu điểm danh."))


@login_required
@require_POST
def meeting_open_round(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    on_paper = request.POST.get("on_paper") == "1"
    form = RoundTrusteesForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(meeting)
    act = partial(
        meeting.open_round, by=request.user, on_paper=on_paper,
        trustees=list(form.cleaned_data["trustees"]) or None, threshold=form.cleaned_data["threshold"],
    )
    success = _("Đã mở vòng bỏ phiếu giấy.") if on_paper else _(
        "Đã mở biểu quyết trực tuyến. Người giữ khóa hãy tạo khóa của vòng trước khi thành viên bỏ phiếu."
    )
    return act_then_redirect(request, meeting, act, success)


@login_required
@require_POST
@sensitive_post_parameters()
def meeting_written_ballot(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    voting_round = _open_round(meeting)
    form = WrittenBallotForm(request.POST, meeting=meeting, nominations=_round_nominations(voting_round))
    if voting_round is None or not form.is_valid():
        messages.error(request, _form_errors(form) if voting_round else _("Không có vòng biểu quyết đang mở."))
        return redirect(meeting)
    member = form.cleaned_data["member"]
    act = partial(record_written_ballot, member, voting_round, form.choices(), entered_by=request.user)
    return act_then_redirect(request, meeting, act, _("Đã ghi nhận phiếu bằng văn bản của %(member)s.") % {"member": member.user})


@login_required
@require_POST
def meeting_paper_counts(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    voting_round = _open_round(meeting)
    form = PaperCountForm(request.POST, nominations=_round_nominations(voting_round))
    if voting_round is None or not form.is_valid():
        messages.error(request, _("Hãy nhập số phiếu đồng ý và không đồng ý (số nguyên, không âm) cho mọi hồ sơ."))
        return redirect(meeting)

    def enter_all():
        with transaction.atomic():
            for nomination, votes_for, votes_against in form.counts():
                enter_paper_counts(voting_round, nomination, votes_for=votes_for, votes_against=votes_against, by=request.user)

    return act_then_redirect(request, meeting, enter_all, _("Đã nhập kết quả kiểm phiếu. Kết quả được công bố sau khi đóng vòng."))


@login_required
@require_POST
def meeting_close_round(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    even_if_missing = request.POST.get("even_if_missing") == "1"
    act = partial(close_round, _latest_round(meeting), by=request.user, even_if_missing=even_if_missing)
    return act_then_redirect(request, meeting, act, _("Đã đóng vòng biểu quyết. Hãy công bố kết quả."))


@login_required
@require_POST
def meeting_publish_round(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    act = partial(publish_round, _latest_round(meeting), by=request.user)
    return act_then_redirect(request, meeting, act, _("Đã công bố kết quả biểu quyết."))


@login_required
@require_POST
def meeting_chair_decides(request, pk, tally_pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    tally = get_object_or_404(
        Tally.objects.select_related("nomination"),
        pk=tally_pk, voting_round__meeting=meeting, voting_round__status=RoundStatus.PUBLISHED,
    )
    approve = request.POST.get("approve") == "1"
    act = partial(chair_decides, tally, approve=approve, by=request.user)
    success = _("Đã ghi quyết định của Chủ tịch Hội đồng: đề nghị khen thưởng.") if approve else _(
        "Đã ghi quyết định của Chủ tịch Hội đồng: không đề nghị khen thưởng."
    )
    return act_then_redirect(request, meeting, act, success)


@login_required
@require_POST
def meeting_close(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    return act_then_redirect(request, meeting, partial(meeting.close, by=request.user), _("Đã kết thúc cuộc họp."))


# The member's ballot, encrypted in their browser (static/councils/vote.js).


@login_required
@never_cache
def meeting_vote(request, pk):
    """The ballot page: the choices are encrypted by the browser; only ciphertexts and proofs are posted."""
    meeting = _get_meeting(request, pk, "councils.vote_in_meeting")
    seat = meeting.council.members.select_related("user").get(user=request.user)
    voting_round = _open_round(meeting)
    refusal = _ballot_refusal(meeting, seat, voting_round)
    if refusal:
        messages.error(request, refusal)
        return redirect(meeting)
    form = JsonPayloadForm(request.POST or None)
    if form.is_valid():
        try:
            receipt = cast_ballot(seat, voting_round, form.cleaned_data["payload"])
        except PortalError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _(
                "Đã ghi nhận phiếu đã mã hóa của bạn. Mã biên nhận: %(receipt)s. Bạn có thể bỏ phiếu lại đến khi đóng vòng."
            ) % {"receipt": receipt})
            return redirect(meeting)
    elif form.is_bound:
        messages.error(request, _form_errors(form))
    nominations = _round_nominations(voting_round)
    voted_on = {n.pk for n in ballot_nominations(seat, voting_round)}
    context = {
        "meeting": meeting, "voting_round": voting_round, "form": form, "choices": BALLOT_CHOICES,
        "rows": [(nomination, nomination.pk in voted_on) for nomination in nominations],
        "ballot_data": {"round": voting_round.pk, "public_key": voting_round.public_key, "nominations": sorted(voted_on)},
        "receipt": _current_receipt(seat, voting_round),
    }
    return render(request, "councils/meeting_vote.html", context)


def _current_receipt(seat, voting_round):
    ballot = EncryptedBallot.objects.filter(voting_round=voting_round, member=seat, is_replaced=False).first()
    return ballot.receipt if ballot else ""


def _ballot_refusal(meeting, seat, voting_round):
    """Why this member cannot vote online now, or None."""
    if voting_round is None:
        return _("Hội đồng chưa mở biểu quyết.")
    if voting_round.is_on_paper:
        return _("Vòng này bỏ phiếu giấy: thư ký nhập kết quả kiểm phiếu.")
    if not seat.is_voting:
        return _("Người này không có quyền biểu quyết tại hội đồng.")
    if not seat.attendances.filter(meeting=meeting, is_present=True).exists():
        return _("Thành viên vắng mặt chỉ gửi phiếu bằng văn bản.")
    if not voting_round.public_key:
        return _("Người giữ khóa chưa tạo xong khóa của vòng biểu quyết: vui lòng chờ.")
    return None


# The trustees' keys (static/councils/trustee.js), the ballot box and the recount.


def _get_round(request, pk, number, perm="councils.view_meeting"):
    meeting = _get_meeting(request, pk, perm)
    return get_object_or_404(meeting.rounds.select_related("meeting__council"), number=number)


@login_required
@never_cache
def round_trustee(request, pk, number):
    """A trustee's page: make the key share in the browser, later open the totals; the secret stays there."""
    voting_round = _get_round(request, pk, number)
    trustee = voting_round.trustees.select_related("member__user").filter(member__user=request.user).first()
    if trustee is None:
        raise PermissionDenied
    form = JsonPayloadForm(request.POST or None)
    if form.is_valid():
        step = {"transport": register_transport_key, "share": submit_key_share, "partials": submit_partials}.get(
            request.POST.get("step")
        )
        if step is None:
            raise Http404
        payload = form.cleaned_data["payload"]
        act = partial(step, trustee, payload["key"] if step is register_transport_key else payload)
        return act_then_redirect(request, trustee, act, _("Đã gửi."))
    elif form.is_bound:
        messages.error(request, _form_errors(form))
    trustees = list(voting_round.trustees.all())
    context = {
        "meeting": voting_round.meeting, "voting_round": voting_round, "trustee": trustee, "trustees": trustees,
        "step": _trustee_step(voting_round, trustee, trustees),
        "trustee_data": {"round": voting_round.pk, "index": trustee.index, "threshold": voting_round.threshold},
    }
    return render(request, "councils/round_trustee.html", context)


def _trustee_step(voting_round, trustee, trustees):
    """What this trustee's browser should do now, or why it waits."""
    if voting_round.status == RoundStatus.OPEN and not voting_round.public_key:
        if not trustee.transport_key:
            return "transport"
        if trustee.key_share:
            return "wait_shares"
        return "share" if all(t.transport_key for t in trustees) else "wait_transport"
    if voting_round.status == RoundStatus.CLOSED and not voting_round.is_opened:
        return "wait_partials" if trustee.partials else "partials"
    return "done"


@login_required
def round_ballot_box(request, pk, number):
    """The published ballot box: every receipt (replaced ones marked), findable by its code."""
    voting_round = _get_round(request, pk, number)
    if voting_round.is_on_paper:
        raise Http404
    query = request.GET.get("ma", "").strip().upper()
    ballots = voting_round.ballots.order_by("pk").only("receipt", "is_replaced", "voting_round")
    if query:
        ballots = ballots.filter(receipt__startswith=query)
    context = {
        "meeting": voting_round.meeting, "voting_round": voting_round, "q": query,
        "page": Paginator(ballots, 50).get_page(request.GET.get("page")),
        "box_hash": voting_round.ballot_box_hash or box_hash(ballot_box(voting_round)),
        "trustees": voting_round.trustees.select_related("member__user"),
    }
    return render(request, "councils/round_ballot_box.html", context)


@login_required
def round_ballot_box_json(request, pk, number):
    """The same ballot box as JSON: what trustees' browsers and independent recounts read."""
    voting_round = _get_round(request, pk, number)
    if voting_round.is_on_paper:
        raise Http404
    return JsonResponse(ballot_box(voting_round), json_dumps_params={"ensure_ascii": False})


@login_required
def round_recount(request, pk, number):
    """Recount from the published ballot box: "verified", or each fault by name."""
    voting_round = _get_round(request, pk, number)
    if voting_round.is_on_paper:
        raise Http404
    context = {"meeting": voting_round.meeting, "voting_round": voting_round, "faults": verify_round(voting_round)}
    return render(request, "councils/round_recount.html", context)


@login_required
@require_POST
def meeting_void_round(request, pk):
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    act = partial(void_round, _latest_round(meeting), by=request.user)
    return act_then_redirect(request, meeting, act, _("Đã hủy vòng biểu quyết. Hãy mở vòng mới."))


@login_required
def meeting_minutes(request, pk):
    """The minutes PDF, served through the meeting's permission, never from MEDIA_URL."""
    meeting = _get_meeting(request, pk, "councils.view_meeting")
    return file_response(meeting.minutes_pdf, f"bien-ban-hop-{meeting.pk}.pdf")


@login_required
@require_POST
def meeting_minutes_generate(request, pk):
    """Render the minutes again, after a failure or a correction; signed minutes stay as they were signed."""
    meeting = _get_meeting(request, pk, "councils.run_meeting")
    if meeting.status != Meeting.Status.CLOSED:
        messages.error(request, _("Biên bản chỉ được lập khi cuộc họp đã kết thúc."))
    elif stored_signature_checks(meeting.minutes_pdf):
        messages.error(request, _("Biên bản đã được ký số: không lập lại được."))
    else:
        enqueue_minutes(meeting)
        messages.success(request, _("Đang lập lại biên bản."))
    return redirect(meeting)


@login_required
@require_POST
@sensitive_post_parameters("passphrase")
def meeting_minutes_sign(request, pk):
    """The chair or the secretary signs the minutes PDF with their certificate file (PKCS#12)."""
    meeting = _get_meeting(request, pk, "councils.sign_minutes")
    form = DigitalSignatureForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(meeting)
    act = partial(sign_minutes, meeting, by=request.user, sign=certificate_signer(**form.cleaned_data))
    return act_then_redirect(request, meeting, act, _("Đã ký số biên bản họp."))


@login_required
@require_POST
@sensitive_post_parameters("pin")
def meeting_minutes_sign_with_token(request, pk):
    """The chair or the secretary signs the minutes with the key on their PKCS#11 token; a refusal keeps the label."""
    meeting = _get_meeting(request, pk, "councils.sign_minutes")
    if not settings.PKCS11_MODULE:
        raise Http404
    form = TokenSignatureForm(request.POST)
    if form.is_valid():
        try:
            sign_minutes(meeting, by=request.user, sign=token_signer(**form.cleaned_data))
        except PortalError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ký số biên bản họp bằng token."))
            return redirect(meeting)
    can_run = request.user.has_perm("councils.run_meeting", meeting)
    return _meeting_page(request, meeting, can_run, meeting.rounds.last(), token_form=form, status=400)
