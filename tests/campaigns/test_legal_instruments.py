import datetime

import pytest

from campaigns.models import LegalInstrument, instruments_in_force
from tests.factories import OrganizationFactory


def numbers(instruments):
    return [instrument.number or instrument.title for instrument in instruments]


@pytest.mark.django_db
def test_legal_bases_on_the_last_day_of_decree_98_cite_it():
    assert numbers(instruments_in_force(datetime.date(2025, 6, 30), OrganizationFactory())) == [
        "Luật Thi đua, khen thưởng", "98/2023/NĐ-CP",
    ]


@pytest.mark.django_db
def test_legal_bases_from_1_july_2025_cite_decree_152():
    assert numbers(instruments_in_force(datetime.date(2025, 7, 1), OrganizationFactory())) == [
        "Luật Thi đua, khen thưởng", "152/2025/NĐ-CP",
    ]


@pytest.mark.django_db
def test_legal_bases_before_the_2022_law_took_effect_are_not_cited():
    assert instruments_in_force(datetime.date(2023, 12, 31), OrganizationFactory()) == []


@pytest.mark.django_db
def test_legal_bases_of_a_province_apply_in_that_province_only_and_after_the_national_ones():
    city = OrganizationFactory(province="Cần Thơ")
    regulation = LegalInstrument.objects.create(
        kind="decision", number="10/2024/QĐ-UBND", title="Quy định về công tác thi đua, khen thưởng",
        citation="Căn cứ Quyết định số 10/2024/QĐ-UBND ngày 13 tháng 6 năm 2024 của Ủy ban nhân dân thành phố Cần Thơ;",
        effective_from=datetime.date(2024, 6, 25), organization=city,
    )
    day = datetime.date(2025, 9, 1)

    in_can_tho = instruments_in_force(day, OrganizationFactory(province="Cần Thơ"))
    elsewhere = instruments_in_force(day, OrganizationFactory(province="An Giang"))

    assert in_can_tho[-1] == regulation
    assert regulation not in elsewhere
    assert regulation not in instruments_in_force(day, OrganizationFactory(province=""))


@pytest.mark.django_db
def test_legal_instrument_ending_before_it_starts_is_refused():
    instrument = LegalInstrument(
        kind="decree", number="1/2025/NĐ-CP", title="x", citation="x",
        effective_from=datetime.date(2025, 7, 1), effective_until=datetime.date(2025, 6, 30),
    )

    with pytest.raises(Exception) as error:
        instrument.full_clean()

    assert error.value.error_dict["effective_until"][0].code == "ends_before_start"
