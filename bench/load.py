"""Load test: 20 users of every role, signed in first, browse their main pages for 60 s against gunicorn (2 workers).

Bar: p95 ≤ 150 ms and no errors over the sector's data (`manage.py generate_sector_data --units 5000
--dossiers 100000` after `manage.py seed_demo`; every password is "demo").
Reproduce:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_issue18 .venv/bin/python bench/load.py
Options: --users 20 --seconds 60 --think 1.0 --workers 2 --url http://127.0.0.1:8718 (then no gunicorn is started).
"""

import argparse
import collections
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PORT = 8718
BAR_P95_MS = 150
COMMAND = "DATABASE_URL=… .venv/bin/python bench/load.py"

# (account, share of the users, pages): the pages each role opens most, in the order a person would.
ROLES = [
    ("sotuphap", 6, [
        "/", "/ho-so/", "/ho-so/?q=nguyen+van", "/ho-so/?status=submitted", "/ho-so/?page=3",
        "/ho-so/?campaign=1&status=approved", "/khen-thuong/du-thao/", "/khen-thuong/", "/khen-thuong/so-khen-thuong/",
        "/hoi-dong/", "/hoi-dong/{council}/", "/phong-trao/", "/ho-so/{dossier}/",
    ]),
    ("donvi{unit:05d}", 8, ["/", "/ho-so/", "/ho-so/?q=nguyen", "/phong-trao/", "/phong-trao/bao-cao/", "/khen-thuong/"]),
    ("hoidong{member}", 3, ["/", "/ho-so/", "/ho-so/?status=in_review", "/hoi-dong/cuoc-hop/", "/ho-so/{dossier}/"]),
    ("lanhdao", 3, ["/", "/khen-thuong/", "/khen-thuong/so-khen-thuong/", "/khen-thuong/so-khen-thuong/?q=nguyen", "/ho-so/"]),
]


def log_in(base, username):
    session = requests.Session()
    page = session.get(f"{base}/dang-nhap/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{base}/dang-nhap/", data={"username": username, "password": "demo", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/dang-nhap/"}, timeout=30, allow_redirects=False,
    )
    if answer.status_code != 302:
        sys.exit(f"{username} could not log in ({answer.status_code})")
    return session


# Placeholders of the pages, and the links they are filled from: a person opens what a list showed them.
LINKS = {name: re.compile(rf'href="/{prefix}/(\d+)/"') for name, prefix in [("dossier", "ho-so"), ("council", "hoi-dong")]}


def user_loop(base, session, pages, deadline, think, results, seed):
    rng = random.Random(seed)
    seen = {name: [] for name in LINKS}
    while time.monotonic() < deadline:
        for page in pages:
            if time.monotonic() >= deadline:
                return
            wanted = [name for name in LINKS if f"{{{name}}}" in page]
            if any(not seen[name] for name in wanted):
                continue  # no list has shown such a link yet
            path = page.format(**{name: rng.choice(seen[name]) for name in wanted})
            started = time.perf_counter()
            try:
                answer = session.get(base + path, timeout=30, allow_redirects=False)
                ok, status = answer.status_code == 200, answer.status_code
                for name, link in LINKS.items():
                    seen[name] = link.findall(answer.text) or seen[name]
            except requests.RequestException as error:
                ok, status = False, type(error).__name__
            results.append((page, (time.perf_counter() - started) * 1000, ok, status))
            time.sleep(think * rng.uniform(0.5, 1.5))


def start_gunicorn(workers):
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        # As in production: DEBUG off, which refuses to start with the development key.
        cwd=ROOT, env={"SECRET_KEY": secrets.token_urlsafe(50), **os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1"},
    )
    for _ in range(120):
        try:
            requests.get(f"http://127.0.0.1:{PORT}/healthz", timeout=5)
            return process
        except requests.RequestException:
            time.sleep(0.5)
    process.kill()
    sys.exit("gunicorn did not start")


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--url", default="")
    options = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))  # so gunicorn is stopped below
    server = None if options.url else start_gunicorn(options.workers)
    base = options.url or f"http://127.0.0.1:{PORT}"
    try:
        accounts = []
        for account, share, pages in ROLES:
            for n in range(share * options.users // 20):
                accounts.append((account.format(unit=n + 1, member=n % 5 + 1), pages))
        # Signed in before the clock starts: twenty password checks at once would be a login storm, not browsing.
        sessions = [(log_in(base, username), pages) for username, pages in accounts]
        results = []
        load_before = os.getloadavg()
        deadline = time.monotonic() + options.seconds
        threads = [
            threading.Thread(target=user_loop, args=(base, session, pages, deadline, options.think, results, n))
            for n, (session, pages) in enumerate(sessions)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    times = [ms for _page, ms, _ok, _status in results]
    errors = collections.Counter(status for _page, _ms, ok, status in results if not ok)
    print(f"{len(accounts)} users, {options.seconds:.0f} s, think {options.think} s, gunicorn {options.workers} workers; "
          f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores, shared)")
    by_page = collections.defaultdict(list)
    for page, ms, _ok, _status in results:
        by_page[page].append(ms)
    for page, values in sorted(by_page.items(), key=lambda item: -percentile(item[1], 0.95)):
        print(f"  {page:45} n={len(values):4}  p50 {statistics.median(values):7.0f} ms  p95 {percentile(values, 0.95):7.0f} ms")
    p95 = percentile(times, 0.95)
    print(f"requests {len(times)}, {len(times) / elapsed:.1f} req/s; p50 {statistics.median(times):.0f} ms, "
          f"p95 {p95:.0f} ms, p99 {percentile(times, 0.99):.0f} ms; errors {sum(errors.values())} {dict(errors)}")
    print(f"bar: p95 ≤ {BAR_P95_MS} ms and no errors: {'met' if p95 <= BAR_P95_MS and not errors else 'missed'}")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
