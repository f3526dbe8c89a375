"""In English, officer positions, statuses and kinds of unit read in English on the member pages;
the shipped positions have their English names (``PositionKind.name_en``, a data migration)."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from congdoan.members import services
from congdoan.members.models import PositionKind
from congdoan.members.tests.factories import join


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_every_shipped_position_has_an_english_name(db):
    rows = list(PositionKind.objects.all())
    assert len(rows) == 8
    assert all(p.name_en and p.name_en != p.name for p in rows)
    with translation.override("en"):
        assert str(PositionKind.objects.get(code="chu-tich")) == "Chair"


def test_member_page_in_english(client, tree, officer_a):
    lan = join(tree.a, name="Nguyễn Thị Lan", actor=officer_a)
    services.position_assign(
        actor=officer_a,
        person=lan,
        position=PositionKind.objects.get(code="truong-ban-nu-cong"),
        unit=tree.a,
        valid_from=dt.date(2023, 6, 1),
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer_a)
    body = client.get(reverse("members:detail", args=[lan.pk])).content.decode()
    assert "Head of the women&#x27;s affairs committee" in body
    assert "Trưởng ban Nữ công" not in body
    assert ">Active<" in body and "Đang sinh hoạt" not in body
    assert ">Female<" in body
    stats = client.get(reverse("members:stats"), {"unit": tree.cdvc.pk}).content.decode()
    assert "Grassroots union" in stats and "Công đoàn cơ sở" not in stats
