"""Seed 000, the Cần Thơ plan 67/KH-UBND, walked in the browser from the unit's dossier to the register.

Every person signs in in a browser of their own (a trustee's key share stays in that browser's storage). Each step
is photographed at 1366 px and at 375 px into test-results/seed-000/, and each role's home, main list, main form and
a detail page into test-results/screens/<role>-<page>-<width>.png, to be looked at (pytest-playwright empties
test-results/ when a session starts: the pictures are those of the last run).
"""

import io
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from awards.models import Award, Decision
from campaigns.models import Campaign
from councils.models import Meeting
from nominations.models import Nomination
from tests.files import ONE_PAGE_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
expect.set_options(timeout=20_000)  # encrypting, proving and rendering PDFs take seconds on a loaded machine

ARTEFACTS = Path(django_settings.BASE_DIR) / "test-results"
DESKTOP, PHONE = 1366, 375
NOMINEE = "Võ Thị Thu Trang"
SUCCESS = ".alert-success[role=alert]"
WIDER_THAN_THE_SCREEN = (
    "[document.documentElement, document.querySelector('nav .container')].some(box => box.scrollWidth > box.clientWidth)"
)


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo as `make run` loads it, with the reward rates an earlier browser test's flush removed."""
    settings.MEDIA_ROOT = tmp_path
    import_module("awards.migrations.0007_awardees_from_dossiers_and_reward_settings").fill(apps, None)
    call_command("seed_demo", stdout=io.StringIO())


def fits_the_screen(page):
    """Whether the page fits its width once the layout has settled (a resize reflows it over a few frames)."""
    try:
        page.wait_for_function(f"() => !({WIDER_THAN_THE_SCREEN})", timeout=3000)
    except PlaywrightTimeoutError:
        return False
    return True


def shoot(page, name):
    """Photograph the whole page at each width into test-results/<name>-<width>.png.

    Neither the page nor its menu bar may stick out sideways, at these widths nor at 1200 px (where the menu unfolds).
    """
    for width in (1200, DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        assert fits_the_screen(page), f"{name} is wider than {width} px"
        if width != 1200:
            path = ARTEFACTS / f"{name}-{width}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": DESKTOP, "height": 900})


def assert_one_line_on_a_phone(action):
    """A page's action keeps its label on one line at 375 px (a squeezed header once cut them a word a line)."""
    action.page.set_viewport_size({"width": PHONE, "height": 900})
    assert action.bounding_box()["height"] < 50, f"{action.inner_text()} wraps on a phone"
    action.page.set_viewport_size({"width": DESKTOP, "height": 900})


class People:
    """One signed-in browser per demo account, opened on first use, each watched for Content-Security-Policy errors."""

    def __init__(self, browser, live_server):
        self.browser, self.url, self.pages, self.csp_violations = browser, live_server.url, {}, []

    def __call__(self, username):
        if username not in self.pages:
            page = self.browser.new_context(viewport={"width": DESKTOP, "height": 900}).new_page()
            page.on("console", self.note_csp_violation)
            page.goto(f"{self.url}/dang-nhap/")
            page.fill("#id_username", username)
            page.fill("#id_password", "demo")
            page.click("button[type=submit]")
            page.wait_for_url(f"{self.url}/")
            self.pages[username] = page
        return self.pages[username]

    def note_csp_violation(self, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def open(self, username, path):
        page = self(username)
        page.goto(f"{self.url}{path}")
        return page


def success(page, text):
    expect(page.locator(SUCCESS).first).to_contain_text(text)


def staff_find_the_plan(people):
    page = people("sotuphap")
    shoot(page, "screens/staff-home")
    page.click("nav >> text=Phong trào")
    page.click("a:has-text('67/KH-UBND')")
    expect(page.locator("h1")).to_contain_text("phối hợp liên ngành về Trợ giúp pháp lý")
    expect(page.locator("body")).to_contain_text("Đã phát động")
    shoot(page, "seed-000/01-staff-plan")
    return Campaign.objects.get(number="67/KH-UBND")


def upload(page, document_type, name):
    page.select_option("#id_document_type", label=document_type)
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "application/pdf", "buffer": ONE_PAGE_PDF}])
    page.click("button:has-text('Tải lên')")
    expect(page.locator("#attachments")).to_contain_text(name)


