"""Eligibility checks (issue 12 §3), run on every line of a nomination and shown as pass/fail with
the reason and the data behind it.

Which checks apply, with which parameters, is data: ``EligibilityRule`` rows in force on the day
(``target`` the code of the form or title, or "*" for all; ``check`` a key of ``CHECKS``), seeded
from the Law on Emulation and Commendation 06/2022/QH15, Decree 152/2025/NĐ-CP and the union's own
rules (migration ``0002_seed_catalogue``). The code below is only how each kind of check computes.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.dates import display
from congdoan.core.numbers import format_number
from congdoan.initiatives.selectors import recognised_initiatives
from congdoan.members.models import Membership, Person, Sex
from congdoan.members.selectors import WorkPeriod, union_work_periods
from congdoan.organizations.permissions import path_of_units
from congdoan.organizations.selectors import subtree_units, subtrees_under

from . import rule_params
from .models import Award, Discipline, EarlierService, EligibilityRule, NominationLine, TaskRating


@dataclass(frozen=True)
class Result:
    check: str
    label: str
    passed: bool
    reason: str
    data: tuple[tuple[str, str], ...] = ()
    source: str = ""
    # A rule row with ``params["advisory"]``: one criterion among alternatives the council weighs
    # (e.g. Law 06/2022, Art. 74(1): "đạt một trong các tiêu chuẩn sau"); shown, never refusing.
    advisory: bool = False


@dataclass
class Subject:
    """What a check looks at: one line (a person or a unit) proposed for ``code`` in ``year``,
    by ``unit``, to be issued by ``issuer`` (None: an issuer outside the union, by name), on ``on``."""

    code: str
    year: int
    on: dt.date
    unit_id: int
    issuer_id: int | None
    person: Person | None = None
    collective_id: int | None = None
    votes_for: int | None = None
    council_size: int | None = None
    once_in_lifetime: bool = False
    initiatives: int = 0  # recognised initiatives behind this line
    exclude_line: int | None = None
    extra: dict = field(default_factory=dict)
    facts: Any = None  # awards.facts.Facts: the records of every line of the page, fetched once


def awards_of(code: str) -> Q:
    """Awards of the form or title whose code is ``code``."""
    return Q(form__code=code) | Q(title__code=code)


def _awarded(code: str, *, person_ids=None, unit_id=None, year=None):
    qs = Award.objects.filter(awards_of(code))
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if year is not None:
        qs = qs.filter(year=year)
    return qs


def _has_award(s: Subject, code: str, *, year=None) -> list | None:
    """The subject's own awards of ``code`` (in ``year``) from the page's facts; None without facts."""
    if s.facts is None:
        return None
    if s.person is not None:
        return s.facts.awarded(code, person_id=s.person.pk, year=year)
    return s.facts.awarded(code, unit_id=s.collective_id, year=year)


def _year_end(s: Subject) -> dt.date:
    return min(s.on, dt.date(s.year, 12, 31))


def people_of(unit_id: int, on: dt.date) -> list[int]:
    """Members of the unit's subtree on ``on`` (person ids)."""
    path = path_of_units([unit_id], on).get(unit_id, "")
    return list(
        Membership.objects.active(on)
        .filter(unit_id__in=subtree_units(path, on).values("unit_id"))
        .values_list("person_id", flat=True)
    )


def _people(s: Subject) -> list[int]:
    """The collective's members at the end of the year, once per page when the subject has facts."""
    if s.facts is None:
        return people_of(s.collective_id, _year_end(s))
    if s.collective_id not in s.facts.people:  # facts load every collective of the page at once
        s.facts.people.update(people_of_units([s.collective_id], _year_end(s)))
    return s.facts.people[s.collective_id]


def people_of_units(unit_ids, on: dt.date) -> dict[int, list[int]]:
    """``people_of`` for several units at once (person ids by unit id): three queries whatever
    the number of units."""
    ids = list(dict.fromkeys(unit_ids))
    if not ids:
        return {}
    under: dict[int, list[int]] = {}
    for uid, members in subtrees_under(path_of_units(ids, on), on).items():
        for member_unit in members:
            under.setdefault(member_unit, []).append(uid)
    out: dict[int, list[int]] = {uid: [] for uid in ids}
    rows = Membership.objects.active(on).filter(unit_id__in=list(under)).values_list("person_id", "unit_id")
    for person_id, member_unit in rows:
        for uid in under[member_unit]:
            out[uid].append(person_id)
    return out


