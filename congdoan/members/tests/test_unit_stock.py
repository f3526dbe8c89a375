"""``UnitStock``, the per-unit members today kept by the database's triggers (migration 0013):
every kind of write changes the figure at once, and after a random sequence of writes the summary
equals the live count of the person rows. Runs on SQLite (row triggers) and PostgreSQL
(statement triggers with transition tables)."""

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.db import connection

from congdoan.core.dates import today
from congdoan.demo.import_files import build_import_file
from congdoan.members import services
from congdoan.members.import_write import import_file
from congdoan.members.maintenance import refresh_current_units
from congdoan.members.models import Person, Sex, Status, UnitStock
from congdoan.members.selectors import stock_live, stock_today
from congdoan.members.tests.factories import join
from congdoan.organizations import services as unit_services
from congdoan.organizations.tests.factories import make_unit

D = dt.date


def counts(unit) -> tuple[int, int]:
    """(members, women) of ``unit`` as the summary holds them."""
    row = UnitStock.objects.filter(unit_id=unit.pk).values_list("members", "women").first()
    return row or (0, 0)


def root_path(tree) -> str:
    return tree.root.versions.get().path


def summary_is_live(tree) -> None:
    path = root_path(tree)
    assert sorted(stock_today(path)) == sorted(stock_live(path))
    assert not UnitStock.objects.filter(members__lt=0).exists()
    assert not UnitStock.objects.filter(women__lt=0).exists()


def test_a_join_a_sex_change_and_a_status_change_count_at_once(admin_user, tree):
    man = join(tree.a, sex=Sex.MALE, on=D(2024, 1, 1))
    woman = join(tree.a, sex=Sex.FEMALE, on=D(2024, 1, 1))
    assert counts(tree.a) == (2, 1)
    services.member_update(actor=admin_user, person=man, sex=Sex.FEMALE)
    assert counts(tree.a) == (2, 2)
    services.member_set_status(actor=admin_user, person=woman, status=Status.EXEMPT, on=today())
    assert counts(tree.a) == (2, 2)  # exempt members still count
    summary_is_live(tree)


def test_a_leave_and_a_transfer_count_at_once(admin_user, tree):
    leaver, mover, stayer = (join(tree.a, on=D(2024, 1, 1)) for _ in range(3))
    assert counts(tree.a) == (3, 3)
    services.member_leave(actor=admin_user, person=leaver, on=today())
    assert counts(tree.a) == (2, 2)
    services.member_transfer(actor=admin_user, person=mover, to_unit=tree.b, on=today())
    assert (counts(tree.a), counts(tree.b)) == ((1, 1), (1, 1))
    services.member_leave(actor=admin_user, person=stayer, on=today(), status=Status.DECEASED)
    assert counts(tree.a) == (0, 0)
    summary_is_live(tree)


def test_an_import_counts_at_once(officer_a, tree, tmp_path):
    join(tree.a, on=D(2024, 1, 1))
    build_import_file(tmp_path / "a.xlsx", 30, unit_codes=["CDCS_A"])
    import_file(actor=officer_a, path=tmp_path / "a.xlsx")
    assert counts(tree.a)[0] == 31
    summary_is_live(tree)


def test_a_merger_moves_the_count_at_once(admin_user, tree):
    c = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)
    for sex in (Sex.FEMALE, Sex.MALE, Sex.FEMALE):
        join(c, sex=sex, on=D(2024, 1, 1))
    join(tree.b, sex=Sex.MALE, on=D(2024, 1, 1))
    unit_services.unit_merge(actor=admin_user, survivor=tree.b, merged=[c], on=today())
    assert (counts(c), counts(tree.b)) == ((0, 0), (4, 2))
    summary_is_live(tree)


def test_the_daily_refresh_counts_a_leave_on_its_day(admin_user, tree):
    person = join(tree.a, on=D(2024, 1, 1))
    later = today() + dt.timedelta(days=3)
    services.member_leave(actor=admin_user, person=person, on=later)
    assert counts(tree.a) == (1, 1)  # still a member until the day
    refresh_current_units(on=later)
    assert counts(tree.a) == (0, 0)
    summary_is_live(tree)


def test_raw_sql_and_deletes_are_counted_too(tree):
    """The database keeps it: a write that bypasses the services (a bulk update, a delete)."""
    people = [join(tree.a, sex=Sex.MALE, on=D(2024, 1, 1)) for _ in range(4)]
    Person.objects.filter(pk__in=[p.pk for p in people[:2]]).update(
        unit=tree.b, unit_path=tree.b.versions.get().path
    )
    assert (counts(tree.a), counts(tree.b)) == ((2, 0), (2, 0))
    Person.objects.filter(pk=people[0].pk).update(sex=Sex.FEMALE, status=Status.LEFT)
    assert counts(tree.b) == (1, 0)
    Person.objects.filter(pk=people[0].pk).update(status=Status.ACTIVE)
    assert counts(tree.b) == (2, 1)
    Person.objects.filter(pk=people[1].pk).update(full_name="Trần Văn Đổi Tên")  # no counted column
    assert counts(tree.b) == (2, 1)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM members_membership WHERE person_id = %s", [people[2].pk])
        cursor.execute("DELETE FROM members_person WHERE id = %s", [people[2].pk])
    assert counts(tree.a) == (1, 0)
    summary_is_live(tree)


def test_after_a_random_sequence_of_writes_the_summary_equals_the_live_count(admin_user, tree):
    rng = random.Random(9)
    units = [tree.a, tree.b]
    people = [join(rng.choice(units), sex=rng.choice(Sex.values), on=D(2024, 1, 1)) for _ in range(12)]
    done = 0
    for _ in range(60):
        person = Person.objects.get(pk=rng.choice(people).pk)
        action = rng.choice(["sex", "status", "transfer", "leave", "bulk", "join"])
        if action != "join" and person.status not in (Status.ACTIVE, Status.EXEMPT):
            continue
        try:  # a change the rules refuse (a second one on the same day) writes nothing
            if action == "join":
                people.append(join(rng.choice(units), sex=rng.choice(Sex.values), on=D(2024, 1, 1)))
            elif action == "sex":
                services.member_update(actor=admin_user, person=person, sex=rng.choice(Sex.values))
            elif action == "status":
                other = Status.EXEMPT if person.status == Status.ACTIVE else Status.ACTIVE
                services.member_set_status(actor=admin_user, person=person, status=other, on=today())
            elif action == "transfer":
                target = tree.b if person.unit_id == tree.a.pk else tree.a
                services.member_transfer(actor=admin_user, person=person, to_unit=target, on=today())
            elif action == "leave":
                services.member_leave(actor=admin_user, person=person, on=today())
            else:
                Person.objects.filter(unit_id=rng.choice(units).pk).update(sex=rng.choice(Sex.values))
        except ValidationError:
            continue
        done += 1
    assert done > 30
    summary_is_live(tree)
    assert (
        sum(m for _, m, _ in stock_today(root_path(tree)))
        == Person.objects.filter(status__in=(Status.ACTIVE, Status.EXEMPT)).count()
    )
