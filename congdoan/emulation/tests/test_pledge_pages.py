"""Pledge pages (issue 11 §3): the list of the pledges the actor sees, a pledge's page with its
parties and signatories, the pledge between a union and the head of its agency (seed 004) through
its form and the API, and a block's pledge with each party's signatory and position, printed in
the .docx; with the module's policy (404 / 403 / 422) and audit."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.core.tests.queries import assert_same_count
from congdoan.emulation import pledging
from congdoan.emulation.models import Pledge, PledgeParty

from .factories import block

pytestmark = pytest.mark.django_db

AGENCY = {
    "unit": None,
    "year": "2024",
    "title": "Giao ước thi đua năm 2024",
    "signed_on": "22/02/2024",
    "place": "Tuy Hòa",
    "agency": "Sở Y tế tỉnh A",
    "head_name": "Trần Văn Bình",
    "head_position": "Giám đốc",
    "union_signatory": "Lê Thị Hoa",
    "union_position": "Chủ tịch công đoàn",
    "targets": "100% công chức hoàn thành nhiệm vụ.",
}


def _docx_text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.read("word/document.xml").decode()


def _agency(officer, n: int = 0) -> Pledge:
    return pledging.pledge_sign_agency(
        actor=officer,
        unit=officer.home_unit,
        year=2020 + n % 5,
        title=f"Giao ước thi đua số {n}",
        signed_on=dt.date(2020 + n % 5, 2, 22),
        agency="Cơ quan của đơn vị",
        head_name="Trần Văn Thủ Trưởng",
        head_position="Thủ trưởng",
        union_signatory="Lê Thị Chủ Tịch",
        union_position="Chủ tịch công đoàn",
    )


def test_agency_pledge_form_403_422_then_signed_with_its_page(client, tree, officer_a, viewer_a):
    url = reverse("emulation:pledge_agency_create")
    data = {**AGENCY, "unit": tree.a.pk}
    client.force_login(viewer_a)
    assert client.post(url, data).status_code == 403
    client.force_login(officer_a)
    response = client.post(url, {**data, "head_name": " "})
    assert response.status_code == 422
    assert "head_name" in response.context["form"].errors
    response = client.post(url, {**data, "signed_on": "30/12/2023"})
    assert response.status_code == 422
    assert response.context["form"].errors["signed_on"] == ["Ngày ký: 30/12/2023 không thuộc năm 2024."]
    assert not Pledge.objects.exists()
    response = client.post(url, data)
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and response.url == reverse("emulation:pledge", args=[pledge.pk])
    entry = AuditEntry.objects.get(action="pledge.sign", object_id=str(pledge.pk))
    assert entry.actor == officer_a and entry.after["parties"] == ["Sở Y tế tỉnh A", "Công đoàn Sở Y tế"]
    page = client.get(response.url).content.decode()
    for text in (
        "Sở Y tế tỉnh A",
        "Trần Văn Bình",
        "Giám đốc",
        "Lê Thị Hoa",
        "Chủ tịch công đoàn",
        "22/02/2024",
    ):
        assert text in page
    listing = client.get(reverse("emulation:pledges"), {"year": 2024}).content.decode()
    assert "Giao ước thi đua năm 2024" in listing and "Ký giao ước với thủ trưởng cơ quan" in listing
    xml = _docx_text(client.get(reverse("emulation:pledge_docx", args=[pledge.pk])).content)
    assert "Trần Văn Bình" in xml and "GIÁM ĐỐC" in xml and "Lê Thị Hoa" in xml


def test_a_pledge_out_of_reach_is_404_and_not_listed(client, tree, officer_a, officer_b):
    theirs = _agency(officer_b)
    client.force_login(officer_a)
    assert client.get(reverse("emulation:pledge", args=[theirs.pk])).status_code == 404
    assert theirs.title not in client.get(reverse("emulation:pledges")).content.decode()


def test_pledge_list_keeps_its_query_count(client, tree, officer_b):
    client.force_login(officer_b)

    def build(n):
        for i in range(Pledge.objects.count(), n):
            _agency(officer_b, i)
        return reverse("emulation:pledges")

    assert_same_count(build, client.get)


def test_agency_pledge_api(call, tree, officer_a, officer_b, viewer_a):
    body = {**AGENCY, "unit_id": tree.a.pk, "year": 2024, "signed_on": "2024-02-22"}
    del body["unit"]
    assert call(officer_a, "POST", "/emulation/pledges", {**body, "unit_id": tree.b.pk}).status_code == 404
    assert call(viewer_a, "POST", "/emulation/pledges", body).status_code == 403
    bad = call(officer_a, "POST", "/emulation/pledges", {**body, "agency": ""})
    assert bad.status_code == 422 and "agency" in bad.content.decode()
    made = call(officer_a, "POST", "/emulation/pledges", body)
    assert made.status_code == 201
    assert [(p["signatory"], p["position"]) for p in made.json()["parties"]] == [
        ("Trần Văn Bình", "Giám đốc"),
        ("Lê Thị Hoa", "Chủ tịch công đoàn"),
    ]


@pytest.fixture
def khoi(tree, cdvc_officer):
    return block(tree.cdvc, [tree.a, tree.b], actor=cdvc_officer)


def test_block_pledge_form_takes_each_partys_signatory(client, tree, khoi, cdvc_officer, officer_a, viewer_a):
    url = reverse("emulation:block_pledge", args=[khoi.pk])
    a, b = tree.a.pk, tree.b.pk
    data = {
        "year": "2022",
        "title": "Giao ước thi đua năm 2022",
        "signed_on": "01/03/2022",
        "parties": [a, b],
        f"signatory_{a}": "Nguyễn Thị Lan",
        f"position_{a}": "Chủ tịch Công đoàn",
        f"signatory_{b}": "Phạm Văn Minh",
        f"position_{b}": "",
    }
    client.force_login(viewer_a)  # reads the block (a member's), may write nothing
    assert client.post(url, data).status_code == 403
    client.force_login(officer_a)  # a member's officer sees the block; only the forming level writes
    assert client.post(url, data).status_code == 403
    client.force_login(cdvc_officer)
    assert f"signatory_{a}" in client.get(url).context["form"].fields
    response = client.post(url, data)
    assert response.status_code == 422
    assert response.context["form"].errors[f"position_{b}"] == [
        "Người ký của Công đoàn Sở Giáo dục và Đào tạo: hãy nhập cả họ tên và chức vụ người ký, hoặc để "
        "trống cả hai."
    ]
    assert not Pledge.objects.exists()
    response = client.post(url, {**data, f"signatory_{b}": ""})  # neither: the block prints it empty
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert [(p.unit_id, p.signatory, p.position) for p in PledgeParty.objects.order_by("order")] == [
        (a, "Nguyễn Thị Lan", "Chủ tịch Công đoàn"),
        (b, "", ""),
    ]
    entry = AuditEntry.objects.get(action="pledge.sign")
    assert entry.after["parties"] == [
        "Công đoàn Sở Y tế — Nguyễn Thị Lan — Chủ tịch Công đoàn",
        "Công đoàn Sở Giáo dục và Đào tạo",
    ]
    xml = _docx_text(client.get(reverse("emulation:pledge_docx", args=[pledge.pk])).content)
    assert "Nguyễn Thị Lan" in xml and "CHỦ TỊCH CÔNG ĐOÀN" in xml
    page = client.get(reverse("emulation:pledge", args=[pledge.pk])).content.decode()
    assert "Nguyễn Thị Lan" in page and khoi.name in page


def test_block_pledge_api_with_signatories(call, tree, khoi, cdvc_officer, officer_a, officer_b, viewer_a):
    path = f"/emulation/blocks/{khoi.pk}/pledges"
    body = {
        "year": 2022,
        "title": "Giao ước thi đua năm 2022",
        "signed_on": "2022-03-01",
        "parties": [
            {"unit_id": tree.a.pk, "signatory": "Nguyễn Thị Lan", "position": "Chủ tịch Công đoàn"},
            {"unit_id": tree.b.pk, "signatory": "", "position": "Chủ tịch"},
        ],
    }
    own_b = block(tree.b, [], actor=officer_b, name="Cụm của B")
    assert call(officer_a, "POST", f"/emulation/blocks/{own_b.pk}/pledges", body).status_code == 404
    assert call(officer_a, "POST", path, body).status_code == 404  # a member's: not the forming level
    assert call(viewer_a, "POST", path, body).status_code == 403
    bad = call(cdvc_officer, "POST", path, body)
    assert bad.status_code == 422
    assert "Công đoàn Sở Giáo dục và Đào tạo" in bad.json()["errors"][f"signatory_{tree.b.pk}"][0]
    body["parties"][1]["signatory"] = "Phạm Văn Minh"
    made = call(cdvc_officer, "POST", path, body)
    assert made.status_code == 201
    assert [(p["signatory"], p["position"]) for p in made.json()["parties"]] == [
        ("Nguyễn Thị Lan", "Chủ tịch Công đoàn"),
        ("Phạm Văn Minh", "Chủ tịch"),
    ]
