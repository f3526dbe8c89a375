"""A conference's resolution is a numbered document of the register (``documents``), linked
through ``documents.links``: the unit's own, issued, one per conference."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.documents import links
from congdoan.documents.tests.factories import draft, issued

from ..services import resolution_link
from .factories import conference

pytestmark = pytest.mark.django_db


def _resolution(actor, unit):
    return issued(
        actor, unit, kind_code="nghi-quyet", title="Nghị quyết Hội nghị năm 2024", on=dt.date(2024, 2, 22)
    )


def test_link_the_numbered_resolution(client, tree, officer_a):
    held = conference(tree.a, officer_a)
    document = _resolution(officer_a, tree.a)
    resolution_link(actor=officer_a, conference=held, document=document)
    assert list(links.documents_of(held, "nghi-quyet")) == [document]
    assert (
        AuditEntry.objects.get(action="conference.resolution_link").after["number"] == document.number_symbol
    )
    client.force_login(officer_a)
    body = client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    assert f"Nghị quyết số {document.number_symbol} ngày 22/02/2024" in body
    assert "/NQ-" in document.number_symbol


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("draft", "Văn bản chưa ban hành (chưa có số)"),
        ("other_unit", "Nghị quyết phải là văn bản của chính đơn vị tổ chức hội nghị."),
        ("second", "Hội nghị đã có nghị quyết."),
    ],
)
def test_bad_resolution_is_refused(tree, cdvc_officer, case, message):
    held = conference(tree.a, cdvc_officer)
    if case == "draft":
        document = draft(cdvc_officer, tree.a, kind_code="nghi-quyet", title="Dự thảo nghị quyết")
    elif case == "other_unit":
        document = _resolution(cdvc_officer, tree.b)
    else:
        resolution_link(actor=cdvc_officer, conference=held, document=_resolution(cdvc_officer, tree.a))
        document = _resolution(cdvc_officer, tree.a)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        resolution_link(actor=cdvc_officer, conference=held, document=document)
    assert caught.value.message_dict["document"][0].startswith(message)
    assert AuditEntry.objects.count() == before


def test_link_through_the_page_and_the_api(client, call, tree, officer_a):
    held = conference(tree.a, officer_a)
    document = _resolution(officer_a, tree.a)
    client.force_login(officer_a)
    response = client.post(reverse("meetings:resolution_link", args=[held.pk]), {"res-document": "999999"})
    assert response.status_code == 422
    assert "Nghị quyết: hãy chọn một văn bản đã ban hành của đơn vị." in response.content.decode()
    answer = call(
        officer_a, "POST", f"/meetings/conferences/{held.pk}/resolution", {"document_id": document.pk}
    )
    assert answer.status_code == 201 and answer.json()["number_symbol"] == document.number_symbol
    detail = call(officer_a, "GET", f"/meetings/conferences/{held.pk}").json()
    assert detail["resolution_document"]["id"] == document.pk


def test_another_units_document_is_not_found_through_the_api(call, tree, officer_a, officer_b):
    held = conference(tree.a, officer_a)
    theirs = _resolution(officer_b, tree.b)
    answer = call(
        officer_a, "POST", f"/meetings/conferences/{held.pk}/resolution", {"document_id": theirs.pk}
    )
    assert answer.status_code == 404
