"""Builders for the welfare tests, through the real services."""

import datetime as dt

from congdoan.members.tests.factories import join
from congdoan.welfare import services
from congdoan.welfare.models import HouseKind, ProgrammeKind, Source, SupportKind

DAY = dt.date(2022, 1, 20)


def kind(code: str = "kho-khan") -> SupportKind:
    return SupportKind.objects.get(code=code)


def programme(unit, actor, *, title: str = "Chăm lo Tết 2022", code: str = "tet", **fields):
    values = {"starts_on": dt.date(2022, 1, 10), "ends_on": dt.date(2022, 1, 31), **fields}
    return services.programme_create(
        actor=actor, unit=unit, kind=ProgrammeKind.objects.get(code=code), title=title, **values
    )


def case(unit, actor, *, person=None, amount=1_000_000, **fields):
    if person is None and not fields.get("beneficiary_name"):
        person = join(unit, actor=actor)
    values = {"kind": kind(), "source": Source.UNION_FUNDS, "decided_on": DAY, **fields}
    return services.case_create(actor=actor, unit=unit, person=person, amount=amount, **values)


def house(unit, actor, **fields):
    values = {
        "house_kind": HouseKind.objects.get(code="tinh-thuong"),
        "work": "xay-moi",
        "location": "Huyện Hương Khê, tỉnh Hà Tĩnh",
        "amount": 20_000_000,
        "source": Source.UNION_FUNDS,
        "decided_on": DAY,
        "beneficiary_name": "Hộ ông Trần Văn Bình",
        **fields,
    }
    return services.house_record(actor=actor, unit=unit, **values)


def gift_items(programme, actor):
    """Two Tết bags of 500.000 đồng given in ``programme``."""
    return services.gift_item_add(
        actor=actor,
        programme=programme,
        kind=SupportKind.objects.get(code="qua-tet"),
        description="Túi quà Tết",
        count=2,
        unit_value=500_000,
        given_on=DAY,
        source=Source.UNION_FUNDS,
    )


def scope_objects(unit, actor) -> dict[str, int]:
    """Objects of one unit for the route-scope walk (tests/test_route_scope.py): a programme with a case
    and a gift item, and a house."""
    name = "Phạm Thị Sibling" if unit.code == "CDCS_B" else ""
    person = join(unit, actor=actor, name=name, hardship=True) if name else None
    p = programme(unit, actor)
    c = case(unit, actor, person=person, programme=p)
    gift_items(p, actor)
    house(unit, actor)
    return {"case_id": c.pk, "programme_id": p.pk}
