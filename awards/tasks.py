import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.storage import retry_if_storage_failed
from documents.official import render_official
from documents.signatures import stored_signature_checks
from documents.storing import save_pdf
from documents.typesetting import render_certificates

from .models import Decision
from .printing import certificate_contexts, decision_context, decision_filename
from .services import awardees_in_order, compute_reward

logger = logging.getLogger(__name__)


def _set_state(decision_id, state, progress, error=""):
    Decision.objects.filter(pk=decision_id).update(
        documents_state=state, documents_progress=progress, documents_error=error, documents_updated_at=timezone.now(),
    )


@shared_task(bind=True, acks_late=True, max_retries=5)
def generate_decision_documents(self, *, decision_id, certificates_only=False):
    """Render the decision PDF and, once signed, its certificates to print on blanks; each replaces its old file.

    certificates_only: after an award's correction or revocation, the certificates alone. A decision whose PDF
    carries digital signatures is never rendered again either: a new file would drop them.
    """
    decision = Decision.objects.select_related("award_form", "campaign", "issuing_organization").filter(pk=decision_id).first()
    if decision is None:
        return
    _set_state(decision_id, Decision.DocumentsState.RUNNING, 5)
    try:
        if not certificates_only and not _carries_signatures(decision):
            _render_decision(decision)
        _set_state(decision_id, Decision.DocumentsState.RUNNING, 30)
        if decision.is_signed:
            # Offices print on pre-printed blanks (phôi); the framed digital page is made per awardee, for e-mail.
            contexts = certificate_contexts(decision, print_on_blank=True)
            certificates = render_certificates(contexts)
            save_pdf(decision.certificates_pdf, decision_filename(decision, "-bang-khen"), certificates, save=False)
            Decision.objects.filter(pk=decision_id).update(certificates_pdf=decision.certificates_pdf.name)
    except Exception as error:
        if retry_if_storage_failed(self, error):
            return
        logger.exception("Rendering the documents of decision %s failed", decision_id)
        # Recorded for the page, which offers a retry; the task itself ends here.
        _set_state(decision_id, Decision.DocumentsState.FAILED, 0, _("Không tạo được văn bản: %(error)s") % {"error": error})
        return
    _set_state(decision_id, Decision.DocumentsState.DONE, 100)


def _carries_signatures(decision):
    # Only a signed decision is signed digitally: a draft's file is not read back (from the object store) at each edit.
    return decision.is_signed and bool(stored_signature_checks(decision.pdf))


def _render_decision(decision):
    awardees = awardees_in_order(decision)
    collectives = sum(1 for awardee in awardees if not awardee.is_individual)
    reward = compute_reward(decision, collectives, len(awardees) - collectives)
    pdf = render_official("decision", decision_context(decision, awardees, reward), archival=decision.is_signed)
    save_pdf(decision.pdf, decision_filename(decision, ""), pdf, save=False)
    Decision.objects.filter(pk=decision.pk).update(pdf=decision.pdf.name)


def enqueue_documents(decision, *, certificates_only=False):
    """Mark the documents pending and render them once the current transaction commits."""
    _set_state(decision.pk, Decision.DocumentsState.PENDING, 0)
    # Robust: with the broker down the page still saves; the job stays pending until fail_stuck_documents says so.
    transaction.on_commit(
        lambda: generate_decision_documents.delay(decision_id=decision.pk, certificates_only=certificates_only), robust=True,
    )


@shared_task
def fail_stuck_documents():
    """Mark failed the documents jobs pending or running past their deadline, so the page offers a retry."""
    deadline = timezone.now() - datetime.timedelta(seconds=settings.DOCUMENTS_JOB_DEADLINE)
    stuck = Decision.objects.filter(
        documents_state__in=[Decision.DocumentsState.PENDING, Decision.DocumentsState.RUNNING],
        documents_updated_at__lt=deadline,
    )
    return stuck.update(
        documents_state=Decision.DocumentsState.FAILED, documents_progress=0, documents_updated_at=timezone.now(),
        documents_error=_("Quá thời gian tạo văn bản (máy chủ có thể đã khởi động lại giữa chừng). Hãy bấm “Thử lại”."),
    )
