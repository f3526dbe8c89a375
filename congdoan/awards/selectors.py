"""Reads of the awards module. Every selector takes the actor and returns only what the policy lets
them see (out of reach: 404 through ``get_visible_or_404``).

A nomination is seen by whoever ``awards.view`` reaches its nominating unit or the level reviewing
it now, or its issuer; a decision by whoever reaches its deciding unit or a unit of an awardee; an
award by whoever reaches the unit it counts under (``home``)."""

import datetime as dt
from collections import Counter

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import display, today
from congdoan.core.plugins import TimelineEvent
from congdoan.organizations.models import UnitVersion
from congdoan.organizations.permissions import get_visible_or_404, policy
from congdoan.organizations.selectors import subtree_units

from .catalogue import CODES
from .levels import IssuerLevel
from .models import Award, Decision, Discipline, EarlierService, Form, Nomination, Recipient, TaskRating
from .permissions import MANAGE, VIEW


def unit_name(field: str = "unit") -> Subquery:
    return Subquery(
        UnitVersion.objects.filter(unit_id=OuterRef(field)).order_by("-valid_from").values("name")[:1]
    )


def reached(actor, perm: str = VIEW, on: dt.date | None = None) -> QuerySet:
    return policy.visible_units(actor, perm, on or today()).values("unit_id")


def form_search(*, actor, on: dt.date | None = None) -> QuerySet[Form]:
    """The catalogue (every level's forms are public knowledge inside the union)."""
    qs = Form.objects.all()
    if on is not None:
        qs = qs.active(on)
    return qs.prefetch_related("multiples").order_by("order", "name")


def form_get(*, actor, form_id: int) -> Form:
    return get_visible_or_404(form_search(actor=actor), pk=form_id)


def nomination_search(
    *, actor, year: int | None = None, state: str = "", form_id: int | None = None, unit_id: int | None = None
) -> QuerySet[Nomination]:
    qs = Nomination.objects.all()
    if not policy.is_unrestricted(actor):
        units = reached(actor)
        qs = qs.filter(Q(unit_id__in=units) | Q(reviewer_id__in=units) | Q(issuer_id__in=units))
    if year:
        qs = qs.filter(year=year)
    if state:
        qs = qs.filter(state=state)
    if form_id:
        qs = qs.filter(form_id=form_id)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return (
        qs.select_related("form", "title")
        .annotate(unit_name=unit_name(), reviewer_name=unit_name("reviewer"), line_count=Count("lines"))
        .order_by("-year", "-created_at", "-id")
    )


def nomination_get(*, actor, nomination_id: int) -> Nomination:
    return get_visible_or_404(nomination_search(actor=actor), pk=nomination_id)


def decision_search(*, actor, year: int | None = None) -> QuerySet[Decision]:
    qs = Decision.objects.all()
    if not policy.is_unrestricted(actor):
        units = reached(actor)
        qs = qs.filter(
            Q(unit_id__in=units) | Q(pk__in=Award.objects.filter(home_id__in=units).values("decision_id"))
        )
    if year:
        qs = qs.filter(decided_on__year=year)
    return (
        qs.select_related("document")
        .annotate(unit_name=unit_name(), award_count=Count("awards", distinct=True))
        .order_by("-decided_on", "-id")
    )


def decision_get(*, actor, decision_id: int) -> Decision:
    return get_visible_or_404(decision_search(actor=actor), pk=decision_id)


def award_search(
    *, actor, person_id: int | None = None, unit_id: int | None = None, decision: Decision | None = None
) -> QuerySet[Award]:
    qs = Award.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(home_id__in=reached(actor))
    if person_id:
        qs = qs.filter(person_id=person_id)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if decision is not None:
        qs = qs.filter(decision=decision)
    return (
        qs.select_related("form", "title", "person", "decision__document")
        .annotate(unit_name=unit_name(), home_name=unit_name("home"))
        .order_by("-year", "decision_id", "order", "id")
    )


