"""Dated writes to the register: authority today and on the date, lifetimes, windows, planned changes.

Issue 8, section 1. The tree is conftest's; ``moved`` is a tổ công đoàn that belonged to CĐCS A
until 01/06/2024 and to CĐCS B since.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from congdoan.core.dates import today
from congdoan.core.models import RuleValue
from congdoan.members import selectors, services
from congdoan.members.maintenance import refresh_current_units
from congdoan.members.models import Membership, Person, PositionKind, Status, Transfer
from congdoan.members.tests.factories import join
from congdoan.organizations import services as org
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.tests.factories import make_unit

MOVED_ON = dt.date(2024, 6, 1)
BEFORE_MOVE = dt.date(2024, 1, 15)


@pytest.fixture
def moved(tree, admin_user):
    unit = make_unit("TO_NOI", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    org.unit_move(actor=admin_user, unit=unit, new_parent=tree.b, on=MOVED_ON)
    return unit


def assert_paths_agree_with_parents():
    """Every version's path is its parent's path on each day it holds, plus its own segment."""
    for v in UnitVersion.objects.exclude(parent=None):
        days = {v.valid_from}
        days |= set(
            UnitVersion.objects.filter(unit_id=v.parent_id, valid_from__gt=v.valid_from).values_list(
                "valid_from", flat=True
            )
        )
        for day in days:
            if v.valid_to is not None and day >= v.valid_to:
                continue
            parent = Unit.objects.get(pk=v.parent_id).version_on(day)
            assert parent is not None and v.path.startswith(parent.path), (v, day)
            assert v.depth == parent.depth + 1


class TestAuthorityTodayAndOnTheDate:
    """Example: an officer of CĐCS A wrote, through a date before the move, into a unit that is B's."""

    def test_child_unit_under_a_unit_moved_away(self, tree, officer_a, moved):
        with pytest.raises(Http404):
            make_unit("TO_CON", "Tổ con", moved, kind="to-cong-doan", on=BEFORE_MOVE, actor=officer_a)
        assert not Unit.objects.filter(code="TO_CON").exists()

    def test_join_through_the_api_is_refused_and_writes_nothing(self, call, tree, officer_a, moved):
        body = {"unit_id": moved.pk, "on": "2024-01-20", "full_name": "Trần Văn Bình", "sex": "M"}
        response = call(officer_a, "POST", "/members", body)
        assert response.status_code == 404
        assert not Person.objects.exists()

    def test_transfer_into_it_waits_for_its_owner(self, tree, officer_a, officer_b, moved):
        lan = join(tree.a, actor=officer_a)
        transfer = services.member_transfer(
            actor=officer_a, person=lan, to_unit=moved, on=dt.date(2024, 2, 1)
        )
        assert transfer.state == Transfer.State.PENDING
        lan.refresh_from_db()
        assert lan.unit_id == tree.a.pk

    def test_the_cdvc_reaching_both_dates_may_backdate(self, tree, cdvc_officer, moved):
        child = make_unit("TO_CON", "Tổ con", moved, kind="to-cong-doan", on=BEFORE_MOVE, actor=cdvc_officer)
        assert child.version_on(BEFORE_MOVE).path.startswith(tree.a.version_on(BEFORE_MOVE).path)
        assert child.version_on(MOVED_ON).path.startswith(tree.b.version_on(MOVED_ON).path)
        assert_paths_agree_with_parents()
        member = join(child, actor=cdvc_officer, on=dt.date(2024, 2, 1))
        assert member.unit_path == child.version_on(today()).path
        assert member in selectors.members_in_scope(actor=cdvc_officer)

    def test_an_api_write_whose_answer_fails_is_rolled_back(self, call, tree, officer_a, monkeypatch):
        import congdoan.members.api as api

        def lost(*args, **kwargs):
            raise Http404

        monkeypatch.setattr(api, "_detail", lost)
        body = {"unit_id": tree.a.pk, "on": "2024-03-01", "full_name": "Trần Văn Bình", "sex": "M"}
        assert call(officer_a, "POST", "/members", body).status_code == 404
        assert not Person.objects.exists()


