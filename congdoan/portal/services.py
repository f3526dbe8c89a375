"""Writes of the news portal: ``entity_verb(*, actor, …)``, atomic, the policy first, one audit row.

- ``article_create`` / ``article_update``: a draft of a unit the actor writes for (``portal.write``);
  the body is refused when it holds markup the allowlist would remove (``content.refused_markup``)
  or an image that is not one uploaded to this article, and stored as nh3 cleaned it; the slug is the title's (``content.slug_of``) unless given, and is
  refused when another article already uses it on the same publication day.
- ``publish_at``: a scheduled time must be in the future (``portal.publish`` then publishes ahead and
  the article shows from that time); ``archived=True`` records an article of the unit's former
  website with its original date (in the past), which also needs ``portal.publish``.
- ``article_step``: the workflow (``core.workflow``): submit, publish, send back (reason), unpublish
  (reason: the article and its history are kept), reopen; a step without its permission (publishing
  without ``portal.publish``) is a 403 naming the permission and the roles that hold it.
- ``image_add``: JPG/PNG only, under ``PORTAL_IMAGE_MAX_BYTES``, resized (``content.web_images``).
- ``figures``: the names must be registered figures the actor can read for that unit.

Every committed write bumps the public pages' cache generation (``cache.bump``).
"""

import datetime as dt
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import attachments, audit, figures
from congdoan.core.periods import Period
from congdoan.core.permissions import UnknownPermission
from congdoan.core.text import clean_line, fold
from congdoan.core.workflow import Step, Workflow
from congdoan.documents import links
from congdoan.organizations.permissions import denied_needing, policy

from . import cache, content
from .models import Article, ArticleImage, ArticleLink, Category
from .permissions import PUBLISH, STEP_PERMISSION, WRITE, may_step

STEPS = [
    Step("submit", gettext_lazy("Gửi duyệt"), "article.submit"),
    Step("publish", gettext_lazy("Duyệt và đăng"), "article.publish", style="success"),
    Step("send_back", gettext_lazy("Trả lại"), "article.send_back", needs_reason=True, style="warning"),
    Step("unpublish", gettext_lazy("Gỡ bài"), "article.unpublish", needs_reason=True, style="danger"),
    Step("reopen", gettext_lazy("Mở lại để sửa"), "article.reopen", style="secondary"),
]
WORKFLOW = Workflow(model=Article, steps=STEPS, may=may_step, unit_of=lambda a: a.unit_id)
FIELDS = [
    "unit", "category", "title", "slug", "summary", "byline", "tags", "publish_at", "day", "archived",
    "figures_unit", "figures_year", "figure_names",
]  # fmt: skip
IMAGE_TYPES = frozenset({"jpg", "jpeg", "png"})
DEFAULT_IMAGE_MAX = 5 * 1024 * 1024
CAPTION_MAX = ArticleImage._meta.get_field("caption").max_length


def image_max_bytes() -> int:
    return int(getattr(settings, "PORTAL_IMAGE_MAX_BYTES", DEFAULT_IMAGE_MAX))


def initials(full_name: str) -> str:
    """'Trần Minh Đức' -> 'T.M.Đ.': how union sites sign a piece when no pen name is given."""
    return "".join(f"{word[0].upper()}." for word in (full_name or "").split()) or "BBT"


def _tags(value: str) -> str:
    seen = dict.fromkeys(clean_line(t).lower() for t in (value or "").split(",") if clean_line(t))
    return ", ".join(seen)[:255]


def _figures_check(actor, unit, year, names: list[str], errors: dict) -> None:
    if not names:
        return
    if unit is None or not year:
        errors["figures_unit"] = _("Hộp số liệu cần đơn vị và năm của số liệu.")
        return
    for name in names:
        try:
            figures.get(name)
        except figures.UnknownFigure:
            errors["figure_names"] = _("Không có số liệu tên '%(name)s'.") % {"name": name}
            return
    period = Period.year(year)
    try:
        figures.compute(actor=actor, unit_id=unit.pk, names=names, period=period, as_of=period.as_of())
    except (PermissionDenied, Http404):
        errors["figure_names"] = _("Bạn không được xem các số liệu này của đơn vị đã chọn.")


def _schedule(actor, unit, publish_at, archived: bool, errors: dict) -> dt.date | None:
    """The publication day of a scheduled (or archived) article, after checking the time."""
    if publish_at is None:
        if archived:
            errors["publish_at"] = _("Bài của trang tin cũ cần ngày giờ đăng ban đầu.")
        return None
    if not policy.can(actor, PUBLISH, unit.pk):
        errors["publish_at"] = _("Chỉ người có quyền duyệt đăng bài mới đặt được thời điểm đăng.")
        return None
    now = timezone.now()
    if archived and publish_at > now:
        errors["publish_at"] = _("Bài của trang tin cũ phải có ngày đăng trong quá khứ.")
    elif not archived and publish_at <= now:
        errors["publish_at"] = _("Thời điểm đăng %(at)s đã qua: hãy chọn một thời điểm trong tương lai.") % {
            "at": timezone.localtime(publish_at).strftime("%H:%M %d/%m/%Y")
        }
    return timezone.localtime(publish_at).date()


