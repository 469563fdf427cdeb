"""Working days: weekends, Vietnamese public holidays (lunar Tết included) and announced days off skipped."""

import datetime
import functools

import holidays

from .models import DayOff


@functools.cache
def _public_holidays(year):
    return frozenset(holidays.country_holidays("VN", years=year))


def _days_off(start, end):
    extra = DayOff.objects.filter(date__range=(start, end)).values_list("date", flat=True)
    return set().union(*(_public_holidays(year) for year in range(start.year, end.year + 1))) | set(extra)


def is_working_day(day, days_off):
    return day.weekday() < 5 and day not in days_off


class WorkCalendar:
    """The days off between two dates, read once (holidays and the announced days off), to count working days.

    A run that counts for many dossiers builds one calendar over its whole span, not one per count.
    """

    def __init__(self, start, end):
        self.start, self.end = start, end
        self.days_off = _days_off(start, end)

    def add_working_days(self, start, count):
        """The date `count` working days after `start`: the statutory deadline of a dossier received then."""
        day = start
        while count > 0:
            day += datetime.timedelta(days=1)
            count -= is_working_day(day, self.days_off)
        return day

    def working_days_between(self, start, end):
        """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
        if end < start:
            return -self.working_days_between(end, start)
        days = (start + datetime.timedelta(days=n) for n in range(1, (end - start).days + 1))
        return sum(is_working_day(day, self.days_off) for day in days)


def span_of(count):
    """Calendar days that surely hold `count` working days, Tết included."""
    return datetime.timedelta(days=count * 2 + 30)


def add_working_days(start, count):
    """The date `count` working days after `start`."""
    return WorkCalendar(start, start + span_of(count)).add_working_days(start, count)


def working_days_between(start, end):
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    return WorkCalendar(min(start, end), max(start, end)).working_days_between(start, end)


def last_days_before(end, counts):
    """For each count, the latest day with `count` working days after it up to and including `end`."""
    days_off = _days_off(end - datetime.timedelta(days=max(counts) * 2 + 30), end)
    found, day, counted = {}, end, 0
    for count in sorted(set(counts)):
        while counted < count:
            counted += is_working_day(day, days_off)
            day -= datetime.timedelta(days=1)
        found[count] = day
    return found


def working_day_numbers(days):
    """Each day from the first to the last of `days` numbered by the working days since the first one.

    The working days between two of them is then a difference, with one look-up of the days off.
    """
    if not days:
        return {}
    first, last = min(days), max(days)
    days_off = _days_off(first, last)
    numbers, counted, day = {first: 0}, 0, first
    while day < last:
        day += datetime.timedelta(days=1)
        counted += is_working_day(day, days_off)
        numbers[day] = counted
    return numbers
