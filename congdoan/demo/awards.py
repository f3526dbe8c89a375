"""Awards demo data (issue 12), entered through the awards services (nominated, sent, reviewed,
passed higher where the issuer sits higher, decided as numbered documents), so checks, numbers,
bonuses and the audit log are real.

Facts (seeds): CĐVC TP Hà Nội in 2022 (seed 001): 1 collective with a Bằng khen of the Tổng LĐLĐ,
1 collective with the Cờ thi đua of the LĐLĐ TP, 3 collectives and 12 people with a Bằng khen of the
LĐLĐ TP, Giấy khen of CĐVC TP Hà Nội to 6 collectives and 69 people; 7 Kỷ niệm chương presented by
the provincial CĐVC of seed 003 (CĐVC tỉnh Phú Yên in the demo tree) in July 2022; 19 Lao động tiên
tiến of whom 3 Chiến sĩ thi đua cơ sở at the CĐCS of seed 004 (Ủy ban MTTQ tỉnh Ninh Thuận) for 2023.

Assumed for the demo and said so: every issuer is the unit of the demo tree of the form's level
(Tổng LĐLĐ, LĐLĐ TP Hà Nội, CĐVC TP Hà Nội); the Kỷ niệm chương is conferred by the Tổng LĐLĐ at the
provincial CĐVC's proposal and presented by it; the titles of seed 004 are conferred by the head of
the agency (outside the union, by name) and recorded as incoming decisions of the CĐCS; who is
awarded (synthetic members, chosen in order), the dates and numbers of the decisions, the council's
votes, the task ratings and, for the medal, the years of union work before 2015 (the demo tree
starts in 2015) recorded from the personnel file. Loading is idempotent: each part is written only
when it is not there yet.
"""

import datetime as dt

from congdoan.accounts.models import User
from congdoan.awards import decisions, records, services
from congdoan.awards.models import Form, Nomination
from congdoan.emulation.models import Title
from congdoan.members.models import Membership, PositionKind
from congdoan.members.services import member_join, position_assign
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import path_of_units
from congdoan.organizations.selectors import subtree_units

from . import data

HANOI, HANOI_FEDERATION, ROOT = "CDVC-HN", "LDLD-HN", data.ROOT.code
SEED_003_CDVC = data.SEED_003_CDVC
SEED_004_CDCS = "CDVC-NT-MTTQ"
AGENCY_HEAD = "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Thuận"
SIGNER = ("Trần Minh Đức", "Chủ tịch")  # the `hanoi` demo login's name
REPORT = (
    "Báo cáo thành tích năm {year}: hoàn thành tốt nhiệm vụ chuyên môn và hoạt động công đoàn (dữ liệu mẫu)."
)


def _units(codes) -> dict[str, Unit]:
    return {u.code: u for u in Unit.objects.filter(code__in=codes)}


def _people(unit: Unit, on: dt.date, count: int, *, skip=(), women_first=False) -> list:
    path = path_of_units([unit.pk], on)[unit.pk]
    rows = (
        Membership.objects.active(on)
        .filter(unit_id__in=subtree_units(path, on).values("unit_id"))
        .exclude(person_id__in=list(skip))
        .select_related("person")
        .order_by("person__sort_key", "person_id")
    )
    return [m.person for m in rows[:count]]


def _grassroots(parent: Unit, on: dt.date, count: int, *, skip=()) -> list[Unit]:
    from congdoan.organizations.models import UnitVersion

    rows = (
        UnitVersion.objects.active(on)
        .filter(parent=parent, kind__code="cdcs")
        .exclude(unit_id__in=list(skip))
        .order_by("unit__code")
        .select_related("unit")
    )
    return [v.unit for v in rows[:count]]


def _through(admin, nomination: Nomination) -> Nomination:
    """Sent, passed up to the issuer's level, marked đạt."""
    services.nomination_step(actor=admin, nomination=nomination, step="submit")
    while nomination.reviewer_id != (nomination.issuer_id or nomination.unit_id):
        services.nomination_step(actor=admin, nomination=nomination, step="forward")
    services.nomination_step(actor=admin, nomination=nomination, step="approve")
    return nomination


def _nominate(admin, unit, year, *, people=(), units=(), council=None, votes=None, **kind):
    lines = [services.LineIn(person=p, votes_for=votes) for p in people]
    lines += [services.LineIn(unit=u, votes_for=votes) for u in units]
    n = services.nomination_create(
        actor=admin,
        unit=unit,
        year=year,
        lines=lines,
        report=REPORT.format(year=year),
        council_size=council,
        council_present=council,
        **kind,
    )
    return _through(admin, n)


def _decide(admin, nominations, on, title, **extra):
    return decisions.decision_record(
        actor=admin,
        nominations=nominations,
        title=title,
        signed_on=on,
        signer_name=extra.pop("signer_name", SIGNER[0]),
        signer_position=extra.pop("signer_position", SIGNER[1]),
        place=extra.pop("place", "Hà Nội"),
        **extra,
    )


