"""The accounts pages: logging in, lockout, passwords, profile and tokens, accounts and roles in scope,
the audit log, and query counts."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.accounts import services
from congdoan.accounts.models import ApiToken, User
from congdoan.core.models import AuditEntry
from congdoan.organizations.models import RoleAssignment, RoleKind
from congdoan.organizations.tests.factories import UserFactory, grant

PASSWORD = "matkhau-123"  # UserFactory's
NEW_PASSWORD = "mat-khau-moi-2024"
LOGIN_URL = "/tai-khoan/dang-nhap/"
BAD_LOGIN = "Tên đăng nhập (hoặc email) hoặc mật khẩu không đúng."


def url(name, *args):
    return reverse(f"accounts:{name}", args=args)


def written() -> tuple[int, int, int]:
    return User.objects.count(), RoleAssignment.objects.count(), AuditEntry.objects.count()


def errors(response, field):
    return response.context["form"].errors.get(field, [])


@pytest.fixture
def account_manager_a(tree):
    """May manage accounts of CĐCS A but holds nothing else there."""
    role = RoleKind.objects.create(
        code="quan-ly-tai-khoan", name="Quản lý tài khoản", permissions=["accounts.view", "accounts.manage"]
    )
    user = UserFactory(username="account_manager_a", home_unit=tree.a)
    grant(user, tree.a, role.code)
    return user


# -- logging in and out --------------------------------------------------------------------------


@pytest.mark.parametrize("login", ["officer_a", "OFFICER_A@example.vn"])
def test_login_with_username_or_email(client, officer_a, login):
    page = client.get(LOGIN_URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="username"' in body and 'name="password"' in body and 'type="submit"' in body
    response = client.post(LOGIN_URL, {"username": login, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(url("profile")).context["user"] == officer_a


def test_login_keeps_next(client, officer_a):
    response = client.post(
        f"{LOGIN_URL}?next=/don-vi/", {"username": "officer_a", "password": PASSWORD, "next": "/don-vi/"}
    )
    assert response["Location"] == "/don-vi/"


@pytest.mark.parametrize("username", ["officer_a", "khong_co_ai"])
def test_login_bad_password_says_so_in_vietnamese(client, officer_a, username):
    response = client.post(LOGIN_URL, {"username": username, "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert BAD_LOGIN in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_empty_fields_are_named(client, tree):
    response = client.post(LOGIN_URL, {"username": "", "password": ""})
    assert errors(response, "username") == ["Hãy nhập tên đăng nhập hoặc email."]
    assert errors(response, "password") == ["Hãy nhập mật khẩu."]


def test_login_of_a_locked_account_is_refused(client, officer_a):
    officer_a.is_active = False
    officer_a.save()
    response = client.post(LOGIN_URL, {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_lockout_after_repeated_failures(client, officer_a):
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [
        client.post(LOGIN_URL, {"username": "officer_a", "password": "sai-mat-khau"}).status_code
        for _ in range(limit)
    ]
    assert statuses == [200] * (limit - 1) + [429]
    response = client.post(LOGIN_URL, {"username": "officer_a", "password": PASSWORD})  # even the right one
    assert response.status_code == 429
    body = response.content.decode()
    assert "Tạm khóa đăng nhập" in body and "Hãy thử lại sau 15 phút." in body
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(as_, officer_a):
    client = as_(officer_a)
    assert client.get(url("logout")).status_code == 405
    response = client.post(url("logout"))
    assert response.status_code == 302 and response["Location"] == LOGIN_URL
    assert "_auth_user_id" not in client.session
    assert client.get(url("profile")).status_code == 302  # back to the login page


# -- my password, roles and tokens ---------------------------------------------------------------


def test_password_change(as_, officer_a):
    client = as_(officer_a)
    data = {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post(url("password_change"), data, follow=True)
    assert response.redirect_chain == [(url("profile"), 302)]
    assert "Đã đổi mật khẩu." in response.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.check_password(NEW_PASSWORD)
    assert client.get(url("profile")).status_code == 200  # still logged in
    assert AuditEntry.objects.filter(action="account.set_password", actor=officer_a).exists()


def create_form(home_unit, /, **data) -> dict:
    """The account form filled in for a new account managed from ``home_unit``, with ``data`` over it."""
    return {
        "username": "nguyenvana",
        "full_name": "Nguyễn Văn A",
        "home_unit": home_unit.pk,
        "password": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **data,
    }


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"old_password": "sai"}, "old_password", "Mật khẩu hiện tại không đúng."),
        ({"password2": "khac-han-2024"}, "password2", "Hai lần nhập mật khẩu mới không khớp nhau."),
        ({"password": "12345678", "password2": "12345678"}, "password", "Mật khẩu này hoàn toàn là số."),
        ({"password": ""}, "password", "Trường này là bắt buộc."),
    ],
)
def test_password_change_errors_per_field(as_, officer_a, data, field, message):
    body = {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD, **data}
    response = as_(officer_a).post(url("password_change"), body)
    assert response.status_code == 422
    assert message in errors(response, field)
    officer_a.refresh_from_db()
    assert officer_a.check_password(PASSWORD)


def test_profile_shows_my_roles(as_, officer_a, tree):
    grant(officer_a, tree.a, "uy-vien-bch", on=dt.date(2020, 1, 1), until=dt.date(2021, 1, 1))
    body = as_(officer_a).get(url("profile")).content.decode()
    assert "Chủ tịch" in body and "Công đoàn Sở Y tế" in body
    assert "Ủy viên Ban Chấp hành" in body and "31/12/2020" in body and "đã kết thúc" in body


def test_token_issue_shows_the_raw_token_once(as_, officer_a):
    client = as_(officer_a)
    response = client.post(url("token_issue"), {"name": "Excel"})
    assert response.status_code == 200
    raw = response.context["raw_token"]
    assert raw in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert ApiToken.lookup(raw).name == "Excel"
    body = client.get(url("profile")).content.decode()
    assert raw not in body and "Excel" in body
    assert client.get(url("token_issue")).status_code == 405


def test_token_name_too_long(as_, officer_a):
    response = as_(officer_a).post(url("token_issue"), {"name": "x" * 101})
    assert response.status_code == 422
    assert response.context["token_form"].errors["name"] == ["Tối đa 100 ký tự (hiện có 101)."]
    assert not ApiToken.objects.exists()


def test_token_revoke(as_, officer_a):
    token, raw = services.token_issue(actor=officer_a, name="Excel")
    client = as_(officer_a)
    assert client.get(url("token_revoke", token.pk)).status_code == 405
    response = client.post(url("token_revoke", token.pk), follow=True)
    assert "Đã thu hồi mã truy cập" in response.content.decode()
    assert ApiToken.lookup(raw) is None
    response = client.post(url("token_revoke", token.pk), follow=True)
    assert "Mã truy cập này đã bị thu hồi." in response.content.decode()


def test_token_of_someone_else_is_not_found(as_, officer_a, cdvc_officer):
    token, _ = services.token_issue(actor=officer_a)
    # Even the manager of the account: the page is about one's own tokens.
    assert as_(cdvc_officer).post(url("token_revoke", token.pk)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# -- the accounts list ---------------------------------------------------------------------------


def test_account_list_scope(as_, officer_a, officer_b, viewer_a, cdvc_officer):
    body = as_(officer_a).get(url("list")).content.decode()
    assert "officer_a" in body and "viewer_a" in body
    assert "officer_b" not in body and "cdvc_officer" not in body
    body = as_(cdvc_officer).get(url("list")).content.decode()
    assert "officer_a" in body and "officer_b" in body and "cdvc_officer" in body


def test_account_list_hides_roles_outside_scope(as_, officer_a, viewer_a, tree):
    grant(viewer_a, tree.b, "uy-vien-bch")
    response = as_(officer_a).get(url("list"))
    assert "Công đoàn Sở Giáo dục và Đào tạo" not in response.content.decode()
    roles = {a.username: [r.role.code for r in a.current_roles] for a in response.context["accounts"]}
    assert roles["viewer_a"] == ["can-bo-van-phong"]


def test_account_list_search_and_unit_filter(as_, officer_a, officer_b, viewer_a, cdvc_officer, tree):
    client = as_(cdvc_officer)
    accounts = client.get(url("list"), {"q": "VIEWER"}).context["accounts"]
    assert [a.username for a in accounts] == ["viewer_a"]
    viewer_a.full_name = "Lê Văn Xem"
    viewer_a.save()
    assert [a.username for a in client.get(url("list"), {"q": "văn xem"}).context["accounts"]] == ["viewer_a"]
    accounts = client.get(url("list"), {"unit": tree.b.pk}).context["accounts"]
    assert [a.username for a in accounts] == ["officer_b"]


def test_account_list_unit_outside_scope_is_an_error(as_, officer_a, tree):
    response = as_(officer_a).get(url("list"), {"unit": tree.b.pk})
    assert response.status_code == 422
    assert "không thuộc phạm vi bạn quản lý" in response.content.decode()
    assert [a.username for a in response.context["accounts"]] == ["officer_a"]


def test_account_list_needs_accounts_view(as_, viewer_a):
    assert as_(viewer_a).get(url("list")).status_code == 404


def test_account_list_query_count_is_constant(as_, officer_a, tree, django_assert_num_queries):
    client = as_(officer_a)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("list")).status_code == 200
    for i in range(12):
        user = UserFactory(username=f"can_bo_{i:02}", home_unit=tree.a)
        grant(user, tree.a, "uy-vien-bch")
    with django_assert_num_queries(len(small)):
        response = client.get(url("list"))
    assert len(response.context["accounts"]) == 13


def test_account_list_paginates(as_, admin_user, tree):
    for i in range(51):
        UserFactory(username=f"tk_{i:02}", home_unit=tree.a)
    client = as_(admin_user)
    first = client.get(url("list"), {"q": "tk_"})
    assert len(first.context["accounts"]) == 50 and "page=2" in first.content.decode()
    second = client.get(url("list"), {"q": "tk_", "page": 2})
    assert [a.username for a in second.context["accounts"]] == ["tk_50"]


# -- an account: detail, create, edit, password --------------------------------------------------


def test_account_detail(as_, officer_a, viewer_a):
    response = as_(officer_a).get(url("detail", viewer_a.pk))
    body = response.content.decode()
    assert "Cán bộ văn phòng (chỉ xem)" in body and "Công đoàn Sở Y tế" in body
    assert url("role_end", RoleAssignment.objects.get(user=viewer_a).pk) in body
    assert url("edit", viewer_a.pk) in body
    assert response.context["grant_form"] is not None


@pytest.mark.parametrize("name", ["detail", "edit", "set_password", "role_grant"])
def test_account_outside_scope_is_not_found(as_, officer_a, officer_b, name):
    client = as_(officer_a)
    assert client.get(url(name, officer_b.pk)).status_code == 404
    assert client.post(url(name, officer_b.pk)).status_code == 404


def test_account_seen_but_not_managed(as_, tree, viewer_a):
    """can-bo-chuyen-trach sees accounts but may not change them."""
    looker = UserFactory(home_unit=tree.a)
    grant(looker, tree.a, "can-bo-chuyen-trach")
    client = as_(looker)
    response = client.get(url("detail", viewer_a.pk))
    assert response.status_code == 200
    assert response.context["grant_form"] is None and not response.context["can_edit"]
    assert client.get(url("edit", viewer_a.pk)).status_code == 403
    assert client.get(url("create")).status_code == 403


def test_account_create(as_, officer_a, tree):
    data = {
        "username": "nguyenvana",
        "full_name": "Nguyễn Văn A",
        "email": "vana@example.vn",
        "home_unit": tree.a.pk,
        "password": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    response = as_(officer_a).post(url("create"), data)
    user = User.objects.get(username="nguyenvana")
    assert response.status_code == 302 and response["Location"] == url("detail", user.pk)
    assert (user.full_name, user.home_unit, user.check_password(NEW_PASSWORD)) == (
        "Nguyễn Văn A",
        tree.a,
        True,
    )
    assert AuditEntry.objects.filter(action="account.create", object_id=str(user.pk)).exists()


def test_account_create_form_offers_only_units_in_scope(as_, officer_a, tree):
    response = as_(officer_a).get(url("create"))
    offered = [v.unit_id for v in response.context["form"].fields["home_unit"].options()]
    assert tree.a.pk in offered and tree.b.pk not in offered


@pytest.mark.parametrize("page", ["list", "create", "detail"])  # the detail page holds the role form
def test_unit_choosers_are_the_searchable_picker(as_, admin_user, officer_a, tree, page):
    """No list of the whole scope in the page: the picker fetches units as the officer types."""
    args = [officer_a.pk] if page == "detail" else []
    text = as_(admin_user).get(url(page, *args)).content.decode()
    assert "data-unit-picker" in text
    assert "Công đoàn Sở Giáo dục" not in text  # a unit of the scope, not chosen: not listed


def test_account_create_outside_scope_is_refused(as_, officer_a, tree):
    data = {
        "username": "x",
        "full_name": "X",
        "home_unit": tree.b.pk,
        "password": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    before = written()
    response = as_(officer_a).post(url("create"), data)
    assert response.status_code == 422
    assert errors(response, "home_unit") == [
        "Đơn vị này không thuộc phạm vi bạn quản lý; hãy chọn một đơn vị trong danh sách."
    ]
    assert written() == before


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"username": "Officer_A"}, "username", "Tên đăng nhập 'Officer_A' đã được dùng."),
        (
            {"email": "officer_a@example.vn"},
            "email",
            "Email 'officer_a@example.vn' đã được dùng cho tài khoản khác.",
        ),
        ({"email": "khong-phai-email"}, "email", "Địa chỉ email không hợp lệ."),
        (
            {"password": "nguyenvana", "password2": "nguyenvana"},
            "password",
            "Mật khẩu quá giống với Tên đăng nhập.",
        ),
        ({"password2": "khac"}, "password2", "Hai lần nhập mật khẩu mới không khớp nhau."),
        ({"full_name": ""}, "full_name", "Trường này là bắt buộc."),
        ({"home_unit": ""}, "home_unit", "Hãy chọn đơn vị quản lý tài khoản."),
    ],
)
def test_account_create_errors_per_field(as_, officer_a, tree, data, field, message):
    body = create_form(tree.a, **data)
    before = written()
    response = as_(officer_a).post(url("create"), body)
    assert response.status_code == 422
    assert message in errors(response, field), response.context["form"].errors
    assert 'class="form-control is-invalid"' in response.content.decode() or field == "home_unit"
    assert written() == before


def test_account_edit(as_, officer_a, viewer_a):
    client = as_(officer_a)
    form = client.get(url("edit", viewer_a.pk)).context["form"]
    assert form["full_name"].value() == viewer_a.full_name
    data = {
        "full_name": "Trần Thị B",
        "email": "b@example.vn",
        "home_unit": viewer_a.home_unit_id,
        "is_active": "",
    }
    response = client.post(url("edit", viewer_a.pk), data)
    assert response.status_code == 302
    viewer_a.refresh_from_db()
    assert (viewer_a.full_name, viewer_a.email, viewer_a.is_active) == ("Trần Thị B", "b@example.vn", False)


def test_account_edit_service_errors_land_on_fields(as_, officer_a, viewer_a):
    client = as_(officer_a)
    data = {
        "full_name": "X",
        "email": "viewer_a@example.vn",
        "home_unit": officer_a.home_unit_id,
        "is_active": "",
    }
    response = client.post(url("edit", officer_a.pk), data)
    assert response.status_code == 422
    assert errors(response, "is_active") == ["Bạn không thể tự khóa tài khoản của mình."]
    data["is_active"] = "on"
    response = client.post(url("edit", officer_a.pk), data)
    assert errors(response, "email") == ["Email 'viewer_a@example.vn' đã được dùng cho tài khoản khác."]


def test_account_set_password(as_, officer_a, viewer_a):
    client = as_(officer_a)
    response = client.post(
        url("set_password", viewer_a.pk), {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    viewer_a.refresh_from_db()
    assert viewer_a.check_password(NEW_PASSWORD)
    response = client.post(url("set_password", viewer_a.pk), {"password": "abc", "password2": "abc"})
    assert response.status_code == 422
    assert errors(response, "password") == ["Mật khẩu quá ngắn: cần ít nhất 8 ký tự."]


# -- roles ---------------------------------------------------------------------------------------


def test_grant_role(as_, officer_a, viewer_a, tree):
    data = {
        "role": RoleKind.objects.get(code="uy-vien-bch").pk,
        "unit": tree.a.pk,
        "valid_from": "01/03/2024",
    }
    response = as_(officer_a).post(url("role_grant", viewer_a.pk), data)
    assert response.status_code == 302
    role = RoleAssignment.objects.get(user=viewer_a, role__code="uy-vien-bch")
    assert (role.unit, role.valid_from, role.granted_by) == (tree.a, dt.date(2024, 3, 1), officer_a)


def test_grant_role_wider_than_mine_is_refused(as_, account_manager_a, viewer_a, tree):
    data = {"role": RoleKind.objects.get(code="chu-tich").pk, "unit": tree.a.pk, "valid_from": "2024-03-01"}
    before = written()
    response = as_(account_manager_a).post(url("role_grant", viewer_a.pk), data)
    assert response.status_code == 422
    form = response.context["grant_form"]
    assert list(form.errors) == ["role"]
    assert "Không thể cấp vai trò rộng hơn quyền của chính bạn tại đơn vị này" in form.errors["role"][0]
    assert "rộng hơn quyền của chính bạn" in response.content.decode()
    assert written() == before


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"unit": "B"},
            "unit",
            "Đơn vị này không thuộc phạm vi bạn quản lý; hãy chọn một đơn vị trong danh sách.",
        ),
        ({"valid_from": "31/02/2024"}, "valid_from", "'31/02/2024' không phải là ngày hợp lệ (dd/mm/yyyy)."),
        ({"valid_to": "01/01/2024"}, "valid_to", "Ngày kết thúc phải sau ngày bắt đầu."),
    ],
)
def test_grant_role_errors_per_field(as_, officer_a, viewer_a, tree, data, field, message):
    body = {
        "role": RoleKind.objects.get(code="uy-vien-bch").pk,
        "unit": tree.a.pk,
        "valid_from": "01/03/2024",
    }
    body.update({k: tree.b.pk if v == "B" else v for k, v in data.items()})
    before = written()
    response = as_(officer_a).post(url("role_grant", viewer_a.pk), body)
    assert response.status_code == 422
    assert response.context["grant_form"].errors[field] == [message]
    assert written() == before


def test_end_role(as_, officer_a, viewer_a):
    role = RoleAssignment.objects.get(user=viewer_a)
    client = as_(officer_a)
    assert client.get(url("role_end", role.pk)).status_code == 200
    response = client.post(url("role_end", role.pk), {"on": "01/03/2024"})
    assert response.status_code == 302 and response["Location"] == url("detail", viewer_a.pk)
    role.refresh_from_db()
    assert role.valid_to == dt.date(2024, 3, 1)
    response = client.post(url("role_end", role.pk), {"on": "01/06/2024"})
    assert response.status_code == 422
    assert errors(response, "on") == ["Vai trò đã kết thúc trước ngày này."]


def test_end_role_outside_scope_is_not_found(as_, officer_a, officer_b):
    role = RoleAssignment.objects.get(user=officer_b)
    assert as_(officer_a).post(url("role_end", role.pk), {"on": "01/03/2024"}).status_code == 404
    role.refresh_from_db()
    assert role.valid_to is None


def test_end_role_seen_but_not_managed_is_forbidden(as_, tree, viewer_a, officer_b):
    """officer_b manages B and, here, only sees A: the role in A is shown but cannot be ended."""
    grant(officer_b, tree.a, "can-bo-chuyen-trach")
    role = RoleAssignment.objects.get(user=viewer_a)
    client = as_(officer_b)
    assert not client.get(url("detail", viewer_a.pk)).context["roles"][0].can_end
    assert client.get(url("role_end", role.pk)).status_code == 403
    assert client.post(url("role_end", role.pk), {"on": "01/03/2024"}).status_code == 403


# -- the audit log -------------------------------------------------------------------------------


@pytest.fixture
def audited(officer_a, officer_b, cdvc_officer, tree):
    """Entries in A (by officer_a and cdvc_officer) and in B (by officer_b)."""
    services.account_create(actor=officer_a, username="moi_a", password=NEW_PASSWORD, home_unit=tree.a)
    services.token_issue(actor=officer_a, name="Excel")
    services.account_create(actor=cdvc_officer, username="moi_a2", password=NEW_PASSWORD, home_unit=tree.a)
    services.account_create(actor=officer_b, username="moi_b", password=NEW_PASSWORD, home_unit=tree.b)


def objects(response) -> set[str]:
    return {row.entry.object_repr for row in response.context["rows"]}


def test_audit_scope(as_, officer_a, cdvc_officer, audited):
    shown = objects(as_(officer_a).get(url("audit")))
    assert {"moi_a", "moi_a2"} <= shown and "moi_b" not in shown
    assert "moi_b" in objects(as_(cdvc_officer).get(url("audit")))


def test_audit_needs_audit_view(as_, viewer_a):
    assert as_(viewer_a).get(url("audit")).status_code == 404


def test_audit_filters(as_, officer_a, cdvc_officer, audited):
    client = as_(officer_a)
    assert objects(client.get(url("audit"), {"action": "account.create", "actor": officer_a.pk})) == {"moi_a"}
    response = client.get(url("audit"), {"action": "token.issue"})
    assert [str(row.action) for row in response.context["rows"]] == ["Cấp mã truy cập API"]
    today = dt.date.today().strftime("%d/%m/%Y")
    assert "moi_a" in objects(client.get(url("audit"), {"date_from": today, "date_to": today}))
    assert not objects(client.get(url("audit"), {"date_to": "01/01/2000"}))


def test_audit_action_filter_offers_only_actions_within_reach(as_, officer_a, officer_b, cdvc_officer, tree):
    """The filter lists the actions of the entries the actor may read: an action that occurs only
    in a sibling CĐCS is neither offered nor accepted (issue 8, section 5)."""
    AuditEntry.objects.create(
        action="role.end", object_type="accounts.user", object_id="1", unit_id=tree.b.pk
    )

    def offered(user):
        return {code for code, _ in as_(user).get(url("audit")).context["form"].fields["action"].choices}

    assert "role.end" not in offered(officer_a)
    assert "role.end" in offered(cdvc_officer)
    response = as_(officer_a).get(url("audit"), {"action": "role.end"})
    assert response.status_code == 422 and errors(response, "action")


def test_audit_shows_account_values_in_dd_mm_yyyy(as_, officer_a, viewer_a):
    role = RoleAssignment.objects.get(user=viewer_a)
    services.role_end(actor=officer_a, assignment=role, on=dt.date(2024, 3, 1))
    rows = as_(officer_a).get(url("audit"), {"action": "role.end"}).context["rows"]
    assert [(str(label), before, after) for label, before, after in rows[0].changes] == [
        ("Đến ngày (không gồm)", "—", "01/03/2024")
    ]


@pytest.fixture
def auditor_a(tree):
    """Reads the audit log of CĐCS A, but not members' personal data."""
    user = UserFactory(username="auditor_a", home_unit=tree.a)
    role = RoleKind.objects.create(
        code="kiem-tra", name="Kiểm tra", permissions=["audit.view", "members.view"]
    )
    grant(user, tree.a, role.code)
    return user


