"""An officer logs in, browses the tree, searches without diacritics, and sees only their scope."""

import pytest

from congdoan.members.tests.factories import join

# Transactional: the live server's thread must see committed data (see conftest.seeded).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-123"


def login(page, live_server, username):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")


def test_cdvc_officer_browses_and_searches_the_tree(page, live_server, tree, cdvc_officer):
    login(page, live_server, "cdvc_officer")
    page.goto(f"{live_server.url}/don-vi/")
    assert page.locator("main >> text=Công đoàn Viên chức tỉnh A").first.is_visible()
    assert page.locator("main >> text=Liên đoàn Lao động tỉnh B").count() == 0
    page.fill("input[name=q]", "so giao duc")
    page.locator("main >> text=Công đoàn Sở Giáo dục và Đào tạo").first.wait_for()
    assert page.locator("main >> text=Công đoàn Sở Y tế").count() == 0


def test_grassroots_officer_sees_only_own_unit(page, live_server, tree, officer_a):
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/don-vi/")
    assert page.locator("main >> text=Công đoàn Sở Y tế").first.is_visible()
    assert page.locator("main >> text=Công đoàn Sở Giáo dục và Đào tạo").count() == 0
    response = page.goto(f"{live_server.url}/don-vi/{tree.b.pk}/")
    assert response.status == 404


def test_menu_works_on_a_phone(phone_page, live_server, tree, officer_a):
    page = phone_page
    login(page, live_server, "officer_a")
    page.locator("button[aria-controls=sidebar]").click()
    page.locator("#sidebar >> text=Cơ cấu tổ chức").click()
    page.wait_for_url(f"{live_server.url}/don-vi/")
    assert page.locator("main >> text=Công đoàn Sở Y tế").first.is_visible()


def test_officer_finds_a_member_typing_without_diacritics(page, live_server, tree, officer_a):
    join(tree.a, name="Nguyễn Văn An")
    join(tree.a, name="Trần Thị Bình")
    join(tree.b, name="Nguyễn Văn Anh")  # a sibling unit's member never shows
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/doan-vien/")
    page.fill("input[name=q]", "nguyen van")
    page.locator("main >> text=Trần Thị Bình").wait_for(state="detached")
    assert page.locator("main >> text=Nguyễn Văn An").first.is_visible()
    assert page.locator("main >> text=Nguyễn Văn Anh").count() == 0
