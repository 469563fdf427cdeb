from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Person
from campaigns.models import AwardForm, EligibleSubject
from core.forms import DateInput, StyledFormMixin
from core.storage import storing
from core.uploads import UPLOAD_ACCEPT, detected_type, validate_upload

from .models import Attachment, ConsultationComment, CriterionAssessment, Nomination


class NominationCreateForm(StyledFormMixin, forms.Form):
    """Start a dossier: which award, for whom (a collective of the unit, or one of its people, or a new person)."""

    error_messages = {
        "no_nominee": _("Hãy chọn cá nhân có sẵn hoặc nhập họ tên cá nhân mới."),
        "no_collective": _("Hãy chọn tập thể được đề nghị."),
        "no_gender": _("Hãy chọn giới tính của cá nhân mới."),
        "no_period": _("Hãy chọn giai đoạn đánh giá."),
    }

    award_form = forms.ModelChoiceField(label=_("Hình thức khen thưởng"), queryset=AwardForm.objects.none())
    period = forms.ModelChoiceField(label=_("Giai đoạn"), queryset=None, required=False)
    nominee_kind = forms.ChoiceField(
        label=_("Đề nghị cho"), choices=EligibleSubject.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial=EligibleSubject.Kind.INDIVIDUAL,
    )
    nominee_organization = forms.ModelChoiceField(
        label=_("Tập thể của đơn vị"), queryset=Organization.objects.none(), required=False
    )
    nominee_person = forms.ModelChoiceField(label=_("Cá nhân có sẵn"), queryset=Person.objects.none(), required=False)
    full_name = forms.CharField(label=_("Họ và tên (cá nhân mới)"), max_length=150, required=False)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—"), *Person.Gender.choices], required=False)
    date_of_birth = forms.DateField(label=_("Ngày sinh"), required=False, widget=DateInput())
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    title = forms.CharField(label=_("Chức danh"), max_length=150, required=False)
    is_posthumous = forms.BooleanField(label=_("Truy tặng (cá nhân đã mất)"), required=False)

    def __init__(self, *args, campaign, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign, self.unit = campaign, unit
        self.fields["award_form"].queryset = campaign.award_forms.all()
        self.fields["period"].queryset = campaign.periods.all()
        self.fields["period"].required = campaign.periods.exists()
        own = Organization.objects.filter(models.Q(pk=unit.pk) | models.Q(parent=unit))
        self.fields["nominee_organization"].queryset = own.in_force()
        self.fields["nominee_person"].queryset = unit.people.all()

    def clean(self):
        data = super().clean()
        if data.get("nominee_kind") == EligibleSubject.Kind.COLLECTIVE:
            if not data.get("nominee_organization"):
                self.add_error("nominee_organization", forms.ValidationError(self.error_messages["no_collective"], code="no_collective"))
        elif not data.get("nominee_person") and not data.get("full_name"):
            self.add_error("nominee_person", forms.ValidationError(self.error_messages["no_nominee"], code="no_nominee"))
        elif not data.get("nominee_person") and not data.get("gender"):
            self.add_error("gender", forms.ValidationError(self.error_messages["no_gender"], code="no_gender"))
        return data

    def build(self, *, by):
        """An unsaved dossier for the chosen nominee (a new person is saved with it)."""
        data = self.cleaned_data
        nomination = Nomination(
            campaign=self.campaign, period=data.get("period"), award_form=data["award_form"],
            submitting_unit=self.unit, created_by=by, is_posthumous=data.get("is_posthumous", False),
        )
        if data["nominee_kind"] == EligibleSubject.Kind.COLLECTIVE:
            nomination.nominee_organization = data["nominee_organization"]
        else:
            nomination.nominee_person = data["nominee_person"] or Person(
                full_name=data["full_name"], gender=data["gender"], date_of_birth=data["date_of_birth"],
                position=data["position"], title=data["title"], organization=self.unit,
            )
        return nomination


class ExcelListForm(StyledFormMixin, forms.Form):
    excel = forms.FileField(
        label=_("Danh sách Excel (.xlsx)"), widget=forms.FileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Dòng đầu là tên cột: Loại (Tập thể/Cá nhân), Họ và tên / Tên tập thể, Đơn vị; thêm Giới tính, Ngày sinh, Chức vụ, chức danh cho cá nhân."),
        error_messages={"required": _("Hãy chọn tệp danh sách Excel.")},
    )


class DossierListForm(ExcelListForm):
    """A list of the unit's nominees, each to become a draft dossier for one award form (and period) of the plan."""

    award_form = forms.ModelChoiceField(label=_("Hình thức khen thưởng"), queryset=AwardForm.objects.none())
    period = forms.ModelChoiceField(label=_("Giai đoạn"), queryset=None, required=False)
    field_order = ["award_form", "period", "excel"]

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].queryset = campaign.award_forms.all()
        self.fields["period"].queryset = campaign.periods.all()
        self.fields["period"].required = campaign.periods.exists()


