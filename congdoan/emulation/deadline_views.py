"""Pages setting a movement's registration deadline for a year and granting a unit an extension
(``deadlines``). The movement is resolved through its selector (out of reach: 404); the services
ask the policy (403)."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from congdoan.core.dates import display
from congdoan.core.forms import posted
from congdoan.organizations.permissions import guarded

from . import deadline_forms as forms
from . import deadlines, selectors
from .permissions import MANAGE
from .views import form_page


@guarded(MANAGE)
def deadline_set(request, movement_id: int):
    actor = request.user
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    detail = reverse("emulation:movement", args=[movement.pk])
    form = forms.DeadlineForm(posted(request), movement=movement)

    def run(d):
        row = deadlines.deadline_set(actor=actor, movement=movement, **d)
        messages.success(
            request, _("Hạn đăng ký năm %(y)s: %(d)s.") % {"y": row.year, "d": display(row.deadline)}
        )
        return detail

    return form_page(request, form, run, title=_("Đặt hạn đăng ký"), intro=movement.name, cancel_url=detail)


@guarded(MANAGE)
def extension_grant(request, movement_id: int):
    actor = request.user
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    detail = reverse("emulation:movement", args=[movement.pk])
    form = forms.ExtensionForm(posted(request), actor=actor, movement=movement)

    def run(d):
        extension = deadlines.extension_grant(actor=actor, movement=movement, **d)
        messages.success(
            request,
            _("Đã gia hạn đăng ký cho %(unit)s đến ngày %(d)s.")
            % {"unit": extension.unit, "d": display(extension.until)},
        )
        return detail

    return form_page(request, form, run, title=_("Gia hạn đăng ký"), intro=movement.name, cancel_url=detail)
