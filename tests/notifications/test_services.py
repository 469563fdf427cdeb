import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction

from core.text import fold
from notifications.models import Message, Notification, ReminderLog
from notifications.services import (
    Reminder,
    delivery_batch,
    notify,
    notify_from_template,
    notify_many,
    send_due_reminders,
)
from tests.factories import MessageTemplateFactory, UserFactory

KEY = "nomination_deadline:campaign=3:lead=7:user=12"


def remind(user, key=KEY, **changes):
    arguments = {
        "key": key, "subject": "Nhắc hạn nộp hồ sơ đề nghị khen thưởng",
        "body": "Hạn nộp hồ sơ là ngày 31/10/2025, còn 7 ngày.", "link": "/phong-trao/3/",
    }
    return notify(user, **arguments | changes)


@pytest.mark.django_db
def test_notify_twice_with_the_same_key_sends_one_notification_and_one_email(django_capture_on_commit_callbacks):
    user = UserFactory(email="trungtam@example.gov.vn")

    with django_capture_on_commit_callbacks(execute=True):
        first = remind(user)
    with django_capture_on_commit_callbacks(execute=True):
        second = remind(user)

    assert (first, second) == (True, False)
    assert Notification.objects.filter(recipient=user).count() == 1
    assert [email.to for email in mail.outbox] == [["trungtam@example.gov.vn"]]


@pytest.mark.django_db
def test_notify_records_the_key_in_the_reminder_log():
    remind(UserFactory())

    assert list(ReminderLog.objects.values_list("key", flat=True)) == [KEY]


@pytest.mark.django_db
def test_notify_a_user_without_email_address_gives_only_the_in_app_notification():
    user = UserFactory(email="")

    remind(user)

    assert Notification.objects.filter(recipient=user).count() == 1
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_notify_with_email_off_gives_only_the_in_app_notification():
    remind(UserFactory(email="trungtam@example.gov.vn"), email=False)

    assert Notification.objects.count() == 1
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_notify_in_a_rolled_back_transaction_leaves_the_key_free_and_sends_nothing(django_capture_on_commit_callbacks):
    user = UserFactory(email="trungtam@example.gov.vn")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            remind(user)
            raise RuntimeError("the caller failed after notifying")

    assert ReminderLog.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_notify_puts_a_multiline_subject_on_one_line():
    remind(UserFactory(), subject="Nhắc hạn\nnộp hồ sơ")

    assert Notification.objects.get().subject == "Nhắc hạn nộp hồ sơ"


@pytest.mark.django_db(transaction=True)
def test_notify_from_two_threads_with_the_same_key_sends_once_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so the race cannot happen there")
    user = UserFactory(email="trungtam@example.gov.vn")
    start = threading.Barrier(2)
    results = []

    def run():
        try:
            start.wait()
            results.append(remind(user))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert sorted(results) == [False, True]
    assert (ReminderLog.objects.count(), Notification.objects.count(), Message.objects.count()) == (1, 1, 1)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_notify_from_template_fills_placeholders_and_leaves_unknown_ones_visible():
    template = MessageTemplateFactory(
        subject_template="Nhắc hạn: {campaign}",
        body_template="Kính gửi {recipient}, còn {days_left} ngày, hạn {deadline}. Xem: {link}",
    )
    user = UserFactory(full_name="Nguyễn Thị Hồng")

    notify_from_template(
        user, key=KEY, code=template.code, context={"campaign": "Kế hoạch 67/KH-UBND", "days_left": 7},
        link="/phong-trao/3/",
    )

    notification = Notification.objects.get()
    assert notification.subject == "Nhắc hạn: Kế hoạch 67/KH-UBND"
    expected = "Kính gửi Nguyễn Thị Hồng, còn 7 ngày, hạn {deadline}. Xem: http://127.0.0.1:8000/phong-trao/3/"
    assert notification.body == expected


@pytest.mark.django_db
def test_notify_from_template_writes_in_the_recipient_language():
    template = MessageTemplateFactory(language="vi", subject_template="Nhắc hạn: {campaign}")
    MessageTemplateFactory(code=template.code, language="en", subject_template="Reminder: {campaign}")
    user = UserFactory()
    user.language = "en"

    notify_from_template(user, key=KEY, code=template.code, context={"campaign": "Plan 67/KH-UBND"})

    assert Notification.objects.get().subject == "Reminder: Plan 67/KH-UBND"


