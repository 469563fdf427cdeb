"""Acts that span several models: drafting a decision (from dossiers or an entered list), its tờ trình, signing it."""

import math
import re
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, Person, User
from campaigns.models import AwardForm
from documents.collation import vietnamese_key, vietnamese_order
from documents.signatures import certificate_signer, signed_copy, token_signer
from documents.storing import save_pdf
from nominations.models import Nomination, check_consultation_over
from notifications.services import notify_from_template

from . import wording
from .models import Award, Awardee, BaseSalary, Decision, DecisionError, NumberSeries, ProposalLetter, RewardRate

# "QĐ-UBND", "2025/QĐ-UBND" (some provinces put the year in), "QĐ-UBND-VX": the symbol after the number.
DECISION_SYMBOL = re.compile(r"^(?:\d{4}/)?QĐ(?:-[A-ZĐ0-9]{1,12})+$")


def _of_form(nominations, award_form):
    return nominations.filter(award_form=award_form) if award_form else nominations


def ordered_for_paging(nominations):
    """Collectives first, then individuals, each by name, sorted in SQL so a page reads only its rows.

    PostgreSQL sorts names in Vietnamese order (ICU), as `in_annex_order` does in Python; SQLite by code point.
    """
    name = Coalesce("nominee_organization__name", "nominee_person__full_name")
    return nominations.annotate(
        is_person=ExpressionWrapper(Q(nominee_person__isnull=False), output_field=BooleanField()),
    ).order_by("is_person", vietnamese_order(name), "pk")


def awaiting_decision(award_form=None):
    """Approved nominations (of a form) that no decision lists yet."""
    return _of_form(Nomination.objects.filter(status=Nomination.Status.APPROVED, awardee=None), award_form)


def forwarded_awaiting(award_form=None):
    """Dossiers a lower body forwarded (its council having voted), not yet approved or listed here: no vote again."""
    return _of_form(
        Nomination.objects.filter(forwarded_from__isnull=False, awardee=None, status=Nomination.Status.SUBMITTED), award_form
    )


def symbol_of(organization, kind=NumberSeries.Kind.DECISION):
    """ "QĐ-UBND" from the body's registered abbreviation; empty when none is registered: never guessed."""
    return f"{kind}-{organization.document_code}" if organization.document_code else ""


# The head of an authority, as the signature block names it ("GIÁM ĐỐC", not the body's full name).
HEAD_TITLES = ("Chủ tịch", "Giám đốc", "Bộ trưởng", "Cục trưởng", "Viện trưởng", "Chánh án", "Trưởng ban")


def head_title(signer_title):
    return next((title for title in HEAD_TITLES if signer_title.startswith(title)), signer_title).upper()


# Who heads an office, by its kind, to sign its tờ trình ("Giám đốc Sở Tư pháp …").
HEAD_OF_KIND = {
    Organization.Kind.JUSTICE_DEPARTMENT: "Giám đốc", Organization.Kind.DEPARTMENT: "Giám đốc",
    Organization.Kind.PEOPLES_COMMITTEE: "Chủ tịch", Organization.Kind.MINISTRY: "Bộ trưởng",
    Organization.Kind.MINISTRY_UNIT: "Vụ trưởng", Organization.Kind.COUNCIL: "Chủ tịch",
}


SOURCES = {Decision.Source.COUNCIL: awaiting_decision, Decision.Source.FORWARDED: forwarded_awaiting}


