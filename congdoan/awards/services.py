"""Writes of the awards module: one transaction each, the policy asked first, field errors collected
and raised once (in Vietnamese, naming the field or the line), one audit row.

Nominations (issue 12 §2): a unit proposes people or collectives of its subtree for a form and a
year (đề xuất); it sends the dossier to the level that considers it (``reviewer``: the issuer when
the unit issues it itself or the issuer is outside the union, else the unit's managing parent);
that level's council marks it đạt / không đạt, returns it with a reason, or passes it to the level
above (``forward``) until it reaches the issuer; the issuer records the decision, a numbered
document of the register, and the awards. Sending, approving and deciding re-run the eligibility
checks (``eligibility.run``) and refuse a line that fails, naming it and the reason.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core import attachments, audit
from congdoan.core.dates import today
from congdoan.core.text import clean_line, clean_text
from congdoan.core.workflow import Step, Workflow
from congdoan.emulation.models import Title
from congdoan.initiatives.models import Initiative
from congdoan.initiatives.selectors import recognised_initiatives
from congdoan.members.models import Membership, Person
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units, policy
from congdoan.organizations.selectors import remember_latest_versions

from . import eligibility
from .facts import Facts
from .levels import IssuerLevel
from .models import (
    Award,
    AwardInitiative,
    Form,
    LineInitiative,
    Nomination,
    NominationFile,
    NominationLine,
    Recipient,
)
from .permissions import MANAGE, deciding_unit, may_take_step

NOMINATION_FIELDS = (
    "unit",
    "form",
    "title",
    "year",
    "occasion",
    "issuer",
    "reviewer",
    "council_size",
    "council_present",
    "block",
)

NOMINATION_FLOW = Workflow(
    model=Nomination,
    steps=[
        Step("submit", gettext_lazy("Gửi đề nghị"), "nomination.submit"),
        Step("forward", gettext_lazy("Trình cấp trên"), "nomination.forward", style="secondary"),
        Step("approve", gettext_lazy("Đạt"), "nomination.approve", style="success"),
        Step("reject", gettext_lazy("Không đạt"), "nomination.reject", needs_reason=True, style="danger"),
        Step("send_back", gettext_lazy("Trả lại"), "nomination.return", needs_reason=True, style="warning"),
    ],
    may=may_take_step,
    unit_of=lambda nomination: nomination.unit_id,
)
DECIDE_STEP = Step("decide", gettext_lazy("Quyết định khen thưởng"), "nomination.decide")
DECIDE_FLOW = Workflow(
    model=Nomination, steps=[DECIDE_STEP], may=may_take_step, unit_of=lambda nomination: nomination.unit_id
)


@dataclass
class LineIn:
    """One proposed awardee: ``person`` or ``unit``, the council's votes for them, achievements."""

    person: Person | None = None
    unit: Unit | None = None
    votes_for: int | None = None
    achievements: str = ""
    initiatives: list = field(default_factory=list)  # initiatives.Initiative rows behind a person


def reference_day(year: int) -> dt.date:
    """The day a year's nomination is checked against: 31/12 of the year, or today if earlier."""
    return min(today(), dt.date(year, 12, 31))


def _parent_of(unit_id: int, on: dt.date) -> int | None:
    version = Unit(pk=unit_id).version_on(on)
    return version.parent_id if version else None


def _paths(ids, on):
    return path_of_units([i for i in ids if i], on)


def _label(line: LineIn | NominationLine) -> str:
    return str(line.person or line.unit)


def accepts(kind, recipient: str) -> bool:
    """Whether a form (``recipients``) or a title (``recipient``) goes to ``recipient``."""
    if isinstance(kind, Form):
        return kind.accepts(recipient)
    return kind.recipient == recipient


def once(kind) -> bool:
    return isinstance(kind, Form) and kind.once_in_lifetime


def _awards_of(kind):
    return Award.objects.filter(form=kind) if isinstance(kind, Form) else Award.objects.filter(title=kind)


