from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Thống kê")

    def ready(self):
        from . import permissions  # noqa: F401, PLC0415  registers the rules
