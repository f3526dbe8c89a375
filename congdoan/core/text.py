"""Text as people type it, made one form: the one place every entry point normalises text.

Officers paste names from e-mails, PDFs and old spreadsheets: they bring zero-width spaces, soft
hyphens, byte-order marks, control characters, non-breaking spaces, letters in decomposed form
(``e`` + U+0302 + U+0303 for ``ễ``) and look-alike letters (``Ð`` U+00D0 for ``Đ`` U+0110: what
Vietnamese text encoded in Windows-1258 becomes when it is read as Latin-1, where byte 0xD0 is
``Ð``). Stored as typed they cannot be found, sort last and make a second "same" card number.

- ``clean_line``: single-line text (names, codes, notes on one line);
- ``clean_text``: multi-line text (newlines kept, as ``\\n``);
- ``clean_identifier``: card numbers, ID numbers, unit codes: also width and case folded, no spaces;
- ``normalize_phone``: one stored form for a phone number (``0…`` national for Vietnam, ``+CC…``
  otherwise), ``InvalidPhone`` for anything else; ``phone_prefix`` does the same for a search term;
- ``fold``: the search key (no diacritics, lower case).

The model fields (``core.fields``), the forms (``core.forms``), the API's input types
(``core.api.text``), the Excel cells (``core.bulk.cells``) and the bulk writes
(``core.bulk.insert``) all call these; nothing else normalises text.

Sources: Unicode Standard Annex #15 (normalisation forms NFC, NFKC), #44 (general categories:
Cc control, Cf format, Cs surrogate, Zs/Zl/Zp separators) and DerivedCoreProperties.txt
(Default_Ignorable_Code_Point, the characters with no visible rendering); the Vietnamese numbering
plan: Thông tư 22/2014/TT-BTTTT (Quy hoạch kho số viễn thông), with the 2018 change of 11-digit
mobile numbers to 10 digits, country code +84, international prefix 00.
"""

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

# -- the character classes ---------------------------------------------------------------------

# Look-alikes of Đ/đ that are no Vietnamese letter: Ð/ð (Icelandic eth: Windows-1258's Đ/đ read as
# Latin-1) and Ɖ/ɖ (African D). Stored as Đ/đ, so a name typed with them is found and sorted as Đ.
LOOKALIKES = {"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"}
# Characters that break a line: str.splitlines' set (\n \r \v \f \x1c-\x1e \x85 U+2028 U+2029).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Default_Ignorable_Code_Point characters outside the Cc/Cf/Cs categories (DerivedCoreProperties),
# plus U+2800, the blank Braille pattern used as an "invisible letter".
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2065, 0x2065),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
)
_IGNORABLE = frozenset(code for low, high in _IGNORABLE_RANGES for code in range(low, high + 1))


def _invisible(code: int, category: str) -> bool:
    """Removed from all text: controls (but the line breaks and tab, which become spaces or new
    lines), format characters (ZWSP, ZWJ, soft hyphen, BOM, direction marks…), lone surrogates
    (which no database can store), noncharacters and the other default-ignorable code points."""
    if chr(code) in _LINE_BREAKS or code in (0x09, 0x1F):
        return False
    return (
        category in ("Cc", "Cf", "Cs")
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
        or code in _IGNORABLE
    )


# Where the characters above live: the Basic and Supplementary Multilingual Planes and the tags
# plane (the other planes hold only unassigned code points, private use and noncharacters).
_SCANNED = (range(0x20000), range(0xE0000, 0xE1000))


