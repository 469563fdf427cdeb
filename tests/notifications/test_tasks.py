import datetime
import os
import smtplib
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from config.celery import app
from notifications.models import CLAIM_TIMEOUT, Message
from notifications.tasks import MAX_ATTEMPTS, deliver_messages, deliver_pending
from tests.factories import MessageFactory

FAILING_ADDRESS = "hop.thu.loi@example.gov.vn"


class FailingForOneAddressBackend(LocmemBackend):
    """The mail server refuses FAILING_ADDRESS the first `failures_left` times."""

    failures_left = 0

    def send_messages(self, messages):
        for message in messages:
            if FAILING_ADDRESS in message.to and FailingForOneAddressBackend.failures_left:
                FailingForOneAddressBackend.failures_left -= 1
                raise smtplib.SMTPRecipientsRefused({FAILING_ADDRESS: (550, b"Mailbox unavailable")})
        return super().send_messages(messages)


class UnreachableBackend(LocmemBackend):
    def open(self):
        raise ConnectionRefusedError("Connection refused")


@pytest.fixture
def failing_once(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_tasks.FailingForOneAddressBackend"
    FailingForOneAddressBackend.failures_left = 1


@pytest.fixture
def failing_always(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_tasks.FailingForOneAddressBackend"
    FailingForOneAddressBackend.failures_left = 1000


@pytest.mark.django_db
def test_delivered_email_is_plain_vietnamese_text_with_the_absolute_link(settings):
    settings.SITE_URL = "https://thidua.example.gov.vn"
    message = MessageFactory(
        subject="Nhắc hạn nộp hồ sơ đề nghị khen thưởng", body="Hạn nộp hồ sơ là ngày 31/10/2025.",
        link="/phong-trao/3/", recipient__email="trungtam@example.gov.vn",
    )

    deliver_messages(message_ids=[message.pk])

    email = mail.outbox[0]
    assert email.to == ["trungtam@example.gov.vn"]
    assert email.subject == "Nhắc hạn nộp hồ sơ đề nghị khen thưởng"
    assert email.content_subtype == "plain"
    assert email.body.startswith("Hạn nộp hồ sơ là ngày 31/10/2025.\n")
    assert "Xem chi tiết: https://thidua.example.gov.vn/phong-trao/3/\n" in email.body
    assert "Thư gửi tự động từ Cổng Thi đua – Khen thưởng ngành Tư pháp" in email.body


@pytest.mark.django_db
def test_delivered_message_is_marked_sent_with_one_attempt():
    message = MessageFactory()

    deliver_messages(message_ids=[message.pk])

    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 1


@pytest.mark.django_db
def test_delivering_the_same_message_twice_sends_it_once():
    message = MessageFactory()

    deliver_messages(message_ids=[message.pk])
    deliver_messages(message_ids=[message.pk])

    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_message_another_worker_is_sending_is_skipped_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no row locks to skip")
    message = MessageFactory()

    def deliver_elsewhere():
        try:
            deliver_messages(message_ids=[message.pk])
        finally:
            connection.close()

    with transaction.atomic():
        Message.objects.select_for_update().get(pk=message.pk)  # as a worker sending it right now
        thread = threading.Thread(target=deliver_elsewhere)
        thread.start()
        thread.join(timeout=20)

    assert mail.outbox == []


@pytest.mark.django_db
def test_delivering_a_deleted_message_does_nothing():
    message = MessageFactory()
    message_id = message.pk
    message.delete()

    deliver_messages(message_ids=[message_id])

    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failing_address_does_not_block_the_others_and_is_retried(failing_once, caplog):
    first, failing, last = MessageFactory(), MessageFactory(recipient__email=FAILING_ADDRESS), MessageFactory()

    deliver_messages(message_ids=[first.pk, failing.pk, last.pk])

    assert [email.to[0] for email in mail.outbox] == [first.address, last.address, FAILING_ADDRESS]
    failing.refresh_from_db()
    assert failing.sent_at is not None
    assert failing.attempts == 2
    assert failing.last_error.startswith("SMTPRecipientsRefused")
    assert f"Message {failing.pk} failed (attempt 1)" in caplog.text


@pytest.mark.django_db
def test_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(failing_always):
    message = MessageFactory(recipient__email=FAILING_ADDRESS)

    deliver_messages(message_ids=[message.pk])

    message.refresh_from_db()
    assert (message.sent_at, message.attempts) == (None, MAX_ATTEMPTS)


@pytest.mark.django_db
def test_an_unreachable_mail_server_leaves_every_message_unsent_with_its_error(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_tasks.UnreachableBackend"
    messages = [MessageFactory(), MessageFactory()]

    deliver_messages(message_ids=[message.pk for message in messages])

    for message in messages:
        message.refresh_from_db()
        assert (message.sent_at, message.attempts) == (None, MAX_ATTEMPTS)
        assert message.last_error == "ConnectionRefusedError: Connection refused"


@pytest.mark.django_db
def test_deliver_pending_sends_messages_never_queued_and_leaves_recent_ones():
    forgotten = MessageFactory(created_at=timezone.now() - datetime.timedelta(hours=1))
    MessageFactory()

    deliver_pending()

    assert [email.to[0] for email in mail.outbox] == [forgotten.address]


def _test_database_url():
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return url._replace(path="/" + connection.settings_dict["NAME"]).geturl()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_delivers_the_message(tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: a real Celery worker runs on Redis")
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL: the worker process cannot see pytest's SQLite database")
    message = MessageFactory()
    queue = f"test-notifications-{uuid.uuid4().hex[:8]}"  # so no other worker on this Redis takes the task
    environment = os.environ | {
        "CELERY_TASK_ALWAYS_EAGER": "false", "DATABASE_URL": _test_database_url(), "EMAIL_URL": "consolemail://",
    }
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "celery"), "-A", "config", "worker", "-P", "solo",
         "--without-mingle", "--without-gossip", "-l", "warning", "-Q", queue],
        cwd=settings.BASE_DIR, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        deliver_messages.apply_async(kwargs={"message_ids": [message.pk]}, queue=queue)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not Message.objects.filter(pk=message.pk, sent_at__isnull=False).exists():
            time.sleep(0.2)
    finally:
        app.conf.task_always_eager = was_eager
        worker.terminate()
        worker.wait(timeout=10)

    assert Message.objects.get(pk=message.pk).sent_at is not None, log.read_text()


@pytest.mark.django_db
def test_pending_delivery_is_scheduled_every_ten_minutes():
    task = PeriodicTask.objects.get(name="notifications.deliver_pending")

    assert (task.task, task.interval.every, task.interval.period) == ("notifications.tasks.deliver_pending", 10, "minutes")


class CrashingOnThirdBackend(LocmemBackend):
    """The worker dies while sending the third message of a batch (a BaseException: no message error to record)."""

    sends = 0

    def send_messages(self, messages):
        CrashingOnThirdBackend.sends += 1
        if CrashingOnThirdBackend.sends == 3:
            raise KeyboardInterrupt  # stands for the worker being killed mid-batch
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_crash_mid_batch_sends_no_message_twice(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_tasks.CrashingOnThirdBackend"
    CrashingOnThirdBackend.sends = 0
    messages = MessageFactory.create_batch(5)
    ids = [message.pk for message in messages]
    with pytest.raises(KeyboardInterrupt):
        deliver_messages(message_ids=ids)

    deliver_messages(message_ids=ids)  # redelivered at once: the dead run's claim still holds the rest
    with time_machine.travel(timezone.now() + CLAIM_TIMEOUT + datetime.timedelta(minutes=1)):
        deliver_messages(message_ids=ids)  # the claim has expired: the rest go, and only the rest

    assert sorted(email.to[0] for email in mail.outbox) == sorted(message.address for message in messages)
    assert Message.objects.unsent().count() == 0


@pytest.mark.django_db
def test_each_message_is_marked_sent_as_soon_as_it_is_out(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_tasks.CrashingOnThirdBackend"
    CrashingOnThirdBackend.sends = 0
    messages = MessageFactory.create_batch(5)

    with pytest.raises(KeyboardInterrupt):
        deliver_messages(message_ids=[message.pk for message in messages])

    assert Message.objects.exclude(sent_at=None).count() == 2