def _pct(part: int, whole: int) -> str:
    return f"{format_number(part)}/{format_number(whole)}"


# -- the checks ----------------------------------------------------------------------------------------


def needs_title_same_year(s: Subject, p: dict) -> tuple[bool, str, dict]:
    title = p.get("title", "")
    if s.person is None:
        return True, _("Không áp dụng cho tập thể."), {}
    found = _has_award(s, title, year=s.year)
    has = (
        bool(found) if found is not None else _awarded(title, person_ids=[s.person.pk], year=s.year).exists()
    )
    data = {_("Danh hiệu cần có"): p.get("title_name", title), _("Năm"): str(s.year)}
    if has:
        return True, _("Đã có %(t)s năm %(y)s.") % {"t": p.get("title_name", title), "y": s.year}, data
    return False, _("Chưa có %(t)s năm %(y)s.") % {"t": p.get("title_name", title), "y": s.year}, data


def excellent_or_initiative(s: Subject, p: dict) -> tuple[bool, str, dict]:
    if s.person is None:
        return True, _("Không áp dụng cho tập thể."), {}
    if s.facts is not None:
        grade = s.facts.grades.get((s.person.pk, s.year))
    else:
        grade = (
            TaskRating.objects.filter(person=s.person, year=s.year).values_list("grade", flat=True).first()
        )
    data = {
        _("Xếp loại năm %(y)s") % {"y": s.year}: dict(TaskRating.Grade.choices).get(grade, _("chưa có")),
        _("Sáng kiến được công nhận"): format_number(s.initiatives),
    }
    if grade == TaskRating.Grade.EXCELLENT or s.initiatives:
        return True, _("Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận."), data
    return False, _("Cần hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận."), data


def collective_share(s: Subject, p: dict) -> tuple[bool, str, dict]:
    if s.collective_id is None:
        return True, _("Không áp dụng cho cá nhân."), {}
    people = _people(s)
    if s.facts is not None:
        members = set(people)
        having = len(
            {a.person_id for a in s.facts.awarded(p.get("title", ""), year=s.year) if a.person_id in members}
        )
    else:
        having = (
            _awarded(p.get("title", ""), person_ids=people, year=s.year)
            .values("person_id")
            .distinct()
            .count()
        )
    need = int(p.get("percent", 70))
    ok = bool(people) and having * 100 >= need * len(people)
    data = {
        _("Số người trong tập thể"): format_number(len(people)),
        p.get("title_name", p.get("title", "")): _pct(having, len(people)),
        _("Tỷ lệ cần đạt"): f"{need} %",
    }
    reason = _("%(n)s người có %(t)s, cần ít nhất %(p)s %%.") % {
        "n": _pct(having, len(people)),
        "t": p.get("title_name", ""),
        "p": need,
    }
    return ok, reason, data


def _severe_in_year(person_ids: list[int], year: int) -> list[Discipline]:
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    return list(
        Discipline.objects.filter(person_id__in=person_ids, level__in=Discipline.SEVERE, starts_on__lt=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=start))
        .select_related("person")
    )


def no_severe_discipline_in_year(s: Subject, p: dict) -> tuple[bool, str, dict]:
    if s.collective_id is None:
        return True, _("Không áp dụng cho cá nhân."), {}
    people = _people(s)
    if s.facts is not None:
        members = set(people)
        found = [d for d in s.facts.severe if d.person_id in members]
    else:
        found = _severe_in_year(people, s.year)
    if not found:
        return True, _("Không ai bị kỷ luật từ cảnh cáo trở lên trong năm."), {}
    names = ", ".join(f"{d.person} ({d.get_level_display()})" for d in found[:5])
    return False, _("Có người bị kỷ luật từ cảnh cáo trở lên: %(names)s.") % {"names": names}, {}


