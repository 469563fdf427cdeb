"""An encrypted round of 30 members × 200 dossiers: encryption per member in Chromium, then on the server the
casting checks, the homomorphic tally, the opening by two trustees and the full recount (verify_round).

Run from the project's folder: .venv/bin/python bench/ballot.py   (Chromium at /usr/bin/chromium)
Same-run baseline: the same 200-dossier ballot encrypted by the server's Python (libsodium).
"""

import functools
import http.server
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
SCRATCH = Path("/tmp/thidua-bench-ballot.sqlite3")
if "DATABASE_URL" not in os.environ:
    SCRATCH.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"

MEMBERS, DOSSIERS = 30, 200
IN_CHROMIUM = int(os.environ.get("BENCH_IN_CHROMIUM", "5"))  # the other members' ballots are made in Python
BARS = {"encryption per member in Chromium": 10.0, "tally at closing": 10.0, "opening (2 trustees)": 30.0,
        "full verification": 300.0}
COMMAND = ".venv/bin/python bench/ballot.py"
ENCRYPT = """async ([round, key, choices]) => {
  const B = await import("/councils/ballot.js");
  const started = performance.now();
  const ballot = B.encryptBallot(round, key, choices);
  return [performance.now() - started, ballot];
}"""


def setup_round():
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from nominations.models import Nomination  # noqa: PLC0415
    from tests.councils.ballots import make_round_key  # noqa: PLC0415
    from tests.factories import AwardFormFactory, CouncilMemberFactory, MeetingFactory, NominationFactory  # noqa: PLC0415

    meeting = MeetingFactory()
    seats = [CouncilMemberFactory(council=meeting.council, role="chair" if n == 0 else "member") for n in range(MEMBERS)]
    award_form = AwardFormFactory(campaign=meeting.campaign)
    nominations = [NominationFactory(campaign=meeting.campaign, award_form=award_form) for _ in range(DOSSIERS)]
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(status=Nomination.Status.IN_REVIEW)
    meeting.agenda.set(nominations)
    meeting.record_attendance(by=None, present_members=seats)
    voting_round = make_round_key(meeting.open_round(by=None, trustees=seats[:2]))
    return voting_round, seats, [n.pk for n in nominations]


def choices_of(member_index, ids):
    return {str(n): ("for", "against", "abstain")[(n + member_index) % 3] for n in ids}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def encrypt_in_chromium(voting_round, ids, count):
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: PLC0415

    handler = functools.partial(QuietHandler, directory=str(ROOT / "static"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    timings, ballots = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/councils/ballot.js")
        for index in range(count):
            milliseconds, ballot = page.evaluate(ENCRYPT, [voting_round.pk, voting_round.public_key, choices_of(index, ids)])
            timings.append(milliseconds / 1000)
            ballots.append(ballot)
        browser.close()
    server.shutdown()
    return timings, ballots


def timed(act):
    started = time.perf_counter()
    result = act()
    return time.perf_counter() - started, result


def main():
    voting_round, seats, ids = setup_round()
    from councils import crypto  # noqa: PLC0415
    from councils.services import cast_ballot, close_round  # noqa: PLC0415
    from councils.verification import verify_round  # noqa: PLC0415
    from tests.councils.ballots import open_totals  # noqa: PLC0415

    browser_times, ballots = encrypt_in_chromium(voting_round, ids, IN_CHROMIUM)
    python_times = []
    for index in range(IN_CHROMIUM, MEMBERS):
        choices = {int(n): option for n, option in choices_of(index, ids).items()}
        seconds, ballot = timed(lambda choices=choices: crypto.encrypt_ballot(voting_round.pk, voting_round.public_key, choices))
        python_times.append(seconds)
        ballots.append(ballot)
    cast_times = [timed(lambda seat=seat, ballot=ballot: cast_ballot(seat, voting_round, ballot))[0]
                  for seat, ballot in zip(seats, ballots, strict=True)]
    tally_seconds, _ = timed(lambda: close_round(voting_round, by=None))
    voting_round.refresh_from_db()
    opening_seconds, _ = timed(lambda: open_totals(voting_round, indices={1, 2}))
    verify_seconds, faults = timed(lambda: verify_round(voting_round))

    encryption = statistics.mean(browser_times)
    baseline = statistics.mean(python_times)
    figures = {
        "encryption per member in Chromium": encryption, "tally at closing": tally_seconds,
        "opening (2 trustees)": opening_seconds, "full verification": verify_seconds,
    }
    print(f"Round of {MEMBERS} members × {DOSSIERS} dossiers (3 ciphertexts and 4 proofs per dossier):")
    for name, seconds in figures.items():
        print(f"  {name}: {seconds:.1f} s (bar ≤ {BARS[name]:.0f} s) {'OK' if seconds <= BARS[name] else 'OVER'}")
    print(f"  encryption in Chromium, {IN_CHROMIUM} members: min {min(browser_times):.1f} s, max {max(browser_times):.1f} s")
    print(f"  baseline, the same ballot encrypted by the server's Python (libsodium): {baseline:.1f} s; "
          f"ratio Chromium / Python = {encryption / baseline:.2f}")
    print(f"  casting (the server checks every proof of a ballot): mean {statistics.mean(cast_times):.1f} s per member")
    print("  opening includes the trustees' partial decryptions, made in Python here (their browsers' work)")
    print(f"  verification: {'verified' if not faults else f'{len(faults)} faults'}")
    print(f"Load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores. Reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
