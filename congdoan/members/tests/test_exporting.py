"""Exporting to Excel: the template's layout, the list page's filters, personal columns only with
members.view_personal (and audited), an export that imports again, statistics, flat memory."""

import datetime as dt
import io
import tracemalloc

import pytest
from python_calamine import CalamineWorkbook

from congdoan.core.bulk import xlsx
from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.core.tests.test_bulk_rows import OneCallACell, parts
from congdoan.demo.import_files import build_import_file
from congdoan.members import exporting, import_write
from congdoan.members.forms import MemberFilterForm
from congdoan.members.importing import COLUMNS, SHEET
from congdoan.members.models import Person
from congdoan.members.selectors import MemberFilters
from congdoan.members.services import PERSONAL_FIELDS
from congdoan.members.tests.factories import join
from congdoan.organizations.models import RoleAssignment, RoleKind
from congdoan.organizations.tests.factories import D2020, UserFactory, grant

HEADERS = [c.header for c in COLUMNS]
EXTRA = ["Đơn vị sinh hoạt", "Trạng thái"]


@pytest.fixture
def people(tree, officer_b):
    lan = join(
        tree.a,
        name="Trần Thị Lan",
        sex="F",
        card_number="A001",
        id_number="001190000001",
        phone="0912345678",
        date_of_birth=dt.date(1990, 5, 17),
        hardship=True,
    )
    binh = join(tree.a, name="Lê Văn Bình", sex="M", card_number="A002", on=dt.date(2022, 3, 1))
    join(tree.b, name="Phạm Thị Sibling", card_number="B001", actor=officer_b)
    return lan, binh


def export(actor, filters=None) -> tuple[int, list[list]]:
    out = io.BytesIO()
    n = exporting.write_members_xlsx(out, actor=actor, filters=filters or MemberFilters())
    out.seek(0)
    return n, CalamineWorkbook.from_filelike(out).get_sheet_by_name(SHEET).to_python()


def by_header(cells: list[list]) -> list[dict]:
    return [dict(zip(cells[0], row, strict=True)) for row in cells[1:]]


def test_rows_in_the_template_layout(officer_a, people):
    n, cells = export(officer_a)
    assert n == 2
    assert cells[0] == [*HEADERS, *EXTRA]
    binh, lan = by_header(cells)  # sorted by name, as the list page
    assert lan["STT"] == 2.0 and binh["STT"] == 1.0
    assert lan["Họ và tên*"] == "Trần Thị Lan" and lan["Giới tính* (Nam/Nữ)"] == "Nữ"
    assert lan["Ngày sinh (dd/mm/yyyy)"] == dt.date(1990, 5, 17)
    assert (lan["Số CCCD (12 số)"], lan["Điện thoại"]) == ("001190000001", "0912345678")
    assert (lan["Mã đơn vị*"], lan["Số thẻ đoàn viên"]) == ("CDCS_A", "A001")
    assert lan["Ngày kết nạp*"] == dt.date(2021, 1, 1)
    assert (lan["Hoàn cảnh khó khăn (x/Có)"], lan["Gia đình chính sách (x/Có)"]) == ("x", "")
    assert (lan["Đơn vị sinh hoạt"], lan["Trạng thái"]) == ("Công đoàn Sở Y tế", "Đang sinh hoạt")
    assert binh["Giới tính* (Nam/Nữ)"] == "Nam" and binh["Ngày kết nạp*"] == dt.date(2022, 3, 1)


def test_the_list_pages_filters(officer_a, tree, people):
    filters = MemberFilterForm(
        {"sex": "M", "unit": str(tree.a.pk), "descendants": "on"}, actor=officer_a
    ).to_filters()
    n, cells = export(officer_a, filters)
    assert n == 1 and [r["Họ và tên*"] for r in by_header(cells)] == ["Lê Văn Bình"]
    # A unit outside the actor's reach is no filter at all: still only their own members.
    n, cells = export(officer_a, MemberFilterForm({"unit": str(tree.b.pk)}, actor=officer_a).to_filters())
    assert "Phạm Thị Sibling" not in {r["Họ và tên*"] for r in by_header(cells)}


