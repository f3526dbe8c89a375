"""Date fields read and show dd/mm/yyyy in an English-language browser (locale en-US), whatever the
interface language: no browser date picker in mm/dd/yyyy, no browser validation bubble; the
slashes come as digits are typed and the server's own check answers, in the interface's language."""

import datetime as dt

import pytest

from congdoan.members.models import Person
from tests.browser.test_phone_layout import DESKTOP, PHONE, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES_WITH_DATES = [
    "/doan-vien/them/",
    "/doan-vien/thong-ke/",
    "/tai-khoan/nhat-ky/",
    "/don-vi/",
    "/don-vi/{a}/",
    "/don-vi/{a}/sua/",
]


def test_no_page_uses_the_browser_date_input(browser, live_server, tree, officer_a):
    context, page = open_page(browser, live_server, "officer_a", viewport=DESKTOP, lang="en")
    try:
        for path in PAGES_WITH_DATES:
            page.goto(live_server.url + path.format(a=tree.a.pk))
            assert page.locator("input[type=date]").count() == 0, path
            boxes = page.locator("input[data-date-input]")
            assert boxes.count() >= 1, path
            assert boxes.first.get_attribute("placeholder") == "dd/mm/yyyy"
            assert boxes.first.get_attribute("inputmode") == "numeric"
    finally:
        context.close()


@pytest.mark.parametrize(
    ("lang", "viewport"), [("en", DESKTOP), ("vi", PHONE)], ids=["en-desktop", "vi-phone"]
)
def test_a_member_joins_with_dates_typed_day_first(browser, live_server, tree, officer_a, lang, viewport):
    context, page = open_page(browser, live_server, "officer_a", viewport=viewport, lang=lang)
    try:
        page.goto(live_server.url + "/doan-vien/them/")
        page.fill("input[name=full_name]", "Nguyễn Thị Hoa")
        page.select_option("select[name=sex]", "F")
        born = page.locator("input[name=date_of_birth]")
        born.press_sequentially("17051990")  # digits only, as on a phone's numeric keypad
        assert born.input_value() == "17/05/1990"
        joined = page.locator("input[name=on]")
        joined.fill("")
        joined.press_sequentially("5-3-2024")  # other separators become slashes
        assert joined.input_value() == "5/3/2024"
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/doan-vien/*/")
        person = Person.objects.get(full_name="Nguyễn Thị Hoa")
        assert person.date_of_birth == dt.date(1990, 5, 17)
        assert person.memberships.get().valid_from == dt.date(2024, 3, 5)
        facts = page.locator("main").inner_text()
        assert "17/05/1990" in facts and "05/03/2024" in facts
    finally:
        context.close()


MESSAGES = {
    "vi": "'31/02/2024' không phải là ngày hợp lệ (dd/mm/yyyy).",
    "en": "'31/02/2024' is not a valid date (dd/mm/yyyy).",
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_bad_date_is_answered_by_the_server(browser, live_server, tree, officer_a, lang):
    context, page = open_page(browser, live_server, "officer_a", viewport=DESKTOP, lang=lang)
    try:
        page.goto(live_server.url + "/tai-khoan/nhat-ky/")
        box = page.locator("input[name=date_from]")
        box.press_sequentially("31022024")
        assert box.input_value() == "31/02/2024"
        with page.expect_navigation():  # no browser bubble stops the form
            page.locator("main form button[type=submit]").first.click()
        assert page.get_by_text(MESSAGES[lang]).first.is_visible()
        assert page.locator("input[name=date_from]").input_value() == "31/02/2024"  # kept as typed
    finally:
        context.close()


def test_the_statistics_date_reads_day_first(browser, live_server, tree, officer_a):
    context, page = open_page(browser, live_server, "officer_a", viewport=PHONE, lang="en")
    try:
        page.goto(live_server.url + "/doan-vien/thong-ke/")
        box = page.locator("input[name=on]")
        box.fill("")
        box.press_sequentially("01062024")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        assert page.locator("input[name=on]").input_value() == "01/06/2024"
        assert "01/06/2024" in page.locator("main").inner_text()
    finally:
        context.close()
