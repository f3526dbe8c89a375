"""The unit page links to the unit's awards (``core.plugins.register_unit_link``): shown to an actor
with awards.view on the unit, the link opens its awards; the page of a unit out of reach stays 404."""

import pytest

from congdoan.core import plugins

pytestmark = pytest.mark.django_db


def test_the_unit_page_links_its_awards(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    page = client.get(f"/don-vi/{tree.a.pk}/")
    assert [(link.key, url) for link, url in page.context["links"]] == [
        ("awards", f"/khen-thuong/don-vi/{tree.a.pk}/")
    ]
    assert f'href="/khen-thuong/don-vi/{tree.a.pk}/"' in page.content.decode()
    assert client.get(f"/khen-thuong/don-vi/{tree.a.pk}/").status_code == 200


def test_a_link_is_left_out_without_its_permission_on_the_unit(tree, cdvc_officer):
    assert plugins.unit_links(cdvc_officer, tree.a.pk, lambda perm: False) == []