def all_tasks_done(s: Subject, p: dict) -> tuple[bool, str, dict]:
    if s.collective_id is None:
        return True, _("Không áp dụng cho cá nhân."), {}
    people = _people(s)
    if s.facts is not None:
        done = sum(
            1
            for pid in set(people)
            if s.facts.grades.get((pid, s.year)) not in (None, TaskRating.Grade.NOT_DONE)
        )
    else:
        done = (
            TaskRating.objects.filter(person_id__in=people, year=s.year)
            .exclude(grade=TaskRating.Grade.NOT_DONE)
            .count()
        )
    ok = bool(people) and done == len(people)
    return (
        ok,
        _("%(n)s người hoàn thành nhiệm vụ, cần 100 %%.") % {"n": _pct(done, len(people))},
        {_("Hoàn thành nhiệm vụ trở lên"): _pct(done, len(people))},
    )


def has_title_among_members(s: Subject, p: dict) -> tuple[bool, str, dict]:
    if s.collective_id is None:
        return True, _("Không áp dụng cho cá nhân."), {}
    people = _people(s)
    if s.facts is not None:
        members = set(people)
        count = sum(1 for a in s.facts.awarded(p.get("title", ""), year=s.year) if a.person_id in members)
    else:
        count = _awarded(p.get("title", ""), person_ids=people, year=s.year).count()
    need = int(p.get("count", 1))
    return (
        count >= need,
        _("%(n)s người có %(t)s, cần ít nhất %(need)s.")
        % {"n": format_number(count), "t": p.get("title_name", ""), "need": need},
        {p.get("title_name", p.get("title", "")): format_number(count)},
    )


def not_under_discipline(s: Subject, p: dict) -> tuple[bool, str, dict]:
    """No award while a sanction or an investigation is in force; merit counts from its end."""
    if s.facts is not None:
        rows = [
            d
            for d in s.facts.disciplines
            if (d.person_id == s.person.pk if s.person is not None else d.unit_id == s.collective_id)
        ]
        rows.sort(key=lambda d: d.starts_on, reverse=True)
    else:
        qs = Discipline.objects.filter(starts_on__lte=s.on)
        qs = qs.filter(person=s.person) if s.person is not None else qs.filter(unit_id=s.collective_id)
        rows = qs.order_by("-starts_on")
    year_start = dt.date(s.year, 1, 1)
    for d in rows:
        data = {
            _("Hình thức"): d.get_level_display(),
            _("Từ ngày"): display(d.starts_on),
            _("Đến ngày"): display(d.ends_on) if d.ends_on else _("chưa kết thúc"),
        }
        if d.ends_on is None or d.ends_on > s.on:
            return (
                False,
                _("Đang bị %(l)s (từ %(d)s).")
                % {"l": d.get_level_display().lower(), "d": display(d.starts_on)},
                data,
            )
        if d.ends_on > year_start:
            return (
                False,
                _(
                    "Thành tích chỉ được tính từ ngày %(d)s, khi hết thời hạn kỷ luật; năm %(y)s bắt đầu trước đó."
                )
                % {"d": display(d.ends_on), "y": s.year},
                data,
            )
    return True, _("Không bị kỷ luật, không đang bị xem xét."), {}


def union_periods_of(person_ids, on: dt.date) -> dict[int, list[WorkPeriod]]:
    """Each person's union work up to ``on`` (``members.selectors.WorkPeriod``, sorted): every
    officer position and membership period of the register, past and present, in any unit
    (``members.selectors.union_work_periods``), and earlier work recorded from their file
    (``EarlierService``, kind "earlier"). Four queries for any number of people."""
    out = union_work_periods(list(person_ids), on)
    for e in EarlierService.objects.filter(person_id__in=out, starts_on__lte=on):
        end = min(e.ends_on, on)
        out[e.person_id].append(WorkPeriod(e.starts_on, end, "earlier", f"{e.position}, {e.organisation}"))
    return {pid: sorted(periods) for pid, periods in out.items()}


def union_periods(person_id: int, on: dt.date) -> list[WorkPeriod]:
    return union_periods_of([person_id], on)[person_id]


