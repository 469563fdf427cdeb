"""A decision outside any plan of the portal (issue #13): a Chủ tịch UBND's Bằng khen on a tờ trình about a plan
managed elsewhere. Drafted without a plan, numbered and dated by the văn thư, signed by the Chủ tịch, and its
awards in the register and in each awardee's history; the decision, its tờ trình and certificates cite no plan."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Organization, User
from awards.models import Award, Decision
from awards.printing import certificate_contexts, decision_context, proposal_context
from awards.services import add_awardees, awardees_in_order, issue_proposal_letter
from nominations.imports import Entry
from tests.awards.test_issuing import BODIES, edit
from tests.factories import CommitteeFactory, OrganizationFactory, UserFactory

BANG_KHEN = {
    "kind": "bang_khen", "name": "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố",
    "signer_title": "Chủ tịch Ủy ban nhân dân thành phố Cần Thơ",
}


@pytest.fixture
def committee(db):
    return CommitteeFactory()


@pytest.fixture
def chairman(committee):
    return UserFactory(username="chutich_ubnd", full_name="Trần Việt Trường", role=User.Role.LEADER, organization=committee)


def create(client, **data):
    return client.post(reverse("awards:decision_create_outside_plans"), data)


@pytest.fixture
def planless(client_of, office_user, committee):
    """The Sở Tư pháp drafts the Chủ tịch's decision for five collectives, typed in, with the signer named."""
    create(client_of(office_user), granting_organization=committee.pk, **BANG_KHEN)
    decision = Decision.objects.get()
    add_awardees(decision, [Entry(False, f"Văn phòng {body}", body) for body in BODIES], by=office_user)
    decision.signer_name, decision.signing_authority = "Trần Việt Trường", "CHỦ TỊCH"
    decision.save()
    return decision


@pytest.mark.django_db
def test_decision_outside_plans_is_a_draft_of_the_committee_citing_no_plan(planless, committee):
    planless.refresh_from_db()

    assert (planless.campaign, planless.award_form.campaign, planless.issuing_organization) == (None, None, committee)
    assert (planless.number_symbol, planless.issue_date, planless.issue_place) == ("…/QĐ-UBND", None, "Cần Thơ")
    assert planless.article_1 == "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố cho 05 tập thể đã có thành tích xuất sắc"
    assert "Kế hoạch" not in planless.legal_bases + planless.recipients
    assert planless.legal_bases.splitlines()[-1].startswith("Theo đề nghị của")


@pytest.mark.django_db
def test_decision_outside_plans_numbered_by_the_vanthu_is_signed_under_the_chairmans_name(client_of, office_user, chairman, planless):
    edit(client_of(office_user), planless, reference="71/2026/QĐ-UBND", issue_date="20/11/2026")

    response = client_of(chairman).post(reverse("awards:decision_sign", args=[planless.pk]))

    planless.refresh_from_db()
    assert response.status_code == 302 and planless.is_signed
    assert (planless.number_symbol, planless.issue_date) == ("71/2026/QĐ-UBND", datetime.date(2026, 11, 20))
    assert (planless.signer_name, planless.signed_by) == ("Trần Việt Trường", chairman)
    document = decision_context(planless, awardees_in_order(planless))
    assert not any("Kế hoạch" in paragraph for article in document["articles"] for paragraph in article)
    assert certificate_contexts(planless)[0]["achievement"] == "Đã có thành tích xuất sắc."


@pytest.mark.django_db
def test_awards_outside_plans_fill_the_register_and_each_awardees_history(client_of, office_user, chairman, planless):
    client_of(chairman).post(reverse("awards:decision_sign", args=[planless.pk]))
    collective = Organization.objects.get(name="Văn phòng Sở Nội vụ")

    register = client_of(office_user).get(reverse("awards:register")).content.decode()
    history = client_of(office_user).get(reverse("awards:organization", args=[collective.pk])).content.decode()

    assert Award.objects.filter(decision=planless, award_form__campaign=None).count() == 5
    assert "Văn phòng Sở Nội vụ" in register and "01.001/2026" in register
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố" in history


@pytest.mark.django_db
def test_decision_outside_plans_signed_by_a_leader_of_another_body_is_refused(client_of, leader, planless):
    another_province = UserFactory(role=User.Role.LEADER, organization=OrganizationFactory(
        name="Ủy ban nhân dân tỉnh An Giang", kind=Organization.Kind.PEOPLES_COMMITTEE, province="An Giang",
    ))

    answers = [client_of(user).post(reverse("awards:decision_sign", args=[planless.pk])).status_code
               for user in (leader, another_province)]

    planless.refresh_from_db()
    assert answers == [403, 403] and not planless.is_signed


@pytest.mark.django_db
def test_decision_outside_plans_for_a_body_the_office_does_not_act_for_is_refused_keeping_what_was_typed(client_of, office_user):
    another = OrganizationFactory(name="Ủy ban nhân dân tỉnh An Giang", kind=Organization.Kind.PEOPLES_COMMITTEE, province="An Giang")

    response = create(client_of(office_user), granting_organization=another.pk, **BANG_KHEN)

    assert response.status_code == 400
    assert response.context["planless_form"].has_error("granting_organization", code="invalid_choice")
    assert "Bạn không lập quyết định cho cơ quan này." in response.content.decode()
    assert 'value="Chủ tịch Ủy ban nhân dân thành phố Cần Thơ"' in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_decision_outside_plans_without_the_award_name_says_what_is_missing(client_of, office_user, committee):
    response = create(client_of(office_user), granting_organization=committee.pk, **(BANG_KHEN | {"name": ""}))

    assert response.context["planless_form"].has_error("name", code="required")
    assert not Decision.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.UNIT, User.Role.LEADER, User.Role.COUNCIL_MEMBER])
def test_decision_outside_plans_is_drafted_by_an_office_only(client_of, committee, role):
    response = create(client_of(UserFactory(role=role)), granting_organization=committee.pk, **BANG_KHEN)

    assert response.status_code == 403


@pytest.mark.django_db
def test_proposal_letter_of_a_decision_outside_plans_cites_no_plan(office_user, planless):
    letter = issue_proposal_letter(planless, by=office_user)

    document = proposal_context(letter, awardees_in_order(planless))

    assert document["legal_bases"] == ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"]
    assert document["paragraphs"][0].startswith("Trên cơ sở thành tích đạt được của các tập thể, cá nhân, Sở Tư pháp")


@pytest.mark.django_db
def test_second_decision_outside_plans_reuses_the_award_form(client_of, office_user, committee, planless):
    create(client_of(office_user), granting_organization=committee.pk, **BANG_KHEN)

    assert Decision.objects.count() == 2
    assert Decision.objects.values("award_form").distinct().count() == 1