def unit_file_and_submit_a_dossier(people, plan):
    page = people("trungtam")
    shoot(page, "screens/unit-home")
    page.goto(f"{people.url}{plan.get_absolute_url()}")
    page.click("text=Tạo hồ sơ đề nghị")
    page.select_option("#id_award_form", label="Giấy khen của Giám đốc Sở Tư pháp")
    page.fill("#id_full_name", NOMINEE)
    page.select_option("#id_gender", "female")
    page.fill("#id_title", "Trợ giúp viên pháp lý")
    shoot(page, "screens/unit-form")
    page.click("text=Tạo hồ sơ nháp")
    page.fill("#id_dossier-achievement_report", "Năm 2025 tham gia 52 vụ việc tố tụng, đạt chỉ tiêu loại khá.")
    shoot(page, "seed-000/02-unit-dossier-form")
    page.click("text=Lưu hồ sơ")
    upload(page, "Tờ trình đề nghị khen thưởng", "to-trinh.pdf")
    upload(page, "Báo cáo thành tích", "bao-cao-thanh-tich.pdf")
    upload(page, "Biên bản họp xét của đơn vị", "bien-ban.pdf")
    page.click("button:has-text('Nộp hồ sơ')")
    success(page, "Đã nộp hồ sơ.")
    expect(page.locator("h1")).to_contain_text(NOMINEE)
    shoot(page, "screens/unit-detail")
    assert_one_line_on_a_phone(page.get_by_role("button", name="Rút hồ sơ"))
    page.click("nav >> text=Hồ sơ")
    expect(page.locator("body")).to_contain_text(NOMINEE)
    shoot(page, "screens/unit-list")
    return Nomination.objects.get(nominee_person__full_name=NOMINEE)


def staff_appraise_and_accept(people, dossier):
    page = people("sotuphap")
    page.click("nav >> text=Hồ sơ")
    expect(page.locator("body")).to_contain_text(NOMINEE)
    shoot(page, "screens/staff-list")
    page.click(f"a:has-text('{NOMINEE}')")
    expect(page.locator("#attachments")).to_contain_text("bao-cao-thanh-tich.pdf")
    shoot(page, "screens/staff-detail")
    page.click("a:has-text('Thẩm định')")
    expect(page.get_by_label("Có Báo cáo thành tích")).to_be_checked()  # pre-filled from the attachments
    shoot(page, "screens/staff-form")
    for box in page.locator("form input[type=checkbox]").all():
        box.check()
    page.click("button:has-text('Ghi kết quả thẩm định')")
    page.click("button:has-text('Đưa vào xét')")
    success(page, "Đã đưa hồ sơ vào xét")
    shoot(page, "seed-000/03-staff-accepted")
    dossier.refresh_from_db()
    assert dossier.status == "in_review"


def staff_schedule_the_meeting(people, plan):
    page = people("sotuphap")
    page.click("nav >> text=Hội đồng")
    page.click("text=Lên lịch họp")
    page.wait_for_url("**/cuoc-hop/tao-moi/")  # loaded: choosing the plan brings its dossiers through htmx once its script has run
    page.select_option("#id_council", label="Hội đồng phối hợp liên ngành về trợ giúp pháp lý trong hoạt động tố tụng thành phố Cần Thơ")
    page.select_option("#id_campaign", value=str(plan.pk))
    page.check(f"label:has-text('{NOMINEE}')")
    page.fill("#id_title", "Họp xét khen thưởng phong trào Trợ giúp pháp lý năm 2025")
    page.fill("#id_starts_at", "24/11/2026 14:00")
    page.fill("#id_place", "Phòng họp Sở Tư pháp")
    shoot(page, "seed-000/04-staff-meeting-form")
    page.click("button:has-text('Lên lịch và gửi giấy mời')")
    success(page, "Đã lên lịch cuộc họp")
    return Meeting.objects.get(campaign=plan)


