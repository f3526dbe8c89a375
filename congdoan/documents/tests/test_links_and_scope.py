import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from congdoan.documents import links, numbering, selectors, services
from congdoan.documents.models import DocumentLink
from congdoan.organizations.models import Unit
from congdoan.organizations.services import unit_dissolve

from .factories import draft, issued

D = dt.date(2022, 4, 5)


@pytest.fixture
def registered():
    links.register(Unit, label=lambda unit: f"Đơn vị {unit.code}", url=lambda unit: f"/don-vi/{unit.pk}/")
    yield
    links._TARGETS.pop("organizations.unit", None)


def test_link_a_document_to_a_record_and_find_it_back(registered, cdvc_officer, officer_a, officer_b, tree):
    plan = issued(cdvc_officer, tree.cdvc, on=D)
    links.link(document=plan, obj=tree.a, role="plan")
    links.link(document=plan, obj=tree.a, role="plan")  # once
    links.link(document=plan, label="Chương trình phối hợp ngoài hệ thống")
    assert DocumentLink.objects.count() == 2
    assert list(selectors.document_for_link(actor=cdvc_officer, obj=tree.a, role="plan")) == [plan]
    assert list(selectors.document_for_link(actor=cdvc_officer, obj=tree.a, role="report")) == []
    # the plan is CĐVC's: an officer of a CĐCS below does not see it through the link either
    assert list(selectors.document_for_link(actor=officer_a, obj=tree.a)) == []
    records = selectors.document_links(document=plan)
    assert [(r.label, r.url) for r in records] == [
        ("Đơn vị CDCS_A", f"/don-vi/{tree.a.pk}/"),
        ("Chương trình phối hợp ngoài hệ thống", None),
    ]


def test_an_unregistered_model_cannot_be_linked(cdvc_officer, tree):
    plan = draft(cdvc_officer, tree.cdvc)
    with pytest.raises(LookupError):
        links.link(document=plan, obj=tree.a)


def test_scope_is_the_subtree_of_the_documents_unit(cdvc_officer, officer_a, officer_b, tree):
    mine, theirs, above = draft(officer_a, tree.a), draft(officer_b, tree.b), draft(cdvc_officer, tree.cdvc)
    assert set(selectors.document_search(actor=cdvc_officer)) == {mine, theirs, above}
    assert set(selectors.document_search(actor=officer_a)) == {mine}
    with pytest.raises(Http404):
        selectors.document_get(actor=officer_a, document_id=theirs.pk)


def test_a_closed_units_documents_stay_visible(cdvc_officer, admin_user, tree):
    old = issued(cdvc_officer, tree.b, on=D)
    unit_dissolve(actor=admin_user, unit=tree.b, on=dt.date(2024, 1, 1))
    assert selectors.document_get(actor=cdvc_officer, document_id=old.pk) == old


def test_symbol_set_closes_the_previous_one(cdvc_officer, tree):
    services.document_symbol_set(
        actor=cdvc_officer, unit=tree.cdvc, symbol="cđvc", valid_from=dt.date(2021, 1, 1)
    )
    services.document_symbol_set(
        actor=cdvc_officer, unit=tree.cdvc, symbol="CĐVC-T", valid_from=dt.date(2023, 1, 1)
    )
    assert numbering.symbol_for(tree.cdvc, D) == "CĐVC"
    assert numbering.symbol_for(tree.cdvc, dt.date(2023, 5, 1)) == "CĐVC-T"
    with pytest.raises(ValidationError) as exc:
        services.document_symbol_set(
            actor=cdvc_officer, unit=tree.cdvc, symbol="X", valid_from=dt.date(2022, 1, 1)
        )
    assert list(exc.value.message_dict) == ["valid_from"]


@pytest.mark.parametrize("symbol", ["", "CĐVC/1", "-CĐ", "CĐ--VC", "A" * 33])
def test_a_bad_symbol_is_refused_naming_the_field(cdvc_officer, tree, symbol):
    with pytest.raises(ValidationError) as exc:
        services.document_symbol_set(actor=cdvc_officer, unit=tree.cdvc, symbol=symbol)
    assert list(exc.value.message_dict) == ["symbol"]
