from django.contrib import admin

from core.admin import HistoryInline

from .models import Appraisal, Attachment, CriterionAssessment, Nomination, NominationHistory


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["uploaded_by", "uploaded_at", "content_type", "size"]


class AssessmentInline(admin.TabularInline):
    model = CriterionAssessment
    extra = 0
    autocomplete_fields = ["criterion"]


class NominationHistoryInline(HistoryInline):
    model = NominationHistory
    readonly_fields = [*HistoryInline.readonly_fields, "changes"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "submitting_unit", "status", "updated_at"]
    list_filter = ["status", "campaign", "award_form__kind"]
    search_fields = ["search_text", "letter_number"]
    autocomplete_fields = ["campaign", "award_form", "nominee_person", "nominee_organization", "submitting_unit", "forwarded_from"]
    readonly_fields = ["status", "submitted_at", "created_by"]
    inlines = [AssessmentInline, AttachmentInline, NominationHistoryInline]


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ["nomination", "is_complete", "appraised_by", "appraised_at"]
    list_filter = ["is_complete"]
    search_fields = ["nomination__search_text", "remarks"]
