"""A year of work (2022) for a generated tree (``generate_scale --work``): what the figures of
``core.figures`` read, so that the dashboard and the year-end report can be measured on 10,000
units (issue 15 §6).

Bench data, not officer input: rows are written directly with ``bulk_create`` in batches (no
services, no audit rows), but in the shape the services leave them: decided states with their
decision dates and deciding units, numbered and issued decisions, conferences within their year,
amounts in integer VND. Per grassroots union (CĐCS):

- ``members.WorkforceCount`` on 30/06 and 31/12 (the workforce the membership rate divides by);
- ``meetings``: the duty to hold the CBCCVC conference, and for companies (and about one in twelve
  public service units with labour contracts) the workers' conference and the periodic dialogue;
  about 97% of them held in the first quarter;
- ``emulation``: a registration for the root's movement of the year (most accepted) and a decided
  rating with its grade (reviewer: the union directly above);
- ``initiatives``: a target per round of the root's programme (given by the union above) and the
  initiatives registered in each round, most recognised by the union above;
- ``welfare``: support cases of its members, and the Tết (per mid-level union) and policy-family
  (per province) programmes with their gifts;
- ``funds``: contributions of the unit and of its members to the root's drives of the year;
- ``awards``: the titles of the year (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động
  tiên tiến) and the Giấy khen of the union above, Bằng khen of the province and of the root,
  Kỷ niệm chương: each form with its decision, nomination and lines.

Deterministic for a seed: one ``random.Random`` per part, units and members visited in path and id
order. Ratings carry the days the services record (``submitted_on``, ``decided_on``), since the
reports count a rating from the day it was decided.
"""

import datetime as dt
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min
from django.utils import timezone

from congdoan.awards.models import Award, Decision, Form, Nomination, NominationLine
from congdoan.core.text import fold
from congdoan.documents.models import Document, DocumentKind
from congdoan.documents.models import Status as DocumentStatus
from congdoan.emulation.models import Grade, Movement, Rating, Registration, Rubric, Title
from congdoan.funds.models import Contribution, ContributorKind, Drive, Fund
from congdoan.initiatives.models import Initiative, InitiativeField, Round, Target
from congdoan.initiatives.models import Programme as InitiativeProgramme
from congdoan.meetings.models import Conference, ConferenceDuty, ConferenceKind, CongressTerm
from congdoan.members.models import Person, WorkforceCount
from congdoan.organizations.models import UnitVersion
from congdoan.welfare.models import HOUSE_KIND, GiftItem, ProgrammeKind, Source, SupportCase, SupportKind
from congdoan.welfare.models import Programme as WelfareProgramme

from .data import FOUNDED

WORK_YEAR = 2022
BATCH = 2000
BASE_SALARY = 1_490_000  # lương cơ sở from 01/07/2019 to 30/06/2023 (Decree 38/2019/NĐ-CP)
WORKERS_SHARE = 1 / 12  # public service units that also employ under labour contracts
HELD_SHARE = 0.97
REGISTERED_SHARE = 0.95
RATED_SHARE = 0.92
GRADE_SHARES = {1: 30, 2: 45, 3: 20, 4: 5}  # by rank: the top grade for about a third
# (form or title code, multiple for a collective, for a person): the bonus multiples of the
# base salary (Decree 91/2017, Art. 71-73: a collective twice a person); Kỷ niệm chương carries none.
MULTIPLES = {
    "giay-khen": (Decimal("0.6"), Decimal("0.3")),
    "bk-ldld": (Decimal("2.0"), Decimal("1.0")),
    "bk-tld": (Decimal("2.0"), Decimal("1.0")),
    "knc": (Decimal("0"), Decimal("0")),
    "lao-dong-tien-tien": (Decimal("0"), Decimal("0.3")),
    "chien-si-thi-dua-co-so": (Decimal("0"), Decimal("1.0")),
    "tap-the-lao-dong-tien-tien": (Decimal("0.8"), Decimal("0")),
}


