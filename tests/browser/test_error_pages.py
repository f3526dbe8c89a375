"""Error pages in a browser (issue 9): a 404 and a 403 inside the layout (the sidebar for a signed-in
officer, the plain shell for a visitor), in Vietnamese and in English, with a way back that works.
Screenshots go to ``SCREENSHOT_DIR``/issue9 (default ``.screenshots/issue9/``), with the dashboard's."""

import datetime as dt
import os
from pathlib import Path

import pytest

from congdoan.members import services
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record
from tests.browser.test_officer_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ".screenshots")) / "issue9"
TEXTS = {
    "vi": {404: "Không tìm thấy trang", 403: "Không có quyền truy cập", "login": "Về trang đăng nhập"},
    "en": {404: "Page not found", 403: "Access denied", "login": "Back to the login page"},
}
LOCALES = {"vi": "vi-VN", "en": "en-US"}


@pytest.fixture(params=["vi", "en"])
def lang(request):
    return request.param


@pytest.fixture
def lang_page(browser, lang):
    context = browser.new_context(locale=LOCALES[lang], viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def error_card(page, status: int):
    card = page.locator(f'[data-testid="error-page"][data-status="{status}"]')
    card.wait_for()
    return card


def test_a_visitors_404_is_the_plain_shell_in_their_language(lang_page, live_server, lang, db):
    page = lang_page
    response = page.goto(f"{live_server.url}/khong-co-trang-nay/")
    assert response.status == 404
    card = error_card(page, 404)
    assert TEXTS[lang][404] in card.inner_text()
    assert page.locator("#sidebar").count() == 0
    assert "URLconf" not in page.content() and "Traceback" not in page.content()
    shot(page, f"error-404-visitor-{lang}")
    card.get_by_role("link", name=TEXTS[lang]["login"]).click()  # a visitor's way home
    page.wait_for_url(f"{live_server.url}/tai-khoan/dang-nhap/")


def test_an_officers_404_and_403_are_in_the_layout_with_a_way_back(
    lang_page, live_server, lang, tree, officer_a, viewer_a
):
    page = lang_page
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/doan-vien/")
    response = page.goto(f"{live_server.url}/don-vi/{tree.b.pk}/", referer=f"{live_server.url}/doan-vien/")
    assert response.status == 404
    card = error_card(page, 404)
    assert TEXTS[lang][404] in card.inner_text()
    assert page.locator("#sidebar").is_visible()  # the officer's sidebar, as on any page
    shot(page, f"error-404-officer-{lang}")
    card.locator('[data-testid="error-back"]').click()
    page.wait_for_url(f"{live_server.url}/doan-vien/")

    page.context.clear_cookies()
    login(page, live_server, "viewer_a")
    response = page.goto(f"{live_server.url}/don-vi/{tree.a.pk}/sua/")
    assert response.status == 403
    card = error_card(page, 403)
    assert TEXTS[lang][403] in card.inner_text()
    assert page.locator("#sidebar").is_visible()
    shot(page, f"error-403-officer-{lang}")


def test_the_dashboard_shows_the_figures_and_the_work_waiting(
    lang_page, live_server, lang, tree, officer_a, officer_b, admin_user
):
    for i in range(3):
        join(tree.b, sex="F" if i else "M", on=dt.date(2021, 1, 1))
    workforce_record(actor=admin_user, unit=tree.b, on=dt.date(2024, 1, 1), total=4, women=2)
    person = join(tree.a, sex="F", on=dt.date(2021, 1, 1))
    services.member_transfer(actor=officer_a, person=person, to_unit=tree.b, on=dt.date(2024, 2, 1))
    page = lang_page
    login(page, live_server, "officer_b")
    figures = page.locator('[data-testid="card-members"] [data-testid="figures"]')
    assert figures.locator('[data-figure="members.total"]').inner_text() == "3"
    assert figures.locator('[data-figure="members.rate_percent"]').inner_text() == "75\u00a0%"
    todo = page.locator('[data-testid="todos"] a[href="/doan-vien/chuyen-sinh-hoat/"]')
    assert todo.is_visible() and todo.locator(".badge").inner_text() == "1"
    shot(page, f"dashboard-1366-{lang}")
    todo.click()
    page.wait_for_url(f"{live_server.url}/doan-vien/chuyen-sinh-hoat/")
