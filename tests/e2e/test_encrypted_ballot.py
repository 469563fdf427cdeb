"""A whole encrypted round in Chromium: two trustees make the key, five members vote (one votes again),
the secretary closes, the trustees open the totals, the minutes print the ballot-box hash."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from councils.models import EncryptedBallot, Meeting, Tally, VotingRound
from tests.councils.test_services import in_review
from tests.e2e.browser import sign_in
from tests.factories import CouncilMemberFactory, MeetingFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=20_000)  # encrypting and proving take seconds on a loaded machine


def signed_in(browser, live_server, user):
    """A browser of its own for each person: a trustee's secret stays in that browser's storage."""
    return sign_in(browser.new_context().new_page(), live_server.url, user.username)


def trustee_step(page, live_server, voting_round, button):
    page.goto(f"{live_server.url}/hoi-dong/cuoc-hop/{voting_round.meeting_id}/vong/{voting_round.number}/giu-khoa/")
    page.click(f"button:has-text('{button}')")
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi")


def vote(page, live_server, meeting, choices):
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}bieu-quyet/")
    for nomination, option in choices.items():
        page.check(f"input[data-nomination='{nomination.pk}'][data-option='{option}']")
    page.click("#ballot-submit")  # encrypts first, then posts
    page.wait_for_url(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.locator(".alert-success")).to_contain_text("Mã biên nhận")
    return page.locator(".alert-success").inner_text().split("Mã biên nhận: ")[1].split(".")[0]


def run_round(browser, live_server, before_close=None):
    """The round, driven through the pages; returns the meeting, the pages and the receipts.

    `before_close` is called once every ballot is in, before the secretary closes the round.
    """
    meeting = MeetingFactory(title="Họp xét khen thưởng phong trào Trợ giúp pháp lý")
    members = [
        CouncilMemberFactory(council=meeting.council, role="chair" if n == 0 else "member", user__role="council_member")
        for n in range(5)
    ]
    secretary = CouncilMemberFactory(
        council=meeting.council, role="secretary", is_voting=False, user=UserFactory(role="council_member")
    )
    first = in_review(meeting, nominee_person__full_name="Nguyễn Thị Hồng Nhung")
    second = in_review(meeting, nominee_person__full_name="Trần Văn Phúc")
    meeting.record_attendance(by=None, present_members=[*members, secretary])
    voting_round = meeting.open_round(by=None)  # trustees: the chair and the secretary
    pages = [signed_in(browser, live_server, member.user) for member in members]
    secretary_page = signed_in(browser, live_server, secretary.user)

    for page in (pages[0], secretary_page):
        trustee_step(page, live_server, voting_round, "Tạo khóa")
    for page in (pages[0], secretary_page):
        trustee_step(page, live_server, voting_round, "Gửi phần khóa")
    receipts = [
        vote(pages[0], live_server, meeting, {first: "for", second: "against"}),
        vote(pages[1], live_server, meeting, {first: "for", second: "against"}),
        vote(pages[2], live_server, meeting, {first: "for", second: "for"}),
        vote(pages[3], live_server, meeting, {first: "for", second: "for"}),
        vote(pages[4], live_server, meeting, {first: "for", second: "for"}),
    ]
    receipts.append(vote(pages[4], live_server, meeting, {first: "against", second: "abstain"}))  # votes again
    if before_close:
        before_close()
    secretary_page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    secretary_page.click("button:has-text('Đóng vòng biểu quyết')")
    expect(secretary_page.locator(".alert-success")).to_contain_text("Đã đóng vòng biểu quyết")
    for page in (pages[0], secretary_page):
        trustee_step(page, live_server, voting_round, "Giải mã tổng phiếu")
    secretary_page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    secretary_page.click("button:has-text('Công bố kết quả')")
    secretary_page.click("button:has-text('Kết thúc cuộc họp')")
    expect(secretary_page.locator(".alert-success")).to_contain_text("Đã kết thúc cuộc họp")
    return meeting, pages, receipts


def test_encrypted_round_five_members_one_votes_again_two_trustees_open_minutes_show_the_hash(live_server, browser):
    meeting, pages, receipts = run_round(browser, live_server)

    voting_round = VotingRound.objects.get(meeting=meeting)
    meeting = Meeting.objects.get(pk=meeting.pk)
    counts = list(Tally.objects.order_by("nomination_id").values_list("votes_for", "votes_against", "abstentions"))
    with meeting.minutes_pdf.open("rb") as handle:
        minutes = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages).split())
    pages[4].goto(f"{live_server.url}{meeting.get_absolute_url()}vong/1/hom-phieu/?ma={receipts[4]}")
    replaced = pages[4].locator("#ballot-box").inner_text()
    pages[1].goto(f"{live_server.url}{meeting.get_absolute_url()}vong/1/kiem-lai/")

    assert counts == [(4, 1, 0), (2, 2, 1)]
    assert list(EncryptedBallot.objects.order_by("pk").values_list("receipt", "is_replaced")) == [
        (receipt, index == 4) for index, receipt in enumerate(receipts)
    ]
    assert f"mã băm hòm phiếu: {voting_round.ballot_box_hash}; kết quả kiểm lại: đã xác minh." in minutes
    assert "Nguyễn Thị Hồng Nhung" in minutes and " 4 80,00% " in minutes and " 2 40,00% " in minutes
    assert receipts[4] in replaced and "đã thay bằng phiếu sau" in replaced
    expect(pages[1].locator("#recount-result")).to_contain_text("Đã xác minh.")
