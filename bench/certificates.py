"""1,000 certificates of a signed decision in one PDF the product's way (one Typst process for the document), interleaved
with the truly naive way: each certificate typeset in a fresh Python process that loads Typst, the fonts and
the template for it alone, two such processes at a time (the same 2 cores). Best of 3 each; each run prints
another decision number, so no run reuses an earlier run's layout.

The naive way takes a fraction of a second per certificate, so it is timed on NAIVE_SAMPLE certificates and
scaled to 1,000 (said in the output). Bar: 1,000 certificates ≤ 10 s on 2 processes and ≥ 15× the naive way.
Run from the project's folder: .venv/bin/python bench/certificates.py
(SQLite scratch file by default; DATABASE_URL=postgres://… to use PostgreSQL.)
"""

import os
import resource
from concurrent.futures import ThreadPoolExecutor

from awards_data import setup_django, signed_decision, timed

AWARDEES = int(os.environ.get("AWARDEES", 1000))
NAIVE_SAMPLE = int(os.environ.get("NAIVE_SAMPLE", 20))
PROCESSES = 2
RUNS = 3
BAR_SECONDS, BAR_RATIO = 10.0, 15.0
COMMAND = ".venv/bin/python bench/certificates.py"


def naive_one(certificate):
    """Typeset one certificate in a fresh process, as a script run per certificate would."""
    from documents.typesetting import render_certificates  # noqa: PLC0415

    return render_certificates([certificate])


def numbered(contexts, number):
    """The certificates as another decision, numbered `number`, would print them: every page differs."""
    return [context | {"decision": context["decision"] | {"number": number}} for context in contexts]


def main():
    setup_django()
    from awards.printing import certificate_contexts  # noqa: PLC0415
    from documents.typesetting import render_certificates  # noqa: PLC0415

    decision = signed_decision(AWARDEES)
    contexts = certificate_contexts(decision, print_on_blank=True)
    load_before = os.getloadavg()
    render_certificates(numbered(contexts[:1], 99))  # the operating system has Python, Typst and the fonts cached
    product, naive = [], []
    for run in range(RUNS):
        seconds, pdf = timed(lambda run=run: render_certificates(numbered(contexts, 100 + run)))
        product.append(seconds)
        with ThreadPoolExecutor(PROCESSES) as pool:
            seconds, _ = timed(lambda pool=pool: list(pool.map(naive_one, contexts[:NAIVE_SAMPLE])))
        naive.append(seconds / NAIVE_SAMPLE * AWARDEES)
    best, baseline = min(product), min(naive)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{AWARDEES:,} certificates, one PDF, typeset in one Typst process: best {best:.2f} s of {RUNS} "
          f"({', '.join(f'{s:.2f}' for s in product)}), {len(pdf) // 1024:,} KiB, peak memory {peak_mib:.0f} MiB")
    print(f"naive, a fresh process + Typst + fonts per certificate, {PROCESSES} at a time: timed on "
          f"{NAIVE_SAMPLE} and scaled to {AWARDEES:,}: best {baseline:.0f} s ({', '.join(f'{s:.0f}' for s in naive)})")
    ratio = baseline / best
    print(f"bar: ≤ {BAR_SECONDS:.0f} s: {'met' if best <= BAR_SECONDS else 'missed'} ({best:.2f} s); "
          f"≥ {BAR_RATIO:.0f}× naive: {'met' if ratio >= BAR_RATIO else 'missed'} (ratio {ratio:.0f}×)")
    print(f"load average before {' '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores, shared)")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
