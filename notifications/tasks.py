import datetime
import logging

from celery import shared_task
from django.utils import timezone

from .models import Message

logger = logging.getLogger(__name__)

BATCH_SIZE = 100  # messages per task and SMTP connection; relays often cap a session near this
MAX_ATTEMPTS = 6
RETRY_DELAY = 60  # seconds before a failed message is tried again, doubled after each failure
PENDING_AFTER = datetime.timedelta(minutes=10)


def enqueue_delivery(message_ids):
    """Queue the delivery of these messages, BATCH_SIZE to a task."""
    for start in range(0, len(message_ids), BATCH_SIZE):
        deliver_messages.delay(message_ids=message_ids[start:start + BATCH_SIZE])


@shared_task(acks_late=True)
def deliver_messages(*, message_ids):
    """Send the unsent messages among these over one connection; retry each failure on its own."""
    for message in Message.objects.filter(pk__in=message_ids).deliver():
        _retry_later(message)


@shared_task(acks_late=True)
def retry_message(*, message_id):
    """Send one message that failed before; on failure try again later, up to MAX_ATTEMPTS."""
    for message in Message.objects.filter(pk=message_id).deliver():
        _retry_later(message)


def _retry_later(message):
    if message.attempts >= MAX_ATTEMPTS:
        logger.error("Message %s given up after %s attempts: %s", message.pk, message.attempts, message.last_error)
        return
    # A new task rather than self.retry(): an eager retry would raise into the caller.
    countdown = RETRY_DELAY * 2 ** (message.attempts - 1)
    retry_message.apply_async(kwargs={"message_id": message.pk}, countdown=countdown)


@shared_task
def deliver_pending():
    """Queue the messages whose delivery was never queued (the broker was down at commit)."""
    created_before = timezone.now() - PENDING_AFTER
    pending = Message.objects.unsent().filter(attempts=0, created_at__lt=created_before)
    enqueue_delivery(list(pending.values_list("pk", flat=True)))


@shared_task
def send_reminders():
    """The beat's daily run: every reminder due today, each sent once whatever runs it twice."""
    from .services import send_due_reminders  # noqa: PLC0415  services enqueue this module's tasks

    return send_due_reminders()
