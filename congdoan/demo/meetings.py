"""The conferences of the demo, entered through the conferences services (audited like any
officer's entry). Idempotent: what is already recorded is left alone, so ``load_demo`` adds these
to a demo database loaded before the conferences module existed.

- Seed 004: the 2024 conference of the CĐCS of the provincial Fatherland Front office (22/02/2024),
  with the drafts put to it, the emulation pledge, the resolution (a numbered document of the
  register) and its targets adopted by every delegate present (100 %). The article gives no
  attendance: the numbers convened and present are assumed and say so in the note.
- Congresses of the 2023-2028 term (seeds 001 and 003 look ahead to them): CĐVC TP Hà Nội after
  some of its CĐCS (lowest level first), the executive committee of the `cdcs` login's union
  elected from its members; and the 2025-2030 congress of the merged Khánh Hòa CĐVC. Dates,
  delegates and votes are invented.
- Seed 001: CĐVC TP Hà Nội's year-end review of 2022 (05/01/2023): its report and the plan launching
  the 2023 emulation movement as numbered documents, the movement itself (emulation's service, linked
  to the same plan), and the awards handed out as the article counts them (1 collective with the
  Tổng LĐLĐ's certificate of merit, 1 with the city federation's banner, 3 collectives and 12 people
  with its certificate, 6 collectives and 69 people with the CĐVC's own). Attendance is invented.
- Seed 003: the provincial CĐVC's mid-year review of 20/07/2022 (the demo's CĐVC Phú Yên, as in the
  demo tree) and the 7 commemorative medals handed out there. Attendance is invented.
- Seed 001: CĐVC TP Hà Nội's compliance in 2022: 57 of its 58 grassroots unions held the CBCCVC
  conference, and the 4 enterprises among them held the workers' conference and the periodic
  dialogue. The article names none of the units that held it nor the one that did not: which unit
  missed it, the dates and the attendance are invented.
"""

import datetime as dt

from django.db import transaction

from congdoan.accounts.models import User
from congdoan.documents.models import DocumentKind
from congdoan.documents.services import document_create, document_issue
from congdoan.emulation.services import movement_create
from congdoan.meetings.models import (
    Conference,
    ConferenceDuty,
    ConferenceKind,
    CongressTerm,
    DocumentRole,
    Review,
    ReviewKind,
    ReviewLink,
)
from congdoan.meetings.reviews import review_award_add, review_link, review_record
from congdoan.meetings.services import (
    committee_change,
    committee_elect,
    conference_record,
    document_add,
    duty_set,
    resolution_link,
    term_record,
    vote_record,
)
from congdoan.members.models import Person, PositionKind
from congdoan.organizations.models import Unit

from . import data

SEED_004_UNIT = "CDVC-NT-MTTQ"
SEED_004_DAY = dt.date(2024, 2, 22)
SEED_004_EXPECTED, SEED_004_PRESENT = 32, 30  # assumed: the article gives no attendance
SEED_004_AGENDA = "\n".join(
    [
        "1. Báo cáo kiểm điểm việc thực hiện chủ trương của Đảng, pháp luật của Nhà nước và Nghị quyết "
        "hội nghị năm 2023 của cơ quan",
        "2. Góp ý các dự thảo: giao kết trách nhiệm giữa Thủ trưởng và Ban Chấp hành Công đoàn, kế hoạch "
        "thi đua, kế hoạch học tập và làm theo Bác, quy chế chi tiêu và quy chế tài sản công năm 2024",
        "3. Phát biểu chỉ đạo của Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
        "4. Phát động và ký kết Giao ước thi đua năm 2024 giữa Công đoàn và chính quyền cơ quan",
        "5. Biểu quyết thông qua các chỉ tiêu Nghị quyết hội nghị năm 2024",
    ]
)
SEED_004_DOCUMENTS = [
    (
        DocumentRole.HEAD_REPORT,
        "Báo cáo kiểm điểm việc thực hiện chủ trương của Đảng, pháp luật của Nhà nước liên quan đến chức "
        "năng, nhiệm vụ của cơ quan năm 2023",
    ),
    (
        DocumentRole.AGREEMENT,
        "Dự thảo bản giao kết trách nhiệm giữa Thủ trưởng và Ban Chấp hành Công đoàn về thực hiện nhiệm "
        "vụ chính trị của cơ quan năm 2024",
    ),
    (DocumentRole.EMULATION_PLAN, "Dự thảo Kế hoạch thi đua năm 2024"),
    (
        DocumentRole.OTHER,
        "Dự thảo Kế hoạch duy trì mô hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
        "năm 2024",
    ),
    (
        DocumentRole.SPENDING_RULES,
        "Dự thảo Quy chế chi tiêu, quản lý tài chính cơ quan Ủy ban MTTQ Việt Nam tỉnh năm 2024",
    ),
    (
        DocumentRole.ASSET_RULES,
        "Dự thảo Quy chế quản lý, sử dụng tài sản công cơ quan Ủy ban MTTQ Việt Nam tỉnh năm 2024",
    ),
    (DocumentRole.PLEDGE, "Giao ước thi đua năm 2024 giữa Công đoàn và chính quyền cơ quan"),
]
SEED_004_RESOLUTION = "Nghị quyết Hội nghị cán bộ, công chức, viên chức và người lao động năm 2024"
SEED_004_VOTE = "Các chỉ tiêu Nghị quyết Hội nghị cán bộ, công chức, viên chức và người lao động năm 2024"

