"""The welfare pages: lists (query counts that do not grow, Excel files opened and searched), forms (422
with the field named), personal data hidden without ``members.view_personal``, candidates."""

import datetime as dt
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.dates import today
from congdoan.members.tests.factories import join
from congdoan.welfare.models import SupportCase

from . import factories
from .factories import DAY

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _xlsx_text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return "\n".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))


@pytest.fixture
def supported(tree, officer_a):
    programme = factories.programme(tree.a, officer_a)
    person = join(tree.a, actor=officer_a, name="Trần Thị Khó Khăn", hardship=True)
    factories.case(tree.a, officer_a, person=person, programme=programme)
    factories.case(
        tree.a,
        officer_a,
        beneficiary_name="Nguyễn Văn Cưới",
        kind=factories.kind("hieu-hy"),
        programme=programme,
    )
    factories.house(tree.a, officer_a)
    return programme


@pytest.mark.parametrize(
    "name",
    ["welfare:cases", "welfare:houses", "welfare:programmes", "welfare:programme", "welfare:candidates"],
)
def test_list_query_count_does_not_grow(client, tree, officer_a, supported, name):
    client.force_login(officer_a)
    url = (
        reverse(name, args=[supported.pk])
        if name in ("welfare:programme", "welfare:candidates")
        else reverse(name)
    )
    few = _queries(client, url)
    for n in range(4):
        person = join(tree.a, actor=officer_a, hardship=True, policy_family=bool(n % 2))
        factories.case(tree.a, officer_a, person=person, programme=supported, amount=200_000)
        factories.house(tree.a, officer_a, beneficiary_name=f"Hộ {n}")
    factories.programme(tree.a, officer_a, title="Chương trình thứ hai")
    assert _queries(client, url) == few


def test_the_case_page_shows_the_amount_in_words(client, tree, officer_a):
    case = factories.case(tree.a, officer_a, amount=2_100_000_000)
    client.force_login(officer_a)
    body = client.get(reverse("welfare:case", args=[case.pk])).content.decode()
    assert "2.100.000.000" in body and "Hai tỷ một trăm triệu đồng" in body


def test_personal_cases_are_hidden_without_view_personal(client, tree, officer_a, viewer_a, supported):
    client.force_login(viewer_a)
    body = client.get(reverse("welfare:cases")).content.decode()
    assert "Trần Thị Khó Khăn" not in body
    assert "Nguyễn Văn Cưới" in body  # a wedding is not personal data
    text = _xlsx_text(client.get(reverse("welfare:cases_export")))
    assert "Trần Thị Khó Khăn" not in text and "Nguyễn Văn Cưới" in text
    case = SupportCase.objects.get(person__full_name="Trần Thị Khó Khăn")
    assert "Trần Thị Khó Khăn" not in client.get(reverse("welfare:case", args=[case.pk])).content.decode()
    candidates = client.get(reverse("welfare:candidates", args=[supported.pk])).content.decode()
    assert "Trần Thị Khó Khăn" not in candidates
    client.force_login(officer_a)
    assert "Trần Thị Khó Khăn" in _xlsx_text(client.get(reverse("welfare:cases_export")))


def test_exports_open_and_hold_the_rows(client, tree, officer_a, supported):
    client.force_login(officer_a)
    assert "Hà Tĩnh" in _xlsx_text(client.get(reverse("welfare:houses_export")))
    assert "Chăm lo Tết 2022" in _xlsx_text(client.get(reverse("welfare:programmes_export")))
    text = _xlsx_text(client.get(reverse("welfare:totals_export") + f"?unit={tree.a.pk}&year=2022"))
    assert "Công đoàn Sở Y tế" in text and "22000000" in text