@dataclass
class WorkUnit:
    """A unit of the generated tree as the work is drawn for it; ``people`` its members' ids
    (``lo``..``hi`` when they are contiguous, as ``generate_scale`` writes them)."""

    id: int
    path: str
    parent_id: int | None
    kind: str
    name: str
    members: int = 0
    lo: int = 0
    hi: int = 0
    children: list["WorkUnit"] = field(default_factory=list)

    def people(self, k: int, rng: random.Random) -> list[int]:
        """``k`` distinct members of the unit (fewer if it has fewer)."""
        k = min(k, self.members)
        if not k:
            return []
        if self.hi - self.lo + 1 == self.members:
            return sorted(rng.sample(range(self.lo, self.hi + 1), k))
        ids = list(Person.objects.filter(unit_id=self.id).order_by("id").values_list("id", flat=True))
        return sorted(rng.sample(ids, k))


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def _save(model, rows: list) -> list:
    """``bulk_create`` in batches; the rows come back with their ids (PostgreSQL, SQLite >= 3.35)."""
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _units(root_id: int, on: dt.date) -> list[WorkUnit]:
    """The subtree of ``root_id`` on ``on`` in path order, with each CĐCS's members."""
    root_path = UnitVersion.objects.active(on).get(unit_id=root_id).path
    units = [
        WorkUnit(*row)
        for row in UnitVersion.objects.active(on)
        .filter(path__startswith=root_path)
        .order_by("path")
        .values_list("unit_id", "path", "parent_id", "kind__code", "name")
    ]
    by_id = {u.id: u for u in units}
    for u in units:
        if u.parent_id in by_id:
            by_id[u.parent_id].children.append(u)
    counts = (
        Person.objects.filter(unit_path__startswith=root_path)
        .values("unit_id")
        .annotate(n=Count("id"), lo=Min("id"), hi=Max("id"))
        .order_by()
    )
    for row in counts:
        if row["unit_id"] in by_id:
            u = by_id[row["unit_id"]]
            u.members, u.lo, u.hi = row["n"], row["lo"], row["hi"]
    return units


def generate_work(*, root_id: int, seed: int = 1, year: int = WORK_YEAR) -> dict[str, int]:
    """A year of work for every unit of the subtree of ``root_id``; ``{model label: rows written}``.
    Runs inside the caller's transaction."""
    units = _units(root_id, dt.date(year, 12, 31))
    grassroots = [u for u in units if u.kind == "cdcs"]
    by_id = {u.id: u for u in units}
    written: dict[str, int] = {}

    def count(rows: Iterable) -> list:
        rows = list(rows)
        if rows:
            label = rows[0]._meta.label
            written[label] = written.get(label, 0) + len(rows)
        return rows

    def rng(part: str) -> random.Random:
        return random.Random(f"{seed}:work:{part}")

    _save(WorkforceCount, count(_workforce(grassroots, year, rng("workforce"))))
    held = _meetings(grassroots, year, rng("meetings"), count)
    _emulation(units[0], grassroots, year, rng("emulation"), held, count)
    _initiatives(units[0], grassroots, year, rng("initiatives"), count)
    _welfare(units, grassroots, year, rng("welfare"), count)
    _funds(units[0], grassroots, year, rng("funds"), count)
    _awards(units, grassroots, by_id, year, rng("awards"), count)
    return written


def _workforce(grassroots: list[WorkUnit], year: int, rng: random.Random) -> Iterable[WorkforceCount]:
    for u in grassroots:
        total = math.ceil(u.members / rng.uniform(0.85, 0.99)) if u.members else rng.randint(20, 200)
        for on, drift in ((dt.date(year, 6, 30), rng.randint(-3, 0)), (dt.date(year, 12, 31), 0)):
            staff = max(u.members, total + drift, 1)
            yield WorkforceCount(
                unit_id=u.id, on=on, total=staff, women=round(staff * rng.uniform(0.45, 0.7))
            )