def _check_lines(unit: Unit, form, year: int, lines: list[LineIn], council_size, council_present, errors):
    """People and collectives of the unit's subtree, accepted by the form, not proposed twice, not
    already awarded the form that year (or ever, for a once-in-a-lifetime form); votes within the council."""
    on = reference_day(year)
    unit_path = _paths([unit.pk], on).get(unit.pk, "")
    if not lines:
        errors["lines"] = _("Hãy chọn ít nhất một cá nhân hoặc tập thể.")
        return
    problems: list[str] = []
    people = [ln.person.pk for ln in lines if ln.person]
    units = [ln.unit.pk for ln in lines if ln.unit]
    if len(set(people)) != len(people) or len(set(units)) != len(units):
        problems.append(_("Một người hoặc tập thể được đề nghị hai lần."))
    # Members of the subtree on the reference day (or today).
    paths_today = {}
    if people:
        for m in Membership.objects.filter(person_id__in=people).select_related("unit"):
            for day in (on, today()):
                if m.valid_from <= day and (m.valid_to is None or day < m.valid_to):
                    paths_today.setdefault(m.person_id, set()).add((m.unit_id, day))
    unit_paths = {}
    for pairs in paths_today.values():
        for uid, day in pairs:
            unit_paths.setdefault(day, set()).add(uid)
    resolved = {day: _paths(ids, day) for day, ids in unit_paths.items()}
    collective_paths = _paths(units, on)
    for ln in lines:
        if ln.person is not None:
            inside = any(
                resolved.get(day, {}).get(uid, "").startswith(unit_path)
                for uid, day in paths_today.get(ln.person.pk, set())
            )
            if not unit_path or not inside:
                problems.append(
                    _("%(name)s không sinh hoạt tại %(unit)s hoặc đơn vị trực thuộc.")
                    % {"name": ln.person, "unit": unit}
                )
            elif not accepts(form, Recipient.INDIVIDUAL):
                problems.append(
                    _("%(form)s chỉ tặng tập thể, không tặng %(name)s.") % {"form": form, "name": ln.person}
                )
        else:
            if not unit_path or not collective_paths.get(ln.unit.pk, "").startswith(unit_path):
                problems.append(_("%(name)s không thuộc %(unit)s.") % {"name": ln.unit, "unit": unit})
            elif not accepts(form, Recipient.COLLECTIVE):
                problems.append(
                    _("%(form)s chỉ tặng cá nhân, không tặng %(name)s.") % {"form": form, "name": ln.unit}
                )
        if ln.votes_for is not None and council_size is not None and ln.votes_for > council_size:
            problems.append(
                _("%(name)s: %(v)s phiếu đồng ý, nhiều hơn số thành viên hội đồng (%(n)s).")
                % {"name": _label(ln), "v": ln.votes_for, "n": council_size}
            )
        elif ln.votes_for is not None and council_present is not None and ln.votes_for > council_present:
            problems.append(
                _("%(name)s: %(v)s phiếu đồng ý, nhiều hơn số thành viên có mặt (%(n)s).")
                % {"name": _label(ln), "v": ln.votes_for, "n": council_present}
            )
        elif ln.votes_for is not None and council_size is None:
            problems.append(
                _("%(name)s: có số phiếu nhưng chưa ghi số thành viên hội đồng.") % {"name": _label(ln)}
            )
    taken = _awards_of(form).filter(Q(person_id__in=people) | Q(unit_id__in=units))
    if not once(form):
        taken = taken.filter(year=year)
    for award in taken.select_related("person", "unit", "decision"):
        if once(form):
            problems.append(
                _("%(name)s đã được tặng %(form)s năm %(y)s; hình thức này chỉ tặng một lần.")
                % {"name": award.person or award.unit, "form": form, "y": award.year}
            )
        else:
            problems.append(
                _("%(name)s đã được tặng %(form)s năm %(y)s (quyết định %(d)s).")
                % {"name": award.person or award.unit, "form": form, "y": year, "d": award.decision}
            )
    if problems:
        errors["lines"] = problems


