"""A Chủ tịch UBND decision outside any plan of the portal, drafted by the Sở, signed by the Chủ tịch and then signed
digitally with the key on his token (SoftHSM2 stands for the USB token): a wrong PIN first, then the right one."""

from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from accounts.models import User
from awards.models import Decision
from tests.e2e.browser import sign_in
from tests.factories import CommitteeFactory, UserFactory
from tests.softhsm import PIN, TOKEN_LABEL

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reward_settings():
    """The base salaries and reward rates its migration enters: an earlier browser test's flush removed them."""
    import_module("awards.migrations.0007_awardees_from_dossiers_and_reward_settings").fill(apps, None)


def test_chairman_decision_outside_plans_signed_with_his_token(live_server, login, office_user, browser, settings, tmp_path, softhsm_token):
    settings.MEDIA_ROOT, settings.PKCS11_MODULE = tmp_path, softhsm_token["module"]
    (tmp_path / "root.pem").write_bytes(softhsm_token["root"])
    settings.SIGNATURE_TRUST_ROOTS = [str(tmp_path / "root.pem")]
    committee = CommitteeFactory()
    chairman = UserFactory(username="chutich", full_name="Trần Việt Trường", role=User.Role.LEADER, organization=committee)
    page = login(office_user)

    page.goto(f"{live_server.url}/khen-thuong/du-thao/")
    page.get_by_label("Cơ quan ban hành quyết định").select_option(label=committee.name)
    page.get_by_label("Tên gọi trên quyết định").fill("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố")
    page.get_by_label("Chức danh người có thẩm quyền").fill("Chủ tịch Ủy ban nhân dân thành phố Cần Thơ")
    page.screenshot(path=str(tmp_path / "outside-plans-create.png"), full_page=True)
    page.get_by_role("button", name="Lập dự thảo không theo kế hoạch").click()
    page.get_by_label("Họ và tên / Tên tập thể").fill("Văn phòng Sở Nội vụ")
    page.get_by_label("Đơn vị", exact=True).fill("Sở Nội vụ thành phố Cần Thơ")
    page.get_by_role("button", name="Thêm vào danh sách").click()
    expect(page.locator(".decision-preview")).to_contain_text("cho 01 tập thể đã có thành tích xuất sắc")
    expect(page.locator(".decision-preview")).not_to_contain_text("Kế hoạch")
    page.get_by_role("link", name="Sửa dự thảo").click()
    page.get_by_label("Người ký").fill("Trần Việt Trường")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.screenshot(path=str(tmp_path / "outside-plans-draft.png"), full_page=True)

    chairman_page = sign_in(browser.new_page(), live_server.url, chairman.username)
    chairman_page.goto(f"{live_server.url}{Decision.objects.get().get_absolute_url()}")
    chairman_page.get_by_role("button", name="Ký quyết định").click()
    chairman_page.get_by_role("button", name="Xác nhận ký").click()
    expect(chairman_page.locator("body")).to_contain_text("Đã ký Quyết định số 01/QĐ-UBND")
    chairman_page.reload()
    chairman_page.get_by_label("Nhãn token").fill(TOKEN_LABEL)
    chairman_page.get_by_label("Mã PIN").fill("000000")
    chairman_page.get_by_role("button", name="Ký số bằng token").click()
    expect(chairman_page.locator("#ky-so")).to_contain_text("Mã PIN của token không đúng: văn bản chưa được ký.")
    expect(chairman_page.get_by_label("Nhãn token")).to_have_value(TOKEN_LABEL)
    chairman_page.screenshot(path=str(tmp_path / "token-wrong-pin.png"), full_page=True)
    chairman_page.get_by_label("Mã PIN").fill(PIN)
    chairman_page.get_by_role("button", name="Ký số bằng token").click()

    expect(chairman_page.locator("body")).to_contain_text("Đã ký số văn bản quyết định bằng token.")
    expect(chairman_page.locator("#ky-so")).to_contain_text("Người ký: Phạm Văn Lộc")
    chairman_page.screenshot(path=str(tmp_path / "token-signed.png"), full_page=True)
    assert Decision.objects.get().campaign is None
