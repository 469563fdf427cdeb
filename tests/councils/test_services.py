import threading

import pytest
from django.apps import apps
from django.db import connection, connections

from accounts.models import Organization
from campaigns.models import Participation, UnitGroup
from councils import crypto
from councils.models import (
    BallotReceipt,
    CouncilError,
    CouncilMember,
    EncryptedBallot,
    Meeting,
    MeetingHistory,
    Tally,
    Trustee,
    VotingRound,
)
from councils.services import (
    Choice,
    cast_ballot,
    chair_decides,
    close_round,
    enter_paper_counts,
    publish_round,
    record_written_ballot,
    void_round,
)
from nominations.models import Nomination, NominationError
from tests.councils.ballots import AGAINST, FOR, cast, close_and_open, open_online_round, open_totals, vote
from tests.factories import (
    CouncilMemberFactory,
    MeetingFactory,
    NominationFactory,
    OrganizationFactory,
    QuotaRuleFactory,
)

Status = Nomination.Status
Outcome = Tally.Outcome


def in_review(meeting, **kwargs):
    nomination = NominationFactory(campaign=meeting.campaign, **kwargs)
    nomination.submit(by=None)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    meeting.agenda.add(nomination)
    return nomination


def council_meeting(members=6):
    meeting = MeetingFactory()
    seats = [CouncilMemberFactory(council=meeting.council, role="chair" if n == 0 else "member") for n in range(members)]
    return meeting, seats


def open_round(meeting, seats, **kwargs):
    return open_online_round(meeting, trustees=seats[:2], **kwargs)


@pytest.mark.django_db
def test_meeting_round_refused_below_quorum():
    meeting, seats = council_meeting(6)
    in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats[:3])

    with pytest.raises(CouncilError) as error:
        meeting.open_round(by=None)

    assert error.value.code == "no_quorum"
    assert "2/3" in error.value.message


@pytest.mark.django_db
def test_meeting_round_opens_at_exactly_two_thirds_present():
    meeting, seats = council_meeting(6)
    in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats[:4])

    voting_round = open_round(meeting, seats)

    assert voting_round.status == VotingRound.Status.OPEN
    assert meeting.status == Meeting.Status.IN_PROGRESS


@pytest.mark.django_db
def test_meeting_quorum_of_four_fifths_is_a_council_setting():
    meeting, seats = council_meeting(5)
    meeting.council.quorum_numerator, meeting.council.quorum_denominator = 4, 5
    meeting.council.save()
    in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats[:3])

    with pytest.raises(CouncilError):
        meeting.open_round(by=None)


@pytest.mark.django_db
def test_ballot_cast_again_replaces_the_earlier_one_and_the_last_counts():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    first = cast(seats[0], voting_round, {nomination: FOR})
    second = cast(seats[0], voting_round, {nomination: AGAINST})
    vote(voting_round, seats[1:], {nomination: 2})

    close_and_open(voting_round)

    tally = Tally.objects.get()
    assert first != second
    assert list(EncryptedBallot.objects.filter(member=seats[0]).values_list("receipt", "is_replaced")) == [
        (first, True), (second, False),
    ]
    assert (tally.votes_for, tally.votes_against) == (2, 1)


@pytest.mark.django_db
def test_ballot_with_a_forged_proof_is_refused():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    ballot = crypto.encrypt_ballot(voting_round.pk, voting_round.public_key, {nomination.pk: FOR})
    key = crypto.parse_point(voting_round.public_key)
    for option, m in (("for", 1), ("against", 1)):  # two ones, each with a valid 0-or-1 proof
        r = crypto.random_scalar()
        a, b = crypto.encrypt(m, key, r)
        proof = crypto.prove_bit((voting_round.pk, nomination.pk, option), key, a, b, m, r)
        ballot["answers"][0]["choices"][crypto.OPTIONS.index(option)] = {"a": a.hex(), "b": b.hex(), "proof": proof}

    with pytest.raises(CouncilError) as error:
        cast_ballot(seats[0], voting_round, ballot)

    assert error.value.code == "invalid_ballot"
    assert "chọn đúng một phương án" in error.value.message
    assert not EncryptedBallot.objects.exists()


@pytest.mark.django_db
def test_ballot_before_the_trustees_made_the_key_is_refused():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, trustees=seats[:2])

    with pytest.raises(CouncilError) as error:
        cast_ballot(seats[0], voting_round, {"round": voting_round.pk, "answers": [{"nomination": nomination.pk}]})

    assert error.value.code == "no_round_key"


