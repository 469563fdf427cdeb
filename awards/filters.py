import django_filters
from django.utils.translation import gettext_lazy as _

from campaigns.models import AwardForm, Campaign, EligibleSubject

from .models import Award, Decision


class DecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo số, trích yếu"), method="search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Decision.Status.choices)
    campaign = django_filters.ModelChoiceFilter(label=_("Phong trào"), queryset=Campaign.objects.filter(decisions__isnull=False).distinct())
    year = django_filters.NumberFilter(label=_("Năm"), field_name="year")

    class Meta:
        model = Decision
        fields = ["q", "status", "campaign", "year"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class AwardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Tập thể/cá nhân"), choices=EligibleSubject.Kind.choices, method="by_kind")
    award_kind = django_filters.ChoiceFilter(label=_("Loại hình thức"), field_name="award_form__kind", choices=AwardForm.Kind.choices)
    year = django_filters.NumberFilter(label=_("Năm"), field_name="decision__year")
    decision = django_filters.ModelChoiceFilter(label=_("Quyết định"), queryset=Decision.objects.none())

    class Meta:
        model = Award
        fields = ["q", "kind", "award_kind", "year", "decision"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["decision"].queryset = Decision.objects.visible_to(user).filter(status=Decision.Status.SIGNED)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def by_kind(self, queryset, name, value):
        return queryset.filter(person__isnull=value != EligibleSubject.Kind.INDIVIDUAL)
