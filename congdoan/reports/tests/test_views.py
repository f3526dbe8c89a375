"""The reports' pages: the dashboard's cards and drill-down to units and records, the charts' data,
the standard reports (page, xlsx opened and searched), the officer's narrative, the comparison, the
filing tracker and its e-mail reminder; bad input answers 422 naming the field; lists do not grow
in queries with the number of units."""

import datetime as dt
import io
import json
import re

import pytest
from django.core import mail
from python_calamine import CalamineWorkbook

from congdoan.core.models import AuditEntry
from congdoan.organizations.tests.factories import make_unit
from congdoan.reports import definitions
from congdoan.reports.definitions import FilingPart
from congdoan.reports.models import Narrative, Reminder

from .conftest import FAKE_FORM, FAKE_FUND

pytestmark = pytest.mark.django_db
D = dt.date


def _sheet(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def test_dashboard_cards_open_the_units_below_and_the_records(as_, cdvc_officer, year_2022, fake_module):
    tree = year_2022
    client = as_(cdvc_officer)
    page = client.get(f"/bao-cao/?unit={tree.cdvc.pk}&ky=2022")
    assert page.status_code == 200
    html = page.content.decode()
    link = re.search(r'data-figure="members.total" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert re.search(r'data-figure="members.total" href="[^"]+">\s*6\s*</a>', html)
    detail = client.get(link)
    assert detail.status_code == 200
    rows = {r["row"].unit.id: (r["own"], r["total"]) for r in detail.context["rows"]}
    assert rows == {tree.cdvc.pk: (0, 6), tree.a.pk: (3, 3), tree.b.pk: (3, 3)}
    # a figure declaring where its records are links each unit to them
    fake = client.get(f"/bao-cao/so-lieu/?unit={tree.cdvc.pk}&ky=2022&name={FAKE_FORM}.collective")
    assert f"/fake/{tree.a.pk}/2022/" in fake.content.decode()
    # the charts' data: members by unit, joins and leavers by month, awards by form
    charts = json.loads(re.search(r'id="report-charts"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert dict(zip(charts["members"]["labels"], charts["members"]["values"], strict=True)) == {
        "Công đoàn Sở Y tế": 3,
        "Công đoàn Sở Giáo dục và Đào tạo": 3,
    }
    assert len(charts["flows"]["labels"]) == 12 and sum(charts["flows"]["joined"]) == 2
    assert charts["flows"]["left"][8] == 1  # September
    # the form's name, not the label of its collective figure (both bars are the form's)
    assert charts["awards"]["collective"] == [3] and charts["awards"]["labels"] == ["Bằng khen thử nghiệm"]
    assert "vendor/chartjs/chart.umd.min.js" in html and "reports/charts.js" in html


@pytest.mark.parametrize(
    ("query", "field"),
    [("tu=31/12/2022&den=01/01/2022", "den"), ("ky=2022&as_of=01/01/2099", "as_of"), ("ky=2019", "unit")],
)
def test_bad_scope_answers_422_naming_the_field(as_, cdvc_officer, year_2022, query, field):
    page = as_(cdvc_officer).get(f"/bao-cao/?unit={year_2022.a.pk}&{query}")
    assert page.status_code == 422
    assert page.context["form"].errors[field]


def test_a_sibling_unit_is_out_of_reach(as_, call, officer_a, year_2022):
    page = as_(officer_a).get(f"/bao-cao/tong-ket/?unit={year_2022.b.pk}&nam=2022")
    assert page.status_code == 404 and "Sở Giáo dục" not in page.content.decode()
    assert call(officer_a, "GET", f"/reports/figures?unit={year_2022.b.pk}").status_code == 404


def test_unknown_figure_is_named(as_, cdvc_officer, year_2022):
    page = as_(cdvc_officer).get(f"/bao-cao/so-lieu/?unit={year_2022.cdvc.pk}&name=members.nobody")
    assert page.status_code == 422 and "members.nobody" in page.content.decode()


def test_sections_leave_out_modules_not_installed(cdvc_officer, year_2022, fake_module):
    commendation = definitions.YEAR_END.section("commendation").present()
    assert f"{FAKE_FORM}.collective" in commendation and f"{FAKE_FORM}.individual" in commendation
    assert FAKE_FUND in definitions.YEAR_END.section("funds").present()
    known = {n for s in definitions.YEAR_END.sections for n in s.present()}
    assert {"members.total", "units.grassroots", "workforce.total"} <= known
    assert all(
        n.split(".")[0]
        in {
            "members",
            "units",
            "workforce",
            "emulation",
            "awards",
            "funds",
            "conferences",
            "dialogues",
            "initiatives",
            "ratings",
            "welfare",
            "congresses",
        }
        for n in known
    )


def test_year_end_and_mid_year_pages_and_files(as_, cdvc_officer, year_2022, fake_module):
    tree = year_2022
    client = as_(cdvc_officer)
    for code, title in (("tong-ket", "tổng kết"), ("so-ket", "sơ kết")):
        page = client.get(f"/bao-cao/{code}/?unit={tree.cdvc.pk}&nam=2022")
        assert page.status_code == 200 and title in page.content.decode()
        book = client.get(f"/bao-cao/{code}/xlsx/?unit={tree.cdvc.pk}&nam=2022")
        rows = _sheet(book.content)
        assert title in rows[0][0].lower() and rows[1][0] == "Công đoàn Viên chức tỉnh A"
        values = {r[0]: r[1] for r in rows[5:] if len(r) > 1}
        assert values["Tổng số đoàn viên"] == (6 if code == "tong-ket" else 7)  # the leaver left in September
    mid = client.get(f"/bao-cao/so-ket/?unit={tree.cdvc.pk}&nam=2022").context["data"]
    assert mid.scope.period.end == D(2022, 6, 30)
    assert mid.values()["members.joined"] == 2  # March and June


def test_the_officers_narrative_is_stored_and_audited(as_, cdvc_officer, year_2022):
    tree = year_2022
    client = as_(cdvc_officer)
    url = f"/bao-cao/tong-ket/noi-dung/?unit={tree.cdvc.pk}&nam=2022"
    response = client.post(url, {"organisation": "Phát triển thêm hai đoàn viên.\u200b", "welfare": ""})
    assert response.status_code == 302
    stored = Narrative.objects.get(unit=tree.cdvc, report="tong-ket", year=2022, section="organisation")
    assert stored.text == "Phát triển thêm hai đoàn viên."
    assert AuditEntry.objects.filter(action="report.narrative").count() == 1
    page = client.get(f"/bao-cao/tong-ket/?unit={tree.cdvc.pk}&nam=2022")
    assert "Phát triển thêm hai đoàn viên." in page.content.decode()
    assert client.get(url).status_code == 405


def test_a_read_only_officer_may_not_write(as_, viewer_a, year_2022):
    client = as_(viewer_a)
    assert client.post(f"/bao-cao/tong-ket/noi-dung/?unit={year_2022.a.pk}&nam=2022", {}).status_code == 403
    assert "noi-dung" not in client.get(f"/bao-cao/tong-ket/?unit={year_2022.a.pk}&nam=2022").content.decode()


def test_membership_statistics_and_comparison(as_, cdvc_officer, year_2022):
    tree = year_2022
    client = as_(cdvc_officer)
    page = client.get(f"/bao-cao/thong-ke-doan-vien/?unit={tree.cdvc.pk}&ky=2022")
    assert page.status_code == 200
    rows = _sheet(client.get(f"/bao-cao/thong-ke-doan-vien/xlsx/?unit={tree.cdvc.pk}&ky=2022").content)
    header = next(i for i, r in enumerate(rows) if r[0] == "Đơn vị")
    assert rows[header][1:3] == ["Tổng số đoàn viên", "Đoàn viên nữ"]
    assert [r[:3] for r in rows[header + 1 :]] == [
        ["Công đoàn Sở Y tế", 3, 2],
        ["Công đoàn Sở Giáo dục và Đào tạo", 3, 1],
        ["Tổng cộng", 6, 3],
    ]
    comparison = client.get(f"/bao-cao/so-sanh/?unit={tree.cdvc.pk}&ky=2022&section=organisation")
    assert comparison.status_code == 200
    names = [r["row"].name for r in comparison.context["rows"]]
    assert names == ["Công đoàn Sở Y tế", "Công đoàn Sở Giáo dục và Đào tạo"]
    book = _sheet(
        client.get(f"/bao-cao/so-sanh/xlsx/?unit={tree.cdvc.pk}&ky=2022&section=organisation").content
    )
    header = next(i for i, r in enumerate(book) if r[0] == "Đơn vị")
    members = book[header].index("Tổng số đoàn viên")
    assert [(r[0], r[members]) for r in book[header + 1 :]] == [
        ("Công đoàn Sở Y tế", 3),
        ("Công đoàn Sở Giáo dục và Đào tạo", 3),
        ("Tổng cộng", 6),
    ]


@pytest.fixture
def parts(monkeypatch, fake_module):
    """A filing part read from the fake module's figure (the real parts need modules built alongside)."""
    part = FilingPart("fake", "Đã nhập khen thưởng thử nghiệm", f"{FAKE_FORM}.individual")
    monkeypatch.setattr(definitions, "FILING_PARTS", (*definitions.FILING_PARTS, part))
    return part


def test_filing_tracker_and_reminder(as_, cdvc_officer, year_2022, parts, django_capture_on_commit_callbacks):
    from congdoan.organizations.tests.factories import UserFactory, grant

    tree = year_2022
    officer = UserFactory(username="officer_a_mail", home_unit=tree.a, email="a@example.vn")
    grant(officer, tree.a, "chu-tich")
    client = as_(cdvc_officer)
    page = client.get(f"/bao-cao/nop-so-lieu/?unit={tree.cdvc.pk}&nam=2022")
    assert page.status_code == 200
    shown = page.context["parts"]
    assert parts in shown
    index = shown.index(parts)
    filed = {r.unit_id: r.filed[index] for r in page.context["rows"]}
    assert filed == {tree.a.pk: False, tree.b.pk: True}  # A gave no individual award
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bao-cao/nop-so-lieu/nhac/?unit={tree.cdvc.pk}&nam=2022")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert parts.label in mail.outbox[0].body and "2022" in mail.outbox[0].subject
    reminder = Reminder.objects.get()
    assert tree.a.pk in set(reminder.units.values_list("pk", flat=True))
    assert AuditEntry.objects.filter(action="filing.remind").count() == 1


def test_filing_reminder_sent_again_on_a_schedule(
    as_, cdvc_officer, year_2022, parts, django_capture_on_commit_callbacks
):
    """Scheduled from the filing page, sent by the morning run (core.reminders) to the unit behind."""
    import datetime as dt

    from congdoan.core.dates import today
    from congdoan.core.models import ScheduledReminder
    from congdoan.core.reminders import reminders_run_due
    from congdoan.organizations.tests.factories import UserFactory, grant

    tree = year_2022
    grant(UserFactory(username="officer_a_mail", home_unit=tree.a, email="a@example.vn"), tree.a, "chu-tich")
    client = as_(cdvc_officer)
    page = client.get(f"/bao-cao/nop-so-lieu/?unit={tree.cdvc.pk}&nam=2022")
    form = client.get(page.context["schedule"].link)
    assert "chưa nhập đủ số liệu năm 2022" in form.context["label"]
    response = client.post(
        "/nhac-tu-dong/dat/",
        {"kind": "reports.filing", "unit": tree.cdvc.pk, "p_year": "2022", "every_days": "14"},
    )
    assert response.status_code == 302
    reminder = ScheduledReminder.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        (outcome,) = reminders_run_due(today() + dt.timedelta(days=1))
    assert outcome.state == "sent" and [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert parts.label in mail.outbox[0].body
    reminder.refresh_from_db()
    assert reminder.next_run == today() + dt.timedelta(days=15) and "tới 1 địa chỉ" in reminder.last_result
    assert AuditEntry.objects.filter(action="filing.remind", actor=cdvc_officer).count() == 1


def test_lists_do_not_grow_in_queries(as_, cdvc_officer, year_2022, django_assert_max_num_queries, parts):
    tree = year_2022
    client = as_(cdvc_officer)
    urls = [
        f"/bao-cao/thong-ke-doan-vien/?unit={tree.cdvc.pk}&ky=2022",
        f"/bao-cao/so-sanh/?unit={tree.cdvc.pk}&ky=2022",
        f"/bao-cao/nop-so-lieu/?unit={tree.cdvc.pk}&nam=2022",
        f"/bao-cao/tong-ket/?unit={tree.cdvc.pk}&nam=2022",
    ]
    counts = {}
    for url in urls:
        client.get(url)
        # 63 for the year-end report: its welfare section reads the split by kind and programme (2
        # queries more) and the figure families' catalogues (kinds, programme kinds, funds: 3); the
        # awards' figures their form and title codes by id (1: awards.selectors.award_figure_values);
        # then initiatives by round (its catalogue and 2), congresses (1) and the workforce's coverage (2).
        with django_assert_max_num_queries(72) as captured:
            client.get(url)
        counts[url] = len(captured)
    for n in range(8):
        make_unit(f"MORE{n}", f"Công đoàn thêm {n}", tree.cdvc)
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(counts[url]):
            client.get(url)


def test_the_units_of_an_emulation_block_side_by_side(as_, cdvc_officer, officer_a, year_2022):
    from congdoan.emulation.tests.factories import block

    tree = year_2022
    khoi = block(tree.cdvc, [tree.a, tree.b], name="Khối thi đua thử")
    client = as_(cdvc_officer)
    url = f"/bao-cao/so-sanh/?unit={tree.cdvc.pk}&ky=2022&section=organisation&block={khoi.pk}"
    page = client.get(url)
    assert page.status_code == 200
    got = {r["row"].name: {f.name: v for f, v in r["cells"]} for r in page.context["rows"]}
    assert got["Công đoàn Sở Y tế"]["members.total"] == 3 and got["Công đoàn Sở Y tế"]["workforce.total"] == 8
    total = {f.name: v for f, v in page.context["total"]}
    assert (total["members.total"], total["workforce.total"], total["members.rate_percent"]) == (6, 13, 46)
    book = _sheet(client.get(url.replace("/so-sanh/", "/so-sanh/xlsx/")).content)
    header = next(r for r in book if r and r[0] == "Đơn vị")
    assert book[-1][0] == "Tổng cộng" and book[-1][header.index("Tổng số đoàn viên")] == 6
    # an officer of one member unit sees the block, but only the figures of their own unit
    mine = as_(officer_a).get(url.replace(f"unit={tree.cdvc.pk}", f"unit={tree.a.pk}"))
    assert [r["row"].name for r in mine.context["rows"]] == ["Công đoàn Sở Y tế"]
    assert "Sở Giáo dục" not in mine.content.decode()


def test_monthly_flows_in_one_pass_equal_month_by_month(
    cdvc_officer, year_2022, django_assert_max_num_queries
):
    """The members group's ``by_month`` (one grouped query per flow for the year) gives the series the
    month-by-month loop over ``compute`` gives (24 queries for a year)."""
    import dataclasses

    from congdoan.core import figures
    from congdoan.core.periods import Period
    from congdoan.reports import selectors

    tree = year_2022
    scope = selectors.scope_read(actor=cdvc_officer, unit_id=tree.cdvc.pk, period=Period.year(2022))
    names = ["members.joined", "members.left"]
    with django_assert_max_num_queries(3):
        fast = selectors.monthly(actor=cdvc_officer, scope=scope, names=names, readable=names)
    group = figures.GROUPS["members"]
    try:
        figures.GROUPS["members"] = dataclasses.replace(group, by_month=None)
        slow = selectors.monthly(actor=cdvc_officer, scope=scope, names=names, readable=names)
    finally:
        figures.GROUPS["members"] = group
    assert fast == slow
    assert fast[1]["members.joined"][2] == 1 and fast[1]["members.left"][8] == 1  # March, September


def test_a_section_prints_its_named_figures_and_only_the_breakdowns_with_something_recorded():
    welfare = definitions.YEAR_END.section("welfare")
    breakdowns = [n for n in welfare.present() if n not in welfare.names]
    assert len(breakdowns) >= 2, "the welfare catalogue brings per-kind figures"
    recorded, empty = breakdowns[0], breakdowns[1]
    values = dict.fromkeys(welfare.present(), 0) | {recorded: 5, empty: None}
    shown = welfare.shown(values)
    assert [n for n in welfare.names if n in shown] == [n for n in welfare.names if n in welfare.present()]
    assert recorded in shown and empty not in shown
    assert not set(breakdowns[2:]) & set(shown)
