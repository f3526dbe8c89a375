"""Pages and API of the scores' review: the unit self-scores and sends, the leader adjusts, the
ranking page and its Excel show bonus, penalty and the veto; out of scope 404, not the leader 403,
bad points 422 naming the criterion."""

import io
import zipfile

import pytest
from django.urls import reverse

from congdoan.emulation import scoring
from congdoan.emulation.models import ScoreResult

from .test_score_review import c_unit, officer_c, pts, setup  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_self_scoring_pages(as_, tree, officer_a, officer_b, officer_c, setup):  # noqa: F811
    khoi, sheet = setup
    criteria = list(sheet.criteria.all())
    url = reverse("emulation:score_self", args=[khoi.pk]) + "?year=2022"
    data = {
        "unit": tree.a.pk,
        **{f"criterion_{c.pk}": v for c, v in zip(criteria, ["45", "50", "", "3"], strict=True)},
    }
    response = as_(officer_a).post(url, data)
    assert response.status_code == 422
    assert response.context["form"].errors[f"criterion_{criteria[3].pk}"] == [
        "Nộp báo cáo chậm (điểm trừ): điểm trừ ghi số âm, từ -5 đến 0; 3 là số dương."
    ]
    data[f"criterion_{criteria[3].pk}"] = "-1"
    response = as_(officer_a).post(url, data)
    result = ScoreResult.objects.get(unit=tree.a)
    assert response.status_code == 302 and result.total == 94 and result.state == "draft"
    step = reverse("emulation:score_step", args=[result.pk])
    assert as_(officer_a).post(step, {"step": "submit"}).status_code == 302
    # Another member (not the leader that year) cannot open it; the leader adjusts it.
    assert as_(officer_c).get(reverse("emulation:score_result", args=[result.pk])).status_code == 404
    adjust = reverse("emulation:score_adjust", args=[result.pk])
    assert as_(officer_a).get(adjust).status_code == 403
    page = as_(officer_b).get(reverse("emulation:score_result", args=[result.pk])).content.decode()
    assert adjust in page and "Đồng ý điểm tự chấm" in page
    data = {f"criterion_{c.pk}": v for c, v in zip(criteria, ["40", "50", "0", "-1"], strict=True)}
    assert as_(officer_b).post(adjust, {**data, "reason": ""}).status_code == 422
    assert as_(officer_b).post(adjust, {**data, "reason": "Thiếu minh chứng"}).status_code == 302
    result.refresh_from_db()
    assert (result.state, result.review_total) == ("reviewed", 89)
    # The leader, a member itself, self-scores its own unit on the same page.
    assert (
        as_(officer_b).get(reverse("emulation:score_self", args=[khoi.pk]) + "?year=2022").status_code == 200
    )


def test_ranking_page_and_excel_show_bonus_penalty_and_veto(as_, tree, cdvc_officer, c_unit, setup):  # noqa: F811
    khoi, sheet = setup
    scoring.score_record(
        actor=cdvc_officer, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 50, 49, 5, None)
    )
    scoring.score_record(
        actor=cdvc_officer, block=khoi, year=2022, unit=tree.b, points=pts(sheet, 40, 50, 2, -1)
    )
    client = as_(cdvc_officer)
    page = client.get(reverse("emulation:block", args=[khoi.pk]) + "?year=2022").content.decode()
    assert "Không xếp hạng" in page and "Không có đoàn viên vi phạm pháp luật" in page and "-1" in page
    export = client.get(reverse("emulation:block_ranking_export", args=[khoi.pk]) + "?year=2022")
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        text = "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert (
        "Điểm thưởng" in text and "Không xếp hạng" in text and "Không có đoàn viên vi phạm pháp luật" in text
    )
    level = client.get(
        reverse("emulation:level_ranking", args=[tree.cdvc.pk]) + "?year=2022"
    ).content.decode()
    assert "Không xếp hạng" in level


def test_review_api(call, tree, officer_a, officer_b, officer_c, setup):  # noqa: F811
    khoi, sheet = setup
    criteria = list(sheet.criteria.all())
    body = {
        "year": 2022,
        "unit_id": tree.a.pk,
        "points": [
            {"criterion_id": c.pk, "points": v} for c, v in zip(criteria, ["45", "50", "7", "0"], strict=True)
        ],
    }
    answer = call(officer_a, "POST", f"/emulation/blocks/{khoi.pk}/self-scores", body)
    assert answer.status_code == 422 and f"criterion_{criteria[2].pk}" in answer.content.decode()
    body["points"][2]["points"] = "5"
    answer = call(officer_a, "POST", f"/emulation/blocks/{khoi.pk}/self-scores", body)
    assert answer.status_code == 201, answer.content
    result_id = answer.json()["id"]
    assert answer.json()["bonus"] == 5 and answer.json()["state"] == "draft"
    assert call(officer_c, "GET", f"/emulation/scores/{result_id}").status_code == 404
    assert (
        call(officer_a, "POST", f"/emulation/scores/{result_id}/steps", {"step": "submit"}).status_code == 200
    )
    review = {"points": body["points"], "reason": "Đúng"}
    assert call(officer_a, "POST", f"/emulation/scores/{result_id}/review", review).status_code == 403
    answer = call(officer_b, "POST", f"/emulation/scores/{result_id}/review", review)
    assert answer.status_code == 200 and answer.json()["state"] == "reviewed"
    assert answer.json()["lines"][2]["review_points"] == 5


def test_the_self_scoring_button_shows_exactly_when_the_page_opens(as_, tree, officer_a, cdvc_officer):
    """A joins the block in 2023: its officer sees the block every year, but self-scores (button and
    page) only for 2023; the block's 2022 page offers no button that would answer 403."""
    import datetime as dt

    from congdoan.emulation import services

    from .factories import block

    khoi = block(tree.cdvc, [tree.b], actor=cdvc_officer)
    services.block_member_add(actor=cdvc_officer, block=khoi, unit=tree.a, valid_from=dt.date(2023, 1, 1))
    self_url = reverse("emulation:score_self", args=[khoi.pk])
    client = as_(officer_a)
    for year, status in ((2022, 403), (2023, 200)):
        page = client.get(reverse("emulation:block", args=[khoi.pk]) + f"?year={year}")
        assert page.status_code == 200
        shown = f"{self_url}?year={year}" in page.content.decode()
        assert client.get(f"{self_url}?year={year}").status_code == status
        assert shown is (status == 200), year
