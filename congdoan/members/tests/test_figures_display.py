"""Counts and rates of the register as people read them (core.numbers): dots between thousands, a
comma before decimals, a rate above 100 % flagged on the statistics page, the dashboard and in the
Excel statistics (where the cell is marked like an error)."""

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from congdoan.core.dates import today
from congdoan.core.models import Job
from congdoan.members import exporting
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record

NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
ON = dt.date(2024, 1, 1)


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def crowded(tree, cdvc_officer):
    """Eleven members in A for a workforce of one (1.100 %), and a workforce of 20.000 in B."""
    for n in range(11):
        join(tree.a, name=f"Nguyễn Văn {n}", actor=cdvc_officer)
    join(tree.b, name="Trần Thị Hoa", actor=cdvc_officer)
    workforce_record(actor=cdvc_officer, unit=tree.a, on=ON, total=1)
    workforce_record(actor=cdvc_officer, unit=tree.b, on=ON, total=20000, women=12000)


def stats_row(body: str, unit_id: int) -> str:
    return re.search(rf'<tr data-unit="{unit_id}".*?</tr>', body, re.S).group(0)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_statistics_page(client, tree, cdvc_officer, crowded, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(cdvc_officer)
    body = client.get(reverse("members:stats"), {"unit": tree.cdvc.pk}).content.decode()
    a, b = stats_row(body, tree.a.pk), stats_row(body, tree.b.pk)
    # The rate is a whole percent (core.figures.percent): shown without a decimal it does not have.
    assert "1.100\u00a0%" in a and "data-over-full" in a and 'class="badge text-bg-warning"' in a
    assert "1100" not in a
    assert ">20.000<" in b and 'data-col="rate">0\u00a0%<' in b and "data-over-full" not in b
    top = stats_row(body, tree.cdvc.pk)
    assert ">20.001<" in top  # the subtree's workforce: 1 + 20.000


def test_dashboard_card(client, tree, cdvc_officer, crowded):
    client.force_login(cdvc_officer)
    card = client.get(reverse("home")).content.decode()
    figures = re.search(r'data-testid="card-members".*?</dl>', card, re.S).group(0)
    assert 'data-figure="workforce.total">20.001<' in figures
    assert 'data-figure="members.total">12<' in figures
    assert 'data-figure="members.rate_percent">0\u00a0%<' in figures  # 12 of 20.001, a whole percent


def test_excel_statistics_mark_a_rate_over_a_hundred(tree, cdvc_officer, crowded):
    out = io.BytesIO()
    exporting.write_stats_xlsx(out, actor=cdvc_officer, unit=tree.cdvc, on=today())
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as book:
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
        styles = ET.fromstring(book.read("xl/styles.xml"))
    formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iterfind(".//x:numFmt", NS)}
    xfs = styles.findall("x:cellXfs/x:xf", NS)
    fills = styles.findall("x:fills/x:fill", NS)

    def look(ref: str) -> tuple[str, str, str]:
        cell = sheet.find(f".//x:c[@r='{ref}']", NS)
        xf = xfs[int(cell.get("s", 0))]
        colour = fills[int(xf.get("fillId"))].find(".//x:fgColor", NS)
        return (
            cell.find("x:v", NS).text,
            formats.get(xf.get("numFmtId"), ""),
            colour.get("rgb") if colour is not None else "",
        )

    # Rows: 1 title, 2 headings, 3 CĐVC, 4 Sở Y tế (A), 5 Sở GD (B).
    assert look("F4") == ("1100", "#,##0.0", "FFFFC7CE")  # over a hundred: marked
    assert look("F5")[1:] == ("#,##0.0", "")
    assert look("E5")[:2] == ("20000", "#,##0")  # counts grouped by thousands in Excel


def test_job_pages(client, officer_a):
    job = Job.objects.create(
        user=officer_a,
        kind="members.export.list",
        label="Xuất",
        state=Job.State.SUCCEEDED,
        done=1863,
        total=20000,
    )
    client.force_login(officer_a)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "1.863/20.000" in page and "100\u00a0%" in page
    listing = client.get(reverse("jobs:list")).content.decode()
    assert ">20.000<" in listing
