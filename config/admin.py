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
