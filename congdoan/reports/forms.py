"""The reports' forms: the scope of a page (unit, period, as of), the officer's narrative per
section, the issue of a signed report, the comparison's choice of section and level."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import CharField, DateField, StyledForm, TextField
from congdoan.core.periods import Period, parse_year, period_started
from congdoan.organizations.fields import UnitPickerField

from . import definitions
from .permissions import VIEW


class ScopeForm(StyledForm):
    """Unit (default: the actor's), period (``ky`` or ``tu``/``den``, default this year) and the date
    the figures are read at (``as_of``, default the period's end or today). ``period`` after
    ``is_valid()``."""

    ky = CharField(
        label=_("Kỳ"),
        required=False,
        max_length=10,
        help_text=_("Ví dụ: 2025 (cả năm), 2025-h1 (6 tháng đầu năm), 2025-q3 (quý III)."),
    )
    tu = DateField(label=_("Từ ngày"), required=False)
    den = DateField(label=_("Đến ngày"), required=False)
    as_of = DateField(label=_("Số liệu đến ngày"), required=False)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"] = UnitPickerField(
            perm=VIEW, actor=actor, label=_("Đơn vị"), required=False, closed=True
        )
        self.order_fields(["unit", "ky", "tu", "den", "as_of"])
        self.style()
        self.period: Period | None = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        query = {
            "ky": data.get("ky") or "",
            "tu": data["tu"].isoformat() if data.get("tu") else "",
            "den": data["den"].isoformat() if data.get("den") else "",
        }
        try:
            period = Period.from_query(query, Period.year(today().year))
            self.period = period_started(period, field="ky" if query["ky"] else "tu")
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        data["period"] = self.period
        return data


class YearForm(StyledForm):
    """A report of a year: the unit and the year (default this year; ``core.periods.parse_year``:
    digits, 1900–2100, not after this year, the message on ``nam``)."""

    nam = CharField(label=_("Năm"), required=False, max_length=8)
    as_of = DateField(label=_("Số liệu đến ngày"), required=False)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"] = UnitPickerField(
            perm=VIEW, actor=actor, label=_("Đơn vị"), required=False, closed=True
        )
        self.order_fields(["unit", "nam", "as_of"])
        self.style()

    def clean_nam(self) -> int | None:
        raw = self.cleaned_data.get("nam")
        if not raw:
            return None
        try:
            return parse_year(raw, field="nam")
        except ValidationError as error:
            raise ValidationError(error.message_dict["nam"]) from None


class ComparisonForm(ScopeForm):
    section = forms.ChoiceField(label=_("Nội dung so sánh"), required=False)
    depth = forms.TypedChoiceField(
        label=_("Cấp đơn vị"),
        required=False,
        coerce=int,
        choices=[(1, _("Trực thuộc trực tiếp")), (2, _("Cấp dưới nữa")), (3, _("Cấp thứ ba"))],
    )

    block = forms.TypedChoiceField(
        label=_("Hoặc các đơn vị của khối, cụm thi đua"), required=False, coerce=int
    )

    def __init__(self, data=None, *, actor, **kwargs):
        from congdoan.emulation.selectors import block_search

        super().__init__(data, actor=actor, **kwargs)
        self.fields["section"].choices = [(code, s.title) for code, s in definitions.COMPARABLE.items()]
        self.fields["block"].choices = [("", "—")] + [(b.pk, b.name) for b in block_search(actor=actor)]
        self.style()


class NarrativeForm(StyledForm):
    """One text box per section of the report."""

    def __init__(
        self,
        data=None,
        *,
        report: definitions.Report = definitions.YEAR_END,
        initial_texts: dict[str, str] | None = None,
        **kwargs,
    ):
        initial_texts = initial_texts or {}
        super().__init__(data, **kwargs)
        for section in report.sections:
            self.fields[section.code] = TextField(
                label=section.title,
                required=False,
                initial=initial_texts.get(section.code, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.style()


class IssueForm(StyledForm):
    signed_on = DateField(label=_("Ngày ký"))
    signer_name = CharField(label=_("Người ký"), max_length=200)
    signer_position = CharField(label=_("Chức vụ người ký"), max_length=200)
    place = CharField(label=_("Địa danh"), max_length=100, required=False)
    recipients = TextField(label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, prefix="issue", **kwargs)
