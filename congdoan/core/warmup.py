"""Work every process would otherwise do on its first request, done once when the WSGI application
is loaded (``config/wsgi.py``): with gunicorn's ``preload_app`` in the master, whose workers are
forked with it done (their memory pages shared), and without it in each worker before it accepts a
request.

Measured (bench/first_request.py, a worker's first request against its second, the page already in
the cache): importing the URLconf was nearly all of the first request's extra time: ``config.urls``
imports ``config.api``, and django-ninja builds every API operation's pydantic models at import
(~1,500 model classes, 3–4 s); then come the URL resolver's reverse tables (one per language), the
translation catalogues of each language, the compiled templates (Django's cached loader) and the
models' field tables. What is left of a first request is the worker's (each thread's) own
connections to PostgreSQL and Redis.

``warm_up`` opens no database connection and no cache connection (a socket must never be shared
by forked processes); each worker opens its own on first use.
"""

import contextlib
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation


def _templates(engine) -> list[str]:
    names: set[str] = set()
    for directory in engine.template_dirs:
        root = Path(directory)
        names.update(str(p.relative_to(root)) for p in root.rglob("*.html"))
    return sorted(names)


def warm_up() -> dict[str, float]:
    """Import the URLconf and build the resolver's tables, load each language's catalogue, compile
    every template of the Django engines and fill the models' field tables; returns the seconds each
    step took."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    resolver = get_resolver()
    _ = resolver.url_patterns  # imports config.urls, config.api and every app's urls and API
    timings["urls"] = time.perf_counter() - started
    started = time.perf_counter()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Lưu")  # loads the language's catalogues
            _ = resolver.reverse_dict  # the reverse tables are kept per language
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    timings["languages"] = time.perf_counter() - started
    started = time.perf_counter()
    for engine in engines.all():
        if not hasattr(engine, "engine"):  # a DjangoTemplates backend (its cached loader)
            continue
        for name in _templates(engine):
            with contextlib.suppress(TemplateDoesNotExist, TemplateSyntaxError):  # another engine's
                engine.get_template(name)
    timings["templates"] = time.perf_counter() - started
    started = time.perf_counter()
    for model in apps.get_models():  # the models' field tables, built lazily by the first query
        meta = model._meta
        meta.get_fields()
        _ = meta.concrete_fields, meta.local_concrete_fields, meta.fields_map, meta._forward_fields_map
    timings["models"] = time.perf_counter() - started
    LAST.clear()
    LAST.update(timings)
    return timings


LAST: dict[str, float] = {}  # the last warm-up's timings (bench/first_request.py prints them)
