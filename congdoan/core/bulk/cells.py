"""Cell parsers: a raw python-calamine value (str, float, bool, date, datetime; never "") -> a
Python value, or ``CellError`` whose message says why, in Vietnamese, without the row and column
(the reader adds them: "Dòng 17, cột 'Ngày sinh': ...").

python-calamine gives every number as a float and a date-formatted cell as a ``date``/``datetime``
(in the workbook's own date system). A date column may still hold a bare serial number (a cell
formatted "General"): ``serial_date`` turns it into a date in the 1900 or the 1904 system, as the
workbook says (``sheet.read_table`` does it before a date parser sees the value). Identifier
columns (ID numbers, phones, codes) are read as text; a number is accepted only where no digit can
have been lost.

Text is cleaned as every entry point cleans it (``core.text``): invisible and control characters
out, NFC, spaces collapsed, look-alike letters folded; identifiers also in one width and case;
phones in their one stored form.
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.dates import EARLIEST, TOO_EARLY, display
from congdoan.core.text import InvalidPhone, clean_identifier, clean_line, fold, normalize_phone

Parser = Callable[[object], object]

YES = frozenset({"x", "co", "1", "true", "yes"})
NO = frozenset({"khong", "0", "false", "no"})
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number: a longer one has lost some
PHONE_MIN_DIGITS = 10  # a phone typed as a number has lost its leading 0 if shorter
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Day 0 of each date system. Excel's 1900 system counts a 29/02/1900 that never was (serial 60,
# kept from Lotus 1-2-3): serials 1-59 are 01/01-28/02/1900 (day 0 is 31/12/1899), 60 is no date,
# and from 61 (01/03/1900) on, day 0 is 30/12/1899. Source: Microsoft, "Excel incorrectly assumes
# that the year 1900 is a leap year" (KB 214326); xlsxwriter's and calamine's conversions agree.
EPOCH_1900 = dt.date(1899, 12, 30)
EPOCH_1900_EARLY = dt.date(1899, 12, 31)  # day 0 of serials 1-59
EPOCH_1904 = dt.date(1904, 1, 1)
FICTITIOUS_SERIAL = 60  # "29/02/1900" in the 1900 system
FIRST_1900_SERIAL = 61
LAST_SERIAL = (dt.date(9999, 12, 31) - EPOCH_1900).days


class CellError(ValueError):
    """A cell's value is not acceptable; the message says why, in Vietnamese."""


def number_text(value: float) -> str | None:
    """'123' for 123.0; None for a number with decimals."""
    return str(int(value)) if float(value).is_integer() else None


def shown(value) -> str:
    """A raw value as a message quotes it: 123.0 as '123', a date as dd/mm/yyyy."""
    if isinstance(value, float):
        return number_text(value) or repr(value)
    if isinstance(value, dt.date):
        return display(value)
    return str(value)


def text(max_length: int) -> Parser:
    """Text cleaned (``core.text.clean_line``: one line, spaces collapsed), at most ``max_length``
    characters."""

    def parse(value) -> str:
        return _fits(clean_line(value if value.__class__ is str else shown(value)), max_length)

    return parse


def _fits(value: str, max_length: int) -> str:
    if len(value) > max_length:
        raise CellError(_("'%(v)s…' dài quá %(n)s ký tự.") % {"v": value[:30], "n": max_length})
    return value


def lost_digits(value, what: str | Promise) -> CellError:
    return CellError(
        _(
            "%(what)s '%(v)s' được nhập dạng số nên có thể đã mất số 0 ở đầu; "
            "hãy định dạng ô là Văn bản (Text) và nhập lại."
        )
        % {"what": what, "v": shown(value)}
    )


def identifier(
    what: str | Promise,
    *,
    pattern: re.Pattern | None = None,
    invalid: str | Promise = "",
    normalize: Callable[[str], str] | None = None,
    number_ok: Callable[[str], bool] = lambda digits: True,
    max_length: int = 255,
) -> Parser:
    """An identifier (ID number, card number, code) read as text.

    A number (Excel float, 79123456789.0) is taken as its digits ("79123456789") only if it has no
    decimals, at most 15 digits, ``number_ok(digits)`` and matches ``pattern``; otherwise a digit
    may have been lost (a leading 0, the tail of a long number) and the cell is refused. Text in
    scientific notation ("7,91E+11", copied from a cell shown that way) is refused likewise. Other
    text is ``normalize``d (default ``core.text.clean_identifier``: one width and case, no spaces)
    and must match ``pattern`` (``invalid`` is the message, with ``%(v)s`` for the value) and fit
    ``max_length``.
    """
    normalize = normalize or clean_identifier

    def parse(value) -> str:
        if isinstance(value, float):
            digits = number_text(value)
            if (
                digits is None
                or len(digits.lstrip("-")) > EXCEL_DIGITS
                or not number_ok(digits)
                or (pattern is not None and not pattern.match(digits))
            ):
                raise lost_digits(value, what)
            return digits
        line = clean_line(shown(value))
        if _SCIENTIFIC.fullmatch(line):
            raise lost_digits(value, what)
        result = normalize(line)
        if pattern is not None and not pattern.match(result or ""):
            raise CellError(str(invalid) % {"v": line})
        return _fits(result, max_length)

    return parse


