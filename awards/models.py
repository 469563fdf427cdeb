from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Person
from campaigns.models import AwardForm, Campaign, DocumentLines
from core.exceptions import PortalError
from core.models import Searchable, StatusFlow, StatusHistory
from core.search import SearchableQuerySet
from nominations.models import Nomination


class DecisionError(PortalError):
    pass


class NumberSeries(models.Model):
    """The register of document numbers of one issuing body in one year (Decree 30: from 01 each 1 January)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="number_series_unique_year")]

    @classmethod
    def take_next(cls, organization, year):
        """Reserve the next number under a row lock: concurrent drafts never share one, none is reused."""
        with transaction.atomic():
            cls.objects.get_or_create(organization=organization, year=year)
            series = cls.objects.select_for_update().get(organization=organization, year=year)
            series.last_number += 1
            series.save(update_fields=["last_number"])
            return series.last_number

    @classmethod
    def peek_next(cls, organization, year):
        series = cls.objects.filter(organization=organization, year=year).first()
        return (series.last_number if series else 0) + 1


class DecisionQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """An office and its leaders see their bodies' decisions, and the signed ones granting what they forwarded
        upward; a unit, the signed decisions that award its dossiers."""
        if user.is_administrator:
            return self
        signed = models.Q(status=Decision.Status.SIGNED)
        visible = models.Q(pk__in=[])
        if user.role == user.Role.UNIT:
            granting = Decision.objects.filter(awards__nomination__submitting_unit=user.organization_id).values("pk")
            visible |= signed & models.Q(pk__in=granting)
        if user.role in (user.Role.STAFF, user.Role.LEADER):
            visible |= models.Q(issuing_organization__in=user.body_ids)
            visible |= signed & models.Q(campaign__issuing_organization__in=user.body_ids)  # a higher award on its plan
            forwarded = Decision.objects.filter(nominations__forwarded_from__campaign__issuing_organization__in=user.body_ids)
            visible |= signed & models.Q(pk__in=forwarded.values("pk"))
        return self.filter(visible)


class Decision(DocumentLines, StatusFlow, Searchable):
    """A Quyết định khen thưởng granting one award form to the approved nominations of a campaign."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SIGNED = "signed", _("Đã ký")

    class DocumentsState(models.TextChoices):
        NONE = "", _("Chưa tạo")
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã tạo xong")
        FAILED = "failed", _("Lỗi")

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="decisions")
    award_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT, related_name="decisions")
    issuing_organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="decisions"
    )
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Ví dụ: ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=30, help_text=_("Ví dụ: QĐ-UBND"))
    year = models.PositiveSmallIntegerField(_("năm"))
    issue_place = models.CharField(_("địa danh"), max_length=100)
    issue_date = models.DateField(_("ngày ban hành"))
    summary = models.CharField(_("trích yếu"), max_length=500)
    authority = models.CharField(_("thẩm quyền ban hành"), max_length=255, help_text=_("Ví dụ: CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"))
    legal_bases = models.TextField(_("căn cứ"), help_text=_("Mỗi căn cứ một dòng."))
    article_1 = models.TextField(_("Điều 1"))
    article_2 = models.TextField(_("Điều 2"), blank=True)
    article_3 = models.TextField(_("Điều 3"))
    recipients = models.TextField(_("nơi nhận"), help_text=_("Mỗi nơi nhận một dòng."))
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=255, help_text=_("Mỗi dòng một cấp, cách nhau bởi “/”, ví dụ: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    nominations = models.ManyToManyField(Nomination, verbose_name=_("hồ sơ được khen"), related_name="decisions")
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pdf = models.FileField(_("tệp quyết định"), upload_to="decisions/%Y/", blank=True)
    certificates_pdf = models.FileField(_("tệp bằng khen, giấy khen"), upload_to="certificates/%Y/", blank=True)
    documents_state = models.CharField(_("tạo văn bản"), max_length=10, choices=DocumentsState.choices, default="", blank=True)
    documents_progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    documents_error = models.TextField(_("lỗi tạo văn bản"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    transitions = {Status.DRAFT: {Status.SIGNED}}
    transition_error = DecisionError
    stale_message = _("Quyết định vừa được cập nhật, vui lòng tải lại.")

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-issue_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_organization", "year", "number"], name="decision_unique_number"),
        ]

    def __str__(self):
        return _("Quyết định số %(number)s") % {"number": self.number_symbol}

    def get_absolute_url(self):
        return reverse("awards:decision", args=[self.pk])

    def searchable_values(self):
        return [self.number_symbol, self.summary]

    @property
    def body_id(self):
        return self.issuing_organization_id

    @property
    def number_symbol(self):
        """Decree 30: a leading zero below 10, "Số: 05/QĐ-UBND"."""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def is_signed(self):
        return self.status == self.Status.SIGNED

    def check_editable(self):
        if self.is_signed:
            raise DecisionError(_("Quyết định đã ký: không thể sửa."), code="signed")

    def record_edit(self, *, by):
        """Keep who edited the draft, and when, in its history."""
        self._record(by=by, note=_("Sửa dự thảo"))


class DecisionHistory(StatusHistory):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="history")


class AwardLevel(models.TextChoices):
    """The level of an award is the level of the body that grants it."""

    CENTRAL = "central", _("Cấp Bộ, ngành trung ương")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    BASE = "base", _("Cấp cơ sở")


# The granting bodies of each level; every other body grants at the base level (Giấy khen of a director).
LEVEL_KINDS = {
    AwardLevel.CENTRAL: [Organization.Kind.MINISTRY],
    AwardLevel.PROVINCIAL: [Organization.Kind.PEOPLES_COMMITTEE],
}
WOMEN_MAJORITY_PERCENT = 70  # Decree 152/2025: a tie favours collectives with at least 70% women


def level_case(kind_field="award_form__granting_organization__kind"):
    """The award level computed in the database from the granting body's kind."""
    whens = [models.When(**{f"{kind_field}__in": kinds}, then=models.Value(level)) for level, kinds in LEVEL_KINDS.items()]
    return models.Case(*whens, default=models.Value(AwardLevel.BASE))


class AwardQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """A unit, the awards on its own dossiers; an office and its leaders, those of the decisions they see."""
        if user.is_administrator:
            return self
        visible = models.Q(pk__in=[])
        if user.role == user.Role.UNIT:
            visible |= models.Q(nomination__submitting_unit=user.organization_id)
        if user.role in (user.Role.STAFF, user.Role.LEADER):
            visible |= models.Q(decision__in=Decision.objects.visible_to(user).values("pk"))
        return self.filter(visible)

    def of_level(self, level):
        return self.alias(level=level_case()).filter(level=level)


# Printed under a QR code and typed by hand: no 0/O or 1/I to mistake.
VERIFICATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_verification_code():
    return get_random_string(12, VERIFICATION_ALPHABET)


class Award(Searchable):
    """One granted award, read by the register and by a person's or a unit's history."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="award")
    award_form = models.ForeignKey(AwardForm, on_delete=models.PROTECT, related_name="awards")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    register_number = models.CharField(_("số vào sổ"), max_length=40)
    position = models.PositiveIntegerField(_("số thứ tự"))
    # The certificate's QR code opens /khen-thuong/xac-minh/<code>/ for as long as the certificate lives:
    # a stored random code, not the pk (guessable) nor a signature (broken by a new SECRET_KEY).
    verification_code = models.CharField(_("mã xác minh"), max_length=12, unique=True, default=new_verification_code)
    # Law on Emulation and Commendation 2022, art. 93: an award is revoked by a later decision of the same authority.
    revoked_in = models.ForeignKey(
        "Decision", verbose_name=_("thu hồi theo quyết định"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="revoked_awards",
    )
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "position"], name="award_unique_position"),
        ]

    def __str__(self):
        return f"{self.awardee} – {self.award_form}"

    @property
    def body_id(self):
        return self.decision.issuing_organization_id

    @property
    def awardee(self):
        return self.person or self.organization

    @property
    def is_revoked(self):
        return self.revoked_in_id is not None

    def revoke(self, *, decision, reason, by):
        """Record that a later signed decision of the same body revokes this award, in both decisions' history."""
        if self.is_revoked:
            raise DecisionError(_("Khen thưởng này đã bị thu hồi."), code="already_revoked")
        if not reason.strip():
            raise DecisionError(_("Hãy ghi lý do thu hồi."), code="no_reason")
        if not decision.is_signed or decision.issuing_organization_id != self.decision.issuing_organization_id:
            raise DecisionError(
                _("Chỉ thu hồi theo một quyết định đã ký của chính cơ quan đã khen thưởng."), code="wrong_decision"
            )
        if decision.issue_date < self.decision.issue_date or decision.pk == self.decision_id:
            raise DecisionError(
                _("Quyết định thu hồi phải ban hành sau quyết định khen thưởng."), code="decision_before_award"
            )
        note = _("Thu hồi khen thưởng của %(awardee)s (số vào sổ %(number)s): %(reason)s") % {
            "awardee": self.awardee, "number": self.register_number, "reason": reason,
        }
        with transaction.atomic():
            Award.objects.filter(pk=self.pk).update(revoked_in=decision, revocation_reason=reason)
            self.revoked_in, self.revocation_reason = decision, reason
            decision._record(by=by, note=note)
            self.decision._record(by=by, note=note)

    revoke.alters_data = True

    def get_verification_url(self):
        return reverse("awards:verify", args=[self.verification_code])

    def searchable_values(self):
        return [self.awardee, self.award_form, self.decision.number_symbol, self.register_number,
                self.person.organization if self.person else ""]