def service_years(person_id: int, on: dt.date, periods: list | None = None) -> tuple[float, list[WorkPeriod]]:
    """Years of union work up to ``on``: the union of the periods (default: every kind of
    ``union_periods``), overlaps counted once, in years of 365.25 days."""
    periods = union_periods(person_id, on) if periods is None else periods
    days, cursor = 0, None
    for period in sorted(periods):
        start, end = period.start, period.end
        if cursor is not None and start < cursor:
            start = cursor
        if end > start:
            days += (end - start).days
            cursor = end if cursor is None else max(cursor, end)
    return days / 365.25, periods


def _years_text(days: int | float) -> str:
    return format_number(round(days / 365.25, 1))


def service_years_check(s: Subject, p: dict) -> tuple[bool, str, dict]:
    """The Kỷ niệm chương's years (params: ``rule_params``): the periods of the kinds the rule
    counts, merged; the threshold of the first group the person belongs to, else ``years``."""
    if s.person is None:
        return True, _("Không áp dụng cho tập thể."), {}
    known = s.facts.periods.get(s.person.pk) if s.facts is not None else None
    every = union_periods(s.person.pk, s.on) if known is None else known
    counted = p.get("count") or list(rule_params.PERIOD_KINDS)
    group = next(
        (
            g
            for g in rule_params.groups_of(p)
            if rule_params.holds(g["when"], sex=s.person.sex, periods=every)
        ),
        None,
    )
    need = int(group["years"] if group is not None else p.get("years", 20))
    years, periods = service_years(s.person.pk, s.on, [x for x in every if x.kind in counted])
    data: dict[str, str] = {}
    for x in periods:
        key = f"{rule_params.PERIOD_KINDS[x.kind]} {display(x.start)} – {display(x.end)}"
        key = key if key not in data else f"{key} ({len(data) + 1})"
        data[key] = f"{x.what}: {_years_text((x.end - x.start).days)}"
    data[_("Quá trình được tính")] = ", ".join(str(rule_params.PERIOD_KINDS[k]).lower() for k in counted)
    data[_("Tổng số năm công tác công đoàn")] = format_number(round(years, 1))
    data[_("Nhóm áp dụng")] = rule_params.group_name(group) if group is not None else _("mặc định")
    data[_("Số năm cần có")] = str(need)
    ok = years >= need
    reason = _("%(y)s năm công tác công đoàn, cần %(n)s năm.") % {
        "y": format_number(round(years, 1)),
        "n": need,
    }
    return ok, reason, data


def once_in_lifetime(s: Subject, p: dict) -> tuple[bool, str, dict]:
    found = _has_award(s, s.code)
    if found is not None:
        first = found[0] if found else None
    else:
        qs = _awarded(s.code, person_ids=[s.person.pk] if s.person else None, unit_id=s.collective_id)
        first = qs.select_related("decision__document").first()
    if first is None:
        return True, _("Chưa được tặng."), {}
    return (
        False,
        _("Đã được tặng năm %(y)s (quyết định %(d)s); chỉ tặng một lần.")
        % {
            "y": first.year,
            "d": first.decision,
        },
        {},
    )


def not_twice_same_year(s: Subject, p: dict) -> tuple[bool, str, dict]:
    found = _has_award(s, s.code, year=s.year)
    if found is None:
        found = _awarded(
            s.code, person_ids=[s.person.pk] if s.person else None, unit_id=s.collective_id, year=s.year
        ).exists()
    if found:
        return False, _("Đã được khen hình thức này năm %(y)s.") % {"y": s.year}, {}
    return True, _("Chưa được khen hình thức này năm %(y)s.") % {"y": s.year}, {}