def _meetings(grassroots, year: int, rng: random.Random, count) -> set[int]:
    """The duties, conferences and congress terms; the ids of the units that held their CBCCVC
    conference."""
    duties, conferences, held = [], [], set()
    workers = [u for u in grassroots if "Công ty" in u.name or rng.random() < WORKERS_SHARE]
    for kinds, chosen in (
        ((ConferenceKind.PUBLIC_EMPLOYEES,), grassroots),
        ((ConferenceKind.WORKERS, ConferenceKind.DIALOGUE), workers or grassroots[:1]),
    ):
        for u in chosen:
            for kind in kinds:
                duties.append(ConferenceDuty(unit_id=u.id, kind=kind, valid_from=FOUNDED))
                if rng.random() >= HELD_SHARE:
                    continue
                expected = max(u.members, rng.randint(15, 60))
                if kind == ConferenceKind.PUBLIC_EMPLOYEES:
                    held.add(u.id)
                conferences.append(
                    Conference(
                        unit_id=u.id,
                        kind=kind,
                        year=year,
                        held_on=_day(rng, dt.date(year, 1, 5), dt.date(year, 3, 31)),
                        place="Hội trường cơ quan",
                        expected=expected,
                        present=expected - rng.randint(0, expected // 10),
                        resolution="Nghị quyết hội nghị (dữ liệu sinh)",
                    )
                )
    _save(ConferenceDuty, count(duties))
    _save(Conference, count(conferences))
    # Congresses: a fifth of the CĐCS end their five-year term in the year, most hold the next one.
    terms = []
    for u in grassroots:
        if rng.random() >= 0.2:
            continue
        terms.append(
            CongressTerm(unit_id=u.id, name=f"{year - 5}-{year}", first_year=year - 5, last_year=year)
        )
        if rng.random() < HELD_SHARE:
            on = _day(rng, dt.date(year, 3, 1), dt.date(year, 11, 30))
            terms.append(
                CongressTerm(
                    unit_id=u.id, name=f"{year}-{year + 5}", first_year=year, last_year=year + 5, held_on=on
                )
            )
    _save(CongressTerm, count(terms))
    return held


def _emulation(root: WorkUnit, grassroots, year: int, rng: random.Random, held: set[int], count) -> None:
    movement = _save(
        Movement,
        count(
            [
                Movement(
                    unit_id=root.id,
                    name=f"Phong trào thi đua “Lao động giỏi, lao động sáng tạo” năm {year}",
                    starts_on=dt.date(year, 1, 1),
                    ends_on=dt.date(year, 12, 31),
                    deadline=dt.date(year, 3, 31),
                )
            ]
        ),
    )[0]
    stamp = timezone.make_aware(dt.datetime(year, 4, 15, 9))
    states = [Registration.State.ACCEPTED] * 17 + [Registration.State.SUBMITTED, Registration.State.RETURNED]
    registrations = []
    for u in grassroots:
        if rng.random() < REGISTERED_SHARE:
            state = rng.choice(states)
            registrations.append(
                Registration(
                    movement=movement,
                    unit_id=u.id,
                    year=year,
                    targets="100% đoàn viên đạt Lao động tiên tiến; 1 sáng kiến mỗi tổ công đoàn.",
                    state=state,
                    state_changed_at=stamp,
                    state_reason="Bổ sung chỉ tiêu sáng kiến."
                    if state == Registration.State.RETURNED
                    else "",
                )
            )
    _save(Registration, count(registrations))

    rubric = Rubric.objects.filter(unit__isnull=True, year__isnull=True).order_by("-version").first()
    grades = sorted(Grade.objects.active(dt.date(year, 12, 31)), key=lambda g: g.rank)
    shares = [GRADE_SHARES.get(g.rank, 0) for g in grades]
    # Decided before the year ends, so a report as of 31/12 counts them (ratings count from that day).
    decided = timezone.make_aware(dt.datetime(year, 12, 20, 9))
    ratings = []
    for u in grassroots:
        if rng.random() >= RATED_SHARE:
            continue
        i = rng.choices(range(len(grades)), weights=shares)[0]
        floor = grades[i].min_percent
        ceiling = grades[i - 1].min_percent if i else Decimal(100)
        total = (rubric.total * (floor + (ceiling - floor) * Decimal(rng.random() * 0.9)) / 100).quantize(
            Decimal("0.1")
        )
        ratings.append(
            Rating(
                unit_id=u.id,
                year=year,
                rubric=rubric,
                state=Rating.State.DECIDED,
                self_total=min(rubric.total, total + rng.choice((0, 0, 1, 2))),
                total=total,
                grade=grades[i],
                reviewer_id=u.parent_id,
                conference_held=u.id in held,
                members_start=max(0, u.members - rng.randint(0, 5)),
                members_end=u.members,
                state_changed_at=decided,
                submitted_on=dt.date(year, 12, 10),
                decided_on=decided.date(),
            )
        )
    _save(Rating, count(ratings))


def _initiatives(root: WorkUnit, grassroots, year: int, rng: random.Random, count) -> None:
    programme = _save(
        InitiativeProgramme,
        count(
            [
                InitiativeProgramme(
                    unit_id=root.id,
                    name=f"Chương trình sáng kiến, cải tiến kỹ thuật năm {year}",
                    starts_on=dt.date(year, 1, 1),
                    ends_on=dt.date(year, 12, 31),
                )
            ]
        ),
    )[0]
    rounds = _save(
        Round,
        count(
            [
                Round(
                    programme=programme, number=1, starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 6, 30)
                ),
                Round(
                    programme=programme,
                    number=2,
                    starts_on=dt.date(year, 7, 1),
                    ends_on=dt.date(year, 12, 31),
                ),
            ]
        ),
    )
    fields = list(InitiativeField.objects.order_by("order", "code").values_list("id", flat=True))
    states = (
        [Initiative.State.RECOGNISED] * 15
        + [Initiative.State.NOT_RECOGNISED] * 2
        + [Initiative.State.REVIEWING] * 2
        + [Initiative.State.REGISTERED]
    )
    targets, initiatives = [], []
    for u in grassroots:
        for r in rounds:
            goal = rng.randint(1, 3)
            targets.append(Target(round=r, unit_id=u.id, given_by_id=u.parent_id, count=goal))
            for k in range(round(goal * rng.uniform(0.6, 1.8))):
                registered = _day(rng, r.starts_on, r.ends_on - dt.timedelta(days=20))
                state = rng.choice(states)
                decided = state in (Initiative.State.RECOGNISED, Initiative.State.NOT_RECOGNISED)
                initiatives.append(
                    Initiative(
                        programme=programme,
                        round=r,
                        unit_id=u.id,
                        title=f"Giải pháp nâng cao hiệu quả công tác số {k + 1} (đợt {r.number})",
                        field_id=rng.choice(fields),
                        applied_on=registered - dt.timedelta(days=rng.randint(10, 120)),
                        registered_on=registered,
                        benefit=rng.choice((None, rng.randrange(5, 200) * 1_000_000)),
                        state=state,
                        decided_by_id=u.parent_id if decided else None,
                        decided_on=min(registered + dt.timedelta(days=rng.randint(15, 45)), r.ends_on)
                        if decided
                        else None,
                    )
                )
    _save(Target, count(targets))
    _save(Initiative, count(initiatives))


