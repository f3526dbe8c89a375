"""Issue 9, lists and forms in a real browser: Back after filtering shows the filtered list, an ID or
phone number typed in the member search never reaches the address bar or the history, a form
re-rendered with errors (422) is swapped in place, and the refusal reason's placeholder is not cut."""

import datetime as dt
import re

import pytest

from congdoan.members import services
from congdoan.members.tests.factories import join
from tests.browser.test_officer_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def members(tree, admin_user):
    return {
        "an": join(tree.a, name="Nguyễn Văn An", sex="M", actor=admin_user, phone="0912345670"),
        "lan": join(tree.a, name="Trần Thị Lan", sex="F", actor=admin_user),
        "binh": join(tree.a, name="Phạm Văn Bình", sex="M", actor=admin_user),
        "mai": join(tree.a, name="Lê Thị Mai", sex="F", actor=admin_user),
    }


def shown_names(page) -> list[str]:
    return page.locator("table[data-testid=members] tbody td:first-child a").all_inner_texts()


def test_back_after_opening_a_member_shows_the_filtered_list(page, live_server, officer_a, members):
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/doan-vien/")
    assert len(shown_names(page)) == 4
    page.select_option("select[name=sex]", "F")  # filters-changed: an htmx GET that pushes its address
    page.wait_for_url(re.compile(r"/doan-vien/\?.*sex=F"))
    page.wait_for_function(
        "() => document.querySelectorAll('table[data-testid=members] tbody tr').length === 2"
    )
    filtered = page.url
    page.get_by_role("link", name="Trần Thị Lan").click()
    page.wait_for_url(f"{live_server.url}/doan-vien/{members['lan'].pk}/")
    page.go_back()
    page.wait_for_url(filtered)
    page.locator("table[data-testid=members]").wait_for()
    assert sorted(shown_names(page)) == ["Lê Thị Mai", "Trần Thị Lan"]
    assert page.locator("select[name=sex]").input_value() == "F"
    # The same address opened afresh (a bookmark, a link sent to a colleague) shows the same list.
    page.goto(filtered)
    assert sorted(shown_names(page)) == ["Lê Thị Mai", "Trần Thị Lan"]


def test_an_id_or_phone_number_stays_out_of_the_address_and_history(page, live_server, officer_a, members):
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/doan-vien/")
    page.select_option("select[name=sex]", "M")
    page.wait_for_url(re.compile(r"sex=M"))
    page.wait_for_function(
        "() => document.querySelectorAll('table[data-testid=members] tbody tr').length === 2"
    )
    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url)) if "/doan-vien/" in r.url else None)
    page.fill("input[name=q]", "0912 345 670")
    page.wait_for_function(
        "() => document.querySelectorAll('table[data-testid=members] tbody tr').length === 1"
    )
    page.wait_for_timeout(300)
    assert shown_names(page) == ["Nguyễn Văn An"]
    assert "0912" not in page.url and "sex=M" in page.url
    assert requests and all(method == "POST" and "0912" not in url for method, url in requests)
    history = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(history.state)")
    assert "0912" not in history and "345" not in history
    # A name is a filter like the others: in the address.
    page.fill("input[name=q]", "nguyen")
    page.wait_for_url(re.compile(r"q=nguyen"))


def test_a_form_with_errors_answered_422_is_swapped_in_place(page, live_server, officer_a, tree, members):
    login(page, live_server, "officer_a")
    page.goto(f"{live_server.url}/doan-vien/")
    status = page.evaluate(
        """unit => new Promise(resolve => {
            document.body.addEventListener("htmx:afterRequest", e => resolve(e.detail.xhr.status), {once: true});
            htmx.ajax("GET", "/doan-vien/?unit=" + unit, "#member-results");
        })""",
        tree.b.pk,
    )
    assert status == 422
    page.locator("[data-testid=filter-errors]").wait_for()
    assert page.locator("#htmx-error").is_hidden()  # not the "could not load" box


PLACEHOLDER_FITS = """input => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {text: context.measureText(input.placeholder).width, room};
}"""


@pytest.mark.parametrize("width", [390, 1366])
def test_the_refusal_reason_placeholder_is_not_cut(browser, live_server, tree, officer_a, officer_b, width):
    person = join(tree.a, name="Nguyễn Văn Chuyển", actor=officer_a)
    services.member_transfer(actor=officer_a, person=person, to_unit=tree.b, on=dt.date(2024, 9, 1))
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        login(page, live_server, "officer_b")
        page.goto(f"{live_server.url}/doan-vien/chuyen-sinh-hoat/")
        reason = page.locator("table[data-testid=incoming] input[name=note]").first
        assert reason.get_attribute("placeholder") == "Lý do (không bắt buộc)"
        fit = reason.evaluate(PLACEHOLDER_FITS)
        assert fit["text"] <= fit["room"], fit
    finally:
        context.close()
