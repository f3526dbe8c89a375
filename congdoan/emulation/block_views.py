"""Pages of a block's own records (``block_records``): record a meeting, the year's plan, end a
unit's membership, correct a leader or deputy. Each is the forming level's (``require_block``:
out of sight 404, a member's officer 403); the block is resolved through ``selectors.block_get``."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext_lazy

from congdoan.core.dates import display
from congdoan.core.forms import posted
from congdoan.organizations.permissions import guarded

from . import block_forms, block_records, selectors
from .permissions import MANAGE, require_block
from .views import form_page


def _choices(block) -> dict:
    """What each form chooses among, read only for the form that needs it."""
    return {
        block_forms.MeetingForm: lambda: {
            "handovers": [f for f in selectors.block_flags(block) if not f.meeting_id]
        },
        block_forms.PlanForm: lambda: {"meetings": selectors.block_meetings(block)},
        block_forms.MemberEndForm: lambda: {
            "rows": [
                (
                    m.pk,
                    f"{m.unit_name} ({display(m.valid_from)} – {display(m.valid_to) if m.valid_to else '…'})",
                    m,
                )
                for m in selectors.block_members(block)
            ]
        },
        block_forms.OfficerCorrectForm: lambda: {
            "members": selectors.block_members(block),
            "rows": [
                (o.pk, f"{o.year} — {o.get_role_display()} — {o.unit_name}", o)
                for o in selectors.block_officers(block)
                if o.valid_to is None
            ],
        },
    }


def _record_page(form_class, service, *, title, done, name: str, with_block: bool = True):
    @guarded(MANAGE)
    def view(request, block_id: int):
        actor = request.user
        block = selectors.block_get(actor=actor, block_id=block_id)
        require_block(actor, block)
        detail = reverse("emulation:block", args=[block.pk])
        form = form_class(posted(request), actor=actor, **_choices(block)[form_class]())

        def run(d):
            arguments = form.arguments()
            if with_block:
                arguments["block"] = block
            service(actor=actor, **arguments)
            messages.success(request, done)
            return detail

        return form_page(request, form, run, title=title, intro=block.name, cancel_url=detail)

    view.__name__ = view.__qualname__ = name
    return view


block_meeting = _record_page(
    block_forms.MeetingForm,
    block_records.block_meeting_record,
    title=gettext_lazy("Ghi hội nghị của khối"),
    done=gettext_lazy("Đã ghi hội nghị."),
    name="block_meeting",
)
block_plan = _record_page(
    block_forms.PlanForm,
    block_records.block_plan_add,
    title=gettext_lazy("Ghi kế hoạch năm của khối"),
    done=gettext_lazy("Đã ghi kế hoạch."),
    name="block_plan",
)
block_member_end = _record_page(
    block_forms.MemberEndForm,
    block_records.block_member_end,
    title=gettext_lazy("Thôi là thành viên khối"),
    done=gettext_lazy("Đã ghi đơn vị thôi là thành viên."),
    name="block_member_end",
    with_block=False,
)
block_officer_correct = _record_page(
    block_forms.OfficerCorrectForm,
    block_records.block_officers_correct,
    title=gettext_lazy("Điều chỉnh khối trưởng, khối phó"),
    done=gettext_lazy("Đã ghi quyết định điều chỉnh."),
    name="block_officer_correct",
    with_block=False,
)