def _welfare(units, grassroots, year: int, rng: random.Random, count) -> None:
    on = dt.date(year, 12, 31)
    kinds = {k.code: k for k in SupportKind.objects.active(on)}
    personal = [k for code, k in kinds.items() if code not in (HOUSE_KIND, "qua-tet", "qua-chinh-sach")]
    sources = [Source.UNION_FUNDS] * 14 + [Source.EMPLOYER] * 3 + [Source.SPONSOR] * 2 + [Source.FUND_DRIVE]
    cases = []
    for u in grassroots:
        for person in u.people(rng.choice((0, 1, 1, 2, 2, 3)), rng):
            source = rng.choice(sources)
            cases.append(
                SupportCase(
                    unit_id=u.id,
                    kind=rng.choice(personal),
                    person_id=person,
                    amount=rng.choice((500_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000)),
                    source=source,
                    source_unit_id=u.id if source == Source.UNION_FUNDS else None,
                    source_name={Source.SPONSOR: "Nhà hảo tâm", Source.FUND_DRIVE: "Quỹ Xã hội"}.get(
                        source, ""
                    ),
                    decided_on=_day(rng, dt.date(year, 1, 1), on),
                )
            )
        if not u.members and rng.random() < 0.5:
            cases.append(
                SupportCase(
                    unit_id=u.id,
                    kind=rng.choice(personal),
                    beneficiary_name="Người lao động của đơn vị",
                    amount=1_000_000,
                    source=Source.EMPLOYER,
                    decided_on=_day(rng, dt.date(year, 1, 1), on),
                )
            )
    _save(SupportCase, count(cases))

    programme_kinds = {k.code: k for k in ProgrammeKind.objects.all()}
    plans = [  # (organisers, programme kind, gift kind, title, days, value of a gift)
        ("cd-cap-tren-co-so", "tet", "qua-tet", "Chương trình Tết Sum vầy", (dt.date(year, 1, 10), dt.date(year, 1, 28)), 500_000),
        ("ldld-tinh", "27-7", "qua-chinh-sach", "Tri ân gia đình chính sách nhân ngày 27/7", (dt.date(year, 7, 10), dt.date(year, 7, 27)), 1_000_000),
    ]  # fmt: skip
    programmes, wanted = [], []
    for organiser, kind, gift, title, (start, end), value in plans:
        for u in units:
            if u.kind == organiser:
                programmes.append(
                    WelfareProgramme(
                        unit_id=u.id,
                        kind=programme_kinds[kind],
                        title=f"{title} năm {year}",
                        starts_on=start,
                        ends_on=end,
                    )
                )
                wanted.append((u, gift, value, end))
    gifts = []
    for programme, (u, gift, value, end) in zip(
        _save(WelfareProgramme, count(programmes)), wanted, strict=True
    ):
        gifts.append(
            GiftItem(
                programme=programme,
                kind=kinds[gift],
                description="Suất quà",
                count=max(1, len(u.children) * rng.randint(2, 6)),
                unit_value=value,
                given_on=end,
                source=Source.UNION_FUNDS,
                source_unit_id=u.id,
            )
        )
    _save(GiftItem, count(gifts))


