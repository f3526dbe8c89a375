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


def test_the_unit_page_shows_the_units_own_awards(client, tree, cdvc_officer, officer_b):
    """Issue 12: an award "shows on their page": the unit's collective awards are a section of the
    unit page (``core.plugins.register_unit_section``), newest first, with the link to all of them;
    an officer who may not read the unit's awards gets no section."""
    from .factories import awarded

    awarded(tree.a, "giay-khen", units=[tree.a], issuer=tree.cdvc, year=2021)
    awarded(tree.a, "giay-khen", units=[tree.a], issuer=tree.cdvc, year=2022)
    client.force_login(cdvc_officer)
    page = client.get(f"/don-vi/{tree.a.pk}/")
    html = page.content.decode()
    section = html[html.index('data-testid="unit-awards-section"') :]
    assert section.index("2022") < section.index("2021") and "Giấy khen" in section
    assert f'href="/khen-thuong/don-vi/{tree.a.pk}/"' in section
    assert [s.key for s, data in page.context["sections"]] == ["awards"]
    assert page.context["sections"][0][1]["count"] == 2
    assert plugins.unit_sections(officer_b, tree.a) == []  # a sibling's officer reads nothing of A


def test_the_unit_sections_read_in_constant_queries(
    client, tree, cdvc_officer, django_assert_max_num_queries
):
    from congdoan.awards.selectors import unit_section

    from .factories import awarded

    awarded(tree.a, "giay-khen", units=[tree.a], issuer=tree.cdvc, year=2020)
    with django_assert_max_num_queries(6) as one:
        unit_section(cdvc_officer, tree.a)
    for year in (2021, 2022, 2023):
        awarded(tree.a, "giay-khen", units=[tree.a], issuer=tree.cdvc, year=year)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(unit_section(cdvc_officer, tree.a)["awards"]) == 4
