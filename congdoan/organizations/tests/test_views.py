"""The organisation pages: scope, dates, search, each change form, and query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.organizations import services
from congdoan.organizations.models import Unit, UnitKind, UnitVersion
from congdoan.organizations.tests.factories import UserFactory, make_unit

ON = dt.date(2024, 1, 1)
ON_TEXT = "2024-01-01"
SO_GD = "Công đoàn Sở Giáo dục và Đào tạo"
SO_YT = "Công đoàn Sở Y tế"


def url(name, *args, **params):
    base = reverse(f"organizations:{name}", args=args)
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def kind_pk(code: str) -> int:
    return UnitKind.objects.get(code=code).pk


def written() -> tuple[int, int, int]:
    """What a failed change must leave untouched."""
    return Unit.objects.count(), UnitVersion.objects.count(), AuditEntry.objects.count()


# -- dashboard ---------------------------------------------------------------------------------


def test_home_counts_units_below_each_root(as_, admin_user, cdvc_officer, tree):
    body = as_(admin_user).get(reverse("home")).content.decode()
    assert "Tổng Liên đoàn Lao động Việt Nam" in body
    assert "5 đơn vị cấp dưới" in body
    body = as_(cdvc_officer).get(reverse("home")).content.decode()
    assert "Công đoàn Viên chức tỉnh A" in body
    assert "2 đơn vị cấp dưới" in body
    assert "Tổng Liên đoàn" not in body.split("<main", 1)[1]


def test_home_for_user_without_roles(as_, tree):
    response = as_(UserFactory()).get(reverse("home"))
    assert response.status_code == 200
    assert "chưa được phân công vai trò" in response.content.decode()


# -- the tree browser --------------------------------------------------------------------------


def test_tree_shows_only_the_officers_scope(as_, officer_a, tree):
    make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    response = as_(officer_a).get(url("tree"))
    body = response.content.decode()
    assert response.status_code == 200
    assert SO_YT in body
    assert url("children", tree.a.pk) in body  # A has a child, so it expands
    assert SO_GD not in body
    assert "Liên đoàn Lao động tỉnh B" not in body


def test_children_partial_is_scoped(as_, officer_a, cdvc_officer, tree):
    make_unit("A_T1", "Tổ công đoàn Khoa Nội", tree.a, kind="to-cong-doan")
    client = as_(officer_a)
    response = client.get(url("children", tree.a.pk))
    assert response.status_code == 200
    assert "Tổ công đoàn Khoa Nội" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert client.get(url("children", tree.cdvc.pk)).status_code == 404
    assert client.get(url("children", tree.b.pk)).status_code == 404

    body = as_(cdvc_officer).get(url("children", tree.cdvc.pk)).content.decode()
    assert SO_YT in body and SO_GD in body


def test_search_without_diacritics(as_, cdvc_officer, officer_a, tree):
    response = as_(cdvc_officer).get(url("tree", q="so y te"))
    body = response.content.decode()
    assert SO_YT in body
    assert SO_GD not in body
    assert "Công đoàn Viên chức tỉnh A" in body  # the result's path

    body = as_(officer_a).get(url("tree", q="giao duc")).content.decode()
    assert SO_GD not in body
    assert "Không tìm thấy" in body


def test_live_search_returns_a_partial(as_, cdvc_officer, tree):
    response = as_(cdvc_officer).get(url("tree", q="Sở"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert SO_YT in body and SO_GD in body


def test_search_is_paginated(as_, admin_user, tree):
    for i in range(55):
        make_unit(f"T{i:02}", f"Tổ công đoàn số {i:02}", tree.a, kind="to-cong-doan")
    client = as_(admin_user)
    first = client.get(url("tree", q="to cong doan so")).content.decode()
    assert "Tìm thấy 55 đơn vị" in first
    assert "Tổ công đoàn số 00" in first and "Tổ công đoàn số 54" not in first
    second = client.get(url("tree", q="to cong doan so", page=2)).content.decode()
    assert "Tổ công đoàn số 54" in second


def test_bad_date_is_a_message_not_a_crash(as_, officer_a, tree):
    client = as_(officer_a)
    for view_url in (url("tree", as_of="31/02/2024"), url("detail", tree.a.pk, as_of="hôm qua")):
        response = client.get(view_url)
        assert response.status_code == 400
        assert "không phải là ngày hợp lệ" in response.content.decode()


def test_as_of_before_a_merger_shows_the_old_structure(as_, admin_user, cdvc_officer, tree):
    services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=ON)
    client = as_(cdvc_officer)
    before = client.get(url("children", tree.cdvc.pk, as_of="2023-12-31")).content.decode()
    after = client.get(url("children", tree.cdvc.pk, as_of=ON_TEXT)).content.decode()
    assert SO_GD in before
    assert SO_GD not in after and SO_YT in after

    body = client.get(url("detail", tree.b.pk)).content.decode()
    assert f"Đã sáp nhập vào {SO_YT} từ ngày 01/01/2024." in body
    body = client.get(url("detail", tree.a.pk)).content.decode()
    assert SO_GD in body.split('data-testid="absorbed"', 1)[1]


# -- a unit's page -----------------------------------------------------------------------------


def test_detail_page(as_, admin_user, officer_a, tree):
    services.unit_update(actor=admin_user, unit=tree.a, on=ON, name="Công đoàn ngành Y tế")
    client = as_(officer_a)
    response = client.get(url("detail", tree.a.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Công đoàn ngành Y tế" in body
    assert "Công đoàn Viên chức tỉnh A" in body  # the managing parent, named but not linked
    assert url("detail", tree.cdvc.pk) not in body
    history = body.split('data-testid="versions"', 1)[1]
    assert SO_YT in history and "31/12/2023" in history
    audit = body.split('data-testid="audit"', 1)[1]
    assert "Sửa thông tin" in audit and f"{SO_YT} " in audit
    # Officers of A manage A but decide nothing about its place in the tree.
    assert url("edit", tree.a.pk) in body and url("create", tree.a.pk) in body
    assert url("move", tree.a.pk) not in body and url("dissolve", tree.a.pk) not in body

    old = client.get(url("detail", tree.a.pk, as_of="2023-06-01")).content.decode()
    assert f'<h1 class="h3 mb-1">{SO_YT}</h1>' in old


def test_detail_of_unit_above_shows_breadcrumbs_and_structure_buttons(as_, cdvc_officer, tree):
    body = as_(cdvc_officer).get(url("detail", tree.a.pk)).content.decode()
    crumbs = body.split('class="breadcrumb"', 1)[1].split("</ol>", 1)[0]
    assert "Liên đoàn Lao động tỉnh A" in crumbs
    assert url("detail", tree.cdvc.pk) in crumbs
    assert url("move", tree.a.pk) in body and url("dissolve", tree.a.pk) in body


def test_viewer_sees_no_change_buttons(as_, viewer_a, tree):
    body = as_(viewer_a).get(url("detail", tree.a.pk)).content.decode()
    assert 'data-testid="unit-actions"' not in body


# -- scope and permission on every route -------------------------------------------------------

UNIT_ROUTES = ["detail", "children", "create", "edit", "move", "guidance", "merge", "dissolve"]
CHANGE_ROUTES = ["create", "edit", "move", "guidance", "merge", "dissolve"]


@pytest.mark.parametrize("name", UNIT_ROUTES)
def test_out_of_scope_and_missing_units_are_404(as_, officer_a, tree, name):
    client = as_(officer_a)
    assert client.get(url(name, tree.b.pk)).status_code == 404
    assert client.get(url(name, 999999)).status_code == 404
    if name in CHANGE_ROUTES:
        before = written()
        assert client.post(url(name, tree.b.pk), {"on": ON_TEXT}).status_code == 404
        assert written() == before


@pytest.mark.parametrize("name", CHANGE_ROUTES)
def test_viewer_gets_403_on_changes(as_, viewer_a, tree, name):
    client = as_(viewer_a)
    before = written()
    assert client.get(url(name, tree.a.pk)).status_code == 403
    assert client.post(url(name, tree.a.pk), {"on": ON_TEXT, "name": "X"}).status_code == 403
    assert written() == before


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get(url("tree"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# -- the change forms: a happy path and a refused one each -------------------------------------


def test_create_child(as_, cdvc_officer, tree):
    client = as_(cdvc_officer)
    assert client.get(url("create", tree.cdvc.pk)).status_code == 200
    response = client.post(
        url("create", tree.cdvc.pk),
        {
            "code": "cdcs_c",
            "name": "Công đoàn Sở Tài chính",
            "short_name": "",
            "kind": kind_pk("cdcs"),
            "address": "",
            "guidance_parent": "",
            "valid_from": "01/03/2024",
        },
        follow=True,
    )
    unit = Unit.objects.get(code="CDCS_C")
    assert response.redirect_chain[-1][0] == url("detail", unit.pk, as_of="2024-03-01")
    assert "Đã thêm đơn vị Công đoàn Sở Tài chính." in response.content.decode()
    assert unit.version_on(dt.date(2024, 3, 1)).parent_id == tree.cdvc.pk


def test_create_with_a_used_code_is_refused(as_, cdvc_officer, tree):
    client = as_(cdvc_officer)
    before = written()
    response = client.post(
        url("create", tree.cdvc.pk),
        {"code": "CDCS_A", "name": "Trùng mã", "kind": kind_pk("cdcs"), "valid_from": ON_TEXT},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == ["Mã đơn vị 'CDCS_A' đã được dùng."]
    assert written() == before


def test_edit_renames_from_a_date(as_, officer_a, tree):
    client = as_(officer_a)
    page = client.get(url("edit", tree.a.pk))
    assert page.status_code == 200 and f'value="{SO_YT}"' in page.content.decode()
    response = client.post(
        url("edit", tree.a.pk),
        {
            "name": "Công đoàn ngành Y tế",
            "short_name": "CĐ YT",
            "kind": kind_pk("cdcs"),
            "address": "",
            "on": ON_TEXT,
        },
    )
    assert response.status_code == 302
    assert tree.a.version_on(ON).name == "Công đoàn ngành Y tế"
    assert tree.a.version_on(dt.date(2023, 12, 31)).name == SO_YT


def test_edit_without_changes_or_name_is_refused(as_, officer_a, tree):
    client = as_(officer_a)
    before = written()
    same = {"name": SO_YT, "short_name": "", "kind": kind_pk("cdcs"), "address": "", "on": ON_TEXT}
    response = client.post(url("edit", tree.a.pk), same)
    assert response.status_code == 400
    assert "Không có thay đổi nào để lưu." in response.content.decode()
    response = client.post(url("edit", tree.a.pk), {**same, "name": "  "})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert written() == before


def test_move(as_, cdvc_officer, tree):
    response = as_(cdvc_officer).post(url("move", tree.b.pk), {"parent": tree.a.pk, "on": ON_TEXT})
    assert response.status_code == 302
    assert tree.b.version_on(ON).parent_id == tree.a.pk
    assert tree.b.version_on(dt.date(2023, 12, 31)).parent_id == tree.cdvc.pk


def test_move_under_own_descendant_is_refused(as_, admin_user, tree):
    client = as_(admin_user)
    before = written()
    response = client.post(url("move", tree.prov.pk), {"parent": tree.a.pk, "on": ON_TEXT})
    assert response.status_code == 400
    assert response.context["form"].errors["parent"] == [
        "Không thể chuyển đơn vị vào chính nó hoặc một đơn vị trực thuộc của nó."
    ]
    assert written() == before


@pytest.mark.parametrize("change", ["move", "edit", "guidance", "dissolve", "create"])
def test_a_date_before_the_unit_existed_is_named_and_the_lists_stay(as_, cdvc_officer, tree, change):
    """Example: a move dated before the unit existed said "choose a valid option" and emptied the list."""
    date_field = "valid_from" if change == "create" else "on"
    before = written()
    response = as_(cdvc_officer).post(url(change, tree.b.pk), {"parent": tree.a.pk, date_field: "2019-05-01"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "chưa thành lập vào ngày 01/05/2019 (thành lập ngày 01/01/2020)" in errors[date_field][0]
    assert "parent" not in errors
    if change == "move":
        offered = {v.unit_id for v in response.context["form"].fields["parent"].options()}
        assert offered == {tree.cdvc.pk, tree.a.pk}
    assert written() == before


def test_move_offers_only_units_the_actor_manages(as_, cdvc_officer, tree):
    response = as_(cdvc_officer).get(url("move", tree.b.pk))
    offered = {v.unit_id for v in response.context["form"].fields["parent"].options()}
    assert offered == {tree.cdvc.pk, tree.a.pk}  # never the unit itself
    refused = as_(cdvc_officer).post(url("move", tree.b.pk), {"parent": tree.other.pk, "on": ON_TEXT})
    assert refused.status_code == 400 and "parent" in refused.context["form"].errors


def test_set_and_clear_guidance(as_, admin_user, tree):
    vn = make_unit("CDVC_VN", "Công đoàn Viên chức Việt Nam", tree.root, kind="cd-nganh-tw")
    client = as_(admin_user)
    assert (
        client.post(url("guidance", tree.cdvc.pk), {"guidance_parent": vn.pk, "on": ON_TEXT}).status_code
        == 302
    )
    body = client.get(url("detail", tree.cdvc.pk)).content.decode()
    assert "Công đoàn Viên chức Việt Nam" in body.split('data-testid="guidance"', 1)[1].split("</dd>", 1)[0]
    later = "2024-06-01"
    assert client.post(url("guidance", tree.cdvc.pk), {"guidance_parent": "", "on": later}).status_code == 302
    assert tree.cdvc.version_on(dt.date(2024, 6, 1)).guidance_parent_id is None


def test_guidance_to_itself_is_refused(as_, admin_user, tree):
    before = written()
    response = as_(admin_user).post(
        url("guidance", tree.cdvc.pk), {"guidance_parent": tree.cdvc.pk, "on": ON_TEXT}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["guidance_parent"] == ["Một đơn vị không thể tự chỉ đạo chính nó."]
    assert written() == before


def test_merge(as_, cdvc_officer, tree):
    response = as_(cdvc_officer).post(url("merge", tree.a.pk), {"merged": [tree.b.pk], "on": ON_TEXT})
    assert response.status_code == 302
    tree.b.refresh_from_db()
    assert tree.b.successor_id == tree.a.pk and tree.b.valid_to == ON


def test_merge_refusals(as_, admin_user, tree):
    services.unit_update(actor=admin_user, unit=tree.b, on=dt.date(2024, 6, 1), address="Số 1 Lê Lợi")
    client = as_(admin_user)
    before = written()
    response = client.post(url("merge", tree.a.pk), {"on": ON_TEXT})
    assert response.status_code == 400 and "merged" in response.context["form"].errors
    response = client.post(url("merge", tree.a.pk), {"merged": [tree.cdvc.pk], "on": ON_TEXT})
    assert response.status_code == 400 and "merged" in response.context["form"].errors  # not offered
    response = client.post(url("merge", tree.a.pk), {"merged": [tree.b.pk], "on": ON_TEXT})
    assert response.status_code == 400
    assert "đã có thay đổi từ ngày 01/06/2024" in response.context["form"].errors["on"][0]
    assert written() == before


def test_dissolve(as_, cdvc_officer, tree):
    client = as_(cdvc_officer)
    before = written()
    response = client.post(url("dissolve", tree.b.pk), {"on": ON_TEXT})
    assert response.status_code == 400 and "confirm" in response.context["form"].errors
    assert written() == before
    response = client.post(url("dissolve", tree.b.pk), {"on": ON_TEXT, "confirm": "on"}, follow=True)
    assert "Đã giải thể từ ngày 01/01/2024." in response.content.decode()
    tree.b.refresh_from_db()
    assert tree.b.end_reason == Unit.EndReason.DISSOLVED


def test_dissolve_a_unit_with_children_is_refused(as_, admin_user, tree):
    before = written()
    response = as_(admin_user).post(url("dissolve", tree.cdvc.pk), {"on": ON_TEXT, "confirm": "on"})
    assert response.status_code == 400
    assert "còn 2 đơn vị trực thuộc" in response.context["form"].errors["on"][0]
    assert written() == before


# -- query counts ------------------------------------------------------------------------------


def _add_children(parent: Unit, start: int, stop: int) -> None:
    """Children that each have a child of their own, so every row is expandable."""
    for i in range(start, stop):
        child = make_unit(f"C{i:03}", f"Công đoàn bộ phận {i:03}", parent, kind="cd-bo-phan")
        make_unit(f"G{i:03}", f"Tổ công đoàn {i:03}", child, kind="to-cong-doan")


def _query_count(client, path: str) -> int:
    client.get(path)  # warm up: the first request of a session may differ
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        lambda t: url("children", t.a.pk),
        lambda t: url("tree"),
        lambda t: url("tree", q="cong doan"),
        lambda t: url("detail", t.a.pk),
    ],
    ids=["children", "tree", "search", "detail"],
)
def test_query_count_does_not_grow_with_the_tree(as_, cdvc_officer, tree, django_assert_num_queries, path):
    client = as_(cdvc_officer)
    _add_children(tree.a, 0, 3)
    small = _query_count(client, path(tree))
    _add_children(tree.a, 3, 30)
    client.get(path(tree))
    with django_assert_num_queries(small):
        client.get(path(tree))
