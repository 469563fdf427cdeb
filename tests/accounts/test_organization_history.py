"""Organizations with history: provinces merged and districts abolished on 01/07/2025 (Nghị quyết 202/2025/QH15)."""

import datetime

import pytest
from django.urls import reverse

from accounts.forms import InviteForm, OrganizationForm
from accounts.models import Organization, OrganizationError
from awards.printing import decision_context
from awards.services import draft_decision, sign_decision
from tests.factories import AwardFormFactory, CampaignFactory, OrganizationFactory, UserFactory, approved_nomination

MERGER_DAY = datetime.date(2025, 7, 1)


@pytest.fixture
def district(db):
    return OrganizationFactory(name="Phòng Tư pháp huyện Phong Điền", kind=Organization.Kind.DISTRICT_JUSTICE)


@pytest.fixture
def centre(db):
    return OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ")


def merge(client, organization, successor, day="01/07/2025"):
    data = {"merge-successor": successor.pk, "merge-merged_on": day}
    return client.post(reverse("accounts:organization_merge", args=[organization.pk]), data)


@pytest.mark.django_db
def test_organization_merged_by_the_office_ends_the_day_before_and_names_its_successor(client_of, office_user, district, centre):
    merge(client_of(office_user), district, centre)

    district.refresh_from_db()
    assert (district.successor, district.valid_until) == (centre, datetime.date(2025, 6, 30))
    assert [(change.actor, change.note) for change in district.changes.all()] == [
        (office_user, "Sáp nhập vào Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ từ ngày 01/07/2025."),
    ]


@pytest.mark.django_db
def test_organization_page_shows_who_recorded_the_merger_and_the_predecessors(client_of, office_user, district, centre):
    client = client_of(office_user)
    merge(client, district, centre)

    successor_page = client.get(reverse("accounts:organization_edit", args=[centre.pk])).content.decode()
    old_page = client.get(reverse("accounts:organization_edit", args=[district.pk])).content.decode()

    assert "Phòng Tư pháp huyện Phong Điền" in successor_page
    assert "Đơn vị đã hết hiệu lực sau ngày 30/06/2025" in old_page
    assert office_user.get_full_name() in old_page


@pytest.mark.django_db
def test_organization_merged_into_itself_is_refused_keeping_the_date_typed(client_of, office_user, district):
    response = merge(client_of(office_user), district, district, day="01/07/2025")

    form = response.context["merge_form"]
    assert form.errors["successor"] == ["Đơn vị không thể kế thừa chính nó."]
    assert form["merged_on"].value() == "01/07/2025"
    assert district.changes.count() == 0


@pytest.mark.django_db
def test_organization_merged_into_its_own_successor_is_refused_as_a_cycle(client_of, office_user, district, centre):
    client = client_of(office_user)
    merge(client, district, centre, day="01/01/2027")  # recorded ahead: the district is still in force

    response = merge(client, centre, district)

    assert response.context["merge_form"].errors["successor"] == [
        "Phòng Tư pháp huyện Phong Điền đã được sáp nhập vào Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ: "
        "không thể sáp nhập ngược lại."
    ]
    centre.refresh_from_db()
    assert centre.successor is None


@pytest.mark.django_db
def test_organization_merged_before_it_began_is_refused(client_of, office_user, centre):
    district = OrganizationFactory(name="Phòng Tư pháp quận Cái Răng", valid_from=datetime.date(2004, 1, 2))

    response = merge(client_of(office_user), district, centre, day="01/01/2004")

    assert response.context["merge_form"].has_error("merged_on", code="ends_before_start")


@pytest.mark.django_db
def test_organization_end_date_before_its_start_is_refused(client_of, office_user, district):
    data = {"name": district.name, "kind": district.kind, "province": "Cần Thơ",
            "valid_from": "01/01/2010", "valid_until": "31/12/2009"}

    response = client_of(office_user).post(reverse("accounts:organization_edit", args=[district.pk]), data)

    assert response.context["form"].errors["valid_until"] == ["Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."]


@pytest.mark.django_db
def test_organization_merge_of_another_province_is_refused(client_of, office_user, centre):
    elsewhere = OrganizationFactory(name="Phòng Tư pháp huyện Châu Thành", province="An Giang")

    response = merge(client_of(office_user), elsewhere, centre)

    assert response.status_code == 403


