"""Reads of programmes and survey missions; each takes the actor and returns only what they may see
(``permissions``: the organising unit's subtree, the units visited, the mission's own members)."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from congdoan.members.models import OfficerPosition
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, policy

from .models import Finding, Gift, Host, Mission, MissionMember, Programme, Visit
from .permissions import MANAGE, VIEW


def _mission_q(actor) -> Q:
    """Missions organised by or visiting a unit inside the actor's ``plans.view`` reach today (merged
    units through their successors), or with the actor among the members."""
    reach = policy.reach(actor, VIEW)
    if reach.unrestricted:
        return Q()
    units = set(Mission.objects.values_list("unit_id", flat=True).distinct())
    units |= set(Visit.objects.values_list("unit_id", flat=True).distinct())
    covered = reach.covers_units(units)
    q = Q(unit_id__in=covered) | Q(pk__in=Visit.objects.filter(unit_id__in=covered).values("mission_id"))
    if getattr(actor, "pk", None):
        q |= Q(pk__in=MissionMember.objects.filter(account_id=actor.pk).values("mission_id"))
    return q


def mission_search(*, actor, q: str = "") -> QuerySet[Mission]:
    missions = Mission.objects.filter(_mission_q(actor)).select_related("plan", "report")
    if q:
        missions = missions.filter(Q(title__icontains=q) | Q(plan__number_symbol__icontains=q))
    return missions.prefetch_related(
        Prefetch("visits", queryset=Visit.objects.order_by("on", "id")),
        Prefetch(
            "members", queryset=MissionMember.objects.filter(is_head=True).select_related("position__person")
        ),
    )


def mission_get(*, actor, mission_id: int) -> Mission:
    """A mission the actor may see, with everything its page shows, or 404."""
    mission = get_visible_or_404(
        Mission.objects.filter(_mission_q(actor)).select_related("plan", "report"), pk=mission_id
    )
    return mission


def mission_detail(mission: Mission) -> Mission:
    """Members, visits with hosts, findings and gifts of a mission already resolved for the actor."""
    mission.member_rows = list(
        mission.members.select_related("position__person", "position__position", "account")
    )
    mission.visit_rows = list(
        mission.visits.order_by("on", "id").prefetch_related(
            Prefetch("hosts", queryset=Host.objects.order_by("id"))
        )
    )
    mission.finding_rows = list(Finding.objects.filter(mission=mission).select_related("area", "visit"))
    mission.gift_rows = list(Gift.objects.filter(mission=mission).select_related("visit"))
    mission.programme_rows = list(mission.programmes.select_related("document").prefetch_related("parties"))
    names = names_on({v.unit_id: v.on for v in mission.visit_rows})
    for visit in mission.visit_rows:
        visit.unit_name = names.get(visit.unit_id, "")
    positions = names_on({m.position.unit_id: mission.starts_on for m in mission.member_rows})
    for member in mission.member_rows:
        member.unit_name = positions.get(member.position.unit_id, "")
    mission.unit_name = names_on({mission.unit_id: mission.starts_on}).get(mission.unit_id, "")
    return mission


def may_manage(actor, record: Mission | Programme) -> bool:
    """Whether the pages offer the actor to change a mission or a programme: ``plans.manage`` over its
    unit today and on its first day, as the services require."""
    on = record.starts_on if isinstance(record, Mission) else record.valid_from
    return policy.can_dated(actor, MANAGE, record.unit_id, on)


def names_on(dates: dict[int, dt.date]) -> dict[int, str]:
    """Each unit's name on its date (as the tree read then), or its nearest name; one query."""
    names: dict[int, tuple[int, str]] = {}
    for unit_id, name, start, end in UnitVersion.objects.filter(unit_id__in=dates).values_list(
        "unit_id", "name", "valid_from", "valid_to"
    ):
        on = dates[unit_id]
        rank = 0 if start <= on and (end is None or on < end) else abs((start - on).days) + 1
        if unit_id not in names or rank < names[unit_id][0]:
            names[unit_id] = (rank, name)
    return {uid: name for uid, (_, name) in names.items()}


