import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from campaigns.models import AwardForm, Campaign, EligibleSubject
from core.forms import PickerWidget

from .models import LATENESS_BANDS, Nomination, Status


def submitting_units(user):
    """The units with a dossier the user may see: an EXISTS per unit, not a DISTINCT over every dossier."""
    return Organization.objects.filter(Exists(Nomination.objects.visible_to(user).filter(submitting_unit=OuterRef("pk"))))


class NominationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên, đơn vị"), method="search")
    campaign = django_filters.ModelChoiceFilter(label=_("Phong trào"), queryset=Campaign.objects.all())
    submitting_unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị đề nghị"), queryset=Organization.objects.none(), widget=PickerWidget("nominations:unit_picker")
    )
    award_form = django_filters.ModelChoiceFilter(label=_("Hình thức"), queryset=AwardForm.objects.all())
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Tập thể/cá nhân"), choices=EligibleSubject.Kind.choices, method="by_kind")
    year = django_filters.NumberFilter(label=_("Năm tạo hồ sơ"), field_name="created_at", lookup_expr="year")
    late = django_filters.ChoiceFilter(
        label=_("Quá hạn thẩm định"), choices=[(slug, label) for slug, (*_bounds, label) in LATENESS_BANDS.items()],
        method="by_lateness",
    )
    province = django_filters.CharFilter(label=_("Tỉnh, thành phố"), field_name="submitting_unit__province", lookup_expr="iexact")

    class Meta:
        model = Nomination
        fields = ["q", "campaign", "submitting_unit", "award_form", "status", "kind", "year", "late", "province"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        campaigns = Campaign.objects.visible_to(user)
        self.filters["campaign"].queryset = campaigns
        award_forms = AwardForm.objects.filter(campaign__in=campaigns)
        campaign_id = self.data.get("campaign")
        if campaign_id and str(campaign_id).isdigit():
            award_forms = award_forms.filter(campaign_id=campaign_id)
        self.filters["award_form"].queryset = award_forms
        if user.has_perm("nominations.view_other_units"):
            self.filters["submitting_unit"].queryset = submitting_units(user)
        else:
            del self.filters["submitting_unit"]  # a unit sees only its own dossiers: no other unit to pick
            del self.filters["province"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def by_kind(self, queryset, name, value):
        return queryset.filter(nominee_person__isnull=value != EligibleSubject.Kind.INDIVIDUAL)

    def by_lateness(self, queryset, name, value):
        return queryset.late_for_appraisal(value)
