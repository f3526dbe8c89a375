"""Pages, exports and the Excel import of the initiatives module."""

import io
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry, Job
from congdoan.core.tests import flows
from congdoan.initiatives import importing, services
from congdoan.initiatives.models import Initiative
from congdoan.members.tests.factories import join
from congdoan.organizations.models import RoleAssignment

from . import factories as f

pytestmark = pytest.mark.django_db


def _xlsx_text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return "\n".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["initiatives:list", "initiatives:programmes"])
def test_lists_take_a_constant_number_of_queries(as_, tree, officer_a, name):
    client = as_(officer_a)
    f.programme(tree.a, actor=officer_a, name="Chương trình 1")
    f.register(tree.a, 2, actor=officer_a)
    url = reverse(name)
    first = _count(client, url)
    f.programme(tree.a, actor=officer_a, name="Chương trình 2")
    f.register(tree.a, 5, actor=officer_a)
    assert _count(client, url) == first


def test_round_page_query_count_does_not_grow(as_, tree, admin_user, cdvc_officer):
    programme = f.programme(tree.cdvc, actor=cdvc_officer)
    round_ = programme.rounds.get(number=1)
    url = reverse("initiatives:round", args=[round_.pk])
    client = as_(cdvc_officer)
    f.register(tree.a, 1, round_=round_)
    first = _count(client, url)
    services.target_set(actor=cdvc_officer, round=round_, given_by=tree.cdvc, unit=tree.a, count=3)
    services.target_set(actor=cdvc_officer, round=round_, given_by=tree.cdvc, unit=tree.b, count=3)
    f.register(tree.b, 3, round_=round_)
    assert _count(client, url) == first


def test_round_page_and_its_export_show_127_percent(as_, tree, admin_user):
    programme = f.programme(tree.root)
    round_ = programme.rounds.get(number=1)
    services.target_set(actor=admin_user, round=round_, given_by=tree.root, unit=tree.prov, count=1000)
    services.target_set(actor=admin_user, round=round_, given_by=tree.prov, unit=tree.cdvc, count=713)
    f.recognise(f.register(tree.a, 906, round_=round_), tree.cdvc)
    client = as_(admin_user)
    query = f"?unit={tree.cdvc.pk}&as_of=01/09/2023"
    page = client.get(reverse("initiatives:round", args=[round_.pk]) + query).content.decode()
    assert "127\u00a0%" in page and "713" in page and "906" in page
    text = _xlsx_text(client.get(reverse("initiatives:round_export", args=[round_.pk]) + query))
    assert "Công đoàn Viên chức tỉnh A" in text and ">713<" in text and ">127<" in text


def test_initiative_export_is_a_workbook_of_the_list(as_, tree, officer_a):
    author = join(tree.a, name="Trần Văn Sáng", actor=officer_a)
    f.register(tree.a, 1, actor=officer_a, authors=[(author, Decimal(100))])
    f.register(tree.b, 1)
    text = _xlsx_text(as_(officer_a).get(reverse("initiatives:export")))
    assert "Sáng kiến 1" in text and "Trần Văn Sáng (100" in text
    assert "Công đoàn Sở Giáo dục" not in text


def test_detail_page_reviews_and_refuses_bad_input_with_422(as_, tree, admin_user):
    (pk,) = f.register(tree.a)
    client = as_(admin_user)
    url = reverse("initiatives:review", args=[pk])
    assert client.post(url, {"step": "start_review"}).status_code == 302
    response = client.post(url, {"step": "recognise", "unit": tree.b.pk, "on": "30/06/2022"})
    assert response.status_code == 422
    assert "cấp trên" in response.content.decode()
    assert (
        client.post(url, {"step": "recognise", "unit": tree.cdvc.pk, "on": "30/06/2022"}).status_code == 302
    )
    assert Initiative.objects.get(pk=pk).state == "recognised"
    page = client.get(reverse("initiatives:detail", args=[pk])).content.decode()
    assert "Công nhận" in page