class NominationForm(StyledFormMixin, forms.ModelForm):
    """What the unit writes: the achievement report and its proposal letter (tờ trình)."""

    class Meta:
        model = Nomination
        fields = ["achievement_report", "letter_number", "letter_date", "letter_signer"]
        widgets = {"achievement_report": forms.Textarea(attrs={"rows": 16}), "letter_date": DateInput()}

    def changes(self):
        """What changed, field by field, as text before and after (kept in the dossier's history)."""
        return {
            str(self.fields[name].label): [str(self.initial.get(name) or ""), str(self.cleaned_data.get(name) or "")]
            for name in self.changed_data
        }


def check_points(score, criterion):
    """A score lies between 0 and the criterion's points."""
    most = criterion.max_points
    if score is not None and (score < 0 or (most is not None and score > most)):
        raise forms.ValidationError(
            _("Điểm phải từ 0 đến %(most)s.") % {"most": most if most is not None else "…"}, code="bad_score"
        )
    return score


class AssessmentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = CriterionAssessment
        fields = ["is_met", "figure", "self_score", "evidence", "remarks"]
        widgets = {
            "is_met": forms.Select(
                choices=[("", _("Chưa đánh giá")), (True, _("Đạt")), (False, _("Chưa đạt"))], attrs={"class": "select-wide"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Attachment.objects.filter(nomination_id=self.instance.nomination_id)
        self.fields["evidence"].empty_label = _("Không có tệp")

    def clean_self_score(self):
        return check_points(self.cleaned_data["self_score"], self.instance.criterion)

    def clean(self):
        cleaned = super().clean()
        has_evidence = cleaned.get("evidence") or cleaned.get("remarks", "").strip()
        if cleaned.get("self_score") is not None and not has_evidence:
            self.add_error("evidence", forms.ValidationError(
                _("Điểm tự chấm cần minh chứng: chọn tệp đính kèm hoặc ghi chú nguồn minh chứng."), code="no_evidence",
            ))
        return cleaned


class AppraisalScoreForm(StyledFormMixin, forms.ModelForm):
    """The appraiser's score of one criterion, entered beside the unit's self-score."""

    class Meta:
        model = CriterionAssessment
        fields = ["appraisal_score"]

    def clean_appraisal_score(self):
        return check_points(self.cleaned_data["appraisal_score"], self.instance.criterion)


class AttachmentForm(StyledFormMixin, forms.Form):
    document_type = forms.ChoiceField(label=_("Loại giấy tờ"), required=False)
    file = forms.FileField(
        label=_("Tệp"), validators=[validate_upload], widget=forms.FileInput(attrs={"accept": UPLOAD_ACCEPT})
    )

    def __init__(self, *args, award_form, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = [
            *[(document, document) for document in award_form.required_documents], ("", _("Tài liệu khác")),
        ]

    def save(self, nomination, *, by):
        upload = self.cleaned_data["file"]
        # In its own savepoint: a store that fails leaves the rest of the request's transaction usable.
        with storing(), transaction.atomic():
            return Attachment.objects.create(
                nomination=nomination, document_type=self.cleaned_data["document_type"], file=upload,
                original_name=upload.name, content_type=detected_type(upload), size=upload.size, uploaded_by=by,
            )


class ReturnForm(StyledFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("Lý do trả lại, nội dung cần bổ sung"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi rõ lý do trả lại hồ sơ.")},
    )


class AppraisalForm(StyledFormMixin, forms.Form):
    """The office's checklist: every condition and required document of the form, ticked, with remarks."""

    remarks = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, nomination, **kwargs):
        super().__init__(*args, **kwargs)
        # Pre-ticked from what the dossier holds; the office confirms or unticks.
        prefilled = nomination.appraisal_checklist()
        self.items = list(prefilled)
        for index, (item, held) in enumerate(prefilled.items()):
            self.fields[f"item_{index}"] = forms.BooleanField(label=item, required=False, initial=bool(held))

    def checklist(self):
        return {item: self.cleaned_data[f"item_{index}"] for index, item in enumerate(self.items)}


class ConsultationCommentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ConsultationComment
        fields = ["name", "contact", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": _("Hãy nhập họ và tên.")},
            "contact": {"required": _("Hãy nhập địa chỉ, điện thoại hoặc thư điện tử để cơ quan trả lời.")},
            "text": {"required": _("Hãy nhập ý kiến.")},
        }


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(label=_("Trả lời, xử lý"), widget=forms.Textarea(attrs={"rows": 2}))
