"""Pages and API of scoring: the scoring form names the criterion, the ranking on the block page
and through the API in a constant number of queries, sheets listed and created."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from congdoan.emulation import scoring
from congdoan.emulation.models import ScoreResult
from congdoan.organizations.tests.factories import make_unit

from .factories import block
from .helpers import queries_of
from .test_scoring import points, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(tree, cdvc_officer):
    khoi = block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)
    s = sheet(tree.cdvc, cdvc_officer)
    scoring.score_record(actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=points(s, 30, 30, 10))
    return khoi, s


def test_scoring_form_names_the_criterion(client, tree, cdvc_officer, scored):
    khoi, s = scored
    first = s.criteria.first()
    client.force_login(cdvc_officer)
    url = reverse("emulation:block_score", args=[khoi.pk]) + "?year=2022"
    data = {"unit": tree.b.pk, f"criterion_{first.pk}": "41", "note": ""}
    data.update({f"criterion_{c.pk}": "5" for c in s.criteria.all()[1:]})
    response = client.post(url, data)
    assert response.status_code == 422
    assert response.context["form"].errors[f"criterion_{first.pk}"] == [
        "Chăm lo, bảo vệ đoàn viên: 41 điểm nằm ngoài khoảng 0 đến 40."
    ]
    data[f"criterion_{first.pk}"] = "39,5"
    assert client.post(url, data).status_code == 302
    assert ScoreResult.objects.get(unit=tree.b).total == D("49.5")


def test_block_ranking_keeps_its_query_count(client, tree, cdvc_officer, scored):
    khoi, s = scored
    client.force_login(cdvc_officer)
    url = reverse("emulation:block", args=[khoi.pk]) + "?year=2022"
    small = queries_of(lambda: client.get(url))
    for i in range(5):
        unit = make_unit(f"S{i}", f"Công đoàn cơ sở {i}", tree.cdvc)
        from congdoan.emulation import services

        services.block_member_add(actor=cdvc_officer, block=khoi, unit=unit, valid_from=dt.date(2021, 1, 1))
        scoring.score_record(
            actor=cdvc_officer, block=khoi, year=2022, unit=unit, points=points(s, 30, 30, 10)
        )
    assert queries_of(lambda: client.get(url)) == small
    assert [r.rank for r in client.get(url).context["ranking"]] == [1] * 6


def test_sheet_form_names_the_line(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    data = {
        "unit": tree.cdvc.pk,
        "name": "Bảng điểm 2024",
        "valid_from": "01/01/2024",
        "total": "100",
        "criteria": "Đại diện | Chăm lo | 40\nTổ chức | Phát triển đoàn viên | bốn mươi",
    }
    response = client.post(reverse("emulation:sheet_create"), data)
    assert response.context["form"].errors["criteria"] == [
        "Tiêu chí, dòng 2: cần dạng 'nhóm | tiêu chí | điểm tối đa | loại' (điểm là số, ví dụ 10 hoặc 2,5; "
        "loại để trống, thưởng, trừ hoặc bắt buộc 8)."
    ]
    data["criteria"] = "Đại diện | Chăm lo | 40\nTổ chức | Phát triển đoàn viên | 40\nTài chính | 20"
    assert client.post(reverse("emulation:sheet_create"), data).status_code == 302
    assert client.get(reverse("emulation:sheets")).status_code == 200


def test_scoring_api(call, tree, cdvc_officer, officer_a, officer_b, scored):
    khoi, s = scored
    body = {
        "year": 2022,
        "unit_id": tree.b.pk,
        "points": [{"criterion_id": c.pk, "points": "35"} for c in s.criteria.all()],
    }
    answer = call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/scores", body)
    assert answer.status_code == 422
    third = s.criteria.all()[2]
    assert answer.json()["errors"] == {
        f"criterion_{third.pk}": ["Thu, chi, kiểm tra: 35 điểm nằm ngoài khoảng 0 đến 20."]
    }
    body["points"][2]["points"] = "20"
    answer = call(cdvc_officer, "POST", f"/emulation/blocks/{khoi.pk}/scores", body)
    assert answer.status_code == 201 and answer.json()["rank"] == 1
    ranking = call(officer_a, "GET", f"/emulation/blocks/{khoi.pk}/ranking?year=2022").json()
    assert ranking["count"] == 2 and [r["rank"] for r in ranking["items"]] == [1, 2]
    created = call(
        cdvc_officer,
        "POST",
        "/emulation/sheets",
        {
            "unit_id": tree.cdvc.pk,
            "name": "Bảng 2024",
            "valid_from": "2024-01-01",
            "total": "10",
            "criteria": [{"name": "A", "max_points": "2,5"}, {"name": "B", "max_points": "7"}],
        },
    )
    assert created.status_code == 422
    assert created.json()["errors"] == {
        "criteria": ["Tiêu chí: tổng điểm tối đa của các tiêu chí (9,5) khác tổng điểm của bảng (10)."]
    }
    assert (
        call(officer_b, "GET", f"/emulation/sheets/{s.pk}").status_code == 200
    )  # a level above: its rules apply
