"""Forms of the member register.

Field names are the keys of the services' ValidationErrors, so a service error lands on its field.
Unit pickers offer only the units the actor may use; the services check again.
``MemberFilterForm`` turns list parameters (GET or POST) into ``MemberFilters``; the Excel export
reuses it.
"""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import display, today
from congdoan.core.forms import DateField, StyledForm, formfield
from congdoan.core.periods import AsOfField, Period
from congdoan.core.text import clean_identifier
from congdoan.organizations.fields import UnitPickerField
from congdoan.organizations.forms import UnitChoiceField
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import policy
from congdoan.organizations.selectors import units_for_choice

from .models import IN_UNIT, OfficerPosition, Person, PositionKind, Sex, Status
from .selectors import SORTS, MemberFilters
from .services import PERSON_FIELDS, PERSONAL_FIELDS

# Kinds of unit members belong to besides grassroots unions (the rule of services._member_unit).
SUB_UNIT_KINDS = ("cd-bo-phan", "to-cong-doan")
MEMBER_UNIT_KINDS = Q(kind__is_grassroots=True) | Q(kind__code__in=SUB_UNIT_KINDS)
# Filters that read personal data: offered only to actors who may see it.
PERSONAL_FILTERS = ("age_band", "policy_family", "hardship")


PERSONAL_DIGITS = 9  # the member list's script posts a search term with this many digits (app.js)


def looks_personal(q: str) -> bool:
    """A search term that may be an ID or phone number: we never put one in a URL we generate."""
    return len(re.sub(r"\D", "", q or "")) >= PERSONAL_DIGITS


def holding_units(versions: QuerySet[UnitVersion], as_of) -> QuerySet[UnitVersion]:
    """Units that can hold members (the unit picker's filter "members.holding")."""
    return versions.filter(MEMBER_UNIT_KINDS)


def holding_or_above(versions: QuerySet[UnitVersion], as_of) -> QuerySet[UnitVersion]:
    """Units that hold members or contain units that do ("members.holding_or_above")."""
    holding = UnitVersion.objects.active(as_of).filter(MEMBER_UNIT_KINDS, path__startswith=OuterRef("path"))
    return versions.filter(Exists(holding))


def member_unit_field(actor, perm: str, label, **kwargs) -> UnitPickerField:
    """A picker of the units (today) where the actor may use ``perm`` and that can hold members."""
    return UnitPickerField(perm=perm, actor=actor, only="members.holding", label=label, **kwargs)


# -- the list's filters --------------------------------------------------------------------------

ANY = [("", _("Tất cả"))]
YES_NO = [*ANY, ("1", _("Có")), ("0", _("Không"))]
AGE_LABELS = {  # the bands of selectors.AGE_BANDS
    "<30": _("Dưới 30"),
    "30-39": _("30–39"),
    "40-49": _("40–49"),
    "50-59": _("50–59"),
    "60+": _("Từ 60"),
}


def _yes_no(value: str) -> bool:
    return value == "1"


