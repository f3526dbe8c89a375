"""A personal-data export is its own permission (members.export_personal), and a download re-checks
it: the read-only office role exports no ID number or phone, even where it may read them on screen,
and a personal-data file is no longer downloadable once the role that allowed it has ended."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from congdoan.core.dates import today
from congdoan.core.models import Job
from congdoan.members import exporting
from congdoan.members.importing import SHEET
from congdoan.members.permissions import export_personal_reach, may_export_personal
from congdoan.members.selectors import MemberFilters
from congdoan.members.tests.test_exporting import people  # noqa: F401 - the fixture
from congdoan.members.tests.test_io_views import as_, job_of, media  # noqa: F401 - fixtures
from congdoan.organizations.models import RoleAssignment, RoleKind
from congdoan.organizations.tests.factories import D2020, UserFactory, grant


def cells_of(actor) -> list[list]:
    out = io.BytesIO()
    exporting.write_members_xlsx(out, actor=actor, filters=MemberFilters())
    out.seek(0)
    return CalamineWorkbook.from_filelike(out).get_sheet_by_name(SHEET).to_python()


def test_default_grants(db):
    """Granted to the roles that manage members (data migration 0007), not to the read-only role."""
    granted = {
        code
        for code, perms in RoleKind.objects.values_list("code", "permissions")
        if "members.export_personal" in perms
    }
    assert granted == {"chu-tich", "pho-chu-tich", "can-bo-chuyen-trach"}


def test_the_office_role_exports_no_personal_data(tree, people):  # noqa: F811
    """The example: the demo user vanphong (can-bo-van-phong) could export ID numbers and phones."""
    vanphong = UserFactory(username="vanphong", home_unit=tree.a)
    grant(vanphong, tree.a, "can-bo-van-phong")
    cells = cells_of(vanphong)
    assert "Số CCCD (12 số)" not in cells[0] and "Điện thoại" not in cells[0]
    assert not any("0912345678" in row or "001190000001" in row for row in cells)


def test_reading_personal_data_on_screen_is_not_exporting_it(tree, people):  # noqa: F811
    """An office role given members.view_personal (to answer the phone) still exports none."""
    clerk = UserFactory(username="clerk", home_unit=tree.a)
    role = RoleKind.objects.create(
        code="van-phong-xem", name="Văn phòng", permissions=["members.view", "members.view_personal"]
    )
    RoleAssignment.objects.create(user=clerk, role=role, unit=tree.a, valid_from=D2020)
    assert not may_export_personal(clerk)
    assert not any("0912345678" in row for row in cells_of(clerk))


def test_export_reach_is_where_both_permissions_reach(tree, people):  # noqa: F811
    """View-personal over the whole CĐVC, export over CĐCS A only: A's phones, not B's."""
    officer = UserFactory(username="both", home_unit=tree.cdvc)
    wide = RoleKind.objects.create(
        code="xem-rong", name="Xem", permissions=["members.view", "members.view_personal"]
    )
    narrow = RoleKind.objects.create(code="xuat-a", name="Xuất", permissions=["members.export_personal"])
    RoleAssignment.objects.create(user=officer, role=wide, unit=tree.cdvc, valid_from=D2020)
    RoleAssignment.objects.create(user=officer, role=narrow, unit=tree.a, valid_from=D2020)
    reach = export_personal_reach(officer)
    assert reach.covers(tree.a.version_on(today()).path)
    assert not reach.covers(tree.b.version_on(today()).path)


def test_a_personal_export_is_not_downloadable_after_the_role_ended(as_, officer_a, tree, people):  # noqa: F811
    """The example: the file stayed downloadable after the role that allowed it ended."""
    client = as_(officer_a)
    job = job_of(client.post(reverse("members:export"), {"descendants": "on"}))
    assert job.state == Job.State.SUCCEEDED and job.result["personal"]
    url = reverse("jobs:download", args=[job.pk])
    assert client.get(url).status_code == 200
    RoleAssignment.objects.filter(user=officer_a).update(valid_to=today())
    response = client.get(url)
    assert response.status_code == 403


def test_a_personal_export_needs_the_reach_it_was_written_with(as_, cdvc_officer, tree, people):  # noqa: F811
    """Moved from the CĐVC to CĐCS A: the CĐVC-wide file is no longer theirs."""
    client = as_(cdvc_officer)
    job = job_of(client.post(reverse("members:export"), {"descendants": "on"}))
    url = reverse("jobs:download", args=[job.pk])
    assert client.get(url).status_code == 200
    RoleAssignment.objects.filter(user=cdvc_officer).update(valid_to=today())
    grant(cdvc_officer, tree.a, "chu-tich", on=today())
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role_ended", [False, True])
def test_an_export_without_personal_data_needs_members_view_at_download(as_, viewer_a, people, role_ended):  # noqa: F811
    """Every download re-checks a permission (issue 8): a list of names and units too."""
    client = as_(viewer_a)
    job = job_of(client.post(reverse("members:export"), {"descendants": "on"}))
    assert not job.result["personal"]
    if role_ended:
        RoleAssignment.objects.filter(user=viewer_a).update(valid_to=today())
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == (403 if role_ended else 200)


@pytest.mark.parametrize("role_ended", [False, True])
def test_a_statistics_export_needs_members_view_of_its_unit_at_download(
    as_,  # noqa: F811
    officer_a,
    tree,
    people,  # noqa: F811
    role_ended,
):
    """The statistics file had no rule: it stayed downloadable after the role ended."""
    client = as_(officer_a)
    job = job_of(client.post(reverse("members:export_stats"), {"unit": tree.a.pk, "on": "2024-06-30"}))
    assert job.state == Job.State.SUCCEEDED and job.result_file
    if role_ended:
        RoleAssignment.objects.filter(user=officer_a).update(valid_to=today())
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == (403 if role_ended else 200)


@pytest.mark.parametrize("still_manages", [True, False])
def test_an_import_report_needs_members_manage_at_download(as_, officer_a, tree, tmp_path, still_manages):  # noqa: F811
    from congdoan.members.tests.test_importing import member, write_xlsx
    from congdoan.members.tests.test_io_views import upload

    client = as_(officer_a)
    check = job_of(upload(client, write_xlsx(tmp_path / "x.xlsx", [member(1, sex="?")])))
    assert check.result_file
    if not still_manages:
        RoleAssignment.objects.filter(user=officer_a).update(valid_to=today())
    assert client.get(reverse("jobs:download", args=[check.pk])).status_code == (
        200 if still_manages else 403
    )