def test_personal_columns_need_view_personal_and_no_audit_without_them(viewer_a, people):
    n, cells = export(viewer_a)
    personal = {c.header for c in COLUMNS if c.key in PERSONAL_FIELDS}
    assert n == 2
    assert cells[0] == [c.header for c in COLUMNS if c.key not in PERSONAL_FIELDS] + EXTRA
    assert not personal & set(cells[0])
    assert "0912345678" not in {v for row in cells for v in row}
    assert not AuditEntry.objects.filter(action="member.export").exists()


def test_a_personal_export_is_audited(officer_a, tree, people):
    filters = MemberFilterForm({"q": "Lan", "descendants": "on"}, actor=officer_a).to_filters()
    export(officer_a, filters)
    entry = AuditEntry.objects.get(action="member.export")
    assert entry.actor == officer_a
    assert (entry.object_type, entry.object_id, entry.unit_id) == (
        "organizations.unit",
        str(tree.a.pk),
        tree.a.pk,
    )
    assert entry.after["rows"] == 1
    assert entry.after["fields"] == [
        "date_of_birth",
        "id_number",
        "phone",
        "email",
        "policy_family",
        "hardship",
    ]
    assert entry.after["filters"]["q"] == "Lan"


def test_a_search_for_an_id_number_is_not_kept_in_the_audit(officer_a, people):
    export(officer_a, MemberFilters(q="001190000001"))
    assert "q" not in AuditEntry.objects.get(action="member.export").after["filters"]


def test_personal_cells_only_for_members_the_actor_may_see_them_of(tree, people):
    """An officer who sees the whole CĐVC but personal data of CĐCS A only."""
    officer = UserFactory(username="cdvc_viewer")
    grant(officer, tree.cdvc, "uy-vien-bch")
    role = RoleKind.objects.create(
        code="ca-nhan-a", name="Xem cá nhân", permissions=["members.view_personal", "members.export_personal"]
    )
    RoleAssignment.objects.create(user=officer, role=role, unit=tree.a, valid_from=D2020)
    sibling = Person.objects.get(full_name="Phạm Thị Sibling")
    Person.objects.filter(pk=sibling.pk).update(phone="0987654321")
    n, cells = export(officer)
    rows = {r["Họ và tên*"]: r for r in by_header(cells)}
    assert n == 3
    assert rows["Trần Thị Lan"]["Điện thoại"] == "0912345678"
    assert (
        rows["Phạm Thị Sibling"]["Điện thoại"] == ""
        and rows["Phạm Thị Sibling"]["Ngày sinh (dd/mm/yyyy)"] == ""
    )
    assert AuditEntry.objects.get(action="member.export").unit_id == tree.a.pk


def test_an_export_imports_again(officer_a, people, awkward, tmp_path):
    path = tmp_path / "xuat.xlsx"
    n = exporting.write_members_xlsx(path, actor=officer_a, filters=MemberFilters())
    plan = import_write.import_file(actor=officer_a, path=path)
    assert plan.summary() == {
        "rows": n,
        "ok": n,
        "create": 0,
        "update": 0,
        "unchanged": n,
        "error_rows": 0,
        "errors": 0,
        "warnings": 0,
    }
    assert Person.objects.count() == 4


AWKWARD = {
    "full_name": '=HYPERLINK("http://x") Đặng Thị Ư',
    "job_title": 'Kỹ sư & <chuyên viên> "chính"',
    "job_position": "+84 trưởng phòng",
    "education": "@Đại học _x0041_",
    "ethnicity": "-Kinh",
}


@pytest.fixture
def awkward(tree, people):
    """A member whose text looks like formulas, markup and Excel's escapes."""
    return join(
        tree.a,
        name=AWKWARD["full_name"],
        sex="F",
        card_number="A003",
        id_number="079190000003",
        phone="0283822000",
        email="ung@example.vn",
        date_of_birth=dt.date(1970, 12, 31),
        work_started_on=dt.date(1995, 2, 28),
        policy_family=True,
        on=dt.date(2024, 2, 29),
        **{k: v for k, v in AWKWARD.items() if k != "full_name"},
    )


