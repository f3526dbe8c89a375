"""The officers' rich-text editor (Quill 2, vendored; portal/editor.js) as a writer uses it, on a desktop
and on a 390 px phone, in Vietnamese and English: a heading, bold and italic text, a link, a bulleted
list and a quotation typed with the toolbar; saved, the draft's preview shows them; an image uploaded
to the draft is inserted from the image button; published, the public page shows the same markup and
the image. The console reports nothing along the way: no Content-Security-Policy violation (Quill runs
under script-src/style-src 'self'), no script error, no image that fails to load.

Screenshots in ``SCREENSHOT_DIR``/issue16 (default ``.screenshots/issue16``): ``editor-<width>-<lang>``
(the form with the typed text), ``editor-preview-…`` (the officers' page) and ``editor-public-…``."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from congdoan.portal.models import Article
from congdoan.portal.services import image_add
from congdoan.portal.tests.factories import category, image_file
from tests.browser.test_officer_journey import PASSWORD
from tests.browser.test_phone_layout import open_page, sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", ".screenshots")) / "issue16"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FORMATTED = {
    "h2": "Kết quả năm 2022",
    "strong": "thông qua",
    "em": "nghị quyết",
    "a[href='https://congdoan.vn/']": "trang Công đoàn",
    "ITEM": "Khen thưởng 12 tập thể",
    "blockquote": "Đoàn viên là trung tâm",
}


def watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def type_formatted_text(page) -> None:
    editor = page.locator(".ql-editor")
    editor.click()
    page.locator(".ql-toolbar .ql-header[value='2']").click()
    page.keyboard.type("Kết quả năm 2022")
    page.keyboard.press("Enter")
    page.keyboard.type("Hội nghị đã ")
    page.locator(".ql-toolbar .ql-bold").click()
    page.keyboard.type("thông qua")
    page.locator(".ql-toolbar .ql-bold").click()
    page.keyboard.type(" ")
    page.locator(".ql-toolbar .ql-italic").click()
    page.keyboard.type("nghị quyết")
    page.locator(".ql-toolbar .ql-italic").click()
    page.keyboard.type(". Xem ")
    page.keyboard.type("trang Công đoàn")
    for _ in "trang Công đoàn":
        page.keyboard.press("Shift+ArrowLeft")
    page.locator(".ql-toolbar .ql-link").click()
    tooltip = page.locator(".ql-tooltip.ql-editing input[type=text]")
    tooltip.fill("https://congdoan.vn/")
    tooltip.press("Enter")
    editor.press("End")
    page.keyboard.press("Enter")
    page.locator(".ql-toolbar .ql-list[value='bullet']").click()
    page.keyboard.type("Khen thưởng 12 tập thể")
    page.keyboard.press("Enter")
    page.keyboard.type("Tặng 95 suất quà")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.locator(".ql-toolbar .ql-blockquote").click()
    page.keyboard.type("Đoàn viên là trung tâm")


def assert_formatted(root, item: str = "ul > li") -> None:
    """The typed formatting under ``root``; ``item`` finds a bulleted item (Quill draws every list as
    ``<ol>`` with ``data-list`` inside the editor, and writes ``<ul>`` out)."""
    for selector, text in FORMATTED.items():
        selector = item if selector == "ITEM" else selector
        assert text in root.locator(selector).first.inner_text(), selector
    assert root.locator(item).count() == 2


def image_loaded(page, image) -> None:
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "390"])
def test_write_format_insert_an_image_and_publish(
    browser, live_server, tree, officer_a, settings, tmp_path, lang, viewport
):
    settings.MEDIA_ROOT = tmp_path
    width = viewport["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = open_page(browser, live_server, "officer_a", viewport=viewport, lang=lang)
    problems = watch(page)
    try:
        page.goto(f"{live_server.url}/bai-viet/them/")
        assert page.locator("textarea[name=body]").is_hidden()  # the editor took its place
        page.locator("[data-unit-picker]:has(input[name=unit]) input[type=search]").fill("so y te")
        page.locator(
            "[data-unit-picker]:has(input[name=unit]) [data-unit-pick]", has_text="Sở Y tế"
        ).first.click()
        page.select_option("select[name=category]", value=str(category().pk))
        page.fill("input[name=title]", "Hội nghị tổng kết năm 2022 của Công đoàn Sở Y tế")
        type_formatted_text(page)
        assert sideways(page) <= 0
        page.locator(".ql-editor").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"editor-{width}-{lang}.png"), full_page=True)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/bai-viet/*/")
        article = Article.objects.get()
        assert 'rel="noopener noreferrer"' in article.body and "&nbsp;" not in article.body
        assert "target=" not in article.body and "data-list" not in article.body
        assert_formatted(page.get_by_test_id("body"))

        # An image uploaded to the draft, inserted from the editor's image button.
        image = image_add(
            actor=officer_a, article=article, upload=image_file(), caption="Quang cảnh hội nghị"
        )
        page.goto(f"{live_server.url}/bai-viet/{article.pk}/sua/")
        assert_formatted(
            page.locator(".ql-editor"), "li[data-list=bullet]"
        )  # the saved body loads back into the editor
        page.locator(".ql-editor h2").click()
        page.keyboard.press("End")
        page.keyboard.press("Enter")  # the image goes in a paragraph of its own under the heading
        page.locator(".ql-toolbar .ql-image").click()
        page.locator(f"[data-editor-image='/tin-tuc/anh/{image.pk}/web.jpg']").click()
        image_loaded(page, page.locator(".ql-editor img"))  # shown through the officers' preview
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/bai-viet/{article.pk}/")
        article.refresh_from_db()
        assert f'<img src="/tin-tuc/anh/{image.pk}/web.jpg" alt="Quang cảnh hội nghị">' in article.body
        body = page.get_by_test_id("body")
        assert_formatted(body)
        image_loaded(page, body.locator("img"))
        assert sideways(page) <= 0
        page.screenshot(path=str(SHOTS / f"editor-preview-{width}-{lang}.png"), full_page=True)

        steps = page.get_by_test_id("workflow-actions").inner_text()
        assert ("Send for review" if lang == "en" else "Gửi duyệt") in steps  # labels in the page's language
        for step in ("submit", "publish"):
            page.locator(f"[data-testid=workflow-actions] form:has(input[value={step}]) button").click()
            page.wait_for_load_state()
        article.refresh_from_db()
        assert article.state == Article.State.PUBLISHED
        cache.clear()
        page.goto(live_server.url + article.get_absolute_url())
        body = page.locator("article .article-body")
        assert_formatted(body)
        image_loaded(page, body.locator(f"img[src^='/tin-tuc/anh/{image.pk}/web.jpg?v=']"))
        assert page.locator("article figure img").count() == 0  # shown in the body, not again below
        assert sideways(page) <= 0
        page.screenshot(path=str(SHOTS / f"editor-public-{width}-{lang}.png"), full_page=True)
        assert not problems, problems
    finally:
        context.close()


def test_without_javascript_the_textarea_takes_html(browser, live_server, tree, officer_a):
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        page.fill("input[name=username]", "officer_a")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.goto(f"{live_server.url}/bai-viet/them/")
        body = page.locator("textarea[name=body]")
        assert body.is_visible() and page.locator(".ql-editor").count() == 0
    finally:
        context.close()
