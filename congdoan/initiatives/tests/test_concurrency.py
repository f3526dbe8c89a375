"""Two officers giving down at the same moment cannot together exceed what their unit received."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from congdoan.initiatives import services
from congdoan.initiatives.models import Target
from congdoan.organizations.tests.factories import UserFactory, grant

from . import factories as f


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_targets_stay_within_what_was_received(tree, admin_user):
    round_ = f.programme(tree.root).rounds.get(number=1)
    services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.cdvc, count=10)
    officers = []
    for i in range(2):
        user = UserFactory(username=f"cdvc_{i}", home_unit=tree.cdvc)
        grant(user, tree.cdvc, "chu-tich")
        officers.append(user)
    barrier = threading.Barrier(2)
    refused, errors = [], []

    def give(officer, unit):
        try:
            barrier.wait(timeout=10)
            services.target_set(actor=officer, round=round_, given_by=tree.cdvc, unit=unit, count=6)
        except ValidationError as error:
            refused.append(error)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=give, args=pair) for pair in zip(officers, (tree.a, tree.b), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == [] and len(refused) == 1
    assert sum(Target.objects.filter(round=round_, given_by=tree.cdvc).values_list("count", flat=True)) == 6
