"""Forms of the officers' pages. They read what was typed; the services judge."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdoan.core import figures
from congdoan.core.forms import DateField, StyledForm
from congdoan.core.periods import MAX_YEAR, MIN_YEAR
from congdoan.organizations.fields import UnitPickerField

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
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("HTML đơn giản: đoạn văn, chữ đậm/nghiêng, danh sách, bảng, liên kết http/https."),
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
        label=_("Số liệu hiển thị"), required=False, choices=_figure_choices
    )

    def __init__(self, data=None, *, actor, article: Article | None = None, **kwargs):
        if article is not None and data is None:
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
            }
        super().__init__(data, **kwargs)
        self.fields["unit"].actor = actor
        self.fields["figures_unit"].actor = actor
        if article is not None:
            self.fields["unit"].disabled = True

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
        }
        if "unit" in d and not self.fields["unit"].disabled:
            out["unit"] = d["unit"]
        return out


class ImageForm(StyledForm):
    image = forms.FileField(label=_("Ảnh (JPG, PNG)"))
    caption = forms.CharField(label=_("Chú thích ảnh"), required=False, max_length=300)


class StepForm(StyledForm):
    step = forms.CharField(max_length=32)
    reason = forms.CharField(required=False, max_length=2000)