def test_create_page_registers_from_card_numbers(as_, tree, officer_a):
    one = join(tree.a, actor=officer_a, card_number="CARD001")
    two = join(tree.a, actor=officer_a, card_number="CARD002")
    client = as_(officer_a)
    data = {
        "unit": tree.a.pk,
        "title": "Sổ tay điện tử",
        "field": f.field().pk,
        "applied_on": "01/03/2022",
        "registered_on": "01/03/2022",
        "authors": "CARD001; 60\nCARD002; 30",
        "benefit": "1.500.000",
    }
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 422 and "100" in response.content.decode()
    data["authors"] = "CARD001; 60\nCARD002; 40"
    assert client.post(reverse("initiatives:create"), data).status_code == 302
    made = Initiative.objects.get()
    assert made.benefit == 1_500_000
    assert {a.person_id for a in made.authors.all()} == {one.pk, two.pk}


def _workbook(rows) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Sáng kiến")
    for i, column in enumerate(importing.COLUMNS):
        sheet.write_string(0, i, column.header)
    for n, row in enumerate(rows, start=1):
        for i, value in enumerate(row):
            if isinstance(value, int | float):
                sheet.write_number(n, i, value)
            elif value:
                sheet.write_string(n, i, value)
    book.close()
    return buffer.getvalue()


def _row(number, unit, card, benefit, share="100"):
    return [
        number,
        f"Sáng kiến dòng {number}",
        unit.code,
        "Giáo dục, đào tạo",
        "01/03/2022",
        "01/03/2022",
        f"{card}: {share}",
        benefit,
        "",
    ]


def test_import_runs_as_jobs_and_writes_every_row_or_none(
    as_, tree, officer_a, django_capture_on_commit_callbacks
):
    """Upload → check job (errors by row and column, nothing written, no "Ghi") → a good file →
    preview → "Ghi" → write job: every row through the service."""
    run = django_capture_on_commit_callbacks
    client = as_(officer_a)
    join(tree.a, actor=officer_a, card_number="IMP001")
    bad = _workbook(
        [
            _row(1, tree.a, "IMP001", 2_000_000),
            _row(2, tree.a, "IMP001", "một triệu đồng"),
            _row(3, tree.a, "IMP001", "1.500.000", share="90"),
            _row(4, tree.b, "IMP001", ""),
        ]
    )
    before = AuditEntry.objects.count()
    check = flows.upload(client, run, reverse("initiatives:import"), bad)
    assert check.kind == "initiatives.import.check" and check.state == Job.State.SUCCEEDED
    messages = [f"Dòng {p['row']}, cột '{p['column']}'" for p in check.result["problems"]]
    assert messages == ["Dòng 3, cột 'Hiệu quả'", "Dòng 4, cột 'Tác giả'", "Dòng 5, cột 'Mã đơn vị'"]
    body = flows.page(client, check)
    assert "Sở Giáo dục" not in body  # a unit outside the reach is not named
    assert "import-apply" not in body and "import-has-errors" in body
    report = flows.sheet_rows(flows.download(client, check))
    assert report[0][-1] == "Lỗi" and "100" in report[3][-1]
    assert not Initiative.objects.exists() and AuditEntry.objects.count() == before
    # "Ghi" on a check with errors starts nothing
    response = flows.post_and_run(client, run, reverse("jobs:import_confirm", args=[check.pk]))
    assert response.status_code == 302 and not Job.objects.filter(kind="initiatives.import.write").exists()
    good = _workbook([_row(1, tree.a, "IMP001", 2_000_000), _row(2, tree.a, "IMP001", "1.500.000")])
    check = flows.upload(client, run, reverse("initiatives:import"), good)
    assert check.result["error_rows"] == 0 and len(check.result["preview"]) == 2
    assert "Sáng kiến dòng 2" in flows.page(client, check) and not Initiative.objects.exists()
    write = flows.confirm(client, run, check)
    assert write.state == Job.State.SUCCEEDED and write.result["written"] == 2
    assert sorted(Initiative.objects.values_list("benefit", flat=True)) == [1_500_000, 2_000_000]
    assert flows.confirm(client, run, check) == write  # pressed twice: written once
    assert Initiative.objects.count() == 2


