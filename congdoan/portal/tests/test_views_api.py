"""Officers' pages and the API: writing through the form, review buttons, 422 with the service's
errors, the public API without a token, writes with the policy."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congdoan.core.models import AuditEntry
from congdoan.organizations.tests.factories import grant

from ..models import Article
from .factories import category, draft, image_file, published

pytestmark = pytest.mark.django_db


def _form(unit, **extra):
    return {
        "unit": str(unit.pk),
        "category": str(category().pk),
        "title": "Tin hoạt động tháng Ba",
        "body": "<p>Nội dung tin.</p>",
        **extra,
    }


def test_write_a_draft_through_the_form(as_, officer_a, tree):
    response = as_(officer_a).post("/bai-viet/them/", _form(tree.a))
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bai-viet/{article.pk}/"
    assert article.slug == "tin-hoat-dong-thang-ba" and article.state == Article.State.DRAFT


def test_unsafe_body_answers_422_and_writes_nothing(as_, officer_a, tree):
    response = as_(officer_a).post("/bai-viet/them/", _form(tree.a, body='<p onmouseover="x()">a</p>'))
    assert response.status_code == 422
    assert "không được phép" in response.content.decode()
    assert not Article.objects.exists()


def test_a_past_schedule_answers_422_on_its_field(as_, officer_a, tree):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = _form(tree.a, publish_on=yesterday.strftime("%d/%m/%Y"), publish_time="08:00")
    response = as_(officer_a).post("/bai-viet/them/", data)
    assert response.status_code == 422
    assert "đã qua" in str(response.context["form"].errors["publish_on"])
    assert not Article.objects.exists()


def test_review_through_the_page(as_, officer_a, tree):
    article = draft(tree.a, officer_a)
    client = as_(officer_a)
    assert "Gửi duyệt" in client.get(f"/bai-viet/{article.pk}/").content.decode()
    client.post(f"/bai-viet/{article.pk}/buoc/", {"step": "submit"})
    response = client.post(f"/bai-viet/{article.pk}/buoc/", {"step": "send_back"})
    assert response.status_code == 422 and "Hãy ghi lý do" in response.content.decode()
    client.post(f"/bai-viet/{article.pk}/buoc/", {"step": "publish"})
    article.refresh_from_db()
    assert article.state == Article.State.PUBLISHED
    assert "Duyệt và đăng bài" in client.get(f"/bai-viet/{article.pk}/").content.decode()  # the history


def test_the_office_role_reads_but_cannot_publish(as_, officer_a, viewer_a, tree):
    article = draft(tree.a, officer_a)
    response = as_(viewer_a).post(f"/bai-viet/{article.pk}/buoc/", {"step": "submit"})
    assert response.status_code == 403
    assert as_(viewer_a).get(f"/bai-viet/{article.pk}/").status_code == 200


def test_an_image_upload_that_is_not_an_image_answers_422(as_, officer_a, tree, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    article = draft(tree.a, officer_a)
    bad = SimpleUploadedFile("anh.png", b"not a png at all", content_type="image/png")
    response = as_(officer_a).post(f"/bai-viet/{article.pk}/anh/", {"image": bad, "caption": "x"})
    assert response.status_code == 422 and not article.images.exists()
    response = as_(officer_a).post(f"/bai-viet/{article.pk}/anh/", {"image": image_file(), "caption": "Ảnh"})
    assert response.status_code == 302 and article.images.count() == 1


def test_officer_list_query_count_does_not_grow(as_, officer_a, tree):
    client = as_(officer_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/bai-viet/").status_code == 200
        return len(queries)

    draft(tree.a, officer_a, title="Một")
    before = count()
    for i in range(6):
        draft(tree.a, officer_a, title=f"Tin thêm {i}")
    assert count() == before


def test_public_api_without_a_token_lists_only_published(client, officer_a, tree):
    shown = published(tree.a, officer_a, title="Tin đã đăng")
    hidden = draft(tree.a, officer_a, title="Tin nháp")
    body = client.get("/api/v1/portal/articles").json()
    assert [a["title"] for a in body["items"]] == ["Tin đã đăng"] and body["count"] == 1
    assert "author" not in body["items"][0] and body["items"][0]["url"] == shown.get_absolute_url()
    assert client.get(f"/api/v1/portal/articles/{shown.pk}").json()["body"].startswith("<p>")
    assert client.get(f"/api/v1/portal/articles/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/portal/articles", {"q": "da dang"}).json()["count"] == 1
    codes = [c["code"] for c in client.get("/api/v1/portal/categories").json()]
    assert "thong-bao" in codes


def test_api_writes_follow_the_policy(call, officer_a, officer_b, viewer_a, tree):
    response = call(
        officer_a,
        "POST",
        "/portal/drafts",
        {"unit_id": tree.a.pk, "category": "tin-hoat-dong", "title": "Tin API", "body": "<p>x</p>"},
    )
    assert response.status_code == 201
    article_id = response.json()["id"]
    assert (
        call(officer_b, "POST", f"/portal/drafts/{article_id}/steps", {"step": "submit"}).status_code == 404
    )
    assert call(viewer_a, "POST", f"/portal/drafts/{article_id}/steps", {"step": "submit"}).status_code == 403
    before = AuditEntry.objects.count()
    refused = call(
        officer_a,
        "POST",
        "/portal/drafts",
        {"unit_id": tree.a.pk, "category": "tin-hoat-dong", "title": "X", "body": "<script>x</script>"},
    )
    assert refused.status_code == 422 and "body" in refused.json()["errors"]
    assert AuditEntry.objects.count() == before
    assert (
        call(officer_a, "POST", f"/portal/drafts/{article_id}/steps", {"step": "submit"}).json()["state"]
        == "pending"
    )


@pytest.fixture
def writer_a(tree, officer_a):
    """A full-time officer of unit A: writes and sends for review, does not publish."""
    writer = officer_a.__class__.objects.create(
        username="writer_a", full_name="Lê Văn Viết", home_unit=tree.a
    )
    grant(writer, tree.a, "can-bo-chuyen-trach")
    return writer


def _refusal_names_the_permission_and_roles(text: str) -> None:
    assert "Bạn không được “Duyệt và đăng” bài này" in text
    assert "“Duyệt, đăng và gỡ bài trên trang tin” (portal.publish)" in text
    assert "Vai trò có quyền này: Chủ tịch, Phó Chủ tịch" in text


def test_publishing_without_permission_says_which_permission_on_the_page(as_, writer_a, tree):
    article = draft(tree.a, writer_a)
    client = as_(writer_a)
    client.post(f"/bai-viet/{article.pk}/buoc/", {"step": "submit"})
    before = AuditEntry.objects.count()
    response = client.post(f"/bai-viet/{article.pk}/buoc/", {"step": "publish"})
    assert response.status_code == 403
    _refusal_names_the_permission_and_roles(response.content.decode())
    article.refresh_from_db()
    assert article.state == Article.State.PENDING and article.publish_at is None
    assert AuditEntry.objects.count() == before
    returned = client.post(f"/bai-viet/{article.pk}/buoc/", {"step": "send_back", "reason": "x"})
    assert returned.status_code == 403 and "“Trả lại” bài này" in returned.content.decode()


def test_publishing_without_permission_says_which_permission_in_the_api(call, writer_a, tree):
    article = draft(tree.a, writer_a)
    assert call(writer_a, "POST", f"/portal/drafts/{article.pk}/steps", {"step": "submit"}).status_code == 200
    response = call(writer_a, "POST", f"/portal/drafts/{article.pk}/steps", {"step": "publish"})
    assert response.status_code == 403
    _refusal_names_the_permission_and_roles(response.json()["message"])
    article.refresh_from_db()
    assert article.state == Article.State.PENDING
