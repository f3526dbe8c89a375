"""The demo's news: five published articles and an announcement about the seeds' events, with their images, the records
they report and (seed 001) the figures box read live from the figures layer."""

import pytest
from django.core.cache import cache

from congdoan.core.models import AuditEntry
from congdoan.portal.models import Article
from congdoan.portal.selectors import figures_box

from .conftest import run_load_demo


@pytest.fixture
def news(demo, settings, tmp_path):
    return {a.day.isoformat(): a for a in Article.objects.public()}


def test_five_articles_are_published_with_images(news, client):
    assert sorted(news) == [
        "2022-03-30",
        "2022-07-21",
        "2022-07-26",
        "2023-01-05",
        "2023-01-09",
        "2024-02-23",
    ]
    cache.clear()
    for article in news.values():
        assert article.images.exists() or article.category.code == "thong-bao"
        assert AuditEntry.objects.filter(object_type="portal.article", object_id=str(article.pk)).count() == 3
        body = client.get(article.get_absolute_url()).content.decode()
        assert article.title in body
    assert (
        news["2023-01-05"].get_absolute_url()
        == "/tin-tuc/2023/01/05/hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2022/"
    )
    assert client.get("/").status_code == 200


def test_the_announcements_box_shows_the_demo_notice(news, client):
    notice = news["2023-01-09"]
    assert notice.category.code == "thong-bao" and notice.unit.code == "CDVC-HN"
    assert AuditEntry.objects.filter(object_type="portal.article", object_id=str(notice.pk)).count() == 3
    cache.clear()
    home = client.get("/tin-tuc/").content.decode()
    box = home.split('data-testid="announcements"', 1)[1].split("</section>", 1)[0]
    assert notice.title in box and notice.get_absolute_url() in box


def test_seed_001_figures_box_reads_the_reports_layer(news, demo):
    box = {line.label: line.value for line in figures_box(news["2023-01-05"])}
    assert box["Đơn vị đã tổ chức Hội nghị CBCCVC"] == 57
    assert box["Đơn vị phải tổ chức Hội nghị CBCCVC"] == 58
    assert box["Tổng số đoàn viên"] > 0


def test_articles_link_the_records_they_report(news):
    assert news["2022-07-26"].links.get().label  # the survey mission
    assert "Khối thi đua III" in news["2022-03-30"].links.get().label
    assert news["2024-02-23"].links.count() == 1  # the conference of 22/02/2024


def test_second_run_writes_no_article(news):
    run_load_demo()
    assert Article.objects.count() == 6
