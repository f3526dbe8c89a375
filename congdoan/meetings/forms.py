"""Forms of the conferences pages: filters read from the query string, and one form per write.
The services judge; a form only reads what was typed (dd/mm/yyyy dates, whole numbers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import DateField, StyledForm
from congdoan.core.periods import MAX_YEAR, MIN_YEAR, AsOfField
from congdoan.documents.models import Document
from congdoan.members.models import OfficerPosition, Person, PositionKind
from congdoan.organizations.fields import UnitPickerField

from .models import ConferenceDocument, ConferenceKind, DocumentRole, InspectionRole, ReviewKind, ReviewLink
from .permissions import MANAGE, VIEW
from .selectors import ConferenceFilters, ReviewFilters

ANY = [("", _("Tất cả"))]


def _year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class ConferenceFilterForm(StyledForm):
    """The list's filters, read from the query string (invalid ones are left out and shown)."""

    unit = UnitPickerField(
        perm=VIEW, label=_("Đơn vị"), required=False, empty_label=_("Tất cả đơn vị trong phạm vi")
    )
    year = _year_field(required=False)
    kind = forms.ChoiceField(
        label=_("Loại hội nghị"), required=False, choices=[*ANY, *ConferenceKind.choices]
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"].actor = actor

    def to_filters(self) -> ConferenceFilters:
        self.is_valid()
        d = self.cleaned_data
        return ConferenceFilters(unit=d.get("unit"), year=d.get("year"), kind=d.get("kind") or "")

    def query(self) -> dict[str, str]:
        self.is_valid()
        values = {k: getattr(v, "pk", v) for k, v in self.cleaned_data.items()}
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


class ConferenceForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices)
    year = _year_field(initial=lambda: today().year)
    held_on = DateField(label=_("Ngày tổ chức"))
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    agency_head = forms.CharField(label=_("Thủ trưởng cơ quan chủ trì"), required=False, max_length=150)
    union_chair = forms.CharField(label=_("Chủ tịch công đoàn đồng chủ trì"), required=False, max_length=150)
    expected = forms.IntegerField(label=_("Số người được triệu tập"), min_value=1)
    present = forms.IntegerField(label=_("Số người có mặt"), min_value=0)
    agenda = forms.CharField(
        label=_("Chương trình hội nghị"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    resolution = forms.CharField(
        label=_("Nghị quyết và các chỉ tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị"))
        self.order_fields(["unit", *[name for name in self.fields if name != "unit"]])
        self.style()


class DocumentForm(StyledForm):
    role = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentRole.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=500)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, prefix="doc", **kwargs)


class VoteForm(StyledForm):
    subject = forms.CharField(label=_("Nội dung biểu quyết"), max_length=500)
    document = forms.ModelChoiceField(
        label=_("Tài liệu được biểu quyết"), required=False, queryset=ConferenceDocument.objects.none()
    )
    votes_for = forms.IntegerField(label=_("Số tán thành"), min_value=0)
    votes_against = forms.IntegerField(label=_("Số không tán thành"), min_value=0, initial=0, required=False)
    abstained = forms.IntegerField(label=_("Số không biểu quyết"), min_value=0, initial=0, required=False)

    def __init__(self, data=None, *, documents=None, **kwargs):
        super().__init__(data, prefix="vote", **kwargs)
        if documents is not None:  # the conference's documents
            self.fields["document"].queryset = documents
        self.fields["document"].error_messages["invalid_choice"] = _(
            "Tài liệu được biểu quyết: hãy chọn một tài liệu của hội nghị này."
        )

    def clean(self):
        data = super().clean()
        for name in ("votes_against", "abstained"):  # left empty: nobody
            if name in data and data[name] is None:
                data[name] = 0
        return data


class ComplianceForm(StyledForm):
    year = _year_field(required=False)
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices, required=False)
    state = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("held", "held"), ("missing", "missing"), ("all", "all")],
        widget=forms.HiddenInput,
    )
    as_of = AsOfField()  # a figure's records link: the duties and conferences as of that date

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=VIEW, actor=actor, label=_("Đơn vị"), required=False)
        self.order_fields(["unit", "year", "kind", "state", "as_of"])
        self.style()


class ResolutionForm(StyledForm):
    document = forms.ModelChoiceField(label=_("Nghị quyết (văn bản đã ban hành)"), queryset=None)

    def __init__(self, data=None, *, choices=None, **kwargs):
        super().__init__(data, prefix="res", **kwargs)
        self.fields["document"].queryset = choices if choices is not None else Document.objects.none()
        self.fields["document"].error_messages["invalid_choice"] = _(
            "Nghị quyết: hãy chọn một văn bản đã ban hành của đơn vị."
        )


