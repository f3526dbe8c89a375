"""The editor's markup and the sanitiser: every tag and attribute the officers' editor (Quill 2 through
portal/editor.js) writes survives ``content.sanitise`` unchanged, and nothing else does; an image in
a body is one uploaded to the same article, shown to officers through the preview before publishing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.models import AuditEntry

from ..content import image_ids, preview_body, refused_markup, sanitise
from ..models import Article
from ..services import article_update, image_add
from .factories import draft, image_file

pytestmark = pytest.mark.django_db

# What editor.js posts for each button of its toolbar (Quill's semantic HTML, links without target/rel).
EDITOR_OUTPUT = (
    "<h2>Hội nghị tổng kết</h2><h3>Kết quả</h3><h4>Chi tiết</h4>"
    "<p><strong>đậm</strong> <em>nghiêng</em> <u>gạch dưới</u> <s>gạch ngang</s> H<sub>2</sub>O m<sup>2</sup></p>"
    "<ol><li>một</li><li>hai</li></ol><ul><li>ba</li></ul>"
    "<blockquote>Trích lời đồng chí Chủ tịch.</blockquote>"
    '<p><a href="https://congdoan.vn/tin">liên kết</a> <a href="mailto:vp@congdoan.vn">thư</a></p>'
    '<p><img src="/tin-tuc/anh/12/web.jpg" alt="Quang cảnh hội nghị"></p><p></p>'
)


def test_every_tag_the_editor_writes_survives():
    assert refused_markup(EDITOR_OUTPUT) is None
    kept = sanitise(EDITOR_OUTPUT)
    assert kept == EDITOR_OUTPUT.replace(
        '<a href="https://congdoan.vn/tin">', '<a href="https://congdoan.vn/tin" rel="noopener noreferrer">'
    ).replace(
        '<a href="mailto:vp@congdoan.vn">', '<a href="mailto:vp@congdoan.vn" rel="noopener noreferrer">'
    )
    # Stored bodies carry the rel the sanitiser wrote: posting them again (textarea without JavaScript)
    # is not refused, and gives the same body.
    assert refused_markup(kept) is None and sanitise(kept) == kept


@pytest.mark.parametrize(
    ("body", "part"),
    [
        ('<p><img src="https://evil.example/x.jpg" alt="x"></p>', '<img src="https://evil.example/x.jpg">'),
        ('<p><img src="data:image/png;base64,AAAA"></p>', '<img src="data:image/png;base64,AAAA">'),
        ('<p><img src="/tin-tuc/anh/3/web.jpg" onerror="x()"></p>', "<img onerror>"),
        ('<p><img src="/tin-tuc/anh/3/nho.jpg"></p>', '<img src="/tin-tuc/anh/3/nho.jpg">'),
        ('<p><a href="https://x.vn" target="_blank">x</a></p>', "<a target>"),
        ('<p class="ql-align-center">x</p>', "<p class>"),
        ('<ol><li data-list="bullet">x</li></ol>', "<li data-list>"),
        ("<h1>x</h1>", "<h1>"),
        ("<pre>x</pre>", "<pre>"),
        ('<p><span style="color: red">x</span></p>', "<span>"),
    ],
)
def test_what_the_editor_never_writes_is_refused(body, part):
    assert refused_markup(body) == part


def test_the_sanitiser_drops_a_foreign_image_address():
    assert sanitise('<img src="https://evil.example/x.jpg" alt="a">') == '<img alt="a">'
    assert sanitise('<img src="/tin-tuc/anh/7/web.jpg" width="9">') == '<img src="/tin-tuc/anh/7/web.jpg">'


def test_image_ids_and_the_officers_preview():
    assert image_ids(
        EDITOR_OUTPUT + '<img src="/tin-tuc/anh/5/web.jpg"><img src="/tin-tuc/anh/12/web.jpg">'
    ) == [
        12,
        5,
    ]
    preview = preview_body(sanitise(EDITOR_OUTPUT))
    assert f'src="{reverse("portal:image_preview", args=[12])}"' in preview
    assert "/tin-tuc/anh/" not in preview


def test_a_body_shows_only_the_articles_own_images(tree, officer_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    mine = draft(tree.a, officer_a)
    other = draft(tree.a, officer_a, title="Tin khác")
    own = image_add(actor=officer_a, article=mine, upload=image_file(), caption="Ảnh của bài")
    foreign = image_add(actor=officer_a, article=other, upload=image_file(), caption="Ảnh bài khác")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        article_update(
            actor=officer_a,
            article=mine,
            body=f'<p>x</p><p><img src="/tin-tuc/anh/{foreign.pk}/web.jpg"></p>',
        )
    assert f"ảnh số {foreign.pk}" in caught.value.message_dict["body"][0]
    assert AuditEntry.objects.count() == before
    body = f'<p>x</p><p><img src="/tin-tuc/anh/{own.pk}/web.jpg" alt="Ảnh của bài"></p>'
    article_update(actor=officer_a, article=mine, body=body)
    assert Article.objects.get(pk=mine.pk).body == body
    with pytest.raises(ValidationError):  # a new article has no image yet
        draft(tree.a, officer_a, title="Tin mới", body=body)
