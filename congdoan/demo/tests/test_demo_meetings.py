"""The demo's conferences: every figure seeds 004 and 001 quote comes out of the records."""

import datetime as dt

import pytest

from congdoan.accounts.models import User
from congdoan.core.figures import percent
from congdoan.documents.models import DocumentLink
from congdoan.documents.selectors import document_for_link
from congdoan.meetings.models import Conference, ConferenceKind, DocumentRole, Vote
from congdoan.meetings.selectors import compliance_rows, compliance_units, conference_detail

from .conftest import run_load_demo


@pytest.fixture
def admin(demo):
    return User.objects.get(username="admin")


def test_seed_004_conference_from_the_records(demo, admin):
    held = Conference.objects.get(unit=demo["CDVC-NT-MTTQ"], kind=ConferenceKind.PUBLIC_EMPLOYEES, year=2024)
    assert held.held_on == dt.date(2024, 2, 22)
    assert "Dương Sà Kha" in held.agency_head
    detail = conference_detail(actor=admin, conference=held)
    roles = [d.role for d in detail["documents"]]
    for role in (
        DocumentRole.HEAD_REPORT,
        DocumentRole.AGREEMENT,
        DocumentRole.EMULATION_PLAN,
        DocumentRole.SPENDING_RULES,
        DocumentRole.ASSET_RULES,
        DocumentRole.PLEDGE,
        DocumentRole.RESOLUTION,
    ):
        assert role in roles
    drafts = [d.title for d in detail["documents"] if d.title.startswith("Dự thảo")]
    assert len(drafts) == 5  # the five drafts the article lists
    (vote,) = detail["votes"]
    assert vote.adopted and vote.document.role == DocumentRole.RESOLUTION
    assert vote.percent_for == percent(vote.votes_for, held.present) == 100  # "thống nhất 100%"
    resolution = detail["resolution_document"]
    assert resolution is not None and "/NQ-" in resolution.number_symbol
    assert resolution.signed_on == dt.date(2024, 2, 22)
    assert list(document_for_link(actor=admin, obj=held, role="nghi-quyet")) == [resolution]


def test_seed_001_compliance_from_the_records(demo, admin):
    hanoi = demo["CDVC-HN"]

    def ratio(kind):
        top = compliance_rows(actor=admin, unit=hanoi, year=2022, kind=kind)[0].total
        return top.held, top.due

    assert ratio(ConferenceKind.PUBLIC_EMPLOYEES) == (57, 58)
    assert ratio(ConferenceKind.WORKERS) == (4, 4)
    assert ratio(ConferenceKind.DIALOGUE) == (4, 4)
    (missing,) = compliance_units(
        actor=admin, unit=hanoi, year=2022, kind=ConferenceKind.PUBLIC_EMPLOYEES, state="missing"
    )
    assert missing.unit_id == demo["CDVC-HN-026"].pk


def test_loading_again_writes_nothing(demo):
    before = Conference.objects.count()
    out = run_load_demo()
    assert Conference.objects.count() == before
    assert "nothing written" in out


def test_a_demo_loaded_before_the_module_gets_its_conferences(demo):
    # An older demo database: without what this module writes (a test-only cleanup; the
    # application never deletes history).
    DocumentLink.objects.all().delete()
    Vote.objects.all().delete()
    for conference in Conference.objects.all():
        conference.documents.all().delete()
    Conference.objects.all().delete()
    out = run_load_demo()
    assert "66 conferences added" in out  # 57 + 4 + 4 in 2022 (seed 001), 1 in 2024 (seed 004)
    assert Conference.objects.filter(year=2022, kind=ConferenceKind.PUBLIC_EMPLOYEES).count() == 57
    assert Conference.objects.filter(year=2024).count() == 1


def test_congresses_lowest_level_first_with_a_committee(demo, admin):
    from congdoan.meetings.models import CongressTerm
    from congdoan.meetings.selectors import committee, lower_levels_first

    hanoi = CongressTerm.objects.get(unit=demo["CDVC-HN"], name="2023-2028")
    # 5 of its 58 CĐCS recorded their congress before it; the other 53 are flagged for follow-up
    assert len(lower_levels_first(term=hanoi)) == 53
    union = CongressTerm.objects.get(unit=demo["CDVC-HN-001"], name="2023-2028")
    seats = committee(term=union)
    assert [s.position_held.position.code for s in seats][:2] == ["chu-tich", "pho-chu-tich"]
    assert all(
        s.position_held.term == "2023-2028" and s.position_held.valid_from == union.held_on for s in seats
    )
    assert CongressTerm.objects.filter(unit=demo["CDVC-KH"], name="2025-2030").exists()
    # the chair replaced mid-term: a dated change on the register's positions
    from congdoan.meetings.selectors import committee_changes, committee_now

    (change,) = committee_changes(term=union)
    assert change.ended == seats[0].position_held and change.ended.valid_to == change.on
    assert change.started.position.code == "chu-tich" and change.started.valid_from == change.on
    assert change.started in committee_now(term=union)


def test_seed_001_and_003_reviews(demo, admin):
    from congdoan.meetings.models import Review, ReviewKind
    from congdoan.meetings.selectors import review_detail

    year_end = Review.objects.get(unit=demo["CDVC-HN"], kind=ReviewKind.YEAR_END, year=2022)
    assert year_end.held_on == dt.date(2023, 1, 5)
    detail = review_detail(actor=admin, review=year_end)
    # 1 + 1 + 3 + 6 collectives, 12 + 69 people (seed 001)
    assert (detail["collectives"], detail["individuals"]) == (11, 81)
    assert len(detail["awards"]) == 4
    (report,) = detail["report"]
    assert "/BC-" in report.number_symbol
    (plan,) = detail["launch"]
    assert [t.label for t in plan.elsewhere] == [
        "Phong trào thi đua năm 2023 của Công đoàn Viên chức Thành phố"
    ]
    mid_year = Review.objects.get(unit=demo["CDVC-PY"], kind=ReviewKind.MID_YEAR, year=2022)
    assert mid_year.held_on == dt.date(2022, 7, 20)
    (medals,) = review_detail(actor=admin, review=mid_year)["awards"]
    assert medals.individuals == 7 and "Kỷ niệm chương" in medals.form
