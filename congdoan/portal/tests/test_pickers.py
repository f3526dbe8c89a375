"""The article form's pickers: records to link (by kind and words, in the actor's reach only) and the
figures box's figures (the catalogue's, readable for a unit in reach and a year), written through the
services with an audit row."""

import datetime as dt

import pytest
from django.core.cache import cache

from congdoan.core.models import AuditEntry
from congdoan.meetings.models import ConferenceKind
from congdoan.meetings.tests.factories import conference

from ..models import Article
from .factories import category, draft

pytestmark = pytest.mark.django_db
KIND = "meetings.conference"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def key(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _form(unit, **extra):
    return {
        "unit": str(unit.pk),
        "category": str(category().pk),
        "title": "Hội nghị cán bộ công chức năm 2024",
        "body": "<p>Nội dung tin.</p>",
        **extra,
    }


def test_the_link_search_offers_the_actors_records_only(as_, officer_a, officer_b, tree):
    mine = conference(tree.a, officer_a, place="Hội trường tầng 3")
    theirs = conference(tree.b, officer_b, place="Hội trường tầng 3")
    client = as_(officer_a)
    body = client.get("/bai-viet/lien-ket/", {"kind": KIND, "q": "tầng 3"}).content.decode()
    assert f'data-link-pick="{key(mine)}"' in body and key(theirs) not in body
    assert "Công đoàn Sở Giáo dục" not in body  # CĐCS B's name is nowhere in the answer
    by_year = client.get("/bai-viet/lien-ket/", {"kind": KIND, "q": "2024"}).content.decode()
    assert key(mine) in by_year
    nothing = client.get("/bai-viet/lien-ket/", {"kind": KIND, "q": "không có chữ này"}).content.decode()
    assert "data-link-pick" not in nothing
    assert client.get("/bai-viet/lien-ket/", {"kind": "portal.article"}).status_code == 404  # not registered
    assert client.get("/bai-viet/lien-ket/", {"kind": "no.such"}).status_code == 404


def test_the_link_search_costs_the_same_queries_for_many_records(as_, officer_a, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_(officer_a)
    conference(tree.a, officer_a, year=2020, held_on=dt.date(2020, 2, 22))
    client.get("/bai-viet/lien-ket/", {"kind": KIND})  # the session and the policy warmed
    with CaptureQueriesContext(connection) as one:
        assert client.get("/bai-viet/lien-ket/", {"kind": KIND}).content.decode().count("data-link-pick") == 1
    for year in range(2021, 2027):
        conference(
            tree.a, officer_a, year=year, held_on=dt.date(year, 2, 22), kind=ConferenceKind.PUBLIC_EMPLOYEES
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get("/bai-viet/lien-ket/", {"kind": KIND}).content.decode().count("data-link-pick") == 7
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_a_link_is_made_and_removed_through_the_form_with_audit(as_, officer_a, tree):
    mine = conference(tree.a, officer_a)
    client = as_(officer_a)
    response = client.post("/bai-viet/them/", _form(tree.a, links=[key(mine)]))
    assert response.status_code == 302
    article = Article.objects.get()
    assert [link.object_id for link in article.links.all()] == [str(mine.pk)]
    created = AuditEntry.objects.get(action="article.create", object_id=str(article.pk))
    assert created.after["links"] == [article.links.get().label]
    edit = client.get(f"/bai-viet/{article.pk}/sua/").content.decode()
    assert f'value="{key(mine)}"' in edit  # the chosen record is on the form, with its label
    client.post(f"/bai-viet/{article.pk}/sua/", _form(tree.a))
    assert not article.links.exists()
    updated = AuditEntry.objects.get(action="article.update", object_id=str(article.pk))
    assert updated.before["links"] and not updated.after.get("links")


def test_a_record_out_of_reach_is_refused_with_422(as_, officer_a, officer_b, tree):
    theirs = conference(tree.b, officer_b)
    response = as_(officer_a).post("/bai-viet/them/", _form(tree.a, links=[key(theirs)]))
    assert response.status_code == 422
    assert "không thuộc phạm vi" in str(response.context["form"].errors["links"])
    assert not Article.objects.exists()
    bad = as_(officer_a).post("/bai-viet/them/", _form(tree.a, links=["meetings.conference:abc"]))
    assert bad.status_code == 422 and not Article.objects.exists()


def test_the_figure_picker_lists_readable_figures_with_values(as_, officer_a, tree):
    conference(tree.a, officer_a, year=2024)
    client = as_(officer_a)
    response = client.get(
        "/bai-viet/so-lieu/",
        {"figures_unit": tree.a.pk, "figures_year": 2024, "figure_names": ["conferences.cbccvc.held"]},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="conferences.cbccvc.held" id="fig-' in body and "checked" in body
    assert "members.total" in body and "data-figure" in body
    assert client.get("/bai-viet/so-lieu/").status_code == 200  # nothing chosen yet: a hint
    assert (
        client.get("/bai-viet/so-lieu/", {"figures_unit": tree.a.pk, "figures_year": 1800}).status_code == 422
    )


def test_the_figure_picker_refuses_a_unit_out_of_reach(as_, officer_a, tree):
    response = as_(officer_a).get("/bai-viet/so-lieu/", {"figures_unit": tree.b.pk, "figures_year": 2024})
    assert response.status_code == 404


def test_figures_are_chosen_through_the_form_with_audit(as_, officer_a, tree):
    client = as_(officer_a)
    data = _form(
        tree.a,
        figures_unit=str(tree.a.pk),
        figures_year="2024",
        figure_names=["members.total", "conferences.cbccvc.held"],
    )
    assert client.post("/bai-viet/them/", data).status_code == 302
    article = Article.objects.get()
    assert article.figure_list == ["members.total", "conferences.cbccvc.held"]
    entry = AuditEntry.objects.get(action="article.create", object_id=str(article.pk))
    assert entry.after["figure_names"] == "members.total, conferences.cbccvc.held"
    edit = client.get(f"/bai-viet/{article.pk}/sua/").content.decode()
    assert 'value="members.total" id="fig-' in edit and "data-figure" in edit  # listed with values


def test_figures_of_a_unit_out_of_reach_are_refused(as_, officer_a, tree):
    data = _form(tree.a, figures_unit=str(tree.b.pk), figures_year="2024", figure_names=["members.total"])
    response = as_(officer_a).post("/bai-viet/them/", data)
    assert response.status_code == 422 and not Article.objects.exists()


def test_the_edit_form_shows_the_links_with_their_labels(as_, officer_a, tree):
    mine = conference(tree.a, officer_a)
    article = draft(tree.a, officer_a, records=[mine])
    page = as_(officer_a).get(f"/bai-viet/{article.pk}/sua/").content.decode()
    chosen = page.split('data-testid="link-chosen"', 1)[1].split("</ul>", 1)[0]
    assert f'value="{key(mine)}"' in chosen and "Hội nghị" in chosen


def test_a_welfare_programme_is_offered_and_linked(as_, officer_a, officer_b, tree):
    """The issue names a welfare programme among the records an article links to."""
    from congdoan.welfare.tests.factories import programme

    mine = programme(tree.a, officer_a, title="Chăm lo Tết cho đoàn viên khó khăn")
    theirs = programme(tree.b, officer_b, title="Chăm lo Tết cho đoàn viên khó khăn")
    client = as_(officer_a)
    body = client.get(
        "/bai-viet/lien-ket/", {"kind": "welfare.programme", "q": "chăm lo tết"}
    ).content.decode()
    assert f'data-link-pick="{key(mine)}"' in body and key(theirs) not in body
    response = client.post("/bai-viet/them/", _form(tree.a, links=[key(mine)]))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert [link.object_id for link in article.links.all()] == [str(mine.pk)]