def council_vote(s: Subject, p: dict) -> tuple[bool, str, dict]:
    need = int(p.get("percent", 80))
    data = {
        _("Số thành viên hội đồng"): format_number(s.council_size) if s.council_size else "",
        _("Số phiếu đồng ý"): format_number(s.votes_for) if s.votes_for is not None else "",
        _("Tỷ lệ cần đạt (trên tổng số thành viên)"): f"{need} %",
    }
    if not s.council_size or s.votes_for is None:
        return False, _("Chưa có kết quả bỏ phiếu kín của hội đồng thi đua."), data
    ok = s.votes_for * 100 >= need * s.council_size
    return (
        ok,
        _("%(v)s thành viên hội đồng đồng ý, cần ít nhất %(p)s %%.")
        % {
            "v": _pct(s.votes_for, s.council_size),
            "p": need,
        },
        data,
    )


def preceding_years(s: Subject, p: dict) -> tuple[bool, str, dict]:
    """A title (``title``) in each of ``years`` consecutive years: the years before ``s.year``, or
    ending with it when ``including_year`` (the Law 06/2022, Art. 74(1)(d), counts "02 lần liên
    tục" up to the year proposed). ``recipient`` "individual": collectives pass (not applicable).
    ``excellent_years`` and ``initiatives``: the alternative of the same point — as many
    consecutive years rated "hoàn thành xuất sắc nhiệm vụ" with that many initiatives recognised
    in them."""
    title, years = p.get("title", ""), int(p.get("years", 2))
    name = p.get("title_name", title)
    if p.get("recipient") == "individual" and s.person is None:
        return True, _("Không áp dụng cho tập thể."), {}
    last = s.year if p.get("including_year") else s.year - 1
    wanted = list(range(last - years + 1, last + 1))
    found = _has_award(s, title)
    if found is not None:
        got = {a.year for a in found if a.year in wanted}
    else:
        got = set(
            _awarded(title, person_ids=[s.person.pk] if s.person else None, unit_id=s.collective_id)
            .filter(year__in=wanted)
            .values_list("year", flat=True)
        )
    missing = [y for y in wanted if y not in got]
    data = {str(y): (_("có") if y in got else _("không")) for y in wanted}
    if not missing:
        return (
            True,
            _("Có %(t)s %(n)s năm liên tục (%(y)s).")
            % {
                "t": name,
                "n": years,
                "y": ", ".join(map(str, wanted)),
            },
            data,
        )
    alt = int(p.get("excellent_years") or 0)
    if alt and s.person is not None:
        span = list(range(last - alt + 1, last + 1))
        if s.facts is not None:
            excellent = {
                y for y in span if s.facts.grades.get((s.person.pk, y)) == TaskRating.Grade.EXCELLENT
            }
        else:
            excellent = set(
                TaskRating.objects.filter(
                    person=s.person, year__in=span, grade=TaskRating.Grade.EXCELLENT
                ).values_list("year", flat=True)
            )
        found = sum(recognised_initiatives(member_ids=[s.person.pk], year=y).count() for y in span)
        need = int(p.get("initiatives") or 0)
        data[_("Hoàn thành xuất sắc nhiệm vụ")] = ", ".join(map(str, sorted(excellent))) or _("không")
        data[_("Sáng kiến được công nhận")] = format_number(found)
        if len(excellent) == len(span) and found >= need:
            return (
                True,
                _(
                    "Hoàn thành xuất sắc nhiệm vụ %(n)s năm liên tục (%(y)s) với %(i)s sáng kiến được công nhận."
                )
                % {"n": alt, "y": ", ".join(map(str, span)), "i": found},
                data,
            )
    return (
        False,
        _("Thiếu %(t)s các năm %(y)s.")
        % {
            "t": name,
            "y": ", ".join(map(str, missing)),
        },
        data,
    )


def issuer_at_or_above(s: Subject, p: dict) -> tuple[bool, str, dict]:
    if s.issuer_id is None:
        return True, _("Cấp khen ngoài hệ thống công đoàn (thủ trưởng cơ quan)."), {}
    paths = s.facts.paths if s.facts is not None else path_of_units([s.issuer_id, s.unit_id], s.on)
    ok = paths.get(s.unit_id, "").startswith(paths.get(s.issuer_id, "\0"))
    return (
        ok,
        (_("Cấp khen ngang hoặc trên đơn vị đề nghị.") if ok else _("Cấp khen thấp hơn đơn vị đề nghị.")),
        {},
    )


