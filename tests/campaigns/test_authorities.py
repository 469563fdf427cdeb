"""Authorities of award forms: national ones (Thủ tướng, Chủ tịch nước) forward, "the head of each unit" is each unit's."""

import pytest
from django.urls import reverse

from awards.models import Decision
from awards.services import draft_decision
from campaigns.models import AwardForm, Campaign
from core.exceptions import PortalError
from tests.factories import CampaignFactory, OrganizationFactory, approved_nomination

pytestmark = pytest.mark.django_db
Authority = AwardForm.Authority


def award_form_row(**fields):
    data = {"part-TOTAL_FORMS": "1", "part-INITIAL_FORMS": "0", "part-MIN_NUM_FORMS": "0", "part-MAX_NUM_FORMS": "1000"}
    row = {"kind": "bang_khen", "recipients": "both", "vote_threshold_percent": "50", "consultation_working_days": "0"} | fields
    return data | {f"part-0-{name}": value for name, value in row.items()}


def dossier_of(authority, name="Bằng khen của Thủ tướng Chính phủ", **kwargs):
    """An approved dossier of a form decided by `authority`."""
    return approved_nomination(
        award_form__authority=authority, award_form__granting_organization=None, award_form__name=name, **kwargs,
    )


@pytest.fixture
def campaign(office_user):
    return CampaignFactory(status=Campaign.Status.DRAFT, issuing_organization=office_user.organization.parent)


def test_authorities_prime_minister_is_picked_without_a_body_and_the_plan_says_forwarded(client_of, office_user, campaign):
    data = award_form_row(name="Bằng khen của Thủ tướng Chính phủ", authority="prime_minister")

    client_of(office_user).post(reverse("campaigns:parts", args=[campaign.pk, "hinh-thuc"]), data)

    award_form = campaign.award_forms.get()
    page = client_of(office_user).get(campaign.get_absolute_url()).content.decode()
    assert (award_form.granting_organization, award_form.signer_title, award_form.is_forwarded) == (None, "Thủ tướng Chính phủ", True)
    assert "hồ sơ trình lên cấp trên" in page


def test_authorities_a_body_authority_without_its_body_is_refused(client_of, office_user, campaign):
    data = award_form_row(name="Bằng khen của Chủ tịch UBND thành phố", authority="body", signer_title="Chủ tịch UBND thành phố")

    response = client_of(office_user).post(reverse("campaigns:parts", args=[campaign.pk, "hinh-thuc"]), data)

    assert response.context["formset"].forms[0].has_error("granting_organization", code="no_authority")
    assert 'value="Bằng khen của Chủ tịch UBND thành phố"' in response.content.decode()
    assert not campaign.award_forms.exists()


@pytest.mark.parametrize("authority", [Authority.PRIME_MINISTER, Authority.PRESIDENT])
def test_authorities_a_national_authoritys_decision_is_not_drafted_here(authority):
    nomination = dossier_of(authority, "Huân chương Lao động hạng Ba")
    award_form = nomination.award_form

    with pytest.raises(PortalError, match="hồ sơ được trình lên cấp trên, không soạn quyết định trên cổng"):
        draft_decision(award_form, by=None)

    assert not Decision.objects.exists()
    assert nomination.award_form.is_forwarded


def test_authorities_the_head_of_each_unit_decides_for_that_units_dossiers():
    unit = OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ")
    nomination = dossier_of(Authority.UNIT_HEAD, "Giấy khen của Thủ trưởng đơn vị", submitting_unit=unit)

    decision = draft_decision(nomination.award_form, by=None)

    assert decision.issuing_organization == unit


def test_authorities_the_head_of_each_unit_does_not_decide_for_two_units_at_once():
    award_form = dossier_of(Authority.UNIT_HEAD, "Giấy khen của Thủ trưởng đơn vị").award_form
    approved_nomination(award_form=award_form, campaign=award_form.campaign)

    with pytest.raises(PortalError, match="mỗi quyết định gồm hồ sơ của một đơn vị"):
        draft_decision(award_form, by=None)


def test_authorities_dossier_of_a_national_form_shows_its_route(client_of, office_user):
    nomination = dossier_of(Authority.PRIME_MINISTER)

    page = client_of(office_user).get(nomination.get_absolute_url()).content.decode()

    assert "Thủ tướng Chính phủ" in page
    assert "Hồ sơ được trình lên cấp trên, không soạn quyết định trên cổng" in page


@pytest.mark.parametrize(("name", "authority"), [
    ("Bằng khen của Thủ tướng Chính phủ", Authority.PRIME_MINISTER),
    ("Huân chương Lao động hạng Ba", Authority.PRESIDENT),
    ("Giấy khen của Thủ trưởng cơ quan, đơn vị", Authority.UNIT_HEAD),
    ("Bằng khen của Chủ tịch UBND thành phố", Authority.BODY),
])
def test_authorities_read_from_a_plans_award_form_name(name, authority):
    assert AwardForm.authority_named_in(name) == authority
