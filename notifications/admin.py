from django.contrib import admin

from core.admin import ReadOnlyAdminMixin

from .models import Message, MessageTemplate, Notification, ReminderLog


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["search_text", "recipient__username"]
    date_hierarchy = "created_at"
    raw_id_fields = ["recipient"]
    list_select_related = ["recipient"]
    readonly_fields = ["created_at"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "address", "created_at", "sent_at", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["address", "subject"]
    date_hierarchy = "created_at"
    raw_id_fields = ["recipient"]
    readonly_fields = ["created_at", "sent_at", "attempts", "last_error"]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["key", "created_at"]
    search_fields = ["key"]
    date_hierarchy = "created_at"


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "language", "subject_template", "updated_at"]
    list_filter = ["language"]
    search_fields = ["code", "search_text"]
