"""Seed 001 (157/QĐ-BTP) walked through the browser on the demo world: the Sở Tư pháp of Cần Thơ forwards its best
approved dossiers with its own tờ trình, the Ministry's Vụ TĐKT puts them to the sector council, the council votes
by encrypted ballot, the Minister's decision is drafted from them and signed, and Cần Thơ sees the outcome.

Each step is photographed at 1366 px into test-results/seed-001/ (gitignored).
"""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import Organization, Person, User
from awards.models import Decision
from campaigns.models import Campaign
from councils.seed import SECTOR_COUNCIL
from nominations.models import Nomination
from tests.e2e.test_encrypted_ballot import signed_in, trustee_step, vote
from tests.factories import NominationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=20_000)  # encrypting and proving take seconds on a loaded machine

SHOTS = Path("test-results/seed-001")
CENTRE = "Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ"
BEST = ("Nguyễn Thị Mỹ Linh", "Trương Văn Khải")
MINISTER = "Nguyễn Hải Ninh"  # named in the draft; the botruong account (Lê Quang Hưng) only clicks


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def can_tho_approvals(db):
    """The demo, with three dossiers the Cần Thơ council approved (seed 000's walk makes them through the pages)."""
    call_command("seed_demo", stdout=io.StringIO())
    can_tho = Campaign.objects.get(number="67/KH-UBND")
    centre = Organization.objects.get(name=CENTRE)
    return [
        approved_with_documents(
            campaign=can_tho, award_form=can_tho.award_forms.get(kind="giay_khen"),
            nominee_person=Person.objects.get(full_name=name), submitting_unit=centre,
        )
        for name in (*BEST, "Lê Hoàng Nam")
    ]


def approved_with_documents(**kwargs):
    nomination = NominationFactory(**kwargs)
    for document_type in nomination.missing_documents():
        nomination.attachments.create(
            document_type=document_type, file=ContentFile(b"%PDF-1.4", name="giay-to.pdf"), original_name="giay-to.pdf",
            content_type="application/pdf", size=8,
        )
    nomination.submit(by=None)
    nomination.appraise(by=None, checklist={"Đủ điều kiện": True})
    nomination.accept_for_review(by=None)
    nomination.approve(by=None)
    return nomination


def shoot(page, step):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{step}.png"), full_page=True)


def forward_the_best(page, live_server, dossiers):
    page.goto(f"{live_server.url}{dossiers[0].get_absolute_url()}")
    page.get_by_role("link", name="Chuyển lên 157/QĐ-BTP").click()
    page.check(f"#forward-{dossiers[1].pk}")
    minister_form = Campaign.objects.get(number="157/QĐ-BTP").award_forms.get()
    expect(page.get_by_label("Hình thức khen thưởng của cấp trên")).to_have_value(str(minister_form.pk))  # the only one
    page.get_by_label("Người ký tờ trình").fill("Nguyễn Văn Sơn")
    shoot(page, "01-forward-form")
    page.get_by_role("button", name="Lập tờ trình và chuyển lên").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã chuyển 2 hồ sơ lên 157/QĐ-BTP kèm Tờ trình số 01/TTr-STP.")
    shoot(page, "02-forwarded")


def appraise_and_accept(page, live_server, name):
    page.goto(f"{live_server.url}/ho-so/")
    page.locator("tr", has_text="157/QĐ-BTP").get_by_role("link", name=name).click()
    expect(page.locator("#attachments")).to_contain_text("to-trinh-01-TTr-STP.pdf")
    page.get_by_role("link", name="Thẩm định", exact=True).click()
    for box in page.locator("form input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Ghi kết quả thẩm định").click()
    page.get_by_role("button", name="Đưa vào xét").click()
    expect(page.locator(".alert-success")).to_be_visible()


def schedule_meeting(page, live_server, ministry_plan, forwarded):
    page.goto(f"{live_server.url}/hoi-dong/cuoc-hop/tao-moi/")
    page.get_by_label("Hội đồng").select_option(label=SECTOR_COUNCIL)
    page.get_by_label("Phong trào thi đua").select_option(value=str(ministry_plan.pk))
    for nomination in forwarded:
        page.check(f"#agenda-{nomination.pk}")
    page.get_by_label("Nội dung cuộc họp").fill("Họp xét Bằng khen của Bộ trưởng theo Kế hoạch 157/QĐ-BTP")
    page.get_by_label("Thời gian").fill("24/11/2026 14:00")
    page.get_by_label("Địa điểm").fill("Phòng họp số 1, Bộ Tư pháp")
    page.get_by_role("button", name="Lên lịch và gửi giấy mời").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lên lịch cuộc họp")
    for box in page.locator("input[name=present]").all():
        box.check()
    page.get_by_role("button", name="Lưu điểm danh").click()
    page.get_by_role("button", name="Mở biểu quyết").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã mở biểu quyết trực tuyến")
    shoot(page, "04-round-open")


