"""Error pages (issue 9): in the layout, in the user's language, with a way back, never an internal
detail; the API keeps its JSON errors."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from congdoan.core import context_processors, plugins
from congdoan.organizations.tests.factories import UserFactory

LOGIN = "/tai-khoan/dang-nhap/"


def page(response) -> str:
    return response.content.decode()


def assert_error_page(response, status: int, *texts: str, way_back='data-testid="error-home"') -> str:
    html = page(response)
    assert response.status_code == status
    assert f'data-testid="error-page" data-status="{status}"' in html
    assert way_back in html  # a way back (home, or where to go next) on every error page
    for text in texts:
        assert text in html
    for leak in ("Traceback", "URLconf", "urlpatterns", "Django", "RuntimeError", "csrf_failure"):
        assert leak not in html
    return html


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request in English leaves English active in this thread for later tests: undo it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def signed_in(client, officer_a):
    client.force_login(officer_a)
    return client


@pytest.fixture
def tolerant():
    """A client that answers server errors as a browser sees them instead of raising them."""
    return Client(raise_request_exception=False)


def test_an_unknown_address_for_a_visitor_is_the_404_page_in_the_plain_shell(client, db):
    html = assert_error_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    assert 'id="sidebar"' not in html  # anonymous: the plain shell…
    assert f'href="{LOGIN}"' in html  # …with a way in


def test_the_404_page_in_english(client, db):
    client.cookies["django_language"] = "en"
    html = assert_error_page(
        client.get("/khong-co-trang-nay/"), 404, "Page not found", "Back to the login page"
    )
    assert 'lang="en"' in html


def test_a_unit_out_of_reach_is_the_404_page_in_the_layout_with_the_way_back(signed_in, tree):
    response = signed_in.get(f"/don-vi/{tree.b.pk}/", HTTP_REFERER="http://testserver/doan-vien/")
    html = assert_error_page(response, 404, "Không tìm thấy trang")
    assert 'id="sidebar"' in html and "Cơ cấu tổ chức" in html  # the signed-in user's sidebar
    assert 'href="http://testserver/doan-vien/" data-testid="error-back"' in html


def test_no_way_back_to_another_site(signed_in, tree):
    response = signed_in.get("/khong-co/", HTTP_REFERER="https://evil.example/phishing")
    html = assert_error_page(response, 404)
    assert "evil.example" not in html and 'data-testid="error-back"' not in html


def test_403_says_why_in_the_layout(client, viewer_a, tree):
    client.force_login(viewer_a)
    html = assert_error_page(client.get(f"/don-vi/{tree.a.pk}/sua/"), 403, "Không có quyền truy cập")
    assert 'id="sidebar"' in html
    client.cookies["django_language"] = "en"
    assert_error_page(client.get(f"/don-vi/{tree.a.pk}/sua/"), 403, "Access denied")


def test_an_expired_form_is_a_403_page_saying_what_to_do(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "x", "password": "y"})
    assert_error_page(response, 403, "Biểu mẫu đã hết hạn")


def test_a_refused_host_is_the_400_page(client, db):
    assert_error_page(client.get("/", HTTP_HOST="evil.example"), 400, "Yêu cầu không hợp lệ")


def test_a_body_over_the_limit_on_a_page_is_the_413_page(signed_in, settings):
    """Issue 8: Django's 400 for a body too large on an HTML page; now a 413 page saying the limit."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = signed_in.post("/tai-khoan/doi-mat-khau/", {"old_password": "x" * 5000})
    assert_error_page(response, 413, "Nội dung gửi lên quá lớn", "1000")


def test_the_api_keeps_answering_json(client, db, settings):
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/v1/auth/token", {"username": "x" * 5000}, content_type="application/json")
    assert response.status_code == 413 and response.json()["message"]


def test_a_method_a_page_does_not_take_is_the_405_page(signed_in):
    response = signed_in.get("/tai-khoan/dang-xuat/")
    assert_error_page(response, 405, "Thao tác không dùng được ở đây")
    assert response["Allow"] == "POST"


def test_a_server_error_is_the_500_page_without_the_traceback(tolerant, officer_a, monkeypatch):
    def broken(actor):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(plugins, "todos", broken)
    tolerant.force_login(officer_a)
    html = assert_error_page(tolerant.get("/"), 500, "Lỗi máy chủ")
    assert "secret internal detail" not in html and 'id="sidebar"' in html


def test_a_500_page_when_the_layout_itself_fails(tolerant, officer_a, monkeypatch):
    """The layout reads the database (menu, unit switcher): if that is what fails, the page is
    still answered, in the plain shell."""

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(plugins, "todos", broken)
    monkeypatch.setattr(context_processors, "_entries", broken)
    tolerant.force_login(officer_a)
    html = assert_error_page(tolerant.get("/"), 500, "Lỗi máy chủ")
    assert 'id="sidebar"' not in html


def test_the_lockout_page_is_an_error_page(client, settings, db):
    UserFactory(username="locked_user")
    settings.AXES_FAILURE_LIMIT = 1
    client.post(LOGIN, {"username": "locked_user", "password": "wrong"})
    response = client.post(LOGIN, {"username": "locked_user", "password": "wrong"})
    assert_error_page(
        response, 429, "Tạm khóa đăng nhập", 'data-testid="locked-out"', way_back=f'href="{LOGIN}"'
    )