def _funds(root: WorkUnit, grassroots, year: int, rng: random.Random, count) -> None:
    funds = list(Fund.objects.active(dt.date(year, 12, 31)).order_by("order", "code"))
    drives = _save(
        Drive,
        count(
            Drive(
                fund=fund,
                unit_id=root.id,
                name=f"Vận động ủng hộ {fund.name} năm {year}",
                starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 12, 31),
            )
            for fund in funds
        ),
    )
    rows = []
    for u in grassroots:
        for drive in rng.sample(drives, rng.randint(1, min(3, len(drives)))):
            rows.append(
                Contribution(
                    drive=drive,
                    unit_id=u.id,
                    kind=ContributorKind.UNIT,
                    contributor_unit_id=u.id,
                    contributor_name=u.name,
                    amount=rng.randrange(2, 40) * 500_000,
                    contributed_on=_day(rng, dt.date(year, 3, 1), dt.date(year, 11, 30)),
                    receipt_no=f"{u.id}-1",
                )
            )
            for k, person in enumerate(u.people(rng.randint(0, 2), rng), 2):
                rows.append(
                    Contribution(
                        drive=drive,
                        unit_id=u.id,
                        kind=ContributorKind.MEMBER,
                        person_id=person,
                        contributor_name=f"Đoàn viên số {person}",
                        amount=rng.choice((100_000, 200_000, 500_000)),
                        contributed_on=_day(rng, dt.date(year, 3, 1), dt.date(year, 11, 30)),
                        receipt_no=f"{u.id}-{k}",
                    )
                )
    _save(Contribution, count(rows))


@dataclass
class _Grant:
    """One decision to draw: its issuer, form or title, day, and its awardees ``(home, person)``
    (``person`` ``None`` for the collective ``home``)."""

    issuer: WorkUnit
    code: str
    on: dt.date
    awardees: list[tuple[int, int | None]]


