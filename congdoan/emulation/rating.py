"""The annual rating of grassroots unions (đánh giá, xếp loại CĐCS; issue 11 §6).

Rules (data, never constants):

- A rubric is issued by a union for a year, in versions; the one a CĐCS is rated on is the latest
  version of the nearest union above it for that year, else the default shipped (the VGCL's
  guidance). Its items' maxima add up exactly to its total, the bonus items' to its bonus maximum.
- Grades are dated rows (``Grade``): a year reads those in force on 31/12, so older years keep the
  older names. A score reaches the first grade (top first) whose threshold, in % of the rubric's
  total, it meets.
- Hard conditions listed by the rubric bar the top grade: a disciplinary case in the year, or no
  public-employee conference held (read from the conferences module, where the unit must hold one).
- Items the system knows are filled in from the records and marked ``auto`` with the data behind
  them: membership growth (members at 01/01 and 31/12, the register), the conference held.
- The CĐCS self-assesses and sends (``submitted_on``); only its directly-superior union *on the
  day of the decision* (``decided_on``, the tree of that day: a union moved later keeps the
  decision of its old superior) reviews and decides or returns it with a reason (``core.workflow``:
  of two officers deciding at once one wins, the other is told). The result keeps its rubric
  version and its grade row; reports count it from ``decided_on``.
- The disciplinary flag is set by the union (self-assessing) or by its superior (deciding), and is
  forced by a case another module records (``hooks.register_discipline_source``): a recorded case
  cannot be cleared. ``discipline_source`` says where the value came from.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.figures import FigureQuery
from congdoan.core.models import AuditEntry
from congdoan.core.periods import Period
from congdoan.core.text import clean_line
from congdoan.core.workflow import Step, Workflow
from congdoan.meetings.models import ConferenceKind
from congdoan.meetings.selectors import conference_figure_values, figure_names
from congdoan.members.selectors import stock_on
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.permissions import path_of_units, policy

from .hooks import recorded_disciplines
from .models import Condition, Grade, ItemSource, Rating, RatingLine, Rubric, RubricItem
from .permissions import MANAGE, parent_on
from .scoring import parse_points, points_text
from .services import named

GRASSROOTS = "cdcs"
HUNDRED = Decimal(100)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def item_field(item_id: int) -> str:
    return f"item_{item_id}"


# -- rubrics ---------------------------------------------------------------------------------------


def default_rubric() -> Rubric | None:
    return Rubric.objects.filter(unit__isnull=True, year__isnull=True).order_by("-version", "-id").first()


def rubric_for(unit_id: int, year: int) -> Rubric | None:
    """The rubric ``unit_id`` is rated on for ``year``: the latest version issued for that year by
    the nearest union above it (its own path on 31/12), else the default."""
    path = path_of_units([unit_id], year_end(year)).get(unit_id, "")
    above = [int(s) for s in path.strip("/").split("/") if s and int(s) != unit_id]
    if above:
        rubrics = {
            r.unit_id: r
            for r in Rubric.objects.filter(unit_id__in=above, year=year).order_by("unit_id", "version")
        }
        for unit in reversed(above):
            if unit in rubrics:
                return rubrics[unit]
    return default_rubric()


@transaction.atomic
def rubric_create(
    *,
    actor,
    unit: Unit,
    year: int,
    name: str,
    total: Decimal,
    items: list[tuple[str, str, Decimal, bool, str]],
    bonus_max: Decimal = Decimal(0),
    conditions: list[str] | None = None,
    based_on: Rubric | None = None,
) -> Rubric:
    """A union's rubric for ``year`` (a new version when it already has one): items ``(group,
    name, max_points, bonus, source)``; the maxima of the other items add up to ``total``, those
    of the bonus items to ``bonus_max``. ``based_on``: the rubric it adapts (audited as
    ``rubric.adapt``, naming it)."""
    policy.require(actor, MANAGE, unit)
    errors: dict[str, str] = {}
    name = named(name, _("Tên bảng tiêu chí"), errors)
    conditions = list(Condition.values if conditions is None else conditions)
    if not 2000 <= year <= 2100:
        errors["year"] = _("Năm áp dụng: %(y)s không hợp lệ.") % {"y": year}
    if total is None or total <= 0:
        errors["total"] = _("Tổng điểm tối đa: phải lớn hơn 0.")
    if bonus_max is None or bonus_max < 0:
        errors["bonus_max"] = _("Điểm thưởng tối đa: không được âm.")
    if not items:
        errors["items"] = _("Tiêu chí: hãy nhập ít nhất một tiêu chí.")
    elif any(not clean_line(n or "") for _g, n, _m, _b, _s in items):
        errors["items"] = _("Tiêu chí: mỗi tiêu chí cần có tên.")
    elif any(m is None or m <= 0 for _g, _n, m, _b, _s in items):
        errors["items"] = _("Tiêu chí: điểm tối đa của mỗi tiêu chí phải lớn hơn 0.")
    elif any(s not in ItemSource.values for _g, _n, _m, _b, s in items):
        errors["items"] = _("Tiêu chí: nguồn số liệu không hợp lệ.")
    else:
        base = sum((m for _g, _n, m, b, _s in items if not b), Decimal(0))
        bonus = sum((m for _g, _n, m, b, _s in items if b), Decimal(0))
        if "total" not in errors and base != total:
            errors["total"] = _(
                "Tổng điểm tối đa: các tiêu chí cộng lại được %(sum)s điểm, khác tổng điểm %(total)s."
            ) % {"sum": points_text(base), "total": points_text(total)}
        if "bonus_max" not in errors and bonus != bonus_max:
            errors["bonus_max"] = _(
                "Điểm thưởng tối đa: các tiêu chí điểm thưởng cộng lại được %(sum)s điểm, khác %(max)s."
            ) % {"sum": points_text(bonus), "max": points_text(bonus_max)}
    unknown = [c for c in conditions if c not in Condition.values]
    if unknown:
        errors["conditions"] = _("Điều kiện: '%(v)s' không phải là điều kiện xếp loại.") % {"v": unknown[0]}
    if errors:
        raise ValidationError(errors)
    latest = Rubric.objects.filter(unit=unit, year=year).aggregate(v=Max("version"))["v"] or 0
    rubric = Rubric.objects.create(
        unit=unit,
        year=year,
        version=latest + 1,
        name=name,
        total=total,
        bonus_max=bonus_max,
        conditions=conditions,
    )
    RubricItem.objects.bulk_create(
        RubricItem(
            rubric=rubric,
            group=clean_line(g or ""),
            name=clean_line(n),
            max_points=m,
            bonus=b,
            source=s,
            order=i,
        )
        for i, (g, n, m, b, s) in enumerate(items, 1)
    )
    extra = {"items": [f"{n} ({points_text(m)})" for _g, n, m, _b, _s in items]}
    if based_on is not None:
        extra["based_on"] = based_on.pk
    audit.record_created(
        actor=actor,
        action="rubric.adapt" if based_on is not None else "rubric.create",
        obj=rubric,
        unit_id=unit.pk,
        fields=("unit", "year", "version", "name", "total", "bonus_max"),
        extra=extra,
    )
    return rubric


@transaction.atomic
def rubric_adapt(*, actor, unit: Unit, year: int, base: Rubric | None = None, **changes) -> Rubric:
    """A union (``unit``, which the actor manages) copies a rubric for ``year`` and adapts it: a new
    version of ``unit``'s rubric for that year with ``changes`` (``name``, ``total``, ``bonus_max``,
    ``items``, ``conditions``: the arguments of ``rubric_create``) over the base's, the one in force
    for ``unit`` that year when ``base`` is not given. The same checks as a new rubric (maxima add
    up to the total, bonus items to the bonus maximum: issue 11 §6); errors name the field, nothing
    is written. Audited as ``rubric.adapt`` naming the base."""
    policy.require(actor, MANAGE, unit)
    base = base or rubric_for(unit.pk, year)
    if base is None:
        raise ValidationError({"year": _("Năm áp dụng: chưa có bảng tiêu chí nào để điều chỉnh.")})
    unknown = set(changes) - {"name", "total", "bonus_max", "items", "conditions"}
    if unknown:
        raise TypeError(f"rubric_adapt: unknown changes {sorted(unknown)}")
    items = [(i.group, i.name, i.max_points, i.bonus, i.source) for i in base.items.all()]
    arguments = {
        "name": base.name,
        "total": base.total,
        "bonus_max": base.bonus_max,
        "items": items,
        "conditions": list(base.conditions),
    }
    arguments.update(changes)
    return rubric_create(actor=actor, unit=unit, year=year, based_on=base, **arguments)


def grades_for(year: int) -> list[Grade]:
    """The grades in force on 31/12 of ``year``, top first."""
    return list(Grade.objects.active(year_end(year)).order_by("rank"))


def grade_of(total: Decimal, rubric: Rubric, grades: list[Grade]) -> Grade | None:
    percent = total * HUNDRED / rubric.total
    for grade in grades:
        if percent >= grade.min_percent:
            return grade
    return grades[-1] if grades else None


# -- what the records say --------------------------------------------------------------------------


def records_of(unit: Unit, year: int) -> dict:
    """The facts the system knows about ``unit``'s year: members on 01/01 and 31/12 (the register,
    members selectors) and whether its public-employee conference was held (``None``: the unit is
    not one that must hold one; conferences selectors)."""
    units = [unit.pk]
    start = {u: n for u, n, _w in stock_on(dt.date(year, 1, 1), units)}.get(unit.pk, 0)
    end = {u: n for u, n, _w in stock_on(year_end(year), units)}.get(unit.pk, 0)
    path = path_of_units([unit.pk], year_end(year)).get(unit.pk, "")
    due, held, _rate = figure_names(ConferenceKind.PUBLIC_EMPLOYEES)
    query = FigureQuery(
        actor=None,
        unit_id=unit.pk,
        path=path,
        period=Period.year(year),
        as_of=year_end(year),
        names=frozenset({due, held}),
    )
    own = conference_figure_values(query).get(unit.pk, {}) if path else {}
    conference = bool(own.get(held)) if own.get(due) else None
    return {"members_start": start, "members_end": end, "conference_held": conference}


def auto_points(item: RubricItem, facts: dict) -> tuple[Decimal, str] | None:
    """The points of an item the system fills in and the records behind them (``None``: typed)."""
    if item.source == ItemSource.MEMBER_GROWTH:
        start, end = facts["members_start"], facts["members_end"]
        text = _("Đoàn viên đầu năm %(a)s, cuối năm %(b)s (sổ đoàn viên).") % {"a": start, "b": end}
        if end > start:
            return item.max_points, text
        if end == start and end > 0:
            return (item.max_points / 2).quantize(Decimal("0.1")), text
        return Decimal(0), text
    if item.source == ItemSource.CONFERENCE:
        held = facts["conference_held"]
        if held is None:
            return item.max_points, _("Đơn vị không thuộc diện phải tổ chức hội nghị CBCCVC.")
        if held:
            return item.max_points, _("Đã tổ chức hội nghị CBCCVC trong năm (hội nghị).")
        return Decimal(0), _("Chưa ghi nhận hội nghị CBCCVC của năm (hội nghị).")
    return None


def _fill_auto(rating: Rating, items: list[RubricItem]) -> dict[int, tuple[Decimal, str]]:
    facts = records_of(rating.unit, rating.year)
    rating.members_start = facts["members_start"]
    rating.members_end = facts["members_end"]
    rating.conference_held = facts["conference_held"]
    filled = {}
    for item in items:
        auto = auto_points(item, facts)
        if auto is not None:
            filled[item.pk] = auto
    return filled


def discipline_flag(
    rating: Rating, declared: bool | None, who: str, *, strict: bool = False
) -> tuple[bool, str]:
    """The disciplinary flag and where it came from: a case a registered source records (it wins;
    with ``strict``, the superior deciding, ``declared`` False raises naming ``discipline_case``),
    else ``declared`` by ``who`` (``None``: the flag kept as it is, with its source)."""
    recorded = recorded_disciplines([rating.unit_id], rating.year).get(rating.unit_id)
    if recorded:
        if declared is False and strict:
            raise ValidationError(
                {
                    "discipline_case": _(
                        "Kỷ luật trong năm: không thể bỏ vì đã có hồ sơ kỷ luật được ghi nhận (%(r)s)."
                    )
                    % {"r": recorded}
                }
            )
        return True, clean_line(recorded)[:500]
    if declared is None:
        return rating.discipline_case, rating.discipline_source
    return bool(declared), who


# -- the rating ------------------------------------------------------------------------------------


def may_take_step(actor, rating: Rating, step) -> bool:
    """Sending is the union's own (``emulation.manage`` on it); deciding or returning is its
    directly-superior union's (``emulation.manage`` on its managing parent; for a decision, its
    parent on ``decided_on``)."""
    if step.name == "submit":
        return policy.can(actor, MANAGE, rating.unit_id)
    parent = parent_on(rating.unit_id, rating.decided_on if step.name == "decide" else None)
    return parent is not None and policy.can(actor, MANAGE, parent)


RATING_FLOW = Workflow(
    model=Rating,
    steps=[
        Step("submit", gettext_lazy("Gửi cấp trên"), "rating.submit"),
        Step("decide", gettext_lazy("Quyết định xếp loại"), "rating.decide", style="success"),
        Step("send_back", gettext_lazy("Trả lại"), "rating.return", needs_reason=True, style="danger"),
    ],
    may=may_take_step,
    unit_of=lambda rating: rating.unit_id,
)

STEPS_BY_PAGE = ("submit", "send_back")  # deciding has its own form (the superior's points)


@transaction.atomic
def rating_start(*, actor, unit: Unit, year: int) -> Rating:
    """Open the self-assessment of grassroots union ``unit`` for ``year`` on the rubric in force for
    it; items known from the records are filled in, the others start at 0."""
    policy.require(actor, MANAGE, unit)
    errors: dict[str, str] = {}
    version = unit.version_on(year_end(year)) or unit.version_on(dt.date(year, 1, 1))
    if not 2000 <= year <= today().year:
        # A year is rated as it ends or after: a later year has nothing to assess yet.
        errors["year"] = _("Năm: %(y)s không hợp lệ (từ 2000 đến năm nay, %(now)s).") % {
            "y": year,
            "now": today().year,
        }
    elif version is None:
        errors["unit"] = _("Công đoàn cơ sở: %(unit)s không có hiệu lực trong năm %(y)s.") % {
            "unit": unit,
            "y": year,
        }
    elif version.kind.code != GRASSROOTS:
        errors["unit"] = _("Công đoàn cơ sở: %(unit)s không phải là công đoàn cơ sở.") % {"unit": unit}
    elif Rating.objects.filter(unit=unit, year=year).exists():
        errors["year"] = _("Năm: %(unit)s đã có bản đánh giá năm %(y)s.") % {"unit": unit, "y": year}
    rubric = rubric_for(unit.pk, year) if not errors else None
    if not errors and rubric is None:
        errors["year"] = _("Năm: chưa có bảng tiêu chí xếp loại cho năm %(y)s.") % {"y": year}
    if errors:
        raise ValidationError(errors)
    rating = Rating(unit=unit, year=year, rubric=rubric)
    items = list(rubric.items.all())
    filled = _fill_auto(rating, items)
    rating.self_total = sum((p for p, _t in filled.values()), Decimal(0))
    rating.discipline_case, rating.discipline_source = discipline_flag(rating, None, "")
    rating.save()
    RatingLine.objects.bulk_create(
        RatingLine(
            rating=rating,
            item=item,
            self_points=filled[item.pk][0] if item.pk in filled else Decimal(0),
            auto=item.pk in filled,
            evidence=filled[item.pk][1] if item.pk in filled else "",
        )
        for item in items
    )
    audit.record_created(
        actor=actor,
        action="rating.start",
        obj=rating,
        unit_id=unit.pk,
        fields=(
            "unit",
            "year",
            "rubric",
            "self_total",
            "members_start",
            "members_end",
            "conference_held",
            "discipline_case",
            "discipline_source",
        ),
    )
    return rating


def _checked_points(lines: list[RatingLine], given: dict, errors: dict, *, keep_auto: bool) -> dict:
    """Each line's points from ``given`` (item id -> Decimal, text or None), between 0 and the
    item's maximum; an auto line keeps its value when ``keep_auto``."""
    points: dict[int, Decimal] = {}
    for line in lines:
        item = line.item
        if keep_auto and line.auto:
            points[item.pk] = line.self_points
            continue
        raw = given.get(item.pk)
        value = raw if isinstance(raw, Decimal) or raw is None else parse_points(raw)
        if value is None:
            errors[item_field(item.pk)] = _("%(c)s: hãy nhập điểm (từ 0 đến %(max)s).") % {
                "c": item.name,
                "max": points_text(item.max_points),
            }
        elif value < 0 or value > item.max_points:
            errors[item_field(item.pk)] = _("%(c)s: %(v)s điểm nằm ngoài khoảng 0 đến %(max)s.") % {
                "c": item.name,
                "v": points_text(value),
                "max": points_text(item.max_points),
            }
        else:
            points[item.pk] = value
    unknown = set(given) - {line.item_id for line in lines}
    if unknown:
        errors["points"] = _("Điểm: có tiêu chí không thuộc bảng tiêu chí %(r)s.") % {
            "r": lines[0].item.rubric
        }
    return points