def test_audit_shows_personal_values_only_to_those_who_may_see_them(as_, officer_a, auditor_a, tree):
    """Member entries are drawn by the same renderer as the member page: labels and values, with
    personal fields hidden from an auditor without members.view_personal."""
    AuditEntry.objects.create(
        actor=officer_a,
        action="member.update",
        object_type="members.person",
        object_id="1",
        object_repr="Nguyễn Văn Đoàn Viên",
        unit_id=tree.a.pk,
        before={"phone": "0912000000", "unit_path": "1/2/", "job_title": ""},
        after={"phone": "0987654321", "unit_path": "1/3/", "job_title": "Bác sĩ"},
    )
    response = as_(auditor_a).get(url("audit"), {"action": "member.update"})
    body = response.content.decode()
    assert "Nguyễn Văn Đoàn Viên" in body and "0987654321" not in body and "0912000000" not in body
    changes = [(str(label), str(b), str(a)) for label, b, a in response.context["rows"][0].changes]
    assert changes == [("Điện thoại", "(ẩn)", "(ẩn)"), ("Chức danh nghề nghiệp", "—", "Bác sĩ")]
    assert str(response.context["rows"][0].action) == "Sửa thông tin đoàn viên"
    shown = as_(officer_a).get(url("audit"), {"action": "member.update"}).context["rows"][0].changes
    assert ("Điện thoại", "0912000000", "0987654321") in [(str(label), b, a) for label, b, a in shown]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "31/02/2024"}, "date_from", "'31/02/2024' không phải là ngày hợp lệ (dd/mm/yyyy)."),
        (
            {"date_from": "02/01/2024", "date_to": "01/01/2024"},
            "date_to",
            "'Đến ngày' phải sau hoặc bằng 'Từ ngày'.",
        ),
        ({"actor": "B"}, "actor", "Tài khoản này không thuộc phạm vi bạn xem được."),
    ],
)
def test_audit_bad_filters_are_named_and_ignored(as_, officer_a, officer_b, audited, params, field, message):
    params = {k: officer_b.pk if v == "B" else v for k, v in params.items()}
    response = as_(officer_a).get(url("audit"), params)
    assert response.status_code == 422
    assert errors(response, field) == [message]
    assert "moi_a" in objects(response)


