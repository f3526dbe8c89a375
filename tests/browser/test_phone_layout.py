"""On a 390-pixel phone every list is readable (rows become cards with their column labels, the same
data and actions, nothing scrolls sideways), the top bar shows the whole product name and a
readable language switch; on a desktop the lists stay tables.

The screenshots the issue asks for (member list, member page, dashboard at 390 and 1366 px, in
Vietnamese and English) are written to ``SCREENSHOT_DIR``/issue9 (default ``.screenshots/issue9``).
"""

import datetime as dt
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from congdoan.members import services
from congdoan.members.models import PositionKind, Transfer
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record
from tests.browser.test_officer_journey import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ".screenshots")) / "issue9"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
NAMES_A = [
    "Nguyễn Thị Lan",
    "Trần Văn Bình",
    "Lê Thị Hồng Nhung",
    "Phạm Quốc Bảo",
    "Hoàng Thị Thu Hà",
    "Đặng Minh Đức",
    "Vũ Thị Lan Anh",
    "Bùi Công Hùng",
]
NAMES_B = ["Đỗ Thị Mai", "Ngô Văn Tâm", "Dương Thị Hạnh", "Lý Văn Phúc", "Trịnh Thị Yến"]


@pytest.fixture
def register(tree, officer_a, cdvc_officer):
    """Members in both grassroots unions, a chair, workforce figures (one rate above 100 %) and a
    transfer from A waiting for B, so the pages have every kind of content."""
    for officer, name in [(cdvc_officer, "Trần Minh Đức"), (officer_a, "Phan Thị Thu")]:
        officer.full_name = name
        officer.save(update_fields=["full_name"])

    def member(unit, name, n, on):
        sex = "M" if " Văn " in name or name.split()[-1] in ("Bảo", "Đức", "Hùng") else "F"
        return join(unit, name=name, sex=sex, actor=cdvc_officer, on=on, phone=f"09{n:08d}")

    people = [member(tree.a, name, 12345670 + i, dt.date(2021, 3, 1)) for i, name in enumerate(NAMES_A)]
    people += [member(tree.b, name, 23456780 + i, dt.date(2022, 9, 15)) for i, name in enumerate(NAMES_B)]
    lan = people[0]
    services.position_assign(
        actor=officer_a,
        person=lan,
        position=PositionKind.objects.get(code="chu-tich"),
        unit=tree.a,
        valid_from=dt.date(2023, 6, 1),
        term="2023-2028",
    )
    workforce_record(actor=officer_a, unit=tree.a, on=dt.date(2024, 1, 1), total=10, women=6)
    workforce_record(actor=cdvc_officer, unit=tree.b, on=dt.date(2024, 1, 1), total=4, women=3)
    moving = services.member_transfer(
        actor=officer_a, person=people[1], to_unit=tree.b, on=dt.date(2024, 9, 1), note="Chuyển công tác"
    )
    return SimpleNamespace(lan=lan, transfer=moving)


