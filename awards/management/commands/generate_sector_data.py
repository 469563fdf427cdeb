"""Fill the database with a sector's worth of units, people, dossiers, reports and awards, in bulk, for measuring.

Run after `seed_demo`: the dossiers go to the seed plans' award forms. Safe to run again: each stage tops up
to the numbers asked (names are numbered, so a second run finds what the first made).
"""

import datetime
import itertools
import random

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Organization, Person, User
from awards.models import Award, Awardee, Decision
from awards.services import in_annex_order
from campaigns.models import AwardForm, Campaign, Report
from core.text import fold
from nominations.models import Appraisal, Nomination

PREFIX = "Đơn vị ngành Tư pháp số"
USERNAME = "donvi{:05d}"
BATCH = 2000
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Hoàng", "Thanh", "Quốc", "Thu", "Đức", "Kim", "Hữu", "Bảo"]
GIVEN = ["Hà", "Đức", "Phúc", "Tâm", "Lan", "Hùng", "Yến", "Khoa", "Trang", "Nghĩa", "Thảo", "Dũng", "An", "Bình"]
KINDS = [Organization.Kind.LEGAL_AID_CENTRE, Organization.Kind.COURT, Organization.Kind.PROCURACY,
         Organization.Kind.POLICE, Organization.Kind.DISTRICT_JUSTICE, Organization.Kind.ASSOCIATION]
PROVINCES = ["Cần Thơ", "An Giang", "Cao Bằng", "Trà Vinh"]
# The share of dossiers in each status: most are done with, a sixth wait for a decision.
STATUSES = [
    (Nomination.Status.DRAFT, 8), (Nomination.Status.SUBMITTED, 10), (Nomination.Status.RETURNED, 4),
    (Nomination.Status.IN_REVIEW, 8), (Nomination.Status.APPROVED, 15), (Nomination.Status.REJECTED, 10),
    (Nomination.Status.AWARDED, 40), (Nomination.Status.WITHDRAWN, 5),
]
AWARDS_PER_DECISION = 100


