import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from congdoan.core.models import AuditEntry
from congdoan.members import services
from congdoan.members.models import Membership, Person, Status, Transfer
from congdoan.members.selectors import MemberFilters, member_search, membership_counts
from congdoan.members.tests.factories import join
from congdoan.organizations import services as org_services

D = dt.date


def count_on(actor, unit, on):
    return {r["unit_id"]: r["members"] for r in membership_counts(actor=actor, unit=unit, on=on)}


class TestJoin:
    def test_join_opens_a_period_and_audits(self, tree, officer_a):
        person = join(tree.a, name="Trần Văn Bình", sex="M", actor=officer_a, id_number="001 090 012 345")
        assert person.id_number == "001090012345"
        assert person.unit == tree.a and person.status == Status.ACTIVE
        assert person.memberships.get().valid_from == D(2021, 1, 1)
        assert AuditEntry.objects.filter(action="member.join", object_id=str(person.pk)).exists()

    def test_bad_fields_are_named_and_nothing_written(self, tree, officer_a):
        with pytest.raises(ValidationError) as exc:
            join(tree.a, name="  ", sex="X", actor=officer_a, id_number="12345", phone="abc")
        assert {"full_name", "sex", "id_number", "phone"} <= set(exc.value.message_dict)
        assert Person.objects.count() == 0

    def test_duplicate_id_and_card_refused(self, tree, officer_a):
        join(tree.a, actor=officer_a, id_number="001090012345", card_number="HN-1")
        with pytest.raises(ValidationError) as exc:
            join(tree.a, actor=officer_a, id_number="001090012345")
        assert "id_number" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            join(tree.a, actor=officer_a, card_number="HN-1")
        assert "card_number" in exc.value.message_dict

    def test_only_grassroots_units_hold_members(self, tree, admin_user):
        with pytest.raises(ValidationError) as exc:
            join(tree.cdvc, actor=admin_user)
        assert "unit" in exc.value.message_dict

    def test_out_of_scope_and_view_only(self, tree, officer_a, viewer_a):
        with pytest.raises(Http404):
            join(tree.b, actor=officer_a)
        with pytest.raises(PermissionDenied):
            join(tree.a, actor=viewer_a)


class TestTransfer:
    def test_transfer_within_scope_completes_and_counts_by_date(self, tree, cdvc_officer):
        person = join(tree.a, actor=cdvc_officer)
        transfer = services.member_transfer(
            actor=cdvc_officer, person=person, to_unit=tree.b, on=D(2023, 5, 1)
        )
        assert transfer.state == Transfer.State.ACCEPTED
        person.refresh_from_db()
        assert person.unit == tree.b and person.card_number.startswith("T")
        periods = list(person.memberships.order_by("valid_from"))
        assert [(p.unit_id, p.valid_to, p.end_status) for p in periods] == [
            (tree.a.pk, D(2023, 5, 1), Status.TRANSFERRED),
            (tree.b.pk, None, ""),
        ]
        assert count_on(cdvc_officer, tree.cdvc, D(2023, 4, 30))[tree.a.pk] == 1
        assert count_on(cdvc_officer, tree.cdvc, D(2023, 5, 1))[tree.a.pk] == 0
        assert count_on(cdvc_officer, tree.cdvc, D(2023, 5, 1))[tree.b.pk] == 1

    def test_transfer_to_another_officers_unit_waits_for_acceptance(self, tree, officer_a, officer_b):
        person = join(tree.a, actor=officer_a)
        transfer = services.member_transfer(actor=officer_a, person=person, to_unit=tree.b, on=D(2023, 5, 1))
        assert transfer.state == Transfer.State.PENDING
        person.refresh_from_db()
        assert person.unit == tree.a
        with pytest.raises(Http404):
            services.transfer_accept(actor=officer_a, transfer=transfer)
        services.transfer_accept(actor=officer_b, transfer=transfer)
        person.refresh_from_db()
        assert person.unit == tree.b
        assert list(member_search(actor=officer_b, filters=MemberFilters())) == [person]
        assert list(member_search(actor=officer_a, filters=MemberFilters())) == []

    def test_rejected_transfer_leaves_member_in_place(self, tree, officer_a, officer_b):
        person = join(tree.a, actor=officer_a)
        transfer = services.member_transfer(actor=officer_a, person=person, to_unit=tree.b, on=D(2023, 5, 1))
        services.transfer_reject(actor=officer_b, transfer=transfer, note="Chưa đủ hồ sơ")
        person.refresh_from_db()
        assert person.unit == tree.a and person.memberships.count() == 1

    def test_transfer_before_period_start_refused(self, tree, cdvc_officer):
        person = join(tree.a, actor=cdvc_officer, on=D(2022, 1, 1))
        with pytest.raises(ValidationError) as exc:
            services.member_transfer(actor=cdvc_officer, person=person, to_unit=tree.b, on=D(2021, 1, 1))
        assert "on" in exc.value.message_dict


