"""Unit names, codes and notes as typed, through the form, the API and the service: stored clean,
codes equal however typed, names with Ð found as Đ, notes keeping their lines."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.organizations import services
from congdoan.organizations.models import Unit, UnitKind
from congdoan.organizations.selectors import unit_search

NAME = "\ufeffCông đoàn Trường\u200b Ðại  học\x07 "


def names(actor, q: str) -> list[str]:
    return [v.name for v in unit_search(actor=actor, q=q)]


def test_the_form_stores_a_unit_clean(client, cdvc_officer, tree):
    client.force_login(cdvc_officer)
    response = client.post(
        reverse("organizations:create", args=[tree.cdvc.pk]),
        {
            "code": "cd\u200b-dh ",
            "name": NAME,
            "short_name": "\u00adCĐ ĐH",
            "kind": UnitKind.objects.get(code="cdcs").pk,
            "address": " Hà\u00a0Nội ",
            "valid_from": "\u200b01/03/2024",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    unit = Unit.objects.get(code="CD-DH")
    version = unit.latest_version
    assert (version.name, version.short_name, version.address) == (
        "Công đoàn Trường Đại học",
        "CĐ ĐH",
        "Hà Nội",
    )
    assert version.name_folded == "cong doan truong dai hoc cd dh"
    for q in ("dai hoc", "Đại học", "Ðại học"):
        assert names(cdvc_officer, q) == ["Công đoàn Trường Đại học"], q


def test_the_api_stores_a_unit_clean_and_a_note_keeps_its_lines(call, cdvc_officer, tree):
    body = {
        "code": "ｃｄ-ａｐｉ",
        "name": NAME,
        "kind": "cdcs",
        "parent_id": tree.cdvc.pk,
        "valid_from": "2024-03-01",
        "note": " Dòng một\u200b \r\nDòng hai\u2028Dòng ba \n",
    }
    response = call(cdvc_officer, "POST", "/units", body)
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(code="CD-API")
    assert (unit.latest_version.name, unit.note) == (
        "Công đoàn Trường Đại học",
        "Dòng một\nDòng hai\nDòng ba",
    )


@pytest.mark.parametrize("typed", ["CDCS_A", "cdcs_a", "ＣＤＣＳ＿Ａ", "CDCS\u200b_A", " CDCS_A "])
def test_a_code_typed_another_way_is_the_same_code(typed, admin_user, tree):
    with pytest.raises(ValidationError) as exc:
        services.unit_create(
            actor=admin_user,
            code=typed,
            name="Trùng mã",
            kind=UnitKind.objects.get(code="cdcs"),
            parent=tree.cdvc,
            valid_from=dt.date(2024, 3, 1),
        )
    assert exc.value.message_dict["code"] == ["Mã đơn vị 'CDCS_A' đã được dùng."]


def test_a_name_of_invisible_characters_is_required(admin_user, tree):
    with pytest.raises(ValidationError) as exc:
        services.unit_update(actor=admin_user, unit=tree.a, on=dt.date(2024, 3, 1), name="\u200b\ufeff")
    assert exc.value.message_dict["name"] == ["Trường này là bắt buộc."]
