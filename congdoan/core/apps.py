import os
import sys

from django.apps import AppConfig
from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


def _is_serving_process() -> bool:
    """`manage.py runserver`: the child the autoreloader starts (RUN_MAIN), or the only process
    with --noreload. Never the reloader parent, migrate, shell or tests."""
    if len(sys.argv) < 2 or sys.argv[1] != "runserver":
        return False
    return os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv


class CoreConfig(AppConfig):
    name = "congdoan.core"
    label = "core"
    verbose_name = _("Hệ thống")

    def ready(self):
        # Every app declares its permissions, then registers its plug-ins (menu entries, dashboard
        # cards, audit actions, jobs): core imports each installed app's modules of those names.
        autodiscover_modules("permissions")
        autodiscover_modules("plugin")
        if getattr(settings, "HUEY_INPROCESS_WORKER", False) and _is_serving_process():
            from huey.contrib.djhuey import HUEY

            from .jobs import start_inprocess_worker

            start_inprocess_worker(HUEY)
