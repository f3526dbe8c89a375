"""The core bulk layer: cells in every form Excel gives them, finding the sheet and its header row,
errors by row and column, the report, the bulk insert and update, and audit.record_many."""

import datetime as dt
import re
import zipfile

import pytest
import xlsxwriter
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from congdoan.core import audit
from congdoan.core.bulk import cells, report
from congdoan.core.bulk.columns import Column
from congdoan.core.bulk.insert import bulk_insert, bulk_update
from congdoan.core.bulk.select import rows_with, rows_with_list
from congdoan.core.bulk.sheet import ErrorList, read_table
from congdoan.core.models import AuditEntry

COLUMNS = (
    Column("no", "STT"),
    Column("name", "Họ và tên*", cells.text(20), required=True),
    Column("born", "Ngày sinh (dd/mm/yyyy)", cells.date, date=True),
    Column("code", "Mã số", cells.identifier("Mã số"), text=True),
    Column("phone", "Điện thoại", cells.phone, text=True),
    Column("member", "Đoàn viên (x/Có)", cells.yes_no),
)
HEADERS = [c.header for c in COLUMNS]
if "test.bulk" not in audit.ACTIONS:
    audit.register_action("test.bulk", "Thử ghi hàng loạt", "Thử")


def workbook(path, rows, *, headers=HEADERS, sheet="Danh sách", above=(), options=None, before=()):
    """``rows`` of cells under ``headers``, on ``sheet`` (after the sheets named in ``before``),
    below the title rows ``above``; numbers are written as numbers, without a date format."""
    book = xlsxwriter.Workbook(str(path), options or {})
    for name in before:
        book.add_worksheet(name).write_row(0, 0, ["Họ và tên", "Ngày sinh"])
    ws = book.add_worksheet(sheet)
    for r, title in enumerate(above):
        ws.write_string(r, 0, title)
    ws.write_row(len(above), 0, headers)
    for r, row in enumerate(rows, start=len(above) + 1):
        for c, value in enumerate(row):
            if value != "":
                ws.write(r, c, value)
    book.close()
    return path


def read(path, **kwargs):
    return read_table(path, COLUMNS, **kwargs)


# -- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("date1904", "serial"), [(False, 33010), (True, 33010 - 1462)], ids=["1900", "1904"])
def test_a_bare_serial_number_is_a_date_in_the_workbooks_system(tmp_path, date1904, serial):
    path = workbook(tmp_path / "d.xlsx", [[1, "An", float(serial)]], options={"date_1904": date1904})
    table = read(path)
    assert table.date1904 is date1904
    assert table.rows[0].values["born"] == dt.date(1990, 5, 17)


def test_date_formatted_cells_of_a_1904_workbook(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "mac.xlsx"), {"date_1904": True})
    ws = book.add_worksheet()
    ws.write_row(0, 0, HEADERS)
    ws.write_string(1, 1, "An")
    ws.write_datetime(1, 2, dt.date(1990, 5, 17), book.add_format({"num_format": "dd/mm/yyyy"}))
    book.close()
    assert read(tmp_path / "mac.xlsx").rows[0].values["born"] == dt.date(1990, 5, 17)


@pytest.mark.parametrize("text", ["17/05/1990", "17/5/1990", "1990-05-17", " 17.05.1990 ", "17-05-1990"])
def test_dates_as_text(text):
    assert cells.date(text) == dt.date(1990, 5, 17)


def test_serial_numbers_out_of_range_are_no_date():
    with pytest.raises(cells.CellError, match="29/02/1900"):
        cells.serial_date(60.0)  # the 29/02/1900 that never was
    assert cells.serial_date(0.0) is None
    assert cells.serial_date(1.0) == dt.date(1900, 1, 1)
    assert cells.serial_date(59.0) == dt.date(1900, 2, 28)
    assert cells.serial_date(61.0) == dt.date(1900, 3, 1)
    assert cells.serial_date(0.0, date1904=True) == dt.date(1904, 1, 1)
    assert cells.serial_date(-1.0, date1904=True) is None
    assert cells.serial_date(3e7) is None