@transaction.atomic
def draft_decision(award_form, *, by, source=Decision.Source.COUNCIL):
    """A draft granting the form, prefilled from its plan (if any); from the council's approvals, the forwarded dossiers
    or empty.

    It has no number or date yet: the register gives them at signing, or the office records the văn thư's.
    """
    awaiting = SOURCES.get(source)
    nominations = list(awaiting(award_form).select_related(
        "submitting_unit", "forwarded_from__campaign__issuing_organization",
    ).prefetch_related("proposal_letters__organization")) if awaiting else []
    if awaiting and not nominations:
        raise DecisionError(_("Chưa có hồ sơ nào được phê duyệt cho hình thức này."), code="nothing_to_grant")
    campaign = award_form.campaign
    organization = award_form.deciding_body(nominations)
    today = timezone.localdate()
    issue_place = campaign.issue_place if campaign else organization.province
    title = award_form.signer_title.split(" - ")[0].strip()
    forwarded = sorted({
        (_proposing_body(n).name, n.letter_number, n.letter_date) for n in nominations
        if n.forwarded_from_id
    }, key=lambda letter: (vietnamese_key(letter[0]), letter[1]))
    decision = Decision.objects.create(
        campaign=campaign, award_form=award_form, issuing_organization=organization, source=source,
        parent_body=organization.parent.name if organization.parent else "",
        symbol=symbol_of(organization), issue_place=issue_place,
        summary=_("Về việc tặng %(form)s") % {"form": award_form.name},
        authority=title.upper(),
        legal_bases="\n".join(wording.legal_bases(organization, campaign, today, forwarded)),
        article_1="",
        reward_fund=_("Quỹ thi đua, khen thưởng của %(body)s") % {"body": organization.name},
        article_2=award_form.reward_note, reward_computed=not award_form.reward_note,
        article_3=wording.executing_article(organization, _submitting_units(nominations)),
        recipients=wording.recipients(organization, campaign),
        signing_authority=head_title(title),
        signer_name="", created_by=by,
    )
    Awardee.objects.bulk_create([
        Awardee(decision=decision, nomination=n, person_id=n.nominee_person_id, organization_id=n.nominee_organization_id)
        for n in nominations
    ])
    _refresh_grant_article(decision, (0, 0))
    decision.history.create(from_status="", to_status=Decision.Status.DRAFT, actor=by)
    return decision


def _proposing_body(nomination):
    """The body whose tờ trình forwarded the dossier: the office that numbered it, else the lower plan's issuer."""
    letter = next(iter(nomination.proposal_letters.all()), None)
    return letter.organization if letter else nomination.forwarded_from.campaign.issuing_organization


def award_form_outside_plans(organization, *, kind, name, signer_title):
    """The award form a body grants outside any plan of the portal, registered the first time it is used."""
    award_form, _created = AwardForm.objects.get_or_create(
        campaign=None, granting_organization=organization, name=name, kind=kind, signer_title=signer_title,
    )
    return award_form


def _counts(decision):
    awardees = list(decision.awardees.all())
    individuals = sum(1 for awardee in awardees if awardee.is_individual)
    return len(awardees) - individuals, individuals


def _refresh_grant_article(decision, before):
    """Keep Điều 1's counts true as the list changes, unless the office rewrote the article."""
    campaign, name = decision.campaign, decision.award_form.name
    if decision.article_1 in ("", wording.grant_article(name, *before, campaign)):
        decision.article_1 = wording.grant_article(name, *_counts(decision), campaign)
        decision.save(update_fields=["article_1"])


def _organization(name, parent=None, province=""):
    organization = Organization.objects.filter(name=name).first()
    if organization is None:
        organization = Organization.objects.create(name=name, parent=parent, province=province)
    return organization


def _nominee(entry, province):
    """The person or the collective an entry names: found by name in its unit, else registered now."""
    unit = _organization(entry.unit, province=province) if entry.unit else None
    if not entry.is_individual:
        return {"organization": _organization(entry.name, parent=unit, province=province)}
    people = Person.objects.filter(full_name=entry.name, organization=unit)
    if entry.date_of_birth:
        people = people.filter(date_of_birth=entry.date_of_birth)
    person = people.first() or Person.objects.create(
        full_name=entry.name, organization=unit, gender=entry.gender, date_of_birth=entry.date_of_birth,
        position=entry.position,
    )
    return {"person": person}


@transaction.atomic
def add_awardees(decision, entries, *, by):
    """Add entered collectives and people to a draft's list, all or none; Điều 1's counts follow."""
    decision.check_editable()
    before = _counts(decision)
    province = decision.issuing_organization.province
    added = Awardee.objects.bulk_create([Awardee(decision=decision, **_nominee(entry, province)) for entry in entries])
    _refresh_grant_article(decision, before)
    decision._record(by=by, note=_("Thêm %(count)s tập thể, cá nhân vào danh sách") % {"count": len(added)})
    return added


@transaction.atomic
def remove_awardee(awardee, *, by):
    """Take a collective or a person off a draft's list; a dossier becomes free for another decision."""
    decision = awardee.decision
    decision.check_editable()
    before = _counts(decision)
    awardee.delete()
    _refresh_grant_article(decision, before)
    decision._record(by=by, note=_("Bỏ khỏi danh sách: %(name)s") % {"name": awardee.nominee})


