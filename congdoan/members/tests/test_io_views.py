"""The import and export pages end to end, with the in-process job queue: upload → report → "Ghi
vào sổ" → members written; exports to download; another officer's jobs are 404."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from congdoan.core.models import AuditEntry, Job
from congdoan.demo.import_files import build_import_file
from congdoan.members.importing import LISTS_SHEET, SHEET
from congdoan.members.models import Person
from congdoan.members.tests.factories import join
from congdoan.members.tests.test_importing import member, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def as_(client, django_capture_on_commit_callbacks):
    """The client logged in as ``user``. A POST runs the jobs it starts, as the queue does once the
    request's transaction commits (the test's transaction never commits)."""
    post = client.post

    def post_and_run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_run

    def login(user):
        client.force_login(user)
        return client

    return login


def upload(client, path, name: str = "danh-sach.xlsx"):
    data = path.read_bytes() if hasattr(path, "read_bytes") else path
    return client.post(reverse("members:import"), {"file": SimpleUploadedFile(name, data, content_type=XLSX)})


def job_of(response) -> Job:
    assert response.status_code == 302, response.status_code
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert response["Location"] == reverse("jobs:detail", args=[job_id])
    return Job.objects.get(pk=job_id)


def page(client, job: Job) -> str:
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    assert response.status_code == 200
    return response.content.decode()


def download(client, job: Job) -> list[list]:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    return book.get_sheet_by_index(0).to_python()


# -- import ------------------------------------------------------------------------------------------------


def test_the_import_page_and_its_template(as_, officer_a, tree):
    client = as_(officer_a)
    body = client.get(reverse("members:import")).content.decode()
    assert "Tải tệp mẫu" in body and 'enctype="multipart/form-data"' in body
    response = client.get(reverse("members:import_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert 'filename="mau-nhap-doan-vien.xlsx"' in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert [row[0] for row in book.get_sheet_by_name(LISTS_SHEET).to_python()[1:] if row[0]] == ["CDCS_A"]


def test_import_needs_members_manage(as_, viewer_a):
    client = as_(viewer_a)
    assert client.get(reverse("members:import")).status_code == 403
    assert client.get(reverse("members:import_template")).status_code == 403
    assert client.get(reverse("members:export")).status_code == 200


def test_upload_report_confirm_write(as_, officer_a, tree, tmp_path):
    """The issue's "done when": a file with errors shows them and writes nothing; corrected, it imports."""
    client = as_(officer_a)
    bad = write_xlsx(
        tmp_path / "loi.xlsx", [member(1), member(2, date_of_birth="31/02/1990", unit_code="CDCS_B")]
    )
    check = job_of(upload(client, bad, "danh-sach-thang-5.xlsx"))
    assert (
        check.state == Job.State.SUCCEEDED
        and check.label == "Kiểm tra tệp nhập đoàn viên danh-sach-thang-5.xlsx"
    )
    body = page(client, check)
    assert 'data-testid="import-errors"' in body
    assert (
        '<td class="text-end">3</td><td>Ngày sinh</td><td>&#x27;31/02/1990&#x27; không phải là ngày hợp lệ'
        in body
    )
    assert "Mã đơn vị &#x27;CDCS_B&#x27; không tồn tại hoặc ngoài phạm vi quản lý của bạn." in body
    assert 'data-testid="import-apply"' not in body
    report = download(client, check)
    assert report[0][-1] == "Lỗi" and report[2][-1].startswith("Dòng 3, cột 'Ngày sinh'")
    assert not Person.objects.exists()
    # The write is refused for a file with errors, whatever is posted.
    response = client.post(reverse("members:import_apply", args=[check.pk]))
    assert response["Location"] == reverse("jobs:detail", args=[check.pk])
    assert not Person.objects.exists() and Job.objects.count() == 1

    good = write_xlsx(tmp_path / "da-sua.xlsx", [member(1), member(2)])
    check = job_of(upload(client, good, "da-sua.xlsx"))
    body = page(client, check)
    assert 'data-testid="import-apply"' in body and 'data-testid="job-download"' not in body
    assert not Person.objects.exists()  # checking writes nothing

    write = job_of(client.post(reverse("members:import_apply", args=[check.pk])))
    assert write.state == Job.State.SUCCEEDED and write.params == {
        "source": str(check.pk),
        "filename": "da-sua.xlsx",
    }
    assert "Đã ghi vào sổ 2 dòng: thêm mới 2, cập nhật 0, không thay đổi 0." in page(client, write)
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Nguyễn Văn Nhập 1",
        "Nguyễn Văn Nhập 2",
    ]
    assert AuditEntry.objects.filter(action="member.join", actor=officer_a).count() == 2
    # Pressing the button again writes nothing more and leads to the first write.
    response = client.post(reverse("members:import_apply", args=[check.pk]))
    assert response["Location"] == reverse("jobs:detail", args=[write.pk])
    assert Person.objects.count() == 2 and Job.objects.filter(kind=write.kind).count() == 1
    assert "Xem kết quả ghi vào sổ" in page(client, check)
    jobs_page = client.get(reverse("jobs:list")).content.decode()
    assert "Ghi vào sổ đoàn viên tệp da-sua.xlsx" in jobs_page


