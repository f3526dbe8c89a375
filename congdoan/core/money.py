"""Money: whole Vietnamese đồng (VND), stored as ``int``. There are no smaller units in use.

Officers type amounts the way they write them: ``1.000.000``, ``1 000 000`` or ``1000000``,
often with ``đ``, ``đồng`` or ``VNĐ`` after. Vietnamese writes a dot between thousands and a comma
before decimals, so ``1.000,5`` and ``1000,5`` are decimals and refused; a dot that does not group
three digits (``1000.5``, ``1.00``) is refused as well, since it cannot be told from a decimal.

- ``parse_vnd(text) -> int``: ``ValidationError`` (Vietnamese message naming the value) otherwise.
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

# Suffixes tolerated after the number, compared lower-case.
_SUFFIX = re.compile(r"\s*(vnđ|vnd|đồng|đ)\.?\s*$", re.IGNORECASE)
# Plain digits, or groups of three after a first group of one to three, with one separator.
_PLAIN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?P<sep>[. \u00a0])\d{3}(?:(?P=sep)\d{3})*")

INVALID = _("'%(value)s' không phải là số tiền hợp lệ (số đồng, ví dụ 1.000.000).")
DECIMAL = _("'%(value)s': số tiền phải là số đồng chẵn, không có phần thập phân.")
NEGATIVE = _("'%(value)s': số tiền không được âm.")
COMMA_GROUPS = _(
    "'%(value)s': dấu phẩy là dấu thập phân; số tiền viết dấu chấm giữa các nghìn (ví dụ %(dotted)s)."
)
# Thousands grouped by commas the English way ("1,000,000"): refused like any decimal, but the
# message shows how to write it, since the officer plainly meant a whole amount.
_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")

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
    text = _SUFFIX.sub("", raw).strip()
    params = {"value": raw}
    if text.startswith(("-", "−")):
        raise ValidationError(NEGATIVE, code="negative", params=params)
    if _PLAIN.fullmatch(text) or _GROUPED.fullmatch(text):
        return int(re.sub(r"\D", "", text))
    if _COMMA_GROUPED.fullmatch(text):
        dotted = text.replace(",", ".")
        raise ValidationError(COMMA_GROUPS, code="decimal", params={**params, "dotted": dotted})
    if re.fullmatch(r"[\d. \u00a0]*\d[.,]\d{1,2}|\d+[.,]\d+", text) or (
        "," in text and re.fullmatch(r"[\d., \u00a0]+", text)
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