class TermFilterForm(StyledForm):
    unit = UnitPickerField(
        perm=VIEW, label=_("Đơn vị"), required=False, empty_label=_("Tất cả đơn vị trong phạm vi")
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"].actor = actor


class TermForm(StyledForm):
    name = forms.CharField(label=_("Nhiệm kỳ"), max_length=20, help_text=_("Ví dụ: 2023-2028"))
    planned_on = DateField(label=_("Ngày đại hội dự kiến"), required=False)
    held_on = DateField(label=_("Ngày đại hội"), required=False)
    delegates = forms.IntegerField(label=_("Số đại biểu"), min_value=1, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị"))
        self.order_fields(["unit", "name", "planned_on", "held_on", "delegates", "note"])
        self.style()


class ElectForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Đoàn viên được bầu"), queryset=None)
    position = forms.ModelChoiceField(label=_("Chức vụ"), queryset=PositionKind.objects.all())
    votes = forms.IntegerField(label=_("Số phiếu bầu"), min_value=0, required=False)

    def __init__(self, data=None, *, candidates=None, **kwargs):
        super().__init__(data, prefix="elect", **kwargs)
        self.fields["person"].queryset = candidates if candidates is not None else Person.objects.none()
        self.fields["person"].error_messages["invalid_choice"] = _(
            "Đoàn viên được bầu: hãy chọn một đoàn viên của đơn vị vào ngày đại hội."
        )


class ChangeForm(StyledForm):
    """A mid-term change of the executive committee: a position that ends, and/or a member elected
    to a position, on one day."""

    on = DateField(label=_("Ngày thay đổi"))
    ended = forms.ModelChoiceField(label=_("Chức vụ thôi giữ"), queryset=None, required=False)
    person = forms.ModelChoiceField(label=_("Người được bầu bổ sung"), queryset=None, required=False)
    position = forms.ModelChoiceField(
        label=_("Chức vụ được bầu bổ sung"), queryset=PositionKind.objects.all(), required=False
    )
    votes = forms.IntegerField(label=_("Số phiếu bầu"), min_value=0, required=False)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, data=None, *, positions=None, candidates=None, **kwargs):
        super().__init__(data, prefix="change", **kwargs)
        self.fields["ended"].queryset = positions if positions is not None else OfficerPosition.objects.none()
        self.fields["ended"].label_from_instance = lambda p: f"{p.position} — {p.person.full_name}"
        self.fields["person"].queryset = candidates if candidates is not None else Person.objects.none()
        self.fields["ended"].error_messages["invalid_choice"] = _(
            "Chức vụ thôi giữ: hãy chọn một chức vụ đang giữ của nhiệm kỳ này."
        )
        self.fields["person"].error_messages["invalid_choice"] = _(
            "Người được bầu bổ sung: hãy chọn một đoàn viên của đơn vị."
        )


class BoardForm(StyledForm):
    """The people's inspection board: one name per line; a line may add the title after a comma."""

    head = forms.CharField(label=_("Trưởng ban"), max_length=400)
    deputies = forms.CharField(
        label=_("Phó trưởng ban"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một người; chức danh, nơi công tác sau dấu phẩy."),
    )
    members = forms.CharField(
        label=_("Thành viên"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một người; chức danh, nơi công tác sau dấu phẩy."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, prefix="board", **kwargs)


def board_members(d: dict) -> list[tuple[str, str, str]]:
    """The board form's lines as (full name, role, title), the head first."""
    rows = []
    for role, text in (
        (InspectionRole.HEAD, d.get("head", "")),
        (InspectionRole.DEPUTY, d.get("deputies", "")),
        (InspectionRole.MEMBER, d.get("members", "")),
    ):
        for line in (text or "").splitlines():
            if line.strip():
                name, _sep, title = line.partition(",")
                rows.append((name.strip(), role.value, title.strip()))
    return rows


class ReviewFilterForm(ConferenceFilterForm):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), required=False, choices=[*ANY, *ReviewKind.choices])

    def to_filters(self) -> ReviewFilters:
        self.is_valid()
        d = self.cleaned_data
        return ReviewFilters(unit=d.get("unit"), year=d.get("year"), kind=d.get("kind") or "")


class ReviewForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ReviewKind.choices)
    year = _year_field(initial=lambda: today().year - 1)
    held_on = DateField(label=_("Ngày tổ chức"))
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    attendees = forms.IntegerField(label=_("Số đại biểu dự"), min_value=1)
    guests = forms.CharField(
        label=_("Đại biểu khách mời"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    results = forms.CharField(
        label=_("Kết quả chủ yếu"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    launched = forms.CharField(label=_("Phong trào thi đua được phát động"), required=False, max_length=255)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị"))
        self.order_fields(["unit", *[name for name in self.fields if name != "unit"]])
        self.style()


class AwardForm(StyledForm):
    form = forms.CharField(label=_("Hình thức khen thưởng"), max_length=255)
    collectives = forms.IntegerField(label=_("Số tập thể"), min_value=0, initial=0, required=False)
    individuals = forms.IntegerField(label=_("Số cá nhân"), min_value=0, initial=0, required=False)
    recipients = forms.CharField(
        label=_("Tập thể, cá nhân được khen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, prefix="award", **kwargs)

    def clean(self):
        data = super().clean()
        for name in ("collectives", "individuals"):
            if name in data and data[name] is None:
                data[name] = 0
        return data


class ReviewLinkForm(StyledForm):
    role = forms.ChoiceField(label=_("Văn bản là"), choices=ReviewLink.choices)
    document = forms.ModelChoiceField(label=_("Văn bản đã ban hành"), queryset=None)

    def __init__(self, data=None, *, choices=None, **kwargs):
        super().__init__(data, prefix="link", **kwargs)
        self.fields["document"].queryset = choices if choices is not None else Document.objects.none()
        self.fields["document"].error_messages["invalid_choice"] = _(
            "Văn bản: hãy chọn một văn bản đã ban hành trong danh sách."
        )


class RemindForm(StyledForm):
    """What the compliance page posts to send reminders: the superior, the year and the kind."""

    year = _year_field()
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=ConferenceKind.choices)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị"))
