"""/api/v1/initiatives/: launching a programme with its rounds, giving targets and passing them down,
the targets and the round's progress as ``{"items", "count"}`` lists (a fixed number of queries);
404 out of reach, 403 without ``initiatives.manage``, 422 naming the field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.initiatives.models import Programme, Target

from . import factories as f

pytestmark = pytest.mark.django_db

BODY = {
    "name": "Sáng kiến vượt khó 2022",
    "starts_on": "2022-01-01",
    "ends_on": "2022-12-31",
    "rounds": [
        {"starts_on": "2022-07-01", "ends_on": "2022-12-31"},
        {"starts_on": "2022-01-01", "ends_on": "2022-06-30"},
    ],
    "goal": 10,
}


def test_a_programme_is_launched_with_its_rounds(call, tree, cdvc_officer):
    created = call(cdvc_officer, "POST", "/initiatives/programmes", {**BODY, "unit_id": tree.cdvc.pk})
    assert created.status_code == 201, created.content
    answer = created.json()
    assert answer["goal"] == 10 and answer["unit_id"] == tree.cdvc.pk
    assert [r["starts_on"] for r in answer["rounds"]] == ["2022-01-01", "2022-07-01"]
    assert call(cdvc_officer, "GET", "/initiatives/programmes").json()["count"] == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rounds": [{"starts_on": "2023-01-01", "ends_on": "2023-02-01"}]}, "rounds"),
        ({"ends_on": "2021-12-31"}, "ends_on"),
        ({"name": "  "}, "name"),
        ({"rounds": []}, "rounds"),
    ],
)
def test_a_bad_programme_is_refused_naming_the_field(call, tree, cdvc_officer, change, field):
    refused = call(
        cdvc_officer, "POST", "/initiatives/programmes", {**BODY, "unit_id": tree.cdvc.pk, **change}
    )
    assert refused.status_code == 422 and field in refused.json()["errors"], refused.content
    assert not Programme.objects.exists()


def test_launching_needs_reach_and_the_permission(call, tree, officer_a, viewer_a):
    assert (
        call(officer_a, "POST", "/initiatives/programmes", {**BODY, "unit_id": tree.b.pk}).status_code == 404
    )
    assert (
        call(viewer_a, "POST", "/initiatives/programmes", {**BODY, "unit_id": tree.a.pk}).status_code == 403
    )
    # A unit it sees but does not manage: the level above its own.
    answer = call(officer_a, "POST", "/initiatives/programmes", {**BODY, "unit_id": tree.cdvc.pk})
    assert answer.status_code in (403, 404)
    assert not Programme.objects.exists()


def _give(call, actor, round_, giver, unit, count, **extra):
    body = {"given_by_id": giver.pk, "unit_id": unit.pk, "count": count, **extra}
    return call(actor, "POST", f"/initiatives/rounds/{round_.pk}/targets", body)


def test_targets_are_passed_down_within_what_was_received(call, tree, admin_user, cdvc_officer):
    programme = f.programme(tree.prov, goal=100)
    round_ = programme.rounds.get(number=1)
    assert _give(call, admin_user, round_, tree.prov, tree.cdvc, 10).status_code == 201
    assert _give(call, cdvc_officer, round_, tree.cdvc, tree.a, 6).status_code == 201
    over = _give(call, cdvc_officer, round_, tree.cdvc, tree.b, 5)
    assert over.status_code == 422 and "count" in over.json()["errors"]
    reason = _give(call, cdvc_officer, round_, tree.cdvc, tree.b, 5, over_allocated=True)
    assert reason.status_code == 422 and "over_reason" in reason.json()["errors"]
    said = _give(
        call, cdvc_officer, round_, tree.cdvc, tree.b, 5, over_allocated=True, over_reason="Đơn vị lớn"
    )
    assert said.status_code == 201 and said.json()["over_allocated"] is True
    not_below = _give(call, cdvc_officer, round_, tree.cdvc, tree.other, 1)
    assert not_below.status_code == 404  # a unit out of its reach
    listed = call(cdvc_officer, "GET", f"/initiatives/rounds/{round_.pk}/targets").json()
    assert listed["count"] == 3 and {t["unit_id"] for t in listed["items"]} == {
        tree.cdvc.pk,
        tree.a.pk,
        tree.b.pk,
    }
    assert Target.objects.count() == 3


def test_the_target_list_is_404_for_a_round_out_of_reach(call, tree, officer_a, officer_b):
    theirs = f.programme(tree.b, actor=officer_b).rounds.get(number=1)
    assert call(officer_a, "GET", f"/initiatives/rounds/{theirs.pk}/targets").status_code == 404


def _count(call, actor, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert call(actor, "GET", path).status_code == 200
    return len(ctx.captured_queries)


def test_progress_and_targets_are_paged_lists_in_a_fixed_number_of_queries(
    call, tree, admin_user, cdvc_officer
):
    programme = f.programme(tree.cdvc, goal=100)
    round_ = programme.rounds.get(number=1)
    _give(call, cdvc_officer, round_, tree.cdvc, tree.a, 4)
    progress = f"/initiatives/rounds/{round_.pk}/progress?unit_id={tree.cdvc.pk}"
    targets = f"/initiatives/rounds/{round_.pk}/targets"
    page = call(cdvc_officer, "GET", progress + "&page=2&page_size=1").json()
    assert page["count"] == 3 and len(page["items"]) == 1  # CĐVC, CĐCS A, CĐCS B
    few = (_count(call, cdvc_officer, progress), _count(call, cdvc_officer, targets))
    from congdoan.organizations.tests.factories import make_unit

    for n in range(4):
        unit = make_unit(f"MORE{n}", f"Công đoàn cơ sở thêm {n}", tree.cdvc)
        _give(call, cdvc_officer, round_, tree.cdvc, unit, 1)
    f.register(tree.a, 3, round_=round_)
    assert (_count(call, cdvc_officer, progress), _count(call, cdvc_officer, targets)) == few
    assert call(cdvc_officer, "GET", progress).json()["count"] == 7


def test_the_targets_file_opens_and_holds_the_targets(
    client, call, tree, admin_user, cdvc_officer, officer_b
):
    import io
    import zipfile

    from django.urls import reverse

    round_ = f.programme(tree.prov, goal=100).rounds.get(number=1)
    _give(call, admin_user, round_, tree.prov, tree.cdvc, 10)
    _give(
        call,
        cdvc_officer,
        round_,
        tree.cdvc,
        tree.a,
        12,
        over_allocated=True,
        over_reason="Đơn vị đông người",
    )
    client.force_login(cdvc_officer)
    response = client.get(reverse("initiatives:targets_export", args=[round_.pk]))
    assert response.status_code == 200 and "chi-tieu-sang-kien-dot-1" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = "\n".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    for expected in (
        "Công đoàn Viên chức tỉnh A",
        "Công đoàn Sở Y tế",
        "Đơn vị đông người",
        "1 triệu sáng kiến",
    ):
        assert expected in text, expected
    theirs = f.programme(tree.other).rounds.get(number=1)
    client.force_login(officer_b)
    assert client.get(reverse("initiatives:targets_export", args=[theirs.pk])).status_code == 404
