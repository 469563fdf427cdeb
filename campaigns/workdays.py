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
