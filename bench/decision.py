"""A decision with a 200-row annex, rendered the way the product renders it (in a warm process: WeasyPrint, fonts
and templates loaded; signed, so as PDF/A-2b, as awards.tasks renders it), interleaved with the naive way (a fresh
process with a fresh WeasyPrint HTML and FontConfiguration, as a script run per decision would, writing the same
PDF/A-2b). Best of 3 each. Bar: ≤ 1 s.

Run from the project's folder: .venv/bin/python bench/decision.py
"""

import os
import subprocess
import sys

from awards_data import setup_django, signed_decision, timed

ROWS = 200
RUNS = 3
BAR_SECONDS = 1.0
COMMAND = ".venv/bin/python bench/decision.py"
NAIVE_RENDER = (
    "import sys\n"
    "from weasyprint import HTML\n"
    "from weasyprint.text.fonts import FontConfiguration\n"
    "html = sys.stdin.read()\n"
    "base_url, pdf_variant = sys.argv[1:]\n"
    "pdf = HTML(string=html, base_url=base_url).write_pdf(font_config=FontConfiguration(), pdf_variant=pdf_variant)\n"
    "sys.stdout.buffer.write(pdf)\n"
)


def naive_one(html):
    """Lay out one signed document (PDF/A-2b) in a fresh process, as a script run per document would."""
    from documents.rendering import ARCHIVAL, BASE_URL  # noqa: PLC0415

    done = subprocess.run([sys.executable, "-c", NAIVE_RENDER, BASE_URL, ARCHIVAL], input=html.encode(),
                          capture_output=True, check=True)
    return done.stdout


def main():
    setup_django()
    from django.template.loader import render_to_string  # noqa: PLC0415

    from awards.printing import decision_context  # noqa: PLC0415
    from awards.services import awardees_in_order  # noqa: PLC0415
    from documents.rendering import render_pdf  # noqa: PLC0415

    decision = signed_decision(ROWS)
    context = decision_context(decision, awardees_in_order(decision))
    load_before = os.getloadavg()
    render_pdf("documents/decision.html", context, archival=decision.is_signed)  # a worker that has rendered before
    product, naive = [], []
    for _ in range(RUNS):
        seconds, pdf = timed(lambda: render_pdf("documents/decision.html", context, archival=decision.is_signed))
        product.append(seconds)
        naive.append(timed(lambda: naive_one(render_to_string("documents/decision.html", context)))[0])
    best, baseline = min(product), min(naive)
    print(f"signed decision (PDF/A-2b) with a {ROWS}-row annex, in a warm process: best {best:.2f} s of {RUNS} "
          f"({', '.join(f'{s:.2f}' for s in product)}), {len(pdf) // 1024} KiB")
    print(f"naive, a fresh process + HTML + FontConfiguration: best {baseline:.2f} s ({', '.join(f'{s:.2f}' for s in naive)}); "
          f"ratio {baseline / best:.1f}×")
    print(f"bar: ≤ {BAR_SECONDS:.0f} s: {'met' if best <= BAR_SECONDS else 'missed'} ({best:.2f} s)")
    print(f"load average before {' '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores, shared)")
    print(f"reproduce: {COMMAND}")


if __name__ == "__main__":
    main()
