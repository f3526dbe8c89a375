"""The article form's pickers as an officer uses them, on a desktop and on a 390 px phone: link a
conference of the officer's union found by its year, tick a figure of the figures box after loading the
figures readable for the unit and year, save; the draft holds both, and a sibling's conference is
never offered."""

import datetime as dt

import pytest

from congdoan.meetings.tests.factories import conference
from congdoan.portal.models import Article
from tests.browser.test_officer_journey import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _pick_unit(page, field: str, typed: str, name: str) -> None:
    page.locator(f"[data-unit-picker]:has(input[name={field}]) input[type=search]").fill(typed)
    page.locator(f"[data-unit-picker]:has(input[name={field}]) [data-unit-pick]", has_text=name).first.click()


@pytest.mark.parametrize("size", SIZES)
def test_link_a_record_and_choose_a_figure(browser, live_server, tree, officer_a, officer_b, size):
    mine = conference(tree.a, officer_a, held_on=dt.date(2024, 2, 22))
    conference(tree.b, officer_b, held_on=dt.date(2024, 2, 23))  # CĐCS B's: never offered
    context = browser.new_context(locale="vi-VN", viewport=SIZES[size], is_mobile=size == "phone")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        page.fill("input[name=username]", "officer_a")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}/bai-viet/them/")
        _pick_unit(page, "unit", "so y te", "Công đoàn Sở Y tế")
        page.select_option("select[name=category]", label="Tin hoạt động")
        page.fill("input[name=title]", "Hội nghị cán bộ công chức Sở Y tế năm 2024")
        page.locator(".ql-editor").fill("Hội nghị đã thông qua nghị quyết.")  # the body's editor
        # The link picker: a kind, a year typed, a click on the record.
        page.select_option("[data-testid=link-kind]", value="meetings.conference")
        page.locator("[data-testid=link-search]").fill("2024")
        choice = page.locator("[data-link-pick]").first
        choice.wait_for()
        assert page.locator("[data-link-pick]").count() == 1  # the sibling's conference is not offered
        assert "Sở Giáo dục" not in page.locator("[data-link-results]").inner_text()
        choice.click()
        chosen = page.locator("[data-testid=link-chosen] [data-link-item]")
        assert (
            chosen.count() == 1
            and chosen.first.get_attribute("data-link-item") == f"meetings.conference:{mine.pk}"
        )
        # The figure picker: the unit and year, then the figures readable there with their values.
        _pick_unit(page, "figures_unit", "so y te", "Công đoàn Sở Y tế")
        page.fill("input[name=figures_year]", "2024")
        page.locator("[data-testid=figure-load]").click()
        held = page.locator("[data-testid=figure-choices] input[value='conferences.cbccvc.held']")
        held.wait_for()
        assert page.locator("[data-testid=figure-choices] [data-figure]").count() > 1
        held.check()
        if size == "phone":  # nothing of the form is wider than the phone
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/bai-viet/*/")
        article = Article.objects.get()
        assert [link.object_id for link in article.links.all()] == [str(mine.pk)]
        assert article.figure_list == ["conferences.cbccvc.held"]
        assert article.figures_unit_id == tree.a.pk and article.figures_year == 2024
    finally:
        context.close()
