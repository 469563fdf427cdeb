from django.contrib import admin
from django.core.exceptions import PermissionDenied


class PortalAdminSite(admin.AdminSite):
    site_header = "Quản trị Thi đua – Khen thưởng"
    site_title = "Quản trị"
    index_title = "Dữ liệu hệ thống"

    def login(self, request, extra_context=None):
        # A signed-in user without admin rights is refused, not sent to log in again.
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        return super().login(request, extra_context)


class ReadOnlyAdminMixin:
    """Rows written only by the portal's own acts (history, registers, logs): read here, never typed."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryInline(ReadOnlyAdminMixin, admin.TabularInline):
    """An object's status history under it, read-only."""

    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "note", "created_at"]
