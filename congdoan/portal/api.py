"""/api/v1/portal/: public reads of published articles and the categories (no token: the same
articles as the public site), and the officers' writes through the services under the policy
(a token; ``portal.write`` to write, the step's permission to publish, return, unpublish)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Query, Router, Status
from ninja.files import UploadedFile

from congdoan.core.api import ERRORS, MAX_ID, text
from congdoan.core.guards import public
from congdoan.organizations.permissions import api_guard
from congdoan.organizations.selectors import unit_get

from . import content, selectors, services
from .models import Article, Category
from .permissions import VIEW, WRITE
from .schemas import (
    ArticleCategoryOut,
    ArticleDetailOut,
    ArticleImageOut,
    ArticleIn,
    ArticlePageOut,
    ArticlePublicQuery,
    ArticleStepIn,
    ArticleUpdateIn,
    OfficerArticleOut,
)

router = Router(tags=["Trang tin"])
ArticleIdPath = Path[int, {"ge": 1, "le": MAX_ID, "description": "Mã số (id) của bài viết."}]


def _out(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "category": article.category.code,
        "unit_id": article.unit_id,
        "byline": article.byline,
        "tags": article.tag_list,
        "publish_at": article.publish_at,
        "url": article.get_absolute_url() if article.day else "",
        "state": article.state,
        "state_reason": article.state_reason,
    }


@router.get(
    "/portal/categories", auth=None, response={200: list[ArticleCategoryOut], **ERRORS}, summary="Chuyên mục"
)
@public
def category_list(request):
    return [{"code": c.code, "name": c.name} for c in Category.objects.all()]


@router.get("/portal/articles", auth=None, response={200: ArticlePageOut, **ERRORS}, summary="Tin đã đăng")
@public
def public_list(request, query: Query[ArticlePublicQuery]):
    """Published articles, newest first; filter by category code, unit code (its subtree) or words."""
    category = selectors.category_by_code(query.category) if query.category else None
    unit = selectors.unit_by_code(query.unit) if query.unit else None
    if query.q:
        qs = selectors.public_search(query.q, unit=unit)
        if category is not None:
            qs = qs.filter(category=category)
    else:
        qs = selectors.public_articles(unit=unit, category=category)
    start = (query.page - 1) * query.page_size
    return {"items": [_out(a) for a in qs[start : start + query.page_size]], "count": qs.count()}


@router.get(
    "/portal/articles/{article_id}",
    auth=None,
    response={200: ArticleDetailOut, **ERRORS},
    summary="Một tin đã đăng",
)
@public
def public_detail(request, article_id: ArticleIdPath):
    article = selectors.public_articles().filter(pk=article_id).prefetch_related("images").first()
    if article is None:
        raise Http404
    images = [content.public_image_url(i) for i in article.images.all()]
    return {**_out(article), "body": article.body, "images": images}


@router.get(
    "/portal/drafts/{article_id}", response={200: OfficerArticleOut, **ERRORS}, summary="Bài viết (cán bộ)"
)
@api_guard(VIEW)
def officer_detail(request, article_id: ArticleIdPath):
    return _out(selectors.article_get(actor=request.auth, article_id=article_id))


@router.post("/portal/drafts", response={201: OfficerArticleOut, **ERRORS}, summary="Viết bài")
@api_guard(WRITE)
def article_create(request, body: ArticleIn):
    unit = unit_get(actor=request.auth, unit_id=body.unit_id, perm=WRITE)
    data = body.dict(exclude={"unit_id", "category"})
    article = services.article_create(
        actor=request.auth, unit=unit, category=_category(body.category), **data
    )
    return Status(201, _out(article))


def _category(code: str) -> Category:
    category = Category.objects.filter(code=code).first()
    if category is None:
        raise ValidationError({"category": _("Không có chuyên mục này.")})
    return category


@router.patch("/portal/drafts/{article_id}", response={200: OfficerArticleOut, **ERRORS}, summary="Sửa bài")
@api_guard(WRITE)
def article_update(request, article_id: ArticleIdPath, body: ArticleUpdateIn):
    """Only the fields sent change; a draft or a returned article only (422 otherwise)."""
    article = selectors.article_get(actor=request.auth, article_id=article_id)
    changes = {name: value for name, value in body.dict(exclude_unset=True).items() if value is not None
               or name == "publish_at"}  # fmt: skip
    if "category" in changes:
        changes["category"] = _category(changes["category"])
    services.article_update(actor=request.auth, article=article, **changes)
    return _out(article)


@router.post(
    "/portal/drafts/{article_id}/images",
    response={201: ArticleImageOut, **ERRORS},
    summary="Thêm ảnh (JPG, PNG)",
)
@api_guard(WRITE)
def image_add(
    request,
    article_id: ArticleIdPath,
    image: File[UploadedFile] = None,
    caption: Form[text(300) | None] = None,
):
    """multipart/form-data: ``image`` (JPG or PNG, resized to web sizes, EXIF location removed) and
    ``caption``; a file that is not an image, too big or missing: 422 on ``image`` (the file is
    optional to the schema so that an article out of reach answers 404 before anything is read)."""
    article = selectors.article_get(actor=request.auth, article_id=article_id)
    added = services.image_add(actor=request.auth, article=article, upload=image, caption=caption or "")
    from django.urls import reverse

    return Status(
        201,
        {
            "id": added.pk,
            "caption": added.caption,
            "width": added.width,
            "height": added.height,
            "url": reverse("portal:image_preview", args=[added.pk]),
        },
    )


@router.post(
    "/portal/drafts/{article_id}/steps",
    response={200: OfficerArticleOut, **ERRORS},
    summary="Gửi duyệt, đăng, trả lại, gỡ",
)
@api_guard(WRITE)
def article_step(request, article_id: ArticleIdPath, body: ArticleStepIn):
    """The step's own permission is the service's (``portal.publish`` to publish: 403 without it)."""
    article = selectors.article_get(actor=request.auth, article_id=article_id)
    services.article_step(actor=request.auth, article=article, step=body.step, reason=body.reason)
    return _out(article)
