"""The dashboard page on 100,000 dossiers: time to answer and query count, against the dossier list.

Run from the project's folder, on PostgreSQL, in a scratch database of your own (it is emptied; create it first with
`psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE thidua_wt19_bench"`). DOSSIERS=… sets the size (100,000 by default).
DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_wt19_bench .venv/bin/python bench/dashboard.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

DOSSIERS = int(os.environ.get("DOSSIERS", 100_000))
RUNS = 5
BAR = 1.0  # seconds: the bar for the dashboard page
COMMAND = "DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_wt19_bench .venv/bin/python bench/dashboard.py"


def timed(client, url):
    """(median seconds, queries) of RUNS requests after one warm-up."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.get(url)
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings), len(queries)


def main():
    import django  # noqa: PLC0415

    django.setup()
    from dashboard_data import build  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import setup_test_environment  # noqa: PLC0415

    from nominations.models import Nomination  # noqa: PLC0415

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    users = build(DOSSIERS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(f"data: {Nomination.objects.count():,} dossiers built in {time.perf_counter() - started:.0f} s on {connection.vendor}")

    for name, user in users.items():
        client = Client()
        client.force_login(user)
        baseline, baseline_queries = timed(client, "/ho-so/")
        figure, queries = timed(client, "/thong-ke/")
        filtered, _ = timed(client, f"/thong-ke/?year=2025&unit={Nomination.objects.values_list('submitting_unit', flat=True).first()}")
        print(
            f"{name}: dashboard {figure:.3f} s ({queries} queries), filtered by year and unit {filtered:.3f} s; "
            f"bar {BAR:.1f} s; baseline dossier list {baseline:.3f} s ({baseline_queries} queries); ratio {figure / baseline:.1f}×"
        )
    print(f"load average: {' '.join(f'{load:.2f}' for load in os.getloadavg())} (2 cores shared)")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