CHECKS: dict[str, tuple[str, Callable[[Subject, dict], tuple[bool, str, dict]]]] = {
    "needs_title_same_year": (gettext_lazy("Có danh hiệu cần có cùng năm"), needs_title_same_year),
    "excellent_or_initiative": (
        gettext_lazy("Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến"),
        excellent_or_initiative,
    ),
    "collective_share": (gettext_lazy("Tỷ lệ người đạt danh hiệu trong tập thể"), collective_share),
    "no_severe_discipline_in_year": (
        _("Không ai bị kỷ luật từ cảnh cáo trở lên"),
        no_severe_discipline_in_year,
    ),
    "all_tasks_done": (gettext_lazy("100 % hoàn thành nhiệm vụ"), all_tasks_done),
    "has_title_among_members": (gettext_lazy("Có cá nhân đạt danh hiệu"), has_title_among_members),
    "not_under_discipline": (gettext_lazy("Không đang bị kỷ luật, xem xét"), not_under_discipline),
    "service_years": (gettext_lazy("Số năm công tác công đoàn"), service_years_check),
    "once_in_lifetime": (gettext_lazy("Chỉ tặng một lần"), once_in_lifetime),
    "not_twice_same_year": (gettext_lazy("Không trùng hình thức trong năm"), not_twice_same_year),
    "council_vote": (gettext_lazy("Kết quả bỏ phiếu của hội đồng thi đua"), council_vote),
    "preceding_years": (gettext_lazy("Danh hiệu các năm liền trước"), preceding_years),
    "issuer_at_or_above": (gettext_lazy("Cấp khen từ cấp đề nghị trở lên"), issuer_at_or_above),
}


RANKING_RULES = {"prefer_women"}  # rules read by ``ranked``, not checks of a line


PARAMETER_WORDS = {
    "title_name": gettext_lazy("danh hiệu %(v)s"),
    "percent": gettext_lazy("tối thiểu %(v)s %%"),
    "collective_percent": gettext_lazy("tập thể có từ %(v)s %% nữ"),
    "years": gettext_lazy("%(v)s năm"),
    "count": gettext_lazy("ít nhất %(v)s"),
    "including_year": gettext_lazy("tính cả năm đề nghị"),
    "recipient": gettext_lazy("chỉ xét cá nhân"),
    "excellent_years": gettext_lazy("hoặc %(v)s năm liên tục hoàn thành xuất sắc nhiệm vụ"),
    "initiatives": gettext_lazy("với %(v)s sáng kiến được công nhận"),
    "advisory": gettext_lazy("một trong các tiêu chuẩn thay thế: chỉ cảnh báo, không chặn"),
}


def describe(rule: EligibilityRule) -> tuple[str, str]:
    """A rule row in words for the catalogue page: the check's label and its parameters
    ("danh hiệu Lao động tiên tiến; tối thiểu 70 %"), never the stored codes."""
    label = (
        CHECKS[rule.rule][0]
        if rule.rule in CHECKS
        else (gettext_lazy("Ưu tiên nữ khi bằng điểm") if rule.rule in RANKING_RULES else rule.rule)
    )
    if rule.rule in rule_params.VALIDATORS:
        try:
            rule_params.validate(rule.rule, rule.params)
        except ValidationError as e:
            return str(label), " ".join(e.messages)
    if rule.rule == "service_years":
        return str(label), "; ".join(rule_params.words(rule.params))
    words = [
        str(text) % {"v": rule.params[key]} for key, text in PARAMETER_WORDS.items() if key in rule.params
    ]
    return str(label), "; ".join(words)


def rules_for(code: str, on: dt.date) -> list[EligibilityRule]:
    return list(
        EligibilityRule.objects.active(on)
        .filter(target__in=[code, "*"])
        .order_by("target", "rule", "-valid_from")
    )


