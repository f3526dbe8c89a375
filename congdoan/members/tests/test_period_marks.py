"""The periods' derived columns (``Membership.first``, ``Membership.sex``, migration 0015) and the
figures read from them: equal to the computations they replaced (a ``NOT EXISTS`` on an earlier
period of the person for the joins, a join of the people for the women on a past date), on factory
data with transfers, an exemption, a leave and a rejoin, corrections of a start date and of a sex,
an import, a merger (issue 15 §6, docs/scaling.md)."""

import datetime as dt
import importlib
from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth

from congdoan.core.figures import FigureQuery
from congdoan.core.periods import Period
from congdoan.members import import_write, importing, services
from congdoan.members.models import IN_UNIT, Membership, Person, Sex, Status
from congdoan.members.selectors import member_figure_values, member_flows_by_month
from congdoan.members.tests.factories import join
from congdoan.members.tests.test_importing import member, write_xlsx
from congdoan.organizations import services as unit_services
from congdoan.organizations.selectors import subtree_units
from congdoan.organizations.tests.factories import make_unit

D = dt.date
FLOW_NAMES = frozenset({"members.joined", "members.left"})
NAMES = frozenset({"members.total", "members.female", *FLOW_NAMES})


# -- the computations before migration 0015 (what the stored columns must reproduce) ----------------


def _old_joined(units, query):
    earlier = Membership.objects.filter(
        person_id=OuterRef("person_id"), valid_from__lt=OuterRef("valid_from")
    )
    return Membership.objects.filter(
        unit_id__in=units, valid_from__gte=query.period.start, valid_from__lte=query.flow_end
    ).filter(~Exists(earlier))


def _old_left(units, query):
    return Membership.objects.filter(
        unit_id__in=units,
        valid_to__gte=query.period.start,
        valid_to__lte=query.flow_end,
        end_status__in=(Status.LEFT, Status.DECEASED),
    )


def old_values(query):
    units = subtree_units(query.path, query.as_of)
    values = defaultdict(dict)
    stock = (
        Membership.objects.active(query.as_of)
        .filter(unit_id__in=units, status__in=IN_UNIT)
        .values_list("unit_id")
        .annotate(n=Count("id"), women=Count("id", filter=Q(person__sex=Sex.FEMALE)))
        .order_by()
    )
    for unit_id, n, women in stock:
        values[unit_id].update({"members.total": n, "members.female": women})
    for name, periods in (("members.joined", _old_joined), ("members.left", _old_left)):
        for r in periods(units, query).values("unit_id").annotate(n=Count("*")).order_by():
            values[r["unit_id"]][name] = r["n"]
    return dict(values)


def old_months(query):
    units = subtree_units(query.path, query.as_of)
    months = defaultdict(dict)
    for name, periods, on in (
        ("members.joined", _old_joined, "valid_from"),
        ("members.left", _old_left, "valid_to"),
    ):
        rows = periods(units, query).annotate(month=TruncMonth(on)).values("month").annotate(n=Count("*"))
        for r in rows.order_by():
            month = r["month"].date() if isinstance(r["month"], dt.datetime) else r["month"]
            months[month][name] = r["n"]
    return dict(months)


def assert_marks_exact():
    """Every period's stored columns equal what they are derived from."""
    for m in Membership.objects.select_related("person"):
        earlier = Membership.objects.filter(person_id=m.person_id, valid_from__lt=m.valid_from).exists()
        assert (m.first, m.sex) == (not earlier, m.person.sex), m


# -- a history with every kind of write -------------------------------------------------------------


@pytest.fixture
def history(admin_user, officer_a, tree, tmp_path):
    """CĐCS A and B, a team under A, a CĐCS C merged into B on 01/01/2025; people who join, transfer
    (twice), are exempted, leave and rejoin, die, have a period's start corrected and their sex
    corrected, and arrive by an import."""
    team = make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    c = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)
    p = {}
    for key, unit, sex, on in (
        ("an", tree.a, "F", D(2021, 1, 1)),
        ("binh", tree.a, "M", D(2021, 3, 15)),
        ("chi", tree.a, "F", D(2023, 6, 1)),
        ("dung", team, "F", D(2024, 2, 2)),
        ("em", tree.b, "F", D(2022, 1, 1)),
        ("giang", tree.b, "M", D(2024, 5, 1)),
        ("ha", c, "F", D(2023, 1, 1)),
        ("khanh", c, "M", D(2024, 7, 1)),
    ):
        p[key] = join(unit, name=f"Người {key}", sex=sex, on=on)
    services.member_transfer(actor=admin_user, person=p["an"], to_unit=tree.b, on=D(2023, 4, 1))
    services.member_transfer(actor=admin_user, person=p["an"], to_unit=team, on=D(2024, 3, 1))
    services.member_set_status(actor=admin_user, person=p["chi"], status=Status.EXEMPT, on=D(2024, 1, 1))
    services.member_leave(actor=admin_user, person=p["binh"], on=D(2023, 2, 1))
    services.member_rejoin(actor=admin_user, person=p["binh"], unit=tree.b, on=D(2024, 4, 1))
    services.member_leave(actor=admin_user, person=p["giang"], on=D(2024, 9, 1), status=Status.DECEASED)
    # Corrections: a first period's start moved earlier, a transfer's start moved later.
    first_of_em = Membership.objects.get(person=p["em"])
    services.membership_correct(actor=admin_user, membership=first_of_em, valid_from=D(2021, 6, 1))
    second_of_an = Membership.objects.get(person=p["an"], unit=tree.b)
    services.membership_correct(actor=admin_user, membership=second_of_an, valid_from=D(2023, 5, 1))
    services.member_update(actor=admin_user, person=p["khanh"], sex="F")
    services.member_update(actor=admin_user, person=Person.objects.get(pk=p["em"].pk), sex="M")
    # An import: two new members of A and a correction of one known person's sex.
    new_rows = [member(1, sex="Nữ", joined_union_on="01/08/2024"), member(2, joined_union_on="10/08/2024")]
    import_write.member_import_apply(
        actor=officer_a, rows=importing.read_sheet(write_xlsx(tmp_path / "moi.xlsx", new_rows)).rows
    )
    changed = [member(2, sex="Nữ", joined_union_on="10/08/2024")]
    import_write.member_import_apply(
        actor=officer_a, rows=importing.read_sheet(write_xlsx(tmp_path / "sua.xlsx", changed)).rows
    )
    unit_services.unit_merge(actor=admin_user, survivor=tree.b, merged=[c], on=D(2025, 1, 1))
    return p