def _grants(units, grassroots, by_id, year: int, rng: random.Random) -> list[_Grant]:
    """Per mid-level union: the year's titles of its CĐCS and its Giấy khen; per province: its
    Bằng khen and Kỷ niệm chương; the root: its Bằng khen."""
    grants = []
    below: dict[int, list[WorkUnit]] = {}  # CĐCS under each mid-level union and province
    for u in grassroots:
        mid = by_id.get(u.parent_id)
        below.setdefault(u.parent_id, []).append(u)
        if mid is not None and mid.parent_id is not None:
            below.setdefault(mid.parent_id, []).append(u)
    for u in units:
        own = below.get(u.id, [])
        if u.kind == "cd-cap-tren-co-so" and own:
            advanced, fighters, collectives, people, papers = [], [], [], [], []
            for c in own:
                chosen = c.people(max(1, c.members // 4) if c.members else 0, rng)
                advanced += [(c.id, p) for p in chosen]
                fighters += [(c.id, p) for p in chosen[: max(1, len(chosen) // 6)]]
                if rng.random() < 0.5:
                    collectives.append((c.id, None))
                if rng.random() < 0.2:
                    papers.append((c.id, None))
                people += [(c.id, p) for p in c.people(rng.randint(0, 2), rng)]
            grants += [
                _Grant(u, "lao-dong-tien-tien", dt.date(year, 12, 15), advanced),
                _Grant(u, "chien-si-thi-dua-co-so", dt.date(year, 12, 15), fighters),
                _Grant(u, "tap-the-lao-dong-tien-tien", dt.date(year, 12, 15), collectives),
                _Grant(u, "giay-khen", dt.date(year, 12, 20), papers + people),
            ]
        elif u.kind == "ldld-tinh" and own:
            picked = rng.sample(own, max(1, len(own) // 20))
            grants.append(
                _Grant(
                    u,
                    "bk-ldld",
                    dt.date(year, 12, 28),
                    [(c.id, None) for c in picked] + [(c.id, p) for c in picked for p in c.people(2, rng)],
                )
            )
            medals = rng.sample(own, max(1, len(own) // 10))
            grants.append(
                _Grant(u, "knc", dt.date(year, 7, 28), [(c.id, p) for c in medals for p in c.people(1, rng)])
            )
        elif u.parent_id is None:
            picked = rng.sample(grassroots, max(1, len(grassroots) // 100))
            grants.append(
                _Grant(
                    u,
                    "bk-tld",
                    dt.date(year, 12, 30),
                    [(c.id, None) for c in picked] + [(c.id, p) for c in picked for p in c.people(1, rng)],
                )
            )
    return [g for g in grants if g.awardees]


def _awards(units, grassroots, by_id, year: int, rng: random.Random, count) -> None:
    """Each grant as the services leave a decided one: an issued, numbered decision (a document of
    the issuer's register), a decided nomination with a line per awardee, an award per line."""
    grants = _grants(units, grassroots, by_id, year, rng)
    forms = dict(Form.objects.values_list("code", "id"))
    titles = dict(Title.objects.values_list("code", "id"))
    kind = DocumentKind.objects.get(code="quyet-dinh")
    numbers: dict[int, int] = {}
    documents = []
    for g in grants:
        numbers[g.issuer.id] = numbers.get(g.issuer.id, 0) + 1
        title = f"Quyết định khen thưởng năm {year} ({g.code})"
        documents.append(
            Document(
                kind=kind,
                unit_id=g.issuer.id,
                status=DocumentStatus.ISSUED,
                year=year,
                number=numbers[g.issuer.id],
                symbol="QĐ-CĐ",
                number_symbol=f"{numbers[g.issuer.id]}/QĐ-CĐ",
                signed_on=g.on,
                title=title,
                title_folded=fold(title),
                signer_name="Chủ tịch",
                signer_folded=fold("Chủ tịch"),
            )
        )
    _save(Document, count(documents))
    decisions = _save(
        Decision,
        count(
            Decision(
                document=d,
                issuer_id=g.issuer.id,
                unit_id=g.issuer.id,
                decided_on=g.on,
                base_salary=BASE_SALARY,
            )
            for d, g in zip(documents, grants, strict=True)
        ),
    )
    nominations = _save(
        Nomination,
        count(
            Nomination(
                unit_id=g.issuer.id,
                form_id=forms.get(g.code),
                title_id=titles.get(g.code) if g.code not in forms else None,
                year=year,
                issuer_id=g.issuer.id,
                reviewer_id=g.issuer.id,
                state=Nomination.State.DECIDED,
            )
            for g in grants
        ),
    )
    lines, wanted = [], []
    for nomination, decision, g in zip(nominations, decisions, grants, strict=True):
        for order, (home, person) in enumerate(g.awardees, 1):
            lines.append(
                NominationLine(
                    nomination=nomination, person_id=person, unit_id=None if person else home, order=order
                )
            )
            wanted.append((nomination, decision, g, home, person, order))
    awards = []
    for line, (nomination, decision, g, home, person, order) in zip(
        _save(NominationLine, count(lines)), wanted, strict=True
    ):
        multiple = MULTIPLES[g.code][1 if person else 0]
        awards.append(
            Award(
                decision=decision,
                line=line,
                form_id=nomination.form_id,
                title_id=nomination.title_id,
                year=year,
                person_id=person,
                unit_id=None if person else home,
                home_id=home,
                decided_on=g.on,
                multiple=multiple,
                amount=math.ceil(multiple * BASE_SALARY / 10_000) * 10_000,
                order=order,
            )
        )
    _save(Award, count(awards))
