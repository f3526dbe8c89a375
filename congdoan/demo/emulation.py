"""Emulation demo data (issue 11, seed 002): the movements CĐVC Việt Nam ran in 2022 and its
Khối thi đua III, entered through the emulation services, so the audit log is real.

Facts from seed 002 (conference of 29/03/2022 at 58 Quán Sứ, Hà Nội): the nine member unions;
2021 leader Công đoàn Học viện Chính trị Quốc gia Hồ Chí Minh; 2022 leader Công đoàn Đài Tiếng nói
Việt Nam with deputies Công đoàn Thông tấn xã Việt Nam and Công đoàn Bảo hiểm xã hội Việt Nam,
recognised by a decision handed over at the conference (a numbered document of the documents
register, its number the register's: the article does not print it); the rotating flag handed from the 2021
leader to the 2022 leader; the 2022 pledge signed by all nine. Assumed (the article does not say):
the block's founding date and the members' start (01/01/2021), the movements' periods (the year).
Seed 001 adds CĐVC TP Hà Nội's movement "Mỗi đoàn viên một việc làm, mỗi CĐCS một hoạt động thiết
thực"; seeds 001, 002 and 004 the movement for cultured workplaces.
The 2022 scores and the sheet they use are invented for the demo (the article gives none), so
that the block's page shows a scored and ranked year. Loading is idempotent: each part is written only when it is not there yet.
"""

import datetime as dt
from decimal import Decimal

from congdoan.accounts.models import User
from congdoan.emulation import block_records, scoring, services
from congdoan.emulation.models import (
    Block,
    BlockMeeting,
    BlockOfficer,
    BlockPlan,
    FlagHandover,
    Movement,
    Pledge,
    ScoreResult,
    ScoreSheet,
)
from congdoan.organizations.models import Unit

from . import data