def test_a_bad_date_is_named_by_row_and_column(tmp_path):
    path = workbook(
        tmp_path / "d.xlsx", [[1, "An", "17/05/1990"], [2, "Bình", "31/02/1990"], [3, "Chi", -12.0]]
    )
    table = read(path)
    assert ErrorList(table.rows, table.labels).messages() == [
        "Dòng 3, cột 'Ngày sinh': '31/02/1990' không phải là ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 4, cột 'Ngày sinh': '-12' không phải là ngày hợp lệ (dd/mm/yyyy).",
    ]
    assert ErrorList(table.rows, table.labels).by_cell() == {
        (3, "born"): ["'31/02/1990' không phải là ngày hợp lệ (dd/mm/yyyy)."],
        (4, "born"): ["'-12' không phải là ngày hợp lệ (dd/mm/yyyy)."],
    }


# -- identifiers and other cells ----------------------------------------------------------------------


def test_identifier_columns_keep_leading_zeros_and_every_digit(tmp_path):
    path = workbook(
        tmp_path / "i.xlsx",
        [
            [1, "An", "", "00123"],
            [2, "Bình", "", 79123456789.0],
            [3, "Chi", "", 1.5],
            [4, "Dũng", "", 1.2e20],
        ],
    )
    rows = read(path).rows
    assert [r.values.get("code") for r in rows] == ["00123", "79123456789", None, None]
    assert [e for r in rows for _k, e in r.errors] == [
        "Mã số '1.5' được nhập dạng số nên có thể đã mất số 0 ở đầu; hãy định dạng ô là Văn bản (Text) và nhập lại.",
        "Mã số '120000000000000000000' được nhập dạng số nên có thể đã mất số 0 ở đầu; "
        "hãy định dạng ô là Văn bản (Text) và nhập lại.",
    ]


def test_identifier_in_scientific_notation_is_refused():
    with pytest.raises(cells.CellError, match="mất số 0"):
        cells.identifier("Mã số")("7,91E+11")


def test_phone_yes_no_email_choice():
    assert cells.phone("091 234.5678") == "0912345678"
    assert cells.phone(84912345678.0) == "0912345678"  # +84 as a number: the one stored form
    with pytest.raises(cells.CellError, match="mất số 0"):
        cells.phone(912345678.0)  # the leading 0 is gone
    with pytest.raises(cells.CellError, match="Số điện thoại '12ab' không hợp lệ"):
        cells.phone("12ab")
    assert [cells.yes_no(v) for v in ("x", "Có", "KHÔNG", 1.0, True)] == [True, True, False, True, True]
    with pytest.raises(cells.CellError):
        cells.yes_no("có lẽ")
    assert cells.email(" a@b.vn ") == "a@b.vn"
    with pytest.raises(cells.CellError, match="email"):
        cells.email("a@")
    sex = cells.choice({"Nam": "M", "Nữ": "F"}, "'%(v)s' sai.")
    assert (sex("nu"), sex("NAM")) == ("F", "M")
    with pytest.raises(cells.CellError, match="'Khác' sai."):
        sex("Khác")
    with pytest.raises(cells.CellError, match="dài quá 20 ký tự"):
        cells.text(20)("x" * 21)


# -- the sheet -------------------------------------------------------------------------------------------


def test_the_header_row_is_found_below_title_rows_without_diacritics(tmp_path):
    headers = ["stt", "HO VA TEN", "ngay sinh", "Ma so"]
    path = workbook(
        tmp_path / "t.xlsx",
        [[1, "An", "17/05/1990", "007"]],
        headers=headers,
        above=["DANH SÁCH ĐOÀN VIÊN", "Đơn vị: Công đoàn cơ sở A", ""],
    )
    table = read(path)
    assert table.header_row == 3
    [row] = table.rows
    assert row.number == 5 and row.values == {"name": "An", "born": dt.date(1990, 5, 17), "code": "007"}


def test_the_sheet_is_chosen_by_name(tmp_path):
    path = workbook(tmp_path / "s.xlsx", [[1, "An"]], sheet="Đoàn viên", before=["Hướng dẫn", "Danh mục"])
    assert read(path, sheet="Đoàn viên").name == "Đoàn viên"
    assert read(path, skip_sheets=("Hướng dẫn", "Danh mục")).name == "Đoàn viên"
    with pytest.raises(ValidationError, match="Trang 'Hướng dẫn' không có dòng dữ liệu"):
        read(path)  # no name: the first sheet


