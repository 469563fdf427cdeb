"""A signed decision with a 200-row annex, the product's way: in a worker that has Django loaded, read the decision
and its awardees from the database and typeset the PDF/A-2b (awards.tasks; Typst in a process of its own, as
every document is). Interleaved with the truly naive way: a fresh Python process per decision that loads Django,
reads the same decision and typesets it, as a script run per decision would. Best of 3 each; each run prints
another decision number, so no run reuses an earlier run's layout. Bar: ≤ 1 s.

Run from the project's folder: .venv/bin/python bench/decision.py
(SQLite scratch file by default; DATABASE_URL=postgres://… to use PostgreSQL.)
"""

import os
import subprocess
import sys

from awards_data import ROOT, setup_django, signed_decision, timed

ROWS = 200
RUNS = 3
BAR_SECONDS = 1.0
COMMAND = ".venv/bin/python bench/decision.py"
NAIVE_SCRIPT = (
    "import sys, django\n"
    "from decision import typeset\n"
    "django.setup()\n"
    "sys.stdout.buffer.write(typeset(int(sys.argv[1]), int(sys.argv[2])))\n"
)


def typeset(decision_id, number):
    """Read the decision and its awardees, and typeset it as decision number `number`."""
    from awards.models import Decision  # noqa: PLC0415
    from awards.printing import decision_context  # noqa: PLC0415
    from awards.services import awardees_in_order  # noqa: PLC0415
    from documents.official import render_official  # noqa: PLC0415

    decision = Decision.objects.select_related("award_form", "campaign", "issuing_organization").get(pk=decision_id)
    decision.number = number
    return render_official("decision", decision_context(decision, awardees_in_order(decision)), archival=decision.is_signed)


def naive_one(decision_id, number):
    """Typeset the decision in a fresh process that loads Django first."""
    done = subprocess.run([sys.executable, "-c", NAIVE_SCRIPT, str(decision_id), str(number)], cwd=ROOT,
                          env=os.environ | {"PYTHONPATH": str(ROOT / "bench")}, capture_output=True, check=True)
    return done.stdout


def main():
    setup_django()
    decision = signed_decision(ROWS)
    load_before = os.getloadavg()
    typeset(decision.pk, 99)  # a worker that has typeset before
    product, naive = [], []
    for run in range(RUNS):
        seconds, pdf = timed(lambda run=run: typeset(decision.pk, 100 + run))
        product.append(seconds)
        naive.append(timed(lambda run=run: naive_one(decision.pk, 200 + run))[0])
    best, baseline = min(product), min(naive)
    print(f"signed decision (PDF/A-2b) with a {ROWS}-row annex, read and typeset by a warm worker: best {best:.2f} s "
          f"of {RUNS} ({', '.join(f'{s:.2f}' for s in product)}), {len(pdf) // 1024} KiB")
    print(f"naive, a fresh process + Django per decision: best {baseline:.2f} s ({', '.join(f'{s:.2f}' for s in naive)}); "
          f"ratio {baseline / best:.1f}×")
    print(f"bar: ≤ {BAR_SECONDS:.0f} s: {'met' if best <= BAR_SECONDS else 'missed'} ({best:.2f} s)")
    print(f"load average before {' '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores, shared)")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
