"""`manage.py verify_round` recounts a round from its published ballot box and names what fails."""

import io

import pytest
from django.core.management import CommandError, call_command

from councils import crypto
from councils.models import EncryptedBallot, Tally, Trustee
from councils.services import publish_round, record_written_ballot
from tests.councils.ballots import AGAINST, cast, close_and_open, open_online_round, vote
from tests.councils.test_services import council_meeting, in_review


@pytest.fixture
def published_round():
    """Five members, two dossiers; one member votes twice, one is absent and writes; opened and published."""
    meeting, seats = council_meeting(5)
    first = in_review(meeting, nominee_person__full_name="Nguyễn Thị Hồng Nhung")
    second = in_review(meeting, nominee_person__full_name="Trần Văn Phúc")
    meeting.record_attendance(by=None, present_members=seats[:4])
    voting_round = open_online_round(meeting, trustees=seats[:2])
    cast(seats[0], voting_round, {first: AGAINST, second: AGAINST})
    vote(voting_round, seats[:4], {first: 3, second: 1})
    record_written_ballot(seats[4], voting_round, [(first, "for")])
    close_and_open(voting_round)
    publish_round(voting_round, by=None)
    return voting_round


def verify(voting_round):
    out = io.StringIO()
    try:
        call_command("verify_round", voting_round.pk, stdout=out)
    except CommandError as error:
        return out.getvalue() + str(error)
    return out.getvalue()


@pytest.mark.django_db
def test_verify_round_passes_on_an_honest_round(published_round):
    output = verify(published_round)

    assert "Verified" in output
    assert "FAIL" not in output
    assert published_round.ballot_box_hash in output
    assert list(Tally.objects.order_by("nomination_id").values_list("votes_for", "votes_against")) == [(4, 1), (1, 3)]


@pytest.mark.django_db
def test_verify_round_names_a_tampered_ciphertext(published_round):
    ballot = EncryptedBallot.objects.filter(is_replaced=False).first()
    choice = ballot.content["answers"][0]["choices"][0]
    choice["b"] = crypto.point_hex(crypto.add(crypto.parse_point(choice["b"]), crypto.G))  # one more "for"
    ballot.save()

    output = verify(published_round)

    assert f"FAIL Phiếu {ballot.receipt}: nội dung không khớp mã biên nhận" in output
    assert "chứng minh 0 hoặc 1 không đúng" in output
    assert "Mã băm hòm phiếu hiện nay" in output
    assert "does not verify" in output


@pytest.mark.django_db
def test_verify_round_names_a_removed_ballot(published_round):
    ballot = EncryptedBallot.objects.filter(is_replaced=False).last()
    name = ballot.member.user.get_full_name()
    ballot.delete()

    output = verify(published_round)

    assert f"Thành viên {name} đã biểu quyết trực tuyến nhưng hòm phiếu có 0 phiếu được tính" in output
    assert "tổng phiếu mã hóa đã lưu khác tổng cộng lại từ hòm phiếu" in output


@pytest.mark.django_db
def test_verify_round_names_a_wrong_partial_decryption(published_round):
    trustee = Trustee.objects.get(index=2)
    nomination_id = str(Tally.objects.get(nomination__nominee_person__full_name="Nguyễn Thị Hồng Nhung").nomination_id)
    partial = trustee.partials[nomination_id]["for"]
    partial["d"] = crypto.point_hex(crypto.add(crypto.parse_point(partial["d"]), crypto.G))
    trustee.save()

    output = verify(published_round)

    assert "FAIL Người giữ khóa 2: giải mã từng phần của hồ sơ Nguyễn Thị Hồng Nhung (đồng ý) không đúng chứng minh" in output


@pytest.mark.django_db
def test_verify_round_names_a_forged_tally(published_round):
    Tally.objects.filter(nomination__nominee_person__full_name="Trần Văn Phúc").update(votes_for=4, votes_against=0)

    output = verify(published_round)

    assert "FAIL Hồ sơ Trần Văn Phúc: công bố đồng ý 4 phiếu, kiểm lại được 1 (1 trực tuyến, 0 bằng văn bản)" in output
    assert "FAIL Hồ sơ Trần Văn Phúc: công bố không đồng ý 0 phiếu, kiểm lại được 3" in output


@pytest.mark.django_db
def test_verify_round_of_a_paper_round_is_refused():
    meeting, seats = council_meeting(3)
    in_review(meeting)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = meeting.open_round(by=None, on_paper=True)

    assert "nothing to recount" in verify(voting_round)
