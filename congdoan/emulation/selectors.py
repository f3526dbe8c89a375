"""Reads of the emulation module. Every selector takes the actor and returns only what the policy
lets them see (out of reach: 404 through ``get_visible_or_404``)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.core.rules import register_rule
from congdoan.documents.selectors import document_for_link
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, policy
from congdoan.organizations.selectors import subtree_units

from . import models
from .models import Block, BlockMember, Movement, Pledge, PledgeParty, Registration, ScoreSheet
from .permissions import VIEW, block_q, score_q

# The proposals that follow a block's ranking (issue 11 §5: "proposes the leader of each block for
# the block's Cờ thi đua and the next ones for Bằng khen"; the VGCL's emulation guidance for the
# khối/cụm: the block's first is proposed for the flag, the next two for the certificate). Data with
# validity dates (core.rules, admin "Giá trị quy định"): a level that changes the counts records a
# new value from a date, and a past year keeps the counts of its 31/12.
PROPOSAL_COUNTS = register_rule(
    "emulation.block_proposals",
    {"flag": 1, "certificate": 2},
    gettext_lazy("Số đơn vị dẫn đầu khối được đề nghị Cờ thi đua (flag) và Bằng khen (certificate)"),
    source="Issue 11 §5; hướng dẫn công tác thi đua, khen thưởng của Tổng Liên đoàn (khối, cụm thi đua)",
)
FLAG, CERTIFICATE = "co-thi-dua", "bang-khen"


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


def movement_criteria(movement: Movement) -> list:
    """The criteria of a movement the caller resolved through ``movement_get`` (one query)."""
    return list(movement.criteria.all())


def movement_participants(movement: Movement) -> list:
    """The participating units of a movement the caller resolved (one query, names included)."""
    return list(movement.participants.annotate(unit_name=unit_name()).order_by("unit_name", "id"))


def movement_deadlines(movement: Movement) -> list:
    """Every deadline the movement has had, year by year, the one in force first (one query)."""
    return list(movement.deadlines.order_by("year", "-valid_from", "-id"))


def movement_extensions(*, actor, movement: Movement) -> list:
    """The extensions granted for the movement to the units in the actor's reach (the launching
    level reaches them all), latest first, with the unit's name (one query)."""
    qs = movement.extensions.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(unit_id__in=reached_unit_ids(actor))
    return list(
        qs.select_related("granted_by").annotate(unit_name=unit_name()).order_by("year", "-granted_at")
    )


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
        qs = qs.filter(year=year)  # the year registered for (a movement may run several)
    return (
        qs.select_related("movement")
        .annotate(unit_name=unit_name())
        .order_by("movement__starts_on", "unit_name", "id")
    )


def registration_get(*, actor, registration_id: int) -> Registration:
    return get_visible_or_404(registration_search(actor=actor), pk=registration_id)


# -- blocks ----------------------------------------------------------------------------------------


def block_search(*, actor, q: str = "", year: int | None = None) -> QuerySet[Block]:
    """Blocks in the actor's sight (``permissions.block_q``: formed by a unit in their reach, or with
    a member unit in it): a member's officers see the block's own records (members, leaders, flag,
    ranking), not the other members' registers. ``year``: blocks in force some day of that year."""
    qs = Block.objects.filter(block_q(actor))
    if q:
        qs = qs.filter(name__icontains=q)
    if year:
        qs = qs.filter(valid_from__lt=dt.date(year + 1, 1, 1)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=dt.date(year, 1, 1))
        )
    return qs.annotate(unit_name=unit_name()).order_by("name", "id")


def level_search(*, actor) -> QuerySet:
    """The levels (units that formed a block) the actor reads with ``emulation.view``: the units
    whose ranking within the level (``levels.level_ranking``) they may open; id and name, one query."""
    qs = Block.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(unit_id__in=reached_unit_ids(actor))
    return (
        qs.order_by()
        .values("unit_id")
        .distinct()
        .annotate(unit_name=unit_name("unit_id"))
        .order_by("unit_name", "unit_id")
    )


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
    """Every officer row of the block, replaced ones included (``valid_to`` set), latest year first,
    with unit names (one query)."""
    return list(
        block.officers.annotate(unit_name=unit_name()).order_by(
            "-year", "role", "valid_from", "unit_name", "id"
        )
    )