def test_file_errors_name_the_columns(tmp_path):
    path = workbook(tmp_path / "h.xlsx", [[1, "An"]], headers=["STT", "Họ và tên", "Ngày sinh nhật"])
    with pytest.raises(ValidationError) as exc:
        read(path)
    assert exc.value.messages == [
        "Cột 'Ngày sinh nhật' không có trong mẫu.",
        "Hãy dùng đúng tiêu đề cột của tệp mẫu.",
    ]
    path = workbook(tmp_path / "n.xlsx", [[1, "An"]], headers=["STT", "Tên"])
    with pytest.raises(ValidationError) as exc:
        read(path)
    assert exc.value.messages == [
        "Trang 'Danh sách' không có dòng tiêu đề (cột 'Họ và tên') trong 10 dòng đầu; hãy dùng tệp mẫu."
    ]


def test_merged_cells_are_named(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "m.xlsx"))
    ws = book.add_worksheet()
    ws.write_row(0, 0, HEADERS)
    ws.merge_range(1, 1, 2, 1, "An")
    ws.write_number(1, 0, 1)
    ws.write_number(2, 0, 2)
    ws.write_string(2, 3, "X2")
    book.close()
    rows = read(tmp_path / "m.xlsx").rows
    assert rows[0].values["name"] == "An"
    assert rows[1].errors[0][0] == "name" and rows[1].errors[0][1].startswith("ô trống vì bị gộp với ô khác")


def test_the_report_marks_the_bad_cells(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [[1, "An", "17/05/1990"], [2, "Bình", "31/02/1990"]])
    table = read(path)
    out = tmp_path / "bao-cao.xlsx"
    report.write_report(out, table)
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
        comments = next(z.read(n).decode() for n in z.namelist() if re.search(r"comments\d+\.xml$", n))
    assert "FFFFC7CE" in styles  # the "bad" fill
    bad_style = re.search(r'<c r="C3" s="(\d+)"', sheet).group(1)
    good_style = re.search(r'<c r="B3"(?: s="(\d+)")?', sheet).group(1)
    assert bad_style != good_style
    assert re.search(r'<c r="G3" s="' + bad_style + '"', sheet)  # the error column (after the 6 headers)
    assert "không phải là ngày hợp lệ" in comments
    assert '<comment ref="C3"' in comments and '<comment ref="C2"' not in comments


# -- writing ---------------------------------------------------------------------------------------------


def _entries(n: int, start: int = 0) -> list[tuple]:
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    return [
        (now, None, "test.bulk", "x.y", str(start + i), f"Đối tượng {i}", None, {}, {"n": i})
        for i in range(n)
    ]


@pytest.mark.django_db(transaction=False)
def test_bulk_insert_returns_the_ids_in_row_order():
    with transaction.atomic():
        ids = bulk_insert(AuditEntry, audit.ENTRY_COLUMNS, _entries(30))
    assert len(ids) == len(set(ids)) == 30
    stored = dict(AuditEntry.objects.values_list("pk", "object_id"))
    assert [stored[pk] for pk in ids] == [str(i) for i in range(30)]
    assert AuditEntry.objects.get(pk=ids[7]).after == {"n": 7}


