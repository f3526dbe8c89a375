"""Kinds of unit and roles have an English name (``Catalogue.name_en``) shown in English: filled in
for the shipped rows by a data migration, edited in the admin, written to the log in Vietnamese."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from congdoan.accounts.services import role_grant
from congdoan.core.audit_display import audit_rows
from congdoan.core.models import AuditEntry
from congdoan.organizations.models import RoleKind, UnitKind
from congdoan.organizations.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("model", [UnitKind, RoleKind])
def test_every_shipped_row_has_an_english_name(db, model):
    rows = list(model.objects.all())
    assert len(rows) >= 5
    assert all(row.name_en and row.name_en != row.name for row in rows)


def test_the_label_follows_the_language(db):
    kind = UnitKind.objects.get(code="cdcs")
    with translation.override("en"):
        assert str(kind) == kind.label == "Grassroots union"
    with translation.override("vi"):
        assert str(kind) == kind.label == "Công đoàn cơ sở"
    kind.name_en = ""
    with translation.override("en"):
        assert kind.label == "Công đoàn cơ sở"  # no English name: the Vietnamese one


def test_unit_page_and_choice_lists_in_english(english, cdvc_officer, tree):
    english.force_login(cdvc_officer)
    body = english.get(reverse("organizations:detail", args=[tree.a.pk])).content.decode()
    assert "Grassroots union" in body
    assert "Công đoàn cơ sở" not in body
    body = english.get(reverse("organizations:create", args=[tree.cdvc.pk])).content.decode()
    assert ">Grassroots union</option>" in body and ">Union group</option>" in body


def test_roles_in_english_and_the_log_in_vietnamese(english, admin_user, tree):
    user = UserFactory(username="vien", home_unit=tree.a)
    with translation.override("en"):
        role_grant(
            actor=admin_user,
            user=user,
            role=RoleKind.objects.get(code="pho-chu-tich"),
            unit=tree.a,
            valid_from=dt.date(2024, 1, 1),
        )
    entry = AuditEntry.objects.filter(object_type="organizations.roleassignment").latest("id")
    assert entry.object_repr.startswith("Phó Chủ tịch")  # stored in the deployment's language
    with translation.override("en"):
        changes = {str(c.label): c.after for c in audit_rows([entry], actor=admin_user)[0].changes}
    assert "Vice-chair" in changes.values()
    english.force_login(admin_user)
    body = english.get(reverse("accounts:detail", args=[user.pk])).content.decode()
    assert "Vice-chair" in body and "Phó Chủ tịch" not in body


def test_the_admin_edits_the_english_name(client, admin_user):
    client.force_login(admin_user)
    kind = UnitKind.objects.get(code="to-cong-doan")
    url = reverse("admin:organizations_unitkind_change", args=[kind.pk])
    page = client.get(url).content.decode()
    assert 'name="name_en"' in page and 'name="code"' not in page  # the code is fixed
    data = {"name": kind.name, "name_en": "Trade union group", "order": kind.order}
    assert client.post(url, data).status_code == 302
    kind.refresh_from_db()
    assert (kind.code, kind.name_en) == ("to-cong-doan", "Trade union group")
    listing = client.get(reverse("admin:organizations_rolekind_changelist")).content.decode()
    assert "Executive committee member" in listing
