import datetime

import pytest

from campaigns.models import DayOff
from campaigns.workdays import add_working_days, last_days_before, working_day_numbers, working_days_between
from dashboards.figures import Scope, late_dossiers, processing_times
from nominations.models import Nomination
from tests.clock import TODAY

from .helpers import dossier, handled

pytestmark = pytest.mark.django_db
# Receipt days around Tết 2026 (16–22/02), 30/4–1/5 and 2/9, and a government's extra day off.
RECEIVED = [TODAY - datetime.timedelta(days=days) for days in range(0, 330, 7)] + [datetime.date(2026, 2, 13), datetime.date(2026, 4, 29)]


def test_last_days_before_matches_counting_the_working_days_one_by_one():
    DayOff.objects.create(date=datetime.date(2026, 9, 1), name="Nghỉ bù Quốc khánh")

    found = last_days_before(TODAY, [1, 20, 21, 45])

    for count, day in found.items():
        assert working_days_between(day, TODAY) >= count
        assert working_days_between(day + datetime.timedelta(days=1), TODAY) < count


def test_working_day_numbers_differ_by_the_working_days_between():
    days = [datetime.date(2026, 1, 30), datetime.date(2026, 2, 27), datetime.date(2026, 5, 4)]

    numbers = working_day_numbers(days)

    assert numbers[days[1]] - numbers[days[0]] == working_days_between(days[0], days[1])
    assert numbers[days[2]] - numbers[days[0]] == working_days_between(days[0], days[2])


def test_late_dossiers_fall_in_the_band_of_their_working_days_past_the_appraisal_deadline(office_user):
    DayOff.objects.create(date=datetime.date(2026, 9, 1), name="Nghỉ bù Quốc khánh")
    for day in RECEIVED:
        dossier("submitted", submitted=day)
    dossier("in_review", submitted=datetime.date(2026, 1, 5))  # handled: never late

    figure = late_dossiers(Scope(office_user))

    late = [-nomination.working_days_left[1] for nomination in Nomination.objects.filter(status="submitted")]
    assert [row.cells[0].value for row in figure.rows] == [
        sum(1 <= days <= 5 for days in late), sum(6 <= days <= 10 for days in late),
        sum(11 <= days <= 20 for days in late), sum(days > 20 for days in late),
    ]
    assert sum(days > 0 for days in late) == sum(row.cells[0].value for row in figure.rows) > 20


def test_processing_times_count_the_working_days_from_receipt_against_the_statutory_times(office_user):
    received = datetime.date(2026, 2, 10)  # Tết falls inside the appraisal time
    for days in (3, 10, 19, 20, 21, 35):
        handled(dossier("in_review", submitted=received), "in_review", add_working_days(received, days))
    handled(dossier("returned", submitted=received), "returned", add_working_days(received, 5))
    handled(dossier("returned", submitted=received), "returned", add_working_days(received, 6))

    figure = processing_times(Scope(office_user))

    appraisal, returned = figure.rows
    assert [cell.value for cell in appraisal.cells] == [4, 2, round(108 / 6, 1), 20]
    assert [cell.value for cell in returned.cells] == [1, 1, 5.5, 5]
