"""Objects of one unit for the route-scope walk (tests/test_route_scope.py): a mission it organises
(with a visit, a finding and a gift) and a programme it recorded."""

import datetime as dt

from congdoan.plans import services
from congdoan.plans.models import ContentArea

from . import factories


def plans_objects(unit, actor, other_party) -> dict[str, int]:
    head = factories.officer(unit, name="Phạm Thị Sibling" if unit.code == "CDCS_B" else "")
    mission = factories.mission(
        unit, actor=actor, head=head, plan=factories.issued(unit, title="Kế hoạch khảo sát")
    )
    services.visit_add(actor=actor, mission=mission, unit=unit, on=factories.START)
    area = ContentArea.objects.first()
    services.finding_add(actor=actor, mission=mission, area=area, results="Kết quả.")
    services.gift_add(actor=actor, mission=mission, kind="gift", count=2, unit_value=500_000)
    services.report_issue(
        actor=actor,
        mission=mission,
        signed_on=dt.date(2022, 7, 29),
        signer_name="Người ký",
        signer_position="Chủ tịch",
    )
    programme = services.programme_create(
        actor=factories.admin(),
        unit=unit,
        title="Chương trình phối hợp",
        document=factories.issued(unit, kind="chuong-trinh-phoi-hop"),
        parties=[unit, other_party],
        areas=[area],
        valid_from=dt.date(2021, 7, 15),
    )
    return {"mission_id": mission.pk, "programme_id": programme.pk}
