import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Organization
from tests.factories import AwardFormFactory, OrganizationFactory, approved_nomination

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAR = datetime.date(2099, 1, 1)


def test_office_drafts_a_decision_generates_it_and_downloads_the_pdf(live_server, login, office_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    city = OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", short_name="UBND TP Cần Thơ", document_code="UBND", kind=Organization.Kind.PEOPLES_COMMITTEE)
    award_form = AwardFormFactory(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", kind="bang_khen", granting_organization=city,
        signer_title="Chủ tịch Ủy ban nhân dân thành phố Cần Thơ",
        campaign__nomination_deadline=FAR, campaign__award_deadline=FAR, campaign__number="67/KH-UBND",
    )
    for name in ("Nguyễn Thị Ngọc Hà", "Trần Văn Đức"):
        approved_nomination(campaign=award_form.campaign, award_form=award_form, nominee_person__full_name=name)
    page = login(office_user)

    page.get_by_role("button", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Quyết định khen thưởng").click()
    page.get_by_role("link", name="Dự thảo quyết định").click()
    expect(page.locator("body")).to_contain_text("Nguyễn Thị Ngọc Hà")
    page.get_by_role("button", name="Lập dự thảo quyết định").click()
    expect(page.locator("h1")).to_contain_text("Quyết định số …/QĐ-UBND")
    expect(page.locator("body")).to_contain_text("Trần Văn Đức")
    page.get_by_role("button", name="Tạo văn bản").click()
    download_link = page.get_by_role("link", name="Tải dự thảo quyết định (PDF)")
    expect(download_link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        download_link.click()

    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
