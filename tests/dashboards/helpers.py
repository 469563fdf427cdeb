"""A small fixed sector for the dashboard tests: dossiers in every state, reports, signed awards."""

import datetime

from django.utils import timezone

from accounts.models import Organization
from awards.models import Award, Decision
from nominations.models import Nomination, NominationHistory
from tests.clock import TODAY
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
    ReportFactory,
)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def dossier(status, *, submitted=None, **kwargs):
    """A dossier put straight in a status (the dashboards read states, they do not move them)."""
    nomination = NominationFactory(**kwargs)
    Nomination.objects.filter(pk=nomination.pk).update(status=status, submitted_at=submitted and at(submitted))
    nomination.refresh_from_db()
    return nomination


def handled(nomination, to_status, day):
    """The office's move of a received dossier, on a given day."""
    entry = NominationHistory.objects.create(nomination=nomination, from_status="submitted", to_status=to_status)
    NominationHistory.objects.filter(pk=entry.pk).update(created_at=at(day, 15))


def award(nomination, *, year, position=1, decision=None):
    """A signed decision of `year` granting the dossier (one per award form and year)."""
    decision = decision or Decision.objects.filter(award_form=nomination.award_form, year=year).first() or Decision.objects.create(
        campaign=nomination.campaign, award_form=nomination.award_form, issuing_organization=nomination.award_form.granting_organization,
        number=Decision.objects.count() + 1, symbol="QĐ-UBND", year=year, issue_place="Cần Thơ",
        issue_date=datetime.date(year, 12, 1), summary="Về việc khen thưởng", authority="CHỦ TỊCH", legal_bases="Căn cứ",
        article_1="Tặng", article_3="Hiệu lực", recipients="Như Điều 3", signing_authority="CHỦ TỊCH", signer_name="Trần Văn Đức",
        status=Decision.Status.SIGNED,
    )
    Nomination.objects.filter(pk=nomination.pk).update(status="awarded")
    return Award.objects.create(
        decision=decision, nomination=nomination, award_form=nomination.award_form, person=nomination.nominee_person,
        organization=nomination.nominee_organization, register_number=f"{decision.number}.{nomination.pk}",
        position=decision.awards.count() + 1,
    )


def sector(rows=1):
    """`rows` of each kind of thing the dashboard counts, in one plan of the Cần Thơ People's Committee."""
    committee = OrganizationFactory(name="Ủy ban nhân dân thành phố Cần Thơ", kind=Organization.Kind.PEOPLES_COMMITTEE)
    campaign = CampaignFactory(issuing_organization=committee, nomination_deadline=datetime.date(2099, 12, 31))
    merit = AwardFormFactory(campaign=campaign, name="Bằng khen của Chủ tịch UBND thành phố", kind="bang_khen", granting_organization=committee)
    commendation = AwardFormFactory(campaign=campaign, name="Giấy khen của Giám đốc Sở Tư pháp", kind="giay_khen")
    units = [OrganizationFactory(name=f"Trung tâm số {n}", women_percent=80 if n % 2 else 50) for n in range(rows)]
    for n, unit in enumerate(units):
        dossier("draft", campaign=campaign, award_form=commendation, submitting_unit=unit)
        dossier("submitted", submitted=TODAY - datetime.timedelta(days=3), campaign=campaign, award_form=commendation, submitting_unit=unit)
        dossier("submitted", submitted=datetime.date(2026, 9, 1), campaign=campaign, award_form=merit, submitting_unit=unit)
        reviewed = dossier("in_review", submitted=datetime.date(2026, 10, 1), campaign=campaign, award_form=merit, submitting_unit=unit)
        handled(reviewed, "in_review", datetime.date(2026, 10, 6))
        person = dossier("approved", submitted=datetime.date(2025, 5, 5), campaign=campaign, award_form=merit, submitting_unit=unit,
                         nominee_person=PersonFactory(organization=unit, gender="female" if n % 2 == 0 else "male"))
        handled(person, "in_review", datetime.date(2025, 6, 30))
        award(person, year=2025)
        collective = dossier("approved", submitted=datetime.date(2024, 5, 5), campaign=campaign, award_form=commendation,
                             submitting_unit=unit, nominee_person=None, nominee_organization=unit)
        award(collective, year=2024)
        ReportFactory(campaign=campaign, organization=unit, due_date=datetime.date(2026, 11, 1))
        ReportFactory(campaign=campaign, organization=unit, due_date=datetime.date(2026, 10, 1), status="submitted",
                      submitted_at=at(datetime.date(2026, 10, 10)))
    return campaign, units
