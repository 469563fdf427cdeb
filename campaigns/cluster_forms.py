from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from core.forms import StyledFormMixin

from .clusters import Cluster

MEMBERS_WIDGET = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class ClusterForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name", "members"]
        widgets = {"members": MEMBERS_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Organization.objects.managed_by(user).in_force().order_by("name")


class LeadershipForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    head = forms.ModelChoiceField(label=_("Cụm trưởng"), queryset=Organization.objects.none())
    deputies = forms.ModelMultipleChoiceField(
        label=_("Cụm phó"), queryset=Organization.objects.none(), required=False, widget=MEMBERS_WIDGET
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, initial={"year": timezone.localdate().year + 1}, **kwargs)
        members = cluster.members.order_by("name")
        self.fields["head"].queryset = self.fields["deputies"].queryset = members


class ClusterScoreForm(StyledFormMixin, forms.Form):
    """One number field per other member and scored criterion, named "points-<unit>-<criterion>"."""

    def __init__(self, *args, scored_units, criteria, initial_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = []
        for unit in scored_units:
            cells = []
            for criterion in criteria:
                name = f"points-{unit.pk}-{criterion.pk}"
                self.fields[name] = forms.DecimalField(
                    label=f"{unit} – {criterion.number}", required=False, max_digits=6, decimal_places=2,
                    initial=initial_points.get((unit.pk, criterion.pk)),
                )
                cells.append((criterion, name))
            self.grid.append((unit, cells))

    def points(self):
        """{(unit, criterion): value or None} from the cleaned form."""
        return {(unit, criterion): self.cleaned_data[name] for unit, cells in self.grid for criterion, name in cells}

    def rows(self):
        return [(unit, [self[name] for _criterion, name in cells]) for unit, cells in self.grid]


class ProposalForm(forms.Form):
    units = forms.ModelMultipleChoiceField(queryset=Organization.objects.none(), required=False)
    note = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = cluster.members.all()
