"""The council: its seats, meetings and attendance, secret voting rounds and their tallies."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from campaigns.models import Campaign
from core.exceptions import PortalError
from core.models import Searchable, StatusFlow, StatusHistory
from core.search import SearchableQuerySet
from nominations.models import Nomination
from notifications.services import delivery_batch, notify_from_template


class CouncilError(PortalError):
    pass


class CouncilQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An office and its leaders see their bodies' councils; the administrator every council."""
        if user.is_administrator:
            return self
        if user.role in (user.Role.STAFF, user.Role.LEADER):
            return self.filter(organization__in=user.body_ids)
        return self.none()


class Council(models.Model):
    """A Hội đồng Thi đua – Khen thưởng (or an inter-agency council) advising one awarding authority."""

    name = models.CharField(_("tên hội đồng"), max_length=255, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan thường trực"), on_delete=models.PROTECT, related_name="councils"
    )
    # Law on Emulation and Commendation: a meeting is valid with at least 2/3 of members present;
    # a council's rules may require more (some provinces require 80%, i.e. 4/5).
    quorum_numerator = models.PositiveSmallIntegerField(_("tỷ lệ có mặt tối thiểu (tử số)"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("tỷ lệ có mặt tối thiểu (mẫu số)"), default=3)
    # Decree 30: a council that issues documents in its own name keeps its own number series.
    symbol = models.CharField(
        _("ký hiệu"), max_length=30, default="HĐTĐKT", help_text=_("Ký hiệu trong số văn bản của hội đồng, ví dụ: 03/BB-HĐTĐKT.")
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("hội đồng")
        verbose_name_plural = _("hội đồng")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not 0 < self.quorum_numerator <= self.quorum_denominator:
            raise ValidationError(
                {"quorum_numerator": ValidationError(_("Tỷ lệ có mặt phải lớn hơn 0 và không quá 1."), code="bad_quorum")}
            )

    @property
    def body_id(self):
        return self.organization_id

    @property
    def council_id(self):
        return self.pk

    @property
    def quorum_label(self):
        return f"{self.quorum_numerator}/{self.quorum_denominator}"

    def voting_members(self):
        return self.members.filter(is_voting=True)

    def take_minutes_number(self, year):
        """Reserve the next number of the council's register of minutes: from 01 each year, none reused."""
        with transaction.atomic():
            Council.objects.select_for_update().filter(pk=self.pk).first()
            last = self.meetings.filter(minutes_year=year).aggregate(last=models.Max("minutes_number"))["last"]
            return (last or 0) + 1

    def check_seats_changeable(self):
        """Thresholds count all members: the council may not change while a round's result is pending."""
        if VotingRound.objects.filter(meeting__council=self).exclude(status__in=VotingRound.SETTLED).exists():
            raise CouncilError(
                _("Đang có vòng biểu quyết chưa công bố kết quả: chưa thể thay đổi thành viên hội đồng."),
                code="round_pending",
            )


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
        MEMBER = "member", _("Ủy viên")
        SECRETARY = "secretary", _("Thư ký")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.PROTECT, related_name="council_seats")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_voting = models.BooleanField(
        _("có quyền biểu quyết"), default=True, help_text=_("Thư ký không biểu quyết, trừ khi đồng thời là ủy viên.")
    )

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "pk"]
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="council_member_unique_user")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def owner_organization_id(self):
        return self.user.organization_id

    def is_recused_from(self, nomination):
        """A member of the nominee's own organization does not vote on it (the nominee included)."""
        nominee_organization_id = (
            nomination.nominee_person.organization_id if nomination.is_individual else nomination.nominee_organization_id
        )
        return self.user.organization_id is not None and self.user.organization_id == nominee_organization_id


class MeetingQuerySet(SearchableQuerySet):
    def with_open_ballot(self):
        open_online = VotingRound.objects.filter(meeting=OuterRef("pk"), status=VotingRound.Status.OPEN, is_on_paper=False)
        return self.annotate(has_open_ballot=Exists(open_online))

    def upcoming_for(self, user):
        """The user's council meetings not yet ended, soonest first, with the dossiers left to review."""
        meetings = self.filter(council__members__user=user).exclude(status=Meeting.Status.CLOSED)
        return meetings.with_open_ballot().select_related("council").annotate(
            dossier_count=models.Count("agenda", filter=models.Q(agenda__status=Nomination.Status.IN_REVIEW), distinct=True)
        ).order_by("starts_at", "pk")

    def visible_to(self, user):
        """An office and its leaders see their bodies' councils' meetings; a member, the meetings of their councils."""
        if user.is_administrator:
            return self
        visible = models.Q(council__in=user.seat_council_ids)
        if user.role in (user.Role.STAFF, user.Role.LEADER):
            visible |= models.Q(council__organization__in=user.body_ids)
        return self.filter(visible)