HANOI_PREFIX = "CDVC-HN-"
HANOI_UNITS = 58
HANOI_ENTERPRISES = range(55, 59)  # CDVC-HN-055…058: the enterprises of data._HANOI_ENTERPRISES
HANOI_MISSED = "CDVC-HN-026"  # invented: the unit that did not hold its 2022 CBCCVC conference


def _duty(admin: User, unit: Unit, kind: str) -> None:
    if not ConferenceDuty.objects.filter(unit=unit, kind=kind).exists():
        duty_set(actor=admin, unit=unit, kind=kind, valid_from=data.FOUNDED)


def _seed_004(admin: User, unit: Unit) -> int:
    _duty(admin, unit, ConferenceKind.PUBLIC_EMPLOYEES)
    if Conference.objects.filter(unit=unit, kind=ConferenceKind.PUBLIC_EMPLOYEES, year=2024).exists():
        return 0
    conference = conference_record(
        actor=admin,
        unit=unit,
        kind=ConferenceKind.PUBLIC_EMPLOYEES,
        year=2024,
        held_on=SEED_004_DAY,
        expected=SEED_004_EXPECTED,
        present=SEED_004_PRESENT,
        agency_head="Dương Sà Kha, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
        agenda=SEED_004_AGENDA,
        resolution="Các chỉ tiêu, nhiệm vụ năm 2024 của cơ quan và Công đoàn cơ sở; hưởng ứng các phong trào "
        "thi đua, thực hiện thắng lợi nhiệm vụ chính trị của cơ quan.",
        note="Nêu trong bài 004. Số người được triệu tập và có mặt là giả định (bài viết không nêu).",
    )
    for role, title in SEED_004_DOCUMENTS:
        document_add(actor=admin, conference=conference, role=role, title=title)
    resolution = document_add(
        actor=admin, conference=conference, role=DocumentRole.RESOLUTION, title=SEED_004_RESOLUTION
    )
    numbered = document_create(
        actor=admin, unit=unit, kind=DocumentKind.objects.get(code="nghi-quyet"), title=SEED_004_RESOLUTION
    )
    numbered = document_issue(actor=admin, document=numbered, signed_on=SEED_004_DAY)
    resolution_link(actor=admin, conference=conference, document=numbered)
    vote_record(
        actor=admin,
        conference=conference,
        subject=SEED_004_VOTE,
        votes_for=SEED_004_PRESENT,
        document=resolution,
    )
    return 1


