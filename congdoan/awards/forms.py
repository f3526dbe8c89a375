"""Forms of the awards module. Field names are the services' error keys, so a service's error lands
on its field. A bulk proposal lists people by card number (one per line) or comes from an Excel
list (``importing``); collectives are chosen from the units the actor reaches."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import DateField, StyledForm
from congdoan.core.periods import AsOfField, Period, QueryPeriodMixin
from congdoan.core.text import clean_identifier
from congdoan.emulation.models import Title
from congdoan.members.selectors import members_in_scope
from congdoan.organizations.fields import UnitPickerField
from congdoan.organizations.forms import UnitMultipleChoiceField
from congdoan.organizations.selectors import units_for_choice

from .catalogue import NAMES
from .models import Discipline, Form, Nomination, Recipient, TaskRating
from .permissions import MANAGE, VIEW


def _year(required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Năm"),
        required=required,
        min_value=1900,
        max_value=2100,
        error_messages={"invalid": _("Năm: hãy nhập một số, ví dụ 2022.")},
    )


def kind_choices(on: dt.date | None = None) -> list[tuple[str, str]]:
    """Forms ("f<id>") and titles ("t<id>") in force, kept apart under two headings."""
    on = on or today()
    forms_ = [(f"f{f.pk}", str(f)) for f in Form.objects.order_by("order", "name")]
    titles = [(f"t{t.pk}", str(t)) for t in Title.objects.order_by("order", "name")]
    return [("", "—"), (_("Hình thức khen thưởng"), forms_), (_("Danh hiệu thi đua"), titles)]


def read_kind(value: str) -> dict:
    if value.startswith("f"):
        return {"form": Form.objects.filter(pk=value[1:]).first()}
    return {"title": Title.objects.filter(pk=value[1:]).first()}


class GivenFilterForm(QueryPeriodMixin, StyledForm):
    """The awards given (``selectors.awards_given``): the unit's subtree, the period (``year``, ``ky``,
    ``tu``/``den``; this year by default), ``as_of`` (today by default), the recipient and the form
    or title: what a figure ``awards.*`` leads to."""

    year = _year()
    recipient = forms.ChoiceField(
        label=_("Tập thể, cá nhân"), required=False, choices=[("", _("(tất cả)")), *Recipient.choices]
    )
    code = forms.ChoiceField(label=_("Hình thức, danh hiệu"), required=False)
    as_of = AsOfField()

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"] = UnitPickerField(
            perm=VIEW, actor=actor, label=_("Đơn vị"), required=False, closed=True
        )
        self.fields["code"].choices = [("", _("(tất cả)")), *NAMES.items()]
        self.order_fields(["unit", "year", "recipient", "code", "as_of"])
        self.style()

    def filters(self) -> dict:
        """``awards_given``'s arguments (``{}`` when a filter is wrong: the errors are shown)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "unit": d.get("unit"),
            "period": self.period or Period.year(today().year),
            "as_of": d.get("as_of") or today(),
            "recipient": d.get("recipient") or "",
            "code": d.get("code") or "",
        }


