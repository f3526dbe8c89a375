"""API shapes of the news portal (``/api/v1/portal/``). Public shapes carry no person: the author is
the byline."""

import datetime as dt

from ninja import Field, Schema

from congdoan.core.api import MAX_ID, DateTime, Id, text

from .models import BODY_MAX, SLUG_MAX, SUMMARY_MAX, TITLE_MAX


class ArticleCategoryOut(Schema):
    code: str
    name: str


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    category: str = Field(description="Mã chuyên mục.")
    unit_id: int
    byline: str
    tags: list[str]
    publish_at: dt.datetime | None
    url: str = Field(description="Địa chỉ công khai của bài.")


class ArticleDetailOut(ArticleOut):
    body: str = Field(description="Nội dung HTML đã làm sạch.")
    images: list[str] = Field(description="Địa chỉ ảnh cỡ web.")


class ArticlePageOut(Schema):
    items: list[ArticleOut]
    count: int


class ArticlePublicQuery(Schema):
    category: text(32) = ""
    unit: text(32) = Field("", description="Mã đơn vị: tin của đơn vị và các đơn vị trực thuộc.")
    q: text(200) = Field("", description="Tìm không dấu hoặc có dấu.")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class ArticleIn(Schema):
    unit_id: Id
    category: text(32)
    title: text(TITLE_MAX)
    body: text(BODY_MAX, multiline=True)
    summary: text(SUMMARY_MAX, multiline=True) = ""
    byline: text(80) = ""
    tags: text(255) = ""
    slug: text(SLUG_MAX) = ""
    publish_at: DateTime | None = None
    archived: bool = False


class ArticleUpdateIn(Schema):
    """Only the fields sent change (a draft or a returned article)."""

    category: text(32) | None = None
    title: text(TITLE_MAX) | None = None
    body: text(BODY_MAX, multiline=True) | None = None
    summary: text(SUMMARY_MAX, multiline=True) | None = None
    byline: text(80) | None = None
    tags: text(255) | None = None
    slug: text(SLUG_MAX) | None = None
    publish_at: DateTime | None = None
    archived: bool | None = None


class ArticleImageOut(Schema):
    id: int
    caption: str
    width: int
    height: int
    url: str = Field(description="Ảnh cỡ web, cho cán bộ xem trước (cần đăng nhập).")


class ArticleStepIn(Schema):
    step: text(32)
    reason: text(2000, multiline=True) = ""


class OfficerArticleOut(ArticleOut):
    state: str
    state_reason: str


ArticleId = Field(ge=1, le=MAX_ID)
