"""Forms of the welfare pages: filters read from the query string, and one form per write. Amounts are
``core.money.VndField`` (typed as officers write them); the services judge the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.forms import DateField, StyledForm, offer_valid_on
from congdoan.core.money import VndField
from congdoan.core.periods import MAX_YEAR, MIN_YEAR, AsOfField, QueryPeriodMixin
from congdoan.documents.models import Document
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.fields import UnitPickerField
from congdoan.plans.models import Gift

from . import selectors
from .models import HOUSE_KIND, House, HouseKind, Programme, ProgrammeKind, Source, SupportKind
from .permissions import MANAGE, VIEW

ANY = [("", _("Tất cả"))]


def _year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


def _note() -> forms.CharField:
    return forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FilterForm(QueryPeriodMixin, StyledForm):
    """A list's filters from the query string (invalid ones are left out and shown); the period in any
    spelling (``year``, ``nam``, ``ky``, ``tu``/``den``: ``core.periods.QueryPeriodMixin``)."""

    unit = UnitPickerField(
        perm=VIEW, label=_("Đơn vị"), required=False, empty_label=_("Tất cả đơn vị trong phạm vi")
    )
    year = _year_field(required=False)
    as_of = AsOfField()

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"].actor = actor

    def values(self) -> dict:
        self.is_valid()
        return self.cleaned_data

    def query(self) -> dict[str, str]:
        values = {k: getattr(v, "pk", v) for k, v in self.values().items() if k != "period"}
        return {**{k: str(v) for k, v in values.items() if v not in (None, "")}, **self.period_query()}


class CaseFilterForm(FilterForm):
    kind = forms.ModelChoiceField(
        label=_("Loại hỗ trợ"), required=False, queryset=SupportKind.objects.all(), empty_label=_("Tất cả")
    )
    source = forms.ChoiceField(label=_("Nguồn kinh phí"), required=False, choices=[*ANY, *Source.choices])
    # ``welfare.amount``'s records: the gifts of programmes listed under the cases (``gift_items_given``).
    gifts = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def to_filters(self, *, houses: bool = False) -> selectors.CaseFilters:
        d = self.values()
        return selectors.CaseFilters(
            unit=d.get("unit"),
            period=self.period,
            kind=d.get("kind"),
            source=d.get("source") or "",
            houses=houses,
            as_of=d.get("as_of"),
        )


class ProgrammeFilterForm(FilterForm):
    def to_filters(self) -> selectors.ProgrammeFilters:
        d = self.values()
        return selectors.ProgrammeFilters(unit=d.get("unit"), period=self.period)


class TotalsForm(QueryPeriodMixin, StyledForm):
    """The unit and period of the totals: a year (``year`` or ``nam``) or any period (``ky``,
    ``tu``/``den``)."""

    unit = UnitPickerField(perm=VIEW, label=_("Đơn vị"), required=False)
    year = _year_field(required=False)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"].actor = actor


class PersonField(forms.IntegerField):
    """A member of the register by id (the candidates list fills it), resolved within the actor's
    ``members.view`` reach: anyone else is 'not found', never named."""

    def __init__(self, *, actor=None, **kwargs):
        self.actor = actor
        super().__init__(min_value=1, **kwargs)

    def clean(self, value):
        pk = super().clean(value)
        if pk is None:
            return None
        person = members_in_scope(actor=self.actor).filter(pk=pk).first()
        if person is None:
            raise forms.ValidationError(
                _("Mã số đoàn viên %(id)s không có trong phạm vi của bạn."), params={"id": pk}
            )
        return person


class _SupportForm(StyledForm):
    """What a case and a house share: the deciding unit, the person or the name, the amount and source."""

    person = PersonField(
        label=_("Mã số đoàn viên"),
        required=False,
        help_text=_("Chọn từ danh sách đề xuất, hoặc để trống và ghi tên người nhận ngoài công đoàn."),
    )
    beneficiary_name = forms.CharField(label=_("Người nhận"), required=False, max_length=150)
    amount = VndField(label=_("Số tiền (đồng)"))
    source = forms.ChoiceField(label=_("Nguồn kinh phí"), choices=Source.choices)
    source_name = forms.CharField(
        label=_("Tên quỹ, cuộc vận động, nhà tài trợ"), required=False, max_length=300
    )
    decided_on = DateField(label=_("Ngày hỗ trợ"))
    note = _note()

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị quyết định"))
        self.fields["person"].actor = actor
        self.fields["programme"] = forms.ModelChoiceField(
            label=_("Chương trình"),
            required=False,
            queryset=Programme.objects.filter(unit_id__in=selectors.unit_ids_in_reach(actor, MANAGE)),
        )
        self.fields["drive"] = forms.ModelChoiceField(
            label=_("Cuộc vận động chi trả"),
            required=False,
            queryset=selectors.drive_choices(actor=actor),
            help_text=_("Khi nguồn kinh phí là quỹ, cuộc vận động: đợt vận động đã chi khoản này."),
        )
        order = ["unit", "programme"]
        rest = [n for n in self.fields if n not in (*order, "drive")]
        rest.insert(rest.index("source_name") + 1, "drive")
        self.order_fields([*order, *rest])
        self.style()


class CaseForm(_SupportForm):
    kind = forms.ModelChoiceField(
        label=_("Loại hỗ trợ"), queryset=SupportKind.objects.exclude(code=HOUSE_KIND)
    )
    relation = forms.CharField(
        label=_("Quan hệ với đoàn viên"),
        required=False,
        max_length=60,
        help_text=_("Khi hỗ trợ người thân của đoàn viên: vợ, chồng, con, bố, mẹ…"),
    )
    confirm_repeat = forms.BooleanField(
        label=_("Vẫn ghi dù người này đã được hỗ trợ trong chương trình"), required=False
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # the kinds in force on the day of the support (SupportKind's validity)
        offer_valid_on(self, "kind", SupportKind.objects.exclude(code=HOUSE_KIND), "decided_on")


class HouseForm(_SupportForm):
    house_kind = forms.ModelChoiceField(label=_("Loại nhà"), queryset=HouseKind.objects.all())
    work = forms.ChoiceField(label=_("Xây mới hay sửa chữa"), choices=House.Work.choices)
    location = forms.CharField(label=_("Địa điểm"), max_length=300)
    contributors = forms.CharField(
        label=_("Đơn vị, cá nhân đóng góp"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    handed_over_on = DateField(label=_("Ngày bàn giao"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        offer_valid_on(self, "house_kind", HouseKind.objects.all(), "decided_on")


class ProgrammeForm(StyledForm):
    kind = forms.ModelChoiceField(label=_("Loại chương trình"), queryset=ProgrammeKind.objects.all())
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    starts_on = DateField(label=_("Từ ngày"))
    ends_on = DateField(label=_("Đến ngày"), required=False)
    note = _note()

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị tổ chức"))
        self.fields["mission"] = forms.ModelChoiceField(
            label=_("Đoàn khảo sát đi cùng"), required=False, queryset=selectors.mission_choices(actor=actor)
        )
        self.order_fields(["unit", "kind", "title", "starts_on", "ends_on", "mission", "note"])
        self.style()


class GiftItemForm(StyledForm):
    survey_gift = forms.ModelChoiceField(
        label=_("Quà đoàn khảo sát đã ghi"),
        required=False,
        queryset=Gift.objects.none(),
        help_text=_("Chọn để dùng đúng số suất và trị giá đoàn khảo sát đã ghi."),
    )
    kind = forms.ModelChoiceField(
        label=_("Loại hỗ trợ"), queryset=SupportKind.objects.exclude(code=HOUSE_KIND)
    )
    description = forms.CharField(label=_("Quà, khoản hỗ trợ"), required=False, max_length=300)
    count = forms.IntegerField(label=_("Số suất"), required=False, min_value=1)
    unit_value = VndField(label=_("Trị giá mỗi suất (đồng)"), required=False)
    given_on = DateField(label=_("Ngày trao"))
    source = forms.ChoiceField(label=_("Nguồn kinh phí"), choices=Source.choices)
    source_name = forms.CharField(
        label=_("Tên quỹ, cuộc vận động, nhà tài trợ"), required=False, max_length=300
    )

    def __init__(self, data=None, *, gifts=None, **kwargs):
        super().__init__(data, prefix="item", **kwargs)
        self.fields["survey_gift"].queryset = gifts if gifts is not None else Gift.objects.none()
        offer_valid_on(self, "kind", SupportKind.objects.exclude(code=HOUSE_KIND), "given_on")


class DecisionForm(StyledForm):
    document = forms.ModelChoiceField(
        label=_("Quyết định (văn bản đã ban hành)"), queryset=Document.objects.none()
    )

    def __init__(self, data=None, *, choices=None, **kwargs):
        super().__init__(data, prefix="doc", **kwargs)
        if choices is not None:
            self.fields["document"].queryset = choices
