"""Welfare demo data (issue 13), entered through the welfare services (audited like any officer's entry).
Idempotent: each programme and house is written only when it is not there yet.

Facts from the seeds, and what is assumed:

- Seed 001 (CĐVC TP Hà Nội, Tết Nhâm Dần 2022): 100 members in special hardship supported with 100 million
  đồng in all (assumed: 1,000,000 each, on 20/01/2022, from the CĐVC's own funds); 100 "Túi quà Tết - kết nối
  yêu thương" worth 50 million (assumed: 500,000 each, of the kind Quà Tết); 30 million for textile workers
  going home for Tết (one sum, recorded as one item of the kind Hỗ trợ khác: the seed gives it apart from the
  100 members in special hardship, who are the hardship kind's 100 people and 100 million); 20 million for a Nhà tình thương of a poor household in a remote part of
  Hà Tĩnh, outside the union (the household's name and the day are invented). The members are synthetic:
  the register's members of the CĐVC's CĐCS flagged in hardship (flagged here through the register's service
  when too few are).
- Seed 003 (the provincial CĐVC, assumed CĐVC tỉnh Phú Yên as in ``data``): gifts to 95 officers and members
  of policy families at the conference of 20/07/2022 for the 75th anniversary of 27/7 (assumed: 500,000 each);
  the 95 are synthetic members flagged as of policy families.
- Seed 000: the house (60,000,000 đồng) and the 30 gifts of 1,000,000 đồng that the survey mission recorded
  (``plans.Gift``) are linked to a programme of CĐVC Việt Nam for the mission, with the mission's own numbers
  (the gifts of the kind Hoàn cảnh khó khăn, as the seed's visit to members in hardship); the house's family
  and its province are invented.

So the figures give seed 001's numbers for CĐVC TP Hà Nội and 2022: ``welfare.by_kind.kho-khan.people`` 100
and ``.amount`` 100,000,000; ``welfare.by_kind.qua-tet.count`` 100 and ``.amount`` 50,000,000.
"""

import datetime as dt

from congdoan.accounts.models import User
from congdoan.core.models import active_on
from congdoan.members.models import Membership, Person
from congdoan.members.services import member_update
from congdoan.organizations.models import Unit
from congdoan.organizations.selectors import subtree_units
from congdoan.plans.models import Gift, Mission
from congdoan.welfare import services
from congdoan.welfare.models import HouseKind, Programme, ProgrammeKind, Source, SupportCase, SupportKind
from congdoan.welfare.services import path_on

from . import data

HANOI = "CDVC-HN"
TET_TITLE = "Chăm lo Tết Nguyên đán Nhâm Dần 2022"
TET_FROM, TET_TO, TET_DAY = dt.date(2022, 1, 5), dt.date(2022, 1, 31), dt.date(2022, 1, 20)
HARDSHIP_MEMBERS, HARDSHIP_EACH = 100, 1_000_000
BAGS, BAG_VALUE, BAG_KIND = 100, 500_000, "qua-tet"
BAGS_NAME = "Túi quà Tết - kết nối yêu thương"
TEXTILE_NAME = "Hỗ trợ đoàn viên, người lao động Công đoàn ngành Dệt May khó khăn về quê đón Tết"
TEXTILE_AMOUNT, TEXTILE_KIND = 30_000_000, "khac"
HA_TINH_HOUSEHOLD = "Hộ ông Phan Văn Hòa (dữ liệu mẫu)"
HA_TINH_LOCATION = "Một xã vùng sâu, vùng xa của tỉnh Hà Tĩnh"
HA_TINH_AMOUNT, HA_TINH_DAY = 20_000_000, dt.date(2022, 1, 25)

POLICY_UNIT = data.SEED_003_CDVC
POLICY_TITLE = (
    "Gặp mặt, tặng quà cán bộ, đoàn viên gia đình chính sách nhân 75 năm Ngày Thương binh - Liệt sĩ"
)
POLICY_DAY = dt.date(2022, 7, 20)
POLICY_MEMBERS, POLICY_EACH = 95, 500_000

SURVEY_PROGRAMME = "Thăm, tặng quà đoàn viên có hoàn cảnh khó khăn trong đợt khảo sát tháng 7/2022"
SURVEY_FAMILY = "Gia đình đoàn viên Lê Thị Thu (dữ liệu mẫu)"
SURVEY_LOCATION = "Tỉnh Phú Yên (giả định)"


def _flagged(admin: User, unit: Unit, on: dt.date, flag: str, count: int) -> list[Person]:
    """``count`` members of ``unit``'s subtree on ``on`` flagged ``flag`` in the register (those already
    flagged first, then others flagged through the register's service), by id."""
    units = subtree_units(path_on(unit, on), on)
    members = Person.objects.filter(
        pk__in=Membership.objects.filter(active_on(on), unit_id__in=units).values("person_id"),
        status="active",
    ).order_by("id")
    chosen = list(members.filter(**{flag: True})[:count])
    for person in members.filter(**{flag: False})[: count - len(chosen)]:
        chosen.append(member_update(actor=admin, person=person, **{flag: True}))
    return chosen


