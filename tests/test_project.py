import unicodedata

import pytest
from django.urls import reverse

from accounts.models import User
from campaigns.models import Campaign
from nominations.models import Nomination
from tests.factories import CampaignFactory, NominationFactory, OrganizationFactory


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_redis_error_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["redis"].startswith("error")


def test_home_requires_login(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_login_with_wrong_password_answers_in_vietnamese(client, unit_user):
    response = client.post(reverse("login"), {"username": unit_user.username, "password": "sai"})

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@pytest.mark.django_db
def test_home_of_unit_lists_launched_campaigns_with_days_left(client_of, unit_user):
    CampaignFactory(title="Phong trào đang phát động", status=Campaign.Status.LAUNCHED)
    CampaignFactory(title="Kế hoạch còn dự thảo", status=Campaign.Status.DRAFT)

    page = client_of(unit_user).get(reverse("home")).content.decode()

    assert "Phong trào đang phát động" in page
    assert "Kế hoạch còn dự thảo" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("per_list", [1, 4])
def test_home_of_office_query_count_does_not_grow_with_dossiers(client_of, office_user, django_assert_num_queries, per_list):
    Status = Nomination.Status
    for status in (Status.RETURNED, Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED):
        NominationFactory.create_batch(per_list, status=status)
    client = client_of(office_user)

    with django_assert_num_queries(22):
        page = client.get(reverse("home"))

    assert [len(page.context[name]) for name in ("returned", "to_process", "in_review", "approved")] == [per_list] * 4


@pytest.mark.django_db
def test_home_of_office_lists_drafts(client_of, office_user):
    CampaignFactory(title="Kế hoạch còn dự thảo", status=Campaign.Status.DRAFT)

    page = client_of(office_user).get(reverse("home")).content.decode()

    assert "Kế hoạch còn dự thảo" in page


@pytest.mark.django_db
def test_home_of_office_leaves_out_another_provinces_plans(client_of, office_user):
    an_giang = OrganizationFactory(name="Sở Tư pháp tỉnh An Giang", province="An Giang")
    CampaignFactory(title="Kế hoạch của An Giang quá hạn", issuing_organization=an_giang, nomination_deadline="2025-01-31")
    CampaignFactory(title="Kế hoạch nháp của An Giang", issuing_organization=an_giang, status=Campaign.Status.DRAFT)

    page = client_of(office_user).get(reverse("home")).content.decode()

    assert ("Kế hoạch của An Giang quá hạn" in page, "Kế hoạch nháp của An Giang" in page) == (False, False)


@pytest.mark.django_db
def test_posted_text_is_stored_in_nfc(client_of, office_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)
    decomposed_title = unicodedata.normalize("NFD", "Phong trào Trợ giúp pháp lý")
    data = {
        "number": campaign.number, "title": decomposed_title, "kind": campaign.kind,
        "issuing_organization": campaign.issuing_organization_id, "issue_place": "Cần Thơ",
        "issue_date": "2025-03-28", "starts_on": "2025-01-01", "ends_on": "2025-10-31",
    }

    client_of(office_user).post(reverse("campaigns:edit", args=[campaign.pk]), data)

    campaign.refresh_from_db()
    assert campaign.title == unicodedata.normalize("NFC", decomposed_title)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.STAFF, User.Role.UNIT, User.Role.COUNCIL_MEMBER, User.Role.LEADER])
def test_admin_is_refused_to_every_role_but_the_administrator(client_of, role):
    from tests.factories import UserFactory

    response = client_of(UserFactory(role=role)).get("/admin/", follow=True)

    assert response.status_code == 403


@pytest.mark.django_db
def test_admin_opens_for_the_administrator_with_campaign_search(client_of, administrator):
    CampaignFactory(number="67/KH-UBND")

    response = client_of(administrator).get("/admin/campaigns/campaign/?q=67")

    assert response.status_code == 200
    assert "67/KH-UBND" in response.content.decode()


@pytest.mark.django_db
def test_english_is_available_through_the_language_switcher(client_of, unit_user):
    client = client_of(unit_user)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("campaigns:list")).content.decode()

    assert "Emulation campaigns" in page


@pytest.mark.django_db
def test_pages_are_vietnamese_even_for_an_english_browser(client_of, unit_user):
    page = client_of(unit_user).get(reverse("campaigns:list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="vi">' in page.content.decode()


@pytest.mark.django_db
def test_home_of_a_council_member_shows_the_coming_meeting(client_of):
    from tests.factories import CouncilMemberFactory, MeetingFactory

    meeting = MeetingFactory(title="Họp xét Giấy khen năm 2025")
    member = CouncilMemberFactory(council=meeting.council)

    page = client_of(member.user).get(reverse("home")).content.decode()

    assert "Họp xét Giấy khen năm 2025" in page


@pytest.mark.django_db
def test_home_of_the_leader_lists_decisions_waiting_for_signature(client_of, leader, office_user):
    from awards.services import draft_decision
    from tests.factories import approved_nomination

    nomination = approved_nomination(award_form__granting_organization=leader.organization)
    decision = draft_decision(nomination.award_form, by=office_user)

    page = client_of(leader).get(reverse("home")).content.decode()

    assert "Quyết định chờ ký" in page
    assert decision.get_absolute_url() in page
