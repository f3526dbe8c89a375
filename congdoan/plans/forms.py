"""Forms of programmes and missions: they read input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import DateField, StyledForm
from congdoan.core.money import VndField
from congdoan.organizations.fields import UnitPickerField

from . import selectors
from .documents_bridge import PLAN_KIND
from .models import ContentArea, Gift, Mission, Programme
from .permissions import MANAGE


class PositionChoice(forms.ModelChoiceField):
    def label_from_instance(self, held):
        return f"{held.person.full_name} — {held.position.label} ({held.valid_from:%d/%m/%Y})"


class PositionsChoice(forms.ModelMultipleChoiceField):
    label_from_instance = PositionChoice.label_from_instance


class DocumentChoice(forms.ModelChoiceField):
    def label_from_instance(self, document):
        return f"{document.number_symbol} — {document.title}"


class MissionForm(StyledForm):
    title = forms.CharField(label=_("Tên đoàn, nội dung khảo sát"), max_length=500)
    plan = DocumentChoice(label=_("Kế hoạch"), queryset=None)
    starts_on = DateField(label=_("Từ ngày"))
    ends_on = DateField(label=_("Đến ngày"))

    def __init__(self, *args, actor, mission: Mission | None = None, **kwargs):
        if mission is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": mission.title,
                    "plan": mission.plan_id,
                    "starts_on": mission.starts_on,
                    "ends_on": mission.ends_on,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = selectors.document_choices(actor=actor, kind=PLAN_KIND)
        if mission is None:
            self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị tổ chức"))
            positions = selectors.officer_positions(actor=actor)
            self.fields["head"] = PositionChoice(label=_("Trưởng đoàn"), queryset=positions)
            self.fields["members"] = PositionsChoice(
                label=_("Thành viên đoàn"), queryset=positions, required=False
            )
            self.style()


class VisitForm(StyledForm):
    unit = forms.TypedChoiceField(label=_("Đơn vị đến làm việc"), coerce=int)
    on = DateField(label=_("Ngày làm việc"))
    hosts = forms.CharField(
        label=_("Người đón tiếp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một người: họ và tên; chức vụ; đơn vị."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, actor, mission: Mission | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if mission is not None:
            self.fields["unit"].choices = selectors.visit_choices(actor=actor, mission=mission)

    def host_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for line in self.cleaned_data["hosts"].splitlines():
            parts = [p.strip() for p in line.split(";")] + ["", ""]
            if any(parts):
                rows.append((parts[0], parts[1], parts[2]))
        return rows


class FindingForm(StyledForm):
    area = forms.ModelChoiceField(label=_("Nội dung"), queryset=ContentArea.objects.all())
    visit = forms.TypedChoiceField(label=_("Buổi làm việc"), coerce=int, required=False, empty_value=None)
    results = forms.CharField(label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    shortcomings = forms.CharField(
        label=_("Hạn chế"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposals = forms.CharField(
        label=_("Đề xuất thời gian tới"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, visits: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit"].choices = [("", _("Chung cho cả đoàn")), *visits]


class GiftForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=Gift.Kind.choices)
    description = forms.CharField(label=_("Mô tả, người nhận"), required=False, max_length=500)
    count = forms.IntegerField(label=_("Số lượng"), min_value=1)
    unit_value = VndField(label=_("Trị giá mỗi suất (đồng)"))
    visit = forms.TypedChoiceField(label=_("Buổi làm việc"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, visits: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit"].choices = [("", _("Chung cho cả đoàn")), *visits]


class ReportForm(StyledForm):
    signed_on = DateField(label=_("Ngày ký"), initial=today)
    place = forms.CharField(label=_("Địa danh"), required=False, max_length=120)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=120)


class ProgrammeForm(StyledForm):
    title = forms.CharField(label=_("Tên chương trình"), max_length=500)
    document = DocumentChoice(label=_("Văn bản ký kết"), queryset=None)
    parties = forms.TypedMultipleChoiceField(label=_("Các bên phối hợp"), coerce=int)
    areas = forms.ModelMultipleChoiceField(label=_("Nội dung phối hợp"), queryset=ContentArea.objects.all())
    valid_from = DateField(label=_("Từ ngày"))
    valid_to = DateField(label=_("Đến ngày (không gồm)"), required=False)

    def __init__(self, *args, actor, programme: Programme | None = None, **kwargs):
        """``programme``: the one edited; its fields are the initial values, its recording unit stays and
        its parties stay offered (a party named by another officer, or one since gone)."""
        choices = selectors.partner_choices(actor=actor, on=today())
        if programme is not None:
            parties = [u for u in programme.parties.all() if u.pk != programme.unit_id]
            kwargs.setdefault(
                "initial",
                {
                    "title": programme.title,
                    "document": programme.document_id,
                    "parties": [u.pk for u in parties],
                    "areas": [a.pk for a in programme.areas.all()],
                    "valid_from": programme.valid_from,
                    "valid_to": programme.valid_to,
                },
            )
            offered = {pk for pk, _name in choices}
            names = selectors.names_on({u.pk: programme.valid_from for u in parties if u.pk not in offered})
            choices += [(pk, name) for pk, name in names.items()]
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = selectors.document_choices(actor=actor)
        self.fields["parties"].choices = choices
        if programme is None:
            self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị ghi nhận"))
            self.style()


class MemberForm(StyledForm):
    """A member added to a mission: the officer picker of ``MissionForm``; the service checks that the
    position is held over the mission's dates in the organising unit's subtree."""

    position = PositionChoice(label=_("Thành viên đoàn"), queryset=None)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = selectors.officer_positions(actor=actor)
