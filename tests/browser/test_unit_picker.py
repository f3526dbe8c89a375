"""The unit picker as an officer uses it: type a name without diacritics, pick, save.

Screenshots of the picker open (desktop and 390 px phone, Vietnamese and English) are written to
``SCREENSHOT_DIR`` (default ``.screenshots/``) for a person to look at.
"""

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.browser.test_officer_journey import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ".screenshots"))
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LABELS = {"vi": ("Đơn vị cấp trên mới", "Lưu"), "en": ("New parent unit", "Save")}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_move_a_unit_with_the_picker(browser, live_server, tree, cdvc_officer, size, lang):
    context = browser.new_context(
        locale="vi-VN" if lang == "vi" else "en-US", viewport=SIZES[size], is_mobile=size == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        page.fill("input[name=username]", "cdvc_officer")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}/don-vi/{tree.b.pk}/chuyen/")
        assert page.get_by_text(LABELS[lang][0]).first.is_visible()
        page.locator("[data-unit-picker] input[type=search]").fill("so y te")
        option = page.locator("[data-unit-pick]", has_text="Công đoàn Sở Y tế")
        option.wait_for()
        page.locator("[data-unit-pick]", has_text="Viên chức").wait_for(state="detached")  # filtered
        # Out of the officer's reach, and the unit itself, are never offered.
        assert page.locator("[data-unit-pick]", has_text="tỉnh B").count() == 0
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"unit-picker-{size}-{lang}.png"), full_page=True)
        option.click()
        assert page.locator("[data-unit-picker-value]").input_value() == str(tree.a.pk)
        page.fill("input[name=on]", "2024-05-01")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/don-vi/{tree.b.pk}/**")
        assert tree.b.version_on(dt.date(2024, 5, 1)).parent_id == tree.a.pk
    finally:
        context.close()