def test_a_programmes_recipients_and_gifts_download(client, tree, officer_a, viewer_a, supported):
    """The programme's cases and gift items as xlsx, opened and searched; a personal case's beneficiary
    is left out for whoever may not see personal data, as on the page."""
    factories.gift_items(supported, officer_a)
    client.force_login(officer_a)
    recipients = reverse("welfare:recipients_export", args=[supported.pk])
    items = reverse("welfare:items_export", args=[supported.pk])
    page = client.get(reverse("welfare:programme", args=[supported.pk])).content.decode()
    assert recipients in page and items in page
    text = _xlsx_text(client.get(recipients))
    assert (
        "Trần Thị Khó Khăn" in text and "Nguyễn Văn Cưới" in text and "Người nhận trong chương trình" in text
    )
    text = _xlsx_text(client.get(items))
    assert "Túi quà Tết" in text and "1000000" in text  # 2 gifts of 500.000 đồng
    client.force_login(viewer_a)
    text = _xlsx_text(client.get(recipients))
    assert "Trần Thị Khó Khăn" not in text and "Nguyễn Văn Cưới" in text and "thông tin cá nhân" in text


def test_candidates_mark_those_already_supported(client, tree, officer_a, supported):
    join(tree.a, actor=officer_a, name="Lê Văn Chính Sách", policy_family=True)
    join(tree.a, actor=officer_a, name="Đỗ Văn Bình Thường")
    client.force_login(officer_a)
    body = client.get(reverse("welfare:candidates", args=[supported.pk])).content.decode()
    assert "Lê Văn Chính Sách" in body and "Trần Thị Khó Khăn" in body and "Đỗ Văn Bình Thường" not in body
    assert body.count('data-testid="supported"') == 1
    only = client.get(
        reverse("welfare:candidates", args=[supported.pk]) + "?flag=policy_family"
    ).content.decode()
    assert "Trần Thị Khó Khăn" not in only


def test_the_case_form_names_the_bad_amount(client, tree, officer_a):
    person = join(tree.a, actor=officer_a)
    client.force_login(officer_a)
    data = {
        "unit": tree.a.pk,
        "kind": factories.kind().pk,
        "person": person.pk,
        "amount": "1.000,5",
        "source": "quy-cong-doan",
        "decided_on": DAY.strftime("%d/%m/%Y"),
    }
    response = client.post(reverse("welfare:case_create"), data)
    assert response.status_code == 422
    assert response.context["form"].errors["amount"]
    assert not SupportCase.objects.exists()
    data["amount"] = "0"
    response = client.post(reverse("welfare:case_create"), data)
    assert response.status_code == 422 and "lớn hơn 0" in response.context["form"].errors["amount"][0]
    data["amount"] = "1.000.000"
    response = client.post(reverse("welfare:case_create"), data)
    assert response.status_code == 302
    assert SupportCase.objects.get().amount == 1_000_000


def test_the_case_form_warns_before_saving_a_repeat(client, tree, officer_a, supported):
    person = SupportCase.objects.get(person__isnull=False, programme=supported).person
    client.force_login(officer_a)
    data = {
        "unit": tree.a.pk,
        "programme": supported.pk,
        "kind": factories.kind().pk,
        "person": person.pk,
        "amount": "500.000",
        "source": "quy-cong-doan",
        "decided_on": DAY.strftime("%d/%m/%Y"),
    }
    response = client.post(reverse("welfare:case_create"), data)
    assert response.status_code == 422
    assert "đã được hỗ trợ" in response.context["form"].errors["person"][0]
    response = client.post(reverse("welfare:case_create"), {**data, "confirm_repeat": "on"})
    assert response.status_code == 302


def test_a_person_outside_reach_is_not_found_in_the_form(client, tree, officer_a, officer_b):
    stranger = join(tree.b, actor=officer_b)
    client.force_login(officer_a)
    data = {
        "unit": tree.a.pk,
        "kind": factories.kind().pk,
        "person": stranger.pk,
        "amount": "500.000",
        "source": "quy-cong-doan",
        "decided_on": DAY.strftime("%d/%m/%Y"),
    }
    response = client.post(reverse("welfare:case_create"), data)
    assert response.status_code == 422 and response.context["form"].errors["person"]
    assert stranger.full_name not in response.content.decode()