class Command(BaseCommand):
    help = "Generate a sector's worth of data in bulk (units, accounts, people, dossiers, reports, decisions)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=5000)
        parser.add_argument("--dossiers", type=int, default=100_000)
        parser.add_argument("--awards", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=18)

    def handle(self, *args, units, dossiers, awards, seed, **options):
        self.random = random.Random(seed)
        self.now = timezone.now()
        self.award_forms = list(AwardForm.objects.select_related("campaign", "granting_organization")
                                .exclude(campaign__status=Campaign.Status.DRAFT))
        if not self.award_forms:
            raise CommandError("Chưa có kế hoạch mẫu: hãy chạy `manage.py seed_demo` trước.")
        organizations = self.units(units)
        self.accounts(organizations)
        people = self.people(organizations, dossiers)
        self.dossiers(organizations, people, dossiers)
        self.reports(organizations)
        self.decisions(awards)
        if connection.vendor == "postgresql":
            # Fresh statistics: planned on the empty tables' figures, a page's query can take 100× longer.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(
            f"{len(organizations):,} đơn vị, {Nomination.objects.count():,} hồ sơ, {Award.objects.count():,} khen thưởng."
        ))

    def step(self, message):
        self.stdout.write(f"{timezone.now() - self.now} {message}")

    def units(self, count):
        names = [f"{PREFIX} {n:05d}" for n in range(1, count + 1)]
        new = [
            Organization(name=name, kind=KINDS[n % len(KINDS)], province=PROVINCES[n % len(PROVINCES)],
                         search_text=fold(f"{name} {PROVINCES[n % len(PROVINCES)]}"))
            for n, name in enumerate(names)
        ]
        Organization.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
        self.step("đơn vị")
        return list(Organization.objects.filter(name__in=names).order_by("name"))

    def accounts(self, organizations):
        password = make_password("demo")  # hashed once: every account's password is "demo"
        User.objects.bulk_create(
            [User(username=USERNAME.format(n), full_name=f"Cán bộ {organization.name}", role=User.Role.UNIT,
                  organization=organization, email=f"{USERNAME.format(n)}@example.gov.vn", password=password,
                  search_text=fold(f"Cán bộ {organization.name} {USERNAME.format(n)} {USERNAME.format(n)}@example.gov.vn"))
             for n, organization in enumerate(organizations, start=1)],
            batch_size=BATCH, ignore_conflicts=True,
        )
        self.step("tài khoản")

    def people(self, organizations, dossiers):
        wanted = dossiers * 6 // 10  # individuals are about six in ten dossiers
        have = Person.objects.filter(organization__name__startswith=PREFIX).count()
        names = itertools.cycle(" ".join(parts) for parts in itertools.product(FAMILY, MIDDLE, GIVEN))
        Person.objects.bulk_create(
            (Person(full_name=name, gender=Person.Gender.FEMALE if n % 2 else Person.Gender.MALE,
                    title="Trợ giúp viên pháp lý", organization=organizations[n % len(organizations)],
                    search_text=fold(f"{name} Trợ giúp viên pháp lý"))
             for n, name in zip(range(have, wanted), names, strict=False)),
            batch_size=BATCH,
        )
        self.step("cá nhân")
        return list(Person.objects.filter(organization__name__startswith=PREFIX).select_related("organization"))

    def dossiers(self, organizations, people, count):
        have = Nomination.objects.filter(submitting_unit__name__startswith=PREFIX).count()
        statuses = [status for status, weight in STATUSES for _ in range(weight)]
        rows = []
        for n in range(have, count):
            award_form = self.award_forms[n % len(self.award_forms)]
            status = statuses[self.random.randrange(len(statuses))]
            updated_at = self.now - datetime.timedelta(minutes=self.random.randrange(2 * 365 * 24 * 60))
            if n % 10 < 6:
                person, organization = people[n % len(people)], None
                unit = person.organization
            else:
                person, organization = None, organizations[n % len(organizations)]
                unit = organization
            nominee = person or organization
            rows.append(Nomination(
                campaign=award_form.campaign, award_form=award_form, nominee_person=person,
                nominee_organization=organization, submitting_unit=unit, status=status,
                achievement_report="Hoàn thành xuất sắc nhiệm vụ trợ giúp pháp lý.", letter_number=f"{n}/TTr",
                submitted_at=updated_at,  # the spread of times; copied to updated_at and cleared on drafts below
                search_text=fold(f"{nominee} {unit} {award_form} {n}/TTr"),
            ))
            if len(rows) == BATCH:
                self._save_dossiers(rows)
                rows = []
        self._save_dossiers(rows)
        # bulk_create stamps auto_now fields with the current time: spread them as generated.
        generated = Nomination.objects.filter(submitting_unit__name__startswith=PREFIX, updated_at__gte=self.now)
        generated.update(updated_at=F("submitted_at"), created_at=F("submitted_at"))
        Nomination.objects.filter(submitting_unit__name__startswith=PREFIX, status=Nomination.Status.DRAFT).update(submitted_at=None)
        self.step("hồ sơ")

    def _save_dossiers(self, rows):
        with transaction.atomic():
            Nomination.objects.bulk_create(rows)
            Appraisal.objects.bulk_create(
                Appraisal(nomination=row, checklist={}, is_complete=row.pk % 2 == 0)
                for row in rows if row.status == Nomination.Status.SUBMITTED and row.pk % 3 == 0
            )

    def reports(self, organizations):
        campaign = Campaign.objects.filter(status=Campaign.Status.LAUNCHED).order_by("pk").first()
        today = timezone.localdate()
        Report.objects.bulk_create(
            [Report(campaign=campaign, kind=Report.Kind.YEARLY, title="Báo cáo đánh giá năm 2026", organization=organization,
                    # Spread over a year around today, so few fall due on any one day.
                    due_date=today + datetime.timedelta(days=n % 365 - 182))
             for n, organization in enumerate(organizations)],
            batch_size=BATCH, ignore_conflicts=True,
        )
        self.step("báo cáo")

    def decisions(self, count):
        """Signed decisions granting `count` awarded dossiers, AWARDS_PER_DECISION to a decision, shared among the
        award forms: every province's register and every authority's decisions have their part."""
        needed = max(count - Award.objects.count(), 0)
        waiting = Nomination.objects.filter(status=Nomination.Status.AWARDED, award=None)
        forms = [award_form for award_form in self.award_forms if waiting.filter(award_form=award_form).exists()]
        number = Decision.objects.filter(year=2026).count() + 1000
        for index, award_form in enumerate(forms):
            share = needed // len(forms) + (index < needed % len(forms))
            # A sample from the whole form, not its first dossiers: names as varied as the dossiers' (a search finds some).
            ids = list(waiting.filter(award_form=award_form).order_by("pk").values_list("pk", flat=True))
            chosen = sorted(self.random.sample(ids, min(share, len(ids))))
            group = list(Nomination.objects.filter(pk__in=chosen).select_related("nominee_person", "nominee_organization")
                         .order_by("pk"))
            for start in range(0, len(group), AWARDS_PER_DECISION):
                number += 1
                self._decision(award_form, group[start:start + AWARDS_PER_DECISION], number)
        self.step("quyết định")

    def _decision(self, award_form, nominations, number):
        with transaction.atomic():
            decision = Decision.objects.create(
                campaign=award_form.campaign, award_form=award_form, issuing_organization=award_form.granting_organization,
                number=number, symbol="QĐ-STP", year=2026, issue_place=award_form.campaign.issue_place,
                issue_date=datetime.date(2026, 6, 1),
                summary=f"Về việc tặng {award_form.name}", authority=award_form.signer_title.upper(),
                legal_bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", article_1=f"Tặng {award_form.name}",
                article_3="Quyết định này có hiệu lực kể từ ngày ký.", recipients="Như Điều 3;\nLưu: VT.",
                signing_authority="GIÁM ĐỐC", signer_name="Trần Văn Đức", status=Decision.Status.SIGNED, signed_at=self.now,
            )
            awardees = Awardee.objects.bulk_create(
                Awardee(decision=decision, nomination=nomination, person=nomination.nominee_person,
                        organization=nomination.nominee_organization)
                for nomination in nominations
            )
            # Numbered in the annex's order, as signing numbers them: the list's row N is register entry N.
            Award.objects.bulk_create(
                Award(decision=decision, nomination=awardee.nomination, award_form=award_form, person=awardee.person,
                      organization=awardee.organization, position=position,
                      register_number=f"{number}.{position:03d}/2026",
                      search_text=fold(f"{awardee.nominee} {award_form} {decision.number_symbol}"))
                for position, awardee in enumerate(in_annex_order(awardees), start=1)
            )
