import pytest
from playwright.sync_api import expect

from councils.models import BallotReceipt, Tally
from tests.factories import CouncilMemberFactory, MeetingFactory, NominationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def in_review(meeting, **kwargs):
    nomination = NominationFactory(campaign=meeting.campaign, **kwargs)
    nomination.submit(by=None)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    meeting.agenda.add(nomination)
    return nomination


def test_member_signs_in_votes_confirms_and_sees_the_ballot_recorded(live_server, login, council_member):
    meeting = MeetingFactory(title="Họp xét khen thưởng phong trào Trợ giúp pháp lý")
    seats = [
        CouncilMemberFactory(council=meeting.council, user=council_member, role="chair"),
        *(CouncilMemberFactory(council=meeting.council) for _ in range(2)),
    ]
    first = in_review(meeting, nominee_person__full_name="Nguyễn Thị Hồng Nhung")
    second = in_review(meeting, nominee_person__full_name="Trần Văn Phúc")
    meeting.record_attendance(by=None, present_members=seats)
    meeting.open_round(by=None)
    page = login(council_member)

    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Biểu quyết", exact=True).click()
    page.check(f"input[name=nomination_{first.pk}][value=for]")
    page.check(f"input[name=nomination_{second.pk}][value=against]")
    page.click("button:has-text('Tiếp tục')")
    expect(page.locator("h1")).to_have_text("Xác nhận phiếu biểu quyết")
    expect(page.locator("tbody")).to_contain_text("Nguyễn Thị Hồng Nhung")
    page.click("button:has-text('Xác nhận và gửi phiếu')")

    expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận phiếu biểu quyết của bạn (2 hồ sơ)")
    assert BallotReceipt.objects.filter(member=seats[0]).count() == 2
    assert sorted(Tally.objects.values_list("votes_for", "votes_against")) == [(0, 1), (1, 0)]