def test_the_write_checks_again(as_, tree, officer_a, django_capture_on_commit_callbacks):
    """A row that became bad between the check and the write (the author left the reach): the write
    job fails with the row and column in Vietnamese, nothing written."""
    run = django_capture_on_commit_callbacks
    client = as_(officer_a)
    person = join(tree.a, actor=officer_a, card_number="IMP003")
    check = flows.upload(
        client, run, reverse("initiatives:import"), _workbook([_row(1, tree.a, "IMP003", 10)])
    )
    assert check.result["error_rows"] == 0
    person.card_number = "OTHER"
    person.save(update_fields=["card_number"])
    write = flows.confirm(client, run, check)
    assert write.state == Job.State.FAILED
    assert "Dòng 2, cột 'Tác giả'" in write.message and not Initiative.objects.exists()


def test_an_import_job_is_its_owner_s_and_needs_the_role(
    as_, tree, officer_a, officer_b, django_capture_on_commit_callbacks
):
    run = django_capture_on_commit_callbacks
    client = as_(officer_a)
    check = flows.upload(
        client, run, reverse("initiatives:import"), _workbook([_row(1, tree.a, "NOBODY", "x")])
    )
    assert check.result_file
    other = as_(officer_b)
    assert other.get(reverse("jobs:download", args=[check.pk])).status_code == 404
    assert other.post(reverse("jobs:import_confirm", args=[check.pk])).status_code == 404
    client = as_(officer_a)
    RoleAssignment.objects.filter(user=officer_a).update(valid_to=today())
    assert client.get(reverse("jobs:download", args=[check.pk])).status_code == 403
    assert client.post(reverse("jobs:import_confirm", args=[check.pk])).status_code == 403


def test_the_dashboard_card_shows_the_figures(as_, tree, officer_a):
    body = as_(officer_a).get("/").content.decode()
    for name in (
        "initiatives.registered",
        "initiatives.recognised",
        "initiatives.target",
        "initiatives.percent",
    ):
        assert f'data-figure="{name}"' in body


def test_a_file_is_attached_and_read_back_only_through_its_initiative(
    as_, tree, officer_a, viewer_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    (pk,) = f.register(tree.a, actor=officer_a)
    pdf = SimpleUploadedFile("mo-ta.pdf", b"%PDF-1.4 mo ta sang kien", content_type="application/pdf")
    assert as_(viewer_a).post(reverse("initiatives:attach", args=[pk]), {"file": pdf}).status_code == 403
    fake = SimpleUploadedFile("mo-ta.pdf", b"MZ not a pdf", content_type="application/pdf")
    assert as_(officer_a).post(reverse("initiatives:attach", args=[pk]), {"file": fake}).status_code == 422
    pdf.seek(0)
    assert as_(officer_a).post(reverse("initiatives:attach", args=[pk]), {"file": pdf}).status_code == 302
    stored = Initiative.objects.get(pk=pk).attachments.get()
    url = reverse("initiatives:attachment", args=[pk, stored.pk])
    assert b"".join(as_(viewer_a).get(url).streaming_content) == b"%PDF-1.4 mo ta sang kien"
    (other,) = f.register(tree.b)
    assert as_(officer_a).get(reverse("initiatives:attachment", args=[other, stored.pk])).status_code == 404


def test_programme_export_lists_the_programmes_in_reach(as_, tree, officer_a):
    f.programme(tree.a, actor=officer_a, name="Chương trình của Sở Y tế")
    f.programme(tree.b, name="Chương trình của Sở Giáo dục")
    text = _xlsx_text(as_(officer_a).get(reverse("initiatives:programme_export")))
    assert "Chương trình của Sở Y tế" in text and "Sở Giáo dục" not in text


def test_import_page_refuses_a_non_xlsx_file_and_offers_the_template(as_, tree, officer_a):
    upload = SimpleUploadedFile("sk.csv", b"a,b")
    response = as_(officer_a).post(reverse("initiatives:import"), {"file": upload})
    assert response.status_code == 422 and "không phải tệp Excel .xlsx" in response.content.decode()
    assert not Job.objects.exists()
    template = as_(officer_a).get(reverse("initiatives:import_template"))
    assert "Tên sáng kiến" in _xlsx_text(template)
