"""Working days: weekends, Vietnamese public holidays (lunar Tết included) and announced days off skipped."""

import datetime

import holidays

from .models import DayOff


def _days_off(start, end):
    public = holidays.country_holidays("VN", years=range(start.year, end.year + 1))
    extra = DayOff.objects.filter(date__range=(start, end)).values_list("date", flat=True)
    return set(public) | set(extra)


def is_working_day(day, days_off):
    return day.weekday() < 5 and day not in days_off


def add_working_days(start, count):
    """The date `count` working days after `start`: the statutory deadline of a dossier received then."""
    days_off = _days_off(start, start + datetime.timedelta(days=count * 2 + 30))
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, days_off):
            count -= 1
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end < start:
        return -working_days_between(end, start)
    days_off = _days_off(start, end)
    span = (end - start).days
    return sum(is_working_day(start + datetime.timedelta(days=n), days_off) for n in range(1, span + 1))



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
