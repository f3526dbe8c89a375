"""The member figures of the registry (core.figures): values on a small tree, the roll-up rules, the
tree of the date, and the statistics page agreeing with the dashboard (issues 9 and 15)."""

import datetime as dt

import pytest
from django.http import Http404

from congdoan.core import figures
from congdoan.core.dates import today
from congdoan.core.periods import Period
from congdoan.core.rollup import nearest_ancestor
from congdoan.members import services
from congdoan.members.maintenance import refresh_current_units
from congdoan.members.models import Person, Status
from congdoan.members.selectors import membership_statistics, stock_on, stock_today
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record
from congdoan.organizations import services as unit_services
from congdoan.organizations.selectors import subtree_units
from congdoan.organizations.tests.factories import make_unit

D = dt.date
Y2024 = Period.year(2024)
MID_2024 = D(2024, 6, 30)
NAMES = (
    "members.total",
    "members.female",
    "members.joined",
    "members.left",
    "workforce.total",
    "members.rate_percent",
    "units.grassroots",
)


@pytest.fixture
def members(tree, admin_user):
    """CĐCS A (with a team T under it) and CĐCS B, their members and workforce figures:

    - A: An (F), Bình (M), Chi (F) since 2021; Bình leaves on 01/03/2024. Workforce 10 (T's 2 included).
    - T: Dung (F) joins 02/02/2024. Workforce 2.
    - B: Em (F), Giang (M) since 2021; Hà (M) joins 01/05/2024. Workforce 5.
    """
    team = make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    old = D(2021, 1, 1)
    join(tree.a, name="Nguyễn Thị An", sex="F", on=old)
    binh = join(tree.a, name="Lê Văn Bình", sex="M", on=old)
    join(tree.a, name="Trần Thị Chi", sex="F", on=old)
    services.member_leave(actor=admin_user, person=binh, on=D(2024, 3, 1))
    join(team, name="Phạm Thị Dung", sex="F", on=D(2024, 2, 2))
    join(tree.b, name="Võ Thị Em", sex="F", on=old)
    join(tree.b, name="Đỗ Văn Giang", sex="M", on=old)
    join(tree.b, name="Hồ Văn Hà", sex="M", on=D(2024, 5, 1))
    for unit, total in ((tree.a, 10), (team, 2), (tree.b, 5)):
        workforce_record(actor=admin_user, unit=unit, on=D(2024, 1, 1), total=total, women=0)
    return team


def by_unit(rows):
    return {r.unit.id: r for r in rows}


def test_figures_of_each_unit_on_a_small_tree(cdvc_officer, tree, members):
    rows = by_unit(
        figures.rows(actor=cdvc_officer, unit_id=tree.cdvc.pk, names=NAMES, period=Y2024, as_of=MID_2024)
    )
    got = {uid: tuple(r.total[name] for name in NAMES) for uid, r in rows.items()}
    #          total female joined left workforce rate grassroots
    assert got == {
        tree.cdvc.pk: (6, 4, 2, 1, 15, 40, 2),
        tree.a.pk: (3, 3, 1, 1, 10, 30, 1),  # A's own 10 counts T's staff: not 12
        members.pk: (1, 1, 1, 0, 2, 50, 0),
        tree.b.pk: (3, 1, 1, 0, 5, 60, 1),
    }
    assert rows[tree.a.pk].own["members.total"] == 2 and rows[tree.cdvc.pk].own["members.total"] == 0
    for unit in (tree.cdvc, tree.a, members, tree.b):  # the totals alone, without rolling up every unit
        arguments = {"unit_id": unit.pk, "names": NAMES, "period": Y2024, "as_of": MID_2024}
        assert figures.compute(actor=cdvc_officer, **arguments) == rows[unit.pk].total
    assert [r.indent for r in rows.values()] == [0, 1, 2, 1]


def test_additive_figures_of_a_parent_are_the_sum_of_its_children(admin_user, tree, members):
    """For every unit of the root's subtree: own + the totals of its direct sub-units."""
    rows = figures.rows(actor=admin_user, unit_id=tree.root.pk, names=NAMES, period=Y2024, as_of=MID_2024)
    paths = {r.unit.path for r in rows}
    additive = [name for name in NAMES if figures.get(name).rule == figures.Rollup.SUM]
    assert set(additive) == {
        "members.total",
        "members.female",
        "members.joined",
        "members.left",
        "units.grassroots",
    }
    for row in rows:
        children = [r for r in rows if nearest_ancestor(r.unit.path, paths) == row.unit.path]
        for name in additive:
            assert row.total[name] == row.own.get(name, 0) + sum(c.total[name] for c in children), (row, name)
    top = rows[0].total
    assert top["members.total"] == 6 and top["workforce.total"] == 15  # OTHER records none: still 15
    assert figures.compute(
        actor=admin_user, unit_id=tree.root.pk, names=["members.rate_percent"], period=Y2024, as_of=MID_2024
    ) == {"members.with_workforce": 6, "workforce.total": 15, "members.rate_percent": 40}


def test_flows_count_the_days_of_the_period_up_to_the_as_of_date(cdvc_officer, tree, members):
    def flows(period, as_of):
        values = figures.compute(
            actor=cdvc_officer,
            unit_id=tree.cdvc.pk,
            names=["members.joined", "members.left"],
            period=period,
            as_of=as_of,
        )
        return values["members.joined"], values["members.left"]

    assert flows(Y2024, D(2024, 2, 29)) == (1, 0)  # Dung; Bình's leave takes effect on 01/03
    assert flows(Y2024, D(2024, 3, 1)) == (1, 1)
    assert flows(Period.half_year(2024, 1), D(2024, 12, 31)) == (2, 1)
    assert flows(Period.year(2021), D(2021, 12, 31)) == (5, 0)  # the first periods of 2021
    assert flows(Period.year(2023), D(2023, 12, 31)) == (0, 0)


