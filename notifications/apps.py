from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        from . import permissions  # noqa: F401, PLC0415  registers the rules