def block_meetings(block: Block) -> list[models.BlockMeeting]:
    """The block's meetings, latest first, with their minutes and the flag handed there (one query)."""
    return list(
        block.meetings.select_related("minutes")
        .annotate(flag_year=F("flags__year"), flag_to=unit_name("flags__to_unit"))
        .order_by("-held_on", "-id")
    )


def block_plans(block: Block) -> list[models.BlockPlan]:
    """The block's yearly plans, latest year first, with their documents and meetings (one query)."""
    return list(block.plans.select_related("document", "meeting").order_by("-year"))


def block_meeting_get(*, actor, block: Block, meeting_id: int) -> models.BlockMeeting:
    """A meeting of a block the caller resolved through ``block_get`` (else 404)."""
    return get_visible_or_404(block.meetings.all(), pk=meeting_id)


def block_documents_for(actor):
    """``documents.readers``: the documents linked to a block in the actor's sight (its decisions,
    plans, minutes and pledges: ``links.link(obj=block)``), a subquery of ids; None for an actor who
    reads everything."""
    if policy.is_unrestricted(actor):
        return None
    from django.contrib.contenttypes.models import ContentType

    from congdoan.documents.models import DocumentLink

    blocks = Block.objects.filter(block_q(actor)).annotate(pk_text=Cast("pk", CharField()))
    return DocumentLink.objects.filter(
        content_type=ContentType.objects.get_for_model(Block), object_id__in=blocks.values("pk_text")
    ).values("document_id")


