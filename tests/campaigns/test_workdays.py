import datetime

import pytest

from campaigns.models import DayOff
from campaigns.workdays import add_working_days, working_days_between


@pytest.mark.django_db
def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 11, 20)

    assert add_working_days(friday, 1) == datetime.date(2026, 11, 23)


@pytest.mark.django_db
def test_working_days_skip_lunar_new_year():
    # Tết 2026: 16–20 February are public holidays.
    assert add_working_days(datetime.date(2026, 2, 13), 1) == datetime.date(2026, 2, 23)


@pytest.mark.django_db
def test_working_days_skip_an_announced_day_off():
    DayOff.objects.create(date=datetime.date(2026, 12, 1), name="Nghỉ bù")

    assert add_working_days(datetime.date(2026, 11, 30), 1) == datetime.date(2026, 12, 2)


@pytest.mark.django_db
def test_working_days_between_is_negative_once_past():
    monday = datetime.date(2026, 11, 30)

    assert working_days_between(monday, datetime.date(2026, 12, 4)) == 4
    assert working_days_between(datetime.date(2026, 12, 4), monday) == -4
