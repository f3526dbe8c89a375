"""Importing members from Excel: the template, every kind of bad input (named by row and column,
writing nothing), all or nothing, and a second import updating rather than duplicating."""

import datetime as dt
import io

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from python_calamine import CalamineWorkbook

from congdoan.core.models import AuditEntry
from congdoan.demo.import_files import build_import_file
from congdoan.members import import_write, importing
from congdoan.members.importing import COLUMNS, LISTS_SHEET, SHEET
from congdoan.members.models import Membership, Person, Status
from congdoan.members.tests.factories import join
from congdoan.organizations.models import RoleAssignment, RoleKind
from congdoan.organizations.tests.factories import D2020, UserFactory

HEADERS = [c.header for c in COLUMNS]
KEYS = [c.key for c in COLUMNS]


def member(n: int = 1, **values) -> dict:
    """A valid row of the template for CĐCS A, by column key."""
    return {
        "full_name": f"Nguyễn Văn Nhập {n}",
        "sex": "Nam",
        "date_of_birth": "17/05/1990",
        "id_number": f"{790000000000 + n}",
        "phone": "0912345678",
        "unit_code": "CDCS_A",
        "card_number": f"N{n:05d}",
        "joined_union_on": "01/02/2021",
        **values,
    }


def write_xlsx(path, rows, *, headers=HEADERS, sheet=SHEET, setup=None):
    """A workbook as an officer would fill it: ``headers``, then ``rows`` (dicts by column key, or
    lists of cells); dates are real Excel dates, strings stay strings."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        cells = [row.get(k, "") for k in KEYS] if isinstance(row, dict) else row
        for c, value in enumerate(cells):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, value, date)
            elif isinstance(value, str):
                if value:
                    ws.write_string(r, c, value)
            else:
                ws.write(r, c, value)
    if setup:
        setup(book, ws)
    book.close()
    return path


@pytest.fixture
def xlsx(tmp_path):
    def make(rows, **kwargs):
        return write_xlsx(tmp_path / "nhap.xlsx", rows, **kwargs)

    return make


def grant_role(user, unit, permissions: list[str]) -> None:
    role = RoleKind.objects.create(code="nhap-lieu", name="Nhập liệu", permissions=permissions)
    RoleAssignment.objects.create(user=user, role=role, unit=unit, valid_from=D2020)


def check(actor, path) -> importing.ImportPlan:
    return importing.member_import_check(actor=actor, rows=importing.read_sheet(path).rows)


def messages_of(actor, path) -> list[str]:
    return check(actor, path).messages()


def file_errors(path) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        importing.read_sheet(path)
    return exc.value.messages


# -- the template ----------------------------------------------------------------------------------


def test_template_has_the_headers_and_lists_only_units_in_scope(officer_a, tree):
    out = io.BytesIO()
    importing.write_template(out, actor=officer_a)
    out.seek(0)
    book = CalamineWorkbook.from_filelike(out)
    assert book.sheet_names == [SHEET, LISTS_SHEET]
    assert book.get_sheet_by_name(SHEET).to_python()[0] == HEADERS
    lists = book.get_sheet_by_name(LISTS_SHEET).to_python()
    assert lists[0][:2] == ["Mã đơn vị", "Tên đơn vị"]
    assert [row[:2] for row in lists[1:] if row[0]] == [["CDCS_A", "Công đoàn Sở Y tế"]]
    assert {row[3] for row in lists[1:]} >= {"Nam", "Nữ"}


def test_template_round_trip(officer_a, tree, tmp_path):
    """The template's own headers, filled in: every row joins, with its period and audit row."""
    template = tmp_path / "mau.xlsx"
    importing.write_template(str(template), actor=officer_a)
    with CalamineWorkbook.from_path(str(template)) as book:
        headers = book.get_sheet_by_name(SHEET).to_python()[0]
    path = write_xlsx(tmp_path / "da-dien.xlsx", [member(1), member(2, sex="Nữ"), member(3)], headers=headers)

    plan = import_write.import_file(actor=officer_a, path=path)

    assert plan.summary() | {} == {
        "rows": 3,
        "ok": 3,
        "create": 3,
        "update": 0,
        "unchanged": 0,
        "error_rows": 0,
        "errors": 0,
        "warnings": 0,
    }
    people = Person.objects.order_by("full_name")
    assert [(p.full_name, p.sex, p.unit_id, p.status) for p in people] == [
        (f"Nguyễn Văn Nhập {n}", "F" if n == 2 else "M", tree.a.pk, Status.ACTIVE) for n in (1, 2, 3)
    ]
    first = people[0]
    assert (first.id_number, first.phone, first.card_number) == ("790000000001", "0912345678", "N00001")
    assert first.date_of_birth == dt.date(1990, 5, 17) and first.joined_union_on == dt.date(2021, 2, 1)
    assert first.name_folded == "nguyen van nhap 1"
    period = Membership.objects.get(person=first)
    assert (period.unit_id, period.valid_from, period.valid_to, period.card_number) == (
        tree.a.pk,
        dt.date(2021, 2, 1),
        None,
        "N00001",
    )
    entries = AuditEntry.objects.filter(action="member.join", object_id=str(first.pk))
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == officer_a and entry.unit_id == tree.a.pk
    assert entry.after["via"] == "import" and entry.after["full_name"] == "Nguyễn Văn Nhập 1"


