"""``xlsx.RowStream``: rows written as whole rows of XML are the bytes xlsxwriter writes for the same
cells one call at a time (issue 9: the member export's speed), whatever the text holds."""

import datetime as dt
import io
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from congdoan.core.bulk import xlsx
from congdoan.core.bulk.columns import Column

COLUMNS = (
    Column("no", "STT"),
    Column("name", "Họ và tên"),
    Column("born", "Ngày sinh", date=True),
    Column("code", "Mã số", text=True),
)
# What text can hold that xlsxwriter changes on its way into the XML, and what a formula looks like.
AWKWARD = [
    "Nguyễn Thị Lan",
    "Đặng Văn Đức",
    "=1+1",
    '=HYPERLINK("http://x")',
    "+84 912 345 678",
    "-5",
    "@SUM(A1)",
    'a & b <c> "d"',
    " lề trái",
    "lề phải ",
    "\tthụt",
    "dòng 1\ndòng 2",
    "dòng cuối\n",
    "chuông\x07",
    "_x0041_",
    "a_x_b",
    "\ufffe",
    "0012",
    "",
    None,
]
DAYS = [
    dt.date(1900, 1, 1),
    dt.date(1900, 2, 28),
    dt.date(1900, 3, 1),
    dt.date(2024, 2, 29),
    dt.date(9999, 12, 31),
    None,
]


def _rows() -> list[list]:
    rows = []
    for i, text in enumerate(AWKWARD):
        rows.append([i + 1, text, DAYS[i % len(DAYS)], AWKWARD[-i - 1], "x" if i % 2 else None, 1.5 * i])
    rows.append([None, None, None, None, None, None])  # no cell: no row
    rows.append([10**15, "", None, "cuối", None, 0.1])
    return rows


def _book(write) -> bytes:
    out = io.BytesIO()
    book = xlsx.workbook(out)
    formats = xlsx.formats(book)
    sheet = book.add_worksheet("Danh sách")
    xlsx.setup_sheet(sheet, formats, COLUMNS, extra=("Ghi chú", "Số"))
    write(sheet, formats)
    sheet.write_string(len(_rows()) + 3, 0, "Dòng viết sau")  # the sheet goes on below
    book.close()
    return out.getvalue()


class OneCallACell:
    """``xlsx.RowStream`` as xlsxwriter's own calls, a cell at a time: what exports did before."""

    def __init__(self, sheet, formats):
        self.sheet, self.formats = sheet, formats

    def write(self, first_row: int, rows) -> int:
        r = first_row
        for row in rows:
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.date):
                    xlsx.write_date(self.sheet, r, c, value, self.formats[c])
                elif isinstance(value, str):
                    self.sheet.write_string(r, c, value, self.formats[c])
                else:
                    self.sheet.write_number(r, c, value, self.formats[c])
            r += 1
        return r


def _one_call_a_cell(sheet, formats) -> None:
    OneCallACell(sheet, [None, None, formats["date"], None, None, formats["count"]]).write(1, _rows())


def _streamed(sheet, formats) -> None:
    stream = xlsx.RowStream(sheet, [None, None, formats["date"], None, None, formats["count"]])
    rows = _rows()
    assert stream.write(1, rows[:7]) == 8
    assert stream.write(8, iter(rows[7:])) == 1 + len(rows)


def parts(data: bytes) -> dict[str, str]:
    """The parts of an xlsx but its creation time, each style index in the sheet replaced by the
    style itself: xlsxwriter numbers the formats in the order cells first use them, which depends
    on which cells of the first rows are empty."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {n: archive.read(n).decode() for n in archive.namelist() if n != "docProps/core.xml"}
    styles = parts.pop("xl/styles.xml")
    codes = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/>', styles))
    listed = re.search(r"<cellXfs[^>]*>(.*)</cellXfs>", styles).group(1)
    xfs = [
        re.sub(r'numFmtId="(\d+)"', lambda m: f"numFmt={codes.get(m[1], m[1])!r}", xf)
        for xf in re.findall(r"<xf [^>]*/>|<xf [^>]*[^/]>.*?</xf>", listed)
    ]
    parts["styles"] = styles.split("<numFmts")[0] + "".join(sorted(xfs)) + styles.split("</cellXfs>")[1]
    parts["sheet"] = re.sub(
        r' (s|style)="(\d+)"', lambda m: f" {m[1]}={xfs[int(m[2])]!r}", parts.pop("xl/worksheets/sheet1.xml")
    )
    return parts


def test_the_bytes_xlsxwriter_writes_a_cell_at_a_time():
    one, streamed = parts(_book(_one_call_a_cell)), parts(_book(_streamed))
    assert streamed.keys() == one.keys()
    for name in one:
        assert streamed[name] == one[name], name
    sheet = streamed["sheet"]
    assert '<dimension ref="A1:F26"/>' in sheet
    assert "<f>" not in sheet  # text that looks like a formula stays text
    assert '<row r="22">' not in sheet  # the row without cells


def _cells(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Danh sách").to_python()


def test_text_and_dates_come_back_as_written():
    rows = _cells(_book(_streamed))
    assert rows == _cells(_book(_one_call_a_cell))
    names = [row[1] for row in rows[1 : len(AWKWARD) + 1]]
    # As xlsxwriter writes them: a non-character as its _xHHHH_ escape, which calamine leaves.
    assert names == [{"\ufffe": "_xFFFE_"}.get(text, text or "") for text in AWKWARD]
    assert [row[2] for row in rows[1:7]] == [d or "" for d in DAYS]
    assert rows[-1][0] == "Dòng viết sau"


def test_xlsxwriters_rich_string_markup_is_text_here():
    """xlsxwriter writes a string "<r>…</r>" into a streamed sheet as raw XML; the stream escapes it."""
    out = io.BytesIO()
    book = xlsx.workbook(out)
    sheet = book.add_worksheet("Danh sách")
    xlsx.RowStream(sheet, [None]).write(0, [["<r><t>Lan</t></r>"]])
    book.close()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(out.getvalue())).get_sheet_by_index(0).to_python()
    assert rows == [["<r><t>Lan</t></r>"]]


def test_rows_only_below_what_is_written_and_only_into_a_streamed_sheet():
    book = xlsx.workbook(io.BytesIO())
    sheet = book.add_worksheet("Danh sách")
    sheet.write_string(0, 0, "STT")
    stream = xlsx.RowStream(sheet, [None])
    with pytest.raises(ValueError, match="already written"):
        stream.write(0, [["trùng"]])
    stream.write(1, [["một"]])
    with pytest.raises(ValueError, match="already written"):
        stream.write(1, [["hai"]])
    with pytest.raises(TypeError, match="bool"):
        stream.write(2, [[True]])
    with pytest.raises(ValueError, match="streamed"):
        xlsx.RowStream(xlsx.workbook(io.BytesIO(), streamed=False).add_worksheet(), [None])


def test_styles_keep_xlsxwriters_numbering():
    """The header's format is numbered first, as when every cell went through xlsxwriter."""
    with zipfile.ZipFile(io.BytesIO(_book(_streamed))) as archive:
        styles = archive.read("xl/styles.xml").decode()
    xfs = re.search(r"<cellXfs[^>]*>(.*)</cellXfs>", styles).group(1)
    assert 'fontId="1"' in re.findall(r"<xf [^>]*>", xfs)[1]  # the bold header