def block_flags(block: Block) -> list[models.FlagHandover]:
    return list(
        block.flags.annotate(
            from_name=unit_name("from_unit"), to_name=unit_name("to_unit"), meeting_title=F("meeting__title")
        ).order_by("-year")
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
    the subtree for a year the period touches (the registration's ``year``, not the movement's
    period: a movement running 2023–2025 is registered for year by year);
    ``emulation.registrations_accepted``: those accepted. One grouped query."""
    rows = _registrations(query).values("unit_id").annotate(**_REGISTRATION_COUNTS).order_by()
    return {r["unit_id"]: _registration_values(r) for r in rows}


def registration_figure_totals(query) -> dict[str, int]:
    """``registration_figure_values`` added over the subtree's units, in one aggregate."""
    return _registration_values(_registrations(query).aggregate(**_REGISTRATION_COUNTS))


_REGISTRATION_COUNTS = {
    "sent": Count("id"),
    "accepted": Count("id", filter=Q(state=Registration.State.ACCEPTED)),
}


def _registrations(query) -> QuerySet[Registration]:
    return Registration.objects.filter(
        unit_id__in=subtree_units(query.path, query.as_of),
        year__gte=query.period.start.year,
        year__lte=query.period.end.year,
    ).exclude(state=Registration.State.DRAFT)


def _registration_values(r) -> dict[str, int]:
    return {"emulation.registrations": r["sent"], "emulation.registrations_accepted": r["accepted"]}


# -- ratings of grassroots unions (xếp loại CĐCS) --------------------------------------------------


def rating_search(*, actor, year: int | None = None, state: str = "", unit_id: int | None = None):
    """Ratings of the grassroots unions in the actor's reach (their own, and those below the
    actor's grants: the superior union reviews them), with the unit's and the grade's names."""
    qs = models.Rating.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(unit_id__in=reached_unit_ids(actor))
    if year:
        qs = qs.filter(year=year)
    if state:
        qs = qs.filter(state=state)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return (
        qs.select_related("grade", "rubric")
        .annotate(unit_name=unit_name())
        .order_by("-year", "unit_name", "id")
    )


def rating_get(*, actor, rating_id: int) -> models.Rating:
    return get_visible_or_404(rating_search(actor=actor), pk=rating_id)


def rating_lines(rating: models.Rating) -> list[models.RatingLine]:
    """The rating's items in the rubric's order, with their groups (one query)."""
    return list(rating.lines.select_related("item").order_by("item__order", "item_id"))


def rubric_search(*, actor) -> QuerySet[models.Rubric]:
    """Rubrics of the unions in the actor's reach or above it, and the default."""
    qs = models.Rubric.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(
            Q(unit__isnull=True) | Q(unit_id__in=reached_unit_ids(actor)) | Q(unit_id__in=ancestor_ids(actor))
        )
    return qs.annotate(unit_name=unit_name()).order_by("-year", "-version", "id")


def rubric_get(*, actor, rubric_id: int) -> models.Rubric:
    return get_visible_or_404(rubric_search(actor=actor), pk=rubric_id)


def rating_summary(
    *, actor, unit, year: int, state: str = "", grade: str = "", as_of: dt.date | None = None
) -> QuerySet[UnitVersion]:
    """Every grassroots union of ``unit``'s subtree on ``as_of`` (default 31/12 of ``year``; a
    report passes its "as of" date, as the ``ratings.*`` figures read the tree of that date) with
    its rating of the year (state, points, grade: one query whatever the number of unions). A union
    that joined the subtree after ``as_of`` is not listed. ``grade``: a grade's code, or "top" for
    the decided ratings in the top grade of their year (``ratings.excellent``; "decided" for
    ``ratings.total`` is ``state``). The actor must reach ``unit`` (404 otherwise)."""
    on = as_of or dt.date(year, 12, 31)
    policy.require(actor, VIEW, unit, as_of=today())
    path = UnitVersion.objects.active(on).filter(unit=unit).values_list("path", flat=True).first()
    if path is None:
        return UnitVersion.objects.none()
    ratings = models.Rating.objects.filter(unit_id=OuterRef("unit_id"), year=year)
    # Read as of a report's date, a rating decided after it still stood as sent up (issue 11 §6).
    late = Q(state=models.Rating.State.DECIDED) & (Q(decided_on__gt=as_of) if as_of else Q(pk__in=[]))

    def then(field: str, value=None, output=None):
        output = output or CharField()
        case = Case(When(late, then=Value(value, output_field=output)), default=F(field), output_field=output)
        return Subquery(ratings.annotate(v=case).values("v")[:1])

    qs = (
        UnitVersion.objects.active(on)
        .filter(path__startswith=path, kind__code="cdcs")
        .annotate(
            rating_id=Subquery(ratings.values("pk")[:1]),
            rating_state=then("state", models.Rating.State.SUBMITTED.value),
            rating_self=Subquery(ratings.values("self_total")[:1]),
            rating_total=then("total", output=DecimalField(**models.POINTS)),
            grade_name=then("grade__name"),
            grade_name_en=then("grade__name_en"),
            grade_code=then("grade__code"),
        )
    )
    if state == "none":
        qs = qs.filter(rating_id__isnull=True)
    elif state:
        qs = qs.filter(rating_state=state)
    if grade == "top":
        top = models.Rating.objects.filter(year=year, state=models.Rating.State.DECIDED, grade__rank=1)
        qs = qs.filter(rating_id__in=top.values("pk"))
    elif grade:
        qs = qs.filter(grade_code=grade)
    return qs.order_by("sort_key", "unit_id")


def rating_counts(*, actor, unit, year: int, as_of: dt.date | None = None) -> dict:
    """The summary's counts: grassroots unions of the subtree on ``as_of`` (default 31/12 of
    ``year``), rated (decided), and per grade of the year (one grouped query plus the grades), e.g.
    "x of y CĐCS rated excellent": the same unions and ratings as the ``ratings.*`` figures of a
    year read as of that date (``rating_figure_values``): given ``as_of``, only ratings decided by
    then count."""
    end = dt.date(year, 12, 31)
    on = as_of or end
    policy.require(actor, VIEW, unit, as_of=today())
    path = UnitVersion.objects.active(on).filter(unit=unit).values_list("path", flat=True).first() or "-"
    units = UnitVersion.objects.active(on).filter(path__startswith=path, kind__code="cdcs").values("unit_id")
    total = units.count()
    by_grade = dict(
        models.Rating.objects.filter(unit_id__in=units, year=year, state=models.Rating.State.DECIDED)
        .filter(Q() if as_of is None else Q(decided_on__lte=as_of))
        .values_list("grade_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    grades = list(models.Grade.objects.active(end).order_by("rank"))
    return {
        "units": total,
        "rated": sum(by_grade.values()),
        "grades": [(g, by_grade.get(g.pk, 0)) for g in grades],
    }


def rating_state_label(state: str | None) -> str:
    """The words of a rating's state (``rating_summary``'s ``rating_state``); "" without a rating."""
    return str(models.Rating.State(state).label) if state else ""


def unit_grade(*, unit_id: int, year: int) -> models.Grade | None:
    """The grade a grassroots union was given for ``year`` (decided by its superior union), or
    ``None``: read by the commendation module (an excellent task rating)."""
    rating = (
        models.Rating.objects.filter(unit_id=unit_id, year=year, state=models.Rating.State.DECIDED)
        .select_related("grade")
        .first()
    )
    return rating.grade if rating else None


def unit_grades(*, unit_ids, year: int) -> dict[int, models.Grade]:
    """``unit_grade`` of several units in one query: ``{unit id: grade}``, units without a
    decided rating left out."""
    rows = models.Rating.objects.filter(
        unit_id__in=list(unit_ids), year=year, state=models.Rating.State.DECIDED
    ).select_related("grade")
    return {r.unit_id: r.grade for r in rows}


def rating_figure_values(query) -> dict[int, dict[str, int]]:
    """Grassroots unions' ratings for a year of the period, as they stood on the report's "as of"
    day (issue 11 §6: a rating counts from the day it was decided, sent up from the day it was sent):
    ``ratings.total``: decided by then (``decided_on`` ≤ as of); ``ratings.excellent``: of those, in
    the top grade of their year; ``ratings.self_assessed``: sent up to the superior by then
    (``submitted_on`` ≤ as of, decided or not; a draft or one returned for correction is not filed:
    the filing tracker's part, issue 15 §5). One grouped query."""
    rows = _ratings(query).values("unit_id").annotate(**_rating_counts(query.as_of)).order_by()
    return {r["unit_id"]: _rating_names(r) for r in rows}


def rating_figure_totals(query) -> dict[str, int]:
    """``rating_figure_values`` added over the subtree's units, in one aggregate."""
    return _rating_names(_ratings(query).aggregate(**_rating_counts(query.as_of)))


def _rating_counts(as_of: dt.date) -> dict:
    decided = Q(state=models.Rating.State.DECIDED, decided_on__lte=as_of)
    return {
        "n": Count("id", filter=decided),
        "top": Count("id", filter=decided & Q(grade__rank=1)),
        "sent": Count("id", filter=Q(submitted_on__lte=as_of) | decided),
    }


def _rating_names(counts: dict) -> dict[str, int]:
    return {
        "ratings.total": counts["n"],
        "ratings.excellent": counts["top"],
        "ratings.self_assessed": counts["sent"],
    }


def _ratings(query) -> QuerySet:
    """The subtree's ratings of the period's years sent up or decided by ``as_of``."""
    State = models.Rating.State
    return models.Rating.objects.filter(
        unit_id__in=subtree_units(query.path, query.as_of),
        state__in=[State.SUBMITTED, State.DECIDED],
        year__gte=query.period.start.year,
        year__lte=query.flow_end.year,
    ).filter(Q(state=State.DECIDED, decided_on__lte=query.as_of) | Q(submitted_on__lte=query.as_of))


def registration_entries(registration: Registration) -> list[models.RegistrationEntry]:
    """The titles a registration aims for, with recipients' names (one query)."""
    return list(
        registration.entries.select_related("title", "member")
        .annotate(unit_name=unit_name())
        .order_by("title__order", "unit_name", "member__sort_key", "id")
    )


def result_search(
    *, actor, block: Block | None = None, year: int | None = None
) -> QuerySet[models.ScoreResult]:
    """Scores the actor may open with their evidence (``permissions.score_q``: the scored unit's,
    the forming level's, the block's leader of that year's). Another member of the block sees the
    ranking on the block page, not the others' scores or files."""
    qs = models.ScoreResult.objects.filter(score_q(actor))
    if block is not None:
        qs = qs.filter(block=block)
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("block", "sheet").annotate(unit_name=unit_name()).order_by("unit_name", "id")


def result_get(*, actor, result_id: int) -> models.ScoreResult:
    return get_visible_or_404(result_search(actor=actor), pk=result_id)


def evidence_list(result: models.ScoreResult) -> list[models.ScoreEvidence]:
    """The score's evidence files, withdrawn ones left out (one query)."""
    return list(result.evidence.filter(withdrawn_at__isnull=True).order_by("uploaded_at", "id"))


WITHDRAWN_NAME = gettext_lazy("(minh chứng đã rút)")
EVIDENCE_ACTIONS = ("score.evidence", "score.evidence_withdraw")


def score_history(result: models.ScoreResult) -> list:
    """The audit entries of a score the caller resolved (``result_get``), latest first, with the
    names of withdrawn evidence files replaced by "(minh chứng đã rút)" in the entries about files:
    a file taken back (e.g. one holding personal data uploaded by mistake) leaves the page with its
    name; who attached and withdrew it, and when, stay. Two queries; the entries are not saved."""
    entries = list(
        AuditEntry.objects.filter(object_type=result._meta.label_lower, object_id=str(result.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )
    withdrawn = (
        set(result.evidence.filter(withdrawn_at__isnull=False).values_list("name", flat=True))
        if any(e.action in EVIDENCE_ACTIONS for e in entries)
        else set()
    )
    for entry in entries:
        if entry.action not in EVIDENCE_ACTIONS:
            continue
        for side in (entry.before, entry.after):
            for key, value in side.items():
                if isinstance(value, str) and value in withdrawn:
                    side[key] = str(WITHDRAWN_NAME)
    return entries


def evidence_get(*, actor, evidence_id: int) -> models.ScoreEvidence:
    """An evidence file of a score the actor may open; a withdrawn one is gone for readers (404)."""
    return get_visible_or_404(
        models.ScoreEvidence.objects.filter(
            result__in=result_search(actor=actor), withdrawn_at__isnull=True
        ).select_related("result"),
        pk=evidence_id,
    )


def pledge_search(*, actor) -> QuerySet[Pledge]:
    """Pledges of a unit in the actor's reach, or of a block the actor sees (its members sign it)."""
    qs = Pledge.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(
            Q(unit_id__in=reached_unit_ids(actor))
            | Q(block__in=Block.objects.filter(block_q(actor)))
            | Q(parties__unit_id__in=reached_unit_ids(actor))
        ).distinct()
    return qs.select_related("unit", "block").order_by("-year", "id")


def pledge_get(*, actor, pledge_id: int) -> Pledge:
    return get_visible_or_404(
        pledge_search(actor=actor).annotate(unit_name=unit_name(), block_name=F("block__name")), pk=pledge_id
    )


def pledge_list(*, actor, q: str = "", year: int | None = None) -> QuerySet[Pledge]:
    """The pledges the actor sees (``pledge_search``), filtered by name and year, with the names of
    the unit and the block: one query for the page."""
    qs = pledge_search(actor=actor)
    if q:
        qs = qs.filter(title__icontains=q)
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(unit_name=unit_name(), block_name=F("block__name"))


def pledge_parties(pledge: Pledge) -> list[PledgeParty]:
    """A pledge's parties in signing order with each unit's name (one query)."""
    return list(pledge.parties.annotate(unit_name=unit_name()).order_by("order", "id"))


@dataclass(frozen=True)
class Proposal:
    """A unit of a block proposed for a form of commendation after the year's ranking."""

    unit_id: int
    unit_name: str
    rank: int
    total: object  # Decimal points
    form: str  # FLAG ("co-thi-dua") or CERTIFICATE ("bang-khen")
    form_label: str


def proposal_forms(year: int) -> Callable[[int], tuple[str, str] | None]:
    """The proposal a rank of ``year`` earns, ``(form code, label)`` or None, under the counts of
    ``PROPOSAL_COUNTS`` in force on 31/12 of ``year`` (one query): ranks 1 to ``flag`` are proposed
    for the Cờ thi đua, the next ``certificate`` ranks for the Bằng khen. Ranks are competition ranks
    (1, 2, 2, 4), so units tied at a boundary are all proposed and the level decides between them."""
    counts = PROPOSAL_COUNTS.on(dt.date(year, 12, 31))
    flag, certificate = int(counts.get("flag", 0)), int(counts.get("certificate", 0))

    def form(rank: int) -> tuple[str, str] | None:
        if rank <= flag:
            return FLAG, _("Cờ thi đua")
        if rank <= flag + certificate:
            return CERTIFICATE, _("Bằng khen")
        return None

    return form


def proposals(*, actor, block: Block, year: int) -> list[Proposal]:
    """The units of ``block`` proposed after its ranking of ``year``, best first: unit, rank, total,
    proposed form code (``co-thi-dua`` / ``bang-khen``) and label. Two queries (the rule, the ranking);
    a block out of the actor's reach: 404. Rule and source: ``PROPOSAL_COUNTS`` (issue 11 §5, the
    VGCL's guidance). Meant for the commendation module (awards), which does not read it yet."""
    from .scoring import ranking  # scoring reads this module's unit_name

    block = block_get(actor=actor, block_id=block.pk)
    form = proposal_forms(year)
    found = []
    for row in ranking(block, year):
        proposed = None if row.vetoed else form(row.rank)  # a vetoed unit is never proposed
        if proposed is None:
            break
        found.append(Proposal(row.unit_id, row.unit_name or "", row.rank, row.total, *proposed))
    return found
