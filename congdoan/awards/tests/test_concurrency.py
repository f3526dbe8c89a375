"""Two officers deciding the same nomination at once: one decision is recorded, the other is told
(core.workflow's guarded UPDATE), and nothing of the loser's stays (PostgreSQL, threads)."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from congdoan.awards import decisions
from congdoan.awards.models import Award, Decision, Nomination
from congdoan.documents.models import Document
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import UserFactory, grant

from .factories import nominate


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_one_wins(tree):
    officers = []
    for i in range(2):
        user = UserFactory(username=f"cdvc_{i}", home_unit=tree.cdvc)
        grant(user, tree.cdvc, "chu-tich")
        officers.append(user)
    n = nominate(
        tree.cdvc, "giay-khen", people=[join(tree.a), join(tree.b)], issuer=tree.cdvc, state="passed"
    )
    copies = [Nomination.objects.get(pk=n.pk) for _ in officers]  # each officer read it as "đạt"
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(officer, nomination):
        try:
            barrier.wait(timeout=10)
            decisions.decision_record(
                actor=officer,
                nominations=[nomination],
                title="Khen thưởng",
                signed_on=dt.date(2022, 12, 20),
                signer_name=officer.username,
                signer_position="Chủ tịch",
            )
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=pair) for pair in zip(officers, copies, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted(outcomes)[-1] == "ok" and outcomes.count("ok") == 1, outcomes
    told = next(o for o in outcomes if o != "ok")
    assert "người khác xử lý trước bạn" in told
    assert Decision.objects.count() == 1 and Award.objects.count() == 2
    assert Document.objects.count() == 1  # the loser's document rolled back with it
    assert Nomination.objects.get(pk=n.pk).state == Nomination.State.DECIDED
