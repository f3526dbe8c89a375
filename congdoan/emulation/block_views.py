"""Pages of a block's own records (``block_records``): record a meeting, the year's plan, end a
unit's membership, correct a leader or deputy. Each is the forming level's (``require_block``:
out of sight 404, a member's officer 403); the block is resolved through ``selectors.block_get``."""

from django.utils.translation import gettext_lazy

from congdoan.core.dates import display

from . import block_forms, block_records, selectors
from .views import block_write


def _meeting_choices(block) -> dict:
    return {"handovers": [f for f in selectors.block_flags(block) if not f.meeting_id]}


def _plan_choices(block) -> dict:
    return {"meetings": selectors.block_meetings(block)}


def _membership_choices(block) -> dict:
    rows = []
    for m in selectors.block_members(block):
        until = display(m.valid_to) if m.valid_to else "…"
        rows.append((m.pk, f"{m.unit_name} ({display(m.valid_from)} – {until})", m))
    return {"rows": rows}


def _officer_choices(block) -> dict:
    held = [o for o in selectors.block_officers(block) if o.valid_to is None]
    return {
        "members": selectors.block_members(block),
        "rows": [(o.pk, f"{o.year} — {o.get_role_display()} — {o.unit_name}", o) for o in held],
    }


block_meeting = block_write(
    block_forms.MeetingForm,
    block_records.block_meeting_record,
    title=gettext_lazy("Ghi hội nghị của khối"),
    done=gettext_lazy("Đã ghi hội nghị."),
    name="block_meeting",
    choices=_meeting_choices,
)
block_plan = block_write(
    block_forms.PlanForm,
    block_records.block_plan_add,
    title=gettext_lazy("Ghi kế hoạch năm của khối"),
    done=gettext_lazy("Đã ghi kế hoạch."),
    name="block_plan",
    choices=_plan_choices,
)
block_member_end = block_write(
    block_forms.MemberEndForm,
    block_records.block_member_end,
    title=gettext_lazy("Thôi là thành viên khối"),
    done=gettext_lazy("Đã ghi đơn vị thôi là thành viên."),
    name="block_member_end",
    choices=_membership_choices,
    on_block=False,
)
block_officer_correct = block_write(
    block_forms.OfficerCorrectForm,
    block_records.block_officers_correct,
    title=gettext_lazy("Điều chỉnh khối trưởng, khối phó"),
    done=gettext_lazy("Đã ghi quyết định điều chỉnh."),
    name="block_officer_correct",
    choices=_officer_choices,
    on_block=False,
)
