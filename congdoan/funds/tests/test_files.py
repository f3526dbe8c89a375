"""Excel in (per row and column errors, nothing written on any error), the contributor list as
xlsx and the receipt as docx, each opened and searched."""

import datetime as dt
import io
import zipfile

import pytest
import xlsxwriter
from django.urls import reverse
from python_calamine import CalamineWorkbook

from congdoan.core.bulk.sheet import cell_message
from congdoan.core.dates import today
from congdoan.core.models import AuditEntry, Job
from congdoan.core.tests import flows
from congdoan.members.tests.factories import join
from congdoan.organizations.models import RoleAssignment

from .. import exporting, importing
from ..models import Contribution
from .factories import drive, give

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in importing.COLUMNS]


def _body(rows) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is not None:
                sheet.write(r, col, value)
    book.close()
    return buffer.getvalue()


def _check(client, run, d, rows) -> Job:
    """Upload ``rows`` on the drive's import page: the check job, run."""
    return flows.upload(client, run, reverse("funds:import", args=[d.pk]), _body(rows), name="ung-ho.xlsx")


def _texts(job: Job) -> list[str]:
    return [cell_message(p["row"], p["column"], p["message"]) for p in job.result["problems"]]


def _xml(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "\n".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))


def test_a_text_amount_is_refused_with_its_row_and_column(
    as_, tree, cdvc_officer, django_capture_on_commit_callbacks
):
    run, client = django_capture_on_commit_callbacks, as_(cdvc_officer)
    d = drive(tree.cdvc, actor=cdvc_officer)
    rows = [
        ["BN1", "05/03/2022", 1_500_000, "CDCS_A"],
        ["BN2", "06/03/2022", "một triệu", "CDCS_B"],
        ["BN3", "07/03/2022", 2500.5, "CDCS_B"],
    ]
    before = AuditEntry.objects.count()
    check = _check(client, run, d, rows)
    messages = _texts(check)
    assert messages[0].startswith("Dòng 3, cột 'Số tiền': 'một triệu'")
    assert messages[1].startswith("Dòng 4, cột 'Số tiền':") and "thập phân" in messages[1]
    report = flows.sheet_rows(flows.download(client, check))
    assert "một triệu" in report[2][-1]
    assert not Contribution.objects.exists() and AuditEntry.objects.count() == before


def test_rule_errors_name_row_and_column_and_nothing_is_written(
    as_, tree, cdvc_officer, django_capture_on_commit_callbacks
):
    run, client = django_capture_on_commit_callbacks, as_(cdvc_officer)
    d = drive(tree.cdvc, actor=cdvc_officer)
    give(d, tree.a, 10, actor=cdvc_officer, receipt="BN9")
    rows = [
        ["BN1", "05/03/2022", 1_500_000, "CDCS_A"],
        ["BN9", "06/03/2022", 200_000, "CDCS_B"],
        ["BN3", "07/03/2023", 300_000, "CDCS_B"],
        ["BN4", "07/03/2022", 300_000, "OTHER"],
        ["BN5", "07/03/2022", 300_000, "KHONG-CO"],
    ]
    check = _check(client, run, d, rows)
    text = "\n".join(_texts(check))
    assert "Dòng 6, cột 'Mã đơn vị thu': không có đơn vị mã 'KHONG-CO'" in text
    assert "Dòng 3, cột 'Số biên nhận': Số biên nhận 'BN9' đã dùng" in text
    assert "Dòng 4, cột 'Ngày ủng hộ': Ngày ủng hộ 07/03/2023 nằm ngoài" in text
    assert "Dòng 5, cột 'Mã đơn vị thu': Đơn vị ủng hộ không thuộc đơn vị phát động" in text
    assert "import-apply" not in flows.page(client, check)
    assert Contribution.objects.count() == 1


def test_a_good_file_is_written_whole(as_, tree, cdvc_officer, officer_a, django_capture_on_commit_callbacks):
    run = django_capture_on_commit_callbacks
    d = drive(tree.cdvc, actor=cdvc_officer)
    member = join(tree.a, name="Lê Văn Bình", actor=officer_a, card_number="TV0001")
    client = as_(cdvc_officer)
    check = _check(
        client,
        run,
        d,
        [
            ["BN1", "05/03/2022", 1_500_000, "CDCS_A"],
            ["BN2", dt.date(2022, 3, 6), "2.000.000 đ", "CDCS_B", "Tập thể"],
            ["BN3", "07/03/2022", 300_000, "CDCS_A", "Đoàn viên", "TV0001"],
            ["BN4", "07/03/2022", 50_000, "CDCS_A", "Cá nhân", None, "Bà Nguyễn Thị Hoa", "Tiền mặt"],
        ],
    )
    assert check.result["error_rows"] == 0 and check.result["preview"][1][:3] == [
        "BN2",
        "06/03/2022",
        "2.000.000",
    ]
    assert not Contribution.objects.exists()
    write = flows.confirm(client, run, check)
    assert write.state == Job.State.SUCCEEDED and write.result["written"] == 4
    rows = {c.receipt_no: c for c in Contribution.objects.all()}
    assert rows["BN2"].amount == 2_000_000 and rows["BN2"].unit == tree.b
    assert rows["BN3"].person == member and rows["BN3"].contributor_name == "Lê Văn Bình"
    assert rows["BN4"].contributor_name == "Bà Nguyễn Thị Hoa" and rows["BN4"].note == "Tiền mặt"
    assert AuditEntry.objects.filter(action="fund_contribution.record").count() == 4


