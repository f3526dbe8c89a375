"""The feeds' HTTP caching: Last-Modified is when the feed's content last changed (the newest
publication or update of its articles), an ETag of the body, 304 to a matching conditional request;
read by feedparser from the response and its headers, and asked with raw headers. And the one page
never kept in the cache: an article whose figures box reads live figures."""

import datetime as dt
import re

import feedparser
import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from ..models import Article
from ..services import article_step
from .factories import category, published

pytestmark = pytest.mark.django_db

OLD = timezone.make_aware(dt.datetime(2023, 1, 5, 9, 0))
NEWER = timezone.make_aware(dt.datetime(2023, 3, 1, 14, 30))


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news(tree, officer_a, officer_b, django_capture_on_commit_callbacks):
    """Two archived articles whose times are known: unit A's of 05/01/2023, unit B's of 01/03/2023
    (their ``updated_at`` set back to their publication, as for articles edited long ago)."""
    with django_capture_on_commit_callbacks(execute=True):
        a = published(tree.a, officer_a, title="Hội nghị tổng kết năm 2022", publish_at=OLD, archived=True)
        b = published(tree.b, officer_b, title="Thăm hỏi đoàn viên khó khăn", publish_at=NEWER, archived=True)
    Article.objects.filter(pk=a.pk).update(updated_at=OLD)
    Article.objects.filter(pk=b.pk).update(updated_at=NEWER)
    cache.clear()
    return {"a": a, "b": b}


def _stamp(moment) -> int:
    return int(moment.timestamp())


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_last_modified_is_the_newest_article_of_the_feed(client, news, tree, kind):
    for url, newest in [
        (f"/tin-tuc/{kind}/", NEWER),
        (f"/tin-tuc/don-vi/{tree.a.code}/{kind}/", OLD),
        (f"/tin-tuc/don-vi/{tree.b.code}/{kind}/", NEWER),
        (f"/tin-tuc/chuyen-muc/tin-hoat-dong/{kind}/", NEWER),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert parse_http_date(response["Last-Modified"]) == _stamp(newest), url
        assert response["ETag"].startswith('"') and "public" in response["Cache-Control"]
        feed = feedparser.parse(
            response.content, response_headers={k.lower(): v for k, v in response.items()}
        )
        assert not feed.bozo, feed.bozo_exception
        assert feed.headers["etag"] == response["ETag"]  # what a reader keeps for If-None-Match
        assert parse_http_date(feed.headers["last-modified"]) == _stamp(newest)
        # the feed's own date (RSS lastBuildDate, Atom updated) agrees with the header
        assert timezone.make_aware(dt.datetime(*feed.feed.updated_parsed[:6]), dt.UTC) == newest, url
        assert len(feed.entries) == (1 if "don-vi" in url else 2)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_answers_304_to_a_matching_conditional_request(client, news, kind):
    url = f"/tin-tuc/{kind}/"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    later = client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(_stamp(NEWER) + 3600))
    assert later.status_code == 304
    older = client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(_stamp(NEWER) - 1))
    assert older.status_code == 200 and (b"<item>" in older.content or b"<entry>" in older.content)
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_publication_or_a_withdrawal_changes_both_validators(
    client, news, tree, officer_a, cdvc_officer, kind, django_capture_on_commit_callbacks
):
    url = f"/tin-tuc/{kind}/"
    first = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = published(tree.a, officer_a, title="Tin mới vừa đăng hôm nay")
    an_hour_ago = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)  # HTTP dates: seconds
    Article.objects.filter(pk=fresh.pk).update(publish_at=an_hour_ago, updated_at=an_hour_ago)
    cache.clear()
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second.status_code == 200 and "Tin mới vừa đăng hôm nay" in second.content.decode()
    assert second["ETag"] != first["ETag"]
    assert parse_http_date(second["Last-Modified"]) == _stamp(an_hour_ago)
    with django_capture_on_commit_callbacks(execute=True):  # leaving the feed is a change too
        article_step(actor=cdvc_officer, article=news["b"], step="unpublish", reason="Đăng nhầm")
    third = client.get(url, HTTP_IF_MODIFIED_SINCE=second["Last-Modified"])
    assert third.status_code == 200 and "Thăm hỏi đoàn viên" not in third.content.decode()
    assert parse_http_date(third["Last-Modified"]) > parse_http_date(second["Last-Modified"])
    assert client.get(url, HTTP_IF_NONE_MATCH=third["ETag"]).status_code == 304


