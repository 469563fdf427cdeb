from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self):
        from . import permissions, reminders  # noqa: F401, PLC0415  register the rules, reminders and texts