def _hanoi_2022(admin: User, units: dict[str, Unit]) -> int:
    created = 0
    for i in range(1, HANOI_UNITS + 1):
        code = f"{HANOI_PREFIX}{i:03d}"
        kinds = [ConferenceKind.PUBLIC_EMPLOYEES]
        if i in HANOI_ENTERPRISES:
            kinds += [ConferenceKind.WORKERS, ConferenceKind.DIALOGUE]
        for n, kind in enumerate(kinds):
            _duty(admin, units[code], kind)
            if (
                code == HANOI_MISSED and kind == ConferenceKind.PUBLIC_EMPLOYEES
            ) or Conference.objects.filter(unit=units[code], kind=kind, year=2022).exists():
                continue
            expected = 20 + (i * 7) % 60
            conference_record(
                actor=admin,
                unit=units[code],
                kind=kind,
                year=2022,
                held_on=dt.date(2022, 1 + i % 3, 5 + (i + 9 * n) % 20),
                expected=expected,
                present=expected - i % 4,
                note=data.INVENTED,
            )
            created += 1
    return created


CONGRESSES = (  # (unit, term, day held, delegates): lower levels first
    *((f"{HANOI_PREFIX}{i:03d}", "2023-2028", dt.date(2023, 3, 1 + i), 30 + 5 * i) for i in range(1, 6)),
    ("CDVC-HN", "2023-2028", dt.date(2023, 6, 20), 150),
    ("CDVC-KH", "2025-2030", dt.date(2025, 9, 25), 120),
)
COMMITTEE = ("chu-tich", "pho-chu-tich", "uy-vien-btv", "uy-vien-bch", "uy-vien-bch")  # CDVC-HN-001's


MID_TERM_CHANGE = dt.date(2025, 3, 3)  # invented: the chair retires, a member is elected in her place


def _committee(admin: User, term: CongressTerm) -> None:
    """Members of the union since before the congress and still in it, by card number; then the
    chair replaced mid-term (a dated change on the register's positions)."""
    people = list(
        Person.objects.filter(
            memberships__unit=term.unit,
            memberships__valid_to__isnull=True,
            memberships__valid_from__lt=term.held_on,
        ).order_by("card_number")
    )
    seats = []
    for n, (person, code) in enumerate(zip(people[1:], COMMITTEE, strict=False)):
        votes = term.delegates - n  # invented
        seats.append(
            committee_elect(
                actor=admin,
                term=term,
                person=person,
                position=PositionKind.objects.get(code=code),
                votes=votes,
            )
        )
    if seats and len(people) > len(COMMITTEE) + 1:
        committee_change(
            actor=admin,
            term=term,
            on=MID_TERM_CHANGE,
            reason="Nghỉ hưu theo chế độ; Ban Chấp hành bầu bổ sung Chủ tịch (giả định cho dữ liệu mẫu).",
            ended=seats[0].position_held,
            person=people[len(COMMITTEE) + 1],
            position=PositionKind.objects.get(code="chu-tich"),
            votes=term.delegates // 2 + 3,
        )


def _congresses(admin: User, units: dict[str, Unit]) -> None:
    for code, name, held_on, delegates in CONGRESSES:
        if CongressTerm.objects.filter(unit=units[code], name=name).exists():
            continue
        term = term_record(
            actor=admin, unit=units[code], name=name, held_on=held_on, delegates=delegates, note=data.INVENTED
        )
        if code == f"{HANOI_PREFIX}001":
            _committee(admin, term)


SEED_001_REVIEW_DAY = dt.date(2023, 1, 5)
SEED_001_AWARDS = (  # (form, collectives, individuals), as the article counts them
    ("Bằng khen của Tổng Liên đoàn Lao động Việt Nam", 1, 0),
    ("Cờ thi đua của Liên đoàn Lao động Thành phố", 1, 0),
    ("Bằng khen của Liên đoàn Lao động Thành phố", 3, 12),
    ("Giấy khen của Công đoàn Viên chức Thành phố", 6, 69),
)
SEED_001_MOVEMENT = "Phong trào thi đua năm 2023 của Công đoàn Viên chức Thành phố"
SEED_003_REVIEW_DAY = dt.date(2022, 7, 20)


def _issued(admin: User, unit: Unit, kind: str, title: str, on: dt.date):
    document = document_create(actor=admin, unit=unit, kind=DocumentKind.objects.get(code=kind), title=title)
    return document_issue(actor=admin, document=document, signed_on=on)


