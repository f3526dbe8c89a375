"""The programme and target forms posted through their pages: success redirects with the records and
their audit row written; bad input re-shows the form (422) with a Vietnamese message naming the field
and writes nothing; a round out of scope is 404; a read-only officer is refused (403)."""

import pytest
from django.urls import reverse

from congdoan.core.dates import display
from congdoan.core.models import AuditEntry
from congdoan.initiatives.models import Programme, Round, Target

from . import factories as f

pytestmark = pytest.mark.django_db


def _programme_data(unit, **changes) -> dict:
    (first, last), (second, end) = f.ROUNDS
    data = {
        "unit": unit.pk,
        "name": "Sáng kiến vượt khó",
        "starts_on": display(f.LAUNCHED),
        "ends_on": display(f.ENDS),
        "goal": "1000",
        "round1_from": display(first),
        "round1_to": display(last),
        "round2_from": display(second),
        "round2_to": display(end),
    }
    return {**data, **changes}


def test_the_programme_form_launches_a_programme_with_its_rounds(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    response = client.post(reverse("initiatives:programme_create"), _programme_data(tree.cdvc))
    programme = Programme.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "initiatives:programme", args=[programme.pk]
    )
    assert programme.unit == tree.cdvc and programme.goal == 1000
    assert list(programme.rounds.values_list("number", "starts_on")) == [
        (1, f.ROUNDS[0][0]),
        (2, f.ROUNDS[1][0]),
    ]
    assert AuditEntry.objects.filter(
        action="initiative_programme.create", object_id=str(programme.pk)
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"ends_on": "01/01/2021"}, "ends_on", "Ngày"),
        ({"round2_to": ""}, "round2_to", "Đợt 2"),
        ({"name": ""}, "name", ""),
        ({"goal": "một nghìn"}, "goal", ""),
    ],
)
def test_the_programme_form_names_the_bad_field_and_writes_nothing(
    client, tree, cdvc_officer, changes, field, words
):
    client.force_login(cdvc_officer)
    before = AuditEntry.objects.count()
    response = client.post(reverse("initiatives:programme_create"), _programme_data(tree.cdvc, **changes))
    assert response.status_code == 422
    message = response.context["form"].errors[field][0]
    assert words in message and message.isascii() is False
    assert not Programme.objects.exists() and not Round.objects.exists()
    assert AuditEntry.objects.count() == before


def test_the_programme_form_is_refused_to_a_read_only_officer(client, tree, viewer_a):
    client.force_login(viewer_a)
    response = client.post(reverse("initiatives:programme_create"), _programme_data(tree.a))
    assert response.status_code == 403
    assert not Programme.objects.exists()


@pytest.fixture
def round_(tree, cdvc_officer):
    return f.programme(tree.cdvc, actor=cdvc_officer).rounds.get(number=1)


def test_the_target_form_gives_a_target_down(client, tree, cdvc_officer, round_):
    client.force_login(cdvc_officer)
    url = reverse("initiatives:target_set", args=[round_.pk])
    response = client.post(url, {"given_by": tree.cdvc.pk, "unit": tree.a.pk, "count": "714"})
    assert response.status_code == 302 and response.url == reverse("initiatives:round", args=[round_.pk])
    target = Target.objects.get()
    assert (target.unit, target.given_by, target.count) == (tree.a, tree.cdvc, 714)
    assert AuditEntry.objects.filter(action="initiative_target.set", object_id=str(target.pk)).exists()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"unit": "other", "count": "10"}, "unit", "Đơn vị nhận"),  # a unit not below the giver
        ({"unit": "a", "count": "0"}, "count", ""),
        ({"unit": "a", "count": "mười"}, "count", ""),
        ({"unit": "a", "count": "10", "over_allocated": "on"}, "over_reason", "Lý do giao vượt"),
    ],
)
def test_the_target_form_names_the_bad_field_and_writes_nothing(
    client, tree, cdvc_officer, admin_user, round_, data, field, words
):
    from congdoan.organizations.tests.factories import grant

    grant(cdvc_officer, tree.other, "can-bo-van-phong")  # lets the officer pick a unit outside its tree
    client.force_login(cdvc_officer)
    units = {"other": tree.other.pk, "a": tree.a.pk}
    posted = {"given_by": tree.cdvc.pk, **data, "unit": units[data["unit"]]}
    response = client.post(reverse("initiatives:target_set", args=[round_.pk]), posted)
    assert response.status_code == 422
    message = response.context["form"].errors[field][0]
    assert words in message and not message.isascii()
    assert not Target.objects.exists()


def test_the_target_form_of_a_round_out_of_scope_is_404(client, tree, officer_a, officer_b):
    other = f.programme(tree.b, actor=officer_b).rounds.get(number=1)
    client.force_login(officer_a)
    response = client.post(
        reverse("initiatives:target_set", args=[other.pk]),
        {"given_by": tree.a.pk, "unit": tree.a.pk, "count": "5"},
    )
    assert response.status_code == 404
    assert not Target.objects.exists()


def test_the_target_form_is_refused_to_a_read_only_officer(client, tree, viewer_a, round_):
    client.force_login(viewer_a)
    response = client.post(
        reverse("initiatives:target_set", args=[round_.pk]),
        {"given_by": tree.a.pk, "unit": tree.a.pk, "count": "5"},
    )
    assert response.status_code == 403
    assert not Target.objects.exists()
