"""Forms of the initiatives module. Field names are the services' error keys, so a service's error
lands on its field; unit pickers offer only the units the actor may use (the services check again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.forms import DateField, StyledForm
from congdoan.core.money import VndField
from congdoan.core.periods import AsOfField, QueryPeriodMixin
from congdoan.core.text import clean_identifier, clean_line
from congdoan.documents.models import Document
from congdoan.documents.selectors import documents_in_scope
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.fields import UnitPickerField

from .models import Initiative, InitiativeField, Round
from .permissions import MANAGE, REVIEW, VIEW
from .services import share_of

MAX_ROUNDS = 3


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={"invalid": _("Năm: hãy nhập một số, ví dụ 2022.")},
    )


def _document_field(actor, label) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        documents_in_scope(actor=actor).order_by("-signed_on", "-pk") if actor else Document.objects.none(),
        label=label,
        required=False,
        empty_label=_("(không chọn)"),
    )


def _round_field(rounds) -> forms.ModelChoiceField:
    """A round of the programmes the actor sees (``rounds``), or none."""
    field = forms.ModelChoiceField(
        Round.objects.filter(pk__in=[r.pk for r in rounds]).select_related("programme"),
        label=_("Đợt của chương trình"),
        required=False,
        empty_label=_("(không thuộc chương trình)"),
    )
    field.label_from_instance = lambda r: f"{r.programme.name} — {r}"
    return field


class _Filters(StyledForm):
    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class ProgrammeFilterForm(_Filters):
    q = forms.CharField(label=_("Tên chương trình"), required=False, max_length=100)
    year = _year_field()


class InitiativeFilterForm(QueryPeriodMixin, _Filters):
    """The list's filters; the unit's subtree, the period (``year``, ``ky``, ``tu``/``den``) and
    ``as_of`` are what a figure's records link gives (``selectors.initiative_search``)."""

    q = forms.CharField(label=_("Tên sáng kiến"), required=False, max_length=100)
    unit = UnitPickerField(perm=VIEW, label=_("Đơn vị"), required=False, empty_label=_("(tất cả)"))
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("(tất cả)")), *Initiative.State.choices]
    )
    year = _year_field()
    field = forms.ModelChoiceField(
        InitiativeField.objects.all(), label=_("Lĩnh vực"), required=False, empty_label=_("(tất cả)")
    )
    as_of = AsOfField()

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"].actor = actor

    def filters(self) -> dict:
        found = super().filters()
        if found.get("period") is not None:
            found.pop("year", None)  # the period says it (a year too)
        return found