@pytest.mark.django_db
def test_organization_no_longer_in_force_is_not_offered_for_new_work(office_user, district, centre):
    district.merge_into(centre, on=MERGER_DAY, by=office_user)

    parents = OrganizationForm(user=office_user).fields["parent"].queryset

    assert district not in parents and centre in parents


@pytest.mark.django_db
def test_organization_no_longer_in_force_stays_where_it_already_is(office_user, district, centre):
    branch = OrganizationFactory(name="Tổ Trợ giúp pháp lý Phong Điền", parent=district)
    district.merge_into(centre, on=MERGER_DAY, by=office_user)

    parents = OrganizationForm(instance=branch, user=office_user).fields["parent"].queryset

    assert district in parents


@pytest.mark.django_db
def test_account_invite_for_an_organization_no_longer_in_force_is_refused(office_user, district, centre):
    district.merge_into(centre, on=MERGER_DAY, by=office_user)
    data = {"full_name": "Trần Thị Mai", "username": "tran.mai", "email": "mai@tgpl.cantho.gov.vn", "organization": district.pk}

    form = InviteForm(data, user=office_user)

    assert form.errors["organization"] == ["Phòng Tư pháp huyện Phong Điền đã hết hiệu lực: hãy chọn đơn vị kế thừa."]


@pytest.mark.django_db
def test_organization_lineage_reaches_back_through_every_merger(office_user, district, centre):
    commune = OrganizationFactory(name="Ban Tư pháp xã Nhơn Ái")
    commune.merge_into(district, on=datetime.date(2020, 1, 1), by=office_user)
    district.merge_into(centre, on=MERGER_DAY, by=office_user)

    assert centre.lineage_ids() == {centre.pk, district.pk, commune.pk}
    with pytest.raises(OrganizationError):
        centre.merge_into(commune, on=MERGER_DAY, by=office_user)


@pytest.fixture
def signed_decision(office_user, leader):
    campaign = CampaignFactory(nomination_deadline=datetime.date(2099, 12, 31), award_deadline=datetime.date(2099, 12, 31))
    award_form = AwardFormFactory(campaign=campaign, granting_organization=office_user.organization)
    approved_nomination(campaign=award_form.campaign, award_form=award_form)
    decision = draft_decision(award_form, by=office_user)
    decision.signer_name = "Nguyễn Ngọc Hè"
    decision.save()
    return sign_decision(decision, by=leader)


@pytest.mark.django_db
def test_decision_keeps_the_issuer_name_it_was_signed_under_after_a_rename(signed_decision):
    office = signed_decision.issuing_organization
    office.name = "Sở Tư pháp thành phố Cần Thơ (sau sắp xếp)"
    office.save()

    signed_decision.refresh_from_db()
    assert signed_decision.issuer_name == "Sở Tư pháp thành phố Cần Thơ"
    assert decision_context(signed_decision, [])["issuing_body"] == "Sở Tư pháp thành phố Cần Thơ"


@pytest.mark.django_db
def test_register_of_the_successor_shows_its_predecessors_awards(client_of, office_user, signed_decision, centre):
    award = signed_decision.awards.get()
    predecessor = award.person.organization
    predecessor.merge_into(centre, on=MERGER_DAY, by=office_user)

    response = client_of(office_user).get(reverse("awards:organization", args=[centre.pk]))

    assert [item.pk for item in response.context["page"]] == [award.pk]
    assert f"Kế thừa khen thưởng của: {predecessor.name}" in response.content.decode()


@pytest.mark.django_db
def test_unit_of_the_successor_sees_its_history_including_the_predecessor(client_of, office_user, centre):
    district = OrganizationFactory(name="Phòng Tư pháp huyện Cờ Đỏ")
    district.merge_into(centre, on=MERGER_DAY, by=office_user)
    unit = UserFactory(organization=centre)

    response = client_of(unit).get(reverse("awards:organization", args=[centre.pk]))

    assert response.status_code == 200
    assert list(response.context["predecessors"]) == [district]


@pytest.mark.django_db
@pytest.mark.parametrize("merged", [1, 5])
def test_organization_list_shows_mergers_in_the_same_number_of_queries(client_of, office_user, centre, merged, django_assert_num_queries):
    for number in range(merged):
        OrganizationFactory(name=f"Phòng Tư pháp huyện số {number}").merge_into(centre, on=MERGER_DAY, by=office_user)
    client = client_of(office_user)

    with django_assert_num_queries(8):
        page = client.get(reverse("accounts:organizations")).content.decode()

    assert page.count("sáp nhập vào Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ") == merged