# -- cells: each problem named by row and column, nothing written ----------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"full_name": ""}, "Dòng 2, cột 'Họ và tên': chưa nhập (bắt buộc)."),
        ({"sex": "Khác"}, "Dòng 2, cột 'Giới tính': 'Khác' không phải là giới tính hợp lệ (Nam hoặc Nữ)."),
        (
            {"date_of_birth": "31/02/1990"},
            "Dòng 2, cột 'Ngày sinh': '31/02/1990' không phải là ngày hợp lệ (dd/mm/yyyy).",
        ),
        (
            {"date_of_birth": "17.5.90"},
            "Dòng 2, cột 'Ngày sinh': '17.5.90' không phải là ngày hợp lệ (dd/mm/yyyy).",
        ),
        ({"joined_union_on": ""}, "Dòng 2, cột 'Ngày kết nạp': chưa nhập (bắt buộc)."),
        ({"id_number": "12345"}, "Dòng 2, cột 'Số CCCD': Số CCCD '12345' phải gồm đúng 12 chữ số."),
        (
            {"id_number": 1090012345.0},
            "Dòng 2, cột 'Số CCCD': Số CCCD '1090012345' được nhập dạng số nên có thể đã mất số 0 ở đầu; "
            "hãy định dạng ô là Văn bản (Text) và nhập lại.",
        ),
        (
            {"unit_code": "KHONG_CO"},
            "Dòng 2, cột 'Mã đơn vị': Mã đơn vị 'KHONG_CO' không tồn tại hoặc ngoài phạm vi quản lý của bạn.",
        ),
        (
            {"unit_code": "CDCS_B"},
            "Dòng 2, cột 'Mã đơn vị': Mã đơn vị 'CDCS_B' không tồn tại hoặc ngoài phạm vi quản lý của bạn.",
        ),
        (
            {"email": "khong-phai-email"},
            "Dòng 2, cột 'Email': 'khong-phai-email' không phải là địa chỉ email hợp lệ.",
        ),
        (  # issue 8: the join refused a member aged 9, the import wrote her
            {"date_of_birth": "01/02/2015", "joined_union_on": "01/03/2024"},
            "Dòng 2, cột 'Ngày kết nạp': vào ngày 01/03/2024 đoàn viên mới 9 tuổi; tuổi tối thiểu là 15.",
        ),
    ],
    ids=[
        "missing-name",
        "bad-sex",
        "bad-date",
        "date-as-odd-text",
        "missing-join-date",
        "bad-id-number",
        "id-number-as-number",
        "unknown-unit",
        "unit-out-of-scope",
        "bad-email",
        "aged-nine",
    ],
)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_written(
    officer_a, tree, xlsx, values, expected
):
    path = xlsx([member(1, **values), member(2)])
    assert messages_of(officer_a, path) == [expected]
    with pytest.raises(ValidationError) as exc:
        import_write.import_file(actor=officer_a, path=path)
    assert exc.value.messages == [
        "Tệp có 1 dòng lỗi nên chưa ghi dòng nào. Hãy sửa theo báo cáo kiểm tra rồi nhập lại.",
        expected,
    ]
    assert not Person.objects.exists()
    assert not AuditEntry.objects.filter(action="member.join").exists()


