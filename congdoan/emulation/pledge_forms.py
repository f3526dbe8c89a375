"""Forms of the pledges' pages: the list's filters and the pledge with the head of an agency."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.forms import DateField, StyledForm
from congdoan.organizations.fields import UnitPickerField

from .forms import BlockFilterForm, _year_field
from .permissions import MANAGE

# -- pledges between a union and the head of its agency --------------------------------------------


class PledgeFilterForm(BlockFilterForm):
    q = forms.CharField(label=_("Tên giao ước"), required=False, max_length=100)


class AgencyPledgeForm(StyledForm):
    """Giao ước thi đua between a union and the head of its agency (``pledging.pledge_sign_agency``)."""

    year = _year_field(required=True)
    title = forms.CharField(label=_("Tên giao ước"), max_length=255)
    signed_on = DateField(label=_("Ngày ký"))
    place = forms.CharField(label=_("Nơi ký"), required=False, max_length=255)
    agency = forms.CharField(label=_("Cơ quan, đơn vị"), max_length=255)
    head_name = forms.CharField(label=_("Thủ trưởng cơ quan (họ và tên)"), max_length=150)
    head_position = forms.CharField(
        label=_("Chức vụ thủ trưởng"), required=False, max_length=150, help_text=_("Ví dụ: Giám đốc.")
    )
    union_signatory = forms.CharField(label=_("Người ký thay mặt công đoàn"), max_length=150)
    union_position = forms.CharField(
        label=_("Chức vụ người ký thay mặt công đoàn"),
        required=False,
        max_length=150,
        help_text=_("Ví dụ: Chủ tịch công đoàn."),
    )
    targets = forms.CharField(
        label=_("Nội dung, chỉ tiêu"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Công đoàn ký giao ước"))
        self.order_fields(
            ["unit", "year", "title", "signed_on", "place", "agency", "head_name", "head_position"]
        )
        self.style()
