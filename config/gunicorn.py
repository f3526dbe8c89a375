"""gunicorn's settings for `make prod` (Procfile `web`): several worker processes on one port.

Environment: ``PORT`` (8000) or ``BIND`` (host:port, default 127.0.0.1:$PORT: a reverse proxy in
front), ``WEB_CONCURRENCY`` (worker processes, default 2 × cores + 1), ``WEB_THREADS`` (threads per
worker, default 2), ``WEB_TIMEOUT`` (seconds before a stuck worker is replaced, default 60).
Why gunicorn and these numbers: docs/deploy.md ("Application server").
"""

import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "2"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a slow leak never grows past this); the jitter spreads the restarts.
max_requests = 5000
max_requests_jitter = 500
# Django is imported once and the workers are forked from it: faster start, shared memory pages.
preload_app = True
# One line per request comes from the application (congdoan.core.logs, JSON with the request id).
accesslog = None
errorlog = "-"
# gunicorn's own lines (workers booting, timeouts) as JSON too, like the application's.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "congdoan.core.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
wsgi_app = "config.wsgi:application"
