"""Initiatives (sáng kiến) behind a nomination: picked on the nomination form and on the dossier's
edit page among the proposed person's recognised initiatives in the actor's reach (read through the
initiatives module's selectors), shown on the dossier page and in the API, one initiative one use."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.awards.catalogue import CSTDCS
from congdoan.awards.models import LineInitiative, Nomination
from congdoan.emulation.models import Title
from congdoan.members.tests.factories import join

from .factories import nominate, recognised_initiative

pytestmark = pytest.mark.django_db


def _post(client, tree, people, initiatives, year=2022):
    return client.post(
        "/khen-thuong/de-nghi/",
        {
            "unit": tree.a.pk,
            "kind": f"t{Title.objects.get(code=CSTDCS).pk}",
            "year": str(year),
            "occasion": "yearly",
            "issuer_name": "Giám đốc Sở Y tế",
            "cards": "\n".join(p.card_number for p in people),
            "initiatives": [str(i.pk) for i in initiatives],
        },
    )


def test_initiative_picked_on_the_form_and_shown_on_the_dossier(client, tree, officer_a):
    person = join(tree.a, actor=officer_a, name="Đỗ Thị Sáng Kiến")
    initiative = recognised_initiative(tree.a, [person], title="Phần mềm quản lý đoàn phí")
    client.force_login(officer_a)
    form_page = client.get("/khen-thuong/de-nghi/").content.decode()
    assert "Phần mềm quản lý đoàn phí" in form_page
    response = _post(client, tree, [person], [initiative])
    assert response.status_code == 302, response.content.decode()[:2000]
    n = Nomination.objects.get()
    assert list(LineInitiative.objects.values_list("initiative_id", flat=True)) == [initiative.pk]
    page = client.get(f"/khen-thuong/de-nghi/{n.pk}/").content.decode()
    assert "Phần mềm quản lý đoàn phí" in page and "Đỗ Thị Sáng Kiến (100\xa0%)" in page


def test_initiative_of_nobody_proposed_is_refused(client, tree, officer_a):
    person, other = join(tree.a, actor=officer_a), join(tree.a, actor=officer_a)
    initiative = recognised_initiative(tree.a, [other], title="Sáng kiến của người khác")
    client.force_login(officer_a)
    response = _post(client, tree, [person], [initiative])
    assert response.status_code == 422
    assert "Sáng kiến của người khác" in response.content.decode()
    assert not Nomination.objects.exists()


def test_an_initiative_used_twice_is_refused(client, tree, officer_a):
    person = join(tree.a, actor=officer_a)
    initiative = recognised_initiative(tree.a, [person], title="Một sáng kiến")
    client.force_login(officer_a)
    assert _post(client, tree, [person], [initiative]).status_code == 302
    response = _post(client, tree, [person], [initiative])
    assert response.status_code == 422
    assert "mỗi sáng kiến chỉ dùng một lần" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_initiative_out_of_reach_is_not_offered(client, tree, officer_a, officer_b):
    person_b = join(tree.b, actor=officer_b)
    recognised_initiative(tree.b, [person_b], title="Sáng kiến đơn vị bạn")
    client.force_login(officer_a)
    assert "Sáng kiến đơn vị bạn" not in client.get("/khen-thuong/de-nghi/").content.decode()


def test_the_edit_page_offers_the_persons_initiatives(client, tree, officer_a):
    person = join(tree.a, actor=officer_a)
    mine = recognised_initiative(tree.a, [person], title="Sáng kiến của tôi")
    recognised_initiative(tree.a, [join(tree.a, actor=officer_a)], title="Sáng kiến người khác")
    n = nominate(tree.a, CSTDCS, people=[person], issuer_name="Giám đốc Sở", actor=officer_a)
    line = n.lines.get()
    client.force_login(officer_a)
    page = client.get(f"/khen-thuong/de-nghi/{n.pk}/sua/").content.decode()
    assert "Sáng kiến của tôi" in page and "Sáng kiến người khác" not in page
    response = client.post(f"/khen-thuong/de-nghi/{n.pk}/sua/", {f"initiatives_{line.pk}": [str(mine.pk)]})
    assert response.status_code == 302
    assert list(line.initiatives.values_list("initiative_id", flat=True)) == [mine.pk]


def test_dossier_with_initiatives_does_not_grow(client, tree, officer_a):
    client.force_login(officer_a)
    counts = []
    for size, year in ((1, 2021), (4, 2022)):
        people = [join(tree.a, actor=officer_a) for _ in range(size)]
        found = {p.pk: [recognised_initiative(tree.a, [p], year=year, title=f"SK {p.pk}")] for p in people}
        n = nominate(
            tree.a, CSTDCS, people=people, year=year, issuer_name="GĐ", actor=officer_a, initiatives=found
        )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/khen-thuong/de-nghi/{n.pk}/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
