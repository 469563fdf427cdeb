from django.contrib import admin

from core.admin import HistoryInline, ReadOnlyAdminMixin

from .models import Council, CouncilMember, Meeting, MeetingHistory, VotingRound, VotingRoundHistory


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "quorum_label"]
    search_fields = ["name"]
    autocomplete_fields = ["organization"]
    inlines = [CouncilMemberInline]


class MeetingHistoryInline(HistoryInline):
    model = MeetingHistory


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "starts_at", "status"]
    list_filter = ["status", "council"]
    search_fields = ["search_text"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["council", "campaign", "agenda"]
    readonly_fields = ["status", "opened_at", "closed_at", "created_by"]
    inlines = [MeetingHistoryInline]


class VotingRoundHistoryInline(HistoryInline):
    model = VotingRoundHistory


@admin.register(VotingRound)
class VotingRoundAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Rounds and who moved them; tallies and receipts stay out of the admin (the ballot is secret)."""

    list_display = ["__str__", "meeting", "status", "is_on_paper"]
    list_filter = ["status"]
    inlines = [VotingRoundHistoryInline]
