import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.members.forms import JoinForm
from congdoan.organizations.fields import UnitPickerField
from congdoan.organizations.tests.factories import make_unit

URL = reverse("organizations:choices")
SO_GD = "Công đoàn Sở Giáo dục và Đào tạo"


def test_search_without_diacritics(client, cdvc_officer, tree):
    client.force_login(cdvc_officer)
    response = client.get(URL, {"q": "so y te", "perm": "members.manage"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Công đoàn Sở Y tế" in text and SO_GD not in text
    assert f'data-unit-pick="{tree.a.pk}"' in text


def test_a_sibling_officer_sees_only_their_reach(client, officer_a, tree):
    client.force_login(officer_a)
    text = client.get(URL, {"q": "cong doan", "perm": "members.manage"}).content.decode()
    assert "Công đoàn Sở Y tế" in text
    for other in (SO_GD, "Công đoàn Viên chức tỉnh A", "Liên đoàn Lao động tỉnh B"):
        assert other not in text


def test_the_api_route_keeps_the_reach(call, officer_a, cdvc_officer, tree):
    response = call(officer_a, "GET", "/units/choices?q=cong%20doan&perm=members.manage")
    assert response.status_code == 200
    assert [u["id"] for u in response.json()] == [tree.a.pk]
    rows = call(cdvc_officer, "GET", "/units/choices?q=so&perm=members.view&only=members.holding").json()
    assert [(u["name"], u["depth"]) for u in rows] == [("Công đoàn Sở Y tế", 3), (SO_GD, 3)]


@pytest.mark.parametrize(
    "params", [{"perm": "members.everything"}, {"perm": "members.view", "only": "nothing"}]
)
def test_unknown_permission_or_filter_is_404_even_for_a_superuser(client, call, admin_user, params):
    client.force_login(admin_user)
    assert client.get(URL, params).status_code == 404
    query = "&".join(f"{k}={v}" for k, v in params.items())
    assert call(admin_user, "GET", f"/units/choices?{query}").status_code == 404


def test_results_take_a_constant_number_of_queries(client, cdvc_officer, tree):
    client.force_login(cdvc_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"perm": "members.view"}).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(15):
        make_unit(f"A_{i}", f"Công đoàn bộ phận {i}", tree.a, kind="cd-bo-phan")
    assert queries() == few


def test_the_field_refuses_a_unit_out_of_reach(officer_a, tree):
    form = JoinForm({"unit": tree.b.pk, "on": "2024-01-01", "full_name": "X", "sex": "M"}, actor=officer_a)
    assert not form.is_valid()
    assert form.errors["unit"] == ["Đơn vị sinh hoạt: đơn vị đã chọn không có trong danh sách bạn được chọn."]
    field = UnitPickerField(perm="members.manage", actor=officer_a, label="Đơn vị")
    assert field.clean(str(tree.a.pk)) == tree.a
    with pytest.raises(Exception, match="không phải là mã số đơn vị"):
        field.clean("abc")


def test_the_widget_renders_the_chosen_unit_and_the_search_url(officer_a, tree):
    field = UnitPickerField(perm="members.manage", actor=officer_a, label="Đơn vị")
    html = field.widget.render("unit", tree.a.pk, {"id": "id_unit"})
    assert f'name="unit" value="{tree.a.pk}"' in html and 'value="Công đoàn Sở Y tế"' in html
    assert 'hx-get="/don-vi/chon/?perm=members.manage"' in html and 'id="id_unit_results"' in html
    # One unit out of reach is never named, even as the current value.
    assert "Giáo dục" not in field.widget.render("unit", tree.b.pk, {"id": "id_unit"})
