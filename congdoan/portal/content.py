"""What goes into an article: its slug, its body as safe HTML, its images in web sizes.

- ``slug_of``: the title folded by ``core.text.fold`` (diacritics off, đ → d, lower case), every run
  of other characters one hyphen, cut at a word: 'Hội nghị tổng kết công tác Công đoàn năm 2022'
  → 'hoi-nghi-tong-ket-cong-tac-cong-doan-nam-2022'.
- ``sanitise``: nh3 (Ammonia) with an allowlist of text tags; no script, style, event handler,
  iframe, form or inline style; links keep http(s)/mailto and get rel="noopener noreferrer"; an
  ``<img>`` keeps only ``alt`` and a ``src`` that is the web size of an image uploaded to an article
  (``/tin-tuc/anh/<id>/web.jpg``, ``portal_public:image``), never another address.
  ``refused_markup`` names what would be removed, so the service can refuse it with a message
  instead of silently changing what the writer sees. The allowlist holds every tag the officers'
  editor (Quill 2, ``portal/editor.js``) produces: h2–h4, p, strong, em, u, s, sub, sup, ol/ul/li,
  blockquote, a and img; plus tables, figures and rules kept from older bodies.
- ``image_ids``: the ids of the article images a body shows; ``preview_body`` points them at the
  officers' preview (``portal:image_preview``), which also serves an unpublished article's images.
- ``web_images``: Pillow checks the file is a JPEG or PNG image, drops the GPS block from the
  original's EXIF and writes web sizes without any metadata.
"""

import functools
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from congdoan.core.text import fold

