"""Vietnamese by default; the language switch turns the whole shell to English."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request in English leaves English active in this thread (LocaleMiddleware activates, nothing
    deactivates): later tests in the same worker would read English messages."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_vietnamese_is_the_default(client, officer_a):
    client.force_login(officer_a)
    body = client.get("/").content.decode()
    assert '<html lang="vi">' in body
    assert "Cơ cấu tổ chức" in body


def test_the_switch_turns_the_ui_to_english(client, officer_a):
    client.force_login(officer_a)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/doan-vien/"})
    assert response.status_code == 302
    body = client.get("/doan-vien/").content.decode()
    assert '<html lang="en">' in body
    assert "Organisation structure" in body
    assert "Cơ cấu tổ chức" not in body
