"""The rating pages: a CĐCS's rating with its rubric filled in, the self-assessment and decision
forms (errors answer 422 naming the item), the superior union's summary in constant queries, and
its Excel file opened and searched."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from congdoan.emulation import rating as ratings
from congdoan.emulation.models import Rating
from congdoan.organizations.tests.factories import make_unit

from .helpers import queries_of
from .test_ratings import sent

pytestmark = pytest.mark.django_db


def test_the_rating_page_shows_the_rubric_filled_in_and_the_items_from_the_records(tree, officer_a, as_):
    obj = ratings.rating_start(actor=officer_a, unit=tree.a, year=2023)
    body = as_(officer_a).get(reverse("emulation:rating", args=[obj.pk])).content.decode()
    assert "I. Đại diện, bảo vệ, chăm lo lợi ích của đoàn viên, người lao động" in body
    assert "Phát triển đoàn viên" in body and "lấy từ dữ liệu" in body
    assert "Tự chấm điểm" in body


def test_self_assessment_form_names_the_bad_item_with_422(tree, officer_a, as_):
    obj = ratings.rating_start(actor=officer_a, unit=tree.a, year=2023)
    line = obj.lines.select_related("item").filter(auto=False).first()
    data = {f"item_{x.item_id}": "3" for x in obj.lines.filter(auto=False)}
    data[f"item_{line.item_id}"] = "15"
    response = as_(officer_a).post(reverse("emulation:rating_assess", args=[obj.pk]), data)
    assert response.status_code == 422
    assert "15 điểm nằm ngoài khoảng 0 đến 10" in response.content.decode()
    data[f"item_{line.item_id}"] = "9,5"
    response = as_(officer_a).post(reverse("emulation:rating_assess", args=[obj.pk]), data)
    assert response.status_code == 302
    assert Rating.objects.get(pk=obj.pk).self_total > 0


def test_the_superior_decides_on_its_page(tree, officer_a, cdvc_officer, as_):
    obj = sent(tree.a, officer_a)
    client = as_(cdvc_officer)
    page = client.get(reverse("emulation:rating", args=[obj.pk])).content.decode()
    assert "Quyết định xếp loại" in page
    data = {f"item_{x.item_id}": str(x.self_points) for x in obj.lines.all()}
    data["reviewer"] = str(tree.cdvc.pk)
    response = client.post(reverse("emulation:rating_decide", args=[obj.pk]), data)
    assert response.status_code == 302
    assert Rating.objects.get(pk=obj.pk).grade.name == "Hoàn thành xuất sắc nhiệm vụ"


def test_a_decision_on_a_page_by_another_unit_is_422_naming_the_reviewer(tree, officer_a, cdvc_officer, as_):
    obj = sent(tree.a, officer_a)
    data = {f"item_{x.item_id}": str(x.self_points) for x in obj.lines.all()}
    data["reviewer"] = str(tree.b.pk)  # in the officer's reach, not the directly-superior union
    response = as_(cdvc_officer).post(reverse("emulation:rating_decide", args=[obj.pk]), data)
    assert response.status_code == 422
    assert "không phải công đoàn cấp trên trực tiếp" in response.content.decode()


def test_a_decision_page_takes_the_day_and_the_flag_and_names_a_bad_day(tree, officer_a, cdvc_officer, as_):
    obj = sent(tree.a, officer_a, on=dt.date(2023, 12, 1))
    data = {f"item_{x.item_id}": str(x.self_points) for x in obj.lines.all()}
    data.update(reviewer=str(tree.cdvc.pk), decided_on="30/11/2023", discipline_case="1")
    client = as_(cdvc_officer)
    response = client.post(reverse("emulation:rating_decide", args=[obj.pk]), data)
    assert response.status_code == 422
    assert "Ngày quyết định xếp loại: 30/11/2023 phải từ ngày 01/12/2023" in response.content.decode()
    assert Rating.objects.get(pk=obj.pk).state == Rating.State.SUBMITTED
    data["decided_on"] = "15/12/2023"
    assert client.post(reverse("emulation:rating_decide", args=[obj.pk]), data).status_code == 302
    page = client.get(reverse("emulation:rating", args=[obj.pk])).content.decode()
    assert "15/12/2023" in page and "Công đoàn cấp trên xác định" in page
    obj.refresh_from_db()
    assert obj.discipline_case and not obj.grade.top


def _grassroots(parent, n: int):
    return [make_unit(f"S{parent.pk}-{i}", f"Công đoàn trường {i:03d}", parent) for i in range(n)]


def test_the_summary_stays_constant_in_queries(tree, cdvc_officer, as_):
    client = as_(cdvc_officer)
    url = reverse("emulation:rating_summary") + f"?unit={tree.cdvc.pk}&year=2023"
    few = queries_of(lambda: client.get(url))
    units = _grassroots(tree.cdvc, 12)
    for unit in units[:6]:
        obj = ratings.rating_start(actor=cdvc_officer, unit=unit, year=2023)
        ratings.rating_step(actor=cdvc_officer, rating=obj, step="submit")
        ratings.rating_decide(actor=cdvc_officer, rating=obj)
    many = queries_of(lambda: client.get(url))
    assert many == few
    body = client.get(url).content.decode()
    assert "6 trên 14 công đoàn cơ sở đã được xếp loại." in body


def test_the_summary_excel_lists_the_units_and_grade_counts(tree, officer_a, cdvc_officer, as_):
    ratings.rating_decide(actor=cdvc_officer, rating=sent(tree.a, officer_a))
    response = as_(cdvc_officer).get(
        reverse("emulation:rating_summary_export") + f"?unit={tree.cdvc.pk}&year=2023"
    )
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert "Công đoàn Sở Y tế" in text and "Công đoàn Sở Giáo dục và Đào tạo" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text and "Chưa đánh giá" in text


def _cells(body: bytes) -> dict[str, tuple[str | None, str]]:
    """The first sheet's cells of an .xlsx: reference -> (type attribute, value)."""
    import re

    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    cells = re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*)>(?:<v>([^<]*)</v>)?', xml)
    return {ref: ((re.search(r't="(\w+)"', attrs) or [None, None])[1], value) for ref, attrs, value in cells}