@functools.cache
def _table() -> dict[int, str | None]:
    """``str.translate``'s table: invisible characters out, spaces and line breaks a plain space,
    look-alikes folded. Built on first use (a scan of 200,000 code points)."""
    table: dict[int, str | None] = {}
    for block in _SCANNED:
        for code in block:
            category = unicodedata.category(chr(code))
            if category[0] not in "CZ" and code not in _IGNORABLE:
                continue  # letters, marks, numbers, symbols: kept
            if _invisible(code, category):
                table[code] = None
            elif code != 0x20 and (chr(code) in _LINE_BREAKS or category[0] == "Z"):
                table[code] = " "  # in one line, every space and line break is a plain space
    for plane in range(2, 17):
        table[plane * 0x10000 + 0xFFFE] = table[plane * 0x10000 + 0xFFFF] = None
    table.update({ord("\t"): " ", ord("\x1f"): " "})
    table.update({ord(k): v for k, v in LOOKALIKES.items()})
    return table


# What ``str.isprintable`` lets through that the table still changes: the default-ignorable letters
# and marks (Hangul fillers, variation selectors…) and the look-alikes.
_PRINTABLE_BUT_CHANGED = re.compile(
    "["
    + "".join(f"{chr(low)}-{chr(high)}" for low, high in _IGNORABLE_RANGES if high < 0xE0000)
    + "\U000e0100-\U000e01ef"
    + "".join(LOOKALIKES)
    + "]"
)


_SEARCH_CHANGED = _PRINTABLE_BUT_CHANGED.search
_IS_NORMALIZED = unicodedata.is_normalized


def _clean_line_already(value: str) -> bool:
    """Whether ``clean_line`` would leave ``value`` (non-empty) as it is: the common case, checked
    without building anything. Also true of values joined by single spaces, so a whole column is
    checked at once (``clean_all``)."""
    return (
        value.isprintable()  # no control, format, surrogate, unassigned or separator but " "
        and value[0] != " "
        and value[-1] != " "
        and "  " not in value
        and _PRINTABLE_BUT_CHANGED.search(value) is None
        and (value.isascii() or unicodedata.is_normalized("NFC", value))
    )


def _line(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value.translate(_table())).split())


def clean_line(value: str) -> str:
    """Single-line text as stored: Unicode NFC; controls, format and other invisible characters
    (zero-width spaces and joiners, soft hyphen, byte-order mark, direction marks) removed; every
    other space and line break a plain space, runs collapsed, both ends trimmed; Ð/ð/Ɖ/ɖ as Đ/đ.

    '\\ufeffNguy\\u00adễn\\u200b  Văn\\tÐức ' -> 'Nguyễn Văn Đức'. ``None`` and '' are returned as
    they are (a nullable field stays null)."""
    if not value:
        return value
    if value.__class__ is not str:
        value = str(value)
    # _clean_line_already, inlined: this runs for every cell of an import.
    if (
        value.isprintable()
        and value[0] != " "
        and value[-1] != " "
        and "  " not in value
        and (value.isascii() or (_SEARCH_CHANGED(value) is None and _IS_NORMALIZED("NFC", value)))
    ):
        return value
    return _line(value)


def clean_text(value: str) -> str:
    """Multi-line text as stored: each line as ``clean_line`` cleans it except that its leading
    spaces (indentation) are kept; lines joined by '\\n' (CR LF, CR, U+2028… become '\\n'); blank
    lines and spaces at the start and end dropped."""
    if not value:
        return value
    lines = []
    for line in str(value).splitlines():
        if line and _clean_line_already(line):
            lines.append(line)
            continue
        line = unicodedata.normalize("NFC", line.translate(_table())).rstrip()
        indent = len(line) - len(line.lstrip(" "))
        lines.append(" " * indent + " ".join(line.split()))
    return "\n".join(lines).strip()


def _lines_all_clean(values: list[str]) -> bool:
    return _clean_line_already(" ".join(values))


def _texts_all_clean(values: list[str]) -> bool:
    # A line break read as a space: what is clean as one line is clean as text (the converse
    # fails only for indented or empty lines, which then take the slow path).
    return _clean_line_already(" ".join(values).replace("\n", " "))


clean_line.all_clean = _lines_all_clean
clean_text.all_clean = _texts_all_clean


