import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, User
from core.exceptions import PortalError
from core.models import Searchable, StatusFlow, StatusHistory
from core.search import SearchableQuerySet
from core.storage import storing
from core.text import fold
from documents.certificates import png_data_uri
from notifications.services import notify_from_template

# "67/KH-UBND", "157/QĐ-BTP", "234/KH-HĐPH", "71/2025/QĐ-UBND", "05/CT-TTg": number, the year for legal
# documents (Decree 30/2020), type, then the issuing body's abbreviations (which may hold a lowercase letter).
NUMBER_SYMBOL = re.compile(r"^\d{1,5}(/\d{4})?/[A-ZĐ]{1,6}(-[A-ZĐa-zđ0-9]{1,12})+$")


def validate_number_symbol(value):
    if not NUMBER_SYMBOL.match(value):
        raise ValidationError(
            _("Số, ký hiệu phải có dạng số/loại văn bản-cơ quan ban hành, ví dụ 67/KH-UBND."),
            code="bad_number_symbol",
        )


class CampaignError(PortalError):
    pass


def default_reminder_days():
    return [7, 3, 1]


def default_tie_break():
    return ["appraisal_score", "self_score", "preference"]


TIE_BREAK_LABELS = {
    "appraisal_score": _("điểm thẩm định"),
    "self_score": _("điểm tự chấm"),
    "preference": _("ưu tiên cá nhân nữ, tập thể có từ bảy mươi phần trăm nữ"),
}