class TestClosingAfterLaterHistory:
    """Example: a merger dated before later joins left people active in a unit that no longer exists."""

    @pytest.mark.parametrize("closing", ["merge", "dissolve"])
    def test_join_after_the_closing_date(self, tree, admin_user, closing):
        join(tree.b, on=dt.date(2024, 9, 1))
        with pytest.raises(ValidationError) as exc:
            if closing == "merge":
                org.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=dt.date(2024, 6, 1))
            else:
                org.unit_dissolve(actor=admin_user, unit=tree.b, on=dt.date(2024, 6, 1))
        assert "01/09/2024" in exc.value.message_dict["on"][0]
        tree.b.refresh_from_db()
        assert tree.b.valid_to is None

    def test_transfer_in_after_the_closing_date(self, tree, admin_user):
        lan = join(tree.a, on=dt.date(2022, 1, 1))
        services.member_transfer(actor=admin_user, person=lan, to_unit=tree.b, on=dt.date(2024, 9, 1))
        with pytest.raises(ValidationError):
            org.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=dt.date(2024, 6, 1))
        assert Membership.objects.filter(unit=tree.b).count() == 1

    def test_counts_agree_after_a_merger_in_order(self, tree, admin_user):
        join(tree.b, on=dt.date(2024, 1, 1))
        org.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=dt.date(2024, 6, 1))
        active = Membership.objects.active(today()).filter(status=Status.ACTIVE)
        assert list(active.values_list("unit_id", flat=True)) == [tree.a.pk]


class TestWindowAndPlannedChanges:
    def test_leave_dated_in_the_future_is_planned_until_its_day(self, tree, officer_a):
        lan = join(tree.a, actor=officer_a)
        day = today() + dt.timedelta(days=10)
        services.member_leave(actor=officer_a, person=lan, on=day)
        lan.refresh_from_db()
        assert lan.status == Status.ACTIVE
        assert lan in selectors.member_search(
            actor=officer_a, filters=selectors.MemberFilters(status="active")
        )
        with pytest.raises(ValidationError) as exc:
            services.member_set_status(actor=officer_a, person=lan, status=Status.EXEMPT, on=today())
        assert day.strftime("%d/%m/%Y") in exc.value.messages[0]
        refresh_current_units(on=day)
        lan.refresh_from_db()
        assert lan.status == Status.LEFT

    def test_exemption_dated_in_the_future_is_planned(self, tree, officer_a):
        lan = join(tree.a, actor=officer_a)
        day = today() + dt.timedelta(days=3)
        services.member_set_status(actor=officer_a, person=lan, status=Status.EXEMPT, on=day)
        lan.refresh_from_db()
        assert lan.status == Status.ACTIVE
        refresh_current_units(on=day)
        lan.refresh_from_db()
        assert lan.status == Status.EXEMPT

    @pytest.mark.parametrize(
        "change",
        [
            "rename",
            "status",
            "leave",
            "transfer",
            "position",
            "create",
            "move",
            "guidance",
            "merge",
            "dissolve",
            "join",
            "rejoin",
            "correct",
            "position_end",
        ],
    )
    def test_a_date_past_the_horizon_is_refused(self, tree, admin_user, change):
        """Every service that takes an effective date (roles: accounts' test_services)."""
        lan = join(tree.a)
        far = dt.date(9999, 12, 31)
        kind = tree.a.version_on(today()).kind
        if change == "rejoin":
            services.member_leave(actor=admin_user, person=lan, on=dt.date(2022, 1, 1))
        held = None
        if change == "position_end":
            held = services.position_assign(
                actor=admin_user,
                person=lan,
                position=PositionKind.objects.first(),
                unit=tree.a,
                valid_from=dt.date(2022, 1, 1),
            )
        before = (UnitVersion.objects.count(), Membership.objects.count(), Unit.objects.count())
        calls = {
            "create": lambda: org.unit_create(
                actor=admin_user, code="MOI", name="Tổ mới", kind=kind, parent=tree.a, valid_from=far
            ),
            "move": lambda: org.unit_move(actor=admin_user, unit=tree.b, new_parent=tree.a, on=far),
            "guidance": lambda: org.unit_set_guidance(
                actor=admin_user, unit=tree.a, guidance_parent=tree.cdvc, on=far
            ),
            "merge": lambda: org.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=far),
            "dissolve": lambda: org.unit_dissolve(actor=admin_user, unit=tree.b, on=far),
            "join": lambda: join(tree.a, on=far),
            "rejoin": lambda: services.member_rejoin(actor=admin_user, person=lan, unit=tree.a, on=far),
            "correct": lambda: services.membership_correct(
                actor=admin_user, membership=lan.memberships.order_by("valid_from").first(), valid_from=far
            ),
            "position_end": lambda: services.position_end(actor=admin_user, position_held=held, on=far),
            "rename": lambda: org.unit_update(actor=admin_user, unit=tree.a, on=far, name="Tên mới"),
            "status": lambda: services.member_set_status(
                actor=admin_user, person=lan, status=Status.EXEMPT, on=far
            ),
            "leave": lambda: services.member_leave(actor=admin_user, person=lan, on=far),
            "transfer": lambda: services.member_transfer(
                actor=admin_user, person=lan, to_unit=tree.b, on=far
            ),
            "position": lambda: services.position_assign(
                actor=admin_user,
                person=lan,
                position=PositionKind.objects.first(),
                unit=tree.a,
                valid_from=far,
            ),
        }
        with pytest.raises(ValidationError) as exc:
            calls[change]()
        assert set(exc.value.message_dict) & {"on", "valid_from"}
        assert (UnitVersion.objects.count(), Membership.objects.count(), Unit.objects.count()) == before

    def test_the_horizon_is_a_dated_rule(self, tree, admin_user):
        RuleValue.objects.create(key="core.effective_horizon_days", value=5, valid_from=dt.date(2000, 1, 1))
        with pytest.raises(ValidationError) as exc:
            org.unit_update(actor=admin_user, unit=tree.a, on=today() + dt.timedelta(days=6), name="Tên mới")
        assert "5" in exc.value.message_dict["on"][0]
        org.unit_update(actor=admin_user, unit=tree.a, on=today() + dt.timedelta(days=5), name="Tên mới")


