"""Forms of the officers' pages. They read what was typed; the services judge."""

import datetime as dt
import json

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdoan.core import figures
from congdoan.core.forms import DateField, StyledForm
from congdoan.core.periods import MAX_YEAR, MIN_YEAR
from congdoan.organizations.fields import UnitPickerField

from . import selectors
from .models import SLUG_MAX, SUMMARY_MAX, TITLE_MAX, Article, Category
from .permissions import VIEW, WRITE
from .selectors import ArticleFilters

TIME_FORMAT = "%H:%M"


class ArticleFilterForm(StyledForm):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Article.State.choices]
    )
    category = forms.ModelChoiceField(
        label=_("Chuyên mục"), required=False, queryset=Category.objects.all(), empty_label=_("Tất cả")
    )

    def to_filters(self) -> ArticleFilters:
        self.is_valid()
        d = self.cleaned_data
        return ArticleFilters(state=d.get("state") or "", q=d.get("q") or "", category=d.get("category"))

    def query(self) -> dict[str, str]:
        self.is_valid()
        values = {k: getattr(v, "pk", v) for k, v in self.cleaned_data.items()}
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _figure_choices():
    return [(f.name, f"{f.label} ({f.name})") for f in figures.catalogue()]


class LinkPicker(forms.Widget):
    """The records chosen (each a hidden ``<name>`` input with its label and a remove button) and a
    search by kind and words, filled through HTMX from ``portal:link_choices``
    (``selectors.link_choices``); portal/article_form.js adds and removes the chosen ones."""

    template_name = "portal/widgets/link_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.field = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.field
        actor = field.actor if field is not None else None
        keys = [getattr(v, "key", v) for v in (value or [])]
        context["widget"].update(
            {
                "chosen": selectors.link_records(actor=actor, keys=keys, strict=False)[1] if actor else [],
                "kinds": selectors.link_kinds(actor=actor) if actor else [],
                "url": reverse("portal:link_choices"),
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False


class LinkPickerField(forms.Field):
    """Records of models registered with ``documents.links``, posted as ``"<kind>:<id>"``; ``clean``
    gives the records, each looked up in the actor's reach (``selectors.link_records``)."""

    widget = LinkPicker
    default_error_messages = {
        "out_of_reach": _("Bản ghi liên kết không có hoặc không thuộc phạm vi của bạn."),
    }

    def __init__(self, *, actor=None, **kwargs):
        self.actor = actor
        super().__init__(**kwargs)
        self.widget.field = self

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    def to_python(self, value) -> list:
        keys = [str(v).strip() for v in (value or []) if str(v).strip()]
        if not keys:
            return []
        try:
            return selectors.link_records(actor=self.actor, keys=keys)[0]
        except Http404:
            raise forms.ValidationError(self.error_messages["out_of_reach"], code="out_of_reach") from None

    def prepare_value(self, value):
        if not value:
            return []
        return [v if isinstance(v, str) else f"{v._meta.label_lower}:{v.pk}" for v in value]


class FigurePicker(forms.CheckboxSelectMultiple):
    """The figures box's figures: the catalogue's figures the actor reads for the unit and year chosen,
    each with its value now, loaded through HTMX from ``portal:figure_choices``
    (``selectors.figure_choices``); before that, the chosen ones only."""

    template_name = "portal/widgets/figure_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.lines = None  # set by the form when the unit and year are known

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = [str(v) for v in (value or [])]
        if self.lines is None:
            known = {n for n, _label in _figure_choices()}
            lines = [
                selectors.FigureLine(str(figures.get(n).label), None, figures.get(n).measure, n)
                for n in chosen
                if n in known
            ] or None
        else:
            lines = self.lines
        context["widget"].update(
            {
                "lines": lines,
                "chosen": chosen,
                "url": reverse("portal:figure_choices"),
                "loaded": self.lines is not None,
            }
        )
        return context


# The rich-text editor (Quill, vendor/quill, started by portal/editor.js): its words, as data attributes
# of the body's textarea, so that the static script holds no text.
EDITOR_ATTRS = {
    "data-editor": "",
    "data-editor-heading": _("Tiêu đề mục"),
    "data-editor-subheading": _("Tiêu đề nhỏ"),
    "data-editor-bold": _("Chữ đậm"),
    "data-editor-italic": _("Chữ nghiêng"),
    "data-editor-underline": _("Gạch dưới"),
    "data-editor-strike": _("Gạch ngang"),
    "data-editor-ordered": _("Danh sách đánh số"),
    "data-editor-bullet": _("Danh sách gạch đầu dòng"),
    "data-editor-blockquote": _("Trích dẫn"),
    "data-editor-link": _("Liên kết"),
    "data-editor-image": _("Chèn ảnh đã tải lên"),
    "data-editor-clean": _("Bỏ định dạng"),
    "data-editor-enter-link": _("Địa chỉ liên kết:"),
    "data-editor-visit": _("Mở liên kết:"),
    "data-editor-edit": _("Sửa"),
    "data-editor-save": _("Lưu"),
    "data-editor-remove": _("Bỏ"),
    "data-editor-images-none": _(
        "Bài chưa có ảnh: lưu nháp, tải ảnh lên ở trang bài viết rồi sửa bài để chèn."
    ),
    "data-editor-kept": _("Nội dung có bảng hoặc hình kèm chú thích: sửa ở dạng HTML để không mất chúng."),
}


def editor_images(article: Article | None) -> str:
    """The article's uploaded images for the editor's image button, as JSON: each ``src`` (the public
    web size the body stores), ``preview`` (what officers can load before publishing) and ``alt``."""
    images = list(article.images.all()) if article is not None and article.pk else []
    return json.dumps(
        [
            {
                "src": reverse("portal_public:image", args=[i.pk, "web"]),
                "preview": reverse("portal:image_preview", args=[i.pk]),
                "alt": i.caption,
            }
            for i in images
        ],
        ensure_ascii=False,
    )


class ArticleForm(StyledForm):
    unit = UnitPickerField(perm=WRITE, label=_("Đơn vị đăng tin"))
    category = forms.ModelChoiceField(label=_("Chuyên mục"), queryset=Category.objects.all())
    title = forms.CharField(label=_("Tiêu đề"), max_length=TITLE_MAX)
    slug = forms.CharField(
        label=_("Đường dẫn"),
        required=False,
        max_length=SLUG_MAX,
        help_text=_("Để trống: lấy từ tiêu đề, bỏ dấu (ví dụ hoi-nghi-tong-ket-nam-2022)."),
    )
    summary = forms.CharField(
        label=_("Tóm tắt"), required=False, max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 14, **EDITOR_ATTRS}),
        help_text=_(
            "Trình soạn thảo: tiêu đề mục, chữ đậm/nghiêng, danh sách, trích dẫn, liên kết http/https và ảnh "
            "đã tải lên ở trang bài viết. Không có JavaScript: HTML đơn giản với các thẻ ấy."
        ),
    )
    byline = forms.CharField(
        label=_("Bút danh"),
        required=False,
        max_length=80,
        help_text=_("Để trống: chữ cái đầu họ tên của bạn."),
    )
    tags = forms.CharField(
        label=_("Từ khóa"), required=False, max_length=255, help_text=_("Cách nhau bằng dấu phẩy.")
    )
    publish_on = DateField(label=_("Ngày đăng (hẹn giờ)"), required=False)
    publish_time = forms.TimeField(
        label=_("Giờ đăng (GMT+7)"), required=False, input_formats=[TIME_FORMAT], help_text=_("Ví dụ 07:30.")
    )
    archived = forms.BooleanField(label=_("Bài của trang tin cũ (giữ ngày đăng ban đầu)"), required=False)
    figures_unit = UnitPickerField(perm=VIEW, label=_("Đơn vị của hộp số liệu"), required=False)
    figures_year = forms.IntegerField(
        label=_("Năm của hộp số liệu"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    figure_names = forms.MultipleChoiceField(
        label=_("Số liệu hiển thị"), required=False, choices=_figure_choices, widget=FigurePicker
    )
    links = LinkPickerField(
        label=_("Bản ghi mà tin phản ánh"),
        required=False,
        help_text=_("Chọn loại bản ghi, gõ vài chữ của tên hoặc năm, rồi bấm vào bản ghi để thêm."),
    )

    def __init__(self, data=None, *, actor, article: Article | None = None, **kwargs):
        if article is not None:  # the initial values draw the form; the disabled unit is read from them
            local = timezone.localtime(article.publish_at) if article.publish_at else None
            kwargs["initial"] = {
                "unit": article.unit_id,
                "category": article.category_id,
                "title": article.title,
                "slug": article.slug,
                "summary": article.summary,
                "body": article.body,
                "byline": article.byline,
                "tags": article.tags,
                "publish_on": local.date() if local else None,
                "publish_time": local.strftime(TIME_FORMAT) if local else None,
                "archived": article.archived,
                "figures_unit": article.figures_unit_id,
                "figures_year": article.figures_year,
                "figure_names": article.figure_list,
                "links": selectors.article_link_keys(article),
            }
        super().__init__(data, **kwargs)
        self.actor = actor
        self.fields["unit"].actor = actor
        self.fields["figures_unit"].actor = actor
        self.fields["links"].actor = actor
        if article is not None:
            self.fields["unit"].disabled = True
        self.fields["body"].widget.attrs["data-editor-images"] = editor_images(article)
        self._load_figures()

    def _load_figures(self) -> None:
        """The figure picker lists the figures readable for the unit and year already chosen."""
        unit_value = self["figures_unit"].value()
        year_value = self["figures_year"].value()
        unit = self.fields["figures_unit"].chosen(unit_value) if unit_value else None
        try:
            year = int(year_value) if year_value else None
        except (TypeError, ValueError):
            year = None
        if unit is not None and year and MIN_YEAR <= year <= MAX_YEAR:
            self.fields["figure_names"].widget.lines = selectors.figure_choices(
                actor=self.actor, unit_id=unit.unit_id, year=year
            )

    def clean(self):
        d = super().clean()
        on, at = d.get("publish_on"), d.get("publish_time")
        if on and at is None and not self.has_error("publish_time"):
            self.add_error("publish_time", _("Hãy nhập giờ đăng (giờ:phút)."))
        return d

    def arguments(self) -> dict:
        d = self.cleaned_data
        when = None
        if d.get("publish_on") and d.get("publish_time") is not None:
            when = timezone.make_aware(dt.datetime.combine(d["publish_on"], d["publish_time"]))
        out = {
            "category": d["category"],
            "title": d["title"],
            "slug": d.get("slug") or "",
            "summary": d.get("summary") or "",
            "body": d["body"],
            "byline": d.get("byline") or "",
            "tags": d.get("tags") or "",
            "publish_at": when,
            "archived": bool(d.get("archived")),
            "figures_unit": d.get("figures_unit"),
            "figures_year": d.get("figures_year"),
            "figure_names": list(d.get("figure_names") or []),
            "records": list(d.get("links") or []),
        }
        if "unit" in d and not self.fields["unit"].disabled:
            out["unit"] = d["unit"]
        return out


class FigurePickForm(StyledForm):
    """What the figure picker sends to ``portal:figure_choices``: the unit (in the actor's reach for
    ``portal.view``), the year, and the figures already ticked."""

    figures_unit = UnitPickerField(perm=VIEW, label=_("Đơn vị của hộp số liệu"), required=False)
    figures_year = forms.IntegerField(
        label=_("Năm của hộp số liệu"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    figure_names = forms.MultipleChoiceField(required=False, choices=_figure_choices)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["figures_unit"].actor = actor


class ImageForm(StyledForm):
    image = forms.FileField(label=_("Ảnh (JPG, PNG)"))
    caption = forms.CharField(label=_("Chú thích ảnh"), required=False, max_length=300)


class StepForm(StyledForm):
    step = forms.CharField(max_length=32)
    reason = forms.CharField(required=False, max_length=2000)