def test_cells_as_when_each_went_through_xlsxwriter(officer_a, awkward, monkeypatch):
    """Issue 9: rows written a chunk at a time (``xlsx.RowStream``) are the cells, formats and bytes
    the export wrote one xlsxwriter call a cell, for text that looks like formulas or markup too."""
    streamed = io.BytesIO()
    exporting.write_members_xlsx(streamed, actor=officer_a)
    monkeypatch.setattr(xlsx, "RowStream", OneCallACell)
    one = io.BytesIO()
    exporting.write_members_xlsx(one, actor=officer_a)
    assert parts(streamed.getvalue()) == parts(one.getvalue())
    assert "<f>" not in parts(streamed.getvalue())["sheet"]
    rows = {
        r["Họ và tên*"]: r
        for r in by_header(
            CalamineWorkbook.from_filelike(io.BytesIO(streamed.getvalue()))
            .get_sheet_by_name(SHEET)
            .to_python()
        )
    }
    ung = rows[AWKWARD["full_name"]]
    assert [ung[c.header] for c in COLUMNS if c.key in AWKWARD] == [
        AWKWARD[c.key] for c in COLUMNS if c.key in AWKWARD
    ]
    assert (ung["Ngày sinh (dd/mm/yyyy)"], ung["Ngày vào làm việc"], ung["Ngày kết nạp*"]) == (
        dt.date(1970, 12, 31),
        dt.date(1995, 2, 28),
        dt.date(2024, 2, 29),
    )
    assert (ung["Gia đình chính sách (x/Có)"], ung["Hoàn cảnh khó khăn (x/Có)"], ung["STT"]) == ("x", "", 3.0)


def test_statistics_by_unit(cdvc_officer, tree, people):
    out = io.BytesIO()
    assert exporting.write_stats_xlsx(out, actor=cdvc_officer, unit=tree.cdvc, on=today()) == 3
    out.seek(0)
    rows = CalamineWorkbook.from_filelike(out).get_sheet_by_index(0).to_python()
    assert rows[1] == ["Đơn vị", "Loại đơn vị", "Đoàn viên", "Nữ", "CBCCVCLĐ", "Tỷ lệ (%)"]
    assert [(r[0], r[2], r[3]) for r in rows[2:]] == [
        ("Công đoàn Viên chức tỉnh A", 3.0, 2.0),
        ("Công đoàn Sở Y tế", 2.0, 1.0),
        ("Công đoàn Sở Giáo dục và Đào tạo", 1.0, 1.0),
    ]


def _peak_bytes(actor, tmp_path) -> int:
    tracemalloc.start()
    try:
        exporting.write_members_xlsx(tmp_path / "xuat.xlsx", actor=actor, filters=MemberFilters())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat(officer_a, tree, tmp_path, monkeypatch):
    """Ten times the rows, the same peak: rows stream from the database to the file, a chunk at a
    time (small chunks here, so that both runs span many)."""
    monkeypatch.setattr(exporting, "CHUNK", 200)
    build_import_file(tmp_path / "a.xlsx", 1_000, unit_codes=["CDCS_A"])
    import_write.import_file(actor=officer_a, path=tmp_path / "a.xlsx")
    small = _peak_bytes(officer_a, tmp_path)
    build_import_file(tmp_path / "b.xlsx", 9_000, unit_codes=["CDCS_A"], offset=1_000)
    import_write.import_file(actor=officer_a, path=tmp_path / "b.xlsx")
    large = _peak_bytes(officer_a, tmp_path)
    assert large < small * 1.25, (small, large)


def test_birth_dates_in_excels_first_days_come_back_unchanged(officer_a, tree, tmp_path):
    """Issue 8, section 4: birth dates 01/01/1900 and 28/02/1900 exported and imported again,
    untouched, came back changed (Excel's fictitious 29/02/1900 shifts the early serials)."""
    early = [dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1)]
    for n, born in enumerate(early):
        join(tree.a, name=f"Người Xưa {n}", date_of_birth=born, on=dt.date(2021, 1, 1), actor=officer_a)
    path = tmp_path / "xuat.xlsx"
    exporting.write_members_xlsx(path, actor=officer_a, filters=MemberFilters())
    plan = import_write.import_file(actor=officer_a, path=path)
    assert (plan.summary()["unchanged"], plan.summary()["update"]) == (3, 0)
    assert sorted(Person.objects.values_list("date_of_birth", flat=True)) == early
