"""The public site: anonymous pages, the crawl (nothing unpublished, no personal data), feeds, the
sitemap, search without diacritics, caching headers, query counts."""

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congdoan.members.tests.factories import join

from ..models import Article
from ..services import article_step, image_add, initials
from .factories import category, draft, image_file, published

pytestmark = pytest.mark.django_db

ARCHIVED_ON = timezone.make_aware(dt.datetime(2023, 1, 5, 9, 0))


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(tree, officer_a, officer_b, cdvc_officer, settings, tmp_path):
    """Published news of two units, an announcement, and everything that must never be public:
    a draft, an article waiting for review, a returned one, an unpublished one, a scheduled one,
    and members with ID numbers and phones."""
    settings.MEDIA_ROOT = tmp_path
    hoi_nghi = published(
        tree.a,
        officer_a,
        title="Hội nghị tổng kết công tác Công đoàn năm 2022",
        publish_at=ARCHIVED_ON,
        archived=True,
        tags="hội nghị, tổng kết",
    )
    b_news = published(
        tree.b, officer_b, title="Đoàn viên Sở Giáo dục thăm hỏi gia đình khó khăn", byline="Bích Ngọc"
    )
    notice = published(
        tree.cdvc, cdvc_officer, title="Thông báo lịch tiếp nhận hồ sơ", category=category("thong-bao")
    )
    with_image = draft(tree.a, officer_a, title="Ảnh hội nghị sơ kết", tags="hội nghị")
    image_add(actor=officer_a, article=with_image, upload=image_file(), caption="Toàn cảnh hội nghị")
    article_step(actor=officer_a, article=with_image, step="submit")
    article_step(actor=officer_a, article=with_image, step="publish")
    hidden = {
        "draft": draft(tree.a, officer_a, title="Bản nháp chưa duyệt XYZDRAFT"),
        "pending": draft(tree.a, officer_a, title="Bài chờ duyệt XYZPENDING"),
        "returned": draft(tree.a, officer_a, title="Bài bị trả lại XYZRETURNED"),
        "unpublished": published(tree.a, officer_a, title="Bài đã gỡ XYZUNPUBLISHED"),
        "scheduled": published(
            tree.a,
            officer_a,
            title="Bài hẹn giờ XYZSCHEDULED",
            publish_at=timezone.now() + dt.timedelta(days=1),
        ),
    }
    article_step(actor=officer_a, article=hidden["pending"], step="submit")
    article_step(actor=officer_a, article=hidden["returned"], step="submit")
    article_step(actor=officer_a, article=hidden["returned"], step="send_back", reason="Sửa lại")
    article_step(actor=officer_a, article=hidden["unpublished"], step="unpublish", reason="Nhầm")
    members = [
        join(
            tree.a, name="Hoàng Thị Riêng Tư", id_number="001190012345", phone="0912345678", actor=officer_a
        ),
        join(tree.b, name="Trịnh Văn Bí Mật", id_number="001190054321", phone="0987654321", actor=officer_b),
    ]
    cache.clear()
    return {
        "public": [hoi_nghi, b_news, notice, with_image],
        "hidden": hidden,
        "members": members,
        "officers": [officer_a, officer_b, cdvc_officer],
    }


