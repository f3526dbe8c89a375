"""Two officers of the block's leader reviewing the same sent score at once (issue 11, "one wins,
the other is told"): the review workflow's guarded UPDATE (``core.workflow.Reviewed``) lets one
step through and refuses the other naming the state; nothing of the loser is written. Needs
PostgreSQL's row locks (skipped on SQLite)."""

import threading
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from congdoan.core.models import AuditEntry
from congdoan.emulation import score_review
from congdoan.emulation.models import ScoreResult
from congdoan.organizations.tests.factories import UserFactory, grant

from .test_score_review import c_unit, pts, setup  # noqa: F401  (fixtures)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_leader_officers_reviewing_the_same_score_at_once_one_wins_the_other_is_told(
    tree,
    officer_a,
    officer_b,
    setup,  # noqa: F811
):
    khoi, sheet = setup  # B leads the block in 2022
    second = UserFactory(username="officer_b2", home_unit=tree.b)
    grant(second, tree.b, "chu-tich")
    result = score_review.score_self_assess(
        actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 45, 50, 3, 0)
    )
    score_review.score_step(actor=officer_a, result=result, step="submit")
    barrier = threading.Barrier(2)
    outcomes = {}

    def review(actor, act):
        try:
            obj = ScoreResult.objects.get(pk=result.pk)
            barrier.wait(timeout=10)
            act(actor, obj)
            outcomes[actor.username] = "ok"
        except ValidationError as error:
            outcomes[actor.username] = error.message_dict["state"][0]
        finally:
            connections.close_all()

    def accept(actor, obj):
        score_review.score_step(actor=actor, result=obj, step="accept")

    def adjust(actor, obj):
        points = pts(sheet, 40, 50, 3, -2)
        score_review.score_review(actor=actor, result=obj, points=points, reason="Thiếu minh chứng")

    threads = [
        threading.Thread(target=review, args=(officer_b, accept)),
        threading.Thread(target=review, args=(second, adjust)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(v == "ok" for v in outcomes.values()) == [False, True], outcomes
    assert "người khác xử lý" in next(v for v in outcomes.values() if v != "ok")
    winner = next(k for k, v in outcomes.items() if v == "ok")
    final = ScoreResult.objects.get(pk=result.pk)
    lines = {line.criterion.name: line.review_points for line in final.lines.all()}
    assert final.state == "reviewed"
    if winner == "officer_b":  # accepted: the unit's points are the leader's
        assert (final.review_total, lines["Chăm lo đoàn viên"]) == (D(98), D(45))
    else:  # adjusted
        assert (final.review_total, lines["Chăm lo đoàn viên"]) == (D(91), D(40))
    reviews = AuditEntry.objects.filter(action__in=("score.accept", "score.review_adjust"))
    assert reviews.count() == 1 and reviews.get().actor.username == winner
