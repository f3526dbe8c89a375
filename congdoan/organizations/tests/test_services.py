import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from congdoan.core.models import AuditEntry
from congdoan.organizations import services
from congdoan.organizations.models import RoleAssignment, Unit, UnitKind, UnitVersion
from congdoan.organizations.selectors import unit_search, unit_subtree
from congdoan.organizations.signals import units_merged
from congdoan.organizations.tests.factories import grant, make_unit

MERGER = dt.date(2025, 7, 1)
BEFORE = dt.date(2024, 12, 31)


def names(versions):
    return sorted(v.name for v in versions)


def children_on(unit, on):
    return names(UnitVersion.objects.active(on).filter(parent=unit))


def path_on(unit, on):
    return unit.version_on(on).path


class TestCreate:
    def test_child_path_extends_parent_path(self, tree):
        assert path_on(tree.a, BEFORE).startswith(path_on(tree.cdvc, BEFORE))
        assert tree.a.version_on(BEFORE).depth == 3

    def test_duplicate_code_is_refused_and_nothing_written(self, tree, admin_user):
        before = Unit.objects.count()
        with pytest.raises(ValidationError) as exc:
            make_unit("cdcs_a", "Trùng mã", tree.cdvc)
        assert "code" in exc.value.message_dict
        assert Unit.objects.count() == before

    def test_parent_must_exist_on_the_date(self, tree, admin_user):
        with pytest.raises(ValidationError) as exc:
            make_unit("EARLY", "Trước khi cấp trên thành lập", tree.a, on=dt.date(2010, 1, 1))
        assert "parent" in exc.value.message_dict

    def test_officer_creates_only_inside_own_subtree(self, tree, officer_a):
        kind = UnitKind.objects.get(code="to-cong-doan")
        unit = services.unit_create(
            actor=officer_a,
            code="TO1",
            name="Tổ công đoàn 1",
            kind=kind,
            parent=tree.a,
            valid_from=dt.date(2024, 1, 1),
        )
        assert unit.version_on(dt.date(2024, 1, 1)).parent_id == tree.a.pk
        with pytest.raises(Http404):
            services.unit_create(
                actor=officer_a,
                code="TO2",
                name="Tổ 2",
                kind=kind,
                parent=tree.b,
                valid_from=dt.date(2024, 1, 1),
            )

    def test_viewer_is_forbidden_not_hidden(self, tree, viewer_a):
        kind = UnitKind.objects.get(code="to-cong-doan")
        with pytest.raises(PermissionDenied):
            services.unit_create(
                actor=viewer_a,
                code="TO3",
                name="Tổ 3",
                kind=kind,
                parent=tree.a,
                valid_from=dt.date(2024, 1, 1),
            )


class TestRename:
    def test_rename_keeps_the_old_name_for_earlier_dates(self, tree, admin_user):
        services.unit_update(
            actor=admin_user, unit=tree.a, on=dt.date(2023, 3, 1), name="Công đoàn Sở Y tế Hà Nội"
        )
        assert tree.a.version_on(dt.date(2023, 2, 28)).name == "Công đoàn Sở Y tế"
        assert tree.a.version_on(dt.date(2023, 3, 1)).name == "Công đoàn Sở Y tế Hà Nội"
        assert tree.a.version_on(dt.date(2023, 2, 28)).valid_until == dt.date(2023, 2, 28)

    def test_change_dated_before_the_last_change_is_refused(self, tree, admin_user):
        services.unit_update(actor=admin_user, unit=tree.a, on=dt.date(2023, 3, 1), name="Tên mới")
        with pytest.raises(ValidationError) as exc:
            services.unit_update(actor=admin_user, unit=tree.a, on=dt.date(2022, 1, 1), name="Tên cũ hơn")
        assert "on" in exc.value.message_dict
        assert tree.a.versions.count() == 2

    def test_same_day_change_edits_in_place(self, tree, admin_user):
        services.unit_update(actor=admin_user, unit=tree.a, on=dt.date(2023, 3, 1), name="Tên 1")
        services.unit_update(actor=admin_user, unit=tree.a, on=dt.date(2023, 3, 1), name="Tên 2")
        assert tree.a.versions.count() == 2

    def test_search_without_diacritics(self, tree, admin_user):
        found = unit_search(actor=admin_user, q="so y te")
        assert [v.unit_id for v in found] == [tree.a.pk]
        assert [v.unit_id for v in unit_search(actor=admin_user, q="SỞ GIÁO")] == [tree.b.pk]


