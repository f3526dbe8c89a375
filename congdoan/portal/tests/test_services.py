"""The portal's writes: drafts, sanitising, slugs, scheduling, the review workflow, images."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from PIL import Image

from congdoan.core.models import AuditEntry
from congdoan.organizations.tests.factories import grant

from ..content import refused_markup, sanitise, slug_of
from ..models import Article, ArticleImage
from ..services import article_create, article_step, article_update, image_add, initials
from .factories import category, draft, image_file, published

pytestmark = pytest.mark.django_db


def test_slug_folds_vietnamese_diacritics_and_d():
    assert (
        slug_of("Hội nghị tổng kết công tác Công đoàn năm 2022")
        == "hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2022"
    )
    assert slug_of("Đoàn khảo sát: Phú Yên – Khánh Hòa!") == "doan-khao-sat-phu-yen-khanh-hoa"


def test_initials_sign_an_article_without_a_pen_name():
    assert initials("Trần Minh Đức") == "T.M.Đ."


def test_a_draft_is_audited_and_signed_with_initials(tree, officer_a):
    article = draft(tree.a, officer_a)
    assert article.state == Article.State.DRAFT
    assert article.slug == "hoi-nghi-can-bo-cong-chuc-nam-2024"
    assert article.byline == initials(officer_a.full_name)
    entry = AuditEntry.objects.get(action="article.create")
    assert entry.object_id == str(article.pk) and entry.unit_id == tree.a.pk


@pytest.mark.parametrize(
    ("body", "part"),
    [
        ("<p>x</p><script>alert(1)</script>", "<script>"),
        ('<p onclick="steal()">x</p>', "<p onclick>"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe>"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<p style="color:red">x</p>', "<p style>"),
    ],
)
def test_unsafe_html_is_refused_and_nothing_written(tree, officer_a, body, part):
    assert refused_markup(body) == part
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        draft(tree.a, officer_a, body=body)
    assert part in caught.value.message_dict["body"][0]
    assert "không được phép" in caught.value.message_dict["body"][0]
    assert not Article.objects.exists() and AuditEntry.objects.count() == before


def test_sanitiser_keeps_text_markup_and_marks_links():
    html = sanitise('<p>a <a href="https://congdoan.vn">b</a></p><script>x</script>')
    assert html == '<p>a <a href="https://congdoan.vn" rel="noopener noreferrer">b</a></p>'


def test_publishing_needs_the_publish_permission(tree, officer_a):
    writer = officer_a.__class__.objects.create(username="writer_a", full_name="Lê Văn Viết")
    grant(writer, tree.a, "can-bo-chuyen-trach")  # writes, does not publish
    article = draft(tree.a, writer)
    article_step(actor=writer, article=article, step="submit")
    with pytest.raises(PermissionDenied):
        article_step(actor=writer, article=article, step="publish")
    article.refresh_from_db()
    assert article.state == Article.State.PENDING and article.publish_at is None
    assert not AuditEntry.objects.filter(action="article.publish").exists()


def test_review_publish_unpublish_keeps_the_article_and_its_history(tree, officer_a):
    article = draft(tree.a, officer_a)
    article_step(actor=officer_a, article=article, step="submit")
    with pytest.raises(ValidationError) as caught:
        article_step(actor=officer_a, article=article, step="send_back")
    assert "reason" in caught.value.message_dict
    article_step(actor=officer_a, article=article, step="send_back", reason="Thiếu ảnh")
    assert article.state == Article.State.RETURNED and article.state_reason == "Thiếu ảnh"
    article_step(actor=officer_a, article=article, step="submit")
    article_step(actor=officer_a, article=article, step="publish")
    assert article.state == Article.State.PUBLISHED
    assert article.day == timezone.localdate()
    assert Article.objects.public().filter(pk=article.pk).exists()
    article_step(actor=officer_a, article=article, step="unpublish", reason="Đăng nhầm")
    assert Article.objects.filter(pk=article.pk, state=Article.State.UNPUBLISHED).exists()
    assert not Article.objects.public().exists()
    actions = list(
        AuditEntry.objects.filter(object_id=str(article.pk), object_type="portal.article")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "article.create",
        "article.submit",
        "article.send_back",
        "article.submit",
        "article.publish",
        "article.unpublish",
    ]


def test_a_scheduled_article_shows_from_its_time(tree, officer_a):
    later = timezone.now() + dt.timedelta(hours=2)
    article = published(tree.a, officer_a, publish_at=later)
    assert article.state == Article.State.PUBLISHED and article.publish_at == later
    assert not Article.objects.public().exists()
    assert Article.objects.public(later + dt.timedelta(seconds=1)).filter(pk=article.pk).exists()


def test_a_scheduled_time_in_the_past_is_refused(tree, officer_a):
    with pytest.raises(ValidationError) as caught:
        draft(tree.a, officer_a, publish_at=timezone.now() - dt.timedelta(minutes=5))
    assert "đã qua" in caught.value.message_dict["publish_at"][0]
    assert not Article.objects.exists()


def test_an_archived_article_keeps_its_original_date(tree, officer_a):
    when = timezone.make_aware(dt.datetime(2023, 1, 5, 9, 30))
    article = published(tree.a, officer_a, publish_at=when, archived=True)
    assert article.day == dt.date(2023, 1, 5)
    assert article.get_absolute_url() == f"/tin-tuc/2023/01/05/{article.slug}/"


def test_a_slug_is_used_once_a_day(tree, officer_a):
    when = timezone.make_aware(dt.datetime(2023, 1, 5, 9, 30))
    published(tree.a, officer_a, publish_at=when, archived=True)
    with pytest.raises(ValidationError) as caught:
        draft(tree.a, officer_a, publish_at=when + dt.timedelta(hours=3), archived=True)
    assert "05/01/2023" in caught.value.message_dict["slug"][0]
    assert Article.objects.count() == 1
    # Another day is another address.
    other = draft(tree.a, officer_a, publish_at=when + dt.timedelta(days=1), archived=True)
    assert other.slug == "hoi-nghi-can-bo-cong-chuc-nam-2024"


def test_a_slug_taken_today_stops_publishing(tree, officer_a):
    published(tree.a, officer_a)
    second = draft(tree.a, officer_a)  # no time yet: no day, no clash
    article_step(actor=officer_a, article=second, step="submit")
    with pytest.raises(ValidationError) as caught:
        article_step(actor=officer_a, article=second, step="publish")
    assert "slug" in caught.value.message_dict
    second.refresh_from_db()
    assert second.state == Article.State.PENDING


def test_writing_out_of_reach_is_not_found(tree, officer_a):
    with pytest.raises(Http404):
        draft(tree.b, officer_a)


def test_images_are_resized_and_location_stripped(tree, officer_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = draft(tree.a, officer_a)
    exif = Image.Exif()
    exif[0x010F] = "Camera"  # Make
    exif.get_ifd(0x8825)[2] = (21.0, 1.0, 0.0)  # a GPS latitude
    image = image_add(
        actor=officer_a, article=article, upload=image_file(exif=exif.tobytes()), caption="Quang cảnh"
    )
    web = Image.open(tmp_path / image.web)
    assert web.size == (1200, 750) and not web.getexif()
    original = Image.open(tmp_path / image.original)
    assert original.size == (1600, 1000)
    assert 0x8825 not in original.getexif() and original.getexif()[0x010F] == "Camera"
    assert Image.open(tmp_path / image.thumb).width == 480


def test_a_file_that_is_not_an_image_is_refused(tree, officer_a, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    article = draft(tree.a, officer_a)
    fake = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff this is no picture", content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        image_add(actor=officer_a, article=article, upload=fake)
    assert "anh.jpg" in caught.value.message_dict["image"][0]
    text = SimpleUploadedFile("bai.txt", b"hello", content_type="text/plain")
    with pytest.raises(ValidationError):
        image_add(actor=officer_a, article=article, upload=text)
    assert not ArticleImage.objects.exists() and not list(tmp_path.rglob("*.*"))


def test_an_oversized_image_is_refused(tree, officer_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_IMAGE_MAX_BYTES = 1000
    article = draft(tree.a, officer_a)
    with pytest.raises(ValidationError) as caught:
        image_add(actor=officer_a, article=article, upload=image_file())
    assert "lớn quá" in caught.value.message_dict["image"][0]
    assert not ArticleImage.objects.exists()


def test_only_drafts_are_edited(tree, officer_a):
    article = published(tree.a, officer_a)
    with pytest.raises(ValidationError):
        article_update(actor=officer_a, article=article, title="Khác")
    draft_article = draft(tree.a, officer_a, title="Tin khác")
    article_update(
        actor=officer_a, article=draft_article, title="Tin khác đã sửa", tags="Hội nghị, hội nghị, Thi đua"
    )
    assert draft_article.slug == "tin-khac-da-sua" and draft_article.tags == "hội nghị, thi đua"


def test_the_figures_must_be_readable(tree, officer_a):
    with pytest.raises(ValidationError) as caught:
        draft(tree.a, officer_a, figures_unit=tree.b, figures_year=2023, figure_names=["members.total"])
    assert "figure_names" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        draft(tree.a, officer_a, figures_unit=tree.a, figures_year=2023, figure_names=["khong.co"])
    assert "khong.co" in caught.value.message_dict["figure_names"][0]
    article = draft(tree.a, officer_a, figures_unit=tree.a, figures_year=2023, figure_names=["members.total"])
    assert article.figure_list == ["members.total"]


def test_category_is_data():
    assert category("thong-bao").name == "Thông báo"


def test_create_refuses_an_unknown_link(tree, officer_a, officer_b):
    from congdoan.meetings.tests.factories import conference

    theirs = conference(tree.b, officer_b)
    with pytest.raises(ValidationError) as caught:
        article_create(
            actor=officer_a, unit=tree.a, category=category(), title="T", body="<p>x</p>", records=[theirs]
        )
    assert "links" in caught.value.message_dict
    mine = conference(tree.a, officer_a)
    article = article_create(
        actor=officer_a, unit=tree.a, category=category(), title="T", body="<p>x</p>", records=[mine]
    )
    assert [link.label for link in article.links.all()] == [f"{mine} — {mine.unit}"]
