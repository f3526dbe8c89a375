from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "congdoan.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        from . import receivers  # noqa: F401  (follow mergers of units)
