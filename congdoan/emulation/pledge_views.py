"""Pages of the pledges (giao ước thi đua): the list of those the actor sees (a block's, and those
between a union and the head of its agency), a pledge's page with its parties and signatories, and
the agency pledge's form (seed 004). A block's pledge is signed from the block's page
(``views.block_pledge``). Ids are resolved through ``selectors.pledge_get`` (out of reach: 404)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from congdoan.core.audit_display import audit_rows
from congdoan.organizations.permissions import guarded

from . import pledge_forms as forms
from . import pledging, selectors
from .permissions import MANAGE, VIEW
from .views import create_page, history, list_page


@guarded(VIEW)
def pledge_list(request):
    return list_page(request, forms.PledgeFilterForm, selectors.pledge_list, "emulation/pledge_list.html")


@guarded(MANAGE)
def pledge_agency_create(request):
    return create_page(
        request,
        forms.AgencyPledgeForm,
        pledging.pledge_sign_agency,
        title=_("Ký giao ước thi đua với thủ trưởng cơ quan"),
        done=_("Đã ghi %(name)s."),
        detail="emulation:pledge",
        cancel="emulation:pledges",
    )


@guarded(VIEW)
def pledge_detail(request, pledge_id: int):
    actor = request.user
    pledge = selectors.pledge_get(actor=actor, pledge_id=pledge_id)
    context = {
        "pledge": pledge,
        "parties": selectors.pledge_parties(pledge),
        "audit_rows": audit_rows(history(pledge), actor=actor),
    }
    return render(request, "emulation/pledge_detail.html", context)
