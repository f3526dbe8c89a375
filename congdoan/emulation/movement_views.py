"""Pages of a launched movement's terms: the edit page (name, content, criteria, participating
units) for the launching level. The movement is resolved through its selector (404 out of reach);
without ``emulation.manage`` on the launching unit, 403."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from congdoan.core.forms import posted
from congdoan.organizations.permissions import guarded

from . import movements, selectors
from .movement_forms import MovementEditForm
from .permissions import MANAGE
from .views import form_page


@guarded(MANAGE)
def movement_edit(request, movement_id: int):
    actor = request.user
    movement = selectors.movement_get(actor=actor, movement_id=movement_id)
    movements.require_launcher(actor, movement)
    form = MovementEditForm(posted(request), actor=actor, movement=movement)

    def run(d):
        movements.movement_update(actor=actor, movement=movement, **d)
        messages.success(request, _("Đã lưu %(name)s.") % {"name": movement.name})
        return reverse("emulation:movement", args=[movement.pk])

    url = reverse("emulation:movement", args=[movement.pk])
    return form_page(
        request, form, run, title=_("Sửa phong trào thi đua"), intro=movement.name, cancel_url=url
    )
