"""Acts that span several models: drafting a decision from the council's approvals, and signing it."""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from documents.collation import vietnamese_key
from documents.rendering import save_pdf
from documents.signing import SigningError, check_signatures, sign_pdf
from nominations.models import Nomination, check_consultation_over
from notifications.services import notify_from_template

from . import wording
from .models import Award, Decision, DecisionError, NumberSeries

DEFAULT_REWARD_ARTICLE = (
    "Tập thể, cá nhân có tên tại Điều 1 được hưởng tiền thưởng theo quy định của Luật Thi đua, khen thưởng "
    "và Nghị định số 152/2025/NĐ-CP; kinh phí khen thưởng chi từ Quỹ thi đua, khen thưởng theo quy định."
)


def awaiting_decision(award_form=None):
    """Approved nominations (of one form, if given) that no decision includes yet."""
    included = Decision.nominations.through.objects.filter(nomination=OuterRef("pk"))
    nominations = Nomination.objects.filter(status=Nomination.Status.APPROVED).exclude(Exists(included))
    return nominations if award_form is None else nominations.filter(award_form=award_form)


def ordered_for_paging(nominations):
    """Collectives first, then individuals, each by name, sorted in SQL so a page reads only its rows.

    PostgreSQL sorts names in Vietnamese order (ICU), as `in_annex_order` does in Python; SQLite by code point.
    """
    name = Coalesce("nominee_organization__name", "nominee_person__full_name")
    if connection.vendor == "postgresql":
        name = Collate(name, "vi-x-icu")
    return nominations.annotate(
        is_person=ExpressionWrapper(Q(nominee_person__isnull=False), output_field=BooleanField()), nominee_name=name,
    ).order_by("is_person", "nominee_name", "pk")


def symbol_of(organization):
    """The body's abbreviation in a document symbol: "UBND", "STP", "BTP"."""
    words = (organization.short_name or organization.name).split()
    return next((word for word in words if word.isupper()), words[0].upper())


# The head of an authority, as the signature block names it ("GIÁM ĐỐC", not the body's full name).
HEAD_TITLES = ("Chủ tịch", "Giám đốc", "Bộ trưởng", "Cục trưởng", "Viện trưởng", "Chánh án", "Trưởng ban")


def head_title(signer_title):
    return next((title for title in HEAD_TITLES if signer_title.startswith(title)), signer_title).upper()


@transaction.atomic
def draft_decision(award_form, *, by):
    """A draft decision granting the form to its approved nominations, prefilled from the plan; numbered."""
    nominations = list(awaiting_decision(award_form).select_related("submitting_unit"))
    if not nominations:
        raise DecisionError(_("Chưa có hồ sơ nào được phê duyệt cho hình thức này."), code="nothing_to_grant")
    campaign = award_form.campaign
    organization = award_form.granting_organization
    today = timezone.localdate()
    title = award_form.signer_title.split(" - ")[0].strip()
    collectives = sum(1 for nomination in nominations if not nomination.is_individual)
    decision = Decision.objects.create(
        campaign=campaign, award_form=award_form, issuing_organization=organization,
        parent_body=organization.parent.name if organization.parent else "",
        number=NumberSeries.take_next(organization, today.year), symbol=f"QĐ-{symbol_of(organization)}",
        year=today.year, issue_place=campaign.issue_place, issue_date=today,
        summary=_("Về việc tặng %(form)s") % {"form": award_form.name},
        authority=title.upper(),
        legal_bases="\n".join(wording.legal_bases(organization, campaign, today)),
        article_1=_(
            "Tặng %(form)s cho %(awardees)s (có danh sách kèm theo) "
            "đã có thành tích xuất sắc trong phong trào thi đua theo Kế hoạch số %(plan)s."
        ) % {"form": award_form.name, "awardees": wording.awardee_count(collectives, len(nominations) - collectives),
             "plan": campaign.number},
        article_2=award_form.reward_note or DEFAULT_REWARD_ARTICLE,
        article_3=wording.executing_article(organization, _submitting_units(nominations)),
        recipients=wording.recipients(organization, campaign),
        signing_authority=head_title(title),
        signer_name="", created_by=by,
    )
    decision.nominations.set(nominations)
    decision.history.create(from_status="", to_status=Decision.Status.DRAFT, actor=by)
    return decision


