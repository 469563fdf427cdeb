"""Seeds 002, 003 and 004 walked through the browser as their people would: reports, evaluation, tracking.

Each step is photographed at 1366 px and at 375 px under the test's tmp_path (pytest --basetemp=DIR keeps them).
"""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from campaigns.models import Campaign, Report
from tests.e2e.browser import sign_in as sign_in_on

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1366, "phone": 375}


@pytest.fixture
def demo(db):
    """The demo as `make run` loads it: the five plans, their worlds and accounts."""
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def shoot(page, tmp_path):
    """Photograph the page at each width: <tmp_path>/<step>-<width>.png."""

    def photograph(step):
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(tmp_path / f"{step}-{name}.png"), full_page=True)
        page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    return photograph


@pytest.fixture
def sign_in(live_server, page, context):
    def as_user(username):
        context.clear_cookies()
        return sign_in_on(page, live_server.url, username)

    return as_user


def open_notification(page, subject):
    page.click("#notification-badge")
    page.click(f"text={subject}")


def test_seed_002_an_giang_units_send_their_yearly_results_and_the_office_evaluates_them(live_server, demo, sign_in, shoot):
    plan = Campaign.objects.get(number="78/KH-STP")
    page = sign_in("angiang_longxuyen")
    shoot("unit-home")

    page.click("nav >> text=Báo cáo")
    expect(page.locator("#report-rows")).to_contain_text("Trả lại để bổ sung")
    shoot("unit-reports")
    page.click("a:has-text('Bổ sung, nộp lại')")
    expect(page.locator(".alert-warning")).to_contain_text("số hộ nghèo được hỗ trợ")
    page.fill("#id_figures", "Số hộ nghèo được hỗ trợ: 26\nSố tiền quyên góp: 15.000.000 đồng\nSố vụ việc hòa giải thành: 37/40")
    shoot("unit-report-form")
    page.click("button:has-text('Nộp báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã nộp báo cáo.")
    shoot("unit-report-detail")

    page.click("nav >> text=Báo cáo")
    page.click("tr:has-text('giai đoạn 2023 - 2025') >> a:has-text('Nộp báo cáo')")
    page.fill("#id_content", "Giai đoạn 2023 - 2025, Phòng Tư pháp hỗ trợ 74 hộ nghèo, hòa giải thành 118 vụ việc ở vùng khó khăn.")
    page.click("button:has-text('Nộp báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã nộp báo cáo.")

    page = sign_in("angiang_stp")
    shoot("office-home")
    open_notification(page, "Báo cáo đã bổ sung, nộp lại")
    expect(page.locator("h1")).to_contain_text("năm 2024")
    page.fill("#id_text", "Đạt; số liệu đã đủ theo nội dung 2.2 và 3.")
    shoot("office-report-evaluation")
    page.click("button:has-text('Tiếp nhận báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã tiếp nhận báo cáo.")

    page.goto(f"{live_server.url}/phong-trao/{plan.pk}/")
    expect(page.locator("body")).to_contain_text("Hết hạn nhận hồ sơ")
    shoot("office-plan")
    page.click("text=Theo dõi báo cáo")
    page.wait_for_url("**/bao-cao/")  # loaded: the filters work through htmx once its script has run
    page.select_option("#id_state", "to_evaluate")
    expect(page.locator("#report-rows")).to_contain_text("Phòng Tư pháp thành phố Long Xuyên")
    expect(page.locator("#report-rows")).to_contain_text("Trung tâm Trợ giúp pháp lý nhà nước tỉnh An Giang")
    shoot("office-tracking")

    assert Report.objects.get(organization__name="Phòng Tư pháp thành phố Long Xuyên", period__name="Năm 2024").status == "accepted"