def earlier_awards(decision, awardees):
    """Awardee pk → signed awards of the same form kind by the same body in the decision's year (a warning, with links)."""
    people = {a.person_id: a.pk for a in awardees if a.person_id}
    collectives = {a.organization_id: a.pk for a in awardees if a.organization_id}
    awards = Award.objects.filter(
        Q(person__in=people) | Q(organization__in=collectives),
        decision__status=Decision.Status.SIGNED, decision__year=decision.effective_date.year,
        decision__issuing_organization=decision.issuing_organization_id, award_form__kind=decision.award_form.kind,
    ).exclude(decision=decision).select_related("decision")
    found = {}
    for award in awards:
        key = people.get(award.person_id) if award.person_id else collectives.get(award.organization_id)
        found.setdefault(key, []).append(award)
    return found


def in_annex_order(rows):
    """Collectives first, then individuals, each in Vietnamese alphabetical order, as the annex lists them."""
    return sorted(rows, key=lambda row: (row.is_individual, vietnamese_key(row.nominee)))


def _submitting_units(nominations):
    units = {nomination.submitting_unit_id: nomination.submitting_unit for nomination in nominations}
    return sorted(units.values(), key=lambda unit: vietnamese_key(unit.name))


def awardees_in_order(decision):
    """The decision's list in annex order: the register numbers it so."""
    return in_annex_order(decision.awardees.select_related(
        "nomination", "person__organization", "organization__parent",
    ))


class Reward(NamedTuple):
    salary: BaseSalary
    lines: list  # (who, coefficient, amount each)
    total: int


def compute_reward(decision, collectives, individuals):
    """Điều 2's cash reward: coefficient × base salary in force on the decision's date, rounded up; None without rates."""
    date = decision.effective_date
    salary = BaseSalary.in_force(date)
    rate = RewardRate.in_force(decision.award_form.kind, date)
    if salary is None or rate is None:
        return None
    step = settings.REWARD_ROUND_UP_TO
    lines, total = [], 0
    for who, count, factor in ((_("tập thể"), collectives, rate.collective_coefficient),
                               (_("cá nhân"), individuals, rate.individual_coefficient)):
        if count and factor:
            amount = math.ceil(salary.amount * factor / step) * step
            lines.append((who, factor, amount))
            total += amount * count
    return Reward(salary, lines, total) if lines else None


@transaction.atomic
def issue_proposal_letter(decision, *, by):
    """The office's Tờ trình of the draft's list, numbered in its own register today; the decision cites it."""
    decision.check_editable()
    if hasattr(decision, "proposal"):
        raise DecisionError(_("Dự thảo này đã có tờ trình."), code="has_proposal")
    office = proposing_office(by)
    if not decision.awardees.exists():
        raise DecisionError(_("Dự thảo chưa có tập thể, cá nhân nào."), code="nothing_to_grant")
    letter = numbered_proposal(office, decision.award_form, decision.issue_place, by=by, decision=decision)
    line = wording.proposal_basis(letter.proposer, letter.number_symbol, letter.issue_date)
    decision.legal_bases = wording.cite_proposal(decision.legal_bases, line)
    decision.save(update_fields=["legal_bases"])
    decision._record(by=by, note=_("Lập %(letter)s") % {"letter": letter})
    return letter


def proposing_office(user):
    """The user's office, which numbers its tờ trình under its registered abbreviation (never a guessed one)."""
    office = user.organization
    if office is None or not office.document_code:
        raise DecisionError(
            _("Cơ quan của bạn chưa đăng ký chữ viết tắt trên ký hiệu văn bản: không thể cấp số tờ trình."), code="no_code"
        )
    return office


def numbered_proposal(office, award_form, place, *, by, signer_name="", decision=None):
    """A Tờ trình to the form's authority, with the next number of the office's register today."""
    today = timezone.localdate()
    head = HEAD_OF_KIND.get(office.kind, "Thủ trưởng")
    return ProposalLetter.objects.create(
        decision=decision, award_form=award_form, organization=office, issue_place=place,
        symbol=symbol_of(office, NumberSeries.Kind.PROPOSAL),
        number=NumberSeries.take_next(office, today.year, NumberSeries.Kind.PROPOSAL), year=today.year, issue_date=today,
        proposer=f"{head} {office.name}", addressee=award_form.signer_title, signing_authority=head.upper(),
        signer_name=signer_name, created_by=by,
    )


def _check_signable(decision):
    if decision.is_signed:
        raise DecisionError(_("Quyết định đã được ký."), code="signed")
    if not decision.awardees.exists():
        raise DecisionError(_("Quyết định chưa có tập thể, cá nhân nào."), code="nothing_to_grant")
    if not decision.signer_name.strip():
        raise DecisionError(_("Dự thảo chưa ghi người ký: hãy ghi họ tên người có thẩm quyền ký."), code="no_signer")
    if not DECISION_SYMBOL.match(decision.symbol):
        raise DecisionError(
            _("Ký hiệu “%(symbol)s” chưa đúng: hãy ghi ký hiệu theo chữ viết tắt đã đăng ký của cơ quan, ví dụ QĐ-UBND.")
            % {"symbol": decision.symbol}, code="bad_symbol",
        )


