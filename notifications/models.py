import contextlib
import datetime
import logging
import string

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connections as _connections
from django.db import models, router, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.search import SearchableQuerySet
from core.text import fold

from .registry import SHIPPED_TEXTS

logger = logging.getLogger(__name__)
# A run that claimed messages and did not mark them sent within this time died: others may send them.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)


def connection_of(model):
    return _connections[router.db_for_write(model)]


def language_of(user):
    """The language to write to this user in: theirs if the user model keeps one, else the site's."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def absolute_url(link):
    """The link as a full address for an e-mail."""
    return settings.SITE_URL.rstrip("/") + link if link else ""


class NotificationQuerySet(SearchableQuerySet):
    def unread(self):
        return self.filter(read_at=None)

    def mark_read(self):
        """Mark the unread ones read; return how many."""
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    read_at = models.DateTimeField(_("thời điểm đọc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at=None), name="notification_unread"),
        ]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.subject} {self.body}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("notifications:open", args=[self.pk])

    @property
    def is_read(self):
        return self.read_at is not None

    def mark_read(self):
        """Record that the recipient has read it (the first time only)."""
        Notification.objects.filter(pk=self.pk).mark_read()
        self.read_at = self.read_at or timezone.now()

    mark_read.alters_data = True


class MessageQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at=None)

    def claimable(self):
        """Unsent, and not being sent by another run (a claim older than CLAIM_TIMEOUT is a run that died)."""
        stale = timezone.now() - CLAIM_TIMEOUT
        return self.unsent().filter(Q(sending_at=None) | Q(sending_at__lt=stale))

    def deliver(self):
        """Send the unsent messages here over one connection, each marked sent as it goes; return those that failed."""
        with transaction.atomic():
            # Claimed under a row lock: a concurrent run (a redelivered or retried task) skips these rows.
            locked = self.claimable().select_for_update(skip_locked=True, of=("self",))
            messages = list(locked.select_related("recipient").order_by("pk"))
            Message.objects.filter(pk__in=[message.pk for message in messages]).update(sending_at=timezone.now())
        # Each message is marked sent once it is out, outside any transaction: a crash mid-batch
        # leaves the sent ones marked, and the rest claimed until the claim expires.
        return send_over_one_connection(messages)


@contextlib.contextmanager
def commits_without_disk_wait():
    """Each mark is committed at once, without waiting for the disk (PostgreSQL): a crash of this worker loses
    none; only a crash of the database itself could forget the last few. A disk wait per message costs ~10 ms."""
    database = connection_of(Message)
    if database.vendor != "postgresql" or database.in_atomic_block:
        yield
        return
    with database.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with database.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def send_over_one_connection(messages):
    """Send the messages through one mail connection, marking each sent; record and return those that failed."""
    if not messages:
        return []
    connection = mail.get_connection()
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001  an unreachable server fails each message, to be retried alone
        for message in messages:
            message.record_failure(error)
        return messages
    with commits_without_disk_wait():
        failed = [message for message in messages if not message.send(connection)]
    try:
        connection.close()
    except Exception:  # noqa: BLE001  the messages are out; a failed goodbye must not unmark them
        logger.warning("Closing the mail connection failed", exc_info=True)
    return failed


class Message(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
        related_name="email_messages",
    )
    address = models.EmailField(_("địa chỉ thư điện tử"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    sending_at = models.DateTimeField(_("đang gửi từ"), null=True, blank=True, editable=False)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("thư điện tử")
        verbose_name_plural = _("thư điện tử")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"], condition=Q(sent_at=None), name="message_unsent")]

    def __str__(self):
        return f"{self.address}: {self.subject}"

    def as_email(self):
        """The plain-text e-mail, in the recipient's language, with the absolute link."""
        with translation.override(language_of(self.recipient)):
            text = render_to_string(
                "notifications/message_email.txt", {"message": self, "url": absolute_url(self.link)}
            )
        return mail.EmailMessage(self.subject, text, to=[self.address])

    def send(self, connection):
        """Send over an open connection and mark it sent at once; on failure record it and return False."""
        try:
            connection.send_messages([self.as_email()])
        except Exception as error:  # noqa: BLE001  one bad message must not stop the batch
            self.record_failure(error)
            return False
        self.sent_at = timezone.now()
        Message.objects.filter(pk=self.pk).update(sent_at=self.sent_at, sending_at=None, attempts=F("attempts") + 1)
        return True

    send.alters_data = True

    def record_failure(self, error):
        """Count a failed attempt and keep its error."""
        self.attempts += 1
        self.last_error = f"{error.__class__.__name__}: {error}"[:2000]
        self.sending_at = None  # free to be claimed by its retry
        self.save(update_fields=["attempts", "last_error", "sending_at"])
        logger.warning("Message %s failed (attempt %s): %s", self.pk, self.attempts, self.last_error)

    record_failure.alters_data = True