class MemberFilterForm(StyledForm):
    """The list's search and filters. Always bound: a fresh list includes sub-units."""

    q = forms.CharField(label=_("Tìm đoàn viên"), required=False, max_length=100)
    unit = UnitPickerField(
        perm="members.view",
        only="members.holding_or_above",
        label=_("Đơn vị"),
        required=False,
        empty_label=_("Tất cả đơn vị trong phạm vi"),
    )
    descendants = forms.BooleanField(label=_("Gồm đơn vị trực thuộc"), required=False)
    sex = forms.ChoiceField(label=_("Giới tính"), required=False, choices=[*ANY, *Sex.choices])
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Đang sinh hoạt, miễn sinh hoạt")), *Status.choices, ("all", _("Tất cả"))],
    )
    age_band = forms.ChoiceField(label=_("Độ tuổi"), required=False, choices=[*ANY, *AGE_LABELS.items()])
    join_year = forms.IntegerField(label=_("Năm kết nạp"), required=False, min_value=1900)
    policy_family = forms.TypedChoiceField(
        label=_("Gia đình chính sách"), required=False, choices=YES_NO, coerce=_yes_no, empty_value=None
    )
    hardship = forms.TypedChoiceField(
        label=_("Hoàn cảnh khó khăn"), required=False, choices=YES_NO, coerce=_yes_no, empty_value=None
    )
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in SORTS], widget=forms.HiddenInput)
    # The register as it was (a figure's records: ``selectors.MemberFilters.dated``); the period in
    # ``ky`` or ``tu``/``den`` (``core.periods.Period.from_query``).
    ky = forms.CharField(label=_("Kỳ"), required=False, max_length=10)
    tu = forms.CharField(label=_("Từ ngày"), required=False, max_length=10)
    den = forms.CharField(label=_("Đến ngày"), required=False, max_length=10)
    as_of = AsOfField()
    flow = forms.ChoiceField(
        label=_("Biến động trong kỳ"),
        required=False,
        choices=[*ANY, ("joined", _("Kết nạp mới trong kỳ")), ("left", _("Ra khỏi tổ chức trong kỳ"))],
    )

    def __init__(self, data=None, *, actor=None, **kwargs):
        super().__init__(data or {"descendants": "on"}, **kwargs)
        year = self.fields["join_year"]
        year.validators.append(MaxValueValidator(today().year))
        year.widget.attrs["max"] = today().year
        self.actor = None
        self.style()
        if actor is not None:
            self._set_actor(actor)

    def _set_actor(self, actor) -> None:
        self.actor, self._errors = actor, None
        self.fields["unit"].actor = actor
        if not policy.has_anywhere(actor, "members.view_personal"):
            for name in PERSONAL_FILTERS:
                self.fields.pop(name, None)

    def clean(self):
        data = super().clean()
        try:
            data["period"] = Period.from_query(self.data)
        except ValidationError as error:
            data["period"] = None
            for key, messages in error.message_dict.items():
                self.add_error(key if key in self.fields else None, messages)
        return data

    @property
    def dated_filters(self) -> list:
        """The register-as-it-was fields, drawn when the address gives one of them (or it is wrong)."""
        names = ("ky", "tu", "den", "as_of", "flow")
        if any(self.data.get(n) for n in names) or any(n in self.errors for n in names):
            return [self[n] for n in names]
        return []

    def to_filters(self, actor=None) -> MemberFilters:
        """The valid filters as ``MemberFilters``; invalid ones are left out (and stay in ``errors``)."""
        if actor is not None and actor is not self.actor:
            self._set_actor(actor)
        if self.actor is None:
            raise TypeError("MemberFilterForm.to_filters needs the actor")
        self.is_valid()
        d = self.cleaned_data
        return MemberFilters(
            q=d.get("q") or "",
            unit=d.get("unit"),
            descendants=bool(d.get("descendants")),
            sex=d.get("sex") or "",
            status=d.get("status") or "",
            age_band=d.get("age_band") or "",
            join_year=d.get("join_year"),
            policy_family=d.get("policy_family"),
            hardship=d.get("hardship"),
            sort=d.get("sort") or "name",
            period=d.get("period"),
            as_of=d.get("as_of"),
            flow=d.get("flow") or "",
        )

    def query(self) -> dict[str, str]:
        """The valid filters as URL parameters (after ``to_filters``), without a search term that may be
        personal data."""
        self.is_valid()
        params = {}
        for name, value in self.cleaned_data.items():
            if name == "period":
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, Unit):
                value = value.pk
            elif isinstance(value, bool):
                value = ("on" if value else None) if name == "descendants" else ("1" if value else "0")
            if value in (None, "") or (name == "q" and looks_personal(value)):
                continue
            params[name] = str(value)
        return params

    @property
    def personal_filters(self) -> bool:
        return all(name in self.fields for name in PERSONAL_FILTERS)

    @property
    def choice_filters(self) -> list:
        """The narrow filters drawn side by side: sex, status, year joined, then the personal ones."""
        names = ("sex", "status", "join_year", *PERSONAL_FILTERS)
        return [self[name] for name in names if name in self.fields]


# -- member changes ------------------------------------------------------------------------------