def test_audit_query_count_is_constant(as_, officer_a, tree, django_assert_num_queries):
    client = as_(officer_a)
    services.token_issue(actor=officer_a)

    def account_with_role(i):
        user = services.account_create(
            actor=officer_a, username=f"tk_{i}", password=NEW_PASSWORD, home_unit=tree.a
        )
        services.role_grant(
            actor=officer_a,
            user=user,
            role=RoleKind.objects.get(code="uy-vien-bch"),
            unit=tree.a,
            valid_from=dt.date(2024, 1, 1),
        )

    # Names of referenced objects are fetched once per kind of object (accounts, roles, units).
    account_with_role(99)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("audit")).status_code == 200
    for i in range(15):
        account_with_role(i)
    with django_assert_num_queries(len(small)):
        response = client.get(url("audit"))
    assert len(response.context["rows"]) > 30


def test_audit_paginates(as_, officer_a, tree):
    for i in range(51):
        services.token_issue(actor=officer_a, name=f"t{i}")
    client = as_(officer_a)
    first = client.get(url("audit"), {"action": "token.issue"})
    assert len(first.context["rows"]) == 50 and first.context["page"].has_next
    assert 'href="?action=token.issue&amp;page=2"' in first.content.decode()  # the filter stays
    second = client.get(url("audit"), {"action": "token.issue", "page": 2})
    assert len(second.context["rows"]) == 1 and not second.context["page"].has_next


# -- the admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["accounts/user/", "accounts/user/add/", "accounts/apitoken/"])
def test_admin_pages(as_, admin_user, officer_a, path):
    services.token_issue(actor=officer_a)
    assert as_(admin_user).get(f"/quan-tri/{path}").status_code == 200


def test_admin_user_change_page(as_, admin_user, officer_a):
    body = as_(admin_user).get(f"/quan-tri/accounts/user/{officer_a.pk}/change/").content.decode()
    assert 'name="full_name"' in body and 'name="home_unit"' in body