def clean_all(cleaner: Callable[[str], str], values: Sequence) -> Sequence:
    """``cleaner`` applied to every non-empty string of ``values`` (other values kept), for a whole
    column at once: ``values`` itself when nothing changes, else a new list. When
    ``cleaner.all_clean`` (if it has one) finds the strings already clean, as they nearly always
    are, one check of their concatenation replaces a call per value."""
    strings = [v for v in values if isinstance(v, str) and v]
    check = getattr(cleaner, "all_clean", None)
    if not strings or (check is not None and check(strings)):
        return values
    return [cleaner(v) if isinstance(v, str) and v else v for v in values]


def ascii_digits(value: str) -> str:
    """Decimal digits of any script as ASCII ('٠٩١٢' -> '0912'); other characters unchanged."""
    if value.isascii():
        return value
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in value)


def clean_identifier(value: str, *, drop: str = "") -> str:
    """An identifier (card number, ID number, unit code) as stored and compared: ``clean_line``,
    then NFKC (full-width 'ＣＤ００１' is 'CD001'), digits of any script as ASCII, no spaces (nor
    the characters in ``drop``), upper case. So 'cd\\u200b 001' and 'ＣＤ００１' are 'CD001'."""
    if not value:
        return value
    plain = value.isascii() and value.isprintable() and " " not in value and value.upper() == value
    if plain and not any(char in value for char in drop):
        return value  # printable ASCII, no space, upper case: already one
    text = ascii_digits(unicodedata.normalize("NFKC", clean_line(value)))
    for char in " " + drop:
        text = text.replace(char, "")
    return text.upper()


@functools.cache
def identifier_cleaner(drop: str = "") -> Callable[[str], str]:
    """``clean_identifier`` with ``drop`` as a one-argument cleaner (for ``clean_all`` and the
    model fields)."""

    def clean(value: str) -> str:
        return clean_identifier(value, drop=drop)

    def all_clean(values: list[str]) -> bool:
        joined = "".join(values)  # printable ASCII without spaces, in upper case: nothing to do
        return (
            joined.isascii()
            and joined.isprintable()
            and " " not in joined
            and joined == joined.upper()
            and not any(char in joined for char in drop)
        )

    clean.all_clean = all_clean
    return clean


# -- phone numbers -----------------------------------------------------------------------------

VN_CODE = "84"
# A Vietnamese number in national form: 0 then 9 digits (mobile) or 10 (fixed line: 02x area code).
NATIONAL = re.compile(r"0[1-9][0-9]{8,9}")
# Another country's number: + then the country code (no leading 0) and the number, 8 to 15 digits
# in all (ITU-T E.164 allows at most 15).
INTERNATIONAL = re.compile(r"\+[1-9][0-9]{7,14}")
# A phone in its stored form (no +84: a Vietnamese number is stored national), as a regular
# expression both Python and PostgreSQL read (core.cleanup finds the rows to clean with it).
STORED_PHONE = r"0[1-9][0-9]{8,9}|\+(?!84)[1-9][0-9]{7,14}"
PHONE_SEPARATORS = ".-()/"
_STORED_PHONE = re.compile(STORED_PHONE).fullmatch


