"""The WSGI warm-up (congdoan/core/warmup.py): it leaves the URLconf imported, the reverse tables and
the templates compiled, and touches no database (forked workers must not share a connection): the
test has no database access, so a query would raise."""

import sys

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from congdoan.core.warmup import warm_up


def test_warm_up_prepares_the_first_request_without_the_database():
    timings = warm_up()
    assert set(timings) == {"urls", "languages", "templates", "models"}
    assert "config.api" in sys.modules and "config.urls" in sys.modules
    loader = engines["django"].engine.template_loaders[0]
    assert isinstance(loader, CachedLoader)
    assert "portal/public/article.html" in loader.get_template_cache
