"""What the page and API tests of the module share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(get) -> int:
    """The number of queries ``get()`` makes (after a warm-up call), asserting a 200."""
    get()
    with CaptureQueriesContext(connection) as seen:
        assert get().status_code == 200
    return len(seen)