def _check_council(council_size, council_present, errors):
    if council_present is not None and council_size is None:
        errors["council_size"] = _("Số thành viên hội đồng: hãy ghi khi đã ghi số thành viên có mặt.")
    elif council_present is not None and council_present > council_size:
        errors["council_present"] = _(
            "Số thành viên có mặt (%(p)s) nhiều hơn số thành viên hội đồng (%(n)s)."
        ) % {
            "p": council_present,
            "n": council_size,
        }


def _issuer_error(unit: Unit, form, issuer: Unit | None, issuer_name: str, on: dt.date) -> str | None:
    """The issuer is a unit of the form's level (its kind's code is the level's) at or above the
    nominating unit; a head of agency is outside the union, named."""
    if issuer is None:
        if form.issuer_level != IssuerLevel.THU_TRUONG:
            return _("Cấp khen: hãy chọn đơn vị ban hành %(form)s.") % {"form": form}
        if not issuer_name:
            return _("Cấp khen: hãy ghi tên thủ trưởng cơ quan, đơn vị khen thưởng.")
        return None
    paths = _paths([unit.pk, issuer.pk], on)
    version = issuer.version_on(on)
    if (
        form.issuer_level != IssuerLevel.THU_TRUONG
        and version is not None
        and version.kind.code != form.issuer_level
    ):
        return _("Cấp khen: %(form)s do %(level)s tặng; %(issuer)s không phải cấp đó.") % {
            "form": form,
            "level": IssuerLevel(form.issuer_level).label,
            "issuer": issuer,
        }
    if not paths.get(unit.pk, "").startswith(paths.get(issuer.pk, "\0")):
        return _("Cấp khen: %(issuer)s không phải là cấp trên hoặc chính %(unit)s (đơn vị đề nghị).") % {
            "issuer": issuer,
            "unit": unit,
        }
    return None


@transaction.atomic
def nomination_create(
    *,
    actor,
    unit: Unit,
    year: int,
    lines: list[LineIn],
    form: Form | None = None,
    title: Title | None = None,
    issuer: Unit | None = None,
    issuer_name: str = "",
    occasion: str = Nomination.Occasion.YEARLY,
    report: str = "",
    council_size: int | None = None,
    council_present: int | None = None,
    block=None,
) -> Nomination:
    """Đề nghị khen thưởng: a proposal of ``unit`` (state "đề xuất") for a ``form`` of commendation
    or an emulation ``title`` (exactly one), sent by ``nomination_step``."""
    policy.require(actor, MANAGE, unit)
    if (form is None) == (title is None):
        raise ValidationError({"form": _("Hãy chọn một hình thức khen thưởng hoặc một danh hiệu thi đua.")})
    kind = form or title
    errors: dict = {}
    on = reference_day(year)
    if not (1900 <= int(year) <= today().year + 1):
        errors["year"] = _("Năm: %(y)s không hợp lệ.") % {"y": year}
    if not (kind.valid_from <= on and (kind.valid_to is None or on < kind.valid_to)):
        errors["form"] = _("%(form)s không có hiệu lực năm %(y)s.") % {"form": kind, "y": year}
    if occasion not in Nomination.Occasion.values:
        errors["occasion"] = _("Loại khen không hợp lệ.")
    issuer_name = clean_line(issuer_name or "")
    problem = _issuer_error(unit, kind, issuer, issuer_name, today())
    if problem:
        errors["issuer"] = problem
    _check_council(council_size, council_present, errors)
    _check_lines(unit, kind, year, lines, council_size, council_present, errors)
    _check_initiatives(lines, year, errors)
    if errors:
        raise ValidationError(errors)
    if issuer is None or issuer.pk == unit.pk:
        reviewer_id = unit.pk
    else:
        reviewer_id = _parent_of(unit.pk, today()) or issuer.pk
    nomination = Nomination.objects.create(
        unit=unit,
        form=form,
        title=title,
        year=year,
        occasion=occasion,
        issuer=issuer,
        issuer_name=issuer_name,
        reviewer_id=reviewer_id,
        report=clean_text(report or ""),
        council_size=council_size,
        council_present=council_present,
        block=block,
    )
    created = NominationLine.objects.bulk_create(
        NominationLine(
            nomination=nomination,
            person=ln.person,
            unit=ln.unit,
            votes_for=ln.votes_for,
            achievements=clean_text(ln.achievements or ""),
            order=i,
        )
        for i, ln in enumerate(lines, 1)
    )
    if any(ln.initiatives for ln in lines):
        created = list(nomination.lines.order_by("order"))
        LineInitiative.objects.bulk_create(
            LineInitiative(line=row, initiative=i)
            for row, ln in zip(created, lines, strict=True)
            for i in ln.initiatives
        )
    audit.record_created(
        actor=actor,
        action="nomination.create",
        obj=nomination,
        unit_id=unit.pk,
        fields=NOMINATION_FIELDS,
        extra={"lines": [_label(ln) for ln in lines]},
    )
    return nomination