def decision_awards(*, actor, decision: Decision) -> list[Award]:
    """Every awardee of a decision the actor sees (the decision is public to its readers)."""
    return list(
        Award.objects.filter(decision=decision)
        .select_related("form", "title", "person")
        .annotate(unit_name=unit_name(), home_name=unit_name("home"))
        .order_by("order", "id")
    )


# -- figures (core.figures) ------------------------------------------------------------------------


def figure_names() -> list[str]:
    names = ["awards.collective", "awards.individual"]
    for code in CODES:
        names += [f"awards.by_form.{code}.collective", f"awards.by_form.{code}.individual"]
    return names


def _given(path: str, as_of: dt.date, start: dt.date, end: dt.date) -> QuerySet[Award]:
    """Awards decided ``start``–``end`` to collectives and people of the units of the subtree at
    ``path`` on ``as_of`` (the unit each award counts under, ``home``), by any issuer: what the
    figures count and the commendation list lists."""
    return Award.objects.filter(
        home_id__in=subtree_units(path, as_of).values("unit_id"), decided_on__gte=start, decided_on__lte=end
    )


def _title_codes() -> QuerySet:
    from congdoan.emulation.models import Title

    return Title.objects.annotate(title=Value(True)).values_list("title", "id", "code").order_by()


def awards_given(
    *, actor, unit, period, as_of: dt.date, recipient: str = "", code: str = ""
) -> QuerySet[Award]:
    """The awards a figure ``awards.*`` of ``unit`` counts (``records_url``): those ``_given`` in
    ``period`` up to ``as_of`` in the unit's subtree on ``as_of`` (every unit the actor reaches
    without ``unit``), ``recipient`` "collective"/"individual", ``code`` a form's or title's code
    (``awards.by_form.<code>.*``). Newest first; 404 for a unit out of reach."""
    if unit is not None:
        policy.require(actor, VIEW, unit)
        path = UnitVersion.objects.active(as_of).filter(unit=unit).values_list("path", flat=True).first()
        if path is None:
            return Award.objects.none()
        qs = _given(path, as_of, period.start, min(period.end, as_of))
    else:
        qs = Award.objects.filter(decided_on__gte=period.start, decided_on__lte=min(period.end, as_of))
    if not policy.is_unrestricted(actor):
        qs = qs.filter(home_id__in=reached(actor))
    if recipient == Recipient.INDIVIDUAL:
        qs = qs.filter(person__isnull=False)
    elif recipient == Recipient.COLLECTIVE:
        qs = qs.filter(person__isnull=True)
    if code:
        qs = qs.filter(Q(form__code=code) | Q(title__code=code))
    return (
        qs.select_related("form", "title", "person", "decision__document")
        .annotate(unit_name=unit_name(), home_name=unit_name("home"))
        .order_by("-decided_on", "decision_id", "order", "id")
    )


def award_figure_values(query) -> dict[int, dict[str, int]]:
    """Awards given in the period (by decision date, up to ``as_of``) to collectives and people of
    each unit of the subtree (the unit the award counts under), by any issuer, and their bonuses
    (``awards.amount``, VND): one grouped query, a row per unit and form (collectives and people
    counted apart in it: grouped by the person, a year of 300,000 titles came back as 300,000 rows)."""
    return _award_values(query, "home_id")


def award_figure_totals(query) -> dict[str, int]:
    """``award_figure_values`` added over the subtree's units: one query grouped by form only."""
    return _award_values(query, None).get(None, {})