@pytest.mark.django_db
def test_round_trustees_default_to_the_chair_and_the_secretary_present():
    meeting, seats = council_meeting(3)
    secretary = CouncilMemberFactory(council=meeting.council, role="secretary", is_voting=False)
    in_review(meeting)
    meeting.record_attendance(by=None, present_members=[*seats, secretary])

    voting_round = meeting.open_round(by=None)

    assert [t.member for t in Trustee.objects.order_by("index")] == [seats[0], secretary]
    assert voting_round.threshold == 2


@pytest.mark.django_db
def test_round_without_two_trustees_present_is_refused():
    meeting, seats = council_meeting(3)
    in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)

    with pytest.raises(CouncilError) as error:
        meeting.open_round(by=None)  # no secretary
    with pytest.raises(CouncilError) as threshold_error:
        meeting.open_round(by=None, trustees=seats, threshold=1)

    assert error.value.code == "no_trustees"
    assert threshold_error.value.code == "bad_threshold"


@pytest.mark.django_db
def test_round_two_of_three_trustees_open_the_totals_when_a_share_is_lost():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_online_round(meeting, trustees=seats, threshold=2)
    vote(voting_round, seats, {nomination: 2})
    close_round(voting_round, by=None)

    open_totals(voting_round, indices={1})
    opened_with_one = voting_round.is_opened
    open_totals(voting_round, indices={3})

    assert not opened_with_one
    assert (Tally.objects.get().votes_for, Tally.objects.get().votes_against) == (2, 1)


@pytest.mark.django_db
def test_round_voided_when_its_key_cannot_be_made_then_a_new_one_opens():
    meeting, seats = council_meeting(3)
    in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, trustees=seats[:2])

    with pytest.raises(CouncilError) as error:
        close_round(voting_round, by=None, even_if_missing=True)
    void_round(voting_round, by=None)
    second = meeting.open_round(by=None, trustees=seats[:2])

    assert error.value.code == "no_round_key"
    assert voting_round.history.last().to_status == "voided"
    assert second.number == 2


@pytest.mark.django_db
def test_ballot_of_a_member_of_the_nominees_organization_leaves_that_dossier_out():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    other = in_review(meeting)
    seats[1].user.organization = nomination.nominee_person.organization
    seats[1].user.save()
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    with_recused = crypto.encrypt_ballot(voting_round.pk, voting_round.public_key, {nomination.pk: FOR, other.pk: FOR})

    with pytest.raises(CouncilError) as error:
        cast_ballot(seats[1], voting_round, with_recused)
    cast(seats[1], voting_round, {other: FOR})

    assert error.value.code == "invalid_ballot"
    assert list(BallotReceipt.objects.values_list("nomination", flat=True)) == [other.pk]


@pytest.mark.django_db
def test_ballot_of_an_absent_member_must_be_written_and_is_recorded_as_written():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats[:2])
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats[:2], {nomination: 1})

    with pytest.raises(CouncilError) as error:
        cast(seats[2], voting_round, {nomination: FOR})
    record_written_ballot(seats[2], voting_round, [(nomination, Choice.FOR)])
    close_and_open(voting_round)

    assert error.value.code == "written_mismatch"
    assert BallotReceipt.objects.get(member=seats[2]).written_choice == "for"
    assert (Tally.objects.get().votes_for, Tally.objects.get().votes_against) == (2, 1)


@pytest.mark.django_db
def test_ballot_of_the_non_voting_secretary_is_refused():
    meeting, seats = council_meeting(3)
    secretary = CouncilMemberFactory(council=meeting.council, role="secretary", is_voting=False)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=[*seats, secretary])
    voting_round = open_round(meeting, seats)

    with pytest.raises(CouncilError) as error:
        cast(secretary, voting_round, {nomination: FOR})

    assert error.value.code == "not_a_voter"


@pytest.mark.django_db
def test_ballot_in_a_closed_round_is_refused_and_counts_stay():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    cast(seats[0], voting_round, {nomination: FOR})
    close_and_open(voting_round, even_if_missing=True)

    with pytest.raises(CouncilError) as error:
        cast(seats[1], voting_round, {nomination: FOR})
    with pytest.raises(CouncilError):
        close_round(voting_round, by=None)

    assert error.value.code == "round_closed"
    assert Tally.objects.get().votes_for == 1


