import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Person
from campaigns.models import AwardForm, Campaign, EligibleSubject

from .models import WOMEN_MAJORITY_PERCENT, Award, AwardLevel, Decision


class DecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo số, trích yếu"), method="search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Decision.Status.choices)
    campaign = django_filters.ModelChoiceFilter(label=_("Phong trào"), queryset=Campaign.objects.none())
    year = django_filters.NumberFilter(label=_("Năm"), field_name="year")

    class Meta:
        model = Decision
        fields = ["q", "status", "campaign", "year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = Decision.objects.visible_to(user)
        self.filters["campaign"].queryset = Campaign.objects.filter(Exists(decisions.filter(campaign=OuterRef("pk"))))

    def search(self, queryset, name, value):
        return queryset.search(value)


class AwardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Tập thể/cá nhân"), choices=EligibleSubject.Kind.choices, method="by_kind")
    award_kind = django_filters.ChoiceFilter(label=_("Loại hình thức"), field_name="award_form__kind", choices=AwardForm.Kind.choices)
    year = django_filters.NumberFilter(label=_("Năm"), field_name="decision__year")
    decision = django_filters.ModelChoiceFilter(label=_("Quyết định"), queryset=Decision.objects.none())
    level = django_filters.ChoiceFilter(label=_("Cấp khen thưởng"), choices=AwardLevel.choices, method="by_level")
    gender = django_filters.ChoiceFilter(label=_("Giới tính"), field_name="person__gender", choices=Person.Gender.choices)
    women_majority = django_filters.BooleanFilter(label=_("Tập thể có từ 70% nữ"), method="by_women_majority")
    campaign = django_filters.ModelChoiceFilter(label=_("Phong trào"), field_name="award_form__campaign", queryset=Campaign.objects.all())
    unit = django_filters.ModelChoiceFilter(label=_("Đơn vị đề nghị"), field_name="nomination__submitting_unit", queryset=Organization.objects.all())

    class Meta:
        model = Award
        fields = ["q", "kind", "award_kind", "year", "decision", "level", "gender", "women_majority", "campaign", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["decision"].queryset = Decision.objects.visible_to(user).filter(status=Decision.Status.SIGNED)
        self.filters["campaign"].queryset = Campaign.objects.visible_to(user)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def by_kind(self, queryset, name, value):
        return queryset.filter(person__isnull=value != EligibleSubject.Kind.INDIVIDUAL)

    def by_level(self, queryset, name, value):
        return queryset.of_level(value)

    def by_women_majority(self, queryset, name, value):
        majority = Q(organization__women_percent__gte=WOMEN_MAJORITY_PERCENT)
        return queryset.filter(majority) if value else queryset.exclude(majority)
