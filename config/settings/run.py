"""`make run`: the development settings, served as a user sees them.

``DEBUG`` is off, so every error is the application's own page in the layout (core/errors.py)
instead of Django's debug pages (a 404 listing the URL patterns is not what a new user should
meet first). Tracebacks still go to the console (the ``django.request`` log). Static files are
served by WhiteNoise straight from the apps' folders (no collectstatic), re-read when they
change. For Django's debug pages: ``make run DEBUG=1``, or ``manage.py runserver`` (dev settings).
"""

from .dev import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None  # nothing is collected in development
