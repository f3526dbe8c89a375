"""Forms of a block's own records (``block_records``): meetings, the yearly plan, the end of a
membership and the correction of an officer. Field names are the services' error keys; the choices
are the block's own rows (the caller passes them from the selectors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.forms import DateField, StyledForm
from congdoan.organizations.models import Unit

from .block_models import BlockMeeting
from .forms import _year_field, document_field


class _Rows(StyledForm):
    """A form choosing one of the block's rows by id (``rows``: ``[(id, label, row)]``)."""

    row_field = ""

    def __init__(self, data=None, *, actor=None, rows=(), **kwargs):
        self.actor = actor
        self.rows = {pk: row for pk, _label, row in rows}
        super().__init__(data, **kwargs)
        self.fields[self.row_field] = forms.TypedChoiceField(
            label=self.row_label, choices=[("", "—"), *[(pk, label) for pk, label, _row in rows]], coerce=int
        )

    def arguments(self) -> dict:
        d = dict(self.cleaned_data)
        d[self.row_field] = self.rows[d[self.row_field]]
        return d


class MeetingForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=BlockMeeting.Kind.choices)
    title = forms.CharField(label=_("Tên hội nghị"), max_length=255)
    held_on = DateField(label=_("Ngày họp"))
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, actor=None, handovers=(), **kwargs):
        super().__init__(data, **kwargs)
        self.handovers = {h.pk: h for h in handovers}
        self.fields["minutes"] = document_field(actor, _("Biên bản (văn bản)"))
        self.fields["handover"] = forms.TypedChoiceField(
            label=_("Trao cờ luân lưu tại hội nghị"),
            choices=[("", _("(không)")), *[(h.pk, f"{h.year}: {h.to_name}") for h in handovers]],
            coerce=int,
            required=False,
            empty_value=None,
        )
        self.style()

    def arguments(self) -> dict:
        d = dict(self.cleaned_data)
        d["handover"] = self.handovers.get(d["handover"]) if d["handover"] else None
        return d


class PlanForm(StyledForm):
    year = _year_field(required=True)
    adopted_on = DateField(label=_("Ngày thông qua"), required=False)

    def __init__(self, data=None, *, actor=None, meetings=(), **kwargs):
        super().__init__(data, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["document"] = document_field(actor, _("Văn bản kế hoạch"))
        self.fields["meeting"] = forms.TypedChoiceField(
            label=_("Thông qua tại hội nghị"),
            choices=[("", _("(không)")), *[(m.pk, f"{m.title} ({m.held_on:%d/%m/%Y})") for m in meetings]],
            coerce=int,
            required=False,
            empty_value=None,
        )
        self.order_fields(["year", "document", "meeting", "adopted_on"])
        self.style()

    def arguments(self) -> dict:
        d = dict(self.cleaned_data)
        d["meeting"] = self.meetings.get(d["meeting"]) if d["meeting"] else None
        return d


class MemberEndForm(_Rows):
    row_field, row_label = "member", _("Đơn vị thành viên")
    on = DateField(label=_("Thôi từ ngày"), help_text=_("Ngày đầu tiên không còn là thành viên."))
    reason = forms.CharField(label=_("Lý do"), max_length=255)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.order_fields(["member", "on", "reason"])
        self.style()


class OfficerCorrectForm(_Rows):
    row_field, row_label = "officer", _("Khối trưởng, khối phó được thay")
    on = DateField(label=_("Từ ngày"))
    decision_reference = forms.CharField(
        label=_("Quyết định điều chỉnh (số, ký hiệu)"), required=False, max_length=100
    )
    decided_on = DateField(label=_("Ngày quyết định"), required=False)
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=255)

    def __init__(self, data=None, *, members=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = forms.TypedChoiceField(
            label=_("Đơn vị thay"),
            choices=[("", "—"), *{m.unit_id: m.unit_name for m in members}.items()],
            coerce=int,
        )
        self.fields["decision"] = document_field(self.actor, _("Văn bản quyết định điều chỉnh"))
        self.order_fields(["officer", "unit", "on", "decision", "decision_reference", "decided_on", "reason"])
        self.style()

    def arguments(self) -> dict:
        d = super().arguments()
        d["unit"] = Unit.objects.get(pk=d["unit"])
        return d
