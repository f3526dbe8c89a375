"""A reader opens an article of the public news site on a 390-pixel phone, without logging in: the
title, the image with its caption, the figures box and the byline are there, nothing scrolls
sideways, the image fits the screen and the CSP blocks nothing. Screenshot in ``SCREENSHOT_DIR``/issue16."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from congdoan.portal.services import article_step, image_add
from congdoan.portal.tests.factories import draft, image_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ".screenshots")) / "issue16"


@pytest.fixture
def article(tree, officer_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    long_body = "".join(
        f"<p>Đoạn {n}: hội nghị đã nhìn lại một năm hoạt động của công đoàn, với rất nhiều phong trào thi đua "
        f"và hoạt động chăm lo đời sống đoàn viên_không_có_dấu_cách_rất_dài_{'x' * 40}.</p>"
        for n in range(1, 6)
    )
    written = draft(
        tree.a,
        officer_a,
        title="Hội nghị tổng kết công tác Công đoàn năm 2022",
        body=long_body,
        publish_at=timezone.make_aware(dt.datetime(2023, 1, 5, 9, 0)),
        archived=True,
        figures_unit=tree.a,
        figures_year=2022,
        figure_names=["members.total", "members.female"],
    )
    image_add(
        actor=officer_a, article=written, upload=image_file(size=(2400, 1350)), caption="Quang cảnh hội nghị"
    )
    article_step(actor=officer_a, article=written, step="submit")
    article_step(actor=officer_a, article=written, step="publish")
    cache.clear()
    return written


def test_an_article_reads_on_a_phone(live_server, phone_page, article):
    problems = []
    phone_page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    response = phone_page.goto(
        f"{live_server.url}/tin-tuc/2023/01/05/hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2022/"
    )
    assert response.status == 200 and "public" in response.headers["cache-control"]
    assert phone_page.locator("h1").inner_text() == "Hội nghị tổng kết công tác Công đoàn năm 2022"
    assert phone_page.locator("figcaption").first.inner_text() == "Quang cảnh hội nghị"
    assert phone_page.get_by_test_id("figures-box").is_visible()
    assert phone_page.get_by_test_id("byline").is_visible()
    image = phone_page.locator("article figure img").first
    image.scroll_into_view_if_needed()
    phone_page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    box = image.bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert not problems, problems
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone_page.screenshot(path=str(SHOTS / "article-390.png"), full_page=True)