class DocumentLines:
    """The multi-line parts of an official document (bases, recipients, signing lines) as lists."""

    @property
    def legal_basis_lines(self):
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    @property
    def recipient_lines(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def signing_authority_lines(self):
        return [line.strip() for line in self.signing_authority.split("/") if line.strip()]


class CampaignQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """The launched plans of the user's province and the national ones; an office and its leaders also their
        bodies' plans (drafts included) and the plans implementing them; a council member, the plans its council meets on."""
        if user.is_administrator:
            return self
        province = user.organization.province if user.organization_id else ""
        visible = ~models.Q(status=Campaign.Status.DRAFT) & (
            models.Q(issuing_organization__province="") | models.Q(issuing_organization__province=province)
        )
        if user.role in (user.Role.STAFF, user.Role.LEADER):
            visible |= models.Q(issuing_organization__in=user.body_ids)
            visible |= models.Q(implements__issuing_organization__in=user.body_ids)
        if user.seat_council_ids:
            visible |= models.Q(pk__in=Campaign.objects.filter(meetings__council__in=user.seat_council_ids).values("pk"))
        return self.filter(visible)


class Campaign(DocumentLines, StatusFlow, Searchable):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Thường xuyên, hằng năm")
        THEMATIC = "thematic", _("Chuyên đề, cao điểm")
        MULTI_YEAR = "multi_year", _("Nhiều năm")
        REVIEW = "review", _("Tổng kết")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        LAUNCHED = "launched", _("Đã phát động")
        CLOSED = "closed", _("Hết hạn nhận hồ sơ")
        CONCLUDED = "concluded", _("Đã kết thúc")

    number = models.CharField(
        _("số, ký hiệu"), max_length=40, validators=[validate_number_symbol],
        help_text=_("Ví dụ: 67/KH-UBND"),
    )
    title = models.TextField(_("trích yếu"))
    kind = models.CharField(_("loại phong trào"), max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    issuing_organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="campaigns"
    )
    issue_place = models.CharField(_("địa danh"), max_length=100, help_text=_("Ví dụ: Cần Thơ"))
    issue_date = models.DateField(_("ngày ban hành"))
    signing_authority = models.CharField(
        _("thẩm quyền ký"), max_length=255, blank=True,
        help_text=_("Mỗi dòng một cấp, ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
    )
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    implements = models.ForeignKey(
        "self", verbose_name=_("thực hiện kế hoạch cấp trên"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="implementations",
    )
    legal_bases = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi căn cứ một dòng."))
    purposes = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    nomination_deadline = models.DateField(_("hạn nộp hồ sơ"), null=True, blank=True)
    award_deadline = models.DateField(_("hạn khen thưởng"), null=True, blank=True)
    registration_deadline = models.DateField(
        _("hạn đăng ký thi đua"), null=True, blank=True,
        help_text=_("Để trống nếu kế hoạch không yêu cầu đơn vị đăng ký danh hiệu đầu năm."),
    )
    funding = models.TextField(_("kinh phí"), blank=True)
    implementation = models.TextField(_("tổ chức thực hiện"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng."))
    tie_break = models.JSONField(
        _("thứ tự xét khi bằng điểm"), default=default_tie_break, blank=True,
        help_text=_("Điểm thẩm định, rồi điểm tự chấm, rồi ưu tiên nữ (Nghị định 152/2025); còn bằng nhau thì Hội đồng biểu quyết."),
    )
    reminder_days = models.JSONField(
        _("nhắc trước hạn (ngày)"), default=default_reminder_days, blank=True,
        help_text=_("Số ngày trước mỗi hạn thì gửi nhắc, ví dụ: 7, 3, 1"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    transitions = {
        Status.DRAFT: {Status.LAUNCHED},
        Status.LAUNCHED: {Status.CLOSED, Status.CONCLUDED},
        Status.CLOSED: {Status.LAUNCHED, Status.CONCLUDED},
    }
    transition_error = CampaignError
    stale_message = _("Phong trào vừa được cập nhật, vui lòng tải lại.")

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-issue_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issuing_organization", "number"], name="campaign_unique_number"),
        ]

    def __str__(self):
        return f"{self.number} – {self.title}"

    @property
    def tie_break_labels(self):
        return [TIE_BREAK_LABELS.get(step, step) for step in self.tie_break]

    def get_absolute_url(self):
        return reverse("campaigns:detail", args=[self.pk])

    @property
    def body_id(self):
        """The body whose office runs the plan: the one that issued it."""
        return self.issuing_organization_id

    def searchable_values(self):
        return [self.number, self.title]

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = ValidationError(
                _("Ngày kết thúc phải sau ngày bắt đầu."), code="ends_before_start"
            )
        if self.nomination_deadline and self.award_deadline and self.award_deadline < self.nomination_deadline:
            errors["award_deadline"] = ValidationError(
                _("Hạn khen thưởng phải sau hạn nộp hồ sơ."), code="award_before_nomination"
            )
        if self.nomination_deadline and self.starts_on and self.nomination_deadline < self.starts_on:
            errors["nomination_deadline"] = ValidationError(
                _("Hạn nộp hồ sơ phải sau ngày bắt đầu phong trào."), code="nomination_before_start"
            )
        if self.registration_deadline and self.nomination_deadline and self.registration_deadline > self.nomination_deadline:
            errors["registration_deadline"] = ValidationError(
                _("Hạn đăng ký thi đua phải trước hạn nộp hồ sơ."), code="registration_after_nomination"
            )
        if errors:
            raise ValidationError(errors)

    def launch(self, *, by):
        """Announce the campaign: units may now see it and nominate."""
        if not self.can_move_to(self.Status.LAUNCHED):
            raise CampaignError(_("Chỉ phát động được phong trào đang ở dạng dự thảo."), code="not_draft")
        if not self.award_forms.exists():
            raise CampaignError(
                _("Phong trào chưa có hình thức khen thưởng nào: hãy thêm trước khi phát động."),
                code="no_award_form",
            )
        self._move_to(self.Status.LAUNCHED, by=by)

    launch.alters_data = True

    def close_nominations(self, *, by):
        """Stop accepting nominations, whatever the deadlines and extensions say."""
        if not self.can_move_to(self.Status.CLOSED):
            raise CampaignError(_("Chỉ đóng nhận hồ sơ của phong trào đang phát động."), code="not_launched")
        self._move_to(self.Status.CLOSED, by=by)

    close_nominations.alters_data = True

    def reopen_nominations(self, *, by):
        """Accept nominations again, until each unit's deadline."""
        if self.status != self.Status.CLOSED:
            raise CampaignError(_("Chỉ mở lại được phong trào đã đóng nhận hồ sơ."), code="not_closed")
        self._move_to(self.Status.LAUNCHED, by=by)

    reopen_nominations.alters_data = True

    def conclude(self, *, by):
        """End the campaign: it is kept and read, no longer acted on."""
        if not self.can_move_to(self.Status.CONCLUDED):
            raise CampaignError(_("Chỉ kết thúc được phong trào đã phát động."), code="not_launched")
        self._move_to(self.Status.CONCLUDED, by=by)

    conclude.alters_data = True

    def grant_extension(self, *, by, organization, deadline, reason=""):
        """Give one unit a later nomination deadline (replacing an earlier one), in the plan's history."""
        with transaction.atomic():
            extension, _created = Extension.objects.update_or_create(
                campaign=self, organization=organization,
                defaults={"deadline": deadline, "reason": reason, "granted_by": by},
            )
            note = _("Gia hạn nộp hồ sơ cho %(unit)s đến ngày %(date)s") % {"unit": organization, "date": f"{deadline:%d/%m/%Y}"}
            self._record(by=by, note=f"{note}. {reason}" if reason else note)
        return extension

    grant_extension.alters_data = True

    def request_reports(self, *, by, units, title, kind, due_date, period=None, task=None):
        """Ask each unit for a report, unless it owes one of this title already; return (created, skipped)."""
        existing = set(self.reports.filter(title=title).values_list("organization_id", flat=True))
        reports = [
            Report(campaign=self, organization=unit, title=title, kind=kind, due_date=due_date, period=period, task=task)
            for unit in units if unit.pk not in existing
        ]
        with transaction.atomic():
            # ignore_conflicts: a request made at the same moment may have created some of them.
            Report.objects.bulk_create(reports, ignore_conflicts=True)
            if reports:
                self._record(by=by, note=_("Yêu cầu %(count)s đơn vị gửi “%(title)s” trước ngày %(date)s") % {
                    "count": len(reports), "title": title, "date": f"{due_date:%d/%m/%Y}",
                })
        return len(reports), len(units) - len(reports)

    request_reports.alters_data = True

    def declare_participation(self, *, by, organization, period=None, collective_count, individual_count):
        """Record how many of a unit's collectives and individuals take part (replacing an earlier figure)."""
        if period is not None and period.campaign_id != self.pk:
            raise CampaignError(_("Giai đoạn không thuộc kế hoạch này."), code="other_campaign")
        participation, _created = Participation.objects.update_or_create(
            campaign=self, organization=organization, period=period,
            defaults={"collective_count": collective_count, "individual_count": individual_count, "declared_by": by},
        )
        return participation

    declare_participation.alters_data = True

    def nomination_deadline_for(self, organization_id):
        """The nomination deadline of one unit: its extension, if the office granted a later one."""
        for extension in self.extensions.all():  # prefetched by the lists that show many campaigns
            if extension.organization_id == organization_id and (
                self.nomination_deadline is None or extension.deadline > self.nomination_deadline
            ):
                return extension.deadline
        return self.nomination_deadline

    def office_staff(self):
        """The active staff of the office that runs this plan: of its body, or of a body under it (User.body_ids)."""
        return User.objects.filter(role=User.Role.STAFF, is_active=True).filter(
            models.Q(organization=self.body_id) | models.Q(organization__parent=self.body_id)
        )

    def concerns(self, organization):
        """A national plan concerns every unit; a provincial one, the units of its province."""
        province = self.issuing_organization.province
        return not province or (organization is not None and organization.province == province)

    @property
    def is_launched(self):
        return self.status == self.Status.LAUNCHED

    @property
    def is_running(self):
        """Launched or closed to dossiers: the awards are still to be made."""
        return self.status in {self.Status.LAUNCHED, self.Status.CLOSED}

    def is_open_to(self, organization_id):
        """Launched, and the unit's own nomination deadline has not passed (Asia/Ho_Chi_Minh)."""
        deadline = self.nomination_deadline_for(organization_id)
        return self.status == self.Status.LAUNCHED and (deadline is None or deadline >= timezone.localdate())

    # Start-of-year registration (Registration below).

    @property
    def asks_registration(self):
        return self.registration_deadline is not None

    def accepts_registration(self):
        """Launched, and the registration deadline has not passed (Asia/Ho_Chi_Minh)."""
        return self.is_launched and self.asks_registration and self.registration_deadline >= timezone.localdate()

    def registered(self, organization, award_form):
        """Whether the unit registered the award form (sent, not returned); always true when the plan asks none."""
        if not self.asks_registration:
            return True
        return self.registrations.filter(
            organization=organization, status__in=Registration.COUNTED, award_forms=award_form
        ).exists()

    def reminder_lead(self, days_left):
        """The lead time a reminder is due for: the nearest one not shorter than the days left."""
        if days_left is None or days_left < 0:
            return None
        leads = [lead for lead in self.reminder_days if lead >= days_left]
        return min(leads) if leads else None


class CampaignHistory(StatusHistory):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("từ"), max_length=20, choices=Campaign.Status.choices)
    to_status = models.CharField(_("sang"), max_length=20, choices=Campaign.Status.choices)

    class Meta(StatusHistory.Meta):
        verbose_name = _("lịch sử phong trào")
        verbose_name_plural = _("lịch sử phong trào")
        ordering = ["-created_at", "-pk"]


def date_label(date, is_month):
    """A date as the plan gives it: "30/04/2026", or "tháng 04/2026" where the plan names only the month."""
    if date is None:
        return ""
    return _("tháng %(month)s") % {"month": f"{date:%m/%Y}"} if is_month else f"{date:%d/%m/%Y}"


class CampaignPeriod(models.Model):
    """An evaluation period: a year of a multi-year campaign, a stage of a review.

    It may end on an event rather than a date ("khi Đại hội được tổ chức"), and either end may be given as a month
    only: the start is then the month's first day, the end (a deadline) its last.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField(_("tên giai đoạn"), max_length=150)
    starts_on = models.DateField(_("từ ngày"), help_text=_("Ngày, hoặc chỉ tháng (ví dụ: 01/2026)."))
    starts_on_month = models.BooleanField(_("bắt đầu chỉ ghi tháng"), default=False)
    ends_on = models.DateField(
        _("đến ngày"), null=True, blank=True,
        help_text=_("Ngày, hoặc chỉ tháng (ví dụ: 4/2026, hạn là ngày cuối tháng); để trống khi kết thúc theo sự kiện."),
    )
    ends_on_month = models.BooleanField(_("kết thúc chỉ ghi tháng"), default=False)
    ends_on_event = models.CharField(
        _("kết thúc khi"), max_length=255, blank=True, help_text=_("Ví dụ: khi Đại hội được tổ chức"),
    )
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("giai đoạn đánh giá")
        verbose_name_plural = _("giai đoạn đánh giá")
        ordering = ["starts_on"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="period_unique_name")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.ends_on is None and not self.ends_on_event.strip():
            raise ValidationError({"ends_on": ValidationError(
                _("Hãy nhập ngày (hoặc tháng) kết thúc, hoặc ghi sự kiện kết thúc giai đoạn, ví dụ: khi Đại hội được tổ chức."),
                code="no_end",
            )})
        if self.ends_on is not None and self.ends_on_event.strip():
            raise ValidationError({"ends_on_event": ValidationError(
                _("Giai đoạn kết thúc theo ngày hoặc theo sự kiện: hãy bỏ một trong hai."), code="two_ends",
            )})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."), code="ends_before_start")}
            )

    @property
    def is_open_ended(self):
        return self.ends_on is None

    @property
    def starts_label(self):
        return date_label(self.starts_on, self.starts_on_month)

    @property
    def ends_label(self):
        return date_label(self.ends_on, self.ends_on_month) or self.ends_on_event


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def _letter_key(part):
    """A lettered item in Vietnamese order ("đ." after "d.", before "e."), as a text that sorts by code point."""
    return "".join(f"{VIETNAMESE_LETTERS.index(letter):02d}" if letter in VIETNAMESE_LETTERS else letter for letter in part.lower())


def numbering_key(number):
    """Sort "1.10" after "1.9" and "đ" after "d": the number read as integers and Vietnamese letters."""
    parts = [part for part in re.split(r"[.\s)]+", number.strip(". )")) if part]
    return [int(part) if part.isdigit() else _letter_key(part) for part in parts]


class Criterion(models.Model):
    """A numbered content item of the campaign (nội dung thi đua), nested by its number."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    number = models.CharField(_("số thứ tự"), max_length=20, help_text=_("Ví dụ: 1.2"))
    text = models.TextField(_("nội dung"))
    target = models.CharField(
        _("chỉ tiêu"), max_length=255, blank=True, help_text=_("Ví dụ: đạt mức chỉ tiêu từ khá trở lên")
    )
    target_value = models.DecimalField(_("giá trị chỉ tiêu"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2, null=True, blank=True)
    sort_key = models.JSONField(editable=False, default=list)

    class Meta:
        verbose_name = _("nội dung thi đua")
        verbose_name_plural = _("nội dung thi đua")
        ordering = ["campaign", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="criterion_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

    def clean(self):
        """A numbered item sits under the item its number extends: "1.2" under "1"."""
        parent_number = self.number.strip().rpartition(".")[0]
        self.parent = None
        if parent_number:
            self.parent = Criterion.objects.filter(campaign_id=self.campaign_id, number=parent_number).first()
            if self.parent is None:
                message = _("Chưa có nội dung số %(number)s: hãy lưu nội dung đó trước.") % {"number": parent_number}
                raise ValidationError({"number": ValidationError(message, code="no_parent")})

    @property
    def has_target(self):
        return bool(self.target or self.target_value is not None)

    @property
    def depth(self):
        return len(self.sort_key) - 1

    def save(self, *args, **kwargs):
        self.sort_key = numbering_key(self.number)
        super().save(*args, **kwargs)


class EligibleSubject(models.Model):
    """Who may compete: collectives of some organization kinds, or individuals of some titles."""

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Tập thể")
        INDIVIDUAL = "individual", _("Cá nhân")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="subjects")
    kind = models.CharField(_("đối tượng"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("mô tả"))
    organization_kinds = models.JSONField(
        _("loại đơn vị"), default=list, blank=True,
        help_text=_("Loại đơn vị được tham gia; để trống là mọi loại."),
    )
    position_titles = models.JSONField(
        _("chức danh"), default=list, blank=True,
        help_text=_("Chức danh của cá nhân được tham gia; để trống là mọi chức danh."),
    )

    class Meta:
        verbose_name = _("đối tượng thi đua")
        verbose_name_plural = _("đối tượng thi đua")
        ordering = ["campaign", "kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:80]}"

    @property
    def organization_kind_labels(self):
        labels = dict(Organization.Kind.choices)
        return [labels.get(kind, kind) for kind in self.organization_kinds]


class AwardForm(models.Model):
    """An award the plan offers, with its authority, quota and vote threshold."""

    class Kind(models.TextChoices):
        CERTIFICATE_OF_MERIT = "bang_khen", _("Bằng khen")
        COMMENDATION = "giay_khen", _("Giấy khen")
        EMULATION_FLAG = "co_thi_dua", _("Cờ thi đua")
        EMULATION_SOLDIER = "chien_si_thi_dua", _("Chiến sĩ thi đua")
        EMULATION_TITLE = "danh_hieu", _("Danh hiệu thi đua khác")
        PRAISE = "bieu_duong", _("Biểu dương")

    class Recipients(models.TextChoices):
        COLLECTIVES = "collectives", _("Tập thể")
        INDIVIDUALS = "individuals", _("Cá nhân")
        BOTH = "both", _("Tập thể và cá nhân")

    class Authority(models.TextChoices):
        BODY = "body", _("Cơ quan có thẩm quyền đã chọn")
        UNIT_HEAD = "unit_head", _("Thủ trưởng từng đơn vị đề nghị")
        PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
        PRESIDENT = "president", _("Chủ tịch nước")

    # Authorities above every body of the portal: their dossiers are forwarded, their decisions made elsewhere.
    NATIONAL = (Authority.PRIME_MINISTER, Authority.PRESIDENT)

    # None for a form granted outside any plan of the portal (a Chủ tịch UBND's Bằng khen on a tờ trình).
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="award_forms")
    name = models.CharField(_("tên hình thức"), max_length=255, help_text=_("Ví dụ: Bằng khen của Chủ tịch UBND thành phố"))
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    authority = models.CharField(
        _("thẩm quyền quyết định"), max_length=20, choices=Authority.choices, default=Authority.BODY,
        help_text=_("Thủ tướng Chính phủ, Chủ tịch nước: hồ sơ được trình lên cấp trên. Thủ trưởng từng đơn vị: mỗi đơn vị tự khen."),
    )
    granting_organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan có thẩm quyền"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    signer_title = models.CharField(
        _("chức danh người ký"), max_length=255, blank=True,
        help_text=_("Ví dụ: Chủ tịch UBND thành phố; để trống khi thẩm quyền là Thủ tướng, Chủ tịch nước hoặc thủ trưởng đơn vị."),
    )
    recipients = models.CharField(_("khen cho"), max_length=20, choices=Recipients.choices, default=Recipients.BOTH)
    award_title = models.ForeignKey(
        "AwardTitle", verbose_name=_("danh hiệu dùng chung"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="award_forms",
        help_text=_("Danh hiệu, hình thức theo quy định chung: giới hạn theo năm, một lần, truy tặng được tính qua mọi kế hoạch."),
    )
    quota_note = models.TextField(_("ghi chú chỉ tiêu"), blank=True)
    # Law on Emulation and Commendation 2022: a share of all council members, not of those present.
    vote_threshold_percent = models.DecimalField(
        _("ngưỡng biểu quyết (%)"), max_digits=5, decimal_places=2, default=50,
        help_text=_("Tỷ lệ trên tổng số thành viên Hội đồng."),
    )
    vote_threshold_exclusive = models.BooleanField(
        _("phải vượt ngưỡng"), default=True,
        help_text=_("Đánh dấu khi cần “trên” ngưỡng (ví dụ: trên 50%); bỏ đánh dấu khi “từ” ngưỡng trở lên (90%)."),
    )
    required_documents = models.JSONField(_("thành phần hồ sơ"), default=list, blank=True)
    consultation_working_days = models.PositiveSmallIntegerField(
        _("lấy ý kiến nhân dân (ngày làm việc)"), default=0,
        help_text=_("Số ngày làm việc công khai danh sách để lấy ý kiến trước khi ký quyết định; 0 là không lấy ý kiến."),
    )
    reward_note = models.TextField(_("tiền thưởng, kinh phí"), blank=True)
    # Where the variable text prints on this form's pre-printed blank (documents/certificates.py), in mm.
    blank_positions = models.JSONField(_("vị trí in trên phôi"), default=dict, blank=True)
    emblem = models.FileField(
        _("ảnh Quốc huy"), upload_to="emblems/", blank=True,
        help_text=_("Tệp ảnh PNG chính thức do cơ quan cung cấp; in ở đầu bằng khen điện tử. Để trống thì không in."),
    )

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["campaign", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="award_form_unique_name")]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.authority == self.Authority.BODY:
            if self.granting_organization_id is None:
                errors["granting_organization"] = ValidationError(
                    _("Hãy chọn cơ quan có thẩm quyền, hoặc chọn thẩm quyền Thủ tướng Chính phủ, Chủ tịch nước, thủ trưởng từng đơn vị."),
                    code="no_authority",
                )
            if not self.signer_title.strip():
                errors["signer_title"] = ValidationError(_("Hãy nhập chức danh người ký."), code="no_signer_title")
        self.settle_authority()
        if not 0 < self.vote_threshold_percent <= 100:
            errors["vote_threshold_percent"] = ValidationError(
                _("Ngưỡng biểu quyết phải lớn hơn 0 và không quá 100%."), code="bad_threshold"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def body_id(self):
        """The body whose office handles the form's dossiers: its plan's issuing body, or its granting body."""
        return self.campaign.issuing_organization_id if self.campaign_id else self.granting_organization_id

    def settle_authority(self):
        """An authority named by its kind (Thủ tướng, Chủ tịch nước, each unit's head) has no one body of the portal."""
        if self.authority != self.Authority.BODY:
            self.granting_organization = None
            self.signer_title = self.signer_title.strip() or self.get_authority_display()

    @property
    def is_forwarded(self):
        """A national authority's form: the office forwards its dossiers; no decision of it is drafted here."""
        return self.authority in self.NATIONAL

    @property
    def authority_label(self):
        if self.authority == self.Authority.BODY:
            return str(self.granting_organization or "")
        return self.get_authority_display()

    @classmethod
    def authority_named_in(cls, name):
        """The authority a form's name gives ("Bằng khen của Thủ tướng Chính phủ", "Huân chương Lao động"), else the body."""
        folded = fold(name)
        if "thu tuong" in folded:
            return cls.Authority.PRIME_MINISTER
        if "chu tich nuoc" in folded or "huan chuong" in folded:
            return cls.Authority.PRESIDENT
        if "giay khen" in folded and "thu truong" in folded:
            return cls.Authority.UNIT_HEAD
        return cls.Authority.BODY

    def deciding_body(self, nominations):
        """The body whose head signs the decision on these dossiers: the form's body, or the one unit they all come from."""
        if self.is_forwarded:
            raise CampaignError(
                _("%(authority)s quyết định hình thức này: hồ sơ được trình lên cấp trên, không soạn quyết định trên cổng.")
                % {"authority": self.get_authority_display()}, code="forwarded",
            )
        if self.authority == self.Authority.UNIT_HEAD:
            units = {nomination.submitting_unit for nomination in nominations}
            if len(units) != 1:
                raise CampaignError(
                    _("Thủ trưởng từng đơn vị quyết định hình thức này: mỗi quyết định gồm hồ sơ của một đơn vị."),
                    code="one_unit_each",
                )
            return units.pop()
        return self.granting_organization
    def emblem_data_uri(self):
        """Return the uploaded national emblem as a data URI for the certificate's layout, or "" when none."""
        if not self.emblem:
            return ""
        with self.emblem.open("rb") as image:
            return png_data_uri(image.read())

    @property
    def is_for_collectives(self):
        return self.recipients in (self.Recipients.COLLECTIVES, self.Recipients.BOTH)

    @property
    def is_for_individuals(self):
        return self.recipients in (self.Recipients.INDIVIDUALS, self.Recipients.BOTH)

    @property
    def threshold_label(self):
        percent = f"{floatformat(self.vote_threshold_percent, -2)}%"
        if self.vote_threshold_exclusive:
            return _("trên %(percent)s") % {"percent": percent}
        return _("từ %(percent)s trở lên") % {"percent": percent}


class AwardTitle(models.Model):
    """A title or award as the law names it, across plans (Chiến sĩ thi đua cơ sở), with its lifetime rules."""

    name = models.CharField(_("tên danh hiệu, hình thức"), max_length=255, unique=True)
    once_per_person = models.BooleanField(_("chỉ tặng một lần"), default=False)
    posthumous_allowed = models.BooleanField(_("được truy tặng"), default=True)
    prerequisite = models.ForeignKey(
        "self", verbose_name=_("điều kiện: đã đạt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    prerequisite_years = models.PositiveSmallIntegerField(
        _("số năm liên tục"), default=0, help_text=_("Số năm liền trước năm xét phải đạt danh hiệu điều kiện, ví dụ 2."),
    )

    class Meta:
        verbose_name = _("danh hiệu, hình thức dùng chung")
        verbose_name_plural = _("danh hiệu, hình thức dùng chung")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if (self.prerequisite_id is None) != (self.prerequisite_years == 0):
            message = _("Danh hiệu điều kiện và số năm liên tục phải được nhập cùng nhau.")
            raise ValidationError({"prerequisite_years": ValidationError(message, code="prerequisite_pair")})


class UnitGroup(models.Model):
    """A named group of units the plan caps alike ("các xã", "các sở, ban, ngành")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="unit_groups")
    name = models.CharField(_("tên nhóm"), max_length=150)
    organizations = models.ManyToManyField(Organization, verbose_name=_("đơn vị trong nhóm"), related_name="+")

    class Meta:
        verbose_name = _("nhóm đơn vị")
        verbose_name_plural = _("nhóm đơn vị")
        ordering = ["campaign", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="unit_group_unique_name")]

    def __str__(self):
        return self.name


class QuotaRule(models.Model):
    """One cap of an award form: who (all, a group, each unit, each sub-body) × what × how many × over what."""

    class Per(models.TextChoices):
        ALL = "all", _("Các đơn vị cộng chung")
        UNIT = "unit", _("Mỗi đơn vị")
        SUB_BODY = "sub_body", _("Mỗi đơn vị trực thuộc")

    class Counts(models.TextChoices):
        COLLECTIVES = "collectives", _("tập thể")
        INDIVIDUALS = "individuals", _("cá nhân")
        EITHER = "either", _("trường hợp (tập thể hoặc cá nhân)")

    class Over(models.TextChoices):
        PLAN = "plan", _("cả kế hoạch")
        PERIOD = "period", _("mỗi giai đoạn")
        YEAR = "year", _("mỗi năm, qua mọi kế hoạch cùng danh hiệu")

    class Rounding(models.TextChoices):
        DOWN = "down", _("làm tròn xuống")
        UP = "up", _("làm tròn lên")
        NEAREST = "nearest", _("làm tròn đến số gần nhất")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="quota_rules")
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.CASCADE, related_name="quota_rules"
    )
    group = models.ForeignKey(
        UnitGroup, verbose_name=_("nhóm đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="quota_rules", help_text=_("Để trống là mọi đơn vị."),
    )
    per = models.CharField(_("tính cho"), max_length=10, choices=Per.choices, default=Per.UNIT)
    counts = models.CharField(_("đếm"), max_length=15, choices=Counts.choices, default=Counts.INDIVIDUALS)
    amount = models.DecimalField(_("không quá"), max_digits=7, decimal_places=2)
    is_share = models.BooleanField(_("là tỷ lệ phần trăm số tham gia"), default=False)
    rounding = models.CharField(_("làm tròn"), max_length=10, choices=Rounding.choices, default=Rounding.DOWN)
    over = models.CharField(_("trong"), max_length=10, choices=Over.choices, default=Over.PLAN)

    class Meta:
        verbose_name = _("chỉ tiêu khen thưởng")
        verbose_name_plural = _("chỉ tiêu khen thưởng")
        ordering = ["award_form", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = ValidationError(_("Chỉ tiêu không được âm."), code="negative_quota")
        elif self.amount is not None and self.is_share and self.amount > 100:
            errors["amount"] = ValidationError(_("Tỷ lệ không được quá 100%."), code="share_over_100")
        if self.award_form_id and self.award_form.campaign_id != self.campaign_id:
            errors["award_form"] = ValidationError(_("Hình thức không thuộc kế hoạch này."), code="other_campaign")
        if self.group_id and self.group.campaign_id != self.campaign_id:
            errors["group"] = ValidationError(_("Nhóm đơn vị không thuộc kế hoạch này."), code="other_campaign")
        if self.over == self.Over.YEAR and self.award_form_id and self.award_form.award_title_id is None:
            errors["over"] = ValidationError(
                _("Chỉ tiêu theo năm cần hình thức có danh hiệu dùng chung."), code="year_needs_title"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def who_label(self):
        if self.group_id is None:
            return self.get_per_display()
        return _("%(per)s – nhóm “%(group)s”") % {"per": self.get_per_display(), "group": self.group.name}

    @property
    def label(self):
        """ "Mỗi đơn vị – nhóm “Các xã”: không quá 2 trường hợp (tập thể hoặc cá nhân), cả kế hoạch"."""
        amount = floatformat(self.amount, -2)
        if self.is_share:
            amount = _("%(amount)s%% số") % {"amount": amount}
        what = f"{amount} {self.get_counts_display()}"
        if self.is_share:
            what = _("%(what)s tham gia (%(rounding)s)") % {"what": what, "rounding": self.get_rounding_display()}
        return _("%(who)s: không quá %(what)s, %(over)s") % {
            "who": self.who_label, "what": what, "over": self.get_over_display(),
        }

    def counts_kind(self, kind):
        """The rule counts dossiers of this nominee kind (EligibleSubject.Kind)."""
        return self.counts == self.Counts.EITHER or self.counts == {
            EligibleSubject.Kind.COLLECTIVE: self.Counts.COLLECTIVES, EligibleSubject.Kind.INDIVIDUAL: self.Counts.INDIVIDUALS,
        }[kind]

    @property
    def participant_fields(self):
        return {
            self.Counts.COLLECTIVES: ["collective_count"], self.Counts.INDIVIDUALS: ["individual_count"],
            self.Counts.EITHER: ["collective_count", "individual_count"],
        }[self.counts]

    def limit(self, participants=None):
        """The number of places: the amount, or its share of the participants rounded as the rule says."""
        if not self.is_share:
            return int(self.amount)
        exact = Decimal(str(self.amount)) * participants / 100
        rounding = {self.Rounding.DOWN: ROUND_FLOOR, self.Rounding.UP: ROUND_CEILING}.get(self.rounding, ROUND_HALF_UP)
        return int(exact.quantize(Decimal(1), rounding=rounding))


class Task(models.Model):
    """A task of an implementation plan, with its lead and coordinating units and timing."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tasks")
    number = models.CharField(_("số thứ tự"), max_length=20)
    title = models.TextField(_("nhiệm vụ"))
    lead_organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị chủ trì"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_tasks",
    )
    lead_text = models.CharField(
        _("đơn vị chủ trì (ghi chú)"), max_length=255, blank=True,
        help_text=_("Khi đơn vị chủ trì là một nhóm, ví dụ: các sở, ban, ngành."),
    )
    coordinating_organizations = models.ManyToManyField(
        Organization, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="coordinated_tasks"
    )
    coordinating_text = models.CharField(_("đơn vị phối hợp (ghi chú)"), max_length=500, blank=True)
    is_ongoing = models.BooleanField(_("thường xuyên"), default=False)
    due_date = models.DateField(
        _("thời hạn"), null=True, blank=True, help_text=_("Ngày, hoặc chỉ tháng (ví dụ: 4/2026, hạn là ngày cuối tháng)."),
    )
    due_date_month = models.BooleanField(_("thời hạn chỉ ghi tháng"), default=False)
    timing_text = models.CharField(_("thời gian thực hiện"), max_length=255, blank=True)
    sort_key = models.JSONField(editable=False, default=list)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["campaign", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="task_unique_number")]

    def __str__(self):
        # A task's title opens with its heading line, then the plan's text for it.
        return f"{self.number}. {Truncator(self.title.splitlines()[0] if self.title else '').chars(80)}"

    def save(self, *args, **kwargs):
        self.sort_key = numbering_key(self.number)
        super().save(*args, **kwargs)

    @property
    def lead_label(self):
        return self.lead_organization.name if self.lead_organization else self.lead_text

    @property
    def due_label(self):
        return date_label(self.due_date, self.due_date_month)

    @property
    def timing_label(self):
        if self.timing_text:
            return self.timing_text
        return _("Thường xuyên") if self.is_ongoing else ""


class UnitFiling:
    """What a unit files under a plan (a report, a registration): the unit owns it, the plan's office handles it."""

    @property
    def owner_organization_id(self):
        return self.organization_id

    @property
    def body_id(self):
        return self.campaign.issuing_organization_id


class Report(UnitFiling, StatusFlow, models.Model):
    """A results report a unit owes the campaign: yearly, per period, or on a task."""

    class Status(models.TextChoices):
        OWED = "owed", _("Chưa nộp")
        SUBMITTED = "submitted", _("Đã nộp")
        RETURNED = "returned", _("Trả lại để bổ sung")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Báo cáo đánh giá hằng năm")
        PERIOD = "period", _("Báo cáo đánh giá giai đoạn")
        TASK = "task", _("Báo cáo tiến độ nhiệm vụ")
        SUMMARY = "summary", _("Báo cáo tổng kết")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tên báo cáo"), max_length=255)
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="reports_owed"
    )
    period = models.ForeignKey(CampaignPeriod, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    due_date = models.DateField(_("hạn báo cáo"))
    content = models.TextField(_("nội dung báo cáo"), blank=True)
    figures = models.TextField(_("số liệu"), blank=True, help_text=_("Mỗi chỉ số một dòng, ví dụ: Số vụ việc tham gia tố tụng: 45"))
    attachment = models.FileField(_("tệp đính kèm"), upload_to="reports/%Y/", blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.OWED)
    evaluation = models.TextField(_("nhận xét của cơ quan theo dõi"), blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    transitions = {
        Status.OWED: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.RETURNED, Status.ACCEPTED},
        Status.RETURNED: {Status.SUBMITTED},
    }
    transition_error = CampaignError
    stale_message = _("Báo cáo vừa được cập nhật, vui lòng tải lại.")

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["due_date", "pk"]
        # The daily reminders look up the reports still owed by their due date.
        indexes = [models.Index(fields=["due_date"], condition=models.Q(submitted_at=None), name="report_owed_due")]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization", "title"], name="report_unique_title"),
        ]

    def __str__(self):
        return f"{self.title} – {self.organization}"

    def get_absolute_url(self):
        return reverse("campaigns:report_detail", args=[self.pk])

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def days_overdue(self):
        """Days past the due date: until today while unsubmitted, until submission once sent."""
        reference = timezone.localtime(self.submitted_at).date() if self.submitted_at else timezone.localdate()
        return max((reference - self.due_date).days, 0)

    @property
    def is_editable(self):
        """The unit writes it: still owed, or returned for revision."""
        return self.status in (self.Status.OWED, self.Status.RETURNED)

    def submit(self, *, by, content, figures="", attachment=None):
        """Send the report (or its revision) to the office; a late report is accepted and shown as late."""
        if not content.strip():
            raise CampaignError(_("Hãy nhập nội dung báo cáo."), code="empty_report")
        if not self.can_move_to(self.Status.SUBMITTED):
            raise CampaignError(_("Báo cáo này đã được nộp."), code="already_submitted")
        revised = self.status == self.Status.RETURNED
        # A revision keeps the first submission time (lateness is counted from it); the reasons stay in the history.
        fields = {
            "content": content, "figures": figures, "submitted_by": by,
            "submitted_at": self.submitted_at or timezone.now(), "evaluation": "",
        }
        if attachment:
            # Stored before the move: a file store that fails leaves the report unsent and as it was.
            with storing():
                self.attachment.save(attachment.name, attachment, save=False)
            fields["attachment"] = self.attachment.name
        with transaction.atomic():
            entry = self._move_to(self.Status.SUBMITTED, by=by, **fields)
            code = "report_resubmitted" if revised else "report_submitted"
            for user in self.campaign.office_staff():
                notify_from_template(
                    user, key=f"{code}:history={entry.pk}:user={user.pk}", code=code, link=self.get_absolute_url(),
                    scope=f"campaign:{self.campaign_id}", context=self._message_context(),
                )

    submit.alters_data = True

    def return_for_revision(self, *, by, reasons):
        """Send the report back to its unit with what to add; the unit is told."""
        if not reasons.strip():
            raise CampaignError(_("Hãy ghi rõ nội dung cần bổ sung."), code="no_reasons")
        if not self.can_move_to(self.Status.RETURNED):
            raise CampaignError(_("Chỉ trả lại được báo cáo đã nộp, chưa tiếp nhận."), code="not_returnable")
        with transaction.atomic():
            entry = self._move_to(self.Status.RETURNED, by=by, note=reasons, evaluation=reasons)
            for user in self.organization.users.filter(role=User.Role.UNIT, is_active=True):
                notify_from_template(
                    user, key=f"report_returned:history={entry.pk}:user={user.pk}", code="report_returned",
                    link=self.get_absolute_url(), scope=f"campaign:{self.campaign_id}",
                    context={**self._message_context(), "reasons": reasons},
                )

    return_for_revision.alters_data = True

    def accept(self, *, by, evaluation=""):
        """Record the office's evaluation of a submitted report: it is taken into the plan's results."""
        if not self.can_move_to(self.Status.ACCEPTED):
            raise CampaignError(_("Chỉ tiếp nhận được báo cáo đã nộp."), code="not_acceptable")
        self._move_to(self.Status.ACCEPTED, by=by, note=evaluation, evaluation=evaluation)

    accept.alters_data = True

    def _message_context(self):
        return {"report": self.title, "unit": str(self.organization), "campaign": f"Kế hoạch số {self.campaign.number}"}


class ReportHistory(StatusHistory):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="history")

    @property
    def to_status_label(self):
        return Report.Status(self.to_status).label if self.to_status in Report.Status.values else self.to_status

    class Meta(StatusHistory.Meta):
        verbose_name = _("lịch sử báo cáo")
        verbose_name_plural = _("lịch sử báo cáo")


class Participation(models.Model):
    """How many collectives and individuals of a unit take part (in one period, or the whole plan): the base of % caps."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    period = models.ForeignKey(
        CampaignPeriod, verbose_name=_("giai đoạn"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="participations",
    )
    organization = models.ForeignKey(Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    collective_count = models.PositiveIntegerField(_("số tập thể tham gia"), default=1)
    individual_count = models.PositiveIntegerField(_("số cá nhân tham gia"), default=0)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(_("khai báo lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn vị tham gia")
        verbose_name_plural = _("đơn vị tham gia")
        ordering = ["organization__name", "pk"]
        constraints = [
            # Two constraints: a NULL period is never equal to another in a plain unique constraint.
            models.UniqueConstraint(
                fields=["campaign", "organization"], condition=models.Q(period__isnull=True), name="participation_unique_unit",
            ),
            models.UniqueConstraint(
                fields=["campaign", "period", "organization"], condition=models.Q(period__isnull=False),
                name="participation_unique_unit_period",
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.campaign.number}"


class Extension(models.Model):
    """A later nomination deadline granted to one unit."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="extensions")
    organization = models.ForeignKey(Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(_("gia hạn đến"))
    reason = models.TextField(_("lý do"), blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(_("lúc"), auto_now=True)

    class Meta:
        verbose_name = _("gia hạn nộp hồ sơ")
        verbose_name_plural = _("gia hạn nộp hồ sơ")
        constraints = [models.UniqueConstraint(fields=["campaign", "organization"], name="extension_unique_unit")]

    def __str__(self):
        return f"{self.organization} → {self.deadline:%d/%m/%Y}"


class DayOff(models.Model):
    """An extra day off the government announces (public holidays themselves come from `holidays`)."""

    date = models.DateField(_("ngày nghỉ"), unique=True)
    name = models.CharField(_("lý do"), max_length=150)

    class Meta:
        verbose_name = _("ngày nghỉ bổ sung")
        verbose_name_plural = _("ngày nghỉ bổ sung")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"


class LegalInstrument(models.Model):
    """A law, decree, circular or local regulation cited as a basis (căn cứ), in force between two dates."""

    class Kind(models.TextChoices):
        # In the order a document cites them.
        LAW = "law", _("Luật")
        DECREE = "decree", _("Nghị định")
        CIRCULAR = "circular", _("Thông tư")
        DECISION = "decision", _("Quyết định")
        REGULATION = "regulation", _("Quy chế, quy định")

    kind = models.CharField(_("loại văn bản"), max_length=15, choices=Kind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=40, blank=True, help_text=_("Ví dụ: 152/2025/NĐ-CP; để trống với Luật."))
    title = models.CharField(_("trích yếu"), max_length=500)
    citation = models.TextField(
        _("câu căn cứ"), help_text=_("Như văn bản trích dẫn, ví dụ: Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    )
    effective_from = models.DateField(_("có hiệu lực từ ngày"))
    effective_until = models.DateField(_("hết hiệu lực từ sau ngày"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan ban hành (địa phương)"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Để trống với văn bản áp dụng cả nước; văn bản của tỉnh chỉ áp dụng trong tỉnh."),
    )

    class Meta:
        verbose_name = _("văn bản làm căn cứ")
        verbose_name_plural = _("văn bản làm căn cứ")
        ordering = ["effective_from", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number or self.title}"

    def clean(self):
        if self.effective_until and self.effective_from and self.effective_until < self.effective_from:
            message = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
            raise ValidationError({"effective_until": ValidationError(message, code="ends_before_start")})


def instruments_in_force(on_date, organization):
    """The instruments a document dated `on_date` of `organization` cites: national ones and its province's, in citing order."""
    province = organization.province if organization is not None else ""
    in_force = LegalInstrument.objects.filter(effective_from__lte=on_date).filter(
        models.Q(effective_until__isnull=True) | models.Q(effective_until__gte=on_date),
        models.Q(organization__isnull=True) | models.Q(organization__province=province, organization__province__gt=""),
    )
    order = list(LegalInstrument.Kind.values)
    return sorted(in_force, key=lambda instrument: (order.index(instrument.kind), instrument.effective_from, instrument.pk))


class Registration(UnitFiling, StatusFlow, Searchable):
    """A unit's start-of-year registration (đăng ký thi đua): the plan's award forms it aims for, and its targets."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại để bổ sung")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations")
    organization = models.ForeignKey(Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    award_forms = models.ManyToManyField(AwardForm, verbose_name=_("danh hiệu, hình thức đăng ký"), related_name="+")
    targets = models.TextField(_("chỉ tiêu phấn đấu"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(_("ý kiến của cơ quan theo dõi"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    transitions = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.APPROVED, Status.RETURNED},
        Status.RETURNED: {Status.SUBMITTED},
    }
    transition_error = CampaignError
    stale_message = _("Bản đăng ký vừa được cập nhật, vui lòng tải lại.")
    # The statuses in which the unit counts as having registered what it chose.
    COUNTED = (Status.SUBMITTED, Status.APPROVED)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="registration_unique_unit"),
        ]

    def __str__(self):
        return f"{self.organization} – {self.campaign.number}"

    def get_absolute_url(self):
        return reverse("campaigns:registration", args=[self.campaign_id])

    def searchable_values(self):
        return [self.organization.name, self.organization.short_name]

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def fill(self, *, by, award_forms, targets, submit):
        """Save what the unit chose, and send it when `submit`; refused after the deadline or once sent."""
        if not self.campaign.accepts_registration():
            raise CampaignError(
                _("Đã hết hạn đăng ký thi đua (ngày %(date)s).") % {"date": f"{self.campaign.registration_deadline:%d/%m/%Y}"}
                if self.campaign.asks_registration else _("Kế hoạch này không yêu cầu đăng ký thi đua."),
                code="registration_closed",
            )
        if not self.is_editable:
            raise CampaignError(_("Bản đăng ký đã gửi: chỉ sửa được khi còn nháp hoặc bị trả lại."), code="not_editable")
        if any(form.campaign_id != self.campaign_id for form in award_forms):
            raise CampaignError(_("Hình thức khen thưởng không thuộc kế hoạch này."), code="other_campaign")
        if submit and not award_forms:
            raise CampaignError(_("Hãy chọn ít nhất một danh hiệu, hình thức đăng ký."), code="nothing_chosen")
        with transaction.atomic():
            self.targets = targets
            self.save()
            self.award_forms.set(award_forms)
            if submit:
                self._move_to(self.Status.SUBMITTED, by=by, submitted_at=timezone.now())
            else:
                self._record(by=by, note=_("Lưu nháp"))

    fill.alters_data = True

    def approve(self, *, by, note=""):
        if not self.can_move_to(self.Status.APPROVED):
            raise CampaignError(_("Chỉ duyệt được bản đăng ký đã gửi."), code="not_submitted")
        self._move_to(self.Status.APPROVED, by=by, note=note, review_note=note)

    approve.alters_data = True

    def return_for_revision(self, *, by, reasons):
        if not reasons.strip():
            raise CampaignError(_("Hãy ghi rõ lý do trả lại."), code="no_reasons")
        if not self.can_move_to(self.Status.RETURNED):
            raise CampaignError(_("Chỉ trả lại được bản đăng ký đã gửi, chưa duyệt."), code="not_returnable")
        self._move_to(self.Status.RETURNED, by=by, note=reasons, review_note=reasons)

    return_for_revision.alters_data = True


class RegistrationHistory(StatusHistory):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("từ"), max_length=20, choices=Registration.Status.choices)
    to_status = models.CharField(_("sang"), max_length=20, choices=Registration.Status.choices)

    class Meta(StatusHistory.Meta):
        verbose_name = _("lịch sử đăng ký thi đua")
        verbose_name_plural = _("lịch sử đăng ký thi đua")


from .clusters import Cluster, ClusterLeadership, ClusterProposal, ClusterScore, ClusterScoreHistory  # noqa: E402, F401