class TestMove:
    def test_move_rewrites_the_subtree_from_the_date_only(self, tree, admin_user):
        leaf = make_unit("LEAF", "Tổ công đoàn khoa Nội", tree.a, kind="to-cong-doan")
        on = dt.date(2024, 6, 1)
        services.unit_move(actor=admin_user, unit=tree.a, new_parent=tree.other, on=on)
        assert children_on(tree.cdvc, on) == ["Công đoàn Sở Giáo dục và Đào tạo"]
        assert children_on(tree.cdvc, on - dt.timedelta(days=1)) == [
            "Công đoàn Sở Giáo dục và Đào tạo",
            "Công đoàn Sở Y tế",
        ]
        assert path_on(leaf, on).startswith(path_on(tree.other, on))
        assert path_on(leaf, on - dt.timedelta(days=1)).startswith(path_on(tree.cdvc, on))
        assert leaf.version_on(on).depth == 3

    def test_cycle_is_refused_and_nothing_written(self, tree, admin_user):
        versions, entries = UnitVersion.objects.count(), AuditEntry.objects.count()
        with pytest.raises(ValidationError) as exc:
            services.unit_move(actor=admin_user, unit=tree.prov, new_parent=tree.a, on=dt.date(2024, 1, 1))
        assert "parent" in exc.value.message_dict
        assert "cấp dưới" in str(exc.value) or "trực thuộc" in str(exc.value)
        assert (UnitVersion.objects.count(), AuditEntry.objects.count()) == (versions, entries)

    def test_move_under_itself_is_refused(self, tree, admin_user):
        with pytest.raises(ValidationError):
            services.unit_move(actor=admin_user, unit=tree.a, new_parent=tree.a, on=dt.date(2024, 1, 1))

    def test_officer_of_a_cannot_move_own_unit(self, tree, officer_a):
        # Structure is decided by the level above: A's officer does not manage CĐVC.
        with pytest.raises(Http404):
            services.unit_move(actor=officer_a, unit=tree.a, new_parent=tree.b, on=dt.date(2024, 1, 1))


