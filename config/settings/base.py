"""Settings shared by every environment; dev/test/prod override what differs."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "axes",
    "ninja",
    "huey.contrib.djhuey",
    # Own apps, in dependency order: each may import only from those above it.
    "congdoan.core",
    "congdoan.organizations",
    "congdoan.accounts",
    "congdoan.members",
    "congdoan.documents",
    "congdoan.plans",
    "congdoan.meetings",
    "congdoan.emulation",
    "congdoan.initiatives",
    "congdoan.welfare",
    "congdoan.funds",
    "congdoan.awards",
    "congdoan.reports",
    "congdoan.portal",
    "congdoan.demo",
]

MIDDLEWARE = [
    "congdoan.core.logs.request_log",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "congdoan.core.middleware.no_store",
    "congdoan.core.middleware.api_errors_as_json",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "congdoan.core.middleware.error_pages",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congdoan.core.context_processors.shell",
                "congdoan.organizations.context_processors.unit_switcher",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the background worker and the web process share the file.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
# A read replica (docs/deploy.md): the reports' reads go there (congdoan.core.routers); never a write.
if os.environ.get("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            os.environ["REPLICA_DATABASE_URL"], conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0"))
        ),
        "OPTIONS": DATABASES["default"].get("OPTIONS", {}),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["congdoan.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "congdoan.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# An expired form is a page in the layout that says what to do (core/errors.py), not Django's.
CSRF_FAILURE_VIEW = "congdoan.core.errors.csrf_failure"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Officers share office computers: a session lasts a working day and ends with the browser.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False

# Answers a day that an ID or card number is held by a member outside the asker's scope
# (members.identifiers): past it, such checks are refused.
MEMBERS_IDENTIFIER_ANSWERS_PER_DAY = int(os.environ.get("MEMBERS_IDENTIFIER_ANSWERS_PER_DAY", "20"))
# Answers a day that an e-mail is used by an account outside the asker's sight (accounts.services).
ACCOUNTS_EMAIL_ANSWERS_PER_DAY = int(os.environ.get("ACCOUNTS_EMAIL_ANSWERS_PER_DAY", "20"))
# E-mail (the conference reminders, meetings/reminders.py): the console in development; production
# sets EMAIL_BACKEND (smtp) and its EMAIL_HOST… in the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "congdoan@localhost")
# A unit is reminded of one conference at most once in this many days; more overdue units than
# MEETINGS_REMINDERS_INLINE are e-mailed by a background job.
MEETINGS_REMINDER_INTERVAL_DAYS = int(os.environ.get("MEETINGS_REMINDER_INTERVAL_DAYS", "7"))
MEETINGS_REMINDERS_INLINE = int(os.environ.get("MEETINGS_REMINDERS_INLINE", "20"))
# A report file (xlsx) of a unit whose subtree holds more units than this is built by a background
# job with progress (reports.files); smaller ones download at once.
REPORTS_INLINE_UNITS = int(os.environ.get("REPORTS_INLINE_UNITS", "200"))
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
# Counted per identity and, separately, per client address (congdoan/accounts/lockout.py).
AXES_LOCKOUT_PARAMETERS = "congdoan.accounts.lockout.parameters"
AXES_USERNAME_CALLABLE = "congdoan.accounts.lockout.identity"
AXES_CLIENT_IP_CALLABLE = "congdoan.accounts.lockout.client_ip"
# Reverse proxies in front of the application that append to X-Forwarded-For (0: none, use REMOTE_ADDR).
CLIENT_IP_PROXY_COUNT = int(os.environ.get("CLIENT_IP_PROXY_COUNT", "0"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "congdoan.accounts.views.locked_out"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# Content-Security-Policy (django-csp): every script, style, font and image comes from this site
# (Bootstrap, HTMX, Chart.js and app.js are vendored, no CDN); no inline script or style, no eval.
# Behaviours are data attributes handled by core/static/core/app.js. Bootstrap's CSS draws its
# form icons as data: SVG images, hence "data:" for images only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The largest file a user may attach to a record (core.attachments), in bytes.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

HUEY = {
    "huey_class": "huey.RedisHuey",
    "name": "congdoan",
    "url": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    "immediate": False,
}

# Live progress of background jobs (and any other shared cache): Redis, shared by web and workers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "KEY_PREFIX": "congdoan",
    }
}

# One line a record; `LOG_FORMAT=json` (production's default) writes one JSON object a line. Every
# record carries the id of the request it was written for (congdoan.core.logs), never personal data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "congdoan.core.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "filters": {"request_id": {"()": "congdoan.core.logs.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # The consumer (run_huey) adds a handler of its own only when this logger has none.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
