"""Seed 000 end to end: every figure of the article read back from the records the demo entered
through the services (plan, programmes, mission, visits and hosts, findings, gifts, report)."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from congdoan.accounts.models import User
from congdoan.demo import data
from congdoan.plans.models import Gift, Mission, Programme

from .conftest import run_load_demo

pytestmark = pytest.mark.django_db

AREAS = {
    "chi-dao-cdvc-tinh",
    "phong-trao-co-quan-van-hoa",
    "cuoc-van-dong-trung-thanh",
    "che-do-chinh-sach",
    "an-sinh-xa-hoi",
}


@pytest.fixture
def mission(demo) -> Mission:
    return Mission.objects.select_related("plan", "report", "unit").get()


def test_the_plan(mission, demo):
    plan = mission.plan
    assert plan.number_symbol == "92/KH-CĐVC"
    assert (plan.number, plan.year, plan.signed_on) == (92, 2022, dt.date(2022, 4, 5))
    assert plan.unit == demo["CDVCVN"] and plan.status == "issued" and plan.kind.code == "ke-hoach"
    assert mission.unit == demo["CDVCVN"]


def test_the_coordination_programmes(mission, demo):
    programmes = Programme.objects.prefetch_related("parties", "areas")
    partners = set()
    for programme in programmes:
        parties = {u.code for u in programme.parties.all()}
        assert "CDVCVN" in parties and len(parties) == 2
        partners |= parties - {"CDVCVN"}
        assert {a.code for a in programme.areas.all()} == AREAS
        assert programme.document.status == "issued" and programme.document.unit == demo["CDVCVN"]
    assert partners == {"LDLD-PY", "LDLD-KH", "LDLD-NT"}
    assert set(mission.programmes.all()) == set(programmes)
    names = {a.name for p in programmes for a in p.areas.all()}
    assert (
        "Phong trào thi đua “Xây dựng cơ quan văn hóa và ngày làm việc 8 giờ có chất lượng, hiệu quả”"
        in names
    )
    assert "Cuộc vận động “Trung thành, Trách nhiệm, Liêm chính, Sáng tạo”" in names


def test_the_mission_its_head_and_dates(mission, demo):
    assert (mission.starts_on, mission.ends_on) == (dt.date(2022, 7, 19), dt.date(2022, 7, 24))
    head = mission.members.select_related("position__position", "position__unit", "account").get(is_head=True)
    assert head.position.position.code == "pho-chu-tich" and head.position.unit == demo["CDVCVN"]
    assert head.account.username == "khaosat"


def test_the_three_visits_read_the_2022_tree(mission, demo):
    from congdoan.plans.selectors import mission_detail

    visits = mission_detail(mission).visit_rows
    assert [v.unit.code for v in visits] == ["LDLD-PY", "LDLD-KH", "LDLD-NT"]
    assert all(mission.starts_on <= v.on <= mission.ends_on for v in visits)
    # Phú Yên and Ninh Thuận were merged away in 2025: the mission still reads their 2022 names.
    assert [v.unit_name for v in visits] == [
        "Liên đoàn Lao động tỉnh Phú Yên",
        "Liên đoàn Lao động tỉnh Khánh Hòa",
        "Liên đoàn Lao động tỉnh Ninh Thuận",
    ]
    hosts = [h.position for v in visits for h in v.hosts.all()]
    assert hosts == [
        "Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh Phú Yên",
        "Chủ tịch Liên đoàn Lao động tỉnh Khánh Hòa",
        "Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh Ninh Thuận",
    ]


def test_findings_per_content_area(mission):
    findings = list(mission.findings.select_related("area"))
    assert {f.area.code for f in findings} == AREAS
    assert all(f.results for f in findings)


def test_the_house_and_the_thirty_gifts(mission):
    house = mission.gifts.get(kind=Gift.Kind.HOUSE)
    gifts = mission.gifts.get(kind=Gift.Kind.GIFT)
    assert (house.count, house.unit_value, house.amount) == (1, 60_000_000, 60_000_000)
    assert (gifts.count, gifts.unit_value, gifts.amount) == (30, 1_000_000, 30_000_000)
    assert mission.gifts.count() == 2


def test_the_report_is_a_numbered_document(mission, demo, client):
    report = mission.report
    assert report.status == "issued" and report.kind.code == "bao-cao" and report.unit == demo["CDVCVN"]
    assert report.number_symbol.endswith("/BC-CĐVC") and report.signed_on >= mission.ends_on
    assert "92/KH-CĐVC" in report.body and "60.000.000 đồng" in report.body
    # The demo login of a CĐVC Việt Nam officer opens the mission and downloads the report.
    client.force_login(User.objects.get(username="khaosat"))
    page = client.get(reverse("plans:mission", args=[mission.pk])).content.decode()
    assert "92/KH-CĐVC" in page and report.number_symbol in page
    download = client.get(reverse("plans:report_download", args=[mission.pk]))
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        text = archive.read("word/document.xml").decode()
    for expected in (
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        "CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Số: {report.number_symbol}",
        "Hà Nội, ngày 29 tháng 7 năm 2022",
        "Liên đoàn Lao động tỉnh Ninh Thuận",
    ):
        assert expected in text, expected


def test_loading_again_writes_nothing(mission):
    out = run_load_demo()
    assert Mission.objects.count() == 1 and Programme.objects.count() == 3
    assert "khaosat" in out


def test_the_cdvcvn_logins_see_it_and_a_province_officer_does_not(mission, client):
    for username, status in (("cdvcvn", 200), ("khaosat", 200), ("hanoi", 404)):
        client.force_login(User.objects.get(username=username))
        assert client.get(reverse("plans:mission", args=[mission.pk])).status_code == status, username
    assert data.SURVEY_HEAD.account == "khaosat"


def test_a_demo_loaded_before_the_survey_gets_it_on_the_next_run(db, monkeypatch):
    """`load_demo` on a database whose demo predates plans adds seed 000's records and the khaosat
    login, once."""
    from congdoan.demo import services as demo_services

    monkeypatch.setattr(demo_services, "load_survey", lambda **kwargs: None)
    monkeypatch.setattr(demo_services, "_create_officer", _skip_khaosat(demo_services._create_officer))
    run_load_demo()
    assert not Mission.objects.exists() and not User.objects.filter(username="khaosat").exists()
    monkeypatch.undo()
    out = run_load_demo()
    assert "seed 000's survey mission added" in out and "khaosat" in out
    mission = Mission.objects.get()
    assert mission.members.get(is_head=True).account.username == "khaosat"
    assert "nothing written" in run_load_demo() and Mission.objects.count() == 1


def _skip_khaosat(create):
    def run(admin, officer, password, unit):
        return False if officer.username == "khaosat" else create(admin, officer, password, unit)

    return run