def _award_values(query, by: str | None) -> dict:
    """``{unit id: values}`` grouped by ``by`` (``home_id``), or ``{None: values}`` of the subtree."""
    rows = (
        _given(query.path, query.as_of, query.period.start, query.flow_end)
        .values(*filter(None, [by]), "form_id", "title_id")
        .annotate(
            collective=Count("id", filter=Q(person__isnull=True)),
            individual=Count("id", filter=Q(person__isnull=False)),
            amount=Sum("amount"),
        )
        .order_by()
    )
    # The codes by id, one small query: grouped by the codes (two joins per award row) the sort
    # and the grouping of a year's 300,000 awards took three times as long.
    forms = Form.objects.annotate(title=Value(False)).values_list("title", "id", "code").order_by()
    codes = {(title, pk): code for title, pk, code in forms.union(_title_codes(), all=True)}
    totals: dict[int | None, Counter] = {}
    for r in rows:
        c = totals.setdefault(r.get(by), Counter())
        c["awards.amount"] += r["amount"] or 0
        code = codes[(False, r["form_id"])] if r["form_id"] else codes[(True, r["title_id"])]
        for kind in (Recipient.COLLECTIVE.value, Recipient.INDIVIDUAL.value):
            if r[kind]:
                c[f"awards.{kind}"] += r[kind]
                c[f"awards.by_form.{code}.{kind}"] += r[kind]
    return {unit: dict(c) for unit, c in totals.items()}


def given_awards(*, actor, unit, path: str, as_of: dt.date, start: dt.date, end: dt.date) -> list[Award]:
    """The commendation list (danh sách khen thưởng) of ``unit``'s subtree (its path on ``as_of``):
    every award decided ``start``–``end`` (at most ``as_of``), the same rows as the ``awards.*``
    figures count, ordered by form (catalogue order), collectives before people, then decision.
    Each carries ``home_name`` (its unit's name on ``as_of``), ``person`` and ``decision.document``.
    The actor needs ``awards.view`` on ``unit`` (404 out of reach, 403 without it)."""
    policy.require(actor, VIEW, unit)
    names = UnitVersion.objects.filter(unit_id=OuterRef("home"), valid_from__lte=as_of).order_by(
        "-valid_from"
    )
    return list(
        _given(path, as_of, start, min(end, as_of))
        .select_related("form", "title", "person", "unit", "decision__document")
        .annotate(home_name=Subquery(names.values("name")[:1]))
        .order_by("form__order", "form__name", "title__name", "person_id", "decided_on", "order", "id")
    )


