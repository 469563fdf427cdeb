"""Time certificates in bulk against one PDF per certificate, and a decision with a 200-row annex.

Run from the project's folder: .venv/bin/python bench/documents_bulk.py
The PDFs are left in bench/out/ to look at.
"""

import datetime
import itertools
import logging
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

from documents.rendering import CHUNK_SIZE, render_pdf, render_pdf_pages  # noqa: E402

OUT = ROOT / "bench" / "out"
BULK = 1000
NAIVE = 50
ANNEX_ROWS = 200
PROCESSES = 2
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Hoàng", "Thanh", "Quốc", "Thu", "Đức", "Kim"]
GIVEN = ["Hà", "Đức", "Phúc", "Tâm", "Lan", "Hùng", "Yến", "Khoa", "Trang", "Nghĩa", "Thảo", "Dũng"]
DATE = datetime.date(2026, 1, 5)


def fake_names(count):
    """Return count Vietnamese full names."""
    names = (" ".join(parts) for parts in itertools.product(FAMILY, MIDDLE, GIVEN))
    return list(itertools.islice(itertools.cycle(names), count))


def certificate(name, register_number, *, print_on_blank):
    """Return the context of one Giấy khen."""
    return {
        "print_on_blank": print_on_blank,
        "title": "Giấy khen",
        "authority": "Giám đốc Sở Tư pháp thành phố Cần Thơ",
        "awardee": name,
        "awardee_detail": "Trợ giúp viên pháp lý, Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ",
        "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua công tác trợ giúp pháp lý năm 2025",
        "place": "Cần Thơ",
        "date": DATE,
        "signer_lines": ["KT. Giám đốc", "Phó Giám đốc"],
        "signer_name": "Trần Văn Đức",
        "decision": {"number": 12, "symbol": "QĐ-STP", "date": DATE},
        "register_number": str(register_number),
    }


def certificates(count, *, print_on_blank):
    """Return the contexts of count certificates with fake names."""
    return [certificate(name, n, print_on_blank=print_on_blank) for n, name in enumerate(fake_names(count), start=1)]


def decision(rows):
    """Return the context of a decision whose annex lists rows individuals."""
    return {
        "parent_body": "Ủy ban nhân dân thành phố Cần Thơ",
        "issuing_body": "Sở Tư pháp",
        "number": 12,
        "symbol": "QĐ-STP",
        "place": "Cần Thơ",
        "date": DATE,
        "summary": "Về việc tặng Giấy khen cho cá nhân có thành tích xuất sắc năm 2025",
        "authority": "Giám đốc Sở Tư pháp",
        "legal_bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Theo đề nghị của Chánh Văn phòng Sở"],
        "articles": [
            [f"Tặng Giấy khen của Giám đốc Sở Tư pháp cho {rows} cá nhân (có danh sách kèm theo)."],
            ["Chánh Văn phòng Sở và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."],
        ],
        "recipients": ["Như Điều 2", "Lưu: VT, VP"],
        "signer_lines": ["KT. Giám đốc", "Phó Giám đốc"],
        "signer_name": "Trần Văn Đức",
        "annex": {
            "issuer": "Giám đốc Sở Tư pháp",
            "individuals": [
                {"name": name, "position": "Trợ giúp viên pháp lý", "unit": "Trung tâm Trợ giúp pháp lý nhà nước"}
                for name in fake_names(rows)
            ],
        },
    }


def cpu_seconds():
    """Return the CPU seconds used so far by this process and its finished children."""
    usages = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(usage.ru_utime + usage.ru_stime for usage in usages)


def timed(function, *args, **kwargs):
    """Call function and return its result, the seconds it took and the CPU seconds it used."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start, cpu_seconds() - start_cpu


def bulk(print_on_blank):
    """Render BULK certificates into one PDF the fast way; return the seconds it took."""
    variant = "blank" if print_on_blank else "digital"
    pdf, seconds, cpu = timed(
        render_pdf_pages, "documents/certificate.html", certificates(BULK, print_on_blank=print_on_blank),
        processes=PROCESSES,
    )
    (OUT / f"certificates-{variant}.pdf").write_bytes(pdf)
    print(
        f"{BULK:,} certificates ({variant}), chunks of ≤{CHUNK_SIZE} pages on {PROCESSES} spawned processes: "
        f"{seconds:.1f} s, {BULK / seconds:.0f} pages/s (CPU {cpu:.1f} s, {cpu / BULK * 1000:.0f} ms a page)"
    )
    return seconds


def naive():
    """Render NAIVE certificates one PDF each, in this process; return the seconds per certificate."""
    contexts = certificates(NAIVE, print_on_blank=True)
    _, seconds, cpu = timed(lambda: [render_pdf_pages("documents/certificate.html", [context]) for context in contexts])
    print(
        f"{NAIVE} certificates (blank), one PDF each, one process: {seconds:.1f} s, {NAIVE / seconds:.0f} pages/s "
        f"(CPU {cpu:.1f} s, {cpu / NAIVE * 1000:.0f} ms a page)"
    )
    return seconds / NAIVE


def main():
    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # it logs every step at INFO
    OUT.mkdir(exist_ok=True)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (other processes share them)")
    render_pdf_pages("documents/certificate.html", certificates(1, print_on_blank=True))  # load fonts and templates

    fast = bulk(print_on_blank=True)
    per_certificate = naive()
    print(
        f"one PDF each, extrapolated to {BULK:,}: {per_certificate * BULK:.0f} s; "
        f"bulk is {per_certificate * BULK / fast:.1f}× faster (goal ≤ 15 s: {'met' if fast <= 15 else 'missed'})"
    )
    bulk(print_on_blank=False)

    pdf, seconds, _ = timed(render_pdf, "documents/decision.html", decision(ANNEX_ROWS))
    (OUT / "decision-annex.pdf").write_bytes(pdf)
    print(f"decision with a {ANNEX_ROWS}-row annex: {seconds:.2f} s (goal ≤ 2 s: {'met' if seconds <= 2 else 'missed'})")
    print("reproduce: .venv/bin/python bench/documents_bulk.py")


if __name__ == "__main__":
    main()