class TestMerge:
    @pytest.fixture
    def merged(self, tree, admin_user):
        sub = make_unit("SUB_B", "Công đoàn bộ phận trường THPT", tree.b, kind="cd-bo-phan")
        officer = grant(admin_user.__class__.objects.create(username="b_chair"), tree.b)
        services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=MERGER)
        tree.b.refresh_from_db()
        return sub, officer

    def test_tree_on_two_dates_around_the_merger(self, tree, merged):
        sub, _ = merged
        assert children_on(tree.cdvc, BEFORE) == ["Công đoàn Sở Giáo dục và Đào tạo", "Công đoàn Sở Y tế"]
        assert children_on(tree.cdvc, MERGER) == ["Công đoàn Sở Y tế"]
        assert children_on(tree.a, MERGER) == ["Công đoàn bộ phận trường THPT"]
        assert children_on(tree.b, BEFORE) == ["Công đoàn bộ phận trường THPT"]
        assert tree.b.valid_to == MERGER and tree.b.successor_id == tree.a.pk
        assert tree.b.end_reason == Unit.EndReason.MERGED
        assert tree.b.version_on(MERGER) is None

    def test_roles_move_to_the_survivor(self, tree, merged):
        _, old = merged
        old.refresh_from_db()
        assert old.valid_to == MERGER
        moved = RoleAssignment.objects.active(MERGER).get(user=old.user)
        assert moved.unit_id == tree.a.pk and moved.role_id == old.role_id

    def test_audit_rows_for_both_sides(self, tree, merged):
        actions = set(
            AuditEntry.objects.filter(action__in=["unit.merge", "unit.absorb"]).values_list(
                "action", "object_id"
            )
        )
        assert actions == {("unit.merge", str(tree.b.pk)), ("unit.absorb", str(tree.a.pk))}

    def test_subtree_query_reads_each_date(self, tree, merged, admin_user):
        sub, _ = merged
        on_before = [v.unit_id for v in unit_subtree(actor=admin_user, unit=tree.a, as_of=BEFORE)]
        on_after = [v.unit_id for v in unit_subtree(actor=admin_user, unit=tree.a, as_of=MERGER)]
        assert on_before == [tree.a.pk]
        assert on_after == [tree.a.pk, sub.pk]

    def test_merge_into_dissolved_unit_is_refused(self, tree, admin_user):
        services.unit_dissolve(actor=admin_user, unit=tree.other, on=dt.date(2024, 1, 1))
        with pytest.raises(ValidationError) as exc:
            services.unit_merge(actor=admin_user, survivor=tree.other, merged=[tree.b], on=MERGER)
        assert "survivor" in exc.value.message_dict
        assert tree.b.version_on(MERGER) is not None

    def test_survivor_inside_merged_unit_is_refused(self, tree, admin_user):
        with pytest.raises(ValidationError) as exc:
            services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.cdvc], on=MERGER)
        assert "survivor" in exc.value.message_dict

    def test_receiver_error_rolls_everything_back(self, tree, admin_user):
        def refuse(**kwargs):
            raise ValidationError({"merged": "còn hồ sơ đang xử lý"})

        units_merged.connect(refuse)
        entries = AuditEntry.objects.count()
        try:
            with pytest.raises(ValidationError):
                services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=MERGER)
        finally:
            units_merged.disconnect(refuse)
        tree.b.refresh_from_db()
        assert tree.b.valid_to is None
        assert AuditEntry.objects.count() == entries


class TestDissolve:
    def test_dissolution_closes_unit_and_roles(self, tree, admin_user, officer_b):
        on = dt.date(2025, 6, 1)
        services.unit_dissolve(actor=admin_user, unit=tree.b, on=on)
        tree.b.refresh_from_db()
        assert tree.b.end_reason == Unit.EndReason.DISSOLVED
        assert children_on(tree.cdvc, on) == ["Công đoàn Sở Y tế"]
        assert children_on(tree.cdvc, on - dt.timedelta(days=1)) == [
            "Công đoàn Sở Giáo dục và Đào tạo",
            "Công đoàn Sở Y tế",
        ]
        assert not RoleAssignment.objects.active(on).filter(user=officer_b).exists()

    def test_unit_with_children_is_refused(self, tree, admin_user):
        with pytest.raises(ValidationError) as exc:
            services.unit_dissolve(actor=admin_user, unit=tree.cdvc, on=dt.date(2025, 6, 1))
        assert "on" in exc.value.message_dict

    def test_cannot_dissolve_before_founding(self, tree, admin_user):
        with pytest.raises(ValidationError):
            services.unit_dissolve(actor=admin_user, unit=tree.b, on=dt.date(2019, 1, 1))