def in_annex_order(nominations):
    """Collectives first, then individuals, each in Vietnamese alphabetical order, as the annex lists them."""
    return sorted(nominations, key=lambda n: (n.is_individual, vietnamese_key(n.nominee)))


def _submitting_units(nominations):
    units = {nomination.submitting_unit_id: nomination.submitting_unit for nomination in nominations}
    return sorted(units.values(), key=lambda unit: vietnamese_key(unit.name))


def awardees_in_order(decision):
    """The decision's nominations in annex order: the register numbers them so."""
    return in_annex_order(decision.nominations.select_related("nominee_person__organization", "nominee_organization"))


@transaction.atomic
def sign_decision(decision, *, by):
    """The leader signs: the decision is final, its dossiers are awarded and entered in the register."""
    if decision.is_signed:
        raise DecisionError(_("Quyết định đã được ký."), code="signed")
    nominations = awardees_in_order(decision)
    if not nominations:
        raise DecisionError(_("Quyết định chưa có hồ sơ nào."), code="nothing_to_grant")
    check_consultation_over(decision.award_form, nominations)
    # The decision bears the name of who signs it and the day it is signed.
    decision._move_to(
        Decision.Status.SIGNED, by=by, signed_at=timezone.now(), signed_by=by, signer_name=by.get_full_name(),
        issue_date=timezone.localdate(),
    )
    for position, nomination in enumerate(nominations, start=1):
        nomination.mark_awarded(by=by, note=str(decision))
        Award.objects.create(
            decision=decision, nomination=nomination, award_form=decision.award_form, position=position,
            person=nomination.nominee_person, organization=nomination.nominee_organization,
            register_number=f"{decision.number:02d}.{position:03d}/{decision.year}",
        )
    _tell_units(decision, {nomination.submitting_unit_id for nomination in nominations})
    return decision


def _tell_units(decision, unit_ids):
    """Each unit with an awardee learns that the decision is signed."""
    for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization__in=unit_ids):
        notify_from_template(
            user, key=f"decision_signed:decision={decision.pk}:user={user.pk}", code="decision_signed",
            link=decision.get_absolute_url(), scope=f"campaign:{decision.campaign_id}",
            context={"decision": str(decision), "summary": decision.summary},
        )


# Decree 30/2020: the signature stands at the right of the last page, under the signing authority (points).
SIGNATURE_BOX = (310, 90, 560, 190)


def sign_digitally(decision, *, by, certificate, passphrase):
    """Put the signer's digital signature (PAdES) on the signed decision's PDF, in the history."""
    if not decision.is_signed or not decision.pdf:
        raise DecisionError(_("Chỉ ký số được quyết định đã ký và đã tạo văn bản."), code="not_ready")
    with decision.pdf.open("rb") as pdf:
        original = pdf.read()
    try:
        signed = sign_pdf(
            original, pkcs12=certificate, passphrase=passphrase, box=SIGNATURE_BOX,
            reason=_("Ký ban hành Quyết định số %(number)s") % {"number": decision.number_symbol},
            location=decision.issue_place, timestamp_url=settings.SIGNATURE_TIMESTAMP_URL,
        )
    except SigningError:
        raise DecisionError(
            _("Không dùng được chứng thư số: sai mật khẩu, hoặc tệp không phải chứng thư PKCS#12 (.p12, .pfx)."),
            code="bad_certificate",
        ) from None
    with transaction.atomic():
        save_pdf(decision.pdf, decision.pdf.name.rsplit("/", 1)[-1], signed)
        decision._record(by=by, note=_("Ký số văn bản quyết định"))


def signature_checks(pdf):
    """The digital signatures of a PDF, checked against the configured trusted roots."""
    roots = []
    for path in settings.SIGNATURE_TRUST_ROOTS:
        with open(path, "rb") as root:
            roots.append(root.read())
    return check_signatures(pdf, trust_roots=roots)