def _lines(rating: Rating) -> list[RatingLine]:
    return list(rating.lines.select_related("item", "item__rubric").order_by("item__order", "item_id"))


@transaction.atomic
def rating_self_assess(*, actor, rating: Rating, points: dict, discipline_case: bool = False) -> Rating:
    """The union's own points, item by item (the items from the records are refreshed, not typed),
    and whether a disciplinary case happened in the year (a case recorded by another module sets
    it whatever is declared: ``discipline_flag``). Draft or returned ratings only."""
    policy.require(actor, MANAGE, rating.unit_id)
    if rating.state not in (Rating.State.DRAFT, Rating.State.RETURNED):
        raise ValidationError({"state": _("Chỉ tự chấm được khi bản đánh giá là nháp hoặc bị trả lại.")})
    errors: dict[str, str] = {}
    lines = _lines(rating)
    filled = _fill_auto(rating, [line.item for line in lines])
    for line in lines:
        if line.item_id in filled:
            line.self_points, line.evidence = filled[line.item_id]
    points = _checked_points(lines, points, errors, keep_auto=True)
    if errors:
        raise ValidationError(errors)
    for line in lines:
        line.self_points = points[line.item_id]
    RatingLine.objects.bulk_update(lines, ["self_points", "evidence"])
    case, source = discipline_flag(rating, bool(discipline_case), _("Công đoàn cơ sở tự khai"))
    changes = {
        "self_total": sum(points.values(), Decimal(0)),
        "discipline_case": case,
        "discipline_source": source,
        "members_start": rating.members_start,
        "members_end": rating.members_end,
        "conference_held": rating.conference_held,
    }
    audit.record_change(
        actor=actor, action="rating.self_assess", obj=rating, unit_id=rating.unit_id, changes=changes
    )
    return rating


