"""Builders for the emulation tests, through the real services (so audit and rules are right)."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from congdoan.accounts.models import User
from congdoan.emulation import pledging, rating, scoring, services
from congdoan.organizations.tests.factories import make_unit

Y2022 = dt.date(2022, 1, 1)


def _admin() -> User:
    return User.objects.filter(is_superuser=True).first()


def movement(unit, *, name: str = "Lao động giỏi, Lao động sáng tạo", actor=None, year: int = 2022, **extra):
    extra.setdefault("starts_on", dt.date(year, 1, 1))
    extra.setdefault("ends_on", dt.date(year, 12, 31))
    return services.movement_create(actor=actor or _admin(), unit=unit, name=name, **extra)


def registration(
    movement, unit, *, actor=None, targets: str = "Tập thể lao động xuất sắc", state: str = "draft"
):
    """A registration taken through the workflow up to ``state`` (draft, submitted, accepted, returned)."""
    actor = actor or _admin()
    r = services.registration_create(actor=actor, movement=movement, unit=unit, targets=targets)
    steps = {
        "draft": [],
        "submitted": ["submit"],
        "accepted": ["submit", "accept"],
        "returned": ["submit", "send_back"],
    }
    for step in steps[state]:
        services.registration_step(actor=actor, registration=r, step=step, reason="Bổ sung chỉ tiêu")
    return r


def block(unit, members, *, actor=None, name: str = "Khối thi đua III", since: dt.date = dt.date(2021, 1, 1)):
    """A block formed by ``unit`` with ``members`` from ``since``."""
    actor = actor or _admin()
    b = services.block_create(actor=actor, unit=unit, name=name, valid_from=since)
    for member in members:
        services.block_member_add(actor=actor, block=b, unit=member, valid_from=since)
    return b


def scope_objects(tree, officer) -> dict:
    """Ids of emulation objects of CĐCS B (or A) for the route-scope walk: a movement launched by
    the unit and its registration by a unit below it (a sub-unit created for it)."""
    home = officer.home_unit
    sub = make_unit(f"SUB-{home.pk}", "Tổ công đoàn 1", home, kind="to-cong-doan")
    m = movement(home, name="Phong trào của đơn vị", actor=officer)
    r = registration(m, sub, actor=officer)
    b = block(home, [sub], actor=officer, name="Cụm thi đua của đơn vị")
    [leader] = services.block_officers_name(actor=officer, block=b, year=2022, leader=sub)
    sheet = scoring.sheet_create(
        actor=officer,
        unit=home,
        name="Bảng điểm của đơn vị",
        valid_from=dt.date(2021, 1, 1),
        total=Decimal(10),
        criteria=[("", "Tiêu chí chung", Decimal(10))],
    )
    result = scoring.score_record(
        actor=officer, block=b, year=2022, unit=sub, points={sheet.criteria.get().pk: Decimal(9)}
    )
    evidence = scoring.score_evidence_attach(
        actor=officer, result=result, upload=SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4 minh chung")
    )
    graded = rating.rating_start(actor=officer, unit=home, year=2023)
    own_rubric = rating.rubric_adapt(actor=officer, unit=home, year=2024, name="Bảng tiêu chí của đơn vị")
    pledge = pledging.pledge_sign_agency(
        actor=officer,
        unit=home,
        year=2024,
        title="Giao ước thi đua năm 2024",
        signed_on=dt.date(2024, 2, 22),
        agency="Cơ quan của đơn vị",
        head_name="Trần Văn Thủ Trưởng",
        head_position="Thủ trưởng",
        union_signatory="Lê Thị Chủ Tịch",
        union_position="Chủ tịch công đoàn",
    )
    return {
        "movement_id": m.pk,
        "registration_id": r.pk,
        "block_id": b.pk,
        "block_member_id": b.members.get().pk,
        "officer_id": leader.pk,
        "sheet_id": sheet.pk,
        "rating_id": graded.pk,
        "result_id": result.pk,
        "evidence_id": evidence.pk,
        "rubric_id": own_rubric.pk,
        "pledge_id": pledge.pk,
    }


def many_scored_units(parent, khoi, sheet, *, year: int, n: int, start: int = 0) -> list:
    """``n`` grassroots unions under ``parent`` written in bulk (a handful of queries whatever
    ``n``: the query-count tests need hundreds), members of ``khoi`` since 01/01/2021 and with a
    decided score for ``year`` on ``sheet`` (totals 50 to 89, some ties)."""
    from congdoan.emulation.models import BlockMember, ScoreResult
    from congdoan.organizations.models import Unit, UnitKind, UnitVersion, path_segment, unit_name_keys

    since = dt.date(2020, 1, 1)
    kind = UnitKind.objects.get(code="cdcs")
    above = parent.version_on(since)
    units = Unit.objects.bulk_create(
        Unit(code=f"GEN{parent.pk}-{i}", valid_from=since) for i in range(start, start + n)
    )
    versions = []
    for i, unit in enumerate(units, start=start):
        name = f"Công đoàn cơ sở số {i:04d}"
        folded, key = unit_name_keys(name)
        versions.append(
            UnitVersion(
                unit=unit,
                valid_from=since,
                name=name,
                name_folded=folded,
                sort_key=key,
                kind=kind,
                parent=parent,
                path=above.path + path_segment(unit.pk),
                depth=above.depth + 1,
            )
        )
    UnitVersion.objects.bulk_create(versions)
    BlockMember.objects.bulk_create(
        BlockMember(block=khoi, unit=u, valid_from=dt.date(2021, 1, 1)) for u in units
    )
    ScoreResult.objects.bulk_create(
        ScoreResult(
            block=khoi,
            year=year,
            unit=unit,
            sheet=sheet,
            state=ScoreResult.State.DECIDED,
            total=Decimal(50 + i % 40),
            bonus=Decimal(i % 3),
            penalty=-Decimal(i % 2),
            veto="Tiêu chí bắt buộc" if i % 37 == 36 else "",
        )
        for i, unit in enumerate(units, start=start)
    )
    return units
