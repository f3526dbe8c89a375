"""Scoring sheets as dated data, scores within a criterion's bounds, ranking with ties (issue 11 §5)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.emulation import scoring
from congdoan.emulation.models import ScoreResult, ScoreSheet
from congdoan.organizations.tests.factories import make_unit

from .factories import block

pytestmark = pytest.mark.django_db
CRITERIA = [
    ("Công tác đại diện", "Chăm lo, bảo vệ đoàn viên", D(40)),
    ("Xây dựng tổ chức", "Phát triển đoàn viên", D(40)),
    ("Tài chính", "Thu, chi, kiểm tra", D(20)),
]


def sheet(
    unit, actor, on=dt.date(2021, 1, 1), criteria=CRITERIA, total=D(100), name="Bảng điểm thi đua khối"
):
    return scoring.sheet_create(
        actor=actor, unit=unit, name=name, valid_from=on, total=total, criteria=criteria
    )


def points(s, *values):
    return dict(zip([c.pk for c in s.criteria.all()], [D(str(v)) for v in values], strict=True))


@pytest.fixture
def khoi(tree, cdvc_officer):
    return block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)


def test_a_sheet_whose_maxima_do_not_add_up_is_refused(tree, cdvc_officer):
    with pytest.raises(ValidationError) as exc:
        sheet(tree.cdvc, cdvc_officer, criteria=CRITERIA[:2])
    assert exc.value.message_dict == {
        "criteria": ["Tiêu chí: tổng điểm tối đa của các tiêu chí (80) khác tổng điểm của bảng (100)."]
    }
    assert not ScoreSheet.objects.exists()


def test_a_new_sheet_closes_the_old_and_old_years_keep_theirs(tree, khoi, cdvc_officer):
    old = sheet(tree.cdvc, cdvc_officer)
    scoring.score_record(
        actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=points(old, 30, 35, 15)
    )
    new = sheet(
        tree.cdvc, cdvc_officer, on=dt.date(2023, 1, 1), criteria=[("", "Tổng hợp", D(50))], total=D(50)
    )
    old.refresh_from_db()
    assert old.valid_to == dt.date(2023, 1, 1)
    assert scoring.sheet_for(khoi, 2022) == old and scoring.sheet_for(khoi, 2023) == new
    assert ScoreResult.objects.get(year=2022).sheet == old


def test_scores_out_of_bounds_name_the_criterion(tree, khoi, cdvc_officer):
    s = sheet(tree.cdvc, cdvc_officer)
    first, second, third = (c.pk for c in s.criteria.all())
    with pytest.raises(ValidationError) as exc:
        scoring.score_record(
            actor=cdvc_officer,
            block=khoi,
            year=2022,
            unit=tree.a,
            points={first: D("40.5"), second: D(-1), third: None},
        )
    assert exc.value.message_dict == {
        f"criterion_{first}": ["Chăm lo, bảo vệ đoàn viên: 40,5 điểm nằm ngoài khoảng 0 đến 40."],
        f"criterion_{second}": ["Phát triển đoàn viên: -1 điểm nằm ngoài khoảng 0 đến 40."],
        f"criterion_{third}": ["Thu, chi, kiểm tra: hãy nhập điểm (từ 0 đến 20)."],
    }
    assert not ScoreResult.objects.exists()


def test_only_members_are_scored_and_adjusting_needs_a_note(tree, khoi, cdvc_officer):
    s = sheet(tree.cdvc, cdvc_officer)
    with pytest.raises(ValidationError) as exc:
        scoring.score_record(
            actor=cdvc_officer, block=khoi, year=2022, unit=tree.cdvc, points=points(s, 1, 1, 1)
        )
    assert exc.value.message_dict == {
        "unit": ["Đơn vị: Công đoàn Viên chức tỉnh A không phải thành viên của khối năm 2022."]
    }
    scoring.score_record(actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=points(s, 30, 30, 10))
    with pytest.raises(ValidationError) as exc:
        scoring.score_record(
            actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=points(s, 31, 30, 10)
        )
    assert exc.value.message_dict == {"note": ["Ghi chú: điều chỉnh điểm đã chấm cần ghi lý do."]}
    result = scoring.score_record(
        actor=cdvc_officer,
        block=khoi,
        year=2022,
        unit=tree.a,
        points=points(s, 31, 30, 10),
        note="Bổ sung minh chứng",
    )
    assert result.total == D(71) and result.lines.count() == 3


def test_no_sheet_for_the_year(tree, khoi, cdvc_officer):
    with pytest.raises(ValidationError) as exc:
        scoring.score_record(actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points={})
    assert exc.value.message_dict == {
        "year": ["Năm: Công đoàn Viên chức tỉnh A chưa có bảng điểm áp dụng cho năm 2022."]
    }


def test_ranking_shares_ranks_on_ties_in_one_query(tree, cdvc_officer, admin_user):
    units = [make_unit(f"R{i}", f"Công đoàn {chr(65 + i)}", tree.cdvc) for i in range(5)]
    khoi = block(tree.cdvc, units, actor=cdvc_officer)
    s = sheet(tree.cdvc, cdvc_officer)
    for unit, (a, b, c) in zip(
        units, [(30, 30, 10), (40, 40, 20), (30, 30, 10), (20, 20, 5), (39, 40, 20)], strict=True
    ):
        scoring.score_record(actor=cdvc_officer, block=khoi, year=2022, unit=unit, points=points(s, a, b, c))
    with CaptureQueriesContext(connection) as seen:
        rows = [(r.rank, r.unit_name, r.total) for r in scoring.ranking(khoi, 2022)]
    assert len(seen) == 1
    assert rows == [
        (1, "Công đoàn B", D(100)),
        (2, "Công đoàn E", D(99)),
        (3, "Công đoàn A", D(70)),
        (3, "Công đoàn C", D(70)),
        (5, "Công đoàn D", D(45)),
    ]
