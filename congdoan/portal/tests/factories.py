"""Builders for the portal's tests, through the real services."""

import io

from PIL import Image

from ..models import Article, Category
from ..services import article_create, article_step

BODY = "<p>Hội nghị đã <strong>thông qua</strong> nghị quyết năm 2024.</p>"


def category(code: str = "tin-hoat-dong") -> Category:
    return Category.objects.get(code=code)


def draft(unit, actor, *, title: str = "Hội nghị cán bộ công chức năm 2024", **fields) -> Article:
    values = {"category": category(), "title": title, "body": BODY, "summary": "Tóm tắt tin.", **fields}
    return article_create(actor=actor, unit=unit, **values)


def published(unit, actor, **fields) -> Article:
    article = draft(unit, actor, **fields)
    article_step(actor=actor, article=article, step="submit")
    article_step(actor=actor, article=article, step="publish")
    return article


def image_file(name: str = "anh.jpg", *, size=(1600, 1000), fmt: str = "JPEG", exif: bytes | None = None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = Image.new("RGB", size, (30, 90, 160))
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif else {}
    image.save(out, fmt, **kwargs)
    content_type = "image/jpeg" if fmt == "JPEG" else "image/png"
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


def scope_objects(unit, actor) -> dict:
    """Ids of one of ``unit``'s articles (a draft) and an image, for the route-scope walk."""
    from ..services import image_add

    article = draft(unit, actor, title=f"Tin của đơn vị {unit.code}")
    image = image_add(actor=actor, article=article, upload=image_file(), caption="Ảnh")
    # The public routes' parameters (the paging walk fills every route): a category, a day, a slug.
    public = {
        "code": "tin-hoat-dong",
        "year": 2024,
        "month": "01",
        "day": "05",
        "slug": article.slug,
        "size": "web",
    }
    return {"article_id": article.pk, "image_id": image.pk, **public}
