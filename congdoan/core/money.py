"""Money: whole Vietnamese đồng (VND), stored as ``int``. There are no smaller units in use.

Officers type amounts the way they write them. The one rule, for every form, API field (``core.api.vnd``)
and Excel cell that takes an amount:

- **Taken**: ``1.000.000``, ``1 000 000`` (any space, the no-break ones Excel and Word put in
  included) or ``1000000``; ``đ``, ``đồng``, ``VNĐ`` or ``VND`` after the number or before it, in any
  case, with or without a space; spaces around the whole, doubled, or next to a dot
  (``1.000. 000``) are slips and ignored.
- **Refused, saying what to write** (``1.000.000``): thousands grouped by commas the English way
  (``1,000,000``, ``1, 000, 000``, ``1,000,000.00``; code ``thousands_comma``), since Vietnamese writes
  a comma before decimals and the officer plainly meant a whole amount; a whole amount written with
  a zero decimal part (``1.000.000,00``; code ``decimal``).
- **Refused as decimals** (code ``decimal``): ``1.000,5``, ``1000,5``, ``12,5``, and a dot that does
  not group three digits (``1000.5``, ``1.00``), which cannot be told from a decimal.
- **Refused as negative** (``-1.000``; code ``negative``) and as **not an amount** (words such as
  ``1 triệu``, two kinds of separator, ``1.0000.000``; code ``invalid``).

Every message quotes the value as typed; forms put it under the field, the API under the field's
name (422), imports under the row and column.

- ``parse_vnd(text) -> int``: ``ValidationError`` (one of the codes above) otherwise.
- ``format_vnd(1000000) -> "1.000.000"``; ``vnd_in_words(1250000) -> "Một triệu hai trăm năm mươi
  nghìn đồng"`` (num2words, lang "vi").
- ``VndField``: a form field for an amount; ``{{ amount|vnd }}`` / ``{{ n|number }}`` in templates
  (``{% load formats %}``).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from num2words import num2words

from .numbers import format_number

# The currency, tolerated after the number or before it, compared lower-case.
_CURRENCY = r"(?:vnđ|vnd|đồng|đ)\.?"
_SUFFIX = re.compile(rf"\s*{_CURRENCY}\s*$", re.IGNORECASE)
_PREFIX = re.compile(rf"^\s*{_CURRENCY}\s*(?=\d)", re.IGNORECASE)
# Plain digits, or groups of three after a first group of one to three, with one separator.
_PLAIN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?P<sep>[. ])\d{3}(?:(?P=sep)\d{3})*")
# Thousands grouped by commas the English way ("1,000,000", "1,000,000.00").
_COMMA_GROUPED = re.compile(r"(?P<whole>\d{1,3}(?:,\d{3})+)(?:\.0{1,2})?")
# A whole amount with a zero decimal part the Vietnamese way ("1.000.000,00").
_ZERO_DECIMALS = re.compile(r"(?P<whole>\d{1,3}(?:\.\d{3})+|\d+),0{1,2}")

INVALID = _("'%(value)s' không phải là số tiền hợp lệ (số đồng, ví dụ 1.000.000).")
DECIMAL = _("'%(value)s': số tiền phải là số đồng chẵn, không có phần thập phân.")
NEGATIVE = _("'%(value)s': số tiền không được âm.")
COMMA_GROUPS = _(
    "'%(value)s': số tiền không dùng dấu phẩy giữa các nghìn (dấu phẩy là dấu thập phân); "
    "hãy viết %(dotted)s."
)
ZERO_DECIMALS = _("'%(value)s': số tiền là số đồng chẵn, không ghi phần thập phân; hãy viết %(dotted)s.")

# The largest amount a form takes unless it says otherwise: 10,000 billion đồng, far above any union
# budget line and well inside a 64-bit column (a longer number is a typing slip, not an amount).
MAX_VND = 10**13


TOO_LARGE_TOTAL = _("%(count)s × %(value)s đồng = %(total)s đồng, vượt mức tối đa %(max)s đồng.")


def total_error(count: int, value: int):
    """A message when ``count`` items of ``value`` đồng add up beyond ``MAX_VND`` (each number may be
    fine on its own: 2,000,000 × 9,000,000,000,000 is not an amount any union gives), else None."""
    if count * value <= MAX_VND:
        return None
    return TOO_LARGE_TOTAL % {
        "count": format_vnd(count),
        "value": format_vnd(value),
        "total": format_vnd(count * value),
        "max": format_vnd(MAX_VND),
    }


def parse_vnd(value: str | int) -> int:
    """The amount in đồng that ``value`` writes. Raises ``ValidationError`` (code ``invalid``,
    ``decimal`` or ``negative``) whose message quotes the value."""
    if isinstance(value, bool):
        raise ValidationError(INVALID, code="invalid", params={"value": value})
    if isinstance(value, int):
        if value < 0:
            raise ValidationError(NEGATIVE, code="negative", params={"value": value})
        return value
    raw = str(value).strip()
    params = {"value": raw}
    # Any run of spaces (no-break ones included) is one space; spaces next to a separator are slips.
    text = re.sub(r"\s+", " ", raw)
    text = _PREFIX.sub("", _SUFFIX.sub("", text)).strip()
    text = re.sub(r" ?([.,]) ?", r"\1", text)
    if text.startswith(("-", "−")):
        raise ValidationError(NEGATIVE, code="negative", params=params)
    if _PLAIN.fullmatch(text) or _GROUPED.fullmatch(text):
        return int(re.sub(r"\D", "", text))
    for pattern, message, code in (
        (_COMMA_GROUPED, COMMA_GROUPS, "thousands_comma"),
        (_ZERO_DECIMALS, ZERO_DECIMALS, "decimal"),
    ):
        if match := pattern.fullmatch(text):
            dotted = format_vnd(int(re.sub(r"\D", "", match["whole"])))
            raise ValidationError(message, code=code, params={**params, "dotted": dotted})
    if re.fullmatch(r"[\d. ]*\d[.,]\d{1,2}|\d+[.,]\d+", text) or (
        "," in text and re.fullmatch(r"[\d., ]+", text)
    ):
        raise ValidationError(DECIMAL, code="decimal", params=params)
    raise ValidationError(INVALID, code="invalid", params=params)


def format_vnd(amount: int | None) -> str:
    """``1000000 -> "1.000.000"`` (dots between thousands, ``core.numbers``); ``None -> ""``."""
    return format_number(None if amount is None else int(amount))


def vnd_in_words(amount: int) -> str:
    """The amount in words, as written on a decision or a receipt:
    ``1250000 -> "Một triệu hai trăm năm mươi nghìn đồng"``."""
    words = num2words(int(amount), lang="vi")
    return f"{words[:1].upper()}{words[1:]} đồng"


class VndInput(forms.TextInput):
    """A text box for an amount: a numeric keyboard on phones, the value shown with dots."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return format_vnd(value) if isinstance(value, int) else super().format_value(value)


class VndField(forms.Field):
    """An amount in đồng (``int``), typed as ``parse_vnd`` reads it; ``max_value`` optional."""

    widget = VndInput
    default_error_messages = {"max_value": _("Số tiền không được lớn hơn %(limit)s đồng.")}

    def __init__(self, *, max_value: int | None = MAX_VND, **kwargs):
        self.max_value = max_value
        super().__init__(**kwargs)

    def to_python(self, value) -> int | None:
        if value in self.empty_values:
            return None
        return parse_vnd(value)

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None and self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": format_vnd(self.max_value)},
            )
