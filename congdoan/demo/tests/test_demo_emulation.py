"""The emulation demo (seed 002): Khối thi đua III as recorded, its figures read from the records,
loaded idempotently."""

import datetime as dt

import pytest

from congdoan.core.models import AuditEntry
from congdoan.emulation.models import Block, Movement, Rating, Rubric
from congdoan.emulation.scoring import ranking
from congdoan.emulation.selectors import block_flags, block_members, block_officers, block_pledges

from .conftest import run_load_demo

pytestmark = pytest.mark.django_db


def emulation_ids() -> dict:
    """Ids of the emulation demo's objects for the route walks (a registration: any id)."""
    block = Block.objects.get(name="Khối thi đua III")
    movement = Movement.objects.order_by("pk").first()
    return {
        "movement_id": movement.pk,
        "registration_id": movement.pk,
        "block_id": block.pk,
        "block_member_id": block.members.order_by("pk").first().pk,
        "officer_id": block.officers.order_by("pk").first().pk,
        "sheet_id": block.pk,
        # Any ids: every write route must refuse a read-only officer (403 or 404) before reading them.
        "rating_id": Rating.objects.order_by("pk").first().pk,
        "result_id": block.pk,
        "evidence_id": block.pk,
        "pledge_id": block.pk,
        "rubric_id": Rubric.objects.order_by("pk").first().pk,
    }


def test_block_iii_of_seed_002(demo):
    block = Block.objects.get(name="Khối thi đua III")
    assert block.unit == demo["CDVCVN"]
    members = block_members(block, 2022)
    assert len(members) == 9
    assert {m.unit_name for m in members} >= {
        "Công đoàn Đài Tiếng nói Việt Nam",
        "Công đoàn Ngân hàng Phát triển Việt Nam",
    }
    by_year = {}
    for officer in block_officers(block):
        by_year.setdefault(officer.year, {}).setdefault(officer.role, []).append(officer.unit_name)
    assert by_year[2021] == {"leader": ["Công đoàn Học viện Chính trị Quốc gia Hồ Chí Minh"]}
    assert by_year[2022]["leader"] == ["Công đoàn Đài Tiếng nói Việt Nam"]
    assert sorted(by_year[2022]["deputy"]) == [
        "Công đoàn Bảo hiểm xã hội Việt Nam",
        "Công đoàn Thông tấn xã Việt Nam",
    ]
    [flag] = block_flags(block)
    assert (flag.year, flag.from_name, flag.to_name, flag.handed_on.isoformat()) == (
        2022,
        "Công đoàn Học viện Chính trị Quốc gia Hồ Chí Minh",
        "Công đoàn Đài Tiếng nói Việt Nam",
        "2022-03-29",
    )
    [pledge] = block_pledges(block)
    assert (pledge.year, pledge.party_count) == (2022, 9)
    assert Movement.objects.filter(unit=demo["CDVCVN"], starts_on__year=2022).count() == 8
    ranked = [(r.rank, r.unit_name) for r in ranking(block, 2022)]
    assert len(ranked) == 9 and ranked[0] == (1, "Công đoàn Đài Tiếng nói Việt Nam")
    assert [rank for rank, _name in ranked].count(7) == 2  # the invented scores tie two units


def test_the_movements_of_seeds_001_and_002(demo):
    """Seed 001: CĐVC TP Hà Nội's own movement; seeds 001, 002, 004: the cultured workplace."""
    hanoi = Movement.objects.get(name="Mỗi đoàn viên một việc làm, mỗi CĐCS một hoạt động thiết thực")
    assert hanoi.unit == demo["CDVC-HN"] and hanoi.starts_on.year == 2022
    assert "Sở Khoa học và Công nghệ" in hanoi.description
    # CĐVC Việt Nam's (seeds 002, 004); CĐVC TP Hà Nội launches its own for its CĐCS (seed 001)
    culture = Movement.objects.get(
        unit=demo["CDVCVN"], name="Xây dựng cơ quan văn hóa và ngày làm việc 8 giờ có chất lượng, hiệu quả"
    )
    assert culture.kind == "movement"
    for movement in (hanoi, culture):  # entered through the service: audited
        assert AuditEntry.objects.filter(
            action="movement.create", object_type="emulation.movement", object_id=str(movement.pk)
        ).exists()