LAUNCHER = "CDVCVN"
CONFERENCE = dt.date(2022, 3, 29)
PLACE = "Trung tâm Phát thanh Quốc gia, 58 Quán Sứ, Hà Nội"
BLOCK_NAME = "Khối thi đua III"
BLOCK_SINCE = dt.date(2021, 1, 1)
BLOCK_NOTE = (
    "Theo bài 002: khối gồm 9 công đoàn thành viên của Công đoàn Viên chức Việt Nam. "
    "Ngày thành lập khối và ngày bắt đầu của các thành viên (01/01/2021) là giả định cho dữ liệu mẫu."
)
LEADERS = {2021: ("CD-HVCTQG", ()), 2022: ("CD-VOV", ("CD-TTXVN", "CD-BHXHVN"))}
PLEDGE_TITLE = "Giao ước thi đua năm 2022 của Khối thi đua III"
PLEDGE_TARGETS = (
    "Các công đoàn trong khối cam kết: bám sát kế hoạch năm 2022 của khối; chú trọng giáo dục, tuyên "
    "truyền trong đoàn viên; trao đổi kinh nghiệm và phối hợp giữa các đơn vị; làm tốt công tác xã hội "
    "thiện nguyện; chăm lo, bảo vệ quyền lợi của đoàn viên, người lao động."
)
# Movements and campaigns CĐVC Việt Nam carried forward in 2022 (named in seed 002).
MOVEMENTS = (
    ("movement", "Lao động giỏi, Lao động sáng tạo"),
    ("movement", "Giỏi việc nước, đảm việc nhà"),
    ("movement", "Xanh, sạch, đẹp, bảo đảm an toàn vệ sinh lao động"),
    ("movement", "Đổi mới, sáng tạo, hiệu quả trong hoạt động của tổ chức Công đoàn"),
    ("movement", "Tham mưu giỏi, phục vụ tốt"),
    ("campaign", "Cán bộ, công chức, viên chức nói không với tiêu cực"),
    ("campaign", "Trung thành, Trách nhiệm, Liêm chính, Sáng tạo"),
)
MOVEMENT_NOTE = "Nêu trong bài 002; thời gian cả năm 2022 là giả định cho dữ liệu mẫu."
# Building a cultured workplace: seed 002 lists "thi đua xây dựng văn hóa công sở" among CĐVC Việt
# Nam's 2022 movements, seed 001 "xây dựng cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hoá" and seed
# 004 "Xây dựng cơ quan văn hóa"; the name is the movement's full one (issue 11's demo list).
CULTURE = (
    "movement",
    "Xây dựng cơ quan văn hóa và ngày làm việc 8 giờ có chất lượng, hiệu quả",
    "Bài 002 nêu “thi đua xây dựng văn hóa công sở”, bài 001 “xây dựng cơ quan, đơn vị, doanh nghiệp đạt "
    "chuẩn văn hoá”, bài 004 “Xây dựng cơ quan văn hóa”. Thời gian cả năm 2022 là giả định cho dữ liệu mẫu.",
)
# Seed 001: CĐVC TP Hà Nội launched it in 2022, tied to "Học tập và làm theo tư tưởng, đạo đức, phong
# cách Hồ Chí Minh", with the union of the Department of Science and Technology as its pilot.
HANOI_MOVEMENT = (
    "movement",
    "Mỗi đoàn viên một việc làm, mỗi CĐCS một hoạt động thiết thực",
    "Theo bài 001: Công đoàn Viên chức Thành phố phát động, gắn với thực hiện “Học tập và làm theo tư "
    "tưởng, đạo đức, phong cách Hồ Chí Minh”; Công đoàn Sở Khoa học và Công nghệ phát động điểm. Thời "
    "gian cả năm 2022 là giả định cho dữ liệu mẫu.",
)
# Seed 002: "Quyết định công nhận Trưởng, Phó Khối năm 2022" handed over at the conference; its number
# is the one the documents register gives it (the article does not print it), signed that day.
DECISION_TITLE = "Quyết định công nhận Khối trưởng, Khối phó Khối thi đua III năm 2022"
# Seed 002: the conference "triển khai nhiệm vụ công tác và ký giao ước thi đua năm 2022", where the
# flag passed from the 2021 leader to the 2022 leader and the block's plan was adopted ("Hội nghị đã
# thông qua Dự thảo Kế hoạch hoạt động của Công đoàn Khối thi đua III"). Assumed: the plan issued by
# the 2022 leader unit on the conference day, its number the register's (the article prints none).
MEETING_TITLE = "Hội nghị triển khai nhiệm vụ công tác và ký giao ước thi đua năm 2022"
PLAN_TITLE = "Kế hoạch hoạt động năm 2022 của Công đoàn Khối thi đua III"


SHEET_NAME = "Bảng điểm thi đua các khối (dữ liệu mẫu)"
SHEET_CRITERIA = (
    ("Thực hiện nhiệm vụ chính trị", "Tổ chức phong trào thi đua, cuộc vận động", Decimal(20)),
    ("Thực hiện nhiệm vụ chính trị", "Phối hợp với chuyên môn, sáng kiến", Decimal(10)),
    ("Đại diện, chăm lo", "Chăm lo, bảo vệ quyền lợi đoàn viên", Decimal(25)),
    ("Xây dựng tổ chức", "Phát triển đoàn viên, xây dựng CĐCS vững mạnh", Decimal(25)),
    ("Tài chính, kiểm tra", "Tài chính công đoàn, công tác kiểm tra", Decimal(15)),
    ("Hoạt động của khối", "Tham gia hoạt động chung của khối", Decimal(5)),
)
# Invented 2022 points per criterion, in the order of data.KHOI_III (two units tie on purpose).
SCORES_2022 = (
    (19, 9.5, 24, 24, 14.5, 5),
    (19, 9, 24, 23.5, 14, 5),
    (18.5, 9, 23.5, 24, 14, 5),
    (18.5, 9, 23, 23, 14, 4.5),
    (18, 9, 23, 23, 14, 4.5),
    (18, 8.5, 23, 23, 14, 4.5),
    (17.5, 8.5, 22.5, 22.5, 13.5, 4.5),
    (17.5, 8.5, 22.5, 22.5, 13.5, 4.5),
    (17, 8, 22, 22, 13, 4),
)


