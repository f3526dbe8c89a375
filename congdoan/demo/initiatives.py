"""Initiatives demo data (issue 13, seeds 001 and 003): the VGCL's programme "1 triệu sáng kiến",
its two rounds, the targets passed down the tree and the initiatives recorded against them, all
entered through the initiatives services (bulk registration and council decisions), so the audit
log is real.

- Launcher: the demo tree's root, "Tổng Liên đoàn Lao động Việt Nam" (code TLD), which is the VGCL
  itself: the highest real unit of ``data.ROOT``. Launched 01/09/2021 with the goal of one million
  initiatives by 01/09/2023; rounds 08/01–31/05/2022 and 01/06/2022–01/09/2023 (the issue's dates).
- Seed 001: CĐVC TP Hà Nội's phase 1 reached 906 initiatives, 127 % of the target LĐLĐ TP Hà Nội
  gave it. **The target chosen is 713**: 906 / 713 = 127,07 %, which prints as 127 % rounding half
  up (714 would print 127 % as well, 126,89 %; 713 is the one whose exact rate is above 127 %). The
  906 are spread over its 58 grassroots unions, each unit's batch registered on one day of the
  round, and recognised by CĐVC TP Hà Nội's council on ``HN_DECIDED`` (a numbered decision of the
  register). Another ``HN_REFUSED`` initiatives were not recognised, so 930 were registered.
- Seed 003: the provincial CĐVC of that article (``data.SEED_003_CDVC``, CĐVC tỉnh Phú Yên in the
  demo) exceeded the targets of both phases. The article gives no numbers: the targets and counts
  in ``SEED_003`` are invented.
- Invented as well: the targets the VGCL gave the two provincial federations, the part of the 713
  that CĐVC TP Hà Nội passed down to ten of its unions, the initiatives' titles (drawn from a short
  list of fields of work), authors (synthetic members of the registering union), and the dates.
Loading is idempotent: nothing is written when the programme is already there.
"""

import datetime as dt
import itertools
from decimal import Decimal

from congdoan.accounts.models import User
from congdoan.documents.models import DocumentKind
from congdoan.documents.services import document_create, document_issue
from congdoan.initiatives import services
from congdoan.initiatives.models import InitiativeField, Programme
from congdoan.members.models import Person
from congdoan.organizations.models import Unit

from . import data

LAUNCHER = "TLD"
NAME = "1 triệu sáng kiến - nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19"
LAUNCHED, ENDS, GOAL = dt.date(2021, 9, 1), dt.date(2023, 9, 1), 1_000_000
ROUNDS = ((dt.date(2022, 1, 8), dt.date(2022, 5, 31)), (dt.date(2022, 6, 1), dt.date(2023, 9, 1)))
DESCRIPTION = (
    "Chương trình do Tổng Liên đoàn Lao động Việt Nam phát động ngày 01/09/2021, chỉ tiêu một triệu sáng "
    "kiến đến 01/09/2023; sáng kiến được cập nhật theo hai đợt."
)

HN_FEDERATION, HN_CDVC, HN_PREFIX, HN_UNITS = "LDLD-HN", "CDVC-HN", "CDVC-HN-", 58
HN_TARGET = 713  # 906 / 713 = 127,07 % -> "127 %" (see the docstring)
HN_RECOGNISED, HN_REFUSED = 906, 24
HN_FEDERATION_TARGETS = (9_500, 11_000)  # invented: what the VGCL gave LĐLĐ TP Hà Nội per round
HN_ROUND_2_TARGET = 800  # invented
HN_PASSED_DOWN = 40  # invented: CĐVC TP Hà Nội's target for each of its first ten unions in round 1
HN_DECIDED = dt.date(2022, 6, 20)  # invented: the council's decision on phase 1
HN_DECISION = "Quyết định công nhận sáng kiến giai đoạn 1 Chương trình “1 triệu sáng kiến”"
REFUSAL = "Giải pháp chưa được áp dụng thực tế tại đơn vị, chưa đủ căn cứ đánh giá hiệu quả."

# Seed 003 (invented numbers): per round, (target the federation gave, initiatives recognised).
SEED_003 = ((90, 104), (120, 131))
SEED_003_FEDERATION_TARGETS = (1_800, 2_200)  # invented: what the VGCL gave the provincial federation
SEED_003_DECIDED = (dt.date(2022, 6, 25), dt.date(2023, 8, 25))

TITLES = (
    ("quan-ly-hanh-chinh", "Cải tiến quy trình tiếp nhận hồ sơ một cửa"),
    ("quan-ly-hanh-chinh", "Biểu mẫu điện tử theo dõi văn bản đến"),
    ("giao-duc", "Học liệu số cho lớp học trực tuyến"),
    ("y-te", "Sắp xếp luồng khám sàng lọc người bệnh"),
    ("khoa-hoc-cong-nghe", "Ứng dụng tra cứu hồ sơ lưu trữ"),
    ("phong-chong-dich", "Quy trình khử khuẩn nơi làm việc tiết kiệm hóa chất"),
    ("cong-doan", "Sổ theo dõi đoàn viên trên bảng tính dùng chung"),
    ("van-hoa-xa-hoi", "Tủ sách dùng chung tại cơ quan"),
)


def _decision(admin: User, unit: Unit, on: dt.date, title: str):
    document = document_create(
        actor=admin, unit=unit, kind=DocumentKind.objects.get(code="quyet-dinh"), title=title
    )
    return document_issue(actor=admin, document=document, signed_on=on)


