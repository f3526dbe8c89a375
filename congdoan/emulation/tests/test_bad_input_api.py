"""Issue 11's "Bad input" list, item by item, through /api/v1/emulation/: each answers 422 in the
API's shape ({"errors": {field: [message]}}) with the Vietnamese message naming the field, and
writes nothing (no row, no audit entry). The services' own tests cover the same rules one level
down; this file is the one place that walks the whole list."""

import contextlib
import datetime as dt
from decimal import Decimal as D

import pytest

from conftest import make_officer
from congdoan.core.models import AuditEntry
from congdoan.emulation import rating as ratings
from congdoan.emulation import services
from congdoan.emulation.models import (
    BlockMember,
    BlockOfficer,
    FlagHandover,
    Rating,
    RatingLine,
    Registration,
    Rubric,
    ScoreLine,
    ScoreResult,
    ScoreSheet,
)
from congdoan.organizations.tests.factories import make_unit

from .factories import block, movement
from .test_ratings import full_marks, sent
from .test_scoring import sheet

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def nothing_written(*models):
    """Asserts that the block writes no row of ``models`` and no audit entry (the API token the
    ``call`` fixture issues on a user's first request aside)."""

    def counts():
        audit = AuditEntry.objects.exclude(action="token.issue")
        return [m.objects.count() for m in models] + [audit.count()]

    before = counts()
    yield
    assert counts() == before


def refused(answer, field: str, message: str) -> None:
    assert answer.status_code == 422, answer.content
    assert answer.json()["errors"] == {field: [message]}


@pytest.fixture
def khoi(tree, cdvc_officer):
    return block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)


@pytest.fixture
def outsider_unit(tree):
    return make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("40,5", "Chăm lo, bảo vệ đoàn viên: 40,5 điểm nằm ngoài khoảng 0 đến 40."),
        ("-1", "Chăm lo, bảo vệ đoàn viên: -1 điểm nằm ngoài khoảng 0 đến 40."),
    ],
)
def test_block_score_above_the_maximum_or_below_zero(call, tree, cdvc_officer, khoi, value, message):
    s = sheet(tree.cdvc, cdvc_officer)
    first, *rest = s.criteria.all()
    body = {
        "year": 2022,
        "unit_id": tree.a.pk,
        "points": [{"criterion_id": first.pk, "points": value}]
        + [{"criterion_id": c.pk, "points": "10"} for c in rest],
    }
    with nothing_written(ScoreResult, ScoreLine):
        answer = call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/scores", body)
    refused(answer, f"criterion_{first.pk}", message)


@pytest.mark.parametrize("value", ["11", "-1"])
def test_rating_points_above_the_maximum_or_below_zero(call, tree, officer_a, cdvc_officer, value):
    rating = ratings.rating_start(actor=officer_a, unit=tree.a, year=2023)
    line = rating.lines.select_related("item").filter(auto=False, item__max_points=10).first()
    message = f"{line.item.name}: {value} điểm nằm ngoài khoảng 0 đến 10."
    points = [{"item_id": pk, "points": str(p)} for pk, p in full_marks(rating).items() if pk != line.item_id]
    body = {"points": [*points, {"item_id": line.item_id, "points": value}]}
    with nothing_written(Rating, RatingLine):
        answer = call(officer_a, "POST", f"/emulation/ratings/{rating.pk}/assessment", body)
    refused(answer, f"item_{line.item_id}", message)
    assert set(
        RatingLine.objects.filter(rating=rating, auto=False).values_list("self_points", flat=True)
    ) == {D(0)}
    # The superior's points on the decision: the same bounds.
    ratings.rating_self_assess(actor=officer_a, rating=rating, points=full_marks(rating))
    ratings.rating_step(actor=officer_a, rating=rating, step="submit")
    with nothing_written(Rating, RatingLine):
        answer = call(
            cdvc_officer,
            "POST",
            f"/emulation/ratings/{rating.pk}/decision",
            {"points": [{"item_id": line.item_id, "points": value}]},
        )
    refused(answer, f"item_{line.item_id}", message)
    rating.refresh_from_db()
    assert rating.state == Rating.State.SUBMITTED and rating.grade is None


def test_a_rating_decided_by_a_unit_not_directly_superior(call, tree, officer_a):
    """The province's officer sees CĐCS A (its subtree) but is not its directly-superior union; a
    sibling CĐCS does not see the rating at all (404, test_rating_api.py)."""
    rating = sent(tree.a, officer_a)
    province = make_officer("prov_officer", tree.prov)
    body = {"reviewer_id": tree.prov.pk}
    with nothing_written(Rating):
        answer = call(province, "POST", f"/emulation/ratings/{rating.pk}/decision", body)
    refused(
        answer,
        "reviewer",
        f"Đơn vị xếp loại: {tree.prov} không phải công đoàn cấp trên trực tiếp của {tree.a}"
        f" vào ngày {ratings.today():%d/%m/%Y}.",
    )
    rating.refresh_from_db()
    assert rating.state == Rating.State.SUBMITTED and rating.grade is None


def test_a_unit_twice_in_a_block_in_the_same_period(call, tree, cdvc_officer, khoi):
    body = {"unit_id": tree.a.pk, "valid_from": "2022-06-01"}
    with nothing_written(BlockMember):
        answer = call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/members", body)
    refused(
        answer, "unit", "Đơn vị thành viên: Công đoàn Sở Y tế đã là thành viên của khối từ ngày 01/01/2021."
    )


