import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from campaigns.models import Campaign, Participation
from tests.factories import CampaignFactory, CampaignPeriodFactory, OrganizationFactory, UserFactory


def workbook(*rows):
    book = openpyxl.Workbook()
    book.active.append(["Đơn vị", "Giai đoạn", "Số tập thể tham gia", "Số cá nhân tham gia"])
    for row in rows:
        book.active.append(list(row))
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("tham_gia.xlsx", data.getvalue())


@pytest.mark.django_db
def test_participation_a_unit_declares_its_own_per_period(client_of, unit_user):
    campaign = CampaignFactory()
    period = CampaignPeriodFactory(campaign=campaign, name="Năm 2025")
    other = OrganizationFactory()
    data = {"organization": other.pk, "period": period.pk, "collective_count": "3", "individual_count": "40"}

    client_of(unit_user).post(reverse("campaigns:participation", args=[campaign.pk]), data)

    declared = Participation.objects.get()
    assert (declared.organization, declared.period, declared.collective_count, declared.individual_count) == (
        unit_user.organization, period, 3, 40,
    )


@pytest.mark.django_db
def test_participation_declared_again_replaces_the_figures(client_of, office_user):
    campaign = CampaignFactory()
    unit = OrganizationFactory()
    url = reverse("campaigns:participation", args=[campaign.pk])
    client = client_of(office_user)
    client.post(url, {"organization": unit.pk, "collective_count": "3", "individual_count": "40"})

    client.post(url, {"organization": unit.pk, "collective_count": "4", "individual_count": "41"})

    assert list(Participation.objects.values_list("collective_count", "individual_count")) == [(4, 41)]


@pytest.mark.django_db
def test_participation_negative_count_is_refused(client_of, office_user):
    campaign = CampaignFactory()

    response = client_of(office_user).post(
        reverse("campaigns:participation", args=[campaign.pk]),
        {"organization": OrganizationFactory().pk, "collective_count": "-1", "individual_count": "4"},
    )

    assert response.context["form"].has_error("collective_count", code="min_value")
    assert not Participation.objects.exists()


@pytest.mark.django_db
def test_participation_page_shows_a_unit_only_its_own(client_of, unit_user):
    campaign = CampaignFactory()
    Participation.objects.create(campaign=campaign, organization=unit_user.organization, individual_count=7)
    Participation.objects.create(campaign=campaign, organization=OrganizationFactory(name="Công an thành phố"), individual_count=9)

    page = client_of(unit_user).get(reverse("campaigns:participation", args=[campaign.pk])).content.decode()

    assert unit_user.organization.name in page
    assert "Công an thành phố" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", [User.Role.COUNCIL_MEMBER, User.Role.LEADER])
def test_participation_is_declared_by_the_office_and_units_only(client_of, role):
    campaign = CampaignFactory()

    response = client_of(UserFactory(role=role)).get(reverse("campaigns:participation", args=[campaign.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_participation_of_a_draft_plan_is_forbidden_to_a_unit(client_of, unit_user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)

    response = client_of(unit_user).get(reverse("campaigns:participation", args=[campaign.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_participation_import_from_excel_declares_every_row(client_of, office_user):
    campaign = CampaignFactory()
    CampaignPeriodFactory(campaign=campaign, name="Năm 2025")
    police, court = OrganizationFactory(name="Công an thành phố Cần Thơ"), OrganizationFactory(name="Tòa án nhân dân thành phố Cần Thơ")

    client_of(office_user).post(
        reverse("campaigns:participation_import", args=[campaign.pk]),
        {"workbook": workbook(("cong an thanh pho can tho", None, 12, 60), ("Tòa án nhân dân thành phố Cần Thơ", "Năm 2025", 8, 45))},
    )

    rows = Participation.objects.order_by("organization__name").values_list("organization", "period__name", "collective_count", "individual_count")
    assert list(rows) == [(police.pk, None, 12, 60), (court.pk, "Năm 2025", 8, 45)]


@pytest.mark.django_db
def test_participation_import_with_an_unknown_unit_imports_nothing_and_names_the_line(client_of, office_user):
    campaign = CampaignFactory()
    OrganizationFactory(name="Công an thành phố Cần Thơ")

    response = client_of(office_user).post(
        reverse("campaigns:participation_import", args=[campaign.pk]),
        {"workbook": workbook(("Công an thành phố Cần Thơ", None, 12, 60), ("Sở Không Có", None, 1, 1))}, follow=True,
    )

    assert not Participation.objects.exists()
    assert "Dòng 3: không có đơn vị “Sở Không Có”." in response.content.decode()


@pytest.mark.django_db
def test_participation_import_is_for_the_office_only(client_of, unit_user):
    campaign = CampaignFactory()

    response = client_of(unit_user).post(
        reverse("campaigns:participation_import", args=[campaign.pk]), {"workbook": workbook()}
    )

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_participation_page_query_count_does_not_grow_with_rows(client_of, office_user, django_assert_num_queries, rows):
    campaign = CampaignFactory()
    for _ in range(rows):
        Participation.objects.create(campaign=campaign, organization=OrganizationFactory(), individual_count=3)
    client = client_of(office_user)

    with django_assert_num_queries(11):
        client.get(reverse("campaigns:participation", args=[campaign.pk]))