def test_programme_page_adds_a_gift_item(client, tree, officer_a, supported):
    client.force_login(officer_a)
    url = reverse("welfare:item_add", args=[supported.pk])
    data = {
        "item-kind": str(factories.kind("qua-tet").pk),
        "item-description": "Túi quà Tết - kết nối yêu thương",
        "item-count": "100",
        "item-unit_value": "500.000",
        "item-given_on": DAY.strftime("%d/%m/%Y"),
        "item-source": "quy-cong-doan",
    }
    assert client.post(url, data).status_code == 302
    body = client.get(reverse("welfare:programme", args=[supported.pk])).content.decode()
    assert "50.000.000" in body


def test_totals_page_rolls_up(client, tree, cdvc_officer, officer_a, supported):
    client.force_login(cdvc_officer)
    response = client.get(reverse("welfare:totals") + f"?unit={tree.cdvc.pk}&year=2022")
    assert response.status_code == 200
    first = response.context["rows"][0]
    assert first.total.cases == 3 and first.total.amount == 22_000_000


def test_a_decision_is_linked_through_the_register(client, tree, officer_a):
    from congdoan.documents.links import targets_of
    from congdoan.plans.tests.factories import issued

    case = factories.case(tree.a, officer_a)
    decision = issued(tree.a, kind="quyet-dinh", title="Quyết định hỗ trợ đoàn viên ốm đau")
    client.force_login(officer_a)
    url = reverse("welfare:case_document", args=[case.pk])
    assert client.post(url, {"doc-document": decision.pk}).status_code == 302
    body = client.get(reverse("welfare:case", args=[case.pk])).content.decode()
    assert decision.number_symbol in body
    assert [t.url for t in targets_of(decision)] == [reverse("welfare:case", args=[case.pk])]


def test_the_dashboard_card_shows_the_figures(client, tree, cdvc_officer, officer_a):
    factories.case(tree.a, officer_a, decided_on=today())
    client.force_login(cdvc_officer)
    body = client.get("/").content.decode()
    for name in ("welfare.cases", "welfare.people", "welfare.amount"):
        assert f'data-figure="{name}"' in body


@pytest.mark.parametrize(
    "query",
    ["year=2022", "nam=2022", "ky=2022", "tu=01/01/2022&den=31/12/2022", "ky=2022-h1"],
)
def test_totals_and_lists_read_the_period_in_every_spelling(
    client, tree, cdvc_officer, officer_a, supported, query
):
    """The totals page, its file and the lists take the period as ``year``, ``nam`` (the reports'
    links), ``ky`` or ``tu``/``den``: none of them is silently ignored (2022, not this year)."""
    client.force_login(cdvc_officer)
    response = client.get(reverse("welfare:totals") + f"?unit={tree.cdvc.pk}&{query}")
    assert response.status_code == 200
    assert response.context["period"].start == dt.date(2022, 1, 1)
    assert response.context["rows"][0].total.cases == 3
    export = client.get(reverse("welfare:totals_export") + f"?unit={tree.cdvc.pk}&{query}")
    assert export.status_code == 200 and "2022" in export["Content-Disposition"]
    cases = client.get(reverse("welfare:cases") + f"?{query}")
    assert cases.status_code == 200 and len(cases.context["rows"]) == 3  # two cases and the house
    assert "2022" in cases.context["query"]
    programmes = client.get(reverse("welfare:programmes") + f"?{query}")
    assert programmes.status_code == 200 and len(programmes.context["rows"]) == 1
    elsewhere = client.get(reverse("welfare:cases") + "?nam=2019")
    assert elsewhere.status_code == 200 and not elsewhere.context["rows"]


@pytest.mark.parametrize(("query", "field"), [("nam=abc", "year"), ("ky=20x2", "year"), ("nam=1800", "year")])
def test_a_bad_period_in_the_query_string_is_named(client, tree, cdvc_officer, query, field):
    client.force_login(cdvc_officer)
    for name in ("welfare:totals", "welfare:cases"):
        response = client.get(reverse(name) + f"?{query}")
        assert response.status_code == 422, name
        assert response.context["form"].errors[field], name