def test_a_receipt_taken_after_the_check_fails_the_write(
    as_, tree, cdvc_officer, django_capture_on_commit_callbacks
):
    run, client = django_capture_on_commit_callbacks, as_(cdvc_officer)
    d = drive(tree.cdvc, actor=cdvc_officer)
    check = _check(client, run, d, [["BN1", "05/03/2022", 1_500_000, "CDCS_A"]])
    give(d, tree.a, 10, actor=cdvc_officer, receipt="BN1")
    write = flows.confirm(client, run, check)
    assert write.state == Job.State.FAILED and "Dòng 2, cột 'Số biên nhận'" in write.message
    assert Contribution.objects.count() == 1


def test_the_import_jobs_are_the_owner_s_and_need_the_drive(
    as_, tree, cdvc_officer, officer_a, django_capture_on_commit_callbacks
):
    run, client = django_capture_on_commit_callbacks, as_(cdvc_officer)
    d = drive(tree.cdvc, actor=cdvc_officer)
    check = _check(client, run, d, [["BN1", "05/03/2022", "x", "CDCS_A"]])
    other = as_(officer_a)
    assert other.get(reverse("jobs:download", args=[check.pk])).status_code == 404
    assert other.post(reverse("jobs:import_confirm", args=[check.pk])).status_code == 404
    client = as_(cdvc_officer)
    RoleAssignment.objects.filter(user=cdvc_officer).update(valid_to=today())
    assert client.get(reverse("jobs:download", args=[check.pk])).status_code == 403


def test_the_template_has_the_columns():
    book = CalamineWorkbook.from_filelike(io.BytesIO(importing.template_xlsx()))
    assert book.get_sheet_by_index(0).to_python()[0][: len(HEADERS)] == HEADERS


def test_contributor_list_xlsx_holds_each_contributor_and_amounts_in_words(tree, cdvc_officer, officer_a):
    d = drive(tree.cdvc, actor=cdvc_officer)
    give(d, tree.a, 1_234_567_890, actor=cdvc_officer, receipt="BN1")
    give(d, tree.b, 2_100_000_000, actor=cdvc_officer, receipt="BN2")
    text = _xml(exporting.contributors_xlsx(actor=cdvc_officer, drive=d))
    assert "Công đoàn Sở Y tế" in text and "Công đoàn Sở Giáo dục và Đào tạo" in text
    assert "Hai tỷ một trăm triệu đồng" in text
    assert "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng" in text
    assert "Ba tỷ ba trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng" in text
    book = CalamineWorkbook.from_filelike(
        io.BytesIO(exporting.contributors_xlsx(actor=cdvc_officer, drive=d))
    )
    totals = book.get_sheet_by_name("Tổng hợp theo đơn vị").to_python()
    assert totals[1][0] == "Công đoàn Viên chức tỉnh A" and totals[1][2] == 3_334_567_890
    empty = drive(tree.cdvc, actor=cdvc_officer, code="khuyen_hoc")
    assert "Không đồng" in _xml(exporting.contributors_xlsx(actor=cdvc_officer, drive=empty))
    mine = _xml(exporting.contributors_xlsx(actor=officer_a, drive=d))
    assert "Công đoàn Sở Y tế" in mine and "Công đoàn Sở Giáo dục và Đào tạo" not in mine


def test_receipt_docx_prints_the_amount_in_words_and_the_date_line(tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    c = give(d, tree.a, 1_000_000, actor=cdvc_officer, receipt="BN-15", on=dt.date(2022, 4, 5))
    text = _xml(exporting.receipt_docx(c))
    assert "Một triệu đồng" in text and "1.000.000" in text
    assert "ngày 05 tháng 4 năm 2022" in text
    assert "BN-15" in text and "CÔNG ĐOÀN SỞ Y TẾ" in text and "Vì biển đảo Việt Nam" in text
    assert exporting.receipt_file_name(c) == "bien-nhan-BN-15.docx"
