"""Playwright driving Debian's chromium (`apt-get install chromium`); it cannot download its own here."""

import os
import shutil

import pytest
from django.apps import apps


# What the data migrations seed (unit kinds, role kinds, officer positions, default grants). The
# flush after each transactional test removes it, and serialized_rollback cannot bring it back
# here: under Playwright's event loop asgiref hands this thread new connection objects, without
# the copy serialized when the test database was created. Seed operations say so with
# ``hints={"seed": True}``; they are replayed in migration order, so a new module's seeds come too.
def _seed_operations():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.operations import RunPython

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    return [
        operation.code
        for migration, _backwards in plan
        for operation in migration.operations
        if isinstance(operation, RunPython) and operation.hints.get("seed")
    ]


@pytest.fixture(scope="session")
def seed_operations(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _seed_operations()


@pytest.fixture(autouse=True)
def seeded(transactional_db, seed_operations):
    for code in seed_operations:
        code(apps, None)


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run must `apt-get install chromium`")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django test database calls
    # made by fixtures in the same thread are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