def _slug_taken(slug: str, day: dt.date | None, exclude: int | None) -> bool:
    if day is None:
        return False
    return Article.objects.filter(day=day, slug=slug).exclude(pk=exclude).exists()


def _slug_error(slug: str, day: dt.date) -> str:
    return _("Ngày %(day)s đã có bài dùng đường dẫn '%(slug)s': hãy đổi tiêu đề hoặc đường dẫn.") % {
        "day": day.strftime("%d/%m/%Y"),
        "slug": slug,
    }


def _resolve_links(actor, records, errors: dict) -> list:
    """The records the article reports: models registered with ``documents.links`` whose unit the
    actor reaches with the owning module's view permission (``<app>.view``); anything else is refused
    as one error, so no label of a record out of reach is ever stored (nor made public)."""
    out = []
    for obj in records or []:
        if obj is None or not links.registered(type(obj)) or not _visible(actor, obj):
            errors["links"] = _("Bản ghi liên kết không có hoặc không thuộc phạm vi của bạn.")
            continue
        out.append(obj)
    return out


def _visible(actor, obj) -> bool:
    unit_id = getattr(obj, "unit_id", None)
    if unit_id is None:
        return False
    try:
        return policy.can(actor, f"{obj._meta.app_label}.view", unit_id)
    except UnknownPermission:  # a module without a view permission: not linkable from the news
        return False


def _search_text(article: Article) -> str:
    return fold(" ".join([article.title, article.summary, article.tags, content.plain_text(article.body)]))


def _foreign_images(article: Article, body: str) -> list[int]:
    """The images ``body`` shows that are not this article's own (a new article has none yet)."""
    shown = content.image_ids(body)
    if not shown:
        return []
    own = set(article.images.values_list("pk", flat=True)) if article.pk else set()
    return [pk for pk in shown if pk not in own]


def _validate(actor, *, article: Article, body: str, slug: str, publish_at, archived: bool, records, errors):
    if not article.title:
        errors["title"] = _("Hãy nhập tiêu đề.")
    refused = content.refused_markup(body)
    foreign = _foreign_images(article, body) if not refused else []
    if refused:
        errors["body"] = _(
            "Nội dung có '%(part)s' không được phép (chỉ nhận đoạn văn, định dạng chữ, danh sách, bảng, "
            "liên kết http/https và ảnh đã tải lên của bài)."
        ) % {"part": refused}
    elif foreign:
        errors["body"] = _(
            "Nội dung chèn ảnh số %(id)s, không phải ảnh đã tải lên của bài này. Hãy tải ảnh lên trang "
            "bài viết rồi chèn ảnh đó."
        ) % {"id": foreign[0]}
    elif not content.plain_text(body) and not content.image_ids(body):
        errors["body"] = _("Hãy nhập nội dung bài viết.")
    article.body = content.sanitise(body)
    article.slug = slug or content.slug_of(article.title)
    if article.title and not article.slug:
        errors["slug"] = _("Tiêu đề phải có ít nhất một chữ hoặc số để làm đường dẫn.")
    article.archived = archived
    article.publish_at = publish_at
    article.day = _schedule(actor, article.unit, publish_at, archived, errors)
    if article.day and article.slug and _slug_taken(article.slug, article.day, article.pk):
        errors["slug"] = _slug_error(article.slug, article.day)
    _figures_check(actor, article.figures_unit, article.figures_year, article.figure_list, errors)
    return _resolve_links(actor, records, errors)


def _set_links(article: Article, records) -> None:
    keep = []
    for obj in records:
        target = links._target_of(obj)
        row, _created = ArticleLink.objects.get_or_create(
            article=article,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            defaults={"label": str(target.label(obj))[:255]},
        )
        keep.append(row.pk)
    article.links.exclude(pk__in=keep).delete()


def _link_labels(article: Article) -> list[str]:
    return [link.label for link in article.links.all()]


