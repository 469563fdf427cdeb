from django.contrib import admin

from core.admin import HistoryInline, ReadOnlyAdminMixin

from .models import Award, Decision, DecisionHistory, NumberSeries


class DecisionHistoryInline(HistoryInline):
    model = DecisionHistory


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "summary", "campaign", "issue_date", "status", "documents_state"]
    list_filter = ["status", "documents_state", "year", "campaign"]
    search_fields = ["search_text", "summary"]
    date_hierarchy = "issue_date"
    autocomplete_fields = ["campaign", "award_form", "issuing_organization", "nominations"]
    # Numbers come from NumberSeries and signing from sign_decision: not typed here.
    readonly_fields = ["number", "year", "status", "signed_at", "signed_by", "documents_state", "documents_progress",
                       "documents_error", "created_by", "created_at"]
    inlines = [DecisionHistoryInline]

    def get_readonly_fields(self, request, obj=None):
        # A signed decision is a legal act: read-only here as everywhere else.
        if obj is not None and obj.is_signed:
            return [field.name for field in obj._meta.fields if field.editable] + ["nominations"]
        return self.readonly_fields

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
    list_display = ["organization", "year", "last_number"]
    list_filter = ["year"]
    search_fields = ["organization__name"]
    autocomplete_fields = ["organization"]
