"""The standard reports of the demo as an officer opens them: each page answers and each xlsx opens
with the issue's formatting (title rows, a header row, totals, counts with grouped thousands — dots
in a Vietnamese Excel —, frozen panes) and figures that agree with the figures API.

Hà Nội's officer for 2022 (seed 001): the year-end report, the membership statistics, the
commendation list, the rating summary, the comparison of its grassroots unions; CĐVC Việt Nam's
officer: the comparison of the units of Khối thi đua III (seed 002)."""

import io
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from congdoan.accounts.models import User
from congdoan.core import figures
from congdoan.demo.tests.conftest import demo  # noqa: F401  (the loaded demo, shared by the module)
from congdoan.emulation.models import Block

pytestmark = pytest.mark.django_db


def _formatted(content: bytes) -> list[list]:
    """The first sheet's rows, after checking its formatting in the file's XML: the frozen pane below
    the header, a bold 14-point title, the header's fill, counts in "#,##0"."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    assert re.search(r'<pane [^>]*state="frozen"', sheet)
    assert '<sz val="14"/>' in styles and 'rgb="FFDCE6F1"' in styles
    assert 'formatCode="#,##0"' in styles
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def _label(name: str) -> str:
    return str(figures.get(name).label)


def _header(rows: list[list], first: str) -> int:
    return next(i for i, row in enumerate(rows) if row and row[0] == first)


def _figures(call, officer, unit, names: str) -> dict:
    response = call(
        officer, "GET", f"/reports/figures?unit={unit.pk}&from=2022-01-01&to=2022-12-31&names={names}"
    )
    assert response.status_code == 200
    return response.json()["figures"]


@pytest.fixture
def hanoi(demo, as_):  # noqa: F811
    officer = User.objects.get(username="hanoi")
    return demo["CDVC-HN"], officer, as_(officer)


def test_membership_statistics(hanoi, call):
    unit, officer, client = hanoi
    query = f"unit={unit.pk}&ky=2022"
    page = client.get(f"/bao-cao/thong-ke-doan-vien/?{query}")
    assert page.status_code == 200 and "Thống kê đoàn viên" in page.content.decode()
    rows = _formatted(client.get(f"/bao-cao/thong-ke-doan-vien/xlsx/?{query}").content)
    assert (
        rows[0][0] == "Thống kê đoàn viên theo đơn vị" and rows[1][0] == unit.version_on(unit.valid_from).name
    )
    assert "Năm 2022" in rows[2][0]
    header = _header(rows, "Đơn vị")
    columns = rows[header]
    assert columns[1:3] == ["Tổng số đoàn viên", "Đoàn viên nữ"]
    body, total = rows[header + 1 : -1], rows[-1]
    assert len(body) >= 58 and total[0] == "Tổng cộng"
    names = ["members.total", "members.female", "workforce.total", "members.rate_percent"]
    api = _figures(call, officer, unit, ",".join(names))
    assert {n: total[columns.index(_label(n))] for n in names} == {n: api[n] for n in names}
    assert 85 <= api["members.rate_percent"] <= 100


def test_commendation_list(hanoi, call):
    unit, officer, client = hanoi
    query = f"unit={unit.pk}&nam=2022"
    page = client.get(f"/bao-cao/khen-thuong/?{query}")
    html = page.content.decode()
    assert page.status_code == 200 and "Giấy khen" in html and "Bằng khen" in html
    rows = _formatted(client.get(f"/bao-cao/khen-thuong/xlsx/?{query}").content)
    assert rows[0][0] == "Danh sách khen thưởng"
    cells = {row[0]: row[1] for row in rows if len(row) > 1}
    assert (cells["Tập thể được khen thưởng"], cells["Cá nhân được khen thưởng"]) == (11, 81)
    text = " ".join(str(c) for row in rows for c in row)
    assert "Giấy khen" in text and "Cờ thi đua" in text


def test_rating_summary(hanoi, call):
    unit, officer, client = hanoi
    query = f"unit={unit.pk}&nam=2022"
    page = client.get(f"/bao-cao/xep-loai/?{query}")
    assert page.status_code == 200 and "Hoàn thành xuất sắc nhiệm vụ" in page.content.decode()
    rows = _formatted(client.get(f"/bao-cao/xep-loai/xlsx/?{query}").content)
    cells = {row[0]: row[1] for row in rows if len(row) > 1}
    api = _figures(call, officer, unit, "units.grassroots,ratings.total,ratings.excellent")
    assert cells["Số công đoàn cơ sở"] == api["units.grassroots"] == 58
    assert cells["Công đoàn cơ sở được xếp loại"] == api["ratings.total"]
    assert cells["Công đoàn cơ sở xếp loại cao nhất"] == api["ratings.excellent"]
    text = " ".join(str(c) for row in rows for c in row)
    assert "Hoàn thành xuất sắc nhiệm vụ" in text and "Công đoàn" in text


def test_comparison_of_a_level(hanoi, call):
    unit, officer, client = hanoi
    query = f"unit={unit.pk}&ky=2022&section=conferences"
    page = client.get(f"/bao-cao/so-sanh/?{query}")
    assert page.status_code == 200 and len(page.context["rows"]) == 58
    rows = _formatted(client.get(f"/bao-cao/so-sanh/xlsx/?{query}").content)
    header = _header(rows, "Đơn vị")
    assert len(rows) - header - 2 == 58 and rows[-1][0] == "Tổng cộng"
    held = rows[header].index(_label("conferences.cbccvc.held"))
    api = _figures(call, officer, unit, "conferences.cbccvc.held")
    assert rows[-1][held] == api["conferences.cbccvc.held"] == 57


def test_comparison_of_an_emulation_block(demo, as_):  # noqa: F811
    officer = User.objects.get(username="cdvcvn")
    block = Block.objects.get(name="Khối thi đua III")
    client = as_(officer)
    query = f"unit={demo['CDVCVN'].pk}&ky=2022&section=organisation&block={block.pk}"
    page = client.get(f"/bao-cao/so-sanh/?{query}")
    assert page.status_code == 200 and len(page.context["rows"]) == 9  # seed 002: nine member unions
    rows = _formatted(client.get(f"/bao-cao/so-sanh/xlsx/?{query}").content)
    header = _header(rows, "Đơn vị")
    members = rows[header].index("Tổng số đoàn viên")
    body = rows[header + 1 : -1]
    assert len(body) == 9 and rows[-1][0] == "Tổng cộng"
    assert rows[-1][members] == sum(r[members] for r in body) > 0
