"""Bench: 10,000 reminders due at once, each e-mailed once, through a local SMTP sink.

Creates the users bench00000…bench09999 if missing; three times, clears what was sent to them and reminds them all
the way the daily run does (`notify_many`: log rows, notifications and outbox messages in bulk), interleaved with
the baseline, one `notify()` per recipient (the old way), timed on BASELINE recipients and scaled; best of 3 each.
Bar: 10,000 recipients ≤ 10 s, each once: the run that records them (delivery is the Celery workers' job, 100
messages a task, in parallel). Then the last run's outbox is delivered here through the sink, timed on its own,
and the reminders are run again to show that nothing is sent twice.
Reproduce (scratch SQLite in /tmp, or the database given):
    .venv/bin/python bench/reminders.py
    createdb -h 127.0.0.1 -U postgres thidua_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/reminders.py
"""

import asyncio
import collections
import contextlib
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPIENTS = 10_000
BASELINE = 1_000
RUNS = 3
BAR_SECONDS = 10
KEY = "bench:reminders:nomination_deadline:campaign=1:lead=7"

sys.path.insert(0, str(ROOT))
SCRATCH = Path("/tmp/thidua-bench.sqlite3")
if "DATABASE_URL" not in os.environ:
    SCRATCH.unlink(missing_ok=True)  # a fresh scratch file: never an old schema
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"  # deliver in this process, to the sink below
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from notifications import services, tasks  # noqa: E402
from notifications.models import Message, Notification, ReminderLog  # noqa: E402
from notifications.services import Reminder, delivery_batch, notify, notify_many  # noqa: E402


class SmtpSink:
    """A minimal SMTP server on 127.0.0.1, in its own process, counting what it receives per recipient."""

    def __init__(self):
        self.control, child = multiprocessing.Pipe()
        multiprocessing.Process(target=_serve, args=(child,), daemon=True).start()
        self.port = self.control.recv()

    def report(self):
        """Return (messages per recipient, connections opened) so far."""
        self.control.send("report")
        return self.control.recv()


def _serve(control):
    received, connections = collections.Counter(), []

    async def session(reader, writer):
        connections.append(1)
        recipients = []
        writer.write(b"220 sink ESMTP\r\n")
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"RCPT":
                recipients.append(line.split(b":", 1)[1].split()[0].strip(b"<>").decode())
                writer.write(b"250 OK\r\n")
            elif verb == b"DATA":
                writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                await writer.drain()
                await reader.readuntil(b"\r\n.\r\n")
                received.update(recipients)
                recipients = []
                writer.write(b"250 OK\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 Bye\r\n")
                break
            else:  # HELO, MAIL, RSET, NOOP
                writer.write(b"250 OK\r\n")
            await writer.drain()
        await writer.drain()
        writer.close()

    async def serve():
        server = await asyncio.start_server(session, "127.0.0.1", 0, limit=1 << 20)
        control.send(server.sockets[0].getsockname()[1])
        loop = asyncio.get_running_loop()
        while await loop.run_in_executor(None, control.recv):
            control.send((collections.Counter(received), len(connections)))

    asyncio.run(serve())


def send_mail_to(sink):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def bench_users(prefix="bench", count=RECIPIENTS):
    """The bench's recipients, created if missing, with nothing sent to them yet."""
    User = get_user_model()
    User.objects.bulk_create(
        [User(username=f"{prefix}{n:05}", email=f"{prefix}{n:05}@example.gov.vn", password="!") for n in range(count)],
        batch_size=1000, ignore_conflicts=True,
    )
    users = list(User.objects.filter(username__regex=rf"^{prefix}[0-9]+$").order_by("username")[:count])
    ReminderLog.objects.filter(recipient__in=users).delete()
    Notification.objects.filter(recipient__in=users).delete()
    Message.objects.filter(recipient__in=users).delete()
    return users


