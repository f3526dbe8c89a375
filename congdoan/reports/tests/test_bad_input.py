"""Bad input on the reports (issue 15, "Bad input"): a period ending before it starts, one not begun,
a year outside 1900–2100 or after this year, an "as of" date in the future, a unit out of reach, an
unknown figure, a unit that did not exist in the period. Pages and xlsx downloads answer 422 with a
Vietnamese message on the field (never a file, never a 500), the API 422 in its error shape, and all
read the period through ``core.periods``; a file whose build fails mid-way leaves nothing behind."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from congdoan.core.dates import today
from congdoan.core.models import Job
from congdoan.core.periods import Period, parse_year, period_between, read_as_of
from congdoan.core.tests import flows
from congdoan.reports import exporting

pytestmark = pytest.mark.django_db
D = dt.date
NEXT_YEAR = today().year + 1

PAGE_CASES = [
    ("nam=1899", "nam", "ngoài khoảng"),
    ("nam=2101", "nam", "ngoài khoảng"),
    (f"nam={NEXT_YEAR}", "nam", "chưa đến"),
    ("nam=hai", "nam", "không phải là năm"),
    ("nam=2022&as_of=01/01/2099", "as_of", "sau hôm nay"),
    ("nam=2022&as_of=31/12/2021", "as_of", "trước ngày đầu kỳ"),
    ("nam=2019", "unit", "chưa thành lập"),
]
REPORT_URLS = [
    "/bao-cao/tong-ket/",
    "/bao-cao/so-ket/",
    "/bao-cao/khen-thuong/",
    "/bao-cao/xep-loai/",
    "/bao-cao/nop-so-lieu/",
]


def test_the_shared_parser_names_the_callers_field():
    with pytest.raises(ValidationError) as exc:
        parse_year("1800", field="year")
    assert list(exc.value.message_dict) == ["year"]
    with pytest.raises(ValidationError) as exc:
        parse_year(str(NEXT_YEAR), field="nam")
    assert "chưa đến" in exc.value.message_dict["nam"][0]
    assert parse_year(str(NEXT_YEAR), field="nam", future=True) == NEXT_YEAR
    with pytest.raises(ValidationError) as exc:
        period_between(D(2022, 12, 31), D(2022, 1, 1), fields=("from", "to"))
    assert list(exc.value.message_dict) == ["to"]
    with pytest.raises(ValidationError) as exc:
        period_between(D(NEXT_YEAR, 1, 1), None, fields=("from", "to"), started=True)
    assert list(exc.value.message_dict) == ["from"]
    with pytest.raises(ValidationError) as exc:
        read_as_of(Period.year(2022), today() + dt.timedelta(days=1))
    assert list(exc.value.message_dict) == ["as_of"]


@pytest.mark.parametrize("url", REPORT_URLS)
@pytest.mark.parametrize(("query", "field", "words"), PAGE_CASES)
def test_a_report_page_names_the_field(as_, cdvc_officer, year_2022, url, query, field, words):
    page = as_(cdvc_officer).get(f"{url}?unit={year_2022.a.pk}&{query}")
    assert page.status_code == 422
    assert any(words in m for m in page.context["form"].errors[field]), page.context["form"].errors


@pytest.mark.parametrize(
    "url",
    [
        "/bao-cao/tong-ket/xlsx/",
        "/bao-cao/so-ket/xlsx/",
        "/bao-cao/khen-thuong/xlsx/",
        "/bao-cao/xep-loai/xlsx/",
    ],
)
@pytest.mark.parametrize(("query", "field", "words"), PAGE_CASES)
def test_a_download_with_bad_filters_is_422_not_a_file(
    as_, cdvc_officer, year_2022, url, query, field, words
):
    response = as_(cdvc_officer).get(f"{url}?unit={year_2022.a.pk}&{query}")
    assert response.status_code == 422 and "Content-Disposition" not in response
    assert words in response.content.decode()


@pytest.mark.parametrize(
    ("url", "field", "words"),
    [
        ("/bao-cao/thong-ke-doan-vien/xlsx/?ky=2101", "ky", "ngoài khoảng"),
        (f"/bao-cao/thong-ke-doan-vien/xlsx/?ky={NEXT_YEAR}", "ky", "chưa bắt đầu"),
        ("/bao-cao/so-sanh/xlsx/?tu=31/12/2022&den=01/01/2022", "den", "không được trước"),
        (f"/bao-cao/so-sanh/xlsx/?tu=01/01/{NEXT_YEAR}", "tu", "chưa bắt đầu"),
        ("/bao-cao/thong-ke-doan-vien/xlsx/?ky=2022&as_of=01/01/2099", "as_of", "sau hôm nay"),
    ],
)
def test_a_table_download_with_bad_filters_is_422(as_, cdvc_officer, year_2022, url, field, words):
    response = as_(cdvc_officer).get(f"{url}&unit={year_2022.cdvc.pk}")
    assert response.status_code == 422 and "Content-Disposition" not in response
    assert any(words in m for m in response.context["form"].errors[field])


@pytest.mark.parametrize(
    "url", ["/bao-cao/tong-ket/", "/bao-cao/tong-ket/xlsx/", "/bao-cao/nop-so-lieu/", "/bao-cao/"]
)
def test_a_unit_out_of_reach_is_404(as_, officer_a, year_2022, url):
    assert as_(officer_a).get(f"{url}?unit={year_2022.b.pk}&nam=2022&ky=2022").status_code == 404


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("from=1899-01-01&to=1899-12-31", "from", "01/01/1900"),
        (f"from={NEXT_YEAR}-01-01", "from", "chưa bắt đầu"),
        ("from=2022-01-01&to=2101-12-31", "to", "ngoài khoảng"),
        ("from=2022-01-01&to=2022-12-31&names=nobody.here", "names", "nobody.here"),
    ],
)
def test_the_api_names_the_field(call, cdvc_officer, year_2022, query, field, words):
    response = call(cdvc_officer, "GET", f"/reports/figures?unit={year_2022.a.pk}&{query}")
    assert response.status_code == 422, response.content
    body = response.json()
    assert words in " ".join(body["errors"][field]) and body["message"]


def test_the_filing_reminder_schedule_refuses_a_future_year(as_, cdvc_officer, year_2022):
    response = as_(cdvc_officer).post(
        "/nhac-tu-dong/dat/",
        {"kind": "reports.filing", "unit": year_2022.cdvc.pk, "p_year": str(NEXT_YEAR), "every_days": "14"},
    )
    assert response.status_code == 422 and "chưa đến" in response.content.decode()


def test_a_file_failing_mid_way_leaves_nothing(
    as_, cdvc_officer, year_2022, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """The workbook is built in memory and written whole (``core.job_flows.write_whole``): a build
    failing after its first rows leaves no file in the job's folder and the job failed."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_INLINE_UNITS = 1
    real = exporting._number
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) > 3:
            raise OSError("disk gone mid-way")
        return real(*args, **kwargs)

    monkeypatch.setattr(exporting, "_number", failing)
    client = as_(cdvc_officer)
    url = f"/bao-cao/tong-ket/xlsx/?unit={year_2022.cdvc.pk}&nam=2022"
    job = flows.job_of(flows.post_and_run(client, django_capture_on_commit_callbacks, url))
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and not job.result_file and len(calls) > 3
    folder = Path(settings.MEDIA_ROOT) / "jobs" / str(job.pk)
    assert not folder.exists() or not any(folder.iterdir())


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from congdoan.core.job_flows import write_whole

    target = tmp_path / "ket-qua.xlsx"

    def broken(self, data):
        Path.open(self, "wb").write(data[:10])
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_bytes", broken)
    with pytest.raises(OSError):
        write_whole(target, b"x" * 100)
    assert list(tmp_path.iterdir()) == []
