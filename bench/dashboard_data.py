"""A sector's worth of dossiers, reports and awards, built in bulk, for the dashboard benchmark and screenshots.

Three provinces of twenty units each and the Ministry; a plan per province and year (2022–2026) plus a
national one; dossiers spread over every status, received and handled on working and other days;
a signed decision per plan and award form for the awarded ones; a yearly report per unit and plan.
"""

import datetime
import random
from contextlib import contextmanager
from zoneinfo import ZoneInfo

PROVINCES = ["Cần Thơ", "An Giang", "Cao Bằng"]
UNITS_PER_PROVINCE = 20
YEARS = range(2022, 2027)
STATUSES = [
    ("draft", 5), ("submitted", 8), ("returned", 3), ("in_review", 6), ("approved", 5), ("rejected", 4),
    ("awarded", 60), ("withdrawn", 2),
]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@contextmanager
def given_times(*models):
    """Let bulk_create keep the created_at the data set gives (auto_now_add would stamp them all now)."""
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def build(dossiers, *, seed=19):
    """Create about `dossiers` dossiers with their history, awards and reports; return the office users."""
    from accounts.models import Organization, Person, User  # noqa: PLC0415
    from awards.models import Award, Decision  # noqa: PLC0415
    from campaigns.models import AwardForm, Campaign, Report  # noqa: PLC0415
    from nominations.models import Nomination, NominationHistory  # noqa: PLC0415

    rng = random.Random(seed)
    ministry = Organization.objects.create(name="Bộ Tư pháp", kind="ministry")
    offices, units = {}, {}
    for province in PROVINCES:
        committee = Organization.objects.create(name=f"Ủy ban nhân dân tỉnh {province}", kind="peoples_committee", province=province)
        offices[province] = Organization.objects.create(
            name=f"Sở Tư pháp {province}", kind="justice_department", province=province, parent=committee
        )
        units[province] = Organization.objects.bulk_create(
            Organization(name=f"Đơn vị {n + 1:02d} tỉnh {province}", kind=rng.choice(["legal_aid_centre", "court", "procuracy", "police"]),
                         province=province, parent=offices[province], women_percent=rng.choice([None, 40, 65, 70, 85]))
            for n in range(UNITS_PER_PROVINCE)
        )
    users = {
        "ministry": User.objects.create_user("bo_tu_phap", password="demo", role="staff", organization=ministry, full_name="Vụ Thi đua – Khen thưởng"),
        "office": User.objects.create_user("so_tu_phap", password="demo", role="staff", organization=offices[PROVINCES[0]], full_name="Sở Tư pháp Cần Thơ"),
    }

    plans = []  # (campaign, forms, province or None, year)
    for year in YEARS:
        national = Campaign.objects.create(
            number=f"{year - 2000}/KH-BTP", title=f"Phong trào thi đua ngành Tư pháp năm {year}", issuing_organization=ministry,
            issue_place="Hà Nội", issue_date=datetime.date(year, 2, 1), starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 11, 30), status="concluded" if year < 2026 else "launched", kind="annual",
        )
        forms = [
            AwardForm.objects.create(campaign=national, name="Bằng khen của Bộ trưởng Bộ Tư pháp", kind="bang_khen", granting_organization=ministry, signer_title="Bộ trưởng"),
            AwardForm.objects.create(campaign=national, name="Cờ thi đua của Bộ Tư pháp", kind="co_thi_dua", granting_organization=ministry, signer_title="Bộ trưởng", recipients="collectives"),
        ]
        plans.append((national, forms, None, year))
        for number, province in enumerate(PROVINCES, start=1):
            campaign = Campaign.objects.create(
                number=f"{number}{year - 2000}/KH-UBND", title=f"Phong trào thi đua trợ giúp pháp lý tỉnh {province} năm {year}",
                issuing_organization=offices[province].parent, issue_place=province, issue_date=datetime.date(year, 3, 1),
                starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 10, 31),
                status="concluded" if year < 2026 else "launched", kind=rng.choice(["annual", "thematic"]),
            )
            forms = [
                AwardForm.objects.create(campaign=campaign, name=f"Bằng khen của Chủ tịch UBND tỉnh {province}", kind="bang_khen", granting_organization=offices[province].parent, signer_title="Chủ tịch UBND tỉnh"),
                AwardForm.objects.create(campaign=campaign, name=f"Giấy khen của Giám đốc Sở Tư pháp {province}", kind="giay_khen", granting_organization=offices[province], signer_title="Giám đốc Sở Tư pháp"),
                AwardForm.objects.create(campaign=campaign, name=f"Chiến sĩ thi đua cơ sở tỉnh {province}", kind="chien_si_thi_dua", granting_organization=offices[province], signer_title="Giám đốc Sở Tư pháp", recipients="individuals"),
            ]
            plans.append((campaign, forms, province, year))

    per_plan = max(dossiers // len(plans), 1)
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    today = datetime.date(2026, 11, 24)
    for campaign, forms, province, year in plans:
        plan_units = units[province] if province else [unit for group in units.values() for unit in group]
        individual = [rng.random() < 0.7 for _ in range(per_plan)]
        people = iter(Person.objects.bulk_create(
            Person(full_name=f"Nguyễn Thị Hồng {n}", gender=rng.choice(["female", "male"]), organization=rng.choice(plan_units))
            for n in range(sum(individual))
        ))
        nominations = []
        for is_person in individual:
            form = rng.choice([f for f in forms if (f.recipients != "collectives" if is_person else f.recipients != "individuals")])
            status = rng.choice(statuses)
            created = datetime.datetime(year, rng.randint(1, 10), rng.randint(1, 28), rng.randint(7, 17), tzinfo=ZONE)
            if year == 2026 and created.date() > today:
                created = created.replace(month=rng.randint(1, 10))
            person = next(people) if is_person else None
            submitted = None if status == "draft" else created + datetime.timedelta(days=rng.randint(0, 20))
            if year == 2026 and status == "submitted":
                submitted = datetime.datetime.combine(today - datetime.timedelta(days=rng.randint(0, 90)), datetime.time(9), ZONE)
            nominations.append(Nomination(
                campaign=campaign, award_form=form, status=status, created_at=created, submitted_at=submitted,
                submitting_unit=person.organization if person else rng.choice(plan_units),
                nominee_person=person, nominee_organization=None if person else rng.choice(plan_units),
            ))
        with given_times(Nomination, NominationHistory):
            nominations = Nomination.objects.bulk_create(nominations, batch_size=2000)
            history = []
            for nomination in nominations:
                if nomination.submitted_at is None or nomination.status in ("submitted", "withdrawn"):
                    continue
                handled = nomination.submitted_at + datetime.timedelta(days=rng.choice([2, 5, 9, 14, 20, 27, 33, 45]))
                moved_to = "returned" if nomination.status == "returned" else "in_review"
                history.append(NominationHistory(nomination=nomination, from_status="submitted", to_status=moved_to, created_at=handled))
            NominationHistory.objects.bulk_create(history, batch_size=5000)

        for form in forms:
            awarded = [n for n in nominations if n.status == "awarded" and n.award_form_id == form.pk]
            if not awarded:
                continue
            decision = Decision.objects.create(
                campaign=campaign, award_form=form, issuing_organization=form.granting_organization, number=form.pk,
                symbol="QĐ-KT", year=year, issue_place=province or "Hà Nội", issue_date=datetime.date(year, 12, 10),
                summary=f"Về việc tặng {form.name}", authority=form.signer_title.upper(), legal_bases="Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                article_1="Tặng …", article_3="Quyết định có hiệu lực kể từ ngày ký.", recipients="Như Điều 3;",
                signing_authority=form.signer_title.upper(), signer_name="Trần Văn Đức", status="signed",
            )
            Award.objects.bulk_create(
                (Award(decision=decision, nomination=n, award_form=form, person_id=n.nominee_person_id,
                       organization_id=n.nominee_organization_id, position=position, register_number=f"{decision.number}.{position}/{year}")
                 for position, n in enumerate(awarded, start=1)),
                batch_size=5000,
            )

        due = datetime.date(year, 11, 15)
        reports = []
        for unit in plan_units:
            sent = rng.choice([None, 0, 0, 3, 12])
            submitted_at = None if sent is None else datetime.datetime.combine(due + datetime.timedelta(days=sent - 5), datetime.time(10), ZONE)
            reports.append(Report(
                campaign=campaign, organization=unit, kind="yearly", title=f"Báo cáo kết quả thi đua năm {year}", due_date=due,
                status="owed" if sent is None else "submitted", submitted_at=submitted_at,
            ))
        Report.objects.bulk_create(reports)
    return users
