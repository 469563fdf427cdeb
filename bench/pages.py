"""Per request, in-process: the time, the query count and the slowest query of each page of bench/load.py's roles,
on the sector's data (`manage.py generate_sector_data --units 5000 --dossiers 100000` after `seed_demo`).

Where the wall clock is noisy (a shared machine), the queries' own time and count are the figures to compare.
Reproduce: DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_perf .venv/bin/python bench/pages.py [filter]
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
RUNS = 3
BAR_MS = 150


def measure(client, url):
    """(best milliseconds of RUNS, queries, milliseconds in queries, the slowest query) of one page."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    best = None
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            milliseconds = (time.perf_counter() - started) * 1000
        if best is None or milliseconds < best[0]:
            slowest = max(queries.captured_queries, key=lambda query: float(query["time"]), default={"time": 0, "sql": ""})
            in_queries = sum(float(query["time"]) for query in queries.captured_queries) * 1000
            best = (milliseconds, len(queries), in_queries, slowest, response.status_code, len(response.content))
    return best


def main():
    import django  # noqa: PLC0415

    django.setup()
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import setup_test_environment  # noqa: PLC0415
    from load import ROLES  # noqa: PLC0415

    from accounts.models import User  # noqa: PLC0415
    from councils.models import Council  # noqa: PLC0415
    from nominations.models import Nomination  # noqa: PLC0415

    setup_test_environment()
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores, shared); best of {RUNS}")
    for account, _share, pages in ROLES:
        client, user = Client(), User.objects.get(username=account.format(unit=1, member=1))
        client.force_login(user)
        dossier = Nomination.objects.visible_to(user).order_by("pk").values_list("pk", flat=True).last()
        council = Council.objects.visible_to(user).order_by("pk").values_list("pk", flat=True).first()
        for page in pages:
            url = page.format(dossier=dossier, council=council)
            if only not in url or "/None/" in url:  # the user sees no such dossier or council
                continue
            milliseconds, queries, in_queries, slowest, status, size = measure(client, url)
            print(f"{account.format(unit=1, member=1):11} {url:45} {status} {milliseconds:7.0f} ms "
                  f"{'OVER' if milliseconds > BAR_MS else 'ok  '} {queries:3} queries {in_queries:6.0f} ms in SQL, "
                  f"slowest {float(slowest['time']) * 1000:.0f} ms, {size // 1024} KiB")
            if float(slowest["time"]) * 1000 > BAR_MS / 3:
                print(f"    {slowest['sql'][:400]}")
    print(f"bar: p95 ≤ {BAR_MS} ms under load (bench/load.py); reproduce: "
          "DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_perf .venv/bin/python bench/pages.py")


if __name__ == "__main__":
    main()
