"""The programme and house forms posted through their pages: success redirects to the record with its
rows and audit row written; bad input re-shows the form (422) with a Vietnamese message naming the field
and writes nothing; a unit or a person out of scope is not found (nothing named, nothing written); a
read-only officer is refused (403)."""

import pytest
from django.urls import reverse

from congdoan.core.dates import display
from congdoan.core.models import AuditEntry
from congdoan.members.tests.factories import join
from congdoan.welfare.models import House, HouseKind, Programme, ProgrammeKind, SupportCase

from .factories import DAY

pytestmark = pytest.mark.django_db


def _programme_data(unit, **changes) -> dict:
    data = {
        "unit": unit.pk,
        "kind": ProgrammeKind.objects.get(code="tet").pk,
        "title": "Tết Sum vầy 2022",
        "starts_on": "10/01/2022",
        "ends_on": "31/01/2022",
    }
    return {**data, **changes}


def _house_data(unit, **changes) -> dict:
    data = {
        "unit": unit.pk,
        "house_kind": HouseKind.objects.get(code="mai-am").pk,
        "work": "xay-moi",
        "location": "Xã Sơn Kim, huyện Hương Sơn, tỉnh Hà Tĩnh",
        "beneficiary_name": "Hộ bà Nguyễn Thị Mái",
        "amount": "60.000.000",
        "source": "quy-cong-doan",
        "decided_on": display(DAY),
        "handed_over_on": "20/02/2022",
    }
    return {**data, **changes}


def _refused(response, field: str, words: str = "") -> None:
    assert response.status_code == 422
    message = response.context["form"].errors[field][0]
    assert words in message and not message.isascii(), message


def test_the_programme_form_records_a_programme(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.post(reverse("welfare:programme_create"), _programme_data(tree.a))
    programme = Programme.objects.get()
    assert response.status_code == 302 and response.url == reverse("welfare:programme", args=[programme.pk])
    assert (programme.unit, programme.title, display(programme.ends_on)) == (
        tree.a,
        "Tết Sum vầy 2022",
        "31/01/2022",
    )
    entry = AuditEntry.objects.get(action="welfare.programme_create", object_id=str(programme.pk))
    assert entry.unit_id == tree.a.pk and entry.after["title"] == "Tết Sum vầy 2022"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"ends_on": "01/01/2022"}, "ends_on", ""),
        ({"starts_on": "31/02/2022"}, "starts_on", "31/02/2022"),
        ({"title": ""}, "title", ""),
        ({"kind": "999999"}, "kind", ""),
    ],
)
def test_the_programme_form_names_the_bad_field_and_writes_nothing(
    client, tree, officer_a, changes, field, words
):
    client.force_login(officer_a)
    before = AuditEntry.objects.count()
    _refused(
        client.post(reverse("welfare:programme_create"), _programme_data(tree.a, **changes)), field, words
    )
    assert not Programme.objects.exists() and AuditEntry.objects.count() == before


def test_the_programme_form_does_not_reach_another_unit(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.post(reverse("welfare:programme_create"), _programme_data(tree.b))
    _refused(response, "unit")
    assert str(tree.b) not in str(response.context["form"].errors["unit"])
    assert not Programme.objects.exists()


def test_the_programme_form_is_refused_to_a_read_only_officer(client, tree, viewer_a):
    client.force_login(viewer_a)
    assert client.post(reverse("welfare:programme_create"), _programme_data(tree.a)).status_code == 403
    assert not Programme.objects.exists()


def test_the_house_form_records_a_house(client, tree, officer_a):
    client.force_login(officer_a)
    response = client.post(reverse("welfare:house_create"), _house_data(tree.a))
    case = SupportCase.objects.get()
    assert response.status_code == 302 and response.url == reverse("welfare:case", args=[case.pk])
    assert case.amount == 60_000_000 and case.kind.code == "nha-o"
    assert (case.house.kind.code, case.house.work, display(case.house.handed_over_on)) == (
        "mai-am",
        "xay-moi",
        "20/02/2022",
    )
    entry = AuditEntry.objects.get(action="welfare.house_record", object_id=str(case.pk))
    assert entry.after["house_location"].startswith("Xã Sơn Kim")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"amount": "60,000,000.5"}, "amount", ""),
        ({"amount": "0"}, "amount", "lớn hơn 0"),
        ({"location": ""}, "location", ""),
        ({"work": "pha-do"}, "work", ""),
        ({"handed_over_on": "01/01/2022"}, "handed_over_on", "Ngày bàn giao"),
        ({"beneficiary_name": ""}, "beneficiary_name", ""),
    ],
)
def test_the_house_form_names_the_bad_field_and_writes_nothing(
    client, tree, officer_a, changes, field, words
):
    client.force_login(officer_a)
    before = AuditEntry.objects.count()
    _refused(client.post(reverse("welfare:house_create"), _house_data(tree.a, **changes)), field, words)
    assert not SupportCase.objects.exists() and not House.objects.exists()
    assert AuditEntry.objects.count() == before


def test_the_house_form_does_not_reach_another_unit_or_its_members(client, tree, officer_a, officer_b):
    stranger = join(tree.b, actor=officer_b, name="Phạm Văn Ngoài Phạm Vi")
    client.force_login(officer_a)
    _refused(client.post(reverse("welfare:house_create"), _house_data(tree.b)), "unit")
    response = client.post(reverse("welfare:house_create"), _house_data(tree.a, person=stranger.pk))
    _refused(response, "person")
    assert stranger.full_name not in response.content.decode()
    assert not SupportCase.objects.exists()


def test_the_house_form_is_refused_to_a_read_only_officer(client, tree, viewer_a):
    client.force_login(viewer_a)
    assert client.post(reverse("welfare:house_create"), _house_data(tree.a)).status_code == 403
    assert not SupportCase.objects.exists()