@pytest.mark.django_db
def test_result_stays_hidden_until_published_then_moves_the_dossier():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {nomination: 3})

    close_and_open(voting_round)
    status_when_closed = Nomination.objects.get(pk=nomination.pk).status
    publish_round(voting_round, by=None)

    assert status_when_closed == Status.IN_REVIEW
    assert Nomination.objects.get(pk=nomination.pk).status == Status.APPROVED


@pytest.mark.django_db
def test_meeting_close_refused_while_a_tie_waits_for_the_chair():
    meeting, seats = council_meeting(5)
    first = in_review(meeting, award_form__individual_cap=1)
    second = in_review(meeting, award_form=first.award_form)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {first: 4, second: 4})
    close_and_open(voting_round)
    publish_round(voting_round, by=None)

    with pytest.raises(CouncilError) as error:
        meeting.close(by=None)

    assert error.value.code == "tie_pending"


@pytest.mark.django_db
def test_result_more_than_half_of_all_members_passes_and_approves():
    meeting, seats = council_meeting(6)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {nomination: 4})

    close_and_open(voting_round)
    publish_round(voting_round, by=None)

    nomination.refresh_from_db()
    assert Tally.objects.get().outcome == Outcome.PASSED
    assert nomination.status == Status.APPROVED


@pytest.mark.django_db
def test_result_exactly_half_fails_a_more_than_half_threshold():
    meeting, seats = council_meeting(6)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {nomination: 3})

    close_and_open(voting_round)
    publish_round(voting_round, by=None)

    nomination.refresh_from_db()
    assert Tally.objects.get().outcome == Outcome.BELOW_THRESHOLD
    assert nomination.status == Status.REJECTED


@pytest.mark.django_db
def test_result_threshold_counts_all_members_not_those_present():
    meeting, seats = council_meeting(6)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats[:4])
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats[:4], {nomination: 3})

    close_and_open(voting_round)

    tally = Tally.objects.get()
    assert tally.outcome == Outcome.BELOW_THRESHOLD
    assert (tally.votes_for, tally.votes_against, tally.abstentions) == (3, 1, 2)


@pytest.mark.django_db
def test_result_ninety_percent_threshold_is_inclusive_at_the_edge():
    meeting, seats = council_meeting(10)
    nomination = in_review(meeting, award_form__vote_threshold_percent=90, award_form__vote_threshold_exclusive=False)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {nomination: 9})

    close_and_open(voting_round)

    assert Tally.objects.get().outcome == Outcome.PASSED


@pytest.mark.django_db
def test_result_cut_at_the_remaining_quota_marks_the_rest_over_quota():
    meeting, seats = council_meeting(5)
    first = in_review(meeting, award_form__individual_cap=1)
    second = in_review(meeting, award_form=first.award_form)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {first: 5, second: 4})

    close_and_open(voting_round)
    publish_round(voting_round, by=None)

    outcomes = dict(Tally.objects.values_list("nomination", "outcome"))
    assert outcomes == {first.pk: Outcome.PASSED, second.pk: Outcome.OVER_QUOTA}
    assert Nomination.objects.get(pk=second.pk).status == Status.REJECTED


@pytest.mark.django_db
def test_result_tie_at_the_cut_prefers_the_woman():
    meeting, seats = council_meeting(5)
    man = in_review(meeting, award_form__individual_cap=1, nominee_person__gender="male")
    woman = in_review(meeting, award_form=man.award_form, nominee_person__gender="female")
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {man: 4, woman: 4})

    close_and_open(voting_round)

    outcomes = dict(Tally.objects.values_list("nomination", "outcome"))
    assert outcomes == {woman.pk: Outcome.PASSED, man.pk: Outcome.OVER_QUOTA}


@pytest.mark.django_db
def test_result_tie_at_the_cut_prefers_a_collective_of_70_percent_women():
    meeting, seats = council_meeting(5)
    mostly_women = OrganizationFactory(women_percent=70, kind=Organization.Kind.LEGAL_AID_CENTRE)
    other = OrganizationFactory(women_percent=40, kind=Organization.Kind.LEGAL_AID_CENTRE)
    first = in_review(
        meeting, award_form__collective_cap=1,
        submitting_unit=other, nominee_person=None, nominee_organization=other,
    )
    second = in_review(
        meeting, award_form=first.award_form, submitting_unit=mostly_women, nominee_person=None,
        nominee_organization=mostly_women,
    )
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {first: 4, second: 4})

    close_and_open(voting_round)

    assert Tally.objects.get(nomination=second).outcome == Outcome.PASSED