class NominationFilterForm(StyledForm):
    year = _year()
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("(tất cả)")), *Nomination.State.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class YearFilterForm(StyledForm):
    year = _year()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class NominationForm(StyledForm):
    kind = forms.ChoiceField(label=_("Hình thức khen thưởng, danh hiệu"))
    year = _year(required=True)
    occasion = forms.ChoiceField(label=_("Loại khen"), choices=Nomination.Occasion.choices)
    issuer_name = forms.CharField(
        label=_("Thủ trưởng cơ quan khen (ngoài hệ thống công đoàn)"), required=False, max_length=255
    )
    cards = forms.CharField(
        label=_("Số thẻ đoàn viên được đề nghị (mỗi dòng một số)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    file = forms.FileField(label=_("Hoặc danh sách Excel (.xlsx)"), required=False)
    council_size = forms.IntegerField(label=_("Số thành viên hội đồng thi đua"), required=False, min_value=1)
    council_present = forms.IntegerField(label=_("Số thành viên có mặt"), required=False, min_value=0)
    votes_for = forms.IntegerField(
        label=_("Số phiếu đồng ý (cho mỗi người, tập thể)"), required=False, min_value=0
    )
    report = forms.CharField(
        label=_("Báo cáo thành tích"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    block = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data=None, files=None, *, actor, **kwargs):
        super().__init__(data, files, **kwargs)
        self.fields["kind"].choices = kind_choices()
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị đề nghị"))
        self.fields["issuer"] = UnitPickerField(perm=VIEW, actor=actor, label=_("Cấp khen"), required=False)
        self.fields["units"] = UnitMultipleChoiceField(
            units_for_choice(actor=actor, perm=VIEW),
            label=_("Tập thể được đề nghị"),
            required=False,
        )
        self.fields["initiatives"] = forms.TypedMultipleChoiceField(
            label=_("Sáng kiến được công nhận làm căn cứ (của người được đề nghị, cùng năm)"),
            required=False,
            coerce=int,
            choices=initiative_choices(actor),
        )
        self.order_fields(
            [
                "unit",
                "kind",
                "year",
                "occasion",
                "issuer",
                "issuer_name",
                "units",
                "cards",
                "file",
                "initiatives",
            ]
        )
        self.style()


def initiative_choices(actor) -> list[tuple[int, str]]:
    """Recognised initiatives in the actor's reach (``initiatives.selectors.initiative_search``),
    newest first, each with its authors: two queries."""
    from congdoan.initiatives.models import Initiative
    from congdoan.initiatives.selectors import authors_text, initiative_search

    rows = list(
        initiative_search(actor=actor, state=Initiative.State.RECOGNISED)
        .order_by("-decided_on", "-pk")
        .values_list("pk", "title", "decided_on")[:500]
    )
    authors = authors_text([pk for pk, _t, _d in rows])
    return [
        (pk, f"{title} ({authors.get(pk, '')}{', ' if authors.get(pk) else ''}{d.year if d else ''})")
        for pk, title, d in rows
    ]


class StepForm(StyledForm):
    step = forms.CharField(max_length=32)
    reason = forms.CharField(required=False, max_length=2000)


class AttachForm(StyledForm):
    file = forms.FileField(label=_("Tệp hồ sơ"))


class DecisionForm(StyledForm):
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    signed_on = DateField(label=_("Ngày quyết định"))
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150)
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)
    number = forms.IntegerField(
        label=_("Số quyết định (chỉ khi ghi lại quyết định đã ban hành trước đây)"),
        required=False,
        min_value=1,
    )
    sender_number = forms.CharField(
        label=_("Số, ký hiệu của quyết định (cấp khen ngoài hệ thống công đoàn)"),
        required=False,
        max_length=100,
    )


class CountsForm(StyledForm):
    year = _year(required=True)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=VIEW, actor=actor, label=_("Đơn vị"))
        self.order_fields(["unit", "year"])
        self.style()


# -- discipline, task ratings, earlier union work --------------------------------------------------


class CardField(forms.CharField):
    """A member by card number (số thẻ đoàn viên), looked up among the members the actor manages:
    anyone else is "not found", never named. ``clean`` returns the ``Person``."""

    def __init__(self, *, actor=None, **kwargs):
        self.actor = actor
        super().__init__(max_length=32, **kwargs)

    def clean(self, value):
        card = clean_identifier(super().clean(value) or "")
        if not card:
            return None
        person = members_in_scope(actor=self.actor).filter(card_number=card).first()
        if person is None:
            raise forms.ValidationError(
                _("Số thẻ %(card)s: không có đoàn viên này trong phạm vi của bạn."), params={"card": card}
            )
        return person


class _RecordFilter(StyledForm):
    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data or {}, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=VIEW, actor=actor, label=_("Đơn vị"), required=False)
        self.order_fields(["unit"])
        self.style()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = {k: v for k, v in self.cleaned_data.items() if v}
        if d.get("unit") is not None:
            d["unit_id"] = d.pop("unit").pk
        return d


class DisciplineFilterForm(_RecordFilter):
    level = forms.ChoiceField(
        label=_("Hình thức kỷ luật"), required=False, choices=[("", _("(tất cả)")), *Discipline.Level.choices]
    )
    state = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("(tất cả)")), ("active", _("Đang chịu kỷ luật")), ("ended", _("Đã kết thúc"))],
    )
    year = _year()


class RatingFilterForm(_RecordFilter):
    year = _year()
    grade = forms.ChoiceField(
        label=_("Xếp loại"), required=False, choices=[("", _("(tất cả)")), *TaskRating.Grade.choices]
    )


class ServiceFilterForm(_RecordFilter):
    pass