def test_the_2022_officers_decision_is_a_numbered_document(demo):
    from congdoan.documents.models import Document
    from congdoan.emulation.models import BlockOfficer

    block = Block.objects.get(name="Khối thi đua III")
    officers = list(BlockOfficer.objects.filter(block=block, year=2022))
    assert len(officers) == 3
    [decision] = Document.objects.filter(title__startswith="Quyết định công nhận Khối trưởng, Khối phó")
    assert decision.unit == demo["CDVCVN"] and decision.signed_on.isoformat() == "2022-03-29"
    assert decision.number and decision.number_symbol.endswith("/QĐ-CĐVC")
    assert {(o.decision_reference, o.decided_on) for o in officers} == {
        (decision.number_symbol, decision.signed_on)
    }
    from congdoan.accounts.models import User
    from congdoan.emulation.selectors import linked_documents

    admin = User.objects.filter(is_superuser=True).first()
    assert decision in linked_documents(actor=admin, obj=block, role="decision")
    assert not BlockOfficer.objects.filter(block=block, year=2021).exclude(decision_reference="").exists()


def test_block_iii_conference_of_29_03_2022_with_its_flag_and_plan(demo):
    """Seed 002: the flag passed at the block's conference, where the year's plan was adopted."""
    from congdoan.emulation.selectors import block_meetings, block_plans

    block = Block.objects.get(name="Khối thi đua III")
    [meeting] = block_meetings(block)
    assert (meeting.kind, meeting.held_on.isoformat(), meeting.flag_year) == (
        "conference",
        "2022-03-29",
        2022,
    )
    assert meeting.flag_to == "Công đoàn Đài Tiếng nói Việt Nam"
    assert "58 Quán Sứ" in meeting.place
    [flag] = block_flags(block)
    assert flag.meeting_id == meeting.pk
    [plan] = block_plans(block)
    assert (plan.year, plan.meeting_id, plan.adopted_on) == (2022, meeting.pk, meeting.held_on)
    assert plan.document.status == "issued" and plan.document.unit == demo["CD-VOV"]


def test_loading_again_writes_nothing(demo):
    before = AuditEntry.objects.count()
    run_load_demo()
    assert AuditEntry.objects.count() == before


def test_a_database_loaded_before_the_module_gets_its_part(demo):
    from congdoan.emulation.models import (
        BlockMeeting,
        BlockMember,
        BlockOfficer,
        BlockPlan,
        FlagHandover,
        Pledge,
        PledgeParty,
        ScoreLine,
        ScoreResult,
    )

    ScoreLine.objects.all().delete()
    ScoreResult.objects.all().delete()
    PledgeParty.objects.all().delete()
    Pledge.objects.all().delete()
    BlockPlan.objects.all().delete()
    FlagHandover.objects.all().delete()
    BlockMeeting.objects.all().delete()
    BlockOfficer.objects.all().delete()
    BlockMember.objects.all().delete()
    Block.objects.all().delete()
    run_load_demo()
    assert Block.objects.get(name="Khối thi đua III").members.count() == 9


def test_seed_004_cdcs_rated_top_for_2023_and_its_2024_pledge(demo, client):
    from django.urls import reverse

    from congdoan.emulation.models import Pledge
    from congdoan.emulation.selectors import unit_grade

    unit = demo["CDVC-NT-MTTQ"]
    grade = unit_grade(unit_id=unit.pk, year=2023)
    assert grade.top and grade.name == "Hoàn thành xuất sắc nhiệm vụ"
    rating = Rating.objects.get(unit=unit, year=2023)
    assert "vững mạnh" in rating.state_reason and rating.conference_held is True
    pledge = Pledge.objects.get(unit=unit, year=2024, block__isnull=True)
    assert pledge.parties.count() == 2
    from congdoan.accounts.models import User

    client.force_login(User.objects.filter(is_superuser=True).first())
    body = client.get(reverse("emulation:pledge_docx", args=[pledge.pk])).content
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "THỦ TRƯỞNG CƠ QUAN" in xml and "CHỦ TỊCH CÔNG ĐOÀN CƠ SỞ" in xml