def fictitious_date() -> CellError:
    return CellError(
        _(
            "ô ghi ngày 29/02/1900, ngày không có thật (Excel coi năm 1900 là năm nhuận); "
            "hãy nhập lại ngày đúng."
        )
    )


def serial_date(value: float, *, date1904: bool = False) -> dt.date | None:
    """The date of an Excel serial number (a time of day is dropped) in the workbook's date system;
    None for a number no date can be (negative, 0 in the 1900 system, past 9999). Serial 60 of the
    1900 system, the fictitious 29/02/1900, raises ``CellError``."""
    days = int(value)
    if date1904:
        if 0 <= days <= LAST_SERIAL - (EPOCH_1904 - EPOCH_1900).days:
            return EPOCH_1904 + dt.timedelta(days=days)
        return None
    if FIRST_1900_SERIAL <= days <= LAST_SERIAL:
        return EPOCH_1900 + dt.timedelta(days=days)
    if days == FICTITIOUS_SERIAL:
        raise fictitious_date()
    if 1 <= days < FICTITIOUS_SERIAL:
        return EPOCH_1900_EARLY + dt.timedelta(days=days)
    return None


def excel_serial(value: dt.date) -> int:
    """The 1900-system serial Excel shows as ``value``: 1 for 01/01/1900, 59 for 28/02/1900, 61 for
    01/03/1900 (the inverse of ``serial_date``). ``ValueError`` before 01/01/1900."""
    if value >= dt.date(1900, 3, 1):
        return (value - EPOCH_1900).days
    if value >= dt.date(1900, 1, 1):
        return (value - EPOCH_1900_EARLY).days
    raise ValueError(f"Excel's 1900 date system has no {value.isoformat()}")


def date(value) -> dt.date:
    """A date: an Excel date, or text dd/mm/yyyy (also with dots or dashes) or yyyy-mm-dd; none
    before 01/01/1900 (``core.dates.EARLIEST``)."""
    day = _date(value)
    if day < EARLIEST:
        raise CellError(TOO_EARLY % {"value": display(day)})
    return day


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        stripped = clean_line(value)
        if m := _DMY.fullmatch(stripped):
            day, month, year = m.groups()
        elif m := _YMD.fullmatch(stripped):
            year, month, day = m.groups()
        else:
            day = None
        if day is not None:
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                pass
    raise CellError(_("'%(v)s' không phải là ngày hợp lệ (dd/mm/yyyy).") % {"v": shown(value)})


def yes_no(value) -> bool:
    """x, Có, 1, true, yes -> True; Không, 0, false, no -> False (without diacritics or case)."""
    if isinstance(value, bool):
        return value
    folded = fold(shown(value))
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise CellError(_("'%(v)s' không hợp lệ: đánh x (hoặc Có) nếu đúng, để trống nếu không.") % {"v": value})


def choice(values: Mapping[str, object], invalid: str | Promise) -> Parser:
    """One of ``values`` ({text as written: stored value}), matched without diacritics or case."""
    folded = {fold(k): v for k, v in values.items()}

    def parse(value):
        try:
            return folded[fold(shown(value))]
        except KeyError:
            raise CellError(str(invalid) % {"v": value}) from None

    return parse


def email(value) -> str:
    """An e-mail address of at most 254 characters."""
    address = clean_line(str(value))
    try:
        validate_email(address)
    except ValidationError:
        raise CellError(_("'%(v)s' không phải là địa chỉ email hợp lệ.") % {"v": address}) from None
    if len(address) > 254:
        raise CellError(_("Email dài quá 254 ký tự."))
    return address


def _phone(value: str) -> str:
    try:
        return normalize_phone(value)
    except InvalidPhone as exc:
        raise CellError(str(exc)) from None


_phone_cell = identifier(
    gettext_lazy("Số điện thoại"),
    normalize=_phone,
    number_ok=lambda digits: len(digits) >= PHONE_MIN_DIGITS,
)


def phone(value) -> str:
    """A phone number in its one stored form (``core.text.normalize_phone``: '0912345678' for
    '+84 912 345 678'); typed as a number, 10 digits or more (a shorter one lost its leading 0)."""
    result = _phone_cell(value)
    return _phone(result) if isinstance(value, float) else result