def open_page(browser, live_server, username, *, viewport, lang="vi"):
    """A browser of the given size whose own language is the interface's, logged in as ``username``."""
    context = browser.new_context(
        locale="vi-VN" if lang == "vi" else "en-US",
        viewport=viewport,
        is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")
    if lang == "en":
        with page.expect_navigation():
            page.select_option("select[name=language]", "en")
    return context, page


def sideways(page) -> int:
    """How far the page scrolls sideways (0: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


CARD_STATE = """table => {
    const rows = Array.from(table.tBodies[0].rows);
    const wrapper = table.parentElement;
    return {
        display: rows.length ? getComputedStyle(rows[0]).display : "",
        scrolls: wrapper.scrollWidth - wrapper.clientWidth,
        right: Math.max(...rows.map(r => r.getBoundingClientRect().right)),
        unlabelled: rows.flatMap(r => Array.from(r.cells))
            .filter(c => c.colSpan === 1 && !c.dataset.label && c.textContent.trim() && !c.querySelector("form, .btn"))
            .map(c => c.textContent.trim()),
        shown: rows.length ? getComputedStyle(rows[0].cells[1], "::before").content : "",
        narrowest: Math.min(...rows.flatMap(r => Array.from(r.cells)).filter(c => c.textContent.trim().length > 12)
            .map(c => c.getBoundingClientRect().width)),
    };
}"""


LISTS = [
    ("/doan-vien/", "members", "Nguyễn Thị Lan"),
    ("/doan-vien/chuyen-sinh-hoat/", "outgoing", "Trần Văn Bình"),
    ("/doan-vien/thong-ke/", "stats", "Công đoàn Sở Y tế"),
    ("/tai-khoan/nhat-ky/", "audit", "Nguyễn Thị Lan"),
    ("/tai-khoan/", "accounts", "officer_a"),
]


@pytest.mark.parametrize(("path", "testid", "text"), LISTS, ids=[t for _p, t, _x in LISTS])
def test_lists_are_cards_on_a_phone(browser, live_server, register, path, testid, text):
    context, page = open_page(browser, live_server, "cdvc_officer", viewport=PHONE)
    try:
        page.goto(live_server.url + path)
        table = page.locator(f"table[data-testid={testid}]")
        assert table.get_by_text(text).first.is_visible()
        state = table.evaluate(CARD_STATE)
        assert state["display"] == "flex"  # a card, not a table row
        assert state["scrolls"] <= 0 and sideways(page) <= 0  # nothing scrolls sideways
        assert state["right"] <= PHONE["width"]
        assert state["unlabelled"] == []  # every value under its column's label
        assert state["shown"].startswith('"') and ":" in state["shown"]  # the label is drawn
        assert state["narrowest"] > 120  # no column squeezed to a word per line
    finally:
        context.close()


def test_lists_stay_tables_on_a_desktop(browser, live_server, register):
    context, page = open_page(browser, live_server, "cdvc_officer", viewport=DESKTOP)
    try:
        page.goto(live_server.url + "/doan-vien/")
        state = page.locator("table[data-testid=members]").evaluate(CARD_STATE)
        assert state["display"] == "table-row"
        assert page.locator("table[data-testid=members] thead th").first.is_visible()
    finally:
        context.close()


def test_actions_stay_on_the_cards(browser, live_server, register, tree):
    """The sort buttons and the accept/refuse buttons of an incoming transfer work on a phone."""
    context, page = open_page(browser, live_server, "cdvc_officer", viewport=PHONE)
    try:
        page.goto(live_server.url + "/doan-vien/")
        sort = page.locator("table[data-testid=members] thead button[name=sort]").first
        assert sort.is_visible()
        first = page.locator("table[data-testid=members] tbody tr").first
        before = first.inner_text()
        sort.click()
        page.wait_for_function(
            "before => document.querySelector('table[data-testid=members] tbody tr').innerText !== before",
            arg=before,
        )
        page.goto(live_server.url + "/doan-vien/chuyen-sinh-hoat/")
        card = page.locator("table[data-testid=incoming] tbody tr").first
        accept = card.get_by_role("button", name="Tiếp nhận")
        refuse = card.get_by_role("button", name="Từ chối")
        assert accept.is_visible() and refuse.is_visible()
        box = accept.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        accept.click()
        page.wait_for_load_state()
        register.transfer.refresh_from_db()
        assert register.transfer.state == Transfer.State.ACCEPTED
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_top_bar_fits_a_phone(browser, live_server, register, lang):
    context, page = open_page(browser, live_server, "cdvc_officer", viewport=PHONE, lang=lang)
    try:
        brand = page.locator("[data-testid=brand]")
        name = {"vi": "Công đoàn Viên chức", "en": "Public Employees' Union"}[lang]
        assert " ".join(brand.inner_text().split()) == name
        fits = brand.evaluate("el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight")
        assert fits  # nothing of the name is cut
        switch = page.locator("select[name=language]")
        assert switch.evaluate("s => s.options[s.selectedIndex].text") == lang.upper()
        box, brand_box = switch.bounding_box(), brand.bounding_box()
        assert box["width"] >= 60 and box["x"] + box["width"] <= PHONE["width"]
        assert brand_box["x"] + brand_box["width"] <= box["x"]  # side by side, no overlap
        assert sideways(page) <= 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_screenshots_for_the_issue(browser, live_server, register, lang, viewport):
    """Member list, member page and dashboard, for a person to look at (see the module docstring)."""
    context, page = open_page(browser, live_server, "cdvc_officer", viewport=viewport, lang=lang)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for name, path in [
            ("dashboard", "/"),
            ("member-list", "/doan-vien/"),
            ("member-page", f"/doan-vien/{register.lan.pk}/"),
        ]:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            assert sideways(page) <= 0
            page.screenshot(path=str(SHOTS / f"{name}-{viewport['width']}-{lang}.png"), full_page=True)
    finally:
        context.close()