# One unit's 2022 score goes through the review (invented, as the points): the union scores itself
# higher than the sheet allows for its evidence, sends it, the block's 2022 leader (Công đoàn Đài
# Tiếng nói Việt Nam) adjusts it with a reason, and CĐVC Việt Nam, which formed the block, decides it.
REVIEWED = data.KHOI_III[-1]
REVIEW_REASON = (
    "Khối trưởng điều chỉnh: minh chứng phong trào thi đua và tài chính chưa đủ cho mức điểm đơn vị tự chấm "
    "(dữ liệu mẫu)."
)


def _reviewed_score(admin: User, block: Block, unit: Unit, criteria: list[int], values) -> None:
    from congdoan.emulation import score_review

    final = {c: Decimal(str(v)) for c, v in zip(criteria, values, strict=True)}
    own = {c: min(p + Decimal(1), m) for (c, p), m in zip(final.items(), _maxima(criteria), strict=True)}
    result = score_review.score_self_assess(actor=admin, block=block, year=2022, unit=unit, points=own)
    score_review.score_step(actor=admin, result=result, step="submit")
    score_review.score_review(actor=admin, result=result, points=final, reason=REVIEW_REASON)
    scoring.score_record(actor=admin, block=block, year=2022, unit=unit, points=final)


def _maxima(criteria: list[int]) -> list[Decimal]:
    from congdoan.emulation.models import Criterion

    by_id = dict(Criterion.objects.filter(pk__in=criteria).values_list("pk", "max_points"))
    return [by_id[c] for c in criteria]


def _score_2022(admin: User, block: Block, units: dict) -> None:
    sheet = ScoreSheet.objects.filter(unit_id=block.unit_id, name=SHEET_NAME).first()
    if sheet is None:
        sheet = scoring.sheet_create(
            actor=admin,
            unit=block.unit,
            name=SHEET_NAME,
            valid_from=BLOCK_SINCE,
            total=Decimal(100),
            criteria=list(SHEET_CRITERIA),
        )
    criteria = [c.pk for c in sheet.criteria.all()]
    for code, values in zip(data.KHOI_III, SCORES_2022, strict=True):
        if ScoreResult.objects.filter(block=block, year=2022, unit=units[code]).exists():
            continue
        if code == REVIEWED:
            _reviewed_score(admin, block, units[code], criteria, values)
        else:
            points = {c: Decimal(str(v)) for c, v in zip(criteria, values, strict=True)}
            scoring.score_record(actor=admin, block=block, year=2022, unit=units[code], points=points)


# Next year's registrations (seed 001: the next year's emulation is launched at the year-end
# conference): CĐVC Việt Nam launches "Lao động giỏi, Lao động sáng tạo" for the coming year with a
# deadline of 31/03; Khối III's units register their targets (the first three accepted, the fourth
# sent, waiting), and the fifth, whose executive committee is being completed, is granted one
# extension to 30/04 and has a draft. Dates follow the day the demo is loaded; the rest is invented.
NEXT_MOVEMENT = "Lao động giỏi, Lao động sáng tạo"
NEXT_TARGETS = (
    "100% đoàn viên đăng ký danh hiệu Lao động tiên tiến; 20% đạt Chiến sĩ thi đua cơ sở; "
    "mỗi công đoàn bộ phận có ít nhất một sáng kiến, giải pháp được công nhận; "
    "tập thể phấn đấu đạt danh hiệu Tập thể lao động xuất sắc."
)
EXTENSION_REASON = "Đơn vị đang kiện toàn Ban Chấp hành công đoàn, đề nghị gia hạn đăng ký (dữ liệu mẫu)."


def _registrations_next_year(admin: User, launcher: Unit, units: dict) -> None:
    from congdoan.core.dates import today
    from congdoan.emulation import deadlines

    year = today().year + 1
    start, deadline = dt.date(year, 1, 1), dt.date(year, 3, 31)
    movement = Movement.objects.filter(unit=launcher, name=NEXT_MOVEMENT, starts_on=start).first()
    if movement is not None:
        return
    movement = services.movement_create(
        actor=admin,
        unit=launcher,
        name=NEXT_MOVEMENT,
        starts_on=start,
        ends_on=dt.date(year, 12, 31),
        deadline=deadline,
        description="Phát động tại hội nghị tổng kết cuối năm; hạn đăng ký 31/03 (dữ liệu mẫu).",
    )
    for n, code in enumerate(data.KHOI_III[:5]):
        unit = units[code]
        if n == 4:
            deadlines.extension_grant(
                actor=admin,
                movement=movement,
                unit=unit,
                year=year,
                until=dt.date(year, 4, 30),
                reason=EXTENSION_REASON,
            )
        registration = services.registration_create(
            actor=admin, movement=movement, unit=unit, targets=NEXT_TARGETS, year=year
        )
        if n < 4:
            services.registration_step(actor=admin, registration=registration, step="submit")
        if n < 3:
            services.registration_step(actor=admin, registration=registration, step="accept")


