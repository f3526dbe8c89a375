"""Local development and `make run`: SQLite, debug on, background jobs run in-process."""

from .base import *  # noqa: F403
from .base import HUEY

DEBUG = True
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
HUEY = {**HUEY, "huey_class": "huey.MemoryHuey", "immediate": True}
# One process serves and works: the cache is the process's memory, and a daemon thread started by
# core's AppConfig.ready() (runserver only) consumes the job queue so that pages show progress.
# Other processes (shell, load_demo, bench) keep running jobs immediately.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
HUEY_INPROCESS_WORKER = True
