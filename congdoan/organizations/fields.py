"""The unit picker: a form field for one unit, searched by name instead of a list of the whole scope.

``UnitPickerField(perm="members.manage", actor=..., only="members.holding")`` renders a search box
(with or without diacritics), a hidden input holding the unit's id and a results list filled
through HTMX from ``organizations:choices`` (``selectors.unit_choices``: the actor's reach for
``perm`` as of today, narrowed by the registered filter ``only``, without ``exclude``). Without
JavaScript the hidden id can still be submitted. The field validates the submitted id against the
same reach: an id outside it is refused with a message naming the field; ``clean`` returns the
``Unit``.
"""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today

from .models import Unit, UnitVersion
from .selectors import unit_choices

SEARCH_HINT = _("Gõ tên đơn vị để tìm")


class UnitPicker(forms.Widget):
    template_name = "organizations/widgets/unit_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.field = None  # the UnitPickerField it belongs to

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.field
        chosen = field.chosen(value) if field is not None else None
        context["widget"].update(
            {
                "value": chosen.unit_id if chosen else "",
                "label": chosen.name if chosen else "",
                "url": field.url() if field is not None else "",
                "placeholder": field.empty_label if field is not None else "",
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class UnitPickerField(forms.Field):
    widget = UnitPicker
    default_error_messages = {
        "invalid": _("%(field)s: '%(value)s' không phải là mã số đơn vị."),
        "out_of_reach": _("%(field)s: đơn vị đã chọn không có trong danh sách bạn được chọn."),
    }

    def __init__(
        self,
        *,
        perm: str,
        actor=None,
        only: str = "",
        exclude: tuple[int, ...] = (),
        empty_label=SEARCH_HINT,
        closed: bool = False,
        **kwargs,
    ):
        """``closed=True``: a unit closed since (merged, dissolved) is accepted too when the actor's
        reach today covers the path it closed with, for pages that read the past (a 2022 report of
        a union merged in 2025); the picker's search still offers today's units."""
        self.perm, self.actor, self.only, self.exclude = perm, actor, only, tuple(exclude)
        self.closed = closed
        self.empty_label = empty_label
        super().__init__(**kwargs)
        self.widget.field = self

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        result.exclude = copy.copy(self.exclude)
        return result

    def options(self, q: str = "", *, ids=None, limit: int | None = None) -> list[UnitVersion]:
        """What the picker offers this actor (all of it without ``limit``)."""
        if self.actor is None:
            return []
        return unit_choices(
            actor=self.actor, perm=self.perm, q=q, only=self.only, exclude=self.exclude, ids=ids, limit=limit
        )

    def url(self) -> str:
        params = {"perm": self.perm, "only": self.only, "exclude": ",".join(map(str, self.exclude))}
        return f"{reverse('organizations:choices')}?{urlencode({k: v for k, v in params.items() if v})}"

    def _id(self, value) -> int | None:
        if isinstance(value, Unit):
            return value.pk
        if value in self.empty_values:
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            return None

    def chosen(self, value) -> UnitVersion | None:
        unit_id = self._id(value)
        found = self.options(ids=[unit_id], limit=1) if unit_id else []
        return found[0] if found else None

    def to_python(self, value) -> Unit | None:
        if value in self.empty_values:
            return None
        unit_id = self._id(value)
        params = {"field": self.label or "", "value": value}
        if unit_id is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params=params)
        if self.chosen(unit_id) is None and not self._closed_in_reach(unit_id):
            raise ValidationError(self.error_messages["out_of_reach"], code="out_of_reach", params=params)
        return Unit.objects.get(pk=unit_id)

    def _closed_in_reach(self, unit_id: int) -> bool:
        from .permissions import policy

        if not self.closed or self.actor is None:
            return False
        unit = Unit.objects.filter(pk=unit_id).first()
        return (
            unit is not None
            and unit.lifetime_error(today()) is not None
            and policy.can(self.actor, self.perm, unit)
        )

    def prepare_value(self, value):
        return self._id(value)