def trustee_step(people, username, meeting, button):
    page = people.open(username, f"{meeting.get_absolute_url()}vong/1/giu-khoa/")
    page.click(f"button:has-text('{button}')")
    success(page, "Đã gửi")
    return page


def vote_for(people, username, meeting, dossier):
    page = people.open(username, f"{meeting.get_absolute_url()}bieu-quyet/")
    page.check(f"input[data-nomination='{dossier.pk}'][data-option=for]")
    if username == "hoidong2":
        shoot(page, "screens/council-member-form")
    page.click("#ballot-submit")  # encrypts first, then posts
    page.wait_for_url(f"{people.url}{meeting.get_absolute_url()}")
    success(page, "Mã biên nhận")
    return page


def council_meet_and_vote(people, meeting, dossier):
    secretary = people("hoidong5")
    shoot(secretary, "screens/council-secretary-home")
    secretary.click("nav >> text=Hội đồng")
    shoot(secretary, "screens/council-secretary-list")
    secretary.click(f"a:has-text('{meeting.title}')")
    for box in secretary.locator("input[name=present]").all():
        box.check()
    secretary.click("button:has-text('Lưu điểm danh')")
    expect(secretary.locator("body")).to_contain_text("Đủ số thành viên")
    shoot(secretary, "screens/council-secretary-form")
    secretary.click("button:has-text('Mở biểu quyết')")
    success(secretary, "")
    for username in ("hoidong1", "hoidong5"):  # the chair and the secretary hold the key
        trustee_step(people, username, meeting, "Tạo khóa")
    for username in ("hoidong1", "hoidong5"):
        trustee_step(people, username, meeting, "Gửi phần khóa")

    member = people("hoidong2")
    shoot(member, "screens/council-member-home")
    member.click("nav >> text=Hội đồng")
    expect(member.locator("body")).to_contain_text(meeting.title)
    shoot(member, "screens/council-member-list")
    for username in ("hoidong1", "hoidong2", "hoidong3", "hoidong4"):  # hoidong5 works at the centre: recused
        vote_for(people, username, meeting, dossier)
    shoot(member, "seed-000/05-member-voted")

    secretary.goto(f"{people.url}{meeting.get_absolute_url()}")
    secretary.click("button:has-text('Đóng vòng biểu quyết')")
    success(secretary, "Đã đóng vòng biểu quyết")
    for username in ("hoidong1", "hoidong5"):
        trustee_step(people, username, meeting, "Giải mã tổng phiếu")
    secretary.goto(f"{people.url}{meeting.get_absolute_url()}")
    secretary.click("button:has-text('Công bố kết quả')")
    expect(secretary.locator("body")).to_contain_text(NOMINEE)
    secretary.click("button:has-text('Kết thúc cuộc họp')")
    success(secretary, "Đã kết thúc cuộc họp")
    expect(secretary.get_by_role("link", name="Tải biên bản họp (PDF)")).to_be_visible()
    expect(secretary.locator("#round-results-1 tbody tr", has_text=NOMINEE)).to_contain_text("4")
    shoot(secretary, "screens/council-secretary-detail")
    member.goto(f"{people.url}{meeting.get_absolute_url()}")
    expect(member.locator("#round-results-1")).to_contain_text("Đạt")
    shoot(member, "screens/council-member-detail")


