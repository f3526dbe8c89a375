import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# A worker's first request would otherwise import the URLconf and the API (seconds): done here, once
# in gunicorn's master with preload_app (congdoan/core/warmup.py, bench/first_request.py).
# Not under DEBUG (runserver would redo it on every reload), nor with WSGI_WARM_UP=0 (to measure
# without it: bench/first_request.py --cold).
from django.conf import settings  # noqa: E402

from congdoan.core.warmup import warm_up  # noqa: E402

if not settings.DEBUG and os.environ.get("WSGI_WARM_UP", "1") == "1":
    warm_up()
