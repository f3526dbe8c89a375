"""Forms for changes to the organisation tree.

Field names are the keys of the services' ValidationErrors, so a service error lands on its field.
Unit pickers offer only the units the actor may use (``selectors.units_for_choice``).
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import DateField, StyledForm

from .fields import UnitPickerField
from .models import Unit, UnitKind, UnitVersion
from .permissions import UNITS_VIEW
from .selectors import units_for_choice


def _unit_choices(versions: QuerySet[UnitVersion]) -> tuple[QuerySet[Unit], list[tuple[int, str]]]:
    """The units behind ``versions`` and their labels (names indented by depth), in tree order.

    Labels come from the versions in one query, never from ``str(unit)`` per unit.
    """
    labels = indented(list(versions.order_by("path").values_list("unit_id", "name", "path")))
    return Unit.objects.filter(pk__in=versions.values("unit_id")), labels


def indented(rows: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    """(unit id, name, path) rows in path order as choices, each name indented once per unit above
    it *in the list*: a unit whose parent is not offered (the merge form leaves out the unit and its
    ancestors) is not drawn under the unit listed before it, which is not its parent."""
    shown: list[str] = []  # the paths of the listed ancestors of the current row
    out = []
    for uid, name, path in rows:
        while shown and not path.startswith(shown[-1]):
            shown.pop()
        out.append((uid, "\u00a0\u00a0\u00a0" * len(shown) + name))
        shown.append(path)
    return out


NOT_OFFERED = _("Đơn vị đã chọn không có trong danh sách bạn được chọn vào ngày hiệu lực đã nhập.")


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, versions: QuerySet[UnitVersion], **kwargs):
        queryset, labels = _unit_choices(versions)
        kwargs.setdefault("error_messages", {"invalid_choice": NOT_OFFERED})
        super().__init__(queryset=queryset, **kwargs)
        self.choices = [("", self.empty_label), *labels]


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, versions: QuerySet[UnitVersion], **kwargs):
        queryset, labels = _unit_choices(versions)
        kwargs.setdefault("error_messages", {"invalid_choice": NOT_OFFERED})
        super().__init__(queryset=queryset, **kwargs)
        self.choices = labels


class UnitActionForm(StyledForm):
    """Base of every form here: knows the actor, the unit's current version and the date for pickers."""

    date_field = "on"

    def __init__(self, *args, actor, version: UnitVersion, as_of, **kwargs):
        super().__init__(*args, **kwargs)
        # A date outside the unit's lifetime is an error on the date field (see clean), not a
        # reason to offer no units: the pickers then list today's.
        self.unit = version.unit
        if self.unit.lifetime_error(as_of):
            as_of = today()
        self.actor, self.version, self.as_of = actor, version, as_of
        self.setup()
        self.fields[self.date_field].initial = today()
        self.style()

    def clean(self):
        cleaned = super().clean()
        on = cleaned.get(self.date_field)
        problem = on and self.unit.lifetime_error(on)
        if problem:
            self.add_error(self.date_field, problem)
        return cleaned

    def setup(self) -> None:
        """Add the fields that depend on the actor or the unit."""

    def units(self, perm: str) -> QuerySet[UnitVersion]:
        return units_for_choice(actor=self.actor, as_of=self.as_of, perm=perm)


def _on_field() -> DateField:
    return DateField(
        label=_("Ngày hiệu lực"),
        help_text=_("Thay đổi có hiệu lực từ ngày này; lịch sử trước đó được giữ nguyên."),
    )


def _kind_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(UnitKind.objects.all(), label=_("Loại đơn vị"))


class UnitCreateForm(UnitActionForm):
    date_field = "valid_from"

    code = forms.CharField(label=_("Mã đơn vị"), max_length=32, help_text=_("Không đổi được về sau."))
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=120, required=False)
    kind = _kind_field()
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    valid_from = DateField(label=_("Ngày thành lập"))

    field_order = ["code", "name", "short_name", "kind", "address", "guidance_parent", "valid_from"]

    def setup(self) -> None:
        self.fields["guidance_parent"] = UnitPickerField(
            perm="units.view", actor=self.actor, required=False, label=_("Đơn vị chỉ đạo chuyên môn")
        )
        self.order_fields(self.field_order)
        kinds = list(self.fields["kind"].queryset)
        # The usual child is the next kind down from the parent's.
        below = [k for k in kinds if k.order > self.version.kind.order]
        if below:
            self.fields["kind"].initial = below[0].pk


class UnitEditForm(UnitActionForm):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=120, required=False)
    kind = _kind_field()
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    on = _on_field()

    def setup(self) -> None:
        for name in ("name", "short_name", "kind", "address"):
            self.fields[name].initial = getattr(self.version, name)


class UnitMoveForm(UnitActionForm):
    on = _on_field()

    def setup(self) -> None:
        self.fields["parent"] = UnitPickerField(
            perm="units.manage",
            actor=self.actor,
            exclude=(self.version.unit_id,),
            label=_("Đơn vị cấp trên mới"),
        )
        self.order_fields(["parent", "on"])


class UnitGuidanceForm(UnitActionForm):
    on = _on_field()

    def setup(self) -> None:
        self.fields["guidance_parent"] = UnitPickerField(
            perm="units.view",
            actor=self.actor,
            required=False,
            label=_("Đơn vị chỉ đạo chuyên môn"),
            help_text=_("Để trống để bỏ liên kết chỉ đạo."),
            initial=self.version.guidance_parent_id,
        )
        self.order_fields(["guidance_parent", "on"])


class UnitMergeForm(UnitActionForm):
    on = _on_field()

    def setup(self) -> None:
        self.fields["merged"] = UnitMultipleChoiceField(
            # Neither the unit itself nor the units above it can be merged into it.
            self.units("units.manage").exclude(
                unit_id__in=[self.version.unit_id, *self.version.ancestor_ids()]
            ),
            label=_("Các đơn vị sáp nhập vào đơn vị này"),
            help_text=_(
                "Các đơn vị được chọn chấm dứt hoạt động; đơn vị trực thuộc và vai trò của "
                "chúng chuyển về đơn vị này."
            ),
            widget=forms.SelectMultiple(attrs={"size": 12}),
        )
        self.order_fields(["merged", "on"])


class UnitDissolveForm(UnitActionForm):
    on = _on_field()
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận giải thể đơn vị này. Đơn vị sẽ chấm dứt hoạt động từ ngày hiệu lực."),
    )


class DashboardScopeForm(StyledForm):
    """The dashboard's header (``plugin._scope`` reads the query): a unit the actor may see, through
    the searchable picker, and the year of the figures. Rendered with the scope's values."""

    YEARS = 8

    ky = forms.ChoiceField(label=_("Năm"), required=False)

    def __init__(self, *, actor, unit_id: int | None, year: int, **kwargs):
        super().__init__(initial={"unit": unit_id, "ky": str(year)}, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=UNITS_VIEW, actor=actor, label=_("Đơn vị"), required=False)
        this_year = today().year
        years = sorted({year, *range(this_year, this_year - self.YEARS, -1)}, reverse=True)
        self.fields["ky"].choices = [(str(y), str(y)) for y in years]
        self.order_fields(["unit", "ky"])
        self.style()