@pytest.mark.parametrize(
    "born",
    [dt.date(1990, 5, 17), "17/05/1990", "1990-05-17", " 17/5/1990 ", "17-05-1990"],
    ids=["excel-date", "dd/mm/yyyy", "iso", "text-with-spaces", "dashes"],
)
def test_dates_as_excel_dates_or_text(officer_a, tree, xlsx, born):
    import_write.import_file(actor=officer_a, path=xlsx([member(1, date_of_birth=born)]))
    assert Person.objects.get().date_of_birth == dt.date(1990, 5, 17)


def test_id_number_with_spaces_or_dots_keeps_the_twelve_digits(officer_a, tree, xlsx):
    path = xlsx([member(1, id_number="001 090 012 345"), member(2, id_number="001.090.012.346")])
    import_write.import_file(actor=officer_a, path=path)
    assert sorted(Person.objects.values_list("id_number", flat=True)) == ["001090012345", "001090012346"]


def test_duplicates_within_the_file(officer_a, tree, xlsx):
    path = xlsx([member(1), member(2, id_number="790000000001"), member(3, card_number="N00001")])
    assert messages_of(officer_a, path) == [
        "Dòng 3, cột 'Số CCCD': '790000000001' trùng với dòng 2.",
        "Dòng 4, cột 'Số thẻ đoàn viên': 'N00001' trùng với dòng 2.",
    ]


def test_card_of_another_member_and_id_number_outside_scope(officer_a, officer_b, tree, xlsx):
    join(tree.a, name="Đã có thẻ", card_number="C-CU", id_number="123456789012")
    join(tree.b, name="Ở đơn vị khác", id_number="210987654321", actor=officer_b)
    path = xlsx([member(1, card_number="C-CU"), member(2, id_number="210987654321")])
    assert messages_of(officer_a, path) == [
        "Dòng 2, cột 'Số thẻ đoàn viên': Số thẻ 'C-CU' đã được cấp cho đoàn viên khác.",
        "Dòng 3, cột 'Số CCCD': Số CCCD này đã có trong sổ đoàn viên; liên hệ công đoàn cấp trên để kiểm tra.",
    ]


def test_dates_against_each_other(officer_a, tree, xlsx):
    path = xlsx([member(1, date_of_birth="01/01/2000", joined_union_on="01/01/1999")])
    assert messages_of(officer_a, path) == ["Dòng 2, cột 'Ngày kết nạp': ngày này không thể trước ngày sinh."]


def test_merged_cells_are_named(officer_a, tree, xlsx):
    unit_col = KEYS.index("unit_code")

    def merge(book, ws):
        ws.merge_range(1, unit_col, 2, unit_col, "CDCS_A")

    path = xlsx([member(1, unit_code=""), member(2, unit_code="")], setup=merge)
    [message] = messages_of(officer_a, path)
    assert message.startswith("Dòng 3, cột 'Mã đơn vị': ô trống vì bị gộp với ô khác")


