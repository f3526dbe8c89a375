from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "congdoan.funds"
    label = "funds"
    verbose_name = _("Vận động ủng hộ quỹ")
