"""Forms of the document register: the register's filters, a draft, an incoming document, issuing,
cancelling, attachments and a unit's Word template."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import DateField, StyledForm
from congdoan.organizations.fields import UnitPickerField

from .models import Direction, DocumentKind, Status
from .permissions import MANAGE, VIEW
from .selectors import SORTS, DocumentFilters

ANY = [("", _("Tất cả"))]


def _kind_field(required: bool = True, **kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Loại văn bản"),
        queryset=DocumentKind.objects.all(),
        required=required,
        empty_label=_("Tất cả") if not required else "---------",
        **kwargs,
    )


class RegisterFilterForm(StyledForm):
    """The register's search and filters, read from the query string (shareable links)."""

    direction = forms.ChoiceField(label=_("Sổ"), required=False, choices=Direction.choices)
    unit = UnitPickerField(
        perm=VIEW, label=_("Đơn vị"), required=False, empty_label=_("Tất cả đơn vị trong phạm vi")
    )
    descendants = forms.BooleanField(label=_("Gồm đơn vị trực thuộc"), required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, validators=[MinValueValidator(1945)])
    kind = _kind_field(required=False)
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=64)
    date_from = DateField(label=_("Từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)
    signer = forms.CharField(label=_("Người ký"), required=False, max_length=120)
    q = forms.CharField(label=_("Trích yếu"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Tình trạng"), required=False, choices=[*ANY, *Status.choices])
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in SORTS], widget=forms.HiddenInput)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data if data else {"direction": Direction.OUTGOING, "year": today().year}, **kwargs)
        self.fields["year"].validators.append(MaxValueValidator(today().year + 1))
        self.fields["unit"].actor = actor
        self.style()

    def clean(self):
        d = super().clean()
        if d.get("date_from") and d.get("date_to") and d["date_to"] < d["date_from"]:
            self.add_error("date_to", _("Đến ngày phải sau hoặc bằng từ ngày."))
        return d

    def to_filters(self) -> DocumentFilters:
        """The valid filters; invalid ones are left out (and stay in ``errors``)."""
        self.is_valid()
        d = self.cleaned_data
        return DocumentFilters(
            unit=d.get("unit"),
            descendants=bool(d.get("descendants")),
            direction=d.get("direction") or "",
            year=d.get("year"),
            kind=d.get("kind"),
            number=d.get("number") or "",
            date_from=d.get("date_from"),
            date_to=d.get("date_to"),
            signer=d.get("signer") or "",
            q=d.get("q") or "",
            status=d.get("status") or "",
            sort=d.get("sort") or "-number",
        )


OUTGOING_FIELDS = (
    "title",
    "place",
    "signed_on",
    "signer_name",
    "signer_position",
    "signing_authority",
    "recipients",
    "body",
)
INCOMING_FIELDS = ("title", "sender", "sender_number", "sender_date", "received_on", "handler", "body")


def _text_fields() -> dict[str, forms.Field]:
    return {
        "title": forms.CharField(label=_("Trích yếu"), max_length=500),
        "place": forms.CharField(label=_("Địa danh"), max_length=120, required=False),
        "signed_on": DateField(label=_("Ngày ký"), required=False),
        "signer_name": forms.CharField(label=_("Người ký"), max_length=120, required=False),
        "signer_position": forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False),
        "signing_authority": forms.CharField(
            label=_("Thẩm quyền ký"),
            max_length=120,
            required=False,
            help_text=_("Ví dụ: TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH."),
        ),
        "recipients": forms.CharField(
            label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 4})
        ),
        "body": forms.CharField(
            label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 10})
        ),
        "sender": forms.CharField(label=_("Cơ quan gửi"), max_length=255),
        "sender_number": forms.CharField(
            label=_("Số, ký hiệu của văn bản đến"), max_length=64, required=False
        ),
        "sender_date": DateField(label=_("Ngày của văn bản đến"), required=False),
        "received_on": DateField(label=_("Ngày đến")),
        "handler": forms.CharField(label=_("Người xử lý"), max_length=120, required=False),
    }


class DocumentForm(StyledForm):
    """A draft (``document`` None: a new one, with its unit) or the change of a document: outgoing
    fields, or incoming ones (``incoming``)."""

    def __init__(self, data=None, *, actor, document=None, incoming: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        incoming = incoming or (document is not None and not document.is_outgoing)
        if document is None:
            self.fields["unit"] = UnitPickerField(
                perm=MANAGE, actor=actor, label=_("Đơn vị nhận") if incoming else _("Đơn vị ban hành")
            )
            offered = self.fields["unit"].options(limit=2)
            if len(offered) == 1:
                self.fields["unit"].initial = offered[0].unit_id
        if document is None or document.number is None:
            self.fields["kind"] = _kind_field()
        available = _text_fields()
        for name in INCOMING_FIELDS if incoming else OUTGOING_FIELDS:
            self.fields[name] = available[name]
        if incoming and document is None:
            self.fields["received_on"].initial = today()
            self.fields["number"] = forms.IntegerField(
                label=_("Số đến"),
                required=False,
                min_value=1,
                help_text=_("Để trống để lấy số tiếp theo của sổ văn bản đến."),
            )
        if document is not None:
            for name in self.fields:
                if hasattr(document, name):
                    self.fields[name].initial = getattr(document, name)
            if document.number is not None:
                self.fields.pop("signed_on", None)
                self.fields.pop("received_on", None)
        self.style()

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("unit", "number")}

    def changes(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.changed_data if k not in ("unit", "number")}


class IssueForm(StyledForm):
    signed_on = DateField(label=_("Ngày ký"))
    number = forms.IntegerField(
        label=_("Số văn bản"),
        required=False,
        min_value=1,
        help_text=_(
            "Để trống để lấy số tiếp theo. Chỉ ghi số khi vào sổ văn bản đã ban hành trước đây (số chưa dùng)."
        ),
    )

    def __init__(self, data=None, *, document=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["signed_on"].initial = (document and document.signed_on) or today()
        self.style()


class CancelForm(StyledForm):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(StyledForm):
    file = forms.FileField(label=_("Tệp đính kèm"))


class TemplateForm(StyledForm):
    unit = UnitPickerField(perm=MANAGE, label=_("Đơn vị"))
    kind = _kind_field(required=False)
    file = forms.FileField(label=_("Tệp mẫu (.docx)"))

    def __init__(self, data=None, files=None, *, actor, **kwargs):
        super().__init__(data, files, **kwargs)
        self.fields["unit"].actor = actor
        self.fields["kind"].empty_label = _("Mọi loại văn bản")
        self.style()


class SymbolForm(StyledForm):
    unit = UnitPickerField(perm=MANAGE, label=_("Đơn vị"))
    symbol = forms.CharField(
        label=_("Ký hiệu đơn vị ban hành"), max_length=32, help_text=_("Ví dụ: CĐVC, LĐLĐ, CĐCS.")
    )
    valid_from = DateField(label=_("Dùng từ ngày"))

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].actor = actor
        self.fields["valid_from"].initial = today()
        self.style()