def load_hanoi_2022(admin: User) -> None:
    units = _units([HANOI, HANOI_FEDERATION, ROOT])
    if len(units) != 3 or Nomination.objects.filter(unit=units[HANOI], year=2022).exists():
        return
    hanoi, federation, root = units[HANOI], units[HANOI_FEDERATION], units[ROOT]
    on = dt.date(2022, 12, 31)
    forms = {f.code: f for f in Form.objects.all()}
    flag = Title.objects.get(code="co-thi-dua-ldld-tinh")
    cdcs = _grassroots(hanoi, on, 11)
    people = _people(hanoi, on, 81)
    # Bằng khen of the Tổng LĐLĐ: proposed by CĐVC TP Hà Nội, passed by the LĐLĐ TP to the Tổng LĐLĐ.
    n = _nominate(admin, hanoi, 2022, units=cdcs[:1], form=forms["bk-tld"], issuer=root)
    _decide(
        admin,
        [n],
        dt.date(2022, 12, 16),
        "Về việc tặng Bằng khen của Tổng Liên đoàn Lao động Việt Nam năm 2022",
        signer_name="Nguyễn Văn Hòa",
        signer_position="Phó Chủ tịch",
    )
    # The LĐLĐ TP's Cờ thi đua (80 % of the whole council) and its Bằng khen, one decision each.
    n = _nominate(admin, hanoi, 2022, units=cdcs[1:2], title=flag, issuer=federation, council=11, votes=10)
    _decide(
        admin,
        [n],
        dt.date(2022, 12, 20),
        "Về việc tặng Cờ thi đua năm 2022",
        signer_name="Phạm Thị Thanh Mai",
        signer_position="Chủ tịch",
    )
    n = _nominate(
        admin, hanoi, 2022, units=cdcs[2:5], people=people[:12], form=forms["bk-ldld"], issuer=federation
    )
    _decide(
        admin,
        [n],
        dt.date(2022, 12, 21),
        "Về việc tặng Bằng khen năm 2022",
        signer_name="Phạm Thị Thanh Mai",
        signer_position="Chủ tịch",
    )
    # Giấy khen of CĐVC TP Hà Nội itself.
    n = _nominate(
        admin, hanoi, 2022, units=cdcs[5:11], people=people[12:81], form=forms["giay-khen"], issuer=hanoi
    )
    _decide(admin, [n], dt.date(2022, 12, 28), "Về việc tặng Giấy khen năm 2022")


MEDAL_ON = dt.date(2022, 7, 20)
EARLIER = "Công đoàn cơ sở (trước khi có sổ đoàn viên điện tử)"


def load_medals_2022(admin: User) -> None:
    units = _units([SEED_003_CDVC, ROOT])
    if len(units) != 2 or Nomination.objects.filter(unit=units[SEED_003_CDVC], year=2022).exists():
        return
    cdvc, root = units[SEED_003_CDVC], units[ROOT]
    member = PositionKind.objects.get(code="uy-vien-bch")
    chosen = []
    for person in _people(cdvc, MEDAL_ON, 40):
        if len(chosen) == 7:
            break
        membership = person.memberships.filter(valid_from__lte=MEDAL_ON).order_by("valid_from").first()
        if membership is None or person.positions.exists():
            continue
        since = membership.valid_from
        position_assign(actor=admin, person=person, position=member, unit=membership.unit, valid_from=since)
        # Union work before the register holds it: from 1994–2000 until the first recorded membership.
        records.earlier_service_record(
            actor=admin,
            owner=cdvc,
            person=person,
            starts_on=dt.date(2000 - len(chosen), 3, 1),
            ends_on=since,
            position="Ủy viên Ban Chấp hành",
            organisation=EARLIER,
        )
        chosen.append(person)
    n = _nominate(
        admin,
        cdvc,
        2022,
        people=chosen,
        form=Form.objects.get(code="knc"),
        issuer=root,
        occasion=Nomination.Occasion.SERVICE,
    )
    _decide(
        admin,
        [n],
        MEDAL_ON,
        "Về việc tặng Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”",
        signer_name="Nguyễn Văn Hòa",
        signer_position="Phó Chủ tịch",
    )


def load_seed_004_2023(admin: User) -> None:
    units = _units([SEED_004_CDCS])
    if not units or Nomination.objects.filter(unit=units[SEED_004_CDCS], year=2023).exists():
        return
    cdcs = units[SEED_004_CDCS]
    on = dt.date(2023, 12, 31)
    people = _people(cdcs, on, 19)
    for i in range(len(people), 19):  # too few drawn members: synthetic ones join the CĐCS
        people.append(
            member_join(
                actor=admin,
                unit=cdcs,
                on=dt.date(2023, 1, 3),
                full_name=f"Đinh Thị Mẫu {i + 1}",
                sex="F",
                card_number=f"DEMO-MTTQ-{i + 1:03d}",
                date_of_birth=dt.date(1988, 1, 1),
            )
        )
    ldtt = Title.objects.get(code="lao-dong-tien-tien")
    cstdcs = Title.objects.get(code="chien-si-thi-dua-co-so")
    n = _nominate(admin, cdcs, 2023, people=people, title=ldtt, issuer_name=AGENCY_HEAD)
    _decide(
        admin,
        [n],
        dt.date(2023, 12, 26),
        "Về việc công nhận danh hiệu Lao động tiên tiến năm 2023",
        sender_number="21/QĐ-MTTQ",
        signer_name="Nguyễn Văn Sơn",
        signer_position="Chủ tịch",
        place="Ninh Thuận",
    )
    for person in people[:3]:
        records.rating_record(actor=admin, unit=cdcs, person=person, year=2023, grade="excellent")
    n = _nominate(
        admin, cdcs, 2023, people=people[:3], title=cstdcs, issuer_name=AGENCY_HEAD, council=7, votes=7
    )
    _decide(
        admin,
        [n],
        dt.date(2023, 12, 28),
        "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2023",
        sender_number="22/QĐ-MTTQ",
        signer_name="Nguyễn Văn Sơn",
        signer_position="Chủ tịch",
        place="Ninh Thuận",
    )


def load_awards(*, admin: User) -> None:
    load_hanoi_2022(admin)
    load_medals_2022(admin)
    load_seed_004_2023(admin)