def _links(body: str, base: str) -> list[str]:
    out = []
    for href in re.findall(r'(?:href|src)="([^"#]+)"', body):
        url = urljoin(base, href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


SKIP = ("/static/", "/tai-khoan/", "/i18n/")


def test_anonymous_crawl_finds_nothing_unpublished_and_no_personal_data(client, site):
    seen, queue, bodies = set(), ["/", "/sitemap.xml", "/tin-tuc/tim-kiem/?q=hoi+nghi"], {}
    while queue and len(seen) < 300:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} answered {response.status_code}"
        content_type = response["Content-Type"]
        if content_type.startswith("image/"):
            continue
        body = b"".join(response).decode() if response.streaming else response.content.decode()
        bodies[url] = body
        assert "csrfmiddlewaretoken" not in body and "sessionid" not in response.cookies
        queue.extend(_links(body, "http://testserver" + url))
        queue.extend(urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", body))
    assert len(seen) > 15
    for article in site["public"]:
        assert any(article.get_absolute_url() == url for url in seen), article.title
    assert any(urlsplit(url).path.endswith(".jpg") for url in seen)  # at their versioned addresses
    everything = "\n".join(bodies.values())
    for article in site["hidden"].values():
        assert article.title not in everything
        assert article.slug not in everything
    for person in site["members"]:
        for value in (person.full_name, person.id_number, person.phone):
            assert value not in everything
    for officer in site["officers"]:
        assert officer.full_name not in everything and officer.username not in everything


def test_unpublished_articles_answer_404(client, site):
    for article in site["hidden"].values():
        day = article.day or timezone.localdate()
        assert client.get(f"/tin-tuc/{day:%Y/%m/%d}/{article.slug}/").status_code == 404
    image = site["public"][3].images.get()
    assert client.get(f"/tin-tuc/anh/{image.pk}/web.jpg").status_code == 200
    article_step(actor=site["officers"][0], article=site["public"][3], step="unpublish", reason="Gỡ")
    assert client.get(f"/tin-tuc/anh/{image.pk}/web.jpg").status_code == 404


def test_root_is_the_public_home_for_visitors_and_the_dashboard_for_officers(client, site, officer_a):
    body = client.get("/").content.decode()
    assert "Hội nghị tổng kết công tác Công đoàn năm 2022" in body and 'data-testid="announcements"' in body
    client.force_login(officer_a)
    response = client.get("/")
    assert "cards" in response.context and "Hội nghị tổng kết công tác" not in response.content.decode()


def test_article_page_has_open_graph_related_and_announcements(client, site):
    article = site["public"][0]
    assert article.get_absolute_url() == "/tin-tuc/2023/01/05/hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2022/"
    body = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Hội nghị tổng kết công tác Công đoàn năm 2022">' in body
    assert 'property="og:url" content="http://testserver/tin-tuc/2023/01/05/' in body
    assert "Ảnh hội nghị sơ kết" in body.split('data-testid="related"')[1]  # shares the tag "hội nghị"
    assert "Thông báo lịch tiếp nhận hồ sơ" in body.split('data-testid="announcements"')[1]
    assert body.split('data-testid="byline">')[1].startswith(initials(site["officers"][0].full_name))


def test_unit_home_shows_its_and_its_units_news(client, site, tree):
    cdvc = client.get(f"/tin-tuc/don-vi/{tree.cdvc.code}/").content.decode()
    assert "Hội nghị tổng kết công tác" in cdvc and "Sở Giáo dục thăm hỏi" in cdvc
    a = client.get(f"/tin-tuc/don-vi/{tree.a.code}/").content.decode().split("<main")[1]
    assert "Hội nghị tổng kết công tác" in a and "Sở Giáo dục thăm hỏi" not in a.split("</main>")[0]
    assert client.get("/tin-tuc/don-vi/KHONG-CO/").status_code == 404


def test_lists_by_category_and_month(client, site):
    body = client.get("/tin-tuc/chuyen-muc/thong-bao/").content.decode().split("<main")[1].split("</main>")[0]
    assert "Thông báo lịch tiếp nhận hồ sơ" in body and "Hội nghị tổng kết" not in body
    month = client.get("/tin-tuc/2023/01/").content.decode().split("<main")[1].split("</main>")[0]
    assert "Hội nghị tổng kết công tác" in month and "Thông báo lịch" not in month
    assert client.get("/tin-tuc/2023/13/").status_code == 404


def test_search_without_diacritics(client, site):
    body = client.get("/tin-tuc/tim-kiem/", {"q": "tong ket cong doan"}).content.decode()
    assert "Hội nghị tổng kết công tác Công đoàn năm 2022" in body
    assert "XYZ" not in client.get("/tin-tuc/tim-kiem/", {"q": "xyzdraft"}).content.decode()
    assert "Hội nghị tổng kết" in client.get("/tin-tuc/tim-kiem/", {"q": "TỔNG KẾT"}).content.decode()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_validate_and_list_only_published(client, site, tree, kind):
    hidden = {a.title for a in site["hidden"].values()}
    for url, expected in [
        (f"/tin-tuc/{kind}/", 4),
        (f"/tin-tuc/don-vi/{tree.a.code}/{kind}/", 2),
        (f"/tin-tuc/chuyen-muc/thong-bao/{kind}/", 1),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == ("rss20" if kind == "rss" else "atom10")
        titles = [entry.title for entry in feed.entries]
        assert len(titles) == expected and not hidden & set(titles)
        for entry in feed.entries:
            assert entry.link.startswith("http://testserver/tin-tuc/")


def test_sitemap_lists_published_articles_only(client, site):
    body = client.get("/sitemap.xml").content.decode()
    for article in site["public"]:
        assert article.get_absolute_url() in body
    for article in site["hidden"].values():
        assert article.slug not in body


def test_public_pages_are_cacheable(client, site):
    url = site["public"][0].get_absolute_url()
    response = client.get(url)
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    image = site["public"][3].images.get()
    picture = client.get(f"/tin-tuc/anh/{image.pk}/web.jpg")
    control = picture["Cache-Control"]
    assert "max-age=600" in control and "must-revalidate" in control and "immutable" not in control
    assert picture["ETag"] and picture["Last-Modified"]


def test_an_image_revalidates_cheaply_and_leaves_on_unpublish(
    client, site, cdvc_officer, django_assert_num_queries, monkeypatch
):
    article = site["public"][3]
    url = f"/tin-tuc/anh/{article.images.get().pk}/web.jpg"
    first = client.get(url)
    assert first.status_code == 200 and b"".join(first.streaming_content)[:2] == b"\xff\xd8"
    opened = []
    monkeypatch.setattr("congdoan.portal.services.image_path", lambda rel: opened.append(rel))
    with django_assert_num_queries(1):  # the image and its article's state, nothing else
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"] and not opened
    assert "max-age=600" in again["Cache-Control"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304 and not opened
    monkeypatch.undo()
    article_step(actor=cdvc_officer, article=article, step="unpublish", reason="Ảnh chưa được phép đăng")
    for headers in (
        {},
        {"HTTP_IF_NONE_MATCH": first["ETag"]},
        {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
    ):
        gone = client.get(url, **headers)
        assert gone.status_code == 404, headers  # a revalidating cache is told the image is gone


def test_a_publication_shows_at_once_despite_the_cache(
    client, site, officer_a, django_capture_on_commit_callbacks
):
    client.get("/tin-tuc/")
    with django_capture_on_commit_callbacks(execute=True):  # the generation is bumped on commit
        fresh = published(site["public"][0].unit, officer_a, title="Tin mới vừa đăng")
    assert fresh.title in client.get("/tin-tuc/").content.decode()


def test_a_cached_page_costs_no_query(client, site, django_assert_num_queries):
    client.get("/tin-tuc/")
    with django_assert_num_queries(0):
        assert client.get("/tin-tuc/").status_code == 200
    url = site["public"][0].get_absolute_url()
    client.get(url)
    with django_assert_num_queries(1):  # the article itself (a 404 is answered before the cache)
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["/tin-tuc/", "/tin-tuc/chuyen-muc/tin-hoat-dong/", "/tin-tuc/tim-kiem/?q=hoi"]
)
def test_list_query_count_does_not_grow(client, site, tree, officer_a, url):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for i in range(8):
        published(tree.a, officer_a, title=f"Hội nghị thêm số {i}")
    assert count() == before


def test_article_query_count_does_not_grow_with_images(
    client, site, officer_a, django_assert_max_num_queries
):
    article = site["public"][3]
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    assert len(queries) <= 15
    assert Article.objects.public().count() == 4


def test_the_public_lists_are_paged(client, site, tree, officer_a):
    """Ten articles a page (``public.PAGE_SIZE``), newest first; the next page is linked and holds the
    rest, and each page is cached under its own query string."""
    for i in range(8):  # 4 public in the site + 8 = 12: two pages
        published(tree.a, officer_a, title=f"Hội nghị thêm số {i:02d}")
    cache.clear()

    def main(url):
        return client.get(url).content.decode().split("<main")[1].split("</main>")[0]

    first, second = main("/tin-tuc/"), main("/tin-tuc/?page=2")
    titles = [a.title for a in Article.objects.public().order_by("-publish_at", "-pk")]
    assert len(titles) == 12
    assert all(t in first for t in titles[:10]) and not any(t in first for t in titles[10:])
    assert all(t in second for t in titles[10:]) and not any(t in second for t in titles[:10])
    assert "page=2" in first
    assert main("/tin-tuc/?page=99") == second  # past the end: the last page (core.paging.page_of)
    found = main("/tin-tuc/tim-kiem/?q=hoi+nghi+them")  # search: 8 rows, one page
    assert all(f"Hội nghị thêm số {i:02d}" in found for i in range(8)) and "page=2" not in found


def test_public_pages_give_images_at_an_address_kept_for_good(client, site):
    """Issue 16: "images served with long cache lifetimes". The article page (its figures and its body)
    and the API give each image at its versioned address, answered ``immutable`` for a year; a wrong
    version is the bare address's short, revalidated answer; unpublished, both are 404."""
    from congdoan.portal import content

    article = site["public"][3]
    image = article.images.get()
    versioned = content.public_image_url(image)
    assert versioned.startswith(f"/tin-tuc/anh/{image.pk}/web.jpg?v=")
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{versioned}"' in page and f'src="/tin-tuc/anh/{image.pk}/web.jpg"' not in page
    assert client.get(f"/api/v1/portal/articles/{article.pk}").json()["images"] == [versioned]
    control = client.get(versioned)["Cache-Control"]
    assert "max-age=31536000" in control and "immutable" in control and "must-revalidate" not in control
    stale = client.get(f"/tin-tuc/anh/{image.pk}/web.jpg?v=0000000000000000")["Cache-Control"]
    assert "max-age=600" in stale and "immutable" not in stale


def test_a_body_image_is_given_at_its_versioned_address(client, tree, officer_a):
    from congdoan.portal import content

    body = (
        '<p>Quang cảnh</p><p><img src="/tin-tuc/anh/5/web.jpg" alt="a"><img src="/tin-tuc/anh/6/web.jpg"></p>'
    )
    image = type("Image", (), {"pk": 5, "web": "portal/web/abc.jpg"})()
    shown = content.public_body(body, [image])
    assert f'src="/tin-tuc/anh/5/web.jpg?v={content.image_version("portal/web/abc.jpg")}"' in shown
    assert 'src="/tin-tuc/anh/6/web.jpg"' in shown  # not this article's image: left as stored
