import calendar
import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, F, OuterRef, Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from core.forms import DateInput, LinesField, PickerWidget, StyledFormMixin
from core.text import fold, normalize
from core.uploads import UPLOAD_ACCEPT, validate_upload
from documents.certificates import POSITION_LABELS, SIDE_LABELS, position_problems, positions_with_defaults
from documents.collation import vietnamese_order

from .models import (
    AwardForm,
    Campaign,
    CampaignPeriod,
    Criterion,
    EligibleSubject,
    QuotaRule,
    Report,
    Task,
    UnitGroup,
)
from .plan_reader import text_of_file


class DaysListField(forms.CharField):
    """Days as the office writes them, "7, 3, 1", kept as a list of whole numbers, largest first."""

    default_error_messages = {"bad_days": _("Nhập các số ngày nguyên dương, cách nhau bởi dấu phẩy, ví dụ: 7, 3, 1.")}

    def prepare_value(self, value):
        return ", ".join(str(day) for day in value) if isinstance(value, list) else value

    def to_python(self, value):
        parts = [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]
        if not all(part.isdigit() and int(part) > 0 for part in parts):
            raise ValidationError(self.error_messages["bad_days"], code="bad_days")
        return sorted({int(part) for part in parts}, reverse=True)


class PlanPartForm(StyledFormMixin, forms.ModelForm):
    """A row of a plan's part page (award forms, criteria, groups, caps…): knows its plan."""

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign


MONTH_ONLY = re.compile(r"(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})", re.IGNORECASE)


class MonthDate(datetime.date):
    """A day standing for a whole month the plan names without a day."""