@transaction.atomic
def sign_decision(decision, *, by):
    """The leader signs: the decision is final, numbered and dated, its dossiers awarded and entered in the register.

    The number and date the văn thư recorded stay; otherwise the body's register gives the next number today.
    The document keeps the signer named in the draft: `by` is recorded as who signed, and when.
    """
    _check_signable(decision)
    awardees = awardees_in_order(decision)
    issue_date = decision.issue_date or timezone.localdate()
    number = decision.number or NumberSeries.take_next(decision.issuing_organization, issue_date.year)
    check_consultation_over(decision.award_form, [awardee.nomination for awardee in awardees if awardee.nomination])
    decision._move_to(
        Decision.Status.SIGNED, by=by, signed_at=timezone.now(), signed_by=by,
        number=number, year=issue_date.year, issue_date=issue_date, issuing_body_name=decision.issuing_organization.name,
    )
    for position, awardee in enumerate(awardees, start=1):
        if awardee.nomination:
            awardee.nomination.mark_awarded(by=by, note=str(decision))
        Award.objects.create(
            decision=decision, nomination=awardee.nomination, award_form=decision.award_form, position=position,
            person=awardee.person, organization=awardee.organization,
            register_number=f"{number:02d}.{position:03d}/{issue_date.year}",
        )
    _tell_units(decision, {_unit_id(awardee) for awardee in awardees})
    _tell_forwarding_offices(decision)
    return decision


def _unit_id(awardee):
    if awardee.nomination:
        return awardee.nomination.submitting_unit_id
    return awardee.person.organization_id if awardee.person else awardee.organization_id


def _tell_units(decision, unit_ids):
    """Each unit with an awardee learns that the decision is signed."""
    for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization__in=unit_ids):
        notify_from_template(
            user, key=f"decision_signed:decision={decision.pk}:user={user.pk}", code="decision_signed",
            link=decision.get_absolute_url(), scope=f"campaign:{decision.campaign_id}" if decision.campaign_id else "",
            context={"decision": str(decision), "summary": decision.summary},
        )


def _tell_forwarding_offices(decision):
    """Each office whose tờ trình forwarded dossiers granted here learns the outcome: how many of them are awarded."""
    letters = ProposalLetter.objects.filter(forwarded__awardee__decision=decision).distinct().select_related("organization")
    for letter in letters:
        awarded = letter.forwarded.filter(awardee__decision=decision).count()
        for user in User.objects.filter(role=User.Role.STAFF, is_active=True, organization=letter.organization_id):
            notify_from_template(
                user, key=f"forwarded_decided:decision={decision.pk}:letter={letter.pk}:user={user.pk}",
                code="forwarded_decided", link=decision.get_absolute_url(), scope=f"campaign:{decision.campaign_id}",
                context={"decision": str(decision), "summary": decision.summary, "letter": str(letter),
                         "awarded": f"{awarded}/{letter.forwarded.count()}"},
            )


# Decree 30/2020: the signature stands at the right of the last page, under the signing authority (points).
SIGNATURE_BOX = (310, 90, 560, 190)


def sign_digitally(decision, *, by, certificate, passphrase):
    """Put the signer's digital signature (PAdES) from a PKCS#12 file on the signed decision's PDF, in the history."""
    _put_signature(decision, by, certificate_signer(certificate, passphrase))


def sign_digitally_with_token(decision, *, by, token_label, pin):
    """Put the signer's digital signature with the key on their PKCS#11 token (settings.PKCS11_MODULE)."""
    _put_signature(decision, by, token_signer(token_label, pin))


def _put_signature(decision, by, sign):
    if not decision.is_signed or not decision.pdf:
        raise DecisionError(_("Chỉ ký số được quyết định đã ký và đã tạo văn bản."), code="not_ready")
    signed = signed_copy(
        decision.pdf, sign, box=SIGNATURE_BOX, location=decision.issue_place,
        reason=_("Ký ban hành Quyết định số %(number)s") % {"number": decision.number_symbol},
    )
    with transaction.atomic():
        save_pdf(decision.pdf, decision.pdf.name.rsplit("/", 1)[-1], signed)
        decision._record(by=by, note=_("Ký số văn bản quyết định"))