def officer_choices(*, actor, mission_unit_id: int, starts_on: dt.date, ends_on: dt.date) -> QuerySet:
    """Union officers who may sit on a mission of the unit: a position held over the whole mission in
    a unit of its subtree (on ``starts_on``), when the actor may manage the unit's missions."""
    if not policy.can(actor, MANAGE, mission_unit_id, starts_on):
        return OfficerPosition.objects.none()
    top = (
        UnitVersion.objects.active(starts_on)
        .filter(unit_id=mission_unit_id)
        .values_list("path", flat=True)
        .first()
    )
    if top is None:
        return OfficerPosition.objects.none()
    subtree = UnitVersion.objects.active(starts_on).filter(path__startswith=top).values("unit_id")
    return (
        OfficerPosition.objects.filter(unit_id__in=subtree, valid_from__lte=starts_on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=ends_on))
        .select_related("person", "position")
        .order_by("person__name_folded", "id")
    )


# -- programmes ----------------------------------------------------------------------------------


def _programme_q(actor) -> Q:
    reach = policy.reach(actor, VIEW)
    if reach.unrestricted:
        return Q()
    through = Programme.parties.through
    units = set(Programme.objects.values_list("unit_id", flat=True).distinct())
    units |= set(through.objects.values_list("unit_id", flat=True).distinct())
    covered = reach.covers_units(units)
    return Q(unit_id__in=covered) | Q(
        pk__in=through.objects.filter(unit_id__in=covered).values("programme_id")
    )


def programme_search(*, actor) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(_programme_q(actor))
        .select_related("document")
        .prefetch_related("parties", "areas")
    )


def programme_get(*, actor, programme_id: int) -> Programme:
    return get_visible_or_404(programme_search(actor=actor), pk=programme_id)


# -- units a mission may visit, a programme may bind ---------------------------------------------


def partner_unit_q(*, actor, on: dt.date) -> Q:
    """Units the actor may name as a programme's party or a mission's destination on ``on``: those in
    their ``plans.view`` reach, the units their reach guides professionally (a CĐVC tỉnh guided by CĐVC
    Việt Nam) and those units' managing federations (its LĐLĐ tỉnh): the two upward links a
    coordination programme joins (domain.md). A filter on ``Unit``."""
    reach = policy.reach(actor, VIEW, on)
    if reach.unrestricted:
        return Q()
    own = UnitVersion.objects.active(on).filter(reach.q("path")).values("unit_id")
    guided = UnitVersion.objects.active(on).filter(guidance_parent_id__in=own)
    return Q(pk__in=own) | Q(pk__in=guided.values("unit_id")) | Q(pk__in=guided.values("parent_id"))


def partner_choices(*, actor, on: dt.date) -> list[tuple[int, str]]:
    """(unit id, name on ``on``) of ``partner_unit_q``, in tree order; one query."""
    from congdoan.organizations.models import Unit

    units = Unit.objects.filter(partner_unit_q(actor=actor, on=on)).values("pk")
    return list(
        UnitVersion.objects.active(on)
        .filter(unit_id__in=units)
        .order_by("path")
        .values_list("unit_id", "name")
    )


def document_choices(*, actor, kind: str | None = None):
    """Issued documents of the units in the actor's ``plans.view`` reach today (a plan, a programme's
    signing document), of the kind code ``kind`` when given: what a form offers and what an id sent
    to the API may name."""
    from congdoan.documents.models import Document, Status

    reach = policy.reach(actor, VIEW)
    units = UnitVersion.objects.filter(reach.q("path")).values("unit_id")
    kinds = {} if kind is None else {"kind__code": kind}
    return (
        Document.objects.filter(status=Status.ISSUED, unit_id__in=units, **kinds)
        .select_related("kind")
        .order_by("-signed_on", "-id")
    )


def officer_positions(*, actor):
    """Officer positions held in units of the actor's ``plans.manage`` reach (any period): what the
    mission form offers; the service checks the dates and the organising unit's subtree."""
    reach = policy.reach(actor, MANAGE)
    units = UnitVersion.objects.filter(reach.q("path")).values("unit_id")
    return (
        OfficerPosition.objects.filter(unit_id__in=units)
        .select_related("person", "position")
        .order_by("person__name_folded", "-valid_from")
    )


def visit_choices(*, actor, mission: Mission) -> list[tuple[int, str]]:
    """Units the mission may visit: the actor's partners (``partner_unit_q``) and the parties of the
    programmes it surveys, as the tree stood on the mission's first day."""
    from congdoan.organizations.models import Unit

    parties = Programme.parties.through.objects.filter(programme__missions=mission).values("unit_id")
    units = Unit.objects.filter(partner_unit_q(actor=actor, on=mission.starts_on) | Q(pk__in=parties)).values(
        "pk"
    )
    return list(
        UnitVersion.objects.active(mission.starts_on)
        .filter(unit_id__in=units)
        .order_by("path")
        .values_list("unit_id", "name")
    )