def year_counts(*, actor, unit_id: int, path: str, year: int) -> list[dict]:
    """The year's awards in the unit's subtree by form, issuer level and collective/individual."""
    on = dt.date(year, 12, 31)
    qs = Award.objects.all()
    if not policy.is_unrestricted(actor):
        qs = qs.filter(home_id__in=reached(actor))
    qs = qs.filter(home_id__in=subtree_units(path, min(on, today())).values("unit_id"), decided_on__year=year)
    rows = (
        qs.values("form__name", "form__issuer_level", "title__name", "title__issuer_level", "person_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[tuple, dict] = {}
    for r in rows:
        name = r["form__name"] or r["title__name"]
        level = r["form__issuer_level"] or r["title__issuer_level"]
        key = (name, level)
        entry = out.setdefault(
            key, {"form": name, "level": IssuerLevel(level).label, "collective": 0, "individual": 0}
        )
        entry["individual" if r["person_id"] else "collective"] += r["n"]
    return sorted(out.values(), key=lambda e: e["form"])


def dossier_facts(nomination: Nomination, lines) -> dict[int, dict[str, str]]:
    """What the emulation module knows of each line for the year: whether the person or unit
    registered for the title that year (``emulation.RegistrationEntry`` of a registration whose
    ``year`` is the nomination's: a movement over several years is registered for year by year), and a collective's grade for the
    year (``emulation.selectors.unit_grades``). One query for the registrations, one for the grades."""
    from congdoan.emulation.models import RegistrationEntry
    from congdoan.emulation.selectors import unit_grades

    facts: dict[int, dict[str, str]] = {}
    registered_people, registered_units = set(), set()
    if nomination.title_id:
        rows = RegistrationEntry.objects.filter(
            title_id=nomination.title_id,
            registration__year=nomination.year,  # the year registered for, not the movement's period
        ).values_list("member_id", "unit_id")
        for member_id, unit_id in rows:
            registered_people.add(member_id)
            registered_units.add(unit_id)
    grades = unit_grades(unit_ids=[ln.unit_id for ln in lines if ln.unit_id], year=nomination.year)
    for line in lines:
        entry: dict[str, str] = {}
        if nomination.title_id:
            hit = line.person_id in registered_people if line.person_id else line.unit_id in registered_units
            entry["registered"] = "yes" if hit else "no"
        if line.unit_id:
            grade = grades.get(line.unit_id)
            entry["grade"] = str(grade.name) if grade else ""
        facts[line.pk] = entry
    return facts


# -- the records the checks read: discipline, task ratings, earlier union work -------------------------


def _within(qs: QuerySet, field: str, unit_id: int | None) -> QuerySet:
    """Rows whose ``field`` unit is ``unit_id`` or below it today (the path index)."""
    if not unit_id:
        return qs
    path = UnitVersion.objects.active(today()).filter(unit_id=unit_id).values_list("path", flat=True).first()
    return qs.filter(**{f"{field}__in": subtree_units(path, today())}) if path else qs.none()


def _reached_only(qs: QuerySet, actor, field: str) -> QuerySet:
    return qs if policy.is_unrestricted(actor) else qs.filter(**{f"{field}__in": reached(actor)})


def discipline_search(
    *,
    actor,
    unit_id: int | None = None,
    person_id: int | None = None,
    level: str = "",
    state: str = "",
    year: int | None = None,
) -> QuerySet[Discipline]:
    """Disciplinary records filed by units the actor reaches (``owner``), newest first. ``state``:
    "active" (not ended today) or "ended"; ``year``: in force at some time that year."""
    qs = _within(_reached_only(Discipline.objects.all(), actor, "owner_id"), "owner_id", unit_id)
    if person_id:
        qs = qs.filter(person_id=person_id)
    if level:
        qs = qs.filter(level=level)
    on = today()
    if state == "active":
        qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on), starts_on__lte=on)
    elif state == "ended":
        qs = qs.filter(ends_on__lte=on)
    if year:
        qs = qs.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=dt.date(year, 1, 1)), starts_on__year__lte=year
        )
    return (
        qs.select_related("person", "unit")
        .annotate(owner_name=unit_name("owner"), collective_name=unit_name("unit"))
        .order_by("-starts_on", "-id")
    )


def discipline_get(*, actor, discipline_id: int) -> Discipline:
    return get_visible_or_404(discipline_search(actor=actor), pk=discipline_id)


def rating_search(
    *,
    actor,
    unit_id: int | None = None,
    person_id: int | None = None,
    year: int | None = None,
    grade: str = "",
) -> QuerySet[TaskRating]:
    """Task ratings given by units the actor reaches, newest year first."""
    qs = _within(_reached_only(TaskRating.objects.all(), actor, "unit_id"), "unit_id", unit_id)
    if person_id:
        qs = qs.filter(person_id=person_id)
    if year:
        qs = qs.filter(year=year)
    if grade:
        qs = qs.filter(grade=grade)
    return (
        qs.select_related("person")
        .annotate(unit_name=unit_name())
        .order_by("-year", "person__sort_key", "id")
    )


def earlier_service_search(
    *, actor, unit_id: int | None = None, person_id: int | None = None
) -> QuerySet[EarlierService]:
    """Union work before the register, recorded by units the actor reaches."""
    qs = _within(_reached_only(EarlierService.objects.all(), actor, "owner_id"), "owner_id", unit_id)
    if person_id:
        qs = qs.filter(person_id=person_id)
    return (
        qs.select_related("person")
        .annotate(owner_name=unit_name("owner"))
        .order_by("person__sort_key", "starts_on", "id")
    )