def test_hanoi_superior_union_sees_the_2022_rating_summary(demo):
    from congdoan.accounts.models import User
    from congdoan.emulation.selectors import rating_counts, rating_summary

    admin = User.objects.filter(is_superuser=True).first()
    hanoi = demo["CDVC-HN"]
    counts = rating_counts(actor=admin, unit=hanoi, year=2022)
    assert counts["units"] == 58
    assert 40 <= counts["rated"] < 58
    by_grade = {g.code: n for g, n in counts["grades"]}
    assert by_grade["hoan-thanh-xuat-sac"] > 0 and by_grade["hoan-thanh-tot"] > 0
    rows = list(rating_summary(actor=admin, unit=hanoi, year=2022))
    assert len(rows) == 58 and sum(1 for r in rows if r.rating_id is None) == 3


def test_the_hanoi_officer_sees_the_summary_of_its_58_cdcs(demo, client):
    """Issue 11's "Done when": the superior union's own officer (demo login ``hanoi``, chủ tịch of
    CĐVC TP Hà Nội), not only the administrator, sees its units' rating summary on its page."""
    from django.urls import reverse

    from congdoan.accounts.models import User

    officer = User.objects.get(username="hanoi")
    assert officer.home_unit_id == demo["CDVC-HN"].pk
    client.force_login(officer)
    page = client.get(reverse("emulation:rating_summary") + "?year=2022")
    assert page.status_code == 200
    assert page.context["counts"]["units"] == 58 and page.context["page"].paginator.count == 58


def test_seed_004_is_decided_by_its_directly_superior_union_of_the_decision_day(demo):
    rating = Rating.objects.select_related("reviewer").get(unit=demo["CDVC-NT-MTTQ"], year=2023)
    assert str(rating.reviewer) == "Công đoàn Viên chức tỉnh Ninh Thuận"
    assert (rating.submitted_on.isoformat(), rating.decided_on.isoformat()) == ("2023-12-08", "2023-12-20")
    # decided within the year: the 2023 figures read as of 31/12/2023 count it in the top grade
    from congdoan.core import figures
    from congdoan.core.periods import Period
    from congdoan.organizations.tests.factories import superuser

    values = figures.compute(
        actor=superuser(),
        unit_id=rating.unit_id,
        names=["ratings.total", "ratings.excellent"],
        period=Period.year(2023),
        as_of=dt.date(2023, 12, 31),
    )
    assert values == {"ratings.total": 1, "ratings.excellent": 1}


def test_hanoi_cdcs_registered_for_the_cultured_workplace_movement_in_2022(demo):
    """Seed 001: Hà Nội's CĐCS registered for "đạt chuẩn văn hóa" in 2022. 57 of 58 registered and
    sent before the 31/03/2022 deadline, CĐVC TP Hà Nội accepted 55; the 2022 figures as of
    31/12/2022 read those numbers."""
    from congdoan.core import figures
    from congdoan.core.periods import Period
    from congdoan.emulation.models import Registration, RegistrationDeadline
    from congdoan.organizations.tests.factories import superuser

    hanoi = demo["CDVC-HN"]
    movement = Movement.objects.get(
        unit=hanoi, name="Xây dựng cơ quan văn hóa và ngày làm việc 8 giờ có chất lượng, hiệu quả"
    )
    deadline = RegistrationDeadline.objects.get(movement=movement, year=2022, valid_to__isnull=True)
    assert deadline.deadline == dt.date(2022, 3, 31)
    registrations = Registration.objects.filter(movement=movement, year=2022)
    states = sorted(registrations.values_list("state", flat=True))
    assert states == ["accepted"] * 55 + ["submitted"] * 2
    created = AuditEntry.objects.filter(
        action="registration.create", object_id__in=[str(r.pk) for r in registrations]
    )
    days = sorted(e.after["registered_on"] for e in created)
    assert len(days) == 57 and days[0] >= "2022-01-10" and days[-1] <= deadline.deadline.isoformat()
    accepted = AuditEntry.objects.filter(
        action="registration.accept", object_id__in=[str(r.pk) for r in registrations]
    )
    assert {e.actor.username for e in accepted} == {"hanoi"} and accepted.count() == 55
    values = figures.compute(
        actor=superuser(),
        unit_id=hanoi.pk,
        names=["emulation.registrations", "emulation.registrations_accepted"],
        period=Period.year(2022),
        as_of=dt.date(2022, 12, 31),
    )
    assert values == {"emulation.registrations": 57, "emulation.registrations_accepted": 55}