def _launch_2022(
    admin: User, launcher: Unit, kind: str, name: str, note: str, deadline: dt.date | None = None
) -> None:
    if not Movement.objects.filter(unit=launcher, name=name).exists():
        services.movement_create(
            actor=admin,
            unit=launcher,
            kind=kind,
            name=name,
            starts_on=dt.date(2022, 1, 1),
            ends_on=dt.date(2022, 12, 31),
            deadline=deadline,
            description=note,
        )


# Seed 001: CĐVC TP Hà Nội's grassroots unions "triển khai đăng ký, xây dựng cơ quan, đơn vị, doanh
# nghiệp đạt chuẩn văn hóa" in 2022. CĐVC TP Hà Nội is not below CĐVC Việt Nam in the demo tree, so
# it launches the cultured-workplace movement itself (CULTURE's name, open to its whole subtree, with
# a 2022 deadline of 31/03/2022, assumed). 57 of its 58 CĐCS registered and sent between 10/01 and
# 28/02/2022, before the deadline; CĐVC TP Hà Nội, the level directly above them, accepted 55; two
# are still sent, waiting; one did not register. The split, the days and the targets are invented
# (the article gives no numbers).
HANOI_CULTURE_NOTE = (
    "Theo bài 001: các CĐCS của Công đoàn Viên chức Thành phố triển khai đăng ký xây dựng cơ quan, đơn vị "
    "đạt chuẩn văn hóa. Thời gian cả năm 2022 và hạn đăng ký 31/03/2022 là giả định cho dữ liệu mẫu."
)
CULTURE_DEADLINE = dt.date(2022, 3, 31)
CULTURE_TARGETS = (
    "Đăng ký xây dựng cơ quan, đơn vị đạt chuẩn văn hóa năm 2022; 100% đoàn viên thực hiện văn hóa công "
    "sở, ngày làm việc 8 giờ có chất lượng, hiệu quả (dữ liệu mẫu)."
)


def _hanoi_registrations_2022(admin: User, hanoi: Unit) -> None:
    """The 2022 registrations of CĐVC TP Hà Nội's CĐCS for the cultured-workplace movement (the 58
    in force on 31/12/2022, in the registry's order: the last not registered, the two before it
    sent and waiting, the rest accepted). Idempotent."""
    from congdoan.emulation.models import Registration
    from congdoan.organizations.models import UnitVersion

    _launch_2022(admin, hanoi, CULTURE[0], CULTURE[1], HANOI_CULTURE_NOTE, deadline=CULTURE_DEADLINE)
    movement = Movement.objects.get(unit=hanoi, name=CULTURE[1])
    grassroots = list(
        UnitVersion.objects.active(dt.date(HANOI_YEAR, 12, 31))
        .filter(parent=hanoi, kind__code="cdcs")
        .select_related("unit")
        .order_by("sort_key", "unit_id")
    )
    reviewer = _hanoi_officer(hanoi) or admin
    done = set(
        Registration.objects.filter(movement=movement, year=HANOI_YEAR).values_list("unit_id", flat=True)
    )
    for n, version in enumerate(grassroots[:-1]):
        if version.unit_id in done:
            continue
        day = dt.date(HANOI_YEAR, 1, 10) + dt.timedelta(days=n % 50)
        registration = services.registration_create(
            actor=admin,
            movement=movement,
            unit=version.unit,
            targets=CULTURE_TARGETS,
            year=HANOI_YEAR,
            on=day,
        )
        services.registration_step(actor=admin, registration=registration, step="submit", on=day)
        if n < len(grassroots) - 3:
            services.registration_step(actor=reviewer, registration=registration, step="accept")


