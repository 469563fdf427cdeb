"""Bench: 10,000 reminders due at once, each e-mailed once, through a local SMTP sink.

Creates the users bench00000…bench09999 if missing, clears what was sent to them, notifies them
all, delivers in batches, then does it all again to show that nothing is sent twice.
Reproduce (scratch SQLite in /tmp, or the database given):
    .venv/bin/python bench/reminders.py
    createdb -h 127.0.0.1 -U postgres thidua_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python bench/reminders.py
"""

import asyncio
import collections
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPIENTS = 10_000
KEY = "bench:reminders:nomination_deadline:campaign=1:lead=7"
COMMIT_EVERY = 1_000  # reminders per transaction: one disk sync per thousand rather than per reminder

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

from notifications.models import Message, Notification, ReminderLog  # noqa: E402
from notifications.services import delivery_batch, notify  # noqa: E402


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


def bench_users():
    """The bench's recipients, created if missing, with nothing sent to them yet."""
    User = get_user_model()
    User.objects.bulk_create(
        [User(username=f"bench{n:05}", email=f"bench{n:05}@example.gov.vn", password="!") for n in range(RECIPIENTS)],
        batch_size=1000, ignore_conflicts=True,
    )
    users = list(User.objects.filter(username__startswith="bench").order_by("username")[:RECIPIENTS])
    ReminderLog.objects.filter(key__startswith=KEY).delete()
    Notification.objects.filter(recipient__in=users).delete()
    Message.objects.filter(recipient__in=users).delete()
    return users


def remind_all(users):
    """Notify every user of the same deadline; return seconds to record, seconds to deliver, and how many now."""
    started = time.perf_counter()
    notified = 0
    with delivery_batch():
        for start in range(0, len(users), COMMIT_EVERY):
            with transaction.atomic():
                notified += sum(
                    notify(
                        user, key=f"{KEY}:user={user.pk}", subject="Nhắc hạn nộp hồ sơ đề nghị khen thưởng",
                        body="Hạn nộp hồ sơ đề nghị khen thưởng là ngày 31/10/2025, còn 7 ngày.", link="/thong-bao/",
                    )
                    for user in users[start:start + COMMIT_EVERY]
                )
        recorded = time.perf_counter() - started
    return recorded, time.perf_counter() - started, notified


def main():
    sink = SmtpSink()  # before the database is opened: the sink's process must not inherit a connection
    call_command("migrate", verbosity=0)
    send_mail_to(sink)
    users = bench_users()

    recorded, seconds, notified = remind_all(users)
    received, connections = sink.report()
    print(
        f"First run: {notified:,} of {len(users):,} reminders notified and e-mailed in {seconds:.1f} s "
        f"({recorded:.1f} s to record, {seconds - recorded:.1f} s to send over {connections} SMTP connections); "
        f"the sink received {received.total():,} messages, duplicates = {duplicates(received)}."
    )
    _, seconds_again, notified_again = remind_all(users)
    received_again, _ = sink.report()
    new_mail = received_again.total() - received.total()
    print(
        f"Same run again: {notified_again} notified, {new_mail} e-mails sent in {seconds_again:.1f} s; "
        f"duplicates = {duplicates(received_again)}."
    )
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Database: {database}. Reproduce: .venv/bin/python bench/reminders.py")
    unsent = Message.objects.filter(recipient__in=users, sent_at=None).count()
    if (notified, notified_again, new_mail, duplicates(received_again), unsent) != (len(users), 0, 0, 0, 0):
        sys.exit("FAILED: a reminder was missed or sent twice")


def duplicates(received):
    return sum(count - 1 for count in received.values())


if __name__ == "__main__":
    main()
