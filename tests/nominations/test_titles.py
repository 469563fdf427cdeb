"""Rules the law sets on a title, read across every plan's grants: once only, posthumous, consecutive-year prerequisites."""

import datetime

import pytest

from campaigns.models import AwardTitle
from nominations.models import Nomination, NominationError

from ..factories import AwardFormFactory, CampaignFactory, NominationFactory, OrganizationFactory, PersonFactory

Status = Nomination.Status
OPEN = {"nomination_deadline": datetime.date(2099, 12, 31), "award_deadline": datetime.date(2099, 12, 31)}


def form_of(title, year=2025):
    campaign = CampaignFactory(**OPEN, starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 10, 31))
    return AwardFormFactory(campaign=campaign, award_title=title)


def awarded(award_form, person):
    nomination = NominationFactory(campaign=award_form.campaign, award_form=award_form, nominee_person=person,
                                   submitting_unit=person.organization)
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.AWARDED)
    return nomination


def draft(award_form, person, **kwargs):
    return NominationFactory(campaign=award_form.campaign, award_form=award_form, nominee_person=person,
                             submitting_unit=person.organization, **kwargs)


def refusal(nomination):
    with pytest.raises(NominationError) as error:
        nomination.submit(by=None)
    return error.value


@pytest.mark.django_db
def test_title_once_per_person_is_refused_in_a_later_plan():
    title = AwardTitle.objects.create(name="Huy hiệu Vì sự nghiệp Tư pháp", once_per_person=True)
    person = PersonFactory()
    awarded(form_of(title, 2024), person)

    error = refusal(draft(form_of(title, 2025), person))

    assert error.code == "once_only"
    assert error.message == "Đối tượng đã được tặng Huy hiệu Vì sự nghiệp Tư pháp: danh hiệu này chỉ tặng một lần."


@pytest.mark.django_db
def test_title_once_per_person_leaves_other_people_and_titles_free():
    title = AwardTitle.objects.create(name="Huy hiệu Vì sự nghiệp Tư pháp", once_per_person=True)
    person = PersonFactory()
    awarded(form_of(title, 2024), person)
    other_person = draft(form_of(title, 2025), PersonFactory())
    other_title = draft(form_of(AwardTitle.objects.create(name="Bằng khen của Bộ trưởng")), person)

    other_person.submit(by=None)
    other_title.submit(by=None)

    assert (other_person.status, other_title.status) == (Status.SUBMITTED, Status.SUBMITTED)


@pytest.mark.django_db
def test_title_without_posthumous_grant_refuses_a_posthumous_dossier():
    title = AwardTitle.objects.create(name="Chiến sĩ thi đua cơ sở", posthumous_allowed=False)

    error = refusal(draft(form_of(title), PersonFactory(), is_posthumous=True))

    assert error.code == "no_posthumous"


@pytest.mark.django_db
def test_title_with_posthumous_grant_accepts_a_posthumous_dossier():
    nomination = draft(form_of(AwardTitle.objects.create(name="Bằng khen")), PersonFactory(), is_posthumous=True)

    nomination.submit(by=None)

    assert nomination.status == Status.SUBMITTED


@pytest.fixture
def soldier_titles(db):
    base = AwardTitle.objects.create(name="Chiến sĩ thi đua cơ sở")
    return base, AwardTitle.objects.create(name="Chiến sĩ thi đua thành phố", prerequisite=base, prerequisite_years=2)


@pytest.mark.django_db
def test_title_prerequisite_of_two_consecutive_years_is_met(soldier_titles):
    base, higher = soldier_titles
    person = PersonFactory()
    for year in (2023, 2024):
        awarded(form_of(base, year), person)
    nomination = draft(form_of(higher, 2025), person)

    nomination.submit(by=None)

    assert nomination.status == Status.SUBMITTED


@pytest.mark.django_db
def test_title_prerequisite_with_a_missing_year_is_refused_naming_it(soldier_titles):
    base, higher = soldier_titles
    person = PersonFactory()
    awarded(form_of(base, 2022), person)
    awarded(form_of(base, 2024), person)

    error = refusal(draft(form_of(higher, 2025), person))

    assert error.code == "missing_prerequisite"
    assert error.message.endswith("còn thiếu năm 2023.")


@pytest.mark.django_db
def test_title_awarded_in_another_plan_is_flagged_to_reviewers():
    title = AwardTitle.objects.create(name="Bằng khen của Chủ tịch UBND thành phố")
    person = PersonFactory()
    awarded(form_of(title, 2024), person)

    assert draft(form_of(title, 2025), person).was_awarded_before()


def awarded_to_collective(award_form, unit):
    nomination = NominationFactory(campaign=award_form.campaign, award_form=award_form, nominee_person=None,
                                   nominee_organization=unit, submitting_unit=unit)
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.AWARDED)


@pytest.fixture
def collective_titles(db):
    base = AwardTitle.objects.create(name="Tập thể lao động tiên tiến")
    return base, AwardTitle.objects.create(name="Tập thể lao động xuất sắc", prerequisite=base, prerequisite_years=2)


@pytest.mark.django_db
def test_title_prerequisite_counts_the_years_of_the_unit_merged_into_the_nominee(collective_titles):
    base, higher = collective_titles
    district = OrganizationFactory(name="Phòng Tư pháp huyện Phong Điền")
    successor = OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ")
    awarded_to_collective(form_of(base, 2023), district)
    district.merge_into(successor, on=datetime.date(2025, 7, 1), by=None)
    awarded_to_collective(form_of(base, 2024), successor)
    nomination = NominationFactory(campaign=(form := form_of(higher, 2025)).campaign, award_form=form,
                                   nominee_person=None, nominee_organization=successor, submitting_unit=successor)

    nomination.submit(by=None)

    assert nomination.status == Status.SUBMITTED


@pytest.mark.django_db
def test_title_prerequisite_does_not_count_the_years_of_an_unrelated_unit(collective_titles):
    base, higher = collective_titles
    neighbour = OrganizationFactory(name="Phòng Tư pháp huyện Thới Lai")
    unit = OrganizationFactory(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ")
    awarded_to_collective(form_of(base, 2023), neighbour)
    awarded_to_collective(form_of(base, 2024), unit)
    form = form_of(higher, 2025)

    error = refusal(NominationFactory(campaign=form.campaign, award_form=form, nominee_person=None,
                                      nominee_organization=unit, submitting_unit=unit))

    assert error.message.endswith("còn thiếu năm 2023.")