def _hanoi_officer(hanoi: Unit) -> User | None:
    """The demo login of CĐVC TP Hà Nội (``hanoi``) when it may review its CĐCS' registrations."""
    from congdoan.emulation.permissions import MANAGE
    from congdoan.organizations.permissions import policy

    officer = User.objects.filter(username="hanoi", home_unit=hanoi).first()
    return officer if officer is not None and policy.can(officer, MANAGE, hanoi) else None


def _officers_decision(admin: User, launcher: Unit):
    """The 2022 decision naming the block's leader and deputies: a numbered document of CĐVC Việt
    Nam (documents register), issued on the conference day."""
    from congdoan.documents.models import DocumentKind
    from congdoan.documents.services import document_create, document_issue

    kind = DocumentKind.objects.get(code="quyet-dinh")
    draft = document_create(actor=admin, unit=launcher, kind=kind, title=DECISION_TITLE)
    return document_issue(actor=admin, document=draft, signed_on=CONFERENCE)


def _conference_2022(admin: User, block: Block, leader: Unit) -> None:
    """Seed 002's conference of 29/03/2022 with the flag handed there and the plan adopted there."""
    from congdoan.documents.models import DocumentKind
    from congdoan.documents.services import document_create, document_issue

    meeting = BlockMeeting.objects.filter(block=block, held_on=CONFERENCE).first()
    if meeting is None:
        handover = FlagHandover.objects.filter(block=block, year=2022, meeting__isnull=True).first()
        meeting = block_records.block_meeting_record(
            actor=admin,
            block=block,
            kind=BlockMeeting.Kind.CONFERENCE,
            title=MEETING_TITLE,
            held_on=CONFERENCE,
            place=PLACE,
            handover=handover,
        )
    if not BlockPlan.objects.filter(block=block, year=2022).exists():
        kind = DocumentKind.objects.get(code="ke-hoach")
        draft = document_create(actor=admin, unit=leader, kind=kind, title=PLAN_TITLE)
        plan = document_issue(actor=admin, document=draft, signed_on=CONFERENCE)
        block_records.block_plan_add(actor=admin, block=block, year=2022, document=plan, meeting=meeting)


def load_emulation(*, admin: User) -> Block | None:
    """Write what is missing of the emulation demo; returns Khối thi đua III (None without the tree)."""
    units = {u.code: u for u in Unit.objects.filter(code__in=[LAUNCHER, HANOI, *data.KHOI_III])}
    if not {LAUNCHER, *data.KHOI_III} <= set(units):
        return None
    launcher = units[LAUNCHER]
    for kind, name in MOVEMENTS:
        _launch_2022(admin, launcher, kind, name, MOVEMENT_NOTE)
    _launch_2022(admin, launcher, *CULTURE)
    if HANOI in units:
        _launch_2022(admin, units[HANOI], *HANOI_MOVEMENT)
        _hanoi_registrations_2022(admin, units[HANOI])
    block = Block.objects.filter(unit=launcher, name=BLOCK_NAME).first()
    if block is None:
        block = services.block_create(
            actor=admin, unit=launcher, name=BLOCK_NAME, valid_from=BLOCK_SINCE, note=BLOCK_NOTE
        )
        for code in data.KHOI_III:
            services.block_member_add(actor=admin, block=block, unit=units[code], valid_from=BLOCK_SINCE)
    for year, (leader, deputies) in LEADERS.items():
        if not BlockOfficer.objects.filter(block=block, year=year).exists():
            services.block_officers_name(
                actor=admin,
                block=block,
                year=year,
                leader=units[leader],
                deputies=[units[c] for c in deputies],
                decision=_officers_decision(admin, launcher) if year == 2022 else None,
            )
    if not FlagHandover.objects.filter(block=block, year=2022).exists():
        services.flag_hand_over(
            actor=admin,
            block=block,
            year=2022,
            from_unit=units[LEADERS[2021][0]],
            to_unit=units[LEADERS[2022][0]],
            handed_on=CONFERENCE,
            note="Trao tại Hội nghị triển khai nhiệm vụ năm 2022 của khối",
        )
    _conference_2022(admin, block, units[LEADERS[2022][0]])
    if not Pledge.objects.filter(block=block, year=2022).exists():
        services.pledge_sign(
            actor=admin,
            block=block,
            year=2022,
            title=PLEDGE_TITLE,
            signed_on=CONFERENCE,
            place=PLACE,
            targets=PLEDGE_TARGETS,
            parties=[units[c] for c in data.KHOI_III],
        )
    _score_2022(admin, block, units)
    _registrations_next_year(admin, launcher, units)
    load_ratings(admin=admin)
    return block


