"""Production: every secret and host from the environment; refuses to start without them.

Served by gunicorn with several worker processes (``make prod``, ``Procfile``), static files by
WhiteNoise under hashed names (``collectstatic``), PostgreSQL (``DATABASE_URL``; a read replica for
reports at ``REPLICA_DATABASE_URL``), Redis for the cache and the job queue (``REDIS_URL``), the
huey consumer and its periodic scheduler as their own process (``manage.py run_huey``). Logs are
one JSON object a line with the request id (``congdoan.core.logs``). See docs/deploy.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, HUEY, LOGGING

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment (50+ characters).")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment (comma-separated).")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in the environment (postgres://…).")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Persistent connections per worker (closed after DB_CONN_MAX_AGE seconds idle), checked before use.
for _alias in DATABASES.values():
    _alias["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
    _alias["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind one reverse proxy (nginx) that appends the client's address to X-Forwarded-For: the
# login lockout counts that address, not the proxy's (congdoan/accounts/lockout.py).
CLIENT_IP_PROXY_COUNT = int(os.environ.get("CLIENT_IP_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
# The load balancer's probes come over plain HTTP from inside: never redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed names never change content: browsers keep them for a year (WhiteNoise's default for them).
WHITENOISE_MAX_AGE = 60 * 60

# The queue: Redis, consumed by `manage.py run_huey` (its own process), which also runs the
# periodic tasks (core/tasks.py, accounts/tasks.py, members/tasks.py) on huey's scheduler.
HUEY = {
    **HUEY,
    "huey_class": "huey.RedisHuey",
    "immediate": False,
    "consumer": {
        "workers": int(os.environ.get("HUEY_WORKERS", "2")),
        "worker_type": "thread",
        "periodic": True,
        "check_worker_health": True,
    },
}

LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")