@transaction.atomic
def nomination_update(
    *,
    actor,
    nomination: Nomination,
    report: str | None = None,
    council_size: int | None = None,
    council_present: int | None = None,
    votes: dict[int, int | None] | None = None,
    achievements: dict[int, str] | None = None,
    initiatives: dict[int, list[Initiative]] | None = None,
    resubmit: bool = False,
) -> Nomination:
    """Change the dossier of a proposal not yet sent (or returned by the reviewing level): the
    report, the council and, per line (line id ->), the votes for, the achievements and the
    recognised initiatives behind a person (``initiatives``: the line's whole list, checked as on
    creation). Only the nominating unit's officers (``awards.manage`` there); ``resubmit`` sends it
    again (``submit``: the checks run again) in the same transaction."""
    policy.require(actor, MANAGE, nomination.unit_id)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.state not in (Nomination.State.PROPOSED, Nomination.State.RETURNED):
        raise ValidationError(
            {
                "state": _("Chỉ sửa được đề nghị đang đề xuất hoặc bị trả lại (đang: %(s)s).")
                % {"s": nomination.get_state_display()}
            }
        )
    errors: dict = {}
    _check_council(council_size, council_present, errors)
    lines = {ln.pk: ln for ln in nomination.lines.select_related("person", "unit")}
    for line_id, v in (votes or {}).items():
        line = lines.get(line_id)
        if line is None:
            errors["votes"] = _("Dòng đề nghị không thuộc hồ sơ này.")
        elif v is not None and (council_size is None or v > council_size):
            errors["votes"] = _("%(name)s: %(v)s phiếu đồng ý, nhiều hơn số thành viên hội đồng (%(n)s).") % {
                "name": line,
                "v": v,
                "n": council_size if council_size is not None else 0,
            }
        elif v is not None and council_present is not None and v > council_present:
            errors["votes"] = _("%(name)s: %(v)s phiếu đồng ý, nhiều hơn số thành viên có mặt (%(n)s).") % {
                "name": line,
                "v": v,
                "n": council_present,
            }
    if any(line_id not in lines for line_id in [*(achievements or {}), *(initiatives or {})]):
        errors["lines"] = _("Dòng đề nghị không thuộc hồ sơ này.")
    if initiatives and not errors:
        _check_initiatives(
            [
                LineIn(person=lines[line_id].person, unit=lines[line_id].unit, initiatives=chosen)
                for line_id, chosen in initiatives.items()
            ],
            nomination.year,
            errors,
            nomination_id=nomination.pk,
        )
    if errors:
        raise ValidationError(errors)
    before = {
        **audit.snapshot(nomination, ["report", "council_size", "council_present"]),
        "initiatives": _initiatives_by_line(lines.values()) if initiatives is not None else {},
    }
    if report is not None:
        nomination.report = clean_text(report)
    nomination.council_size, nomination.council_present = council_size, council_present
    nomination.save(update_fields=["report", "council_size", "council_present"])
    for line_id, v in (votes or {}).items():
        lines[line_id].votes_for = v
        lines[line_id].save(update_fields=["votes_for"])
    for line_id, text in (achievements or {}).items():
        lines[line_id].achievements = clean_text(text or "")
        lines[line_id].save(update_fields=["achievements"])
    if initiatives is not None:
        LineInitiative.objects.filter(line_id__in=list(initiatives)).delete()
        LineInitiative.objects.bulk_create(
            LineInitiative(line_id=line_id, initiative=i)
            for line_id, chosen in initiatives.items()
            for i in chosen
        )
    audit.record(
        actor=actor,
        action="nomination.update",
        obj=nomination,
        unit_id=nomination.unit_id,
        before=before,
        after={
            **audit.snapshot(nomination, ["report", "council_size", "council_present"]),
            "votes": {str(k): v for k, v in (votes or {}).items()},
            "achievements": sorted(str(lines[k]) for k in (achievements or {})),
            "initiatives": _initiatives_by_line(lines.values()) if initiatives is not None else {},
        },
    )
    if resubmit:
        nomination_step(actor=actor, nomination=nomination, step="submit")
    return nomination