class ReminderLog(models.Model):
    """One row per reminder ever sent; its unique key is what makes "once" true."""

    key = models.CharField(
        _("khóa"), max_length=255, unique=True,
        help_text=_("Ví dụ: nomination_deadline:campaign=3:lead=7:user=12"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("nội dung nhắc"), max_length=255, blank=True)
    scope = models.CharField(
        _("phạm vi"), max_length=100, blank=True, db_index=True,
        help_text=_("Đối tượng được nhắc, để xem lại theo từng phong trào, ví dụ: campaign:3"),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now)
    # The run that inserted the row: of two runs inserting one key at once, only the one that wrote it finds it.
    batch = models.CharField(max_length=32, editable=False, blank=True)

    class Meta:
        verbose_name = _("nhật ký nhắc việc")
        verbose_name_plural = _("nhật ký nhắc việc")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["scope", "-created_at"], name="reminder_log_scope_recent")]

    def __str__(self):
        return self.key


class _KeepUnknown(dict):
    def __missing__(self, name):
        return "{" + name + "}"


def validate_placeholders(text):
    """Accept only {name} placeholders and doubled braces, so rendering can never fail."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _("Dấu ngoặc nhọn không khớp; viết {{ hoặc }} nếu muốn in dấu ngoặc."), code="unbalanced_braces"
        ) from None
    for _literal, name, spec, conversion in fields:
        if name is not None and (not name.isidentifier() or spec or conversion):
            raise ValidationError(
                _("Trường thay thế {%(name)s} không hợp lệ; chỉ dùng dạng {ten_truong}."),
                code="bad_placeholder", params={"name": name},
            )


class MessageTemplateQuerySet(SearchableQuerySet):
    def for_language(self, code, language):
        """The template `code` in this language, else in the site's default language."""
        found = sorted(
            self.filter(code=code, language__in=[language, settings.LANGUAGE_CODE]),
            key=lambda template: template.language != language,
        )
        if not found:
            found = self._create_default(code, language)
        return found[0]

    def _create_default(self, code, language):
        """A template missing from the table is made again from its shipped text, site language first.

        Two reminders may miss it at once: the second finds the row the first made (get_or_create), no IntegrityError.
        """
        languages = [lang for lang in dict.fromkeys([language, settings.LANGUAGE_CODE]) if (code, lang) in SHIPPED_TEXTS]
        if not languages:
            raise self.model.DoesNotExist(f"No message template {code!r}")
        created = []
        for lang in languages:
            description, subject, body = SHIPPED_TEXTS[code, lang]
            defaults = {"description": description, "subject_template": subject, "body_template": body}
            created.append(self.get_or_create(code=code, language=lang, defaults=defaults)[0])
        return sorted(created, key=lambda template: template.language != language)


# What each placeholder of the shipped texts stands for, shown to the staff who edit them.
PLACEHOLDER_LABELS = {
    "recipient": _("người nhận"),
    "campaign": _("kế hoạch, phong trào (số, ký hiệu)"),
    "link": _("đường dẫn đến trang liên quan"),
    "nomination": _("hồ sơ đề nghị khen thưởng"),
    "report": _("tên báo cáo"),
    "unit": _("đơn vị gửi"),
    "deadline": _("hạn (ngày/tháng/năm)"),
    "days_left": _("số ngày còn lại"),
    "days_overdue": _("số ngày quá hạn"),
    "meeting": _("cuộc họp"),
    "council": _("hội đồng"),
    "title": _("nội dung cuộc họp"),
    "date": _("ngày"),
    "time": _("giờ"),
    "place": _("địa điểm"),
    "count": _("số hồ sơ"),
    "reasons": _("lý do, nội dung cần bổ sung"),
    "result": _("kết quả xét"),
    "decision": _("quyết định khen thưởng"),
    "summary": _("tóm tắt"),
}


class MessageTemplate(models.Model):
    code = models.SlugField(_("mã"), max_length=100, help_text=_("Mã mà chương trình dùng để gọi mẫu."))
    language = models.CharField(_("ngôn ngữ"), max_length=10, choices=settings.LANGUAGES, default="vi")
    description = models.TextField(
        _("mô tả"), blank=True, help_text=_("Khi nào mẫu được gửi và dùng được những trường thay thế nào.")
    )
    subject_template = models.CharField(
        _("mẫu tiêu đề"), max_length=255, validators=[validate_placeholders],
        help_text=_("Ví dụ: Nhắc hạn nộp hồ sơ: {campaign}"),
    )
    body_template = models.TextField(
        _("mẫu nội dung"), validators=[validate_placeholders],
        help_text=_("Trường thay thế như {recipient}, {campaign}, {deadline}, {days_left}, {link}."),
    )
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = MessageTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")
        ordering = ["code", "language"]
        constraints = [
            models.UniqueConstraint(fields=["code", "language"], name="message_template_unique_code_language")
        ]

    def __str__(self):
        return f"{self.code} ({self.language})"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.description} {self.subject_template}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def label(self):
        """A name a person reads: the first sentence of the description, else the code."""
        first = self.description.split(". ")[0].strip().rstrip(".")
        return first or self.code

    def placeholders(self):
        """(placeholder, what it stands for) for each {name} the texts use, in order of first use."""
        try:
            names = [name for text in (self.subject_template, self.body_template)
                     for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name]
        except ValueError:  # a text being edited with unbalanced braces: its form says so
            return []
        return [(f"{{{name}}}", PLACEHOLDER_LABELS.get(name, "")) for name in dict.fromkeys(names)]

    def render(self, context):
        """Return (subject, body) with the placeholders filled; unknown ones stay visible as {name}."""
        values = _KeepUnknown(context)
        return self.subject_template.format_map(values), self.body_template.format_map(values)
