"""The rating's decision day and its disciplinary flag (issue 11 §6): the decider is the rated
union's directly-superior union on ``decided_on`` (the tree of that day), a union moved later keeps
its old decision; bad days are refused naming the field with nothing written. The disciplinary flag
is set by the union or its superior, and forced by a case another module records through
``emulation.hooks`` (the awards module's disciplines); ``discipline_source`` says where it came from."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congdoan.awards.models import Discipline
from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.emulation import hooks
from congdoan.emulation import rating as ratings
from congdoan.emulation.models import Rating
from congdoan.emulation.tests.test_ratings import sent
from congdoan.members.tests.factories import join
from congdoan.organizations import services as units
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

pytestmark = pytest.mark.django_db
SENT, DECIDED, MOVED = dt.date(2023, 12, 1), dt.date(2023, 12, 15), dt.date(2024, 3, 1)


@pytest.fixture
def moved(tree, admin_user):
    """CĐCS A moves from CĐVC to a new superior union on 01/03/2024."""
    new = make_unit("CDVC2", "Công đoàn Khối Doanh nghiệp tỉnh A", tree.prov, kind="cd-cap-tren-co-so")
    return new, lambda: units.unit_move(actor=admin_user, unit=tree.a, new_parent=new, on=MOVED)


def _excellent(actor, unit, as_of):
    return figures.compute(
        actor=actor, unit_id=unit.pk, names=["ratings.total"], period=Period.year(2023), as_of=as_of
    )["ratings.total"]


def test_a_union_moved_later_keeps_its_old_decision(tree, officer_a, cdvc_officer, moved):
    new, move = moved
    rating = ratings.rating_decide(actor=cdvc_officer, rating=sent(tree.a, officer_a, on=SENT), on=DECIDED)
    move()
    rating.refresh_from_db()
    assert (rating.state, rating.reviewer_id, rating.decided_on) == (
        Rating.State.DECIDED,
        tree.cdvc.pk,
        DECIDED,
    )
    assert _excellent(cdvc_officer, tree.cdvc, dt.date(2023, 12, 31)) == 1


def test_the_decider_is_the_superior_of_the_decision_day(tree, officer_a, cdvc_officer, moved):
    new, move = moved
    rating = sent(tree.a, officer_a, on=SENT)
    move()
    new_officer = UserFactory(username="cdvc2_officer", home_unit=new)
    grant(new_officer, new)
    with pytest.raises(ValidationError) as exc:
        ratings.rating_decide(actor=new_officer, rating=rating, reviewer=new, on=dt.date(2024, 1, 10))
    assert exc.value.message_dict["reviewer"] == [
        f"Đơn vị xếp loại: {new} không phải công đoàn cấp trên trực tiếp của {tree.a} vào ngày 10/01/2024."
    ]
    with pytest.raises(ValidationError) as exc:
        ratings.rating_decide(actor=cdvc_officer, rating=rating, reviewer=tree.cdvc)  # today: moved
    assert list(exc.value.message_dict) == ["reviewer"]
    rating.refresh_from_db()
    assert rating.state == Rating.State.SUBMITTED and rating.decided_on is None
    ratings.rating_decide(actor=cdvc_officer, rating=rating, reviewer=tree.cdvc, on=dt.date(2024, 1, 10))
    rating.refresh_from_db()
    assert (rating.state, rating.decided_on) == (Rating.State.DECIDED, dt.date(2024, 1, 10))


@pytest.mark.parametrize(
    "on, first",
    [(dt.date(2022, 12, 31), "01/12/2023"), (dt.date(2023, 11, 30), "01/12/2023"), (None, "01/12/2023")],
    ids=["before-the-year", "before-it-was-sent", "tomorrow"],
)
def test_a_bad_decision_day_is_named_and_nothing_is_written(tree, officer_a, cdvc_officer, on, first):
    rating = sent(tree.a, officer_a, on=SENT)
    on = on or ratings.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        ratings.rating_decide(actor=cdvc_officer, rating=rating, on=on)
    assert exc.value.message_dict["decided_on"] == [
        f"Ngày quyết định xếp loại: {on:%d/%m/%Y} phải từ ngày {first} đến hôm nay."
    ]
    rating.refresh_from_db()
    assert (rating.state, rating.decided_on, rating.grade_id) == (Rating.State.SUBMITTED, None, None)


def test_a_send_day_before_the_year_is_named(tree, officer_a):
    with pytest.raises(ValidationError) as exc:
        sent(tree.a, officer_a, on=dt.date(2022, 6, 1))
    assert list(exc.value.message_dict) == ["submitted_on"]
    assert Rating.objects.get(unit=tree.a).state == Rating.State.DRAFT


def test_the_superior_sets_the_disciplinary_flag_and_it_bars_the_top_grade(tree, officer_a, cdvc_officer):
    rating = ratings.rating_decide(actor=cdvc_officer, rating=sent(tree.a, officer_a), discipline_case=True)
    assert rating.discipline_case and not rating.grade.top
    assert rating.discipline_source == f"Công đoàn cấp trên xác định ({tree.cdvc})"
    assert "kỷ luật" in rating.barred


def test_a_case_recorded_by_another_module_forces_the_flag_and_cannot_be_cleared(
    tree, officer_a, cdvc_officer, monkeypatch
):
    monkeypatch.setattr(
        hooks, "_discipline_sources", {"Sổ kỷ luật": lambda ids, year: {tree.a.pk: "Cảnh cáo"}}
    )
    rating = sent(tree.a, officer_a, discipline=False)
    rating.refresh_from_db()
    assert (rating.discipline_case, rating.discipline_source) == (True, "Sổ kỷ luật: Cảnh cáo")
    with pytest.raises(ValidationError) as exc:
        ratings.rating_decide(actor=cdvc_officer, rating=rating, discipline_case=False)
    assert "đã có hồ sơ kỷ luật được ghi nhận" in exc.value.message_dict["discipline_case"][0]
    rating.refresh_from_db()
    assert rating.state == Rating.State.SUBMITTED
    rating = ratings.rating_decide(actor=cdvc_officer, rating=rating)
    assert rating.discipline_case and not rating.grade.top


def test_the_awards_module_registers_its_disciplines_as_a_source(tree, officer_a, admin_user):
    member = join(tree.a, name="Nguyễn Văn Kỷ")
    Discipline.objects.create(
        person=member,
        owner=tree.a,
        level=Discipline.Level.WARNING,
        starts_on=dt.date(2023, 5, 1),
        reference="12/QĐ",
    )
    Discipline.objects.create(
        unit=tree.b, owner=tree.cdvc, level=Discipline.Level.INVESTIGATION, starts_on=dt.date(2023, 5, 1)
    )
    found = hooks.recorded_disciplines([tree.a.pk, tree.b.pk], 2023)
    assert found == {tree.a.pk: "Hồ sơ kỷ luật: Cảnh cáo — Nguyễn Văn Kỷ (12/QĐ)"}
    assert hooks.recorded_disciplines([tree.a.pk], 2022) == {}


def test_the_migration_backfills_the_days_from_the_audit(tree, officer_a, officer_b, cdvc_officer):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("congdoan.emulation.migrations.0016_rating_decided_on")
    decided = ratings.rating_decide(actor=cdvc_officer, rating=sent(tree.a, officer_a))
    waiting = sent(tree.b, officer_b)
    Rating.objects.update(decided_on=None, submitted_on=None)
    migration.backfill_days(apps, None)
    decided.refresh_from_db()
    waiting.refresh_from_db()
    assert (decided.submitted_on, decided.decided_on) == (ratings.today(), ratings.today())
    assert (waiting.submitted_on, waiting.decided_on) == (ratings.today(), None)