def _initiatives_by_line(lines) -> dict[str, list[int]]:
    """The initiatives put forward behind each line (name -> initiative ids), for the audit row."""
    chosen: dict[int, list[int]] = {}
    for line_id, initiative_id in LineInitiative.objects.filter(line__in=list(lines)).values_list(
        "line_id", "initiative_id"
    ):
        chosen.setdefault(line_id, []).append(initiative_id)
    return {str(line): sorted(chosen[line.pk]) for line in lines if line.pk in chosen}


@transaction.atomic
def nomination_attach(*, actor, nomination: Nomination, upload) -> NominationFile:
    """A file of the dossier (pdf, docx, xlsx, jpg, png; ``core.attachments``), while it may be changed."""
    policy.require(actor, MANAGE, nomination.unit_id)
    if nomination.state not in (Nomination.State.PROPOSED, Nomination.State.RETURNED):
        raise ValidationError({"file": _("Hồ sơ đã gửi: không thêm tệp được.")})
    return attachments.attach(
        actor=actor,
        model=NominationFile,
        upload=upload,
        folder="awards",
        action="nomination.attach",
        obj=nomination,
        unit_id=nomination.unit_id,
        nomination=nomination,
    )


def line_checks(nomination: Nomination, *, on: dt.date | None = None) -> list[tuple[NominationLine, list]]:
    """Each line with its eligibility results (``eligibility.Result``), on ``on``."""
    on = on or reference_day(nomination.year)
    lines = list(nomination.lines.select_related("person", "unit", "nomination__form", "nomination__title"))
    remember_latest_versions([line.unit for line in lines if line.unit_id])
    rules = eligibility.rules_for(nomination.kind.code, on)
    initiatives = initiative_counts(lines)
    facts = Facts.load(
        lines, on=on, year=nomination.year, unit_id=nomination.unit_id, issuer_id=nomination.issuer_id
    )
    out = []
    for line in lines:
        subject = eligibility.subject_of(line, on=on, initiatives=initiatives.get(line.pk, 0), facts=facts)
        out.append((line, eligibility.run(subject, rules)))
    return out


def initiative_counts(lines) -> dict[int, int]:
    """Recognised initiatives put forward behind each line and not yet behind another award."""
    used = AwardInitiative.objects.values("initiative_id")
    rows = (
        LineInitiative.objects.filter(line__in=lines, initiative__state=Initiative.State.RECOGNISED)
        .exclude(initiative_id__in=used)
        .values_list("line_id", flat=True)
    )
    counts: dict[int, int] = {}
    for line_id in rows:
        counts[line_id] = counts.get(line_id, 0) + 1
    return counts


