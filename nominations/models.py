import datetime
import hashlib

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Coalesce, ExtractYear
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Person, User
from campaigns.models import (
    AwardForm,
    Campaign,
    CampaignPeriod,
    Criterion,
    EligibleSubject,
    Participation,
    QuotaRule,
    UnitGroup,
)
from campaigns.workdays import WorkCalendar, add_working_days, last_days_before, span_of, working_days_between
from core.exceptions import PortalError
from core.models import Searchable, StatusFlow, StatusHistory
from core.search import SearchableQuerySet
from core.text import fold
from notifications.services import notify_from_template


class NominationError(PortalError):
    pass


class Status(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Trả lại để bổ sung")
    IN_REVIEW = "in_review", _("Đang xét")
    APPROVED = "approved", _("Được đề nghị khen")
    REJECTED = "rejected", _("Không được đề nghị")
    AWARDED = "awarded", _("Đã khen thưởng")
    WITHDRAWN = "withdrawn", _("Đã rút")


EDITABLE = (Status.DRAFT, Status.RETURNED)
# Nominations that count against a quota and block a duplicate.
ACTIVE = (Status.SUBMITTED, Status.RETURNED, Status.IN_REVIEW, Status.APPROVED, Status.AWARDED)
GRANTED = (Status.APPROVED, Status.AWARDED)
# The office scores, and ranks, what was submitted and not yet decided.
SCORABLE = (Status.SUBMITTED, Status.IN_REVIEW)
# Working days past the statutory appraisal time, in the bands an office chases: slug → (from, up to but not).
LATENESS_BANDS = {
    "1-5": (1, 6, _("Quá hạn 1–5 ngày làm việc")),
    "6-10": (6, 11, _("Quá hạn 6–10 ngày làm việc")),
    "11-20": (11, 21, _("Quá hạn 11–20 ngày làm việc")),
    "21+": (21, None, _("Quá hạn trên 20 ngày làm việc")),
}


def lateness_band_conditions(bands=LATENESS_BANDS):
    """For each lateness band, the condition its dossiers meet today: still waiting for appraisal, received long enough ago."""
    # Late by k working days: N + k working days have passed since the day of receipt (N = statutory time).
    statutory = settings.APPRAISE_COMPLETE_WORKING_DAYS
    bounds = {bound for at_least, below, _label in bands.values() for bound in (at_least, below) if bound is not None}
    last_days = last_days_before(timezone.localdate(), [statutory + bound for bound in bounds])

    def received_before(days_late):
        day_after = last_days[statutory + days_late] + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    conditions = {}
    for slug, (at_least, below, _label) in bands.items():
        condition = models.Q(status=Status.SUBMITTED, submitted_at__lt=received_before(at_least))
        if below is not None:
            condition &= models.Q(submitted_at__gte=received_before(below))
        conditions[slug] = condition
    return conditions


def _sha256(file):
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


# What a line of a dossier list shows besides the dossier: its plan, form, unit and nominee.
LISTED_RELATIONS = ("campaign", "award_form", "submitting_unit", "nominee_person", "nominee_organization")


class NominationQuerySet(SearchableQuerySet):
    def visible_to(self, user):
        """A unit sees its own dossiers; an office and its leaders, the dossiers of their bodies' plans (and the sent
        dossiers of the plans implementing them, and where the ones they forwarded upward went); a council member,
        the dossiers on the agenda of a council they sit on."""
        if user.is_administrator:
            return self
        visible = models.Q(pk__in=[])
        if user.role == user.Role.UNIT:
            visible |= models.Q(submitting_unit_id=user.organization_id)
        if user.role in (user.Role.STAFF, user.Role.LEADER):
            visible |= models.Q(campaign__issuing_organization__in=user.body_ids)
            # The higher body follows the plans carrying out its own, never their units' drafts.
            submitted = ~models.Q(status=Status.DRAFT)
            visible |= models.Q(campaign__implements__issuing_organization__in=user.body_ids) & submitted
            # Checked row by row, and only on forwarded dossiers: a join would read every dossier to find the few.
            forwarded_from_own = Nomination.objects.filter(
                pk=models.OuterRef("forwarded_from_id"), campaign__issuing_organization__in=user.body_ids
            )
            visible |= models.Q(forwarded_from__isnull=False) & models.Exists(forwarded_from_own)
        if user.seat_council_ids:
            # From the agenda table itself: joined back to the dossiers, the planner read every dossier first.
            on_agenda = Nomination.meetings.through.objects.filter(meeting__council__in=user.seat_council_ids)
            on_agenda = on_agenda.values("nomination_id")
            visible |= models.Q(pk__in=on_agenda)
        return self.filter(visible)

    def active(self):
        return self.filter(status__in=ACTIVE)

    def late_for_appraisal(self, band):
        """The dossiers of one lateness band (LATENESS_BANDS)."""
        return self.filter(lateness_band_conditions({band: LATENESS_BANDS[band]})[band])


class Nomination(StatusFlow, Searchable):
    """A dossier proposing one collective or one person for one award form of a campaign."""

    Status = Status

    campaign = models.ForeignKey(Campaign, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="nominations")
    period = models.ForeignKey(
        CampaignPeriod, verbose_name=_("giai đoạn"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    award_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT, related_name="nominations")
    nominee_organization = models.ForeignKey(
        Organization, verbose_name=_("tập thể được đề nghị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="nominations",
    )
    nominee_person = models.ForeignKey(
        Person, verbose_name=_("cá nhân được đề nghị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="nominations",
    )
    submitting_unit = models.ForeignKey(
        Organization, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="submitted_nominations"
    )
    is_posthumous = models.BooleanField(_("truy tặng"), default=False)
    achievement_report = models.TextField(_("báo cáo thành tích"), blank=True)
    letter_number = models.CharField(_("số tờ trình"), max_length=40, blank=True)
    letter_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    letter_signer = models.CharField(_("người ký tờ trình"), max_length=150, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    forwarded_from = models.OneToOneField(
        "self", verbose_name=_("chuyển tiếp từ hồ sơ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="forwarded_to",
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = NominationQuerySet.as_manager()

    transitions = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.RETURNED: {Status.SUBMITTED, Status.WITHDRAWN},
        # AWARDED from SUBMITTED: only a dossier forwarded by a lower body, its council having voted (mark_awarded).
        Status.SUBMITTED: {Status.RETURNED, Status.IN_REVIEW, Status.WITHDRAWN, Status.AWARDED},
        Status.IN_REVIEW: {Status.APPROVED, Status.REJECTED},
        Status.APPROVED: {Status.AWARDED},
    }
    transition_error = NominationError
    stale_message = _("Hồ sơ vừa được cập nhật, vui lòng tải lại.")

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-updated_at", "-pk"]
        # The list's order, alone and after each filter a list or the home page applies most.
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="nomination_recent"),
            models.Index(fields=["status", "-updated_at", "-id"], name="nomination_status_recent"),
            models.Index(fields=["submitting_unit", "-updated_at", "-id"], name="nomination_unit_recent"),
            models.Index(fields=["campaign", "status", "-updated_at", "-id"], name="nomination_campaign_recent"),
            models.Index(fields=["status", "submitted_at"], name="nomination_status_submitted"),
            models.Index(fields=["award_form", "status"], name="nomination_form_status"),  # awaiting a decision
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nominee_organization__isnull=True, nominee_person__isnull=False)
                | models.Q(nominee_organization__isnull=False, nominee_person__isnull=True),
                name="nomination_one_nominee",
            ),
        ]

    def __str__(self):
        return f"{self.nominee} – {self.award_form}"

    def get_absolute_url(self):
        return reverse("nominations:detail", args=[self.pk])

    def searchable_values(self):
        return [self.nominee, self.submitting_unit, self.award_form, self.letter_number]

    @property
    def nominee(self):
        return self.nominee_person or self.nominee_organization

    @property
    def is_individual(self):
        # A collective is always an existing organization; a person may be new and unsaved yet.
        return self.nominee_organization_id is None

    @property
    def nominee_kind(self):
        return EligibleSubject.Kind.INDIVIDUAL if self.is_individual else EligibleSubject.Kind.COLLECTIVE

    @property
    def owner_organization_id(self):
        return self.submitting_unit_id

    @property
    def body_id(self):
        """The body the dossier is sent to: its plan's issuing body."""
        return self.campaign.issuing_organization_id

    @property
    def return_reasons(self):
        """The reviewer's reasons of the latest return, shown to the unit."""
        entry = self.history.filter(to_status=Status.RETURNED).exclude(from_status=Status.RETURNED).last()
        return entry.note if entry else ""

    @property
    def is_editable(self):
        return self.status in EDITABLE

    @property
    def is_withdrawable(self):
        return self.can_move_to(Status.WITHDRAWN)

    @property
    def is_granted(self):
        return self.status in GRANTED

    @property
    def award_note(self):
        """What awarded the dossier (the signed decision, as `mark_awarded` recorded it); empty until awarded."""
        if self.status != Status.AWARDED:
            return ""
        return next((entry.note for entry in reversed(list(self.history.all())) if entry.to_status == Status.AWARDED), "")

    # Checks, each raising NominationError with the message a unit reads.

    def check_eligibility(self):
        """The nominee matches an eligible subject, and the award form is open to its kind."""
        if self.is_individual and not self.award_form.is_for_individuals:
            raise NominationError(_("Hình thức khen thưởng này không dành cho cá nhân."), code="form_not_for_kind")
        if not self.is_individual and not self.award_form.is_for_collectives:
            raise NominationError(_("Hình thức khen thưởng này không dành cho tập thể."), code="form_not_for_kind")
        subjects = self.campaign.subjects.filter(kind=self.nominee_kind)
        if not any(self._matches(subject) for subject in subjects):
            message = _("Đối tượng được đề nghị không thuộc đối tượng thi đua của phong trào.")
            allowed = sorted({title for subject in subjects for title in subject.position_titles})
            if self.is_individual and allowed:
                message = _("%(message)s Chức danh được tham gia: %(titles)s.") % {"message": message, "titles": "; ".join(allowed)}
            raise NominationError(message, code="not_eligible")

    def _matches(self, subject):
        if self.is_individual:
            titles = {fold(title) for title in subject.position_titles}
            person = self.nominee_person
            return not titles or fold(person.title) in titles or fold(person.position) in titles
        return not subject.organization_kinds or self.nominee_organization.kind in subject.organization_kinds

    def check_not_duplicate(self):
        """The same nominee is not proposed twice for the same form in the same period."""
        if self.nominee.pk is None:
            return  # a person entered with this dossier has no earlier one
        duplicates = Nomination.objects.active().filter(
            award_form=self.award_form, period=self.period,
            nominee_person=self.nominee_person, nominee_organization=self.nominee_organization,
        ).exclude(pk=self.pk)
        if duplicates.exists():
            raise NominationError(
                _("Đối tượng này đã được đề nghị hình thức khen thưởng này trong cùng đợt."), code="duplicate"
            )

    def check_window(self):
        """The campaign accepts nominations from this unit today."""
        if self.campaign.status != Campaign.Status.LAUNCHED:
            raise NominationError(_("Phong trào không còn nhận hồ sơ."), code="not_accepting")
        deadline = self.deadline
        if deadline and timezone.localdate() > deadline:
            raise NominationError(
                _("Đã quá hạn nộp hồ sơ (%(date)s).") % {"date": deadline.strftime("%d/%m/%Y")}, code="past_deadline"
            )

    @property
    def deadline(self):
        """The nomination deadline for this unit, with its extension if one was granted."""
        return self.campaign.nomination_deadline_for(self.submitting_unit_id)

    def check_documents(self):
        """Every document the award form requires is attached."""
        missing = self.missing_documents()
        if missing:
            raise NominationError(
                _("Hồ sơ còn thiếu: %(documents)s.") % {"documents": "; ".join(missing)}, code="missing_documents"
            )

    def attachment_like(self, upload):
        """The attachment of this dossier with the same content as the upload, if one was already sent."""
        digest = _sha256(upload)
        for attachment in self.attachments.filter(size=upload.size):
            try:
                with attachment.file.open("rb") as stored:
                    if _sha256(stored) == digest:
                        return attachment
            except OSError:
                continue  # a file missing from storage matches nothing
        return None

    def missing_documents(self):
        """Required documents not attached; one the plan lists "(nếu có)" is optional."""
        attached = set(self.attachments.values_list("document_type", flat=True))
        return [
            document for document in self.award_form.required_documents
            if document not in attached and "(neu co)" not in fold(document)
        ]

    def check_unit_quota(self):
        """The unit's own caps (each unit, each sub-body) have room, counting the dossiers it has sent."""
        for problem in QuotaCounter(self.award_form).problems(self, own_caps_only=True):
            raise problem

    def check_total_quota(self):
        """Every cap of the form has room, counting the dossiers granted."""
        for problem in QuotaCounter(self.award_form).problems(self):
            raise problem

    @property
    def registration_warning(self):
        """A warning, not a refusal: the unit did not register this award form when the plan asked it to."""
        if self.campaign.registered(self.submitting_unit_id, self.award_form_id):
            return ""
        return _("Đơn vị chưa đăng ký danh hiệu này khi đăng ký thi đua đầu năm.")

    def quota_warnings(self):
        """What submitting this draft would be refused for by the unit's caps, as messages to show on the draft."""
        return [problem.message for problem in QuotaCounter(self.award_form).problems(self, own_caps_only=True)]

    @property
    def award_year(self):
        """The year the dossier is for: the end of its period, or of its plan (as QuotaCounter counts it)."""
        ends_on = self.period.ends_on if self.period_id and self.period.ends_on else self.campaign.ends_on
        return ends_on.year

    @property
    def is_preferred_on_tie(self):
        if self.is_individual:
            return self.nominee_person.gender == Person.Gender.FEMALE
        share = self.nominee_organization.women_percent
        return share is not None and share >= 70

    @property
    def nominee_body(self):
        return self.nominee_person.organization if self.is_individual else self.nominee_organization

    @property
    def nominee_body_id(self):
        """The organization the nominee is or belongs to: the sub-body a "mỗi đơn vị trực thuộc" cap counts."""
        return self.nominee_person.organization_id if self.is_individual else self.nominee_organization_id

    def was_awarded_before(self):
        """The nominee received this form, or its shared title in any plan, before (flagged to reviewers)."""
        same = models.Q(award_form=self.award_form_id)
        if self.award_form.award_title_id:
            same |= models.Q(award_form__award_title=self.award_form.award_title_id)
        return self._earlier_grants(statuses=[Status.AWARDED]).filter(same).exists()

    def _earlier_grants(self, statuses=GRANTED):
        """The nominee's other dossiers that were approved or awarded, in any plan: the register's view of them.

        A collective's history includes that of the units merged into it (Nghị quyết 202/2025/QH15), so its
        "consecutive years" count on across the merger."""
        if self.nominee_organization_id:
            nominee = models.Q(nominee_person=None, nominee_organization__in=self.nominee_organization.lineage_ids())
        else:
            nominee = models.Q(nominee_person=self.nominee_person_id, nominee_organization=None)
        return Nomination.objects.filter(nominee, status__in=statuses).exclude(pk=self.pk)

    def check_title_rules(self):
        """The rules the law sets on the form's shared title, read across every plan: posthumous, once only, prerequisites."""
        title = self.award_form.award_title
        if title is None:
            return
        if self.is_posthumous and not title.posthumous_allowed:
            raise NominationError(
                _("%(title)s không được truy tặng.") % {"title": title.name}, code="no_posthumous"
            )
        if self.nominee.pk is None:
            return  # a person entered with this dossier has nothing granted yet
        grants = self._earlier_grants().annotate(year=ExtractYear(Coalesce("period__ends_on", "campaign__ends_on")))
        if title.once_per_person and grants.filter(award_form__award_title=title).exists():
            raise NominationError(
                _("Đối tượng đã được tặng %(title)s: danh hiệu này chỉ tặng một lần.") % {"title": title.name},
                code="once_only",
            )
        if title.prerequisite_id:
            needed = {self.award_year - back for back in range(1, title.prerequisite_years + 1)}
            held = set(grants.filter(award_form__award_title=title.prerequisite_id, year__in=needed).values_list("year", flat=True))
            if needed - held:
                raise NominationError(
                    _("Chưa đủ điều kiện: cần đạt %(prerequisite)s %(count)s năm liên tục trước năm %(year)s; còn thiếu năm %(missing)s.") % {
                        "prerequisite": title.prerequisite.name, "count": title.prerequisite_years, "year": self.award_year,
                        "missing": ", ".join(str(year) for year in sorted(needed - held)),
                    },
                    code="missing_prerequisite",
                )

    # Transitions.

    def submit(self, *, by):
        """Send the dossier to the standing office."""
        if not self.can_move_to(Status.SUBMITTED):
            raise NominationError(_("Chỉ nộp được hồ sơ nháp hoặc bị trả lại."), code="not_submittable")
        if not self.achievement_report.strip():
            raise NominationError(_("Hãy nhập báo cáo thành tích trước khi nộp."), code="no_report")
        self.check_window()
        self.check_eligibility()
        self.check_not_duplicate()
        self.check_title_rules()
        self.check_documents()
        self.check_unit_quota()
        code = "nomination_resubmitted" if self.status == Status.RETURNED else "nomination_submitted"
        with transaction.atomic():
            entry = self._move_to(Status.SUBMITTED, by=by, submitted_at=timezone.now())
            self._tell_office(code, entry)

    submit.alters_data = True

    def return_for_revision(self, *, by, reasons):
        """Send the dossier back to its unit with the reviewer's reasons."""
        if not self.can_move_to(Status.RETURNED):
            raise NominationError(_("Chỉ trả lại được hồ sơ vừa nộp, chưa đưa vào xét."), code="not_returnable")
        if not reasons.strip():
            raise NominationError(_("Hãy ghi rõ lý do trả lại hồ sơ."), code="no_reasons")
        with transaction.atomic():
            entry = self._move_to(Status.RETURNED, by=by, note=reasons)
            self._tell_unit("nomination_returned", entry, reasons=reasons)

    return_for_revision.alters_data = True

    def withdraw(self, *, by):
        """The unit takes the dossier back before review."""
        if not self.can_move_to(Status.WITHDRAWN):
            raise NominationError(_("Không thể rút hồ sơ đã đưa vào xét."), code="not_withdrawable")
        self._move_to(Status.WITHDRAWN, by=by)

    withdraw.alters_data = True

    def appraise(self, *, by, checklist, remarks=""):
        """Record the office's check of a submitted dossier: complete when every item holds."""
        if self.status != Status.SUBMITTED:
            raise NominationError(_("Chỉ thẩm định được hồ sơ đã nộp, chưa đưa vào xét."), code="not_appraisable")
        return self.appraisals.create(
            checklist=checklist, is_complete=all(checklist.values()), remarks=remarks, appraised_by=by
        )

    appraise.alters_data = True

    @property
    def is_scorable(self):
        return self.status in SCORABLE

    def record_appraisal_scores(self, scores, *, by):
        """Record the appraiser's score of each criterion, (assessment, score) pairs, beside the unit's own."""
        if not self.is_scorable:
            raise NominationError(_("Chỉ chấm điểm thẩm định được hồ sơ đã nộp hoặc đang xét."), code="not_scorable")
        with transaction.atomic():
            for assessment, score in scores:
                assessment.appraisal_score = score
                assessment.save(update_fields=["appraisal_score"])
            total = _total([assessment for assessment, _score in scores], "appraisal_score")
            self._record(by=by, note=_("Chấm điểm thẩm định: tổng %(total)s điểm.") % {"total": floatformat(total, -2) if total is not None else "—"})

    record_appraisal_scores.alters_data = True

    def appraisal_checklist(self):
        """The office's checklist, each item ticked where what the dossier holds shows it holds (None: the office judges)."""
        try:
            self.check_eligibility()
        except NominationError:
            eligible = False
        else:
            eligible = True
        missing = set(self.missing_documents())
        checklist = {
            str(_("Đối tượng thuộc diện được khen theo kế hoạch")): eligible,
            str(_("Hình thức khen thưởng đúng thẩm quyền, đúng đối tượng")): eligible,
        }
        for document in self.award_form.required_documents:
            checklist[str(_("Có %(document)s")) % {"document": document}] = document not in missing
        checklist[str(_("Tự đánh giá đủ các nội dung thi đua"))] = not self.assessments.filter(is_met=None).exists()
        checklist[str(_("Thành tích phù hợp tiêu chuẩn khen thưởng"))] = None
        return checklist

    def appraise_and_accept(self, *, by):
        """Bulk acceptance: a dossier never appraised is appraised from what it holds, then put before the council."""
        with transaction.atomic():
            if not self.appraisals.exists():
                # Ticking the dossier for review is the office's judgement of its merit.
                checklist = {item: True if held is None else held for item, held in self.appraisal_checklist().items()}
                failing = [item for item, held in checklist.items() if not held]
                if failing:
                    raise NominationError(
                        _("Chưa đưa vào xét được, hồ sơ chưa đạt: %(items)s.") % {"items": "; ".join(failing)},
                        code="not_appraised",
                    )
                self.appraise(by=by, checklist=checklist, remarks=str(_("Thẩm định khi đưa vào xét cùng lúc nhiều hồ sơ.")))
            self.accept_for_review(by=by)

    appraise_and_accept.alters_data = True

    def accept_for_review(self, *, by):
        """Put an appraised, complete dossier before the council."""
        if not self.can_move_to(Status.IN_REVIEW):
            raise NominationError(_("Chỉ đưa vào xét được hồ sơ đã nộp."), code="not_acceptable")
        appraisal = self.appraisals.first()
        if appraisal is None or not appraisal.is_complete:
            raise NominationError(
                _("Hồ sơ chưa được thẩm định đầy đủ: hãy thẩm định trước khi đưa vào xét."), code="not_appraised"
            )
        with transaction.atomic():
            self._tell_unit("nomination_accepted", self._move_to(Status.IN_REVIEW, by=by))

    accept_for_review.alters_data = True

    def approve(self, *, by, note=""):
        """Record the council's approval, within the form's total quota."""
        if not self.can_move_to(Status.APPROVED):
            raise NominationError(_("Chỉ phê duyệt được hồ sơ đang xét."), code="not_in_review")
        self.check_title_rules()
        self.check_total_quota()
        with transaction.atomic():
            entry = self._move_to(Status.APPROVED, by=by, note=note)
            self._tell_unit("nomination_decided", entry, result=Status.APPROVED.label)

    approve.alters_data = True

    def reject(self, *, by, note=""):
        """Record that the dossier is not proposed for the award."""
        if not self.can_move_to(Status.REJECTED):
            raise NominationError(_("Chỉ không phê duyệt được hồ sơ đang xét."), code="not_in_review")
        with transaction.atomic():
            entry = self._move_to(Status.REJECTED, by=by, note=note)
            self._tell_unit("nomination_decided", entry, result=f"{Status.REJECTED.label} – {note}" if note else Status.REJECTED.label)

    reject.alters_data = True

    def mark_awarded(self, *, by, note=""):
        """The dossier is granted by a signed decision: approved here, or forwarded from a lower body's approval."""
        forwarded = self.status == Status.SUBMITTED and self.forwarded_from_id is not None
        if self.status != Status.APPROVED and not forwarded:
            raise NominationError(_("Chỉ khen thưởng được hồ sơ đã được phê duyệt."), code="not_approved")
        self._move_to(Status.AWARDED, by=by, note=note)

    mark_awarded.alters_data = True

    def forward(self, *, by, award_form):
        """Propose an approved dossier upward: a new linked dossier in the higher authority's campaign."""
        if self.status not in GRANTED:
            raise NominationError(_("Chỉ chuyển lên cấp trên hồ sơ đã được phê duyệt."), code="not_forwardable")
        if Nomination.objects.filter(forwarded_from=self).exists():
            raise NominationError(_("Hồ sơ này đã được chuyển lên cấp trên."), code="already_forwarded")
        if award_form.campaign_id != self.campaign.implements_id:
            raise NominationError(
                _("Chỉ chuyển được lên phong trào cấp trên mà phong trào này thực hiện."), code="not_higher_campaign"
            )
        with transaction.atomic():
            copy = Nomination.objects.create(
                campaign=award_form.campaign, award_form=award_form, nominee_person=self.nominee_person,
                nominee_organization=self.nominee_organization, submitting_unit=self.submitting_unit,
                achievement_report=self.achievement_report, letter_number=self.letter_number,
                letter_date=self.letter_date, letter_signer=self.letter_signer, forwarded_from=self,
                status=Status.SUBMITTED, submitted_at=timezone.now(), created_by=by,
            )
            for attachment in self.attachments.all():
                attachment.pk = None
                attachment.nomination = copy
                attachment.save()
            copy.add_missing_assessments()
            copy.history.create(
                from_status=Status.DRAFT, to_status=Status.SUBMITTED, actor=by,
                note=_("Chuyển tiếp từ hồ sơ #%(pk)s của %(campaign)s") % {"pk": self.pk, "campaign": self.campaign.number},
            )
        return copy

    forward.alters_data = True

    def _tell_unit(self, code, entry, **context):
        """Tell the submitting unit's users of this step of its dossier, once per history entry."""
        context |= {"nomination": str(self), "campaign": f"Kế hoạch số {self.campaign.number}"}
        for user in User.objects.filter(role=User.Role.UNIT, is_active=True, organization=self.submitting_unit_id):
            notify_from_template(
                user, key=f"{code}:history={entry.pk}:user={user.pk}", code=code, context=context,
                link=self.get_absolute_url(), scope=f"campaign:{self.campaign_id}",
            )

    def _tell_office(self, code, entry):
        """Tell the office staff who follow the plan that a dossier arrived, once per history entry."""
        context = {"nomination": str(self), "unit": str(self.submitting_unit), "campaign": f"Kế hoạch số {self.campaign.number}"}
        for user in self.campaign.office_staff():
            notify_from_template(
                user, key=f"{code}:history={entry.pk}:user={user.pk}", code=code, context=context,
                link=self.get_absolute_url(), scope=f"campaign:{self.campaign_id}",
            )

    def add_missing_assessments(self):
        """One self-assessment row per criterion of the campaign, added when the dossier is made."""
        CriterionAssessment.objects.bulk_create(
            [CriterionAssessment(nomination=self, criterion=criterion) for criterion in self.campaign.criteria.all()],
            ignore_conflicts=True,
        )

    add_missing_assessments.alters_data = True

    def record_edit(self, *, by, changes):
        """Keep what the unit changed, field by field (before and after), in the history."""
        if changes:
            self._record(by=by, changes=changes)

    def _move_to(self, status, **kwargs):
        # A queryset update skips auto_now: the dossier's last change is set here.
        return super()._move_to(status, updated_at=timezone.now(), **kwargs)

    # Statutory processing times, in working days from submission.

    @property
    def processing_deadlines(self):
        """(return-if-incomplete deadline, appraisal deadline), or None before submission."""
        if self.submitted_at is None or self.status != Status.SUBMITTED:
            return None
        received = timezone.localtime(self.submitted_at).date()
        return processing_deadlines(received, WorkCalendar(received, received + span_of(max(statutory_days()))))

    @property
    def working_days_left(self):
        """Working days left to return an incomplete dossier and to appraise a complete one."""
        deadlines = self.processing_deadlines
        if deadlines is None:
            return None
        today = timezone.localdate()
        return tuple(working_days_between(today, deadline) for deadline in deadlines)


def statutory_days():
    """(return an incomplete dossier, appraise a complete one) in working days.

    Statutory times (Law on Emulation and Commendation 2022, Decree 152/2025) are settings, not code.
    """
    return settings.RETURN_INCOMPLETE_WORKING_DAYS, settings.APPRAISE_COMPLETE_WORKING_DAYS


def processing_deadlines(received, calendar):
    """The (return-by, appraise-by) deadlines of a dossier received on `received`."""
    return tuple(calendar.add_working_days(received, days) for days in statutory_days())


class NominationHistory(StatusHistory):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("từ"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("sang"), max_length=20, choices=Status.choices)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)

    class Meta(StatusHistory.Meta):
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")

    @property
    def is_edit(self):
        return bool(self.changes)


class CriterionAssessment(models.Model):
    """The unit's self-assessment of the nominee against one criterion."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    is_met = models.BooleanField(_("đạt"), null=True)
    figure = models.DecimalField(_("kết quả đạt được"), max_digits=12, decimal_places=2, null=True, blank=True)
    remarks = models.CharField(_("ghi chú"), max_length=500, blank=True)
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    appraisal_score = models.DecimalField(_("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True)
    evidence = models.ForeignKey(
        "Attachment", verbose_name=_("tệp minh chứng"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tự đánh giá")
        verbose_name_plural = _("tự đánh giá")
        constraints = [models.UniqueConstraint(fields=["nomination", "criterion"], name="assessment_unique")]


def attachment_path(attachment, filename):
    return f"nominations/{attachment.nomination_id}/{filename}"


class Attachment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    document_type = models.CharField(_("loại giấy tờ"), max_length=255, blank=True)
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Appraisal(models.Model):
    """The office's check (thẩm định) of a dossier's conditions and documents."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="appraisals")
    checklist = models.JSONField(_("danh mục kiểm tra"), default=dict)
    is_complete = models.BooleanField(_("hồ sơ đầy đủ, hợp lệ"))
    remarks = models.TextField(_("nhận xét"), blank=True)
    appraised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    appraised_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thẩm định")
        verbose_name_plural = _("thẩm định")
        ordering = ["-appraised_at", "-pk"]


class Consultation(models.Model):
    """The approved list of an award form, published on a public page for the people's comments (lấy ý kiến nhân dân)."""

    award_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT, related_name="consultations")
    nominations = models.ManyToManyField(Nomination, verbose_name=_("hồ sơ công khai"), related_name="consultations")
    opens_on = models.DateField(_("công khai từ ngày"))
    closes_on = models.DateField(_("nhận ý kiến đến hết ngày"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lấy ý kiến nhân dân")
        verbose_name_plural = _("lấy ý kiến nhân dân")
        ordering = ["-opens_on", "-pk"]

    def __str__(self):
        return f"{self.award_form} ({self.opens_on:%d/%m/%Y} – {self.closes_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("nominations:consultation", args=[self.pk])

    @classmethod
    def publish(cls, award_form, *, by):
        """Publish today the form's approved dossiers for its number of working days (holidays skipped)."""
        if not award_form.consultation_working_days:
            raise NominationError(_("Hình thức này không cần lấy ý kiến nhân dân."), code="no_consultation")
        nominations = list(award_form.nominations.filter(status=Status.APPROVED))
        if not nominations:
            raise NominationError(_("Chưa có hồ sơ nào được phê duyệt để công khai."), code="nothing_to_publish")
        today = timezone.localdate()
        with transaction.atomic():
            consultation = cls.objects.create(
                award_form=award_form, opens_on=today, opened_by=by,
                closes_on=add_working_days(today, award_form.consultation_working_days),
            )
            consultation.nominations.set(nominations)
        return consultation

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on

    def receive(self, *, name, contact, text):
        """Take one comment from the public while the window is open."""
        if not self.is_open:
            raise NominationError(_("Đã hết thời gian nhận ý kiến."), code="consultation_closed")
        return self.comments.create(name=name, contact=contact, text=text)

    receive.alters_data = True


def check_consultation_over(award_form, nominations):
    """Refuse to sign while any dossier of a form that needs it has not been through a closed consultation."""
    if not award_form.consultation_working_days:
        return
    done = set(Nomination.objects.filter(
        pk__in=[nomination.pk for nomination in nominations], consultations__closes_on__lt=timezone.localdate(),
    ).values_list("pk", flat=True))
    if len(done) < len(nominations):
        latest = Consultation.objects.filter(award_form=award_form).first()
        if latest and latest.closes_on >= timezone.localdate():
            message = _("Chưa hết thời gian lấy ý kiến nhân dân (đến hết ngày %(date)s).") % {"date": f"{latest.closes_on:%d/%m/%Y}"}
        else:
            message = _("Danh sách chưa được công khai lấy ý kiến nhân dân đủ %(days)s ngày làm việc.") % {
                "days": award_form.consultation_working_days}
        raise NominationError(message, code="consultation_not_over")


class ConsultationComment(models.Model):
    """A comment from the public, with who sent it, and the office's answer."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(_("họ và tên"), max_length=150)
    contact = models.CharField(_("địa chỉ, điện thoại hoặc thư điện tử"), max_length=255)
    text = models.TextField(_("ý kiến"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    answer = models.TextField(_("trả lời, xử lý"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ý kiến nhân dân")
        verbose_name_plural = _("ý kiến nhân dân")
        ordering = ["created_at", "pk"]

    def reply(self, *, by, answer):
        """Record the office's answer or what it did about the comment."""
        if not answer.strip():
            raise NominationError(_("Hãy nhập nội dung trả lời."), code="no_answer")
        self.answer, self.answered_by, self.answered_at = answer, by, timezone.now()
        self.save(update_fields=["answer", "answered_by", "answered_at"])

    reply.alters_data = True


def _total(assessments, field):
    scores = [getattr(assessment, field) for assessment in assessments if getattr(assessment, field) is not None]
    return sum(scores) if scores else None


def rank_by_score(nominations):
    """Rank dossiers by points along the plan's tie-break chain; those still level are marked for the council's vote.

    Returns (rank, nomination, appraisal total, self total, tied) rows, best first.
    """
    nominations = list(nominations)
    if not nominations:
        return []
    chain = nominations[0].campaign.tie_break
    rows = []
    for nomination in nominations:
        assessments = list(nomination.assessments.all())
        values = {
            "appraisal_score": _total(assessments, "appraisal_score"), "self_score": _total(assessments, "self_score"),
            # Decree 152/2025: on a tie, women and collectives with at least 70% women come first.
            "preference": nomination.is_preferred_on_tie,
        }
        key = tuple(-(values[name] or 0) for name in chain)
        rows.append((key, nomination, values["appraisal_score"], values["self_score"]))
    rows.sort(key=lambda row: row[0])
    keys = [row[0] for row in rows]
    ranked = []
    for row in rows:
        rank = keys.index(row[0]) + 1
        ranked.append((rank, row[1], row[2], row[3], keys.count(row[0]) > 1))
    return ranked


class QuotaCounter:
    """The quota rules of one award form, counted for a dossier: places allowed and taken in the dossier's bucket."""

    def __init__(self, award_form):
        self.award_form = award_form
        self.rules = list(award_form.quota_rules.select_related("group"))
        self._members = {}

    def rules_for(self, nomination):
        """The rules that cap this dossier: its nominee kind, and its unit within the rule's group."""
        return [
            rule for rule in self.rules
            if rule.counts_kind(nomination.nominee_kind)
            and (rule.group_id is None or nomination.submitting_unit_id in self._group_members(rule.group_id))
        ]

    def _group_members(self, group_id):
        if group_id not in self._members:
            self._members[group_id] = set(UnitGroup.organizations.through.objects.filter(
                unitgroup_id=group_id).values_list("organization_id", flat=True))
        return self._members[group_id]

    def _bucket(self, rule, nomination):
        """The dossiers that share the rule's places with this one."""
        form = self.award_form
        if rule.over == QuotaRule.Over.YEAR:
            year = ExtractYear(Coalesce("period__ends_on", "campaign__ends_on"))
            dossiers = Nomination.objects.annotate(award_year=year).filter(
                award_form__award_title=form.award_title_id, award_year=nomination.award_year,
            )
        else:
            dossiers = Nomination.objects.filter(award_form=form)
        if rule.over == QuotaRule.Over.PERIOD:
            dossiers = dossiers.filter(period=nomination.period_id)
        if rule.counts != QuotaRule.Counts.EITHER:
            dossiers = dossiers.filter(nominee_person__isnull=rule.counts == QuotaRule.Counts.COLLECTIVES)
        if rule.per == QuotaRule.Per.UNIT:
            dossiers = dossiers.filter(submitting_unit=nomination.submitting_unit_id)
        elif rule.per == QuotaRule.Per.SUB_BODY:
            body = nomination.nominee_body_id
            dossiers = dossiers.filter(models.Q(nominee_person__organization=body) | models.Q(nominee_organization=body))
        elif rule.group_id:
            dossiers = dossiers.filter(submitting_unit__in=self._group_members(rule.group_id))
        return dossiers.exclude(pk=nomination.pk) if nomination.pk else dossiers

    def _bucket_key(self, rule, nomination):
        """What `_bucket` filters on, for dossiers not yet saved as granted (the council's cut)."""
        per = {QuotaRule.Per.UNIT: nomination.submitting_unit_id, QuotaRule.Per.SUB_BODY: nomination.nominee_body_id}
        over = {QuotaRule.Over.PERIOD: nomination.period_id, QuotaRule.Over.YEAR: nomination.award_year}
        return per.get(rule.per), over.get(rule.over)

    def participants(self, rule, nomination):
        """Declared participants the rule's share is taken of: the dossier's period, else the whole plan; None if none."""
        declared = Participation.objects.filter(campaign=self.award_form.campaign_id)
        if rule.per == QuotaRule.Per.UNIT:
            declared = declared.filter(organization=nomination.submitting_unit_id)
        elif rule.per == QuotaRule.Per.SUB_BODY:
            declared = declared.filter(organization=nomination.nominee_body_id)
        elif rule.group_id:
            declared = declared.filter(organization__in=self._group_members(rule.group_id))
        total = sum((models.F(field) for field in rule.participant_fields[1:]), models.F(rule.participant_fields[0]))
        for period in dict.fromkeys([nomination.period_id, None]):
            result = declared.filter(period=period).aggregate(rows=models.Count("pk"), total=models.Sum(total))
            if result["rows"]:
                return result["total"]
        return None

    def limit(self, rule, nomination):
        """Places the rule allows; refused with a clear message when a share has no declared participants."""
        if not rule.is_share:
            return rule.limit()
        participants = self.participants(rule, nomination)
        if participants is None:
            raise NominationError(
                _("Chưa có số tập thể, cá nhân tham gia để tính chỉ tiêu “%(rule)s”: hãy khai báo số tham gia "
                  "của đơn vị (trang “Đơn vị tham gia” của kế hoạch).") % {"rule": rule.label},
                code="no_participation",
            )
        return rule.limit(participants)

    def taken(self, rule, nomination, statuses):
        return self._bucket(rule, nomination).filter(status__in=statuses).count()

    def problems(self, nomination, *, own_caps_only=False):
        """Each cap this dossier would overrun, as the error to raise or show.

        A unit's own caps (each unit, each sub-body) count the dossiers it has sent and refuse at submission;
        caps shared by several units count only what was granted: the council chooses among the sent ones.
        """
        own = (QuotaRule.Per.UNIT, QuotaRule.Per.SUB_BODY)
        for rule in self.rules_for(nomination):
            if own_caps_only and rule.per not in own:
                continue
            try:
                limit = self.limit(rule, nomination)
            except NominationError as error:
                yield error
                continue
            statuses = ACTIVE if own_caps_only else GRANTED
            taken = self.taken(rule, nomination, statuses)
            if taken >= limit:
                code = "over_unit_quota" if own_caps_only else "over_quota"
                yield NominationError(
                    _("Vượt chỉ tiêu “%(rule)s”: đã có %(taken)s/%(limit)s.") % {"rule": rule.label, "taken": taken, "limit": limit},
                    code=code,
                )

    def fits(self, nomination, placed):
        """The dossier has room under every cap, counting the granted ones and those placed before it at this cut."""
        for rule in self.rules_for(nomination):
            key = self._bucket_key(rule, nomination)
            sharing = [other for other in placed if rule in self.rules_for(other) and self._bucket_key(rule, other) == key]
            if self.taken(rule, nomination, GRANTED) + len(sharing) >= self.limit(rule, nomination):
                return False
        return True

    def counters(self, nomination):
        """For display: each rule that caps the dossier with (limit or None if undeclared, taken, remaining)."""
        rows = []
        for rule in self.rules_for(nomination):
            own = rule.per in (QuotaRule.Per.UNIT, QuotaRule.Per.SUB_BODY)
            rows.append(self._counter(rule, nomination, ACTIVE if own else GRANTED) | {"own": own})
        return rows

    def granted_counters(self, nominations):
        """For the council: one counter of granted places per rule and per unit (or sub-body) the dossiers fall in."""
        rows, seen = [], set()
        for nomination in nominations:
            for rule in self.rules_for(nomination):
                key = (rule.pk, *self._bucket_key(rule, nomination))
                if key not in seen:
                    seen.add(key)
                    bucket = {QuotaRule.Per.UNIT: nomination.submitting_unit, QuotaRule.Per.SUB_BODY: nomination.nominee_body}
                    rows.append(self._counter(rule, nomination, GRANTED) | {"bucket": bucket.get(rule.per)})
        return rows

    def _counter(self, rule, nomination, statuses):
        taken = self.taken(rule, nomination, statuses)
        try:
            limit = self.limit(rule, nomination)
        except NominationError:
            limit = None
        return {"rule": rule, "limit": limit, "taken": taken, "remaining": None if limit is None else max(limit - taken, 0)}


def quota_table(campaign, unit, period=None):
    """The live counters a unit reads before filing: per award form and nominee kind, every cap on it."""
    rows = []
    for award_form in campaign.award_forms.all():
        counter = QuotaCounter(award_form)
        probes = []
        if award_form.is_for_collectives:
            probes.append(Nomination(campaign=campaign, award_form=award_form, period=period, submitting_unit=unit,
                                     nominee_organization=unit))
        if award_form.is_for_individuals:
            probes.append(Nomination(campaign=campaign, award_form=award_form, period=period, submitting_unit=unit,
                                     nominee_person=Person(organization=unit)))
        seen = set()
        for probe in probes:
            for row in counter.counters(probe):
                if row["rule"].pk not in seen:
                    seen.add(row["rule"].pk)
                    rows.append({"award_form": award_form, **row})
    return rows
