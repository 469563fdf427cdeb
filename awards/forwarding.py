"""The office forwards its best approved dossiers to a higher authority's award, with its own numbered Tờ trình."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from documents.collation import vietnamese_key
from documents.official import render_official
from nominations.models import GRANTED, Attachment

from .models import Awardee, DecisionError, ProposalLetter
from .printing import proposal_context
from .services import numbered_proposal, proposing_office

LETTER_DOCUMENT_TYPE = "Tờ trình đề nghị khen thưởng"


def forwardable(campaign):
    """The plan's approved dossiers not yet forwarded, with the award form each was approved for."""
    return campaign.nominations.filter(status__in=GRANTED, forwarded_to__isnull=True).select_related("award_form")


def sent_letters(campaign):
    """The tờ trình the plan's office sent upward, newest first, with the dossiers as they stand there."""
    return ProposalLetter.objects.filter(forwarded__forwarded_from__campaign=campaign).distinct().select_related(
        "award_form__campaign",
    ).prefetch_related("forwarded__nominee_person", "forwarded__nominee_organization", "forwarded__history").order_by(
        "-year", "-number",
    )


@transaction.atomic
def forward_with_proposal(nominations, award_form, *, by, signer_name=""):
    """Forward the dossiers to the higher form under one Tờ trình of the office, numbered in its register today.

    Each dossier arrives with the letter's number and date, and the letter itself among its attachments.
    All or nothing: a dossier that cannot go refuses the whole letter, and the number is not taken.
    """
    if not nominations:
        raise DecisionError(_("Hãy chọn ít nhất một hồ sơ để chuyển lên cấp trên."), code="nothing_to_forward")
    office = proposing_office(by)
    copies = [nomination.forward(by=by, award_form=award_form) for nomination in nominations]
    letter = numbered_proposal(office, award_form, nominations[0].campaign.issue_place, by=by, signer_name=signer_name)
    letter.forwarded.set(copies)
    for copy in copies:
        copy.letter_number, copy.letter_date, copy.letter_signer = letter.number_symbol, letter.issue_date, signer_name
        copy.save(update_fields=["letter_number", "letter_date", "letter_signer"])
    _attach(letter, copies, by=by)
    return letter


def letter_pdf(letter, nominations):
    """The Tờ trình as printed: the form of Decree 152/2025 the decision's tờ trình uses, listing the dossiers."""
    awardees = [Awardee(person=n.nominee_person, organization=n.nominee_organization) for n in nominations]
    collectives = sorted((a for a in awardees if not a.is_individual), key=lambda a: vietnamese_key(a.organization.name))
    individuals = sorted((a for a in awardees if a.is_individual), key=lambda a: vietnamese_key(a.person.full_name))
    return render_official("proposal", proposal_context(letter, [*collectives, *individuals]))


def letter_filename(letter):
    return f"to-trinh-{letter.number:02d}-{letter.symbol.replace('/', '-')}.pdf"


def _attach(letter, copies, *, by):
    """The letter's PDF among each forwarded dossier's attachments: one stored file, shared."""
    pdf = letter_pdf(letter, copies)
    first, *others = copies
    attachment = Attachment(
        nomination=first, document_type=LETTER_DOCUMENT_TYPE, original_name=letter_filename(letter),
        content_type="application/pdf", size=len(pdf), uploaded_by=by,
    )
    attachment.file.save(attachment.original_name, ContentFile(pdf), save=True)
    for copy in others:
        attachment.pk = None
        attachment.nomination = copy
        attachment.save()

