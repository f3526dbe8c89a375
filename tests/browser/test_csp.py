"""Under the Content-Security-Policy the pages still work: no script, style, font or image of
ours is blocked (the browser reports each blocked one on the console), and the behaviours moved
out of inline handlers into core/static/core/app.js still happen."""

import pytest

from congdoan.core.models import Job
from congdoan.members.tests.factories import join
from tests.browser.test_officer_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/don-vi/",
    "/don-vi/?q=so",
    "/don-vi/{unit}/",
    "/doan-vien/",
    "/doan-vien/thong-ke/",
    "/doan-vien/chuyen-sinh-hoat/",
    "/doan-vien/nhap-xuat/",
    "/doan-vien/them/",
    "/tai-khoan/",
    "/tai-khoan/nhat-ky/",
    "/tai-khoan/toi/",
    "/cong-viec/",
    "/cong-viec/{job}/",
    "/bai-viet/them/",  # the article form and its rich-text editor (vendor/quill)
    "/api/v1/docs",
]


def watch(page) -> list[str]:
    """Messages of blocked content and script errors, as the page reports them."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_main_pages_report_no_policy_violation(page, live_server, tree, officer_a):
    join(tree.a, name="Nguyễn Văn An", actor=officer_a)
    job = Job.objects.create(user=officer_a, kind="x", label="Xuất", state=Job.State.RUNNING)
    problems = watch(page)
    login(page, live_server, "officer_a")
    for path in PAGES:
        response = page.goto(live_server.url + path.format(unit=tree.a.pk, job=job.pk))
        assert response.ok, f"{path} answered {response.status}"
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert not problems, f"{path}: {problems}"


def test_a_blocked_inline_script_would_be_seen(page, live_server, tree, officer_a):
    """The check above can fail: an inline script on one of our pages is reported."""
    problems = watch(page)
    login(page, live_server, "officer_a")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "1";
                             document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in p for p in problems)


def test_behaviours_moved_out_of_inline_handlers(page, live_server, tree, officer_a):
    from congdoan.accounts.services import token_issue

    token_issue(actor=officer_a, name="Excel")
    problems = watch(page)
    login(page, live_server, "officer_a")
    # The depth of the unit switcher's entries (data-indent) is set by app.js.
    padding = page.locator(".switcher-menu [data-indent]").first.evaluate("e => e.style.paddingLeft")
    assert padding.endswith("rem")
    # data-confirm: dismissing the question keeps the token; accepting revokes it.
    page.goto(f"{live_server.url}/tai-khoan/toi/")
    page.once("dialog", lambda d: d.dismiss())
    page.locator("button[data-confirm]").click()
    assert page.locator("button[data-confirm]").count() == 1
    page.once("dialog", lambda d: d.accept())
    page.locator("button[data-confirm]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("button[data-confirm]").count() == 0
    # data-autosubmit: the language switcher changes the language at once.
    page.select_option("select[name=language]", "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert not problems, problems
