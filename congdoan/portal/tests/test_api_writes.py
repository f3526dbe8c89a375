"""The API's update and image upload: through the services, the policy (404 out of reach, 403
without ``portal.write``), 422 naming the field with nothing written, and the happy paths."""

import io

import pytest
from django.test import Client
from PIL import Image

from congdoan.accounts.services import token_issue
from congdoan.core.models import AuditEntry

from ..models import Article, ArticleImage
from .factories import draft, image_file, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(settings, tmp_path):
    """``upload(user, article_id, files)``: a multipart POST to the image route with a token."""
    settings.MEDIA_ROOT = tmp_path
    tokens = {}

    def _upload(user, article_id, data):
        if user.pk not in tokens:
            tokens[user.pk] = token_issue(actor=user, name="test")[1]
        return Client().post(
            f"/api/v1/portal/drafts/{article_id}/images", data, HTTP_AUTHORIZATION=f"Bearer {tokens[user.pk]}"
        )

    return _upload


def test_update_changes_only_the_fields_sent_with_audit(call, officer_a, tree):
    article = draft(tree.a, officer_a)
    response = call(
        officer_a,
        "PATCH",
        f"/portal/drafts/{article.pk}",
        {
            "title": "Tin đã sửa qua API",
            "body": "<p>Nội dung <strong>mới</strong></p>",
            "category": "thong-bao",
        },
    )
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["title"] == "Tin đã sửa qua API" and out["slug"] == "tin-da-sua-qua-api"
    assert out["category"] == "thong-bao" and out["summary"] == "Tóm tắt tin."
    article.refresh_from_db()
    assert article.body == "<p>Nội dung <strong>mới</strong></p>"
    entry = AuditEntry.objects.filter(action="article.update", object_id=str(article.pk)).get()
    assert entry.after["title"] == "Tin đã sửa qua API"


def test_update_refuses_bad_input_with_422_and_writes_nothing(call, officer_a, tree):
    article = draft(tree.a, officer_a)
    assert call(officer_a, "GET", f"/portal/drafts/{article.pk}").status_code == 200  # the token issued
    before = AuditEntry.objects.count()
    for payload, field in [
        ({"body": '<p onclick="x()">a</p>'}, "body"),
        ({"category": "khong-co"}, "category"),
        ({"title": ""}, "title"),
    ]:
        response = call(officer_a, "PATCH", f"/portal/drafts/{article.pk}", payload)
        assert response.status_code == 422, payload
        assert field in response.json()["errors"], response.json()
    article.refresh_from_db()
    assert article.title == "Hội nghị cán bộ công chức năm 2024" and AuditEntry.objects.count() == before
    published_one = published(tree.a, officer_a, title="Tin đã đăng rồi")
    refused = call(officer_a, "PATCH", f"/portal/drafts/{published_one.pk}", {"title": "Sửa bài đã đăng"})
    assert refused.status_code == 422 and "state" in refused.json()["errors"]


def test_update_follows_the_policy(call, officer_a, officer_b, viewer_a, tree):
    article = draft(tree.a, officer_a)
    assert call(officer_b, "PATCH", f"/portal/drafts/{article.pk}", {"title": "X"}).status_code == 404
    assert call(viewer_a, "PATCH", f"/portal/drafts/{article.pk}", {"title": "X"}).status_code == 403
    assert call(officer_a, "PATCH", "/portal/drafts/999999", {"title": "X"}).status_code == 404
    article.refresh_from_db()
    assert article.title == "Hội nghị cán bộ công chức năm 2024"


def test_an_image_is_uploaded_resized_and_stripped(upload, officer_a, tree):
    article = draft(tree.a, officer_a)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 2.0)}  # a GPS block
    response = upload(
        officer_a,
        article.pk,
        {"image": image_file(size=(2400, 1200), exif=exif.tobytes()), "caption": "Toàn cảnh"},
    )
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["caption"] == "Toàn cảnh" and (out["width"], out["height"]) == (1200, 600)
    image = ArticleImage.objects.get(pk=out["id"])
    from ..services import image_path

    assert 0x8825 not in Image.open(image_path(image.original)).getexif()
    assert Image.open(image_path(image.web)).size == (1200, 600)
    assert AuditEntry.objects.filter(action="article.image_add", object_id=str(image.pk)).exists()


def test_an_image_upload_refuses_bad_files_with_422(upload, officer_a, tree, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = draft(tree.a, officer_a)
    missing = upload(officer_a, article.pk, {"caption": "Chưa chọn ảnh"})
    assert missing.status_code == 422 and "image" in missing.json()["errors"]
    not_image = SimpleUploadedFile("anh.png", b"not a png at all", content_type="image/png")
    response = upload(officer_a, article.pk, {"image": not_image})
    assert response.status_code == 422 and "image" in response.json()["errors"]
    settings.PORTAL_IMAGE_MAX_BYTES = 1024
    big = io.BytesIO()
    Image.effect_noise((600, 600), 80).convert("RGB").save(big, "JPEG", quality=95)
    response = upload(officer_a, article.pk, {"image": SimpleUploadedFile("to.jpg", big.getvalue())})
    assert response.status_code == 422 and "lớn quá" in response.json()["errors"]["image"][0]
    settings.PORTAL_IMAGE_MAX_BYTES = 5 * 1024 * 1024
    response = upload(officer_a, article.pk, {"image": image_file(), "caption": "x" * 301})
    assert response.status_code == 422 and "caption" in response.json()["errors"]
    assert not ArticleImage.objects.exists()


def test_an_image_upload_follows_the_policy(upload, officer_a, officer_b, viewer_a, tree):
    article = draft(tree.a, officer_a)
    assert upload(officer_b, article.pk, {"image": image_file()}).status_code == 404
    assert upload(viewer_a, article.pk, {"image": image_file()}).status_code == 403
    assert not ArticleImage.objects.exists()
    assert Article.objects.get(pk=article.pk).images.count() == 0