def test_seed_001_cần_thơ_forwards_the_ministry_council_votes_the_minister_signs_cần_thơ_sees_it(
    live_server, browser, can_tho_approvals,
):
    ministry_plan = Campaign.objects.get(number="157/QĐ-BTP")
    office = signed_in(browser, live_server, User.objects.get(username="sotuphap"))
    forward_the_best(office, live_server, can_tho_approvals)
    forwarded = list(Nomination.objects.filter(campaign=ministry_plan).order_by("pk"))

    ministry = signed_in(browser, live_server, User.objects.get(username="vutdkt"))
    ministry.goto(f"{live_server.url}/ho-so/")
    for name in BEST:
        expect(ministry.locator("main")).to_contain_text(name)
    shoot(ministry, "03-ministry-inbox")
    for name in BEST:
        appraise_and_accept(ministry, live_server, name)
    schedule_meeting(ministry, live_server, ministry_plan, forwarded)
    meeting_url = ministry.url
    meeting = forwarded[0].meetings.get()
    voting_round = meeting.rounds.get()

    members = [signed_in(browser, live_server, User.objects.get(username=f"hoidongbo{n}")) for n in (1, 2, 3)]
    for step in ("Tạo khóa", "Gửi phần khóa"):
        for trustee in (members[0], ministry):  # the chair and the secretary hold the key
            trustee_step(trustee, live_server, voting_round, step)
    for member in members:
        vote(member, live_server, meeting, {nomination: "for" for nomination in forwarded})
    shoot(members[0], "05-vote-receipt")
    ministry.goto(meeting_url)
    ministry.get_by_role("button", name="Đóng vòng biểu quyết").click()
    for trustee in (members[0], ministry):
        trustee_step(trustee, live_server, voting_round, "Giải mã tổng phiếu")
    ministry.goto(meeting_url)
    ministry.get_by_role("button", name="Công bố kết quả").click()
    ministry.get_by_role("button", name="Kết thúc cuộc họp").click()
    expect(ministry.locator(".alert-success")).to_contain_text("Đã kết thúc cuộc họp")
    shoot(ministry, "06-results")

    ministry.goto(f"{live_server.url}/khen-thuong/du-thao/")
    card = ministry.locator(".card", has_text="Bằng khen của Bộ trưởng")
    card.get_by_role("button", name="Lập dự thảo quyết định").first.click()
    expect(ministry.locator(".decision-preview")).to_contain_text(
        "Xét đề nghị của Sở Tư pháp thành phố Cần Thơ tại Tờ trình số 01/TTr-STP ngày 24 tháng 11 năm 2026;"
    )
    ministry.get_by_role("link", name="Sửa dự thảo").click()
    ministry.get_by_label("Người ký").fill(MINISTER)
    ministry.get_by_role("button", name="Lưu dự thảo").click()
    shoot(ministry, "07-draft")

    minister = signed_in(browser, live_server, User.objects.get(username="botruong"))
    minister.goto(f"{live_server.url}{Decision.objects.get().get_absolute_url()}")
    minister.get_by_role("button", name="Ký quyết định").click()
    expect(minister.locator("#sign-modal")).to_contain_text(MINISTER)
    minister.get_by_role("button", name="Xác nhận ký").click()
    expect(minister.locator("body")).to_contain_text("Đã ký Quyết định số 01/QĐ-BTP")
    expect(minister.locator(".decision-preview")).to_contain_text(MINISTER)
    expect(minister.locator(".decision-preview")).not_to_contain_text("Lê Quang Hưng")
    shoot(minister, "08-signed")

    office.goto(f"{live_server.url}{can_tho_approvals[0].get_absolute_url()}")
    expect(office.locator("main")).to_contain_text("Quyết định số 01/QĐ-BTP")
    shoot(office, "09-dossier-outcome")
    office.goto(f"{live_server.url}/khen-thuong/chuyen-len/ke-hoach/{can_tho_approvals[0].campaign_id}/")
    results = office.locator("main")
    for name in BEST:
        expect(results.locator("tr", has_text=name)).to_contain_text("Đã khen thưởng")
    expect(results.locator("tr", has_text=BEST[0])).to_contain_text("Quyết định số 01/QĐ-BTP")
    shoot(office, "10-outcome")
    office.goto(f"{live_server.url}/thong-bao/")
    expect(office.locator("body")).to_contain_text("Kết quả hồ sơ chuyển lên cấp trên: Quyết định số 01/QĐ-BTP")
    shoot(office, "11-notification")