def remind_all(users):
    """Remind every user of the same deadline in bulk; return the seconds it took, how many, and the outbox ids."""
    context = {"campaign": "Kế hoạch số 67/KH-UBND", "deadline": "31/10/2025", "days_left": 7}
    with captured_delivery() as message_ids:
        started = time.perf_counter()
        with delivery_batch(), transaction.atomic():
            notified = notify_many(
                Reminder(user, key=f"{KEY}:user={user.pk}", code="nomination_deadline", context=context, link="/thong-bao/")
                for user in users
            )
        seconds = time.perf_counter() - started
    return seconds, notified, message_ids


def remind_one_by_one(users):
    """The baseline: one notify() per recipient, as the daily run did before; return seconds per recipient."""
    with captured_delivery():
        started = time.perf_counter()
        with delivery_batch(), transaction.atomic():
            for user in users:
                notify(user, key=f"{KEY}:baseline:user={user.pk}", subject="Nhắc hạn nộp hồ sơ đề nghị khen thưởng",
                       body="Hạn nộp hồ sơ đề nghị khen thưởng là ngày 31/10/2025, còn 7 ngày.", link="/thong-bao/")
        return (time.perf_counter() - started) / len(users)


@contextlib.contextmanager
def captured_delivery():
    """Keep the ids of the messages queued for delivery instead of delivering them."""
    message_ids = []
    queue, services.enqueue_delivery = services.enqueue_delivery, message_ids.extend
    try:
        yield message_ids
    finally:
        services.enqueue_delivery = queue


def main():
    sink = SmtpSink()  # before the database is opened: the sink's process must not inherit a connection
    call_command("migrate", verbosity=0)
    send_mail_to(sink)
    load = os.getloadavg()
    bulk, baseline = [], []
    for _ in range(RUNS):
        users = bench_users()
        seconds, notified, message_ids = remind_all(users)
        bulk.append(seconds)
        baseline.append(remind_one_by_one(bench_users("benchbaseline", BASELINE)) * RECIPIENTS)
    best, best_baseline = min(bulk), min(baseline)
    print(f"Bulk: {notified:,} of {len(users):,} reminders recorded (log rows, notifications, outbox messages): "
          f"best {best:.1f} s of {RUNS} ({', '.join(f'{s:.1f}' for s in bulk)}).")
    print(f"Baseline, one notify() per recipient (timed on {BASELINE:,}, scaled to {RECIPIENTS:,}): best {best_baseline:.1f} s "
          f"({', '.join(f'{s:.1f}' for s in baseline)}); ratio {best_baseline / best:.1f}×.")
    received_before = sink.report()[0].total()
    started = time.perf_counter()
    tasks.enqueue_delivery(message_ids)  # eager: delivered here, 100 messages a connection, one after another
    delivery = time.perf_counter() - started
    received, connections = sink.report()
    print(f"Delivery of the last run's {len(message_ids):,} messages in this one process (eager Celery): {delivery:.1f} s "
          f"over {connections} SMTP connections; the sink received {received.total() - received_before:,}, "
          f"duplicates = {duplicates(received)}.")
    seconds_again, notified_again, again_ids = remind_all(users)
    tasks.enqueue_delivery(again_ids)
    received_again, _ = sink.report()
    new_mail = received_again.total() - received.total()
    print(f"Same reminders again: {notified_again} notified, {new_mail} e-mails sent in {seconds_again:.1f} s; "
          f"duplicates = {duplicates(received_again)}.")
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Bar: {RECIPIENTS:,} recipients ≤ {BAR_SECONDS} s, each once: {'met' if best <= BAR_SECONDS else 'missed'} "
          f"({best:.1f} s). Load average {' '.join(f'{x:.2f}' for x in load)} before, "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} after ({os.cpu_count()} cores, shared).")
    print(f"Database: {database}. Reproduce: DATABASE_URL=postgres://…/scratch .venv/bin/python bench/reminders.py")
    unsent = Message.objects.filter(recipient__in=users, sent_at=None).count()
    if (notified, notified_again, new_mail, duplicates(received_again), unsent) != (len(users), 0, 0, 0, 0):
        sys.exit("FAILED: a reminder was missed or sent twice")


def duplicates(received):
    return sum(count - 1 for count in received.values())


if __name__ == "__main__":
    main()