def _save(article: Article, errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
    article.search_text = _search_text(article)
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:  # two writers took the slug at once: the constraint holds
        raise ValidationError({"slug": _slug_error(article.slug, article.day)}) from None


@transaction.atomic
def article_create(
    *,
    actor,
    unit,
    category: Category,
    title: str,
    body: str,
    summary: str = "",
    byline: str = "",
    tags: str = "",
    slug: str = "",
    publish_at: dt.datetime | None = None,
    archived: bool = False,
    figures_unit=None,
    figures_year: int | None = None,
    figure_names: list[str] | tuple[str, ...] = (),
    records=(),
) -> Article:
    policy.require(actor, WRITE, unit)
    article = Article(
        unit=unit,
        category=category,
        title=clean_line(title),
        summary=summary,
        byline=clean_line(byline) or initials(getattr(actor, "full_name", "")),
        tags=_tags(tags),
        author=actor,
        figures_unit=figures_unit,
        figures_year=figures_year,
        figure_names=", ".join(figure_names),
    )
    errors: dict = {}
    records = _validate(
        actor, article=article, body=body, slug=slug, publish_at=publish_at, archived=archived,
        records=records, errors=errors,
    )  # fmt: skip
    _save(article, errors)
    _set_links(article, records)
    audit.record_created(
        actor=actor,
        action="article.create",
        obj=article,
        unit_id=article.unit_id,
        fields=FIELDS,
        extra={"links": _link_labels(article)},
    )
    cache.bump()
    return article


@transaction.atomic
def article_update(*, actor, article: Article, records=None, **changes) -> Article:
    """Change a draft or returned article (``changes``: the fields of ``article_create``)."""
    policy.require(actor, WRITE, article.unit_id)
    if not article.editable:
        raise ValidationError(
            {"state": _("Chỉ sửa được bài nháp hoặc bài bị trả lại (bài đang ở trạng thái “%(s)s”).")
             % {"s": article.get_state_display()}}
        )  # fmt: skip
    before = {**audit.snapshot(article, [*FIELDS, "body"]), "links": _link_labels(article)}
    for name in ("category", "summary", "figures_unit", "figures_year"):
        if name in changes:
            setattr(article, name, changes[name])
    if "title" in changes:
        article.title = clean_line(changes["title"])
    if "byline" in changes:
        article.byline = clean_line(changes["byline"]) or article.byline
    if "tags" in changes:
        article.tags = _tags(changes["tags"])
    if "figure_names" in changes:
        article.figure_names = ", ".join(changes["figure_names"])
    errors: dict = {}
    kept = _validate(
        actor,
        article=article,
        body=changes.get("body", article.body),
        slug=changes.get("slug", "") if "slug" in changes else ("" if "title" in changes else article.slug),
        publish_at=changes.get("publish_at", article.publish_at),
        archived=changes.get("archived", article.archived),
        records=records or [],
        errors=errors,
    )
    _save(article, errors)
    if records is not None:
        _set_links(article, kept)
    audit.record(
        actor=actor,
        action="article.update",
        obj=article,
        unit_id=article.unit_id,
        before=before,
        after={**audit.snapshot(article, [*FIELDS, "body"]), "links": _link_labels(article)},
    )
    cache.bump()
    return article


@transaction.atomic
def article_step(*, actor, article: Article, step: str, reason: str = "") -> Article:
    """Take a workflow step. Publishing fixes the time (now, unless scheduled or archived) and the
    day of the address; a slug already used that day is refused and nothing changes."""
    chosen = WORKFLOW.step(step)
    if not WORKFLOW.may(actor, article, chosen):
        raise denied_needing(STEP_PERMISSION[chosen.name], _("“%(step)s” bài này") % {"step": chosen.label})
    if chosen.name == "publish":
        now = timezone.now()
        if article.publish_at is None or (not article.archived and article.publish_at < now):
            article.publish_at = now
        article.day = timezone.localtime(article.publish_at).date()
        if _slug_taken(article.slug, article.day, article.pk):
            raise ValidationError({"slug": _slug_error(article.slug, article.day)})
    WORKFLOW.run(actor=actor, obj=article, step=chosen, reason=reason)
    cache.bump()
    return article


def _store(data: bytes, ext: str) -> str:
    relative = Path("portal") / f"{secrets.token_hex(24)}.{ext}"
    target = Path(settings.MEDIA_ROOT).resolve() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        out.write(data)
    return str(relative)


def image_path(relative: str) -> Path:
    return attachments.path_of(relative)


@transaction.atomic
def image_add(*, actor, article: Article, upload, caption: str = "") -> ArticleImage:
    """Add an image (JPG or PNG) to a draft or returned article: the original is kept (its EXIF
    location removed), the web sizes are made with Pillow."""
    policy.require(actor, WRITE, article.unit_id)
    if not article.editable:
        raise ValidationError({"image": _("Chỉ thêm ảnh vào bài nháp hoặc bài bị trả lại.")})
    if upload is None:
        raise ValidationError({"image": _("Hãy chọn một tệp ảnh.")})
    if len(caption or "") > CAPTION_MAX:
        raise ValidationError({"caption": _("Chú thích ảnh dài quá %(max)s ký tự.") % {"max": CAPTION_MAX}})
    limit = image_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            {"image": _("Ảnh '%(name)s' lớn quá: tối đa %(limit)s MB.")
             % {"name": upload.name, "limit": limit // (1024 * 1024)}}
        )  # fmt: skip
    attachments.check(upload, field="image", allowed=IMAGE_TYPES)
    made = content.web_images(upload)
    stored = []
    try:
        stored = [
            _store(made.original, made.original_ext),
            _store(made.web, "jpg"),
            _store(made.thumb, "jpg"),
        ]
        image = ArticleImage.objects.create(
            article=article,
            caption=caption,
            original=stored[0],
            web=stored[1],
            thumb=stored[2],
            width=made.width,
            height=made.height,
            order=article.images.count(),
        )
        audit.record_created(
            actor=actor,
            action="article.image_add",
            obj=image,
            unit_id=article.unit_id,
            fields=["article", "caption"],
        )
    except Exception:
        for relative in stored:
            attachments.delete(relative)
        raise
    transaction.on_commit(cache.bump)
    return image
