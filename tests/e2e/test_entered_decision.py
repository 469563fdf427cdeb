"""A Chủ tịch UBND decision for five collectives entered directly, numbered by the văn thư, signed by the Chủ tịch."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from accounts.models import Organization, User
from awards.models import Decision
from tests.e2e.browser import sign_in
from tests.factories import AwardFormFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAR = datetime.date(2099, 1, 1)
COLLECTIVES = [
    ("Văn phòng Sở Tư pháp", "Sở Tư pháp thành phố Cần Thơ"),
    ("Phòng Hành chính tư pháp", "Sở Tư pháp thành phố Cần Thơ"),
    ("Văn phòng Sở Nội vụ", "Sở Nội vụ thành phố Cần Thơ"),
    ("Phòng Cảnh sát hình sự", "Công an thành phố Cần Thơ"),
    ("Tòa án nhân dân quận Ninh Kiều", "Tòa án nhân dân thành phố Cần Thơ"),
]


@pytest.fixture(autouse=True)
def reward_settings():
    """The base salaries and reward rates its migration enters: an earlier browser test's flush removed them."""
    import_module("awards.migrations.0007_awardees_from_dossiers_and_reward_settings").fill(apps, None)


def test_chairman_decision_for_five_entered_collectives(live_server, login, office_user, browser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    city = OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", document_code="UBND", kind=Organization.Kind.PEOPLES_COMMITTEE)
    AwardFormFactory(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", kind="bang_khen", granting_organization=city,
        signer_title="Chủ tịch Ủy ban nhân dân thành phố Cần Thơ", campaign__number="67/KH-UBND",
        campaign__nomination_deadline=FAR, campaign__award_deadline=FAR,
    )
    chairman = UserFactory(username="chutich", full_name="Tài khoản Chủ tịch", role=User.Role.LEADER, organization=city)
    page = login(office_user)

    page.goto(f"{live_server.url}/khen-thuong/du-thao/")
    page.get_by_label("Hình thức khen thưởng").select_option(label="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố – 67/KH-UBND (Ủy ban nhân dân thành phố Cần Thơ)")
    page.get_by_role("button", name="Lập dự thảo theo danh sách nhập").click()
    for name, unit in COLLECTIVES:
        page.get_by_label("Họ và tên / Tên tập thể").fill(name)
        page.get_by_label("Đơn vị", exact=True).fill(unit)
        page.get_by_role("button", name="Thêm vào danh sách").click()
        expect(page.locator("#danh-sach")).to_contain_text(name)
    expect(page.locator(".decision-preview")).to_contain_text("cho 05 tập thể")
    expect(page.locator(".decision-preview")).to_contain_text("Số: …/QĐ-UBND")
    expect(page.locator(".decision-preview")).to_contain_text("được thưởng 4.680.000 đồng")
    expect(page.locator(".decision-preview")).to_contain_text("Tổng số tiền thưởng: 23.400.000 đồng")
    page.screenshot(path=str(tmp_path / "entered-draft.png"), full_page=True)

    page.get_by_role("link", name="Sửa dự thảo").click()
    page.get_by_label("Số, ký hiệu").fill("71/2026/QĐ-UBND")
    page.get_by_label("Ngày ban hành").fill("20/11/2026")
    page.get_by_label("Người ký").fill("Trần Việt Trường")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator("h1")).to_contain_text("Quyết định số 71/2026/QĐ-UBND")

    chairman_page = sign_in(browser.new_page(), live_server.url, chairman.username)
    chairman_page.goto(f"{live_server.url}{Decision.objects.get().get_absolute_url()}")
    chairman_page.get_by_role("button", name="Ký quyết định").click()
    expect(chairman_page.locator("#sign-modal")).to_contain_text("Trần Việt Trường")
    chairman_page.get_by_role("button", name="Xác nhận ký").click()
    expect(chairman_page.locator("body")).to_contain_text("Đã ký Quyết định số 71/2026/QĐ-UBND")
    expect(chairman_page.locator(".decision-preview")).to_contain_text("ngày 20 tháng 11 năm 2026")
    expect(chairman_page.locator(".decision-preview")).to_contain_text("Trần Việt Trường")
    chairman_page.screenshot(path=str(tmp_path / "entered-signed.png"), full_page=True)

    decision = Decision.objects.get()
    assert (decision.number_symbol, decision.issue_date) == ("71/2026/QĐ-UBND", datetime.date(2026, 11, 20))
    assert decision.signer_name == "Trần Việt Trường" and decision.signed_by == chairman
    assert decision.awards.count() == 5
