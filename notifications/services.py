"""Notify a user once per key: in the portal, and by e-mail."""

import contextlib
import contextvars

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.text import fold

from .models import Message, MessageTemplate, Notification, ReminderLog, absolute_url, language_of
from .registry import FINDERS
from .tasks import enqueue_delivery

_batch = contextvars.ContextVar("notifications_batch", default=None)


def notify(recipient, *, key, subject, body, link="", email=True, scope=""):
    """Notify the recipient unless `key` was already used; return whether it was sent now.

    `scope` ("campaign:3") lets a domain page list who was reminded of what, and when.
    """
    subject = " ".join(subject.split())[:255]  # a mail header cannot hold a line break
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    key=key, recipient=recipient, subject=subject, scope=scope, search_text=fold(f"{recipient} {subject}")
                )
        except IntegrityError:
            # The unique key, not a prior read: of two concurrent runs only one can insert it.
            return False
        Notification.objects.create(recipient=recipient, subject=subject, body=body, link=link)
        address = getattr(recipient, recipient.get_email_field_name(), "")
        if email and address:
            message = Message.objects.create(
                recipient=recipient, address=address, subject=subject, body=body, link=link
            )
            _deliver_after_commit(message.pk)
    return True


def notify_from_template(recipient, *, key, code, context, link="", email=True, scope=""):
    """Notify with the staff-edited template `code`, in the recipient's language, once per key."""
    template = MessageTemplate.objects.for_language(code, language_of(recipient))
    values = {"recipient": str(recipient), "link": absolute_url(link), **context}
    subject, body = template.render(values)
    return notify(recipient, key=key, subject=subject, body=body, link=link, email=email, scope=scope)


@contextlib.contextmanager
def delivery_batch():
    """Gather the e-mails of the notify() calls inside and send them in batches, each over one connection."""
    message_ids = []
    token = _batch.set(message_ids)
    try:
        yield
    finally:
        _batch.reset(token)
        transaction.on_commit(lambda: enqueue_delivery(message_ids), robust=True)


def _deliver_after_commit(message_id):
    batch = _batch.get()
    if batch is None:
        transaction.on_commit(lambda: enqueue_delivery([message_id]), robust=True)
    else:
        batch.append(message_id)


def send_due_reminders(today=None):
    """Send every reminder due today (Asia/Ho_Chi_Minh); return how many were sent now."""
    today = today or timezone.localdate()
    with delivery_batch(), transaction.atomic():
        return sum(finder(today) for finder in FINDERS)
