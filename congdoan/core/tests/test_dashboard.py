"""The dashboard (issue 9): the registered figures of the actor's unit (or a unit chosen in scope),
the work waiting for the actor, and a query count that does not grow with the tree."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.core.models import Job
from congdoan.members import services
from congdoan.members.importing import CHECK_JOB
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record
from congdoan.organizations.models import RoleKind
from congdoan.organizations.tests.factories import grant, make_unit

D = dt.date


@pytest.fixture
def as_(client):
    """``as_(user)``: the test client, logged in as ``user``."""
    return lambda user: client.force_login(user) or client


def card_values(response, key: str) -> dict:
    (card,) = [c for c in response.context["cards"] if c["card"].key == key]
    return {figure.name: value for figure, value in card["values"]}


def todos(response) -> dict[str, tuple[int, str]]:
    return {str(item.label): (item.count, item.url) for item in response.context["todos"]}


def test_the_figures_of_the_actors_unit(as_, officer_a, admin_user, tree):
    join(tree.a, sex="F", on=D(2021, 1, 1))
    join(tree.a, sex="M", on=D(2021, 1, 1))
    join(tree.b, sex="F", on=D(2021, 1, 1))
    workforce_record(actor=admin_user, unit=tree.a, on=D(2024, 1, 1), total=3, women=2)
    response = as_(officer_a).get("/")
    assert response.context["scope"].unit_id == tree.a.pk
    assert card_values(response, "members") == {
        "members.total": 2,
        "members.female": 1,
        "workforce.total": 3,
        "members.rate_percent": 67,
        "members.joined": 0,
        "members.left": 0,
    }
    assert card_values(response, "organizations.unit") == {"units.grassroots": 1}
    html = response.content.decode()
    assert 'data-figure="members.rate_percent">67\u00a0%' in html and "Đoàn viên nữ" in html


def test_a_unit_chosen_within_scope_and_one_outside_it(as_, cdvc_officer, officer_a, tree):
    join(tree.a, sex="F", on=D(2021, 1, 1))
    join(tree.b, sex="F", on=D(2021, 1, 1))
    join(tree.b, sex="F", on=D(2021, 1, 1))
    response = as_(cdvc_officer).get("/", {"unit": tree.b.pk})
    assert response.context["scope"].unit_id == tree.b.pk
    assert card_values(response, "members")["members.total"] == 2
    assert 'data-testid="dashboard-scope"' in response.content.decode()  # the picker to choose another
    response = as_(officer_a).get("/", {"unit": tree.b.pk})  # a sibling: not offered, not shown
    assert response.context["scope"].unit_id == tree.a.pk
    assert card_values(response, "members")["members.total"] == 1


def test_a_year_reads_its_own_figures(as_, cdvc_officer, admin_user, tree):
    person = join(tree.a, sex="F", on=D(2022, 3, 1))
    services.member_leave(actor=admin_user, person=person, on=D(2023, 5, 1))
    response = as_(cdvc_officer).get("/", {"ky": "2022"})
    scope = response.context["scope"]
    assert (scope.period.start, scope.as_of) == (D(2022, 1, 1), D(2022, 12, 31))
    values = card_values(response, "members")
    assert (values["members.total"], values["members.joined"], values["members.left"]) == (1, 1, 0)
    values = card_values(as_(cdvc_officer).get("/", {"ky": "2023"}), "members")
    assert (values["members.total"], values["members.joined"], values["members.left"]) == (0, 0, 1)
    assert "Năm 2023" in as_(cdvc_officer).get("/", {"ky": "2023"}).content.decode()


def test_bad_scope_input_falls_back_to_the_defaults(as_, officer_a, tree):
    response = as_(officer_a).get("/", {"unit": "x", "ky": "hai", "as_of": "31/02/2024"})
    assert response.status_code == 200
    assert response.context["scope"].unit_id == tree.a.pk


def test_waiting_transfers_and_checked_imports_are_the_work_to_do(as_, officer_a, officer_b, tree):
    person = join(tree.a, sex="F", on=D(2021, 1, 1))
    services.member_transfer(actor=officer_a, person=person, to_unit=tree.b, on=D(2024, 2, 1))
    response = as_(officer_b).get("/")
    assert todos(response)["Đề nghị chuyển sinh hoạt đến chờ tiếp nhận"] == (
        1,
        "/doan-vien/chuyen-sinh-hoat/",
    )
    html = response.content.decode()
    assert 'data-testid="todos"' in html and 'href="/doan-vien/chuyen-sinh-hoat/"' in html

    def check(**result):
        return Job.objects.create(
            user=officer_b,
            kind=CHECK_JOB,
            label="Kiểm tra",
            state=Job.State.SUCCEEDED,
            result={"error_rows": 0, "create": 0, "update": 0, **result},
        )

    passed = check(create=2)
    check(error_rows=1, create=1)  # errors: nothing to write
    check()  # nothing new or changed
    Job.objects.create(user=officer_a, kind=CHECK_JOB, label="x", state="succeeded", result={"create": 1})
    waiting = todos(as_(officer_b).get("/"))["Tệp nhập đã kiểm tra, chưa ghi vào sổ"]
    assert waiting == (1, f"/cong-viec/{passed.pk}/")
    second = check(update=3)
    assert todos(as_(officer_b).get("/"))["Tệp nhập đã kiểm tra, chưa ghi vào sổ"] == (
        2,
        "/doan-vien/nhap-xuat/",
    )
    for job in (passed, second):
        job.follow_up = Job.objects.create(user=officer_b, kind="members.import.write", label="Ghi")
        job.save()
    assert "Tệp nhập đã kiểm tra, chưa ghi vào sổ" not in todos(as_(officer_b).get("/"))


def test_a_read_only_officer_has_no_imports_to_write(as_, viewer_a, tree):
    Job.objects.create(user=viewer_a, kind=CHECK_JOB, label="x", state="succeeded", result={"create": 1})
    assert "Tệp nhập đã kiểm tra, chưa ghi vào sổ" not in todos(as_(viewer_a).get("/"))


def test_the_transfers_page_is_in_the_sidebar(as_, officer_a):
    assert 'href="/doan-vien/chuyen-sinh-hoat/"' in as_(officer_a).get("/").content.decode().split("<main")[0]


def test_the_dashboard_query_count_does_not_grow(as_, cdvc_officer, officer_a, admin_user, tree):
    def queries() -> int:
        client = as_(cdvc_officer)
        client.get("/")  # the session and the actor's authority are read once
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    join(tree.a, sex="F", on=D(2021, 1, 1))
    first = queries()
    for i in range(5):
        unit = make_unit(f"CDVC_X{i}", f"Công đoàn Sở {i}", tree.cdvc)
        for _ in range(3):
            person = join(unit, sex="M", on=D(2022, 1, 1))
        workforce_record(actor=admin_user, unit=unit, on=D(2024, 1, 1), total=4, women=1)
        services.member_transfer(actor=admin_user, person=person, to_unit=tree.a, on=D(2024, 1, 1))
        Job.objects.create(
            user=cdvc_officer, kind=CHECK_JOB, label="x", state="succeeded", result={"create": 1}
        )
    assert queries() == first


def test_figures_the_actor_may_not_read_on_the_unit_are_left_out(as_, officer_a, tree):
    """An officer who reads members in A and only the tree of B: on B's dashboard, the unit card
    without the members card (its figures would be a 404 for them)."""
    RoleKind.objects.create(code="chi-xem-don-vi", name="Chỉ xem đơn vị", permissions=["units.view"])
    grant(officer_a, tree.b, "chi-xem-don-vi")
    join(tree.b, sex="F", on=D(2021, 1, 1))
    response = as_(officer_a).get("/", {"unit": tree.b.pk})
    assert response.context["scope"].unit_id == tree.b.pk
    # The cards with figures: only the unit's (link cards such as the reports' carry no figure).
    assert [c["card"].key for c in response.context["cards"] if c["card"].names] == ["organizations.unit"]
    assert card_values(response, "organizations.unit") == {"units.grassroots": 1}
    assert {"organizations.unit", "members", "emulation", "meetings"} <= {
        c["card"].key for c in as_(officer_a).get("/").context["cards"]
    }