@pytest.mark.django_db
def test_result_tie_without_preference_goes_to_the_chair():
    meeting, seats = council_meeting(5)
    first = in_review(meeting, award_form__individual_cap=1)
    second = in_review(meeting, award_form=first.award_form)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {first: 4, second: 4})

    close_and_open(voting_round)
    publish_round(voting_round, by=None)
    tied = Tally.objects.get(nomination=second)
    chair_decides(tied, approve=True, by=seats[0].user)

    assert set(Tally.objects.values_list("outcome", flat=True)) == {Outcome.TIE_FOR_CHAIR, Outcome.PASSED}
    assert Nomination.objects.get(pk=second.pk).status == Status.APPROVED
    assert "Chủ tịch Hội đồng quyết định" in Nomination.objects.get(pk=second.pk).history.last().note


@pytest.mark.django_db
def test_paper_round_counts_entered_by_the_secretary():
    meeting, seats = council_meeting(5)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, on_paper=True)

    with pytest.raises(CouncilError) as error:
        enter_paper_counts(voting_round, nomination, votes_for=4, votes_against=2)
    enter_paper_counts(voting_round, nomination, votes_for=4, votes_against=1)
    close_round(voting_round, by=None)

    assert error.value.code == "too_many_votes"
    assert Tally.objects.get().outcome == Outcome.PASSED


@pytest.mark.django_db
def test_paper_round_refuses_online_ballots():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, on_paper=True)

    with pytest.raises(CouncilError) as error:
        cast_ballot(seats[0], voting_round, {"round": voting_round.pk, "answers": [{"nomination": nomination.pk}]})

    assert error.value.code == "on_paper"


@pytest.mark.django_db
def test_meeting_close_needs_rounds_published_and_records_history():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {nomination: 3})
    close_and_open(voting_round)

    with pytest.raises(CouncilError) as error:
        meeting.close(by=None)
    publish_round(voting_round, by=None)
    meeting.close(by=None)

    assert error.value.code == "round_pending"
    assert Meeting.objects.get().status == Meeting.Status.CLOSED
    assert list(meeting.history.values_list("to_status", flat=True)) == ["in_progress", "closed"]
    assert list(voting_round.history.values_list("from_status", "to_status")) == [
        ("", "open"), ("open", "closed"), ("closed", "published"),
    ]


def strings_in(value):
    if isinstance(value, dict):
        return {*value, *(text for item in value.values() for text in strings_in(item))}
    if isinstance(value, list):
        return {text for item in value for text in strings_in(item)}
    return {str(value)}


@pytest.mark.django_db
def test_secrecy_no_table_links_a_member_to_a_choice():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    cast(seats[0], voting_round, {nomination: FOR})
    cast(seats[1], voting_round, {nomination: AGAINST})

    linked_to_members = [
        model for model in apps.get_models()
        if any(getattr(field, "related_model", None) is CouncilMember for field in model._meta.concrete_fields)
    ]
    notes = list(MeetingHistory.objects.values_list("note", flat=True))
    stored = strings_in(list(EncryptedBallot.objects.values_list("content", flat=True)))

    assert {model.__name__ for model in linked_to_members} == {"BallotReceipt", "Attendance", "EncryptedBallot", "Trustee"}
    assert {field.column for field in EncryptedBallot._meta.concrete_fields} == {
        "id", "voting_round_id", "member_id", "receipt", "content", "is_replaced",
    }
    assert stored.isdisjoint(crypto.OPTIONS)
    assert set(BallotReceipt.objects.values_list("written_choice", flat=True)) == {""}
    assert not any(word in note.lower() for note in notes for word in ("đồng ý", "phiếu thuận", "for", "against"))
    assert (Tally.objects.get().votes_for, Tally.objects.get().votes_against) == (0, 0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
def test_ballots_cast_at_the_same_moment_lose_nothing_and_each_member_counts_once():
    meeting, seats = council_meeting(6)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    casts = [
        (seat, crypto.encrypt_ballot(voting_round.pk, voting_round.public_key, {nomination.pk: FOR}))
        for seat in [*seats, seats[0], seats[1]]
    ]
    barrier = threading.Barrier(len(casts))
    errors = []

    def send(seat, ballot):
        barrier.wait()
        try:
            cast_ballot(seat, voting_round, ballot)
        except CouncilError as error:
            errors.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=cast) for cast in casts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_and_open(voting_round)

    assert Tally.objects.get().votes_for == 6
    assert EncryptedBallot.objects.filter(is_replaced=False).count() == 6
    assert set(errors) <= {"duplicate_ballot"}


