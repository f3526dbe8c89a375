"""The fields a movement's launch and edit pages share: its criteria (one per line) and its
participating units (``terms``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.forms import StyledForm
from congdoan.organizations.forms import UnitMultipleChoiceField
from congdoan.organizations.selectors import units_for_choice

from . import terms
from .permissions import VIEW


def add_terms_fields(form: forms.Form, actor) -> None:
    form.fields["criteria"] = forms.CharField(
        label=_("Tiêu chí"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=terms.CRITERIA_HELP,
    )
    form.fields["units"] = UnitMultipleChoiceField(
        units_for_choice(actor=actor, perm=VIEW),
        label=_("Đơn vị tham gia"),
        required=False,
        help_text=_("Để trống: mọi đơn vị trực thuộc đơn vị phát động đều đăng ký được."),
    )


class TermsMixin:
    def clean_criteria(self):
        rows, error = terms.criteria_from_text(self.cleaned_data.get("criteria", ""))
        if error:
            raise forms.ValidationError(error)
        return rows


class MovementEditForm(TermsMixin, StyledForm):
    name = forms.CharField(label=_("Tên phong trào"), max_length=255)
    plan_reference = forms.CharField(
        label=_("Kế hoạch phát động (số, ký hiệu)"), required=False, max_length=100
    )
    description = forms.CharField(
        label=_("Nội dung"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *, actor, movement, **kwargs):
        initial = {
            "name": movement.name,
            "plan_reference": movement.plan_reference,
            "description": movement.description,
            "criteria": terms.criteria_text(movement),
            "units": list(movement.participants.values_list("unit_id", flat=True)),
        }
        super().__init__(data, initial=initial, **kwargs)
        add_terms_fields(self, actor)
        self.style()
