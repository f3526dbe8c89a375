"""Members follow the organisation tree: mergers carry them to the survivor and end the merged
units' officer positions, moves rewrite the denormalised paths, and a unit with members cannot be
dissolved."""

from django.core.exceptions import ValidationError
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.dispatch import receiver
from django.utils.translation import gettext as _

from congdoan.core.dates import display, today
from congdoan.core.numbers import format_number
from congdoan.organizations.signals import subtree_moved, unit_dissolving, units_closing, units_merged

from .models import IN_UNIT, Membership, OfficerPosition, Person, Status, Transfer
from .services import end_position


@receiver(units_closing)
def refuse_closing_before_member_history(sender, *, actor, units, on, **kwargs):
    """A merger or dissolution dated before a join, transfer, planned change or position recorded
    later in the unit would leave those people in a unit that no longer exists (and counted
    nowhere): the closing date must come after them."""
    firsts = [
        Membership.objects.filter(unit__in=units, valid_from__gt=on)
        .order_by("valid_from")
        .values_list("valid_from", flat=True),
        Membership.objects.filter(unit__in=units, valid_to__gt=on, valid_from__lte=on)
        .exclude(end_status="")
        .order_by("valid_to")
        .values_list("valid_to", flat=True),
        Transfer.objects.filter(to_unit__in=units, on__gt=on, state=Transfer.State.PENDING)
        .order_by("on")
        .values_list("on", flat=True),
        OfficerPosition.objects.filter(unit__in=units, valid_from__gt=on)
        .order_by("valid_from")
        .values_list("valid_from", flat=True),
    ]
    later = sorted(d for q in firsts for d in q[:1])
    if later:
        raise ValidationError(
            {
                "on": _(
                    "Đơn vị có quá trình sinh hoạt hoặc chức vụ của đoàn viên ghi từ ngày %(d)s, sau ngày "
                    "chấm dứt này; hãy chọn ngày chấm dứt từ sau ngày đó."
                )
                % {"d": display(later[0])}
            }
        )


@receiver(units_merged)
def carry_members_to_survivor(sender, *, actor, survivor, merged, on, **kwargs):
    open_periods = list(Membership.objects.active(on).filter(unit__in=merged, valid_to__isnull=True))
    if not open_periods:
        return
    version = survivor.version_on(on)
    for period in open_periods:
        period.valid_to, period.end_status = on, Status.TRANSFERRED
        period.end_note = _("Sáp nhập vào %(u)s") % {"u": version.name}
    Membership.objects.bulk_update(open_periods, ["valid_to", "end_status", "end_note"], batch_size=1000)
    Membership.objects.bulk_create(
        [
            Membership(
                person_id=p.person_id,
                unit=survivor,
                card_number=p.card_number,
                status=p.status,
                valid_from=on,
                first=False,  # the period it follows began earlier
                sex=p.sex,
            )
            for p in open_periods
        ],
        batch_size=1000,
    )
    if on <= today():
        Person.objects.filter(pk__in=[p.person_id for p in open_periods]).update(
            unit=survivor, unit_path=version.path
        )


@receiver(units_merged)
def end_positions_in_merged_units(sender, *, actor, survivor, merged, on, **kwargs):
    """The merged units' executive committees end with them; the survivor's officers stay."""
    for held in OfficerPosition.objects.active(on).filter(unit__in=merged, valid_to__isnull=True):
        end_position(actor, held, on)


@receiver(subtree_moved)
def rewrite_member_paths(sender, *, old_path, new_path, on, **kwargs):
    # The denormalised path is today's; a move dated in the future is applied by
    # daily task `refresh_members_daily` (or `manage.py refresh_members`) once its day has come.
    if on > today():
        return
    Person.objects.filter(unit_path__startswith=old_path).update(
        unit_path=Concat(Value(new_path), Substr(F("unit_path"), len(old_path) + 1))
    )


@receiver(unit_dissolving)
def refuse_dissolving_unit_with_members(sender, *, actor, unit, on, **kwargs):
    count = Membership.objects.active(on).filter(unit=unit, status__in=IN_UNIT).count()
    if count:
        raise ValidationError(
            {
                "on": _(
                    "Đơn vị còn %(n)s đoàn viên đang sinh hoạt vào ngày này; hãy chuyển sinh hoạt hoặc "
                    "cho ra khỏi tổ chức trước khi giải thể."
                )
                % {"n": format_number(count)}
            }
        )
