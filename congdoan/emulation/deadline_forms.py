"""Forms setting a movement's registration deadline for a year and granting an extension."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.forms import DateField, StyledForm
from congdoan.organizations.fields import UnitPickerField

from .deadlines import registration_year
from .forms import _year_field
from .permissions import MANAGE

# -- deadlines per year and extensions -------------------------------------------------------------


class DeadlineForm(StyledForm):
    """Đặt hạn đăng ký of a year of a movement (``deadlines.deadline_set``)."""

    year = _year_field(_("Năm đăng ký"), required=True)
    deadline = DateField(label=_("Hạn đăng ký"))
    note = forms.CharField(
        label=_("Căn cứ"), required=False, max_length=255, help_text=_("Ví dụ: Công văn số 15/CĐVC.")
    )

    def __init__(self, data=None, *, movement=None, **kwargs):
        super().__init__(data, **kwargs)
        if movement is not None:
            self.fields["year"].initial = registration_year(movement)
        self.style()


class ExtensionForm(StyledForm):
    """Gia hạn đăng ký for a unit (``deadlines.extension_grant``)."""

    year = _year_field(_("Năm đăng ký"), required=True)
    until = DateField(label=_("Gia hạn đến ngày"))
    reason = forms.CharField(
        label=_("Lý do gia hạn"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, actor, movement=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị được gia hạn"))
        if movement is not None:
            self.fields["year"].initial = registration_year(movement)
        self.order_fields(["unit", "year", "until", "reason"])
        self.style()
