import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization

from .models import Campaign


class CampaignFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo số, trích yếu"), method="search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Campaign.Status.choices)
    year = django_filters.NumberFilter(label=_("Năm"), field_name="issue_date", lookup_expr="year")
    issuing_organization = django_filters.ModelChoiceFilter(
        label=_("Cơ quan ban hành"),
        queryset=Organization.objects.none(),
    )

    class Meta:
        model = Campaign
        fields = ["q", "status", "year", "issuing_organization"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        issuers = Organization.objects.filter(campaigns__in=Campaign.objects.visible_to(user)).distinct()
        self.filters["issuing_organization"].queryset = issuers

    def search(self, queryset, name, value):
        return queryset.search(value)
