import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from councils import crypto
from councils.models import BallotReceipt, EncryptedBallot
from tests.councils.ballots import open_online_round
from tests.factories import CouncilMemberFactory, MeetingFactory, NominationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def in_review(meeting, **kwargs):
    nomination = NominationFactory(campaign=meeting.campaign, **kwargs)
    nomination.submit(by=None)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    meeting.agenda.add(nomination)
    return nomination


def test_member_signs_in_votes_and_gets_the_receipt_of_the_ballot_encrypted_in_the_browser(live_server, login, council_member):
    meeting = MeetingFactory(title="Họp xét khen thưởng phong trào Trợ giúp pháp lý")
    seats = [
        CouncilMemberFactory(council=meeting.council, user=council_member, role="chair"),
        *(CouncilMemberFactory(council=meeting.council) for _ in range(2)),
    ]
    first = in_review(meeting, nominee_person__full_name="Nguyễn Thị Hồng Nhung")
    second = in_review(meeting, nominee_person__full_name="Trần Văn Phúc")
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = open_online_round(meeting, trustees=seats[1:])
    page = login(council_member)
    posted = []
    page.on("request", lambda request: posted.append(request.post_data or "") if request.method == "POST" else None)

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Biểu quyết", exact=True).click()
    page.wait_for_url("**/bieu-quyet/")  # loaded: vote.js intercepts the submit only once it has run
    page.check(f"input[data-nomination='{first.pk}'][data-option=for]")
    page.check(f"input[data-nomination='{second.pk}'][data-option=against]")
    page.click("#ballot-submit")  # encrypts first, then posts
    page.wait_for_url(f"{live_server.url}{meeting.get_absolute_url()}")

    ballot = EncryptedBallot.objects.get()
    expect(page.locator(".alert-success")).to_contain_text(f"Mã biên nhận: {ballot.receipt}")
    assert crypto.check_ballot(ballot.content, voting_round.pk, voting_round.public_key, [first.pk, second.pk]) is None
    assert BallotReceipt.objects.filter(member=seats[0]).count() == 2
    assert [sorted(parse_qs(body)) for body in posted] == [["csrfmiddlewaretoken", "payload"]]
    assert not {"for", "against", "abstain"} & set(re.findall(r"[a-z_]+", parse_qs(posted[0])["payload"][0]))
