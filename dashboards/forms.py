from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from campaigns.models import Campaign
from core.forms import PickerWidget, StyledFormMixin
from nominations.filters import submitting_units


class DashboardFilterForm(StyledFormMixin, forms.Form):
    """The dashboard's filters: a plan, a year, a unit; each limited to what the user may see."""

    campaign = forms.ModelChoiceField(label=_("Phong trào"), queryset=Campaign.objects.none(), required=False, empty_label=_("Tất cả"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    # Searched as the user types: the sector has thousands of units (the dossier list's picker, same units).
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Organization.objects.none(), required=False, widget=PickerWidget("nominations:unit_picker")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.visible_to(user).order_by("-issue_date", "number")
        self.fields["unit"].queryset = submitting_units(user)
        self.fields["campaign"].label_from_instance = lambda campaign: campaign.number

    def filters(self):
        """The valid filters chosen; a value that is not valid is ignored, as in the lists."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in ("campaign", "year", "unit")}