def test_a_feed_that_never_had_an_article_has_no_last_modified(client, news):
    assert not Article.objects.filter(category=category("thong-bao")).exists()
    response = client.get("/tin-tuc/chuyen-muc/thong-bao/atom/")
    assert response.status_code == 200 and response["ETag"] and not response.has_header("Last-Modified")
    assert not feedparser.parse(response.content).bozo
    assert (
        client.get("/tin-tuc/chuyen-muc/thong-bao/atom/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )


@pytest.fixture
def figures_article(tree, officer_a):
    """An article of unit A with a figures box (this year's members), one member joined before."""
    from congdoan.members.tests.factories import join

    join(tree.a, name="Nguyễn Thị Một", on=timezone.localdate() - dt.timedelta(days=30), actor=officer_a)
    year = timezone.localdate().year
    return published(
        tree.a, officer_a, figures_unit=tree.a, figures_year=year, figure_names=["members.total"]
    )


def test_the_figures_box_shows_a_fact_recorded_after_publishing_at_once(
    client, tree, officer_a, figures_article
):
    """The issue: "the numbers in the news and in the report can never differ". A member joins
    through the real service after the article is published (no portal write, so no cache bump):
    the very next request of the article shows the new total, and the old ETag no longer matches."""
    from congdoan.core import figures
    from congdoan.core.periods import Period
    from congdoan.members.tests.factories import join

    year = timezone.localdate().year
    article = figures_article
    url = article.get_absolute_url()

    def reported() -> int:
        period = Period.year(year)
        args = {"unit_id": tree.a.pk, "names": ["members.total"], "period": period, "as_of": period.as_of()}
        return figures.compute(actor=officer_a, **args)["members.total"]

    def shown(response) -> int:
        box = re.search(r'data-testid="figures-box".*?data-figure>([\d.]+)<', response.content.decode(), re.S)
        return int(box.group(1).replace(".", ""))

    first = client.get(url)
    assert first.status_code == 200 and shown(first) == reported() == 1
    assert "max-age=0" in first["Cache-Control"] and not first.has_header("Last-Modified")
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304  # nothing changed yet
    join(tree.a, name="Trần Văn Hai", on=timezone.localdate() - dt.timedelta(days=1), actor=officer_a)
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and shown(second) == reported() == 2
    assert second["ETag"] != first["ETag"]


def test_the_figures_box_is_computed_once_while_nothing_is_recorded(
    client, tree, officer_a, monkeypatch, figures_article
):
    """The box's figures are kept until a service records something (a new audit entry): then the
    next request computes them again."""
    from congdoan.core import figures
    from congdoan.members.tests.factories import join

    article = figures_article
    computed = []
    real = figures.compute
    monkeypatch.setattr(figures, "compute", lambda **kw: computed.append(kw) or real(**kw))
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200 and client.get(url).status_code == 200
    assert len(computed) == 1
    join(tree.a, name="Trần Văn Hai", on=timezone.localdate() - dt.timedelta(days=1), actor=officer_a)
    assert "data-figure>2<" in client.get(url).content.decode()
    assert len(computed) == 2


def test_a_figures_page_is_drawn_again_only_after_a_fact_is_recorded(
    client, tree, officer_a, monkeypatch, django_assert_num_queries, figures_article
):
    """``cache.live_page``: the page is kept under the newest audit entry, so a second request costs
    the article's query and the audit id only, and a member joining (an audit entry) draws it again."""
    from congdoan.members.tests.factories import join

    from .. import public

    article = figures_article
    drawn = []
    real = public.render
    monkeypatch.setattr(public, "render", lambda *a, **k: drawn.append(1) or real(*a, **k))
    url = article.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and len(drawn) == 1
    with django_assert_num_queries(2):  # the article (404 before the cache) and the newest audit id
        again = client.get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"] and len(drawn) == 1
    assert "max-age=0" in again["Cache-Control"] and not again.has_header("Last-Modified")
    join(tree.a, name="Trần Văn Hai", on=timezone.localdate() - dt.timedelta(days=1), actor=officer_a)
    assert "data-figure>2<" in client.get(url).content.decode() and len(drawn) == 2