class InvalidPhone(ValueError):
    """Not a phone number ``normalize_phone`` can read; ``str()`` is the Vietnamese message."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value

    def __str__(self) -> str:
        return phone_message(self.value)


def phone_message(value) -> str:
    """Why ``value`` is no phone number, in Vietnamese, quoting it (the caller names the field)."""
    return _(
        "Số điện thoại '%(v)s' không hợp lệ: số trong nước gồm 10 hoặc 11 chữ số, bắt đầu bằng 0 "
        "(hoặc +84); số nước ngoài bắt đầu bằng + và mã nước."
    ) % {"v": clean_line(str(value))[:30]}


def _phone_digits(value: str) -> str:
    """A typed phone without spaces, dots, dashes, brackets or slashes, digits in ASCII."""
    return clean_identifier(value, drop=PHONE_SEPARATORS)


def _national(rest: str) -> str:
    """The national form of a Vietnamese number given after its country code: '+84 (0) 912…' is
    '0912…' too."""
    return "0" + rest.removeprefix("0")


def normalize_phone(value: str | None) -> str:
    """A phone number in its one stored form: '0912345678' for '+84 912 345 678', '84912345678',
    '0084-912-345-678', '(091) 234.5678' or '+84 (0) 912 345 678'; '+33612345678' for
    '+33 6 12 34 56 78' or '0033 6 12 34 56 78'; '' for nothing typed. ``InvalidPhone`` (message
    in Vietnamese) for anything else: letters, too few or too many digits, a '+' elsewhere."""
    if value is None:
        return ""
    if _STORED_PHONE(value):
        return value
    digits = _phone_digits(str(value))
    if not digits:
        return ""
    if digits.startswith("+"):
        international = digits[1:]
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith(VN_CODE) and len(digits) in (11, 12):  # 84 + a national number's 9-10 digits
        international = digits
    else:
        international = None
    if international is not None and international.startswith(VN_CODE):
        number = _national(international[len(VN_CODE) :])
    elif international is not None:
        number = "+" + international
    else:
        number = digits
    if NATIONAL.fullmatch(number) or (number.startswith("+") and INTERNATIONAL.fullmatch(number)):
        return number
    raise InvalidPhone(value)


def phone_or_line(value: str) -> str:
    """What a phone column stores when no service checked it: the one form if ``value`` is a phone
    number, else the line as typed but clean (services refuse such values before they get here)."""
    if not value:
        return value
    try:
        return normalize_phone(value)
    except InvalidPhone:
        return clean_line(value)


_PHONES = re.compile(f"(?:(?:{STORED_PHONE})\n)*")
phone_or_line.all_clean = lambda values: _PHONES.fullmatch("\n".join(values) + "\n") is not None


def phone_prefix(term: str) -> str | None:
    """A search term typed as (the start of) a phone number, in the stored form, for a prefix
    match: '+84 912 345' -> '0912345', '0912.345.678' -> '0912345678', '0033 6' -> '+336',
    '84912345678' -> '0912345678'. None when the term is not made of digits (and + . - ( ) / spaces)."""
    digits = _phone_digits(term or "")
    body = digits.removeprefix("+")
    if not body.isdigit() or "+" in body:
        return None
    if digits.startswith(("+", "00")):
        international = body if digits.startswith("+") else body[2:]
        if international.startswith(VN_CODE):
            return _national(international[len(VN_CODE) :])
        return "+" + international
    if digits.startswith(VN_CODE) and len(digits) in (11, 12):
        return _national(digits[len(VN_CODE) :])
    return digits


def number_term(term: str) -> str | None:
    """The ASCII digits of a search term typed as a number ('001 090.012-345', '+84 912', '(024)
    3825'), or None when it holds anything else (letters) or no digit."""
    digits = _phone_digits(term or "").removeprefix("+")
    return digits if digits.isdigit() else None


# -- search keys -------------------------------------------------------------------------------

_TRANSLATE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: 'Nguyễn  Văn Ấn' -> 'nguyen van an'. The
    text is cleaned first (``clean_line``: invisible characters out, Ð/ð/Ɖ/ɖ as Đ/đ) and
    compatibility forms folded (NFKD: full-width 'Ｌａｎ' is 'lan'), so 'Ðặng' and 'Đặng' are 'dang'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", clean_line(text).translate(_TRANSLATE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def search_words(text: str) -> list[str]:
    """The words of a search term, folded (``fold``), each once, in the order typed: every one must
    match, in any order ('van hoa khanh hoa' -> ['van', 'hoa', 'khanh'])."""
    return list(dict.fromkeys(fold(text).split()))


# -- Vietnamese alphabetical order -------------------------------------------------------------
# The alphabet (Quyết định 240/QĐ of 1984 on Vietnamese spelling; every dictionary's order):
# a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with the Latin letters Vietnamese
# lacks (f j w z) in their Latin places. A word is compared letter by letter on these letters; its
# tone (dấu thanh) decides only between words of the same letters, in the order ngang, huyền, hỏi,
# ngã, sắc, nặng (a à ả ã á ạ). So Doãn, Dư, Dương, Đào, Đinh, Đỗ; Hoàng before Hồ (o before ô);
# Dương before Đặng.

# Each letter as two ASCII characters, in alphabetical order: the Latin base letter, then 0 for
# the plain letter and 1, 2 for its Vietnamese variants (ă â; đ; ê; ô ơ; ư). Digits come first.
_VARIANTS = {"ă": "a1", "â": "a2", "đ": "d1", "ê": "e1", "ô": "o1", "ơ": "o2", "ư": "u1"}
# Combining marks that make a Vietnamese letter (breve, circumflex, horn) and those that are tones.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WORD_BREAKS = re.compile("[ /\u2010-\u2015-]+")  # spaces, hyphens and dashes, slashes
_HAS_BREAK = re.compile("[/\u2010-\u2015-]").search
# Between words: above the separator of the tones and below every letter's code, so that a word
# sorts before the longer words it begins ('Ho Van' < 'Hoa', 'Lan' < 'Lan Anh').
WORD_SEPARATOR = "!"
TONE_SEPARATOR = " "
# A letter of another script: after every Latin letter.
_OTHER_LETTER = "~0"


def _sort_letter(char: str) -> tuple[str, str]:
    """(code, tone) of one lower-case character: ('a1', '4') for 'ắ', ('', '') for punctuation."""
    if char in _VARIANTS:
        return _VARIANTS[char], ""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((_TONES[m] for m in marks if m in _TONES), "")
    if "a" <= base <= "z":
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        return _VARIANTS.get(letter, base + "0"), tone
    if base.isdecimal():
        return ascii_digits(base) + "0", ""
    if base.isalpha():
        return _OTHER_LETTER, tone
    return "", ""


@functools.lru_cache(maxsize=1 << 16)
def _sort_word(word: str) -> tuple[str, str]:
    """(letters, tone) of a word: its letters' codes and the first tone found ('0': none). Cached:
    names are made of a few thousand words (an import of 100,000 people computes a few thousand)."""
    codes, tone = [], ""
    for char in word:
        code, mark = _sort_letter(char)
        codes.append(code)
        tone = tone or mark
    return "".join(codes), tone or "0"


def vietnamese_sort_key(name: str, *, given_first: bool = True, limit: int | None = None) -> str:
    """An ASCII string whose byte order (SQLite's, PostgreSQL's "C") is Vietnamese alphabetical
    order of ``name``: the words' letters (see the alphabet above), then their tones as the last
    tie-break. ``given_first``: a person's name is ordered by the given name (the last word) and
    then the family and middle names, as officers' lists are ('Nguyễn Thị Lan' as 'Lan Nguyễn
    Thị'); False orders it as written (family name first; unit names). Cleaned first
    (``clean_line``: Ð as Đ), case ignored; ``limit`` cuts the key to a column's length.

    'Dương' < 'Đặng'; 'Hoàng' < 'Hồ'; 'Hồ' < 'Hổ' (same letters: huyền before hỏi)."""
    key = _sort_keys(name or "")[0 if given_first else 1]
    return key[:limit] if limit else key


def _joined(words: list[tuple[str, str]]) -> str:
    if not words:
        return ""
    return WORD_SEPARATOR.join([w[0] for w in words]) + TONE_SEPARATOR + "".join([w[1] for w in words])


@functools.lru_cache(maxsize=1 << 14)
def _sort_keys(name: str) -> tuple[str, str]:
    """(given name first, as written) keys of ``name``; both from one reading of its words."""
    line = clean_line(name).lower()
    parts = _WORD_BREAKS.split(line) if _HAS_BREAK(line) else line.split(" ")
    words = [coded for coded in map(_sort_word, parts) if coded[0]]
    as_written = _joined(words)
    return (_joined([words[-1], *words[:-1]]) if len(words) > 1 else as_written), as_written