def _programme(
    admin: User, unit: Unit, code: str, title: str, starts_on, ends_on, mission=None
) -> Programme | None:
    """The programme, or None when it is already there (nothing more to load for it)."""
    if Programme.objects.filter(unit=unit, title=title).exists():
        return None
    return services.programme_create(
        actor=admin,
        unit=unit,
        kind=ProgrammeKind.objects.get(code=code),
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        mission=mission,
    )


def _support_flagged(
    admin: User, programme: Programme, kind: str, flag: str, count: int, each: int, on
) -> None:
    """``count`` members flagged ``flag`` supported with ``each`` đồng in ``programme`` by its unit."""
    support = SupportKind.objects.get(code=kind)
    for person in _flagged(admin, programme.unit, on, flag, count):
        services.case_create(
            actor=admin,
            unit=programme.unit,
            programme=programme,
            kind=support,
            person=person,
            amount=each,
            source=Source.UNION_FUNDS,
            decided_on=on,
        )


def _hanoi(admin: User, units: dict[str, Unit]) -> None:
    hanoi = units[HANOI]
    tet = _programme(admin, hanoi, "tet", TET_TITLE, TET_FROM, TET_TO)
    if tet is not None:
        _support_flagged(admin, tet, "kho-khan", "hardship", HARDSHIP_MEMBERS, HARDSHIP_EACH, TET_DAY)
        for description, count, value, kind in (
            (BAGS_NAME, BAGS, BAG_VALUE, BAG_KIND),
            (TEXTILE_NAME, 1, TEXTILE_AMOUNT, TEXTILE_KIND),
        ):
            services.gift_item_add(
                actor=admin,
                programme=tet,
                kind=SupportKind.objects.get(code=kind),
                description=description,
                count=count,
                unit_value=value,
                given_on=TET_DAY,
                source=Source.UNION_FUNDS,
            )
    if not SupportCase.objects.filter(unit=hanoi, beneficiary_name=HA_TINH_HOUSEHOLD).exists():
        services.house_record(
            actor=admin,
            unit=hanoi,
            house_kind=HouseKind.objects.get(code="tinh-thuong"),
            work="xay-moi",
            location=HA_TINH_LOCATION,
            beneficiary_name=HA_TINH_HOUSEHOLD,
            amount=HA_TINH_AMOUNT,
            source=Source.UNION_FUNDS,
            decided_on=HA_TINH_DAY,
            contributors="Công đoàn Viên chức thành phố Hà Nội",
        )


def _policy_families(admin: User, units: dict[str, Unit]) -> None:
    unit = units[POLICY_UNIT]
    programme = _programme(admin, unit, "27-7", POLICY_TITLE, POLICY_DAY, POLICY_DAY)
    if programme is None:
        return
    _support_flagged(
        admin, programme, "qua-chinh-sach", "policy_family", POLICY_MEMBERS, POLICY_EACH, POLICY_DAY
    )


def _survey(admin: User, units: dict[str, Unit]) -> None:
    mission = Mission.objects.filter(plan__number=data.SURVEY_PLAN_NUMBER, title=data.SURVEY_TITLE).first()
    if mission is None:
        return
    organiser = units[data.SURVEY_ORGANISER]
    programme = _programme(
        admin, organiser, "khao-sat", SURVEY_PROGRAMME, mission.starts_on, mission.ends_on, mission=mission
    )
    if programme is None:
        return
    day = data.SURVEY_VISITS[0].on
    for gift in Gift.objects.filter(mission=mission).order_by("id"):
        if gift.kind == Gift.Kind.HOUSE:
            services.house_record(
                actor=admin,
                unit=organiser,
                programme=programme,
                survey_gift=gift,
                house_kind=HouseKind.objects.get(code="tinh-nghia"),
                work="xay-moi",
                location=SURVEY_LOCATION,
                beneficiary_name=SURVEY_FAMILY,
                amount=None,  # the mission's own value
                source=Source.UNION_FUNDS,
                decided_on=day,
            )
        else:
            services.gift_item_add(
                actor=admin,
                programme=programme,
                kind=SupportKind.objects.get(code="kho-khan"),
                survey_gift=gift,
                given_on=day,
                source=Source.UNION_FUNDS,
            )


def load_welfare(*, admin: User) -> None:
    units = {
        unit.code: unit for unit in Unit.objects.filter(code__in=[HANOI, POLICY_UNIT, data.SURVEY_ORGANISER])
    }
    if len(units) < 3:
        return
    _hanoi(admin, units)
    _policy_families(admin, units)
    _survey(admin, units)
