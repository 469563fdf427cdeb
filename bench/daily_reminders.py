"""Bench: the daily reminder run (`send_due_reminders`) over the sector's data, as the beat runs it at 07:00.

Bar: with nothing due, ≤ 1 s on the 100k-dossier data set (`manage.py generate_sector_data` after `seed_demo`).
Times three runs: today's first run (sends what is due), the same run again (nothing new is due), and a day
on which nothing falls due; each in a transaction rolled back afterwards, so the bench can be rerun.
Delivery is left out (it is the Celery tasks' work, measured by bench/reminders.py).
Reproduce:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_issue18 .venv/bin/python bench/daily_reminders.py
"""

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from nominations.models import Nomination  # noqa: E402
from notifications import services  # noqa: E402

BAR_SECONDS = 1.0
QUIET_DAY = datetime.date(2031, 7, 15)  # long after every generated date: nothing falls due


def timed_run(today):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        sent = services.send_due_reminders(today)
        return sent, time.perf_counter() - started, len(queries)


def main():
    services.enqueue_delivery = lambda message_ids: None  # delivery is not the daily run's work
    today = timezone.localdate()
    print(f"{Nomination.objects.count():,} dossiers; load average {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores, shared)")
    with transaction.atomic():
        for label, day in (("today, first run", today), ("today, again (nothing new due)", today), ("a day with nothing due", QUIET_DAY)):
            sent, seconds, queries = timed_run(day)
            print(f"  {label:32} {day:%d/%m/%Y}: {sent:5,} sent in {seconds:.2f} s, {queries} queries")
        transaction.set_rollback(True)
    print(f"bar: nothing due ≤ {BAR_SECONDS} s: {'met' if seconds <= BAR_SECONDS else 'missed'} ({seconds:.2f} s); "
          f"load average after {os.getloadavg()[0]:.2f}")
    print("reproduce: DATABASE_URL=postgres://…/thidua_issue18 .venv/bin/python bench/daily_reminders.py")


if __name__ == "__main__":
    main()
