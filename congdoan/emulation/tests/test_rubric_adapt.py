"""A superior union copies a rubric for a year and adapts it (issue 11 §6): the page and the API,
their scope (out of reach: 404; in reach without the right: 403), the sum check (422, the field
named, nothing written) and the audit row naming the base."""

from decimal import Decimal

import pytest

from congdoan.core.models import AuditEntry
from congdoan.emulation import rating as ratings
from congdoan.emulation.models import Rubric

pytestmark = pytest.mark.django_db
D = Decimal


def _page_data(base, unit, year=2024, **overrides) -> dict:
    """The adapt form as it comes filled in from ``base``, for ``unit`` and ``year``."""
    data = {"unit": str(unit.pk), "year": str(year), "name": f"{base.name} {year}"}
    data["total"] = str(base.total)
    data["bonus_max"] = str(base.bonus_max)
    data["conditions"] = list(base.conditions)
    for n, item in enumerate(base.items.all(), 1):
        data[f"item_{n}_group"] = item.group
        data[f"item_{n}_name"] = item.name
        data[f"item_{n}_max"] = str(item.max_points).replace(".", ",")
        if item.bonus:
            data[f"item_{n}_bonus"] = "on"
    data.update(overrides)
    return data


def _url(rubric) -> str:
    return f"/thi-dua/xep-loai/bang-tieu-chi/{rubric.pk}/dieu-chinh/"


