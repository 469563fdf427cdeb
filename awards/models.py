from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Person
from campaigns.models import AwardForm, Campaign, DocumentLines
from core.exceptions import PortalError
from core.models import Searchable, StatusFlow, StatusHistory
from core.search import SearchableQuerySet
from core.text import normalize
from documents.texts import date_line
from nominations.models import Nomination

# Up to this many awardees, Điều 1 lists them itself (placement "auto"); more go to the annex.
INLINE_LIST_LIMIT = 5


class DecisionError(PortalError):
    pass


class NumberSeries(models.Model):
    """A register of document numbers of one issuing body, one kind and one year (Decree 30: from 01 each 1 January)."""

    class Kind(models.TextChoices):
        DECISION = "QĐ", _("Quyết định")
        PROPOSAL = "TTr", _("Tờ trình")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.DECISION)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "kind", "year"], name="number_series_unique_year")]

    @classmethod
    def _locked(cls, organization, year, kind):
        cls.objects.get_or_create(organization=organization, kind=kind, year=year)
        return cls.objects.select_for_update().get(organization=organization, kind=kind, year=year)

    @classmethod
    def take_next(cls, organization, year, kind=Kind.DECISION):
        """Reserve the next number under a row lock: concurrent drafts never share one, none is reused."""
        with transaction.atomic():
            series = cls._locked(organization, year, kind)
            series.last_number += 1
            series.save(update_fields=["last_number"])
            return series.last_number

    @classmethod
    def record_issued(cls, organization, year, number, kind=Kind.DECISION):
        """A number the văn thư issued by hand: the register never gives it, nor one below it, again."""
        with transaction.atomic():
            series = cls._locked(organization, year, kind)
            if number > series.last_number:
                series.last_number = number
                series.save(update_fields=["last_number"])


def granted_to(organization_id, prefix=""):
    """Awards of a unit's dossiers, or, entered without a dossier, of its people and of the unit itself."""
    entered = models.Q(**{f"{prefix}nomination": None})
    # From the unit's few dossiers and people: joined instead, PostgreSQL walked every awarded dossier.
    own_dossiers = Nomination.objects.filter(submitting_unit=organization_id).values("pk")
    own_people = Person.objects.filter(organization=organization_id).values("pk")
    return (
        models.Q(**{f"{prefix}nomination__in": own_dossiers})
        | entered & models.Q(**{f"{prefix}person__in": own_people})
        | entered & models.Q(**{f"{prefix}organization": organization_id})
    )


class DecisionQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """An office and its leaders see their bodies' decisions, and the signed ones granting what they forwarded
        upward; a unit, the signed decisions that award its dossiers."""
        if user.is_administrator:
            return self
        signed = models.Q(status=Decision.Status.SIGNED)
        visible = models.Q(pk__in=[])
        if user.role == user.Role.UNIT:
            granting = Decision.objects.filter(granted_to(user.organization_id, "awards__")).values("pk")
            visible |= signed & models.Q(pk__in=granting)
        if user.role in (user.Role.STAFF, user.Role.LEADER):
            visible |= models.Q(issuing_organization__in=user.body_ids)
            visible |= signed & models.Q(campaign__issuing_organization__in=user.body_ids)  # a higher award on its plan
            # From the few forwarded dossiers, not from the body's many: PostgreSQL plans this inside the OR 10× faster.
            forwarded = Awardee.objects.filter(
                nomination__forwarded_from__isnull=False,
                nomination__forwarded_from__campaign__issuing_organization__in=user.body_ids,
            )
            visible |= signed & models.Q(pk__in=forwarded.values("decision_id"))
        return self.filter(visible)


