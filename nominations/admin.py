from django.contrib import admin

from .models import Appraisal, Attachment, CriterionAssessment, Nomination, NominationHistory


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["uploaded_by", "uploaded_at", "content_type", "size"]


class AssessmentInline(admin.TabularInline):
    model = CriterionAssessment
    extra = 0
    autocomplete_fields = ["criterion"]


class HistoryInline(admin.TabularInline):
    model = NominationHistory
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "note", "changes", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "submitting_unit", "status", "updated_at"]
    list_filter = ["status", "campaign", "award_form__kind"]
    search_fields = ["search_text", "letter_number"]
    autocomplete_fields = ["campaign", "award_form", "nominee_person", "nominee_organization", "submitting_unit", "forwarded_from"]
    readonly_fields = ["status", "submitted_at", "created_by"]
    inlines = [AssessmentInline, AttachmentInline, HistoryInline]


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ["nomination", "is_complete", "appraised_by", "appraised_at"]
    list_filter = ["is_complete"]
    search_fields = ["nomination__search_text", "remarks"]