def _rows(units: list[Unit], count: int, round_, start: dt.date, fields: dict, salt: int):
    """``count`` initiatives spread over ``units`` (each unit's batch on one day of the round), each
    by one or two synthetic members of the unit (shares 100, or 60/40)."""
    people: dict[int, list[int]] = {}
    for pk, unit_id in Person.objects.filter(unit__in=units).order_by("pk").values_list("pk", "unit_id"):
        people.setdefault(unit_id, []).append(pk)
    units = [u for u in units if people.get(u.pk)]
    titles = itertools.cycle(TITLES)
    rows = []
    for n in range(count):
        unit = units[n % len(units)]
        day = start + dt.timedelta(days=(units.index(unit) * 7 + salt) % 120)
        staff = people[unit.pk]
        first = staff[(n // len(units)) % len(staff)]
        second = staff[(n // len(units) + 1) % len(staff)]
        authors = (
            [(first, Decimal(100))]
            if n % 3 or first == second
            else [(first, Decimal(60)), (second, Decimal(40))]
        )
        code, title = next(titles)
        rows.append(
            services.InitiativeRow(
                unit=unit,
                title=f"{title} ({n + 1})",
                field=fields[code],
                applied_on=day,
                registered_on=day,
                authors=authors,
                benefit=(n % 5 + 1) * 2_500_000 if n % 4 == 0 else None,
                round=round_,
            )
        )
    return rows


def _recorded(admin, rows, recognised: int, council: Unit, on: dt.date, title: str, refused: int = 0) -> None:
    """Register ``rows``; the first ``recognised`` are recognised by ``council`` (one numbered
    decision), the next ``refused`` not recognised."""
    ids = services.initiatives_create(actor=admin, rows=rows)
    services.initiatives_decide(actor=admin, initiative_ids=ids[: recognised + refused], step="start_review")
    decision = _decision(admin, council, on, title)
    services.initiatives_decide(
        actor=admin, initiative_ids=ids[:recognised], step="recognise", unit=council, on=on, document=decision
    )
    if refused:
        services.initiatives_decide(
            actor=admin,
            initiative_ids=ids[recognised : recognised + refused],
            step="refuse",
            unit=council,
            on=on,
            reason=REFUSAL,
        )


def load_initiatives(*, admin: User) -> int:
    """The programme, targets and initiatives; returns the initiatives registered (0 when present)."""
    codes = [LAUNCHER, HN_FEDERATION, HN_CDVC, "LDLD-PY", data.SEED_003_CDVC]
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    if len(units) < len(codes) or Programme.objects.filter(unit=units[LAUNCHER], name=NAME).exists():
        return 0
    programme = services.programme_create(
        actor=admin,
        unit=units[LAUNCHER],
        name=NAME,
        starts_on=LAUNCHED,
        ends_on=ENDS,
        rounds=ROUNDS,
        goal=GOAL,
        description=DESCRIPTION,
    )
    rounds = list(programme.rounds.order_by("number"))
    fields = {f.code: f for f in InitiativeField.objects.all()}

    def give(round_, giver: str, unit: Unit | str, count: int):
        unit = unit if isinstance(unit, Unit) else units[unit]
        services.target_set(actor=admin, round=round_, given_by=units[giver], unit=unit, count=count)

    # Seed 001: CĐVC TP Hà Nội.
    hanoi = list(
        Unit.objects.filter(code__startswith=HN_PREFIX, code__regex=r"^CDVC-HN-\d{3}$").order_by("code")
    )
    for round_, federation, cdvc in zip(
        rounds, HN_FEDERATION_TARGETS, (HN_TARGET, HN_ROUND_2_TARGET), strict=True
    ):
        give(round_, LAUNCHER, HN_FEDERATION, federation)
        give(round_, HN_FEDERATION, HN_CDVC, cdvc)
    for unit in hanoi[:10]:
        services.target_set(
            actor=admin, round=rounds[0], given_by=units[HN_CDVC], unit=unit, count=HN_PASSED_DOWN
        )
    rows = _rows(hanoi, HN_RECOGNISED + HN_REFUSED, rounds[0], ROUNDS[0][0], fields, salt=3)
    _recorded(admin, rows, HN_RECOGNISED, units[HN_CDVC], HN_DECIDED, HN_DECISION, refused=HN_REFUSED)
    total = len(rows)
    # Seed 003: the provincial CĐVC exceeded both phases.
    cdvc = units[data.SEED_003_CDVC]
    below = list(Unit.objects.filter(code__regex=rf"^{data.SEED_003_CDVC}-\d{{3}}$").order_by("code"))
    for number, (round_, (target, recognised), federation, decided) in enumerate(
        zip(rounds, SEED_003, SEED_003_FEDERATION_TARGETS, SEED_003_DECIDED, strict=True), start=1
    ):
        give(round_, LAUNCHER, "LDLD-PY", federation)
        give(round_, "LDLD-PY", cdvc, target)
        rows = _rows(below, recognised, round_, ROUNDS[number - 1][0], fields, salt=number)
        title = f"Quyết định công nhận sáng kiến đợt {number} Chương trình “1 triệu sáng kiến”"
        _recorded(admin, rows, recognised, cdvc, decided, title)
        total += len(rows)
    return total