def test_formulas_are_read_as_their_values(officer_a, tree, xlsx):
    name_col, born_col = KEYS.index("full_name"), KEYS.index("date_of_birth")

    def formulas(book, ws):
        ws.write_formula(1, name_col, '="Trần Thị "&"Công Thức"', None, "Trần Thị Công Thức")
        ws.write_formula(
            1, born_col, "=DATE(1990,5,17)", book.add_format({"num_format": "dd/mm/yyyy"}), 33010
        )

    path = xlsx([member(1, full_name="", date_of_birth="")], setup=formulas)
    import_write.import_file(actor=officer_a, path=path)
    person = Person.objects.get()
    assert (person.full_name, person.date_of_birth) == ("Trần Thị Công Thức", dt.date(1990, 5, 17))


# -- the file as a whole ---------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Họ và tên;Giới tính\nNguyễn Văn A;Nam\n")
    [message] = file_errors(path)
    assert message.startswith("Không đọc được tệp: tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx).")


def test_a_truncated_workbook(tmp_path, xlsx):
    whole = xlsx([member(1)]).read_bytes()
    path = tmp_path / "hong.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert file_errors(path)[0].startswith("Không đọc được tệp")


def test_an_empty_sheet(xlsx):
    assert file_errors(xlsx([], headers=[])) == [
        "Trang 'Đoàn viên' không có dòng tiêu đề (cột 'Họ và tên') trong 10 dòng đầu; hãy dùng tệp mẫu."
    ]


def test_headers_without_rows(xlsx):
    assert file_errors(xlsx([["", "", ""]])) == [
        "Trang 'Đoàn viên' không có dòng dữ liệu nào dưới dòng tiêu đề."
    ]


def test_wrong_headers(xlsx):
    headers = ["STT", "Họ và tên", "Giới tính", "Ngày sinh nhật", "Ngày kết nạp"]
    assert file_errors(xlsx([["1", "A", "Nam", "", "01/01/2020"]], headers=headers)) == [
        "Cột 'Ngày sinh nhật' không có trong mẫu.",
        "Thiếu cột 'Mã đơn vị' (bắt buộc).",
        "Hãy dùng đúng tiêu đề cột của tệp mẫu.",
    ]


def test_headers_without_diacritics_and_in_any_order_are_recognised(officer_a, tree, xlsx):
    headers = ["Ma don vi", "HO VA TEN", "gioi tinh", "Ngay ket nap"]
    import_write.import_file(
        actor=officer_a, path=xlsx([["CDCS_A", "Lê Thị Không Dấu", "Nữ", "01/03/2021"]], headers=headers)
    )
    assert Person.objects.get().full_name == "Lê Thị Không Dấu"


def test_one_bad_row_among_many_writes_nothing(officer_a, tree, tmp_path):
    """100,000 rows, one of them bad: the check names it, the write refuses the whole file."""
    rows, bad = 100_000, 54_321
    path = tmp_path / "lon.xlsx"
    build_import_file(path, rows, unit_codes=["CDCS_A"], bad_rows={bad})
    with pytest.raises(ValidationError) as exc:
        import_write.import_file(actor=officer_a, path=path)
    assert exc.value.messages == [
        "Tệp có 1 dòng lỗi nên chưa ghi dòng nào. Hãy sửa theo báo cáo kiểm tra rồi nhập lại.",
        f"Dòng {bad + 1}, cột 'Ngày kết nạp': '31/02/2020' không phải là ngày hợp lệ (dd/mm/yyyy).",
    ]
    assert not Person.objects.exists() and not Membership.objects.exists()
    assert not AuditEntry.objects.filter(action="member.join").exists()


def test_one_bad_row_in_a_file_of_many(officer_a, tree, xlsx):
    rows = [member(n) for n in range(1, 301)]
    rows[200]["date_of_birth"] = "30/02/1991"
    path = xlsx(rows)
    assert messages_of(officer_a, path) == [
        "Dòng 202, cột 'Ngày sinh': '30/02/1991' không phải là ngày hợp lệ (dd/mm/yyyy)."
    ]
    with pytest.raises(ValidationError):
        import_write.import_file(actor=officer_a, path=path)
    assert not Person.objects.exists()


