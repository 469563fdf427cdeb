from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và đơn vị"

    def ready(self):
        from . import permissions  # noqa: F401, PLC0415  register the rules