class ProgrammeForm(StyledForm):
    name = forms.CharField(label=_("Tên chương trình"), max_length=500)
    starts_on = DateField(label=_("Ngày phát động"))
    ends_on = DateField(label=_("Ngày kết thúc"))
    goal = forms.IntegerField(label=_("Chỉ tiêu chung (số sáng kiến)"), required=False, min_value=1)
    description = forms.CharField(
        label=_("Nội dung"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị phát động"))
        for n in range(1, MAX_ROUNDS + 1):
            self.fields[f"round{n}_from"] = DateField(
                label=_("Đợt %(n)s từ ngày") % {"n": n}, required=n == 1
            )
            self.fields[f"round{n}_to"] = DateField(label=_("Đợt %(n)s đến ngày") % {"n": n}, required=n == 1)
        self.fields["plan_document"] = _document_field(actor, _("Văn bản kế hoạch phát động"))
        self.style()

    def clean(self):
        data = super().clean()
        for n in range(2, MAX_ROUNDS + 1):
            if bool(data.get(f"round{n}_from")) != bool(data.get(f"round{n}_to")):
                self.add_error(f"round{n}_to", _("Đợt %(n)s: hãy nhập cả hai ngày.") % {"n": n})
        return data

    def arguments(self) -> dict:
        d = dict(self.cleaned_data)
        rounds = []
        for n in range(1, MAX_ROUNDS + 1):
            first, last = d.pop(f"round{n}_from", None), d.pop(f"round{n}_to", None)
            if first and last:
                rounds.append((first, last))
        return {**d, "rounds": rounds}


class TargetForm(StyledForm):
    count = forms.IntegerField(label=_("Chỉ tiêu (số sáng kiến)"), min_value=1, max_value=10_000_000)
    over_allocated = forms.BooleanField(label=_("Giao vượt số được nhận (ghi lý do)"), required=False)
    over_reason = forms.CharField(
        label=_("Lý do giao vượt"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["given_by"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị giao"))
        self.fields["unit"] = UnitPickerField(perm=VIEW, actor=actor, label=_("Đơn vị nhận"))
        self.order_fields(["given_by", "unit", "count", "over_allocated", "over_reason"])
        self.style()


class InitiativeForm(StyledForm):
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=500)
    field = forms.ModelChoiceField(InitiativeField.objects.all(), label=_("Lĩnh vực"))
    applied_on = DateField(label=_("Ngày áp dụng"))
    registered_on = DateField(label=_("Ngày đăng ký"), required=False, help_text=_("Để trống: hôm nay."))
    benefit = VndField(
        label=_("Hiệu quả (đồng)"), required=False, help_text=_("Để trống nếu không tính được.")
    )
    authors = forms.CharField(
        label=_("Tác giả"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tác giả: số thẻ đoàn viên; tỷ lệ đóng góp (%). Tổng phải đúng 100."),
    )
    description = forms.CharField(
        label=_("Mô tả"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, data=None, *, actor, rounds=(), **kwargs):
        super().__init__(data, **kwargs)
        self.actor = actor
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị"))
        self.fields["round"] = _round_field(rounds)
        self.order_fields(
            ["unit", "title", "field", "round", "applied_on", "registered_on", "benefit", "authors"]
        )
        self.style()

    def clean_authors(self):
        """Lines "card number; share" -> [(person id, share)], the card numbers looked up among the
        members the actor sees (one query)."""
        lines = [line for line in self.cleaned_data["authors"].splitlines() if line.strip()]
        parsed = []
        for number, line in enumerate(lines, start=1):
            card, _sep, share = line.replace("\t", ";").partition(";")
            card = clean_identifier(card)
            if not card or share_of(clean_line(share)) is None:
                raise forms.ValidationError(
                    _("Tác giả, dòng %(n)s: '%(line)s' phải có dạng: số thẻ đoàn viên; tỷ lệ (%%).")
                    % {"n": number, "line": clean_line(line)}
                )
            parsed.append((card, clean_line(share)))
        found = dict(
            members_in_scope(actor=self.actor)
            .filter(card_number__in=[c for c, _s in parsed])
            .values_list("card_number", "pk")
        )
        missing = [c for c, _s in parsed if c not in found]
        if missing:
            raise forms.ValidationError(
                _("Tác giả: không tìm thấy đoàn viên có số thẻ %(card)s trong phạm vi của bạn.")
                % {"card": missing[0]}
            )
        return [(found[c], s) for c, s in parsed]


class AttachForm(StyledForm):
    file = forms.FileField(label=_("Tệp đính kèm"))


class ReviewForm(StyledForm):
    """The decision's particulars; the step is the button pressed (``step`` in the POST)."""

    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = DateField(label=_("Ngày quyết định"), required=False)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(
            perm=REVIEW, actor=actor, label=_("Cấp công nhận"), required=False
        )
        self.fields["document"] = _document_field(actor, _("Quyết định của hội đồng sáng kiến"))
        self.style()


class ImportForm(StyledForm):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, data=None, files=None, *, rounds=(), **kwargs):
        super().__init__(data, files, **kwargs)
        self.fields["round"] = _round_field(rounds)
        self.style()


class ProgressForm(StyledForm):
    as_of = DateField(label=_("Tính đến ngày"), required=False)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=VIEW, actor=actor, label=_("Đơn vị"), required=False)
        self.order_fields(["unit", "as_of"])
        self.style()
