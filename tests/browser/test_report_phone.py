"""On a 390-pixel phone the reports fit: a figure's label and its value share a line while they fit
and the value wraps below otherwise (sums of billions of đồng included), and every table of a report
scrolls inside its own container or becomes cards; in Vietnamese and in English. Screenshots are
written to ``SCREENSHOT_DIR``/reports (default ``.screenshots/reports``)."""

import os
from pathlib import Path

import pytest

from congdoan.reports.tests.conftest import FAKE_FUND, fake_module, year_2022  # noqa: F401 (fixtures)
from tests.browser.test_phone_layout import PHONE, open_page, sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ".screenshots")) / "reports"
OUTSIDE = """() => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .filter(e => !e.closest('.table-responsive'))
    .map(e => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40))"""


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", ["tong-ket", "so-ket", "khen-thuong", "xep-loai", "thong-ke-doan-vien"])
def test_reports_fit_a_phone(browser, live_server, cdvc_officer, year_2022, fake_module, lang, path):  # noqa: F811
    tree = year_2022
    fake_module[tree.a.pk][FAKE_FUND] = 12_304_200_000  # "12.304.200.000 đ": wider than a third of a phone
    context, page = open_page(browser, live_server, "cdvc_officer", viewport=PHONE, lang=lang)
    try:
        page.goto(f"{live_server.url}/bao-cao/{path}/?unit={tree.cdvc.pk}&nam=2022")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{path}-{lang}-390.png"), full_page=True)
        assert sideways(page) <= 0
        assert page.evaluate(OUTSIDE) == []
        if path == "tong-ket":
            assert page.get_by_text("12.304.200.000").first.is_visible()
    finally:
        context.close()
