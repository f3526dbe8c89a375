"""core.text: one rule for text as typed (invisible characters, NFC, spaces, look-alikes),
identifiers, phone numbers and the search key."""

import random
import unicodedata

import pytest

from congdoan.core import text
from congdoan.core.text import (
    InvalidPhone,
    clean_all,
    clean_identifier,
    clean_line,
    clean_text,
    fold,
    normalize_phone,
    number_term,
    phone_or_line,
    phone_prefix,
)

NAME = "Nguyễn Văn Đức"

# Every kind of character that has no business in a stored name, by Unicode class.
INVISIBLE = {
    "NUL": "\x00",
    "control (BEL)": "\x07",
    "control (ESC)": "\x1b",
    "DEL": "\x7f",
    "C1 control": "\x9b",
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "byte-order mark": "\ufeff",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "bidi embedding": "\u202a",
    "bidi override": "\u202e",
    "bidi isolate": "\u2066",
    "Arabic letter mark": "\u061c",
    "Mongolian vowel separator": "\u180e",
    "invisible times": "\u2062",
    "interlinear annotation": "\ufff9",
    "combining grapheme joiner": "\u034f",
    "Hangul filler": "\u3164",
    "halfwidth Hangul filler": "\uffa0",
    "variation selector": "\ufe0f",
    "variation selector supplement": "\U000e0100",
    "tag character": "\U000e0041",
    "Braille blank": "\u2800",
    "lone surrogate": "\ud800",
    "noncharacter": "\ufffe",
    "noncharacter (plane 16)": "\U0010ffff",
}
SPACES = {
    "tab": "\t",
    "no-break space": "\u00a0",
    "en space": "\u2002",
    "thin space": "\u2009",
    "narrow no-break space": "\u202f",
    "ideographic space": "\u3000",
    "line feed": "\n",
    "carriage return": "\r",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "next line": "\x85",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_are_removed_wherever_they_are(char):
    for typed in (f"{char}{NAME}", f"{NAME}{char}", f"Nguy{char}ễn Văn Đức", f"Nguyễn{char} Văn Đức"):
        assert clean_line(typed) == NAME
        assert clean_text(typed) == NAME
        assert fold(typed) == "nguyen van duc"


@pytest.mark.parametrize("char", SPACES.values(), ids=SPACES.keys())
def test_every_space_and_line_break_is_one_space_in_a_line(char):
    assert clean_line(f"{char} Nguyễn{char}{char}Văn {char}Đức{char}") == NAME


def test_nfc_and_look_alikes():
    decomposed = unicodedata.normalize("NFD", NAME)
    assert decomposed != NAME and clean_line(decomposed) == NAME
    assert clean_line("Nguye\u0302\u0303n") == "Nguyễn"  # e + circumflex + tilde, as some keyboards type it
    assert clean_line("ÐẶNG Thị Ðào, ðinh, Ɖỗ, ɖương") == "ĐẶNG Thị Đào, đinh, Đỗ, đương"
    assert clean_line("Ðặng") == "Đặng" == clean_line(unicodedata.normalize("NFD", "Ðặng"))


def test_clean_line_keeps_clean_text_as_it_is():
    for clean in (
        NAME,
        "Trần Thị Ánh",
        "T000123",
        "a",
        "Ơn Ưng",
        "ĐOÀN VIÊN",
        "Kỹ sư (CNTT) – hạng III",
        "🙂",
    ):
        assert clean_line(clean) is clean
    assert clean_line("") == "" and clean_line(None) is None


def test_multi_line_text_keeps_its_lines_and_indentation():
    typed = "\ufeff Dòng một  \r\n\r\n  - ý\u200b thứ  hai\u2028Dòng\tba \n\n"
    assert clean_text(typed) == "Dòng một\n\n  - ý thứ hai\nDòng ba"
    assert clean_text("Một\nHai") == "Một\nHai"


def test_identifiers_compare_equal_however_typed():
    for typed in ("CD001", "cd001", "CD\u200b001", " CD 001 ", "ＣＤ００１", "\ufeffcd\u00ad001"):
        assert clean_identifier(typed) == "CD001"
    assert clean_identifier("001.090-012 345", drop=".-") == "001090012345"
    assert clean_identifier("٠٠١٠٩٠٠١٢٣٤٥") == "001090012345"  # Arabic-Indic digits


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("(091) 234 5678", "0912345678"),
        ("\u200b0912 345 678\ufeff", "0912345678"),
        ("０９１２３４５６７８", "0912345678"),
        ("024 3825 6789", "02438256789"),  # a fixed line: 11 digits
        ("+84 24 3825 6789", "02438256789"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("+1 (202) 555-0143", "+12025550143"),
        ("", ""),
        (None, ""),
    ],
)
def test_phone_numbers_have_one_stored_form(typed, stored):
    assert normalize_phone(typed) == stored
    assert phone_or_line(typed or "") == stored


