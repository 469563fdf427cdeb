from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = "Dùng chung"

    def ready(self):
        from . import checks  # noqa: F401  registers the portal's own system checks


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the portal's own site (settings.INSTALLED_APPS names it instead of django.contrib.admin)."""

    default = False
    default_site = "core.admin.PortalAdminSite"
