import logging

from celery import shared_task
from django.db import transaction

from core.storage import retry_if_storage_failed
from documents.official import render_official
from documents.storing import save_pdf

from .models import Meeting
from .printing import minutes_context

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=5)
def generate_minutes(self, *, meeting_id):
    """Render the meeting's minutes PDF, replacing any earlier one."""
    meeting = Meeting.objects.select_related("council__organization", "campaign").filter(pk=meeting_id).first()
    if meeting is None:
        return
    try:
        pdf = render_official("minutes", minutes_context(meeting), archival=True)
        save_pdf(meeting.minutes_pdf, f"bien-ban-hop-{meeting.pk}.pdf", pdf, save=False)
    except Exception as error:
        if retry_if_storage_failed(self, error):
            return
        logger.exception("Rendering the minutes of meeting %s failed", meeting_id)
        Meeting.objects.filter(pk=meeting_id).update(minutes_error=str(error))
        return
    Meeting.objects.filter(pk=meeting_id).update(minutes_pdf=meeting.minutes_pdf.name, minutes_error="")


def enqueue_minutes(meeting):
    # Robust: with the broker down the meeting still ends; the minutes can be made again from its page.
    transaction.on_commit(lambda: generate_minutes.delay(meeting_id=meeting.pk), robust=True)