class Meeting(StatusFlow, Searchable):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Đã lên lịch")
        IN_PROGRESS = "in_progress", _("Đang họp")
        CLOSED = "closed", _("Đã kết thúc")

    council = models.ForeignKey(Council, verbose_name=_("hội đồng"), on_delete=models.PROTECT, related_name="meetings")
    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("nội dung cuộc họp"), max_length=255)
    starts_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    is_online = models.BooleanField(_("họp trực tuyến"), default=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    agenda = models.ManyToManyField(Nomination, verbose_name=_("hồ sơ đưa ra xét"), related_name="meetings", blank=True)
    opened_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    minutes_pdf = models.FileField(_("biên bản"), upload_to="minutes/%Y/", blank=True)
    minutes_error = models.TextField(_("lỗi tạo biên bản"), blank=True)
    minutes_number = models.PositiveIntegerField(_("số biên bản"), null=True, blank=True)
    minutes_year = models.PositiveSmallIntegerField(_("năm của số biên bản"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = MeetingQuerySet.as_manager()

    transitions = {Status.SCHEDULED: {Status.IN_PROGRESS}, Status.IN_PROGRESS: {Status.CLOSED}}
    transition_error = CouncilError
    stale_message = _("Cuộc họp vừa được cập nhật, vui lòng tải lại.")

    class Meta:
        verbose_name = _("cuộc họp hội đồng")
        verbose_name_plural = _("cuộc họp hội đồng")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.title} – {timezone.localtime(self.starts_at):%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("councils:meeting", args=[self.pk])

    @property
    def body_id(self):
        return self.council.organization_id

    def searchable_values(self):
        return [self.title, self.council.name, self.campaign.number, self.place]

    def schedule(self, *, by, agenda):
        """Save the new meeting with its agenda, and send each member the invitation (once each)."""
        with transaction.atomic():
            self.created_by = by
            self.save()
            self.agenda.set(agenda)
            self.history.create(from_status="", to_status=self.status, actor=by)
            with delivery_batch():
                for member in self.council.members.select_related("user"):
                    notify_from_template(
                        member.user, key=f"meeting_scheduled:meeting={self.pk}:user={member.user_id}",
                        code="meeting_scheduled", link=self.get_absolute_url(), context=self._invitation(),
                    )

    schedule.alters_data = True

    def _invitation(self):
        starts_at = timezone.localtime(self.starts_at)
        place = self.place or "—"
        if self.is_online:
            place = _("họp trực tuyến") + (f" ({self.place})" if self.place else "")
        return {
            "council": self.council.name, "title": self.title, "time": f"{starts_at:%H:%M}",
            "date": f"{starts_at:%d/%m/%Y}", "place": str(place), "count": self.agenda.count(),
        }

    def present_members(self):
        return self.council.voting_members().filter(attendances__meeting=self, attendances__is_present=True)

    def has_quorum(self):
        """Present voting members reach the council's quorum, counted exactly (4 of 6 is 2/3)."""
        council = self.council
        total = council.voting_members().count()
        present = self.present_members().count()
        return total > 0 and present * council.quorum_denominator >= total * council.quorum_numerator

    def record_attendance(self, *, by, present_members):
        """Mark who is present; the meeting is then in progress."""
        if self.status == self.Status.CLOSED:
            raise CouncilError(_("Cuộc họp đã kết thúc."), code="meeting_closed")
        if self.rounds.filter(status=VotingRound.Status.OPEN).exists():
            raise CouncilError(_("Không sửa điểm danh khi đang bỏ phiếu."), code="round_open")
        if self.rounds.filter(status=VotingRound.Status.PUBLISHED).exists():
            # The published results were counted against this attendance: the minutes must match them.
            raise CouncilError(_("Kết quả biểu quyết đã công bố: không sửa điểm danh được nữa."), code="results_published")
        present_ids = {member.pk for member in present_members}
        with transaction.atomic():
            for member in self.council.members.all():
                Attendance.objects.update_or_create(
                    meeting=self, member=member, defaults={"is_present": member.pk in present_ids}
                )
            if self.status == self.Status.SCHEDULED:
                self._move_to(self.Status.IN_PROGRESS, by=by, opened_at=timezone.now())

    record_attendance.alters_data = True

    def open_round(self, *, by, on_paper=False, trustees=None, threshold=None):
        """Open a voting round on the whole agenda, once the quorum is present.

        An online round's key is made by its trustees (the chair and the secretary unless others are named,
        all present); `threshold` of them (all by default, never fewer than two) open the totals.
        """
        if self.status != self.Status.IN_PROGRESS:
            raise CouncilError(_("Hãy điểm danh trước khi mở biểu quyết."), code="not_in_progress")
        if not self.has_quorum():
            raise CouncilError(
                _("Chưa đủ số thành viên có mặt theo quy định (tối thiểu %(quorum)s tổng số thành viên).")
                % {"quorum": self.council.quorum_label},
                code="no_quorum",
            )
        if self.rounds.exclude(status__in=VotingRound.SETTLED).exists():
            raise CouncilError(_("Vòng biểu quyết trước chưa công bố kết quả."), code="round_pending")
        undecided = self.agenda.filter(status=Nomination.Status.IN_REVIEW)
        if not undecided.exists():
            raise CouncilError(_("Không còn hồ sơ nào chờ biểu quyết."), code="nothing_to_vote")
        trustees = [] if on_paper else self._check_trustees(trustees)
        threshold = threshold or len(trustees)
        if not on_paper and not 2 <= threshold <= len(trustees):
            raise CouncilError(
                _("Số người giữ khóa cần để giải mã phải từ 2 đến %(count)s.") % {"count": len(trustees)},
                code="bad_threshold",
            )
        with transaction.atomic():
            voting_round = self.rounds.create(number=self.rounds.count() + 1, is_on_paper=on_paper, threshold=threshold)
            Tally.objects.bulk_create(Tally(voting_round=voting_round, nomination=n) for n in undecided)
            Trustee.objects.bulk_create(
                Trustee(voting_round=voting_round, member=member, index=index) for index, member in enumerate(trustees, 1)
            )
            voting_round.history.create(from_status="", to_status=voting_round.status, actor=by)
        return voting_round

    open_round.alters_data = True

    def _check_trustees(self, trustees):
        if trustees is None:
            seats = {member.role: member for member in self.council.members.order_by("pk")}
            trustees = [seats[role] for role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY) if role in seats]
        present = set(self.attendances.filter(is_present=True).values_list("member_id", flat=True))
        trustees = list(dict.fromkeys(trustees))
        if len(trustees) < 2 or any(member.pk not in present for member in trustees):
            raise CouncilError(
                _("Cần ít nhất hai người giữ khóa có mặt (mặc định Chủ tịch và Thư ký Hội đồng)."), code="no_trustees"
            )
        return trustees

    def close(self, *, by):
        """End the meeting; its minutes are then generated."""
        if not self.can_move_to(self.Status.CLOSED):
            raise CouncilError(_("Chỉ kết thúc được cuộc họp đang diễn ra."), code="not_in_progress")
        if self.rounds.exclude(status__in=VotingRound.SETTLED).exists():
            raise CouncilError(_("Hãy đóng và công bố vòng biểu quyết trước khi kết thúc họp."), code="round_pending")
        if Tally.objects.filter(
            voting_round__meeting=self, outcome=Tally.Outcome.TIE_FOR_CHAIR, nomination__status=Nomination.Status.IN_REVIEW
        ).exists():
            raise CouncilError(
                _("Còn hồ sơ bằng phiếu chờ Chủ tịch Hội đồng quyết định."), code="tie_pending"
            )
        with transaction.atomic():
            year = timezone.localdate().year
            self._move_to(
                self.Status.CLOSED, by=by, closed_at=timezone.now(),
                minutes_number=self.council.take_minutes_number(year), minutes_year=year,
            )
            from .tasks import enqueue_minutes  # noqa: PLC0415  tasks import the models

            enqueue_minutes(self)

    close.alters_data = True


class MeetingHistory(StatusHistory):
    """Who moved the meeting, and when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="history")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="attendances")
    is_present = models.BooleanField(_("có mặt"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")]


class VotingRound(StatusFlow, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang bỏ phiếu")
        CLOSED = "closed", _("Đã đóng")
        PUBLISHED = "published", _("Đã công bố")
        VOIDED = "voided", _("Đã hủy")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("vòng"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.OPEN)
    is_on_paper = models.BooleanField(_("bỏ phiếu giấy"), default=False)
    # The encrypted ballot (councils/BALLOT_SPEC.md): k of the trustees open the totals; the round key is
    # set once every trustee has sent its key share; the ballot-box hash is fixed when the round closes.
    threshold = models.PositiveSmallIntegerField(_("số người giữ khóa cần để giải mã"), default=0)
    public_key = models.CharField(_("khóa công khai của vòng"), max_length=64, blank=True)
    ballot_box_hash = models.CharField(_("mã băm hòm phiếu"), max_length=64, blank=True)

    SETTLED = (Status.PUBLISHED, Status.VOIDED)
    transitions = {Status.OPEN: {Status.CLOSED, Status.VOIDED}, Status.CLOSED: {Status.PUBLISHED, Status.VOIDED}}
    transition_error = CouncilError
    stale_message = _("Vòng biểu quyết vừa được cập nhật, vui lòng tải lại.")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="round_unique_number")]

    def __str__(self):
        return _("Vòng %(number)s") % {"number": self.number}

    @property
    def is_encrypted(self):
        return not self.is_on_paper

    @property
    def is_ready(self):
        """Members may vote: the trustees have made the round key."""
        return self.is_on_paper or bool(self.public_key)

    @property
    def is_opened(self):
        """The totals are decrypted (or entered, on paper) and the results decided."""
        return self.status != self.Status.OPEN and not self.tallies.filter(outcome="").exists()


class VotingRoundHistory(StatusHistory):
    """Who opened, closed and published the round, and when; never how anyone voted."""

    voting_round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="history")


class BallotReceipt(models.Model):
    """That a member voted on a nomination in a round; an online choice is never stored with it.

    Secret ballot by design: an online ballot is encrypted in the member's browser (EncryptedBallot); only the
    written ballot of an absent member, secret by nature to nobody, keeps its choice, as written.
    """

    voting_round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="receipts")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="receipts")
    is_written = models.BooleanField(_("phiếu gửi bằng văn bản"), default=False)
    written_choice = models.CharField(_("ý kiến ghi trên phiếu văn bản"), max_length=10, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voting_round", "member", "nomination"], name="receipt_one_vote_each"),
        ]


class EncryptedBallot(models.Model):
    """A member's ballot as their browser encrypted it: ciphertexts and proofs, never a choice.

    A member may vote again until the round closes: the earlier ballot stays in the published ballot box,
    marked replaced, and only the last one is added to the totals.
    """

    voting_round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="ballots")
    receipt = models.CharField(_("mã biên nhận"), max_length=52)
    content = models.JSONField(_("phiếu đã mã hóa"))
    is_replaced = models.BooleanField(_("đã được thay bằng phiếu sau"), default=False)

    class Meta:
        ordering = ["voting_round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["voting_round", "receipt"], name="ballot_unique_receipt"),
            models.UniqueConstraint(
                fields=["voting_round", "member"], condition=models.Q(is_replaced=False), name="ballot_one_counted_each"
            ),
        ]


class Trustee(models.Model):
    """A present member who holds a share of the round's decryption key (in their browser, never here)."""

    voting_round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="trustees")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="trusteeships")
    index = models.PositiveSmallIntegerField(_("số thứ tự người giữ khóa"))
    transport_key = models.CharField(_("khóa nhận phần khóa"), max_length=64, blank=True)
    key_share = models.JSONField(_("cam kết và phần khóa đã mã hóa"), null=True, blank=True)
    partials = models.JSONField(_("giải mã từng phần"), null=True, blank=True)

    class Meta:
        ordering = ["voting_round", "index"]
        constraints = [
            models.UniqueConstraint(fields=["voting_round", "member"], name="trustee_unique_member"),
            models.UniqueConstraint(fields=["voting_round", "index"], name="trustee_unique_index"),
        ]

    def __str__(self):
        return f"{self.index}. {self.member.user.get_full_name()}"

    def get_absolute_url(self):
        return reverse("councils:round_trustee", args=[self.voting_round.meeting_id, self.voting_round.number])


class Tally(models.Model):
    """The counts of one nomination in one round, known only once the trustees decrypt the totals."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Chưa có kết quả")
        PASSED = "passed", _("Đạt, được đề nghị")
        BELOW_THRESHOLD = "below_threshold", _("Không đạt tỷ lệ phiếu")
        OVER_QUOTA = "over_quota", _("Đạt tỷ lệ nhưng vượt chỉ tiêu")
        TIE_FOR_CHAIR = "tie_for_chair", _("Bằng phiếu tại ngưỡng chỉ tiêu: Chủ tịch Hội đồng quyết định")

    voting_round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="tallies")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="tallies")
    votes_for = models.PositiveIntegerField(_("đồng ý"), default=0)
    votes_against = models.PositiveIntegerField(_("không đồng ý"), default=0)
    abstentions = models.PositiveIntegerField(_("không biểu quyết"), default=0)
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING, blank=True)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), null=True)
    # The sums of the counted online ballots, per option: {"for": {"a": hex, "b": hex}, ...}; set at closing.
    encrypted_totals = models.JSONField(_("tổng phiếu đã mã hóa"), null=True, blank=True)

    class Meta:
        ordering = ["voting_round", "rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["voting_round", "nomination"], name="tally_unique_nomination")]