def member_section(actor, person) -> dict | None:
    """The "Khen thưởng" section of the member page (registered in ``plugin.py``): the person's
    awards (forms of commendation and emulation titles apart), and for who may manage awards at
    their unit the disciplinary records, task ratings and earlier union work. None when the actor
    may not read awards at the person's unit. A constant number of queries whatever the rows."""
    if not (person.unit_id and policy.can(actor, VIEW, person.unit_id)):
        return None
    awards = list(award_search(actor=actor, person_id=person.pk))
    manage = policy.can(actor, MANAGE, person.unit_id)
    data = {
        "forms": [a for a in awards if a.form_id],
        "titles": [a for a in awards if a.title_id],
        "manage": manage,
    }
    if manage:
        data["disciplines"] = list(discipline_search(actor=actor, person_id=person.pk))
        data["ratings"] = list(rating_search(actor=actor, person_id=person.pk))
        data["services"] = list(earlier_service_search(actor=actor, person_id=person.pk))
    return data


UNIT_SECTION_ROWS = 10


def unit_section(actor, unit) -> dict | None:
    """The "Khen thưởng" section of the unit page (registered in ``plugin.py``): the unit's own
    collective awards, newest first (at most ``UNIT_SECTION_ROWS``, the full record is one link
    away), and how many there are. None when the actor may not read awards at the unit. Two
    queries whatever the rows."""
    if not policy.can(actor, VIEW, unit.pk):
        return None
    awards = award_search(actor=actor, unit_id=unit.pk)
    return {"awards": list(awards[:UNIT_SECTION_ROWS]), "count": awards.count()}


def person_timeline(actor, person) -> list[TimelineEvent]:
    """The person's awards as events of their history on the member page (registered in ``plugin.py``
    through ``core.plugins.register_person_timeline``): each decided award naming the person that
    ``award_search`` lets the actor read (those counted under a unit the actor reaches), dated by its
    decision, with the form or title, the issuer, the decision's number and date. One query whatever
    the number of awards."""
    awards = award_search(actor=actor, person_id=person.pk).annotate(
        issuer_unit_name=unit_name("decision__issuer")
    )
    events = []
    for a in awards:
        document = a.decision.document
        title = bool(a.title_id)
        events.append(
            TimelineEvent(
                on=a.decided_on,
                action=_("Được công nhận danh hiệu thi đua") if title else _("Được khen thưởng"),
                by=a.issuer_unit_name or a.decision.issuer_name,
                details=(
                    (_("Danh hiệu thi đua") if title else _("Hình thức khen thưởng"), a.award_name),
                    (_("Năm"), str(a.year)),
                    (_("Quyết định"), document.number_symbol or document.sender_number),
                    (_("Ngày quyết định"), display(a.decided_on)),
                    (_("Cấp khen"), a.issuer_unit_name or a.decision.issuer_name or "—"),
                ),
                url=reverse("awards:decision", args=[a.decision_id]),
            )
        )
    return events


# -- initiatives behind the lines (read through the initiatives module's selectors) -------------------


def initiatives_within_reach(*, actor, person_ids, year: int) -> dict[int, list[tuple[int, str]]]:
    """Each person's initiatives recognised in ``year`` (``initiatives.selectors.recognised_initiatives``)
    among those the actor reads (``initiative_search``): person id -> [(id, title)], one query."""
    from congdoan.initiatives.selectors import initiative_search, recognised_initiatives

    ids = set(person_ids)
    out: dict[int, list[tuple[int, str]]] = {pid: [] for pid in ids}
    if not ids:
        return out
    rows = (
        recognised_initiatives(member_ids=ids, year=year)
        .filter(pk__in=initiative_search(actor=actor).values("pk"))
        .values_list("pk", "title", "authors__person_id")
        .order_by("title", "pk")
    )
    for pk, title, person_id in rows:
        if person_id in ids and (pk, title) not in out[person_id]:
            out[person_id].append((pk, title))
    return out