def test_the_same_file_twice_updates(as_, officer_a, tree, tmp_path):
    client = as_(officer_a)
    path = write_xlsx(tmp_path / "ds.xlsx", [member(1)])
    for _ in range(2):
        check = job_of(upload(client, path))
        job_of(client.post(reverse("members:import_apply", args=[check.pk])))
    assert check.result["unchanged"] == 1 and Person.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"PK\x03\x04 not really a zip",
            "Không đọc được tệp: tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx).",
        ),
        ("Họ và tên,Giới tính\n".encode(), "Không đọc được tệp"),
    ],
    ids=["corrupt", "text"],
)
def test_an_unreadable_file_fails_the_check_with_a_message(as_, officer_a, tree, content, message):
    client = as_(officer_a)
    check = job_of(upload(client, content))
    assert check.state == Job.State.FAILED and check.message.startswith(message)
    body = page(client, check)
    assert message in body and 'data-testid="import-apply"' not in body
    assert client.post(reverse("members:import_apply", args=[check.pk]))["Location"] == reverse(
        "jobs:detail", args=[check.pk]
    )
    assert not Person.objects.exists()


def test_wrong_headers_fail_the_check_naming_the_columns(as_, officer_a, tree, tmp_path):
    path = write_xlsx(tmp_path / "sai.xlsx", [["A", "Nam"]], headers=["Họ và tên", "Phái"])
    check = job_of(upload(as_(officer_a), path))
    assert check.state == Job.State.FAILED
    assert check.message.splitlines()[:2] == [
        "Cột 'Phái' không có trong mẫu.",
        "Thiếu cột 'Giới tính' (bắt buộc).",
    ]


def test_a_file_that_is_not_xlsx_is_refused_at_once(as_, officer_a, tree):
    response = upload(as_(officer_a), b"a;b", name="danh-sach.csv")
    assert response.status_code == 422
    assert "&#x27;danh-sach.csv&#x27; không phải tệp Excel .xlsx" in response.content.decode()
    assert not Job.objects.exists()