def test_a_past_period_reads_the_tree_of_its_date(admin_user, cdvc_officer, tree, members):
    """B moves from the CĐVC to the other province on 01/01/2025: the CĐVC's 2024 figures keep
    counting B, those of today do not, and the other province counts B only from 2025."""
    unit_services.unit_move(actor=admin_user, unit=tree.b, new_parent=tree.other, on=D(2025, 1, 1))

    def total(unit, period, as_of):
        return figures.compute(
            actor=admin_user, unit_id=unit.pk, names=["members.total"], period=period, as_of=as_of
        )["members.total"]

    assert total(tree.cdvc, Y2024, MID_2024) == 6
    assert total(tree.other, Y2024, MID_2024) == 0
    assert total(tree.cdvc, Period.year(2025), D(2025, 6, 30)) == 3
    assert total(tree.other, Period.year(2025), D(2025, 6, 30)) == 3
    # The statistics of 2024 read the same after the move.
    assert [
        r.total.members for r in membership_statistics(actor=cdvc_officer, unit=tree.cdvc, on=MID_2024)
    ] == [
        6,
        3,
        1,
        3,
    ]


def test_a_unit_that_did_not_exist_has_no_figures(admin_user, tree, members):
    assert (
        figures.compute(
            actor=admin_user, unit_id=members.pk, names=NAMES, period=Period.year(2019), as_of=D(2019, 6, 30)
        )
        == {}
    )


def test_out_of_reach_is_404_and_readable_only_leaves_out(officer_a, viewer_a, tree, members):
    with pytest.raises(Http404):
        figures.compute(actor=officer_a, unit_id=tree.b.pk, names=NAMES, period=Y2024, as_of=MID_2024)
    assert (
        figures.compute(
            actor=officer_a,
            unit_id=tree.b.pk,
            names=NAMES,
            period=Y2024,
            as_of=MID_2024,
            readable_only=True,
        )
        == {}
    )


def test_the_statistics_and_the_dashboard_give_the_same_figures(client, cdvc_officer, tree, members):
    """One way to count: the statistics' top row and the dashboard's card read the same registry."""
    stats = membership_statistics(actor=cdvc_officer, unit=tree.cdvc, on=MID_2024)[0].total
    client.force_login(cdvc_officer)
    response = client.get("/", {"unit": tree.cdvc.pk, "ky": "2024", "as_of": "2024-06-30"})
    (card,) = [c for c in response.context["cards"] if c["card"].key == "members"]
    shown = {figure.name: value for figure, value in card["values"]}
    assert (
        (stats.members, stats.women, stats.workforce, stats.rate)
        == (
            shown["members.total"],
            shown["members.female"],
            shown["workforce.total"],
            shown["members.rate_percent"],
        )
        == (6, 4, 15, 40)
    )
    assert (shown["members.joined"], shown["members.left"]) == (2, 1)
    html = response.content.decode()
    assert (
        '<dd class="col-5 text-end mb-1 fw-semibold" data-figure="members.rate_percent">40\u00a0%</dd>'
        in html
    )


def test_group_queries_do_not_grow_with_the_tree(django_assert_num_queries, admin_user, tree, members):
    def count():
        return figures.compute(
            actor=admin_user, unit_id=tree.root.pk, names=NAMES, period=Y2024, as_of=MID_2024
        )

    # the root's path, the nodes, grassroots, members (stock, joins, leavers), workforce, and the
    # rate's coverage (the units with a workforce, the paths)
    with django_assert_num_queries(9):
        count()
    for i in range(4):
        unit = make_unit(f"X{i}", f"Công đoàn Sở {i}", tree.other)
        join(unit, sex="F", on=D(2023, 1, 1))
        workforce_record(actor=admin_user, unit=unit, on=D(2024, 1, 1), total=3, women=0)
    with django_assert_num_queries(9):
        assert count()["members.total"] == 10


def test_todays_count_from_the_person_rows_is_the_count_from_the_periods(
    admin_user, officer_a, tree, members
):
    """``stock_today`` (the dashboard's fast path) and ``stock_on`` (any date) agree, after
    transfers, an exemption, a merger, a move, and a leave dated in the future on its day."""
    people = {p.full_name: p for p in Person.objects.all()}
    services.member_set_status(
        actor=admin_user, person=people["Trần Thị Chi"], status=Status.EXEMPT, on=D(2024, 7, 1)
    )
    services.member_transfer(actor=admin_user, person=people["Võ Thị Em"], to_unit=members, on=D(2024, 8, 1))
    services.member_transfer(
        actor=officer_a, person=people["Nguyễn Thị An"], to_unit=tree.b, on=D(2024, 9, 1)
    )
    c = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)
    join(c, sex="F", on=D(2024, 1, 1))
    unit_services.unit_merge(actor=admin_user, survivor=tree.b, merged=[c], on=D(2025, 1, 1))
    unit_services.unit_move(actor=admin_user, unit=tree.b, new_parent=tree.other, on=D(2025, 2, 1))
    later = today() + dt.timedelta(days=3)
    services.member_leave(actor=admin_user, person=people["Hồ Văn Hà"], on=later)

    def agree(on):
        root = tree.root.versions.get().path
        periods = sorted(stock_on(on, subtree_units(root, on)))
        assert sorted(stock_today(root)) == periods
        return periods

    before = agree(today())
    refresh_current_units(on=later)  # the daily task on the leave's day
    assert agree(later) != before
