"""Reads of the emulation module. Every selector takes the actor and returns only what the policy
lets them see (out of reach: 404 through ``get_visible_or_404``)."""

import datetime as dt

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from congdoan.core.dates import today
from congdoan.documents.selectors import document_for_link
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, policy
from congdoan.organizations.selectors import subtree_units

from . import models
from .models import Block, BlockMember, Movement, Pledge, PledgeParty, Registration, ScoreSheet
from .permissions import VIEW


def unit_name(field: str = "unit") -> Subquery:
    """The latest name of the unit in ``field`` (one subquery, so a list stays one query)."""
    return Subquery(
        UnitVersion.objects.filter(unit_id=OuterRef(field)).order_by("-valid_from").values("name")[:1]
    )


def reached_unit_ids(actor, perm: str = VIEW, on: dt.date | None = None) -> QuerySet:
    """The ids of the units in the actor's reach for ``perm`` on ``on`` (a subquery)."""
    return policy.visible_units(actor, perm, on or today()).values("unit_id")


def ancestor_ids(actor, perm: str = VIEW, on: dt.date | None = None) -> set[int]:
    """The units above the actor's grants (the levels whose movements reach the actor's units)."""
    reach = policy.reach(actor, perm, on or today())
    return {int(s) for p in reach.paths for s in p.rstrip("/").split("/")}


# -- movements -------------------------------------------------------------------------------------


def movement_search(
    *, actor, q: str = "", year: int | None = None, kind: str = "", unit_id: int | None = None
) -> QuerySet[Movement]:
    """Movements launched by a unit in the actor's reach or by a level above it (the actor's units
    take part in those). Filters: name, the year the period touches, kind, launching unit."""
    qs = Movement.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(Q(unit_id__in=reached_unit_ids(actor)) | Q(unit_id__in=ancestor_ids(actor)))
    if q:
        qs = qs.filter(name__icontains=q)
    if year:
        qs = qs.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.annotate(unit_name=unit_name()).order_by("-starts_on", "name", "id")


def sheet_search(*, actor) -> QuerySet[ScoreSheet]:
    """Scoring sheets of the levels in the actor's reach or above it (their rules apply below)."""
    qs = ScoreSheet.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(Q(unit_id__in=reached_unit_ids(actor)) | Q(unit_id__in=ancestor_ids(actor)))
    return qs.annotate(unit_name=unit_name(), criteria_count=Count("criteria")).order_by("-valid_from", "id")


def sheet_get(*, actor, sheet_id: int) -> ScoreSheet:
    return get_visible_or_404(sheet_search(actor=actor), pk=sheet_id)


def movement_get(*, actor, movement_id: int) -> Movement:
    return get_visible_or_404(movement_search(actor=actor), pk=movement_id)


# -- registrations ---------------------------------------------------------------------------------


def registration_search(
    *, actor, movement: Movement | None = None, state: str = "", year: int | None = None
) -> QuerySet[Registration]:
    """Registrations of the units in the actor's reach (a unit's own, and those of the units below
    the actor's grants)."""
    qs = Registration.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(unit_id__in=reached_unit_ids(actor))
    if movement is not None:
        qs = qs.filter(movement=movement)
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(movement__starts_on__year__lte=year, movement__ends_on__year__gte=year)
    return (
        qs.select_related("movement")
        .annotate(unit_name=unit_name())
        .order_by("movement__starts_on", "unit_name", "id")
    )


def registration_get(*, actor, registration_id: int) -> Registration:
    return get_visible_or_404(registration_search(actor=actor), pk=registration_id)


# -- blocks ----------------------------------------------------------------------------------------


def block_search(*, actor, q: str = "", year: int | None = None) -> QuerySet[Block]:
    """Blocks formed by a unit in the actor's reach, or with a member unit in it: a member's
    officers see the block's own records (members, leaders, flag, ranking), not the other
    members' registers. ``year``: blocks in force some day of that year."""
    qs = Block.objects.all()
    if not policy.is_unrestricted(actor):
        reached = reached_unit_ids(actor)
        qs = qs.filter(
            Q(unit_id__in=reached)
            | Q(pk__in=BlockMember.objects.filter(unit_id__in=reached).values("block_id"))
        )
    if q:
        qs = qs.filter(name__icontains=q)
    if year:
        qs = qs.filter(valid_from__lt=dt.date(year + 1, 1, 1)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=dt.date(year, 1, 1))
        )
    return qs.annotate(unit_name=unit_name()).order_by("name", "id")


def block_get(*, actor, block_id: int) -> Block:
    return get_visible_or_404(block_search(actor=actor), pk=block_id)


def linked_documents(*, actor, obj, role: str | None = None) -> list:
    """The documents linked to ``obj`` that the actor may see (one query)."""
    return list(document_for_link(actor=actor, obj=obj, role=role).order_by("signed_on", "pk"))


def block_members(block: Block, year: int | None = None) -> list[BlockMember]:
    """The block's memberships (those touching ``year`` when given), with unit names: one query."""
    qs = block.members.all()
    if year:
        qs = qs.filter(valid_from__lt=dt.date(year + 1, 1, 1)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=dt.date(year, 1, 1))
        )
    return list(qs.annotate(unit_name=unit_name()).order_by("valid_from", "unit_name", "id"))


def block_officers(block: Block) -> list[models.BlockOfficer]:
    return list(block.officers.annotate(unit_name=unit_name()).order_by("-year", "role", "unit_name"))


def block_flags(block: Block) -> list[models.FlagHandover]:
    return list(
        block.flags.annotate(from_name=unit_name("from_unit"), to_name=unit_name("to_unit")).order_by("-year")
    )


def block_pledges(block: Block) -> list[Pledge]:
    return list(
        block.pledges.annotate(party_count=Count("parties"))
        .prefetch_related(Prefetch("parties", queryset=PledgeParty.objects.annotate(unit_name=unit_name())))
        .order_by("-year", "id")
    )


# -- figures (core.figures) ------------------------------------------------------------------------


def registration_figure_values(query) -> dict[int, dict[str, int]]:
    """``emulation.registrations``: registrations sent (sent, returned or accepted) by each unit of
    the subtree for movements running in the period; ``emulation.registrations_accepted``: those
    accepted. One grouped query."""
    rows = (
        Registration.objects.filter(
            unit_id__in=subtree_units(query.path, query.as_of),
            movement__starts_on__lte=query.period.end,
            movement__ends_on__gte=query.period.start,
        )
        .exclude(state=Registration.State.DRAFT)
        .values("unit_id")
        .annotate(
            sent=Count("id"),
            accepted=Count("id", filter=Q(state=Registration.State.ACCEPTED)),
        )
        .order_by()
    )
    values: dict[int, dict[str, int]] = {}
    for r in rows:
        values[r["unit_id"]] = {
            "emulation.registrations": r["sent"],
            "emulation.registrations_accepted": r["accepted"],
        }
    return values