def test_seed_003_cao_bang_office_requests_period_reports_and_follows_the_review(live_server, demo, sign_in, shoot):
    plan = Campaign.objects.get(number="962/KH-UBND")
    page = sign_in("caobang_stp")

    page.goto(f"{live_server.url}/phong-trao/{plan.pk}/bao-cao/")
    expect(page.locator("#report-rows")).to_contain_text("Giai đoạn 3")
    shoot("office-tracking")
    page.click("text=Yêu cầu báo cáo")
    units = page.locator("fieldset")
    expect(units).to_contain_text("Sở Nội vụ tỉnh Cao Bằng")
    expect(units).not_to_contain_text("Hội đồng")
    expect(units).not_to_contain_text("Cần Thơ")
    page.fill("#id_title", "Báo cáo số liệu trợ giúp pháp lý bổ sung giai đoạn 3 (2018 - 2024)")
    page.select_option("#id_kind", "period")
    page.select_option("#id_period", label="Giai đoạn 3")
    page.fill("#id_due_date", "15/12/2026")
    page.check("label:has-text('Trung tâm Trợ giúp pháp lý nhà nước tỉnh Cao Bằng')")
    shoot("office-request-form")
    page.click("button:has-text('Tạo yêu cầu')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã tạo 1 báo cáo.")

    page = sign_in("caobang_tgpl")
    page.click("nav >> text=Báo cáo")
    shoot("unit-reports")
    page.click("tr:has-text('giai đoạn 3 (01/01/2018') >> a:has-text('Nộp báo cáo')")
    page.fill("#id_content", "Giai đoạn 2018 - 2024, Trung tâm tham gia tố tụng 1.260 vụ việc; 100% vụ việc được thực hiện đúng thời hạn.")
    page.fill("#id_figures", "Số vụ việc tham gia tố tụng: 1.260")
    page.click("button:has-text('Nộp báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã nộp báo cáo.")
    shoot("unit-report-detail")

    page = sign_in("caobang_stp")
    open_notification(page, "Báo cáo mới nộp")
    page.click("button:has-text('Tiếp nhận báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã tiếp nhận báo cáo.")
    page.goto(f"{live_server.url}/phong-trao/{plan.pk}/bao-cao/")
    page.select_option("#id_state", "overdue")
    expect(page.locator("#report-rows")).to_contain_text("Tòa án nhân dân tỉnh Cao Bằng")
    shoot("office-tracking-overdue")


def test_seed_004_tra_vinh_lead_and_coordinating_units_report_on_their_tasks_each_year(live_server, demo, sign_in, shoot):
    plan = Campaign.objects.get(number="08/KH-UBND")
    page = sign_in("travinh_hoiluatgia")

    page.click("nav >> text=Báo cáo")
    expect(page.locator("#report-rows")).to_contain_text("Nhiệm vụ 4")
    shoot("unit-reports")
    page.click("tr:has-text('nhiệm vụ 4 năm 2025') >> a:has-text('Bổ sung, nộp lại')")
    page.fill("#id_figures", "Số văn bản góp ý: 14\nSố vụ việc tư vấn pháp luật miễn phí: 212")
    page.click("button:has-text('Nộp báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã nộp báo cáo.")

    page = sign_in("travinh_noivu")
    page.click("nav >> text=Báo cáo")
    page.click("tr:has-text('phối hợp thực hiện nhiệm vụ 2 năm 2025') >> a:has-text('Nộp báo cáo')")
    page.fill("#id_content", "Sở Nội vụ phối hợp hướng dẫn kiện toàn Hội Luật gia 3 huyện năm 2025.")
    page.click("button:has-text('Nộp báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã nộp báo cáo.")

    page = sign_in("travinh_stp")
    page.goto(f"{live_server.url}/phong-trao/{plan.pk}/")
    expect(page.locator("body")).to_contain_text("Hội Luật gia tỉnh Trà Vinh")
    shoot("office-plan")
    page.click("text=Theo dõi báo cáo")
    page.wait_for_url("**/bao-cao/")  # loaded: the filters work through htmx once its script has run
    page.select_option("#id_state", "to_evaluate")
    rows = page.locator("#report-rows")
    expect(rows).to_contain_text("Nhiệm vụ 4.")
    expect(rows).to_contain_text("Năm 2025")
    shoot("office-tracking")
    page.click("a:has-text('nhiệm vụ 4 năm 2025')")
    page.click("button:has-text('Tiếp nhận báo cáo')")
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã tiếp nhận báo cáo.")
    shoot("office-report-detail")

    lead = Report.objects.get(title__contains="nhiệm vụ 4 năm 2025", organization__name="Hội Luật gia tỉnh Trà Vinh")
    assert lead.status == "accepted" and lead.task.number == "4"
    assert User.objects.filter(username="travinh_noivu").exists()