# -- ratings of grassroots unions and seed 004's pledge ---------------------------------------------
#
# Seed 004 says the CĐCS of the provincial Fatherland Front office "được công nhận vững mạnh" for
# 2023. "Vững mạnh" is the name of the older grade scale (vững mạnh xuất sắc, vững mạnh, khá, trung
# bình, yếu), still the word people use; the grades stored for 2023 are the task-completion ones
# (emulation migration 0008: from 2022), whose top grade, "Hoàn thành xuất sắc nhiệm vụ", stands
# where "vững mạnh (xuất sắc)" stood. The demo records the rating in the top grade of 2023 and says
# so in the decision's note. Its 2023 public-employee conference is not in the article (the 2024
# one is): the demo records one, assumed, so the conference item is read from the records.
# CĐVC TP Hà Nội's 58 CĐCS are rated for 2022, the year whose conferences the demo holds (57 of
# 58, seed 001): the one that did not hold it cannot get the top grade. Points are invented.

SEED_004_UNIT = "CDVC-NT-MTTQ"
SEED_004_AGENCY = "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
SEED_004_NOTE_2023 = (
    "Bài 004 ghi công đoàn cơ sở được công nhận “vững mạnh” năm 2023 (tên xếp loại cũ); theo thang "
    "xếp loại áp dụng từ năm 2022, mức cao nhất tương ứng là “Hoàn thành xuất sắc nhiệm vụ”."
)
SEED_004_PLEDGE_TARGETS = "\n".join(
    [
        "Cơ quan bảo đảm điều kiện làm việc, thực hiện đầy đủ chế độ, chính sách cho công chức, người lao động.",
        "Công đoàn vận động công chức, người lao động hoàn thành tốt nhiệm vụ chuyên môn năm 2024.",
        "Phấn đấu 100% công chức, người lao động hoàn thành nhiệm vụ; không có người vi phạm kỷ luật.",
        "Phối hợp tổ chức phong trào thi đua, hoạt động văn hóa, thể thao và chăm lo đời sống đoàn viên.",
    ]
)
# Sent and decided (assumed: the article, of the 22/02/2024 conference, says only that it was
# recognised): in December 2023, before the year's report is read as of 31/12, by its
# directly-superior union that day, Công đoàn Viên chức tỉnh Ninh Thuận (the demo places the unit
# there: see data._SEED_004_INFERRED).
SEED_004_DAYS = (dt.date(2023, 12, 8), dt.date(2023, 12, 20))
HANOI = "CDVC-HN"
HANOI_YEAR = 2022


def _full_marks(rating) -> dict:
    return {
        line.item_id: line.item.max_points for line in rating.lines.select_related("item") if not line.auto
    }


def _seed_004_conference_2023(admin: User, unit: Unit) -> None:
    from congdoan.meetings.models import Conference, ConferenceKind
    from congdoan.meetings.services import conference_record

    if not Conference.objects.filter(unit=unit, kind=ConferenceKind.PUBLIC_EMPLOYEES, year=2023).exists():
        conference_record(
            actor=admin,
            unit=unit,
            kind=ConferenceKind.PUBLIC_EMPLOYEES,
            year=2023,
            held_on=dt.date(2023, 2, 16),
            expected=30,
            present=29,
            note="Giả định cho dữ liệu mẫu: bài 004 chỉ nêu hội nghị năm 2024; ngày và số người là giả định.",
        )


