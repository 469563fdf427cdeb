from django.contrib import admin

from core.admin import HistoryInline

from .models import (
    AwardForm,
    AwardTitle,
    Campaign,
    CampaignHistory,
    CampaignPeriod,
    Criterion,
    EligibleSubject,
    LegalInstrument,
    Participation,
    QuotaRule,
    Report,
    ReportHistory,
    Task,
    UnitGroup,
)


class PeriodInline(admin.TabularInline):
    model = CampaignPeriod
    extra = 0


class SubjectInline(admin.StackedInline):
    model = EligibleSubject
    extra = 0


class AwardFormInline(admin.StackedInline):
    model = AwardForm
    extra = 0
    autocomplete_fields = ["granting_organization"]


class CampaignHistoryInline(HistoryInline):
    model = CampaignHistory


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "kind", "status", "issuing_organization", "issue_date", "nomination_deadline"]
    list_filter = ["status", "kind", "issuing_organization__province", "issue_date"]
    search_fields = ["number", "title", "search_text"]
    date_hierarchy = "issue_date"
    autocomplete_fields = ["issuing_organization", "implements"]
    readonly_fields = ["status"]
    inlines = [PeriodInline, SubjectInline, AwardFormInline, CampaignHistoryInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["number", "campaign", "text", "target"]
    list_filter = ["campaign"]
    search_fields = ["number", "text"]
    autocomplete_fields = ["campaign", "parent"]


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "kind", "recipients", "award_title", "vote_threshold_percent"]
    list_filter = ["kind", "recipients"]
    search_fields = ["name", "campaign__number", "signer_title"]
    autocomplete_fields = ["campaign", "granting_organization"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "campaign", "title", "lead_organization", "is_ongoing", "due_date"]
    list_filter = ["campaign", "is_ongoing"]
    search_fields = ["number", "title", "lead_text", "coordinating_text"]
    autocomplete_fields = ["campaign", "lead_organization", "coordinating_organizations"]


class ReportHistoryInline(HistoryInline):
    model = ReportHistory


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "organization", "kind", "due_date", "status"]
    list_filter = ["status", "kind", "campaign"]
    search_fields = ["title", "organization__name"]
    autocomplete_fields = ["campaign", "organization", "period", "task"]
    readonly_fields = ["status", "submitted_at", "submitted_by"]
    inlines = [ReportHistoryInline]


@admin.register(CampaignPeriod)
class CampaignPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "starts_on", "ends_on"]
    list_filter = ["campaign"]
    search_fields = ["name", "campaign__number"]


@admin.register(EligibleSubject)
class EligibleSubjectAdmin(admin.ModelAdmin):
    list_display = ["campaign", "kind", "description"]
    list_filter = ["kind", "campaign"]
    search_fields = ["description"]


@admin.register(AwardTitle)
class AwardTitleAdmin(admin.ModelAdmin):
    list_display = ["name", "once_per_person", "posthumous_allowed", "prerequisite", "prerequisite_years"]
    search_fields = ["name"]


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign"]
    search_fields = ["name", "campaign__number"]
    autocomplete_fields = ["campaign", "organizations"]


@admin.register(QuotaRule)
class QuotaRuleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "award_form"]
    list_filter = ["per", "counts", "over"]
    autocomplete_fields = ["campaign", "group"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["organization", "campaign", "period", "collective_count", "individual_count"]
    list_filter = ["campaign"]
    autocomplete_fields = ["campaign", "organization"]


@admin.register(LegalInstrument)
class LegalInstrumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "title", "effective_from", "effective_until", "organization"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["organization"]