class Decision(DocumentLines, StatusFlow, Searchable):
    """A Quyết định khen thưởng granting one award form to a list of collectives and people (its awardees)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SIGNED = "signed", _("Đã ký")

    class DocumentsState(models.TextChoices):
        NONE = "", _("Chưa tạo")
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã tạo xong")
        FAILED = "failed", _("Lỗi")

    class Source(models.TextChoices):
        COUNCIL = "council", _("Hồ sơ được Hội đồng đề nghị")
        FORWARDED = "forwarded", _("Hồ sơ cấp dưới chuyển lên")
        ENTERED = "entered", _("Danh sách nhập trực tiếp")

    class ListPlacement(models.TextChoices):
        AUTO = "auto", _("Tự động: trong Điều 1 khi danh sách ngắn, phụ lục khi dài")
        INLINE = "inline", _("Trong Điều 1")
        ANNEX = "annex", _("Danh sách kèm theo (phụ lục)")

    # None for a decision outside any plan of the portal (its award form has none either).
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    award_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT, related_name="decisions")
    issuing_organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="decisions"
    )
    # The issuer's name as it stood at signing: a body renamed or merged later never changes a signed decision.
    issuing_body_name = models.CharField(_("tên cơ quan ban hành khi ký"), max_length=255, blank=True, editable=False)
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Ví dụ: ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"))
    source = models.CharField(_("lập từ"), max_length=10, choices=Source.choices, default=Source.COUNCIL)
    # Blank on a draft: the register gives the number at signing, or the office records the văn thư's.
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ: QĐ-UBND"))
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    issue_place = models.CharField(_("địa danh"), max_length=100)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    authority = models.CharField(_("thẩm quyền ban hành"), max_length=255, help_text=_("Ví dụ: CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"))
    legal_bases = models.TextField(_("căn cứ"), help_text=_("Mỗi căn cứ một dòng."))
    article_1 = models.TextField(_("Điều 1"))
    list_placement = models.CharField(_("danh sách khen thưởng"), max_length=10, choices=ListPlacement.choices, default=ListPlacement.AUTO)
    reward_computed = models.BooleanField(
        _("tính tiền thưởng"), default=True,
        help_text=_("Điều 2 ghi tiền thưởng theo hệ số và mức lương cơ sở tại ngày ban hành; bỏ chọn để tự ghi Điều 2."),
    )
    reward_fund = models.CharField(_("nguồn kinh phí"), max_length=255, blank=True)
    article_2 = models.TextField(_("Điều 2"), blank=True, help_text=_("Khi không tính tiền thưởng; để trống nếu quyết định không có điều này."))
    extra_articles = models.TextField(_("các điều khác"), blank=True, help_text=_("Mỗi điều một đoạn, cách nhau bởi một dòng trống."))
    article_3 = models.TextField(_("điều thi hành"), blank=True, help_text=_("Điều cuối; để trống khi quyết định không có điều này."))
    recipients = models.TextField(_("nơi nhận"), help_text=_("Mỗi nơi nhận một dòng."))
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=255, help_text=_("Mỗi dòng một cấp, cách nhau bởi “/”, ví dụ: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pdf = models.FileField(_("tệp quyết định"), upload_to="decisions/%Y/", blank=True)
    certificates_pdf = models.FileField(_("tệp bằng khen, giấy khen"), upload_to="certificates/%Y/", blank=True)
    documents_state = models.CharField(_("tạo văn bản"), max_length=10, choices=DocumentsState.choices, default="", blank=True)
    documents_progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    documents_error = models.TextField(_("lỗi tạo văn bản"), blank=True)
    # When the documents job last moved: one pending or running past settings.DOCUMENTS_JOB_DEADLINE is stuck.
    documents_updated_at = models.DateTimeField(_("tạo văn bản cập nhật lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    transitions = {Status.DRAFT: {Status.SIGNED}}
    transition_error = DecisionError
    stale_message = _("Quyết định vừa được cập nhật, vui lòng tải lại.")

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-created_at", "-pk"]
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
        """Decree 30: a leading zero below 10, "Số: 05/QĐ-UBND"; "…/QĐ-UBND" before a number is given."""
        return f"{self.number:02d}/{self.symbol}" if self.number else f"…/{self.symbol}"

    @property
    def date_line(self):
        """ "Cần Thơ, ngày 05 tháng 01 năm 2026", as the decision's header prints it."""
        return date_line(self.issue_place, self.issue_date)

    @property
    def effective_date(self):
        """The day the decision bears, or, undated, today's: the base salary and the bases in force on it."""
        return self.issue_date or timezone.localdate()

    def lists_inline(self, count):
        """A short list of `count` awardees reads in Điều 1, a long one goes to the annex, unless the office chose."""
        if self.list_placement == self.ListPlacement.AUTO:
            return count <= INLINE_LIST_LIMIT
        return self.list_placement == self.ListPlacement.INLINE

    @property
    def is_signed(self):
        return self.status == self.Status.SIGNED

    @property
    def issuer_name(self):
        """The issuer as named on the signed decision; a draft bears the body's name of today."""
        return self.issuing_body_name or self.issuing_organization.name

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


class Awardee(models.Model):
    """One collective or person on a decision's list: from a dossier, or entered by the office without one."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="awardees")
    nomination = models.OneToOneField(
        Nomination, verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.PROTECT, related_name="awardee"
    )
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        Organization, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tập thể, cá nhân được khen")
        verbose_name_plural = _("tập thể, cá nhân được khen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=True, person__isnull=False)
                | models.Q(organization__isnull=False, person__isnull=True),
                name="awardee_one_nominee",
            ),
        ]

    def __str__(self):
        return str(self.nominee)

    @property
    def nominee(self):
        return self.person or self.organization

    @property
    def is_individual(self):
        return self.person_id is not None


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) from a date, as the Government sets it: rewards are multiples of it."""

    starts_on = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    instrument = models.CharField(_("văn bản quy định"), max_length=255, help_text=_("Ví dụ: Nghị định số 73/2024/NĐ-CP"))

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.amount:,} – {self.starts_on:%d/%m/%Y}".replace(",", ".")

    @classmethod
    def in_force(cls, date):
        return cls.objects.filter(starts_on__lte=date).first()