class TestGuidance:
    def test_guidance_link_is_dated(self, tree, admin_user):
        on = dt.date(2022, 1, 1)
        services.unit_set_guidance(actor=admin_user, unit=tree.cdvc, guidance_parent=tree.other, on=on)
        assert tree.cdvc.version_on(on).guidance_parent_id == tree.other.pk
        assert tree.cdvc.version_on(on - dt.timedelta(days=1)).guidance_parent_id is None

    def test_self_guidance_refused(self, tree, admin_user):
        with pytest.raises(ValidationError) as exc:
            services.unit_set_guidance(
                actor=admin_user, unit=tree.cdvc, guidance_parent=tree.cdvc, on=dt.date(2022, 1, 1)
            )
        assert "guidance_parent" in exc.value.message_dict

    def test_guided_units_follow_a_merger(self, tree, admin_user):
        services.unit_set_guidance(
            actor=admin_user, unit=tree.cdvc, guidance_parent=tree.other, on=dt.date(2022, 1, 1)
        )
        newcomer = make_unit("NEW", "LĐLĐ tỉnh mới", tree.root, kind="ldld-tinh")
        services.unit_merge(actor=admin_user, survivor=newcomer, merged=[tree.other], on=MERGER)
        assert tree.cdvc.version_on(MERGER).guidance_parent_id == newcomer.pk


class TestAudit:
    def test_every_service_writes_one_entry(self, tree, admin_user):
        counts = AuditEntry.objects.filter(action="unit.create").count()
        assert counts == 6
        entry = AuditEntry.objects.filter(action="unit.create", object_id=str(tree.a.pk)).get()
        assert entry.actor == admin_user and entry.after["name"] == "Công đoàn Sở Y tế"
        assert entry.unit_id == tree.a.pk

    def test_update_records_only_changed_fields(self, tree, admin_user):
        services.unit_update(actor=admin_user, unit=tree.a, on=dt.date(2023, 1, 1), address="Số 4 Sơn Tây")
        entry = AuditEntry.objects.filter(action="unit.update").get()
        assert entry.before == {"address": ""} or entry.before.get("address") == ""
        assert entry.after["address"] == "Số 4 Sơn Tây"
        assert "name" not in entry.after

    @pytest.mark.django_db(transaction=True)
    def test_audit_outside_a_transaction_is_refused(self, tree, admin_user):
        from congdoan.core import audit

        with pytest.raises(RuntimeError):
            audit.record(actor=admin_user, action="x", obj=tree.a, unit_id=tree.a.pk)

    def test_audit_rolls_back_with_the_service(self, tree, admin_user):
        entries = AuditEntry.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            services.unit_update(actor=admin_user, unit=tree.a, on=dt.date(2023, 1, 1), name="Tạm")
            raise RuntimeError("later failure in the same request")
        assert AuditEntry.objects.count() == entries


def test_merge_on_the_day_of_another_change(tree, admin_user):
    services.unit_update(actor=admin_user, unit=tree.b, on=MERGER, name="Tên đổi cùng ngày")
    services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=MERGER)
    assert tree.b.version_on(MERGER) is None
    assert tree.b.version_on(BEFORE).name == "Công đoàn Sở Giáo dục và Đào tạo"


@pytest.mark.parametrize("change", ["move", "dissolve", "merge"])
def test_a_date_outside_the_lifetime_of_a_unit_outside_scope_names_nothing(tree, cdvc_officer, change):
    """Issue 8, section 5: a dated change of a unit the actor cannot see, dated before it was
    founded, answered with its name and founding date ("Đơn vị Công đoàn Sở Tài chính tỉnh B chưa
    thành lập…"); it is not found, as on any other date."""
    later = make_unit("CDCS_TC_B", "Công đoàn Sở Tài chính tỉnh B", tree.other, on=dt.date(2024, 1, 1))
    on = dt.date(2023, 6, 1)  # CĐCS A exists, the unit outside the scope does not yet
    calls = {
        "move": lambda: services.unit_move(actor=cdvc_officer, unit=later, new_parent=tree.a, on=on),
        "dissolve": lambda: services.unit_dissolve(actor=cdvc_officer, unit=later, on=on),
        "merge": lambda: services.unit_merge(actor=cdvc_officer, survivor=tree.a, merged=[later], on=on),
    }
    before = AuditEntry.objects.count()
    with pytest.raises(Http404):
        calls[change]()
    assert AuditEntry.objects.count() == before and later.versions.count() == 1