class MonthOrDateField(forms.DateField):
    """A date typed dd/mm/yyyy, or only a month ("4/2026", "tháng 4/2026"): the month's first or last day."""

    def __init__(self, *, month_end, **kwargs):
        self.month_end = month_end
        kwargs.setdefault("widget", DateInput(attrs={"placeholder": "dd/mm/yyyy | mm/yyyy"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        match = MONTH_ONLY.fullmatch(normalize(value).strip()) if isinstance(value, str) else None
        if match is None:
            return super().to_python(value)
        month, year = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValidationError(_("Tháng phải từ 1 đến 12."), code="bad_month")
        return MonthDate(year, month, calendar.monthrange(year, month)[1] if self.month_end else 1)


class MonthPrecisionMixin:
    """Dates of the form that may be given as a month: each `month_fields` flag records which were."""

    month_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, flag in self.month_fields.items():
            date = getattr(self.instance, name)
            if date and getattr(self.instance, flag):
                self.initial[name] = f"{date:%m/%Y}"

    def clean(self):
        cleaned = super().clean()
        for name, flag in self.month_fields.items():
            setattr(self.instance, flag, isinstance(cleaned.get(name), MonthDate))
        return cleaned


class AwardFormForm(PlanPartForm):
    required_documents = LinesField(label=_("Thành phần hồ sơ"), required=False, help_text=_("Mỗi giấy tờ một dòng."))

    class Meta:
        model = AwardForm
        fields = [
            "name", "kind", "award_title", "authority", "granting_organization", "signer_title", "recipients",
            "vote_threshold_percent", "vote_threshold_exclusive", "required_documents", "consultation_working_days",
            "quota_note", "reward_note",
        ]
        widgets = {"quota_note": forms.Textarea(attrs={"rows": 2}), "reward_note": forms.Textarea(attrs={"rows": 2})}


def validate_emblem(upload):
    """The national emblem: an image the upload checks accept, and a PNG (transparent around the emblem)."""
    validate_upload(upload)
    if not upload.name.lower().endswith(".png"):
        raise ValidationError(_("Ảnh Quốc huy phải là tệp PNG."), code="emblem_not_png")


class CertificateLayoutForm(StyledFormMixin, forms.ModelForm):
    """Where an award form's certificate prints its lines on the office's pre-printed blank, and its emblem."""

    class Meta:
        model = AwardForm
        fields = ["emblem"]
        widgets = {"emblem": forms.ClearableFileInput(attrs={"accept": ".png"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["emblem"].validators.append(validate_emblem)
        current = positions_with_defaults(self.instance.blank_positions)
        for field, box in current.items():
            for side, value in box.items():
                self.fields[f"{field}__{side}"] = forms.DecimalField(
                    label=SIDE_LABELS[side], initial=value, max_digits=5, decimal_places=1,
                    error_messages={
                        "required": _("Nhập số milimét."), "invalid": _("Nhập số milimét, ví dụ 78 hoặc 78.5."),
                        "max_decimal_places": _("Nhập số milimét, lẻ đến một chữ số thập phân."),
                        "max_digits": _("Nhập số milimét, ví dụ 78 hoặc 78.5."),
                    },
                    widget=forms.NumberInput(attrs={"step": "0.5", "class": "form-control"}),
                )
        self.positions = current

    def position_rows(self):
        """(label, the bound fields of its sides) for each line of the certificate, in the page's order."""
        return [(POSITION_LABELS[field], [self[f"{field}__{side}"] for side in box]) for field, box in self.positions.items()]

    def clean(self):
        cleaned_data = super().clean()
        if any("__" in name for name in self.errors):
            return cleaned_data
        self.positions = {
            field: {side: float(cleaned_data[f"{field}__{side}"]) for side in box} for field, box in self.positions.items()
        }
        for problem in position_problems(self.positions):
            self.add_error(None, ValidationError(problem, code="off_the_page"))
        return cleaned_data

    def save(self, commit=True):
        self.instance.blank_positions = self.positions
        return super().save(commit)


class UnitGroupForm(PlanPartForm):
    class Meta:
        model = UnitGroup
        fields = ["name", "organizations"]
        widgets = {"organizations": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = Organization.objects.order_by(vietnamese_order("name"))
        self.fields["organizations"].help_text = _("Giữ Ctrl (hoặc Cmd) để chọn nhiều đơn vị.")


class QuotaRuleForm(PlanPartForm):
    """One cap: the plan's sentence "mỗi xã không quá 02 trường hợp (tập thể hoặc cá nhân)" as choices."""

    class Meta:
        model = QuotaRule
        fields = ["award_form", "group", "per", "counts", "amount", "is_share", "rounding", "over"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = self.campaign
        self.fields["award_form"].queryset = self.campaign.award_forms.all()
        self.fields["group"].queryset = self.campaign.unit_groups.all()
        self.fields["group"].empty_label = _("Mọi đơn vị")


class CriterionForm(PlanPartForm):
    class Meta:
        model = Criterion
        fields = ["number", "text", "target", "target_value", "target_unit", "max_points"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class EligibleSubjectForm(PlanPartForm):
    organization_kinds = forms.MultipleChoiceField(
        label=_("Loại đơn vị"), choices=Organization.Kind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống là mọi loại đơn vị."),
    )
    position_titles = LinesField(label=_("Chức danh"), required=False, help_text=_("Mỗi chức danh một dòng; để trống là mọi chức danh."))

    class Meta:
        model = EligibleSubject
        fields = ["kind", "description", "organization_kinds", "position_titles"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class PeriodForm(MonthPrecisionMixin, PlanPartForm):
    month_fields = {"starts_on": "starts_on_month", "ends_on": "ends_on_month"}
    starts_on = MonthOrDateField(label=_("Từ ngày"), month_end=False, help_text=CampaignPeriod._meta.get_field("starts_on").help_text)
    ends_on = MonthOrDateField(
        label=_("Đến ngày"), month_end=True, required=False, help_text=CampaignPeriod._meta.get_field("ends_on").help_text,
    )

    class Meta:
        model = CampaignPeriod
        fields = ["name", "starts_on", "ends_on", "ends_on_event", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class TaskForm(MonthPrecisionMixin, PlanPartForm):
    month_fields = {"due_date": "due_date_month"}
    due_date = MonthOrDateField(
        label=_("Thời hạn"), month_end=True, required=False, help_text=Task._meta.get_field("due_date").help_text,
    )

    class Meta:
        model = Task
        fields = [
            "number", "title", "lead_organization", "lead_text", "coordinating_organizations", "coordinating_text",
            "is_ongoing", "due_date", "timing_text",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}


class CampaignForm(StyledFormMixin, forms.ModelForm):
    reminder_days = DaysListField(
        label=_("Nhắc trước hạn (ngày)"), required=False, help_text=_("Ví dụ: 7, 3, 1. Để trống nếu không gửi nhắc.")
    )

    class Meta:
        model = Campaign
        fields = [
            "number", "title", "kind", "issuing_organization", "issue_place", "issue_date",
            "signing_authority", "signer_name", "implements", "starts_on", "ends_on",
            "nomination_deadline", "award_deadline", "registration_deadline", "legal_bases", "purposes", "requirements",
            "funding", "implementation", "recipients", "reminder_days",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "issue_date": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "nomination_deadline": DateInput(),
            "award_deadline": DateInput(),
            "registration_deadline": DateInput(),
            "legal_bases": forms.Textarea(attrs={"rows": 4}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "implementation": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "number": {"required": _("Hãy nhập số, ký hiệu của kế hoạch.")},
            "title": {"required": _("Hãy nhập trích yếu.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # An office issues plans for the bodies it acts for, implementing a plan it can see.
        self.fields["issuing_organization"].queryset = Organization.objects.acting_for(user).offered_for(
            self.instance.issuing_organization if self.instance.issuing_organization_id else None
        )
        self.fields["implements"].queryset = Campaign.objects.visible_to(user).exclude(pk=self.instance.pk)


class PlanTextForm(StyledFormMixin, forms.Form):
    """The text of a plan to read: pasted, or a .txt, .docx or text-layer PDF file."""

    text = forms.CharField(
        label=_("Dán nội dung kế hoạch"), required=False, widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Dán toàn văn Kế hoạch hoặc Quyết định ban hành Kế hoạch, hoặc chọn tệp bên dưới."),
    )
    file = forms.FileField(
        label=_("Hoặc chọn tệp"), required=False, help_text=_("Tệp .txt, .docx hoặc .pdf có lớp chữ."),
        widget=forms.FileInput(attrs={"accept": ".txt,.docx,.pdf"}),
    )

    error_messages = {
        "nothing": _("Hãy dán nội dung kế hoạch hoặc chọn tệp."),
        "bad_file": _("Chỉ đọc được tệp .txt, .docx hoặc .pdf có lớp chữ."),
        "unreadable": _("Không đọc được chữ trong tệp “%(name)s”: tệp bị hỏng hoặc là ảnh quét."),
    }

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None:
            if not data.get("text", "").strip():
                raise ValidationError(self.error_messages["nothing"], code="nothing")
            return data
        if not upload.name.lower().endswith((".txt", ".docx", ".pdf")):
            raise ValidationError(self.error_messages["bad_file"], code="bad_file")
        try:
            data["text"] = normalize(text_of_file(upload))
        except Exception:  # noqa: BLE001  a broken file of any kind is the same answer to the office
            data["text"] = ""
        if not data["text"].strip():
            raise ValidationError(self.error_messages["unreadable"], code="unreadable", params={"name": upload.name})
        return data


class ReadPartsForm(forms.Form):
    """The parts read from the plan, carried with the draft, and which of them to keep."""

    source_text = forms.CharField(widget=forms.HiddenInput)
    parts = forms.JSONField(widget=forms.HiddenInput, required=False, encoder=DjangoJSONEncoder)
    keep = forms.MultipleChoiceField(
        label=_("Nhập kèm"), required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        choices=[
            ("criteria", _("Nội dung thi đua")), ("award_forms", _("Hình thức khen thưởng")),
            ("subjects", _("Đối tượng thi đua")), ("periods", _("Giai đoạn đánh giá")), ("tasks", _("Nhiệm vụ")),
        ],
    )


class ReportSubmitForm(StyledFormMixin, forms.Form):
    content = forms.CharField(
        label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Hãy nhập nội dung báo cáo.")},
    )
    figures = forms.CharField(
        label=_("Số liệu"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi chỉ số một dòng, ví dụ: Số vụ việc tham gia tố tụng: 45"),
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm"), required=False, validators=[validate_upload],
        widget=forms.FileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = _("Một tệp PDF, DOC, DOCX, XLS, XLSX, JPG hoặc PNG, tối đa %(limit)s.")
        self.fields["attachment"].help_text = help_text % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


class ReportEvaluationForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Nhận xét, nội dung cần bổ sung"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi trả lại báo cáo."),
    )


REPORT_STATES = [
    ("on_time", _("Đã nộp đúng hạn")),
    ("late", _("Nộp muộn")),
    ("pending", _("Chưa đến hạn")),
    ("overdue", _("Quá hạn chưa nộp")),
    ("to_evaluate", _("Chờ đánh giá")),
    ("returned", _("Trả lại để bổ sung")),
]


def report_state_q(state, today):
    """The condition a report in this state meets on the given day."""
    # submitted_at__date reads the submission day in the local time zone (Asia/Ho_Chi_Minh).
    return {
        "on_time": Q(submitted_at__date__lte=F("due_date")),
        "late": Q(submitted_at__date__gt=F("due_date")),
        "pending": Q(submitted_at__isnull=True, due_date__gte=today),
        "overdue": Q(submitted_at__isnull=True, due_date__lt=today),
        "to_evaluate": Q(status="submitted"),
        "returned": Q(status="returned"),
    }[state]


class ReportFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Tìm theo đơn vị, tên báo cáo"), required=False)
    organization = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Organization.objects.none(), required=False,
        widget=PickerWidget("campaigns:report_unit_picker"),
    )
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=[("", _("Tất cả")), *Report.Kind.choices], required=False)
    state = forms.ChoiceField(label=_("Tình trạng"), choices=[("", _("Tất cả")), *REPORT_STATES], required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaign is None:
            del self.fields["organization"]
        else:
            owing = Report.objects.filter(campaign=campaign, organization=OuterRef("pk"))
            self.fields["organization"].queryset = Organization.objects.filter(Exists(owing))
            self.fields["organization"].widget.url_args = (campaign.pk,)

    def filter(self, reports):
        """The reports that match the search and filters; a value that is not valid is ignored."""
        self.is_valid()  # fills cleaned_data with the valid values only
        data = self.cleaned_data
        for word in data.get("q", "").split():
            reports = reports.filter(Q(organization__search_text__contains=fold(word)) | Q(title__icontains=word))
        if data.get("organization"):
            reports = reports.filter(organization=data["organization"])
        if data.get("kind"):
            reports = reports.filter(kind=data["kind"])
        if data.get("state"):
            reports = reports.filter(report_state_q(data["state"], timezone.localdate()))
        return reports


class RequestReportsForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Tên báo cáo"), max_length=255, help_text=_("Ví dụ: Báo cáo kết quả thi đua năm 2024"),
        error_messages={"required": _("Hãy nhập tên báo cáo.")},
    )
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=Report.Kind.choices)
    due_date = MonthOrDateField(
        label=_("Hạn báo cáo"), month_end=True, error_messages={"required": _("Hãy nhập hạn báo cáo.")},
        help_text=_("Ngày, hoặc chỉ tháng (ví dụ: 4/2026, hạn là ngày cuối tháng)."),
    )
    period = forms.ModelChoiceField(
        label=_("Giai đoạn đánh giá"), queryset=CampaignPeriod.objects.none(), required=False,
        empty_label=_("— Không —"),
    )
    task = forms.ModelChoiceField(
        label=_("Nhiệm vụ"), queryset=Task.objects.none(), required=False, empty_label=_("— Không —")
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phải báo cáo"), queryset=Organization.objects.order_by(vietnamese_order("name")), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    all_participants = forms.BooleanField(label=_("Tất cả đơn vị tham gia phong trào"), required=False)

    error_messages = {
        "no_unit": _("Hãy chọn ít nhất một đơn vị."),
        "period_required": _("Báo cáo đánh giá giai đoạn cần chọn giai đoạn."),
        "task_required": _("Báo cáo tiến độ nhiệm vụ cần chọn nhiệm vụ."),
    }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["period"].queryset = campaign.periods.all()
        self.fields["task"].queryset = campaign.tasks.all()
        # The units a plan may ask: those in force its body reaches, never a council nor the body itself.
        issuer = campaign.issuing_organization
        units = Organization.objects.concerned_by(issuer).in_force().exclude(kind=Organization.Kind.COUNCIL).exclude(pk=issuer.pk)
        self.fields["organizations"].queryset = units.order_by(vietnamese_order("name"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == Report.Kind.PERIOD and not data.get("period"):
            self.add_error("period", ValidationError(self.error_messages["period_required"], code="period_required"))
        if data.get("kind") == Report.Kind.TASK and not data.get("task"):
            self.add_error("task", ValidationError(self.error_messages["task_required"], code="task_required"))
        if "organizations" in data and not self.units():
            self.add_error("organizations", ValidationError(self.error_messages["no_unit"], code="no_unit"))
        return data

    def units(self):
        """The chosen units, with every participating unit when asked."""
        units = set(self.cleaned_data.get("organizations", ()))
        if self.cleaned_data.get("all_participants"):
            units.update(Organization.objects.filter(pk__in=self.campaign.participations.values("organization")))
        return units

    def report_request(self):
        """What `Campaign.request_reports` takes: the units, and the report each is asked for."""
        data = self.cleaned_data
        fields = {name: data[name] for name in ("title", "kind", "due_date", "period", "task")}
        return {"units": self.units(), **fields}


class ExtensionForm(StyledFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Organization.objects.order_by(vietnamese_order("name")), empty_label=_("— Chọn đơn vị —"),
        error_messages={"required": _("Hãy chọn đơn vị được gia hạn.")},
    )
    deadline = forms.DateField(
        label=_("Gia hạn đến"), widget=DateInput(), error_messages={"required": _("Hãy nhập ngày gia hạn.")}
    )
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    error_messages = {
        "no_deadline": _("Phong trào chưa có hạn nộp hồ sơ nên chưa thể gia hạn."),
        "not_after_deadline": _("Ngày gia hạn phải sau hạn nộp hồ sơ của phong trào (%(deadline)s)."),
    }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["organization"].queryset = (
            Organization.objects.concerned_by(campaign.issuing_organization).in_force().order_by(vietnamese_order("name"))
        )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if self.campaign.nomination_deadline is None:
            raise ValidationError(self.error_messages["no_deadline"], code="no_deadline")
        if deadline <= self.campaign.nomination_deadline:
            raise ValidationError(
                self.error_messages["not_after_deadline"], code="not_after_deadline",
                params={"deadline": self.campaign.nomination_deadline.strftime("%d/%m/%Y")},
            )
        return deadline


class ParticipationForm(StyledFormMixin, forms.Form):
    """A unit's participants in one period (or the whole plan); the office also picks the unit."""

    organization = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Organization.objects.order_by(vietnamese_order("name")), empty_label=_("— Chọn đơn vị —"),
        error_messages={"required": _("Hãy chọn đơn vị.")},
    )
    period = forms.ModelChoiceField(
        label=_("Giai đoạn"), queryset=CampaignPeriod.objects.none(), required=False, empty_label=_("Cả kế hoạch")
    )
    collective_count = forms.IntegerField(label=_("Số tập thể tham gia"), min_value=0)
    individual_count = forms.IntegerField(label=_("Số cá nhân tham gia"), min_value=0)

    def __init__(self, *args, campaign, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["period"].queryset = campaign.periods.all()
        if unit is not None:
            del self.fields["organization"]

    def declaration(self):
        """What `Campaign.declare_participation` takes."""
        return {"organization": self.unit, **self.cleaned_data} if self.unit else self.cleaned_data


class ParticipationImportForm(StyledFormMixin, forms.Form):
    workbook = forms.FileField(
        label=_("Tệp Excel"), widget=forms.FileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Các cột: Đơn vị, Giai đoạn (để trống là cả kế hoạch), Số tập thể tham gia, Số cá nhân tham gia."),
        error_messages={"required": _("Hãy chọn tệp Excel.")},
    )


class RegistrationForm(StyledFormMixin, forms.Form):
    """A unit's start-of-year registration: the plan's award forms it aims for, and its targets."""

    award_forms = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu, hình thức đăng ký"), queryset=AwardForm.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": _("Hình thức khen thưởng không thuộc kế hoạch này.")},
    )
    targets = forms.CharField(
        label=_("Chỉ tiêu phấn đấu"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: mọi vụ việc trợ giúp pháp lý được giải quyết đúng hạn."),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_forms"].queryset = campaign.award_forms.order_by("pk")