def _seed_001_review(admin: User, unit: Unit) -> None:
    if Review.objects.filter(unit=unit, kind=ReviewKind.YEAR_END, year=2022).exists():
        return
    review = review_record(
        actor=admin,
        unit=unit,
        kind=ReviewKind.YEAR_END,
        year=2022,
        held_on=SEED_001_REVIEW_DAY,
        attendees=180,  # invented: the article gives no attendance
        guests="Lãnh đạo Đảng ủy Khối các cơ quan Thành phố; lãnh đạo Liên đoàn Lao động Thành phố",
        results="Tổng kết công tác công đoàn năm 2022: 57/58 đơn vị tổ chức Hội nghị CBCCVC, 4/4 đơn vị tổ chức "
        "Hội nghị người lao động và đối thoại định kỳ; chăm lo, hỗ trợ đoàn viên khó khăn dịp Tết.",
        launched=SEED_001_MOVEMENT,
        note="Nêu trong bài 001. Số đại biểu dự là giả định.",
    )
    report = _issued(
        admin,
        unit,
        "bao-cao",
        "Báo cáo tổng kết công tác công đoàn năm 2022, phương hướng nhiệm vụ năm 2023",
        SEED_001_REVIEW_DAY,
    )
    plan = _issued(
        admin, unit, "ke-hoach", "Kế hoạch phát động phong trào thi đua năm 2023", SEED_001_REVIEW_DAY
    )
    review_link(actor=admin, review=review, document=report, role=ReviewLink.REPORT)
    review_link(actor=admin, review=review, document=plan, role=ReviewLink.LAUNCH)
    movement_create(
        actor=admin,
        unit=unit,
        name=SEED_001_MOVEMENT,
        starts_on=SEED_001_REVIEW_DAY,
        ends_on=dt.date(2023, 12, 31),
        plan_document=plan,
        description="Phát động tại Hội nghị tổng kết năm 2022 (bài 001).",
    )
    for form, collectives, individuals in SEED_001_AWARDS:
        review_award_add(
            actor=admin, review=review, form=form, collectives=collectives, individuals=individuals
        )


def _seed_003_review(admin: User, unit: Unit) -> None:
    if Review.objects.filter(unit=unit, kind=ReviewKind.MID_YEAR, year=2022).exists():
        return
    review = review_record(
        actor=admin,
        unit=unit,
        kind=ReviewKind.MID_YEAR,
        year=2022,
        held_on=SEED_003_REVIEW_DAY,
        attendees=90,  # invented
        results="Sơ kết 6 tháng đầu năm 2022 và triển khai nhiệm vụ 6 tháng cuối năm; gặp mặt, tặng quà cán bộ, "
        "đoàn viên thuộc diện gia đình chính sách nhân ngày Thương binh - Liệt sĩ.",
        note="Nêu trong bài 003 (bài không nêu tên tỉnh; dữ liệu mẫu xếp vào CĐVC tỉnh Phú Yên). Số đại biểu dự "
        "là giả định.",
    )
    review_award_add(
        actor=admin,
        review=review,
        form="Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn",
        individuals=7,
    )


@transaction.atomic
def load_meetings(*, admin: User, units: dict[str, Unit] | None = None) -> int:
    """Seed 004's conference and seed 001's 2022 compliance; returns the conferences created."""
    wanted = [
        SEED_004_UNIT,
        "CDVC-HN",
        data.SEED_003_CDVC,
        "CDVC-KH",
        *(f"{HANOI_PREFIX}{i:03d}" for i in range(1, HANOI_UNITS + 1)),
    ]
    units = units if units is not None else {u.code: u for u in Unit.objects.filter(code__in=wanted)}
    if not all(code in units for code in wanted):
        return 0  # not the demo tree
    _congresses(admin, units)
    _seed_001_review(admin, units["CDVC-HN"])
    _seed_003_review(admin, units[data.SEED_003_CDVC])
    return _seed_004(admin, units[SEED_004_UNIT]) + _hanoi_2022(admin, units)