def test_the_stored_marks_equal_what_they_are_derived_from(history):
    assert_marks_exact()
    assert Membership.objects.filter(first=False).count() == 6  # 2 transfers, exemption, rejoin, merger × 2
    assert set(Membership.objects.filter(person=history["khanh"]).values_list("sex", flat=True)) == {"F"}
    imported = Person.objects.get(full_name="Nguyễn Văn Nhập 2")
    assert list(Membership.objects.filter(person=imported).values_list("sex", "first")) == [("F", True)]


@pytest.mark.parametrize(
    "period,as_of",
    [
        (Period.year(2023), D(2023, 12, 31)),
        (Period.year(2024), D(2024, 12, 31)),
        (Period.year(2024), D(2024, 6, 30)),
        (Period.year(2025), D(2025, 1, 1)),
        (Period(D(2021, 1, 1), D(2025, 12, 31), "2021–2025"), D(2025, 3, 1)),
    ],
    ids=str,
)
def test_the_figures_equal_the_old_computation(history, tree, period, as_of):
    for unit in (tree.root, tree.cdvc, tree.a, tree.b):
        path = unit.version_on(as_of).path
        query = FigureQuery(None, unit.pk, path, period, as_of, NAMES)
        got = member_figure_values(query)
        assert {u: dict(v) for u, v in got.items()} == old_values(query)
        months = member_flows_by_month(FigureQuery(None, unit.pk, path, period, as_of, FLOW_NAMES))
        assert {m: dict(v) for m, v in months.items()} == old_months(query)
    # Not vacuous: the root's 2024 has joins, a rejoin and a transfer that must not count, leavers.
    root = FigureQuery(None, tree.root.pk, tree.root.version_on(as_of).path, period, as_of, NAMES)
    assert sum(v.get("members.joined", 0) for v in old_values(root).values()) or period.start.year == 2025


def test_a_period_written_before_the_persons_others_takes_the_first_mark(history, tree):
    """Written through the model (as a service would), an earlier period demotes the later ones; a
    start moved before another period (a correction written directly) swaps the marks."""
    person = history["dung"]
    earlier = Membership.objects.create(
        person=person, unit=tree.a, valid_from=D(2022, 1, 1), valid_to=D(2023, 1, 1), end_status=Status.LEFT
    )
    assert earlier.first and earlier.sex == "F"
    assert_marks_exact()
    earlier.valid_from, earlier.valid_to = D(2025, 6, 1), D(2025, 7, 1)
    earlier.save()
    assert not earlier.first
    assert_marks_exact()


def test_a_write_changes_the_figures_at_once(admin_user, tree):
    query = FigureQuery(
        None, tree.a.pk, tree.a.version_on(D(2024, 12, 31)).path, Period.year(2024), D(2024, 12, 31), NAMES
    )
    person = join(tree.a, sex="M", on=D(2024, 3, 1))
    assert member_figure_values(query)[tree.a.pk] == {
        "members.total": 1,
        "members.female": 0,
        "members.joined": 1,
    }
    services.member_update(actor=admin_user, person=person, sex="F")
    assert member_figure_values(query)[tree.a.pk]["members.female"] == 1
    services.membership_correct(
        actor=admin_user, membership=Membership.objects.get(person=person), valid_from=D(2023, 3, 1)
    )
    assert "members.joined" not in member_figure_values(query)[tree.a.pk]


def test_the_migration_backfills_the_marks(history):
    """Migration 0015's backfill (one UPDATE ... FROM on PostgreSQL, the ORM's on SQLite) gives the
    columns the services write."""
    migration = importlib.import_module("congdoan.members.migrations.0015_membership_first_sex")
    Membership.objects.update(first=False, sex="")
    migration.backfill(apps, SimpleNamespace(connection=connection))  # all it reads of the schema editor
    assert_marks_exact()