def _rate(
    admin: User, unit: Unit, year: int, points: dict | None, *, decide: bool, note: str = "", days=None
):
    """Rate ``unit`` for ``year``: self-assessed, sent and (``decide``) decided by its directly-superior
    union of the decision day; ``days``: (sent, decided), by default 05/12 and 15/12 of the year
    (the rating is made before the year-end review)."""
    from congdoan.emulation import rating as ratings
    from congdoan.emulation.models import Rating
    from congdoan.emulation.permissions import parent_on

    sent_on, decided_on = days or (dt.date(year, 12, 5), dt.date(year, 12, 15))
    obj = Rating.objects.filter(unit=unit, year=year).first()
    if obj is None:
        obj = ratings.rating_start(actor=admin, unit=unit, year=year)
    if obj.state in (Rating.State.DRAFT, Rating.State.RETURNED):
        ratings.rating_self_assess(actor=admin, rating=obj, points=points or _full_marks(obj))
        ratings.rating_step(actor=admin, rating=obj, step="submit", on=sent_on)
    if decide and obj.state == Rating.State.SUBMITTED:
        reviewer = Unit.objects.get(pk=parent_on(unit.pk, decided_on))
        ratings.rating_decide(actor=admin, rating=obj, reviewer=reviewer, note=note, on=decided_on)
    return obj


def _hanoi_points(rating, n: int) -> dict:
    """Invented points with a plausible spread over the four grades: most units near full marks, a
    few a little lower, every tenth clearly lower, every thirteenth a third lower (tasks completed),
    one (the 41st) well below half (tasks not completed). Each item keeps at least one point."""
    points = _full_marks(rating)
    off = Decimal(
        [0, 1, 2, 0, 3, 1, 0, 4, 2, 12][n % 10] + (35 if n % 13 == 12 else 0) + (60 if n == 40 else 0)
    )
    for item in points:
        if off <= 0:
            break
        cut = min(off, max(points[item] - 1, Decimal(0)))
        points[item] -= cut
        off -= cut
    return points


def load_ratings(*, admin: User) -> None:
    """Seed 004's CĐCS rated for 2023 in the top grade and its 2024 pledge with the agency head; CĐVC
    TP Hà Nội's grassroots unions rated for 2022 (most decided, a few sent and waiting, a few not
    started): the superior union's summary page. Idempotent."""
    from congdoan.emulation import pledging
    from congdoan.organizations.models import UnitVersion

    unit = Unit.objects.filter(code=SEED_004_UNIT).first()
    if unit is not None:
        _seed_004_conference_2023(admin, unit)
        _rate(admin, unit, 2023, None, decide=True, note=SEED_004_NOTE_2023, days=SEED_004_DAYS)
        if not Pledge.objects.filter(unit=unit, year=2024, block__isnull=True).exists():
            pledging.pledge_sign_agency(
                actor=admin,
                unit=unit,
                year=2024,
                title="Giao ước thi đua năm 2024 giữa Công đoàn và chính quyền cơ quan",
                signed_on=dt.date(2024, 2, 22),
                agency=SEED_004_AGENCY,
                head_name="Trần Minh Quang",
                head_position="Thủ trưởng cơ quan",
                union_signatory="Nguyễn Thị Thu Hà",
                union_position="Chủ tịch Công đoàn cơ sở",
                place="Ninh Thuận",
                targets=SEED_004_PLEDGE_TARGETS,
            )
    hanoi = Unit.objects.filter(code=HANOI).first()
    if hanoi is None:
        return
    end = dt.date(HANOI_YEAR, 12, 31)
    grassroots = list(
        UnitVersion.objects.active(end)
        .filter(parent=hanoi, kind__code="cdcs")
        .select_related("unit")
        .order_by("sort_key", "unit_id")
    )
    for n, version in enumerate(grassroots):
        if n % 19 == 18:
            continue  # not started yet (3 of 58)
        from congdoan.emulation.models import Rating

        obj = Rating.objects.filter(unit=version.unit, year=HANOI_YEAR).first()
        if obj is None:
            from congdoan.emulation import rating as ratings

            obj = ratings.rating_start(actor=admin, unit=version.unit, year=HANOI_YEAR)
        _rate(admin, version.unit, HANOI_YEAR, _hanoi_points(obj, n), decide=n % 11 != 5)