class _RecordForm(StyledForm):
    """The unit that records (its officers manage awards there) and the member by card number."""

    ORDER: tuple[str, ...] = ()
    card_required = True

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["owner"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị ghi nhận"))
        self.fields["person"] = CardField(
            actor=actor, label=_("Số thẻ đoàn viên"), required=self.card_required
        )
        self.order_fields(["owner", "person", *self.ORDER])
        self.style()


class DisciplineForm(_RecordForm):
    ORDER = ("collective", "level", "starts_on", "ends_on", "reference", "note")
    card_required = False
    level = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=Discipline.Level.choices)
    starts_on = DateField(label=_("Từ ngày"))
    ends_on = DateField(label=_("Đến ngày (không gồm; để trống nếu chưa kết thúc)"), required=False)
    reference = forms.CharField(label=_("Quyết định (số, ký hiệu)"), required=False, max_length=100)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, actor=actor, **kwargs)
        self.fields["collective"] = UnitPickerField(
            perm=MANAGE, actor=actor, label=_("Hoặc tập thể bị kỷ luật"), required=False
        )
        self.order_fields(["owner", "person", *self.ORDER])
        self.style()


class DisciplineEndForm(StyledForm):
    ends_on = DateField(label=_("Kết thúc từ ngày"))


class RatingForm(_RecordForm):
    ORDER = ("year", "grade")
    year = _year(required=True)
    grade = forms.ChoiceField(label=_("Xếp loại"), choices=TaskRating.Grade.choices)


class EarlierServiceForm(_RecordForm):
    ORDER = ("starts_on", "ends_on", "position", "organisation")
    starts_on = DateField(label=_("Từ ngày"))
    ends_on = DateField(label=_("Đến ngày (không gồm)"))
    position = forms.CharField(label=_("Chức vụ công đoàn"), max_length=150)
    organisation = forms.CharField(label=_("Tổ chức công đoàn"), max_length=255)


class NominationEditForm(StyledForm):
    """The dossier of a proposal not yet sent or returned (``services.nomination_update``): the
    report, the council, and per line the votes for, the achievements and — for a person — the
    recognised initiatives put forward behind them (``initiative_choices``: line id -> the person's
    initiatives in the actor's reach, as (id, title) pairs)."""

    report = forms.CharField(
        label=_("Báo cáo thành tích"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    council_size = forms.IntegerField(label=_("Số thành viên hội đồng thi đua"), required=False, min_value=1)
    council_present = forms.IntegerField(label=_("Số thành viên có mặt"), required=False, min_value=0)

    def __init__(self, data=None, *, nomination, lines, initiative_choices, chosen, **kwargs):
        initial = {
            "report": nomination.report,
            "council_size": nomination.council_size,
            "council_present": nomination.council_present,
        }
        for line in lines:
            initial[f"votes_{line.pk}"] = line.votes_for
            initial[f"achievements_{line.pk}"] = line.achievements
            initial[f"initiatives_{line.pk}"] = [str(i) for i in chosen.get(line.pk, [])]
        super().__init__(data, initial=initial, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"votes_{line.pk}"] = forms.IntegerField(
                label=_("%(name)s: số phiếu đồng ý") % {"name": line}, required=False, min_value=0
            )
            self.fields[f"achievements_{line.pk}"] = forms.CharField(
                label=_("%(name)s: thành tích") % {"name": line},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if line.person_id:
                self.fields[f"initiatives_{line.pk}"] = forms.MultipleChoiceField(
                    label=_("%(name)s: sáng kiến được công nhận làm căn cứ") % {"name": line},
                    required=False,
                    choices=[(str(pk), title) for pk, title in initiative_choices.get(line.pk, [])],
                )
        self.style()

    def per_line(self, prefix: str) -> dict[int, object]:
        return {
            line.pk: self.cleaned_data[f"{prefix}_{line.pk}"]
            for line in self.lines
            if f"{prefix}_{line.pk}" in self.cleaned_data
        }


class ProposalFilterForm(StyledForm):
    """The block and year whose ranking's proposals are listed (emulation.selectors.proposals)."""

    year = _year(required=True)

    def __init__(self, data=None, *, actor, **kwargs):
        from congdoan.emulation.selectors import block_search

        super().__init__(data, **kwargs)
        self.fields["block"] = forms.TypedChoiceField(
            label=_("Khối thi đua"),
            coerce=int,
            choices=[("", "—"), *((b.pk, f"{b.name} ({b.unit_name})") for b in block_search(actor=actor))],
        )
        self.order_fields(["block", "year"])
        self.style()
