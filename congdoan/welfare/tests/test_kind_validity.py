"""Kinds of support (with their "personal" flag), kinds of house and funds carry validity dates
(``core.models.DatedCatalogue``): a row ended last year is not offered for this year's record, a
service refuses it naming the field, and an old record still reads it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.dates import display, today
from congdoan.funds.forms import DriveForm
from congdoan.funds.models import Drive, Fund
from congdoan.funds.tests.factories import drive
from congdoan.welfare import forms, services
from congdoan.welfare.models import HouseKind, SupportCase, SupportKind

from . import factories

pytestmark = pytest.mark.django_db

THIS_YEAR = dt.date(today().year, 1, 1)
LAST_YEAR = dt.date(today().year - 1, 6, 1)


@pytest.fixture
def ended():
    """A kind of support that ended on 31/12 of last year."""
    return SupportKind.objects.create(code="tro-cap-cu", name="Trợ cấp kiểu cũ", valid_to=THIS_YEAR)


def _case_data(unit, kind, on: dt.date) -> dict:
    return {
        "unit": unit.pk,
        "kind": kind.pk,
        "beneficiary_name": "Nguyễn Văn Nhận",
        "amount": "500.000",
        "source": "quy-cong-doan",
        "decided_on": display(on),
    }


def test_shipped_rows_are_valid_from_the_start():
    for model in (SupportKind, HouseKind, Fund):
        assert not model.objects.filter(valid_to__isnull=False).exists()
        assert model.objects.active(dt.date(2000, 1, 1)).count() == model.objects.count()


def test_an_ended_kind_is_not_offered_for_this_year(tree, officer_a, ended):
    form = forms.CaseForm(actor=officer_a)
    assert ended not in form.fields["kind"].queryset
    old = forms.CaseForm(_case_data(tree.a, ended, LAST_YEAR), actor=officer_a)
    assert ended in old.fields["kind"].queryset
    item = forms.GiftItemForm({"item-given_on": display(LAST_YEAR)})
    assert ended in item.fields["kind"].queryset
    assert ended not in forms.GiftItemForm().fields["kind"].queryset


def test_the_case_page_refuses_it_this_year_and_takes_it_for_last_year(client, tree, officer_a, ended):
    client.force_login(officer_a)
    url = reverse("welfare:case_create")
    response = client.post(url, _case_data(tree.a, ended, today()))
    assert response.status_code == 422
    assert "không có trong danh mục áp dụng vào ngày" in response.context["form"].errors["kind"][0]
    assert not SupportCase.objects.exists()
    assert client.post(url, _case_data(tree.a, ended, LAST_YEAR)).status_code == 302
    case = SupportCase.objects.get()
    assert case.kind == ended
    body = client.get(reverse("welfare:case", args=[case.pk])).content.decode()
    assert "Trợ cấp kiểu cũ" in body
    listed = client.get(reverse("welfare:cases") + f"?kind={ended.pk}&nam={LAST_YEAR.year}")
    assert listed.status_code == 200 and len(listed.context["rows"]) == 1


def test_the_services_refuse_a_kind_out_of_its_period(tree, officer_a, ended):
    with pytest.raises(ValidationError) as caught:
        factories.case(tree.a, officer_a, kind=ended, decided_on=today(), beneficiary_name="Hộ A")
    message = caught.value.message_dict["kind"][0]
    assert "Trợ cấp kiểu cũ" in message and "không áp dụng" in message
    programme = factories.programme(
        tree.a, officer_a, starts_on=dt.date(today().year, 1, 1), ends_on=dt.date(today().year, 12, 31)
    )
    with pytest.raises(ValidationError) as caught:
        services.gift_item_add(
            actor=officer_a,
            programme=programme,
            kind=ended,
            description="Quà",
            count=1,
            unit_value=100_000,
            given_on=today(),
            source="quy-cong-doan",
        )
    assert "kind" in caught.value.message_dict
    assert not SupportCase.objects.exists()


def test_a_house_kind_ended_last_year(client, tree, officer_a):
    old = HouseKind.objects.create(code="nha-cu", name="Nhà kiểu cũ", valid_to=THIS_YEAR)
    with pytest.raises(ValidationError) as caught:
        factories.house(tree.a, officer_a, house_kind=old, decided_on=today())
    assert "Nhà kiểu cũ" in caught.value.message_dict["house_kind"][0]
    assert not SupportCase.objects.exists()
    assert old not in forms.HouseForm(actor=officer_a).fields["house_kind"].queryset
    case = factories.house(tree.a, officer_a, house_kind=old, decided_on=LAST_YEAR)
    assert SupportCase.objects.get(pk=case.pk).house.kind.name == "Nhà kiểu cũ"


def test_the_personal_flag_follows_the_day_of_the_case(client, tree, officer_a, viewer_a):
    """The rule changed this year: a kind personal until last year is followed by one that is not; the
    old case stays hidden from whoever may not see personal data, the new one is shown."""
    before = SupportKind.objects.create(
        code="kho-khan-cu", name="Khó khăn (cũ)", personal=True, valid_to=THIS_YEAR
    )
    after = SupportKind.objects.create(code="kho-khan-moi", name="Khó khăn (mới)", valid_from=THIS_YEAR)
    factories.case(tree.a, officer_a, kind=before, decided_on=LAST_YEAR, beneficiary_name="Người Năm Trước")
    factories.case(tree.a, officer_a, kind=after, decided_on=today(), beneficiary_name="Người Năm Nay")
    client.force_login(viewer_a)
    body = client.get(reverse("welfare:cases")).content.decode()
    assert "Người Năm Nay" in body and "Người Năm Trước" not in body


def test_a_fund_ended_last_year(tree, cdvc_officer):
    old = Fund.objects.create(code="quy_cu", name="Quỹ đã đóng", valid_to=THIS_YEAR)
    earlier = drive(tree.cdvc, actor=cdvc_officer, code="quy_cu", year=today().year - 1)
    assert old not in DriveForm(actor=cdvc_officer).fields["fund"].queryset
    posted = DriveForm({"starts_on": display(LAST_YEAR)}, actor=cdvc_officer)
    assert old in posted.fields["fund"].queryset
    with pytest.raises(ValidationError) as caught:
        drive(tree.cdvc, actor=cdvc_officer, code="quy_cu", year=today().year)
    assert "Quỹ đã đóng" in caught.value.message_dict["fund"][0]
    assert Drive.objects.get().pk == earlier.pk and earlier.fund.name == "Quỹ đã đóng"
    assert not old.active and Fund.objects.get(code="bien_dao").active