def staff_draft_the_decision(people):
    page = people("sotuphap")
    page.get_by_role("button", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Quyết định khen thưởng").click()
    page.get_by_role("link", name="Dự thảo quyết định").click()
    expect(page.locator("body")).to_contain_text(NOMINEE)
    page.get_by_role("button", name="Lập dự thảo quyết định").click()
    expect(page.locator("h1")).to_contain_text("Quyết định số …/QĐ-STP")
    page.get_by_role("link", name="Sửa dự thảo").click()
    page.get_by_label("Người ký").fill("Phạm Văn Lộc")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator(".decision-preview")).to_contain_text(NOMINEE)
    shoot(page, "seed-000/06-staff-draft-decision")
    return Decision.objects.get()


def leader_sign_the_decision(people, decision):
    page = people("lanhdao")
    shoot(page, "screens/leader-home")
    page.get_by_role("button", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Quyết định khen thưởng").click()
    expect(page.locator("body")).to_contain_text("Giấy khen của Giám đốc Sở Tư pháp")
    shoot(page, "screens/leader-list")
    assert_one_line_on_a_phone(page.locator("main").get_by_role("link", name="Sổ khen thưởng"))
    page.click(f"a[href='{decision.get_absolute_url()}']")
    shoot(page, "screens/leader-detail")
    assert_one_line_on_a_phone(page.get_by_role("button", name="Ký quyết định"))
    page.get_by_role("button", name="Ký quyết định").click()
    expect(page.locator("#sign-modal")).to_contain_text("Phạm Văn Lộc")
    shoot(page, "screens/leader-form")
    page.get_by_role("button", name="Xác nhận ký").click()
    success(page, "Đã ký Quyết định số")
    decision.refresh_from_db()
    expect(page.locator("h1")).to_contain_text(f"Quyết định số {decision.number_symbol}")
    expect(page.get_by_role("link", name="Bằng khen, giấy khen để in trên phôi (PDF)")).to_be_visible()
    shoot(page, "seed-000/07-leader-signed")
    return decision


def unit_see_the_award(people, decision):
    page = people("trungtam")
    page.get_by_role("button", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Sổ khen thưởng").click()
    row = page.locator("tr", has_text=NOMINEE)
    expect(row).to_contain_text("Giấy khen của Giám đốc Sở Tư pháp")
    expect(row).to_contain_text(decision.number_symbol)
    shoot(page, "seed-000/08-unit-register")
    assert_one_line_on_a_phone(page.locator("main").get_by_role("link", name="Quyết định khen thưởng"))


def ministry_staff_pages(people):
    page = people("vutdkt")
    shoot(page, "screens/ministry-home")
    page.click("nav >> text=Hồ sơ")
    shoot(page, "screens/ministry-list")
    page.click("nav >> text=Phong trào")
    page.click("a:has-text('157/QĐ-BTP')")
    expect(page.locator("h1")).to_contain_text("kỷ niệm 25 năm Ngày thành lập tổ chức Trợ giúp pháp lý")
    shoot(page, "screens/ministry-detail")
    page.goto(f"{people.url}/hoi-dong/cuoc-hop/tao-moi/")
    shoot(page, "screens/ministry-form")


def test_seed_000_can_tho_plan_from_dossier_to_register(live_server, browser, demo):
    people = People(browser, live_server)
    plan = staff_find_the_plan(people)
    dossier = unit_file_and_submit_a_dossier(people, plan)
    staff_appraise_and_accept(people, dossier)
    meeting = staff_schedule_the_meeting(people, plan)
    council_meet_and_vote(people, meeting, dossier)
    decision = leader_sign_the_decision(people, staff_draft_the_decision(people))
    unit_see_the_award(people, decision)
    ministry_staff_pages(people)

    meeting.refresh_from_db()
    dossier.refresh_from_db()
    assert meeting.status == "closed" and meeting.minutes_pdf
    assert dossier.status == "awarded"
    assert decision.certificates_pdf and decision.signed_by.username == "lanhdao"
    assert list(Award.objects.values_list("person__full_name", "decision")) == [(NOMINEE, decision.pk)]
    assert people.csp_violations == []