def test_the_excel_points_are_numbers_excel_sums(tree, officer_a, officer_b, cdvc_officer, as_):
    """Points in the exports are numeric cells (no t="s"): an officer sums and sorts them."""
    from .factories import scope_objects

    ratings.rating_decide(actor=cdvc_officer, rating=sent(tree.a, officer_a))
    summary = as_(cdvc_officer).get(
        reverse("emulation:rating_summary_export") + f"?unit={tree.cdvc.pk}&year=2023"
    )
    cells = _cells(summary.content)
    # One rated CĐCS of two: its self-assessed and decided points, as numbers.
    points = sorted(v for ref, v in cells.items() if ref[0] in "DE" and ref[1:] not in ("1", "2"))
    assert points == [(None, "90"), (None, "90")]  # 95 typed, growth item 0 (no member joined)
    ids = scope_objects(tree, officer_b)
    ranking = as_(officer_b).get(
        reverse("emulation:block_ranking_export", args=[ids["block_id"]]) + "?year=2022"
    )
    assert _cells(ranking.content)["C3"] == (None, "9")


def test_a_cdcs_officer_sees_only_its_own_summary(tree, officer_a, officer_b, as_):
    sent(tree.b, officer_b)
    response = as_(officer_a).get(reverse("emulation:rating_summary") + f"?unit={tree.cdvc.pk}&year=2023")
    assert response.status_code == 422  # the superior union is not in the picker's reach
    body = as_(officer_a).get(reverse("emulation:rating_summary") + "?year=2023").content.decode()
    assert "Công đoàn Sở Giáo dục và Đào tạo" not in body and "Công đoàn Sở Y tế" in body


def test_the_block_ranking_excel(tree, officer_a, as_):
    from .factories import scope_objects

    ids = scope_objects(tree, officer_a)
    response = as_(officer_a).get(
        reverse("emulation:block_ranking_export", args=[ids["block_id"]]) + "?year=2022"
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert "Tổ công đoàn 1" in text and "Xếp hạng" in text
    assert ">9<" in text  # the factory scored the sub-unit 9 points


def test_the_rating_list_stays_constant_in_queries(tree, cdvc_officer, as_):
    client = as_(cdvc_officer)
    url = reverse("emulation:ratings") + "?year=2023"
    ratings.rating_start(actor=cdvc_officer, unit=tree.a, year=2023)
    few = queries_of(lambda: client.get(url))
    for unit in _grassroots(tree.cdvc, 8):
        ratings.rating_start(actor=cdvc_officer, unit=unit, year=2023)
    assert queries_of(lambda: client.get(url)) == few