from .models import SLUG_MAX

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "hr",
    "img",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Attributes the sanitiser writes itself (a link's rel), so a body that already has them is not refused.
REWRITTEN = {("a", "rel")}


@functools.cache
def _image_src() -> re.Pattern:
    """``/tin-tuc/anh/<id>/web.jpg``: the public web size of an article image, the only image address a
    body may show (read from the URL configuration, so it follows where the public site is mounted)."""
    sample = reverse("portal_public:image", args=[987654321, "web"])
    return re.compile("^" + re.escape(sample).replace("987654321", "([0-9]{1,12})") + "$")


def image_ids(html: str) -> list[int]:
    """The ids of the article images that ``html`` shows, in order, each once."""
    finder = _Inventory()
    finder.feed(html or "")
    finder.close()
    return list(dict.fromkeys(finder.images))


def _keep(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _image_src().match(value.strip()):
        return None
    return value


def slug_of(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(title)).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    return slug


def sanitise(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_keep,
    )


def _point_images(html: str, address: Callable[[int], str | None]) -> str:
    """``html`` with each body image's ``src`` replaced by ``address(image_id)`` (kept if ``None``)."""
    pattern = _image_src().pattern.strip("^$")
    return re.sub(
        f'src="{pattern}"',
        lambda m: f'src="{address(int(m.group(1))) or m.group(0)[5:-1]}"',
        html or "",
    )


def preview_body(html: str) -> str:
    """The (sanitised) body as officers preview it: its images read from ``portal:image_preview``,
    since the public address answers 404 until the article is published."""
    return _point_images(html, lambda image_id: reverse("portal:image_preview", args=[image_id]))


# The public image addresses' size names, and the stored file each serves.
IMAGE_SIZES = {"web": "web", "nho": "thumb"}


def image_version(stored: str) -> str:
    """The ``?v=`` of a stored image file's public address: its stored name is random and its bytes
    never change, so an address carrying it may be cached for good (``cache.image_response``)."""
    return hashlib.sha256(stored.encode()).hexdigest()[:16]


def public_image_url(image, size: str = "web") -> str:
    """``/tin-tuc/anh/<id>/<size>.jpg?v=<version>``: the address public pages and the API give."""
    stored = getattr(image, IMAGE_SIZES[size])
    return f"{reverse('portal_public:image', args=[image.pk, size])}?v={image_version(stored)}"


def public_body(html: str, images) -> str:
    """The (sanitised) body as the public page shows it: the article's own images at their
    versioned addresses (``public_image_url``); the body stores the bare address."""
    by_id = {i.pk: i for i in images}
    return _point_images(
        html, lambda image_id: public_image_url(by_id[image_id]) if image_id in by_id else None
    )


_MARKUP = re.compile(r"\s+")


def _normal(html: str) -> str:
    return _MARKUP.sub(" ", html).strip()


class _Inventory(HTMLParser):
    """Every tag and attribute a body uses, to name the first one the allowlist does not keep."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refused: list[str] = []
        self.images: list[int] = []

    def _check(self, tag, attrs):
        if tag not in TAGS:
            self.refused.append(f"<{tag}>")
            return
        for name, value in attrs:
            if (tag, name) in REWRITTEN:
                continue
            if name not in ATTRIBUTES.get(tag, set()):
                self.refused.append(f"<{tag} {name}>")
            elif tag == "img" and name == "src":
                found = _image_src().match((value or "").strip())
                if found:
                    self.images.append(int(found.group(1)))
                else:
                    self.refused.append(f'<img src="{(value or "")[:60]}">')
            elif name == "href":
                scheme = (value or "").split(":", 1)[0].strip().lower() if ":" in (value or "") else ""
                if scheme and scheme not in URL_SCHEMES:
                    self.refused.append(f"{scheme}:")

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_comment(self, data):
        self.refused.append("<!-- -->")


def refused_markup(html: str) -> str | None:
    """The first tag, attribute or link scheme of ``html`` the allowlist would remove (a script, an
    event handler, an iframe, a style, a ``javascript:`` link), or None when it keeps everything."""
    inventory = _Inventory()
    inventory.feed(html or "")
    inventory.close()
    return inventory.refused[0] if inventory.refused else None


def plain_text(html: str) -> str:
    return _normal(strip_tags(html))


# -- images ------------------------------------------------------------------------------------------
WEB_WIDTH = 1200
THUMB_WIDTH = 480
GPS_IFD = 0x8825


@dataclass(frozen=True)
class WebImage:
    original: bytes
    original_ext: str
    web: bytes
    thumb: bytes
    width: int
    height: int


def _jpeg(image: Image.Image, width: int) -> bytes:
    copy = image.copy()
    if copy.width > width:
        copy.thumbnail((width, width * 10), Image.Resampling.LANCZOS)
    if copy.mode not in ("RGB", "L"):
        copy = copy.convert("RGB")
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=82, optimize=True, progressive=True)  # no exif=: no metadata
    return out.getvalue()


def web_images(upload, *, field: str = "image") -> WebImage:
    """The upload checked as an image and its web sizes; ``ValidationError({field: …})`` if it is not
    one Pillow can read (the extension and size are checked before, by ``core.attachments.check``)."""
    name = getattr(upload, "name", "") or ""
    upload.seek(0)
    raw = upload.read()
    try:
        probe = Image.open(io.BytesIO(raw))
        probe.verify()
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            {field: _("Tệp '%(name)s' không phải là ảnh đọc được.") % {"name": name}}
        ) from None
    if image.format not in ("JPEG", "PNG"):
        raise ValidationError({field: _("Tệp '%(name)s': chỉ nhận ảnh JPG hoặc PNG.") % {"name": name}})
    original, ext = raw, ("jpg" if image.format == "JPEG" else "png")
    exif = image.getexif()
    if GPS_IFD in exif:
        del exif[GPS_IFD]
        out = io.BytesIO()
        if image.format == "JPEG":
            image.save(out, "JPEG", quality="keep", exif=exif.tobytes())
        else:
            image.save(out, "PNG", exif=exif.tobytes())
        original = out.getvalue()
    upright = ImageOps.exif_transpose(image)
    return WebImage(
        original=original,
        original_ext=ext,
        web=_jpeg(upright, WEB_WIDTH),
        thumb=_jpeg(upright, THUMB_WIDTH),
        width=min(upright.width, WEB_WIDTH),
        height=round(upright.height * min(1, WEB_WIDTH / upright.width)),
    )
