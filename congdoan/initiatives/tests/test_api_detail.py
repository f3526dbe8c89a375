"""/api/v1/initiatives/{id}: the detail carries the files and the council's decisions (as the page,
through ``selectors.initiative_detail``); ``benefit`` is read by the shared money parser (``core.api.vnd``):
"1.500.000" as the pages take it, bad input a 422 on ``benefit`` in the parser's words."""

import pytest

from congdoan.documents import links
from congdoan.initiatives.models import Initiative, InitiativeAttachment
from congdoan.members.tests.factories import join
from congdoan.plans.tests.factories import issued

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_detail_lists_files_and_decisions(call, tree, officer_a, officer_b):
    (pk,) = f.register(tree.a, actor=officer_a)
    f.recognise([pk], tree.a, actor=officer_a)
    file = InitiativeAttachment.objects.create(
        initiative_id=pk,
        path=f"attachments/test/d-{pk}.pdf",
        name="mo-ta.pdf",
        size=12,
        content_type="application/pdf",
    )
    decision = issued(tree.a, kind="quyet-dinh", title="Quyết định công nhận sáng kiến")
    links.link(document=decision, obj=Initiative.objects.get(pk=pk), role="decision")
    detail = call(officer_a, "GET", f"/initiatives/{pk}").json()
    (shown,) = detail["attachments"]
    assert (shown["id"], shown["name"], shown["size"]) == (file.pk, "mo-ta.pdf", 12)
    assert shown["url"] == f"/sang-kien/{pk}/tep/{file.pk}/" or shown["url"].endswith(f"/{pk}/tep/{file.pk}/")
    assert [(d["id"], d["number_symbol"]) for d in detail["decisions"]] == [
        (decision.pk, decision.number_symbol)
    ]
    assert call(officer_b, "GET", f"/initiatives/{pk}").status_code == 404


def _body(tree, person, benefit) -> dict:
    return {
        "unit_id": tree.a.pk,
        "title": "Quy trình số hóa văn bản",
        "field_id": f.field().pk,
        "applied_on": "2022-03-01",
        "registered_on": "2022-03-01",
        "benefit": benefit,
        "authors": [{"person_id": person.pk, "share": "100"}],
    }


@pytest.mark.parametrize(
    ("benefit", "stored"),
    [("1.500.000", 1_500_000), ("1.500.000 đ", 1_500_000), (1_500_000, 1_500_000), (None, None)],
)
def test_the_benefit_is_read_as_the_pages_read_it(call, tree, officer_a, benefit, stored):
    created = call(officer_a, "POST", "/initiatives", _body(tree, join(tree.a, actor=officer_a), benefit))
    assert created.status_code == 201, created.content
    assert created.json()["benefit"] == stored == Initiative.objects.get().benefit


@pytest.mark.parametrize(
    ("benefit", "words"),
    [
        ("1,500,000", "1.500.000"),  # commas between thousands: told to write dots
        ("1.500.000,5", "thập phân"),
        (1500.5, "thập phân"),
        ("-1.000", "âm"),
        ("một triệu", "1.000.000"),
        (True, "không phải là số tiền"),
        (0, "lớn hơn 0"),
    ],
)
def test_a_bad_benefit_is_a_422_in_the_parsers_words(call, tree, officer_a, benefit, words):
    refused = call(officer_a, "POST", "/initiatives", _body(tree, join(tree.a, actor=officer_a), benefit))
    assert refused.status_code == 422, refused.content
    (message,) = refused.json()["errors"]["benefit"]
    assert message.startswith("Hiệu quả (đồng)") and words in message, message
    assert not Initiative.objects.exists()


def test_the_schema_documents_the_benefit_as_number_or_text(client):
    spec = client.get("/api/v1/openapi.json").json()
    benefit = spec["components"]["schemas"]["InitiativeIn"]["properties"]["benefit"]
    kinds = {s.get("type") for s in benefit["anyOf"]}
    assert {"integer", "string"} <= kinds, benefit
