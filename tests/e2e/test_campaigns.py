import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_unit_signs_in_and_reads_the_can_tho_plan(live_server, login, unit_user, can_tho_campaign):
    page = login(unit_user)

    page.click("nav >> text=Phong trào")
    page.fill("#id_q", "tro giup phap ly to tung")
    page.click(f"text={can_tho_campaign.number}")

    expect(page.locator("h1")).to_contain_text("Trợ giúp pháp lý trong hoạt động tố tụng")
    expect(page.locator("body")).to_contain_text("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố")
    expect(page.locator("body")).to_contain_text("Đạt mức chỉ tiêu từ khá trở lên")
