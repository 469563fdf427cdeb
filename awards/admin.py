from django.contrib import admin

from core.admin import HistoryInline, ReadOnlyAdminMixin

from .models import Award, Awardee, BaseSalary, Decision, DecisionHistory, NumberSeries, ProposalLetter, RewardRate


class DecisionHistoryInline(HistoryInline):
    model = DecisionHistory


class AwardeeInline(admin.TabularInline):
    model = Awardee
    extra = 0
    autocomplete_fields = ["nomination", "person", "organization"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "summary", "campaign", "issue_date", "status", "documents_state"]
    list_filter = ["status", "documents_state", "year", "campaign"]
    search_fields = ["search_text", "summary"]
    date_hierarchy = "issue_date"
    autocomplete_fields = ["campaign", "award_form", "issuing_organization"]
    # Numbers come from NumberSeries and signing from sign_decision: not typed here.
    readonly_fields = ["number", "year", "status", "signed_at", "signed_by", "documents_state", "documents_progress",
                       "documents_error", "created_by", "created_at"]
    inlines = [AwardeeInline, DecisionHistoryInline]

    def get_readonly_fields(self, request, obj=None):
        # A signed decision is a legal act: read-only here as everywhere else.
        if obj is not None and obj.is_signed:
            return [field.name for field in obj._meta.fields if field.editable]
        return self.readonly_fields

    def get_inlines(self, request, obj):
        return [DecisionHistoryInline] if obj is not None and obj.is_signed else self.inlines

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_signed


@admin.register(Award)
class AwardAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The register is written by signing a decision and only read afterwards."""

    list_display = ["register_number", "__str__", "decision"]
    list_filter = ["award_form__kind", "decision__year"]
    search_fields = ["search_text", "register_number"]
    list_select_related = ["decision", "award_form", "person", "organization"]


@admin.register(NumberSeries)
class NumberSeriesAdmin(admin.ModelAdmin):
    list_display = ["organization", "kind", "year", "last_number"]
    list_filter = ["kind", "year"]
    search_fields = ["organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    """The base salary in force from each date: Điều 2 reads the one of the decision's date."""

    list_display = ["starts_on", "amount", "instrument"]


@admin.register(RewardRate)
class RewardRateAdmin(admin.ModelAdmin):
    list_display = ["kind", "starts_on", "individual_coefficient", "collective_coefficient", "instrument"]
    list_filter = ["kind"]


@admin.register(ProposalLetter)
class ProposalLetterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Numbered in the office's register when generated: only read here."""

    list_display = ["__str__", "issue_date", "organization", "decision"]
    list_select_related = ["organization", "decision"]