class TestLifetimes:
    def test_period_start_before_birth_is_refused(self, tree, officer_a):
        lan = join(tree.a, actor=officer_a, date_of_birth=dt.date(1990, 5, 1), on=dt.date(2021, 1, 1))
        period = lan.memberships.get()
        with pytest.raises(ValidationError) as exc:
            services.membership_correct(actor=officer_a, membership=period, valid_from=dt.date(1989, 1, 1))
        assert "valid_from" in exc.value.message_dict

    def test_period_start_before_the_unit_was_founded_is_refused(self, tree, admin_user):
        late = make_unit("CDCS_MOI", "Công đoàn cơ sở mới", tree.cdvc, on=dt.date(2022, 1, 1))
        lan = join(late, on=dt.date(2022, 3, 1), date_of_birth=dt.date(1980, 1, 1))
        with pytest.raises(ValidationError) as exc:
            services.membership_correct(
                actor=admin_user, membership=lan.memberships.get(), valid_from=dt.date(2021, 6, 1)
            )
        assert "01/01/2022" in exc.value.message_dict["valid_from"][0]

    def test_a_member_aged_nine_is_refused(self, tree, officer_a):
        with pytest.raises(ValidationError) as exc:
            join(tree.a, actor=officer_a, date_of_birth=dt.date(2015, 2, 1), on=dt.date(2024, 3, 1))
        message = exc.value.message_dict["on"][0]
        assert "9" in message and "15" in message
        assert not Person.objects.exists()

    def test_the_minimum_age_is_a_dated_rule(self, tree, officer_a):
        RuleValue.objects.create(key="members.min_age", value=18, valid_from=dt.date(2024, 1, 1))
        born = dt.date(2007, 1, 1)
        join(tree.a, actor=officer_a, date_of_birth=born, on=dt.date(2023, 6, 1))  # 16 under the old rule
        with pytest.raises(ValidationError):
            join(tree.a, actor=officer_a, date_of_birth=born, on=dt.date(2024, 6, 1))

    def test_join_in_the_future_is_refused(self, tree, officer_a):
        with pytest.raises(ValidationError) as exc:
            join(tree.a, actor=officer_a, on=today() + dt.timedelta(days=1))
        assert "on" in exc.value.message_dict


def test_errors_on_a_destination_outside_scope_do_not_name_it(tree, officer_a):
    lan = join(tree.a, actor=officer_a)
    with pytest.raises(ValidationError) as exc:
        services.member_transfer(actor=officer_a, person=lan, to_unit=tree.other, on=today())
    message = exc.value.message_dict["to_unit"][0]
    assert "tỉnh B" not in message and "đơn vị này" in message


def test_detail_page_shows_a_planned_leave_and_offers_no_other_change(client, tree, officer_a):
    lan = join(tree.a, actor=officer_a)
    day = today() + dt.timedelta(days=10)
    services.member_leave(actor=officer_a, person=lan, on=day)
    client.force_login(officer_a)
    body = client.get(f"/doan-vien/{lan.pk}/").content.decode()
    assert 'data-testid="planned"' in body and day.strftime("%d/%m/%Y") in body
    assert "Đang sinh hoạt" in body
    assert f"/doan-vien/{lan.pk}/ra-khoi/" not in body and f"/doan-vien/{lan.pk}/ket-nap-lai/" not in body