@pytest.mark.django_db
def test_notify_from_template_falls_back_to_vietnamese_when_the_language_has_no_template():
    template = MessageTemplateFactory(language="vi", subject_template="Nhắc hạn: {campaign}")
    user = UserFactory()
    user.language = "en"

    notify_from_template(user, key=KEY, code=template.code, context={"campaign": "Kế hoạch 67/KH-UBND"})

    assert Notification.objects.get().subject == "Nhắc hạn: Kế hoạch 67/KH-UBND"


@pytest.mark.django_db
def test_delivery_batch_sends_all_its_emails_over_one_connection(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.notifications.test_services.CountingBackend"
    CountingBackend.opened = 0
    users = [UserFactory(email=f"donvi{number}@example.gov.vn") for number in range(5)]

    with django_capture_on_commit_callbacks(execute=True), delivery_batch():
        for user in users:
            remind(user, key=f"{KEY}:{user.pk}")

    assert CountingBackend.opened == 1
    assert len(mail.outbox) == 5


class CountingBackend(LocmemBackend):
    opened = 0

    def open(self):
        CountingBackend.opened += 1
        return True


@pytest.mark.django_db
@pytest.mark.parametrize("recipients", [1, 5])
def test_reminders_in_bulk_take_the_same_queries_for_one_or_many_recipients(
    recipients, django_assert_num_queries, django_capture_on_commit_callbacks
):
    MessageTemplateFactory(code="bulk_test", language="vi", subject_template="Nhắc {recipient}", body_template="Hạn {deadline}")
    users = UserFactory.create_batch(recipients, email="donvi@example.gov.vn")
    reminders = [Reminder(user, key=f"bulk_test:user={user.pk}", code="bulk_test", context={"deadline": "01/12/2026"})
                 for user in users]

    with django_capture_on_commit_callbacks(), django_assert_num_queries(8):
        sent = notify_many(reminders)

    assert sent == recipients
    notifications = Notification.objects.order_by("recipient_id")
    assert [(n.subject, fold(str(n.recipient)) in n.search_text) for n in notifications] == [(f"Nhắc {u}", True) for u in users]
    assert Message.objects.count() == recipients


@pytest.mark.django_db
def test_reminders_in_bulk_skip_the_keys_already_sent(django_capture_on_commit_callbacks):
    MessageTemplateFactory(code="bulk_test", language="vi", subject_template="Nhắc", body_template="Hạn")
    first, second = UserFactory.create_batch(2)
    with django_capture_on_commit_callbacks():
        notify_many([Reminder(first, key="bulk_test:1", code="bulk_test", context={})])

    with django_capture_on_commit_callbacks():
        sent = notify_many([Reminder(user, key=f"bulk_test:{n}", code="bulk_test", context={}) for n, user in enumerate([first, second], 1)])

    assert sent == 1
    assert list(Notification.objects.values_list("recipient", flat=True).order_by("pk")) == [first.pk, second.pk]


@pytest.mark.django_db
def test_three_recipients_due_get_one_email_each_and_a_second_daily_run_sends_none(
    monkeypatch, django_capture_on_commit_callbacks
):
    MessageTemplateFactory(code="bulk_test", language="vi", subject_template="Nhắc hạn {deadline}",
                           body_template="Kính gửi {recipient}: hạn nộp là {deadline}.")
    users = [UserFactory(email=f"donvi{n}@example.gov.vn", full_name=f"Đơn vị số {n}") for n in range(3)]
    due = [Reminder(user, key=f"bulk_test:user={user.pk}", code="bulk_test", context={"deadline": "01/12/2026"})
           for user in users]
    monkeypatch.setattr("notifications.services.FINDERS", [lambda today: due])

    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_due_reminders()

    assert (first, second) == (3, 0)
    assert sorted((email.to[0], email.body.split(":")[0]) for email in mail.outbox) == [
        (user.email, f"Kính gửi {user.full_name}") for user in users
    ]
    assert [Notification.objects.filter(recipient=user).count() for user in users] == [1, 1, 1]
    assert Message.objects.unsent().count() == 0
