"""Forms of the fund drives pages: the list's filters (query string), launching a drive, one
contribution, the grid of a unit's CĐCS. The services judge; a form only reads what was typed
(dd/mm/yyyy dates, amounts as ``core.money`` reads them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import DateField, StyledForm, offer_valid_on
from congdoan.core.money import VndField
from congdoan.core.periods import MAX_YEAR, MIN_YEAR, AsOfField, Period, QueryPeriodMixin
from congdoan.documents.models import Document
from congdoan.documents.models import Status as DocumentStatus
from congdoan.documents.selectors import documents_in_scope
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.fields import UnitPickerField

from .models import ContributorKind, Fund
from .permissions import MANAGE, VIEW
from .selectors import DriveFilters


class DriveFilterForm(QueryPeriodMixin, StyledForm):
    """The list's filters from the query string; the period in any spelling (``year``, ``nam``, ``ky``,
    ``tu``/``den``: ``core.periods.QueryPeriodMixin``)."""

    unit = UnitPickerField(
        perm=VIEW, label=_("Đơn vị"), required=False, empty_label=_("Tất cả đơn vị trong phạm vi")
    )
    fund = forms.ModelChoiceField(
        label=_("Quỹ"), required=False, queryset=Fund.objects.all(), empty_label=_("Tất cả")
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"].actor = actor

    def to_filters(self) -> DriveFilters:
        self.is_valid()
        d = self.cleaned_data
        return DriveFilters(unit=d.get("unit"), fund=d.get("fund"), period=self.period)

    def query(self) -> dict[str, str]:
        self.is_valid()
        values = {k: getattr(v, "pk", v) for k, v in self.cleaned_data.items() if k != "period"}
        return {**{k: str(v) for k, v in values.items() if v not in (None, "")}, **self.period_query()}


class ContributionFilterForm(QueryPeriodMixin, StyledForm):
    """The contributions of every drive (``selectors.contributions_given``): the unit's subtree, the
    period (``year``, ``ky``, ``tu``/``den``; this year by default), ``as_of`` (today by default) and
    the fund (its code): what a figure ``funds.*`` leads to."""

    unit = UnitPickerField(
        perm=VIEW,
        label=_("Đơn vị"),
        required=False,
        empty_label=_("Tất cả đơn vị trong phạm vi"),
        closed=True,
    )
    fund = forms.ModelChoiceField(
        label=_("Quỹ"),
        required=False,
        queryset=Fund.objects.all(),
        empty_label=_("Tất cả"),
        to_field_name="code",
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    as_of = AsOfField()

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"].actor = actor

    def filters(self) -> dict:
        """``contributions_given``'s arguments (``{}`` when a filter is wrong: the errors are shown)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        period = self.period or Period.year(today().year)
        return {
            "unit": d.get("unit"),
            "fund": d.get("fund"),
            "period": period,
            "as_of": d.get("as_of") or today(),
        }


class DriveForm(StyledForm):
    fund = forms.ModelChoiceField(label=_("Quỹ"), queryset=Fund.objects.none())
    name = forms.CharField(label=_("Tên đợt vận động"), max_length=255)
    starts_on = DateField(label=_("Ngày bắt đầu"))
    ends_on = DateField(label=_("Ngày kết thúc"))
    document = forms.ModelChoiceField(
        label=_("Văn bản phát động"), required=False, queryset=Document.objects.none()
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị phát động"))
        offer_valid_on(self, "fund", Fund.objects.order_by("order", "name"), "starts_on")
        self.fields["document"].queryset = (
            documents_in_scope(actor=actor).filter(status=DocumentStatus.ISSUED).order_by("-year", "-number")
        )
        self.order_fields(["unit", *[name for name in self.fields if name != "unit"]])
        self.style()


class ContributionForm(StyledForm):
    kind = forms.ChoiceField(label=_("Người ủng hộ là"), choices=ContributorKind.choices)
    card = forms.CharField(
        label=_("Số thẻ đoàn viên"),
        required=False,
        max_length=30,
        help_text=_("Khi người ủng hộ là đoàn viên."),
    )
    contributor_name = forms.CharField(
        label=_("Họ tên người ủng hộ"),
        required=False,
        max_length=255,
        help_text=_("Khi người ủng hộ là cá nhân ngoài công đoàn."),
    )
    amount = VndField(label=_("Số tiền (đồng)"))
    contributed_on = DateField(label=_("Ngày ủng hộ"))
    receipt_no = forms.CharField(label=_("Số biên nhận"), max_length=30)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.actor = actor
        self.fields["unit"] = UnitPickerField(
            perm=MANAGE,
            actor=actor,
            label=_("Đơn vị thu (đơn vị ủng hộ, nếu là tập thể)"),
        )
        self.order_fields(["kind", "unit", *[n for n in self.fields if n not in ("kind", "unit")]])
        self.style()

    def clean(self):
        d = super().clean()
        card = d.get("card")
        d["person"] = None
        if d.get("kind") == ContributorKind.MEMBER:
            person = members_in_scope(actor=self.actor).filter(card_number=card).first() if card else None
            if person is None:
                self.add_error("card", _("Không tìm thấy đoàn viên có số thẻ này trong phạm vi của bạn."))
            d["person"] = person
        return d

    def values(self) -> dict:
        """The service's keyword arguments."""
        d = dict(self.cleaned_data)
        d.pop("card", None)
        if d["kind"] == ContributorKind.UNIT:
            d["contributor_unit"] = d["unit"]
        return d


class GridForm(StyledForm):
    """One row per CĐCS: amount and receipt number; one date for all."""

    contributed_on = DateField(label=_("Ngày ủng hộ"))

    def __init__(self, data=None, *, units=(), **kwargs):
        super().__init__(data, **kwargs)
        self.units = list(units)
        for v in self.units:
            self.fields[f"amount_{v.unit_id}"] = VndField(label=v.name, required=False)
            self.fields[f"receipt_{v.unit_id}"] = forms.CharField(
                label=_("Số biên nhận"), required=False, max_length=30
            )
        self.style()

    def rows(self):
        """(unit version, amount field, receipt field) per CĐCS, for the template."""
        return [(v, self[f"amount_{v.unit_id}"], self[f"receipt_{v.unit_id}"]) for v in self.units]