def minutes_text(meeting):
    import io

    from pypdf import PdfReader

    meeting.refresh_from_db()
    with meeting.minutes_pdf.open("rb") as handle:
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages).split())


@pytest.fixture
def minutes_of_a_vote(settings, tmp_path):
    """Four voting members and a secretary: one recused from a dossier, one absent who votes in writing."""
    settings.MEDIA_ROOT = tmp_path
    meeting, seats = council_meeting(4)
    secretary = CouncilMemberFactory(council=meeting.council, role="secretary", is_voting=False, user__full_name="Lâm Thị Kim Ngân")
    own_unit = seats[2].user.organization
    passed = in_review(meeting, nominee_person__full_name="Nguyễn Thị Ngọc Hà", nominee_person__organization=own_unit)
    failed = in_review(meeting, award_form=passed.award_form, nominee_person__full_name="Trần Văn Đức")
    meeting.record_attendance(by=None, present_members=[*seats[:3], secretary])
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats[:2], {passed: 2, failed: 1})
    cast(seats[2], voting_round, {failed: AGAINST})  # recused from the dossier of their own unit
    record_written_ballot(seats[3], voting_round, [(passed, Choice.FOR), (failed, Choice.AGAINST)])
    close_and_open(voting_round)
    publish_round(voting_round, by=None)
    meeting.close(by=None)
    return meeting, seats, minutes_text(meeting)


def named(seat):
    return f"{seat.user.get_full_name()} ({seat.get_role_display()})"


@pytest.mark.django_db(transaction=True)
def test_minutes_state_the_secret_ballot_and_a_results_table_with_the_share_of_all_members(minutes_of_a_vote):
    meeting, seats, text = minutes_of_a_vote
    form = meeting.agenda.first().award_form

    assert "Hội đồng biểu quyết bằng hình thức bỏ phiếu kín" in text
    assert "STT Tên tập thể, cá nhân Hình thức khen thưởng Số phiếu đồng ý Tỷ lệ % trên tổng số thành viên Kết quả" in text
    assert f"1 Nguyễn Thị Ngọc Hà {form} 3 75,00% Đạt, được đề nghị" in text
    assert f"2 Trần Văn Đức {form} 1 25,00% Không đạt tỷ lệ phiếu" in text
    assert f"Tỷ lệ phiếu phải đạt: {form}: trên 50% tổng số thành viên Hội đồng." in text


@pytest.mark.django_db(transaction=True)
def test_minutes_name_the_absent_the_recused_and_the_written_votes_each_as_such(minutes_of_a_vote):
    meeting, seats, text = minutes_of_a_vote

    assert "Có mặt 3/4 thành viên có quyền biểu quyết" in text
    assert f"Thành viên vắng mặt: {named(seats[3])}." in text
    assert f"{named(seats[2])} không biểu quyết hồ sơ của đơn vị mình: Nguyễn Thị Ngọc Hà." in text
    assert f"Thành viên vắng mặt có phiếu biểu quyết gửi bằng văn bản: {named(seats[3])}." in text
    assert "THƯ KÝ HỘI ĐỒNG Lâm Thị Kim Ngân CHỦ TỊCH HỘI ĐỒNG" in text


@pytest.mark.django_db(transaction=True)
def test_minutes_are_numbered_in_the_councils_own_register_with_its_symbol(minutes_of_a_vote):
    meeting, seats, text = minutes_of_a_vote

    assert "Số: 01/BB-HĐTĐKT" in text
    assert meeting.minutes_number == 1


@pytest.mark.django_db
def test_minutes_numbers_run_per_council_from_01_each_year():
    meeting, seats = council_meeting(3)
    second = MeetingFactory(council=meeting.council)
    other_council = MeetingFactory()
    for each in (meeting, second, other_council):
        each.record_attendance(by=None, present_members=each.council.members.all())

    for each in (meeting, second, other_council):
        each.close(by=None)

    assert [each.minutes_number for each in (meeting, second, other_council)] == [1, 2, 1]


