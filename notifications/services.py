"""Notify a user once per key: in the portal, and by e-mail."""

import contextlib
import contextvars
import dataclasses
import itertools
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.text import fold

from .models import Message, MessageTemplate, Notification, ReminderLog, absolute_url, language_of
from .registry import FINDERS
from .tasks import enqueue_delivery

_batch = contextvars.ContextVar("notifications_batch", default=None)
REMIND_CHUNK = 1000  # reminders per key lookup and bulk insert


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
        address = _address(recipient)
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


@dataclasses.dataclass(frozen=True)
class Reminder:
    """One reminder a finder wants sent once: to whom, under which unique key, with which message text."""

    recipient: object
    key: str
    code: str
    context: dict
    link: str = ""
    scope: str = ""
    email: bool = True


def notify_many(reminders):
    """Send, in bulk, each reminder whose key was never used; return how many were sent now.

    The keys already logged are read in one query per chunk; the new ones are inserted with conflicts
    skipped, and only the rows this run wrote (its `batch`) are notified, so two concurrent runs send each once.
    """
    reminders = list({reminder.key: reminder for reminder in reminders}.values())
    texts = _Texts()
    sent = 0
    for start in range(0, len(reminders), REMIND_CHUNK):
        sent += _remind_chunk(reminders[start:start + REMIND_CHUNK], texts)
    return sent


RECIPIENT = "\x00"  # stands for the recipient's name in a text rendered once for all its recipients


@dataclasses.dataclass(frozen=True)
class _Text:
    subject: str
    body: str
    folded_subject: str
    folded: str  # subject and body, for the inbox's search

    def addressed_to(self, recipient):
        """The text with the recipient's name where RECIPIENT stands."""
        name = str(recipient)
        folded_name = fold(name)
        return _Text(
            " ".join(self.subject.replace(RECIPIENT, name).split())[:255], self.body.replace(RECIPIENT, name),
            self.folded_subject.replace(RECIPIENT, folded_name), self.folded.replace(RECIPIENT, folded_name),
        )


class _Texts:
    """The texts of a run's reminders: each template read once per code and language, and each text rendered and
    folded once per template and context, not per recipient; a recipient's name is put in afterwards."""

    def __init__(self):
        self.templates = {}
        self.rendered = {}

    def of(self, reminder):
        template = self._template(reminder.code, language_of(reminder.recipient))
        values = {"link": absolute_url(reminder.link), **reminder.context, "recipient": RECIPIENT}
        try:
            key = (template.pk, frozenset(values.items()))
        except TypeError:  # a context value that cannot be a key: rendered for itself
            return self._render(template, values).addressed_to(reminder.recipient)
        if key not in self.rendered:
            self.rendered[key] = self._render(template, values)
        return self.rendered[key].addressed_to(reminder.recipient)

    def _template(self, code, language):
        if (code, language) not in self.templates:
            self.templates[code, language] = MessageTemplate.objects.for_language(code, language)
        return self.templates[code, language]

    @staticmethod
    def _render(template, values):
        subject, body = template.render(values)
        subject = " ".join(subject.split())
        return _Text(subject, body, fold(subject), fold(f"{subject} {body}"))


def _remind_chunk(reminders, texts):
    logged = set(ReminderLog.objects.filter(key__in=[r.key for r in reminders]).values_list("key", flat=True))
    reminders = [reminder for reminder in reminders if reminder.key not in logged]
    if not reminders:
        return 0
    text_of = {reminder.key: texts.of(reminder) for reminder in reminders}
    batch = uuid.uuid4().hex
    with transaction.atomic():
        ReminderLog.objects.bulk_create(
            [ReminderLog(key=r.key, recipient=r.recipient, subject=text_of[r.key].subject, scope=r.scope, batch=batch,
                         search_text=f"{fold(str(r.recipient))} {text_of[r.key].folded_subject}") for r in reminders],
            ignore_conflicts=True,
        )
        mine = set(ReminderLog.objects.filter(key__in=text_of, batch=batch).values_list("key", flat=True))
        reminders = [reminder for reminder in reminders if reminder.key in mine]
        Notification.objects.bulk_create(
            Notification(recipient=r.recipient, subject=text_of[r.key].subject, body=text_of[r.key].body, link=r.link,
                         search_text=text_of[r.key].folded) for r in reminders
        )
        messages = Message.objects.bulk_create(
            Message(recipient=r.recipient, address=_address(r.recipient), subject=text_of[r.key].subject,
                    body=text_of[r.key].body, link=r.link) for r in reminders if r.email and _address(r.recipient)
        )
        for message in messages:
            _deliver_after_commit(message.pk)
    return len(reminders)


def _address(recipient):
    return getattr(recipient, recipient.get_email_field_name(), "")


def send_due_reminders(today=None):
    """Send every reminder due today (Asia/Ho_Chi_Minh); return how many were sent now."""
    today = today or timezone.localdate()
    with delivery_batch(), transaction.atomic():
        return notify_many(itertools.chain.from_iterable(finder(today) for finder in FINDERS))