def rating_step(*, actor, rating: Rating, step: str, reason: str = "", on: dt.date | None = None) -> Rating:
    """Send to the superior (the union; ``on``: the day sent, today by default, kept as
    ``submitted_on``) or return with a reason (the directly-superior union)."""
    chosen = RATING_FLOW.step(step)
    if chosen.name == "decide":
        raise ValidationError({"step": _("Quyết định xếp loại cần nhập điểm của cấp trên.")})
    if chosen.name == "submit":
        on = on or today()
        _check_day(on, rating, "submitted_on", _("Ngày gửi cấp trên"))
        return RATING_FLOW.run(
            actor=actor, obj=rating, step=chosen, reason=reason, recorded=["submitted_on"], on=on
        )
    return RATING_FLOW.run(actor=actor, obj=rating, step=chosen, reason=reason)


def _check_day(on: dt.date, rating: Rating, field: str, label: str, after: dt.date | None = None) -> None:
    """``on`` lies between 01/01 of the rating's year (or ``after``) and today; else the field named."""
    first = max(dt.date(rating.year, 1, 1), after or dt.date.min)
    if not first <= on <= today():
        raise ValidationError(
            {
                field: _("%(label)s: %(on)s phải từ ngày %(first)s đến hôm nay.")
                % {"label": label, "on": display(on), "first": display(first)}
            }
        )