def _check_initiatives(
    lines: list[LineIn], year: int, errors: dict, *, nomination_id: int | None = None
) -> None:
    """An initiative behind a person is one of theirs recognised that year (the initiatives module's
    ``recognised_initiatives``), put forward once (one line, one open nomination: not another
    nomination's than ``nomination_id`` unless that one failed) and not behind an award already:
    one initiative, one award."""
    problems = []
    chosen = [i.pk for ln in lines for i in ln.initiatives]
    twice = {i for i in chosen if chosen.count(i) > 1}
    if twice:
        problems.append(
            _("Một sáng kiến được đưa vào hai dòng đề nghị (số %(i)s); mỗi sáng kiến chỉ dùng một lần.")
            % {"i": ", ".join(map(str, sorted(twice)))}
        )
    elsewhere = (
        LineInitiative.objects.filter(initiative_id__in=chosen)
        .exclude(line__nomination_id=nomination_id)
        .exclude(line__nomination__state__in=[Nomination.State.FAILED, Nomination.State.DECIDED])
        .select_related("initiative", "line__nomination")
    )
    for row in elsewhere:
        problems.append(
            _("Sáng kiến “%(i)s” đã được đưa vào đề nghị khác (số %(n)s); mỗi sáng kiến chỉ dùng một lần.")
            % {"i": row.initiative.title, "n": row.line.nomination_id}
        )
    for ln in lines:
        if not ln.initiatives:
            continue
        if ln.person is None:
            problems.append(_("%(name)s: sáng kiến chỉ làm căn cứ cho cá nhân.") % {"name": ln.unit})
            continue
        own = set(recognised_initiatives(member_ids=[ln.person.pk], year=year).values_list("pk", flat=True))
        for initiative in ln.initiatives:
            if initiative.pk not in own:
                problems.append(
                    _(
                        "%(name)s: sáng kiến số %(i)s không phải sáng kiến của người này được công nhận năm %(y)s."
                    )
                    % {"name": ln.person, "i": initiative.pk, "y": year}
                )
    used = AwardInitiative.objects.filter(
        initiative_id__in=[i.pk for ln in lines for i in ln.initiatives]
    ).select_related("award", "initiative")
    for row in used:
        problems.append(
            _(
                "Sáng kiến “%(i)s” đã làm căn cứ cho một khen thưởng khác (%(a)s); mỗi sáng kiến chỉ dùng một lần."
            )
            % {"i": row.initiative.title, "a": row.award}
        )
    if problems:
        errors["initiatives"] = problems


def _refuse_failing(nomination: Nomination, on: dt.date) -> None:
    problems = []
    for line, results in line_checks(nomination, on=on):
        for r in eligibility.failures(results):
            problems.append(
                _("%(name)s — %(check)s: %(reason)s") % {"name": line, "check": r.label, "reason": r.reason}
            )
    if problems:
        raise ValidationError({"lines": problems})


@transaction.atomic
def nomination_step(*, actor, nomination: Nomination, step: str, reason: str = "") -> Nomination:
    """Gửi (submit), trình cấp trên (forward), đạt (approve), không đạt (reject), trả lại
    (send_back). Sending and approving refuse a dossier with a line failing a check; a level passes
    it higher only while it is below the issuer; only the issuer's level marks it đạt."""
    chosen = NOMINATION_FLOW.step(step)
    kwargs = {}
    if (
        chosen.name in ("submit", "approve")
        and NOMINATION_FLOW.allowed_now(nomination, chosen)
        and NOMINATION_FLOW.may(actor, nomination, chosen)
    ):
        _refuse_failing(nomination, reference_day(nomination.year))
    top = deciding_unit(nomination)
    if chosen.name == "forward" and NOMINATION_FLOW.may(actor, nomination, chosen):
        if nomination.reviewer_id == top:
            raise ValidationError({"step": _("Đề nghị đã ở cấp khen; không trình lên cấp trên nữa.")})
        parent = _parent_of(nomination.reviewer_id, today())
        if parent is None:
            raise ValidationError({"step": _("Không có cấp trên để trình.")})
        kwargs["to"] = Unit.objects.get(pk=parent)
    if (
        chosen.name == "approve"
        and nomination.reviewer_id != top
        and NOMINATION_FLOW.may(actor, nomination, chosen)
    ):
        raise ValidationError(
            {
                "step": _("Chỉ cấp khen (%(issuer)s) xét đạt; hãy trình lên cấp trên.")
                % {"issuer": nomination.issuer or nomination.issuer_name}
            }
        )
    return NOMINATION_FLOW.run(actor=actor, obj=nomination, step=chosen, reason=reason, **kwargs)
