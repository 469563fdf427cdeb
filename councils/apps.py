from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"

    def ready(self):
        from . import permissions, reminders  # noqa: F401, PLC0415  register the rules, reminders and texts