class RewardRate(models.Model):
    """The coefficient of the base salary paid with an award form (Decree 152/2025), from a date."""

    kind = models.CharField(_("loại hình thức"), max_length=30, choices=AwardForm.Kind.choices)
    starts_on = models.DateField(_("áp dụng từ ngày"))
    individual_coefficient = models.DecimalField(_("hệ số cho cá nhân"), max_digits=5, decimal_places=2, null=True, blank=True)
    collective_coefficient = models.DecimalField(_("hệ số cho tập thể"), max_digits=5, decimal_places=2, null=True, blank=True)
    instrument = models.CharField(_("văn bản quy định"), max_length=255)

    class Meta:
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        ordering = ["kind", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["kind", "starts_on"], name="reward_rate_unique_start")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.starts_on:%d/%m/%Y}"

    @classmethod
    def in_force(cls, kind, date):
        return cls.objects.filter(kind=kind, starts_on__lte=date).order_by("-starts_on").first()


class ProposalLetter(DocumentLines, models.Model):
    """The office's Tờ trình đề nghị khen thưởng, numbered in the office's own register: of a draft decision's list,
    or of the dossiers it forwards to a higher authority (then `forwarded` holds the dossiers as they arrived there)."""

    decision = models.OneToOneField(Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="proposal")
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT, related_name="proposal_letters"
    )
    forwarded = models.ManyToManyField(Nomination, verbose_name=_("hồ sơ chuyển lên"), blank=True, related_name="proposal_letters")
    organization = models.ForeignKey(Organization, verbose_name=_("cơ quan trình"), on_delete=models.PROTECT, related_name="+")
    issue_place = models.CharField(_("địa danh"), max_length=100)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    issue_date = models.DateField(_("ngày"))
    proposer = models.CharField(_("người đề nghị"), max_length=255, help_text=_("Ví dụ: Giám đốc Sở Tư pháp"))
    addressee = models.CharField(_("kính gửi"), max_length=255)
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=255)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        constraints = [models.UniqueConstraint(fields=["organization", "year", "number"], name="proposal_unique_number")]

    def __str__(self):
        return _("Tờ trình số %(number)s") % {"number": self.number_symbol}

    @property
    def number_symbol(self):
        return f"{self.number:02d}/{self.symbol}"


class AwardQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """A unit, the awards on its own dossiers; an office and its leaders, those of the decisions they see."""
        if user.is_administrator:
            return self
        visible = models.Q(pk__in=[])
        if user.role == user.Role.UNIT:
            visible |= granted_to(user.organization_id)
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
    # None for an awardee entered without a dossier (a decision made outside the portal's councils).
    nomination = models.OneToOneField(Nomination, null=True, blank=True, on_delete=models.PROTECT, related_name="award")
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
    # A typo is mended by a later decision of the same authority (quyết định đính chính), on the award alone:
    # the person's or unit's record, its other awards and the decision already issued keep their text.
    corrected_in = models.ForeignKey(
        "Decision", verbose_name=_("đính chính theo quyết định"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="corrected_awards",
    )
    corrected_name = models.CharField(_("họ và tên, tên tập thể đã đính chính"), max_length=255, blank=True)
    corrected_detail = models.CharField(_("chức vụ, đơn vị đã đính chính"), max_length=500, blank=True)
    correction_reason = models.TextField(_("lý do đính chính"), blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "position"], name="award_unique_position"),
        ]

    def __str__(self):
        return f"{self.awardee_name} – {self.award_form}"

    @property
    def body_id(self):
        return self.decision.issuing_organization_id

    @property
    def awardee_name(self):
        """The awardee's name as the register, the certificate and the public page print it, corrected if it was."""
        if self.is_corrected:
            return self.corrected_name
        return self.person.full_name if self.person else self.organization.name

    @property
    def awardee_detail(self):
        """The line under the name on the certificate: a person's position and unit, a collective's parent body."""
        return self.corrected_detail or self._recorded_detail()

    def _recorded_detail(self):
        if self.person is None:
            return self.organization.parent.name if self.organization.parent else ""
        parts = (self.person.position or self.person.title, self.person.organization.name)
        return ", ".join(part for part in parts if part)

    @property
    def is_revoked(self):
        return self.revoked_in_id is not None

    @property
    def is_corrected(self):
        return self.corrected_in_id is not None

    def revoke(self, *, decision, reason, by):
        """Record that a later signed decision of the same body revokes this award, in both decisions' history."""
        if self.is_revoked:
            raise DecisionError(_("Khen thưởng này đã bị thu hồi."), code="already_revoked")
        if not reason.strip():
            raise DecisionError(_("Hãy ghi lý do thu hồi."), code="no_reason")
        self._check_later_decision(
            decision,
            wrong=_("Chỉ thu hồi theo một quyết định đã ký của chính cơ quan đã khen thưởng."),
            earlier=_("Quyết định thu hồi phải ban hành sau quyết định khen thưởng."),
        )
        note = _("Thu hồi khen thưởng của %(awardee)s (số vào sổ %(number)s): %(reason)s") % {
            "awardee": self.awardee_name, "number": self.register_number, "reason": reason,
        }
        with transaction.atomic():
            Award.objects.filter(pk=self.pk).update(revoked_in=decision, revocation_reason=reason)
            self.revoked_in, self.revocation_reason = decision, reason
            decision._record(by=by, note=note)
            self.decision._record(by=by, note=note)

    revoke.alters_data = True

    def correct(self, *, decision, name, reason, by, detail=None):
        """Record that a later signed decision of the same body corrects the awardee's name (and the line under it),
        in both decisions' history; a blank `detail` keeps the line."""
        if self.is_revoked:
            raise DecisionError(_("Khen thưởng này đã bị thu hồi: không thể đính chính."), code="revoked")
        if not reason.strip():
            raise DecisionError(_("Hãy ghi lý do đính chính."), code="no_reason")
        self._check_later_decision(
            decision,
            wrong=_("Chỉ đính chính theo một quyết định đã ký của chính cơ quan đã khen thưởng."),
            earlier=_("Quyết định đính chính phải ban hành sau quyết định khen thưởng."),
        )
        name, detail = self._corrected_text(name, detail)
        note = self._correction_note(decision, name, detail, reason)
        with transaction.atomic():
            # Blank while the line is the one the records give: the register then lists position and unit as before.
            self.corrected_detail = "" if detail == self._recorded_detail() else detail
            self.corrected_in, self.corrected_name = decision, name
            self.correction_reason = reason
            # save(), not update(): the folded search text must find the corrected name.
            self.save(update_fields=["corrected_in", "corrected_name", "corrected_detail", "correction_reason"])
            decision._record(by=by, note=note)
            self.decision._record(by=by, note=note)

    correct.alters_data = True

    def _corrected_text(self, name, detail):
        """The typed name and line in NFC, trimmed; refused when blank or when they change nothing."""
        name = normalize(name).strip()
        detail = normalize(detail or "").strip() or self.awardee_detail
        if not name:
            raise DecisionError(_("Hãy nhập họ và tên hoặc tên tập thể đã đính chính."), code="blank_name")
        if (name, detail) == (self.awardee_name, self.awardee_detail):
            raise DecisionError(_("Nội dung đính chính trùng với nội dung hiện có."), code="unchanged")
        return name, detail

    def _correction_note(self, decision, name, detail, reason):
        changes = [_("“%(old)s” thành “%(new)s”") % {"old": old, "new": new}
                   for old, new in ((self.awardee_name, name), (self.awardee_detail, detail)) if old != new]
        return _("Đính chính khen thưởng số vào sổ %(number)s theo Quyết định số %(decision)s: %(changes)s. Lý do: %(reason)s") % {
            "number": self.register_number, "decision": decision.number_symbol, "changes": "; ".join(changes),
            "reason": reason,
        }

    def _check_later_decision(self, decision, *, wrong, earlier):
        """Law on Emulation and Commendation 2022: only the authority that granted an award amends it, by a later
        decision."""
        if not decision.is_signed or decision.issuing_organization_id != self.decision.issuing_organization_id:
            raise DecisionError(wrong, code="wrong_decision")
        if decision.issue_date < self.decision.issue_date or decision.pk == self.decision_id:
            raise DecisionError(earlier, code="decision_before_award")

    @property
    def unit_id(self):
        """The unit the award belongs to: the dossier's submitting unit, else the person's unit or the collective."""
        if self.nomination_id:
            return self.nomination.submitting_unit_id
        return self.person.organization_id if self.person_id else self.organization_id

    def get_verification_url(self):
        return reverse("awards:verify", args=[self.verification_code])

    def searchable_values(self):
        return [self.awardee_name, self.award_form, self.decision.number_symbol, self.register_number,
                self.person.organization if self.person else ""]
