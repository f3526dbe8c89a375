from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    name = "congdoan.welfare"
    label = "welfare"
    verbose_name = _("Chăm lo, hỗ trợ đoàn viên")
