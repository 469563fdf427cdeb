from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import AwardForm
from core.forms import DateInput, StyledFormMixin
from documents.signing import SigningError

from .models import Decision
from .services import signature_checks


class DecisionForm(StyledFormMixin, forms.ModelForm):
    """The draft's text; the number is taken when drafting and is not edited here."""

    error_messages = {
        "other_year": _("Ngày ban hành phải trong năm %(year)s, năm của số quyết định."),
        "before_plan": _("Ngày ban hành không được trước ngày ban hành kế hoạch (%(date)s)."),
    }

    class Meta:
        model = Decision
        fields = [
            "symbol", "issue_place", "issue_date", "summary", "authority", "parent_body", "legal_bases",
            "article_1", "article_2", "article_3", "recipients", "signing_authority", "signer_name",
        ]
        widgets = {
            "issue_date": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 5}),
            "article_1": forms.Textarea(attrs={"rows": 4}),
            "article_2": forms.Textarea(attrs={"rows": 3}),
            "article_3": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "symbol": {"required": _("Hãy nhập ký hiệu, ví dụ: QĐ-UBND.")},
            "issue_place": {"required": _("Hãy nhập địa danh.")},
            "issue_date": {
                "required": _("Hãy nhập ngày ban hành."),
                "invalid": _("Ngày ban hành không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 25/11/2025."),
            },
            "summary": {"required": _("Hãy nhập trích yếu.")},
            "authority": {"required": _("Hãy nhập thẩm quyền ban hành.")},
            "legal_bases": {"required": _("Hãy nhập ít nhất một căn cứ.")},
            "article_1": {"required": _("Hãy nhập nội dung Điều 1.")},
            "article_3": {"required": _("Hãy nhập nội dung Điều 3.")},
            "recipients": {"required": _("Hãy nhập nơi nhận.")},
            "signing_authority": {"required": _("Hãy nhập thẩm quyền ký.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The signer may be named later; signing refuses a decision without one.
        self.fields["signer_name"].required = False
        self.fields["signer_name"].help_text = _("Bắt buộc trước khi ký.")

    def clean_issue_date(self):
        issue_date = self.cleaned_data["issue_date"]
        # Decree 30: numbers run per year, and the number was taken in the decision's year.
        if issue_date.year != self.instance.year:
            raise ValidationError(self.error_messages["other_year"], code="other_year", params={"year": self.instance.year})
        plan_date = self.instance.campaign.issue_date
        if plan_date and issue_date < plan_date:
            raise ValidationError(
                self.error_messages["before_plan"], code="before_plan", params={"date": plan_date.strftime("%d/%m/%Y")}
            )
        return issue_date

    def save(self, *, by):
        """Save the draft's text, and only that, and record who edited it."""
        decision = super().save(commit=False)
        # Only the edited fields: the documents task updates its state columns meanwhile.
        decision.save(update_fields=self._meta.fields)
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_form"].queryset = draftable_award_forms(user)


class DigitalSignatureForm(StyledFormMixin, forms.Form):
    """The signer's certificate file and its password, used once in memory and never stored."""

    certificate = forms.FileField(
        label=_("Chứng thư số (.p12, .pfx)"), widget=forms.FileInput(attrs={"accept": ".p12,.pfx"}),
        error_messages={"required": _("Hãy chọn tệp chứng thư số.")},
    )
    passphrase = forms.CharField(label=_("Mật khẩu chứng thư"), required=False, widget=forms.PasswordInput)

    error_messages = {"too_large": _("Tệp chứng thư số không quá 100 KB.")}

    def clean_certificate(self):
        certificate = self.cleaned_data["certificate"]
        if certificate.size > 100 * 1024:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        return certificate.read()


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
        self.fields["decision"].queryset = Decision.objects.filter(
            status=Decision.Status.SIGNED, issuing_organization=award.decision.issuing_organization_id,
            issue_date__gte=award.decision.issue_date,
        ).exclude(pk=award.decision_id)