def run(subject: Subject, rules: list[EligibilityRule] | None = None) -> list[Result]:
    """Every rule in force for the subject's form or title, checked; unknown check keys are shown
    as failed (a rule row naming a check nobody wrote must not pass silently)."""
    out = []
    seen = set()
    for rule in rules if rules is not None else rules_for(subject.code, subject.on):
        if rule.rule in seen or rule.rule in RANKING_RULES:
            continue  # the latest row of a check wins (rows are ordered newest first)
        seen.add(rule.rule)
        label, fn = CHECKS.get(rule.rule, (rule.rule, None))
        if fn is None:
            out.append(
                Result(rule.rule, str(label), False, _("Điều kiện chưa được lập trình."), (), rule.source)
            )
            continue
        try:
            rule_params.validate(rule.rule, rule.params or {})
        except ValidationError as e:  # a bad row must refuse with its reason, not pass or crash
            out.append(Result(rule.rule, str(label), False, " ".join(e.messages), (), rule.source))
            continue
        passed, reason, data = fn(subject, rule.params or {})
        out.append(
            Result(
                rule.rule,
                str(label),
                passed,
                str(reason),
                tuple((str(k), str(v)) for k, v in data.items()),
                rule.source,
                bool((rule.params or {}).get("advisory")),
            )
        )
    return out


def subject_of(line: NominationLine, *, on: dt.date, initiatives: int = 0, facts=None) -> Subject:
    n = line.nomination
    return Subject(
        code=n.kind.code,
        year=n.year,
        on=on,
        unit_id=n.unit_id,
        issuer_id=n.issuer_id,
        person=line.person,
        collective_id=line.unit_id,
        votes_for=line.votes_for,
        council_size=n.council_size,
        initiatives=initiatives,
        exclude_line=line.pk,
        facts=facts,
    )


def failures(results: list[Result]) -> list[Result]:
    """The failed checks that refuse a line (advisory rows are shown but do not refuse)."""
    return [r for r in results if not r.passed and not r.advisory]


def women_share(unit_id: int, on: dt.date) -> tuple[int, int]:
    """(women, members) of the unit's subtree on ``on``."""
    return women_shares([unit_id], on).get(unit_id, (0, 0))


def women_shares(unit_ids, on: dt.date) -> dict[int, tuple[int, int]]:
    """``women_share`` of several units: four queries whatever their number."""
    people = people_of_units(unit_ids, on)
    everyone = {pid for ids in people.values() for pid in ids}
    women = set(Person.objects.filter(pk__in=everyone, sex=Sex.FEMALE).values_list("pk", flat=True))
    return {uid: (sum(1 for pid in ids if pid in women), len(ids)) for uid, ids in people.items()}


def ranked(
    lines: list[NominationLine], *, on: dt.date, collective_percent: int | None = None
) -> list[tuple[NominationLine, str]]:
    """Lines ranked by the council's votes; among equal votes women (and collectives with at least
    ``collective_percent`` % women) come first, and the ranking says so (the Law on Emulation and
    Commendation 2022, Art. 5: priority to women at equal achievements)."""

    shares: dict[int, tuple[int, int]] = {}

    def woman(line: NominationLine) -> bool:
        if line.person_id:
            return line.person.sex == Sex.FEMALE
        women, total = shares[line.unit_id]
        return bool(total) and women * 100 >= collective_percent * total

    if collective_percent is None:
        rule = EligibilityRule.objects.active(on).filter(rule="prefer_women").order_by("-valid_from").first()
        if rule is None:
            return [
                (line, "") for line in sorted(lines, key=lambda ln: (-(ln.votes_for or 0), ln.order, ln.pk))
            ]
        collective_percent = int(rule.params.get("collective_percent", 70))
    shares.update(women_shares([ln.unit_id for ln in lines if ln.unit_id and not ln.person_id], on))
    keyed = [(line, woman(line)) for line in lines]
    keyed.sort(key=lambda t: (-(t[0].votes_for or 0), not t[1], t[0].order, t[0].pk))
    out = []
    for i, (line, is_woman) in enumerate(keyed):
        tied = any(
            (other.votes_for or 0) == (line.votes_for or 0) and other_woman != is_woman
            for j, (other, other_woman) in enumerate(keyed)
            if j != i
        )
        note = _("Ưu tiên nữ khi bằng phiếu") if tied and is_woman else ""
        out.append((line, str(note)))
    return out
