"""Numbers and money on pages: ``{% load formats %}``.

- ``{{ n|number }}``: an integer with dots between thousands (``12345 -> "12.345"``); anything
  that is not an integer (``None``, text) is shown unchanged.
- ``{{ amount|vnd }}``: an amount in đồng, ``1000000 -> "1.000.000 đ"``.
- ``{{ amount|vnd_words }}``: ``"Một triệu đồng"``.
"""

from django import template

from congdoan.core.money import format_vnd, vnd_in_words

register = template.Library()


def _integer(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@register.filter
def number(value):
    n = _integer(value)
    return value if n is None else format_vnd(n)


@register.filter
def vnd(value):
    n = _integer(value)
    return value if n is None else f"{format_vnd(n)}\u00a0đ"


@register.filter
def vnd_words(value):
    n = _integer(value)
    return value if n is None else vnd_in_words(n)