def barred_reasons(rating: Rating) -> list[str]:
    """The rubric's hard conditions the rating meets (each bars the top grade)."""
    reasons = []
    conditions = set(rating.rubric.conditions)
    if Condition.DISCIPLINE in conditions and rating.discipline_case:
        reasons.append(str(Condition.DISCIPLINE.label))
    if Condition.NO_CONFERENCE in conditions and rating.conference_held is False:
        reasons.append(str(Condition.NO_CONFERENCE.label))
    return reasons


@transaction.atomic
def rating_decide(
    *,
    actor,
    rating: Rating,
    reviewer: Unit | None = None,
    points: dict | None = None,
    note: str = "",
    on: dt.date | None = None,
    discipline_case: bool | None = None,
) -> Rating:
    """Quyết định xếp loại on ``on`` (``decided_on``; today by default, from 01/01 of the year and
    not before the day it was sent): the union's directly-superior union *on that day*
    (``reviewer``, the actor's own unit by default; the tree of ``on``, so a union moved later keeps
    this decision) sets the points item by item (the union's own when not given) and may set the
    disciplinary flag (``discipline_case``; ``None`` keeps the union's; a recorded case cannot be
    cleared); the grade follows from the thresholds of the year and the rubric's hard conditions.
    Any other unit is refused, naming ``reviewer``; two officers deciding at once: one wins, the
    other is told."""
    reviewer = reviewer or actor.home_unit
    on = on or today()
    _check_day(on, rating, "decided_on", _("Ngày quyết định xếp loại"), after=rating.submitted_on)
    parent = parent_on(rating.unit_id, on)
    if reviewer is None or parent is None or reviewer.pk != parent:
        raise ValidationError(
            {
                "reviewer": _(
                    "Đơn vị xếp loại: %(unit)s không phải công đoàn cấp trên trực tiếp của %(cdcs)s"
                    " vào ngày %(on)s."
                )
                % {"unit": reviewer or "—", "cdcs": rating.unit, "on": display(on)}
            }
        )
    policy.require(actor, MANAGE, reviewer)
    rating.discipline_case, rating.discipline_source = discipline_flag(
        rating,
        discipline_case,
        _("Công đoàn cấp trên xác định (%(unit)s)") % {"unit": reviewer},
        strict=True,
    )
    lines = _lines(rating)
    given = {line.item_id: line.self_points for line in lines}
    given.update(points or {})
    errors: dict[str, str] = {}
    decided = _checked_points(lines, given, errors, keep_auto=False)
    if errors:
        raise ValidationError(errors)
    total = sum(decided.values(), Decimal(0))
    grades = grades_for(rating.year)
    if not grades:
        raise ValidationError(
            {"grade": _("Xếp loại: chưa có thang xếp loại cho năm %(y)s.") % {"y": rating.year}}
        )
    grade = grade_of(total, rating.rubric, grades)
    reasons = barred_reasons(rating)
    if grade.top and reasons and len(grades) > 1:
        grade = grades[1]
    rating.total, rating.grade, rating.reviewer, rating.decided_on = total, grade, reviewer, on
    rating.barred = clean_line("; ".join(reasons) if grade_of(total, rating.rubric, grades).top else "")[:500]
    RATING_FLOW.run(actor=actor, obj=rating, step="decide", reason=clean_line(note or ""))
    for line in lines:
        line.points = decided[line.item_id]
    RatingLine.objects.bulk_update(lines, ["points"])
    # One audit row: the workflow's, with the grade added to what it recorded.
    entry = AuditEntry.objects.filter(
        action="rating.decide", object_type=Rating._meta.label_lower, object_id=str(rating.pk)
    ).latest("id")
    entry.after = {
        **entry.after,
        "total": points_text(total),
        "grade": audit.stored_name(grade),
        "reviewer": reviewer.pk,
        "barred": rating.barred,
        "decided_on": display(on),
        "discipline_case": rating.discipline_case,
        "discipline_source": rating.discipline_source,
    }
    entry.save(update_fields=["after"])
    return rating


def unit_ids_of_kind(path: str, on: dt.date, kind: str = GRASSROOTS):
    """The ids of the units of ``kind`` in the subtree at ``path`` on ``on`` (a subquery)."""
    return UnitVersion.objects.active(on).filter(path__startswith=path, kind__code=kind).values("unit_id")
