from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "congdoan.members"
    label = "members"
    verbose_name = _("Đoàn viên")

    def ready(self):
        from . import receivers  # noqa: F401  (follow mergers, moves and dissolutions of units)
