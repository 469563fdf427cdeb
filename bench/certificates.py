"""Certificates of a signed decision the way the product renders them (for printing on the office's
pre-printed blanks, in one PDF), against one PDF per certificate.

Run from the project's folder: .venv/bin/python bench/certificates.py
(SQLite scratch file by default; DATABASE_URL=postgres://… to use PostgreSQL.)
"""

import time

from awards_data import setup_django, signed_decision

AWARDEES = 1000
NAIVE = 50
COMMAND = ".venv/bin/python bench/certificates.py"


def main():
    setup_django()
    from awards.printing import certificate_contexts  # noqa: PLC0415
    from documents.rendering import render_pdf, render_pdf_pages  # noqa: PLC0415

    decision = signed_decision(AWARDEES)

    started = time.perf_counter()
    contexts = certificate_contexts(decision, print_on_blank=True)
    pdf = render_pdf_pages("documents/certificate.html", contexts)
    bulk = time.perf_counter() - started

    started = time.perf_counter()
    render_pdf_pages("documents/certificate.html", contexts, processes=1)
    one_process = time.perf_counter() - started

    started = time.perf_counter()
    for context in contexts[:NAIVE]:
        render_pdf("documents/certificate.html", {"pages": [context]})
    naive = (time.perf_counter() - started) / NAIVE * AWARDEES

    print(f"{AWARDEES} certificates, the product's way (one PDF, chunks on 2 processes): {bulk:.1f} s, {len(pdf) // 1024} KiB")
    print(f"the same in one process (inside a Celery prefork worker, which may not fork): {one_process:.1f} s")
    print(f"one PDF per certificate, timed on {NAIVE} and scaled to {AWARDEES}: {naive:.1f} s")
    print(f"ratio: {naive / bulk:.1f}x faster; goal ≤ 15 s for {AWARDEES}")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