@pytest.mark.parametrize(
    "typed",
    ["abc", "0912abc678", "12345", "091234567", "091234567890", "+84", "+0912345678", "0912+345678", "1900"],
)
def test_garbage_is_no_phone_number(typed):
    with pytest.raises(InvalidPhone) as exc:
        normalize_phone(typed)
    assert str(exc.value).startswith(f"Số điện thoại '{typed}' không hợp lệ")
    assert phone_or_line(f" {typed}\u200b") == typed  # stored as typed, but clean, if ever unchecked


@pytest.mark.parametrize(
    ("term", "prefix"),
    [
        ("+84 912 345 678", "0912345678"),
        ("+84 912", "0912"),
        ("0912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084912", "0912"),
        ("0033 6 12", "+33612"),
        ("+33 6", "+336"),
        ("0912", "0912"),
        ("Nguyễn", None),
    ],
)
def test_a_search_term_is_a_phone_prefix_in_the_stored_form(term, prefix):
    assert phone_prefix(term) == prefix


def test_number_terms():
    assert number_term("001 090.012-345") == "001090012345"
    assert number_term("+84 (912) 345") == "84912345"
    assert number_term("A-001") is None and number_term("lan") is None and number_term("") is None


def test_fold_keeps_its_behaviour_for_clean_text_and_folds_the_rest():
    assert fold("Nguyễn  Văn Ấn") == "nguyen van an"
    assert fold("ĐẶNG Thị Đào") == "dang thi dao"
    assert fold("Ðặng") == fold("Đặng") == fold("ɖặng") == "dang"
    assert fold("Ｌａｎ") == "lan"  # full width
    assert fold("\u200bNguyễn\u00adVăn") == "nguyenvan"
    assert fold("") == "" and fold(None) == ""


@pytest.mark.parametrize(
    ("cleaner", "clean"),
    [
        (clean_line, ["Nguyễn Văn An", "T000001", "Kỹ sư"]),
        (clean_text, ["Nguyễn Văn An", "Dòng một\nDòng hai"]),
        (text.identifier_cleaner(""), ["T000001", "CD-001/2024"]),
        (text.identifier_cleaner(".-"), ["001090012345"]),
        (phone_or_line, ["0912345678", "02438256789", "+33612345678"]),
    ],
    ids=["line", "text", "identifier", "id_number", "phone"],
)
def test_a_column_at_once_is_the_same_as_value_by_value(cleaner, clean):
    """``clean_all``'s one check of a whole column never lets a dirty value through."""
    pieces = [
        "Nguyễn",
        "Văn",
        "cd",
        "001",
        "0912345678",
        "+84",
        " ",
        "  ",
        "\n",
        "-",
        ".",
        *INVISIBLE.values(),
        *SPACES.values(),
        "Ð",
        "e\u0303",
        "Ａ",
    ]
    rng = random.Random(9)
    for _ in range(300):
        column = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 5))
        ]
        column += [None, ""]
        assert list(clean_all(cleaner, column)) == [cleaner(v) if v else v for v in column]
    assert clean_all(cleaner, clean) is clean  # a clean column: one check, nothing rebuilt