def person_fields(names) -> dict[str, forms.Field]:
    """Form fields for ``Person`` attributes, labelled from the model."""
    names = list(names)
    fields = forms.fields_for_model(Person, fields=names, formfield_callback=formfield)
    if "id_number" in fields:
        # Officers type it with spaces or dots; the service keeps the 12 digits.
        fields["id_number"] = forms.CharField(
            label=capfirst(Person._meta.get_field("id_number").verbose_name),
            max_length=20,
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        )
    return {name: fields[name] for name in names}


def _on_field(label, **kwargs) -> DateField:
    return DateField(label=label, initial=today, **kwargs)


class MemberForm(StyledForm):
    """A form about one member (or a new one): knows the actor, the person and whether the actor
    sees personal fields. ``setup`` adds the fields that depend on them."""

    def __init__(self, data=None, *, actor, person: Person | None = None, personal: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.actor, self.person, self.personal = actor, person, personal
        self.setup()
        self.style()

    def setup(self) -> None:
        """Add the fields that depend on the actor or the person."""

    def shown_person_fields(self, names) -> list[str]:
        return [n for n in names if self.personal or n not in PERSONAL_FIELDS]


class JoinForm(MemberForm):
    def setup(self) -> None:
        self.fields["unit"] = member_unit_field(self.actor, "members.manage", _("Đơn vị sinh hoạt"))
        # One date: the day of joining the union is the day the first period in the unit starts
        # (the service stores it as ``joined_union_on``; an earlier one is entered on the edit page).
        self.fields["on"] = _on_field(
            _("Ngày kết nạp"),
            help_text=_("Ngày kết nạp vào công đoàn, cũng là ngày bắt đầu sinh hoạt tại đơn vị."),
        )
        names = [n for n in PERSON_FIELDS[2:] if n != "joined_union_on"]
        self.fields.update(
            person_fields(self.shown_person_fields(["full_name", "sex", "card_number", *names]))
        )
        offered = self.fields["unit"].options(limit=2)
        if len(offered) == 1:  # one unit to choose from: choose it
            self.fields["unit"].initial = offered[0].unit_id

    def person_data(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in PERSON_FIELDS if k in d}  # joined_union_on: the service takes "on"


class EditForm(MemberForm):
    def setup(self) -> None:
        names = self.shown_person_fields(["full_name", "sex", "card_number", *PERSON_FIELDS[2:]])
        self.fields.update(person_fields(names))
        for name in names:
            self.fields[name].initial = getattr(self.person, name)

    def changes(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.changed_data}


class TransferForm(MemberForm):
    to_unit_code = forms.CharField(
        label=_("hoặc mã đơn vị ngoài phạm vi của bạn"),
        required=False,
        max_length=32,
        help_text=_("Nhập đúng mã đơn vị tiếp nhận; đơn vị đó sẽ xác nhận tiếp nhận đoàn viên."),
    )
    on = _on_field(_("Ngày chuyển"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)

    def setup(self) -> None:
        self.fields["to_unit"] = member_unit_field(
            self.actor, "members.view", _("Đơn vị tiếp nhận"), required=False, exclude=(self.person.unit_id,)
        )
        self.order_fields(["to_unit", "to_unit_code", "on", "note"])

    def clean(self):
        data = super().clean()
        code = clean_identifier(data.get("to_unit_code") or "")
        if data.get("to_unit") and code:
            raise ValidationError(
                {"to_unit_code": _("Chọn đơn vị trong danh sách hoặc nhập mã, không cả hai.")}
            )
        if code:
            # Only the unit's existence and name are revealed: the service checks the rest.
            unit = Unit.objects.filter(code=code).first()
            if unit is None:
                raise ValidationError(
                    {"to_unit_code": _("Không có đơn vị nào mang mã '%(c)s'.") % {"c": code}}
                )
            data["to_unit"] = unit
        elif not data.get("to_unit") and "to_unit" not in self.errors:
            raise ValidationError({"to_unit": _("Hãy chọn đơn vị tiếp nhận hoặc nhập mã đơn vị.")})
        return data


class LeaveForm(MemberForm):
    status = forms.ChoiceField(
        label=_("Lý do"),
        choices=[(Status.LEFT, Status.LEFT.label), (Status.DECEASED, Status.DECEASED.label)],
    )
    on = _on_field(_("Từ ngày"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)


class StatusForm(MemberForm):
    status = forms.ChoiceField(label=_("Trạng thái mới"), choices=[(s, s.label) for s in IN_UNIT])
    on = _on_field(_("Từ ngày"))

    def setup(self) -> None:
        other = [s for s in IN_UNIT if s != self.person.status]
        if other:
            self.fields["status"].initial = other[0]


class RejoinForm(MemberForm):
    on = _on_field(_("Ngày kết nạp lại"))

    def setup(self) -> None:
        self.fields["unit"] = member_unit_field(
            self.actor, "members.manage", _("Đơn vị sinh hoạt"), initial=self.person.unit_id
        )
        self.fields["card_number"] = forms.CharField(
            label=_("Số thẻ đoàn viên"),
            required=False,
            max_length=30,
            initial=self.person.card_number,
        )
        self.order_fields(["unit", "on", "card_number"])


class CorrectForm(MemberForm):
    valid_from = DateField(label=_("Ngày bắt đầu đúng"))

    def __init__(self, data=None, *, membership, **kwargs):
        self.membership = membership
        super().__init__(data, **kwargs)

    def setup(self) -> None:
        self.fields["valid_from"].initial = self.membership.valid_from


class PositionForm(MemberForm):
    """Giao chức vụ: the units offered are those the actor manages that contain the member's unit."""

    position = forms.ModelChoiceField(
        PositionKind.objects.all(), label=_("Chức vụ"), empty_label=_("(chọn chức vụ)")
    )
    valid_from = _on_field(_("Từ ngày"))
    term = forms.CharField(
        label=_("Nhiệm kỳ"), required=False, max_length=20, help_text=_("Ví dụ: 2023-2028.")
    )

    def setup(self) -> None:
        # The member's unit and every unit above it, from today's path.
        ids = [int(segment) for segment in self.person.unit_path.split("/") if segment]
        self.fields["unit"] = UnitChoiceField(
            units_for_choice(actor=self.actor, perm="members.manage").filter(unit_id__in=ids),
            label=_("Đơn vị"),
            empty_label=_("(chọn đơn vị)"),
        )
        self.fields["unit"].initial = self.person.unit_id  # after: an initial value drops the empty label
        self.order_fields(["position", "unit", "valid_from", "term"])


class PositionEndForm(MemberForm):
    on = _on_field(_("Thôi giữ chức vụ từ ngày"))

    def __init__(self, data=None, *, held: OfficerPosition, **kwargs):
        self.held = held
        super().__init__(data, **kwargs)

    def setup(self) -> None:
        self.fields["on"].help_text = _("%(p)s — %(u)s, giữ từ ngày %(d)s.") % {
            "p": self.held.position.label,
            "u": self.held.unit,
            "d": display(self.held.valid_from),
        }


# -- statistics ----------------------------------------------------------------------------------


class StatsForm(StyledForm):
    on = DateField(label=_("Tính đến ngày"), required=False)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(
            perm="members.view",
            actor=actor,
            label=_("Đơn vị"),
            required=False,
            empty_label=_("(đơn vị cao nhất trong phạm vi)"),
        )
        self.order_fields(["unit", "on"])
        self.style()

    def default_unit_id(self) -> int | None:
        """The first unit in tree order: the actor's first top unit."""
        first = self.fields["unit"].options(limit=1)
        return first[0].unit_id if first else None


class WorkforceForm(StyledForm):
    on = DateField(label=_("Tính đến ngày"), initial=today)
    total = forms.IntegerField(label=_("Tổng số CBCCVCLĐ"), min_value=0)
    women = forms.IntegerField(label=_("Trong đó nữ"), min_value=0, initial=0)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)

    def __init__(self, data=None, *, actor, unit_id: int | None = None, **kwargs):
        super().__init__(data, prefix="wf", **kwargs)
        self.fields["unit"] = UnitPickerField(
            perm="members.manage", actor=actor, label=_("Đơn vị"), initial=unit_id
        )
        self.order_fields(["unit", "on", "total", "women", "note"])
        self.style()
