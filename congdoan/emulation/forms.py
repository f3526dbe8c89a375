"""Forms of the emulation module. Field names are the services' error keys, so a service's error
lands on its field; unit pickers offer only the units the actor may use (the services check again)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.forms import DateField, StyledForm
from congdoan.organizations.fields import UnitPickerField

from .models import Movement, Registration
from .permissions import MANAGE

YEAR_HELP = _("Ví dụ: 2022.")
YEAR = _("Năm")


def _year_field(label=YEAR, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1900,
        max_value=2100,
        help_text=YEAR_HELP if required else "",
        error_messages={
            "invalid": _("Năm: hãy nhập một số, ví dụ 2022."),
            "min_value": _("Năm: không được trước %(limit_value)s."),
            "max_value": _("Năm: không được sau %(limit_value)s."),
        },
    )


class MovementFilterForm(StyledForm):
    q = forms.CharField(label=_("Tên phong trào"), required=False, max_length=100)
    year = _year_field()
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("(tất cả)")), *Movement.Kind.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class MovementForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=Movement.Kind.choices, initial=Movement.Kind.MOVEMENT)
    name = forms.CharField(label=_("Tên phong trào"), max_length=255)
    starts_on = DateField(label=_("Từ ngày"))
    ends_on = DateField(label=_("Đến ngày"))
    deadline = DateField(label=_("Hạn đăng ký"), required=False)
    plan_reference = forms.CharField(
        label=_("Kế hoạch phát động (số, ký hiệu)"),
        required=False,
        max_length=100,
        help_text=_("Ví dụ: 92/KH-CĐVC."),
    )
    description = forms.CharField(
        label=_("Nội dung"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị phát động"))
        self.order_fields(["unit", "kind", "name", "starts_on", "ends_on", "deadline", "plan_reference"])
        self.style()


class RegistrationForm(StyledForm):
    targets = forms.CharField(
        label=_("Chỉ tiêu, danh hiệu đăng ký"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, data=None, *, actor, with_unit: bool = True, **kwargs):
        super().__init__(data, **kwargs)
        if with_unit:
            self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị đăng ký"))
            self.order_fields(["unit", "targets"])
        self.style()


class RegistrationFilterForm(StyledForm):
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("(tất cả)")), *Registration.State.choices]
    )
    year = _year_field()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
