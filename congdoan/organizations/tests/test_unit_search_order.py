"""Unit search that matches every word typed, in any order, and units in Vietnamese alphabetical
order (issue 9, "Search and order"); on SQLite and PostgreSQL alike."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from congdoan.core.text import vietnamese_sort_key
from congdoan.organizations import services
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.selectors import tree_children, unit_choices, unit_search
from congdoan.organizations.tests.factories import make_unit

CULTURE = "Trung tâm Văn hóa Thông tin tỉnh Khánh Hòa"
HOSPITAL = "Công đoàn Bệnh viện Đa khoa tỉnh Khánh Hòa"


@pytest.fixture
def khanh_hoa(tree):
    return [
        make_unit("VH", CULTURE, tree.cdvc),
        make_unit("BV", HOSPITAL, tree.cdvc),
        make_unit("BVX", "Công đoàn Bệnh viện Xanh Pôn", tree.cdvc),
    ]


@pytest.mark.parametrize(
    "q, found",
    [
        ("van hoa khanh hoa", [CULTURE]),
        ("khanh hoa van hoa", [CULTURE]),
        ("benh vien khanh hoa", [HOSPITAL]),
        ("BỆNH  viện", [HOSPITAL, "Công đoàn Bệnh viện Xanh Pôn"]),
        ("benh vien ha noi", []),
    ],
)
def test_every_word_in_any_order(admin_user, cdvc_officer, khanh_hoa, q, found):
    for actor in (admin_user, cdvc_officer):
        assert sorted(v.name for v in unit_search(actor=actor, q=q)) == sorted(found)
        picked = unit_choices(actor=actor, perm="units.view", q=q)
        assert sorted(v.name for v in picked) == sorted(found)


def test_the_picker_route_matches_every_word(client, cdvc_officer, khanh_hoa):
    client.force_login(cdvc_officer)
    text = client.get(reverse("organizations:choices"), {"q": "khanh hoa benh vien"}).content.decode()
    assert HOSPITAL in text and CULTURE not in text and "Xanh Pôn" not in text


def test_children_in_vietnamese_order(admin_user, tree):
    for i, name in enumerate(
        ["Công đoàn Đại học Y", "Công đoàn Dược", "Công đoàn Ăn uống", "Công đoàn An ninh"]
    ):
        make_unit(f"K{i}", name, tree.other)
    assert [v.name for v in tree_children(actor=admin_user, unit=tree.other)] == [
        "Công đoàn An ninh",
        "Công đoàn Ăn uống",
        "Công đoàn Dược",
        "Công đoàn Đại học Y",
    ]


def test_the_key_follows_renames_and_moves(admin_user, tree):
    unit = make_unit("K1", "Công đoàn Dược", tree.cdvc)
    team = make_unit("T1", "Tổ Đông y", unit, kind="to-cong-doan")
    services.unit_update(actor=admin_user, unit=unit, on=dt.date(2024, 1, 1), name="Công đoàn Đông y")
    services.unit_move(actor=admin_user, unit=unit, new_parent=tree.other, on=dt.date(2024, 6, 1))
    for version in UnitVersion.objects.filter(unit__in=[unit, team]):
        assert version.sort_key == vietnamese_sort_key(version.name, given_first=False)
    assert UnitVersion.objects.filter(unit=team).count() == 2  # the move reopened the team's version


def test_the_migration_fills_the_keys_of_versions_already_stored(tree):
    UnitVersion.objects.update(sort_key="")
    import_module("congdoan.organizations.migrations.0007_unitversion_sort_key").fill(apps, None)
    for version in UnitVersion.objects.all():
        assert version.sort_key == vietnamese_sort_key(version.name, given_first=False) != ""
