"""1,000 certificates of a signed decision in one PDF the product's way (warm render processes, fonts embedded
once), interleaved with the truly naive way: each certificate laid out in a fresh Python process with a fresh
WeasyPrint HTML and FontConfiguration, two such processes at a time (the same 2 cores). Best of 3 each.

The naive way takes about a second per certificate, so it is timed on NAIVE_SAMPLE certificates and scaled to
1,000 (said in the output). Bar: 1,000 certificates ≤ 10 s on 2 processes and ≥ 15× the naive way.
Run from the project's folder: .venv/bin/python bench/certificates.py
(SQLite scratch file by default; DATABASE_URL=postgres://… to use PostgreSQL.)
"""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from awards_data import setup_django, signed_decision

AWARDEES = int(os.environ.get("AWARDEES", 1000))
NAIVE_SAMPLE = int(os.environ.get("NAIVE_SAMPLE", 20))
PROCESSES = 2
RUNS = 3
BAR_SECONDS, BAR_RATIO = 10.0, 15.0
COMMAND = ".venv/bin/python bench/certificates.py"
NAIVE_RENDER = (
    "import sys\n"
    "from weasyprint import HTML\n"
    "from weasyprint.text.fonts import FontConfiguration\n"
    "html = sys.stdin.read()\n"
    "sys.stdout.buffer.write(HTML(string=html, base_url=sys.argv[1]).write_pdf(font_config=FontConfiguration()))\n"
)


def naive_one(html):
    """Lay out one certificate in a fresh process, as a script run per certificate would."""
    from documents.rendering import BASE_URL  # noqa: PLC0415

    done = subprocess.run([sys.executable, "-c", NAIVE_RENDER, BASE_URL], input=html.encode(), capture_output=True,
                          check=True)
    return done.stdout


def timed(act):
    started = time.perf_counter()
    result = act()
    return time.perf_counter() - started, result


def main():
    setup_django()
    from django.template.loader import render_to_string  # noqa: PLC0415

    from awards.printing import certificate_contexts  # noqa: PLC0415
    from documents.rendering import render_pdf_pages  # noqa: PLC0415

    decision = signed_decision(AWARDEES)
    contexts = certificate_contexts(decision, print_on_blank=True)
    sample = [render_to_string("documents/certificate.html", {"pages": [context]}) for context in contexts[:NAIVE_SAMPLE]]
    load_before = os.getloadavg()
    render_pdf_pages("documents/certificate.html", contexts[:200], processes=PROCESSES)  # starts the warm pool, once
    product, naive = [], []
    for _ in range(RUNS):
        seconds, pdf = timed(lambda: render_pdf_pages("documents/certificate.html", contexts, processes=PROCESSES))
        product.append(seconds)
        with ThreadPoolExecutor(PROCESSES) as pool:
            seconds, _ = timed(lambda pool=pool: list(pool.map(naive_one, sample)))
        naive.append(seconds / NAIVE_SAMPLE * AWARDEES)
    best, baseline = min(product), min(naive)
    print(f"{AWARDEES:,} certificates, one PDF, warm pool of {PROCESSES} render processes: best {best:.1f} s of {RUNS} "
          f"({', '.join(f'{s:.1f}' for s in product)}), {len(pdf) // 1024:,} KiB")
    print(f"naive, a fresh process + HTML + FontConfiguration per certificate, {PROCESSES} at a time: timed on "
          f"{NAIVE_SAMPLE} and scaled to {AWARDEES:,}: best {baseline:.0f} s ({', '.join(f'{s:.0f}' for s in naive)})")
    ratio = baseline / best
    print(f"bar: ≤ {BAR_SECONDS:.0f} s: {'met' if best <= BAR_SECONDS else 'missed'} ({best:.1f} s); "
          f"≥ {BAR_RATIO:.0f}× naive: {'met' if ratio >= BAR_RATIO else 'missed'} (ratio {ratio:.1f}×)")
    print(f"load average before {' '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores, shared)")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
