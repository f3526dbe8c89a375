"""Generated member import files, for the benchmark and the large-file tests (not officer input)."""

import datetime as dt
from collections.abc import Collection
from pathlib import Path

from congdoan.core.bulk import xlsx
from congdoan.members.importing import COLUMNS, SHEET

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
MIDDLES = ("Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh")
GIVENS = ("An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phương", "Tâm")
COL = {c.key: i for i, c in enumerate(COLUMNS)}


def build_import_file(
    path: Path | str, rows: int, *, unit_codes: list[str], offset: int = 0, bad_rows: Collection[int] = ()
) -> None:
    """A valid import file of ``rows`` new members spread over ``unit_codes``, in the template's
    layout. ID and card numbers are derived from ``offset`` + the row index, so files built with
    different offsets never collide and the same file imported twice updates. The data rows
    numbered in ``bad_rows`` (1 = the first under the headers) get an impossible joining date."""
    book = xlsx.workbook(path)
    formats = xlsx.formats(book)
    sheet = book.add_worksheet(SHEET)
    xlsx.setup_sheet(sheet, formats, COLUMNS)
    born = dt.date(1970, 1, 1)
    write_string, write_number, date_fmt = sheet.write_string, sheet.write_number, formats["date"]
    for i in range(rows):
        n = offset + i
        r = i + 1
        write_number(r, COL["row_no"], i + 1)
        write_string(r, COL["full_name"], f"{SURNAMES[n % 10]} {MIDDLES[n % 8]} {GIVENS[(n // 80) % 12]}")
        write_string(r, COL["sex"], "Nữ" if n % 2 == 0 else "Nam")
        xlsx.write_date(sheet, r, COL["date_of_birth"], born + dt.timedelta(days=n % 12000), date_fmt)
        write_string(r, COL["id_number"], f"{n:012d}")
        write_string(r, COL["phone"], f"09{n % 10**8:08d}")
        write_string(r, COL["ethnicity"], "Kinh")
        write_string(r, COL["education"], "Đại học")
        write_string(r, COL["unit_code"], unit_codes[n % len(unit_codes)])
        write_string(r, COL["card_number"], f"B{n:09d}")
        if r in bad_rows:
            write_string(r, COL["joined_union_on"], "31/02/2020")
        else:
            joined = dt.date(2010, 1, 1) + dt.timedelta(days=n % 4000)
            xlsx.write_date(sheet, r, COL["joined_union_on"], joined, date_fmt)
        if n % 50 == 0:
            write_string(r, COL["policy_family"], "x")
    book.close()
