"""A decision with a 200-row annex, rendered the way the product renders it.

Run from the project's folder: .venv/bin/python bench/decision.py
"""

import time

from awards_data import setup_django, signed_decision

ROWS = 200
RUNS = 3
COMMAND = ".venv/bin/python bench/decision.py"


def main():
    setup_django()
    from awards.printing import decision_context  # noqa: PLC0415
    from awards.services import awardees_in_order  # noqa: PLC0415
    from documents.rendering import render_pdf  # noqa: PLC0415

    decision = signed_decision(ROWS)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        pdf = render_pdf("documents/decision.html", decision_context(decision, awardees_in_order(decision)))
        timings.append(time.perf_counter() - started)

    print(f"decision with a {ROWS}-row annex: best {min(timings):.2f} s of {RUNS} runs ({len(pdf) // 1024} KiB); goal ≤ 2 s")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
