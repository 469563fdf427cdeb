from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from config.search import SearchableQuerySet
from config.text import fold


class Searchable(models.Model):
    """A model whose listed text is kept folded in `search_text` for diacritic-free search."""

    search_text = models.TextField(editable=False, default="")

    objects = SearchableQuerySet.as_manager()

    class Meta:
        abstract = True

    def searchable_values(self):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join(str(value) for value in self.searchable_values() if value))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class StatusHistory(models.Model):
    """Who moved an object from one status to another, when, and why."""

    from_status = models.CharField(_("từ"), max_length=20)
    to_status = models.CharField(_("sang"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class StatusFlow:
    """A model with a `status` and a `history` of StatusHistory rows, moved only through `_move_to`."""

    transition_error = None  # the ValidationError subclass the model's transitions raise
    stale_message = None

    def _move_to(self, status, *, by, note="", **fields):
        """Move to `status` and record it; a concurrent change wins and this one is refused."""
        with transaction.atomic():
            # Conditional update: loses cleanly to a concurrent change.
            moved = type(self).objects.filter(pk=self.pk, status=self.status).update(status=status, **fields)
            if not moved:
                raise self.transition_error(self.stale_message, code="stale")
            entry = self.history.create(from_status=self.status, to_status=status, actor=by, note=note)
            self.status = status
            for name, value in fields.items():
                setattr(self, name, value)
        return entry


class Organization(Searchable):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Bộ, ngành trung ương")
        MINISTRY_UNIT = "ministry_unit", _("Đơn vị thuộc Bộ")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        JUSTICE_DEPARTMENT = "justice_department", _("Sở Tư pháp")
        DEPARTMENT = "department", _("Sở, ban, ngành")
        LEGAL_AID_CENTRE = "legal_aid_centre", _("Trung tâm Trợ giúp pháp lý nhà nước")
        POLICE = "police", _("Công an")
        COURT = "court", _("Tòa án nhân dân")
        PROCURACY = "procuracy", _("Viện kiểm sát nhân dân")
        DISTRICT_JUSTICE = "district_justice", _("Phòng Tư pháp cấp huyện")
        ASSOCIATION = "association", _("Hội, đoàn thể")
        COUNCIL = "council", _("Hội đồng")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name=_("cơ quan cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, blank=True)
    women_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ nữ (%)"), null=True, blank=True,
        help_text=_("Dùng khi bằng phiếu: ưu tiên tập thể có từ 70% nữ trở lên (Nghị định 152/2025)."),
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="organization_unique_name")]

    def __str__(self):
        return self.name

    def searchable_values(self):
        return [self.name, self.short_name, self.province]


class Person(Searchable):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Nữ")
        MALE = "male", _("Nam")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    title = models.CharField(
        _("chức danh"), max_length=150, blank=True,
        help_text=_("Ví dụ: Trợ giúp viên pháp lý, Thẩm phán, Kiểm sát viên, Điều tra viên."),
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people"
    )

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def searchable_values(self):
        return [self.full_name, self.position, self.title]


class User(AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", _("Cán bộ Sở Tư pháp")
        UNIT = "unit", _("Đơn vị đề nghị khen thưởng")
        COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng")
        LEADER = "leader", _("Lãnh đạo ký quyết định")
        ADMINISTRATOR = "administrator", _("Quản trị hệ thống")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.UNIT)
    organization = models.ForeignKey(
        Organization, verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    @property
    def is_office_staff(self):
        return self.role == self.Role.STAFF

    @property
    def is_administrator(self):
        return self.role == self.Role.ADMINISTRATOR or self.is_superuser