def test_the_page_copies_the_default_with_a_criterion_changed_and_one_added(
    client, tree, cdvc_officer, officer_a
):
    base = ratings.default_rubric()
    client.force_login(cdvc_officer)
    page = client.get(_url(base))
    assert page.status_code == 200
    assert "Phát triển đoàn viên" in page.content.decode()
    # The first criterion 10 → 5, and a new one of 5 points: the total stays 95.
    data = _page_data(
        base,
        tree.cdvc,
        item_1_max="5",
        item_13_group="II. Xây dựng",
        item_13_name="Chuyển đổi số",
        item_13_max="5",
    )
    response = client.post(_url(base), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Rubric.objects.get(unit=tree.cdvc, year=2024)
    items = list(new.items.all())
    assert (new.version, new.total, new.bonus_max, len(items)) == (1, D(95), D(5), 13)
    assert items[0].max_points == D(5) and items[0].source == "meetings.conference"
    assert items[-1].name == "Chuyển đổi số"
    entry = AuditEntry.objects.get(action="rubric.adapt")
    assert entry.after["based_on"] == base.pk
    assert ratings.rubric_for(tree.a.pk, 2024) == new
    assert client.get(f"/thi-dua/xep-loai/bang-tieu-chi/{new.pk}/").status_code == 200


def test_maxima_that_do_not_add_up_are_refused_on_the_page_naming_the_field_and_nothing_is_written(
    client, tree, cdvc_officer
):
    base = ratings.default_rubric()
    client.force_login(cdvc_officer)
    response = client.post(_url(base), _page_data(base, tree.cdvc, item_1_max="15"))
    assert response.status_code == 422
    body = response.content.decode()
    assert "Tổng điểm tối đa: các tiêu chí cộng lại được 100 điểm, khác tổng điểm 95." in body
    bonus = client.post(_url(base), _page_data(base, tree.cdvc, bonus_max="10"))
    assert bonus.status_code == 422
    assert (
        "Điểm thưởng tối đa: các tiêu chí điểm thưởng cộng lại được 5 điểm, khác 10."
        in bonus.content.decode()
    )
    unreadable = client.post(_url(base), _page_data(base, tree.cdvc, item_2_max="mười"))
    assert unreadable.status_code == 422
    assert "Tiêu chí 2 (Chăm lo việc làm" in unreadable.content.decode()
    assert "&#x27;mười&#x27; phải là số lớn hơn 0" in unreadable.content.decode()
    nameless = client.post(_url(base), _page_data(base, tree.cdvc, item_13_max="5"))
    assert nameless.status_code == 422
    assert "Tiêu chí 13: hãy nhập tên tiêu chí" in nameless.content.decode()
    assert not Rubric.objects.filter(unit=tree.cdvc).exists()
    assert not AuditEntry.objects.filter(action__in=("rubric.adapt", "rubric.create")).exists()


def test_the_page_out_of_reach_is_404_and_without_the_right_403(client, tree, officer_a, officer_b, viewer_a):
    theirs = ratings.rubric_adapt(actor=officer_b, unit=tree.b, year=2024)
    client.force_login(officer_a)
    assert client.get(_url(theirs)).status_code == 404
    assert client.post(_url(theirs), _page_data(theirs, tree.a)).status_code == 404
    # A unit out of reach in the form is not offered: refused as a field, nothing written.
    base = ratings.default_rubric()
    assert client.post(_url(base), _page_data(base, tree.b)).status_code == 422
    client.force_login(viewer_a)
    assert client.get(_url(base)).status_code == 403
    assert client.post(_url(base), _page_data(base, tree.a)).status_code == 403
    assert Rubric.objects.filter(unit__isnull=False).count() == 1


def test_the_api_adapts_a_rubric_and_refuses_bad_sums(tree, cdvc_officer, call):
    base = ratings.default_rubric()
    path = f"/emulation/rubrics/{base.pk}/adaptations"
    items = [
        {"group": "I", "name": "Chăm lo đoàn viên", "max_points": "60", "bonus": False},
        {"group": "II", "name": "Xây dựng tổ chức", "max_points": "40"},
        {"group": "III", "name": "Sáng kiến", "max_points": 5, "bonus": True},
    ]
    bad = call(
        cdvc_officer, "POST", path, {"unit_id": tree.cdvc.pk, "year": 2024, "total": 90, "items": items}
    )
    assert bad.status_code == 422
    assert bad.json()["errors"]["total"] == [
        "Tổng điểm tối đa: các tiêu chí cộng lại được 100 điểm, khác tổng điểm 90."
    ]
    negative = [{**items[0], "max_points": "-1"}]
    assert (
        call(
            cdvc_officer, "POST", path, {"unit_id": tree.cdvc.pk, "year": 2024, "items": negative}
        ).status_code
        == 422
    )
    assert not Rubric.objects.filter(unit=tree.cdvc).exists()
    assert not AuditEntry.objects.filter(action="rubric.adapt").exists()
    made = call(
        cdvc_officer,
        "POST",
        path,
        {"unit_id": tree.cdvc.pk, "year": 2024, "total": 100, "items": items, "conditions": ["discipline"]},
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["unit_id"], body["year"], body["version"], body["total"]) == (tree.cdvc.pk, 2024, 1, 100)
    assert body["conditions"] == ["discipline"] and [i["max_points"] for i in body["items"]] == [60, 40, 5]
    assert body["name"] == base.name
    assert call(cdvc_officer, "GET", f"/emulation/rubrics/{body['id']}").json()["id"] == body["id"]
    assert AuditEntry.objects.filter(action="rubric.adapt").count() == 1


def test_the_api_out_of_reach_is_404_and_without_the_right_403(tree, officer_a, officer_b, viewer_a, call):
    theirs = ratings.rubric_adapt(actor=officer_b, unit=tree.b, year=2024)
    base = ratings.default_rubric()
    assert call(officer_a, "GET", f"/emulation/rubrics/{theirs.pk}").status_code == 404
    body = {"unit_id": tree.a.pk, "year": 2024}
    assert call(officer_a, "POST", f"/emulation/rubrics/{theirs.pk}/adaptations", body).status_code == 404
    other_unit = {"unit_id": tree.b.pk, "year": 2024}
    assert call(officer_a, "POST", f"/emulation/rubrics/{base.pk}/adaptations", other_unit).status_code == 404
    assert call(viewer_a, "POST", f"/emulation/rubrics/{base.pk}/adaptations", body).status_code == 403
    assert Rubric.objects.filter(unit__isnull=False).count() == 1
