import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Person
from campaigns.models import AwardForm
from core.forms import DateInput, StyledFormMixin
from documents.signatures import signature_checks
from documents.signing import SigningError
from nominations.forms import ExcelListForm
from nominations.imports import Entry
from nominations.models import Nomination

from .models import Decision, NumberSeries

# "71/2025/QĐ-UBND", "05/QĐ-STP", or the symbol alone ("QĐ-UBND") while the number is not known yet.
REFERENCE = re.compile(r"^(?:(?P<number>\d{1,5})/)?(?P<symbol>(?:(?P<year>\d{4})/)?QĐ(?:-[A-ZĐ0-9]{1,12})+)$")
# Decree 30: these lines sign for someone else and name the signer's own title on the next line.
ON_BEHALF = ("KT.", "TM.", "TL.", "TUQ.")


class DecisionForm(StyledFormMixin, forms.ModelForm):
    """The draft's text, and the number and date the văn thư issued, when the office records them."""

    reference = forms.CharField(
        label=_("Số, ký hiệu"), max_length=50,
        help_text=_("Để trống số khi chưa có: sổ của cơ quan cấp số khi ký. Ghi như văn thư cấp, ví dụ 71/2025/QĐ-UBND hoặc 05/QĐ-UBND."),
        error_messages={"required": _("Hãy nhập ký hiệu, ví dụ: QĐ-UBND.")},
    )

    error_messages = {
        "bad_reference": _("Số, ký hiệu phải có dạng số/QĐ-chữ viết tắt của cơ quan, ví dụ 71/2025/QĐ-UBND hoặc QĐ-UBND."),
        "number_without_date": _("Hãy nhập ngày ban hành cùng với số văn thư đã cấp."),
        "other_year": _("Năm trong số, ký hiệu (%(year)s) khác năm của ngày ban hành."),
        "number_taken": _("Số %(number)s năm %(year)s của %(body)s đã dùng cho %(decision)s: mỗi số chỉ dùng một lần."),
        "before_plan": _("Ngày ban hành không được trước ngày ban hành kế hoạch (%(date)s)."),
        "signer_title_missing": _("Dòng “%(line)s” ký thay: hãy ghi chức vụ của người ký ở dòng sau, cách bởi “/”, ví dụ KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."),
    }

    class Meta:
        model = Decision
        fields = [
            "issue_place", "issue_date", "summary", "authority", "parent_body", "legal_bases",
            "article_1", "list_placement", "reward_computed", "reward_fund", "article_2", "extra_articles", "article_3",
            "recipients", "signing_authority", "signer_name",
        ]
        widgets = {
            "issue_date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 5}),
            "article_1": forms.Textarea(attrs={"rows": 4}),
            "article_2": forms.Textarea(attrs={"rows": 3}),
            "extra_articles": forms.Textarea(attrs={"rows": 3}),
            "article_3": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "issue_place": {"required": _("Hãy nhập địa danh.")},
            "issue_date": {
                "invalid": _("Ngày ban hành không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 25/11/2025."),
            },
            "summary": {"required": _("Hãy nhập trích yếu.")},
            "authority": {"required": _("Hãy nhập thẩm quyền ban hành.")},
            "legal_bases": {"required": _("Hãy nhập ít nhất một căn cứ.")},
            "article_1": {"required": _("Hãy nhập nội dung Điều 1.")},
            "recipients": {"required": _("Hãy nhập nơi nhận.")},
            "signing_authority": {"required": _("Hãy nhập thẩm quyền ký.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].initial = self.instance.number_symbol if self.instance.number else self.instance.symbol
        self.fields["issue_date"].help_text = _("Để trống khi chưa ký: ngày ký được ghi khi ký.")
        # The signer may be named later; signing refuses a decision without one.
        self.fields["signer_name"].required = False
        self.fields["signer_name"].help_text = _("Họ tên người có thẩm quyền ký, in trên văn bản; bắt buộc trước khi ký.")
        self.order_fields(["reference"])

    def clean_reference(self):
        reference = "".join(self.cleaned_data["reference"].split()).upper()
        match = REFERENCE.match(reference)
        if not match:
            raise ValidationError(self.error_messages["bad_reference"], code="bad_reference")
        return match

    def clean_issue_date(self):
        issue_date = self.cleaned_data["issue_date"]
        plan_date = self.instance.campaign.issue_date if self.instance.campaign else None
        if issue_date and plan_date and issue_date < plan_date:
            raise ValidationError(
                self.error_messages["before_plan"], code="before_plan", params={"date": plan_date.strftime("%d/%m/%Y")}
            )
        return issue_date

    def clean_signing_authority(self):
        lines = [line.strip() for line in self.cleaned_data["signing_authority"].split("/") if line.strip()]
        if lines and lines[0].upper().startswith(ON_BEHALF) and len(lines) < 2:
            raise ValidationError(self.error_messages["signer_title_missing"], code="signer_title_missing", params={"line": lines[0]})
        return self.cleaned_data["signing_authority"]

    def clean(self):
        cleaned = super().clean()
        match, issue_date = cleaned.get("reference"), cleaned.get("issue_date")
        if not match or "issue_date" in self.errors:
            return cleaned
        number = int(match["number"]) if match["number"] else None
        if number and not issue_date:
            self.add_error("issue_date", ValidationError(self.error_messages["number_without_date"], code="number_without_date"))
        elif match["year"] and issue_date and int(match["year"]) != issue_date.year:
            self.add_error("reference", ValidationError(self.error_messages["other_year"], code="other_year", params={"year": match["year"]}))
        elif number:
            self._check_number_free(number, issue_date.year)
        return cleaned

    def _check_number_free(self, number, year):
        """Decree 30: one number per body and year, never given twice."""
        organization = self.instance.issuing_organization
        taken = Decision.objects.filter(issuing_organization=organization, year=year, number=number).exclude(pk=self.instance.pk).first()
        if taken:
            self.add_error("reference", ValidationError(
                self.error_messages["number_taken"], code="number_taken",
                params={"number": f"{number:02d}", "year": year, "body": organization, "decision": taken},
            ))

    def save(self, *, by):
        """Save the draft's text and the văn thư's number and date, record who edited it; the register skips that number."""
        decision = super().save(commit=False)
        match = self.cleaned_data["reference"]
        decision.symbol = match["symbol"]
        decision.number = int(match["number"]) if match["number"] else None
        decision.year = decision.issue_date.year if decision.issue_date else None
        # Only the edited fields: the documents task updates its state columns meanwhile.
        decision.save(update_fields=[*self._meta.fields, "symbol", "number", "year"])
        if decision.number:
            NumberSeries.record_issued(decision.issuing_organization, decision.year, decision.number)
        decision.record_edit(by=by)
        return decision


def draftable_award_forms(user):
    """The award forms an office drafts decisions for: those its bodies grant, or of its bodies' plans."""
    award_forms = AwardForm.objects.all()
    if user.is_administrator:
        return award_forms
    return award_forms.filter(Q(granting_organization__in=user.body_ids) | Q(campaign__issuing_organization__in=user.body_ids))


class DraftDecisionForm(forms.Form):
    award_form = forms.ModelChoiceField(
        queryset=AwardForm.objects.all(), error_messages={"required": _("Hãy chọn hình thức khen thưởng."),
                                                          "invalid_choice": _("Hình thức khen thưởng không tồn tại.")}
    )
    source = forms.ChoiceField(choices=Decision.Source.choices, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].queryset = draftable_award_forms(user)


class EnteredDecisionForm(StyledFormMixin, forms.Form):
    """A decision made outside the portal's councils: the award form (its authority and plan); the list comes next."""

    award_form = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng"), queryset=AwardForm.objects.select_related("campaign", "granting_organization"),
        error_messages={"required": _("Hãy chọn hình thức khen thưởng."), "invalid_choice": _("Hình thức khen thưởng không tồn tại.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].queryset = draftable_award_forms(user).select_related("campaign", "granting_organization")
        self.fields["award_form"].label_from_instance = _award_form_label


def _award_form_label(award_form):
    plan = award_form.campaign.number if award_form.campaign else _("không theo kế hoạch")
    return f"{award_form.name} – {plan} ({award_form.authority_label})"


class PlanlessDecisionForm(StyledFormMixin, forms.Form):
    """A decision outside any plan of the portal (on a tờ trình of a plan managed elsewhere): who grants what."""

    granting_organization = forms.ModelChoiceField(
        label=_("Cơ quan ban hành quyết định"), queryset=Organization.objects.none(),
        error_messages={"required": _("Hãy chọn cơ quan ban hành quyết định."),
                        "invalid_choice": _("Bạn không lập quyết định cho cơ quan này.")},
    )
    kind = forms.ChoiceField(label=_("Loại hình thức"), choices=AwardForm.Kind.choices,
                             error_messages={"required": _("Hãy chọn loại hình thức khen thưởng.")})
    name = forms.CharField(
        label=_("Tên gọi trên quyết định"), max_length=255,
        help_text=_("Ví dụ: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh."),
        error_messages={"required": _("Hãy nhập tên hình thức khen thưởng.")},
    )
    signer_title = forms.CharField(
        label=_("Chức danh người có thẩm quyền"), max_length=255,
        help_text=_("Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng."),
        error_messages={"required": _("Hãy nhập chức danh người có thẩm quyền.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["granting_organization"].queryset = Organization.objects.acting_for(user)


class AwardeeForm(StyledFormMixin, forms.Form):
    """One collective (with its parent body) or one person (with position and unit), typed by the office."""

    KIND_CHOICES = [("collective", _("Tập thể")), ("individual", _("Cá nhân"))]

    kind = forms.ChoiceField(label=_("Loại"), choices=KIND_CHOICES, initial="collective", widget=forms.RadioSelect)
    name = forms.CharField(label=_("Họ và tên / Tên tập thể"), max_length=255,
                           error_messages={"required": _("Hãy nhập họ và tên hoặc tên tập thể.")})
    unit = forms.CharField(label=_("Đơn vị"), max_length=255, required=False,
                           help_text=_("Cơ quan cấp trên của tập thể; đơn vị công tác của cá nhân."))
    position = forms.CharField(label=_("Chức vụ, chức danh"), max_length=150, required=False)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—"), *Person.Gender.choices], required=False)
    date_of_birth = forms.DateField(label=_("Ngày sinh"), required=False, widget=DateInput(),
                                    error_messages={"invalid": _("Ngày sinh không hợp lệ: hãy nhập theo dạng ngày/tháng/năm.")})

    error_messages = {
        "unit_required": _("Hãy nhập đơn vị công tác của cá nhân."),
        "gender_required": _("Hãy chọn giới tính của cá nhân."),
    }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "individual":
            if not cleaned.get("unit"):
                self.add_error("unit", ValidationError(self.error_messages["unit_required"], code="unit_required"))
            if not cleaned.get("gender"):
                self.add_error("gender", ValidationError(self.error_messages["gender_required"], code="gender_required"))
        return cleaned

    def entry(self):
        data = self.cleaned_data
        individual = data["kind"] == "individual"
        return Entry(
            is_individual=individual, name=data["name"].strip(), unit=data["unit"].strip(),
            gender=data["gender"] if individual else "", date_of_birth=data["date_of_birth"] if individual else None,
            position=data["position"].strip() if individual else "",
        )


class AwardeeListForm(ExcelListForm):
    """An Excel list of collectives and people to add to a draft decision."""


class SignatureCheckForm(StyledFormMixin, forms.Form):
    pdf = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"), widget=forms.FileInput(attrs={"accept": ".pdf"}),
        error_messages={"required": _("Hãy chọn tệp PDF.")},
    )

    error_messages = {"not_pdf": _("Tệp “%(name)s” không phải văn bản PDF đọc được.")}

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        content = upload.read()
        try:
            self.checks = signature_checks(content)
        except SigningError:
            raise ValidationError(self.error_messages["not_pdf"], code="not_pdf", params={"name": upload.name}) from None
        return content


def later_decisions(award):
    """The signed decisions of the award's own body, from its decision's date on: those that may amend it."""
    return Decision.objects.filter(
        status=Decision.Status.SIGNED, issuing_organization=award.decision.issuing_organization_id,
        issue_date__gte=award.decision.issue_date,
    ).exclude(pk=award.decision_id)


class RevocationForm(StyledFormMixin, forms.Form):
    """The later decision that revokes an award, and why (the reason stays in the office's records)."""

    decision = forms.ModelChoiceField(
        label=_("Theo quyết định"), queryset=Decision.objects.none(), empty_label=_("— Chọn quyết định thu hồi —"),
        error_messages={"required": _("Hãy chọn quyết định thu hồi.")},
    )
    reason = forms.CharField(
        label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do thu hồi.")},
    )

    def __init__(self, *args, award, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = later_decisions(award)


class CorrectionForm(StyledFormMixin, forms.Form):
    """The later decision that corrects an awardee's name or the line under it, the corrected text, and why."""

    decision = forms.ModelChoiceField(
        label=_("Theo quyết định"), queryset=Decision.objects.none(), empty_label=_("— Chọn quyết định đính chính —"),
        error_messages={"required": _("Hãy chọn quyết định đính chính.")},
    )
    name = forms.CharField(
        label=_("Họ và tên / Tập thể đã đính chính"), max_length=255,
        error_messages={"required": _("Hãy nhập họ và tên hoặc tên tập thể đã đính chính.")},
    )
    detail = forms.CharField(
        label=_("Chức vụ, đơn vị đã đính chính"), max_length=500, required=False,
        help_text=_("Dòng in dưới tên trên bằng khen, giấy khen; giữ nguyên nếu không đính chính."),
    )
    reason = forms.CharField(
        label=_("Lý do đính chính"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do đính chính.")},
    )

    def __init__(self, *args, award, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = later_decisions(award)
        self.initial |= {"name": award.awardee_name, "detail": award.awardee_detail}


class ForwardForm(StyledFormMixin, forms.Form):
    """The approved dossiers the office forwards, the higher award it proposes, and who signs its tờ trình."""

    nominations = forms.ModelMultipleChoiceField(
        label=_("Hồ sơ chuyển lên"), queryset=Nomination.objects.none(),
        error_messages={
            "required": _("Hãy chọn ít nhất một hồ sơ để chuyển lên cấp trên."),
            "invalid_choice": _("Hồ sơ số %(value)s không thuộc kế hoạch này hoặc đã được chuyển lên cấp trên."),
            "invalid_pk_value": _("Hồ sơ số %(pk)s không tồn tại."),
        },
    )
    award_form = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng của cấp trên"), queryset=AwardForm.objects.none(),
        error_messages={"required": _("Hãy chọn hình thức khen thưởng của cấp trên."),
                        "invalid_choice": _("Hình thức khen thưởng không thuộc kế hoạch cấp trên.")},
    )
    signer_name = forms.CharField(
        label=_("Người ký tờ trình"), max_length=150, required=False,
        help_text=_("Họ và tên người có thẩm quyền ký; để trống nếu ghi tay khi ký."),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = campaign.nominations.filter(forwarded_to__isnull=True)
        higher_forms = self.fields["award_form"].queryset = AwardForm.objects.filter(campaign=campaign.implements_id)
        if len(higher_forms) == 1:
            self.initial.setdefault("award_form", higher_forms[0].pk)

    @classmethod
    def carrying(cls, data, *, campaign):
        """Unbound, showing what was ticked and typed: the office is paging or searching, not sending yet."""
        form = cls(campaign=campaign)
        form.initial |= {
            name: field.widget.value_from_datadict(data, {}, name) for name, field in form.fields.items() if name in data
        }
        return form

    def chosen_ids(self):
        """The ticked dossiers' ids, on whatever page they were ticked."""
        return {int(value) for value in self["nominations"].value() or () if str(value).isdigit()}

    def clean_nominations(self):
        nominations = self.cleaned_data["nominations"]
        not_approved = [str(nomination.nominee) for nomination in nominations if not nomination.is_granted]
        if not_approved:
            raise ValidationError(
                _("Chỉ chuyển lên cấp trên hồ sơ đã được phê duyệt; chưa được phê duyệt: %(names)s."),
                code="not_approved", params={"names": "; ".join(not_approved)},
            )
        return list(nominations)