@pytest.mark.django_db
def test_bulk_insert_and_update_take_the_same_statements_for_any_number_of_rows():
    counts = []
    for n in (5, 300):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            ids = bulk_insert(AuditEntry, audit.ENTRY_COLUMNS, _entries(n, start=len(counts) * 1000))
            bulk_update(
                AuditEntry, "id", ["object_repr", "after"], [(pk, "Sửa", {"sửa": True}) for pk in ids]
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert AuditEntry.objects.filter(object_repr="Sửa", after={"sửa": True}).count() == 305


def test_record_many_refuses_an_unregistered_action(db):
    with transaction.atomic(), pytest.raises(ImproperlyConfigured, match="not registered"):
        audit.record_many(
            actor=None, action="test.unknown", model=AuditEntry, changes=[audit.Change(1, "x", None, {}, {})]
        )
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("n", [3, 120])
def test_record_many_writes_n_rows_in_a_constant_number_of_queries(
    db, admin_user, django_assert_num_queries, n
):
    changes = [audit.Change(i, f"Người {i}", 7, {"a": 1, "same": 0}, {"a": 2, "same": 0}) for i in range(n)]
    # One statement: SQLite's executemany; PostgreSQL's nextval (the COPY is not in Django's log).
    with transaction.atomic(), django_assert_num_queries(1):
        assert audit.record_many(actor=admin_user, action="test.bulk", model=AuditEntry, changes=changes) == n
    entries = AuditEntry.objects.filter(action="test.bulk").order_by("pk")
    assert entries.count() == n
    first = entries.first()
    assert (first.actor, first.object_type, first.object_id, first.unit_id) == (
        admin_user,
        "core.auditentry",
        "0",
        7,
    )
    assert (first.before, first.after) == ({"a": 1}, {"a": 2})  # only what changed, as record() keeps it


@pytest.mark.django_db
def test_rows_with_reads_the_rows_holding_any_of_the_values_a_chunk_a_statement():
    with transaction.atomic():
        bulk_insert(AuditEntry, audit.ENTRY_COLUMNS, _entries(7))
    wanted = ["1", "3", "4", "6", "nobody", "3", None]
    with CaptureQueriesContext(connection) as queries:
        found = list(rows_with(AuditEntry.objects.all(), "object_id", wanted, "object_id", "after", chunk=2))
    assert sorted((r["object_id"], r["after"]["n"]) for r in found) == [
        ("1", 1),
        ("3", 3),
        ("4", 4),
        ("6", 6),
    ]
    assert len(queries) == 3  # 5 distinct values, 2 a statement
    assert all("ORDER BY" not in q["sql"] for q in queries.captured_queries)
    scoped = AuditEntry.objects.exclude(object_id="4")
    assert sorted(rows_with_list(scoped, "object_id", ["4", "6"], "object_id")) == [("6",)]
    with CaptureQueriesContext(connection) as queries:
        assert list(rows_with(AuditEntry.objects.all(), "object_id", [], "object_id")) == []
    assert len(queries) == 0


@pytest.mark.django_db
def test_rows_with_compares_values_as_the_field_stores_them_and_never_cuts_them():
    with transaction.atomic():
        bulk_insert(AuditEntry, audit.ENTRY_COLUMNS, _entries(3))
    # Cleaned as the field cleans (core.fields): an invisible character pasted in still finds "2".
    assert list(rows_with_list(AuditEntry.objects.all(), "object_id", ["\u200b2"], "object_id")) == [("2",)]
    # A value longer than the column (64) is not cut to the length of a stored one.
    long = "Đối tượng 1" + "x" * 300
    assert list(rows_with_list(AuditEntry.objects.all(), "object_repr", [long], "object_id")) == []
    assert list(rows_with_list(AuditEntry.objects.all(), "object_repr", ["Đối tượng 1"], "object_id")) == [
        ("1",)
    ]


# -- text as typed ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bulk_insert_and_update_store_text_as_the_model_fields_do():
    """COPY (PostgreSQL) and executemany (SQLite) see no model: they clean as the fields would."""
    dirty = [(*row[:5], "\ufeffĐối\u200b  tượng Ð\x07 ", *row[6:]) for row in _entries(3)]
    with transaction.atomic():
        ids = bulk_insert(AuditEntry, audit.ENTRY_COLUMNS, dirty)
    assert set(AuditEntry.objects.values_list("object_repr", flat=True)) == {"Đối tượng Đ"}
    with transaction.atomic():
        bulk_update(AuditEntry, "id", ["object_repr"], [(pk, f"Sửa\u00ad {pk}\u3000") for pk in ids])
    assert sorted(AuditEntry.objects.values_list("object_repr", flat=True)) == sorted(
        f"Sửa {pk}" for pk in ids
    )


def test_cells_are_cleaned(tmp_path):
    path = workbook(
        tmp_path / "x.xlsx",
        [
            [
                1,
                "\ufeffNguyễn\u200b Văn\u00a0 Ðức\x07",
                "\u200b01/02/1990",
                "ａｂ\u200b 12",
                "+84 912 345 678",
                "x",
            ],
            [2, "\u200b \ufeff", "", "", "", ""],  # only invisible characters: an empty line
            [3, "\u200b", "", "", "", "Có"],  # a required cell of invisible characters is empty
        ],
    )
    rows = read(path).rows
    assert [r.number for r in rows] == [2, 4]
    assert rows[0].values == {
        "name": "Nguyễn Văn Đức",
        "born": dt.date(1990, 2, 1),
        "code": "AB12",
        "phone": "0912345678",
        "member": True,
    }
    assert rows[1].errors == [("name", "chưa nhập (bắt buộc).")]
