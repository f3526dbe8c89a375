"""The rules of issue 13's initiatives: targets passed down and rolled up, the registration checks
(author shares, benefit, scope), the review and the figures."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from congdoan.core import figures
from congdoan.core.models import AuditEntry
from congdoan.core.periods import Period
from congdoan.initiatives import selectors, services
from congdoan.initiatives.models import Initiative, Target
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

from . import factories as f

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2023, 9, 1)
ROUND_1 = Period.custom(*f.ROUNDS[0])
FIGURES = ["initiatives.registered", "initiatives.recognised", "initiatives.target", "initiatives.percent"]


def _round(programme, number: int = 1):
    return programme.rounds.get(number=number)


def _errors(exc) -> dict:
    return exc.value.message_dict


# -- targets ---------------------------------------------------------------------------------------


def _generated_tree(root, rng: random.Random, depth: int = 3, width: tuple[int, int] = (1, 3)) -> list:
    """A random tree under ``root``: (unit, parent) pairs, parents first."""
    made, frontier = [], [root]
    for level in range(depth):
        following = []
        for parent in frontier:
            for i in range(rng.randint(*width)):
                unit = make_unit(
                    f"G{level}-{parent.pk}-{i}", f"Đơn vị {level}.{parent.pk}.{i}", parent, kind="cdcs"
                )
                made.append((unit, parent))
                following.append(unit)
        frontier = following
    return made


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_targets_passed_down_and_rolled_up_on_a_generated_tree(tree, admin_user, seed):
    """Each unit passes down part of what it received (never more); registered and recognised
    initiatives add up the tree; a unit's subtree target is its own; the figures agree with the
    progress table, and a parent's counts are its own plus its children's."""
    rng = random.Random(seed)
    made = _generated_tree(tree.other, rng)
    programme = f.programme(tree.root)
    round_ = _round(programme)
    received = {tree.other.pk: 10_000}
    services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.other, count=10_000)
    for unit, parent in made:  # parents first: each unit gives from what it got
        budget = received[parent.pk] // 4
        received[unit.pk] = rng.randint(1, max(1, budget))
        services.target_set(
            actor=admin_user, round=round_, given_by=parent, unit=unit, count=received[unit.pk]
        )
    for _unit, parent in made:
        given = sum(t.count for t in Target.objects.filter(round=round_, given_by=parent))
        assert given <= received[parent.pk]
    author = join(made[0][0])
    for unit, _parent in made:
        n = rng.randint(0, 3)
        if n:
            ids = f.register(unit, n, round_=round_, authors=[(author, Decimal(100))])
            chosen = ids[: rng.randint(0, n)]
            if chosen:
                f.recognise(chosen, unit)
    rows = selectors.round_progress(actor=admin_user, round=round_, unit=tree.other, as_of=AS_OF)
    by_path = {r.unit.path: r for r in rows}
    for r in rows:
        children = [c for c in rows if c.unit.path.startswith(r.unit.path) and c.indent == r.indent + 1]
        assert r.total.registered == r.own.registered + sum(c.total.registered for c in children)
        assert r.total.recognised == r.own.recognised + sum(c.total.recognised for c in children)
        assert r.total.target == received[r.unit.id]
        assert sum(c.total.target for c in children) <= r.total.target
        figures_row = figures.compute(
            actor=admin_user, unit_id=r.unit.id, names=FIGURES, period=ROUND_1, as_of=AS_OF
        )
        assert figures_row["initiatives.registered"] == r.total.registered
        assert figures_row["initiatives.recognised"] == r.total.recognised
        assert figures_row["initiatives.target"] == r.total.target
        assert figures_row["initiatives.percent"] == r.total.percent
    assert len(by_path) == len(made) + 1


def test_906_recognised_of_a_713_target_is_127_percent(tree, admin_user):
    """Seed 001: 906 initiatives = 127 % of the target the provincial federation gave (713: 127,07 %)."""
    programme = f.programme(tree.root)
    round_ = _round(programme)
    services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.prov, count=5000)
    services.target_set(actor=admin_user, round=round_, given_by=tree.prov, unit=tree.cdvc, count=713)
    ids = f.register(tree.a, 500, round_=round_) + f.register(tree.b, 406, round_=round_)
    f.recognise(ids, tree.cdvc)
    values = figures.compute(
        actor=admin_user, unit_id=tree.cdvc.pk, names=FIGURES, period=ROUND_1, as_of=AS_OF
    )
    assert values == {
        "initiatives.registered": 906,
        "initiatives.recognised": 906,
        "initiatives.target": 713,
        "initiatives.percent": 127,
    }
    (top, *_rest) = selectors.round_progress(actor=admin_user, round=round_, unit=tree.cdvc, as_of=AS_OF)
    assert (top.total.recognised, top.total.target, top.total.percent) == (906, 713, 127)
    # Before the decision (as of the round's last day) nothing was recognised yet.
    before = figures.compute(
        actor=admin_user, unit_id=tree.cdvc.pk, names=FIGURES, period=ROUND_1, as_of=dt.date(2022, 5, 31)
    )
    assert (before["initiatives.registered"], before["initiatives.recognised"]) == (906, 0)


def test_a_target_for_a_unit_not_below_the_setter_is_refused(tree, admin_user):
    programme = f.programme(tree.root)
    round_ = _round(programme)
    services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.prov, count=100)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=admin_user, round=round_, given_by=tree.prov, unit=tree.other, count=10)
    assert "không phải là đơn vị trực thuộc" in _errors(exc)["unit"][0]
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=admin_user, round=round_, given_by=tree.prov, unit=tree.prov, count=10)
    assert "unit" in _errors(exc)
    assert AuditEntry.objects.count() == before
    assert not Target.objects.filter(unit__in=[tree.other, tree.prov], given_by=tree.prov).exists()


def test_giving_down_more_than_received_needs_the_flag_and_a_reason(tree, admin_user):
    round_ = _round(f.programme(tree.root))
    services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.cdvc, count=10)
    services.target_set(actor=admin_user, round=round_, given_by=tree.cdvc, unit=tree.a, count=6)
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=admin_user, round=round_, given_by=tree.cdvc, unit=tree.b, count=5)
    assert "vượt số" in _errors(exc)["count"][0]
    with pytest.raises(ValidationError) as exc:
        services.target_set(
            actor=admin_user, round=round_, given_by=tree.cdvc, unit=tree.b, count=5, over_allocated=True
        )
    assert "over_reason" in _errors(exc)
    target = services.target_set(
        actor=admin_user,
        round=round_,
        given_by=tree.cdvc,
        unit=tree.b,
        count=5,
        over_allocated=True,
        over_reason="Đơn vị có nhiều sáng kiến tiềm năng",
    )
    assert target.over_allocated
    # A target cannot drop below what its unit has already passed down.
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.cdvc, count=3)
    assert "không thể giảm" in _errors(exc)["count"][0]


def test_a_level_holding_a_target_passes_it_down_itself(tree, admin_user):
    """The launcher cannot give CĐCS A a target past CĐVC, which holds one for the round."""
    round_ = _round(f.programme(tree.root))
    services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.cdvc, count=10)
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.a, count=2)
    assert "chỉ tiêu do" in _errors(exc)["unit"][0]
    # A unit without a target of the round cannot give one.
    with pytest.raises(ValidationError) as exc:
        services.target_set(actor=admin_user, round=round_, given_by=tree.prov, unit=tree.b, count=2)
    assert "given_by" in _errors(exc)


def test_an_officer_gives_targets_only_from_a_unit_they_manage(tree, officer_a, cdvc_officer):
    round_ = _round(f.programme(tree.root))
    services.target_set(actor=f._admin(), round=round_, given_by=tree.root, unit=tree.cdvc, count=10)
    services.target_set(actor=cdvc_officer, round=round_, given_by=tree.cdvc, unit=tree.a, count=4)
    with pytest.raises(Http404):  # CĐVC is outside officer_a's reach
        services.target_set(actor=officer_a, round=round_, given_by=tree.cdvc, unit=tree.b, count=1)
    assert Target.objects.filter(round=round_).count() == 2


# -- registration ----------------------------------------------------------------------------------


def test_author_shares_must_add_up_to_exactly_100(tree, admin_user):
    one, two = join(tree.a), join(tree.b)
    before = AuditEntry.objects.count()
    for shares in ((Decimal(60), Decimal(30)), (Decimal("50.01"), Decimal(50)), (Decimal(0), Decimal(100))):
        with pytest.raises(ValidationError) as exc:
            services.initiative_create(
                actor=admin_user,
                unit=tree.a,
                title="Số hóa hồ sơ",
                field=f.field(),
                applied_on=f.IN_ROUND_1,
                registered_on=f.IN_ROUND_1,
                authors=[(one.pk, shares[0]), (two.pk, shares[1])],
            )
        assert "Tác giả" in _errors(exc)["authors"][0]
    assert not Initiative.objects.exists()
    assert AuditEntry.objects.count() == before
    made = services.initiative_create(
        actor=admin_user,
        unit=tree.a,
        title="Số hóa hồ sơ",
        field=f.field(),
        applied_on=f.IN_ROUND_1,
        registered_on=f.IN_ROUND_1,
        authors=[(one.pk, "33,34"), (two.pk, Decimal("66.66"))],
        benefit=12_500_000,
    )
    assert sorted(a.share for a in made.authors.all()) == [Decimal("33.34"), Decimal("66.66")]
    assert AuditEntry.objects.filter(action="initiative.create", object_id=str(made.pk)).count() == 1


@pytest.mark.parametrize("benefit", [0, -1000, 1.5, True])
def test_a_benefit_is_a_positive_whole_number_of_dong(tree, admin_user, benefit):
    author = join(tree.a)
    with pytest.raises(ValidationError) as exc:
        services.initiative_create(
            actor=admin_user,
            unit=tree.a,
            title="Tiết kiệm điện",
            field=f.field(),
            applied_on=f.IN_ROUND_1,
            registered_on=f.IN_ROUND_1,
            authors=[(author.pk, 100)],
            benefit=benefit,
        )
    assert "benefit" in _errors(exc)


def test_an_author_outside_the_officers_reach_is_not_found(tree, officer_a):
    outsider = join(tree.b)
    with pytest.raises(ValidationError) as exc:
        services.initiative_create(
            actor=officer_a,
            unit=tree.a,
            title="Phần mềm chấm công",
            field=f.field(),
            applied_on=f.IN_ROUND_1,
            registered_on=f.IN_ROUND_1,
            authors=[(outsider.pk, 100)],
        )
    assert "không tìm thấy đoàn viên" in _errors(exc)["authors"][0]


def test_a_registration_outside_its_round_or_the_launchers_tree_is_refused(tree, admin_user):
    programme = f.programme(tree.cdvc, goal=None)
    round_ = _round(programme)
    with pytest.raises(ValidationError) as exc:
        f.register(tree.a, round_=round_, on=dt.date(2022, 6, 15))
    assert "nằm ngoài đợt 1" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        f.register(tree.other, round_=round_, authors=[(join(tree.a), Decimal(100))])
    assert "không thuộc đơn vị phát động" in str(exc.value)


def test_rounds_must_lie_in_the_programme_and_not_overlap(tree, admin_user):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            actor=admin_user,
            unit=tree.root,
            name="Chương trình thử",
            starts_on=f.LAUNCHED,
            ends_on=f.ENDS,
            rounds=[
                (dt.date(2022, 1, 1), dt.date(2022, 6, 30)),
                (dt.date(2022, 6, 1), dt.date(2022, 12, 31)),
            ],
        )
    assert "rounds" in _errors(exc)


# -- review ----------------------------------------------------------------------------------------


def test_review_by_a_level_of_the_initiatives_unit(tree, admin_user, officer_a):
    (pk,) = f.register(tree.a)
    initiative = Initiative.objects.get(pk=pk)
    services.initiative_review(actor=admin_user, initiative=initiative, step="start_review")
    with pytest.raises(ValidationError) as exc:
        services.initiative_review(
            actor=admin_user, initiative=initiative, step="recognise", unit=tree.b, on=f.DECIDED
        )
    assert "cấp trên" in _errors(exc)["unit"][0]
    with pytest.raises(ValidationError) as exc:
        services.initiative_review(actor=admin_user, initiative=initiative, step="refuse", unit=tree.cdvc)
    assert "reason" in _errors(exc)
    services.initiative_review(
        actor=admin_user, initiative=initiative, step="recognise", unit=tree.cdvc, on=f.DECIDED
    )
    initiative.refresh_from_db()
    assert (initiative.state, initiative.decided_by_id, initiative.decided_on) == (
        "recognised",
        tree.cdvc.pk,
        f.DECIDED,
    )
    with pytest.raises(ValidationError):  # no second decision
        services.initiative_review(
            actor=admin_user, initiative=initiative, step="refuse", reason="x", unit=tree.cdvc
        )
    # chủ tịch of CĐCS A holds initiatives.review there: a decision of a level above is not theirs.
    (other,) = f.register(tree.a)
    other = Initiative.objects.get(pk=other)
    services.initiative_review(actor=officer_a, initiative=other, step="start_review")
    with pytest.raises(ValidationError) as exc:
        services.initiative_review(
            actor=officer_a, initiative=other, step="recognise", unit=tree.cdvc, on=f.DECIDED
        )
    assert "không có quyền" in _errors(exc)["unit"][0]


def test_a_read_only_officer_cannot_review(tree, viewer_a):
    (pk,) = f.register(tree.a)
    with pytest.raises(PermissionDenied):
        services.initiative_review(
            actor=viewer_a, initiative=Initiative.objects.get(pk=pk), step="start_review"
        )


def test_recognised_initiatives_of_members_in_a_year(tree, admin_user):
    author, other = join(tree.a), join(tree.a)
    ids = f.register(tree.a, 2, authors=[(author, Decimal(70)), (other, Decimal(30))])
    f.recognise(ids[:1], tree.a)
    f.register(tree.a, authors=[(other, Decimal(100))])
    assert (
        list(selectors.recognised_initiatives(member_ids=[author.pk], year=2022).values_list("pk", flat=True))
        == ids[:1]
    )
    assert not selectors.recognised_initiatives(member_ids=[author.pk], year=2023).exists()


def test_a_unit_officer_does_not_see_a_siblings_initiatives(tree, officer_a):
    f.register(tree.b)
    (mine,) = f.register(tree.a)
    assert list(selectors.initiative_search(actor=officer_a).values_list("pk", flat=True)) == [mine]


def test_a_council_decision_is_linked_to_every_initiative_it_recognises(tree, admin_user):
    from congdoan.documents import links
    from congdoan.documents.tests.factories import draft

    decision = draft(admin_user, tree.cdvc, title="Quyết định công nhận sáng kiến")
    ids = f.register(tree.a, 3)
    services.initiatives_decide(actor=admin_user, initiative_ids=ids, step="start_review")
    elsewhere = draft(admin_user, tree.a, title="Văn bản của đơn vị khác")
    with pytest.raises(ValidationError) as exc:
        services.initiatives_decide(
            actor=admin_user,
            initiative_ids=ids,
            step="recognise",
            unit=tree.cdvc,
            on=f.DECIDED,
            document=elsewhere,
        )
    assert "document" in _errors(exc)
    services.initiatives_decide(
        actor=admin_user,
        initiative_ids=ids,
        step="recognise",
        unit=tree.cdvc,
        on=f.DECIDED,
        document=decision,
    )
    for initiative in Initiative.objects.filter(pk__in=ids):
        assert list(links.documents_of(initiative, role="decision")) == [decision]
    assert {t.label for t in links.targets_of(decision)} == {"Sáng kiến 1", "Sáng kiến 2", "Sáng kiến 3"}
    assert AuditEntry.objects.filter(action="initiative.recognise").count() == 3


def test_bulk_registration_takes_a_constant_number_of_queries(
    tree, admin_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author = join(tree.a)

    def count(n: int) -> int:
        rows = f.rows(tree.a, [(author, Decimal(100))], n)
        with CaptureQueriesContext(connection) as queries:
            services.initiatives_create(actor=admin_user, rows=rows)
        return len(queries)

    assert count(3) == count(40)
