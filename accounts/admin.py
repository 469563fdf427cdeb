from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organization, Person, User


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "document_code", "kind", "province", "parent"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "search_text"]
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "gender", "position", "title", "organization"]
    list_filter = ["gender", "organization__kind"]
    search_fields = ["full_name", "search_text", "title"]
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "organization", "is_active"]
    list_filter = ["role", "is_active", "organization__kind"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["organization"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Vai trò"), {"fields": ["full_name", "role", "organization"]}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Vai trò"), {"fields": ["full_name", "role", "organization"]}),)
