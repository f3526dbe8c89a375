"""Vietnamese alphabetical order (core.text.vietnamese_sort_key) and the words of a search."""

import pytest

from congdoan.core.text import search_words, vietnamese_sort_key


def by_family(names):
    return sorted(names, key=lambda n: vietnamese_sort_key(n, given_first=False))


def by_given(names):
    return sorted(names, key=vietnamese_sort_key)


def test_d_and_dd_are_not_interleaved():
    assert by_family(["Đào", "Đinh", "Đỗ", "Doãn", "Dư", "Dương"]) == [
        "Doãn",
        "Dư",
        "Dương",
        "Đào",
        "Đinh",
        "Đỗ",
    ]


@pytest.mark.parametrize(
    "first, second",
    [
        ("Hoàng", "Hồ"),  # o before ô: letters first
        ("Dương", "Đặng"),  # d before đ
        ("Ho", "Hoa"),  # a word before the longer words it begins
        ("Ho Van", "Hoa"),
        ("Lan", "Lan Anh"),
        ("An", "Ăn"),
        ("Ăn", "Ân"),
        ("Ân", "Bá"),
        ("E", "Ê"),
        ("Ô", "Ơ"),
        ("Ơ", "P"),
        ("U", "Ư"),
        ("Ư", "V"),
        ("Hồ", "Hổ"),  # same letters: the tone decides
        ("Công đoàn 2", "Công đoàn A"),  # digits before letters
    ],
)
def test_pairs_in_order(first, second):
    assert vietnamese_sort_key(first, given_first=False) < vietnamese_sort_key(second, given_first=False)


def test_tones_after_letters_in_dictionary_order():
    tones = ["ba", "bà", "bả", "bã", "bá", "bạ"]  # ngang, huyền, hỏi, ngã, sắc, nặng
    assert by_family(list(reversed(tones))) == tones
    # The tone is only a tie-break: 'bạ' (b-a) comes before 'bac' (b-a-c).
    assert by_family(["bac", "bạ"]) == ["bạ", "bac"]


def test_given_name_first_then_family_name():
    names = ["Nguyễn Thị Lan", "Trần Văn An", "Lê Thị Lan", "Đỗ Bình", "Nguyễn An"]
    assert by_given(names) == ["Nguyễn An", "Trần Văn An", "Đỗ Bình", "Lê Thị Lan", "Nguyễn Thị Lan"]
    assert by_family(names) == ["Đỗ Bình", "Lê Thị Lan", "Nguyễn An", "Nguyễn Thị Lan", "Trần Văn An"]


def test_given_name_order_of_the_d_list():
    names = ["Bùi Văn Đào", "Lê Đinh", "Trần Thị Đỗ", "Phạm Doãn", "Hà Dư", "Lý Văn Dương"]
    assert by_given(names) == ["Phạm Doãn", "Hà Dư", "Lý Văn Dương", "Bùi Văn Đào", "Lê Đinh", "Trần Thị Đỗ"]


@pytest.mark.parametrize(
    "typed",
    [
        "ÐẶNG Văn Ấn",  # U+00D0, a look-alike of Đ, and upper case
        "\ufeffĐặng\u200b Văn  Ấn ",  # BOM, zero-width space, spaces
        "Đă\u0323ng Văn A\u0302\u0301n",  # decomposed
    ],
)
def test_typed_any_way_sorts_as_the_clean_name(typed):
    assert vietnamese_sort_key(typed) == vietnamese_sort_key("Đặng Văn Ấn")


def test_key_is_ascii_and_can_be_cut():
    key = vietnamese_sort_key("Nguyễn Thị Lan")
    assert key.isascii() and key.isprintable()
    assert vietnamese_sort_key("Nguyễn Thị Lan", limit=5) == key[:5]
    assert vietnamese_sort_key("") == vietnamese_sort_key("  ") == ""


def test_search_words():
    assert search_words("Văn hóa  KHÁNH hòa") == ["van", "hoa", "khanh"]
    assert search_words("\u200b") == []