def initiatives_by_id(*, actor, ids) -> list:
    """The initiatives of ``ids`` the actor reads (``initiatives.selectors.initiative_search``)."""
    from congdoan.initiatives.selectors import initiative_search

    return list(initiative_search(actor=actor).filter(pk__in=list(ids)).order_by("pk")) if ids else []


def line_initiatives(*, actor, lines) -> dict[int, list]:
    """The initiatives put forward behind each line (line id -> initiatives), those the actor reads
    (``initiatives.selectors.initiative_search``), each with ``authors`` (one line of names and
    shares) and ``used_by`` (the award it already supports, if any). Three queries."""
    from congdoan.initiatives.selectors import authors_text, initiative_search

    from .models import AwardInitiative, LineInitiative

    pairs = list(LineInitiative.objects.filter(line__in=list(lines)).values_list("line_id", "initiative_id"))
    ids = {i for _l, i in pairs}
    if not ids:
        return {}
    found = {i.pk: i for i in initiative_search(actor=actor).filter(pk__in=ids)}
    authors = authors_text(list(found))
    used = {
        row.initiative_id: row.award
        for row in AwardInitiative.objects.filter(initiative_id__in=ids).select_related(
            "award__form", "award__title"
        )
    }
    out: dict[int, list] = {}
    for line_id, initiative_id in pairs:
        initiative = found.get(initiative_id)
        if initiative is None:
            continue
        initiative.authors_line = authors.get(initiative_id, "")
        initiative.used_by = used.get(initiative_id)
        out.setdefault(line_id, []).append(initiative)
    return out


# -- emulation blocks' proposals (emulation.selectors.proposals) ----------------------------------------


def proposal_kinds(block_unit_id: int, on: dt.date) -> dict[str, object]:
    """The catalogue rows an emulation block's proposals become (``catalogue.PROPOSED``): the flag and
    the Bằng khen of the level that formed the block (its kind of unit on ``on``), by proposal code."""
    from congdoan.emulation.models import Title

    from .catalogue import PROPOSED

    version = (
        UnitVersion.objects.filter(unit_id=block_unit_id, valid_from__lte=on).order_by("-valid_from").first()
    )
    level = version.kind.code if version else ""
    out = {}
    for code, (model, codes) in PROPOSED.items():
        rows = Title.objects if model == "title" else Form.objects
        out[code] = rows.filter(code__in=codes, issuer_level=level).order_by("pk").first()
    return out


def block_proposals(*, actor, block_id: int, year: int) -> tuple:
    """The block (404 out of reach) and the units its ranking of ``year`` proposes
    (``emulation.selectors.proposals``), each with ``kind`` (the catalogue row) and ``kind_key``
    ("f<id>"/"t<id>", the nomination form's choice); a constant number of queries."""
    from congdoan.emulation.selectors import block_get, proposals

    block = block_get(actor=actor, block_id=block_id)
    kinds = proposal_kinds(block.unit_id, dt.date(year, 12, 31))
    rows = []
    for p in proposals(actor=actor, block=block, year=year):
        kind = kinds.get(p.form)
        key = (f"f{kind.pk}" if isinstance(kind, Form) else f"t{kind.pk}") if kind else ""
        rows.append((p, kind, key))
    return block, rows


def block_ranks(*, actor, nomination: Nomination) -> dict[int, object]:
    """For a nomination made from a block's proposals: the block's proposal of each collective
    (unit id -> ``emulation.selectors.Proposal``: rank, points, proposed form)."""
    if not nomination.block_id:
        return {}
    from django.http import Http404

    try:
        _block, rows = block_proposals(actor=actor, block_id=nomination.block_id, year=nomination.year)
    except Http404:
        return {}
    return {p.unit_id: p for p, _k, _key in rows}