@pytest.mark.django_db(transaction=True)
def test_minutes_print_the_ballot_box_hash_its_recount_and_that_written_votes_are_not_secret(minutes_of_a_vote):
    meeting, seats, text = minutes_of_a_vote
    voting_round = meeting.rounds.get()

    assert f"mã băm hòm phiếu: {voting_round.ballot_box_hash}; kết quả kiểm lại: đã xác minh." in text
    assert "Phiếu gửi bằng văn bản được ghi nhận như đã viết, không thuộc phiếu kín." in text


@pytest.mark.django_db
def test_round_close_refused_while_a_present_member_has_not_voted():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    cast(seats[0], voting_round, {nomination: FOR})

    with pytest.raises(CouncilError) as error:
        close_round(voting_round, by=None)

    assert error.value.code == "votes_missing"
    assert seats[1].user.get_full_name() in error.value.message
    assert VotingRound.objects.get().status == VotingRound.Status.OPEN


@pytest.mark.django_db
def test_round_close_ignores_absent_and_recused_members():
    meeting, seats = council_meeting(4)
    nomination = in_review(meeting)
    seats[1].user.organization = nomination.nominee_person.organization
    seats[1].user.save()
    meeting.record_attendance(by=None, present_members=seats[:3])
    voting_round = open_round(meeting, seats)
    for seat in (seats[0], seats[2]):
        cast(seat, voting_round, {nomination: FOR})

    close_round(voting_round, by=None)

    assert VotingRound.objects.get().status == VotingRound.Status.CLOSED


@pytest.mark.django_db
def test_round_closed_on_purpose_with_votes_missing_says_so_in_the_history():
    meeting, seats = council_meeting(3)
    nomination = in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    cast(seats[0], voting_round, {nomination: FOR})

    close_round(voting_round, by=None, even_if_missing=True)

    assert "khi còn 2 thành viên có mặt chưa biểu quyết" in voting_round.history.last().note


@pytest.mark.django_db
def test_result_cut_keeps_each_units_group_cap():
    meeting, seats = council_meeting(5)
    capped, free = OrganizationFactory(), OrganizationFactory()
    first = in_review(meeting, submitting_unit=capped)
    group = UnitGroup.objects.create(campaign=meeting.campaign, name="Các xã")
    group.organizations.set([capped])
    QuotaRuleFactory(award_form=first.award_form, group=group, per="unit", amount=1)
    # Forwarded from below, a second dossier of the same unit reached the council without the submission check.
    second = in_review(meeting, award_form=first.award_form, submitting_unit=free)
    Nomination.objects.filter(pk=second.pk).update(submitting_unit=capped)
    third = in_review(meeting, award_form=first.award_form, submitting_unit=free)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {first: 5, second: 4, third: 3})

    close_and_open(voting_round)

    outcomes = dict(Tally.objects.values_list("nomination", "outcome"))
    assert outcomes == {first.pk: Outcome.PASSED, second.pk: Outcome.OVER_QUOTA, third.pk: Outcome.PASSED}


@pytest.mark.django_db
def test_result_cut_at_a_share_without_declared_participants_refuses_to_close():
    meeting, seats = council_meeting(5)
    nomination = in_review(meeting)
    QuotaRuleFactory(award_form=nomination.award_form, per="all", amount=5, is_share=True)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {nomination: 5})

    with pytest.raises(NominationError) as error:
        close_round(voting_round, by=None)

    assert error.value.code == "no_participation"
    assert VotingRound.objects.get(pk=voting_round.pk).status == VotingRound.Status.OPEN


@pytest.mark.django_db
def test_result_cut_at_a_share_of_declared_participants_passes_the_boundary():
    meeting, seats = council_meeting(5)
    first = in_review(meeting)
    second = in_review(meeting, award_form=first.award_form)
    QuotaRuleFactory(award_form=first.award_form, per="all", amount=5, is_share=True)
    Participation.objects.create(campaign=meeting.campaign, organization=first.submitting_unit, individual_count=20)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_round(meeting, seats)
    vote(voting_round, seats, {first: 5, second: 4})

    close_and_open(voting_round)

    outcomes = dict(Tally.objects.values_list("nomination", "outcome"))
    assert outcomes == {first.pk: Outcome.PASSED, second.pk: Outcome.OVER_QUOTA}
