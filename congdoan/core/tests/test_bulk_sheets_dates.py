"""Excel lists as officers make them: hidden sheets are never read, and Excel's 1900 leap-year quirk
(the fictitious 29/02/1900, serial 60) is handled both ways, with the 1904 system alongside."""

import datetime as dt

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError

from congdoan.core.bulk import xlsx
from congdoan.core.bulk.sheet import ErrorList
from congdoan.core.tests.test_bulk import HEADERS, read

OLD = [1, "Người cũ", "01/01/1980"]
NEW = [1, "Người mới", "02/02/1990"]


def sheets(path, layout, *, active=None):
    """``layout``: [(name, visibility, rows)] with visibility "visible", "hidden" or "very"; each
    sheet gets the template's headers above its rows (rows None: a sheet without them)."""
    book = xlsxwriter.Workbook(str(path))
    for name, visibility, rows in layout:
        ws = book.add_worksheet(name)
        if rows is not None:
            ws.write_row(0, 0, HEADERS)
            for r, row in enumerate(rows, start=1):
                ws.write_row(r, 0, row)
        else:
            ws.write_string(0, 0, "Ghi chú: danh sách ở trang sau")
        if name == active:
            ws.activate()
        if visibility == "hidden":
            ws.hide()
        elif visibility == "very":
            ws.very_hidden()
    book.close()
    return path


def names(table) -> list[str]:
    return [row.values["name"] for row in table.rows]


def test_a_hidden_first_sheet_is_never_read(tmp_path):
    """The example: an old list hidden in front, the new one visible: only the new people are read."""
    path = sheets(
        tmp_path / "a.xlsx",
        [("Cũ", "hidden", [OLD, [2, "Cũ nữa", ""]]), ("Mới", "visible", [NEW])],
        active="Mới",
    )
    table = read(path)
    assert (table.name, names(table)) == ("Mới", ["Người mới"])


@pytest.mark.parametrize("visibility", ["hidden", "very"])
def test_a_hidden_sheet_with_the_templates_name_is_not_read_either(tmp_path, visibility):
    path = sheets(
        tmp_path / "b.xlsx", [("Danh sách", visibility, [OLD]), ("Sheet2", "visible", [NEW])], active="Sheet2"
    )
    assert names(read(path, sheet="Danh sách")) == ["Người mới"]


def test_the_visible_sheet_holding_the_header_is_chosen(tmp_path):
    path = sheets(tmp_path / "c.xlsx", [("Hướng dẫn", "visible", None), ("Danh sách mới", "visible", [NEW])])
    assert names(read(path)) == ["Người mới"]


def test_the_named_sheet_comes_first_among_visible_ones(tmp_path):
    path = sheets(tmp_path / "d.xlsx", [("Khác", "visible", [OLD]), ("Danh sách", "visible", [NEW])])
    assert names(read(path, sheet="Danh sách")) == ["Người mới"]
    assert names(read(path)) == ["Người cũ"]


def test_no_visible_sheet_with_the_header_is_reported(tmp_path):
    path = sheets(
        tmp_path / "e.xlsx", [("Cũ", "hidden", [OLD]), ("Ghi chú", "visible", None)], active="Ghi chú"
    )
    with pytest.raises(ValidationError) as caught:
        read(path)
    assert "Trang 'Ghi chú' không có dòng tiêu đề" in caught.value.message_dict["file"][0]


# -- Excel's 1900 leap-year quirk ---------------------------------------------------------------------

EARLY = [
    dt.date(1900, 1, 1),
    dt.date(1900, 1, 2),
    dt.date(1900, 2, 28),
    dt.date(1900, 3, 1),
    dt.date(1990, 5, 17),
]


def dated(path, write, *, options=None):
    """The template's headers and one row per date of ``EARLY``, its date written by ``write(ws, r, c,
    date, fmt)``."""
    book = xlsxwriter.Workbook(str(path), options or {})
    fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    ws = book.add_worksheet("Danh sách")
    ws.write_row(0, 0, HEADERS)
    for r, value in enumerate(EARLY, start=1):
        ws.write_row(r, 0, [r, f"Người {r}"])
        write(ws, r, 2, value, fmt)
    book.close()
    return path