def test_next_years_registrations_with_a_deadline_and_one_extension(demo):
    from congdoan.core.dates import today
    from congdoan.emulation.models import DeadlineExtension, Registration, RegistrationDeadline

    year = today().year + 1
    movement = Movement.objects.get(
        unit=demo["CDVCVN"], name="Lao động giỏi, Lao động sáng tạo", starts_on__year=year
    )
    deadline = RegistrationDeadline.objects.get(movement=movement, year=year, valid_to__isnull=True)
    assert (deadline.deadline.month, deadline.deadline.day) == (3, 31)
    [extension] = DeadlineExtension.objects.filter(movement=movement)
    assert extension.until.isoformat() == f"{year}-04-30" and "kiện toàn" in extension.reason
    states = sorted(Registration.objects.filter(movement=movement).values_list("state", flat=True))
    assert states == ["accepted", "accepted", "accepted", "draft", "submitted"]


def test_a_self_score_adjusted_by_the_block_leader_with_a_reason(demo):
    from congdoan.emulation.models import ScoreResult

    block = Block.objects.get(name="Khối thi đua III")
    adjusted = AuditEntry.objects.filter(action="score.review_adjust")
    [entry] = adjusted
    result = ScoreResult.objects.get(pk=entry.object_id)
    assert result.block == block and result.state == "decided"
    assert result.self_total > result.review_total == result.total
    assert "minh chứng" in entry.after["state_reason"]


def test_hanoi_ratings_spread_over_the_four_grades(demo):
    from collections import Counter

    from congdoan.organizations.models import UnitVersion

    below = UnitVersion.objects.filter(parent=demo["CDVC-HN"]).values("unit_id")
    decided = Rating.objects.filter(unit_id__in=below, year=2022, state="decided")
    rated = Counter(decided.values_list("grade__code", flat=True))
    assert set(rated) == {"hoan-thanh-xuat-sac", "hoan-thanh-tot", "hoan-thanh", "khong-hoan-thanh"}
    assert max(rated, key=rated.get) == "hoan-thanh-xuat-sac" and rated["khong-hoan-thanh"] == 1


def test_the_cdvcvn_officer_sees_block_iii_on_its_page(demo, client):
    """Issue 11's "Done when": the page of Khối III (demo login ``cdvcvn``, the forming level) shows
    its leaders and deputies by year, the flag handed over, the nine units' pledge and the 2022
    ranking, not only the selectors behind it."""
    from django.urls import reverse

    from congdoan.accounts.models import User

    block = Block.objects.get(name="Khối thi đua III")
    client.force_login(User.objects.get(username="cdvcvn"))
    page = client.get(reverse("emulation:block", args=[block.pk]) + "?year=2022")
    assert page.status_code == 200
    body = page.content.decode()
    for name in (
        "Công đoàn Học viện Chính trị Quốc gia Hồ Chí Minh",  # 2021 leader, handing the flag
        "Công đoàn Đài Tiếng nói Việt Nam",  # 2022 leader
        "Công đoàn Thông tấn xã Việt Nam",  # 2022 deputies
        "Công đoàn Bảo hiểm xã hội Việt Nam",
        "29/03/2022",  # the handover, at the block's conference
    ):
        assert name in body, name
    assert [flag.to_name for flag in page.context["flags"]] == ["Công đoàn Đài Tiếng nói Việt Nam"]
    assert [(p.year, p.party_count) for p in page.context["pledges"]] == [(2022, 9)]
    [leader_2022] = [y["leader"] for y in page.context["years"] if y["year"] == 2022]
    assert leader_2022.unit_name == "Công đoàn Đài Tiếng nói Việt Nam"
    ranking = list(page.context["ranking"])
    assert len(ranking) == 9 and (ranking[0].rank, ranking[0].unit_name) == (
        1,
        "Công đoàn Đài Tiếng nói Việt Nam",
    )


def test_block_iii_pledge_prints_nine_signature_blocks(demo, client):
    """Seed 002: the nine units' 2022 pledge as .docx, one signature block per party."""
    import io
    import zipfile

    from django.urls import reverse

    from congdoan.accounts.models import User
    from congdoan.emulation.models import Pledge

    block = Block.objects.get(name="Khối thi đua III")
    pledge = Pledge.objects.get(block=block, year=2022)
    client.force_login(User.objects.get(username="cdvcvn"))
    answer = client.get(reverse("emulation:pledge_docx", args=[pledge.pk]))
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert xml.count("(Ký, ghi rõ họ tên)") == 9
    for member in block_members(block, 2022):
        assert member.unit_name.upper() in xml, member.unit_name
