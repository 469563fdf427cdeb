from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from . import permissions, reminders  # noqa: F401, PLC0415  register the rules, reminders and texts
