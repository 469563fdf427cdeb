import datetime

import pytest
from playwright.sync_api import expect

from campaigns.models import QuotaRule
from tests.e2e.browser import sign_in
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    EligibleSubjectFactory,
    NominationFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GROUPS = [
    ("Các sở, ban, ngành", "unit", "individuals", "5"),
    ("Các xã", "unit", "either", "1"),
    ("Khối nội chính", "all", "individuals", "3"),
]


def test_office_enters_three_unit_groups_with_their_caps_and_a_unit_hits_its_cap(live_server, login, browser, office_user, unit_user):
    campaign = CampaignFactory(nomination_deadline=datetime.date(2099, 12, 31), award_deadline=datetime.date(2099, 12, 31))
    award_form = AwardFormFactory(campaign=campaign, name="Giấy khen của Chủ tịch UBND thành phố")
    EligibleSubjectFactory(campaign=campaign, kind="individual")
    EligibleSubjectFactory(campaign=campaign, kind="collective")
    members = {
        "Các sở, ban, ngành": OrganizationFactory(name="Sở Nội vụ thành phố Cần Thơ"),
        "Các xã": unit_user.organization,
        "Khối nội chính": OrganizationFactory(name="Công an thành phố Cần Thơ"),
    }
    NominationFactory(campaign=campaign, award_form=award_form, submitting_unit=unit_user.organization).submit(by=unit_user)
    office = login(office_user)

    for offset in (0, 2):
        office.goto(f"{live_server.url}/phong-trao/{campaign.pk}/sua/nhom-don-vi/")
        first_blank = offset  # the rows saved before come first, then the blank ones
        for row, (name, *_cap) in enumerate(GROUPS[offset:offset + 2]):
            prefix = f"#id_part-{first_blank + row}"
            office.fill(f"{prefix}-name", name)
            office.select_option(f"{prefix}-organizations", label=[members[name].name])
        office.click("button:has-text('Lưu')")
        expect(office.locator(".alert-success")).to_contain_text("Đã lưu")
    for offset in (0, 2):
        office.goto(f"{live_server.url}/phong-trao/{campaign.pk}/sua/chi-tieu/")
        first_blank = offset
        for row, (name, per, counts, amount) in enumerate(GROUPS[offset:offset + 2]):
            prefix = f"#id_part-{first_blank + row}"
            office.select_option(f"{prefix}-award_form", label=award_form.name)
            office.select_option(f"{prefix}-group", label=name)
            office.select_option(f"{prefix}-per", per)
            office.select_option(f"{prefix}-counts", counts)
            office.fill(f"{prefix}-amount", amount)
        office.click("button:has-text('Lưu')")
        expect(office.locator(".alert-success")).to_contain_text("Đã lưu")
    office.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    expect(office.locator("body")).to_contain_text("Mỗi đơn vị – nhóm “Các xã”: không quá 1 trường hợp (tập thể hoặc cá nhân), cả kế hoạch")
    assert QuotaRule.objects.filter(award_form=award_form).count() == 3

    unit = sign_in(browser.new_page(), live_server.url, unit_user.username)
    unit.goto(f"{live_server.url}/ho-so/tao-moi/{campaign.pk}/")
    expect(unit.locator("#quota-counters")).to_contain_text("1/1")
    unit.select_option("#id_award_form", label=award_form.name)
    unit.fill("#id_full_name", "Lê Văn Phúc")
    unit.select_option("#id_gender", "male")
    unit.click("text=Tạo hồ sơ nháp")
    expect(unit.locator(".alert-warning")).to_contain_text("Vượt chỉ tiêu “Mỗi đơn vị – nhóm “Các xã”")
    unit.fill("#id_dossier-achievement_report", "Năm 2025 hòa giải thành 30 vụ việc ở cơ sở.")
    unit.click("text=Lưu hồ sơ")
    unit.click("button:has-text('Nộp hồ sơ')")

    expect(unit.locator(".alert-danger")).to_contain_text("Vượt chỉ tiêu “Mỗi đơn vị – nhóm “Các xã”: không quá 1 trường hợp (tập thể hoặc cá nhân), cả kế hoạch”: đã có 1/1.")