@pytest.mark.parametrize("role", ["leader", "deputy"])
def test_a_leader_or_deputy_not_a_member_that_year(call, tree, cdvc_officer, khoi, outsider_unit, role):
    if role == "leader":
        body, field, label = {"year": 2022, "leader_id": outsider_unit.pk}, "leader", "Khối trưởng"
    else:
        body = {"year": 2022, "leader_id": tree.a.pk, "deputy_ids": [outsider_unit.pk]}
        field, label = "deputies", "Khối phó"
    with nothing_written(BlockOfficer):
        answer = call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/officers", body)
    refused(answer, field, f"{label}: Công đoàn Sở Tài chính không phải thành viên của khối năm 2022.")


def test_a_member_who_left_before_the_year_is_not_a_member_that_year(call, tree, cdvc_officer, outsider_unit):
    khoi = block(tree.cdvc, [tree.a], actor=cdvc_officer)
    services.block_member_add(
        actor=cdvc_officer,
        block=khoi,
        unit=outsider_unit,
        valid_from=dt.date(2021, 1, 1),
        valid_to=dt.date(2022, 1, 1),
    )
    with nothing_written(BlockOfficer):
        answer = call(
            cdvc_officer,
            "POST",
            f"/emulation/blocks/{khoi.pk}/officers",
            {"year": 2022, "leader_id": outsider_unit.pk},
        )
    refused(answer, "leader", "Khối trưởng: Công đoàn Sở Tài chính không phải thành viên của khối năm 2022.")


def test_two_leaders_in_one_year(call, tree, cdvc_officer, khoi):
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=tree.a)
    with nothing_written(BlockOfficer):
        answer = call(
            cdvc_officer,
            "POST",
            f"/emulation/blocks/{khoi.pk}/officers",
            {"year": 2022, "leader_id": tree.b.pk},
        )
    refused(answer, "leader", "Khối trưởng: năm 2022 khối đã có khối trưởng là Công đoàn Sở Y tế.")


def test_a_flag_handed_by_a_unit_that_does_not_hold_it(call, tree, cdvc_officer, khoi):
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2021, leader=tree.a)
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=tree.b)
    body = {"year": 2022, "from_unit_id": tree.b.pk, "to_unit_id": tree.b.pk, "handed_on": "2022-03-29"}
    with nothing_written(FlagHandover):
        answer = call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/flags", body)
    refused(
        answer,
        "from_unit",
        "Đơn vị trao: Công đoàn Sở Giáo dục và Đào tạo không giữ cờ luân lưu; cờ đang ở Công đoàn Sở Y tế.",
    )


def test_with_no_holder_on_record_a_unit_outside_the_block_does_not_hand_the_flag(
    call, tree, cdvc_officer, khoi, outsider_unit
):
    """No leader of 2021 nor handover on record: the flag's holder is unknown, yet a unit that was
    not a member in 2021 or 2022 never held it. A member may hand it (the first handover on record)."""
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=tree.a)
    body = {
        "year": 2022,
        "from_unit_id": outsider_unit.pk,
        "to_unit_id": tree.a.pk,
        "handed_on": "2022-03-29",
    }
    with nothing_written(FlagHandover):
        answer = call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/flags", body)
    refused(
        answer,
        "from_unit",
        "Đơn vị trao: Công đoàn Sở Tài chính không phải thành viên của khối năm 2021 hay năm 2022, "
        "không giữ cờ luân lưu.",
    )
    body["from_unit_id"] = tree.b.pk
    assert call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/flags", body).status_code == 201


def test_a_registration_after_the_deadline(call, tree, officer_a, cdvc_officer):
    m = movement(tree.cdvc, actor=cdvc_officer, deadline=dt.date(2022, 3, 31))
    body = {"movement_id": m.pk, "unit_id": tree.a.pk, "year": 2022, "targets": "Tập thể lao động xuất sắc"}
    with nothing_written(Registration):
        answer = call(officer_a, "POST", "/emulation/registrations", body)
    refused(
        answer,
        "year",
        "Năm đăng ký 2022: đã quá hạn đăng ký 31/03/2022; đăng ký muộn cần đơn vị phát động hoặc "
        "công đoàn cấp trên gia hạn.",
    )


def test_a_rubric_whose_maxima_do_not_add_up(call, tree, cdvc_officer):
    base = ratings.default_rubric()
    body = {
        "unit_id": tree.cdvc.pk,
        "year": 2024,
        "total": "100",
        "bonus_max": "0",
        "items": [
            {"group": "A", "name": "Chăm lo", "max_points": "40"},
            {"group": "B", "name": "Xây dựng", "max_points": "50"},
        ],
    }
    with nothing_written(Rubric):
        answer = call(cdvc_officer, "POST", f"/emulation/rubrics/{base.pk}/adaptations", body)
    refused(answer, "total", "Tổng điểm tối đa: các tiêu chí cộng lại được 90 điểm, khác tổng điểm 100.")


def test_a_scoring_sheet_whose_maxima_do_not_add_up(call, tree, cdvc_officer):
    body = {
        "unit_id": tree.cdvc.pk,
        "name": "Bảng điểm 2024",
        "valid_from": "2024-01-01",
        "total": "100",
        "criteria": [{"name": "Chăm lo", "max_points": "40"}, {"name": "Xây dựng", "max_points": "40"}],
    }
    with nothing_written(ScoreSheet):
        answer = call(cdvc_officer, "POST", "/emulation/sheets", body)
    refused(
        answer, "criteria", "Tiêu chí: tổng điểm tối đa của các tiêu chí (80) khác tổng điểm của bảng (100)."
    )