def test_another_officers_import_is_404(as_, officer_a, officer_b, tree, tmp_path):
    path = write_xlsx(tmp_path / "b.xlsx", [member(1, unit_code="CDCS_B")])
    check = job_of(upload(as_(officer_b), path))
    assert check.result["ok"] == 1
    client = as_(officer_a)
    assert client.get(reverse("jobs:detail", args=[check.pk])).status_code == 404
    assert client.get(reverse("jobs:progress", args=[check.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[check.pk])).status_code == 404
    assert client.post(reverse("members:import_apply", args=[check.pk])).status_code == 404
    assert not Person.objects.exists()


def test_only_a_check_can_be_written(as_, officer_a, tree):
    other = Job.objects.create(user=officer_a, kind="members.export.list", label="x")
    assert as_(officer_a).post(reverse("members:import_apply", args=[other.pk])).status_code == 404


def test_a_large_file_with_one_bad_row_shows_it(as_, officer_a, tree, tmp_path):
    path = tmp_path / "lon.xlsx"
    build_import_file(path, 5_000, unit_codes=["CDCS_A"], bad_rows={4_321})
    check = job_of(upload(as_(officer_a), path))
    assert (check.result["rows"], check.result["error_rows"], check.total) == (5_000, 1, 5_000)
    assert check.result["problems"] == [
        {
            "row": 4_322,
            "column": "Ngày kết nạp",
            "message": "'31/02/2020' không phải là ngày hợp lệ (dd/mm/yyyy).",
        }
    ]
    assert not Person.objects.exists()


# -- export --------------------------------------------------------------------------------------------------


@pytest.fixture
def people(tree, officer_b):
    join(tree.a, name="Trần Thị Lan", sex="F", phone="0912345678", id_number="001190000001")
    join(tree.a, name="Lê Văn Bình", sex="M")
    join(tree.b, name="Phạm Thị Sibling", actor=officer_b)


def test_export_of_the_filtered_list(as_, officer_a, tree, people):
    client = as_(officer_a)
    list_page = client.get(reverse("members:list"), {"sex": "F", "descendants": "on"})
    export_url = list_page.context["export_url"]
    confirm = client.get(export_url)
    body = confirm.content.decode()
    assert confirm.status_code == 200
    assert 'data-testid="export-count">1<' in body and 'data-testid="export-personal"' in body
    assert '<input type="hidden" name="sex" value="F">' in body
    assert not Job.objects.exists()  # a link starts nothing

    job = job_of(client.post(reverse("members:export"), {"sex": "F", "descendants": "on"}))
    assert job.state == Job.State.SUCCEEDED and job.params == {"filters": {"descendants": "on", "sex": "F"}}
    assert "Đã xuất 1 đoàn viên." in page(client, job)
    rows = download(client, job)
    assert [r[1] for r in rows[1:]] == ["Trần Thị Lan"] and "0912345678" in rows[1]
    assert job.result_name == f"doan-vien-{dt.date.today():%Y%m%d}.xlsx"
    entry = AuditEntry.objects.get(action="member.export")
    assert entry.actor == officer_a and entry.after["rows"] == 1


def test_export_without_personal_rights(as_, viewer_a, people):
    client = as_(viewer_a)
    assert 'data-testid="export-personal"' not in client.get(reverse("members:export")).content.decode()
    job = job_of(client.post(reverse("members:export"), {"descendants": "on"}))
    rows = download(client, job)
    assert len(rows) == 3 and not any("0912345678" in r for r in rows)
    assert not AuditEntry.objects.filter(action="member.export").exists()


def test_export_refuses_a_search_for_an_id_number(as_, officer_a, people):
    client = as_(officer_a)
    response = client.get(reverse("members:export"), {"q": "001190000001"})
    assert response.status_code == 422 and 'data-testid="export-blocked"' in response.content.decode()
    assert client.post(reverse("members:export"), {"q": "001 190 000 001"}).status_code == 422
    assert not Job.objects.exists()


def test_export_of_the_statistics(as_, officer_a, tree, people):
    client = as_(officer_a)
    assert client.get(reverse("members:export_stats"), {"unit": tree.a.pk}).status_code == 200
    job = job_of(client.post(reverse("members:export_stats"), {"unit": tree.a.pk, "on": "2024-06-30"}))
    assert job.params == {"unit": tree.a.pk, "on": "2024-06-30"}
    assert "Đã xuất thống kê của 1 đơn vị." in page(client, job)
    rows = download(client, job)
    assert rows[0][0] == "Số đoàn viên ngày 30/06/2024 (đang sinh hoạt và miễn sinh hoạt)"
    assert rows[2][:4] == ["Công đoàn Sở Y tế", "Công đoàn cơ sở", 2.0, 1.0]


def test_export_of_the_statistics_of_a_unit_out_of_scope_is_refused(as_, officer_a, tree):
    client = as_(officer_a)
    assert client.post(reverse("members:export_stats"), {"unit": tree.b.pk}).status_code == 422
    assert not Job.objects.exists()


def test_the_sheet_of_an_export_is_the_import_sheet(as_, officer_a, people):
    client = as_(officer_a)
    job = job_of(client.post(reverse("members:export"), {"descendants": "on"}))
    response = client.get(reverse("jobs:download", args=[job.pk]))
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheet_names == [SHEET]


def test_export_ignores_a_filter_out_of_scope_and_says_so(as_, officer_a, tree, people):
    response = as_(officer_a).get(reverse("members:export"), {"unit": tree.b.pk, "descendants": "on"})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="filter-errors"' in body
    assert 'data-testid="export-count">2<' in body and 'name="unit"' not in body