class TestLeaveRejoin:
    def test_leave_then_rejoin_keeps_history(self, tree, officer_a):
        person = join(tree.a, actor=officer_a)
        services.member_leave(actor=officer_a, person=person, on=D(2022, 3, 1), note="Nghỉ hưu")
        person.refresh_from_db()
        assert person.status == Status.LEFT
        assert list(member_search(actor=officer_a, filters=MemberFilters())) == []
        assert list(member_search(actor=officer_a, filters=MemberFilters(status=Status.LEFT))) == [person]
        services.member_rejoin(actor=officer_a, person=person, unit=tree.a, on=D(2023, 1, 1))
        person.refresh_from_db()
        assert person.status == Status.ACTIVE and person.memberships.count() == 2

    def test_exempt_and_back(self, tree, officer_a):
        person = join(tree.a, actor=officer_a)
        services.member_set_status(actor=officer_a, person=person, status=Status.EXEMPT, on=D(2022, 1, 1))
        person.refresh_from_db()
        assert person.status == Status.EXEMPT
        assert count_on(officer_a, tree.a, D(2022, 6, 1))[tree.a.pk] == 1


class TestTreeChanges:
    def test_merge_carries_members_to_the_survivor(self, tree, admin_user):
        person = join(tree.b, actor=admin_user)
        org_services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=D(2025, 7, 1))
        person.refresh_from_db()
        assert person.unit == tree.a and person.unit_path == tree.a.version_on(D(2025, 7, 1)).path
        assert count_on(admin_user, tree.cdvc, D(2025, 6, 30))[tree.b.pk] == 1
        assert count_on(admin_user, tree.cdvc, D(2025, 7, 1))[tree.a.pk] == 1

    def test_move_rewrites_member_paths(self, tree, admin_user):
        person = join(tree.a, actor=admin_user)
        org_services.unit_move(actor=admin_user, unit=tree.cdvc, new_parent=tree.other, on=D(2024, 1, 1))
        person.refresh_from_db()
        assert person.unit_path == tree.a.version_on(D(2024, 1, 1)).path
        assert person.unit_path.startswith(tree.other.version_on(D(2024, 1, 1)).path)

    def test_dissolving_a_unit_with_members_is_refused(self, tree, admin_user):
        join(tree.b, actor=admin_user)
        with pytest.raises(ValidationError) as exc:
            org_services.unit_dissolve(actor=admin_user, unit=tree.b, on=D(2025, 6, 1))
        assert "đoàn viên" in str(exc.value)
        tree.b.refresh_from_db()
        assert tree.b.valid_to is None


class TestSearch:
    @pytest.fixture
    def people(self, tree, admin_user):
        return [
            join(
                tree.a,
                name="Nguyễn Văn An",
                sex="M",
                actor=admin_user,
                card_number="HN001",
                phone="0912345678",
                id_number="001090000001",
            ),
            join(tree.a, name="Nguyễn Thị Ánh", actor=admin_user, policy_family=True),
            join(tree.b, name="Lê Văn Đức", sex="M", actor=admin_user),
        ]

    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            ("nguyen van a", ["Nguyễn Văn An"]),
            ("NGUYỄN văn", ["Nguyễn Văn An"]),
            ("anh", ["Nguyễn Thị Ánh"]),
            ("HN0", ["Nguyễn Văn An"]),
            ("001090000001", ["Nguyễn Văn An"]),
            ("0912 345", ["Nguyễn Văn An"]),
            ("duc", []),
        ],
    )
    def test_folded_search_in_scope(self, people, officer_a, q, expected):
        found = member_search(actor=officer_a, filters=MemberFilters(q=q))
        assert [p.full_name for p in found] == expected

    def test_filters(self, people, cdvc_officer, tree):
        f = MemberFilters(unit=tree.a, descendants=False, sex="F", policy_family=True)
        assert [p.full_name for p in member_search(actor=cdvc_officer, filters=f)] == ["Nguyễn Thị Ánh"]
        assert member_search(actor=cdvc_officer, filters=MemberFilters(unit=tree.cdvc)).count() == 3


def test_membership_rows_match_periods(tree, admin_user):
    join(tree.a, actor=admin_user)
    assert Membership.objects.filter(valid_to__isnull=True).count() == 1
