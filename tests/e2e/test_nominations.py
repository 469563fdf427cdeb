import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Extension
from nominations.models import Nomination
from tests.e2e.browser import sign_in
from tests.files import ONE_PAGE_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = ONE_PAGE_PDF


def upload(page, document_type, name):
    page.select_option("#id_document_type", label=document_type)
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "application/pdf", "buffer": PDF}])
    page.click("button:has-text('Tải lên')")
    # The list shows the file once the upload's page is back (the previous page also says "Đã đính kèm tệp.").
    expect(page.locator("#attachments")).to_contain_text(name)
    expect(page.locator(".alert-success")).to_contain_text("Đã đính kèm tệp.")


def test_unit_submits_a_dossier_with_attachments_and_the_office_returns_it(
    live_server, login, browser, unit_user, office_user, can_tho_campaign
):
    Extension.objects.create(
        campaign=can_tho_campaign, organization=unit_user.organization,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
    )
    page = login(unit_user)

    page.goto(f"{live_server.url}{can_tho_campaign.get_absolute_url()}")
    page.click("text=Tạo hồ sơ đề nghị")
    page.select_option("#id_award_form", label="Giấy khen của Giám đốc Sở Tư pháp")
    page.fill("#id_full_name", "Võ Thị Thu Trang")
    page.select_option("#id_gender", "female")
    page.fill("#id_title", "Trợ giúp viên pháp lý")
    page.click("text=Tạo hồ sơ nháp")
    page.fill("#id_dossier-achievement_report", "Năm 2025 tham gia 52 vụ việc tố tụng, đạt chỉ tiêu loại khá.")
    page.click("text=Lưu hồ sơ")
    upload(page, "Tờ trình đề nghị khen thưởng", "to-trinh.pdf")
    upload(page, "Báo cáo thành tích", "bao-cao.pdf")
    upload(page, "Biên bản họp xét của đơn vị", "bien-ban.pdf")
    page.click("button:has-text('Nộp hồ sơ')")
    expect(page.locator(".alert-success")).to_contain_text("Đã nộp hồ sơ.")

    office = sign_in(browser.new_page(), live_server.url, office_user.username)
    office.goto(f"{live_server.url}{Nomination.objects.get().get_absolute_url()}")
    office.fill("#id_reasons", "Bổ sung số liệu vụ việc theo từng quý.")
    office.click("button:has-text('Trả lại hồ sơ')")

    expect(office.locator(".alert-success")).to_contain_text("Đã trả lại hồ sơ cho đơn vị.")
    page.reload()
    expect(page.locator("body")).to_contain_text("Bổ sung số liệu vụ việc theo từng quý.")
    assert Nomination.objects.get().status == Nomination.Status.RETURNED
    assert Nomination.objects.get().attachments.count() == 3