# -- a second import -----------------------------------------------------------------------------------------


def test_a_second_import_updates_rather_than_duplicates(officer_a, tree, tmp_path):
    first = write_xlsx(tmp_path / "lan-1.xlsx", [member(1), member(2)])
    import_write.import_file(actor=officer_a, path=first)
    again = import_write.import_file(actor=officer_a, path=first)
    assert again.summary()["unchanged"] == 2 and Person.objects.count() == 2

    second = write_xlsx(
        tmp_path / "lan-2.xlsx",
        [member(1, full_name="Nguyễn Văn Đổi Tên", phone=""), member(2, card_number="N99999")],
    )
    plan = import_write.import_file(actor=officer_a, path=second)
    assert (plan.summary()["create"], plan.summary()["update"]) == (0, 2)
    assert Person.objects.count() == 2 and Membership.objects.count() == 2
    renamed = Person.objects.get(id_number="790000000001")
    # An empty cell keeps what is recorded.
    assert (renamed.full_name, renamed.name_folded, renamed.phone) == (
        "Nguyễn Văn Đổi Tên",
        "nguyen van doi ten",
        "0912345678",
    )
    carded = Person.objects.get(id_number="790000000002")
    assert carded.card_number == "N99999" and carded.memberships.get().card_number == "N99999"
    update = AuditEntry.objects.get(action="member.update", object_id=str(renamed.pk))
    assert update.before == {"full_name": "Nguyễn Văn Nhập 1"}
    assert update.after == {"full_name": "Nguyễn Văn Đổi Tên", "via": "import"}


def test_a_row_without_id_number_matches_by_card(officer_a, tree, xlsx):
    known = join(tree.a, name="Chưa có CCCD", card_number="N00001")
    import_write.import_file(actor=officer_a, path=xlsx([member(1, full_name="Chưa có CCCD")]))
    known.refresh_from_db()
    assert known.id_number == "790000000001" and Person.objects.count() == 1


def test_personal_fields_of_a_known_member_need_view_personal(tree, xlsx):
    clerk = UserFactory(username="nhap_lieu")
    grant_role(clerk, tree.a, ["members.view", "members.manage"])
    join(tree.a, name="Nguyễn Văn Nhập 1", card_number="N00001", id_number="790000000001", phone="0900000000")
    path = xlsx([member(1, phone="0987654321", date_of_birth="", job_title="Bác sĩ")])
    assert messages_of(clerk, path) == [
        "Dòng 2, cột 'Điện thoại': bạn không có quyền sửa thông tin cá nhân của đoàn viên này."
    ]
    # Unchanged personal values are no change: the clerk may complete the other columns.
    import_write.import_file(
        actor=clerk, path=xlsx([member(1, phone="0900000000", date_of_birth="", job_title="Bác sĩ")])
    )
    assert Person.objects.get().job_title == "Bác sĩ"


def test_the_report_marks_the_bad_cells(officer_a, tree, xlsx, tmp_path):
    path = xlsx([member(1), member(2, date_of_birth="31/02/1990")])
    sheet = importing.read_sheet(path)
    plan = importing.member_import_check(actor=officer_a, rows=sheet.rows)
    report = tmp_path / "bao-cao.xlsx"
    importing.write_report(report, sheet, plan)
    with CalamineWorkbook.from_path(str(report)) as book:
        cells = book.get_sheet_by_name(SHEET).to_python()
    assert cells[0] == [*HEADERS, "Lỗi"]
    assert cells[1][-1] == ""
    assert cells[2][KEYS.index("date_of_birth")] == "31/02/1990"
    assert cells[2][-1] == "Dòng 3, cột 'Ngày sinh': '31/02/1990' không phải là ngày hợp lệ (dd/mm/yyyy)."
    # The report, corrected, imports: its "Lỗi" column is read past.
    assert importing.read_sheet(report).columns == sheet.columns
