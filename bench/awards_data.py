"""A scratch database holding one signed decision with many awardees, for the awards benchmarks."""

import atexit
import datetime
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A fresh SQLite file of this run's own, unless DATABASE_URL names another database: two benches at once
# (from two checkouts) would otherwise migrate and flush the same file under each other.
if "DATABASE_URL" not in os.environ:
    SCRATCH = Path(tempfile.gettempdir()) / f"thidua-bench-awards-{os.getpid()}.sqlite3"
    atexit.register(SCRATCH.unlink, missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Hoàng", "Thanh", "Quốc", "Thu", "Đức", "Kim"]
GIVEN = ["Hà", "Đức", "Phúc", "Tâm", "Lan", "Hùng", "Yến", "Khoa", "Trang", "Nghĩa", "Thảo", "Dũng"]


def timed(act):
    """Call act and return the seconds it took and what it returned."""
    started = time.perf_counter()
    result = act()
    return time.perf_counter() - started, result


def setup_django():
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def signed_decision(awardees):
    """A signed Giấy khen decision of the Sở Tư pháp Cần Thơ granting `awardees` people, built in bulk."""
    from accounts.models import Organization, Person  # noqa: PLC0415
    from awards.models import Award, Awardee, Decision  # noqa: PLC0415
    from campaigns.models import AwardForm, Campaign  # noqa: PLC0415
    from nominations.models import Nomination  # noqa: PLC0415

    office = Organization.objects.create(name="Sở Tư pháp thành phố Cần Thơ", short_name="STP Cần Thơ", kind="justice_department")
    centre = Organization.objects.create(name="Trung tâm Trợ giúp pháp lý nhà nước thành phố Cần Thơ", kind="legal_aid_centre")
    campaign = Campaign.objects.create(
        number="67/KH-UBND", title="Phong trào thi đua trợ giúp pháp lý năm 2025", issuing_organization=office,
        issue_place="Cần Thơ", issue_date=datetime.date(2025, 3, 28), starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 10, 31), status="closed",
    )
    award_form = AwardForm.objects.create(
        campaign=campaign, name="Giấy khen của Giám đốc Sở Tư pháp", kind="giay_khen", granting_organization=office,
        signer_title="Giám đốc Sở Tư pháp",
    )
    names = itertools.islice(itertools.cycle(" ".join(p) for p in itertools.product(FAMILY, MIDDLE, GIVEN)), awardees)
    people = Person.objects.bulk_create(
        Person(full_name=name, gender="female" if n % 2 else "male", title="Trợ giúp viên pháp lý", organization=centre)
        for n, name in enumerate(names)
    )
    nominations = Nomination.objects.bulk_create(
        Nomination(campaign=campaign, award_form=award_form, nominee_person=person, submitting_unit=centre, status="awarded")
        for person in people
    )
    decision = Decision.objects.create(
        campaign=campaign, award_form=award_form, issuing_organization=office, parent_body="ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ",
        number=12, symbol="QĐ-STP", year=2026, issue_place="Cần Thơ", issue_date=datetime.date(2026, 1, 5),
        summary="Về việc tặng Giấy khen của Giám đốc Sở Tư pháp", authority="GIÁM ĐỐC SỞ TƯ PHÁP",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", article_1="Tặng Giấy khen …",
        article_3="Quyết định này có hiệu lực kể từ ngày ký.", recipients="Như Điều 3;\nLưu: VT, TĐKT.",
        signing_authority="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", signer_name="Trần Văn Đức", status="signed",
    )
    Awardee.objects.bulk_create(
        Awardee(decision=decision, nomination=nomination, person=nomination.nominee_person) for nomination in nominations
    )
    Award.objects.bulk_create(
        Award(decision=decision, nomination=nomination, award_form=award_form, person=nomination.nominee_person,
              position=position, register_number=f"12.{position:03d}/2026")
        for position, nomination in enumerate(nominations, start=1)
    )
    return decision
