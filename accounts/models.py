import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, _user_has_perm
from django.contrib.auth.models import UserManager as BaseUserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.exceptions import PortalError
from core.models import Searchable
from core.search import SearchableQuerySet


class OrganizationError(PortalError):
    pass


class OrganizationQuerySet(SearchableQuerySet):
    def concerned_by(self, body):
        """The organizations a body's plans and offices reach: its province's, or every one for a national body."""
        return self.filter(province=body.province) if body.province else self

    def managed_by(self, user):
        """The organizations the user's office works with."""
        if user.is_administrator:
            return self
        if user.organization_id is None:
            return self.none()
        return self.concerned_by(user.organization)

    def acting_for(self, user):
        """The bodies the user acts for (every one for the administrator): a plan's issuer, a council's office."""
        return self if user.is_administrator else self.filter(pk__in=user.body_ids)

    def in_force(self, day=None):
        """The organizations existing on `day` (today by default): what pickers offer for new work."""
        day = day or timezone.localdate()
        return self.filter(
            models.Q(valid_from=None) | models.Q(valid_from__lte=day), models.Q(valid_until=None) | models.Q(valid_until__gte=day)
        )

    def offered_for(self, current=None):
        """The organizations in force, and the one a record already names even if it has since ended."""
        in_force = models.Q(pk__in=self.in_force().values("pk"))
        return self.filter(in_force | models.Q(pk=current.pk)) if current is not None and current.pk else self.filter(in_force)


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
    # Decree 30/2020, appendix III: the abbreviation a body registers for its documents' symbols ("QĐ-UBND").
    document_code = models.CharField(
        _("chữ viết tắt trên ký hiệu văn bản"), max_length=20, blank=True,
        help_text=_("Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ: UBND, STP, BTP."),
    )
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
    # Nghị quyết 202/2025/QH15 merged provinces and Luật 72/2025/QH15 abolished the district level on 01/07/2025:
    # a body ends, its work and its award history pass to its successor.
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến hết ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("đơn vị kế thừa"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="predecessors",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="organization_unique_name")]

    def __str__(self):
        return self.name

    def searchable_values(self):
        return [self.name, self.short_name, self.province]

    @property
    def is_in_force(self):
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (self.valid_until is None or self.valid_until >= today)

    def lineage_ids(self):
        """This organization and every one it succeeded, however many mergers back: whose award history it carries."""
        lineage, newest = {self.pk}, {self.pk}
        while newest:
            newest = set(Organization.objects.filter(successor__in=newest).exclude(pk__in=lineage).values_list("pk", flat=True))
            lineage |= newest
        return lineage

    def check_dates(self, valid_from, valid_until):
        if valid_from and valid_until and valid_until < valid_from:
            raise OrganizationError(_("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."), code="ends_before_start")

    def check_merge(self, successor, on):
        """Refuse a successor that is this organization, or one that it already carries on, or a day before it began."""
        if successor.pk == self.pk:
            raise OrganizationError(_("Đơn vị không thể kế thừa chính nó."), code="self_successor")
        if successor.pk in self.lineage_ids():
            raise OrganizationError(
                _("%(successor)s đã được sáp nhập vào %(organization)s: không thể sáp nhập ngược lại.")
                % {"successor": successor, "organization": self}, code="successor_cycle",
            )
        self.check_dates(self.valid_from, on - datetime.timedelta(days=1))

    def merge_into(self, successor, *, on, by):
        """Record that this organization ends the day before `on` and `successor` carries on its work and history."""
        self.check_merge(successor, on)
        ends_on = on - datetime.timedelta(days=1)
        with transaction.atomic():
            Organization.objects.filter(pk=self.pk).update(successor=successor, valid_until=ends_on)
            self.successor, self.valid_until = successor, ends_on
            self.changes.create(actor=by, note=_("Sáp nhập vào %(successor)s từ ngày %(day)s.") % {
                "successor": successor, "day": on.strftime("%d/%m/%Y"),
            })

    merge_into.alters_data = True


class OrganizationChange(models.Model):
    """Who changed an organization's standing (a merger, an end date), when, and what."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi đơn vị")
        verbose_name_plural = _("thay đổi đơn vị")
        ordering = ["-created_at", "-pk"]


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


class UserManager(BaseUserManager.from_queryset(SearchableQuerySet)):
    pass


class User(Searchable, AbstractUser):
    class Role(models.TextChoices):
        STAFF = "staff", _("Cán bộ thi đua – khen thưởng")
        UNIT = "unit", _("Đơn vị đề nghị khen thưởng")
        COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng")
        LEADER = "leader", _("Lãnh đạo ký quyết định")
        ADMINISTRATOR = "administrator", _("Quản trị hệ thống")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    # The post the person holds at their organization; council seats are held besides it (`council_seats`), so one
    # account is both an office's staff (or a leader) and a council member, each scoped to its own body.
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

    def searchable_values(self):
        return [self.full_name, self.username, self.email]

    def get_full_name(self):
        return self.full_name or self.username

    def has_perm(self, perm, obj=None):
        """The portal's rules decide, for the superuser too: an administrator keeps Django's admin but neither signs
        for a body nor votes in a council (Django's own shortcut would grant a superuser every permission)."""
        return self.is_active and _user_has_perm(self, perm, obj)

    @property
    def is_office_staff(self):
        return self.role == self.Role.STAFF

    @cached_property
    def body_ids(self):
        """The bodies this account acts for: its organization and the authority above it (a Sở and its UBND)."""
        if self.organization_id is None:
            return frozenset()
        return frozenset(pk for pk in (self.organization_id, self.organization.parent_id) if pk is not None)

    @cached_property
    def seat_council_ids(self):
        """The councils this person sits on, whatever the account's role: a seat is something one holds."""
        if self.pk is None:
            return frozenset()
        return frozenset(self.council_seats.values_list("council_id", flat=True))

    @cached_property
    def holdings(self):
        """What this person holds, each a capability of the one account: the post at their organization, then each seat."""
        held = [] if self.role == self.Role.COUNCIL_MEMBER else [self.get_role_display()]
        seats = self.council_seats.select_related("council").order_by("council__name") if self.pk else []
        return held + [f"{seat.get_role_display()} – {seat.council}" for seat in seats]

    @property
    def is_administrator(self):
        return self.role == self.Role.ADMINISTRATOR or self.is_superuser
