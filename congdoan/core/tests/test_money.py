import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from congdoan.core.money import VndField, format_vnd, parse_vnd, vnd_in_words


@pytest.mark.parametrize(
    "text",
    [
        "1.000.000",
        "1000000",
        "1 000 000",
        "1\u00a0000\u00a0000",
        " 1.000.000 đ",
        "1.000.000đ",
        "1000000 VNĐ",
        "1.000.000 vnd",
        "1 000 000 đồng",
        "1\u202f000\u202f000",  # the narrow no-break space Word and Excel put in
        "VNĐ 1.000.000",
        "đ1.000.000",
        "1.000.000 VNĐ.",
        "  1.000.000   đồng ",
        "1.000. 000",  # a space typed after a dot
        "1 000  000",
    ],
)
def test_parse_the_ways_officers_write_it(text):
    assert parse_vnd(text) == 1_000_000


@pytest.mark.parametrize(("text", "amount"), [("0", 0), ("5", 5), ("999", 999), ("12.500", 12500), (7, 7)])
def test_small_amounts(text, amount):
    assert parse_vnd(text) == amount


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.000,5", "decimal"),
        ("1000,5", "decimal"),
        ("1000.5", "decimal"),
        ("1.00", "decimal"),
        ("1,000,000", "thousands_comma"),  # the comma is the Vietnamese decimal sign
        ("1.000.000,00", "decimal"),
        ("1,000,000.50", "decimal"),
        ("1.000.000đ đ", "invalid"),
        ("1,5 triệu", "invalid"),
        ("-1.000", "negative"),
        ("−500", "negative"),
        (-3, "negative"),
        ("", "invalid"),
        ("một triệu", "invalid"),
        ("1.000 000", "invalid"),  # two separators
        ("1.0000.000", "invalid"),
    ],
)
def test_refused_with_a_vietnamese_message(text, code):
    with pytest.raises(ValidationError) as exc:
        parse_vnd(text)
    assert exc.value.code == code
    message = exc.value.messages[0]
    assert str(text) in message and ("số tiền" in message or "Số tiền" in message)


def test_decimal_message():
    with pytest.raises(ValidationError) as exc:
        parse_vnd("1.000,5")
    assert exc.value.messages == ["'1.000,5': số tiền phải là số đồng chẵn, không có phần thập phân."]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1_000_000, "1.000.000"),
        (1_234_567_890, "1.234.567.890"),
        (None, ""),
    ],
)
def test_format(amount, text):
    assert format_vnd(amount) == text


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (0, "Không đồng"),
        (105, "Một trăm lẻ năm đồng"),
        (2_005_000, "Hai triệu năm nghìn đồng"),
    ],
)
def test_in_words(amount, words):
    assert vnd_in_words(amount) == words


def test_field():
    field = VndField(max_value=10_000_000)
    assert field.clean("1.500.000 đ") == 1_500_000
    assert VndField(required=False).clean("") is None
    with pytest.raises(ValidationError) as exc:
        field.clean("20.000.000")
    assert exc.value.messages == ["Số tiền không được lớn hơn 10.000.000 đồng."]
    with pytest.raises(ValidationError):
        field.clean("1,5")
    assert 'value="1.500.000"' in field.widget.render("amount", 1_500_000)
    assert 'inputmode="numeric"' in field.widget.render("amount", None)


def test_filters():
    template = Template("{% load formats %}{{ a|vnd }}|{{ n|number }}|{{ none|number }}|{{ a|vnd_words }}")
    out = template.render(Context({"a": 1_250_000, "n": 12345, "none": None}))
    assert out == "1.250.000\u00a0đ|12.345|None|Một triệu hai trăm năm mươi nghìn đồng"


def test_a_product_beyond_the_largest_amount_names_both_numbers():
    from congdoan.core.money import MAX_VND, total_error

    assert total_error(1, MAX_VND) is None
    assert total_error(2, MAX_VND) == (
        "2 × 10.000.000.000.000 đồng = 20.000.000.000.000 đồng, vượt mức tối đa 10.000.000.000.000 đồng."
    )


@pytest.mark.parametrize(
    ("text", "dotted"),
    [
        ("1,000,000", "1.000.000"),
        ("1,000,000 đ", "1.000.000"),
        ("1,000,000VNĐ", "1.000.000"),
        ("1, 000, 000", "1.000.000"),  # stray spaces after the commas
        ("2,100,000,000 đồng", "2.100.000.000"),
        ("1,000,000.00", "1.000.000"),  # the English decimals too
        ("30,000", "30.000"),
    ],
)
def test_thousands_grouped_by_commas_are_refused_with_the_dotted_spelling(text, dotted):
    """ "1,000,000" is not a decimal an officer meant: the message names the comma between thousands
    and says what to write."""
    with pytest.raises(ValidationError) as exc:
        parse_vnd(text)
    assert exc.value.code == "thousands_comma"
    assert exc.value.messages == [
        f"'{text}': số tiền không dùng dấu phẩy giữa các nghìn (dấu phẩy là dấu thập phân); hãy viết {dotted}."
    ]


@pytest.mark.parametrize(("text", "dotted"), [("1.000.000,00", "1.000.000"), ("500000,0", "500.000")])
def test_a_zero_decimal_part_is_refused_with_the_whole_spelling(text, dotted):
    with pytest.raises(ValidationError) as exc:
        parse_vnd(text)
    assert exc.value.code == "decimal"
    assert exc.value.messages == [
        f"'{text}': số tiền là số đồng chẵn, không ghi phần thập phân; hãy viết {dotted}."
    ]