def born(table) -> list:
    return [row.values.get("born") for row in table.rows]


def test_write_date_counts_the_fictitious_day():
    """Excel shows serial 1 as 01/01/1900, 59 as 28/02/1900 and 61 as 01/03/1900."""
    written = []

    class Sheet:
        def write_number(self, row, col, number, fmt):
            written.append(number)

    for value in EARLY[:4]:
        xlsx.write_date(Sheet(), 0, 0, value, None)
    assert written == [1, 2, 59, 61]


@pytest.mark.parametrize(
    "write",
    [xlsx.write_date, lambda ws, r, c, v, f: xlsx.write_cell(ws, r, c, v, f)],
    ids=["write_date", "write_cell"],
)
def test_early_dates_come_back_unchanged(tmp_path, write):
    """The example: 01/01/1900 and 28/02/1900 exported and read again are the same dates."""
    table = read(dated(tmp_path / "r.xlsx", write))
    assert born(table) == EARLY
    assert not ErrorList(table.rows, table.labels).messages()


def test_a_datetime_on_the_first_day_is_written_as_serial_one(tmp_path):
    table = read(
        dated(
            tmp_path / "t.xlsx",
            lambda ws, r, c, v, f: xlsx.write_cell(ws, r, c, dt.datetime(v.year, v.month, v.day, 8), f),
        )
    )
    assert born(table) == EARLY


@pytest.mark.parametrize("formatted", [True, False], ids=["date-formatted", "bare-serial"])
def test_the_fictitious_29_02_1900_is_refused_by_row_and_column(tmp_path, formatted):
    """The example: a cell showing 29/02/1900 (serial 60) was stored as 28/02/1900."""
    book = xlsxwriter.Workbook(str(tmp_path / "f.xlsx"))
    fmt = book.add_format({"num_format": "dd/mm/yyyy"}) if formatted else None
    ws = book.add_worksheet("Danh sách")
    ws.write_row(0, 0, HEADERS)
    ws.write_row(1, 0, [1, "An"])
    ws.write_number(1, 2, 59, fmt)
    ws.write_row(2, 0, [2, "Bình"])
    ws.write_number(2, 2, 60, fmt)
    ws.write_row(3, 0, [3, "Chi"])
    ws.write_number(3, 2, 60, None)  # not in a date column: the phone column gets 60 elsewhere
    ws.write_number(3, 1, 60)  # a name cell holding 60 is text "60", not a date
    book.close()
    table = read(tmp_path / "f.xlsx")
    assert born(table)[0] == dt.date(1900, 2, 28)
    messages = ErrorList(table.rows, table.labels).messages()
    assert messages[0] == (
        "Dòng 3, cột 'Ngày sinh': ô ghi ngày 29/02/1900, ngày không có thật (Excel coi năm 1900 là năm "
        "nhuận); hãy nhập lại ngày đúng."
    )
    assert "born" not in table.rows[1].values
    assert len(messages) == 2 and messages[1].startswith("Dòng 4, cột 'Ngày sinh'")


def test_the_1904_system_round_trips_and_has_no_fictitious_day(tmp_path):
    """In the 1904 system serial 0 is 01/01/1904, 59 the real 29/02/1904 and 60 is 01/03/1904."""
    path = tmp_path / "m.xlsx"
    book = xlsxwriter.Workbook(str(path), {"date_1904": True})
    fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    ws = book.add_worksheet("Danh sách")
    ws.write_row(0, 0, HEADERS)
    values = [dt.date(1904, 1, 1), dt.date(1904, 2, 29), dt.date(1904, 3, 1), dt.date(1990, 5, 17)]
    for r, value in enumerate(values, start=1):
        ws.write_row(r, 0, [r, f"Người {r}"])
        ws.write_datetime(r, 2, value, fmt)
    for r, serial in enumerate([59, 60], start=len(values) + 1):
        ws.write_row(r, 0, [r, f"Số {serial}"])
        ws.write_number(r, 2, serial)  # bare serials, in the 1904 system
    book.close()
    table = read(path)
    assert table.date1904
    assert born(table) == [*values, dt.date(1904, 2, 29), dt.date(1904, 3, 1)]
    assert not ErrorList(table.rows, table.labels).messages()
