"""Officers entering the same receipt number of a drive at the same moment: one is written, the
others are told in Vietnamese, naming the field (the drive's row lock, then the unique constraint)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from congdoan.organizations.tests.factories import UserFactory, grant

from ..models import Contribution
from .factories import drive, give

WRITERS = 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_one_receipt_number_is_written_once(tree):
    officers = []
    for i in range(WRITERS):
        user = UserFactory(username=f"funds_{i}", home_unit=tree.cdvc)
        grant(user, tree.cdvc, "chu-tich")
        officers.append(user)
    d = drive(tree.cdvc, actor=officers[0])
    barrier = threading.Barrier(WRITERS)
    refused, other = [], []

    def record(officer):
        try:
            barrier.wait(timeout=10)
            give(d, tree.a, 100_000, actor=officer, receipt="BN-1")
        except ValidationError as error:
            refused.append(error.message_dict)
        except Exception as error:
            other.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record, args=(officer,)) for officer in officers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert other == []
    assert Contribution.objects.filter(drive=d).count() == 1
    assert len(refused) == WRITERS - 1 and all("receipt_no" in r for r in refused)
