"""The fund drives pages: lists with their scope and a constant number of queries, launching a
drive, one contribution, the grid of the CĐCS, the Excel upload, downloads opened and searched."""

import datetime as dt
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.tests import flows
from congdoan.organizations.tests.factories import make_unit

from ..models import Contribution, Drive
from .factories import drive, fund, give
from .test_files import _body

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # caches filled once (the session, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_drive_list_scope_and_query_count(client, tree, cdvc_officer, officer_a, officer_b):
    drive(tree.cdvc, actor=cdvc_officer, name="Vận động của CĐVC")
    drive(tree.b, actor=officer_b, name="Vận động riêng của B")
    client.force_login(officer_a)
    body = client.get(reverse("funds:list")).content.decode()
    assert "Vận động của CĐVC" in body and "Vận động riêng của B" not in body
    client.force_login(cdvc_officer)
    url = reverse("funds:list")
    few = _queries(client, url)
    for i in range(5):
        drive(make_unit(f"V{i}", f"Công đoàn cơ sở {i}", tree.cdvc), actor=cdvc_officer, name=f"Đợt {i}")
    assert _queries(client, url) == few


def test_drive_page_and_query_count(client, tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    give(d, tree.a, 1_000_000, actor=cdvc_officer)
    client.force_login(cdvc_officer)
    url = reverse("funds:detail", args=[d.pk])
    few = _queries(client, url)
    for i in range(5):
        unit = make_unit(f"W{i}", f"Công đoàn cơ sở {i}", tree.cdvc)
        give(d, unit, 500_000 + i, actor=cdvc_officer)
    assert _queries(client, url) == few
    body = client.get(url).content.decode()
    assert "3.500.010" in body  # 1.000.000 + 5 × 500.000 + 0+1+2+3+4


def test_launch_a_drive_on_the_page(client, tree, cdvc_officer):
    client.force_login(cdvc_officer)
    data = {
        "unit": tree.cdvc.pk,
        "fund": fund("khuyen_hoc").pk,
        "name": "Khuyến học năm 2024",
        "starts_on": "01/06/2024",
        "ends_on": "31/05/2024",
    }
    response = client.post(reverse("funds:create"), data)
    assert response.status_code == 422 and "Ngày kết thúc" in response.content.decode()
    response = client.post(reverse("funds:create"), {**data, "ends_on": "31/08/2024"})
    assert response.status_code == 302
    assert Drive.objects.get().fund.code == "khuyen_hoc"


def test_one_contribution_on_the_page(client, tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    client.force_login(cdvc_officer)
    url = reverse("funds:contribution_create", args=[d.pk])
    data = {
        "kind": "unit",
        "unit": tree.a.pk,
        "amount": "1.000,5",
        "contributed_on": "05/03/2022",
        "receipt_no": "B1",
    }
    response = client.post(url, data)
    assert response.status_code == 422 and "thập phân" in response.content.decode()
    response = client.post(url, {**data, "amount": "1.500.000"})
    assert response.status_code == 302
    assert Contribution.objects.get().amount == 1_500_000


def test_the_grid_of_the_cdcs(client, tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    client.force_login(cdvc_officer)
    url = reverse("funds:grid", args=[d.pk])
    body = client.get(url).content.decode()
    assert "Công đoàn Sở Y tế" in body and "Công đoàn Sở Giáo dục và Đào tạo" in body
    data = {
        "contributed_on": "10/05/2022",
        f"amount_{tree.a.pk}": "2.000.000",
        f"receipt_{tree.a.pk}": "G1",
        f"amount_{tree.b.pk}": "3.000.000",
        f"receipt_{tree.b.pk}": "G1",
    }
    response = client.post(url, data)
    assert response.status_code == 422 and "đã dùng" in response.content.decode()
    assert not Contribution.objects.exists()
    response = client.post(url, {**data, f"receipt_{tree.b.pk}": "G2"})
    assert response.status_code == 302
    assert sorted(Contribution.objects.values_list("amount", flat=True)) == [2_000_000, 3_000_000]


def test_excel_upload_page(client, tree, cdvc_officer, django_capture_on_commit_callbacks):
    run = django_capture_on_commit_callbacks
    d = drive(tree.cdvc, actor=cdvc_officer)
    client.force_login(cdvc_officer)
    url = reverse("funds:import", args=[d.pk])
    assert "import-upload" in client.get(url).content.decode()
    check = flows.upload(client, run, url, _body([["BN1", "05/03/2022", "năm trăm nghìn", "CDCS_A"]]))
    assert "Số tiền" in flows.page(client, check) and check.result["problems"][0]["row"] == 2
    check = flows.upload(client, run, url, _body([["BN1", "05/03/2022", 500_000, "CDCS_A"]]))
    assert not Contribution.objects.exists()
    flows.confirm(client, run, check)
    assert Contribution.objects.get().amount == 500_000


def _zip_text(response) -> str:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return "\n".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))


def test_downloads_are_opened_and_searched(client, tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer, name="Ủng hộ biển đảo 2022")
    c = give(d, tree.a, 2_100_000_000, actor=cdvc_officer, on=dt.date(2022, 3, 8))
    client.force_login(cdvc_officer)
    assert "Ủng hộ biển đảo 2022" in _zip_text(client.get(reverse("funds:export")))
    assert "Hai tỷ một trăm triệu đồng" in _zip_text(
        client.get(reverse("funds:contributors_export", args=[d.pk]))
    )
    receipt = _zip_text(client.get(reverse("funds:receipt", args=[c.pk])))
    assert "Hai tỷ một trăm triệu đồng" in receipt and "ngày 08 tháng 3 năm 2022" in receipt
    assert "Mã đơn vị thu" in _zip_text(client.get(reverse("funds:import_template", args=[d.pk])))


def test_dashboard_card_reads_the_registry(client, tree, officer_a):
    from congdoan.core.dates import today

    d = drive(tree.a, actor=officer_a, year=today().year)
    give(d, tree.a, 1_250_000, actor=officer_a, on=d.starts_on)
    client.force_login(officer_a)
    body = client.get("/").content.decode()
    assert 'data-testid="card-funds"' in body
    assert 'data-figure="funds.amount">1.250.000' in body
    assert 'data-figure="funds.by_fund.bien_dao.amount">1.250.000' in body


def test_pages_read_in_english(client, tree, cdvc_officer):
    from django.utils import translation

    d = drive(tree.cdvc, actor=cdvc_officer)
    client.force_login(cdvc_officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/quy/"})
    try:
        body = client.get(reverse("funds:detail", args=[d.pk])).content.decode()
        assert "Totals by unit" in body and "Fund for Vietnam&#x27;s seas and islands" in body
    finally:
        translation.activate("vi")


def test_every_form_page_opens(client, tree, cdvc_officer, viewer_a):
    d = drive(tree.cdvc, actor=cdvc_officer)
    client.force_login(cdvc_officer)
    for name, args in (("create", []), ("contribution_create", [d.pk]), ("grid", [d.pk]), ("import", [d.pk])):
        assert client.get(reverse(f"funds:{name}", args=args)).status_code == 200, name
    client.force_login(viewer_a)  # reads the drive launched above its unit, may not write to it
    assert client.get(reverse("funds:detail", args=[d.pk])).status_code == 200
    assert client.get(reverse("funds:grid", args=[d.pk])).status_code == 403


@pytest.mark.parametrize(
    "query", ["year=2022", "nam=2022", "ky=2022", "ky=2022-h2", "tu=01/03/2022&den=30/04/2022"]
)
def test_the_drive_list_reads_the_period_in_every_spelling(client, tree, cdvc_officer, query):
    """``?nam=`` (the reports' links), ``ky`` and ``tu``/``den`` filter the list as ``year`` does; the
    pager's and the file's links keep the period."""
    in_2022 = drive(tree.cdvc, actor=cdvc_officer, name="Đợt năm 2022")
    drive(tree.cdvc, actor=cdvc_officer, name="Đợt năm 2021", year=2021)
    client.force_login(cdvc_officer)
    response = client.get(reverse("funds:list") + f"?{query}")
    assert response.status_code == 200
    assert [d.pk for d in response.context["rows"]] == [in_2022.pk]
    assert "2022" in response.context["query"]
    export = client.get(reverse("funds:export") + f"?{query}")
    assert export.status_code == 200
    bad = client.get(reverse("funds:list") + "?nam=hai-nghin")
    assert bad.status_code == 422 and bad.context["form"].errors["year"]
