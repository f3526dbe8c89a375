"""Two officers issuing at the same moment get two different numbers (PostgreSQL row locks)."""

import datetime as dt
import threading

import pytest
from django.apps import apps
from django.db import connection, connections

from congdoan.documents import services
from congdoan.documents.models import Document, DocumentCounter
from congdoan.organizations.tests.factories import UserFactory, grant
from tests.browser.conftest import _seed_operations

from .factories import draft

D = dt.date(2022, 4, 5)
ISSUERS = 6


@pytest.fixture
def seeded(transactional_db):
    """A transactional test starts after another one's flush: the catalogues are replayed from the
    data migrations' seed operations (as the browser tests do)."""
    for code in _seed_operations():
        code(apps, None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_concurrent_issues_take_distinct_numbers(seeded, tree):
    officers = []
    for i in range(ISSUERS):
        user = UserFactory(username=f"cdvc_{i}", home_unit=tree.cdvc)
        grant(user, tree.cdvc, "chu-tich")
        officers.append(user)
    drafts = [draft(officer, tree.cdvc, title=f"Kế hoạch {i}") for i, officer in enumerate(officers)]
    barrier = threading.Barrier(ISSUERS)
    errors = []

    def issue(officer, document):
        try:
            barrier.wait(timeout=10)
            services.document_issue(actor=officer, document=document, signed_on=D)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=pair) for pair in zip(officers, drafts, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    numbers = sorted(Document.objects.values_list("number", flat=True))
    assert numbers == list(range(1, ISSUERS + 1))
    assert DocumentCounter.objects.get().last_number == ISSUERS
