from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from . import permissions, reminders  # noqa: F401, PLC0415  register the rules, reminders and texts
