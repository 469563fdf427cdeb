from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin

from .models import Campaign


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CampaignForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "number", "title", "kind", "issuing_organization", "issue_place", "issue_date",
            "signing_authority", "signer_name", "implements", "starts_on", "ends_on",
            "nomination_deadline", "award_deadline", "legal_bases", "purposes", "requirements",
            "funding", "implementation", "recipients",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "issue_date": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "nomination_deadline": DateInput(),
            "award_deadline": DateInput(),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implements"].queryset = Campaign.objects.exclude(pk=self.instance.pk)
